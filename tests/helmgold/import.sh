#!/usr/bin/env bash
# Copies the real-world golden cases from the public repositories they come
# from (run by hand, never by CI; the copies are committed). Each source is a
# bare git directory ($MIRROR/owner+name/repo) of the commit named in the
# NOTICE beside the copy. Usage: tests/helmgold/import.sh MIRROR_DIR
set -euo pipefail
MIRROR=${1:?mirror directory}
HERE=$(cd "$(dirname "$0")" && pwd)

# copy REPO_DIR SRC DEST [tar --exclude patterns...]
copy() {
  local git_dir=$1 src=$2 dest=$3
  shift 3
  local excludes=()
  for pattern in "$@"; do excludes+=("--exclude=$pattern"); done
  mkdir -p "$dest"
  git -C "$git_dir" archive HEAD "$src" | tar -x -C "$dest" --strip-components="$(tr -cd / <<<"$src" | wc -c)" "${excludes[@]}"
}

# open-telemetry/opentelemetry-helm-charts: examples rendered with --output-dir
O=$MIRROR/open-telemetry+opentelemetry-helm-charts/repo
D=$HERE/opentelemetry-helm-charts
rm -rf "$D/charts" "$D/cases"
copy "$O" charts/opentelemetry-collector "$D/charts" 'opentelemetry-collector/examples' 'opentelemetry-collector/ci' \
  'opentelemetry-collector/*.md'
for example in $(git -C "$O" ls-tree --name-only HEAD charts/opentelemetry-collector/examples/ | xargs -n1 basename); do
  [ "$example" = README.md ] && continue
  # Two values files rendered into one folder: the second overwrites the first's files.
  [ "$example" = daemonset-and-deployment ] && continue
  copy "$O" "charts/opentelemetry-collector/examples/$example" "$D/cases"
done

# grafana/alloy: operations/helm/tests, rendered with --output-dir
A=$MIRROR/grafana+alloy/repo
D=$HERE/alloy
rm -rf "$D/charts" "$D/cases"
copy "$A" operations/helm/charts/alloy "$D/charts" 'alloy/*.md' 'alloy/README.md.gotmpl'
for test in $(git -C "$A" ls-tree --name-only HEAD operations/helm/tests/ | xargs -n1 basename); do
  mkdir -p "$D/cases/$test"
  git -C "$A" show "HEAD:operations/helm/charts/alloy/ci/$test-values.yaml" >"$D/cases/$test/values.yaml"
  # rendered/alloy/templates/NAME.yaml: Helm's "# Source:" path under the output directory.
  copy "$A" "operations/helm/tests/$test/alloy" "$D/cases/$test/rendered"
done

# grafana/k8s-monitoring-helm: docs/examples/**/values.yaml + output.yaml
G=$MIRROR/grafana+k8s-monitoring-helm/repo
D=$HERE/k8s-monitoring-helm
rm -rf "$D/charts" "$D/cases"
copy "$G" charts/k8s-monitoring "$D/charts" 'k8s-monitoring/docs' 'k8s-monitoring/tests' 'k8s-monitoring/*.md' \
  'k8s-monitoring/charts/*/tests' 'k8s-monitoring/charts/*/docs' 'k8s-monitoring/charts/*/*.md' \
  'k8s-monitoring/charts/*/schema-mods' 'k8s-monitoring/schema-mods' 'k8s-monitoring/scripts'
for example in features/windows-event-logs/default features/host-metrics/default platforms/azure-aks \
  features/cluster-metrics/default features/pod-logs-via-loki/default features/node-logs/default \
  features/cluster-events/default features/annotation-autodiscovery/default metric-enrichment \
  scalability/autoscaling node-labels tolerations; do
  name=${example//\//-}
  mkdir -p "$D/cases/$name"
  git -C "$G" show "HEAD:charts/k8s-monitoring/docs/examples/$example/values.yaml" >"$D/cases/$name/values.yaml"
  git -C "$G" show "HEAD:charts/k8s-monitoring/docs/examples/$example/output.yaml" >"$D/cases/$name/output.yaml"
done

# DataDog/helm-charts: test/datadog/baseline/{values,manifests}
DD=$MIRROR/DataDog+helm-charts/repo
D=$HERE/datadog-helm-charts
rm -rf "$D/charts" "$D/cases"
copy "$DD" charts/datadog "$D/charts" 'datadog/docs' 'datadog/ci' 'datadog/*.md' 'datadog/README.md.gotmpl'
for case in default_all_windows; do
  mkdir -p "$D/cases/$case"
  git -C "$DD" show "HEAD:test/datadog/baseline/values/$case.yaml" >"$D/cases/$case/values.yaml"
  git -C "$DD" show "HEAD:test/datadog/baseline/manifests/$case.yaml" >"$D/cases/$case/output.yaml"
done
