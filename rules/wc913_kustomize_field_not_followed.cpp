// WC913: emitted by the kustomize layer (a field it does not follow), not by a
// check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc913 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC913",
    .name = "kustomize-field-not-followed",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "A kustomization uses something wincompat does not follow: a remote resource, "
               "`helmCharts`, or a plugin field.",
    .rationale = "wincompat builds kustomizations offline and in-process. Remote resources (URLs, "
                 "git) are not fetched, Helm charts listed in `helmCharts` are not rendered, and "
                 "plugin fields (`generators`, `transformers`, `validators`, `configurations`, "
                 "`crds`, `openapi`, `vars`) are not run, so what they add or "
                 "change is not linted. The rest of the build is.",
    .example_bad = "resources:\n- https://github.com/example/app//base?ref=v1",
    .example_good = "resources:\n- ../base",
    .fix = "Nothing is wrong with the kustomization. To have the part linted, vendor the remote "
           "base into the repository, or lint the rendered output (`kubectl kustomize DIR > "
           "out.yaml`).",
};

} // namespace wincompat::rules::wc913
