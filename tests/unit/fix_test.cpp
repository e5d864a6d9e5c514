// `wincompat lint --fix` / `--diff` and the fix library: BOM, CRLF, file
// mode, idempotence, manifests, standard input, and failed writes.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include "wincompat/fix.hpp"

#include <catch2/catch.hpp>

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
  // The tag comes from an ARG: the fix belongs to the ARG, not certain here.
  const FileResult through_arg =
      test::run("ARG TAG=ltsc2019\nFROM mcr.microsoft.com/windows/servercore:$TAG\n", {"--host", "ltsc2022"});
  CHECK_FALSE(apply_fixes(through_arg));
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
