// "Did you mean": the nearest known word to a mistyped one (options, config
// keys, subcommands).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

/// Levenshtein distance, ignoring ASCII case.
inline size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// The candidate nearest to `word`, or "" when none is a near miss: at most
/// two edits away (one for words of three letters or fewer), or `word` with a
/// letter or two missing at the end, or a case-only difference. The first of
/// equally near candidates wins.
inline std::string nearest_word(std::string_view word, const std::vector<std::string> &candidates) {
  const size_t limit = word.size() <= 3 ? 1 : 2;
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string &candidate : candidates) {
    const size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

} // namespace wincompat
