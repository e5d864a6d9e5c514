// Configuration follows the file (docs/configuration.md "Where it is found"):
// each linted file uses the nearest .wincompat.yaml above it, `extend:` pulls
// in a parent's keys, paths that name nothing usable are WC903 at their line,
// an inventory alone is also the Dockerfiles' target, and kustomize's load
// restrictor is an option and a config key.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace wincompat;
using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

// WC302 (error) on a ltsc2022 host, nothing on a ltsc2019 one.
const std::string kServercore2019 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";

/// Every (path, code) the JSON output of a run reports.
std::set<std::pair<std::string, std::string>> findings(const RunResult &r) {
  std::set<std::pair<std::string, std::string>> out;
  const Json doc = Json::parse(r.out);
  for (const auto &file : doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      out.emplace(file.at("path").get<std::string>(), d.at("code").get<std::string>());
    }
  }
  return out;
}

/// A Windows Server 2022 node, as `kubectl get nodes -o yaml` lists it.
const std::string kNodes2022 = R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: akswin22000000
    labels: {kubernetes.io/os: windows, agentpool: win22}
  status:
    nodeInfo: {operatingSystem: windows, kernelVersion: 10.0.20348.2113}
)";

} // namespace

TEST_CASE("config scopes: each file uses the nearest .wincompat.yaml, whatever the argument order",
          "[e2e][config]") {
  TempDir dir;
  dir.write("prod/.wincompat.yaml", "hosts: [ltsc2022]\n");
  dir.write("prod/Dockerfile", kServercore2019);
  dir.write("legacy/.wincompat.yml", "hosts: [ltsc2019]\n"); // the .yml spelling counts too
  dir.write("legacy/Dockerfile", kServercore2019);
  const std::set<std::pair<std::string, std::string>> expected = {{"prod/Dockerfile", "WC302"}};

  const RunResult forward = run_cli("lint --format json prod legacy", RunOptions{dir.path()});
  INFO(describe(forward));
  CHECK(forward.status == 1);
  CHECK(findings(forward) == expected);

  const RunResult backward = run_cli("lint --format json legacy prod", RunOptions{dir.path()});
  INFO(describe(backward));
  CHECK(backward.status == 1);
  CHECK(findings(backward) == expected);

  // A walk from the root, and pre-commit's file names, agree.
  const RunResult walked = run_cli("lint --format json .", RunOptions{dir.path()});
  INFO(describe(walked));
  CHECK(findings(walked) == expected);
  const RunResult files =
      run_cli("lint --format json --force-exclude legacy/Dockerfile prod/Dockerfile", RunOptions{dir.path()});
  INFO(describe(files));
  CHECK(findings(files) == expected);

  // --config names one config for every file.
  const RunResult forced =
      run_cli("lint --format json --config prod/.wincompat.yaml legacy prod", RunOptions{dir.path()});
  INFO(describe(forced));
  CHECK(findings(forced) == std::set<std::pair<std::string, std::string>>{{"prod/Dockerfile", "WC302"},
                                                                          {"legacy/Dockerfile", "WC302"}});
}

