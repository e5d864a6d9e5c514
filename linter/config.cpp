// .wincompat.yaml: every key optional, every mistake a WC903 with a position.
#include "wincompat/config.hpp"

#include "config_keys.hpp"
#include "enum_names.hpp"
#include "frontends/sniff.hpp"
#include "layers/helm/values.hpp"
#include "platform.hpp"
#include "repository.hpp"
#include "suggest.hpp"
#include "text_util.hpp"
#include "wincompat/decode.hpp"
#include "wincompat/file_system.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/inputs.hpp"
#include "wincompat/lifecycle.hpp"
#include "wincompat/rule.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

constexpr EnumName<FailLevel> kFailLevels[] = {{FailLevel::Error, "error"},
                                               {FailLevel::Warning, "warning"},
                                               {FailLevel::Info, "info"},
                                               {FailLevel::None, "none"}};
constexpr EnumName<Severity> kSeverities[] = {
    {Severity::Error, "error"}, {Severity::Warning, "warning"}, {Severity::Info, "info"}};

} // namespace

std::optional<FailLevel> parse_fail_level(std::string_view word) {
  return value_named(word, kFailLevels);
}

bool reaches(Severity severity, FailLevel level) {
  switch (level) {
  case FailLevel::None:
    return false;
  case FailLevel::Info:
    return true;
  case FailLevel::Warning:
    return severity != Severity::Info;
  case FailLevel::Error:
    return severity == Severity::Error;
  }
  return false;
}

std::string_view to_string(Severity severity) {
  return name_of(severity, kSeverities, "error");
}

std::optional<Severity> parse_severity(std::string_view word) {
  return value_named(word, kSeverities);
}

namespace {

Config load_config_chain(const std::string &path, std::vector<std::string> &chain, const FileSystem &files);

class ConfigReader {
public:
  ConfigReader(const SourceFile &source, Config &config, std::vector<std::string> &chain,
               const FileSystem &files)
      : source_(source), config_(config), chain_(chain), files_(files) {}

