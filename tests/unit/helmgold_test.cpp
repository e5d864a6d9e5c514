// Real-world goldens: public chart repositories commit what `helm template`
// printed for their example values. Each case under tests/helmgold/REPO/cases
// is rendered by the engine with the flags of the repository's own script
// (tests/helmgold/REPO/cases.yaml) and every object must equal Helm's, parsed
// and compared in order. Only fields the repository itself masks (or Helm
// fills at random) are masked, each with its reason in cases.yaml.
#include "e2e_support.hpp"
#include "layers/helm/values.hpp"
#include "test_support.hpp"
#include "wincompat/helm.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <tuple>

using namespace wincompat;
namespace fs = std::filesystem;

namespace {

using helm::Value;

std::string helmgold_root() {
  return std::string(WINCOMPAT_SOURCE_DIR) + "/tests/helmgold";
}

std::string helmgold_read(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Value helmgold_parse(const std::string &name, const std::string &text, std::string &error) {
  SourceFile file(name, text);
  helm::LoadedYaml loaded = helm::load_yaml(file, false);
  error = loaded.error;
  return loaded.value;
}

const Value *helmgold_get(const Value &map, const std::string &key) {
  if (map.kind != Value::Kind::Map) {
    return nullptr;
  }
  auto it = map.map->find(key);
  return it == map.map->end() ? nullptr : &it->second;
}

std::string helmgold_string(const Value &map, const std::string &key, const std::string &fallback = {}) {
  const Value *v = helmgold_get(map, key);
  if (v == nullptr || v->is_nil()) {
    return fallback;
  }
  if (v->kind == Value::Kind::String) {
    return v->str();
  }
  return helm::format_v(*v);
}

std::vector<std::string> helmgold_strings(const Value &map, const std::string &key) {
  std::vector<std::string> out;
  const Value *v = helmgold_get(map, key);
  if (v != nullptr && v->kind == Value::Kind::List) {
    for (const Value &item : *v->list) {
      out.push_back(item.kind == Value::Kind::String ? item.str() : helm::format_v(item));
    }
  }
  return out;
}

/// One object of a rendering: the template it came from ("" when unknown).
struct GoldObject {
  std::string source;
  Value object;
};

/// Splits a `helm template` stream into documents and parses each; a
/// document that holds no object (comments, blank) is no object, as for Helm.
void helmgold_split(const std::string &name, const std::string &text, const std::string &source,
                    std::vector<GoldObject> &out, std::vector<std::string> &errors) {
  std::vector<std::string> documents(1);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line == "---" || line.rfind("--- ", 0) == 0) {
      documents.emplace_back();
      continue;
    }
    documents.back() += line + "\n";
  }
  for (const std::string &document : documents) {
    std::string doc_source = source;
    const size_t at = document.find("# Source: ");
    if (at != std::string::npos && (at == 0 || document[at - 1] == '\n')) {
      doc_source = document.substr(at + 10, document.find('\n', at) - at - 10);
    }
    std::string error;
    Value value = helmgold_parse(name, document, error);
    if (!error.empty()) {
      errors.push_back(name + " (" + doc_source + "): " + error);
      continue;
    }
    if (!value.is_nil()) {
      out.push_back({doc_source, value});
    }
  }
}

/// A mask: a key removed wherever it is (`key`), or the field at `path`
/// (segments, `*` for any key or index) in objects of `kinds` (all when empty).
struct GoldMask {
  std::string key;
  std::vector<std::string> path;
  std::vector<std::string> kinds;
};

void helmgold_drop_key(Value &v, const std::string &key) {
  if (v.kind == Value::Kind::Map) {
    v.map->erase(key);
    for (auto &[k, child] : *v.map) {
      helmgold_drop_key(child, key);
    }
  } else if (v.kind == Value::Kind::List) {
    for (Value &child : *v.list) {
      helmgold_drop_key(child, key);
    }
  }
}

