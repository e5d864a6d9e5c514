// Hostile and odd input (issue #6, item 3): every input gets a test that runs
// the built binary on a directory holding the hostile file and a normal file
// with a known finding, and asserts the hostile file's exact diagnostic (code,
// line:column, a message substring) in the text and the JSON output, and that
// the normal file is still linted.
//
// Big inputs are generated here, in temporary directories, never committed.
// Every run has a time limit (a hang fails the test instead of blocking the
// suite), and runs that could explode are measured: wall time and the child's
// peak RSS (wait4), which also works under AddressSanitizer, unlike ulimit -v.
#include "e2e_support.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <memory>
#include <optional>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>

using namespace wincompat::e2e;
using Json = nlohmann::json;
using namespace std::string_literals;

namespace {

// WC101 at 1:6 whatever the host: the normal neighbour of every hostile file.
const std::string kNeighbour = "FROM mcr.microsoft.com/windows/servercore\nRUN echo neighbour\n";
// WC302 at 1:43 with --host ltsc2022.
const std::string kWc302 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";
const std::string kWc302Words = "cannot run process-isolated on host ltsc2022";

/// A Windows pod whose image (line 8, column 12) is WC302 with --host ltsc2022.
std::string pod(const std::string &image = "mcr.microsoft.com/windows/servercore:ltsc2019") {
  return "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector: {kubernetes.io/os: "
         "windows}\n"
         "  containers:\n  - name: web\n    image: " +
         image + "\n";
}

struct Run {
  int status = -1; // exit status; 128+N when killed by signal N; 124 on timeout
  std::string out;
  std::string err;
  double seconds = 0;
  long max_rss_kb = 0;   // the program's peak resident set size
  long allowance_kb = 0; // without GNU time: this process's RSS, which wait4 may count too
  std::string command;
};

// AddressSanitizer keeps freed memory in quarantine (256 MB by default) and
// pads every allocation: memory bounds, meant to catch explosions, grow.
// GCC defines __SANITIZE_ADDRESS__; clang 14 only answers __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WINCOMPAT_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(WINCOMPAT_TEST_ASAN)
constexpr long kRssScale = 8;
#else
constexpr long kRssScale = 1;
#endif

/// The run's peak RSS is under `mib` MiB (scaled under AddressSanitizer).
bool peak_below(const Run &run, long mib) {
  return run.max_rss_kb < mib * 1024 * kRssScale + run.allowance_kb;
}

/// GNU time measures the program itself. wait4's figure would also count
/// the pages the child shares with this (large) test process between fork
/// and exec, so it is the fallback only.
const char *const kTime = "/usr/bin/time";

std::string describe(const Run &r) {
  return "command: " + r.command + "\nexit status: " + std::to_string(r.status) + " after " +
         std::to_string(r.seconds) + " s, peak RSS " + std::to_string(r.max_rss_kb) +
         " KB\n--- stdout ---\n" + r.out.substr(0, 3000) + "\n--- stderr ---\n" + r.err.substr(0, 3000);
}

/// `argv` (no shell) running in `cwd` with standard input from `input`,
/// killed after `timeout_seconds`; wait() measures it with wait4. Two may
/// run at once (lint_both), which halves the time of the slow tests.
class Child {
public:
  Child(const std::vector<std::string> &program, const fs::path &cwd, const fs::path &input,
        int timeout_seconds)
      : scratch_(std::make_unique<TempDir>(false)), start_(std::chrono::steady_clock::now()),
        deadline_(start_ + std::chrono::seconds(timeout_seconds)) {
    for (const std::string &word : program) {
      run_.command += sh_quote(word) + " ";
    }
    run_.command += "<" + input.string() + " (in " + cwd.string() + ")";
    const fs::path out_file = *scratch_ / "stdout";
    const fs::path err_file = *scratch_ / "stderr";
    std::vector<std::string> argv = program;
    if (::access(kTime, X_OK) == 0) {
      timed_ = true;
      argv.insert(argv.begin(), {kTime, "-f", "peak-rss-kb=%M", "-o", (*scratch_ / "rss").string()});
    } else {
      const std::string status = slurp("/proc/self/status");
      if (const size_t at = status.find("VmRSS:"); at != std::string::npos) {
        run_.allowance_kb = std::stol(status.substr(at + 6));
      }
    }
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::setpgid(0, 0); // a timeout kills the whole group (time and the program)
      const int in = ::open(input.c_str(), O_RDONLY);
      const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0) {
        ::_exit(126);
      }
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::unsetenv("WINCOMPAT_TODAY");
      ::unsetenv("NO_COLOR");
      std::vector<char *> args;
      for (const std::string &word : argv) {
        args.push_back(const_cast<char *>(word.c_str()));
      }
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
  }
  Child(const Child &) = delete;
  Child &operator=(const Child &) = delete;
  ~Child() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  Run wait() {
    int raw = 0;
    rusage usage{};
    while (true) {
      if (::wait4(pid_, &raw, WNOHANG, &usage) == pid_) {
        run_.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        break;
      }
      if (std::chrono::steady_clock::now() > deadline_) {
        ::kill(-pid_, SIGKILL);
        ::wait4(pid_, &raw, 0, &usage);
        run_.status = 124;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    pid_ = -1;
    run_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    run_.max_rss_kb = usage.ru_maxrss;
    if (const std::string rss = timed_ ? slurp(*scratch_ / "rss") : ""; contains(rss, "peak-rss-kb=")) {
      run_.max_rss_kb = std::stol(rss.substr(rss.rfind("peak-rss-kb=") + 12));
    }
    run_.out = slurp(*scratch_ / "stdout");
    run_.err = slurp(*scratch_ / "stderr");
    return std::move(run_);
  }

private:
  std::unique_ptr<TempDir> scratch_;
  std::chrono::steady_clock::time_point start_, deadline_;
  pid_t pid_ = -1;
  bool timed_ = false;
  Run run_;
};

Run run_program(const std::vector<std::string> &argv, const fs::path &cwd,
                const fs::path &input = "/dev/null", int timeout_seconds = 60) {
  return Child(argv, cwd, input, timeout_seconds).wait();
}

std::vector<std::string> words_of(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

/// `wincompat ARGS` (ARGS split at blanks; paths here have none).
std::vector<std::string> wincompat_argv(const std::string &args) {
  std::vector<std::string> argv{binary()};
  for (std::string &word : words_of(args)) {
    argv.push_back(std::move(word));
  }
  return argv;
}

Run run_wc(const std::string &args, const fs::path &cwd, const fs::path &input = "/dev/null",
           int timeout_seconds = 60) {
  return run_program(wincompat_argv(args), cwd, input, timeout_seconds);
}

/// A lint run in both formats.
struct Lint {
  Run text;
  Run json_run;
  Json json;
};

Lint lint_both(const std::string &args, const fs::path &cwd, int timeout_seconds = 60) {
  Lint lint;
  Child text(wincompat_argv("lint " + args), cwd, "/dev/null", timeout_seconds);
  Child json(wincompat_argv("lint --format json " + args), cwd, "/dev/null", timeout_seconds);
  lint.text = text.wait();
  lint.json_run = json.wait();
  INFO(describe(lint.text));
  INFO(describe(lint.json_run));
  CHECK(lint.text.status >= 0);
  CHECK(lint.text.status <= 2); // not a crash (128+N) or a timeout (124)
  CHECK(lint.json_run.status == lint.text.status);
  REQUIRE_NOTHROW(lint.json = Json::parse(lint.json_run.out));
  return lint;
}

/// The diagnostics of `path` in a lint JSON document (null when the file is absent).
Json file_diagnostics(const Json &doc, const std::string &path) {
  for (const Json &file : doc.at("files")) {
    if (file.at("path") == path) {
      return file.at("diagnostics");
    }
  }
  return Json();
}

std::vector<std::string> codes_of(const Json &doc, const std::string &path) {
  std::vector<std::string> out;
  const Json diagnostics = file_diagnostics(doc, path);
  if (diagnostics.is_array()) {
    for (const Json &d : diagnostics) {
      out.push_back(d.at("code").get<std::string>());
    }
  }
  return out;
}

/// The file `path` has a diagnostic `code` at 1-based `line`:`column` whose
/// message holds `words`, in the text output (path:line:col: severity[code] message)
/// and in the JSON output (0-based, UTF-16 columns: the same on ASCII lines).
void check_diagnostic(const Lint &lint, const std::string &path, const std::string &code, uint32_t line,
                      uint32_t column, const std::string &words) {
  INFO(path << ":" << line << ":" << column << " " << code << " '" << words << "'\n"
            << describe(lint.text).substr(0, 6000));
  const std::string prefix = path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  bool in_text = false;
  std::istringstream lines(lint.text.out);
  for (std::string text_line; std::getline(lines, text_line);) {
    in_text |=
        text_line.starts_with(prefix) && contains(text_line, "[" + code + "] ") && contains(text_line, words);
  }
  CHECK(in_text);
  bool in_json = false;
  const Json diagnostics = file_diagnostics(lint.json, path);
  if (diagnostics.is_array()) {
    for (const Json &d : diagnostics) {
      in_json |= d["code"] == code && d["range"]["start"]["line"] == line - 1 &&
                 d["range"]["start"]["character"] == column - 1 &&
                 contains(d["message"].get<std::string>(), words);
    }
  }
  CHECK(in_json);
}

/// `folder/good.Dockerfile` (kNeighbour) was linted in the same run: WC101 at 1:6, nothing else.
void check_neighbour(const Lint &lint, const std::string &folder) {
  const std::string path = folder.empty() ? "good.Dockerfile" : folder + "/good.Dockerfile";
  check_diagnostic(lint, path, "WC101", 1, 6, "has no tag");
  CHECK(codes_of(lint.json, path) == std::vector<std::string>{"WC101"});
}

std::string utf16(const std::string &ascii, bool little_endian, bool bom) {
  std::string out;
  if (bom) {
    out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  }
  for (char c : ascii) {
    out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
  }
  return out;
}

/// 1-based line of byte `offset` in `text`.
uint32_t line_at(const std::string &text, size_t offset) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

/// When running as root, the argv prefix that runs a command as nobody (root
/// reads any file, so an unreadable file needs another user); empty when not
/// root; nullopt when root and privileges cannot be dropped.
std::optional<std::vector<std::string>> unprivileged_prefix() {
  if (::geteuid() != 0) {
    return std::vector<std::string>{};
  }
  if (::access("/usr/bin/setpriv", X_OK) != 0) {
    return std::nullopt;
  }
  const std::string probe =
      shell_output("/usr/bin/setpriv --reuid=nobody --regid=nogroup --clear-groups id -u");
  if (probe != "65534\n") {
    return std::nullopt;
  }
  return std::vector<std::string>{"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
}

} // namespace

// ---------------------------------------------------------------------------
// Bytes: empty, comments only, BOM, CRLF, lone CR, UTF-16, invalid UTF-8, NUL, binary
// ---------------------------------------------------------------------------

TEST_CASE("hostile: odd bytes in Dockerfiles each get their own diagnostic", "[hostile]") {
  TempDir dir;
  const std::string from = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi\r\n";
  const std::string latin1 = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL author=\"Jos\xE9\"\n";
  const std::string nul = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo \0hi\n"s;
  std::string binary = std::string("\x7F"
                                   "ELF\x02\x01\x01\0\0\0",
                                   10);
  for (int i = 0; i < 4096; ++i) {
    binary += static_cast<char>((i * 131 + 7) & 0xFF);
  }
  struct Case {
    std::string name, bytes, code;
    uint32_t line, column;
    std::string words;
  };
  const std::vector<Case> cases = {
      {"empty", "", "WC901", 1, 1, "the Dockerfile is empty"},
      {"comments", "# syntax=docker/dockerfile:1\n# nothing here yet\n\n   \n", "WC901", 1, 1,
       "has no instructions"},
      {"bom", "\xEF\xBB\xBF" + kWc302, "WC302", 1, 43, kWc302Words},
      {"crlf", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\r\nRUN echo hi\r\n", "WC302", 1, 43,
       kWc302Words},
      {"cr-cr-lf", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\r\r\nRUN echo hi \r\r\n", "WC302", 1,
       43, kWc302Words},
      {"lone-cr", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\rRUN echo hi\r", "WC901", 1, 51,
       "carriage return without a line feed"},
      {"utf16le-bom", utf16(from, true, true), "WC902", 1, 1, "UTF-16 (little-endian)"},
      {"utf16le", utf16(from, true, false), "WC902", 1, 1, "UTF-16 (little-endian)"},
      {"utf16be-bom", utf16(from, false, true), "WC902", 1, 1, "UTF-16 (big-endian)"},
      {"utf16be", utf16(from, false, false), "WC902", 1, 1, "UTF-16 (big-endian)"},
      {"latin1", latin1, "WC902", 1, 1,
       "not valid UTF-8 (byte offset " + std::to_string(latin1.find('\xE9')) + ")"},
      {"nul", nul, "WC902", 1, 1, "binary (a NUL byte at offset " + std::to_string(nul.find('\0')) + ")"},
      {"binary", binary, "WC902", 1, 1, "binary (a NUL byte at offset 7)"},
  };
  dir.write("odd/good.Dockerfile", kNeighbour);
  for (const Case &c : cases) {
    dir.write("odd/" + c.name + ".Dockerfile", c.bytes);
  }
  const Lint lint = lint_both("--no-config --host ltsc2022 odd", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "odd");
  for (const Case &c : cases) {
    check_diagnostic(lint, "odd/" + c.name + ".Dockerfile", c.code, c.line, c.column, c.words);
  }
  // Nothing else where the bytes cannot be decoded; the lone CR's other
  // effects are BuildKit's: the whole file is one FROM line to Docker.
  for (const Case &c : cases) {
    if (c.code != "WC302" && c.name != "lone-cr") {
      CHECK(codes_of(lint.json, "odd/" + c.name + ".Dockerfile") == std::vector<std::string>{c.code});
    }
  }
  CHECK(codes_of(lint.json, "odd/bom.Dockerfile") == std::vector<std::string>{"WC302"});
  CHECK(codes_of(lint.json, "odd/crlf.Dockerfile") == std::vector<std::string>{"WC302"});
  CHECK(codes_of(lint.json, "odd/cr-cr-lf.Dockerfile") ==
        std::vector<std::string>{"WC302"}); // BuildKit: blanks
  CHECK(codes_of(lint.json, "odd/lone-cr.Dockerfile") ==
        std::vector<std::string>{"WC901", "WC302", "WC901", "WC901"});
  check_diagnostic(lint, "odd/lone-cr.Dockerfile", "WC901", 2, 1,
                   "expected 'AS' after the image, found 'RUN'");
}

TEST_CASE("hostile: odd bytes in YAML manifests each get their own diagnostic", "[hostile]") {
  TempDir dir;
  const std::string crlf = replace_all(pod(), "\n", "\r\n");
  std::string latin1 = pod();
  latin1.insert(latin1.find("web}"), "caf\xE9-");
  std::string nul = pod();
  nul.insert(nul.find("web}"), std::string("\0", 1));
  struct Case {
    std::string name, bytes, code;
    uint32_t line, column;
    std::string words;
  };
  const std::vector<Case> cases = {
      {"bom.yaml", "\xEF\xBB\xBF" + pod(), "WC302", 8, 12, kWc302Words},
      {"crlf.yaml", crlf, "WC302", 8, 12, kWc302Words},
      {"bom-crlf.yaml", "\xEF\xBB\xBF" + crlf, "WC302", 8, 12, kWc302Words},
      {"utf16le.yaml", utf16(crlf, true, true), "WC902", 1, 1, "UTF-16 (little-endian)"},
      {"utf16be.yaml", utf16(crlf, false, false), "WC902", 1, 1, "UTF-16 (big-endian)"},
      {"latin1.yaml", latin1, "WC902", 1, 1,
       "not valid UTF-8 (byte offset " + std::to_string(latin1.find('\xE9')) + ")"},
      {"nul.yaml", nul, "WC902", 1, 1,
       "binary (a NUL byte at offset " + std::to_string(nul.find('\0')) + ")"},
  };
  dir.write("odd/good.Dockerfile", kNeighbour);
  for (const Case &c : cases) {
    dir.write("odd/" + c.name, c.bytes);
  }
  // Not manifests: skipped silently when walked (docs/usage.md, "What is linted").
  dir.write("odd/empty.yaml", "");
  dir.write("odd/comments.yaml", "# only a comment\n\n# and another\n");
  const Lint lint = lint_both("--no-config --host ltsc2022 odd", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "odd");
  for (const Case &c : cases) {
    check_diagnostic(lint, "odd/" + c.name, c.code, c.line, c.column, c.words);
    CHECK(codes_of(lint.json, "odd/" + c.name) == std::vector<std::string>{c.code});
  }
  CHECK(file_diagnostics(lint.json, "odd/empty.yaml").is_null());
  CHECK(file_diagnostics(lint.json, "odd/comments.yaml").is_null());
  CHECK_FALSE(contains(lint.text.out, "empty.yaml"));

  // Named explicitly they are listed, and clean.
  const Lint named =
      lint_both("--no-config odd/empty.yaml odd/comments.yaml odd/good.Dockerfile", dir.path());
  CHECK(file_diagnostics(named.json, "odd/empty.yaml") == Json::array());
  CHECK(file_diagnostics(named.json, "odd/comments.yaml") == Json::array());
  check_neighbour(named, "odd");
}

TEST_CASE("hostile: a manifest with lone CR line ends is read as kubectl reads it", "[hostile]") {
  // YAML (and go-yaml, which kubectl uses) ends lines at CR, LF or CRLF; a
  // file saved with classic Mac line ends is a valid manifest. yaml-cpp alone
  // reads it as one line ("illegal map value" at 2:5).
  TempDir dir;
  dir.write("cr/good.Dockerfile", kNeighbour);
  dir.write("cr/pod.yaml", replace_all(pod(), "\n", "\r"));
  const Lint lint = lint_both("--no-config --host ltsc2022 cr", dir.path());
  check_neighbour(lint, "cr");
  check_diagnostic(lint, "cr/pod.yaml", "WC302", 8, 12, kWc302Words);
  CHECK(codes_of(lint.json, "cr/pod.yaml") == std::vector<std::string>{"WC302"});
}

// ---------------------------------------------------------------------------
// The file system: a directory named Dockerfile, symlink loops, permissions
// ---------------------------------------------------------------------------

TEST_CASE("hostile: a directory named Dockerfile", "[hostile]") {
  TempDir dir;
  dir.write("tree/good.Dockerfile", kNeighbour);
  dir.write("tree/Dockerfile/notes.txt", "not a Dockerfile\n");
  dir.write("tree/Dockerfile/Dockerfile", kWc302);

  SECTION("named on the command line: WC902, the other file is still linted") {
    const Lint lint =
        lint_both("--no-config --host ltsc2022 tree/Dockerfile tree/good.Dockerfile", dir.path());
    CHECK(lint.text.status == 1);
    check_diagnostic(lint, "tree/Dockerfile", "WC902", 1, 1, "tree/Dockerfile is a directory, not a file");
    CHECK(codes_of(lint.json, "tree/Dockerfile") == std::vector<std::string>{"WC902"});
    check_neighbour(lint, "tree");
  }
  SECTION("walked: it is a directory like any other, and what it holds is linted") {
    const Lint lint = lint_both("--no-config --host ltsc2022 tree", dir.path());
    CHECK(lint.text.status == 1);
    check_diagnostic(lint, "tree/Dockerfile/Dockerfile", "WC302", 1, 43, kWc302Words);
    CHECK(file_diagnostics(lint.json, "tree/Dockerfile").is_null());
    CHECK(lint.json["summary"]["files"] == 2);
    check_neighbour(lint, "tree");
  }
}

TEST_CASE("hostile: symlink loops and dangling symlinks in a walked tree are WC902", "[hostile]") {
  TempDir dir;
  dir.write("loops/good.Dockerfile", kNeighbour);
  fs::create_directories(dir / "loops/a/b");
  fs::create_directory_symlink("../..", dir / "loops/a/b/up"); // a directory loop: not followed
  fs::create_directory_symlink(".", dir / "loops/self");
  fs::create_symlink("x2", dir / "loops/x1");
  fs::create_symlink("x1", dir / "loops/x2");
  fs::create_symlink("Dockerfile.self", dir / "loops/Dockerfile.self");
  fs::create_symlink("x1", dir / "loops/Dockerfile");
  fs::create_symlink("missing/Dockerfile", dir / "loops/Dockerfile.dangling");
  fs::create_symlink("good.Dockerfile", dir / "loops/Dockerfile.alias"); // a working link is linted
  const Lint lint = lint_both("--no-config loops", dir.path(), 30);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "loops");
  check_diagnostic(lint, "loops/Dockerfile", "WC902", 1, 1,
                   "cannot be read: Too many levels of symbolic links");
  check_diagnostic(lint, "loops/Dockerfile.self", "WC902", 1, 1,
                   "cannot be read: Too many levels of symbolic links");
  check_diagnostic(lint, "loops/Dockerfile.dangling", "WC902", 1, 1,
                   "cannot be read: No such file or directory");
  check_diagnostic(lint, "loops/Dockerfile.alias", "WC101", 1, 6, "has no tag");
  // Each once: the directory links were not followed.
  std::vector<std::string> paths;
  for (const Json &file : lint.json["files"]) {
    paths.push_back(file["path"].get<std::string>());
  }
  CHECK(paths == std::vector<std::string>{"loops/Dockerfile", "loops/Dockerfile.alias",
                                          "loops/Dockerfile.dangling", "loops/Dockerfile.self",
                                          "loops/good.Dockerfile"});
}

TEST_CASE("hostile: unreadable files and directories are WC902", "[hostile]") {
  const auto as_nobody = unprivileged_prefix();
  if (!as_nobody) {
    WARN("running as root and setpriv cannot drop privileges: unreadable files not checked");
    return;
  }
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  dir.write("locked/good.Dockerfile", kNeighbour);
  const fs::path secret = dir.write("locked/Dockerfile", kWc302);
  fs::permissions(secret, fs::perms::owner_write); // 0200: nobody (and the owner) cannot read it
  dir.write("locked/private/Dockerfile", kWc302);
  fs::permissions(dir / "locked/private", fs::perms::owner_write | fs::perms::owner_exec);
  // The binary lies in the build tree, which must be reachable by `nobody`.
  std::vector<std::string> argv = *as_nobody;
  argv.push_back(binary());
  for (const std::string word : {"lint", "--no-config", "locked"}) {
    argv.push_back(word);
  }
  Lint lint;
  lint.text = run_program(argv, dir.path());
  argv.push_back("--format");
  argv.push_back("json");
  lint.json_run = run_program(argv, dir.path());
  INFO(describe(lint.text));
  if (lint.text.status == 126 || lint.text.status == 127) {
    WARN("the binary cannot be run as nobody here (" << binary() << "): not checked");
    return;
  }
  REQUIRE_NOTHROW(lint.json = Json::parse(lint.json_run.out));
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "locked");
  check_diagnostic(lint, "locked/Dockerfile", "WC902", 1, 1,
                   "locked/Dockerfile cannot be read: Permission denied");
  check_diagnostic(lint, "locked/private", "WC902", 1, 1, "locked/private cannot be read: Permission denied");
  CHECK(codes_of(lint.json, "locked/Dockerfile") == std::vector<std::string>{"WC902"});
  CHECK(codes_of(lint.json, "locked/private") == std::vector<std::string>{"WC902"});
}

// ---------------------------------------------------------------------------
// Size: 50 MB, 100,000-line continuations, 10,000 stages, 1,000 nested ${}
// ---------------------------------------------------------------------------

TEST_CASE("hostile: a 50 MB file is WC902 and is not read", "[hostile]") {
  TempDir dir;
  dir.write("big/good.Dockerfile", kNeighbour);
  const fs::path big = dir.write("big/Dockerfile", kWc302);
  fs::resize_file(big, 50u << 20); // sparse: instant to make, 50 MB to read
  const fs::path big_yaml = dir.write("big/pods.yaml", pod());
  fs::resize_file(big_yaml, 50u << 20);
  const Lint lint = lint_both("--no-config --host ltsc2022 big", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "big");
  for (const std::string path : {"big/Dockerfile", "big/pods.yaml"}) {
    check_diagnostic(lint, path, "WC902", 1, 1,
                     "file is 52428800 bytes, over the 16777216-byte limit (--max-file-size)");
    CHECK(codes_of(lint.json, path) == std::vector<std::string>{"WC902"});
  }
  CHECK(peak_below(lint.text, 40)); // never read into memory
  CHECK(lint.text.seconds < 5);

  SECTION("--max-file-size raises the limit") {
    const Run raised = run_wc("lint --no-config --max-file-size 60000000 big/Dockerfile", dir.path());
    INFO(describe(raised));
    CHECK(contains(raised.out, "big/Dockerfile:1:1: error[WC902] file is binary (a NUL byte at offset " +
                                   std::to_string(kWc302.size()) + ")"));
  }
  SECTION("on standard input: read up to the limit, then WC902") {
    const Run piped = run_wc("lint --no-config --stdin-filename Dockerfile -", dir.path(), big);
    INFO(describe(piped));
    CHECK(piped.status == 1);
    CHECK(contains(piped.out, "Dockerfile:1:1: error[WC902] file is over the 16777216-byte limit"));
    CHECK(peak_below(piped, 120));
    // An endless pipe ends too.
    const std::string endless =
        shell_output("cd " + sh_quote(dir.path().string()) + " && timeout 30 sh -c " +
                     sh_quote("yes FROM | " + sh_quote(binary()) +
                              " lint --no-config --max-file-size 1000000 -; echo status=$?"));
    INFO(endless);
    CHECK(contains(endless, "-:1:1: error[WC902] file is over the 1000000-byte limit"));
    CHECK(contains(endless, "status=1"));
  }
}

TEST_CASE("hostile: a 100000-line continuation parses and a FROM after it is checked", "[hostile]") {
  TempDir dir;
  std::string text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo start";
  for (int i = 0; i < 100000; ++i) {
    text += " \\\n    && echo line" + std::to_string(i);
  }
  text += "\nFROM mcr.microsoft.com/windows/nanoserver\nCOPY --from=build C:/app C:/app\n";
  dir.write("long/good.Dockerfile", kNeighbour);
  dir.write("long/Dockerfile", text);
  const Lint lint = lint_both("--no-config --host ltsc2022 long", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "long");
  check_diagnostic(lint, "long/Dockerfile", "WC101", 100003, 6,
                   "mcr.microsoft.com/windows/nanoserver has no tag");
  CHECK(codes_of(lint.json, "long/Dockerfile") == std::vector<std::string>{"WC101"});
  CHECK(lint.text.seconds < 10);
}

TEST_CASE("hostile: 10000 stages are linted in linear time", "[hostile]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 10000; ++i) {
    text += "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS s" + std::to_string(i) + "\nRUN echo " +
            std::to_string(i) + "\n";
  }
  // Each stage built on the one before: alias lookups over all of them.
  for (int i = 0; i < 10000; ++i) {
    text += "FROM s" + std::to_string(i) + " AS t" + std::to_string(i) + "\n";
  }
  text += "FROM t9999\nFROM mcr.microsoft.com/windows/servercore:ltsc2019 AS s17\n";
  dir.write("stages/good.Dockerfile", kNeighbour);
  dir.write("stages/Dockerfile", text);
  const Lint lint = lint_both("--no-config --host ltsc2022 stages", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "stages");
  check_diagnostic(lint, "stages/Dockerfile", "WC302", 30002, 43, kWc302Words);
  check_diagnostic(lint, "stages/Dockerfile", "WC901", 30002, 55, "duplicate stage name 's17'");
  check_diagnostic(lint, "stages/Dockerfile", "WC106", 30002, 43,
                   "stage 's17' is built on ltsc2019 (10.0.17763) but stage 's0' on ltsc2022");
  CHECK(codes_of(lint.json, "stages/Dockerfile") == std::vector<std::string>{"WC106", "WC302", "WC901"});
  CHECK(lint.text.seconds < 10);
}

