// kustomize's builtin plugins configured under `generators:` and
// `transformers:` (files, or inline YAML text): each config is run as the
// kustomization field that does the same (ImageTagTransformer as `images:`,
// PatchTransformer as `patches:`, ...), after the kustomization's own
// generators and transformers, as kustomize runs them. The prefix, suffix,
// label and annotation transformers change exactly the fields their
// `fieldSpecs` name. Other plugins are not run: a notice at their entry
// says so.
#include "builder.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace wincompat::kustomize {

namespace {

std::string plugins_join(const std::string &dir, const std::string &relative) {
  fs::path joined = (dir.empty() || dir == ".") ? fs::path(relative) : fs::path(dir) / relative;
  std::string out = joined.lexically_normal().generic_string();
  return out.empty() ? "." : out;
}

KNode plugins_list(KNode item) {
  KNode list = KNode::make_seq();
  list.items.push_back(std::move(item));
  return list;
}

/// Copies `config`'s field `from` to `fields` as `to`, when present.
void plugins_copy(const KNode &config, std::string_view from, KNode &fields, std::string_view to) {
  if (const KNode *value = config.get(from); value && !value->is_null()) {
    fields.set(to, *value);
  }
}

/// A plugin config's `fieldSpecs`, as kustomize reads them.
std::vector<FieldSpec> plugins_field_specs(const KNode &config) {
  std::vector<FieldSpec> out;
  if (const KNode *specs = config.get("fieldSpecs"); specs && specs->is_seq()) {
    for (const KNode &item : specs->items) {
      if (item.is_map()) {
        out.push_back(field_spec_of(item));
      }
    }
  }
  return out;
}

/// The nodes `spec` names in `object` (made when it says `create`).
void plugins_walk(KNode &object, const FieldSpec &spec, bool last_map,
                  const std::function<void(KNode &)> &visit) {
  if (spec.create) {
    walk_field_spec_creating(object, spec.fields(), last_map, visit);
  } else {
    walk_field_spec(object, spec.fields(), visit);
  }
}

/// Applies `visit` to the fields `specs` select in each resource.
void plugins_apply(std::vector<Resource> &resources, const std::vector<FieldSpec> &specs, bool last_map,
                   const std::function<void(Resource &, const FieldSpec &, KNode &)> &visit) {
  for (Resource &resource : resources) {
    const Gvk gvk = resource.gvk();
    for (const FieldSpec &spec : specs) {
      if (spec.selects(gvk.group, gvk.version, gvk.kind)) {
        plugins_walk(resource.object, spec, last_map, [&](KNode &node) { visit(resource, spec, node); });
      }
    }
  }
}

/// `pairs` (labels or annotations) set in the map `node`, as strings.
void plugins_set_pairs(KNode &node, const KNode &pairs) {
  if (!node.is_map()) {
    return;
  }
  for (const KEntry &entry : pairs.entries) {
    KNode value = entry.value.is_scalar() ? entry.value : KNode::make_scalar("", entry.value.chain);
    value.typed = false;
    if (KNode *existing = node.get(entry.key)) {
      *existing = std::move(value);
    } else {
      node.entries.push_back({entry.key, entry.key_chain, std::move(value)});
    }
  }
}

/// The `fieldSpecs` of a builtin transformer's config when they are not
/// kustomize's defaults for `section` (which wincompat applies in their
/// place); null when absent or the same. With `added`, the specs add to the
/// defaults (kustomize's ImageTagTransformer always retags containers):
/// null when every spec is a default one.
const KNode *plugins_custom_specs(const KNode &config, std::string_view section, bool added) {
  const KNode *specs = config.get("fieldSpecs");
  if (!specs || specs->is_null()) {
    return nullptr;
  }
  const auto key = [](std::string_view group, std::string_view version, std::string_view kind,
                      std::string path) {
    std::erase(path, '[');
    std::erase(path, ']');
    return std::string(group) + "\n" + std::string(version) + "\n" + std::string(kind) + "\n" + path;
  };
  std::set<std::string> defaults;
  for (const FieldSpec &spec : default_field_specs(section)) {
    defaults.insert(key(spec.group, spec.version, spec.kind, spec.path));
  }
  std::set<std::string> custom;
  for (const KNode &spec : specs->is_seq() ? specs->items : std::vector<KNode>{*specs}) {
    custom.insert(spec.is_map()
                      ? key(spec.str("group"), spec.str("version"), spec.str("kind"), spec.str("path"))
                      : std::string("\n"));
  }
  if (added) {
    return std::includes(defaults.begin(), defaults.end(), custom.begin(), custom.end()) ? nullptr : specs;
  }
  return custom == defaults ? nullptr : specs;
}

} // namespace

