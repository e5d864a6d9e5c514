// Charts through the built binary: `wincompat render` prints what
// `helm template` would, `wincompat lint CHART` reports findings at the
// values or template line, --values/--set apply, and chart errors exit 1.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace wincompat::e2e;

namespace {

RunResult in_source(const std::string &args) {
  RunOptions options;
  options.cwd = WINCOMPAT_SOURCE_DIR;
  return run_cli(args, options);
}

const char *const kRealCharts[] = {"prometheus-windows-exporter",      "csi-driver-smb",
                                   "secrets-store-csi-driver",         "aws-ebs-csi-driver",
                                   "csi-secrets-store-provider-azure", "azuredisk-csi-driver"};

} // namespace

TEST_CASE("wincompat render prints real charts as reviewed", "[helm][e2e]") {
  for (const std::string name : kRealCharts) {
    INFO(name);
    const RunResult r = in_source("render tests/charts/" + name + " --values tests/charts/values/" + name +
                                  ".yaml --today 2026-12-04");
    CHECK(r.status == 0);
    CHECK(r.out == slurp(fs::path(WINCOMPAT_SOURCE_DIR) / "tests/charts/expected" / (name + ".yaml")));
  }
}

TEST_CASE("wincompat lint on real charts reports at the values and template lines", "[helm][e2e]") {
  for (const std::string name : kRealCharts) {
    INFO(name);
    const RunResult r = in_source("lint tests/charts/" + name + " --values tests/charts/values/" + name +
                                  ".yaml --today 2026-12-04 --color never");
    CHECK(r.status == 0);
    CHECK(r.out ==
          slurp(fs::path(WINCOMPAT_SOURCE_DIR) / "tests/charts/expected" / (name + ".findings.txt")));
  }
}

TEST_CASE("a chart's finding lands on the values line that set the image", "[helm][e2e]") {
  const RunResult r = in_source("lint tests/charts/fixtures/win-app --host ltsc2022 --today 2026-12-04 "
                                "--color never --format json");
  CHECK(r.status == 1);
  CHECK(contains(r.out, "\"code\": \"WC302\""));
  CHECK(contains(r.out, "tests/charts/fixtures/win-app/values.yaml"));
  CHECK(contains(r.out, "tests/charts/fixtures/win-app/templates/deployment.yaml"));
  // The production values fix the tag but delete the nodeSelector (null):
  // a different finding for that environment.
  const RunResult prod =
      in_source("lint tests/charts/fixtures/win-app --values tests/charts/fixtures/values/prod.yaml "
                "--host ltsc2022 --today 2026-12-04 --color never");
  CHECK(prod.status == 1);
  CHECK(!contains(prod.out, "WC302"));
  CHECK(contains(prod.out, "error[WC201] Deployment/win-app runs Windows image"));
  // --set wins over the values file.
  const RunResult set =
      in_source("render tests/charts/fixtures/win-app --values tests/charts/fixtures/values/prod.yaml "
                "--set image.tag=ltsc2019 --set replicaCount=9");
  CHECK(contains(set.out, "iis:ltsc2019\""));
  CHECK(contains(set.out, "replicas: 9"));
}

TEST_CASE("chart errors are WC910/WC911 at their place, and the rest is still linted", "[helm][e2e]") {
  const RunResult r = in_source("lint tests/charts/fixtures/broken --today 2026-12-04 --color never");
  CHECK(r.status == 1);
  CHECK(contains(r.out,
                 "tests/charts/fixtures/broken/templates/needs-tag.yaml:8:48: warning[WC910] required value "
                 "image.tag is not set: image.tag is required"));
  CHECK(contains(r.out,
                 "tests/charts/fixtures/broken/templates/needs-tag.yaml:8:48: info[WC917] Pod needs-tag"));
  CHECK(contains(r.out,
                 "tests/charts/fixtures/broken/Chart.yaml:5:11: warning[WC910] found in Chart.yaml, but "
                 "missing in charts/ directory: missing-sub"));
  CHECK(contains(r.out, "info[WC911]"));
  // As `helm template`: the chart cannot be rendered, nothing is printed.
  const RunResult render = in_source("render tests/charts/fixtures/broken");
  CHECK(render.status == 1);
  CHECK(!contains(render.out, "# Source:"));
  CHECK(contains(render.err, "required value image.tag is not set"));
  // --partial renders on, the failed actions shown as placeholders.
  const RunResult partial = in_source("render tests/charts/fixtures/broken --partial");
  CHECK(partial.status == 1); // parse-error.yaml is an error
  CHECK(contains(partial.out, "# Source: broken/templates/fine.yaml"));
  CHECK(contains(partial.out, "name: ok-after"));
  CHECK(contains(partial.out, "config: <unknown-"));
  CHECK(contains(partial.out, "image: mcr.microsoft.com/windows/servercore:<unknown-"));
}

