// Placeholder until the kustomize builder lands: no folder is taken for a
// kustomization, so overlays keep today's behaviour. Delete this file with
// the builder.
#include "wincompat/kustomize.hpp"

namespace wincompat {

bool is_kustomization_directory(const std::string &) {
  return false;
}

LayerResult build_kustomization(const KustomizeRequest &) {
  return {};
}

} // namespace wincompat
