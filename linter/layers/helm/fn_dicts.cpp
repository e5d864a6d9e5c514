// Sprig's dict functions, defaults (default, empty, coalesce, ternary) and
// type checks (kindIs, typeOf).
#include "exec.hpp"
#include "limits.hpp"

namespace wincompat::helm {

bool is_empty(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Nil:
    return true;
  case Value::Kind::Bool:
    return !v.b;
  case Value::Kind::Int:
    return v.i == 0;
  case Value::Kind::Float:
    return v.f == 0;
  case Value::Kind::String:
    return v.str().empty();
  case Value::Kind::List:
    return v.list->empty();
  case Value::Kind::Map:
    return v.map->empty();
  case Value::Kind::Object:
    return false;
  }
  return true;
}

namespace {

/// A map argument, or null for a missing value (Go's nil map).
Map *map_or_nil(const Value &v) {
  if (v.is_nil()) {
    return nullptr;
  }
  if (v.kind != Value::Kind::Map) {
    throw FunctionError("wrong type for value; expected map[string]interface {}; got " + type_name(v), true);
  }
  return v.map.get();
}

/// A map argument that is only read: a nil map finds nothing. (One shared
/// empty map, not a thread_local one: thread-local objects with destructors
/// are destroyed after their storage is freed under mingw-w64's emulated TLS,
/// which crashed the Windows build's worker threads at exit.)
const Map &want_map(const Value &v) {
  static const Map nil_map;
  const Map *map = map_or_nil(v);
  return map ? *map : nil_map;
}

/// A map argument that is written to: writing to a nil map is Go's
/// "assignment to entry in nil map".
Map &want_writable_map(const Value &v) {
  Map *map = map_or_nil(v);
  if (!map) {
    throw FunctionError("assignment to entry in nil map");
  }
  return *map;
}

/// Stops `set` and `merge` from storing a value in a dict it holds: Go
/// allows it, but such a value has no end (toJson and printing never finish),
/// and it would never be freed here.
void refuse_cycle(const Map &dict, const Value &stored, const std::string &name) {
  if (holds(stored, &dict)) {
    throw LimitExceeded("the value given to " + name +
                        " holds the dict it would be stored in (a value that holds itself has no end; "
                        "wincompat does not build one)");
  }
}

/// mergo.Merge: fills dst's empty or missing entries from src, maps deeply;
/// with `overwrite`, src's non-empty values replace dst's.
void merge_into(Map &dst, const Map &src, bool overwrite, const std::string &name, ValueWalk &walk,
                size_t depth) {
  walk.enter(depth);
  for (const auto &[key, value] : src) {
    auto it = dst.find(key);
    if (value.is_nil()) {
      // mergo's deepMerge: a nil interface in src is set only with overwrite
      // (`mergeOverwrite` clears the entry to null; `merge` leaves dst as it is).
      if (overwrite) {
        dst[key] = Value::nil();
      }
      continue;
    }
    if (it == dst.end()) {
      refuse_cycle(dst, value, name);
      dst.emplace(key, value);
      continue;
    }
    Value &current = it->second;
    if (current.kind == Value::Kind::Map && value.kind == Value::Kind::Map) {
      merge_into(*current.map, *value.map, overwrite, name, walk, depth + 1);
      continue;
    }
    // mergo 0.3 (Sprig's merge): a map never replaces a value that is not
    // empty; anything else replaces an empty value, and with overwrite
    // (mergeOverwrite) any value, even with false, 0, "" or nil: in map
    // merges mergo forces "overwrite with empty value" (mergo issue #187,
    // fixed only in v1.0.1; Helm 3.14 pins 0.3.13).
    const bool replace = is_empty(current) || (overwrite && value.kind != Value::Kind::Map);
    if (replace) {
      refuse_cycle(dst, value, name);
      current = value;
    }
  }
}

} // namespace

