#include "lsp/workspace.hpp"
#include "repository.hpp"

#include "text_util.hpp"
#include "wincompat/options.hpp"
#include "wincompat/pod.hpp"
#include "wincompat/registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <set>

namespace fs = std::filesystem;

namespace wincompat::lsp {

namespace {

/// Listings older than this are walked again, so files created or changed
/// outside the editor are seen without a notification.
constexpr auto kListingLifetime = std::chrono::seconds(10);
/// A bigger YAML file is not read to find out whether it holds RuntimeClasses.
constexpr uintmax_t kMaxContextFileSize = 4u << 20;

std::string normal(const std::string &path) {
  return fs::path(path).lexically_normal().string();
}

std::string directory_of(const std::string &path) {
  return fs::path(path).parent_path().string();
}

std::string file_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool is_below(const std::string &path, const std::string &root) {
  return path.size() > root.size() && path.starts_with(root) &&
         (root.ends_with('/') || path[root.size()] == '/');
}

/// Engine diagnostics of files outside the lint (config, inventory) carry
/// spans; editors need ranges.
std::vector<Diagnostic> with_ranges(std::vector<Diagnostic> diagnostics, const SourceFile *source) {
  if (source) {
    for (Diagnostic &d : diagnostics) {
      d.range = source->range(d.span);
    }
  }
  return diagnostics;
}

fs::file_time_type modified(const std::string &path) {
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  return ec ? fs::file_time_type::min() : time;
}

std::string read_all(const std::string &path) {
  std::string error;
  return DiskFileSystem().read(path, kMaxContextFileSize, error).value_or("");
}

/// The config's bytes through the editor's files ("" when they cannot be read).
std::string config_bytes(const std::string &config_path, const FileSystem &files) {
  std::string error;
  return config_path.empty() ? "" : files.read(config_path, kMaxContextFileSize, error).value_or("");
}

} // namespace

bool is_context_file(const std::string &path, std::string_view text) {
  return is_compose_file(path) || is_skaffold_file(path) ||
         text.find("RuntimeClass") != std::string_view::npos;
}

std::optional<std::set<std::string>> runtime_class_names(std::string_view text) {
  constexpr std::string_view key = "runtimeClassName";
  std::set<std::string> names;
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + key.size())) {
    size_t i = at + key.size();
    while (i < text.size() && (text[i] == '"' || text[i] == '\'' || text[i] == ':' || is_space(text[i]))) {
      ++i;
    }
    const size_t end = text.find_first_of(" \t\r\n\"',}#", i);
    const std::string name(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (name.empty() || name[0] == '*' || name[0] == '&' || name[0] == '{' || name[0] == '[') {
      return std::nullopt; // an alias, an anchor or no plain value: keep every RuntimeClass
    }
    names.insert(name);
  }
  return names;
}

FileKind document_kind(const Document &document) {
  const FileKind by_name = kind_from_name(document.path.empty() ? document.uri : document.path);
  if (by_name != FileKind::Auto) {
    return by_name;
  }
  const std::string language = to_lower(document.language_id);
  if (language == "dockerfile" || language == "containerfile") {
    return FileKind::Dockerfile;
  }
  if (language == "yaml" || language == "yml") {
    return FileKind::Yaml;
  }
  return FileKind::Auto;
}

/// The project's options, built as `wincompat lint` builds them
/// (options.hpp) with nothing but the editor's own rule: it never asks
/// registries, so answers come from the lock file only. `start` is the
/// document's folder (where the lock search starts when there is no config).
Project Workspace::build_project(const std::string &config_path, const std::string &start,
                                 const FileSystem &files) {
  Project project;
  project.config_path = config_path;
  if (!config_path.empty()) {
    project.config = load_config(config_path, files);
    project.config_bytes = config_bytes(config_path, files);
    project.watched.emplace_back(config_path, modified(config_path));
    if (!project.config.errors.empty()) {
      project.problems[config_path] = with_ranges(project.config.errors, project.config.source.get());
    }
  }
  OptionOverrides overrides;
  overrides.offline = true;
  overrides.start = start;
  OptionsResult built = build_options(config_path.empty() ? nullptr : &project.config, overrides);
  project.options = std::move(built.options);
  for (std::string &error : built.errors) {
    messages_.push_back(std::move(error));
  }
  for (FileResult &file : built.problems) {
    auto &list = project.problems[file.path];
    std::move(file.diagnostics.begin(), file.diagnostics.end(), std::back_inserter(list));
  }
  for (const std::string &nodes : project.config.nodes) {
    project.watched.emplace_back(nodes, modified(nodes));
  }
  if (const std::string lock = lock_for(&project.config, start); !lock.empty()) {
    project.watched.emplace_back(lock, modified(lock));
  }
  return project;
}

