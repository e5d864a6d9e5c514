// Rule metadata, the context a check reports through, and the registry.
#pragma once

#include "wincompat/catalog.hpp"
#include "wincompat/compat.hpp"
#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

struct DockerfileModel;
struct PodAnalysis;
class ImageResolver;

enum class Target { Dockerfile, Kubernetes, Any };

/// Everything a user-facing document says about a rule. One declaration per
/// rule file feeds `wincompat rules`, `wincompat explain` and the rule docs.
struct RuleMeta {
  std::string_view code;
  std::string_view name; // the problem, kebab-case: "process-isolation-build-mismatch"
  Target target = Target::Any;
  Severity default_severity = Severity::Error;
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
};

class RuleContext {
public:
  RuleContext(const RuleMeta &meta, const CheckSettings &settings, std::vector<Diagnostic> &sink,
              const SourceFile *source = nullptr, const ImageResolver *images = nullptr)
      : meta_(meta), settings_(settings), sink_(sink), source_(source), images_(images) {}
  const CheckSettings &settings() const {
    return settings_;
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

using DockerfileCheck = void (*)(const DockerfileModel &, RuleContext &);
using PodCheck = void (*)(const PodAnalysis &, RuleContext &);

struct RuleEntry {
  const RuleMeta *meta = nullptr;
  DockerfileCheck dockerfile = nullptr; // both null for rules the engine emits (WC9xx)
  PodCheck pod = nullptr;
};

/// Every rule, sorted by code.
const std::vector<RuleEntry> &all_rules();
const RuleMeta *find_rule(std::string_view code);

/// A diagnostic the engine itself emits (WC9xx input problems), at the
/// rule's default severity.
Diagnostic engine_diagnostic(std::string_view code, std::string message, Span span = {});

/// `--select`/`--ignore` matching: exact codes or prefixes ("WC3").
bool code_matches(std::string_view code, const std::vector<std::string> &patterns);

} // namespace wincompat
