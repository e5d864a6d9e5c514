// End-to-end tests: run the built `wincompat` binary as a user, a CI gate or
// an editor would, and check standard output, standard error and the exit
// status against the documented behaviour in docs/usage.md, docs/json-output.md,
// docs/configuration.md and docs/rules.md.
//
// Every test works in its own temporary directory (e2e_support.hpp), which
// holds an empty `.git` so that the upward `.wincompat.yaml` search stops there.
// Tests tagged [!mayfail] assert the contract where the binary does not (yet)
// follow it; they are listed in the report that came with them.
#include "build_info.hpp"
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <sys/stat.h>

using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

// Dockerfiles with one known finding each.
// WC302 (error) with --host ltsc2022.
const std::string kWc302 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";
// WC102 (warning) whatever the host.
const std::string kWarning = "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1\nRUN echo hello\n";
// WC304 (info) with --host ltsc2025.
const std::string kInfo = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD [\"cmd.exe\"]\n";
// Nothing with --host ltsc2022.
const std::string kClean = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hello\n";
// WC101 (error) at 1:6 whatever the host: the "good" neighbour of every bad input.
const std::string kNeighbour = "FROM mcr.microsoft.com/windows/servercore\nRUN echo neighbour\n";
const std::string kNeighbourFinding = "good.Dockerfile:1:6: error[WC101]";
// WC104 (warning) with --today 2026-11-23 and WC302 (error) with --host ltsc2022.
const std::string kRetired = "FROM mcr.microsoft.com/windows/servercore:2004\nRUN echo hello\n";

const std::string kToday = "--today 2026-11-23";

Json parse_json(const RunResult &r) {
  INFO(describe(r));
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));
  return doc;
}

/// Every `code` in a lint JSON document, for one path or for all files.
std::vector<std::string> json_codes(const Json &doc, const std::string &path = "") {
  std::vector<std::string> out;
  for (const auto &file : doc.at("files")) {
    if (!path.empty() && file.at("path") != path) {
      continue;
    }
    for (const auto &d : file.at("diagnostics")) {
      out.push_back(d.at("code").get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> json_paths(const Json &doc) {
  std::vector<std::string> out;
  for (const auto &file : doc.at("files")) {
    out.push_back(file.at("path").get<std::string>());
  }
  return out;
}

/// A process that crashed or hung reports 124 (timeout) or 128+signal.
void check_no_crash(const RunResult &r) {
  INFO(describe(r));
  CHECK(r.status >= 0);
  CHECK(r.status <= 2);
}

} // namespace

// ---------------------------------------------------------------------------
// Exit status and --fail-level
// ---------------------------------------------------------------------------

TEST_CASE("lint exits 0 when nothing reaches the fail level and 1 when something does", "[e2e][exit]") {
  TempDir dir;
  dir.write("clean/Dockerfile", kClean);
  dir.write("bad/Dockerfile", kWc302);
  const RunOptions at{dir.path()};

  const RunResult clean = run_cli("lint --no-config --host ltsc2022 clean", at);
  INFO(describe(clean));
  CHECK(clean.status == 0);
  CHECK(clean.out == "No problems found in 1 file.\n");
  CHECK(clean.err.empty());

  const RunResult bad = run_cli("lint --no-config --host ltsc2022 bad", at);
  INFO(describe(bad));
  CHECK(bad.status == 1);
  CHECK(contains(bad.out, "bad/Dockerfile:1:43: error[WC302] "));
  CHECK(contains(bad.out, "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file.\n"));
  CHECK(bad.err.empty());
}

TEST_CASE("lint --fail-level error|warning|info|none", "[e2e][exit]") {
  TempDir dir;
  dir.write("error/Dockerfile", kWc302);
  dir.write("warning/Dockerfile", kWarning);
  dir.write("info/Dockerfile", kInfo);
  const RunOptions at{dir.path()};
  struct Case {
    std::string file, host, level;
    int status;
  };
  const std::vector<Case> cases = {
      {"error", "ltsc2022", "", 1},        {"error", "ltsc2022", "error", 1},
      {"error", "ltsc2022", "warning", 1}, {"error", "ltsc2022", "info", 1},
      {"error", "ltsc2022", "none", 0},    {"warning", "ltsc2022", "", 0},
      {"warning", "ltsc2022", "error", 0}, {"warning", "ltsc2022", "warning", 1},
      {"warning", "ltsc2022", "info", 1},  {"warning", "ltsc2022", "none", 0},
      {"info", "ltsc2025", "", 0},         {"info", "ltsc2025", "error", 0},
      {"info", "ltsc2025", "warning", 0},  {"info", "ltsc2025", "info", 1},
      {"info", "ltsc2025", "none", 0},
  };
  for (const Case &c : cases) {
    const std::string level = c.level.empty() ? "" : " --fail-level " + c.level;
    const RunResult r = run_cli("lint --no-config --host " + c.host + level + " " + c.file, at);
    INFO(c.file << " with fail level '" << c.level << "'\n" << describe(r));
    CHECK(r.status == c.status);
    CHECK(contains(r.out, "Found 1 problem"));
  }
  SECTION("an unknown fail level is a usage error") {
    const RunResult r = run_cli("lint --no-config --fail-level fatal error", at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("lint: a path that does not exist is exit 2 with a message, and other paths are still linted",
          "[e2e][exit]") {
  TempDir dir;
  dir.write("good.Dockerfile", kNeighbour);
  const RunOptions at{dir.path()};

  const RunResult only = run_cli("lint --no-config no/such/Dockerfile", at);
  INFO(describe(only));
  CHECK(only.status == 2);
  CHECK(contains(only.err, "no/such/Dockerfile"));
  CHECK(contains(only.err, "no such file"));

  const RunResult mixed = run_cli("lint --no-config missing.Dockerfile good.Dockerfile", at);
  INFO(describe(mixed));
  CHECK(mixed.status == 2);
  CHECK(contains(mixed.err, "missing.Dockerfile"));
  CHECK(contains(mixed.out, kNeighbourFinding));
}

TEST_CASE("lint --host: every documented name is accepted, and an unknown one is exit 2 listing the names",
          "[e2e][host]") {
  TempDir dir;
  dir.write("Dockerfile", kClean);
  const RunOptions at{dir.path()};
  // docs/usage.md --host
  const std::vector<std::string> accepted = {"ltsc2016",    "ltsc2019",       "1809",          "20H2",
                                             "ltsc2022",    "23H2",           "ltsc2025",      "Windows2019",
                                             "Windows2022", "Windows2025",    "WindowsAnnual", "win11-22h2",
                                             "10.0.20348",  "10.0.20348.2113"};
  for (const auto &host : accepted) {
    const RunResult r = run_cli("lint --no-config --host " + host + " Dockerfile", at);
    INFO("--host " << host << "\n" << describe(r));
    CHECK(r.status != 2);
    CHECK(r.err.empty());
  }

  const RunResult bad = run_cli("lint --no-config --host ltsc2030 Dockerfile", at);
  INFO(describe(bad));
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "ltsc2030"));
  for (const auto &name : {"ltsc2016", "ltsc2019", "1809", "20H2", "ltsc2022", "23H2", "ltsc2025",
                           "Windows2019", "Windows2022", "Windows2025", "WindowsAnnual", "win11-22h2"}) {
    CHECK(contains(bad.err, name));
  }
  CHECK(contains(bad.err, "10.0.20348"));
  CHECK(bad.out.empty());
}

// ---------------------------------------------------------------------------
// Standard input
// ---------------------------------------------------------------------------

TEST_CASE("lint -: standard input, named by --stdin-filename in every diagnostic", "[e2e][stdin]") {
  RunOptions in;
  in.stdin_text = kWc302;

  const RunResult text =
      run_cli("lint --no-config --host ltsc2022 --stdin-filename docker/web/Dockerfile.windows -", in);
  INFO(describe(text));
  CHECK(text.status == 1);
  CHECK(contains(text.out, "docker/web/Dockerfile.windows:1:43: error[WC302] "));
  CHECK(contains(text.out, "in 1 file."));

  const RunResult json = run_cli(
      "lint --no-config --host ltsc2022 --format json --stdin-filename docker/web/Dockerfile.windows -", in);
  const Json doc = parse_json(json);
  REQUIRE(doc.at("files").size() == 1);
  CHECK(doc["files"][0]["path"] == "docker/web/Dockerfile.windows");
  CHECK(doc["files"][0]["uri"].get<std::string>().ends_with("/docker/web/Dockerfile.windows"));
  CHECK(json_codes(doc) == std::vector<std::string>{"WC302"});
  CHECK(json.status == 1);

  SECTION("without --stdin-filename the file is called -") {
    const RunResult r = run_cli("lint --no-config --host ltsc2022 -", in);
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "-:1:43: error[WC302] "));
  }
  SECTION("bad bytes on standard input are WC902 under the given name") {
    RunOptions utf16;
    utf16.stdin_text = std::string("\xFF\xFE", 2);
    for (char c : std::string("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n")) {
      utf16.stdin_text += c;
      utf16.stdin_text += '\0';
    }
    const RunResult r = run_cli("lint --no-config --stdin-filename editor/Dockerfile -", utf16);
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "editor/Dockerfile:1:1: error[WC902] "));
    CHECK(contains(r.out, "UTF-16"));
  }
}

