// Turning command-line paths into the files to lint (cli.md "lint").
#include "wincompat/engine.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <filesystem>
#include <fnmatch.h>

namespace fs = std::filesystem;

namespace wincompat {

FileKind kind_from_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = to_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (name == "dockerfile" || name == "containerfile" || name.ends_with(".dockerfile") ||
      name.starts_with("dockerfile.") || name.starts_with("dockerfile_") ||
      name.starts_with("dockerfile-") || name.starts_with("containerfile.")) {
    return FileKind::Dockerfile;
  }
  if (name.ends_with(".yaml") || name.ends_with(".yml")) {
    return FileKind::Yaml;
  }
  return FileKind::Auto;
}

namespace {

bool excluded(const std::string &relative, const std::vector<std::string> &patterns) {
  for (const auto &pattern : patterns) {
    // "**" in config globs: let fnmatch's '*' cross '/' by not using FNM_PATHNAME.
    if (fnmatch(pattern.c_str(), relative.c_str(), 0) == 0) {
      return true;
    }
    if (!pattern.ends_with("/**") && fnmatch((pattern + "/*").c_str(), relative.c_str(), 0) == 0) {
      return true;
    }
  }
  return false;
}

std::string display_path(const fs::path &root_arg, const fs::path &relative) {
  if (root_arg == ".") {
    return relative.generic_string();
  }
  return (root_arg / relative).generic_string();
}

void walk_directory(const std::string &root, const std::vector<std::string> &exclude,
                    const std::string &exclude_base, std::vector<FileInput> &out) {
  std::vector<std::pair<std::string, FileInput>> found;
  std::error_code ec;
  const auto options = fs::directory_options::skip_permission_denied;
  fs::recursive_directory_iterator it(root, options, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry &entry = *it;
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    // Symlinked directories are not followed, so a link loop cannot trap the walk.
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      if (name == ".git" || name == "node_modules") {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!entry.is_regular_file(type_ec) || kind_from_name(name) == FileKind::Auto) {
      continue;
    }
    const fs::path relative = fs::relative(entry.path(), root, type_ec);
    const std::string shown = display_path(root, relative);
    std::string base_relative = fs::relative(fs::absolute(entry.path()), exclude_base, type_ec).generic_string();
    if (excluded(base_relative, exclude)) {
      continue;
    }
    found.push_back({relative.generic_string(), FileInput{shown, entry.path().string(), false, std::nullopt}});
  }
  // Directory order differs between file systems; sort for deterministic output.
  std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
  for (auto &item : found) {
    out.push_back(std::move(item.second));
  }
}

} // namespace

std::vector<FileInput> collect_inputs(const std::vector<std::string> &paths,
                                      const std::vector<std::string> &exclude,
                                      const std::string &exclude_base,
                                      std::vector<std::string> &missing) {
  std::vector<FileInput> inputs;
  for (const auto &path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      missing.push_back(path);
      continue;
    }
    if (fs::is_directory(status) && kind_from_name(path) != FileKind::Dockerfile) {
      walk_directory(path, exclude, exclude_base.empty() ? fs::current_path().string() : exclude_base, inputs);
    } else {
      inputs.push_back({path, path, true, std::nullopt});
    }
  }
  return inputs;
}

std::string file_uri(const std::string &path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  std::string out = "file://";
  static const char *hex = "0123456789ABCDEF";
  for (unsigned char c : absolute.generic_string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

} // namespace wincompat
