// A tree shaped like public Windows infrastructure repositories
// (tests/e2e/windows-infra: a CSI driver with versioned manifests and
// cross-built Dockerfiles, an e2e repository of prepull DaemonSets), linted at
// its root with no configuration as a new user would: no false error, and a
// warning only where the user has something to do.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace wincompat;
using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

struct Finding {
  std::string path;
  std::string code;
  int severity = 0;
  auto operator<=>(const Finding &) const = default;
};

} // namespace

TEST_CASE("windows-infra tree: no false error, a warning only where there is something to do",
          "[e2e][infra]") {
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json .", at);
  INFO(describe(r));
  REQUIRE(r.status == 0); // warnings and notes only
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));

  std::multiset<Finding> warnings;
  std::vector<Json> unknown_images;
  for (const auto &file : doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      const Finding f{file.at("path").get<std::string>(), d.at("code").get<std::string>(),
                      d.at("severity").get<int>()};
      INFO(f.path << " " << f.code << ": " << d.at("message").get<std::string>());
      CHECK(f.severity != 1); // no error
      if (f.severity == 2) {
        warnings.insert(f);
      }
      if (f.code == "WC208") {
        unknown_images.push_back(d);
      }
    }
  }
  const std::multiset<Finding> expected = {
      // ARG WINDOWS_VERSION= left empty for the CI matrix: both stages unresolved.
      {"csi-driver/pkg/smbplugin/Dockerfile.matrix", "WC103", 2},
      {"csi-driver/pkg/smbplugin/Dockerfile.matrix", "WC103", 2},
      // FROM $BASEIMAGE with no value.
      {"e2e-images/images/agnhost/Dockerfile_windows", "WC103", 2},
      // release-tools: BASE_IMAGE=nanoserver:${OSVERSION} with OSVERSION unset.
      {"csi-sidecar/Dockerfile.Windows", "WC103", 2},
      // A single-build image on Windows nodes of any build.
      {"e2e-images/prepull/prepull-unpinned.yaml", "WC204", 2},
  };
  std::vector<std::string> got;
  for (const Finding &f : warnings) {
    got.push_back(f.path + " " + f.code);
  }
  INFO("warnings: " << Catch::Detail::stringify(got));
  CHECK(warnings == expected);

  // One WC208 for the private image used by two Jobs, the other use as related information.
  REQUIRE(unknown_images.size() == 1);
  CHECK(unknown_images[0].at("relatedInformation").size() == 1);
}

TEST_CASE("windows-infra tree: a release-tools Dockerfile with OSVERSION unset is WC103 naming OSVERSION",
          "[e2e][infra]") {
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json .", at);
  INFO(describe(r));
  REQUIRE(r.status == 0);
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));
  std::map<std::string, std::vector<Json>> by_path;
  for (const auto &file : doc.at("files")) {
    const std::string path = file.at("path").get<std::string>();
    if (path.starts_with("csi-sidecar/")) {
      by_path[path] = file.at("diagnostics").get<std::vector<Json>>();
    }
  }
  // ARG OSVERSION / ARG BASE_IMAGE=nanoserver:${OSVERSION} / FROM ${REGISTRY}/${BASE_IMAGE}
  REQUIRE(by_path.count("csi-sidecar/Dockerfile.Windows"));
  const std::vector<Json> &windows = by_path["csi-sidecar/Dockerfile.Windows"];
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].at("code") == "WC103");
  CHECK(windows[0].at("severity") == 2);
  const std::string message = windows[0].at("message").get<std::string>();
  CHECK(message.find("ARG OSVERSION has no value") != std::string::npos);
  CHECK(message.find("--build-arg OSVERSION=") != std::string::npos);
  CHECK(windows[0].at("range").at("start").at("line") == 7);       // FROM ${REGISTRY}/${BASE_IMAGE}
  CHECK(windows[0].at("range").at("start").at("character") == 17); // at ${BASE_IMAGE}
  // The Linux Dockerfile beside it is clean; the Go source is not read.
  CHECK(by_path["csi-sidecar/Dockerfile"].empty());
  CHECK(!by_path.count("csi-sidecar/cmd/livenessprobe/main.go"));

  // release-tools passes OSVERSION: then the image resolves and is paired with the host.
  const RunResult built =
      run_cli("lint --no-config --today 2026-11-23 --build-arg OSVERSION=ltsc2022 --host ltsc2019 "
              "--format json csi-sidecar/Dockerfile.Windows",
              at);
  INFO(describe(built));
  Json built_doc;
  REQUIRE_NOTHROW(built_doc = Json::parse(built.out));
  std::vector<std::string> codes;
  for (const auto &file : built_doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      codes.push_back(d.at("code").get<std::string>());
    }
  }
  CHECK(codes == std::vector<std::string>{"WC301"}); // a 20348 image on a 17763 host
}
