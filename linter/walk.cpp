// Turning command-line paths into the files to lint (cli.md "lint").
#include "wincompat/inputs.hpp"
#include "wincompat/paths.hpp"

#include "frontends/sniff.hpp"
#include "ignore.hpp"
#include "parallel.hpp"
#include "platform.hpp"
#include "repository.hpp"
#include "text_util.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/kustomize.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iterator>
#include <map>
#include <thread>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

/// Extensions that make a `Dockerfile.*`-like name something else: source,
/// scripts, documents, data, backups, objects and archives (docs/inputs.md
/// lists them). `Dockerfile.windows`, `Dockerfile.1809` and
/// `Dockerfile.template` keep their Dockerfile meaning.
constexpr std::string_view kNotDockerfileExtensions[] = {
    // source
    "go", "py", "rs", "js", "mjs", "cjs", "ts", "tsx", "jsx", "java", "kt", "kts", "scala", "groovy", "c",
    "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx", "cs", "fs", "vb", "rb", "php", "swift", "m", "pl", "pm",
    "lua", "r", "dart", "ex", "exs", "erl", "hs", "clj", "zig", "nim", "jl", "proto", "tf", "rego", "cue",
    "jsonnet", "libsonnet", "star", "bzl", "cmake",
    // scripts
    "sh", "bash", "zsh", "fish", "ps1", "psm1", "psd1", "bat", "cmd", "mk", "awk", "sed",
    // documents
    "md", "markdown", "rst", "txt", "adoc", "asciidoc", "html", "htm", "pdf", "rtf", "tex", "svg", "png",
    "jpg", "jpeg", "gif",
    // data
    "json", "yaml", "yml", "toml", "ini", "cfg", "conf", "xml", "csv", "tsv", "lock", "sum", "mod",
    "properties", "env", "dockerignore", "dict", "log", "pem", "crt", "asc", "sig", "sha256",
    // backups, patches, editor files, build products, archives
    "orig", "rej", "bak", "old", "swp", "swo", "tmp", "patch", "diff", "o", "obj", "a", "so", "dylib", "lib",
    "dll", "exe", "pdb", "pyc", "class", "jar", "d", "gcda", "gcno", "gz", "tgz", "bz2", "xz", "zst", "zip",
    "tar", "7z"};

bool has_dockerfile_prefix(const std::string &name) {
  return name.starts_with("dockerfile.") || name.starts_with("dockerfile_") ||
         name.starts_with("dockerfile-") || name.starts_with("containerfile.");
}

} // namespace

bool not_dockerfile_extension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos || name.ends_with('~')) {
    return name.ends_with('~'); // an editor's backup copy
  }
  const std::string_view extension = std::string_view(name).substr(dot + 1);
  return std::find(std::begin(kNotDockerfileExtensions), std::end(kNotDockerfileExtensions), extension) !=
         std::end(kNotDockerfileExtensions);
}

bool dockerfile_like_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return has_dockerfile_prefix(name) && not_dockerfile_extension(name) && !name.ends_with(".dockerignore") &&
         !name.ends_with(".yaml") && !name.ends_with(".yml") && !name.ends_with(".json");
}

bool has_dockerfile_suffix(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return has_dockerfile_prefix(to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1)));
}

FileKind kind_from_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  // BuildKit's per-Dockerfile ignore files and docs share the prefix.
  if (name.ends_with(".dockerignore") || name.ends_with(".md")) {
    return FileKind::Auto;
  }
  if (name.ends_with(".yaml") || name.ends_with(".yml")) {
    return FileKind::Yaml; // a workflow named dockerfile-lint.yml is YAML
  }
  // `dockerfile.go`, `dockerfile_test.go`, `Dockerfile.sh`: the extension
  // says source or data; only the content can make it a Dockerfile.
  if (name == "dockerfile" || name == "containerfile" || name.ends_with(".dockerfile") ||
      (has_dockerfile_prefix(name) && !not_dockerfile_extension(name))) {
    return FileKind::Dockerfile;
  }
  return FileKind::Auto;
}

