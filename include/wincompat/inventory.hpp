// The node inventory: config `nodePools`, config `nodes` and --nodes files.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/result.hpp"

#include <string>
#include <vector>

namespace wincompat {

/// Builds the inventory from config `nodePools`, config `nodes` and --nodes
/// files. Problems (unreadable file, syntax error, bad taint) go to `errors`
/// as WC903 diagnostics on `error_files` (one FileResult per file).
std::vector<NodePool> load_inventory(const Config &config, const std::vector<std::string> &node_files,
                                     std::vector<FileResult> &error_files);

} // namespace wincompat