// ---------------------------------------------------------------------------
// --select / --ignore
// ---------------------------------------------------------------------------

TEST_CASE("lint --select and --ignore take codes and prefixes", "[e2e][select]") {
  TempDir dir;
  dir.write("Dockerfile", kRetired); // WC104 + WC302
  const RunOptions at{dir.path()};
  const std::string base = "lint --no-config --host ltsc2022 " + kToday + " --format json ";
  struct Case {
    std::string options;
    std::vector<std::string> codes;
    int status;
  };
  const std::vector<Case> cases = {
      {"", {"WC104", "WC302"}, 1},
      {"--select WC104", {"WC104"}, 0},
      {"--select WC3", {"WC302"}, 1},
      {"--select wc3", {"WC302"}, 1},
      {"--select WC104,WC302", {"WC104", "WC302"}, 1},
      {"--select WC1", {"WC104"}, 0},
      {"--ignore WC302", {"WC104"}, 0},
      {"--ignore WC3,WC104", {}, 0},
      {"--ignore WC", {}, 0},
      {"--select WC1 --ignore WC104", {}, 0},
      {"--select WC9", {}, 0},
  };
  for (const Case &c : cases) {
    const RunResult r = run_cli(base + c.options + " Dockerfile", at);
    INFO(c.options << "\n" << describe(r));
    const Json doc = parse_json(r);
    CHECK(json_codes(doc) == c.codes);
    CHECK(r.status == c.status);
    // A file whose findings are all filtered out still appears (json-output.md).
    CHECK(json_paths(doc) == std::vector<std::string>{"Dockerfile"});
  }
}

// ---------------------------------------------------------------------------
// .wincompat.yaml
// ---------------------------------------------------------------------------

TEST_CASE("config: .wincompat.yaml is found from the current directory upward, up to the repository root",
          "[e2e][config]") {
  TempDir dir; // dir/.git marks the repository root
  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  dir.write("Dockerfile", kWc302);
  dir.write("src/web/Dockerfile", kWc302);

  SECTION("in the current directory") {
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "Dockerfile:1:43: error[WC302] "));
    CHECK(contains(r.out, "host ltsc2022"));
  }
  SECTION("with no path: the current directory is walked") {
    const RunResult r = run_cli("lint", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "\nsrc/web/Dockerfile:1:43: error[WC302] "));
    CHECK(contains(r.out, "in 2 files."));
  }
  SECTION("in a parent directory") {
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir / "src/web"});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "Dockerfile:1:43: error[WC302] "));
  }
  SECTION("--no-config ignores it") {
    const RunResult r = run_cli("lint --no-config Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 0);
    // No host anywhere: only the notice that pairing was not checked.
    CHECK(contains(r.out, "Dockerfile:1:6: info[WC906] "));
    CHECK(contains(r.out, "(0 errors, 0 warnings, 1 info)"));
  }
  SECTION("not above the repository root") {
    dir.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    dir.write("repo/Dockerfile", kWc302);
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir / "repo"});
    INFO(describe(r));
    CHECK(r.status == 0);
    CHECK(contains(r.out, "Dockerfile:1:6: info[WC906] "));
    CHECK(contains(r.out, "(0 errors, 0 warnings, 1 info)"));
  }
}

TEST_CASE("config: --config FILE names the config, instead of the nearest .wincompat.yaml", "[e2e][config]") {
  TempDir dir;
  dir.write(".wincompat.yaml", "hosts: [ltsc2019]\n"); // must lose to --config
  dir.write("conf/ci.yaml", "hosts: [ltsc2022]\n");
  dir.write("Dockerfile", kWc302);
  const RunResult r = run_cli("lint --config conf/ci.yaml Dockerfile", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 1);
  CHECK(contains(r.out, "Dockerfile:1:43: error[WC302] "));
  CHECK(contains(r.out, "host ltsc2022"));
  CHECK(contains(r.out, "in 1 file."));

  SECTION("a --config file that does not exist is exit 2") {
    const RunResult missing = run_cli("lint --config conf/nope.yaml Dockerfile", RunOptions{dir.path()});
    INFO(describe(missing));
    CHECK(missing.status == 2);
    CHECK(contains(missing.out + missing.err, "nope.yaml"));
  }
}

TEST_CASE("config: exclude globs are relative to the config file's own directory", "[e2e][config]") {
  // docs/configuration.md: paths inside it are relative to the file's own directory.
  // With --config conf/ci.yaml, `gen/**` means conf/gen/**, not ./gen/**.
  TempDir dir;
  dir.write("conf/ci.yaml", "exclude: [\"gen/**\"]\n");
  dir.write("Dockerfile", kNeighbour);
  dir.write("gen/Dockerfile", kNeighbour);
  dir.write("conf/gen/Dockerfile", kNeighbour);
  const std::vector<std::string> expected = {"Dockerfile", "gen/Dockerfile"};
  const RunResult r = run_cli("lint --config conf/ci.yaml --format json .", RunOptions{dir.path()});
  CHECK(json_paths(parse_json(r)) == expected);

  dir.write("conf/ci.yaml", "exclude: [\"../gen/**\"]\n");
  const RunResult up = run_cli("lint --config conf/ci.yaml --format json .", RunOptions{dir.path()});
  CHECK(json_paths(parse_json(up)) == std::vector<std::string>{"Dockerfile", "conf/gen/Dockerfile"});
}