TEST_CASE(
    "hostile: a FROM with 1000 nested substitutions resolves and 100000 is WC901 and not a stack overflow",
    "[hostile]") {
  TempDir dir;
  const auto nested = [](int levels) {
    std::string word;
    for (int i = 0; i < levels; ++i) {
      word += "${TAG:-";
    }
    return "ARG TAG\nFROM mcr.microsoft.com/windows/servercore:" + word + "ltsc2019" +
           std::string(levels, '}') + "\n";
  };
  dir.write("nest/good.Dockerfile", kNeighbour);
  dir.write("nest/1000.Dockerfile", nested(1000));
  dir.write("nest/100000.Dockerfile", nested(100000));
  const Lint lint = lint_both("--no-config --host ltsc2022 nest", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "nest");
  check_diagnostic(lint, "nest/1000.Dockerfile", "WC302", 2, 43, kWc302Words);
  CHECK(codes_of(lint.json, "nest/1000.Dockerfile") == std::vector<std::string>{"WC302"});
  check_diagnostic(lint, "nest/100000.Dockerfile", "WC901", 2, 6,
                   "substitutions are nested more than 1024 levels deep");
  CHECK(codes_of(lint.json, "nest/100000.Dockerfile") == std::vector<std::string>{"WC901"});
  // The message quotes the word, not all 600 KB of it.
  CHECK(lint.text.out.size() < 20000);
  CHECK(lint.text.seconds < 10);
}

