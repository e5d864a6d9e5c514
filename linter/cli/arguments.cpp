// Command-line words CLI11 would misread: a single-dash long option (`-host`
// reads as `-h`, help, exit 0) and a mistyped subcommand. Checked before
// parsing so that both are usage errors with a suggestion.
#include "commands.hpp"
#include "platform.hpp"

#include "reporters/reporters.hpp"
#include "repository.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

namespace wincompat::cli {

namespace {

std::vector<const CLI::App *> subcommands_of(const CLI::App &app) {
  return app.get_subcommands([](const CLI::App *) { return true; });
}

std::string unknown_command(const CLI::App &app, std::string_view word) {
  std::string names;
  const CLI::App *nearest = nullptr;
  size_t best = 3; // suggest only a near miss
  for (const CLI::App *sub : subcommands_of(app)) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
    const size_t distance = edit_distance(word, sub->get_name());
    if (distance < best) {
      best = distance;
      nearest = sub;
    }
  }
  std::string message = "unknown command '" + std::string(word) + "'";
  if (nearest) {
    return message + "; did you mean '" + nearest->get_name() + "'?";
  }
  return message + " (commands: " + names + ")";
}

/// Whether `word` is a long option of `sub` that takes a value (so the next
/// word is that value, whatever it looks like).
bool takes_value(const CLI::App &sub, std::string_view word) {
  if (!word.starts_with("--") || word.find('=') != std::string_view::npos) {
    return word == "-j";
  }
  const CLI::Option *option = sub.get_option_no_throw(std::string(word));
  return option && option->get_type_size_min() > 0;
}

/// Every long option of `sub` and of the apps above it (`--help`), with
/// its dashes.
std::vector<std::string> long_options(const CLI::App &sub) {
  std::vector<std::string> names;
  for (const CLI::App *app = &sub; app; app = app->get_parent()) {
    for (const CLI::Option *option : app->get_options()) {
      for (const std::string &name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  return names;
}

/// A `--word` (or `--word=value`) that names no option of `sub`: a usage
/// error naming the nearest option, as CLI11 would only say "not expected".
std::optional<std::string> unknown_long_option(const CLI::App &sub, std::string_view word) {
  if (!word.starts_with("--") || word.size() == 2) {
    return std::nullopt;
  }
  const std::string name(word.substr(0, word.find('=')));
  const std::vector<std::string> known = long_options(sub);
  if (std::find(known.begin(), known.end(), name) != known.end()) {
    return std::nullopt;
  }
  std::string message = "unknown option '" + name + "' for `wincompat " + sub.get_name() + "`";
  if (const std::string nearest = nearest_word(name, known); !nearest.empty()) {
    return message + "; did you mean '" + nearest + "'?";
  }
  return message + " (`wincompat " + sub.get_name() + " --help` lists them)";
}

} // namespace

std::optional<std::string> malformed_arguments(const CLI::App &app, int argc, char **argv) {
  if (argc < 2) {
    return std::nullopt;
  }
  const std::string_view first = argv[1];
  if (first.empty() || first.front() == '-') {
    return std::nullopt; // --help, --version: CLI11's
  }
  const auto subs = subcommands_of(app);
  const auto found =
      std::find_if(subs.begin(), subs.end(), [&](const CLI::App *sub) { return sub->get_name() == first; });
  if (found == subs.end()) {
    return unknown_command(app, first);
  }
  const CLI::App &sub = **found;
  for (int i = 2; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") {
      break;
    }
    if (auto unknown = unknown_long_option(sub, word)) {
      return unknown;
    }
    if (takes_value(sub, word)) {
      ++i;
      continue;
    }
    const bool single_dash_word = word.size() > 2 && word[0] == '-' && word[1] != '-' &&
                                  std::isalpha(static_cast<unsigned char>(word[1]));
    const bool jobs = word[0] == '-' && word.size() > 2 && word[1] == 'j' &&
                      std::all_of(word.begin() + 2, word.end(), [](char c) { return std::isdigit(c); });
    if (!single_dash_word || jobs) {
      continue;
    }
    std::string message = "unknown option '" + std::string(word) + "': long options take two dashes";
    const std::string doubled = "-" + std::string(word.substr(0, word.find('=')));
    if (sub.get_option_no_throw(doubled)) {
      message += "; did you mean '" + doubled + "'?";
    }
    return message;
  }
  return std::nullopt;
}

CLI::Option *add_list_option(CLI::App &cmd, const std::string &name, std::vector<std::string> &values,
                             const std::string &help) {
  return cmd.add_option(name, values, help)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_config_options(CLI::App &cmd, std::string &config, bool &no_config, const std::string &config_help) {
  as_paths(cmd.add_option("--config", config, config_help));
  cmd.add_flag("--no-config", no_config, "Ignore .wincompat.yaml");
}

void add_load_restrictor_option(CLI::App &cmd, std::string &restrictor) {
  cmd.add_option("--load-restrictor", restrictor,
                 "kustomize: LoadRestrictionsRootOnly or LoadRestrictionsNone (default: build as None "
                 "would, and warn once per kustomization that reads outside its folder)")
      ->check(CLI::IsMember({"LoadRestrictionsRootOnly", "LoadRestrictionsNone"}));
}

void add_capabilities_options(CLI::App &cmd, OptionOverrides &overrides) {
  cmd.add_option("--kube-version", overrides.kube_version,
                 "Charts: the Kubernetes version of .Capabilities.KubeVersion, X.Y[.Z] (as helm template's; "
                 "default v1.34.0)");
  add_list_option(cmd, "--api-versions", overrides.api_versions,
                  "Charts: an API version added to .Capabilities.APIVersions, GROUP/VERSION[/KIND] (as helm "
                  "template's; repeatable, or a comma list)");
}

CLI::Option *as_paths(CLI::Option *option) {
#ifdef _WIN32
  option->transform([](std::string path) { return platform::generic_path(std::move(path)); });
#endif
  return option;
}

void add_root_option(CLI::App &cmd, std::string &root) {
  as_paths(
      cmd.add_option("--root", root,
                     "The repository root: nothing outside it is read or written, after resolving symbolic "
                     "links (default: the git top level of each path, else the path's folder)"));
}

std::shared_ptr<ConfinedFileSystem> confined_files(const std::vector<std::string> &paths,
                                                   const std::string &root, const std::string &config,
                                                   const std::vector<std::string> &values_files) {
  auto files = std::make_shared<ConfinedFileSystem>(confinement_roots(paths, root),
                                                    std::make_shared<DiskFileSystem>(true));
  if (!config.empty()) {
    files->allow(config);
  }
  for (const std::string &path : values_files) {
    files->allow(path);
  }
  return files;
}

void trust_config_paths(const Config &config, ConfinedFileSystem &files) {
  if (config.path.empty() || !files.trusted(config.path)) {
    return;
  }
  for (const ChartEnvironment &chart : config.charts) {
    for (const std::string &path : chart.values_files) {
      files.allow(path);
    }
  }
  for (const ImageMapping &mapping : config.images) {
    files.allow(mapping.dockerfile);
  }
}

void add_today_option(CLI::App &cmd, std::string &today) {
  cmd.add_option("--today", today, "Date used as today (YYYY-MM-DD)")->group("");
}

} // namespace wincompat::cli