  void read() {
    YAML::Node root;
    try {
      root = YAML::Load(source_.text());
    } catch (const YAML::Exception &e) {
      error(e.mark, "is not valid YAML: " + e.msg);
      return;
    }
    if (!root || root.IsNull()) {
      return;
    }
    if (!root.IsMap()) {
      error(root.Mark(), "must be a mapping of settings (see docs/configuration.md)");
      return;
    }
    check_duplicate_keys(root);
    // `extend:` first, wherever it is written: the nearer file's keys win.
    for (const auto &entry : root) {
      if (entry.first.Scalar() == "extend") {
        read_extend(entry.second);
      }
    }
    for (const auto &entry : root) {
      const std::string key = entry.first.Scalar();
      const YAML::Node &value = entry.second;
      if (key == "extend") {
        continue;
      }
      if (key == "hosts") {
        config_.hosts.clear();
        read_hosts(value);
      } else if (key == "isolation") {
        read_isolation(value);
      } else if (key == "buildArgs") {
        read_string_map(value, "buildArgs", config_.build_args);
      } else if (key == "images") {
        config_.images.clear();
        read_images(value);
      } else if (key == "nodePools") {
        config_.node_pools.clear();
        read_node_pools(value);
      } else if (key == "nodes") {
        read_nodes(value);
      } else if (key == "rules") {
        read_rules(value);
      } else if (key == "failLevel") {
        if (auto level = scalar(value, "failLevel");
            level && !(config_.fail_level = parse_fail_level(*level))) {
          error(value.Mark(), "failLevel must be error, warning, info or none, not '" + *level + "'");
        }
      } else if (key == "exclude") {
        config_.exclude.clear();
        config_.exclude_directory = config_.directory;
        read_string_list(value, "exclude", config_.exclude);
      } else if (key == "charts") {
        config_.charts.clear();
        read_charts(value);
      } else if (key == "lookup") {
        if (auto word = scalar(value, "lookup"); word && (*word == "true" || *word == "false")) {
          config_.lookup = *word == "true";
        } else if (word) {
          error(value.Mark(), "lookup must be true or false, not '" + *word + "'");
        }
      } else if (key == "insecureRegistries") {
        config_.insecure_registries.clear();
        read_string_list(value, "insecureRegistries", config_.insecure_registries);
      } else if (key == "allowEmpty") {
        read_bool(value, "allowEmpty", config_.allow_empty);
      } else if (key == "kustomize") {
        read_kustomize(value);
      } else if (key == "plan") {
        read_plan(value);
      } else if (key == "helm") {
        read_helm(value);
      } else if (key == "lifecycleWarningDays") {
        read_lifecycle_warning_days(value);
      } else {
        error(entry.first.Mark(),
              unknown_key("unknown key", key, "", config_keys::known_names(config_keys::kTopKeys)));
      }
    }
  }

private:
  /// `extend: PATH`: that config's keys are read first (its own `extend`
  /// before them), its paths staying relative to its own folder.
  void read_extend(const YAML::Node &value) {
    auto path = scalar(value, "extend");
    const auto found = path ? file_named(value, *path, "extend", "") : std::nullopt;
    if (!found) {
      return;
    }
    const std::string &target = *found;
    const std::string absolute = files_.absolute(target);
    if (std::find(chain_.begin(), chain_.end(), absolute) != chain_.end()) {
      error(value.Mark(), "extend makes a cycle: " + *path + " extends this file, directly or not");
      return;
    }
    Config parent = load_config_chain(target, chain_, files_);
    if (!parent.errors.empty()) {
      const Diagnostic &first = parent.errors.front();
      error(value.Mark(), "the extended config " + target + " has errors (line " +
                              std::to_string(first.range.start.line + 1) + ": " + first.message +
                              "); `wincompat lint --config " + target + "` reports them all");
      return;
    }
    parent.path = config_.path;
    parent.directory = config_.directory;
    parent.source = config_.source;
    parent.extends = target;
    parent.errors = std::move(config_.errors);
    parent.refused = std::move(config_.refused); // the extended file's own were dropped with its paths
    config_ = std::move(parent);
  }

  void read_kustomize(const YAML::Node &node) {
    if (!node.IsMap()) {
      error(node.Mark(), "kustomize must be a mapping such as {loadRestrictor: LoadRestrictionsNone}");
      return;
    }
    for (const auto &entry : node) {
      const std::string key = entry.first.Scalar();
      if (key != "loadRestrictor") {
        error(entry.first.Mark(), "unknown kustomize key '" + key + "' (known: " +
                                      config_keys::known_names(config_keys::kKustomizeKeys) + ")");
        continue;
      }
      if (auto word = scalar(entry.second, "kustomize.loadRestrictor")) {
        if (!(config_.load_restrictor = parse_load_restrictor(*word))) {
          error(entry.second.Mark(), "kustomize.loadRestrictor must be LoadRestrictionsRootOnly or "
                                     "LoadRestrictionsNone (kustomize's values), not '" +
                                         *word + "'");
        }
      }
    }
  }

  /// `helm: {kubeVersion: "1.31", apiVersions: [GROUP/VERSION]}`: Helm's
  /// --kube-version and --api-versions for every chart.
  void read_helm(const YAML::Node &node) {
    if (!node.IsMap()) {
      error(
          node.Mark(),
          "helm must be a mapping such as {kubeVersion: \"1.31\", apiVersions: [monitoring.coreos.com/v1]}");
      return;
    }
    for (const auto &entry : node) {
      const std::string key = entry.first.Scalar();
      if (key == "kubeVersion") {
        if (auto word = scalar(entry.second, "helm.kubeVersion")) {
          if (const std::string problem = kube_version_problem(*word); !problem.empty()) {
            error(entry.second.Mark(),
                  "helm.kubeVersion: " + problem + " (give MAJOR.MINOR[.PATCH], such as 1.31)");
          } else {
            config_.helm_kube_version = *word;
          }
        }
      } else if (key == "apiVersions") {
        config_.helm_api_versions.clear();
        read_string_list(entry.second, "helm.apiVersions", config_.helm_api_versions);
      } else {
        error(entry.first.Mark(),
              unknown_key("unknown helm key", key, "", config_keys::known_names(config_keys::kHelmKeys)));
      }
    }
  }

