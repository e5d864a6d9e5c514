// WC303: an Annual Channel host runs only LTSC 2022 images.
#include "support.hpp"

namespace wincompat::rules::wc303 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC303",
    .name = "annual-channel-host-needs-ltsc2022",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "An Annual Channel host (Windows Server 23H2) is paired with an image that is not "
               "Windows Server 2022 LTSC.",
    .rationale = "Microsoft supports only the Windows Server 2022 LTSC container images on "
                 "Windows Server, version 23H2 hosts (AKS os-sku WindowsAnnual).",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2019",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Use the ltsc2022 tag.",
    .example_options = "--host 23H2",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  if (const Stage *stage = deployed_windows_stage(model)) {
    report_pairings(model, *stage, ctx, kMeta.code, "is not supported on Annual Channel");
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kMeta.code, "is not supported on Annual Channel");
}

} // namespace wincompat::rules::wc303
