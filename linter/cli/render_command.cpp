// `wincompat render PATH`: what a chart or a kustomization produces, with
// `# Source:` comments as `helm template` prints them, so a user can see
// exactly what lint checks.
#include "commands.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>

namespace wincompat::cli {

void add_render_options(CLI::App &cmd, RenderArgs &args) {
  cmd.add_option("path", args.path,
                 "A chart (folder or .tgz package), a kustomization folder, or a folder holding them")
      ->required();
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

/// Every chart and kustomization PATH stands for: itself, or each one a
/// walk of the folder finds, in the walk's (path) order.
std::vector<FileInput> layer_inputs(const std::string &path) {
  std::vector<std::string> missing;
  std::vector<FileInput> layers;
  for (FileInput &input : collect_inputs({path}, {}, "", missing)) {
    if (input.kind != InputKind::File) {
      layers.push_back(std::move(input));
    }
  }
  return layers;
}

/// A document's `# Source:` name. One layer keeps helm's and kustomize's
/// names; among several, a chart's template is named from the chart's folder
/// ("charts/agent/templates/ds.yaml" rather than "agent/templates/ds.yaml"),
/// so that two charts of one name stay apart.
std::string source_name(const GeneratedDocument &document, const FileInput &input, bool several) {
  if (!several || input.kind != InputKind::Chart) {
    return document.name;
  }
  const size_t slash = document.name.find('/');
  return slash == std::string::npos ? input.path : input.path + document.name.substr(slash);
}

/// The kustomize load restrictor for one rendered layer: the option, else
/// the config that governs the layer's folder, as lint finds it. nullopt:
/// that config is invalid (reported on stderr).
std::optional<LoadRestrictor> load_restrictor_for(const FileInput &input, const RenderArgs &args) {
  LoadRestrictor restrictor = LoadRestrictor::Unset;
  if (!args.no_config) {
    const std::string path = args.config.empty() ? find_config(input.fs_path) : args.config;
    if (!path.empty()) {
      const Config config = load_config(path);
      if (!config.errors.empty()) {
        for (const Diagnostic &d : config.errors) {
          std::cerr << printable(display_path(config.path)) << ":" << d.range.start.line + 1 << ":"
                    << d.range.start.character + 1 << ": error WC903 " << printable(d.message) << "\n";
        }
        return std::nullopt;
      }
      restrictor = config.load_restrictor.value_or(LoadRestrictor::Unset);
    }
  }
  if (!args.load_restrictor.empty()) {
    restrictor = *parse_load_restrictor(args.load_restrictor);
  }
  return restrictor;
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
  std::vector<FileInput> inputs = layer_inputs(args.path);
  if (inputs.empty()) {
    std::cerr << "wincompat: " << printable(args.path)
              << " is not a Helm chart (a folder with Chart.yaml or a NAME-VERSION.tgz package) or a "
                 "kustomization (a folder with kustomization.yaml), and holds none\n";
    return kExitUsage;
  }
  LintOptions options;
  options.values_files = args.values_files;
  options.set_values = args.set_values;
  if (auto today = resolve_today(args.today)) {
    options.settings.today = *today; // `now` and `date` in templates
  } else {
    return kExitUsage;
  }
  const bool several = inputs.size() > 1;
  bool failed = false;
  for (FileInput &input : inputs) {
    const std::optional<LoadRestrictor> restrictor = load_restrictor_for(input, args);
    if (!restrictor) {
      return kExitUsage;
    }
    options.load_restrictor = *restrictor;
    if (input.kind == InputKind::Chart &&
        (args.release_name != "release-name" || args.release_namespace != "default")) {
      ChartEnvironment release;
      release.path = input.path;
      release.release_name = args.release_name;
      release.release_namespace = args.release_namespace;
      options.chart_environments = {release};
      input.chart_environment = 0;
    }
    const LayerResult output = render_layer(input, options);
    for (const GeneratedDocument &document : output.documents) {
      std::cout << "---\n# Source: " << source_name(document, input, several) << "\n" << document.text;
      if (!document.text.empty() && document.text.back() != '\n') {
        std::cout << "\n";
      }
    }
    for (const LayerDiagnostic &problem : output.diagnostics) {
      print_problem(problem, output);
      failed = failed || problem.diagnostic.severity == Severity::Error;
    }
  }
  return failed ? kExitFindings : kExitClean;
}

} // namespace wincompat::cli
