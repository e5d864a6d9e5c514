// Values of the template engine: Go's dynamic values (nil, bool, int,
// float64, string, []interface{}, map[string]interface{}, and Helm's objects
// with methods), each scalar remembering where its text came from.
#pragma once

#include "wincompat/layer.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace wincompat::helm {

/// Places a piece of text came from, most decisive first; shared by every
/// piece printed from the same value through the same action.
using Chain = OriginChain;
using ChainPtr = std::shared_ptr<const Chain>;

/// Joins chains (`head` then `tail`'s places, length capped) and remembers
/// the joins: the same value printed through the same action (a range, a
/// helper) shares one chain instead of a copy per piece. One per render.
class ChainJoiner {
public:
  ChainPtr join(const ChainPtr &head, const ChainPtr &tail);

private:
  struct Entry {
    ChainPtr head, tail, joined; // head and tail kept alive: the keys are their addresses
  };
  std::unordered_map<const Chain *, std::unordered_map<const Chain *, Entry>> entries_;
  size_t size_ = 0;
};

/// A byte range of a Text and its places.
struct Piece {
  uint32_t begin = 0;
  uint32_t end = 0;
  ChainPtr chain;
};

/// Text with the places its pieces came from (rendered output, strings).
struct Text {
  std::string str;
  std::vector<Piece> pieces; // sorted, non-overlapping

  void append(const std::string &s) {
    str += s;
  }
  void append(const std::string &s, const ChainPtr &chain);
  void append(const Text &other);
  /// `other` with every piece's chain extended by `tail`, gaps given `tail`.
  void append_via(const Text &other, const ChainPtr &tail, ChainJoiner &joiner);
  /// The chain at `offset`, or null.
  ChainPtr chain_at(uint32_t offset) const;
};

struct Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value>;

/// A Go value with methods (.Files, .Capabilities.APIVersions).
class Object {
public:
  virtual ~Object() = default;
  virtual std::string type_name() const = 0;
  /// Calls method `name`; false when there is no such method.
  virtual bool call(const std::string &name, std::vector<Value> &args, Value &result) = 0;
  /// fmt's %v of the object (a pointer to a struct by default).
  virtual std::string format_v() const {
    return "&{" + type_name() + "}";
  }
  /// Go's `len` of the value (Helm's Files is a map of its files); false when it has none.
  virtual bool length(int64_t &) const {
    return false;
  }
  /// What `range` visits, in key order (Helm's Files: name and content); false when not a map.
  virtual bool entries(std::vector<std::pair<std::string, Value>> &) {
    return false;
  }
};

/// Partial rendering: the value of an action that failed (`required` with
/// no value, `fail`, a nil pointer, a function the engine lacks). It is a
/// value of its own kind: functions given one return it, its fields are it,
/// and it prints as `<unknown-N>` (unknown_placeholder), N numbering the
/// render's causes (Engine::unknowns).
class UnknownObject : public Object {
public:
  explicit UnknownObject(uint32_t id) : id(id) {}
  std::string type_name() const override {
    return "unknown";
  }
  bool call(const std::string &, std::vector<Value> &, Value &) override {
    return false;
  }
  const uint32_t id;
};

/// Go's dynamic value. Lists and maps are shared (Go's reference semantics:
/// `set` on a dict changes it for every holder).
struct Value {
  enum class Kind : uint8_t { Nil, Bool, Int, Float, String, List, Map, Object };
  Kind kind = Kind::Nil;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string go_type; // "int", "int64", "float64", ... when not the default
  Text text;           // String
  std::shared_ptr<List> list;
  std::shared_ptr<Map> map;
  std::shared_ptr<Object> object;
  ChainPtr origin; // scalars copied from a values file: where

  Value() = default;
  Value(const Value &) = default;
  Value(Value &&) noexcept = default;
  Value &operator=(const Value &) = default;
  Value &operator=(Value &&) noexcept = default;
  /// Frees nested lists and maps without recursing: a value nested 100,000
  /// levels deep must not overflow the stack when it goes.
  ~Value() {
    if (list || map) {
      release();
    }
  }

  static Value nil() {
    return {};
  }
  static Value boolean(bool v) {
    Value r;
    r.kind = Kind::Bool;
    r.b = v;
    return r;
  }
  static Value integer(int64_t v, std::string type = {}) {
    Value r;
    r.kind = Kind::Int;
    r.i = v;
    r.go_type = std::move(type);
    return r;
  }
  static Value floating(double v) {
    Value r;
    r.kind = Kind::Float;
    r.f = v;
    return r;
  }
  static Value string(std::string s, ChainPtr chain = nullptr) {
    Value r;
    r.kind = Kind::String;
    r.text.append(s, chain);
    r.origin = chain;
    return r;
  }
  static Value string(Text t) {
    Value r;
    r.kind = Kind::String;
    r.text = std::move(t);
    return r;
  }
  static Value new_list(List items = {}) {
    Value r;
    r.kind = Kind::List;
    r.list = std::make_shared<List>(std::move(items));
    return r;
  }
  static Value new_map(Map entries = {}) {
    Value r;
    r.kind = Kind::Map;
    r.map = std::make_shared<Map>(std::move(entries));
    return r;
  }
  static Value of(std::shared_ptr<Object> o) {
    Value r;
    r.kind = Kind::Object;
    r.object = std::move(o);
    return r;
  }

  bool is_nil() const {
    return kind == Kind::Nil;
  }
  bool is_string() const {
    return kind == Kind::String;
  }
  bool is_number() const {
    return kind == Kind::Int || kind == Kind::Float;
  }
  const std::string &str() const {
    return text.str;
  }

private:
  void release() noexcept;
};

/// Go's type name as `printf "%T"` and Sprig's typeOf show it.
std::string type_name(const Value &v);
/// Sprig's kindOf: "string", "int", "float64", "slice", "map", "bool", "invalid".
std::string kind_name(const Value &v);
/// Go's truth: false, 0, nil, empty string/list/map are false.
bool truthy(const Value &v);
/// fmt's %v of a value ("map[a:1]", "[x y]", "1e+06", "<nil>").
std::string format_v(const Value &v);
/// Go's %v of a float64: strconv 'g' shortest, so 1e+06 from a million up.
std::string format_float_g(double f);
/// The value as printed by an action: strings keep their pieces, other
/// scalars their origin; nil prints as nothing (Helm drops "<no value>").
Text printed(const Value &v);
/// Sprig's strval/toString.
Text to_text(const Value &v);
/// A deep copy (lists and maps copied). Throws LimitExceeded past the
/// depth or size bounds (limits.hpp).
Value deep_copy(const Value &v);
/// `v` is, or holds at any depth, the list or map `container` (a cycle would
/// close if `v` were stored in it).
bool holds(const Value &v, const void *container);

/// The unknown of a failed action, or null when `v` is known.
const UnknownObject *as_unknown(const Value &v);
/// How unknown N prints: "<unknown-N>", text no real value is.
std::string unknown_placeholder(uint32_t id);

/// A chain of one place.
ChainPtr make_chain(Origin origin);

} // namespace wincompat::helm
