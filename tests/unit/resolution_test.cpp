// Resolving what the files already say: BuildKit's automatic ARGs, empty
// ARGs, build-host stages, mirrors, published tags and certain fixes
// (issue "No silent passes", parts 3-6).
#include "test_support.hpp"

#include "wincompat/dockerfile.hpp"
#include "wincompat/image_catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

using namespace wincompat;
using wincompat::test::ref_of;

namespace {

struct Built {
  std::unique_ptr<SourceFile> source;
  DockerfileModel model;
};

Built build(const std::string &text, const DockerfileInputs &inputs = {}) {
  Built out;
  out.source = std::make_unique<SourceFile>("Dockerfile", text);
  out.model = build_dockerfile_model(*out.source, inputs);
  return out;
}

ImageResolution resolve(const std::string &text) {
  return ImageCatalog::builtin().resolve(ref_of(text));
}

/// The reference after the catalog's retag to `build`, or "" when none.
std::string retagged(const std::string &text, uint32_t build) {
  const ImageRef ref = ref_of(text);
  const auto retag = ImageCatalog::builtin().retag(ref, ImageCatalog::builtin().resolve(ref), build);
  if (!retag) {
    return "";
  }
  return text.substr(0, retag->begin) + retag->text + text.substr(retag->end);
}

bool has_code(const FileResult &result, const std::string &code) {
  return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                     [&](const Diagnostic &d) { return d.code == code; });
}

const Diagnostic *find_code(const FileResult &result, const std::string &code) {
  for (const Diagnostic &d : result.diagnostics) {
    if (d.code == code) {
      return &d;
    }
  }
  return nullptr;
}

} // namespace

// ---- Part 4: BuildKit's automatic ARGs, empty ARGs, build-host stages -------------

TEST_CASE("automatic platform ARGs take BuildKit's values for a Windows target", "[resolution][args]") {
  const Built b = build("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022-${TARGETARCH}\n");
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.unresolved.empty());
  CHECK(stage.image.value == "mcr.microsoft.com/windows/nanoserver:ltsc2022-amd64");
  CHECK(stage.resolution.os == ImageOs::WindowsBuild);
  CHECK(stage.resolution.build.build == 20348);
  // They are not user-declared global ARGs.
  CHECK(b.model.global_args.empty());
}

TEST_CASE("a --build-arg overrides an automatic ARG; a declaration without value keeps it",
          "[resolution][args]") {
  SECTION("declared without a value: BuildKit's value") {
    const Built b =
        build("ARG TARGETARCH\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022-${TARGETARCH}\n");
    CHECK(b.model.stages[0].image.value.ends_with("ltsc2022-amd64"));
  }
  SECTION("given on the command line") {
    DockerfileInputs inputs;
    inputs.build_args["TARGETARCH"] = "arm64";
    const Built b = build("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022-${TARGETARCH}\n", inputs);
    CHECK(b.model.stages[0].image.value.ends_with("ltsc2022-arm64"));
  }
}

TEST_CASE("an empty ARG leaving servercore: untagged is unresolved, not a syntax error",
          "[resolution][args]") {
  SECTION("ARG with an empty default") {
    const Built b =
        build("ARG WINDOWS_VERSION=\nFROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}\n");
    CHECK(b.model.parsed.errors.empty());
    REQUIRE(b.model.stages.size() == 1);
    CHECK(b.model.stages[0].unresolved == std::vector<std::string>{"WINDOWS_VERSION"});
    CHECK(b.model.stages[0].empty_args == std::vector<std::string>{"WINDOWS_VERSION"});
    REQUIRE(b.model.stages[0].ref);
    CHECK(b.model.stages[0].ref->name() == "mcr.microsoft.com/windows/servercore");
  }
  SECTION("a default naming an unset ARG") {
    const Built b =
        build("ARG OSVERSION\nARG TAG=${OSVERSION}\nFROM mcr.microsoft.com/windows/servercore:$TAG\n");
    CHECK(b.model.parsed.errors.empty());
    CHECK(b.model.stages[0].unresolved == std::vector<std::string>{"OSVERSION"}); // the innermost ARG
  }
  SECTION("linted: WC103 saying the ARG is empty, no WC901, exit-worthy error-free") {
    const FileResult result =
        test::run("ARG WINDOWS_VERSION=\nFROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}\n");
    CHECK_FALSE(has_code(result, "WC901"));
    const Diagnostic *d = find_code(result, "WC103");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("ARG WINDOWS_VERSION is empty") != std::string::npos);
    CHECK(d->message.find("--build-arg WINDOWS_VERSION=ltsc2022") != std::string::npos);
  }
}

