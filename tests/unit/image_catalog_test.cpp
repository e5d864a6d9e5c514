// ImageCatalog: which Windows build an image reference stands for
// (rules/data/images.yaml and releases.yaml, docs/how-it-works.md).
#include "test_support.hpp"
#include "wincompat/image_catalog.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace wincompat;
using wincompat::test::ref_of;

namespace {

const std::string kDigestB = "sha256:" + std::string(64, 'b');

ImageResolution resolve(const std::string &text) {
  return ImageCatalog::builtin().resolve(ref_of(text));
}

std::string describe(const ImageResolution &res) {
  return std::string(to_string(res.os)) + " build=" + std::to_string(res.build.build) +
         " family=" + res.family + " token=" + res.version_token + " detail=" + res.detail;
}

/// The version token's text, taken from the tag by offsets.
std::string token_text(const std::string &reference, const ImageResolution &res) {
  const ImageRef ref = ref_of(reference);
  REQUIRE(res.token_begin <= res.token_end);
  REQUIRE(res.token_end <= ref.tag.size());
  return ref.tag.substr(res.token_begin, res.token_end - res.token_begin);
}

struct BuildCase {
  std::string reference;
  uint32_t build;
  std::string token;
  std::string release_id;
};

void check_build(const BuildCase &c) {
  const ImageResolution res = resolve(c.reference);
  INFO(c.reference << " -> " << describe(res));
  CHECK(res.os == ImageOs::WindowsBuild);
  CHECK(res.build.build == c.build);
  CHECK(res.is_windows());
  CHECK(res.version_token == c.token);
  CHECK(token_text(c.reference, res) == c.token);
  REQUIRE(res.release != nullptr);
  CHECK(res.release->id == c.release_id);
  CHECK(res.detail.empty());
}

const std::string kServercore = "mcr.microsoft.com/windows/servercore";
const std::string kNanoserver = "mcr.microsoft.com/windows/nanoserver";
const std::string kServer = "mcr.microsoft.com/windows/server";

} // namespace

TEST_CASE("ImageCatalog: base OS release tags name their build", "[catalog][base-os]") {
  const std::vector<BuildCase> cases{
      {kServercore + ":ltsc2016", 14393, "ltsc2016", "ltsc2016"},
      {kServercore + ":1709", 16299, "1709", "1709"},
      {kServercore + ":1803", 17134, "1803", "1803"},
      {kServercore + ":ltsc2019", 17763, "ltsc2019", "ltsc2019"},
      {kServercore + ":1809", 17763, "1809", "1809"},
      {kServercore + ":1903", 18362, "1903", "1903"},
      {kServercore + ":1909", 18363, "1909", "1909"},
      {kServercore + ":2004", 19041, "2004", "2004"},
      {kServercore + ":20H2", 19042, "20H2", "20H2"},
      {kServercore + ":20h2", 19042, "20h2", "20H2"},
      {kServercore + ":2009", 19042, "2009", "20H2"}, // 2009 is the 20H2 release
      {kServercore + ":ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {kServercore + ":ltsc2025", 26100, "ltsc2025", "ltsc2025"},
      {kNanoserver + ":sac2016", 14393, "sac2016", "ltsc2016"},
      {kNanoserver + ":1809", 17763, "1809", "1809"},
      {kNanoserver + ":ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {kNanoserver + ":ltsc2025", 26100, "ltsc2025", "ltsc2025"},
      {kServer + ":ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {kServer + ":ltsc2025", 26100, "ltsc2025", "ltsc2025"},
      {"mcr.microsoft.com/windows:1809", 17763, "1809", "1809"},
      {"mcr.microsoft.com/windows:ltsc2019", 17763, "ltsc2019", "ltsc2019"},
      {"mcr.microsoft.com/windows:20H2", 19042, "20H2", "20H2"},
      {"microsoft/windowsservercore:ltsc2016", 14393, "ltsc2016", "ltsc2016"},
      {"microsoft/windowsservercore:1803", 17134, "1803", "1803"},
      {"microsoft/nanoserver:sac2016", 14393, "sac2016", "ltsc2016"},
      {"microsoft/nanoserver:1809", 17763, "1809", "1809"},
  };
  for (const auto &c : cases) {
    check_build(c);
  }
}

TEST_CASE("ImageCatalog: base OS build-number tags", "[catalog][base-os]") {
  SECTION("10.0.N.R") {
    const ImageResolution res = resolve(kServercore + ":10.0.17763.5122");
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 17763);
    REQUIRE(res.build.revision.has_value());
    CHECK(*res.build.revision == 5122);
    CHECK(res.version_token == "10.0.17763.5122");
    CHECK(res.token_begin == 0);
    CHECK(res.token_end == 15);
    REQUIRE(res.release != nullptr);
    CHECK(res.release->build == 17763);
  }
  SECTION("10.0.N") {
    const ImageResolution res = resolve(kServercore + ":10.0.20348");
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 20348);
  }
  SECTION("an old 2016 build") {
    const ImageResolution res = resolve(kServercore + ":10.0.14393.2068");
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 14393);
  }
}

