// End-to-end tests of "no silent passes" (docs/inputs.md): every input is
// linted or reported, what was not checked is said, and command lines that
// would check something other than what was meant are usage errors.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>

using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

const std::string kWindows2022 = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hello\n";
const std::string kWindows2019 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";
const std::string kPod2019 = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeSelector:\n"
                             "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                             "    image: mcr.microsoft.com/windows/servercore:ltsc2019\n";

Json parse_json(const RunResult &r) {
  INFO(describe(r));
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));
  return doc;
}

/// path -> codes, for every file the JSON output lists.
std::map<std::string, std::vector<std::string>> codes_by_path(const Json &doc) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto &file : doc.at("files")) {
    auto &codes = out[file.at("path").get<std::string>()];
    for (const auto &d : file.at("diagnostics")) {
      codes.push_back(d.at("code").get<std::string>());
    }
  }
  return out;
}

size_t count_code(const Json &doc, const std::string &code) {
  size_t n = 0;
  for (const auto &[path, codes] : codes_by_path(doc)) {
    n += static_cast<size_t>(std::count(codes.begin(), codes.end(), code));
  }
  return n;
}

} // namespace

// ---------------------------------------------------------------------------
// 1. Say what was not checked
// ---------------------------------------------------------------------------

TEST_CASE("no target host: Windows Dockerfiles get WC1xx and one WC906 per run, in every format",
          "[e2e][inputs][wc906]") {
  TempDir dir;
  dir.write("a/Dockerfile", kWindows2022);
  dir.write("b/Dockerfile", "FROM mcr.microsoft.com/windows/servercore\n"); // WC101
  dir.write("c/Dockerfile", kWindows2019);
  const RunOptions at{dir.path()};

  const RunResult json = run_cli("lint --no-config --format json .", at);
  const Json doc = parse_json(json);
  CHECK(count_code(doc, "WC906") == 1);
  CHECK(codes_by_path(doc)["a/Dockerfile"] == std::vector<std::string>{"WC906"});
  CHECK(codes_by_path(doc)["b/Dockerfile"] == std::vector<std::string>{"WC101"});
  CHECK(json.status == 1);

  const RunResult sarif = run_cli("lint --no-config --format sarif .", at);
  INFO(describe(sarif));
  CHECK(contains(sarif.out, "\"ruleId\": \"WC906\""));
  const RunResult github = run_cli("lint --no-config --format github a", at);
  INFO(describe(github));
  CHECK(contains(github.out, "::notice file=a/Dockerfile,line=1,col=6"));
  CHECK(contains(github.out, "title=WC906::"));
  const RunResult text = run_cli("lint --no-config a", at);
  INFO(describe(text));
  CHECK(contains(text.out, "a/Dockerfile:1:6: info[WC906] image/host pairing (WC301-WC305) was not checked"));
  CHECK(contains(text.out, "--host"));
  CHECK(text.status == 0);

  SECTION("a host from the command line, the config or an inventory turns it off") {
    CHECK(count_code(parse_json(run_cli("lint --no-config --host ltsc2022 --format json a", at)), "WC906") ==
          0);
    dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
    CHECK(count_code(parse_json(run_cli("lint --format json a", at)), "WC906") == 0);
    dir.write("nodes.yaml",
              "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n"
              "    kubernetes.io/os: windows\n    node.kubernetes.io/windows-build: '10.0.20348'\n");
    CHECK(count_code(parse_json(run_cli("lint --no-config --nodes nodes.yaml --format json a", at)),
                     "WC906") == 0);
  }
}

TEST_CASE("a path with nothing to lint is exit 2, unless --allow-empty or allowEmpty",
          "[e2e][inputs][empty]") {
  TempDir dir;
  fs::create_directories(dir / "empty");
  dir.write("docs/README.md", "# Docs\n\nFROM here on, read the guide.\n");
  dir.write("docs/package.json", "{\"name\": \"docs\"}\n");
  dir.write("values/values.yaml", "replicas: 2\n");
  const RunOptions at{dir.path()};
  for (const std::string path : {"empty", "docs", "values"}) {
    const RunResult r = run_cli("lint --no-config " + path, at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.err, "nothing to lint under " + path));
    CHECK(run_cli("lint --no-config --allow-empty " + path, at).status == 0);
  }
  dir.write("empty/.wincompat.yaml", "allowEmpty: true\n");
  const RunResult config = run_cli("lint empty", at);
  INFO(describe(config));
  CHECK(config.status == 0);
  SECTION("files named explicitly (pre-commit) are unaffected") {
    dir.write("values/Dockerfile", kWindows2022);
    const RunResult named =
        run_cli("lint --no-config --host ltsc2022 values/Dockerfile values/values.yaml", at);
    INFO(describe(named));
    CHECK(named.status == 0);
    CHECK(named.err.empty());
  }
}

