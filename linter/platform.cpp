// POSIX and Windows, each question answered in one place (platform.hpp).
#include "platform.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
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
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
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

namespace {

bool platform_ends_with_nocase(const std::string &text, std::string_view tail) {
  if (text.size() < tail.size()) {
    return false;
  }
  for (size_t i = 0; i < tail.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[text.size() - tail.size() + i])) !=
        std::tolower(static_cast<unsigned char>(tail[i]))) {
      return false;
    }
  }
  return true;
}

/// `argument` quoted for a command line as the C runtime's parser
/// (CommandLineToArgvW) reads it back.
std::wstring platform_quoted(const std::wstring &argument) {
  if (!argument.empty() && argument.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    return argument;
  }
  std::wstring out = L"\"";
  size_t backslashes = 0;
  for (wchar_t c : argument) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');
  return out + L"\"";
}

} // namespace

std::string find_program(const std::string &name, const std::string &path_list) {
  // Windows' own search tries each extension of PATHEXT; only programs that
  // run without a shell are taken.
  std::vector<std::string> candidates;
  if (platform_ends_with_nocase(name, ".exe") || platform_ends_with_nocase(name, ".com")) {
    candidates.push_back(name);
  } else {
    const char *pathext = std::getenv("PATHEXT");
    const std::string extensions = pathext && *pathext ? pathext : ".COM;.EXE;.BAT;.CMD";
    for (size_t start = 0; start <= extensions.size();) {
      const size_t end = std::min(extensions.find(';', start), extensions.size());
      const std::string extension = extensions.substr(start, end - start);
      start = end + 1;
      if (platform_ends_with_nocase(extension, ".exe") && extension.size() == 4) {
        candidates.push_back(name + ".exe");
      } else if (platform_ends_with_nocase(extension, ".com") && extension.size() == 4) {
        candidates.push_back(name + ".com");
      }
    }
  }
  for (size_t start = 0; start <= path_list.size();) {
    const size_t end = std::min(path_list.find(';', start), path_list.size());
    std::string folder = path_list.substr(start, end - start);
    start = end + 1;
    folder.erase(std::remove(folder.begin(), folder.end(), '"'), folder.end());
    // "", "." and "dir" mean the working directory: the checkout being linted.
    if (folder.empty() || !fs::path(platform_widen(folder)).is_absolute()) {
      continue;
    }
    for (const std::string &candidate : candidates) {
      const std::string path =
          folder + (folder.back() == '\\' || folder.back() == '/' ? "" : "\\") + candidate;
      const DWORD attributes = GetFileAttributesW(platform_widen(path).c_str());
      if (attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        return path;
      }
    }
  }
  return {};
}

ProgramRun run_program(const std::string &path, const std::string &name,
                       const std::vector<std::string> &arguments, const std::string &input,
                       std::chrono::milliseconds timeout, size_t max_output) {
  ProgramRun out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  SECURITY_ATTRIBUTES inheritable{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  HANDLE in_read = nullptr, in_write = nullptr, out_read = nullptr, out_write = nullptr;
  if (!CreatePipe(&in_read, &in_write, &inheritable, 0)) {
    return out;
  }
  PlatformHandle child_in{in_read}, parent_in{in_write};
  if (!CreatePipe(&out_read, &out_write, &inheritable, 0)) {
    return out;
  }
  PlatformHandle parent_out{out_read}, child_out{out_write};
  PlatformHandle child_err{CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                       &inheritable, OPEN_EXISTING, 0, nullptr)};
  SetHandleInformation(in_write, HANDLE_FLAG_INHERIT, 0);
  SetHandleInformation(out_read, HANDLE_FLAG_INHERIT, 0);
  if (child_err.handle == INVALID_HANDLE_VALUE) {
    return out;
  }
  // A job holds the program and every process it starts: a timeout ends them all.
  PlatformHandle job{CreateJobObjectW(nullptr, nullptr)};
  if (!job.handle) {
    job.handle = INVALID_HANDLE_VALUE;
    return out;
  }
  // Only the three standard handles are inherited, whatever other threads
  // have open.
  HANDLE inherited[] = {in_read, out_write, child_err.handle};
  SIZE_T size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
  std::vector<char> list_bytes(size);
  auto *list = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(list_bytes.data());
  const bool listed = InitializeProcThreadAttributeList(list, 1, 0, &size) &&
                      UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited,
                                                sizeof inherited, nullptr, nullptr);
  STARTUPINFOEXW startup{};
  startup.StartupInfo.cb = listed ? sizeof startup : sizeof startup.StartupInfo;
  startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  startup.StartupInfo.hStdInput = in_read;
  startup.StartupInfo.hStdOutput = out_write;
  startup.StartupInfo.hStdError = child_err.handle;
  startup.lpAttributeList = listed ? list : nullptr;
  std::wstring command = platform_quoted(platform_widen(name));
  for (const std::string &argument : arguments) {
    command += L" " + platform_quoted(platform_widen(argument));
  }
  PROCESS_INFORMATION process{};
  const BOOL created = CreateProcessW(platform_widen(path).c_str(), command.data(), nullptr, nullptr, TRUE,
                                      CREATE_SUSPENDED | CREATE_NO_WINDOW | CREATE_UNICODE_ENVIRONMENT |
                                          (listed ? EXTENDED_STARTUPINFO_PRESENT : 0),
                                      nullptr, nullptr, &startup.StartupInfo, &process);
  if (listed) {
    DeleteProcThreadAttributeList(list);
  }
  CloseHandle(child_in.handle);
  child_in.handle = INVALID_HANDLE_VALUE;
  CloseHandle(child_out.handle);
  child_out.handle = INVALID_HANDLE_VALUE;
  if (!created) {
    return out;
  }
  PlatformHandle process_handle{process.hProcess};
  const bool in_job = AssignProcessToJobObject(job.handle, process.hProcess) != 0;
  ResumeThread(process.hThread);
  CloseHandle(process.hThread);
  out.started = true;
  // The input is one short line: it fits the pipe's buffer, so write then read.
  DWORD written = 0;
  WriteFile(parent_in.handle, input.data(), static_cast<DWORD>(input.size()), &written, nullptr);
  CloseHandle(parent_in.handle);
  parent_in.handle = INVALID_HANDLE_VALUE;
  // An anonymous pipe has no overlapped reads: peek, read what is there, and
  // look at the clock between.
  char buffer[4096];
  for (;;) {
    if (std::chrono::steady_clock::now() >= deadline) {
      out.timed_out = true;
      break;
    }
    DWORD available = 0;
    if (!PeekNamedPipe(parent_out.handle, nullptr, 0, nullptr, &available, nullptr)) {
      break; // ERROR_BROKEN_PIPE: every writer closed it
    }
    if (available == 0) {
      Sleep(5);
      continue;
    }
    DWORD n = 0;
    if (!ReadFile(parent_out.handle, buffer, std::min<DWORD>(available, sizeof buffer), &n, nullptr) ||
        n == 0) {
      break;
    }
    if (out.output.size() + n > max_output) {
      out.too_long = true;
      break;
    }
    out.output.append(buffer, n);
  }
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (out.too_long || out.timed_out ||
      WaitForSingleObject(process.hProcess, static_cast<DWORD>(std::max<long long>(left.count(), 0))) !=
          WAIT_OBJECT_0) {
    out.timed_out = !out.too_long;
    if (in_job) {
      TerminateJobObject(job.handle, 1);
    }
    TerminateProcess(process.hProcess, 1);
    WaitForSingleObject(process.hProcess, 5000);
  }
  DWORD code = 0;
  GetExitCodeProcess(process.hProcess, &code);
  out.ended = "exit status " + std::to_string(code);
  out.succeeded = !out.timed_out && !out.too_long && code == 0;
  if (!out.succeeded) {
    std::fill(out.output.begin(), out.output.end(), '\0'); // what it printed is never shown
    out.output.clear();
  }
  return out;
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

