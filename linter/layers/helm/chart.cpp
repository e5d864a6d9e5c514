// A chart directory rendered as `helm template` would: Chart.yaml, values
// (values.yaml, -f files, --set), subcharts with their scoping, templates in
// Helm's order; every problem a WC910/WC911 diagnostic in a real file.
#include "archive.hpp"
#include "capabilities.hpp"
#include "exec.hpp"
#include "manifests.hpp"
#include "values.hpp"
#include "yaml_emit.hpp"

#include "regex.hpp"
#include "text_util.hpp"

#include "wincompat/decode.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/rule.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace wincompat {

namespace helm {
std::string base64_encode(const std::string &data); // fn_encoding.cpp
}

namespace {

using namespace helm;

/// The most bytes of a packaged chart read: the unpacked budget of read_tgz.
constexpr size_t kMaxArchiveBytes = size_t{64} << 20;
/// The most bytes the packaged charts of one render unpack to, all archives
/// together (subcharts of subcharts too): they are held in memory. Real
/// charts unpack to well under a megabyte each; 100 small archive bombs
/// must not add up to gigabytes.
constexpr size_t kMaxUnpackedBytes = size_t{64} << 20;

struct Context;

/// A chart's files outside templates/ (`.Files`).
class FilesObject : public Object {
public:
  FilesObject(Context &context, const FileSystem &files, std::string fs_dir, std::string display_dir,
              std::vector<std::string> names)
      : context_(context), files_(files), fs_dir_(std::move(fs_dir)), display_dir_(std::move(display_dir)),
        names_(std::move(names)) {}
  std::string type_name() const override {
    return "files.Files";
  }
  bool call(const std::string &name, std::vector<Value> &args, Value &result) override;
  bool length(int64_t &out) const override {
    out = static_cast<int64_t>(names_.size());
    return true;
  }
  bool entries(std::vector<std::pair<std::string, Value>> &out) override {
    for (const std::string &name : names_) {
      out.emplace_back(name, get(name));
    }
    return true;
  }

private:
  Value get(const std::string &name);
  Context &context_;
  const FileSystem &files_;
  std::string fs_dir_;
  std::string display_dir_;
  std::vector<std::string> names_; // relative, sorted
};

struct Dependency {
  std::string name;
  std::string alias;
  std::string condition;
  std::vector<std::string> tags;
  Span span; // the name in Chart.yaml
};

struct Chart {
  std::string name;                        // alias when given
  const FileSystem *file_system = nullptr; // where fs_dir is: the disk, or a packaged chart's files
  std::string fs_dir;
  std::string display_dir;
  std::string full_path;  // "parent/charts/sub": template names start here
  std::string chart_yaml; // display path
  Value metadata;
  Value defaults;
  std::vector<Dependency> dependencies;
  std::vector<Dependency> missing; // listed in Chart.yaml, absent from charts/ (not yet built)
  std::vector<std::unique_ptr<Chart>> subcharts;
  std::vector<std::string> templates; // relative to the chart dir, sorted
  std::vector<std::string> files;     // .Files names
  Value values;                       // after coalescing
  bool enabled = true;
  bool library = false; // `type: library`: its definitions are used, its templates never output
};

struct Context {
  const ChartRequest &request;
  LayerResult &result;
  const FileSystem &files; // the request's: the disk, an editor's overlay, a tree in memory
  std::set<std::string> reported;
  /// Packaged charts' files, read from their archives in memory.
  std::vector<std::unique_ptr<MemoryFileSystem>> archives;
  size_t unpacked_bytes = 0; // what `archives` unpacked to (kMaxUnpackedBytes)

  std::shared_ptr<const SourceFile> read(const FileSystem &from, const std::string &fs_path,
                                         const std::string &display) {
    if (auto it = result.files.find(display); it != result.files.end()) {
      return it->second;
    }
    std::string error;
    std::optional<std::string> bytes = from.read(fs_path, request.max_file_size, error);
    if (!bytes) {
      if (error.starts_with("file is")) { // over the size limit
        result.diagnostics.push_back({display, engine_diagnostic(RuleCode::WC902, error)});
      } else if (is_refusal(error)) { // a link out of the repository: nothing of it is read
        result.diagnostics.push_back({display, engine_diagnostic(RuleCode::WC916, display + " " + error)});
      }
      return nullptr;
    }
    ReadOutcome outcome = decode_text(display, std::move(*bytes), request.max_file_size);
    if (outcome.error) {
      result.diagnostics.push_back({display, *outcome.error});
      return nullptr;
    }
    result.files[display] = outcome.source;
    return outcome.source;
  }

  void report(const std::string &path, RuleCode code, std::string message, Span span,
              std::optional<Severity> severity = std::nullopt) {
    const std::string key =
        path + ":" + std::to_string(span.begin) + ":" + std::string(rule_meta(code).code) + message;
    if (!reported.insert(key).second) {
      return;
    }
    Diagnostic d = engine_diagnostic(code, std::move(message), span);
    if (severity) {
      d.severity = *severity;
    }
    if (auto it = result.files.find(path); it != result.files.end()) {
      d.range = it->second->range(span);
    }
    result.diagnostics.push_back({path, std::move(d)});
  }
};

std::string join_path(const std::string &dir, const std::string &name) {
  if (dir.empty() || dir == ".") {
    return name;
  }
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string normalize_dir(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') {
    dir.pop_back();
  }
  return dir;
}

bool FilesObject::call(const std::string &name, std::vector<Value> &args, Value &result) {
  if (name == "Get" || name == "GetBytes") {
    want_args(args, 1, name);
    result = get(want_string(args[0]));
    return true;
  }
  if (name == "Lines") {
    want_args(args, 1, name);
    const std::string text = get(want_string(args[0])).str();
    List lines;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) {
      lines.push_back(Value::string(line));
    }
    result = Value::new_list(std::move(lines));
    return true;
  }
  if (name == "Glob") {
    want_args(args, 1, name);
    const std::string pattern = want_string(args[0]);
    std::vector<std::string> matched;
    // Glob syntax with '/' as separator: `*` stays within a segment, `**` crosses.
    std::string re;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
        re += ".*";
        ++i;
      } else if (c == '*') {
        re += "[^/]*";
      } else if (c == '?') {
        re += "[^/]";
      } else if (c == '{') {
        re += "(";
      } else if (c == '}') {
        re += ")";
      } else if (c == ',') {
        re += "|";
      } else if (std::string(".+()|^$\\[]").find(c) != std::string::npos && c != '[' && c != ']') {
        re += std::string("\\") + c;
      } else {
        re += c;
      }
    }
    std::optional<regex::Regex> glob;
    try {
      glob.emplace("^(?:" + re + ")$"); // linear time: the pattern is the chart's
    } catch (const regex::SyntaxError &) {
      throw FunctionError("syntax error in pattern");
    }
    regex::Budget budget;
    for (const std::string &file : names_) {
      try {
        if (glob->search(file, budget)) {
          matched.push_back(file);
        }
      } catch (const regex::BudgetError &e) {
        throw FunctionError(std::string(e.what()) + " in Glob");
      }
    }
    result = Value::of(std::make_shared<FilesObject>(context_, files_, fs_dir_, display_dir_, matched));
    return true;
  }
  if (name == "AsConfig" || name == "AsSecrets") {
    want_args(args, 0, name);
    Map m;
    for (const std::string &file : names_) {
      const std::string base = file.substr(file.find_last_of('/') + 1);
      const std::string text = get(file).str();
      m[base] = Value::string(name == "AsSecrets" ? base64_encode(text) : text);
    }
    result = Value::string(m.empty() ? Text{} : to_yaml(Value::new_map(std::move(m))));
    return true;
  }
  return false;
}

