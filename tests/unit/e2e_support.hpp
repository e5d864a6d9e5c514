// Helpers for the end-to-end tests (e2e_test.cpp, golden_test.cpp): run the
// built `wincompat` binary through /bin/sh with stdout and stderr redirected to
// files in a fresh temporary directory, and read back what it printed.
#pragma once

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace wincompat::e2e {

namespace fs = std::filesystem;

/// Single-quotes a word for /bin/sh.
inline std::string sh_quote(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

inline std::string slurp(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

inline void write_file(const fs::path &path, std::string_view bytes) {
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path());
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

inline size_t count_of(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

/// A fresh directory under the system temp dir, removed (permissions restored
/// first) when the test ends. It holds an empty `.git` directory so that the
/// upward `.wincompat.yaml` search stops here and no stray config outside the
/// test can leak in (docs/configuration.md: the search stops at the repository root).
class TempDir {
public:
  explicit TempDir(bool as_repository = true) {
    static std::atomic<unsigned> counter{0};
    std::string pattern = (fs::temp_directory_path() / ("wincompat-e2e-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(counter++) + "-XXXXXX"))
                              .string();
    if (!::mkdtemp(pattern.data())) {
      throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    path_ = fs::canonical(pattern);
    if (as_repository) {
      fs::create_directory(path_ / ".git");
    }
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  ~TempDir() {
    std::error_code ec;
    // chmod 000 files or directories made by a test must not stop the cleanup.
    for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_symlink(ec)) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
      }
    }
    fs::remove_all(path_, ec);
  }

  const fs::path &path() const {
    return path_;
  }
  fs::path operator/(const std::string &relative) const {
    return path_ / relative;
  }
  /// Writes `bytes` to `relative` (creating directories) and returns its path.
  fs::path write(const std::string &relative, std::string_view bytes) const {
    const fs::path target = path_ / relative;
    write_file(target, bytes);
    return target;
  }

private:
  fs::path path_;
};

struct RunResult {
  int status = -1; // exit status; 128+N when killed by signal N; 124 on timeout
  std::string out;
  std::string err;
  std::string command;
};

struct RunOptions {
  fs::path cwd;                // working directory; default: a fresh temp dir
  std::string env{};           // extra `NAME=value ...` words before the binary
  std::string stdin_text{};    // fed to standard input (empty: /dev/null)
  bool has_stdin = false;      // feed stdin_text even when empty
  int timeout_seconds = 60;    // a hang fails the test instead of blocking it
  bool keep_color_env = false; // otherwise NO_COLOR is unset before running
};

inline std::string binary() {
  return WINCOMPAT_BINARY;
}

/// Runs `wincompat ARGS` (ARGS is already shell syntax) and captures its output.
inline RunResult run_cli(const std::string &args, const RunOptions &options = {}) {
  TempDir scratch(false);
  const fs::path cwd = options.cwd.empty() ? scratch.path() : options.cwd;
  const fs::path out_file = scratch / "stdout";
  const fs::path err_file = scratch / "stderr";
  fs::path in_file = "/dev/null";
  if (options.has_stdin || !options.stdin_text.empty()) {
    in_file = scratch.write("stdin", options.stdin_text);
  }
  std::string command = "cd " + sh_quote(cwd.string()) + " && unset WINCOMPAT_TODAY";
  if (!options.keep_color_env) {
    command += " NO_COLOR";
  }
  command += "; ";
  if (options.timeout_seconds > 0 && ::access("/usr/bin/timeout", X_OK) == 0) {
    command += "exec /usr/bin/timeout -k 5 " + std::to_string(options.timeout_seconds) + " ";
  } else {
    command += "exec ";
  }
  if (!options.env.empty()) {
    command += "env " + options.env + " ";
  }
  command += sh_quote(binary()) + " " + args + " <" + sh_quote(in_file.string()) + " >" +
             sh_quote(out_file.string()) + " 2>" + sh_quote(err_file.string());
  const int raw = std::system(command.c_str());
  RunResult result;
  result.command = command;
  if (raw == -1) {
    result.status = -1;
  } else if (WIFEXITED(raw)) {
    result.status = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    result.status = 128 + WTERMSIG(raw);
  }
  result.out = slurp(out_file);
  result.err = slurp(err_file);
  return result;
}

/// Runs `cmd` through /bin/sh and returns its standard output (for diff -u).
inline std::string shell_output(const std::string &cmd) {
  TempDir scratch(false);
  const fs::path out_file = scratch / "out";
  const std::string command = cmd + " >" + sh_quote(out_file.string()) + " 2>&1";
  [[maybe_unused]] const int raw = std::system(command.c_str());
  return slurp(out_file);
}

/// The `file://` URI prefix wincompat prints for an absolute directory
/// (same percent-encoding as linter/walk.cpp file_uri), with a trailing slash.
inline std::string file_uri_prefix(const fs::path &directory) {
  static const char *hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : fs::absolute(directory).lexically_normal().generic_string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (!out.ends_with('/')) {
    out += '/';
  }
  return out;
}

inline std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) {
    return text;
  }
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// Everything a failed CHECK needs to explain itself.
inline std::string describe(const RunResult &r) {
  return "command: " + r.command + "\nexit status: " + std::to_string(r.status) + "\n--- stdout ---\n" +
         r.out.substr(0, 4000) + "\n--- stderr ---\n" + r.err.substr(0, 4000);
}

} // namespace wincompat::e2e
