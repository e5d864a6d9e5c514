// WC209: a HostProcess pod with non-HostProcess containers or no hostNetwork.
#include "support.hpp"

namespace wincompat::rules::wc209 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC209",
    .name = "host-process-pod-incomplete",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "A HostProcess pod also has non-HostProcess containers, or lacks `hostNetwork: true`.",
    .rationale = "Windows admits a HostProcess pod only when every container is HostProcess and the "
                 "pod uses the host network; otherwise the kubelet rejects it.",
    .example_bad =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  securityContext:\n"
        "    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n"
        "  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n  - name: agent\n"
        "    image: mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
    .example_good =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  hostNetwork: true\n"
        "  securityContext:\n    windowsOptions:\n      hostProcess: true\n"
        "      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  nodeSelector:\n    kubernetes.io/os: windows\n"
        "  containers:\n  - name: agent\n"
        "    image: mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
    .fix = "Make every container HostProcess and set `hostNetwork: true`.",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  if (!pod.host_process_pod) {
    return;
  }
  const PodSpec &spec = *pod.pod;
  for (const ContainerAnalysis &c : pod.containers) {
    if (!c.host_process) {
      const Span where = c.spec->host_process.has_value() ? c.spec->host_process_span : c.spec->image.span;
      ctx.report(where,
                 object_label(spec) + " is a HostProcess pod but container '" + c.spec->name +
                     "' is not HostProcess: Windows admits a HostProcess pod only when every container is");
    }
  }
  if (!spec.host_network) {
    Span where = spec.host_process_span;
    if (!spec.host_process.value_or(false)) {
      for (const ContainerAnalysis &c : pod.containers) {
        if (c.host_process) {
          where = c.spec->host_process_span;
          break;
        }
      }
    }
    ctx.report(where, object_label(spec) +
                          " is a HostProcess pod without hostNetwork: true, which Windows requires");
  }
}

} // namespace wincompat::rules::wc209