// ---------------------------------------------------------------------------
// YAML: depth, alias bombs, many documents, duplicate keys, tabs, odd values
// ---------------------------------------------------------------------------

TEST_CASE("hostile: YAML nested 10000 levels deep is WC902 at the depth limit", "[hostile]") {
  TempDir dir;
  const std::string head = "apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n";
  std::string block = head + "  containers:\n  ";
  for (int i = 0; i < 10000; ++i) {
    block += "- ";
  }
  block += "x\n";
  std::string flow_map = head + "  containers: ";
  for (int i = 0; i < 10000; ++i) {
    flow_map += "{a: ";
  }
  flow_map += "1" + std::string(10000, '}') + "\n";
  const std::string flow_seq =
      head + "  containers: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  dir.write("deep/good.Dockerfile", kNeighbour);
  dir.write("deep/block.yaml", block);
  dir.write("deep/flow-map.yaml", flow_map);
  dir.write("deep/flow-seq.yaml", flow_seq);
  dir.write("deep/after.yaml", block + "---\n" + pod());
  const Lint lint = lint_both("--no-config --host ltsc2022 deep", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "deep");
  // The 257th collection (root map, spec map, then the nesting) is where
  // the 256-level limit stops: its opening character.
  const std::string words = "YAML nested deeper than 256 levels";
  check_diagnostic(lint, "deep/block.yaml", "WC902", 6, 3 + 2 * 254, words);
  check_diagnostic(lint, "deep/flow-map.yaml", "WC902", 5, 15 + 4 * 254, words);
  check_diagnostic(lint, "deep/flow-seq.yaml", "WC902", 5, 15 + 254, words);
  for (const std::string name : {"block", "flow-map", "flow-seq"}) {
    CHECK(codes_of(lint.json, "deep/" + name + ".yaml") == std::vector<std::string>{"WC902"});
  }
  // The next document of the same file is still linted.
  check_diagnostic(lint, "deep/after.yaml", "WC302", 15, 12, kWc302Words);
  CHECK(codes_of(lint.json, "deep/after.yaml") == std::vector<std::string>{"WC902", "WC302"});
  CHECK(lint.text.seconds < 10);
}

