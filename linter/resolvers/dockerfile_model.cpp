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

/// BuildKit's automatic platform ARGs for a Windows image cross-built by a
/// Linux builder: TARGET* are windows/amd64, BUILD* linux/amd64. They are in
/// the global scope (FROM sees them undeclared); --build-arg overrides them.
ArgScope automatic_platform_args(const DockerfileInputs &inputs) {
  const std::pair<const char *, const char *> values[] = {{"TARGETPLATFORM", "windows/amd64"},
                                                          {"TARGETOS", "windows"},
                                                          {"TARGETARCH", "amd64"},
                                                          {"TARGETVARIANT", ""},
                                                          {"BUILDPLATFORM", "linux/amd64"},
                                                          {"BUILDOS", "linux"},
                                                          {"BUILDARCH", "amd64"},
                                                          {"BUILDVARIANT", ""}};
  ArgScope scope;
  for (const auto &[name, value] : values) {
    ArgValue arg;
    arg.value = value;
    arg.automatic = true;
    if (auto given = inputs.build_args.find(name); given != inputs.build_args.end()) {
      arg.value = given->second;
      arg.from_build_arg = true;
    }
    scope[name] = arg;
  }
  return scope;
}

/// The OS of a --platform comes from an automatic ARG the user did not give:
/// it is assumed, so it is no evidence of the build's OS and no ground for an error.
bool os_is_assumed(const Expansion &expansion, const ArgScope &scope) {
  return std::any_of(expansion.used.begin(), expansion.used.end(), [&](const std::string &name) {
    const auto it = scope.find(name);
    const bool names_os = name.ends_with("PLATFORM") || name.ends_with("OS");
    return names_os && it != scope.end() && it->second.automatic && !it->second.from_build_arg;
  });
}

/// ARG NAME[=default] ... : declares into `scope`, expanding defaults first.
/// Returns the names declared.
std::vector<std::string> declare_args(const Instruction &inst, char escape, const DockerfileInputs &inputs,
                                      const ArgScope &visible, ArgScope &scope) {
  std::vector<std::string> names;
  for (const Word &word : split_words(inst.args, escape)) {
    const size_t eq = word.raw.text.find('=');
    const std::string name = word.raw.text.substr(0, eq);
    ArgValue value;
    value.declared = word.span;
    if (eq != std::string::npos) {
      Expansion expanded = expand_word(word.raw.substr(eq + 1, word.raw.text.size()), visible, escape);
      value.value = std::move(expanded.value);
      value.unset_inputs = std::move(expanded.unresolved);
      value.unset_optional = std::move(expanded.unset_optional);
      // Messages name a few; a hostile file must not make every use of an
      // ARG copy thousands of names.
      constexpr size_t kMaxCarried = 8;
      value.unset_inputs.resize(std::min(value.unset_inputs.size(), kMaxCarried));
      value.unset_optional.resize(std::min(value.unset_optional.size(), kMaxCarried));
    }
    if (auto given = inputs.build_args.find(name); given != inputs.build_args.end()) {
      value.value = given->second;
      value.from_build_arg = true;
      value.unset_inputs.clear();
      value.unset_optional.clear();
    }
    scope[name] = value;
    names.push_back(name);
  }
  return names;
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

/// The program a RUN, ENTRYPOINT or CMD starts (its first word, exec or
/// shell form), lower-case, without directory or quotes.
std::string first_program(const std::string &lower) {
  std::string_view rest = trim(lower);
  if (rest.starts_with("[")) {
    rest.remove_prefix(1);
    rest = trim(rest);
  }
  while (rest.starts_with("--")) { // RUN --mount=... --network=...
    const size_t space = rest.find_first_of(" \t");
    rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
  }
  size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]) && rest[end] != ',') {
    ++end;
  }
  std::string word(rest.substr(0, end));
  std::erase(word, '"');
  std::erase(word, '\'');
  const size_t slash = word.find_last_of("/\\");
  return slash == std::string::npos ? word : word.substr(slash + 1);
}