void register_dict_functions(FunctionTable &t) {
  t.add("dict", [](Call &, std::vector<Value> &a) {
    Map m;
    for (size_t i = 0; i < a.size(); i += 2) {
      m[cast_string(a[i])] = i + 1 < a.size() ? a[i + 1] : Value::string("");
    }
    return Value::new_map(std::move(m));
  });
  t.add("get", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "get");
    const Map &m = want_map(a[0]);
    auto it = m.find(want_string(a[1]));
    return it == m.end() ? Value::string("") : it->second;
  });
  t.add("set", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "set");
    Map &m = want_writable_map(a[0]);
    refuse_cycle(m, a[2], "set");
    m[want_string(a[1])] = a[2];
    return a[0];
  });
  t.add("unset", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "unset");
    want_writable_map(a[0]).erase(want_string(a[1]));
    return a[0];
  });
  t.add("hasKey", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "hasKey");
    return Value::boolean(want_map(a[0]).count(want_string(a[1])) != 0);
  });
  t.add("keys", [](Call &, std::vector<Value> &a) {
    // Go's map order is random; sorted here so renders are reproducible.
    List out;
    for (const Value &v : a) {
      for (const auto &entry : want_map(v)) {
        out.push_back(Value::string(entry.first));
      }
    }
    return Value::new_list(std::move(out));
  });
  t.add("values", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "values");
    List out;
    for (const auto &entry : want_map(a[0])) {
      out.push_back(entry.second);
    }
    return Value::new_list(std::move(out));
  });
  t.add("pluck", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "pluck");
    const std::string key = want_string(a[0]);
    List out;
    for (size_t i = 1; i < a.size(); ++i) {
      const Map &m = want_map(a[i]);
      if (auto it = m.find(key); it != m.end()) {
        out.push_back(it->second);
      }
    }
    return Value::new_list(std::move(out));
  });
  t.add("pick", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "pick");
    const Map &m = want_map(a[0]);
    Map out;
    for (size_t i = 1; i < a.size(); ++i) {
      if (auto it = m.find(want_string(a[i])); it != m.end()) {
        out.insert(*it);
      }
    }
    return Value::new_map(std::move(out));
  });
  t.add("omit", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "omit");
    Map out = want_map(a[0]);
    for (size_t i = 1; i < a.size(); ++i) {
      out.erase(want_string(a[i]));
    }
    return Value::new_map(std::move(out));
  });
  t.add("dig", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 3, "dig");
    Value current = a.back();
    for (size_t i = 0; i + 2 < a.size(); ++i) {
      const std::string &key = want_string(a[i]);
      if (current.kind != Value::Kind::Map) {
        return a[a.size() - 2];
      }
      auto it = current.map->find(key);
      if (it == current.map->end()) {
        return a[a.size() - 2];
      }
      current = it->second;
    }
    return current;
  });
  auto merge = [](bool overwrite) {
    return [overwrite](Call &c, std::vector<Value> &a) {
      want_at_least(a, 1, c.name);
      Map &dst = want_writable_map(a[0]);
      for (size_t i = 1; i < a.size(); ++i) {
        ValueWalk walk;
        merge_into(dst, want_map(a[i]), overwrite, c.name, walk, 0);
      }
      return a[0];
    };
  };
  t.add("merge", merge(false));
  t.add("mergeOverwrite", merge(true));
  t.add("deepCopy", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "deepCopy");
    return deep_copy(a[0]);
  });
  t.add("default", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "default");
    if (a.size() < 2 || is_empty(a[1])) {
      return a[0];
    }
    return a[1];
  });
  t.add("empty", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "empty");
    return Value::boolean(is_empty(a[0]));
  });
  t.add("coalesce", [](Call &, std::vector<Value> &a) {
    for (const Value &v : a) {
      if (!is_empty(v)) {
        return v;
      }
    }
    return Value::nil();
  });
  t.add("all", [](Call &, std::vector<Value> &a) {
    for (const Value &v : a) {
      if (is_empty(v)) {
        return Value::boolean(false);
      }
    }
    return Value::boolean(true);
  });
  t.add("any", [](Call &, std::vector<Value> &a) {
    for (const Value &v : a) {
      if (!is_empty(v)) {
        return Value::boolean(true);
      }
    }
    return Value::boolean(false);
  });
  t.add("ternary", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "ternary");
    if (a[2].kind != Value::Kind::Bool) {
      throw FunctionError("wrong type for value; expected bool; got " + type_name(a[2]), true);
    }
    return a[2].b ? a[0] : a[1];
  });
  t.add("kindIs", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "kindIs");
    return Value::boolean(kind_name(a[1]) == want_string(a[0]));
  });
  t.add("kindOf", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "kindOf");
    return Value::string(kind_name(a[0]));
  });
  t.add("typeOf", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "typeOf");
    return Value::string(type_name(a[0]));
  });
  t.add("typeIs", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "typeIs");
    return Value::boolean(type_name(a[1]) == want_string(a[0]));
  });
  t.add("typeIsLike", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "typeIsLike");
    const std::string &want = want_string(a[0]);
    const std::string got = type_name(a[1]);
    return Value::boolean(got == want || "*" + got == want);
  });
}

} // namespace wincompat::helm
