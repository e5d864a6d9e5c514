// Reading an input's bytes: standard input or the file, within --max-file-size.
#include "read.hpp"

#include "wincompat/rule.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wincompat {

/// One open, one fstat, one read: this runs once per file on every commit.
std::optional<std::string> read_file(const std::string &path, size_t limit, std::string &error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot be read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() {
      ::close(fd);
    }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error = "cannot be read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    error = "is a directory, not a file";
    return std::nullopt;
  }
  if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > limit) {
    // Do not read what will not be linted; report the size.
    error = "file is " + std::to_string(info.st_size) + " bytes, over the " + std::to_string(limit) +
            "-byte limit (--max-file-size); it was not linted";
    return std::nullopt;
  }
  std::string bytes;
  bytes.resize(S_ISREG(info.st_mode) ? static_cast<size_t>(info.st_size) + 1 : 65536);
  size_t used = 0;
  while (true) {
    if (used == bytes.size()) {
      if (bytes.size() > limit) {
        error =
            "file is over the " + std::to_string(limit) + "-byte limit (--max-file-size); it was not linted";
        return std::nullopt;
      }
      bytes.resize(bytes.size() * 2);
    }
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      error = "cannot be read: " + std::string(std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    used += static_cast<size_t>(n);
    // A regular file read to its known size needs no extra read for EOF.
    if (S_ISREG(info.st_mode) && used == static_cast<size_t>(info.st_size)) {
      break;
    }
  }
  bytes.resize(used);
  return bytes;
}

ReadOutcome read_input(const FileInput &input, const LintOptions &options) {
  if (input.content) {
    return decode_text(input.path, *input.content, options.max_file_size);
  }
  std::string error;
  auto bytes = read_file(input.fs_path, options.max_file_size, error);
  if (!bytes) {
    ReadOutcome failed;
    failed.error =
        engine_diagnostic("WC902", error.starts_with("file is") ? error : input.path + " " + error);
    return failed;
  }
  return decode_text(input.path, std::move(*bytes), options.max_file_size);
}

} // namespace wincompat
