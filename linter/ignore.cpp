#include "ignore.hpp"
#include "repository.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace fs = std::filesystem;

namespace wincompat {

namespace {

/// A `[...]` class at `p[at]` ('['): whether it matches `c`; `end` is set
/// past the ']'. False with `end` 0 when the class is not closed.
bool class_matches(std::string_view p, size_t at, char c, size_t &end) {
  size_t i = at + 1;
  const bool negated = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negated) {
    ++i;
  }
  bool matched = false;
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); first = false) {
    char low = p[i];
    if (low == '\\' && i + 1 < p.size()) {
      low = p[++i];
    }
    char high = low;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      high = p[i + 2];
      if (high == '\\' && i + 3 < p.size()) {
        high = p[i + 3];
        ++i;
      }
      i += 2;
    }
    matched = matched || (low <= c && c <= high);
    ++i;
  }
  if (i >= p.size()) {
    end = 0;
    return false;
  }
  end = i + 1;
  return c != '/' && matched != negated;
}

bool glob_at(std::string_view p, std::string_view s) {
  size_t pi = 0;
  size_t si = 0;
  while (pi < p.size()) {
    const char c = p[pi];
    if (c == '*') {
      const bool whole_part = pi + 1 < p.size() && p[pi + 1] == '*' && (pi == 0 || p[pi - 1] == '/') &&
                              (pi + 2 == p.size() || p[pi + 2] == '/');
      if (whole_part) {
        if (pi + 2 == p.size()) {
          return true; // `x/**`: everything inside
        }
        // `**/`: zero or more folders.
        const std::string_view rest = p.substr(pi + 3);
        const std::string_view tail = s.substr(si);
        if (glob_at(rest, tail)) {
          return true;
        }
        for (size_t k = 0; k < tail.size(); ++k) {
          if (tail[k] == '/' && glob_at(rest, tail.substr(k + 1))) {
            return true;
          }
        }
        return false;
      }
      while (pi < p.size() && p[pi] == '*') {
        ++pi; // other runs of stars are one star
      }
      const std::string_view rest = p.substr(pi);
      for (size_t k = si;; ++k) {
        if (glob_at(rest, s.substr(k))) {
          return true;
        }
        if (k >= s.size() || s[k] == '/') {
          return false;
        }
      }
    }
    if (si >= s.size()) {
      return false;
    }
    if (c == '?') {
      if (s[si] == '/') {
        return false;
      }
      ++pi;
      ++si;
      continue;
    }
    if (c == '[') {
      size_t end = 0;
      const bool matched = class_matches(p, pi, s[si], end);
      if (end != 0) {
        if (!matched) {
          return false;
        }
        pi = end;
        ++si;
        continue;
      } // an unclosed '[' is itself
    }
    char literal = c;
    if (c == '\\' && pi + 1 < p.size()) {
      literal = p[++pi];
    }
    if (literal != s[si]) {
      return false;
    }
    ++pi;
    ++si;
  }
  return si == s.size();
}

// git reads ignore files whatever their size.
constexpr size_t kMaxIgnoreFile = std::numeric_limits<size_t>::max();

std::string read_text(const FileSystem &files, const fs::path &path) {
  std::string error;
  return files.read(path.string(), kMaxIgnoreFile, error).value_or("");
}

/// The git directory of a work tree's `.git` (a folder, or a file
/// `gitdir: PATH` for worktrees and submodules), then its common directory
/// (where info/ and config are shared by worktrees).
fs::path git_common_dir(const FileSystem &files, const fs::path &dot_git) {
  fs::path dir = dot_git;
  if (files.is_file(dot_git.string())) {
    std::string text = read_text(files, dot_git);
    if (!text.starts_with("gitdir:")) {
      return {};
    }
    const fs::path target(std::string(trim(std::string_view(text).substr(7))));
    dir = target.is_absolute() ? target : dot_git.parent_path() / target;
  }
  if (const std::string common = std::string(trim(read_text(files, dir / "commondir"))); !common.empty()) {
    const fs::path target(common);
    dir = target.is_absolute() ? target : dir / target;
  }
  return dir.lexically_normal();
}

