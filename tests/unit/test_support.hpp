// Helpers for the unit tests: hermetic lint options and small runners.
#pragma once

#include "wincompat/engine.hpp"
#include "wincompat/image_ref.hpp"
#include "wincompat/layer.hpp"

#include <string>
#include <vector>

namespace wincompat::test {

/// The generated document of a chart or kustomization named `name`, if any.
inline const GeneratedDocument *document_named(const LayerResult &result, const std::string &name) {
  for (const GeneratedDocument &document : result.documents) {
    if (document.name == name) {
      return &document;
    }
  }
  return nullptr;
}

/// Options as a fixture's `# wincompat-test:` line gives them (cli-like
/// words). --config and --nodes paths are relative to `base_dir`.
LintOptions options_from_words(const std::vector<std::string> &words, const std::string &base_dir = "");

/// Lints `text` as a file named `name` with the given CLI-like options.
FileResult run(const std::string &text, const std::vector<std::string> &words = {},
               const std::string &name = "Dockerfile");

/// The codes a text produces, in order.
std::vector<std::string> codes(const std::string &text, const std::vector<std::string> &words = {},
                               const std::string &name = "Dockerfile");

/// hadolint-style one-liners: does `code` fire on `text` (with only that rule on)?
bool fires(const std::string &code, const std::string &text, const std::vector<std::string> &words = {},
           const std::string &name = "Dockerfile");

/// The parsed image reference `text`; the test fails when it does not parse.
ImageRef ref_of(const std::string &text);

std::string read_file(const std::string &path);
std::string source_dir();

/// Whether the golden update mode named by environment variable `variable`
/// is on ("1"). Update mode rewrites expected files instead of comparing, so
/// a test in it checks nothing: it fails under CI=true, and callers never
/// compare a file they have just written.
bool golden_update_mode(const char *variable);

} // namespace wincompat::test
