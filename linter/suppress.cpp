#include "suppress.hpp"

#include "text_util.hpp"
#include "wincompat/pod.hpp"
#include "wincompat/rule.hpp"

#include <algorithm>

namespace wincompat {

namespace {} // namespace

std::vector<Suppression> parse_suppressions_impl(const std::vector<SuppressionComment> &comments,
                                                 const std::vector<Span> &covers,
                                                 std::vector<Diagnostic> &problems) {
  std::vector<Suppression> out;
  for (size_t i = 0; i < comments.size(); ++i) {
    std::string_view body = trim(comments[i].text);
    if (!body.starts_with("wincompat")) {
      continue;
    }
    body = trim(body.substr(9));
    Suppression suppression;
    if (body.starts_with("global")) {
      suppression.global = true;
      body = trim(body.substr(6));
    }
    if (!body.starts_with("ignore")) {
      continue; // some other wincompat comment (e.g. a test directive)
    }
    body = trim(body.substr(6));
    if (!body.starts_with("=")) {
      problems.push_back(engine_diagnostic(
          RuleCode::WC904, "malformed suppression: write '# wincompat ignore=WC302'", comments[i].span));
      continue;
    }
    body = trim(body.substr(1));
    // A reason may follow after whitespace or a second '#'.
    const size_t end = body.find_first_of(" \t#");
    const std::string list(body.substr(0, end));
    for (const auto &raw : split(list, ',')) {
      const std::string code = to_upper(trim(raw));
      if (code.empty()) {
        continue;
      }
      if (!find_rule(code)) {
        problems.push_back(engine_diagnostic(RuleCode::WC904,
                                             "suppression names unknown rule '" + code +
                                                 "'; `wincompat rules` lists the codes",
                                             comments[i].span));
        continue;
      }
      suppression.codes.push_back(code);
    }
    if (suppression.codes.empty()) {
      if (list.empty()) {
        problems.push_back(
            engine_diagnostic(RuleCode::WC904, "suppression lists no rule code", comments[i].span));
      }
      continue;
    }
    suppression.covers = covers[i];
    out.push_back(std::move(suppression));
  }
  return out;
}

void apply_suppressions(const std::vector<Suppression> &suppressions, std::vector<Diagnostic> &diagnostics) {
  const auto suppressed = [&](const Diagnostic &d) {
    return std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression &s) {
      const bool listed = std::find(s.codes.begin(), s.codes.end(), d.code) != s.codes.end();
      return listed && (s.global || (d.span.begin >= s.covers.begin && d.span.begin < s.covers.end));
    });
  };
  diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(), suppressed), diagnostics.end());
}

/// The comments of a file that mention wincompat (`# wincompat ...`),
/// found by lines: a `#` at the start of a line or after a blank. This reads
/// files a layer used that are not YAML yet (templates) as well as values
/// files and overlays.
std::vector<SuppressionComment> pragma_comments(std::string_view text) {
  std::vector<SuppressionComment> out;
  for (size_t at = text.find("wincompat"); at != std::string_view::npos;
       at = text.find("wincompat", at + 1)) {
    const size_t line = text.rfind('\n', at) == std::string_view::npos ? 0 : text.rfind('\n', at) + 1;
    const size_t hash = text.rfind('#', at);
    if (hash == std::string_view::npos || hash < line ||
        (hash > line && text[hash - 1] != ' ' && text[hash - 1] != '\t')) {
      continue;
    }
    if (text.substr(hash + 1, at - hash - 1).find_first_not_of(" \t") != std::string_view::npos) {
      continue; // "# see wincompat docs": not a pragma
    }
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view body = trim(text.substr(hash + 1, end - hash - 1));
    if (!out.empty() && out.back().span.begin == hash) {
      continue;
    }
    out.push_back({std::string(body), Span{static_cast<uint32_t>(hash), static_cast<uint32_t>(end)}});
  }
  return out;
}

/// The span a YAML suppression comment covers: its own line when it trails
/// content, else the next line.
Span yaml_comment_covers(const SourceFile &source, Span comment) {
  const uint32_t line = source.line_of(comment.begin);
  const std::string_view before =
      std::string_view(source.text())
          .substr(source.line_start(line), comment.begin - source.line_start(line));
  const bool trailing = before.find_first_not_of(" \t-") != std::string_view::npos;
  const uint32_t target = trailing ? line : line + 1;
  if (target >= source.line_count()) {
    return {};
  }
  return {source.line_start(target),
          source.line_start(target) + static_cast<uint32_t>(source.line(target).size()) + 1};
}

/// Codes named by `wincompat.dev/ignore` annotations; unknown ones are WC904.
std::vector<std::string> annotation_codes(const PodSpec &pod, std::vector<Diagnostic> &problems) {
  std::vector<std::string> codes;
  for (const Located &annotation : pod.ignore_annotations) {
    for (const auto &raw : split(annotation.value, ',')) {
      const std::string code = to_upper(trim(raw));
      if (code.empty()) {
        continue;
      }
      if (find_rule(code)) {
        codes.push_back(code);
      } else {
        problems.push_back(engine_diagnostic(RuleCode::WC904,
                                             "annotation wincompat.dev/ignore names unknown rule '" + code +
                                                 "'; `wincompat rules` lists the codes",
                                             annotation.span));
      }
    }
  }
  return codes;
}

} // namespace wincompat
