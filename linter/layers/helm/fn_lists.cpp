// Sprig's list functions.
#include "exec.hpp"
#include "limits.hpp"

#include <algorithm>

namespace wincompat::helm {

namespace {

bool deep_equal(const Value &a, const Value &b, ValueWalk &walk, size_t depth) {
  walk.enter(depth);
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
  case Value::Kind::Nil:
    return true;
  case Value::Kind::Bool:
    return a.b == b.b;
  case Value::Kind::Int:
    return a.i == b.i;
  case Value::Kind::Float:
    return a.f == b.f;
  case Value::Kind::String:
    return a.str() == b.str();
  case Value::Kind::List:
    if (a.list->size() != b.list->size()) {
      return false;
    }
    for (size_t i = 0; i < a.list->size(); ++i) {
      if (!deep_equal((*a.list)[i], (*b.list)[i], walk, depth + 1)) {
        return false;
      }
    }
    return true;
  case Value::Kind::Map:
    if (a.map->size() != b.map->size()) {
      return false;
    }
    for (const auto &[k, v] : *a.map) {
      auto it = b.map->find(k);
      if (it == b.map->end() || !deep_equal(v, it->second, walk, depth + 1)) {
        return false;
      }
    }
    return true;
  case Value::Kind::Object:
    return a.object == b.object;
  }
  return false;
}

const List &want_list(const Value &v, const std::string &name) {
  if (v.kind != Value::Kind::List) {
    throw FunctionError("Cannot " + name + " on type " + type_name(v));
  }
  return *v.list;
}

/// without, uniq and compact: the items `keep` keeps, given those kept so far.
template <typename Keep> Value kept(const List &items, Keep keep) {
  List out;
  for (const Value &v : items) {
    if (keep(v, out)) {
      out.push_back(v);
    }
  }
  return Value::new_list(std::move(out));
}

} // namespace