namespace {

/// Whether a folder is a chart or a kustomization.
std::optional<InputKind> layer_kind(const std::string &fs_dir, const FileSystem &files) {
  if (is_chart_directory(fs_dir, &files)) {
    return InputKind::Chart;
  }
  if (is_kustomization_directory(fs_dir, &files)) {
    return InputKind::Kustomization;
  }
  return std::nullopt;
}

FileInput layer_input(std::string path, std::string fs_path, bool named, InputKind kind) {
  FileInput input{std::move(path), std::move(fs_path), named, std::nullopt};
  input.kind = kind;
  return input;
}

/// A file named on the command line that stands for a layer: a file inside
/// a chart renders the chart; a kustomization file builds its folder.
std::optional<FileInput> layer_for_file(const std::string &path, const FileSystem &files) {
  const std::string chart = enclosing_chart(path, files);
  if (!chart.empty()) {
    return layer_input(chart, chart, true, InputKind::Chart);
  }
  if (is_packaged_chart(path, 16u << 20, &files)) {
    return layer_input(path, path, true, InputKind::Chart);
  }
  const fs::path given(path);
  const std::string name = given.filename().string();
  if (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization") {
    const std::string folder = given.has_parent_path() ? given.parent_path().generic_string() : ".";
    if (is_kustomization_directory(folder, &files)) {
      return layer_input(folder, folder, true, InputKind::Kustomization);
    }
  }
  return std::nullopt;
}

bool excluded(const std::string &relative, const std::vector<std::string> &patterns) {
  for (const auto &pattern : patterns) {
    // "**" in config globs: let fnmatch's '*' cross '/' by not using FNM_PATHNAME.
    if (platform::glob_match(pattern, relative)) {
      return true;
    }
    if (!pattern.ends_with("/**") && platform::glob_match(pattern + "/*", relative)) {
      return true;
    }
  }
  return false;
}

using LayerMap = std::map<std::string, std::pair<InputKind, std::string>>; // folder -> kind, fs path

/// The folder (relative to the walk's root) of the chart `relative` lies
/// in, itself included; empty when none.
std::string chart_containing(const std::string &relative, const LayerMap &layers) {
  std::string folder = relative;
  std::string outermost;
  while (!folder.empty()) {
    if (const auto it = layers.find(folder); it != layers.end() && it->second.first == InputKind::Chart) {
      outermost = folder;
    }
    const size_t slash = folder.rfind('/');
    folder = slash == std::string::npos ? "" : folder.substr(0, slash);
  }
  return outermost;
}

/// What every part of one walk shares: where it starts and what it excludes.
struct WalkRoot {
  WalkRoot(const std::string &root, const std::vector<std::string> &exclude, const std::string &exclude_base,
           const FileSystem &files)
      : exclude(exclude), files(files), root_length(fs::path(root).native().size()) {
    // Paths are built by string from the root: no per-file canonicalisation
    // (fs::relative/absolute cost several system calls each).
    prefix = root == "." ? "" : (root.ends_with('/') ? root : root + "/");
    // `exclude` globs are relative to the config's folder: match them against
    // each file's absolute path with that folder stripped (string work only).
    if (!exclude.empty()) {
      absolute_root = fs::path(files.absolute(root)).generic_string();
      if (!absolute_root.ends_with('/')) {
        absolute_root += '/';
      }
      base = fs::path(exclude_base).lexically_normal().generic_string();
      if (!base.ends_with('/')) {
        base += '/';
      }
    }
  }

  std::string relative_of(const std::string &native) const {
    std::string relative = native.substr(std::min(native.size(), root_length));
    while (!relative.empty() && relative.front() == '/') {
      relative.erase(0, 1);
    }
    return relative;
  }

  bool is_excluded(const std::string &relative) const {
    if (exclude.empty()) {
      return false;
    }
    const std::string absolute = absolute_root + relative;
    const std::string below = absolute.starts_with(base)
                                  ? absolute.substr(base.size())
                                  : fs::path(absolute).lexically_relative(base).generic_string(); // "../x"
    return excluded(below, exclude);
  }

  const std::vector<std::string> &exclude;
  const FileSystem &files;
  size_t root_length;
  std::string prefix;
  std::string absolute_root;
  std::string base;
};

/// One part of a walk: the entries it keeps and the layers it saw.
class TreeWalker {
public:
  explicit TreeWalker(const WalkRoot &root) : root_(root) {}

