// The kustomize layer, checked against the real `kubectl kustomize`: every
// kustomization under tests/kustomize/ (and examples/kustomize/) is built both
// ways and the fields that decide verdicts must be equal. Error cases
// (tests/kustomize/errors/) must fail in both, with WC912 on the line marked
// `# expect: WC912`; notices (tests/kustomize/notices/) are WC913 on the
// marked line and are not given to kubectl (they would need the network).
#include "wincompat/kustomize.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string_view>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

std::string source_dir() {
  return WINCOMPAT_SOURCE_DIR;
}

struct Kubectl {
  bool ok = false;
  std::string output;
};

bool kubectl_available() {
  static const bool available = std::system("kubectl version --client >/dev/null 2>&1") == 0;
  return available;
}

Kubectl kubectl_kustomize(const std::string &dir, const std::string &flags = "") {
  Kubectl result;
  const std::string command = "kubectl kustomize " + flags + " '" + dir + "' 2>/dev/null";
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe) {
    return result;
  }
  std::array<char, 4096> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.output.append(buffer.data(), n);
  }
  result.ok = pclose(pipe) == 0;
  return result;
}

/// A YAML value as text with mapping keys sorted and scalars as strings,
/// so that two outputs compare by meaning, not by layout.
std::string canonical(const YAML::Node &node) {
  if (!node || node.IsNull()) {
    return "null";
  }
  if (node.IsScalar()) {
    return "'" + node.Scalar() + "'";
  }
  std::string out;
  if (node.IsSequence()) {
    out = "[";
    for (const auto &item : node) {
      out += canonical(item) + ",";
    }
    return out + "]";
  }
  std::map<std::string, std::string> entries;
  for (const auto &entry : node) {
    entries[entry.first.Scalar()] = canonical(entry.second);
  }
  out = "{";
  for (const auto &[key, value] : entries) {
    out += key + ":" + value + ",";
  }
  return out + "}";
}

/// `node[key]` without yaml-cpp's "invalid node" exception for absent keys.
YAML::Node at(const YAML::Node &node, std::initializer_list<const char *> path) {
  YAML::Node current = node;
  for (const char *key : path) {
    if (!current || !current.IsMap() || !current[key]) {
      return YAML::Node();
    }
    current.reset(current[key]); // not `=`, which would write into the node
  }
  return current;
}

YAML::Node pod_spec_of(const YAML::Node &object) {
  const std::string kind = at(object, {"kind"}).as<std::string>("");
  if (kind == "Pod") {
    return object["spec"];
  }
  if (kind == "CronJob") {
    return at(object, {"spec", "jobTemplate", "spec", "template", "spec"});
  }
  return at(object, {"spec", "template", "spec"});
  return {};
}

/// Per object (kind/namespace/name, in output order): the fields wincompat's
/// verdicts read.
std::vector<std::pair<std::string, std::string>> verdict_fields(const std::string &stream) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const YAML::Node &object : YAML::LoadAll(stream)) {
    if (!object.IsMap()) {
      continue;
    }
    const std::string id = at(object, {"kind"}).as<std::string>("") + "/" +
                           at(object, {"metadata", "namespace"}).as<std::string>("") + "/" +
                           at(object, {"metadata", "name"}).as<std::string>("");
    std::string fields;
    const YAML::Node spec = pod_spec_of(object);
    if (spec && spec.IsMap()) {
      for (const char *section : {"containers", "initContainers", "ephemeralContainers"}) {
        for (const auto &container : at(spec, {section})) {
          fields += std::string(section) + ":" + at(container, {"name"}).as<std::string>("") + "=" +
                    canonical(at(container, {"image"})) +
                    " windowsOptions=" + canonical(at(container, {"securityContext", "windowsOptions"})) +
                    "\n";
        }
      }
      for (const char *field : {"nodeSelector", "affinity", "tolerations", "runtimeClassName", "os"}) {
        fields += std::string(field) + "=" + canonical(at(spec, {field})) + "\n";
      }
      fields += "windowsOptions=" + canonical(at(spec, {"securityContext", "windowsOptions"})) + "\n";
    }
    if (at(object, {"kind"}).as<std::string>("") == "RuntimeClass") {
      fields += "handler=" + canonical(at(object, {"handler"})) +
                " scheduling=" + canonical(at(object, {"scheduling"})) + "\n";
    }
    out.emplace_back(id, fields);
  }
  return out;
}

