#include "wincompat/image_catalog.hpp"

#include "text_util.hpp"

#include <yaml-cpp/yaml.h>

namespace wincompat {
namespace data {
extern const std::string_view k_images_yaml;
}

std::string_view to_string(ImageOs os) {
  switch (os) {
  case ImageOs::WindowsBuild:
    return "windows";
  case ImageOs::WindowsMultiPlatform:
    return "windows-multi-platform";
  case ImageOs::WindowsUnpinned:
    return "windows-unpinned";
  case ImageOs::WindowsNoSuchVersion:
    return "windows-no-such-version";
  case ImageOs::WindowsUnknown:
    return "windows-unknown-version";
  case ImageOs::HostProcess:
    return "windows-hostprocess";
  case ImageOs::MultiOs:
    return "multi-os";
  case ImageOs::Linux:
    return "linux";
  case ImageOs::Scratch:
    return "scratch";
  case ImageOs::Unknown:
    return "unknown";
  }
  return "unknown";
}

namespace {

struct Token {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};

std::vector<Token> tag_tokens(const std::string &tag) {
  std::vector<Token> tokens;
  size_t start = 0;
  for (size_t i = 0; i <= tag.size(); ++i) {
    if (i == tag.size() || tag[i] == '-') {
      if (i > start) {
        tokens.push_back({tag.substr(start, i - start), start, i});
      }
      start = i + 1;
    }
  }
  return tokens;
}

/// ltscNNNN, sacNNNN, NNhN, NNNN or 10.0.N[.N]: spellings of a Windows version.
bool version_shaped(const std::string &token) {
  const std::string t = to_lower(token);
  const auto digits = [&](size_t from, size_t count) {
    return t.size() >= from + count && all_digits(std::string_view(t).substr(from, count));
  };
  if ((t.starts_with("ltsc") && t.size() == 8 && digits(4, 4)) ||
      (t.starts_with("sac") && t.size() == 7 && digits(3, 4))) {
    return true;
  }
  if (t.size() == 4 && (all_digits(t) || (digits(0, 2) && t[2] == 'h' && digits(3, 1)))) {
    return true;
  }
  return parse_windows_build(t).has_value();
}

bool contains(const std::vector<std::string> &items, const std::string &item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool release_in_family(const Release &release, const ImageCatalog::Family *family) {
  return !family || family->releases.empty() || contains(family->releases, release.id);
}

std::string family_label(const ImageCatalog::Family *family, const ImageRef &ref) {
  return family ? ref.familiar_name() : std::string("this image");
}

} // namespace

ImageCatalog ImageCatalog::parse(std::string_view yaml_text, const ReleaseCatalog &releases) {
  ImageCatalog catalog;
  catalog.releases_ = &releases;
  const YAML::Node root = YAML::Load(std::string(yaml_text));
  for (const auto &marker : root["variantMarkers"]["standalone"]) {
    catalog.standalone_markers_.push_back(marker.as<std::string>());
  }
  for (const auto &marker : root["variantMarkers"]["withVersion"]) {
    catalog.versioned_markers_.push_back(marker.as<std::string>());
  }
  for (const auto &node : root["families"]) {
    Family family;
    family.id = node["id"].as<std::string>();
    family.kind = node["kind"].as<std::string>();
    for (const auto &repo : node["repositories"]) {
      family.repositories.push_back(repo.as<std::string>());
    }
    if (node["releases"]) {
      for (const auto &release : node["releases"]) {
        family.releases.push_back(release.as<std::string>());
      }
    }
    catalog.families_.push_back(std::move(family));
  }
  return catalog;
}

const ImageCatalog &ImageCatalog::builtin() {
  static const ImageCatalog catalog = parse(data::k_images_yaml, ReleaseCatalog::builtin());
  return catalog;
}

const ImageCatalog::Family *ImageCatalog::family_of(const std::string &name) const {
  for (const auto &family : families_) {
    for (const auto &pattern : family.repositories) {
      if (pattern.ends_with("/*")) {
        if (name.starts_with(pattern.substr(0, pattern.size() - 1))) {
          return &family;
        }
      } else if (pattern == name) {
        return &family;
      }
    }
  }
  return nullptr;
}

const ImageCatalog::Family *ImageCatalog::family_by_id(std::string_view id) const {
  for (const auto &family : families_) {
    if (family.id == id) {
      return &family;
    }
  }
  return nullptr;
}

/// Classifies one tag word as a Windows version. nullopt: not a version at all.
std::optional<ImageResolution> ImageCatalog::classify_version(const std::string &token, const Family *family,
                                                              const ImageRef &ref) const {
  ImageResolution res;
  res.version_token = token;
  const auto no_such = [&](std::string detail) {
    res.os = ImageOs::WindowsNoSuchVersion;
    res.detail = std::move(detail);
    return res;
  };
  if (auto build = parse_windows_build(token)) {
    res.build = *build;
    const Release *release = nullptr;
    for (const auto &candidate : releases_->releases()) {
      if (candidate.build == build->build && candidate.has_images && release_in_family(candidate, family)) {
        release = &candidate;
        break;
      }
    }
    if (!release) {
      const Release *known = releases_->find_build(build->build);
      return no_such(known
                         ? "no container images are published for " + build->str() + " (" + known->name + ")"
                         : build->str() + " is not a Windows build that has container images");
    }
    res.os = ImageOs::WindowsBuild;
    res.release = release;
    return res;
  }
  const Release *release = releases_->find_name(token, /*as_host=*/true);
  if (release) {
    const bool is_tag_spelling = std::any_of(release->tags.begin(), release->tags.end(),
                                             [&](const std::string &t) { return iequals(t, token); });
    res.build = WindowsBuild{release->build, std::nullopt};
    res.release = release;
    if (!release->has_images) {
      return no_such(release->name + " (" + res.build.str() +
                     ") has no container images; images for it do not exist");
    }
    if (!is_tag_spelling) {
      return no_such("'" + token + "' is not a published tag; " + release->name + " is tagged '" +
                     release->tags.front() + "'");
    }
    if (!release_in_family(*release, family)) {
      std::string other;
      for (const auto &candidate : releases_->releases()) {
        if (candidate.build == release->build && candidate.has_images &&
            release_in_family(candidate, family)) {
          other = candidate.tags.front();
        }
      }
      return no_such(
          family_label(family, ref) + " has no '" + token + "' tag" +
          (other.empty() ? std::string() : "; the " + res.build.str() + " image is tagged '" + other + "'"));
    }
    res.os = ImageOs::WindowsBuild;
    return res;
  }
  if (version_shaped(token)) {
    return no_such("'" + token + "' is not a Windows release with container images");
  }
  return std::nullopt;
}

ImageResolution ImageCatalog::resolve(const ImageRef &ref) const {
  const Family *family = family_of(ref.name());
  ImageResolution res;
  res.family = family ? family->id : "";
  const auto finish = [&](ImageResolution r) {
    r.family = res.family;
    return r;
  };
  if (family && family->kind == "host-process") {
    res.os = ImageOs::HostProcess;
    return res;
  }
  const std::vector<Token> tokens = tag_tokens(ref.tag);
  const std::string lower_tag = to_lower(ref.tag);

  if (family && (family->kind == "base-os" || family->kind == "insider")) {
    if (ref.tag.empty() && !ref.digest.empty()) {
      res.os = ImageOs::WindowsUnknown;
      res.detail = "a digest alone does not tell which Windows build it is";
      return res;
    }
    if (family->kind == "insider") {
      for (const auto &token : tokens) {
        if (auto build = parse_windows_build(token.text)) {
          res.os = ImageOs::WindowsBuild;
          res.build = *build;
          res.version_token = token.text;
          res.token_begin = token.begin;
          res.token_end = token.end;
          return res;
        }
      }
      res.os = ImageOs::WindowsUnknown;
      res.detail = "Insider images change build with every flight; pin a 10.0.N.R tag";
      return res;
    }
    if (ref.tag.empty() || lower_tag == "latest") {
      res.os = ImageOs::WindowsUnpinned;
      return res;
    }
    for (const auto &token : tokens) {
      if (auto version = classify_version(token.text, family, ref)) {
        version->token_begin = token.begin;
        version->token_end = token.end;
        return finish(*version);
      }
    }
    res.os = ImageOs::WindowsUnknown;
    res.detail = "tag '" + ref.tag + "' names no Windows version this tool knows";
    return res;
  }

  // A variant marker in the tag decides, whatever the repository.
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string word = to_lower(tokens[i].text);
    const bool standalone = contains(standalone_markers_, word);
    if (!standalone && !contains(versioned_markers_, word)) {
      continue;
    }
    if (i + 1 < tokens.size()) {
      const Token &next = tokens[i + 1];
      if (iequals(next.text, "insider")) {
        res.os = ImageOs::WindowsUnknown;
        res.detail = "Insider images change build with every flight";
        res.variant = word;
        return res;
      }
      if (auto version = classify_version(next.text, nullptr, ref)) {
        version->token_begin = next.begin;
        version->token_end = next.end;
        version->variant = word;
        return finish(*version);
      }
    }
    if (standalone) {
      res.os = ImageOs::WindowsMultiPlatform;
      res.variant = word;
      return res;
    }
  }

