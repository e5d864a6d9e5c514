// Pod-side helpers for rule files: pairing containers with hosts.
#include "support.hpp"

#include "text_util.hpp"
#include "wincompat/paths.hpp"

#include <set>

namespace wincompat::rules {

std::string object_label(const PodSpec &pod) {
  return pod.object_kind + (pod.object_name.empty() ? "" : "/" + pod.object_name);
}

const ContainerAnalysis *first_windows_container(const PodAnalysis &pod) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.os == ContainerOs::Windows) {
      return &c;
    }
  }
  return nullptr;
}

Span image_version_span(const ContainerAnalysis &c, const SourceFile *source) {
  const Span image = c.spec->image.span;
  const ImageResolution &res = c.resolution;
  if (!source || !c.ref || c.ref->tag.empty() || res.token_end <= res.token_begin ||
      std::string_view(source->text()).substr(image.begin, image.end - image.begin) != c.spec->image.value) {
    return image;
  }
  const auto offset = static_cast<uint32_t>(c.ref->tag_begin);
  return {image.begin + offset + static_cast<uint32_t>(res.token_begin),
          image.begin + offset + static_cast<uint32_t>(res.token_end)};
}

namespace {

std::string host_label(const PodHost &host) {
  if (host.kind == "pool" || host.kind == "host") {
    return host.kind + " " + host.name + " (" + host.build.str() + ")";
  }
  return "nodes with " + host.kind + "=" + host.name + " (" + host.build.str() + ")"; // a pinning label
}

/// One tag change is a certain fix only when the new build runs on every
/// Windows host the pod can reach, and the tag is literal in the manifest.
std::optional<Fix> pod_retag_fix(const PodAnalysis &pod, const ContainerAnalysis &c, const RuleContext &ctx,
                                 const SourceFile *source) {
  if (c.source || !c.ref || !source || c.resolution.version_token.empty()) {
    return std::nullopt;
  }
  std::set<uint32_t> builds;
  for (const PodHost &host : pod.windows_hosts) {
    builds.insert(host.build.build);
  }
  if (builds.size() != 1) {
    return std::nullopt;
  }
  const uint32_t target = *builds.begin();
  for (const PodHost &host : pod.windows_hosts) {
    if (!evaluate_compat(WindowsBuild{target, {}}, host.build, pod.view.isolation, *ctx.settings().releases)
             .runs) {
      return std::nullopt;
    }
  }
  const Span image = c.spec->image.span;
  const std::string_view written =
      std::string_view(source->text()).substr(image.begin, image.end - image.begin);
  if (written != c.spec->image.value || c.ref->tag.empty()) {
    return std::nullopt;
  }
  const auto retag = ctx.images().catalog().retag(*c.ref, c.resolution, target);
  if (!retag) {
    return std::nullopt;
  }
  const uint32_t begin = image.begin + static_cast<uint32_t>(retag->begin);
  const uint32_t end = image.begin + static_cast<uint32_t>(retag->end);
  Fix fix;
  fix.title = "use " + retag->text;
  fix.edits.push_back({source->range({begin, end}), retag->text});
  return fix;
}

/// WC304 is worth saying only where the host has a native tag of this image.
bool has_native_tag(const ContainerAnalysis &c, const PodHost &host, const ReleaseCatalog &releases,
                    const ImageCatalog &images) {
  const Release *release = releases.find_build(host.build.build);
  return release && c.ref && images.publishes(*c.ref, c.resolution, *release);
}

} // namespace

const WindowsBuild *multi_build_entry_for(const ContainerAnalysis &c, const PodHost &host,
                                          const PodAnalysis &pod, const ReleaseCatalog &releases,
                                          Verdict *verdict) {
  const std::vector<WindowsBuild> &builds = c.resolution.windows_builds;
  for (const WindowsBuild &build : builds) {
    if (evaluate_compat(build, host.build, pod.view.isolation, releases).runs) {
      return &build;
    }
  }
  // None runs: judge the entry nearest below the host (else the oldest).
  const WindowsBuild *pick = builds.empty() ? nullptr : &builds.front();
  for (const WindowsBuild &build : builds) {
    if (build.build <= host.build.build) {
      pick = &build;
    }
  }
  if (pick && verdict) {
    *verdict = evaluate_compat(*pick, host.build, pod.view.isolation, releases);
  }
  return nullptr;
}

bool is_checked_multi_build(const PodAnalysis &pod, const ContainerAnalysis &c) {
  return c.ref && !c.source && !c.host_process && pod.view.os == OsRestriction::Windows &&
         c.resolution.os == ImageOs::MultiOs && c.resolution.has_build_data && c.resolution.builds_known &&
         c.build_source.empty();
}

