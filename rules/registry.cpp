#include "wincompat/dockerfile.hpp"
#include "wincompat/rule.hpp"

#include "text_util.hpp"

#include <algorithm>

namespace wincompat {

#define WINCOMPAT_DOCKERFILE_RULE(ns)                                                                        \
  namespace rules::ns {                                                                                      \
  extern const RuleMeta kMeta;                                                                               \
  void check(const DockerfileModel &model, RuleContext &ctx);                                                \
  }
#define WINCOMPAT_POD_RULE(ns)                                                                               \
  namespace rules::ns {                                                                                      \
  extern const RuleMeta kMeta;                                                                               \
  void check_pod(const PodAnalysis &pod, RuleContext &ctx);                                                  \
  }
#define WINCOMPAT_PAIRING_RULE(ns)                                                                           \
  WINCOMPAT_DOCKERFILE_RULE(ns)                                                                              \
  namespace rules::ns {                                                                                      \
  void check_pod(const PodAnalysis &pod, RuleContext &ctx);                                                  \
  }
#define WINCOMPAT_ENGINE_RULE(ns)                                                                            \
  namespace rules::ns {                                                                                      \
  extern const RuleMeta kMeta;                                                                               \
  }
#include "rules.def"
#undef WINCOMPAT_DOCKERFILE_RULE
#undef WINCOMPAT_POD_RULE
#undef WINCOMPAT_PAIRING_RULE
#undef WINCOMPAT_ENGINE_RULE

const std::vector<RuleEntry> &all_rules() {
  static const std::vector<RuleEntry> rules = [] {
    std::vector<RuleEntry> list{
#define WINCOMPAT_DOCKERFILE_RULE(ns) RuleEntry{&rules::ns::kMeta, &rules::ns::check, nullptr},
#define WINCOMPAT_POD_RULE(ns) RuleEntry{&rules::ns::kMeta, nullptr, &rules::ns::check_pod},
#define WINCOMPAT_PAIRING_RULE(ns) RuleEntry{&rules::ns::kMeta, &rules::ns::check, &rules::ns::check_pod},
#define WINCOMPAT_ENGINE_RULE(ns) RuleEntry{&rules::ns::kMeta, nullptr, nullptr},
#include "rules.def"
#undef WINCOMPAT_DOCKERFILE_RULE
#undef WINCOMPAT_POD_RULE
#undef WINCOMPAT_PAIRING_RULE
#undef WINCOMPAT_ENGINE_RULE
    };
    std::sort(list.begin(), list.end(),
              [](const RuleEntry &a, const RuleEntry &b) { return a.meta->code < b.meta->code; });
    return list;
  }();
  return rules;
}

const RuleMeta *find_rule(std::string_view code) {
  for (const auto &entry : all_rules()) {
    if (iequals(entry.meta->code, code)) {
      return entry.meta;
    }
  }
  return nullptr;
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

Diagnostic engine_diagnostic(std::string_view code, std::string message, Span span) {
  Diagnostic d;
  d.code = std::string(code);
  d.severity = find_rule(code)->default_severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

Diagnostic &RuleContext::report(Span span, std::string message, DiagnosticData data) {
  Diagnostic diagnostic;
  diagnostic.code = std::string(meta_.code);
  diagnostic.severity = meta_.default_severity;
  diagnostic.message = std::move(message);
  diagnostic.span = span;
  diagnostic.data = std::move(data);
  sink_.push_back(std::move(diagnostic));
  return sink_.back();
}

} // namespace wincompat
