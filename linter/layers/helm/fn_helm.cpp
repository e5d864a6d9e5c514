// Helm's own functions (include, tpl, required, fail, lookup) and Sprig's
// semver checks.
#include "exec.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace wincompat::helm {

namespace {

struct Version {
  int64_t part[3] = {0, 0, 0};
  std::string pre;
  bool ok = false;
};

/// Masterminds/semver's lenient parse: "v1.2", "1.30.0-0", "1".
Version parse_version(std::string s) {
  Version v;
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) {
    s.erase(0, 1);
  }
  if (const size_t plus = s.find('+'); plus != std::string::npos) {
    s.resize(plus);
  }
  if (const size_t dash = s.find('-'); dash != std::string::npos) {
    v.pre = s.substr(dash + 1);
    s.resize(dash);
  }
  int index = 0;
  size_t begin = 0;
  while (index < 3) {
    const size_t dot = s.find('.', begin);
    const std::string piece = s.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    if (piece.empty() || piece.find_first_not_of("0123456789") != std::string::npos) {
      return v;
    }
    v.part[index++] = std::strtoll(piece.c_str(), nullptr, 10);
    if (dot == std::string::npos) {
      break;
    }
    begin = dot + 1;
    if (index == 3) {
      return v;
    }
  }
  v.ok = true;
  return v;
}

int compare_pre(const std::string &a, const std::string &b) {
  if (a == b) {
    return 0;
  }
  if (a.empty()) {
    return 1;
  }
  if (b.empty()) {
    return -1;
  }
  std::stringstream sa(a);
  std::stringstream sb(b);
  std::string pa;
  std::string pb;
  while (true) {
    const bool ha = static_cast<bool>(std::getline(sa, pa, '.'));
    const bool hb = static_cast<bool>(std::getline(sb, pb, '.'));
    if (!ha || !hb) {
      return ha ? 1 : hb ? -1 : 0;
    }
    const bool na = pa.find_first_not_of("0123456789") == std::string::npos;
    const bool nb = pb.find_first_not_of("0123456789") == std::string::npos;
    if (na && nb) {
      const long long x = std::atoll(pa.c_str());
      const long long y = std::atoll(pb.c_str());
      if (x != y) {
        return x < y ? -1 : 1;
      }
    } else if (na != nb) {
      return na ? -1 : 1;
    } else if (pa != pb) {
      return pa < pb ? -1 : 1;
    }
  }
}

int compare(const Version &a, const Version &b) {
  for (int i = 0; i < 3; ++i) {
    if (a.part[i] != b.part[i]) {
      return a.part[i] < b.part[i] ? -1 : 1;
    }
  }
  return compare_pre(a.pre, b.pre);
}

