// WC105: the tag names a Windows version that has no container images.
#include "support.hpp"

namespace wincompat::rules::wc105 {

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
