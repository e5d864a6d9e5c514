// Whole builds of real kustomizations (tests/kustomize-corpus/builds.tsv)
// compared with `kubectl kustomize` run with the load restrictor each
// repository uses: the same objects, in the same order, every field equal.
// A build listed in tests/kustomize-corpus/known-differences.tsv must still
// differ (so the list cannot go stale); any other difference fails.
#include "wincompat/kustomize.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

struct CorpusBuild {
  std::string dir;
  std::string restrictor;
};

std::vector<std::vector<std::string>> corpus_read_tsv(const fs::path &file) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream split(line);
    std::string field;
    while (std::getline(split, field, '\t')) {
      fields.push_back(field);
    }
    rows.push_back(fields);
  }
  return rows;
}

struct CorpusKubectl {
  bool ok = false;
  std::string output;
};

CorpusKubectl corpus_kubectl(const CorpusBuild &build, const fs::path &root) {
  CorpusKubectl result;
  const std::string command = "kubectl kustomize --load-restrictor " + build.restrictor + " '" +
                              (root / build.dir).string() + "' 2>/dev/null";
  FILE *pipe = popen(command.c_str(), "r");
  if (!pipe) {
    return result;
  }
  std::array<char, 65536> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    result.output.append(buffer.data(), n);
  }
  result.ok = pclose(pipe) == 0;
  return result;
}

/// The type a scalar has once loaded: quoted scalars are strings, plain ones
/// resolve as YAML's core schema resolves them.
std::string corpus_scalar(const YAML::Node &node) {
  const std::string &value = node.Scalar();
  if (node.Tag() == "!") {
    return "str:" + value;
  }
  static const std::regex null_re("~|null|Null|NULL|");
  static const std::regex bool_re("true|True|TRUE|false|False|FALSE");
  static const std::regex int_re("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const std::regex float_re(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|"
      "\\.(nan|NaN|NAN)");
  if (std::regex_match(value, null_re)) {
    return "null";
  }
  if (std::regex_match(value, bool_re)) {
    return "bool:" + value;
  }
  if (std::regex_match(value, int_re)) {
    return "int:" + value;
  }
  if (std::regex_match(value, float_re)) {
    return "float:" + value;
  }
  return "str:" + value;
}

/// The first path where two YAML trees differ, or "" when they are equal.
std::string corpus_first_difference(const YAML::Node &a, const YAML::Node &b, const std::string &path) {
  const auto type_of = [](const YAML::Node &n) {
    return !n || n.IsNull() ? 0 : n.IsScalar() ? 1 : n.IsSequence() ? 2 : 3;
  };
  if (type_of(a) != type_of(b)) {
    return path + " (kind of node)";
  }
  if (type_of(a) == 1) {
    return corpus_scalar(a) == corpus_scalar(b) ? ""
                                                : path + ": " + corpus_scalar(a) + " vs " + corpus_scalar(b);
  }
  if (type_of(a) == 2) {
    if (a.size() != b.size()) {
      return path + " (length " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + ")";
    }
    for (size_t i = 0; i < a.size(); ++i) {
      std::string d = corpus_first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) {
        return d;
      }
    }
    return "";
  }
  if (type_of(a) == 3) {
    std::map<std::string, YAML::Node> left;
    std::map<std::string, YAML::Node> right;
    for (const auto &e : a) {
      left[e.first.Scalar()] = e.second;
    }
    for (const auto &e : b) {
      right[e.first.Scalar()] = e.second;
    }
    for (const auto &[key, value] : left) {
      if (!right.count(key)) {
        return path + "." + key + " (only in kubectl's)";
      }
      std::string d = corpus_first_difference(value, right[key], path + "." + key);
      if (!d.empty()) {
        return d;
      }
    }
    for (const auto &entry : right) {
      if (!left.count(entry.first)) {
        return path + "." + entry.first + " (only in ours)";
      }
    }
  }
  return "";
}

