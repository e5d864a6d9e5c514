// Go text/template's own functions (and, or are in the executor: they
// short-circuit), argument checks, and fmt's printing.
#include "exec.hpp"
#include "text_util.hpp"

#include <cmath>
#include <cstdio>

namespace wincompat::helm {

void want_args(const std::vector<Value> &args, size_t n, const std::string &name) {
  if (args.size() != n) {
    throw FunctionError("wrong number of args for " + name + ": want " + std::to_string(n) + " got " +
                            std::to_string(args.size()),
                        true);
  }
}

void want_at_least(const std::vector<Value> &args, size_t n, const std::string &name) {
  if (args.size() < n) {
    throw FunctionError("wrong number of args for " + name + ": want at least " + std::to_string(n) +
                            " got " + std::to_string(args.size()),
                        true);
  }
}

const std::string &want_string(const Value &v) {
  if (v.is_nil()) {
    throw FunctionError("invalid value; expected string", true);
  }
  if (!v.is_string()) {
    throw FunctionError("wrong type for value; expected string; got " + type_name(v), true);
  }
  return v.str();
}

int64_t want_int(const Value &v) {
  if (v.kind == Value::Kind::Int) {
    return v.i;
  }
  if (v.is_nil()) {
    throw FunctionError("invalid value; expected int", true);
  }
  throw FunctionError("wrong type for value; expected int; got " + type_name(v), true);
}

namespace {

struct Spec {
  bool minus = false, plus = false, zero = false, space = false, sharp = false;
  int width = -1;
  int precision = -1;
};

std::string pad(std::string s, const Spec &spec, bool numeric) {
  if (spec.width < 0 || static_cast<int>(s.size()) >= spec.width) {
    return s;
  }
  const size_t fill = static_cast<size_t>(spec.width) - s.size();
  if (spec.minus) {
    return s + std::string(fill, ' ');
  }
  if (spec.zero && numeric) {
    const size_t sign = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    return s.substr(0, sign) + std::string(fill, '0') + s.substr(sign);
  }
  return std::string(fill, ' ') + s;
}

std::string bad_verb(char verb, const Value &v) {
  if (v.is_nil()) {
    return std::string("%!") + verb + "(<nil>)";
  }
  return std::string("%!") + verb + "(" + type_name(v) + "=" + format_v(v) + ")";
}

std::string format_int(int64_t i, char verb, const Spec &spec) {
  char buf[80];
  const bool negative = i < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  switch (verb) {
  case 'x':
    std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(magnitude));
    break;
  case 'X':
    std::snprintf(buf, sizeof buf, "%llX", static_cast<unsigned long long>(magnitude));
    break;
  case 'o':
    std::snprintf(buf, sizeof buf, "%llo", static_cast<unsigned long long>(magnitude));
    break;
  case 'b': {
    std::string bits;
    uint64_t m = magnitude;
    do {
      bits.insert(bits.begin(), static_cast<char>('0' + (m & 1)));
      m >>= 1;
    } while (m);
    std::snprintf(buf, sizeof buf, "%s", bits.c_str());
    break;
  }
  default:
    std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(magnitude));
  }
  std::string digits = buf;
  if (spec.precision >= 0 && static_cast<int>(digits.size()) < spec.precision) {
    digits.insert(0, static_cast<size_t>(spec.precision) - digits.size(), '0');
  }
  if (spec.sharp && (verb == 'x' || verb == 'X')) {
    digits.insert(0, verb == 'x' ? "0x" : "0X");
  }
  std::string sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + digits, spec, true);
}

std::string format_float(double f, char verb, const Spec &spec) {
  if (verb == 'v' || (verb == 'g' && spec.precision < 0)) {
    std::string s = format_float_g(f);
    if (spec.plus && f >= 0) {
      s = "+" + s;
    }
    return pad(s, spec, true);
  }
  std::string fmt = "%";
  if (spec.plus) {
    fmt += '+';
  }
  if (spec.space) {
    fmt += ' ';
  }
  if (spec.sharp) {
    fmt += '#';
  }
  fmt += '.' + std::to_string(spec.precision < 0 ? 6 : spec.precision);
  fmt += verb == 'F' ? 'f' : verb;
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt.c_str(), f);
  return pad(buf, spec, true);
}

