#include "wincompat/compat.hpp"

#include <algorithm>

namespace wincompat {

std::string_view to_string(Isolation isolation) {
  return isolation == Isolation::HyperV ? "hyperv" : "process";
}

std::optional<Isolation> parse_isolation(std::string_view word) {
  if (word == "process") {
    return Isolation::Process;
  }
  if (word == "hyperv" || word == "hyper-v") {
    return Isolation::HyperV;
  }
  return std::nullopt;
}

namespace {

constexpr uint32_t kFirstStableAbiBuild = 20348;        // Windows Server 2022
constexpr uint32_t kFirstRevisionTolerantBuild = 17763; // from 1809 on

bool is_annual_channel(uint32_t build, const ReleaseCatalog &catalog) {
  const Release *release = catalog.find_build(build);
  return release && release->channel == Channel::Annual;
}

/// The oldest image build a stable-ABI host runs under process isolation:
/// the newest stable-ABI LTSC older than the host's own LTSC generation, or
/// that generation itself when none is older (containerd's rule).
uint32_t portability_floor(uint32_t host, const ReleaseCatalog &catalog) {
  const std::vector<uint32_t> ltsc = catalog.stable_ltsc_builds();
  uint32_t generation = kFirstStableAbiBuild;
  for (uint32_t build : ltsc) {
    if (build <= host) {
      generation = build;
    }
  }
  uint32_t floor = generation;
  for (uint32_t build : ltsc) {
    if (build < generation) {
      floor = build;
    }
  }
  return floor;
}

Verdict process_verdict(const WindowsBuild &image, const WindowsBuild &host, const ReleaseCatalog &catalog) {
  if (host.build < kFirstStableAbiBuild) {
    if (image.build != host.build) {
      return {false, "WC302",
              "before Windows Server 2022, process isolation needs the image build to equal "
              "the host build"};
    }
    if (host.build < kFirstRevisionTolerantBuild && image.revision && host.revision &&
        *image.revision != *host.revision) {
      return {false, "WC302",
              "before Windows Server 2019, process isolation also needs the revisions to match"};
    }
    return {true, "", "the builds match"};
  }
  const bool annual = is_annual_channel(host.build, catalog);
  if (annual && image.build != kFirstStableAbiBuild) {
    return {false, "WC303",
            "an Annual Channel host supports only Windows Server 2022 (LTSC) container images"};
  }
  const uint32_t floor = portability_floor(host.build, catalog);
  if (image.build < floor) {
    return {false, "WC302",
            "from Windows Server 2022 on, a process-isolated host runs images from 10.0." +
                std::to_string(floor) + " up to its own build"};
  }
  if (image.build != host.build) {
    return {true, "WC304",
            "it runs only through Windows container portability (stable ABI since Windows "
            "Server 2022)"};
  }
  return {true, "", "the builds match"};
}

} // namespace

Verdict evaluate_compat(const WindowsBuild &image, const WindowsBuild &host, Isolation isolation,
                        const ReleaseCatalog &catalog) {
  if (image.build > host.build) {
    return {false, "WC301", "an image never runs on a host with an older build, in any isolation"};
  }
  const Verdict process = process_verdict(image, host, catalog);
  if (isolation == Isolation::Process) {
    return process;
  }
  if (process.runs) {
    return {true, "", "it runs under process isolation as well"};
  }
  return {true, "WC305",
          "Hyper-V isolation runs images older than the host; on Kubernetes it needs a "
          "RuntimeClass with handler runhcs-wcow-hypervisor that the node's containerd is "
          "configured for"};
}

} // namespace wincompat
