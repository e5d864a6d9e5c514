// What linting produced: the diagnostics of each file.
#pragma once

#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <memory>
#include <string>
#include <vector>

namespace wincompat {

struct FileResult {
  std::string path;
  std::string uri;
  std::shared_ptr<const SourceFile> source; // null when the file could not be read
  std::vector<Diagnostic> diagnostics;
  bool skipped = false;    // a walked YAML file that is not a manifest
  std::string fs_path;     // where --fix writes it
  bool from_stdin = false; // --fix prints the fixed text instead of writing
};

struct LintResult {
  std::vector<FileResult> files; // in input order
};

} // namespace wincompat
