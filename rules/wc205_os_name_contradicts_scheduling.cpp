// WC205: spec.os.name contradicts the node OS or the images' OS.
#include "support.hpp"

namespace wincompat::rules::wc205 {

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  const Located &os = pod.pod->os_name;
  if (!os || (os.value != "windows" && os.value != "linux")) {
    return;
  }
  const bool says_windows = os.value == "windows";
  const OsRestriction nodes = pod.view.os;
  if ((says_windows && nodes == OsRestriction::Linux) || (!says_windows && nodes == OsRestriction::Windows)) {
    ctx.report(os.span, "spec.os.name is " + os.value + " but the pod is scheduled to " +
                            (says_windows ? "Linux" : "Windows") + " nodes");
    return;
  }
  for (const ContainerAnalysis &c : pod.containers) {
    if ((says_windows && c.os == ContainerOs::Linux) || (!says_windows && c.os == ContainerOs::Windows)) {
      ctx.report(os.span, "spec.os.name is " + os.value + " but image " + c.spec->image.value + " is " +
                              (says_windows ? "Linux" : "Windows"));
      return;
    }
  }
}

} // namespace wincompat::rules::wc205
