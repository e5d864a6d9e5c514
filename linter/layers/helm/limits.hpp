// Bounds on what one chart render may cost: a chart in a pull request is
// untrusted, and Helm's own engine has none of these limits. Every bound of
// the template engine and of chart values is here, with why it has its value;
// docs/hardening.md lists them for users. Past a bound the template (or the
// values file) is a WC910 naming the bound; other templates and files go on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace wincompat::helm {

/// Nesting of a value (maps and lists in maps and lists), checked by every
/// walk over values: toJson, toYaml, toPrettyJson, deepCopy, deepEqual,
/// merge, printing. values.yaml is already cut at --max-yaml-depth (256) and
/// each `include` may wrap its context once more (at most 200 deep), so no
/// real chart comes near; the walks recurse, and 1,000 frames fit any stack.
constexpr size_t kMaxValueDepth = 1000;

/// Values one walk may visit. Lists and maps are shared (`list $l $l` holds
/// $l twice), so a value built by doubling stands for 2^n values while
/// holding n: a walk counts what it visits, not what is allocated.
constexpr uint64_t kMaxWalkValues = 1'000'000;

/// Bytes of one string a function returns (printf, repeat, indent, cat,
/// join, replace, include, toYaml...): as large as a linted file may be
/// (--max-file-size's default), which no rendered manifest needs to pass.
constexpr size_t kMaxStringBytes = 16u << 20;

/// Items of one list or entries of one dict a function returns: `until`
/// and `untilStep` already stopped at this count (a value costs ~200 bytes).
constexpr size_t kMaxItems = 100'000;

/// Bytes of values the functions of one chart render may build in all (the
/// strings they return, ~200 bytes per list item or dict entry): bounds the
/// memory a loop can hold on to (`append` of a 16 MiB string in a range),
/// well under the 1 GiB a run may use. Real charts build a few MiB.
constexpr uint64_t kMaxBuiltBytes = 512ull << 20;

/// Rendered output of one template file.
constexpr size_t kMaxTemplateOutput = 16u << 20;
/// Rendered output of one chart, all templates together: four times a
/// linted file's size limit, what the manifest reader is then given.
constexpr size_t kMaxChartOutput = 64u << 20;

/// Template nodes executed and range iterations in one chart render (the
/// largest public charts take ~100,000).
constexpr uint64_t kMaxSteps = 2'000'000;
/// Wall-clock time of one chart render: a step may call a function that
/// walks a large value, so steps alone do not bound time. Real charts render
/// in well under a second; the bound only stops a hostile loop.
constexpr double kMaxRenderSeconds = 30;

/// Nested `include`/`template`/`tpl` calls (Go's text/template allows
/// 100,000, which overflows a native stack long before).
constexpr size_t kMaxTemplateDepth = 200;

/// Segments of one `--set`/`set:` path (`a.b[0].c` is 4): Helm's strvals
/// parser recurses per segment; values files are cut at 256 levels too.
constexpr size_t kMaxSetPathSegments = 256;

/// A printf width or precision taken from an argument (`%*d`): Go's fmt
/// prints %!(BADWIDTH) / %!(BADPREC) past a million (fmt's tooLarge).
constexpr int64_t kMaxPrintfWidth = 1'000'000;

/// A bound was hit: the message names it and its value.
struct LimitExceeded : std::runtime_error {
  explicit LimitExceeded(const std::string &what) : std::runtime_error(what) {}
};

/// Throws LimitExceeded when a string of `bytes` would pass kMaxStringBytes.
void check_string_size(size_t bytes);

/// One walk over a value (printing, toJson, deepCopy...): call enter() on
/// each value it visits, at its depth (the root is 0).
class ValueWalk {
public:
  void enter(size_t depth) {
    if (depth > kMaxValueDepth) {
      too_deep();
    }
    if (++visited_ > kMaxWalkValues) {
      too_many();
    }
  }

private:
  [[noreturn]] static void too_deep();
  [[noreturn]] static void too_many();
  uint64_t visited_ = 0;
};

} // namespace wincompat::helm