/// Windows PowerShell or cmd as the shell or the program. `pwsh` alone runs
/// on Linux too (`pwsh.exe` does not), and a RUN that merely installs the
/// `powershell` package says nothing.
bool windows_shell(const Instruction &inst) {
  const std::string lower = to_lower(inst.args.text);
  if (inst.keyword == "SHELL") {
    const std::string program = first_program(lower);
    return program.starts_with("powershell") || program == "cmd" || program == "cmd.exe" ||
           program == "pwsh.exe";
  }
  const std::string program = first_program(lower);
  return program == "powershell" || program == "powershell.exe" || program == "cmd" || program == "cmd.exe" ||
         program == "pwsh.exe" || lower.find("powershell.exe") != std::string::npos ||
         lower.find("cmd.exe") != std::string::npos;
}

/// A word (of a COPY, ADD, ENTRYPOINT ...) naming a file with `extension`.
bool names_file_with(const std::string &lower, std::string_view extension) {
  for (size_t at = lower.find(extension); at != std::string::npos; at = lower.find(extension, at + 1)) {
    const size_t after = at + extension.size();
    const char next = after < lower.size() ? lower[after] : ' ';
    const bool word_ends = is_space(next) || next == '"' || next == '\'' || next == ',' || next == ']';
    if (word_ends && at > 0 && !is_space(lower[at - 1]) && lower[at - 1] != '/' && lower[at - 1] != '\\') {
      return true;
    }
  }
  return false;
}

/// Why one instruction shows its stage runs on Windows, or "" (docs/how-it-works.md
/// lists these). `strong` is cleared for evidence that a Linux stage could
/// also show (a `.exe` it cross-built and copies), which only serves to say
/// an unknown deployed base is probably Windows.
std::string instruction_evidence(const Instruction &inst, bool &strong) {
  strong = true;
  const std::string &k = inst.keyword;
  const std::string lower = to_lower(inst.args.text);
  if ((k == "SHELL" || k == "RUN" || k == "ENTRYPOINT" || k == "CMD") && windows_shell(inst)) {
    return k + " uses a Windows shell";
  }
  if ((k == "WORKDIR" || k == "COPY" || k == "ADD" || k == "ENV" || k == "ENTRYPOINT" || k == "CMD" ||
       k == "VOLUME") &&
      has_drive_path(inst.args.text)) {
    return k + " uses a Windows path";
  }
  if (k != "RUN" &&
      (lower.find("/inetpub") != std::string::npos || lower.find("\\inetpub") != std::string::npos)) {
    return k + " uses the IIS folder \\inetpub";
  }
  if (k == "USER") {
    const std::string user(trim(lower));
    if (user == "containeradministrator" || user == "containeruser") {
      return "USER " + std::string(trim(inst.args.text)) + " is a Windows container account";
    }
  }
  strong = false;
  const bool copies = k == "COPY" || k == "ADD";
  if (copies || k == "ENTRYPOINT" || k == "CMD" || k == "WORKDIR") {
    for (const char *extension : {".exe", ".svc"}) {
      if (names_file_with(lower, extension)) {
        return k + " names a " + extension + " file";
      }
    }
  }
  // .NET runs `dotnet app.dll` on Linux too: only a copied .dll counts.
  if (copies && names_file_with(lower, ".dll")) {
    return k + " names a .dll file";
  }
  return "";
}