bool is_component(const fs::path &dir) {
  for (const char *name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    std::ifstream in(dir / name);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      return text.str().find("kind: Component") != std::string::npos;
    }
  }
  return false;
}

/// Every buildable kustomization below `root` (components are built through
/// the kustomizations that use them).
std::vector<fs::path> kustomizations_below(const fs::path &root, bool skip_cases) {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_directory()) {
      continue;
    }
    const std::string name = it->path().filename().string();
    if (skip_cases && it.depth() == 0 && (name == "errors" || name == "notices" || name == "unrestricted")) {
      it.disable_recursion_pending();
      continue;
    }
    if (is_kustomization_directory(it->path().string()) && !is_component(it->path())) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string display(const fs::path &dir) {
  const std::string relative = fs::relative(dir, source_dir()).generic_string();
  return relative.starts_with("..") ? dir.generic_string() : relative;
}

/// Built as plain `kubectl kustomize` builds (LoadRestrictionsRootOnly).
LayerResult build(const fs::path &dir, LoadRestrictor restrictor = LoadRestrictor::RootOnly,
                  const std::string &boundary = "") {
  KustomizeRequest request{display(dir), dir.string()};
  request.load_restrictor = restrictor;
  request.boundary = boundary;
  return build_kustomization(request);
}

std::string describe(const LayerResult &result) {
  std::string out;
  for (const LayerDiagnostic &d : result.diagnostics) {
    out += d.path + ":" + std::to_string(d.diagnostic.range.start.line + 1) + ": " + d.diagnostic.code + " " +
           d.diagnostic.message + "\n";
  }
  return out;
}

size_t count_code(const LayerResult &result, std::string_view code) {
  return static_cast<size_t>(
      std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                    [&](const LayerDiagnostic &d) { return d.diagnostic.code == code; }));
}

/// The line a diagnostic points at, in the file it names.
std::string line_of(const LayerResult &result, const LayerDiagnostic &d) {
  auto it = result.files.find(d.path);
  if (it == result.files.end()) {
    return "(file not read: " + d.path + ")";
  }
  return std::string(it->second->line(d.diagnostic.range.start.line));
}

void compare_with_kubectl(const fs::path &dir) {
  const LayerResult ours = build(dir);
  INFO("kustomization: " << display(dir));
  INFO("our diagnostics:\n" << describe(ours));
  const Kubectl reference = kubectl_kustomize(dir.string());
  if (!reference.ok) { // both must refuse it
    CHECK(count_code(ours, "WC912") >= 1);
    CHECK(ours.documents.empty());
    return;
  }
  CHECK(count_code(ours, "WC912") == 0);
  REQUIRE(ours.documents.size() == 1);
  INFO("our output:\n" << ours.documents.front().text);
  INFO("kubectl output:\n" << reference.output);
  auto expected = verdict_fields(reference.output);
  const auto actual = verdict_fields(ours.documents.front().text);
  // Generators' ConfigMaps and Secrets are not built (nothing schedules by them).
  std::erase_if(expected, [&](const auto &object) {
    return (object.first.starts_with("ConfigMap/") || object.first.starts_with("Secret/")) &&
           std::none_of(actual.begin(), actual.end(), [&](const auto &o) { return o.first == object.first; });
  });
  CHECK(actual == expected);
}

} // namespace

TEST_CASE("every kustomize fixture builds like kubectl kustomize", "[kustomize][kubectl]") {
  if (!kubectl_available()) {
    // CI never goes green by skipping the comparison with the reference.
    const char *ci = std::getenv("CI");
    if (ci != nullptr && std::string_view(ci) == "true") {
      FAIL("kubectl is not installed: CI=true needs kubectl kustomize for the comparison");
    }
    WARN("kubectl is not installed: the comparison with kubectl kustomize is skipped");
    return;
  }
  for (const fs::path &root :
       {fs::path(source_dir()) / "tests/kustomize", fs::path(source_dir()) / "examples/kustomize"}) {
    if (!fs::exists(root)) {
      continue;
    }
    for (const fs::path &dir : kustomizations_below(root, true)) {
      compare_with_kubectl(dir);
    }
  }
}

