// Helm charts rendered in-process (no `helm` binary): Go text/template with
// Helm's and Sprig's functions, values merged as Helm merges them.
#pragma once

#include "wincompat/file_system.hpp"
#include "wincompat/layer.hpp"

#include <map>
#include <string>
#include <vector>

namespace wincompat {

struct ChartRequest {
  std::string path;                      // chart directory as displayed (relative like inputs)
  std::string fs_path;                   // where to read it
  std::vector<std::string> values_files; // --values / config values, Helm's -f order (paths as given)
  std::vector<std::string> set_values;   // --set KEY=VALUE, in order, Helm's --set syntax
  std::string release_name = "release-name";
  std::string release_namespace = "default";
  std::string environment; // config `charts:` entry name, may be empty
  std::string today;       // YYYY-MM-DD for now/date (fixed by --today)
  /// Helm's --kube-version ("1.26", "v1.26.0"); empty: the default version.
  std::string kube_version;
  /// Helm's --api-versions: added to the default .Capabilities.APIVersions.
  std::vector<std::string> api_versions;
  size_t max_file_size = 16u << 20;
  UnknownDocuments unknown_documents = UnknownDocuments::Lint;
  /// Where the chart and values files are read from (null: the disk).
  const FileSystem *files = nullptr;
};

/// Helm's check of --kube-version (and config `helm.kubeVersion`): empty
/// when Helm accepts `text`, else Helm's message ("invalid kube version
/// 'abc': could not parse \"abc\" as version").
std::string kube_version_problem(const std::string &text);

/// Whether the folder holds a Chart.yaml (on disk, or in `files`).
bool is_chart_directory(const std::string &fs_dir, const FileSystem *files = nullptr);

/// Whether the file is a packaged chart (`helm package`'s NAME-VERSION.tgz:
/// one folder holding Chart.yaml), no bigger than `max_size` bytes.
bool is_packaged_chart(const std::string &fs_path, size_t max_size = 16u << 20,
                       const FileSystem *files = nullptr);

/// Renders every template of the chart. Never throws: problems are
/// LayerDiagnostics placed in the real file.
LayerResult render_chart(const ChartRequest &request);

} // namespace wincompat
