// Subcommand implementations behind main.cpp.
#pragma once

#include "wincompat/engine.hpp"
#include "wincompat/options.hpp"
#include "wincompat/registry.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wincompat::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  /// What the flags set on top of the config: hosts, isolation, build args,
  /// nodes, the load restrictor, today, chart values, lookup and the lock.
  OptionOverrides overrides;
  std::string config;
  bool no_config = false;
  std::string fail_level;
  std::vector<std::string> select; // each a comma list; repeatable
  std::vector<std::string> ignore;
  unsigned jobs = 0;
  std::string stdin_filename;
  std::string kind;
  size_t max_file_size = 16u << 20;
  YamlLimits yaml_limits;
  std::string color = "auto";
  bool all_documents = false;
  bool fix = false;
  bool force_exclude = false;
  bool no_ignore = false; // walks read no ignore files
  bool diff = false;
  bool allow_empty = false;
  std::string root;                        // --root: the folder nothing is read or written outside of
  std::string baseline;                    // --baseline FILE: hide the findings it lists
  std::string write_baseline;              // --write-baseline FILE: record today's findings
  std::vector<std::string> output_formats; // --output-format FORMAT:FILE, repeatable
  /// `wincompat plan` (plan_command.cpp): the same inputs, a target.
  bool plan = false;
  std::string plan_to;                 // --to: every Windows pool
  std::vector<std::string> plan_pools; // --pool NAME=RELEASE (repeatable)
};

/// One --output-format FORMAT:FILE.
struct OutputSpec {
  std::string format;
  std::string path;
};

struct RenderArgs {
  std::string path;
  OptionOverrides overrides; // chart values, the load restrictor, today
  std::string release_name = "release-name";
  std::string release_namespace = "default";
  std::string config;
  bool no_config = false;
  std::string root;     // --root
  bool partial = false; // --partial: a chart's failed actions print as <unknown-N>
};

struct CompatArgs {
  std::string host;
  std::string image;
  std::string isolation = "process";
  std::string format = "text";
};

/// A repeatable option whose values accumulate (`--host a --host b,c`).
CLI::Option *add_list_option(CLI::App &cmd, const std::string &name, std::vector<std::string> &values,
                             const std::string &help);
/// `--config FILE` and `--no-config`, as lint, lock and render read them.
void add_config_options(CLI::App &cmd, std::string &config, bool &no_config, const std::string &config_help);
/// `--load-restrictor`, kustomize's values (lint and render).
void add_load_restrictor_option(CLI::App &cmd, std::string &restrictor);
/// `--kube-version` and `--api-versions`, Helm's `.Capabilities` (lint and render).
void add_capabilities_options(CLI::App &cmd, OptionOverrides &overrides);
/// `--root DIR` (lint, lock, render): the repository root reads and writes
/// are confined to.
void add_root_option(CLI::App &cmd, std::string &root);
/// `option` (file and folder paths) with Windows' '\\' read as '/' on Windows
/// (platform::generic_path); unchanged elsewhere.
CLI::Option *as_paths(CLI::Option *option);
/// The run's file system: the disk, confined to the roots of `paths` (or
/// `root`), with the files the command line names (`--config`, `--values`)
/// allowed wherever they are.
std::shared_ptr<ConfinedFileSystem> confined_files(const std::vector<std::string> &paths,
                                                   const std::string &root, const std::string &config,
                                                   const std::vector<std::string> &values_files);
/// Allows the files a trusted config (outside the roots, or --config) names
/// outside them: its charts' values files and its images' Dockerfiles.
void trust_config_paths(const Config &config, ConfinedFileSystem &files);
/// The hidden `--today YYYY-MM-DD` (reproducible tests; also WINCOMPAT_TODAY).
void add_today_option(CLI::App &cmd, std::string &today);

void add_lint_options(CLI::App &cmd, LintArgs &args);
/// A usage problem CLI11 would misread (a single-dash long option such as
/// `-host`, a mistyped subcommand), as a message with a suggestion.
std::optional<std::string> malformed_arguments(const CLI::App &app, int argc, char **argv);
int run_lint(const LintArgs &args);
/// `wincompat plan`: its options; it reads its inputs through run_lint.
void add_plan_options(CLI::App &cmd, LintArgs &args);
/// After run_lint has gathered the inputs and options: the plan's two lint
/// runs, its report, and with --fix its change set.
int run_plan(const LintArgs &args, const std::vector<FileInput> &inputs, LintOptions options,
             const Config &config);
/// `wincompat lock` (lock_command.cpp): its options; it runs through run_lint.
void add_lock_options(CLI::App &cmd, LintArgs &args);
/// After `lock`'s lint pass: merges what registries said into the lock file
/// and writes it, never outside the roots of `files` nor through a link.
/// Returns an exit status (2 when it cannot be written).
int save_lock(const LintArgs &args, const RegistryResolver &resolver, const FileSystem &files);
/// Applies (or with `diff_only` prints) every certain fix; counts them in
/// `fixed`. Returns an exit status: 2 when a file could not be written.
int run_fixes(const LintResult &result, bool diff_only, size_t &fixed);
/// lint_outputs.cpp: --output-format, --baseline and --write-baseline. Each
/// returns a message when it cannot (a usage error, exit 2).
std::optional<std::string> parse_output_spec(const std::string &spec, OutputSpec &out);
std::optional<std::string> write_outputs(const std::vector<OutputSpec> &outputs, const LintResult &result);
/// Writes every finding's fingerprint (SARIF's partialFingerprints) to path.
std::optional<std::string> write_baseline(const std::string &path, const LintResult &result, size_t &written);
/// Drops the findings whose fingerprint the baseline at path lists; counts them in hidden.
std::optional<std::string> apply_baseline(const std::string &path, LintResult &result, size_t &hidden);
int run_compat(const CompatArgs &args);
void add_render_options(CLI::App &cmd, RenderArgs &args);
int run_render(const RenderArgs &args);
int run_rules(const std::string &format);
int run_explain(const std::string &code);

/// Grows the heap in one large step backed by transparent huge pages, so a
/// run takes hundreds of page faults fewer (huge_pages.cpp says why).
void grow_heap_in_huge_pages();

} // namespace wincompat::cli
