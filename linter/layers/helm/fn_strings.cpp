// Sprig's string functions.
#include "exec.hpp"
#include "limits.hpp"
#include "regex.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace wincompat::helm {

std::string cast_string(const Value &v) {
  if (v.is_nil()) {
    return "";
  }
  return to_text(v).str;
}

namespace {

/// Words of `text` in lines of at most `width` (longer words alone on their
/// line), joined by `newline`: Sprig's wrap and wrapWith.
std::string wrap_words(int64_t width, const std::string &text, const std::string &newline) {
  std::string out;
  size_t line = 0;
  std::string word;
  for (char c : text + " ") {
    if (c != ' ') {
      word += c;
      continue;
    }
    if (word.empty()) {
      continue;
    }
    if (line > 0 && static_cast<int64_t>(line + 1 + word.size()) > width) {
      out += newline;
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
    word.clear();
  }
  return out;
}

bool is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trim_set(const std::string &s, const std::string &cut, bool left, bool right) {
  size_t b = 0;
  size_t e = s.size();
  if (left) {
    while (b < e && cut.find(s[b]) != std::string::npos) {
      ++b;
    }
  }
  if (right) {
    while (e > b && cut.find(s[e - 1]) != std::string::npos) {
      --e;
    }
  }
  return s.substr(b, e - b);
}

/// The text `s` without leading/trailing whitespace, origins kept.
Value trim_value(const Value &v) {
  const std::string &s = v.str();
  size_t b = 0;
  size_t e = s.size();
  while (b < e && is_ws(static_cast<unsigned char>(s[b]))) {
    ++b;
  }
  while (e > b && is_ws(static_cast<unsigned char>(s[e - 1]))) {
    --e;
  }
  if (b == 0 && e == s.size()) {
    return v;
  }
  return Value::string(s.substr(b, e - b), v.text.chain_at(static_cast<uint32_t>(b)));
}

std::string replace_all(const std::string &s, const std::string &from, const std::string &to) {
  // Built left to right (linear), within the bound on one string.
  std::string out;
  if (from.empty()) {
    // Go's strings.Replace with an empty old string inserts between runes.
    check_string_size(s.size() + (s.size() + 1) * to.size());
    out = to;
    for (char c : s) {
      out += c;
      out += to;
    }
    return out;
  }
  size_t begin = 0;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, begin)) {
    out.append(s, begin, at - begin).append(to);
    check_string_size(out.size());
    begin = at + from.size();
  }
  out.append(s, begin, std::string::npos);
  return out;
}

/// Text indented by `n` spaces on every line (Sprig's indent), origins kept.
Text indent_text(const Text &text, size_t n) {
  const std::string &s = text.str;
  const auto lines = static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) + 1;
  check_string_size(s.size() + lines * n);
  const std::string spaces(n, ' ');
  Text out;
  out.append(spaces);
  size_t begin = 0;
  size_t next_piece = 0; // pieces are sorted: each line looks at its own
  auto copy = [&](size_t from, size_t to) {
    const auto shift = static_cast<int64_t>(out.str.size()) - static_cast<int64_t>(from);
    out.str.append(s, from, to - from);
    while (next_piece < text.pieces.size() && text.pieces[next_piece].end <= from) {
      ++next_piece;
    }
    for (size_t i = next_piece; i < text.pieces.size() && text.pieces[i].begin < to; ++i) {
      const Piece &p = text.pieces[i];
      const uint32_t pb = std::max<uint32_t>(p.begin, static_cast<uint32_t>(from));
      const uint32_t pe = std::min<uint32_t>(p.end, static_cast<uint32_t>(to));
      if (pb < pe) {
        out.pieces.push_back({static_cast<uint32_t>(pb + shift), static_cast<uint32_t>(pe + shift), p.chain});
      }
    }
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      copy(begin, i + 1);
      out.str += spaces;
      begin = i + 1;
    }
  }
  copy(begin, s.size());
  return out;
}

std::string title_case(const std::string &s) {
  // strings.Title: a letter after a separator (not a letter, digit or _) is upper-cased.
  std::string out = s;
  bool start = true;
  for (char &c : out) {
    const auto u = static_cast<unsigned char>(c);
    const bool word = std::isalnum(u) || c == '_' || u >= 0x80;
    if (word && start) {
      c = static_cast<char>(std::toupper(u));
    }
    start = !word;
  }
  return out;
}

