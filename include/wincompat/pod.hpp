// What rules see of a pod: where it can run and what each image is.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/dockerfile.hpp"
#include "wincompat/image_resolver.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/rule.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

/// Cross-file knowledge: every RuntimeClass in the linted files, the node
/// inventory, and what each image is (its Dockerfile mapping, the catalog,
/// the lock and registries).
struct RepoContext {
  std::map<std::string, RuntimeClassSpec> runtime_classes;
  std::vector<NodePool> pools;
  bool has_inventory = false;
  ImageResolver images;
};

enum class ContainerOs { Windows, Linux, Unknown };

struct ContainerAnalysis {
  const ContainerSpec *spec = nullptr;
  std::optional<ImageRef> ref;
  std::string placeholder; // `${TAG}`: the value is filled in before it is applied (no ref then)
  ImageResolution resolution;
  const ImageSource *source = nullptr; // resolved through a Dockerfile
  bool host_process = false;
  ContainerOs os = ContainerOs::Unknown;
  std::string build_source;   // "lock" or "registry" when they answered (empty: catalog or Dockerfile)
  std::string build_note;     // "from .wincompat.lock, read 2026-12-01", for messages
  std::string lookup_problem; // the registry was asked and could not answer (WC914)
};

/// A host a pod may land on: a node pool, a pinned build, or a --host.
struct PodHost {
  std::string name;
  WindowsBuild build;
  std::string kind; // "pool", "host", or the label that pinned it
};

struct PodAnalysis {
  const PodSpec *pod = nullptr;
  SchedulingView view;
  std::vector<ContainerAnalysis> containers;
  bool has_inventory = false;
  std::vector<const NodePool *> reachable; // with an inventory
  std::vector<PodHost> windows_hosts;      // the Windows builds it can land on
  bool any_windows_build = false;          // nothing pins a build
  std::string pinned_by;                   // the label that pinned the build, if any
  bool host_process_pod = false;           // any container is HostProcess
  bool runs_windows() const;               // a Windows container, or restricted to Windows
};

PodAnalysis analyze_pod(const PodSpec &pod, const RepoContext &context, const CheckSettings &settings);

/// Reads docker-compose / skaffold files into image sources (paths only).
/// `pulled` (when given) receives the images of Compose services that pull
/// an image rather than build one.
std::vector<ImageMapping> mappings_from_compose(const SourceFile &source, const std::string &directory,
                                                std::vector<std::string> *pulled = nullptr);
std::vector<ImageMapping> mappings_from_skaffold(const SourceFile &source, const std::string &directory);
bool is_compose_file(std::string_view path);
bool is_skaffold_file(std::string_view path);

/// The build args a mapping's Dockerfile is laid out with: the run's, then
/// the mapping's own over them.
std::map<std::string, std::string> mapping_build_args(const ImageMapping &mapping,
                                                      const std::map<std::string, std::string> &build_args);

/// The image a mapping names, from its Dockerfile's model (laid out with
/// mapping_build_args, its images resolved): the base of the target stage.
/// `model` is null when the Dockerfile could not be read; `problem` says why.
ImageSource resolve_image_source(const ImageMapping &mapping, const DockerfileModel *model,
                                 const std::string &problem = {});

} // namespace wincompat