bool Builder::plugin_field_specs(const PluginConfig &plugin, std::vector<Resource> &resources) {
  const KNode &config = plugin.config;
  const std::string kind = config.str("kind");
  const std::vector<FieldSpec> specs = plugins_field_specs(config);
  if (kind == "LabelTransformer" || kind == "AnnotationsTransformer") {
    const KNode *pairs = config.get(kind == "LabelTransformer" ? "labels" : "annotations");
    if (pairs && pairs->is_map() && !pairs->entries.empty()) {
      plugins_apply(resources, specs, true,
                    [&](Resource &, const FieldSpec &, KNode &node) { plugins_set_pairs(node, *pairs); });
    }
    return true;
  }
  // PrefixSuffixTransformer runs kustomize's PrefixTransformer, then its
  // SuffixTransformer; both need fieldSpecs and leave CRDs, APIServices and
  // Namespaces alone.
  if (!config.get("fieldSpecs") || config.get("fieldSpecs")->is_null()) {
    fail(plugin.file, span_of(*plugin.entry),
         "the plugin " + kind + " needs `fieldSpecs` (fieldSpecs is not expected to be nil)");
    return false;
  }
  for (const bool prefix : {true, false}) {
    const KNode *affix = config.get(prefix ? "prefix" : "suffix");
    if ((prefix && kind == "SuffixTransformer") || (!prefix && kind == "PrefixTransformer")) {
      continue;
    }
    const std::string text = affix && affix->is_scalar() ? affix->value : "";
    for (Resource &resource : resources) {
      const Gvk gvk = resource.gvk();
      if (gvk.kind == "CustomResourceDefinition" || gvk.kind == "Namespace" ||
          (gvk.kind == "APIService" && gvk.group == "apiregistration.k8s.io")) {
        continue;
      }
      for (const FieldSpec &spec : specs) {
        if (!spec.selects(gvk.group, gvk.version, gvk.kind)) {
          continue;
        }
        plugins_walk(resource.object, spec, false, [&](KNode &node) {
          if (node.is_scalar() && !text.empty()) {
            node.value = prefix ? text + node.value : node.value + text;
            node.parts.clear();
            node.typed = false;
          }
        });
        if (spec.path == "metadata/name" && !text.empty()) {
          resource.remember_id();
        }
      }
    }
  }
  return true;
}

