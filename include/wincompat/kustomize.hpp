// kustomize overlays built in-process, following kustomize v5.
#pragma once

#include "wincompat/layer.hpp"

#include <string>

namespace wincompat {

struct KustomizeRequest {
  std::string path;    // kustomization directory as displayed (relative like inputs)
  std::string fs_path; // where to read it
  size_t max_file_size = 16u << 20;
};

/// Whether the folder holds kustomization.yaml, kustomization.yml or Kustomization.
bool is_kustomization_directory(const std::string &fs_dir);

/// Builds the kustomization. Never throws: problems are LayerDiagnostics
/// placed in the real file.
LayerResult build_kustomization(const KustomizeRequest &request);

} // namespace wincompat
