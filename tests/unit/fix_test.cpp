// `wincompat lint --fix` / `--diff` and the fix library: BOM, CRLF, file
// mode, idempotence, manifests, standard input, and failed writes.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include "wincompat/fix.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <sys/stat.h>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

const std::string kBomCrlf =
    "\xEF\xBB\xBF# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2019 AS base\r\n"
    "RUN echo hi\r\n";

} // namespace

TEST_CASE("apply_fixes retags in place and keeps BOM and CRLF", "[fix]") {
  const FileResult file = test::run(kBomCrlf, {"--host", "ltsc2022"});
  const auto fixed = apply_fixes(file);
  REQUIRE(fixed);
  CHECK(*fixed == "\xEF\xBB\xBF# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\r\n"
                  "RUN echo hi\r\n");
}

TEST_CASE("apply_fixes has nothing to do without a certain fix", "[fix]") {
  // Two hosts of different builds: no single tag suits both.
  const FileResult file = test::run("FROM mcr.microsoft.com/windows/servercore:ltsc2019\n",
                                    {"--host", "ltsc2022", "--host", "ltsc2019"});
  CHECK_FALSE(apply_fixes(file));
  // The tag comes from an ARG whose default is not literal text, or that
  // --build-arg sets: where to edit is not certain.
  CHECK_FALSE(apply_fixes(test::run("ARG TAG=\"ltsc2019\"\nFROM mcr.microsoft.com/windows/servercore:$TAG\n",
                                    {"--host", "ltsc2022"})));
  CHECK_FALSE(apply_fixes(test::run("ARG TAG=ltsc2019\nFROM mcr.microsoft.com/windows/servercore:$TAG\n",
                                    {"--host", "ltsc2022", "--build-arg", "TAG=ltsc2019"})));
  // A stage on another build reads the same ARG: editing it would move that stage too.
  CHECK_FALSE(apply_fixes(
      test::run("ARG TAG=ltsc2019\nFROM mcr.microsoft.com/windows/servercore:${TAG:+ltsc2022} AS a\n"
                "FROM mcr.microsoft.com/windows/servercore:$TAG\n",
                {"--host", "ltsc2022"})));
}

TEST_CASE("apply_fixes edits the ARG default that sets the tag", "[fix]") {
  const FileResult file =
      test::run("ARG TAG=ltsc2019\nFROM mcr.microsoft.com/windows/servercore:${TAG} AS build\nFROM "
                "mcr.microsoft.com/windows/nanoserver:$TAG\n",
                {"--host", "ltsc2022"});
  const auto fixed = apply_fixes(file);
  REQUIRE(fixed);
  CHECK(*fixed == "ARG TAG=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:${TAG} AS build\nFROM "
                  "mcr.microsoft.com/windows/nanoserver:$TAG\n");
}

TEST_CASE("apply_fixes on a manifest edits only the version in the image", "[fix]") {
  const std::string manifest =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
      "    kubernetes.io/os: windows\n    kubernetes.azure.com/os-sku: Windows2022\n"
      "  containers:\n  - name: web\n    image: \"mcr.microsoft.com/windows/nanoserver:1809\"\n";
  const FileResult file = test::run(manifest, {}, "pod.yaml");
  const auto fixed = apply_fixes(file);
  REQUIRE(fixed);
  CHECK(fixed->find("image: \"mcr.microsoft.com/windows/nanoserver:ltsc2022\"") != std::string::npos);
  CHECK(fixed->size() == manifest.size() + 4);
}

