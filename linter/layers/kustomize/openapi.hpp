// The strategic-merge schema of the Kubernetes types kustomize embeds (which
// lists merge, by which keys), generated from kustomize's OpenAPI document by
// scripts/kustomize_openapi.py into openapi_data.cpp. Not public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::kustomize {

struct SchemaType {
  std::string_view name;
  std::string_view strategy; // x-kubernetes-patch-strategy ("merge,retainKeys")
  std::string_view keys;     // merge keys, comma-separated
  uint32_t first_field, field_count;
};
struct SchemaField {
  std::string_view field; // "*": any key of a map; "[]": the items of a list
  uint32_t type;
};
struct SchemaResource {
  std::string_view api_version, kind;
  uint32_t type;
};
extern const std::string_view kOpenApiSource;
extern const SchemaType kSchemaTypes[];
extern const SchemaField kSchemaFields[];
extern const SchemaResource kSchemaResources[];
extern const size_t kSchemaTypeCount, kSchemaFieldCount, kSchemaResourceCount;

/// A node of the schema, or none (a custom resource, a field the schema
/// does not know): lists there are replaced, as kustomize replaces them.
class Schema {
public:
  Schema() = default;
  static Schema of_resource(std::string_view api_version, std::string_view kind);
  bool known() const {
    return type_ != kNone;
  }
  /// The schema of a field's value (a property, else any key of a map).
  Schema field(std::string_view name) const;
  /// The schema of a list's items.
  Schema items() const;
  /// Whether a list merges (its patch strategy includes "merge").
  bool merges() const;
  /// The merge keys of a list that merges (empty: a list of scalars).
  std::vector<std::string> merge_keys() const;

private:
  static constexpr uint32_t kNone = UINT32_MAX;
  explicit Schema(uint32_t type) : type_(type) {}
  uint32_t type_ = kNone;
};

} // namespace wincompat::kustomize