Value FilesObject::get(const std::string &name) {
  if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
    return Value::string("");
  }
  auto file = context_.read(files_, join_path(fs_dir_, name), join_path(display_dir_, name));
  if (!file) {
    return Value::string("");
  }
  const Origin origin{
      FileId(file->path()), Span{0, static_cast<uint32_t>(file->text().size())}, OriginRole::FileContent, {}};
  return Value::string(file->text(), make_chain(origin));
}

std::string raw_text(const SourceFile &file, const Value &v) {
  if (v.origin && !v.origin->empty()) {
    const Span s = v.origin->front().span;
    if (s.end <= file.text().size() && s.end > s.begin) {
      return file.text().substr(s.begin, s.end - s.begin);
    }
  }
  return v.is_nil() ? "" : cast_string(v);
}

/// `.Chart`: Chart.yaml's keys as Helm's Metadata fields.
Value chart_metadata(const SourceFile &file, const Value &yaml) {
  Map m;
  for (const char *field : {"Name", "Home", "Version", "Description", "AppVersion", "APIVersion", "Icon",
                            "Type", "KubeVersion", "Condition", "Tags"}) {
    m[field] = Value::string("");
  }
  m["Deprecated"] = Value::boolean(false);
  if (yaml.kind == Value::Kind::Map) {
    for (const auto &[key, value] : *yaml.map) {
      std::string field = key == "apiVersion" ? "APIVersion" : key;
      if (!field.empty()) {
        field[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(field[0])));
      }
      const bool scalar = value.kind != Value::Kind::Map && value.kind != Value::Kind::List;
      m[field] = scalar && value.kind != Value::Kind::Bool ? Value::string(raw_text(file, value)) : value;
    }
  }
  return Value::new_map(std::move(m));
}

