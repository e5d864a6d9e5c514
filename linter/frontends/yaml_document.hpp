// One YAML document: yaml-cpp's values joined with tree-sitter's ranges.
#pragma once

#include "wincompat/kubernetes.hpp"

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wincompat {

class YamlTree;

/// A read-only handle on one value of a parsed document. A default-made
/// handle is "absent" (a key that is not there).
class YamlNode {
public:
  YamlNode() = default;
  YamlNode(const YamlTree *tree, uint32_t index) : tree_(tree), index_(index) {}

  explicit operator bool() const {
    return tree_ != nullptr;
  }
  bool is_null() const;
  /// A null written as `null` or `~` (not a value left empty).
  bool is_written_null() const;
  bool is_scalar() const;
  bool is_sequence() const;
  bool is_map() const;
  /// A plain (unquoted) scalar that YAML reads as a number or a boolean.
  bool is_number_or_bool() const;
  /// The scalar's value; empty unless a scalar.
  std::string_view scalar() const;
  /// Offset of the value in the document's text (yaml-cpp's mark), or -1.
  int64_t offset() const;
  /// Sequence items, or a mapping's keys and values alternately.
  size_t size() const;
  YamlNode child(size_t i) const;
  /// Identifies the node within its document (aliases share their anchor's).
  uint32_t id() const {
    return index_;
  }
  /// Same node: aliases share the node they refer to.
  bool is(const YamlNode &other) const {
    return tree_ == other.tree_ && index_ == other.index_;
  }

  /// `for (YamlNode item : node.items())` over a sequence; empty otherwise.
  struct Items;
  Items items() const;
  /// `for (auto [key, value] : node.entries())` over a mapping; empty otherwise.
  struct Entries;
  Entries entries() const;

private:
  const YamlTree *tree_ = nullptr;
  uint32_t index_ = 0;
};

/// A sequence's items (Stride 1) or a mapping's key/value pairs (Stride 2).
template <size_t Stride> struct YamlChildren {
  YamlNode node; // by value: `get(map, "items").items()` outlives the temporary
  bool applies;  // the node is of the kind this range walks
  struct iterator {
    const YamlNode *node;
    size_t i;
    auto operator*() const {
      if constexpr (Stride == 1) {
        return node->child(i);
      } else {
        return std::pair<YamlNode, YamlNode>{node->child(i), node->child(i + 1)};
      }
    }
    iterator &operator++() {
      i += Stride;
      return *this;
    }
    bool operator!=(const iterator &other) const {
      return i != other.i;
    }
  };
  iterator begin() const {
    return {&node, 0};
  }
  iterator end() const {
    return {&node, applies ? node.size() : 0};
  }
};
struct YamlNode::Items : YamlChildren<1> {};
struct YamlNode::Entries : YamlChildren<2> {};

inline YamlNode::Items YamlNode::items() const {
  return {{*this, is_sequence()}};
}
inline YamlNode::Entries YamlNode::entries() const {
  return {{*this, is_map()}};
}

/// A document past a YamlLimits bound (a YAML::Exception, so that it is
/// caught and placed like a syntax error).
struct YamlLimitError : YAML::Exception {
  YamlLimitError(const YAML::Mark &mark, const std::string &message) : YAML::Exception(mark, message) {}
};

/// One document's values in flat arrays, built from yaml-cpp's parser events
/// rather than its node graph: a few allocations per document instead of
/// several per value (yaml-cpp's `Load` spends most of its time in malloc).
class YamlTree {
public:
  enum class Kind : uint8_t { Null, Scalar, Sequence, Map, PlainScalar };
  struct Node {
    Kind kind; // Scalar: quoted or tagged; PlainScalar: as written, unquoted
    int64_t offset;
    uint32_t first; // scalar: offset in text_; collection: offset in children_
    uint32_t count; // scalar: length; collection: entries in children_
  };
  /// Parses the first document of `text`; throws yaml-cpp's exceptions, and
  /// YamlLimitError past `max_depth` levels or the `deadline`. `unique_keys`:
  /// a key repeated in one mapping is an error.
  YamlTree(std::string_view text, size_t max_depth, std::chrono::steady_clock::time_point deadline,
           bool unique_keys = true);
  YamlNode root() const {
    return nodes_.empty() ? YamlNode() : YamlNode(this, 0);
  }

private:
  friend class YamlNode;
  friend struct YamlTreeBuilder;
  std::vector<Node> nodes_;
  std::vector<uint32_t> children_;
  std::string text_; // every scalar's value, end to end
};

/// `text` with lone CRs (classic Mac line ends) read as LF, as YAML and
/// kubectl read them, offsets unchanged; `text` itself when it has none.
std::string_view yaml_line_ends(std::string_view text, std::string &storage);

/// `text` with the blocks under the given keys (a `key:` line with its value
/// on the lines below) overwritten with spaces, offsets and line ends
/// unchanged; `text` itself when it has none.
std::string_view blank_blocks(std::string_view text, std::initializer_list<std::string_view> keys,
                              std::string &storage);

/// What a document stands for once its aliases are copied (as Go's YAML
/// decoders and Helm's values do; this reader shares the anchor's node).
struct AliasExpansion {
  uint64_t values = 0;   // values decoded, each alias counting its anchor's again
  uint64_t distinct = 0; // values written in the document
};
/// Counted on the shared nodes in time linear in the document.
AliasExpansion alias_expansion(const YamlNode &root);
/// go-yaml's alias ratio bound ("document contains excessive aliasing"),
/// which Kubernetes and Helm inherit: a billion-laughs document is refused
/// before it is copied.
bool excessive_aliasing(const AliasExpansion &expansion);

class YamlDocument {
public:
  /// Parses `source`'s bytes in `span` with yaml-cpp. `want_comments`: also
  /// run tree-sitter now for the comments (suppressions). Otherwise tree-sitter
  /// runs only if a value's range cannot be read off yaml-cpp's mark.
  /// `skip_status`: the `status:` and `managedFields:` blocks are read as
  /// blank (their values are never needed for a pod; see manifest.cpp).
  YamlDocument(const SourceFile &source, Span span, bool want_comments, const YamlLimits &limits = {},
               std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max(),
               bool skip_status = false);

  bool ok() const {
    return error_.message.empty();
  }
  const YamlSyntaxError &error() const {
    return error_;
  }
  YamlNode root() const {
    return tree_ ? tree_->root() : YamlNode();
  }
  const std::vector<std::pair<std::string, Span>> &comments() const {
    return comments_;
  }

  /// A mapping's value by key, honouring merge keys (`<<: *anchor`).
  static YamlNode get(const YamlNode &map, const std::string &key);
  /// Entries of a mapping, merged ones included (own keys win).
  static void for_each(const YamlNode &map,
                       const std::function<void(const std::string &, const YamlNode &)> &fn);
  static std::string scalar(const YamlNode &node); // "" unless a scalar

  /// The value as written, without quotes; found through tree-sitter's ranges.
  Span span_of(const YamlNode &node) const;
  Located located(const YamlNode &node) const;
  /// The key text of `key` within `map` (for pointing at `nodeSelector:`).
  Span key_span(const YamlNode &map, const std::string &key) const;

private:
  void index_ranges() const;
  /// Where yaml-cpp's `mark` points, or tree-sitter's first broken node.
  uint32_t error_offset(std::string_view text, const YAML::Mark &mark) const;
  /// A tab used as indentation on the line of `offset` or the one before.
  std::optional<uint32_t> tab_indentation_near(uint32_t offset) const;
  void syntax_error(std::string_view text, const std::string &message, const YAML::Mark &mark);
  void set_error(std::string message, uint32_t offset);

  const SourceFile &source_;
  Span span_;
  std::unique_ptr<YamlTree> tree_;
  YamlSyntaxError error_;
  std::optional<Span> verified_span(const YamlNode &node, uint32_t begin) const;
  mutable bool indexed_ = false;
  mutable std::unordered_map<uint32_t, Span> scalars_; // node start (file offset) -> value span
  mutable std::vector<std::pair<std::string, Span>> comments_;
};

} // namespace wincompat
