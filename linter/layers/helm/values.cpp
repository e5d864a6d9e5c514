#include "values.hpp"

#include "frontends/yaml_document.hpp"
#include "limits.hpp"
#include "regex.hpp"
#include "yaml_emit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace wincompat::helm {

namespace {

/// go-yaml v2's reading of a plain scalar, then JSON's: numbers float64.
Value plain_scalar(const std::string &s) {
  static const char *const kNull[] = {"", "~", "null", "Null", "NULL"};
  for (const char *k : kNull) {
    if (s == k) {
      return Value::nil();
    }
  }
  static const char *const kTrue[] = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                      "True", "TRUE", "on",  "On",  "ON"};
  static const char *const kFalse[] = {"n",     "N",     "no",  "No",  "NO", "false",
                                       "False", "FALSE", "off", "Off", "OFF"};
  for (const char *k : kTrue) {
    if (s == k) {
      return Value::boolean(true);
    }
  }
  for (const char *k : kFalse) {
    if (s == k) {
      return Value::boolean(false);
    }
  }
  const char c = s[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) {
    return Value::string(s);
  }
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF") {
    return Value::string(s); // JSON has no infinity: Helm fails; kept as text
  }
  std::string plain;
  for (char ch : s) {
    if (ch != '_') {
      plain += ch;
    }
  }
  static const regex::Regex kInt(R"(^[-+]?(0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$)");
  if (regex::fixed_match(kInt, plain)) {
    std::string body = plain;
    bool negative = false;
    if (body[0] == '-' || body[0] == '+') {
      negative = body[0] == '-';
      body.erase(0, 1);
    }
    int base = 10;
    if (body.size() > 1 && body[0] == '0') {
      base = body[1] == 'x' ? 16 : body[1] == 'b' ? 2 : 8;
      body.erase(0, body[1] == 'x' || body[1] == 'b' || body[1] == 'o' ? 2 : 1);
    }
    const double magnitude =
        body.empty() ? 0 : static_cast<double>(std::strtoull(body.c_str(), nullptr, base));
    return Value::floating(negative ? -magnitude : magnitude);
  }
  static const regex::Regex kFloat(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (regex::fixed_match(kFloat, plain)) {
    return Value::floating(std::strtod(plain.c_str(), nullptr));
  }
  return Value::string(s);
}

class Converter {
public:
  Converter(const YamlDocument &doc, const SourceFile &file, bool origins, bool unique_keys)
      : doc_(doc), file_(file), file_id_(file.path()), origins_(origins), unique_keys_(unique_keys) {}

  Value convert(const YamlNode &node, const std::string &key_path, int depth) {
    if (!node || node.is_null()) {
      return Value::nil();
    }
    if (static_cast<size_t>(depth) > kMaxValueDepth) { // only with --max-yaml-depth raised past it
      throw LimitExceeded("values nested deeper than " + std::to_string(kMaxValueDepth) +
                          " levels (wincompat's limit on value nesting)");
    }
    if (node.is_map()) {
      Map entries;
      YamlDocument::for_each(node, [&](const std::string &key, const YamlNode &item) {
        entries[key] = convert(item, key_path.empty() ? key : key_path + "." + key, depth + 1);
      });
      if (!unique_keys_) { // a repeated key: the last one wins (go-yaml v2)
        std::map<std::string, size_t> seen;
        for (const auto [k, item] : node.entries()) {
          if (k.is_scalar() && k.scalar() != "<<" && ++seen[std::string(k.scalar())] > 1) {
            const std::string key(k.scalar());
            entries[key] = convert(item, key_path.empty() ? key : key_path + "." + key, depth + 1);
          }
        }
      }
      return Value::new_map(std::move(entries));
    }
    if (node.is_sequence()) {
      List items;
      size_t index = 0;
      for (YamlNode item : node.items()) {
        items.push_back(convert(item, key_path + "[" + std::to_string(index++) + "]", depth + 1));
      }
      return Value::new_list(std::move(items));
    }
    const std::string text(node.scalar());
    Value value = node.is_number_or_bool() || plain(node) ? plain_scalar(text) : Value::string(text);
    if (origins_ && !value.is_nil()) {
      const Span span = doc_.span_of(node);
      if (span.end > span.begin || value.is_string()) {
        ChainPtr chain = make_chain(
            Origin{file_id_, span, OriginRole::SetHere, Interned(key_path.empty() ? "value" : key_path)});
        value.origin = chain;
        if (value.is_string()) {
          value.text.pieces.clear();
          if (!value.str().empty()) {
            value.text.pieces.push_back({0, static_cast<uint32_t>(value.str().size()), chain});
          }
        }
      }
    }
    return value;
  }

private:
  /// A plain (unquoted, untagged) scalar: its text decides its type.
  bool plain(const YamlNode &node) const {
    const int64_t at = node.offset();
    if (at < 0 || static_cast<size_t>(at) >= file_.text().size()) {
      return false;
    }
    const char c = file_.text()[static_cast<size_t>(at)];
    return c != '"' && c != '\'' && c != '!' && c != '|' && c != '>';
  }

