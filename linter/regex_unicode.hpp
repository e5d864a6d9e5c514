// The Unicode general categories for the regex engine's \p classes (internal).
#pragma once

#include <cstddef>
#include <cstdint>

namespace wincompat::regex {

struct CategoryRun {
  char32_t first;
  char32_t last;
  uint8_t category; // index into kCategoryNames
};

extern const char *const kCategoryNames[];
extern const size_t kCategoryCount;
extern const CategoryRun kCategoryRuns[]; // sorted, disjoint
extern const size_t kCategoryRunCount;

} // namespace wincompat::regex
