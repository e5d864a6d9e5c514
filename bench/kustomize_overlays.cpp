// Times build_kustomization over every overlay below a directory (one shared
// base, many overlays): the kustomize layer's own cost, without linting.
//
//   kustomize_overlays DIR [RUNS]
//
// Prints the overlay count, the best and median wall time of RUNS passes
// (each pass builds every overlay once) and the output bytes of one pass.
#include "wincompat/kustomize.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kustomize_overlays DIR [RUNS]\n");
    return 2;
  }
  const fs::path root = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<wincompat::KustomizeRequest> requests;
  for (const auto &entry : fs::directory_iterator(root / "overlays")) {
    if (wincompat::is_kustomization_directory(entry.path().string())) {
      requests.push_back({entry.path().string(), entry.path().string()});
    }
  }
  std::sort(requests.begin(), requests.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
  std::vector<double> times;
  size_t bytes = 0;
  size_t failures = 0;
  for (int run = 0; run < runs; ++run) {
    bytes = 0;
    failures = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto &request : requests) {
      const wincompat::LayerResult result = wincompat::build_kustomization(request);
      failures += result.documents.size() == 1 ? 0 : 1;
      for (const auto &document : result.documents) {
        bytes += document.text.size();
      }
    }
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  std::printf("overlays=%zu runs=%d best_ms=%.2f median_ms=%.2f output_bytes=%zu failed=%zu\n",
              requests.size(), runs, times.front(), times[times.size() / 2], bytes, failures);
  return failures == 0 ? 0 : 1;
}
