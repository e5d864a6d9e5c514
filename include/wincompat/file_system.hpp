// The one way the linter reads files: inputs, charts and their values,
// kustomizations, Dockerfiles that images are built from. A disk, an editor's
// unsaved documents over another file system, or a tree held in memory
// (tests, a packaged chart's files) all answer the same questions, so every
// layer sees the same bytes. The checks that every read needs (regular file,
// size limit) are made here once.
//
// Every question goes through the virtual functions below, so a file system
// that refuses paths outside a root can wrap any other one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wincompat {

enum class FileType { Missing, File, Directory, Other };

struct DirEntry {
  std::string name;
  FileType type = FileType::Missing; // symbolic links followed
  bool link = false;                 // a symbolic link (walks do not enter linked folders)
  bool unreadable = false;           // a folder (not a link) that cannot be listed
};

class FileSystem {
public:
  FileSystem() = default;
  FileSystem(const FileSystem &) = delete;
  FileSystem &operator=(const FileSystem &) = delete;
  virtual ~FileSystem() = default;

  /// What is at `path` (symbolic links followed).
  virtual FileType type(const std::string &path) const = 0;
  /// The bytes of the regular file at `path` when it holds no more than
  /// `limit` bytes; else nullopt, and `error` says why: "cannot be read:
  /// REASON", "is a directory, not a file", or "file is N bytes, over the
  /// LIMIT-byte limit (--max-file-size); it was not linted".
  virtual std::optional<std::string> read(const std::string &path, size_t limit,
                                          std::string &error) const = 0;
  /// The entries of the folder at `path`, sorted by name (empty when it is none).
  virtual std::vector<DirEntry> list(const std::string &path) const = 0;
  /// `path` made absolute and normalised lexically (kustomize's CleanedAbs):
  /// the key unsaved documents are found by.
  virtual std::string absolute(const std::string &path) const = 0;
  /// `path` absolute with symbolic links resolved (kustomize's RealPath).
  virtual std::string real_path(const std::string &path) const {
    return absolute(path);
  }
  /// Why `path` may not be read through this file system (a confined view:
  /// its real path is outside the repository root); empty when it may.
  virtual std::string refusal(const std::string &path) const {
    (void)path;
    return {};
  }
  /// Whether `path` was named by someone trusted rather than by the tree
  /// being linted: outside the repository root (the user's own config), or
  /// allowed by the command line. A file system that confines nothing
  /// trusts nothing in particular.
  virtual bool trusted(const std::string &path) const {
    (void)path;
    return false;
  }

  bool exists(const std::string &path) const {
    return type(path) != FileType::Missing;
  }
  bool is_file(const std::string &path) const {
    return type(path) == FileType::File;
  }
  bool is_dir(const std::string &path) const {
    return type(path) == FileType::Directory;
  }
  /// Every regular file below the folder `root`, as paths relative to it
  /// ('/'-separated), sorted; linked folders are not entered.
  std::vector<std::string> walk(const std::string &root) const;

  /// Data derived from files (a parsed tree) kept as long as this file
  /// system: a run reads through one, so 100 overlays over one base parse it
  /// once. `make` computes it when `key` is not known (null: nothing is
  /// kept) and sets its weight (source bytes), which bounds what is kept.
  std::shared_ptr<const void>
  memo(const std::string &key, const std::function<std::shared_ptr<const void>(size_t &weight)> &make) const;

private:
  static constexpr size_t kMemoLimit = 4u << 20; // source bytes; parsed trees take some 30 times more
  mutable std::mutex memo_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const void>> memo_;
  mutable size_t memo_weight_ = 0;
};

