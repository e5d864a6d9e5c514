// kustomize features compared with `kubectl kustomize` on the WHOLE output:
// every kustomization under tests/kustomize/features/ must build to the same
// objects, in the same order, with every field equal (compared by meaning:
// mapping keys in any order, scalars as text).
#include "wincompat/kustomize.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string_view>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

bool features_kubectl_available() {
  static const bool available = std::system("kubectl version --client >/dev/null 2>&1") == 0;
  return available;
}

/// `kubectl kustomize DIR`: its output, or nullopt when it fails.
std::optional<std::string> features_kubectl(const fs::path &dir) {
  const std::string command = "kubectl kustomize '" + dir.string() + "' 2>/dev/null";
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe) {
    return std::nullopt;
  }
  std::string output;
  std::array<char, 4096> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    output.append(buffer.data(), n);
  }
  return pclose(pipe) == 0 ? std::optional(output) : std::nullopt;
}

/// A YAML value as text, mapping keys sorted, scalars quoted.
std::string features_canonical(const YAML::Node &node) {
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
      out += features_canonical(item) + ",";
    }
    return out + "]";
  }
  std::map<std::string, std::string> entries;
  for (const auto &entry : node) {
    entries[entry.first.Scalar()] = features_canonical(entry.second);
  }
  out = "{";
  for (const auto &[key, value] : entries) {
    out += key + ":" + value + ",";
  }
  return out + "}";
}

/// Every object of a YAML stream, in order, as canonical text.
std::vector<std::string> features_objects(const std::string &stream) {
  std::vector<std::string> out;
  for (const YAML::Node &document : YAML::LoadAll(stream)) {
    if (document && !document.IsNull()) {
      out.push_back(features_canonical(document));
    }
  }
  return out;
}

/// The kustomizations (not components) below `root`, sorted.
std::vector<fs::path> features_kustomizations(const fs::path &root) {
  std::vector<fs::path> out;
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_directory() && is_kustomization_directory(entry.path().string())) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("kustomize features build to kubectl kustomize's whole output", "[kustomize][kubectl]") {
  if (!features_kubectl_available()) {
    const char *ci = std::getenv("CI");
    if (ci != nullptr && std::string_view(ci) == "true") {
      FAIL("kubectl is not installed: CI=true needs kubectl kustomize for the comparison");
    }
    WARN("kubectl is not installed: the whole-output comparison with kubectl kustomize is skipped");
    return;
  }
  const fs::path root = fs::path(WINCOMPAT_SOURCE_DIR) / "tests/kustomize/features";
  const std::vector<fs::path> dirs = features_kustomizations(root);
  REQUIRE(dirs.size() >= 3);
  for (const fs::path &dir : dirs) {
    const std::string display = fs::relative(dir, WINCOMPAT_SOURCE_DIR).generic_string();
    KustomizeRequest request{display, dir.string()};
    request.load_restrictor = LoadRestrictor::RootOnly;
    const LayerResult ours = build_kustomization(request);
    std::string diagnostics;
    for (const LayerDiagnostic &d : ours.diagnostics) {
      diagnostics += d.path + ":" + std::to_string(d.diagnostic.range.start.line + 1) + ": " +
                     d.diagnostic.code + " " + d.diagnostic.message + "\n";
    }
    INFO("kustomization: " << display);
    INFO("our diagnostics:\n" << diagnostics);
    const std::optional<std::string> reference = features_kubectl(dir);
    REQUIRE(reference.has_value()); // every feature fixture builds with kubectl
    REQUIRE(ours.documents.size() == 1);
    INFO("our output:\n" << ours.documents.front().text);
    INFO("kubectl output:\n" << *reference);
    const std::vector<std::string> expected = features_objects(*reference);
    const std::vector<std::string> actual = features_objects(ours.documents.front().text);
    CHECK(actual.size() == expected.size());
    for (size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
      INFO("object " << i);
      CHECK(actual[i] == expected[i]);
    }
  }
}
