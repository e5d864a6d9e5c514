// The code-scanning outputs: `--format sarif` (SARIF 2.1.0), `--format github`
// (workflow-command annotations) and the composite GitHub Action (action.yml).
// tests/e2e/sarif_multitool.sh validates real SARIF with Microsoft's
// Multitool; the goldens in golden_test.cpp pin the exact bytes.
#include "e2e_support.hpp"
#include "reporters/reporters.hpp"
#include "test_support.hpp"

#include "wincompat/rule.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

using namespace wincompat;
using nlohmann::json;

namespace {

std::string sarif_text(const LintResult &result) {
  std::ostringstream out;
  report_sarif(result, out);
  return out.str();
}

json sarif(const LintResult &result) {
  return json::parse(sarif_text(result));
}

std::string github(const LintResult &result) {
  std::ostringstream out;
  report_github(result, out);
  return out.str();
}

LintResult one(FileResult file) {
  LintResult result;
  result.files.push_back(std::move(file));
  return result;
}

LintResult linted(const std::string &text, const std::string &name = "Dockerfile") {
  return one(test::run(text, {"--host", "ltsc2022"}, name));
}

/// A diagnostic at `range`, in a file with no source text.
FileResult bare_file(const std::string &path, std::string code, Severity severity, Range range) {
  FileResult file;
  file.path = path;
  file.uri = file_uri(path);
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.message = "something is wrong";
  d.range = range;
  file.diagnostics.push_back(d);
  return file;
}

const json &result_for(const json &doc, const std::string &code) {
  for (const json &result : doc["runs"][0]["results"]) {
    if (result["ruleId"] == code) {
      return result;
    }
  }
  FAIL("no " << code << " result in " << doc.dump(2));
  throw std::logic_error("unreachable");
}

std::string fingerprint(const json &result) {
  return result["partialFingerprints"]["wincompat/v1"].get<std::string>();
}

const json &region(const json &result) {
  return result["locations"][0]["physicalLocation"]["region"];
}

const json &artifact(const json &result) {
  return result["locations"][0]["physicalLocation"]["artifactLocation"];
}

const std::string kLtsc2019 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n";

} // namespace

TEST_CASE("sarif: the log, the tool and every rule", "[sarif]") {
  const json doc = sarif(LintResult{});
  CHECK(doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  const json &run = doc["runs"][0];
  const json &driver = run["tool"]["driver"];
  CHECK(driver["name"] == "wincompat");
  CHECK(driver["version"] == WINCOMPAT_VERSION);
  CHECK(driver["semanticVersion"] == WINCOMPAT_VERSION);
  CHECK(driver["informationUri"].get<std::string>().starts_with("https://"));
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["results"].is_array());
  CHECK(run["results"].empty());
  REQUIRE(driver["rules"].size() == all_rules().size());
  for (size_t i = 0; i < all_rules().size(); ++i) {
    const RuleMeta &meta = *all_rules()[i].meta;
    const json &rule = driver["rules"][i];
    INFO(meta.code);
    CHECK(rule["id"] == meta.code);
    const std::string name = rule["name"];
    CHECK(std::isupper(static_cast<unsigned char>(name.front())));
    CHECK(name.find('-') == std::string::npos);
    CHECK(rule["shortDescription"]["text"].get<std::string>().ends_with("."));
    CHECK(rule["fullDescription"]["text"].get<std::string>().size() > 20);
    CHECK(rule["help"]["text"].get<std::string>().find(meta.example_good) != std::string::npos);
    CHECK(rule["help"]["markdown"].get<std::string>().find("```") != std::string::npos);
    CHECK(rule["helpUri"] == help_url(meta.code));
    const std::string level = rule["defaultConfiguration"]["level"];
    CHECK(level ==
          (meta.default_severity == Severity::Info ? "note" : std::string(to_string(meta.default_severity))));
  }
}

