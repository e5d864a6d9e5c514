// The editor format (docs/json-output.md): LSP Diagnostics grouped per file.
#include "reporters.hpp"

#include "wincompat/rule.hpp"

#include <nlohmann/json.hpp>

namespace wincompat {

namespace {

using Json = nlohmann::ordered_json;

Json position_json(const Position &p) {
  return Json{{"line", p.line}, {"character", p.character}};
}

Json range_json(const Range &r) {
  return Json{{"start", position_json(r.start)}, {"end", position_json(r.end)}};
}

Json fix_json(const Fix &fix) {
  Json edits = Json::array();
  for (const TextEdit &edit : fix.edits) {
    edits.push_back(Json{{"range", range_json(edit.range)}, {"newText", edit.new_text}});
  }
  return Json{{"title", fix.title}, {"edits", edits}};
}

Json data_json(const DiagnosticData &data) {
  Json out = Json::object();
  if (!data.image.empty()) {
    out["image"] = data.image;
  }
  if (!data.image_build.empty()) {
    out["imageBuild"] = data.image_build;
  }
  if (!data.hosts.empty()) {
    Json hosts = Json::array();
    for (const HostRef &host : data.hosts) {
      hosts.push_back(Json{{"name", host.name}, {"build", host.build}});
    }
    out["hosts"] = hosts;
  }
  if (!data.isolation.empty()) {
    out["isolation"] = data.isolation;
  }
  if (!data.environment.empty()) {
    out["environment"] = data.environment;
  }
  if (!data.source.empty()) {
    out["source"] = data.source;
  }
  if (data.fix) {
    out["fix"] = fix_json(*data.fix);
  }
  return out;
}

} // namespace

Json diagnostic_json(const Diagnostic &d) {
  Json out{{"range", range_json(d.range)},
           {"severity", static_cast<int>(d.severity)},
           {"code", d.code},
           {"codeDescription", Json{{"href", help_url(d.code)}}},
           {"source", "wincompat"},
           {"message", d.message}};
  if (!d.related.empty()) {
    Json related = Json::array();
    for (const RelatedInformation &r : d.related) {
      related.push_back(
          Json{{"location", Json{{"uri", r.uri}, {"range", range_json(r.range)}}}, {"message", r.message}});
    }
    out["relatedInformation"] = related;
  }
  if (!d.data.empty()) {
    out["data"] = data_json(d.data);
  }
  return out;
}

namespace {

/// Writes `value` as dump(2) would at nesting depth `depth` (two spaces each).
void write_indented(std::ostream &out, const Json &value, int depth) {
  const std::string text = escape_json_controls(value.dump(2, ' ', false, Json::error_handler_t::replace));
  const std::string pad(static_cast<size_t>(depth) * 2, ' ');
  size_t start = 0;
  while (true) {
    const size_t newline = text.find('\n', start);
    out.write(text.data() + start,
              static_cast<std::streamsize>((newline == std::string::npos ? text.size() : newline) - start));
    if (newline == std::string::npos) {
      return;
    }
    out << '\n' << pad;
    start = newline + 1;
  }
}

} // namespace

// Streams one file at a time (the same bytes as dumping one document), so a
// run over thousands of files never holds the whole output in memory.
void report_json(const LintResult &result, std::ostream &out) {
  out << "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"wincompat\",\n    \"version\": "
      << Json(WINCOMPAT_VERSION).dump() << "\n  },\n  \"files\": [";
  bool first = true;
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    Json diagnostics = Json::array();
    for (const Diagnostic &d : file.diagnostics) {
      diagnostics.push_back(diagnostic_json(d));
    }
    out << (first ? "\n    " : ",\n    ");
    first = false;
    write_indented(out, Json{{"path", file.path}, {"uri", file.uri}, {"diagnostics", diagnostics}}, 2);
  }
  out << (first ? "]" : "\n  ]");
  const Summary s = summarize(result);
  out << ",\n  \"summary\": ";
  write_indented(
      out, Json{{"files", s.files}, {"error", s.errors}, {"warning", s.warnings}, {"info", s.infos}}, 1);
  out << "\n}\n";
}

} // namespace wincompat
