#include "knode.hpp"

#include "frontends/yaml_document.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <optional>

namespace wincompat::kustomize {

KNode KNode::make_scalar(std::string value, OriginChain chain, bool typed) {
  KNode node;
  node.kind = Kind::Scalar;
  node.value = std::move(value);
  node.chain = std::move(chain);
  node.typed = typed;
  return node;
}

KNode KNode::make_map() {
  KNode node;
  node.kind = Kind::Map;
  return node;
}

KNode KNode::make_seq() {
  KNode node;
  node.kind = Kind::Seq;
  return node;
}

const KNode *KNode::get(std::string_view key) const {
  for (const KEntry &entry : entries) {
    if (entry.key == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

KNode *KNode::get(std::string_view key) {
  return const_cast<KNode *>(static_cast<const KNode *>(this)->get(key));
}

KNode &KNode::child_map(std::string_view key) {
  KNode *existing = get(key);
  if (existing && existing->is_map()) {
    return *existing;
  }
  return set(key, make_map());
}

KNode &KNode::set(std::string_view key, KNode value) {
  if (kind != Kind::Map) {
    *this = make_map();
  }
  if (KNode *existing = get(key)) {
    *existing = std::move(value);
    return *existing;
  }
  entries.push_back({std::string(key), {}, std::move(value)});
  return entries.back().value;
}

bool KNode::erase(std::string_view key) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const KEntry &e) { return e.key == key; });
  if (it == entries.end()) {
    return false;
  }
  entries.erase(it);
  return true;
}

std::string KNode::str(std::string_view key) const {
  const KNode *value = get(key);
  return value && value->is_scalar() ? value->value : std::string();
}

std::string KNode::str_at(std::initializer_list<std::string_view> path) const {
  const KNode *node = this;
  for (std::string_view key : path) {
    node = node->get(key);
    if (!node) {
      return {};
    }
  }
  return node->is_scalar() ? node->value : std::string();
}

// ---------------------------------------------------------------------------
// From yaml-cpp values (through the YAML front-end) to the working tree.

Span OffsetMap::map(Span parsed) const {
  if (identity) {
    return parsed;
  }
  auto locate = [&](uint32_t offset) -> std::optional<uint32_t> {
    auto it = std::upper_bound(parsed_line_starts.begin(), parsed_line_starts.end(), offset);
    if (it == parsed_line_starts.begin()) {
      return std::nullopt;
    }
    const size_t line = static_cast<size_t>(it - parsed_line_starts.begin()) - 1;
    return real_line_starts[line] + (offset - parsed_line_starts[line]);
  };
  const auto begin = locate(parsed.begin);
  const auto last = parsed.end > parsed.begin ? locate(parsed.end - 1) : begin;
  if (!begin || !last) {
    return whole;
  }
  return {*begin, parsed.end > parsed.begin ? *last + 1 : *begin};
}

namespace {

constexpr size_t kMaxDepth = 200;

Origin place(const OffsetMap &map, Span span, OriginRole role) {
  return Origin{map.file, map.map(span), role, {}};
}

void from_yaml_into(const YamlDocument &document, const YamlNode &node, const OffsetMap &map, OriginRole role,
                    KNode &out, size_t depth, size_t &budget);

void merge_map_into(const YamlDocument &document, const YamlNode &node, const OffsetMap &map, OriginRole role,
                    KNode &out, size_t depth, size_t &budget) {
  for (const auto [key, value] : node.entries()) {
    const std::string name(key.scalar());
    if (name == "<<" && !key.is_number_or_bool()) {
      continue; // merged after the mapping's own keys, which win
    }
    if (out.get(name)) {
      continue;
    }
    KNode child;
    from_yaml_into(document, value, map, role, child, depth + 1, budget);
    out.entries.push_back({name, {place(map, document.span_of(key), role)}, std::move(child)});
  }
  for (const auto [key, value] : node.entries()) {
    if (key.scalar() != "<<") {
      continue;
    }
    if (value.is_map()) {
      merge_map_into(document, value, map, role, out, depth + 1, budget);
    } else {
      for (YamlNode item : value.items()) {
        if (item.is_map()) {
          merge_map_into(document, item, map, role, out, depth + 1, budget);
        }
      }
    }
  }
}

void from_yaml_into(const YamlDocument &document, const YamlNode &node, const OffsetMap &map, OriginRole role,
                    KNode &out, size_t depth, size_t &budget) {
  if (budget == 0) {
    return; // past the budget: the caller reports it
  }
  --budget;
  if (depth > kMaxDepth || !node || node.is_null()) {
    out.kind = KNode::Kind::Null;
    out.typed = node && node.is_written_null();
    if (node && node.offset() >= 0) {
      out.chain.push_back(place(map, document.span_of(node), role));
    }
    return;
  }
  if (node.is_scalar()) {
    out = KNode::make_scalar(std::string(node.scalar()), {place(map, document.span_of(node), role)},
                             node.is_number_or_bool());
    return;
  }
  if (node.is_sequence()) {
    out.kind = KNode::Kind::Seq;
    for (YamlNode item : node.items()) {
      KNode child;
      from_yaml_into(document, item, map, role, child, depth + 1, budget);
      out.items.push_back(std::move(child));
    }
    return;
  }
  out.kind = KNode::Kind::Map;
  merge_map_into(document, node, map, role, out, depth, budget);
}

} // namespace

KNode from_yaml(const YamlDocument &document, const YamlNode &node, const OffsetMap &map, OriginRole role,
                bool *over_budget) {
  KNode out;
  size_t budget = kMaxValues;
  from_yaml_into(document, node, map, role, out, 0, budget);
  if (over_budget) {
    *over_budget = budget == 0;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Printing.

namespace {

bool looks_non_string(std::string_view value) {
  const std::string lower = to_lower(value);
  static const char *const kWords[] = {"null", "~", "true", "false", "yes",   "no",   "on", "off",
                                       "y",    "n", ".inf", "-.inf", "+.inf", ".nan", "<<", "="};
  for (const char *word : kWords) {
    if (lower == word) {
      return true;
    }
  }
  size_t i = 0;
  if (value[i] == '-' || value[i] == '+') {
    ++i;
  }
  if (i < value.size() && value[i] == '.') {
    ++i;
  }
  return i < value.size() && value[i] >= '0' && value[i] <= '9';
}

} // namespace

bool plain_is_safe(std::string_view value) {
  if (value.empty() || looks_non_string(value)) {
    return false;
  }
  static const std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@` ";
  if (kBadFirst.find(value.front()) != std::string_view::npos &&
      !(value.front() == '-' && value.size() > 1 && value[1] != ' ')) {
    return false;
  }
  if (value.back() == ' ' || value.back() == ':' || value.starts_with("---") || value.starts_with("...")) {
    return false;
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return false;
    }
  }
  return value.find(": ") == std::string_view::npos && value.find(" #") == std::string_view::npos;
}

namespace {

class Printer {
public:
  Printer(std::string &out, std::vector<OriginSegment> &segments) : out_(out), segments_(segments) {}

  void map_entries(const KNode &map, size_t indent, bool first_inline) {
    std::vector<const KEntry *> sorted;
    sorted.reserve(map.entries.size());
    for (const KEntry &entry : map.entries) {
      sorted.push_back(&entry);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const KEntry *a, const KEntry *b) { return a->key < b->key; });
    bool first = true;
    for (const KEntry *entry : sorted) {
      if (!(first && first_inline)) {
        out_.append(indent, ' ');
      }
      first = false;
      text(entry->key, false, entry->key_chain);
      out_ += ':';
      after_key(entry->value, indent);
    }
  }

private:
  void after_key(const KNode &value, size_t indent) {
    if (value.is_map() && !value.entries.empty()) {
      out_ += '\n';
      map_entries(value, indent + 2, false);
    } else if (value.is_seq() && !value.items.empty()) {
      out_ += '\n';
      seq_items(value, indent, false);
    } else {
      out_ += ' ';
      leaf(value);
    }
  }

  void seq_items(const KNode &seq, size_t indent, bool first_inline) {
    bool first = true;
    for (const KNode &item : seq.items) {
      if (!(first && first_inline)) {
        out_.append(indent, ' ');
      }
      first = false;
      out_ += "- ";
      if (item.is_map() && !item.entries.empty()) {
        map_entries(item, indent + 2, true);
      } else if (item.is_seq() && !item.items.empty()) {
        seq_items(item, indent + 2, true);
      } else {
        leaf(item);
      }
    }
  }

  void leaf(const KNode &value) {
    if (value.is_map()) {
      out_ += "{}\n";
    } else if (value.is_seq()) {
      out_ += "[]\n";
    } else if (value.is_null()) {
      text("null", true, value.chain);
      out_ += '\n';
    } else {
      text(value.value, value.typed, value.chain, &value.parts);
      out_ += '\n';
    }
  }

  void text(std::string_view value, bool raw, const OriginChain &chain,
            const std::vector<std::pair<Span, OriginChain>> *parts = nullptr) {
    const bool plain = raw || plain_is_safe(value);
    if (!plain) {
      out_ += '"';
    }
    const auto begin = static_cast<uint32_t>(out_.size());
    out_ += plain ? std::string(value) : escape_double_quoted(value, QuoteDialect::Go);
    const auto end = static_cast<uint32_t>(out_.size());
    if (!plain) {
      out_ += '"';
    }
    if (chain.empty()) {
      return;
    }
    const bool split = parts && !parts->empty() && end - begin == value.size();
    if (!split) {
      segments_.push_back({{begin, end}, chain});
      return;
    }
    // The value's own chain around the parts, each part with its own.
    uint32_t at = begin;
    for (const auto &[range, part_chain] : *parts) {
      const uint32_t from = begin + range.begin;
      const uint32_t to = std::min(begin + range.end, end);
      if (from < at || from >= to) {
        continue;
      }
      if (from > at) {
        segments_.push_back({{at, from}, chain});
      }
      segments_.push_back({{from, to}, part_chain});
      at = to;
    }
    if (at < end) {
      segments_.push_back({{at, end}, chain});
    }
  }

  std::string &out_;
  std::vector<OriginSegment> &segments_;
};

} // namespace

void emit_yaml(const KNode &node, std::string &out, std::vector<OriginSegment> &segments) {
  Printer printer(out, segments);
  if (node.is_map() && !node.entries.empty()) {
    printer.map_entries(node, 0, false);
  } else {
    out += "{}\n";
  }
}

// ---------------------------------------------------------------------------
// Replacing values.

void replace_value(KNode &target, KNode replacement) {
  if (target.is_scalar() && replacement.is_scalar()) {
    for (Origin old : target.chain) {
      if (std::none_of(replacement.chain.begin(), replacement.chain.end(),
                       [&](const Origin &o) { return o.file == old.file && o.span == old.span; })) {
        replacement.chain.push_back(std::move(old));
      }
    }
  }
  target = std::move(replacement);
}

} // namespace wincompat::kustomize
