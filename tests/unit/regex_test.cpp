// The linear-time regex engine (linter/regex.hpp) against Go's regexp: each
// row is a pattern, a text and what Go returns. The expected values are Go's
// documented results: the examples of https://pkg.go.dev/regexp and the
// tables of Go's own regexp tests (find_test.go: FindAllStringSubmatchIndex;
// all_test.go: ReplaceAllString, Split; syntax/parse_test.go: errors).
#include "helm_support.hpp"
#include "regex.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using wincompat::regex::Budget;
using wincompat::regex::Regex;

namespace {

struct FindCase {
  std::string pattern;
  std::string text;
  int64_t n;                                     // FindAll's n
  std::vector<std::vector<std::ptrdiff_t>> want; // per match: submatch offsets
};

// Go's FindAllStringSubmatchIndex(text, n).
const std::vector<FindCase> kFind = {
    {"", "", -1, {{0, 0}}},
    {"^abcdefg", "abcdefg", -1, {{0, 7}}},
    {"a+", "baaab", -1, {{1, 4}}},
    {"a", "bababaab", -1, {{1, 2}, {3, 4}, {5, 6}, {6, 7}}},
    {"a", "bababaab", 0, {}},
    {"a", "bababaab", 2, {{1, 2}, {3, 4}}},
    {"abcd..", "abcdef", -1, {{0, 6}}},
    {"x", "y", -1, {}},
    {".*", "abcdef", -1, {{0, 6}}},
    {"^", "abcde", -1, {{0, 0}}},
    {"$", "abcde", -1, {{5, 5}}},
    {"^abcd$", "abcde", -1, {}},
    {"a*", "baaab", -1, {{0, 0}, {1, 4}, {5, 5}}},
    {"[a-z]+", "abcd", -1, {{0, 4}}},
    {"[^a-z]+", "ab1234cd", -1, {{2, 6}}},
    {R"([a\-\]z]+)", "az]-bcz", -1, {{0, 4}, {6, 7}}},
    {R"([^\n]+)", "abcd\n", -1, {{0, 4}}},
    {"[日本語]+", "日本語日本語", -1, {{0, 18}}},
    {"日本語+", "日本語語語語", -1, {{0, 18}}},
    {"()", "", -1, {{0, 0, 0, 0}}},
    {"(.)(.)", "日a", -1, {{0, 4, 0, 3, 3, 4}}},
    {"(([^xyz]*)(d))", "abcd", -1, {{0, 4, 0, 4, 0, 3, 3, 4}}},
    {"((a|b|c)*(d))", "abcd", -1, {{0, 4, 0, 4, 2, 3, 3, 4}}},
    {R"(\a\f\n\r\t\v)", "\a\f\n\r\t\v", -1, {{0, 6}}},
    {"a*(|(b))c*", "aacc", -1, {{0, 4, 2, 2, -1, -1}}},
    {"(.*).*", "ab", -1, {{0, 2, 0, 2}}},
    {"/$", "/abc", -1, {}},
    {"a(b*)", "abbaab", -1, {{0, 3, 1, 3}, {3, 4, 4, 4}, {4, 6, 5, 6}}},
    {"(aa)*$", "a", -1, {{1, 1, -1, -1}}},
    {"(a){0}", "", -1, {{0, 0, -1, -1}}},
    {"(?s)(?:(?:^).)", "\n", -1, {{0, 1}}},
    {"(?:(?:^).)", "\n", -1, {}},
    {R"(\b)", "xx yy", -1, {{0, 0}, {2, 2}, {3, 3}, {5, 5}}},
    {R"(\B)", "xx yy", -1, {{1, 1}, {4, 4}}},
    {"(|a)*", "aa", -1, {{0, 0, 0, 0}, {1, 1, 1, 1}, {2, 2, 2, 2}}},
    {"0A|0[aA]", "0a", -1, {{0, 2}}},
    {"[a-c]*", "\u65e5", -1, {{0, 0}, {3, 3}}},
    {"[^\u65e5]", "abc\u65e5def", -1, {{0, 1}, {1, 2}, {2, 3}, {6, 7}, {7, 8}, {8, 9}}},
    {R"([^\S\s])", "abcd", -1, {}},
    {R"([^\D[:digit:]])", "abcd", -1, {}},
    {R"((?i)\W)", "k", -1, {}},
    {R"((?i)\W)", "s", -1, {}},
    {"\ufffd", "hello\xffworld", -1, {{5, 6}}},
    {".*", "hello\xffworld", -1, {{0, 11}}},
    {R"(\x{fffd})", "\xc2\x00", -1, {{0, 1}}},
    // Leftmost-first (Perl), not leftmost-longest (POSIX).
    {"a|ab", "ab", -1, {{0, 1}}},
    {"(a+?)(b*)", "aab", -1, {{0, 1, 0, 1, 1, 1}, {1, 3, 1, 2, 2, 3}}},
    {"(?U)a+", "aaa", -1, {{0, 1}, {1, 2}, {2, 3}}},
    {"(?U)a+?", "aaa", -1, {{0, 3}}},
    {"a{2,3}", "aaaaaaa", -1, {{0, 3}, {3, 6}}},
    {"a{2,}?", "aaaaa", -1, {{0, 2}, {2, 4}}},
    {"a{,2}", "a{,2}", -1, {{0, 5}}}, // not a repetition: literal text
    {"(?i)straße", "STRAßE", -1, {{0, 7}}},
    {"(?i)k", "\u212a", -1, {{0, 3}}}, // the Kelvin sign folds to k
    {"(?i)[a-c]+", "xAbC", -1, {{1, 4}}},
    {"(?m)^\\w+$", "ab\ncd", -1, {{0, 2}, {3, 5}}},
    {"^\\w+$", "ab\ncd", -1, {}},
    {"(?s).+", "a\nb", -1, {{0, 3}}},
    {".+", "a\nb", -1, {{0, 1}, {2, 3}}},
    {"\\Aa|b\\z", "aab", -1, {{0, 1}, {2, 3}}},
    {"[[:alpha:]]+", "ab1cd", -1, {{0, 2}, {3, 5}}},
    {"[[:^alpha:]]", "a1", -1, {{1, 2}}},
    {"\\d+\\s\\w+", "x 12 ab!", -1, {{2, 7}}},
    {"\\pL+", "héllo wörld", -1, {{0, 6}, {7, 13}}},
    {"\\p{Lu}\\PL", "aB1", -1, {{1, 3}}},
    {"\\p{^Nd}+", "ab12", -1, {{0, 2}}},
    {"(?P<first>\\w+) (?<last>\\w+)", "Ada Lovelace", -1, {{0, 12, 0, 3, 4, 12}}},
    {"\\Qa.b\\E+", "a.bbb", -1, {{0, 5}}},
    {"[\\d\\-]+", "a1-2b", -1, {{1, 4}}},
    {"\\x41\\101\\x{42}", "AAB", -1, {{0, 3}}},
    {"(a|b)*c", "abababc", -1, {{0, 7, 5, 6}}},
    {"(a*)*", "b", -1, {{0, 0, 0, 0}, {1, 1, 1, 1}}},
    {"(a*)+", "b", -1, {{0, 0, 0, 0}, {1, 1, 1, 1}}},
    {"x*", "\xff", -1, {{0, 0}, {1, 1}}},
};

std::string join(const std::vector<std::string> &pieces) {
  std::string out = "[";
  for (size_t i = 0; i < pieces.size(); ++i) {
    out += (i ? " \"" : "\"") + pieces[i] + "\"";
  }
  return out + "]";
}

} // namespace

