// Lookups in the generated strategic-merge schema (openapi_data.cpp), as
// kyaml's openapi.ResourceSchema walks it.
#include "openapi.hpp"

#include <algorithm>

namespace wincompat::kustomize {

namespace {

uint32_t openapi_child(uint32_t type, std::string_view name) {
  const SchemaType &t = kSchemaTypes[type];
  const SchemaField *begin = kSchemaFields + t.first_field;
  const SchemaField *end = begin + t.field_count;
  const SchemaField *it = std::lower_bound(
      begin, end, name, [](const SchemaField &f, std::string_view n) { return f.field < n; });
  return it != end && it->field == name ? it->type : UINT32_MAX;
}

} // namespace

Schema Schema::of_resource(std::string_view api_version, std::string_view kind) {
  const SchemaResource *begin = kSchemaResources;
  const SchemaResource *end = kSchemaResources + kSchemaResourceCount;
  const auto key = [](const SchemaResource &r) { return std::pair(r.api_version, r.kind); };
  const SchemaResource *it =
      std::lower_bound(begin, end, std::pair(api_version, kind),
                       [&](const SchemaResource &r, const auto &wanted) { return key(r) < wanted; });
  return it != end && key(*it) == std::pair(api_version, kind) ? Schema(it->type) : Schema();
}

Schema Schema::field(std::string_view name) const {
  if (!known() || name == "*" || name == "[]") {
    return {};
  }
  uint32_t child = openapi_child(type_, name);
  if (child == kNone) {
    child = openapi_child(type_, "*");
  }
  return Schema(child);
}

Schema Schema::items() const {
  return known() ? Schema(openapi_child(type_, "[]")) : Schema();
}

bool Schema::merges() const {
  if (!known()) {
    return false;
  }
  std::string_view rest = kSchemaTypes[type_].strategy;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    if (rest.substr(0, comma) == "merge") {
      return true;
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

std::vector<std::string> Schema::merge_keys() const {
  std::vector<std::string> keys;
  if (!known()) {
    return keys;
  }
  std::string_view rest = kSchemaTypes[type_].keys;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    keys.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return keys;
}

} // namespace wincompat::kustomize
