#include "yaml_emit.hpp"
#include "limits.hpp"
#include "regex.hpp"
#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace wincompat::helm {

namespace {

/// go-yaml v2's resolve(): a plain scalar that is not a string.
bool resolves_to_non_string(const std::string &s) {
  static const char *const kSpecial[] = {
      "",      "~",     "null",  "Null",  "NULL",  "y",     "Y",    "yes",  "Yes",   "YES",
      "n",     "N",     "no",    "No",    "NO",    "true",  "True", "TRUE", "false", "False",
      "FALSE", "on",    "On",    "ON",    "off",   "Off",   "OFF",  ".inf", ".Inf",  ".INF",
      "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",  "<<"};
  for (const char *k : kSpecial) {
    if (s == k) {
      return true;
    }
  }
  static const regex::Regex kFloat(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  static const regex::Regex kInt(R"(^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$)");
  static const regex::Regex kBase60(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)");
  static const regex::Regex kTimestamp(
      R"(^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]+[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?\s*(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$)");
  const char c = s[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) {
    return false;
  }
  return regex::fixed_match(kFloat, s) || regex::fixed_match(kInt, s) || regex::fixed_match(kBase60, s) ||
         regex::fixed_match(kTimestamp, s);
}

bool printable(unsigned char c) {
  return c == '\n' || (c >= 0x20 && c != 0x7f);
}

/// libyaml's analysis: may the string be written plain in block context?
bool block_plain_allowed(const std::string &s) {
  if (s.empty() || s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) {
    return false;
  }
  if (s.front() == ' ' || s.back() == ' ') {
    return false;
  }
  const std::string indicators = "#,[]{}&*!|>'\"%@`";
  if (indicators.find(s[0]) != std::string::npos) {
    return false;
  }
  if ((s[0] == '-' || s[0] == '?' || s[0] == ':') && (s.size() == 1 || s[1] == ' ')) {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!printable(c) || c == '\n') {
      return false;
    }
    if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) {
      return false;
    }
    if (s[i] == '#' && i > 0 && s[i - 1] == ' ') {
      return false;
    }
  }
  return true;
}

std::string yaml_float(double f) {
  if (!std::isfinite(f)) {
    return std::isnan(f) ? ".nan" : f > 0 ? ".inf" : "-.inf";
  }
  // JSON prints integral floats as integers, which YAML then reads as ints.
  if (f == std::floor(f) && std::abs(f) < 9.2e18) {
    return std::to_string(static_cast<int64_t>(f));
  }
  return format_float_g(f);
}

/// The bytes of the UTF-8 character at `i` (1 for a stray byte).
size_t fold_char_size(const std::string &s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t n = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 1;
  return std::min(n, s.size() - i);
}

/// go-yaml v2's folding of a long scalar (emitterc.go, v2.4.x:
/// yaml_emitter_write_plain/single_quoted/double_quoted_scalar; Helm 4.0's
/// sigs.k8s.io/yaml v1.6.0 uses go.yaml.in/yaml/v2 v2.4.2, whose emitter is
/// Debian's gopkg.in/yaml.v2 2.4.0's, line for line). At a space, once the
/// line is past the best width (80 columns, counted in characters), the
/// space becomes a line break and the scalar goes on at `indent`. Plain and
/// single-quoted scalars fold only at a single space between non-spaces; a
/// double-quoted one at any space but its first and last character, with
/// `\` keeping a following space. `s` is the value, `column` where the
/// scalar starts (after "key: "). Empty when nothing folds.
std::string fold_scalar(const std::string &s, char style, size_t column, size_t indent) {
  constexpr size_t kBestWidth = 80;
  std::string out;
  bool folded = false;
  bool spaces = false;
  const std::string pad = "\n" + std::string(indent, ' ');
  if (style != 'p') {
    out += style;
    ++column;
  }
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      const bool next_space = i + 1 < s.size() && s[i + 1] == ' ';
      const bool may = style == 'p'    ? !next_space
                       : style == '\'' ? i > 0 && i + 1 < s.size() && !next_space
                                       : i > 0 && i + 1 < s.size();
      if (!spaces && column > kBestWidth && may) {
        out += pad;
        column = indent;
        if (style == '"' && next_space) {
          out += '\\';
          ++column;
        }
        folded = true;
      } else {
        out += ' ';
        ++column;
      }
      spaces = true;
      ++i;
      continue;
    }
    const size_t n = fold_char_size(s, i);
    const std::string ch = s.substr(i, n);
    if (style == '"') {
      const std::string written = escape_double_quoted(ch, QuoteDialect::Yaml);
      out += written;
      column += written == ch ? 1 : written.size();
    } else {
      out += ch;
      ++column;
      if (style == '\'' && ch == "'") {
        out += '\'';
        ++column;
      }
    }
    spaces = false;
    i += n;
  }
  if (style != 'p') {
    out += style;
  }
  return folded ? out : std::string();
}

