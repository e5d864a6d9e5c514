// WC208: a Windows pod's image has an unknown Windows version.
#include "support.hpp"

#include "text_util.hpp"

namespace wincompat::rules::wc208 {

namespace {

/// A multi-build image whose tag is outside the version data, or a rebuild
/// (MCR copy) whose recorded builds do not cover a host of the pod.
void report_multi_build_unknown(const PodAnalysis &pod, const ContainerAnalysis &c, RuleContext &ctx,
                                DiagnosticData data) {
  const std::string &image = c.spec->image.value;
  if (!c.resolution.builds_known) {
    ctx.report(image_version_span(c, ctx.source()),
               "the Windows builds of " + image + " are unknown: " + c.resolution.detail +
                   "; pin a released version (vX.Y.Z) so its Windows builds can be checked",
               std::move(data));
    return;
  }
  std::vector<std::string> uncovered;
  for (const PodHost &host : pod.windows_hosts) {
    if (!multi_build_entry_for(c, host, pod, *ctx.settings().releases)) {
      uncovered.push_back(host.name + " (" + host.build.str() + ")");
    }
  }
  if (uncovered.empty()) {
    return;
  }
  std::vector<std::string> builds;
  for (const WindowsBuild &build : c.resolution.windows_builds) {
    builds.push_back(build.str());
  }
  ctx.report(image_version_span(c, ctx.source()),
             "whether " + image + " has a Windows entry for " + join(uncovered, ", ") +
                 " is unknown: the upstream image of this version lists " + join(builds, ", ") +
                 " only, and this copy is rebuilt separately; use the upstream image or a version whose "
                 "upstream image lists that build" +
                 (c.resolution.builds_note.empty() ? std::string() : " (" + c.resolution.builds_note + ")"),
             std::move(data));
}

} // namespace

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  if (pod.view.os != OsRestriction::Windows) {
    return;
  }
  for (const ContainerAnalysis &c : pod.containers) {
    if (!c.placeholder.empty() && !c.host_process) {
      DiagnosticData data;
      data.image = c.spec->image.value;
      ctx.report(c.spec->image.span,
                 "the image " + c.spec->image.value + " holds the placeholder " + c.placeholder +
                     ", which a tool fills in before the manifest is applied, so its Windows version cannot "
                     "be checked here; lint the manifest after substitution (pipe it to `wincompat lint "
                     "--stdin-filename FILE -`)",
                 std::move(data));
      continue;
    }
    if (!c.ref || c.host_process || !c.lookup_problem.empty()) { // WC914 says why
      continue;
    }
    DiagnosticData data;
    data.image = c.spec->image.value; // one finding per image per run (the engine merges repeats)
    if (c.source && !c.source->problem.empty()) {
      ctx.report(c.spec->image.span,
                 "the Windows version of " + c.spec->image.value + " is unknown: " + c.source->problem,
                 std::move(data));
    } else if (c.resolution.has_build_data && !c.source && c.build_source.empty() &&
               (!c.resolution.builds_known || c.resolution.builds_lower_bound)) {
      report_multi_build_unknown(pod, c, ctx, std::move(data));
    } else if (c.resolution.os == ImageOs::Unknown || c.resolution.os == ImageOs::WindowsUnknown) {
      ctx.report(c.spec->image.span,
                 "the Windows version of " + c.spec->image.value +
                     " is unknown, so its compatibility with the nodes cannot be checked; run `wincompat "
                     "lock` to read it from the registry, or, if this repository builds the image, map it "
                     "to its Dockerfile in .wincompat.yaml (images: {" +
                     c.ref->familiar_name() + ": path/to/Dockerfile})",
                 std::move(data));
    }
  }
}

} // namespace wincompat::rules::wc208