std::vector<std::string> list_files(const FileSystem &files, const std::string &root,
                                    const std::string &under, bool skip_special) {
  std::vector<std::string> out;
  const std::string base = join_path(root, under);
  if (!files.is_dir(base)) {
    return out;
  }
  for (std::string rel : files.walk(base)) {
    if (!under.empty()) {
      rel = under + "/" + rel;
    }
    if (skip_special) {
      const std::string first = rel.substr(0, rel.find('/'));
      if (first == "templates" || first == "charts" || rel == "Chart.yaml" || rel == "values.yaml" ||
          rel == "values.schema.json" || rel == "Chart.lock" || rel == "requirements.yaml" ||
          rel == "requirements.lock" || rel == ".helmignore" || first == ".git") {
        continue;
      }
    }
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Dependency> read_dependencies(const Value &list) {
  std::vector<Dependency> out;
  if (list.kind != Value::Kind::List) {
    return out;
  }
  for (const Value &item : *list.list) {
    if (item.kind != Value::Kind::Map) {
      continue;
    }
    Dependency dep;
    auto str = [&](const char *key) {
      auto it = item.map->find(key);
      return it != item.map->end() && it->second.is_string() ? it->second.str() : std::string();
    };
    dep.name = str("name");
    dep.alias = str("alias");
    dep.condition = str("condition");
    if (auto it = item.map->find("name"); it != item.map->end() && it->second.origin) {
      dep.span = it->second.origin->front().span;
    }
    if (auto it = item.map->find("tags"); it != item.map->end() && it->second.kind == Value::Kind::List) {
      for (const Value &tag : *it->second.list) {
        if (tag.is_string()) {
          dep.tags.push_back(tag.str());
        }
      }
    }
    out.push_back(std::move(dep));
  }
  return out;
}

/// After an alias renamed `chart`, its subcharts' template names follow.
void rename_subcharts(Chart &chart, const std::string &old_prefix) {
  for (auto &sub : chart.subcharts) {
    const std::string previous = sub->full_path;
    sub->full_path = chart.full_path + sub->full_path.substr(old_prefix.size());
    rename_subcharts(*sub, previous);
  }
}

std::unique_ptr<Chart> load_chart(Context &ctx, const FileSystem &files, const std::string &fs_dir,
                                  const std::string &display_dir, const std::string &parent_path, int depth);

/// The one top folder of a packaged chart's files when it holds Chart.yaml,
/// as `helm package` makes it; empty otherwise.
std::string packaged_chart_top(const std::vector<helm::ArchiveFile> &files) {
  const std::string top = files.empty() ? "" : files.front().path.substr(0, files.front().path.find('/'));
  const bool one_folder = !top.empty() && std::all_of(files.begin(), files.end(), [&](const auto &file) {
    return file.path.starts_with(top + "/");
  });
  const bool has_chart = std::any_of(files.begin(), files.end(),
                                     [&](const auto &file) { return file.path == top + "/Chart.yaml"; });
  return one_folder && has_chart ? top : "";
}

/// The files of a packaged chart (charts/NAME-VERSION.tgz, or a chart
/// package linted itself) in `from`, read from the archive into a tree in
/// memory that `unpacked` is set to; the chart's folder there, or empty after
/// a WC910 on `report_path` that says why.
std::string unpack_archive(Context &ctx, const FileSystem &from, const FileSystem *&unpacked,
                           const std::string &report_path, const std::string &what,
                           const std::string &archive_fs, const std::string &archive_display) {
  const auto fail = [&](const std::string &why) {
    ctx.report(report_path, RuleCode::WC910, what + " " + archive_display + " cannot be read: " + why,
               Span{0, 0});
    return std::string();
  };
  std::string error;
  const std::optional<std::string> bytes = from.read(archive_fs, kMaxArchiveBytes, error);
  if (!bytes) {
    return fail("the file cannot be read");
  }
  const size_t budget = kMaxUnpackedBytes - std::min(ctx.unpacked_bytes, kMaxUnpackedBytes);
  size_t unpacked_size = 0;
  std::vector<helm::ArchiveFile> files = helm::read_tgz(*bytes, error, budget, &unpacked_size);
  ctx.unpacked_bytes += unpacked_size;
  if (!error.empty() && unpacked_size > budget && budget < kMaxUnpackedBytes) {
    return fail(
        "the packaged charts of this chart unpack to more than " + std::to_string(kMaxUnpackedBytes >> 20) +
        " MB in total (a limit of wincompat: they are held in memory), so it and what it holds are not "
        "rendered or linted");
  }
  if (!error.empty()) {
    return fail(error);
  }
  // Helm's layout: one top folder, the chart's name, with Chart.yaml in it.
  const std::string top = packaged_chart_top(files);
  if (top.empty()) {
    return fail("it does not hold one folder with a Chart.yaml, as `helm package` makes");
  }
  auto tree = std::make_unique<MemoryFileSystem>();
  for (helm::ArchiveFile &file : files) {
    tree->add_file("/" + file.path, std::move(file.data));
  }
  unpacked = ctx.archives.emplace_back(std::move(tree)).get();
  return "/" + top;
}

/// A packaged subchart, rendered as Helm does. Its files are shown as
/// "parent/charts/NAME-VERSION.tgz/NAME/..." and never edited by --fix;
/// its templates keep Helm's names ("parent/charts/NAME/templates/...").
std::unique_ptr<Chart> load_packaged_chart(Context &ctx, const Chart &parent, const std::string &archive_fs,
                                           const std::string &archive_display, int depth) {
  const FileSystem *files = nullptr;
  const std::string unpacked = unpack_archive(ctx, *parent.file_system, files, parent.chart_yaml,
                                              "packaged subchart", archive_fs, archive_display);
  if (unpacked.empty()) {
    return nullptr;
  }
  const std::string display = join_path(archive_display, fs::path(unpacked).filename().string());
  ctx.result.read_only_dirs.push_back(display);
  return load_chart(ctx, *files, unpacked, display, parent.full_path, depth);
}

std::unique_ptr<Chart> load_chart(Context &ctx, const FileSystem &files, const std::string &fs_dir,
                                  const std::string &display_dir, const std::string &parent_path, int depth) {
  auto chart = std::make_unique<Chart>();
  chart->file_system = &files;
  chart->fs_dir = fs_dir;
  chart->display_dir = display_dir;
  chart->chart_yaml = join_path(display_dir, "Chart.yaml");
  auto chart_file = ctx.read(files, join_path(fs_dir, "Chart.yaml"), chart->chart_yaml);
  if (!chart_file) {
    return nullptr;
  }
  LoadedYaml meta = load_yaml(*chart_file, true);
  if (!meta.error.empty()) {
    ctx.report(chart->chart_yaml, RuleCode::WC910, "Chart.yaml cannot be read: " + meta.error,
               meta.error_span);
    return nullptr;
  }
  const Value *name = lookup_path(meta.value, "name");
  const Value *api = lookup_path(meta.value, "apiVersion");
  if (!name || !name->is_string() || name->str().empty()) {
    ctx.report(chart->chart_yaml, RuleCode::WC910, "Chart.yaml has no `name`: Helm cannot load this chart",
               Span{0, 0});
    return nullptr;
  }
  if (!api || !api->is_string() || (api->str() != "v1" && api->str() != "v2")) {
    const Span span = api && api->origin ? api->origin->front().span : Span{0, 0};
    ctx.report(chart->chart_yaml, RuleCode::WC910,
               "Chart.yaml `apiVersion` must be v1 or v2 (Helm 3): this chart cannot be rendered", span);
    return nullptr;
  }
  chart->name = name->str();
  chart->full_path = parent_path.empty() ? chart->name : parent_path + "/charts/" + chart->name;
  chart->metadata = chart_metadata(*chart_file, meta.value);
  if (const Value *type = lookup_path(meta.value, "type"); type && type->is_string()) {
    chart->library = type->str() == "library";
  }

  // values.yaml: the chart's defaults.
  const std::string values_display = join_path(display_dir, "values.yaml");
  if (files.exists(join_path(fs_dir, "values.yaml"))) {
    if (auto values_file = ctx.read(files, join_path(fs_dir, "values.yaml"), values_display)) {
      LoadedYaml values = load_yaml(*values_file, true);
      if (!values.error.empty()) {
        ctx.report(values_display, RuleCode::WC910, "values.yaml cannot be read: " + values.error,
                   values.error_span);
      } else if (!values.value.is_nil() && values.value.kind != Value::Kind::Map) {
        ctx.report(values_display, RuleCode::WC910, "values.yaml must hold a mapping of keys to values",
                   Span{0, 0});
      } else {
        chart->defaults = values.value;
      }
    }
  }
  if (chart->defaults.kind != Value::Kind::Map) {
    chart->defaults = Value::new_map();
  }

  // Dependencies: Chart.yaml (v2) or requirements.yaml (v1).
  if (const Value *deps = lookup_path(meta.value, "dependencies")) {
    chart->dependencies = read_dependencies(*deps);
  } else if (files.exists(join_path(fs_dir, "requirements.yaml"))) {
    if (auto req = ctx.read(files, join_path(fs_dir, "requirements.yaml"),
                            join_path(display_dir, "requirements.yaml"))) {
      LoadedYaml loaded = load_yaml(*req, true);
      if (const Value *deps = lookup_path(loaded.value, "dependencies")) {
        chart->dependencies = read_dependencies(*deps);
      }
    }
  }

  if (const std::string refusal = files.refusal(join_path(fs_dir, "templates")); !refusal.empty()) {
    // templates/ links out of the repository: none of it is read.
    const std::string templates = join_path(display_dir, "templates");
    ctx.report(templates, RuleCode::WC916,
               templates + " " + refusal + "; the chart's templates were not rendered", Span{0, 0});
  }
  for (const std::string &rel : list_files(files, fs_dir, "templates", false)) {
    chart->templates.push_back(rel);
  }
  chart->files = list_files(files, fs_dir, "", true);

  // Subcharts: unpacked directories under charts/.
  if (depth < 8) {
    for (const DirEntry &listed : files.list(join_path(fs_dir, "charts"))) {
      const std::string &entry = listed.name;
      const std::string sub_fs = join_path(join_path(fs_dir, "charts"), entry);
      const std::string sub_display = join_path(join_path(display_dir, "charts"), entry);
      if (listed.type == FileType::Directory && files.exists(join_path(sub_fs, "Chart.yaml"))) {
        if (auto sub = load_chart(ctx, files, sub_fs, sub_display, chart->full_path, depth + 1)) {
          chart->subcharts.push_back(std::move(sub));
        }
      } else if (entry.size() > 4 && entry.compare(entry.size() - 4, 4, ".tgz") == 0 &&
                 listed.type != FileType::Directory) {
        if (auto sub = load_packaged_chart(ctx, *chart, sub_fs, sub_display, depth + 1)) {
          chart->subcharts.push_back(std::move(sub));
        }
      }
    }
  }
  // Aliases rename subcharts; a listed dependency must be present.
  for (const Dependency &dep : chart->dependencies) {
    auto it = std::find_if(chart->subcharts.begin(), chart->subcharts.end(),
                           [&](const auto &sub) { return sub->name == dep.name; });
    if (it == chart->subcharts.end()) {
      bool packaged = false;
      for (const DirEntry &listed : files.list(join_path(fs_dir, "charts"))) {
        const std::string &file = listed.name;
        packaged = packaged || (file.rfind(dep.name + "-", 0) == 0 && file.size() > 4 &&
                                file.compare(file.size() - 4, 4, ".tgz") == 0);
      }
      if (!packaged) {
        chart->missing.push_back(dep); // judged once values say whether it is enabled
      }
      continue;
    }
    if (!dep.alias.empty()) {
      // Helm renames an aliased subchart everywhere, `.Chart.Name` included.
      Chart &sub = **it;
      const std::string old_prefix = sub.full_path;
      sub.name = dep.alias;
      sub.full_path = chart->full_path + "/charts/" + dep.alias;
      (*sub.metadata.map)["Name"] = Value::string(dep.alias);
      rename_subcharts(sub, old_prefix);
    }
  }
  return chart;
}

/// Helm's tags and conditions: whether a dependency renders, starting from
/// `enabled` (a condition that is set wins over tags).
bool dependency_enabled(const Dependency &dep, const Chart &chart, const Value &root_values, bool enabled) {
  bool has_true = false;
  bool has_false = false;
  for (const std::string &tag : dep.tags) {
    if (const Value *v = lookup_path(root_values, "tags." + tag); v && v->kind == Value::Kind::Bool) {
      (v->b ? has_true : has_false) = true;
    }
  }
  if (has_true) {
    enabled = true;
  } else if (has_false) {
    enabled = false;
  }
  std::stringstream conditions(dep.condition);
  std::string path;
  while (std::getline(conditions, path, ',')) {
    path.erase(0, path.find_first_not_of(' '));
    path.erase(path.find_last_not_of(' ') + 1);
    if (const Value *v = lookup_path(chart.values, path); v && v->kind == Value::Kind::Bool) {
      return v->b;
    }
  }
  return enabled;
}

/// Which subcharts render.
void decide_enabled(Chart &chart, const Value &root_values) {
  for (auto &sub : chart.subcharts) {
    for (const Dependency &dep : chart.dependencies) {
      if (dep.name == sub->name || dep.alias == sub->name) {
        sub->enabled = dependency_enabled(dep, chart, root_values, sub->enabled);
      }
    }
  }
}

/// A dependency that is not in charts/ (repositories often leave it to
/// `helm dependency build` in CI): a warning when it would render, nothing
/// when its condition or tags turn it off. The parent renders without it.
void report_missing_dependencies(Context &ctx, const Chart &chart, const Value &root_values) {
  for (const Dependency &dep : chart.missing) {
    if (dependency_enabled(dep, chart, root_values, true)) {
      ctx.report(chart.chart_yaml, RuleCode::WC910,
                 "found in Chart.yaml, but missing in charts/ directory: " + dep.name +
                     "; the chart is linted without it, and what it renders is not (run `helm dependency "
                     "build` before linting, or unpack the subchart there)",
                 dep.span, Severity::Warning);
    }
  }
}

/// Subchart values: the parent's key for it over its own defaults, with the
/// parent's `global` winning over the subchart's.
void scope_values(Chart &chart, const Value &root_values) {
  decide_enabled(chart, root_values);
  for (auto &sub : chart.subcharts) {
    if (!sub->enabled) {
      continue;
    }
    Value from_parent = Value::nil();
    if (auto it = chart.values.map->find(sub->name); it != chart.values.map->end()) {
      from_parent = it->second;
    }
    if (from_parent.kind != Value::Kind::Map) {
      from_parent = Value::new_map();
    }
    Value values = coalesce_values(from_parent, sub->defaults);
    Value parent_global = Value::new_map();
    if (auto it = chart.values.map->find("global");
        it != chart.values.map->end() && it->second.kind == Value::Kind::Map) {
      parent_global = it->second;
    }
    Value sub_global = Value::new_map();
    if (auto it = values.map->find("global");
        it != values.map->end() && it->second.kind == Value::Kind::Map) {
      sub_global = it->second;
    }
    (*values.map)["global"] = coalesce_values(parent_global, sub_global);
    sub->values = values;
    (*chart.values.map)[sub->name] = values;
    scope_values(*sub, root_values);
  }
}

void collect_charts(Chart &chart, std::vector<Chart *> &out) {
  out.push_back(&chart);
  for (auto &sub : chart.subcharts) {
    if (sub->enabled) {
      collect_charts(*sub, out);
    }
  }
}

bool is_partial(const std::string &rel) {
  const std::string base = rel.substr(rel.find_last_of('/') + 1);
  return base.rfind("_", 0) == 0;
}

/// Notes, not a manifest: Helm's renderResources (pkg/action/action.go,
/// v4.0.0) takes every rendered file whose name ends in NOTES.txt out of the
/// manifests (of subcharts too; only the chart's own templates/NOTES.txt is
/// shown after an install). It is parsed and executed like any template, so
/// its errors fail `helm template`.
bool is_notes(const std::string &name) {
  return name.ends_with("NOTES.txt");
}

/// What Go's json says when a document is not a mapping: Helm's manifest
/// sorter (pkg/release/v1/util/manifest_sorter.go, v4.0.0) reads each
/// document's head into a struct and fails the whole render on this error.
std::string not_a_manifest(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Nil:
  case Value::Kind::Map:
    return {};
  case Value::Kind::String:
    return "string";
  case Value::Kind::Bool:
    return "bool";
  case Value::Kind::List:
    return "array";
  default:
    return "number";
  }
}

Text slice(const Text &text, uint32_t begin, uint32_t end) {
  Text out;
  out.str = text.str.substr(begin, end - begin);
  for (const Piece &p : text.pieces) {
    const uint32_t b = std::max(p.begin, begin);
    const uint32_t e = std::min(p.end, end);
    if (b < e) {
      out.pieces.push_back({b - begin, e - begin, p.chain});
    }
  }
  return out;
}

/// Where each YAML document of `s` starts (a `---` line), and its end.
std::vector<uint32_t> document_starts(const std::string &s) {
  std::vector<uint32_t> starts{0};
  for (size_t i = 0; i < s.size(); ++i) {
    if ((i == 0 || s[i - 1] == '\n') && s.compare(i, 3, "---") == 0 &&
        (i + 3 == s.size() || s[i + 3] == '\n' || s[i + 3] == ' ' || s[i + 3] == '\r' || s[i + 3] == '\t')) {
      if (i != 0) {
        starts.push_back(static_cast<uint32_t>(i));
      }
    }
  }
  starts.push_back(static_cast<uint32_t>(s.size()));
  return starts;
}

struct TemplateFile {
  std::string name; // "chart/templates/x.yaml"
  std::string display;
  Chart *chart;
  std::string rel;
  bool parsed = false;
};

// ---- Partial rendering: documents an unknown value reaches ----

constexpr std::string_view kUnknownOpen = "<unknown-";

/// The unknowns (their ids) whose placeholders `text` holds.
std::vector<uint32_t> unknown_ids(std::string_view text) {
  std::vector<uint32_t> ids;
  for (size_t at = text.find(kUnknownOpen); at != std::string_view::npos;
       at = text.find(kUnknownOpen, at + 1)) {
    size_t i = at + kUnknownOpen.size();
    uint64_t id = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && id < UINT32_MAX) {
      id = id * 10 + static_cast<uint64_t>(text[i] - '0');
      ++i;
    }
    if (i < text.size() && text[i] == '>' && id > 0 && id <= UINT32_MAX &&
        std::find(ids.begin(), ids.end(), id) == ids.end()) {
      ids.push_back(static_cast<uint32_t>(id));
    }
  }
  return ids;
}

