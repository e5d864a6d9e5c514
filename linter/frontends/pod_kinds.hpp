// The built-in Kubernetes kinds that hold a pod spec, and where: the one list
// the manifest front-end (which documents to read for pods) and the kustomize
// layer (where labels and annotations reach the pods) share. Not public API.
#pragma once

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>

namespace wincompat {

/// Where an object keeps the pod it stands for (Kubernetes API reference,
/// workload resources: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/).
enum class PodAt {
  Spec,                   // Pod: `spec`
  Template,               // PodTemplate: `template.spec`
  SpecTemplate,           // Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job
  SpecJobTemplateTemplate // CronJob: `spec.jobTemplate.spec.template.spec`
};

/// Where a built-in `kind` keeps its pod; nothing for other kinds (a custom
/// resource may still have a `spec.template`).
inline std::optional<PodAt> pod_at(std::string_view kind) {
  static constexpr std::string_view kSpecTemplate[] = {"Deployment",  "ReplicaSet", "ReplicationController",
                                                       "StatefulSet", "DaemonSet",  "Job"};
  if (kind == "Pod") {
    return PodAt::Spec;
  }
  if (kind == "PodTemplate") {
    return PodAt::Template;
  }
  if (kind == "CronJob") {
    return PodAt::SpecJobTemplateTemplate;
  }
  if (std::find(std::begin(kSpecTemplate), std::end(kSpecTemplate), kind) != std::end(kSpecTemplate)) {
    return PodAt::SpecTemplate;
  }
  return std::nullopt;
}

} // namespace wincompat
