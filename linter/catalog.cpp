#include "wincompat/catalog.hpp"

#include "text_util.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace wincompat {
namespace data {
extern const std::string_view k_releases_yaml;
}

std::string WindowsBuild::str() const {
  return "10.0." + std::to_string(build);
}

std::string WindowsBuild::full_str() const {
  return revision ? str() + "." + std::to_string(*revision) : str();
}

std::optional<WindowsBuild> parse_windows_build(std::string_view text) {
  if (!text.starts_with("10.0.")) {
    return std::nullopt;
  }
  text.remove_prefix(5);
  WindowsBuild result;
  const auto parse_number = [](std::string_view digits) -> std::optional<uint32_t> {
    uint32_t value = 0;
    if (digits.empty() || digits.size() > 9) {
      return std::nullopt;
    }
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return std::nullopt;
    }
    return value;
  };
  const size_t dot = text.find('.');
  auto build = parse_number(text.substr(0, dot));
  if (!build) {
    return std::nullopt;
  }
  result.build = *build;
  if (dot != std::string_view::npos) {
    auto revision = parse_number(text.substr(dot + 1));
    if (!revision) {
      return std::nullopt;
    }
    result.revision = revision;
  }
  return result;
}

std::string_view to_string(Channel channel) {
  switch (channel) {
  case Channel::Ltsc:
    return "LTSC";
  case Channel::SemiAnnual:
    return "Semi-Annual Channel";
  case Channel::Annual:
    return "Annual Channel";
  case Channel::Client:
    return "client";
  }
  return "";
}

namespace {

Channel parse_channel(const YAML::Node &node) {
  const auto word = node.as<std::string>();
  if (word == "ltsc") {
    return Channel::Ltsc;
  }
  if (word == "sac") {
    return Channel::SemiAnnual;
  }
  if (word == "annual") {
    return Channel::Annual;
  }
  if (word == "client") {
    return Channel::Client;
  }
  throw std::runtime_error("line " + std::to_string(node.Mark().line + 1) + ": unknown channel '" + word +
                           "'");
}

std::vector<std::string> string_list(const YAML::Node &node) {
  std::vector<std::string> out;
  if (node) {
    for (const auto &item : node) {
      out.push_back(item.as<std::string>());
    }
  }
  return out;
}

} // namespace

ReleaseCatalog ReleaseCatalog::parse(std::string_view yaml_text) {
  ReleaseCatalog catalog;
  const YAML::Node root = YAML::Load(std::string(yaml_text));
  for (const auto &node : root["releases"]) {
    Release release;
    release.id = node["id"].as<std::string>();
    release.name = node["name"].as<std::string>();
    release.build = node["build"].as<uint32_t>();
    release.channel = parse_channel(node["channel"]);
    release.has_images = node["images"].as<bool>(false);
    release.stable_abi_ltsc = node["stableAbiLtsc"].as<bool>(false);
    release.end_of_servicing = node["endOfServicing"].as<std::string>("");
    release.tags = string_list(node["tags"]);
    release.aliases = string_list(node["aliases"]);
    release.host_aliases = string_list(node["hostAliases"]);
    catalog.releases_.push_back(std::move(release));
  }
  return catalog;
}

const ReleaseCatalog &ReleaseCatalog::builtin() {
  static const ReleaseCatalog catalog = parse(data::k_releases_yaml);
  return catalog;
}

const Release *ReleaseCatalog::find_name(std::string_view name, bool as_host) const {
  for (const auto &release : releases_) {
    if (iequals(release.id, name)) {
      return &release;
    }
    const auto matches = [&](const std::vector<std::string> &names) {
      return std::any_of(names.begin(), names.end(),
                         [&](const std::string &alias) { return iequals(alias, name); });
    };
    if (matches(release.tags) || matches(release.aliases) || (as_host && matches(release.host_aliases))) {
      return &release;
    }
  }
  return nullptr;
}

const Release *ReleaseCatalog::find_build(uint32_t build) const {
  const Release *found = nullptr;
  for (const auto &release : releases_) {
    if (release.build != build) {
      continue;
    }
    if (!found || (release.channel == Channel::Ltsc && found->channel != Channel::Ltsc)) {
      found = &release;
    }
  }
  return found;
}

const Release *ReleaseCatalog::servicing_release(uint32_t build) const {
  // 1809 and ltsc2019 are one build: the LTSC lifecycle decides (docs/how-it-works.md, "Releases").
  return find_build(build);
}

std::vector<uint32_t> ReleaseCatalog::stable_ltsc_builds() const {
  std::vector<uint32_t> builds;
  for (const auto &release : releases_) {
    if (release.stable_abi_ltsc) {
      builds.push_back(release.build);
    }
  }
  std::sort(builds.begin(), builds.end());
  return builds;
}

std::vector<std::string> ReleaseCatalog::host_names() const {
  std::vector<std::string> names;
  for (const auto &release : releases_) {
    names.push_back(release.id);
    names.insert(names.end(), release.aliases.begin(), release.aliases.end());
    names.insert(names.end(), release.host_aliases.begin(), release.host_aliases.end());
  }
  return names;
}

std::optional<Host> parse_host_spec(std::string_view spec, const ReleaseCatalog &catalog) {
  if (auto build = parse_windows_build(spec)) {
    // A build no Windows release has (a typo such as 10.0.2034) would make
    // every pairing against it meaningless.
    const Release *release = catalog.find_build(build->build);
    if (!release) {
      return std::nullopt;
    }
    return Host{std::string(spec), *build, release};
  }
  if (const Release *release = catalog.find_name(spec, /*as_host=*/true)) {
    return Host{release->id, WindowsBuild{release->build, std::nullopt}, release};
  }
  return std::nullopt;
}

} // namespace wincompat
