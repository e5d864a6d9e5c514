// WC911: emitted by the Helm layer (a template construct wincompat does not
// render), not by a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc911 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC911",
    .name = "chart-construct-not-supported",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "A Helm chart uses a template function or packaging wincompat does not render; the objects it "
               "touches are skipped.",
    .rationale =
        "wincompat renders charts itself, with Go's template semantics and the Helm and Sprig "
        "functions charts commonly use. A function it does not have is not an error in the chart, so "
        "this is a note: the YAML documents that depend on it are left out of linting, and the rest "
        "of the chart is still checked.",
    .example_bad = "data: {{ .Values.config | toToml }}",
    .example_good = "data: {{ .Values.config | toYaml }}",
    .fix = "Nothing is wrong with the chart. To lint the skipped objects, use a supported function, or lint "
           "the output of `helm template` as plain YAML.",
};

} // namespace wincompat::rules::wc911
