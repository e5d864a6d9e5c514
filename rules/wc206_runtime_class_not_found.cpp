// WC206: runtimeClassName names a RuntimeClass the linted files do not hold.
#include "support.hpp"

namespace wincompat::rules::wc206 {

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