TEST_CASE("hostile: alias bombs cost bounded time and memory", "[hostile]") {
  TempDir dir;
  // The billion laughs: 10^30 strings if expanded, in a list, a mapping and
  // merge keys, reachable from the fields the linter reads.
  std::string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n";
  text += "  labels: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}\n";
  text += "  annotations:\n    x0: &s0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 30; ++i) {
    const std::string s = "*s" + std::to_string(i - 1);
    const std::string l = "*l" + std::to_string(i - 1);
    text += "    x" + std::to_string(i) + ": &s" + std::to_string(i) + " [" + s + ", " + s + ", " + s + ", " +
            s + ", " + s + ", " + s + ", " + s + ", " + s + ", " + s + ", " + s + "]\n";
    text += "    y" + std::to_string(i) + ": &l" + std::to_string(i) + " {<<: [" + l + ", " + l + ", " + l +
            "], a: " + l + ", b: " + l + ", c: " + l + ", d: " + l + "}\n";
  }
  text += "spec:\n  <<: *l29\n  nodeSelector:\n    <<: *l29\n    kubernetes.io/os: windows\n"
          "  tolerations: *s29\n  containers:\n  - name: web\n    image: "
          "mcr.microsoft.com/windows/servercore:ltsc2019\n    args: *s29\n    env: *s29\n";
  const uint32_t image_line = line_at(text, text.find("image:"));
  dir.write("bomb/good.Dockerfile", kNeighbour);
  dir.write("bomb/pod.yaml", text);
  // A List whose items are one pod many times over: each is analysed once.
  std::string list = "apiVersion: v1\nkind: List\nx0: &p0\n";
  for (const std::string line :
       {"apiVersion: v1", "kind: Pod", "metadata: {name: one}",
        "spec:", "  nodeSelector: {kubernetes.io/os: windows}", "  containers:", "  - name: web",
        "    image: mcr.microsoft.com/windows/servercore:ltsc2019"}) {
    list += "  " + line + "\n";
  }
  for (int i = 1; i < 30; ++i) {
    const std::string p = "*p" + std::to_string(i - 1);
    list += "x" + std::to_string(i) + ": &p" + std::to_string(i) + " [" + p + ", " + p + ", " + p + ", " + p +
            ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + "]\n";
  }
  list += "items: *p29\n";
  dir.write("bomb/list.yaml", list);

  for (const std::string mode : {"", "--all-documents"}) {
    const Lint lint = lint_both("--no-config --host ltsc2022 " + mode + " bomb", dir.path(), 30);
    INFO(mode);
    CHECK(lint.text.status == 1);
    check_neighbour(lint, "bomb");
    check_diagnostic(lint, "bomb/pod.yaml", "WC302", image_line, 12, kWc302Words);
    CHECK(codes_of(lint.json, "bomb/pod.yaml") == std::vector<std::string>{"WC302"});
    CHECK(codes_of(lint.json, "bomb/list.yaml").size() <= 1);
    CHECK(lint.text.seconds < 10);
    CHECK(lint.json_run.seconds < 10);
    CHECK(peak_below(lint.text, 256));
  }
}

// ---------------------------------------------------------------------------
// Charts: bounds of the template engine and of values (issue #19, item 2)
// ---------------------------------------------------------------------------

namespace {

/// A chart `name` in `dir` whose one template is `tpl`.
void write_chart(const TempDir &dir, const std::string &name, const std::string &tpl,
                 const std::string &values = "a: 1\n") {
  dir.write(name + "/Chart.yaml",
            "apiVersion: v2\nname: " + fs::path(name).filename().string() + "\nversion: 0.1.0\n");
  dir.write(name + "/values.yaml", values);
  dir.write(name + "/templates/t.yaml", tpl);
}

/// 1-based column of `needle` in the one-line template `tpl`.
uint32_t column_of(const std::string &tpl, const std::string &needle) {
  const size_t at = tpl.find(needle);
  REQUIRE(at != std::string::npos);
  REQUIRE(tpl.rfind('\n', at) == std::string::npos);
  return static_cast<uint32_t>(at) + 1;
}

/// The chart's template is one WC910 at `needle`, whose message holds
/// `words` and says what was left unchecked.
void check_template_limit(const Lint &lint, const std::string &chart, const std::string &tpl,
                          const std::string &needle, const std::string &words) {
  const std::string path = chart + "/templates/t.yaml";
  check_diagnostic(lint, path, "WC910", 1, column_of(tpl, needle), words);
  check_diagnostic(lint, path, "WC910", 1, column_of(tpl, needle),
                   "is not rendered, so its images are not checked");
  CHECK(codes_of(lint.json, path) == std::vector<std::string>{"WC910"});
}

// $d nested 100,000 levels deep (no cycle): Helm would build it too.
const std::string kDeepDict =
    "{{- $d := dict -}}{{- range until 100000 -}}{{- $d = dict \"a\" $d -}}{{- end -}}";

} // namespace

TEST_CASE("hostile: chart values nested 100000 levels deep are WC910 at the call and never a crash",
          "[hostile]") {
  TempDir dir;
  dir.write("deep/good.Dockerfile", kNeighbour);
  const std::map<std::string, std::pair<std::string, std::string>> cases = {
      {"json", {kDeepDict + "x: {{ toJson $d }}\n", "toJson $d"}},
      {"pretty", {kDeepDict + "x: {{ toPrettyJson $d }}\n", "toPrettyJson $d"}},
      {"yaml", {kDeepDict + "x: {{ toYaml $d }}\n", "toYaml $d"}},
      {"copy", {kDeepDict + "{{ $e := deepCopy $d }}x: 1\n", "deepCopy $d"}},
      {"equal", {kDeepDict + "x: {{ deepEqual $d $d }}\n", "deepEqual $d $d"}},
      {"merge", {kDeepDict + "x: {{ merge (dict) $d $d | len }}\n", "merge (dict) $d $d"}},
      {"print", {kDeepDict + "x: {{ $d }}\n", "{{ $d }}"}},
      {"printf", {kDeepDict + "x: {{ printf \"%v\" $d }}\n", "printf \"%v\" $d"}},
  };
  for (const auto &[name, c] : cases) {
    write_chart(dir, "deep/" + name, c.first);
  }
  // Built and dropped: freeing it must not recurse either.
  write_chart(dir, "deep/unused", kDeepDict + "x: 1\n");
  std::string json_text = "{\"a\":";
  json_text += std::string(100000, '[') + std::string(100000, ']') + "}";
  const std::string from_json = "{{ $v := fromJson .Values.s }}x: {{ len $v }}\n";
  write_chart(dir, "deep/fromjson", from_json, "s: '" + json_text + "'\n");
  const std::string from_yaml = "{{ $v := fromYaml .Values.s }}x: {{ len $v }}\n";
  write_chart(dir, "deep/fromyaml", from_yaml, "s: '" + json_text + "'\n");

  const Lint lint = lint_both("--no-config --host ltsc2022 deep", dir.path(), 120);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "deep");
  for (const auto &[name, c] : cases) {
    INFO(name);
    check_template_limit(lint, "deep/" + name, c.first, c.second, "nested deeper than 1000 levels");
  }
  CHECK(codes_of(lint.json, "deep/unused/templates/t.yaml").empty());
  check_template_limit(lint, "deep/fromjson", from_json, "fromJson .Values.s",
                       "nested deeper than 1000 levels");
  check_template_limit(lint, "deep/fromyaml", from_yaml, "fromYaml .Values.s",
                       "YAML nested deeper than 256 levels");

  CHECK(peak_below(lint.text, 1024));
  CHECK(peak_below(lint.json_run, 1024));
}

TEST_CASE("hostile: a dict that would hold itself is WC910 at the set or merge", "[hostile]") {
  TempDir dir;
  dir.write("self/good.Dockerfile", kNeighbour);
  const std::string set = "{{- $d := dict -}}{{- $_ := set $d \"me\" $d -}}x: {{ toJson $d }}\n";
  // Through a list, and through a merge into a dict the value holds.
  const std::string list = "{{- $d := dict -}}{{- $_ := set $d \"l\" (list 1 $d) -}}x: {{ $d }}\n";
  const std::string merge =
      "{{- $a := dict \"b\" (dict) -}}{{- $_ := merge $a.b (dict \"x\" $a) -}}x: {{ $a }}\n";
  const std::string deeper = "{{- $a := dict \"k\" (dict) -}}{{- $_ := mergeOverwrite $a (dict \"k\" (dict "
                             "\"x\" $a.k)) -}}x: {{ $a }}\n";
  write_chart(dir, "self/set", set);
  write_chart(dir, "self/list", list);
  write_chart(dir, "self/merge", merge);
  write_chart(dir, "self/deeper", deeper);
  // Sharing without a cycle is fine.
  write_chart(dir, "self/shared",
              "{{- $d := dict -}}{{- $e := dict \"a\" $d \"b\" $d -}}x: {{ toJson $e }}\n");

  const Lint lint = lint_both("--no-config --host ltsc2022 self", dir.path(), 60);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "self");
  const std::string words = "holds the dict it would be stored in";
  check_template_limit(lint, "self/set", set, "set $d \"me\" $d", words);
  check_template_limit(lint, "self/list", list, "set $d \"l\" (list 1 $d)", words);
  check_template_limit(lint, "self/merge", merge, "merge $a.b (dict \"x\" $a)", words);
  check_template_limit(lint, "self/deeper", deeper, "mergeOverwrite $a", words);
  CHECK(codes_of(lint.json, "self/shared/templates/t.yaml").empty());
  CHECK(lint.text.seconds < 30);
}

