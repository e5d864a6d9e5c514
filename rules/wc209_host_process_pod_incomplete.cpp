// WC209: a HostProcess pod with non-HostProcess containers or no hostNetwork.
#include "support.hpp"

namespace wincompat::rules::wc209 {

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
