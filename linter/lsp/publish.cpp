// Diagnostics in the client's position encoding, and quick fixes from them.
#include "lsp/server.hpp"

#include <algorithm>

namespace wincompat::lsp {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// Moves engine positions (UTF-16, over the text without a BOM) into the
/// client's view of one text (its encoding, its BOM if it kept one).
class PositionMap {
public:
  PositionMap(std::string_view text, Encoding encoding)
      : bom_(text.starts_with(kBom) ? kBom.size() : 0), engine_(text.substr(bom_)), client_(text),
        encoding_(encoding) {}
  bool identity() const {
    return bom_ == 0 && encoding_ == Encoding::Utf16;
  }
  void move(Json &position) const {
    const size_t offset = engine_.offset(position_from_json(position), Encoding::Utf16) + bom_;
    position = position_to_json(client_.position(offset, encoding_));
  }
  void move_range(Json &range) const {
    move(range["start"]);
    move(range["end"]);
  }

private:
  size_t bom_;
  LineIndex engine_;
  LineIndex client_;
  Encoding encoding_;
};

void move_related(Json &related, const std::string &uri, const PositionMap &own, Encoding encoding,
                  const TextLookup &lookup) {
  for (Json &item : related) {
    Json &location = item["location"];
    const std::string &target = location["uri"].get_ref<const std::string &>();
    if (target == uri) {
      own.move_range(location["range"]);
    } else if (encoding != Encoding::Utf16) {
      // Another file: converted over its text when it can be read.
      if (const auto text = lookup(target)) {
        PositionMap(*text, encoding).move_range(location["range"]);
      }
    }
  }
}

} // namespace

Json client_diagnostics(const std::vector<Diagnostic> &diagnostics, const Document &document,
                        Encoding encoding, const TextLookup &lookup) {
  const PositionMap map(document.text, encoding);
  Json out = Json::array();
  for (const Diagnostic &d : diagnostics) {
    Json json = diagnostic_json(d);
    if (!map.identity()) {
      map.move_range(json["range"]);
      if (json.contains("data") && json["data"].contains("fix")) {
        for (Json &edit : json["data"]["fix"]["edits"]) {
          map.move_range(edit["range"]);
        }
      }
    }
    if (json.contains("relatedInformation")) {
      move_related(json["relatedInformation"], document.uri, map, encoding, lookup);
    }
    out.push_back(std::move(json));
  }
  return out;
}

namespace {

bool before_or_at(const Json &a, const Json &b) {
  const auto line_a = a.at("line").get<int64_t>(), line_b = b.at("line").get<int64_t>();
  return line_a < line_b ||
         (line_a == line_b && a.at("character").get<int64_t>() <= b.at("character").get<int64_t>());
}

bool overlaps(const Json &a, const Json &b) {
  return before_or_at(a.at("start"), b.at("end")) && before_or_at(b.at("start"), a.at("end"));
}

bool is_ours(const Json &diagnostic) {
  if (!diagnostic.is_object()) {
    return false;
  }
  const auto source = diagnostic.find("source");
  return source == diagnostic.end() || *source == "wincompat";
}

const Json *fix_in(const Json &diagnostic) {
  const auto data = diagnostic.find("data");
  if (data == diagnostic.end() || !data->is_object()) {
    return nullptr;
  }
  const auto fix = data->find("fix");
  return fix != data->end() && fix->is_object() && fix->contains("edits") && (*fix)["edits"].is_array()
             ? &*fix
             : nullptr;
}

/// The fix of a diagnostic the client sent back: its own `data`, or else
/// the one published with the same code and range (clients may drop `data`).
const Json *fix_for(const Json &diagnostic, const Json *published) {
  if (const Json *fix = fix_in(diagnostic)) {
    return fix;
  }
  if (!published) {
    return nullptr;
  }
  for (const Json &sent : *published) {
    if (sent.value("code", Json()) == diagnostic.value("code", Json()) &&
        sent.value("range", Json()) == diagnostic.value("range", Json())) {
      return fix_in(sent);
    }
  }
  return nullptr;
}

Json quick_fix(const std::string &uri, const Json &diagnostic, const Json &fix) {
  const Json title =
      fix.contains("title") && fix["title"].is_string() ? fix["title"] : Json("Apply wincompat fix");
  return Json{{"title", title},
              {"kind", "quickfix"},
              {"diagnostics", Json::array({diagnostic})},
              {"isPreferred", true},
              {"edit", Json{{"changes", Json{{uri, fix["edits"]}}}}}};
}

bool wants_quick_fixes(const Json &context) {
  const auto only = context.find("only");
  if (only == context.end() || !only->is_array()) {
    return true;
  }
  return std::any_of(only->begin(), only->end(), [](const Json &kind) {
    return kind == "quickfix" || kind == ""; // "" is the base of every kind
  });
}

} // namespace

Json code_actions(const Json &params, const Json *published) {
  const std::string &uri = params.at("textDocument").at("uri").get_ref<const std::string &>();
  const Json context = params.value("context", Json::object());
  Json actions = Json::array();
  if (!context.is_object() || !wants_quick_fixes(context)) {
    return actions;
  }
  const Json given = context.value("diagnostics", Json::array());
  for (const Json &diagnostic : given) {
    if (is_ours(diagnostic)) {
      if (const Json *fix = fix_for(diagnostic, published)) {
        actions.push_back(quick_fix(uri, diagnostic, *fix));
      }
    }
  }
  // A client that sends no diagnostics still gets the fixes under the range.
  if (given.empty() && published && params.contains("range")) {
    for (const Json &sent : *published) {
      if (const Json *fix = fix_in(sent); fix && overlaps(sent.at("range"), params["range"])) {
        actions.push_back(quick_fix(uri, sent, *fix));
      }
    }
  }
  return actions;
}

} // namespace wincompat::lsp
