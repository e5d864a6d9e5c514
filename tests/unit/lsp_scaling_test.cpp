// The language server over 5,000 open documents in one burst: its work
// grows linearly with them. A scaling test: it runs in CI's optimised build
// (WINCOMPAT_SLOW_UNIT_TESTS in tests/CMakeLists.txt), where the time it takes
// is the product's and not the sanitizer's; the server's code paths run
// under the sanitizers in lsp_test.cpp.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

std::string lsp_scaling_framed(const nlohmann::json &message) {
  const std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

} // namespace

TEST_CASE("lsp: opening 5,000 documents takes linear time", "[lsp][hostile]") {
  // Half Dockerfiles (each marks every open manifest to relint), half
  // manifests (each linted with the other open files as context), sent in
  // one burst. Before, every lint rebuilt the editor's view of all open
  // files and scanned every other document: about 1,000 s in a debug build.
  // The time limit only stops a hang; it is no budget.
  TempDir dir;
  constexpr int kDocuments = 5000;
  std::string session =
      lsp_scaling_framed(
          {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", {}}}}}) +
      lsp_scaling_framed(
          {{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", nlohmann::json::object()}});
  for (int i = 0; i < kDocuments; ++i) {
    const bool dockerfile = i % 2 == 0;
    const std::string path =
        (dir / ((dockerfile ? "d" : "m") + std::to_string(i) + (dockerfile ? "/Dockerfile" : "/pod.yaml")))
            .string();
    const std::string text =
        dockerfile
            ? "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n"
            : "apiVersion: v1\nkind: Pod\nmetadata: {name: web" + std::to_string(i) +
                  "}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - name: web\n"
                  "    image: mcr.microsoft.com/windows/servercore:ltsc2019\n";
    session += lsp_scaling_framed({{"jsonrpc", "2.0"},
                                   {"method", "textDocument/didOpen"},
                                   {"params",
                                    {{"textDocument",
                                      {{"uri", "file://" + path},
                                       {"languageId", dockerfile ? "dockerfile" : "yaml"},
                                       {"version", 1},
                                       {"text", text}}}}}});
  }
  session += lsp_scaling_framed({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}}) +
             lsp_scaling_framed({{"jsonrpc", "2.0"}, {"method", "exit"}});
  RunOptions options;
  options.cwd = dir.path();
  options.stdin_text = session;
  options.timeout_seconds = 240;
  const RunResult run = run_cli("lsp", options);
  REQUIRE(run.status == 0);
  size_t published = 0;
  for (size_t at = run.out.find("publishDiagnostics"); at != std::string::npos;
       at = run.out.find("publishDiagnostics", at + 1)) {
    ++published;
  }
  CHECK(published >= kDocuments);
}