TEST_CASE("regex: FindAll and submatches as Go's regexp returns them", "[regex]") {
  for (const FindCase &c : kFind) {
    INFO("pattern `" << c.pattern << "` text \"" << c.text << "\" n " << c.n);
    const Regex re(c.pattern);
    Budget budget;
    std::vector<std::vector<std::ptrdiff_t>> bounds;
    for (const auto &[begin, end] : re.find_all(c.text, c.n, budget)) {
      bounds.push_back({static_cast<std::ptrdiff_t>(begin), static_cast<std::ptrdiff_t>(end)});
    }
    std::vector<std::vector<std::ptrdiff_t>> want_bounds;
    for (const auto &m : c.want) {
      want_bounds.push_back({m[0], m[1]});
    }
    CHECK(bounds == want_bounds);
    if (!c.want.empty()) { // every submatch of the first match (FindStringSubmatchIndex)
      CHECK(re.find_at(c.text, 0, 2 * (re.groups() + 1), budget) == c.want[0]);
    } else if (c.n != 0) {
      CHECK(re.find_at(c.text, 0, 2, budget).empty());
      CHECK_FALSE(re.search(c.text, budget));
    }
  }
}

TEST_CASE("regex: ReplaceAllString, its Literal form and Expand as Go", "[regex]") {
  struct Case {
    std::string pattern, text, repl, want, want_literal;
  };
  const std::vector<Case> cases = {
      // https://pkg.go.dev/regexp#Regexp.ReplaceAllString
      {"a(x*)b", "-ab-axxb-", "T", "-T-T-", "-T-T-"},
      {"a(x*)b", "-ab-axxb-", "$1", "--xx-", "-$1-$1-"},
      {"a(x*)b", "-ab-axxb-", "$1W", "---", "-$1W-$1W-"}, // $1W is ${1W}: no such group
      {"a(x*)b", "-ab-axxb-", "${1}W", "-W-xxW-", "-${1}W-${1}W-"},
      {"a(?P<1W>x*)b", "-ab-axxb-", "$1W", "--xx-", "-$1W-$1W-"}, // a group named 1W
      {"(?P<key>\\w+):\\s*(?P<value>\\w+)", "a: 1", "$value=$key", "1=a", "$value=$key"},
      {"a", "aaa", "$$", "$$$", "$$$$$$"},
      {"a", "aaa", "$", "$$$", "$$$"}, // a lone $ is text
      {"a", "aaa", "${x", "${x${x${x", "${x${x${x"},
      {"(a)", "a", "$01", "", "$01"},           // leading zero: a name, not group 1
      {"(a)", "a", "${2}.$0", ".a", "${2}.$0"}, // no group 2
      // Empty matches: once at each position, never right after a match.
      {"a*", "baaac", "X", "XbXcX", "XbXcX"},
      {"x*", "abc", "-", "-a-b-c-", "-a-b-c-"},
      {"", "", "x", "x", "x"},
      {"b*", "abc", "X", "XaXcX", "XaXcX"},
      {"", "日本", "-", "-日-本-", "-日-本-"},
      {"[a-c]*", "\u65e5", "x", "x\u65e5x", "x\u65e5x"},
      {"(?i)HELLO", "say Hello", "bye", "say bye", "say bye"},
  };
  for (const Case &c : cases) {
    INFO("pattern `" << c.pattern << "` text \"" << c.text << "\" repl \"" << c.repl << "\"");
    const Regex re(c.pattern);
    Budget budget;
    CHECK(re.replace_all(c.text, c.repl, false, budget) == c.want);
    CHECK(re.replace_all(c.text, c.repl, true, budget) == c.want_literal);
  }
}