TEST_CASE("ImageCatalog: -amd64 and -KB suffixes keep the version token", "[catalog][base-os]") {
  check_build({kServercore + ":10.0.17763.5122-amd64", 17763, "10.0.17763.5122", "ltsc2019"});
  check_build({kServercore + ":ltsc2019-amd64", 17763, "ltsc2019", "ltsc2019"});
  check_build({kServercore + ":ltsc2016-amd64", 14393, "ltsc2016", "ltsc2016"});
  check_build({kServercore + ":1809-KB4571748", 17763, "1809", "1809"});
  const ImageResolution res = resolve(kServercore + ":1809-KB4571748");
  CHECK(res.token_begin == 0);
  CHECK(res.token_end == 4);
}

TEST_CASE("ImageCatalog: base OS images with no tag or 'latest' are unpinned", "[catalog][base-os]") {
  for (const std::string reference :
       {kServercore, kServercore + ":latest", kServercore + ":LATEST", kNanoserver, kServer + ":latest",
        std::string("mcr.microsoft.com/windows"), std::string("microsoft/windowsservercore"),
        std::string("microsoft/nanoserver:latest")}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::WindowsUnpinned);
    CHECK(res.is_windows());
    CHECK_FALSE(res.family.empty());
    CHECK(res.version_token.empty());
  }
}

TEST_CASE("ImageCatalog: nanoserver:ltsc2019 exists next to 1809", "[catalog][base-os]") {
  // Microsoft added the tag around 2023 (jenkinsci/docker-agents #451, #488).
  check_build({kNanoserver + ":ltsc2019", 17763, "ltsc2019", "ltsc2019"});
  check_build({kNanoserver + ":1809", 17763, "1809", "1809"});
  check_build({kNanoserver + ":ltsc2019-amd64", 17763, "ltsc2019", "ltsc2019"});
  SECTION("but not on the frozen Docker Hub name, which stopped at 1809") {
    const ImageResolution legacy = resolve("microsoft/nanoserver:ltsc2019");
    CHECK(legacy.os == ImageOs::WindowsNoSuchVersion);
    CHECK(legacy.detail.find("'1809'") != std::string::npos);
    CHECK(legacy.names_build());
  }
}

TEST_CASE("ImageCatalog: Nano Server 2016 is tagged sac2016 only", "[catalog][no-such-version]") {
  check_build({kNanoserver + ":sac2016", 14393, "sac2016", "ltsc2016"});
  const ImageResolution res = resolve(kNanoserver + ":ltsc2016");
  INFO(describe(res));
  CHECK(res.os == ImageOs::WindowsNoSuchVersion);
  CHECK(res.build.build == 14393);
  CHECK(res.detail.find("'sac2016'") != std::string::npos);
  // servercore has both spellings.
  check_build({kServercore + ":ltsc2016", 14393, "ltsc2016", "ltsc2016"});
}

TEST_CASE("ImageCatalog: a doubted tag still names its build for the pairing checks",
          "[catalog][no-such-version]") {
  for (const std::string &reference : std::vector<std::string>{
           kServer + ":ltsc2019", "mcr.microsoft.com/windows:ltsc2022",
           "microsoft/windowsservercore:ltsc2022",
           "mcr.microsoft.com/dotnet/framework/runtime:4.8.1-windowsservercore-ltsc2019"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.names_build());
  }
  // A name that is no release gives no build.
  CHECK_FALSE(resolve(kServercore + ":ltsc2021").names_build());
}

TEST_CASE("ImageCatalog: windows/server has only 2022 and 2025 images", "[catalog][no-such-version]") {
  const ImageResolution res = resolve(kServer + ":ltsc2019");
  INFO(describe(res));
  CHECK(res.os == ImageOs::WindowsNoSuchVersion);
  CHECK(res.family == "windows-server");
  CHECK(res.build.build == 17763);
  CHECK(res.detail.find("ltsc2019") != std::string::npos);
  CHECK(resolve(kServer + ":1809").os == ImageOs::WindowsNoSuchVersion);
  CHECK(resolve("mcr.microsoft.com/windows:ltsc2022").os == ImageOs::WindowsNoSuchVersion);
  CHECK(resolve("microsoft/windowsservercore:ltsc2022").os == ImageOs::WindowsNoSuchVersion);
}