TEST_CASE("select and ignore options: unknown codes are usage errors; the options repeat",
          "[e2e][inputs][select]") {
  TempDir dir;
  dir.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:2004\n"); // WC104, WC302
  const RunOptions at{dir.path()};
  for (const std::string option : {"--select WC999", "--ignore WC3O2", "--select WC1,XY", "--ignore 302"}) {
    const RunResult r = run_cli("lint --no-config --host ltsc2022 " + option + " Dockerfile", at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.err, "not a rule code or prefix"));
    CHECK(r.out.empty());
  }
  const RunResult repeated = run_cli("lint --no-config --host ltsc2022 --today 2026-11-23 --select WC104 "
                                     "--select WC302 --format json Dockerfile",
                                     at);
  const auto codes = codes_by_path(parse_json(repeated))["Dockerfile"];
  CHECK(codes == std::vector<std::string>{"WC104", "WC302"});
}

TEST_CASE("malformed options and mistyped subcommands are usage errors, never help with exit 0",
          "[e2e][inputs][usage]") {
  TempDir dir;
  dir.write("Dockerfile", kWindows2022);
  const RunOptions at{dir.path()};
  struct Case {
    std::string args;
    std::string message;
  };
  for (const Case &c : std::vector<Case>{{"lint -host ltsc2022 .", "did you mean '--host'?"},
                                         {"lint -help", "long options take two dashes"},
                                         {"lint -format json .", "did you mean '--format'?"},
                                         {"lnit .", "did you mean 'lint'?"},
                                         {"explian WC301", "did you mean 'explain'?"},
                                         {"frobnicate", "unknown command 'frobnicate'"}}) {
    const RunResult r = run_cli(c.args, at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.err, c.message));
    CHECK_FALSE(contains(r.out, "Usage"));
  }
  // Values that look like options are still values, and -j2 is the short option.
  CHECK(run_cli("lint --no-config --host ltsc2022 -j2 --stdin-filename -weird Dockerfile", at).status == 0);
}

TEST_CASE("today option and WINCOMPAT_TODAY must be real dates", "[e2e][inputs][today]") {
  TempDir dir;
  dir.write("Dockerfile", kWindows2022);
  const RunOptions at{dir.path()};
  for (const std::string day : {"2026-02-30", "2026-13-01", "tomorrow", "2026-1-1", "20261123"}) {
    const RunResult r = run_cli("lint --no-config --host ltsc2022 --today " + day + " Dockerfile", at);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(contains(r.err, "YYYY-MM-DD"));
    RunOptions env = at;
    env.env = "WINCOMPAT_TODAY=" + day;
    const RunResult from_env = run_cli("lint --no-config --host ltsc2022 Dockerfile", env);
    INFO(describe(from_env));
    CHECK(from_env.status == 2);
    CHECK(contains(from_env.err, "WINCOMPAT_TODAY"));
  }
  CHECK(run_cli("lint --no-config --host ltsc2022 --today 2028-02-29 Dockerfile", at).status == 0);
}

