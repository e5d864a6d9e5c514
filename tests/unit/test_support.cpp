#include "test_support.hpp"

#include <catch2/catch.hpp>

#include "text_util.hpp"
#include "wincompat/registry.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace wincompat::test {

LintOptions options_from_words(const std::vector<std::string> &words, const std::string &base_dir) {
  LintOptions options;
  options.jobs = 1;
  options.settings.today = "2026-11-23";
  const auto path = [&](const std::string &p) {
    return base_dir.empty() || p.starts_with("/") ? p : base_dir + "/" + p;
  };
  std::vector<std::string> node_files;
  Config config;
  ImageLock lock;
  bool lookup = false;
  RegistrySettings registry_settings;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string &word = words[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= words.size()) {
        throw std::runtime_error("option " + word + " needs a value");
      }
      return words[++i];
    };
    if (word == "--host") {
      auto host = parse_host_spec(value(), ReleaseCatalog::builtin());
      if (!host) {
        throw std::runtime_error("bad --host in test options");
      }
      options.settings.hosts.push_back(*host);
    } else if (word == "--isolation") {
      options.settings.isolation = parse_isolation(value()).value();
    } else if (word == "--build-arg") {
      const std::string pair = value();
      options.build_args[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
    } else if (word == "--today") {
      options.settings.today = value();
    } else if (word == "--config") {
      config = load_config(path(value()));
      if (!config.errors.empty()) {
        throw std::runtime_error("bad test config: " + config.errors.front().message);
      }
      for (const auto &spec : config.hosts) {
        options.settings.hosts.push_back(*parse_host_spec(spec, ReleaseCatalog::builtin()));
      }
      if (config.isolation) {
        options.settings.isolation = *config.isolation;
      }
      options.build_args.insert(config.build_args.begin(), config.build_args.end());
      options.images = config.images;
      options.severities = config.rules;
      options.settings.lifecycle_warning_days = config.lifecycle_warning_days.value_or(180);
    } else if (word == "--lock") {
      std::string error;
      lock = load_lock(path(value()), &error);
      if (!error.empty() || lock.images.empty()) {
        throw std::runtime_error("bad test lock: " + error);
      }
    } else if (word == "--lookup") {
      lookup = true;
    } else if (word == "--insecure-registry") {
      registry_settings.insecure.push_back(value());
    } else if (word == "--all-documents") {
      options.all_documents = true;
    } else if (word == "--nodes") {
      node_files.push_back(path(value()));
    } else if (word == "--select") {
      for (const auto &code : split(value(), ',')) {
        options.select.push_back(code);
      }
    } else {
      throw std::runtime_error("unknown test option " + word);
    }
  }
  if (lookup || !lock.images.empty()) {
    // No cache: a test must see what the registry says now.
    registry_settings.today = options.settings.today;
    registry_settings.connect_timeout_ms = 2000;
    options.registry = std::make_shared<RegistryResolver>(
        std::move(lock), lookup ? make_registry_lookup(registry_settings) : nullptr);
  }
  std::vector<FileResult> errors;
  options.pools = load_inventory(config, node_files, errors);
  options.has_inventory = !options.pools.empty();
  if (!errors.empty()) {
    throw std::runtime_error(
        "bad test inventory: " + errors.front().path + ": " +
        (errors.front().diagnostics.empty() ? "" : errors.front().diagnostics.front().message));
  }
  return options;
}

FileResult run(const std::string &text, const std::vector<std::string> &words, const std::string &name) {
  return lint_text(name, text, options_from_words(words, source_dir()));
}

std::vector<std::string> codes(const std::string &text, const std::vector<std::string> &words,
                               const std::string &name) {
  std::vector<std::string> out;
  for (const auto &d : run(text, words, name).diagnostics) {
    out.push_back(d.code);
  }
  return out;
}

bool fires(const std::string &code, const std::string &text, const std::vector<std::string> &words,
           const std::string &name) {
  std::vector<std::string> all = words;
  all.push_back("--select");
  all.push_back(code);
  for (const auto &c : codes(text, all, name)) {
    if (c == code) {
      return true;
    }
  }
  return false;
}

ImageRef ref_of(const std::string &text) {
  auto ref = parse_image_ref(text);
  INFO("reference: " << text);
  REQUIRE(ref.has_value());
  return *ref;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string source_dir() {
  return WINCOMPAT_SOURCE_DIR;
}

bool golden_update_mode(const char *variable) {
  const char *value = std::getenv(variable);
  if (value == nullptr || std::string_view(value) != "1") {
    return false;
  }
  const char *ci = std::getenv("CI");
  if (ci != nullptr && std::string_view(ci) == "true") {
    FAIL(variable << "=1 under CI=true: update mode rewrites expected files instead of checking them");
  }
  return true;
}

} // namespace wincompat::test