TEST_CASE("unified_diff shows the changed line with context", "[fix]") {
  const std::string diff = unified_diff("Dockerfile", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n");
  CHECK(diff == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
}

TEST_CASE("lint --fix writes the fix, keeps mode, BOM and CRLF, and is idempotent", "[fix][e2e]") {
  TempDir dir;
  const auto path = dir.write("Dockerfile", kBomCrlf);
  ::chmod(path.c_str(), 0640);
  const RunResult first =
      run_cli("lint --no-config --host ltsc2022 --fix Dockerfile", RunOptions{dir.path()});
  INFO(describe(first));
  CHECK(first.status == 0);
  CHECK(contains(first.err, "fixed 1 problem"));
  CHECK(contains(first.out, "No problems found"));
  const std::string after = slurp(path);
  CHECK(after.starts_with("\xEF\xBB\xBF"));
  CHECK(contains(after, "servercore:ltsc2022 AS base\r\n"));
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  const RunResult second =
      run_cli("lint --no-config --host ltsc2022 --fix Dockerfile", RunOptions{dir.path()});
  CHECK(second.status == 0);
  CHECK(slurp(path) == after);
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2); // Dockerfile, .git
}

TEST_CASE("lint --diff prints a diff and writes nothing", "[fix][e2e]") {
  TempDir dir;
  const auto path = dir.write("Dockerfile", kBomCrlf);
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --diff Dockerfile", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 1);
  CHECK(contains(r.out, "-FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS base\r\n"));
  CHECK(contains(r.out, "+FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\r\n"));
  CHECK(slurp(path) == kBomCrlf);
  const RunResult clean =
      run_cli("lint --no-config --host ltsc2019 --diff Dockerfile", RunOptions{dir.path()});
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("lint --fix on standard input prints the fixed text", "[fix][e2e]") {
  RunOptions options;
  options.stdin_text = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n";
  options.has_stdin = true;
  const RunResult r =
      run_cli("lint --no-config --host ltsc2022 --fix --stdin-filename Dockerfile -", options);
  INFO(describe(r));
  CHECK(r.out == "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
}

TEST_CASE("lint --fix that cannot write leaves the original intact", "[fix][e2e]") {
  TempDir dir;
  const auto path = dir.write("Dockerfile", kBomCrlf);
  // A zero file-size limit makes the write fail (as root too, unlike permissions).
  const std::string output = shell_output(
      "cd " + sh_quote(dir.path().string()) + " && (ulimit -f 0; trap '' XFSZ; " + sh_quote(binary()) +
      " lint --no-config --host ltsc2022 --fix Dockerfile; echo status=$?) 2>&1 | cat");
  INFO(output);
  CHECK(contains(output, "status=2"));
  CHECK(contains(output, "unchanged"));
  CHECK(slurp(path) == kBomCrlf);
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) ==
        2); // no temp file left
}

// ---------------------------------------------------------------------------
// --fix under faults (issue #6, item 4): a failed write leaves the original
// byte for byte, with no temporary file beside it; concurrent runs never mix.
// ---------------------------------------------------------------------------

namespace {

/// A Dockerfile of `stages` stages on servercore:ltsc2019 (about 90 bytes each):
/// big enough that a torn or interleaved write would show.
std::string many_stages(int stages) {
  std::string text = "# escape=`\r\n";
  for (int i = 0; i < stages; ++i) {
    text += "FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS s" + std::to_string(i) + "\r\nRUN echo " +
            std::string(20, static_cast<char>('a' + i % 26)) + "\r\n";
  }
  return text;
}

std::vector<std::string> listing(const fs::path &directory) {
  std::vector<std::string> names;
  for (const auto &entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The text `lint --fix --host HOST` makes of `text` (run on a copy).
std::string fixed_for(const std::string &text, const std::string &host) {
  TempDir dir;
  const auto path = dir.write("Dockerfile", text);
  const RunResult r =
      run_cli("lint --no-config --host " + host + " --fix Dockerfile", RunOptions{dir.path()});
  INFO(describe(r));
  REQUIRE(r.status == 0);
  return slurp(path);
}

/// `sh -c SCRIPT` as `nobody` when root (root ignores directory permissions);
/// as is otherwise. nullopt when privileges cannot be dropped.
std::optional<std::string> as_unprivileged(const std::string &script) {
  if (::geteuid() != 0) {
    return "sh -c " + sh_quote(script);
  }
  if (shell_output("setpriv --reuid=nobody --regid=nogroup --clear-groups id -u") != "65534\n") {
    return std::nullopt;
  }
  return "setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c " + sh_quote(script);
}

} // namespace

TEST_CASE("lint --fix in a read-only directory leaves the file intact", "[fix][e2e]") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const std::string original = many_stages(100);
  const auto path = dir.write("ro/Dockerfile", original);
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const auto command =
      as_unprivileged("cd " + sh_quote(dir.path().string()) + " && " + sh_quote(binary()) +
                      " lint --no-config --host ltsc2022 --fix ro/Dockerfile; echo status=$?");
  if (!command) {
    WARN("running as root and setpriv cannot drop privileges: a read-only directory is not checked");
    return;
  }
  const std::string output = shell_output(*command);
  INFO(output);
  if (contains(output, "Permission denied") && !contains(output, "temporary file")) {
    WARN("the binary cannot be run as nobody here (" << binary() << "): not checked");
    return;
  }
  CHECK(contains(output, "wincompat: cannot create a temporary file beside ro/Dockerfile: Permission denied "
                         "(the file is unchanged)"));
  CHECK(contains(output, "status=2"));
  CHECK(slurp(path) == original);
  CHECK(listing(dir / "ro") == std::vector<std::string>{"Dockerfile"});
}

TEST_CASE("lint --fix on a full disk leaves the file intact", "[fix][e2e]") {
  // A 64 KiB tmpfs filled up, in a private mount namespace (root, or a user
  // namespace), so nothing outlives the test.
  TempDir dir;
  const std::string original = many_stages(200); // ~12 KB: more than the free pages
  dir.write("original", original);
  fs::create_directory(dir / "mnt");
  const std::string script = "set -e; cd " + sh_quote(dir.path().string()) +
                             "; mount -t tmpfs -o size=64k tmpfs mnt; cp original mnt/Dockerfile; "
                             "dd if=/dev/zero of=mnt/fill bs=1024 2>/dev/null || true; set +e; " +
                             sh_quote(binary()) +
                             " lint --no-config --host ltsc2022 --fix mnt/Dockerfile; echo status=$?; " +
                             "cp mnt/Dockerfile after; ls -A mnt > listing";
  std::string output;
  for (const std::string unshare : {"unshare --mount", "unshare --mount --map-root-user"}) {
    output = shell_output(unshare + " sh -c " + sh_quote(script) + " 2>&1");
    if (contains(output, "status=")) {
      break;
    }
  }
  INFO(output);
  if (!contains(output, "status=")) {
    WARN("cannot mount a tmpfs in a private mount namespace here: a full disk is not checked (" << output
                                                                                                << ")");
    return;
  }
  CHECK(contains(output, "wincompat: cannot write the fixed mnt/Dockerfile: No space left on device "
                         "(the file is unchanged)"));
  CHECK(contains(output, "status=2"));
  CHECK(slurp(dir / "after") == original);
  CHECK(slurp(dir / "listing") == "Dockerfile\nfill\n");
  CHECK(listing(dir / "mnt").empty()); // the mount went away with its namespace
}

TEST_CASE("lint --fix past a file-size limit fails cleanly without trapping SIGXFSZ", "[fix][e2e]") {
  // Unlike the `ulimit -f 0` test above: the default SIGXFSZ disposition
  // (the binary must ignore it, or it dies with its temporary file left),
  // and a limit the write crosses half-way.
  TempDir dir;
  const std::string original = many_stages(200);
  REQUIRE(original.size() > 8 * 1024);
  const auto path = dir.write("Dockerfile", original);
  const std::string output =
      shell_output("cd " + sh_quote(dir.path().string()) + " && (ulimit -f 4; " + sh_quote(binary()) +
                   " lint --no-config --host ltsc2022 --fix Dockerfile; echo status=$?) 2>&1 | cat");
  INFO(output);
  CHECK(contains(output,
                 "wincompat: cannot write the fixed Dockerfile: File too large (the file is unchanged)"));
  CHECK(contains(output, "status=2"));
  CHECK(slurp(path) == original);
  CHECK(listing(dir.path()) == std::vector<std::string>{".git", "Dockerfile"});
}

TEST_CASE("concurrent lint --fix runs on one file never mix", "[fix][e2e]") {
  TempDir dir;
  const std::string original = many_stages(100);
  const std::string to2022 = fixed_for(original, "ltsc2022");
  const std::string to2025 = fixed_for(original, "ltsc2025");
  REQUIRE(to2022 != original);
  REQUIRE(to2025 != original);
  REQUIRE(to2022 != to2025);
  const auto path = dir.write("Dockerfile", original);
  const auto run_all = [&](const std::vector<std::string> &hosts) {
    std::string script = "cd " + sh_quote(dir.path().string()) + " || exit 1; ";
    for (const std::string &host : hosts) {
      script += "(" + sh_quote(binary()) + " lint --no-config --host " + host +
                " --fix Dockerfile >/dev/null 2>&1; echo $? >>statuses) & ";
    }
    script += "wait";
    shell_output("timeout 120 sh -c " + sh_quote(script));
    const std::string statuses = slurp(dir / "statuses");
    fs::remove(dir / "statuses");
    return statuses;
  };
  SECTION("16 runs with the same hosts: the one fixed text") {
    const std::string statuses = run_all(std::vector<std::string>(16, "ltsc2022"));
    CHECK(count_of(statuses, "0\n") == 16);
    CHECK(slurp(path) == to2022);
  }
  SECTION("16 runs with different hosts: one run's whole output, not a mix") {
    std::vector<std::string> hosts;
    for (int i = 0; i < 16; ++i) {
      hosts.push_back(i % 2 ? "ltsc2022" : "ltsc2025");
    }
    const std::string statuses = run_all(hosts);
    INFO(statuses);
    CHECK(count_of(statuses, "\n") == 16);
    CHECK_FALSE(contains(statuses, "2\n")); // no failed write
    const std::string after = slurp(path);
    CHECK((after == to2022 || after == to2025));
  }
  CHECK(listing(dir.path()) == std::vector<std::string>{".git", "Dockerfile"}); // no temporary file left
}

TEST_CASE("lint --fix refuses a symlink: the link and the file it names are unchanged", "[fix][e2e]") {
  TempDir dir;
  const auto target = dir.write("docker/base.Dockerfile", kBomCrlf);
  fs::create_symlink("docker/base.Dockerfile", dir / "Dockerfile");
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --fix Dockerfile", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "Dockerfile is a symbolic link: --fix never writes through one"));
  CHECK(fs::is_symlink(dir / "Dockerfile"));
  CHECK(fs::read_symlink(dir / "Dockerfile") == "docker/base.Dockerfile");
  CHECK(slurp(target) == kBomCrlf);
  CHECK(listing(dir / "docker") == std::vector<std::string>{"base.Dockerfile"});
}