TEST_CASE("regex: Split as Go", "[regex]") {
  struct Case {
    std::string pattern, text;
    int64_t n;
    std::string want;
  };
  const std::vector<Case> cases = {
      // https://pkg.go.dev/regexp#Regexp.Split
      {"a", "banana", -1, R"(["b" "n" "n" ""])"},
      {"a", "banana", 0, "[]"},
      {"a", "banana", 1, R"(["banana"])"},
      {"a", "banana", 2, R"(["b" "nana"])"},
      {"z+", "pizza", -1, R"(["pi" "a"])"},
      {"z+", "pizza", 0, "[]"},
      {"z+", "pizza", 1, R"(["pizza"])"},
      {"z+", "pizza", 2, R"(["pi" "a"])"},
      {"a*", "abaabaccadaaae", 5, R"(["" "b" "b" "c" "cadaaae"])"},
      {"", "abc", -1, R"(["a" "b" "c"])"},
      {"", "", -1, "[]"},
      {"x", "", -1, R"([""])"},
      {",", "a,b,c", -1, R"(["a" "b" "c"])"},
      {",", ",", -1, R"(["" ""])"},
      {"\\s*,\\s*", "a , b,c", -1, R"(["a" "b" "c"])"},
      // Go's own Split tests: empty matches and matches at the ends.
      {"a", "baabaab", -1, R"(["b" "" "b" "" "b"])"},
      {"a*", "baabaab", -1, R"(["b" "b" "b"])"},
      {"ba*", "baabaab", -1, R"(["" "" "" ""])"},
      {"f*b*", "foobar", -1, R"(["" "o" "o" "a" "r"])"},
      {"f+.*b+", "foobar", -1, R"(["" "ar"])"},
      {"o{2}", "foobooboar", -1, R"(["f" "b" "boar"])"},
      {"bar", "foo:and:bar", -1, R"(["foo:and:" ""])"},
  };
  for (const Case &c : cases) {
    INFO("pattern `" << c.pattern << "` text \"" << c.text << "\" n " << c.n);
    Budget budget;
    CHECK(join(Regex(c.pattern).split(c.text, c.n, budget)) == c.want);
  }
}

