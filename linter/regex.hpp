// A linear-time regular expression engine for patterns that come from the
// linted tree (Helm's regex* functions, kustomize's name regexes): Go's
// regexp syntax (RE2), compiled to a program run by a Pike VM (a Thompson
// NFA with submatch tracking). Time is O(program x input), memory
// O(program x captures), no recursion proportional to the input, and every
// call has a step budget, so no pattern or subject can hang or exhaust the
// process (std::regex backtracks: `(a+)+$` hangs it). Internal, not API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::regex {

/// The limits (docs/hardening.md, "Regular expressions").
/// Largest count in `{n}`, `{n,}`, `{n,m}`: Go's and RE2's limit.
inline constexpr int kMaxRepeat = 1000;
/// Deepest nesting of groups: Go's limit (maxHeight).
inline constexpr int kMaxNesting = 1000;
/// Largest compiled program, in instructions. Repetitions are expanded, so
/// `(x{1000}){1000}` is a million; real charts' patterns are under a few
/// hundred. Matching costs program x input, hence a limit far below Go's.
inline constexpr size_t kMaxInstructions = 20000;
/// Largest program size x capture slots (the Pike VM keeps a capture array
/// per live thread): 4M cells, 32 MB per thread list at most.
inline constexpr size_t kMaxCaptureCells = size_t{4} << 20;
/// Steps (instructions visited) one function call may spend, over all the
/// matches it makes (a regexReplaceAll over a string): under a second in
/// an optimized build; a simple pattern over a megabyte of text takes ~10M.
inline constexpr uint64_t kStepBudget = 100'000'000;

/// A pattern that does not compile; what() is Go's message
/// ("error parsing regexp: missing closing ): `(a`").
struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A match that would cost more than kStepBudget steps.
struct BudgetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The steps left for one call (shared by the matches it makes).
struct Budget {
  uint64_t left = kStepBudget;
};

struct Program;

/// A compiled pattern (cheap to copy; immutable).
class Regex {
public:
  /// Compiles `pattern` (Go's syntax, Perl flags as regexp.Compile); throws SyntaxError.
  explicit Regex(std::string_view pattern);

  /// Number of capture groups (without the whole match).
  size_t groups() const;
  /// Group names by number ("" for group 0 and unnamed groups).
  const std::vector<std::string> &names() const;

  /// Go's MatchString: a match anywhere in `s`.
  bool search(std::string_view s, Budget &budget) const;
  /// Go's doExecute: the leftmost-first match starting at or after `pos`
  /// (context before `pos` counts for `^`, `\b`); 2*(groups+1) byte offsets,
  /// -1 for groups that did not take part, only the first `slots` of them
  /// kept (2: the match's bounds); empty when there is no match.
  std::vector<std::ptrdiff_t> find_at(std::string_view s, size_t pos, size_t slots, Budget &budget) const;
  /// Go's FindAllStringIndex (n < 0: all).
  std::vector<std::pair<size_t, size_t>> find_all(std::string_view s, int64_t n, Budget &budget) const;
  /// Go's ReplaceAllString (`literal`: ReplaceAllLiteralString).
  std::string replace_all(std::string_view s, std::string_view repl, bool literal, Budget &budget) const;
  /// Go's Split (n < 0: all pieces; n == 0: none).
  std::vector<std::string> split(std::string_view s, int64_t n, Budget &budget) const;
  /// Go's Regexp.Expand of `templ` for `match` (offsets into `s`).
  std::string expand(std::string_view templ, std::string_view s,
                     const std::vector<std::ptrdiff_t> &match) const;

private:
  std::shared_ptr<const Program> prog_;
  std::string pattern_;
};

/// A fixed pattern of the program's own (compiled once), matched in linear
/// time with no step budget: for scalars of any length, where std::regex
/// would recurse once per character.
bool fixed_match(const Regex &re, std::string_view s);

/// `s` matches all of `pattern` (kustomize's name regexes). A bad pattern or
/// a spent budget is no match.
bool full_match(std::string_view pattern, std::string_view s);

} // namespace wincompat::regex
