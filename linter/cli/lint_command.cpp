#include "commands.hpp"

#include "platform.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/engine.hpp"
#include "wincompat/options.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>

namespace wincompat::cli {

void add_lint_options(CLI::App &cmd, LintArgs &args) {
  as_paths(cmd.add_option("paths", args.paths, "Files and directories (default: .); - reads standard input"));
  cmd.add_option("--format", args.format, "text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  add_list_option(cmd, "--host", args.overrides.hosts,
                  "Target host(s): ltsc2022, 23H2, Windows2025, 10.0.20348 ... (comma list; repeatable)");
  cmd.add_option("--isolation", args.overrides.isolation, "process or hyperv")
      ->check(CLI::IsMember({"process", "hyperv"}));
  add_list_option(cmd, "--build-arg", args.overrides.build_args, "NAME=VALUE for every Dockerfile's ARG");
  add_config_options(cmd, args.config, args.no_config, "Config file (default: nearest .wincompat.yaml)");
  add_load_restrictor_option(cmd, args.overrides.load_restrictor);
  add_capabilities_options(cmd, args.overrides);
  as_paths(add_list_option(cmd, "--nodes", args.overrides.nodes,
                           "Node inventory (kubectl get nodes -o yaml|json)"));
  cmd.add_option("--fail-level", args.fail_level, "error, warning, info or none (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  add_list_option(cmd, "--select", args.select, "Only these codes or prefixes (comma list; repeatable)");
  add_list_option(cmd, "--ignore", args.ignore, "Not these codes or prefixes (comma list; repeatable)");
  cmd.add_flag("--allow-empty", args.allow_empty,
               "Exit 0 when a path holds nothing to lint (default: exit 2, \"nothing to lint under PATH\")");
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads (default: number of cores)");
  as_paths(cmd.add_option("--stdin-filename", args.stdin_filename, "Name for standard input (-)"));
  cmd.add_option("--kind", args.kind, "Force the file kind: dockerfile or yaml")
      ->check(CLI::IsMember({"dockerfile", "yaml"}));
  cmd.add_option("--max-file-size", args.max_file_size, "Larger files are reported, not linted (bytes)");
  cmd.add_option("--max-yaml-depth", args.yaml_limits.max_depth,
                 "Deeper YAML nesting is reported, not linted (levels; default 256)")
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  cmd.add_option("--max-yaml-documents", args.yaml_limits.max_documents,
                 "YAML documents past this many in one file are reported, not linted (default 100000)")
      ->check(CLI::PositiveNumber);
  cmd.add_option(
         "--max-yaml-seconds", args.yaml_limits.max_seconds,
         "Parse time allowed per YAML file; the rest is reported, not linted (default 10; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_flag("--force-exclude", args.force_exclude,
               "Apply config `exclude` to files named on the command line too (for pre-commit)");
  cmd.add_flag(
      "--no-ignore", args.no_ignore,
      "Walk folders without reading .gitignore, .ignore, .git/info/exclude and git's global excludes");
  cmd.add_flag("--fix", args.fix, "Apply certain fixes in place (retag to the hosts' build)");
  cmd.add_flag("--diff", args.diff, "Print the certain fixes as a unified diff instead of writing them");
  cmd.add_flag(
      "--all-documents", args.all_documents,
      "Syntax-check every YAML document, not only those that can affect Windows scheduling (slower)");
  cmd.add_flag("--lookup", args.overrides.lookup,
               "Ask registries for images whose Windows build is still unknown");
  add_list_option(cmd, "--insecure-registry", args.overrides.insecure_registries,
                  "HOST[:PORT] reached over plain HTTP");
  cmd.add_option("--color", args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  as_paths(add_list_option(cmd, "--values", args.overrides.values_files,
                           "Charts: a values file, as helm's -f (repeatable)"));
  add_list_option(cmd, "--set", args.overrides.set_values, "Charts: KEY=VALUE, as helm's --set (repeatable)");
  add_root_option(cmd, args.root);
  as_paths(cmd.add_option("--baseline", args.baseline,
                          "Report only findings not in this baseline file (written by --write-baseline)"));
  as_paths(cmd.add_option("--write-baseline", args.write_baseline,
                          "Record every finding of this run in FILE as the baseline, and exit 0"));
  // FORMAT has no '\': FILE's are turned (sarif:out\x.sarif, sarif:C:\out\x.sarif).
  as_paths(
      add_list_option(cmd, "--output-format", args.output_formats,
                      "Also write the report as FORMAT (text, json, sarif or github) to FILE: FORMAT:FILE "
                      "(repeatable)"));
  // For reproducible tests of end-of-servicing (WC104); also WINCOMPAT_TODAY.
  add_today_option(cmd, args.overrides.today);
}

namespace {

/// --select/--ignore words as upper-case codes or prefixes; one that names
/// no rule is a usage error, as it is in config `rules:` and suppressions.
std::optional<std::vector<std::string>> rule_patterns(const std::vector<std::string> &lists,
                                                      const char *option) {
  std::vector<std::string> out;
  for (auto &word : comma_words(lists)) {
    word = to_upper(word);
    const auto &rules = all_rules();
    if (std::none_of(rules.begin(), rules.end(),
                     [&](const RuleEntry &rule) { return code_matches(rule.meta->code, {word}); })) {
      std::cerr << "wincompat: " << option << ": '" << printable(word)
                << "' is not a rule code or prefix (such as WC301 or WC3); `wincompat rules` lists them\n";
      return std::nullopt;
    }
    out.push_back(std::move(word));
  }
  return out;
}

/// Where the config search starts for a linted path (for `-`, the
/// --stdin-filename, else the working directory).
std::string config_search_start(const LintArgs &args, const std::string &path) {
  if (path == "-") {
    return args.stdin_filename.empty() ? "." : args.stdin_filename;
  }
  return path;
}

/// The config of the run itself (failLevel, allowEmpty, lookup, registries,
/// and every file no nearer config governs): the one every linted path
/// shares, else the one governing the working directory. Never the first
/// path's: results do not depend on argument order.
std::string run_config_path(const LintArgs &args, ConfigCache &configs) {
  if (args.paths.empty()) {
    return configs.config_for(".");
  }
  const std::string shared = configs.config_for(config_search_start(args, args.paths.front()));
  for (const std::string &path : args.paths) {
    if (configs.config_for(config_search_start(args, path)) != shared) {
      return configs.config_for(".");
    }
  }
  return shared;
}

bool use_color(const std::string &mode) {
  if (mode == "always") {
    return true;
  }
  if (mode == "never" || std::getenv("NO_COLOR")) {
    return false;
  }
  return platform::stdout_is_terminal();
}

void print(const LintResult &result, const std::string &format, bool color) {
  if (format == "json") {
    report_json(result, std::cout);
  } else if (format == "sarif") {
    report_sarif(result, std::cout);
  } else if (format == "github") {
    report_github(result, std::cout);
  } else {
    report_text(result, std::cout, color);
  }
}

/// Configs with errors are reported like linted files, then exit 2.
int report_config_errors(const std::vector<const Config *> &configs, const std::string &format, bool color) {
  LintResult result;
  for (const Config *config : configs) {
    FileResult file;
    file.path = config->path;
    file.uri = file_uri(config->path);
    file.source = config->source;
    file.diagnostics = config->errors;
    result.files.push_back(std::move(file));
  }
  print(result, format, color);
  return kExitUsage;
}

/// A directory given on the command line and the inputs its walk produced.
struct WalkedPath {
  std::string path;
  size_t begin = 0;
  size_t end = 0;
};

bool is_walked_directory(const std::string &path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) && kind_from_name(path) != FileKind::Dockerfile;
}

/// "nothing to lint under PATH" for each directory whose walk produced no
/// file that was linted: a gate that checked nothing must not pass.
bool report_empty_paths(const std::vector<WalkedPath> &walked, const LintResult &result) {
  bool any = false;
  for (const WalkedPath &dir : walked) {
    const auto begin = result.files.begin() + static_cast<std::ptrdiff_t>(dir.begin);
    const auto end = result.files.begin() + static_cast<std::ptrdiff_t>(dir.end);
    if (std::all_of(begin, end, [](const FileResult &file) { return file.skipped; })) {
      std::cerr << "wincompat: nothing to lint under " << printable(dir.path)
                << ": no Dockerfile or Kubernetes manifest was found there (docs/inputs.md lists what is "
                   "read); --allow-empty, or `allowEmpty: true` in .wincompat.yaml, accepts an empty tree\n";
      any = true;
    }
  }
  return any;
}

/// Standard input up to one byte over `limit`: enough for decode_text to
/// report the size (WC902), never an endless pipe read into memory.
std::string read_stdin(size_t limit) {
  const size_t cap = limit == SIZE_MAX ? limit : limit + 1;
  std::string content;
  char buffer[65536];
  while (content.size() < cap) {
    const long long n = platform::read_stdin(buffer, std::min(sizeof buffer, cap - content.size()));
    if (n <= 0) {
      break;
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

/// Prints the errors of the overrides; true when there were any.
bool report_option_errors(const std::vector<std::string> &errors) {
  for (const std::string &error : errors) {
    std::cerr << "wincompat: " << error << "\n";
  }
  return !errors.empty();
}

/// Gives each input the options of the config that governs it (the nearest
/// .wincompat.yaml above it) when that is not the run's, and drops walked
/// files that config's `exclude` names. Configs with errors go to `broken`.
std::vector<FileInput> assign_scopes(std::vector<FileInput> inputs, const LintArgs &args,
                                     const std::string &run_config, ConfigCache &configs,
                                     LintOptions &options, std::map<std::string, int> &scope_of,
                                     std::vector<std::shared_ptr<const Config>> &broken,
                                     std::vector<FileResult> &inventory_errors, bool &usage_error,
                                     ConfinedFileSystem &files) {
  std::vector<FileInput> out;
  for (FileInput &input : inputs) {
    const std::string governing =
        configs.config_for(input.content ? config_search_start(args, input.path) : input.fs_path);
    if (governing == run_config) {
      out.push_back(std::move(input));
      continue;
    }
    const std::shared_ptr<const Config> config = configs.load(governing);
    auto [it, added] = scope_of.emplace(governing, -1);
    if (added) {
      trust_config_paths(*config, files);
      if (!config->errors.empty()) {
        broken.push_back(config);
      } else {
        const std::shared_ptr<const Config> run = run_config.empty() ? nullptr : configs.load(run_config);
        OptionsResult scope = build_scope_options(options, run.get(), *config, args.overrides);
        usage_error = report_option_errors(scope.errors) || usage_error;
        std::move(scope.problems.begin(), scope.problems.end(), std::back_inserter(inventory_errors));
        options.scopes.push_back(std::move(scope.options));
        it->second = static_cast<int>(options.scopes.size() - 1);
      }
    }
    if (it->second < 0) {
      continue;
    }
    if ((!input.named_explicitly || args.force_exclude) && !input.content &&
        is_excluded(input.fs_path, config->exclude,
                    config->exclude_directory.empty() ? config->directory : config->exclude_directory)) {
      continue;
    }
    input.scope = it->second;
    out.push_back(std::move(input));
  }
  return out;
}

/// Chart inputs become one input per `charts:` entry of the config that
/// governs them.
std::vector<FileInput> expand_scoped_charts(std::vector<FileInput> inputs, const LintOptions &options) {
  std::vector<FileInput> out;
  for (FileInput &input : inputs) {
    const int scope = input.scope;
    for (FileInput &one :
         expand_chart_environments({std::move(input)}, scoped(options, scope).chart_environments)) {
      out.push_back(std::move(one));
    }
  }
  return out;
}

/// Prints the problems of the inventory files and returns the usage status.
int report_inventory_errors(std::vector<FileResult> inventory_errors, const std::string &format, bool color) {
  LintResult failed;
  failed.files = std::move(inventory_errors);
  print(failed, format, color);
  return kExitUsage;
}

/// The paths whose roots confine the run: standard input stands for its
/// --stdin-filename, else the working directory.
std::vector<std::string> confined_paths(const LintArgs &args) {
  std::vector<std::string> out;
  for (const std::string &path : args.paths) {
    out.push_back(path == "-" ? config_search_start(args, path) : path);
  }
  return out;
}

} // namespace

int run_lint(const LintArgs &args) {
  const bool color = use_color(args.color);
  std::vector<OutputSpec> outputs;
  for (const std::string &spec : args.output_formats) {
    OutputSpec output;
    if (const auto problem = parse_output_spec(spec, output)) {
      std::cerr << "wincompat: " << printable(*problem) << "\n";
      return kExitUsage;
    }
    outputs.push_back(std::move(output));
  }
  // Every read (inputs, configs, charts, overlays, Dockerfiles) stays in the
  // repository root: the tree may come from a stranger's pull request.
  const std::shared_ptr<ConfinedFileSystem> files = confined_files(
      confined_paths(args), args.root, args.no_config ? "" : args.config, args.overrides.values_files);
  Config config;
  ConfigCache configs(files);
  std::string run_config;
  if (!args.no_config) {
    run_config = args.config.empty() ? run_config_path(args, configs) : args.config;
    if (!run_config.empty()) {
      config = *configs.load(run_config);
      if (!config.errors.empty()) {
        return report_config_errors({&config}, args.format, color);
      }
      trust_config_paths(config, *files);
    }
  }
  OptionOverrides overrides = args.overrides;
  overrides.config_file = args.config; // named by the user: trusted (options.hpp)
  OptionsResult built = build_options(run_config.empty() ? nullptr : &config, overrides);
  if (report_option_errors(built.errors)) {
    return kExitUsage;
  }
  for (const std::string &notice : built.notices) {
    std::cerr << "wincompat: " << printable(notice) << "\n";
  }
  LintOptions options = std::move(built.options);
  if (args.overrides.lock_mode) {
    options.select = {std::string(rule_meta(RuleCode::WC914).code)}; // lock reports what it could not read
  }
  auto select = rule_patterns(args.select, "--select");
  auto ignore = rule_patterns(args.ignore, "--ignore");
  if (!select || !ignore) {
    return kExitUsage;
  }
  if (!args.overrides.lock_mode) {
    options.select = std::move(*select);
  }
  options.ignore = std::move(*ignore);
  std::vector<FileResult> inventory_errors = std::move(built.problems);
  if (!inventory_errors.empty()) {
    return report_inventory_errors(std::move(inventory_errors), args.format, color);
  }
  options.files = files;
  options.jobs = args.jobs;
  options.max_file_size = args.max_file_size;
  options.yaml_limits = args.yaml_limits;
  options.all_documents = args.all_documents;
  options.force_kind = args.kind == "dockerfile" ? FileKind::Dockerfile
                       : args.kind == "yaml"     ? FileKind::Yaml
                                                 : FileKind::Auto;
  const FailLevel fail_level = !args.fail_level.empty() ? *parse_fail_level(args.fail_level)
                                                        : config.fail_level.value_or(FailLevel::Error);

  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  std::vector<FileInput> inputs;
  std::vector<std::string> missing;
  std::vector<WalkedPath> walked; // directories, to tell when one held nothing to lint
  // Nested configs: each file is linted with the nearest one above it
  // (unless --config or --no-config names one for all).
  const bool nested = args.config.empty() && !args.no_config;
  std::map<std::string, int> scope_of; // config path -> index in options.scopes
  std::vector<std::shared_ptr<const Config>> broken;
  bool usage_error = false;
  const auto scope = [&](std::vector<FileInput> found) {
    if (nested) {
      found = assign_scopes(std::move(found), args, run_config, configs, options, scope_of, broken,
                            inventory_errors, usage_error, *files);
    }
    return expand_scoped_charts(std::move(found), options);
  };
  for (const auto &path : paths) {
    if (path == "-") {
      std::string content = read_stdin(options.max_file_size);
      const std::string name = args.stdin_filename.empty() ? "-" : args.stdin_filename;
      std::vector<FileInput> one;
      one.push_back({name, name, true, std::move(content)});
      for (FileInput &input : scope(std::move(one))) {
        inputs.push_back(std::move(input));
      }
      continue;
    }
    std::vector<FileInput> found =
        collect_inputs({path}, config.exclude,
                       config.exclude_directory.empty() ? config.directory : config.exclude_directory,
                       missing, args.force_exclude, args.no_ignore, *files);
    found = scope(std::move(found));
    if (is_walked_directory(path)) {
      walked.push_back({path, inputs.size(), inputs.size() + found.size()});
    }
    std::move(found.begin(), found.end(), std::back_inserter(inputs));
  }
  if (!broken.empty()) {
    std::vector<const Config *> bad;
    for (const auto &config : broken) {
      bad.push_back(config.get());
    }
    return report_config_errors(bad, args.format, color);
  }
  if (!inventory_errors.empty()) {
    return report_inventory_errors(std::move(inventory_errors), args.format, color);
  }
  if (usage_error) {
    return kExitUsage;
  }
  for (const auto &path : missing) {
    std::cerr << "wincompat: " << printable(path) << ": no such file or directory\n";
  }
  if (inputs.empty() && !missing.empty()) {
    return kExitUsage;
  }
  if (args.plan) {
    return run_plan(args, inputs, std::move(options), config);
  }
  LintResult result = lint(inputs, options);
  if (args.overrides.lock_mode) {
    if (const int status = save_lock(args, *options.registry, *files); status != kExitClean) {
      return status;
    }
  }
  if (args.fix || args.diff) {
    size_t fixed = 0;
    const int status = run_fixes(result, args.diff, fixed);
    if (args.diff || status == kExitUsage ||
        std::any_of(inputs.begin(), inputs.end(),
                    [](const FileInput &in) { return in.content.has_value(); })) {
      return status;
    }
    if (fixed > 0) {
      std::cerr << "wincompat: fixed " << fixed << " problem" << (fixed == 1 ? "" : "s") << "\n";
      // Report what remains, read again: nothing parsed before the writes is kept.
      options.files = files->fresh();
      for (LintOptions &scope : options.scopes) {
        scope.files = options.files;
      }
      result = lint(inputs, options);
    }
  }
  size_t baselined = 0;
  if (!args.write_baseline.empty()) {
    if (const auto problem = write_baseline(args.write_baseline, result, baselined)) {
      std::cerr << "wincompat: " << *problem << "\n";
      return kExitUsage;
    }
  }
  size_t hidden = 0;
  if (!args.baseline.empty()) {
    if (const auto problem = apply_baseline(args.baseline, result, hidden)) {
      std::cerr << "wincompat: " << *problem << "\n";
      return kExitUsage;
    }
  }
  print(result, args.format, color);
  if (const auto problem = write_outputs(outputs, result)) {
    std::cerr << "wincompat: " << *problem << "\n";
    return kExitUsage;
  }
  if (!args.write_baseline.empty()) {
    std::cerr << "wincompat: wrote " << baselined << " finding" << (baselined == 1 ? "" : "s")
              << " to the baseline " << printable(args.write_baseline) << "\n";
  }
  if (hidden > 0) {
    std::cerr << "wincompat: " << hidden << " finding" << (hidden == 1 ? "" : "s") << " in the baseline "
              << printable(args.baseline) << " not shown\n";
  }
  if (!missing.empty()) {
    return kExitUsage;
  }
  if (!args.allow_empty && !config.allow_empty && report_empty_paths(walked, result)) {
    return kExitUsage;
  }
  if (!args.write_baseline.empty()) {
    return kExitClean; // adopting the gate: today's findings are the baseline
  }
  for (const FileResult &file : result.files) {
    for (const Diagnostic &d : file.diagnostics) {
      if (reaches(d.severity, fail_level)) {
        return kExitFindings;
      }
    }
  }
  return kExitClean;
}

} // namespace wincompat::cli