/// Fields that decide whether an object can run on a Windows host: an
/// unknown among them (or in a key at any level above them) leaves the
/// object unchecked.
bool decisive_field(const std::string &key) {
  static const std::set<std::string> kDecisive = {"apiVersion",
                                                  "kind",
                                                  "image",
                                                  "nodeSelector",
                                                  "affinity",
                                                  "tolerations",
                                                  "nodeName",
                                                  "runtimeClassName",
                                                  "windowsOptions",
                                                  "hostProcess",
                                                  "os",
                                                  "handler",
                                                  "scheduling",
                                                  "hostNetwork",
                                                  "priorityClassName"};
  return kDecisive.count(key) != 0;
}

/// Fields that hold decisive ones: an unknown in place of one of them (or
/// of the whole document) may hide any.
bool holds_decisive(const std::string &key) {
  static const std::set<std::string> kHolders = {"",
                                                 "spec",
                                                 "template",
                                                 "jobTemplate",
                                                 "containers",
                                                 "initContainers",
                                                 "ephemeralContainers",
                                                 "securityContext",
                                                 "items"};
  return kHolders.count(key) != 0;
}

struct UnknownUse {
  uint32_t id;
  std::string field; // "spec.containers[0].image"
};

/// Records, for every unknown in `v` (at `path`) that reaches a decisive
/// field, where.
void decisive_unknowns(const Value &v, std::vector<std::string> &path, std::vector<UnknownUse> &uses,
                       size_t depth = 0) {
  const auto note = [&](std::string_view text, const std::vector<std::string> &at) {
    const std::vector<uint32_t> ids = unknown_ids(text);
    if (ids.empty()) {
      return;
    }
    std::string last;
    bool decisive = false;
    for (const std::string &step : at) {
      decisive = decisive || decisive_field(step);
      if (!step.starts_with("[")) {
        last = step;
      }
    }
    if (!decisive && !holds_decisive(last)) {
      return;
    }
    std::string field;
    for (const std::string &step : at) {
      field += (field.empty() || step.starts_with("[") ? "" : ".") + step;
    }
    for (uint32_t id : ids) {
      uses.push_back({id, field});
    }
  };
  if (depth > kMaxTemplateDepth) {
    return;
  }
  switch (v.kind) {
  case Value::Kind::Map:
    for (const auto &[key, item] : *v.map) {
      note(key, path); // an unknown key may be any field of its map
      path.push_back(key);
      decisive_unknowns(item, path, uses, depth + 1);
      path.pop_back();
    }
    return;
  case Value::Kind::List:
    for (size_t i = 0; i < v.list->size(); ++i) {
      path.push_back("[" + std::to_string(i) + "]");
      decisive_unknowns((*v.list)[i], path, uses, depth + 1);
      path.pop_back();
    }
    return;
  case Value::Kind::String:
    note(v.str(), path);
    return;
  default:
    return;
  }
}

