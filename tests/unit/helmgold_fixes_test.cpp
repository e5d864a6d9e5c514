// The engine differences the real-world goldens ([helmgold]) showed, each
// pinned here on its own: .Subcharts, len and range of .Files,
// `toString nil`, `fromYamlArray` of nothing, --kube-version and
// --api-versions.
#include "e2e_support.hpp"
#include "helm_support.hpp"
#include "wincompat/helm.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;
namespace fs = std::filesystem;

namespace {

/// Renders the one template of a chart made in `dir` (with a subchart `sub`
/// aliased `alias`, and two files under files/).
std::string helmgold_fix_render(const e2e::TempDir &dir, const std::string &tpl, ChartRequest request = {}) {
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 1.0.0\n"
                                "dependencies:\n  - name: sub\n    version: 0.1.0\n    alias: alias\n"
                                "  - name: unused\n    version: 0.1.0\n    condition: unused.enabled\n");
  if (!fs::exists(dir / "chart/values.yaml")) {
    dir.write("chart/values.yaml", "alias:\n  x: from-parent\nunused:\n  enabled: false\n");
  }
  dir.write("chart/files/a.yaml", "a: 1\n");
  dir.write("chart/files/b.yaml", "b: 2\n");
  dir.write("chart/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
  dir.write("chart/charts/sub/values.yaml", "x: default\ny: sub-default\n");
  dir.write("chart/charts/sub/conf/c.txt", "c\n");
  dir.write("chart/charts/unused/Chart.yaml", "apiVersion: v2\nname: unused\nversion: 0.1.0\n");
  dir.write("chart/templates/cm.yaml", tpl);
  request.path = "chart";
  request.fs_path = (dir / "chart").string();
  LayerResult result = render_chart(request);
  std::string out;
  for (const auto &d : result.diagnostics) {
    out += "ERROR " + d.diagnostic.message + "\n";
  }
  for (const auto &d : result.documents) {
    if (d.name == "chart/templates/cm.yaml") {
      out += d.text;
    }
  }
  return out;
}

} // namespace

TEST_CASE(".Subcharts holds each enabled subchart's objects by alias", "[helm][helmgold-fixes]") {
  e2e::TempDir dir(false);
  CHECK(helmgold_fix_render(dir, "v: {{ .Subcharts.alias.Values.x }} {{ .Subcharts.alias.Values.y }}\n"
                                 "n: {{ .Subcharts.alias.Chart.Name }}\n"
                                 "f: {{ .Subcharts.alias.Files.Get \"conf/c.txt\" | trim }}\n"
                                 "k: {{ keys .Subcharts | sortAlpha | join \",\" }}\n"
                                 "r: {{ .Subcharts.alias.Release.Name }}\n") ==
        "v: from-parent sub-default\nn: alias\nf: c\nk: alias\nr: release-name\n");
}

TEST_CASE("len and range of .Files and of .Files.Glob, as of Go's map", "[helm][helmgold-fixes]") {
  e2e::TempDir dir(false);
  CHECK(helmgold_fix_render(dir, "n: {{ len (.Files.Glob \"files/*.yaml\") }}\n"
                                 "none: {{ len (.Files.Glob \"nothing/*\") }}\n"
                                 "{{- range $path, $content := .Files.Glob \"files/*.yaml\" }}\n"
                                 "{{ $path }}: {{ $content | toString | trim | quote }}\n"
                                 "{{- end }}\n") ==
        "n: 2\nnone: 0\nfiles/a.yaml: \"a: 1\"\nfiles/b.yaml: \"b: 2\"\n");
}

TEST_CASE("Capabilities follow the request's --kube-version and --api-versions", "[helm][helmgold-fixes]") {
  e2e::TempDir dir(false);
  const std::string tpl = "v: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}\n"
                          "vpa: {{ .Capabilities.APIVersions.Has \"autoscaling.k8s.io/v1\" }}\n";
  CHECK(helmgold_fix_render(dir, tpl) == "v: v1.34.0 34\nvpa: false\n"); // Helm 4.0's default
  ChartRequest request;
  request.kube_version = "1.26";
  request.api_versions = {"autoscaling.k8s.io/v1"};
  // Helm's ParseKubeVersion keeps the numbers given: "1.26" is v1.26.
  CHECK(helmgold_fix_render(dir, tpl, request) == "v: v1.26 26\nvpa: true\n");
  request.kube_version = "v1.29.3";
  CHECK(helmgold_fix_render(dir, tpl, request) == "v: v1.29.3 29\nvpa: true\n");
}

TEST_CASE("toString nil is <nil>; fromYamlArray of nothing is an empty list", "[helm][helmgold-fixes]") {
  using helm::test::render;
  CHECK(render("{{ toString .Values.missing }}") == "<nil>");
  CHECK(render("{{ eq (toString .Values.service.enabled) \"<nil>\" }}", "service: {}\n") == "true");
  CHECK(render("{{ len (fromYamlArray \"\") }} {{ empty (fromYamlArray \"\") }} {{ fromYamlArray \"\" }}") ==
        "0 true []");
  CHECK(render("{{ len (fromYamlArray \"  \\n\") }}") == "0");
  CHECK(render("{{ fromYamlArray \"- a\\n- b\" }}") == "[a b]");
  CHECK(render("{{ fromYamlArray \"a: 1\" | len }}") == "1"); // the error, as one element
}

TEST_CASE("templates execute in Helm's order: a change to .Values shows in the later ones",
          "[helm][helmgold-fixes]") {
  // Helm's sortTemplates: deepest paths first, then names in reverse; the
  // templates of a chart share one .Values map.
  e2e::TempDir dir(false);
  dir.write("chart/templates/z.yaml", "{{- $_ := set .Values \"seen\" (printf \"%s z\" .Values.seen) }}\n");
  dir.write("chart/templates/deep/d.yaml",
            "{{- $_ := set .Values \"seen\" (printf \"%s deep\" .Values.seen) }}\n");
  dir.write("chart/values.yaml", "seen: start\n");
  CHECK(helmgold_fix_render(dir, "seen: {{ .Values.seen }}\n") == "seen: start deep z\n");
}

TEST_CASE("each document's trailing whitespace is cut, as Helm prints it", "[helm][helmgold-fixes]") {
  e2e::TempDir dir(false);
  CHECK(helmgold_fix_render(dir, "a:\n  k: |+\n    line\n\n  \n---\nb: 1\n\n\n") ==
        "a:\n  k: |+\n    line\n---\nb: 1\n");
}

TEST_CASE("mergeOverwrite clears an entry that src sets to null; merge leaves it", "[helm][helmgold-fixes]") {
  using helm::test::render;
  const std::string values = "src: {a: null, c: null}\n";
  CHECK(render("{{ mergeOverwrite (dict \"a\" 1 \"b\" 2) .Values.src | toJson }}", values) ==
        "{\"a\":null,\"b\":2,\"c\":null}");
  CHECK(render("{{ merge (dict \"a\" 1 \"b\" 2) .Values.src | toJson }}", values) == "{\"a\":1,\"b\":2}");
}
