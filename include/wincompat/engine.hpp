// The library entry point: lint a set of files and return diagnostics.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/diagnostic.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/layer.hpp"
#include "wincompat/rule.hpp"
#include "wincompat/source.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

class RegistryResolver;

enum class FileKind { Auto, Dockerfile, Yaml };

/// A plain file, or a folder that a layer turns into manifests.
enum class InputKind { File, Chart, Kustomization };

struct FileInput {
  std::string path;    // as displayed (as given, or relative to the walked root)
  std::string fs_path; // where to read it
  bool named_explicitly = false;
  std::optional<std::string> content; // standard input
  InputKind kind = InputKind::File;
  /// For a chart: the config `charts:` entry it is rendered as (an index in
  /// LintOptions::chart_environments), or -1 for the command line's values.
  int chart_environment = -1;
  /// The options this file is linted with: an index in LintOptions::scopes
  /// (a nested config governs it), or -1 for the run's own options.
  int scope = -1;
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
  /// Text that stands for a file's bytes on disk when a chart reads it, by
  /// absolute normalised path: an editor's unsaved documents.
  std::map<std::string, std::string> unsaved_files;
  /// Images the catalog and the Dockerfile mappings do not know: the lock
  /// file, and with --lookup their registries (null: neither).
  std::shared_ptr<RegistryResolver> registry;
  /// kustomize's --load-restrictor; Unset builds as LoadRestrictionsNone
  /// would and reports each kustomization that reads outside its folder.
  LoadRestrictor load_restrictor = LoadRestrictor::Unset;
  /// Options of the files other configs govern (nested .wincompat.yaml
  /// files): FileInput::scope indexes this list. Their own `scopes` are unused.
  std::vector<LintOptions> scopes;
};

/// The options `scope` (a FileInput::scope) stands for.
const LintOptions &scoped(const LintOptions &options, int scope);

struct FileResult {
  std::string path;
  std::string uri;
  std::shared_ptr<const SourceFile> source; // null when the file could not be read
  std::vector<Diagnostic> diagnostics;
  bool skipped = false;    // a walked YAML file that is not a manifest
  std::string fs_path;     // where --fix writes it
  bool from_stdin = false; // --fix prints the fixed text instead of writing
};

struct LintResult {
  std::vector<FileResult> files; // in input order
};

/// Walks `paths` into inputs per cli.md. Paths that do not exist go to `missing`.
/// With `force_exclude`, files named explicitly are excluded by the globs too
/// (as pre-commit hooks need: they always name files). Directory walks leave
/// out what .gitignore, .ignore, .git/info/exclude and git's global excludes
/// ignore, unless `no_ignore`; files named explicitly are always read.
std::vector<FileInput> collect_inputs(const std::vector<std::string> &paths,
                                      const std::vector<std::string> &exclude,
                                      const std::string &exclude_base, std::vector<std::string> &missing,
                                      bool force_exclude = false, bool no_ignore = false);

/// Whether config `exclude` globs (relative to `base`, the config's folder)
/// name `path`.
bool is_excluded(const std::string &path, const std::vector<std::string> &exclude, const std::string &base);

/// Replaces each chart input that config `charts:` entries name by one input
/// per entry (environment), in the entries' order.
std::vector<FileInput> expand_chart_environments(std::vector<FileInput> inputs,
                                                 const std::vector<ChartEnvironment> &environments);

/// Classifies a file name: Dockerfile, YAML, or neither (Auto).
FileKind kind_from_name(std::string_view path);

LintResult lint(const std::vector<FileInput> &inputs, const LintOptions &options);

/// The enclosing chart folder of a file (the nearest folder upward holding
/// Chart.yaml, not past a repository root), or empty.
std::string enclosing_chart(const std::string &path);

/// What a chart or kustomization input produces, with the options' values:
/// the text `wincompat render` prints and lint lints.
LayerResult render_layer(const FileInput &input, const LintOptions &options);

/// Lints one in-memory document (used by the LSP and tests).
FileResult lint_text(const std::string &path, const std::string &text, const LintOptions &options);

/// Reads and decodes a file: UTF-8 (BOM removed) or a WC902 diagnostic.
struct ReadOutcome {
  std::shared_ptr<SourceFile> source;
  std::optional<Diagnostic> error;
};
ReadOutcome decode_text(const std::string &path, std::string bytes, size_t max_size);

std::string file_uri(const std::string &path);
/// `path` relative to the working directory when it lies below it (for messages).
std::string display_path(const std::string &path);

/// Builds the inventory from config `nodePools`, config `nodes` and --nodes
/// files. Problems (unreadable file, syntax error, bad taint) go to `errors`
/// as WC903 diagnostics on `error_files` (one FileResult per file).
std::vector<NodePool> load_inventory(const Config &config, const std::vector<std::string> &node_files,
                                     std::vector<FileResult> &error_files);

} // namespace wincompat