TEST_CASE("config: rules turn codes off and override severities", "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", kRetired); // WC104 warning + WC302 error
  dir.write("framework/Dockerfile", kWarning);
  const RunOptions at{dir.path()};

  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\nrules:\n  WC104: off\n  WC302: warning\n");
  const RunResult lowered = run_cli("lint " + kToday + " --format json Dockerfile", at);
  const Json doc = parse_json(lowered);
  REQUIRE(json_codes(doc) == std::vector<std::string>{"WC302"});
  CHECK(doc["files"][0]["diagnostics"][0]["severity"] == 2);
  CHECK(doc["summary"]["warning"] == 1);
  CHECK(doc["summary"]["error"] == 0);
  CHECK(lowered.status == 0);

  const RunResult text = run_cli("lint " + kToday + " Dockerfile", at);
  INFO(describe(text));
  CHECK(contains(text.out, "Dockerfile:1:43: warning[WC302] "));
  CHECK_FALSE(contains(text.out, "WC104"));

  dir.write(".wincompat.yaml", "rules: {WC102: error, wc104: info}\n");
  const RunResult raised = run_cli("lint framework/Dockerfile", at);
  INFO(describe(raised));
  CHECK(contains(raised.out, "framework/Dockerfile:1:49: error[WC102] "));
  CHECK(raised.status == 1);
}

TEST_CASE("config: failLevel, and --fail-level wins over it", "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", kWarning);
  dir.write(".wincompat.yaml", "failLevel: warning\n");
  const RunOptions at{dir.path()};
  const RunResult from_config = run_cli("lint Dockerfile", at);
  INFO(describe(from_config));
  CHECK(from_config.status == 1);
  const RunResult from_cli = run_cli("lint --fail-level error Dockerfile", at);
  INFO(describe(from_cli));
  CHECK(from_cli.status == 0);
  dir.write(".wincompat.yaml", "failLevel: none\n");
  dir.write("Dockerfile", kWc302);
  const RunResult none = run_cli("lint --host ltsc2022 Dockerfile", at);
  INFO(describe(none));
  CHECK(contains(none.out, "error[WC302]"));
  CHECK(none.status == 0);
}

TEST_CASE("config: hosts, and --host wins over them", "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", kClean); // servercore:ltsc2022
  dir.write(".wincompat.yaml", "hosts: [ltsc2019]\n");
  const RunOptions at{dir.path()};
  const RunResult from_config = run_cli("lint Dockerfile", at);
  INFO(describe(from_config));
  CHECK(contains(from_config.out, "Dockerfile:1:43: error[WC301] "));
  CHECK(from_config.status == 1);
  const RunResult from_cli = run_cli("lint --host ltsc2022 Dockerfile", at);
  INFO(describe(from_cli));
  CHECK(from_cli.status == 0);

  dir.write(".wincompat.yaml", "hosts: [ltsc2022, 23H2]\n");
  dir.write("Dockerfile", kWc302);
  const RunResult both = run_cli("lint --format json Dockerfile", at);
  const Json doc = parse_json(both);
  CHECK(json_codes(doc) == std::vector<std::string>{"WC302", "WC303"});
}

TEST_CASE("config: buildArgs, and --build-arg wins over them", "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", "ARG TAG\nFROM mcr.microsoft.com/windows/servercore:${TAG}\n"
                          "RUN powershell -Command Get-ComputerInfo\n");
  const RunOptions at{dir.path()};

  const RunResult unresolved = run_cli("lint --no-config --host ltsc2022 Dockerfile", at);
  INFO(describe(unresolved));
  CHECK(contains(unresolved.out, "Dockerfile:2:43: warning[WC103] "));
  CHECK(contains(unresolved.out, "--build-arg TAG="));

  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\nbuildArgs:\n  TAG: ltsc2019\n");
  const RunResult from_config = run_cli("lint Dockerfile", at);
  INFO(describe(from_config));
  CHECK(contains(from_config.out, "Dockerfile:2:43: error[WC302] "));
  CHECK(from_config.status == 1);

  const RunResult from_cli = run_cli("lint --build-arg TAG=ltsc2022 Dockerfile", at);
  INFO(describe(from_cli));
  CHECK(from_cli.out == "No problems found in 1 file.\n");
  CHECK(from_cli.status == 0);

  const RunResult cli_only = run_cli("lint --no-config --host ltsc2022 --build-arg TAG=1809 Dockerfile", at);
  INFO(describe(cli_only));
  CHECK(contains(cli_only.out, "Dockerfile:2:43: error[WC302] "));

  const RunResult malformed = run_cli("lint --no-config --build-arg TAG Dockerfile", at);
  INFO(describe(malformed));
  CHECK(malformed.status == 2);
  CHECK(contains(malformed.err, "NAME=VALUE"));
}

TEST_CASE("config: exclude skips matching paths while walking", "[e2e][config]") {
  TempDir dir;
  dir.write(".wincompat.yaml", "exclude: [\"charts/*/templates/**\", \"third_party\"]\n");
  dir.write("Dockerfile", kNeighbour);
  dir.write("charts/web/templates/Dockerfile", kNeighbour);
  dir.write("charts/web/Dockerfile", kNeighbour);
  dir.write("third_party/x/Dockerfile", kNeighbour);
  const RunResult r = run_cli("lint --format json .", RunOptions{dir.path()});
  const Json doc = parse_json(r);
  CHECK(json_paths(doc) == std::vector<std::string>{"Dockerfile", "charts/web/Dockerfile"});
  CHECK(r.status == 1);
}

TEST_CASE("config: an unknown key, a wrong type or a bad value is WC903 with line and column, exit 2",
          "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", kClean);
  const RunOptions at{dir.path()};
  struct Case {
    std::string yaml;
    std::string position;     // 1-based line:col in the text output
    uint32_t line, character; // 0-based in JSON
    std::string word;         // named in the message
  };
  const std::vector<Case> cases = {
      {"hosts: [ltsc2022]\nhost: [ltsc2022]\n", ":2:1: error[WC903] ", 1, 0, "host"},
      {"hosts: {a: 1}\n", ":1:8: error[WC903] ", 0, 7, "hosts"},
      {"failLevel: warning\nrules:\n  WC104: sometimes\n", ":3:10: error[WC903] ", 2, 9, "sometimes"},
      {"failLevel: loud\n", ":1:12: error[WC903] ", 0, 11, "loud"},
      {"rules: [WC104]\n", ":1:8: error[WC903] ", 0, 7, "rules"},
      {"hosts:\n  - ltsc2022\n  - ltsc2030\n", ":3:5: error[WC903] ", 2, 4, "ltsc2030"},
  };
  for (const Case &c : cases) {
    dir.write(".wincompat.yaml", c.yaml);
    const RunResult text = run_cli("lint Dockerfile", at);
    INFO("config:\n" << c.yaml << describe(text));
    CHECK(text.status == 2);
    CHECK(contains(text.out, ".wincompat.yaml" + c.position));
    CHECK(contains(text.out, c.word));

    const RunResult json = run_cli("lint --format json Dockerfile", at);
    INFO(describe(json));
    CHECK(json.status == 2);
    const Json doc = parse_json(json);
    REQUIRE(json_codes(doc).size() >= 1);
    const Json &d = doc["files"][0]["diagnostics"][0];
    CHECK(d["code"] == "WC903");
    CHECK(d["severity"] == 1);
    CHECK(d["range"]["start"]["line"] == c.line);
    CHECK(d["range"]["start"]["character"] == c.character);
    CHECK(doc["files"][0]["path"].get<std::string>().ends_with(".wincompat.yaml"));
  }
  SECTION("--config with an error, and YAML that does not parse") {
    dir.write("bad.yaml", "hosts: [ltsc2022\n");
    const RunResult r = run_cli("lint --config bad.yaml Dockerfile", at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, "bad.yaml:"));
    CHECK(contains(r.out, "error[WC903]"));
  }
}

