// WC203: one pod mixes Windows and Linux containers.
#include "support.hpp"

namespace wincompat::rules::wc203 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC203",
    .name = "pod-mixes-windows-and-linux",
    .target = Target::Kubernetes,
    .default_severity = Severity::Error,
    .summary = "One pod mixes Windows and Linux containers.",
    .rationale = "All containers of a pod run on one node, so one OS: init, regular and ephemeral "
                 "containers of the other OS can never start.",
    .example_bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  initContainers:\n"
                   "  - name: init\n    image: busybox:1.36\n  containers:\n  - name: web\n"
                   "    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .example_good =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  initContainers:\n"
        "  - name: init\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n  containers:\n"
        "  - name: web\n    image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Use images of one OS in every container of the pod.",
};

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  const ContainerAnalysis *first = nullptr;
  for (const ContainerAnalysis &c : pod.containers) {
    if (c.os == ContainerOs::Unknown) {
      continue;
    }
    if (!first) {
      first = &c;
    } else if (c.os != first->os) {
      const auto os = [](ContainerOs o) { return o == ContainerOs::Windows ? "Windows" : "Linux"; };
      ctx.report(c.spec->image.span,
                 std::string(os(c.os)) + " image " + c.spec->image.value + " in a pod whose " +
                     first->spec->section + " '" + first->spec->name + "' runs " + os(first->os) + " image " +
                     first->spec->image.value + ": a pod's containers share one node and one OS");
    }
  }
}

} // namespace wincompat::rules::wc203
