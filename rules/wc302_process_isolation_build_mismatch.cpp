// WC302: process isolation, and the host cannot run the image's build.
#include "support.hpp"

namespace wincompat::rules::wc302 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC302",
    .name = "process-isolation-build-mismatch",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "Under process isolation the host cannot run the image's Windows build.",
    .rationale = "Before Windows Server 2022 a process-isolated container needs the image build "
                 "to equal the host build. From 2022 on, a host runs images from the previous "
                 "stable-ABI LTSC up to its own build, so an LTSC 2019 image still fails on a "
                 "2022 or 2025 node.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2019",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Retag the image to the host's release, or run it with Hyper-V isolation where the "
           "platform offers it.",
    .example_options = "--host ltsc2022",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  if (const Stage *stage = deployed_windows_stage(model)) {
    report_pairings(model, *stage, ctx, kMeta.code, "cannot run process-isolated on");
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kMeta.code, "cannot run process-isolated on");
}

} // namespace wincompat::rules::wc302