// Not run by default: `KUSTOMIZE_COMPARE_ROOT=DIR wincompat_tests "[.kustomize-compare]"`
// compares every kustomization below DIR with kubectl (for trees of overlays
// these fixtures do not cover).
TEST_CASE("kustomizations below a directory build like kubectl kustomize", "[.kustomize-compare]") {
  const char *root = std::getenv("KUSTOMIZE_COMPARE_ROOT");
  REQUIRE(root);
  REQUIRE(kubectl_available());
  for (const fs::path &dir : kustomizations_below(root, false)) {
    compare_with_kubectl(dir);
  }
}

TEST_CASE("kustomize error cases fail like kubectl, with WC912 at the marked line", "[kustomize][kubectl]") {
  const fs::path root = fs::path(source_dir()) / "tests/kustomize/errors";
  size_t cases = 0;
  for (const auto &entry : fs::directory_iterator(root)) {
    const fs::path dir = entry.path();
    ++cases;
    INFO("case: " << display(dir));
    const LayerResult ours = build(dir);
    INFO("our diagnostics:\n" << describe(ours));
    CHECK(ours.documents.empty());
    REQUIRE(count_code(ours, "WC912") >= 1);
    for (const LayerDiagnostic &d : ours.diagnostics) {
      INFO(d.diagnostic.message);
      CHECK(line_of(ours, d).find("expect: " + d.diagnostic.code) != std::string::npos);
      CHECK(d.diagnostic.severity == Severity::Error);
    }
    if (kubectl_available()) {
      CHECK_FALSE(kubectl_kustomize(dir.string()).ok);
    }
  }
  CHECK(cases >= 6);
}

TEST_CASE("kustomize notices: WC913 at the marked line, the rest still built", "[kustomize]") {
  const fs::path root = fs::path(source_dir()) / "tests/kustomize/notices";
  size_t cases = 0;
  for (const auto &entry : fs::directory_iterator(root)) {
    const fs::path dir = entry.path();
    ++cases;
    INFO("case: " << display(dir));
    const LayerResult ours = build(dir);
    INFO("our diagnostics:\n" << describe(ours));
    CHECK(count_code(ours, "WC912") == 0);
    CHECK(count_code(ours, "WC913") >= 1);
    CHECK(ours.documents.size() == 1);
    for (const LayerDiagnostic &d : ours.diagnostics) {
      CHECK(line_of(ours, d).find("expect: WC913") != std::string::npos);
      CHECK(d.diagnostic.severity == Severity::Info);
    }
  }
  CHECK(cases >= 2);
}

TEST_CASE("kustomize load restrictor: a tree that reads outside its folders, built as kustomize builds it",
          "[kustomize][kubectl]") {
  // Shaped like cluster-api provider templates: a Windows flavor reads a
  // resource and a patch from folders beside it, and is built with
  // `kustomize build --load-restrictor LoadRestrictionsNone`.
  const fs::path root = fs::path(source_dir()) / "tests/kustomize/unrestricted";
  const fs::path flavor = root / "templates/flavors/machinepool-windows";
  const Kubectl reference = kubectl_available()
                                ? kubectl_kustomize(flavor.string(), "--load-restrictor LoadRestrictionsNone")
                                : Kubectl{};
  const auto same_as_kubectl = [&](const LayerResult &ours) {
    if (!kubectl_available()) {
      return;
    }
    REQUIRE(reference.ok);
    REQUIRE(ours.documents.size() == 1);
    CHECK(verdict_fields(ours.documents.front().text) == verdict_fields(reference.output));
  };

  SECTION("no restrictor set: built as LoadRestrictionsNone, one WC915 warning at the first outside file") {
    const LayerResult ours = build(flavor, LoadRestrictor::Unset);
    INFO(describe(ours));
    REQUIRE(ours.documents.size() == 1);
    REQUIRE(ours.diagnostics.size() == 1); // the patch read from outside adds no second one
    const LayerDiagnostic &d = ours.diagnostics.front();
    CHECK(d.diagnostic.code == "WC915");
    CHECK(d.diagnostic.severity == Severity::Warning);
    CHECK(line_of(ours, d).find("expect: WC915") != std::string::npos);
    CHECK(d.diagnostic.message.find("windows-csi-proxy.yaml") != std::string::npos);
    CHECK(d.diagnostic.message.find("--load-restrictor") != std::string::npos);
    CHECK(d.diagnostic.message.find("loadRestrictor") != std::string::npos);
    // The patch outside the folder was applied (the Windows build pin).
    CHECK(ours.documents.front().text.find("10.0.17763") != std::string::npos);
    same_as_kubectl(ours);
  }
  SECTION("LoadRestrictionsNone: the same build, nothing to say") {
    const LayerResult ours = build(flavor, LoadRestrictor::None);
    INFO(describe(ours));
    CHECK(ours.diagnostics.empty());
    same_as_kubectl(ours);
  }
  SECTION("LoadRestrictionsRootOnly: WC912 as plain kubectl kustomize fails") {
    const LayerResult ours = build(flavor, LoadRestrictor::RootOnly);
    INFO(describe(ours));
    CHECK(ours.documents.empty());
    REQUIRE(count_code(ours, "WC912") >= 1);
    CHECK(line_of(ours, ours.diagnostics.front()).find("expect: WC915") != std::string::npos);
    CHECK(ours.diagnostics.front().diagnostic.severity == Severity::Error);
    if (kubectl_available()) {
      CHECK_FALSE(kubectl_kustomize(flavor.string()).ok);
    }
  }
  SECTION("a file outside the repository is never read, whatever the restrictor") {
    for (const LoadRestrictor restrictor : {LoadRestrictor::Unset, LoadRestrictor::None}) {
      const LayerResult ours = build(flavor, restrictor, (root / "templates/flavors").string());
      INFO(describe(ours));
      CHECK(ours.documents.empty());
      REQUIRE(count_code(ours, "WC916") >= 1);
      CHECK(count_code(ours, "WC912") == 0);
      CHECK(ours.diagnostics.front().diagnostic.message.find("outside the repository") != std::string::npos);
      for (const auto &[path, file] : ours.files) {
        CHECK(path.find("azure-cluster-class") == std::string::npos); // never read
      }
    }
  }
}