/// "" when the two streams hold the same objects in the same order.
std::string corpus_compare(const std::string &expected, const std::string &actual) {
  std::vector<YAML::Node> a;
  std::vector<YAML::Node> b;
  try {
    a = YAML::LoadAll(expected);
    b = YAML::LoadAll(actual);
  } catch (const YAML::Exception &e) {
    return std::string("unparsable output: ") + e.what();
  }
  std::erase_if(a, [](const YAML::Node &n) { return !n || n.IsNull(); });
  std::erase_if(b, [](const YAML::Node &n) { return !n || n.IsNull(); });
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    std::string d = corpus_first_difference(a[i], b[i], "object " + std::to_string(i));
    if (!d.empty()) {
      return d;
    }
  }
  return a.size() == b.size() ? ""
                              : "object count " + std::to_string(a.size()) + " (kubectl) vs " +
                                    std::to_string(b.size()) + " (ours)";
}

} // namespace

TEST_CASE("real-world kustomizations build exactly as kubectl kustomize builds them",
          "[kustomize][kustomize-corpus]") {
  const fs::path root = fs::path(WINCOMPAT_SOURCE_DIR) / "tests" / "kustomize-corpus";
  if (std::system("kubectl version --client >/dev/null 2>&1") != 0) {
    const char *ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") {
      FAIL("kubectl is not installed: CI=true needs kubectl kustomize for the corpus comparison");
    }
    WARN("kubectl is not installed: the kustomize corpus comparison is skipped");
    return;
  }
  std::vector<CorpusBuild> builds;
  for (const auto &row : corpus_read_tsv(root / "builds.tsv")) {
    REQUIRE(row.size() == 2);
    builds.push_back({row[0], row[1]});
  }
  REQUIRE(builds.size() >= 100);
  std::map<std::string, std::string> listed; // build -> area and reason
  for (const auto &row : corpus_read_tsv(root / "known-differences.tsv")) {
    REQUIRE(row.size() == 3);
    listed[row[0]] = row[1] + ": " + row[2];
  }

  // kubectl on the two cores, each half in its own thread; ours in this one.
  std::vector<CorpusKubectl> references(builds.size());
  std::vector<std::future<void>> workers;
  for (size_t worker = 0; worker < 2; ++worker) {
    workers.push_back(std::async(std::launch::async, [&, worker] {
      for (size_t i = worker; i < builds.size(); i += 2) {
        references[i] = corpus_kubectl(builds[i], root);
      }
    }));
  }
  std::vector<std::string> differences(builds.size());
  for (size_t i = 0; i < builds.size(); ++i) {
    const CorpusBuild &build = builds[i];
    KustomizeRequest request{build.dir, (root / build.dir).string()};
    request.load_restrictor = *parse_load_restrictor(build.restrictor);
    request.boundary = (root / build.dir.substr(0, build.dir.find('/'))).string();
    const LayerResult ours = build_kustomization(request);
    std::string failure;
    for (const LayerDiagnostic &d : ours.diagnostics) {
      if (d.diagnostic.code == "WC912" || d.diagnostic.code == "WC916") {
        failure = "fails in wincompat: " + d.diagnostic.code + " " + d.diagnostic.message;
        break;
      }
    }
    if (failure.empty() && ours.documents.size() != 1) {
      failure = "fails in wincompat: no output";
    }
    differences[i] = failure.empty() ? ours.documents.front().text : failure;
  }
  for (auto &worker : workers) {
    worker.get();
  }
  size_t identical = 0;
  size_t failing = 0;
  for (size_t i = 0; i < builds.size(); ++i) {
    INFO("build: " << builds[i].dir << " (" << builds[i].restrictor << ")");
    REQUIRE(references[i].ok); // the corpus holds only builds kubectl succeeds on
    std::string difference = differences[i].starts_with("fails in wincompat: ")
                                 ? differences[i]
                                 : corpus_compare(references[i].output, differences[i]);
    failing += difference.starts_with("fails in wincompat: ") ? 1 : 0;
    identical += difference.empty() ? 1 : 0;
    const auto known = listed.find(builds[i].dir);
    if (known == listed.end()) {
      INFO("first difference: " << difference);
      CHECK(difference.empty());
    } else {
      INFO("listed as a known difference (" << known->second
                                            << ") but now identical: remove it from the list");
      CHECK_FALSE(difference.empty());
    }
  }
  std::printf("kustomize corpus: %zu builds, %zu identical to kubectl, %zu failing in wincompat\n",
              builds.size(), identical, failing);
}
