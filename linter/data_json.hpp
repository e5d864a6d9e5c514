// The built-in catalogs (rules/data/*.yaml) are written in YAML and shipped
// as JSON: the build converts them (linter/tools/yaml_to_json.cpp), because
// reading 15 KB of YAML through yaml-cpp's node API cost every run about
// 2 ms, a third of linting one small file. Every scalar stays a string, as
// written; the catalog readers give them their types.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace YAML {
class Node;
}

namespace wincompat {

using DataJson = nlohmann::ordered_json;

/// A YAML tree as JSON: maps (in order) and lists as such, scalars as strings.
DataJson yaml_to_json(const YAML::Node &node);
/// Parses YAML text into the same shape (for catalogs given as YAML).
DataJson yaml_text_to_json(std::string_view yaml_text);

/// The scalar at `key` ("" when absent), a flag ("true"), a list of strings.
std::string data_string(const DataJson &node, const char *key, const std::string &fallback = "");
bool data_flag(const DataJson &node, const char *key);
std::vector<std::string> data_strings(const DataJson &node, const char *key);
/// The map at `key` whose values are lists of strings, in order.
std::vector<std::pair<std::string, std::vector<std::string>>> data_string_lists(const DataJson &node,
                                                                                const char *key);

using DataStringLists = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// A record field read from a catalog entry: its key and where it goes, read
/// as `data_string`, `data_flag`, `data_strings` or `data_string_lists` by the
/// member's type.
struct DataField {
  const char *key;
  std::variant<std::string *, bool *, std::vector<std::string> *, DataStringLists *> into;
};
template <typename Member> DataField data_field(const char *key, Member &into) {
  return DataField{key, &into};
}
/// The entries of the list at `key` (none when it is absent or no list).
const DataJson &data_list(const DataJson &node, const char *key);
/// Reads every field of one catalog entry.
void data_read(const DataJson &node, std::initializer_list<DataField> fields);

} // namespace wincompat
