// .wincompat.yaml (docs/configuration.md): loading and validation.
#pragma once

#include "wincompat/compat.hpp"
#include "wincompat/diagnostic.hpp"
#include "wincompat/file_system.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/source.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

/// `off` is represented by nullopt.
using SeverityOverride = std::optional<Severity>;

/// The level at or above which the exit status is 1; `none` never fails.
enum class FailLevel { Error, Warning, Info, None };
std::optional<FailLevel> parse_fail_level(std::string_view word);
bool reaches(Severity severity, FailLevel level);

struct ImageMapping {
  std::string image;      // repository (tag optional)
  std::string dockerfile; // absolute or relative to the config's folder, resolved
  std::string target;
  std::map<std::string, std::string> build_args;
  Span span; // the key in the config
};

/// How one chart is rendered: the command line's --values/--set, or one
/// config `charts:` entry (one chart may be listed once per environment).
struct ChartEnvironment {
  std::string path; // the chart folder, resolved against the config's folder
  std::string name; // named in messages and data.environment; may be empty
  std::vector<std::string> values_files;
  std::vector<std::string> set_values;
  std::string release_name = "release-name";
  std::string release_namespace = "default";
  Span span; // the entry in the config
};

struct NodePoolConfig {
  std::string name;
  std::string os;    // windows | linux
  std::string build; // release name or 10.0.N
  std::map<std::string, std::string> labels;
  std::vector<std::string> taints; // key=value:Effect
  std::string platform;            // aks | eks | gke | aks-arc; empty: its labels say
  Span span;
  Span build_span; // the `build:` value
};

struct Config {
  std::string path;      // empty when no config file is used
  std::string directory; // the folder relative paths are resolved from
  std::shared_ptr<SourceFile> source;
  std::vector<std::string> hosts;
  std::vector<Span> host_spans;
  std::optional<Isolation> isolation;
  std::map<std::string, std::string> build_args;
  std::vector<ImageMapping> images;
  std::vector<NodePoolConfig> node_pools;
  std::vector<std::string> nodes;
  std::map<std::string, SeverityOverride> rules;
  std::optional<FailLevel> fail_level;
  std::vector<std::string> exclude;
  std::string exclude_directory; // the folder `exclude` globs are relative to
  std::vector<ChartEnvironment> charts;
  /// Ask registries for images whose build is unknown (default: offline).
  std::optional<bool> lookup;
  /// Registries reached over plain HTTP (HOST[:PORT]).
  std::vector<std::string> insecure_registries;
  /// `allowEmpty: true`: a path with nothing to lint is not an error.
  bool allow_empty = false;
  /// `kustomize: {loadRestrictor: ...}`.
  std::optional<LoadRestrictor> load_restrictor;
  /// `helm: {kubeVersion, apiVersions}`: Helm's --kube-version and
  /// --api-versions for every chart.
  std::string helm_kube_version;
  std::vector<std::string> helm_api_versions;
  /// `plan:` (`wincompat plan`): the target of every Windows pool (`to`), and
  /// of named pools (`pools`, NAME -> release), each a host spec.
  std::string plan_to;
  std::map<std::string, std::string> plan_pools;
  /// `lifecycleWarningDays:` (WC213): how many days ahead a pool's OS
  /// retirement on its platform is reported.
  std::optional<int> lifecycle_warning_days;
  /// `extend:`: the config whose keys were read first (resolved), if any.
  std::string extends;
  /// WC903 diagnostics: unknown keys, wrong types, bad values.
  std::vector<Diagnostic> errors;
  /// WC916 warnings: paths this config names (values files, charts, image
  /// Dockerfiles, node inventories, `extend:`) that lead outside the
  /// repository root; each was dropped, the rest of the config applies.
  std::vector<Diagnostic> refused;
};

/// Loads and validates a config file. Problems become `errors`, never throws.
/// Every file (the config, `extend:` targets, the paths it names) is read
/// through `files`, except a config that `files` trusts (outside the
/// repository root: the user's own), read from the disk with all its paths.
Config load_config(const std::string &path, const FileSystem &files = *files_or_disk(nullptr));
Config parse_config(const SourceFile &source, const std::string &directory,
                    const FileSystem &files = *files_or_disk(nullptr));

/// The config that governs `start` (a file or a folder): the nearest
/// .wincompat.yaml (or .wincompat.yml) in its folder or above, stopping at
/// the repository root (a folder holding .git) or the filesystem root.
/// Empty when there is none. Every front end (CLI, pre-commit, the action,
/// the language server) finds a file's config with this function.
std::string find_config(const std::string &start, const FileSystem &files = *files_or_disk(nullptr));

/// The JSON Schema (draft-07) of .wincompat.yaml, generated from the config
/// reader's key table (schema/wincompat-config.schema.json is this text).
std::string config_json_schema();

/// find_config and load_config with answers kept per folder and per config
/// file: a run over thousands of files looks each folder up once. Safe to
/// share between threads.
class ConfigCache {
public:
  /// Looks up and reads configs through `files` (null: the disk).
  explicit ConfigCache(std::shared_ptr<const FileSystem> files = nullptr);

  /// The config file governing `path` (a file or a folder), or empty.
  std::string config_for(const std::string &path);
  /// The config at `config_path`, loaded once.
  std::shared_ptr<const Config> load(const std::string &config_path);

private:
  std::string config_in(const std::string &absolute_dir);
  std::shared_ptr<const FileSystem> files_;
  std::mutex mutex_;
  std::map<std::string, std::string> by_folder_;
  std::map<std::string, std::shared_ptr<const Config>> loaded_;
};

} // namespace wincompat
