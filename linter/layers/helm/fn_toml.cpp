// Helm's toToml (BurntSushi/toml's encoder), fromToml (Helm 3.17) and
// toYamlPretty (Helm 3.17, go-yaml v3 with indent 2).
#include "exec.hpp"
#include "text_util.hpp"
#include "yaml_emit.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wincompat::helm {

namespace {

struct TomlError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// strconv.FormatFloat(f, 'f', -1, 64): the shortest digits, no exponent.
std::string toml_float(double f) {
  if (std::isnan(f)) {
    return "nan";
  }
  if (std::isinf(f)) {
    return f < 0 ? "-inf" : "+inf";
  }
  char buf[64];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, f);
    if (std::strtod(buf, nullptr) == f) {
      break;
    }
  }
  // buf: [-]d.ddde[+-]x
  std::string s = buf;
  const bool neg = s[0] == '-';
  if (neg) {
    s.erase(0, 1);
  }
  const size_t e = s.find('e');
  const int exponent = std::atoi(s.c_str() + e + 1);
  std::string digits = s.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  std::string out;
  const int point = exponent + 1; // digits before the point
  if (point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  if (out.find('.') == std::string::npos) {
    out += ".0";
  }
  return (neg ? "-" : "") + out;
}

std::string toml_quoted(const std::string &s) {
  return double_quoted(s, QuoteDialect::Toml);
}

std::string toml_key(const std::string &k) {
  if (k.empty()) {
    return "\"\"";
  }
  for (unsigned char c : k) {
    if (!std::isalnum(c) && c != '_' && c != '-') {
      return toml_quoted(k);
    }
  }
  return k;
}

bool toml_is_table(const Value &v) {
  return v.kind == Value::Kind::Map;
}

bool toml_is_table_array(const Value &v) {
  if (v.kind != Value::Kind::List || v.list->empty()) {
    return false;
  }
  bool all = true;
  for (const Value &item : *v.list) {
    if (item.is_nil()) {
      throw TomlError("toml: cannot encode array with nil element");
    }
    all = all && toml_is_table(item);
  }
  return all;
}

class TomlWriter {
public:
  std::string out;

  void element(const Value &v) {
    switch (v.kind) {
    case Value::Kind::String:
      write(toml_quoted(v.str()));
      break;
    case Value::Kind::Bool:
      write(v.b ? "true" : "false");
      break;
    case Value::Kind::Int:
      write(std::to_string(v.i));
      break;
    case Value::Kind::Float:
      write(toml_float(v.f));
      break;
    case Value::Kind::List:
      write("[");
      for (size_t i = 0; i < v.list->size(); ++i) {
        element((*v.list)[i]);
        if (i + 1 != v.list->size()) {
          write(", ");
        }
      }
      write("]");
      break;
    case Value::Kind::Map:
      table(*v.map, {}, true);
      break;
    case Value::Kind::Object:
      write(toml_quoted(format_v(v)));
      break;
    case Value::Kind::Nil:
      throw TomlError("toml: cannot encode array with nil element");
    }
  }

  void encode(const std::vector<std::string> &key, const Value &v) {
    if (v.is_nil()) {
      return;
    }
    if (v.kind == Value::Kind::Map) {
      if (key.size() == 1) {
        newline();
      }
      if (!key.empty()) {
        write(indent(key) + "[" + joined(key) + "]");
        newline();
      }
      table(*v.map, key, false);
      return;
    }
    if (toml_is_table_array(v)) {
      if (key.empty()) {
        throw TomlError("toml: top-level values must be Go maps or structs");
      }
      for (const Value &item : *v.list) {
        newline();
        write(indent(key) + "[[" + joined(key) + "]]");
        newline();
        table(*item.map, key, false);
      }
      return;
    }
    if (key.empty()) {
      throw TomlError("toml: top-level values must be Go maps or structs");
    }
    write(indent(key) + toml_key(key.back()) + " = ");
    element(v);
    newline();
  }

private:
  bool written_ = false;