TEST_CASE("hostile: alias bombs in chart values and through fromYaml are WC910 and never expanded",
          "[hostile]") {
  TempDir dir;
  dir.write("laughs/good.Dockerfile", kNeighbour);
  // 10^9 strings if expanded; and an anchor that holds its own alias.
  std::string bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string a = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + a;
    for (int k = 1; k < 10; ++k) {
      bomb += ", " + a;
    }
    bomb += "]\n";
  }
  write_chart(dir, "laughs/values", "x: {{ .Values.a9 | len }}\n", "x: 1\n" + bomb);
  write_chart(dir, "laughs/cycle", "x: {{ .Values.a | len }}\n", "a: &a [*a, *a, *a]\n");
  std::string indented;
  for (size_t at = 0; at < bomb.size();) {
    const size_t nl = bomb.find('\n', at);
    indented += "  " + bomb.substr(at, nl - at + 1);
    at = nl + 1;
  }
  const std::string from_yaml = "{{ $v := fromYaml .Values.s }}x: {{ len $v }}\n";
  write_chart(dir, "laughs/fromyaml", from_yaml, "s: |\n" + indented);
  const std::string from_yaml_array = "{{ $v := fromYamlArray .Values.s }}x: {{ len $v }}\n";
  write_chart(
      dir, "laughs/fromyamlarray", from_yaml_array, "s: |\n  - &b [x, x, x, x, x, x, x, x, x, x]\n" + [] {
        std::string s;
        for (int i = 1; i < 10; ++i) {
          s += "  - &b [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        }
        return s;
      }());
  // A few aliases are ordinary YAML.
  write_chart(dir, "laughs/fine", "x: {{ .Values.b.k }}\n", "a: &a {k: v}\nb: *a\n");

  const Lint lint = lint_both("--no-config --host ltsc2022 laughs", dir.path(), 60);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "laughs");
  check_diagnostic(lint, "laughs/values/values.yaml", "WC910", 1, 1, "document contains excessive aliasing");
  check_diagnostic(lint, "laughs/values/values.yaml", "WC910", 1, 1,
                   "values.yaml cannot be read: its aliases expand it");
  check_diagnostic(lint, "laughs/cycle/values.yaml", "WC910", 1, 1, "excessive aliasing");
  check_template_limit(lint, "laughs/fromyaml", from_yaml, "fromYaml .Values.s", "excessive aliasing");
  check_template_limit(lint, "laughs/fromyamlarray", from_yaml_array, "fromYamlArray .Values.s",
                       "excessive aliasing");
  CHECK(codes_of(lint.json, "laughs/fine/templates/t.yaml").empty());
  CHECK(peak_below(lint.text, 256));
  CHECK(lint.text.seconds < 30);
}

TEST_CASE("hostile: string and list growth in templates is WC910 at the call that passes a limit",
          "[hostile]") {
  TempDir dir;
  dir.write("grow/good.Dockerfile", kNeighbour);
  struct Case {
    std::string tpl, needle, words;
  };
  const std::map<std::string, Case> cases = {
      {"doubling",
       {"{{- $s := \"ab\" -}}{{- range until 40 -}}{{- $s = print $s $s -}}{{- end -}}x: {{ len $s }}\n",
        "print $s $s", "a string longer than 16 MiB"}},
      {"repeat",
       {"x: {{ repeat 2000000000 \"ab\" | len }}\n", "repeat 2000000000 \"ab\"", "longer than 16 MiB"}},
      {"indent",
       {"{{- $s := repeat 1000000 \"\\n\" -}}x: {{ indent 10000 $s | len }}\n", "indent 10000 $s",
        "longer than 16 MiB"}},
      {"nindent",
       {"{{- $s := repeat 1000000 \"\\n\" -}}x: {{ nindent 10000 $s | len }}\n", "nindent 10000 $s",
        "longer than 16 MiB"}},
      {"replace",
       {"{{- $s := repeat 1000000 \"a\" -}}x: {{ replace \"a\" (repeat 100 \"b\") $s | len }}\n",
        "replace \"a\" (repeat 100 \"b\") $s", "longer than 16 MiB"}},
      {"join",
       {"{{- $s := repeat 10000000 \"a\" -}}x: {{ join \",\" (list $s $s) | len }}\n",
        "join \",\" (list $s $s)", "longer than 16 MiB"}},
      {"cat",
       {"{{- $s := repeat 10000000 \"a\" -}}x: {{ cat $s $s | len }}\n", "cat $s $s", "longer than 16 MiB"}},
      {"listdoubling",
       {"{{- $l := list 1 -}}{{- range until 60 }}{{ $l = list $l $l }}{{ end }}x: {{ toJson $l | len }}\n",
        "toJson $l", "more than 1000000 values visited"}},
      {"concat",
       {"{{- $l := until 100000 -}}x: {{ concat $l $l | len }}\n", "concat $l $l", "more than 100000 items"}},
      {"append",
       {"{{- $s := repeat 1000000 \"x\" -}}{{- $l := list -}}{{- range until 5000 }}{{ $l = append $l $s "
        "}}{{ "
        "end }}x: {{ len $l }}\n",
        "append $l $s", "more than 512 MiB of values"}},
      {"uniq", {"x: {{ until 100000 | uniq | len }}\n", "uniq", "more than 1000000 values visited"}},
  };
  for (const auto &[name, c] : cases) {
    write_chart(dir, "grow/" + name, c.tpl);
  }
  // Go's fmt: a width past a million from an argument is no width.
  write_chart(dir, "grow/width", "x: \"{{ printf \"%*d|%.*f\" 2000000000 1 2000000000 1.5 }}\"\n");

  const Lint lint = lint_both("--no-config --host ltsc2022 grow", dir.path(), 120);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "grow");
  for (const auto &[name, c] : cases) {
    INFO(name);
    const std::string path = "grow/" + name + "/templates/t.yaml";
    check_diagnostic(lint, path, "WC910", 1, column_of(c.tpl, c.needle), c.words);
    check_diagnostic(lint, path, "WC910", 1, column_of(c.tpl, c.needle), "not rendered, so");
    CHECK(codes_of(lint.json, path) == std::vector<std::string>{"WC910"});
  }
  CHECK(codes_of(lint.json, "grow/width/templates/t.yaml").empty());
  CHECK(peak_below(lint.text, 1024));
  CHECK(peak_below(lint.json_run, 1024));
  const Run width = run_program({binary(), "render", "--no-config", "grow/width"}, dir.path());
  INFO(describe(width));
  CHECK(contains(width.out, "x: \"%!(BADWIDTH)1|%!(BADPREC)1.500000\""));
}

TEST_CASE("hostile: rendered output and steps are bounded per template and per chart", "[hostile]") {
  TempDir dir;
  dir.write("out/good.Dockerfile", kNeighbour);
  const std::string kilobyte_lines = "{{- range until 17000 }}{{ printf \"%0*d\" 1000 1 }}\n{{- end }}\n";
  write_chart(dir, "out/template", kilobyte_lines);
  // Templates of 15 MB (t, t1 ... t5), executed in Helm's order (t5 ... t1, t):
  // the fifth, t1, passes the chart's 64 MiB.
  const std::string fifteen_mb = "{{- range until 15000 }}{{ printf \"%0*d\" 1000 1 }}\n{{- end }}\n";
  write_chart(dir, "out/chart", fifteen_mb);
  for (int i = 1; i < 6; ++i) {
    dir.write("out/chart/templates/t" + std::to_string(i) + ".yaml", fifteen_mb);
  }
  // A range over a huge list of huge lists.
  const std::string nested =
      "{{- range $a := until 100000 }}{{ range $b := until 100000 }}{{ end }}{{ end }}\n";
  write_chart(dir, "out/steps", nested);
  dir.write("out/steps/templates/u.yaml", "x: 1\n");

  const Lint lint = lint_both("--no-config --host ltsc2022 out", dir.path(), 120);
  const std::map<std::string, std::string> at_first_action = {
      {"out/template/templates/t.yaml", "passed 16 MiB (wincompat's size limit per template)"},
      {"out/chart/templates/t1.yaml", "the chart's rendered output passed 64 MiB (wincompat's size limit per "
                                      "chart); templates/t1.yaml and the chart's templates after it are not "
                                      "rendered"}};
  for (const auto &[path, words] : at_first_action) {
    check_diagnostic(lint, path, "WC910", 1, 1, words);
  }
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "out");
  for (const std::string name : {"t.yaml", "t2.yaml", "t3.yaml", "t4.yaml", "t5.yaml"}) {
    CHECK(codes_of(lint.json, "out/chart/templates/" + name).empty());
  }
  // The step limit, or on a slow machine (a sanitizer build) the time
  // limit: both are budgets of the whole render.
  check_diagnostic(
      lint, "out/steps/templates/t.yaml", "WC910", 1, column_of(nested, "{{ range $b"),
      "limit per chart render); templates/t.yaml and the chart's templates after it are not rendered");
  // One diagnostic for the chart's spent budget, not one per template.
  CHECK(codes_of(lint.json, "out/steps/templates/u.yaml").empty());
  CHECK(peak_below(lint.text, 1024));
}

