// What a chart or kustomization input asks its layer for, with the run's options.
#pragma once

#include "wincompat/engine.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/kustomize.hpp"

namespace wincompat {

/// The chart, its values (the config environment's, then the command
/// line's), release and date.
ChartRequest chart_request(const FileInput &input, const LintOptions &options);

/// The kustomization, its size limit and load restrictor.
KustomizeRequest kustomize_request(const FileInput &input, const LintOptions &options);

} // namespace wincompat