  /// Records `entry` (at `native`); false for a folder that must not be entered.
  bool visit(const std::string &native, const DirEntry &entry) {
    // Symlinked directories are not followed, so a link loop cannot trap the walk.
    if (entry.type == FileType::Directory) {
      if (entry.link && !root_.files.refusal(native).empty()) {
        // A link out of the repository root: never entered, and said so
        // (WC916 when it is read) rather than passed over.
        add_unless_excluded(native);
        return false;
      }
      const std::string &name = entry.name;
      if (name == ".git" || name == "node_modules") {
        return false;
      }
      if (entry.unreadable && !root_.is_excluded(root_.relative_of(native))) {
        // Nothing below it can be linted: say so (WC902 when it is read)
        // rather than lose it silently.
        add(root_.relative_of(native), native);
        return false;
      }
      return true;
    }
    const std::string &name = entry.name;
    if (name == "Chart.yaml" || is_kustomization_file_name(name)) {
      note_layer(root_.relative_of(native), native,
                 name == "Chart.yaml" ? InputKind::Chart : InputKind::Kustomization);
    }
    if (kind_from_name(native) == FileKind::Auto && !is_json_name(native) && !dockerfile_like_name(native)) {
      // JSON is read for Kubernetes objects, `dockerfile.go` for a Dockerfile's
      // content (both skipped silently when not); a packaged chart renders.
      if (name.ends_with(".tgz") && entry.type == FileType::File &&
          is_packaged_chart(native, 16u << 20, &root_.files)) {
        note_packaged_chart(root_.relative_of(native), native);
      }
      return true;
    }
    if (entry.type != FileType::File) {
      // A symlink with a linted name that leads nowhere (a loop, a missing
      // target) or out of the repository root (to /dev/zero) is reported when
      // it is read; FIFOs, sockets and devices are not files.
      const bool broken_link = entry.link && entry.type == FileType::Missing;
      if (!broken_link && !(entry.link && !root_.files.refusal(native).empty())) {
        return true;
      }
    }
    add_unless_excluded(native);
    return true;
  }

  void add_unless_excluded(const std::string &native) {
    if (const std::string relative = root_.relative_of(native); !root_.is_excluded(relative)) {
      add(relative, native);
    }
  }

  /// Walks everything below `folder`, leaving out what the ignore files
  /// (`ignores`, null with --no-ignore) and the ones found on the way ignore.
  void walk(const std::string &folder, std::shared_ptr<const IgnoreStack> ignores) {
    std::vector<std::pair<std::string, DirEntry>> entries;
    ignores = list_folder(folder, ignores, entries);
    for (const auto &[native, entry] : entries) {
      if (visit(native, entry) && entry.type == FileType::Directory && !entry.link) {
        walk(native, ignores);
      }
    }
  }

  /// The entries of `folder` its ignore files keep, and the ignore stack
  /// below it (with the folder's own `.gitignore` and `.ignore`).
  std::shared_ptr<const IgnoreStack>
  list_folder(const std::string &folder, std::shared_ptr<const IgnoreStack> ignores,
              std::vector<std::pair<std::string, DirEntry>> &entries) const {
    bool has_gitignore = false;
    bool has_ignore = false;
    for (DirEntry &entry : root_.files.list(folder)) {
      has_gitignore = has_gitignore || entry.name == ".gitignore";
      has_ignore = has_ignore || entry.name == ".ignore";
      std::string native = platform::generic_path((fs::path(folder) / entry.name).string());
      entries.emplace_back(std::move(native), std::move(entry));
    }
    if (!ignores) {
      return ignores;
    }
    if (has_gitignore || has_ignore) {
      ignores = IgnoreStack::enter(ignores, folder, root_.relative_of(folder), has_gitignore, has_ignore,
                                   root_.files);
    }
    if (ignores->trivial()) {
      return ignores;
    }
    std::erase_if(entries, [&](const std::pair<std::string, DirEntry> &item) {
      const bool directory = item.second.type == FileType::Directory && !item.second.link;
      return ignores->ignored(root_.relative_of(item.first), directory);
    });
    return ignores;
  }

  /// Takes in what another part of the same walk found.
  void absorb(TreeWalker &&other) {
    std::move(other.found_.begin(), other.found_.end(), std::back_inserter(found_));
    for (auto &[folder, layer] : other.layers_) {
      add_layer(folder, layer.first, std::move(layer.second));
    }
  }

