// WC104: the base image targets a Windows release past its end of servicing.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc104 {

namespace {

/// Newer LTSC releases still serviced on `today` that this image has a tag
/// for: never the flagged release, never one past its own end of servicing.
std::string serviced_alternatives(const Stage &stage, const CheckSettings &settings) {
  std::vector<std::string> tags;
  for (const Release &release : settings.releases->releases()) {
    if (release.channel != Channel::Ltsc || !release.has_images || release.tags.empty() ||
        release.build <= stage.resolution.build.build ||
        (!release.end_of_servicing.empty() && release.end_of_servicing < settings.today) ||
        !ImageCatalog::builtin().publishes(*stage.ref, stage.resolution, release)) {
      continue;
    }
    tags.push_back(release.tags.front());
  }
  if (tags.empty()) {
    return "no newer serviced release of this image is known";
  }
  return "move to " + join(tags, " or ");
}

} // namespace

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
    ctx.report(version_span(*stage), image_text(*stage) + mirror_note(stage->resolution) + " targets " +
                                         release->name + ", out of servicing since " +
                                         release->end_of_servicing + ": it gets no security updates; " +
                                         serviced_alternatives(*stage, settings));
  }
}

} // namespace wincompat::rules::wc104
