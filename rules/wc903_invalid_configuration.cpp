// WC903: emitted by the engine and the config loader (input problems), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc903 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC903",
    .name = "invalid-configuration",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "The configuration or inventory file is invalid: an unknown key, a wrong type or "
               "a bad value.",
    .rationale = "A misspelt key would otherwise be ignored silently and the lint would check "
                 "something other than what you meant.",
    .example_bad = "host: [ltsc2022]",
    .example_good = "hosts: [ltsc2022]",
    .fix = "Correct the key or value at the reported position (see docs/configuration.md).",
};

} // namespace wincompat::rules::wc903
