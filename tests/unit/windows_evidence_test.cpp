// ARGs with no value followed through the defaults that read them (WC103),
// and the one decision of whether a Dockerfile targets Windows (WC108).
#include "test_support.hpp"
#include "wincompat/dockerfile.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace wincompat;

namespace {

struct Built {
  std::unique_ptr<SourceFile> source;
  DockerfileModel model;
};

Built build(const std::string &text, const std::string &name = "Dockerfile",
            std::map<std::string, std::string> build_args = {}) {
  Built out;
  out.source = std::make_unique<SourceFile>(name, text);
  DockerfileInputs inputs;
  inputs.build_args = std::move(build_args);
  out.model = build_dockerfile_model(*out.source, inputs);
  return out;
}

size_t count(const std::vector<std::string> &codes, const std::string &code) {
  return static_cast<size_t>(std::count(codes.begin(), codes.end(), code));
}

} // namespace

TEST_CASE("ARG model: an ARG whose default reads an unset ARG carries it to FROM, at any depth",
          "[dockerfile][args]") {
  const Built b = build("ARG OSVERSION\n"
                        "ARG TAG=${OSVERSION}\n"
                        "ARG BASE_IMAGE=nanoserver:${TAG}\n"
                        "ARG REGISTRY=mcr.microsoft.com/windows\n"
                        "FROM ${REGISTRY}/${BASE_IMAGE}\n");
  CHECK(b.model.global_args.at("TAG").unset_inputs == std::vector<std::string>{"OSVERSION"});
  CHECK(b.model.global_args.at("BASE_IMAGE").unset_inputs == std::vector<std::string>{"OSVERSION"});
  CHECK(b.model.global_args.at("REGISTRY").unset_inputs.empty());
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(b.model.parsed.errors.empty()); // not "invalid image reference"
  CHECK(stage.unresolved == std::vector<std::string>{"OSVERSION"});
  REQUIRE(stage.image.unresolved_via.size() == 1);
  CHECK(stage.image.unresolved_via[0] == "BASE_IMAGE");
  // The span is the ${BASE_IMAGE} in FROM, the text that brings OSVERSION in.
  const Span at = stage.image.unresolved_spans.at(0);
  CHECK(b.source->text().substr(at.begin, at.end - at.begin) == "${BASE_IMAGE}");
  REQUIRE(stage.ref);
  CHECK(stage.ref->name() == "mcr.microsoft.com/windows/nanoserver");
}

TEST_CASE("ARG model: --build-arg for the innermost ARG resolves the whole chain", "[dockerfile][args]") {
  const Built b = build("ARG OSVERSION\n"
                        "ARG BASE_IMAGE=nanoserver:${OSVERSION}\n"
                        "FROM mcr.microsoft.com/windows/${BASE_IMAGE}\n",
                        "Dockerfile", {{"OSVERSION", "ltsc2022"}});
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].unresolved.empty());
  CHECK(b.model.stages[0].resolution.os == ImageOs::WindowsBuild);
  CHECK(b.model.stages[0].resolution.build.build == 20348);
}

TEST_CASE("ARG model: ${X:+alt} with X unset is definite unless it leaves no tag", "[dockerfile][args]") {
  const Built suffix = build("ARG SUFFIX\n"
                             "FROM mcr.microsoft.com/windows/servercore:ltsc2022${SUFFIX:+-$SUFFIX}\n");
  CHECK(suffix.model.stages.at(0).unresolved.empty());
  CHECK(suffix.model.stages.at(0).resolution.os == ImageOs::WindowsBuild);
  const Built tag = build("ARG OSVERSION\n"
                          "FROM mcr.microsoft.com/windows/nanoserver${OSVERSION:+:$OSVERSION}\n");
  CHECK(tag.model.stages.at(0).unresolved == std::vector<std::string>{"OSVERSION"});
  CHECK(tag.model.stages.at(0).resolution.os == ImageOs::Unknown); // not WC101's untagged image
}

