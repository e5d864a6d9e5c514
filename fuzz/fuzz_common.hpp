// Helpers shared by the fuzz targets: lint settings like a typical CI run's,
// the invariants every result must keep, and rendering through the reporters
// (they index the text with the diagnostics' spans).
#pragma once

#include "reporters/reporters.hpp"
#include "wincompat/catalog.hpp"
#include "wincompat/engine.hpp"
#include "wincompat/fix.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace wincompat::fuzz {

inline std::string text_of(const uint8_t *data, size_t size) {
  return std::string(reinterpret_cast<const char *>(data), size);
}

/// Stops the run with a message: the fuzzer records the input as a crash.
[[noreturn]] inline void violated(const std::string &what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::abort();
}

/// Hosts of every kind (pre-2022 exact match, 2022, Annual Channel, 2025),
/// a fixed date so end-of-servicing rules fire deterministically.
inline LintOptions lint_options() {
  LintOptions options;
  for (const char *spec : {"ltsc2019", "ltsc2022", "23H2", "ltsc2025"}) {
    if (auto host = parse_host_spec(spec, ReleaseCatalog::builtin())) {
      options.settings.hosts.push_back(*host);
    }
  }
  options.settings.today = "2025-06-01";
  options.jobs = 1; // one input: no worker threads
  return options;
}

/// Every diagnostic's span lies within the decoded text, begin <= end, and
/// its range agrees with the span.
inline void check_spans(const FileResult &file) {
  if (!file.source) {
    return;
  }
  const SourceFile &source = *file.source;
  const auto size = static_cast<uint32_t>(source.text().size());
  for (const Diagnostic &d : file.diagnostics) {
    if (d.span.begin > d.span.end || d.span.end > size) {
      violated(d.code + " span [" + std::to_string(d.span.begin) + ", " + std::to_string(d.span.end) +
               ") outside a text of " + std::to_string(size) + " bytes");
    }
    if (d.range != source.range(d.span)) {
      violated(d.code + " range does not match its span");
    }
  }
}

/// Renders a result as the CLI would (text with color, JSON, GitHub) and
/// applies its fixes, discarding the bytes.
inline void render(const FileResult &file, const std::string &original) {
  LintResult result;
  result.files.push_back(file);
  std::ostringstream out;
  report_text(result, out, /*color=*/true);
  report_json(result, out);
  report_github(result, out);
  if (auto fixed = apply_fixes(file)) {
    out << unified_diff(file.path, original, *fixed);
  }
}

} // namespace wincompat::fuzz
