// POSIX and Windows, each question answered in one place (platform.hpp).
#include "platform.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <windows.h>
#else
#include <dlfcn.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace wincompat::platform {

namespace {

std::string platform_over_limit(unsigned long long size, size_t limit) {
  return "file is " + std::to_string(size) + " bytes, over the " + std::to_string(limit) +
         "-byte limit (--max-file-size); it was not linted";
}

std::string platform_over_limit(size_t limit) {
  return "file is over the " + std::to_string(limit) + "-byte limit (--max-file-size); it was not linted";
}

constexpr const char *kPlatformNotRegular = "cannot be read: it is not a regular file (a FIFO, a device or a "
                                            "socket), so it was not opened for reading";

#ifdef _WIN32

std::wstring platform_widen(const std::string &text) {
  if (text.empty()) {
    return {};
  }
  const int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring out(static_cast<size_t>(std::max(size, 0)), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size);
  return out;
}

std::string platform_narrow(const std::wstring &text) {
  if (text.empty()) {
    return {};
  }
  const int size = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0,
                                       nullptr, nullptr);
  std::string out(static_cast<size_t>(std::max(size, 0)), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size, nullptr,
                      nullptr);
  return out;
}

/// A Windows error in the words Linux uses for the same errno, so messages
/// read the same on both; others in Windows' own words.
std::string platform_error_text(DWORD error) {
  switch (error) {
  case ERROR_FILE_NOT_FOUND:
  case ERROR_PATH_NOT_FOUND:
  case ERROR_INVALID_NAME:
    return std::strerror(ENOENT);
  case ERROR_ACCESS_DENIED:
  case ERROR_SHARING_VIOLATION:
    return std::strerror(EACCES);
  case ERROR_CANT_RESOLVE_FILENAME:
    return std::strerror(ELOOP);
  case ERROR_DISK_FULL:
  case ERROR_HANDLE_DISK_FULL:
    return std::strerror(ENOSPC);
  default:
    break;
  }
  char *buffer = nullptr;
  const DWORD n = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                     FORMAT_MESSAGE_IGNORE_INSERTS,
                                 nullptr, error, 0, reinterpret_cast<LPSTR>(&buffer), 0, nullptr);
  std::string out = n && buffer ? std::string(buffer, n) : "Windows error " + std::to_string(error);
  LocalFree(buffer);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == '.')) {
    out.pop_back();
  }
  return out;
}

struct PlatformHandle {
  HANDLE handle;
  ~PlatformHandle() {
    if (handle != INVALID_HANDLE_VALUE) {
      CloseHandle(handle);
    }
  }
};

/// The final path of an open handle, '/'-separated, without the "\\?\"
/// prefix ("\\?\UNC\server\share" becomes "//server/share").
std::optional<std::string> platform_final_path(HANDLE handle) {
  std::wstring buffer(1024, L'\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    const DWORD n = GetFinalPathNameByHandleW(handle, buffer.data(), static_cast<DWORD>(buffer.size()),
                                              FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    if (n == 0) {
      return std::nullopt;
    }
    if (n < buffer.size()) {
      buffer.resize(n);
      std::string out = generic_path(platform_narrow(buffer));
      if (out.starts_with("//?/UNC/")) {
        out = "//" + out.substr(8);
      } else if (out.starts_with("//?/")) {
        out = out.substr(4);
      }
      return out;
    }
    buffer.assign(n + 1, L'\0');
  }
  return std::nullopt;
}

#endif