  /// `plan: {to: ltsc2025, pools: {NAME: ltsc2025}}`: what `wincompat plan` moves.
  void read_plan(const YAML::Node &node) {
    if (!node.IsMap()) {
      error(node.Mark(), "plan must be a mapping such as {to: ltsc2025} or {pools: {win22: ltsc2025}}");
      return;
    }
    config_.plan_to.clear();
    config_.plan_pools.clear();
    for (const auto &entry : node) {
      const std::string key = entry.first.Scalar();
      if (key == "to") {
        if (auto word = scalar(entry.second, "plan.to")) {
          config_.plan_to = *word;
        }
      } else if (key == "pools") {
        read_string_map(entry.second, "plan.pools", config_.plan_pools);
      } else {
        error(entry.first.Mark(),
              unknown_key("unknown plan key", key, "", config_keys::known_names(config_keys::kPlanKeys)));
      }
    }
  }

  /// `nodes:` inventory files; one that is not there would leave the
  /// inventory silently smaller.
  void read_nodes(const YAML::Node &node) {
    config_.nodes.clear();
    std::vector<YAML::Node> items;
    if (node.IsSequence()) {
      for (const auto &item : node) {
        items.push_back(item);
      }
    } else {
      items.push_back(node);
    }
    for (const YAML::Node &item : items) {
      auto path = scalar(item, "nodes entries");
      if (!path) {
        continue;
      }
      if (auto resolved = file_named(item, *path, "nodes",
                                     ", or write it with `kubectl get nodes -o yaml > " + *path + "`")) {
        config_.nodes.push_back(*resolved);
      }
    }
  }

  /// `path`, which `node` names for the key `key`, resolved against this
  /// config's folder when it is a file; else an error at `node` saying how to
  /// correct it (`more` is appended to the advice).
  std::optional<std::string> file_named(const YAML::Node &node, const std::string &path,
                                        const std::string &key, const std::string &more) {
    std::string resolved = resolve(path);
    if (!within_root(node.Mark(), key, path, resolved)) {
      return std::nullopt;
    }
    if (files_.is_file(resolved)) {
      return resolved;
    }
    error(node.Mark(), key + " names " + path +
                           ", which is not a file: correct the path (relative to this config's folder)" +
                           more);
    return std::nullopt;
  }

  /// YAML forbids a key twice in one mapping; yaml-cpp keeps both silently.
  /// Every mapping is checked once (aliases share nodes: no alias bomb).
  void check_duplicate_keys(const YAML::Node &root) {
    std::vector<YAML::Node> pending{root};
    std::set<int> visited; // mark positions of the collections seen
    while (!pending.empty()) {
      const YAML::Node node = pending.back();
      pending.pop_back();
      if (!(node.IsMap() || node.IsSequence()) || !visited.insert(node.Mark().pos).second) {
        continue;
      }
      std::map<std::string, YAML::Mark> keys;
      for (const auto &entry : node) {
        if (node.IsSequence()) {
          pending.push_back(entry);
          continue;
        }
        if (entry.first.IsScalar()) {
          const auto [first, inserted] = keys.emplace(entry.first.Scalar(), entry.first.Mark());
          if (!inserted) {
            error(entry.first.Mark(), "duplicate key '" + entry.first.Scalar() + "' (first at line " +
                                          std::to_string(first->second.line + 1) +
                                          "): YAML allows a key once per mapping");
          }
        }
        pending.push_back(entry.second);
      }
    }
  }

