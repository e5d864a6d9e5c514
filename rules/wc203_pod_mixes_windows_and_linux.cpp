// WC203: one pod mixes Windows and Linux containers.
#include "support.hpp"

namespace wincompat::rules::wc203 {

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