TEST_CASE("ImageCatalog: versions without container images", "[catalog][no-such-version]") {
  SECTION("ltsc2021 is not a release") {
    const ImageResolution res = resolve(kServercore + ":ltsc2021");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.version_token == "ltsc2021");
    CHECK(res.detail.find("'ltsc2021'") != std::string::npos);
  }
  SECTION("23H2 is a host-only release") {
    const ImageResolution res = resolve(kServercore + ":23H2");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.build.build == 25398);
    REQUIRE(res.release != nullptr);
    CHECK(res.release->id == "23H2");
    CHECK(res.detail.find("23H2") != std::string::npos);
    CHECK(res.detail.find("no container images") != std::string::npos);
  }
  SECTION("10.0.25398 is the 23H2 build") {
    const ImageResolution res = resolve(kServercore + ":10.0.25398");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.build.build == 25398);
    CHECK(res.detail.find("10.0.25398") != std::string::npos);
    CHECK(res.detail.find("23H2") != std::string::npos);
  }
  SECTION("10.0.99999 is no build at all") {
    const ImageResolution res = resolve(kServercore + ":10.0.99999");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.build.build == 99999);
    CHECK(res.detail.find("10.0.99999") != std::string::npos);
  }
  SECTION("a Windows 11 client build") {
    CHECK(resolve(kServercore + ":10.0.22000.1").os == ImageOs::WindowsNoSuchVersion);
  }
  SECTION("21H2 and ltsc2030 look like versions but are not releases with images") {
    CHECK(resolve(kServercore + ":21H2").os == ImageOs::WindowsNoSuchVersion);
    CHECK(resolve(kServercore + ":ltsc2030").os == ImageOs::WindowsNoSuchVersion);
  }
  SECTION("a release alias that is no tag suggests the tag") {
    const ImageResolution res = resolve(kServercore + ":2019");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsNoSuchVersion);
    CHECK(res.build.build == 17763);
    CHECK(res.detail.find("'ltsc2019'") != std::string::npos);
  }
}

TEST_CASE("ImageCatalog: an unrecognised tag on a base OS image is an unknown Windows version",
          "[catalog][base-os]") {
  const ImageResolution res = resolve(kServercore + ":mytag");
  INFO(describe(res));
  CHECK(res.os == ImageOs::WindowsUnknown);
  CHECK(res.is_windows());
  CHECK(res.family == "windows-servercore");
  CHECK(res.detail.find("mytag") != std::string::npos);
}

TEST_CASE("ImageCatalog: a digest alone tells no Windows version", "[catalog]") {
  SECTION("base OS") {
    const ImageResolution res = resolve(kServercore + "@" + kDigestB);
    CHECK(res.os == ImageOs::WindowsUnknown);
    CHECK(res.detail.find("digest") != std::string::npos);
  }
  SECTION("a Windows-only repository") {
    const ImageResolution res = resolve("mcr.microsoft.com/dotnet/framework/aspnet@" + kDigestB);
    CHECK(res.os == ImageOs::WindowsUnknown);
    CHECK(res.detail.find("digest") != std::string::npos);
  }
  SECTION("tag@digest keeps the tag's version") {
    const ImageResolution res = resolve(kServercore + ":ltsc2022@" + kDigestB);
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 20348);
  }
}

TEST_CASE("ImageCatalog: Insider images", "[catalog][insider]") {
  SECTION("a build tag pins the build") {
    const ImageResolution res = resolve("mcr.microsoft.com/windows/servercore/insider:10.0.19035.1");
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.family == "windows-insider");
    CHECK(res.build.build == 19035);
    CHECK(res.version_token == "10.0.19035.1");
    CHECK(res.token_begin == 0);
    CHECK(res.token_end == 12);
  }
  SECTION("untagged Insider images change with every flight") {
    for (const std::string reference :
         {"mcr.microsoft.com/windows/servercore/insider", "mcr.microsoft.com/windows/insider:latest",
          "microsoft/nanoserver-insider", "microsoft/windowsservercore-insider",
          "microsoft/windows-insider"}) {
      const ImageResolution res = resolve(reference);
      INFO(reference << " -> " << describe(res));
      CHECK(res.os == ImageOs::WindowsUnknown);
      CHECK(res.family == "windows-insider");
      CHECK(res.detail.find("Insider") != std::string::npos);
    }
  }
  SECTION("an -insider variant in a derived image's tag") {
    const ImageResolution res = resolve("python:3-windowsservercore-insider");
    CHECK(res.os == ImageOs::WindowsUnknown);
    CHECK(res.variant == "windowsservercore");
  }
}

