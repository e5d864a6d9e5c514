// The one place that decides which OS and Windows build an image is.
#pragma once

#include "wincompat/image_catalog.hpp"
#include "wincompat/image_ref.hpp"
#include "wincompat/source.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wincompat {

class RegistryResolver;

/// An image this repository builds: where its Dockerfile says its base is.
struct ImageSource {
  std::string image;      // as mapped ("myregistry.azurecr.io/web")
  std::string dockerfile; // path
  std::string origin;     // ".wincompat.yaml", "docker-compose.yml" ...
  ImageResolution resolution;
  std::optional<ImageRef> base_ref;
  std::string base_text; // the FROM image as expanded
  std::string uri;       // the Dockerfile's URI
  Range from_range;      // the FROM image in the Dockerfile
  std::string problem;   // why it could not be resolved, if so
};

/// What one image reference is, and who said so.
struct ImageAnswer {
  ImageResolution resolution;
  /// The Dockerfile mapping that builds the image (a deployed image only),
  /// also when its Dockerfile could not be resolved (`source->problem`).
  const ImageSource *source = nullptr;
  std::string build_source;   // "lock" or "registry" when they answered
  std::string build_note;     // "from .wincompat.lock, read 2026-12-01", for messages
  std::string lookup_problem; // the registry was asked and could not answer (WC914)
};

/// How an image is used: deployed (a pod's container) or as the base of a
/// Dockerfile stage (`FROM`), which Dockerfile mappings do not answer for.
enum class ImageUse { Deployed, Base };

/// Decides an image's OS and Windows build, in this order:
///   1. a Dockerfile mapping (config `images:`, Compose, Skaffold) that builds
///      the image: the base of the mapped Dockerfile's target stage (deployed
///      images only; when that Dockerfile cannot be resolved, the catalog
///      alone answers and no registry is asked);
///   2. the image catalog: Microsoft's images by their tags, and a build that
///      a Windows release name in the tag gives (`agent:ltsc2019`);
///   3. the lock (.wincompat.lock), or what a registry said this run
///      (`--lookup`, `wincompat lock`), which wins for the references it was
///      asked about.
/// One resolver serves a whole run for one configuration: it is created
/// before any rule runs, told the repository's mappings and asked to
/// prefetch what only registries know, and then answers every file.
class ImageResolver {
public:
  explicit ImageResolver(RegistryResolver *registry = nullptr,
                         const ImageCatalog &catalog = ImageCatalog::builtin())
      : catalog_(&catalog), registry_(registry) {}

  const ImageCatalog &catalog() const {
    return *catalog_;
  }
  /// The lock and registries (null: neither).
  const RegistryResolver *registry() const {
    return registry_;
  }
  /// Whether registries are asked this run, not only the lock read.
  bool asks() const;

  /// The images this repository builds (resolved Dockerfile mappings).
  void set_sources(std::vector<ImageSource> sources) {
    sources_ = std::move(sources);
  }
  const std::vector<ImageSource> &sources() const {
    return sources_;
  }
  /// The mapping whose image has `ref`'s name, if any.
  const ImageSource *find_source(const ImageRef &ref) const;

  ImageAnswer resolve(const ImageRef &ref, ImageUse use = ImageUse::Deployed) const;
  /// Whether only the lock or a registry can answer for `ref`: no mapping
  /// builds it (for a deployed image) and the catalog does not know it.
  bool needs_lookup(const ImageRef &ref, ImageUse use = ImageUse::Deployed) const;
  /// Asks registries, in parallel, about every reference the lock lacks.
  void prefetch(const std::vector<ImageRef> &refs);

private:
  const ImageCatalog *catalog_;
  RegistryResolver *registry_;
  std::vector<ImageSource> sources_;
};

} // namespace wincompat
