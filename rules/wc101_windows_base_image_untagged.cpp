// WC101: a Windows base OS image with no tag or `latest`.
#include "support.hpp"

namespace wincompat::rules::wc101 {

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
