// `wincompat plan`: what a move of Windows node pools to a new Windows Server
// breaks, and the one change set that fixes it (docs/plan.md). It runs lint's
// own pipeline twice, over the inventory as it is and as it will be, and
// judges each pod with lint's analysis (analyze_pod) and its one compat
// decision (evaluate_compat); the image edits are lint's own certain fixes.
#include "commands.hpp"
#include "platform.hpp"

#include "reporters/reporters.hpp"
#include "text_util.hpp"
#include "wincompat/fix.hpp"
#include "wincompat/pod.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

namespace wincompat::cli {

namespace {

// ---- The future inventory ------------------------------------------------------

const char *const kWindowsBuildLabel = "node.kubernetes.io/windows-build";
const char *const kAksOsSku = "kubernetes.azure.com/os-sku";
const char *const kGkeOsVersion = "cloud.google.com/gke-windows-os-version";
// Labels that name the node image of the old OS: unknown after the move.
const char *const kImageLabels[] = {"kubernetes.azure.com/node-image-version"};

struct PoolMove {
  std::string pool;
  Host to;
};

/// The AKS os-sku of a release (its `Windows20xx` host alias), if any.
std::string aks_os_sku(const Release &release) {
  for (const std::string &alias : release.host_aliases) {
    if (alias.starts_with("Windows") && alias.size() == 11 && all_digits(alias.substr(7))) {
      return alias;
    }
  }
  return {};
}

/// GKE's os-version value of a release: its LTSC year ("2022").
std::string gke_os_version(const Release &release) {
  if (release.id.starts_with("ltsc") && release.id.size() == 8) {
    return release.id.substr(4);
  }
  return {};
}

/// The pool as it will be: its build and the labels and taints that name it.
NodePool moved_pool(const NodePool &pool, const Host &to) {
  NodePool out = pool;
  out.build = WindowsBuild{to.build.build, std::nullopt};
  std::map<std::string, std::string> renamed; // old value -> new value, for taints
  const auto relabel = [&](const char *label, const std::string &value) {
    const auto it = out.labels.find(label);
    if (it == out.labels.end() || value.empty()) {
      return;
    }
    renamed[it->second] = value;
    it->second = value;
  };
  relabel(kWindowsBuildLabel, out.build->str());
  if (to.release) {
    relabel(kAksOsSku, aks_os_sku(*to.release));
    relabel(kGkeOsVersion, gke_os_version(*to.release));
  }
  for (const char *label : kImageLabels) {
    out.labels.erase(label);
  }
  for (Taint &taint : out.taints) {
    if (const auto it = renamed.find(taint.value); it != renamed.end()) {
      taint.value = it->second;
    }
  }
  return out;
}

std::vector<NodePool> future_pools(const std::vector<NodePool> &pools, const std::vector<PoolMove> &moves,
                                   std::set<std::string> &moved) {
  std::vector<NodePool> out;
  for (const NodePool &pool : pools) {
    const PoolMove *move = nullptr;
    for (const PoolMove &m : moves) {
      if (m.pool == pool.name || (m.pool.empty() && !move)) {
        move = &m;
      }
    }
    if (move && pool.os == "windows" && pool.build && pool.build->build != move->to.build.build) {
      out.push_back(moved_pool(pool, move->to));
      moved.insert(pool.name);
    } else {
      out.push_back(pool);
    }
  }
  return out;
}

// ---- What lint saw of each pod ---------------------------------------------------

struct SeenContainer {
  std::string image;
  ContainerOs os = ContainerOs::Unknown;
  bool host_process = false;
  bool known = false; // the image names a Windows build
  WindowsBuild build;
  std::vector<WindowsBuild> builds; // a multi-build manifest list's entries
  std::string dockerfile;           // built from this Dockerfile (config `images:`)
  std::string placeholder;
};

struct SeenPin {
  std::string what; // nodeSelector | affinity | runtimeClass
  std::string key;
  std::string value;
  PlacedSpan place;
};

struct SeenPod {
  std::string key; // path, line, object and environment: the same in both runs
  std::string object;
  std::string path;
  uint32_t line = 0;
  std::string environment;
  bool windows = false;
  std::vector<std::string> reachable; // pool names
  std::vector<PodHost> hosts;
  Isolation isolation = Isolation::Process;
  std::vector<SeenContainer> containers;
  std::vector<SeenPin> pins;
  std::string runtime_class;
  std::string node_name;
  std::string namespace_name;
  std::string owner; // a live pod's controller, "Deployment/web"
  bool tolerations = false;
};

struct SeenRuntimeClass {
  std::map<std::string, std::string> node_selector;
  PlacedSpan place;
};

class PlanObserver : public LintObserver {
public:
  void pod(const PodAnalysis &pod, const SpanPlacer &place, const std::string &environment) override {
    SeenPod seen;
    const PodSpec &spec = *pod.pod;
    seen.object = spec.object_kind + (spec.object_name.empty() ? "" : "/" + spec.object_name);
    const PlacedSpan at = place(spec.object_span);
    seen.path = at.path;
    seen.line = at.source ? at.source->line_of(at.span.begin) + 1 : 0;
    seen.environment = environment;
    seen.key = seen.path + ":" + std::to_string(seen.line) + ":" + seen.object + ":" + environment;
    seen.windows = pod.runs_windows();
    for (const NodePool *pool : pod.reachable) {
      seen.reachable.push_back(pool->name);
    }
    seen.hosts = pod.windows_hosts;
    seen.isolation = pod.view.isolation;
    for (const ContainerAnalysis &c : pod.containers) {
      SeenContainer out;
      out.image = c.spec->image.value;
      out.os = c.os;
      out.host_process = c.host_process;
      out.known = c.resolution.names_build();
      out.build = c.resolution.build;
      if (c.resolution.os == ImageOs::MultiOs && c.resolution.builds_known) {
        out.builds = c.resolution.windows_builds;
      }
      out.dockerfile = c.source ? c.source->dockerfile : "";
      out.placeholder = c.placeholder;
      seen.containers.push_back(std::move(out));
    }
    for (const auto &[key, value] : spec.node_selector) {
      seen.pins.push_back({"nodeSelector", key, value.value, place(value.span)});
    }
    for (const SelectorTerm &term : spec.affinity_terms) {
      for (const SelectorRequirement &r : term) {
        if (r.op == "In") {
          for (const std::string &value : r.values) {
            seen.pins.push_back({"affinity", r.key, value, place(r.span)});
          }
        }
      }
    }
    seen.runtime_class = spec.runtime_class.value;
    seen.node_name = spec.node_name.value;
    seen.namespace_name = spec.object_namespace;
    seen.owner = spec.owner;
    seen.tolerations = !spec.tolerations.empty();
    for (const SeenContainer &c : seen.containers) {
      seen.key += "|" + c.image; // a kustomize base linted alone and as built by its overlay
    }
    std::lock_guard lock(mutex_);
    pods_.emplace(seen.key, std::move(seen));
  }

