// The YAML front-end and pod analysis: documents, relevance, merge keys,
// ranges, inventories and image mappings.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include "frontends/pod_kinds.hpp"
#include "frontends/yaml_document.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/pod.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace wincompat;

namespace {

std::string text_at(const SourceFile &source, Span span) {
  return source.text().substr(span.begin, span.end - span.begin);
}

const char *kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      containers:
      - name: web
        image: "mcr.microsoft.com/windows/servercore:ltsc2019"  # pinned
)";

} // namespace

TEST_CASE("documents split at --- markers only at column 0", "[yaml]") {
  const std::string text = "a: 1\n---\nb: |\n  --- not a marker\n--- # c\nc: 3\n";
  const std::vector<Span> spans = yaml_document_spans(text);
  REQUIRE(spans.size() == 3);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "a: 1\n");
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin).starts_with("---\nb: |"));
  CHECK(text.substr(spans[2].begin, spans[2].end - spans[2].begin) == "--- # c\nc: 3\n");
}

TEST_CASE("image values keep their exact range, without quotes", "[yaml]") {
  const SourceFile source("web.yaml", kDeployment);
  const ManifestModel model = parse_manifest(source);
  REQUIRE(model.pods.size() == 1);
  const ContainerSpec &c = model.pods[0].containers.at(0);
  CHECK(c.image.value == "mcr.microsoft.com/windows/servercore:ltsc2019");
  CHECK(text_at(source, c.image.span) == "mcr.microsoft.com/windows/servercore:ltsc2019");
  CHECK(text_at(source, model.pods[0].node_selector.at("kubernetes.io/os").span) == "windows");
  CHECK(model.comments.empty()); // comments are read only where a wincompat pragma is
  std::string with_pragma = kDeployment;
  with_pragma.replace(with_pragma.find("# pinned"), 8, "# wincompat ignore=WC302");
  const ManifestModel pragma = parse_manifest(SourceFile("web.yaml", with_pragma));
  REQUIRE(pragma.comments.size() == 1);
  CHECK(pragma.comments[0].first == "wincompat ignore=WC302");
}

TEST_CASE("merge keys supply container fields", "[yaml]") {
  const std::string text = R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - &base
    name: init
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
  containers:
  - <<: *base
    name: app
)";
  const SourceFile source("p.yaml", text);
  const ManifestModel model = parse_manifest(source);
  REQUIRE(model.pods.size() == 1);
  REQUIRE(model.pods[0].containers.size() == 2);
  CHECK(model.pods[0].containers[1].name == "app");
  CHECK(model.pods[0].containers[1].image.value == "mcr.microsoft.com/windows/nanoserver:ltsc2022");
  CHECK(text_at(source, model.pods[0].containers[1].image.span) ==
        "mcr.microsoft.com/windows/nanoserver:ltsc2022");
}

TEST_CASE("a broken document is WC901 and the others are still read", "[yaml]") {
  const std::string text =
      std::string(kDeployment) + "---\napiVersion: v1\nkind: Pod\nspec: {containers: [\n---\n" + kDeployment;
  const SourceFile source("x.yaml", text);
  const ManifestModel model = parse_manifest(source);
  CHECK(model.pods.size() == 2);
  REQUIRE(model.errors.size() == 1);
  CHECK(source.line_of(model.errors[0].span.begin) >= 12);
}

TEST_CASE("documents that cannot matter are not parsed unless asked", "[yaml]") {
  // An unclosed flow sequence: not one of the errors the cheap look sees.
  const std::string text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1, 2\n";
  const SourceFile source("cm.yaml", text);
  CHECK(parse_manifest(source).errors.empty());
  CHECK(parse_manifest(source).is_kubernetes);
  CHECK(parse_manifest(source, /*all_documents=*/true).errors.size() == 1);
}

TEST_CASE("skipped documents are still checked for tabs and stray ': '", "[yaml]") {
  const auto errors = [](const std::string &text) {
    return parse_manifest(SourceFile("cm.yaml", "apiVersion: v1\nkind: ConfigMap\n" + text)).errors.size();
  };
  CHECK(errors("data:\n  a: b: c\n") == 1);
  CHECK(errors("data:\n  a: b\n\tc: d\n") == 1);
  CHECK(errors("data:\n  a: first line\n    then: more\n") == 1);
  CHECK(errors("data:\n  s: |\n    a: b: c\n    \tindented with a tab\n  t: 'x: y'\n  u: http://h:1/p\n") ==
        0);
  CHECK(errors("data:\n  - |\n    a: b: c\n  - >-\n    d: e: f\n") == 0);
}

TEST_CASE("JSON manifests, Lists and CronJobs yield pod specs", "[yaml]") {
  const std::string json = R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec":
    {"template": {"spec": {"containers": [{"name": "x", "image": "busybox"}]}}}}}}]})";
  const SourceFile source("list.yaml", json);
  const ManifestModel model = parse_manifest(source);
  REQUIRE(model.pods.size() == 1);
  CHECK(model.pods[0].object_kind == "CronJob");
  CHECK(text_at(source, model.pods[0].containers[0].image.span) == "busybox");
}

