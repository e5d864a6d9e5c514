// Resolves a parsed Dockerfile: ARG scoping, stages, and each FROM's image.
#include "wincompat/dockerfile.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <unordered_map>

namespace wincompat {

const Stage &DockerfileModel::root_of(const Stage &stage) const {
  const Stage *current = &stage;
  // base_stage always points backwards, so this terminates.
  while (current->base_stage) {
    current = &stages[*current->base_stage];
  }
  return *current;
}

namespace {

/// BuildKit: ^[a-z][a-z0-9-_.]*$
bool valid_stage_name(const std::string &name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

/// ARG NAME[=default] ... : declares into `scope`, expanding defaults first.
void declare_args(const Instruction &inst, char escape, const DockerfileInputs &inputs,
                  const ArgScope &visible, ArgScope &scope) {
  for (const Word &word : split_words(inst.args, escape)) {
    const size_t eq = word.raw.text.find('=');
    const std::string name = word.raw.text.substr(0, eq);
    ArgValue value;
    value.declared = word.span;
    if (eq != std::string::npos) {
      value.value = expand_word(word.raw.substr(eq + 1, word.raw.text.size()), visible, escape).value;
    }
    if (auto given = inputs.build_args.find(name); given != inputs.build_args.end()) {
      value.value = given->second;
      value.from_build_arg = true;
    }
    scope[name] = value;
  }
}

/// A Windows drive path (C:\ or c:/) that starts a word.
bool has_drive_path(const std::string &text) {
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const char c = text[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!letter || text[i + 1] != ':' || (text[i + 2] != '\\' && text[i + 2] != '/')) {
      continue;
    }
    const char before = i == 0 ? ' ' : text[i - 1];
    if (before == ' ' || before == '\t' || before == '"' || before == '\'' || before == '=' ||
        before == '[' || before == ',') {
      return true;
    }
  }
  return false;
}

/// Windows PowerShell or cmd as a shell. `pwsh` runs on Linux too, and a
/// RUN that merely installs the `powershell` package says nothing.
bool windows_shell(const Instruction &inst) {
  const std::string lower = to_lower(inst.args.text);
  if (inst.keyword == "SHELL") {
    return lower.find("powershell") != std::string::npos || lower.find("cmd") != std::string::npos;
  }
  const std::string_view command = trim(lower);
  return command.starts_with("powershell") || command.starts_with("[\"powershell") ||
         command.starts_with("cmd ") || command.starts_with("[\"cmd") ||
         lower.find("powershell.exe") != std::string::npos || lower.find("cmd.exe") != std::string::npos;
}

void find_windows_evidence(DockerfileModel &model) {
  const auto found = [&](std::string reason) {
    if (!model.windows_evidence) {
      model.windows_evidence = true;
      model.windows_evidence_reason = std::move(reason);
    }
  };
  if (model.parsed.escape == '`') {
    found("the escape directive is a backtick");
  }
  for (const Stage &stage : model.stages) {
    if (to_lower(stage.platform_value).starts_with("windows")) {
      found("a stage targets --platform=" + stage.platform_value);
    }
    if (stage.resolution.os == ImageOs::WindowsBuild) {
      found("stage " + std::to_string(stage.index + 1) + " is built on a Windows image");
    }
  }
  for (const Instruction &inst : model.parsed.instructions) {
    if ((inst.keyword == "SHELL" || inst.keyword == "RUN") && windows_shell(inst)) {
      found(inst.keyword + " uses a Windows shell");
    } else if ((inst.keyword == "WORKDIR" || inst.keyword == "COPY" || inst.keyword == "ADD" ||
                inst.keyword == "ENV" || inst.keyword == "ENTRYPOINT" || inst.keyword == "CMD") &&
               has_drive_path(inst.args.text)) {
      found(inst.keyword + " uses a Windows path");
    }
  }
  // Dockerfile.windows, Dockerfile-windows, Dockerfile_windows, windows.Dockerfile
  const std::string path = to_lower(model.source ? model.source->path() : "");
  const std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (const char *marker : {"windows", "win", "nanoserver", "servercore", "windowsservercore"}) {
    const std::string m = marker;
    for (const char *sep : {".", "-", "_"}) {
      if (name == "dockerfile" + std::string(sep) + m || name == "containerfile" + std::string(sep) + m ||
          name == m + ".dockerfile") {
        found("the file name says " + m);
      }
    }
  }
}

class ModelBuilder {
public:
  ModelBuilder(const SourceFile &source, const DockerfileInputs &inputs, const ImageCatalog &images)
      : inputs_(inputs), images_(images) {
    model_.source = &source;
    model_.parsed = parse_dockerfile(source);
  }

