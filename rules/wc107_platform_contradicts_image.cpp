// WC107: FROM --platform contradicts the image's OS.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc107 {

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
