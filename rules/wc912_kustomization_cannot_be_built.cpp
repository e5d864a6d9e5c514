// WC912: emitted by the kustomize layer (a build kubectl would refuse), not by
// a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc912 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC912",
    .name = "kustomization-cannot-be-built",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "A kustomization cannot be built: `kubectl kustomize` would fail at this line.",
    .rationale = "A missing resource, a kustomization that includes itself, a strategic merge patch "
                 "that matches no resource, a JSON 6902 operation on a path the resource does not "
                 "have, or an unknown field make `kubectl kustomize` (and `kubectl apply -k`) "
                 "fail, so nothing of that overlay is deployed and its output cannot be linted. "
                 "Other kustomizations are still built and linted.",
    .example_bad = "resources:\n- deployment.yaml   # the file does not exist",
    .example_good = "resources:\n- deployment.yaml   # the file exists",
    .fix = "Correct the kustomization at the reported line; `kubectl kustomize DIR` shows the same "
           "failure.",
};

} // namespace wincompat::rules::wc912
