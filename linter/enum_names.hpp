// Names of enum values: one table per enum and per spelling (the config's
// severity words, SARIF's levels, GitHub's workflow commands), read and
// written by the same two functions instead of a switch and an if-chain
// each (not public API).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace wincompat {

template <typename Enum> struct EnumName {
  Enum value;
  std::string_view name;
};

/// The name of `value` in `names`, or `otherwise` when the table lacks it.
template <typename Enum, size_t N>
constexpr std::string_view name_of(Enum value, const EnumName<Enum> (&names)[N],
                                   std::string_view otherwise = {}) {
  for (const EnumName<Enum> &entry : names) {
    if (entry.value == value) {
      return entry.name;
    }
  }
  return otherwise;
}

/// The value `name` names in `names` (exact spelling), if any.
template <typename Enum, size_t N>
constexpr std::optional<Enum> value_named(std::string_view name, const EnumName<Enum> (&names)[N]) {
  for (const EnumName<Enum> &entry : names) {
    if (entry.name == name) {
      return entry.value;
    }
  }
  return std::nullopt;
}

} // namespace wincompat
