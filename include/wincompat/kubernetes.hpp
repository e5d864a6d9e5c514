// The Kubernetes front-end: YAML documents, workloads, RuntimeClasses and
// nodes, each value with its exact source range; and the scheduling model.
#pragma once

#include "wincompat/catalog.hpp"
#include "wincompat/compat.hpp"
#include "wincompat/dockerfile.hpp"
#include "wincompat/image_catalog.hpp"
#include "wincompat/source.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

/// A string value from a manifest and where it is written (without quotes).
struct Located {
  std::string value;
  Span span;
  bool present = false;
  explicit operator bool() const {
    return present;
  }
};

struct Toleration {
  std::string key;
  std::string op = "Equal"; // Equal | Exists
  std::string value;
  std::string effect; // empty: every effect
};

struct Taint {
  std::string key;
  std::string value;
  std::string effect; // NoSchedule | PreferNoSchedule | NoExecute
};

struct SelectorRequirement {
  std::string key;
  std::string op; // In NotIn Exists DoesNotExist Gt Lt
  std::vector<std::string> values;
  Span span;
};
/// Requirements ANDed; terms of a NodeAffinity are ORed.
using SelectorTerm = std::vector<SelectorRequirement>;

struct ContainerSpec {
  std::string name;
  std::string section; // containers | initContainers | ephemeralContainers
  Located image;
  Span image_key;                // the `image` key, when present (its value may be empty)
  bool image_not_string = false; // image: given as a mapping or a number
  std::optional<bool> host_process;
  Span host_process_span;
};

struct PodSpec {
  std::string object_kind;
  std::string object_name;
  Span object_span; // the object's `kind` value
  std::map<std::string, Located> node_selector;
  Span node_selector_key;                   // the `nodeSelector` key, if present
  std::vector<SelectorTerm> affinity_terms; // required node affinity
  Span affinity_key;
  std::vector<Toleration> tolerations;
  Located runtime_class;
  Located node_name;            // spec.nodeName: a pod already bound to a node (a live cluster's dump)
  std::string object_namespace; // metadata.namespace
  /// A live pod's controller (its controlling ownerReference) as "Kind/name";
  /// a ReplicaSet named <name>-<pod-template-hash> is read as "Deployment/<name>".
  std::string owner;
  Located os_name;
  std::optional<bool> host_process; // pod-level windowsOptions.hostProcess
  Span host_process_span;
  bool host_network = false;
  std::vector<ContainerSpec> containers;
  std::vector<Located> ignore_annotations; // wincompat.dev/ignore values (object and template)
};

struct RuntimeClassSpec {
  std::string name;
  std::string handler;
  std::map<std::string, std::string> node_selector;
  std::vector<Toleration> tolerations;
  Span span;
  Span name_span; // metadata.name's value, else `span`
};

struct NodeSpec {
  std::string name;
  std::string os; // windows | linux | ""
  std::optional<WindowsBuild> build;
  std::map<std::string, std::string> labels;
  std::vector<Taint> taints;
  /// The text that names its OS: an os-sku label's value, else the
  /// windows-build label's, else status.nodeInfo.kernelVersion (empty: none).
  Span os_span;
  /// The inventory file it was read from (set by the inventory loader).
  std::string path;
  std::shared_ptr<const SourceFile> source;
};

struct YamlSyntaxError {
  std::string message;
  Span span;
  bool over_limit = false; // a YamlLimits bound, not bad syntax (WC902, not WC901)
};

/// Bounds on the work one YAML file may cost (hostile or generated input).
/// What is past a bound is reported and not linted; the rest of the file is.
struct YamlLimits {
  size_t max_depth = 256;        // nesting of mappings and sequences
  size_t max_documents = 100000; // documents in one file
  double max_seconds = 10;       // parse time of one file; 0: no limit
  /// A key repeated in one mapping is a syntax error (kubectl's reading).
  /// Off: the last one wins, as go-yaml v2 (Helm's fromYaml) reads it.
  bool unique_keys = true;
};

/// Everything a manifest file holds that rules care about.
struct ManifestModel {
  std::vector<PodSpec> pods;
  std::vector<RuntimeClassSpec> runtime_classes;
  std::vector<NodeSpec> nodes;
  std::vector<YamlSyntaxError> errors;
  std::vector<std::pair<std::string, Span>> comments; // body without '#', and span
  bool is_kubernetes = false;                         // some document has apiVersion/kind
  /// The first `{{` of an unrendered template whose documents were not
  /// linted because of it (WC907).
  std::optional<Span> template_action;
};

/// Documents by their `---` markers (YAML allows markers only at column 0,
/// so no value can contain one). Each slice starts at its marker line.
std::vector<Span> yaml_document_spans(const std::string &text);

/// Parses a manifest file. Documents that cannot hold a pod spec, a
/// RuntimeClass or nodes are recognised from their bytes and not parsed,
/// unless `all_documents` (then every document's syntax is checked too).
ManifestModel parse_manifest(const SourceFile &source, bool all_documents = false,
                             const YamlLimits &limits = {});

/// Node objects from `kubectl get nodes -o yaml|json` output or a file of
/// Node objects. Problems go to `errors` as (message, span).
std::vector<NodeSpec> parse_nodes(const SourceFile &source, std::vector<YamlSyntaxError> &errors);

// ---- Scheduling ---------------------------------------------------------------

struct NodePool {
  std::string name;
  std::string os; // windows | linux
  std::optional<WindowsBuild> build;
  std::map<std::string, std::string> labels;
  std::vector<Taint> taints;
  std::vector<std::string> nodes; // the names of its nodes (from kubectl output)
  /// Config `platform:` (aks, eks, gke, aks-arc); empty: its labels say.
  std::string platform;
  /// Where the inventory names the pool's OS (its first node's os-sku or
  /// build, a config pool's `build:`), for findings about the pool itself.
  std::string origin_path;
  std::shared_ptr<const SourceFile> origin;
  Span os_span;
};

/// Groups nodes into pools (same OS, build, labels and taints), named by
/// their agent-pool label or else the first node's name.
std::vector<NodePool> group_nodes(const std::vector<NodeSpec> &nodes);

/// Adds the labels kubelet sets (kubernetes.io/os, node.kubernetes.io/windows-build).
void add_implicit_labels(NodePool &pool);

enum class OsRestriction { None, Windows, Linux };

struct SchedulingView {
  std::map<std::string, std::string> node_selector; // pod's merged with its RuntimeClass's
  std::vector<Toleration> tolerations;
  const RuntimeClassSpec *runtime_class = nullptr;
  bool runtime_class_missing = false;
  Isolation isolation = Isolation::Process;
  OsRestriction os = OsRestriction::None;
  /// `os` comes from the inventory (every pool the pod reaches has that OS),
  /// not from the pod's own node selection or RuntimeClass.
  bool os_from_pools = false;
};

bool selector_matches(const std::map<std::string, std::string> &selector,
                      const std::map<std::string, std::string> &labels);
bool term_matches(const SelectorTerm &term, const std::map<std::string, std::string> &labels);
bool tolerates(const std::vector<Toleration> &tolerations, const std::vector<Taint> &taints);
std::optional<Taint> parse_taint(const std::string &text);

} // namespace wincompat
