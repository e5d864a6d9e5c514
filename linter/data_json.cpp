#include "data_json.hpp"

#include <yaml-cpp/yaml.h>

namespace wincompat {

DataJson yaml_to_json(const YAML::Node &node) {
  switch (node.Type()) {
  case YAML::NodeType::Map: {
    DataJson out = DataJson::object();
    for (const auto &entry : node) {
      out[entry.first.as<std::string>()] = yaml_to_json(entry.second);
    }
    return out;
  }
  case YAML::NodeType::Sequence: {
    DataJson out = DataJson::array();
    for (const auto &item : node) {
      out.push_back(yaml_to_json(item));
    }
    return out;
  }
  case YAML::NodeType::Scalar:
    return node.Scalar();
  default:
    return nullptr;
  }
}

DataJson yaml_text_to_json(std::string_view yaml_text) {
  return yaml_to_json(YAML::Load(std::string(yaml_text)));
}

std::string data_string(const DataJson &node, const char *key, const std::string &fallback) {
  const auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool data_flag(const DataJson &node, const char *key) {
  const std::string value = data_string(node, key);
  return value == "true" || value == "True" || value == "yes";
}

namespace {

std::vector<std::string> strings_of(const DataJson &list) {
  std::vector<std::string> out;
  for (const auto &item : list) {
    out.push_back(item.is_string() ? item.get<std::string>() : std::string());
  }
  return out;
}

} // namespace

std::vector<std::string> data_strings(const DataJson &node, const char *key) {
  const auto it = node.find(key);
  return it != node.end() && it->is_array() ? strings_of(*it) : std::vector<std::string>();
}

std::vector<std::pair<std::string, std::vector<std::string>>> data_string_lists(const DataJson &node,
                                                                                const char *key) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (const auto it = node.find(key); it != node.end() && it->is_object()) {
    for (const auto &[name, list] : it->items()) {
      out.emplace_back(name, strings_of(list));
    }
  }
  return out;
}

} // namespace wincompat
