// A rule's doc file (rules/docs/<code>.md), read into its RuleMeta. The
// files are embedded at build time (cmake/EmbedRuleDocs.cmake).
#pragma once

#include "wincompat/rule.hpp"

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace wincompat {

namespace data {
/// Every rules/docs/*.md: its name (the rule code) and text, sorted by name.
std::span<const std::pair<std::string_view, std::string_view>> rule_docs();
} // namespace data

/// Fills `meta` from a doc file: a front matter of `key: value` lines
/// between `---` lines (name, severity, target, scope, merge, yields-to,
/// example-options), then the sections `## Summary`, `## Rationale`,
/// `## Bad example`, `## Good example` (each a fenced block) and `## Fix`.
/// Prose lines of a paragraph are joined with spaces. Returns what is wrong
/// with the file, if anything. Views in `meta` point into `text` or into
/// `storage`'s strings, which must outlive it.
std::optional<std::string> parse_rule_doc(std::string_view text, RuleMeta &meta,
                                          std::deque<std::string> &storage);

} // namespace wincompat