/// Where the set starting at `pattern[at]` ('[') ends (past its ']'), and
/// whether `c` is in it; nullopt when it is not a set ('[' is then literal).
std::optional<size_t> platform_match_set(std::string_view pattern, size_t at, unsigned char c, bool &in) {
  size_t i = at + 1;
  const bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) {
    ++i;
  }
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    if (pattern[i] == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      const size_t close = pattern.find(":]", i + 2);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 2, close - i - 2);
        static constexpr std::pair<std::string_view, int (*)(int)> kClasses[] = {
            {"alnum", std::isalnum}, {"alpha", std::isalpha}, {"blank", std::isblank},
            {"cntrl", std::iscntrl}, {"digit", std::isdigit}, {"graph", std::isgraph},
            {"lower", std::islower}, {"print", std::isprint}, {"punct", std::ispunct},
            {"space", std::isspace}, {"upper", std::isupper}, {"xdigit", std::isxdigit}};
        bool known = false;
        for (const auto &[class_name, test] : kClasses) {
          if (class_name == name) {
            known = true;
            found = found || test(c) != 0;
          }
        }
        if (!known) {
          return std::nullopt; // fnmatch: an unknown class never matches
        }
        i = close + 2;
        continue;
      }
    }
    unsigned char low = static_cast<unsigned char>(pattern[i]);
    if (low == '\\' && i + 1 < pattern.size()) {
      low = static_cast<unsigned char>(pattern[++i]);
    }
    ++i;
    unsigned char high = low;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      high = static_cast<unsigned char>(pattern[i + 1]);
      i += 2;
      if (high == '\\' && i < pattern.size()) {
        high = static_cast<unsigned char>(pattern[i++]);
      }
    }
    found = found || (low <= c && c <= high);
  }
  if (i >= pattern.size()) {
    return std::nullopt;
  }
  in = found != negate;
  return i + 1;
}

} // namespace