  void write(const std::string &s) {
    out += s;
    written_ = true;
  }
  void newline() {
    if (written_) {
      out += "\n";
    }
  }
  static std::string indent(const std::vector<std::string> &key) {
    return std::string(key.empty() ? 0 : 2 * (key.size() - 1), ' ');
  }
  static std::string joined(const std::vector<std::string> &key) {
    std::string s;
    for (const std::string &k : key) {
      if (!s.empty()) {
        s += '.';
      }
      s += toml_key(k); // not `"." + toml_key(k)`: g++ 12 -O3 warns falsely (-Wrestrict)
    }
    return s;
  }
  void table(const Map &m, const std::vector<std::string> &key, bool inline_table) {
    std::vector<const std::pair<const std::string, Value> *> direct, sub;
    for (const auto &entry : m) {
      (toml_is_table(entry.second) || toml_is_table_array(entry.second) ? sub : direct).push_back(&entry);
    }
    if (inline_table) {
      write("{");
    }
    auto keys = [&](const auto &entries, bool trailing_comma) {
      for (size_t i = 0; i < entries.size(); ++i) {
        const auto &[k, v] = *entries[i];
        if (v.is_nil()) {
          continue;
        }
        if (inline_table) {
          write(toml_key(k) + " = ");
          element(v);
          if (trailing_comma || i + 1 != entries.size()) {
            write(", ");
          }
        } else {
          std::vector<std::string> child = key;
          child.push_back(k);
          encode(child, v);
        }
      }
    };
    keys(direct, !sub.empty());
    keys(sub, false);
    if (inline_table) {
      write("}");
    }
  }
};

// ---- a TOML reader for fromToml ----

class TomlReader {
public:
  explicit TomlReader(const std::string &text) : s_(text) {}

  Value read() {
    Value root = Value::new_map();
    Value current = root;
    while (true) {
      skip_blank_lines();
      if (at_end()) {
        break;
      }
      if (peek() == '[') {
        const bool array = s_.compare(i_, 2, "[[") == 0;
        i_ += array ? 2 : 1;
        skip_spaces();
        std::vector<std::string> path = key_path();
        skip_spaces();
        if (!expect(array ? "]]" : "]")) {
          fail("expected ']' after table name");
        }
        current = open_table(root, path, array);
      } else {
        std::vector<std::string> path = key_path();
        skip_spaces();
        if (!expect("=")) {
          fail("expected '=' after a key");
        }
        skip_spaces();
        assign(current, path, value());
      }
      skip_spaces();
      skip_comment();
      if (!at_end() && peek() != '\n' && peek() != '\r') {
        fail("expected a new line after a value");
      }
    }
    return root;
  }

private:
  const std::string &s_;
  size_t i_ = 0;
  int depth_ = 0;

