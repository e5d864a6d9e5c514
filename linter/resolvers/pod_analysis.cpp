// Where a pod can run (selectors, affinity, RuntimeClass, taints, inventory)
// and which OS and Windows build each of its images is.
#include "wincompat/pod.hpp"

#include "text_util.hpp"

#include <set>

namespace wincompat {

namespace {

const char *const kOsLabels[] = {"kubernetes.io/os", "beta.kubernetes.io/os"};

/// Labels whose value pins a Windows build, with how to read the value.
struct BuildPin {
  const char *label;
  bool release_name; // a release/os-sku name rather than 10.0.N
};
const BuildPin kBuildPins[] = {{"node.kubernetes.io/windows-build", false},
                               {"kubernetes.azure.com/os-sku", true},
                               {"cloud.google.com/gke-windows-os-version", true}};

const BuildPin *build_pin(std::string_view label) {
  for (const BuildPin &pin : kBuildPins) {
    if (label == pin.label) {
      return &pin;
    }
  }
  return nullptr;
}

std::optional<WindowsBuild> pinned_build(const BuildPin &pin, const std::string &value) {
  if (!pin.release_name) {
    return parse_windows_build(value);
  }
  const ReleaseCatalog &catalog = ReleaseCatalog::builtin();
  const Release *release = catalog.find_name(value, true);
  if (!release && all_digits(value) && value.size() == 4) {
    release = catalog.find_name("ltsc" + value, true); // GKE: "2019", "2022"
  }
  if (release) {
    return WindowsBuild{release->build, std::nullopt};
  }
  return std::nullopt;
}

/// A Windows build a pod's own labels allow, and how a message names it.
struct AllowedBuild {
  std::string name;  // the label value as written, or the release's tag
  std::string label; // the label that allowed it
};
/// nullopt: the labels leave every Windows build open.
using BuildSet = std::optional<std::map<uint32_t, AllowedBuild>>;

/// Windows Server host builds still serviced on `today`: what `NotIn` leaves.
std::map<uint32_t, AllowedBuild> serviced_server_builds(const std::string &label,
                                                        const CheckSettings &settings) {
  std::map<uint32_t, AllowedBuild> out;
  for (const Release &release : settings.releases->releases()) {
    const Release *servicing = settings.releases->servicing_release(release.build);
    const std::string &end = servicing ? servicing->end_of_servicing : release.end_of_servicing;
    if (release.channel == Channel::Client || (!end.empty() && end < settings.today)) {
      continue;
    }
    const std::string name = release.tags.empty() ? release.id : release.tags.front();
    out.emplace(release.build, AllowedBuild{name, label});
  }
  return out;
}

BuildSet intersect(const BuildSet &a, const BuildSet &b) {
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  std::map<uint32_t, AllowedBuild> out;
  for (const auto &[build, allowed] : *a) {
    if (b->count(build)) {
      out.emplace(build, allowed);
    }
  }
  return out;
}

/// The builds one requirement on a build label allows (In, NotIn, DoesNotExist).
BuildSet requirement_builds(const SelectorRequirement &r, const CheckSettings &settings) {
  const BuildPin *pin = build_pin(r.key);
  if (!pin) {
    return std::nullopt;
  }
  std::map<uint32_t, AllowedBuild> named;
  for (const std::string &value : r.values) {
    if (auto build = pinned_build(*pin, value)) {
      named.emplace(build->build, AllowedBuild{value, r.key});
    }
  }
  if (r.op == "In") {
    return named;
  }
  if (r.op == "NotIn") {
    std::map<uint32_t, AllowedBuild> rest = serviced_server_builds(r.key, settings);
    for (const auto &entry : named) {
      rest.erase(entry.first);
    }
    return rest;
  }
  if (r.op == "DoesNotExist" && !pin->release_name) {
    return std::map<uint32_t, AllowedBuild>{}; // every Windows node has the kubelet's build label
  }
  return std::nullopt;
}

bool term_selects_linux_only(const SelectorTerm &term) {
  return std::any_of(term.begin(), term.end(), [](const SelectorRequirement &r) {
    return (r.key == kOsLabels[0] || r.key == kOsLabels[1]) && r.op == "In" &&
           std::find(r.values.begin(), r.values.end(), "windows") == r.values.end();
  });
}

/// The builds the pod's nodeSelector and required affinity allow: requirements
/// of a term are ANDed, terms ORed, and the nodeSelector ANDed with them all.
BuildSet allowed_builds(const PodSpec &pod, const SchedulingView &view, const CheckSettings &settings) {
  BuildSet affinity;
  bool open_term = pod.affinity_terms.empty();
  for (const SelectorTerm &term : pod.affinity_terms) {
    if (term_selects_linux_only(term)) {
      continue; // reaches no Windows node
    }
    BuildSet builds;
    for (const SelectorRequirement &r : term) {
      builds = intersect(builds, requirement_builds(r, settings));
    }
    if (!builds) {
      open_term = true;
      continue;
    }
    if (!affinity) {
      affinity.emplace();
    }
    affinity->insert(builds->begin(), builds->end());
  }
  BuildSet out = open_term ? std::nullopt : (affinity ? affinity : std::map<uint32_t, AllowedBuild>{});
  for (const BuildPin &pin : kBuildPins) {
    if (auto it = view.node_selector.find(pin.label); it != view.node_selector.end()) {
      SelectorRequirement r{pin.label, "In", {it->second}, {}};
      out = intersect(out, requirement_builds(r, settings));
    }
  }
  return out;
}

OsRestriction restriction_of(const std::string &os) {
  return os == "windows" ? OsRestriction::Windows
         : os == "linux" ? OsRestriction::Linux
                         : OsRestriction::None;
}

/// Every required-affinity term names the same OS with `In [os]`.
OsRestriction affinity_os(const std::vector<SelectorTerm> &terms) {
  std::optional<std::string> common;
  for (const SelectorTerm &term : terms) {
    std::optional<std::string> os;
    for (const SelectorRequirement &r : term) {
      if ((r.key == kOsLabels[0] || r.key == kOsLabels[1]) && r.op == "In" && r.values.size() == 1) {
        os = r.values[0];
      } else if (!os && build_pin(r.key) && r.op == "In" && !r.values.empty()) {
        os = "windows"; // build labels exist only on Windows nodes
      }
    }
    if (!os || (common && *common != *os)) {
      return OsRestriction::None;
    }
    common = os;
  }
  return common ? restriction_of(*common) : OsRestriction::None;
}

ContainerOs os_of(const ImageResolution &res) {
  if (res.is_windows()) {
    return ContainerOs::Windows;
  }
  return res.os == ImageOs::Linux ? ContainerOs::Linux : ContainerOs::Unknown;
}

void analyze_containers(PodAnalysis &out, const RepoContext &context) {
  const PodSpec &pod = *out.pod;
  for (const ContainerSpec &spec : pod.containers) {
    ContainerAnalysis c;
    c.spec = &spec;
    c.host_process = spec.host_process.value_or(pod.host_process.value_or(false));
    if (spec.image) {
      c.placeholder = image_placeholder(spec.image.value);
      if (c.placeholder.empty()) {
        c.ref = parse_image_ref(spec.image.value);
      }
    }
    if (c.ref) {
      ImageAnswer answer = context.images.resolve(*c.ref);
      c.source = answer.source;
      c.resolution = std::move(answer.resolution);
      c.build_source = std::move(answer.build_source);
      c.build_note = std::move(answer.build_note);
      c.lookup_problem = std::move(answer.lookup_problem);
    }
    c.os = os_of(c.resolution);
    if (c.resolution.from_tag && c.os == ContainerOs::Windows && out.view.os == OsRestriction::Linux) {
      c.os = ContainerOs::Unknown; // a tag naming convention does not overrule the pod's own Linux pin
    }
    out.host_process_pod = out.host_process_pod || c.host_process;
    out.containers.push_back(c);
  }
}

void resolve_hosts(PodAnalysis &out, const RepoContext &context, const CheckSettings &settings) {
  const PodSpec &pod = *out.pod;
  if (context.has_inventory) {
    out.has_inventory = true;
    std::set<uint32_t> builds;
    for (const NodePool &pool : context.pools) {
      const bool affinity_ok =
          pod.affinity_terms.empty() ||
          std::any_of(pod.affinity_terms.begin(), pod.affinity_terms.end(),
                      [&](const SelectorTerm &t) { return term_matches(t, pool.labels); });
      if (selector_matches(out.view.node_selector, pool.labels) && affinity_ok &&
          tolerates(out.view.tolerations, pool.taints)) {
        out.reachable.push_back(&pool);
        if (pool.os == "windows" && pool.build) {
          out.windows_hosts.push_back({pool.name, *pool.build, "pool"});
          builds.insert(pool.build->build);
        }
      }
    }
    return;
  }
  // No inventory: the builds the pod's own labels allow, then --host/config hosts.
  if (const BuildSet allowed = allowed_builds(pod, out.view, settings); allowed && !allowed->empty()) {
    for (const auto &[build, how] : *allowed) {
      out.windows_hosts.push_back({how.name, WindowsBuild{build, std::nullopt}, how.label});
    }
    out.pinned_by = allowed->begin()->second.label;
    return;
  }
  for (const Host &host : settings.hosts) {
    out.windows_hosts.push_back({host.name, host.build, "host"});
  }
  out.any_windows_build = out.windows_hosts.empty();
}

} // namespace

bool PodAnalysis::runs_windows() const {
  return view.os == OsRestriction::Windows ||
         std::any_of(containers.begin(), containers.end(),
                     [](const ContainerAnalysis &c) { return c.os == ContainerOs::Windows; });
}

PodAnalysis analyze_pod(const PodSpec &pod, const RepoContext &context, const CheckSettings &settings) {
  PodAnalysis out;
  out.pod = &pod;
  SchedulingView &view = out.view;
  for (const auto &[key, value] : pod.node_selector) {
    view.node_selector[key] = value.value;
  }
  view.tolerations = pod.tolerations;
  view.isolation = settings.isolation;
  if (pod.runtime_class) {
    auto it = context.runtime_classes.find(pod.runtime_class.value);
    if (it == context.runtime_classes.end()) {
      view.runtime_class_missing = true;
    } else {
      view.runtime_class = &it->second;
      for (const auto &[key, value] : it->second.node_selector) {
        view.node_selector.emplace(key, value);
      }
      view.tolerations.insert(view.tolerations.end(), it->second.tolerations.begin(),
                              it->second.tolerations.end());
      if (it->second.handler == "runhcs-wcow-hypervisor") {
        view.isolation = Isolation::HyperV;
      } else if (it->second.handler == "runhcs-wcow-process") {
        view.isolation = Isolation::Process;
      }
    }
  }
  for (const char *label : kOsLabels) {
    if (auto it = view.node_selector.find(label); it != view.node_selector.end()) {
      view.os = restriction_of(it->second);
    }
  }
  if (view.os == OsRestriction::None) {
    view.os = affinity_os(pod.affinity_terms);
  }
  if (view.os == OsRestriction::None) {
    // A build pin exists only on Windows nodes.
    for (const BuildPin &pin : kBuildPins) {
      if (view.node_selector.count(pin.label)) {
        view.os = OsRestriction::Windows;
      }
    }
  }
  analyze_containers(out, context);
  resolve_hosts(out, context, settings);
  if (view.os == OsRestriction::None && out.has_inventory && !out.reachable.empty()) {
    const bool all_windows = std::all_of(out.reachable.begin(), out.reachable.end(),
                                         [](const NodePool *p) { return p->os == "windows"; });
    const bool all_linux = std::all_of(out.reachable.begin(), out.reachable.end(),
                                       [](const NodePool *p) { return p->os == "linux"; });
    view.os = all_windows ? OsRestriction::Windows : all_linux ? OsRestriction::Linux : OsRestriction::None;
    view.os_from_pools = view.os != OsRestriction::None;
  }
  return out;
}

} // namespace wincompat
