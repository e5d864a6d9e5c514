// Meta-tests over the rule registry: the documentation is executable and
// every rule is covered by fixtures that fire and fixtures that stay silent.
#include "test_support.hpp"

#include "text_util.hpp"
#include "wincompat/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

std::vector<std::string> words_of(std::string_view options) {
  std::istringstream in{std::string(options)};
  std::vector<std::string> words;
  for (std::string word; in >> word;) {
    words.push_back(word);
  }
  return words;
}

bool runs_on_example(const RuleMeta &meta) {
  // WC902/WC903 describe files that cannot be read or configs; no file shows them.
  return meta.target != Target::Any || meta.code.starts_with("WC3") || meta.code == "WC901" ||
         meta.code == "WC904";
}

std::string example_name(const RuleMeta &meta) {
  return meta.target == Target::Kubernetes ? "example.yaml" : "Dockerfile";
}

} // namespace

TEST_CASE("rule codes are unique, well-formed and sorted", "[registry]") {
  std::set<std::string> seen;
  std::string previous;
  static const std::regex shape("WC[1-9][0-9]{2}");
  for (const RuleEntry &rule : all_rules()) {
    const std::string code(rule.meta->code);
    INFO(code);
    CHECK(std::regex_match(code, shape));
    CHECK(seen.insert(code).second);
    CHECK(previous < code);
    previous = code;
    CHECK(find_rule(code) == rule.meta);
  }
}

TEST_CASE("every rule is documented", "[registry]") {
  for (const RuleEntry &rule : all_rules()) {
    const RuleMeta &meta = *rule.meta;
    INFO(meta.code);
    CHECK_FALSE(meta.name.empty());
    CHECK(meta.name.find(' ') == std::string_view::npos);
    CHECK(meta.summary.size() > 20);
    CHECK(meta.summary.back() == '.');
    CHECK(meta.rationale.size() > 40);
    CHECK_FALSE(meta.example_bad.empty());
    CHECK_FALSE(meta.example_good.empty());
    CHECK(meta.fix.size() > 10);
    CHECK(help_url(meta.code).ends_with(std::string(meta.code)));
  }
}

TEST_CASE("each rule's bad example fires it and its good example is silent", "[registry]") {
  for (const RuleEntry &rule : all_rules()) {
    const RuleMeta &meta = *rule.meta;
    if (!runs_on_example(meta)) {
      continue;
    }
    INFO(meta.code);
    const std::vector<std::string> words = words_of(meta.example_options);
    CHECK(test::fires(std::string(meta.code), std::string(meta.example_bad), words, example_name(meta)));
    std::vector<std::string> good_words = words;
    good_words.insert(good_words.end(), {"--select", std::string(meta.code)});
    CHECK(test::codes(std::string(meta.example_good), good_words, example_name(meta)).empty());
  }
}

TEST_CASE("every rule has fixtures that fire and fixtures that stay silent", "[registry]") {
  const fs::path root = test::source_dir() + "/tests/fixtures";
  for (const RuleEntry &rule : all_rules()) {
    if (rule.meta->code == "WC902" || rule.meta->code == "WC903" || rule.meta->code == "WC912" ||
        rule.meta->code == "WC913" || rule.meta->code == "WC915") {
      continue; // covered by the end-to-end tests (unreadable files, bad configs) and the
                // kustomize tests (tests/kustomize/, kustomize_test.cpp)
    }
    if (rule.meta->code == "WC910" || rule.meta->code == "WC911") {
      continue; // charts, not single files: tests/charts and helm_chart_test.cpp
    }
    const std::string code(rule.meta->code);
    INFO(code);
    size_t firing = 0, silent = 0;
    for (const auto &entry : fs::directory_iterator(root / code)) {
      const std::string text = test::read_file(entry.path().string());
      (text.find("expect: " + code) != std::string::npos || text.find("expect-line:") != std::string::npos
           ? firing
           : silent)++;
    }
    CHECK(firing >= 1);
    CHECK(silent >= 1);
  }
}

TEST_CASE("docs/rules.md is generated from the registry and up to date", "[registry][e2e]") {
  const std::string committed = test::read_file(test::source_dir() + "/docs/rules.md");
  const std::string command = std::string(WINCOMPAT_BINARY) + " rules --format markdown";
  FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string generated;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) {
    generated.append(buffer, n);
  }
  pclose(pipe);
  INFO("regenerate with: build/wincompat rules --format markdown > docs/rules.md");
  CHECK(generated == committed);
}
