// Helm's releaseutil.SplitManifests, written from its source (helm/helm
// v4.0.0, 99cd1964357c793351be481d55abbe21c6b2f4ec,
// pkg/release/v1/util/manifest.go): the separator is the regular expression
// (?:^|\s*\n)---\s* over the trimmed output, and each piece is trimmed.
#include "manifests.hpp"

namespace wincompat::helm {

namespace {

bool manifests_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

std::vector<std::pair<size_t, size_t>> split_manifests(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && manifests_space(text[begin])) {
    ++begin;
  }
  while (end > begin && manifests_space(text[end - 1])) {
    --end;
  }
  std::vector<std::pair<size_t, size_t>> out;
  auto add = [&](size_t b, size_t e) {
    while (b < e && manifests_space(text[b])) {
      ++b;
    }
    while (e > b && manifests_space(text[e - 1])) {
      --e;
    }
    if (b < e) {
      out.emplace_back(b, e);
    }
  };
  size_t piece = begin;
  if (text.substr(begin, 3) == "---") {
    piece = begin + 3; // ^---
  }
  for (size_t i = piece; i < end; ++i) {
    if (text[i] == '\n' && text.substr(i + 1, 3) == "---" && i + 4 <= end) {
      add(piece, i);
      piece = i + 4;
      i += 3;
    }
  }
  add(piece, end);
  return out;
}

} // namespace wincompat::helm
