// WC211: a container's image is empty or not a valid image reference.
#include "support.hpp"
#include "text_util.hpp"

namespace wincompat::rules::wc211 {

void check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  for (const ContainerAnalysis &c : pod.containers) {
    const ContainerSpec &spec = *c.spec;
    const bool has_key = spec.image_key.end > spec.image_key.begin;
    if (spec.image_not_string || !has_key) {
      continue; // WC901 already; a missing key is not this rule's
    }
    const std::string label = "container '" + spec.name + "' of " + object_label(*pod.pod);
    if (trim(spec.image.value).empty()) {
      ctx.report(spec.image.present && spec.image.span.end > spec.image.span.begin ? spec.image.span
                                                                                   : spec.image_key,
                 "image of " + label +
                     " is empty: the API server rejects the pod; write the image reference");
      continue;
    }
    if (c.ref || !c.placeholder.empty()) {
      continue; // a placeholder is filled in before the manifest is applied (WC208 on Windows pods)
    }
    ImageRefError error;
    parse_image_ref(spec.image.value, &error);
    ctx.report(spec.image.span, "image '" + spec.image.value + "' of " + label +
                                    " is not a valid image reference (" + error.message +
                                    "): the kubelet cannot pull it (InvalidImageName)");
  }
}

} // namespace wincompat::rules::wc211