void register_list_functions(FunctionTable &t) {
  t.add("deepEqual", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "deepEqual");
    ValueWalk walk;
    return Value::boolean(deep_equal(a[0], a[1], walk, 0));
  });
  t.add("list", [](Call &, std::vector<Value> &a) { return Value::new_list(a); });
  t.add("tuple", [](Call &, std::vector<Value> &a) { return Value::new_list(a); });
  t.add("first", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "first");
    const List &l = want_list(a[0], "find first");
    return l.empty() ? Value::nil() : l.front();
  });
  t.add("last", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "last");
    const List &l = want_list(a[0], "find last");
    return l.empty() ? Value::nil() : l.back();
  });
  t.add("rest", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "rest");
    const List &l = want_list(a[0], "find rest");
    return l.empty() ? Value::nil() : Value::new_list(List(l.begin() + 1, l.end()));
  });
  t.add("initial", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "initial");
    const List &l = want_list(a[0], "find initial");
    return l.empty() ? Value::nil() : Value::new_list(List(l.begin(), l.end() - 1));
  });
  auto append = [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, c.name);
    List l = want_list(a[0], "append");
    l.push_back(a[1]);
    return Value::new_list(std::move(l));
  };
  t.add("append", append);
  t.add("push", append);
  t.add("prepend", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "prepend");
    List l = want_list(a[0], "prepend");
    l.insert(l.begin(), a[1]);
    return Value::new_list(std::move(l));
  });
  t.add("concat", [](Call &, std::vector<Value> &a) {
    List out;
    for (const Value &v : a) {
      const List &l = want_list(v, "concat");
      out.insert(out.end(), l.begin(), l.end());
    }
    return Value::new_list(std::move(out));
  });
  t.add("reverse", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "reverse");
    List l = want_list(a[0], "reverse");
    std::reverse(l.begin(), l.end());
    return Value::new_list(std::move(l));
  });
  t.add("has", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "has");
    if (a[1].is_nil()) {
      return Value::boolean(false);
    }
    ValueWalk walk; // one for the call: its comparisons together are bounded
    for (const Value &v : want_list(a[1], "find has")) {
      if (deep_equal(v, a[0], walk, 0)) {
        return Value::boolean(true);
      }
    }
    return Value::boolean(false);
  });
  t.add("without", [](Call &, std::vector<Value> &a) {
    want_at_least(a, 1, "without");
    ValueWalk walk;
    return kept(want_list(a[0], "find without"), [&a, &walk](const Value &v, const List &) {
      return std::none_of(a.begin() + 1, a.end(),
                          [&v, &walk](const Value &dropped) { return deep_equal(v, dropped, walk, 0); });
    });
  });
  t.add("uniq", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "uniq");
    ValueWalk walk;
    return kept(want_list(a[0], "find uniq"), [&walk](const Value &v, const List &out) {
      return std::none_of(out.begin(), out.end(),
                          [&v, &walk](const Value &o) { return deep_equal(o, v, walk, 0); });
    });
  });
  t.add("compact", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "compact");
    return kept(want_list(a[0], "compact"), [](const Value &v, const List &) { return !is_empty(v); });
  });
  t.add("sortAlpha", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "sortAlpha");
    List out;
    if (a[0].kind == Value::Kind::List) {
      for (const Value &v : *a[0].list) {
        out.push_back(Value::string(cast_string(v)));
      }
    } else {
      out.push_back(Value::string(cast_string(a[0])));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Value &x, const Value &y) { return x.str() < y.str(); });
    return Value::new_list(std::move(out));
  });
  t.add("until", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "until");
    const int64_t n = want_int(a[0]);
    if (n > static_cast<int64_t>(kMaxItems) || n < -static_cast<int64_t>(kMaxItems)) {
      throw FunctionError("until: count too large for wincompat");
    }
    List out;
    const int64_t step = n < 0 ? -1 : 1;
    for (int64_t i = 0; i != n; i += step) {
      out.push_back(Value::integer(i));
    }
    return Value::new_list(std::move(out));
  });
  t.add("untilStep", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "untilStep");
    const int64_t start = want_int(a[0]);
    const int64_t stop = want_int(a[1]);
    const int64_t step = want_int(a[2]);
    List out;
    if (step == 0 || (step > 0 && start >= stop) || (step < 0 && start <= stop)) {
      return Value::new_list();
    }
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (out.size() > kMaxItems) {
        throw FunctionError("untilStep: count too large for wincompat");
      }
      out.push_back(Value::integer(i));
    }
    return Value::new_list(std::move(out));
  });
  t.add("seq", [](Call &, std::vector<Value> &a) {
    // Sprig's seq: like the Unix command (1 arg: 1..n; 2: a..b; 3: a, step, b).
    std::vector<int64_t> p;
    for (const Value &v : a) {
      p.push_back(cast_int64(v));
    }
    int64_t start = 1;
    int64_t step = 1;
    int64_t end = 0;
    if (p.size() == 1) {
      end = p[0];
      if (end < 1) {
        step = -1;
      }
    } else if (p.size() == 2) {
      start = p[0];
      end = p[1];
      step = end < start ? -1 : 1;
    } else if (p.size() == 3) {
      start = p[0];
      step = p[1];
      end = p[2];
    } else {
      return Value::string("");
    }
    if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
      return Value::string("");
    }
    std::string out;
    for (int64_t i = start; step > 0 ? i <= end : i >= end; i += step) {
      if (out.size() > 16'000'000) {
        throw FunctionError("seq: too long for wincompat");
      }
      out.append(out.empty() ? "" : " ").append(std::to_string(i));
    }
    return Value::string(out);
  });
  t.add("chunk", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "chunk");
    const int64_t size = want_int(a[0]);
    const List &l = want_list(a[1], "chunk");
    List out;
    if (size <= 0) {
      throw FunctionError("chunk size must be positive");
    }
    for (size_t i = 0; i < l.size(); i += static_cast<size_t>(size)) {
      out.push_back(Value::new_list(
          List(l.begin() + static_cast<std::ptrdiff_t>(i),
               l.begin() + static_cast<std::ptrdiff_t>(std::min(l.size(), i + static_cast<size_t>(size))))));
    }
    return Value::new_list(std::move(out));
  });
}

} // namespace wincompat::helm
