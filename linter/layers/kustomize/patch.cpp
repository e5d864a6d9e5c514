// Strategic merge (as kustomize's kyaml merges: each list's patch strategy
// and merge keys from the Kubernetes OpenAPI kustomize embeds, openapi.hpp)
// and JSON 6902 operations on the working tree.
#include "knode.hpp"
#include "openapi.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

namespace wincompat::kustomize {

namespace {

// kustomize (kyaml) follows `$patch`; `$setElementOrder` and `$retainKeys`
// only order or trim what it merges. `$deleteFromPrimitiveList` is kept as a
// plain key, as kyaml keeps it.
bool is_directive(std::string_view key) {
  return key == "$patch" || key.starts_with("$setElementOrder/") || key == "$retainKeys";
}

/// The schema kyaml walks a node with: the one its parent gives, else (a
/// resource, or a nested object with `apiVersion` and `kind`) its type's.
Schema schema_of(Schema given, const KNode &target, const KNode &patch) {
  if (given.known()) {
    return given;
  }
  for (const KNode *node : {&target, &patch}) {
    if (node->is_map()) {
      const std::string kind = node->str("kind");
      const std::string api_version = node->str("apiVersion");
      if (!kind.empty() && !api_version.empty()) {
        if (Schema schema = Schema::of_resource(api_version, kind); schema.known()) {
          return schema;
        }
      }
    }
  }
  return {};
}

void merge_node(KNode &target, const KNode &patch, Schema schema);
void merge_associative(KNode &target, const KNode &patch, const std::vector<std::string> &keys,
                       Schema item_schema);

/// kyaml's merge walk drops null fields from the maps it walks (and the
/// items of lists merged by key): every null a patch adds, and the target's
/// nulls left empty (`key:`); `keep_written`: a target's `null` or `~` stays.
/// It walks every list merged by key too, the ones the patch leaves out
/// included: items with the same keys become one (the last, where the first
/// was), as they do where the patch has the list.
void drop_nulls(KNode &node, Schema given, bool keep_written) {
  if (node.is_map()) {
    std::erase_if(node.entries, [&](const KEntry &entry) {
      return entry.value.is_null() && !(keep_written && entry.value.typed);
    });
    const Schema schema = schema_of(given, node, node);
    for (KEntry &entry : node.entries) {
      drop_nulls(entry.value, schema.field(entry.key), keep_written);
    }
  } else if (node.is_seq() && given.merges() && !given.merge_keys().empty()) {
    merge_associative(node, KNode::make_seq(), given.merge_keys(), given.items());
    for (KNode &item : node.items) {
      drop_nulls(item, given.items(), keep_written);
    }
  }
}

/// A patch's value where the target has none: without directives or nulls.
KNode added_value(const KNode &patch, Schema schema) {
  KNode out = strip_directives(patch);
  drop_nulls(out, schema, false);
  return out;
}

// kyaml's associative lists: one tuple of merge-key values per item ("" for
// an item without the key).
using KeyValues = std::vector<std::string>;

KeyValues key_values(const KNode &item, const std::vector<std::string> &keys) {
  KeyValues values;
  for (const std::string &key : keys) {
    const KNode *field = item.is_map() ? item.get(key) : nullptr;
    values.push_back(field && field->is_scalar() ? field->value : std::string());
  }
  return values;
}

/// kyaml's mergeValues: two tuples with a value in common that differ only
/// where one of them is empty name the same item.
void merge_key_tuples(std::vector<KeyValues> &tuples) {
  for (KeyValues &a : tuples) {
    for (KeyValues &b : tuples) {
      bool common = false;
      bool conflict = false;
      KeyValues merged;
      for (size_t i = 0; i < a.size() && !conflict; ++i) {
        if (a[i] == b[i]) {
          common = true;
          merged.push_back(a[i]);
        } else if (!a[i].empty() && !b[i].empty()) {
          conflict = true;
        } else {
          merged.push_back(a[i].empty() ? b[i] : a[i]);
        }
      }
      if (common && !conflict) {
        a = merged;
        b = merged;
      }
    }
  }
}

/// kyaml's validateKeys: the keys some tuple has a value for (all keys when
/// none has), with `values`' values for them.
std::pair<std::vector<std::string>, KeyValues> valid_keys(const std::vector<KeyValues> &tuples,
                                                          const KeyValues &values,
                                                          const std::vector<std::string> &keys) {
  std::vector<bool> valid(keys.size(), false);
  bool any = false;
  for (const KeyValues &tuple : tuples) {
    for (size_t i = 0; i < tuple.size() && i < keys.size(); ++i) {
      if (!tuple[i].empty()) {
        valid[i] = any = true;
      }
    }
  }
  if (!any) {
    return {keys, values};
  }
  std::pair<std::vector<std::string>, KeyValues> out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (valid[i]) {
      out.first.push_back(keys[i]);
      out.second.push_back(values[i]);
    }
  }
  return out;
}

/// Whether a list item has each key with that value (kyaml's MatchField).
bool item_has(const KNode &item, const std::vector<std::string> &keys, const KeyValues &values) {
  if (!item.is_map()) {
    return false;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const KNode *field = item.get(keys[i]);
    if (!field || !field->is_scalar() || field->value != values[i]) {
      return false;
    }
  }
  return true;
}

/// kyaml's ElementSetter match: an empty value matches any item with the
/// key; keys past the values match as the last matched key did.
bool item_matches(const KNode &item, const std::vector<std::string> &keys, const KeyValues &values) {
  if (!item.is_map()) {
    return false;
  }
  bool matched = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i >= values.size()) {
      continue;
    }
    const KNode *field = item.get(keys[i]);
    matched = field && !field->is_null() &&
              (values[i].empty() || (field->is_scalar() && field->value == values[i]));
    if (!matched) {
      return false;
    }
  }
  return matched;
}