TEST_CASE("config scopes: a nested config's images: mapping and exclude apply to its files",
          "[e2e][config]") {
  TempDir dir;
  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  dir.write("svc/.wincompat.yaml",
            "hosts: [ltsc2022]\nimages:\n  registry.example.com/svc/web: web/Dockerfile\n"
            "exclude: [generated]\n");
  dir.write("svc/web/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  dir.write("svc/generated/Dockerfile", kServercore2019); // excluded by svc's config
  dir.write("svc/deploy.yaml", R"(apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - name: web
    image: registry.example.com/svc/web:1.0
)");
  const RunResult r = run_cli("lint --format json .", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 0);
  // The mapping resolved the image (no WC208); the excluded file was not linted.
  for (const auto &[path, code] : findings(r)) {
    CHECK(code != "WC208");
    CHECK(path.find("generated") == std::string::npos);
  }
}

TEST_CASE("config scopes: extend pulls in a parent's keys first", "[e2e][config]") {
  TempDir dir;
  dir.write(".wincompat.yaml", "hosts: [ltsc2022]\nrules: {WC302: warning}\n");
  dir.write("team/Dockerfile", kServercore2019);

  SECTION("with extend: the parent's hosts and rules, this file's isolation") {
    dir.write("team/.wincompat.yaml", "extend: ../.wincompat.yaml\nisolation: process\n");
    const RunResult r = run_cli("lint team/Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 0); // WC302 lowered to a warning by the parent's rules
    CHECK(contains(r.out, "warning[WC302]"));
  }
  SECTION("without extend, the nearer file is all there is") {
    dir.write("team/.wincompat.yaml", "isolation: process\n");
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir / "team"});
    INFO(describe(r));
    CHECK(r.status == 0);
    CHECK(contains(r.out, "info[WC906]"));
  }
  SECTION("a missing extended file is WC903 at the extend line") {
    dir.write("team/.wincompat.yaml", "isolation: process\nextend: ../nope.yaml\n");
    const RunResult r = run_cli("lint team/Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, "team/.wincompat.yaml:2:9: error[WC903] extend names"));
  }
  SECTION("a cycle is WC903") {
    dir.write("team/.wincompat.yaml", "extend: ../.wincompat.yaml\n");
    dir.write(".wincompat.yaml", "extend: team/.wincompat.yaml\n");
    const RunResult r = run_cli("lint team/Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, "error[WC903]"));
  }
}

TEST_CASE("config: paths that name nothing usable are WC903 at their line", "[e2e][config]") {
  TempDir dir;
  dir.write("deploy/chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  dir.write("deploy/chart/templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
  dir.write("src/values.yaml", "image: web\n");

  SECTION("a charts: path that is no chart") {
    dir.write(".wincompat.yaml", "charts:\n  - path: deploy/chrat\n    name: prod\n");
    const RunResult r = run_cli("lint .", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, ".wincompat.yaml:2:11: error[WC903] charts.path"));
    CHECK(contains(r.out, "does not exist"));
  }
  SECTION("an images: target that is not a Dockerfile") {
    dir.write(".wincompat.yaml", "images:\n  registry.example.com/web: src/values.yaml\n");
    const RunResult r = run_cli("lint .", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, ".wincompat.yaml:2:3: error[WC903] "));
    CHECK(contains(r.out, "not a Dockerfile"));
  }
  SECTION("a nodes: file that does not exist") {
    dir.write(".wincompat.yaml", "hosts: [ltsc2022]\nnodes:\n  - cluster/nodes.yaml\n");
    const RunResult r = run_cli("lint .", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, ".wincompat.yaml:3:5: error[WC903] nodes names"));
  }
  SECTION("a nested config with an error stops the run too") {
    dir.write("deploy/.wincompat.yaml", "charts:\n  - path: chrat\n");
    const RunResult r = run_cli("lint .", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, "deploy/.wincompat.yaml:2:11: error[WC903] charts.path"));
  }
}

TEST_CASE("config: an inventory alone is also the hosts Dockerfiles are checked against", "[e2e][config]") {
  TempDir dir;
  dir.write("Dockerfile", kServercore2019);
  dir.write("cluster/nodes.yaml", kNodes2022);

  SECTION("--nodes FILE") {
    const RunResult r =
        run_cli("lint --no-config --nodes cluster/nodes.yaml Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "error[WC302]"));
    CHECK_FALSE(contains(r.out, "WC906"));
  }
  SECTION("config nodes:") {
    dir.write(".wincompat.yaml", "nodes: [cluster/nodes.yaml]\n");
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "error[WC302]"));
  }
  SECTION("config nodePools:") {
    dir.write(".wincompat.yaml", "nodePools:\n  - {name: win22, os: windows, build: ltsc2022}\n"
                                 "  - {name: linux, os: linux}\n");
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "error[WC302]"));
  }
  SECTION("a Linux-only inventory leaves the notice") {
    dir.write(".wincompat.yaml", "nodePools:\n  - {name: linux, os: linux}\n");
    const RunResult r = run_cli("lint Dockerfile", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 0);
    CHECK(contains(r.out, "info[WC906]"));
  }
}

