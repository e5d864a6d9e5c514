#include "yaml_document.hpp"

#include "text_util.hpp"

#include <tree_sitter/api.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <mutex>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>
#include <vector>

extern "C" const TSLanguage *tree_sitter_yaml(void);

namespace wincompat {

namespace {

/// Parsers are reused (creating one costs more than a small document), from
/// a shared pool rather than one per thread: thread-local objects with
/// destructors are destroyed after their storage is freed under mingw-w64's
/// emulated TLS, which crashed the Windows build's worker threads at exit.
class ParserPool {
public:
  ParserPool() = default;
  ParserPool(const ParserPool &) = delete;
  ParserPool &operator=(const ParserPool &) = delete;
  ~ParserPool() {
    for (TSParser *parser : idle_) {
      ts_parser_delete(parser);
    }
  }

  TSParser *acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        TSParser *parser = idle_.back();
        idle_.pop_back();
        return parser;
      }
    }
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_yaml());
    return parser;
  }

  void release(TSParser *parser) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(parser);
  }

private:
  std::mutex mutex_;
  std::vector<TSParser *> idle_;
};

TSTree *parse_tree(std::string_view text) {
  static ParserPool pool;
  TSParser *parser = pool.acquire();
  TSTree *tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  pool.release(parser);
  return tree;
}

