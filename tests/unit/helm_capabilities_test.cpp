// `.Capabilities` as `helm template` (Helm 4.0) sets it: the defaults,
// --kube-version / --api-versions on lint and render, config `helm:`, and
// the fixture chart tests/charts/fixtures/capabilities, whose templates
// choose API versions and a Windows image from it as real charts do.
#include "e2e_support.hpp"
#include "layers/helm/capabilities.hpp"
#include "wincompat/helm.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

RunResult caps_in_source(const std::string &args) {
  RunOptions options;
  options.cwd = WINCOMPAT_SOURCE_DIR;
  return run_cli(args + " --no-config --today 2026-12-04", options);
}

const char *const kCapsChart = "tests/charts/fixtures/capabilities";

} // namespace

TEST_CASE("--kube-version is parsed as Helm parses it", "[helm][capabilities]") {
  std::string error;
  auto v = helm::parse_kube_version("1.26", error);
  REQUIRE(v);
  CHECK(v->version == "v1.26"); // apimachinery's ParseGeneric keeps the numbers given
  CHECK(v->major == "1");
  CHECK(v->minor == "26");
  v = helm::parse_kube_version(" v1.02.3-gke.1200", error);
  REQUIRE(v);
  CHECK(v->version == "v1.2.3");
  CHECK(v->minor == "2");
  CHECK(kube_version_problem("1.31.0").empty());
  CHECK(kube_version_problem("abc") == "invalid kube version 'abc': could not parse \"abc\" as version");
  CHECK(kube_version_problem("1") == "invalid kube version '1': illegal version string \"1\"");
  CHECK(kube_version_problem("01.2") ==
        "invalid kube version '01.2': illegal zero-prefixed version component \"01\" in \"01.2\"");
  CHECK(kube_version_problem("1.99999999999999999999") ==
        "invalid kube version '1.99999999999999999999': illegal non-numeric version component "
        "\"99999999999999999999\" in \"1.99999999999999999999\": strconv.ParseUint: parsing "
        "\"99999999999999999999\": value out of range");
}

TEST_CASE("the default .Capabilities are Helm 4.0's", "[helm][capabilities]") {
  const helm::KubeVersion kube = helm::default_kube_version();
  CHECK(kube.version == "v1.34.0");
  CHECK(kube.major == "1");
  CHECK(kube.minor == "34");
  const std::vector<std::string> versions = helm::default_api_versions();
  CHECK(versions.size() == 57);
  for (const char *v :
       {"v1", "apps/v1", "policy/v1beta1", "apiextensions.k8s.io/v1beta1", "resource.k8s.io/v1",
        "internal.apiserver.k8s.io/v1alpha1", "storagemigration.k8s.io/v1alpha1"}) {
    INFO(v);
    CHECK(std::find(versions.begin(), versions.end(), v) != versions.end());
  }
  CHECK(std::find(versions.begin(), versions.end(), "apps/v1/Deployment") == versions.end());
}

TEST_CASE("render and lint take --kube-version and --api-versions", "[helm][capabilities][e2e]") {
  const std::string chart = kCapsChart;
  const RunResult plain = caps_in_source("render " + chart);
  REQUIRE(plain.status == 0);
  CHECK(contains(plain.out, "apiVersion: policy/v1\n"));
  CHECK(contains(plain.out, "kubernetes: 1.34\n"));
  CHECK(contains(plain.out, "iis:windowsservercore-ltsc2022\""));
  CHECK(!contains(plain.out, "ServiceMonitor"));
  CHECK(!contains(plain.out, "-kinds"));

  const RunResult old = caps_in_source("render " + chart + " --kube-version 1.20");
  REQUIRE(old.status == 0);
  CHECK(contains(old.out, "apiVersion: policy/v1beta1\n"));
  CHECK(contains(old.out, "kubernetes: 1.20\n"));
  CHECK(contains(old.out, "iis:windowsservercore-ltsc2019\""));

  const RunResult apis = caps_in_source("render " + chart + " --api-versions monitoring.coreos.com/v1");
  CHECK(contains(apis.out, "kind: ServiceMonitor\n"));
  CHECK(!contains(apis.out, "-kinds"));
  const RunResult listed =
      caps_in_source("render " + chart + " --api-versions apps/v1/Deployment,monitoring.coreos.com/v1");
  CHECK(contains(listed.out, "kind: ServiceMonitor\n"));
  CHECK(contains(listed.out, "name: release-name-kinds\n"));

  // The version decides the image, so the finding.
  CHECK(caps_in_source("lint " + chart + " --host ltsc2022 --color never").status == 0);
  const RunResult lint_old =
      caps_in_source("lint " + chart + " --host ltsc2022 --color never --kube-version 1.29.4");
  CHECK(lint_old.status == 1);
  CHECK(contains(lint_old.out, "WC302"));

  for (const char *command : {"render ", "lint "}) {
    const RunResult bad = caps_in_source(command + chart + " --kube-version abc");
    INFO(describe(bad));
    CHECK(bad.status == 2);
    CHECK(contains(bad.err, "invalid kube version 'abc': could not parse \"abc\" as version"));
  }
}

TEST_CASE("config helm: {kubeVersion, apiVersions} sets .Capabilities", "[helm][capabilities][e2e]") {
  TempDir dir(false);
  const fs::path config = dir.write("caps.yaml", "helm:\n  kubeVersion: \"1.20\"\n"
                                                 "  apiVersions: [monitoring.coreos.com/v1]\n");
  RunOptions options;
  options.cwd = WINCOMPAT_SOURCE_DIR;
  const std::string chart = kCapsChart;
  const RunResult r =
      run_cli("render " + chart + " --today 2026-12-04 --config " + sh_quote(config.string()), options);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "apiVersion: policy/v1beta1\n"));
  CHECK(contains(r.out, "kind: ServiceMonitor\n"));
  // The command line's version wins over the config's.
  const RunResult flag = run_cli("render " + chart + " --today 2026-12-04 --kube-version 1.31 --config " +
                                     sh_quote(config.string()),
                                 options);
  CHECK(contains(flag.out, "apiVersion: policy/v1\n"));
  CHECK(contains(flag.out, "kubernetes: 1.31\n"));

  dir.write("bad.yaml", "helm:\n  kubeVersion: latest\n  apiVerisons: [x/v1]\n");
  const RunResult bad =
      run_cli("lint " + chart + " --config " + sh_quote((dir / "bad.yaml").string()), options);
  INFO(describe(bad));
  CHECK(bad.status == 2);
  CHECK(contains(bad.out + bad.err, "helm.kubeVersion: invalid kube version 'latest'"));
  CHECK(contains(bad.out + bad.err, "unknown helm key 'apiVerisons'"));
}
