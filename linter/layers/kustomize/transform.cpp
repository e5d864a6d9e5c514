// A kustomization's transformers, in the order kustomize v5 runs them:
// patchesStrategicMerge, patches, namespace, namePrefix/nameSuffix, labels,
// annotations, patchesJson6902, replicas, images, replacements.
#include "builder.hpp"
#include "fieldspecs.hpp"
#include "frontends/yaml_document.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat::kustomize {

namespace {

std::string join(const std::string &dir, const std::string &relative) {
  fs::path joined = (dir.empty() || dir == ".") ? fs::path(relative) : fs::path(dir) / relative;
  std::string out = joined.lexically_normal().generic_string();
  return out.empty() ? "." : out;
}

/// The entries of the kustomization's list `key`: none when it is absent or
/// not a list.
const std::vector<KNode> &entries_of(const Kustomization &k, std::string_view key) {
  static const std::vector<KNode> kNone;
  const KNode *list = k.root.get(key);
  return list && list->is_seq() ? list->items : kNone;
}

void set_pairs(KNode *map, const KNode &pairs) {
  if (!map) {
    return;
  }
  for (const KEntry &entry : pairs.entries) {
    KNode value = entry.value.is_scalar() ? entry.value : KNode::make_scalar("", entry.value.chain);
    value.typed = false; // label values are strings
    if (KNode *existing = map->get(entry.key)) {
      *existing = std::move(value);
    } else {
      map->entries.push_back({entry.key, entry.key_chain, std::move(value)});
    }
  }
}

/// kustomize's image name match: the name, then an optional tag and digest.
bool image_matches(std::string_view image, std::string_view name) {
  if (name.empty() || !image.starts_with(name)) {
    return false;
  }
  std::string_view rest = image.substr(name.size());
  auto tag_chars = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '{' || c == '}' || c == '-';
  };
  if (rest.starts_with(":")) {
    size_t i = 1;
    while (i < rest.size() && tag_chars(rest[i])) {
      ++i;
    }
    rest.remove_prefix(i);
  }
  if (rest.starts_with("@sha256:")) {
    size_t i = 8;
    while (i < rest.size() && tag_chars(rest[i])) {
      ++i;
    }
    rest.remove_prefix(i);
  }
  return rest.empty();
}

/// kustomize's image.Split: name, tag and digest (a registry port is no tag).
void split_image(const std::string &image, std::string &name, std::string &tag, std::string &digest) {
  size_t slash = image.find('/');
  const size_t from = slash != std::string::npos && slash > 0 ? slash : 0;
  const size_t at = image.find('@', from);
  const size_t colon = image.find(':', from);
  name = image;
  tag.clear();
  digest.clear();
  if (colon == std::string::npos && at == std::string::npos) {
    return;
  }
  if (at != std::string::npos && (colon == std::string::npos || at < colon)) {
    name = image.substr(0, at);
    digest = image.substr(at + 1);
    return;
  }
  name = image.substr(0, colon);
  if (at != std::string::npos) {
    tag = image.substr(colon + 1, at - colon - 1);
    digest = image.substr(at + 1);
  } else {
    tag = image.substr(colon + 1);
  }
}

struct ImageRule {
  std::string name, new_name, new_tag, digest;
  OriginChain places; // most decisive first
  Origin tag_place, digest_place;
};

/// An image value `rule` matches, rewritten: the parts it sets keep the
/// places that set them.
void rewrite_image(KNode *image, const ImageRule &rule) {
  std::string name, tag, digest;
  split_image(image->value, name, tag, digest);
  if (!rule.new_name.empty()) {
    name = rule.new_name;
  }
  if (!rule.new_tag.empty() && !rule.digest.empty()) {
    tag = rule.new_tag;
    digest = rule.digest;
  } else if (!rule.new_tag.empty()) {
    tag = rule.new_tag;
    digest.clear();
  } else if (!rule.digest.empty()) {
    tag.clear();
    digest = rule.digest;
  }
  std::string value = name;
  std::vector<std::pair<Span, OriginChain>> parts;
  // The part an entry set, placed exactly at that entry's value.
  auto part = [&](const std::string &text, const Origin *place) {
    const auto begin = static_cast<uint32_t>(value.size());
    value += text;
    if (place && place->span.end - place->span.begin == text.size()) {
      OriginChain chain{*place};
      chain.insert(chain.end(), image->chain.begin(), image->chain.end());
      parts.push_back({{begin, static_cast<uint32_t>(value.size())}, std::move(chain)});
    }
  };
  if (!tag.empty()) {
    value += ":";
    part(tag, !rule.new_tag.empty() ? &rule.tag_place : nullptr);
  }
  if (!digest.empty()) {
    value += "@";
    part(digest, !rule.digest.empty() ? &rule.digest_place : nullptr);
  }
  OriginChain chain = rule.places;
  for (const Origin &old : image->chain) {
    chain.push_back(old);
  }
  *image = KNode::make_scalar(std::move(value), std::move(chain));
  image->parts = std::move(parts);
}

