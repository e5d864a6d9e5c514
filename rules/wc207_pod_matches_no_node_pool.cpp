// WC207: with an inventory, the pod can be scheduled nowhere.
#include "support.hpp"

namespace wincompat::rules::wc207 {

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  if (!pod.has_inventory || !pod.reachable.empty()) {
    return;
  }
  const PodSpec &spec = *pod.pod;
  const Span where = spec.node_selector_key.end > spec.node_selector_key.begin ? spec.node_selector_key
                     : spec.affinity_key.end > spec.affinity_key.begin         ? spec.affinity_key
                                                                               : spec.object_span;
  ctx.report(where, object_label(spec) +
                        " matches no node pool of the inventory (selector, affinity and taints together): it "
                        "would stay Pending");
}

} // namespace wincompat::rules::wc207
