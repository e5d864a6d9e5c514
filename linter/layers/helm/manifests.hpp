// How Helm cuts a template's output into manifests (releaseutil), shared by
// the chart renderer and `wincompat render`'s `# Source:` lines.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wincompat::helm {

/// Helm's SplitManifests (pkg/release/v1/util/manifest.go, v4.0.0): the
/// output trimmed, cut at each `---` that starts it or a line, each piece
/// trimmed (Go's strings.TrimSpace) and empty pieces left out. Each pair is
/// the piece's [begin, end) in `text`.
std::vector<std::pair<size_t, size_t>> split_manifests(std::string_view text);

} // namespace wincompat::helm
