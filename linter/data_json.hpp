// The built-in catalogs (rules/data/*.yaml) are written in YAML and shipped
// as JSON: the build converts them (linter/tools/yaml_to_json.cpp), because
// reading 15 KB of YAML through yaml-cpp's node API cost every run about
// 2 ms, a third of linting one small file. Every scalar stays a string, as
// written; the catalog readers give them their types.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
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

} // namespace wincompat
