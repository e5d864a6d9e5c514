// Helpers shared by the fuzz targets: lint settings like a typical CI run's,
// the invariants every result must keep, and rendering through the reporters
// (they index the text with the diagnostics' spans).
#pragma once

#include "reporters/reporters.hpp"
#include "wincompat/catalog.hpp"
#include "wincompat/engine.hpp"
#include "wincompat/fix.hpp"
#include "wincompat/layer.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

/// The input cut at every line that starts with `marker`: the text before
/// the first such line, then each section as {rest of the marker line, the
/// lines below it}. Lets one byte string hold a few named files.
struct Section {
  std::string header; // the marker line after `marker` (a file name, say)
  std::string text;
};
inline std::vector<Section> split_sections(std::string_view input, std::string_view marker) {
  std::vector<Section> sections(1);
  size_t at = 0;
  while (at < input.size()) {
    const size_t end = input.find('\n', at);
    const size_t next = end == std::string_view::npos ? input.size() : end + 1;
    const std::string_view line = input.substr(at, next - at);
    if (line.starts_with(marker)) {
      std::string_view header = line.substr(marker.size());
      while (!header.empty() && (header.back() == '\n' || header.back() == '\r')) {
        header.remove_suffix(1);
      }
      sections.push_back({std::string(header), {}});
    } else {
      sections.back().text.append(line);
    }
    at = next;
  }
  return sections;
}

/// A layer's result keeps its contract: every diagnostic lies in the file
/// it names, every origin segment in its document (sorted, not
/// overlapping), every origin in its file, and routing stays in bounds.
inline void check_layer(const LayerResult &result) {
  const auto text_size = [&](const std::string &path) -> std::optional<size_t> {
    if (auto it = result.files.find(path); it != result.files.end() && it->second) {
      return it->second->text().size();
    }
    return std::nullopt;
  };
  const auto check_span = [&](const std::string &what, const std::string &path, Span span) {
    if (span.begin > span.end) {
      violated(what + " span [" + std::to_string(span.begin) + ", " + std::to_string(span.end) +
               ") is reversed in " + path);
    }
    if (auto size = text_size(path); size && span.end > *size) {
      violated(what + " span [" + std::to_string(span.begin) + ", " + std::to_string(span.end) +
               ") outside " + path + " (" + std::to_string(*size) + " bytes)");
    }
  };
  for (const LayerDiagnostic &d : result.diagnostics) {
    check_span(d.diagnostic.code, d.path, d.diagnostic.span);
  }
  for (const GeneratedDocument &document : result.documents) {
    uint32_t previous_end = 0;
    for (const OriginSegment &segment : document.origins) {
      if (segment.generated.begin < previous_end || segment.generated.begin > segment.generated.end ||
          segment.generated.end > document.text.size()) {
        violated("origin segment [" + std::to_string(segment.generated.begin) + ", " +
                 std::to_string(segment.generated.end) + ") out of order or outside " + document.name);
      }
      previous_end = segment.generated.end;
      for (const Origin &origin : segment.chain) {
        check_span("origin", origin.path(), origin.span);
      }
      const RoutedSpan routed = route_span(document, segment.generated);
      check_span("routed", routed.place.path(), routed.place.span);
    }
  }
}

} // namespace wincompat::fuzz