/// The values key to set for a `required` in template `name` (subcharts'
/// values sit under their names in the parent's).
std::string values_key_from_root(const std::string &template_name, const std::string &key) {
  std::string prefix;
  const std::string marker = "/charts/";
  for (size_t at = template_name.find(marker); at != std::string::npos;
       at = template_name.find(marker, at + 1)) {
    const size_t begin = at + marker.size();
    const size_t end = template_name.find('/', begin);
    if (end == std::string::npos) {
      break;
    }
    prefix += template_name.substr(begin, end - begin) + ".";
  }
  return prefix + key;
}

/// Where a cause is shown: the file and span of the action that failed, or
/// the template being rendered when it failed in a `tpl` string.
std::pair<std::string, Span> cause_place(const ExecError &error, const TemplateFile &file) {
  if (error.source && !error.source->path.empty()) {
    return {error.source->path, error.span};
  }
  return {file.display, Span{0, 0}};
}

/// What a user does so that the unknown is known.
std::string cause_remedy(const ExecError &error) {
  if (error.unsupported) {
    return "wincompat does not have this function; lint the output of `helm template` as plain YAML to check "
           "it";
  }
  if (error.function == "required" && !error.values_key.empty()) {
    const std::string key =
        values_key_from_root(error.source ? error.source->name : std::string(), error.values_key);
    return "set " + key +
           " under the chart's `charts:` entry `values` in .wincompat.yaml, in a --values file, or "
           "with --set " +
           key + "=...";
  }
  if (error.function == "required" || error.function == "fail") {
    return "set the values the template needs under the chart's `charts:` entry in .wincompat.yaml, or with "
           "--values or --set";
  }
  return "correct the template here";
}

