// Ignore files for directory walks: .gitignore (any level), .ignore,
// .git/info/exclude and git's global excludes file, with the gitignore
// pattern rules (gitignore(5)), as ripgrep and ruff read them.
#pragma once

#include "wincompat/file_system.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

/// Whether `path` matches a gitignore wildcard pattern: `*` and `?` do not
/// cross `/`, `[a-z]`/`[!a-z]` classes, `\` escapes, and `**` as a whole
/// path part (`**/x`, `x/**`, `x/**/y`) spans any number of folders.
bool gitignore_glob(std::string_view pattern, std::string_view path);

/// The patterns of one ignore file, in its order.
class IgnoreFile {
public:
  IgnoreFile() = default;
  explicit IgnoreFile(std::string_view text);

  /// `path` relative to the ignore file's folder ("a/b.txt"): true when the
  /// last pattern matching it excludes it, false when it negates (`!x`),
  /// nothing when no pattern matches.
  std::optional<bool> match(std::string_view path, bool is_directory) const;
  bool empty() const {
    return rules_.empty();
  }

private:
  struct Rule {
    std::string pattern;
    bool negated = false;
    bool directory_only = false; // `dir/`
    bool anchored = false;       // a `/` before the end: relative to the file's folder
  };
  std::vector<Rule> rules_;
};

/// What a walk below one folder ignores: the ignore files of that folder and
/// of every folder above it, then `.git/info/exclude` and the global
/// excludes. Paths are relative to the walk's root.
class IgnoreStack {
public:
  /// The stack for a walk of `root`: the ignore files of the folders between
  /// the git repository's root and `root` (none outside a repository), the
  /// repository's info/exclude and git's global excludes file
  /// (`core.excludesFile`, else $XDG_CONFIG_HOME/git/ignore or
  /// ~/.config/git/ignore). `root`'s own files are added by `enter`.
  /// Every file is read through `files`.
  static std::shared_ptr<const IgnoreStack> for_root(const std::string &root, const FileSystem &files);

  /// The stack below `folder` (relative to the root, "" for the root), with
  /// its `.gitignore`/`.ignore` read when `has_gitignore`/`has_ignore` (the
  /// walk saw them among the folder's entries); `self` when it has neither.
  static std::shared_ptr<const IgnoreStack> enter(const std::shared_ptr<const IgnoreStack> &self,
                                                  const std::string &fs_folder, const std::string &folder,
                                                  bool has_gitignore, bool has_ignore,
                                                  const FileSystem &files);

  /// Whether no ignore file has a pattern (nothing can be ignored).
  bool trivial() const;

  /// Whether the entry at `relative` (from the walk's root) is ignored.
  bool ignored(const std::string &relative, bool is_directory) const;

  /// For tests: a stack from given texts. `outer` are (prefix, text) pairs
  /// read like `.git/info/exclude` and the global excludes, lowest last.
  static std::shared_ptr<const IgnoreStack>
  from_texts(std::vector<std::pair<std::string, std::string>> outer);

private:
  struct Level {
    std::string strip;   // the folder (relative to the root, with '/') its paths start below
    std::string prepend; // the root's path from a folder above it, with '/'
    IgnoreFile dot_ignore;
    IgnoreFile git_ignore;
  };
  std::shared_ptr<const IgnoreStack> parent_;
  Level level_;
  /// Shared by the whole walk: info/exclude then global excludes.
  std::shared_ptr<const std::vector<Level>> outer_;
};

/// git's global excludes file for the given environment values and config
/// texts (later texts win), as git finds it; empty when there is none.
std::string global_excludes_path(const char *home, const char *xdg_config_home,
                                 const std::vector<std::string> &config_texts);

} // namespace wincompat