TEST_CASE("ImageCatalog: .NET Framework plain tags are Windows manifest lists", "[catalog][windows-only]") {
  for (const std::string reference :
       {"mcr.microsoft.com/dotnet/framework/aspnet:4.8.1", "mcr.microsoft.com/dotnet/framework/sdk:4.8",
        "mcr.microsoft.com/dotnet/framework/runtime", "microsoft/dotnet-framework:4.7.2",
        "microsoft/aspnet"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::WindowsMultiPlatform);
    CHECK(res.is_windows());
    CHECK(res.family.ends_with("dotnet-framework")); // legacy-dotnet-framework for Docker Hub
    CHECK(res.version_token.empty());
  }
}

TEST_CASE("ImageCatalog: a variant tag on .NET Framework pins the build", "[catalog][windows-only]") {
  const std::string reference = "mcr.microsoft.com/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022";
  const ImageResolution res = resolve(reference);
  INFO(describe(res));
  CHECK(res.os == ImageOs::WindowsBuild);
  CHECK(res.build.build == 20348);
  CHECK(res.family == "dotnet-framework");
  CHECK(res.variant == "windowsservercore");
  CHECK(res.version_token == "ltsc2022");
  // "4.8.1-windowsservercore-" is 24 bytes.
  CHECK(res.token_begin == 24);
  CHECK(res.token_end == 32);
  CHECK(token_text(reference, res) == "ltsc2022");
  SECTION("the token offsets add to the tag's offsets to point into the reference") {
    const ImageRef ref = ref_of(reference);
    CHECK(reference.substr(ref.tag_begin + res.token_begin, res.token_end - res.token_begin) == "ltsc2022");
  }
}

TEST_CASE("ImageCatalog: date-stamped variant tags", "[catalog][windows-only]") {
  SECTION("4.8.1-20260714-windowsservercore-ltsc2025") {
    const std::string reference =
        "mcr.microsoft.com/dotnet/framework/sdk:4.8.1-20260714-windowsservercore-ltsc2025";
    const ImageResolution res = resolve(reference);
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 26100);
    CHECK(res.version_token == "ltsc2025");
    CHECK(res.token_begin == 33);
    CHECK(res.token_end == 41);
    CHECK(token_text(reference, res) == "ltsc2025");
  }
  SECTION("iis:20250408-windowsservercore-ltsc2022") {
    const std::string reference =
        "mcr.microsoft.com/windows/servercore/iis:20250408-windowsservercore-ltsc2022";
    const ImageResolution res = resolve(reference);
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 20348);
    CHECK(token_text(reference, res) == "ltsc2022");
  }
}

TEST_CASE("ImageCatalog: IIS images", "[catalog][windows-only]") {
  SECTION("windowsservercore-ltsc2022") {
    const std::string reference = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";
    const ImageResolution res = resolve(reference);
    INFO(describe(res));
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 20348);
    CHECK(res.family == "iis");
    CHECK(res.variant == "windowsservercore");
    CHECK(res.token_begin == 18);
    CHECK(res.token_end == 26);
  }
  SECTION("untagged and latest are multi-platform") {
    for (const std::string reference : {"mcr.microsoft.com/windows/servercore/iis",
                                        "mcr.microsoft.com/windows/servercore/iis:latest", "microsoft/iis"}) {
      const ImageResolution res = resolve(reference);
      INFO(reference << " -> " << describe(res));
      CHECK(res.os == ImageOs::WindowsMultiPlatform);
      CHECK(res.family.ends_with("iis")); // legacy-iis for Docker Hub
    }
  }
}

TEST_CASE("ImageCatalog: a standalone variant marker is a multi-platform Windows tag",
          "[catalog][multi-os]") {
  for (const std::string reference : {"python:3.12-windowsservercore", "docker:windowsservercore",
                                      "mcr.microsoft.com/powershell:nanoserver", "golang:1.22-nanoserver"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::WindowsMultiPlatform);
    CHECK_FALSE(res.variant.empty());
  }
  CHECK(resolve("python:3.12-windowsservercore").variant == "windowsservercore");
}

TEST_CASE("ImageCatalog: multi-OS repositories with plain tags", "[catalog][multi-os]") {
  for (const std::string reference :
       {"python:3.12", "python", "golang:1.22", "mcr.microsoft.com/dotnet/aspnet:8.0",
        "mcr.microsoft.com/powershell:lts", "registry.k8s.io/pause:3.9"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::MultiOs);
    CHECK_FALSE(res.is_windows());
  }
}

