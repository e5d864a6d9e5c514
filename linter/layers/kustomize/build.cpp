// Builds a kustomization the way `kubectl kustomize` (kustomize v5) does:
// resources and components accumulate, then the kustomization's transformers
// run in kustomize's order. Every scalar keeps where it was set.
#include "repository.hpp"
#include "wincompat/kustomize.hpp"

#include "builder.hpp"
#include "frontends/yaml_document.hpp"
#include "wincompat/decode.hpp"
#include "wincompat/rule.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat {

namespace kustomize {

namespace {

constexpr size_t kMaxNesting = 100; // bases of bases (a symlink loop is not a lexical cycle)

const char *const kKustomizationNames[] = {"kustomization.yaml", "kustomization.yml", "Kustomization"};

std::string join_path(const std::string &dir, const std::string &relative) {
  fs::path joined = (dir.empty() || dir == ".") ? fs::path(relative) : fs::path(dir) / relative;
  std::string out = joined.lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') {
    out.pop_back();
  }
  return out.empty() ? "." : out;
}

/// Where a `resources:` or `components:` entry is: its span in the
/// kustomization, the path it names as displayed and on disk.
struct EntryPlace {
  Span at;
  std::string display, fs_path;
};

EntryPlace place_of(const Kustomization &k, const KNode &entry) {
  return {Builder::span_of(entry), join_path(k.dir, entry.value), join_path(k.fs_dir, entry.value)};
}

bool looks_remote(const FileSystem &files, const std::string &entry, const std::string &fs_path) {
  if (entry.find("://") != std::string::npos || entry.starts_with("git@") || entry.starts_with("git::")) {
    return true;
  }
  // github.com/org/repo//path?ref=v1: a host name as the first segment.
  const size_t slash = entry.find('/');
  const std::string host = entry.substr(0, slash);
  const bool host_like =
      slash != std::string::npos && host.find('.') != std::string::npos && !host.starts_with(".") &&
      (host.find("github") != std::string::npos || host.find("gitlab") != std::string::npos ||
       host.find("bitbucket") != std::string::npos || entry.find("?ref=") != std::string::npos ||
       entry.find("//") != std::string::npos);
  return host_like && !files.exists(fs_path);
}

/// An absolute, lexically normal path (kustomize compares real paths; a
/// lexical comparison costs no system calls and differs only via symlinks).
fs::path normal_absolute(const std::string &path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? fs::path(path) : absolute).lexically_normal();
}

/// kyaml's ClearEmptyAnnotations, which kustomize's output goes through:
/// `metadata.annotations` that is null or empty is dropped (empty labels stay).
void clear_empty_annotations(KNode &object) {
  KNode *metadata = object.get("metadata");
  if (!metadata || !metadata->is_map()) {
    return;
  }
  const KNode *annotations = metadata->get("annotations");
  if (annotations && (annotations->is_null() || (annotations->is_map() && annotations->entries.empty()))) {
    metadata->erase("annotations");
  }
}

} // namespace

size_t count_values(const KNode &node) {
  size_t count = 1;
  for (const KEntry &entry : node.entries) {
    count += count_values(entry.value);
  }
  for (const KNode &item : node.items) {
    count += count_values(item);
  }
  return count;
}

bool inside(const std::string &fs_dir, const std::string &fs_path) {
  const fs::path root = normal_absolute(fs_dir);
  const fs::path file = normal_absolute(fs_path);
  auto root_end = root.end();
  if (!root.empty() && root.filename().empty()) {
    --root_end; // a trailing separator
  }
  const auto [at, file_at] = std::mismatch(root.begin(), root_end, file.begin(), file.end());
  return at == root_end;
}

Builder::Builder(const KustomizeRequest &request)
    : request_(request), disk_(request.files ? nullptr : files_or_disk(nullptr)),
      files_(request.files ? *request.files : *disk_),
      boundary_(request.boundary.empty() ? kustomize_boundary(request.fs_path) : request.boundary) {}

