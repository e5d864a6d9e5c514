// `wincompat render` and lint as `helm template` (Helm 4.0): `.Capabilities`
// (the defaults, --kube-version / --api-versions, config `helm:`, and the
// fixture chart tests/charts/fixtures/capabilities, whose templates choose
// API versions and a Windows image from it as real charts do), and which
// rendered templates are manifests.
//
// Manifests, from Helm's source (helm/helm v4.0.0,
// 99cd1964357c793351be481d55abbe21c6b2f4ec): pkg/action/action.go
// renderResources takes every file whose name ends in NOTES.txt out of the
// manifests; pkg/release/v1/util/manifest_sorter.go SortManifests skips
// partials (`_*`) and files that are only whitespace, splits the others with
// SplitManifests (pkg/release/v1/util/manifest.go: the trimmed output cut at
// `---`, each piece trimmed, empty pieces dropped) and fails the whole render
// ("YAML parse error on FILE: ...") when a piece is not an object; `helm
// template` prints each piece after its own "---\n# Source: FILE\n".
#include "e2e_support.hpp"
#include "layers/helm/capabilities.hpp"
#include "layers/helm/manifests.hpp"
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

std::vector<std::string> manifests_pieces(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &[begin, end] : helm::split_manifests(text)) {
    out.push_back(text.substr(begin, end - begin));
  }
  return out;
}

} // namespace

TEST_CASE("the version given to --kube-version is parsed as Helm parses it", "[helm][capabilities]") {
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

TEST_CASE("split_manifests cuts a template's output as Helm's SplitManifests", "[helm][manifests]") {
  using V = std::vector<std::string>;
  CHECK(manifests_pieces("").empty());
  CHECK(manifests_pieces(" \n\t\n").empty());
  CHECK(manifests_pieces("---\n---\n\n").empty());
  CHECK(manifests_pieces("a: 1") == V{"a: 1"});
  CHECK(manifests_pieces("\n\n  a: 1  \n\n") == V{"a: 1"});
  CHECK(manifests_pieces("---\na: 1\n---\nb: 2\n---\n") == V{"a: 1", "b: 2"});
  CHECK(manifests_pieces("a: 1\n---   \n---\nb: 2") == V{"a: 1", "b: 2"});
  CHECK(manifests_pieces("# only a comment\n") == V{"# only a comment"});
  CHECK(manifests_pieces("a: |\n  x\n  ---y\n") == V{"a: |\n  x\n  ---y"}); // indented: not a separator
  CHECK(manifests_pieces("a: 1\n--- # c\nb: 2") == V{"a: 1", "# c\nb: 2"});
  CHECK(manifests_pieces("a: 1\n---b: 2") == V{"a: 1", "b: 2"}); // Helm's pattern needs no break after ---
}

TEST_CASE("render prints what helm template prints, one # Source: per manifest", "[helm][manifests][e2e]") {
  const RunResult r = caps_in_source("render tests/charts/fixtures/not-emitted");
  INFO(describe(r));
  REQUIRE(r.status == 0);
  // Not printed: NOTES.txt (executed: its define is used), a file whose name
  // ends in NOTES.txt, partials, output of only whitespace or `---`.
  CHECK(r.out == "---\n"
                 "# Source: not-emitted/templates/comments.yaml\n"
                 "# Only a comment is left when the object is off: helm template prints it.\n"
                 "---\n"
                 "# Source: not-emitted/templates/multi.yaml\n"
                 "apiVersion: v1\n"
                 "kind: ConfigMap\n"
                 "metadata:\n"
                 "  name: release-name-web-a\n"
                 "data:\n"
                 "  from: \"defined in NOTES.txt\"\n"
                 "---\n"
                 "# Source: not-emitted/templates/multi.yaml\n"
                 "apiVersion: v1\n"
                 "kind: ConfigMap\n"
                 "metadata:\n"
                 "  name: release-name-web-b\n");
  CHECK(r.err.empty());
  CHECK(caps_in_source("lint tests/charts/fixtures/not-emitted --host ltsc2022").status == 0);
}

TEST_CASE("a template that renders text, not objects, fails as in Helm", "[helm][manifests][e2e]") {
  const std::string chart = "tests/charts/fixtures/readme-in-templates";
  const RunResult render = caps_in_source("render " + chart);
  INFO(describe(render));
  CHECK(render.status == 1); // helm template fails
  CHECK(render.out.empty());
  CHECK(contains(render.err,
                 "templates/README.md:1:1: error WC910 templates/README.md renders text that is not a "
                 "Kubernetes object, so Helm fails (YAML parse error on "
                 "readme-in-templates/templates/README.md: error unmarshaling JSON: while decoding JSON: "
                 "json: cannot unmarshal string into Go value of type util.SimpleHead)"));
  // lint reports it at the file and still lints the rest of the chart.
  const RunResult lint = caps_in_source("lint " + chart + " --host ltsc2022 --color never --format json");
  CHECK(lint.status == 1);
  CHECK(contains(lint.out, "\"code\": \"WC910\""));
  CHECK(contains(lint.out, "readme-in-templates/templates/README.md"));
  CHECK(caps_in_source("render " + chart + " --partial").out ==
        "---\n# Source: readme-in-templates/templates/configmap.yaml\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-name-config\n");
}
