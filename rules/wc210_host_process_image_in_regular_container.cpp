// WC210: the HostProcess-only base image used by a regular container.
#include "support.hpp"

namespace wincompat::rules::wc210 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC210",
    .name = "host-process-image-in-regular-container",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "The HostProcess-only base image is used by a container that is not HostProcess.",
    .rationale = "windows-host-process-containers-base-image has no Windows user-mode files of its "
                 "own; it works only as a HostProcess container, which runs on the host's OS.",
    .example_bad =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  nodeSelector:\n"
        "    kubernetes.io/os: windows\n  containers:\n  - name: agent\n"
        "    image: mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
    .example_good =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  hostNetwork: true\n"
        "  securityContext:\n    windowsOptions:\n      hostProcess: true\n"
        "      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  nodeSelector:\n    kubernetes.io/os: windows\n"
        "  containers:\n  - name: agent\n"
        "    image: mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
    .fix = "Mark the container (or pod) `securityContext.windowsOptions.hostProcess: true`, or use a "
           "regular Windows base image.",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.resolution.os == ImageOs::HostProcess && !c.host_process) {
      std::string how = c.source ? " (through " + c.source->dockerfile + ")" : "";
      ctx.report(c.spec->image.span, "container '" + c.spec->name + "' uses the HostProcess-only base image" +
                                         how + " but is not a HostProcess container");
    }
  }
}

} // namespace wincompat::rules::wc210