const Project &Workspace::project_for(const std::string &directory, const FileSystem &files) {
  const std::string start = directory.empty() ? "." : directory;
  const std::string config_path = find_config(start, files);
  // Without a config the lock is found from the document's folder, as lint
  // finds it from its working directory: one project per lock file then.
  const std::string key =
      config_path.empty() ? std::string("\n").append(lock_for(nullptr, start)) : config_path;
  auto it = projects_.find(key);
  const bool stale =
      it != projects_.end() && (std::any_of(it->second.watched.begin(), it->second.watched.end(),
                                            [](const auto &w) { return modified(w.first) != w.second; }) ||
                                config_bytes(config_path, files) != it->second.config_bytes);
  if (it == projects_.end() || stale) {
    it = projects_.insert_or_assign(key, build_project(config_path, start, files)).first;
  }
  return it->second;
}

std::map<std::string, std::vector<Diagnostic>> Workspace::problems() const {
  std::map<std::string, std::vector<Diagnostic>> out;
  for (const auto &[config_path, project] : projects_) {
    for (const auto &[path, diagnostics] : project.problems) {
      out[path] = diagnostics;
    }
  }
  return out;
}

const std::string *Workspace::context_text(const std::string &path) {
  std::error_code ec;
  const auto mtime = fs::last_write_time(path, ec);
  const uintmax_t size = ec ? 0 : fs::file_size(path, ec);
  if (ec || size > kMaxContextFileSize) {
    return nullptr;
  }
  auto it = marks_.find(path);
  if (it == marks_.end() || it->second.mtime != mtime || it->second.size != size) {
    std::string text = read_all(path);
    const bool context = is_context_file(path, text);
    it = marks_.insert_or_assign(path, Mark{mtime, size, context, context ? std::move(text) : ""}).first;
  }
  return it->second.context ? &it->second.text : nullptr;
}

/// YAML files below `root` (only in it when not `recursive`) that give
/// manifests context, cached for a while: a keystroke must not walk a tree.
const std::vector<std::string> &Workspace::context_files(const Project &project, const std::string &root,
                                                         bool recursive, const FileSystem &files) {
  const std::string key = root + (recursive ? "/**" : "/*");
  const auto now = std::chrono::steady_clock::now();
  auto it = listings_.find(key);
  if (it != listings_.end() && now - it->second.when < kListingLifetime) {
    return it->second.files;
  }
  Listing listing{now, {}, {}};
  std::vector<std::string> yaml;
  if (recursive) {
    std::vector<std::string> missing;
    for (const FileInput &input : collect_inputs({root}, project.config.exclude, project.config.directory,
                                                 missing, false, false, files)) {
      if (input.kind == InputKind::Kustomization) {
        listing.kustomizations.push_back(input);
      }
      yaml.push_back(normal(input.fs_path));
    }
  } else {
    for (const DirEntry &entry : files.list(root)) {
      yaml.push_back(normal((fs::path(root) / entry.name).string()));
    }
  }
  for (const std::string &path : yaml) {
    if (kind_from_name(path) == FileKind::Yaml && context_text(path)) {
      listing.files.push_back(path);
    }
  }
  return listings_.insert_or_assign(key, std::move(listing)).first->second.files;
}

namespace {

/// Whether a context file can matter to a manifest: image mappings always
/// do; RuntimeClasses only when the manifest names one of them, so a keystroke
/// in a manifest without runtimeClassName parses no RuntimeClass file.
bool matters(const std::string &path, std::string_view text,
             const std::optional<std::set<std::string>> &names) {
  if (is_compose_file(path) || is_skaffold_file(path)) {
    return true;
  }
  if (text.find("RuntimeClass") == std::string_view::npos) {
    return false;
  }
  return !names || std::any_of(names->begin(), names->end(), [&](const std::string &name) {
    return text.find(name) != std::string_view::npos;
  });
}

} // namespace