void helmgold_drop_path(Value &v, const std::vector<std::string> &path, size_t at) {
  const std::string &segment = path[at];
  const bool last = at + 1 == path.size();
  if (v.kind == Value::Kind::Map) {
    if (last) {
      if (segment == "*") {
        v.map->clear();
      } else {
        v.map->erase(segment);
      }
      return;
    }
    for (auto &[k, child] : *v.map) {
      if (segment == "*" || segment == k) {
        helmgold_drop_path(child, path, at + 1);
      }
    }
  } else if (v.kind == Value::Kind::List && !last) {
    for (size_t i = 0; i < v.list->size(); ++i) {
      if (segment == "*" || segment == std::to_string(i)) {
        helmgold_drop_path((*v.list)[i], path, at + 1);
      }
    }
  }
}

void helmgold_apply_masks(std::vector<GoldObject> &objects, const std::vector<GoldMask> &masks,
                          const std::vector<std::string> &drop_kinds) {
  std::vector<GoldObject> kept;
  for (GoldObject &o : objects) {
    o.object = helm::deep_copy(o.object);
    const std::string kind = helmgold_string(o.object, "kind");
    if (std::find(drop_kinds.begin(), drop_kinds.end(), kind) != drop_kinds.end()) {
      continue;
    }
    for (const GoldMask &mask : masks) {
      if (!mask.kinds.empty() && std::find(mask.kinds.begin(), mask.kinds.end(), kind) == mask.kinds.end()) {
        continue;
      }
      if (!mask.key.empty()) {
        helmgold_drop_key(o.object, mask.key);
      } else if (!mask.path.empty()) {
        helmgold_drop_path(o.object, mask.path, 0);
      }
    }
    kept.push_back(std::move(o));
  }
  objects = std::move(kept);
}

std::string helmgold_show(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Nil:
    return "null";
  case Value::Kind::String: {
    std::string s = v.str();
    if (s.size() > 160) {
      s = s.substr(0, 160) + "...";
    }
    return "\"" + s + "\"";
  }
  case Value::Kind::Map:
    return "map[" + std::to_string(v.map->size()) + " keys]";
  case Value::Kind::List:
    return "list[" + std::to_string(v.list->size()) + "]";
  default:
    return helm::format_v(v);
  }
}

/// Appends where `expected` and `actual` differ (a path per difference).
void helmgold_diff(const Value &expected, const Value &actual, const std::string &path,
                   std::vector<std::string> &out) {
  if (out.size() >= 12) {
    return;
  }
  if (expected.is_number() && actual.is_number()) {
    const double a = expected.kind == Value::Kind::Int ? static_cast<double>(expected.i) : expected.f;
    const double b = actual.kind == Value::Kind::Int ? static_cast<double>(actual.i) : actual.f;
    if (a != b) {
      out.push_back(path + ": expected " + helmgold_show(expected) + ", got " + helmgold_show(actual));
    }
    return;
  }
  if (expected.kind != actual.kind) {
    out.push_back(path + ": expected " + helmgold_show(expected) + ", got " + helmgold_show(actual));
    return;
  }
  switch (expected.kind) {
  case Value::Kind::Map:
    for (const auto &[key, value] : *expected.map) {
      auto it = actual.map->find(key);
      if (it == actual.map->end()) {
        out.push_back(path + "." + key + ": missing (expected " + helmgold_show(value) + ")");
      } else {
        helmgold_diff(value, it->second, path + "." + key, out);
      }
    }
    for (const auto &[key, value] : *actual.map) {
      if (expected.map->count(key) == 0) {
        out.push_back(path + "." + key + ": unexpected " + helmgold_show(value));
      }
    }
    return;
  case Value::Kind::List:
    for (size_t i = 0; i < std::min(expected.list->size(), actual.list->size()); ++i) {
      helmgold_diff((*expected.list)[i], (*actual.list)[i], path + "[" + std::to_string(i) + "]", out);
    }
    if (expected.list->size() != actual.list->size()) {
      out.push_back(path + ": expected " + std::to_string(expected.list->size()) + " items, got " +
                    std::to_string(actual.list->size()));
    }
    return;
  case Value::Kind::String:
    if (expected.str() != actual.str()) {
      const std::string &a = expected.str();
      const std::string &b = actual.str();
      size_t at = 0;
      while (at < a.size() && at < b.size() && a[at] == b[at]) {
        ++at;
      }
      const size_t from = at > 40 ? at - 40 : 0;
      out.push_back(path + ": strings differ at byte " + std::to_string(at) + ": expected \"" +
                    a.substr(from, 100) + "\", got \"" + b.substr(from, 100) + "\"");
    }
    return;
  case Value::Kind::Bool:
    if (expected.b != actual.b) {
      out.push_back(path + ": expected " + helmgold_show(expected) + ", got " + helmgold_show(actual));
    }
    return;
  default:
    return;
  }
}

