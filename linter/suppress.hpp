// Inline suppressions: `# wincompat ignore=CODES` and `# wincompat global ignore=CODES`.
#pragma once

#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

struct PodSpec;

struct Suppression {
  std::vector<std::string> codes;
  bool global = false;
  Span covers; // the text whose diagnostics it suppresses (unused when global)
};

struct SuppressionComment {
  std::string text; // comment body without '#'
  Span span;
};

/// Parses the comments; problems (unknown codes, malformed) become WC904
/// diagnostics in `problems`. `next_span(span)` gives the text a comment at
/// `span` covers.
template <typename NextSpan>
std::vector<Suppression> parse_suppressions(const std::vector<SuppressionComment> &comments,
                                            NextSpan next_span, std::vector<Diagnostic> &problems);

std::vector<Suppression> parse_suppressions_impl(const std::vector<SuppressionComment> &comments,
                                                 const std::vector<Span> &covers,
                                                 std::vector<Diagnostic> &problems);

template <typename NextSpan>
std::vector<Suppression> parse_suppressions(const std::vector<SuppressionComment> &comments,
                                            NextSpan next_span, std::vector<Diagnostic> &problems) {
  std::vector<Span> covers;
  covers.reserve(comments.size());
  for (const auto &comment : comments) {
    covers.push_back(next_span(comment.span));
  }
  return parse_suppressions_impl(comments, covers, problems);
}

/// Drops suppressed diagnostics.
void apply_suppressions(const std::vector<Suppression> &suppressions, std::vector<Diagnostic> &diagnostics);

/// The comments of a file that mention wincompat (`# wincompat ...`),
/// found by lines, in files a layer used that are not YAML yet (templates)
/// as well as values files and overlays.
std::vector<SuppressionComment> pragma_comments(std::string_view text);

/// The span a YAML suppression comment covers: its own line when it trails
/// content, else the next line.
Span yaml_comment_covers(const SourceFile &source, Span comment);

/// Codes named by the pod's `wincompat.dev/ignore` annotations; unknown ones
/// are WC904 diagnostics in `problems`.
std::vector<std::string> annotation_codes(const PodSpec &pod, std::vector<Diagnostic> &problems);

} // namespace wincompat