TEST_CASE("fixture charts per rule family: findings at the line that decides", "[helm][e2e]") {
  // WC202/WC203: a Linux sidecar image from values, printed through `quote`.
  const RunResult mixed = in_source("lint tests/charts/fixtures/mixed-sidecar --host ltsc2022 --color never");
  CHECK(mixed.status == 1);
  CHECK(contains(mixed.out, "tests/charts/fixtures/mixed-sidecar/values.yaml:4:10: error[WC203]"));
  CHECK(contains(mixed.out, "tests/charts/fixtures/mixed-sidecar/values.yaml:4:10: error[WC202]"));
  CHECK(contains(mixed.out,
                 "note: tests/charts/fixtures/mixed-sidecar/templates/deployment.yaml:21:18: used by "
                 "templates/deployment.yaml"));
  // --set turns the sidecar off (a disabled block): nothing left to report.
  const RunResult off =
      in_source("lint tests/charts/fixtures/mixed-sidecar --set sidecar.enabled=false --host "
                "ltsc2022 --color never");
  CHECK(off.status == 0);
  // WC201: the value that dropped the node selector is a template condition.
  const RunResult anywhere =
      in_source("lint tests/charts/fixtures/mixed-sidecar --set sidecar.enabled=false --set "
                "windowsOnly=false --host ltsc2022 --color never");
  CHECK(contains(anywhere.out, "error[WC201] Deployment/release-name-storefront"));
  // WC209: the template wrote hostProcess itself; hostNetwork came from values.
  const RunResult host = in_source("lint tests/charts/fixtures/hostprocess --color never");
  CHECK(contains(host.out, "tests/charts/fixtures/hostprocess/templates/daemonset.yaml:20:28: error[WC209]"));
  CHECK(in_source("lint tests/charts/fixtures/hostprocess --set hostNetwork=true --color never").status == 0);
}

namespace {

/// A repository holding a copy of the win-app fixture chart and its values.
struct ChartRepo {
  TempDir dir;
  ChartRepo() {
    const fs::path fixtures = fs::path(WINCOMPAT_SOURCE_DIR) / "tests/charts/fixtures";
    fs::copy(fixtures / "win-app", dir / "win-app", fs::copy_options::recursive);
    fs::copy(fixtures / "values", dir / "values", fs::copy_options::recursive);
  }
  RunResult run(const std::string &args) const {
    RunOptions options;
    options.cwd = dir.path();
    return run_cli(args, options);
  }
};

} // namespace

TEST_CASE("lint --fix retags the image in the values file that set the tag", "[helm][e2e][fix]") {
  ChartRepo repo;
  const RunResult diff = repo.run("lint win-app --host ltsc2022 --diff");
  CHECK(contains(diff.out, "-  tag: windowsservercore-ltsc2019"));
  CHECK(contains(diff.out, "+  tag: windowsservercore-ltsc2022"));
  CHECK(contains(diff.out, "values.yaml"));
  const RunResult fix = repo.run("lint win-app --host ltsc2022 --fix --color never");
  CHECK(fix.status == 0);
  CHECK(contains(slurp(repo.dir / "win-app/values.yaml"), "  tag: windowsservercore-ltsc2022\n"));
  CHECK(!contains(slurp(repo.dir / "win-app/templates/deployment.yaml"), "ltsc2022"));
}

TEST_CASE("config charts: entries lint one chart once per environment", "[helm][e2e][config]") {
  ChartRepo repo;
  repo.dir.write(".wincompat.yaml", "charts:\n"
                                    "  - path: win-app\n"
                                    "    name: staging\n"
                                    "  - path: win-app\n"
                                    "    name: production\n"
                                    "    values: [values/prod.yaml]\n"
                                    "    releaseName: shop\n");
  const RunResult r = repo.run("lint . --host ltsc2022 --color never");
  CHECK(r.status == 1);
  CHECK(contains(r.out, "error[WC302]"));
  CHECK(contains(r.out, "(environment staging)"));
  CHECK(contains(r.out, "error[WC201]"));
  CHECK(contains(r.out, "(environment production)"));
}

