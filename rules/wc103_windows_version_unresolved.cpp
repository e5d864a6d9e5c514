// WC103: the Windows version of a base image cannot be resolved.
#include "support.hpp"

#include "text_util.hpp"

#include <algorithm>

namespace wincompat::rules::wc103 {

namespace {

bool repository_is_windows(const Stage &stage) {
  if (!stage.ref) {
    return false;
  }
  const ImageResolution guess = ImageCatalog::builtin().resolve(*stage.ref);
  return guess.is_windows();
}

/// Why `name` has no value, as a message fragment.
std::string why_unset(const Stage &stage, const std::string &name) {
  const auto &used = stage.image.unresolved;
  if (const auto it = std::find(used.begin(), used.end(), name); it != used.end()) {
    const std::string &via = stage.image.unresolved_via[static_cast<size_t>(it - used.begin())];
    return via.empty() ? " has no value" : " has no value (the default of ARG " + via + " uses it)";
  }
  if (std::find(stage.empty_args.begin(), stage.empty_args.end(), name) != stage.empty_args.end()) {
    return " is empty";
  }
  return " has no value, so ${" + name + ":+...} gives nothing";
}

std::string unresolved_message(const DockerfileModel &model, const Stage &stage) {
  std::vector<std::string> hints;
  const bool windows_repository = repository_is_windows(stage);
  const std::string example = windows_repository ? "ltsc2022" : "...";
  for (const auto &name : stage.unresolved) {
    hints.push_back("ARG " + name + why_unset(stage, name) + " (pass --build-arg " + name + "=" + example +
                    " or set buildArgs." + name + " in .wincompat.yaml)");
  }
  const Span word = stage.image_span;
  const std::string written = model.source->text().substr(word.begin, word.end - word.begin);
  return "the Windows version of '" + written + "' cannot be resolved: " + join(hints, "; ");
}

/// The text that brings the first unset ARG into the image word.
Span unresolved_span(const Stage &stage) {
  if (!stage.image.unresolved_spans.empty()) {
    return stage.image.unresolved_spans.front();
  }
  if (!stage.image.unset_optional_spans.empty() && stage.empty_args.empty()) {
    return stage.image.unset_optional_spans.front();
  }
  return stage.image_span;
}

} // namespace

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage &stage : model.stages) {
    if (stage.base_stage || !stage.from || stage.build_host) {
      continue;
    }
    if (!stage.unresolved.empty()) {
      const bool deployed = model.final_stage() && &model.root_of(*model.final_stage()) == &stage;
      if (model.windows_evidence || repository_is_windows(stage) ||
          (deployed && !model.deployed_windows_evidence.empty())) {
        ctx.report(unresolved_span(stage), unresolved_message(model, stage));
      }
      continue;
    }
    if (stage.resolution.os == ImageOs::WindowsUnknown && stage.ref) {
      ctx.report(stage.ref->tag.empty() ? stage.image_span : tag_span(stage),
                 "the Windows version of " + image_text(stage) + " is unknown: " + stage.resolution.detail +
                     "; pin a version tag (ltsc2022) so it can be checked against the hosts");
    }
  }
}

} // namespace wincompat::rules::wc103
