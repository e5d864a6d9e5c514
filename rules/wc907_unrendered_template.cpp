// WC907: emitted by the engine from the YAML front-end (input notices), not
// by a check over a model; this file holds its documentation.
#include "support.hpp"

namespace wincompat::rules::wc907 {

extern const RuleMeta kMeta;
const RuleMeta kMeta{
    .code = "WC907",
    .name = "unrendered-template",
    .target = Target::Any,
    .default_severity = Severity::Info,
    .summary = "A YAML file is an unrendered Helm template (`{{ ... }}` actions), so the documents "
               "holding template actions were not linted; likewise a Dockerfile template (`FROM "
               "image:{{VERSION}}`) that a generator renders into Dockerfiles.",
    .rationale = "Until a template is rendered its image references, selectors and even its YAML "
                 "structure are unknown; linting the raw text would report nonsense, and skipping "
                 "it in silence would look like a clean result.",
    .example_bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
                   "  template:\n    spec:\n      containers:\n      - name: web\n"
                   "        image: {{ .Values.image }}",
    .example_good = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
                    "    spec:\n      containers:\n      - name: web\n"
                    "        image: mcr.microsoft.com/windows/servercore:ltsc2022",
    .fix = "Lint the chart directory (the folder holding Chart.yaml), or lint the rendered output: "
           "`helm template . | wincompat lint --stdin-filename rendered.yaml -`; for a Dockerfile "
           "template, lint the Dockerfiles it renders.",
};

} // namespace wincompat::rules::wc907