std::string trim(const std::string &s) {
  const size_t b = s.find_first_not_of(" \t");
  const size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// One comparison ("<=1.2.3", "~1.2", "^1", "1.x"), Masterminds' rules.
bool check_one(const std::string &term, const Version &v) {
  size_t op_len = 0;
  while (op_len < term.size() && std::string("<>=!~^").find(term[op_len]) != std::string::npos) {
    ++op_len;
  }
  const std::string op = term.substr(0, op_len);
  std::string text = trim(term.substr(op_len));
  // Wildcards: 1.x, 1.2.*, *.
  int wild_at = 3;
  {
    std::string cleaned = text;
    if (!cleaned.empty() && (cleaned[0] == 'v' || cleaned[0] == 'V')) {
      cleaned.erase(0, 1);
    }
    std::stringstream ss(cleaned);
    std::string piece;
    int index = 0;
    while (std::getline(ss, piece, '.') && index < 3) {
      if (piece == "x" || piece == "X" || piece == "*") {
        wild_at = std::min(wild_at, index);
      }
      ++index;
    }
    if (cleaned.empty() || cleaned == "*" || cleaned == "x" || cleaned == "X") {
      wild_at = 0;
    } else if (index < 3) {
      wild_at = std::min(wild_at, index);
    }
    std::string rebuilt;
    std::stringstream again(cleaned);
    index = 0;
    while (std::getline(again, piece, '.') && index < 3) {
      rebuilt.append(index ? "." : "").append(index >= wild_at ? std::string("0") : piece);
      ++index;
    }
    text = rebuilt.empty() ? "0" : rebuilt;
  }
  Version c = parse_version(text);
  if (!c.ok) {
    throw FunctionError("improper constraint: " + term);
  }
  // A prerelease version satisfies only constraints that name a prerelease.
  if (!v.pre.empty() && c.pre.empty()) {
    return false;
  }
  auto upper = [&](int level) {
    Version u = c;
    u.pre.clear();
    if (level < 0) {
      return u;
    }
    u.part[level] += 1;
    for (int i = level + 1; i < 3; ++i) {
      u.part[i] = 0;
    }
    return u;
  };
  const int cmp = compare(v, c);
  if (op.empty() || op == "=" || op == "==") {
    if (wild_at < 3) {
      return cmp >= 0 && (wild_at == 0 || compare(v, upper(wild_at - 1)) < 0);
    }
    return cmp == 0;
  }
  if (op == "!=") {
    return cmp != 0;
  }
  if (op == ">") {
    if (wild_at < 3 && wild_at > 0) {
      return compare(v, upper(wild_at - 1)) >= 0;
    }
    return cmp > 0;
  }
  if (op == ">=" || op == "=>") {
    return cmp >= 0;
  }
  if (op == "<") {
    return cmp < 0;
  }
  if (op == "<=" || op == "=<") {
    if (wild_at < 3 && wild_at > 0) {
      return compare(v, upper(wild_at - 1)) < 0;
    }
    return cmp <= 0;
  }
  if (op == "~" || op == "~>") {
    const int level = wild_at == 1 ? 0 : (text.find('.') == std::string::npos ? 0 : 1);
    return cmp >= 0 && compare(v, upper(wild_at == 0 ? -1 : level)) < 0;
  }
  if (op == "^") {
    int level = 0;
    if (c.part[0] == 0 && wild_at > 1) {
      level = c.part[1] == 0 && wild_at > 2 ? 2 : 1;
    }
    return cmp >= 0 && compare(v, upper(level)) < 0;
  }
  throw FunctionError("improper constraint: " + term);
}

bool semver_matches(const std::string &constraint, const std::string &version) {
  Version v = parse_version(trim(version));
  if (!v.ok) {
    throw FunctionError("Invalid Semantic Version");
  }
  size_t begin = 0;
  while (begin <= constraint.size()) {
    const size_t bar = constraint.find("||", begin);
    const std::string group =
        constraint.substr(begin, bar == std::string::npos ? std::string::npos : bar - begin);
    // Terms are separated by commas or spaces; an operator may be followed by a space.
    std::vector<std::string> terms;
    std::string current;
    for (size_t i = 0; i <= group.size(); ++i) {
      const char ch = i < group.size() ? group[i] : ',';
      if (ch == ',' || ch == ' ') {
        const std::string t = trim(current);
        if (!t.empty() && t.find_first_not_of("<>=!~^") == std::string::npos && ch == ' ') {
          continue; // "> 1.2": operator then space
        }
        if (!t.empty()) {
          terms.push_back(t);
        }
        current.clear();
      } else {
        current += ch;
      }
    }
    bool all = !terms.empty();
    for (const std::string &term : terms) {
      if (term.find(" - ") != std::string::npos) {
        continue;
      }
      all = all && check_one(term, v);
    }
    if (all) {
      return true;
    }
    if (bar == std::string::npos) {
      break;
    }
    begin = bar + 2;
  }
  return false;
}

std::string template_name_of(const Value &dot) {
  if (dot.kind == Value::Kind::Map) {
    auto it = dot.map->find("Template");
    if (it != dot.map->end() && it->second.kind == Value::Kind::Map) {
      auto name = it->second.map->find("Name");
      if (name != it->second.map->end() && name->second.is_string()) {
        return name->second.str();
      }
    }
  }
  return "gotpl";
}

} // namespace

void register_helm_functions(FunctionTable &t) {
  t.add("include", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "include");
    const std::string name = want_string(a[0]);
    if (!c.engine.has(name)) {
      throw FunctionError("template: no template \"" + name + "\" associated with template \"gotpl\"");
    }
    return Value::string(c.engine.execute_named(name, a[1], nullptr));
  });
  t.add("tpl", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "tpl");
    want_string(a[0]);
    return Value::string(c.engine.execute_string(a[0].text, a[1], template_name_of(a[1])));
  });
  t.add("required", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "required");
    const std::string message = want_string(a[0]);
    if (a[1].is_nil() || (a[1].is_string() && a[1].str().empty())) {
      throw FunctionError(message);
    }
    return a[1];
  });
  t.add("fail", [](Call &, std::vector<Value> &a) -> Value {
    want_args(a, 1, "fail");
    throw FunctionError(want_string(a[0]));
  });
  t.add("lookup", [](Call &, std::vector<Value> &a) {
    want_args(a, 4, "lookup");
    return Value::new_map(); // `helm template` has no cluster: always empty
  });
  t.add("semverCompare", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "semverCompare");
    return Value::boolean(semver_matches(want_string(a[0]), want_string(a[1])));
  });
  t.add("semver", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "semver");
    Version v = parse_version(want_string(a[0]));
    if (!v.ok) {
      throw FunctionError("Invalid Semantic Version");
    }
    Map m;
    m["Major"] = Value::integer(v.part[0], "int64");
    m["Minor"] = Value::integer(v.part[1], "int64");
    m["Patch"] = Value::integer(v.part[2], "int64");
    m["Prerelease"] = Value::string(v.pre);
    return Value::new_map(std::move(m));
  });
}

} // namespace wincompat::helm
