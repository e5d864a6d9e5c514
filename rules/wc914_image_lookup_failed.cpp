// WC914: a registry was asked for an image's Windows build and could not
// answer. The image stays unknown; the message says why and what to do.
#include "support.hpp"

namespace wincompat::rules::wc914 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC914",
    .name = "image-lookup-failed",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "An image's registry was asked for its Windows build and could not answer.",
    .rationale = "With `--lookup` (or `lookup: true`) and in `wincompat lock`, images the catalog does not "
                 "know are looked up in their registry. When the registry cannot be reached, refuses the "
                 "credentials, has no such tag, or lists no os.version, the image's build stays unknown: "
                 "nothing is guessed and nothing is written to .wincompat.lock for it.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                   "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                   "    image: 127.0.0.1:1/shop/web:1.8.0",
    .example_good = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeSelector:\n"
                    "    kubernetes.io/os: windows\n  containers:\n  - name: web\n"
                    "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Do what the message says: log in with `docker login REGISTRY`, add a plain-HTTP registry to "
           "`insecureRegistries`, or fix the tag; then run `wincompat lock` again.",
    .example_options = "--lookup --insecure-registry 127.0.0.1:1",
};

void check(const DockerfileModel &model, RuleContext &ctx) {
  for (const Stage &stage : model.stages) {
    if (stage.ref && !stage.lookup_problem.empty()) {
      ctx.report(stage.image_span, stage.lookup_problem);
    }
  }
}

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.ref && !c.lookup_problem.empty()) {
      ctx.report(c.spec->image.span, c.lookup_problem);
    }
  }
}

} // namespace wincompat::rules::wc914
