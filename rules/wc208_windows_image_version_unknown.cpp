// WC208: a Windows pod's image has an unknown Windows version.
#include "support.hpp"

namespace wincompat::rules::wc208 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC208",
    .name = "windows-image-version-unknown",
    .target = Target::Kubernetes,
    .default_severity = Severity::Info,
    .summary = "The pod targets Windows nodes but a container image's Windows version is unknown.",
    .rationale = "Private images carry no version in their tag, so their compatibility with the "
                 "nodes cannot be checked until the tool knows which Dockerfile builds them. Reported "
                 "once per image per run, at its first use, with the other uses as related "
                 "information; multi-build images the catalog knows are not reported.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                   "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                   "    image: myregistry.azurecr.io/web:1.4",
    .example_good = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                    "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                    "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "For an image this repository does not build, run `wincompat lock` to record its Windows "
           "version from its registry in .wincompat.lock. For one it builds, map the image to its "
           "Dockerfile in .wincompat.yaml (`images: {myregistry.azurecr.io/web: src/web/Dockerfile}`), or "
           "list it in a docker-compose or skaffold file.",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  if (pod.view.os != OsRestriction::Windows) {
    return;
  }
  for (const ContainerAnalysis &c : pod.containers) {
    if (!c.ref || c.host_process || !c.lookup_problem.empty()) { // WC914 says why
      continue;
    }
    DiagnosticData data;
    data.image = c.spec->image.value; // one finding per image per run (the engine merges repeats)
    if (c.source && !c.source->problem.empty()) {
      ctx.report(c.spec->image.span,
                 "the Windows version of " + c.spec->image.value + " is unknown: " + c.source->problem,
                 std::move(data));
    } else if (c.resolution.os == ImageOs::Unknown || c.resolution.os == ImageOs::WindowsUnknown) {
      ctx.report(c.spec->image.span,
                 "the Windows version of " + c.spec->image.value +
                     " is unknown, so its compatibility with the nodes cannot be checked; run `wincompat "
                     "lock` to read it from the registry, or, if this repository builds the image, map it "
                     "to its Dockerfile in .wincompat.yaml (images: {" +
                     c.ref->familiar_name() + ": path/to/Dockerfile})",
                 std::move(data));
    }
  }
}

} // namespace wincompat::rules::wc208
