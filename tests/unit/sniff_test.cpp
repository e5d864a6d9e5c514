// Recognising inputs by content (frontends/sniff.hpp) and JSON/flow manifests
// in the YAML front-end.
#include "frontends/sniff.hpp"
#include "wincompat/kubernetes.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;

TEST_CASE("sniff: a Dockerfile starts with directives, comments, FROM or ARG in their shape", "[sniff]") {
  CHECK(looks_like_dockerfile("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"));
  CHECK(looks_like_dockerfile(
      "# syntax=docker/dockerfile:1\n# escape=`\n\nfrom --platform=windows/amd64 img AS b\n"));
  CHECK(looks_like_dockerfile("ARG TAG=ltsc2022\nFROM img:$TAG\n"));
  CHECK(looks_like_dockerfile("ARG A=1 B=2\n"));
  CHECK(looks_like_dockerfile("FROM \\\n  img\n"));
  CHECK_FALSE(looks_like_dockerfile(""));
  CHECK_FALSE(looks_like_dockerfile("# only a comment\n"));
  CHECK_FALSE(looks_like_dockerfile("# Title\n\nFROM the start, this is prose.\n"));
  CHECK_FALSE(looks_like_dockerfile("RUN echo no FROM first\n"));
  CHECK_FALSE(looks_like_dockerfile("FROM=value\n"));
  CHECK_FALSE(looks_like_dockerfile("{\"apiVersion\": \"v1\"}\n"));
  CHECK_FALSE(looks_like_dockerfile("Arg that's prose\n"));
}

TEST_CASE("sniff: JSON names and JSON that may hold objects", "[sniff]") {
  CHECK(is_json_name("deploy/Pod.JSON"));
  CHECK_FALSE(is_json_name("deploy/pod.yaml"));
  CHECK(may_hold_kubernetes_json("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"));
  CHECK_FALSE(may_hold_kubernetes_json("{\"name\": \"web\", \"kind\": \"app\"}"));
}

namespace {

ManifestModel parse(const std::string &text, const std::string &name = "m.yaml") {
  return parse_manifest(SourceFile(name, text));
}

} // namespace

TEST_CASE("manifests in flow, JSON, quoted-kind and comment-first styles are read in default mode",
          "[sniff][yaml]") {
  const std::string pod =
      "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: x}]}}\n";
  CHECK(parse("---\n" + pod).pods.size() == 1);
  CHECK(parse("kind: ConfigMap\napiVersion: v1\n---\n" + pod).pods.size() == 1);
  CHECK(parse("--- " + pod).pods.size() == 1);
  CHECK(parse("---\n# a comment\n" + pod).pods.size() == 1);
  CHECK(parse("---\n{\"apiVersion\": \"v1\", \"kind\": \"RuntimeClass\", \"metadata\": {\"name\": \"w\"}, "
              "\"handler\": \"h\"}\n")
            .runtime_classes.size() == 1);
  CHECK(parse("\"apiVersion\": node.k8s.io/v1\n\"kind\": RuntimeClass\nmetadata: {name: w}\nhandler: h\n")
            .runtime_classes.size() == 1);
  CHECK(
      parse(
          "apiVersion: node.k8s.io/v1\nkind: !!str RuntimeClass # tagged\nmetadata: {name: w}\nhandler: h\n")
          .runtime_classes.size() == 1);
  const ManifestModel list =
      parse("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" +
                std::string("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": "
                            "\"p\"}, \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"x\"}]}}]}"),
            "list.json");
  CHECK(list.pods.size() == 1);
  CHECK(list.is_kubernetes);
}

TEST_CASE("an unrendered Helm template is marked at its first action outside comments", "[sniff][yaml]") {
  const std::string text = "# {{ in a comment }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                           "  name: {{ .Release.Name }}\n";
  const ManifestModel model = parse(text);
  REQUIRE(model.template_action);
  CHECK(model.template_action->begin == text.find("{{ .Release"));
  // Go template text in an alert rule is data; nothing there is linted anyway.
  CHECK_FALSE(parse("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n"
                    "  summary: \"{{ $labels.instance }} down\"\n")
                  .template_action);
  // In a chart's templates/ folder any action counts.
  CHECK(parse("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"{{ x }}\"\n", "chart/templates/cm.yaml")
            .template_action);
}
