// Build tool: yaml_to_json IN.yaml OUT.json. Converts a built-in catalog
// (rules/data) to the JSON the binary embeds (see linter/data_json.hpp).
#include "data_json.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: yaml_to_json IN.yaml OUT.json\n";
    return 2;
  }
  try {
    const wincompat::DataJson json = wincompat::yaml_to_json(YAML::LoadFile(argv[1]));
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << json.dump() << '\n';
    return out.flush() ? 0 : 1;
  } catch (const std::exception &error) {
    std::cerr << argv[1] << ": " << error.what() << '\n';
    return 1;
  }
}