struct Tree {
  TSTree *tree;
  explicit Tree(std::string_view text) : tree(parse_tree(text)) {}
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

// ---- The tree -----------------------------------------------------------------

/// Receives yaml-cpp's parser events and lays the values out in a YamlTree.
struct YamlTreeBuilder : YAML::EventHandler {
  YamlTreeBuilder(YamlTree &tree, std::string_view text, size_t max_depth,
                  std::chrono::steady_clock::time_point deadline, bool unique_keys)
      : tree(tree), text(text), max_depth(max_depth), deadline(deadline), unique_keys(unique_keys) {}

  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    // count 1: written as `null` or `~` (kustomize keeps those where it
    // drops a value left empty).
    add({YamlTree::Kind::Null, mark.pos, 0, written_null(mark.pos) ? 1U : 0U}, anchor);
  }
  bool written_null(int64_t pos) const {
    if (pos < 0 || static_cast<size_t>(pos) >= text.size()) {
      return false;
    }
    const std::string_view rest = text.substr(static_cast<size_t>(pos));
    for (std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (rest.starts_with(word) &&
          (rest.size() == word.size() ||
           std::string_view(" \t\r\n,]}#").find(rest[word.size()]) != std::string_view::npos)) {
        return true;
      }
    }
    return false;
  }
  void OnAlias(const YAML::Mark &, YAML::anchor_t anchor) override {
    // The parser has checked that the anchor exists.
    attach(anchor < anchors.size() ? anchors[anchor] : null_node());
  }
  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    const auto first = static_cast<uint32_t>(tree.text_.size());
    tree.text_ += value;
    // yaml-cpp tags an untagged plain scalar "?" and a quoted one "!".
    const auto kind = tag == "?" ? YamlTree::Kind::PlainScalar : YamlTree::Kind::Scalar;
    add({kind, mark.pos, first, static_cast<uint32_t>(value.size())}, anchor);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open({YamlTree::Kind::Sequence, mark.pos, 0, 0}, anchor);
  }
  void OnSequenceEnd() override {
    close();
  }
  void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open({YamlTree::Kind::Map, mark.pos, 0, 0}, anchor);
  }
  void OnMapEnd() override {
    close();
  }

  uint32_t add(const YamlTree::Node &node, YAML::anchor_t anchor) {
    const auto index = static_cast<uint32_t>(tree.nodes_.size());
    if ((index & 1023) == 1023 && std::chrono::steady_clock::now() > deadline) {
      throw YamlLimitError(mark_at(node.offset),
                           "parsing this file took longer than the time limit (--max-yaml-seconds)");
    }
    tree.nodes_.push_back(node);
    if (anchor != YAML::NullAnchor) {
      if (anchors.size() <= anchor) {
        anchors.resize(anchor + 1, kNone);
      }
      anchors[anchor] = index;
    }
    attach(index);
    return index;
  }
  void attach(uint32_t index) {
    if (!open_nodes.empty()) {
      pending[open_nodes.size() - 1].push_back(index);
    }
  }
  void open(const YamlTree::Node &node, YAML::anchor_t anchor) {
    if (open_nodes.size() >= max_depth) {
      throw YamlLimitError(mark_at(node.offset), "YAML nested deeper than " + std::to_string(max_depth) +
                                                     " levels (--max-yaml-depth)");
    }
    const uint32_t index = add(node, anchor);
    open_nodes.push_back(index);
    if (pending.size() < open_nodes.size()) {
      pending.emplace_back();
    }
    pending[open_nodes.size() - 1].clear();
  }
  // A collection's children go to children_ when it closes: nested ones have
  // closed before, so each collection's children are contiguous.
  void close() {
    std::vector<uint32_t> &children = pending[open_nodes.size() - 1];
    if (unique_keys && tree.nodes_[open_nodes.back()].kind == YamlTree::Kind::Map) {
      check_unique_keys(children);
    }
    YamlTree::Node &node = tree.nodes_[open_nodes.back()];
    node.first = static_cast<uint32_t>(tree.children_.size());
    node.count = static_cast<uint32_t>(children.size());
    tree.children_.insert(tree.children_.end(), children.begin(), children.end());
    open_nodes.pop_back();
  }
  /// YAML allows a key once per mapping, and kubectl rejects a repeat
  /// ("mapping key already defined"); yaml-cpp keeps both silently.
  void check_unique_keys(const std::vector<uint32_t> &entries) {
    std::vector<std::pair<std::string_view, int64_t>> keys; // value, offset
    for (size_t i = 0; i + 1 < entries.size(); i += 2) {
      const YamlNode key(&tree, entries[i]);
      if (key.is_scalar() && key.scalar() != "<<") {
        keys.emplace_back(key.scalar(), key.offset());
      }
    }
    if (keys.size() < 2) {
      return;
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    const std::pair<std::string_view, int64_t> *repeat = nullptr, *first = nullptr;
    for (size_t i = 1; i < keys.size(); ++i) {
      if (keys[i].first == keys[i - 1].first && (!repeat || keys[i].second < repeat->second)) {
        repeat = &keys[i];
        first = &keys[i - 1];
        while (first > keys.data() && (first - 1)->first == repeat->first) {
          --first;
        }
      }
    }
    if (repeat) {
      const auto line = std::count(text.begin(), text.begin() + std::max<int64_t>(first->second, 0), '\n');
      throw YAML::ParserException(mark_at(repeat->second),
                                  "duplicate key '" + std::string(repeat->first) + "' (first at line " +
                                      std::to_string(line + 1) + "): YAML allows a key once per mapping");
    }
  }

  uint32_t null_node() {
    const auto index = static_cast<uint32_t>(tree.nodes_.size());
    tree.nodes_.push_back({YamlTree::Kind::Null, -1, 0, 0});
    return index;
  }

  static YAML::Mark mark_at(int64_t offset) {
    YAML::Mark mark = YAML::Mark::null_mark();
    mark.pos = static_cast<int>(offset);
    return mark;
  }

  static constexpr uint32_t kNone = ~0u;
  YamlTree &tree;
  std::string_view text; // the document, for line numbers in messages
  size_t max_depth;
  std::chrono::steady_clock::time_point deadline;
  bool unique_keys;
  std::vector<uint32_t> anchors;              // anchor id -> node
  std::vector<uint32_t> open_nodes;           // collections being read
  std::vector<std::vector<uint32_t>> pending; // their children so far, by depth
};