  Span span_at(const YAML::Mark &mark) const {
    if (mark.is_null() || mark.line < 0 || static_cast<uint32_t>(mark.line) >= source_.line_count()) {
      return {};
    }
    const std::string_view line = source_.line(static_cast<uint32_t>(mark.line));
    const uint32_t line_end =
        source_.line_start(static_cast<uint32_t>(mark.line)) + static_cast<uint32_t>(line.size());
    // yaml-cpp can report a column past the line: an error at the end of
    // the input (`a: "\` with no newline) points one byte beyond the text.
    const uint32_t begin = std::min(line_end, source_.line_start(static_cast<uint32_t>(mark.line)) +
                                                  static_cast<uint32_t>(std::max(0, mark.column)));
    uint32_t end = begin;
    while (end < line_end && !is_space(source_.text()[end]) && source_.text()[end] != ':' &&
           source_.text()[end] != ',') {
      ++end;
    }
    return {begin, std::max(end, std::min(begin + 1, line_end))};
  }

  /// "unknown key 'nodepool'; did you mean `nodePools`? (known: ...)": the
  /// nearest known key when it is a near miss, then every known key.
  static std::string unknown_key(const std::string &what, const std::string &key, const std::string &where,
                                 const std::string &known) {
    std::vector<std::string> keys;
    for (const std::string &word : split(known, ',')) {
      keys.emplace_back(trim(word));
    }
    std::string message = what + " '" + key + "'" + where;
    if (const std::string nearest = nearest_word(key, keys); !nearest.empty()) {
      message += "; did you mean `" + nearest + "`?";
    }
    return message + " (known: " + known + ")";
  }

  /// Whether `resolved` (`path` as written for `key`) may be read: a path
  /// out of the repository root is dropped with a WC916 warning at `mark`.
  bool within_root(const YAML::Mark &mark, const std::string &key, const std::string &path,
                   const std::string &resolved) {
    const std::string refusal = files_.refusal(resolved);
    if (refusal.empty()) {
      return true;
    }
    Diagnostic d = engine_diagnostic(
        RuleCode::WC916, key + " names " + path + ", which " + refusal + "; this entry was ignored",
        span_at(mark));
    d.range = source_.range(d.span);
    config_.refused.push_back(std::move(d));
    return false;
  }

  void error(const YAML::Mark &mark, const std::string &message) {
    Diagnostic d = engine_diagnostic(RuleCode::WC903, message, span_at(mark));
    d.range = source_.range(d.span);
    config_.errors.push_back(std::move(d));
  }