TEST_CASE("kustomize load restrictor words are kustomize's", "[kustomize]") {
  CHECK(parse_load_restrictor("LoadRestrictionsNone") == LoadRestrictor::None);
  CHECK(parse_load_restrictor("LoadRestrictionsRootOnly") == LoadRestrictor::RootOnly);
  CHECK_FALSE(parse_load_restrictor("none"));
  CHECK_FALSE(parse_load_restrictor("rootOnly"));
}

// Not run by default: `KUSTOMIZE_DIR=path wincompat_tests "[.kustomize-print]"`
// prints a build with its diagnostics (to compare by eye with kubectl).
TEST_CASE("print a kustomize build", "[.kustomize-print]") {
  const char *dir = std::getenv("KUSTOMIZE_DIR");
  REQUIRE(dir);
  const LayerResult result = build_kustomization({dir, dir});
  std::cout << describe(result);
  for (const GeneratedDocument &document : result.documents) {
    std::cout << document.text;
    for (const OriginSegment &segment : document.origins) {
      if (segment.chain.size() > 1 || std::getenv("KUSTOMIZE_ALL_ORIGINS")) {
        std::cout << "# "
                  << document.text.substr(segment.generated.begin,
                                          segment.generated.end - segment.generated.begin);
        for (const Origin &origin : segment.chain) {
          const auto &file = result.files.at(origin.path());
          std::cout << " <- " << origin.path() << ":" << file->position(origin.span.begin).line + 1 << " '"
                    << file->text().substr(origin.span.begin, origin.span.end - origin.span.begin) << "' ("
                    << origin.role_text() << ")";
        }
        std::cout << "\n";
      }
    }
  }
}

namespace {

fs::path fixture(const std::string &relative) {
  return fs::path(source_dir()) / "tests/kustomize" / relative;
}

/// Where the `occurrence`-th copy of `needle` in the build output lands.
RoutedSpan route(const GeneratedDocument &document, std::string_view needle, size_t occurrence = 0) {
  size_t at = document.text.find(needle);
  for (size_t i = 0; i < occurrence && at != std::string::npos; ++i) {
    at = document.text.find(needle, at + 1);
  }
  REQUIRE(at != std::string::npos);
  return route_span(document, {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())});
}

std::string text_at(const LayerResult &result, const Origin &origin) {
  const std::string &text = result.files.at(origin.path())->text();
  return text.substr(origin.span.begin, origin.span.end - origin.span.begin);
}

uint32_t line_at(const LayerResult &result, const Origin &origin) {
  return result.files.at(origin.path())->position(origin.span.begin).line + 1;
}

} // namespace

