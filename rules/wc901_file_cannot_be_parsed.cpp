// WC901: emitted by the engine and the config loader (input problems), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc901 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC901",
    .name = "file-cannot-be-parsed",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "A file cannot be parsed: a Dockerfile or YAML syntax error.",
    .rationale = "Docker or kubectl would reject the file, and nothing in the broken part can be "
                 "checked. In YAML this includes what kubectl rejects though a YAML library may "
                 "not: a key twice in one mapping, and an `image:` that is not a string. Other "
                 "documents and files are still linted.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUNN echo hello",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hello",
    .fix = "Correct the syntax at the reported position.",
};

} // namespace wincompat::rules::wc901