TEST_CASE("config and CLI: kustomize's load restrictor", "[e2e][config][kustomize]") {
  TempDir dir;
  dir.write("templates/flavors/windows/kustomization.yaml", "resources:\n  - ../../addons/windows-ds.yaml\n");
  dir.write("templates/addons/windows-ds.yaml", R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: csi-proxy}
spec:
  selector: {matchLabels: {app: csi-proxy}}
  template:
    metadata: {labels: {app: csi-proxy}}
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      containers:
      - name: csi-proxy
        image: mcr.microsoft.com/windows/servercore:ltsc2019
)");

  SECTION("unset: built, linted, one WC915 warning") {
    const RunResult r = run_cli("lint --host ltsc2022 templates/flavors/windows", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "templates/flavors/windows/kustomization.yaml:2:5: warning[WC915] "));
    CHECK(contains(r.out, "templates/addons/windows-ds.yaml:12:16: error[WC302] "));
    CHECK(count_of(r.out, "[WC915]") == 1);
  }
  SECTION("--load-restrictor LoadRestrictionsNone: linted, silently") {
    const RunResult r =
        run_cli("lint --host ltsc2022 --load-restrictor LoadRestrictionsNone templates/flavors/windows",
                RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(contains(r.out, "error[WC302]"));
    CHECK_FALSE(contains(r.out, "WC915"));
  }
  SECTION("config LoadRestrictionsRootOnly: kubectl's WC912") {
    dir.write(".wincompat.yaml", "kustomize:\n  loadRestrictor: LoadRestrictionsRootOnly\n");
    const RunResult r = run_cli("lint --host ltsc2022 templates/flavors/windows", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.out, "kustomization.yaml:2:5: error[WC912] "));
    CHECK_FALSE(contains(r.out, "WC302"));
  }
  SECTION("a bad config value is WC903") {
    dir.write(".wincompat.yaml", "kustomize:\n  loadRestrictor: none\n");
    const RunResult r = run_cli("lint templates/flavors/windows", RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.out, ".wincompat.yaml:2:19: error[WC903] kustomize.loadRestrictor"));
  }
  SECTION("render takes the option too") {
    const RunResult r = run_cli("render --load-restrictor LoadRestrictionsRootOnly templates/flavors/windows",
                                RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(r.status == 1);
    CHECK(contains(r.err, "WC912"));
  }
  SECTION("a file outside the repository is never read") {
    TempDir outer(false);
    outer.write("shared/windows-ds.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
    dir.write("templates/flavors/escape/kustomization.yaml",
              "resources:\n  - " + (outer / "shared/windows-ds.yaml").string() + "\n");
    const RunResult r = run_cli("lint --load-restrictor LoadRestrictionsNone templates/flavors/escape",
                                RunOptions{dir.path()});
    INFO(describe(r));
    CHECK(contains(r.out, "warning[WC916] "));
    CHECK(contains(r.out, "outside the repository"));
  }
}

TEST_CASE("config scopes: the examples give the same findings in any argument order, as each folder alone",
          "[e2e][config]") {
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/examples";
  const RunResult forward = run_cli("lint --today 2026-11-23 --format json helm k8s", at);
  const RunResult backward = run_cli("lint --today 2026-11-23 --format json k8s helm", at);
  INFO(describe(forward) << describe(backward));
  CHECK(forward.status == backward.status);
  const auto found = findings(forward);
  CHECK(found == findings(backward));

  // Each folder linted on its own, from inside it, with its own config.
  std::set<std::pair<std::string, std::string>> alone;
  for (const std::string folder : {"helm", "k8s"}) {
    RunOptions inside;
    inside.cwd = at.cwd / folder;
    const RunResult r = run_cli("lint --today 2026-11-23 --format json .", inside);
    INFO(describe(r));
    for (const auto &[path, code] : findings(r)) {
      alone.emplace(folder + "/" + path, code);
    }
  }
  CHECK(found == alone);
}