class YamlWriter {
public:
  Text out;
  bool indent_sequences = false; // go-yaml v3 with SetIndent(2) (toYamlPretty)

  void value(const Value &v, size_t indent, bool in_seq_item) {
    (void)in_seq_item;
    const bool is_map = v.kind == Value::Kind::Map;
    if (!is_map && v.kind != Value::Kind::List) {
      scalar(v, indent);
    } else if (is_map ? v.map->empty() : v.list->empty()) {
      out.append(is_map ? "{}\n" : "[]\n"); // flow style, as go-yaml writes an empty collection
    } else if (is_map) {
      map(*v.map, indent, false);
    } else {
      list(*v.list, indent, false);
    }
  }

  /// Entries at `indent`; `first_inline`: the first is already positioned.
  void map(const Map &m, size_t indent, bool first_inline) {
    const Nest nest(*this);
    bool first = true;
    for (const auto &[key, item] : m) {
      if (!(first && first_inline)) {
        out.append(std::string(indent, ' '));
      }
      first = false;
      check_string_size(out.str.size());
      out.append(key_text(key) + ":");
      child(item, indent, false);
    }
  }

  void list(const List &l, size_t indent, bool first_inline) {
    const Nest nest(*this);
    bool first = true;
    for (const Value &item : l) {
      if (!(first && first_inline)) {
        out.append(std::string(indent, ' '));
      }
      first = false;
      check_string_size(out.str.size());
      out.append("-");
      if (item.kind == Value::Kind::Map && !item.map->empty()) {
        out.append(" ");
        map(*item.map, indent + 2, true);
      } else if (item.kind == Value::Kind::List && !item.list->empty()) {
        out.append(" ");
        list(*item.list, indent + 2, true);
      } else {
        out.append(" ");
        value(item, indent + 2, true);
      }
    }
  }

  /// A mapping's value after "key:".
  void child(const Value &item, size_t indent, bool) {
    if (item.kind == Value::Kind::Map && !item.map->empty()) {
      out.append("\n");
      map(*item.map, indent + 2, false);
    } else if (item.kind == Value::Kind::List && !item.list->empty()) {
      out.append("\n");
      list(*item.list, indent_sequences ? indent + 2 : indent, false); // go-yaml v2: not indented
    } else {
      out.append(" ");
      value(item, indent + 2, false);
    }
  }

  void scalar(const Value &v, size_t indent) {
    switch (v.kind) {
    case Value::Kind::Nil:
      out.append("null\n");
      return;
    case Value::Kind::Bool:
      out.append(v.b ? "true" : "false", v.origin);
      break;
    case Value::Kind::Int:
      out.append(std::to_string(v.i), v.origin);
      break;
    case Value::Kind::Float:
      out.append(yaml_float(v.f), v.origin);
      break;
    case Value::Kind::String:
      string(v, indent);
      return;
    default:
      out.append(yaml_string(format_v(v)));
    }
    out.append("\n");
  }

