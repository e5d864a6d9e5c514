// Reporters turn a LintResult into bytes. They decide nothing.
#pragma once

#include "wincompat/engine.hpp"

#include <ostream>

namespace wincompat {

struct Summary {
  size_t files = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
};
Summary summarize(const LintResult &result);

void report_text(const LintResult &result, std::ostream &out, bool color);
void report_json(const LintResult &result, std::ostream &out);

/// Control characters (terminal escapes) are shown as \xNN, never emitted.
std::string printable(std::string_view text);

} // namespace wincompat