  [[noreturn]] void fail(const std::string &what) const {
    size_t line = 1;
    for (size_t k = 0; k < i_ && k < s_.size(); ++k) {
      line += s_[k] == '\n';
    }
    throw TomlError("toml: line " + std::to_string(line) + ": " + what);
  }
  bool at_end() const {
    return i_ >= s_.size();
  }
  char peek() const {
    return at_end() ? '\0' : s_[i_];
  }
  bool expect(const char *token) {
    const size_t n = std::strlen(token);
    if (s_.compare(i_, n, token) == 0) {
      i_ += n;
      return true;
    }
    return false;
  }
  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) {
      ++i_;
    }
  }
  void skip_comment() {
    if (peek() == '#') {
      while (!at_end() && peek() != '\n') {
        ++i_;
      }
    }
  }
  void skip_blank_lines() {
    while (!at_end()) {
      skip_spaces();
      skip_comment();
      if (peek() == '\n' || peek() == '\r') {
        ++i_;
      } else {
        return;
      }
    }
  }
  void skip_array_space() {
    while (!at_end()) {
      skip_spaces();
      skip_comment();
      if (peek() == '\n' || peek() == '\r') {
        ++i_;
      } else {
        return;
      }
    }
  }

  std::vector<std::string> key_path() {
    std::vector<std::string> path;
    while (true) {
      skip_spaces();
      if (peek() == '"') {
        path.push_back(basic_string());
      } else if (peek() == '\'') {
        path.push_back(literal_string());
      } else {
        const size_t start = i_;
        while (!at_end() &&
               (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '-')) {
          ++i_;
        }
        if (start == i_) {
          fail("expected a key");
        }
        path.push_back(s_.substr(start, i_ - start));
      }
      skip_spaces();
      if (peek() != '.') {
        return path;
      }
      ++i_;
    }
  }

  static Value child_table(Value &table, const std::string &key) {
    Value &slot = (*table.map)[key];
    if (slot.is_nil()) {
      slot = Value::new_map();
    }
    if (slot.kind == Value::Kind::List && !slot.list->empty() && slot.list->back().kind == Value::Kind::Map) {
      return slot.list->back();
    }
    if (slot.kind != Value::Kind::Map) {
      throw TomlError("toml: key \"" + key + "\" is not a table");
    }
    return slot;
  }

  /// `path = v` in `table`: dotted keys make the tables they name.
  void assign(Value table, const std::vector<std::string> &path, Value v) {
    for (size_t k = 0; k + 1 < path.size(); ++k) {
      table = child_table(table, path[k]);
    }
    if (table.map->count(path.back())) {
      fail("key \"" + path.back() + "\" is already defined");
    }
    (*table.map)[path.back()] = std::move(v);
  }

  Value open_table(Value &root, const std::vector<std::string> &path, bool array) {
    Value table = root;
    for (size_t k = 0; k + 1 < path.size(); ++k) {
      table = child_table(table, path[k]);
    }
    Value &slot = (*table.map)[path.back()];
    if (array) {
      if (slot.is_nil()) {
        slot = Value::new_list();
      }
      if (slot.kind != Value::Kind::List) {
        fail("key \"" + path.back() + "\" is not an array of tables");
      }
      slot.list->push_back(Value::new_map());
      return slot.list->back();
    }
    if (slot.is_nil()) {
      slot = Value::new_map();
    }
    if (slot.kind != Value::Kind::Map) {
      fail("key \"" + path.back() + "\" is not a table");
    }
    return slot;
  }

  std::string basic_string() {
    const bool multi = expect("\"\"\"");
    if (!multi) {
      ++i_;
    } else if (peek() == '\n') {
      ++i_;
    } else if (s_.compare(i_, 2, "\r\n") == 0) {
      i_ += 2;
    }
    std::string out;
    while (true) {
      if (at_end()) {
        fail("unterminated string");
      }
      if (multi ? s_.compare(i_, 3, "\"\"\"") == 0 : peek() == '"') {
        i_ += multi ? 3 : 1;
        if (multi) {
          while (peek() == '"' && out.size() < 2) { // up to two quotes close the string
            out += '"';
            ++i_;
          }
        }
        return out;
      }
      const char c = s_[i_++];
      if (c == '\n' && !multi) {
        fail("strings cannot contain newlines");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = s_[i_++];
      switch (e) {
      case 'b':
        out += '\b';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'f':
        out += '\f';
        break;
      case 'r':
        out += '\r';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const size_t n = e == 'u' ? 4 : 8;
        const std::string digits = s_.substr(i_, n);
        if (digits.size() != n || digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
          fail("invalid escape in string");
        }
        append_utf8(out, static_cast<uint32_t>(std::stoul(digits, nullptr, 16)));
        i_ += n;
        break;
      }
      default:
        if (multi && (e == '\n' || e == ' ' || e == '\t' || e == '\r')) {
          --i_; // a line-ending backslash trims the following whitespace
          while (!at_end() && std::isspace(static_cast<unsigned char>(peek()))) {
            ++i_;
          }
          break;
        }
        fail(std::string("invalid escape in string: '\\") + e + "'");
      }
    }
  }

  std::string literal_string() {
    const bool multi = expect("'''");
    if (!multi) {
      ++i_;
    } else if (peek() == '\n') {
      ++i_;
    }
    const std::string end = multi ? "'''" : "'";
    const size_t close = s_.find(end, i_);
    if (close == std::string::npos) {
      fail("unterminated string");
    }
    std::string out = s_.substr(i_, close - i_);
    if (!multi && out.find('\n') != std::string::npos) {
      fail("strings cannot contain newlines");
    }
    i_ = close + end.size();
    return out;
  }

  Value value() {
    if (++depth_ > 500) {
      fail("nested too deeply");
    }
    struct Leave {
      int &d;
      ~Leave() {
        --d;
      }
    } leave{depth_};
    const char c = peek();
    if (c == '"') {
      return Value::string(basic_string());
    }
    if (c == '\'') {
      return Value::string(literal_string());
    }
    if (c == '[') {
      ++i_;
      List items;
      skip_array_space();
      while (peek() != ']') {
        items.push_back(value());
        skip_array_space();
        if (peek() == ',') {
          ++i_;
          skip_array_space();
        } else if (peek() != ']') {
          fail("expected ',' or ']' in an array");
        }
      }
      ++i_;
      return Value::new_list(std::move(items));
    }
    if (c == '{') {
      ++i_;
      Value table = Value::new_map();
      skip_spaces();
      if (peek() == '}') {
        ++i_;
        return table;
      }
      while (true) {
        std::vector<std::string> path = key_path();
        skip_spaces();
        if (!expect("=")) {
          fail("expected '=' in an inline table");
        }
        skip_spaces();
        assign(table, path, value());
        skip_spaces();
        if (expect("}")) {
          return table;
        }
        if (!expect(",")) {
          fail("expected ',' or '}' in an inline table");
        }
        skip_spaces();
      }
    }
    const size_t start = i_;
    while (!at_end() && !std::strchr(",]}#\n\r \t", peek())) {
      ++i_;
    }
    // A date-time with a space between date and time.
    std::string word = s_.substr(start, i_ - start);
    if (word == "true" || word == "false") {
      return Value::boolean(word == "true");
    }
    if (word == "inf" || word == "+inf" || word == "-inf") {
      return Value::floating(word[0] == '-' ? -HUGE_VAL : HUGE_VAL);
    }
    if (word == "nan" || word == "+nan" || word == "-nan") {
      return Value::floating(std::nan(""));
    }
    std::string plain;
    for (size_t k = 0; k < word.size(); ++k) {
      if (word[k] == '_') {
        if (k == 0 || k + 1 == word.size() || !std::isxdigit(static_cast<unsigned char>(word[k - 1])) ||
            !std::isxdigit(static_cast<unsigned char>(word[k + 1]))) {
          fail("invalid use of '_' in a number");
        }
        continue;
      }
      plain += word[k];
    }
    if (plain.empty()) {
      fail("expected a value");
    }
    int base = 10;
    std::string digits = plain;
    if (plain.size() > 2 && plain[0] == '0' && (plain[1] == 'x' || plain[1] == 'o' || plain[1] == 'b')) {
      base = plain[1] == 'x' ? 16 : plain[1] == 'o' ? 8 : 2;
      digits = plain.substr(2);
    }
    char *end = nullptr;
    errno = 0;
    if (base != 10 || plain.find_first_of(".eE") == std::string::npos ||
        plain.find_first_of("xob") != std::string::npos) {
      if (base == 10) {
        const std::string body = plain[0] == '+' || plain[0] == '-' ? plain.substr(1) : plain;
        if (body.size() > 1 && body[0] == '0') {
          fail("leading zeros are not allowed: " + word);
        }
      }
      const long long v = std::strtoll(digits.c_str(), &end, base);
      if (end && *end == '\0' && errno == 0 && !digits.empty()) {
        return Value::integer(v, "int64");
      }
      if (plain.find_first_of(":-", 1) != std::string::npos) {
        fail("dates and times are not supported by wincompat's fromToml: " + word);
      }
      fail("expected a value, found " + word);
    }
    const double f = std::strtod(plain.c_str(), &end);
    if (end && *end == '\0' && std::isdigit(static_cast<unsigned char>(plain.back()))) {
      return Value::floating(f);
    }
    fail("invalid float value: " + word);
  }
};

} // namespace

void register_toml_functions(FunctionTable &t) {
  // toToml prints an encoding error; mustToToml fails the template with it
  // (Helm 4.2.0: helm/helm b075f7a, "feat(engine): add mustToToml template
  // function", first in tag v4.2.0).
  for (const bool must : {false, true}) {
    const std::string name = must ? "mustToToml" : "toToml";
    t.add(name, [must, name](Call &, std::vector<Value> &a) {
      want_args(a, 1, name);
      TomlWriter writer;
      try {
        writer.encode({}, a[0]);
      } catch (const TomlError &e) {
        if (must) {
          throw FunctionError(e.what());
        }
        return Value::string(e.what());
      }
      return Value::string(writer.out);
    });
  }
  t.add("fromToml", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromToml");
    const std::string &text = want_string(a[0]);
    try {
      return TomlReader(text).read();
    } catch (const TomlError &e) {
      Map m;
      m["Error"] = Value::string(e.what());
      return Value::new_map(std::move(m));
    }
  });
  t.add("toYamlPretty", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toYamlPretty");
    return Value::string(to_yaml(a[0], true));
  });
}

} // namespace wincompat::helm
