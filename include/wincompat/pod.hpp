// What rules see of a pod: where it can run and what each image is.
#pragma once

#include "wincompat/config.hpp"
#include "wincompat/kubernetes.hpp"
#include "wincompat/rule.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

class FileSystem;

class RegistryResolver;

/// An image this repository builds: where its Dockerfile says its base is.
struct ImageSource {
  std::string image;      // as mapped ("myregistry.azurecr.io/web")
  std::string dockerfile; // path
  std::string origin;     // ".wincompat.yaml", "docker-compose.yml" ...
  ImageResolution resolution;
  std::optional<ImageRef> base_ref;
  std::string base_text; // the FROM image as expanded
  std::string uri;       // the Dockerfile's URI
  Range from_range;      // the FROM image in the Dockerfile
  std::string problem;   // why it could not be resolved, if so
};

/// Cross-file knowledge: every RuntimeClass in the linted files, the node
/// inventory, and images that map to Dockerfiles.
struct RepoContext {
  std::map<std::string, RuntimeClassSpec> runtime_classes;
  std::vector<NodePool> pools;
  bool has_inventory = false;
  std::vector<ImageSource> image_sources;
  const RegistryResolver *registry = nullptr; // the lock, and registries when asked
  const ImageSource *find_source(const ImageRef &ref) const;
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

/// Whether the lock or a registry must answer for `ref`: the catalog does not
/// know it and no Dockerfile mapping builds it.
bool needs_registry(const ImageRef &ref, const RepoContext &context);

PodAnalysis analyze_pod(const PodSpec &pod, const RepoContext &context, const CheckSettings &settings);

/// Reads docker-compose / skaffold files into image sources (paths only).
/// `pulled` (when given) receives the images of Compose services that pull
/// an image rather than build one.
std::vector<ImageMapping> mappings_from_compose(const SourceFile &source, const std::string &directory,
                                                std::vector<std::string> *pulled = nullptr);
std::vector<ImageMapping> mappings_from_skaffold(const SourceFile &source, const std::string &directory);
bool is_compose_file(std::string_view path);
bool is_skaffold_file(std::string_view path);

/// Resolves each mapping's Dockerfile (read from `files`, null: the disk)
/// to its base image; bases the catalog does not know are asked of
/// `registry` (the lock, and what registries said this run) when given.
std::vector<ImageSource> resolve_image_sources(const std::vector<ImageMapping> &mappings,
                                               const std::map<std::string, std::string> &build_args,
                                               const RegistryResolver *registry = nullptr,
                                               const FileSystem *files = nullptr);

} // namespace wincompat