TEST_CASE("host option: builds no release has are refused, 2022 is accepted and listed, comma lists work",
          "[e2e][inputs][host]") {
  TempDir dir;
  dir.write("Dockerfile", kWindows2022);
  const RunOptions at{dir.path()};
  const RunResult typo = run_cli("lint --no-config --host 10.0.2034 Dockerfile", at);
  INFO(describe(typo));
  CHECK(typo.status == 2);
  CHECK(contains(typo.err, "unknown host '10.0.2034'"));
  CHECK(contains(typo.err, ", 2022,"));
  CHECK(run_cli("lint --no-config --host 2022 Dockerfile", at).status == 0);
  const RunResult config = run_cli("lint Dockerfile", [&] {
    dir.write("cfg/.git/HEAD", "");
    dir.write("cfg/.wincompat.yaml", "hosts: [10.0.2034]\n");
    dir.write("cfg/Dockerfile", kWindows2022);
    return RunOptions{dir / "cfg"};
  }());
  INFO(describe(config));
  CHECK(config.status == 2);
  CHECK(contains(config.out, "WC903"));

  const RunResult list =
      run_cli("lint --no-config --host ltsc2019,ltsc2022 --host 2025 --format json Dockerfile", at);
  const Json doc = parse_json(list);
  // ltsc2019 is older than the image (WC301); 2025 runs it through portability (WC304).
  CHECK(codes_by_path(doc)["Dockerfile"] == std::vector<std::string>{"WC301", "WC304"});
}

// ---------------------------------------------------------------------------
// 2. Read every manifest
// ---------------------------------------------------------------------------

