// BuildKit's shell-word expansion (expand_word): operators, quoting, escapes,
// and the origin of every output byte.
#include "wincompat/dockerfile.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace wincompat;

namespace {

/// A word as if it sat at the start of a file: origin[i] == i.
MappedText mapped(const std::string &text) {
  MappedText out;
  out.text = text;
  for (uint32_t i = 0; i < text.size(); ++i) {
    out.origin.push_back(i);
  }
  return out;
}

/// nullopt: declared without a value (`ARG V`), so unset.
ArgScope scope(std::vector<std::pair<std::string, std::optional<std::string>>> vars) {
  ArgScope out;
  for (auto &[name, value] : vars) {
    ArgValue arg;
    arg.value = value;
    out[name] = arg;
  }
  return out;
}

Expansion expand(const std::string &word, const ArgScope &vars, char escape = '\\') {
  return expand_word(mapped(word), vars, escape);
}

/// The source text a span covers.
std::string at(const std::string &source, Span span) {
  REQUIRE(span.begin <= span.end);
  REQUIRE(span.end <= source.size());
  return source.substr(span.begin, span.end - span.begin);
}

/// The source text the output bytes [begin, end) came from.
std::string origin_of(const std::string &source, const Expansion &e, size_t begin, size_t end) {
  REQUIRE(e.origin.size() == e.value.size());
  return at(source, e.span(begin, end));
}

} // namespace

TEST_CASE("expand_word: a word without variables is copied byte for byte", "[shell]") {
  const std::string word = "mcr.microsoft.com/windows/servercore:ltsc2022";
  const Expansion e = expand(word, {});
  CHECK(e.value == word);
  CHECK(e.error.empty());
  CHECK(e.unresolved.empty());
  CHECK(e.used.empty());
  REQUIRE(e.origin.size() == word.size());
  for (uint32_t i = 0; i < word.size(); ++i) {
    CHECK(e.origin[i] == Span{i, i + 1});
  }
}

TEST_CASE("expand_word: $V and ${V} substitute the value", "[shell]") {
  const ArgScope vars = scope({{"TAG", "ltsc2019"}});
  SECTION("$V") {
    const std::string word = "servercore:$TAG";
    const Expansion e = expand(word, vars);
    CHECK(e.value == "servercore:ltsc2019");
    CHECK(e.used == std::vector<std::string>{"TAG"});
    CHECK(e.unresolved.empty());
  }
  SECTION("${V}") {
    const std::string word = "servercore:${TAG}";
    const Expansion e = expand(word, vars);
    CHECK(e.value == "servercore:ltsc2019");
    CHECK(e.used == std::vector<std::string>{"TAG"});
  }
  SECTION("$V stops at the first character that is not part of a name") {
    const std::string word = "$TAG-amd64";
    CHECK(expand(word, vars).value == "ltsc2019-amd64");
  }
  SECTION("${V} lets a name run into following letters") {
    CHECK(expand("${TAG}x", vars).value == "ltsc2019x");
    CHECK(expand("$TAGx", vars).value.empty()); // the name is TAGx
  }
  SECTION("names with digits and underscores") {
    const ArgScope more = scope({{"WIN_VER_2", "1809"}});
    CHECK(expand("$WIN_VER_2", more).value == "1809");
  }
}

TEST_CASE("expand_word: output bytes of a variable map back to the whole reference", "[shell][origin]") {
  const ArgScope vars = scope({{"REPO", "windows/servercore"}, {"TAG", "ltsc2022"}});
  const std::string word = "mcr.microsoft.com/${REPO}:$TAG";
  const Expansion e = expand(word, vars);
  REQUIRE(e.value == "mcr.microsoft.com/windows/servercore:ltsc2022");
  REQUIRE(e.origin.size() == e.value.size());
  // Literal bytes map to themselves.
  CHECK(origin_of(word, e, 0, 18) == "mcr.microsoft.com/");
  CHECK(e.origin[0] == Span{0, 1});
  // Every byte of the REPO value maps to "${REPO}".
  const size_t repo_at = e.value.find("windows/servercore");
  for (size_t i = repo_at; i < repo_at + 18; ++i) {
    CHECK(at(word, e.origin[i]) == "${REPO}");
  }
  CHECK(origin_of(word, e, repo_at, repo_at + 18) == "${REPO}");
  // The ':' is literal again.
  const size_t colon = e.value.rfind(':');
  CHECK(at(word, e.origin[colon]) == ":");
  // And TAG maps to "$TAG".
  CHECK(origin_of(word, e, colon + 1, e.value.size()) == "$TAG");
  // A span across literal and variable text covers both.
  CHECK(origin_of(word, e, colon, e.value.size()) == ":$TAG");
}

