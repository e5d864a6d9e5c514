// configMapGenerator and secretGenerator, as kustomize v5 runs them: after
// the resources and before the components and transformers, each entry makes
// one object (or merges into / replaces one a base made), and the top-level
// build appends the content hash to the names of those that want it.
#include "builder.hpp"
#include "registry/auth.hpp"
#include "sha256.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace wincompat::kustomize {

namespace {

std::string generate_join(const std::string &dir, const std::string &relative) {
  fs::path joined = (dir.empty() || dir == ".") ? fs::path(relative) : fs::path(dir) / relative;
  std::string out = joined.lexically_normal().generic_string();
  return out.empty() ? "." : out;
}

/// Go's utf8.ValidString.
bool generate_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t point = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      point = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (size_t j = 1; j < length; ++j) {
      const auto next = static_cast<unsigned char>(text[i + j]);
      if ((next & 0xC0) != 0x80) {
        return false;
      }
      point = (point << 6) | (next & 0x3F);
    }
    const bool overlong =
        (length == 2 && point < 0x80) || (length == 3 && point < 0x800) || (length == 4 && point < 0x10000);
    if (overlong || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

/// A string as Go's encoding/json writes it (HTML characters escaped).
void generate_json_string(std::string_view text, std::string &out) {
  append_go_json_string(out, text, /*escape_html=*/true, /*short_bf=*/true);
}

/// A YAML value as JSON the way kustomize's hasher reads it back (maps with
/// sorted keys; numbers and booleans a plain scalar reads as stay bare).
void generate_json_value(const KNode &node, std::string &out, size_t depth = 0) {
  if (depth > 64 || node.is_null()) {
    out += "null";
  } else if (node.is_scalar()) {
    const bool bare = node.typed && (node.value == "true" || node.value == "false" ||
                                     node.value.find_first_not_of("-0123456789.eE+") == std::string::npos);
    if (bare) {
      out += node.value;
    } else {
      generate_json_string(node.value, out);
    }
  } else if (node.is_seq()) {
    out += '[';
    for (size_t i = 0; i < node.items.size(); ++i) {
      out += i ? "," : "";
      generate_json_value(node.items[i], out, depth + 1);
    }
    out += ']';
  } else {
    std::vector<const KEntry *> entries;
    for (const KEntry &entry : node.entries) {
      entries.push_back(&entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const KEntry *a, const KEntry *b) { return a->key < b->key; });
    out += '{';
    for (size_t i = 0; i < entries.size(); ++i) {
      out += i ? "," : "";
      generate_json_string(entries[i]->key, out);
      out += ':';
      generate_json_value(entries[i]->value, out, depth + 1);
    }
    out += '}';
  }
}

/// Appends `"key":VALUE` for the map at `field` of `object`, `"key":""`
/// when it is absent (kustomize's getNodeValues).
void generate_json_field(const KNode &object, std::string_view key, std::string_view field,
                         std::string &out) {
  generate_json_string(key, out);
  out += ':';
  const KNode *value = object.get(field);
  if (!value || value->is_null()) {
    out += "\"\"";
  } else {
    generate_json_value(*value, out);
  }
}

/// kustomize's hasher.encode: the first ten hex digits, with the letters
/// and digits that could spell words swapped.
std::string generate_encode(const std::string &hex) {
  std::string out = hex.substr(0, 10);
  for (char &c : out) {
    switch (c) {
    case '0':
      c = 'g';
      break;
    case '1':
      c = 'h';
      break;
    case '3':
      c = 'k';
      break;
    case 'a':
      c = 'm';
      break;
    case 'e':
      c = 't';
      break;
    default:
      break;
    }
  }
  return out;
}

struct GeneratorOptions {
  const KNode *labels = nullptr;      // maps, local first
  const KNode *annotations = nullptr; // ...
  const KNode *global_labels = nullptr;
  const KNode *global_annotations = nullptr;
  bool disable_hash = false;
  bool immutable = false;
};

/// `local` then `global` keys not already set (MergeGlobalOptionsIntoLocal).
KNode generate_merged_pairs(const KNode *local, const KNode *global) {
  KNode out = KNode::make_map();
  for (const KNode *pairs : {local, global}) {
    if (!pairs || !pairs->is_map()) {
      continue;
    }
    for (const KEntry &entry : pairs->entries) {
      if (!out.get(entry.key)) {
        KNode value = entry.value.is_scalar() ? entry.value : KNode::make_scalar("", entry.value.chain);
        value.typed = false;
        out.entries.push_back({entry.key, entry.key_chain, std::move(value)});
      }
    }
  }
  return out;
}

bool generate_flag(const KNode *options, std::string_view key) {
  return options && options->is_map() && options->str(key) == "true";
}

/// `into` with `from`'s keys added where `into` lacks them, kept sorted as
/// kustomize writes merged maps.
KNode generate_merge_maps(const KNode *older, const KNode *newer) {
  std::map<std::string, const KEntry *> merged;
  for (const KNode *pairs : {older, newer}) {
    if (pairs && pairs->is_map()) {
      for (const KEntry &entry : pairs->entries) {
        merged[entry.key] = &entry;
      }
    }
  }
  KNode out = KNode::make_map();
  for (const auto &[key, entry] : merged) {
    out.entries.push_back(*entry);
  }
  return out;
}

void generate_set_map(KNode &object, std::initializer_list<std::string_view> path, KNode value) {
  KNode *at = &object;
  const std::string_view last = *(path.end() - 1);
  for (auto it = path.begin(); it + 1 != path.end(); ++it) {
    at = &at->child_map(*it);
  }
  if (value.entries.empty()) {
    at->erase(last);
  } else {
    at->set(last, std::move(value));
  }
}

/// A Secret value as kyaml writes it: base64 in lines of 70 characters,
/// each ended by a newline once there is more than one (encodeBase64).
std::string generate_base64(const std::string &bytes) {
  const std::string encoded = registry::base64_encode(bytes);
  constexpr size_t kLine = 70;
  if (encoded.size() / kLine + 1 <= 1) {
    return encoded;
  }
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += kLine) {
    out += encoded.substr(i, kLine);
    out += '\n';
  }
  return out;
}

} // namespace