namespace {

/// An istream over bytes already in memory (no copy into a stringstream).
struct MemoryBuffer : std::streambuf {
  explicit MemoryBuffer(std::string_view text) {
    char *begin = const_cast<char *>(text.data()); // read only: get area
    setg(begin, begin, begin + text.size());
  }
};

} // namespace

std::string_view yaml_line_ends(std::string_view text, std::string &storage) {
  size_t cr = text.find('\r');
  while (cr != std::string_view::npos && cr + 1 < text.size() && text[cr + 1] == '\n') {
    cr = text.find('\r', cr + 2);
  }
  if (cr == std::string_view::npos) {
    return text;
  }
  storage.assign(text);
  for (size_t i = cr; i < storage.size(); ++i) {
    if (storage[i] == '\r' && (i + 1 == storage.size() || storage[i + 1] != '\n')) {
      storage[i] = '\n';
    }
  }
  return storage;
}

YamlTree::YamlTree(std::string_view text, size_t max_depth, std::chrono::steady_clock::time_point deadline,
                   bool unique_keys) {
  MemoryBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  YamlTreeBuilder builder(*this, text, max_depth, deadline, unique_keys);
  // Like YAML::Load: the first document of the text (a span holds one).
  parser.HandleNextDocument(builder);
  if (nodes_.empty()) {
    nodes_.push_back({Kind::Null, -1, 0, 0}); // an empty document is null
  }
}

bool YamlNode::is_null() const {
  return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::Null;
}
bool YamlNode::is_written_null() const {
  return is_null() && tree_->nodes_[index_].count == 1;
}
bool YamlNode::is_scalar() const {
  return tree_ && (tree_->nodes_[index_].kind == YamlTree::Kind::Scalar ||
                   tree_->nodes_[index_].kind == YamlTree::Kind::PlainScalar);
}
bool YamlNode::is_number_or_bool() const {
  if (!tree_ || tree_->nodes_[index_].kind != YamlTree::Kind::PlainScalar) {
    return false;
  }
  const std::string_view value = scalar();
  static const char *const kBooleans[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
  if (std::find(std::begin(kBooleans), std::end(kBooleans), value) != std::end(kBooleans)) {
    return true;
  }
  // Integers and decimals as YAML's core schema reads them (1, -2, 3.5, 1e3).
  size_t digits = 0, i = value.starts_with('-') || value.starts_with('+') ? 1 : 0;
  bool dot = false, exponent = false;
  for (; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      if (i + 1 < value.size() && (value[i + 1] == '-' || value[i + 1] == '+')) {
        ++i;
      }
    } else {
      return false;
    }
  }
  return digits > 0;
}
bool YamlNode::is_sequence() const {
  return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::Sequence;
}
bool YamlNode::is_map() const {
  return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::Map;
}
std::string_view YamlNode::scalar() const {
  if (!is_scalar()) {
    return {};
  }
  const YamlTree::Node &node = tree_->nodes_[index_];
  return std::string_view(tree_->text_).substr(node.first, node.count);
}
int64_t YamlNode::offset() const {
  return tree_ ? tree_->nodes_[index_].offset : -1;
}
size_t YamlNode::size() const {
  return is_sequence() || is_map() ? tree_->nodes_[index_].count : 0;
}
YamlNode YamlNode::child(size_t i) const {
  return {tree_, tree_->children_[tree_->nodes_[index_].first + i]};
}

// ---- The document ---------------------------------------------------------------

