// Values to YAML and JSON the way Helm's toYaml/toJson print them
// (sigs.k8s.io/yaml over go-yaml v2; encoding/json), and back.
#pragma once

#include "value.hpp"

#include <string>

namespace wincompat::helm {

/// toYaml: keys sorted, sequences not indented under their key, strings
/// quoted when YAML would read them as something else; scalars copied from
/// values keep their origins. No trailing newline (Helm trims it).
/// `indent_sequences`: toYamlPretty's layout (go-yaml v3, indent 2), where
/// a sequence under a key is indented.
Text to_yaml(const Value &v, bool indent_sequences = false);
/// toJson (html-escaped as encoding/json does) / toRawJson / toPrettyJson.
std::string to_json(const Value &v, bool escape_html, bool pretty);
/// encoding/json's float formatting.
std::string json_float(double f);
/// A YAML scalar as go-yaml v2 would write a string (plain, '...' or "...").
std::string yaml_string(const std::string &s);

/// Parses JSON into values (numbers as float64, as Go decodes them); false
/// with `error` set on a syntax error.
bool parse_json(const std::string &text, Value &out, std::string &error);
/// Parses a YAML document into values (fromYaml); no origins.
bool parse_yaml(const std::string &text, Value &out, std::string &error);

} // namespace wincompat::helm
