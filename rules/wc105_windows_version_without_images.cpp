// WC105: the tag names a Windows version that has no container images.
#include "support.hpp"

namespace wincompat::rules::wc105 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC105",
    .name = "windows-version-without-images",
    .target = Target::Any,
    .default_severity = Severity::Error,
    .summary = "The tag names a Windows version for which no container image is published.",
    .rationale = "Some Windows releases ship no container images at all (Windows Server 23H2, "
                 "Windows 11), some names never existed (ltsc2021), and some repositories lack a "
                 "release (there is no windows/server:ltsc2019). Images built on them publish a subset: "
                 ".NET Framework 4.8.1 exists for ltsc2022 and later only, 4.7.2 for 2016/2019-era "
                 "hosts only, and the frozen Docker Hub microsoft/* repositories got no tag after "
                 "the move to MCR. The pull fails. Checked in Dockerfiles and manifests alike. When "
                 "the tag is a release name the repository lacks, the release still gives the build, so "
                 "the pairing checks (WC301-WC305) apply too.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2021",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Use a published tag: ltsc2019 (or 1809), ltsc2022 or ltsc2025. A 23H2 "
           "host runs ltsc2022 images.",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage *stage : image_stages(model)) {
    if (stage->resolution.os != ImageOs::WindowsNoSuchVersion) {
      continue;
    }
    ctx.report(version_span(*stage), image_text(*stage) + mirror_note(stage->resolution) +
                                         " does not exist: " + stage->resolution.detail);
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.source || !c.ref || c.resolution.os != ImageOs::WindowsNoSuchVersion) {
      continue;
    }
    ctx.report(image_version_span(c, ctx.source()),
               c.spec->image.value + mirror_note(c.resolution) + " does not exist: " + c.resolution.detail);
  }
}

} // namespace wincompat::rules::wc105
