// `wincompat render PATH`: what a chart or a kustomization produces, with
// `# Source:` comments as `helm template` prints them, so a user can see
// exactly what lint checks.
#include "commands.hpp"

#include "layers/helm/manifests.hpp"
#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/options.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

namespace wincompat::cli {

void add_render_options(CLI::App &cmd, RenderArgs &args) {
  as_paths(
      cmd.add_option("path", args.path,
                     "A chart (folder or .tgz package), a kustomization folder, or a folder holding them"))
      ->required();
  as_paths(add_list_option(cmd, "--values,-f", args.overrides.values_files,
                           "A values file, as helm's -f (repeatable)"));
  add_list_option(cmd, "--set", args.overrides.set_values, "KEY=VALUE, as helm's --set (repeatable)");
  cmd.add_option("--release-name", args.release_name, "Release name (default: release-name)");
  cmd.add_option("--namespace", args.release_namespace, "Release namespace (default: default)");
  add_load_restrictor_option(cmd, args.overrides.load_restrictor);
  add_capabilities_options(cmd, args.overrides);
  add_config_options(cmd, args.config, args.no_config,
                     "Config file (default: the nearest .wincompat.yaml above PATH)");
  add_root_option(cmd, args.root);
  add_today_option(cmd, args.overrides.today);
  cmd.add_flag("--partial", args.partial,
               "Render a chart past its template errors, as lint does: what a failed action would have "
               "printed shows as <unknown-N>");
}

namespace {

/// Every chart and kustomization PATH stands for: itself, or each one a
/// walk of the folder finds, in the walk's (path) order.
std::vector<FileInput> layer_inputs(const std::string &path, const FileSystem &files) {
  std::vector<std::string> missing;
  std::vector<FileInput> layers;
  for (FileInput &input : collect_inputs({path}, {}, "", missing, false, false, files)) {
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

/// The options one rendered layer is built with: the config that governs
/// its folder, as lint finds it (or --config, or none), under the command
/// line's values; lint builds them the same way (options.hpp). nullopt: the
/// config or an option is invalid (reported on stderr).
std::optional<LintOptions> options_for(const FileInput &input, const RenderArgs &args, ConfigCache &configs,
                                       const std::shared_ptr<ConfinedFileSystem> &files) {
  std::shared_ptr<const Config> config;
  if (!args.no_config) {
    const std::string path = args.config.empty() ? configs.config_for(input.fs_path) : args.config;
    if (!path.empty()) {
      config = configs.load(path);
      trust_config_paths(*config, *files);
      if (!config->errors.empty()) {
        for (const Diagnostic &d : config->errors) {
          std::cerr << printable(display_path(config->path)) << ":" << d.range.start.line + 1 << ":"
                    << d.range.start.character + 1 << ": error WC903 " << printable(d.message) << "\n";
        }
        return std::nullopt;
      }
    }
  }
  OptionOverrides overrides = args.overrides; // today: `now` and `date` in templates
  overrides.offline = true;                   // rendering reads no image
  OptionsResult built = build_options(config.get(), overrides);
  if (!built.errors.empty()) {
    for (const std::string &error : built.errors) {
      std::cerr << "wincompat: " << error << "\n";
    }
    return std::nullopt;
  }
  built.options.files = files;
  return std::move(built.options);
}

/// The renderings of one chart or kustomization: one per config `charts:`
/// entry that names the chart (as lint renders it), else one; --release-name
/// and --namespace apply to each.
std::vector<FileInput> renderings(const FileInput &input, const RenderArgs &args, LintOptions &options) {
  std::vector<FileInput> out = expand_chart_environments({input}, options.chart_environments);
  const bool release = args.release_name != "release-name" || args.release_namespace != "default";
  for (FileInput &one : out) {
    if (one.kind != InputKind::Chart || !release) {
      continue;
    }
    if (one.chart_environment < 0) {
      ChartEnvironment plain;
      plain.path = one.path;
      options.chart_environments.push_back(plain);
      one.chart_environment = static_cast<int>(options.chart_environments.size() - 1);
    }
    ChartEnvironment &env = options.chart_environments[static_cast<size_t>(one.chart_environment)];
    env.release_name = args.release_name;
    env.release_namespace = args.release_namespace;
  }
  return out;
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
  // What lint reads, render reads: nothing outside the repository root.
  const std::shared_ptr<ConfinedFileSystem> files =
      confined_files({args.path}, args.root, args.no_config ? "" : args.config, args.overrides.values_files);
  std::vector<FileInput> inputs = layer_inputs(args.path, *files);
  if (inputs.empty()) {
    std::cerr << "wincompat: " << printable(args.path)
              << " is not a Helm chart (a folder with Chart.yaml or a NAME-VERSION.tgz package) or a "
                 "kustomization (a folder with kustomization.yaml), and holds none\n";
    return kExitUsage;
  }
  const bool several = inputs.size() > 1;
  bool failed = false;
  ConfigCache configs(files);
  for (const FileInput &layer : inputs) {
    std::optional<LintOptions> options = options_for(layer, args, configs, files);
    if (!options) {
      return kExitUsage;
    }
    options->unknown_documents = args.partial ? UnknownDocuments::Keep : UnknownDocuments::Helm;
    for (const FileInput &input : renderings(layer, args, *options)) {
      const LayerResult output = render_layer(input, *options);
      // As `helm template`: a chart that cannot be rendered (WC910, also a
      // `required` or `fail` that fires) prints no document. --partial
      // prints what renders, and fails only on errors.
      const bool helm_fails =
          input.kind == InputKind::Chart &&
          std::any_of(output.diagnostics.begin(), output.diagnostics.end(),
                      [](const LayerDiagnostic &problem) { return problem.diagnostic.code == "WC910"; });
      if (helm_fails && !args.partial) {
        for (const LayerDiagnostic &problem : output.diagnostics) {
          print_problem(problem, output);
        }
        failed = true;
        continue;
      }
      const std::string environment =
          input.chart_environment < 0
              ? ""
              : options->chart_environments[static_cast<size_t>(input.chart_environment)].name;
      for (const GeneratedDocument &document : output.documents) {
        auto header = [&] {
          std::cout << "---\n# Source: " << source_name(document, input, several) << "\n";
          if (!environment.empty()) {
            std::cout << "# Environment: " << environment << "\n";
          }
        };
        if (input.kind == InputKind::Chart) {
          // As `helm template` prints a chart: each manifest of a template
          // (Helm's SplitManifests) after its own `# Source:` line, trimmed.
          for (const auto &[begin, end] : helm::split_manifests(document.text)) {
            header();
            std::cout << std::string_view(document.text).substr(begin, end - begin) << "\n";
          }
          continue;
        }
        header();
        std::cout << document.text;
        if (!document.text.empty() && document.text.back() != '\n') {
          std::cout << "\n";
        }
      }
      for (const LayerDiagnostic &problem : output.diagnostics) {
        print_problem(problem, output);
        failed = failed || problem.diagnostic.severity == Severity::Error;
      }
    }
  }
  return failed ? kExitFindings : kExitClean;
}

} // namespace wincompat::cli
