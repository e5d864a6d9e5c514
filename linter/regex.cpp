// Go's regexp (RE2 syntax) as a parser, a compiler to a Thompson program and
// a Pike VM. Follows https://pkg.go.dev/regexp/syntax and regexp's Find,
// ReplaceAll, Split and Expand; the comments name where Go differs from
// ECMAScript.
#include "regex.hpp"

#include "regex_unicode.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace wincompat::regex {

namespace {

using Ranges = std::vector<std::pair<char32_t, char32_t>>; // sorted, disjoint after normalize
constexpr char32_t kMaxRune = 0x10FFFF;
constexpr char32_t kRuneError = 0xFFFD;

/// Go's utf8.DecodeRuneInString: invalid or truncated bytes decode as
/// U+FFFD of width 1; the end of the text is width 0.
std::pair<char32_t, size_t> decode(std::string_view s, size_t at) {
  if (at >= s.size()) {
    return {0, 0};
  }
  const auto b0 = static_cast<unsigned char>(s[at]);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  size_t n = 0;
  char32_t r = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, r = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, r = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, r = b0 & 0x07, min = 0x10000;
  } else {
    return {kRuneError, 1};
  }
  if (at + n > s.size()) {
    return {kRuneError, 1};
  }
  for (size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[at + i]);
    if ((b & 0xC0) != 0x80) {
      return {kRuneError, 1};
    }
    r = (r << 6) | (b & 0x3F);
  }
  if (r < min || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) {
    return {kRuneError, 1};
  }
  return {r, n};
}

bool in_ranges(const Ranges &r, char32_t c) {
  size_t lo = 0, hi = r.size();
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (c < r[mid].first) {
      hi = mid;
    } else if (c > r[mid].second) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

void normalize(Ranges &r) {
  std::sort(r.begin(), r.end());
  Ranges out;
  for (const auto &[lo, hi] : r) {
    if (!out.empty() && lo <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, hi);
    } else {
      out.emplace_back(lo, hi);
    }
  }
  r = std::move(out);
}

Ranges negate(const Ranges &r) {
  Ranges out;
  char32_t next = 0;
  for (const auto &[lo, hi] : r) {
    if (lo > next) {
      out.emplace_back(next, lo - 1);
    }
    next = hi + 1;
  }
  if (next <= kMaxRune) {
    out.emplace_back(next, kMaxRune);
  }
  return out;
}

/// Simple case folding (Go's (?i) uses Unicode's fold orbits): ASCII,
/// Latin-1, Latin Extended-A pairs, Greek, Cyrillic, and the orbits that
/// leave a block (K and the Kelvin sign, S and the long s, Å and the
/// Ångström sign, µ and Greek mu, ÿ and Ÿ). Each entry maps [lo, hi] to
/// [lo + delta, hi + delta]; `odd_even` entries map each pair 2k <-> 2k+1.
struct Fold {
  char32_t lo, hi;
  int32_t delta;
};
constexpr std::array<Fold, 21> kFolds{{
    {'A', 'Z', 32},
    {'a', 'z', -32},
    {0xC0, 0xD6, 32},
    {0xD8, 0xDE, 32},
    {0xE0, 0xF6, -32},
    {0xF8, 0xFE, -32},
    {0x391, 0x3A1, 32},
    {0x3A3, 0x3AB, 32},
    {0x3B1, 0x3C1, -32},
    {0x3C3, 0x3CB, -32},
    {0x3C2, 0x3C2, 1},
    {0x410, 0x42F, 32},
    {0x430, 0x44F, -32},
    {0x400, 0x40F, 80},
    {0x450, 0x45F, -80},
    {'k', 'k', 0x212A - 'k'},
    {0x212A, 0x212A, 'K' - 0x212A},
    {'s', 's', 0x17F - 's'},
    {0x17F, 0x17F, 'S' - 0x17F},
    {0xB5, 0xB5, 0x39C - 0xB5},
    {0xFF, 0xFF, 0x178 - 0xFF},
}};

/// Adds every rune that folds to a rune of `r` (to a fixed point).
void add_folds(Ranges &r) {
  for (int round = 0; round < 3; ++round) {
    Ranges extra;
    for (const auto &[lo, hi] : r) {
      for (const Fold &f : kFolds) {
        const char32_t a = std::max(lo, f.lo);
        const char32_t b = std::min(hi, f.hi);
        if (a <= b) {
          extra.emplace_back(static_cast<char32_t>(static_cast<int64_t>(a) + f.delta),
                             static_cast<char32_t>(static_cast<int64_t>(b) + f.delta));
        }
      }
      // Latin Extended-A (U+0100-U+017E): upper/lower pairs on even/odd
      // code points, but U+0130-U+0131 and U+0138-U+0148 shifted by one.
      for (char32_t c = std::max<char32_t>(lo, 0x100); c <= std::min<char32_t>(hi, 0x17E); ++c) {
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149) {
          continue;
        }
        const bool shifted = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        const bool first = shifted ? (c % 2 == 1) : (c % 2 == 0);
        const char32_t other = first ? c + 1 : c - 1;
        extra.emplace_back(other, other);
      }
    }
    const Ranges before = r;
    r.insert(r.end(), extra.begin(), extra.end());
    normalize(r);
    if (r == before) {
      break;
    }
  }
}

enum class Assert : uint8_t { BeginLine, EndLine, BeginText, EndText, WordBoundary, NoWordBoundary };

enum class Kind : uint8_t { Empty, Class, Concat, Alternate, Repeat, Capture, Assertion };

