// One data-driven test over tests/fixtures/<CODE>/*: each file states what
// must fire with `# expect: CODE[@col]` on the line above; anything else that
// fires fails the test (clang-tidy's strictness, ruff's inline assertions).
#include "test_support.hpp"

#include "text_util.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

struct Expectation {
  std::string code;
  uint32_t line;                  // 0-based
  std::optional<uint32_t> column; // 1-based, as written
  auto operator<=>(const Expectation &) const = default;
};

std::string describe(const Expectation &e) {
  std::string out = e.code + " at line " + std::to_string(e.line + 1);
  if (e.column) {
    out += ":" + std::to_string(*e.column);
  }
  return out;
}

struct Fixture {
  std::vector<std::string> words;
  std::vector<Expectation> expected;
};

Fixture read_fixture(const SourceFile &source, const std::string &folder) {
  static const std::regex expect(R"(^\s*#\s*expect:\s*(WC\d{3})(?:@(\d+))?\s*$)");
  static const std::regex options(R"(^\s*#\s*wincompat-test:(.*)$)");
  // For line 1, where a comment above would change the meaning (parser directives).
  static const std::regex expect_line(R"(^\s*#\s*expect-line:\s*(\d+)\s+(WC\d{3})(?:@(\d+))?\s*$)");
  Fixture fixture;
  std::vector<Expectation> pending;
  for (uint32_t i = 0; i < source.line_count(); ++i) {
    const std::string line(source.line(i));
    std::smatch match;
    if (std::regex_match(line, match, expect)) {
      Expectation e{match[1], 0, std::nullopt};
      if (match[2].matched) {
        e.column = static_cast<uint32_t>(std::stoul(match[2]));
      }
      pending.push_back(e);
      continue;
    }
    if (std::regex_match(line, match, expect_line)) {
      Expectation e{match[2], static_cast<uint32_t>(std::stoul(match[1]) - 1), std::nullopt};
      if (match[3].matched) {
        e.column = static_cast<uint32_t>(std::stoul(match[3]));
      }
      fixture.expected.push_back(e);
    }
    if (std::regex_match(line, match, options)) {
      std::istringstream words(match[1].str());
      for (std::string word; words >> word;) {
        fixture.words.push_back(word);
      }
    }
    for (auto &e : pending) {
      e.line = i;
      fixture.expected.push_back(e);
    }
    pending.clear();
  }
  const bool has_select =
      std::find(fixture.words.begin(), fixture.words.end(), "--select") != fixture.words.end();
  if (!has_select) {
    fixture.words.push_back("--select");
    fixture.words.push_back(folder);
  }
  return fixture;
}

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> files;
  for (const auto &entry : fs::recursive_directory_iterator(test::source_dir() + "/tests/fixtures")) {
    const std::string folder = entry.path().parent_path().filename().string();
    if (entry.is_regular_file() && !folder.starts_with("_")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

TEST_CASE("fixtures: every expectation fires and nothing else does", "[fixtures]") {
  const auto files = fixture_files();
  REQUIRE(files.size() > 50);
  for (const fs::path &path : files) {
    const std::string folder = path.parent_path().filename().string();
    const std::string name = fs::relative(path, test::source_dir() + "/tests/fixtures").string();
    DYNAMIC_SECTION(name) {
      const std::string bytes = test::read_file(path.string());
      ReadOutcome read = decode_text(path.filename().string(), bytes, 1u << 24);
      REQUIRE(read.source);
      const Fixture fixture = read_fixture(*read.source, folder);
      // A fixture that is also the node inventory (`--nodes` naming itself)
      // gets the inventory's findings (WC213) too.
      const LintResult run =
          lint({FileInput{path.filename().string(), path.filename().string(), true, bytes}},
               test::options_from_words(fixture.words, path.parent_path().string()));
      std::vector<Diagnostic> found = run.files.front().diagnostics;
      for (size_t i = 1; i < run.files.size(); ++i) {
        std::error_code error;
        if (fs::equivalent(run.files[i].path, path, error)) {
          found.insert(found.end(), run.files[i].diagnostics.begin(), run.files[i].diagnostics.end());
        }
      }
      std::multiset<Expectation> expected(fixture.expected.begin(), fixture.expected.end());
      std::vector<std::string> unexpected;
      for (const Diagnostic &d : found) {
        Expectation with_column{d.code, d.range.start.line, d.range.start.character + 1};
        Expectation without{d.code, d.range.start.line, std::nullopt};
        if (auto it = expected.find(with_column); it != expected.end()) {
          expected.erase(it);
        } else if (auto it2 = expected.find(without); it2 != expected.end()) {
          expected.erase(it2);
        } else {
          unexpected.push_back(describe(with_column) + ": " + d.message);
        }
      }
      std::vector<std::string> missing;
      for (const auto &e : expected) {
        missing.push_back(describe(e));
      }
      INFO("fixture " << name << "\nunexpected: " << join(unexpected, "\n  ")
                      << "\nmissing: " << join(missing, "\n  "));
      CHECK(unexpected.empty());
      CHECK(missing.empty());
    }
  }
}
