// .wincompat.lock: what registries said about images, pinned for offline lint.
#include "repository.hpp"
#include "wincompat/registry.hpp"

#include "text_util.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

constexpr const char *kLockName = ".wincompat.lock";

std::string yaml_quoted(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

/// A plain scalar when YAML reads it back as the same string, else quoted.
std::string yaml_scalar(const std::string &text) {
  const bool plain = !text.empty() && text.find_first_of(":#{}[],&*!|>'\"%@`") == std::string::npos &&
                     text.front() != '-' && text.front() != ' ' && text.back() != ' ' && !all_digits(text) &&
                     text != "null" && text != "true" && text != "false" && text != "~";
  return plain ? text : yaml_quoted(text);
}

std::string required_string(const YAML::Node &node, const char *key, const std::string &where) {
  const YAML::Node value = node[key];
  if (!value || !value.IsScalar() || value.Scalar().empty()) {
    throw std::runtime_error(where + " has no '" + key + "'");
  }
  return value.Scalar();
}

std::string optional_string(const YAML::Node &node, const char *key) {
  const YAML::Node value = node[key];
  return value && value.IsScalar() ? value.Scalar() : std::string();
}

fs::path start_directory(const std::string &start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start.empty() ? "." : start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec) && dir.has_parent_path()) {
    dir = dir.parent_path();
  }
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path()) {
    dir = dir.parent_path();
  }
  return dir;
}

std::string release_date_note(const std::string &read) {
  return read.empty() ? std::string() : ", read " + read;
}

} // namespace

bool ImagePlatform::operator<(const ImagePlatform &o) const {
  return std::tie(os, architecture, os_version, variant) <
         std::tie(o.os, o.architecture, o.os_version, o.variant);
}

std::string lock_key(const ImageRef &ref) {
  std::string key = ref.name();
  if (!ref.tag.empty()) {
    key += ":" + ref.tag;
  } else if (ref.digest.empty()) {
    key += ":latest";
  }
  if (!ref.digest.empty()) {
    key += "@" + ref.digest;
  }
  return key;
}

ImageLock ImageLock::parse(const std::string &text, std::string *error) {
  ImageLock lock;
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) {
      return lock;
    }
    if (!root.IsMap()) {
      throw std::runtime_error("it is not a mapping with 'version' and 'images'");
    }
    if (const YAML::Node version = root["version"]; !version || version.Scalar() != "1") {
      throw std::runtime_error("its version is not 1 (written by a newer wincompat?)");
    }
    const YAML::Node images = root["images"];
    if (images && !images.IsNull() && !images.IsMap()) {
      throw std::runtime_error("'images' is not a mapping");
    }
    for (const auto &entry : images) {
      LockedImage image;
      image.reference = entry.first.Scalar();
      const std::string where = "entry '" + image.reference + "'";
      if (!entry.second.IsMap()) {
        throw std::runtime_error(where + " is not a mapping");
      }
      image.digest = required_string(entry.second, "digest", where);
      image.read = optional_string(entry.second, "read");
      const YAML::Node platforms = entry.second["platforms"];
      if (!platforms || !platforms.IsSequence()) {
        throw std::runtime_error(where + " has no 'platforms' list");
      }
      for (const YAML::Node &p : platforms) {
        if (!p.IsMap()) {
          throw std::runtime_error(where + " has a platform that is not a mapping");
        }
        image.platforms.push_back({required_string(p, "os", where), optional_string(p, "architecture"),
                                   optional_string(p, "os.version"), optional_string(p, "variant")});
      }
      lock.images[image.reference] = std::move(image);
    }
  } catch (const std::exception &e) {
    if (error) {
      *error = e.what();
    }
    return {};
  }
  return lock;
}

std::string ImageLock::serialize() const {
  std::ostringstream out;
  out << "# Windows builds of images, as their registries reported them. Written by\n"
         "# `wincompat lock`; `wincompat lock --update` reads every entry again.\n"
         "# `wincompat lint` reads this file and never the network.\n"
         "version: 1\n";
  if (images.empty()) {
    out << "images: {}\n";
    return out.str();
  }
  out << "images:\n";
  for (const auto &[key, image] : images) { // std::map: sorted, one entry per reference
    out << "  " << yaml_quoted(key) << ":\n";
    out << "    digest: " << yaml_scalar(image.digest) << "\n";
    if (!image.read.empty()) {
      out << "    read: " << yaml_scalar(image.read) << "\n";
    }
    out << "    platforms:\n";
    std::vector<ImagePlatform> platforms = image.platforms;
    std::sort(platforms.begin(), platforms.end());
    for (const ImagePlatform &p : platforms) {
      out << "      - os: " << yaml_scalar(p.os) << "\n";
      if (!p.architecture.empty()) {
        out << "        architecture: " << yaml_scalar(p.architecture) << "\n";
      }
      if (!p.variant.empty()) {
        out << "        variant: " << yaml_scalar(p.variant) << "\n";
      }
      if (!p.os_version.empty()) {
        out << "        os.version: " << yaml_scalar(p.os_version) << "\n";
      }
    }
  }
  return out.str();
}