// kustomize's hasher looks the name up as one field called "metadata/name",
// which no object has: the name it hashes is always "" (so a prefix or a
// namespace never changes the hash). Checked against kubectl 1.32
// (kustomize v5.5.0): `configMapGenerator: [{name: x, literals: [a=b]}]`
// builds `x-4h2mbtbbt6`, the hash of {"data":{"a":"b"},"kind":"ConfigMap","name":""}.
std::string kustomize_hash(const KNode &object) {
  std::string encoded;
  const std::string kind = object.str("kind");
  if (kind == "ConfigMap") {
    // {"binaryData":…,"data":…,"kind":"ConfigMap","name":…}: keys sorted.
    encoded = "{";
    const KNode *binary = object.get("binaryData");
    if (binary && binary->is_map()) {
      generate_json_field(object, "binaryData", "binaryData", encoded);
      encoded += ',';
    }
    generate_json_field(object, "data", "data", encoded);
    encoded += ",\"kind\":\"ConfigMap\",\"name\":\"\"}";
  } else if (kind == "Secret") {
    encoded = "{";
    generate_json_field(object, "data", "data", encoded);
    encoded += ",\"kind\":\"Secret\",\"name\":\"\"";
    const KNode *string_data = object.get("stringData");
    if (string_data && string_data->is_map()) {
      encoded += ',';
      generate_json_field(object, "stringData", "stringData", encoded);
    }
    encoded += ',';
    generate_json_field(object, "type", "type", encoded);
    encoded += '}';
  } else {
    generate_json_value(object, encoded);
  }
  return generate_encode(sha256_hex(encoded));
}