struct Node {
  Kind kind = Kind::Empty;
  uint32_t cls = 0;           // Class: index into the class table
  std::vector<uint32_t> kids; // Concat, Alternate: several; Repeat, Capture: one
  int min = 0, max = 0;       // Repeat: max -1 is unbounded
  bool greedy = true;
  uint32_t cap = 0; // Capture: group number
  Assert assertion = Assert::BeginText;
};

struct Flags {
  bool fold = false;      // i
  bool multiline = false; // m
  bool dot_nl = false;    // s
  bool ungreedy = false;  // U
};

} // namespace

enum class Op : uint8_t { Rune, Match, Split, Jmp, Save, Check, Fail };

struct Inst {
  Op op = Op::Fail;
  uint32_t x = 0; // Rune: class; Split: preferred branch; Jmp: target; Save: slot; Check: Assert
  uint32_t y = 0; // Split: the other branch
};

struct Program {
  std::vector<Inst> code;
  std::vector<Ranges> classes;
  std::vector<std::string> names; // by group number
  size_t groups = 0;
  size_t start = 0;
};

namespace {

std::string quoted(std::string_view code, std::string_view expr) {
  return "error parsing regexp: " + std::string(code) + ": `" + std::string(expr) + "`";
}

[[noreturn]] void fail(std::string_view code, std::string_view expr) {
  throw SyntaxError(quoted(code, expr));
}

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/// \b and \B: ASCII word characters, as Go.
bool is_word_byte(unsigned char c) {
  return is_ascii_alnum(c) || c == '_';
}

/// ASCII classes of Go's syntax: Perl (\d \s \w) and POSIX ([:alpha:]).
std::optional<Ranges> ascii_class(std::string_view name) {
  static const std::vector<std::pair<std::string_view, Ranges>> kClasses = {
      {"d", {{'0', '9'}}},
      {"s", {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}}},
      {"w", {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}},
      {"alnum", {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}}},
      {"alpha", {{'A', 'Z'}, {'a', 'z'}}},
      {"ascii", {{0, 0x7F}}},
      {"blank", {{'\t', '\t'}, {' ', ' '}}},
      {"cntrl", {{0, 0x1F}, {0x7F, 0x7F}}},
      {"digit", {{'0', '9'}}},
      {"graph", {{'!', '~'}}},
      {"lower", {{'a', 'z'}}},
      {"print", {{' ', '~'}}},
      {"punct", {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}}},
      {"space", {{'\t', '\r'}, {' ', ' '}}},
      {"upper", {{'A', 'Z'}}},
      {"word", {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}},
      {"xdigit", {{'0', '9'}, {'A', 'F'}, {'a', 'f'}}},
  };
  for (const auto &[n, r] : kClasses) {
    if (n == name) {
      return r;
    }
  }
  return std::nullopt;
}

