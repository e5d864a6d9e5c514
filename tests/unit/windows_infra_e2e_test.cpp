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
      // A single-build image on Windows nodes of any build.
      {"e2e-images/prepull/prepull-unpinned.yaml", "WC204", 2},
      // A cluster-api flavor read outside its folder (built as LoadRestrictionsNone
      // would), and the Windows DaemonSet it deploys, on any build.
      {"capi-provider/templates/flavors/machinepool-windows/kustomization.yaml", "WC915", 2},
      {"capi-provider/templates/addons/windows/csi-proxy.yaml", "WC204", 2},
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

TEST_CASE("windows-infra tree: a cluster-api flavor that reads outside its folder is built and linted",
          "[e2e][infra][kustomize]") {
  // capi-provider/templates/flavors/machinepool-windows lists a resource and a
  // patch from ../../addons and ../../patches, as cluster-api provider
  // templates do (built with --load-restrictor LoadRestrictionsNone).
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json capi-provider", at);
  INFO(describe(r));
  REQUIRE(r.status == 0);
  const Json doc = Json::parse(r.out);
  std::multiset<Finding> found;
  for (const auto &file : doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      found.insert(
          {file.at("path").get<std::string>(), d.at("code").get<std::string>(), d.at("severity").get<int>()});
      if (d.at("code") == "WC915") {
        // At the line naming the outside file, naming it and the option.
        CHECK(d.at("range").at("start").at("line") == 7);
        CHECK(d.at("message").get<std::string>().find("addons/windows/csi-proxy.yaml") != std::string::npos);
        CHECK(d.at("message").get<std::string>().find("--load-restrictor") != std::string::npos);
      }
    }
  }
  const std::multiset<Finding> expected = {
      // Once for the kustomization, though it reads a resource and a patch outside.
      {"capi-provider/templates/flavors/machinepool-windows/kustomization.yaml", "WC915", 2},
      // The Windows workload was linted, in the file outside the folder.
      {"capi-provider/templates/addons/windows/csi-proxy.yaml", "WC204", 2},
  };
  CHECK(found == expected);

  // Built as the project builds it: the same verdicts, without the warning.
  const RunResult none = run_cli("lint --no-config --today 2026-11-23 --load-restrictor LoadRestrictionsNone "
                                 "--format json capi-provider",
                                 at);
  INFO(describe(none));
  CHECK(none.status == 0);
  CHECK(none.out.find("WC915") == std::string::npos);
  CHECK(none.out.find("WC204") != std::string::npos);
}
