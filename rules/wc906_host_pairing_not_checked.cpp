// WC906: no target host is configured, so the deployed image's pairing
// (WC301-WC305) cannot be checked. A run-level notice (merge: first-per-run):
// every Dockerfile reports it, the engine keeps the first.
#include "support.hpp"

namespace wincompat::rules::wc906 {

void check(const DockerfileModel &model, RuleContext &ctx) {
  const Stage *last = model.final_stage();
  if (!ctx.settings().hosts.empty() || !last || !model.root_of(*last).resolution.names_build()) {
    return;
  }
  ctx.report(
      model.root_of(*last).image_span,
      "image/host pairing (WC301-WC305) was not checked: no target host is configured. Name the hosts "
      "this image runs on with --host (for example --host ltsc2022), `hosts:` in .wincompat.yaml, or a "
      "node inventory (--nodes, nodePools)");
}

} // namespace wincompat::rules::wc906
