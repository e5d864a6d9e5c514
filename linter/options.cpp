// Config plus an entry point's overrides -> LintOptions (options.hpp): the
// one place that decides hosts, today's date, the lock file and registries.
#include "wincompat/options.hpp"

#include "dates.hpp"
#include "layers/helm/values.hpp"
#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/catalog.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/paths.hpp"
#include "wincompat/registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace wincompat {

namespace {

/// One --api-versions value: Helm reads it as a comma list.
std::vector<std::string> split_api_versions(const std::string &list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) {
      out.push_back(list.substr(start, comma - start));
    }
    start = comma + 1;
  }
  return out;
}

/// The hosts of the overrides (when any), else of the config. Config hosts
/// were checked when it was read (WC903); an unknown override is an error.
std::vector<Host> hosts_of(const Config &config, const OptionOverrides &overrides,
                           std::vector<std::string> &errors) {
  const ReleaseCatalog &catalog = ReleaseCatalog::builtin();
  std::vector<Host> hosts;
  for (const auto &spec : overrides.hosts.empty() ? config.hosts : comma_words(overrides.hosts)) {
    if (auto host = parse_host_spec(spec, catalog)) {
      hosts.push_back(*host);
    } else {
      errors.push_back("unknown host '" + printable(spec) +
                       "'. Accepted: " + join(catalog.host_names(), ", ") +
                       ", or the build of one of them such as 10.0.20348 (optionally with a revision, "
                       "10.0.20348.2113)");
    }
  }
  return hosts;
}

/// What a config decides for the files it governs, the overrides winning.
void apply_config(const Config &config, const OptionOverrides &overrides, OptionsResult &result) {
  LintOptions &options = result.options;
  options.settings.hosts = hosts_of(config, overrides, result.errors);
  const auto isolation = parse_isolation(overrides.isolation);
  options.settings.isolation = isolation ? *isolation : config.isolation.value_or(Isolation::Process);
  options.build_args = config.build_args;
  for (const auto &pair : overrides.build_args) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      result.errors.push_back("--build-arg takes NAME=VALUE, not '" + printable(pair) + "'");
      continue;
    }
    options.build_args[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  options.severities = config.rules;
  options.images = config.images;
  options.pools = load_inventory(config, overrides.nodes, result.problems);
  options.settings.lifecycle_warning_days = config.lifecycle_warning_days.value_or(180);
  options.has_inventory = !options.pools.empty();
  for (FileResult &file : result.problems) {
    for (Diagnostic &d : file.diagnostics) {
      if (file.source) {
        d.range = file.source->range(d.span);
      }
    }
  }
  options.chart_environments = config.charts;
  options.config_notices = nullptr;
  if (!config.refused.empty()) {
    auto notices = std::make_shared<FileResult>();
    notices->path = config.path;
    notices->uri = file_uri(config.path);
    notices->source = config.source;
    notices->diagnostics = config.refused;
    options.config_notices = std::move(notices);
  }
  // Helm's --kube-version and --api-versions (each a comma list, as Helm's
  // flag is): the command line's version wins, its API versions add to the
  // config's.
  options.kube_version = overrides.kube_version.empty() ? config.helm_kube_version : overrides.kube_version;
  options.api_versions = config.helm_api_versions;
  for (const std::string &list : overrides.api_versions) {
    for (const std::string &version : split_api_versions(list)) {
      options.api_versions.push_back(version);
    }
  }
  const auto restrictor = parse_load_restrictor(overrides.load_restrictor);
  options.load_restrictor = restrictor ? *restrictor : config.load_restrictor.value_or(LoadRestrictor::Unset);
}

/// Whether the command line itself asks registries (`--lookup`, `lock`).
bool command_line_asks(const OptionOverrides &overrides) {
  return !overrides.offline && (overrides.lock_mode || overrides.lookup);
}

/// Whether registries are asked for images the lock does not hold: when the
/// command line says so, or a trusted config's `lookup: true`.
bool asks(const Config *config, const OptionOverrides &overrides) {
  return command_line_asks(overrides) ||
         (!overrides.offline && config_trusted(config, overrides) && config->lookup.value_or(false));
}

/// The notice for a repository config whose `lookup: true` was ignored
/// (empty when none was): the key, why, and how to enable it.
std::string ignored_lookup_notice(const Config *config, const OptionOverrides &overrides) {
  if (!config || overrides.offline || !config->lookup.value_or(false) || asks(config, overrides)) {
    return {};
  }
  const std::string keys =
      config->insecure_registries.empty() ? "`lookup: true`" : "`lookup: true` and `insecureRegistries`";
  return "note: " + keys + " in " + config->path +
         " ignored: the linted repository's own config cannot make lint ask registries; pass --lookup to "
         "ask them (or name a config of yours with --config)";
}