std::string_view blank_blocks(std::string_view text, std::initializer_list<std::string_view> keys,
                              std::string &storage) {
  const auto starts_block = [&](std::string_view rest) {
    for (std::string_view key : keys) {
      if (rest.starts_with(key) && rest.size() > key.size() && rest[key.size()] == ':' &&
          trim(rest.substr(key.size() + 1)).empty()) {
        return true;
      }
    }
    return false;
  };
  const auto indent_of = [](std::string_view line) {
    const size_t n = line.find_first_not_of(' ');
    return n == std::string_view::npos ? line.size() : n;
  };
  bool copied = false;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(at, end - at);
    const size_t indent = indent_of(line);
    if (indent == line.size() || !starts_block(line.substr(indent))) {
      at = end;
      continue;
    }
    // The block: lines indented deeper, blank lines, and `- ` items at the
    // key's own indentation (a compact sequence).
    size_t stop = end;
    while (stop < text.size()) {
      size_t next = text.find('\n', stop);
      next = next == std::string_view::npos ? text.size() : next + 1;
      const std::string_view l = text.substr(stop, next - stop);
      const size_t i = indent_of(l);
      const std::string_view rest = trim(l.substr(i));
      if (!rest.empty() && i < indent + 1 && !(i == indent && (rest == "-" || rest.starts_with("- ")))) {
        break;
      }
      stop = next;
    }
    if (!copied) {
      storage.assign(text);
      copied = true;
    }
    for (size_t k = at + indent; k < stop; ++k) { // offsets stay; line ends stay
      if (storage[k] != '\n' && storage[k] != '\r') {
        storage[k] = ' ';
      }
    }
    at = stop;
  }
  return copied ? std::string_view(storage) : text;
}