TEST_CASE("expand_word: origins follow the MappedText, not the word's own offsets", "[shell][origin]") {
  // The word sits at file offset 100 and was joined from two lines.
  MappedText word;
  word.text = "a$V";
  word.origin = {100, 105, 106};
  const Expansion e = expand_word(word, scope({{"V", "xy"}}), '\\');
  REQUIRE(e.value == "axy");
  CHECK(e.origin[0] == Span{100, 101});
  CHECK(e.origin[1] == Span{105, 107});
  CHECK(e.origin[2] == Span{105, 107});
  CHECK(e.span(0, 3) == Span{100, 107});
}

TEST_CASE("expand_word: ${V:-d} uses the default when V is unset or empty", "[shell]") {
  const std::string word = "${TAG:-ltsc2022}";
  CHECK(expand(word, scope({{"TAG", "1809"}})).value == "1809");
  CHECK(expand(word, scope({{"TAG", ""}})).value == "ltsc2022");
  CHECK(expand(word, scope({{"TAG", std::nullopt}})).value == "ltsc2022");
  CHECK(expand(word, {}).value == "ltsc2022");
  SECTION("an unset variable with a default is not unresolved") {
    const Expansion e = expand(word, {});
    CHECK(e.unresolved.empty());
    CHECK(e.used == std::vector<std::string>{"TAG"});
  }
  SECTION("the default's bytes map to the whole ${...}") {
    const Expansion e = expand("x:" + word, {});
    CHECK(origin_of("x:" + word, e, 2, e.value.size()) == word);
  }
}

TEST_CASE("expand_word: ${V-d} uses the default only when V is unset", "[shell]") {
  const std::string word = "${TAG-ltsc2022}";
  CHECK(expand(word, scope({{"TAG", "1809"}})).value == "1809");
  // Set but empty: the empty value wins.
  const Expansion empty = expand(word, scope({{"TAG", ""}}));
  CHECK(empty.value.empty());
  CHECK(empty.unresolved.empty());
  CHECK(expand(word, scope({{"TAG", std::nullopt}})).value == "ltsc2022");
  CHECK(expand(word, {}).value == "ltsc2022");
}

TEST_CASE("expand_word: ${V:+a} gives the alternative when V is set and non-empty", "[shell]") {
  const std::string word = "servercore${TAG:+:$TAG}";
  CHECK(expand(word, scope({{"TAG", "ltsc2019"}})).value == "servercore:ltsc2019");
  CHECK(expand(word, scope({{"TAG", ""}})).value == "servercore");
  CHECK(expand(word, {}).value == "servercore");
}

TEST_CASE("expand_word: ${V+a} gives the alternative when V is set, even empty", "[shell]") {
  const std::string word = "${TAG+alt}";
  CHECK(expand(word, scope({{"TAG", "x"}})).value == "alt");
  CHECK(expand(word, scope({{"TAG", ""}})).value == "alt");
  CHECK(expand(word, scope({{"TAG", std::nullopt}})).value.empty());
  CHECK(expand(word, {}).value.empty());
}

TEST_CASE("expand_word: ${V:?msg} marks an unset or empty V unresolved", "[shell]") {
  const std::string word = "servercore:${TAG:?TAG is required}";
  SECTION("set") {
    const Expansion e = expand(word, scope({{"TAG", "ltsc2022"}}));
    CHECK(e.value == "servercore:ltsc2022");
    CHECK(e.unresolved.empty());
  }
  SECTION("unset") {
    const Expansion e = expand(word, {});
    CHECK(e.value == "servercore:");
    REQUIRE(e.unresolved == std::vector<std::string>{"TAG"});
    REQUIRE(e.unresolved_spans.size() == 1);
    CHECK(at(word, e.unresolved_spans[0]) == "${TAG:?TAG is required}");
  }
  SECTION("empty") {
    const Expansion e = expand(word, scope({{"TAG", ""}}));
    CHECK(e.unresolved == std::vector<std::string>{"TAG"});
  }
  SECTION("${V?msg}: empty is fine, unset is not") {
    CHECK(expand("${TAG?no}", scope({{"TAG", ""}})).unresolved.empty());
    CHECK(expand("${TAG?no}", {}).unresolved == std::vector<std::string>{"TAG"});
  }
}

