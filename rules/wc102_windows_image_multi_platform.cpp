// WC102: a Windows image whose tag lets the pulling host choose the build.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc102 {

namespace {

/// The stage's tag with a variant and `version` added ("4.8.1-windowsservercore-ltsc2022").
std::string pinned_tag(const Stage &stage, const std::string &version) {
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

/// A pinned tag the catalog does not know to be unpublished: for the run's
/// single host if it has one, else the newest LTSC first. Empty when none.
std::string pinned_suggestion(const Stage &stage, const CheckSettings &settings) {
  std::vector<std::string> versions;
  if (settings.hosts.size() == 1) {
    const Release *release = settings.hosts.front().release;
    if (!release || !release->has_images) {
      return "";
    }
    for (const Release &same : settings.releases->releases()) {
      if (same.build == release->build && same.has_images && !same.tags.empty()) {
        versions.push_back(same.tags.front());
      }
    }
  } else {
    versions = {"ltsc2022", "ltsc2025", "ltsc2019", "1809", "ltsc2016"};
  }
  for (const std::string &version : versions) {
    const std::string tag = pinned_tag(stage, version);
    const auto ref = parse_image_ref(stage.ref->name() + ":" + tag);
    if (ref && ImageCatalog::builtin().resolve(*ref).os == ImageOs::WindowsBuild) {
      return tag;
    }
  }
  return "";
}

} // namespace

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage *stage : image_stages(model)) {
    if (stage->build_host) {
      continue; // runs on the Linux builder, whatever its tag
    }
    const ImageOs os = stage->resolution.os;
    const bool multi_os_on_windows = os == ImageOs::MultiOs && model.windows_evidence;
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
    const std::string suggestion = pinned_suggestion(*stage, ctx.settings());
    message += suggestion.empty() ? "; pin it with a tag that names the Windows version"
                                  : "; pin it, for example :" + suggestion;
    ctx.report(tag_span(*stage), message);
  }
}

} // namespace wincompat::rules::wc102