TEST_CASE("a packaged subchart (charts/NAME-VERSION.tgz) renders with its parent, as helm does",
          "[helm][e2e][archive]") {
  TempDir dir;
  dir.write("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n"
                              "- name: agent\n  version: 2.1.0\n  condition: agent.enabled\n");
  dir.write("app/values.yaml",
            "agent:\n  enabled: true\n  image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
  // The subchart as `helm package` lays it out, with a path over tar's
  // 100-byte name field (a GNU long-name entry).
  const std::string deep = "files/a-rather-long-folder-name-for-configuration/and-another-level-below-it/";
  dir.write("src/agent/Chart.yaml", "apiVersion: v2\nname: agent\nversion: 2.1.0\n");
  dir.write("src/agent/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2022\n");
  dir.write("src/agent/" + deep + "agent-settings.conf", "level=info\n");
  dir.write("src/agent/templates/daemonset.yaml",
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-agent\nspec:\n"
            "  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n"
            "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
            "      - name: agent\n        image: {{ .Values.image }}\n"
            "        args: [{{ .Files.Get \"" +
                deep + "agent-settings.conf\" | trim | quote }}]\n");
  const std::string tar = "tar -C '" + (dir.path() / "src").string() + "' -czf '" +
                          (dir.path() / "app/charts").string() + "/agent-2.1.0.tgz' agent";
  fs::create_directories(dir.path() / "app/charts");
  REQUIRE(std::system(tar.c_str()) == 0);
  fs::remove_all(dir.path() / "src");

  const RunResult render = run_cli("render app", RunOptions{dir.path()});
  INFO(describe(render));
  CHECK(render.status == 0);
  CHECK(contains(render.out, "# Source: app/charts/agent/templates/daemonset.yaml"));
  CHECK(contains(render.out, "name: release-name-agent"));
  CHECK(contains(render.out, "level=info"));
  // The parent's values reach the subchart: the finding is on the parent's line.
  const RunResult lint = run_cli("lint app --host ltsc2022 --color never", RunOptions{dir.path()});
  INFO(describe(lint));
  CHECK(lint.status == 1);
  CHECK(contains(lint.out, "app/values.yaml:3:10: error[WC302]"));
  CHECK(contains(lint.out, "app/charts/agent-2.1.0.tgz/agent/templates/daemonset.yaml"));
  // The subchart's own default is inside the archive: shown there, never edited.
  const RunResult inside =
      run_cli("lint app --host ltsc2019 --set agent.image=null --format json", RunOptions{dir.path()});
  INFO(describe(inside));
  CHECK(contains(inside.out, "app/charts/agent-2.1.0.tgz/agent/values.yaml"));
  CHECK_FALSE(contains(inside.out, "\"fix\""));
  // Disabled by its condition: not rendered.
  CHECK_FALSE(
      contains(run_cli("render app --set agent.enabled=false", RunOptions{dir.path()}).out, "DaemonSet"));
  // Nothing is left behind in the temporary folder.
  const RunResult again = run_cli("render app", RunOptions{dir.path()});
  CHECK(again.out == render.out);
}

TEST_CASE("a damaged packaged subchart is WC910 on the parent, and the parent still renders",
          "[helm][e2e][archive]") {
  TempDir dir;
  dir.write("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n");
  dir.write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
  dir.write("app/charts/agent-2.1.0.tgz", "this is not gzip\n");
  const RunResult r = run_cli("lint app --color never", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 1);
  CHECK(contains(r.out,
                 "app/Chart.yaml:1:1: error[WC910] packaged subchart app/charts/agent-2.1.0.tgz cannot "
                 "be read: not a valid gzip file"));
  // As `helm template`, render fails on the damaged archive; --partial renders the parent.
  CHECK(run_cli("render app", RunOptions{dir.path()}).status == 1);
  CHECK(contains(run_cli("render app --partial", RunOptions{dir.path()}).out, "kind: ConfigMap"));
}

TEST_CASE("render: now is today (or --today / WINCOMPAT_TODAY), and a date that is none is exit 2",
          "[helm][e2e]") {
  TempDir dir;
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  dir.write("c/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                                   "data:\n  built: {{ now | date \"2006-01-02\" | quote }}\n");
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  char today[16];
  std::snprintf(today, sizeof today, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  RunOptions plain{dir.path()};
  plain.env = "-u WINCOMPAT_TODAY";
  CHECK(contains(run_cli("render c", plain).out, std::string("built: \"") + today + "\""));
  CHECK(
      contains(run_cli("render c --today 2026-12-04", RunOptions{dir.path()}).out, "built: \"2026-12-04\""));
  RunOptions from_env{dir.path()};
  from_env.env = "WINCOMPAT_TODAY=2025-01-31";
  CHECK(contains(run_cli("render c", from_env).out, "built: \"2025-01-31\""));
  const RunResult bad = run_cli("render c --today 2026-13-01", RunOptions{dir.path()});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "--today must be a date written YYYY-MM-DD"));
}

TEST_CASE("a `# wincompat ignore=` comment in a values file suppresses the finding shown there",
          "[helm][e2e][suppress]") {
  TempDir dir;
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  dir.write("c/templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n"
                                    "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                                    "  - name: a\n    image: {{ .Values.image }}\n"
                                    "  - name: b\n    image: {{ .Values.other }}\n");
  dir.write("c/values.yaml", "# wincompat ignore=WC302 -- moves to ltsc2022 with the next release\n"
                             "image: mcr.microsoft.com/windows/servercore:ltsc2019\n"
                             "other: \"#x\" # wincompat ignore=WC999\n");
  const RunResult r = run_cli("lint c --host ltsc2022 --color never", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK_FALSE(contains(r.out, "WC302"));
  // A code that does not exist is WC904 in that file, as in any YAML file.
  CHECK(contains(r.out, "c/values.yaml:3:13: warning[WC904]"));
  dir.write("c/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n"
                             "other: mcr.microsoft.com/windows/servercore:ltsc2022\n");
  CHECK(contains(run_cli("lint c --host ltsc2022 --color never", RunOptions{dir.path()}).out,
                 "c/values.yaml:1:8: error[WC302]"));
}

TEST_CASE("lint examples/helm: the chart as each environment deploys it", "[helm][e2e][examples]") {
  RunOptions options;
  options.cwd = fs::path(WINCOMPAT_SOURCE_DIR) / "examples/helm";
  const RunResult r = run_cli("lint . --color never", options);
  INFO(describe(r));
  CHECK(r.status == 1);
  CHECK(contains(r.out,
                 "charts/log-agent/values.yaml:4:8: error[WC301] image "
                 "mcr.microsoft.com/windows/servercore:ltsc2022 (10.0.20348) cannot run on older nodes"));
  CHECK(contains(r.out, "(environment production)"));
  CHECK_FALSE(contains(r.out, "(environment staging)"));
  CHECK(contains(r.out, "note: charts/log-agent/templates/daemonset.yaml:24:18:"));
}

namespace {

/// "path:line CODE" for every `# expect: CODE` comment of a chart fixture: the
/// finding belongs on the next line that is not an expect comment.
std::multiset<std::string> partial_chart_expectations(const std::string &chart) {
  std::multiset<std::string> out;
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(std::string(WINCOMPAT_SOURCE_DIR) + "/" + chart)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
    }
    const std::string rel = std::filesystem::relative(entry.path(), WINCOMPAT_SOURCE_DIR).string();
    for (size_t i = 0; i < lines.size(); ++i) {
      const size_t at = lines[i].find("# expect: ");
      if (at == std::string::npos) {
        continue;
      }
      size_t target = i + 1;
      while (target < lines.size() && lines[target].find("# expect: ") != std::string::npos) {
        ++target;
      }
      out.insert(rel + ":" + std::to_string(target + 1) + " " + lines[i].substr(at + 10, 5));
    }
  }
  return out;
}

} // namespace

TEST_CASE("the partial-rendering chart fixture: every finding where its expect comment says", "[helm][e2e]") {
  const std::string chart = "tests/charts/fixtures/partial";
  const RunResult r = in_source("lint " + chart + " --host ltsc2022 --format json --color never");
  INFO(r.out + r.err);
  std::multiset<std::string> found;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto &file : report.at("files")) {
    for (const auto &diagnostic : file.at("diagnostics")) {
      found.insert(file.at("path").get<std::string>() + ":" +
                   std::to_string(diagnostic.at("range").at("start").at("line").get<int>() + 1) + " " +
                   diagnostic.at("code").get<std::string>());
    }
  }
  CHECK(found == partial_chart_expectations(chart));
}
