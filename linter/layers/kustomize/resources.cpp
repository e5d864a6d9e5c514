#include "resources.hpp"

#include "regex.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <set>

namespace wincompat::kustomize {

Gvk parse_api_version(const std::string &api_version, const std::string &kind) {
  Gvk gvk;
  gvk.kind = kind;
  const size_t slash = api_version.find('/');
  if (slash == std::string::npos) {
    gvk.version = api_version;
  } else {
    gvk.group = api_version.substr(0, slash);
    gvk.version = api_version.substr(slash + 1);
  }
  return gvk;
}

Gvk Resource::gvk() const {
  return parse_api_version(object.str("apiVersion"), kind());
}

void Resource::remember_id() {
  ResourceId id{name(), ns()};
  if (ids.empty() || !(ids.back() == id)) {
    ids.push_back(std::move(id));
  }
}

bool is_cluster_scoped(const Gvk &gvk) {
  // kustomize v5.5.0's precomputedIsNamespaceScoped (kyaml/openapi/openapi.go,
  // from the Kubernetes v1.21.2 OpenAPI it bundles): an object is cluster
  // scoped only when its apiVersion and kind are listed there, so a
  // FlowSchema of flowcontrol.apiserver.k8s.io/v1 (newer than that schema)
  // gets a namespace as any unknown kind does.
  static const std::set<std::string, std::less<>> kinds{
      "admissionregistration.k8s.io/v1\nMutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1\nValidatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1\nMutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1\nValidatingWebhookConfiguration",
      "apiextensions.k8s.io/v1\nCustomResourceDefinition",
      "apiextensions.k8s.io/v1beta1\nCustomResourceDefinition",
      "apiregistration.k8s.io/v1\nAPIService",
      "apiregistration.k8s.io/v1beta1\nAPIService",
      "certificates.k8s.io/v1\nCertificateSigningRequest",
      "certificates.k8s.io/v1beta1\nCertificateSigningRequest",
      "flowcontrol.apiserver.k8s.io/v1beta1\nFlowSchema",
      "flowcontrol.apiserver.k8s.io/v1beta1\nPriorityLevelConfiguration",
      "networking.k8s.io/v1\nIngressClass",
      "networking.k8s.io/v1beta1\nIngressClass",
      "node.k8s.io/v1\nRuntimeClass",
      "node.k8s.io/v1beta1\nRuntimeClass",
      "policy/v1beta1\nPodSecurityPolicy",
      "rbac.authorization.k8s.io/v1\nClusterRole",
      "rbac.authorization.k8s.io/v1\nClusterRoleBinding",
      "rbac.authorization.k8s.io/v1beta1\nClusterRole",
      "rbac.authorization.k8s.io/v1beta1\nClusterRoleBinding",
      "scheduling.k8s.io/v1\nPriorityClass",
      "scheduling.k8s.io/v1beta1\nPriorityClass",
      "storage.k8s.io/v1\nCSIDriver",
      "storage.k8s.io/v1\nCSINode",
      "storage.k8s.io/v1\nStorageClass",
      "storage.k8s.io/v1\nVolumeAttachment",
      "storage.k8s.io/v1beta1\nCSIDriver",
      "storage.k8s.io/v1beta1\nCSINode",
      "storage.k8s.io/v1beta1\nStorageClass",
      "storage.k8s.io/v1beta1\nVolumeAttachment",
      "v1\nComponentStatus",
      "v1\nNamespace",
      "v1\nNode",
      "v1\nNodeProxyOptions",
      "v1\nPersistentVolume",
  };
  const std::string api_version = gvk.group.empty() ? gvk.version : gvk.group + '/' + gvk.version;
  return kinds.count(api_version + '\n' + gvk.kind) != 0;
}

std::string describe(const Resource &resource) {
  const Gvk gvk = resource.gvk();
  std::string out = gvk.kind + "." + gvk.version;
  if (!gvk.group.empty()) {
    out += "." + gvk.group;
  }
  const std::string ns = resource.ns();
  return out + "/" + resource.name() + "." + (ns.empty() ? "[noNs]" : ns);
}

// ---------------------------------------------------------------------------
// Selectors.

Selector Selector::from(const KNode &node) {
  Selector s;
  s.group = node.str("group");
  s.version = node.str("version");
  s.kind = node.str("kind");
  s.name = node.str("name");
  s.ns = node.str("namespace");
  s.label_selector = node.str("labelSelector");
  s.annotation_selector = node.str("annotationSelector");
  return s;
}

bool Selector::empty() const {
  return group.empty() && version.empty() && kind.empty() && name.empty() && ns.empty() &&
         label_selector.empty() && annotation_selector.empty();
}

namespace {

bool regex_matches(const std::string &pattern, const std::string &value) {
  if (pattern.empty()) {
    return true;
  }
  if (pattern.find_first_of(".*+?[](){}|^$\\") == std::string::npos) {
    return pattern == value; // the usual case, without building a regex
  }
  return regex::full_match(pattern, value); // Go's syntax, linear time
}

/// One requirement of a Kubernetes label selector string.
struct Requirement {
  std::string key;
  std::string op; // = != in notin exists !exists
  std::vector<std::string> values;
};

/// Parses "a=b,c!=d,e in (x,y),!f,g"; false when malformed.
bool parse_label_selector(std::string_view text, std::vector<Requirement> &out) {
  const std::vector<std::string> parts = split_outside(text, ',', '(', ')');
  for (const std::string &raw : parts) {
    std::string part(trim(raw));
    if (part.empty()) {
      return false;
    }
    Requirement r;
    if (part.front() == '!') {
      r.key = std::string(trim(part.substr(1)));
      r.op = "!exists";
    } else if (auto at = part.find("!="); at != std::string::npos) {
      r.key = std::string(trim(part.substr(0, at)));
      r.op = "!=";
      r.values.emplace_back(trim(part.substr(at + 2)));
    } else if (auto eq = part.find('='); eq != std::string::npos) {
      r.key = std::string(trim(part.substr(0, eq)));
      r.op = "=";
      const size_t value_at = part.size() > eq + 1 && part[eq + 1] == '=' ? eq + 2 : eq + 1;
      r.values.emplace_back(trim(part.substr(value_at)));
    } else if (auto open = part.find('('); open != std::string::npos) {
      const size_t close = part.rfind(')');
      std::string head(trim(part.substr(0, open)));
      const size_t space = head.find_last_of(" \t");
      if (close == std::string::npos || space == std::string::npos) {
        return false;
      }
      r.key = std::string(trim(head.substr(0, space)));
      r.op = std::string(trim(head.substr(space + 1)));
      if (r.op != "in" && r.op != "notin") {
        return false;
      }
      for (const std::string &value : split(part.substr(open + 1, close - open - 1), ',')) {
        r.values.emplace_back(trim(value));
      }
    } else {
      r.key = part;
      r.op = "exists";
    }
    out.push_back(std::move(r));
  }
  return true;
}

bool selector_matches(const std::vector<Requirement> &requirements, const KNode *labels) {
  for (const Requirement &r : requirements) {
    const KNode *value = labels ? labels->get(r.key) : nullptr;
    const bool has = value != nullptr;
    const std::string text = value && value->is_scalar() ? value->value : std::string();
    const bool listed = std::find(r.values.begin(), r.values.end(), text) != r.values.end();
    bool ok = true;
    if (r.op == "exists") {
      ok = has;
    } else if (r.op == "!exists") {
      ok = !has;
    } else if (r.op == "=" || r.op == "in") {
      ok = has && listed;
    } else { // != and notin also match objects without the label
      ok = !has || !listed;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string effective_namespace(const std::string &ns, const Gvk &gvk) {
  return ns.empty() && !is_cluster_scoped(gvk) ? "default" : ns;
}

} // namespace

SelectorMatcher::SelectorMatcher(const Selector &selector) : selector_(selector) {
  std::vector<Requirement> ignored;
  if (!selector.label_selector.empty() && !parse_label_selector(selector.label_selector, ignored)) {
    error_ = "the labelSelector \"" + selector.label_selector + "\" cannot be parsed";
  }
  if (!selector.annotation_selector.empty() && !parse_label_selector(selector.annotation_selector, ignored)) {
    error_ = "the annotationSelector \"" + selector.annotation_selector + "\" cannot be parsed";
  }
  // kustomize compiles each as `^(?:PATTERN)$` and fails the build on a bad one, in Go's words.
  for (const std::string *pattern :
       {&selector.group, &selector.version, &selector.kind, &selector.ns, &selector.name}) {
    if (error_.empty() && !pattern->empty()) {
      try {
        regex::Regex("^(?:" + *pattern + ")$");
      } catch (const regex::SyntaxError &e) {
        error_ = e.what();
      }
    }
  }
}

bool SelectorMatcher::matches(const Resource &resource) const {
  const std::string kind = resource.kind();
  const Gvk gvk = resource.gvk();
  if (!regex_matches(selector_.group, gvk.group) || !regex_matches(selector_.version, gvk.version) ||
      !regex_matches(selector_.kind, kind)) {
    return false;
  }
  if (!resource.ids.empty()) {
    const ResourceId &original = resource.ids.front();
    const ResourceId current{resource.name(), resource.ns()};
    if (!selector_.ns.empty() && !regex_matches(selector_.ns, effective_namespace(original.ns, gvk)) &&
        !regex_matches(selector_.ns, effective_namespace(current.ns, gvk))) {
      return false;
    }
    if (!selector_.name.empty() && !regex_matches(selector_.name, original.name) &&
        !regex_matches(selector_.name, current.name)) {
      return false;
    }
  }
  const KNode *metadata = resource.object.get("metadata");
  if (!selector_.label_selector.empty()) {
    std::vector<Requirement> requirements;
    parse_label_selector(selector_.label_selector, requirements);
    if (!selector_matches(requirements, metadata ? metadata->get("labels") : nullptr)) {
      return false;
    }
  }
  if (!selector_.annotation_selector.empty()) {
    std::vector<Requirement> requirements;
    parse_label_selector(selector_.annotation_selector, requirements);
    if (!selector_matches(requirements, metadata ? metadata->get("annotations") : nullptr)) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Output order.

namespace {

int kind_rank(const std::string &kind) {
  static const std::vector<std::string> first{"Namespace",
                                              "ResourceQuota",
                                              "StorageClass",
                                              "CustomResourceDefinition",
                                              "ServiceAccount",
                                              "PodSecurityPolicy",
                                              "Role",
                                              "ClusterRole",
                                              "RoleBinding",
                                              "ClusterRoleBinding",
                                              "ConfigMap",
                                              "Secret",
                                              "Endpoints",
                                              "Service",
                                              "LimitRange",
                                              "PriorityClass",
                                              "PersistentVolume",
                                              "PersistentVolumeClaim",
                                              "Deployment",
                                              "StatefulSet",
                                              "CronJob",
                                              "PodDisruptionBudget"};
  static const std::vector<std::string> last{"MutatingWebhookConfiguration",
                                             "ValidatingWebhookConfiguration"};
  if (auto it = std::find(first.begin(), first.end(), kind); it != first.end()) {
    return static_cast<int>(it - first.begin()) - static_cast<int>(first.size());
  }
  if (auto it = std::find(last.begin(), last.end(), kind); it != last.end()) {
    return static_cast<int>(it - last.begin()) + 1;
  }
  return 0;
}

std::string gvk_key(const Gvk &gvk) {
  return (gvk.group.empty() ? "~G" : gvk.group) + "_" + (gvk.version.empty() ? "~V" : gvk.version) + "_" +
         (gvk.kind.empty() ? "~K" : gvk.kind);
}

} // namespace

void legacy_sort(std::vector<Resource> &resources) {
  struct Key {
    int rank;
    std::string gvk;
    std::string id;
  };
  std::vector<std::pair<Key, size_t>> keys;
  for (size_t i = 0; i < resources.size(); ++i) {
    const Gvk gvk = resources[i].gvk();
    const std::string ns = resources[i].ns();
    const std::string name = resources[i].name();
    keys.push_back(
        {{kind_rank(gvk.kind), gvk_key(gvk), (ns.empty() ? "~X" : ns) + "|" + (name.empty() ? "~N" : name)},
         i});
  }
  std::stable_sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) {
    if (a.first.rank != b.first.rank) {
      return a.first.rank < b.first.rank;
    }
    if (a.first.gvk != b.first.gvk) {
      return a.first.gvk < b.first.gvk;
    }
    return a.first.id < b.first.id;
  });
  std::vector<Resource> sorted;
  sorted.reserve(resources.size());
  for (auto &[key, index] : keys) {
    sorted.push_back(std::move(resources[index]));
  }
  resources = std::move(sorted);
}

} // namespace wincompat::kustomize