bool Builder::within_repository(const Kustomization &k, const std::string &display,
                                const std::string &fs_path, Span at, std::string_view what) {
  // Lexically below the repository, and still there once links are resolved
  // (a linked resource folder leads nowhere else).
  if (inside(boundary_, fs_path) && files_.refusal(fs_path).empty()) {
    return true;
  }
  failed_ = true;
  report(RuleCode::WC916, k.path, at,
         std::string(what) + " " + display + " leads outside the repository (" + boundary_ +
             "): wincompat reads nothing outside the linted repository, so this kustomization is not "
             "built or linted; move it into the repository (--root widens the repository root)");
  return false;
}

bool Builder::may_read(const Kustomization &k, const std::string &display, const std::string &fs_path,
                       Span at, std::string_view what) {
  if (!files_.refusal(fs_path).empty()) {
    return within_repository(k, display, fs_path, at, what); // a link out of the repository: WC916
  }
  if (inside(k.fs_dir, fs_path)) {
    return true;
  }
  const std::string file = std::string(what) + " " + display;
  if (request_.load_restrictor == LoadRestrictor::RootOnly) {
    fail(k.path, at,
         file + " is outside the kustomization's directory " + k.dir +
             " (with LoadRestrictionsRootOnly, kustomize reads files only in or below it; list a "
             "kustomization directory instead, or build with --load-restrictor LoadRestrictionsNone)");
    return false;
  }
  if (!within_repository(k, display, fs_path, at, what)) {
    return false;
  }
  if (request_.load_restrictor == LoadRestrictor::Unset && warned_.insert(k.path).second) {
    report(RuleCode::WC915, k.path, at,
           file + " is outside the kustomization's directory " + k.dir +
               ": built and linted as `kustomize build --load-restrictor LoadRestrictionsNone` "
               "builds it (plain `kubectl kustomize` refuses it); say how this tree is built with "
               "--load-restrictor LoadRestrictionsNone|LoadRestrictionsRootOnly, or `kustomize: "
               "{loadRestrictor: ...}` in .wincompat.yaml");
  }
  return true;
}

Span Builder::span_of(const KNode &node) {
  if (!node.chain.empty()) {
    return node.chain.front().span;
  }
  if (node.is_map() && !node.entries.empty() && !node.entries.front().key_chain.empty()) {
    return node.entries.front().key_chain.front().span;
  }
  if (node.is_seq() && !node.items.empty()) {
    return span_of(node.items.front());
  }
  return {};
}

void Builder::report(RuleCode code, const std::string &path, Span span, std::string message) {
  Diagnostic diagnostic = engine_diagnostic(code, std::move(message), span);
  if (auto it = result_.files.find(path); it != result_.files.end()) {
    diagnostic.range = it->second->range(span);
  }
  result_.diagnostics.push_back({path, std::move(diagnostic)});
}

void Builder::fail(const std::string &path, Span span, std::string message) {
  failed_ = true;
  report(RuleCode::WC912, path, span, std::move(message) + "; `kubectl kustomize` fails here");
}

void Builder::fail_at(const Kustomization &k, const KNode &node, std::string message) {
  const KNode *at = &node;
  while (at->chain.empty() &&
         ((at->is_map() && !at->entries.empty()) || (at->is_seq() && !at->items.empty()))) {
    if (at->is_map()) {
      if (!at->entries.front().key_chain.empty()) {
        const Origin &key = at->entries.front().key_chain.front();
        fail(key.path(), key.span, std::move(message));
        return;
      }
      at = &at->entries.front().value;
    } else {
      at = &at->items.front();
    }
  }
  if (at->chain.empty()) {
    fail(k.path, {}, std::move(message));
  } else {
    fail(at->chain.front().path(), at->chain.front().span, std::move(message));
  }
}

void Builder::notice(const std::string &path, Span span, std::string message) {
  report(RuleCode::WC913, path, span, std::move(message));
}

bool Builder::skip_for_unfetched_remote(const std::string &path, Span at, const std::string &what) {
  if (unfetched_remote_.empty()) {
    return false;
  }
  notice(path, at,
         "no built object matches " + what + "; it may be meant for an object of " + unfetched_remote_ +
             ", which is not fetched, so it is not applied and what it changes is not linted");
  return true;
}

