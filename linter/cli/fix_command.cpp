// `wincompat lint --fix` and `--diff`: apply or show the certain fixes.
#include "commands.hpp"

#include "wincompat/fix.hpp"

#include <iostream>

namespace wincompat::cli {

int run_fixes(const LintResult &result, const std::vector<FileInput> &inputs, bool diff_only, size_t &fixed) {
  int status = kExitClean;
  fixed = 0;
  for (size_t i = 0; i < result.files.size(); ++i) {
    const FileResult &file = result.files[i];
    const std::optional<std::string> after = apply_fixes(file);
    if (!after) {
      continue;
    }
    const std::string before = (file.source->had_bom() ? "\xEF\xBB\xBF" : "") + file.source->text();
    if (diff_only) {
      std::cout << unified_diff(file.path, before, *after);
      status = kExitFindings;
      continue;
    }
    if (inputs[i].content) { // standard input: the fixed text goes to standard output
      std::cout << *after;
      continue;
    }
    if (const std::string error = write_atomically(inputs[i].fs_path, *after); !error.empty()) {
      std::cerr << "wincompat: " << error << " (the file is unchanged)\n";
      status = kExitUsage;
      continue;
    }
    for (const Diagnostic &d : file.diagnostics) {
      fixed += d.data.fix ? 1 : 0;
    }
  }
  return status;
}

} // namespace wincompat::cli