TEST_CASE("build-host stages: $BUILDPLATFORM, linux/..., linux/$BUILDARCH", "[resolution][stages]") {
  const Built b = build("FROM --platform=$BUILDPLATFORM golang:1.22 AS a\n"
                        "FROM --platform=linux/$BUILDARCH golang:1.22 AS b\n"
                        "FROM --platform=linux/amd64 golang:1.22 AS c\n"
                        "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/windows/servercore:ltsc2022 AS d\n"
                        "FROM --platform=$TARGETPLATFORM golang:1.22 AS e\n"
                        "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n");
  REQUIRE(b.model.stages.size() == 6);
  CHECK(b.model.stages[0].build_host);
  CHECK(b.model.stages[1].build_host);
  CHECK(b.model.stages[2].build_host);
  CHECK_FALSE(b.model.stages[3].build_host); // a Windows image: the builder is Windows
  CHECK_FALSE(b.model.stages[4].build_host);
  CHECK_FALSE(b.model.stages[5].build_host);
  // An assumed platform is not stated by the file.
  CHECK(b.model.stages[0].platform_value.empty());
  CHECK(b.model.stages[4].platform_value.empty());
  CHECK(b.model.stages[1].platform_value == "linux/amd64");
}

TEST_CASE("a Linux Dockerfile with $TARGETPLATFORM is not taken for Windows", "[resolution][stages]") {
  const Built b = build("FROM --platform=$TARGETPLATFORM golang:1.22\nRUN go build ./...\n");
  CHECK_FALSE(b.model.windows_evidence);
}

// ---- Part 4: mirrors ------------------------------------------------------------------

TEST_CASE("a known MCR path under another registry resolves as a mirror", "[resolution][mirror]") {
  const ImageResolution res = resolve("myacr.azurecr.io/windows/servercore:ltsc2019");
  CHECK(res.os == ImageOs::WindowsBuild);
  CHECK(res.build.build == 17763);
  CHECK(res.mirror_of == "mcr.microsoft.com/windows/servercore");

  const ImageResolution nested = resolve("harbor.example.com/mirror/windows/nanoserver:1809");
  CHECK(nested.build.build == 17763);
  CHECK(nested.mirror_of == "mcr.microsoft.com/windows/nanoserver");

  const ImageResolution framework = resolve("myacr.azurecr.io/mcr/dotnet/framework/aspnet:4.8");
  CHECK(framework.os == ImageOs::WindowsMultiPlatform);
  CHECK(framework.mirror_of == "mcr.microsoft.com/dotnet/framework/aspnet");

  // The same repository rules apply: no windows/server:ltsc2019 in a mirror either.
  CHECK(resolve("myacr.azurecr.io/windows/server:ltsc2019").os == ImageOs::WindowsNoSuchVersion);
  CHECK(resolve("myacr.azurecr.io/windows/nanoserver:ltsc2019").os == ImageOs::WindowsBuild);
  // MCR itself and unrelated private paths are not mirrors.
  CHECK(resolve("mcr.microsoft.com/windows/servercore:ltsc2019").mirror_of.empty());
  CHECK(resolve("myacr.azurecr.io/team/windows:1.0").os == ImageOs::Unknown);
  CHECK(resolve("myacr.azurecr.io/servercore:1.0").os == ImageOs::Unknown);
}

