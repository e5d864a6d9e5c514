// WC101: a Windows base OS image with no tag or `latest`.
#include "support.hpp"

namespace wincompat::rules::wc101 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC101",
    .name = "windows-base-image-untagged",
    .target = Target::Dockerfile,
    .default_severity = Severity::Error,
    .summary = "A Windows base OS image (servercore, nanoserver, server, windows) is used with no "
               "tag or with `latest`.",
    .rationale = "Microsoft stopped publishing `latest` for Windows base OS images in 2019, so the "
                 "pull fails. Even where an old `latest` still resolves, it names one Windows "
                 "build that must match the host's.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Pin the release your hosts run: ltsc2019, ltsc2022 or ltsc2025 (nanoserver 17763 is "
           "tagged 1809).",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage *stage : image_stages(model)) {
    if (stage->resolution.os != ImageOs::WindowsUnpinned) {
      continue;
    }
    const std::string what = stage->ref->tag.empty() ? "has no tag" : "is tagged 'latest'";
    ctx.report(stage->image_span,
               stage->ref->familiar_name() + " " + what +
                   ": Windows base images are published only with version tags, so the pull "
                   "fails; pin the release your hosts run (for example ltsc2022)");
  }
}

} // namespace wincompat::rules::wc101