  const YamlDocument &doc_;
  const SourceFile &file_;
  FileId file_id_;
  bool origins_;
  bool unique_keys_;
};

} // namespace

LoadedYaml load_yaml(const SourceFile &file, bool origins, bool unique_keys) {
  LoadedYaml out;
  const auto end = static_cast<uint32_t>(file.text().size());
  YamlLimits limits;
  limits.unique_keys = unique_keys;
  YamlDocument doc(file, Span{0, end}, false, limits);
  if (!doc.ok()) {
    out.error = doc.error().message;
    out.error_span = doc.error().span;
    out.over_limit = doc.error().over_limit; // nesting, parse time
    return out;
  }
  if (const AliasExpansion expansion = alias_expansion(doc.root()); excessive_aliasing(expansion)) {
    out.error =
        "its aliases expand it to " +
        (expansion.values >> 40 ? std::string("more than a trillion") : std::to_string(expansion.values)) +
        " values from " + std::to_string(expansion.distinct) +
        " written (a billion-laughs document; go-yaml's alias ratio limit, which Helm has too, "
        "refuses it: document contains excessive aliasing)";
    const int64_t at = doc.root().offset();
    const auto offset = static_cast<uint32_t>(std::clamp<int64_t>(at, 0, end));
    out.error_span = Span{offset, offset};
    out.over_limit = true;
    return out;
  }
  try {
    Converter converter(doc, file, origins, unique_keys);
    out.value = converter.convert(doc.root(), "", 0);
  } catch (LimitExceeded &e) {
    out.error = e.what();
    out.over_limit = true;
  }
  return out;
}

bool parse_yaml(const std::string &text, Value &out, std::string &error) {
  SourceFile file("<fromYaml>", text);
  LoadedYaml loaded = load_yaml(file, false, false);
  if (loaded.over_limit) {
    throw LimitExceeded("the YAML text given to it is refused: " + loaded.error);
  }
  if (!loaded.error.empty()) {
    error = "error converting YAML to JSON: yaml: " + loaded.error;
    return false;
  }
  out = loaded.value;
  return true;
}

void merge_values(Map &dst, const Map &src) {
  for (const auto &[key, value] : src) {
    auto it = dst.find(key);
    if (it != dst.end() && it->second.kind == Value::Kind::Map && value.kind == Value::Kind::Map) {
      Value merged = Value::new_map(*it->second.map);
      merge_values(*merged.map, *value.map);
      it->second = merged;
    } else {
      dst[key] = value;
    }
  }
}

Value coalesce_values(const Value &user, const Value &defaults) {
  if (user.kind != Value::Kind::Map) {
    return user.is_nil() ? deep_copy(defaults) : user;
  }
  if (defaults.kind != Value::Kind::Map) {
    return user;
  }
  Map result = *user.map;
  for (const auto &[key, value] : *defaults.map) {
    auto it = result.find(key);
    if (it == result.end()) {
      result.emplace(key, deep_copy(value));
    } else if (it->second.is_nil()) {
      result.erase(it); // a user's null deletes the chart's default
    } else if (it->second.kind == Value::Kind::Map && value.kind == Value::Kind::Map) {
      it->second = coalesce_values(it->second, value);
    }
  }
  return Value::new_map(std::move(result));
}

namespace {

/// strvals' typedVal: --set types ints, bools and null.
Value typed(const std::string &s) {
  if (s == "true" || s == "TRUE" || s == "True") {
    return Value::boolean(true);
  }
  if (s == "false" || s == "FALSE" || s == "False") {
    return Value::boolean(false);
  }
  if (s == "null" || s == "NULL" || s == "Null") {
    return Value::nil();
  }
  if (s == "0") {
    return Value::integer(0, "int64");
  }
  if (!s.empty() && s[0] != '0') {
    char *end = nullptr;
    errno = 0;
    const long long n = std::strtoll(s.c_str(), &end, 10);
    if (*end == '\0' && errno != ERANGE &&
        (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+')) {
      return Value::integer(n, "int64");
    }
  }
  return Value::string(s);
}

struct SetPathTooLong : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SetParser {
public:
  SetParser(const std::string &text) : text_(text) {}

  void parse(Map &root) {
    while (at_ < text_.size()) {
      assign(root);
      if (at_ < text_.size()) {
        if (text_[at_] != ',') {
          throw std::runtime_error("key \"" + text_.substr(at_) + "\" has no value");
        }
        ++at_;
      }
    }
  }

private:
  /// Reads up to one of `stops`, honouring backslash escapes.
  std::string read_until(const std::string &stops, char &stop) {
    std::string out;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\\' && at_ + 1 < text_.size()) {
        out += text_[at_ + 1];
        at_ += 2;
        continue;
      }
      if (stops.find(c) != std::string::npos) {
        stop = c;
        ++at_;
        return out;
      }
      out += c;
      ++at_;
    }
    stop = '\0';
    return out;
  }

