// WC301: the image's Windows build is newer than the host's.
#include "support.hpp"

namespace wincompat::rules::wc301 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC301",
    .name = "image-newer-than-host",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "The image's Windows build is newer than the host's build.",
    .rationale = "A Windows container never runs on a host older than its image, in any "
                 "isolation mode: the pod fails with 'The container operating system does not "
                 "match the host operating system'.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2025",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Use the host's release in the tag, or move the workload to newer hosts.",
    .example_options = "--host ltsc2022",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  if (const Stage *stage = deployed_windows_stage(model)) {
    report_pairings(model, *stage, ctx, kMeta.code, "cannot run on older");
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kMeta.code, "cannot run on older");
}

} // namespace wincompat::rules::wc301