TEST_CASE("sarif: a result names its rule, level, message and 1-based region", "[sarif]") {
  const LintResult result = linted(kLtsc2019);
  const json doc = sarif(result);
  const json &wc302 = result_for(doc, "WC302");
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"][wc302["ruleIndex"].get<size_t>()]["id"] == "WC302");
  CHECK(wc302["level"] == "error");
  const std::string message = wc302["message"]["text"];
  CHECK(message.starts_with("image mcr.microsoft.com/windows/servercore:ltsc2019"));
  CHECK(message.ends_with("."));
  const Range &range = result.files[0].diagnostics[0].range;
  CHECK(region(wc302)["startLine"] == range.start.line + 1);
  CHECK(region(wc302)["startColumn"] == range.start.character + 1);
  CHECK(region(wc302)["endLine"] == range.end.line + 1);
  CHECK(region(wc302)["endColumn"] == range.end.character + 1);
  CHECK(region(wc302)["startColumn"] == 43); // "ltsc2019" in the FROM line
}

TEST_CASE("sarif: info is a note, and a range over lines keeps both ends", "[sarif]") {
  const json doc = sarif(one(bare_file("Dockerfile", "WC304", Severity::Info, {{2, 5}, {3, 0}})));
  const json &result = result_for(doc, "WC304");
  CHECK(result["level"] == "note");
  CHECK(region(result) == json{{"startLine", 3}, {"startColumn", 6}, {"endLine", 4}, {"endColumn", 1}});
}

TEST_CASE("sarif: columns are UTF-16 code units, as in the LSP ranges", "[sarif]") {
  const std::string text = "# \xF0\x9F\x98\x80 x\n"; // U+1F600 is two UTF-16 code units
  FileResult file;
  file.path = "Dockerfile";
  file.source = std::make_shared<SourceFile>("Dockerfile", text);
  Diagnostic d;
  d.code = "WC904";
  d.severity = Severity::Warning;
  d.message = "x";
  d.span = {7, 8}; // "x"
  d.range = file.source->range(d.span);
  file.diagnostics.push_back(d);
  const json doc = sarif(one(file));
  CHECK(region(result_for(doc, "WC904"))["startColumn"] == 6);
  CHECK(region(result_for(doc, "WC904"))["endColumn"] == 7);
}

TEST_CASE("sarif: paths below the working directory are relative to %SRCROOT%", "[sarif]") {
  LintResult result;
  result.files.push_back(bare_file("sub/a b%.Dockerfile", "WC101", Severity::Error, {}));
  result.files.push_back(bare_file("/nonexistent-wincompat-dir/Dockerfile", "WC102", Severity::Warning, {}));
  const json doc = sarif(result);
  const std::string root = doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  CHECK(root == file_uri(".").substr(0, file_uri(".").find_last_of('/') + 1));
  CHECK(root.starts_with("file:///"));
  CHECK(root.ends_with("/"));
  CHECK(artifact(result_for(doc, "WC101")) ==
        json{{"uri", "sub/a%20b%25.Dockerfile"}, {"uriBaseId", "%SRCROOT%"}});
  CHECK(artifact(result_for(doc, "WC102")) == json{{"uri", "file:///nonexistent-wincompat-dir/Dockerfile"}});
}

TEST_CASE("sarif: related information becomes relatedLocations", "[sarif]") {
  FileResult file = bare_file("deploy.yaml", "WC302", Severity::Error, {{4, 2}, {4, 9}});
  file.diagnostics[0].related.push_back(
      {file_uri("app/Dockerfile"), "app/Dockerfile", {{0, 5}, {0, 20}}, "base image resolved here"});
  const json doc = sarif(one(file));
  const json &related = result_for(doc, "WC302")["relatedLocations"];
  REQUIRE(related.size() == 1);
  CHECK(related[0]["id"] == 1);
  CHECK(related[0]["message"]["text"] == "base image resolved here.");
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"] == "app/Dockerfile");
  CHECK(related[0]["physicalLocation"]["region"]["startColumn"] == 6);
}

