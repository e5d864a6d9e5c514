// The kustomization's fields as kustomize decodes them: strictly (an unknown
// field fails the build) but case-insensitively (Go's JSON decoding matches
// `Resources:` and `newtag:` to their fields).
#include "builder.hpp"

#include "text_util.hpp"

namespace wincompat::kustomize {

namespace {

struct Shape {
  using Fields = std::vector<std::pair<std::string_view, const Shape *>>;
  enum class Kind { Any, Map, List } kind = Kind::Any;
  Fields fields;                              // Map
  const Shape *item = nullptr;                // List
  std::vector<std::string_view> not_followed; // Map: accepted, not followed

  Shape() = default;
  Shape(Kind kind_, Fields fields_, const Shape *item_ = nullptr,
        std::vector<std::string_view> not_followed_ = {})
      : kind(kind_), fields(std::move(fields_)), item(item_), not_followed(std::move(not_followed_)) {}
};

/// The fields that name an object (group, version, kind, name, namespace),
/// then `more`.
Shape::Fields object_fields(const Shape &any, Shape::Fields more) {
  Shape::Fields fields{
      {"group", &any}, {"version", &any}, {"kind", &any}, {"name", &any}, {"namespace", &any}};
  fields.insert(fields.end(), more.begin(), more.end());
  return fields;
}

const Shape &kustomization_shape() {
  static const Shape any{};
  static const Shape selector{Shape::Kind::Map,
                              object_fields(any, {{"labelSelector", &any}, {"annotationSelector", &any}})};
  static const Shape selectors{Shape::Kind::List, {}, &selector};
  static const Shape image{
      Shape::Kind::Map,
      {{"name", &any}, {"newName", &any}, {"newTag", &any}, {"digest", &any}, {"tagSuffix", &any}},
      nullptr,
      {"tagSuffix"}};
  static const Shape images{Shape::Kind::List, {}, &image};
  static const Shape patch_options{Shape::Kind::Map, {{"allowNameChange", &any}, {"allowKindChange", &any}}};
  static const Shape patch{
      Shape::Kind::Map,
      {{"path", &any}, {"patch", &any}, {"target", &selector}, {"options", &patch_options}}};
  static const Shape patches{Shape::Kind::List, {}, &patch};
  static const Shape json_patch{Shape::Kind::Map, {{"path", &any}, {"patch", &any}, {"target", &selector}}};
  static const Shape json_patches{Shape::Kind::List, {}, &json_patch};
  static const Shape replica{Shape::Kind::Map, {{"name", &any}, {"count", &any}}};
  static const Shape replicas{Shape::Kind::List, {}, &replica};
  static const Shape label{
      Shape::Kind::Map,
      {{"pairs", &any}, {"includeSelectors", &any}, {"includeTemplates", &any}, {"fields", &any}},
      nullptr,
      {"fields"}};
  static const Shape labels{Shape::Kind::List, {}, &label};
  static const Shape field_options{
      Shape::Kind::Map, {{"delimiter", &any}, {"index", &any}, {"encoding", &any}, {"create", &any}}};
  static const Shape source{Shape::Kind::Map,
                            object_fields(any, {{"fieldPath", &any}, {"options", &field_options}})};
  static const Shape target{
      Shape::Kind::Map,
      {{"select", &selector}, {"reject", &selectors}, {"fieldPaths", &any}, {"options", &field_options}}};
  static const Shape targets{Shape::Kind::List, {}, &target};
  static const Shape replacement{Shape::Kind::Map,
                                 {{"path", &any}, {"source", &source}, {"targets", &targets}}};
  static const Shape replacements{Shape::Kind::List, {}, &replacement};
  static const Shape generator_options{
      Shape::Kind::Map,
      {{"labels", &any}, {"annotations", &any}, {"disableNameSuffixHash", &any}, {"immutable", &any}}};
  static const Shape configmap_generator{Shape::Kind::Map,
                                         {{"name", &any},
                                          {"namespace", &any},
                                          {"behavior", &any},
                                          {"literals", &any},
                                          {"files", &any},
                                          {"envs", &any},
                                          {"env", &any},
                                          {"options", &generator_options}}};
  static const Shape configmap_generators{Shape::Kind::List, {}, &configmap_generator};
  static const Shape secret_generator{Shape::Kind::Map,
                                      {{"name", &any},
                                       {"namespace", &any},
                                       {"behavior", &any},
                                       {"literals", &any},
                                       {"files", &any},
                                       {"envs", &any},
                                       {"env", &any},
                                       {"type", &any},
                                       {"options", &generator_options}}};
  static const Shape secret_generators{Shape::Kind::List, {}, &secret_generator};
  // A var (kustomize's types.Var): `fieldref.fieldpath`, and `fieldPath` as
  // Go's JSON decoding reads it.
  static const Shape var_objref{Shape::Kind::Map, object_fields(any, {{"apiVersion", &any}})};
  static const Shape var_fieldref{Shape::Kind::Map, {{"fieldpath", &any}}};
  static const Shape var{Shape::Kind::Map,
                         {{"name", &any}, {"objref", &var_objref}, {"fieldref", &var_fieldref}}};
  static const Shape vars{Shape::Kind::List, {}, &var};
  static const Shape sort_options{
      Shape::Kind::Map, {{"order", &any}, {"legacySortOptions", &any}}, nullptr, {"legacySortOptions"}};
  // buildMetadata is accepted and not followed too (check_kustomization_fields).
  static const Shape root{
      Shape::Kind::Map,
      {{"apiVersion", &any},
       {"kind", &any},
       {"metadata", &any},
       {"resources", &any},
       {"bases", &any},
       {"components", &any},
       {"namespace", &any},
       {"namePrefix", &any},
       {"nameSuffix", &any},
       {"commonLabels", &any},
       {"labels", &labels},
       {"commonAnnotations", &any},
       {"images", &images},
       {"imageTags", &images},
       {"replicas", &replicas},
       {"patches", &patches},
       {"patchesStrategicMerge", &any},
       {"patchesJson6902", &json_patches},
       {"sortOptions", &sort_options},
       {"buildMetadata", &any},
       {"replacements", &replacements},
       {"configMapGenerator", &configmap_generators},
       {"secretGenerator", &secret_generators},
       {"generatorOptions", &generator_options},
       {"openapi", &any},
       {"vars", &vars},
       {"crds", &any},
       {"helmGlobals", &any},
       {"helmCharts", &any},
       {"helmChartInflationGenerator", &any},
       {"configurations", &any},
       {"generators", &any},
       {"transformers", &any},
       {"validators", &any}},
      nullptr,
      {"openapi", "crds", "helmGlobals", "helmCharts", "helmChartInflationGenerator", "validators"}};
  return root;
}

void check(KNode &node, const Shape &shape, const std::string &where, std::vector<FieldProblem> &problems,
           size_t depth) {
  if (depth > 16) {
    return;
  }
  if (shape.kind == Shape::Kind::List && node.is_seq()) {
    for (KNode &item : node.items) {
      check(item, *shape.item, where, problems, depth + 1);
    }
    return;
  }
  if (shape.kind != Shape::Kind::Map || !node.is_map()) {
    return; // wrong types are reported where the field is used
  }
  for (KEntry &entry : node.entries) {
    const Shape *field = nullptr;
    for (const auto &[name, child] : shape.fields) {
      if (entry.key == name) {
        field = child;
        break;
      }
    }
    for (const auto &[name, child] : shape.fields) {
      if (!field && iequals(entry.key, name)) {
        entry.key = std::string(name); // as kustomize reads it
        field = child;
      }
    }
    const Span at = entry.key_chain.empty() ? Span{} : entry.key_chain.front().span;
    const std::string path = where.empty() ? entry.key : where + "." + entry.key;
    if (!field) {
      problems.push_back({at, path, false});
      continue;
    }
    if (std::find(shape.not_followed.begin(), shape.not_followed.end(), entry.key) !=
        shape.not_followed.end()) {
      problems.push_back({at, path, true});
    }
    check(entry.value, *field, path, problems, depth + 1);
  }
}

} // namespace

std::vector<FieldProblem> check_kustomization_fields(KNode &root) {
  std::vector<FieldProblem> problems;
  check(root, kustomization_shape(), "", problems, 0);
  for (const KEntry &entry : root.entries) {
    if (root.is_map() && entry.key == "buildMetadata") {
      problems.push_back({entry.key_chain.empty() ? Span{} : entry.key_chain.front().span, entry.key, true});
    }
  }
  return problems;
}

} // namespace wincompat::kustomize
