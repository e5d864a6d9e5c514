// Charts rendered through render_chart: values precedence, subcharts and
// their scoping, conditions, disabled and range-generated objects, errors
// placed in the real files, and origins that route to the values line.
#include "layers/helm/manifests.hpp"
#include "test_support.hpp"
#include "wincompat/helm.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace wincompat;

namespace {

std::string chart_dir(const std::string &name) {
  return std::string(WINCOMPAT_SOURCE_DIR) + "/tests/charts/" + name;
}

ChartRequest request_for(const std::string &name) {
  ChartRequest request;
  request.path = "tests/charts/" + name;
  request.fs_path = chart_dir(name);
  request.today = "2026-12-04";
  return request;
}

std::string dump(const LayerResult &result) {
  std::string out;
  for (const auto &d : result.documents) {
    // As `wincompat render` prints them: each manifest after its # Source.
    for (const auto &[begin, end] : helm::split_manifests(d.text)) {
      out += "---\n# Source: " + d.name + "\n" + d.text.substr(begin, end - begin) + "\n";
    }
  }
  for (const auto &d : result.diagnostics) {
    out += d.path + ":" + std::to_string(d.diagnostic.range.start.line + 1) + ":" +
           std::to_string(d.diagnostic.range.start.character + 1) + ": " + d.diagnostic.code + " " +
           d.diagnostic.message + "\n";
  }
  return out;
}

} // namespace

TEST_CASE("debug dump of a chart", "[.debug]") {
  const char *name = std::getenv("CHART");
  ChartRequest request = request_for(name ? name : "fixtures/win-app");
  std::cout << dump(render_chart(request));
}

