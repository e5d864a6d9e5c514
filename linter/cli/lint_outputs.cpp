// What `wincompat lint` does with a result beyond printing it: a baseline
// of known findings (--baseline, --write-baseline) and extra reports written
// to files in one run (--output-format FORMAT:FILE). docs/usage.md#baseline.
#include "commands.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace wincompat::cli {

namespace {

using BaselineJson = nlohmann::json;

constexpr const char *kBaselineTool = "wincompat";
constexpr int kBaselineVersion = 1;

std::string baseline_path_of(const FileResult &file) {
  return file.path;
}

} // namespace

std::optional<std::string> parse_output_spec(const std::string &spec, OutputSpec &out) {
  const size_t colon = spec.find(':');
  if (colon == std::string::npos || colon + 1 == spec.size()) {
    return "--output-format '" + spec + "': expected FORMAT:FILE, e.g. sarif:wincompat.sarif";
  }
  out.format = spec.substr(0, colon);
  out.path = spec.substr(colon + 1);
  if (out.format != "text" && out.format != "json" && out.format != "sarif" && out.format != "github") {
    return "--output-format '" + spec + "': unknown format '" + out.format +
           "' (text, json, sarif or github)";
  }
  return std::nullopt;
}

std::optional<std::string> write_outputs(const std::vector<OutputSpec> &outputs, const LintResult &result) {
  for (const OutputSpec &output : outputs) {
    std::ostringstream text;
    if (output.format == "json") {
      report_json(result, text);
    } else if (output.format == "sarif") {
      report_sarif(result, text);
    } else if (output.format == "github") {
      report_github(result, text);
    } else {
      report_text(result, text, false);
    }
    std::ofstream file(output.path, std::ios::binary | std::ios::trunc);
    file << text.str();
    file.close();
    if (!file) {
      return "cannot write " + printable(output.path) + " (--output-format " + output.format + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> write_baseline(const std::string &path, const LintResult &result,
                                          size_t &written) {
  const std::vector<std::vector<std::string>> prints = finding_fingerprints(result);
  BaselineJson findings = BaselineJson::array();
  for (size_t i = 0; i < result.files.size(); ++i) {
    const FileResult &file = result.files[i];
    for (size_t j = 0; j < prints[i].size(); ++j) {
      const Diagnostic &d = file.diagnostics[j];
      findings.push_back({{"fingerprint", prints[i][j]},
                          {"code", d.code},
                          {"path", baseline_path_of(file)},
                          {"line", d.range.start.line + 1},
                          {"message", d.message}});
    }
  }
  // Sorted by path, code and fingerprint, so that the file changes only where
  // the findings do (line numbers are for people; matching ignores them).
  std::vector<BaselineJson> sorted(findings.begin(), findings.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const BaselineJson &a, const BaselineJson &b) {
    return std::tie(a["path"].get_ref<const std::string &>(), a["code"].get_ref<const std::string &>(),
                    a["fingerprint"].get_ref<const std::string &>()) <
           std::tie(b["path"].get_ref<const std::string &>(), b["code"].get_ref<const std::string &>(),
                    b["fingerprint"].get_ref<const std::string &>());
  });
  const BaselineJson doc{{"tool", kBaselineTool}, {"version", kBaselineVersion}, {"findings", sorted}};
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << escape_json_controls(doc.dump(2, ' ', false, BaselineJson::error_handler_t::replace)) << '\n';
  file.close();
  if (!file) {
    return "cannot write the baseline " + printable(path);
  }
  written = sorted.size();
  return std::nullopt;
}

std::optional<std::string> apply_baseline(const std::string &path, LintResult &result, size_t &hidden) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return "cannot read the baseline " + printable(path) + " (write one with --write-baseline " +
           printable(path) + ")";
  }
  const BaselineJson doc = BaselineJson::parse(file, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("tool", "") != kBaselineTool ||
      !doc.contains("findings") || !doc["findings"].is_array()) {
    return printable(path) + " is not a wincompat baseline (write one with --write-baseline)";
  }
  if (!doc.contains("version") || doc["version"] != kBaselineVersion) {
    return printable(path) + ": baseline version " + printable(doc.value("version", BaselineJson()).dump()) +
           " is not " + std::to_string(kBaselineVersion) + "; write it again with --write-baseline";
  }
  // (path, fingerprint) pairs; a fingerprint already carries its code.
  std::map<std::pair<std::string, std::string>, bool> known;
  for (const BaselineJson &finding : doc["findings"]) {
    if (!finding.is_object() || !finding.contains("fingerprint") || !finding["fingerprint"].is_string() ||
        !finding.contains("path") || !finding["path"].is_string()) {
      return printable(path) + ": a finding without a string fingerprint and path";
    }
    known[{finding["path"].get<std::string>(), finding["fingerprint"].get<std::string>()}] = true;
  }
  const std::vector<std::vector<std::string>> prints = finding_fingerprints(result);
  hidden = 0;
  for (size_t i = 0; i < result.files.size(); ++i) {
    FileResult &file = result.files[i];
    if (prints[i].empty()) {
      continue;
    }
    std::vector<Diagnostic> kept;
    for (size_t j = 0; j < file.diagnostics.size(); ++j) {
      if (known.count({baseline_path_of(file), prints[i][j]})) {
        ++hidden;
      } else {
        kept.push_back(std::move(file.diagnostics[j]));
      }
    }
    file.diagnostics = std::move(kept);
  }
  return std::nullopt;
}

} // namespace wincompat::cli
