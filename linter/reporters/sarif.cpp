// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, VS Code SARIF viewer).
//
// One run; tool.driver.rules lists every rule (not only those that fired) so a
// result's ruleIndex is stable. Locations are relative to %SRCROOT% (the
// working directory) when the file lies below it, as GitHub prefers; columns
// are UTF-16 code units (the LSP ranges, plus one). partialFingerprints hash
// the rule, the path and the flagged text, never the line number, so a result
// keeps its identity when unrelated lines move it.
#include "enum_names.hpp"
#include "reporters.hpp"

#include "wincompat/rule.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

namespace wincompat {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char *kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char *kInformationUri = "https://wincompat.dev";
constexpr const char *kSrcRoot = "%SRCROOT%";

constexpr EnumName<Severity> kLevels[] = {
    {Severity::Error, "error"}, {Severity::Warning, "warning"}, {Severity::Info, "note"}};

std::string_view sarif_level(Severity severity) {
  return name_of(severity, kLevels, "none");
}

std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    if (c == '-' || c == '_' || c == ' ') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

/// SARIF messages are sentences: they end with a period.
std::string sentence(std::string_view text) {
  std::string out(text);
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) {
    out.pop_back();
  }
  if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') {
    out += '.';
  }
  return out;
}

constexpr EnumName<Target> kTargetTags[] = {{Target::Dockerfile, "dockerfile"},
                                            {Target::Kubernetes, "kubernetes"}};

std::string_view target_tag(Target target) {
  return name_of(target, kTargetTags, "dockerfile-and-kubernetes");
}

std::string help_text(const RuleMeta &meta) {
  std::string text = sentence(meta.fix) + "\n\nExample that fires";
  if (!meta.example_options.empty()) {
    text += " (with " + std::string(meta.example_options) + ")";
  }
  return text + ":\n\n" + std::string(meta.example_bad) + "\n\nUse instead:\n\n" +
         std::string(meta.example_good) +
         "\n\nSuppress it with `# wincompat ignore=" + std::string(meta.code) +
         "` on the line before, or on a Kubernetes object with the annotation `wincompat.dev/ignore: \"" +
         std::string(meta.code) + "\"`. Documentation: " + help_url(meta.code);
}

std::string help_markdown(const RuleMeta &meta) {
  std::string text = "### How to fix\n\n" + sentence(meta.fix) + "\n\n### Example\n\n```\n" +
                     std::string(meta.example_bad) + "\n```\n\nUse instead:\n\n```\n" +
                     std::string(meta.example_good) + "\n```\n\n";
  if (!meta.example_options.empty()) {
    text += "(with `" + std::string(meta.example_options) + "`)\n\n";
  }
  return text + "### Suppress\n\n`# wincompat ignore=" + std::string(meta.code) +
         "` on the line before, the annotation `wincompat.dev/ignore: \"" + std::string(meta.code) +
         "\"` on a Kubernetes object (or its pod template), or `rules: {" + std::string(meta.code) +
         ": off}` in `.wincompat.yaml`.\n\n[" + std::string(meta.code) + " documentation](" +
         help_url(meta.code) + ")";
}

Json rule_json(const RuleMeta &meta) {
  return Json{{"id", meta.code},
              {"name", pascal_case(meta.name)},
              {"shortDescription", Json{{"text", sentence(meta.summary)}}},
              {"fullDescription", Json{{"text", sentence(meta.rationale)}}},
              {"help", Json{{"text", help_text(meta)}, {"markdown", help_markdown(meta)}}},
              {"helpUri", help_url(meta.code)},
              {"defaultConfiguration", Json{{"level", sarif_level(meta.default_severity)}}},
              {"properties", Json{{"tags", Json::array({"windows-containers", target_tag(meta.target)})}}}};
}

Json driver_json() {
  Json rules = Json::array();
  for (const RuleEntry &rule : all_rules()) {
    rules.push_back(rule_json(*rule.meta));
  }
  return Json{{"name", "wincompat"},
              {"version", WINCOMPAT_VERSION},
              {"semanticVersion", WINCOMPAT_VERSION},
              {"informationUri", kInformationUri},
              {"rules", rules}};
}

/// `file://` URI of the working directory, ending with a slash.
std::string root_uri() {
  std::string uri = file_uri(".");
  if (!uri.ends_with('/')) {
    uri += '/';
  }
  return uri;
}

/// A relative reference to %SRCROOT% when the file lies below it, else the absolute URI.
Json artifact_json(const std::string &uri, const std::string &root) {
  if (uri.starts_with(root) && uri.size() > root.size()) {
    return Json{{"uri", uri.substr(root.size())}, {"uriBaseId", kSrcRoot}};
  }
  return Json{{"uri", uri}};
}

Json region_json(const Range &range) {
  return Json{{"startLine", range.start.line + 1},
              {"startColumn", range.start.character + 1},
              {"endLine", range.end.line + 1},
              {"endColumn", range.end.character + 1}};
}

