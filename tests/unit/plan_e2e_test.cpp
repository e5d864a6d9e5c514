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
  CHECK(classes.at("Deployment/reporting k8s/log-agent.yaml") == "native");
  bool image_break = false;
  for (const auto &w : doc["workloads"]) {
    image_break = image_break || (w["object"] == "Deployment/batch-worker" && w["class"] == "breaks-image");
  }
  CHECK(image_break);
  std::map<std::string, nlohmann::json> edits;
  for (const auto &e : doc["edits"]) {
    edits[e["kind"].get<std::string>() + " " + e["path"].get<std::string>()] = e;
  }
  CHECK(edits.at("nodeSelector charts/web/values.yaml")["new"] == "Windows2025");
  CHECK(edits.at("nodeSelector charts/web/values.yaml")["workloads"].size() == 2); // shared: made once
  CHECK(edits.at("image deploy/overlays/prod/kustomization.yaml")["new"] == "ltsc2025");
  CHECK(edits.at("affinity k8s/legacy-app.yaml")["new"] == "10.0.26100");
  CHECK(edits.at("runtimeClass k8s/runtimeclass.yaml")["new"] == "10.0.26100");

  const RunResult fixed = run_cli("plan --to ltsc2025 --fix .", at);
  INFO(describe(fixed));
  CHECK(contains(fixed.err, "applied 4 edits in 4 files"));
  CHECK(contains(slurp(dir / "charts/web/values.yaml"), "kubernetes.azure.com/os-sku: Windows2025"));
  CHECK(contains(slurp(dir / "deploy/overlays/prod/kustomization.yaml"), "newTag: ltsc2025"));
  const RunResult again = run_cli("plan --to ltsc2025 --fix .", at);
  INFO(describe(again));
  CHECK(again.status == 0);
  CHECK(contains(again.out, "Change set: none"));
}

TEST_CASE("plan: a target is required, and --pool names a pool of the inventory", "[e2e][plan]") {
  RunOptions at;
  at.cwd = fs::path(wincompat::test::source_dir()) / "examples/plan";
  CHECK(run_cli("plan .", at).status == 2);
  const RunResult r = run_cli("plan --pool nosuch=ltsc2025 .", at);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no such pool"));
}
