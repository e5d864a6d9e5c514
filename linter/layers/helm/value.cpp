#include "value.hpp"

#include "enum_names.hpp"
#include "limits.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace wincompat::helm {

namespace {
constexpr size_t kMaxChain = 4;
} // namespace

void Text::append(const std::string &s, const ChainPtr &chain) {
  const auto begin = static_cast<uint32_t>(str.size());
  str += s;
  if (chain && !s.empty()) {
    pieces.push_back({begin, static_cast<uint32_t>(str.size()), chain});
  }
}

void Text::append(const Text &other) {
  const auto shift = static_cast<uint32_t>(str.size());
  str += other.str;
  for (const Piece &p : other.pieces) {
    pieces.push_back({p.begin + shift, p.end + shift, p.chain});
  }
}

void Text::append_via(const Text &other, const ChainPtr &tail, ChainJoiner &joiner) {
  const auto shift = static_cast<uint32_t>(str.size());
  str += other.str;
  uint32_t at = 0;
  for (const Piece &p : other.pieces) {
    if (p.begin > at && tail) {
      pieces.push_back({shift + at, shift + p.begin, tail});
    }
    pieces.push_back({p.begin + shift, p.end + shift, joiner.join(p.chain, tail)});
    at = p.end;
  }
  if (other.str.size() > at && tail) {
    pieces.push_back({shift + at, static_cast<uint32_t>(str.size()), tail});
  }
}

ChainPtr Text::chain_at(uint32_t offset) const {
  for (const Piece &p : pieces) {
    if (offset >= p.begin && offset < p.end) {
      return p.chain;
    }
  }
  return nullptr;
}

ChainPtr make_chain(Origin origin) {
  return std::make_shared<const Chain>(Chain{std::move(origin)});
}

ChainPtr ChainJoiner::join(const ChainPtr &head, const ChainPtr &tail) {
  if (!head) {
    return tail;
  }
  if (!tail || head->size() >= kMaxChain) {
    return head;
  }
  auto &slot = entries_[head.get()];
  if (auto it = slot.find(tail.get()); it != slot.end()) {
    return it->second.joined;
  }
  if (size_ > 100000) {
    entries_.clear();
    size_ = 0;
    return join(head, tail);
  }
  Chain joined = *head;
  for (const Origin &o : *tail) {
    if (joined.size() >= kMaxChain) {
      break;
    }
    joined.push_back(o);
  }
  ChainPtr result = std::make_shared<const Chain>(std::move(joined));
  entries_[head.get()][tail.get()] = {head, tail, result};
  ++size_;
  return result;
}

std::string type_name(const Value &v) {
  // Go's %T names; an int may carry a narrower Go type, an object its own.
  static constexpr EnumName<Value::Kind> kTypes[] = {
      {Value::Kind::Nil, "<nil>"},           {Value::Kind::Bool, "bool"},
      {Value::Kind::Float, "float64"},       {Value::Kind::String, "string"},
      {Value::Kind::List, "[]interface {}"}, {Value::Kind::Map, "map[string]interface {}"}};
  if (v.kind == Value::Kind::Int) {
    return v.go_type.empty() ? "int" : v.go_type;
  }
  if (v.kind == Value::Kind::Object) {
    return v.object->type_name();
  }
  return std::string(name_of(v.kind, kTypes));
}

std::string kind_name(const Value &v) {
  // reflect's Kind names where they differ from the type's name.
  static constexpr EnumName<Value::Kind> kKinds[] = {{Value::Kind::Nil, "invalid"},
                                                     {Value::Kind::List, "slice"},
                                                     {Value::Kind::Map, "map"},
                                                     {Value::Kind::Object, "ptr"}};
  const std::string_view kind = name_of(v.kind, kKinds);
  return kind.empty() ? type_name(v) : std::string(kind);
}

bool truthy(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Nil:
    return false;
  case Value::Kind::Bool:
    return v.b;
  case Value::Kind::Int:
    return v.i != 0;
  case Value::Kind::Float:
    return v.f != 0;
  case Value::Kind::String:
    return !v.str().empty();
  case Value::Kind::List:
    return !v.list->empty();
  case Value::Kind::Map:
    return !v.map->empty();
  case Value::Kind::Object:
    return true;
  }
  return false;
}

std::string format_float_g(double f) {
  if (std::isnan(f)) {
    return "NaN";
  }
  if (std::isinf(f)) {
    return f > 0 ? "+Inf" : "-Inf";
  }
  // Shortest digits that round-trip, then Go's %g layout.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  const int exp = std::stoi(sci.substr(e + 1));
  std::string digits;
  bool negative = false;
  for (char c : mantissa) {
    if (c == '-') {
      negative = true;
    } else if (c != '.') {
      digits += c;
    }
  }
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  std::string out = negative ? "-" : "";
  constexpr int eprec = 6; // strconv: the shortest form decides at 6
  if (exp < -4 || exp >= eprec) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return out + ebuf;
  }
  if (exp < 0) {
    out += "0.";
    out += std::string(static_cast<size_t>(-exp - 1), '0');
    out += digits;
    return out;
  }
  const auto int_len = static_cast<size_t>(exp + 1);
  if (digits.size() <= int_len) {
    out += digits + std::string(int_len - digits.size(), '0');
  } else {
    out += digits.substr(0, int_len) + "." + digits.substr(int_len);
  }
  return out;
}

