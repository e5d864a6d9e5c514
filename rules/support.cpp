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

std::string mirror_note(const ImageResolution &res) {
  return res.mirror_of.empty() ? std::string() : " (taken as a mirror of " + res.mirror_of + ")";
}

std::string build_from_tag_note(const ImageResolution &res) {
  if (res.from_tag) {
    return ", build taken from '" + res.version_token + "' in the tag";
  }
  if (res.os == ImageOs::WindowsNoSuchVersion) {
    return ", the build its tag names";
  }
  return "";
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
  return root.resolution.names_build() && root.ref ? &root : nullptr;
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

/// The edit that retags one stage to `build`, when its version is literal
/// text in the file (not produced by an ARG) and the repository published it.
std::optional<TextEdit> retag_stage(const DockerfileModel &model, const Stage &stage, uint32_t build) {
  if (!stage.ref || stage.resolution.version_token.empty()) {
    return std::nullopt;
  }
  const auto retag = ImageCatalog::builtin().retag(*stage.ref, stage.resolution, build);
  if (!retag) {
    return std::nullopt;
  }
  const Span span = stage.image.span(retag->begin, retag->end);
  const std::string_view written =
      std::string_view(model.source->text()).substr(span.begin, span.end - span.begin);
  if (written != std::string_view(stage.image.value).substr(retag->begin, retag->end - retag->begin)) {
    return std::nullopt;
  }
  return TextEdit{model.source->range(span), retag->text};
}

/// A fix is certain only when every listed host has the same build, the new
/// build runs on every host of the run, and every Windows stage built on the
/// deployed stage's build can be retagged with it (so no fix creates WC106).
std::optional<Fix> retag_fix(const DockerfileModel &model, const Stage &stage,
                             const std::vector<const Host *> &hosts, const CheckSettings &settings) {
  std::set<uint32_t> builds;
  for (const Host *host : hosts) {
    builds.insert(host->build.build);
  }
  if (builds.size() != 1 || !model.source) {
    return std::nullopt;
  }
  const uint32_t target = *builds.begin();
  for (const Host &host : settings.hosts) {
    if (!evaluate_compat(WindowsBuild{target, {}}, host.build, settings.isolation, *settings.releases).runs) {
      return std::nullopt;
    }
  }
  Fix fix;
  for (const Stage *other : image_stages(model)) {
    if (other->build_host || !other->resolution.names_build() ||
        other->resolution.build.build != stage.resolution.build.build) {
      continue;
    }
    auto edit = retag_stage(model, *other, target);
    if (!edit) {
      return std::nullopt;
    }
    if (other == &stage) {
      fix.title = "use " + edit->new_text;
    }
    fix.edits.push_back(std::move(*edit));
  }
  if (fix.title.empty()) {
    return std::nullopt;
  }
  if (fix.edits.size() > 1) {
    fix.title += " in every Windows stage";
  }
  return fix;
}

/// WC304 is worth saying only where the host has a native tag of this image.
bool has_native_tag(const Stage &stage, const Host &host) {
  return host.release && ImageCatalog::builtin().publishes(*stage.ref, stage.resolution, *host.release);
}

} // namespace

void report_pairings(const DockerfileModel &model, RuleContext &ctx, std::string_view what,
                     Hosts hosts_said) {
  const Stage *deployed = deployed_windows_stage(model);
  if (!deployed) {
    return;
  }
  const Stage &stage = *deployed;
  const std::string_view code = ctx.meta().code;
  std::vector<const Host *> hosts;
  std::string reason;
  for (const Pairing &pairing : host_pairings(stage, ctx.settings())) {
    if (pairing.verdict.code == code && (hosts_said == Hosts::All || has_native_tag(stage, *pairing.host))) {
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
  data.source = stage.build_source; // said only when not the catalog, as before the lock existed
  if (data.source.empty() && stage.resolution.from_tag) {
    data.source = "tag";
  }
  for (const Host *host : hosts) {
    names.push_back(describe_host(*host));
    data.hosts.push_back({host->name, host->build.str()});
  }
  const std::string note =
      !stage.build_note.empty() ? ", " + stage.build_note : build_from_tag_note(stage.resolution);
  std::string message = "image " + image_text(stage) + mirror_note(stage.resolution) + " (" +
                        stage.resolution.build.str() + note + ") " + std::string(what) + " " +
                        (hosts.size() == 1 ? "host " : "hosts ") + join(names, ", ") + ": " + reason;
  data.fix = retag_fix(model, stage, hosts, ctx.settings());
  if (data.fix) {
    message += "; " + data.fix->title;
  }
  ctx.report(version_span(stage), message, std::move(data));
}

} // namespace wincompat::rules
