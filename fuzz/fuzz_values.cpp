// Fuzz target: chart values, merged and coalesced as Helm does. The input is
// the chart's values.yaml, then optionally, after marker lines:
// "%% sub" (the values.yaml of a subchart, charts/sub), "%% -f" (a values
// file given with -f, in order; several), "%% set EXPR" (a --set
// expression, in order; the lines below it are ignored). Both charts print
// their values (`toYaml .Values`, `.Values.global`), so reading, -f merging,
// --set parsing, coalescing with defaults and subcharts, globals, and the
// YAML emitter all run through render_chart. Every diagnostic, origin and
// routed span must stay in its file.
#include "fuzz_common.hpp"

#include "wincompat/file_system.hpp"
#include "wincompat/helm.hpp"

using namespace wincompat;

namespace {

/// Enough -f files and --set expressions to merge over each other; more
/// only slow every execution.
constexpr size_t kMaxValuesFiles = 4;
constexpr size_t kMaxSets = 8;

constexpr const char *kTemplate = "values:\n{{- toYaml .Values | nindent 2 }}\n"
                                  "global: {{ .Values.global | toJson }}\n";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MemoryFileSystem tree;
  tree.add_file("/chart/Chart.yaml", "apiVersion: v2\nname: fuzz\nversion: 0.1.0\n");
  tree.add_file("/chart/templates/values.yaml", kTemplate);
  tree.add_file("/chart/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
  tree.add_file("/chart/charts/sub/templates/values.yaml", kTemplate);
  ChartRequest request{.path = "chart", .fs_path = "/chart", .today = "2025-06-01", .files = &tree};
  std::vector<fuzz::Section> sections =
      fuzz::split_sections(std::string_view(reinterpret_cast<const char *>(data), size), "%% ");
  tree.add_file("/chart/values.yaml", std::move(sections.front().text)); // the text before any marker
  bool has_sub = false;
  for (fuzz::Section &section : sections) {
    if (&section == &sections.front()) {
      continue;
    }
    if (section.header == "sub" && !has_sub) {
      tree.add_file("/chart/charts/sub/values.yaml", std::move(section.text));
      has_sub = true;
    } else if (section.header == "-f" && request.values_files.size() < kMaxValuesFiles) {
      const std::string path = "/values/" + std::to_string(request.values_files.size()) + ".yaml";
      tree.add_file(path, std::move(section.text));
      request.values_files.push_back(path);
    } else if (section.header.starts_with("set ") && request.set_values.size() < kMaxSets) {
      request.set_values.push_back(section.header.substr(4));
    }
  }
  const LayerResult result = render_chart(request);
  fuzz::check_layer(result);
  return 0;
}
