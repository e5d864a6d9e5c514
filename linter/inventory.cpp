// The node inventory: pools from config, nodes from kubectl output.
#include "wincompat/inventory.hpp"
#include "wincompat/decode.hpp"
#include "wincompat/paths.hpp"

#include "wincompat/rule.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace wincompat {

namespace {

void load_node_file(const std::string &path, std::vector<NodeSpec> &nodes,
                    std::vector<FileResult> &error_files) {
  FileResult file;
  file.path = path;
  file.uri = file_uri(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file.diagnostics.push_back(
        engine_diagnostic(RuleCode::WC903, "node inventory " + path + " cannot be read"));
    error_files.push_back(std::move(file));
    return;
  }
  // At most one byte past the limit: enough to report it (`--nodes /dev/zero` must end).
  constexpr size_t kMaxInventory = 256u << 20;
  std::string bytes;
  for (char chunk[65536]; in && bytes.size() <= kMaxInventory;) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, kMaxInventory + 1 - bytes.size())));
    bytes.append(chunk, static_cast<size_t>(in.gcount()));
  }
  ReadOutcome read = decode_text(path, std::move(bytes), kMaxInventory);
  if (!read.source) {
    file.diagnostics.push_back(engine_diagnostic(
        RuleCode::WC903, "node inventory " + path + ": " + without_size_option(read.error->message)));
    error_files.push_back(std::move(file));
    return;
  }
  std::vector<YamlSyntaxError> errors;
  std::vector<NodeSpec> found = parse_nodes(*read.source, errors);
  for (NodeSpec &node : found) {
    node.path = path;
    node.source = read.source;
  }
  for (const YamlSyntaxError &error : errors) {
    Diagnostic d = engine_diagnostic(RuleCode::WC903, "node inventory: " + error.message, error.span);
    d.range = read.source->range(error.span);
    file.diagnostics.push_back(std::move(d));
  }
  if (found.empty() && errors.empty()) {
    file.diagnostics.push_back(engine_diagnostic(
        RuleCode::WC903,
        "node inventory " + path + " holds no Node objects (expected `kubectl get nodes -o yaml` output)"));
  }
  if (!file.diagnostics.empty()) {
    file.source = read.source;
    error_files.push_back(std::move(file));
  }
  nodes.insert(nodes.end(), found.begin(), found.end());
}

} // namespace

std::vector<NodePool> load_inventory(const Config &config, const std::vector<std::string> &node_files,
                                     std::vector<FileResult> &error_files) {
  std::vector<NodePool> pools;
  std::vector<Diagnostic> config_errors;
  for (const NodePoolConfig &entry : config.node_pools) {
    NodePool pool;
    pool.name = entry.name;
    pool.os = entry.os.empty() ? (entry.build.empty() ? "" : "windows") : entry.os;
    if (!entry.build.empty()) {
      if (auto host = parse_host_spec(entry.build, ReleaseCatalog::builtin())) {
        pool.build = host->build;
      }
    }
    pool.labels = entry.labels;
    pool.platform = entry.platform;
    if (!entry.build.empty()) {
      pool.origin_path = config.path;
      pool.origin = config.source;
      pool.os_span = entry.build_span;
    }
    for (const std::string &text : entry.taints) {
      if (auto taint = parse_taint(text)) {
        pool.taints.push_back(*taint);
      } else {
        Diagnostic d = engine_diagnostic(RuleCode::WC903,
                                         config.path + ": taint '" + text + "' of pool " + entry.name +
                                             " must look like key=value:NoSchedule",
                                         entry.span);
        if (config.source) {
          d.range = config.source->range(entry.span);
        }
        config_errors.push_back(std::move(d));
      }
    }
    add_implicit_labels(pool);
    pools.push_back(std::move(pool));
  }
  if (!config_errors.empty()) {
    FileResult file;
    file.path = config.path;
    file.uri = file_uri(config.path);
    file.source = config.source;
    file.diagnostics = std::move(config_errors);
    error_files.push_back(std::move(file));
  }
  std::vector<NodeSpec> nodes;
  for (const std::string &path : config.nodes) {
    load_node_file(path, nodes, error_files);
  }
  for (const std::string &path : node_files) {
    load_node_file(path, nodes, error_files);
  }
  std::vector<NodePool> grouped = group_nodes(nodes);
  pools.insert(pools.end(), grouped.begin(), grouped.end());
  return pools;
}

} // namespace wincompat