/// One verb applied to one value, appended to `out` (strings keep origins).
void format_one(Text &out, char verb, const Spec &spec, const Value &v) {
  const bool plain = spec.width < 0 && spec.precision < 0 && !spec.plus && !spec.sharp;
  switch (verb) {
  case 'v':
  case 's':
    if (v.is_string()) {
      if (plain) {
        out.append(v.text);
        return;
      }
      std::string s = v.str();
      if (spec.precision >= 0 && static_cast<int>(s.size()) > spec.precision) {
        s.resize(static_cast<size_t>(spec.precision));
      }
      out.append(pad(s, spec, false));
      return;
    }
    if (verb == 's' && (v.is_number() || v.kind == Value::Kind::Bool || v.is_nil())) {
      out.append(bad_verb(verb, v));
      return;
    }
    if (v.kind == Value::Kind::Int) {
      out.append(format_int(v.i, 'd', spec), plain ? v.origin : nullptr);
      return;
    }
    if (v.kind == Value::Kind::Float) {
      out.append(format_float(v.f, 'v', spec), plain ? v.origin : nullptr);
      return;
    }
    out.append(pad(format_v(v), spec, false), plain ? v.origin : nullptr);
    return;
  case 'd':
  case 'x':
  case 'X':
  case 'o':
  case 'b':
    if (v.kind == Value::Kind::Int) {
      out.append(format_int(v.i, verb, spec), plain && verb == 'd' ? v.origin : nullptr);
      return;
    }
    if ((verb == 'x' || verb == 'X') && v.is_string()) {
      std::string hex;
      char buf[4];
      for (unsigned char c : v.str()) {
        std::snprintf(buf, sizeof buf, verb == 'x' ? "%02x" : "%02X", c);
        hex += buf;
      }
      out.append(pad(hex, spec, false));
      return;
    }
    if (v.kind == Value::Kind::Float && verb != 'd' && verb != 'o') {
      out.append(bad_verb(verb, v));
      return;
    }
    out.append(bad_verb(verb, v));
    return;
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G':
    if (v.kind == Value::Kind::Float) {
      out.append(format_float(v.f, verb, spec));
      return;
    }
    out.append(bad_verb(verb, v));
    return;
  case 'q':
    if (v.is_string()) {
      out.append(pad(double_quoted(v.str(), QuoteDialect::Go), spec, false));
      return;
    }
    if (v.kind == Value::Kind::Int) {
      std::string ch(1, static_cast<char>(v.i));
      out.append("'" + ch + "'");
      return;
    }
    out.append(bad_verb(verb, v));
    return;
  case 't':
    if (v.kind == Value::Kind::Bool) {
      out.append(pad(v.b ? "true" : "false", spec, false));
      return;
    }
    out.append(bad_verb(verb, v));
    return;
  case 'T':
    out.append(pad(type_name(v), spec, false));
    return;
  case 'c':
    if (v.kind == Value::Kind::Int) {
      out.append(std::string(1, static_cast<char>(v.i)));
      return;
    }
    out.append(bad_verb(verb, v));
    return;
  default:
    out.append(bad_verb(verb, v));
  }
}

} // namespace

