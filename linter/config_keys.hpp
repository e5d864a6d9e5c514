// The keys of .wincompat.yaml, once: the config reader (config.cpp) names
// them in its messages from here, and the JSON Schema for editors
// (schema/wincompat-config.schema.json, config_schema.cpp) is generated
// from here, so the two cannot disagree on what a config may hold.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace wincompat::config_keys {

/// The shapes a value may take, as the reader accepts them.
enum class Shape {
  String,       // a scalar
  StringOrList, // a scalar or a list of scalars
  StringMap,    // NAME: value
  Boolean,      // true or false
  Integer,      // a whole number (lifecycleWarningDays: 0 to 3650)
  Choice,       // one of `choices`
  Object,       // a mapping of `keys`
  ObjectList,   // a list of mappings of `keys`
  ImageMap,     // IMAGE: a Dockerfile path, or a mapping of `keys`
  RuleMap,      // CODE: off, info, warning or error
};

struct Key {
  std::string_view name;
  Shape shape;
  std::string_view description;
  std::span<const std::string_view> choices = {};
  std::span<const Key> keys = {};
  bool required = false; // in an Object or ObjectList entry
};

inline constexpr std::string_view kIsolations[] = {"process", "hyperv"};
inline constexpr std::string_view kFailLevels[] = {"error", "warning", "info", "none"};
inline constexpr std::string_view kPoolOs[] = {"windows", "linux"};
inline constexpr std::string_view kLoadRestrictors[] = {"LoadRestrictionsRootOnly", "LoadRestrictionsNone"};
// The ids of rules/data/lifecycle.yaml (a test checks that they agree).
inline constexpr std::string_view kPlatforms[] = {"aks", "eks", "gke", "aks-arc"};
inline constexpr std::string_view kRuleSettings[] = {"off", "info", "warning", "error"};

inline constexpr Key kImageKeys[] = {
    {"dockerfile",
     Shape::String,
     "The Dockerfile that builds the image, relative to this file",
     {},
     {},
     true},
    {"target", Shape::String, "The stage it builds (docker build --target)"},
    {"buildArgs", Shape::StringMap, "Build arguments for this Dockerfile (NAME: value)"},
};

inline constexpr Key kNodePoolKeys[] = {
    {"name", Shape::String, "The pool's name, used in messages"},
    {"os", Shape::Choice, "windows or linux", kPoolOs},
    {"build", Shape::String, "The Windows build or release of its nodes (10.0.20348, ltsc2022)"},
    {"labels", Shape::StringMap,
     "Its nodes' labels (NAME: value), matched against node selectors and affinity"},
    {"taints", Shape::StringOrList, "Its nodes' taints, KEY=VALUE:EFFECT"},
    {"platform", Shape::Choice,
     "The Kubernetes platform it runs on, for Windows node OS retirements (default: from its labels)",
     kPlatforms},
};

inline constexpr Key kChartKeys[] = {
    {"path", Shape::String, "The chart folder or .tgz package, relative to this file", {}, {}, true},
    {"name", Shape::String, "The environment's name, shown with its findings"},
    {"values", Shape::StringOrList, "Values files, as helm -f, relative to this file"},
    {"set", Shape::StringMap, "Values as helm --set (KEY: value)"},
    {"releaseName", Shape::String, "The release name (default release-name)"},
    {"namespace", Shape::String, "The release namespace (default default)"},
};

inline constexpr Key kKustomizeKeys[] = {
    {"loadRestrictor", Shape::Choice, "Whether kustomizations may read files outside their folder",
     kLoadRestrictors},
};

inline constexpr Key kHelmKeys[] = {
    {"kubeVersion", Shape::String,
     "The Kubernetes version charts see in .Capabilities.KubeVersion, X.Y[.Z] (helm template "
     "--kube-version)"},
    {"apiVersions", Shape::StringOrList,
     "API versions added to .Capabilities.APIVersions, GROUP/VERSION[/KIND] (helm template --api-versions)"},
};

inline constexpr Key kPlanKeys[] = {
    {"to", Shape::String, "The release every Windows pool moves to (wincompat plan --to)"},
    {"pools", Shape::StringMap, "Pools that move, each to its release (POOL: RELEASE, like --pool)"},
};

/// The top-level keys, in the order the docs list them.
inline constexpr Key kTopKeys[] = {
    {"hosts", Shape::StringOrList, "Target hosts: release names (ltsc2022, 23H2, Windows2025) or builds"},
    {"isolation", Shape::Choice, "Isolation of the containers: process (default) or hyperv", kIsolations},
    {"buildArgs", Shape::StringMap, "ARG values for every Dockerfile (NAME: value)"},
    {"images", Shape::ImageMap, "Images this repository builds, mapped to their Dockerfiles", {}, kImageKeys},
    {"nodePools", Shape::ObjectList, "The cluster's node pools", {}, kNodePoolKeys},
    {"nodes", Shape::StringOrList, "Node inventory files (kubectl get nodes -o yaml)"},
    {"rules", Shape::RuleMap, "Rule severities: CODE: off, info, warning or error", kRuleSettings},
    {"failLevel", Shape::Choice, "The lowest severity that fails the run", kFailLevels},
    {"exclude", Shape::StringOrList, "Glob patterns of paths not to lint"},
    {"charts", Shape::ObjectList, "Helm chart environments, each rendered and linted", {}, kChartKeys},
    {"lookup", Shape::Boolean, "Ask registries for images whose Windows build is still unknown"},
    {"insecureRegistries", Shape::StringOrList, "Registries (HOST[:PORT]) reached over plain HTTP"},
    {"allowEmpty", Shape::Boolean, "Exit 0 when a path holds nothing to lint"},
    {"kustomize", Shape::Object, "kustomize build settings", {}, kKustomizeKeys},
    {"helm", Shape::Object, "Helm chart rendering settings (.Capabilities)", {}, kHelmKeys},
    {"plan", Shape::Object, "What `wincompat plan` moves when no --to or --pool is given", {}, kPlanKeys},
    {"lifecycleWarningDays", Shape::Integer,
     "Warn when an inventory pool's OS retires on its platform within this many days (default 180)"},
    {"extend", Shape::String, "Another config whose keys this one extends (a path relative to this file)"},
};

/// "a, b, c": the names of `keys`, for "unknown key" messages.
inline std::string known_names(std::span<const Key> keys) {
  std::string out;
  for (const Key &key : keys) {
    out += out.empty() ? "" : ", ";
    out += key.name;
  }
  return out;
}

} // namespace wincompat::config_keys