/// \p{name}: Any, a general category (L, Lu, ...). Scripts are not supported.
std::optional<Ranges> unicode_class(std::string_view raw) {
  // Go's canonicalName: no _ - or space, first letter upper, the rest lower.
  std::string name;
  for (char c : raw) {
    if (c == '_' || c == '-' || c == ' ') {
      continue;
    }
    name += name.empty() ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                         : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (name == "Any") {
    return Ranges{{0, kMaxRune}};
  }
  if (name == "Ascii") {
    return Ranges{{0, 0x7F}};
  }
  if (name == "Lc") { // cased letters
    Ranges out = *unicode_class("Lu");
    for (const char *extra : {"Ll", "Lt"}) {
      const Ranges more = *unicode_class(extra);
      out.insert(out.end(), more.begin(), more.end());
    }
    normalize(out);
    return out;
  }
  if (name.empty() || name.size() > 2) {
    return std::nullopt;
  }
  Ranges out;
  bool known = false;
  for (size_t c = 0; c < kCategoryCount; ++c) {
    const std::string_view cat = kCategoryNames[c];
    if (cat.substr(0, name.size()) != name) {
      continue;
    }
    known = true;
    for (size_t i = 0; i < kCategoryRunCount; ++i) {
      if (kCategoryRuns[i].category == c) {
        out.emplace_back(kCategoryRuns[i].first, kCategoryRuns[i].last);
      }
    }
  }
  if (!known) {
    return std::nullopt;
  }
  normalize(out);
  return out;
}

/// A class escape or POSIX class: its positive ranges and a sign. Go
/// folds the positive ranges before negating (so `(?i)\W` keeps out `k`).
struct Group {
  Ranges ranges;
  bool negated = false;
};

Ranges apply(Group g, bool fold) {
  if (fold) {
    add_folds(g.ranges);
  }
  normalize(g.ranges);
  return g.negated ? negate(g.ranges) : std::move(g.ranges);
}

class Parser {
public:
  Parser(std::string_view pattern, Program &prog, std::vector<Node> &nodes)
      : whole_(pattern), prog_(prog), nodes_(nodes) {}

  uint32_t parse() {
    // Go checks the pattern is UTF-8 first.
    for (size_t i = 0; i < whole_.size();) {
      const auto [r, w] = decode(whole_, i);
      if (r == kRuneError && w == 1) {
        fail("invalid UTF-8", whole_.substr(i));
      }
      i += w;
    }
    Flags flags;
    const uint32_t root = parse_alternate(flags, 0);
    if (at_ < whole_.size()) { // only a `)` stops the top level
      fail("unexpected )", whole_);
    }
    return root;
  }

private:
  uint32_t add(Node n) {
    // Nearly every node becomes an instruction: stop a huge pattern here,
    // before its tree takes the memory the program limit is there to save.
    if (nodes_.size() > 2 * kMaxInstructions) {
      fail("expression too large", whole_);
    }
    nodes_.push_back(std::move(n));
    return static_cast<uint32_t>(nodes_.size() - 1);
  }
  uint32_t add_class(Ranges r, bool fold) {
    if (fold) {
      add_folds(r);
    }
    normalize(r);
    prog_.classes.push_back(std::move(r));
    Node n;
    n.kind = Kind::Class;
    n.cls = static_cast<uint32_t>(prog_.classes.size() - 1);
    return add(std::move(n));
  }
  uint32_t add_assert(Assert a) {
    Node n;
    n.kind = Kind::Assertion;
    n.assertion = a;
    return add(std::move(n));
  }
  bool more() const {
    return at_ < whole_.size();
  }
  char peek() const {
    return whole_[at_];
  }
  char32_t next_rune() {
    const auto [r, w] = decode(whole_, at_);
    at_ += w;
    return r;
  }

  uint32_t parse_alternate(Flags &flags, int depth) {
    if (depth > kMaxNesting) {
      fail("expression nests too deeply", whole_);
    }
    std::vector<uint32_t> branches{parse_concat(flags, depth)};
    while (more() && peek() == '|') {
      ++at_;
      branches.push_back(parse_concat(flags, depth));
    }
    if (branches.size() == 1) {
      return branches[0];
    }
    Node n;
    n.kind = Kind::Alternate;
    n.kids = std::move(branches);
    return add(std::move(n));
  }

  uint32_t parse_concat(Flags &flags, int depth) {
    Node cat;
    cat.kind = Kind::Concat;
    // Where the last operand and the last repetition operator began (Go
    // reports `**` and `missing argument` with the operator's text).
    bool have_operand = false;
    size_t last_repeat = std::string::npos;
    while (more() && peek() != '|' && peek() != ')') {
      const size_t op_start = at_;
      const char c = peek();
      int min = -2, max = -2;
      if (c == '*' || c == '+' || c == '?') {
        ++at_;
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : -1;
      } else if (c == '{') {
        const size_t save = at_;
        if (!parse_repeat(min, max)) {
          at_ = save; // not a repetition: a literal `{`
          min = max = -2;
        }
      }
      if (min != -2) {
        bool greedy = true;
        if (more() && peek() == '?') {
          ++at_;
          greedy = false;
        }
        if (c == '{' && (min > kMaxRepeat || max > kMaxRepeat || (max >= 0 && min > max))) {
          fail("invalid repeat count", whole_.substr(op_start, at_ - op_start - (greedy ? 0 : 1)));
        }
        if (last_repeat != std::string::npos) {
          fail("invalid nested repetition operator", whole_.substr(last_repeat, at_ - last_repeat));
        }
        if (!have_operand) {
          fail("missing argument to repetition operator", whole_.substr(op_start, at_ - op_start));
        }
        Node rep;
        rep.kind = Kind::Repeat;
        rep.min = min;
        rep.max = max;
        rep.greedy = greedy != flags.ungreedy;
        rep.kids = {cat.kids.back()};
        cat.kids.back() = add(std::move(rep));
        // Go: nested counted repetitions multiply, and their product is
        // limited too (`(a{100}){100}` is an invalid repeat count).
        if (c == '{' && (min >= 2 || max >= 2) && !repeat_is_valid(cat.kids.back(), kMaxRepeat)) {
          fail("invalid repeat count", whole_.substr(op_start, at_ - op_start));
        }
        last_repeat = op_start;
        continue;
      }
      last_repeat = std::string::npos;
      if (whole_.compare(at_, 2, "\\Q") == 0) { // literal text up to \E, one rune at a time
        at_ += 2;
        const size_t end = whole_.find("\\E", at_);
        const size_t stop = end == std::string_view::npos ? whole_.size() : end;
        while (at_ < stop) {
          const char32_t r = next_rune();
          cat.kids.push_back(add_class({{r, r}}, flags.fold));
          have_operand = true;
        }
        at_ = end == std::string_view::npos ? whole_.size() : end + 2;
        continue;
      }
      const std::optional<uint32_t> atom = parse_atom(flags, depth);
      if (atom) {
        cat.kids.push_back(*atom);
        have_operand = true;
      }
    }
    if (cat.kids.size() == 1) {
      return cat.kids[0];
    }
    if (cat.kids.empty()) {
      return add(Node{});
    }
    return add(std::move(cat));
  }

  /// Go's repeatIsValid: at most `n` copies of the innermost operand.
  bool repeat_is_valid(uint32_t id, int n) const {
    const Node &re = nodes_[id];
    if (re.kind == Kind::Repeat) {
      int m = re.max;
      if (m == 0) {
        return true;
      }
      if (m < 0) {
        m = re.min;
      }
      if (m > n) {
        return false;
      }
      if (m > 0) {
        n /= m;
      }
    }
    return std::all_of(re.kids.begin(), re.kids.end(), [&](uint32_t k) { return repeat_is_valid(k, n); });
  }

  /// `{n}`, `{n,}`, `{n,m}` at at_ (false: not one, a literal `{`).
  bool parse_repeat(int &min, int &max) {
    ++at_; // {
    auto number = [&](int &out) {
      const size_t begin = at_;
      int64_t v = 0;
      while (more() && std::isdigit(static_cast<unsigned char>(peek()))) {
        v = std::min<int64_t>(v * 10 + (peek() - '0'), 100000000);
        ++at_;
      }
      if (at_ == begin || (at_ - begin > 1 && whole_[begin] == '0')) { // Go: no leading zeros
        return false;
      }
      out = static_cast<int>(v);
      return true;
    };
    if (!number(min)) {
      return false;
    }
    max = min;
    if (more() && peek() == ',') {
      ++at_;
      if (more() && peek() == '}') {
        max = -1;
      } else if (!number(max)) {
        return false;
      }
    }
    if (!more() || peek() != '}') {
      return false;
    }
    ++at_;
    return true;
  }

  /// One atom; nullopt for a flag group `(?i)` that only changes flags.
  std::optional<uint32_t> parse_atom(Flags &flags, int depth) {
    const char c = peek();
    switch (c) {
    case '(':
      return parse_group(flags, depth);
    case '[':
      return parse_class(flags);
    case '.': {
      ++at_;
      Ranges r = flags.dot_nl ? Ranges{{0, kMaxRune}} : Ranges{{0, '\n' - 1}, {'\n' + 1, kMaxRune}};
      return add_class(std::move(r), false);
    }
    case '^':
      ++at_;
      return add_assert(flags.multiline ? Assert::BeginLine : Assert::BeginText);
    case '$':
      ++at_;
      return add_assert(flags.multiline ? Assert::EndLine : Assert::EndText);
    case '\\':
      return parse_backslash(flags);
    default: {
      const char32_t r = next_rune();
      return add_class({{r, r}}, flags.fold);
    }
    }
  }

  std::optional<uint32_t> parse_group(Flags &flags, int depth) {
    const size_t open = at_;
    ++at_; // (
    std::string name;
    bool capture = true;
    Flags inner = flags;
    if (more() && peek() == '?') {
      // (?P<name>re), (?<name>re), (?flags), (?flags:re)
      if (whole_.compare(at_, 3, "?P<") == 0 || whole_.compare(at_, 2, "?<") == 0) {
        at_ += whole_[at_ + 1] == 'P' ? 3 : 2;
        const size_t close = whole_.find('>', at_);
        if (close == std::string_view::npos) {
          fail("invalid named capture", whole_.substr(open));
        }
        name = std::string(whole_.substr(at_, close - at_));
        const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
          return is_word_byte(static_cast<unsigned char>(ch));
        });
        if (!valid) {
          fail("invalid named capture", whole_.substr(open, close + 1 - open));
        }
        at_ = close + 1;
      } else {
        ++at_; // ?
        bool negated = false;
        bool saw_flag = false;
        while (true) { // Go's parsePerlFlags
          if (!more()) {
            fail("invalid or unsupported Perl syntax", whole_.substr(open));
          }
          const char f = peek();
          ++at_;
          if (f == 'i' || f == 'm' || f == 's' || f == 'U') {
            bool &flag = f == 'i'   ? inner.fold
                         : f == 'm' ? inner.multiline
                         : f == 's' ? inner.dot_nl
                                    : inner.ungreedy;
            flag = !negated;
            saw_flag = true;
            continue;
          }
          if (f == '-' && !negated) {
            negated = true;
            saw_flag = false;
            continue;
          }
          if ((f == ':' || f == ')') && (!negated || saw_flag)) {
            if (f == ')') { // (?flags): for the rest of the current group
              flags = inner;
              return std::nullopt;
            }
            capture = false;
            break;
          }
          fail("invalid or unsupported Perl syntax", whole_.substr(open, at_ - open));
        }
      }
    }
    uint32_t number = 0;
    if (capture) {
      number = static_cast<uint32_t>(++prog_.groups);
      prog_.names.push_back(name);
    }
    const uint32_t body = parse_alternate(inner, depth + 1);
    if (!more() || peek() != ')') {
      fail("missing closing )", whole_);
    }
    ++at_;
    if (!capture) {
      return body;
    }
    Node n;
    n.kind = Kind::Capture;
    n.cap = number;
    n.kids = {body};
    return add(std::move(n));
  }

  /// \p{Name}, \pN, \P..., with `^` negation inside braces; at_ is on `p`/`P`.
  Group parse_unicode_class(size_t escape_start) {
    const bool negated_p = peek() == 'P';
    ++at_;
    if (!more()) {
      fail("invalid character class range", whole_.substr(escape_start));
    }
    std::string_view name;
    if (peek() == '{') {
      const size_t close = whole_.find('}', at_);
      if (close == std::string_view::npos) {
        fail("invalid character class range", whole_.substr(escape_start));
      }
      name = whole_.substr(at_ + 1, close - at_ - 1);
      at_ = close + 1;
    } else {
      const size_t begin = at_;
      next_rune();
      name = whole_.substr(begin, at_ - begin);
    }
    bool negated = negated_p;
    if (!name.empty() && name[0] == '^') {
      negated = !negated;
      name.remove_prefix(1);
    }
    const std::optional<Ranges> r = unicode_class(name);
    if (!r) {
      // Go knows scripts (\p{Greek}); this engine only general categories.
      fail("invalid character class range", whole_.substr(escape_start, at_ - escape_start));
    }
    return {*r, negated};
  }

  /// An escape that stands for a rune; at_ is after the backslash.
  char32_t parse_escape_rune(size_t escape_start) {
    if (!more()) {
      fail("trailing backslash at end of expression", "");
    }
    const char32_t c = next_rune();
    switch (c) {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      if (!more() || peek() < '0' || peek() > '7') {
        break; // a backreference: not supported
      }
      [[fallthrough]];
    case '0': {
      char32_t r = c - '0';
      for (int i = 1; i < 3 && more() && peek() >= '0' && peek() <= '7'; ++i) {
        r = r * 8 + static_cast<char32_t>(peek() - '0');
        ++at_;
      }
      return r;
    }
    case 'x': {
      if (!more()) {
        break;
      }
      auto hex = [](char h) -> int {
        if (!std::isxdigit(static_cast<unsigned char>(h))) {
          return -1;
        }
        return h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10;
      };
      if (peek() == '{') {
        ++at_;
        char32_t r = 0;
        int digits = 0;
        while (more() && hex(peek()) >= 0) {
          r = r * 16 + static_cast<char32_t>(hex(peek()));
          ++at_;
          if (++digits > 8 || r > kMaxRune) {
            break;
          }
        }
        if (digits == 0 || r > kMaxRune || !more() || peek() != '}') {
          break;
        }
        ++at_;
        return r;
      }
      if (at_ + 1 >= whole_.size() || hex(whole_[at_]) < 0 || hex(whole_[at_ + 1]) < 0) {
        at_ = std::min(at_ + 2, whole_.size());
        break;
      }
      const auto r = static_cast<char32_t>(hex(whole_[at_]) * 16 + hex(whole_[at_ + 1]));
      at_ += 2;
      return r;
    }
    case 'a':
      return 7;
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      if (c < 0x80 && !is_ascii_alnum(c)) {
        return c; // escaped punctuation
      }
    }
    fail("invalid escape sequence", whole_.substr(escape_start, at_ - escape_start));
  }

  /// A class escape (\d \pL ...) at at_ (after the backslash), if it is one.
  std::optional<Group> parse_class_escape(size_t escape_start) {
    if (!more()) {
      return std::nullopt;
    }
    const char c = peek();
    if (c == 'd' || c == 's' || c == 'w' || c == 'D' || c == 'S' || c == 'W') {
      ++at_;
      const bool upper = c == 'D' || c == 'S' || c == 'W';
      return Group{*ascii_class(std::string(1, upper ? static_cast<char>(c + 32) : c)), upper};
    }
    if (c == 'p' || c == 'P') {
      return parse_unicode_class(escape_start);
    }
    return std::nullopt;
  }

  uint32_t parse_backslash(Flags &flags) {
    const size_t start = at_;
    ++at_;
    static constexpr std::array<std::pair<char, Assert>, 4> kAssertions{{{'A', Assert::BeginText},
                                                                         {'z', Assert::EndText},
                                                                         {'b', Assert::WordBoundary},
                                                                         {'B', Assert::NoWordBoundary}}};
    for (const auto &[letter, assertion] : kAssertions) {
      if (more() && peek() == letter) {
        ++at_;
        return add_assert(assertion);
      }
    }
    if (std::optional<Group> g = parse_class_escape(start)) {
      return add_class(apply(std::move(*g), flags.fold), false);
    }
    const char32_t r = parse_escape_rune(start);
    return add_class({{r, r}}, flags.fold);
  }

  uint32_t parse_class(const Flags &flags) {
    const size_t open = at_;
    ++at_; // [
    bool negated = false;
    if (more() && peek() == '^') {
      negated = true;
      ++at_;
    }
    Ranges r;
    bool first = true;
    while (true) {
      if (!more()) {
        fail("missing closing ]", whole_.substr(open));
      }
      if (peek() == ']' && !first) {
        ++at_;
        break;
      }
      first = false;
      // [:alpha:] and [:^alpha:]
      if (peek() == '[' && whole_.compare(at_, 2, "[:") == 0) {
        const size_t close = whole_.find(":]", at_ + 2);
        if (close != std::string_view::npos) {
          std::string_view name = whole_.substr(at_ + 2, close - at_ - 2);
          const bool neg = !name.empty() && name[0] == '^';
          if (neg) {
            name.remove_prefix(1);
          }
          const std::optional<Ranges> posix =
              name == "d" || name == "s" || name == "w" ? std::nullopt : ascii_class(name);
          if (!posix) {
            fail("invalid character class range", whole_.substr(at_, close + 2 - at_));
          }
          const Ranges add = apply({*posix, neg}, flags.fold);
          r.insert(r.end(), add.begin(), add.end());
          at_ = close + 2;
          continue;
        }
      }
      const size_t item = at_;
      char32_t lo = 0;
      if (peek() == '\\') {
        ++at_;
        if (std::optional<Group> esc = parse_class_escape(item)) {
          const Ranges add = apply(std::move(*esc), flags.fold);
          r.insert(r.end(), add.begin(), add.end());
          continue;
        }
        lo = parse_escape_rune(item);
      } else {
        lo = next_rune();
      }
      char32_t hi = lo;
      if (more() && peek() == '-' && at_ + 1 < whole_.size() && whole_[at_ + 1] != ']') {
        ++at_;
        if (peek() == '\\') {
          const size_t esc = at_;
          ++at_;
          hi = parse_escape_rune(esc);
        } else {
          hi = next_rune();
        }
        if (hi < lo) {
          fail("invalid character class range", whole_.substr(item, at_ - item));
        }
      }
      const Ranges add = apply({{{lo, hi}}, false}, flags.fold);
      r.insert(r.end(), add.begin(), add.end());
    }
    normalize(r);
    if (negated) {
      r = negate(r);
    }
    // `[^a]` matches a newline (unlike `.`), as in Go.
    return add_class(std::move(r), false);
  }

  std::string_view whole_;
  size_t at_ = 0;
  Program &prog_;
  std::vector<Node> &nodes_;
};