Text go_sprintf(const std::string &format, const std::vector<Value> &args) {
  Text out;
  size_t arg = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c != '%') {
      out.str += c;
      continue;
    }
    ++i;
    Spec spec;
    for (; i < format.size(); ++i) {
      const char flag = format[i];
      if (flag == '-') {
        spec.minus = true;
      } else if (flag == '+') {
        spec.plus = true;
      } else if (flag == '0') {
        spec.zero = true;
      } else if (flag == ' ') {
        spec.space = true;
      } else if (flag == '#') {
        spec.sharp = true;
      } else {
        break;
      }
    }
    auto number = [&](int &into, const char *bad) {
      if (i < format.size() && format[i] == '*') {
        ++i;
        // Go's fmt: past a million (tooLarge) the argument is no width.
        if (arg < args.size() && args[arg].kind == Value::Kind::Int && args[arg].i <= kMaxPrintfWidth &&
            args[arg].i >= -kMaxPrintfWidth) {
          into = static_cast<int>(args[arg++].i);
        } else {
          ++arg;
          into = -1; // none: the verb's default
          out.append(bad);
        }
        return;
      }
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
        into = (into < 0 ? 0 : into) * 10 + (format[i] - '0');
        if (into > 10000) {
          into = 10000;
        }
        ++i;
      }
    };
    number(spec.width, "%!(BADWIDTH)");
    if (i < format.size() && format[i] == '.') {
      ++i;
      spec.precision = 0;
      number(spec.precision, "%!(BADPREC)");
    }
    if (i >= format.size()) {
      out.append("%!(NOVERB)");
      break;
    }
    const char verb = format[i];
    if (verb == '%') {
      out.str += '%';
      continue;
    }
    if (arg >= args.size()) {
      out.append(std::string("%!") + verb + "(MISSING)");
      continue;
    }
    format_one(out, verb, spec, args[arg++]);
    check_string_size(out.str.size());
  }
  if (arg < args.size()) {
    out.append("%!(EXTRA ");
    for (size_t k = arg; k < args.size(); ++k) {
      out.append((k > arg ? ", " : "") + type_name(args[k]) + "=" + format_v(args[k]));
    }
    out.append(")");
  }
  return out;
}

Text go_sprint(const std::vector<Value> &args) {
  Text out;
  for (size_t i = 0; i < args.size(); ++i) {
    // fmt.Sprint: a space between operands when neither is a string.
    if (i > 0 && !args[i].is_string() && !args[i - 1].is_string()) {
      out.append(" ");
    }
    format_one(out, 'v', Spec{}, args[i]);
    check_string_size(out.str.size());
  }
  return out;
}

Text go_sprintln(const std::vector<Value> &args) {
  Text out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      out.append(" ");
    }
    format_one(out, 'v', Spec{}, args[i]);
    check_string_size(out.str.size());
  }
  out.append("\n");
  return out;
}

namespace {

enum class Basic { Bool, Int, Float, String, Other, Nil };

Basic basic(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Bool:
    return Basic::Bool;
  case Value::Kind::Int:
    return Basic::Int;
  case Value::Kind::Float:
    return Basic::Float;
  case Value::Kind::String:
    return Basic::String;
  case Value::Kind::Nil:
    return Basic::Nil;
  default:
    return Basic::Other;
  }
}

bool go_equal(const Value &a, const Value &b) {
  const Basic ka = basic(a);
  const Basic kb = basic(b);
  if (ka == Basic::Nil || kb == Basic::Nil) {
    return ka == kb;
  }
  if (ka != kb) {
    throw FunctionError("incompatible types for comparison");
  }
  switch (ka) {
  case Basic::Bool:
    return a.b == b.b;
  case Basic::Int:
    return a.i == b.i;
  case Basic::Float:
    return a.f == b.f;
  case Basic::String:
    return a.str() == b.str();
  default:
    throw FunctionError("non-comparable type " + format_v(a) + ": " + type_name(a));
  }
}

bool go_less(const Value &a, const Value &b) {
  const Basic ka = basic(a);
  const Basic kb = basic(b);
  if (ka == Basic::Nil || kb == Basic::Nil || ka == Basic::Other || kb == Basic::Other || ka == Basic::Bool) {
    throw FunctionError("invalid type for comparison");
  }
  if (ka != kb) {
    throw FunctionError("incompatible types for comparison");
  }
  switch (ka) {
  case Basic::Int:
    return a.i < b.i;
  case Basic::Float:
    return a.f < b.f;
  default:
    return a.str() < b.str();
  }
}

