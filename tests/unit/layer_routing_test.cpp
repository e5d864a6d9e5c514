// Routing findings made on generated documents back to the real files.
#include "layers/routing.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

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
    document.fallback = {
        FileId(templ->path()), {0, 5}, OriginRole::RenderedFrom, Interned("templates/web.yaml")};
    // "servercore:" literal, then the tag from values.yaml (line 2, col 8).
    document.origins.push_back({{8, 19}, {written_in({8, 19})}});
    document.origins.push_back(
        {{19, 27},
         {{FileId(values->path()), {14, 22}, OriginRole::SetHere, Interned("image.tag")},
          {FileId(templ->path()), {19, 43}, OriginRole::UsedBy, Interned("templates/web.yaml")}}});
  }

  Origin written_in(Span span) const {
    return {FileId(templ->path()), span, OriginRole::WrittenIn, Interned("templates/web.yaml")};
  }
};

} // namespace

TEST_CASE("a span inside a copied value routes to the same text in the values file", "[layers]") {
  Rendered r;
  const RoutedSpan routed = route_span(r.document, {19, 27});
  CHECK(routed.exact);
  CHECK(routed.place.path() == "chart/values.yaml");
  CHECK(r.values->text().substr(routed.place.span.begin, 8) == "ltsc2019");
  REQUIRE(routed.related.size() == 1);
  CHECK(routed.related[0].role_text() == "used by templates/web.yaml");
}

TEST_CASE("a span no segment covers falls back to the document's place", "[layers]") {
  Rendered r;
  const RoutedSpan routed = route_span(r.document, {0, 5});
  CHECK_FALSE(routed.exact);
  CHECK(routed.place.path() == "chart/templates/web.yaml");
  CHECK(routed.place.span == Span{0, 5});
}

TEST_CASE("a span over several segments lands on the last value set elsewhere", "[layers]") {
  Rendered r;
  // The whole image "servercore:ltsc2019": the tag from values.yaml decides.
  const RoutedSpan routed = route_span(r.document, {8, 27});
  CHECK_FALSE(routed.exact);
  CHECK(routed.place.path() == "chart/values.yaml");
  CHECK(routed.place.span == Span{14, 22});
}

TEST_CASE("a span over template text only stays in the template", "[layers]") {
  Rendered r;
  r.document.origins.pop_back();
  r.document.origins.push_back({{19, 27}, {r.written_in({19, 43})}});
  const RoutedSpan routed = route_span(r.document, {8, 27});
  CHECK(routed.place.path() == "chart/templates/web.yaml");
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

TEST_CASE("origins name their file by an interned id and print their role as text", "[layers][origin]") {
  const FileId values("chart/values.yaml");
  CHECK(values == FileId("chart/values.yaml"));
  CHECK_FALSE(values == FileId("chart/values-prod.yaml"));
  CHECK(values.path() == "chart/values.yaml");
  CHECK(FileId().path().empty());
  CHECK(FileId("").empty());

  const auto role = [](OriginRole r, std::string_view subject = {}) {
    return Origin{FileId("f.yaml"), {}, r, Interned(subject)}.role_text();
  };
  CHECK(role(OriginRole::None).empty());
  CHECK(role(OriginRole::SetHere, "image.tag") == "image.tag set here");
  CHECK(role(OriginRole::SetByPatch) == "value set here by a patch");
  CHECK(role(OriginRole::CopiedByReplacement) == "value copied here by a replacement");
  CHECK(role(OriginRole::UsedBy, "templates/web.yaml") == "used by templates/web.yaml");
  CHECK(role(OriginRole::WrittenIn, "templates/web.yaml") == "written here in templates/web.yaml");
  CHECK(role(OriginRole::RenderedFrom, "templates/web.yaml") == "rendered from templates/web.yaml");
  CHECK(role(OriginRole::FileContent) == "file content");
  CHECK(role(OriginRole::BaseResource) == "base resource");
  CHECK(role(OriginRole::Kustomization) == "kustomization");
  CHECK(role(OriginRole::DeployedBy, "overlays/prod") == "deployed by overlays/prod");
  CHECK(role(OriginRole::AlsoDeployedBy, "overlays/prod") == "also deployed by overlays/prod");
}

TEST_CASE("threads interning the same paths all get the same ids", "[layers][origin]") {
  constexpr int kThreads = 4;
  constexpr int kPaths = 500;
  std::vector<std::vector<FileId>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&ids, t] {
      for (int i = 0; i < kPaths; ++i) {
        // Each thread meets the paths in another order.
        ids[static_cast<size_t>(t)].emplace_back("interned/" + std::to_string((i * (2 * t + 1)) % kPaths));
      }
    });
  }
  for (std::thread &thread : threads) {
    thread.join();
  }
  bool same = true;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPaths; ++i) {
      const FileId &id = ids[static_cast<size_t>(t)][static_cast<size_t>(i)];
      const std::string expected = "interned/" + std::to_string((i * (2 * t + 1)) % kPaths);
      same = same && id.path() == expected && id == FileId(expected);
    }
  }
  CHECK(same);
}
