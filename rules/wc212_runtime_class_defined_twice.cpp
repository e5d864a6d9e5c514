// WC212: two linted RuntimeClass objects have the same name. A per-run rule
// (scope: run): it needs every linted manifest.
#include "support.hpp"

#include "wincompat/kubernetes.hpp"

#include <map>

namespace wincompat::rules::wc212 {

void check_run(const RunInputs &files, RunCheckContext &ctx) {
  struct First {
    const RunFile *file;
    Span span;
  };
  std::map<std::string, First> first; // name -> first definition, in input order
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].manifest) {
      continue;
    }
    for (const RuntimeClassSpec &rc : files[i].manifest->runtime_classes) {
      const auto [it, inserted] = first.emplace(rc.name, First{&files[i], rc.name_span});
      if (inserted) {
        continue;
      }
      const RunFile &original = *it->second.file;
      const Range range = original.source ? original.source->range(it->second.span) : Range{};
      Diagnostic &d = ctx.report(
          i, rc.name_span,
          "RuntimeClass '" + rc.name + "' is already defined in " + original.path + " (line " +
              std::to_string(range.start.line + 1) +
              "): a cluster holds one per name, whichever is applied last, while pods here are checked "
              "against the first; rename or remove one");
      d.related.push_back({original.uri, original.path, range, "first definition"});
    }
  }
}

} // namespace wincompat::rules::wc212