/// The diagnostic of an action that failed: WC911 (info) for a function
/// wincompat lacks, a WC910 warning for `required` and `fail` (a value the
/// chart asks for), a WC910 error otherwise (Helm stops there too).
void report_unknown_cause(Context &ctx, const UnknownCause &cause, uint32_t id, const TemplateFile &file) {
  const ExecError &error = cause.error;
  const auto [path, span] = cause_place(error, file);
  const std::string placeholder = unknown_placeholder(id);
  if (error.unsupported) {
    ctx.report(path, RuleCode::WC911,
               std::string(error.what()) +
                   "; wincompat does not have this function, so its value is unknown (" + placeholder +
                   " in `wincompat render --partial`): an object whose image, scheduling, runtime "
                   "class or security context depends on it is not checked",
               span);
    return;
  }
  if (error.function == "required") {
    const std::string key =
        error.values_key.empty()
            ? std::string()
            : values_key_from_root(error.source ? error.source->name : "", error.values_key) + " ";
    ctx.report(path, RuleCode::WC910,
               "required value " + key + "is not set: " + error.detail +
                   " (Helm stops here); the rendering goes on with it unknown; " + cause_remedy(error),
               span, Severity::Warning);
    return;
  }
  if (error.function == "fail") {
    ctx.report(path, RuleCode::WC910,
               "the template calls fail: " + error.detail +
                   " (Helm stops here); the rendering goes on with its value unknown",
               span, Severity::Warning);
    return;
  }
  ctx.report(path, RuleCode::WC910,
             std::string(error.what()) + "; the rendering goes on with its value unknown", span);
}

/// `out` without the YAML documents an unknown leaves unchecked (`mode`
/// says which), each reported (WC917) at the action whose value is unknown.
Text settle_unknowns(Context &ctx, const Text &out, const Engine &engine, const TemplateFile &file,
                     UnknownDocuments mode) {
  const std::string &s = out.str;
  const std::vector<uint32_t> starts = document_starts(s);
  Text kept;
  for (size_t d = 0; d + 1 < starts.size(); ++d) {
    const uint32_t b = starts[d];
    const uint32_t e = starts[d + 1];
    const std::string_view text = std::string_view(s).substr(b, e - b);
    const std::vector<uint32_t> ids = unknown_ids(text);
    std::vector<uint32_t> known_ids;
    for (uint32_t id : ids) {
      if (id <= engine.unknowns.size()) {
        known_ids.push_back(id);
      }
    }
    if (known_ids.empty() || mode == UnknownDocuments::Keep) {
      kept.append(slice(out, b, e));
      continue;
    }
    Value document;
    std::string parse_error;
    std::vector<UnknownUse> uses;
    std::string object = "the object";
    if (!parse_yaml(std::string(text), document, parse_error)) {
      for (uint32_t id : known_ids) {
        uses.push_back({id, ""});
      }
    } else {
      std::vector<std::string> path;
      decisive_unknowns(document, path, uses);
      for (uint32_t id : known_ids) {
        if (engine.unknowns[id - 1].structural) {
          uses.push_back({id, "?"});
        }
      }
      if (document.kind == Value::Kind::Map) {
        const auto kind = document.map->find("kind");
        const auto metadata = document.map->find("metadata");
        if (kind != document.map->end() && kind->second.is_string() &&
            unknown_ids(kind->second.str()).empty()) {
          object = kind->second.str();
          if (metadata != document.map->end() && metadata->second.kind == Value::Kind::Map) {
            const auto name = metadata->second.map->find("name");
            if (name != metadata->second.map->end() && name->second.is_string()) {
              object += " " + name->second.str();
            }
          }
        }
      }
    }
    if (uses.empty() && mode == UnknownDocuments::Lint) {
      kept.append(slice(out, b, e)); // only fields that decide nothing are unknown: linted as it is
      continue;
    }
    std::set<uint32_t> told;
    for (const UnknownUse &use : uses) {
      if (!told.insert(use.id).second) {
        continue;
      }
      const UnknownCause &cause = engine.unknowns[use.id - 1];
      const auto [path, span] = cause_place(cause.error, file);
      std::string why;
      if (!parse_error.empty()) {
        why = "the document no longer parses as YAML with " + unknown_placeholder(use.id) +
              " in place of the value (" + parse_error + ")";
      } else if (use.field == "?") {
        why = "what this action renders is unknown, and " + object + " may depend on it";
      } else if (use.field.empty()) {
        why = "the whole object depends on this action's value, which is unknown";
      } else {
        why = "its " + use.field + " depends on this action's value, which is unknown";
      }
      ctx.report(path, RuleCode::WC917,
                 object + " in " + without_chart(file.name) + " is not checked: " + why + "; " +
                     cause_remedy(cause.error),
                 span);
    }
  }
  return kept;
}

/// Each document's trailing whitespace cut, as Helm's SplitManifests trims
/// every document (strings.TrimSpace) before printing it with one newline:
/// a `|+` block scalar that ends a document keeps one line break, not the
/// blank lines after it.
Text trim_documents(const Text &text) {
  const std::string &s = text.str;
  const std::vector<uint32_t> starts = document_starts(s);
  Text out;
  for (size_t d = 0; d + 1 < starts.size(); ++d) {
    const uint32_t b = starts[d];
    uint32_t e = starts[d + 1];
    uint32_t last = e;
    while (last > b && std::isspace(static_cast<unsigned char>(s[last - 1]))) {
      --last;
    }
    const size_t first_line_end = s.find('\n', b);
    if (last == b ||
        (s.compare(b, 3, "---") == 0 && first_line_end != std::string::npos && last <= first_line_end)) {
      out.append(slice(text, b, e)); // nothing but the separator: left as it is
      continue;
    }
    if (s[last] == '\n') {
      out.append(slice(text, b, last + 1)); // the document's own line break, with its place
    } else {
      out.append(slice(text, b, last));
      out.append("\n");
    }
  }
  return out;
}

