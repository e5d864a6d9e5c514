// `wincompat plan` over examples/plan (docs/plan.md): each workload's class,
// the change set, and that --fix converges (a second --fix changes nothing).
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>

using namespace wincompat::e2e;

namespace {

std::map<std::string, std::string> plan_classes(const nlohmann::json &doc) {
  std::map<std::string, std::string> out;
  for (const auto &w : doc["workloads"]) {
    out[w["object"].get<std::string>() + " " + w["path"].get<std::string>()] = w["class"];
  }
  return out;
}

} // namespace

TEST_CASE("plan --to ltsc2025 over examples/plan: every workload's class and the change set", "[e2e][plan]") {
  TempDir dir;
  fs::copy(fs::path(wincompat::test::source_dir()) / "examples/plan", dir.path(),
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  RunOptions at;
  at.cwd = dir.path();
  const RunResult r = run_cli("plan --to ltsc2025 --format json .", at);
  INFO(describe(r));
  REQUIRE(r.status == 1); // something breaks
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  CHECK(doc["schema"] == "wincompat-plan/1");
  const auto classes = plan_classes(doc);
  CHECK(classes.at("Deployment/legacy-app k8s/legacy-app.yaml") == "breaks-scheduling");
  CHECK(classes.at("Deployment/api k8s/api.yaml") == "breaks-scheduling");
  CHECK(classes.at("Deployment/release-name-web charts/web/templates/web.yaml") == "breaks-scheduling");
  CHECK(classes.at("DaemonSet/log-agent k8s/log-agent.yaml") == "portability");
  CHECK(contains(doc.dump(), "once pinned to the moved pool, its image breaks there"));
  // The overlay's build is what is deployed: the base it builds is not a workload of its own.
  size_t batch_workers = 0;
  for (const auto &w : doc["workloads"]) {
    if (w["object"] == "Deployment/batch-worker") {
      ++batch_workers;
      CHECK(w["class"] == "breaks-image");
    }
  }
  CHECK(batch_workers == 1);
  // An image of unknown build is unknown, not native.
  CHECK(classes.at("Deployment/reporting k8s/log-agent.yaml") == "unknown");
  std::map<std::string, nlohmann::json> edits;
  for (const auto &e : doc["edits"]) {
    edits[e["kind"].get<std::string>() + " " + e["path"].get<std::string>()] = e;
  }
  CHECK(edits.at("nodeSelector charts/web/values.yaml")["new"] == "Windows2025");
  CHECK(edits.at("nodeSelector charts/web/values.yaml")["workloads"].size() == 2); // shared: made once
  CHECK(edits.at("image deploy/overlays/prod/kustomization.yaml")["new"] == "ltsc2025");
  CHECK(edits.at("affinity k8s/legacy-app.yaml")["new"] == "10.0.26100");
  CHECK(edits.at("runtimeClass k8s/runtimeclass.yaml")["new"] == "10.0.26100");
  // legacy-app is pinned to 10.0.17763 and its Dockerfile's ARG default names
  // ltsc2019: once pinned to the new build its image must move too.
  CHECK(edits.at("image app/Dockerfile")["new"] == "ltsc2025");
  CHECK(edits.at("image app/Dockerfile")["line"] == 2);
  CHECK(edits.at("image app/Dockerfile")["workloads"] == nlohmann::json::array({"Deployment/legacy-app"}));

  const RunResult fixed = run_cli("plan --to ltsc2025 --fix .", at);
  INFO(describe(fixed));
  CHECK(contains(fixed.err, "applied 5 edits in 5 files"));
  CHECK(contains(slurp(dir / "app/Dockerfile"), "ARG BASE_TAG=ltsc2025\n"));
  CHECK(contains(slurp(dir / "charts/web/values.yaml"), "kubernetes.azure.com/os-sku: Windows2025"));
  CHECK(contains(slurp(dir / "deploy/overlays/prod/kustomization.yaml"), "newTag: ltsc2025"));
  const RunResult again = run_cli("plan --to ltsc2025 --fix .", at);
  INFO(describe(again));
  CHECK(again.status == 0);
  CHECK(contains(again.out, "Change set: none"));

  // After the move (the inventory as plan derives it), lint finds no error.
  std::string config = slurp(dir / ".wincompat.yaml");
  for (const auto &[from, to] :
       std::vector<std::pair<std::string, std::string>>{{"build: ltsc2019", "build: ltsc2025"},
                                                        {"build: ltsc2022", "build: ltsc2025"},
                                                        {"\"10.0.17763\"", "\"10.0.26100\""},
                                                        {"\"10.0.20348\"", "\"10.0.26100\""},
                                                        {"os-sku: Windows2019", "os-sku: Windows2025"},
                                                        {"os-sku: Windows2022", "os-sku: Windows2025"}}) {
    const size_t at_text = config.find(from);
    REQUIRE(at_text != std::string::npos);
    config.replace(at_text, from.size(), to);
  }
  write_file(dir / ".wincompat.yaml", config);
  const RunResult linted = run_cli("lint --format json .", at);
  INFO(describe(linted));
  CHECK(linted.status == 0);
  CHECK(!contains(linted.out, "\"severity\": \"error\""));
}

TEST_CASE("examples/plan: its Dockerfiles lint clean, each runs on a pool its workloads reach",
          "[e2e][plan]") {
  RunOptions at;
  at.cwd = fs::path(wincompat::test::source_dir()) / "examples/plan";
  const RunResult r = run_cli("lint .", at);
  INFO(describe(r));
  CHECK(!contains(r.out, "Dockerfile:"));
  // lint still checks the kustomize base alone: its only error, which the overlay's newTag makes right.
  CHECK(contains(r.out, "Found 2 problems (1 error, 0 warnings, 1 info)"));
  CHECK(contains(r.out, "deploy/base/worker.yaml:19:18: error[WC301]"));
}

namespace {

/// The lines of the first ```text block after `marker` in a Markdown file.
std::vector<std::string> plan_doc_block(const std::string &markdown, const std::string &marker) {
  std::vector<std::string> lines;
  size_t at = markdown.find(marker);
  REQUIRE(at != std::string::npos);
  at = markdown.find("```text\n", at);
  REQUIRE(at != std::string::npos);
  at += 8;
  const size_t end = markdown.find("```", at);
  REQUIRE(end != std::string::npos);
  std::string block = markdown.substr(at, end - at);
  for (size_t start = 0; start < block.size();) {
    const size_t eol = block.find('\n', start);
    lines.push_back(block.substr(start, eol - start));
    start = eol == std::string::npos ? block.size() : eol + 1;
  }
  return lines;
}

} // namespace

TEST_CASE("README and docs/plan.md show the real output of plan over examples/plan", "[e2e][plan][docs]") {
  const fs::path source = wincompat::test::source_dir();
  RunOptions at;
  at.cwd = source / "examples/plan";
  const RunResult r = run_cli("plan --to ltsc2025 .", at);
  INFO(describe(r));
  // docs/plan.md shows the whole output, README its change set.
  std::string shown;
  for (const std::string &line :
       plan_doc_block(slurp(source / "docs/plan.md"), "`wincompat plan --to ltsc2025 .` prints")) {
    shown += line + "\n";
  }
  CHECK(shown == r.out);
  const std::vector<std::string> excerpt =
      plan_doc_block(slurp(source / "README.md"), "cd examples/plan && wincompat plan --to ltsc2025 .");
  CHECK(excerpt.size() > 3);
  for (const std::string &line : excerpt) {
    INFO(line);
    CHECK(contains(r.out, line + "\n"));
  }
}

TEST_CASE("plan: a target is required, and --pool names a pool of the inventory", "[e2e][plan]") {
  RunOptions at;
  at.cwd = fs::path(wincompat::test::source_dir()) / "examples/plan";
  CHECK(run_cli("plan .", at).status == 2);
  const RunResult r = run_cli("plan --pool nosuch=ltsc2025 .", at);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no such pool"));
}

TEST_CASE("lint with an inventory: a Dockerfile is an error only when no pool runs it", "[e2e][plan]") {
  TempDir dir;
  write_file(dir / ".wincompat.yaml", "nodePools:\n"
                                      "  - {name: win19, os: windows, build: ltsc2019}\n"
                                      "  - {name: win22, os: windows, build: ltsc2022}\n");
  write_file(dir / "Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  RunOptions at;
  at.cwd = dir.path();
  const RunResult runs_on_one = run_cli("lint Dockerfile", at);
  INFO(describe(runs_on_one));
  CHECK(runs_on_one.status == 0);
  write_file(dir / "Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2025\n");
  const RunResult runs_on_none = run_cli("lint Dockerfile", at);
  INFO(describe(runs_on_none));
  CHECK(runs_on_none.status == 1);
  CHECK(contains(runs_on_none.out, "error[WC301]"));
}