std::string html_escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '\'':
      out += "&#39;";
      break;
    case '"':
      out += "&#34;";
      break;
    case '\0':
      out += "\xEF\xBF\xBD";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string js_escape(const std::string &s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\'':
      out += "\\'";
      break;
    case '"':
      out += "\\\"";
      break;
    case '<':
      out += "\\u003C";
      break;
    case '>':
      out += "\\u003E";
      break;
    case '&':
      out += "\\u0026";
      break;
    case '=':
      out += "\\u003D";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out;
}

std::string query_escape(const std::string &s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

/// Go's evalArgs for html/js/urlquery: one string argument is used as is,
/// otherwise fmt.Sprint of them all.
std::string joined_args(const std::vector<Value> &args) {
  if (args.size() == 1 && args[0].is_string()) {
    return args[0].str();
  }
  // Go's evalArgs prints an argument with no value as "<no value>".
  std::vector<Value> printable = args;
  for (Value &v : printable) {
    if (v.is_nil()) {
      v = Value::string("<no value>");
    }
  }
  return go_sprint(printable).str;
}

int64_t index_of(const Value &v, size_t cap) {
  if (v.kind != Value::Kind::Int) {
    throw FunctionError("cannot index slice/array with type " + type_name(v));
  }
  if (v.i < 0 || static_cast<size_t>(v.i) > cap) {
    throw FunctionError("index out of range: " + std::to_string(v.i));
  }
  return v.i;
}

} // namespace

