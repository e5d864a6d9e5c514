// Property: the default mode, which skips documents that cannot matter from
// their bytes alone, finds exactly what --all-documents finds (apart from
// syntax errors in documents it does not parse). Checked over every YAML
// fixture, golden input, example and a bench-generated corpus, and over
// variants of each written the ways real files differ: flow style and JSON
// after an explicit `---`, a quoted `"kind"` key, a comment first.
#include "e2e_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>

namespace fs = std::filesystem;
using namespace wincompat;

namespace {

bool is_yaml(const fs::path &path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

void add_yaml_under(const fs::path &root, std::vector<fs::path> &out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && is_yaml(it->path()) && it->file_size() < (256u << 10)) {
      out.push_back(it->path());
    }
  }
}

/// Every document re-emitted by yaml-cpp in flow style (or JSON-like, every
/// scalar double-quoted), each after an explicit `---`. Empty when the text
/// is not YAML that yaml-cpp reads (templates, broken fixtures).
std::string flow_variant(const std::string &text, bool json) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception &) {
    return "";
  }
  std::string out;
  for (const YAML::Node &doc : docs) {
    if (!doc || doc.IsNull()) {
      continue;
    }
    YAML::Emitter emitter;
    emitter.SetMapFormat(YAML::Flow);
    emitter.SetSeqFormat(YAML::Flow);
    if (json) {
      emitter.SetStringFormat(YAML::DoubleQuoted);
    }
    emitter << doc;
    if (!emitter.good()) {
      return "";
    }
    out += "---\n" + std::string(emitter.c_str()) + "\n";
  }
  return out;
}

std::string quoted_kind_variant(const std::string &text) {
  static const std::regex kind_key("^kind:", std::regex::multiline);
  return std::regex_replace(text, kind_key, "\"kind\":");
}

std::string comment_first_variant(const std::string &text) {
  static const std::regex marker("^---[ \t]*$", std::regex::multiline);
  return "# leading comment\n" + std::regex_replace(text, marker, "---\n# a comment first");
}

/// What a lint finds, syntax errors aside: code, position and message.
std::vector<std::string> findings(const std::string &name, const std::string &text, bool all_documents) {
  LintOptions options = test::options_from_words({"--host", "ltsc2022"});
  options.all_documents = all_documents;
  std::vector<std::string> out;
  for (const Diagnostic &d : lint_text(name, text, options).diagnostics) {
    if (d.code != "WC901" && d.code != "WC902") {
      out.push_back(d.code + "@" + std::to_string(d.range.start.line + 1) + ":" +
                    std::to_string(d.range.start.character + 1) + " " + d.message);
    }
  }
  return out;
}

void check_same(const std::string &label, const std::string &name, const std::string &text) {
  if (text.empty()) {
    return;
  }
  INFO(label << "\n" << text.substr(0, 2000));
  CHECK(findings(name, text, false) == findings(name, text, true));
}

} // namespace

TEST_CASE("default mode finds exactly what --all-documents finds, in every style a manifest is written",
          "[yaml][property]") {
  const fs::path source = test::source_dir();
  std::vector<fs::path> files;
  add_yaml_under(source / "tests/fixtures", files);
  add_yaml_under(source / "tests/golden/input", files);
  add_yaml_under(source / "examples", files);
  e2e::TempDir corpus(false);
  const std::string generate = "python3 " + e2e::sh_quote((source / "bench/gen_yaml_corpus.py").string()) +
                               " " + e2e::sh_quote(corpus.path().string()) + " 48 --seed 7 --jobs 1 --quiet";
  if (std::system(generate.c_str()) == 0) {
    add_yaml_under(corpus.path(), files);
  } else {
    WARN("python3 could not generate the bench corpus; checking the repository's files only");
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 40);
  size_t flow_variants = 0;
  for (const fs::path &path : files) {
    const std::string text = test::read_file(path.string());
    const std::string name = path.filename().string();
    const std::string flow = flow_variant(text, false);
    flow_variants += !flow.empty();
    check_same(path.string() + " (as written)", name, text);
    check_same(path.string() + " (flow style after ---)", name, flow);
    check_same(path.string() + " (JSON style after ---)", name, flow_variant(text, true));
    check_same(path.string() + " (quoted kind)", name, quoted_kind_variant(text));
    check_same(path.string() + " (comment first)", name, comment_first_variant(text));
  }
  CHECK(flow_variants > 20); // the variants really were generated
}
