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
  std::string variant;   // the variant marker in the tag ("nanoserver"), if any
  std::string detail;    // why (for NoSuchVersion/Unknown), one clause
  std::string mirror_of; // the MCR repository a mirrored path was taken for, if so
  /// The build was read from a Windows release name in the tag (`ltsc2019`,
  /// `1.0-ltsc2022`) of a repository whose tags the catalog does not list.
  bool from_tag = false;
  /// Multi-build images with version data (`windowsBuilds` in images.yaml).
  bool has_build_data = false;
  bool builds_known = false;                // the tag's version is inside the data
  bool builds_lower_bound = false;          // a rebuild (MCR copy): more builds may exist
  std::vector<WindowsBuild> windows_builds; // the Windows entries of this version's manifest list
  std::string builds_note;                  // "ltsc2022 (10.0.20348) is included from v2.5.0", if any
  bool is_windows() const {
    return os == ImageOs::WindowsBuild || os == ImageOs::WindowsMultiPlatform ||
           os == ImageOs::WindowsUnpinned || os == ImageOs::WindowsNoSuchVersion ||
           os == ImageOs::WindowsUnknown || os == ImageOs::HostProcess;
  }
  /// Whether the reference names one Windows build: a resolved build, or a
  /// doubted tag (WC105) whose release name still gives the build, so that
  /// the pairing checks (WC30x) apply to it as well.
  bool names_build() const {
    return os == ImageOs::WindowsBuild || (os == ImageOs::WindowsNoSuchVersion && build.build != 0);
  }
};

class ImageCatalog {
public:
  static const ImageCatalog &builtin();
  static ImageCatalog parse(std::string_view yaml_text, const ReleaseCatalog &releases);
  /// The same, from the JSON the build converts rules/data/images.yaml to.
  static ImageCatalog from_json(std::string_view json_text, const ReleaseCatalog &releases);

  ImageResolution resolve(const ImageRef &ref) const;
  /// The text to put in place of the tag's version token so that it names
  /// `target_build` ("ltsc2022", "1809" for nanoserver); empty when the
  /// family has no image of that build.
  std::string version_token_for(const ImageRef &ref, const ImageResolution &res, uint32_t target_build) const;

  /// A reference edit that makes `ref` name `target_build`, with a tag the
  /// repository published: [begin, end) of ref.original replaced by `text`.
  /// A frozen Docker Hub repository is replaced by its MCR successor, or not
  /// at all. nullopt when no published tag is certain.
  struct Retag {
    size_t begin = 0;
    size_t end = 0;
    std::string text;
  };
  std::optional<Retag> retag(const ImageRef &ref, const ImageResolution &res, uint32_t target_build) const;
  /// Whether this reference's repository (and the tag's product version,
  /// variant) published an image for `release`.
  bool publishes(const ImageRef &ref, const ImageResolution &res, const Release &release) const;

  struct Family {
    std::string id;
    std::string kind;                      // base-os | windows-only | multi-os | host-process | linux
    std::vector<std::string> repositories; // exact names; a trailing "/*" matches a prefix
    std::vector<std::string> releases;     // release ids with images in this repo (empty: not known)
    /// The tag's first word (a product version such as .NET Framework "4.8")
    /// and the release ids it was published for.
    std::vector<std::pair<std::string, std::vector<std::string>>> published_tags;
    bool frozen = false;  // a Docker Hub repository that receives no new tags
    std::string moved_to; // its MCR successor with the same tag shape, if any
    /// Release id -> the only tag spellings published for it ("ltsc2016" -> "sac2016").
    std::vector<std::pair<std::string, std::vector<std::string>>> release_tags;
    /// Multi-build images: from which image version each Windows release is
    /// in the manifest list (and until which, exclusive, when it was dropped).
    struct WindowsBuildSpan {
      std::string release;
      std::string from;
      std::string until;
    };
    std::vector<WindowsBuildSpan> windows_builds;
    std::vector<std::string> rebuilds; // copies whose builds the data bounds from below
    std::vector<std::string> sources;  // public pages the data was checked against
    std::vector<std::string> suggest;  // release ids a fix prefers when releases share a build
  };
  const std::vector<Family> &families() const {
    return families_;
  }

private:
  const Family *family_of(const std::string &name) const;
  void resolve_build_data(const Family &family, const ImageRef &ref, ImageResolution &res) const;
  std::optional<ImageResolution> release_in_tag(const ImageRef &ref) const;
  /// A known MCR repository whose path ends this reference's path under
  /// another registry (a mirror): the reference rewritten to MCR.
  std::optional<ImageRef> mirrored_mcr_ref(const ImageRef &ref) const;
  ImageResolution resolve_direct(const ImageRef &ref) const;
  bool publishes_release(const ImageRef &ref, const ImageResolution &res, const Release &release) const;
  ImageResolution unpublished_as_no_such(ImageResolution res, const Family *family,
                                         const ImageRef &ref) const;
  const Family *family_by_id(std::string_view id) const;
  std::optional<ImageResolution> classify_version(const std::string &token, const Family *family,
                                                  const ImageRef &ref) const;

  const ReleaseCatalog *releases_ = nullptr;
  std::vector<Family> families_;
  std::vector<std::string> standalone_markers_; // "windowsservercore", "nanoserver"
  std::vector<std::string> versioned_markers_;  // count only before a version
  std::vector<std::string> linux_markers_;      // "bookworm", "alpine": a Linux-only tag
};

} // namespace wincompat
