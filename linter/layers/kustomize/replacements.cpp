// `replacements`: copy a value from one resource's field into fields of
// others (kustomize's field paths: `spec.template.spec.containers.[name=web].image`).
#include "builder.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat::kustomize {

namespace {

/// Splits a field path at dots outside brackets; empty parts are dropped and
/// parts trimmed, as kyaml cleans a path (so `.spec.x` is `spec.x`).
std::vector<std::string> field_path(std::string_view text) {
  std::vector<std::string> parts;
  for (const std::string &part : split_outside(text, '.', '[', ']')) {
    const std::string_view trimmed = trim(part);
    if (!trimmed.empty()) {
      parts.emplace_back(trimmed);
    }
  }
  return parts;
}

/// The nodes a field path names below `node` (several with `*`). With
/// `create`, missing map keys are made on the way.
void find_fields(KNode &node, const std::vector<std::string> &path, size_t at, bool create,
                 std::vector<KNode *> &out) {
  if (at == path.size()) {
    out.push_back(&node);
    return;
  }
  const std::string &segment = path[at];
  if (segment == "*") {
    if (node.is_seq()) {
      for (KNode &item : node.items) {
        find_fields(item, path, at + 1, create, out);
      }
    } else if (node.is_map()) {
      for (KEntry &entry : node.entries) {
        find_fields(entry.value, path, at + 1, create, out);
      }
    }
    return;
  }
  if (segment.size() > 2 && segment.front() == '[' && segment.back() == ']') {
    const std::string inner = segment.substr(1, segment.size() - 2);
    const size_t eq = inner.find('=');
    if (eq != std::string::npos) {
      if (!node.is_seq()) {
        return;
      }
      const std::string key = inner.substr(0, eq);
      const std::string value = inner.substr(eq + 1);
      for (KNode &item : node.items) {
        if (item.is_map() && item.str(key) == value) {
          find_fields(item, path, at + 1, create, out);
        }
      }
      return;
    }
    if (KNode *child = node.is_map() ? node.get(inner) : nullptr) {
      find_fields(*child, path, at + 1, create, out);
    } else if (create && (node.is_map() || node.is_null())) {
      find_fields(node.set(inner, KNode()), path, at + 1, create, out);
    }
    return;
  }
  if (node.is_seq() && all_digits(segment)) {
    size_t index = 0;
    std::from_chars(segment.data(), segment.data() + segment.size(), index);
    if (index < node.items.size()) {
      find_fields(node.items[index], path, at + 1, create, out);
    }
    return;
  }
  if (KNode *child = node.is_map() ? node.get(segment) : nullptr) {
    find_fields(*child, path, at + 1, create, out);
  } else if (create && (node.is_map() || node.is_null())) {
    find_fields(node.set(segment, KNode()), path, at + 1, create, out);
  }
}

std::string part_of(const std::string &value, const KNode *options) {
  if (!options) {
    return value;
  }
  const std::string delimiter = options->str("delimiter");
  if (delimiter.empty()) {
    return value;
  }
  const int index = std::atoi(options->str("index").c_str());
  const std::vector<std::string> parts = split(value, delimiter);
  return index >= 0 && static_cast<size_t>(index) < parts.size() ? parts[static_cast<size_t>(index)] : value;
}

std::string with_part(const std::string &target, const std::string &value, const KNode *options) {
  const std::string delimiter = options ? options->str("delimiter") : "";
  if (delimiter.empty()) {
    return value;
  }
  const int index = std::atoi(options->str("index").c_str());
  std::vector<std::string> parts = split(target, delimiter);
  if (index < 0) {
    parts.insert(parts.begin(), value);
  } else if (static_cast<size_t>(index) >= parts.size()) {
    parts.push_back(value);
  } else {
    parts[static_cast<size_t>(index)] = value;
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i ? delimiter : "") + parts[i];
  }
  return out;
}

} // namespace

const KNode *Builder::replacement_source(const Kustomization &k, std::vector<Resource> &resources,
                                         const KNode &source, bool &skipped) {
  const SelectorMatcher matcher(Selector::from(source));
  std::vector<Resource *> matched;
  for (Resource &resource : resources) {
    if (matcher.matches(resource)) {
      matched.push_back(&resource);
    }
  }
  if (matched.empty() && skip_for_unfetched_remote(k.path, span_of(source), "the replacement's source")) {
    skipped = true;
    return nullptr;
  }
  if (matched.size() != 1) {
    fail_at(k, source,
            std::string(matched.empty() ? "no resource matches" : "more than one resource matches") +
                " the replacement's source");
    return nullptr;
  }
  const std::string path = source.get("fieldPath") ? source.str("fieldPath") : "metadata.name";
  std::vector<KNode *> fields;
  find_fields(matched.front()->object, field_path(path), 0, false, fields);
  if (fields.size() != 1) {
    fail_at(k, source.get("fieldPath") ? *source.get("fieldPath") : source,
            "the replacement's source " + describe(*matched.front()) + " has no field " + path);
    return nullptr;
  }
  return fields.front();
}

