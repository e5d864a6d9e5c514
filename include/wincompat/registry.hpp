// Images whose Windows build only their registry knows: the lock file
// (.wincompat.lock) that pins what was read, and the lookup that reads it.
// ImageResolver (image_resolver.hpp) asks, in order: Dockerfile mappings, the
// catalog, then this: the lock, then (only when asked) the registry.
#pragma once

#include "wincompat/image_catalog.hpp"
#include "wincompat/image_ref.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

/// One platform of an image, as its index or its config says.
struct ImagePlatform {
  std::string os;
  std::string architecture;
  std::string os_version; // "10.0.20348.2113"; empty for Linux
  std::string variant;
  bool operator<(const ImagePlatform &o) const;
  bool operator==(const ImagePlatform &o) const = default;
};

/// What a registry said about one reference.
struct LockedImage {
  std::string reference; // the lock key (lock_key)
  std::string digest;    // of the manifest or index the reference names
  std::vector<ImagePlatform> platforms;
  std::string read; // YYYY-MM-DD
};

/// The answer to one lookup: the image, or why there is none and what to do.
struct LookupOutcome {
  std::optional<LockedImage> image;
  std::string problem; // one sentence: what failed and what to do about it
};

/// How long reading one image from its registry may take, every request,
/// redirect, token and credential helper included: a manifest, a token and
/// a config take well under a second on a working network, and a slow
/// registry a few seconds; past 60 s the registry or the network is broken,
/// and the image is reported (WC914) instead of holding up the run.
constexpr long kImageLookupDeadlineMs = 60'000;
/// How long the registry look-ups of one `lint --lookup` run may take in
/// all: lint is a gate in CI and in pre-commit, where a registry that
/// answers slowly for every image must not hold the run for hours. Images
/// not read by then are reported (WC914); `wincompat lock` pins them.
constexpr long kLookupRunDeadlineMs = 120'000;
/// The same for `wincompat lock`, which is run on purpose to read registries
/// (hundreds of images, 16 at a time), so it may take longer.
constexpr long kLockRunDeadlineMs = 600'000;

/// Where registry requests go and how.
struct RegistrySettings {
  std::vector<std::string> insecure; // HOST[:PORT] reached over plain HTTP, anonymously
  std::string today;                 // the `read` date written for answers
  long connect_timeout_ms = 5000;
  long request_timeout_ms = 20000;
  long image_deadline_ms = kImageLookupDeadlineMs;
  long run_deadline_ms = kLookupRunDeadlineMs; // from the first lookup of the run
  bool lock_mode = false;                      // `wincompat lock` (for messages)
  unsigned parallel = 16;                      // requests in flight across images
};

/// Asks registries about images. The one network-facing interface: tests
/// point it at a local registry through references naming that registry.
class ImageLookup {
public:
  virtual ~ImageLookup() = default;
  /// One outcome per reference, in order; never throws for one image.
  virtual std::vector<LookupOutcome> lookup(const std::vector<ImageRef> &refs) = 0;
};
std::unique_ptr<ImageLookup> make_registry_lookup(const RegistrySettings &settings);

/// Keeps answers on disk (one JSON file per lock key in `directory`) so that
/// `lint --lookup` asks again only for tags read before `today` (a one-day
/// TTL); a reference by digest never changes, so its answer never expires.
std::unique_ptr<ImageLookup> make_cached_lookup(std::unique_ptr<ImageLookup> inner, std::string directory,
                                                std::string today);
/// $XDG_CACHE_HOME/wincompat, else ~/.cache/wincompat (empty: no cache).
std::string default_cache_directory();

/// "registry/repository:tag" or "registry/repository@digest" (tag `latest`
/// when absent): the same key however the reference was written.
std::string lock_key(const ImageRef &ref);

/// The lock file's entries, by key.
struct ImageLock {
  std::string path; // where it was read from (empty: none)
  std::map<std::string, LockedImage> images;
  /// Parses the file's text; a problem goes to `error` (the lock is then empty).
  static ImageLock parse(const std::string &text, std::string *error);
  std::string serialize() const;
};
/// Reads `path`; a missing file is an empty lock, a broken one fills `error`.
ImageLock load_lock(const std::string &path, std::string *error);
/// The lock lint reads: next to the config when one is used, else the nearest
/// .wincompat.lock from `start` upward (stopping at the repository root).
std::string find_lock(const std::string &start, const std::string &config_directory);
/// Where `wincompat lock` writes: next to the config, else at the repository
/// root, else in `start`.
std::string lock_write_path(const std::string &start, const std::string &config_directory);

/// What an entry says about the image's Windows build: one Windows build, a
/// choice of several (multi-platform), Linux only, or nothing usable.
ImageResolution resolution_of(const LockedImage &image);

/// The lock, then (when a lookup is given) the registry, for references the
/// catalog and the Dockerfile mappings do not know. Thread-safe.
class RegistryResolver {
public:
  RegistryResolver(ImageLock lock, std::unique_ptr<ImageLookup> lookup, bool reread_locked = false);

  /// Asks the registry, in parallel, about every reference not in the lock
  /// (all of them with `reread_locked`). Without a lookup it does nothing.
  void prefetch(const std::vector<ImageRef> &refs);

  struct Answer {
    ImageResolution resolution;
    std::string source;  // "lock" or "registry"
    std::string note;    // "from .wincompat.lock, read 2026-12-01"
    std::string problem; // the lookup failed: why and what to do (WC914)
  };
  std::optional<Answer> answer(const ImageRef &ref) const;
  /// Whether registries are asked this run (`lock`, `--lookup`), not only the lock read.
  bool asks() const {
    return lookup_ != nullptr;
  }

  /// What the registry said during this run, by key (for `wincompat lock`).
  std::map<std::string, LookupOutcome> looked_up() const;
  const ImageLock &lock() const {
    return lock_;
  }

private:
  ImageLock lock_;
  std::unique_ptr<ImageLookup> lookup_;
  bool reread_locked_;
  mutable std::mutex mutex_;
  std::map<std::string, LookupOutcome> looked_up_;
};

} // namespace wincompat