const SourceFile *Builder::read(const std::string &display, const std::string &fs_path, std::string &why) {
  if (auto it = result_.files.find(display); it != result_.files.end()) {
    return it->second.get();
  }
  std::string error;
  std::optional<std::string> bytes = files_.read(fs_path, request_.max_file_size, error);
  if (!bytes) {
    why = error.starts_with("file is") || is_refusal(error) ? error : "cannot be read";
    return nullptr;
  }
  ReadOutcome outcome = decode_text(display, std::move(*bytes), request_.max_file_size);
  if (outcome.error || !outcome.source) {
    why = outcome.error ? outcome.error->message : "cannot be read";
    return nullptr;
  }
  auto [it, inserted] = result_.files.emplace(display, std::move(outcome.source));
  return it->second.get();
}

namespace {

/// A file's parsed documents, kept by the run's file system: 100 overlays
/// over one base parse the base once.
struct ParsedFile {
  std::shared_ptr<const SourceFile> source;
  std::vector<KNode> roots;
};

} // namespace

bool Builder::parse_file(const std::string &display, const std::string &fs_path, OriginRole role,
                         std::vector<KNode> &roots, std::string &why) {
  const FileType type = files_.type(fs_path);
  if (type == FileType::Missing) {
    why = "does not exist";
    return false;
  }
  if (type != FileType::File) {
    why = "is not a file";
    return false;
  }
  bool ok = true;
  const std::string key = "kustomize\n" + files_.absolute(fs_path) + '\n' + display + '\n' +
                          std::to_string(static_cast<int>(role));
  const auto parse = [&](size_t &weight) -> std::shared_ptr<const void> {
    const SourceFile *source = read(display, fs_path, why);
    if (!source) {
      ok = false;
      return nullptr;
    }
    OffsetMap map;
    map.file = FileId(display);
    auto parsed = std::make_shared<ParsedFile>();
    parsed->roots = parse_stream(*source, map, role, ok);
    if (!ok) {
      return nullptr; // reported where the syntax error is
    }
    parsed->source = result_.files.at(display);
    weight = source->text().size();
    return parsed;
  };
  if (auto cached = std::static_pointer_cast<const ParsedFile>(files_.memo(key, parse)); cached && ok) {
    result_.files.emplace(display, cached->source);
    roots = cached->roots;
    return true;
  }
  return false;
}

std::vector<KNode> Builder::parse_stream(const SourceFile &source, const OffsetMap &map, OriginRole role,
                                         bool &ok) {
  std::vector<KNode> roots;
  std::string storage;
  const std::string_view text = yaml_line_ends(source.text(), storage);
  const SourceFile *parsed = &source;
  SourceFile normalized;
  if (text.data() != source.text().data()) {
    normalized = SourceFile(source.path(), std::string(text));
    parsed = &normalized;
  }
  for (Span span : yaml_document_spans(parsed->text())) {
    YamlDocument document(*parsed, span, false);
    if (!document.ok()) {
      fail(map.file.path(), map.map(document.error().span),
           map.file.path() + " cannot be parsed: " + document.error().message);
      ok = false;
      return roots;
    }
    const YamlNode root = document.root();
    if (!root || root.is_null()) {
      continue;
    }
    bool over_budget = false;
    roots.push_back(from_yaml(document, root, map, role, &over_budget));
    if (over_budget) {
      fail(map.file.path(), map.map({span.begin, span.begin}),
           map.file.path() + " expands to more than " + std::to_string(kMaxValues) +
               " values (through YAML aliases); it is not built");
      ok = false;
      return roots;
    }
  }
  return roots;
}

/// How the text of a block scalar in `source` maps to the value's lines
/// (so positions inside an inline patch land in the kustomization file).
OffsetMap Builder::inline_map(const std::string &path, const KNode &scalar) {
  OffsetMap map;
  map.file = FileId(path);
  map.identity = false;
  map.whole = span_of(scalar);
  auto it = result_.files.find(path);
  if (it == result_.files.end() || scalar.chain.empty()) {
    return map;
  }
  const SourceFile &source = *it->second;
  const std::string &text = source.text();
  const Span at = map.whole;
  const std::string &value = scalar.value;
  if (value.find('\n') == std::string::npos && at.end - at.begin == value.size() &&
      text.compare(at.begin, value.size(), value) == 0) {
    map.parsed_line_starts = {0};
    map.real_line_starts = {at.begin};
    return map;
  }
  if (at.begin >= text.size() || text[at.begin] != '|') {
    return map; // folded or quoted: every place is the whole value
  }
  uint32_t line = source.line_of(at.begin) + 1;
  uint32_t parsed = 0;
  size_t indent = std::string::npos;
  while (parsed < value.size() && line < source.line_count()) {
    const std::string_view real = source.line(line);
    const size_t next = value.find('\n', parsed);
    const std::string_view want =
        std::string_view(value).substr(parsed, next == std::string::npos ? std::string::npos : next - parsed);
    if (indent == std::string::npos && !trim(real).empty()) {
      indent = real.find_first_not_of(' ');
    }
    const size_t skip = std::min(indent == std::string::npos ? real.size() : indent, real.size());
    if (real.substr(skip) != want) {
      map.parsed_line_starts.clear();
      map.real_line_starts.clear();
      return map;
    }
    map.parsed_line_starts.push_back(parsed);
    map.real_line_starts.push_back(source.line_start(line) + static_cast<uint32_t>(skip));
    if (next == std::string::npos) {
      break;
    }
    parsed = static_cast<uint32_t>(next) + 1;
    ++line;
  }
  return map;
}

