// The deprecated `vars`: each names a field of an object; once the build's
// names are final, `$(NAME)` in kustomize's varReference fields (container
// commands, args, env values, ...) is replaced by that field's value.
#include "builder.hpp"
#include "fieldspecs.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace wincompat::kustomize {

namespace {

/// `$(NAME)` replaced by its value, `$$` kept as one `$` (Kubernetes'
/// expansion, which kustomize uses); an unknown name stays as written.
std::string vars_expand(const std::string &text, const std::map<std::string, std::string> &values) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    if (text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (text[i + 1] == '(') {
      const size_t close = text.find(')', i + 2);
      if (close != std::string::npos) {
        const std::string name = text.substr(i + 2, close - i - 2);
        if (const auto it = values.find(name); it != values.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

void vars_replace(KNode &node, const std::map<std::string, std::string> &values) {
  if (node.is_scalar()) {
    if (node.value.find("$(") != std::string::npos || node.value.find("$$") != std::string::npos) {
      std::string expanded = vars_expand(node.value, values);
      if (expanded != node.value) {
        node.value = std::move(expanded);
        node.parts.clear();
        node.typed = false;
      }
    }
  } else if (node.is_seq()) {
    for (KNode &item : node.items) {
      if (item.is_scalar()) {
        vars_replace(item, values);
      }
    }
  } else if (node.is_map()) {
    for (KEntry &entry : node.entries) {
      if (entry.value.is_scalar()) {
        vars_replace(entry.value, values);
      }
    }
  }
}

/// The value at a var's `fieldpath` ("metadata.name", "spec.ports[0].port").
const KNode *vars_field(const KNode &object, const std::string &path) {
  const KNode *at = &object;
  size_t start = 0;
  while (at && start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    start = dot == std::string::npos ? path.size() + 1 : dot + 1;
    std::vector<size_t> indexes;
    while (part.ends_with("]") && part.find('[') != std::string::npos) {
      const size_t open = part.rfind('[');
      const std::string digits = part.substr(open + 1, part.size() - open - 2);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
          digits.size() > 6) {
        return nullptr;
      }
      indexes.insert(indexes.begin(), std::stoul(digits));
      part.resize(open);
    }
    at = at->is_map() ? at->get(part) : nullptr;
    for (size_t index : indexes) {
      at = at && at->is_seq() && index < at->items.size() ? &at->items[index] : nullptr;
    }
  }
  return at;
}

} // namespace

bool Builder::declare_vars(const Kustomization &k, std::vector<Resource> &resources) {
  bool ok = true;
  const KNode *list = list_field(k, "vars", ok);
  if (!list) {
    return ok;
  }
  for (const KNode &entry : list->items) {
    const std::string name = entry.str("name");
    const KNode *objref = entry.get("objref");
    if (name.empty() || !objref || !objref->is_map()) {
      fail_at(k, entry, "a var needs `name:` and `objref:`");
      ok = false;
      continue;
    }
    std::string fieldpath = entry.str_at({"fieldref", "fieldpath"});
    if (fieldpath.empty()) {
      fieldpath = "metadata.name";
    }
    if (std::any_of(vars_.begin(), vars_.end(), [&](const Var &var) { return var.name == name; })) {
      fail_at(k, *entry.get("name"), "var '" + name + "' already encountered");
      ok = false;
      continue;
    }
    const std::string kind = objref->str("kind");
    const std::string ref_name = objref->str("name");
    const std::string ref_ns = objref->str("namespace");
    const Gvk ref_gvk = parse_api_version(objref->str("apiVersion"), kind);
    Resource *found = nullptr;
    for (Resource &resource : resources) {
      const Gvk gvk = resource.gvk();
      if (gvk.kind != kind || (!ref_gvk.group.empty() && gvk.group != ref_gvk.group) ||
          (!ref_gvk.version.empty() && gvk.version != ref_gvk.version)) {
        continue;
      }
      if (std::any_of(resource.ids.begin(), resource.ids.end(), [&](const ResourceId &id) {
            return id.name == ref_name && (ref_ns.empty() || id.ns == ref_ns);
          })) {
        found = &resource;
        break;
      }
    }
    if (!found) {
      fail_at(k, *objref, "var '" + name + "' cannot be mapped to a field in the set of known resources");
      ok = false;
      continue;
    }
    found->var_names.push_back(name);
    vars_.push_back({name, fieldpath, k.path, span_of(entry)});
  }
  return ok;
}

void Builder::resolve_vars(std::vector<Resource> &resources) {
  if (vars_.empty()) {
    return;
  }
  std::map<std::string, std::string> values;
  for (const Var &var : vars_) {
    for (const Resource &resource : resources) {
      if (std::find(resource.var_names.begin(), resource.var_names.end(), var.name) ==
          resource.var_names.end()) {
        continue;
      }
      const KNode *value = vars_field(resource.object, var.fieldpath);
      if (value && value->is_scalar()) {
        values[var.name] = value->value;
      } else {
        fail(var.path, var.at,
             "field specified in var '" + var.name + "' not found in corresponding resource");
      }
      break;
    }
  }
  for (Resource &resource : resources) {
    const Gvk gvk = resource.gvk();
    // kustomize's defaults, then the `varReference` sections of the
    // build's `configurations:` (a field listed twice is expanded once).
    std::set<const KNode *> expanded;
    for (const std::vector<FieldSpec> *specs : std::initializer_list<const std::vector<FieldSpec> *>{
             &default_field_specs("varReference"), &custom_field_specs("varReference")}) {
      for (const FieldSpec &spec : *specs) {
        if (spec.selects(gvk.group, gvk.version, gvk.kind)) {
          walk_field_spec(resource.object, spec.fields(), [&](KNode &node) {
            if (expanded.insert(&node).second) {
              vars_replace(node, values);
            }
          });
        }
      }
    }
  }
}

} // namespace wincompat::kustomize
