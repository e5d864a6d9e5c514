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