TEST_CASE("regex: bad patterns fail in Go's words", "[regex]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"(a", "missing closing ): `(a`"},
      {"a)", "unexpected ): `a)`"},
      {"(a))", "unexpected ): `(a))`"},
      {"[a", "missing closing ]: `[a`"},
      {"[]a", "missing closing ]: `[]a`"},
      {"*", "missing argument to repetition operator: `*`"},
      {"a|*", "missing argument to repetition operator: `*`"},
      {"(+)", "missing argument to repetition operator: `+`"},
      {"a**", "invalid nested repetition operator: `**`"},
      {"a*+?", "invalid nested repetition operator: `*+?`"},
      {"x{2}{3}", "invalid nested repetition operator: `{2}{3}`"},
      {"a{1001}", "invalid repeat count: `{1001}`"},
      {"a{2,1}", "invalid repeat count: `{2,1}`"},
      {"a{100000000000}", "invalid repeat count: `{100000000000}`"},
      {"\\8", "invalid escape sequence: `\\8`"},
      {"\\1", "invalid escape sequence: `\\1`"}, // no backreferences
      {"a\\", "trailing backslash at end of expression: ``"},
      {"[z-a]", "invalid character class range: `z-a`"},
      {"[[:foo:]]", "invalid character class range: `[:foo:]`"},
      {"\\p{Foo}", "invalid character class range: `\\p{Foo}`"},
      {"(?=a)", "invalid or unsupported Perl syntax: `(?=`"},
      {"(?<!a)", "invalid named capture: `(?<!a)`"},
      {"(?P=n)", "invalid or unsupported Perl syntax: `(?P`"},
      {"(?i-)", "invalid or unsupported Perl syntax: `(?i-)`"},
      {"(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"},
      {"a\xff", "invalid UTF-8: `\xff`"},
  };
  for (const auto &[pattern, message] : cases) {
    INFO("pattern `" << pattern << "`");
    std::string what;
    try {
      Regex re(pattern);
    } catch (const wincompat::regex::SyntaxError &e) {
      what = e.what();
    }
    CHECK(what == "error parsing regexp: " + message);
  }
}

TEST_CASE("regex: limits on repetition, nesting and program size", "[regex]") {
  CHECK_NOTHROW(Regex("a{1000}"));
  CHECK_NOTHROW(Regex("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"));
  // Nested counts multiply: Go limits the product to 1000 too.
  CHECK_THROWS_WITH(Regex("((a{10}){10}){11}"), "error parsing regexp: invalid repeat count: `{11}`");
  CHECK_NOTHROW(Regex("((a{10}){10}){10}"));
  // Past kMaxInstructions (Go's limit is far higher, its matcher backtracks less).
  std::string large;
  for (int i = 0; i < 30; ++i) {
    large += "a{1000}";
  }
  CHECK_THROWS_WITH(Regex(large), "error parsing regexp: expression too large: `" + large + "`");
  // A megabyte of pattern stops while parsing, before its tree is built.
  CHECK_THROWS_WITH(Regex(std::string(1 << 20, 'a')), Catch::Contains("expression too large"));
  CHECK_NOTHROW(Regex(std::string(19000, 'a')));
  CHECK_NOTHROW(Regex(std::string(999, '(') + std::string(999, ')')));
  CHECK_THROWS_WITH(Regex(std::string(1001, '(') + std::string(1001, ')')),
                    Catch::Contains("expression nests too deeply"));
  // Many groups times a large program: too many capture cells.
  std::string groups;
  for (int i = 0; i < 2000; ++i) {
    groups += "(a)";
  }
  CHECK_THROWS_WITH(Regex(groups + "b{1000}"), Catch::Contains("expression too large"));
}

