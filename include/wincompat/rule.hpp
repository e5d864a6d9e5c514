// Rule metadata, the context a check reports through, and the registry.
#pragma once

#include "wincompat/catalog.hpp"
#include "wincompat/compat.hpp"
#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

struct DockerfileModel;
struct PodAnalysis;
class ImageResolver;
struct ManifestModel;
struct NodePool;

enum class Target { Dockerfile, Kubernetes, Any };

/// Every rule's code, one enumerator per line of rules/rules.def, in code
/// order. Code emits and compares rules through these, never through text.
enum class RuleCode : unsigned char {
#define WINCOMPAT_RULE(code, ns, kind) code,
#include "wincompat/rules.def"
#undef WINCOMPAT_RULE
};

/// What a rule's check sees: one file's model, or every linted file at once
/// (a RuntimeClass defined twice across files).
enum class Scope { File, Run };

/// How the engine merges a rule's findings across the run's files.
enum class Merge {
  None,        // every finding stands
  FirstPerRun, // a run-level notice: the first file (in input order) that reports it keeps it
  OnePerImage, // one finding per image (`data.image`): the first keeps it, later uses
               // become its related information ("also used here")
};

/// Everything a user-facing document says about a rule, and how the engine
/// treats its findings. Read from rules/docs/<code>.md (embedded at build
/// time); feeds `wincompat rules`, `wincompat explain` and the rule docs.
struct RuleMeta {
  RuleCode id{};
  std::string_view code;
  std::string_view name; // the problem, kebab-case: "process-isolation-build-mismatch"
  Target target = Target::Any;
  Severity default_severity = Severity::Error;
  Scope scope = Scope::File;
  Merge merge = Merge::None;
  /// A finding of this rule on a pod is dropped when one of these rules,
  /// not turned off, reports on the same pod: the same problem, said more
  /// precisely (WC204 yields to the failing pairings WC301-WC303).
  std::vector<RuleCode> yields_to;
  std::string_view summary;   // one sentence: what it checks
  std::string_view rationale; // why it matters
  std::string_view example_bad;
  std::string_view example_good;
  std::string_view fix;                  // how to fix
  std::string_view example_options = {}; // CLI options the examples need ("--host ltsc2022")
};

std::string help_url(std::string_view code);

/// What checks may know besides the model: the run's settings.
struct CheckSettings {
  std::vector<Host> hosts;
  Isolation isolation = Isolation::Process;
  std::string today; // YYYY-MM-DD
  const ReleaseCatalog *releases = &ReleaseCatalog::builtin();
  /// The hosts are the node inventory's builds, not ones the user named: a
  /// Dockerfile runs on some of them (its workloads' pools, which the pods'
  /// checks judge), so it fails only where none runs it.
  bool any_host = false;
  /// WC213: a pool's OS retirement on its platform is reported this many days ahead.
  int lifecycle_warning_days = 180;
};

class RuleContext {
public:
  RuleContext(const RuleMeta &meta, const CheckSettings &settings, std::vector<Diagnostic> &sink,
              const SourceFile *source = nullptr, const ImageResolver *images = nullptr)
      : meta_(meta), settings_(settings), sink_(sink), source_(source), images_(images) {}
  const CheckSettings &settings() const {
    return settings_;
  }
  /// The rule being checked.
  const RuleMeta &meta() const {
    return meta_;
  }
  /// The file being checked (for fixes that must match its text).
  const SourceFile *source() const {
    return source_;
  }
  /// The run's image resolver; its catalog says which tags an image has
  /// (for retag fixes). Without one, the catalog alone.
  const ImageResolver &images() const;
  Diagnostic &report(Span span, std::string message, DiagnosticData data = {});

private:
  const RuleMeta &meta_;
  const CheckSettings &settings_;
  std::vector<Diagnostic> &sink_;
  const SourceFile *source_;
  const ImageResolver *images_;
};

/// One linted manifest as a per-run check sees it.
struct RunFile {
  const ManifestModel *manifest = nullptr;
  const SourceFile *source = nullptr;
  std::string path; // as reported
  std::string uri;
};
using RunInputs = std::vector<RunFile>;

/// The context of a per-run check: it reports into the file it names (an
/// index into the RunInputs).
class RunCheckContext {
public:
  RunCheckContext(const RuleMeta &meta, std::map<size_t, std::vector<Diagnostic>> &sinks)
      : meta_(meta), sinks_(sinks) {}
  Diagnostic &report(size_t file, Span span, std::string message);

private:
  const RuleMeta &meta_;
  std::map<size_t, std::vector<Diagnostic>> &sinks_;
};

using DockerfileCheck = void (*)(const DockerfileModel &, RuleContext &);
using PodCheck = void (*)(const PodAnalysis &, RuleContext &);
using RunCheck = void (*)(const RunInputs &, RunCheckContext &);
/// A check of one node pool of the inventory; it reports at the pool's origin.
using PoolCheck = void (*)(const NodePool &, RuleContext &);

struct RuleEntry {
  const RuleMeta *meta = nullptr;
  DockerfileCheck dockerfile = nullptr; // all null for notices the engine emits (WC9xx)
  PodCheck pod = nullptr;
  RunCheck run = nullptr;   // scope: run
  PoolCheck pool = nullptr; // the node inventory, once per pool
};

/// Every rule, sorted by code; `all_rules()[size_t(code)]` is `code`'s entry.
const std::vector<RuleEntry> &all_rules();
/// The rule a code names: always there, for every enumerator.
const RuleMeta &rule_meta(RuleCode code);
/// The one lookup of a rule by its text ("WC302", any case): empty when no
/// rule has that code.
std::optional<RuleCode> find_rule(std::string_view code);

/// A diagnostic the engine or a layer emits about the input (WC9xx), at the
/// rule's default severity.
Diagnostic engine_diagnostic(RuleCode code, std::string message, Span span = {});

/// Runs every per-run check over the run's manifests; findings by file index.
std::map<size_t, std::vector<Diagnostic>> run_checks(const RunInputs &files);

/// `--select`/`--ignore` matching: exact codes or prefixes ("WC3").
bool code_matches(std::string_view code, const std::vector<std::string> &patterns);

} // namespace wincompat
