// The files a run lints: what the command line's paths walk into (cli.md "lint").
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/file_system.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

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

/// Walks `paths` into inputs per cli.md. Paths that do not exist go to `missing`.
/// With `force_exclude`, files named explicitly are excluded by the globs too
/// (as pre-commit hooks need: they always name files). Directory walks leave
/// out what .gitignore, .ignore, .git/info/exclude and git's global excludes
/// ignore, unless `no_ignore`; files named explicitly are always read.
std::vector<FileInput> collect_inputs(const std::vector<std::string> &paths,
                                      const std::vector<std::string> &exclude,
                                      const std::string &exclude_base, std::vector<std::string> &missing,
                                      bool force_exclude = false, bool no_ignore = false,
                                      const FileSystem &files = *files_or_disk(nullptr));

/// Whether config `exclude` globs (relative to `base`, the config's folder)
/// name `path`.
bool is_excluded(const std::string &path, const std::vector<std::string> &exclude, const std::string &base);

/// Replaces each chart input that config `charts:` entries name by one input
/// per entry (environment), in the entries' order.
std::vector<FileInput> expand_chart_environments(std::vector<FileInput> inputs,
                                                 const std::vector<ChartEnvironment> &environments);

/// Classifies a file name: Dockerfile, YAML, or neither (Auto).
FileKind kind_from_name(std::string_view path);

/// The enclosing chart folder of a file (the nearest folder upward holding
/// Chart.yaml, not past a repository root), or empty.
std::string enclosing_chart(const std::string &path, const FileSystem &files = *files_or_disk(nullptr));

} // namespace wincompat
