// WC107: FROM --platform contradicts the image's OS.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc107 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC107",
    .name = "platform-contradicts-image-os",
    .target = Target::Dockerfile,
    .default_severity = Severity::Error,
    .summary = "FROM --platform names an OS that the image does not have.",
    .rationale = "A linux/... platform on a Windows image (or windows/... on a Linux-only image) "
                 "makes the pull fail with 'no matching manifest'.",
    .example_bad = "FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Make the platform match the image, or drop --platform.",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage &stage : model.stages) {
    if (!stage.platform || stage.platform_value.empty()) {
      continue;
    }
    const std::string os = to_lower(stage.platform_value.substr(0, stage.platform_value.find('/')));
    const ImageResolution &res = model.root_of(stage).resolution;
    const bool windows_image = res.is_windows() && res.os != ImageOs::HostProcess;
    if (os == "linux" && windows_image) {
      ctx.report(stage.platform->span, "--platform=" + stage.platform_value + " asks for Linux but " +
                                           image_text(model.root_of(stage)) + " is a Windows image");
    } else if (os == "windows" && res.os == ImageOs::Linux) {
      ctx.report(stage.platform->span, "--platform=" + stage.platform_value + " asks for Windows but " +
                                           image_text(model.root_of(stage)) + " is Linux-only");
    }
  }
}

} // namespace wincompat::rules::wc107
