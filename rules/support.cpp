#include "support.hpp"

#include "text_util.hpp"

#include <algorithm>
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

/// The version comes whole from one global ARG's literal default (`ARG
/// TAG=ltsc2019` ... `FROM servercore:${TAG}`): the edit is in the default,
/// when no --build-arg sets it and every stage that reads it is on this build.
std::optional<TextEdit> retag_arg_default(const DockerfileModel &model, const Stage &stage,
                                          const ImageCatalog::Retag &retag) {
  const Expansion &image = stage.image;
  if (retag.begin >= retag.end || retag.end > image.origin.size()) {
    return std::nullopt;
  }
  const Span use = image.origin[retag.begin];
  for (size_t i = retag.begin; i < retag.end; ++i) {
    if (image.origin[i].begin != use.begin || image.origin[i].end != use.end) {
      return std::nullopt;
    }
  }
  size_t first = retag.begin;
  while (first > 0 && image.origin[first - 1].begin == use.begin && image.origin[first - 1].end == use.end) {
    --first;
  }
  size_t last = retag.end;
  while (last < image.origin.size() && image.origin[last].begin == use.begin &&
         image.origin[last].end == use.end) {
    ++last;
  }
  const std::string &text = model.source->text();
  if (use.end > text.size() || use.begin >= use.end) {
    return std::nullopt;
  }
  std::string name = text.substr(use.begin, use.end - use.begin);
  if (name.starts_with("${") && name.ends_with("}")) {
    name = name.substr(2, name.size() - 3);
  } else if (name.starts_with("$")) {
    name = name.substr(1);
  } else {
    return std::nullopt;
  }
  const auto arg = model.global_args.find(name);
  if (arg == model.global_args.end() || !arg->second.value || arg->second.from_build_arg ||
      arg->second.automatic || *arg->second.value != image.value.substr(first, last - first)) {
    return std::nullopt;
  }
  const Span declared = arg->second.declared;
  if (declared.end > text.size() ||
      text.substr(declared.begin, declared.end - declared.begin) != name + "=" + *arg->second.value) {
    return std::nullopt; // quoted, continued or built from other ARGs: not certain
  }
  for (const Stage &other : model.stages) {
    const bool reads =
        std::find(other.image.used.begin(), other.image.used.end(), name) != other.image.used.end();
    if (reads &&
        (!other.resolution.names_build() || other.resolution.build.build != stage.resolution.build.build)) {
      return std::nullopt;
    }
  }
  const uint32_t at = declared.begin + static_cast<uint32_t>(name.size() + 1 + (retag.begin - first));
  return TextEdit{model.source->range(Span{at, at + static_cast<uint32_t>(retag.end - retag.begin)}),
                  retag.text};
}

/// The edit that retags one stage to `build`, when its version is literal
/// text in the file (not produced by an ARG) and the repository published it.
std::optional<TextEdit> retag_stage(const DockerfileModel &model, const Stage &stage, uint32_t build,
                                    const ImageCatalog &images) {
  if (!stage.ref || stage.resolution.version_token.empty()) {
    return std::nullopt;
  }
  const auto retag = images.retag(*stage.ref, stage.resolution, build);
  if (!retag) {
    return std::nullopt;
  }
  const Span span = stage.image.span(retag->begin, retag->end);
  const std::string_view written =
      std::string_view(model.source->text()).substr(span.begin, span.end - span.begin);
  if (written != std::string_view(stage.image.value).substr(retag->begin, retag->end - retag->begin)) {
    return retag_arg_default(model, stage, *retag);
  }
  return TextEdit{model.source->range(span), retag->text};
}

/// A fix is certain only when every listed host has the same build, the new
/// build runs on every host of the run, and every Windows stage built on the
/// deployed stage's build can be retagged with it (so no fix creates WC106).
std::optional<Fix> retag_fix(const DockerfileModel &model, const Stage &stage,
                             const std::vector<const Host *> &hosts, const CheckSettings &settings,
                             const ImageCatalog &images) {
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
    auto edit = retag_stage(model, *other, target, images);
    if (!edit) {
      return std::nullopt;
    }
    if (other == &stage) {
      fix.title = "use " + edit->new_text;
    }
    const bool made = std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit &e) {
      return e.range.start.line == edit->range.start.line &&
             e.range.start.character == edit->range.start.character;
    }); // stages that share one ARG default: one edit
    if (!made) {
      fix.edits.push_back(std::move(*edit));
    }
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
bool has_native_tag(const Stage &stage, const Host &host, const ImageCatalog &images) {
  return host.release && images.publishes(*stage.ref, stage.resolution, *host.release);
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
  const std::vector<Pairing> pairings = host_pairings(stage, ctx.settings());
  const bool runs_somewhere =
      std::any_of(pairings.begin(), pairings.end(), [](const Pairing &p) { return p.verdict.runs; });
  for (const Pairing &pairing : pairings) {
    if (ctx.settings().any_host && runs_somewhere && !pairing.verdict.runs) {
      continue; // an inventory pool runs it: its workloads' pools decide
    }
    if (pairing.verdict.code == code &&
        (hosts_said == Hosts::All || has_native_tag(stage, *pairing.host, ctx.images().catalog()))) {
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
  data.fix = retag_fix(model, stage, hosts, ctx.settings(), ctx.images().catalog());
  if (data.fix) {
    message += "; " + data.fix->title;
  }
  ctx.report(version_span(stage), message, std::move(data));
}

} // namespace wincompat::rules
