// schema/wincompat-config.schema.json: generated from the config reader's key
// table (linter/config_keys.hpp) and up to date; every config in examples/
// and tests/ that wincompat reads without an error is valid against it, and
// every one the schema rejects, wincompat rejects too (WC903). The schema is
// checked with the small draft-07 validator below (the subset the generator
// writes), as python3-jsonschema is not a dependency.
//
// Regenerate the schema with:
//   WINCOMPAT_UPDATE_GOLDEN=1 build/tests/wincompat_tests "[config-schema]"
#include "test_support.hpp"

#include "wincompat/config.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

namespace {

using SchemaDoc = nlohmann::json;
namespace schema_fs = std::filesystem;

/// A YAML node as JSON, with scalars typed as YAML 1.2's core schema types them.
SchemaDoc schema_test_json(const YAML::Node &node) {
  if (!node || node.IsNull()) {
    return nullptr;
  }
  if (node.IsScalar()) {
    const std::string &text = node.Scalar();
    if (node.Tag() != "!") { // plain, not quoted
      if (text == "true" || text == "false") {
        return text == "true";
      }
      try {
        size_t used = 0;
        const double number = std::stod(text, &used);
        if (used == text.size()) {
          return number;
        }
      } catch (const std::exception &) {
      }
    }
    return text;
  }
  if (node.IsSequence()) {
    SchemaDoc out = SchemaDoc::array();
    for (const auto &item : node) {
      out.push_back(schema_test_json(item));
    }
    return out;
  }
  SchemaDoc out = SchemaDoc::object();
  for (const auto &entry : node) {
    out[entry.first.Scalar()] = schema_test_json(entry.second);
  }
  return out;
}

bool schema_type_is(const SchemaDoc &value, const std::string &type) {
  if (type == "object") {
    return value.is_object();
  }
  if (type == "array") {
    return value.is_array();
  }
  if (type == "string") {
    return value.is_string();
  }
  if (type == "number") {
    return value.is_number();
  }
  if (type == "boolean") {
    return value.is_boolean();
  }
  return type == "null" && value.is_null();
}

/// Problems of `value` against `schema` (draft-07: type, enum, properties,
/// additionalProperties, required, items, anyOf, propertyNames), each with
/// its JSON pointer.
void schema_validate(const SchemaDoc &schema, const SchemaDoc &value, const std::string &where,
                     std::vector<std::string> &problems) {
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) {
      problems.push_back(where + ": not allowed");
    }
    return;
  }
  if (schema.contains("type")) {
    const SchemaDoc types = schema["type"].is_array() ? schema["type"] : SchemaDoc::array({schema["type"]});
    bool any = false;
    for (const auto &type : types) {
      any = any || schema_type_is(value, type.get<std::string>());
    }
    if (!any) {
      problems.push_back(where + ": not of type " + schema["type"].dump());
      return;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (schema.contains("anyOf")) {
    bool any = false;
    for (const auto &option : schema["anyOf"]) {
      std::vector<std::string> none;
      schema_validate(option, value, where, none);
      any = any || none.empty();
    }
    if (!any) {
      problems.push_back(where + ": matches none of anyOf");
    }
  }
  if (value.is_object()) {
    for (const auto &name : schema.value("required", SchemaDoc::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(where + ": lacks required " + name.get<std::string>());
      }
    }
    for (const auto &[key, item] : value.items()) {
      if (schema.contains("propertyNames")) {
        schema_validate(schema["propertyNames"], key, where + "/" + key + " (name)", problems);
      }
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        schema_validate(schema["properties"][key], item, where + "/" + key, problems);
      } else if (schema.contains("additionalProperties")) {
        schema_validate(schema["additionalProperties"], item, where + "/" + key, problems);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      schema_validate(schema["items"], value[i], where + "/" + std::to_string(i), problems);
    }
  }
}

std::vector<std::string> schema_problems(const SchemaDoc &schema, const std::string &yaml) {
  std::vector<std::string> problems;
  schema_validate(schema, schema_test_json(YAML::Load(yaml)), "", problems);
  return problems;
}

const std::string kSchemaPath = "/schema/wincompat-config.schema.json";

} // namespace

TEST_CASE("the config schema is generated from the reader's key table and up to date", "[config-schema]") {
  const std::string generated = wincompat::config_json_schema();
  const std::string path = wincompat::test::source_dir() + kSchemaPath;
  if (wincompat::test::golden_update_mode("WINCOMPAT_UPDATE_GOLDEN")) {
    schema_fs::create_directories(schema_fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << generated;
  }
  INFO("regenerate with: WINCOMPAT_UPDATE_GOLDEN=1 build/tests/wincompat_tests \"[config-schema]\"");
  REQUIRE(schema_fs::exists(path));
  CHECK(wincompat::test::read_file(path) == generated);
}

TEST_CASE("the config schema accepts every config wincompat reads and rejects what it rejects",
          "[config-schema]") {
  const SchemaDoc schema = SchemaDoc::parse(wincompat::config_json_schema());
  // The validator itself: what the reader rejects for its shape, the schema does too.
  CHECK(schema_problems(schema, "hosts: [ltsc2022]\nrules: {WC104: off, wc302: warning}\n").empty());
  CHECK_FALSE(schema_problems(schema, "hostz: [ltsc2022]\n").empty());
  CHECK_FALSE(schema_problems(schema, "isolation: hyper\n").empty());
  CHECK_FALSE(schema_problems(schema, "rules: {WC999: off}\n").empty());
  CHECK_FALSE(schema_problems(schema, "nodePools: [{name: a, os: macos}]\n").empty());
  CHECK_FALSE(schema_problems(schema, "charts: [{name: a}]\n").empty());
  CHECK_FALSE(schema_problems(schema, "lookup: maybe\n").empty());
  CHECK(schema_problems(schema, "").empty());

  size_t valid = 0;
  size_t checked = 0;
  for (const char *folder : {"examples", "tests"}) {
    for (const auto &entry :
         schema_fs::recursive_directory_iterator(wincompat::test::source_dir() + "/" + folder)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || (name != ".wincompat.yaml" && name != ".wincompat.yml")) {
        continue;
      }
      ++checked;
      const std::string text = wincompat::test::read_file(entry.path().string());
      std::vector<std::string> problems;
      try {
        problems = schema_problems(schema, text);
      } catch (const YAML::Exception &e) {
        problems.push_back(std::string("not YAML: ") + e.what());
      }
      if (problems.empty()) {
        ++valid;
        continue;
      }
      // The schema rejects it: so must wincompat (a config made to test WC903).
      const wincompat::Config config = wincompat::load_config(entry.path().string());
      INFO(entry.path().string() << ": the schema says " << problems.front());
      CHECK_FALSE(config.errors.empty());
    }
  }
  INFO(valid << " of " << checked << " configs are valid");
  CHECK(valid >= 5); // examples/ and tests/ hold six today
}
