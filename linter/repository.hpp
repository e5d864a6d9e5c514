// The repository a path belongs to: the one place that looks for `.git`
// when the whole question is "which repository encloses this folder".
#pragma once

#include <filesystem>

namespace wincompat {

/// The nearest folder at or above `directory` that holds `.git` (a folder,
/// or a file in worktrees and submodules), or an empty path when none does.
inline std::filesystem::path repository_root(const std::filesystem::path &directory) {
  std::error_code ec;
  for (std::filesystem::path dir = directory; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) {
      return dir;
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return {};
}

} // namespace wincompat
