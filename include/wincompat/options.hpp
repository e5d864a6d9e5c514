// How every entry point (`lint`, `lock`, `render`, the language server)
// turns a config and its own overrides into LintOptions: one place for each
// rule (hosts, today's date, the lock file, registries, inventory, charts),
// so that the editor, the gate and `render` see the same project.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/engine.hpp"

#include <string>
#include <vector>

namespace wincompat {

/// What an entry point sets on top of the config: the command line's flags
/// (lint, lock, render), or nothing but how it reaches registries (the
/// editor). An empty field leaves the decision to the config, then the default.
struct OptionOverrides {
  std::vector<std::string> hosts;        // host specs, each a comma list; replace config `hosts`
  std::string isolation;                 // process | hyperv; over config `isolation`
  std::vector<std::string> build_args;   // NAME=VALUE; each wins over config `buildArgs`
  std::vector<std::string> nodes;        // node inventory files, added to config `nodePools`/`nodes`
  std::string load_restrictor;           // LoadRestrictionsRootOnly | LoadRestrictionsNone
  std::string today;                     // YYYY-MM-DD; else WINCOMPAT_TODAY, else the UTC date
  std::vector<std::string> values_files; // charts: applied on top of every environment's
  std::vector<std::string> set_values;
  std::string kube_version; // charts: Helm's --kube-version; over config `helm.kubeVersion`
  std::vector<std::string>
      api_versions;       // charts: Helm's --api-versions (a comma list each), added to config's
  bool lookup = false;    // ask registries for unknown images (config `lookup` may say so too)
  bool offline = false;   // never ask registries, whatever the config says (the editor)
  bool lock_mode = false; // `wincompat lock`: always ask, uncached, the lock as it will be written
  bool update = false;    // `lock --update`: ask again for images the lock holds
  std::vector<std::string> insecure_registries; // added to config `insecureRegistries`
  /// The config file the user named (`--config`): the only config trusted to
  /// turn lookups on by itself. A .wincompat.yaml found in the linted tree
  /// is the repository's, which a pull request can change (docs/hardening.md).
  std::string config_file;
  /// Where config discovery started (the working directory for the command
  /// line, the document's folder for the editor): with no config, the lock
  /// search starts here.
  std::string start = ".";
};

struct OptionsResult {
  LintOptions options;
  /// Problems of the files the options were read from (node inventories):
  /// WC903 errors, one FileResult per file, ranges set.
  std::vector<FileResult> problems;
  /// Problems of the overrides or the environment (an unknown host, a date
  /// that is none, a broken lock file), each one sentence. `options` is
  /// still usable: the command line stops (exit 2), the editor shows them.
  std::vector<std::string> errors;
  /// What was ignored and how to enable it (the repository's own config
  /// asked to go online), each one sentence, said once per run: the command
  /// line prints them on standard error.
  std::vector<std::string> notices;
};

/// Whether `config` speaks for the user rather than for the linted tree:
/// only a config named on the command line (`overrides.config_file`). Its
/// `lookup` and `insecureRegistries` apply by themselves; those of any other
/// config apply only when the command line asks registries (`--lookup`,
/// `wincompat lock`).
bool config_trusted(const Config *config, const OptionOverrides &overrides);

/// The options of a run: `config` (null: none) under `overrides`. Today's
/// date, the lock file and registry lookups are decided here for every
/// entry point, then what the config decides for the files it governs.
OptionsResult build_options(const Config *config, const OptionOverrides &overrides);

/// The options of the files a nested config governs: the run's, with what
/// that config decides (hosts, isolation, build args, rule levels, images,
/// inventory, charts, kustomize, and the lock file found from its folder)
/// under the same overrides. Registries are asked as the run asks them
/// (`run_config`'s `lookup` and `insecureRegistries`; null: no run config).
OptionsResult build_scope_options(const LintOptions &run, const Config *run_config, const Config &config,
                                  const OptionOverrides &overrides);

/// Today as every entry point sees it: `option`, else WINCOMPAT_TODAY, else
/// the UTC date. A value that is not a real date leaves `error` saying which
/// one and returns the UTC date.
std::string resolve_today(const std::string &option, std::string &error);

/// The lock file lint reads: beside the config, else the nearest one from the
/// config's folder (with no config: from `start`) up to the repository root.
std::string lock_for(const Config *config, const std::string &start);

} // namespace wincompat