TEST_CASE("expand_word: ${V#p} and ${V%p} remove a literal prefix or suffix", "[shell]") {
  const ArgScope vars = scope({{"V", "ltsc2022-amd64"}});
  CHECK(expand("${V#ltsc}", vars).value == "2022-amd64");
  CHECK(expand("${V%-amd64}", vars).value == "ltsc2022");
  // A pattern that does not match leaves the value alone.
  CHECK(expand("${V#amd64}", vars).value == "ltsc2022-amd64");
  CHECK(expand("${V%ltsc}", vars).value == "ltsc2022-amd64");
  // The pattern is anchored: a match in the middle does not count.
  CHECK(expand("${V#2022}", vars).value == "ltsc2022-amd64");
  CHECK(expand("${V%2022}", vars).value == "ltsc2022-amd64");
}

TEST_CASE("expand_word: ${V%/*} and ${V%%/*} remove the shortest and longest suffix glob", "[shell]") {
  // The dirname idiom. BuildKit matches the glob against the end of the
  // value; '/*' has its star at the back.
  const ArgScope vars = scope({{"V", "mcr.microsoft.com/windows/servercore"}});
  CHECK(expand("${V%/*}", vars).value == "mcr.microsoft.com/windows");
  CHECK(expand("${V%%/*}", vars).value == "mcr.microsoft.com");
}

TEST_CASE("expand_word: ${V#*/} and ${V##*/} remove the shortest and longest prefix glob", "[shell]") {
  // The basename idiom: ${IMAGE##*/}. BuildKit matches the glob from the
  // start of the value; '*/' has its star in front.
  const ArgScope vars = scope({{"V", "mcr.microsoft.com/windows/servercore"}});
  CHECK(expand("${V#*/}", vars).value == "windows/servercore");
  CHECK(expand("${V##*/}", vars).value == "servercore");
}

TEST_CASE("expand_word: ${V#p*} only matches at the start of the value", "[shell]") {
  // 'serv*' cannot match "windows/servercore" from its first byte.
  const ArgScope vars = scope({{"V", "windows/servercore"}});
  CHECK(expand("${V#serv*}", vars).value == "windows/servercore");
}

TEST_CASE("expand_word: ${V/a/b} replaces the first match", "[shell]") {
  const ArgScope vars = scope({{"V", "nanoserver-1809-1809"}});
  CHECK(expand("${V/1809/ltsc2022}", vars).value == "nanoserver-ltsc2022-1809");
  CHECK(expand("${V/nomatch/x}", vars).value == "nanoserver-1809-1809");
  SECTION("an empty replacement deletes") {
    CHECK(expand("${V/-1809}", vars).value == "nanoserver-1809");
  }
}

TEST_CASE("expand_word: ${V//a/b} replaces every match", "[shell]") {
  const ArgScope vars = scope({{"V", "nanoserver-1809-1809"}});
  CHECK(expand("${V//1809/ltsc2022}", vars).value == "nanoserver-ltsc2022-ltsc2022");
}

TEST_CASE("expand_word: an escaped $ is literal", "[shell][escape]") {
  const ArgScope vars = scope({{"V", "value"}});
  SECTION("backslash escape") {
    const std::string word = R"(\$V)";
    const Expansion e = expand(word, vars);
    CHECK(e.value == "$V");
    CHECK(e.used.empty());
    REQUIRE(e.origin.size() == 2);
    CHECK(at(word, e.origin[0]) == "$");
    CHECK(at(word, e.origin[1]) == "V");
  }
  SECTION("backtick escape") {
    const std::string word = "`$V";
    const Expansion e = expand(word, vars, '`');
    CHECK(e.value == "$V");
    CHECK(e.used.empty());
  }
  SECTION("under a backtick escape a backslash is an ordinary character") {
    CHECK(expand(R"(\$V)", vars, '`').value == R"(\value)");
    CHECK(expand(R"(C:\app\)", vars, '`').value == R"(C:\app\)");
    CHECK(expand(R"("C:\app\")", vars, '`').value == R"(C:\app\)");
  }
  SECTION("an escape before an ordinary character just drops the escape") {
    CHECK(expand(R"(a\bc)", vars).value == "abc");
    CHECK(expand("a`bc", vars, '`').value == "abc");
  }
  SECTION("an escaped escape is one escape character") {
    CHECK(expand(R"(a\\b)", vars).value == R"(a\b)");
    CHECK(expand("a``b", vars, '`').value == "a`b");
  }
  SECTION("a trailing escape is dropped") {
    CHECK(expand(R"(abc\)", vars).value == "abc");
  }
}

