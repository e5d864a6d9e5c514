// Rule metadata as data: every rule of rules/rules.def has one doc file in
// rules/docs (and every doc file one rule), each reads without a problem,
// and the engine applies the rules' declared policies without naming them.
#include "test_support.hpp"

#include "rule_docs.hpp"
#include "wincompat/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace wincompat;

TEST_CASE("every rule has exactly one doc file and every doc file is a rule's", "[registry][rule-docs]") {
  std::set<std::string> on_disk;
  for (const auto &entry : fs::directory_iterator(test::source_dir() + "/rules/docs")) {
    INFO(entry.path().string());
    CHECK(entry.path().extension() == ".md");
    on_disk.insert(entry.path().stem().string());
  }
  std::set<std::string> embedded;
  for (const auto &[name, text] : data::rule_docs()) {
    CHECK(embedded.insert(std::string(name)).second);
  }
  std::set<std::string> declared;
  for (const RuleEntry &rule : all_rules()) {
    declared.insert(std::string(rule.meta->code));
  }
  CHECK(on_disk == declared);
  CHECK(embedded == declared); // the build embeds what is on disk
}

TEST_CASE("every rule doc reads without a problem", "[registry][rule-docs]") {
  for (const auto &[name, text] : data::rule_docs()) {
    INFO(name);
    RuleMeta meta;
    std::deque<std::string> storage;
    CHECK(parse_rule_doc(text, meta, storage) == std::nullopt);
  }
}

namespace {

const std::string kGoodDoc =
    "---\nname: some-rule\nseverity: warning\ntarget: kubernetes\nscope: run\n"
    "merge: one-per-image\nyields-to: WC301, wc302\nexample-options: --host ltsc2022\n---\n\n"
    "## Summary\n\nA summary\nwrapped over lines.\n\n## Rationale\n\nOne.\n\nTwo.\n\n"
    "## Bad example\n\n```yaml\nkind: Pod\n\n## not a heading\n```\n\n"
    "## Good example\n\n```\nok\n```\n\n## Fix\n\nDo it.\n";

std::optional<std::string> problem_of(const std::string &text) {
  RuleMeta meta;
  std::deque<std::string> storage;
  return parse_rule_doc(text, meta, storage);
}

std::string replaced(std::string text, const std::string &from, const std::string &to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a rule doc's front matter and sections fill its metadata", "[rule-docs]") {
  RuleMeta meta;
  std::deque<std::string> storage;
  REQUIRE(parse_rule_doc(kGoodDoc, meta, storage) == std::nullopt);
  CHECK(meta.name == "some-rule");
  CHECK(meta.default_severity == Severity::Warning);
  CHECK(meta.target == Target::Kubernetes);
  CHECK(meta.scope == Scope::Run);
  CHECK(meta.merge == Merge::OnePerImage);
  CHECK(meta.yields_to == std::vector<RuleCode>{RuleCode::WC301, RuleCode::WC302});
  CHECK(meta.example_options == "--host ltsc2022");
  CHECK(meta.summary == "A summary wrapped over lines.");
  CHECK(meta.rationale == "One.\n\nTwo.");
  CHECK(meta.example_bad == "kind: Pod\n\n## not a heading");
  CHECK(meta.example_good == "ok");
  CHECK(meta.fix == "Do it.");
}

TEST_CASE("a malformed rule doc is reported, not read in part", "[rule-docs]") {
  CHECK(problem_of(replaced(kGoodDoc, "---\nname", "name")));
  CHECK(problem_of(replaced(kGoodDoc, "severity: warning", "severity: fatal")));
  CHECK(problem_of(replaced(kGoodDoc, "merge: one-per-image", "merge: often")));
  CHECK(problem_of(replaced(kGoodDoc, "scope: run", "scope: cluster")));
  CHECK(problem_of(replaced(kGoodDoc, "yields-to: WC301", "yields-to: WC999")));
  CHECK(problem_of(replaced(kGoodDoc, "name: some-rule", "nmae: some-rule")));
  CHECK(problem_of(replaced(kGoodDoc, "## Fix\n\nDo it.\n", "")));
  CHECK(problem_of(replaced(kGoodDoc, "## Fix", "## Summary")));
  CHECK(problem_of(replaced(kGoodDoc, "```\nok\n```", "ok")));
  CHECK(problem_of(replaced(kGoodDoc, "\n## Summary", "stray\n## Summary")));
}

TEST_CASE("rule codes are typed: one lookup by text, a guaranteed entry by code", "[registry]") {
  CHECK(find_rule("WC302") == RuleCode::WC302);
  CHECK(find_rule("wc302") == RuleCode::WC302);
  CHECK_FALSE(find_rule("WC999"));
  CHECK_FALSE(find_rule("WC30"));
  CHECK(rule_meta(RuleCode::WC906).code == "WC906");
  CHECK(rule_meta(RuleCode::WC906).merge == Merge::FirstPerRun);
  CHECK(rule_meta(RuleCode::WC208).merge == Merge::OnePerImage);
  CHECK(rule_meta(RuleCode::WC212).scope == Scope::Run);
  CHECK(&all_rules()[static_cast<size_t>(RuleCode::WC212)] ==
        &*std::find_if(all_rules().begin(), all_rules().end(),
                       [](const RuleEntry &rule) { return rule.meta->code == "WC212"; }));
  const Diagnostic d = engine_diagnostic(RuleCode::WC905, "not linted");
  CHECK(d.code == "WC905");
  CHECK(d.severity == Severity::Info);
}

TEST_CASE("a rule's scope matches its checks", "[registry]") {
  for (const RuleEntry &rule : all_rules()) {
    INFO(rule.meta->code);
    CHECK((rule.meta->scope == Scope::Run) == (rule.run != nullptr));
    if (rule.run) {
      CHECK_FALSE(rule.dockerfile);
      CHECK_FALSE(rule.pod);
    }
  }
}

TEST_CASE("the engine names no rule: it applies the rules' declared policies", "[registry]") {
  const std::string engine = test::read_file(test::source_dir() + "/linter/engine.cpp");
  static const std::regex code_literal("\"WC[0-9]");
  CHECK_FALSE(std::regex_search(engine, code_literal));
}