TEST_CASE("kustomize origins: an overlay's image tag routes to its newTag line", "[kustomize][origin]") {
  const LayerResult result = build(fixture("images/overlay"));
  REQUIRE(result.documents.size() == 1);
  const GeneratedDocument &document = result.documents.front();
  CHECK(document.name == "tests/kustomize/images/overlay");
  CHECK(document.fallback.path() == "tests/kustomize/images/overlay/kustomization.yaml");

  const RoutedSpan image = route(document, "mcr.microsoft.com/windows/servercore:ltsc2019");
  CHECK(image.place.path() == "tests/kustomize/images/overlay/kustomization.yaml");
  CHECK(image.place.role_text() == "image tag set here");
  CHECK(text_at(result, image.place) == "ltsc2019");
  CHECK(line_at(result, image.place) == 5);
  REQUIRE(image.related.size() == 1);
  CHECK(image.related[0].path() == "tests/kustomize/images/base/pods.yaml");
  CHECK(text_at(result, image.related[0]) == "mcr.microsoft.com/windows/servercore:ltsc2022");
  CHECK(image.related[0].role_text() == "base resource");

  // newName and newTag together: the tag decides, the name follows it.
  const RoutedSpan renamed = route(document, "mcr.microsoft.com/windows/servercore:1809");
  CHECK(text_at(result, renamed.place) == "1809");
  REQUIRE_FALSE(renamed.related.empty());
  CHECK(text_at(result, renamed.related.back()) == "mcr.microsoft.com/windows/nanoserver:ltsc2022");

  // A digest alone is the decisive place.
  const RoutedSpan digest = route(document, "example.com/tools@sha256:fedcba");
  CHECK(digest.place.role_text() == "image digest set here");

  // An image no entry matches stays at the base line, exactly.
  const RoutedSpan kept = route(document, "contoso/app-helper:2");
  CHECK(kept.exact);
  CHECK(kept.place.path() == "tests/kustomize/images/base/pods.yaml");
  CHECK(text_at(result, kept.place) == "contoso/app-helper:2");
  // So does an ephemeral container's image (kustomize leaves it alone).
  const RoutedSpan ephemeral = route(document, "mcr.microsoft.com/windows/servercore:ltsc2022");
  CHECK(ephemeral.place.path() == "tests/kustomize/images/base/pods.yaml");
}

TEST_CASE("kustomize origins: patched values route to the patch line", "[kustomize][origin]") {
  const LayerResult result = build(fixture("patches/strategic"));
  REQUIRE(result.documents.size() == 1);
  const GeneratedDocument &document = result.documents.front();

  // A patch file's value, exactly; the base value it replaced is related.
  const RoutedSpan pool = route(document, "win19");
  CHECK(pool.exact);
  CHECK(pool.place.path() == "tests/kustomize/patches/strategic/pin-2019.yaml");
  CHECK(line_at(result, pool.place) == 10);
  REQUIRE(pool.related.size() == 1);
  CHECK(text_at(result, pool.related[0]) == "win22");

  // An inline patch's value lands on its line inside kustomization.yaml.
  const RoutedSpan build_value = route(document, "10.0.17763");
  CHECK(build_value.exact);
  CHECK(build_value.place.path() == "tests/kustomize/patches/strategic/kustomization.yaml");
  CHECK(line_at(result, build_value.place) == 25);
  CHECK(text_at(result, build_value.place) == "10.0.17763");

  // A key an inline patch added (what a rule points at for `nodeSelector:`-like keys).
  const RoutedSpan runtime = route(document, "runtimeClassName");
  CHECK(runtime.place.path() == "tests/kustomize/patches/strategic/kustomization.yaml");
  CHECK(line_at(result, runtime.place) == 56);

  // A value no patch touched stays in the base resource.
  const RoutedSpan db = route(document, "mcr.microsoft.com/mssql/server:2022-latest");
  CHECK(db.exact);
  CHECK(db.place.path() == "tests/kustomize/patches/base/workloads.yaml");
}

