// WC212: emitted by the engine (it needs every linted file), not by a check
// over one model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc212 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC212",
    .name = "runtime-class-defined-twice",
    .target = Target::Kubernetes,
    .default_severity = Severity::Warning,
    .summary = "Two linted RuntimeClass objects have the same name.",
    .rationale = "A cluster holds one RuntimeClass per name: whichever is applied last wins. Pods "
                 "that name it are checked against the first definition in path order, which may "
                 "not be the one the cluster ends up with.",
    .example_bad = "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: windows}\n"
                   "handler: runhcs-wcow-process\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\n"
                   "metadata: {name: windows}\nhandler: runhcs-wcow-hypervisor",
    .example_good = "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: windows}\n"
                    "handler: runhcs-wcow-process\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\n"
                    "metadata: {name: windows-hyperv}\nhandler: runhcs-wcow-hypervisor",
    .fix = "Rename one of them, or remove the copy, so that each name is defined once.",
};

} // namespace wincompat::rules::wc212
