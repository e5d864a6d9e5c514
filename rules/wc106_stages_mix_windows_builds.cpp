// WC106: stages of one Dockerfile target different Windows builds.
#include "support.hpp"

namespace wincompat::rules::wc106 {

void check(const DockerfileModel &model, RuleContext &ctx) {
  const Stage *first = nullptr;
  const ReleaseCatalog &catalog = *ctx.settings().releases;
  for (const Stage *stage : image_stages(model)) {
    if (stage->resolution.os != ImageOs::WindowsBuild || stage->build_host) {
      continue;
    }
    if (!first) {
      first = stage;
      continue;
    }
    if (stage->resolution.build.build == first->resolution.build.build) {
      continue;
    }
    ctx.report(version_span(*stage),
               stage_label(*stage) + " is built on " + describe_build(stage->resolution.build, catalog) +
                   " but " + stage_label(*first) + " on " + describe_build(first->resolution.build, catalog) +
                   ": a process-isolated build host cannot run both; use one Windows version in every stage");
  }
}

} // namespace wincompat::rules::wc106