TEST_CASE("hostile: --set and config set: paths with 60000 segments are refused and never a crash",
          "[hostile]") {
  TempDir dir;
  write_chart(dir, "chart", "x: 1\n");
  std::string path = "a";
  for (int i = 1; i < 60000; ++i) {
    path += ".a";
  }
  const Run cli = run_program({binary(), "lint", "--no-config", "--set", path + "=1", "chart"}, dir.path());
  INFO(describe(cli));
  CHECK(cli.status == 2);
  CHECK(contains(cli.err, "its path has more than 256 segments (wincompat's limit on a --set path)"));
  CHECK(cli.err.size() < 1000);
  // A path of 256 segments is fine.
  std::string within = "a";
  for (int i = 1; i < 256; ++i) {
    within += ".a";
  }
  const Run fine =
      run_program({binary(), "lint", "--no-config", "--set", within + "=1", "chart"}, dir.path());
  INFO(describe(fine));
  CHECK(fine.status == 0);

  dir.write(".wincompat.yaml", "charts:\n- path: chart\n  set:\n    ? " + path + "\n    : 1\n");
  const Lint lint = lint_both("--host ltsc2022 .", dir.path(), 60);
  CHECK(lint.text.status == 2);
  const std::string config = (dir / ".wincompat.yaml").string(); // found by the upward search: absolute
  check_diagnostic(lint, config, "WC903", 4, 7, "charts.set: its path has more than 256 segments");
  CHECK(codes_of(lint.json, config) == std::vector<std::string>{"WC903"});
}

TEST_CASE("hostile: duplicate keys in a manifest are WC901 at the second key", "[hostile]") {
  // YAML forbids them and kubectl rejects them ("mapping key \"image\" already
  // defined"); today the first value silently wins and the WC302 of the
  // second image is lost.
  TempDir dir;
  dir.write("dup/good.Dockerfile", kNeighbour);
  dir.write("dup/pod.yaml", pod("mcr.microsoft.com/windows/servercore:ltsc2022") +
                                "    image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  const Lint lint = lint_both("--no-config --host ltsc2022 dup", dir.path());
  check_neighbour(lint, "dup");
  check_diagnostic(lint, "dup/pod.yaml", "WC901", 9, 5, "duplicate key 'image'");
}

TEST_CASE("hostile: duplicate keys in .wincompat.yaml are WC903 at the second key", "[hostile]") {
  TempDir dir;
  dir.write("Dockerfile", kNeighbour);
  dir.write(".wincompat.yaml",
            "hosts: [ltsc2022]\nrules:\n  WC104: off\n  WC104: error\nhosts: [ltsc2019]\n");
  const Lint lint = lint_both("Dockerfile", dir.path());
  CHECK(lint.text.status == 2);
  const std::string config = (dir / ".wincompat.yaml").string(); // found by the upward search: absolute
  check_diagnostic(lint, config, "WC903", 4, 3, "duplicate key 'WC104' (first at line 3)");
  check_diagnostic(lint, config, "WC903", 5, 1, "duplicate key 'hosts' (first at line 1)");
  CHECK(codes_of(lint.json, config) == std::vector<std::string>{"WC903", "WC903"});
}

TEST_CASE("hostile: a tab-indented manifest is WC901 at the tab, naming it", "[hostile]") {
  // Tabs may not indent YAML. yaml-cpp alone says "illegal map value" at
  // 5:12 (the colon after `containers`), which does not say why.
  TempDir dir;
  dir.write("tabs/good.Dockerfile", kNeighbour);
  dir.write("tabs/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n\tcontainers:\n"
                             "\t- name: web\n\t  image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  const Lint lint = lint_both("--no-config --host ltsc2022 tabs", dir.path());
  check_neighbour(lint, "tabs");
  check_diagnostic(lint, "tabs/pod.yaml", "WC901", 5, 1, "tab");
  CHECK(codes_of(lint.json, "tabs/pod.yaml") == std::vector<std::string>{"WC901"});
}

TEST_CASE("hostile: a tab-indented manifest is WC901 and other files are linted", "[hostile]") {
  // What holds today, whatever the message: no crash, a WC901 on line 5.
  TempDir dir;
  dir.write("tabs/good.Dockerfile", kNeighbour);
  dir.write("tabs/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n\tcontainers:\n"
                             "\t- name: web\n\t  image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  const Lint lint = lint_both("--no-config --host ltsc2022 tabs", dir.path());
  check_neighbour(lint, "tabs");
  const Json diagnostics = file_diagnostics(lint.json, "tabs/pod.yaml");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["code"] == "WC901");
  CHECK(diagnostics[0]["range"]["start"]["line"] == 4);
  CHECK(contains(diagnostics[0]["message"].get<std::string>(), "YAML syntax error"));
}

TEST_CASE("hostile: image: as a mapping or a number is WC901 at the value", "[hostile]") {
  // kubectl rejects both ("cannot unmarshal ... into ... of type string").
  // Neither may be skipped silently or read as an image named "42".
  TempDir dir;
  dir.write("img/good.Dockerfile", kNeighbour);
  dir.write("img/map.yaml", pod("{repository: mcr.microsoft.com/windows/servercore, tag: ltsc2019}"));
  dir.write("img/number.yaml", pod("42"));
  const Lint lint = lint_both("--no-config --host ltsc2022 img", dir.path());
  check_neighbour(lint, "img");
  check_diagnostic(lint, "img/map.yaml", "WC901", 8, 12, "image must be a string");
  check_diagnostic(lint, "img/number.yaml", "WC901", 8, 12, "image must be a string");
  CHECK(codes_of(lint.json, "img/map.yaml") == std::vector<std::string>{"WC901"});
  CHECK(codes_of(lint.json, "img/number.yaml") == std::vector<std::string>{"WC901"});
}

namespace {

/// `kubectl get nodes -o yaml`-shaped output: `count` Windows Server 2022
/// nodes spread over `pools` agent pools, each with its own hostname label.
std::string node_list(int count, int pools) {
  std::string text = "apiVersion: v1\nkind: List\nitems:\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    text += "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node" + n +
            "\n    labels: {kubernetes.io/os: windows, kubernetes.io/hostname: node" + n +
            ", agentpool: pool" + std::to_string(i % pools) +
            "}\n  status:\n    nodeInfo: {operatingSystem: windows, kernelVersion: " + "10.0.20348." +
            std::to_string(1000 + i) + "}\n";
  }
  return text;
}

} // namespace

TEST_CASE("hostile: a Node list with 10000 nodes", "[hostile]") {
  TempDir dir;
  dir.write("k8s/good.Dockerfile", kNeighbour);
  dir.write("k8s/pod.yaml", pod());
  dir.write("nodes.yaml", node_list(10000, 3));
  const Lint lint = lint_both("--no-config --nodes nodes.yaml k8s", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "k8s");
  check_diagnostic(
      lint, "k8s/pod.yaml", "WC302", 8, 12,
      "cannot run process-isolated on pool pool0 (10.0.20348), pool pool1 (10.0.20348), pool pool2 "
      "(10.0.20348)");
  CHECK(codes_of(lint.json, "k8s/pod.yaml") == std::vector<std::string>{"WC302"});
  CHECK(lint.text.seconds < 10);
}

TEST_CASE("hostile: 10000 nodes in 10000 pools are grouped and every file is linted", "[hostile]") {
  // Grouping was quadratic in the pools (about 7 s here); now it is a set
  // lookup a node. Speed is measured in bench/, not here: the run only has
  // to finish within the suite's generous limit, also under the sanitizers.
  TempDir dir;
  dir.write("k8s/good.Dockerfile", kNeighbour);
  dir.write("k8s/pod.yaml", pod());
  dir.write("nodes.yaml", node_list(10000, 10000));
  const Run r = run_wc("lint --no-config --nodes nodes.yaml k8s", dir.path(), "/dev/null", 60);
  INFO(describe(r));
  CHECK(r.status == 1);
  CHECK(contains(r.out, "k8s/good.Dockerfile:1:6: error[WC101] "));
  CHECK(contains(r.out, "k8s/pod.yaml:8:12: error[WC302] "));
  CHECK(contains(r.out, "pool pool9999 (10.0.20348)"));
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

TEST_CASE("hostile: a config with unknown keys and wrong types: every problem is WC903 at its position",
          "[hostile]") {
  // A config error is exit 2 and nothing is linted (config.md: the run's
  // settings are unknown); every problem of the file is reported at once.
  TempDir dir;
  dir.write("Dockerfile", kNeighbour);
  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n"
                               "unknownKey: 1\n"
                               "isolation: [process]\n"
                               "rules:\n"
                               "  WC104: 3\n"
                               "failLevel: {a: b}\n"
                               "buildArgs: [a]\n"
                               "images: 7\n"
                               "nodePools: {x: 1}\n"
                               "hosts: [ltsc2030]\n");
  const Lint lint = lint_both("Dockerfile", dir.path());
  CHECK(lint.text.status == 2);
  const std::string path = (dir / ".wincompat.yaml").string(); // found by the upward search: absolute
  check_diagnostic(lint, path, "WC903", 2, 1, "unknown key 'unknownKey'");
  check_diagnostic(lint, path, "WC903", 3, 12, "isolation must be a single value");
  check_diagnostic(lint, path, "WC903", 5, 10, "rules.WC104 must be off, info, warning or error, not '3'");
  check_diagnostic(lint, path, "WC903", 6, 12, "failLevel must be a single value");
  check_diagnostic(lint, path, "WC903", 7, 12, "buildArgs must be a mapping");
  check_diagnostic(lint, path, "WC903", 8, 9, "images must map image names to Dockerfiles");
  check_diagnostic(lint, path, "WC903", 9, 12, "nodePools must be a list of pools");
  check_diagnostic(lint, path, "WC903", 10, 1, "duplicate key 'hosts' (first at line 1)");
  check_diagnostic(lint, path, "WC903", 10, 9, "unknown host 'ltsc2030'");
  CHECK(codes_of(lint.json, path).size() == 9);
  CHECK(file_diagnostics(lint.json, "Dockerfile").is_null());

  SECTION("a config that never ends, or is a directory, is WC903") {
    const Lint endless = lint_both("--config /dev/zero Dockerfile", dir.path(), 30);
    CHECK(endless.text.status == 2);
    check_diagnostic(endless, "/dev/zero", "WC903", 1, 1, "file is over the 1048576-byte limit");
    CHECK(peak_below(endless.text, 64));
    fs::create_directory(dir / "conf.d");
    const Lint directory = lint_both("--config conf.d Dockerfile", dir.path());
    CHECK(directory.text.status == 2);
    check_diagnostic(directory, "conf.d", "WC903", 1, 1, "conf.d: cannot be read: Is a directory");
  }
  SECTION("an inventory that is not YAML is WC903 at its position") {
    dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
    dir.write("nodes.yaml", "apiVersion: v1\nkind: List\nitems:\n- kind: Node\n  metadata: {name: [\n");
    const Lint bad = lint_both("--nodes nodes.yaml Dockerfile", dir.path());
    CHECK(bad.text.status == 2);
    const Json diagnostics = file_diagnostics(bad.json, "nodes.yaml");
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0]["code"] == "WC903");
    CHECK(diagnostics[0]["range"]["start"]["line"] >= 4);
    CHECK(contains(diagnostics[0]["message"].get<std::string>(), "node inventory"));
  }
}

