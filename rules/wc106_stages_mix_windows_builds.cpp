// WC106: stages of one Dockerfile target different Windows builds.
#include "support.hpp"

namespace wincompat::rules::wc106 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC106",
    .name = "stages-mix-windows-builds",
    .target = Target::Dockerfile,
    .default_severity = Severity::Warning,
    .summary = "Stages of one Dockerfile are built on different Windows builds.",
    .rationale = "A build host runs each stage's image as a container. Under process isolation "
                 "it can run only images of the builds it supports, so a Dockerfile mixing "
                 "ltsc2019 and ltsc2022 stages cannot be built on any single process-isolated "
                 "host.",
    .example_bad = "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2019 AS build\n"
                   "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022 AS build\n"
                    "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Use the same Windows version in every stage, typically through one ARG.",
};

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