TEST_CASE("kustomize JSON patches: replace adds a missing key, test of a missing key against null passes",
          "[kustomize]") {
  // kustomize's JSON patch library (evanphx/json-patch v4), checked with
  // kubectl kustomize: cluster-api provider templates rely on both.
  const LayerResult result = build(fixture("patches/json6902-missing-keys"));
  for (const LayerDiagnostic &problem : result.diagnostics) {
    INFO(problem.diagnostic.code << " " << problem.diagnostic.message);
    CHECK(problem.diagnostic.code != "WC912");
  }
  REQUIRE(!result.documents.empty());
  const std::string &web = result.documents.front().text;
  CHECK(web.find("runtimeClassName: windows-2022") != std::string::npos);
  CHECK(web.find("node.kubernetes.io/windows-build: \"10.0.20348\"") != std::string::npos);
}

TEST_CASE("kustomize origins: JSON 6902 values and namespaces", "[kustomize][origin]") {
  const LayerResult json = build(fixture("patches/json6902"));
  REQUIRE(json.documents.size() == 1);
  const RoutedSpan tag = route(json.documents.front(), "windowsservercore-ltsc2019");
  CHECK(tag.place.path() == "tests/kustomize/patches/json6902/kustomization.yaml");
  CHECK(line_at(json, tag.place) == 12);
  // From a JSON file: the value's place in that file.
  const RoutedSpan build = route(json.documents.front(), "10.0.20348");
  CHECK(build.place.path() == "tests/kustomize/patches/json6902/statefulset-ops.json");
  CHECK(build.exact);

  const LayerResult chain = ::build(fixture("chain/top"));
  REQUIRE(chain.documents.size() == 1);
  const RoutedSpan value = route(chain.documents.front(), "legacy");
  CHECK(value.place.path() == "tests/kustomize/chain/top/kustomization.yaml");
  CHECK(value.place.role_text() == "namespace set here");
  // Two overlays changed the image: the top one first, then the middle, then the base.
  const RoutedSpan image =
      route(chain.documents.front(), "contoso.azurecr.io/iis:windowsservercore-ltsc2019");
  CHECK(image.place.path() == "tests/kustomize/chain/top/kustomization.yaml");
  REQUIRE(image.related.size() == 2);
  CHECK(image.related[0].path() == "tests/kustomize/chain/mid/kustomization.yaml");
  CHECK(image.related[1].path() == "tests/kustomize/chain/base/deployment.yaml");
}

TEST_CASE("kustomize origins are sorted, disjoint and inside real files", "[kustomize][origin]") {
  for (const fs::path &dir : kustomizations_below(fs::path(source_dir()) / "tests/kustomize", true)) {
    INFO(display(dir));
    const LayerResult result = build(dir);
    REQUIRE(result.documents.size() == 1);
    const GeneratedDocument &document = result.documents.front();
    uint32_t previous_end = 0;
    for (const OriginSegment &segment : document.origins) {
      CHECK(segment.generated.begin >= previous_end);
      CHECK(segment.generated.end <= document.text.size());
      previous_end = segment.generated.end;
      REQUIRE_FALSE(segment.chain.empty());
      for (const Origin &origin : segment.chain) {
        REQUIRE(result.files.count(origin.path()) == 1);
        CHECK(origin.span.begin <= origin.span.end);
        CHECK(origin.span.end <= result.files.at(origin.path())->text().size());
      }
    }
    CHECK(result.files.count(document.fallback.path()) == 1);
  }
}

TEST_CASE("kustomize origins: a replaced value routes to its source", "[kustomize][origin]") {
  const LayerResult result = build(fixture("replacements"));
  REQUIRE(result.documents.size() == 1);
  const GeneratedDocument &document = result.documents.front();
  // The Deployment's init image came from the DaemonSet's container image.
  const RoutedSpan init = route(document, "mcr.microsoft.com/windows/nanoserver:ltsc2019");
  CHECK(init.place.path() == "tests/kustomize/replacements/workloads.yaml");
  CHECK(line_at(result, init.place) == 24);
  REQUIRE(init.related.size() >= 1);
  CHECK(init.related[0].role_text() == "value copied here by a replacement");
  CHECK(init.related[0].path() == "tests/kustomize/replacements/kustomization.yaml");
  // The build number from the ConfigMap, created in the node selector.
  const RoutedSpan build_number = route(document, "10.0.17763", 1);
  CHECK(build_number.place.path() == "tests/kustomize/replacements/workloads.yaml");
  CHECK(line_at(result, build_number.place) == 6);
}

