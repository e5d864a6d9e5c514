// WC202: an image's OS contradicts the node OS the pod is restricted to.
#include "support.hpp"

namespace wincompat::rules::wc202 {

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (pod.view.os == OsRestriction::Windows && c.os == ContainerOs::Linux) {
      ctx.report(c.spec->image.span, "Linux image " + c.spec->image.value + " in " + object_label(*pod.pod) +
                                         ", which can only run on Windows nodes");
    } else if (pod.view.os == OsRestriction::Linux && c.os == ContainerOs::Windows) {
      ctx.report(c.spec->image.span, "Windows image " + c.spec->image.value + " in " +
                                         object_label(*pod.pod) + ", which can only run on Linux nodes");
    }
  }
}

} // namespace wincompat::rules::wc202
