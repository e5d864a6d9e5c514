// kustomize's default field specs: which fields of which kinds namePrefix,
// labels, annotations, namespace, images, replicas, name references and vars
// change. One table, generated from kustomize's own
// (scripts/kustomize_fieldspecs.py; fieldspecs_data.cpp records the release
// and commit). Not public API.
#pragma once

#include "knode.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::kustomize {

/// One of kustomize's tables, as kustomize writes it (YAML).
struct FieldSpecTable {
  std::string_view name;   // "nameReferenceFieldSpecs"
  std::string_view source; // the kustomize file it comes from
  std::string_view yaml;
};
extern const std::string_view kFieldSpecsSource;
const std::vector<FieldSpecTable> &default_field_spec_tables();

/// A field of the objects of a kind (group and version empty: any).
struct FieldSpec {
  std::string group, version, kind;
  std::string path; // "spec/template/spec/volumes/configMap/name"
  bool create = false;
  /// The path's fields ("a\/b" is one field named "a/b").
  std::vector<std::string> fields() const;
  /// Whether an object of this kind and apiVersion group/version is selected.
  bool selects(std::string_view group, std::string_view version, std::string_view kind) const;
};

/// The fields that refer to objects of one kind by name.
struct NameBackReference {
  std::string group, version, kind; // the kind referred to
  std::vector<FieldSpec> referrers;
};

/// kustomize's field spec walk: through maps by field (`x[]` is `x`), into
/// every item of a list met on the way; `visit` gets each node the path
/// names (absent and null fields are skipped).
void walk_field_spec(KNode &node, const std::vector<std::string> &fields,
                     const std::function<void(KNode &)> &visit);
/// The same walk, making what is missing as kustomize does for a field spec
/// with `create: true`: maps on the way (not `x[]` fields) and the last field
/// (`last_map`: a map, else an empty scalar).
void walk_field_spec_creating(KNode &node, const std::vector<std::string> &fields, bool last_map,
                              const std::function<void(KNode &)> &visit);
/// A field spec as a kustomization file writes it (`group`, `version`,
/// `kind`, `path`, `create`).
FieldSpec field_spec_of(const KNode &node);

/// Each spec of `specs` that selects the object's group, version and kind,
/// walked as kustomize's fsslice walks it: as walk_field_spec, but a spec
/// with `create: true` makes the mappings it lacks (not lists); `visit` gets
/// each node the path names.
void apply_field_specs(KNode &object, const std::vector<FieldSpec> &specs, std::string_view group,
                       std::string_view version, std::string_view kind,
                       const std::function<void(KNode &)> &visit);

/// The field specs of the table section `section` ("namePrefix",
/// "commonLabels", "namespace", "images", "varReference", ...).
const std::vector<FieldSpec> &default_field_specs(std::string_view section);
/// The `nameReference` section.
const std::vector<NameBackReference> &default_name_references();

} // namespace wincompat::kustomize
