// Docker image references: parsing and normalisation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wincompat {

/// A parsed reference. Offsets index into the original text, so a diagnostic
/// can point at the tag alone.
struct ImageRef {
  std::string original;
  std::string registry;   // normalised: "docker.io" by default, lower-case
  std::string repository; // "library/python", "windows/servercore"
  std::string tag;        // empty when absent
  std::string digest;     // "sha256:..." when present
  size_t name_end = 0;    // end of registry/repository in `original`
  size_t tag_begin = 0;   // offsets of the tag in `original` (when present)
  size_t tag_end = 0;
  /// registry + "/" + repository, e.g. "mcr.microsoft.com/windows/servercore".
  std::string name() const;
  /// The name as a user would write it (no docker.io/library prefix).
  std::string familiar_name() const;
};

struct ImageRefError {
  std::string message;
};

/// Parses `text` per the distribution reference grammar. Returns nullopt and
/// fills `error` for text that is not a valid reference.
std::optional<ImageRef> parse_image_ref(std::string_view text, ImageRefError *error = nullptr);

/// The first placeholder in an image value that a tool fills in before the
/// manifest is applied, or empty: `${TAG}`, `$TAG`, `$(TAG)` (envsubst, make,
/// kubectl), `#{Tag}#` (Azure Pipelines token replacement), `__TAG__`
/// (release pipelines), `<your-registry>` (documentation), `{{ .Tag }}`.
/// Such a value names no image yet: it is neither valid nor invalid.
std::string image_placeholder(std::string_view text);

} // namespace wincompat
