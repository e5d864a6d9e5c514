// Reads kustomize's default field spec tables (fieldspecs_data.cpp) once.
#include "fieldspecs.hpp"
#include "data_json.hpp"

#include <map>
#include <mutex>

namespace wincompat::kustomize {

namespace {

FieldSpec field_spec_from(const DataJson &node) {
  FieldSpec spec;
  spec.group = data_string(node, "group");
  spec.version = data_string(node, "version");
  spec.kind = data_string(node, "kind");
  spec.path = data_string(node, "path");
  spec.create = data_flag(node, "create");
  return spec;
}

struct FieldSpecData {
  std::map<std::string, std::vector<FieldSpec>, std::less<>> sections;
  std::vector<NameBackReference> name_references;
};

const FieldSpecData &field_spec_data() {
  static const FieldSpecData data = [] {
    FieldSpecData out;
    for (const FieldSpecTable &table : default_field_spec_tables()) {
      const DataJson root = yaml_text_to_json(table.yaml);
      if (!root.is_object()) {
        continue;
      }
      for (const auto &[section, list] : root.items()) {
        if (!list.is_array()) {
          continue;
        }
        for (const DataJson &item : list) {
          if (section == "nameReference") {
            NameBackReference reference;
            reference.group = data_string(item, "group");
            reference.version = data_string(item, "version");
            reference.kind = data_string(item, "kind");
            if (const auto it = item.find("fieldSpecs"); it != item.end() && it->is_array()) {
              for (const DataJson &spec : *it) {
                reference.referrers.push_back(field_spec_from(spec));
              }
            }
            out.name_references.push_back(std::move(reference));
          } else {
            out.sections[section].push_back(field_spec_from(item));
          }
        }
      }
    }
    return out;
  }();
  return data;
}

/// What a walk makes where a field is missing (`create: true`).
enum class WalkCreate { Nothing, LastScalar, LastMap };

void walk_from(KNode &node, const std::vector<std::string> &fields, size_t at,
               const std::function<void(KNode &)> &visit, size_t depth,
               WalkCreate create = WalkCreate::Nothing) {
  if (depth > 64) {
    return;
  }
  if (at == fields.size()) {
    visit(node);
    return;
  }
  if (node.is_seq()) {
    for (KNode &item : node.items) {
      walk_from(item, fields, at, visit, depth + 1, create);
    }
    return;
  }
  if (!node.is_map()) {
    return;
  }
  std::string_view field = fields[at];
  const bool seq = field.ends_with("[]");
  if (seq) {
    field.remove_suffix(2);
  }
  KNode *next = node.get(field);
  // kustomize's fieldspec filter makes maps on the way (not `x[]` fields)
  // and the last field; a null on the way becomes a map.
  const bool make = create != WalkCreate::Nothing && !seq;
  const bool map_here = at + 1 < fields.size() || create == WalkCreate::LastMap;
  if (!next && make) {
    next = &node.set(field, map_here ? KNode::make_map() : KNode::make_scalar(""));
  } else if (next && next->is_null() && make && map_here) {
    *next = KNode::make_map();
  }
  if (next && !next->is_null()) {
    walk_from(*next, fields, at + 1, visit, depth + 1, create);
  }
}

} // namespace

void walk_field_spec(KNode &node, const std::vector<std::string> &fields,
                     const std::function<void(KNode &)> &visit) {
  walk_from(node, fields, 0, visit, 0);
}

void apply_field_specs(KNode &object, const std::vector<FieldSpec> &specs, std::string_view group,
                       std::string_view version, std::string_view kind,
                       const std::function<void(KNode &)> &visit) {
  for (const FieldSpec &spec : specs) {
    if (spec.selects(group, version, kind)) {
      walk_from(object, spec.fields(), 0, visit, 0, spec.create ? WalkCreate::LastMap : WalkCreate::Nothing);
    }
  }
}

void walk_field_spec_creating(KNode &node, const std::vector<std::string> &fields, bool last_map,
                              const std::function<void(KNode &)> &visit) {
  walk_from(node, fields, 0, visit, 0, last_map ? WalkCreate::LastMap : WalkCreate::LastScalar);
}

FieldSpec field_spec_of(const KNode &node) {
  FieldSpec spec;
  spec.group = node.str("group");
  spec.version = node.str("version");
  spec.kind = node.str("kind");
  spec.path = node.str("path");
  spec.create = node.str("create") == "true";
  return spec;
}

std::vector<std::string> FieldSpec::fields() const {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '\\' && i + 1 < path.size() && path[i + 1] == '/') {
      out.back() += '/';
      ++i;
    } else if (path[i] == '/') {
      out.emplace_back();
    } else {
      out.back() += path[i];
    }
  }
  return out;
}

bool FieldSpec::selects(std::string_view object_group, std::string_view object_version,
                        std::string_view object_kind) const {
  return (kind.empty() || kind == object_kind) && (group.empty() || group == object_group) &&
         (version.empty() || version == object_version);
}

const std::vector<FieldSpec> &default_field_specs(std::string_view section) {
  static const std::vector<FieldSpec> kNone;
  const auto &sections = field_spec_data().sections;
  const auto it = sections.find(section);
  return it == sections.end() ? kNone : it->second;
}

const std::vector<NameBackReference> &default_name_references() {
  return field_spec_data().name_references;
}

} // namespace wincompat::kustomize
