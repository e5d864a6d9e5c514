// Confinement to the repository root (issue #19, item 1): a tree from a
// stranger's pull request cannot make lint, render, --fix or lock read or
// write outside the repository, through symbolic links, config paths or
// kustomize paths; only regular files are read. Every tree is built in a
// scratch folder: `repo/` (the repository, with .git) beside `outside/`,
// whose files hold a marker that must appear in no output.
#include "e2e_support.hpp"
#include "wincompat/file_system.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace wincompat::e2e;

namespace {

const std::string kOutsideSecret = "SECRET-MARKER-7f3a";
const std::string kPod2019 = "apiVersion: v1\nkind: Pod\nmetadata: {name: " + kOutsideSecret +
                             "}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                             "  - name: web\n    image: mcr.microsoft.com/windows/servercore:ltsc2019\n";
const std::string kChartYaml = "apiVersion: v2\nname: web\nversion: 1.0.0\n";

/// A repository beside a folder outside it, in one scratch folder.
struct Tree {
  TempDir scratch{false};
  fs::path repo = scratch / "repo";
  fs::path outside = scratch / "outside";
  Tree() {
    fs::create_directories(repo / ".git");
    scratch.write("outside/secret.txt", "FROM " + kOutsideSecret + "\n" + kOutsideSecret + "\n");
    scratch.write("outside/secret.yaml", "image:\n  tag: " + kOutsideSecret + "\n");
    scratch.write("outside/res/pod.yaml", kPod2019);
    scratch.write("outside/res/kustomization.yaml", "resources: [pod.yaml]\n");
    scratch.write("outside/tpl/pod.yaml", kPod2019);
  }
  fs::path write(const std::string &relative, std::string_view bytes) const {
    return scratch.write("repo/" + relative, bytes);
  }
  void link(const std::string &target, const std::string &relative) const {
    fs::create_directories((repo / relative).parent_path());
    fs::create_symlink(target, repo / relative);
  }
};

/// `lint ARGS` in the repository, in every output format: the marker is in
/// none of them; returns the text run.
RunResult lint_everywhere(const Tree &tree, const std::string &args) {
  RunResult text;
  for (const std::string format : {"text", "json", "sarif", "github"}) {
    const RunResult r = run_cli("lint --format " + format + " " + args, RunOptions{tree.repo});
    INFO(describe(r));
    CHECK(r.status != 124);
    CHECK_FALSE(contains(r.out, kOutsideSecret));
    CHECK_FALSE(contains(r.err, kOutsideSecret));
    if (format == "text") {
      text = r;
    }
  }
  return text;
}

/// The notice `needle` is in the text output, and nothing from `outside/`
/// (its pods would be WC302 with --host ltsc2022) was linted.
void expect_refused(const Tree &tree, const std::string &args, const std::string &needle) {
  const RunResult r = lint_everywhere(tree, "--host ltsc2022 " + args);
  INFO(describe(r));
  CHECK(contains(r.out, needle));
  CHECK_FALSE(contains(r.out, "WC302"));
}

} // namespace

TEST_CASE("confine: a Dockerfile linking out of the repository is WC916 and none of its bytes are shown",
          "[e2e][confine]") {
  Tree tree;
  tree.link("../outside/secret.txt", "Dockerfile");
  tree.write("good.Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n");
  for (const std::string &named : {std::string("."), std::string("Dockerfile")}) {
    const RunResult r = lint_everywhere(tree, "--host ltsc2022 " + named);
    INFO(describe(r));
    CHECK(contains(r.out, "Dockerfile:1:1: warning[WC916] Dockerfile leads outside the repository root"));
  }
  CHECK(contains(lint_everywhere(tree, "--host ltsc2022 .").out, "good.Dockerfile:1:43: error[WC302]"));
}

TEST_CASE("confine: --root widens the repository root", "[e2e][confine]") {
  Tree tree;
  tree.link("../outside/secret.txt", "Dockerfile");
  const RunResult r =
      run_cli("lint --host ltsc2022 --root " + sh_quote(tree.scratch.path().string()) + " Dockerfile",
              RunOptions{tree.repo});
  INFO(describe(r));
  CHECK_FALSE(contains(r.out, "WC916"));
  CHECK(contains(r.out, kOutsideSecret)); // read: the user said the wider folder is theirs
}

