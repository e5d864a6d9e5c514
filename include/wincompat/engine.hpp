// The library entry point: lint a set of files and return diagnostics.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/decode.hpp"
#include "wincompat/diagnostic.hpp"
#include "wincompat/file_system.hpp"
#include "wincompat/inputs.hpp"
#include "wincompat/inventory.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/layer.hpp"
#include "wincompat/paths.hpp"
#include "wincompat/result.hpp"
#include "wincompat/rule.hpp"
#include "wincompat/source.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

class RegistryResolver;
struct PodAnalysis;

/// A span of linted text placed in the real file it came from (a rendered
/// chart's or a kustomize build's text goes back to the values line, the
/// template or the overlay that wrote it).
struct PlacedSpan {
  std::string path; // display path, as diagnostics name it
  Span span;        // in `source`'s text
  std::shared_ptr<const SourceFile> source;
  bool exact = false; // the text there is the linted text, verbatim (an edit there changes it)
};
using SpanPlacer = std::function<PlacedSpan(Span)>;

/// Sees what lint analysed (`wincompat plan` reads every pod and RuntimeClass
/// through it, so that it judges them with lint's own analysis). Called from
/// several threads at once.
class LintObserver {
public:
  virtual ~LintObserver() = default;
  /// `environment`: the chart environment or overlay the pod was rendered for.
  virtual void pod(const PodAnalysis &pod, const SpanPlacer &place, const std::string &environment) = 0;
  virtual void runtime_class(const RuntimeClassSpec &runtime_class, const SpanPlacer &place) = 0;
};

struct LintOptions {
  CheckSettings settings;
  std::map<std::string, std::string> build_args; // command line wins over config
  std::vector<std::string> select;               // empty: everything
  std::vector<std::string> ignore;
  std::map<std::string, SeverityOverride> severities;
  FileKind force_kind = FileKind::Auto;
  /// The node inventory (config nodePools, config nodes, --nodes).
  std::vector<NodePool> pools;
  bool has_inventory = false;
  /// Images the repository builds (config `images:`); Compose and Skaffold
  /// files among the inputs add theirs.
  std::vector<ImageMapping> images;
  unsigned jobs = 0;                // 0: number of cores
  size_t max_file_size = 16u << 20; // bytes; larger files are WC902
  bool all_documents = false;       // parse every YAML document, not only relevant ones
  YamlLimits yaml_limits;           // depth, documents and time per YAML file
  /// Charts: the command line's values (--values, --set) and config entries.
  std::vector<std::string> values_files;
  std::vector<std::string> set_values;
  std::vector<ChartEnvironment> chart_environments;
  /// Charts' `.Capabilities`: Helm's --kube-version (empty: Helm's default)
  /// and --api-versions (added to Helm's defaults).
  std::string kube_version;
  std::vector<std::string> api_versions;
  /// Chart documents an unknown value reaches (`wincompat render` sets it).
  UnknownDocuments unknown_documents = UnknownDocuments::Lint;
  /// Where every file is read from: inputs, charts, values, kustomizations,
  /// the Dockerfiles images are built from (an editor's unsaved documents
  /// over the disk, a tree in memory). Null: the disk, one view per run
  /// (lint() sets it, and the scopes' to the same).
  std::shared_ptr<const FileSystem> files;
  /// Images the catalog and the Dockerfile mappings do not know: the lock
  /// file, and with --lookup their registries (null: neither).
  std::shared_ptr<RegistryResolver> registry;
  /// kustomize's --load-restrictor; Unset builds as LoadRestrictionsNone
  /// would and reports each kustomization that reads outside its folder.
  LoadRestrictor load_restrictor = LoadRestrictor::Unset;
  /// The config's own warnings (WC916: a path it names leads outside the
  /// repository root), reported as that file's result by lint().
  std::shared_ptr<const FileResult> config_notices;
  /// Options of the files other configs govern (nested .wincompat.yaml
  /// files): FileInput::scope indexes this list. Their own `scopes` are unused.
  std::vector<LintOptions> scopes;
  /// Sees every pod and RuntimeClass (null: nobody); shared by the scopes.
  std::shared_ptr<LintObserver> observer;
};

/// The options `scope` (a FileInput::scope) stands for.
const LintOptions &scoped(const LintOptions &options, int scope);

LintResult lint(const std::vector<FileInput> &inputs, const LintOptions &options);

/// What a chart or kustomization input produces, with the options' values:
/// the text `wincompat render` prints and lint lints.
LayerResult render_layer(const FileInput &input, const LintOptions &options);

/// Lints one in-memory document (used by the LSP and tests).
FileResult lint_text(const std::string &path, const std::string &text, const LintOptions &options);

} // namespace wincompat
