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

// Issue #17, item 8: two environments sharing one values file
// (fleet-gitops: a chart deployed to staging and production, each with its
// own values file over the shared values.yaml).
TEST_CASE("windows-infra tree: two environments sharing one values file, and --fix converges",
          "[e2e][infra][fix]") {
  const std::string tree = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const auto findings_under = [](const Json &doc, const std::string &prefix) {
    std::vector<Json> out;
    for (const auto &file : doc.at("files")) {
      if (file.at("path").get<std::string>().starts_with(prefix)) {
        for (const auto &d : file.at("diagnostics")) {
          out.push_back(Json{{"path", file.at("path")}, {"diagnostic", d}});
        }
      }
    }
    return out;
  };
  SECTION("linted at the tree's root with no config: the chart's own values are fine") {
    RunOptions at;
    at.cwd = tree;
    const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json .", at);
    INFO(describe(r));
    const Json doc = Json::parse(r.out);
    const auto found = findings_under(doc, "fleet-gitops/");
    INFO(Json(found).dump(2));
    CHECK(found.empty());
  }
  SECTION("linted with its config: production's WC301 at the shared line, with no fix") {
    RunOptions at;
    at.cwd = tree + "/fleet-gitops";
    const RunResult r = run_cli("lint --today 2026-11-23 --format json .", at);
    INFO(describe(r));
    CHECK(r.status == 1);
    const auto found = findings_under(Json::parse(r.out), "");
    INFO(Json(found).dump(2));
    REQUIRE(found.size() == 1);
    const Json &d = found[0].at("diagnostic");
    CHECK(found[0].at("path") == "charts/event-forwarder/values.yaml");
    CHECK(d.at("code") == "WC301");
    CHECK(d.at("range").at("start").at("line") == 2); // tag: ltsc2022
    CHECK(d.at("data").at("environment") == "production");
    CHECK_FALSE(d.at("data").contains("fix"));
    const std::string message = d.at("message");
    CHECK(message.find("no automatic fix: this line is also rendered by environment staging") !=
          std::string::npos);
    CHECK(message.find("set the value in charts/event-forwarder/values-production.yaml") !=
          std::string::npos);
  }
  SECTION("--fix twice on a copy changes nothing and adds no finding") {
    TempDir dir;
    fs::copy(tree + "/fleet-gitops", dir.path(), fs::copy_options::recursive);
    RunOptions at;
    at.cwd = dir.path();
    const std::string values = slurp(dir / "charts/event-forwarder/values.yaml");
    const RunResult before = run_cli("lint --today 2026-11-23 --format json .", at);
    for (int run = 0; run < 2; ++run) {
      const RunResult fix = run_cli("lint --today 2026-11-23 --fix .", at);
      INFO(describe(fix));
      CHECK(fix.err.find("fixed") == std::string::npos);
      CHECK(slurp(dir / "charts/event-forwarder/values.yaml") == values);
    }
    const RunResult after = run_cli("lint --today 2026-11-23 --format json .", at);
    CHECK(after.out == before.out);
  }
}
