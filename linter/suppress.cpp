#include "suppress.hpp"

#include "text_util.hpp"
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

} // namespace wincompat
