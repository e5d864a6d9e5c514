// WC904: emitted by the engine and the config loader (input problems), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc904 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC904",
    .name = "suppression-names-unknown-rule",
    .target = Target::Any,
    .default_severity = Severity::Warning,
    .summary = "A suppression comment or annotation names an unknown rule code, or is malformed.",
    .rationale = "A suppression that names no real rule suppresses nothing, usually because of a "
                 "typo, and the finding it was meant for still fires (or was never there).",
    .example_bad = "# wincompat ignore=WC3O2\nFROM mcr.microsoft.com/windows/servercore:ltsc2019",
    .example_good = "# wincompat ignore=WC302\nFROM mcr.microsoft.com/windows/servercore:ltsc2019",
    .fix = "Use a code listed by `wincompat rules`.",
};

} // namespace wincompat::rules::wc904
