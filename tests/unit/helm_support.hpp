// Helpers for the Helm template tests: render one template text with values
// given as YAML, the way a chart's template sees them (.Values, .Release).
#pragma once

#include "layers/helm/exec.hpp"
#include "layers/helm/values.hpp"

#include <string>

namespace wincompat::helm::test {

struct Rendered {
  std::string text;
  std::string error; // Go-shaped message when execution failed
  bool unsupported = false;
  Text output;
  std::vector<UnknownCause> unknowns; // `partial`: the actions that failed
};

/// `extra` holds more template files (defines) parsed before `tpl`.
/// `more_top` adds top-level objects (.Chart, .Capabilities) beside them.
/// `partial`: render on past errors, as lint does (Engine::partial).
inline Rendered render_template(const std::string &tpl, const std::string &values_yaml = "",
                                const std::vector<std::string> &extra = {}, const Map &more_top = {},
                                bool partial = false) {
  Rendered out;
  Engine engine;
  engine.partial = partial;
  engine.today = "2026-12-04";
  size_t index = 0;
  for (const std::string &text : extra) {
    auto source = std::make_shared<TemplateSource>();
    source->name = "chart/templates/_extra" + std::to_string(index++) + ".tpl";
    source->path = "chart/templates/_extra.tpl";
    source->text = text;
    engine.add(parse_template(source));
  }
  auto source = std::make_shared<TemplateSource>();
  source->name = "chart/templates/test.yaml";
  source->path = "chart/templates/test.yaml";
  source->text = tpl;
  try {
    engine.add(parse_template(source));
  } catch (ParseError &error) {
    out.error = error.what();
    return out;
  }
  SourceFile values_file("chart/values.yaml", values_yaml);
  LoadedYaml values = load_yaml(values_file, true);
  Map top;
  top["Values"] = values.value.is_nil() ? Value::new_map() : values.value;
  Map release;
  release["Name"] = Value::string("release-name");
  release["Namespace"] = Value::string("default");
  top["Release"] = Value::new_map(std::move(release));
  Map template_info;
  template_info["Name"] = Value::string("chart/templates/test.yaml");
  top["Template"] = Value::new_map(std::move(template_info));
  for (const auto &[name, value] : more_top) {
    top[name] = value;
  }
  std::vector<Taint> taints;
  try {
    out.output = engine.execute_file("chart/templates/test.yaml", Value::new_map(std::move(top)), taints);
    out.text = out.output.str;
  } catch (ExecError &error) {
    out.error = error.what();
  }
  if (!taints.empty()) {
    out.unsupported = true;
    out.error = taints.front().error.what();
  }
  out.unknowns = engine.unknowns;
  return out;
}

inline std::string render(const std::string &tpl, const std::string &values_yaml = "",
                          const std::vector<std::string> &extra = {}) {
  Rendered r = render_template(tpl, values_yaml, extra);
  return r.error.empty() ? r.text : "ERROR: " + r.error;
}

} // namespace wincompat::helm::test