  void string(const Value &v, size_t indent) {
    const std::string &s = v.str();
    if (depth_ == 0) {
      indent = 2; // a scalar alone (toYaml "text") goes on at go-yaml's first indent
    }
    if (s.find('\n') != std::string::npos && literal_allowed(s)) {
      const bool keep = !s.empty() && s.back() == '\n';
      const bool clip_more = keep && s.size() > 1 && s[s.size() - 2] == '\n';
      std::string header = "|";
      if (s[0] == ' ') {
        header += "2";
      }
      header += clip_more ? "+" : keep ? "" : "-";
      out.append(header + "\n");
      size_t begin = 0;
      const std::string pad(indent, ' ');
      const std::string body = keep ? s.substr(0, s.size() - 1) : s;
      while (begin <= body.size()) {
        size_t end = body.find('\n', begin);
        if (end == std::string::npos) {
          end = body.size();
        }
        if (end > begin) {
          out.append(pad);
          out.append(body.substr(begin, end - begin));
        }
        out.append("\n");
        begin = end + 1;
      }
      return;
    }
    const std::string written = yaml_string(s);
    if (!indent_sequences && s.size() > 1) { // go-yaml v3 (toYamlPretty) does not fold
      const size_t line = out.str.rfind('\n');
      size_t column = 0;
      for (size_t i = line == std::string::npos ? 0 : line + 1; i < out.str.size(); ++i) {
        column += (static_cast<unsigned char>(out.str[i]) & 0xC0) != 0x80 ? 1 : 0;
      }
      const char style = written == s ? 'p' : written[0] == '\'' ? '\'' : '"';
      const std::string folded = fold_scalar(s, style, column, indent);
      if (!folded.empty()) {
        out.append(folded, v.text.pieces.empty() ? nullptr : v.text.pieces.front().chain);
        out.append("\n");
        return;
      }
    }
    if (written == s) {
      out.append(v.text);
    } else {
      out.append(written, v.text.pieces.empty() ? nullptr : v.text.pieces.front().chain);
    }
    out.append("\n");
  }

  static bool literal_allowed(const std::string &s) {
    for (size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (!printable(c)) {
        return false;
      }
      if (s[i] == '\n' && i > 0 && s[i - 1] == ' ') {
        return false; // trailing space before a break: libyaml double-quotes
      }
    }
    return true;
  }

  static std::string key_text(const std::string &key) {
    return yaml_string(key);
  }

  /// One more level of maps and lists: within the bounds on depth, values
  /// walked and output (limits.hpp).
  struct Nest {
    YamlWriter &writer;
    explicit Nest(YamlWriter &w) : writer(w) {
      writer.walk_.enter(++writer.depth_);
      check_string_size(writer.out.str.size());
    }
    ~Nest() {
      --writer.depth_;
    }
    Nest(const Nest &) = delete;
    Nest &operator=(const Nest &) = delete;
  };
  ValueWalk walk_;
  size_t depth_ = 0;
};

void json_string(std::string &out, const std::string &s, bool escape_html) {
  append_go_json_string(out, s, escape_html, /*short_bf=*/false); // Helm's Go writes \u0008
}

void json_value(std::string &out, const Value &v, bool escape_html, bool pretty, size_t depth,
                ValueWalk &walk) {
  walk.enter(depth);
  check_string_size(out.size());
  const std::string nl = pretty ? "\n" + std::string((depth + 1) * 2, ' ') : "";
  const std::string close = pretty ? "\n" + std::string(depth * 2, ' ') : "";
  // A list or a map: its members between `open` and `shut`, one a line when pretty.
  const auto members = [&](const auto &items, char open, char shut, const auto &write) {
    out += open;
    if (!items.empty()) {
      bool first = true;
      for (const auto &item : items) {
        out += first ? nl : "," + nl;
        first = false;
        write(item);
      }
      out += close;
    }
    out += shut;
  };
  switch (v.kind) {
  case Value::Kind::Nil:
    out += "null";
    return;
  case Value::Kind::Bool:
    out += v.b ? "true" : "false";
    return;
  case Value::Kind::Int:
    out += std::to_string(v.i);
    return;
  case Value::Kind::Float:
    out += json_float(v.f);
    return;
  case Value::Kind::String:
    json_string(out, v.str(), escape_html);
    return;
  case Value::Kind::List:
    members(*v.list, '[', ']',
            [&](const Value &item) { json_value(out, item, escape_html, pretty, depth + 1, walk); });
    return;
  case Value::Kind::Map:
    members(*v.map, '{', '}', [&](const std::pair<const std::string, Value> &entry) {
      json_string(out, entry.first, escape_html);
      out += pretty ? ": " : ":";
      json_value(out, entry.second, escape_html, pretty, depth + 1, walk);
    });
    return;
  case Value::Kind::Object:
    if (const UnknownObject *unknown = as_unknown(v)) {
      json_string(out, unknown_placeholder(unknown->id), escape_html);
      return;
    }
    out += "{}";
    return;
  }
}

