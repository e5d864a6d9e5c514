// Helpers shared by rule files: where a stage's image, tag and version are,
// and how an image pairs with the run's hosts. Rules never parse; these only
// read the model.
#pragma once

#include "wincompat/compat.hpp"
#include "wincompat/dockerfile.hpp"
#include "wincompat/pod.hpp"
#include "wincompat/rule.hpp"

#include <string>
#include <vector>

namespace wincompat::rules {

/// Stages whose FROM names an image (not an earlier stage), with a reference.
std::vector<const Stage *> image_stages(const DockerfileModel &model);

/// The file span of the stage's tag, or of its image word when it has none.
Span tag_span(const Stage &stage);
/// The file span of the version token in the tag, else tag_span().
Span version_span(const Stage &stage);
/// The image as expanded ("mcr.microsoft.com/windows/servercore:ltsc2019").
std::string image_text(const Stage &stage);
/// "ltsc2022 (10.0.20348)" or "10.0.20348".
std::string describe_build(const WindowsBuild &build, const ReleaseCatalog &catalog);
std::string describe_host(const Host &host);
/// " (taken as a mirror of mcr.microsoft.com/windows/servercore)" for a mirrored path, else "".
std::string mirror_note(const ImageResolution &res);
/// ", build taken from 'ltsc2019' in the tag" when the build came from a tag
/// naming convention, ", the build its tag names" for a doubted tag (WC105), else "".
std::string build_from_tag_note(const ImageResolution &res);
/// A stage's label for messages: its name, or "stage N".
std::string stage_label(const Stage &stage);

/// The stage a Dockerfile is deployed as (the last), when its base image
/// resolves to a Windows build.
const Stage *deployed_windows_stage(const DockerfileModel &model);

struct Pairing {
  const Host *host;
  Verdict verdict;
};
/// The verdict for the deployed image against each host of the run.
std::vector<Pairing> host_pairings(const Stage &stage, const CheckSettings &settings);

/// The image/host pairing rules (kind `verdict` in rules.def): the verdict
/// (linter/compat.cpp) names the rule; `what` words it in the message
/// ("cannot run on older").
enum class Hosts {
  All,          // every host whose verdict is the rule's
  WithNativeTag // only those for which the image has a native tag (WC304)
};

/// Reports the hosts whose verdict is the context's rule as one diagnostic
/// at the deployed stage's version; adds a retag fix when one tag suits
/// them all.
void report_pairings(const DockerfileModel &model, RuleContext &ctx, std::string_view what,
                     Hosts hosts_said = Hosts::All);

/// The pod-side pairing: every Windows container (not HostProcess) with a
/// known build against every Windows host the pod can land on; one
/// diagnostic per container for the context's rule, naming the hosts.
void report_pod_pairings(const PodAnalysis &pod, RuleContext &ctx, std::string_view what,
                         Hosts hosts_said = Hosts::All);

/// A multi-build image with version data, in a pod restricted to Windows: its
/// pairing is judged per manifest entry (report_pod_pairings, WC208).
bool is_checked_multi_build(const PodAnalysis &pod, const ContainerAnalysis &c);
/// The manifest entry of a multi-build image that runs on `host`; null when
/// none does, with `verdict` (if given) set for the entry nearest below the host.
const WindowsBuild *multi_build_entry_for(const ContainerAnalysis &c, const PodHost &host,
                                          const PodAnalysis &pod, const ReleaseCatalog &releases,
                                          Verdict *verdict = nullptr);
void report_multi_build(const PodAnalysis &pod, const ContainerAnalysis &c, RuleContext &ctx,
                        std::string_view what);

/// The version token of a container's image in the file, when the value is
/// written literally; else the whole image value.
Span image_version_span(const ContainerAnalysis &c, const SourceFile *source);

/// "Deployment/web" for messages.
std::string object_label(const PodSpec &pod);
/// The first container whose image is Windows, if any.
const ContainerAnalysis *first_windows_container(const PodAnalysis &pod);

} // namespace wincompat::rules