TEST_CASE("standard input and files of unknown type are recognised by content", "[e2e][inputs][sniff]") {
  TempDir dir;
  const RunOptions at{dir.path()};
  RunOptions manifest = at;
  manifest.stdin_text = kPod2019;
  const RunResult yaml = run_cli("lint --no-config --host ltsc2022 -", manifest);
  INFO(describe(yaml));
  CHECK(contains(yaml.out, "-:10:12: error[WC302] "));

  RunOptions dockerfile = at;
  dockerfile.stdin_text =
      "# syntax=docker/dockerfile:1\nARG TAG=ltsc2019\nFROM mcr.microsoft.com/windows/servercore:$TAG\n";
  const RunResult df = run_cli("lint --no-config --host ltsc2022 -", dockerfile);
  INFO(describe(df));
  CHECK(contains(df.out, "error[WC302]"));

  RunOptions readme = at;
  readme.stdin_text = "# Project\n\nFROM the start, this is prose.\n";
  const RunResult prose = run_cli("lint --no-config --host ltsc2022 -", readme);
  INFO(describe(prose));
  CHECK(prose.status == 0);
  CHECK(contains(prose.out,
                 "-:1:1: info[WC905] - is neither a Dockerfile nor a Kubernetes manifest; not linted"));
  CHECK_FALSE(contains(prose.out, "WC901"));

  dir.write("notes.txt", "FROM is not the first word here\n");
  dir.write("deploy.json", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("pod.json",
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": "
            "{\"nodeSelector\": {\"kubernetes.io/os\": \"windows\"}, \"containers\": [{\"name\": \"a\", "
            "\"image\": \"mcr.microsoft.com/windows/servercore:ltsc2019\"}]}}\n");
  const Json named = parse_json(
      run_cli("lint --no-config --host ltsc2022 --format json notes.txt deploy.json pod.json", at));
  auto codes = codes_by_path(named);
  CHECK(codes["notes.txt"] == std::vector<std::string>{"WC905"});
  CHECK(codes["deploy.json"] == std::vector<std::string>{"WC905"}); // never read as a Dockerfile
  CHECK(codes["pod.json"] == std::vector<std::string>{"WC302"});
  // --kind still forces it.
  CHECK(contains(run_cli("lint --no-config --host ltsc2022 --kind dockerfile deploy.json", at).out, "WC302"));
}

TEST_CASE("walks read JSON manifests and pass over other JSON silently", "[e2e][inputs][json]") {
  TempDir dir;
  dir.write("k8s/pod.json",
            "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [{\"apiVersion\": \"v1\", "
            "\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"nodeSelector\": "
            "{\"kubernetes.io/os\": \"windows\"}, \"containers\": [{\"name\": \"a\", \"image\": "
            "\"mcr.microsoft.com/windows/servercore:ltsc2019\"}]}}]\n}\n");
  dir.write("k8s/configmap.json",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}\n");
  dir.write("web/package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}\n");
  dir.write("web/tsconfig.json", "{\n  // comments are not JSON\n  \"compilerOptions\": {}\n}\n");
  dir.write("web/schema.json", "{\"properties\": {\"kind\": {\"type\": \"string\"}}}\n");
  const Json doc =
      parse_json(run_cli("lint --no-config --host ltsc2022 --format json .", RunOptions{dir.path()}));
  const auto codes = codes_by_path(doc);
  CHECK(codes.size() == 2);
  CHECK(codes.at("k8s/pod.json") == std::vector<std::string>{"WC302"});
  CHECK(codes.at("k8s/configmap.json").empty());
}

TEST_CASE("a Helm template outside a chart is reported, not passed over", "[e2e][inputs][helm]") {
  // Inside a chart the chart is rendered (the template's findings land in the
  // files that set them); a template with no Chart.yaml above it gets WC907.
  TempDir dir;
  dir.write(
      "manifests/deployment.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n"
      "    spec:\n      containers:\n      - name: web\n        image: {{ .Values.image }}\n");
  const RunResult r = run_cli("lint --no-config manifests", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(contains(r.out, "manifests/deployment.yaml:4:9: info[WC907] "));
  CHECK(contains(r.out, "Lint the chart directory"));
  CHECK(r.status == 0);
}

TEST_CASE("config is found from the linted path, and from --stdin-filename", "[e2e][inputs][config]") {
  TempDir dir;
  dir.write("svc/.wincompat.yaml", "hosts: [ltsc2022]\n");
  dir.write("svc/Dockerfile", kWindows2019);
  const RunOptions root{dir.path()};
  const RunResult walked = run_cli("lint svc", root);
  INFO(describe(walked));
  CHECK(contains(walked.out, "svc/Dockerfile:1:43: error[WC302] "));
  RunOptions in = root;
  in.stdin_text = kWindows2019;
  const RunResult piped = run_cli("lint --stdin-filename svc/Dockerfile -", in);
  INFO(describe(piped));
  CHECK(contains(piped.out, "svc/Dockerfile:1:43: error[WC302] "));
}

TEST_CASE("config images: a Dockerfile that does not exist is WC903", "[e2e][inputs][config]") {
  TempDir dir;
  dir.write(".wincompat.yaml", "images:\n  contoso.azurecr.io/web: src/web/Dockerfile\n");
  const RunResult r = run_cli("lint --allow-empty .", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 2);
  CHECK(contains(r.out, ".wincompat.yaml:2:3: error[WC903] images.contoso.azurecr.io/web maps to "));
  dir.write("src/web/Dockerfile", kWindows2022);
  CHECK(run_cli("lint --host ltsc2022 .", RunOptions{dir.path()}).status == 0);
}

TEST_CASE("a RuntimeClass defined twice across files is WC212 on the second, naming the first",
          "[e2e][inputs][wc212]") {
  TempDir dir;
  const std::string rc =
      "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: windows\nhandler: ";
  dir.write("a.yaml", rc + "runhcs-wcow-process\n");
  dir.write("b.yaml", rc + "runhcs-wcow-hypervisor\n");
  const Json doc = parse_json(run_cli("lint --no-config --format json .", RunOptions{dir.path()}));
  const auto codes = codes_by_path(doc);
  CHECK(codes.at("a.yaml").empty());
  CHECK(codes.at("b.yaml") == std::vector<std::string>{"WC212"});
  const Json &d = doc["files"][1]["diagnostics"][0];
  CHECK(d["range"]["start"]["line"] == 3);
  CHECK(contains(d["message"].get<std::string>(), "a.yaml"));
  CHECK(d["relatedInformation"][0]["location"]["uri"].get<std::string>().ends_with("/a.yaml"));
}

// ---------------------------------------------------------------------------
// 3. A tree of every input type: each file linted with its findings, or
//    skipped with its notice, or (only where documented) passed over.
// ---------------------------------------------------------------------------

TEST_CASE("a mixed repository: every file is linted with its findings or reported", "[e2e][inputs][mixed]") {
  TempDir dir;
  dir.write("docker/web/Dockerfile", kWindows2019);
  dir.write("docker/api/Dockerfile.windows", kWindows2022);
  dir.write("deploy/web.yaml", kPod2019);
  dir.write("deploy/web.json",
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"j\"}, \"spec\": "
            "{\"containers\": [{\"name\": \"a\", \"image\": "
            "\"mcr.microsoft.com/windows/servercore:ltsc2022\"}]}}\n");
  dir.write("deploy/flow.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
                                "{apiVersion: v1, kind: Pod, metadata: {name: f}, spec: {nodeSelector: "
                                "{kubernetes.io/os: windows}, containers: [{name: a, image: \"\"}]}}\n");
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  dir.write("chart/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
            "      containers:\n      - name: web\n        image: {{ .Values.image }}\n");
  dir.write("overlays/prod/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../deploy]\n");
  dir.write("README.md", "# Shop\n\nFROM here, see the docs.\n");
  dir.write("package.json", "{\"name\": \"shop\"}\n");
  fs::create_directories(dir / "empty");

  const RunResult r = run_cli("lint --no-config --host ltsc2022 --format json .", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 1);
  // What each file yields. The chart is rendered: its findings are placed in
  // the values file that set the image.
  const std::map<std::string, std::vector<std::string>> expected = {
      {"chart/Chart.yaml", {}},                        // read by the chart
      {"chart/templates/deployment.yaml", {}},         // rendered; findings routed
      {"chart/values.yaml", {"WC201", "WC302"}},       // where the image was set
      {"deploy/flow.yaml", {"WC211"}},                 // flow style after --- is read
      {"deploy/web.json", {"WC201"}},                  // JSON manifest found by the walk
      {"deploy/web.yaml", {"WC302"}},                  // linted
      {"docker/api/Dockerfile.windows", {}},           // linted, clean
      {"docker/web/Dockerfile", {"WC302"}},            // linted
      {"overlays/prod/kustomization.yaml", {"WC912"}}, // built: ../../deploy is no kustomization
  };
  CHECK(codes_by_path(parse_json(r)) == expected);
  // Passed over silently by design (docs/inputs.md): README.md and
  // package.json by name and content, the empty folder.
  const RunResult readme =
      run_cli("lint --no-config --format json README.md package.json", RunOptions{dir.path()});
  const auto notices = codes_by_path(parse_json(readme));
  CHECK(notices.at("README.md") == std::vector<std::string>{"WC905"});
  CHECK(notices.at("package.json") == std::vector<std::string>{"WC905"});
  const RunResult empty = run_cli("lint --no-config empty", RunOptions{dir.path()});
  CHECK(empty.status == 2);
  CHECK(contains(empty.err, "nothing to lint under empty"));
}

TEST_CASE("walks find charts and kustomizations by their files; a chart's subcharts render with it",
          "[e2e][inputs][walk]") {
  TempDir dir;
  const std::string chart = "apiVersion: v2\nname: NAME\nversion: 1.0.0\n";
  const std::string templated_pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
      "  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n"
      "  - name: web\n    image: {{ .Values.image }}\n";
  dir.write("apps/web/Chart.yaml", chart);
  dir.write("apps/web/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("apps/web/templates/pod.yaml", templated_pod);
  dir.write("apps/web/charts/agent/Chart.yaml", chart);
  dir.write("apps/web/charts/agent/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("apps/web/charts/agent/templates/pod.yaml", templated_pod);
  dir.write("overlays/prod/kustomization.yaml", "resources:\n- pod.yaml\n");
  dir.write("overlays/prod/pod.yaml", kPod2019);
  // A folder with both files renders as a chart.
  dir.write("both/Chart.yaml", chart);
  dir.write("both/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  dir.write("both/templates/pod.yaml", templated_pod);
  dir.write("both/kustomization.yaml", "resources:\n- templates/pod.yaml\n");
  const auto lint = [&] {
    return codes_by_path(parse_json(run_cli("lint --host ltsc2022 --format json .", RunOptions{dir.path()})));
  };
  auto codes = lint();
  CHECK(codes.at("apps/web/values.yaml") == std::vector<std::string>{"WC302"});
  CHECK(codes.at("apps/web/charts/agent/values.yaml") == std::vector<std::string>{"WC302"});
  CHECK(codes.at("apps/web/templates/pod.yaml").empty()); // rendered, not WC907
  CHECK(codes.at("overlays/prod/pod.yaml") == std::vector<std::string>{"WC302"});
  CHECK(codes.at("both/values.yaml") == std::vector<std::string>{"WC302"});
  CHECK(codes.count("both/kustomization.yaml") == 0);
  // An excluded chart is neither rendered nor walked.
  dir.write(".wincompat.yaml", "exclude: [apps/web]\n");
  codes = lint();
  for (const auto &[path, found] : codes) {
    CHECK_FALSE(path.starts_with("apps/"));
  }
  CHECK(codes.at("overlays/prod/pod.yaml") == std::vector<std::string>{"WC302"});
}
