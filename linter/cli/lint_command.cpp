#include "commands.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/engine.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <unistd.h>

namespace wincompat::cli {

void add_lint_options(CLI::App &cmd, LintArgs &args) {
  cmd.add_option("paths", args.paths, "Files and directories (default: .); - reads standard input");
  cmd.add_option("--format", args.format, "text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  cmd.add_option("--host", args.hosts,
                 "Target host(s): ltsc2022, 23H2, Windows2025, 10.0.20348 ... (comma list; repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--isolation", args.isolation, "process or hyperv")
      ->check(CLI::IsMember({"process", "hyperv"}));
  cmd.add_option("--build-arg", args.build_args, "NAME=VALUE for every Dockerfile's ARG")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--config", args.config, "Config file (default: nearest .wincompat.yaml)");
  cmd.add_flag("--no-config", args.no_config, "Ignore .wincompat.yaml");
  cmd.add_option("--nodes", args.nodes, "Node inventory (kubectl get nodes -o yaml|json)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--fail-level", args.fail_level, "error, warning, info or none (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd.add_option("--select", args.select, "Only these codes or prefixes (comma list; repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--ignore", args.ignore, "Not these codes or prefixes (comma list; repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_flag("--allow-empty", args.allow_empty,
               "Exit 0 when a path holds nothing to lint (default: exit 2, \"nothing to lint under PATH\")");
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads (default: number of cores)");
  cmd.add_option("--stdin-filename", args.stdin_filename, "Name for standard input (-)");
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
  cmd.add_flag("--lookup", args.lookup, "Ask registries for images whose Windows build is still unknown");
  cmd.add_option("--insecure-registry", args.insecure_registries, "HOST[:PORT] reached over plain HTTP")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--color", args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd.add_option("--values", args.values_files, "Charts: a values file, as helm's -f (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--set", args.set_values, "Charts: KEY=VALUE, as helm's --set (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  // For reproducible tests of end-of-servicing (WC104); also WINCOMPAT_TODAY.
  cmd.add_option("--today", args.today, "Date used as today (YYYY-MM-DD)")->group("");
}

namespace {

/// Every word of every comma list (each option may be repeated).
std::vector<std::string> comma_words(const std::vector<std::string> &lists) {
  std::vector<std::string> out;
  for (const auto &list : lists) {
    for (const auto &part : split(list, ',')) {
      if (auto word = trim(part); !word.empty()) {
        out.push_back(std::string(word));
      }
    }
  }
  return out;
}

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

/// Where the config search starts: the first linted path (for `-`, the
/// --stdin-filename), so that the config is the one the linted files belong
/// to, as the language server finds it; the working directory when none.
std::string config_search_start(const LintArgs &args) {
  if (args.paths.empty()) {
    return ".";
  }
  const std::string &first = args.paths.front();
  if (first == "-") {
    return args.stdin_filename.empty() ? "." : args.stdin_filename;
  }
  return first;
}

bool use_color(const std::string &mode) {
  if (mode == "always") {
    return true;
  }
  if (mode == "never" || std::getenv("NO_COLOR")) {
    return false;
  }
  return isatty(STDOUT_FILENO) != 0;
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

/// A config with errors is reported like a linted file, then exit 2.
int report_config_errors(const Config &config, const std::string &format, bool color) {
  LintResult result;
  FileResult file;
  file.path = config.path;
  file.uri = file_uri(config.path);
  file.source = config.source;
  file.diagnostics = config.errors;
  result.files.push_back(std::move(file));
  print(result, format, color);
  return kExitUsage;
}

std::optional<std::vector<Host>> resolve_hosts(const std::vector<std::string> &specs) {
  std::vector<Host> hosts;
  const ReleaseCatalog &catalog = ReleaseCatalog::builtin();
  for (const auto &spec : comma_words(specs)) {
    auto host = parse_host_spec(spec, catalog);
    if (!host) {
      std::cerr << "wincompat: unknown host '" << printable(spec)
                << "'. Accepted: " << join(catalog.host_names(), ", ")
                << ", or the build of one of them such as 10.0.20348 (optionally with a revision, "
                   "10.0.20348.2113)\n";
      return std::nullopt;
    }
    hosts.push_back(*host);
  }
  return hosts;
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
    const ssize_t n = ::read(STDIN_FILENO, buffer, std::min(sizeof buffer, cap - content.size()));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

} // namespace

int run_lint(const LintArgs &args) {
  const bool color = use_color(args.color);
  Config config;
  if (!args.no_config) {
    const std::string path = args.config.empty() ? find_config(config_search_start(args)) : args.config;
    if (!path.empty()) {
      config = load_config(path);
      if (!config.errors.empty()) {
        return report_config_errors(config, args.format, color);
      }
    }
  }
  LintOptions options;
  auto hosts = resolve_hosts(args.hosts.empty() ? config.hosts : args.hosts);
  if (!hosts) {
    return kExitUsage;
  }
  options.settings.hosts = *hosts;
  options.settings.isolation = args.isolation.empty() ? config.isolation.value_or(Isolation::Process)
                                                      : *parse_isolation(args.isolation);
  if (auto today = resolve_today(args.today)) {
    options.settings.today = *today;
  } else {
    return kExitUsage;
  }
  if (auto registry = registry_resolver(args, config, options.settings.today)) {
    options.registry = *registry;
  } else {
    return kExitUsage;
  }
  if (args.lock_mode) {
    options.select = {"WC914"}; // lock reports what it could not read, nothing else
  }
  options.build_args = config.build_args;
  for (const auto &pair : args.build_args) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "wincompat: --build-arg takes NAME=VALUE, not '" << printable(pair) << "'\n";
      return kExitUsage;
    }
    options.build_args[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  auto select = rule_patterns(args.select, "--select");
  auto ignore = rule_patterns(args.ignore, "--ignore");
  if (!select || !ignore) {
    return kExitUsage;
  }
  if (!args.lock_mode) {
    options.select = std::move(*select);
  }
  options.ignore = std::move(*ignore);
  options.severities = config.rules;
  options.images = config.images;
  std::vector<FileResult> inventory_errors;
  options.pools = load_inventory(config, args.nodes, inventory_errors);
  options.has_inventory = !options.pools.empty();
  if (!inventory_errors.empty()) {
    LintResult failed;
    failed.files = std::move(inventory_errors);
    for (FileResult &file : failed.files) {
      for (Diagnostic &d : file.diagnostics) {
        if (file.source) {
          d.range = file.source->range(d.span);
        }
      }
    }
    print(failed, args.format, color);
    return kExitUsage;
  }
  options.jobs = args.jobs;
  options.max_file_size = args.max_file_size;
  options.yaml_limits = args.yaml_limits;
  options.all_documents = args.all_documents;
  options.values_files = args.values_files;
  options.set_values = args.set_values;
  options.chart_environments = config.charts;
  options.force_kind = args.kind == "dockerfile" ? FileKind::Dockerfile
                       : args.kind == "yaml"     ? FileKind::Yaml
                                                 : FileKind::Auto;
  const FailLevel fail_level = !args.fail_level.empty() ? *parse_fail_level(args.fail_level)
                                                        : config.fail_level.value_or(FailLevel::Error);

  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  std::vector<FileInput> inputs;
  std::vector<std::string> missing;
  std::vector<WalkedPath> walked; // directories, to tell when one held nothing to lint
  for (const auto &path : paths) {
    if (path == "-") {
      std::string content = read_stdin(options.max_file_size);
      const std::string name = args.stdin_filename.empty() ? "-" : args.stdin_filename;
      inputs.push_back({name, name, true, std::move(content)});
      continue;
    }
    std::vector<FileInput> found =
        collect_inputs({path}, config.exclude, config.directory, missing, args.force_exclude, args.no_ignore);
    if (is_walked_directory(path)) {
      walked.push_back({path, inputs.size(), inputs.size() + found.size()});
    }
    std::move(found.begin(), found.end(), std::back_inserter(inputs));
  }
  inputs = expand_chart_environments(std::move(inputs), options.chart_environments);
  for (const auto &path : missing) {
    std::cerr << "wincompat: " << printable(path) << ": no such file or directory\n";
  }
  if (inputs.empty() && !missing.empty()) {
    return kExitUsage;
  }
  LintResult result = lint(inputs, options);
  if (args.lock_mode) {
    if (const int status = save_lock(args, *options.registry); status != kExitClean) {
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
      result = lint(inputs, options); // report what remains
    }
  }
  print(result, args.format, color);
  if (!missing.empty()) {
    return kExitUsage;
  }
  if (!args.allow_empty && !config.allow_empty && report_empty_paths(walked, result)) {
    return kExitUsage;
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
