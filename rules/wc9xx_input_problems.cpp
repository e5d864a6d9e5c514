// WC901–WC904: input problems, emitted by the engine and the config loader
// rather than by a check over a model.
#include "support.hpp"

namespace wincompat::rules {

namespace wc901 {
extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC901",
    .name = "file-cannot-be-parsed",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "A file cannot be parsed: a Dockerfile or YAML syntax error.",
    .rationale = "Docker or kubectl would reject the file, and nothing in the broken part can be "
                 "checked. Other documents and files are still linted.",
    .example_bad = "FORM mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Correct the syntax at the reported position.",
};
} // namespace wc901

namespace wc902 {
extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC902",
    .name = "file-cannot-be-read",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "A file cannot be read or decoded: permission, not UTF-8 (UTF-16, binary), or "
               "over the size limit.",
    .rationale = "Docker and Kubernetes read these files as UTF-8; a UTF-16 Dockerfile (as some "
                 "Windows editors save it) fails to build.",
    .example_bad = "(a Dockerfile saved as UTF-16)",
    .example_good = "(the same Dockerfile saved as UTF-8)",
    .fix = "Save the file as UTF-8, fix its permissions, or raise --max-file-size.",
};
} // namespace wc902

namespace wc903 {
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
    .fix = "Correct the key or value at the reported position (see spec/config.md).",
};
} // namespace wc903

namespace wc904 {
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
} // namespace wc904

} // namespace wincompat::rules
