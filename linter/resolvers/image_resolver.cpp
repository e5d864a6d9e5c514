// Which OS and Windows build an image is: mapping, catalog, lock, registry.
#include "wincompat/image_resolver.hpp"
#include "wincompat/registry.hpp"
#include "wincompat/rule.hpp"

namespace wincompat {

bool ImageResolver::asks() const {
  return registry_ && registry_->asks();
}

const ImageSource *ImageResolver::find_source(const ImageRef &ref) const {
  for (const ImageSource &source : sources_) {
    if (auto mapped = parse_image_ref(source.image); mapped && mapped->name() == ref.name()) {
      return &source;
    }
  }
  return nullptr;
}

ImageAnswer ImageResolver::resolve(const ImageRef &ref, ImageUse use) const {
  ImageAnswer out;
  if (use == ImageUse::Deployed) {
    out.source = find_source(ref);
  }
  if (out.source && out.source->problem.empty()) {
    out.resolution = out.source->resolution;
    return out;
  }
  out.resolution = catalog_->resolve(ref);
  if (out.source || out.resolution.os != ImageOs::Unknown || !registry_) {
    return out;
  }
  if (auto answer = registry_->answer(ref)) {
    out.resolution = answer->resolution;
    out.build_source = answer->source;
    out.build_note = answer->note;
    out.lookup_problem = answer->problem;
  }
  return out;
}

bool ImageResolver::needs_lookup(const ImageRef &ref, ImageUse use) const {
  return (use == ImageUse::Base || !find_source(ref)) && catalog_->resolve(ref).os == ImageOs::Unknown;
}

void ImageResolver::prefetch(const std::vector<ImageRef> &refs) {
  if (registry_) {
    registry_->prefetch(refs);
  }
}

const ImageResolver &RuleContext::images() const {
  static const ImageResolver catalog_only; // no mapping, lock or registry
  return images_ ? *images_ : catalog_only;
}

} // namespace wincompat