TEST_CASE("ImageCatalog: variant tags on multi-OS repositories pin the build", "[catalog][multi-os]") {
  const std::vector<BuildCase> cases{
      {"golang:1.22-nanoserver-ltsc2025", 26100, "ltsc2025", "ltsc2025"},
      {"golang:1.22-nanoserver-1809", 17763, "1809", "1809"},
      {"python:3.12-windowsservercore-ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {"mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {"mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022", 20348, "ltsc2022", "ltsc2022"},
      {"mcr.microsoft.com/powershell:nanoserver-1809", 17763, "1809", "1809"},
      {"mongo:7.0-windowsservercore-1809", 17763, "1809", "1809"},
  };
  for (const auto &c : cases) {
    check_build(c);
  }
  const ImageResolution golang = resolve("golang:1.22-nanoserver-ltsc2025");
  CHECK(golang.variant == "nanoserver");
  CHECK(golang.token_begin == 16);
  CHECK(golang.token_end == 24);
  CHECK(golang.family == "docker-official-with-windows");
}

TEST_CASE("ImageCatalog: a variant tag naming a version without images", "[catalog][no-such-version]") {
  const ImageResolution res =
      resolve("mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2021");
  INFO(describe(res));
  CHECK(res.os == ImageOs::WindowsNoSuchVersion);
  CHECK(res.version_token == "ltsc2021");
  CHECK(res.token_begin == 22);
  CHECK(res.token_end == 30);
}

TEST_CASE("ImageCatalog: Linux-only images", "[catalog][linux]") {
  for (const std::string reference :
       {"alpine:3.19", "alpine", "ubuntu:22.04", "nginx:1.25", "debian:bookworm", "gcr.io/distroless/static",
        "bitnami/redis:7.2", "mcr.microsoft.com/dotnet/runtime-deps:8.0"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::Linux);
    CHECK_FALSE(res.is_windows());
  }
  SECTION("unless the tag names a Windows base") {
    const ImageResolution res = resolve("alpine:3.19-windowsservercore-ltsc2022");
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 20348);
  }
}

TEST_CASE("ImageCatalog: the HostProcess base image runs on any build", "[catalog]") {
  for (const std::string reference :
       {"mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
        "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::HostProcess);
    CHECK(res.is_windows());
    CHECK(res.family == "host-process");
  }
}

TEST_CASE("ImageCatalog: scratch", "[catalog]") {
  const ImageResolution res = resolve("scratch");
  CHECK(res.os == ImageOs::Scratch);
  CHECK_FALSE(res.is_windows());
}

TEST_CASE("ImageCatalog: private images are unknown", "[catalog]") {
  for (const std::string reference : {"myregistry.azurecr.io/app:1.0", "myregistry.azurecr.io/app",
                                      "localhost:5000/app:1.0-windows", "contoso/app:latest"}) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::Unknown);
    CHECK(res.family.empty());
    CHECK_FALSE(res.is_windows());
  }
  SECTION("but a private image tagged with a variant and version is that build") {
    const ImageResolution res = resolve("myregistry.azurecr.io/app:1.0-servercore-ltsc2019");
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == 17763);
    CHECK(res.variant == "servercore");
    CHECK(res.family.empty());
  }
}

TEST_CASE("ImageCatalog: every family in images.yaml resolves its repositories", "[catalog][data]") {
  const ImageCatalog &catalog = ImageCatalog::builtin();
  const ReleaseCatalog &releases = ReleaseCatalog::builtin();
  REQUIRE(catalog.families().size() >= 10);
  for (const auto &family : catalog.families()) {
    REQUIRE_FALSE(family.repositories.empty());
    for (std::string repository : family.repositories) {
      if (repository.ends_with("/*")) {
        repository = repository.substr(0, repository.size() - 1) + "some-image";
      }
      INFO("family " << family.id << " (" << family.kind << "), repository " << repository);
      const ImageResolution plain = resolve(repository + ":1.0");
      CHECK(plain.family == family.id);
      if (family.kind == "base-os") {
        CHECK(resolve(repository).os == ImageOs::WindowsUnpinned);
        CHECK(plain.os == ImageOs::WindowsUnknown);
        // Every release listed for the repository resolves by its preferred tag.
        REQUIRE_FALSE(family.releases.empty());
        for (const auto &id : family.releases) {
          const Release *release = releases.find_name(id);
          INFO("release " << id);
          REQUIRE(release != nullptr);
          REQUIRE_FALSE(release->tags.empty());
          std::string tag = release->tags.front();
          for (const auto &[restricted, spellings] : family.release_tags) {
            if (restricted == id && !spellings.empty()) {
              tag = spellings.front(); // nanoserver 2016 is sac2016
            }
          }
          const ImageResolution res = resolve(repository + ":" + tag);
          CHECK(res.os == ImageOs::WindowsBuild);
          CHECK(res.build.build == release->build);
        }
      } else if (family.kind == "insider") {
        CHECK(plain.os == ImageOs::WindowsUnknown);
        CHECK(resolve(repository + ":10.0.26080.1").build.build == 26080);
      } else if (family.kind == "windows-only") {
        CHECK(plain.os == ImageOs::WindowsMultiPlatform);
      } else if (family.kind == "host-process") {
        CHECK(plain.os == ImageOs::HostProcess);
      } else if (family.kind == "multi-os") {
        CHECK(plain.os == ImageOs::MultiOs);
      } else if (family.kind == "linux") {
        CHECK(plain.os == ImageOs::Linux);
      } else {
        FAIL("unexpected family kind " << family.kind);
      }
      if (family.kind != "base-os" && family.kind != "insider" && family.kind != "host-process") {
        // Whatever the repository, a variant tag with a version pins the build.
        // A frozen Docker Hub repository never got an ltsc2022 tag.
        const ImageResolution pinned = resolve(repository + ":1.0-windowsservercore-ltsc2022");
        CHECK(pinned.os == (family.frozen ? ImageOs::WindowsNoSuchVersion : ImageOs::WindowsBuild));
        CHECK(pinned.build.build == 20348);
      }
    }
  }
}

