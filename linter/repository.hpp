// The repository a path belongs to: the one place that looks for `.git`
// when the whole question is "which repository encloses this folder".
#pragma once

#include "wincompat/file_system.hpp"

#include <filesystem>

namespace wincompat {

/// The nearest folder at or above `directory` that holds `.git` (a folder,
/// or a file in worktrees and submodules), or an empty path when none does;
/// asked of `files` when given, else of the disk.
inline std::filesystem::path repository_root(const std::filesystem::path &directory,
                                             const FileSystem *files = nullptr) {
  std::error_code ec;
  for (std::filesystem::path dir = directory; !dir.empty(); dir = dir.parent_path()) {
    if (files ? files->exists((dir / ".git").string()) : std::filesystem::exists(dir / ".git", ec)) {
      return dir;
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return {};
}

} // namespace wincompat