namespace {

/// The text of the file an origin points into, at the origin's span.
std::string origin_text(const LayerResult &result, const Origin &origin) {
  auto it = result.files.find(origin.path());
  REQUIRE(it != result.files.end());
  return it->second->text().substr(origin.span.begin, origin.span.end - origin.span.begin);
}

uint32_t line_of(const LayerResult &result, const Origin &origin) {
  return result.files.at(origin.path())->line_of(origin.span.begin) + 1;
}

Span span_of(const GeneratedDocument &document, const std::string &needle, size_t nth = 0) {
  size_t at = document.text.find(needle);
  while (nth-- > 0 && at != std::string::npos) {
    at = document.text.find(needle, at + 1);
  }
  REQUIRE(at != std::string::npos);
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

} // namespace

TEST_CASE("a chart renders as helm template does", "[helm][chart]") {
  LayerResult result = render_chart(request_for("fixtures/win-app"));
  CHECK(result.diagnostics.empty());
  std::vector<std::string> names;
  for (const auto &d : result.documents) {
    names.push_back(d.name);
  }
  // Partials, NOTES.txt, a disabled template and a subchart turned off by
  // its condition produce nothing.
  CHECK(names == std::vector<std::string>{
                     "win-app/charts/agent/templates/daemonset.yaml", "win-app/templates/config.yaml",
                     "win-app/templates/deployment.yaml", "win-app/templates/sites.yaml"});
  const GeneratedDocument *deployment = test::document_named(result, "win-app/templates/deployment.yaml");
  REQUIRE(deployment);
  CHECK(
      deployment->text ==
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: win-app\n  labels:\n"
      "    app.kubernetes.io/name: win-app\n    app.kubernetes.io/instance: release-name\n"
      "    helm.sh/chart: win-app-1.2.0\nspec:\n  replicas: 2\n  template:\n    spec:\n      nodeSelector:\n"
      "        kubernetes.io/os: windows\n      containers:\n        - name: web\n"
      "          image: \"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019\"\n"
      "        - name: sidecar\n          image: "
      "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019\n");
  CHECK(deployment->fallback.path() == "tests/charts/fixtures/win-app/templates/deployment.yaml");
  // Range-generated objects: one document per site.
  const GeneratedDocument *sites = test::document_named(result, "win-app/templates/sites.yaml");
  REQUIRE(sites);
  CHECK(sites->text.find("name: release-name-shop") != std::string::npos);
  CHECK(sites->text.find("- port: 8081") != std::string::npos);
  // Subchart scoping: its key's values over its defaults; the parent's global wins.
  const GeneratedDocument *agent =
      test::document_named(result, "win-app/charts/agent/templates/daemonset.yaml");
  REQUIRE(agent);
  CHECK(agent->text.find("interval: \"30\"") != std::string::npos);
  CHECK(agent->text.find("registry: mcr.microsoft.com") != std::string::npos);
  CHECK(agent->text.find("sub: only-in-subchart") != std::string::npos);
  CHECK(agent->text.find("template: win-app/charts/agent/templates/daemonset.yaml") != std::string::npos);
  // .Files.Glob ... AsConfig
  const GeneratedDocument *config = test::document_named(result, "win-app/templates/config.yaml");
  REQUIRE(config);
  CHECK(config->text.find("  app.conf: |\n    threads=4\n") != std::string::npos);
  // A library subchart's definitions are used; its templates are not output.
  CHECK(config->text.find("name: release-name-win-app-config") != std::string::npos);
  CHECK(!test::document_named(result, "win-app/charts/common/templates/never.yaml"));
}

TEST_CASE("a rendered value routes to the values line that set it", "[helm][chart][origin]") {
  LayerResult result = render_chart(request_for("fixtures/win-app"));
  const GeneratedDocument *deployment = test::document_named(result, "win-app/templates/deployment.yaml");
  REQUIRE(deployment);

  // The tag printed by `{{ .Values.image.tag }}` in the template.
  RoutedSpan tag = route_span(*deployment, span_of(*deployment, "windowsservercore-ltsc2019"));
  CHECK(tag.exact);
  CHECK(tag.place.path() == "tests/charts/fixtures/win-app/values.yaml");
  CHECK(origin_text(result, tag.place) == "windowsservercore-ltsc2019");
  CHECK(line_of(result, tag.place) == 4);
  CHECK(tag.place.role_text() == "image.tag set here");
  REQUIRE(tag.related.size() == 1);
  CHECK(tag.related[0].path() == "tests/charts/fixtures/win-app/templates/deployment.yaml");
  CHECK(origin_text(result, tag.related[0]) == "{{ .Values.image.tag }}");
  CHECK(tag.related[0].role_text() == "used by templates/deployment.yaml");

  // Through a helper: values line, then the helper's action, then the include.
  RoutedSpan sidecar = route_span(*deployment, span_of(*deployment, "windowsservercore-ltsc2019", 1));
  CHECK(sidecar.exact);
  CHECK(line_of(result, sidecar.place) == 4);
  REQUIRE(sidecar.related.size() == 2);
  CHECK(sidecar.related[0].path() == "tests/charts/fixtures/win-app/templates/_helpers.tpl");
  CHECK(origin_text(result, sidecar.related[1]) == "{{ include \"win-app.image\" . }}");

  // toYaml | nindent keeps each scalar's place.
  RoutedSpan os = route_span(*deployment, span_of(*deployment, "windows\n"));
  CHECK(os.place.path() == "tests/charts/fixtures/win-app/values.yaml");
  CHECK(line_of(result, os.place) == 6);

  // A number: `replicas: 2`.
  Span two = span_of(*deployment, "replicas: 2\n");
  two = {two.begin + 10, two.begin + 11};
  RoutedSpan replicas = route_span(*deployment, two);
  INFO(replicas.place.path() << " " << replicas.place.span.begin << "-" << replicas.place.span.end);
  CHECK(replicas.exact);
  CHECK(line_of(result, replicas.place) == 1);

  // Literal template text maps to the template.
  RoutedSpan kind = route_span(*deployment, span_of(*deployment, "Deployment"));
  CHECK(kind.exact);
  CHECK(kind.place.path() == "tests/charts/fixtures/win-app/templates/deployment.yaml");
  CHECK(origin_text(result, kind.place) == "Deployment");
}

TEST_CASE("values files and --set override values.yaml in Helm's order", "[helm][chart][values]") {
  ChartRequest request = request_for("fixtures/win-app");
  request.values_files = {chart_dir("fixtures/values/prod.yaml")};
  request.set_values = {"replicaCount=7", "sites[0].name=store,sites[0].port=9000"};
  request.release_name = "prod";
  request.environment = "production";
  LayerResult result = render_chart(request);
  CHECK(result.diagnostics.empty());
  const GeneratedDocument *deployment = test::document_named(result, "win-app/templates/deployment.yaml");
  REQUIRE(deployment);
  CHECK(deployment->environment == "production");
  CHECK(deployment->text.find("replicas: 7") != std::string::npos);
  // null deletes the default; toYaml of nothing prints null.
  CHECK(deployment->text.find("nodeSelector:\n        null") != std::string::npos);
  CHECK(deployment->text.find("iis:ltsc2022\"") != std::string::npos);
  // The tag came from the -f file: the finding belongs there.
  RoutedSpan tag = route_span(*deployment, span_of(*deployment, "ltsc2022"));
  CHECK(tag.place.path() == chart_dir("fixtures/values/prod.yaml"));
  CHECK(line_of(result, tag.place) == 2);
  // --set has no file: the template action is the place.
  RoutedSpan replicas = route_span(*deployment, span_of(*deployment, "7"));
  CHECK(replicas.place.path() == "tests/charts/fixtures/win-app/templates/deployment.yaml");
  CHECK(origin_text(result, replicas.place) == "{{ .Values.replicaCount }}");
  // The disabled template is enabled by the values file; the agent disabled.
  CHECK(test::document_named(result, "win-app/templates/extra.yaml"));
  CHECK(!test::document_named(result, "win-app/charts/agent/templates/daemonset.yaml"));
  const GeneratedDocument *sites = test::document_named(result, "win-app/templates/sites.yaml");
  REQUIRE(sites);
  CHECK(sites->text.find("name: prod-store") != std::string::npos);
  CHECK(sites->text.find("port: 9000") != std::string::npos);
}

TEST_CASE("tags and conditions decide which subcharts render", "[helm][chart]") {
  ChartRequest request = request_for("fixtures/win-app");
  request.set_values = {"tags.extras=true"};
  // The condition (unused.enabled: false) wins over the tag.
  CHECK(!test::document_named(render_chart(request), "win-app/charts/unused/templates/pod.yaml"));
  request.set_values = {"tags.extras=true", "unused.enabled=null"};
  CHECK(test::document_named(render_chart(request), "win-app/charts/unused/templates/pod.yaml"));
}

TEST_CASE("a subchart left to helm dependency build: a warning when enabled, nothing when turned off",
          "[helm][chart]") {
  const LayerResult result = render_chart(request_for("fixtures/undownloaded"));
  std::vector<const LayerDiagnostic *> missing;
  for (const auto &d : result.diagnostics) {
    INFO(d.path << " " << d.diagnostic.code << " " << d.diagnostic.message);
    CHECK(d.diagnostic.code == "WC910");
    missing.push_back(&d);
  }
  // metrics.enabled is false: Helm would not render metrics-exporter, so its absence is no finding.
  REQUIRE(missing.size() == 1);
  const Diagnostic &warning = missing.front()->diagnostic;
  CHECK(warning.severity == Severity::Warning);
  CHECK(warning.message.find("missing in charts/ directory: secrets-provider") != std::string::npos);
  CHECK(warning.message.find("helm dependency build") != std::string::npos);
  CHECK(warning.range.start.line == 9); // 0-based: "- name: secrets-provider"
  // The parent renders without it.
  CHECK(test::document_named(result, "undownloaded/templates/web.yaml"));
}

TEST_CASE("chart problems are diagnostics in the real files; the rest still renders",
          "[helm][chart][errors]") {
  LayerResult result = render_chart(request_for("fixtures/broken"));
  std::map<std::string, const LayerDiagnostic *> by_file;
  for (const auto &d : result.diagnostics) {
    by_file[d.path.substr(d.path.find_last_of('/') + 1) + " " + d.diagnostic.code] = &d;
  }
  REQUIRE(by_file.count("Chart.yaml WC910"));
  CHECK(by_file["Chart.yaml WC910"]->diagnostic.message.find("missing in charts/ directory: missing-sub") !=
        std::string::npos);
  CHECK(by_file["Chart.yaml WC910"]->diagnostic.range.start.line == 4);

  REQUIRE(by_file.count("needs-tag.yaml WC910"));
  const Diagnostic &required = by_file["needs-tag.yaml WC910"]->diagnostic;
  CHECK(required.message.starts_with("required value image.tag is not set: image.tag is required"));
  CHECK(required.message.find("--set image.tag=...") != std::string::npos);
  CHECK(required.severity == Severity::Warning);
  CHECK(required.range.start.line == 7);
  CHECK(required.range.start.character == 47);

  REQUIRE(by_file.count("parse-error.yaml WC910"));
  CHECK(by_file["parse-error.yaml WC910"]->diagnostic.message ==
        "template: broken/templates/parse-error.yaml:3: unexpected EOF");

  REQUIRE(by_file.count("unknown-function.yaml WC911"));
  const Diagnostic &unknown = by_file["unknown-function.yaml WC911"]->diagnostic;
  CHECK(unknown.severity == Severity::Info);
  CHECK(unknown.message.find("function \"durationSeconds\" not defined") != std::string::npos);

  // The unknown function's value decides nothing in a ConfigMap: every object is rendered.
  const GeneratedDocument *partial = test::document_named(result, "broken/templates/unknown-function.yaml");
  REQUIRE(partial);
  CHECK(partial->text.find("ok-before") != std::string::npos);
  CHECK(partial->text.find("ok-after") != std::string::npos);
  CHECK(partial->text.find("touched") != std::string::npos);
  CHECK(test::document_named(result, "broken/templates/fine.yaml"));
  CHECK(!test::document_named(result, "broken/templates/needs-tag.yaml"));
}

TEST_CASE("render_chart never throws on what it is given", "[helm][chart][errors]") {
  ChartRequest request;
  request.path = "nowhere";
  request.fs_path = "/nonexistent/chart";
  CHECK(render_chart(request).documents.empty());
  CHECK(!is_chart_directory("/nonexistent/chart"));
  CHECK(is_chart_directory(chart_dir("fixtures/win-app")));
  ChartRequest bad = request_for("fixtures/win-app");
  bad.values_files = {"/nonexistent/values.yaml"};
  bad.set_values = {"a[x]=1"};
  LayerResult result = render_chart(bad);
  CHECK(result.diagnostics.size() == 2);
  CHECK(!result.documents.empty());
}

namespace {

std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

} // namespace

TEST_CASE("real public Windows charts render to their reviewed output", "[helm][chart][real-charts]") {
  const bool update = wincompat::test::golden_update_mode("WINCOMPAT_UPDATE_CHARTS");
  for (const std::string name :
       {"prometheus-windows-exporter", "csi-driver-smb", "secrets-store-csi-driver", "aws-ebs-csi-driver",
        "csi-secrets-store-provider-azure", "azuredisk-csi-driver"}) {
    SECTION(name) {
      ChartRequest request = request_for(name);
      request.values_files = {"tests/charts/values/" + name + ".yaml"};
      // Values files are named as given; read them from the source tree.
      request.values_files = {chart_dir("values/" + name + ".yaml")};
      LayerResult result = render_chart(request);
      std::string out = dump(result);
      const std::string expected_path = chart_dir("expected/" + name + ".yaml");
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << out;
        WARN("updated " << expected_path);
      } else {
        CHECK(out == read_text(expected_path));
      }
      // Every Windows workload is rendered.
      CHECK(out.find("kubernetes.io/os: windows") != std::string::npos);
    }
  }
}

TEST_CASE("profile: render one chart many times", "[.profile]") {
  const char *name = std::getenv("CHART");
  ChartRequest request = request_for(name ? name : "aws-ebs-csi-driver");
  size_t documents = 0;
  for (int i = 0; i < 50; ++i) {
    documents += render_chart(request).documents.size();
  }
  CHECK(documents > 0);
}

TEST_CASE("an alias renames a subchart: its values key, template names and .Chart.Name", "[helm][chart]") {
  LayerResult result = render_chart(request_for("fixtures/aliased"));
  CHECK(result.diagnostics.empty());
  const GeneratedDocument *config =
      test::document_named(result, "aliased/charts/monitor/templates/config.yaml");
  REQUIRE(config);
  CHECK(config->text ==
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: monitor\ndata:\n  interval: \"5\"\n"
        "  template: aliased/charts/monitor/templates/config.yaml\n");
  // All tags false: the subchart is off.
  ChartRequest off = request_for("fixtures/aliased");
  off.set_values = {"tags.monitoring=false"};
  CHECK(render_chart(off).documents.empty());
}