void rewrite_images(KNode &node, const ImageRule &rule, size_t depth = 0) {
  if (depth > 100) {
    return;
  }
  if (node.is_seq()) {
    for (KNode &item : node.items) {
      rewrite_images(item, rule, depth + 1);
    }
    return;
  }
  if (!node.is_map()) {
    return;
  }
  for (KEntry &entry : node.entries) {
    if ((entry.key == "containers" || entry.key == "initContainers") && entry.value.is_seq()) {
      for (KNode &container : entry.value.items) {
        KNode *image = container.is_map() ? container.get("image") : nullptr;
        if (!image || !image->is_scalar() || !image_matches(image->value, rule.name)) {
          continue;
        }
        rewrite_image(image, rule);
      }
    }
    rewrite_images(entry.value, rule, depth + 1);
  }
}

/// The place that wrote `node`, as the one that set `what` ("namespace").
Origin set_here(const KNode &node, std::string_view what) {
  Origin place = node.chain.empty() ? Origin{} : node.chain.front();
  place.role = OriginRole::SetHere;
  place.subject = Interned(what);
  return place;
}

} // namespace

bool Builder::transform(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = legacy_strategic_merge(k, resources);
  ok = patches(k, resources) && ok;
  set_namespace(k, resources);
  prefix_suffix(k, resources);
  labels(k, resources);
  annotations(k, resources);
  ok = legacy_json6902(k, resources) && ok;
  ok = replicas(k, resources) && ok;
  ok = images(k, resources) && ok;
  ok = replacements(k, resources) && ok;
  return ok;
}

// ---------------------------------------------------------------------------
// Patches.

bool Builder::patch_documents(const Kustomization &k, const KNode &entry, const KNode *path_node,
                              const KNode *inline_node, std::vector<KNode> &out) {
  bool ok = true;
  if (path_node && path_node->is_scalar()) {
    const std::string display = join(k.dir, path_node->value);
    const std::string fs_path = join(k.fs_dir, path_node->value);
    if (!may_read(k, display, fs_path, span_of(*path_node), "the patch file")) {
      return false;
    }
    std::string why;
    if (!parse_file(display, fs_path, OriginRole::SetByPatch, out, why)) {
      if (!why.empty()) {
        fail(k.path, span_of(*path_node), "the patch file " + display + " " + why);
      }
      return false;
    }
    return true;
  }
  if (inline_node && inline_node->is_scalar()) {
    const OffsetMap map = inline_map(k.path, *inline_node);
    const SourceFile text("(inline patch)", inline_node->value);
    out = parse_stream(text, map, OriginRole::SetByPatch, ok);
    return ok;
  }
  fail(k.path, span_of(entry), "a patch needs `path:` (a file) or `patch:` (inline text)");
  return false;
}

