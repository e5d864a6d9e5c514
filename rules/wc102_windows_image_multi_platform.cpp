// WC102: a Windows image whose tag lets the pulling host choose the build.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc102 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC102",
    .name = "windows-image-multi-platform-tag",
    .target = Target::Dockerfile,
    .default_severity = Severity::Warning,
    .summary = "A Windows base image is referenced by a multi-platform tag that does not pin a "
               "Windows version.",
    .rationale = "Tags such as dotnet/framework/runtime:4.8.1 are manifest lists spanning several "
                 "Windows builds; the build host picks the one matching itself, so the image's "
                 "Windows version (and which nodes can run it) depends on where it was built.",
    .example_bad = "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1",
    .example_good = "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1-windowsservercore-ltsc2022",
    .fix = "Use the variant tag that names the Windows version: -windowsservercore-ltscYYYY or "
           "-nanoserver-ltscYYYY.",
};

namespace {

std::string pinned_suggestion(const Stage &stage, const CheckSettings &settings) {
  std::string version = "ltsc2022";
  if (settings.hosts.size() == 1 && settings.hosts.front().release &&
      !settings.hosts.front().release->tags.empty() && settings.hosts.front().release->has_images) {
    version = settings.hosts.front().release->tags.front();
  }
  const std::string variant = stage.resolution.variant.empty()
                                  ? (stage.resolution.family == "dotnet" ? "nanoserver" : "windowsservercore")
                                  : stage.resolution.variant;
  const std::string &tag = stage.ref->tag;
  if (tag.empty() || tag == "latest") {
    return variant + "-" + version;
  }
  if (!stage.resolution.variant.empty()) {
    return tag + "-" + version;
  }
  return tag + "-" + variant + "-" + version;
}

} // namespace

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage *stage : image_stages(model)) {
    const ImageOs os = stage->resolution.os;
    const bool linux_stage = to_lower(stage->platform_value).starts_with("linux");
    const bool multi_os_on_windows = os == ImageOs::MultiOs && model.windows_evidence && !linux_stage;
    if (os != ImageOs::WindowsMultiPlatform && !multi_os_on_windows) {
      continue;
    }
    std::string message = stage->ref->familiar_name() +
                          (stage->ref->tag.empty() ? "" : ":" + stage->ref->tag) +
                          " is a multi-platform tag: the Windows version is chosen by the host "
                          "that builds or pulls it";
    if (multi_os_on_windows) {
      message += " (this Dockerfile targets Windows: " + model.windows_evidence_reason + ")";
    }
    message += "; pin it, for example :" + pinned_suggestion(*stage, ctx.settings());
    ctx.report(tag_span(*stage), message);
  }
}

} // namespace wincompat::rules::wc102