class Compiler {
public:
  Compiler(Program &prog, const std::vector<Node> &nodes) : prog_(prog), nodes_(nodes) {}

  void compile(uint32_t root) {
    emit({Op::Save, 0, 0});
    node(root);
    emit({Op::Save, 1, 0});
    emit({Op::Match, 0, 0});
  }

private:
  uint32_t emit(Inst i) {
    if (prog_.code.size() >= kMaxInstructions) {
      throw SyntaxError("");
    }
    prog_.code.push_back(i);
    return static_cast<uint32_t>(prog_.code.size() - 1);
  }
  uint32_t pc() const {
    return static_cast<uint32_t>(prog_.code.size());
  }

  void node(uint32_t id) {
    const Node &n = nodes_[id];
    switch (n.kind) {
    case Kind::Empty:
      return;
    case Kind::Class:
      emit({prog_.classes[n.cls].empty() ? Op::Fail : Op::Rune, n.cls, 0});
      return;
    case Kind::Assertion:
      emit({Op::Check, static_cast<uint32_t>(n.assertion), 0});
      return;
    case Kind::Capture:
      emit({Op::Save, 2 * n.cap, 0});
      node(n.kids[0]);
      emit({Op::Save, 2 * n.cap + 1, 0});
      return;
    case Kind::Concat:
      for (uint32_t k : n.kids) {
        node(k);
      }
      return;
    case Kind::Alternate: {
      // split L1, next; L1: a; jmp end; next: split L2, ... last
      std::vector<uint32_t> jumps;
      for (size_t i = 0; i + 1 < n.kids.size(); ++i) {
        const uint32_t split = emit({Op::Split, 0, 0});
        prog_.code[split].x = pc();
        node(n.kids[i]);
        jumps.push_back(emit({Op::Jmp, 0, 0}));
        prog_.code[split].y = pc();
      }
      node(n.kids.back());
      for (uint32_t j : jumps) {
        prog_.code[j].x = pc();
      }
      return;
    }
    case Kind::Repeat:
      repeat(n);
      return;
    }
  }

