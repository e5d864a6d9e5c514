// Fuzz target: the Helm template engine, parse and execute. The input is a
// template (the chart's templates/t.yaml), then optionally more files of the
// chart after marker lines: "%% values.yaml" (the values the template runs
// with), "%% templates/_helpers.tpl" (named templates), "%% files/x.txt"
// (for .Files), "%% Chart.yaml". The chart is rendered from a tree in memory
// as `wincompat lint` renders one (render_chart): Chart.yaml and values
// loading, the lexer, parser and executor with every function, the YAML
// emitter, origins. Every diagnostic, origin and routed span must stay in
// its file.
#include "tree_input.hpp"

#include "wincompat/helm.hpp"

using namespace wincompat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<fuzz::TreeFile> files = fuzz::tree_files(
      std::string_view(reinterpret_cast<const char *>(data), size), "%% ", "templates/t.yaml");
  if (!fuzz::has_file(files, "Chart.yaml")) {
    files.push_back({"Chart.yaml", "apiVersion: v2\nname: fuzz\nversion: 0.1.0\n"});
  }
  MemoryFileSystem tree;
  fuzz::add_tree(tree, "/chart", std::move(files));
  ChartRequest request{.path = "chart", .fs_path = "/chart", .today = "2025-06-01", .files = &tree};
  const LayerResult result = render_chart(request);
  fuzz::check_layer(result);
  return 0;
}
