// WC906: emitted by the engine once per run (a run-level notice placed on the
// first Windows Dockerfile), not by a check over a model; this file holds its
// documentation.
#include "support.hpp"

namespace wincompat::rules::wc906 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC906",
    .name = "host-pairing-not-checked",
    .target = Target::Dockerfile,
    .default_severity = Severity::Info,
    .summary = "No target host is configured, so Windows images in Dockerfiles were not paired with "
               "hosts (WC301-WC305 were not checked).",
    .rationale = "Whether a Windows image runs depends on the host's Windows build. With no `--host`, "
                 "no `hosts:` in .wincompat.yaml and no node inventory, a Dockerfile's base image is "
                 "checked on its own (WC1xx) but against nothing, so a clean result would not mean the "
                 "image runs where it is deployed. Reported once per run, on the first Windows "
                 "Dockerfile's deployed base image.",
    .example_bad = "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good = "FROM mcr.microsoft.com/dotnet/runtime:8.0-alpine",
    .fix = "Name the hosts: `--host ltsc2022` (comma lists and repeats are accepted), `hosts: "
           "[ltsc2022]` in .wincompat.yaml, or a node inventory (`--nodes`, config `nodePools`).",
};

} // namespace wincompat::rules::wc906