Value from_json(const nlohmann::json &j, ValueWalk &walk, size_t depth) {
  walk.enter(depth);
  switch (j.type()) {
  case nlohmann::json::value_t::null:
    return Value::nil();
  case nlohmann::json::value_t::boolean:
    return Value::boolean(j.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
  case nlohmann::json::value_t::number_float:
    return Value::floating(j.get<double>());
  case nlohmann::json::value_t::string:
    return Value::string(j.get<std::string>());
  case nlohmann::json::value_t::array: {
    List items;
    for (const auto &item : j) {
      items.push_back(from_json(item, walk, depth + 1));
    }
    return Value::new_list(std::move(items));
  }
  case nlohmann::json::value_t::object: {
    Map entries;
    for (auto it = j.begin(); it != j.end(); ++it) {
      entries[it.key()] = from_json(it.value(), walk, depth + 1);
    }
    return Value::new_map(std::move(entries));
  }
  default:
    return Value::nil();
  }
}

} // namespace

std::string yaml_string(const std::string &s) {
  if (s.find('\n') != std::string::npos) {
    return double_quoted(s, QuoteDialect::Yaml);
  }
  if (resolves_to_non_string(s)) {
    return double_quoted(s, QuoteDialect::Yaml);
  }
  if (block_plain_allowed(s)) {
    return s;
  }
  for (unsigned char c : s) {
    if (!printable(c)) {
      return double_quoted(s, QuoteDialect::Yaml);
    }
  }
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  return out + "'";
}

Text to_yaml(const Value &v, bool indent_sequences) {
  YamlWriter writer;
  writer.indent_sequences = indent_sequences;
  writer.value(v, 0, false);
  check_string_size(writer.out.str.size());
  Text out = std::move(writer.out);
  if (!out.str.empty() && out.str.back() == '\n') {
    out.str.pop_back();
    for (Piece &p : out.pieces) {
      p.end = std::min<uint32_t>(p.end, static_cast<uint32_t>(out.str.size()));
    }
  }
  return out;
}

std::string json_float(double f) {
  if (std::isnan(f) || std::isinf(f)) {
    return "null";
  }
  const double a = std::abs(f);
  char buf[400];
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    std::string s(buf, res.ptr);
    // e-07 -> e-7, e+21 stays e+21
    const size_t e = s.find('e');
    if (e != std::string::npos && e + 2 < s.size() && s[e + 2] == '0') {
      s.erase(e + 2, 1);
    }
    return s;
  }
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  return std::string(buf, res.ptr);
}

std::string to_json(const Value &v, bool escape_html, bool pretty) {
  std::string out;
  ValueWalk walk;
  json_value(out, v, escape_html, pretty, 0, walk);
  check_string_size(out.size());
  return out;
}

bool parse_json(const std::string &text, Value &out, std::string &error) {
  try {
    ValueWalk walk;
    out = from_json(nlohmann::json::parse(text), walk, 0);
    return true;
  } catch (nlohmann::json::exception &e) {
    error = e.what();
    return false;
  }
}

} // namespace wincompat::helm
