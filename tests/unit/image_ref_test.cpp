// parse_image_ref: Docker's normalisation and the distribution reference grammar.
#include "wincompat/image_ref.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace wincompat;

namespace {

const std::string kDigestA = "sha256:" + std::string(64, 'a');

ImageRef parse(const std::string &text) {
  ImageRefError error;
  auto ref = parse_image_ref(text, &error);
  INFO("reference: '" << text << "', error: " << error.message);
  REQUIRE(ref.has_value());
  return *ref;
}

/// The error message for a reference that must not parse.
std::string rejection(const std::string &text) {
  ImageRefError error;
  auto ref = parse_image_ref(text, &error);
  INFO("reference: '" << text << "'");
  CHECK_FALSE(ref.has_value());
  CHECK_FALSE(error.message.empty());
  return error.message;
}

std::string tag_text(const ImageRef &ref) {
  return ref.original.substr(ref.tag_begin, ref.tag_end - ref.tag_begin);
}

} // namespace

TEST_CASE("parse_image_ref: a single name is a Docker Hub official image", "[image_ref]") {
  const ImageRef ref = parse("python");
  CHECK(ref.original == "python");
  CHECK(ref.registry == "docker.io");
  CHECK(ref.repository == "library/python");
  CHECK(ref.tag.empty());
  CHECK(ref.digest.empty());
  CHECK(ref.name() == "docker.io/library/python");
  CHECK(ref.familiar_name() == "python");
  CHECK(ref.name_end == 6);
}

TEST_CASE("parse_image_ref: a namespaced name without a domain is on Docker Hub", "[image_ref]") {
  const ImageRef ref = parse("microsoft/nanoserver:sac2016");
  CHECK(ref.registry == "docker.io");
  CHECK(ref.repository == "microsoft/nanoserver");
  CHECK(ref.tag == "sac2016");
  CHECK(ref.name() == "docker.io/microsoft/nanoserver");
  CHECK(ref.familiar_name() == "microsoft/nanoserver");
  CHECK(ref.name_end == 20);
  CHECK(tag_text(ref) == "sac2016");
}

TEST_CASE("parse_image_ref: docker.io aliases normalise to docker.io", "[image_ref]") {
  SECTION("index.docker.io with library/") {
    const ImageRef ref = parse("index.docker.io/library/python:3.12");
    CHECK(ref.registry == "docker.io");
    CHECK(ref.repository == "library/python");
    CHECK(ref.familiar_name() == "python");
    CHECK(ref.tag == "3.12");
    CHECK(tag_text(ref) == "3.12");
  }
  SECTION("index.docker.io with a namespace") {
    const ImageRef ref = parse("index.docker.io/microsoft/nanoserver");
    CHECK(ref.name() == "docker.io/microsoft/nanoserver");
  }
  SECTION("explicit docker.io with a single name gets library/") {
    const ImageRef ref = parse("docker.io/python");
    CHECK(ref.name() == "docker.io/library/python");
    CHECK(ref.familiar_name() == "python");
  }
  SECTION("registry-1.docker.io") {
    CHECK(parse("registry-1.docker.io/library/alpine").name() == "docker.io/library/alpine");
  }
}

TEST_CASE("parse_image_ref: registries with a port", "[image_ref]") {
  SECTION("localhost:5000/app:1.0") {
    const ImageRef ref = parse("localhost:5000/app:1.0");
    CHECK(ref.registry == "localhost:5000");
    CHECK(ref.repository == "app"); // no library/ outside Docker Hub
    CHECK(ref.tag == "1.0");
    CHECK(ref.tag_begin == 19);
    CHECK(ref.tag_end == 22);
    CHECK(ref.name_end == 18);
    CHECK(ref.familiar_name() == "localhost:5000/app");
  }
  SECTION("a port and no tag: the colon belongs to the registry") {
    const ImageRef ref = parse("myreg.example.com:443/team/app");
    CHECK(ref.registry == "myreg.example.com:443");
    CHECK(ref.repository == "team/app");
    CHECK(ref.tag.empty());
    CHECK(ref.name_end == ref.original.size());
  }
  SECTION("localhost without a port is a registry") {
    const ImageRef ref = parse("localhost/app");
    CHECK(ref.registry == "localhost");
    CHECK(ref.repository == "app");
  }
  SECTION("a port, a tag and a digest") {
    const ImageRef ref = parse("localhost:5000/app:1.0@" + kDigestA);
    CHECK(ref.registry == "localhost:5000");
    CHECK(ref.tag == "1.0");
    CHECK(tag_text(ref) == "1.0");
    CHECK(ref.digest == kDigestA);
  }
  SECTION("name:number without a slash is a name and a tag") {
    const ImageRef ref = parse("foo:5000");
    CHECK(ref.name() == "docker.io/library/foo");
    CHECK(ref.tag == "5000");
  }
}