std::string helmgold_label(const GoldObject &o) {
  const Value *metadata = helmgold_get(o.object, "metadata");
  const std::string name = metadata ? helmgold_string(*metadata, "name") : "";
  return helmgold_string(o.object, "kind") + "/" + name + (o.source.empty() ? "" : " (" + o.source + ")");
}

/// `helm template` prints objects sorted as Helm installs them (releaseutil
/// InstallOrder: by kind, then by template path; unknown kinds last, by kind
/// name), hooks after the rest. The engine lists them per template file; the
/// comparison puts them in Helm's order first.
void helmgold_helm_order(std::vector<GoldObject> &objects) {
  static const std::vector<std::string> order = {"Namespace",
                                                 "NetworkPolicy",
                                                 "ResourceQuota",
                                                 "LimitRange",
                                                 "PodSecurityPolicy",
                                                 "PodDisruptionBudget",
                                                 "ServiceAccount",
                                                 "Secret",
                                                 "ConfigMap",
                                                 "StorageClass",
                                                 "PersistentVolume",
                                                 "PersistentVolumeClaim",
                                                 "CustomResourceDefinition",
                                                 "ClusterRole",
                                                 "ClusterRoleList",
                                                 "ClusterRoleBinding",
                                                 "ClusterRoleBindingList",
                                                 "Role",
                                                 "RoleList",
                                                 "RoleBinding",
                                                 "RoleBindingList",
                                                 "Service",
                                                 "DaemonSet",
                                                 "Pod",
                                                 "ReplicationController",
                                                 "ReplicaSet",
                                                 "Deployment",
                                                 "HorizontalPodAutoscaler",
                                                 "StatefulSet",
                                                 "Job",
                                                 "CronJob",
                                                 "Ingress",
                                                 "APIService"};
  auto rank = [&](const GoldObject &o) {
    const Value *metadata = helmgold_get(o.object, "metadata");
    const Value *annotations = metadata ? helmgold_get(*metadata, "annotations") : nullptr;
    const bool hook = annotations != nullptr && helmgold_get(*annotations, "helm.sh/hook") != nullptr;
    const std::string kind = helmgold_string(o.object, "kind");
    const auto at = std::find(order.begin(), order.end(), kind);
    const size_t position = static_cast<size_t>(at - order.begin());
    return std::make_tuple(hook, position, at == order.end() ? kind : std::string(), o.source);
  };
  std::stable_sort(objects.begin(), objects.end(),
                   [&](const GoldObject &a, const GoldObject &b) { return rank(a) < rank(b); });
}

struct GoldResult {
  size_t expected = 0;  // objects in Helm's output
  size_t identical = 0; // of them, equal to the engine's, in place
  std::vector<std::string> problems;
  std::vector<std::string> windows_expected; // KIND/NAME of Helm's Windows workloads
  std::vector<std::string> windows_rendered; // of the engine's
};

/// Whether the object schedules onto Windows nodes: a nodeSelector (of the
/// object, or of its pod template) with kubernetes.io/os: windows.
bool helmgold_is_windows(const Value &object) {
  const Value *spec = helmgold_get(object, "spec");
  if (spec == nullptr) {
    return false;
  }
  std::vector<const Value *> pod_specs = {spec};
  if (const Value *controller = helmgold_get(*spec, "controller")) {
    pod_specs.push_back(controller); // Grafana's Alloy object: spec.controller.nodeSelector
  }
  if (const Value *tmpl = helmgold_get(*spec, "template")) {
    if (const Value *pod = helmgold_get(*tmpl, "spec")) {
      pod_specs.push_back(pod);
    }
  }
  for (const Value *pod : pod_specs) {
    const Value *selector = helmgold_get(*pod, "nodeSelector");
    if (selector != nullptr && helmgold_string(*selector, "kubernetes.io/os") == "windows") {
      return true;
    }
  }
  return false;
}

