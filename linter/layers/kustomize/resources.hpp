// Resources in a kustomize build: objects with the names they have had, and
// the selectors patches and replacements pick them by. Not public API.
#pragma once

#include "knode.hpp"

#include <string>
#include <vector>

namespace wincompat::kustomize {

struct Gvk {
  std::string group;
  std::string version;
  std::string kind;
};

struct ResourceId {
  std::string name;
  std::string ns;
  bool operator==(const ResourceId &) const = default;
};

struct Resource {
  KNode object;
  /// The id the object was loaded with first, then every later one (a
  /// prefix, a namespace): kustomize matches patches by any of them.
  std::vector<ResourceId> ids;
  /// Made by a generator that wants its content hash appended to the name
  /// (done once, by the top-level build).
  bool needs_hash = false;
  /// The vars that name a field of this object.
  std::vector<std::string> var_names = {};

  Gvk gvk() const;
  std::string kind() const {
    return object.str("kind");
  }
  std::string name() const {
    return object.str_at({"metadata", "name"});
  }
  std::string ns() const {
    return object.str_at({"metadata", "namespace"});
  }
  /// Call after changing the name or namespace.
  void remember_id();
};

Gvk parse_api_version(const std::string &api_version, const std::string &kind);
bool is_cluster_scoped(const Gvk &gvk);
/// "Deployment.v1.apps/web.[noNs]", as kustomize names resources in messages.
std::string describe(const Resource &resource);

/// A patch `target` or a replacement `select`.
struct Selector {
  std::string group, version, kind, name, ns, label_selector, annotation_selector;
  static Selector from(const KNode &node);
  bool empty() const;
};

class SelectorMatcher {
public:
  explicit SelectorMatcher(const Selector &selector);
  bool valid() const {
    return error_.empty();
  }
  const std::string &error() const {
    return error_;
  }
  bool matches(const Resource &resource) const;

private:
  Selector selector_;
  std::string error_;
};

/// The legacy order `kubectl kustomize` prints in (Namespace first,
/// webhooks last; then by group/version/kind, namespace and name).
void legacy_sort(std::vector<Resource> &resources);

} // namespace wincompat::kustomize