  /// A split preferring `first` when greedy.
  void set_split(uint32_t at, uint32_t loop, uint32_t out, bool greedy) {
    prog_.code[at].x = greedy ? loop : out;
    prog_.code[at].y = greedy ? out : loop;
  }

  /// Can the node match the empty string?
  bool nullable(uint32_t id) const {
    const Node &n = nodes_[id];
    switch (n.kind) {
    case Kind::Empty:
    case Kind::Assertion:
      return true;
    case Kind::Class:
      return false;
    case Kind::Alternate:
      return std::any_of(n.kids.begin(), n.kids.end(), [&](uint32_t k) { return nullable(k); });
    case Kind::Repeat:
      return n.min == 0 || nullable(n.kids[0]);
    case Kind::Concat:
    case Kind::Capture:
      break;
    }
    return std::all_of(n.kids.begin(), n.kids.end(), [&](uint32_t k) { return nullable(k); });
  }

  /// x+ : x, then a split back to it.
  void plus(uint32_t kid, bool greedy) {
    const uint32_t begin = pc();
    node(kid);
    const uint32_t split = emit({Op::Split, 0, 0});
    set_split(split, begin, pc(), greedy);
  }

  void star(uint32_t kid, bool greedy) {
    if (nullable(kid)) { // Go compiles x* as (x+)? then, for its submatches (golang.org/issue/46123)
      const uint32_t quest = emit({Op::Split, 0, 0});
      plus(kid, greedy);
      set_split(quest, quest + 1, pc(), greedy);
      return;
    }
    const uint32_t split = emit({Op::Split, 0, 0});
    node(kid);
    emit({Op::Jmp, split, 0});
    set_split(split, split + 1, pc(), greedy);
  }

