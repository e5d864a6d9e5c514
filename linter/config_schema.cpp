// The JSON Schema of .wincompat.yaml for editors (yaml-language-server):
// generated from the key table the config reader uses (config_keys.hpp), so
// that what an editor accepts is what wincompat reads.
#include "config_keys.hpp"
#include "wincompat/config.hpp"
#include "wincompat/rule.hpp"

#include <nlohmann/json.hpp>

namespace wincompat {

namespace {

using SchemaJson = nlohmann::ordered_json;

SchemaJson schema_choices(std::span<const std::string_view> choices) {
  SchemaJson out = SchemaJson::array();
  for (std::string_view choice : choices) {
    out.push_back(std::string(choice));
  }
  return out;
}

SchemaJson schema_of(const config_keys::Key &key);

SchemaJson schema_object(std::span<const config_keys::Key> keys) {
  SchemaJson properties = SchemaJson::object();
  SchemaJson required = SchemaJson::array();
  for (const config_keys::Key &key : keys) {
    properties[std::string(key.name)] = schema_of(key);
    if (key.required) {
      required.push_back(std::string(key.name));
    }
  }
  SchemaJson out{{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) {
    out["required"] = required;
  }
  return out;
}

const SchemaJson kScalar = {{"type", {"string", "number", "boolean"}}};

SchemaJson schema_of(const config_keys::Key &key) {
  using config_keys::Shape;
  SchemaJson out;
  switch (key.shape) {
  case Shape::String:
    out = kScalar;
    break;
  case Shape::StringOrList:
    out = {{"anyOf", {kScalar, {{"type", "array"}, {"items", kScalar}}}}};
    break;
  case Shape::StringMap:
    out = {{"type", "object"}, {"additionalProperties", kScalar}};
    break;
  case Shape::Boolean:
    out = {{"type", "boolean"}};
    break;
  case Shape::Integer:
    out = {{"type", "integer"}, {"minimum", 0}, {"maximum", 3650}};
    break;
  case Shape::Choice:
    out = {{"enum", schema_choices(key.choices)}};
    break;
  case Shape::Object:
    out = schema_object(key.keys);
    break;
  case Shape::ObjectList:
    out = {{"type", "array"}, {"items", schema_object(key.keys)}};
    break;
  case Shape::ImageMap:
    out = {{"type", "object"},
           {"additionalProperties", {{"anyOf", {{{"type", "string"}}, schema_object(key.keys)}}}}};
    break;
  case Shape::RuleMap: {
    // Codes are read case-insensitively; `false` is `off`.
    SchemaJson codes = SchemaJson::array();
    for (const RuleEntry &rule : all_rules()) {
      codes.push_back(std::string(rule.meta->code));
    }
    for (const RuleEntry &rule : all_rules()) {
      std::string lower(rule.meta->code);
      lower[0] = 'w';
      lower[1] = 'c';
      codes.push_back(lower);
    }
    SchemaJson setting = schema_choices(key.choices);
    setting.push_back(false);
    out = {{"type", "object"},
           {"propertyNames", {{"enum", codes}}},
           {"additionalProperties", {{"enum", setting}}}};
    break;
  }
  }
  SchemaJson described{{"description", std::string(key.description)}};
  described.update(out);
  return described;
}

} // namespace

std::string config_json_schema() {
  SchemaJson schema{{"$schema", "http://json-schema.org/draft-07/schema#"},
                    {"$id", "https://wincompat.dev/schema/wincompat-config.schema.json"},
                    {"title", ".wincompat.yaml"},
                    {"description", "wincompat configuration (docs/configuration.md). Generated from the "
                                    "config reader's key table by wincompat; do not edit."}};
  const SchemaJson object = schema_object(config_keys::kTopKeys);
  for (const auto &[name, value] : object.items()) {
    schema[name] = value;
  }
  // An empty file is a valid config (YAML null).
  schema["type"] = {"object", "null"};
  return schema.dump(2) + "\n";
}

} // namespace wincompat