  Value value_text() {
    if (at_ < text_.size() && text_[at_] == '{') {
      ++at_;
      List items;
      char stop = 0;
      while (true) {
        std::string item = read_until(",}", stop);
        items.push_back(typed(item));
        if (stop == '}' || stop == '\0') {
          break;
        }
      }
      if (stop != '}') {
        throw std::runtime_error("list must terminate with '}'");
      }
      return Value::new_list(std::move(items));
    }
    char stop = 0;
    std::string value = read_until(",", stop);
    if (stop == ',') {
      --at_;
    }
    return typed(value);
  }

  /// One more segment of the path being read (assign and assign_list
  /// recurse per segment).
  struct Segment {
    size_t &depth;
    explicit Segment(size_t &d) : depth(d) {
      if (++depth > kMaxSetPathSegments) {
        throw SetPathTooLong("its path has more than " + std::to_string(kMaxSetPathSegments) +
                             " segments (wincompat's limit on a --set path)");
      }
    }
    ~Segment() {
      --depth;
    }
    Segment(const Segment &) = delete;
    Segment &operator=(const Segment &) = delete;
  };

  void assign(Map &into) {
    const Segment segment(depth_);
    char stop = 0;
    std::string key = read_until("=.[,", stop);
    if (key.empty() && stop != '\0') {
      throw std::runtime_error("key \"" + text_.substr(at_ > 0 ? at_ - 1 : 0) + "\" has no key");
    }
    if (stop == '\0' || stop == ',') {
      throw std::runtime_error("key \"" + key + "\" has no value");
    }
    if (stop == '=') {
      Value v = value_text();
      into[key] = v;
      return;
    }
    if (stop == '.') {
      Value &child = into[key];
      if (child.kind != Value::Kind::Map) {
        child = Value::new_map();
      }
      assign(*child.map);
      return;
    }
    // key[index]...
    Value &list = into[key];
    if (list.kind != Value::Kind::List) {
      list = Value::new_list();
    }
    assign_list(*list.list);
  }

  void assign_list(List &list) {
    const Segment segment(depth_);
    char stop = 0;
    const std::string index_text = read_until("]", stop);
    if (stop != ']') {
      throw std::runtime_error("missing ']' in list index");
    }
    char *end = nullptr;
    const long long index = std::strtoll(index_text.c_str(), &end, 10);
    if (index_text.empty() || *end != '\0' || index < 0 || index > 65536) {
      throw std::runtime_error("invalid list index " + index_text);
    }
    if (list.size() <= static_cast<size_t>(index)) {
      list.resize(static_cast<size_t>(index) + 1);
    }
    Value &slot = list[static_cast<size_t>(index)];
    if (at_ >= text_.size()) {
      throw std::runtime_error("list index with no value");
    }
    const char next = text_[at_++];
    if (next == '=') {
      slot = value_text();
    } else if (next == '.') {
      if (slot.kind != Value::Kind::Map) {
        slot = Value::new_map();
      }
      assign(*slot.map);
    } else if (next == '[') {
      if (slot.kind != Value::Kind::List) {
        slot = Value::new_list();
      }
      assign_list(*slot.list);
    } else {
      throw std::runtime_error("unexpected character after list index");
    }
  }

  const std::string &text_;
  size_t at_ = 0;
  size_t depth_ = 0;
};

} // namespace

bool apply_set(Map &values, const std::string &expression, std::string &error) {
  try {
    // Parsed into a copy: a bad expression changes nothing.
    Map copy = values;
    SetParser(expression).parse(copy);
    values = std::move(copy);
    return true;
  } catch (std::runtime_error &e) {
    error = e.what();
    return false;
  }
}

std::string set_path_problem(const std::string &expression) {
  try {
    Map scratch;
    SetParser(expression).parse(scratch);
  } catch (SetPathTooLong &e) {
    return e.what();
  } catch (std::runtime_error &) {
    // Other syntax errors are the chart render's to report (WC910).
  }
  return "";
}

const Value *lookup_path(const Value &values, const std::string &path) {
  const Value *current = &values;
  size_t begin = 0;
  while (begin <= path.size()) {
    const size_t dot = path.find('.', begin);
    const std::string key = path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    if (current->kind != Value::Kind::Map) {
      return nullptr;
    }
    auto it = current->map->find(key);
    if (it == current->map->end()) {
      return nullptr;
    }
    current = &it->second;
    if (dot == std::string::npos) {
      return current;
    }
    begin = dot + 1;
  }
  return nullptr;
}

} // namespace wincompat::helm