TEST_CASE("confine: a chart's values.yaml, templates/ and .Files path linking out are WC916, not read",
          "[e2e][confine]") {
  Tree tree;
  tree.write("chart/Chart.yaml", kChartYaml);
  SECTION("values.yaml and a .Files path") {
    tree.link("../../outside/secret.yaml", "chart/values.yaml");
    tree.link("../../outside/secret.txt", "chart/data.txt");
    tree.write(
        "chart/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  d: {{ .Files.Get \"data.txt\" | "
        "quote }}\n  t: {{ .Values.image.tag | default \"none\" | quote }}\n");
    const RunResult r = lint_everywhere(tree, "--host ltsc2022 chart");
    INFO(describe(r));
    CHECK(contains(r.out, "chart/values.yaml:1:1: warning[WC916] chart/values.yaml leads outside"));
    CHECK(contains(r.out, "chart/data.txt:1:1: warning[WC916] chart/data.txt leads outside"));
    const RunResult rendered = run_cli("render chart", RunOptions{tree.repo});
    INFO(describe(rendered));
    CHECK_FALSE(contains(rendered.out + rendered.err, kOutsideSecret));
    CHECK(contains(rendered.err, "WC916"));
  }
  SECTION("templates/") {
    tree.link("../../outside/tpl", "chart/templates");
    expect_refused(tree, "chart", "chart/templates:1:1: warning[WC916] chart/templates leads outside");
  }
}

TEST_CASE("confine: kustomize paths out of the repository are WC916 at the kustomization line",
          "[e2e][confine]") {
  Tree tree;
  SECTION("../../outside") {
    tree.write("app/kustomization.yaml", "resources:\n- ../../outside/res\n");
  }
  SECTION("an absolute folder") {
    tree.write("app/kustomization.yaml", "resources:\n- " + (tree.outside / "res").string() + "\n");
  }
  SECTION("a linked resource folder") {
    tree.write("app/kustomization.yaml", "resources:\n- linked\n");
    tree.link("../../outside/res", "app/linked");
  }
  SECTION("a linked resource file") {
    tree.write("app/kustomization.yaml", "resources:\n- pod.yaml\n");
    tree.link("../../outside/res/pod.yaml", "app/pod.yaml");
  }
  for (const std::string restrictor : {"", "--load-restrictor LoadRestrictionsNone "}) {
    expect_refused(tree, restrictor + "app", "app/kustomization.yaml:2:3: warning[WC916] ");
  }
}

TEST_CASE("confine: config paths out of the repository are WC916 at the config line and not read",
          "[e2e][confine]") {
  Tree tree;
  tree.write("chart/Chart.yaml", kChartYaml);
  tree.write("chart/values.yaml", "image:\n  tag: ltsc2022\n");
  tree.write("chart/templates/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: "
             "{kubernetes.io/os: windows}\n  containers:\n  - name: a\n    image: "
             "\"mcr.microsoft.com/windows/servercore:{{ .Values.image.tag }}\"\n");
  tree.write(".wincompat.yaml",
             "hosts: [ltsc2022]\ncharts:\n- path: chart\n  values: [../../outside/secret.yaml]\n"
             "images:\n  web: ../outside/secret.txt\nnodes: [../outside/secret.yaml]\n");
  const RunResult r = lint_everywhere(tree, ".");
  INFO(describe(r));
  CHECK(r.status == 0);
  CHECK(
      contains(r.out, ".wincompat.yaml:4:11: warning[WC916] charts.values names ../../outside/secret.yaml"));
  CHECK(contains(r.out, ".wincompat.yaml:6:3: warning[WC916] images.web names"));
  CHECK(contains(r.out, ".wincompat.yaml:7:9: warning[WC916] nodes names ../outside/secret.yaml"));
  SECTION("the user's own config outside the tree is trusted") {
    tree.scratch.write("user.yaml",
                       "hosts: [ltsc2022]\ncharts:\n- path: repo/chart\n  values: [outside/secret.yaml]\n");
    const RunResult trusted = run_cli(
        "lint --config " + sh_quote((tree.scratch / "user.yaml").string()) + " chart", RunOptions{tree.repo});
    INFO(describe(trusted));
    CHECK_FALSE(contains(trusted.out, "WC916"));
    CHECK(contains(trusted.out, kOutsideSecret)); // read: the tag of the image, which no catalog knows
  }
}