TEST_CASE("kubectl output becomes named pools with implicit labels", "[yaml][inventory]") {
  const std::string nodes = R"({"apiVersion": "v1", "kind": "List", "items": [
  {"kind": "Node", "metadata": {"name": "akswin22000000", "labels": {"kubernetes.azure.com/agentpool": "win22",
    "kubernetes.io/hostname": "akswin22000000"}}, "spec": {"taints": [{"key": "os", "value": "windows", "effect": "NoSchedule"}]},
   "status": {"nodeInfo": {"operatingSystem": "windows", "kernelVersion": "10.0.20348.2113"}}},
  {"kind": "Node", "metadata": {"name": "akswin22000001", "labels": {"kubernetes.azure.com/agentpool": "win22",
    "kubernetes.io/hostname": "akswin22000001"}}, "spec": {"taints": [{"key": "os", "value": "windows", "effect": "NoSchedule"}]},
   "status": {"nodeInfo": {"operatingSystem": "windows", "kernelVersion": "10.0.20348.2113"}}}]})";
  const SourceFile source("nodes.json", nodes);
  std::vector<YamlSyntaxError> errors;
  const std::vector<NodePool> pools = group_nodes(parse_nodes(source, errors));
  CHECK(errors.empty());
  REQUIRE(pools.size() == 1);
  CHECK(pools[0].name == "win22");
  CHECK(pools[0].build->build == 20348);
  CHECK(pools[0].labels.at("kubernetes.io/os") == "windows");
  CHECK(pools[0].labels.at("node.kubernetes.io/windows-build") == "10.0.20348");
}

TEST_CASE("affinity operators and tolerations", "[yaml][scheduling]") {
  const std::map<std::string, std::string> labels{{"kubernetes.io/os", "windows"}, {"gen", "5"}};
  const auto req = [](std::string key, std::string op, std::vector<std::string> values) {
    return SelectorRequirement{std::move(key), std::move(op), std::move(values), {}};
  };
  CHECK(term_matches({req("kubernetes.io/os", "In", {"windows"})}, labels));
  CHECK_FALSE(term_matches({req("kubernetes.io/os", "NotIn", {"windows"})}, labels));
  CHECK(term_matches({req("gen", "Exists", {})}, labels));
  CHECK(term_matches({req("zone", "DoesNotExist", {})}, labels));
  CHECK(term_matches({req("gen", "Gt", {"4"}), req("gen", "Lt", {"6"})}, labels));
  CHECK_FALSE(term_matches({req("gen", "Gt", {"5"})}, labels));
  const std::vector<Taint> taints{{"os", "windows", "NoSchedule"}};
  CHECK_FALSE(tolerates({}, taints));
  CHECK(tolerates({Toleration{"os", "Equal", "windows", "NoSchedule"}}, taints));
  CHECK(tolerates({Toleration{"", "Exists", "", ""}}, taints));
  CHECK_FALSE(tolerates({Toleration{"os", "Equal", "windows", "NoExecute"}}, taints));
  CHECK(tolerates({}, {{"x", "", "PreferNoSchedule"}}));
}

TEST_CASE("Compose and Skaffold files map images to Dockerfiles across files", "[yaml][mapping][e2e]") {
  using namespace wincompat::e2e;
  TempDir dir;
  dir.write("web/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("api/build/Dockerfile.win",
            "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS runtime\nFROM scratch\n");
  dir.write("docker-compose.yml",
            "services:\n  web:\n    image: reg.example.com/web:1.0\n    build: ./web\n");
  dir.write(
      "skaffold.yaml",
      "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n  - image: reg.example.com/api\n"
      "    context: api\n    docker:\n      dockerfile: build/Dockerfile.win\n      target: runtime\n");
  dir.write("deploy.yaml", R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: "10.0.20348"}
  containers:
  - {name: web, image: "reg.example.com/web:1.0"}
  - {name: api, image: "reg.example.com/api:2.3"}
)");
  const RunResult r = run_cli("lint --no-config --format json .", RunOptions{dir.path()});
  INFO(describe(r));
  const auto json = nlohmann::json::parse(r.out);
  std::vector<std::string> codes;
  for (const auto &file : json["files"]) {
    for (const auto &d : file["diagnostics"]) {
      codes.push_back(d["code"].get<std::string>() + "@" + file["path"].get<std::string>());
      if (d["code"] == "WC302" && file["path"] == "deploy.yaml") {
        CHECK(d["relatedInformation"][0]["location"]["uri"].get<std::string>().ends_with("/web/Dockerfile"));
      }
    }
  }
  // web resolves to ltsc2019 through Compose (WC302); api to ltsc2022 through Skaffold's
  // target (clean). The Dockerfiles themselves have no host to be checked against,
  // which the run says once (WC906, on the first Windows Dockerfile).
  CHECK(codes == std::vector<std::string>{"WC302@deploy.yaml", "WC906@web/Dockerfile"});
}

