// WC304: the pair runs, but only through portability.
#include "support.hpp"

namespace wincompat::rules::wc304 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC304",
    .name = "runs-only-through-portability",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "The image runs on the host only through Windows container portability.",
    .rationale = "Since Windows Server 2022, hosts with a stable ABI run older LTSC images (an "
                 "ltsc2022 image on a 2025 or 23H2 host). It works, but depends on a current "
                 "containerd (older releases refuse LTSC 2022 images on 2025 hosts), and the "
                 "native tag is usually smaller and better tested. Reported only where the image's "
                 "repository publishes a tag for the host's own release: an LTSC 2022 image on a "
                 "23H2 or Windows 11 host is the supported pairing there, not a note.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2025",
    .fix = "Nothing fails. Prefer the host's native tag where one exists.",
    .example_options = "--host ltsc2025",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  if (const Stage *stage = deployed_windows_stage(model)) {
    report_pairings(model, *stage, ctx, kMeta.code, "runs only through portability on");
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  report_pod_pairings(pod, ctx, kMeta.code, "runs only through portability on");
}

} // namespace wincompat::rules::wc304
