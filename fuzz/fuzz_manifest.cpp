// Fuzz target: the YAML front-end. The input is a manifest file's bytes.
// The engine parses it as `wincompat lint deploy.yaml` does (document
// split, the relevance filter, yaml-cpp, and tree-sitter for `# wincompat`
// comments and ranges yaml-cpp cannot give), analyses every pod spec with
// the pod rules, applies suppressions and fixes, and renders the result.
// Inputs of odd length run with --all-documents (every document parsed,
// the tree-sitter path for all of them); libFuzzer's length mutations
// explore both. Text that looks like Compose or Skaffold is also read for
// image mappings, as the engine does for those file names.
#include "fuzz_common.hpp"

#include "wincompat/kubernetes.hpp"
#include "wincompat/pod.hpp"

using namespace wincompat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const LintOptions options = [] {
    LintOptions o = fuzz::lint_options();
    o.force_kind = FileKind::Yaml;
    return o;
  }();
  static const LintOptions all_documents = [] {
    LintOptions o = options;
    o.all_documents = true;
    return o;
  }();
  const std::string bytes = fuzz::text_of(data, size);
  const FileResult file = lint_text("deploy.yaml", bytes, size % 2 ? all_documents : options);
  fuzz::check_spans(file);
  fuzz::render(file, bytes);

  const ReadOutcome read = decode_text("deploy.yaml", bytes, options.max_file_size);
  if (!read.source) {
    return 0;
  }
  const std::string &text = read.source->text();
  for (const Span &span : yaml_document_spans(text)) {
    if (span.begin > span.end || span.end > text.size()) {
      fuzz::violated("document span outside the text");
    }
  }
  if (text.find("services") != std::string::npos) {
    mappings_from_compose(*read.source, "/fuzz");
  }
  if (text.find("artifacts") != std::string::npos) {
    mappings_from_skaffold(*read.source, "/fuzz");
  }
  return 0;
}