TEST_CASE("a mirrored image's messages say it was taken as a mirror", "[resolution][mirror]") {
  const FileResult result =
      test::run("FROM myacr.azurecr.io/windows/servercore:ltsc2022\n", {"--host", "ltsc2019"});
  const Diagnostic *d = find_code(result, "WC301");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("taken as a mirror of mcr.microsoft.com/windows/servercore") != std::string::npos);
  REQUIRE(d->data.fix);
  CHECK(d->data.fix->edits.front().new_text == "ltsc2019");
}

TEST_CASE("a Linux distribution word in a multi-OS tag makes it Linux", "[resolution][catalog]") {
  CHECK(resolve("golang:1.22-bookworm").os == ImageOs::Linux);
  CHECK(resolve("python:3.12-slim").os == ImageOs::Linux);
  CHECK(resolve("golang:1.22-alpine3.19").os == ImageOs::Linux);
  CHECK(resolve("golang:1.22").os == ImageOs::MultiOs);
  CHECK(resolve("golang:1.22-windowsservercore-ltsc2022").os == ImageOs::WindowsBuild);
}

// ---- Part 5: published tags --------------------------------------------------------

TEST_CASE(".NET Framework tags exist only for the releases they were published for",
          "[resolution][published]") {
  const std::string runtime = "mcr.microsoft.com/dotnet/framework/runtime:";
  CHECK(resolve(runtime + "4.8.1-windowsservercore-ltsc2022").os == ImageOs::WindowsBuild);
  CHECK(resolve(runtime + "4.8.1-windowsservercore-ltsc2025").os == ImageOs::WindowsBuild);
  CHECK(resolve(runtime + "4.8.1-20260714-windowsservercore-ltsc2025").os == ImageOs::WindowsBuild);
  CHECK(resolve(runtime + "4.8-windowsservercore-ltsc2019").os == ImageOs::WindowsBuild);
  CHECK(resolve(runtime + "4.7.2-windowsservercore-ltsc2019").os == ImageOs::WindowsBuild);
  // Never published:
  const ImageResolution no_481 = resolve(runtime + "4.8.1-windowsservercore-ltsc2019");
  CHECK(no_481.os == ImageOs::WindowsNoSuchVersion);
  CHECK(no_481.detail.find("ltsc2022, ltsc2025") != std::string::npos);
  CHECK(resolve(runtime + "4.7.2-windowsservercore-ltsc2022").os == ImageOs::WindowsNoSuchVersion);
  CHECK(resolve(runtime + "4.8-windowsservercore-ltsc2025").os == ImageOs::WindowsNoSuchVersion);
}

TEST_CASE("frozen Docker Hub repositories have no tag after their move to MCR", "[resolution][published]") {
  CHECK(resolve("microsoft/iis:windowsservercore-ltsc2016").os == ImageOs::WindowsBuild);
  const ImageResolution iis = resolve("microsoft/iis:windowsservercore-ltsc2022");
  CHECK(iis.os == ImageOs::WindowsNoSuchVersion);
  CHECK(iis.detail.find("moved its images to MCR") != std::string::npos);
  CHECK(resolve("microsoft/aspnet:4.8-windowsservercore-ltsc2022").os == ImageOs::WindowsNoSuchVersion);
}