bool Builder::apply_strategic_merge(const Kustomization &k, std::vector<Resource> &resources,
                                    const KNode &patch, const SelectorMatcher *target, Span at) {
  if (!patch.is_map()) {
    fail(k.path, at, "a strategic merge patch must be a mapping (an object)");
    return false;
  }
  std::vector<size_t> matched;
  if (target) {
    for (size_t i = 0; i < resources.size(); ++i) {
      if (target->matches(resources[i])) {
        matched.push_back(i);
      }
    }
  } else {
    Selector by_id;
    const Gvk gvk = parse_api_version(patch.str("apiVersion"), patch.str("kind"));
    by_id.group = gvk.group;
    by_id.version = gvk.version;
    by_id.kind = gvk.kind;
    Resource probe{patch, {}};
    for (size_t i = 0; i < resources.size(); ++i) {
      const Resource &r = resources[i];
      const Gvk other = r.gvk();
      if (other.kind != gvk.kind || other.group != gvk.group ||
          (!gvk.version.empty() && other.version != gvk.version)) {
        continue;
      }
      const std::string name = patch.str_at({"metadata", "name"});
      const std::string ns = patch.str_at({"metadata", "namespace"});
      const bool cluster = is_cluster_scoped(gvk);
      auto same_ns = [&](const std::string &a) {
        return cluster || (a.empty() ? "default" : a) == (ns.empty() ? "default" : ns);
      };
      const bool found =
          std::any_of(r.ids.begin(), r.ids.end(),
                      [&](const ResourceId &id) { return id.name == name && same_ns(id.ns); }) ||
          (r.name() == name && same_ns(r.ns()));
      if (found) {
        matched.push_back(i);
      }
    }
    if (matched.size() != 1) {
      probe.object = patch;
      if (matched.empty() &&
          skip_for_unfetched_remote(k.path, at, "the strategic merge patch for " + describe(probe))) {
        return true;
      }
      fail(k.path, at,
           std::string(matched.empty() ? "no resource matches" : "more than one resource matches") +
               " the strategic merge patch for " + describe(probe));
      return false;
    }
  }
  const bool remove = patch.str("$patch") == "delete";
  KNode body = patch;
  body.erase("apiVersion");
  body.erase("kind");
  if (KNode *metadata = body.get("metadata"); metadata && metadata->is_map()) {
    metadata->erase("name");
    metadata->erase("namespace");
  }
  for (auto it = matched.rbegin(); it != matched.rend(); ++it) {
    if (remove) {
      resources.erase(resources.begin() + static_cast<std::ptrdiff_t>(*it));
    } else {
      strategic_merge(resources[*it].object, body);
      drop_merged_nulls(resources[*it].object);
    }
  }
  return true;
}

bool Builder::apply_json_patch(const Kustomization &k, std::vector<Resource> &resources,
                               const KNode &operations, const SelectorMatcher &target, Span at) {
  bool ok = true;
  for (Resource &resource : resources) {
    if (!target.matches(resource)) {
      continue;
    }
    for (const KNode &operation : operations.items) {
      const std::string error = apply_json6902(resource.object, operation);
      if (!error.empty()) {
        const KNode *path = operation.is_map() ? operation.get("path") : nullptr;
        const Span where = path ? span_of(*path) : span_of(operation);
        const std::string file = path && !path->chain.empty() ? path->chain.front().path() : k.path;
        fail(where == Span{} ? k.path : file, where == Span{} ? at : where,
             "the JSON 6902 patch cannot be applied to " + describe(resource) + ": " + error);
        ok = false;
      }
    }
    json_round_trip(resource.object);
  }
  return ok;
}

bool Builder::patches(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  const KNode *list = list_field(k, "patches", ok);
  if (!list) {
    return ok;
  }
  for (const KNode &entry : list->items) {
    if (!entry.is_map()) {
      fail(k.path, span_of(entry),
           "a `patches` entry is a mapping with `path:` or `patch:` and an optional `target:`");
      ok = false;
      continue;
    }
    if (const KNode *options = entry.get("options"); options && options->is_map()) {
      for (const auto &[option, what] :
           {std::pair<std::string_view, std::string_view>{"allowNameChange", "name"},
            {"allowKindChange", "kind"}}) {
        if (const KNode *value = options->get(option);
            value && value->is_scalar() && iequals(value->value, "true")) {
          notice(k.path, span_of(*value),
                 "`patches.options." + std::string(option) +
                     ": true` is not followed by wincompat: the patched object keeps its " +
                     std::string(what) + " (kustomize gives it the patch's); what uses the new " +
                     std::string(what) + " is not linted as kustomize builds it");
        }
      }
    }
    const KNode *path_node = entry.get("path");
    const KNode *inline_node = entry.get("patch");
    const Span at = span_of(path_node ? *path_node : inline_node ? *inline_node : entry);
    std::vector<KNode> documents;
    if (!patch_documents(k, entry, path_node, inline_node, documents)) {
      ok = false;
      continue;
    }
    const KNode *target_node = entry.get("target");
    std::optional<SelectorMatcher> target;
    if (target_node && target_node->is_map()) {
      target.emplace(Selector::from(*target_node));
      if (!target->valid()) {
        fail(k.path, span_of(*target_node), target->error());
        ok = false;
        continue;
      }
    }
    if (documents.size() == 1 && documents.front().is_seq()) {
      if (!target) {
        fail(k.path, at, "a JSON 6902 patch needs a `target:` to say which resources it changes");
        ok = false;
        continue;
      }
      ok = apply_json_patch(k, resources, documents.front(), *target, at) && ok;
      continue;
    }
    for (const KNode &document : documents) {
      ok = apply_strategic_merge(k, resources, document, target ? &*target : nullptr, at) && ok;
    }
  }
  return ok;
}

