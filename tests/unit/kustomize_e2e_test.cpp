// Kustomize overlays through the binary: `wincompat lint DIR` builds every
// kustomization it finds and places findings in the file that set the value;
// `wincompat render DIR` prints a build.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace wincompat::e2e;
using JsonValue = nlohmann::json;

namespace {

fs::path source_root() {
  return WINCOMPAT_SOURCE_DIR;
}

JsonValue lint_json(const fs::path &cwd, const std::string &args, RunResult &run) {
  RunOptions options;
  options.cwd = cwd;
  run = run_cli("lint --format json " + args, options);
  INFO(describe(run));
  REQUIRE(run.status <= 1);
  return JsonValue::parse(run.out);
}

struct Finding {
  std::string path;
  int line = 0; // 1-based
  std::string code;
  JsonValue diagnostic;
};

std::vector<Finding> findings(const JsonValue &report) {
  std::vector<Finding> out;
  for (const auto &file : report["files"]) {
    for (const auto &d : file["diagnostics"]) {
      out.push_back({file["path"].get<std::string>(), d["range"]["start"]["line"].get<int>() + 1,
                     d["code"].get<std::string>(), d});
    }
  }
  return out;
}

std::string line_of_file(const fs::path &file, int line) {
  std::istringstream text(slurp(file));
  std::string current;
  for (int i = 0; i < line && std::getline(text, current); ++i) {
  }
  return current;
}

} // namespace

TEST_CASE("lint examples/kustomize: the overlay's tag is reported at its newTag line", "[e2e][kustomize]") {
  const fs::path example = source_root() / "examples/kustomize";
  RunResult run;
  const JsonValue report = lint_json(example, ".", run);
  CHECK(run.status == 1);
  const std::vector<Finding> all = findings(report);
  INFO(run.out);
  REQUIRE(all.size() == 1);

  const auto tag = std::find_if(all.begin(), all.end(), [](const Finding &f) { return f.code == "WC303"; });
  REQUIRE(tag != all.end());
  CHECK(tag->path == "overlays/pool-23h2/kustomization.yaml");
  CHECK(line_of_file(example / tag->path, tag->line).find("newTag: windowsservercore-ltsc2019") !=
        std::string::npos);
  REQUIRE(tag->diagnostic["relatedInformation"].size() == 1);
  CHECK(tag->diagnostic["relatedInformation"][0]["location"]["uri"].get<std::string>().ends_with(
      "examples/kustomize/base/deployment.yaml"));
}

TEST_CASE("render DIR prints the build kubectl kustomize would print", "[e2e][kustomize]") {
  RunOptions options;
  options.cwd = source_root() / "examples/kustomize";
  const RunResult run = run_cli("render overlays/legacy-2019", options);
  INFO(describe(run));
  CHECK(run.status == 0);
  CHECK(contains(run.out, "# Source: overlays/legacy-2019"));
  CHECK(contains(run.out, "image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"));
  CHECK(contains(run.out, "image: mcr.microsoft.com/windows/nanoserver:1809"));
  CHECK(contains(run.out, "node.kubernetes.io/windows-build: \"10.0.17763\""));
  CHECK(contains(run.out, "namespace: intranet-legacy"));
}

TEST_CASE("lint: WC912 at the line kubectl fails on, WC913 notices, other kustomizations still linted",
          "[e2e][kustomize]") {
  TempDir repo;
  repo.write("broken/kustomization.yaml", "resources:\n- deployment.yaml\n- missing.yaml\n");
  repo.write("broken/deployment.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n"
             "  containers:\n  - {name: a, image: mcr.microsoft.com/windows/servercore:ltsc2022}\n");
  repo.write("remote/kustomization.yaml",
             "resources:\n- https://github.com/example/app//base?ref=v1\n- pod.yaml\n");
  // Linted through its build: a Windows image with nothing pinning it to Windows (WC201).
  repo.write("remote/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n"
             "  containers:\n  - {name: b, image: mcr.microsoft.com/windows/servercore:ltsc2022}\n");
  RunResult run;
  const JsonValue report = lint_json(repo.path(), ".", run);
  const std::vector<Finding> all = findings(report);
  INFO(run.out);
  auto find = [&](const std::string &code) {
    return std::find_if(all.begin(), all.end(), [&](const Finding &f) { return f.code == code; });
  };
  REQUIRE(find("WC912") != all.end());
  CHECK(find("WC912")->path == "broken/kustomization.yaml");
  CHECK(find("WC912")->line == 3);
  REQUIRE(find("WC913") != all.end());
  CHECK(find("WC913")->path == "remote/kustomization.yaml");
  CHECK(find("WC913")->line == 2);
  REQUIRE(find("WC201") != all.end());
  CHECK(find("WC201")->path == "remote/pod.yaml");
  CHECK(run.status == 1);
}