TEST_CASE("sarif: a file with no text (WC902) still has a result on line 1", "[sarif]") {
  const std::string utf16("\xFF\xFE"
                          "F\0R\0O\0M\0 \0x\0\n\0",
                          16);
  const LintResult result =
      lint({FileInput{"utf16.Dockerfile", "utf16.Dockerfile", true, utf16}}, test::options_from_words({}));
  REQUIRE(result.files.size() == 1);
  REQUIRE_FALSE(result.files[0].source);
  const json doc = sarif(result);
  const json &wc902 = result_for(doc, "WC902");
  CHECK(region(wc902) == json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 1}, {"endColumn", 1}});
  CHECK(artifact(wc902)["uri"] == "utf16.Dockerfile");
  CHECK_FALSE(fingerprint(wc902).empty());
}

TEST_CASE("sarif: partialFingerprints survive unrelated edits", "[sarif]") {
  const std::string before = fingerprint(result_for(sarif(linted(kLtsc2019)), "WC302"));
  SECTION("lines added above, blanks changed: same fingerprint, other line") {
    const json doc = sarif(linted("# escape=\\\n\n# a comment\nARG UNUSED=1\n\nFROM   "
                                  "mcr.microsoft.com/windows/servercore:ltsc2019  \n"));
    CHECK(region(result_for(doc, "WC302"))["startLine"] == 6);
    CHECK(fingerprint(result_for(doc, "WC302")) == before);
  }
  SECTION("the flagged line changes: another fingerprint") {
    const json doc = sarif(linted("FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS app\n"));
    CHECK(fingerprint(result_for(doc, "WC302")) != before);
  }
  SECTION("another file: another fingerprint") {
    const json doc = sarif(linted(kLtsc2019, "web/Dockerfile"));
    CHECK(fingerprint(result_for(doc, "WC302")) != before);
  }
  SECTION("identical findings in one file are numbered") {
    const std::string untagged = "FROM mcr.microsoft.com/windows/servercore\n";
    const json doc = sarif(linted(untagged + "RUN echo\n" + untagged));
    std::vector<std::string> prints;
    for (const json &result : doc["runs"][0]["results"]) {
      if (result["ruleId"] == "WC101") {
        prints.push_back(fingerprint(result));
      }
    }
    REQUIRE(prints.size() == 2);
    CHECK(prints[0].ends_with(":1"));
    CHECK(prints[1].ends_with(":2"));
    CHECK(prints[0].substr(0, prints[0].size() - 2) == prints[1].substr(0, prints[1].size() - 2));
  }
}

TEST_CASE("sarif: deterministic, skipped files left out, levels are SARIF's", "[sarif]") {
  LintResult result = linted(kLtsc2019 + "FROM mcr.microsoft.com/windows/servercore\n");
  FileResult skipped = bare_file("values.yaml", "WC999", Severity::Error, {});
  skipped.skipped = true;
  result.files.push_back(skipped);
  CHECK(sarif_text(result) == sarif_text(result));
  const json doc = sarif(result);
  for (const json &r : doc["runs"][0]["results"]) {
    CHECK(r["ruleId"] != "WC999");
    CHECK(std::set<std::string>{"error", "warning", "note"}.count(r["level"]) == 1);
  }
}

