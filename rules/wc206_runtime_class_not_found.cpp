// WC206: runtimeClassName names a RuntimeClass the linted files do not hold.
#include "support.hpp"

namespace wincompat::rules::wc206 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC206",
    .name = "runtime-class-not-found",
    .target = Target::Kubernetes,
    .default_severity = Severity::Info,
    .summary = "`runtimeClassName` names a RuntimeClass that is not among the linted files.",
    .rationale = "A RuntimeClass can add a nodeSelector, tolerations and the isolation mode; without "
                 "it the pod's scheduling and isolation are only partly known.",
    .example_bad =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  runtimeClassName: windows-2022\n"
        "  containers:\n  - name: web\n    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good =
        "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: windows-2022}\n"
        "handler: runhcs-wcow-process\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
        "  runtimeClassName: windows-2022\n  containers:\n  - name: web\n"
        "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Lint the file that defines the RuntimeClass together with the workload.",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  // A pod its own node selection pins to Linux runs no Windows container,
  // whatever the class adds. Pools that look Linux-only through the
  // inventory do not count: the missing class may add the tolerations.
  const bool pinned_to_linux = pod.view.os == OsRestriction::Linux && !pod.view.os_from_pools;
  if (pod.view.runtime_class_missing && !pinned_to_linux) {
    ctx.report(pod.pod->runtime_class.span,
               "RuntimeClass '" + pod.pod->runtime_class.value +
                   "' is not among the linted files, so its node selection and isolation are unknown; "
                   "lint its manifest too");
  }
}

} // namespace wincompat::rules::wc206