bool empty_item(const KNode &item) {
  return item.is_null() || (item.is_map() && item.entries.empty());
}

/// kyaml's ElementSetter: `element` replaces the items that match (or is
/// appended); without one, the matching items go. Empty items go too.
void set_element(std::vector<KNode> &items, const KNode *element, const std::vector<std::string> &keys,
                 const KeyValues &values) {
  std::vector<KNode> out;
  bool found = false;
  for (KNode &item : items) {
    if (empty_item(item)) {
      continue;
    }
    if (!item_matches(item, keys, values)) {
      if (!values.empty() || !item.is_map()) {
        out.push_back(std::move(item));
      }
      continue;
    }
    found = true;
    if (element) {
      out.push_back(*element);
    }
  }
  if (element && !found) {
    out.push_back(*element);
  }
  items = std::move(out);
}

/// The first item that has the keys' values, or null.
const KNode *find_item(const std::vector<KNode> &items, const std::vector<std::string> &keys,
                       const KeyValues &values) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const KNode &item) { return item_has(item, keys, values); });
  return it == items.end() ? nullptr : &*it;
}

/// A list of scalars whose strategy is merge (finalizers): the union, the
/// patch's values first.
void merge_scalar_set(KNode &target, const KNode &patch) {
  std::vector<KNode> merged;
  for (const KNode *list : std::initializer_list<const KNode *>{&patch, &target}) {
    for (const KNode &item : list->items) {
      const bool seen = std::any_of(merged.begin(), merged.end(), [&](const KNode &m) {
        return m.kind == item.kind && m.value == item.value;
      });
      if (!seen && !(item.is_map() && item.get("$patch"))) {
        merged.push_back(item.is_scalar() ? item : strip_directives(item));
      }
    }
  }
  target.items = std::move(merged);
}