YamlDocument::YamlDocument(const SourceFile &source, Span span, bool want_comments, const YamlLimits &limits,
                           std::chrono::steady_clock::time_point deadline, bool skip_status)
    : source_(source), span_(span) {
  std::string storage;
  const std::string_view text =
      yaml_line_ends(std::string_view(source.text()).substr(span.begin, span.end - span.begin), storage);
  if (skip_status) {
    // kubectl writes status and managedFields (a large share of exported
    // objects); nothing in them decides where a pod runs. Parsing them as
    // blank text saves the time; should the rest not parse without them
    // (an anchor defined there), the document is parsed whole.
    std::string blanked;
    if (const std::string_view pruned = blank_blocks(text, {"status", "managedFields"}, blanked);
        pruned.data() != text.data()) {
      try {
        tree_ = std::make_unique<YamlTree>(pruned, limits.max_depth, deadline, limits.unique_keys);
      } catch (const YAML::Exception &) {
        tree_.reset();
      }
    }
  }
  try {
    if (!tree_) {
      tree_ = std::make_unique<YamlTree>(text, limits.max_depth, deadline, limits.unique_keys);
    }
  } catch (const YamlLimitError &e) {
    set_error(e.msg + "; this document was not linted", error_offset(text, e.mark));
    error_.over_limit = true;
    return;
  } catch (const YAML::DeepRecursion &e) {
    // yaml-cpp's own message for this is "bad file".
    syntax_error(text, "nesting is too deep (more than yaml-cpp's limit of levels)", e.mark);
    return;
  } catch (const YAML::Exception &e) {
    syntax_error(text, e.msg, e.mark);
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
  std::string storage;
  Tree tree(
      yaml_line_ends(std::string_view(source_.text()).substr(span_.begin, span_.end - span_.begin), storage));
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

uint32_t YamlDocument::error_offset(std::string_view text, const YAML::Mark &mark) const {
  if (mark.pos >= 0) {
    return std::min(span_.begin + static_cast<uint32_t>(mark.pos), span_.end);
  }
  // No mark: tree-sitter's error recovery finds the first broken node.
  Tree tree(text);
  uint32_t offset = span_.begin;
  bool found = false;
  walk(ts_tree_root_node(tree.tree), [&](TSNode node) {
    if (!found && (std::strcmp(ts_node_type(node), "ERROR") == 0 || ts_node_is_missing(node))) {
      offset = span_.begin + ts_node_start_byte(node);
      found = true;
    }
  });
  return offset;
}

std::optional<uint32_t> YamlDocument::tab_indentation_near(uint32_t offset) const {
  const uint32_t first_line = source_.line_of(span_.begin);
  const uint32_t line = source_.line_of(offset);
  for (uint32_t at = line; at + 1 >= line && at >= first_line; --at) { // this line and the one before
    const std::string_view text = source_.line(at);
    if (const size_t indent = text.find_first_not_of(' ');
        indent != std::string_view::npos && text[indent] == '\t') {
      return source_.line_start(at) + static_cast<uint32_t>(indent);
    }
    if (at == 0) {
      break;
    }
  }
  return std::nullopt;
}

void YamlDocument::syntax_error(std::string_view text, const std::string &message, const YAML::Mark &mark) {
  const uint32_t offset = error_offset(text, mark);
  // A tab where indentation is, on the error's line or the one before, is
  // almost always the cause; yaml-cpp's own message does not say so.
  if (const auto tab = tab_indentation_near(offset)) {
    set_error("YAML syntax error: a tab is used for indentation; YAML indents with spaces only", *tab);
  } else {
    set_error("YAML syntax error: " + message, offset);
  }
}

void YamlDocument::set_error(std::string message, uint32_t offset) {
  error_.message = std::move(message);
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
  std::vector<YamlNode> seen;
  bool first_visit(const YamlNode &node) {
    for (const YamlNode &s : seen) {
      if (s.is(node)) {
        return false;
      }
    }
    seen.push_back(node);
    return true;
  }
};

/// The maps a mapping's `<<` entries merge in, in order.
std::vector<YamlNode> merged_maps(const YamlNode &map) {
  std::vector<YamlNode> out;
  for (const auto [key, value] : map.entries()) {
    if (key.scalar() != "<<" || !key.is_scalar()) {
      continue;
    }
    if (value.is_map()) {
      out.push_back(value);
    } else if (value.is_sequence()) {
      for (const YamlNode item : value.items()) {
        if (item.is_map()) {
          out.push_back(item);
        }
      }
    }
  }
  return out;
}

bool has_merge_key(const YamlNode &map) {
  for (const auto [key, value] : map.entries()) {
    if (key.scalar() == "<<") {
      return true;
    }
  }
  return false;
}

YamlNode get_in(const YamlNode &map, std::string_view key, MergeWalk &walk, size_t depth) {
  for (const auto [k, value] : map.entries()) {
    if (k.is_scalar() && k.scalar() == key) {
      return value;
    }
  }
  if (depth < kMaxMergeDepth) {
    for (const YamlNode &merged : merged_maps(map)) {
      if (walk.first_visit(merged)) {
        if (YamlNode found = get_in(merged, key, walk, depth + 1); found) {
          return found;
        }
      }
    }
  }
  return {};
}

void for_each_in(const YamlNode &map, const std::function<void(const std::string &, const YamlNode &)> &fn,
                 std::unordered_set<std::string> &seen_keys, MergeWalk &walk, size_t depth) {
  for (const auto [k, value] : map.entries()) {
    std::string key(k.scalar());
    if (key != "<<" && seen_keys.insert(key).second) {
      fn(key, value);
    }
  }
  if (depth < kMaxMergeDepth) {
    for (const YamlNode &merged : merged_maps(map)) {
      if (walk.first_visit(merged)) {
        for_each_in(merged, fn, seen_keys, walk, depth + 1);
      }
    }
  }
}

} // namespace

YamlNode YamlDocument::get(const YamlNode &map, const std::string &key) {
  if (!map.is_map()) {
    return {};
  }
  for (const auto [k, value] : map.entries()) {
    if (k.is_scalar() && k.scalar() == key) {
      return value; // own keys win; no merge bookkeeping in the common case
    }
  }
  if (!has_merge_key(map)) {
    return {};
  }
  MergeWalk walk;
  return get_in(map, key, walk, 0);
}

void YamlDocument::for_each(const YamlNode &map,
                            const std::function<void(const std::string &, const YamlNode &)> &fn) {
  if (!map.is_map()) {
    return;
  }
  std::unordered_set<std::string> seen_keys; // a set: 200,000 keys in linear time
  MergeWalk walk;
  for_each_in(map, fn, seen_keys, walk, 0);
}

std::string YamlDocument::scalar(const YamlNode &node) {
  return std::string(node.scalar());
}

/// The common cases need no second parse: a plain scalar written as its
/// value, or a quoted one with no escapes. The text must match exactly.
std::optional<Span> YamlDocument::verified_span(const YamlNode &node, uint32_t begin) const {
  if (!node.is_scalar() || node.scalar().empty()) {
    return std::nullopt;
  }
  const std::string_view text(source_.text());
  const std::string_view value = node.scalar();
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

Span YamlDocument::span_of(const YamlNode &node) const {
  const int64_t offset = node.offset();
  if (offset < 0) {
    return {span_.begin, span_.begin};
  }
  const uint32_t begin = span_.begin + static_cast<uint32_t>(offset);
  if (auto span = verified_span(node, begin)) {
    return *span;
  }
  index_ranges(); // tree-sitter knows where escaped, folded or multi-line values end
  if (auto it = scalars_.find(begin); it != scalars_.end()) {
    return it->second;
  }
  const auto length = static_cast<uint32_t>(node.scalar().size());
  return {begin, std::min(begin + std::max<uint32_t>(length, 1), span_.end)};
}

Located YamlDocument::located(const YamlNode &node) const {
  Located out;
  if (node.is_scalar()) {
    out.value = node.scalar();
    out.span = span_of(node);
    out.present = true;
  }
  return out;
}

Span YamlDocument::key_span(const YamlNode &map, const std::string &key) const {
  for (const auto [k, value] : map.entries()) {
    if (k.is_scalar() && k.scalar() == key) {
      return span_of(k);
    }
  }
  return {};
}

} // namespace wincompat

namespace wincompat {

AliasExpansion alias_expansion(const YamlNode &root) {
  // Values under each node once its aliases are copied, counted bottom-up on
  // the shared nodes (an alias is its anchor's node): linear in the
  // document, whatever it expands to. Saturates instead of overflowing.
  constexpr uint64_t kSaturated = uint64_t{1} << 62;
  AliasExpansion out;
  if (!root) {
    return out;
  }
  // An anchor may hold its own alias (`&a [*a]`): a cycle, which never ends.
  constexpr uint64_t kOpen = ~uint64_t{0};
  std::unordered_map<uint32_t, uint64_t> values{{root.id(), kOpen}}; // by node id
  std::vector<std::pair<YamlNode, size_t>> stack{{root, 0}};         // node, next child
  while (!stack.empty()) {
    auto &[node, next] = stack.back();
    if (next < node.size()) {
      const YamlNode child = node.child(next++);
      if (values.try_emplace(child.id(), kOpen).second) {
        stack.emplace_back(child, 0); // `node` and `next` are not used after this
      }
      continue;
    }
    uint64_t total = 1;
    for (size_t i = 0; i < node.size(); ++i) {
      const uint64_t under = values[node.child(i).id()];
      total = under == kOpen ? kSaturated : std::min(kSaturated, total + under);
    }
    values[node.id()] = total;
    stack.pop_back();
  }
  out.values = values[root.id()];
  out.distinct = values.size();
  return out;
}

bool excessive_aliasing(const AliasExpansion &expansion) {
  // go-yaml (v2.2.8+, v3) decode.go: past 100 aliased values and 1,000 in
  // all, the share that came through aliases may be 99% up to 400,000
  // values, falling to 10% at 4,000,000 ("document contains excessive aliasing").
  const uint64_t decoded = expansion.values;
  const uint64_t aliased = decoded - std::min(decoded, expansion.distinct);
  if (aliased <= 100 || decoded <= 1000) {
    return false;
  }
  constexpr double kLow = 400'000;
  constexpr double kHigh = 4'000'000;
  const auto count = static_cast<double>(decoded);
  const double allowed = count <= kLow    ? 0.99
                         : count >= kHigh ? 0.10
                                          : 0.99 - 0.89 * (count - kLow) / (kHigh - kLow);
  return static_cast<double>(aliased) / count > allowed;
}

} // namespace wincompat