  void repeat(const Node &n) {
    const uint32_t kid = n.kids[0];
    for (int i = 0; i < n.min; ++i) {
      if (i == n.min - 1 && n.max == -1) { // x{n,}: n-1 copies, then x+
        plus(kid, n.greedy);
        return;
      }
      node(kid);
    }
    if (n.max == -1) {
      star(kid, n.greedy);
      return;
    }
    // (x(x(x)?)?)? for the optional copies.
    std::vector<uint32_t> splits;
    for (int i = n.min; i < n.max; ++i) {
      splits.push_back(emit({Op::Split, 0, 0}));
      node(kid);
    }
    for (uint32_t s : splits) {
      set_split(s, s + 1, pc(), n.greedy);
    }
  }

  Program &prog_;
  const std::vector<Node> &nodes_;
};

/// The Pike VM: threads in priority order, one capture array each.
class Machine {
public:
  Machine(const Program &prog, std::string_view s, size_t slots, Budget &budget)
      : prog_(prog), s_(s), slots_(slots),
        budget_(budget), lists_{List(prog.code.size()), List(prog.code.size())}, work_(slots, -1) {}

  /// The leftmost-first match at or after `pos` (nullopt: none); with
  /// `first_only`, any match (MatchString).
  std::optional<std::vector<std::ptrdiff_t>> run(size_t pos, bool first_only) {
    List *cur = &lists_[0];
    List *next = &lists_[1];
    cur->clear();
    std::optional<std::vector<std::ptrdiff_t>> matched;
    for (size_t p = pos;;) {
      if (!matched) { // a new thread at each position, below the others
        std::fill(work_.begin(), work_.end(), -1);
        add(*cur, static_cast<uint32_t>(prog_.start), p);
      } else if (cur->size == 0) {
        break;
      }
      const auto [r, w] = decode(s_, p);
      next->clear();
      for (size_t i = 0; i < cur->size; ++i) {
        spend(1);
        const Inst &inst = prog_.code[cur->pcs[i]];
        if (inst.op == Op::Match) {
          matched.emplace(cur->caps.begin() + static_cast<std::ptrdiff_t>(i * slots_),
                          cur->caps.begin() + static_cast<std::ptrdiff_t>((i + 1) * slots_));
          if (first_only) {
            return matched;
          }
          break; // lower-priority threads lose (leftmost-first)
        }
        if (inst.op == Op::Rune && w > 0 && in_ranges(prog_.classes[inst.x], r)) {
          std::copy_n(cur->caps.begin() + static_cast<std::ptrdiff_t>(i * slots_), slots_, work_.begin());
          add(*next, cur->pcs[i] + 1, p + w);
        }
      }
      std::swap(cur, next);
      if (w == 0) { // the end of the text
        break;
      }
      p += w;
    }
    return matched;
  }

private:
  /// A branch still to follow, or a capture to restore when its branch is done.
  struct Entry {
    uint32_t pc;
    bool restore;
    uint32_t slot;
    std::ptrdiff_t old;
  };
  struct List {
    explicit List(size_t n) : dense(n), sparse(n), pcs(n) {}
    std::vector<uint32_t> dense; // visited program counters, in order
    std::vector<uint32_t> sparse;
    size_t visited = 0;
    std::vector<uint32_t> pcs; // threads waiting for a rune or at Match, in priority order
    size_t size = 0;
    std::vector<std::ptrdiff_t> caps; // size x slots, grown as threads come (few are alive at once)
    void clear() {
      visited = 0;
      size = 0;
    }
    bool mark(uint32_t pc) { // false when already visited
      const uint32_t i = sparse[pc];
      if (i < visited && dense[i] == pc) {
        return false;
      }
      sparse[pc] = static_cast<uint32_t>(visited);
      dense[visited++] = pc;
      return true;
    }
  };