TEST_CASE("parse_image_ref: multi-level repository paths", "[image_ref]") {
  const ImageRef ref = parse("mcr.microsoft.com/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022");
  CHECK(ref.registry == "mcr.microsoft.com");
  CHECK(ref.repository == "dotnet/framework/aspnet");
  CHECK(ref.tag == "4.8.1-windowsservercore-ltsc2022");
  CHECK(ref.name_end == 41);
  CHECK(ref.tag_begin == 42);
  CHECK(ref.tag_end == ref.original.size());
  CHECK(ref.familiar_name() == "mcr.microsoft.com/dotnet/framework/aspnet");
  SECTION("deep Docker Hub paths keep their namespace") {
    const ImageRef deep = parse("a/b/c/d:1");
    CHECK(deep.name() == "docker.io/a/b/c/d");
    CHECK(deep.familiar_name() == "a/b/c/d");
  }
  SECTION("components may use '.', '_', '__' and '-' separators") {
    CHECK(parse("my_ns/app").repository == "my_ns/app");
    CHECK(parse("a__b/c").repository == "a__b/c");
    CHECK(parse("a--b").repository == "library/a--b");
    CHECK(parse("quay.io/my.org/app-name").repository == "my.org/app-name");
  }
}

TEST_CASE("parse_image_ref: tag and digest together keep the tag", "[image_ref]") {
  const std::string text = "python:3.12-windowsservercore-ltsc2022@" + kDigestA;
  const ImageRef ref = parse(text);
  CHECK(ref.name() == "docker.io/library/python");
  CHECK(ref.tag == "3.12-windowsservercore-ltsc2022");
  CHECK(ref.digest == kDigestA);
  CHECK(ref.name_end == 6);
  CHECK(ref.tag_begin == 7);
  CHECK(ref.tag_end == 38);
  CHECK(tag_text(ref) == "3.12-windowsservercore-ltsc2022");
}

TEST_CASE("parse_image_ref: a digest alone has no tag", "[image_ref]") {
  const ImageRef ref = parse("mcr.microsoft.com/windows/servercore@" + kDigestA);
  CHECK(ref.name() == "mcr.microsoft.com/windows/servercore");
  CHECK(ref.tag.empty());
  CHECK(ref.digest == kDigestA);
  CHECK(ref.name_end == 36);
  CHECK(ref.tag_begin == 0);
  CHECK(ref.tag_end == 0);
}

TEST_CASE("parse_image_ref: the registry host is case-insensitive", "[image_ref]") {
  const ImageRef ref = parse("MCR.Microsoft.COM/windows/servercore:ltsc2022");
  CHECK(ref.registry == "mcr.microsoft.com");
  CHECK(ref.name() == "mcr.microsoft.com/windows/servercore");
  CHECK(ref.original == "MCR.Microsoft.COM/windows/servercore:ltsc2022");
  CHECK(tag_text(ref) == "ltsc2022");
  SECTION("an upper-case first component is a registry, as Docker decides") {
    const ImageRef upper = parse("Foo/bar:1");
    CHECK(upper.registry == "foo");
    CHECK(upper.repository == "bar");
  }
  SECTION("tags may be upper-case") {
    CHECK(parse("mcr.microsoft.com/windows/servercore:LTSC2022").tag == "LTSC2022");
  }
}