TEST_CASE("expand_word: single quotes keep $ literal and are removed", "[shell][quotes]") {
  const ArgScope vars = scope({{"V", "value"}});
  const std::string word = "'$V ${V}'";
  const Expansion e = expand(word, vars);
  CHECK(e.value == "$V ${V}");
  CHECK(e.used.empty());
  CHECK(e.error.empty());
  REQUIRE(e.origin.size() == e.value.size());
  CHECK(e.origin[0] == Span{1, 2}); // the '$' after the quote
  SECTION("an escape inside single quotes is literal") {
    CHECK(expand(R"('a\$b')", vars).value == R"(a\$b)");
  }
  SECTION("double quotes inside single quotes stay") {
    CHECK(expand(R"('"$V"')", vars).value == R"("$V")");
  }
  SECTION("unterminated single quote is an error") {
    CHECK_FALSE(expand("'abc", vars).error.empty());
  }
}

TEST_CASE("expand_word: double quotes expand variables and are removed", "[shell][quotes]") {
  const ArgScope vars = scope({{"TAG", "ltsc2019"}});
  SECTION("a quoted tag (servercore:\"${WINDOWS_VERSION}\")") {
    const std::string word = R"(servercore:"${TAG}")";
    const Expansion e = expand(word, vars);
    CHECK(e.value == "servercore:ltsc2019");
    CHECK(origin_of(word, e, 11, e.value.size()) == "${TAG}");
  }
  SECTION("a whole quoted value") {
    const std::string word = R"("mcr.microsoft.com/powershell:nanoserver-1809")";
    const Expansion e = expand(word, vars);
    CHECK(e.value == "mcr.microsoft.com/powershell:nanoserver-1809");
    CHECK(e.origin.front() == Span{1, 2});
    CHECK(e.origin.back() ==
          Span{static_cast<uint32_t>(word.size() - 2), static_cast<uint32_t>(word.size() - 1)});
  }
  SECTION("spaces inside quotes are kept") {
    CHECK(expand(R"("a b  $TAG")", vars).value == "a b  ltsc2019");
  }
  SECTION("single quotes inside double quotes are literal") {
    CHECK(expand(R"("'$TAG'")", vars).value == "'ltsc2019'");
  }
  SECTION("escapes inside double quotes: only \" $ and the escape itself") {
    CHECK(expand(R"("a\"b")", vars).value == R"(a"b)");
    CHECK(expand(R"("\$TAG")", vars).value == "$TAG");
    CHECK(expand(R"("a\\b")", vars).value == R"(a\b)");
    CHECK(expand(R"("a\nb")", vars).value == R"(a\nb)");
  }
  SECTION("unterminated double quote is an error") {
    CHECK_FALSE(expand(R"("abc)", vars).error.empty());
  }
}

TEST_CASE("expand_word: $ not followed by a name is literal", "[shell]") {
  const ArgScope vars = scope({{"V", "value"}});
  CHECK(expand("a$", vars).value == "a$");
  CHECK(expand("$/x", vars).value == "$/x");
  CHECK(expand("$.", vars).value == "$.");
  CHECK(expand("cost: $ 5", vars).value == "cost: $ 5");
  const Expansion e = expand("a$", vars);
  CHECK(e.error.empty());
  CHECK(e.used.empty());
  REQUIRE(e.origin.size() == 2);
  CHECK(e.origin[1] == Span{1, 2});
}

TEST_CASE("expand_word: malformed ${...} is an error", "[shell][error]") {
  const ArgScope vars = scope({{"V", "value"}});
  SECTION("${} is a bad substitution") {
    const Expansion e = expand("img:${}", vars);
    CHECK(e.error.find("bad substitution") != std::string::npos);
  }
  SECTION("${:-x} is a bad substitution") {
    CHECK(expand("${:-x}", vars).error.find("bad substitution") != std::string::npos);
  }
  SECTION("${{V}} is a bad substitution") {
    CHECK(expand("${{V}}", vars).error.find("bad substitution") != std::string::npos);
  }
  SECTION("a missing closing brace") {
    CHECK(expand("${V", vars).error.find("missing '}'") != std::string::npos);
    CHECK(expand("${V:-x", vars).error.find("missing '}'") != std::string::npos);
  }
  SECTION("an unknown operator") {
    CHECK_FALSE(expand("${V!x}", vars).error.empty());
  }
  SECTION("well-formed words have no error") {
    CHECK(expand("${V}", vars).error.empty());
    CHECK(expand("${V:-x}", vars).error.empty());
  }
}

TEST_CASE("expand_word: nested ${A:-${B}}", "[shell]") {
  const std::string word = "${A:-${B}}";
  SECTION("A set: B is not even needed") {
    const Expansion e = expand(word, scope({{"A", "a"}, {"B", std::nullopt}}));
    CHECK(e.value == "a");
    CHECK(e.unresolved.empty());
  }
  SECTION("A unset, B set") {
    const Expansion e = expand(word, scope({{"B", "b"}}));
    CHECK(e.value == "b");
    CHECK(e.unresolved.empty());
    CHECK(e.error.empty());
    REQUIRE(e.origin.size() == 1);
    CHECK(at(word, e.origin[0]) == word);
  }
  SECTION("both unset: B is what is missing") {
    const Expansion e = expand(word, {});
    CHECK(e.value.empty());
    REQUIRE(e.unresolved == std::vector<std::string>{"B"});
    CHECK(at(word, e.unresolved_spans[0]) == "${B}");
  }
  SECTION("a default made of text and variables") {
    const Expansion e = expand("${IMG:-servercore:${TAG:-ltsc2022}}", scope({{"TAG", "1809"}}));
    CHECK(e.value == "servercore:1809");
  }
}

TEST_CASE("expand_word: unresolved variables are listed once, with where they are", "[shell]") {
  const std::string word = "mcr.microsoft.com/windows/servercore:$TAG-$TAG-${ARCH}";
  const Expansion e = expand(word, scope({{"TAG", std::nullopt}}));
  CHECK(e.value == "mcr.microsoft.com/windows/servercore:--");
  REQUIRE(e.unresolved == std::vector<std::string>{"TAG", "ARCH"});
  REQUIRE(e.unresolved_spans.size() == 2);
  CHECK(e.unresolved_spans[0] == Span{37, 41});
  CHECK(at(word, e.unresolved_spans[0]) == "$TAG");
  CHECK(at(word, e.unresolved_spans[1]) == "${ARCH}");
  CHECK(e.used == std::vector<std::string>{"TAG", "TAG", "ARCH"});
}

TEST_CASE("expand_word: a variable with an empty value is resolved", "[shell]") {
  const Expansion e = expand("a${V}b", scope({{"V", ""}}));
  CHECK(e.value == "ab");
  CHECK(e.unresolved.empty());
  REQUIRE(e.origin.size() == 2);
  CHECK(e.origin[0] == Span{0, 1});
  CHECK(e.origin[1] == Span{5, 6});
}

TEST_CASE("Expansion::span clamps and covers every origin in range", "[shell][origin]") {
  const std::string word = "$A-$B";
  const Expansion e = expand(word, scope({{"A", "xx"}, {"B", "yy"}}));
  REQUIRE(e.value == "xx-yy");
  CHECK(at(word, e.span(0, 5)) == word);
  CHECK(at(word, e.span(1, 4)) == word); // from inside $A to inside $B
  CHECK(at(word, e.span(4, 100)) == "$B");
  CHECK(at(word, e.span(3, 3)) == "$B"); // empty ranges widen to one byte
  CHECK(Expansion{}.span(0, 1) == Span{});
}

TEST_CASE("is_builder_arg knows the platform ARGs BuildKit sets", "[shell]") {
  for (const char *name : {"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM",
                           "BUILDOS", "BUILDARCH", "BUILDVARIANT"}) {
    CHECK(is_builder_arg(name));
  }
  CHECK_FALSE(is_builder_arg("TAG"));
  CHECK_FALSE(is_builder_arg("targetplatform"));
}
