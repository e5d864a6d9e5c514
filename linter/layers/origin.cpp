#include "wincompat/layer.hpp"

#include <algorithm>

namespace wincompat {

namespace {

/// The segment that holds `generated.begin`, or null.
const OriginSegment *segment_at(const GeneratedDocument &document, uint32_t offset) {
  const auto &segments = document.origins;
  auto it =
      std::upper_bound(segments.begin(), segments.end(), offset,
                       [](uint32_t value, const OriginSegment &s) { return value < s.generated.begin; });
  if (it == segments.begin()) {
    return nullptr;
  }
  --it;
  return offset < it->generated.end || (offset == it->generated.begin && it->generated.end == offset)
             ? &*it
             : nullptr;
}

} // namespace

RoutedSpan route_span(const GeneratedDocument &document, Span generated) {
  RoutedSpan routed;
  const OriginSegment *segment = segment_at(document, generated.begin);
  if (!segment || segment->chain.empty()) {
    routed.place = document.fallback;
    return routed;
  }
  routed.place = segment->chain.front();
  routed.related.assign(segment->chain.begin() + 1, segment->chain.end());
  const Span seg = segment->generated;
  const Span origin = routed.place.span;
  const bool verbatim = seg.end - seg.begin == origin.end - origin.begin;
  if (verbatim && generated.end <= seg.end) {
    // A copied value: the same offsets within it.
    routed.place.span = {origin.begin + (generated.begin - seg.begin),
                         origin.begin + (generated.end - seg.begin)};
    routed.exact = true;
  }
  return routed;
}

} // namespace wincompat