TEST_CASE("ImageCatalog::version_token_for: the token that names another build", "[catalog][fix]") {
  const ImageCatalog &catalog = ImageCatalog::builtin();
  const auto token_for = [&](const std::string &reference, uint32_t build) {
    const ImageRef ref = ref_of(reference);
    return catalog.version_token_for(ref, catalog.resolve(ref), build);
  };
  SECTION("servercore 17763 is ltsc2019") {
    CHECK(token_for(kServercore + ":ltsc2022", 17763) == "ltsc2019");
    CHECK(token_for(kServercore + ":ltsc2019", 20348) == "ltsc2022");
    CHECK(token_for(kServercore + ":ltsc2022", 26100) == "ltsc2025");
    CHECK(token_for(kServercore + ":ltsc2019", 14393) == "ltsc2016");
  }
  SECTION("nanoserver 17763 is 1809") {
    CHECK(token_for(kNanoserver + ":ltsc2022", 17763) == "1809");
    CHECK(token_for(kNanoserver + ":ltsc2019", 20348) == "ltsc2022");
    CHECK(token_for(kNanoserver + ":ltsc2022", 14393) == "sac2016");
    // A frozen Docker Hub repository gets no new tag (its fix moves to MCR: see retag).
    CHECK(token_for("microsoft/nanoserver:sac2016", 17763).empty());
  }
  SECTION("a numeric token stays numeric") {
    CHECK(token_for(kServercore + ":10.0.20348.2113", 17763) == "10.0.17763");
    CHECK(token_for(kServercore + ":10.0.17763.5122-amd64", 20348) == "10.0.20348");
  }
  SECTION("the variant decides the spelling for derived images") {
    CHECK(token_for("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022", 17763) == "1809");
    CHECK(token_for("mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", 17763) ==
          "ltsc2019");
    CHECK(token_for("python:3.12-windowsservercore-1809", 20348) == "ltsc2022");
  }
  SECTION("no image of that build: empty") {
    CHECK(token_for(kServercore + ":ltsc2022", 25398).empty()); // 23H2 has no images
    CHECK(token_for(kServer + ":ltsc2022", 17763).empty());     // no windows/server 2019
    CHECK(token_for("mcr.microsoft.com/windows:1809", 20348).empty());
    CHECK(token_for(kServercore + ":ltsc2022", 12345).empty());
  }
  SECTION("no version token: empty") {
    CHECK(token_for(kServercore, 20348).empty());
    CHECK(token_for("mcr.microsoft.com/dotnet/framework/aspnet:4.8.1", 20348).empty());
    CHECK(token_for("python:3.12", 20348).empty());
  }
}

