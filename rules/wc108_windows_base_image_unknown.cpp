// WC108: a Dockerfile that targets Windows is built on an image whose Windows
// build is unknown, so nothing pairs it with the hosts.
#include "support.hpp"

#include <algorithm>

namespace wincompat::rules::wc108 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC108",
    .name = "windows-base-image-unknown",
    .target = Target::Dockerfile,
    .default_severity = Severity::Info,
    .summary = "A Dockerfile that targets Windows is built on an image whose Windows build is unknown.",
    .rationale =
        "A team's own base image (`myacr.azurecr.io/team/base:1.0`) or an image the catalog does not "
        "know carries no Windows version in its tag, so WC301-WC305 cannot pair the deployed image "
        "with the hosts: without this notice the Dockerfile would pass without a word. It is "
        "reported only when the Dockerfile shows that it targets Windows (a PowerShell or cmd "
        "shell, `C:\\` or `\\inetpub` paths, `.exe`, `.dll` or `.svc` files, the backtick escape "
        "directive, `USER ContainerAdministrator`, a Windows word in the image name; see "
        "docs/how-it-works.md), once, on the deployed stage's base image. A Linux Dockerfile "
        "with an unknown base stays quiet; an ARG with no value is WC103, and an image a "
        "registry could not answer for is WC914.",
    .example_bad = "FROM myregistry.azurecr.io/shop/base:1.0\nSHELL [\"powershell\", \"-Command\"]\n"
                   "RUN Write-Host ready",
    .example_good =
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
        "RUN Write-Host ready",
    .fix = "Run `wincompat lock` to record the build the image's registry reports in .wincompat.lock (or "
           "lint with --lookup); when the image comes from an ARG, pass --build-arg with an image whose "
           "tag names the Windows version.",
};

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