/// A manifest is linted with its repository's context files, as
/// `wincompat lint .` would, so RuntimeClasses and image mappings defined
/// elsewhere apply; only the document's own diagnostics are kept.
std::vector<Diagnostic> Workspace::lint_manifest(const Document &document, const Project &project,
                                                 const std::map<std::string, Document> &open) {
  const std::string self = normal(document.path);
  std::string root =
      project.config_path.empty() ? repository_root(directory_of(self)).string() : project.config.directory;
  const bool recursive = !root.empty();
  root = recursive ? normal(root) : directory_of(self);
  std::map<std::string, const std::string *> texts; // path -> text, open documents first
  const OpenYaml &open_yaml = open_yaml_of(open);
  for (const auto &[path, text] : open_yaml.candidates) {
    const bool in_root = recursive ? is_below(path, root) : directory_of(path) == root;
    if (path != self && in_root) {
      texts.emplace(path, text);
    }
  }
  const std::shared_ptr<const FileSystem> files = editor_files(open, self);
  for (const std::string &path : context_files(project, root, recursive, *files)) {
    if (const std::string *text =
            open_yaml.paths.contains(path) || path == self ? nullptr : context_text(path)) {
      texts.emplace(path, text);
    }
  }
  const auto names = runtime_class_names(document.text);
  std::vector<FileInput> inputs;
  for (const auto &[path, text] : texts) {
    if (matters(path, *text, names)) {
      inputs.push_back({path, path, false, *text});
    }
  }
  // A manifest a kustomization reads (a base's resource, a patch) is linted
  // as part of the builds, as `wincompat lint ROOT` lints it: every
  // kustomization of the tree is built through the editor's files, and the
  // manifest alone only when no build reads it.
  const auto listed = recursive ? listings_.find(root + "/**") : listings_.end();
  if (listed != listings_.end() && !listed->second.kustomizations.empty()) {
    for (const FileInput &kustomization : listed->second.kustomizations) {
      inputs.push_back(kustomization);
    }
    inputs.push_back({self, self, false, document.text});
    LintOptions options = project.options;
    options.files = files;
    const LintResult result = wincompat::lint(inputs, options);
    const std::string absolute = files->absolute(self);
    std::vector<Diagnostic> found;
    for (const FileResult &file : result.files) {
      if (files->absolute(file.path) == absolute) {
        found.insert(found.end(), file.diagnostics.begin(), file.diagnostics.end());
      }
    }
    return found;
  }
  inputs.push_back({self, self, true, document.text});
  LintOptions options = project.options;
  options.files = files;
  LintResult result = wincompat::lint(inputs, options);
  // The document's own result: the inventory's findings (WC213) are another file's.
  const std::string absolute = files->absolute(self);
  for (FileResult &file : result.files) {
    if (files->absolute(file.path) == absolute) {
      return std::move(file.diagnostics);
    }
  }
  return std::move(result.files.front().diagnostics);
}

/// The disk as the editor shows it: every open document's unsaved text
/// stands for its file's bytes, for every layer (Dockerfiles behind image
/// mappings, charts, values, kustomizations and what they read).
Workspace::OpenYaml Workspace::make_open_yaml(const std::map<std::string, Document> &open) {
  OpenYaml out;
  for (const auto &[uri, doc] : open) {
    const std::string path = doc.path.empty() ? "" : normal(doc.path);
    if (path.empty() || kind_from_name(path) != FileKind::Yaml) {
      continue;
    }
    out.paths.insert(path);
    // What `matters` can keep: Compose and Skaffold files, and RuntimeClasses.
    if (is_compose_file(path) || is_skaffold_file(path) ||
        doc.text.find("RuntimeClass") != std::string::npos) {
      out.candidates.emplace_back(path, &doc.text);
    }
  }
  return out;
}

const Workspace::OpenYaml &Workspace::open_yaml_of(const std::map<std::string, Document> &open) {
  if (!batch_ || !batch_yaml_) {
    batch_yaml_ = make_open_yaml(open);
  }
  return *batch_yaml_;
}

std::shared_ptr<const FileSystem> Workspace::editor_files(const std::map<std::string, Document> &open,
                                                          const std::string &document) {
  if (!batch_) {
    return confined(make_editor_files(open), document);
  }
  if (!batch_files_) {
    batch_files_ = make_editor_files(open);
  }
  return confined(batch_files_, document);
}

/// `files` confined, as lint is, to the repository of `document` (its git
/// top level, else its folder).
std::shared_ptr<const FileSystem> Workspace::confined(std::shared_ptr<const FileSystem> files,
                                                      const std::string &document) {
  return std::make_shared<ConfinedFileSystem>(
      std::vector<std::string>{confinement_root(document.empty() ? "." : document)}, std::move(files));
}