/// A list whose patch strategy is merge, as kyaml merges it with patches
/// prepended: the patch's items first (merged into the items they name),
/// then the list's other items.
void merge_associative(KNode &target, const KNode &patch, const std::vector<std::string> &keys,
                       Schema item_schema) {
  if (keys.empty()) {
    merge_scalar_set(target, patch);
    return;
  }
  std::vector<KeyValues> tuples;
  for (const KNode *list : std::initializer_list<const KNode *>{&patch, &target}) {
    for (const KNode &item : list->items) {
      KeyValues values = key_values(item, keys);
      if (std::find(tuples.begin(), tuples.end(), values) == tuples.end()) {
        tuples.push_back(std::move(values));
      }
    }
  }
  if (keys.size() > 1) {
    merge_key_tuples(tuples);
  }
  std::vector<KNode> added;
  std::vector<std::string> last_keys = keys;
  for (const KeyValues &values : tuples) {
    const auto [vkeys, vvalues] = valid_keys(tuples, values, keys);
    last_keys = vkeys;
    const auto [mkeys, mvalues] = valid_keys({vvalues}, vvalues, vkeys);
    KNode *existing = const_cast<KNode *>(find_item(target.items, mkeys, mvalues));
    const KNode *from_patch = find_item(patch.items, mkeys, mvalues);
    KNode merged;
    if (from_patch && from_patch->is_map() && from_patch->str("$patch") == "delete") {
      merged = KNode();
    } else if (existing && from_patch) {
      merge_node(*existing, *from_patch, item_schema);
      merged = *existing;
    } else if (existing) {
      merged = *existing;
    } else if (from_patch) {
      merged = added_value(*from_patch, item_schema);
    }
    if (empty_item(merged)) {
      set_element(target.items, nullptr, vkeys, vvalues);
      continue;
    }
    set_element(added, &merged, vkeys, vvalues);
  }
  // The list's items after the patch's: an item the patch merged replaces
  // itself in place (one merge key) or moves to the end (several keys).
  for (KNode &item : target.items) {
    // kyaml's appendListNode: an item without a key is appended as it is
    // (once per key it lacks), then set by the keys it has.
    KeyValues values;
    for (const std::string &key : last_keys) {
      const KNode *field = item.is_map() ? item.get(key) : nullptr;
      if (!field) {
        added.push_back(item);
      } else {
        values.push_back(field->is_scalar() ? field->value : std::string());
      }
    }
    if (last_keys.size() > 1) {
      set_element(added, nullptr, last_keys, values);
    }
    set_element(added, &item, last_keys, values);
  }
  target.items = std::move(added);
}

void merge_list(KNode &target, const KNode &patch, Schema schema) {
  for (const KNode &item : patch.items) {
    if (item.is_map() && item.str("$patch") == "replace") {
      KNode replacement = KNode::make_seq();
      for (const KNode &other : patch.items) {
        if (&other != &item) {
          replacement.items.push_back(strip_directives(other));
        }
      }
      target = std::move(replacement);
      return;
    }
  }
  if (!schema.merges()) { // no schema, or no merge strategy: replaced
    target = strip_directives(patch);
    return;
  }
  merge_associative(target, patch, schema.merge_keys(), schema.items());
}

void merge_node(KNode &target, const KNode &patch, Schema given) {
  if (!patch.is_map()) {
    replace_value(target, strip_directives(patch));
    return;
  }
  if (patch.str("$patch") == "replace") {
    target = strip_directives(patch);
    return;
  }
  if (!target.is_map()) {
    target = added_value(patch, given);
    return;
  }
  const Schema schema = schema_of(given, target, patch);
  for (const KEntry &entry : patch.entries) {
    const std::string &key = entry.key;
    const KNode &value = entry.value;
    if (is_directive(key)) {
      continue;
    }
    if (value.is_null() || (value.is_map() && value.str("$patch") == "delete")) {
      target.erase(key);
      continue;
    }
    KNode *existing = target.get(key);
    if (!existing) {
      target.entries.push_back({key, entry.key_chain, added_value(value, schema.field(key))});
    } else if (existing->is_null()) {
      replace_value(*existing, added_value(value, schema.field(key)));
    } else if (value.is_map() && existing->is_map()) {
      merge_node(*existing, value, schema.field(key));
    } else if (value.is_seq() && existing->is_seq()) {
      merge_list(*existing, value, schema.field(key));
    } else {
      replace_value(*existing, strip_directives(value));
    }
  }
}

} // namespace

