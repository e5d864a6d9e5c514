// WC104: the base image targets a Windows release past its end of servicing.
#include "support.hpp"

namespace wincompat::rules::wc104 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC104",
    .name = "windows-release-out-of-servicing",
    .target = Target::Dockerfile,
    .default_severity = Severity::Warning,
    .summary = "The base image targets a Windows release whose servicing has ended.",
    .rationale = "Images of a release past its end of servicing get no security updates, and "
                 "current hosts (Windows Server 2022 and later) cannot run them under process "
                 "isolation.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:1803",
    .example_good = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Move to a serviced LTSC release (ltsc2022 or ltsc2025).",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  const CheckSettings &settings = ctx.settings();
  for (const Stage *stage : image_stages(model)) {
    if (stage->resolution.os != ImageOs::WindowsBuild) {
      continue;
    }
    const Release *release = settings.releases->servicing_release(stage->resolution.build.build);
    if (!release || release->end_of_servicing.empty() || release->end_of_servicing >= settings.today) {
      continue;
    }
    ctx.report(version_span(*stage), image_text(*stage) + " targets " + release->name +
                                         ", out of servicing since " + release->end_of_servicing +
                                         ": it gets no security updates; move to ltsc2022 or ltsc2025");
  }
}

} // namespace wincompat::rules::wc104
