// WC304: the pair runs, but only through portability; said only where the
// host has a native tag of the image (retagging to it is the fix).
#include "support.hpp"

namespace wincompat::rules::wc304 {

constexpr std::string_view kVerdict = "runs only through portability on";

void check(const DockerfileModel &model, RuleContext &ctx) {
  report_pairings(model, ctx, kVerdict, Hosts::WithNativeTag);
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kVerdict, Hosts::WithNativeTag);
}

} // namespace wincompat::rules::wc304
