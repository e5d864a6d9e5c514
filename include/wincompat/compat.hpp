// The compatibility engine: can an image of build X run on a host of build Y?
#pragma once

#include "wincompat/catalog.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wincompat {

enum class Isolation { Process, HyperV };
std::string_view to_string(Isolation isolation);
std::optional<Isolation> parse_isolation(std::string_view word);

struct Verdict {
  bool runs = false;
  std::string code;   // WC301..WC305, empty when the pair is simply compatible
  std::string reason; // one sentence: why
};

/// Decides a pair. Follows containerd's checkWindowsHostAndContainerCompat
/// for process isolation, narrowed by Microsoft's Annual Channel support
/// statement (WC303); see docs/how-it-works.md.
Verdict evaluate_compat(const WindowsBuild &image, const WindowsBuild &host, Isolation isolation,
                        const ReleaseCatalog &catalog = ReleaseCatalog::builtin());

} // namespace wincompat
