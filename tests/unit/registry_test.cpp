// Meta-tests over the rule registry: the documentation is executable and
// every rule is covered by fixtures that fire and fixtures that stay silent.
#include "test_support.hpp"

#include "text_util.hpp"
#include "wincompat/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
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

/// The codes an inventory rule's example reports when the example is the
/// node inventory (`--nodes`): the rule reports in the inventory file.
std::vector<std::string> registry_inventory_codes(const RuleMeta &meta, std::string_view example) {
  const fs::path file =
      fs::temp_directory_path() / ("wincompat-registry-" + std::string(meta.code) + ".yaml");
  {
    std::ofstream out(file, std::ios::binary);
    out << example;
  }
  std::vector<std::string> words = words_of(meta.example_options);
  words.insert(words.end(), {"--nodes", file.string(), "--select", std::string(meta.code)});
  const LintResult result = lint({}, test::options_from_words(words, ""));
  fs::remove(file);
  std::vector<std::string> codes;
  for (const FileResult &linted : result.files) {
    for (const Diagnostic &d : linted.diagnostics) {
      codes.push_back(d.code);
    }
  }
  return codes;
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
    REQUIRE(find_rule(code));
    CHECK(&rule_meta(*find_rule(code)) == rule.meta);
    CHECK(rule.meta->id == *find_rule(code));
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
    if (rule.pool) {
      const std::vector<std::string> bad = registry_inventory_codes(meta, meta.example_bad);
      CHECK(std::find(bad.begin(), bad.end(), std::string(meta.code)) != bad.end());
      CHECK(registry_inventory_codes(meta, meta.example_good).empty());
      continue;
    }
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
        rule.meta->code == "WC913" || rule.meta->code == "WC915" || rule.meta->code == "WC916") {
      continue; // covered by the end-to-end tests (unreadable files, bad configs, links out of the
                // repository: confine_test.cpp) and the kustomize tests (tests/kustomize/,
                // kustomize_test.cpp)
    }
    if (rule.meta->code == "WC910" || rule.meta->code == "WC911" || rule.meta->code == "WC917") {
      continue; // charts, not single files: tests/charts, helm_chart_test.cpp and helm_e2e_test.cpp
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

namespace {

std::string command_output(const std::string &command) {
  FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) {
    output.append(buffer, n);
  }
  pclose(pipe);
  return output;
}

} // namespace

TEST_CASE("README's rule table is generated from the registry and up to date", "[registry][e2e]") {
  const std::string readme = test::read_file(test::source_dir() + "/README.md");
  const std::string begin =
      "<!-- rules-table: generated by `wincompat rules --format table`; do not edit -->\n";
  const std::string end = "<!-- rules-table: end -->";
  const size_t from = readme.find(begin);
  REQUIRE(from != std::string::npos);
  const size_t to = readme.find(end, from);
  REQUIRE(to != std::string::npos);
  const std::string committed = readme.substr(from + begin.size(), to - from - begin.size());
  const std::string generated = command_output(std::string(WINCOMPAT_BINARY) + " rules --format table");
  INFO("regenerate README's table between the rules-table comments with: build/wincompat rules --format "
       "table");
  CHECK(generated == committed);
  // Every rule is in it, once.
  for (const RuleEntry &rule : all_rules()) {
    CHECK(committed.find("| [" + std::string(rule.meta->code) + "]") != std::string::npos);
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