std::vector<std::string> helmgold_windows(const std::vector<GoldObject> &objects) {
  std::vector<std::string> out;
  for (const GoldObject &o : objects) {
    if (helmgold_is_windows(o.object)) {
      const Value *metadata = helmgold_get(o.object, "metadata");
      out.push_back(helmgold_string(o.object, "kind") + "/" +
                    (metadata ? helmgold_string(*metadata, "name") : ""));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Compares two sequences of objects in order.
void helmgold_compare_sequence(const std::vector<GoldObject> &expected, const std::vector<GoldObject> &actual,
                               bool sources, GoldResult &result) {
  result.expected += expected.size();
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    if (i >= actual.size()) {
      result.problems.push_back("missing object #" + std::to_string(i) + ": " + helmgold_label(expected[i]));
      continue;
    }
    if (i >= expected.size()) {
      result.problems.push_back("unexpected object #" + std::to_string(i) + ": " + helmgold_label(actual[i]));
      continue;
    }
    std::vector<std::string> diffs;
    if (sources && expected[i].source != actual[i].source) {
      diffs.push_back("source: expected " + expected[i].source + ", got " + actual[i].source);
    }
    helmgold_diff(expected[i].object, actual[i].object, "", diffs);
    if (diffs.empty()) {
      ++result.identical;
      continue;
    }
    std::string problem = "object #" + std::to_string(i) + " " + helmgold_label(expected[i]) + " differs:";
    for (const std::string &d : diffs) {
      problem += "\n      " + d;
    }
    result.problems.push_back(problem);
  }
}

struct GoldCase {
  std::string repo;
  std::string name;
  fs::path dir;
  ChartRequest request;
  std::vector<GoldMask> masks;
  std::vector<std::string> drop_kinds;
  std::string expect_failure; // why this case still differs
};

std::vector<GoldMask> helmgold_masks(const Value &config) {
  std::vector<GoldMask> out;
  const Value *masks = helmgold_get(config, "masks");
  if (masks == nullptr || masks->kind != Value::Kind::List) {
    return out;
  }
  for (const Value &m : *masks->list) {
    GoldMask mask;
    mask.key = helmgold_string(m, "key");
    mask.path = helmgold_strings(m, "path");
    mask.kinds = helmgold_strings(m, "kinds");
    REQUIRE(!helmgold_string(m, "reason").empty()); // every mask says why
    out.push_back(std::move(mask));
  }
  return out;
}

std::vector<GoldCase> helmgold_cases() {
  std::vector<GoldCase> out;
  std::vector<fs::path> repos;
  for (const auto &entry : fs::directory_iterator(helmgold_root())) {
    if (entry.is_directory() && fs::exists(entry.path() / "cases.yaml")) {
      repos.push_back(entry.path());
    }
  }
  std::sort(repos.begin(), repos.end());
  for (const fs::path &repo : repos) {
    std::string error;
    const Value config = helmgold_parse("cases.yaml", helmgold_read(repo / "cases.yaml"), error);
    REQUIRE(error.empty());
    const std::string chart = helmgold_string(config, "chart");
    const std::vector<GoldMask> masks = helmgold_masks(config);
    const Value *overrides = helmgold_get(config, "cases");
    std::vector<fs::path> dirs;
    for (const auto &entry : fs::directory_iterator(repo / "cases")) {
      dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path &dir : dirs) {
      GoldCase c;
      c.repo = repo.filename().string();
      c.name = dir.filename().string();
      c.dir = dir;
      c.request.path = "tests/helmgold/" + c.repo + "/" + chart;
      c.request.fs_path = (repo / chart).string();
      // Every *values.yaml of the case, as the repository's script finds them.
      for (const auto &entry : fs::directory_iterator(dir)) {
        const std::string file = entry.path().filename().string();
        if (file.size() >= 11 && file.compare(file.size() - 11, 11, "values.yaml") == 0) {
          c.request.values_files.push_back(entry.path().string());
        }
      }
      std::sort(c.request.values_files.begin(), c.request.values_files.end());
      c.request.set_values = helmgold_strings(config, "set");
      c.request.release_name = helmgold_string(config, "release", "release-name");
      c.request.release_namespace = helmgold_string(config, "namespace", "default");
      c.request.kube_version = helmgold_string(config, "kube_version");
      c.request.api_versions = helmgold_strings(config, "api_versions");
      c.request.today = "2026-12-04";
      c.masks = masks;
      c.drop_kinds = helmgold_strings(config, "drop_kinds");
      const Value *own = overrides ? helmgold_get(*overrides, c.name) : nullptr;
      if (own != nullptr) {
        for (const std::string &v : helmgold_strings(*own, "api_versions")) {
          c.request.api_versions.push_back(v);
        }
        for (GoldMask &m : helmgold_masks(*own)) {
          c.masks.push_back(std::move(m));
        }
        c.expect_failure = helmgold_string(*own, "expect_failure");
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

/// Renders one case and compares it with Helm's committed output.
GoldResult helmgold_run(const GoldCase &c) {
  GoldResult result;
  LayerResult rendered = render_chart(c.request);
  std::vector<GoldObject> actual;
  for (const GeneratedDocument &d : rendered.documents) {
    helmgold_split(d.name, d.text, d.name, actual, result.problems);
  }
  for (const auto &d : rendered.diagnostics) {
    result.problems.push_back("engine: " + d.path + ":" + std::to_string(d.diagnostic.range.start.line + 1) +
                              ": " + d.diagnostic.code + " " + d.diagnostic.message);
  }
  std::vector<GoldObject> expected;
  helmgold_apply_masks(actual, c.masks, c.drop_kinds);
  const fs::path rendered_dir = c.dir / "rendered";
  if (fs::exists(rendered_dir)) {
    // helm template --output-dir: a file per template; objects compared per file, in order.
    std::vector<fs::path> files;
    for (const auto &entry : fs::recursive_directory_iterator(rendered_dir)) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path &file : files) {
      helmgold_split(file.string(), helmgold_read(file), "", expected, result.problems);
    }
    helmgold_apply_masks(expected, c.masks, c.drop_kinds);
    std::map<std::string, std::vector<GoldObject>> by_source_expected, by_source_actual;
    for (const GoldObject &o : expected) {
      by_source_expected[o.source].push_back(o);
    }
    for (const GoldObject &o : actual) {
      by_source_actual[o.source].push_back(o);
    }
    for (const auto &[source, objects] : by_source_expected) {
      helmgold_compare_sequence(objects, by_source_actual[source], false, result);
    }
    for (const auto &[source, objects] : by_source_actual) {
      if (by_source_expected.count(source) == 0) {
        for (const GoldObject &o : objects) {
          result.problems.push_back("unexpected object: " + helmgold_label(o));
        }
      }
    }
    result.windows_expected = helmgold_windows(expected);
  } else {
    const fs::path file = c.dir / "output.yaml";
    helmgold_split(file.string(), helmgold_read(file), "", expected, result.problems);
    helmgold_apply_masks(expected, c.masks, c.drop_kinds);
    const bool sources =
        std::all_of(expected.begin(), expected.end(), [](auto &o) { return !o.source.empty(); });
    helmgold_helm_order(actual);
    helmgold_compare_sequence(expected, actual, sources, result);
    result.windows_expected = helmgold_windows(expected);
  }
  result.windows_rendered = helmgold_windows(actual);
  return result;
}

} // namespace

TEST_CASE("real-world charts render object for object as Helm's committed output", "[helmgold]") {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<GoldCase> cases = helmgold_cases();
  CHECK(cases.size() >= 40);
  std::set<std::string> repos;
  size_t expected_objects = 0, identical_objects = 0, passing = 0, windows_workloads = 0;
  const char *only = std::getenv("HELMGOLD_CASE");
  for (const GoldCase &c : cases) {
    const std::string id = c.repo + "/" + c.name;
    if (only != nullptr && id.find(only) == std::string::npos) {
      continue;
    }
    repos.insert(c.repo);
    const GoldResult result = helmgold_run(c);
    expected_objects += result.expected;
    identical_objects += result.identical;
    const bool same = result.problems.empty() && result.identical == result.expected;
    passing += same ? 1 : 0;
    std::string report;
    for (const std::string &p : result.problems) {
      report += "\n  " + p;
    }
    INFO(id << ": " << result.identical << "/" << result.expected << " objects identical" << report);
    // Every Windows workload of Helm's output is rendered, expected failure or not.
    CHECK(result.windows_rendered == result.windows_expected);
    windows_workloads += result.windows_expected.size();
    if (std::getenv("HELMGOLD_SHOW") != nullptr && !same) {
      std::cout << id << ": " << result.identical << "/" << result.expected << report << "\n";
    }
    if (c.expect_failure.empty()) {
      CHECK(same);
    } else {
      // A stale expected-failure entry is caught: the case must still differ.
      INFO("expected failure (" << c.expect_failure << ") now passes: remove the entry");
      CHECK_FALSE(same);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "helmgold: " << passing << " of " << cases.size() << " cases pass, " << identical_objects
            << " of " << expected_objects << " objects identical, " << windows_workloads
            << " Windows workloads rendered, " << repos.size() << " repositories, " << seconds << " s\n";
  if (only == nullptr) {
    CHECK(repos.size() >= 4);
  }
}

TEST_CASE("lint checks the Windows agent DaemonSet of a real chart's golden case", "[helmgold][e2e]") {
  // DataDog/helm-charts default_all_windows: the agent's Windows DaemonSet
  // (nodeSelector kubernetes.io/os: windows) is rendered and its image
  // checked: its Windows version is unknown offline, said at the values
  // line that sets the tag and traced to the DaemonSet's template.
  const std::string dir = "tests/helmgold/datadog-helm-charts";
  const wincompat::e2e::RunResult lint =
      wincompat::e2e::run_cli("lint " + dir + "/charts/datadog --values " + dir +
                                  "/cases/default_all_windows/values.yaml --host ltsc2022 --color never",
                              wincompat::e2e::RunOptions{WINCOMPAT_SOURCE_DIR});
  INFO(wincompat::e2e::describe(lint));
  CHECK(
      wincompat::e2e::contains(lint.out, "info[WC208] the Windows version of registry.datadoghq.com/agent:"));
  CHECK(wincompat::e2e::contains(lint.out, "also deployed by datadog/templates/daemonset.yaml"));
  CHECK(!wincompat::e2e::contains(lint.out, "WC91"));
}

TEST_CASE("lint renders a monitoring chart's Windows exporter without chart errors", "[helmgold][e2e]") {
  // grafana/k8s-monitoring-helm features/host-metrics/default: the Windows
  // exporter DaemonSet comes from a packaged subchart that the parent's
  // templates reach through .Subcharts and .Files.Glob; every template
  // renders (no WC91x) and the whole chart is linted clean.
  const std::string dir = "tests/helmgold/k8s-monitoring-helm";
  const std::string args = dir + "/charts/k8s-monitoring --values " + dir +
                           "/cases/features-host-metrics-default/values.yaml --release-name k8smon";
  const wincompat::e2e::RunResult render =
      wincompat::e2e::run_cli("render " + args, wincompat::e2e::RunOptions{WINCOMPAT_SOURCE_DIR});
  INFO(wincompat::e2e::describe(render));
  CHECK(wincompat::e2e::contains(render.out, "name: k8smon-windows-exporter"));
  CHECK(wincompat::e2e::contains(render.out, "image: ghcr.io/prometheus-community/windows-exporter:"));
  const wincompat::e2e::RunResult lint = wincompat::e2e::run_cli(
      "lint " + dir + "/charts/k8s-monitoring --values " + dir +
          "/cases/features-host-metrics-default/values.yaml --host ltsc2022 --color never",
      wincompat::e2e::RunOptions{WINCOMPAT_SOURCE_DIR});
  INFO(wincompat::e2e::describe(lint));
  CHECK(lint.status == 0);
  CHECK(!wincompat::e2e::contains(lint.out, "WC91"));
}
