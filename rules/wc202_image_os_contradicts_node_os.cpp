// WC202: an image's OS contradicts the node OS the pod is restricted to.
#include "support.hpp"

namespace wincompat::rules::wc202 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC202",
    .name = "image-os-contradicts-node-os",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "An image's OS contradicts the node OS the pod is restricted to.",
    .rationale = "A Linux image on a pod that can only land on Windows nodes (or the reverse) fails to "
                 "pull with 'no matching manifest' or to start.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                   "    kubernetes.io/os: windows\n  containers:\n  - name: web\n    image: nginx:1.25",
    .example_good = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                    "    kubernetes.io/os: linux\n  containers:\n  - name: web\n    image: nginx:1.25",
    .fix = "Use an image for the node OS, or change the pod's node selection.",
};

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
