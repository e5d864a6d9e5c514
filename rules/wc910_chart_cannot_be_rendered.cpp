// WC910: emitted by the Helm layer (a chart that cannot be rendered), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc910 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC910",
    .name = "chart-cannot-be-rendered",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary =
        "A Helm chart template cannot be rendered: a template error, a `required` or `fail` that fires, "
        "a missing subchart or a bad values file.",
    .rationale = "`helm install` and `helm template` would stop with the same error, so nothing the template "
                 "renders can be deployed or checked. The message has Go's shape (`template: NAME:LINE:COL: "
                 "executing ...`); the other templates of the chart are still rendered and linted.",
    .example_bad = "image: {{ required \"image.tag is required\" .Values.image.tag }}",
    .example_good =
        "image: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}",
    .fix = "Correct the template at the reported place, or set the value it requires (in values.yaml, a "
           "--values file or --set).",
};

} // namespace wincompat::rules::wc910
