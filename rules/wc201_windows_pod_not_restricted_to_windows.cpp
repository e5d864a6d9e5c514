// WC201: a pod runs Windows images but nothing keeps it on Windows nodes.
#include "support.hpp"

namespace wincompat::rules::wc201 {

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