std::vector<OriginSegment> segments_of(const Text &text) {
  std::vector<OriginSegment> out;
  uint32_t covered = 0;
  for (const Piece &p : text.pieces) {
    if (!p.chain || p.chain->empty() || p.end <= p.begin || p.begin < covered) {
      continue;
    }
    out.push_back({Span{p.begin, p.end}, *p.chain});
    covered = p.end;
  }
  return out;
}

Value release_object(const ChartRequest &request) {
  Map m;
  m["Name"] = Value::string(request.release_name);
  m["Namespace"] = Value::string(request.release_namespace);
  m["Service"] = Value::string("Helm");
  m["IsInstall"] = Value::boolean(true);
  m["IsUpgrade"] = Value::boolean(false);
  m["Revision"] = Value::integer(1);
  return Value::new_map(std::move(m));
}

/// User values: -f files in order, then --set.
Value user_values(Context &ctx, const Chart &chart) {
  Map user;
  for (const std::string &path : ctx.request.values_files) {
    auto file = ctx.read(ctx.files, path, path);
    if (!file) {
      if (!ctx.files.exists(path)) {
        ctx.report(chart.chart_yaml, RuleCode::WC910, "values file " + path + " cannot be read: no such file",
                   Span{0, 0});
      }
      continue;
    }
    LoadedYaml loaded = load_yaml(*file, true);
    if (!loaded.error.empty()) {
      ctx.report(path, RuleCode::WC910, "values file cannot be read: " + loaded.error, loaded.error_span);
      continue;
    }
    if (loaded.value.kind == Value::Kind::Map) {
      merge_values(user, *loaded.value.map);
    } else if (!loaded.value.is_nil()) {
      ctx.report(path, RuleCode::WC910, "values file must hold a mapping of keys to values", Span{0, 0});
    }
  }
  for (const std::string &expression : ctx.request.set_values) {
    std::string error;
    if (!apply_set(user, expression, error)) {
      ctx.report(chart.chart_yaml, RuleCode::WC910, "--set " + expression + " cannot be parsed: " + error,
                 Span{0, 0});
    }
  }
  return Value::new_map(std::move(user));
}

/// Helm's parse order: deeper paths first, then names in reverse, so a
/// parent chart's definitions replace its subcharts'.
bool parse_order(const std::string &a, const std::string &b) {
  const auto ca = std::count(a.begin(), a.end(), '/');
  const auto cb = std::count(b.begin(), b.end(), '/');
  if (ca != cb) {
    return ca > cb;
  }
  return a > b;
}

void report_exec_error(Context &ctx, const ExecError &error, const TemplateFile &file) {
  std::string path = error.source && !error.source->path.empty() ? error.source->path : file.display;
  const Span span = error.source && !error.source->path.empty() ? error.span : Span{0, 0};
  std::string message = error.what();
  if (error.limit) {
    // What the bound leaves unchecked.
    message +=
        "; " + without_chart(file.name) +
        (error.chart_limit ? " and the chart's templates after it are not rendered, so their images are"
                           : " is not rendered, so its images are") +
        " not checked";
  }
  ctx.report(path, error.unsupported ? RuleCode::WC911 : RuleCode::WC910, message, span);
}

} // namespace

bool is_chart_directory(const std::string &fs_dir, const FileSystem *files) {
  return files ? files->is_file(join_path(fs_dir, "Chart.yaml"))
               : DiskFileSystem().is_file(join_path(fs_dir, "Chart.yaml"));
}

bool is_packaged_chart(const std::string &fs_path, size_t max_size, const FileSystem *from) {
  if (!to_lower(fs::path(fs_path).extension().string()).ends_with(".tgz")) {
    return false;
  }
  std::string error;
  const std::optional<std::string> bytes =
      from ? from->read(fs_path, max_size, error) : DiskFileSystem().read(fs_path, max_size, error);
  if (!bytes) {
    return false;
  }
  const std::vector<helm::ArchiveFile> files = helm::read_tgz(*bytes, error);
  return error.empty() && !packaged_chart_top(files).empty();
}