bool Builder::legacy_strategic_merge(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  for (const KNode *entry : string_list(k, "patchesStrategicMerge", ok)) {
    const bool is_file =
        entry->value.find('\n') == std::string::npos && files_.is_file(join(k.fs_dir, entry->value));
    const bool looks_inline =
        entry->value.find('\n') != std::string::npos || entry->value.find(':') != std::string::npos;
    if (!is_file && !looks_inline) {
      fail(k.path, span_of(*entry), "the patch file " + join(k.dir, entry->value) + " does not exist");
      ok = false;
      continue;
    }
    std::vector<KNode> documents;
    if (!patch_documents(k, *entry, is_file ? entry : nullptr, is_file ? nullptr : entry, documents)) {
      ok = false;
      continue;
    }
    for (const KNode &document : documents) {
      ok = apply_strategic_merge(k, resources, document, nullptr, span_of(*entry)) && ok;
    }
  }
  return ok;
}

bool Builder::legacy_json6902(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  for (const KNode &entry : entries_of(k, "patchesJson6902")) {
    const KNode *target_node = entry.is_map() ? entry.get("target") : nullptr;
    if (!target_node || !target_node->is_map()) {
      fail(k.path, span_of(entry), "a `patchesJson6902` entry needs a `target:`");
      ok = false;
      continue;
    }
    const KNode *path_node = entry.get("path");
    const KNode *inline_node = entry.get("patch");
    std::vector<KNode> documents;
    if (!patch_documents(k, entry, path_node, inline_node, documents)) {
      ok = false;
      continue;
    }
    const Span at = span_of(path_node ? *path_node : inline_node ? *inline_node : entry);
    if (documents.size() != 1 || !documents.front().is_seq()) {
      fail(k.path, at, "a JSON 6902 patch is a list of operations (`op`, `path`, `value`)");
      ok = false;
      continue;
    }
    const SelectorMatcher target(Selector::from(*target_node));
    ok = apply_json_patch(k, resources, documents.front(), target, at) && ok;
  }
  return ok;
}

// ---------------------------------------------------------------------------
// Names, labels, annotations, replicas.

void Builder::set_namespace(const Kustomization &k, std::vector<Resource> &resources) {
  const KNode *ns = k.root.get("namespace");
  if (!ns || !ns->is_scalar() || ns->value.empty()) {
    return;
  }
  KNode value = KNode::make_scalar(ns->value, {set_here(*ns, "namespace")});
  for (Resource &resource : resources) {
    const std::string kind = resource.kind();
    if (kind == "Namespace") {
      resource.object.child_map("metadata").set("name", value);
    } else if (!is_cluster_scoped(resource.gvk())) {
      resource.object.child_map("metadata").set("namespace", value);
    }
    set_namespace_references(resource, value);
    // kustomize's NamespaceTransformer stores every object's id as a
    // previous one (StorePreviousId), changed or not, so references to an
    // object whose namespace stays are rewritten too (a RoleBinding's
    // ServiceAccount subject gets its namespace).
    resource.ids.push_back({resource.name(), resource.ns()});
  }
}