namespace {

struct ScratchDir {
  fs::path path;
  ScratchDir() {
    path = fs::temp_directory_path() / ("wincompat-kustomize-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string &relative, const std::string &text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << text;
  }
};

LayerResult build_temp(const ScratchDir &dir, const std::string &relative = ".") {
  const fs::path at = relative == "." ? dir.path : dir.path / relative;
  return build_kustomization({relative, at.string()});
}

} // namespace

TEST_CASE("kustomize: hostile and broken input is a diagnostic, never a crash", "[kustomize][hostile]") {
  SECTION("an alias bomb is cut at the value budget") {
    ScratchDir dir;
    std::string bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a0: &a0 [x, x, x, x, "
                       "x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
      bomb += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 10; ++j) {
        bomb += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
      }
      bomb += "]\n";
    }
    dir.write("kustomization.yaml", "resources:\n- bomb.yaml\n");
    dir.write("bomb.yaml", bomb);
    const LayerResult result = build_temp(dir);
    INFO(describe(result));
    CHECK(result.documents.empty());
    REQUIRE(count_code(result, "WC912") == 1);
    CHECK(result.diagnostics.front().path == "bomb.yaml");
  }
  SECTION("a symlink loop stops at the nesting bound") {
    ScratchDir dir;
    dir.write("kustomization.yaml", "resources:\n- loop\n");
    dir.write("loop/kustomization.yaml", "resources:\n- self\n");
    fs::create_directory_symlink(".", dir.path / "loop/self");
    const LayerResult result = build_temp(dir);
    CHECK(result.documents.empty());
    CHECK(count_code(result, "WC912") >= 1);
  }
  SECTION("a kustomization that is not a mapping, or is empty") {
    ScratchDir dir;
    dir.write("scalar/kustomization.yaml", "just text\n");
    dir.write("list/kustomization.yaml", "- a\n- b\n");
    dir.write("empty/kustomization.yaml", "");
    dir.write("binary/kustomization.yaml", std::string("\xff\xfe\x00\x01garbage", 11));
    CHECK(count_code(build_temp(dir, "scalar"), "WC912") == 1);
    CHECK(count_code(build_temp(dir, "list"), "WC912") == 1);
    const LayerResult empty = build_temp(dir, "empty");
    CHECK(empty.diagnostics.empty());
    REQUIRE(empty.documents.size() == 1);
    CHECK(empty.documents.front().text.empty());
    CHECK(count_code(build_temp(dir, "binary"), "WC912") == 1);
  }
  SECTION("a directory without a kustomization") {
    ScratchDir dir;
    const LayerResult result = build_temp(dir);
    REQUIRE(count_code(result, "WC912") == 1);
    CHECK(result.diagnostics.front().path == ".");
    CHECK_FALSE(is_kustomization_directory(dir.path.string()));
  }
  SECTION("wrong types in every field") {
    ScratchDir dir;
    dir.write("kustomization.yaml",
              "resources: deployment.yaml\nimages: {a: b}\npatches: 3\nreplicas: x\n"
              "namespace: [a]\nnamePrefix: {a: b}\ncommonLabels: [a]\nreplacements: 1\n");
    const LayerResult result = build_temp(dir);
    INFO(describe(result));
    CHECK(count_code(result, "WC912") >= 3);
    CHECK(result.documents.empty());
  }
  SECTION("the file size limit") {
    ScratchDir dir;
    dir.write("kustomization.yaml", "resources:\n- big.yaml\n");
    dir.write("big.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  a: " +
                              std::string(4096, 'x') + "\n");
    const LayerResult result = build_kustomization({".", dir.path.string(), 1024});
    INFO(describe(result));
    REQUIRE(count_code(result, "WC912") == 1);
    CHECK(result.diagnostics.front().path == "kustomization.yaml");
    CHECK(result.diagnostics.front().diagnostic.range.start.line == 1);
  }
}

TEST_CASE("kustomize: a Component is built alone as kubectl builds it (else only through its users)",
          "[kustomize]") {
  // Alone, as `kubectl kustomize` builds it: its resource, patched.
  const fs::path component = fixture("components/hostprocess");
  CHECK(is_kustomization_directory(component.string()));
  const LayerResult alone = build(component);
  REQUIRE(alone.documents.size() == 1);
  CHECK(alone.documents.front().text.find("hostProcess: true") != std::string::npos);
  CHECK(alone.diagnostics.empty());
  // A component whose patch names an object only its users hold fails alone
  // (as in kubectl): it yields nothing and reports nothing alone.
  const LayerResult patch_only = build(fixture("components/pin-2019"));
  CHECK(patch_only.documents.empty());
  CHECK(patch_only.diagnostics.empty());
  // Its files are claimed, so that they are not linted as manifests alone.
  CHECK(patch_only.files.count("tests/kustomize/components/pin-2019/kustomization.yaml") == 1);
}

