// `wincompat plan` on a live cluster's dump (docs/plan.md "From a live
// cluster"): tests/fixtures/_cluster holds `kubectl get nodes -o yaml` and
// `kubectl get pods,deployments,daemonsets,statefulsets -A -o yaml` of an AKS
// cluster with a Windows Server 2019 and a Windows Server 2022 pool.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>

using namespace wincompat::e2e;

namespace {

fs::path plan_cluster_dir() {
  return fs::path(wincompat::test::source_dir()) / "tests/fixtures/_cluster";
}

/// "Kind/name -n namespace" -> the workload's JSON.
std::map<std::string, nlohmann::json> plan_cluster_workloads(const nlohmann::json &doc) {
  std::map<std::string, nlohmann::json> out;
  for (const auto &w : doc["workloads"]) {
    out[w["object"].get<std::string>() + " -n " + w["namespace"].get<std::string>()] = w;
  }
  return out;
}

} // namespace

TEST_CASE("plan --to ltsc2025 on a cluster dump: controllers with their pods, bare pods on their node",
          "[e2e][plan]") {
  RunOptions at;
  at.cwd = plan_cluster_dir();
  const RunResult r = run_cli("plan --to ltsc2025 --nodes nodes.yaml --format json workloads.yaml", at);
  INFO(describe(r));
  REQUIRE(r.status == 1);
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  const auto w = plan_cluster_workloads(doc);
  // The pools come from the nodes, named by their agentpool label, one pool
  // each although their nodes sit in two zones.
  std::map<std::string, std::string> pools;
  for (const auto &p : doc["pools"]) {
    pools[p["name"]] = p["to"]["labels"].value("kubernetes.azure.com/os-sku", "");
  }
  CHECK(pools == std::map<std::string, std::string>{{"win19", "Windows2025"}, {"win22", "Windows2025"}});
  CHECK(doc["pools"].size() == 2);

  CHECK(w.at("Deployment/web -n shop")["class"] == "breaks-scheduling");
  CHECK(w.at("Deployment/web -n shop")["runningPods"].size() == 2);
  CHECK(w.at("Deployment/web -n shop")["runningPods"][0]["nodeName"] == "akswin22000000");
  // Pinned to 10.0.17763, and once pinned to the new build its 2019 image breaks there too.
  CHECK(w.at("Deployment/legacy -n shop")["class"] == "breaks-scheduling");
  CHECK(contains(w.at("Deployment/legacy -n shop")["reason"].get<std::string>(), "its image breaks there"));
  CHECK(w.at("DaemonSet/log-agent -n ops")["class"] == "breaks-image");
  CHECK(w.at("DaemonSet/log-agent -n ops")["runningPods"].size() == 2);
  CHECK(w.at("StatefulSet/queue -n shop")["class"] == "portability");
  CHECK(w.at("StatefulSet/queue -n shop")["runningPods"][0]["name"] == "queue-0");
  // A bare pod: judged on its node's pool (win19), it will not start again.
  CHECK(w.at("Pod/debug-shell -n ops")["class"] == "breaks-image");
  CHECK(w.at("Pod/debug-shell -n ops")["pools"] == nlohmann::json::array({"win19"}));
  CHECK(w.at("Pod/debug-shell -n ops")["nodeName"] == "akswin19000001");
  // A Job's pod (the Job is not in the dump) stays a workload; its image is unknown.
  CHECK(w.at("Pod/nightly-report-29412720-h7q2w -n shop")["class"] == "unknown");
  // Pods folded under their controller are not reported again.
  CHECK(w.count("Pod/web-7c9d6b5f4-abcde -n shop") == 0);
  CHECK(w.count("Pod/queue-0 -n shop") == 0);
  CHECK(w.count("Pod/log-agent-7xk2p -n ops") == 0);
  // Linux workloads are not Windows workloads.
  CHECK(w.count("Deployment/coredns -n kube-system") == 0);

  const RunResult text = run_cli("plan --to ltsc2025 --nodes nodes.yaml workloads.yaml", at);
  INFO(describe(text));
  CHECK(contains(text.out,
                 "running: web-7c9d6b5f4-abcde on akswin22000000, web-7c9d6b5f4-fghij on akswin22000001"));
}

TEST_CASE("plan --pool on a cluster dump: only the moved pool's workloads are affected", "[e2e][plan]") {
  RunOptions at;
  at.cwd = plan_cluster_dir();
  const RunResult r =
      run_cli("plan --pool win22=ltsc2025 --nodes nodes.yaml --format json workloads.yaml", at);
  INFO(describe(r));
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  const auto w = plan_cluster_workloads(doc);
  CHECK(w.at("Pod/debug-shell -n ops")["class"] == "unaffected"); // its node's pool stays
  CHECK(w.at("DaemonSet/log-agent -n ops")["class"] == "unaffected");
  CHECK(w.at("Deployment/web -n shop")["class"] == "breaks-scheduling");
}
