// WC207: with an inventory, the pod can be scheduled nowhere.
#include "support.hpp"

namespace wincompat::rules::wc207 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC207",
    .name = "pod-matches-no-node-pool",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "The pod's nodeSelector, affinity and tolerations match no node pool of the inventory.",
    .rationale = "The pod stays Pending forever: no node satisfies its selection or tolerates the "
                 "taints of the nodes that do.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                   "    agentpool: win19\n  containers:\n  - name: web\n"
                   "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
        "    agentpool: win22\n  tolerations:\n  - {key: os, value: windows, effect: NoSchedule}\n"
        "  containers:\n  - name: web\n    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Fix the selector values, or add the tolerations the target pool's taints need.",
    .example_options = "--config tests/fixtures/_configs/pools.yaml",
};

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
