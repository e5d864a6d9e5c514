// WC201: a pod runs Windows images but nothing keeps it on Windows nodes.
#include "support.hpp"

namespace wincompat::rules::wc201 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC201",
    .name = "windows-pod-not-restricted-to-windows",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "A pod runs Windows images but nothing restricts it to Windows nodes.",
    .rationale = "Without `kubernetes.io/os: windows` in its nodeSelector, required node affinity or "
                 "RuntimeClass, the scheduler may place the pod on a Linux node, where its Windows "
                 "images cannot start. `spec.os.name` does not schedule.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n"
                   "  - name: web\n    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                    "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                    "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Add `nodeSelector: {kubernetes.io/os: windows}` (or a RuntimeClass that sets it).",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  const ContainerAnalysis *windows = first_windows_container(pod);
  // A pod pinned to Linux is WC202's finding on each Windows image (one cause,
  // one finding): here only pods that nothing restricts.
  if (!windows || pod.view.os != OsRestriction::None) {
    return;
  }
  ctx.report(windows->spec->image.span,
             object_label(*pod.pod) + " runs Windows image " + windows->spec->image.value +
                 " but nothing restricts it to Windows nodes, so it may be scheduled on Linux: add "
                 "nodeSelector kubernetes.io/os: windows (spec.os.name does not schedule)");
}

} // namespace wincompat::rules::wc201