std::vector<KNode> Builder::load_objects(const std::string &display, const std::string &fs_path,
                                         const std::string &referrer, Span at, bool &ok) {
  std::string why;
  std::vector<KNode> roots;
  if (!parse_file(display, fs_path, OriginRole::BaseResource, roots, why)) {
    if (!why.empty()) {
      fail(referrer, at, "the resource " + display + " " + why);
    }
    ok = false;
    return {};
  }
  std::vector<KNode> objects;
  for (KNode &root : roots) {
    if (!root.is_map()) {
      fail(display, span_of(root), "a resource must be a mapping (an object with apiVersion and kind)");
      ok = false;
      continue;
    }
    if (root.str("kind") == "List" || root.str("kind").ends_with("List")) {
      if (const KNode *items = root.get("items"); items && items->is_seq()) {
        for (const KNode &item : items->items) {
          objects.push_back(item);
        }
        continue;
      }
    }
    objects.push_back(std::move(root));
  }
  for (const KNode &object : objects) {
    if (object.str("kind").empty()) {
      fail(display, span_of(object), "a resource has no `kind`");
      ok = false;
    }
  }
  return objects;
}

bool Builder::append(std::vector<Resource> &into, std::vector<Resource> from, const std::string &path,
                     Span at) {
  if (from.empty()) {
    return true;
  }
  size_t values = 0;
  for (const Resource &resource : from) {
    values += count_values(resource.object);
  }
  if (over_objects_ || objects_ + from.size() > kMaxObjects || object_values_ + values > kMaxObjectValues) {
    if (!over_objects_) {
      over_objects_ = true;
      const bool too_many = objects_ + from.size() > kMaxObjects;
      fail(path, at,
           "the build makes more than " +
               (too_many ? std::to_string(kMaxObjects) + " objects"
                         : std::to_string(kMaxObjectValues) + " values") +
               " (a limit of wincompat, counting a base's objects once for each kustomization that includes "
               "it); the objects past it are not built or linted");
    }
    failed_ = true;
    return false;
  }
  objects_ += from.size();
  object_values_ += values;
  // An object's id: group, version, kind, name and namespace, as kustomize's
  // ResId.Equals compares them (no namespace is `default`; a cluster-scoped
  // object's namespace does not count), so `v1` and `v2` of a kind coexist.
  const auto id = [](const Resource &resource) {
    const Gvk gvk = resource.gvk();
    const std::string ns = is_cluster_scoped(gvk) ? "" : resource.ns().empty() ? "default" : resource.ns();
    return gvk.kind + '\n' + gvk.group + '\n' + gvk.version + '\n' + resource.name() + '\n' + ns;
  };
  std::set<std::string> ids;
  for (const Resource &existing : into) {
    ids.insert(id(existing));
  }
  bool ok = true;
  for (Resource &resource : from) {
    if (!ids.insert(id(resource)).second) {
      fail(path, at,
           "the resource " + describe(resource) +
               " is added twice (may not add resource with an "
               "already registered id)");
      ok = false;
      continue;
    }
    into.push_back(std::move(resource));
  }
  return ok;
}

// ---------------------------------------------------------------------------