namespace {

/// Where a NamespaceTransformer's `fieldSpecs` make kustomize change other
/// fields of this build's objects than its defaults do (which wincompat
/// applies): the `fieldSpecs` (or the `kind` when there are none), else null.
/// kustomize drops `metadata/namespace` specs (its own rule sets every
/// namespaced object's) and RoleBinding `subjects/namespace` ones (its own
/// rule again), so those never differ.
const KNode *plugins_namespace_specs_differ(const KNode &config, const std::vector<Resource> &resources) {
  const auto key = [](const FieldSpec &spec) {
    return spec.group + "\n" + spec.version + "\n" + spec.kind + "\n" + spec.path;
  };
  const auto counted = [](const FieldSpec &spec) {
    const bool binding = spec.kind == "RoleBinding" || spec.kind == "ClusterRoleBinding";
    return spec.path != "metadata/namespace" && !(binding && spec.path == "subjects/namespace");
  };
  std::map<std::string, FieldSpec> custom, defaults;
  for (const FieldSpec &spec : plugins_field_specs(config)) {
    if (counted(spec)) {
      custom.emplace(key(spec), spec);
    }
  }
  for (const FieldSpec &spec : default_field_specs("namespace")) {
    defaults.emplace(key(spec), spec);
  }
  std::vector<const FieldSpec *> differing;
  for (const auto &[name, spec] : custom) {
    if (!defaults.contains(name)) {
      differing.push_back(&spec);
    }
  }
  for (const auto &[name, spec] : defaults) {
    if (!custom.contains(name)) {
      differing.push_back(&spec);
    }
  }
  const bool reached = std::any_of(resources.begin(), resources.end(), [&](const Resource &resource) {
    const Gvk gvk = resource.gvk();
    return std::any_of(differing.begin(), differing.end(), [&](const FieldSpec *spec) {
      return spec->selects(gvk.group, gvk.version, gvk.kind);
    });
  });
  if (!reached) {
    return nullptr;
  }
  const KNode *specs = config.get("fieldSpecs");
  return specs ? specs : config.get("kind");
}

} // namespace

bool Builder::plugin_configs(const Kustomization &k, std::string_view field, std::vector<PluginConfig> &out) {
  bool ok = true;
  for (const KNode *entry : string_list(k, field, ok)) {
    std::vector<KNode> documents;
    std::string file = k.path;
    if (entry->value.find('\n') != std::string::npos) {
      const OffsetMap map = inline_map(k.path, *entry);
      const SourceFile text("(inline plugin config)", entry->value);
      bool parsed = true;
      documents = parse_stream(text, map, OriginRole::Kustomization, parsed);
      if (!parsed) {
        ok = false;
        continue;
      }
    } else {
      const std::string display = plugins_join(k.dir, entry->value);
      const std::string fs_path = plugins_join(k.fs_dir, entry->value);
      if (files_.is_dir(fs_path)) {
        notice(k.path, span_of(*entry),
               "plugin configs built by the kustomization " + display +
                   " are not followed by wincompat; what they generate or change is not linted");
        continue;
      }
      if (!may_read(k, display, fs_path, span_of(*entry), "the plugin config")) {
        ok = false;
        continue;
      }
      std::string why;
      if (!parse_file(display, fs_path, OriginRole::Kustomization, documents, why)) {
        if (!why.empty()) {
          fail(k.path, span_of(*entry), "the plugin config " + display + " " + why);
        }
        ok = false;
        continue;
      }
      file = display;
    }
    for (KNode &document : documents) {
      out.push_back({std::move(document), file, entry});
    }
  }
  return ok;
}

