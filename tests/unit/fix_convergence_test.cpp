// `--fix` converges (issue #17, item 8): a fix never repairs one environment
// by breaking another, a second `--fix` changes nothing, no file or
// environment gains a finding, and info findings are never acted on.
#include "e2e_support.hpp"
#include "test_support.hpp"
#include "text_util.hpp"

#include "wincompat/fix.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace wincompat;
using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

fs::path source_root() {
  return WINCOMPAT_SOURCE_DIR;
}

/// What a finding is about, without its position: a fix may move text.
using FindingKey = std::tuple<std::string, std::string, std::string>; // path, code, environment

std::multiset<FindingKey> finding_keys(const Json &report) {
  std::multiset<FindingKey> keys;
  for (const auto &file : report["files"]) {
    for (const auto &d : file["diagnostics"]) {
      const std::string environment = d.contains("data") && d["data"].contains("environment")
                                          ? d["data"]["environment"].get<std::string>()
                                          : "";
      keys.insert({file["path"].get<std::string>(), d["code"].get<std::string>(), environment});
    }
  }
  return keys;
}

/// The keys in `after` that `before` did not have.
std::vector<std::string> gained(const std::multiset<FindingKey> &before,
                                const std::multiset<FindingKey> &after) {
  std::vector<std::string> out;
  for (const FindingKey &key : std::set<FindingKey>(after.begin(), after.end())) {
    if (!before.count(key)) {
      out.push_back(std::get<0>(key) + " " + std::get<1>(key) +
                    (std::get<2>(key).empty() ? "" : " (environment " + std::get<2>(key) + ")"));
    }
  }
  return out;
}

/// Every regular file under `root` (but `.git`), with its bytes.
std::map<std::string, std::string> snapshot(const fs::path &root) {
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file()) {
      files[fs::relative(it->path(), root).generic_string()] = slurp(it->path());
    }
  }
  return files;
}

Json lint_json(const fs::path &cwd, const std::string &args) {
  RunOptions options;
  options.cwd = cwd;
  const RunResult run = run_cli("lint --format json " + args, options);
  INFO(describe(run));
  REQUIRE(run.status <= 1);
  return Json::parse(run.out);
}

/// Copies `from` into `to` (a fresh repository root).
void copy_tree(const fs::path &from, const fs::path &to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

/// The property over a whole tree linted from `dir` with `args`: after
/// `--fix`, a second `--fix` changes no byte, and no (file, code,
/// environment) appears that was not there before.
void check_fix_converges(const fs::path &dir, const std::string &args) {
  const Json before = lint_json(dir, args);
  RunOptions at;
  at.cwd = dir;
  const RunResult first = run_cli("lint --fix " + args, at);
  INFO(describe(first));
  REQUIRE(first.status <= 1);
  const auto once = snapshot(dir);
  const RunResult second = run_cli("lint --fix " + args, at);
  INFO(describe(second));
  REQUIRE(second.status <= 1);
  CHECK_FALSE(contains(second.err, "fixed"));
  CHECK(snapshot(dir) == once);
  const Json after = lint_json(dir, args);
  const auto new_findings = gained(finding_keys(before), finding_keys(after));
  INFO("gained: " << join(new_findings, ", "));
  CHECK(new_findings.empty());
}

/// The words of a fixture's `# wincompat-test:` lines.
std::vector<std::string> fixture_words(const std::string &text) {
  static const std::regex options(R"(^\s*#\s*wincompat-test:\s*(.*)$)");
  std::vector<std::string> words;
  std::istringstream lines(text);
  std::smatch match;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, match, options)) {
      std::istringstream in(match[1].str());
      for (std::string word; in >> word;) {
        words.push_back(word);
      }
    }
  }
  return words;
}

std::set<std::string> code_set(const FileResult &file) {
  std::set<std::string> codes;
  for (const Diagnostic &d : file.diagnostics) {
    codes.insert(d.code);
  }
  return codes;
}

const std::string kChart = "apiVersion: v2\nname: log-agent\nversion: 1.0.0\n";
const std::string kTemplate =
    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n"
    "    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n"
    "      nodeSelector:\n        {{- toYaml .Values.nodeSelector | nindent 8 }}\n      containers:\n"
    "        - name: agent\n          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n";
const std::string kValues = "image:\n  repository: mcr.microsoft.com/windows/servercore\n  tag: ltsc2022\n"
                            "nodeSelector:\n  kubernetes.io/os: windows\n";
const std::string kProductionValues = "nodeSelector:\n  kubernetes.io/os: windows\n"
                                      "  node.kubernetes.io/windows-build: 10.0.17763\n";

} // namespace

TEST_CASE("lint --fix never retags a shared values line that another environment needs", "[fix][e2e][helm]") {
  TempDir dir;
  dir.write("chart/Chart.yaml", kChart);
  dir.write("chart/templates/daemonset.yaml", kTemplate);
  const std::string values = dir.write("chart/values.yaml", kValues), shared = kValues;
  dir.write("chart/values-staging.yaml", "logLevel: debug\n");
  dir.write("chart/values-production.yaml", kProductionValues);
  dir.write(".wincompat.yaml",
            "hosts: [ltsc2022]\ncharts:\n"
            "  - {path: chart, name: staging, values: [chart/values-staging.yaml]}\n"
            "  - {path: chart, name: production, values: [chart/values-production.yaml]}\n");
  RunOptions at;
  at.cwd = dir.path();
  const RunResult r = run_cli("lint --format json .", at);
  INFO(describe(r));
  const Json report = Json::parse(r.out);
  bool found = false;
  for (const auto &file : report["files"]) {
    for (const auto &d : file["diagnostics"]) {
      if (d["code"] == "WC301") {
        found = true;
        CHECK(file["path"] == "chart/values.yaml");
        CHECK_FALSE(d["data"].contains("fix"));
        const std::string message = d["message"];
        CHECK(contains(message, "no automatic fix: this line is also rendered by environment staging"));
        CHECK(contains(message, "set the value in chart/values-production.yaml, which only this environment "
                                "reads"));
        CHECK_FALSE(contains(message, "use ltsc2019"));
      }
    }
  }
  CHECK(found);
  const RunResult fix = run_cli("lint --fix .", at);
  INFO(describe(fix));
  CHECK(slurp(values) == shared);
  CHECK_FALSE(contains(fix.err, "fixed"));
}

