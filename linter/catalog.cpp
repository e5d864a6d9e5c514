#include "wincompat/catalog.hpp"
#include "enum_names.hpp"

#include "data_json.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace wincompat {
namespace data {
extern const std::string_view k_releases_json;
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

namespace {

constexpr EnumName<Channel> kChannelNames[] = {{Channel::Ltsc, "LTSC"},
                                               {Channel::SemiAnnual, "Semi-Annual Channel"},
                                               {Channel::Annual, "Annual Channel"},
                                               {Channel::Client, "client"}};
/// The words of the data file's `channel:`.
constexpr EnumName<Channel> kChannelWords[] = {{Channel::Ltsc, "ltsc"},
                                               {Channel::SemiAnnual, "sac"},
                                               {Channel::Annual, "annual"},
                                               {Channel::Client, "client"}};

} // namespace

std::string_view to_string(Channel channel) {
  return name_of(channel, kChannelNames);
}

namespace {

Channel parse_channel(const std::string &word, const std::string &release) {
  if (const auto channel = value_named(std::string_view(word), kChannelWords)) {
    return *channel;
  }
  throw std::runtime_error("release " + release + ": unknown channel '" + word + "'");
}

uint32_t parse_build_number(const std::string &text, const std::string &release) {
  uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("release " + release + ": build '" + text + "' is not a number");
  }
  return value;
}

} // namespace

ReleaseCatalog ReleaseCatalog::parse(std::string_view yaml_text) {
  return from_json(yaml_text_to_json(yaml_text).dump());
}

ReleaseCatalog ReleaseCatalog::from_json(std::string_view json_text) {
  const DataJson root = DataJson::parse(json_text);
  ReleaseCatalog catalog;
  const auto releases = root.find("releases");
  if (releases == root.end() || !releases->is_array()) {
    return catalog;
  }
  for (const DataJson &node : *releases) {
    Release release;
    release.id = data_string(node, "id");
    release.name = data_string(node, "name");
    release.build = parse_build_number(data_string(node, "build"), release.id);
    release.channel = parse_channel(data_string(node, "channel"), release.id);
    release.has_images = data_flag(node, "images");
    release.stable_abi_ltsc = data_flag(node, "stableAbiLtsc");
    release.end_of_servicing = data_string(node, "endOfServicing");
    release.tags = data_strings(node, "tags");
    release.aliases = data_strings(node, "aliases");
    release.host_aliases = data_strings(node, "hostAliases");
    catalog.releases_.push_back(std::move(release));
  }
  return catalog;
}

const ReleaseCatalog &ReleaseCatalog::builtin() {
  static const ReleaseCatalog catalog = from_json(data::k_releases_json);
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