  void runtime_class(const RuntimeClassSpec &rc, const SpanPlacer &place) override {
    std::lock_guard lock(mutex_);
    runtime_classes_.emplace(rc.name, SeenRuntimeClass{rc.node_selector, place(rc.span)});
  }

  const std::map<std::string, SeenPod> &pods() const {
    return pods_;
  }
  const std::map<std::string, SeenRuntimeClass> &runtime_classes() const {
    return runtime_classes_;
  }

private:
  std::mutex mutex_;
  std::map<std::string, SeenPod> pods_;
  std::map<std::string, SeenRuntimeClass> runtime_classes_;
};

// ---- Classes and edits -------------------------------------------------------------

enum class PlanClass { Unaffected, Native, Portability, BreaksImage, BreaksScheduling, Unknown };

std::string_view class_name(PlanClass c) {
  switch (c) {
  case PlanClass::Unaffected:
    return "unaffected";
  case PlanClass::Native:
    return "native";
  case PlanClass::Portability:
    return "portability";
  case PlanClass::BreaksImage:
    return "breaks-image";
  case PlanClass::BreaksScheduling:
    return "breaks-scheduling";
  case PlanClass::Unknown:
    return "unknown";
  }
  return "";
}

std::string_view class_title(PlanClass c) {
  switch (c) {
  case PlanClass::Unaffected:
    return "unaffected";
  case PlanClass::Native:
    return "keeps running natively";
  case PlanClass::Portability:
    return "keeps running only through portability";
  case PlanClass::BreaksImage:
    return "breaks: its image";
  case PlanClass::BreaksScheduling:
    return "breaks: no longer scheduled";
  case PlanClass::Unknown:
    return "unknown";
  }
  return "";
}

struct PlanEdit {
  std::string kind; // image | nodeSelector | affinity | runtimeClass
  std::string path;
  std::string write_path; // where --fix writes it
  Span span;
  std::string old_text;
  std::string new_text;
  std::shared_ptr<const SourceFile> source;
  std::set<std::string> workloads;
  uint32_t line() const {
    return source ? source->line_of(span.begin) + 1 : 0;
  }
  uint32_t column() const {
    return source ? source->position(span.begin).character + 1 : 0;
  }
};

struct Judged {
  const SeenPod *pod = nullptr;
  PlanClass cls = PlanClass::Unaffected;
  std::vector<std::string> pools; // moved pools it reaches today
  std::string reason;
  std::vector<std::string> needs; // image -> build it needs
  bool image_too = false;         // unscheduled, and its image breaks on the moved pool too
  std::string image_reason;
  std::vector<const SeenPod *> running; // a live dump's pods of this controller
};

struct Plan {
  std::vector<NodePool> current;
  std::vector<NodePool> future;
  std::set<std::string> moved;
  std::vector<Judged> workloads;
  std::vector<PlanEdit> edits;
  std::vector<std::string> unfixed; // breaking workloads without a certain edit
};

const NodePool *pool_named(const std::vector<NodePool> &pools, const std::string &name) {
  for (const NodePool &pool : pools) {
    if (pool.name == name) {
      return &pool;
    }
  }
  return nullptr;
}

const NodePool *pool_of_node(const std::vector<NodePool> &pools, const std::string &node) {
  for (const NodePool &pool : pools) {
    if (std::find(pool.nodes.begin(), pool.nodes.end(), node) != pool.nodes.end()) {
      return &pool;
    }
  }
  return nullptr;
}

std::string describe(const WindowsBuild &build) {
  const Release *release = ReleaseCatalog::builtin().find_build(build.build);
  return release ? release->id + " (" + build.str() + ")" : build.str();
}

/// The worst verdict of one container on the hosts: 2 never runs, 1 only
/// through portability, 0 natively. Every decision is evaluate_compat's.
int container_verdict(const SeenContainer &c, const std::vector<PodHost> &hosts, Isolation isolation,
                      std::string &reason, std::string &needs) {
  const ReleaseCatalog &releases = ReleaseCatalog::builtin();
  int worst = 0;
  for (const PodHost &host : hosts) {
    int here = 2;
    std::string why;
    if (!c.builds.empty()) {
      for (const WindowsBuild &entry : c.builds) {
        const Verdict v = evaluate_compat(entry, host.build, isolation, releases);
        if (v.runs) {
          here = std::min(here, v.code.empty() ? 0 : 1);
        } else {
          why = v.reason;
        }
      }
    } else {
      const Verdict v = evaluate_compat(c.build, host.build, isolation, releases);
      here = !v.runs ? 2 : v.code.empty() ? 0 : 1;
      why = v.reason;
    }
    if (here == 2 && worst < 2) {
      reason = "image " + c.image + " (" + (c.builds.empty() ? describe(c.build) : "a multi-build list") +
               ") on pool " + host.name + " (" + describe(host.build) + "): " + why;
      needs = c.image + " -> " + describe(host.build);
    }
    worst = std::max(worst, here);
  }
  return worst;
}

Judged judge(const SeenPod &now, const SeenPod *then, const Plan &plan) {
  Judged out;
  out.pod = &now;
  std::vector<std::string> reached = now.reachable;
  if (!now.node_name.empty()) {
    if (const NodePool *pool = pool_of_node(plan.current, now.node_name)) {
      reached = {pool->name}; // a running pod is judged on its node
    }
  }
  for (const std::string &name : reached) {
    if (plan.moved.count(name)) {
      out.pools.push_back(name);
    }
  }
  if (out.pools.empty() || !then) {
    out.cls = PlanClass::Unaffected;
    return out;
  }
  std::vector<PodHost> hosts;
  for (const PodHost &host : then->hosts) {
    if (now.node_name.empty() ||
        std::find(out.pools.begin(), out.pools.end(), host.name) != out.pools.end()) {
      hosts.push_back(host);
    }
  }
  const bool unscheduled = hosts.empty();
  if (unscheduled) {
    // Once its pin names the moved pool again, it lands there: its images
    // must run on the new build too (else the pin edit alone fixes nothing).
    for (const std::string &name : out.pools) {
      if (const NodePool *pool = pool_named(plan.future, name); pool && pool->build) {
        hosts.push_back({pool->name, *pool->build, "pool"});
      }
    }
  }
  int worst = 0;
  for (const SeenContainer &c : then->containers) {
    // A Linux image is not this judgement's; an image of unknown OS in a
    // Windows pod is lint's WC208: unknown, not native.
    if (c.os == ContainerOs::Linux || c.host_process) {
      continue;
    }
    if (!c.known && c.builds.empty()) {
      out.cls = PlanClass::Unknown;
      out.reason = c.placeholder.empty()
                       ? "the Windows build of image " + c.image +
                             " is unknown: map it to its Dockerfile (config `images:`) or record it with "
                             "`wincompat lock`"
                       : "image " + c.image + " is filled in at deploy time";
      continue;
    }
    std::string reason;
    std::string needs;
    const int verdict = container_verdict(c, hosts, then->isolation, reason, needs);
    if (verdict == 2) {
      out.needs.push_back(needs);
      if (worst < 2) {
        out.reason = reason;
      }
    }
    worst = std::max(worst, verdict);
  }
  if (unscheduled) {
    out.cls = PlanClass::BreaksScheduling;
    if (worst == 2) {
      out.image_too = true;
      out.image_reason = out.reason;
    }
    out.reason = "no pool matches its scheduling after the move";
  } else if (worst == 2) {
    out.cls = PlanClass::BreaksImage;
  } else if (out.cls != PlanClass::Unknown) {
    out.cls = worst == 1 ? PlanClass::Portability : PlanClass::Native;
    out.reason.clear();
  }
  return out;
}

/// The first `value` (as written, maybe quoted) at or after `place` in its
/// YAML document: the value of a nodeSelector entry, of an affinity
/// requirement after its key, of a RuntimeClass's scheduling after its kind.
std::optional<Span> find_value(const PlacedSpan &place, const std::string &value) {
  if (!place.source || value.empty()) {
    return std::nullopt;
  }
  const std::string &all = place.source->text();
  size_t end = all.find("\n---", place.span.begin);
  end = end == std::string::npos ? all.size() : end;
  const std::string_view text = std::string_view(all).substr(place.span.begin, end - place.span.begin);
  for (size_t at = text.find(value); at != std::string_view::npos; at = text.find(value, at + 1)) {
    const auto bounded = [&](size_t i, bool before) {
      if (before ? i == 0 : i >= text.size()) {
        return true;
      }
      const char c = text[before ? i - 1 : i];
      return !(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_');
    };
    if (bounded(at, true) && bounded(at + value.size(), false)) {
      return Span{place.span.begin + static_cast<uint32_t>(at),
                  place.span.begin + static_cast<uint32_t>(at + value.size())};
    }
  }
  return std::nullopt;
}

void add_edit(Plan &plan, PlanEdit edit) {
  for (PlanEdit &other : plan.edits) {
    if (other.path == edit.path && other.span.begin == edit.span.begin && other.span.end == edit.span.end &&
        other.new_text == edit.new_text) {
      other.workloads.insert(edit.workloads.begin(), edit.workloads.end()); // shared: made once
      return;
    }
  }
  plan.edits.push_back(std::move(edit));
}

/// The pins that keep a pod off the moved pools, rewritten for them.
bool scheduling_edits(Plan &plan, Judged &judged, const PlanObserver &observer) {
  const SeenPod &pod = *judged.pod;
  bool any = false;
  std::vector<std::string> causes;
  for (const std::string &name : judged.pools) {
    const NodePool *old_pool = pool_named(plan.current, name);
    const NodePool *new_pool = pool_named(plan.future, name);
    if (!old_pool || !new_pool) {
      continue;
    }
    const auto rewrite = [&](const std::string &what, const std::string &key, const std::string &value,
                             const PlacedSpan &place, const std::string &label) {
      const auto was = old_pool->labels.find(key);
      const auto now = new_pool->labels.find(key);
      if (was == old_pool->labels.end() || was->second != value || now == new_pool->labels.end() ||
          now->second == value) {
        return;
      }
      causes.push_back(label + " " + key + "=" + value);
      const std::optional<Span> span =
          place.exact && place.source ? find_value(place, value) : std::optional<Span>{};
      if (!span) {
        return;
      }
      PlanEdit edit{what, place.path, place.path, *span, value, now->second, place.source, {pod.object}};
      add_edit(plan, std::move(edit));
      any = true;
    };
    for (const SeenPin &pin : pod.pins) {
      rewrite(pin.what, pin.key, pin.value, pin.place,
              pin.what == "affinity" ? "required node affinity" : "nodeSelector");
    }
    if (!pod.runtime_class.empty()) {
      if (const auto it = observer.runtime_classes().find(pod.runtime_class);
          it != observer.runtime_classes().end()) {
        for (const auto &[key, value] : it->second.node_selector) {
          rewrite("runtimeClass", key, value, it->second.place,
                  "RuntimeClass " + pod.runtime_class + " scheduling.nodeSelector");
        }
      }
    }
  }
  if (causes.empty() && pod.tolerations) {
    causes.push_back("its tolerations do not tolerate the moved pool's taints");
  }
  std::sort(causes.begin(), causes.end());
  causes.erase(std::unique(causes.begin(), causes.end()), causes.end());
  if (!causes.empty()) {
    judged.reason = "pinned to the old pool by " + join(causes, ", ");
  }
  if (judged.image_too) {
    judged.reason += "; once pinned to the moved pool, its image breaks there: " + judged.image_reason;
  }
  return any;
}

/// lint's certain retag fixes against the future inventory: the Dockerfile
/// FROM or ARG default, the chart values line, the overlay newTag, the
/// manifest's image, each at the text that sets the tag.
void image_edits(Plan &plan, const LintResult &future) {
  for (const FileResult &file : future.files) {
    if (!file.source) {
      continue;
    }
    for (const Diagnostic &d : file.diagnostics) {
      if ((d.code != "WC301" && d.code != "WC302" && d.code != "WC303") || !d.data.fix || !applies(d)) {
        continue;
      }
      for (const TextEdit &e : d.data.fix->edits) {
        const Span span{file.source->offset(e.range.start), file.source->offset(e.range.end)};
        PlanEdit edit{"image",
                      file.path,
                      file.fs_path.empty() ? file.path : file.fs_path,
                      span,
                      file.source->text().substr(span.begin, span.end - span.begin),
                      e.new_text,
                      file.source,
                      {}};
        const auto built_here = [&](const SeenContainer &c) {
          return !c.dockerfile.empty() &&
                 (c.dockerfile == file.path || c.dockerfile.ends_with("/" + file.path));
        };
        // A Dockerfile's edit is for the workloads that run the image it
        // builds, not for those that run its base image directly.
        const bool dockerfile =
            std::any_of(plan.workloads.begin(), plan.workloads.end(), [&](const Judged &j) {
              return std::any_of(j.pod->containers.begin(), j.pod->containers.end(), built_here);
            });
        for (const Judged &j : plan.workloads) {
          if (j.cls != PlanClass::BreaksImage && !j.image_too) {
            continue;
          }
          for (const SeenContainer &c : j.pod->containers) {
            if (dockerfile ? built_here(c) : c.image == d.data.image) {
              edit.workloads.insert(j.pod->object);
            }
          }
        }
        add_edit(plan, std::move(edit));
      }
    }
  }
}

/// Edits that overlap another with a different text are dropped (no guess).
void drop_conflicts(Plan &plan) {
  std::vector<bool> bad(plan.edits.size(), false);
  for (size_t i = 0; i < plan.edits.size(); ++i) {
    for (size_t j = i + 1; j < plan.edits.size(); ++j) {
      const PlanEdit &a = plan.edits[i];
      const PlanEdit &b = plan.edits[j];
      if (a.path == b.path && a.span.begin < b.span.end && b.span.begin < a.span.end) {
        bad[i] = bad[j] = true;
      }
    }
  }
  std::vector<PlanEdit> kept;
  for (size_t i = 0; i < plan.edits.size(); ++i) {
    if (!bad[i]) {
      kept.push_back(std::move(plan.edits[i]));
    }
  }
  plan.edits = std::move(kept);
  std::sort(plan.edits.begin(), plan.edits.end(), [](const PlanEdit &a, const PlanEdit &b) {
    return std::tie(a.path, a.span.begin) < std::tie(b.path, b.span.begin);
  });
}

/// A live dump lists a controller and the pods it made: each pod is shown
/// under its controller (whose template makes the pods that start after the
/// move), not as a workload of its own. A pod whose controller is not in the
/// inputs (a Job's, a bare pod) stays a workload, judged on its node.
void fold_owned_pods(Plan &plan) {
  std::map<std::string, size_t> controllers; // namespace, object, environment -> index
  const auto key = [](const SeenPod &pod, const std::string &object) {
    return pod.namespace_name + '\x1f' + object + '\x1f' + pod.environment;
  };
  for (size_t i = 0; i < plan.workloads.size(); ++i) {
    const SeenPod &pod = *plan.workloads[i].pod;
    if (pod.node_name.empty()) {
      controllers.emplace(key(pod, pod.object), i);
    }
  }
  std::vector<bool> folded(plan.workloads.size(), false);
  for (size_t i = 0; i < plan.workloads.size(); ++i) {
    const SeenPod &pod = *plan.workloads[i].pod;
    if (pod.owner.empty()) {
      continue;
    }
    if (const auto it = controllers.find(key(pod, pod.owner)); it != controllers.end()) {
      plan.workloads[it->second].running.push_back(&pod);
      folded[i] = true;
    }
  }
  std::vector<Judged> kept;
  for (size_t i = 0; i < plan.workloads.size(); ++i) {
    if (!folded[i]) {
      kept.push_back(std::move(plan.workloads[i]));
    }
  }
  plan.workloads = std::move(kept);
}

bool breaks(PlanClass c) {
  return c == PlanClass::BreaksImage || c == PlanClass::BreaksScheduling;
}

// ---- Applying ------------------------------------------------------------------------

/// Every file's new bytes first, then the writes; a failed write puts back
/// the files already written: all or nothing.
int apply_edits(const Plan &plan, size_t &changed) {
  std::map<std::string, std::vector<const PlanEdit *>> by_file;
  for (const PlanEdit &edit : plan.edits) {
    by_file[edit.write_path].push_back(&edit);
  }
  struct Write {
    std::string path;
    std::string before;
    std::string after;
  };
  std::vector<Write> writes;
  for (auto &[path, edits] : by_file) {
    const SourceFile &source = *edits.front()->source;
    const std::string bom = source.had_bom() ? "\xEF\xBB\xBF" : "";
    std::string after = source.text();
    std::sort(edits.begin(), edits.end(),
              [](const PlanEdit *a, const PlanEdit *b) { return a->span.begin > b->span.begin; });
    for (const PlanEdit *edit : edits) {
      after.replace(edit->span.begin, edit->span.end - edit->span.begin, edit->new_text);
    }
    writes.push_back({path, bom + source.text(), bom + after});
  }
  platform::ignore_file_size_limit();
  for (size_t i = 0; i < writes.size(); ++i) {
    if (const std::string error = write_atomically(writes[i].path, writes[i].after); !error.empty()) {
      std::cerr << "wincompat: " << printable(error) << "; no file was changed\n";
      for (size_t j = 0; j < i; ++j) {
        write_atomically(writes[j].path, writes[j].before);
      }
      return kExitUsage;
    }
  }
  changed = writes.size();
  return kExitClean;
}

// ---- Reports -------------------------------------------------------------------------

std::string pool_line(const NodePool &from, const NodePool &to) {
  return "pool " + from.name + ": " + (from.build ? describe(*from.build) : "?") + " -> " +
         (to.build ? describe(*to.build) : "?");
}

std::string where(const SeenPod &pod) {
  return pod.path + ":" + std::to_string(pod.line);
}

std::string workload_name(const SeenPod &pod) {
  return pod.object + (pod.namespace_name.empty() ? "" : " -n " + pod.namespace_name) +
         (pod.environment.empty() ? "" : " (" + pod.environment + ")");
}

std::string running_pods(const Judged &j) {
  std::vector<std::string> out;
  for (const SeenPod *pod : j.running) {
    out.push_back(pod->object.substr(pod->object.find('/') + 1) + " on " + pod->node_name);
  }
  return join(out, ", ");
}

constexpr PlanClass kOrder[] = {PlanClass::BreaksScheduling, PlanClass::BreaksImage, PlanClass::Unknown,
                                PlanClass::Portability, PlanClass::Native};

void report_text(const Plan &plan, std::ostream &out) {
  for (const NodePool &pool : plan.current) {
    if (!plan.moved.count(pool.name)) {
      continue;
    }
    out << "Node " << pool_line(pool, *pool_named(plan.future, pool.name)) << "\n";
    bool any = false;
    for (PlanClass cls : kOrder) {
      for (const Judged &j : plan.workloads) {
        if (j.cls != cls || std::find(j.pools.begin(), j.pools.end(), pool.name) == j.pools.end()) {
          continue;
        }
        any = true;
        out << "  " << class_title(cls) << ": " << workload_name(*j.pod) << "  " << where(*j.pod) << "\n";
        if (!j.reason.empty()) {
          out << "      " << j.reason << "\n";
        }
        if (!j.running.empty()) {
          out << "      running: " << running_pods(j) << "\n";
        }
      }
    }
    if (!any) {
      out << "  no workload runs there\n";
    }
    out << "\n";
  }
  size_t unaffected = 0;
  for (const Judged &j : plan.workloads) {
    unaffected += j.cls == PlanClass::Unaffected ? 1 : 0;
  }
  if (unaffected) {
    out << "Unaffected (no moved pool reaches them): " << unaffected << " Windows workload"
        << (unaffected == 1 ? "" : "s") << "\n\n";
  }
  if (plan.edits.empty()) {
    out << "Change set: none\n";
  } else {
    out << "Change set (" << plan.edits.size() << " edit" << (plan.edits.size() == 1 ? "" : "s")
        << "; `wincompat plan --fix` applies them all):\n";
    for (const PlanEdit &edit : plan.edits) {
      out << "  " << edit.path << ":" << edit.line() << ":" << edit.column() << "  " << edit.kind << "  "
          << edit.old_text << " -> " << edit.new_text;
      if (!edit.workloads.empty()) {
        out << "  (" << join(std::vector<std::string>(edit.workloads.begin(), edit.workloads.end()), ", ")
            << ")";
      }
      out << "\n";
    }
  }
  for (const std::string &name : plan.unfixed) {
    out << "  no certain edit for " << name << ": change it by hand\n";
  }
}

void report_markdown(const Plan &plan, std::ostream &out) {
  out << "## wincompat plan\n\n";
  for (const NodePool &pool : plan.current) {
    if (!plan.moved.count(pool.name)) {
      continue;
    }
    out << "### Node " << pool_line(pool, *pool_named(plan.future, pool.name)) << "\n\n";
    out << "| Class | Workload | Where | Why |\n|---|---|---|---|\n";
    for (PlanClass cls : kOrder) {
      for (const Judged &j : plan.workloads) {
        if (j.cls == cls && std::find(j.pools.begin(), j.pools.end(), pool.name) != j.pools.end()) {
          out << "| " << class_title(cls) << " | `" << workload_name(*j.pod) << "` | `" << where(*j.pod)
              << "` | " << j.reason << " |\n";
        }
      }
    }
    out << "\n";
  }
  out << "### Change set\n\n";
  if (plan.edits.empty()) {
    out << "None.\n";
  } else {
    out << "| Where | Kind | Old | New | For |\n|---|---|---|---|---|\n";
    for (const PlanEdit &edit : plan.edits) {
      out << "| `" << edit.path << ":" << edit.line() << "` | " << edit.kind << " | `" << edit.old_text
          << "` | `" << edit.new_text << "` | "
          << join(std::vector<std::string>(edit.workloads.begin(), edit.workloads.end()), ", ") << " |\n";
    }
  }
  for (const std::string &name : plan.unfixed) {
    out << "\nNo certain edit for `" << name << "`: change it by hand.\n";
  }
}

nlohmann::json pool_json(const NodePool &pool) {
  return {{"name", pool.name},
          {"build", pool.build ? pool.build->str() : ""},
          {"release", pool.build ? describe(*pool.build) : ""},
          {"labels", pool.labels}};
}

nlohmann::json running_pods_json(const Judged &j) {
  nlohmann::json out = nlohmann::json::array();
  for (const SeenPod *pod : j.running) {
    out.push_back({{"name", pod->object.substr(pod->object.find('/') + 1)}, {"nodeName", pod->node_name}});
  }
  return out;
}

void report_json(const Plan &plan, std::ostream &out) {
  nlohmann::json doc;
  doc["schema"] = "wincompat-plan/1";
  nlohmann::json pools = nlohmann::json::array();
  for (const NodePool &pool : plan.current) {
    if (pool.os != "windows") {
      continue;
    }
    pools.push_back({{"name", pool.name},
                     {"moved", plan.moved.count(pool.name) > 0},
                     {"from", pool_json(pool)},
                     {"to", pool_json(*pool_named(plan.future, pool.name))}});
  }
  doc["pools"] = pools;
  nlohmann::json workloads = nlohmann::json::array();
  std::map<std::string, size_t> counts;
  for (const Judged &j : plan.workloads) {
    counts[std::string(class_name(j.cls))]++;
    workloads.push_back({{"object", j.pod->object},
                         {"path", j.pod->path},
                         {"line", j.pod->line},
                         {"environment", j.pod->environment},
                         {"class", class_name(j.cls)},
                         {"pools", j.pools},
                         {"reason", j.reason},
                         {"needs", j.needs},
                         {"nodeName", j.pod->node_name},
                         {"namespace", j.pod->namespace_name},
                         {"runningPods", running_pods_json(j)}});
  }
  doc["workloads"] = workloads;
  nlohmann::json edits = nlohmann::json::array();
  for (const PlanEdit &edit : plan.edits) {
    edits.push_back({{"kind", edit.kind},
                     {"path", edit.path},
                     {"line", edit.line()},
                     {"column", edit.column()},
                     {"old", edit.old_text},
                     {"new", edit.new_text},
                     {"workloads", std::vector<std::string>(edit.workloads.begin(), edit.workloads.end())}});
  }
  doc["edits"] = edits;
  doc["unfixed"] = plan.unfixed;
  nlohmann::json summary = nlohmann::json::object();
  for (PlanClass cls : {PlanClass::Unaffected, PlanClass::Native, PlanClass::Portability,
                        PlanClass::BreaksImage, PlanClass::BreaksScheduling, PlanClass::Unknown}) {
    summary[std::string(class_name(cls))] = counts[std::string(class_name(cls))];
  }
  doc["summary"] = summary;
  doc["breaks"] = std::any_of(plan.workloads.begin(), plan.workloads.end(),
                              [](const Judged &j) { return breaks(j.cls); });
  out << escape_json_controls(doc.dump(2)) << "\n";
}

/// The moves the command line asks for, else the config's `plan:`.
std::optional<std::vector<PoolMove>> plan_moves(const LintArgs &args, const Config &config,
                                                const std::vector<NodePool> &pools) {
  const ReleaseCatalog &catalog = ReleaseCatalog::builtin();
  std::string to = args.plan_to;
  std::vector<std::pair<std::string, std::string>> named;
  for (const std::string &word : comma_words(args.plan_pools)) {
    const size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "wincompat: --pool '" << printable(word) << "' must look like NAME=ltsc2025\n";
      return std::nullopt;
    }
    named.emplace_back(word.substr(0, eq), word.substr(eq + 1));
  }
  if (to.empty() && named.empty()) {
    to = config.plan_to;
    named.assign(config.plan_pools.begin(), config.plan_pools.end());
  }
  if (to.empty() && named.empty()) {
    std::cerr << "wincompat: plan needs a target: --to ltsc2025, --pool NAME=ltsc2025, or `plan:` in "
                 ".wincompat.yaml\n";
    return std::nullopt;
  }
  std::vector<PoolMove> moves;
  for (const auto &[pool, spec] : named) {
    const auto host = parse_host_spec(spec, catalog);
    if (!host) {
      std::cerr << "wincompat: --pool " << printable(pool) << "=" << printable(spec)
                << ": not a Windows release (ltsc2022, ltsc2025, Windows2025, 10.0.26100 ...)\n";
      return std::nullopt;
    }
    if (!pool_named(pools, pool)) {
      std::vector<std::string> names;
      for (const NodePool &p : pools) {
        names.push_back(p.name);
      }
      std::cerr << "wincompat: --pool " << printable(pool)
                << ": no such pool in the inventory (pools: " << printable(join(names, ", ")) << ")\n";
      return std::nullopt;
    }
    moves.push_back({pool, *host});
  }
  if (!to.empty()) {
    const auto host = parse_host_spec(to, catalog);
    if (!host) {
      std::cerr << "wincompat: --to " << printable(to)
                << ": not a Windows release (ltsc2022, ltsc2025, Windows2025, 10.0.26100 ...)\n";
      return std::nullopt;
    }
    moves.push_back({"", *host});
  }
  return moves;
}

} // namespace

void add_plan_options(CLI::App &cmd, LintArgs &args) {
  args.plan = true;
  as_paths(cmd.add_option("paths", args.paths, "Files and directories (default: .)"));
  cmd.add_option("--to", args.plan_to, "Move every Windows pool to this release (ltsc2025, Windows2025 ...)");
  add_list_option(cmd, "--pool", args.plan_pools, "NAME=RELEASE: move one pool (repeatable)");
  cmd.add_option("--format", args.format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  add_config_options(cmd, args.config, args.no_config, "Config file (default: nearest .wincompat.yaml)");
  as_paths(add_list_option(cmd, "--nodes", args.overrides.nodes,
                           "Node inventory (kubectl get nodes -o yaml|json); repeatable"));
  add_list_option(cmd, "--build-arg", args.overrides.build_args, "NAME=VALUE for every Dockerfile's ARG");
  as_paths(add_list_option(cmd, "--values", args.overrides.values_files,
                           "Charts: a values file, as helm's -f (repeatable)"));
  add_list_option(cmd, "--set", args.overrides.set_values, "Charts: KEY=VALUE, as helm's --set (repeatable)");
  add_load_restrictor_option(cmd, args.overrides.load_restrictor);
  cmd.add_flag("--fix", args.fix, "Apply the whole change set, across files, all or nothing");
  cmd.add_option("--jobs,-j", args.jobs, "Worker threads (default: number of cores)");
  add_root_option(cmd, args.root);
  add_today_option(cmd, args.overrides.today);
}

int run_plan(const LintArgs &args, const std::vector<FileInput> &inputs, LintOptions options,
             const Config &config) {
  Plan plan;
  plan.current = options.pools;
  if (plan.current.empty()) {
    std::cerr << "wincompat: plan needs a node inventory: `nodePools:` or `nodes:` in .wincompat.yaml, or "
                 "--nodes FILE (kubectl get nodes -o yaml)\n";
    return kExitUsage;
  }
  const auto moves = plan_moves(args, config, plan.current);
  if (!moves) {
    return kExitUsage;
  }
  plan.future = future_pools(plan.current, *moves, plan.moved);
  for (LintOptions &scope : options.scopes) {
    std::set<std::string> ignored;
    scope.pools = future_pools(scope.pools, *moves, ignored);
  }
  const auto now = std::make_shared<PlanObserver>();
  const auto then = std::make_shared<PlanObserver>();
  LintOptions current = options;
  current.observer = now;
  for (LintOptions &scope : current.scopes) {
    scope.observer = now;
  }
  current.pools = plan.current;
  // The scopes' own inventories, as they are today.
  for (size_t i = 0; i < current.scopes.size(); ++i) {
    current.scopes[i].pools = options.scopes[i].pools;
  }
  lint(inputs, current);
  LintOptions future = options;
  future.pools = plan.future;
  future.observer = then;
  for (LintOptions &scope : future.scopes) {
    scope.observer = then;
  }
  const LintResult after = lint(inputs, future);

  for (const auto &[key, pod] : now->pods()) {
    if (!pod.windows) {
      continue;
    }
    const auto it = then->pods().find(key);
    plan.workloads.push_back(judge(pod, it == then->pods().end() ? nullptr : &it->second, plan));
  }
  fold_owned_pods(plan);
  for (Judged &j : plan.workloads) {
    if (j.cls == PlanClass::BreaksScheduling) {
      scheduling_edits(plan, j, *now);
    }
  }
  image_edits(plan, after);
  drop_conflicts(plan);
  for (const Judged &j : plan.workloads) {
    if (!breaks(j.cls)) {
      continue;
    }
    const auto edited = [&](bool image) {
      return std::any_of(plan.edits.begin(), plan.edits.end(), [&](const PlanEdit &e) {
        return e.workloads.count(j.pod->object) > 0 && (e.kind == "image") == image;
      });
    };
    // An unscheduled workload needs its pin edited, and its image too when
    // that breaks on the moved pool.
    const bool covered =
        j.cls == PlanClass::BreaksImage ? edited(true) : edited(false) && (!j.image_too || edited(true));
    if (!covered) {
      plan.unfixed.push_back(workload_name(*j.pod) + " (" + where(*j.pod) + ")");
    }
  }
  if (args.format == "json") {
    report_json(plan, std::cout);
  } else if (args.format == "markdown") {
    report_markdown(plan, std::cout);
  } else {
    report_text(plan, std::cout);
  }
  const bool any_break = std::any_of(plan.workloads.begin(), plan.workloads.end(),
                                     [](const Judged &j) { return breaks(j.cls); });
  if (args.fix && !plan.edits.empty()) {
    size_t changed = 0;
    if (const int status = apply_edits(plan, changed); status != kExitClean) {
      return status;
    }
    std::cerr << "wincompat: applied " << plan.edits.size() << " edit" << (plan.edits.size() == 1 ? "" : "s")
              << " in " << changed << " file" << (changed == 1 ? "" : "s") << "\n";
    return plan.unfixed.empty() ? kExitClean : kExitFindings;
  }
  return any_break ? kExitFindings : kExitClean;
}

} // namespace wincompat::cli