  void spend(uint64_t n) {
    if (budget_.left < n) {
      throw BudgetError("regular expression step budget (" + std::to_string(kStepBudget) +
                        " steps) exceeded");
    }
    budget_.left -= n;
  }

  bool check(Assert a, size_t p) const {
    const bool at_begin = p == 0;
    const bool at_end = p == s_.size();
    if (a == Assert::BeginText || a == Assert::BeginLine) { // ^ in (?m): also after a newline
      return at_begin || (a == Assert::BeginLine && s_[p - 1] == '\n');
    }
    if (a == Assert::EndText || a == Assert::EndLine) { // $ in (?m): also before a newline
      return at_end || (a == Assert::EndLine && s_[p] == '\n');
    }
    const bool before = !at_begin && is_word_byte(static_cast<unsigned char>(s_[p - 1]));
    const bool after = !at_end && is_word_byte(static_cast<unsigned char>(s_[p]));
    return (before != after) == (a == Assert::WordBoundary);
  }

  /// Adds the thread at `pc0` (captures in work_) and every thread its
  /// empty-width instructions lead to, in priority order, without recursion.
  void add(List &list, uint32_t pc0, size_t p) {
    stack_.clear();
    stack_.push_back({pc0, false, 0, 0});
    while (!stack_.empty()) {
      const Entry e = stack_.back();
      stack_.pop_back();
      if (e.restore) {
        work_[e.slot] = e.old;
        continue;
      }
      uint32_t pc = e.pc;
      while (list.mark(pc)) {
        spend(1);
        const Inst &inst = prog_.code[pc];
        if (inst.op == Op::Jmp) {
          pc = inst.x;
        } else if (inst.op == Op::Split) {
          stack_.push_back({inst.y, false, 0, 0});
          pc = inst.x;
        } else if (inst.op == Op::Save) {
          if (inst.x < slots_) {
            stack_.push_back({0, true, inst.x, work_[inst.x]});
            work_[inst.x] = static_cast<std::ptrdiff_t>(p);
          }
          ++pc;
        } else if (inst.op == Op::Check) {
          if (!check(static_cast<Assert>(inst.x), p)) {
            break;
          }
          ++pc;
        } else if (inst.op == Op::Fail) {
          break;
        } else { // Rune, Match: a thread
          list.pcs[list.size] = pc;
          if (list.caps.size() < (list.size + 1) * slots_) {
            list.caps.resize(std::max(list.caps.size() * 2, (list.size + 1) * slots_));
          }
          std::copy_n(work_.begin(), slots_,
                      list.caps.begin() + static_cast<std::ptrdiff_t>(list.size * slots_));
          ++list.size;
          break;
        }
      }
    }
  }

  const Program &prog_;
  std::string_view s_;
  size_t slots_;
  Budget &budget_;
  std::array<List, 2> lists_;
  std::vector<std::ptrdiff_t> work_;
  std::vector<Entry> stack_;
};

} // namespace

Regex::Regex(std::string_view pattern) : pattern_(pattern) {
  auto prog = std::make_shared<Program>();
  prog->names.emplace_back();
  std::vector<Node> nodes;
  const uint32_t root = Parser(pattern, *prog, nodes).parse();
  try {
    Compiler(*prog, nodes).compile(root);
  } catch (const SyntaxError &) {
    fail("expression too large", pattern);
  }
  if (prog->code.size() * 2 * (prog->groups + 1) > kMaxCaptureCells) {
    fail("expression too large", pattern);
  }
  prog_ = std::move(prog);
}

size_t Regex::groups() const {
  return prog_->groups;
}

const std::vector<std::string> &Regex::names() const {
  return prog_->names;
}

bool Regex::search(std::string_view s, Budget &budget) const {
  return Machine(*prog_, s, 0, budget).run(0, true).has_value();
}

std::vector<std::ptrdiff_t> Regex::find_at(std::string_view s, size_t pos, size_t slots,
                                           Budget &budget) const {
  slots = std::min(slots, 2 * (prog_->groups + 1));
  std::optional<std::vector<std::ptrdiff_t>> m = Machine(*prog_, s, slots, budget).run(pos, false);
  return m ? std::move(*m) : std::vector<std::ptrdiff_t>{};
}

