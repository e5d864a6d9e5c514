// Windows node OS support per Kubernetes platform
// (rules/data/lifecycle.yaml): when AKS, EKS, GKE and AKS on Azure
// Local stop supporting node pools of each Windows Server release.
#pragma once

#include "wincompat/catalog.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

struct PlatformRetirement {
  const Release *release = nullptr;
  std::string retires;            // YYYY-MM-DD; empty: no retirement known
  bool follows_microsoft = false; // `retires` is Microsoft's end of servicing
  std::string source;             // where the date is published
  std::string read;               // the day the source was read
  std::string note;
};

struct Platform {
  std::string id;                  // "aks"
  std::string name;                // "AKS"
  std::vector<std::string> labels; // node label prefixes that identify it
  std::vector<PlatformRetirement> windows;
  /// The entry of a release (null when the table has none).
  const PlatformRetirement *find(const Release &release) const;
};

class PlatformLifecycle {
public:
  /// The table embedded from rules/data/lifecycle.yaml.
  static const PlatformLifecycle &builtin();
  /// Parses a table written as rules/data/lifecycle.yaml is, its
  /// releases looked up in `releases`; throws std::runtime_error on bad data.
  static PlatformLifecycle parse(std::string_view yaml_text, const ReleaseCatalog &releases);
  static PlatformLifecycle from_json(std::string_view json_text, const ReleaseCatalog &releases);

  const std::vector<Platform> &platforms() const {
    return platforms_;
  }
  /// By id, case-insensitively.
  const Platform *find(std::string_view id) const;
  /// The platform a node pool runs on: the one its labels identify (null
  /// when none does, or when they name more than one).
  const Platform *identify(const std::map<std::string, std::string> &labels) const;

private:
  std::vector<Platform> platforms_;
};

/// Days from `from` to `to` (both YYYY-MM-DD, valid): negative when `to` is earlier.
long days_between(const std::string &from, const std::string &to);

} // namespace wincompat