// ---------------------------------------------------------------------------
// Walking directories
// ---------------------------------------------------------------------------

TEST_CASE("lint walks directories: Dockerfile names only, .git skipped, sorted", "[e2e][walk]") {
  TempDir dir;
  for (const std::string name :
       {"Dockerfile", "Containerfile", "api.Dockerfile", "web.dockerfile", "Dockerfile.windows",
        "Dockerfile_windows", "sub/Dockerfile", "sub/deeper/Containerfile", "b/Dockerfile", "a/Dockerfile",
        "Z/Dockerfile"}) {
    dir.write(name, kClean);
  }
  for (const std::string name : {".git/Dockerfile", ".git/modules/x/Dockerfile", "README.md", "notes.txt",
                                 "MyDockerfile", "Dockerfiles", "build.sh", "dockerfiles/readme.txt"}) {
    dir.write(name, kNeighbour);
  }
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --format json .", RunOptions{dir.path()});
  INFO(describe(r));
  const Json doc = parse_json(r);
  const std::vector<std::string> expected = {"Containerfile",      "Dockerfile",
                                             "Dockerfile.windows", "Dockerfile_windows",
                                             "Z/Dockerfile",       "a/Dockerfile",
                                             "api.Dockerfile",     "b/Dockerfile",
                                             "sub/Dockerfile",     "sub/deeper/Containerfile",
                                             "web.dockerfile"};
  CHECK(json_paths(doc) == expected);
  CHECK(doc["summary"]["files"] == expected.size());
  CHECK(r.status == 0);

  SECTION("a directory argument keeps its spelling in paths") {
    const RunResult sub =
        run_cli("lint --no-config --host ltsc2022 --format json sub", RunOptions{dir.path()});
    CHECK(json_paths(parse_json(sub)) ==
          std::vector<std::string>{"sub/Dockerfile", "sub/deeper/Containerfile"});
  }
  SECTION("files named on the command line keep their order, whatever their names") {
    dir.write("notes.txt", kWc302);
    const RunResult named =
        run_cli("lint --no-config --host ltsc2022 --format json web.dockerfile notes.txt Containerfile",
                RunOptions{dir.path()});
    const Json named_doc = parse_json(named);
    CHECK(json_paths(named_doc) == std::vector<std::string>{"web.dockerfile", "notes.txt", "Containerfile"});
    CHECK(json_codes(named_doc, "notes.txt") == std::vector<std::string>{"WC302"});
  }
}

TEST_CASE("lint output is byte-identical for --jobs 1 and --jobs 2 over 200 Dockerfiles", "[e2e][jobs]") {
  TempDir dir;
  const std::vector<std::string> tags = {":ltsc2019", ":ltsc2022", ":1809", ":2004",     ":20H2",
                                         ":ltsc2016", ":latest",   "",      ":ltsc2021", ":ltsc2025"};
  for (int i = 0; i < 200; ++i) {
    const std::string folder = "d" + std::to_string(i % 7) + "/s" + std::to_string(i % 3) + "/";
    std::string text = "FROM mcr.microsoft.com/windows/servercore" +
                       tags[static_cast<size_t>(i) % tags.size()] + " AS stage" + std::to_string(i) +
                       "\nRUN echo " + std::to_string(i) + "\n";
    if (i % 13 == 0) {
      text += "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8.1\nCOPY --from=stage" + std::to_string(i) +
              " C:/app C:/app\n";
    }
    if (i % 17 == 0) {
      text += "RUNN typo\n";
    }
    const std::string name = i % 2 ? "Dockerfile." + std::to_string(i) : std::to_string(i) + ".Dockerfile";
    dir.write(folder + name, text);
  }
  const RunOptions at{dir.path()};
  const std::string base = "lint --no-config --host ltsc2022 " + kToday;
  for (const std::string format : {"text", "json"}) {
    const RunResult one = run_cli(base + " --format " + format + " --jobs 1 .", at);
    const RunResult two = run_cli(base + " --format " + format + " --jobs 2 .", at);
    const RunResult many = run_cli(base + " --format " + format + " -j 8 .", at);
    INFO(format << "\n" << describe(one));
    CHECK(one.status == 1);
    CHECK(two.status == one.status);
    CHECK(many.status == one.status);
    CHECK(one.out == two.out);
    CHECK(one.out == many.out);
    CHECK(one.err == two.err);
    if (format == "json") {
      const Json doc = parse_json(one);
      CHECK(doc["files"].size() == 200);
      std::vector<std::string> paths = json_paths(doc);
      CHECK(std::is_sorted(paths.begin(), paths.end()));
    } else {
      CHECK((contains(one.out, "(200 checked).\n") || contains(one.out, "in 200 files.\n")));
    }
  }
}

// ---------------------------------------------------------------------------
// Color
// ---------------------------------------------------------------------------

TEST_CASE("text output: no escape sequences off a terminal or with NO_COLOR, and --color always has them",
          "[e2e][color]") {
  TempDir dir;
  dir.write("Dockerfile", kWc302);
  RunOptions at{dir.path()};
  const std::string base = "lint --no-config --host ltsc2022 ";

  const RunResult piped = run_cli(base + "Dockerfile", at);
  CHECK_FALSE(contains(piped.out, "\x1b"));
  CHECK(contains(piped.out, "error[WC302]"));

  const RunResult never = run_cli(base + "--color never Dockerfile", at);
  CHECK_FALSE(contains(never.out, "\x1b"));

  const RunResult always = run_cli(base + "--color always Dockerfile", at);
  CHECK(contains(always.out, "\x1b["));
  CHECK(always.status == 1);

  at.env = "NO_COLOR=1";
  const RunResult no_color = run_cli(base + "--color auto Dockerfile", at);
  CHECK_FALSE(contains(no_color.out, "\x1b"));

  SECTION("on a terminal (through script(1)) color follows NO_COLOR") {
    if (::access("/usr/bin/script", X_OK) != 0) {
      WARN("script(1) not available: terminal color not checked");
      return;
    }
    const std::string inner = sh_quote(binary()) + " lint --no-config --host ltsc2022 Dockerfile";
    const std::string tty =
        shell_output("cd " + sh_quote(dir.path().string()) + " && unset NO_COLOR; timeout 30 script -qec " +
                     sh_quote(inner) + " /dev/null </dev/null");
    INFO(tty);
    CHECK(contains(tty, "error"));
    CHECK(contains(tty, "\x1b["));
    const std::string tty_no_color =
        shell_output("cd " + sh_quote(dir.path().string()) + " && timeout 30 script -qec " +
                     sh_quote("NO_COLOR=1 " + inner) + " /dev/null </dev/null");
    INFO(tty_no_color);
    CHECK(contains(tty_no_color, "error[WC302]"));
    CHECK_FALSE(contains(tty_no_color, "\x1b"));
  }
}

// ---------------------------------------------------------------------------
// JSON shape (json-output.md)
// ---------------------------------------------------------------------------