TEST_CASE("parse_image_ref: an upper-case repository path is rejected", "[image_ref][error]") {
  CHECK(rejection("mcr.microsoft.com/Windows/servercore").find("lower-case") != std::string::npos);
  CHECK(rejection("Python").find("lower-case") != std::string::npos);
  CHECK(rejection("Python:3.12").find("lower-case") != std::string::npos);
}

TEST_CASE("parse_image_ref: invalid tags are rejected", "[image_ref][error]") {
  CHECK(rejection("python:").find("not a valid tag") != std::string::npos);
  CHECK(rejection("python:-x").find("not a valid tag") != std::string::npos);
  CHECK(rejection("python:.x").find("not a valid tag") != std::string::npos);
  CHECK(rejection("python:a b").find("not a valid tag") != std::string::npos);
  CHECK(rejection("python:a+b").find("not a valid tag") != std::string::npos);
  CHECK(rejection("python:" + std::string(129, 'a')).find("not a valid tag") != std::string::npos);
  SECTION("128 characters is the limit, not over it") {
    CHECK(parse("python:" + std::string(128, 'a')).tag.size() == 128);
  }
  SECTION("'_' may start a tag; '.' and '-' may follow") {
    CHECK(parse("python:_x.y-z").tag == "_x.y-z");
  }
}

TEST_CASE("parse_image_ref: empty and malformed references are rejected", "[image_ref][error]") {
  CHECK(rejection("") == "empty image reference");
  CHECK(rejection(":tag").find("no repository") != std::string::npos);
  CHECK_FALSE(rejection("@" + kDigestA).empty());
  CHECK_FALSE(rejection("foo//bar").empty());
  CHECK_FALSE(rejection("foo/").empty());
  CHECK_FALSE(rejection("/foo").empty());
  CHECK_FALSE(rejection("a-").empty());
  CHECK_FALSE(rejection("-a").empty());
  CHECK_FALSE(rejection("my image").empty());
  SECTION("without an error sink it still returns nullopt") {
    CHECK_FALSE(parse_image_ref("Python").has_value());
  }
}

TEST_CASE("parse_image_ref: malformed digests are rejected", "[image_ref][error]") {
  CHECK(rejection("python@").find("sha256") != std::string::npos);
  CHECK(rejection("python@sha256:xyz").find("not a valid hex digest") != std::string::npos);
  CHECK_FALSE(rejection("python@sha256:" + std::string(31, 'a')).empty());
  CHECK_FALSE(rejection("python@:" + std::string(64, 'a')).empty());
  CHECK_FALSE(rejection("python:3.12@sha256:" + std::string(63, 'g') + "a").empty());
}

TEST_CASE("parse_image_ref: a separator is '.', '_', '__' or dashes, never mixed", "[image_ref]") {
  // distribution/reference: separator := [_.] | '__' | [-]+
  CHECK_FALSE(parse_image_ref("a___b").has_value());
  CHECK_FALSE(parse_image_ref("a..b").has_value());
  CHECK_FALSE(parse_image_ref("a.-b").has_value());
  CHECK_FALSE(parse_image_ref("team/a_.b").has_value());
}

TEST_CASE("parse_image_ref: a registry port is numeric", "[image_ref]") {
  // distribution/reference: domain := host [':' port-number]
  CHECK_FALSE(parse_image_ref("python:a/b").has_value());
  CHECK_FALSE(parse_image_ref("localhost:abc/app").has_value());
}

TEST_CASE("ImageRef::familiar_name drops only the Docker Hub defaults", "[image_ref]") {
  CHECK(parse("python:3").familiar_name() == "python");
  CHECK(parse("docker.io/library/python").familiar_name() == "python");
  CHECK(parse("docker.io/microsoft/windowsservercore").familiar_name() == "microsoft/windowsservercore");
  CHECK(parse("mcr.microsoft.com/windows/nanoserver:1809").familiar_name() ==
        "mcr.microsoft.com/windows/nanoserver");
  CHECK(parse("myregistry.azurecr.io/app:1.0").familiar_name() == "myregistry.azurecr.io/app");
  // "library/" means the official namespace only on Docker Hub.
  CHECK(parse("quay.io/library/app").familiar_name() == "quay.io/library/app");
}