Json location_json(const std::string &uri, const Range &range, const std::string &root) {
  return Json{{"physicalLocation",
               Json{{"artifactLocation", artifact_json(uri, root)}, {"region", region_json(range)}}}};
}

uint64_t fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return hash;
}

/// Whitespace runs become one blank; leading and trailing ones go.
std::string squeeze(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

/// What identifies a finding apart from where it is: the flagged text and
/// the lines it sits on. A file with no text (WC902) has only its message.
std::string fingerprint_text(const FileResult &file, const Diagnostic &d) {
  if (!file.source) {
    return d.message;
  }
  const SourceFile &source = *file.source;
  const auto size = static_cast<uint32_t>(source.text().size());
  const uint32_t begin = std::min(d.span.begin, size);
  const uint32_t end = std::min(std::max(d.span.end, begin), size);
  const uint32_t first = source.line_start(source.line_of(begin));
  const uint32_t last_line = source.line_of(end);
  const std::string_view last = source.line(last_line);
  const uint32_t stop = std::max(end, source.line_start(last_line) + static_cast<uint32_t>(last.size()));
  const std::string_view text(source.text());
  return squeeze(text.substr(begin, end - begin)) + '\n' + squeeze(text.substr(first, stop - first));
}

std::string hex64(uint64_t value) {
  static const char *digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) {
    out[static_cast<size_t>(i)] = digits[value & 15];
  }
  return out;
}

/// Numbers identical fingerprints in a file (`hash:1`, `hash:2` ...), as
/// GitHub does for its own line hashes.
class Fingerprints {
public:
  std::string next(const std::string &path, const FileResult &file, const Diagnostic &d) {
    const uint64_t hash = fnv1a(fingerprint_text(file, d), fnv1a(path + '\n', fnv1a(d.code + '\n')));
    const std::string key = hex64(hash);
    return key + ':' + std::to_string(++seen_[key]);
  }

private:
  std::map<std::string, unsigned> seen_;
};

struct RunContext {
  std::string root;
};

Json related_json(const Diagnostic &d, const RunContext &run) {
  Json out = Json::array();
  int id = 1;
  for (const RelatedInformation &r : d.related) {
    const Json where = location_json(r.uri.empty() ? file_uri(r.path) : r.uri, r.range, run.root);
    out.push_back(Json{{"id", id++},
                       {"physicalLocation", where["physicalLocation"]},
                       {"message", Json{{"text", sentence(r.message)}}}});
  }
  return out;
}

Json result_json(const FileResult &file, const Diagnostic &d, const RunContext &run, Fingerprints &prints) {
  const std::string uri = file_uri(file.path);
  Json out{{"ruleId", d.code}};
  if (const std::optional<RuleCode> rule = find_rule(d.code)) {
    out["ruleIndex"] = static_cast<size_t>(*rule); // all_rules() is in RuleCode order
  }
  out["level"] = sarif_level(d.severity);
  out["message"] = Json{{"text", sentence(d.message)}};
  out["locations"] = Json::array({location_json(uri, d.range, run.root)});
  if (!d.related.empty()) {
    out["relatedLocations"] = related_json(d, run);
  }
  const Json &artifact = out["locations"][0]["physicalLocation"]["artifactLocation"];
  out["partialFingerprints"] =
      Json{{"wincompat/v1", prints.next(artifact["uri"].get<std::string>(), file, d)}};
  return out;
}

Json results_json(const LintResult &result, const RunContext &run) {
  Json results = Json::array();
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    Fingerprints prints;
    for (const Diagnostic &d : file.diagnostics) {
      results.push_back(result_json(file, d, run, prints));
    }
  }
  return results;
}

} // namespace

std::vector<std::vector<std::string>> finding_fingerprints(const LintResult &result) {
  const RunContext run{root_uri()};
  std::vector<std::vector<std::string>> out;
  out.reserve(result.files.size());
  for (const FileResult &file : result.files) {
    out.emplace_back();
    if (file.skipped) {
      continue;
    }
    Fingerprints prints;
    const Json artifact = artifact_json(file_uri(file.path), run.root);
    for (const Diagnostic &d : file.diagnostics) {
      out.back().push_back(prints.next(artifact["uri"].get<std::string>(), file, d));
    }
  }
  return out;
}

void report_sarif(const LintResult &result, std::ostream &out) {
  RunContext run{root_uri()};
  Json sarif_run{{"tool", Json{{"driver", driver_json()}}},
                 {"invocations", Json::array({Json{{"executionSuccessful", true}}})},
                 {"originalUriBaseIds", Json{{kSrcRoot, Json{{"uri", run.root}}}}},
                 {"columnKind", "utf16CodeUnits"},
                 {"results", results_json(result, run)}};
  const Json doc{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({sarif_run})}};
  out << escape_json_controls(doc.dump(2, ' ', false, Json::error_handler_t::replace)) << '\n';
}

} // namespace wincompat
