// `wincompat render PATH`: what a chart or a kustomization produces, with
// `# Source:` comments as `helm template` prints them, so a user can see
// exactly what lint checks.
#include "commands.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"

#include <cstdlib>
#include <iostream>

namespace wincompat::cli {

void add_render_options(CLI::App &cmd, RenderArgs &args) {
  cmd.add_option("path", args.path, "A chart folder (Chart.yaml) or a kustomization folder")->required();
  cmd.add_option("--values,-f", args.values_files, "A values file, as helm's -f (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--set", args.set_values, "KEY=VALUE, as helm's --set (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--release-name", args.release_name, "Release name (default: release-name)");
  cmd.add_option("--namespace", args.release_namespace, "Release namespace (default: default)");
  cmd.add_option("--load-restrictor", args.load_restrictor,
                 "kustomize: LoadRestrictionsRootOnly or LoadRestrictionsNone (default: build as None "
                 "would, and warn once per kustomization that reads outside its folder)")
      ->check(CLI::IsMember({"LoadRestrictionsRootOnly", "LoadRestrictionsNone"}));
  cmd.add_option("--config", args.config, "Config file (default: the nearest .wincompat.yaml above PATH)");
  cmd.add_flag("--no-config", args.no_config, "Ignore .wincompat.yaml");
  cmd.add_option("--today", args.today, "Date used as today (YYYY-MM-DD)")->group("");
}

namespace {

/// The chart or kustomization PATH stands for, if any.
std::optional<FileInput> layer_input(const std::string &path) {
  std::vector<std::string> missing;
  for (FileInput &input : collect_inputs({path}, {}, "", missing)) {
    if (input.kind != InputKind::File) {
      return std::move(input);
    }
  }
  return std::nullopt;
}

void print_problem(const LayerDiagnostic &problem, const LayerResult &output) {
  const Diagnostic &d = problem.diagnostic;
  Position at;
  if (auto it = output.files.find(problem.path); it != output.files.end() && it->second) {
    at = it->second->position(d.span.begin);
  }
  std::cerr << printable(problem.path) << ":" << at.line + 1 << ":" << at.character + 1 << ": "
            << to_string(d.severity) << " " << d.code << " " << printable(d.message) << "\n";
}

} // namespace

int run_render(const RenderArgs &args) {
  std::optional<FileInput> input = layer_input(args.path);
  if (!input) {
    std::cerr << "wincompat: " << printable(args.path)
              << " is not a Helm chart (a folder with Chart.yaml) or a kustomization (a folder with "
                 "kustomization.yaml)\n";
    return kExitUsage;
  }
  LintOptions options;
  if (!args.no_config) {
    // The config that governs the rendered folder, as lint finds it.
    const std::string path = args.config.empty() ? find_config(input->fs_path) : args.config;
    if (!path.empty()) {
      const Config config = load_config(path);
      if (!config.errors.empty()) {
        for (const Diagnostic &d : config.errors) {
          std::cerr << printable(display_path(config.path)) << ":" << d.range.start.line + 1 << ":"
                    << d.range.start.character + 1 << ": error WC903 " << printable(d.message) << "\n";
        }
        return kExitUsage;
      }
      options.load_restrictor = config.load_restrictor.value_or(LoadRestrictor::Unset);
    }
  }
  if (!args.load_restrictor.empty()) {
    options.load_restrictor = *parse_load_restrictor(args.load_restrictor);
  }
  options.values_files = args.values_files;
  options.set_values = args.set_values;
  if (auto today = resolve_today(args.today)) {
    options.settings.today = *today; // `now` and `date` in templates
  } else {
    return kExitUsage;
  }
  if (args.release_name != "release-name" || args.release_namespace != "default") {
    ChartEnvironment release;
    release.path = input->path;
    release.release_name = args.release_name;
    release.release_namespace = args.release_namespace;
    options.chart_environments.push_back(release);
    input->chart_environment = 0;
  }
  const LayerResult output = render_layer(*input, options);
  for (const GeneratedDocument &document : output.documents) {
    std::cout << "---\n# Source: " << document.name << "\n" << document.text;
    if (!document.text.empty() && document.text.back() != '\n') {
      std::cout << "\n";
    }
  }
  bool failed = false;
  for (const LayerDiagnostic &problem : output.diagnostics) {
    print_problem(problem, output);
    failed = failed || problem.diagnostic.severity == Severity::Error;
  }
  return failed ? kExitFindings : kExitClean;
}

} // namespace wincompat::cli
