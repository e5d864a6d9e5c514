// WC905: emitted by the engine (input notices), not by a check over a model;
// this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc905 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC905",
    .name = "file-not-linted",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "A file named on the command line, or standard input, is neither a Dockerfile nor a "
               "Kubernetes manifest, so it was not linted.",
    .rationale = "A file whose name does not say what it is is recognised by its content: a Dockerfile "
                 "starts with parser directives, `FROM` or `ARG`; a manifest has `apiVersion` and "
                 "`kind`. Anything else (a README, package.json, a script) would only produce "
                 "misleading syntax errors, and passing over it in silence would look like a clean "
                 "result.",
    .example_bad = "# My project\n\nSee the docs.",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Nothing to fix when the file is not meant to be linted. To lint it anyway, force its kind: "
           "`--kind dockerfile` or `--kind yaml`.",
};

} // namespace wincompat::rules::wc905