TEST_CASE("retag: a fix names a tag the repository published, or there is no fix", "[resolution][fix]") {
  SECTION("base OS images") {
    CHECK(retagged("mcr.microsoft.com/windows/servercore:ltsc2022", 17763) ==
          "mcr.microsoft.com/windows/servercore:ltsc2019");
    CHECK(retagged("mcr.microsoft.com/windows/nanoserver:ltsc2022", 17763) ==
          "mcr.microsoft.com/windows/nanoserver:1809");
    CHECK(retagged("mcr.microsoft.com/windows/server:ltsc2022", 17763).empty());
  }
  SECTION(".NET Framework: only the releases of that .NET version") {
    const std::string aspnet = "mcr.microsoft.com/dotnet/framework/aspnet:";
    CHECK(retagged(aspnet + "4.8-windowsservercore-ltsc2022", 17763) ==
          aspnet + "4.8-windowsservercore-ltsc2019");
    CHECK(retagged(aspnet + "4.8.1-windowsservercore-ltsc2022", 17763).empty());
    CHECK(retagged(aspnet + "4.8.1-windowsservercore-ltsc2022", 26100) ==
          aspnet + "4.8.1-windowsservercore-ltsc2025");
    CHECK(retagged(aspnet + "4.8-windowsservercore-ltsc2022", 26100).empty());
    CHECK(retagged(aspnet + "4.7.2-windowsservercore-ltsc2019", 20348).empty());
  }
  SECTION("frozen Docker Hub repositories move to MCR, or get no fix") {
    CHECK(retagged("microsoft/iis:windowsservercore-ltsc2016", 20348) ==
          "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022");
    CHECK(retagged("microsoft/windowsservercore:ltsc2016", 17763) ==
          "mcr.microsoft.com/windows/servercore:ltsc2019");
    CHECK(retagged("microsoft/nanoserver:sac2016", 17763) == "mcr.microsoft.com/windows/nanoserver:1809");
    CHECK(retagged("microsoft/aspnet:4.7.2-windowsservercore-ltsc2016", 17763).empty());
    CHECK(retagged("microsoft/dotnet-framework:4.7.2-runtime-windowsservercore-1803", 20348).empty());
  }
  SECTION("a digest would keep the old image: no fix") {
    CHECK(retagged("mcr.microsoft.com/windows/servercore:ltsc2022@sha256:" + std::string(64, 'a'), 17763)
              .empty());
  }
}

TEST_CASE("every family: each fix target the catalog writes is a published tag", "[resolution][fix][data]") {
  const ImageCatalog &catalog = ImageCatalog::builtin();
  const ReleaseCatalog &releases = ReleaseCatalog::builtin();
  // One representative reference per family that carries a version token.
  const std::vector<std::string> references = {
      "mcr.microsoft.com/windows/servercore:ltsc2022",
      "mcr.microsoft.com/windows/nanoserver:ltsc2022",
      "mcr.microsoft.com/windows/server:ltsc2022",
      "mcr.microsoft.com/windows:ltsc2019",
      "microsoft/windowsservercore:ltsc2016",
      "microsoft/nanoserver:sac2016",
      "mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2019",
      "mcr.microsoft.com/dotnet/framework/sdk:4.8.1-windowsservercore-ltsc2022",
      "mcr.microsoft.com/dotnet/framework/aspnet:3.5-windowsservercore-ltsc2022",
      "mcr.microsoft.com/dotnet/framework/runtime:4.7.2-windowsservercore-ltsc2019",
      "microsoft/dotnet-framework:4.7.2-runtime-windowsservercore-ltsc2016",
      "microsoft/aspnet:4.7.2-windowsservercore-ltsc2016",
      "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
      "microsoft/iis:windowsservercore-ltsc2016",
      "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022",
      "mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022",
      "python:3.12-windowsservercore-ltsc2022",
  };
  for (const std::string &text : references) {
    const ImageRef ref = ref_of(text);
    const ImageResolution res = catalog.resolve(ref);
    INFO(text);
    REQUIRE(res.os == ImageOs::WindowsBuild);
    for (const Release &release : releases.releases()) {
      const std::string fixed = retagged(text, release.build);
      if (fixed.empty()) {
        continue;
      }
      INFO("retagged for " << release.id << ": " << fixed);
      const ImageResolution target = catalog.resolve(ref_of(fixed));
      CHECK(target.os == ImageOs::WindowsBuild);
      CHECK(target.build.build == release.build);
      CHECK_FALSE(target.family.empty());
    }
  }
}

