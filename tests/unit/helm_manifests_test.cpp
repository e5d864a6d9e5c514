// Which rendered templates are manifests, and how `render` prints them, as
// Helm does. From Helm's source (helm/helm v4.0.0,
// 99cd1964357c793351be481d55abbe21c6b2f4ec): pkg/action/action.go
// renderResources takes every file whose name ends in NOTES.txt out of the
// manifests; pkg/release/v1/util/manifest_sorter.go SortManifests skips
// partials (`_*`) and files that are only whitespace, splits the others with
// SplitManifests (pkg/release/v1/util/manifest.go: the trimmed output cut at
// `---`, each piece trimmed, empty pieces dropped) and fails the whole render
// ("YAML parse error on FILE: ...") when a piece is not an object; `helm
// template` prints each piece after its own "---\n# Source: FILE\n".
#include "e2e_support.hpp"
#include "layers/helm/manifests.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

RunResult manifests_in_source(const std::string &args) {
  RunOptions options;
  options.cwd = WINCOMPAT_SOURCE_DIR;
  return run_cli(args + " --no-config --today 2026-12-04", options);
}

std::vector<std::string> manifests_pieces(const std::string &text) {
  std::vector<std::string> out;
  for (const auto &[begin, end] : helm::split_manifests(text)) {
    out.push_back(text.substr(begin, end - begin));
  }
  return out;
}

} // namespace

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
  const RunResult r = manifests_in_source("render tests/charts/fixtures/not-emitted");
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
  CHECK(manifests_in_source("lint tests/charts/fixtures/not-emitted --host ltsc2022").status == 0);
}

TEST_CASE("a template that renders text, not objects, fails as in Helm", "[helm][manifests][e2e]") {
  const std::string chart = "tests/charts/fixtures/readme-in-templates";
  const RunResult render = manifests_in_source("render " + chart);
  INFO(describe(render));
  CHECK(render.status == 1); // helm template fails
  CHECK(render.out.empty());
  CHECK(contains(render.err,
                 "templates/README.md:1:1: error WC910 templates/README.md renders text that is not a "
                 "Kubernetes object, so Helm fails (YAML parse error on "
                 "readme-in-templates/templates/README.md: error unmarshaling JSON: while decoding JSON: "
                 "json: cannot unmarshal string into Go value of type util.SimpleHead)"));
  // lint reports it at the file and still lints the rest of the chart.
  const RunResult lint =
      manifests_in_source("lint " + chart + " --host ltsc2022 --color never --format json");
  CHECK(lint.status == 1);
  CHECK(contains(lint.out, "\"code\": \"WC910\""));
  CHECK(contains(lint.out, "readme-in-templates/templates/README.md"));
  CHECK(manifests_in_source("render " + chart + " --partial").out ==
        "---\n# Source: readme-in-templates/templates/configmap.yaml\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-name-config\n");
}