ImageLock load_lock(const std::string &path, std::string *error) {
  // The lock is in the linted tree: a regular file in its own folder, not a
  // link that leads elsewhere (/etc/passwd, /dev/zero), within a bound.
  constexpr size_t kMaxLock = 64u << 20; // bytes; a lock holds a few lines per image
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(path, ec);
  const fs::path folder = fs::weakly_canonical(fs::absolute(path, ec).parent_path(), ec);
  std::string read_error;
  std::optional<std::string> text;
  if (!ec && real.parent_path() == folder) {
    text = DiskFileSystem(true).read(real.string(), kMaxLock, read_error);
  } else {
    read_error = "is a link out of its folder, which is not followed";
  }
  if (!text) {
    if (error && fs::exists(fs::symlink_status(path, ec))) {
      *error = path + " " + read_error;
    }
    ImageLock empty;
    return empty;
  }
  std::string problem;
  ImageLock lock = ImageLock::parse(*text, &problem);
  if (!problem.empty() && error) {
    *error = path + ": " + problem;
  }
  lock.path = path;
  return lock;
}

std::string find_lock(const std::string &start, const std::string &config_directory) {
  std::error_code ec;
  if (!config_directory.empty()) {
    const fs::path beside = fs::path(config_directory) / kLockName;
    if (fs::is_regular_file(beside, ec)) {
      return beside.lexically_normal().string();
    }
  }
  const DiskFileSystem disk;
  for (fs::path dir = start_directory(start); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / kLockName, ec)) {
      return (dir / kLockName).string();
    }
    if (is_search_top(dir, disk)) {
      break;
    }
  }
  return "";
}

std::string lock_write_path(const std::string &start, const std::string &config_directory) {
  if (!config_directory.empty()) {
    return (fs::path(config_directory) / kLockName).lexically_normal().string();
  }
  const fs::path first = start_directory(start);
  const fs::path repository = repository_root(first);
  return ((repository.empty() ? first : repository) / kLockName).string();
}

ImageResolution resolution_of(const LockedImage &image) {
  ImageResolution out;
  std::set<uint32_t> builds;
  std::optional<WindowsBuild> first;
  bool linux = false;
  for (const ImagePlatform &p : image.platforms) {
    if (p.os == "windows") {
      if (auto build = parse_windows_build(p.os_version)) {
        builds.insert(build->build);
        first = first ? first : build;
      }
    } else if (p.os == "linux") {
      linux = true;
    }
  }
  if (builds.size() == 1) {
    out.os = ImageOs::WindowsBuild;
    out.build = *first;
    out.release = ReleaseCatalog::builtin().find_build(first->build);
  } else if (builds.size() > 1) {
    out.os = ImageOs::WindowsMultiPlatform;
    out.detail = "its manifest list holds " + std::to_string(builds.size()) + " Windows builds";
  } else if (linux) {
    out.os = ImageOs::Linux;
  } else {
    out.detail = "its registry lists no Windows or Linux platform";
  }
  return out;
}

RegistryResolver::RegistryResolver(ImageLock lock, std::unique_ptr<ImageLookup> lookup, bool reread_locked)
    : lock_(std::move(lock)), lookup_(std::move(lookup)), reread_locked_(reread_locked) {}

void RegistryResolver::prefetch(const std::vector<ImageRef> &refs) {
  if (!lookup_) {
    return;
  }
  std::vector<ImageRef> wanted;
  std::set<std::string> keys;
  {
    std::lock_guard guard(mutex_);
    for (const ImageRef &ref : refs) {
      const std::string key = lock_key(ref);
      if ((reread_locked_ || !lock_.images.count(key)) && !looked_up_.count(key) && keys.insert(key).second) {
        wanted.push_back(ref);
      }
    }
  }
  if (wanted.empty()) {
    return;
  }
  std::vector<LookupOutcome> outcomes = lookup_->lookup(wanted);
  std::lock_guard guard(mutex_);
  for (size_t i = 0; i < wanted.size() && i < outcomes.size(); ++i) {
    looked_up_[lock_key(wanted[i])] = std::move(outcomes[i]);
  }
}

std::optional<RegistryResolver::Answer> RegistryResolver::answer(const ImageRef &ref) const {
  const std::string key = lock_key(ref);
  std::lock_guard guard(mutex_);
  const auto locked = lock_.images.find(key);
  if (auto it = looked_up_.find(key); it != looked_up_.end()) {
    if (it->second.image) {
      return Answer{resolution_of(*it->second.image), "registry",
                    "from its registry" + release_date_note(it->second.image->read), ""};
    }
    if (locked == lock_.images.end()) {
      return Answer{{}, "registry", "", it->second.problem};
    }
  }
  if (locked != lock_.images.end()) {
    return Answer{resolution_of(locked->second), "lock",
                  "from .wincompat.lock" + release_date_note(locked->second.read), ""};
  }
  return std::nullopt;
}

std::map<std::string, LookupOutcome> RegistryResolver::looked_up() const {
  std::lock_guard guard(mutex_);
  return looked_up_;
}

} // namespace wincompat
