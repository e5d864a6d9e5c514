// Placeholder until the chart renderer lands: no folder is taken for a chart,
// so charts keep today's behaviour. Delete this file with the renderer.
#include "wincompat/helm.hpp"

namespace wincompat {

bool is_chart_directory(const std::string &) {
  return false;
}

LayerResult render_chart(const ChartRequest &) {
  return {};
}

} // namespace wincompat