TEST_CASE("lint --fix on a shared values line is kept when every environment wants the same edit",
          "[fix][e2e][helm]") {
  TempDir dir;
  dir.write("chart/Chart.yaml", kChart);
  dir.write("chart/templates/daemonset.yaml", kTemplate);
  const std::string values = dir.write("chart/values.yaml", kValues);
  dir.write("chart/values-a.yaml", kProductionValues);
  dir.write("chart/values-b.yaml", kProductionValues + "logLevel: debug\n");
  dir.write(".wincompat.yaml", "charts:\n  - {path: chart, name: a, values: [chart/values-a.yaml]}\n"
                               "  - {path: chart, name: b, values: [chart/values-b.yaml]}\n");
  RunOptions at;
  at.cwd = dir.path();
  const RunResult fix = run_cli("lint --fix .", at);
  INFO(describe(fix));
  CHECK(contains(slurp(values), "tag: ltsc2019\n"));
  check_fix_converges(dir.path(), ".");
}

TEST_CASE("lint --fix never acts on an info finding (a deliberate Hyper-V pod's WC305)", "[fix][e2e]") {
  TempDir dir;
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: legacy}\nspec:\n"
      "  runtimeClassName: hyperv\n  nodeSelector:\n    kubernetes.io/os: windows\n"
      "  containers:\n  - name: app\n    image: mcr.microsoft.com/windows/servercore:ltsc2019\n"
      "---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: hyperv}\n"
      "handler: runhcs-wcow-hypervisor\n";
  const auto path = dir.write("pod.yaml", pod);
  RunOptions at;
  at.cwd = dir.path();
  const RunResult lint = run_cli("lint --no-config --host ltsc2022 pod.yaml", at);
  INFO(describe(lint));
  REQUIRE(contains(lint.out, "info[WC305]"));
  const RunResult diff = run_cli("lint --no-config --host ltsc2022 --diff pod.yaml", at);
  INFO(describe(diff));
  CHECK(diff.status == 0);
  CHECK(diff.out.empty());
  const RunResult fix = run_cli("lint --no-config --host ltsc2022 --fix pod.yaml", at);
  INFO(describe(fix));
  CHECK_FALSE(contains(fix.err, "fixed"));
  CHECK(slurp(path) == pod);
  // The same pairing raised to a warning is a finding --fix repairs.
  dir.write(".wincompat.yaml", "rules: {WC305: warning}\n");
  const RunResult raised = run_cli("lint --host ltsc2022 --fix pod.yaml", at);
  INFO(describe(raised));
  CHECK(contains(raised.err, "fixed 1 problem"));
  CHECK(contains(slurp(path), "servercore:ltsc2022"));
}

TEST_CASE("property: --fix converges on every fixture, every example and the whole-repository tree",
          "[fix][property][e2e]") {
  SECTION("every fixture, with its own options") {
    size_t fixed = 0;
    for (const auto &entry : fs::recursive_directory_iterator(source_root() / "tests/fixtures")) {
      const std::string folder = entry.path().parent_path().filename().string();
      if (!entry.is_regular_file() || folder.starts_with("_")) {
        continue;
      }
      const std::string bytes = test::read_file(entry.path().string());
      const std::string name = entry.path().filename().string();
      const LintOptions options =
          test::options_from_words(fixture_words(bytes), entry.path().parent_path().string());
      const FileResult before = lint_text(name, bytes, options);
      const auto once = apply_fixes(before);
      if (!once) {
        continue;
      }
      ++fixed;
      INFO(fs::relative(entry.path(), source_root()).string() << "\nafter --fix:\n" << *once);
      const FileResult after = lint_text(name, *once, options);
      CHECK_FALSE(apply_fixes(after)); // a second --fix changes nothing
      std::vector<std::string> new_codes;
      const std::set<std::string> had = code_set(before);
      for (const std::string &code : code_set(after)) {
        if (!had.count(code)) {
          new_codes.push_back(code);
        }
      }
      INFO("gained: " << join(new_codes, ", "));
      CHECK(new_codes.empty());
    }
    CHECK(fixed > 10); // the property was exercised
  }
  for (const std::string example : {"dockerfiles", "helm", "k8s", "kustomize"}) {
    DYNAMIC_SECTION("examples/" << example) {
      TempDir dir;
      copy_tree(source_root() / "examples", dir / "examples");
      check_fix_converges(dir / "examples" / example, ".");
    }
  }
  SECTION("examples/dockerfiles against a 2022 host") {
    TempDir dir;
    copy_tree(source_root() / "examples", dir / "examples");
    check_fix_converges(dir / "examples/dockerfiles", "--host ltsc2022 .");
  }
  SECTION("tests/e2e/windows-infra") {
    TempDir dir;
    copy_tree(source_root() / "tests/e2e/windows-infra", dir / "windows-infra");
    check_fix_converges(dir / "windows-infra", "--host ltsc2022 .");
  }
}