bool Builder::generators(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  const KNode *global = k.root.get("generatorOptions");
  if (global && !global->is_map()) {
    global = nullptr;
  }
  for (const std::string_view field : {"configMapGenerator", "secretGenerator"}) {
    const KNode *list = list_field(k, field, ok);
    if (!list) {
      continue;
    }
    for (const KNode &entry : list->items) {
      ok = generate_one(k, resources, entry, field == "secretGenerator", global) && ok;
    }
  }
  return ok;
}

bool Builder::generate_one(const Kustomization &k, std::vector<Resource> &resources, const KNode &entry,
                           bool secret, const KNode *global) {
  const std::string what = secret ? "secret" : "configmap";
  if (!entry.is_map()) {
    fail_at(k, entry,
            "a `" + std::string(secret ? "secretGenerator" : "configMapGenerator") +
                "` entry must be a mapping");
    return false;
  }
  const KNode *name_node = entry.get("name");
  if (!name_node || !name_node->is_scalar() || name_node->value.empty()) {
    fail_at(k, entry, "a " + what + " must have a name");
    return false;
  }
  Origin place = name_node->chain.empty() ? Origin{} : name_node->chain.front();
  place.role = OriginRole::SetHere;
  place.subject = Interned("generated " + what);
  const OriginChain here = {place};
  const auto scalar = [&](std::string value, const KNode *at) {
    OriginChain chain = at && !at->chain.empty() ? OriginChain{at->chain.front()} : here;
    return KNode::make_scalar(std::move(value), std::move(chain));
  };

  // The key/value pairs: envs, then literals, then files (kv.Load's order).
  struct Pair {
    std::string key, value;
    const KNode *at;
  };
  std::vector<Pair> pairs;
  const auto sources = [&](std::string_view key) {
    std::vector<const KNode *> out;
    if (const KNode *list = entry.get(key); list && list->is_seq()) {
      for (const KNode &item : list->items) {
        out.push_back(&item);
      }
    } else if (list && list->is_scalar() && !list->value.empty()) {
      out.push_back(list);
    }
    return out;
  };
  std::vector<const KNode *> envs = sources("envs");
  for (const KNode *env : sources("env")) {
    envs.push_back(env); // the deprecated `env:` is appended to `envs:`
  }
  const auto read_file = [&](const KNode &at, const std::string &relative, std::string &content) {
    const std::string display = generate_join(k.dir, relative);
    const std::string fs_path = generate_join(k.fs_dir, relative);
    if (!may_read(k, display, fs_path, span_of(at), "the file")) {
      return false;
    }
    if (!files_.is_file(fs_path)) {
      fail_at(k, at, "the file " + display + " of " + what + " " + name_node->value + " does not exist");
      return false;
    }
    std::string error;
    std::optional<std::string> bytes = files_.read(fs_path, request_.max_file_size, error);
    if (!bytes) {
      fail_at(k, at, "the file " + display + " cannot be read: " + error);
      return false;
    }
    content = std::move(*bytes);
    return true;
  };
  for (const KNode *env : envs) {
    std::string content;
    if (!env->is_scalar() || !read_file(*env, env->value, content)) {
      return false;
    }
    size_t start = 0;
    for (size_t line_number = 0; start <= content.size(); ++line_number) {
      size_t end = content.find('\n', start);
      if (end == std::string::npos) {
        end = content.size();
      }
      std::string line = content.substr(start, end - start);
      const bool last = end >= content.size();
      start = end + 1;
      if (!line.empty() && line.back() == '\r') {
        line.pop_back(); // bufio.ScanLines drops a CR before the newline
      }
      if (line_number == 0 && line.starts_with("\xEF\xBB\xBF")) {
        line.erase(0, 3);
      }
      const size_t first = line.find_first_not_of(" \t\r\n\v\f");
      line = first == std::string::npos ? "" : line.substr(first);
      if (!line.empty() && line[0] != '#') {
        if (!generate_valid_utf8(line)) {
          fail_at(k, *env,
                  "line " + std::to_string(line_number) + " of " + env->value + " has invalid utf8 bytes");
          return false;
        }
        const size_t equals = line.find('=');
        Pair pair{line.substr(0, equals), equals == std::string::npos ? "" : line.substr(equals + 1), env};
        // kustomize's validator accepts any key (its IsEnvVarName and
        // ErrIfInvalidKey check nothing); a line `=value` has no key and
        // is skipped.
        if (!pair.key.empty()) {
          pairs.push_back(std::move(pair));
        }
      }
      if (last) {
        break;
      }
    }
  }
  for (const KNode *literal : sources("literals")) {
    const std::string &text = literal->value;
    const size_t equals = text.find('=');
    if (!literal->is_scalar() || equals == std::string::npos || equals == 0) {
      fail_at(k, *literal, "invalid literal source " + text + ", expected key=value");
      return false;
    }
    std::string value = text.substr(equals + 1);
    if (value.size() >= 2 && value.front() == value.back() &&
        (value.front() == '"' || value.front() == '\'')) {
      value = value.substr(1, value.size() - 2);
    }
    pairs.push_back({text.substr(0, equals), std::move(value), literal});
  }
  for (const KNode *file : sources("files")) {
    const std::string &source = file->value;
    const auto separators = std::count(source.begin(), source.end(), '=');
    std::string key, path;
    if (separators == 0) {
      path = source;
      key = fs::path(source).filename().string();
      if (key.empty()) {
        key = fs::path(source).parent_path().filename().string();
      }
    } else if (separators == 1 && source.front() != '=' && source.back() != '=') {
      const size_t equals = source.find('=');
      key = source.substr(0, equals);
      path = source.substr(equals + 1);
    } else {
      fail_at(k, *file, "the file source " + source + " needs `key=path` or `path` (one `=` at most)");
      return false;
    }
    std::string content;
    if (!read_file(*file, path, content)) {
      return false;
    }
    pairs.push_back({key, std::move(content), file});
  }

  KNode object = KNode::make_map();
  object.set("apiVersion", scalar("v1", nullptr));
  object.set("kind", scalar(secret ? "Secret" : "ConfigMap", nullptr));
  object.child_map("metadata").set("name", scalar(name_node->value, name_node));
  if (const KNode *ns = entry.get("namespace"); ns && ns->is_scalar() && !ns->value.empty()) {
    object.child_map("metadata").set("namespace", scalar(ns->value, ns));
  }
  std::map<std::string, const Pair *> data;
  for (const Pair &pair : pairs) {
    if (!data.emplace(pair.key, &pair).second) {
      fail_at(k, *pair.at, what + " " + name_node->value + " illegally repeats the key `" + pair.key + "`");
      return false;
    }
  }
  if (secret) {
    object.child_map("data"); // kustomize always writes a Secret's `data`
  }
  for (const auto &[key, pair] : data) {
    const bool text = generate_valid_utf8(pair->value);
    std::string value = secret || !text ? generate_base64(pair->value) : pair->value;
    object.child_map(secret || text ? "data" : "binaryData").set(key, scalar(std::move(value), pair->at));
  }
  if (secret) {
    const KNode *type = entry.get("type");
    object.set("type", type && type->is_scalar() && !type->value.empty() ? scalar(type->value, type)
                                                                         : scalar("Opaque", nullptr));
  }
  const KNode *local = entry.get("options");
  if (local && !local->is_map()) {
    local = nullptr;
  }
  const KNode labels =
      generate_merged_pairs(local ? local->get("labels") : nullptr, global ? global->get("labels") : nullptr);
  const KNode annotations = generate_merged_pairs(local ? local->get("annotations") : nullptr,
                                                  global ? global->get("annotations") : nullptr);
  if (!labels.entries.empty()) {
    object.child_map("metadata").set("labels", labels);
  }
  if (!annotations.entries.empty()) {
    object.child_map("metadata").set("annotations", annotations);
  }
  if (generate_flag(local, "immutable") || generate_flag(global, "immutable")) {
    object.set("immutable", KNode::make_scalar("true", here, true));
  }
  Resource made{std::move(object), {}};
  made.remember_id();
  made.needs_hash =
      !(generate_flag(local, "disableNameSuffixHash") || generate_flag(global, "disableNameSuffixHash"));

  // behavior: create (the default), merge or replace an object of the same
  // kind, name and namespace already accumulated (by any name it has had).
  // Any other value (`add`, `Merge`) is kustomize's BehaviorUnspecified,
  // which creates as `create` does.
  std::string behavior = entry.str("behavior");
  if (behavior != "merge" && behavior != "replace") {
    behavior = "create";
  }
  const std::string kind = made.kind();
  const auto same_ns = [](const std::string &a, const std::string &b) {
    return a == b || ((a.empty() || a == "default") && (b.empty() || b == "default"));
  };
  std::vector<Resource *> matches;
  for (Resource &existing : resources) {
    if (existing.kind() != kind || existing.gvk().group != "") {
      continue;
    }
    if (std::any_of(existing.ids.begin(), existing.ids.end(), [&](const ResourceId &id) {
          return id.name == made.name() && same_ns(id.ns, made.ns());
        })) {
      matches.push_back(&existing);
    }
  }
  if (matches.size() > 1) {
    fail_at(k, *name_node, "found multiple objects that could accept merge of " + describe(made));
    return false;
  }
  if (matches.empty()) {
    if (behavior == "merge" || behavior == "replace") {
      fail_at(k, *entry.get("behavior"),
              "id " + describe(made) + " does not exist; cannot merge or replace (no base makes a " + kind +
                  " named " + made.name() + ")");
      return false;
    }
    return append(resources, {std::move(made)}, k.path, span_of(*name_node));
  }
  Resource &old = *matches.front();
  if (behavior.empty() || behavior == "create") {
    fail_at(
        k, *name_node,
        "the resource " + describe(old) +
            " is added twice (id exists; can not use behavior: 'create', behavior must be merge or replace)");
    return false;
  }
  // CopyMergeMetaDataFieldsFrom: labels and annotations merged (the new
  // ones win), the old object's name and namespace kept.
  const KNode *old_metadata = old.object.get("metadata");
  const auto old_field = [&](std::string_view key) {
    return old_metadata ? old_metadata->get(key) : nullptr;
  };
  generate_set_map(made.object, {"metadata", "labels"},
                   generate_merge_maps(old_field("labels"), made.object.child_map("metadata").get("labels")));
  generate_set_map(
      made.object, {"metadata", "annotations"},
      generate_merge_maps(old_field("annotations"), made.object.child_map("metadata").get("annotations")));
  made.object.child_map("metadata").set("name", *old_field("name"));
  if (const KNode *ns = old_field("namespace"); ns && !ns->is_null()) {
    made.object.child_map("metadata").set("namespace", *ns);
  } else {
    made.object.child_map("metadata").erase("namespace");
  }
  if (behavior == "merge") {
    for (std::string_view field : {"data", "binaryData"}) {
      const KNode *merged_from = old.object.get(field);
      const KNode merged = generate_merge_maps(merged_from, made.object.get(field));
      if (!merged.entries.empty()) {
        made.object.set(field, merged);
      }
    }
  }
  // The hash stays only when both want it; the merged object keeps the old
  // one's earlier ids (kustomize's mergeStringMapsWithBuildAnnotations takes
  // its previous names from the old object), so references to the name a
  // base generated still follow it.
  made.needs_hash = made.needs_hash && old.needs_hash;
  made.ids = old.ids;
  made.remember_id();
  old = std::move(made);
  return true;
}

void Builder::add_hashes(std::vector<Resource> &resources) {
  for (Resource &resource : resources) {
    if (!resource.needs_hash) {
      continue;
    }
    KNode *name = resource.object.child_map("metadata").get("name");
    if (!name || !name->is_scalar()) {
      continue;
    }
    name->value += "-" + kustomize_hash(resource.object);
    resource.needs_hash = false;
    resource.remember_id();
  }
}

} // namespace wincompat::kustomize