TEST_CASE("regex: catastrophic patterns run in linear time", "[regex]") {
  // std::regex backtracks: (a+)+$ on "aaa...!" takes 2^n steps, and (a|b)*
  // recurses once per character (a stack overflow at 200 KB).
  const std::string as = std::string(100000, 'a') + "!";
  Budget budget;
  CHECK_FALSE(Regex("(a+)+$").search(as, budget));
  std::string ab(200000, 'a');
  for (size_t i = 0; i < ab.size(); i += 3) {
    ab[i] = 'b';
  }
  Budget second;
  CHECK(Regex("^(a|b)*$").find_at(ab, 0, 4, second) ==
        std::vector<std::ptrdiff_t>{0, 200000, 199999, 200000});
  Budget third;
  CHECK(Regex("(x+x+)+y").replace_all(std::string(50000, 'x'), "-", false, third) == std::string(50000, 'x'));
}

TEST_CASE("regex: a quadratic FindAll stops at the step budget", "[regex]") {
  // Each search from a new position scans to the end looking for `b`: n^2/2
  // steps (Go takes as long); the budget stops it.
  // A smaller budget than kStepBudget keeps the test fast in a debug build.
  const Regex re("a*b|a");
  Budget budget{1'000'000};
  CHECK_THROWS_WITH(re.find_all(std::string(10000, 'a'), -1, budget),
                    "regular expression step budget (" + std::to_string(wincompat::regex::kStepBudget) +
                        " steps) exceeded");
  Budget enough{1'000'000};
  CHECK(re.find_all(std::string(100, 'a'), -1, enough).size() == 100);
  CHECK(enough.left < 1'000'000);
}

TEST_CASE("regex: full_match anchors the whole pattern (kustomize names)", "[regex]") {
  CHECK(wincompat::regex::full_match("web|api", "api"));
  CHECK_FALSE(wincompat::regex::full_match("web|api", "api-2"));
  CHECK(wincompat::regex::full_match("app-.*", "app-x"));
  CHECK_FALSE(wincompat::regex::full_match("(a", "(a")); // a bad pattern matches nothing
  CHECK_FALSE(wincompat::regex::full_match("(a+)+$", std::string(100000, 'a') + "!"));
}

TEST_CASE("regex: Helm's regex functions follow Sprig and Go", "[regex][helm]") {
  using wincompat::helm::test::render;
  // regexMatch ignores a bad pattern; mustRegexMatch returns Go's error.
  CHECK(render("{{ regexMatch \"(a\" \"a\" }} {{ regexMatch \"^\\\\pL+$\" \"héllo\" }}") == "false true");
  CHECK(render("{{ mustRegexMatch \"(a\" \"a\" }}")
            .find("error calling mustRegexMatch: error parsing regexp: "
                  "missing closing ): `(a`") != std::string::npos);
  // The others panic in regexp.MustCompile; text/template reports the panic.
  CHECK(render("{{ regexFind \"a**\" \"a\" }}")
            .find("error calling regexFind: regexp: Compile(`a**`): error "
                  "parsing regexp: invalid nested repetition operator: `**`") != std::string::npos);
  CHECK(render("{{ mustRegexFind \"[\" \"a\" }}")
            .find("error calling mustRegexFind: error parsing regexp: "
                  "missing closing ]: `[`") != std::string::npos);
  // $1W is the group named "1W"; ${1}W is group 1 then W.
  CHECK(render("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" }} "
               "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }} "
               "{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\" }}") ==
        "--- -W-xxW- -${1}-${1}-");
  CHECK(
      render(
          "{{ regexReplaceAll \"a*\" \"baaac\" \"X\" }} {{ mustRegexReplaceAll \"(?i)B\" \"abc\" \"-\" }}") ==
      "XbXcX a-c");
  CHECK(render("{{ regexSplit \"a\" \"banana\" -1 }} {{ regexSplit \"a\" \"banana\" 2 }} "
               "{{ regexSplit \"a\" \"banana\" 0 }} {{ mustRegexSplit \"z+\" \"pizza\" -1 }}") ==
        "[b n n ] [b nana] [] [pi a]");
  CHECK(render("{{ regexFindAll \"a.\" \"paranormal\" -1 }} {{ regexFindAll \"a.\" \"paranormal\" 2 }} "
               "{{ mustRegexFindAll \"a*\" \"baaab\" -1 | len }}") == "[ar an al] [ar an] 3");
  CHECK(render("{{ regexFind \"a+?\" \"caaat\" }} {{ regexFind \"(?U)a+\" \"caaat\" }} "
               "{{ regexFind \"[[:upper:]]+\" \"abCDe\" }}") == "a a CD");
}