TEST_CASE("kustomize origins: the tag inside a rewritten image maps exactly to newTag",
          "[kustomize][origin]") {
  const LayerResult result = build(fixture("images/overlay"));
  REQUIRE(result.documents.size() == 1);
  const GeneratedDocument &document = result.documents.front();
  const std::string image = "mcr.microsoft.com/windows/servercore:ltsc2019";
  const size_t at = document.text.find(image);
  REQUIRE(at != std::string::npos);
  // Just the tag (what a retag fix edits): exact, in the overlay.
  const auto tag_begin = static_cast<uint32_t>(at + image.find("ltsc2019"));
  const RoutedSpan tag = route_span(document, {tag_begin, tag_begin + 8});
  CHECK(tag.exact);
  CHECK(tag.place.path() == "tests/kustomize/images/overlay/kustomization.yaml");
  CHECK(text_at(result, tag.place) == "ltsc2019");
  // The registry and repository did not change: the name part is not exact.
  const RoutedSpan name = route_span(document, {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 9)});
  CHECK_FALSE(name.exact);
  // A digest an entry set maps exactly too.
  const std::string digest = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
  const size_t digest_at = document.text.find(digest);
  REQUIRE(digest_at != std::string::npos);
  const RoutedSpan d = route_span(
      document, {static_cast<uint32_t>(digest_at), static_cast<uint32_t>(digest_at + digest.size())});
  CHECK(d.exact);
  CHECK(d.place.role_text() == "image digest set here");
}

TEST_CASE("kustomize: target name regexes are Go's syntax, in linear time", "[kustomize][hostile]") {
  ScratchDir dir;
  std::string long_name(200000, 'a');
  for (size_t i = 0; i < long_name.size(); i += 2) {
    long_name[i] = 'b';
  }
  dir.write("kustomization.yaml",
            "resources:\n- pods.yaml\npatches:\n"
            "- target: {kind: ConfigMap, name: \"(?i)WEB\"}\n" // Go's flags: std::regex refused them
            "  patch: |-\n    - {op: add, path: /data/web, value: patched}\n"
            "- target: {kind: ConfigMap, name: \"(a|b)*\"}\n" // std::regex recursed per character
            "  patch: |-\n    - {op: add, path: /data/long, value: patched}\n"
            "- target: {kind: ConfigMap, name: \"(a+)+$\"}\n" // std::regex backtracked 2^n times
            "  patch: |-\n    - {op: add, path: /data/nested, value: patched}\n");
  dir.write("pods.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: b}\n---\n"
                         "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " +
                             long_name +
                             "}\ndata: {a: b}\n---\n"
                             "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " +
                             std::string(40, 'a') + "x}\ndata: {a: b}\n");
  const LayerResult result = build_temp(dir);
  INFO(describe(result));
  CHECK(count_code(result, "WC912") == 0);
  REQUIRE(result.documents.size() == 1);
  const std::string &out = result.documents.front().text;
  CHECK(out.find("web: patched") != std::string::npos);
  CHECK(out.find("long: patched") != std::string::npos);
  CHECK(out.find("nested: patched") == std::string::npos); // "aaa...x" does not end in a's
  // A bad pattern fails the build as kubectl's does:
  // error parsing regexp: missing closing ): `^(?:(a)$`
  ScratchDir bad;
  bad.write("kustomization.yaml",
            "resources:\n- pods.yaml\npatches:\n- target: {kind: ConfigMap, name: \"(a\"}\n"
            "  patch: |-\n    - {op: add, path: /data/x, value: y}\n");
  bad.write("pods.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");
  const LayerResult failed = build_temp(bad);
  INFO(describe(failed));
  REQUIRE(count_code(failed, "WC912") == 1);
  CHECK(failed.diagnostics.front().diagnostic.message.find(
            "error parsing regexp: missing closing ): `^(?:(a)$`") != std::string::npos);
}
