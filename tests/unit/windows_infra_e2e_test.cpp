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
  // Warnings and notes only, except windows-collector/, whose true errors its own test case asserts.
  REQUIRE((r.status == 0 || r.status == 1));
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));

  std::multiset<Finding> warnings;
  std::vector<Json> unknown_images;
  for (const auto &file : doc.at("files")) {
    if (file.at("path").get<std::string>().starts_with("windows-collector/")) {
      continue;
    }
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

TEST_CASE("windows-infra tree: a nanoserver:ltsc2019 release base and an old CSI sidecar get their real "
          "pairing findings",
          "[e2e][infra][catalog]") {
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json windows-collector", at);
  INFO(describe(r));
  REQUIRE(r.status == 1); // the true WC302 errors
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));

  std::map<std::string, std::vector<std::string>> got; // path -> "CODE line: message"
  for (const auto &file : doc.at("files")) {
    const std::string path = file.at("path").get<std::string>();
    got[path]; // every linted file has an outcome, possibly none
    for (const auto &d : file.at("diagnostics")) {
      got[path].push_back(d.at("code").get<std::string>() + " " +
                          std::to_string(d.at("range").at("start").at("line").get<int>() + 1) + ": " +
                          d.at("message").get<std::string>());
    }
  }
  INFO("findings: " << Catch::Detail::stringify(got));
  const auto codes = [&](const std::string &path) {
    std::vector<std::string> out;
    for (const std::string &line : got.at(path)) {
      out.push_back(line.substr(0, line.find(':')));
    }
    return out;
  };
  const std::string dockerfile = "windows-collector/cmd/otelcol-windows/Dockerfile.windows";
  const std::string agent = "windows-collector/deploy/windows-2022/agent-daemonset.yaml";
  const std::string fixed = "windows-collector/deploy/windows-2022/agent-daemonset-fixed.yaml";
  REQUIRE(got.count(dockerfile));
  REQUIRE(got.count(agent));
  REQUIRE(got.count(fixed));
  // The published nanoserver:ltsc2019 tag is no WC105; with no host named, the
  // Dockerfile itself only notes that its pairing is checked elsewhere.
  CHECK(codes(dockerfile) == std::vector<std::string>{"WC906 4"});
  // Through the compose mapping, the image built on 17763 cannot run on the
  // 2022 nodes; livenessprobe v2.2.0 lists a 1809 entry only.
  REQUIRE(codes(agent) == std::vector<std::string>{"WC302 21", "WC302 24"});
  CHECK(got.at(agent)[0].find("10.0.17763") != std::string::npos);
  CHECK(got.at(agent)[1].find("ltsc2022 (10.0.20348) is included from v2.5.0") != std::string::npos);
  // A sidecar with an ltsc2022 entry, and a private image whose tag names ltsc2022.
  CHECK(codes(fixed).empty());
  // A Linux-pinned pod whose private tag reads like a release: no WC202 on a naming convention.
  const std::string linux_pod = "windows-collector/deploy/linux/report-exporter.yaml";
  REQUIRE(got.count(linux_pod));
  CHECK(codes(linux_pod).empty());
}

TEST_CASE("windows-infra tree: only Dockerfiles and manifests are read, gitignored build products are not",
          "[e2e][infra][walk]") {
  // image-builder: a Go package with dockerfile.go and dockerfile_test.go next
  // to a real Dockerfile, a workflow named dockerfile-lint.yml, and a
  // gitignored build/ folder holding an object file and a broken Dockerfile.
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  const auto lint = [&](const std::string &options) {
    const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json " + options + " .", at);
    INFO(describe(r));
    Json doc;
    REQUIRE_NOTHROW(doc = Json::parse(r.out));
    std::map<std::string, std::vector<std::string>> found; // image-builder's files -> codes
    for (const auto &file : doc.at("files")) {
      const std::string path = file.at("path").get<std::string>();
      if (!path.starts_with("image-builder/")) {
        continue;
      }
      auto &codes = found[path];
      for (const auto &d : file.at("diagnostics")) {
        codes.push_back(d.at("code").get<std::string>() + "/" + std::to_string(d.at("severity").get<int>()));
      }
    }
    return found;
  };
  const auto found = lint("");
  std::vector<std::string> paths;
  for (const auto &[path, codes] : found) {
    paths.push_back(path);
    INFO(path << ": " << Catch::Detail::stringify(codes));
    for (const std::string &code : codes) {
      CHECK((code.ends_with("/3") || code.ends_with("/4"))); // notes at most
    }
  }
  CHECK(paths == std::vector<std::string>{"image-builder/pkg/dockerfile/Dockerfile.windows"});
  // With the host it targets, the real Dockerfile is fine.
  const auto with_host = lint("--host ltsc2022");
  REQUIRE(with_host.count("image-builder/pkg/dockerfile/Dockerfile.windows") == 1);
  CHECK(with_host.at("image-builder/pkg/dockerfile/Dockerfile.windows").empty());
  // --no-ignore reads the build products: the broken Dockerfile is there.
  const auto everything = lint("--no-ignore");
  REQUIRE(everything.count("image-builder/build/Dockerfile") == 1);
  CHECK(everything.at("image-builder/build/Dockerfile").front() == "WC901/1");
  CHECK(everything.count("image-builder/build/obj/dockerfile.o") == 0);
  CHECK(everything.count("image-builder/pkg/dockerfile/dockerfile.go") == 0);
}

TEST_CASE("windows-infra tree: a release-tools Dockerfile with OSVERSION unset is WC103 naming OSVERSION",
          "[e2e][infra]") {
  RunOptions at;
  at.cwd = wincompat::test::source_dir() + "/tests/e2e/windows-infra";
  // Linted from the root, as a new user would; the tree's true errors (in
  // windows-collector/) make the status 1, the rest of the tree's outcome is
  // asserted by the whole-tree test.
  const RunResult r = run_cli("lint --no-config --today 2026-11-23 --format json .", at);
  INFO(describe(r));
  REQUIRE(r.status <= 1);
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