// ---------------------------------------------------------------------------
// Output: terminal escape sequences and very long lines
// ---------------------------------------------------------------------------

TEST_CASE("hostile: escape sequences and very long lines: text is neutralised, JSON escaped", "[hostile]") {
  TempDir dir;
  const std::string escapes = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\xC2\x9B"
                              "31m\x7F";
  // A finding on a 1 MB line full of escapes, and a message that quotes it.
  const std::string long_word = std::string(500000, 'a') + escapes + std::string(500000, 'b');
  dir.write("esc/good.Dockerfile", kNeighbour);
  dir.write("esc/long.Dockerfile",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS build" + escapes + long_word + "\n");
  // The tag is 200 KB into its line; the snippet must still show it.
  dir.write("esc/far.Dockerfile",
            "ARG A=1\n" + std::string(200000, ' ') + "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write(
      "esc/pod.yaml",
      replace_all(pod(), "ltsc2019\n", "ltsc2019  # " + escapes + std::string(300000, 'z') + escapes + "\n"));
  // A file name with escapes (and a byte that is not UTF-8).
  dir.write("esc/Dockerfile.\x1b]0;name\x07\x9b", kNeighbour);

  const Lint lint = lint_both("--no-config --host ltsc2022 esc", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "esc");
  for (const char *raw : {"\x1b", "\x07", "\x7f", "\xC2\x9B"}) {
    INFO("raw byte " << static_cast<int>(static_cast<unsigned char>(raw[0])));
    CHECK_FALSE(contains(lint.text.out, raw));
    CHECK_FALSE(contains(lint.text.err, raw));
    CHECK_FALSE(contains(lint.json_run.out, raw));
  }
  CHECK(contains(lint.text.out, "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\u009b31m\\x7f"));
  CHECK(contains(lint.json_run.out, "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31m\\u009b31m\\u007f"));
  // Every finding, each at its place, and the output stays readable.
  check_diagnostic(lint, "esc/long.Dockerfile", "WC302", 1, 43, kWc302Words);
  check_diagnostic(lint, "esc/long.Dockerfile", "WC901", 1, 55, "invalid stage name 'build");
  CHECK(contains(lint.text.out, "invalid stage name 'build\\x1b]0;pwned\\x07\\x1b[2J"));
  check_diagnostic(lint, "esc/far.Dockerfile", "WC302", 2, 200043, kWc302Words);
  check_diagnostic(lint, "esc/pod.yaml", "WC302", 8, 12, kWc302Words);
  // The name is shown spelled out in text; JSON replaces the byte that is not UTF-8.
  CHECK(contains(lint.text.out, "esc/Dockerfile.\\x1b]0;name\\x07\\x9b:1:6: error[WC101] "));
  CHECK(contains(lint.json_run.out, "\"esc/Dockerfile.\\u001b]0;name\\u0007\xEF\xBF\xBD\""));
  CHECK(lint.text.out.size() < 64 * 1024);
  // The messages quote an excerpt of the megabyte-long word, with its escapes.
  bool whole_message = false;
  for (const Json &d : file_diagnostics(lint.json, "esc/long.Dockerfile")) {
    whole_message |= d["message"].get<std::string>().size() > 1000000;
  }
  CHECK_FALSE(whole_message); // the message quotes an excerpt, not the megabyte
  bool escaped_in_message = false;
  for (const Json &d : file_diagnostics(lint.json, "esc/long.Dockerfile")) {
    escaped_in_message |= contains(d["message"].get<std::string>(), "\x1b]0;pwned\x07");
  }
  CHECK(escaped_in_message);
  // The snippet of a finding 200 KB into its line shows that part of the line.
  // The window starts 100 bytes before the tag: 58 blanks, then the FROM.
  CHECK(contains(lint.text.out, "2 | ... " + std::string(58, ' ') +
                                    "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n  | " +
                                    std::string(4 + 100, ' ') + "^^^^^^^^\n"));

  SECTION("github and sarif formats") {
    for (const std::string format : {"github", "sarif"}) {
      const Run r = run_wc("lint --no-config --host ltsc2022 --format " + format + " esc", dir.path());
      INFO(format << "\n" << describe(r));
      CHECK(r.status == 1);
      CHECK_FALSE(contains(r.out, "\x1b"));
      CHECK_FALSE(contains(r.out, "\x07"));
      CHECK(contains(r.out, "good.Dockerfile"));
    }
  }
  SECTION("paths and values echoed on standard error") {
    const Run r = run_wc("lint --no-config --host nope\x1b[31m esc/missing\x1b]0;x\x07", dir.path());
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.err, "unknown host 'nope\\x1b[31m'"));
    CHECK_FALSE(contains(r.err, "\x1b"));
    const Run missing = run_wc("lint --no-config esc/missing\x1b]0;x\x07 esc/good.Dockerfile", dir.path());
    INFO(describe(missing));
    CHECK(missing.status == 2);
    CHECK(contains(missing.err, "esc/missing\\x1b]0;x\\x07: no such file or directory"));
    CHECK_FALSE(contains(missing.err, "\x1b"));
    CHECK(contains(missing.out, "esc/good.Dockerfile:1:6: error[WC101]"));
  }
}

// ---------------------------------------------------------------------------
// The language server
// ---------------------------------------------------------------------------

