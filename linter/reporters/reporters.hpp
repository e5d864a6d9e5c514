// Reporters turn a LintResult into bytes. They decide nothing.
#pragma once

#include "wincompat/engine.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace wincompat {

struct Summary {
  size_t files = 0;               // files checked
  size_t files_with_problems = 0; // files with at least one diagnostic
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
};
Summary summarize(const LintResult &result);

void report_text(const LintResult &result, std::ostream &out, bool color);
void report_json(const LintResult &result, std::ostream &out);
/// SARIF 2.1.0 (one run, every rule in tool.driver.rules), for code scanning.
void report_sarif(const LintResult &result, std::ostream &out);
/// Each finding's stable identity, SARIF's partialFingerprints
/// "wincompat/v1": a hash of the code, the file (relative to the working
/// directory) and the flagged text with its whole lines, numbered when the
/// same one repeats in a file. Lines moving above it do not change it.
/// Indexed like result.files and their diagnostics (skipped files: none).
std::vector<std::vector<std::string>> finding_fingerprints(const LintResult &result);
/// GitHub Actions workflow commands (`::error file=...,line=...::message`).
void report_github(const LintResult &result, std::ostream &out);

/// Workflow-command escaping: a property value (`%`, CR, LF, `:`, `,`) and
/// the message data (`%`, CR, LF). Other control characters become \xNN.
std::string escape_github_property(std::string_view value);
std::string escape_github_data(std::string_view value);

/// Control characters (terminal escapes) are shown as \xNN, never emitted.
std::string printable(std::string_view text);

/// JSON text (as nlohmann::json dumps it: C0 controls already \u-escaped)
/// with DEL and the C1 controls (U+0080-U+009F) \u-escaped too, so that no
/// control character reaches a terminal that shows the output.
std::string escape_json_controls(std::string json);

} // namespace wincompat
