// WC914: a registry was asked for an image's Windows build and could not
// answer. The image stays unknown; the message says why and what to do.
#include "support.hpp"

namespace wincompat::rules::wc914 {

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage &stage : model.stages) {
    if (stage.ref && !stage.lookup_problem.empty()) {
      ctx.report(stage.image_span, stage.lookup_problem);
    }
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.ref && !c.lookup_problem.empty()) {
      ctx.report(c.spec->image.span, c.lookup_problem);
    }
  }
}

} // namespace wincompat::rules::wc914
