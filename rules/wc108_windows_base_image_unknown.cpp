// WC108: a Dockerfile that targets Windows is built on an image whose Windows
// build is unknown, so nothing pairs it with the hosts.
#include "support.hpp"

#include <algorithm>

namespace wincompat::rules::wc108 {

namespace {

/// The ARGs (not BuildKit's automatic ones) that wrote the image word.
std::vector<std::string> image_args(const Stage &stage) {
  std::vector<std::string> out;
  for (const std::string &name : stage.image.used) {
    if (!is_builder_arg(name) && std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
  }
  return out;
}

} // namespace

void check(const DockerfileModel &model, RuleContext &ctx) {
  const Stage *last = model.final_stage();
  if (!last || model.deployed_windows_evidence.empty()) {
    return;
  }
  const Stage &root = model.root_of(*last);
  if (!root.ref || root.build_host || root.invalid_reference || !root.unresolved.empty() ||
      !root.lookup_problem.empty() || root.resolution.os != ImageOs::Unknown) {
    return; // WC103 or WC914 says why, or the build is known
  }
  std::string remedy =
      "run `wincompat lock` to record the build its registry reports (or lint with --lookup)";
  const std::vector<std::string> args = image_args(root);
  if (!args.empty()) {
    remedy += ", or pass --build-arg " + args.front() +
              "=... naming an image whose tag carries the Windows version";
  }
  ctx.report(root.image_span, "the Windows build of base image " + image_text(root) +
                                  " is unknown, so this Windows Dockerfile (" +
                                  model.deployed_windows_evidence + ") is not checked against the hosts; " +
                                  remedy);
}

} // namespace wincompat::rules::wc108