// ---- Part 5/6: rules -------------------------------------------------------------------

TEST_CASE("WC105 in manifests: a tag that was never published", "[resolution][WC105]") {
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                          "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                          "    image: mcr.microsoft.com/windows/nanoserver:ltsc2016\n";
  const FileResult result = test::run(pod, {"--select", "WC105"}, "pod.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic &d = result.diagnostics[0];
  CHECK(d.code == "WC105");
  CHECK(d.range.start.line == 8);
  CHECK(d.range.start.character == 48); // the version token
  CHECK(d.message.find("sac2016") != std::string::npos);
}

TEST_CASE("fix: retags every Windows stage together", "[resolution][fix]") {
  const std::string text =
      "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022 AS build\n"
      "RUN msbuild\n"
      "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\n"
      "COPY --from=build C:/out C:/inetpub/wwwroot\n";
  const FileResult result = test::run(text, {"--host", "ltsc2019", "--select", "WC301"});
  const Diagnostic *d = find_code(result, "WC301");
  REQUIRE(d != nullptr);
  REQUIRE(d->data.fix);
  REQUIRE(d->data.fix->edits.size() == 2);
  CHECK(d->data.fix->edits[0].new_text == "ltsc2019");
  CHECK(d->data.fix->edits[0].range.start.line == 0);
  CHECK(d->data.fix->edits[1].range.start.line == 2);
}

TEST_CASE("fix: none when one Windows stage cannot be retagged", "[resolution][fix]") {
  // The SDK stage's 4.8.1 has no ltsc2019 image: retagging only the final stage would create WC106.
  const std::string text =
      "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8.1-windowsservercore-ltsc2022 AS build\n"
      "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\n";
  const FileResult result = test::run(text, {"--host", "ltsc2019", "--select", "WC301"});
  const Diagnostic *d = find_code(result, "WC301");
  REQUIRE(d != nullptr);
  CHECK_FALSE(d->data.fix);
}

TEST_CASE("WC104 never suggests the release it flags or one out of servicing", "[resolution][WC104]") {
  const FileResult late = test::run("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
                                    {"--today", "2032-01-01", "--select", "WC104"});
  const Diagnostic *d = find_code(late, "WC104");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("move to ltsc2025") != std::string::npos);
  CHECK(d->message.find("ltsc2022 or") == std::string::npos);

  const FileResult old = test::run("FROM mcr.microsoft.com/windows/servercore:1903\n",
                                   {"--today", "2030-01-01", "--select", "WC104"});
  const Diagnostic *o = find_code(old, "WC104");
  REQUIRE(o != nullptr);
  CHECK(o->message.find("ltsc2019") == std::string::npos); // past its end of servicing on 2030-01-01
  CHECK(o->message.find("move to ltsc2022 or ltsc2025") != std::string::npos);
}

TEST_CASE("WC304 only where a native tag exists for the host", "[resolution][WC304]") {
  CHECK_FALSE(
      test::fires("WC304", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", {"--host", "23H2"}));
  CHECK(test::fires("WC304", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", {"--host", "ltsc2025"}));
  // .NET Framework 4.8 has no ltsc2025 image: nothing to switch to.
  CHECK_FALSE(test::fires("WC304",
                          "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2022\n",
                          {"--host", "ltsc2025"}));
}

TEST_CASE("WC102 suggests only a published tag", "[resolution][WC102]") {
  const FileResult result =
      test::run("FROM mcr.microsoft.com/dotnet/framework/runtime:4.7.2\n", {"--select", "WC102"});
  const Diagnostic *d = find_code(result, "WC102");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("4.7.2-windowsservercore-ltsc2019") != std::string::npos);
  CHECK(d->message.find("ltsc2022") == std::string::npos);
}
