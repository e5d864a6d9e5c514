// What a chart or kustomization input asks its layer for, with the run's options.
#include "layers/requests.hpp"

namespace wincompat {

ChartRequest chart_request(const FileInput &input, const LintOptions &options) {
  ChartRequest request;
  request.path = input.path;
  request.fs_path = input.fs_path;
  request.today = options.settings.today;
  request.max_file_size = options.max_file_size;
  request.files = options.files.get();
  request.unknown_documents = options.unknown_documents;
  request.kube_version = options.kube_version;
  request.api_versions = options.api_versions;
  if (input.chart_environment >= 0 &&
      static_cast<size_t>(input.chart_environment) < options.chart_environments.size()) {
    const ChartEnvironment &env = options.chart_environments[static_cast<size_t>(input.chart_environment)];
    request.values_files = env.values_files;
    request.set_values = env.set_values;
    request.release_name = env.release_name;
    request.release_namespace = env.release_namespace;
    request.environment = env.name;
  }
  // The command line's values apply on top of every environment's.
  request.values_files.insert(request.values_files.end(), options.values_files.begin(),
                              options.values_files.end());
  request.set_values.insert(request.set_values.end(), options.set_values.begin(), options.set_values.end());
  return request;
}

KustomizeRequest kustomize_request(const FileInput &input, const LintOptions &options) {
  KustomizeRequest request;
  request.path = input.path;
  request.fs_path = input.fs_path;
  request.max_file_size = options.max_file_size;
  request.load_restrictor = options.load_restrictor;
  request.files = options.files.get();
  return request;
}

} // namespace wincompat