bool Builder::run_plugins(const Kustomization &k, std::vector<Resource> &resources, bool generators_field) {
  std::vector<PluginConfig> configs;
  bool ok = plugin_configs(k, generators_field ? "generators" : "transformers", configs);
  for (const PluginConfig &plugin : configs) {
    const KNode &config = plugin.config;
    const std::string kind = config.is_map() ? config.str("kind") : "";
    const std::string api_version = config.is_map() ? config.str("apiVersion") : "";
    // The fields of a kustomization that does what the plugin does; paths
    // in the config are relative to the kustomization, as in kustomize.
    Kustomization as_field{plugin.file, k.dir, k.fs_dir, KNode::make_map()};
    KNode &fields = as_field.root;
    bool generator = false;
    const bool by_field_specs = kind == "PrefixSuffixTransformer" || kind == "PrefixTransformer" ||
                                kind == "SuffixTransformer" || kind == "LabelTransformer" ||
                                kind == "AnnotationsTransformer";
    if (api_version == "builtin" && by_field_specs) {
      ok = plugin_field_specs(plugin, resources) && ok;
      continue;
    }
    if (api_version == "builtin" && kind == "NamespaceTransformer") {
      if (const KNode *at = plugins_namespace_specs_differ(config, resources)) {
        notice(plugin.file, span_of(*at),
               "the `fieldSpecs` of this NamespaceTransformer are not followed by wincompat: it sets the "
               "namespace where kustomize's defaults do (a Namespace's name, an APIService's or a CRD "
               "conversion webhook's service), which differs from these specs for objects of this build");
      }
    }
    // Transformers whose fields kustomize takes from the config's fieldSpecs,
    // by the section of its default table wincompat applies instead.
    static const std::map<std::string, std::string_view, std::less<>> spec_sections{
        {"ImageTagTransformer", "images"}, {"ReplicaCountTransformer", "replicas"}};
    if (const auto section = spec_sections.find(kind);
        api_version == "builtin" && section != spec_sections.end()) {
      const bool images = kind == "ImageTagTransformer";
      if (const KNode *specs = plugins_custom_specs(config, section->second, images)) {
        notice(plugin.file, span_of(*specs),
               images ? std::string(
                            "the `fieldSpecs` of this ImageTagTransformer name fields wincompat does not "
                            "retag (it retags container images only, as kustomize's defaults do); what "
                            "those fields hold is linted as written")
                      : "the custom `fieldSpecs` of this " + kind +
                            " are not followed by wincompat: it changes the fields kustomize's defaults name "
                            "instead; what these specs would change is not linted as kustomize builds it");
      }
    }
    if (api_version != "builtin") {
      // not builtin: an exec or Go plugin kustomize runs only with alpha plugins enabled
    } else if (kind == "ImageTagTransformer") {
      if (const KNode *image = config.get("imageTag"); image && image->is_map()) {
        fields.set("images", plugins_list(*image));
      }
    } else if (kind == "NamespaceTransformer") {
      if (const KNode *ns = config.get("metadata"); ns && ns->is_map() && ns->get("namespace")) {
        fields.set("namespace", *ns->get("namespace"));
      }
    } else if (kind == "ReplicaCountTransformer") {
      if (const KNode *replica = config.get("replica"); replica && replica->is_map()) {
        fields.set("replicas", plugins_list(*replica));
      }
    } else if (kind == "PatchTransformer") {
      KNode entry = KNode::make_map();
      plugins_copy(config, "path", entry, "path");
      plugins_copy(config, "patch", entry, "patch");
      plugins_copy(config, "target", entry, "target");
      plugins_copy(config, "options", entry, "options");
      fields.set("patches", plugins_list(std::move(entry)));
    } else if (kind == "ReplacementTransformer") {
      plugins_copy(config, "replacements", fields, "replacements");
    } else if (kind == "ConfigMapGenerator" || kind == "SecretGenerator") {
      generator = true;
      KNode entry = KNode::make_map();
      if (const KNode *metadata = config.get("metadata"); metadata && metadata->is_map()) {
        plugins_copy(*metadata, "name", entry, "name");
        plugins_copy(*metadata, "namespace", entry, "namespace");
      }
      for (std::string_view key : {"behavior", "literals", "files", "envs", "env", "options", "type"}) {
        plugins_copy(config, key, entry, key);
      }
      fields.set(kind == "ConfigMapGenerator" ? "configMapGenerator" : "secretGenerator",
                 plugins_list(std::move(entry)));
    }
    if (fields.entries.empty() && !generator) {
      notice(k.path, span_of(*plugin.entry),
             "the plugin " + (kind.empty() ? std::string("config") : kind) +
                 (api_version.empty() ? "" : " (" + api_version + ")") +
                 " is not run by wincompat (it runs builtin plugins only); what it " +
                 (generators_field ? "generates" : "changes") + " is not linted");
      continue;
    }
    ok = (generator ? generators(as_field, resources) : transform(as_field, resources)) && ok;
  }
  return ok;
}

} // namespace wincompat::kustomize
