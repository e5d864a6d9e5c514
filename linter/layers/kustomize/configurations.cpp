// `configurations:`: files of custom field specs. The `images`,
// `nameReference`, `varReference`, `commonLabels`, `templateLabels`,
// `commonAnnotations`, `namespace`, `namePrefix`, `nameSuffix` and `replicas`
// sections are followed (an image field of a custom resource, a custom
// resource's reference to a ConfigMap, a `$(VAR)` in a certificate's DNS
// names, a custom resource's label selector, a webhook's service namespace, a
// custom resource's replica count), every section kustomize has; any other
// is WC912, as kustomize fails on it.
#include "builder.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat::kustomize {

namespace {

/// The sections of kustomize's TransformerConfig.
constexpr std::string_view kConfigurationSections[] = {
    "namePrefix",        "nameSuffix",    "namespace",    "commonLabels", "templateLabels",
    "commonAnnotations", "nameReference", "varReference", "images",       "replicas"};

/// The section `key` names, matched as Go's JSON decoding matches a field
/// (exactly, else whatever its case); empty when it names none.
std::string_view configuration_section(std::string_view key) {
  for (std::string_view name : kConfigurationSections) {
    if (name == key) {
      return name;
    }
  }
  for (std::string_view name : kConfigurationSections) {
    if (iequals(name, key)) {
      return name;
    }
  }
  return {};
}

} // namespace

bool Builder::read_configurations(const Kustomization &k) {
  bool ok = true;
  for (const KNode *entry : string_list(k, "configurations", ok)) {
    const std::string display = (fs::path(k.dir) / entry->value).lexically_normal().generic_string();
    const std::string fs_path = (fs::path(k.fs_dir) / entry->value).lexically_normal().generic_string();
    if (!may_read(k, display, fs_path, span_of(*entry), "the configuration")) {
      ok = false;
      continue;
    }
    std::vector<KNode> documents;
    std::string why;
    if (!parse_file(display, fs_path, OriginRole::Kustomization, documents, why)) {
      if (!why.empty()) {
        fail(k.path, span_of(*entry), "the configuration " + display + " " + why);
      }
      ok = false;
      continue;
    }
    for (KNode &document : documents) {
      if (!document.is_map()) {
        continue;
      }
      for (KEntry &section : document.entries) {
        const std::string_view name = configuration_section(section.key);
        if (name.empty()) {
          // kustomize decodes a configuration strictly.
          const Span at = section.key_chain.empty() ? Span{} : section.key_chain.front().span;
          fail(display, at, "invalid configuration: unknown field `" + section.key + "`");
          ok = false;
          continue;
        }
        section.key = std::string(name);
        if (!section.value.is_seq()) {
          continue;
        }
        if (section.key != "nameReference") {
          std::vector<FieldSpec> &specs = custom_specs_[section.key];
          for (const KNode &item : section.value.items) {
            specs.push_back(field_spec_of(item));
          }
        } else {
          for (const KNode &item : section.value.items) {
            NameBackReference reference{item.str("group"), item.str("version"), item.str("kind"), {}};
            if (const KNode *specs = item.get("fieldSpecs"); specs && specs->is_seq()) {
              for (const KNode &spec : specs->items) {
                reference.referrers.push_back(field_spec_of(spec));
              }
            }
            custom_name_refs_.push_back(std::move(reference));
          }
        }
      }
    }
  }
  return ok;
}

const std::vector<FieldSpec> &Builder::custom_field_specs(std::string_view section) const {
  static const std::vector<FieldSpec> none;
  const auto custom = custom_specs_.find(section);
  return custom == custom_specs_.end() ? none : custom->second;
}

std::vector<FieldSpec> Builder::label_field_specs(std::string_view section) const {
  std::vector<FieldSpec> specs = default_field_specs(section);
  for (const FieldSpec &spec : custom_field_specs(section)) {
    // kustomize's merge of configurations keeps one spec of a path for the
    // kinds one already selects (FsSlice.mergeOne), so a `metadata/name`
    // prefix spec is not applied twice.
    const bool known = std::any_of(specs.begin(), specs.end(), [&](const FieldSpec &have) {
      return have.path == spec.path && (spec.group.empty() || have.group == spec.group) &&
             (spec.version.empty() || have.version == spec.version) &&
             (spec.kind.empty() || have.kind == spec.kind);
    });
    if (!known) {
      specs.push_back(spec);
    }
  }
  return specs;
}

} // namespace wincompat::kustomize