  DockerfileModel run() {
    bool seen_from = false;
    for (const Instruction &inst : model_.parsed.instructions) {
      if (inst.keyword == "FROM") {
        seen_from = true;
        add_stage(inst);
      } else if (!seen_from) {
        if (inst.keyword == "ARG") {
          declare_args(inst, escape(), inputs_, model_.global_args, model_.global_args);
        } else if (is_known_instruction(inst.keyword)) {
          error("'" + inst.keyword + "' before the first FROM: only ARG may come before FROM",
                inst.keyword_span);
        }
      }
    }
    if (!seen_from && !model_.parsed.instructions.empty()) {
      error("the Dockerfile has no FROM instruction", model_.parsed.instructions.front().keyword_span);
    }
    find_windows_evidence(model_);
    return std::move(model_);
  }

private:
  char escape() const {
    return model_.parsed.escape;
  }
  void error(std::string message, Span span) {
    model_.parsed.errors.push_back({std::move(message), span});
  }

  void add_stage(const Instruction &inst) {
    Stage stage;
    stage.index = model_.stages.size();
    stage.from = &inst;
    std::vector<Word> words = split_words(inst.args, escape());
    size_t i = 0;
    for (; i < words.size() && words[i].raw.text.starts_with("--"); ++i) {
      const std::string &flag = words[i].raw.text;
      if (flag.starts_with("--platform=")) {
        Word value{words[i].raw.substr(11, flag.size()), {}};
        value.span = value.raw.span(0, value.raw.text.size());
        stage.platform_value = platform_of(value);
        stage.platform = std::move(value);
      } else {
        error("unknown flag '" + excerpt(flag.substr(0, flag.find('='))) + "' for FROM", words[i].span);
      }
    }
    const size_t rest = words.size() - i;
    if (rest != 1 && rest != 3) {
      error(rest == 0 ? "FROM needs an image" : "FROM takes an image and optionally 'AS name'",
            rest == 0 ? inst.keyword_span : words[i].span);
      if (rest == 0) {
        model_.stages.push_back(std::move(stage));
        return;
      }
    }
    const Word &image = words[i];
    if (rest >= 3) {
      if (!iequals(words[i + 1].raw.text, "as")) {
        error("expected 'AS' after the image, found '" + excerpt(words[i + 1].raw.text) + "'",
              words[i + 1].span);
      } else {
        stage.name = to_lower(words[i + 2].raw.text);
        stage.name_span = words[i + 2].span;
        if (!valid_stage_name(stage.name)) {
          error("invalid stage name '" + excerpt(words[i + 2].raw.text) + "'", stage.name_span);
        }
        if (!stage.name.empty() && stage_by_name_.count(stage.name)) {
          error("duplicate stage name '" + excerpt(stage.name) + "'", stage.name_span);
        }
      }
    }
    stage.image_span = image.span;
    resolve_image(stage, image);
    if (!stage.name.empty()) {
      stage_by_name_.emplace(stage.name, stage.index); // the first stage of a name wins
    }
    model_.stages.push_back(std::move(stage));
  }

  std::string platform_of(const Word &value) {
    Expansion expanded = expand_word(value.raw, model_.global_args, escape());
    return expanded.unresolved.empty() ? expanded.value : std::string();
  }

  void resolve_image(Stage &stage, const Word &image) {
    stage.image = expand_word(image.raw, model_.global_args, escape());
    if (!stage.image.error.empty()) {
      error("cannot expand '" + excerpt(image.raw.text) + "': " + stage.image.error, image.span);
      stage.invalid_reference = true;
      return;
    }
    stage.unresolved = stage.image.unresolved;
    const std::string lower = to_lower(stage.image.value);
    // A map, not a scan of the earlier stages: 10,000 stages must stay linear.
    if (const auto earlier = stage_by_name_.find(lower); earlier != stage_by_name_.end()) {
      stage.base_stage = earlier->second;
      stage.resolution = model_.stages[earlier->second].resolution;
      return;
    }
    if (!stage.unresolved.empty()) {
      stage.resolution.os = ImageOs::Unknown;
      // Still useful: the repository may be known even when the tag is not
      // ("servercore:" once an empty $TAG is expanded).
      std::string partial = stage.image.value;
      while (!partial.empty() && (partial.back() == ':' || partial.back() == '@' || partial.back() == '-')) {
        partial.pop_back();
      }
      stage.ref = parse_image_ref(partial);
      return;
    }
    if (lower == "scratch") {
      stage.resolution.os = ImageOs::Scratch;
      return;
    }
    ImageRefError ref_error;
    stage.ref = parse_image_ref(stage.image.value, &ref_error);
    if (!stage.ref) {
      stage.invalid_reference = true;
      stage.reference_error = ref_error.message;
      error("invalid image reference '" + excerpt(stage.image.value) + "': " + ref_error.message, image.span);
      return;
    }
    stage.resolution = images_.resolve(*stage.ref);
  }

  const DockerfileInputs &inputs_;
  const ImageCatalog &images_;
  DockerfileModel model_;
  std::unordered_map<std::string, size_t> stage_by_name_; // alias -> first stage with it
};

} // namespace

DockerfileModel build_dockerfile_model(const SourceFile &source, const DockerfileInputs &inputs,
                                       const ImageCatalog &images) {
  return ModelBuilder(source, inputs, images).run();
}

} // namespace wincompat