LayerResult render_chart(const ChartRequest &request) {
  LayerResult result;
  const std::shared_ptr<const FileSystem> disk = request.files ? nullptr : files_or_disk(nullptr);
  Context ctx{request, result, request.files ? *request.files : *disk, {}, {}, 0};
  try {
    std::string display = normalize_dir(request.path.empty() ? request.fs_path : request.path);
    std::string fs_dir = request.fs_path;
    const FileSystem *chart_files = &ctx.files;
    if (ctx.files.is_file(request.fs_path)) {
      // A packaged chart (NAME-VERSION.tgz): rendered from its files, shown
      // as "NAME-VERSION.tgz/NAME/..." and never edited by --fix.
      fs_dir =
          unpack_archive(ctx, ctx.files, chart_files, display, "packaged chart", request.fs_path, display);
      if (fs_dir.empty()) {
        return result;
      }
      display = join_path(display, fs::path(fs_dir).filename().string());
      result.read_only_dirs.push_back(display);
    }
    std::unique_ptr<Chart> root = load_chart(ctx, *chart_files, fs_dir, display, "", 0);
    if (!root) {
      return result;
    }
    root->values = coalesce_values(user_values(ctx, *root), root->defaults);
    scope_values(*root, root->values);

    std::vector<Chart *> charts;
    collect_charts(*root, charts);
    for (const Chart *chart : charts) {
      report_missing_dependencies(ctx, *chart, root->values);
    }
    std::vector<TemplateFile> files;
    for (Chart *chart : charts) {
      for (const std::string &rel : chart->templates) {
        files.push_back({chart->full_path + "/" + rel, join_path(chart->display_dir, rel), chart, rel});
      }
    }
    std::sort(files.begin(), files.end(),
              [](const auto &a, const auto &b) { return parse_order(a.name, b.name); });

    Engine engine;
    engine.partial = true;
    engine.today = request.today.empty() ? "2024-01-01" : request.today;
    for (TemplateFile &file : files) {
      auto source_file =
          ctx.read(*file.chart->file_system, join_path(file.chart->fs_dir, file.rel), file.display);
      if (!source_file) {
        continue;
      }
      auto source = std::make_shared<TemplateSource>();
      source->name = file.name;
      source->path = file.display;
      source->text = source_file->text();
      try {
        engine.add(parse_template(source));
        file.parsed = true;
      } catch (ParseError &error) {
        ctx.report(file.display, RuleCode::WC910, error.what(), Span{error.offset, error.offset});
      }
    }

    // Output in name order, as `helm template` lists sources per chart.
    std::sort(files.begin(), files.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    const Value release = release_object(request);
    const Value capabilities = capabilities_value(request.kube_version, request.api_versions);
    std::map<const Chart *, Value> files_objects;
    auto files_of = [&](const Chart &chart) -> Value & {
      auto &files_object = files_objects[&chart];
      if (files_object.is_nil()) {
        files_object = Value::of(std::make_shared<FilesObject>(ctx, *chart.file_system, chart.fs_dir,
                                                               chart.display_dir, chart.files));
      }
      return files_object;
    };
    // .Subcharts: each enabled subchart by name (its alias when
    // given) with the objects its own templates see.
    std::map<const Chart *, Value> subcharts_objects;
    std::function<Value(const Chart &)> subcharts_of = [&](const Chart &chart) -> Value {
      auto it = subcharts_objects.find(&chart);
      if (it != subcharts_objects.end()) {
        return it->second;
      }
      Map subs;
      for (const auto &sub : chart.subcharts) {
        if (!sub->enabled) {
          continue;
        }
        Map next;
        next["Chart"] = sub->metadata;
        next["Files"] = files_of(*sub);
        next["Release"] = release;
        next["Capabilities"] = capabilities;
        next["Values"] = sub->values.is_nil() ? Value::new_map() : sub->values;
        next["Subcharts"] = subcharts_of(*sub);
        subs[sub->name] = Value::new_map(std::move(next));
      }
      return subcharts_objects[&chart] = Value::new_map(std::move(subs));
    };
    // Executed in Helm's order (engine.go sortTemplates: deepest paths first,
    // then names in reverse), which decides what a template sees when an
    // earlier one changed the shared .Values (`merge $.Values ...`); output
    // in name order.
    std::vector<size_t> execution(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
      execution[i] = i;
    }
    auto depth = [](const std::string &name) { return std::count(name.begin(), name.end(), '/'); };
    std::stable_sort(execution.begin(), execution.end(), [&](size_t a, size_t b) {
      const auto da = depth(files[a].name);
      const auto db = depth(files[b].name);
      return da != db ? da > db : files[a].name > files[b].name;
    });
    std::vector<std::pair<size_t, GeneratedDocument>> rendered;
    for (const size_t index : execution) {
      TemplateFile &file = files[index];
      if (!file.parsed || is_partial(file.rel) || file.chart->library) {
        continue;
      }
      Chart &chart = *file.chart;
      const Value &files_object = files_of(chart);
      Map template_info;
      template_info["Name"] = Value::string(file.name);
      template_info["BasePath"] = Value::string(chart.full_path + "/templates");
      Map top;
      top["Values"] = chart.values;
      top["Release"] = release;
      top["Chart"] = chart.metadata;
      top["Capabilities"] = capabilities;
      top["Template"] = Value::new_map(std::move(template_info));
      top["Files"] = files_object;
      top["Subcharts"] = subcharts_of(chart);
      std::vector<helm::Taint> taints; // none: the engine renders partially
      Text out;
      const size_t causes = engine.unknowns.size();
      try {
        out = engine.execute_file(file.name, Value::new_map(std::move(top)), taints);
      } catch (ExecError &error) {
        report_exec_error(ctx, error, file);
        if (error.chart_limit) {
          break; // the render's budget is spent: one diagnostic, not one per template
        }
        continue;
      } catch (FunctionError &error) {
        ctx.report(file.display, RuleCode::WC910, std::string("template: ") + file.name + ": " + error.what(),
                   Span{0, 0});
        continue;
      }
      for (size_t i = causes; i < engine.unknowns.size(); ++i) {
        report_unknown_cause(ctx, engine.unknowns[i], static_cast<uint32_t>(i + 1), file);
      }
      if (is_notes(file.name)) {
        continue; // executed, never a manifest
      }
      if (out.str.find(kUnknownOpen) != std::string::npos) {
        out = settle_unknowns(ctx, out, engine, file, request.unknown_documents);
      }
      out = trim_documents(out);
      // Helm's SortManifests: a template whose output is only whitespace and
      // `---` is no manifest; one whose documents are not mappings (text
      // such as a templates/README.md) fails `helm template`.
      const auto pieces = split_manifests(out.str);
      if (pieces.empty()) {
        continue;
      }
      std::string refused;
      for (const auto &[begin, end] : pieces) {
        const std::string piece = out.str.substr(begin, end - begin);
        // A README is small; huge pieces are left to lint's own YAML limits
        // rather than parsed a second time here.
        if (piece.size() > (size_t{256} << 10) || piece.find(kUnknownOpen) != std::string::npos) {
          continue;
        }
        const LoadedYaml loaded = load_yaml(SourceFile(file.display, piece), false);
        if (refused.empty() && loaded.error.empty()) {
          refused = not_a_manifest(loaded.value);
        }
      }
      if (!refused.empty()) {
        ctx.report(file.display, RuleCode::WC910,
                   without_chart(file.name) +
                       " renders text that is not a Kubernetes object, so Helm fails "
                       "(YAML parse error on " +
                       file.name +
                       ": error unmarshaling JSON: while decoding JSON: json: "
                       "cannot unmarshal " +
                       refused +
                       " into Go value of type util.SimpleHead); move it out of "
                       "templates/, or name it with a leading _ if it only holds defines",
                   Span{0, 0});
        continue;
      }
      GeneratedDocument document;
      document.name = file.name;
      document.text = out.str;
      document.origins = segments_of(out);
      document.fallback = Origin{FileId(file.display), Span{0, 0}, OriginRole::RenderedFrom,
                                 Interned(without_chart(file.name))};
      document.environment = request.environment;
      rendered.emplace_back(index, std::move(document));
    }
    std::sort(rendered.begin(), rendered.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto &[index, document] : rendered) {
      result.documents.push_back(std::move(document));
    }
  } catch (std::exception &error) {
    // Never throws: an unexpected failure is one diagnostic on the chart.
    ctx.report(join_path(normalize_dir(request.path), "Chart.yaml"), RuleCode::WC910,
               std::string("the chart cannot be rendered: ") + error.what(), Span{0, 0});
  }
  return result;
}

} // namespace wincompat
