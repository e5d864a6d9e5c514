// `wincompat lint --fix` and `--diff`: apply or show the certain fixes.
#include "commands.hpp"
#include "platform.hpp"

#include "reporters/reporters.hpp"
#include "wincompat/fix.hpp"

#include <iostream>

namespace wincompat::cli {

int run_fixes(const LintResult &result, bool diff_only, size_t &fixed) {
  int status = kExitClean;
  fixed = 0;
  // Over a file-size limit (ulimit -f), write() must fail with EFBIG rather
  // than the process die of SIGXFSZ, which would leave the temporary file.
  if (!diff_only) {
    platform::ignore_file_size_limit();
  }
  for (const FileResult &file : result.files) {
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
    if (file.from_stdin) { // standard input: the fixed text goes to standard output
      std::cout << *after;
      continue;
    }
    // A symbolic link is never written through (write_atomically refuses it).
    const std::string target = file.fs_path.empty() ? file.path : file.fs_path;
    if (const std::string error = write_atomically(target, *after); !error.empty()) {
      std::cerr << "wincompat: " << printable(error) << " (the file is unchanged)\n";
      status = kExitUsage;
      continue;
    }
    for (const Diagnostic &d : file.diagnostics) {
      fixed += applies(d) ? 1 : 0;
    }
  }
  return status;
}

} // namespace wincompat::cli
