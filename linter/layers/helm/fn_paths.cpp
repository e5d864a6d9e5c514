// Sprig's path functions, a few more string and list helpers charts use,
// and aliases Sprig keeps for old names.
#include "archive.hpp"
#include "exec.hpp"

#include <algorithm>
#include <cctype>

namespace wincompat::helm {

std::string clean_path(const std::string &p) {
  if (p.empty()) {
    return ".";
  }
  const bool rooted = p[0] == '/';
  std::vector<std::string> parts;
  size_t begin = 0;
  while (begin <= p.size()) {
    size_t slash = p.find('/', begin);
    if (slash == std::string::npos) {
      slash = p.size();
    }
    const std::string part = p.substr(begin, slash - begin);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    begin = slash + 1;
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i ? "/" : "") + parts[i];
  }
  return out.empty() ? "." : out;
}

namespace {

std::string base_name(const std::string &p) {
  if (p.empty()) {
    return ".";
  }
  std::string s = p;
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  if (s == "/") {
    return "/";
  }
  const size_t slash = s.find_last_of('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

std::string dir_name(const std::string &p) {
  const size_t slash = p.find_last_of('/');
  return clean_path(slash == std::string::npos ? "" : p.substr(0, slash + 1));
}

std::string ext_name(const std::string &p) {
  for (size_t i = p.size(); i-- > 0;) {
    if (p[i] == '/') {
      break;
    }
    if (p[i] == '.') {
      return p.substr(i);
    }
  }
  return "";
}

void add_string_fn(FunctionTable &t, const std::string &name, std::string (*fn)(const std::string &)) {
  t.add(name, [fn, name](Call &, std::vector<Value> &a) {
    want_args(a, 1, name);
    return Value::string(fn(want_string(a[0])));
  });
}

} // namespace

void register_path_functions(FunctionTable &t) {
  add_string_fn(t, "base", base_name);
  add_string_fn(t, "dir", dir_name);
  add_string_fn(t, "ext", ext_name);
  add_string_fn(t, "clean", clean_path);
  t.add("isAbs", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "isAbs");
    return Value::boolean(!want_string(a[0]).empty() && want_string(a[0])[0] == '/');
  });
  add_string_fn(t, "camelcase", [](const std::string &s) {
    std::string out;
    bool upper = true;
    for (char c : s) {
      if (c == '_' || c == '-' || c == ' ') {
        upper = true;
        continue;
      }
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
    return out;
  });
  add_string_fn(t, "swapcase", [](const std::string &s) {
    std::string out = s;
    for (char &c : out) {
      const auto u = static_cast<unsigned char>(c);
      c = static_cast<char>(std::isupper(u) ? std::tolower(u) : std::toupper(u));
    }
    return out;
  });
  add_string_fn(t, "initials", [](const std::string &s) {
    std::string out;
    bool start = true;
    for (char c : s) {
      if (c == ' ') {
        start = true;
      } else if (start) {
        out += c;
        start = false;
      }
    }
    return out;
  });
  t.add("plural", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "plural");
    return want_int(a[2]) == 1 ? a[0] : a[1];
  });
  t.add("randInt", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "randInt");
    const int64_t low = want_int(a[0]);
    const int64_t high = want_int(a[1]);
    if (high <= low) {
      throw FunctionError("invalid argument to Intn");
    }
    // Deterministic: the same number on every run.
    return Value::integer(
        low + static_cast<int64_t>(c.engine.random_counter++ % static_cast<uint64_t>(high - low)));
  });
  t.add("getHostByName", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "getHostByName");
    return Value::string(""); // Helm looks names up only with --enable-dns; never here
  });
  t.add("shuffle", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "shuffle");
    return Value::string(want_string(a[0])); // deterministic: unchanged
  });
  // Sprig's older names.
  for (const auto &[alias, name] : std::vector<std::pair<const char *, const char *>>{
           {"trimall", "trimAll"},
           {"biggest", "max"},
           // The os* path functions are the same on the Linux hosts Helm runs on.
           {"osBase", "base"},
           {"osDir", "dir"},
           {"osClean", "clean"},
           {"osExt", "ext"},
           {"osIsAbs", "isAbs"},
           {"mustSlice", "slice"}}) {
    if (t.functions.count(name) && !t.functions.count(alias)) {
      t.functions[alias] = t.functions[name];
    }
  }
}

} // namespace wincompat::helm
