#include "wincompat/image_catalog.hpp"
#include "enum_names.hpp"

#include "data_json.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <cctype>

namespace wincompat {
namespace data {
extern const std::string_view k_images_json;
}

namespace {

constexpr EnumName<ImageOs> kImageOsNames[] = {{ImageOs::WindowsBuild, "windows"},
                                               {ImageOs::WindowsMultiPlatform, "windows-multi-platform"},
                                               {ImageOs::WindowsUnpinned, "windows-unpinned"},
                                               {ImageOs::WindowsNoSuchVersion, "windows-no-such-version"},
                                               {ImageOs::WindowsUnknown, "windows-unknown-version"},
                                               {ImageOs::HostProcess, "windows-hostprocess"},
                                               {ImageOs::MultiOs, "multi-os"},
                                               {ImageOs::Linux, "linux"},
                                               {ImageOs::Scratch, "scratch"},
                                               {ImageOs::Unknown, "unknown"}};

} // namespace

std::string_view to_string(ImageOs os) {
  return name_of(os, kImageOsNames, "unknown");
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

/// "bookworm", "alpine3.19": a marker, alone or followed by a version.
bool names_linux_distribution(const std::string &word, const std::vector<std::string> &markers) {
  return std::any_of(markers.begin(), markers.end(), [&](const std::string &m) {
    return word == m || (word.starts_with(m) && word.size() > m.size() &&
                         (std::isdigit(static_cast<unsigned char>(word[m.size()])) != 0));
  });
}

/// The release ids a family published for this tag's product version; null
/// when the family does not say (every release the variant has).
const std::vector<std::string> *published_for(const ImageCatalog::Family *family, const std::string &tag) {
  if (!family) {
    return nullptr;
  }
  const std::string first = tag.substr(0, tag.find('-'));
  for (const auto &[version, ids] : family->published_tags) {
    if (version == first) {
      return &ids;
    }
  }
  return family->releases.empty() || family->kind == "base-os" || family->kind == "insider"
             ? nullptr
             : &family->releases;
}

/// A product version in a tag's first word: "v2.5.0", "3.9", "3.6-hotfix.1"
/// -> {2,5,0}, {3,9}, {3,6}. nullopt when the word is not dotted numbers.
std::optional<std::vector<uint32_t>> tag_version(std::string_view tag) {
  std::string_view word = tag.substr(0, tag.find('-'));
  if (!word.empty() && (word.front() == 'v' || word.front() == 'V')) {
    word.remove_prefix(1);
  }
  std::vector<uint32_t> parts;
  size_t start = 0;
  while (start <= word.size()) {
    const size_t dot = std::min(word.find('.', start), word.size());
    const std::string_view part = word.substr(start, dot - start);
    if (part.empty() || part.size() > 6 || !all_digits(part)) {
      return std::nullopt;
    }
    parts.push_back(static_cast<uint32_t>(std::stoul(std::string(part))));
    start = dot + 1;
  }
  if (parts.empty() || parts.size() > 4) {
    return std::nullopt;
  }
  return parts;
}

/// a < b for dotted versions, missing parts being 0 (3.4 == 3.4.0).
bool version_less(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const uint32_t x = i < a.size() ? a[i] : 0;
    const uint32_t y = i < b.size() ? b[i] : 0;
    if (x != y) {
      return x < y;
    }
  }
  return false;
}

bool matches_repository(const std::string &pattern, const std::string &name) {
  if (pattern.ends_with("/*")) {
    return name.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return pattern == name;
}

/// The spellings a family published for a release, when it restricts them.
const std::vector<std::string> *release_spellings(const ImageCatalog::Family *family, const std::string &id) {
  if (!family) {
    return nullptr;
  }
  for (const auto &[release, tags] : family->release_tags) {
    if (release == id) {
      return &tags;
    }
  }
  return nullptr;
}

std::string family_label(const ImageCatalog::Family *family, const ImageRef &ref) {
  return family ? ref.familiar_name() : std::string("this image");
}

} // namespace

ImageCatalog ImageCatalog::parse(std::string_view yaml_text, const ReleaseCatalog &releases) {
  return from_json(yaml_text_to_json(yaml_text).dump(), releases);
}

ImageCatalog ImageCatalog::from_json(std::string_view json_text, const ReleaseCatalog &releases) {
  const DataJson root = DataJson::parse(json_text);
  ImageCatalog catalog;
  catalog.releases_ = &releases;
  if (const auto markers = root.find("variantMarkers"); markers != root.end() && markers->is_object()) {
    catalog.standalone_markers_ = data_strings(*markers, "standalone");
    catalog.versioned_markers_ = data_strings(*markers, "withVersion");
  }
  catalog.linux_markers_ = data_strings(root, "linuxTagMarkers");
  const auto families = root.find("families");
  if (families == root.end() || !families->is_array()) {
    return catalog;
  }
  for (const DataJson &node : *families) {
    Family family;
    family.id = data_string(node, "id");
    family.kind = data_string(node, "kind");
    family.repositories = data_strings(node, "repositories");
    family.releases = data_strings(node, "releases");
    family.published_tags = data_string_lists(node, "publishedTags");
    family.frozen = data_flag(node, "frozen");
    family.moved_to = data_string(node, "movedTo");
    family.release_tags = data_string_lists(node, "releaseTags");
    if (const auto builds = node.find("windowsBuilds"); builds != node.end() && builds->is_array()) {
      for (const DataJson &span : *builds) {
        family.windows_builds.push_back(
            {data_string(span, "release"), data_string(span, "from"), data_string(span, "until")});
      }
    }
    family.rebuilds = data_strings(node, "rebuilds");
    family.sources = data_strings(node, "sources");
    family.suggest = data_strings(node, "suggest");
    catalog.families_.push_back(std::move(family));
  }
  return catalog;
}

const ImageCatalog &ImageCatalog::builtin() {
  static const ImageCatalog catalog = from_json(data::k_images_json, ReleaseCatalog::builtin());
  return catalog;
}

const ImageCatalog::Family *ImageCatalog::family_of(const std::string &name) const {
  for (const auto &family : families_) {
    for (const auto *list : {&family.repositories, &family.rebuilds}) {
      for (const auto &pattern : *list) {
        if (matches_repository(pattern, name)) {
          return &family;
        }
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
    if (const auto *spellings = release_spellings(family, release->id);
        spellings && std::none_of(spellings->begin(), spellings->end(),
                                  [&](const std::string &t) { return iequals(t, token); })) {
      return no_such(family_label(family, ref) + " has no '" + token + "' tag; the " + res.build.str() +
                     " image is tagged '" + (spellings->empty() ? std::string() : spellings->front()) + "'");
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

std::optional<ImageRef> ImageCatalog::mirrored_mcr_ref(const ImageRef &ref) const {
  static const std::string mcr = "mcr.microsoft.com/";
  if (ref.registry + "/" == mcr || ref.registry == "docker.io") {
    return std::nullopt;
  }
  for (const auto &family : families_) {
    for (const auto &pattern : family.repositories) {
      if (!pattern.starts_with(mcr)) {
        continue;
      }
      std::string path = pattern.substr(mcr.size());
      const bool prefix = path.ends_with("/*");
      if (prefix) {
        path.resize(path.size() - 1); // keep the trailing '/'
      }
      if (path.find('/') == std::string::npos || (prefix && path.find('/') == path.size() - 1)) {
        continue; // one path segment ("windows") is too common a name to be a mirror
      }
      size_t at = std::string::npos;
      if (prefix && ref.repository.starts_with(path)) {
        at = 0;
      } else if (const size_t inner = ref.repository.find("/" + path); prefix && inner != std::string::npos) {
        at = inner + 1;
      } else if (ref.repository == path) {
        at = 0;
      } else if (ref.repository.ends_with("/" + path)) {
        at = ref.repository.size() - path.size();
      }
      if (at != std::string::npos) {
        ImageRef rewritten = ref;
        rewritten.registry = "mcr.microsoft.com";
        rewritten.repository = ref.repository.substr(at);
        return rewritten;
      }
    }
  }
  return std::nullopt;
}

ImageResolution ImageCatalog::resolve(const ImageRef &ref) const {
  if (!family_of(ref.name())) {
    if (auto mcr = mirrored_mcr_ref(ref)) {
      ImageResolution res = resolve_direct(*mcr);
      res.mirror_of = mcr->name();
      return res;
    }
  }
  return resolve_direct(ref);
}

ImageResolution ImageCatalog::resolve_direct(const ImageRef &ref) const {
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
        version->from_tag = !family;
        return finish(unpublished_as_no_such(*version, family, ref));
      }
    }
    if (standalone) {
      res.os = ImageOs::WindowsMultiPlatform;
      res.variant = word;
      return res;
    }
  }

  // A Windows release name as the tag or one of its words, on a repository
  // whose tags the catalog does not list (docs/resolution.md).
  if (!family || family->kind == "multi-os" || family->kind == "windows-only") {
    if (auto tagged = release_in_tag(ref)) {
      return finish(unpublished_as_no_such(*tagged, family, ref));
    }
  }

  if (!family) {
    res.os = ref.name() == "docker.io/library/scratch" ? ImageOs::Scratch : ImageOs::Unknown;
    return res;
  }
  if (family->kind == "multi-os" && std::any_of(tokens.begin(), tokens.end(), [&](const Token &t) {
        return names_linux_distribution(to_lower(t.text), linux_markers_);
      })) {
    res.os = ImageOs::Linux; // golang:1.22-bookworm has no Windows twin
    return res;
  }
  if (family->kind == "multi-os" && !family->windows_builds.empty()) {
    res.os = ImageOs::MultiOs;
    resolve_build_data(*family, ref, res);
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

/// The Windows builds in a multi-build image's manifest list for the tag's
/// version, from the family's windowsBuilds data.
void ImageCatalog::resolve_build_data(const Family &family, const ImageRef &ref, ImageResolution &res) const {
  res.has_build_data = true;
  res.builds_lower_bound =
      std::any_of(family.rebuilds.begin(), family.rebuilds.end(),
                  [&](const std::string &p) { return matches_repository(p, ref.name()); });
  std::string first;
  std::vector<uint32_t> first_version;
  for (const auto &span : family.windows_builds) {
    const auto from = tag_version(span.from);
    if (from && (first.empty() || version_less(*from, first_version))) {
      first = span.from;
      first_version = *from;
    }
  }
  const auto version = tag_version(ref.tag);
  res.token_end = std::min(ref.tag.find('-'), ref.tag.size()); // the version word: what an upgrade changes
  if (!version) {
    res.detail = (ref.tag.empty() ? std::string("a reference without a tag") : "tag '" + ref.tag + "'") +
                 " is not a version whose Windows builds the catalog records (it records them from " + first +
                 ")";
    return;
  }
  std::vector<std::string> later;
  for (const auto &span : family.windows_builds) {
    const Release *release = releases_->find_name(span.release);
    const auto from = tag_version(span.from);
    const auto until = tag_version(span.until);
    if (!release || !from) {
      continue;
    }
    if (version_less(*version, *from)) {
      if (until) {
        continue; // a build that was dropped again is no remedy
      }
      later.push_back(release->id + " (" + WindowsBuild{release->build, {}}.str() + ") is included from " +
                      span.from);
    } else if (!until || version_less(*version, *until)) {
      if (std::none_of(res.windows_builds.begin(), res.windows_builds.end(),
                       [&](const WindowsBuild &b) { return b.build == release->build; })) {
        res.windows_builds.push_back(WindowsBuild{release->build, {}});
      }
    }
  }
  if (res.windows_builds.empty()) {
    res.detail = ref.tag + " is older than every version whose Windows builds the catalog records (from " +
                 first + ")";
    return;
  }
  std::sort(res.windows_builds.begin(), res.windows_builds.end(),
            [](const WindowsBuild &a, const WindowsBuild &b) { return a.build < b.build; });
  res.builds_known = true;
  res.builds_note = join(later, ", ");
}

/// A tag that is a Windows release name ("ltsc2019", "1809"), or carries one
/// as a dash-separated word. Non-numeric names (ltscNNNN, sac2016, 20H2)
/// count anywhere; numeric ones (1809, 2004) only as the whole tag or next to
/// a Windows word elsewhere in the tag (windows, win, nanoserver, servercore,
/// windowsservercore), since "2004" is as likely a date or a build number. A
/// tag with a Linux word (linux, alpine, bookworm ...) is not Windows.
std::optional<ImageResolution> ImageCatalog::release_in_tag(const ImageRef &ref) const {
  const std::vector<Token> tokens = tag_tokens(ref.tag);
  // "1.0-linux-amd64-ltsc2022": a Linux image made for a Windows release
  // (windows-servercore-cache), not a Windows image.
  if (std::any_of(tokens.begin(), tokens.end(), [&](const Token &t) {
        const std::string word = to_lower(t.text);
        return word == "linux" || names_linux_distribution(word, linux_markers_);
      })) {
    return std::nullopt;
  }
  const bool windows_word = std::any_of(tokens.begin(), tokens.end(), [&](const Token &t) {
    const std::string word = to_lower(t.text);
    return word == "win" || contains(standalone_markers_, word) || contains(versioned_markers_, word);
  });
  for (const Token &token : tokens) {
    const bool numeric = all_digits(token.text);
    if (numeric && tokens.size() > 1 && !windows_word) {
      continue;
    }
    const bool spelled =
        std::any_of(releases_->releases().begin(), releases_->releases().end(), [&](const Release &r) {
          return r.has_images && std::any_of(r.tags.begin(), r.tags.end(),
                                             [&](const std::string &t) { return iequals(t, token.text); });
        });
    if (!spelled) {
      continue;
    }
    if (auto version = classify_version(token.text, nullptr, ref);
        version && version->os == ImageOs::WindowsBuild) {
      version->token_begin = token.begin;
      version->token_end = token.end;
      version->from_tag = true;
      return version;
    }
  }
  return std::nullopt;
}

/// A variant tag whose release this repository never published for the tag's
/// product version (dotnet/framework/runtime:4.7.2-windowsservercore-ltsc2022).
ImageResolution ImageCatalog::unpublished_as_no_such(ImageResolution res, const Family *family,
                                                     const ImageRef &ref) const {
  const std::vector<std::string> *ids = published_for(family, ref.tag);
  if (res.os != ImageOs::WindowsBuild || !res.release || !ids || contains(*ids, res.release->id)) {
    return res;
  }
  const std::string first = ref.tag.substr(0, ref.tag.find('-'));
  const bool by_version = std::any_of(family->published_tags.begin(), family->published_tags.end(),
                                      [&](const auto &entry) { return entry.first == first; });
  std::vector<std::string> tags;
  for (const std::string &id : *ids) {
    if (const Release *release = releases_->find_name(id); release && !release->tags.empty()) {
      tags.push_back(release->tags.front());
    }
  }
  res.os = ImageOs::WindowsNoSuchVersion;
  res.detail =
      ref.familiar_name() + (by_version ? " " + first : std::string()) +
      (family->frozen ? " stopped receiving tags when Microsoft moved its images to MCR; it has" : " has") +
      " images for " + join(tags, ", ") + " only, not " + res.version_token;
  return res;
}

bool ImageCatalog::publishes(const ImageRef &ref, const ImageResolution &res, const Release &release) const {
  // 1809 and ltsc2019 are one build: either spelling published counts.
  return std::any_of(releases_->releases().begin(), releases_->releases().end(), [&](const Release &same) {
    return same.build == release.build && publishes_release(ref, res, same);
  });
}

bool ImageCatalog::publishes_release(const ImageRef &ref, const ImageResolution &res,
                                     const Release &release) const {
  if (!release.has_images) {
    return false;
  }
  const ImageRef &named = res.mirror_of.empty() ? ref : *mirrored_mcr_ref(ref);
  const Family *family = family_of(named.name());
  if (family && family->kind == "base-os") {
    return release_in_family(release, family);
  }
  if (const std::vector<std::string> *ids = published_for(family, named.tag);
      ids && !contains(*ids, release.id)) {
    return false;
  }
  if (!res.variant.empty()) {
    const Family *variant = family_by_id(res.variant == "nanoserver" ? "windows-nanoserver"
                                         : res.variant == "windows"  ? "windows"
                                                                     : "windows-servercore");
    return release_in_family(release, variant);
  }
  return true;
}

std::optional<ImageCatalog::Retag> ImageCatalog::retag(const ImageRef &ref, const ImageResolution &res,
                                                       uint32_t target_build) const {
  if (!ref.digest.empty() || ref.tag.empty() || res.token_end <= res.token_begin) {
    return std::nullopt; // a digest would still pin the old image
  }
  if (res.from_tag && res.variant.empty()) {
    return std::nullopt; // a naming convention says nothing of which other tags exist
  }
  const ImageRef &named = res.mirror_of.empty() ? ref : *mirrored_mcr_ref(ref);
  const Family *family = family_of(named.name());
  if (family && family->frozen) {
    const Family *successor = family->moved_to.empty() ? nullptr : family_of(family->moved_to);
    if (!successor) {
      return std::nullopt;
    }
    ImageRef moved = *parse_image_ref(family->moved_to + ":" + ref.tag);
    const ImageResolution moved_res = resolve(moved);
    const std::string token = version_token_for(moved, moved_res, target_build);
    if (token.empty()) {
      return std::nullopt;
    }
    const std::string tag = ref.tag.substr(0, res.token_begin) + token + ref.tag.substr(res.token_end);
    return Retag{0, ref.tag_end, family->moved_to + ":" + tag};
  }
  const std::string token = version_token_for(ref, res, target_build);
  if (token.empty()) {
    return std::nullopt;
  }
  return Retag{ref.tag_begin + res.token_begin, ref.tag_begin + res.token_end, token};
}

std::string ImageCatalog::version_token_for(const ImageRef &ref, const ImageResolution &res,
                                            uint32_t target_build) const {
  if (res.version_token.empty() || res.token_end <= res.token_begin) {
    return "";
  }
  const Family *family = family_of((res.mirror_of.empty() ? ref : *mirrored_mcr_ref(ref)).name());
  if (family && family->kind != "base-os") {
    family = nullptr;
  }
  if (!family && !res.variant.empty()) {
    family = family_by_id(res.variant == "nanoserver" ? "windows-nanoserver"
                          : res.variant == "windows"  ? "windows"
                                                      : "windows-servercore");
  }
  const Family *own = family_of((res.mirror_of.empty() ? ref : *mirrored_mcr_ref(ref)).name());
  if (own && own->frozen) {
    return ""; // no new tag was ever published there
  }
  const std::vector<std::string> *published =
      published_for(own && own->kind != "base-os" ? own : nullptr, ref.tag);
  std::vector<const Release *> order; // the family's preferred spelling of a shared build first
  if (family) {
    for (const std::string &id : family->suggest) {
      if (const Release *release = releases_->find_name(id)) {
        order.push_back(release);
      }
    }
  }
  for (const auto &release : releases_->releases()) {
    order.push_back(&release);
  }
  for (const Release *candidate : order) {
    const Release &release = *candidate;
    if (release.build == target_build && release.has_images && !release.tags.empty() &&
        release_in_family(release, family) && (!published || contains(*published, release.id))) {
      const bool numeric = parse_windows_build(res.version_token).has_value();
      if (numeric) {
        return WindowsBuild{target_build, {}}.str();
      }
      const auto *spellings = release_spellings(family, release.id);
      return spellings && !spellings->empty() ? spellings->front() : release.tags.front();
    }
  }
  return "";
}

} // namespace wincompat