void report_multi_build(const PodAnalysis &pod, const ContainerAnalysis &c, RuleContext &ctx,
                        std::string_view what) {
  const std::string_view code = ctx.meta().code;
  if (c.resolution.builds_lower_bound) {
    return; // a rebuild may have more builds than upstream: WC208 says so
  }
  const ReleaseCatalog &releases = *ctx.settings().releases;
  std::vector<const PodHost *> failing;
  std::string reason;
  for (const PodHost &host : pod.windows_hosts) {
    Verdict verdict;
    if (!multi_build_entry_for(c, host, pod, releases, &verdict) && verdict.code == code) {
      failing.push_back(&host);
      reason = verdict.reason;
    }
  }
  if (failing.empty()) {
    return;
  }
  std::vector<std::string> builds;
  for (const WindowsBuild &build : c.resolution.windows_builds) {
    builds.push_back(describe_build(build, releases));
  }
  std::vector<std::string> names;
  DiagnosticData data;
  data.image = c.spec->image.value;
  data.image_build = join(builds, ", ");
  data.isolation = std::string(to_string(pod.view.isolation));
  data.source = "catalog";
  for (const PodHost *host : failing) {
    names.push_back(host_label(*host));
    data.hosts.push_back({host->name, host->build.str()});
  }
  std::string message = "image " + c.spec->image.value + mirror_note(c.resolution) +
                        " (a multi-build manifest list whose Windows entries are " + join(builds, ", ") +
                        ") " + std::string(what) + " " + join(names, ", ") + ": it has no entry for " +
                        (failing.size() == 1 ? "that build" : "those builds") +
                        ", and the nearest one fails: " + reason;
  if (!c.resolution.builds_note.empty()) {
    message += "; " + c.resolution.builds_note;
  }
  ctx.report(image_version_span(c, ctx.source()), message, std::move(data));
}

void report_pod_pairings(const PodAnalysis &pod, RuleContext &ctx, std::string_view what, Hosts hosts_said) {
  const std::string_view code = ctx.meta().code;
  const CheckSettings &settings = ctx.settings();
  for (const ContainerAnalysis &c : pod.containers) {
    if (is_checked_multi_build(pod, c)) {
      report_multi_build(pod, c, ctx, what);
      continue;
    }
    if (c.os != ContainerOs::Windows || c.host_process || !c.resolution.names_build()) {
      continue;
    }
    std::vector<const PodHost *> failing;
    std::vector<std::string> fine;
    std::string reason;
    bool fails = false; // the image never runs there (WC301-WC303), rather than runs only so
    for (const PodHost &host : pod.windows_hosts) {
      const Verdict verdict =
          evaluate_compat(c.resolution.build, host.build, pod.view.isolation, *settings.releases);
      if (verdict.code == code &&
          (hosts_said == Hosts::All || has_native_tag(c, host, *settings.releases, ctx.images().catalog()))) {
        failing.push_back(&host);
        reason = verdict.reason;
        fails = !verdict.runs;
      } else if (verdict.runs && verdict.code.empty()) {
        fine.push_back(host.name);
      }
    }
    if (failing.empty()) {
      continue;
    }
    std::vector<std::string> names;
    DiagnosticData data;
    data.image = c.spec->image.value;
    data.image_build = c.resolution.build.str();
    data.isolation = std::string(to_string(pod.view.isolation));
    data.source = !c.build_source.empty() ? c.build_source
                  : c.source              ? "dockerfile"
                  : c.resolution.from_tag ? "tag"
                                          : "catalog";
    for (const PodHost *host : failing) {
      names.push_back(host_label(*host));
      data.hosts.push_back({host->name, host->build.str()});
    }
    const std::string note = !c.build_note.empty() ? ", " + c.build_note : build_from_tag_note(c.resolution);
    std::string message = "image " + c.spec->image.value + mirror_note(c.resolution) + " (" +
                          c.resolution.build.str() + note + ") " + std::string(what) + " " +
                          join(names, ", ") + ": " + reason;
    if (fails && !fine.empty()) {
      message += "; it runs on " + join(fine, ", ") +
                 ", and the scheduler picks among the reachable pools at random: pin the compatible ones";
    }
    data.fix = pod_retag_fix(pod, c, ctx, ctx.source());
    if (data.fix && fails) {
      message += "; " + data.fix->title;
    }
    Diagnostic &d = ctx.report(c.spec->image.span, message, std::move(data));
    if (c.source) {
      d.related.push_back({c.source->uri, display_path(c.source->dockerfile), c.source->from_range,
                           "base image " + c.source->base_text + " resolved here"});
    }
  }
}

} // namespace wincompat::rules
