#include "value.hpp"

#include "enum_names.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>

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
  switch (v.kind) {
  case Value::Kind::Nil:
    return "<nil>";
  case Value::Kind::Bool:
    return "bool";
  case Value::Kind::Int:
    return v.go_type.empty() ? "int" : v.go_type;
  case Value::Kind::Float:
    return "float64";
  case Value::Kind::String:
    return "string";
  case Value::Kind::List:
    return "[]interface {}";
  case Value::Kind::Map:
    return "map[string]interface {}";
  case Value::Kind::Object:
    return v.object->type_name();
  }
  return "";
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

std::string format_v(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Nil:
    return "<nil>";
  case Value::Kind::Bool:
    return v.b ? "true" : "false";
  case Value::Kind::Int:
    return std::to_string(v.i);
  case Value::Kind::Float:
    return format_float_g(v.f);
  case Value::Kind::String:
    return v.str();
  case Value::Kind::List: {
    std::string out = "[";
    for (size_t i = 0; i < v.list->size(); ++i) {
      out.append(i ? " " : "").append(format_v((*v.list)[i]));
    }
    return out + "]";
  }
  case Value::Kind::Map: {
    std::string out = "map[";
    bool first = true;
    for (const auto &[k, item] : *v.map) {
      out += (first ? "" : " ") + k + ":" + format_v(item);
      first = false;
    }
    return out + "]";
  }
  case Value::Kind::Object:
    return "&{" + v.object->type_name() + "}";
  }
  return "";
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

Value deep_copy(const Value &v) {
  if (v.kind == Value::Kind::List) {
    List items;
    items.reserve(v.list->size());
    for (const Value &item : *v.list) {
      items.push_back(deep_copy(item));
    }
    return Value::new_list(std::move(items));
  }
  if (v.kind == Value::Kind::Map) {
    Map entries;
    for (const auto &[k, item] : *v.map) {
      entries.emplace(k, deep_copy(item));
    }
    return Value::new_map(std::move(entries));
  }
  return v;
}

} // namespace wincompat::helm