const std::string *Builder::find_kustomization(const std::string &fs_dir, std::string &name) {
  for (const char *candidate : kKustomizationNames) {
    if (files_.is_file(join_path(fs_dir, candidate))) {
      name = candidate;
      return &name;
    }
  }
  return nullptr;
}

bool Builder::build_directory(const std::string &display_dir, const std::string &fs_dir, Mode mode,
                              std::vector<Resource> &accumulated, const std::string &referrer, Span at) {
  std::string file_name;
  if (!find_kustomization(fs_dir, file_name)) {
    fail(referrer.empty() ? display_dir : referrer, at,
         "the directory " + display_dir + " has no kustomization.yaml, kustomization.yml or Kustomization");
    return false;
  }
  if (stack_.size() >= kMaxNesting) {
    fail(referrer, at, "kustomizations nest more than " + std::to_string(kMaxNesting) + " levels deep here");
    return false;
  }
  const std::string canonical = normal_absolute(fs_dir).string();
  // kustomize refuses a directory that is, or contains, one being built.
  if (std::any_of(stack_.begin(), stack_.end(),
                  [&](const std::string &visited) { return inside(canonical, visited); })) {
    fail(referrer, at, "the kustomization " + display_dir + " includes itself (a cycle)");
    return false;
  }
  if (mode == Mode::Resource) {
    // A base is built once per build: another kustomization that includes
    // it gets a copy of its objects (a diamond of bases stays linear).
    const std::string key = canonical + '\n' + display_dir;
    auto it = built_.find(key);
    if (it == built_.end()) {
      stack_.push_back(canonical);
      Built built;
      built.ok = build_loaded(display_dir, fs_dir, join_path(display_dir, file_name),
                              join_path(fs_dir, file_name), mode, built.resources, referrer, at);
      stack_.pop_back();
      it = built_.emplace(key, std::move(built)).first;
    }
    return append(accumulated, it->second.resources, referrer, at) && it->second.ok;
  }
  stack_.push_back(canonical);
  const bool ok = build_loaded(display_dir, fs_dir, join_path(display_dir, file_name),
                               join_path(fs_dir, file_name), mode, accumulated, referrer, at);
  stack_.pop_back();
  return ok;
}

bool Builder::build_loaded(const std::string &display_dir, const std::string &fs_dir,
                           const std::string &kpath, const std::string &kfs, Mode mode,
                           std::vector<Resource> &accumulated, const std::string &referrer, Span at) {
  std::string why;
  std::vector<KNode> roots;
  if (!parse_file(kpath, kfs, OriginRole::Kustomization, roots, why)) {
    if (!why.empty()) {
      fail(referrer.empty() ? kpath : referrer, at, "the kustomization " + kpath + " " + why);
    }
    return false;
  }
  bool ok = true;
  if (roots.size() > 1) {
    fail(kpath, span_of(roots[1]), "a kustomization file holds one YAML document");
    return false;
  }
  Kustomization k{kpath, display_dir, fs_dir, roots.empty() ? KNode::make_map() : std::move(roots.front())};
  if (!k.root.is_map()) {
    fail(kpath, span_of(k.root), "invalid kustomization: the file must be a mapping of fields");
    return false;
  }
  if (!check_fields(k, mode)) {
    return false;
  }
  if (root_is_component_) {
    // Read what it would read (so its patch files are not linted as
    // manifests on their own), over nothing; run() reports nothing.
    mode = Mode::Component;
  }
  if (mode == Mode::Root) {
    fifo_ = k.root.str_at({"sortOptions", "order"}) == "fifo";
  }
  std::vector<Resource> local;
  if (mode == Mode::Component) {
    local = std::move(accumulated);
  }
  ok = read_configurations(k) && ok;
  ok = add_resources(k, local) && ok;
  ok = generators(k, local) && ok;
  ok = run_plugins(k, local, true) && ok;
  ok = add_components(k, local) && ok;
  ok = transform(k, local) && ok;
  ok = run_plugins(k, local, false) && ok;
  ok = declare_vars(k, local) && ok;
  if (mode == Mode::Component) {
    accumulated = std::move(local);
    return ok;
  }
  if (accumulated.empty()) {
    accumulated = std::move(local); // a base built alone: nothing to check it against
    return ok;
  }
  return append(accumulated, std::move(local), referrer.empty() ? kpath : referrer, at) && ok;
}