TEST_CASE("Windows evidence: the deployed stage, not a Linux builder", "[dockerfile][evidence]") {
  SECTION("IIS folder and .svc files") {
    const Built b =
        build("FROM myacr.azurecr.io/web/base:1.0\nWORKDIR /inetpub/wwwroot\nCOPY Service.svc ./\n");
    CHECK(!b.model.deployed_windows_evidence.empty());
    CHECK(b.model.windows_evidence); // \inetpub is strong evidence
  }
  SECTION("a copied .exe is weak: it marks the deployed stage only") {
    const Built b = build("FROM myacr.azurecr.io/base:1.0\nCOPY agent.exe /agent.exe\n");
    CHECK(!b.model.deployed_windows_evidence.empty());
    CHECK(!b.model.windows_evidence);
  }
  SECTION("USER ContainerAdministrator, ENTRYPOINT cmd.exe") {
    CHECK(build("FROM a/b:1\nUSER ContainerAdministrator\n").model.windows_evidence);
    CHECK(build("FROM a/b:1\nENTRYPOINT [\"cmd.exe\", \"/c\", \"app.bat\"]\n").model.windows_evidence);
  }
  SECTION("a Windows word in the image name") {
    CHECK(!build("FROM mcr.microsoft.com/windows-cssc/python3.7nanoserver:3.7\n")
               .model.deployed_windows_evidence.empty());
    CHECK(!build("FROM registry.example.com/app:v2.0.1-windows-amd64\n")
               .model.deployed_windows_evidence.empty());
  }
  SECTION("Linux: apt-get, pwsh, dotnet app.dll, a builder that cross-builds .exe") {
    CHECK(build("FROM myacr.azurecr.io/base:1.0\nRUN apt-get install -y powershell\n")
              .model.deployed_windows_evidence.empty());
    CHECK(build("FROM myacr.azurecr.io/pwsh:7\nSHELL [\"pwsh\", \"-Command\"]\n")
              .model.deployed_windows_evidence.empty());
    CHECK(build("FROM myacr.azurecr.io/aspnet:8.0\nENTRYPOINT [\"dotnet\", \"Shop.dll\"]\n")
              .model.deployed_windows_evidence.empty());
    const Built cross = build("FROM --platform=$BUILDPLATFORM myacr.azurecr.io/go:1.22 AS build\n"
                              "COPY helper.exe /out/helper.exe\n"
                              "FROM myacr.azurecr.io/base:1.0\n"
                              "COPY --from=build /out/ /downloads/\n");
    CHECK(cross.model.deployed_windows_evidence.empty());
  }
}

TEST_CASE("Unknown base of a Windows Dockerfile: exactly one finding, saying what resolves it",
          "[dockerfile][evidence][rules]") {
  const std::vector<std::string> host = {"--host", "ltsc2022"};
  SECTION("FROM $BASE_IMAGE with no value over an IIS body: WC103 naming the ARG") {
    const auto codes = test::codes("ARG BASE_IMAGE\nFROM $BASE_IMAGE\nWORKDIR /inetpub/wwwroot\n"
                                   "COPY *.svc ./\nCOPY Web.config ./\n",
                                   host);
    CHECK(codes == std::vector<std::string>{"WC103"});
    const FileResult r = test::run("ARG BASE_IMAGE\nFROM $BASE_IMAGE\nWORKDIR /inetpub/wwwroot\n", host);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("--build-arg BASE_IMAGE=") != std::string::npos);
  }
  SECTION("a private image followed by PowerShell: WC108 naming wincompat lock") {
    const FileResult r = test::run("FROM myacr.azurecr.io/team/app:1.0\n"
                                   "RUN powershell -Command Install-WindowsFeature Web-Server\n",
                                   host);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "WC108");
    CHECK(r.diagnostics[0].severity == Severity::Info);
    CHECK(r.diagnostics[0].message.find("wincompat lock") != std::string::npos);
  }
  SECTION("windows-cssc/python3.7nanoserver:ltsc2019: a notice or a verdict, never both, never nothing") {
    const auto codes = test::codes("FROM mcr.microsoft.com/windows-cssc/python3.7nanoserver:ltsc2019\n"
                                   "COPY app/ /app/\nCMD [\"python\", \"/app/main.py\"]\n",
                                   host);
    size_t verdicts = 0;
    for (const char *code : {"WC301", "WC302", "WC303", "WC304", "WC305"}) {
      verdicts += count(codes, code);
    }
    CHECK(count(codes, "WC108") + verdicts == 1);
  }
  SECTION("a Linux Dockerfile with an unknown base stays quiet") {
    CHECK(test::codes("FROM myacr.azurecr.io/team/app:1.0\nRUN apt-get update && apt-get install -y curl\n",
                      host)
              .empty());
  }
}
