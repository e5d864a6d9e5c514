#include "wincompat/layer.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace wincompat {

namespace {

/// Every interned string, by id (0 is ""). A deque keeps each string where
/// it is while others are added, so `str()` can hand out a reference.
struct InternTable {
  std::shared_mutex mutex;
  std::deque<std::string> strings{std::string()};
  std::unordered_map<std::string_view, uint32_t> ids{{std::string_view(), 0}};
};

InternTable &intern_table() {
  static InternTable table;
  return table;
}

} // namespace

Interned::Interned(std::string_view text) {
  InternTable &table = intern_table();
  {
    std::shared_lock lock(table.mutex);
    if (const auto it = table.ids.find(text); it != table.ids.end()) {
      id_ = it->second;
      return;
    }
  }
  std::unique_lock lock(table.mutex);
  if (const auto it = table.ids.find(text); it != table.ids.end()) {
    id_ = it->second;
    return;
  }
  id_ = static_cast<uint32_t>(table.strings.size());
  table.ids.emplace(table.strings.emplace_back(text), id_);
}

const std::string &Interned::str() const {
  InternTable &table = intern_table();
  std::shared_lock lock(table.mutex);
  return table.strings[id_];
}

std::string Origin::role_text() const {
  // The words around the subject, as the layers have always printed them.
  struct Words {
    OriginRole role;
    std::string_view before, after;
  };
  static constexpr Words kWords[] = {
      {OriginRole::SetHere, "", " set here"},
      {OriginRole::SetByPatch, "value set here by a patch", ""},
      {OriginRole::CopiedByReplacement, "value copied here by a replacement", ""},
      {OriginRole::UsedBy, "used by ", ""},
      {OriginRole::WrittenIn, "written here in ", ""},
      {OriginRole::RenderedFrom, "rendered from ", ""},
      {OriginRole::FileContent, "file content", ""},
      {OriginRole::BaseResource, "base resource", ""},
      {OriginRole::Kustomization, "kustomization", ""},
      {OriginRole::DeployedBy, "deployed by ", ""},
      {OriginRole::AlsoDeployedBy, "also deployed by ", ""},
  };
  for (const Words &words : kWords) {
    if (words.role == role) {
      std::string text(words.before);
      text += subject.str();
      text += words.after;
      return text;
    }
  }
  return {};
}

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

/// Whether a segment is a value a template action printed: one that came
/// from elsewhere (a chain of two places or more: a values line then the
/// template, an overlay's newTag then the base), or one with no file of its
/// own (`--set`, a literal in the action), placed at the action alone.
bool is_value(const OriginSegment &segment) {
  return segment.chain.size() >= 2 ||
         (segment.chain.size() == 1 && segment.chain.front().role == OriginRole::UsedBy);
}

/// For a span over several segments (an image written as
/// `{{ .Values.repository }}:{{ .Values.tag }}`), the decisive one: the last
/// value. In an image reference that is the tag, which is what image/host
/// findings are about, even when `--set` gave it.
const OriginSegment *decisive_segment(const GeneratedDocument &document, Span generated) {
  const OriginSegment *first = segment_at(document, generated.begin);
  if (first && generated.end <= first->generated.end) {
    return first;
  }
  const auto &segments = document.origins;
  auto it =
      std::lower_bound(segments.begin(), segments.end(), generated.end,
                       [](const OriginSegment &s, uint32_t value) { return s.generated.begin < value; });
  while (it != segments.begin()) {
    --it;
    if (it->generated.end <= generated.begin) {
      break;
    }
    if (is_value(*it)) {
      return &*it;
    }
  }
  return first;
}

} // namespace

RoutedSpan route_span(const GeneratedDocument &document, Span generated) {
  RoutedSpan routed;
  const OriginSegment *segment = decisive_segment(document, generated);
  if (!segment || segment->chain.empty()) {
    routed.place = document.fallback;
    return routed;
  }
  routed.place = segment->chain.front();
  routed.related.assign(segment->chain.begin() + 1, segment->chain.end());
  const Span seg = segment->generated;
  const Span origin = routed.place.span;
  const bool verbatim = seg.end - seg.begin == origin.end - origin.begin;
  if (verbatim && generated.begin >= seg.begin && generated.end <= seg.end) {
    // A copied value: the same offsets within it.
    routed.place.span = {origin.begin + (generated.begin - seg.begin),
                         origin.begin + (generated.end - seg.begin)};
    routed.exact = true;
  }
  return routed;
}

} // namespace wincompat
