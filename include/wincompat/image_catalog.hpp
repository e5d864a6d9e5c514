// Which Windows build an image reference stands for, from the image catalog
// (rules/data/images.yaml): repository families and their tag grammar.
#pragma once

#include "wincompat/catalog.hpp"
#include "wincompat/image_ref.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

enum class ImageOs {
  WindowsBuild,         // a pinned Windows build
  WindowsMultiPlatform, // a Windows manifest list: the pulling host picks (WC102)
  WindowsUnpinned,      // a base OS image with no tag or `latest` (WC101)
  WindowsNoSuchVersion, // the tag names a version with no images (WC105)
  WindowsUnknown,       // a Windows repository, version not recognised (WC103)
  HostProcess,          // the HostProcess base image: runs on any build
  MultiOs,              // a multi-OS tag: Linux unless the build targets Windows
  Linux,                // known Linux-only
  Scratch,              // FROM scratch
  Unknown,              // nothing known (private image)
};
std::string_view to_string(ImageOs os);

struct ImageResolution {
  ImageOs os = ImageOs::Unknown;
  WindowsBuild build;               // for WindowsBuild (and the version named, for NoSuchVersion)
  const Release *release = nullptr; // the release the tag names, when known
  std::string family;               // catalog family id ("windows-base", "dotnet-framework"...)
  std::string version_token;        // the tag text that named the version ("ltsc2019")
  size_t token_begin = 0;           // its offsets within the tag
  size_t token_end = 0;
  std::string variant; // the variant marker in the tag ("nanoserver"), if any
  std::string detail;  // why (for NoSuchVersion/Unknown), one clause
  bool is_windows() const {
    return os == ImageOs::WindowsBuild || os == ImageOs::WindowsMultiPlatform ||
           os == ImageOs::WindowsUnpinned || os == ImageOs::WindowsNoSuchVersion ||
           os == ImageOs::WindowsUnknown || os == ImageOs::HostProcess;
  }
};

class ImageCatalog {
public:
  static const ImageCatalog &builtin();
  static ImageCatalog parse(std::string_view yaml_text, const ReleaseCatalog &releases);

  ImageResolution resolve(const ImageRef &ref) const;
  /// The text to put in place of the tag's version token so that it names
  /// `target_build` ("ltsc2022", "1809" for nanoserver); empty when the
  /// family has no image of that build.
  std::string version_token_for(const ImageRef &ref, const ImageResolution &res, uint32_t target_build) const;

  struct Family {
    std::string id;
    std::string kind;                      // base-os | windows-only | multi-os | host-process | linux
    std::vector<std::string> repositories; // exact names; a trailing "/*" matches a prefix
    std::vector<std::string> releases;     // base-os: release ids with images in this repo
  };
  const std::vector<Family> &families() const {
    return families_;
  }

private:
  const Family *family_of(const std::string &name) const;
  const Family *family_by_id(std::string_view id) const;
  std::optional<ImageResolution> classify_version(const std::string &token, const Family *family,
                                                  const ImageRef &ref) const;

  const ReleaseCatalog *releases_ = nullptr;
  std::vector<Family> families_;
  std::vector<std::string> standalone_markers_; // "windowsservercore", "nanoserver"
  std::vector<std::string> versioned_markers_;  // count only before a version
};

} // namespace wincompat
