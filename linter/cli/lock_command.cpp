// `wincompat lock`: resolve images through their registries and pin the
// answers in .wincompat.lock; and the lock (plus --lookup) for `lint`.
#include "commands.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/fix.hpp"

#include <cstdlib>
#include <iostream>

namespace wincompat::cli {

void add_lock_options(CLI::App &cmd, LintArgs &args) {
  as_paths(cmd.add_option("paths", args.paths, "Files and directories (default: .)"));
  cmd.add_flag("--update", args.overrides.update, "Read entries already in the lock again");
  add_list_option(cmd, "--insecure-registry", args.overrides.insecure_registries,
                  "HOST[:PORT] reached over plain HTTP");
  add_config_options(cmd, args.config, args.no_config, "Config file (default: nearest .wincompat.yaml)");
  cmd.add_option("--format", args.format,
                 "How to print images that could not be read: text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  add_list_option(cmd, "--build-arg", args.overrides.build_args, "NAME=VALUE for every Dockerfile's ARG");
  cmd.add_option("--fail-level", args.fail_level, "error, warning, info or none (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads for reading files (default: number of cores)");
  cmd.add_option("--color", args.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  add_root_option(cmd, args.root);
  // The `read` date written for each entry, for reproducible tests; also WINCOMPAT_TODAY.
  add_today_option(cmd, args.overrides.today);
}

int save_lock(const LintArgs &args, const RegistryResolver &resolver, const FileSystem &files) {
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
  // Never outside the repository root nor through a link (a committed
  // .wincompat.lock that links to ~/.ssh/config); the temporary file is
  // created exclusively under a random name, so no planted
  // .wincompat.lock.tmp redirects the write.
  if (!files.trusted(lock.path)) {
    if (const std::string refusal = files.refusal(lock.path); !refusal.empty()) {
      std::cerr << "wincompat: " << printable(display_path(lock.path)) << " " << refusal
                << "; the lock was not written\n";
      return kExitUsage;
    }
  }
  if (const std::string error = write_atomically(lock.path, lock.serialize()); !error.empty()) {
    std::cerr << "wincompat: " << printable(error) << " (the lock was not written)\n";
    return kExitUsage;
  }
  std::cerr << "wincompat: " << display_path(lock.path) << ": " << lock.images.size() << " image"
            << (lock.images.size() == 1 ? "" : "s") << " locked (" << read << " read from registries"
            << (failed ? ", " + std::to_string(failed) + " could not be read" : "") << ")\n";
  (void)args;
  return kExitClean;
}

} // namespace wincompat::cli