bool Builder::replacement_step(const Kustomization &k, const KNode &entry, uint64_t steps) {
  replacement_steps_ += steps;
  if (replacement_steps_ <= kMaxReplacementSteps) {
    return true;
  }
  if (!over_replacements_) {
    over_replacements_ = true;
    fail_at(
        k, entry,
        "the replacements take more than " + std::to_string(kMaxReplacementSteps) +
            " steps (a limit of wincompat: one per object a source or target is checked against, one per "
            "field path looked up and one per value copied); this replacement and the ones after it are not "
            "applied, and the build is not linted");
  }
  failed_ = true;
  return false;
}

bool Builder::replacement(const Kustomization &k, std::vector<Resource> &resources, const KNode &entry) {
  const KNode *source_node = entry.get("source");
  const KNode *targets = entry.get("targets");
  if (!source_node || !source_node->is_map() || !targets || !targets->is_seq()) {
    fail_at(k, entry, "a replacement needs `source:` and `targets:`");
    return false;
  }
  if (!replacement_step(k, entry, resources.size())) { // finding the source
    return false;
  }
  bool skipped = false;
  const KNode *found = replacement_source(k, resources, *source_node, skipped);
  if (!found) {
    return skipped; // skipped: a notice, and the build goes on
  }
  KNode source = *found; // a copy: a target may be the source itself
  if (source.is_scalar()) {
    source.value = part_of(source.value, source_node->get("options"));
  }
  const size_t source_values = count_values(source);
  bool ok = true;
  for (const KNode &target : targets->items) {
    const KNode *select = target.get("select");
    const KNode *paths = target.get("fieldPaths");
    if (!select || !select->is_map() || !paths || !paths->is_seq()) {
      fail_at(k, target, "a replacement target needs `select:` and `fieldPaths:`");
      ok = false;
      continue;
    }
    const SelectorMatcher matcher(Selector::from(*select));
    std::vector<SelectorMatcher> rejects;
    if (const KNode *reject = target.get("reject"); reject && reject->is_seq()) {
      for (const KNode &item : reject->items) {
        rejects.emplace_back(Selector::from(item));
      }
    }
    const KNode *options = target.get("options");
    const bool create = options && options->str("create") == "true";
    for (Resource &resource : resources) {
      if (!replacement_step(k, entry, 1)) {
        return false;
      }
      if (!matcher.matches(resource) ||
          std::any_of(rejects.begin(), rejects.end(),
                      [&](const SelectorMatcher &r) { return r.matches(resource); })) {
        continue;
      }
      for (const KNode &path_node : paths->items) {
        if (!replacement_step(k, entry, 1)) {
          return false;
        }
        std::vector<KNode *> fields;
        find_fields(resource.object, field_path(path_node.value), 0, create, fields);
        if (fields.empty()) {
          fail_at(k, path_node,
                  "the replacement target " + describe(resource) + " has no field " + path_node.value);
          ok = false;
          continue;
        }
        for (KNode *field : fields) {
          if (!replacement_step(k, entry, source_values)) {
            return false;
          }
          KNode value = source;
          if (value.is_scalar() && field->is_scalar()) {
            value.value = with_part(field->value, value.value, options);
          }
          if (value.is_scalar() && !path_node.chain.empty()) {
            Origin copied = path_node.chain.front();
            copied.role = OriginRole::CopiedByReplacement;
            value.chain.push_back(std::move(copied));
          }
          replace_value(*field, std::move(value));
        }
      }
    }
  }
  return ok;
}

bool Builder::replacements(const Kustomization &k, std::vector<Resource> &resources) {
  const KNode *list = k.root.get("replacements");
  if (!list || list->is_null()) {
    return true;
  }
  if (!list->is_seq()) {
    fail_at(k, *list, "invalid kustomization: `replacements` must be a list");
    return false;
  }
  bool ok = true;
  for (const KNode &entry : list->items) {
    if (const KNode *path = entry.get("path"); path && path->is_scalar()) {
      std::vector<KNode> documents;
      if (!patch_documents(k, entry, path, nullptr, documents)) {
        ok = false;
        continue;
      }
      for (const KNode &document : documents) {
        if (document.is_seq()) {
          for (const KNode &item : document.items) {
            ok = replacement(k, resources, item) && ok;
          }
        } else {
          ok = replacement(k, resources, document) && ok;
        }
      }
      continue;
    }
    ok = replacement(k, resources, entry) && ok;
  }
  return ok;
}

} // namespace wincompat::kustomize