/// `core.excludesFile` from a git config text, if set.
std::optional<std::string> excludes_file_setting(const std::string &text) {
  std::optional<std::string> found;
  bool in_core = false;
  std::istringstream lines(text);
  for (std::string raw; std::getline(lines, raw);) {
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') {
      continue;
    }
    if (line[0] == '[') {
      const size_t close = line.find(']');
      in_core =
          to_lower(trim(line.substr(1, close == std::string_view::npos ? line.size() : close - 1))) == "core";
      continue;
    }
    const size_t equals = line.find('=');
    if (!in_core || equals == std::string_view::npos ||
        to_lower(trim(line.substr(0, equals))) != "excludesfile") {
      continue;
    }
    std::string_view value = trim(line.substr(equals + 1));
    if (value.starts_with('"')) {
      const size_t close = value.find('"', 1);
      value = value.substr(1, close == std::string_view::npos ? value.size() - 1 : close - 1);
    } else if (const size_t comment = value.find_first_of("#;"); comment != std::string_view::npos) {
      value = trim(value.substr(0, comment));
    }
    found = std::string(value);
  }
  return found;
}

} // namespace

bool gitignore_glob(std::string_view pattern, std::string_view path) {
  return glob_at(pattern, path);
}

IgnoreFile::IgnoreFile(std::string_view text) {
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string line(text.substr(at, end - at));
    at = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') {
      continue;
    }
    Rule rule;
    if (line[0] == '!') {
      rule.negated = true;
      line.erase(0, 1);
    }
    if (line.size() > 1 && line.back() == '/') {
      rule.directory_only = true;
      line.pop_back();
    }
    rule.anchored = line.find('/') != std::string::npos;
    if (line.starts_with('/')) {
      line.erase(0, 1);
    }
    if (line.empty()) {
      continue;
    }
    rule.pattern = std::move(line);
    rules_.push_back(std::move(rule));
  }
}

std::optional<bool> IgnoreFile::match(std::string_view path, bool is_directory) const {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (auto rule = rules_.rbegin(); rule != rules_.rend(); ++rule) {
    if (rule->directory_only && !is_directory) {
      continue;
    }
    if (gitignore_glob(rule->pattern, rule->anchored ? path : name)) {
      return !rule->negated;
    }
  }
  return std::nullopt;
}

std::string global_excludes_path(const char *home, const char *xdg_config_home,
                                 const std::vector<std::string> &config_texts) {
  std::optional<std::string> setting;
  for (const std::string &text : config_texts) {
    if (auto value = excludes_file_setting(text)) {
      setting = std::move(value);
    }
  }
  const std::string home_dir = home ? home : "";
  if (setting) {
    if (setting->starts_with("~/")) {
      return home_dir.empty() ? "" : home_dir + setting->substr(1);
    }
    return *setting;
  }
  if (xdg_config_home && *xdg_config_home) {
    return std::string(xdg_config_home) + "/git/ignore";
  }
  return home_dir.empty() ? "" : home_dir + "/.config/git/ignore";
}

std::shared_ptr<const IgnoreStack>
IgnoreStack::from_texts(std::vector<std::pair<std::string, std::string>> outer) {
  auto levels = std::make_shared<std::vector<Level>>();
  for (auto &[prefix, text] : outer) {
    Level level;
    level.prepend = prefix;
    level.git_ignore = IgnoreFile(text);
    levels->push_back(std::move(level));
  }
  auto stack = std::make_shared<IgnoreStack>();
  stack->outer_ = std::move(levels);
  return stack;
}

