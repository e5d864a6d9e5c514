#include "yaml_document.hpp"

#include "text_util.hpp"

#include <tree_sitter/api.h>
#include <yaml-cpp/depthguard.h>

#include <cstring>

extern "C" const TSLanguage *tree_sitter_yaml(void);

namespace wincompat {

namespace {

/// One parser per thread: creating one costs more than a small document.
TSParser *thread_parser() {
  thread_local struct Holder {
    TSParser *parser = ts_parser_new();
    Holder() {
      ts_parser_set_language(parser, tree_sitter_yaml());
    }
    ~Holder() {
      ts_parser_delete(parser);
    }
  } holder;
  return holder.parser;
}

struct Tree {
  TSTree *tree;
  explicit Tree(const std::string &text)
      : tree(ts_parser_parse_string(thread_parser(), nullptr, text.data(),
                                    static_cast<uint32_t>(text.size()))) {}
  ~Tree() {
    ts_tree_delete(tree);
  }
  Tree(const Tree &) = delete;
  Tree &operator=(const Tree &) = delete;
};

bool is_scalar_type(const char *type) {
  return std::strcmp(type, "plain_scalar") == 0 || std::strcmp(type, "double_quote_scalar") == 0 ||
         std::strcmp(type, "single_quote_scalar") == 0 || std::strcmp(type, "block_scalar") == 0;
}

/// Visits every node without recursion (documents may be deeply nested).
template <typename Fn> void walk(TSNode root, Fn &&fn) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = true;
  while (true) {
    if (descend) {
      fn(ts_tree_cursor_current_node(&cursor));
      if (ts_tree_cursor_goto_first_child(&cursor)) {
        continue;
      }
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) {
      break;
    }
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
}

} // namespace

YamlDocument::YamlDocument(const SourceFile &source, Span span, bool want_comments)
    : source_(source), span_(span) {
  const std::string text = source.text().substr(span.begin, span.end - span.begin);
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::DeepRecursion &e) {
    // yaml-cpp's own message for this is "bad file".
    locate_error(text, "nesting is too deep (more than yaml-cpp's limit of levels)", e.mark);
    return;
  } catch (const YAML::Exception &e) {
    locate_error(text, e.msg, e.mark);
    return;
  }
  if (want_comments) {
    index_ranges();
  }
}

void YamlDocument::index_ranges() const {
  if (indexed_) {
    return;
  }
  indexed_ = true;
  const std::string text = source_.text().substr(span_.begin, span_.end - span_.begin);
  Tree tree(text);
  walk(ts_tree_root_node(tree.tree), [&](TSNode node) {
    const char *type = ts_node_type(node);
    const uint32_t begin = span_.begin + ts_node_start_byte(node);
    const uint32_t end = span_.begin + ts_node_end_byte(node);
    if (std::strcmp(type, "comment") == 0) {
      comments_.push_back(
          {std::string(trim(std::string_view(source_.text()).substr(begin + 1, end - begin - 1))),
           Span{begin, end}});
    } else if (is_scalar_type(type)) {
      const bool quoted = type[0] == 'd' || type[0] == 's';
      scalars_[begin] = quoted && end - begin >= 2 ? Span{begin + 1, end - 1} : Span{begin, end};
    }
  });
}

void YamlDocument::locate_error(const std::string &text, const std::string &message, const YAML::Mark &mark) {
  // yaml-cpp's mark is where parsing failed; when it has none, tree-sitter's
  // error recovery finds the first broken node.
  error_.message = "YAML syntax error: " + message;
  uint32_t offset = span_.begin;
  if (mark.pos >= 0) {
    offset = std::min(span_.begin + static_cast<uint32_t>(mark.pos), span_.end);
  } else {
    Tree tree(text);
    bool found = false;
    walk(ts_tree_root_node(tree.tree), [&](TSNode node) {
      if (!found && (std::strcmp(ts_node_type(node), "ERROR") == 0 || ts_node_is_missing(node))) {
        offset = span_.begin + ts_node_start_byte(node);
        found = true;
      }
    });
  }
  // Underline the rest of the line from the error, or one character.
  const uint32_t line = source_.line_of(offset);
  const uint32_t line_end = source_.line_start(line) + static_cast<uint32_t>(source_.line(line).size());
  error_.span = {offset,
                 std::max(std::min(offset + 1, static_cast<uint32_t>(source_.text().size())), line_end)};
}