TEST_CASE("ImageCatalog::parse reads a catalog from YAML data", "[catalog][data]") {
  const std::string yaml = R"(
variantMarkers:
  standalone: [windowsservercore]
  withVersion: [win]
families:
  - id: contoso-base
    kind: base-os
    repositories: [contoso.azurecr.io/base]
    releases: [ltsc2022]
  - id: contoso-apps
    kind: windows-only
    repositories: [contoso.azurecr.io/apps/*]
)";
  const ImageCatalog catalog = ImageCatalog::parse(yaml, ReleaseCatalog::builtin());
  REQUIRE(catalog.families().size() == 2);
  CHECK(catalog.families()[0].id == "contoso-base");
  CHECK(catalog.families()[0].releases == std::vector<std::string>{"ltsc2022"});
  CHECK(catalog.families()[1].repositories == std::vector<std::string>{"contoso.azurecr.io/apps/*"});

  const ImageResolution base = catalog.resolve(ref_of("contoso.azurecr.io/base:ltsc2022"));
  CHECK(base.os == ImageOs::WindowsBuild);
  CHECK(base.build.build == 20348);
  CHECK(catalog.resolve(ref_of("contoso.azurecr.io/base:ltsc2019")).os == ImageOs::WindowsNoSuchVersion);
  CHECK(catalog.resolve(ref_of("contoso.azurecr.io/apps/web:1.0")).os == ImageOs::WindowsMultiPlatform);
  // Only the markers this catalog lists count.
  CHECK(catalog.resolve(ref_of("app:1.0-win-ltsc2022")).build.build == 20348);
  CHECK(catalog.resolve(ref_of("app:1.0-nanoserver")).os == ImageOs::Unknown);
  // A release name in the tag counts whatever the markers.
  CHECK(catalog.resolve(ref_of("app:1.0-nanoserver-ltsc2022")).from_tag);
  // Repositories the builtin catalog knows are unknown here.
  CHECK(catalog.resolve(ref_of("alpine:3.19")).os == ImageOs::Unknown);
}

TEST_CASE("to_string(ImageOs) names every value", "[catalog]") {
  CHECK(to_string(ImageOs::WindowsBuild) == "windows");
  CHECK(to_string(ImageOs::WindowsMultiPlatform) == "windows-multi-platform");
  CHECK(to_string(ImageOs::WindowsUnpinned) == "windows-unpinned");
  CHECK(to_string(ImageOs::WindowsNoSuchVersion) == "windows-no-such-version");
  CHECK(to_string(ImageOs::WindowsUnknown) == "windows-unknown-version");
  CHECK(to_string(ImageOs::HostProcess) == "windows-hostprocess");
  CHECK(to_string(ImageOs::MultiOs) == "multi-os");
  CHECK(to_string(ImageOs::Linux) == "linux");
  CHECK(to_string(ImageOs::Scratch) == "scratch");
  CHECK(to_string(ImageOs::Unknown) == "unknown");
}

TEST_CASE("ImageCatalog: every family records the public sources of its data", "[catalog][data][sources]") {
  for (const auto &family : ImageCatalog::builtin().families()) {
    INFO("family " << family.id);
    REQUIRE_FALSE(family.sources.empty());
    for (const std::string &source : family.sources) {
      // A page someone can open (or the images' own build files, named).
      CHECK(source.size() > 10);
    }
    // Every release a tag list or a version span names is a release the tool knows.
    for (const std::string &id : family.releases) {
      CHECK(ReleaseCatalog::builtin().find_name(id) != nullptr);
    }
    for (const auto &span : family.windows_builds) {
      CHECK(ReleaseCatalog::builtin().find_name(span.release) != nullptr);
      CHECK_FALSE(span.from.empty());
    }
  }
}

TEST_CASE("ImageCatalog: a Windows release name in any repository's tag gives the build",
          "[catalog][tag-convention]") {
  struct Case {
    std::string reference;
    uint32_t build;
    std::string token;
  };
  for (const Case &c : std::vector<Case>{
           {"myacr.azurecr.io/team/agent:ltsc2019", 17763, "ltsc2019"},
           {"myacr.azurecr.io/team/agent:LTSC2022", 20348, "LTSC2022"},
           {"myacr.azurecr.io/team/agent:ltsc2025", 26100, "ltsc2025"},
           {"myacr.azurecr.io/team/agent:1809", 17763, "1809"},
           {"myacr.azurecr.io/team/agent:20H2", 19042, "20H2"},
           {"myacr.azurecr.io/team/agent:1.0-ltsc2019", 17763, "ltsc2019"},
           {"myacr.azurecr.io/team/agent:ltsc2022-amd64", 20348, "ltsc2022"},
           {"myacr.azurecr.io/team/agent:1.0-windowsservercore-ltsc2019", 17763, "ltsc2019"},
           {"example/csi-driver:nanoserver-1809", 17763, "1809"},
           {"example/csi-driver:v2.0.1-windows-1809-amd64", 17763, "1809"},
           {"example/csi-driver:v2.0.1-1809-win", 17763, "1809"},
       }) {
    const ImageResolution res = resolve(c.reference);
    INFO(c.reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::WindowsBuild);
    CHECK(res.build.build == c.build);
    CHECK(res.from_tag);
    CHECK(token_text(c.reference, res) == c.token);
  }
  SECTION("numeric words need to be the whole tag or sit next to a Windows word") {
    for (const std::string reference :
         {"myacr.azurecr.io/team/app:1.2-2004", "myacr.azurecr.io/team/app:2004-01-15",
          "myacr.azurecr.io/team/app:1809-amd64", "myacr.azurecr.io/team/app:v1809",
          "myacr.azurecr.io/team/app:1.0-ltsc2021", "myacr.azurecr.io/team/app:23H2",
          "myacr.azurecr.io/team/app:ltsc2019x",
          // A Linux image made for a Windows release (e2e windows-servercore-cache).
          "myacr.azurecr.io/team/windows-servercore-cache:1.0-linux-amd64-ltsc2022",
          "myacr.azurecr.io/team/tools:ltsc2022-alpine"}) {
      const ImageResolution res = resolve(reference);
      INFO(reference << " -> " << describe(res));
      CHECK(res.os == ImageOs::Unknown);
      CHECK_FALSE(res.from_tag);
    }
  }
  SECTION("catalog repositories keep their own tag grammar") {
    CHECK_FALSE(resolve(kServercore + ":ltsc2019").from_tag);
    CHECK(resolve("alpine:ltsc2019").os == ImageOs::Linux);
    CHECK_FALSE(resolve("python:3.12-windowsservercore-ltsc2022").from_tag);
  }
}

TEST_CASE("ImageCatalog: multi-build images list Windows builds per version", "[catalog][multi-build]") {
  const auto builds_of = [](const std::string &reference) {
    const ImageResolution res = resolve(reference);
    INFO(reference << " -> " << describe(res));
    CHECK(res.os == ImageOs::MultiOs);
    CHECK(res.has_build_data);
    std::vector<uint32_t> out;
    for (const WindowsBuild &b : res.windows_builds) {
      out.push_back(b.build);
    }
    return out;
  };
  const std::string liveness = "registry.k8s.io/sig-storage/livenessprobe";
  const std::string registrar = "registry.k8s.io/sig-storage/csi-node-driver-registrar";
  CHECK(builds_of(liveness + ":v2.2.0") == std::vector<uint32_t>{17763});
  CHECK(builds_of(liveness + ":v2.4.0") == std::vector<uint32_t>{17763, 18363, 19041, 19042});
  CHECK(builds_of(liveness + ":v2.5.0") == std::vector<uint32_t>{17763, 18363, 19041, 19042, 20348});
  CHECK(builds_of(liveness + ":v2.12.0") == std::vector<uint32_t>{17763, 20348});
  CHECK(builds_of(registrar + ":v2.0.1") == std::vector<uint32_t>{17763});
  CHECK(builds_of(registrar + ":v2.4.0") == std::vector<uint32_t>{17763, 18363, 19041, 19042, 20348});
  CHECK(builds_of(registrar + ":v2.10.0") == std::vector<uint32_t>{17763, 20348});
  CHECK(builds_of("registry.k8s.io/pause:3.4") == std::vector<uint32_t>{17763, 18362, 18363, 19041});
  CHECK(builds_of("registry.k8s.io/pause:3.4.1") == std::vector<uint32_t>{17763, 18362, 18363, 19041, 19042});
  CHECK(builds_of("registry.k8s.io/pause:3.9") == std::vector<uint32_t>{17763, 20348});
  SECTION("the note says from which version a missing build is included") {
    const ImageResolution res = resolve(liveness + ":v2.2.0");
    CHECK(res.builds_known);
    CHECK(res.builds_note.find("ltsc2022 (10.0.20348) is included from v2.5.0") != std::string::npos);
  }
  SECTION("versions outside the data are unknown, never assumed") {
    for (const std::string &reference :
         std::vector<std::string>{liveness + ":latest", liveness + ":v2.0.0", liveness, registrar + ":v1.3.0",
                                  registrar + ":canary", "registry.k8s.io/pause:3.2"}) {
      const ImageResolution res = resolve(reference);
      INFO(reference << " -> " << describe(res));
      CHECK(res.os == ImageOs::MultiOs);
      CHECK(res.has_build_data);
      CHECK_FALSE(res.builds_known);
      CHECK(res.windows_builds.empty());
      CHECK_FALSE(res.detail.empty());
    }
  }
  SECTION("MCR rebuilds take the data as a lower bound") {
    const ImageResolution res = resolve("mcr.microsoft.com/oss/kubernetes-csi/livenessprobe:v2.2.0");
    CHECK(res.builds_known);
    CHECK(res.builds_lower_bound);
    CHECK_FALSE(resolve(liveness + ":v2.2.0").builds_lower_bound);
  }
}