  std::optional<std::string> scalar(const YAML::Node &node, const std::string &what) {
    if (!node.IsScalar()) {
      error(node.Mark(), what + " must be a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::string resolve(const std::string &path) const {
    // Windows users write `charts\app\values.yaml`: '/' from here on.
    fs::path p(path);
    return platform::generic_path(
        p.is_absolute() ? path : (fs::path(config_.directory) / p).lexically_normal().string());
  }

  void read_string_list(const YAML::Node &node, const std::string &what, std::vector<std::string> &out) {
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return;
    }
    if (!node.IsSequence()) {
      error(node.Mark(), what + " must be a list");
      return;
    }
    for (const auto &item : node) {
      if (auto value = scalar(item, what + " entries")) {
        out.push_back(*value);
      }
    }
  }

  void read_string_map(const YAML::Node &node, const std::string &what,
                       std::map<std::string, std::string> &out) {
    if (!node.IsMap()) {
      error(node.Mark(), what + " must be a mapping of NAME: value");
      return;
    }
    for (const auto &entry : node) {
      if (auto value = scalar(entry.second, what + "." + entry.first.Scalar())) {
        out[entry.first.Scalar()] = *value;
      }
    }
  }

  /// `charts:` entries: a chart rendered with one environment's values.
  void read_charts(const YAML::Node &node) {
    for_each_mapping(node, "charts must be a list of {path, name, values, set, releaseName, namespace}",
                     "each charts entry must be a mapping with at least `path`", [&](const YAML::Node &item) {
                       ChartEnvironment chart;
                       chart.span = span_at(item.Mark());
                       for (const auto &entry : item) {
                         read_chart_key(entry.first.Scalar(), entry.first.Mark(), entry.second, chart);
                       }
                       if (chart.path.empty()) {
                         error(item.Mark(),
                               "charts entry has no `path` (the chart folder, relative to this file)");
                         return;
                       }
                       config_.charts.push_back(std::move(chart));
                     });
  }

  /// Calls `read` with each entry of the list `node`; a `node` that is no
  /// list, and each entry that is no mapping, is an error instead.
  template <typename Read>
  void for_each_mapping(const YAML::Node &node, const std::string &not_a_list,
                        const std::string &not_a_mapping, Read &&read) {
    if (!node.IsSequence()) {
      error(node.Mark(), not_a_list);
      return;
    }
    for (const auto &item : node) {
      if (item.IsMap()) {
        read(item);
      } else {
        error(item.Mark(), not_a_mapping);
      }
    }
  }

  void read_chart_key(const std::string &key, const YAML::Mark &mark, const YAML::Node &value,
                      ChartEnvironment &chart) {
    if (key == "path") {
      if (auto path = scalar(value, "charts.path")) {
        chart.path = resolve(*path);
        if (!within_root(value.Mark(), "charts.path", *path, chart.path)) {
          chart.path.clear(); // matches no linted chart
          return;
        }
        const bool folder = files_.is_file((fs::path(chart.path) / "Chart.yaml").string());
        const bool archive = chart.path.ends_with(".tgz") && files_.is_file(chart.path);
        if (!folder && !archive) {
          error(value.Mark(), "charts.path " + *path +
                                  (files_.exists(chart.path) ? " is not a chart (no Chart.yaml in it)"
                                                             : " does not exist") +
                                  ": correct the path (relative to this config's folder)");
        }
      }
    } else if (key == "name") {
      chart.name = scalar(value, "charts.name").value_or("");
    } else if (key == "values") {
      std::vector<std::string> named;
      read_string_list(value, "charts.values", named);
      for (const std::string &path : named) {
        if (std::string resolved = resolve(path);
            within_root(value.Mark(), "charts.values", path, resolved)) {
          chart.values_files.push_back(std::move(resolved));
        }
      }
    } else if (key == "set") {
      std::map<std::string, std::string> set;
      read_string_map(value, "charts.set", set);
      for (const auto &[name, text] : set) {
        chart.set_values.push_back(name + "=" + text);
      }
      if (value.IsMap()) {
        for (const auto &entry : value) {
          if (const std::string problem = helm::set_path_problem(entry.first.Scalar() + "=");
              !problem.empty()) {
            error(entry.first.Mark(), "charts.set: " + problem);
          }
        }
      }
    } else if (key == "releaseName") {
      chart.release_name = scalar(value, "charts.releaseName").value_or(chart.release_name);
    } else if (key == "namespace") {
      chart.release_namespace = scalar(value, "charts.namespace").value_or(chart.release_namespace);
    } else {
      error(mark,
            unknown_key("unknown charts key", key, "", config_keys::known_names(config_keys::kChartKeys)));
    }
  }

  void read_hosts(const YAML::Node &node) {
    std::vector<std::string> hosts;
    read_string_list(node, "hosts", hosts);
    size_t index = 0;
    for (const auto &host : hosts) {
      const YAML::Node item = node.IsSequence() ? node[index] : node;
      ++index;
      if (!parse_host_spec(host, ReleaseCatalog::builtin())) {
        error(item.Mark(), "unknown host '" + host +
                               "' (use a release name such as ltsc2022, 23H2, "
                               "Windows2022, or a build such as 10.0.20348)");
        continue;
      }
      config_.hosts.push_back(host);
    }
  }

  void read_bool(const YAML::Node &node, const std::string &what, bool &out) {
    if (auto word = scalar(node, what)) {
      if (*word == "true" || *word == "false") {
        out = *word == "true";
      } else {
        error(node.Mark(), what + " must be true or false, not '" + *word + "'");
      }
    }
  }

  /// A mapping to a Dockerfile that is not there would leave every pod that
  /// runs the image unchecked, silently.
  void check_dockerfile_exists(const ImageMapping &mapping, const YAML::Mark &key) {
    if (mapping.dockerfile.empty()) {
      return;
    }
    if (!files_.is_file(mapping.dockerfile)) {
      error(key, "images." + mapping.image + " maps to " + mapping.dockerfile +
                     ", which is not a file: correct the path (relative to this config's folder)");
      return;
    }
    if (kind_from_name(mapping.dockerfile) == FileKind::Dockerfile) {
      return;
    }
    // Its start says what it is; one too big to lint is reported when it is read.
    constexpr size_t kMaxMappedDockerfile = 16u << 20;
    std::string read_error;
    const std::optional<std::string> bytes =
        files_.read(mapping.dockerfile, kMaxMappedDockerfile, read_error);
    if (!bytes && read_error.starts_with("file is")) {
      return;
    }
    if (!looks_like_dockerfile(bytes.value_or("").substr(0, 4096))) {
      error(key, "images." + mapping.image + " maps to " + mapping.dockerfile +
                     ", which is not a Dockerfile: name the Dockerfile the image is built from");
    }
  }

  void read_isolation(const YAML::Node &node) {
    if (auto word = scalar(node, "isolation")) {
      if (!(config_.isolation = parse_isolation(*word))) {
        error(node.Mark(), "isolation must be process or hyperv, not '" + *word + "'");
      }
    }
  }

  void read_images(const YAML::Node &node) {
    if (!node.IsMap()) {
      error(node.Mark(), "images must map image names to Dockerfiles");
      return;
    }
    for (const auto &entry : node) {
      ImageMapping mapping;
      mapping.image = entry.first.Scalar();
      mapping.span = span_at(entry.first.Mark());
      const YAML::Node &value = entry.second;
      if (value.IsScalar()) {
        mapping.dockerfile = resolve(value.Scalar());
      } else if (value.IsMap()) {
        for (const auto &field : value) {
          const std::string key = field.first.Scalar();
          if (key == "dockerfile") {
            if (auto path = scalar(field.second, "dockerfile")) {
              mapping.dockerfile = resolve(*path);
            }
          } else if (key == "target") {
            mapping.target = scalar(field.second, "target").value_or("");
          } else if (key == "buildArgs") {
            read_string_map(field.second, "buildArgs", mapping.build_args);
          } else {
            error(field.first.Mark(), unknown_key("unknown key", key, " in images." + mapping.image,
                                                  config_keys::known_names(config_keys::kImageKeys)));
          }
        }
        if (mapping.dockerfile.empty()) {
          error(entry.first.Mark(), "images." + mapping.image + " needs a dockerfile");
        }
      } else {
        error(value.Mark(), "images." + mapping.image + " must be a Dockerfile path or a mapping");
        continue;
      }
      if (!mapping.dockerfile.empty() && !within_root(entry.first.Mark(), "images." + mapping.image,
                                                      mapping.dockerfile, mapping.dockerfile)) {
        continue;
      }
      check_dockerfile_exists(mapping, entry.first.Mark());
      config_.images.push_back(std::move(mapping));
    }
  }

  void read_node_pools(const YAML::Node &node) {
    for_each_mapping(node, "nodePools must be a list of pools",
                     "a node pool must be a mapping with name, os, build, labels, taints",
                     [&](const YAML::Node &item) { read_node_pool(item); });
  }

  void read_node_pool(const YAML::Node &item) {
    NodePoolConfig pool;
    pool.span = span_at(item.Mark());
    for (const auto &field : item) {
      const std::string key = field.first.Scalar();
      if (key == "name") {
        pool.name = scalar(field.second, "name").value_or("");
      } else if (key == "os") {
        pool.os = scalar(field.second, "os").value_or("");
        if (pool.os != "windows" && pool.os != "linux") {
          error(field.second.Mark(), "os must be windows or linux, not '" + pool.os + "'");
        }
      } else if (key == "build") {
        pool.build = scalar(field.second, "build").value_or("");
        pool.build_span = unquoted(span_at(field.second.Mark()));
        if (!parse_host_spec(pool.build, ReleaseCatalog::builtin())) {
          error(field.second.Mark(), "unknown build '" + pool.build + "' (use ltsc2022, 23H2 or 10.0.20348)");
        }
      } else if (key == "labels") {
        read_string_map(field.second, "labels", pool.labels);
      } else if (key == "taints") {
        read_string_list(field.second, "taints", pool.taints);
      } else if (key == "platform") {
        pool.platform = scalar(field.second, "platform").value_or("");
        if (!PlatformLifecycle::builtin().find(pool.platform)) {
          error(field.second.Mark(),
                "platform must be " + join(platform_ids(), ", ") + ", not '" + pool.platform + "'");
        }
      } else {
        error(field.first.Mark(), unknown_key("unknown key", key, " in a node pool",
                                              config_keys::known_names(config_keys::kNodePoolKeys)));
      }
    }
    if (pool.name.empty()) {
      error(item.Mark(), "a node pool needs a name");
    }
    config_.node_pools.push_back(std::move(pool));
  }

  /// The ids of the platform lifecycle table, for messages.
  static std::vector<std::string> platform_ids() {
    std::vector<std::string> ids;
    for (const Platform &platform : PlatformLifecycle::builtin().platforms()) {
      ids.push_back(platform.id);
    }
    return ids;
  }

  /// A value's span without the quotes around it.
  Span unquoted(Span span) const {
    const std::string_view text = source_.text();
    if (span.end >= span.begin + 2 && (text[span.begin] == '"' || text[span.begin] == '\'') &&
        text[span.end - 1] == text[span.begin]) {
      return {span.begin + 1, span.end - 1};
    }
    return span;
  }

  void read_lifecycle_warning_days(const YAML::Node &value) {
    const auto word = scalar(value, "lifecycleWarningDays");
    if (!word) {
      return;
    }
    int days = -1;
    const auto [end, ec] = std::from_chars(word->data(), word->data() + word->size(), days);
    if (ec != std::errc() || end != word->data() + word->size() || days < 0 || days > 3650) {
      error(value.Mark(),
            "lifecycleWarningDays must be a whole number of days from 0 to 3650, not '" + *word + "'");
      return;
    }
    config_.lifecycle_warning_days = days;
  }

  void read_rules(const YAML::Node &node) {
    if (!node.IsMap()) {
      error(node.Mark(), "rules must map codes to off, info, warning or error");
      return;
    }
    for (const auto &entry : node) {
      const std::string code = to_upper(entry.first.Scalar());
      if (!find_rule(code)) {
        error(entry.first.Mark(), "unknown rule '" + entry.first.Scalar() + "'");
        continue;
      }
      auto word = scalar(entry.second, "rules." + code);
      if (!word) {
        continue;
      }
      if (*word == "off" || *word == "false") {
        config_.rules[code] = std::nullopt;
      } else if (auto severity = parse_severity(*word)) {
        config_.rules[code] = severity;
      } else {
        error(entry.second.Mark(),
              "rules." + code + " must be off, info, warning or error, not '" + *word + "'");
      }
    }
  }

  const SourceFile &source_;
  Config &config_;
  std::vector<std::string> &chain_; // absolute paths of the configs being read (extend cycles)
  const FileSystem &files_;
};

Config parse_config_chain(const SourceFile &source, const std::string &directory,
                          std::vector<std::string> &chain, const FileSystem &files) {
  Config config;
  config.path = source.path();
  config.directory = directory;
  ConfigReader(source, config, chain, files).read();
  std::stable_sort(config.errors.begin(), config.errors.end(),
                   [](const Diagnostic &a, const Diagnostic &b) { return a.range.start < b.range.start; });
  return config;
}

} // namespace

Config parse_config(const SourceFile &source, const std::string &directory, const FileSystem &files) {
  std::vector<std::string> chain;
  chain.push_back(files.absolute(source.path()));
  return parse_config_chain(source, directory, chain, files);
}

Config load_config(const std::string &path, const FileSystem &files) {
  std::vector<std::string> chain;
  if (files.trusted(path)) {
    // The user's own config (outside the repository, or named by them):
    // read as it is, and so are the paths it names.
    const DiskFileSystem disk;
    return load_config_chain(path, chain, disk);
  }
  return load_config_chain(path, chain, files);
}

namespace {

Config load_config_chain(const std::string &path, std::vector<std::string> &chain, const FileSystem &files) {
  std::error_code ec;
  const std::string directory = platform::generic_path(fs::absolute(path, ec).parent_path().string());
  constexpr size_t kMaxConfig = 1u << 20;
  // The file system stops reading past the limit (`--config /dev/zero` must end).
  std::string read_error;
  std::optional<std::string> bytes = files.read(path, kMaxConfig, read_error);
  if (!bytes && read_error.starts_with("file is")) {
    bytes = std::string(kMaxConfig + 1, '\0'); // decode_text reports the size
  } else if (!bytes && files.is_dir(path)) {
    read_error = "cannot be read: " + std::string(std::strerror(EISDIR));
  }
  ReadOutcome read = bytes ? decode_text(path, std::move(*bytes), kMaxConfig) : ReadOutcome{};
  if (!bytes || read.error) {
    Config config;
    config.path = path;
    // The limit of a config file is its own, not --max-file-size. A link
    // out of the repository is WC916: nothing of its target is shown.
    Diagnostic d =
        engine_diagnostic(!bytes && is_refusal(read_error) ? RuleCode::WC916 : RuleCode::WC903,
                          path + ": " + (bytes ? without_size_option(read.error->message) : read_error));
    config.errors.push_back(std::move(d));
    return config;
  }
  chain.push_back(files.absolute(path));
  Config config = parse_config_chain(*read.source, directory, chain, files);
  chain.pop_back();
  config.source = read.source;
  for (Diagnostic &d : config.errors) {
    d.range = read.source->range(d.span);
  }
  return config;
}

/// The folder `start` stands for: itself when it is a folder, else its parent.
fs::path folder_of(const std::string &start, const FileSystem &files) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? "." : start, ec).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path()) {
    dir = dir.parent_path();
  }
  if (!files.is_dir(dir.string())) {
    dir = dir.parent_path();
  }
  return dir;
}