TEST_CASE("confine: a FIFO named Dockerfile is WC902 without blocking; a link to /dev/zero is WC916",
          "[hostile][confine]") {
  Tree tree;
  REQUIRE(::mkfifo((tree.repo / "Dockerfile").c_str(), 0644) == 0);
  tree.link("/dev/zero", "zero/Dockerfile");
  RunOptions options{tree.repo};
  options.timeout_seconds = 20;
  const RunResult fifo = run_cli("lint Dockerfile", options);
  INFO(describe(fifo));
  CHECK(fifo.status == 1);
  CHECK(
      contains(fifo.out, "Dockerfile:1:1: error[WC902] Dockerfile cannot be read: it is not a regular file"));
  for (const std::string named : {"zero/Dockerfile", "zero"}) {
    const RunResult zero = run_cli(std::string("lint ") + named, options);
    INFO(describe(zero));
    CHECK(zero.status == 0);
    CHECK(contains(zero.out, "zero/Dockerfile:1:1: warning[WC916] zero/Dockerfile leads outside"));
  }
}

TEST_CASE("confine: --fix never writes through a symbolic link", "[e2e][confine][fix]") {
  Tree tree;
  const std::string before = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n";
  const fs::path target = tree.scratch.write("outside/Dockerfile", before);
  tree.link("../outside/Dockerfile", "Dockerfile");
  tree.link("docker/base.Dockerfile", "inner.Dockerfile");
  tree.write("docker/base.Dockerfile", before);
  const RunResult out = run_cli("lint --no-config --host ltsc2022 --fix --root " +
                                    sh_quote(tree.scratch.path().string()) + " Dockerfile",
                                RunOptions{tree.repo});
  INFO(describe(out));
  CHECK(out.status == 2);
  CHECK(contains(out.err, "Dockerfile is a symbolic link: --fix never writes through one"));
  CHECK(slurp(target) == before);
  CHECK(fs::is_symlink(tree.repo / "Dockerfile"));
  const RunResult in =
      run_cli("lint --no-config --host ltsc2022 --fix inner.Dockerfile", RunOptions{tree.repo});
  INFO(describe(in));
  CHECK(in.status == 2);
  CHECK(slurp(tree.repo / "docker/base.Dockerfile") == before);
  CHECK(fs::is_symlink(tree.repo / "inner.Dockerfile"));
}

TEST_CASE("confine: lock never writes through a planted link", "[e2e][confine][lock]") {
  Tree tree;
  tree.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  const fs::path victim = tree.scratch.write("outside/victim", "untouched\n");
  SECTION("a committed .wincompat.lock.tmp link") {
    tree.link("../outside/victim", ".wincompat.lock.tmp");
    const RunResult r = run_cli("lock --today 2026-12-01 .", RunOptions{tree.repo});
    INFO(describe(r));
    CHECK(r.status == 0);
    CHECK(slurp(victim) == "untouched\n");
    CHECK(fs::is_symlink(tree.repo / ".wincompat.lock.tmp"));
    CHECK(fs::is_regular_file(fs::symlink_status(tree.repo / ".wincompat.lock")));
  }
  SECTION("a .wincompat.lock linking out of the repository") {
    tree.link("../outside/victim", ".wincompat.lock");
    const RunResult r = run_cli("lock --today 2026-12-01 .", RunOptions{tree.repo});
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(slurp(victim) == "untouched\n");
    CHECK_FALSE(contains(r.out + r.err, "untouched"));
  }
}

TEST_CASE("ConfinedFileSystem refuses real paths outside the roots and lists nothing there",
          "[file_system]") {
  using namespace wincompat;
  Tree tree;
  tree.write("in.yaml", "a: 1\n");
  tree.link("in.yaml", "inner-link.yaml");
  tree.link("../outside/secret.yaml", "out-link.yaml");
  tree.link("../outside/res", "out-dir");
  const std::string repo = tree.repo.string();
  ConfinedFileSystem files({repo}, std::make_shared<DiskFileSystem>(true));
  std::string error;
  CHECK(files.read(repo + "/in.yaml", 1000, error) == "a: 1\n");
  CHECK(files.read(repo + "/inner-link.yaml", 1000, error) == "a: 1\n");
  CHECK_FALSE(files.read(repo + "/out-link.yaml", 1000, error));
  CHECK(is_refusal(error));
  CHECK_FALSE(contains(error, kOutsideSecret));
  CHECK_FALSE(files.read(repo + "/../outside/secret.yaml", 1000, error));
  CHECK(is_refusal(error));
  CHECK(files.list(repo + "/out-dir").empty());
  CHECK_FALSE(files.list(repo).empty());
  CHECK(files.trusted((tree.outside / "secret.yaml").string()));
  CHECK_FALSE(files.trusted(repo + "/out-link.yaml"));
  files.allow((tree.outside / "secret.yaml").string());
  CHECK(files.read((tree.outside / "secret.yaml").string(), 1000, error));
}
