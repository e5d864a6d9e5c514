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
  cmd.add_flag("--update", args.overrides.update, "Read entries already in the lock again");
  add_list_option(cmd, "--insecure-registry", args.overrides.insecure_registries,
                  "HOST[:PORT] reached over plain HTTP");
  add_config_options(cmd, args.config, args.no_config, "Config file (default: nearest .wincompat.yaml)");
  cmd.add_option("--format", args.format, "How to print images that could not be read: text or json")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  add_list_option(cmd, "--build-arg", args.overrides.build_args, "NAME=VALUE for every Dockerfile's ARG");
  cmd.add_option("--fail-level", args.fail_level, "error, warning, info or none (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads for reading files (default: number of cores)");
  cmd.add_option("--color", args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  // The `read` date written for each entry, for reproducible tests; also WINCOMPAT_TODAY.
  add_today_option(cmd, args.overrides.today);
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
