// `wincompat lock`: resolve images through their registries and pin the
// answers in .wincompat.lock; and the lock (plus --lookup) for `lint`.
#include "commands.hpp"

#include "text_util.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace wincompat::cli {

void add_lock_options(CLI::App &cmd, LintArgs &args) {
  cmd.add_option("paths", args.paths, "Files and directories (default: .)");
  cmd.add_flag("--update", args.update, "Read entries already in the lock again");
  cmd.add_option("--insecure-registry", args.insecure_registries, "HOST[:PORT] reached over plain HTTP")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--config", args.config, "Config file (default: nearest .wincompat.yaml)");
  cmd.add_flag("--no-config", args.no_config, "Ignore .wincompat.yaml");
  cmd.add_option("--format", args.format, "How to print images that could not be read: text or json")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  cmd.add_option("--build-arg", args.build_args, "NAME=VALUE for every Dockerfile's ARG")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--fail-level", args.fail_level, "error, warning, info or none (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads for reading files (default: number of cores)");
  cmd.add_option("--color", args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  // The `read` date written for each entry, for reproducible tests; also WINCOMPAT_TODAY.
  cmd.add_option("--today", args.today, "Date used as today (YYYY-MM-DD)")->group("");
}

namespace {

std::string lock_path_for(const LintArgs &args, const Config &config) {
  return args.lock_mode ? lock_write_path(".", config.directory) : find_lock(".", config.directory);
}

} // namespace

std::optional<std::shared_ptr<RegistryResolver>> registry_resolver(const LintArgs &args, const Config &config,
                                                                   const std::string &today) {
  const std::string path = lock_path_for(args, config);
  ImageLock lock;
  if (!path.empty()) {
    std::string error;
    lock = load_lock(path, &error);
    if (!error.empty()) {
      std::cerr << "wincompat: " << error << "; fix or delete it, then run `wincompat lock`\n";
      return std::nullopt;
    }
    lock.path = path;
  }
  const bool ask = args.lock_mode || args.lookup || config.lookup.value_or(false);
  if (!ask && lock.images.empty()) {
    return std::shared_ptr<RegistryResolver>();
  }
  std::unique_ptr<ImageLookup> lookup;
  if (ask) {
    RegistrySettings settings;
    settings.insecure = args.insecure_registries;
    settings.insecure.insert(settings.insecure.end(), config.insecure_registries.begin(),
                             config.insecure_registries.end());
    settings.today = today;
    lookup = make_registry_lookup(settings);
    if (!args.lock_mode) {
      lookup = make_cached_lookup(std::move(lookup), default_cache_directory(), today);
    }
  }
  return std::make_shared<RegistryResolver>(std::move(lock), std::move(lookup), args.update);
}

int save_lock(const LintArgs &args, const RegistryResolver &resolver) {
  ImageLock lock = resolver.lock();
  if (lock.path.empty()) {
    std::cerr << "wincompat: no place to write .wincompat.lock\n";
    return kExitUsage;
  }
  size_t read = 0, failed = 0;
  for (const auto &[key, outcome] : resolver.looked_up()) {
    if (outcome.image) {
      lock.images[key] = *outcome.image;
      ++read;
    } else {
      ++failed; // nothing written for it; an entry read before stays
    }
  }
  const std::string temp = lock.path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << lock.serialize();
    if (!out.flush()) {
      std::cerr << "wincompat: cannot write " << temp << "\n";
      return kExitUsage;
    }
  }
  std::error_code ec;
  fs::rename(temp, lock.path, ec);
  if (ec) {
    std::cerr << "wincompat: cannot write " << lock.path << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  std::cerr << "wincompat: " << display_path(lock.path) << ": " << lock.images.size() << " image"
            << (lock.images.size() == 1 ? "" : "s") << " locked (" << read << " read from registries"
            << (failed ? ", " + std::to_string(failed) + " could not be read" : "") << ")\n";
  (void)args;
  return kExitClean;
}

} // namespace wincompat::cli
