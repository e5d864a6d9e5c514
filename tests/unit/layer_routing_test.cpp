// Routing findings made on generated documents back to the real files.
#include "layers/routing.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;

namespace {

/// A values file and a document whose image tag was copied from it.
struct Rendered {
  std::shared_ptr<const SourceFile> values =
      std::make_shared<SourceFile>("chart/values.yaml", "image:\n  tag: ltsc2019\n");
  std::shared_ptr<const SourceFile> templ = std::make_shared<SourceFile>(
      "chart/templates/web.yaml", "image: \"servercore:{{ .Values.image.tag }}\"\n");
  GeneratedDocument document;
  SourceFile generated{"chart/templates/web.yaml", "image: \"servercore:ltsc2019\"\n"};
  LayerFiles files;

  Rendered() {
    files[values->path()] = values;
    files[templ->path()] = templ;
    document.name = "chart/templates/web.yaml";
    document.text = generated.text();
    document.fallback = {templ->path(), {0, 5}, "template"};
    // "servercore:" literal, then the tag from values.yaml (line 2, col 8).
    document.origins.push_back({{8, 19}, {{templ->path(), {8, 19}, "template text"}}});
    document.origins.push_back(
        {{19, 27}, {{values->path(), {14, 22}, "image tag set here"}, {templ->path(), {19, 43}, "used by"}}});
  }
};

} // namespace

TEST_CASE("a span inside a copied value routes to the same text in the values file", "[layers]") {
  Rendered r;
  const RoutedSpan routed = route_span(r.document, {19, 27});
  CHECK(routed.exact);
  CHECK(routed.place.path == "chart/values.yaml");
  CHECK(r.values->text().substr(routed.place.span.begin, 8) == "ltsc2019");
  REQUIRE(routed.related.size() == 1);
  CHECK(routed.related[0].role == "used by");
}

TEST_CASE("a span no segment covers falls back to the document's place", "[layers]") {
  Rendered r;
  const RoutedSpan routed = route_span(r.document, {0, 5});
  CHECK_FALSE(routed.exact);
  CHECK(routed.place.path == "chart/templates/web.yaml");
  CHECK(routed.place.span == Span{0, 5});
}

TEST_CASE("a span over several segments lands on the last value set elsewhere", "[layers]") {
  Rendered r;
  // The whole image "servercore:ltsc2019": the tag from values.yaml decides.
  const RoutedSpan routed = route_span(r.document, {8, 27});
  CHECK_FALSE(routed.exact);
  CHECK(routed.place.path == "chart/values.yaml");
  CHECK(routed.place.span == Span{14, 22});
}

TEST_CASE("a span over template text only stays in the template", "[layers]") {
  Rendered r;
  r.document.origins.pop_back();
  r.document.origins.push_back({{19, 27}, {{r.templ->path(), {19, 43}, "template text"}}});
  const RoutedSpan routed = route_span(r.document, {8, 27});
  CHECK(routed.place.path == "chart/templates/web.yaml");
  CHECK(routed.place.span == Span{8, 19});
}

TEST_CASE("a routed diagnostic keeps its fix only when every edit maps exactly", "[layers]") {
  Rendered r;
  Diagnostic d;
  d.code = "WC302";
  d.message = "image cannot run";
  d.span = {19, 27};
  d.data.fix = Fix{"use ltsc2022", {{r.generated.range({19, 27}), "ltsc2022"}}};
  r.document.environment = "prod";
  auto placed = route_diagnostic(d, r.document, r.generated, r.files);
  REQUIRE(placed);
  CHECK(placed->path == "chart/values.yaml");
  CHECK(placed->diagnostic.span == Span{14, 22});
  CHECK(placed->diagnostic.message == "image cannot run (environment prod)");
  CHECK(placed->diagnostic.data.environment == "prod");
  REQUIRE(placed->diagnostic.related.size() == 1);
  CHECK(placed->diagnostic.related[0].path == "chart/templates/web.yaml");
  CHECK(placed->diagnostic.related[0].range.start == Position{0, 19});
  REQUIRE(placed->diagnostic.data.fix);
  CHECK(placed->diagnostic.data.fix->edits[0].range.start == Position{1, 7});

  // An edit reaching into template text cannot be made in one place.
  d.data.fix = Fix{"retag", {{r.generated.range({8, 27}), "x"}}};
  placed = route_diagnostic(d, r.document, r.generated, r.files);
  REQUIRE(placed);
  CHECK_FALSE(placed->diagnostic.data.fix);
}

TEST_CASE("a diagnostic whose place is in no file read is dropped", "[layers]") {
  Rendered r;
  r.files.erase("chart/values.yaml");
  Diagnostic d;
  d.span = {19, 27};
  CHECK_FALSE(route_diagnostic(d, r.document, r.generated, r.files));
}