std::shared_ptr<const FileSystem> Workspace::make_editor_files(const std::map<std::string, Document> &open) {
  auto files = std::make_shared<OverlayFileSystem>(std::make_shared<DiskFileSystem>(true));
  for (const auto &[uri, document] : open) {
    if (!document.path.empty()) {
      files->set(document.path, document.text);
    }
  }
  return files;
}

/// A layer input (a chart, a kustomization) is linted as `wincompat lint
/// DIR` lints it, through the editor's files; the document gets the
/// findings placed in it.
std::vector<Diagnostic> Workspace::lint_layer_file(const Document &document, const Project &project,
                                                   const std::map<std::string, Document> &open,
                                                   std::vector<FileInput> inputs) {
  LintOptions options = project.options;
  if (auto it = open.find(document.uri); it != open.end() && it->second.text == document.text) {
    options.files = editor_files(open, document.path);
  } else {
    std::map<std::string, Document> with_self = open;
    with_self[document.uri] = document;
    options.files = confined(make_editor_files(with_self), document.path);
  }
  const LintResult result = wincompat::lint(inputs, options);
  const std::string self = options.files->absolute(document.path);
  std::vector<Diagnostic> found;
  for (const FileResult &file : result.files) {
    if (options.files->absolute(file.path) == self) {
      found.insert(found.end(), file.diagnostics.begin(), file.diagnostics.end());
    }
  }
  return found;
}

/// A file of a chart (a template, values.yaml, Chart.yaml) is linted by
/// rendering its chart, as `wincompat lint CHART` does; the document gets
/// the findings placed in it. The chart's files are read from disk, except
/// those open in the editor, whose unsaved text counts.
std::optional<std::vector<Diagnostic>>
Workspace::lint_chart_file(const Document &document, const Project &project,
                           const std::map<std::string, Document> &open) {
  if (document.path.empty()) {
    return std::nullopt;
  }
  const std::string chart = enclosing_chart(document.path, *editor_files(open, document.path));
  if (chart.empty()) {
    return std::nullopt;
  }
  FileInput input{chart, chart, true, std::nullopt};
  input.kind = InputKind::Chart;
  return lint_layer_file(document, project, open,
                         expand_chart_environments({input}, project.options.chart_environments));
}

/// A kustomization file is linted by building its folder, as `wincompat
/// lint DIR` does: the findings the build places in it (an `images:` entry,
/// a patch) with the editor's unsaved text of every file the build reads.
std::optional<std::vector<Diagnostic>>
Workspace::lint_kustomization_file(const Document &document, const Project &project,
                                   const std::map<std::string, Document> &open) {
  if (document.path.empty() || !is_kustomization_file_name(file_name(document.path))) {
    return std::nullopt;
  }
  const std::string folder = directory_of(document.path);
  FileInput input{folder.empty() ? "." : folder, folder.empty() ? "." : folder, true, std::nullopt};
  input.kind = InputKind::Kustomization;
  return lint_layer_file(document, project, open, {input});
}

std::vector<Diagnostic> Workspace::lint(const Document &document,
                                        const std::map<std::string, Document> &open) {
  const FileKind kind = document_kind(document);
  if (kind == FileKind::Auto) {
    return {};
  }
  const std::string name = document.path.empty() ? file_name(document.uri) : document.path;
  if (file_name(name) == ".wincompat.yaml" || file_name(name) == ".wincompat.yml") {
    // The config being edited: its own problems, from the editor's text.
    const SourceFile source(name, document.text);
    return with_ranges(parse_config(source, directory_of(name), *editor_files(open, document.path)).errors,
                       &source);
  }
  const Project &project = project_for(document.path.empty() ? "." : directory_of(document.path),
                                       *editor_files(open, document.path));
  if (auto found = lint_chart_file(document, project, open)) {
    return std::move(*found);
  }
  if (auto found = lint_kustomization_file(document, project, open)) {
    return std::move(*found);
  }
  if (kind == FileKind::Yaml && !document.path.empty() && kind_from_name(document.path) == FileKind::Yaml) {
    return lint_manifest(document, project, open);
  }
  LintOptions options = project.options;
  options.force_kind = kind;
  options.files = editor_files(open, document.path);
  return std::move(lint_text(name, document.text, options).diagnostics);
}

} // namespace wincompat::lsp
