#include "wincompat/dockerfile.hpp"
#include "wincompat/rule.hpp"

#include "rule_docs.hpp"
#include "support.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <array>
#include <memory>

namespace wincompat {

// Each rule file's checks, as its kind in rules.def says.
#define WINCOMPAT_CHECKS_dockerfile(ns) void check(const DockerfileModel &model, RuleContext &ctx);
#define WINCOMPAT_CHECKS_pod(ns) void check_pod(const PodAnalysis &pod, RuleContext &ctx);
#define WINCOMPAT_CHECKS_pairing(ns) WINCOMPAT_CHECKS_dockerfile(ns) WINCOMPAT_CHECKS_pod(ns)
#define WINCOMPAT_CHECKS_verdict(ns) extern const std::string_view kVerdict;
#define WINCOMPAT_CHECKS_run(ns) void check_run(const RunInputs &files, RunCheckContext &ctx);
#define WINCOMPAT_CHECKS_inventory(ns) void check_pool(const NodePool &pool, RuleContext &ctx);
#define WINCOMPAT_CHECKS_notice(ns)
#define WINCOMPAT_RULE(code, ns, kind)                                                                       \
  namespace rules::ns {                                                                                      \
  WINCOMPAT_CHECKS_##kind(ns)                                                                                \
  }
#include "rules.def"
#undef WINCOMPAT_RULE

namespace {

/// The checks of a `verdict` rule: the pairing, worded by its `kVerdict`.
template <const std::string_view &What> void verdict_check(const DockerfileModel &model, RuleContext &ctx) {
  rules::report_pairings(model, ctx, What);
}
template <const std::string_view &What> void verdict_check_pod(const PodAnalysis &pod, RuleContext &ctx) {
  rules::report_pod_pairings(pod, ctx, What);
}

#define WINCOMPAT_ENTRY_dockerfile(ns) &rules::ns::check, nullptr, nullptr, nullptr
#define WINCOMPAT_ENTRY_pod(ns) nullptr, &rules::ns::check_pod, nullptr, nullptr
#define WINCOMPAT_ENTRY_pairing(ns) &rules::ns::check, &rules::ns::check_pod, nullptr, nullptr
#define WINCOMPAT_ENTRY_verdict(ns)                                                                          \
  &verdict_check<rules::ns::kVerdict>, &verdict_check_pod<rules::ns::kVerdict>, nullptr, nullptr
#define WINCOMPAT_ENTRY_run(ns) nullptr, nullptr, &rules::ns::check_run, nullptr
#define WINCOMPAT_ENTRY_inventory(ns) nullptr, nullptr, nullptr, &rules::ns::check_pool
#define WINCOMPAT_ENTRY_notice(ns) nullptr, nullptr, nullptr, nullptr

struct Declared {
  std::string_view code;
  DockerfileCheck dockerfile;
  PodCheck pod;
  RunCheck run;
  PoolCheck pool;
};

constexpr Declared kDeclared[] = {
#define WINCOMPAT_RULE(code, ns, kind) {#code, WINCOMPAT_ENTRY_##kind(ns)},
#include "rules.def"
#undef WINCOMPAT_RULE
};

struct Registry {
  std::array<RuleMeta, std::size(kDeclared)> metas;
  std::vector<RuleEntry> entries;
  std::deque<std::string> prose;
};

/// Every rule of rules.def with its doc file's metadata. A rule whose doc
/// is missing or wrong keeps its code and empty prose (the registry tests
/// name it); nothing here can fail at run time.
const Registry &registry() {
  static const std::unique_ptr<Registry> built = [] {
    auto r = std::make_unique<Registry>();
    for (size_t i = 0; i < std::size(kDeclared); ++i) {
      RuleMeta &meta = r->metas[i];
      const Declared &declared = kDeclared[i];
      for (const auto &[name, text] : data::rule_docs()) {
        if (name == declared.code) {
          (void)parse_rule_doc(text, meta, r->prose);
        }
      }
      meta.id = static_cast<RuleCode>(i);
      meta.code = declared.code;
      r->entries.push_back(RuleEntry{&meta, declared.dockerfile, declared.pod, declared.run, declared.pool});
    }
    return r;
  }();
  return *built;
}

} // namespace

const std::vector<RuleEntry> &all_rules() {
  return registry().entries;
}

const RuleMeta &rule_meta(RuleCode code) {
  return registry().metas[static_cast<size_t>(code)];
}

std::optional<RuleCode> find_rule(std::string_view code) {
  for (size_t i = 0; i < std::size(kDeclared); ++i) {
    if (iequals(kDeclared[i].code, code)) {
      return static_cast<RuleCode>(i);
    }
  }
  return std::nullopt;
}

std::string help_url(std::string_view code) {
  return "https://wincompat.dev/rules/" + std::string(code);
}

bool code_matches(std::string_view code, const std::vector<std::string> &patterns) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string &pattern) {
    return !pattern.empty() && code.size() >= pattern.size() &&
           iequals(code.substr(0, pattern.size()), pattern);
  });
}

namespace {

Diagnostic diagnostic_of(const RuleMeta &meta, std::string message, Span span) {
  Diagnostic d;
  d.code = std::string(meta.code);
  d.severity = meta.default_severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

} // namespace

Diagnostic engine_diagnostic(RuleCode code, std::string message, Span span) {
  return diagnostic_of(rule_meta(code), std::move(message), span);
}

Diagnostic &RuleContext::report(Span span, std::string message, DiagnosticData data) {
  Diagnostic &diagnostic = sink_.emplace_back(diagnostic_of(meta_, std::move(message), span));
  diagnostic.data = std::move(data);
  return diagnostic;
}

Diagnostic &RunCheckContext::report(size_t file, Span span, std::string message) {
  return sinks_[file].emplace_back(diagnostic_of(meta_, std::move(message), span));
}

std::map<size_t, std::vector<Diagnostic>> run_checks(const RunInputs &files) {
  std::map<size_t, std::vector<Diagnostic>> found;
  for (const RuleEntry &rule : all_rules()) {
    if (rule.run) {
      RunCheckContext ctx(*rule.meta, found);
      rule.run(files, ctx);
    }
  }
  return found;
}

} // namespace wincompat