std::vector<std::pair<size_t, size_t>> Regex::find_all(std::string_view s, int64_t n, Budget &budget) const {
  std::vector<std::pair<size_t, size_t>> out;
  if (n < 0) {
    n = static_cast<int64_t>(s.size()) + 1;
  }
  Machine machine(*prog_, s, 2, budget);
  std::ptrdiff_t prev_end = -1;
  for (size_t pos = 0; static_cast<int64_t>(out.size()) < n && pos <= s.size();) {
    const std::optional<std::vector<std::ptrdiff_t>> m = machine.run(pos, false);
    if (!m) {
      break;
    }
    const auto begin = static_cast<size_t>((*m)[0]);
    const auto end = static_cast<size_t>((*m)[1]);
    bool accept = true;
    if (end == pos) { // an empty match: not right after a match; then one rune on
      if ((*m)[0] == prev_end) {
        accept = false;
      }
      const size_t width = decode(s, pos).second;
      pos = width > 0 ? pos + width : s.size() + 1;
    } else {
      pos = end;
    }
    prev_end = (*m)[1];
    if (accept) {
      out.emplace_back(begin, end);
    }
  }
  return out;
}

std::string Regex::expand(std::string_view templ, std::string_view s,
                          const std::vector<std::ptrdiff_t> &match) const {
  std::string out;
  auto group = [&](size_t i) {
    if (2 * i + 1 < match.size() && match[2 * i] >= 0) {
      out.append(
          s.substr(static_cast<size_t>(match[2 * i]), static_cast<size_t>(match[2 * i + 1] - match[2 * i])));
    }
  };
  while (!templ.empty()) {
    const size_t dollar = templ.find('$');
    if (dollar == std::string_view::npos) {
      break;
    }
    out.append(templ.substr(0, dollar));
    templ.remove_prefix(dollar + 1);
    if (!templ.empty() && templ[0] == '$') { // $$ is $
      out += '$';
      templ.remove_prefix(1);
      continue;
    }
    // Go's extract: a name of letters, digits and _, maybe in braces.
    std::string_view rest = templ;
    const bool brace = !rest.empty() && rest[0] == '{';
    if (brace) {
      rest.remove_prefix(1);
    }
    size_t i = 0;
    while (i < rest.size()) {
      const auto [r, w] = decode(rest, i);
      // unicode.IsLetter, unicode.IsDigit or _
      static const Ranges kNameRunes = [] {
        Ranges l = *unicode_class("L");
        const Ranges d = *unicode_class("Nd");
        l.insert(l.end(), d.begin(), d.end());
        l.emplace_back('_', '_');
        normalize(l);
        return l;
      }();
      if (!in_ranges(kNameRunes, r)) {
        break;
      }
      i += w;
    }
    const std::string_view name = rest.substr(0, i);
    if (i == 0 || (brace && (i >= rest.size() || rest[i] != '}'))) {
      out += '$'; // malformed: the $ is text
      continue;
    }
    templ = rest.substr(i + (brace ? 1 : 0));
    int64_t num = 0;
    for (char c : name) {
      if (c < '0' || c > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (c - '0');
    }
    if (name[0] == '0' && name.size() > 1) {
      num = -1;
    }
    if (num >= 0) {
      group(static_cast<size_t>(num));
    } else {
      for (size_t g = 0; g < prog_->names.size(); ++g) {
        if (prog_->names[g] == name && 2 * g + 1 < match.size() && match[2 * g] >= 0) {
          group(g);
          break;
        }
      }
    }
  }
  out.append(templ);
  return out;
}

std::string Regex::replace_all(std::string_view s, std::string_view repl, bool literal,
                               Budget &budget) const {
  const size_t slots = !literal && repl.find('$') != std::string_view::npos ? 2 * (prog_->groups + 1) : 2;
  Machine machine(*prog_, s, slots, budget);
  std::string out;
  size_t last_end = 0;
  for (size_t search = 0; search <= s.size();) {
    const std::optional<std::vector<std::ptrdiff_t>> m = machine.run(search, false);
    if (!m) {
      break;
    }
    const auto begin = static_cast<size_t>((*m)[0]);
    const auto end = static_cast<size_t>((*m)[1]);
    out.append(s.substr(last_end, begin - last_end));
    // No replacement for an empty match right after a match.
    if (end > last_end || begin == 0) {
      if (literal) {
        out.append(repl);
      } else {
        out += expand(repl, s, *m);
      }
    }
    last_end = end;
    const size_t width = decode(s, search).second;
    if (search + width > end) {
      search += width;
    } else if (search + 1 > end) {
      ++search;
    } else {
      search = end;
    }
  }
  out.append(s.substr(last_end));
  return out;
}

std::vector<std::string> Regex::split(std::string_view s, int64_t n, Budget &budget) const {
  std::vector<std::string> out;
  if (n == 0) {
    return out;
  }
  if (!pattern_.empty() && s.empty()) {
    return {""};
  }
  const std::vector<std::pair<size_t, size_t>> matches = find_all(s, n, budget);
  size_t begin = 0;
  size_t end = 0;
  for (const auto &[mb, me] : matches) {
    if (n > 0 && static_cast<int64_t>(out.size()) == n - 1) {
      break;
    }
    end = mb;
    if (me != 0) {
      out.emplace_back(s.substr(begin, end - begin));
    }
    begin = me;
  }
  if (end != s.size()) {
    out.emplace_back(s.substr(begin));
  }
  return out;
}

bool fixed_match(const Regex &re, std::string_view s) {
  Budget unlimited{UINT64_MAX};
  return re.search(s, unlimited);
}

bool full_match(std::string_view pattern, std::string_view s) {
  try {
    const Regex re("^(?:" + std::string(pattern) + ")$");
    Budget budget;
    return re.search(s, budget);
  } catch (const std::runtime_error &) {
    return false;
  }
}

} // namespace wincompat::regex