namespace {

void append_v(std::string &out, const Value &v, ValueWalk &walk, size_t depth) {
  walk.enter(depth);
  switch (v.kind) {
  case Value::Kind::Nil:
    out += "<nil>";
    return;
  case Value::Kind::Bool:
    out += v.b ? "true" : "false";
    return;
  case Value::Kind::Int:
    out += std::to_string(v.i);
    return;
  case Value::Kind::Float:
    out += format_float_g(v.f);
    return;
  case Value::Kind::String:
    out += v.str();
    break;
  case Value::Kind::List: {
    out += '[';
    for (size_t i = 0; i < v.list->size(); ++i) {
      out += i ? " " : "";
      append_v(out, (*v.list)[i], walk, depth + 1);
    }
    out += ']';
    break;
  }
  case Value::Kind::Map: {
    out += "map[";
    bool first = true;
    for (const auto &[k, item] : *v.map) {
      out.append(first ? "" : " ").append(k).append(":");
      append_v(out, item, walk, depth + 1);
      first = false;
    }
    out += ']';
    break;
  }
  case Value::Kind::Object:
    if (const UnknownObject *unknown = as_unknown(v)) {
      out += unknown_placeholder(unknown->id);
      return;
    }
    out += v.object->format_v();
    return;
  }
  check_string_size(out.size());
}

} // namespace

std::string format_v(const Value &v) {
  std::string out;
  ValueWalk walk;
  append_v(out, v, walk, 0);
  return out;
}

Text printed(const Value &v) {
  if (v.is_nil()) {
    return {};
  }
  return to_text(v);
}

Text to_text(const Value &v) {
  if (v.is_string()) {
    return v.text;
  }
  Text t;
  t.append(format_v(v), v.kind == Value::Kind::List || v.kind == Value::Kind::Map ? nullptr : v.origin);
  return t;
}

namespace {

Value copy_of(const Value &v, ValueWalk &walk, size_t depth) {
  walk.enter(depth);
  if (v.kind == Value::Kind::List) {
    List items;
    items.reserve(v.list->size());
    for (const Value &item : *v.list) {
      items.push_back(copy_of(item, walk, depth + 1));
    }
    return Value::new_list(std::move(items));
  }
  if (v.kind == Value::Kind::Map) {
    Map entries;
    for (const auto &[k, item] : *v.map) {
      entries.emplace(k, copy_of(item, walk, depth + 1));
    }
    return Value::new_map(std::move(entries));
  }
  return v;
}

} // namespace

Value deep_copy(const Value &v) {
  ValueWalk walk;
  return copy_of(v, walk, 0);
}

bool holds(const Value &v, const void *container) {
  // Each list and map once: shared ones (a DAG) cost their size, not their paths.
  std::vector<const Value *> pending{&v};
  std::unordered_set<const void *> seen;
  while (!pending.empty()) {
    const Value *at = pending.back();
    pending.pop_back();
    if (at->kind == Value::Kind::List) {
      if (at->list.get() == container) {
        return true;
      }
      if (seen.insert(at->list.get()).second) {
        for (const Value &item : *at->list) {
          pending.push_back(&item);
        }
      }
    } else if (at->kind == Value::Kind::Map) {
      if (at->map.get() == container) {
        return true;
      }
      if (seen.insert(at->map.get()).second) {
        for (const auto &entry : *at->map) {
          pending.push_back(&entry.second);
        }
      }
    }
  }
  return false;
}

void Value::release() noexcept {
  // The lists and maps only this value holds, taken out level by level, so
  // that each is freed once its own items hold nothing more to free.
  std::vector<std::shared_ptr<List>> lists;
  std::vector<std::shared_ptr<Map>> maps;
  auto take = [&](Value &v) {
    if (v.list && v.list.use_count() == 1) {
      lists.push_back(std::move(v.list));
    }
    if (v.map && v.map.use_count() == 1) {
      maps.push_back(std::move(v.map));
    }
  };
  take(*this);
  while (!lists.empty() || !maps.empty()) {
    if (!lists.empty()) {
      const std::shared_ptr<List> items = std::move(lists.back());
      lists.pop_back();
      for (Value &item : *items) {
        take(item);
      }
    } else {
      const std::shared_ptr<Map> entries = std::move(maps.back());
      maps.pop_back();
      for (auto &entry : *entries) {
        take(entry.second);
      }
    }
  }
}

void check_string_size(size_t bytes) {
  if (bytes > kMaxStringBytes) {
    throw LimitExceeded("a string longer than " + std::to_string(kMaxStringBytes >> 20) +
                        " MiB (wincompat's limit on one string)");
  }
}

void ValueWalk::too_deep() {
  throw LimitExceeded("a value nested deeper than " + std::to_string(kMaxValueDepth) +
                      " levels (wincompat's limit on value nesting; a value that holds itself has no end)");
}

void ValueWalk::too_many() {
  throw LimitExceeded("more than " + std::to_string(kMaxWalkValues) +
                      " values visited or compared in one call (wincompat's limit on the work of one call; a "
                      "list or map held in several places counts in each)");
}

const UnknownObject *as_unknown(const Value &v) {
  return v.kind == Value::Kind::Object ? dynamic_cast<const UnknownObject *>(v.object.get()) : nullptr;
}

std::string unknown_placeholder(uint32_t id) {
  return "<unknown-" + std::to_string(id) + ">";
}

} // namespace wincompat::helm
