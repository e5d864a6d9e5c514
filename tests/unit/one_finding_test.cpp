// One finding per problem, and remedies that name the way out (issue #17,
// item 11): WC208 names `wincompat lock`; a mistyped option or config key
// gets its nearest spelling.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

const std::string kPrivateImagePod =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
    "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
    "    image: registry.example.com/team/web:1.4\n";

} // namespace

TEST_CASE("WC208 names `wincompat lock` for an image the repository does not build", "[one-finding][wc208]") {
  const FileResult file = test::run(kPrivateImagePod, {"--select", "WC208"}, "pod.yaml");
  REQUIRE(file.diagnostics.size() == 1);
  const std::string &message = file.diagnostics[0].message;
  CHECK(contains(message, "run `wincompat lock` to read it from the registry"));
  CHECK(contains(message, "if this repository builds the image, map it to its Dockerfile in .wincompat.yaml "
                          "(images: {registry.example.com/team/web: path/to/Dockerfile})"));
  const RunResult explain = run_cli("explain WC208");
  INFO(describe(explain));
  CHECK(explain.status == 0);
  CHECK(contains(explain.out, "run `wincompat lock`"));
}

TEST_CASE("a mistyped long option names the nearest one, for every subcommand", "[one-finding][cli]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"lint --hosts ltsc2022 .", "unknown option '--hosts' for `wincompat lint`; did you mean '--host'?"},
      {"lint --fromat=json .", "unknown option '--fromat' for `wincompat lint`; did you mean '--format'?"},
      {"lock --updte .", "unknown option '--updte' for `wincompat lock`; did you mean '--update'?"},
      {"render --valuse v.yaml chart",
       "unknown option '--valuse' for `wincompat render`; did you mean '--values'?"},
      {"compat --hots ltsc2022 --image ltsc2019",
       "unknown option '--hots' for `wincompat compat`; did you mean '--host'?"},
      {"rules --formats json", "unknown option '--formats' for `wincompat rules`; did you mean '--format'?"},
      {"lsp --stdoi", "unknown option '--stdoi' for `wincompat lsp`; did you mean '--stdio'?"},
      {"lint --frobnicate .",
       "unknown option '--frobnicate' for `wincompat lint` (`wincompat lint --help` lists "
       "them)"},
  };
  for (const auto &[args, expected] : cases) {
    const RunResult r = run_cli(args);
    INFO(describe(r));
    CHECK(r.status == 2);
    CHECK(r.err == "wincompat: " + expected + "\n");
  }
  // Known options, and a value after `--`, are left to the parser.
  TempDir dir;
  dir.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  RunOptions at;
  at.cwd = dir.path();
  const RunResult fine = run_cli("lint --no-config --host ltsc2022 --format=json -- Dockerfile", at);
  INFO(describe(fine));
  CHECK(fine.status == 0);
}

TEST_CASE("an unknown config key names its nearest spelling", "[one-finding][config]") {
  TempDir dir;
  dir.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  dir.write(".wincompat.yaml", "nodepools:\n  - name: win22\n    os: windows\n    build: ltsc2022\n"
                               "    taint: [os=windows:NoSchedule]\n"
                               "charts:\n  - path: chart\n    valuse: [values-prod.yaml]\n"
                               "images:\n  registry.example.com/web:\n    dockerfle: Dockerfile\n"
                               "hostz: [ltsc2022]\nfrobnicate: true\n");
  RunOptions at;
  at.cwd = dir.path();
  const RunResult r = run_cli("lint Dockerfile", at);
  INFO(describe(r));
  CHECK(r.status == 2);
  const std::string all = r.out + r.err;
  CHECK(contains(all, "unknown key 'nodepools'; did you mean `nodePools`? (known: hosts,"));
  CHECK(contains(all, "unknown key 'hostz'; did you mean `hosts`?"));
  CHECK(contains(all, "unknown key 'frobnicate' (known: hosts,"));
  CHECK(contains(all, "unknown charts key 'valuse'; did you mean `values`?"));
  CHECK(contains(all,
                 "unknown key 'dockerfle' in images.registry.example.com/web; did you mean `dockerfile`?"));
}