namespace {

std::string frame(const std::string &body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string frame(const Json &message) {
  return frame(message.dump());
}

/// Every framed message in the server's output (each must be valid JSON).
std::vector<Json> messages_of(const std::string &bytes) {
  std::vector<Json> out;
  size_t at = 0;
  while (at < bytes.size()) {
    const size_t header_end = bytes.find("\r\n\r\n", at);
    REQUIRE(header_end != std::string::npos);
    const std::string header = bytes.substr(at, header_end - at);
    REQUIRE(header.starts_with("Content-Length: "));
    const size_t length = std::stoul(header.substr(16));
    REQUIRE(header_end + 4 + length <= bytes.size());
    out.push_back(Json::parse(bytes.substr(header_end + 4, length)));
    at = header_end + 4 + length;
  }
  return out;
}

Json notify(const std::string &method, Json params) {
  return Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

Json request(int id, const std::string &method, Json params) {
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

Json range(int64_t l1, int64_t c1, int64_t l2, int64_t c2) {
  return Json{{"start", Json{{"line", l1}, {"character", c1}}},
              {"end", Json{{"line", l2}, {"character", c2}}}};
}

} // namespace

TEST_CASE("hostile: the language server answers bad framing and JSON and unknown methods and lints on",
          "[hostile][lsp]") {
  // Wrong Content-Length (short and long), invalid JSON, a body that is not a
  // message, unknown methods, out-of-range positions, a didChange before
  // didOpen: each answered as JSON-RPC says, and the open document is linted.
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  const fs::path good = repo.write("app/Dockerfile", kWc302);
  const fs::path other = repo.write("other/Dockerfile", kWc302);
  const std::string uri = wincompat::file_uri(good.string());
  const std::string unopened = wincompat::file_uri(other.string());
  std::string session;
  session += frame(request(0, "initialize", Json{{"processId", nullptr}, {"capabilities", Json::object()}}));
  session += frame(notify("initialized", Json::object()));
  session += frame(
      notify("textDocument/didOpen",
             Json{{"textDocument",
                   Json{{"uri", uri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", kWc302}}}}));
  // 1. Content-Length too short: the first 10 bytes are not JSON (-32700);
  //    the rest is skipped up to the next header.
  session += "Content-Length: 10\r\n\r\n" + request(5, "shutdown", Json::object()).dump();
  // 2. Content-Length too long: it swallows the start of the next message,
  //    which is lost; the one after is read.
  const std::string initialized = notify("initialized", Json::object()).dump();
  session += "Content-Length: " + std::to_string(initialized.size() + 25) + "\r\n\r\n" + initialized;
  session += frame(notify("$/lost", Json::object()));
  // 3. Invalid JSON (-32700), and a body that is not a JSON-RPC message (-32600).
  session += frame(std::string("{\"jsonrpc\": \"2.0\", \"id\": 6, \"method\": "));
  session += frame(std::string("[1, 2, 3]"));
  // 4. Unknown methods: requests get -32601, notifications nothing.
  session += frame(
      request(7, "textDocument/hover",
              Json{{"textDocument", Json{{"uri", uri}}}, {"position", Json{{"line", 0}, {"character", 0}}}}));
  session += frame(request(8, "no/such/method", Json::object()));
  session += frame(notify("no/such/notification", Json{{"x", 1}}));
  // 5. Out-of-range positions: edits clamp to the text; a code action far
  //    past the end has nothing to offer.
  session += frame(
      notify("textDocument/didChange",
             Json{{"textDocument", Json{{"uri", uri}, {"version", 2}}},
                  {"contentChanges",
                   Json::array({Json{{"range", range(1000000, 5, 2000000, 9)}, {"text", "# appended\n"}},
                                Json{{"range", range(-7, -3, -1, -1)}, {"text", "# prepended\n"}}})}}));
  session += frame(request(9, "textDocument/codeAction",
                           Json{{"textDocument", Json{{"uri", uri}}},
                                {"range", range(4000000000ll, 0, 4000000000ll, 99)},
                                {"context", Json{{"diagnostics", Json::array()}}}}));
  // 6. didChange before didOpen: an incremental change to an unknown
  //    document is ignored.
  session += frame(
      notify("textDocument/didChange",
             Json{{"textDocument", Json{{"uri", unopened}, {"version", 3}}},
                  {"contentChanges", Json::array({Json{{"range", range(0, 0, 0, 4)}, {"text", "X"}}})}}));
  session += frame(request(9999, "shutdown", Json::object()));
  session += frame(notify("exit", Json::object()));
  const fs::path input = repo.write("session.bin", session);

  const Run r = run_program({binary(), "lsp"}, repo.path(), input, 30);
  INFO(describe(r));
  CHECK(r.status == 0);
  std::vector<Json> messages;
  REQUIRE_NOTHROW(messages = messages_of(r.out));
  std::map<int, Json> responses;
  std::vector<Json> null_id_errors;
  std::vector<Json> publishes;
  for (const Json &m : messages) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") {
      publishes.push_back(m["params"]);
    } else if (m.contains("id") && m["id"].is_number_integer()) {
      responses[m["id"].get<int>()] = m;
    } else if (m.contains("error")) {
      null_id_errors.push_back(m);
    }
  }
  INFO([&] {
    std::string all;
    for (const Json &m : messages) {
      all += m.dump().substr(0, 400) + "\n";
    }
    return all;
  }());
  CHECK(responses.at(0)["result"]["capabilities"].is_object());
  // The error answers, each with its code.
  std::vector<int> parse_errors;
  for (const Json &e : null_id_errors) {
    parse_errors.push_back(e["error"]["code"].get<int>());
  }
  CHECK(parse_errors == std::vector<int>{-32700, -32700, -32700, -32600});
  CHECK(responses.at(7)["error"]["code"] == -32601);
  CHECK(responses.at(8)["error"]["code"] == -32601);
  CHECK(responses.at(9)["result"] == Json::array());
  CHECK(responses.count(5) == 0); // inside the too-short message: never read as a request
  CHECK(responses.at(9999)["result"].is_null());
  // The open document was linted throughout; the edits landed at its ends.
  std::vector<Json> mine;
  for (const Json &p : publishes) {
    CHECK(p["uri"] != unopened);
    if (p["uri"] == uri) {
      mine.push_back(p);
    }
  }
  REQUIRE_FALSE(mine.empty());
  const Json &last = mine.back();
  CHECK(last["version"] == 2);
  REQUIRE(last["diagnostics"].size() == 1);
  CHECK(last["diagnostics"][0]["code"] == "WC302");
  CHECK(last["diagnostics"][0]["range"] == range(1, 42, 1, 50)); // one line prepended
}

TEST_CASE("hostile: a message naming 300 pools is cut in the middle in text and whole in JSON", "[hostile]") {
  TempDir dir;
  dir.write("k8s/good.Dockerfile", kNeighbour);
  dir.write("k8s/pod.yaml", pod());
  dir.write("nodes.yaml", node_list(300, 300));
  const Lint lint = lint_both("--no-config --nodes nodes.yaml k8s", dir.path());
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "k8s");
  check_diagnostic(lint, "k8s/pod.yaml", "WC302", 8, 12,
                   "cannot run process-isolated on pool pool0 (10.0.20348)");
  const Json diagnostics = file_diagnostics(lint.json, "k8s/pod.yaml");
  REQUIRE(diagnostics.size() == 1);
  const std::string message = diagnostics[0]["message"].get<std::string>();
  CHECK(contains(message, "pool pool150 (10.0.20348)"));
  CHECK(message.ends_with("use ltsc2022"));
  // The text keeps the start and the advice at the end.
  std::istringstream lines(lint.text.out);
  std::string shown;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("k8s/pod.yaml:8:12: error[WC302] ")) {
      shown = line;
    }
  }
  CHECK(shown.size() < 1100);
  CHECK(contains(shown, " bytes cut] ... "));
  CHECK_FALSE(contains(shown, "pool pool150 "));
  CHECK(shown.ends_with("use ltsc2022"));
}

TEST_CASE("hostile: ARG defaults that carry 1000 unset ARGs through 100000 uses stay fast", "[hostile]") {
  TempDir dir;
  std::string text;
  std::string all_unset = "ARG A=";
  for (int i = 0; i < 1000; ++i) {
    text += "ARG U" + std::to_string(i) + "\n";
    all_unset += "${U" + std::to_string(i) + "}";
  }
  text += all_unset + "\n";
  std::string all_b;
  for (int i = 0; i < 1000; ++i) {
    text += "ARG B" + std::to_string(i) + "=${A}\n";
    all_b += "${B" + std::to_string(i) + "}";
  }
  for (int i = 0; i < 100; ++i) {
    text += "ARG C" + std::to_string(i) + "=" + all_b + "\n";
  }
  text += "FROM mcr.microsoft.com/windows/servercore:${C99}\n";
  dir.write("carry/good.Dockerfile", kNeighbour);
  dir.write("carry/Dockerfile", text);
  const Lint lint = lint_both("--no-config --host ltsc2022 carry", dir.path());
  check_neighbour(lint, "carry");
  check_diagnostic(lint, "carry/Dockerfile", "WC103", 2102, 43, "ARG U0 has no value");
  CHECK(codes_of(lint.json, "carry/Dockerfile") == std::vector<std::string>{"WC103"});
  CHECK(lint.text.seconds < 10);
}

TEST_CASE("hostile: catastrophic regular expressions in a chart render in linear time", "[hostile]") {
  // Helm's regex functions run Go's linear-time regexp; std::regex backtracks:
  // (a+)+$ on 100 KB of a's and a '!' never ends, and (a|b)* on 200 KB
  // recurses once per character and overflows the stack.
  TempDir dir;
  std::string ab(200000, 'a');
  for (size_t i = 0; i < ab.size(); i += 3) {
    ab[i] = 'b';
  }
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
  dir.write("chart/values.yaml", "as: \"" + std::string(100000, 'a') + "!\"\nshort: \"" +
                                     std::string(40, 'a') + "!\"\nab: " + ab + "\ndigits: \"" +
                                     std::string(200000, '7') + "\"\n");
  dir.write("chart/templates/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n"
            "    nested: {{ regexMatch \"(a+)+$\" .Values.as | quote }}\n"
            "    short: {{ regexMatch \"(a+)+$\" .Values.short | quote }}\n"
            "    digits: {{ .Values.digits | toYaml | len }}\n"
            "    alternation: {{ regexMatch \"^(a|b)*$\" .Values.ab | quote }}\n"
            "    found: {{ regexFind \"(a|b)*\" .Values.ab | len | quote }}\n"
            "    pieces: {{ regexSplit \"(b|x)+\" .Values.ab -1 | len | quote }}\n"
            "    replaced: {{ regexReplaceAll \"(a|b)(a|b)\" .Values.ab \"${2}\" | len | quote }}\n"
            "spec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - name: web\n"
            "    image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("good.Dockerfile", kNeighbour);
  const Run render = run_wc("render --no-config chart", dir.path(), "/dev/null", 60);
  INFO(describe(render));
  CHECK(render.status == 0); // not 124 (a timeout) nor 139 (a stack overflow)
  CHECK(contains(render.out, "nested: \"false\""));
  CHECK(contains(render.out, "short: \"false\""));
  CHECK(contains(render.out, "digits: 200002\n")); // quoted: '777...'
  CHECK(contains(render.out, "alternation: \"true\""));
  CHECK(contains(render.out, "found: \"200000\""));
  CHECK(contains(render.out, "pieces: \"66668\""));
  CHECK(contains(render.out, "replaced: \"100000\""));
  CHECK(peak_below(render, 256));
  const Lint lint = lint_both("--no-config --host ltsc2022 .", dir.path(), 60);
  CHECK(lint.text.status == 1);
  check_neighbour(lint, "");
  check_diagnostic(lint, "chart/templates/pod.yaml", "WC302", 17, 12, kWc302Words);
}

TEST_CASE("hostile: a regular expression past its limits is a chart error naming the limit", "[hostile]") {
  TempDir dir;
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
  // Nested counted repetitions: Go refuses a product over 1000 copies.
  dir.write("chart/templates/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n"
                                      "  x: {{ mustRegexFind \"((a{100}){100}){100}\" \"a\" | quote }}\n");
  // A quadratic FindAll (each search scans to the end, in Go too): the step budget stops it.
  dir.write("chart/templates/b.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n"
            "  x: {{ regexFindAll \"a*b|a\" (repeat 100000 \"a\") -1 | len | quote }}\n");
  dir.write("chart/templates/c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
                                      "  x: {{ regexReplaceAll \"(a\" \"a\" \"b\" | quote }}\n");
  const Run lint = run_wc("lint --no-config --color never chart", dir.path(), "/dev/null", 120);
  INFO(describe(lint));
  CHECK(lint.status == 1);
  CHECK(contains(lint.out, "chart/templates/a.yaml:6:9: error[WC910] template: chart/templates/a.yaml:6:8: "
                           "executing \"chart/templates/a.yaml\" at <mustRegexFind \"((a{100}){100}){100}\" "
                           "\"a\">: error calling mustRegexFind: error parsing regexp: invalid repeat count: "
                           "`{100}`; the rendering goes on with its value unknown\n"));
  CHECK(
      contains(lint.out,
               "chart/templates/b.yaml:6:9: error[WC910] template: chart/templates/b.yaml:6:8: "
               "executing \"chart/templates/b.yaml\" at <regexFindAll \"a*b|a\" (repeat 100000 "
               "\"a\") -1>: error calling regexFindAll: regular expression step budget "
               "(100000000 steps) exceeded in regexFindAll; the rendering goes on with its value unknown\n"));
  // regexp.MustCompile's panic, as text/template reports it.
  CHECK(contains(lint.out, "error calling regexReplaceAll: regexp: Compile(`(a`): error parsing regexp: "
                           "missing closing ): `(a`; the rendering goes on with its value unknown\n"));
  CHECK(peak_below(lint, 256));
}