  if (!family) {
    res.os = ref.name() == "docker.io/library/scratch" ? ImageOs::Scratch : ImageOs::Unknown;
    return res;
  }
  if (family->kind == "windows-only") {
    res.os =
        (ref.tag.empty() && !ref.digest.empty()) ? ImageOs::WindowsUnknown : ImageOs::WindowsMultiPlatform;
    if (res.os == ImageOs::WindowsUnknown) {
      res.detail = "a digest alone does not tell which Windows build it is";
    }
    return res;
  }
  res.os = family->kind == "linux" ? ImageOs::Linux : ImageOs::MultiOs;
  return res;
}

std::string ImageCatalog::version_token_for(const ImageRef &ref, const ImageResolution &res,
                                            uint32_t target_build) const {
  if (res.version_token.empty() || res.token_end <= res.token_begin) {
    return "";
  }
  const Family *family = family_of(ref.name());
  if (family && family->kind != "base-os") {
    family = nullptr;
  }
  if (!family && !res.variant.empty()) {
    family = family_by_id(res.variant == "nanoserver" ? "windows-nanoserver"
                          : res.variant == "windows"  ? "windows"
                                                      : "windows-servercore");
  }
  for (const auto &release : releases_->releases()) {
    if (release.build == target_build && release.has_images && !release.tags.empty() &&
        release_in_family(release, family)) {
      const bool numeric = parse_windows_build(res.version_token).has_value();
      return numeric ? WindowsBuild{target_build, {}}.str() : release.tags.front();
    }
  }
  return "";
}

} // namespace wincompat