TEST_CASE("lint --format json follows json-output.md", "[e2e][json]") {
  TempDir dir;
  dir.write("web/Dockerfile", kWc302);
  dir.write("clean/Dockerfile", kClean);
  const RunResult r =
      run_cli("lint --no-config --host ltsc2022 --format json web/Dockerfile clean/Dockerfile",
              RunOptions{dir.path()});
  const Json doc = parse_json(r);
  CHECK(r.status == 1);
  CHECK(doc["version"] == 1);
  CHECK(doc["tool"]["name"] == "wincompat");
  CHECK(doc["tool"]["version"] == WINCOMPAT_VERSION);
  REQUIRE(doc["files"].size() == 2);
  const Json &web = doc["files"][0];
  CHECK(web["path"] == "web/Dockerfile");
  CHECK(web["uri"] == file_uri_prefix(dir.path()) + "web/Dockerfile");
  REQUIRE(web["diagnostics"].size() == 1);
  const Json &d = web["diagnostics"][0];
  CHECK(d["range"] == Json::parse(R"({"start":{"line":0,"character":42},"end":{"line":0,"character":50}})"));
  CHECK(d["severity"] == 1);
  CHECK(d["code"] == "WC302");
  CHECK(d["codeDescription"]["href"].get<std::string>().ends_with("WC302"));
  CHECK(d["source"] == "wincompat");
  CHECK(contains(d["message"].get<std::string>(), "10.0.17763"));
  CHECK(d["data"]["image"] == "mcr.microsoft.com/windows/servercore:ltsc2019");
  CHECK(d["data"]["imageBuild"] == "10.0.17763");
  CHECK(d["data"]["isolation"] == "process");
  CHECK(d["data"]["hosts"][0]["build"] == "10.0.20348");
  REQUIRE(d["data"].contains("fix"));
  CHECK(d["data"]["fix"]["edits"][0]["newText"] == "ltsc2022");
  CHECK(d["data"]["fix"]["edits"][0]["range"] == d["range"]);
  CHECK(doc["files"][1]["path"] == "clean/Dockerfile");
  CHECK(doc["files"][1]["diagnostics"] == Json::array());
  CHECK(doc["summary"] == Json::parse(R"({"files":2,"error":1,"warning":0,"info":0})"));

  SECTION("uri is absolute and percent-encoded; path stays as given") {
    dir.write("my app/caf\xC3\xA9/Dockerfile", kClean);
    const RunResult spaced =
        run_cli("lint --no-config --host ltsc2022 --format json 'my app'", RunOptions{dir.path()});
    const Json spaced_doc = parse_json(spaced);
    REQUIRE(spaced_doc["files"].size() == 1);
    CHECK(spaced_doc["files"][0]["path"] == "my app/caf\xC3\xA9/Dockerfile");
    CHECK(spaced_doc["files"][0]["uri"] == file_uri_prefix(dir.path()) + "my%20app/caf%C3%A9/Dockerfile");
  }
}

TEST_CASE("lint: character offsets count UTF-16 code units on lines with non-ASCII text", "[e2e][json]") {
  // Astral characters (U+1F600) are 2 UTF-16 units and 4 UTF-8 bytes; é is 1 unit and 2 bytes.
  TempDir dir;
  dir.write("Dockerfile",
            "\xEF\xBB\xBF# caf\xC3\xA9\r\n# wincompat ignore=WC\xF0\x9F\x98\x80"
            "01\r\n"
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS \xC3\xA9t\xC3\xA9\xF0\x9F\x98\x80\r\n");
  const RunResult r =
      run_cli("lint --no-config --host ltsc2022 --format json Dockerfile", RunOptions{dir.path()});
  const Json doc = parse_json(r);
  const Json &diags = doc["files"][0]["diagnostics"];
  REQUIRE(diags.size() == 2);
  CHECK(diags[0]["code"] == "WC904");
  CHECK(diags[0]["range"]["start"]["line"] == 1);
  // "# wincompat ignore=WC" (21) + U+1F600 (2) + "01" (2); the CR is not part of the line.
  CHECK(diags[0]["range"]["end"]["character"] == 25);
  CHECK(diags[1]["code"] == "WC901");
  CHECK(diags[1]["range"]["start"] == Json::parse(R"({"line":2,"character":54})"));
  // "été" (3) + U+1F600 (2)
  CHECK(diags[1]["range"]["end"] == Json::parse(R"({"line":2,"character":59})"));
}

// ---------------------------------------------------------------------------
// rules, explain, --version
// ---------------------------------------------------------------------------

namespace {
const std::vector<std::pair<std::string, std::string>> kRuleSeverities = {
    {"WC101", "error"}, {"WC102", "warning"}, {"WC103", "warning"}, {"WC104", "warning"},
    {"WC105", "error"}, {"WC106", "warning"}, {"WC107", "error"},   {"WC301", "error"},
    {"WC302", "error"}, {"WC303", "error"},   {"WC304", "info"},    {"WC305", "info"},
    {"WC901", "error"}, {"WC902", "error"},   {"WC903", "error"},   {"WC904", "warning"}};
} // namespace

TEST_CASE("wincompat rules lists every rule with its default severity and help URL", "[e2e][rules]") {
  const RunResult text = run_cli("rules");
  INFO(describe(text));
  CHECK(text.status == 0);
  for (const auto &[code, severity] : kRuleSeverities) {
    CHECK(contains(text.out, code + "  " + severity));
    CHECK(contains(text.out, "/" + code));
  }

  const RunResult json = run_cli("rules --format json");
  CHECK(json.status == 0);
  const Json list = parse_json(json);
  REQUIRE(list.is_array());
  std::map<std::string, Json> by_code;
  for (const auto &rule : list) {
    by_code[rule.at("code").get<std::string>()] = rule;
  }
  CHECK(by_code.size() == list.size()); // no duplicates
  for (const auto &[code, severity] : kRuleSeverities) {
    INFO(code);
    REQUIRE(by_code.count(code) == 1);
    const Json &rule = by_code[code];
    CHECK(rule["severity"] == severity);
    CHECK_FALSE(rule["title"].get<std::string>().empty());
    const std::string uri = rule["helpUri"].get<std::string>();
    CHECK(uri.starts_with("https://"));
    CHECK(uri.ends_with(code));
  }
  // The Kubernetes rules (docs/rules.md WC2xx): checked when listed.
  const std::vector<std::pair<std::string, std::string>> kubernetes = {
      {"WC201", "error"}, {"WC202", "error"}, {"WC203", "error"}, {"WC204", "warning"}, {"WC205", "warning"},
      {"WC206", "info"},  {"WC207", "error"}, {"WC208", "info"},  {"WC209", "error"},   {"WC210", "error"}};
  for (const auto &[code, severity] : kubernetes) {
    if (by_code.count(code)) {
      INFO(code);
      CHECK(by_code[code]["severity"] == severity);
      CHECK(by_code[code]["helpUri"].get<std::string>().ends_with(code));
    }
  }
}

TEST_CASE("wincompat explain prints the rule's documentation with its examples", "[e2e][rules]") {
  const RunResult r = run_cli("explain WC302");
  INFO(describe(r));
  CHECK(r.status == 0);
  CHECK(contains(r.out, "WC302"));
  CHECK(contains(r.out, "FROM mcr.microsoft.com/windows/servercore:ltsc2019"));
  CHECK(contains(r.out, "FROM mcr.microsoft.com/windows/servercore:ltsc2022"));
  CHECK(contains(r.out, "--host ltsc2022"));
  CHECK(contains(r.out, "# wincompat ignore=WC302"));

  for (const auto &[code, severity] : kRuleSeverities) {
    const RunResult each = run_cli("explain " + code);
    INFO(describe(each));
    CHECK(each.status == 0);
    CHECK(contains(each.out, "## " + code));
    CHECK(contains(each.out, "```"));
  }

  const RunResult unknown = run_cli("explain WC999");
  INFO(describe(unknown));
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "WC999"));
  CHECK(unknown.out.empty());
}