void Builder::set_namespace_references(Resource &resource, const KNode &value) {
  const std::string kind = resource.kind();
  // The subjects of a (Cluster)RoleBinding named `default` (kustomize's
  // default setRoleBindingSubjects: defaultOnly).
  if (kind == "RoleBinding" || kind == "ClusterRoleBinding") {
    if (KNode *subjects = resource.object.get("subjects"); subjects && subjects->is_seq()) {
      for (KNode &subject : subjects->items) {
        if (subject.is_map() && subject.str("name") == "default") {
          subject.set("namespace", value);
        }
      }
    }
  }
  // The other fields of kustomize's namespace field specs (the service of
  // an APIService, a CRD's conversion webhook).
  const Gvk gvk = resource.gvk();
  for (const FieldSpec &spec : default_field_specs("namespace")) {
    if (spec.path == "metadata/name" || spec.path == "metadata/namespace" ||
        !spec.selects(gvk.group, gvk.version, gvk.kind)) {
      continue;
    }
    const std::vector<std::string> fields = spec.fields();
    KNode *at = &resource.object;
    for (size_t i = 0; at && i + 1 < fields.size(); ++i) {
      KNode *next = at->get(fields[i]);
      if ((!next || next->is_null()) && spec.create) {
        next = &at->child_map(fields[i]);
      }
      at = next && next->is_map() ? next : nullptr;
    }
    if (at && (spec.create || at->get(fields.back()))) {
      at->set(fields.back(), value);
    }
  }
  // The `namespace` specs of configurations, on top of kustomize's (which
  // sets metadata and binding subjects by its own rules, not by specs).
  const bool binding = kind == "RoleBinding" || kind == "ClusterRoleBinding";
  for (const FieldSpec &spec : custom_field_specs("namespace")) {
    if (spec.path == "metadata/name" || spec.path == "metadata/namespace" ||
        (binding && spec.path.starts_with("subjects")) || !spec.selects(gvk.group, gvk.version, gvk.kind)) {
      continue;
    }
    const auto set = [&](KNode &field) {
      if (field.is_scalar() || field.is_null()) {
        field = value;
      }
    };
    if (spec.create) {
      walk_field_spec_creating(resource.object, spec.fields(), false, set);
    } else {
      walk_field_spec(resource.object, spec.fields(), set);
    }
  }
}

void Builder::prefix_suffix(const Kustomization &k, std::vector<Resource> &resources) {
  const std::string prefix = k.root.str("namePrefix");
  const std::string suffix = k.root.str("nameSuffix");
  if (prefix.empty() && suffix.empty()) {
    return;
  }
  for (Resource &resource : resources) {
    const Gvk gvk = resource.gvk();
    // kustomize's PrefixSuffixTransformer never renames these kinds.
    if (gvk.kind == "CustomResourceDefinition" || gvk.kind == "APIService" || gvk.kind == "Namespace") {
      continue;
    }
    // Each field spec (kustomize's, then the configurations'); only a
    // `metadata/name` spec renames the object (kustomize's StorePreviousId).
    bool renamed = false;
    const auto affix = [&](std::string_view section, const std::string &text, bool front) {
      if (text.empty()) {
        return;
      }
      for (const FieldSpec &spec : label_field_specs(section)) {
        if (!spec.selects(gvk.group, gvk.version, gvk.kind)) {
          continue;
        }
        const auto set = [&](KNode &name) {
          if (name.is_scalar()) {
            name.value = front ? text + name.value : name.value + text;
            renamed = renamed || spec.path == "metadata/name";
          }
        };
        if (spec.create) {
          walk_field_spec_creating(resource.object, spec.fields(), false, set);
        } else {
          walk_field_spec(resource.object, spec.fields(), set);
        }
      }
    };
    affix("namePrefix", prefix, true);
    affix("nameSuffix", suffix, false);
    if (renamed) {
      resource.remember_id();
    }
  }
}

/// Sets `pairs` in every map the field specs name in each resource
/// (kustomize's label and annotation transformers).
void set_pairs_by_specs(std::vector<Resource> &resources, const std::vector<FieldSpec> &specs,
                        const KNode &pairs) {
  if (!pairs.is_map()) {
    return;
  }
  for (Resource &resource : resources) {
    const Gvk gvk = resource.gvk();
    apply_field_specs(resource.object, specs, gvk.group, gvk.version, gvk.kind, [&](KNode &node) {
      if (node.is_map()) {
        set_pairs(&node, pairs);
      }
    });
  }
}

