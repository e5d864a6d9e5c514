// WC210: the HostProcess-only base image used by a regular container.
#include "support.hpp"

namespace wincompat::rules::wc210 {

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
