// What a directory walk reads (docs/inputs.md): only Dockerfiles and
// manifests, never what ignore files leave out; packaged charts render like
// chart folders; `render DIR` shows every chart and kustomization under DIR.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>

using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

const std::string kWindows2019 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";
const std::string kBroken = "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a b c\n";
const std::string kGoSource = "package imagebuilder\n\n// Dockerfile text for the builder.\nconst base = "
                              "`FROM mcr.microsoft.com/windows/nanoserver:1809`\n";

/// path -> codes for every file a JSON report lists.
std::map<std::string, std::vector<std::string>> lint_json(const std::string &args, const fs::path &cwd,
                                                          const std::string &env = "") {
  RunOptions options{cwd};
  options.env = env;
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --format json " + args, options);
  INFO(describe(r));
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));
  std::map<std::string, std::vector<std::string>> out;
  for (const auto &file : doc.at("files")) {
    auto &codes = out[file.at("path").get<std::string>()];
    for (const auto &d : file.at("diagnostics")) {
      codes.push_back(d.at("code").get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> paths_of(const std::map<std::string, std::vector<std::string>> &codes) {
  std::vector<std::string> out;
  for (const auto &[path, found] : codes) {
    out.push_back(path);
  }
  return out;
}

/// `tar czf` of `folder` inside `parent`, written to `archive`.
void pack(const fs::path &parent, const std::string &folder, const fs::path &archive) {
  fs::create_directories(archive.parent_path());
  const std::string out = shell_output("tar -C " + sh_quote(parent.string()) + " -czf " +
                                       sh_quote(archive.string()) + " " + sh_quote(folder));
  INFO(out);
  REQUIRE(fs::exists(archive));
}

const std::string kChart = "apiVersion: v2\nname: agent\nversion: 1.0.0\n";
const std::string kTemplatedPod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n"
                                  "  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n"
                                  "  - name: agent\n    image: {{ .Values.image }}\n";
const std::string kPod2019 = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeSelector:\n"
                             "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                             "    image: mcr.microsoft.com/windows/servercore:ltsc2019\n";

} // namespace

TEST_CASE("walks leave out what .gitignore, .ignore, info/exclude and the global excludes ignore",
          "[e2e][walk][ignore]") {
  TempDir dir; // holds .git: the repository's root
  dir.write(".git/info/exclude", "local-only/\n");
  dir.write("xdg/git/ignore", "*.scratch.Dockerfile\n");
  const std::string env =
      "HOME=" + sh_quote((dir / "home").string()) + " XDG_CONFIG_HOME=" + sh_quote((dir / "xdg").string());
  dir.write(".gitignore", "/build*/\n*.gen.yaml\n**/vendor/**\n");
  dir.write("Dockerfile", kWindows2019);
  dir.write("build/Dockerfile", kBroken); // anchored folder pattern
  dir.write("build-dev/obj/dockerfile.o", "\x7f"
                                          "ELF\0\0"); // object files
  dir.write("svc/build/Dockerfile", kWindows2019);    // `/build*/` is anchored: linted
  dir.write("svc/pod.gen.yaml", kPod2019);            // any level
  dir.write("svc/third_party/vendor/x/Dockerfile", kBroken);
  // A nested .gitignore: its own folder's paths; a negation re-includes.
  dir.write("svc/.gitignore", "out/\n*.Dockerfile\n!keep.Dockerfile\n/local.yaml\n");
  dir.write("svc/out/Dockerfile", kBroken);
  dir.write("svc/drop.Dockerfile", kBroken);
  dir.write("svc/keep.Dockerfile", kWindows2019);
  dir.write("svc/local.yaml", kPod2019);
  dir.write("svc/deep/local.yaml", kPod2019); // `/local.yaml` is anchored to svc/
  // .ignore wins over .gitignore.
  dir.write("svc/deep/.ignore", "!*.gen.yaml\n");
  dir.write("svc/deep/pod.gen.yaml", kPod2019);
  dir.write("local-only/Dockerfile", kBroken);         // .git/info/exclude
  dir.write("svc/x.scratch.Dockerfile", kWindows2019); // the global excludes (XDG_CONFIG_HOME)

  const std::vector<std::string> expected = {"Dockerfile", "svc/build/Dockerfile", "svc/deep/local.yaml",
                                             "svc/deep/pod.gen.yaml", "svc/keep.Dockerfile"};
  CHECK(paths_of(lint_json(".", dir.path(), env)) == expected);
  // A walk of a folder inside the repository reads the ignore files above it.
  const std::vector<std::string> below = {"build/Dockerfile", "deep/local.yaml", "deep/pod.gen.yaml",
                                          "keep.Dockerfile"};
  CHECK(paths_of(lint_json(".", dir / "svc", env)) == below);
  CHECK(paths_of(lint_json("svc", dir.path(), env)) ==
        std::vector<std::string>{"svc/build/Dockerfile", "svc/deep/local.yaml", "svc/deep/pod.gen.yaml",
                                 "svc/keep.Dockerfile"});

  // Files named on the command line are linted whatever ignores them.
  const auto named = lint_json("build/Dockerfile svc/drop.Dockerfile", dir.path(), env);
  CHECK(named.at("build/Dockerfile") == std::vector<std::string>{"WC901"});
  CHECK(named.at("svc/drop.Dockerfile") == std::vector<std::string>{"WC901"});

  // --no-ignore reads everything again.
  const auto all = lint_json("--no-ignore .", dir.path(), env);
  for (const char *path : {"build/Dockerfile", "svc/out/Dockerfile", "svc/drop.Dockerfile", "svc/local.yaml",
                           "local-only/Dockerfile", "svc/x.scratch.Dockerfile", "svc/pod.gen.yaml",
                           "svc/third_party/vendor/x/Dockerfile"}) {
    INFO(path);
    CHECK(all.count(path) == 1);
  }
}

TEST_CASE("source files named like Dockerfiles are not Dockerfiles unless their content is one",
          "[e2e][walk][names]") {
  TempDir dir;
  dir.write("pkg/imagebuilder/dockerfile.go", kGoSource);
  dir.write("pkg/imagebuilder/dockerfile_test.go", kGoSource);
  dir.write("pkg/imagebuilder/Dockerfile", kWindows2019);
  dir.write(".github/workflows/dockerfile-lint.yml",
            "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n");
  dir.write("hack/Dockerfile.sh", kWindows2019); // the content says Dockerfile
  dir.write("hack/dockerfile.dict", "kw1=\"FROM\"\nkw2=\"ARG\"\n");
  dir.write("Dockerfile.windows", kWindows2019);
  // `go test -c` in package dockerfile: a binary with a Dockerfile-like name.
  dir.write("pkg/dockerfile/dockerfile.test", std::string("\x7f"
                                                          "ELF\x02\x01\x01\0\0",
                                                          9));

  const auto walked = lint_json(".", dir.path());
  CHECK(paths_of(walked) ==
        std::vector<std::string>{"Dockerfile.windows", "hack/Dockerfile.sh", "pkg/imagebuilder/Dockerfile"});
  CHECK(walked.at("hack/Dockerfile.sh") == std::vector<std::string>{"WC302"});

  // Named (as pre-commit names staged files): a notice, never a syntax error.
  const auto named = lint_json("pkg/imagebuilder/dockerfile.go pkg/imagebuilder/dockerfile_test.go "
                               ".github/workflows/dockerfile-lint.yml",
                               dir.path());
  CHECK(named.at("pkg/imagebuilder/dockerfile.go") == std::vector<std::string>{"WC905"});
  CHECK(named.at("pkg/imagebuilder/dockerfile_test.go") == std::vector<std::string>{"WC905"});
  CHECK(named.at(".github/workflows/dockerfile-lint.yml").empty());
}

TEST_CASE("a packaged chart renders like a chart folder: named, walked or given to render",
          "[e2e][walk][helm]") {
  TempDir dir;
  TempDir source(false);
  source.write("agent/Chart.yaml", kChart);
  source.write("agent/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
  source.write("agent/templates/pod.yaml", kTemplatedPod);
  pack(source.path(), "agent", dir / "dist/agent-1.0.0.tgz");
  source.write("notachart/README.txt", "hello\n");
  pack(source.path(), "notachart", dir / "dist/other-1.0.0.tgz");

  const auto walked = lint_json(".", dir.path());
  // The package's files are shown inside it; the other archive is passed over quietly.
  CHECK(paths_of(walked) == std::vector<std::string>{"dist/agent-1.0.0.tgz/agent/Chart.yaml",
                                                     "dist/agent-1.0.0.tgz/agent/templates/pod.yaml",
                                                     "dist/agent-1.0.0.tgz/agent/values.yaml"});
  CHECK(walked.at("dist/agent-1.0.0.tgz/agent/values.yaml") == std::vector<std::string>{"WC302"});
  const auto named = lint_json("dist/agent-1.0.0.tgz", dir.path());
  CHECK(named.at("dist/agent-1.0.0.tgz/agent/values.yaml") == std::vector<std::string>{"WC302"});
  CHECK(named.count("dist/agent-1.0.0.tgz") == 0); // not WC902

  // --fix never writes into the package.
  const std::string before = slurp(dir / "dist/agent-1.0.0.tgz");
  run_cli("lint --no-config --host ltsc2022 --fix dist/agent-1.0.0.tgz", RunOptions{dir.path()});
  CHECK(slurp(dir / "dist/agent-1.0.0.tgz") == before);

  const RunResult r = run_cli("render dist/agent-1.0.0.tgz --set image=x", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 0);
  CHECK(contains(r.out, "# Source: agent/templates/pod.yaml\n"));
  CHECK(contains(r.out, "image: x\n"));
}

TEST_CASE("render DIR renders every chart and kustomization under it, each under its own header",
          "[e2e][render]") {
  TempDir dir;
  dir.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  dir.write("charts/web/values.yaml", "image: web-image\n");
  dir.write("charts/web/templates/pod.yaml", kTemplatedPod);
  dir.write("charts/agent/Chart.yaml", kChart);
  dir.write("charts/agent/values.yaml", "image: agent-image\n");
  dir.write("charts/agent/templates/pod.yaml", kTemplatedPod);
  dir.write("deploy/overlays/prod/kustomization.yaml", "resources:\n- pod.yaml\n");
  dir.write("deploy/overlays/prod/pod.yaml", kPod2019);

  const RunResult r = run_cli("render .", RunOptions{dir.path()});
  INFO(describe(r));
  CHECK(r.status == 0);
  const size_t agent = r.out.find("# Source: charts/agent/templates/pod.yaml\n");
  const size_t web = r.out.find("# Source: charts/web/templates/pod.yaml\n");
  const size_t prod = r.out.find("# Source: deploy/overlays/prod\n");
  REQUIRE(agent != std::string::npos);
  REQUIRE(web != std::string::npos);
  REQUIRE(prod != std::string::npos);
  CHECK(agent < web); // the walk's (path) order
  CHECK(web < prod);
  CHECK(contains(r.out, "image: agent-image\n"));
  CHECK(contains(r.out, "image: web-image\n"));
  CHECK(contains(r.out, "image: mcr.microsoft.com/windows/servercore:ltsc2019\n"));

  // One chart keeps helm's names.
  const RunResult one = run_cli("render charts/web", RunOptions{dir.path()});
  CHECK(contains(one.out, "# Source: web/templates/pod.yaml\n"));
  // A folder with neither is a usage error.
  dir.write("empty/README.md", "nothing\n");
  CHECK(run_cli("render empty", RunOptions{dir.path()}).status == 2);
}

TEST_CASE("a --set value is placed at the template action that printed it, not on another value",
          "[e2e][helm][set]") {
  TempDir dir;
  dir.write("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  dir.write("c/values.yaml", "image:\n  repository: mcr.microsoft.com/windows/servercore\n  tag: ltsc2022\n");
  dir.write("c/templates/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n"
            "    kubernetes.io/os: windows\n  containers:\n    - name: c\n"
            "      image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n");
  const RunResult r = run_cli("lint --no-config --host ltsc2022 --format json --set image.tag=ltsc2019 c",
                              RunOptions{dir.path()});
  INFO(describe(r));
  Json doc;
  REQUIRE_NOTHROW(doc = Json::parse(r.out));
  bool found = false;
  for (const auto &file : doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      if (d.at("code") == "WC302") {
        found = true;
        CHECK(file.at("path") == "c/templates/pod.yaml");
        // Line 10, at `{{ .Values.image.tag }}` (0-based positions).
        CHECK(d.at("range").at("start").at("line") == 9);
        CHECK(d.at("range").at("start").at("character") == 45);
      }
    }
  }
  CHECK(found);
}

TEST_CASE("the pre-commit Dockerfile hook passes Dockerfiles, never sources, workflows or objects",
          "[walk][names][pre-commit]") {
  // The hook forces --kind dockerfile: what its files/exclude let through is
  // linted as a Dockerfile. Python's (?i) becomes std::regex::icase.
  const std::string hooks =
      wincompat::test::read_file(wincompat::test::source_dir() + "/.pre-commit-hooks.yaml");
  const size_t hook = hooks.find("- id: wincompat-dockerfile");
  REQUIRE(hook != std::string::npos);
  const auto pattern = [&](const std::string &key) {
    const size_t at = hooks.find("  " + key + ": '", hook);
    REQUIRE(at != std::string::npos);
    const size_t begin = hooks.find('\'', at) + 1;
    std::string text = hooks.substr(begin, hooks.find('\'', begin) - begin);
    REQUIRE(text.starts_with("(?i)"));
    return std::regex(text.substr(4), std::regex::ECMAScript | std::regex::icase);
  };
  const std::regex files = pattern("files");
  const std::regex exclude = pattern("exclude");
  const auto passed = [&](const std::string &path) {
    return std::regex_search(path, files) && !std::regex_search(path, exclude);
  };
  for (const char *path : {"Dockerfile", "images/Dockerfile.windows", "Dockerfile-windows",
                           "Dockerfile_windows", "pkg/smbplugin/Windows.Dockerfile", "Dockerfile.1809",
                           "Containerfile.nanoserver", "Dockerfile.matrix"}) {
    INFO(path);
    CHECK(passed(path));
  }
  for (const char *path :
       {"pkg/dockerfile.go", "pkg/dockerfile_test.go", ".github/workflows/dockerfile-lint.yml",
        "build/dockerfile_parser.cpp.o", "linter/dockerfile_parser.cpp", "Dockerfile.md",
        "Dockerfile.dockerignore", "hack/Dockerfile.sh"}) {
    INFO(path);
    CHECK_FALSE(passed(path));
  }
}
