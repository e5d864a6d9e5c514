// The editor format (spec/json-output.md): LSP Diagnostics grouped per file.
#include "reporters.hpp"

#include "wincompat/rule.hpp"

#include <nlohmann/json.hpp>

namespace wincompat {

namespace {

using Json = nlohmann::ordered_json;

Json position_json(const Position &p) { return Json{{"line", p.line}, {"character", p.character}}; }

Json range_json(const Range &r) { return Json{{"start", position_json(r.start)}, {"end", position_json(r.end)}}; }

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
      related.push_back(Json{{"location", Json{{"uri", r.uri}, {"range", range_json(r.range)}}}, {"message", r.message}});
    }
    out["relatedInformation"] = related;
  }
  if (!d.data.empty()) {
    out["data"] = data_json(d.data);
  }
  return out;
}

void report_json(const LintResult &result, std::ostream &out) {
  Json files = Json::array();
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    Json diagnostics = Json::array();
    for (const Diagnostic &d : file.diagnostics) {
      diagnostics.push_back(diagnostic_json(d));
    }
    files.push_back(Json{{"path", file.path}, {"uri", file.uri}, {"diagnostics", diagnostics}});
  }
  const Summary s = summarize(result);
  const Json doc{{"version", 1},
                 {"tool", Json{{"name", "wincompat"}, {"version", WINCOMPAT_VERSION}}},
                 {"files", files},
                 {"summary", Json{{"files", s.files}, {"error", s.errors}, {"warning", s.warnings}, {"info", s.infos}}}};
  // Invalid UTF-8 cannot reach here (decode rejects it), but replace rather than throw.
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace wincompat
