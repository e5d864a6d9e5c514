// The kustomize layer's working tree: YAML values that can be edited by the
// transformers and patches while each scalar keeps the chain of real file
// places that set it (most decisive first). Not public API.
#pragma once

#include "wincompat/layer.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {
class YamlDocument;
class YamlNode;
} // namespace wincompat

namespace wincompat::kustomize {

struct KEntry;

struct KNode {
  enum class Kind : uint8_t { Null, Scalar, Seq, Map };
  Kind kind = Kind::Null;
  bool typed = false; // a plain scalar YAML reads as a number or a boolean; a null written `null` or `~`
  std::string value;
  OriginChain chain; // scalars and nulls: where the value was written
  /// Ranges of a scalar's value with a chain of their own (the tag an
  /// `images:` entry set, inside the image), so that an edit of just that
  /// range maps exactly to the line that set it. Sorted, disjoint.
  std::vector<std::pair<Span, OriginChain>> parts;
  std::vector<KEntry> entries;
  std::vector<KNode> items;

  static KNode make_scalar(std::string value, OriginChain chain = {}, bool typed = false);
  static KNode make_map();
  static KNode make_seq();

  bool is_null() const {
    return kind == Kind::Null;
  }
  bool is_scalar() const {
    return kind == Kind::Scalar;
  }
  bool is_map() const {
    return kind == Kind::Map;
  }
  bool is_seq() const {
    return kind == Kind::Seq;
  }

  const KNode *get(std::string_view key) const;
  KNode *get(std::string_view key);
  /// The value at `key`, made a map when absent or not one.
  KNode &child_map(std::string_view key);
  /// Sets `key` (replacing the value, keeping the entry's place) or appends it.
  KNode &set(std::string_view key, KNode value);
  bool erase(std::string_view key);
  /// The scalar at `key`, or "".
  std::string str(std::string_view key) const;
  /// The scalar at the path of keys, or "".
  std::string str_at(std::initializer_list<std::string_view> path) const;
};

struct KEntry {
  std::string key;
  OriginChain key_chain;
  KNode value;
};

/// Maps a span of the text a YamlDocument parsed to the real file's span
/// (identity for files; the block scalar's lines for an inline patch).
struct OffsetMap {
  FileId file; // the real file
  std::vector<uint32_t> parsed_line_starts;
  std::vector<uint32_t> real_line_starts;
  bool identity = true;
  Span whole; // used when a span cannot be mapped line by line
  Span map(Span parsed) const;
};

/// Values one document may expand to (aliases are copied): a bound on what
/// a hostile file costs ("billion laughs").
constexpr size_t kMaxValues = 1000000;

/// Copies a parsed YAML value into the working tree; every scalar and key
/// gets a chain of one place: `map` applied to its span, with `role`.
/// `over_budget`: set when the document expands past kMaxValues (the copy is cut).
KNode from_yaml(const YamlDocument &document, const YamlNode &node, const OffsetMap &map, OriginRole role,
                bool *over_budget = nullptr);

/// Writes `node` as block YAML the way kustomize prints it (keys sorted,
/// sequences not indented below their key) and records each scalar's span.
void emit_yaml(const KNode &node, std::string &out, std::vector<OriginSegment> &segments);

/// A value printed as YAML would read back as a string with this text.
bool plain_is_safe(std::string_view value);

/// Strategic merge of the resource `patch` into the resource `target`, as
/// kustomize merges: lists merge by the patch strategy and merge keys of
/// their field in the Kubernetes OpenAPI (openapi.hpp); lists the schema
/// does not know (custom resources) are replaced.
void strategic_merge(KNode &target, const KNode &patch);
/// After a strategic merge into `object`: drops its nulls left empty
/// (`key:`), as kyaml's merge walk does; `null` and `~` stay.
void drop_merged_nulls(KNode &object);
/// `patch` without `$patch`/`$setElementOrder` directives (for a new value).
KNode strip_directives(const KNode &patch);

/// kustomize applies a JSON 6902 patch to the object as JSON: its numbers
/// and booleans come back as Go writes a float64 or a bool (`0755` is 493,
/// `1.0` is 1, `0.00001` is `1e-05`), and its nulls as written `null`.
void json_round_trip(KNode &node);

/// One JSON 6902 operation; returns "" or why it cannot be applied.
std::string apply_json6902(KNode &target, const KNode &operation);

/// Replaces `target` with `replacement`; a scalar replacing a scalar keeps
/// the old places after its own (the base line becomes related information).
void replace_value(KNode &target, KNode replacement);

} // namespace wincompat::kustomize
