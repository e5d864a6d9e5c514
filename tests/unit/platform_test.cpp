// linter/platform.hpp: the portable glob match the Windows build uses in
// place of fnmatch(), checked here against glibc's fnmatch() itself.
#include "platform.hpp"

#include <catch2/catch.hpp>

#include <fnmatch.h>

#include <string>
#include <vector>

using namespace wincompat;

namespace {

bool platform_test_fnmatch(const std::string &pattern, const std::string &text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

} // namespace

TEST_CASE("glob_match_portable matches as fnmatch with no flags", "[platform]") {
  const std::vector<std::string> patterns = {"",
                                             "*",
                                             "**",
                                             "?",
                                             "a*",
                                             "*b",
                                             "a*b",
                                             "a?c",
                                             "*.yaml",
                                             "charts/*",
                                             "charts/**",
                                             "*/tmpl/*",
                                             "[abc]x",
                                             "[!abc]x",
                                             "[^abc]x",
                                             "[a-c]*",
                                             "[]]",
                                             "[]a]",
                                             "[!]]",
                                             "[a-]",
                                             "[-a]",
                                             "[",
                                             "a[",
                                             "[a",
                                             "\\*",
                                             "a\\?b",
                                             "\\[a]",
                                             "[\\]]",
                                             "[[:digit:]]*",
                                             "[[:alpha:][:digit:]]",
                                             "[[:upper:]]",
                                             "[[:bogus:]]",
                                             "*[0-9]",
                                             "v*.*.*",
                                             ".*",
                                             "*/.git/*",
                                             "a*b*c*d",
                                             "*a*a*a",
                                             "x[*]y",
                                             "[a-z0-9_]*"};
  const std::vector<std::string> texts = {"",
                                          "a",
                                          "b",
                                          "ab",
                                          "abc",
                                          "acb",
                                          "axb",
                                          "ax",
                                          "dx",
                                          "]",
                                          "-",
                                          "[",
                                          "a[",
                                          "*",
                                          "?",
                                          "a?b",
                                          "[a]",
                                          "9lives",
                                          "Q",
                                          "x",
                                          "v1.2.3",
                                          ".hidden",
                                          "values.yaml",
                                          "charts/a",
                                          "charts/a/b",
                                          "a/tmpl/b",
                                          "src/.git/HEAD",
                                          "abcd",
                                          "aXbYcZd",
                                          "aaa",
                                          "x*y",
                                          "under_score",
                                          "\\",
                                          "a\\b",
                                          "1"};
  for (const std::string &pattern : patterns) {
    for (const std::string &text : texts) {
      INFO("pattern '" << pattern << "', text '" << text << "'");
      CHECK(platform::glob_match_portable(pattern, text) == platform_test_fnmatch(pattern, text));
    }
  }
}

TEST_CASE("generic_path keeps backslashes where they are name characters", "[platform]") {
#ifdef _WIN32
  CHECK(platform::generic_path("C:\\repo\\charts\\app") == "C:/repo/charts/app");
#else
  CHECK(platform::generic_path("a\\b/c") == "a\\b/c");
#endif
}