void register_builtin_functions(FunctionTable &t) {
  t.add("not", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, c.name);
    return Value::boolean(!truthy(a[0]));
  });
  t.add("len", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "len");
    switch (a[0].kind) {
    case Value::Kind::String:
      return Value::integer(static_cast<int64_t>(a[0].str().size()));
    case Value::Kind::List:
      return Value::integer(static_cast<int64_t>(a[0].list->size()));
    case Value::Kind::Map:
      return Value::integer(static_cast<int64_t>(a[0].map->size()));
    case Value::Kind::Nil:
      throw FunctionError("len of nil pointer");
    default: {
      int64_t n = 0;
      if (a[0].kind == Value::Kind::Object && a[0].object->length(n)) {
        return Value::integer(n);
      }
      throw FunctionError("len of type " + type_name(a[0]));
    }
    }
  });
  t.add("index", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "index");
    Value item = a[0];
    for (size_t k = 1; k < a.size(); ++k) {
      const Value &key = a[k];
      switch (item.kind) {
      case Value::Kind::List: {
        const int64_t i = index_of(key, item.list->size());
        if (static_cast<size_t>(i) >= item.list->size()) {
          throw FunctionError("index out of range: " + std::to_string(i));
        }
        item = (*item.list)[static_cast<size_t>(i)];
        break;
      }
      case Value::Kind::String: {
        const int64_t i = index_of(key, item.str().size());
        if (static_cast<size_t>(i) >= item.str().size()) {
          throw FunctionError("index out of range: " + std::to_string(i));
        }
        item = Value::integer(static_cast<unsigned char>(item.str()[static_cast<size_t>(i)]), "uint8");
        break;
      }
      case Value::Kind::Map: {
        if (!key.is_string()) {
          throw FunctionError("value has type " + type_name(key) + "; should be string");
        }
        auto it = item.map->find(key.str());
        item = it == item.map->end() ? Value::nil() : it->second;
        break;
      }
      case Value::Kind::Nil:
        throw FunctionError("index of untyped nil");
      default:
        throw FunctionError("can't index item of type " + type_name(item));
      }
    }
    return item;
  });
  // Sprig's slice replaces Go's builtin in Helm's function map: lists only,
  // the indices cast to int, a third one ignored, an empty list is nil.
  t.add("slice", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "slice");
    const Value &item = a[0];
    if (item.is_nil()) {
      throw FunctionError("runtime error: invalid memory address or nil pointer dereference");
    }
    if (item.kind != Value::Kind::List) {
      throw FunctionError("list should be type of slice or array but " + kind_name(item));
    }
    const auto len = static_cast<int64_t>(item.list->size());
    if (len == 0) {
      return Value::nil();
    }
    const int64_t start = a.size() > 1 ? cast_int64(a[1]) : 0;
    const int64_t end = a.size() > 2 ? cast_int64(a[2]) : len;
    if (start < 0 || end < start || end > len) {
      throw FunctionError("reflect.Value.Slice: slice index out of bounds");
    }
    return Value::new_list(List(item.list->begin() + start, item.list->begin() + end));
  });
  t.add("print", [](Call &, std::vector<Value> &a) { return Value::string(go_sprint(a)); });
  t.add("println", [](Call &, std::vector<Value> &a) { return Value::string(go_sprintln(a)); });
  t.add("printf", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "printf");
    const std::string format = want_string(a[0]);
    return Value::string(go_sprintf(format, std::vector<Value>(a.begin() + 1, a.end())));
  });
  t.add("html", [](Call &, std::vector<Value> &a) { return Value::string(html_escape(joined_args(a))); });
  t.add("js", [](Call &, std::vector<Value> &a) { return Value::string(js_escape(joined_args(a))); });
  t.add("urlquery",
        [](Call &, std::vector<Value> &a) { return Value::string(query_escape(joined_args(a))); });
  t.add("eq", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "eq");
    if (a.size() == 1) {
      throw FunctionError("missing argument for comparison");
    }
    for (size_t k = 1; k < a.size(); ++k) {
      if (go_equal(a[0], a[k])) {
        return Value::boolean(true);
      }
    }
    return Value::boolean(false);
  });
  t.add("ne", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "ne");
    return Value::boolean(!go_equal(a[0], a[1]));
  });
  t.add("lt", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "lt");
    return Value::boolean(go_less(a[0], a[1]));
  });
  t.add("le", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "le");
    return Value::boolean(go_less(a[0], a[1]) || go_equal(a[0], a[1]));
  });
  t.add("gt", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "gt");
    return Value::boolean(!go_less(a[0], a[1]) && !go_equal(a[0], a[1]));
  });
  t.add("ge", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "ge");
    return Value::boolean(!go_less(a[0], a[1]));
  });
}

const FunctionTable &function_table() {
  static const FunctionTable table = [] {
    FunctionTable t;
    register_builtin_functions(t);
    register_string_functions(t);
    register_list_functions(t);
    register_dict_functions(t);
    register_math_functions(t);
    register_encoding_functions(t);
    register_helm_functions(t);
    register_path_functions(t);
    register_crypto_functions(t);
    register_date_functions(t);
    register_sprig_extra_functions(t);
    register_toml_functions(t);
    // Sprig's must* variants return an error instead of panicking; here the
    // plain functions already raise errors, so they are the same.
    for (const char *name : {"merge",
                             "mergeOverwrite",
                             "append",
                             "prepend",
                             "first",
                             "last",
                             "rest",
                             "initial",
                             "uniq",
                             "without",
                             "has",
                             "compact",
                             "reverse",
                             "deepCopy",
                             "regexMatch",
                             "regexFind",
                             "regexReplaceAll",
                             "regexReplaceAllLiteral",
                             "regexSplit",
                             "toPrettyJson",
                             "toRawJson",
                             "fromJson",
                             "chunk",
                             "push"}) {
      std::string must = std::string("must") +
                         static_cast<char>(std::toupper(static_cast<unsigned char>(name[0]))) + (name + 1);
      if (t.functions.count(name) && !t.functions.count(must)) {
        t.functions[must] = t.functions[name];
      }
    }
    return t;
  }();
  return table;
}

} // namespace wincompat::helm