TEST_CASE("lint tests/kustomize/errors: every WC912 on a line marked for it", "[e2e][kustomize]") {
  const fs::path root = source_root() / "tests/kustomize/errors";
  RunResult run;
  const JsonValue report = lint_json(root, ".", run);
  const std::vector<Finding> all = findings(report);
  size_t wc912 = 0;
  for (const Finding &f : all) {
    if (f.code != "WC912") {
      continue;
    }
    ++wc912;
    INFO(f.path << ":" << f.line << " " << f.diagnostic["message"].get<std::string>());
    CHECK(line_of_file(root / f.path, f.line).find("expect: WC912") != std::string::npos);
  }
  CHECK(wc912 >= 10);
}

TEST_CASE("lint --fix retags in the overlay that set the tag, not in the base", "[e2e][kustomize][fix]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "nodePools:\n  - name: win19\n    os: windows\n    build: ltsc2019\n"
                                "    labels:\n      kubernetes.io/os: windows\n");
  repo.write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
  const std::string base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
                           "      labels: {app: web}\n    spec:\n      nodeSelector:\n"
                           "        kubernetes.io/os: windows\n      containers:\n      - name: web\n"
                           "        image: mcr.microsoft.com/windows/servercore:ltsc2019\n";
  repo.write("base/deployment.yaml", base);
  repo.write("overlay/kustomization.yaml",
             "resources:\n- ../base\nimages:\n"
             "- name: mcr.microsoft.com/windows/servercore\n  newTag: ltsc2022\n");
  RunOptions options;
  options.cwd = repo.path();
  const RunResult diff = run_cli("lint --diff .", options);
  INFO(describe(diff));
  CHECK(contains(diff.out, "+++ b/overlay/kustomization.yaml"));
  CHECK(contains(diff.out, "+  newTag: ltsc2019"));
  const RunResult fixed = run_cli("lint --fix .", options);
  INFO(describe(fixed));
  CHECK(fixed.status == 0);
  CHECK(contains(slurp(repo / "overlay/kustomization.yaml"), "newTag: ltsc2019\n"));
  CHECK(slurp(repo / "base/deployment.yaml") == base);
}

TEST_CASE("a base finding is reported once, naming every overlay that deploys it",
          "[e2e][kustomize][routing]") {
  TempDir repo;
  const std::string base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                           "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
                           "      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n"
                           "        image: mcr.microsoft.com/windows/servercore:ltsc2022\n";
  repo.write("base/deployment.yaml", base);
  repo.write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
  repo.write("overlays/a/kustomization.yaml", "resources:\n- ../../base\n");
  repo.write("overlays/b/kustomization.yaml", "resources:\n- ../../base\n");
  RunResult run;
  const JsonValue report = lint_json(repo.path(), "--no-config --host ltsc2022 .", run);
  std::vector<Finding> wc201;
  for (const Finding &f : findings(report)) {
    if (f.code == "WC201") {
      wc201.push_back(f);
    }
  }
  // Not linted again as a plain file, and not once per overlay.
  REQUIRE(wc201.size() == 1);
  CHECK(wc201[0].path == "base/deployment.yaml");
  std::vector<std::string> builds;
  for (const auto &related : wc201[0].diagnostic["relatedInformation"]) {
    builds.push_back(related["message"].get<std::string>());
  }
  CHECK(builds == std::vector<std::string>{"also deployed by overlays/a", "also deployed by overlays/b"});
}

TEST_CASE("a fix in a base that overlays share is not offered for one overlay's finding",
          "[e2e][kustomize][fix]") {
  TempDir repo;
  repo.write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
  repo.write(
      "base/deployment.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
      "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
      "      labels: {app: web}\n    spec:\n      nodeSelector:\n        kubernetes.io/os: windows\n"
      "      containers:\n      - name: web\n        image: mcr.microsoft.com/windows/servercore:ltsc2022\n");
  // The overlay pins 2019 nodes: the 2022 image in the base cannot run there,
  // but retagging the base would change every other overlay too.
  repo.write("legacy/kustomization.yaml",
             "resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
             "    metadata: {name: web}\n    spec:\n      template:\n        spec:\n          nodeSelector:\n"
             "            node.kubernetes.io/windows-build: \"10.0.17763\"\n");
  RunResult run;
  const JsonValue report = lint_json(repo.path(), "--no-config .", run);
  bool found = false;
  for (const Finding &f : findings(report)) {
    if (f.code == "WC301") {
      found = true;
      CHECK(f.path == "base/deployment.yaml");
      CHECK_FALSE(f.diagnostic["data"].contains("fix"));
      CHECK(f.diagnostic["relatedInformation"].back()["message"] == "deployed by legacy");
    }
  }
  CHECK(found);
}