/// The disk, relative paths from the working directory.
class DiskFileSystem : public FileSystem {
public:
  /// `regular_only`: read() opens without blocking or following a final
  /// symbolic link, and reads only a regular file (never a FIFO, a device or
  /// a socket, even one swapped in after a check).
  explicit DiskFileSystem(bool regular_only = false) : regular_only_(regular_only) {}
  FileType type(const std::string &path) const override;
  std::optional<std::string> read(const std::string &path, size_t limit, std::string &error) const override;
  std::vector<DirEntry> list(const std::string &path) const override;
  std::string absolute(const std::string &path) const override;
  std::string real_path(const std::string &path) const override;

private:
  bool regular_only_;
};

/// Another file system, except for files whose text is given (an editor's
/// unsaved documents): those read as their text.
class OverlayFileSystem : public FileSystem {
public:
  explicit OverlayFileSystem(std::shared_ptr<const FileSystem> base);
  /// The text that `path` reads as from now on.
  void set(const std::string &path, std::string text);

  FileType type(const std::string &path) const override;
  std::optional<std::string> read(const std::string &path, size_t limit, std::string &error) const override;
  std::vector<DirEntry> list(const std::string &path) const override;
  std::string absolute(const std::string &path) const override;
  std::string real_path(const std::string &path) const override;

private:
  const std::string *text_of(const std::string &path) const;
  std::shared_ptr<const FileSystem> base_;
  std::map<std::string, std::string> texts_; // by absolute path
};

/// A tree held in memory, rooted at "/" (relative paths start there).
class MemoryFileSystem : public FileSystem {
public:
  /// Adds a file, and the folders above it.
  void add_file(const std::string &path, std::string bytes);
  void add_dir(const std::string &path);

  FileType type(const std::string &path) const override;
  std::optional<std::string> read(const std::string &path, size_t limit, std::string &error) const override;
  std::vector<DirEntry> list(const std::string &path) const override;
  std::string absolute(const std::string &path) const override;

private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> dirs_;
};

/// Another file system seen from inside the repository roots (issue #19:
/// a pull request's tree is hostile). A path is read only when its real
/// path (symbolic links resolved) is in or below a root, or when the user
/// allowed it (a file named on the command line or by the user's own
/// config); a folder outside lists as empty. Only regular files are read:
/// the base should be a regular-only DiskFileSystem (or an overlay on one).
class ConfinedFileSystem : public FileSystem {
public:
  /// `roots`: absolute folders, links resolved (repository_root's answers).
  ConfinedFileSystem(std::vector<std::string> roots, std::shared_ptr<const FileSystem> base);
  /// `path` may be read although it is outside the roots (read as the disk
  /// reads it: a trusted `--values <(...)` may be a pipe).
  void allow(const std::string &path);
  /// The same view with nothing kept from what was read (after --fix wrote).
  std::shared_ptr<ConfinedFileSystem> fresh() const;
  const std::vector<std::string> &roots() const {
    return roots_;
  }

  FileType type(const std::string &path) const override;
  std::optional<std::string> read(const std::string &path, size_t limit, std::string &error) const override;
  std::vector<DirEntry> list(const std::string &path) const override;
  std::string absolute(const std::string &path) const override;
  std::string real_path(const std::string &path) const override;
  std::string refusal(const std::string &path) const override;
  bool trusted(const std::string &path) const override;

private:
  bool allowed(const std::string &absolute) const;
  bool in_roots(const std::string &absolute) const;
  std::vector<std::string> roots_;
  std::shared_ptr<const FileSystem> base_;
  DiskFileSystem trusted_disk_;
  mutable std::mutex allowed_mutex_;
  std::vector<std::string> allowed_; // absolute paths
};

/// Whether a read `error` is a confined file system's refusal (WC916).
bool is_refusal(const std::string &error);

/// The message a read problem is reported with: `error` as the file system
/// gave it, after the file's name unless it is a size.
std::string read_error_message(const std::string &display, const std::string &error);

/// The run's file system: `files` when set, else a new view of the disk.
std::shared_ptr<const FileSystem> files_or_disk(const std::shared_ptr<const FileSystem> &files);

} // namespace wincompat
