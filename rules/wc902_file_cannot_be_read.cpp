// WC902: emitted by the engine and the config loader (input problems), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc902 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC902",
    .name = "file-cannot-be-read",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "A file cannot be read or decoded (permission, a broken symlink, not UTF-8, over "
               "the size limit), or a YAML file goes past a limit (depth, documents, parse time).",
    .rationale = "Docker and Kubernetes read these files as UTF-8; a UTF-16 Dockerfile (as some "
                 "Windows editors save it) fails to build.",
    .example_bad = "(a Dockerfile saved as UTF-16)",
    .example_good = "(the same Dockerfile saved as UTF-8)",
    .fix = "Save the file as UTF-8, fix its permissions or link, or raise the limit "
           "(--max-file-size, --max-yaml-depth, --max-yaml-documents, --max-yaml-seconds).",
};

} // namespace wincompat::rules::wc902
