#include "support.hpp"

#include "text_util.hpp"

#include <set>

namespace wincompat::rules {

std::vector<const Stage *> image_stages(const DockerfileModel &model) {
  std::vector<const Stage *> out;
  for (const Stage &stage : model.stages) {
    if (!stage.base_stage && stage.from) {
      out.push_back(&stage);
    }
  }
  return out;
}

Span tag_span(const Stage &stage) {
  if (stage.ref && !stage.ref->tag.empty()) {
    return stage.image.span(stage.ref->tag_begin, stage.ref->tag_end);
  }
  return stage.image_span;
}

Span version_span(const Stage &stage) {
  const ImageResolution &res = stage.resolution;
  if (stage.ref && !stage.ref->tag.empty() && res.token_end > res.token_begin) {
    return stage.image.span(stage.ref->tag_begin + res.token_begin, stage.ref->tag_begin + res.token_end);
  }
  return tag_span(stage);
}

std::string image_text(const Stage &stage) {
  return stage.image.value;
}

std::string describe_build(const WindowsBuild &build, const ReleaseCatalog &catalog) {
  const Release *release = catalog.find_build(build.build);
  return release ? release->id + " (" + build.str() + ")" : build.str();
}

std::string describe_host(const Host &host) {
  return host.name + " (" + host.build.str() + ")";
}

std::string stage_label(const Stage &stage) {
  return stage.name.empty() ? "stage " + std::to_string(stage.index + 1) : "stage '" + stage.name + "'";
}

const Stage *deployed_windows_stage(const DockerfileModel &model) {
  const Stage *last = model.final_stage();
  if (!last) {
    return nullptr;
  }
  const Stage &root = model.root_of(*last);
  return root.resolution.os == ImageOs::WindowsBuild && root.ref ? &root : nullptr;
}

std::vector<Pairing> host_pairings(const Stage &stage, const CheckSettings &settings) {
  std::vector<Pairing> out;
  for (const Host &host : settings.hosts) {
    out.push_back(
        {&host, evaluate_compat(stage.resolution.build, host.build, settings.isolation, *settings.releases)});
  }
  return out;
}

namespace {

/// A fix is certain only when the version token is literal text in the file
/// (not produced by an ARG) and every listed host has the same build.
std::optional<Fix> retag_fix(const DockerfileModel &model, const Stage &stage,
                             const std::vector<const Host *> &hosts, const CheckSettings &settings) {
  std::set<uint32_t> builds;
  for (const Host *host : hosts) {
    builds.insert(host->build.build);
  }
  if (builds.size() != 1 || !model.source) {
    return std::nullopt;
  }
  // Certain only if the new build runs on every host of the run, not just these.
  for (const Host &host : settings.hosts) {
    if (!evaluate_compat(WindowsBuild{*builds.begin(), {}}, host.build, settings.isolation,
                         *settings.releases)
             .runs) {
      return std::nullopt;
    }
  }
  const Span span = version_span(stage);
  const std::string_view written =
      std::string_view(model.source->text()).substr(span.begin, span.end - span.begin);
  if (stage.resolution.version_token.empty() || written != stage.resolution.version_token) {
    return std::nullopt;
  }
  const std::string token =
      ImageCatalog::builtin().version_token_for(*stage.ref, stage.resolution, *builds.begin());
  if (token.empty()) {
    return std::nullopt;
  }
  Fix fix;
  fix.title = "use " + token;
  fix.edits.push_back({model.source->range(span), token});
  return fix;
}

} // namespace

void report_pairings(const DockerfileModel &model, const Stage &stage, RuleContext &ctx,
                     std::string_view code, std::string_view what) {
  std::vector<const Host *> hosts;
  std::string reason;
  for (const Pairing &pairing : host_pairings(stage, ctx.settings())) {
    if (pairing.verdict.code == code) {
      hosts.push_back(pairing.host);
      reason = pairing.verdict.reason;
    }
  }
  if (hosts.empty()) {
    return;
  }
  std::vector<std::string> names;
  DiagnosticData data;
  data.image = image_text(stage);
  data.image_build = stage.resolution.build.str();
  data.isolation = std::string(to_string(ctx.settings().isolation));
  for (const Host *host : hosts) {
    names.push_back(describe_host(*host));
    data.hosts.push_back({host->name, host->build.str()});
  }
  std::string message = "image " + image_text(stage) + " (" + stage.resolution.build.str() + ") " +
                        std::string(what) + " " + (hosts.size() == 1 ? "host " : "hosts ") +
                        join(names, ", ") + ": " + reason;
  data.fix = retag_fix(model, stage, hosts, ctx.settings());
  if (data.fix) {
    message += "; " + data.fix->title;
  }
  ctx.report(version_span(stage), message, std::move(data));
}

} // namespace wincompat::rules
