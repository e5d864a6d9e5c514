// The one way the linter reads files (disk, editor overlay, memory).
#include "wincompat/file_system.hpp"

#include "platform.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

std::string parent_of(const std::string &absolute) {
  return fs::path(absolute).parent_path().generic_string();
}

/// How every refusal starts (is_refusal recognises it).
constexpr std::string_view kOutsideRoot = "leads outside the repository root";

bool inside_folder(const std::string &folder, const std::string &path) {
  if (folder == "/") {
    return !path.empty() && path.front() == '/';
  }
  return path == folder ||
         (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

std::string over_limit(size_t size, size_t limit) {
  return "file is " + std::to_string(size) + " bytes, over the " + std::to_string(limit) +
         "-byte limit (--max-file-size); it was not linted";
}

} // namespace

std::vector<std::string> FileSystem::walk(const std::string &root) const {
  std::vector<std::string> out;
  std::vector<std::string> pending{""};
  while (!pending.empty()) {
    const std::string rel = std::move(pending.back());
    pending.pop_back();
    for (const DirEntry &entry : list(rel.empty() ? root : (fs::path(root) / rel).string())) {
      const std::string below = rel.empty() ? entry.name : rel + "/" + entry.name;
      if (entry.type == FileType::File) {
        out.push_back(below);
      } else if (entry.type == FileType::Directory && !entry.link) {
        pending.push_back(below);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::shared_ptr<const void>
FileSystem::memo(const std::string &key,
                 const std::function<std::shared_ptr<const void>(size_t &weight)> &make) const {
  {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    if (auto it = memo_.find(key); it != memo_.end()) {
      return it->second;
    }
  }
  size_t weight = 0;
  std::shared_ptr<const void> made = make(weight);
  if (!made) {
    return made;
  }
  std::lock_guard<std::mutex> lock(memo_mutex_);
  memo_weight_ += weight;
  if (memo_weight_ > kMemoLimit) {
    memo_.clear(); // simple and rare: a run with more than 4 MB of such input
    memo_weight_ = weight;
  }
  return memo_.emplace(key, std::move(made)).first->second;
}

FileType DiskFileSystem::type(const std::string &path) const {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return FileType::Missing;
  }
  return fs::is_regular_file(status) ? FileType::File
         : fs::is_directory(status)  ? FileType::Directory
                                     : FileType::Other;
}

std::optional<std::string> DiskFileSystem::read(const std::string &path, size_t limit,
                                                std::string &error) const {
  return platform::read_file(path, limit, regular_only_, error);
}

std::vector<DirEntry> DiskFileSystem::list(const std::string &path) const {
  std::vector<DirEntry> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    DirEntry entry;
    entry.name = it->path().filename().string();
    entry.link = it->is_symlink(type_ec);
    // The type from the directory listing, no system call, except for links.
    entry.type = it->is_regular_file(type_ec) ? FileType::File
                 : it->is_directory(type_ec)  ? FileType::Directory
                 : it->exists(type_ec)        ? FileType::Other
                                              : FileType::Missing;
    entry.unreadable =
        entry.type == FileType::Directory && !entry.link && !platform::folder_readable(it->path().string());
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
  return out;
}

std::string DiskFileSystem::absolute(const std::string &path) const {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return platform::generic_path((ec ? fs::path(path) : absolute).lexically_normal().string());
}

std::string DiskFileSystem::real_path(const std::string &path) const {
  std::optional<std::string> real = platform::resolved_path(path);
  return real ? std::move(*real) : absolute(path);
}

OverlayFileSystem::OverlayFileSystem(std::shared_ptr<const FileSystem> base) : base_(std::move(base)) {}

void OverlayFileSystem::set(const std::string &path, std::string text) {
  texts_[absolute(path)] = std::move(text);
}

const std::string *OverlayFileSystem::text_of(const std::string &path) const {
  if (texts_.empty()) {
    return nullptr;
  }
  const auto it = texts_.find(absolute(path));
  return it == texts_.end() ? nullptr : &it->second;
}

FileType OverlayFileSystem::type(const std::string &path) const {
  return text_of(path) ? FileType::File : base_->type(path);
}

std::optional<std::string> OverlayFileSystem::read(const std::string &path, size_t limit,
                                                   std::string &error) const {
  if (const std::string *text = text_of(path)) {
    if (text->size() > limit) {
      error = over_limit(text->size(), limit);
      return std::nullopt;
    }
    return *text;
  }
  return base_->read(path, limit, error);
}

std::vector<DirEntry> OverlayFileSystem::list(const std::string &path) const {
  std::vector<DirEntry> out = base_->list(path);
  const std::string folder = absolute(path);
  for (const auto &[file, text] : texts_) {
    const std::string name = fs::path(file).filename().string();
    if (parent_of(file) == folder &&
        std::none_of(out.begin(), out.end(), [&](const DirEntry &e) { return e.name == name; })) {
      out.push_back({name, FileType::File, false, false}); // a new file, not saved yet
    }
  }
  std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
  return out;
}

std::string OverlayFileSystem::absolute(const std::string &path) const {
  return base_->absolute(path);
}

std::string OverlayFileSystem::real_path(const std::string &path) const {
  return base_->real_path(path);
}

void MemoryFileSystem::add_file(const std::string &path, std::string bytes) {
  const std::string key = absolute(path);
  add_dir(parent_of(key));
  files_[key] = std::move(bytes);
}

void MemoryFileSystem::add_dir(const std::string &path) {
  for (std::string dir = absolute(path); !dirs_.contains(dir); dir = parent_of(dir)) {
    dirs_[dir] = true;
    if (dir == "/") {
      break;
    }
  }
}

FileType MemoryFileSystem::type(const std::string &path) const {
  const std::string key = absolute(path);
  return files_.contains(key)  ? FileType::File
         : dirs_.contains(key) ? FileType::Directory
                               : FileType::Missing;
}

std::optional<std::string> MemoryFileSystem::read(const std::string &path, size_t limit,
                                                  std::string &error) const {
  const std::string key = absolute(path);
  const auto it = files_.find(key);
  if (it == files_.end()) {
    error = dirs_.contains(key) ? "is a directory, not a file"
                                : "cannot be read: " + std::string(std::strerror(ENOENT));
    return std::nullopt;
  }
  if (it->second.size() > limit) {
    error = over_limit(it->second.size(), limit);
    return std::nullopt;
  }
  return it->second;
}

std::vector<DirEntry> MemoryFileSystem::list(const std::string &path) const {
  std::vector<DirEntry> out;
  const std::string folder = absolute(path);
  for (const auto &[file, bytes] : files_) {
    if (parent_of(file) == folder) {
      out.push_back({fs::path(file).filename().string(), FileType::File, false, false});
    }
  }
  for (const auto &[dir, present] : dirs_) {
    if (dir != folder && parent_of(dir) == folder) {
      out.push_back({fs::path(dir).filename().string(), FileType::Directory, false, false});
    }
  }
  std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
  return out;
}

std::string MemoryFileSystem::absolute(const std::string &path) const {
  std::string out = (fs::path("/") / path).lexically_normal().generic_string();
  if (out.size() > 1 && out.back() == '/') {
    out.pop_back();
  }
  return out;
}

ConfinedFileSystem::ConfinedFileSystem(std::vector<std::string> roots, std::shared_ptr<const FileSystem> base)
    : roots_(std::move(roots)), base_(std::move(base)) {
  for (std::string &root : roots_) {
    while (root.size() > 1 && root.back() == '/') {
      root.pop_back();
    }
  }
}

void ConfinedFileSystem::allow(const std::string &path) {
  const std::string key = absolute(path);
  std::lock_guard<std::mutex> lock(allowed_mutex_);
  allowed_.push_back(key);
}

std::shared_ptr<ConfinedFileSystem> ConfinedFileSystem::fresh() const {
  auto copy = std::make_shared<ConfinedFileSystem>(roots_, base_);
  std::lock_guard<std::mutex> lock(allowed_mutex_);
  copy->allowed_ = allowed_;
  return copy;
}

bool ConfinedFileSystem::allowed(const std::string &absolute) const {
  std::lock_guard<std::mutex> lock(allowed_mutex_);
  return std::find(allowed_.begin(), allowed_.end(), absolute) != allowed_.end();
}

bool ConfinedFileSystem::in_roots(const std::string &absolute) const {
  return std::any_of(roots_.begin(), roots_.end(),
                     [&](const std::string &root) { return inside_folder(root, absolute); });
}

std::string ConfinedFileSystem::refusal(const std::string &path) const {
  if (allowed(absolute(path)) || in_roots(real_path(path))) {
    return {};
  }
  std::string where;
  for (const std::string &root : roots_) {
    where += (where.empty() ? "" : ", ") + root;
  }
  return std::string(kOutsideRoot) + " (" + where +
         ") once symbolic links are resolved, so it was not read (nothing outside the repository is read; "
         "--root widens the root)";
}

bool ConfinedFileSystem::trusted(const std::string &path) const {
  const std::string key = absolute(path);
  return allowed(key) || (!in_roots(key) && !in_roots(real_path(path)));
}

FileType ConfinedFileSystem::type(const std::string &path) const {
  return base_->type(path);
}

std::optional<std::string> ConfinedFileSystem::read(const std::string &path, size_t limit,
                                                    std::string &error) const {
  if (allowed(absolute(path))) {
    return trusted_disk_.read(path, limit, error);
  }
  if (std::string refused = refusal(path); !refused.empty()) {
    error = std::move(refused);
    return std::nullopt;
  }
  // The real path, links resolved: the base opens it without following a
  // link, so a link swapped in since cannot lead outside.
  return base_->read(real_path(path), limit, error);
}

std::vector<DirEntry> ConfinedFileSystem::list(const std::string &path) const {
  return refusal(path).empty() ? base_->list(path) : std::vector<DirEntry>{};
}

std::string ConfinedFileSystem::absolute(const std::string &path) const {
  return base_->absolute(path);
}

std::string ConfinedFileSystem::real_path(const std::string &path) const {
  return base_->real_path(path);
}

bool is_refusal(const std::string &error) {
  return error.starts_with(kOutsideRoot);
}

std::string read_error_message(const std::string &display, const std::string &error) {
  return error.starts_with("file is") ? error : display + " " + error;
}

std::shared_ptr<const FileSystem> files_or_disk(const std::shared_ptr<const FileSystem> &files) {
  return files ? files : std::make_shared<DiskFileSystem>();
}

} // namespace wincompat