TEST_CASE("every Dockerfile rule's documented example fires, and its fix does not", "[e2e][rules]") {
  // The examples come from `wincompat explain`: the first fenced block fires,
  // the one after "Use instead:" does not, with the options in "(with `...`)".
  for (const auto &[code, severity] : kRuleSeverities) {
    if (code == "WC902" || code == "WC903") {
      continue; // not Dockerfile text
    }
    const RunResult doc = run_cli("explain " + code);
    static const std::regex blocks(
        R"(### Example\n\n```\n([\s\S]*?)\n```\n\nUse instead:\n\n```\n([\s\S]*?)\n```\n\n(?:\(with `([^`]*)`\)\n)?)");
    std::smatch match;
    INFO(code << "\n" << doc.out);
    REQUIRE(std::regex_search(doc.out, match, blocks));
    const std::string options = match[3].matched ? match[3].str() : "";
    for (int which : {1, 2}) {
      RunOptions in;
      in.stdin_text = match[which].str() + "\n";
      const RunResult r = run_cli(
          "lint --no-config " + kToday + " " + options + " --select " + code + " --format json -", in);
      INFO((which == 1 ? "example" : "fix") << ":\n" << in.stdin_text << describe(r));
      const Json lint = parse_json(r);
      const auto codes = json_codes(lint);
      if (which == 1) {
        CHECK(std::count(codes.begin(), codes.end(), code) >= 1);
      } else {
        CHECK(std::count(codes.begin(), codes.end(), code) == 0);
      }
    }
  }
}

TEST_CASE("wincompat --version", "[e2e]") {
  const RunResult r = run_cli("--version");
  INFO(describe(r));
  CHECK(r.status == 0);
  // The version of project() in CMakeLists.txt, then the commit when the
  // build was configured in a git checkout (`git describe`).
  CHECK(r.out == WINCOMPAT_VERSION_LINE "\n");
  const std::string plain = std::string("wincompat ") + WINCOMPAT_VERSION;
  if (std::string(WINCOMPAT_GIT_DESCRIBE).empty()) {
    CHECK(r.out == plain + "\n");
  } else {
    CHECK(r.out == plain + " (git " + WINCOMPAT_GIT_DESCRIBE + ")\n");
  }
}

TEST_CASE("wincompat with no subcommand or an unknown one is a usage error", "[e2e][exit]") {
  const RunResult none = run_cli("");
  INFO(describe(none));
  CHECK(none.status == 2);
  const RunResult unknown = run_cli("frobnicate");
  INFO(describe(unknown));
  CHECK(unknown.status == 2);
  const RunResult bad_option = run_cli("lint --no-such-option .");
  INFO(describe(bad_option));
  CHECK(bad_option.status == 2);
}

// ---------------------------------------------------------------------------
// compat
// ---------------------------------------------------------------------------

TEST_CASE("wincompat compat answers one image/host question", "[e2e][compat]") {
  struct Case {
    std::string args;
    int status;
    std::string code; // "" for compatible / unresolved
    std::string image_build, host_build;
  };
  const std::vector<Case> cases = {
      {"--host ltsc2022 --image mcr.microsoft.com/windows/servercore:ltsc2022", 0, "", "10.0.20348",
       "10.0.20348"},
      {"--host ltsc2022 --image mcr.microsoft.com/windows/servercore:ltsc2019", 1, "WC302", "10.0.17763",
       "10.0.20348"},
      {"--host ltsc2019 --image mcr.microsoft.com/windows/nanoserver:ltsc2022", 1, "WC301", "10.0.20348",
       "10.0.17763"},
      {"--host 23H2 --image mcr.microsoft.com/windows/servercore:ltsc2019", 1, "WC303", "10.0.17763",
       "10.0.25398"},
      {"--host ltsc2025 --image mcr.microsoft.com/windows/servercore:ltsc2022", 0, "WC304", "10.0.20348",
       "10.0.26100"},
      {"--host ltsc2022 --image mcr.microsoft.com/windows/servercore:ltsc2019 --isolation hyperv", 0, "WC305",
       "10.0.17763", "10.0.20348"},
      {"--host ltsc2019 --image 10.0.17763", 0, "", "10.0.17763", "10.0.17763"},
      {"--host ltsc2022 --image 10.0.17763", 1, "WC302", "10.0.17763", "10.0.20348"},
      {"--host Windows2022 --image ltsc2019", 1, "WC302", "10.0.17763", "10.0.20348"},
      {"--host 10.0.20348 --image ltsc2022", 0, "", "10.0.20348", "10.0.20348"},
  };
  for (const Case &c : cases) {
    const RunResult text = run_cli("compat " + c.args);
    INFO(c.args << "\n" << describe(text));
    CHECK(text.status == c.status);
    CHECK(contains(text.out, c.status == 0 ? " runs on " : " does not run on "));
    CHECK(contains(text.out, c.code.empty() ? "compatible" : c.code));
    CHECK(contains(text.out, c.image_build));
    CHECK(contains(text.out, c.host_build));

    const RunResult json = run_cli("compat --format json " + c.args);
    INFO(describe(json));
    CHECK(json.status == c.status);
    const Json out = parse_json(json);
    std::set<std::string> keys;
    for (const auto &item : out.items()) {
      keys.insert(item.key());
    }
    CHECK(keys == std::set<std::string>{"image", "imageBuild", "host", "hostBuild", "isolation", "compatible",
                                        "code", "message"});
    CHECK(out["compatible"] == (c.status == 0));
    CHECK(out["imageBuild"] == c.image_build);
    CHECK(out["hostBuild"] == c.host_build);
    CHECK(out["isolation"] == (contains(c.args, "hyperv") ? "hyperv" : "process"));
    if (c.code.empty()) {
      CHECK(out["code"].is_null());
    } else {
      CHECK(out["code"] == c.code);
    }
    CHECK_FALSE(out["message"].get<std::string>().empty());
  }
}

TEST_CASE("wincompat compat: a HostProcess image runs on any Windows build", "[e2e][compat]") {
  const std::string image =
      "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0";
  for (const std::string host : {"ltsc2019", "ltsc2022", "23H2", "ltsc2025"}) {
    const RunResult r = run_cli("compat --format json --host " + host + " --image " + image);
    INFO(describe(r));
    CHECK(r.status == 0);
    const Json out = parse_json(r);
    CHECK(out["compatible"] == true);
    CHECK(out["code"].is_null());
    CHECK(out["image"] == image);
  }
  const RunResult text = run_cli("compat --host ltsc2022 --image " + image);
  INFO(describe(text));
  CHECK(text.status == 0);
  CHECK(contains(text.out, "HostProcess"));
}

TEST_CASE("wincompat compat: exit 2 when the image or the host cannot be resolved", "[e2e][compat]") {
  for (const std::string args :
       {"--host ltsc2022 --image python:3.12", "--host ltsc2022 --image mcr.microsoft.com/windows/servercore",
        "--host ltsc2022 --image mcr.microsoft.com/dotnet/aspnet:8.0", "--host ltsc2022 --image ltsc2021",
        "--host ltsc2022 --image 23H2", "--host ltsc2030 --image ltsc2022",
        "--host nope --image 10.0.17763"}) {
    const RunResult text = run_cli("compat " + std::string(args));
    INFO(describe(text));
    CHECK(text.status == 2);
    CHECK_FALSE((text.out + text.err).empty());
    const RunResult json = run_cli("compat --format json " + std::string(args));
    INFO(describe(json));
    CHECK(json.status == 2);
    const Json out = parse_json(json);
    CHECK(out["compatible"].is_null());
    CHECK_FALSE(out["message"].get<std::string>().empty());
  }
  const RunResult missing = run_cli("compat --host ltsc2022");
  INFO(describe(missing));
  CHECK(missing.status == 2);
}

