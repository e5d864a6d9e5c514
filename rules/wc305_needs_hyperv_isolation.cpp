// WC305: the pair runs only because Hyper-V isolation is asked for.
#include "support.hpp"

namespace wincompat::rules::wc305 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC305",
    .name = "needs-hyperv-isolation",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "The image runs on the host only because Hyper-V isolation is requested.",
    .rationale = "Hyper-V isolation runs images older than the host, but on Kubernetes it needs a "
                 "RuntimeClass with handler runhcs-wcow-hypervisor and a node whose containerd is "
                 "configured for it; AKS and EKS do not configure it by default.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2019",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Nothing fails where Hyper-V isolation is available; otherwise retag to the host's "
           "release.",
    .example_options = "--host ltsc2022 --isolation hyperv",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  if (const Stage *stage = deployed_windows_stage(model)) {
    report_pairings(model, *stage, ctx, kMeta.code, "runs only with Hyper-V isolation on");
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kMeta.code, "runs only with Hyper-V isolation on");
}

} // namespace wincompat::rules::wc305