namespace {

/// Merge keys may repeat one anchor many times (`<<: [*a, *a]`, nested):
/// each merged node is visited once, and chains deeper than this are cut.
constexpr size_t kMaxMergeDepth = 64;

struct MergeWalk {
  std::vector<YAML::Node> seen;
  bool first_visit(const YAML::Node &node) {
    for (const YAML::Node &s : seen) {
      if (s.is(node)) {
        return false;
      }
    }
    seen.push_back(node);
    return true;
  }
};

/// The maps a mapping's `<<` entries merge in, in order.
std::vector<YAML::Node> merged_maps(const YAML::Node &map) {
  std::vector<YAML::Node> out;
  for (const auto &entry : map) {
    if (!entry.first.IsScalar() || entry.first.Scalar() != "<<") {
      continue;
    }
    if (entry.second.IsMap()) {
      out.push_back(entry.second);
    } else if (entry.second.IsSequence()) {
      for (const auto &item : entry.second) {
        if (item.IsMap()) {
          out.push_back(item);
        }
      }
    }
  }
  return out;
}

YAML::Node get_in(const YAML::Node &map, const std::string &key, MergeWalk &walk, size_t depth) {
  for (const auto &entry : map) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      return entry.second;
    }
  }
  if (depth < kMaxMergeDepth) {
    for (const YAML::Node &merged : merged_maps(map)) {
      if (walk.first_visit(merged)) {
        if (YAML::Node found = get_in(merged, key, walk, depth + 1); found) {
          return found;
        }
      }
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

void for_each_in(const YAML::Node &map,
                 const std::function<void(const std::string &, const YAML::Node &)> &fn,
                 std::vector<std::string> &seen_keys, MergeWalk &walk, size_t depth) {
  for (const auto &entry : map) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key != "<<" && std::find(seen_keys.begin(), seen_keys.end(), key) == seen_keys.end()) {
      seen_keys.push_back(key);
      fn(key, entry.second);
    }
  }
  if (depth < kMaxMergeDepth) {
    for (const YAML::Node &merged : merged_maps(map)) {
      if (walk.first_visit(merged)) {
        for_each_in(merged, fn, seen_keys, walk, depth + 1);
      }
    }
  }
}

} // namespace

YAML::Node YamlDocument::get(const YAML::Node &map, const std::string &key) {
  if (!map || !map.IsMap()) {
    return YAML::Node(YAML::NodeType::Undefined);
  }
  MergeWalk walk;
  return get_in(map, key, walk, 0);
}

void YamlDocument::for_each(const YAML::Node &map,
                            const std::function<void(const std::string &, const YAML::Node &)> &fn) {
  if (!map || !map.IsMap()) {
    return;
  }
  std::vector<std::string> seen_keys;
  MergeWalk walk;
  for_each_in(map, fn, seen_keys, walk, 0);
}

std::string YamlDocument::scalar(const YAML::Node &node) {
  return node && node.IsScalar() ? node.Scalar() : "";
}

/// The common cases need no second parse: a plain scalar written as its
/// value, or a quoted one with no escapes. The text must match exactly.
std::optional<Span> YamlDocument::verified_span(const YAML::Node &node, uint32_t begin) const {
  if (!node.IsScalar() || node.Scalar().empty()) {
    return std::nullopt;
  }
  const std::string_view text(source_.text());
  const std::string &value = node.Scalar();
  const auto size = static_cast<uint32_t>(value.size());
  if (begin + size > span_.end) {
    return std::nullopt;
  }
  const char first = text[begin];
  if (first != '"' && first != '\'' && first != '|' && first != '>' && text.substr(begin, size) == value) {
    return Span{begin, begin + size};
  }
  if ((first == '"' || first == '\'') && begin + size + 2 <= span_.end &&
      text.substr(begin + 1, size) == value && text[begin + 1 + size] == first) {
    return Span{begin + 1, begin + 1 + size};
  }
  return std::nullopt;
}

Span YamlDocument::span_of(const YAML::Node &node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.pos < 0) {
    return {span_.begin, span_.begin};
  }
  const uint32_t begin = span_.begin + static_cast<uint32_t>(mark.pos);
  if (auto span = verified_span(node, begin)) {
    return *span;
  }
  index_ranges(); // tree-sitter knows where escaped, folded or multi-line values end
  if (auto it = scalars_.find(begin); it != scalars_.end()) {
    return it->second;
  }
  const uint32_t length = node.IsScalar() ? static_cast<uint32_t>(node.Scalar().size()) : 1;
  return {begin, std::min(begin + std::max<uint32_t>(length, 1), span_.end)};
}

Located YamlDocument::located(const YAML::Node &node) const {
  Located out;
  if (node && node.IsScalar()) {
    out.value = node.Scalar();
    out.span = span_of(node);
    out.present = true;
  }
  return out;
}

Span YamlDocument::key_span(const YAML::Node &map, const std::string &key) const {
  if (map && map.IsMap()) {
    for (const auto &entry : map) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) {
        return span_of(entry.first);
      }
    }
  }
  return {};
}

} // namespace wincompat