// ---------------------------------------------------------------------------
// Bad input: a diagnostic, never a crash, and the neighbours are still linted
// ---------------------------------------------------------------------------

namespace {

std::string utf16(const std::string &ascii, bool little_endian, bool bom) {
  std::string out;
  if (bom) {
    out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  }
  for (char c : ascii) {
    if (little_endian) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

/// Lints `dir/<folder>` (walked) with good.Dockerfile beside the bad file, in
/// text and JSON, and checks the bad file's code and the neighbour's finding.
void check_bad_beside_good(const TempDir &dir, const std::string &folder, const std::string &bad_name,
                           const std::string &code, const std::string &mention = "") {
  dir.write(folder + "/good.Dockerfile", kNeighbour);
  const RunResult text = run_cli("lint --no-config " + folder, RunOptions{dir.path()});
  INFO(describe(text));
  check_no_crash(text);
  CHECK(text.status == 1);
  CHECK(contains(text.out, folder + "/" + kNeighbourFinding));
  CHECK(contains(text.out, folder + "/" + bad_name + ":1:1: error[" + code + "] "));
  if (!mention.empty()) {
    CHECK(contains(text.out, mention));
  }

  const RunResult json = run_cli("lint --no-config --format json " + folder, RunOptions{dir.path()});
  const Json doc = parse_json(json);
  CHECK(json_codes(doc, folder + "/" + bad_name) == std::vector<std::string>{code});
  CHECK(json_codes(doc, folder + "/good.Dockerfile") == std::vector<std::string>{"WC101"});
  CHECK(json.status == 1);

  // Named explicitly, before the good file.
  const RunResult named =
      run_cli("lint --no-config " + folder + "/" + bad_name + " " + folder + "/good.Dockerfile",
              RunOptions{dir.path()});
  INFO(describe(named));
  CHECK(named.status == 1);
  CHECK(contains(named.out, folder + "/" + bad_name + ":1:1: error[" + code + "] "));
  CHECK(contains(named.out, folder + "/" + kNeighbourFinding));
}

} // namespace

TEST_CASE("bad input: a binary file named Dockerfile is WC902", "[e2e][bad-input]") {
  TempDir dir;
  std::string bytes = "\x7F"
                      "ELF\x02\x01\x01";
  for (int i = 0; i < 4096; ++i) {
    bytes += static_cast<char>((i * 131 + 7) & 0xFF);
  }
  dir.write("binary/Dockerfile", bytes);
  check_bad_beside_good(dir, "binary", "Dockerfile", "WC902", "binary");
}

TEST_CASE("bad input: UTF-16 is WC902 naming UTF-16", "[e2e][bad-input]") {
  TempDir dir;
  const std::string text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi\r\n";
  SECTION("little-endian with BOM") {
    dir.write("le-bom/Dockerfile", utf16(text, true, true));
    check_bad_beside_good(dir, "le-bom", "Dockerfile", "WC902", "UTF-16");
  }
  SECTION("little-endian without BOM") {
    dir.write("le/Dockerfile", utf16(text, true, false));
    check_bad_beside_good(dir, "le", "Dockerfile", "WC902", "UTF-16");
  }
  SECTION("big-endian with BOM") {
    dir.write("be-bom/Dockerfile", utf16(text, false, true));
    check_bad_beside_good(dir, "be-bom", "Dockerfile", "WC902", "UTF-16");
  }
  SECTION("big-endian without BOM") {
    dir.write("be/Dockerfile", utf16(text, false, false));
    check_bad_beside_good(dir, "be", "Dockerfile", "WC902", "UTF-16");
  }
}

TEST_CASE("bad input: invalid UTF-8 is WC902", "[e2e][bad-input]") {
  TempDir dir;
  dir.write("latin1/Dockerfile",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL author=\"Jos\xE9\"\n");
  check_bad_beside_good(dir, "latin1", "Dockerfile", "WC902", "UTF-8");
  dir.write("overlong/Dockerfile",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n# \xC0\xAF \xED\xA0\x80\n");
  check_bad_beside_good(dir, "overlong", "Dockerfile", "WC902", "UTF-8");
}

TEST_CASE("bad input: an empty or comments-only Dockerfile is WC901", "[e2e][bad-input]") {
  TempDir dir;
  dir.write("empty/Dockerfile", "");
  check_bad_beside_good(dir, "empty", "Dockerfile", "WC901");
  dir.write("comments/Dockerfile", "# syntax=docker/dockerfile:1\n# nothing here yet\n\n   \n# TODO\n");
  check_bad_beside_good(dir, "comments", "Dockerfile", "WC901");
  dir.write("blank/Dockerfile", "\n\n\r\n  \t \n");
  check_bad_beside_good(dir, "blank", "Dockerfile", "WC901");
}

TEST_CASE("bad input: a directory named Dockerfile", "[e2e][bad-input]") {
  TempDir dir;
  fs::create_directories(dir / "tree/Dockerfile");
  dir.write("tree/Dockerfile/inner.txt", "not a Dockerfile\n");
  dir.write("tree/good.Dockerfile", kNeighbour);

  SECTION("named explicitly: WC902, the other file is still linted") {
    const RunResult r =
        run_cli("lint --no-config tree/Dockerfile tree/good.Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    check_no_crash(r);
    CHECK(r.status == 1);
    CHECK(contains(r.out, "tree/Dockerfile:1:1: error[WC902] "));
    CHECK(contains(r.out, "tree/" + kNeighbourFinding));
  }
  SECTION("inside a walked tree: no crash, the other file is still linted") {
    const RunResult r = run_cli("lint --no-config tree", RunOptions{dir.path()});
    INFO(describe(r));
    check_no_crash(r);
    CHECK(r.status == 1);
    CHECK(contains(r.out, "tree/" + kNeighbourFinding));
  }
}

TEST_CASE("bad input: a 10 MB Dockerfile is linted or reported, quickly, without a crash",
          "[e2e][bad-input]") {
  TempDir dir;
  std::string text = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo start";
  const std::string piece = " \\\n    && echo " + std::string(60, 'x');
  while (text.size() < 10u * 1024 * 1024) {
    text += piece;
  }
  text += "\n";
  dir.write("huge/Dockerfile", text);
  dir.write("huge/good.Dockerfile", kNeighbour);
  const auto start = std::chrono::steady_clock::now();
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --format json huge", RunOptions{dir.path()});
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
  INFO(describe(r));
  check_no_crash(r);
  CHECK(seconds < 20);
  const Json doc = parse_json(r);
  const auto huge = json_codes(doc, "huge/Dockerfile");
  // Either linted (its FROM is WC302 on ltsc2022) or reported as too large.
  CHECK((huge == std::vector<std::string>{"WC302"} || huge == std::vector<std::string>{"WC902"}));
  CHECK(json_codes(doc, "huge/good.Dockerfile") == std::vector<std::string>{"WC101"});

  const RunResult text_run = run_cli("lint --no-config --host ltsc2022 huge", RunOptions{dir.path()});
  check_no_crash(text_run);
  CHECK(contains(text_run.out, "huge/" + kNeighbourFinding));
  CHECK(text_run.out.size() < 64 * 1024); // long source lines are cut, not dumped
}

TEST_CASE("bad input: a 5,000-line continuation parses, and a FROM after it is still checked",
          "[e2e][bad-input]") {
  TempDir dir;
  std::string text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo start";
  for (int i = 0; i < 5000; ++i) {
    text += " \\\n    && echo line" + std::to_string(i);
  }
  text += "\nFROM mcr.microsoft.com/windows/nanoserver\nCOPY --from=build C:/app C:/app\n";
  dir.write("long/Dockerfile", text);
  dir.write("long/good.Dockerfile", kNeighbour);
  const RunResult r = run_cli("lint --no-config --host ltsc2022 long", RunOptions{dir.path()});
  INFO(describe(r).substr(0, 3000));
  check_no_crash(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "long/Dockerfile:5003:6: error[WC101] "));
  CHECK_FALSE(contains(r.out, "WC901"));
  CHECK(contains(r.out, "long/" + kNeighbourFinding));
}

TEST_CASE("bad input: a file over --max-file-size is WC902", "[e2e][bad-input]") {
  TempDir dir;
  dir.write("big/Dockerfile", kWc302 + std::string(4000, '#') + "\n");
  dir.write("big/good.Dockerfile", kNeighbour);
  const RunResult r =
      run_cli("lint --no-config --host ltsc2022 --max-file-size 1000 big", RunOptions{dir.path()});
  INFO(describe(r));
  check_no_crash(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "big/Dockerfile:1:1: error[WC902] "));
  CHECK(contains(r.out, "1000"));
  CHECK_FALSE(contains(r.out, "WC302"));
  CHECK(contains(r.out, "big/" + kNeighbourFinding));

  RunOptions in{dir.path()};
  in.stdin_text = kWc302 + std::string(4000, '#') + "\n";
  const RunResult piped = run_cli("lint --no-config --max-file-size 1000 --stdin-filename Dockerfile -", in);
  INFO(describe(piped));
  CHECK(contains(piped.out, "Dockerfile:1:1: error[WC902] "));
}

TEST_CASE("bad input: symlink loops in a walked tree terminate", "[e2e][bad-input]") {
  TempDir dir;
  dir.write("loops/good.Dockerfile", kNeighbour);
  fs::create_directories(dir / "loops/a/b");
  fs::create_directory_symlink("../..", dir / "loops/a/b/up");
  fs::create_directory_symlink(".", dir / "loops/self");
  fs::create_symlink("x2", dir / "loops/x1");
  fs::create_symlink("x1", dir / "loops/x2");
  fs::create_symlink("Dockerfile.loop", dir / "loops/Dockerfile.loop");
  fs::create_symlink("x1", dir / "loops/Dockerfile");
  RunOptions at{dir.path()};
  at.timeout_seconds = 30;
  const RunResult r = run_cli("lint --no-config loops", at);
  INFO(describe(r));
  check_no_crash(r);
  CHECK(contains(r.out, "loops/" + kNeighbourFinding));

  const RunResult named = run_cli("lint --no-config loops/Dockerfile.loop loops/good.Dockerfile", at);
  INFO(describe(named));
  check_no_crash(named);
  CHECK(contains(named.out + named.err, "loops/Dockerfile.loop"));
  CHECK(contains(named.out, "loops/" + kNeighbourFinding));
}

TEST_CASE("bad input: an unreadable file is WC902", "[e2e][bad-input]") {
  if (::geteuid() == 0) {
    WARN("running as root, which can read a chmod 000 file: not checked");
    return;
  }
  TempDir dir;
  const fs::path secret = dir.write("locked/Dockerfile", kWc302);
  fs::permissions(secret, fs::perms::none);
  fs::create_directories(dir / "locked/private");
  dir.write("locked/private/Dockerfile", kWc302);
  fs::permissions(dir / "locked/private", fs::perms::none);
  dir.write("locked/good.Dockerfile", kNeighbour);
  const RunResult r = run_cli("lint --no-config locked", RunOptions{dir.path()});
  INFO(describe(r));
  check_no_crash(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "locked/Dockerfile:1:1: error[WC902] "));
  CHECK(contains(r.out, "locked/" + kNeighbourFinding));
  const RunResult named = run_cli("lint --no-config locked/Dockerfile", RunOptions{dir.path()});
  INFO(describe(named));
  CHECK(named.status == 1);
  CHECK(contains(named.out, "locked/Dockerfile:1:1: error[WC902] "));
}

TEST_CASE("bad input: terminal escape sequences in a Dockerfile never reach the terminal raw",
          "[e2e][bad-input]") {
  TempDir dir;
  dir.write("esc/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:latest\x1b[31m\n"
                              "LABEL title=\"\x1b]0;pwned\x07\x1b[2J\"\n");
  dir.write("esc/stage.Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS b\x1b[31m\n");
  dir.write("esc/good.Dockerfile", kNeighbour);
  const RunResult text = run_cli("lint --no-config --host ltsc2022 esc", RunOptions{dir.path()});
  INFO(describe(text));
  check_no_crash(text);
  CHECK(text.status == 1);
  CHECK_FALSE(contains(text.out, "\x1b"));
  CHECK_FALSE(contains(text.out, "\x07"));
  CHECK(contains(text.out, "esc/Dockerfile:1:"));
  CHECK(contains(text.out, "esc/" + kNeighbourFinding));

  // The same with --color always: only the tool's own escapes.
  const RunResult colored =
      run_cli("lint --no-config --host ltsc2022 --color always esc", RunOptions{dir.path()});
  CHECK_FALSE(contains(colored.out, "\x1b[31m"));
  CHECK_FALSE(contains(colored.out, "\x1b]"));

  const RunResult json =
      run_cli("lint --no-config --host ltsc2022 --format json esc", RunOptions{dir.path()});
  CHECK_FALSE(contains(json.out, "\x1b"));
  CHECK(contains(json.out, "\\u001b"));
  const Json doc = parse_json(json);
  bool escaped_in_message = false;
  for (const auto &file : doc["files"]) {
    for (const auto &d : file["diagnostics"]) {
      escaped_in_message |= contains(d["message"].get<std::string>(), "\x1b");
    }
  }
  CHECK(escaped_in_message);
  CHECK(json_codes(doc, "esc/good.Dockerfile") == std::vector<std::string>{"WC101"});
}

TEST_CASE("bad input: a caret under text with control characters lines up", "[e2e][bad-input]") {
  // The source line is shown with control characters spelled \x1b (4 columns);
  // the carets under the offending text must be as wide as the text shown.
  TempDir dir;
  dir.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:lt\x1b"
                          "sc2022\n");
  const RunResult r = run_cli("lint --no-config Dockerfile", RunOptions{dir.path()});
  INFO(describe(r));
  std::istringstream lines(r.out);
  std::string line, source, carets;
  while (std::getline(lines, line)) {
    if (line.starts_with("1 | ")) {
      source = line.substr(4);
      std::getline(lines, carets);
      break;
    }
  }
  REQUIRE_FALSE(source.empty());
  REQUIRE(carets.size() > 4);
  carets = carets.substr(4);
  const size_t first = carets.find('^');
  const size_t last = carets.rfind('^');
  REQUIRE(first != std::string::npos);
  // The shown line ends with the offending text (tag or whole reference).
  CHECK(last + 1 == source.size());
}
