// WC204: a Windows pod can land on Windows nodes of more than one build.
#include "support.hpp"

#include "text_util.hpp"
#include "wincompat/paths.hpp"

#include <algorithm>
#include <set>

namespace wincompat::rules::wc204 {

namespace {

/// A container whose image is one Windows build: only such an image breaks
/// when the pod lands on another build. Manifest lists covering several builds
/// and images of unknown version (WC208) are not warned for.
bool single_build(const ContainerAnalysis &c) {
  return c.os == ContainerOs::Windows && !c.host_process && c.resolution.os == ImageOs::WindowsBuild;
}

} // namespace

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  // Not restricted to Windows at all is WC201's finding, not a second one here.
  if (pod.view.os != OsRestriction::Windows || pod.host_process_pod ||
      std::none_of(pod.containers.begin(), pod.containers.end(), single_build)) {
    return;
  }
  std::set<uint32_t> builds;
  std::vector<std::string> names;
  for (const PodHost &host : pod.windows_hosts) {
    builds.insert(host.build.build);
    names.push_back(host.name + " (" + host.build.str() + ")");
  }
  if (!pod.any_windows_build && builds.size() <= 1) {
    return;
  }
  const PodSpec &spec = *pod.pod;
  Span where;
  if (auto it = spec.node_selector.find("kubernetes.io/os"); it != spec.node_selector.end()) {
    where = it->second.span;
  } else if (auto c = std::find_if(pod.containers.begin(), pod.containers.end(), single_build);
             c != pod.containers.end()) {
    where = c->spec->image.span;
  } else {
    where = spec.object_span;
  }
  const std::string set = pod.any_windows_build ? "any Windows build (no inventory or host pins it)"
                                                : "Windows nodes of " + std::to_string(builds.size()) +
                                                      " builds: " + join(names, ", ");
  Diagnostic &d =
      ctx.report(where, object_label(spec) + " can be scheduled on " + set +
                            "; pin the build with node.kubernetes.io/windows-build or an os-sku selector");
  for (const ContainerAnalysis &c : pod.containers) {
    if (single_build(c) && c.source) {
      d.related.push_back({c.source->uri, display_path(c.source->dockerfile), c.source->from_range,
                           "its image is built on " + c.source->base_text + ", one Windows build"});
    }
  }
}

} // namespace wincompat::rules::wc204