std::shared_ptr<const IgnoreStack> IgnoreStack::for_root(const std::string &root, const FileSystem &files) {
  const fs::path absolute = fs::path(files.absolute(root));
  fs::path start = absolute;
  if (!start.has_filename()) {
    start = start.parent_path(); // "a/b/" normalises to "a/b/": drop the empty name
  }
  // The repository the root lies in: its own ignore files above the root.
  const fs::path repository = repository_root(start, &files);
  std::vector<std::string> configs;
  const char *xdg = std::getenv("XDG_CONFIG_HOME");
  const char *home = std::getenv("HOME");
  if (xdg && *xdg) {
    configs.push_back(read_text(files, fs::path(xdg) / "git" / "config"));
  } else if (home) {
    configs.push_back(read_text(files, fs::path(home) / ".config" / "git" / "config"));
  }
  if (home) {
    configs.push_back(read_text(files, fs::path(home) / ".gitconfig"));
  }
  fs::path git_dir;
  if (!repository.empty()) {
    git_dir = git_common_dir(files, repository / ".git");
    if (!git_dir.empty()) {
      configs.push_back(read_text(files, git_dir / "config"));
    }
  }
  // info/exclude and the global file are relative to the repository's root
  // (the walk's root outside a repository).
  const fs::path base = repository.empty() ? start : repository;
  std::string prefix = start.lexically_relative(base).generic_string();
  prefix = prefix == "." || prefix.empty() ? "" : prefix + "/";
  auto outer = std::make_shared<std::vector<Level>>();
  if (!git_dir.empty()) {
    Level level;
    level.prepend = prefix;
    level.git_ignore = IgnoreFile(read_text(files, git_dir / "info" / "exclude"));
    outer->push_back(std::move(level));
  }
  if (const std::string global = global_excludes_path(home, xdg, configs); !global.empty()) {
    Level level;
    level.prepend = prefix;
    level.git_ignore = IgnoreFile(read_text(files, global));
    outer->push_back(std::move(level));
  }
  auto stack = std::make_shared<IgnoreStack>();
  stack->outer_ = outer;
  std::shared_ptr<const IgnoreStack> top = stack;
  if (!repository.empty() && start != repository) {
    // The folders from the repository's root down to the root's parent.
    std::vector<fs::path> folders;
    for (fs::path folder = start.parent_path(); folder.string().size() >= repository.string().size();
         folder = folder.parent_path()) {
      folders.push_back(folder);
      if (folder == repository || folder == folder.parent_path()) {
        break;
      }
    }
    for (auto folder = folders.rbegin(); folder != folders.rend(); ++folder) {
      Level level;
      level.prepend = start.lexically_relative(*folder).generic_string() + "/";
      level.git_ignore = IgnoreFile(read_text(files, *folder / ".gitignore"));
      level.dot_ignore = IgnoreFile(read_text(files, *folder / ".ignore"));
      if (level.git_ignore.empty() && level.dot_ignore.empty()) {
        continue;
      }
      auto next = std::make_shared<IgnoreStack>();
      next->parent_ = top;
      next->level_ = std::move(level);
      next->outer_ = outer;
      top = next;
    }
  }
  return top;
}

std::shared_ptr<const IgnoreStack> IgnoreStack::enter(const std::shared_ptr<const IgnoreStack> &self,
                                                      const std::string &fs_folder, const std::string &folder,
                                                      bool has_gitignore, bool has_ignore,
                                                      const FileSystem &files) {
  if (!self || (!has_gitignore && !has_ignore)) {
    return self;
  }
  Level level;
  level.strip = folder.empty() ? "" : folder + "/";
  if (has_gitignore) {
    level.git_ignore = IgnoreFile(read_text(files, fs::path(fs_folder) / ".gitignore"));
  }
  if (has_ignore) {
    level.dot_ignore = IgnoreFile(read_text(files, fs::path(fs_folder) / ".ignore"));
  }
  if (level.git_ignore.empty() && level.dot_ignore.empty()) {
    return self;
  }
  auto next = std::make_shared<IgnoreStack>();
  next->parent_ = self;
  next->level_ = std::move(level);
  next->outer_ = self->outer_;
  return next;
}

bool IgnoreStack::trivial() const {
  for (const IgnoreStack *node = this; node; node = node->parent_.get()) {
    if (!node->level_.git_ignore.empty() || !node->level_.dot_ignore.empty()) {
      return false;
    }
  }
  return !outer_ || std::all_of(outer_->begin(), outer_->end(),
                                [](const Level &level) { return level.git_ignore.empty(); });
}

bool IgnoreStack::ignored(const std::string &relative, bool is_directory) const {
  std::string joined; // a level above the root: its path to the entry
  const auto path_for = [&](const Level &level) -> std::string_view {
    const std::string_view below =
        std::string_view(relative).substr(std::min(level.strip.size(), relative.size()));
    if (level.prepend.empty()) {
      return below;
    }
    joined.assign(level.prepend).append(below);
    return joined;
  };
  // .ignore wins over .gitignore; in each, the deepest folder's file decides.
  for (const bool dot_ignore : {true, false}) {
    for (const IgnoreStack *node = this; node; node = node->parent_.get()) {
      const IgnoreFile &file = dot_ignore ? node->level_.dot_ignore : node->level_.git_ignore;
      if (file.empty()) {
        continue;
      }
      if (auto verdict = file.match(path_for(node->level_), is_directory)) {
        return *verdict;
      }
    }
  }
  if (outer_) {
    for (const Level &level : *outer_) {
      if (level.git_ignore.empty()) {
        continue;
      }
      if (auto verdict = level.git_ignore.match(path_for(level), is_directory)) {
        return *verdict;
      }
    }
  }
  return false;
}

} // namespace wincompat