  /// The inputs, sorted by path. A chart renders as a whole (subcharts
  /// included): nothing below it is a plain file or a layer of its own. A
  /// kustomization's folder may hold more of them.
  std::vector<FileInput> inputs() && {
    LayerMap layers;
    for (auto &[folder, layer] : layers_) {
      if (!root_.is_excluded(folder)) {
        layers.emplace(folder, std::move(layer));
      }
    }
    std::erase_if(found_, [&](const auto &item) { return !chart_containing(item.first, layers).empty(); });
    for (const auto &[folder, layer] : layers) {
      const std::string chart = chart_containing(folder, layers);
      if (chart.empty() || (chart == folder && layer.first == InputKind::Chart)) {
        found_.push_back({folder, layer_input(root_.prefix + folder, layer.second, false, layer.first)});
      }
    }
    // Directory order differs between file systems; sort for deterministic output.
    std::sort(found_.begin(), found_.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<FileInput> out;
    out.reserve(found_.size());
    for (auto &item : found_) {
      out.push_back(std::move(item.second));
    }
    return out;
  }

private:
  void add(const std::string &relative, const std::string &native) {
    found_.push_back({relative, FileInput{root_.prefix + relative, native, false, std::nullopt}});
  }

  // Charts and kustomizations are recognised by the file names the walk lists
  // anyway (Chart.yaml, kustomization.yaml): asking every folder for them
  // cost four system calls per folder, the largest part of a big walk.
  void note_layer(const std::string &relative_file, const std::string &native, InputKind kind) {
    const size_t slash = relative_file.rfind('/');
    if (slash == std::string::npos) {
      return; // the folder walked is itself no layer (its caller checked)
    }
    add_layer(relative_file.substr(0, slash), kind,
              native.substr(0, native.size() - (relative_file.size() - slash)));
  }

  /// A packaged chart renders as a chart of its own (unless a chart's
  /// charts/ folder holds it: then it is that chart's subchart).
  void note_packaged_chart(const std::string &relative, const std::string &native) {
    add_layer(relative, InputKind::Chart, native);
  }

  void add_layer(const std::string &folder, InputKind kind, std::string fs_path) {
    auto [it, added] = layers_.try_emplace(folder, kind, std::move(fs_path));
    if (!added && kind == InputKind::Chart) {
      it->second.first = kind; // a folder with both renders as a chart
    }
  }

  const WalkRoot &root_;
  std::vector<std::pair<std::string, FileInput>> found_;
  LayerMap layers_;
};

/// Walks `root`: its own entries here, each folder below it on one of a few
/// threads (a big tree's walk is mostly system calls, which overlap well).
void walk_directory(const std::string &root, const std::vector<std::string> &exclude,
                    const std::string &exclude_base, bool no_ignore, const FileSystem &files,
                    std::vector<FileInput> &out) {
  const WalkRoot shared(root, exclude, exclude_base, files);
  TreeWalker top(shared);
  std::vector<std::string> folders;
  std::vector<std::pair<std::string, DirEntry>> entries;
  const std::shared_ptr<const IgnoreStack> ignores =
      top.list_folder(root, no_ignore ? nullptr : IgnoreStack::for_root(root, files), entries);
  for (const auto &[native, entry] : entries) {
    if (top.visit(native, entry) && entry.type == FileType::Directory && !entry.link) {
      folders.push_back(native);
    }
  }
  std::vector<TreeWalker> parts(folders.size(), TreeWalker(shared));
  std::atomic<size_t> next{0};
  const auto worker = [&] {
    for (size_t i = next++; i < folders.size(); i = next++) {
      parts[i].walk(folders[i], ignores);
    }
  };
  const size_t threads =
      std::min<size_t>({folders.size(), 4, std::max(1u, std::thread::hardware_concurrency())});
  run_on_threads(threads, worker);
  for (TreeWalker &part : parts) {
    top.absorb(std::move(part));
  }
  std::vector<FileInput> walked = std::move(top).inputs();
  std::move(walked.begin(), walked.end(), std::back_inserter(out));
}

} // namespace

/// `path` relative to `base` (lexically), for matching `exclude` globs.
std::string relative_to(const std::string &path, const std::string &base) {
  std::error_code ec;
  return fs::absolute(path, ec)
      .lexically_normal()
      .lexically_relative(fs::path(base).lexically_normal())
      .generic_string();
}

bool is_excluded(const std::string &path, const std::vector<std::string> &exclude, const std::string &base) {
  return !exclude.empty() && excluded(relative_to(path, base), exclude);
}

std::vector<FileInput> collect_inputs(const std::vector<std::string> &paths,
                                      const std::vector<std::string> &exclude,
                                      const std::string &exclude_base, std::vector<std::string> &missing,
                                      bool force_exclude, bool no_ignore, const FileSystem &files) {
  std::vector<FileInput> inputs;
  for (const auto &path : paths) {
    const FileType type = files.type(path);
    if (type == FileType::Missing) {
      missing.push_back(path);
      continue;
    }
    const bool directory = type == FileType::Directory && kind_from_name(path) != FileKind::Dockerfile;
    const auto layer = directory ? layer_kind(path, files) : std::nullopt;
    if (layer) {
      inputs.push_back(layer_input(path, path, true, *layer));
    }
    if (directory && layer != InputKind::Chart) {
      walk_directory(path, exclude,
                     exclude_base.empty() ? platform::generic_path(fs::current_path().string())
                                          : exclude_base,
                     no_ignore, files, inputs);
    } else if (directory) {
      continue;
    } else if (auto stands_for = layer_for_file(path, files)) {
      const bool seen = std::any_of(inputs.begin(), inputs.end(), [&](const FileInput &in) {
        return in.kind == stands_for->kind && in.path == stands_for->path;
      });
      if (!seen) {
        inputs.push_back(std::move(*stands_for));
      }
    } else if (!(force_exclude && !exclude.empty() &&
                 excluded(relative_to(path, exclude_base.empty()
                                                ? platform::generic_path(fs::current_path().string())
                                                : exclude_base),
                          exclude))) {
      inputs.push_back({path, path, true, std::nullopt});
    }
  }
  return inputs;
}

std::vector<FileInput> expand_chart_environments(std::vector<FileInput> inputs,
                                                 const std::vector<ChartEnvironment> &environments) {
  if (environments.empty()) {
    return inputs;
  }
  const auto absolute = [](const std::string &path) {
    std::error_code ec;
    return fs::absolute(path, ec).lexically_normal().generic_string();
  };
  std::vector<FileInput> out;
  for (FileInput &input : inputs) {
    bool expanded = false;
    if (input.kind == InputKind::Chart) {
      const std::string chart = absolute(input.fs_path);
      for (size_t i = 0; i < environments.size(); ++i) {
        if (absolute(environments[i].path) == chart) {
          FileInput one = input;
          one.chart_environment = static_cast<int>(i);
          out.push_back(std::move(one));
          expanded = true;
        }
      }
    }
    if (!expanded) {
      out.push_back(std::move(input));
    }
  }
  return out;
}

std::string enclosing_chart(const std::string &path, const FileSystem &files) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  fs::path folder = fs::path(files.absolute(path)).parent_path();
  // templates/ sits one or two levels below the chart: a few levels suffice.
  for (int depth = 0; depth < 8 && !folder.empty(); ++depth) {
    if (is_chart_directory(folder.string(), &files)) {
      const fs::path relative = folder.lexically_relative(cwd);
      return relative.empty() ? folder.generic_string() : relative.generic_string();
    }
    if (is_search_top(folder, files)) {
      break;
    }
    folder = folder.parent_path();
  }
  return {};
}

std::string file_uri(const std::string &path) {
  static const fs::path cwd = fs::current_path();
  const fs::path given(path);
  const fs::path absolute = (given.is_absolute() ? given : cwd / given).lexically_normal();
  std::string out = "file://";
  std::string generic = absolute.generic_string();
#ifdef _WIN32
  // RFC 8089: file:///C:/repo/Dockerfile (the drive letter's ':' as is).
  if (generic.size() >= 2 && generic[1] == ':') {
    out += "/" + generic.substr(0, 2);
    generic.erase(0, 2);
  }
#endif
  out += percent_encode(generic, "/");
  return out;
}

} // namespace wincompat

namespace wincompat {

std::string display_path(const std::string &path) {
  static const fs::path cwd = fs::current_path();
  const fs::path p(path);
  if (!p.is_absolute()) {
    return path;
  }
  const fs::path relative = p.lexically_relative(cwd);
  return relative.empty() || relative.begin()->string() == ".." ? path : relative.generic_string();
}

} // namespace wincompat