void Builder::labels(const Kustomization &k, std::vector<Resource> &resources) {
  // kustomize's order: each `labels` entry, then `commonLabels`; the fields
  // from its default field specs (selectors: commonLabels; templates:
  // templateLabels; else only metadata/labels).
  for (const KNode &entry : entries_of(k, "labels")) {
    const KNode *pairs = entry.get("pairs");
    if (!pairs) {
      continue;
    }
    std::vector<FieldSpec> specs;
    if (entry.str("includeSelectors") == "true") {
      specs = label_field_specs("commonLabels");
    } else {
      if (entry.str("includeTemplates") == "true") {
        specs = label_field_specs("templateLabels");
      }
      FieldSpec metadata;
      metadata.path = "metadata/labels";
      metadata.create = true;
      specs.push_back(std::move(metadata));
    }
    set_pairs_by_specs(resources, specs, *pairs);
  }
  if (const KNode *common = k.root.get("commonLabels")) {
    set_pairs_by_specs(resources, label_field_specs("commonLabels"), *common);
  }
}

void Builder::annotations(const Kustomization &k, std::vector<Resource> &resources) {
  if (const KNode *common = k.root.get("commonAnnotations")) {
    set_pairs_by_specs(resources, label_field_specs("commonAnnotations"), *common);
  }
}

bool Builder::replicas(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  for (const KNode &entry : entries_of(k, "replicas")) {
    const std::string name = entry.str("name");
    const KNode *count = entry.get("count");
    if (name.empty() || !count || !count->is_scalar()) {
      fail(k.path, span_of(entry), "a `replicas` entry needs `name:` and `count:`");
      ok = false;
      continue;
    }
    // kustomize's ReplicaCountTransformer: each field spec (kustomize's
    // `spec/replicas` of the four workload kinds, then the configurations')
    // in the objects of its kind with the entry's name, as any of their ids.
    const std::vector<FieldSpec> specs = label_field_specs("replicas");
    for (Resource &resource : resources) {
      const bool named = std::any_of(resource.ids.begin(), resource.ids.end(),
                                     [&](const ResourceId &id) { return id.name == name; });
      if (!named) {
        continue;
      }
      const Gvk gvk = resource.gvk();
      for (const FieldSpec &spec : specs) {
        if (!spec.selects(gvk.group, gvk.version, gvk.kind)) {
          continue;
        }
        const auto set = [&](KNode &field) {
          field = KNode::make_scalar(count->value, {set_here(*count, "replica count")}, true);
        };
        if (spec.create) {
          walk_field_spec_creating(resource.object, spec.fields(), false, set);
        } else {
          walk_field_spec(resource.object, spec.fields(), set);
        }
      }
    }
  }
  return ok;
}

// ---------------------------------------------------------------------------
// Images.

bool Builder::images(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = images_field(k, resources, "images");
  return images_field(k, resources, "imageTags") && ok; // the deprecated spelling
}

bool Builder::images_field(const Kustomization &k, std::vector<Resource> &resources, std::string_view field) {
  bool ok = true;
  const KNode *list = list_field(k, field, ok);
  if (!list) {
    return ok;
  }
  for (const KNode &entry : list->items) {
    ImageRule rule;
    rule.name = entry.str("name");
    if (rule.name.empty()) {
      fail(k.path, span_of(entry), "an `images` entry needs `name:` (the image it changes)");
      ok = false;
      continue;
    }
    rule.new_name = entry.str("newName");
    rule.new_tag = entry.str("newTag");
    rule.digest = entry.str("digest");
    const std::pair<const char *, const char *> fields[] = {
        {"newTag", "image tag"}, {"digest", "image digest"}, {"newName", "image name"}};
    for (const auto &[field, what] : fields) {
      if (const KNode *value = entry.get(field); value && value->is_scalar() && !value->value.empty()) {
        rule.places.push_back(set_here(*value, what));
        if (std::string_view(field) == "newTag") {
          rule.tag_place = rule.places.back();
        } else if (std::string_view(field) == "digest") {
          rule.digest_place = rule.places.back();
        }
      }
    }
    if (rule.places.empty()) {
      continue; // nothing to change
    }
    for (Resource &resource : resources) {
      rewrite_images(resource.object, rule);
      // The image fields of `configurations:` (custom resources).
      const Gvk gvk = resource.gvk();
      for (const FieldSpec &spec : custom_field_specs("images")) {
        if (spec.selects(gvk.group, gvk.version, gvk.kind)) {
          walk_field_spec(resource.object, spec.fields(), [&](KNode &image) {
            if (image.is_scalar() && image_matches(image.value, rule.name)) {
              rewrite_image(&image, rule);
            }
          });
        }
      }
    }
  }
  return ok;
}

} // namespace wincompat::kustomize
