// The small shared helpers of linter/text_util.hpp and linter/enum_names.hpp
// that replaced copies in the reporters, the layers and the registry client.
#include "enum_names.hpp"
#include "text_util.hpp"
#include "wincompat/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace wincompat;

TEST_CASE("double-quoted strings in Go's and YAML's spelling", "[text]") {
  CHECK(double_quoted("a\"b\\c\n\t\r", QuoteDialect::Go) == "\"a\\\"b\\\\c\\n\\t\\r\"");
  CHECK(double_quoted(std::string("\x1b\x7f", 2), QuoteDialect::Go) == "\"\\x1b\\x7f\"");
  CHECK(double_quoted(std::string("\x1b\x7f", 2), QuoteDialect::Yaml) == "\"\\x1B\\x7F\"");
  CHECK(double_quoted(std::string(1, '\0'), QuoteDialect::Go) == "\"\\x00\"");
  CHECK(double_quoted(std::string(1, '\0'), QuoteDialect::Yaml) == "\"\\0\"");
  CHECK(escape_double_quoted("caf\xc3\xa9", QuoteDialect::Go) == "caf\xc3\xa9"); // UTF-8 kept
}

TEST_CASE("percent-encoding keeps RFC 3986's unreserved bytes and the ones asked", "[text]") {
  CHECK(percent_encode("a b/c~d_e.f-g") == "a%20b%2Fc~d_e.f-g");
  CHECK(percent_encode("/srv/my dir", "/") == "/srv/my%20dir");
  CHECK(percent_encode("\xc3\xa9") == "%C3%A9");
}

TEST_CASE("splitting at a string and outside brackets", "[text]") {
  CHECK(split("a::b::", "::") == std::vector<std::string>{"a", "b", ""});
  CHECK(split("a,b", ',') == std::vector<std::string>{"a", "b"});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(split_outside("spec.containers.[name=app.x].image", '.', '[', ']') ==
        std::vector<std::string>{"spec", "containers", "[name=app.x]", "image"});
  CHECK(split_outside("a=b,c in (x,y),!d", ',', '(', ')') ==
        std::vector<std::string>{"a=b", "c in (x,y)", "!d"});
}

TEST_CASE("UTF-8 sequence widths, a cut sequence one byte at a time", "[text]") {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  CHECK(utf8_sequence_width(text, 0) == 1);
  CHECK(utf8_sequence_width(text, 1) == 2);
  CHECK(utf8_sequence_width(text, 3) == 3);
  CHECK(utf8_sequence_width(text, 6) == 4);
  CHECK(utf8_sequence_width("\xf0\x9f", 0) == 1);
  CHECK(utf8_sequence_width("\xff", 0) == 1);
}

TEST_CASE("an environment variable as a folder", "[text]") {
  ::setenv("WINCOMPAT_TEXT_UTIL_TEST", "/tmp/x", 1);
  CHECK(under_environment("WINCOMPAT_TEXT_UTIL_TEST", "/cache") == "/tmp/x/cache");
  ::setenv("WINCOMPAT_TEXT_UTIL_TEST", "", 1);
  CHECK(under_environment("WINCOMPAT_TEXT_UTIL_TEST", "/cache").empty());
  ::unsetenv("WINCOMPAT_TEXT_UTIL_TEST");
  CHECK(under_environment("WINCOMPAT_TEXT_UTIL_TEST", "/cache").empty());
}

namespace {
enum class Color { Red, Green, Blue };
constexpr EnumName<Color> kColors[] = {{Color::Red, "red"}, {Color::Green, "green"}};
} // namespace

TEST_CASE("enum names read and written through one table", "[text]") {
  CHECK(name_of(Color::Green, kColors) == "green");
  CHECK(name_of(Color::Blue, kColors, "none") == "none");
  CHECK(value_named("red", kColors) == Color::Red);
  CHECK_FALSE(value_named("Red", kColors));
  CHECK(to_string(Severity::Info) == "info");
  CHECK(parse_severity("warning") == Severity::Warning);
  CHECK_FALSE(parse_severity("note"));
}