bool Builder::check_fields(Kustomization &k, Mode mode) {
  bool ok = true;
  for (const FieldProblem &problem : check_kustomization_fields(k.root)) {
    if (problem.not_followed) {
      // What the user gets instead, where the objects are still linted.
      const std::string effect =
          problem.path == "buildMetadata"
              ? "the labels and annotations it asks for are not added (the objects are linted without them)"
          : problem.path == "sortOptions.legacySortOptions"
              ? "objects are ordered by kustomize's default legacy order instead"
              : "what it generates or changes is not linted";
      notice(k.path, problem.at,
             "`" + problem.path + "` is not followed by wincompat" +
                 (problem.path.starts_with("helm") ? " (Helm charts are not rendered here)" : "") + "; " +
                 effect);
    } else {
      fail(k.path, problem.at, "invalid kustomization: unknown field `" + problem.path + "`");
      ok = false;
    }
  }
  const std::string kind = k.root.str("kind");
  const KNode *kind_node = k.root.get("kind");
  if (mode == Mode::Component && kind != "Component") {
    fail(k.path, kind_node ? span_of(*kind_node) : Span{},
         "a component must have `kind: Component` (" + k.dir + " is a " +
             (kind.empty() ? "Kustomization" : kind) + ")");
    ok = false;
  } else if (mode == Mode::Root && kind == "Component") {
    root_is_component_ = true; // nothing to build alone, and nothing wrong
  } else if (mode != Mode::Component && kind == "Component") {
    fail(k.path, span_of(*kind_node),
         k.dir + " is a Component: list it under `components:`, not build it as a kustomization");
    ok = false;
  } else if (!kind.empty() && kind != "Kustomization" && kind != "Component") {
    fail(k.path, span_of(*kind_node), "invalid kustomization: unknown kind `" + kind + "`");
    ok = false;
  }
  return ok;
}

const KNode *Builder::list_field(const Kustomization &k, std::string_view field, bool &ok) {
  const KNode *list = k.root.get(field);
  if (!list || list->is_null()) {
    return nullptr;
  }
  if (!list->is_seq()) {
    fail(k.path, span_of(*list), "invalid kustomization: `" + std::string(field) + "` must be a list");
    ok = false;
    return nullptr;
  }
  return list;
}

std::vector<const KNode *> Builder::string_list(const Kustomization &k, std::string_view field, bool &ok) {
  std::vector<const KNode *> out;
  const KNode *list = list_field(k, field, ok);
  if (!list) {
    return out;
  }
  for (const KNode &item : list->items) {
    if (!item.is_scalar()) {
      fail(k.path, span_of(item), "invalid kustomization: `" + std::string(field) + "` entries are paths");
      ok = false;
      continue;
    }
    out.push_back(&item);
  }
  return out;
}

bool Builder::add_resources(const Kustomization &k, std::vector<Resource> &local) {
  bool ok = true;
  std::vector<const KNode *> entries = string_list(k, "resources", ok);
  for (const KNode *entry : string_list(k, "bases", ok)) {
    entries.push_back(entry);
  }
  for (const KNode *entry : entries) {
    const auto [at, display, fs_path] = place_of(k, *entry);
    if (skipped_remote(k, *entry, fs_path, "resource", "adds")) {
      continue;
    }
    const FileType type = files_.type(fs_path);
    if (type == FileType::Directory) {
      ok = within_repository(k, display, fs_path, at, "the kustomization") &&
           build_directory(display, fs_path, Mode::Resource, local, k.path, at) && ok;
      continue;
    }
    if (type == FileType::Missing) {
      fail(k.path, at, "the resource " + display + " does not exist");
      ok = false;
      continue;
    }
    if (!may_read(k, display, fs_path, at, "the file")) {
      ok = false;
      continue;
    }
    bool loaded = true;
    std::vector<Resource> objects;
    for (KNode &object : load_objects(display, fs_path, k.path, at, loaded)) {
      objects.push_back({std::move(object), {}});
      objects.back().remember_id();
    }
    ok = append(local, std::move(objects), k.path, at) && ok && loaded;
  }
  return ok;
}