bool glob_match_portable(std::string_view pattern, std::string_view text) {
  // The classic backtracking match: on a mismatch, let the last '*' take
  // one more character.
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char k = pattern[p];
      if (k == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (k == '?') {
        ++p;
        ++t;
        continue;
      }
      if (k == '[') {
        bool in = false;
        if (const std::optional<size_t> end =
                platform_match_set(pattern, p, static_cast<unsigned char>(text[t]), in)) {
          if (in) {
            p = *end;
            ++t;
            continue;
          }
        } else if (text[t] == '[') {
          ++p;
          ++t;
          continue;
        }
      } else {
        const bool quoted = k == '\\' && p + 1 < pattern.size();
        if (pattern[p + (quoted ? 1 : 0)] == text[t]) {
          p += quoted ? 2 : 1;
          ++t;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) {
      return false;
    }
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

void init_standard_streams() {
#ifdef _WIN32
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
#endif
}

bool stdout_is_terminal() {
#ifdef _WIN32
  return _isatty(_fileno(stdout)) != 0;
#else
  return isatty(STDOUT_FILENO) != 0;
#endif
}

long long read_stdin(char *buffer, size_t size) {
  for (;;) {
#ifdef _WIN32
    const int n = _read(_fileno(stdin), buffer, static_cast<unsigned>(std::min<size_t>(size, 1u << 30)));
#else
    const ssize_t n = ::read(STDIN_FILENO, buffer, size);
#endif
    if (n < 0 && errno == EINTR) {
      continue;
    }
    return n;
  }
}

void ignore_broken_pipe() {
#ifndef _WIN32
  std::signal(SIGPIPE, SIG_IGN);
#endif
}

void ignore_file_size_limit() {
#ifndef _WIN32
  std::signal(SIGXFSZ, SIG_IGN);
#endif
}

long process_id() {
#ifdef _WIN32
  return static_cast<long>(GetCurrentProcessId());
#else
  return static_cast<long>(::getpid());
#endif
}

void *load_library(const char *const *names) {
  for (; *names; ++names) {
#ifdef _WIN32
    if (HMODULE library = LoadLibraryA(*names)) {
      return reinterpret_cast<void *>(library);
    }
#else
    if (void *library = dlopen(*names, RTLD_NOW | RTLD_LOCAL)) {
      return library;
    }
#endif
  }
  return nullptr;
}

void *library_symbol(void *library, const char *symbol) {
#ifdef _WIN32
  return reinterpret_cast<void *>(GetProcAddress(static_cast<HMODULE>(library), symbol));
#else
  return dlsym(library, symbol);
#endif
}

#ifdef _WIN32

std::optional<std::string> read_file(const std::string &path, size_t limit, bool regular_only,
                                     std::string &error) {
  // FILE_FLAG_OPEN_REPARSE_POINT opens a symbolic link or junction itself,
  // which is then refused: the caller resolved the path, so one found here
  // was swapped in since. BACKUP_SEMANTICS opens a folder, to say it is one.
  const DWORD flags = FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_SEQUENTIAL_SCAN |
                      (regular_only ? FILE_FLAG_OPEN_REPARSE_POINT : 0);
  PlatformHandle file{CreateFileW(platform_widen(path).c_str(), GENERIC_READ,
                                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                  OPEN_EXISTING, flags, nullptr)};
  if (file.handle == INVALID_HANDLE_VALUE) {
    error = "cannot be read: " + platform_error_text(GetLastError());
    return std::nullopt;
  }
  const DWORD type = GetFileType(file.handle);
  BY_HANDLE_FILE_INFORMATION info{};
  const bool disk = type == FILE_TYPE_DISK && GetFileInformationByHandle(file.handle, &info);
  if (disk && regular_only && (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
    error = "cannot be read: it is a reparse point (a symbolic link or a junction), which is not followed";
    return std::nullopt;
  }
  if (disk && (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
    error = "is a directory, not a file";
    return std::nullopt;
  }
  if (regular_only && !disk) {
    error = kPlatformNotRegular;
    return std::nullopt;
  }
  const unsigned long long size =
      disk ? (static_cast<unsigned long long>(info.nFileSizeHigh) << 32) | info.nFileSizeLow : 0;
  if (disk && size > limit) {
    error = platform_over_limit(size, limit);
    return std::nullopt;
  }
  std::string bytes;
  bytes.resize(disk ? static_cast<size_t>(size) + 1 : 65536);
  size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {
      if (bytes.size() > limit) {
        error = platform_over_limit(limit);
        return std::nullopt;
      }
      bytes.resize(bytes.size() * 2);
    }
    DWORD n = 0;
    const DWORD want = static_cast<DWORD>(std::min<size_t>(bytes.size() - used, 1u << 30));
    if (!ReadFile(file.handle, bytes.data() + used, want, &n, nullptr)) {
      const DWORD why = GetLastError();
      if (why == ERROR_BROKEN_PIPE || why == ERROR_HANDLE_EOF) {
        break; // the end of a pipe
      }
      error = "cannot be read: " + platform_error_text(why);
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    used += n;
    if (disk && used == size) {
      break;
    }
  }
  bytes.resize(used);
  return bytes;
}

bool folder_readable(const std::string &path) {
  WIN32_FIND_DATAW found;
  const HANDLE search = FindFirstFileW(platform_widen(path + "/*").c_str(), &found);
  if (search == INVALID_HANDLE_VALUE) {
    return GetLastError() != ERROR_ACCESS_DENIED;
  }
  FindClose(search);
  return true;
}

std::optional<std::string> resolved_path(const std::string &path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec).lexically_normal();
  if (ec) {
    return std::nullopt;
  }
  // The longest part that exists, resolved by Windows itself (links,
  // junctions, 8.3 names, case), and the rest as written.
  std::vector<fs::path> rest;
  for (fs::path head = absolute;; head = head.parent_path()) {
    PlatformHandle handle{CreateFileW(head.wstring().c_str(), 0,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                      OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr)};
    if (handle.handle != INVALID_HANDLE_VALUE) {
      std::optional<std::string> real = platform_final_path(handle.handle);
      if (!real) {
        return std::nullopt;
      }
      for (auto it = rest.rbegin(); it != rest.rend(); ++it) {
        *real += (real->ends_with('/') ? "" : "/") + generic_path(it->string());
      }
      return real;
    }
    if (!head.has_relative_path() || head.filename().empty()) {
      return std::nullopt;
    }
    rest.push_back(head.filename());
  }
}

std::string write_file_atomically(const std::string &path, const std::string &bytes) {
  const std::wstring target = platform_widen(path);
  const DWORD attributes = GetFileAttributesW(target.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) {
    const DWORD why = GetLastError();
    if (why != ERROR_FILE_NOT_FOUND) {
      return "cannot stat " + path + ": " + platform_error_text(why);
    }
  } else if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) {
    return path + " is a symbolic link: --fix never writes through one; fix the file it links to (lint it "
                  "by its own name)";
  } else if (attributes & FILE_ATTRIBUTE_DIRECTORY) {
    return path + " is not a regular file: --fix writes only regular files";
  }
  // CREATE_NEW fails on any existing name, a planted link included.
  static std::atomic<unsigned> counter{0};
  std::wstring temp;
  HANDLE file = INVALID_HANDLE_VALUE;
  for (int attempt = 0; attempt < 100 && file == INVALID_HANDLE_VALUE; ++attempt) {
    temp = platform_widen(path + ".wincompat-" + std::to_string(process_id()) + "-" +
                          std::to_string(counter.fetch_add(1)));
    file = CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) {
      break;
    }
  }
  if (file == INVALID_HANDLE_VALUE) {
    return "cannot create a temporary file beside " + path + ": " + platform_error_text(GetLastError());
  }
  size_t written = 0;
  bool ok = true;
  while (ok && written < bytes.size()) {
    DWORD n = 0;
    const DWORD want = static_cast<DWORD>(std::min<size_t>(bytes.size() - written, 1u << 30));
    ok = WriteFile(file, bytes.data() + written, want, &n, nullptr) != 0;
    written += n;
  }
  ok = ok && FlushFileBuffers(file);
  const DWORD why = ok ? 0 : GetLastError();
  CloseHandle(file);
  if (!ok) {
    DeleteFileW(temp.c_str());
    return "cannot write the fixed " + path + ": " + platform_error_text(why);
  }
  if (!MoveFileExW(temp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    const std::string message = "cannot replace " + path + ": " + platform_error_text(GetLastError());
    DeleteFileW(temp.c_str());
    return message;
  }
  return "";
}

bool glob_match(const std::string &pattern, const std::string &text) {
  return glob_match_portable(pattern, text);
}

std::string generic_path(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  return path;
}

#else

/// One open, one fstat, one read: this runs once per file on every commit.
std::optional<std::string> read_file(const std::string &path, size_t limit, bool regular_only,
                                     std::string &error) {
  // Regular files only: never block opening a FIFO nor follow a link
  // swapped in after the caller resolved the path; fstat decides below.
  const int flags = O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK | O_NOFOLLOW | O_NOCTTY : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    int why = errno;
    struct stat target {};
    if (why == ELOOP && regular_only && ::stat(path.c_str(), &target) != 0) {
      why = errno; // a dangling link or a loop: say which, as a plain open would
    }
    error = "cannot be read: " + std::string(std::strerror(why));
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
  if (regular_only && !S_ISREG(info.st_mode)) {
    error = kPlatformNotRegular;
    return std::nullopt;
  }
  if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > limit) {
    // Do not read what will not be linted; report the size.
    error = platform_over_limit(static_cast<unsigned long long>(info.st_size), limit);
    return std::nullopt;
  }
  std::string bytes;
  bytes.resize(S_ISREG(info.st_mode) ? static_cast<size_t>(info.st_size) + 1 : 65536);
  size_t used = 0;
  while (true) {
    if (used == bytes.size()) {
      if (bytes.size() > limit) {
        error = platform_over_limit(limit);
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

bool folder_readable(const std::string &path) {
  return ::access(path.c_str(), R_OK) == 0;
}

std::optional<std::string> resolved_path(const std::string &path) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(path, ec);
  return ec ? std::nullopt : std::optional<std::string>(real.string());
}

std::string write_file_atomically(const std::string &path, const std::string &bytes) {
  // Never through a link: it could lead out of the repository (a pull
  // request's Dockerfile -> ~/.bashrc). rename() below replaces the name
  // itself, so a link swapped in after this check is replaced, not followed.
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return "cannot stat " + path + ": " + std::strerror(errno);
    }
    info.st_mode = S_IFREG | 0644; // a new file (the first .wincompat.lock)
  }
  if (S_ISLNK(info.st_mode)) {
    return path + " is a symbolic link: --fix never writes through one; fix the file it links to (lint it "
                  "by its own name)";
  }
  if (!S_ISREG(info.st_mode)) {
    return path + " is not a regular file: --fix writes only regular files";
  }
  // mkstemp creates the file with O_CREAT|O_EXCL under a fresh random name:
  // a link planted there is never followed.
  std::string temp = path + ".wincompat-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return "cannot create a temporary file beside " + path + ": " + std::strerror(errno);
  }
  const auto fail = [&](const std::string &what) {
    const std::string message = what + " " + path + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    return message;
  };
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return fail("cannot write the fixed");
    }
    written += static_cast<size_t>(n);
  }
  if (::fchmod(fd, info.st_mode & 07777) != 0 || ::fsync(fd) != 0) {
    return fail("cannot finish writing the fixed");
  }
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return "cannot write the fixed " + path + ": " + std::strerror(errno);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string message = "cannot replace " + path + ": " + std::strerror(errno);
    ::unlink(temp.c_str());
    return message;
  }
  return "";
}

bool glob_match(const std::string &pattern, const std::string &text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

std::string generic_path(std::string path) {
  return path;
}

#endif

} // namespace wincompat::platform
