// WC915: emitted by the kustomize layer (a kustomization that reads a file
// outside its own folder), not by a check over a model; this file holds its
// documentation.
#include "support.hpp"

namespace wincompat::rules::wc915 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC915",
    .name = "kustomization-reads-outside-its-folder",
    .target = Target::Any,
    .default_severity = Severity::Warning,
    .summary = "A kustomization reads a file outside its own folder, which only `kustomize build "
               "--load-restrictor LoadRestrictionsNone` allows.",
    .rationale = "By default `kubectl kustomize` refuses a resource or patch file outside the "
                 "kustomization's folder; trees such as cluster-api provider templates are built with "
                 "`--load-restrictor LoadRestrictionsNone`, which allows it. When no load restrictor is "
                 "set, wincompat builds the tree as LoadRestrictionsNone would, lints the result, and "
                 "says so once per kustomization, naming the first file outside its folder. A file "
                 "outside the linted repository is never read: that kustomization is not built, with "
                 "this warning at the line that names the file. With LoadRestrictionsRootOnly the "
                 "outside file is WC912, as kubectl reports it.",
    .example_bad = "# templates/flavors/windows/kustomization.yaml\nresources:\n- ../../base\npatches:\n"
                   "- path: ../../patches/windows-node.yaml",
    .example_good = "# .wincompat.yaml beside the templates\nkustomize:\n"
                    "  loadRestrictor: LoadRestrictionsNone",
    .fix = "Say how the tree is built: `--load-restrictor LoadRestrictionsNone` (or `kustomize: "
           "{loadRestrictor: LoadRestrictionsNone}` in .wincompat.yaml) when it is built that way, "
           "LoadRestrictionsRootOnly when it must build with plain `kubectl kustomize` (then move the "
           "file below the kustomization's folder). A file outside the repository must move into it.",
};

} // namespace wincompat::rules::wc915