KNode strip_directives(const KNode &patch) {
  KNode out = patch;
  if (out.is_map()) {
    std::erase_if(out.entries, [](const KEntry &e) { return is_directive(e.key); });
    for (KEntry &entry : out.entries) {
      entry.value = strip_directives(entry.value);
    }
  } else if (out.is_seq()) {
    std::erase_if(out.items, [](const KNode &item) { return item.is_map() && item.get("$patch"); });
    for (KNode &item : out.items) {
      item = strip_directives(item);
    }
  }
  return out;
}

void strategic_merge(KNode &target, const KNode &patch) {
  merge_node(target, patch, Schema());
}

void drop_merged_nulls(KNode &object) {
  drop_nulls(object, Schema(), true);
}

// ---------------------------------------------------------------------------
// JSON 6902.

namespace {

std::vector<std::string> pointer_tokens(std::string_view pointer, std::string &error) {
  std::vector<std::string> tokens;
  if (pointer.empty()) {
    return tokens;
  }
  if (pointer.front() != '/') {
    error = "the path \"" + std::string(pointer) + "\" does not start with '/'";
    return tokens;
  }
  size_t start = 1;
  while (true) {
    const size_t slash = pointer.find('/', start);
    std::string token(
        pointer.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    std::string unescaped;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        unescaped += token[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        unescaped += token[i];
      }
    }
    tokens.push_back(std::move(unescaped));
    if (slash == std::string_view::npos) {
      return tokens;
    }
    start = slash + 1;
  }
}

std::optional<size_t> index_of(std::string_view token) {
  size_t value = 0;
  if (token.empty() || (token.size() > 1 && token.front() == '0')) {
    return std::nullopt;
  }
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc() || end != token.data() + token.size()) {
    return std::nullopt;
  }
  return value;
}

/// The node at `tokens`, or null.
KNode *walk(KNode &root, const std::vector<std::string> &tokens, size_t count) {
  KNode *node = &root;
  for (size_t i = 0; i < count; ++i) {
    if (node->is_map()) {
      node = node->get(tokens[i]);
    } else if (node->is_seq()) {
      auto index = index_of(tokens[i]);
      node = index && *index < node->items.size() ? &node->items[*index] : nullptr;
    } else {
      node = nullptr;
    }
    if (!node) {
      return nullptr;
    }
  }
  return node;
}

bool equal_values(const KNode &a, const KNode &b) {
  if (a.kind != b.kind) {
    return false;
  }
  if (a.is_scalar()) {
    return a.value == b.value;
  }
  if (a.is_seq()) {
    return a.items.size() == b.items.size() &&
           std::equal(a.items.begin(), a.items.end(), b.items.begin(), equal_values);
  }
  if (a.is_map()) {
    if (a.entries.size() != b.entries.size()) {
      return false;
    }
    for (const KEntry &entry : a.entries) {
      const KNode *other = b.get(entry.key);
      if (!other || !equal_values(entry.value, *other)) {
        return false;
      }
    }
  }
  return true;
}

std::string add(KNode &root, const std::vector<std::string> &tokens, const std::string &path, KNode value,
                OriginChain key_chain) {
  if (tokens.empty()) {
    root = std::move(value);
    return {};
  }
  KNode *parent = walk(root, tokens, tokens.size() - 1);
  if (!parent || !(parent->is_map() || parent->is_seq())) {
    return "the path \"" + path + "\" does not exist in the resource (add needs its parent)";
  }
  const std::string &last = tokens.back();
  if (parent->is_map()) {
    if (KNode *existing = parent->get(last)) {
      replace_value(*existing, std::move(value));
    } else {
      parent->entries.push_back({last, std::move(key_chain), std::move(value)});
    }
    return {};
  }
  if (last == "-") {
    parent->items.push_back(std::move(value));
    return {};
  }
  auto index = index_of(last);
  if (!index || *index > parent->items.size()) {
    return "the index in \"" + path + "\" is out of range";
  }
  parent->items.insert(parent->items.begin() + static_cast<std::ptrdiff_t>(*index), std::move(value));
  return {};
}

