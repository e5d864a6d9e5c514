// A few named files held in one fuzz input, for the targets that read a
// tree (a chart, a kustomization): the text before the first marker line is
// the main file, and each marker line starts a file named by the rest of the
// line ("%% values.yaml"). Names are kept inside the tree: only
// [A-Za-z0-9._/-], no "..", no leading "/".
#pragma once

#include "fuzz_common.hpp"

#include "wincompat/file_system.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace wincompat::fuzz {

/// At most this many files per input: enough for a base, an overlay, a
/// component and a patch; more only slows every execution.
constexpr size_t kMaxTreeFiles = 8;

/// `name` as a relative path below the tree's folder, or empty when it
/// cannot be one.
inline std::string tree_path(std::string_view name) {
  std::string out;
  for (char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
        c == '-' || c == '/') {
      out += c;
    }
  }
  while (!out.empty() && (out.front() == '/' || out.front() == '.')) {
    out.erase(0, 1);
  }
  while (!out.empty() && out.back() == '/') {
    out.pop_back();
  }
  if (out.empty() || out.find("..") != std::string::npos || out.find("//") != std::string::npos) {
    return "";
  }
  return out;
}

struct TreeFile {
  std::string path; // relative to the tree's folder
  std::string text;
};

/// The input's files: {main, text before the first marker} first, then each
/// marked section with a usable name (the first of a name wins).
inline std::vector<TreeFile> tree_files(std::string_view input, std::string_view marker,
                                        const std::string &main) {
  std::vector<TreeFile> files;
  for (Section &section : split_sections(input, marker)) {
    const std::string path = files.empty() ? main : tree_path(section.header);
    if (path.empty() || files.size() >= kMaxTreeFiles) {
      continue;
    }
    bool known = false;
    for (const TreeFile &file : files) {
      known = known || file.path == path || file.path.starts_with(path + "/") ||
              path.starts_with(file.path + "/");
    }
    if (!known) {
      files.push_back({path, std::move(section.text)});
    }
  }
  return files;
}

/// Puts `files` in `tree` below the folder `root` ("/chart").
inline void add_tree(MemoryFileSystem &tree, const std::string &root, std::vector<TreeFile> files) {
  for (TreeFile &file : files) {
    tree.add_file(root + "/" + file.path, std::move(file.text));
  }
}

/// Whether a file named `path` is among `files`.
inline bool has_file(const std::vector<TreeFile> &files, const std::string &path) {
  for (const TreeFile &file : files) {
    if (file.path == path) {
      return true;
    }
  }
  return false;
}

} // namespace wincompat::fuzz
