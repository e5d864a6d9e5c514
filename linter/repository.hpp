// The repository a path belongs to: the one place that looks for `.git`
// when the whole question is "which repository encloses this folder", and
// the root a run is confined to (nothing outside it is read or written).
#pragma once

#include "platform.hpp"
#include "wincompat/file_system.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

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

/// Whether `dir` ends a search upward: it holds `.git`, or it is the top of
/// the file system (asked of `files`).
inline bool is_search_top(const std::filesystem::path &dir, const FileSystem &files) {
  return files.exists((dir / ".git").string()) || dir == dir.parent_path();
}

/// The root a run linting `path` is confined to: the git top level of the
/// linted path, else the linted folder (for a file: its folder); absolute,
/// symbolic links resolved. `-` (standard input) stands for the working
/// directory.
inline std::string confinement_root(const std::string &path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string given = path == "-" || path.empty() ? "." : path;
  std::string lexical = fs::absolute(given, ec).lexically_normal().string();
  while (lexical.size() > 1 && lexical.back() == '/') {
    lexical.pop_back();
  }
  // The folder above resolved, the last name kept: a linted path that is a
  // link out of the repository does not carry the root with it.
  const fs::path named = fs::path(lexical);
  const fs::path above =
      platform::resolved_path(named.parent_path().string()).value_or(named.parent_path().string());
  fs::path folder = named.has_parent_path() && named != named.root_path() ? above / named.filename() : named;
  if (!fs::is_directory(folder, ec)) {
    folder = folder.parent_path();
  }
  const fs::path repository = repository_root(folder);
  return platform::generic_path((repository.empty() ? folder : repository).lexically_normal().string());
}

/// The confinement roots of a run: `root` (--root) when given, else each
/// linted path's root, without repeats.
inline std::vector<std::string> confinement_roots(const std::vector<std::string> &paths,
                                                  const std::string &root) {
  std::vector<std::string> out;
  if (!root.empty()) {
    std::error_code ec;
    const std::string absolute = std::filesystem::absolute(root, ec).string();
    out.push_back(platform::resolved_path(absolute).value_or(platform::generic_path(absolute)));
    return out;
  }
  for (const std::string &path : paths.empty() ? std::vector<std::string>{"."} : paths) {
    std::string one = confinement_root(path);
    if (std::find(out.begin(), out.end(), one) == out.end()) {
      out.push_back(std::move(one));
    }
  }
  return out;
}

} // namespace wincompat