std::string remove(KNode &root, const std::vector<std::string> &tokens, const std::string &path,
                   KNode *removed) {
  if (tokens.empty()) {
    return "cannot remove the whole resource";
  }
  KNode *parent = walk(root, tokens, tokens.size() - 1);
  if (parent && parent->is_map()) {
    if (KNode *existing = parent->get(tokens.back())) {
      if (removed) {
        *removed = std::move(*existing);
      }
      parent->erase(tokens.back());
      return {};
    }
  } else if (parent && parent->is_seq()) {
    auto index = index_of(tokens.back());
    if (index && *index < parent->items.size()) {
      if (removed) {
        *removed = std::move(parent->items[*index]);
      }
      parent->items.erase(parent->items.begin() + static_cast<std::ptrdiff_t>(*index));
      return {};
    }
  }
  return "the path \"" + path + "\" does not exist in the resource";
}

/// The mapping that holds the last token of `tokens`, or null (the whole
/// resource, a missing parent, or a parent that is no mapping).
KNode *parent_mapping(KNode &root, const std::vector<std::string> &tokens) {
  if (tokens.empty()) {
    return nullptr;
  }
  KNode *parent = walk(root, tokens, tokens.size() - 1);
  return parent && parent->is_map() ? parent : nullptr;
}

} // namespace

std::string apply_json6902(KNode &target, const KNode &operation) {
  if (!operation.is_map()) {
    return "a JSON patch operation must be a mapping with `op` and `path`";
  }
  const std::string op = operation.str("op");
  const std::string path = operation.str("path");
  if (!operation.get("path") || !operation.get("path")->is_scalar()) {
    return "the operation has no `path`";
  }
  std::string error;
  const std::vector<std::string> tokens = pointer_tokens(path, error);
  if (!error.empty()) {
    return error;
  }
  const KNode *value = operation.get("value");
  OriginChain key_chain;
  if (const KNode *path_node = operation.get("path"); path_node && !path_node->chain.empty()) {
    key_chain = path_node->chain;
  }
  if (op == "add" || op == "replace") {
    if (!value) {
      return "the `" + op + "` operation has no `value`";
    }
    if (op == "replace") {
      KNode *existing = walk(target, tokens, tokens.size());
      if (existing) {
        replace_value(*existing, *value);
        return {};
      }
      // kustomize's JSON patch library (evanphx/json-patch v4) replaces a key
      // that a mapping lacks by adding it; only a missing parent fails.
      if (KNode *parent = parent_mapping(target, tokens)) {
        parent->entries.push_back({tokens.back(), std::move(key_chain), *value});
        return {};
      }
      return "the path \"" + path + "\" does not exist in the resource (replace needs its parent)";
    }
    return add(target, tokens, path, *value, key_chain);
  }
  if (op == "remove") {
    return remove(target, tokens, path, nullptr);
  }
  if (op == "move" || op == "copy") {
    const std::string from = operation.str("from");
    std::vector<std::string> from_tokens = pointer_tokens(from, error);
    if (!error.empty() || !operation.get("from")) {
      return error.empty() ? "the `" + op + "` operation has no `from`" : error;
    }
    KNode moved;
    if (op == "move") {
      if (std::string e = remove(target, from_tokens, from, &moved); !e.empty()) {
        return e;
      }
    } else {
      KNode *source = walk(target, from_tokens, from_tokens.size());
      if (!source) {
        return "the path \"" + from + "\" does not exist in the resource";
      }
      moved = *source;
    }
    return add(target, tokens, path, std::move(moved), key_chain);
  }
  if (op == "test") {
    KNode *existing = walk(target, tokens, tokens.size());
    if (existing ? value && equal_values(*existing, *value)
                 // As kustomize's library: a key the mapping lacks tests equal to null.
                 : parent_mapping(target, tokens) && (!value || value->is_null())) {
      return {};
    }
    return "the `test` operation at \"" + path + "\" failed";
  }
  return "unknown JSON patch operation \"" + op + "\"";
}