namespace {

/// "exit status 1", "killed by signal 9": how a program ended, nothing of its output.
std::string platform_how_it_ended(int status) {
  if (WIFEXITED(status)) {
    return "exit status " + std::to_string(WEXITSTATUS(status));
  }
  return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "status unknown";
}

/// Waits for `pid` until `deadline`; false when it is still running then.
bool platform_reap_before(pid_t pid, std::chrono::steady_clock::time_point deadline, int &status) {
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

} // namespace

std::string find_program(const std::string &name, const std::string &path_list) {
  size_t start = 0;
  while (start <= path_list.size()) {
    const size_t end = std::min(path_list.find(':', start), path_list.size());
    const std::string folder = path_list.substr(start, end - start);
    start = end + 1;
    if (folder.empty() || folder[0] != '/') {
      continue; // "" and "." mean the working directory: the checkout being linted
    }
    const std::string candidate = (folder.back() == '/' ? folder : folder + "/") + name;
    struct stat info {};
    if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

ProgramRun run_program(const std::string &path, const std::string &name,
                       const std::vector<std::string> &arguments, const std::string &input,
                       std::chrono::milliseconds timeout, size_t max_output) {
  ProgramRun out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) {
    return out;
  }
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return out;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setpgroup(&attributes, 0); // its own group: a timeout kills what it started too
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char *> argv{const_cast<char *>(name.c_str())};
  for (const std::string &argument : arguments) {
    argv.push_back(const_cast<char *>(argument.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, path.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (spawned != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    return out;
  }
  out.started = true;
  // The input is one short line: it fits the pipe buffer, so write then read.
  // MSG_NOSIGNAL is for sockets; a program that closed its input gets EPIPE
  // here only because SIGPIPE is ignored while writing.
  const sighandler_t old = signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] ssize_t written = write(in_pipe[1], input.data(), input.size());
  close(in_pipe[1]);
  signal(SIGPIPE, old);
  char buffer[4096];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      out.timed_out = true;
      break;
    }
    pollfd ready{out_pipe[0], POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno != EINTR) {
      break;
    }
    if (polled <= 0) {
      continue;
    }
    const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    if (out.output.size() + static_cast<size_t>(n) > max_output) {
      out.too_long = true;
      break;
    }
    out.output.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  int status = 0;
  if (out.too_long || out.timed_out || !platform_reap_before(pid, deadline, status)) {
    out.timed_out = !out.too_long;
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  out.ended = platform_how_it_ended(status);
  out.succeeded = !out.timed_out && !out.too_long && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!out.succeeded) {
    std::fill(out.output.begin(), out.output.end(), '\0'); // what it printed is never shown
    out.output.clear();
  }
  return out;
}

#endif

} // namespace wincompat::platform
