// Golden-output tests: the exact bytes `wincompat` prints for a small set of
// Dockerfiles (tests/golden/input/) and for `wincompat rules --format markdown`.
//
// Each command runs with tests/golden as the working directory, so paths in
// the output are relative (`input/...`) and stable. The JSON `uri` fields are
// absolute and so machine-specific: before comparing, the test replaces the
// `file://<absolute path of tests/golden>/` prefix with `file://$ROOT/`, and the
// expected files hold that placeholder.
//
// To regenerate the expected files after an intended change in the output:
//
//     WINCOMPAT_UPDATE_GOLDEN=1 build/tests/wincompat_tests "[golden]"
//
// then review `git diff tests/golden/expected` before committing. Without the
// variable the output must match byte for byte; a mismatch prints `diff -u`.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace wincompat::e2e;

namespace {

const fs::path kGoldenDir = fs::path(WINCOMPAT_SOURCE_DIR) / "tests" / "golden";
const std::string kRootPlaceholder = "file://$ROOT/";

bool updating() {
  return wincompat::test::golden_update_mode("WINCOMPAT_UPDATE_GOLDEN");
}

std::string normalise(const std::string &output) {
  // The binary builds URIs from getcwd(), which resolves symbolic links.
  std::error_code ec;
  const fs::path real = fs::canonical(kGoldenDir, ec);
  const std::string once = replace_all(output, file_uri_prefix(ec ? kGoldenDir : real), kRootPlaceholder);
  return replace_all(once, file_uri_prefix(kGoldenDir), kRootPlaceholder);
}

/// Runs `args` in tests/golden and compares stdout with expected/<name>.
void check_golden(const std::string &name, const std::string &args, int expected_status) {
  RunOptions options;
  options.cwd = kGoldenDir;
  const RunResult r = run_cli(args, options);
  {
    INFO(describe(r));
    REQUIRE(r.status == expected_status);
    CHECK(r.err.empty());
  }
  const std::string actual = normalise(r.out);
  const fs::path expected_path = kGoldenDir / "expected" / name;

  if (updating()) {
    write_file(expected_path, actual);
    WARN("updated " << expected_path.string());
    return;
  }
  if (!fs::exists(expected_path)) {
    FAIL(expected_path.string() << " is missing; run with WINCOMPAT_UPDATE_GOLDEN=1 to create it");
  }
  const std::string expected = slurp(expected_path);
  if (actual == expected) {
    SUCCEED(name << " matches");
    return;
  }
  TempDir scratch(false);
  const fs::path actual_path = scratch.write(name, actual);
  const std::string diff =
      shell_output("diff -u " + sh_quote(expected_path.string()) + " " + sh_quote(actual_path.string()));
  FAIL("output differs from " << expected_path.string() << " (WINCOMPAT_UPDATE_GOLDEN=1 regenerates it):\n"
                              << diff);
}

const std::string kLintArgs = "--host ltsc2022 --today 2026-11-23 --no-config input/";

} // namespace

TEST_CASE("golden inputs keep their bytes (BOM, CRLF, non-ASCII)", "[golden]") {
  // A checkout that converts line ends would make the goldens meaningless.
  const std::string crlf = slurp(kGoldenDir / "input" / "crlf-bom-unicode.Dockerfile");
  REQUIRE(crlf.starts_with("\xEF\xBB\xBF"));
  CHECK(count_of(crlf, "\r\n") == count_of(crlf, "\n"));
  CHECK(contains(crlf, "\xF0\x9F\x98\x80")); // U+1F600, two UTF-16 code units
  const std::string lf = slurp(kGoldenDir / "input" / "wc302-fix.Dockerfile");
  CHECK_FALSE(contains(lf, "\r"));
}

TEST_CASE("golden: wincompat lint --format text", "[golden]") {
  check_golden("lint.txt", "lint --format text " + kLintArgs, 1);
}

TEST_CASE("golden: wincompat lint --format json", "[golden]") {
  check_golden("lint.json", "lint --format json " + kLintArgs, 1);
  if (updating()) {
    return;
  }
  // The expected file itself is valid JSON and uses the placeholder.
  const std::string expected = slurp(kGoldenDir / "expected" / "lint.json");
  nlohmann::json doc;
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(expected));
  for (const auto &file : doc["files"]) {
    CHECK(file["uri"].get<std::string>() == kRootPlaceholder + file["path"].get<std::string>());
  }
}

TEST_CASE("golden: wincompat lint --format sarif", "[golden]") {
  check_golden("lint.sarif", "lint --format sarif " + kLintArgs, 1);
  if (updating()) {
    return;
  }
  const std::string expected = slurp(kGoldenDir / "expected" / "lint.sarif");
  nlohmann::json doc;
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(expected));
  const auto &run = doc["runs"][0];
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == kRootPlaceholder);
  for (const auto &result : run["results"]) {
    const auto &artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(artifact["uriBaseId"] == "%SRCROOT%");
    CHECK(artifact["uri"].get<std::string>().starts_with("input/"));
  }
}

TEST_CASE("golden: wincompat lint --format github", "[golden]") {
  check_golden("lint.github", "lint --format github " + kLintArgs, 1);
}

TEST_CASE("golden: wincompat rules --format markdown", "[golden]") {
  check_golden("rules.md", "rules --format markdown", 0);
}