/// The lock file at `path` (none when empty) and, with `ask`, registries:
/// null when neither applies.
std::shared_ptr<RegistryResolver> registry_for(const std::string &path, bool ask, const Config *config,
                                               const OptionOverrides &overrides, const std::string &today,
                                               std::vector<std::string> &errors) {
  ImageLock lock;
  if (!path.empty()) {
    std::string error;
    lock = load_lock(path, &error);
    if (!error.empty()) {
      errors.push_back(error + "; fix or delete it, then run `wincompat lock`");
      lock = ImageLock{};
    }
    lock.path = path;
  }
  if (!ask && lock.images.empty()) {
    return nullptr;
  }
  std::unique_ptr<ImageLookup> lookup;
  if (ask) {
    RegistrySettings settings;
    settings.insecure = overrides.insecure_registries;
    settings.lock_mode = overrides.lock_mode;
    settings.run_deadline_ms = overrides.lock_mode ? kLockRunDeadlineMs : kLookupRunDeadlineMs;
    // Registries are asked only when the command line or a trusted config
    // says so (asks), so the config's plain-HTTP registries apply then.
    if (config) {
      settings.insecure.insert(settings.insecure.end(), config->insecure_registries.begin(),
                               config->insecure_registries.end());
    }
    settings.today = today;
    lookup = make_registry_lookup(settings);
    if (!overrides.lock_mode) {
      lookup = make_cached_lookup(std::move(lookup), default_cache_directory(), today);
    }
  }
  return std::make_shared<RegistryResolver>(std::move(lock), std::move(lookup), overrides.update);
}

} // namespace

bool config_trusted(const Config *config, const OptionOverrides &overrides) {
  if (!config || config->path.empty() || overrides.config_file.empty()) {
    return false;
  }
  std::error_code ec, ec2;
  const auto named = std::filesystem::weakly_canonical(overrides.config_file, ec);
  const auto used = std::filesystem::weakly_canonical(config->path, ec2);
  return !ec && !ec2 && named == used;
}

std::string resolve_today(const std::string &option, std::string &error) {
  const char *env_today = std::getenv("WINCOMPAT_TODAY");
  const std::string today = !option.empty() ? option : env_today ? env_today : today_utc();
  if (valid_date(today)) {
    return today;
  }
  error = std::string(!option.empty() ? "--today" : "WINCOMPAT_TODAY") +
          " must be a date written YYYY-MM-DD, not '" + printable(today) + "'";
  return today_utc();
}

std::string lock_for(const Config *config, const std::string &start) {
  const bool configured = config && !config->path.empty();
  return configured ? find_lock(config->directory, config->directory) : find_lock(start, "");
}

OptionsResult build_options(const Config *config, const OptionOverrides &overrides) {
  OptionsResult result;
  std::string error;
  result.options.settings.today = resolve_today(overrides.today, error);
  if (!error.empty()) {
    result.errors.push_back(error);
  }
  const std::string lock = overrides.lock_mode
                               ? lock_write_path(overrides.start, config ? config->directory : "")
                               : lock_for(config, overrides.start);
  result.options.registry = registry_for(lock, asks(config, overrides), config, overrides,
                                         result.options.settings.today, result.errors);
  if (std::string notice = ignored_lookup_notice(config, overrides); !notice.empty()) {
    result.notices.push_back(std::move(notice));
  }
  result.options.values_files = overrides.values_files;
  result.options.set_values = overrides.set_values;
  for (const std::string &expression : overrides.set_values) {
    if (const std::string problem = helm::set_path_problem(expression); !problem.empty()) {
      result.errors.push_back("--set " + printable(expression.substr(0, 60)) + "...: " + problem);
    }
  }
  if (!overrides.kube_version.empty()) {
    if (std::string problem = kube_version_problem(overrides.kube_version); !problem.empty()) {
      result.errors.push_back(printable(problem));
    }
  }
  apply_config(config ? *config : Config{}, overrides, result);
  return result;
}

OptionsResult build_scope_options(const LintOptions &run, const Config *run_config, const Config &config,
                                  const OptionOverrides &overrides) {
  OptionsResult result;
  result.options = run;
  result.options.scopes.clear();
  // The lock beside the files' own config (`lock` writes one file: the run's);
  // whether and how registries are asked stays the run's decision.
  const std::string lock = lock_for(&config, overrides.start);
  const std::string run_lock = run.registry ? run.registry->lock().path : "";
  if (!overrides.lock_mode && lock != run_lock) {
    result.options.registry = registry_for(lock, run.registry && run.registry->asks(), run_config, overrides,
                                           run.settings.today, result.errors);
  }
  apply_config(config, overrides, result);
  return result;
}

} // namespace wincompat