TEST_CASE("github: workflow-command escaping", "[github]") {
  CHECK(escape_github_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce");
  CHECK(escape_github_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e");
  CHECK(escape_github_data("\x1b[31mred") == "\\x1b[31mred"); // no terminal escapes in CI logs
  CHECK(escape_github_data("tab\tok ü") == "tab\tok ü");
}

TEST_CASE("github: one annotation per diagnostic, 1-based positions", "[github]") {
  LintResult result;
  result.files.push_back(bare_file("./x/../sub/Dockerfile", "WC302", Severity::Error, {{2, 5}, {2, 8}}));
  result.files.push_back(bare_file("a,b:c%.Dockerfile", "WC102", Severity::Warning, {{0, 0}, {1, 0}}));
  result.files.push_back(bare_file("k8s.yaml", "WC304", Severity::Info, {{9, 0}, {9, 4}}));
  result.files[0].diagnostics[0].related.push_back(
      {"", "app/Dockerfile", {{3, 1}, {3, 2}}, "resolved, here"});
  FileResult skipped = bare_file("values.yaml", "WC999", Severity::Error, {});
  skipped.skipped = true;
  result.files.push_back(skipped);
  const std::string expected =
      "::error file=sub/Dockerfile,line=3,col=6,endLine=3,endColumn=9,title=WC302::something is wrong"
      "%0Anote: app/Dockerfile:4:2: resolved, here%0Ahelp: https://wincompat.dev/rules/WC302\n"
      "::warning file=a%2Cb%3Ac%25.Dockerfile,line=1,col=1,endLine=2,endColumn=1,title=WC102::something is "
      "wrong"
      "%0Ahelp: https://wincompat.dev/rules/WC102\n"
      "::notice file=k8s.yaml,line=10,col=1,endLine=10,endColumn=5,title=WC304::something is wrong"
      "%0Ahelp: https://wincompat.dev/rules/WC304\n";
  CHECK(github(result) == expected);
}

TEST_CASE("github: a real lint, and nothing for a clean one", "[github]") {
  const std::string out = github(linted(kLtsc2019, "web/Dockerfile"));
  CHECK(out.starts_with(
      "::error file=web/Dockerfile,line=1,col=43,endLine=1,endColumn=51,title=WC302::image "));
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
  CHECK(github(linted("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n")).empty());
}

// ---------------------------------------------------------------------------
// action.yml

namespace {

namespace fs = std::filesystem;
namespace e2e = wincompat::e2e;

YAML::Node action() {
  return YAML::LoadFile(test::source_dir() + "/action.yml");
}

YAML::Node step_with_id(const YAML::Node &steps, const std::string &id) {
  for (const auto &step : steps) {
    if (step["id"] && step["id"].as<std::string>() == id) {
      return step;
    }
  }
  FAIL("action.yml has no step with id " << id);
  return {};
}

struct StepRun {
  int status = -1;
  std::string out;
  std::string err;
  std::string outputs; // what the step wrote to $GITHUB_OUTPUT
};

/// Runs the action's lint step as the runner would: bash, inputs as INPUT_*
/// variables, in `cwd`, with the built binary.
StepRun run_lint_step(const fs::path &cwd, const std::vector<std::pair<std::string, std::string>> &inputs) {
  const e2e::TempDir scratch(false);
  const fs::path script =
      scratch.write("step.sh", step_with_id(action()["runs"]["steps"], "lint")["run"].as<std::string>());
  std::string env = "WINCOMPAT_BIN=" + e2e::sh_quote(e2e::binary()) +
                    " GITHUB_OUTPUT=" + e2e::sh_quote((scratch / "outputs").string()) +
                    " WINCOMPAT_TODAY=2026-11-23";
  for (const char *name :
       {"PATHS", "FORMAT", "FAIL_LEVEL", "CONFIG", "HOSTS", "ISOLATION", "ARGS", "SARIF_FILE"}) {
    std::string value;
    for (const auto &[key, given] : inputs) {
      value = key == name ? given : value;
    }
    env += std::string(" INPUT_") + name + "=" + e2e::sh_quote(value);
  }
  const std::string command =
      "cd " + e2e::sh_quote(cwd.string()) + " && env " + env + " bash " + e2e::sh_quote(script.string()) +
      " >" + e2e::sh_quote((scratch / "out").string()) + " 2>" + e2e::sh_quote((scratch / "err").string());
  const int raw = std::system(command.c_str());
  StepRun run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = e2e::slurp(scratch / "out");
  run.err = e2e::slurp(scratch / "err");
  run.outputs = e2e::slurp(scratch / "outputs");
  return run;
}

} // namespace

TEST_CASE("action.yml: a composite action with the documented inputs", "[action]") {
  const YAML::Node doc = action();
  CHECK(doc["name"].as<std::string>() == "wincompat");
  CHECK_FALSE(doc["description"].as<std::string>().empty());
  CHECK(doc["runs"]["using"].as<std::string>() == "composite");
  const YAML::Node inputs = doc["inputs"];
  for (const char *name : {"paths", "format", "fail-level", "config", "hosts", "sarif-file", "binary"}) {
    INFO(name);
    REQUIRE(inputs[name]);
    CHECK_FALSE(inputs[name]["description"].as<std::string>().empty());
    CHECK(inputs[name]["default"]);
  }
  CHECK(inputs["paths"]["default"].as<std::string>() == ".");
  CHECK(inputs["format"]["default"].as<std::string>() == "github");
  for (const char *name : {"exit-code", "sarif-file", "version"}) {
    CHECK(doc["outputs"][name]["value"]);
  }
  bool builds = false;
  for (const auto &step : doc["runs"]["steps"]) {
    if (!step["run"]) {
      CHECK(step["uses"].as<std::string>().starts_with("actions/cache@"));
      continue;
    }
    const std::string script = step["run"].as<std::string>();
    CHECK(step["shell"].as<std::string>() == "bash");
    // Inputs reach scripts as environment variables, never as script text.
    CHECK(script.find("${{") == std::string::npos);
    builds =
        builds || script.find("bash \"$GITHUB_ACTION_PATH/scripts/bootstrap.sh\" build") != std::string::npos;
  }
  CHECK(builds);
}

TEST_CASE("action.yml: the lint step runs wincompat with the inputs", "[action]") {
  const e2e::TempDir repo;
  repo.write("src/web/Dockerfile", kLtsc2019);
  repo.write("src/ok/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  repo.write("wincompat config.yaml", "hosts: [ltsc2019]\n");

  SECTION("annotations, hosts split on commas, SARIF written too, exit 1") {
    const StepRun run = run_lint_step(repo.path(), {{"PATHS", "src/web\nsrc/ok"},
                                                    {"FORMAT", "github"},
                                                    {"HOSTS", "ltsc2022, 23H2"},
                                                    {"SARIF_FILE", "out/wincompat.sarif"}});
    INFO(run.out << run.err);
    CHECK(run.status == 1);
    CHECK(run.out.starts_with("::error file=src/web/Dockerfile,line=1,col=43,"));
    CHECK(run.out.find("23H2") != std::string::npos);
    CHECK(run.outputs.find("exit-code=1\n") != std::string::npos);
    CHECK(run.outputs.find("sarif-file=out/wincompat.sarif\n") != std::string::npos);
    const json doc = json::parse(e2e::slurp(repo / "out/wincompat.sarif"));
    CHECK(artifact(result_for(doc, "WC302"))["uri"] == "src/web/Dockerfile");
  }
  SECTION("fail-level none passes; config with a blank in its name") {
    const StepRun run = run_lint_step(
        repo.path(),
        {{"PATHS", "."}, {"FORMAT", "text"}, {"FAIL_LEVEL", "none"}, {"CONFIG", "wincompat config.yaml"}});
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("host ltsc2019") != std::string::npos); // the config's host
    CHECK(run.outputs.find("exit-code=0\n") != std::string::npos);
  }
  SECTION("a usage error is exit 2") {
    const StepRun run =
        run_lint_step(repo.path(), {{"PATHS", "."}, {"FORMAT", "github"}, {"HOSTS", "nonsense"}});
    CHECK(run.status == 2);
    CHECK(run.outputs.find("exit-code=2\n") != std::string::npos);
  }
}