TEST_CASE("hostile YAML is bounded: alias bombs through merge keys, deep nesting", "[yaml][hostile]") {
  std::string bomb =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n"
      "  a0: &a0 {k: v}\n";
  for (int i = 1; i < 40; ++i) {
    bomb += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " {<<: [*a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + "]}\n";
  }
  bomb += "  nodeSelector: {<<: [*a39, *a39]}\n";
  const ManifestModel model = parse_manifest(SourceFile("bomb.yaml", bomb)); // 2^40 visits if unbounded
  REQUIRE(model.pods.size() == 1);
  CHECK(model.pods[0].node_selector.count("k") == 1);

  std::string deep = "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  x: " + std::string(10000, '[') +
                     std::string(10000, ']') + "\n";
  const ManifestModel nested = parse_manifest(SourceFile("deep.yaml", deep));
  REQUIRE(nested.errors.size() == 1);
  CHECK(nested.errors[0].over_limit);
  CHECK(nested.errors[0].message.find("deeper than 256 levels") != std::string::npos);
  // Points into the run of brackets, near the first one past the limit.
  CHECK(nested.errors[0].span.begin > deep.find('[') + 200);
  CHECK(nested.errors[0].span.begin < deep.find('[') + 300);

  YamlLimits shallow;
  shallow.max_depth = 4; // the root mapping is level 1
  const std::string three = "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}\n";
  CHECK(parse_manifest(SourceFile("ok.yaml", three), false, shallow).errors.empty());
  const std::string four = "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, x: {}}]}\n";
  CHECK(parse_manifest(SourceFile("deep.yaml", four), false, shallow).errors.size() == 1);
}

TEST_CASE("the documents and time limits stop a file, keeping what came before", "[yaml][hostile]") {
  std::string text;
  for (int i = 0; i < 5; ++i) {
    text += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p" + std::to_string(i) +
            "}\nspec: {containers: [{name: a, image: nginx}]}\n";
  }
  YamlLimits limits;
  limits.max_documents = 3;
  const ManifestModel model = parse_manifest(SourceFile("many.yaml", text), false, limits);
  CHECK(model.pods.size() == 3);
  REQUIRE(model.errors.size() == 1);
  CHECK(model.errors[0].over_limit);
  CHECK(model.errors[0].message.find("has 5 YAML documents, over the limit of 3") != std::string::npos);

  limits = {};
  limits.max_seconds = 1e-9; // already over when the first document starts
  const ManifestModel late = parse_manifest(SourceFile("slow.yaml", text), false, limits);
  CHECK(late.pods.empty());
  REQUIRE(late.errors.size() == 1);
  CHECK(late.errors[0].message.find("time limit") != std::string::npos);
  CHECK(late.errors[0].span.begin == 0);
}

TEST_CASE("status and managedFields are skipped in default mode without changing what is read", "[yaml]") {
  const std::string text = "apiVersion: v1\nkind: List\nitems:\n"
                           "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n"
                           "    managedFields:\n    - manager: kubectl\n      fieldsV1: {f:spec: {}}\n"
                           "  spec:\n    template:\n      spec:\n        containers:\n"
                           "        - name: web\n          image: nginx:1.25\n"
                           "  status:\n    replicas: 1\n    conditions: [{type: Available}]\n";
  const SourceFile source("list.yaml", text);
  const ManifestModel model = parse_manifest(source);
  REQUIRE(model.pods.size() == 1);
  CHECK(text_at(source, model.pods[0].containers[0].image.span) == "nginx:1.25");
  CHECK(model.errors.empty());

  // An anchor defined under status and used elsewhere: the whole document is read.
  const std::string anchored = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus:\n  x: &img nginx\n"
                               "spec:\n  containers:\n  - name: a\n    image: *img\n";
  const ManifestModel pod = parse_manifest(SourceFile("pod.yaml", anchored));
  REQUIRE(pod.pods.size() == 1);
  CHECK(pod.pods[0].containers[0].image.value == "nginx");
}

TEST_CASE("blank_blocks keeps offsets, line ends and everything outside the blocks", "[yaml]") {
  std::string storage;
  const std::string text =
      "a: 1\nstatus:\n  b: 2\n\n  c: 3\nd: 4\nstatus: ok\nm:\n  status:\r\n  - x\n  e: 5\n";
  const std::string_view out = blank_blocks(text, {"status"}, storage);
  REQUIRE(out.size() == text.size());
  CHECK(std::string(out) ==
        "a: 1\n       \n      \n\n      \nd: 4\nstatus: ok\nm:\n         \r\n     \n  e: 5\n");
  CHECK(blank_blocks("a: 1\n", {"status"}, storage).data() != storage.data()); // nothing to blank: no copy
}

TEST_CASE("one list of the built-in kinds that hold a pod, and where", "[manifest][kinds]") {
  CHECK(pod_at("Pod") == PodAt::Spec);
  CHECK(pod_at("PodTemplate") == PodAt::Template);
  for (const char *kind :
       {"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job"}) {
    INFO(kind);
    CHECK(pod_at(kind) == PodAt::SpecTemplate);
  }
  CHECK(pod_at("CronJob") == PodAt::SpecJobTemplateTemplate);
  CHECK_FALSE(pod_at("Service"));
  CHECK_FALSE(pod_at("deployment")); // kinds are case-sensitive
  CHECK_FALSE(pod_at("PodList"));
}
