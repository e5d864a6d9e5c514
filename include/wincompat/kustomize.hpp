// The kustomize layer: builds a kustomization in-process, the way
// `kubectl kustomize DIR` does, into one generated document whose every
// scalar remembers the real file line that set it (the overlay's `images:`
// entry, a patch's value line, or the resource file).
#pragma once

#include "wincompat/file_system.hpp"
#include "wincompat/layer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wincompat {

/// kustomize's `--load-restrictor`: whether a kustomization may read files
/// (resources, patches) outside its own folder. `Unset` builds as `None`
/// would and reports each kustomization that does so once (WC915).
enum class LoadRestrictor { Unset, RootOnly, None };

/// `LoadRestrictionsRootOnly` or `LoadRestrictionsNone` (kustomize's words).
std::optional<LoadRestrictor> parse_load_restrictor(std::string_view word);

struct KustomizeRequest {
  std::string path;    // kustomization directory as displayed (relative like inputs)
  std::string fs_path; // where to read it
  size_t max_file_size = 16u << 20;
  LoadRestrictor load_restrictor = LoadRestrictor::Unset;
  /// Files outside the kustomization's folder are read only below this
  /// folder (the repository root); empty: the nearest folder upward holding
  /// `.git`, else the working directory.
  std::string boundary{};
  /// Where the kustomization and what it reads are read from (null: the disk).
  const FileSystem *files = nullptr;
};

/// The folder a kustomization at `fs_dir` may read from when unrestricted:
/// the nearest folder upward holding `.git`; else the working directory when
/// `fs_dir` lies below it; else `fs_dir` itself.
std::string kustomize_boundary(const std::string &fs_dir);

/// A directory holding `kustomization.yaml`, `kustomization.yml` or
/// `Kustomization` (the names kustomize looks for, in that order).
bool is_kustomization_directory(const std::string &fs_dir, const FileSystem *files = nullptr);
/// kustomization.yaml, kustomization.yml or Kustomization: the names kustomize reads.
bool is_kustomization_file_name(std::string_view name);

/// Builds the kustomization in `request`. Never throws: what kustomize would
/// fail on is a WC912 diagnostic at the line, what is not followed (remote
/// resources, Helm charts) a WC913 notice; the build goes on where it can.
LayerResult build_kustomization(const KustomizeRequest &request);

} // namespace wincompat