bool Builder::skipped_remote(const Kustomization &k, const KNode &entry, const std::string &fs_path,
                             const std::string &what, const std::string &does) {
  if (!looks_remote(files_, entry.value, fs_path)) {
    return false;
  }
  const std::string remote = "the remote " + what + " " + entry.value;
  notice(k.path, span_of(entry), remote + " is not fetched; what it " + does + " is not linted");
  if (unfetched_remote_.empty()) {
    unfetched_remote_ = remote;
  }
  return true;
}

bool Builder::add_components(const Kustomization &k, std::vector<Resource> &local) {
  bool ok = true;
  for (const KNode *entry : string_list(k, "components", ok)) {
    const auto [at, display, fs_path] = place_of(k, *entry);
    if (skipped_remote(k, *entry, fs_path, "component", "changes")) {
      continue;
    }
    if (!files_.is_dir(fs_path)) {
      fail(k.path, at, "the component " + display + " is not a directory");
      ok = false;
      continue;
    }
    ok = within_repository(k, display, fs_path, at, "the component") &&
         build_directory(display, fs_path, Mode::Component, local, k.path, at) && ok;
  }
  return ok;
}

} // namespace kustomize

// ---------------------------------------------------------------------------

std::optional<LoadRestrictor> parse_load_restrictor(std::string_view word) {
  if (word == "LoadRestrictionsRootOnly") {
    return LoadRestrictor::RootOnly;
  }
  if (word == "LoadRestrictionsNone") {
    return LoadRestrictor::None;
  }
  return std::nullopt;
}

std::string kustomize_boundary(const std::string &fs_dir) {
  const fs::path start = kustomize::normal_absolute(fs_dir);
  if (const fs::path repository = repository_root(start); !repository.empty()) {
    return repository.string();
  }
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec && kustomize::inside(cwd.string(), start.string())) {
    return cwd.lexically_normal().string();
  }
  return start.string();
}

bool is_kustomization_file_name(std::string_view name) {
  for (const char *candidate : kustomize::kKustomizationNames) {
    if (name == candidate) {
      return true;
    }
  }
  return false;
}

bool is_kustomization_directory(const std::string &fs_dir, const FileSystem *files) {
  const DiskFileSystem disk;
  for (const char *name : kustomize::kKustomizationNames) {
    if ((files ? *files : disk).is_file(kustomize::join_path(fs_dir, name))) {
      return true;
    }
  }
  return false;
}

LayerResult build_kustomization(const KustomizeRequest &request) {
  try {
    kustomize::Builder builder(request);
    return builder.run();
  } catch (const std::exception &error) {
    LayerResult result;
    Diagnostic diagnostic =
        engine_diagnostic(RuleCode::WC912, std::string("the kustomization cannot be built: ") + error.what());
    result.diagnostics.push_back({request.path, std::move(diagnostic)});
    return result;
  }
}

namespace kustomize {

LayerResult Builder::run() {
  std::vector<Resource> resources;
  const bool ok = build_directory(request_.path, request_.fs_path, Mode::Root, resources, "", {});
  std::string file_name;
  const std::string kpath =
      find_kustomization(request_.fs_path, file_name) ? join_path(request_.path, file_name) : request_.path;
  if (root_is_component_ && (!ok || failed_)) {
    // A Component built alone is built as kubectl builds it (its patches
    // over its own resources); where that fails (a patch for an object the
    // component does not hold), it yields nothing, and its problems are
    // for the kustomizations that use it to report.
    result_.diagnostics.clear();
    return std::move(result_);
  }
  if (ok && !failed_) {
    add_hashes(resources);
    fix_name_references(resources);
    resolve_vars(resources);
  }
  if (ok && !failed_) {
    GeneratedDocument document;
    document.name = request_.path;
    document.fallback = Origin{FileId(kpath), {}, OriginRole::Kustomization, {}};
    if (!fifo_) {
      legacy_sort(resources);
    }
    for (size_t i = 0; i < resources.size(); ++i) {
      clear_empty_annotations(resources[i].object);
      // kustomize writes every object through JSON (Resource.AsYAML): a
      // plain `0755` comes out as 493, `1.0` as 1, `True` as true.
      json_round_trip(resources[i].object);
      if (i > 0) {
        document.text += "---\n";
      }
      emit_yaml(resources[i].object, document.text, document.origins);
    }
    result_.documents.push_back(std::move(document));
  }
  return std::move(result_);
}

} // namespace kustomize

} // namespace wincompat