/// A word of the tag or repository that only Windows images carry
/// (`python3.7nanoserver:ltsc2019`, `app:1.0-windowsservercore`).
std::string image_word_evidence(const ImageRef &ref) {
  const std::string tag = to_lower(ref.tag);
  std::string word;
  for (size_t i = 0; i <= tag.size(); ++i) {
    if (i < tag.size() && tag[i] != '-' && tag[i] != '_' && tag[i] != '.') {
      word += tag[i];
      continue;
    }
    const bool ltsc = word.size() == 8 && word.starts_with("ltsc20");
    const bool semi_annual = word.size() == 4 && std::isdigit(static_cast<unsigned char>(word[0])) &&
                             std::isdigit(static_cast<unsigned char>(word[1])) && word[2] == 'h';
    for (const char *marker : {"nanoserver", "servercore", "windowsservercore", "windows", "1709", "1803",
                               "1809", "1903", "1909"}) {
      if (word == marker) {
        return "the tag names " + word;
      }
    }
    if (ltsc || semi_annual) {
      return "the tag names " + word;
    }
    word.clear();
  }
  for (const std::string &part : split(to_lower(ref.repository), '/')) {
    if (part.find("nanoserver") != std::string::npos || part.find("servercore") != std::string::npos ||
        part == "windows" || part.starts_with("windows-") || part.ends_with("-windows")) {
      return "the repository " + ref.repository + " names Windows";
    }
  }
  return "";
}

/// The one place that decides whether a Dockerfile targets Windows. Fills
/// `windows_evidence` (the file as a whole, strong evidence only: multi-OS
/// tags are Windows then) and `deployed_windows_evidence` (the deployed
/// stage and the stages it is built on, weak evidence included: an unknown
/// base is then reported as such).
void find_windows_evidence(DockerfileModel &model) {
  model.windows_evidence = false;
  model.windows_evidence_reason.clear();
  const auto found = [&](std::string reason) {
    if (!model.windows_evidence) {
      model.windows_evidence = true;
      model.windows_evidence_reason = std::move(reason);
    }
  };
  std::string file_reason; // evidence of the file as a whole
  if (model.parsed.escape == '`') {
    file_reason = "the escape directive is a backtick";
  }
  // Dockerfile.windows, Dockerfile-windows, Dockerfile_windows, windows.Dockerfile
  const std::string path = to_lower(model.source ? model.source->path() : "");
  const std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (const char *marker : {"windows", "win", "nanoserver", "servercore", "windowsservercore"}) {
    const std::string m = marker;
    for (const char *sep : {".", "-", "_"}) {
      if (file_reason.empty() &&
          (name == "dockerfile" + std::string(sep) + m || name == "containerfile" + std::string(sep) + m ||
           name == m + ".dockerfile")) {
        file_reason = "the file name says " + m;
      }
    }
  }
  if (!file_reason.empty()) {
    found(file_reason);
  }
  // Each stage's own evidence: its --platform, its image, its instructions.
  std::vector<std::string> strong(model.stages.size()), weak(model.stages.size());
  const auto note = [](std::string &slot, std::string reason) {
    if (slot.empty()) {
      slot = std::move(reason);
    }
  };
  for (const Stage &stage : model.stages) {
    if (to_lower(stage.platform_value).starts_with("windows")) {
      note(strong[stage.index], "a stage targets --platform=" + stage.platform_value);
    }
    if (stage.resolution.os == ImageOs::WindowsBuild) {
      note(strong[stage.index], "stage " + std::to_string(stage.index + 1) + " is built on a Windows image");
    }
    if (stage.ref && !stage.base_stage && !stage.build_host) {
      note(weak[stage.index], image_word_evidence(*stage.ref));
    }
  }
  size_t current = 0;
  bool in_stage = false;
  for (const Instruction &inst : model.parsed.instructions) {
    if (inst.keyword == "FROM") {
      current = in_stage ? current + 1 : 0;
      in_stage = true;
      continue;
    }
    bool is_strong = false;
    std::string reason = instruction_evidence(inst, is_strong);
    if (reason.empty() || !in_stage || current >= model.stages.size()) {
      continue;
    }
    note(is_strong ? strong[current] : weak[current], std::move(reason));
  }
  for (const Stage &stage : model.stages) {
    if (!strong[stage.index].empty()) {
      found(strong[stage.index]);
    }
  }
  // The deployed stage, followed back through the stages it is built on.
  const Stage *at = model.final_stage();
  std::string deployed = file_reason;
  while (at && deployed.empty()) {
    if (at->build_host) {
      break;
    }
    deployed = !strong[at->index].empty() ? strong[at->index] : weak[at->index];
    at = at->base_stage ? &model.stages[*at->base_stage] : nullptr;
  }
  model.deployed_windows_evidence = std::move(deployed);
}