// ---------------------------------------------------------------------------
// kustomize's JSON round trip.

namespace {

/// Go's strconv.FormatFloat(value, 'g', -1, 64): the shortest digits, in
/// exponent form when the exponent is below -4 or at least 6 (`fixed`:
/// never in exponent form).
std::string json_go_float(double value, bool fixed) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  if (ec != std::errc()) {
    return {};
  }
  const std::string text(buffer, end); // "-1.2345e+06"
  const bool negative = text.starts_with('-');
  const size_t e = text.find('e');
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < e; ++i) {
    if (text[i] != '.') {
      digits += text[i];
    }
  }
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string out = negative ? "-" : "";
  if (!fixed && (exponent < -4 || exponent >= 6)) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
      out += '.' + digits.substr(1);
    }
    const int magnitude = exponent < 0 ? -exponent : exponent;
    out += exponent < 0 ? "e-" : "e+";
    out += (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
    return out;
  }
  const int point = exponent + 1; // digits before the decimal point
  const auto digit = [&](int i) { return i >= 0 && i < static_cast<int>(digits.size()) ? digits[i] : '0'; };
  if (point > 0) {
    for (int i = 0; i < point; ++i) {
      out += digit(i);
    }
  } else {
    out += '0';
  }
  const int decimals = std::max(static_cast<int>(digits.size()) - point, 0);
  if (decimals > 0) {
    out += '.';
    for (int i = 0; i < decimals; ++i) {
      out += digit(point + i);
    }
  }
  return out;
}

/// A plain number or boolean as yaml.v3 reads it and Go's JSON writes it
/// back (every number becomes a float64): `0755` is octal (493), `1.0` is
/// `1`, `0.00001` is `1e-05`, `True` is `true`.
std::string json_round_trip_scalar(const std::string &value) {
  if (value == "true" || value == "True" || value == "TRUE") {
    return "true";
  }
  if (value == "false" || value == "False" || value == "FALSE") {
    return "false";
  }
  const bool sign = value.starts_with('-') || value.starts_with('+');
  const std::string body = value.substr(sign ? 1 : 0);
  double number = 0;
  const bool octal =
      body.size() > 1 && body[0] == '0' && body.find_first_not_of("01234567") == std::string::npos;
  if (octal) {
    number = static_cast<double>(std::strtoull(body.c_str(), nullptr, 8));
    if (value.starts_with('-')) {
      number = -number;
    }
  } else {
    const std::string parse = value.starts_with('+') ? body : value;
    const auto [end, ec] = std::from_chars(parse.data(), parse.data() + parse.size(), number);
    if (ec != std::errc() || end != parse.data() + parse.size()) {
      return value;
    }
  }
  // Go's JSON writes an integral float64 below 1e21 as an integer, which
  // YAML reads back as one; any other number is a float64 YAML writes back.
  if (number == 0) {
    return "0";
  }
  const bool integral = std::fabs(number) < 1e21 && std::floor(number) == number;
  const std::string out = json_go_float(number, integral);
  return out.empty() ? value : out;
}

} // namespace

void json_round_trip(KNode &node) {
  if (node.is_scalar() && node.typed) {
    std::string value = json_round_trip_scalar(node.value);
    if (value != node.value) {
      node.value = std::move(value);
      node.parts.clear();
    }
  } else if (node.is_null()) {
    node.typed = true; // written `null` from now on
  } else if (node.is_map()) {
    for (KEntry &entry : node.entries) {
      json_round_trip(entry.value);
    }
  } else if (node.is_seq()) {
    for (KNode &item : node.items) {
      json_round_trip(item);
    }
  }
}

} // namespace wincompat::kustomize