/// Go's regexp.Compile of a template's pattern (linear-time engine). A
/// must* form returns Go's error; the others panic in regexp.MustCompile,
/// which text/template reports with the panic's message.
regex::Regex template_regex(const std::string &pattern, bool must) {
  try {
    return regex::Regex(pattern);
  } catch (const regex::SyntaxError &e) {
    if (must) {
      throw FunctionError(e.what());
    }
    // regexp's quote(): backquoted when strconv.CanBackquote, else strconv.Quote.
    const bool backquote = std::none_of(pattern.begin(), pattern.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return c == '`' || (u < 0x20 && c != '\t') || u == 0x7f;
    });
    const std::string quoted =
        backquote ? "`" + pattern + "`" : "\"" + escape_double_quoted(pattern, QuoteDialect::Go) + "\"";
    throw FunctionError("regexp: Compile(" + quoted + "): " + e.what());
  }
}

/// Runs one regex operation under its step budget; a spent budget stops the
/// render, naming the limit.
template <typename Fn> auto within_budget(const std::string &name, Fn &&fn) {
  regex::Budget budget;
  try {
    return fn(budget);
  } catch (const regex::BudgetError &e) {
    throw FunctionError(std::string(e.what()) + " in " + name);
  }
}

void add_unary(FunctionTable &t, const std::string &name, std::string (*fn)(const std::string &)) {
  t.add(name, [fn, name](Call &, std::vector<Value> &a) {
    want_args(a, 1, name);
    // A changed copy keeps the place it came from (not exactly: its length may differ).
    return Value::string(fn(want_string(a[0])), a[0].text.chain_at(0));
  });
}

/// Sprig's cat, quote and squote: the arguments but nil, separated by
/// spaces, each between two `mark`s. `escape` (quote): a value with a quote,
/// a backslash or a control byte is escaped as Go's %q does (its origins
/// then lost); others keep their pieces.
Text spaced_non_nil(const std::vector<Value> &args, const std::string &mark, bool escape = false) {
  Text out;
  bool first = true;
  for (const Value &v : args) {
    if (v.is_nil()) {
      continue;
    }
    if (!first) {
      out.append(" ");
    }
    first = false;
    const Text inner = to_text(v);
    const bool plain = !escape || std::none_of(inner.str.begin(), inner.str.end(), [](char c) {
      return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    out.append(mark);
    if (plain) {
      out.append(inner);
    } else {
      out.append(escape_double_quoted(inner.str, QuoteDialect::Go));
    }
    out.append(mark);
    check_string_size(out.str.size());
  }
  return out;
}

/// Sprig's split and splitn: the parts as a dict "_0", "_1", ...; at most
/// `n` parts when `n` is not negative (the last one keeps the rest).
Value split_dict(const std::string &s, const std::string &sep, int64_t n) {
  Map out;
  size_t at = 0;
  for (int64_t i = 0; n < 0 || i < n; ++i) {
    const size_t next = (n >= 0 && i == n - 1) || sep.empty() ? std::string::npos : s.find(sep, at);
    out[std::string("_").append(std::to_string(i))] =
        Value::string(s.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) {
      break;
    }
    at = next + sep.size();
  }
  return Value::new_map(std::move(out));
}

/// Sprig's snakecase and kebabcase: an upper-case letter starts a new
/// lower-case word, and '-', '_' and ' ' become `separator`.
std::string lower_words(const std::string &text, char separator) {
  std::string out;
  for (const char c : text) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != separator) {
        out += separator;
      }
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c == '-' || c == '_' || c == ' ' ? separator : c;
    }
  }
  return out;
}

} // namespace

