// The wincompat command line (docs/usage.md).
#include "build_info.hpp"
#include "commands.hpp"
#include "lsp/server.hpp"
#include "platform.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

int main(int argc, char **argv) {
  using namespace wincompat::cli;
  wincompat::platform::init_standard_streams();
  grow_heap_in_huge_pages();
  CLI::App app{"wincompat: finds Windows container images that cannot run on their hosts"};
  app.set_version_flag("--version", WINCOMPAT_VERSION_LINE);
  app.require_subcommand(1);

  LintArgs lint;
  CLI::App *lint_cmd = app.add_subcommand("lint", "Lint Dockerfiles and Kubernetes YAML");
  add_lint_options(*lint_cmd, lint);

  LintArgs lock;
  lock.overrides.lock_mode = true;
  CLI::App *lock_cmd = app.add_subcommand(
      "lock", "Read unknown images' Windows builds from their registries into .wincompat.lock");
  add_lock_options(*lock_cmd, lock);

  CompatArgs compat;
  CLI::App *compat_cmd = app.add_subcommand("compat", "Can this image run on this host?");
  compat_cmd->add_option("--host", compat.host, "Host release name or build")->required();
  compat_cmd->add_option("--image", compat.image, "Image reference, release name or build")->required();
  compat_cmd->add_option("--isolation", compat.isolation, "process or hyperv")
      ->check(CLI::IsMember({"process", "hyperv"}));
  compat_cmd->add_option("--format", compat.format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string rules_format = "text";
  CLI::App *rules_cmd = app.add_subcommand("rules", "List every rule");
  rules_cmd
      ->add_option("--format", rules_format,
                   "text, json, markdown (docs/rules.md) or table (README's rule table)")
      ->check(CLI::IsMember({"text", "json", "markdown", "table"}));

  std::string explain_code;
  CLI::App *explain_cmd = app.add_subcommand("explain", "Explain one rule");
  explain_cmd->add_option("code", explain_code, "Rule code, e.g. WC302")->required();

  RenderArgs render;
  CLI::App *render_cmd =
      app.add_subcommand("render", "Print what a Helm chart or a kustomization produces, as lint sees it");
  add_render_options(*render_cmd, render);

  LintArgs plan;
  CLI::App *plan_cmd = app.add_subcommand(
      "plan", "What moving Windows node pools to a new Windows Server breaks, and the edits that fix it");
  add_plan_options(*plan_cmd, plan);

  bool lsp_stdio = false;
  CLI::App *lsp_cmd = app.add_subcommand("lsp", "Language Server (LSP 3.17) on standard input/output");
  // Clients such as vscode-languageclient append --stdio; it is the only transport.
  lsp_cmd->add_flag("--stdio", lsp_stdio, "Use standard input/output (the default and only transport)");

  if (const auto problem = malformed_arguments(app, argc, argv)) {
    std::cerr << "wincompat: " << *problem << "\n";
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  if (*lint_cmd) {
    return run_lint(lint);
  }
  if (*lock_cmd) {
    return run_lint(lock);
  }
  if (*plan_cmd) {
    return run_lint(plan);
  }
  if (*compat_cmd) {
    return run_compat(compat);
  }
  if (*render_cmd) {
    return run_render(render);
  }
  if (*lsp_cmd) {
    return wincompat::lsp::run_stdio();
  }
  if (*rules_cmd) {
    return run_rules(rules_format);
  }
  return run_explain(explain_code);
}
