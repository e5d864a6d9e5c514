// The on-disk cache behind `lint --lookup`: one small JSON file per reference.
#include "platform.hpp"
#include "registry/http.hpp"
#include "text_util.hpp"
#include "wincompat/registry.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

using Json = nlohmann::json;

class CachedLookup final : public ImageLookup {
public:
  CachedLookup(std::unique_ptr<ImageLookup> inner, std::string directory, std::string today)
      : inner_(std::move(inner)), directory_(std::move(directory)), today_(std::move(today)) {}

  std::vector<LookupOutcome> lookup(const std::vector<ImageRef> &refs) override {
    std::vector<LookupOutcome> out(refs.size());
    std::vector<ImageRef> misses;
    std::vector<size_t> miss_index;
    for (size_t i = 0; i < refs.size(); ++i) {
      if (auto cached = read(refs[i])) {
        out[i].image = std::move(*cached);
      } else {
        misses.push_back(refs[i]);
        miss_index.push_back(i);
      }
    }
    if (misses.empty()) {
      return out;
    }
    std::vector<LookupOutcome> fresh = inner_->lookup(misses);
    for (size_t j = 0; j < fresh.size() && j < miss_index.size(); ++j) {
      if (fresh[j].image) {
        write(*fresh[j].image);
      }
      out[miss_index[j]] = std::move(fresh[j]);
    }
    return out;
  }

private:
  fs::path file_for(const std::string &key) const {
    return fs::path(directory_) / (registry::sha256_digest(key).substr(7, 32) + ".json");
  }

  std::optional<LockedImage> read(const ImageRef &ref) const {
    if (directory_.empty()) {
      return std::nullopt;
    }
    const std::string key = lock_key(ref);
    std::ifstream in(file_for(key));
    if (!in) {
      return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    const Json entry = Json::parse(text.str(), nullptr, false);
    if (!entry.is_object() || entry.value("key", "") != key || !entry.contains("platforms") ||
        !entry["platforms"].is_array()) {
      return std::nullopt;
    }
    LockedImage image;
    image.reference = key;
    image.digest = entry.value("digest", "");
    image.read = entry.value("read", "");
    const bool by_digest = !ref.digest.empty();
    if (!by_digest && image.read != today_) {
      return std::nullopt; // a tag may have moved since
    }
    for (const Json &p : entry["platforms"]) {
      if (p.is_object()) {
        image.platforms.push_back({p.value("os", ""), p.value("architecture", ""), p.value("os.version", ""),
                                   p.value("variant", "")});
      }
    }
    return image;
  }

  void write(const LockedImage &image) const {
    if (directory_.empty()) {
      return;
    }
    std::error_code ec;
    fs::create_directories(directory_, ec);
    Json platforms = Json::array();
    for (const ImagePlatform &p : image.platforms) {
      platforms.push_back({{"os", p.os},
                           {"architecture", p.architecture},
                           {"os.version", p.os_version},
                           {"variant", p.variant}});
    }
    const Json entry{
        {"key", image.reference}, {"digest", image.digest}, {"read", image.read}, {"platforms", platforms}};
    // Written aside then renamed: parallel runs never read half a file.
    const fs::path target = file_for(image.reference);
    const fs::path temp = target.string() + "." + std::to_string(platform::process_id()) + ".tmp";
    {
      std::ofstream out(temp, std::ios::trunc);
      out << entry.dump() << "\n";
      if (!out.flush()) {
        return; // a cache that cannot be written is no cache, not an error
      }
    }
    fs::rename(temp, target, ec);
    if (ec) {
      fs::remove(temp, ec);
    }
  }

  std::unique_ptr<ImageLookup> inner_;
  std::string directory_;
  std::string today_;
};

} // namespace

std::unique_ptr<ImageLookup> make_cached_lookup(std::unique_ptr<ImageLookup> inner, std::string directory,
                                                std::string today) {
  return std::make_unique<CachedLookup>(std::move(inner), std::move(directory), std::move(today));
}

std::string default_cache_directory() {
  std::string directory = under_environment("XDG_CACHE_HOME", "/wincompat");
  return directory.empty() ? under_environment("HOME", "/.cache/wincompat") : directory;
}

} // namespace wincompat
