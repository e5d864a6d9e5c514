// WC205: spec.os.name contradicts the node OS or the images' OS.
#include "support.hpp"

namespace wincompat::rules::wc205 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC205",
    .name = "os-name-contradicts-scheduling",
    .target = Target::Kubernetes,
    .default_severity = Severity::Warning,
    .summary = "`spec.os.name` contradicts the node OS the pod is scheduled to, or its images' OS.",
    .rationale = "spec.os.name drives validation and pod security for that OS but does not "
                 "schedule; when it disagrees with the selectors or images, the pod is rejected or "
                 "checked against the wrong security rules.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  os:\n    name: linux\n"
                   "  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                   "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  os:\n    name: windows\n"
                    "  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                    "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Make spec.os.name, the node selection and the images agree.",
};

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