/// Lays a Dockerfile out: stages, ARG scopes and each FROM's reference.
/// Images are resolved afterwards (resolve_dockerfile_images), once the
/// lock or registries can answer for all of them.
class ModelBuilder {
public:
  ModelBuilder(const SourceFile &source, const DockerfileInputs &inputs) : inputs_(inputs) {
    model_.source = &source;
    model_.parsed = parse_dockerfile(source);
    from_scope_ = automatic_platform_args(inputs);
  }

  DockerfileModel run() {
    bool seen_from = false;
    for (const Instruction &inst : model_.parsed.instructions) {
      if (inst.keyword == "FROM") {
        seen_from = true;
        add_stage(inst);
      } else if (!seen_from) {
        if (inst.keyword == "ARG") {
          declare_global_args(inst);
        } else if (is_known_instruction(inst.keyword)) {
          error("'" + inst.keyword + "' before the first FROM: only ARG may come before FROM",
                inst.keyword_span);
        }
      }
    }
    if (!seen_from && !model_.parsed.instructions.empty()) {
      error("the Dockerfile has no FROM instruction", model_.parsed.instructions.front().keyword_span);
    }
    return std::move(model_);
  }

private:
  char escape() const {
    return model_.parsed.escape;
  }
  void error(std::string message, Span span) {
    model_.parsed.errors.push_back({std::move(message), span});
  }

  /// Global ARGs, and the scope FROM lines expand in: the automatic platform
  /// ARGs overlaid with them (a declaration without a value keeps BuildKit's).
  void declare_global_args(const Instruction &inst) {
    for (const std::string &name : declare_args(inst, escape(), inputs_, from_scope_, model_.global_args)) {
      const ArgValue &declared = model_.global_args.at(name);
      if (!declared.value && is_builder_arg(name) && from_scope_.count(name)) {
        continue;
      }
      from_scope_[name] = declared;
    }
  }

