// The Windows release catalog (rules/data/releases.yaml): builds, names,
// channels, whether container images exist, end of servicing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

/// A Windows OS build: 10.0.BUILD[.REVISION].
struct WindowsBuild {
  uint32_t build = 0;
  std::optional<uint32_t> revision;
  std::string str() const;      // "10.0.20348"
  std::string full_str() const; // "10.0.20348.2113" when the revision is known
  bool operator==(const WindowsBuild &o) const {
    return build == o.build;
  }
};

/// Parses "10.0.N" or "10.0.N.R" (whole string).
std::optional<WindowsBuild> parse_windows_build(std::string_view text);

enum class Channel { Ltsc, SemiAnnual, Annual, Client };
std::string_view to_string(Channel channel);

struct Release {
  std::string id;   // canonical name: "ltsc2022", "1809", "23H2", "win11-22h2"
  std::string name; // "Windows Server 2022"
  uint32_t build = 0;
  Channel channel = Channel::Ltsc;
  bool has_images = false;               // container images are published for it
  bool stable_abi_ltsc = false;          // an LTSC generation with the stable ABI (>= 2022)
  std::string end_of_servicing;          // YYYY-MM-DD, empty when unknown
  std::vector<std::string> tags;         // spellings in image tags; the first is preferred
  std::vector<std::string> aliases;      // accepted as --host
  std::vector<std::string> host_aliases; // accepted only as a host (AKS os-sku ...)
};

class ReleaseCatalog {
public:
  /// The catalog embedded from rules/data/releases.yaml.
  static const ReleaseCatalog &builtin();
  /// Parses a catalog written as rules/data/releases.yaml is; throws
  /// std::runtime_error on bad data.
  static ReleaseCatalog parse(std::string_view yaml_text);
  /// The same, from the JSON the build converts the YAML to (what is embedded).
  static ReleaseCatalog from_json(std::string_view json_text);

  const std::vector<Release> &releases() const {
    return releases_;
  }
  /// By id or alias, case-insensitively; host-only aliases when `as_host`.
  const Release *find_name(std::string_view name, bool as_host = false) const;
  /// The release that names a build: the LTSC one when several share it.
  const Release *find_build(uint32_t build) const;
  /// The release whose end of servicing decides an image of this build.
  const Release *servicing_release(uint32_t build) const;
  /// Builds of the stable-ABI LTSC generations, ascending.
  std::vector<uint32_t> stable_ltsc_builds() const;
  /// Every accepted host name, for error messages.
  std::vector<std::string> host_names() const;

private:
  std::vector<Release> releases_;
};

/// A host a file is checked against: a name for messages and a build.
struct Host {
  std::string name;
  WindowsBuild build;
  const Release *release = nullptr; // the release of the build (parse_host_spec refuses others)
};

/// Parses a --host SPEC: a release name, alias or the 10.0.N[.R] build of a
/// release in the catalog (nullopt for a build no release has).
std::optional<Host> parse_host_spec(std::string_view spec, const ReleaseCatalog &catalog);

} // namespace wincompat