/// The config file in `dir` itself, or empty.
std::string config_file_in(const fs::path &dir, const FileSystem &files) {
  for (const char *name : {".wincompat.yaml", ".wincompat.yml"}) {
    // '/'-separated on Windows too: it is shown.
    const std::string candidate = platform::generic_path((dir / name).lexically_normal().string());
    if (files.is_file(candidate)) {
      return candidate;
    }
  }
  return "";
}

} // namespace

std::string find_config(const std::string &start, const FileSystem &files) {
  for (fs::path dir = folder_of(start, files); !dir.empty(); dir = dir.parent_path()) {
    if (std::string found = config_file_in(dir, files); !found.empty()) {
      return found;
    }
    if (is_search_top(dir, files)) {
      break;
    }
  }
  return "";
}

ConfigCache::ConfigCache(std::shared_ptr<const FileSystem> files) : files_(files_or_disk(files)) {}

std::string ConfigCache::config_in(const std::string &absolute_dir) {
  // Called with the mutex held; walks up until a folder already answered.
  std::vector<std::string> visited;
  std::string answer;
  for (fs::path dir = absolute_dir; !dir.empty(); dir = dir.parent_path()) {
    if (auto it = by_folder_.find(dir.string()); it != by_folder_.end()) {
      answer = it->second;
      break;
    }
    visited.push_back(dir.string());
    if (std::string found = config_file_in(dir, *files_); !found.empty()) {
      answer = found;
      break;
    }
    if (is_search_top(dir, *files_)) {
      break;
    }
  }
  for (const std::string &dir : visited) {
    by_folder_[dir] = answer;
  }
  return answer;
}

std::string ConfigCache::config_for(const std::string &path) {
  const std::string dir = folder_of(path, *files_).string();
  std::lock_guard<std::mutex> lock(mutex_);
  return config_in(dir);
}

std::shared_ptr<const Config> ConfigCache::load(const std::string &config_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto &slot = loaded_[config_path];
  if (!slot) {
    slot = std::make_shared<const Config>(load_config(config_path, *files_));
  }
  return slot;
}

} // namespace wincompat
