// What differs between POSIX systems and Windows, each in one place
// (platform.cpp). Everything else in the linter is written once against these
// and the C++ standard library.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::platform {

/// Called first in main(): on Windows, standard input and output carry bytes
/// unchanged (no "\n" -> "\r\n"), so output is byte for byte Linux's.
void init_standard_streams();

/// Whether standard output is a terminal (colour by default).
bool stdout_is_terminal();

/// Reads at most `size` bytes of standard input: the count, 0 at its end,
/// -1 on an error.
long long read_stdin(char *buffer, size_t size);

/// A reader gone away makes writes fail instead of ending the process
/// (SIGPIPE); nothing to do on Windows.
void ignore_broken_pipe();

/// Writes over a file-size limit (ulimit -f) fail with EFBIG instead of
/// ending the process (SIGXFSZ); nothing to do on Windows.
void ignore_file_size_limit();

/// This process's id.
long process_id();

/// The first of the shared libraries `names` (a null-terminated list) that
/// loads, kept loaded; nullptr when none does.
void *load_library(const char *const *names);
/// The address of `symbol` in a library load_library returned; nullptr when
/// it has none.
void *library_symbol(void *library, const char *symbol);

/// The bytes of the file at `path` when it holds no more than `limit` bytes;
/// else nullopt and `error` as FileSystem::read says. `regular_only`: never
/// block on a FIFO nor follow a final symbolic link (on Windows: a final
/// reparse point, a symbolic link or a junction, is refused), and read only a
/// regular file.
std::optional<std::string> read_file(const std::string &path, size_t limit, bool regular_only,
                                     std::string &error);

/// Whether the folder at `path` can be listed.
bool folder_readable(const std::string &path);

/// `path` absolute with every link resolved (symbolic links, and on Windows
/// junctions and other name-surrogate reparse points), '/'-separated; nullopt
/// when it cannot be resolved (it does not exist).
std::optional<std::string> resolved_path(const std::string &path);

/// Replaces the regular file at `path` (or creates it) with `bytes` through a
/// temporary file beside it; never writes through a symbolic link (or a
/// reparse point). "" when done, else what went wrong.
std::string write_file_atomically(const std::string &path, const std::string &bytes);

/// Whether `text` matches the shell glob `pattern` as POSIX fnmatch() with
/// no flags matches it ('*' and '?' also match '/' and a leading '.'; "[...]"
/// sets with '!' or '^', ranges and [:classes:]; '\\' quotes): fnmatch
/// itself where there is one, glob_match_portable on Windows.
bool glob_match(const std::string &pattern, const std::string &text);
/// The same match in portable code (bytes, the C locale).
bool glob_match_portable(std::string_view pattern, std::string_view text);

/// On Windows, `path` with '\' separators turned into '/' (the linter's
/// paths are '/'-separated everywhere, so output is Linux's); elsewhere
/// `path` unchanged ('\' is a legal name character there).
std::string generic_path(std::string path);

/// The program file `name` (a plain name: docker-credential-desktop) in the
/// first folder of `path_list` (a PATH value) that holds one, as the
/// system's own search finds it: on POSIX ':'-separated folders and an
/// executable regular file; on Windows ';'-separated folders (quotes
/// removed) and `name` itself when it ends in .exe or .com, else `name` with
/// each of PATHEXT's extensions in turn, .exe and .com only (a .bat or .cmd
/// runs through cmd.exe, a shell). Empty and relative folders ("", ".") are
/// skipped: they would run a program from the checkout being linted. The
/// path, or "" when none is found.
std::string find_program(const std::string &name, const std::string &path_list);

/// How a program run_program started ended.
struct ProgramRun {
  bool started = false;   ///< false: it could not be started
  bool timed_out = false; ///< it ran past the timeout and was killed
  bool too_long = false;  ///< it printed more than the limit and was killed
  bool succeeded = false; ///< it exited with status 0
  /// How it ended: "exit status 1", "killed by signal 9".
  std::string ended;
  /// Its standard output (emptied when it did not succeed).
  std::string output;
};

/// Runs the program at `path` (find_program's answer) with `arguments`
/// (argv[0] is `name`), directly, never through a shell: `input` on its
/// standard input, its standard error discarded, its standard output read
/// up to `max_output` bytes. At `timeout`, or past `max_output`, it and every
/// process it started are killed (POSIX: its own process group; Windows: a
/// job object).
ProgramRun run_program(const std::string &path, const std::string &name,
                       const std::vector<std::string> &arguments, const std::string &input,
                       std::chrono::milliseconds timeout, size_t max_output);

} // namespace wincompat::platform