  void add_stage(const Instruction &inst) {
    Stage stage;
    builder_platform_ = false;
    stage.index = model_.stages.size();
    stage.from = &inst;
    std::vector<Word> words = split_words(inst.args, escape());
    size_t i = 0;
    for (; i < words.size() && words[i].raw.text.starts_with("--"); ++i) {
      const std::string &flag = words[i].raw.text;
      if (flag.starts_with("--platform=")) {
        Word value{words[i].raw.substr(11, flag.size()), {}};
        value.span = value.raw.span(0, value.raw.text.size());
        resolve_platform(stage, value);
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
    stage.builder_platform = builder_platform_;
    if (!stage.name.empty()) {
      stage_by_name_.emplace(stage.name, stage.index); // the first stage of a name wins
    }
    model_.stages.push_back(std::move(stage));
  }

  /// `platform_value` only when the file says it; `build_host` also when the
  /// builder's own platform is asked for ($BUILDPLATFORM: a Linux builder).
  void resolve_platform(Stage &stage, const Word &value) {
    const Expansion expanded = expand_word(value.raw, from_scope_, escape());
    if (!expanded.unresolved.empty()) {
      return;
    }
    const bool linux = to_lower(expanded.value).starts_with("linux");
    if (!os_is_assumed(expanded, from_scope_)) {
      stage.platform_value = expanded.value;
      stage.build_host = linux;
    } else {
      builder_platform_ = linux; // decided once the image is known
    }
  }

  void resolve_image(Stage &stage, const Word &image) {
    stage.image = expand_word(image.raw, from_scope_, escape());
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
    if ((!stage.ref || (stage.ref->tag.empty() && stage.ref->digest.empty())) && left_empty_by_args(stage)) {
      stage.resolution.os = ImageOs::Unknown;
      return;
    }
    if (!stage.ref) {
      stage.invalid_reference = true;
      stage.reference_error = ref_error.message;
      error("invalid image reference '" + excerpt(stage.image.value) + "': " + ref_error.message, image.span);
    }
  }

  /// ARGs that expanded to nothing and left an invalid or untagged reference
  /// ("servercore:", or "servercore" from `servercore${TAG:+:$TAG}` with TAG
  /// unset): unresolved (WC103), not a syntax error nor an untagged image.
  bool left_empty_by_args(Stage &stage) {
    const bool invalid = !stage.ref;
    for (const std::string &name : stage.image.used) {
      const auto it = from_scope_.find(name);
      if (invalid && it != from_scope_.end() && it->second.value && it->second.value->empty() &&
          it->second.unset_optional.empty() &&
          std::find(stage.unresolved.begin(), stage.unresolved.end(), name) == stage.unresolved.end()) {
        stage.unresolved.push_back(name);
        stage.empty_args.push_back(name);
      }
    }
    for (const std::string &name : stage.image.unset_optional) {
      stage.unresolved.push_back(name);
    }
    if (stage.unresolved.empty()) {
      return false;
    }
    std::string partial = stage.image.value;
    while (!partial.empty() && (partial.back() == ':' || partial.back() == '@' || partial.back() == '-')) {
      partial.pop_back();
    }
    stage.ref = parse_image_ref(partial);
    return true;
  }

  const DockerfileInputs &inputs_;
  ArgScope from_scope_;
  bool builder_platform_ = false; // the current FROM asks for the builder's (Linux) platform
  DockerfileModel model_;
  std::unordered_map<std::string, size_t> stage_by_name_; // alias -> first stage with it
};

/// A stage whose FROM names an image in full: the resolver decides its build.
bool names_image(const Stage &stage) {
  return stage.ref && !stage.base_stage && stage.unresolved.empty() && !stage.invalid_reference;
}

} // namespace

DockerfileModel parse_dockerfile_model(const SourceFile &source, const DockerfileInputs &inputs) {
  return ModelBuilder(source, inputs).run();
}

std::vector<ImageRef> dockerfile_lookups(const DockerfileModel &model, const ImageResolver &images) {
  std::vector<ImageRef> out;
  for (const Stage &stage : model.stages) {
    if (names_image(stage) && images.needs_lookup(*stage.ref, ImageUse::Base)) {
      out.push_back(*stage.ref);
    }
  }
  return out;
}

void resolve_dockerfile_images(DockerfileModel &model, const ImageResolver &images) {
  for (Stage &stage : model.stages) {
    if (stage.base_stage) {
      stage.resolution = model.stages[*stage.base_stage].resolution;
    } else if (names_image(stage)) {
      ImageAnswer answer = images.resolve(*stage.ref, ImageUse::Base);
      stage.resolution = std::move(answer.resolution);
      stage.build_source = std::move(answer.build_source);
      stage.build_note = std::move(answer.build_note);
      stage.lookup_problem = std::move(answer.lookup_problem);
    }
    // --platform naming Linux is a build host; $BUILDPLATFORM with a Windows
    // image means a Windows builder, otherwise the Linux builder cross-builds.
    stage.build_host = to_lower(stage.platform_value).starts_with("linux") ||
                       (stage.builder_platform && !stage.resolution.is_windows());
  }
  find_windows_evidence(model);
}

DockerfileModel build_dockerfile_model(const SourceFile &source, const DockerfileInputs &inputs,
                                       const ImageResolver &images) {
  DockerfileModel model = parse_dockerfile_model(source, inputs);
  resolve_dockerfile_images(model, images);
  return model;
}

} // namespace wincompat