void register_string_functions(FunctionTable &t) {
  t.add("quote", [](Call &, std::vector<Value> &a) { return Value::string(spaced_non_nil(a, "\"", true)); });
  t.add("squote", [](Call &, std::vector<Value> &a) { return Value::string(spaced_non_nil(a, "'")); });
  add_unary(t, "upper", [](const std::string &s) {
    std::string o = s;
    for (char &c : o) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return o;
  });
  add_unary(t, "lower", [](const std::string &s) {
    std::string o = s;
    for (char &c : o) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return o;
  });
  add_unary(t, "title", title_case);
  add_unary(t, "untitle", [](const std::string &s) {
    std::string o = s;
    bool start = true;
    for (char &c : o) {
      if (is_ws(static_cast<unsigned char>(c))) {
        start = true;
        continue;
      }
      if (start) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      start = false;
    }
    return o;
  });
  add_unary(t, "nospace", [](const std::string &s) {
    std::string o;
    for (char c : s) {
      if (!is_ws(static_cast<unsigned char>(c))) {
        o += c;
      }
    }
    return o;
  });
  t.add("trim", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "trim");
    want_string(a[0]);
    return trim_value(a[0]);
  });
  t.add("trimAll", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "trimAll");
    return Value::string(trim_set(want_string(a[1]), want_string(a[0]), true, true));
  });
  t.add("trimPrefix", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "trimPrefix");
    const std::string &p = want_string(a[0]);
    const std::string &s = want_string(a[1]);
    return s.rfind(p, 0) == 0 ? Value::string(s.substr(p.size()), a[1].text.chain_at(0)) : a[1];
  });
  t.add("trimSuffix", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "trimSuffix");
    const std::string &p = want_string(a[0]);
    const std::string &s = want_string(a[1]);
    const bool has = s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    return has ? Value::string(s.substr(0, s.size() - p.size()), a[1].text.chain_at(0)) : a[1];
  });
  t.add("trunc", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "trunc");
    const int64_t n = want_int(a[0]);
    const std::string &s = want_string(a[1]);
    if (n >= 0 && static_cast<size_t>(n) < s.size()) {
      return Value::string(s.substr(0, static_cast<size_t>(n)), a[1].text.chain_at(0));
    }
    if (n < 0 && static_cast<size_t>(-n) < s.size()) {
      return Value::string(s.substr(s.size() - static_cast<size_t>(-n)));
    }
    return a[1];
  });
  t.add("replace", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "replace");
    return Value::string(replace_all(want_string(a[2]), want_string(a[0]), want_string(a[1])),
                         a[2].text.chain_at(0));
  });
  t.add("contains", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "contains");
    return Value::boolean(want_string(a[1]).find(want_string(a[0])) != std::string::npos);
  });
  t.add("hasPrefix", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "hasPrefix");
    return Value::boolean(want_string(a[1]).rfind(want_string(a[0]), 0) == 0);
  });
  t.add("hasSuffix", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "hasSuffix");
    const std::string &p = want_string(a[0]);
    const std::string &s = want_string(a[1]);
    return Value::boolean(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0);
  });
  t.add("indent", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "indent");
    const int64_t n = want_int(a[0]);
    want_string(a[1]);
    return Value::string(indent_text(a[1].text, static_cast<size_t>(std::clamp<int64_t>(n, 0, 10000))));
  });
  t.add("nindent", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "nindent");
    const int64_t n = want_int(a[0]);
    want_string(a[1]);
    Text out;
    out.append("\n");
    out.append(indent_text(a[1].text, static_cast<size_t>(std::clamp<int64_t>(n, 0, 10000))));
    return Value::string(out);
  });
  t.add("repeat", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "repeat");
    const int64_t n = want_int(a[0]);
    const std::string &s = want_string(a[1]);
    if (n < 0) {
      throw FunctionError("strings: negative Repeat count");
    }
    if (static_cast<double>(n) * static_cast<double>(s.size()) > static_cast<double>(kMaxStringBytes)) {
      check_string_size(kMaxStringBytes + 1);
    }
    std::string out;
    for (int64_t i = 0; i < n; ++i) {
      out += s;
    }
    return Value::string(out);
  });
  t.add("cat", [](Call &, std::vector<Value> &a) { return Value::string(spaced_non_nil(a, "")); });
  t.add("toString", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toString");
    // Sprig's strval: fmt.Sprintf("%v", nil) is "<nil>".
    return Value::string(a[0].is_nil() ? Text{"<nil>", {}} : to_text(a[0]));
  });
  t.add("toStrings", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toStrings");
    List out;
    if (a[0].kind == Value::Kind::List) {
      for (const Value &v : *a[0].list) {
        out.push_back(Value::string(v.is_nil() ? Text{} : to_text(v)));
      }
    } else if (!a[0].is_nil()) {
      out.push_back(Value::string(to_text(a[0])));
    }
    return Value::new_list(std::move(out));
  });
  t.add("splitList", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "splitList");
    const std::string &sep = want_string(a[0]);
    const std::string &s = want_string(a[1]);
    List out;
    if (sep.empty()) {
      for (char c : s) {
        out.push_back(Value::string(std::string(1, c)));
      }
      return Value::new_list(std::move(out));
    }
    size_t at = 0;
    while (true) {
      const size_t next = s.find(sep, at);
      out.push_back(Value::string(s.substr(at, next == std::string::npos ? std::string::npos : next - at)));
      if (next == std::string::npos) {
        break;
      }
      at = next + sep.size();
    }
    return Value::new_list(std::move(out));
  });
  t.add("split", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "split");
    return split_dict(want_string(a[1]), want_string(a[0]), -1);
  });
  t.add("splitn", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "splitn");
    return split_dict(want_string(a[2]), want_string(a[0]), want_int(a[1]));
  });
  t.add("join", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "join");
    const std::string &sep = want_string(a[0]);
    Text out;
    if (a[1].kind == Value::Kind::List) {
      for (size_t i = 0; i < a[1].list->size(); ++i) {
        if (i) {
          out.append(sep);
        }
        const Value &v = (*a[1].list)[i];
        if (!v.is_nil()) {
          out.append(to_text(v));
        }
        check_string_size(out.str.size());
      }
    } else if (!a[1].is_nil()) {
      out.append(to_text(a[1]));
    }
    return Value::string(out);
  });
  t.add("substr", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "substr");
    const int64_t start = want_int(a[0]);
    const int64_t end = want_int(a[1]);
    const std::string &s = want_string(a[2]);
    const auto len = static_cast<int64_t>(s.size());
    if (start < 0) {
      return Value::string(s.substr(0, static_cast<size_t>(std::clamp<int64_t>(end, 0, len))));
    }
    if (end < 0 || end > len) {
      return Value::string(s.substr(static_cast<size_t>(std::min(start, len))));
    }
    if (start > end) {
      return Value::string("");
    }
    return Value::string(s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
  });
  // regexMatch ignores a bad pattern (false); mustRegexMatch returns its error.
  for (const bool must : {false, true}) {
    const std::string name = must ? "mustRegexMatch" : "regexMatch";
    t.add(name, [must, name](Call &, std::vector<Value> &a) {
      want_args(a, 2, name);
      const std::string &pattern = want_string(a[0]);
      const std::string &s = want_string(a[1]);
      std::optional<regex::Regex> re;
      try {
        re.emplace(pattern);
      } catch (const regex::SyntaxError &e) {
        if (must) {
          throw FunctionError(e.what());
        }
        return Value::boolean(false);
      }
      return Value::boolean(within_budget(name, [&](regex::Budget &b) { return re->search(s, b); }));
    });
  }
  for (const bool must : {false, true}) {
    const std::string find = must ? "mustRegexFind" : "regexFind";
    t.add(find, [must, find](Call &, std::vector<Value> &a) {
      want_args(a, 2, find);
      const regex::Regex re = template_regex(want_string(a[0]), must);
      const std::string &s = want_string(a[1]);
      return Value::string(within_budget(find, [&](regex::Budget &b) {
        const std::vector<std::ptrdiff_t> m = re.find_at(s, 0, 2, b);
        return m.empty() ? std::string()
                         : s.substr(static_cast<size_t>(m[0]), static_cast<size_t>(m[1] - m[0]));
      }));
    });
    for (const bool literal : {false, true}) {
      const std::string replace =
          std::string(must ? "mustRegexReplaceAll" : "regexReplaceAll") + (literal ? "Literal" : "");
      t.add(replace, [must, literal, replace](Call &, std::vector<Value> &a) {
        want_args(a, 3, replace);
        const regex::Regex re = template_regex(want_string(a[0]), must);
        return Value::string(within_budget(replace, [&](regex::Budget &b) {
          return re.replace_all(want_string(a[1]), want_string(a[2]), literal, b);
        }));
      });
    }
    const std::string find_all = must ? "mustRegexFindAll" : "regexFindAll";
    t.add(find_all, [must, find_all](Call &, std::vector<Value> &a) {
      want_args(a, 3, find_all);
      const regex::Regex re = template_regex(want_string(a[0]), must);
      const std::string &s = want_string(a[1]);
      List out;
      for (const auto &[begin, end] :
           within_budget(find_all, [&](regex::Budget &b) { return re.find_all(s, want_int(a[2]), b); })) {
        out.push_back(Value::string(s.substr(begin, end - begin)));
      }
      return Value::new_list(std::move(out));
    });
    const std::string split = must ? "mustRegexSplit" : "regexSplit";
    t.add(split, [must, split](Call &, std::vector<Value> &a) {
      want_args(a, 3, split);
      const regex::Regex re = template_regex(want_string(a[0]), must);
      List out;
      for (std::string &piece : within_budget(
               split, [&](regex::Budget &b) { return re.split(want_string(a[1]), want_int(a[2]), b); })) {
        out.push_back(Value::string(std::move(piece)));
      }
      return Value::new_list(std::move(out));
    });
  }
  t.add("snakecase", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "snakecase");
    return Value::string(lower_words(want_string(a[0]), '_'));
  });
  t.add("kebabcase", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "kebabcase");
    return Value::string(lower_words(want_string(a[0]), '-'));
  });
  t.add("wrap", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "wrap");
    return Value::string(wrap_words(want_int(a[0]), want_string(a[1]), "\n"));
  });
  t.add("wrapWith", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "wrapWith");
    return Value::string(wrap_words(want_int(a[0]), want_string(a[2]), want_string(a[1])));
  });
  t.add("regexQuoteMeta", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "regexQuoteMeta");
    std::string out;
    for (char c : want_string(a[0])) { // Go's regexp.QuoteMeta
      if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) {
        out += '\\';
      }
      out += c;
    }
    return Value::string(out);
  });
  t.add("abbrev", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "abbrev");
    const int64_t width = want_int(a[0]);
    const std::string &s = want_string(a[1]);
    if (width < 4 || static_cast<int64_t>(s.size()) <= width) {
      return a[1];
    }
    return Value::string(s.substr(0, static_cast<size_t>(width - 3)) + "...");
  });
}

} // namespace wincompat::helm
