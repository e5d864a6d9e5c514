// Strategic merge (Kubernetes' patch strategy for the fields wincompat reads)
// and JSON 6902 operations on the working tree.
#include "knode.hpp"

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

/// The key that list items merge by, or "" for a list the patch replaces
/// (tolerations, nodeSelectorTerms, matchExpressions, args: no strategy).
std::string merge_key(std::string_view field, const KNode &target, const KNode &patch) {
  static const std::pair<std::string_view, std::string_view> kKeys[] = {
      {"containers", "name"},
      {"initContainers", "name"},
      {"ephemeralContainers", "name"},
      {"volumes", "name"},
      {"env", "name"},
      {"imagePullSecrets", "name"},
      {"resourceClaims", "name"},
      {"schedulingGates", "name"},
      {"volumeMounts", "mountPath"},
      {"volumeDevices", "devicePath"},
      {"hostAliases", "ip"},
      {"topologySpreadConstraints", "topologyKey"},
      // Mutating/ValidatingWebhookConfiguration: x-kubernetes-patch-merge-key
      // name in Kubernetes' OpenAPI (kueue patches one webhook of many).
      {"webhooks", "name"},
  };
  for (const auto &[name, key] : kKeys) {
    if (field == name) {
      return std::string(key);
    }
  }
  if (field == "ports") {
    auto all_have = [](const KNode &list, std::string_view key) {
      return std::all_of(list.items.begin(), list.items.end(), [&](const KNode &item) {
        return !item.is_map() || item.get(key) || item.get("$patch");
      });
    };
    if (all_have(target, "containerPort") && all_have(patch, "containerPort")) {
      return "containerPort";
    }
    if (all_have(target, "port") && all_have(patch, "port")) {
      return "port";
    }
  }
  return {};
}

/// kyaml's merge walk drops null fields from the maps it walks (and the
/// items of lists merged by key): every null a patch adds, and the target's
/// nulls left empty (`key:`); `keep_written`: a target's `null` or `~` stays.
void drop_nulls(KNode &node, std::string_view field, bool keep_written) {
  if (node.is_map()) {
    std::erase_if(node.entries, [&](const KEntry &entry) {
      return entry.value.is_null() && !(keep_written && entry.value.typed);
    });
    for (KEntry &entry : node.entries) {
      drop_nulls(entry.value, entry.key, keep_written);
    }
  } else if (node.is_seq() && !merge_key(field, node, KNode::make_seq()).empty()) {
    for (KNode &item : node.items) {
      drop_nulls(item, "", keep_written);
    }
  }
}

/// A patch's value where the target has none: without directives or nulls.
KNode added_value(const KNode &patch, std::string_view field) {
  KNode out = strip_directives(patch);
  drop_nulls(out, field, false);
  return out;
}

void merge_list(KNode &target, const KNode &patch, std::string_view field) {
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
  const std::string key = merge_key(field, target, patch);
  if (key.empty()) {
    target = strip_directives(patch);
    return;
  }
  // kustomize's order: the patch's items first (merged into the items they
  // name), then the items the patch does not name, as they were.
  std::vector<KNode> merged;
  std::vector<bool> named(target.items.size(), false);
  for (const KNode &item : patch.items) {
    if (!item.is_map()) {
      continue;
    }
    const std::string id = item.str(key);
    auto found = std::find_if(target.items.begin(), target.items.end(),
                              [&](const KNode &t) { return t.is_map() && t.str(key) == id; });
    const bool exists = found != target.items.end();
    if (exists) {
      named[static_cast<size_t>(found - target.items.begin())] = true;
    }
    if (item.str("$patch") == "delete") {
      continue;
    }
    if (exists) {
      strategic_merge(*found, item);
      merged.push_back(std::move(*found));
    } else {
      merged.push_back(added_value(item, ""));
    }
  }
  for (size_t i = 0; i < target.items.size(); ++i) {
    if (!named[i]) {
      merged.push_back(std::move(target.items[i]));
    }
  }
  target.items = std::move(merged);
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

void strategic_merge(KNode &target, const KNode &patch, std::string_view field) {
  if (!patch.is_map()) {
    replace_value(target, strip_directives(patch));
    return;
  }
  if (patch.str("$patch") == "replace") {
    target = strip_directives(patch);
    return;
  }
  if (!target.is_map()) {
    target = added_value(patch, field);
    return;
  }
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
      target.entries.push_back({key, entry.key_chain, added_value(value, key)});
    } else if (existing->is_null()) {
      replace_value(*existing, added_value(value, key));
    } else if (value.is_map() && existing->is_map()) {
      strategic_merge(*existing, value, key);
    } else if (value.is_seq() && existing->is_seq()) {
      merge_list(*existing, value, key);
    } else {
      replace_value(*existing, strip_directives(value));
    }
  }
}

void drop_merged_nulls(KNode &object) {
  drop_nulls(object, "", true);
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
