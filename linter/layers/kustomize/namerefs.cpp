// Name references, fixed as kustomize's top-level build fixes them once every
// name has changed (prefixes, suffixes, hashes): a field that names an object
// by a name it had (a volume's ConfigMap, a RoleBinding's subjects, a
// webhook's service, ...) gets its current name, and for a reference with a
// `namespace` field, its namespace. Which fields refer to which kinds is
// kustomize's nameReference table (fieldspecs.hpp).
#include "builder.hpp"
#include "fieldspecs.hpp"

#include <algorithm>
#include <set>

namespace wincompat::kustomize {

namespace {

bool nameref_same_ns(const std::string &a, const std::string &b) {
  return a == b || ((a.empty() || a == "default") && (b.empty() || b == "default"));
}

/// The names an object had before its current one (kustomize's PrevIds).
bool nameref_had_name(const Resource &resource, const std::string &name) {
  for (size_t i = 0; i + 1 < resource.ids.size(); ++i) {
    if (resource.ids[i].name == name) {
      return true;
    }
  }
  return false;
}

struct NameRefContext {
  const Resource &referrer;
  const NameBackReference &target;
  const FieldSpec &spec;
  const std::vector<Resource *> &candidates; // the objects the referrer may name
};

/// kustomize's selectReferral: the one object the name means, or null.
const Resource *nameref_select(const NameRefContext &c, const std::string &old_name,
                               const std::vector<Resource *> &candidates, bool with_namespace) {
  const Gvk referrer_gvk = c.referrer.gvk();
  const bool role_ref = c.spec.path.ends_with("roleRef/name");
  const std::string role_group = c.referrer.object.str_at({"roleRef", "apiGroup"});
  const std::string role_kind = c.referrer.object.str_at({"roleRef", "kind"});
  std::vector<const Resource *> found;
  for (const Resource *candidate : candidates) {
    const Gvk gvk = candidate->gvk();
    if (!nameref_had_name(*candidate, old_name) || gvk.kind != c.target.kind ||
        (!c.target.group.empty() && gvk.group != c.target.group) ||
        (!c.target.version.empty() && gvk.version != c.target.version)) {
      continue;
    }
    if (role_ref && !role_kind.empty() && (gvk.kind != role_kind || gvk.group != role_group)) {
      continue;
    }
    if (!is_cluster_scoped(referrer_gvk) && !is_cluster_scoped(gvk) && gvk.kind != "ServiceAccount" &&
        !nameref_same_ns(c.referrer.ns(), candidate->ns())) {
      continue;
    }
    found.push_back(candidate);
  }
  if (found.empty()) {
    return nullptr;
  }
  if (found.size() > 1) {
    // kustomize then prefers the objects whose prefixes and suffixes match
    // the referrer's; objects that all have the same name are one answer.
    for (const Resource *other : found) {
      if (other->name() != found.front()->name() || (with_namespace && other->ns() != found.front()->ns())) {
        return nullptr;
      }
    }
  }
  return found.front();
}

void nameref_set_scalar(const NameRefContext &c, KNode &node) {
  if (!node.is_scalar()) {
    return;
  }
  const Resource *referral = nameref_select(c, node.value, c.candidates, false);
  if (referral && referral->name() != node.value) {
    node.value = referral->name();
    node.parts.clear();
  }
}

void nameref_set_mapping(const NameRefContext &c, KNode &node) {
  KNode *name = node.get("name");
  if (!name || !name->is_scalar()) {
    return;
  }
  std::vector<Resource *> candidates = c.candidates;
  if (const KNode *ns = node.get("namespace"); ns && ns->is_scalar()) {
    // By the namespace the objects were written with, else their current one.
    std::vector<Resource *> original;
    std::vector<Resource *> current;
    // kustomize compares effective namespaces: none is "default".
    const auto effective = [](const std::string &value) {
      return value.empty() ? std::string("default") : value;
    };
    for (Resource *candidate : c.candidates) {
      if (!candidate->ids.empty() && effective(candidate->ids.front().ns) == effective(ns->value)) {
        original.push_back(candidate);
      }
      if (effective(candidate->ns()) == effective(ns->value)) {
        current.push_back(candidate);
      }
    }
    candidates = !original.empty() ? original : current;
  }
  const Resource *referral = nameref_select(c, name->value, candidates, true);
  if (!referral || (referral->name() == name->value && referral->ns().empty())) {
    return;
  }
  if (referral->name() != name->value) {
    name->value = referral->name();
    name->parts.clear();
  }
  if (referral->ns().empty()) {
    return;
  }
  const OriginChain chain = name->chain;
  if (KNode *ns = node.get("namespace"); ns && ns->is_scalar()) {
    ns->value = referral->ns();
  } else {
    node.set("namespace", KNode::make_scalar(referral->ns(), chain));
  }
}

void nameref_set(const NameRefContext &c, KNode &node) {
  if (node.is_scalar()) {
    nameref_set_scalar(c, node);
  } else if (node.is_map()) {
    nameref_set_mapping(c, node);
  } else if (node.is_seq()) {
    for (KNode &item : node.items) {
      if (item.is_scalar()) {
        nameref_set_scalar(c, item);
      } else if (item.is_map()) {
        nameref_set_mapping(c, item);
      }
    }
  }
}

} // namespace

void Builder::fix_name_references(std::vector<Resource> &resources) {
  for (Resource &referrer : resources) {
    const Gvk gvk = referrer.gvk();
    // The objects it may refer to (kustomize's
    // SubsetThatCouldBeReferencedByResource).
    std::vector<Resource *> candidates;
    std::set<std::string> binding_namespaces;
    if (gvk.kind == "RoleBinding") {
      if (const KNode *subjects = referrer.object.get("subjects"); subjects && subjects->is_seq()) {
        for (const KNode &subject : subjects->items) {
          if (subject.is_map() && subject.str("kind") == "ServiceAccount" && subject.get("namespace")) {
            binding_namespaces.insert(subject.str("namespace"));
          }
        }
      }
    }
    for (Resource &other : resources) {
      if (is_cluster_scoped(gvk) || is_cluster_scoped(other.gvk()) ||
          nameref_same_ns(referrer.ns(), other.ns()) || binding_namespaces.count(other.ns()) > 0) {
        candidates.push_back(&other);
      }
    }
    std::vector<const NameBackReference *> targets;
    for (const NameBackReference &target : default_name_references()) {
      targets.push_back(&target);
    }
    for (const NameBackReference &target : custom_name_refs_) {
      targets.push_back(&target);
    }
    for (const NameBackReference *target_of : targets) {
      const NameBackReference &target = *target_of;
      for (const FieldSpec &spec : target.referrers) {
        if (!spec.selects(gvk.group, gvk.version, gvk.kind)) {
          continue;
        }
        const NameRefContext context{referrer, target, spec, candidates};
        walk_field_spec(referrer.object, spec.fields(), [&](KNode &node) { nameref_set(context, node); });
      }
    }
  }
}

} // namespace wincompat::kustomize
