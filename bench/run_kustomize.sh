#!/usr/bin/env bash
# Builds COUNT kustomize overlays over one shared base in-process and checks
# the target: all of them in under 50 ms (best of RUNS passes).
#
#   bench/run_kustomize.sh [COUNT] [BUILD_DIR]     (defaults: 100, ./build)
#
# Needs a Release build of wincompat_core in BUILD_DIR (cmake --build build
# --target wincompat_core). Generates the corpus into
# bench/corpus/kustomize-COUNT (a base with a Deployment, a Service and a
# DaemonSet; each overlay sets images, a namespace, a name prefix, a
# strategic merge patch and a JSON 6902 patch), compiles
# bench/kustomize_overlays.cpp against the library, and prints a result line
# with PASS or MISS. Exit 0 when the benchmark ran, 2 when it could not.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
count="${1:-100}"
build="${2:-$repo/build}"
runs="${RUNS:-5}"
target_ms=50

lib="$build/libwincompat_core.a"
[ -f "$lib" ] || { echo "run_kustomize: $lib not found (cmake --build build --target wincompat_core)" >&2; exit 2; }

corpus="$here/corpus/kustomize-$count"
if [ ! -d "$corpus/overlays" ]; then
  mkdir -p "$corpus/base" "$corpus/overlays"
  cat > "$corpus/base/kustomization.yaml" <<'YAML'
resources:
  - deployment.yaml
  - service.yaml
  - daemonset.yaml
labels:
  - pairs:
      app.kubernetes.io/part-of: shop
    includeSelectors: true
YAML
  cat > "$corpus/base/deployment.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      tolerations:
        - {key: os, operator: Equal, value: windows, effect: NoSchedule}
      initContainers:
        - name: warmup
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      containers:
        - name: web
          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
          ports: [{containerPort: 80}]
          env:
            - {name: A, value: "1"}
            - {name: B, value: "2"}
        - name: logs
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
YAML
  cat > "$corpus/base/service.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
YAML
  cat > "$corpus/base/daemonset.yaml" <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      containers:
        - name: agent
          image: mcr.microsoft.com/windows/servercore:ltsc2022
YAML
  builds=(10.0.17763 10.0.20348 10.0.25398)
  tags=(ltsc2019 ltsc2022 ltsc2022)
  for i in $(seq 1 "$count"); do
    dir="$corpus/overlays/env-$i"
    mkdir -p "$dir"
    n=$((i % 3))
    cat > "$dir/kustomization.yaml" <<YAML
resources:
  - ../../base
namespace: env-$i
namePrefix: e$i-
images:
  - name: mcr.microsoft.com/windows/servercore/iis
    newTag: windowsservercore-${tags[$n]}
  - name: mcr.microsoft.com/windows/nanoserver
    newTag: ${tags[$n]}
patches:
  - path: pin.yaml
  - target:
      kind: DaemonSet
    patch: |-
      - op: add
        path: /spec/template/spec/nodeSelector/node.kubernetes.io~1windows-build
        value: "${builds[$n]}"
YAML
    cat > "$dir/pin.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      nodeSelector:
        node.kubernetes.io/windows-build: "${builds[$n]}"
YAML
  done
fi

bin="$here/out/kustomize_overlays"
mkdir -p "$here/out"
if [ ! -x "$bin" ] || [ "$bin" -ot "$here/kustomize_overlays.cpp" ] || [ "$bin" -ot "$lib" ]; then
  ts_lib="$(pkg-config --variable=libdir tree-sitter 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)"
  "${CXX:-g++}" -O2 -std=c++20 -I"$repo/include" -o "$bin" "$here/kustomize_overlays.cpp" \
    "$lib" -lyaml-cpp "$build/libtree_sitter_yaml.a" "$ts_lib/libtree-sitter.a" -pthread ||
    { echo "run_kustomize: compiling the driver failed" >&2; exit 2; }
fi

line="$("$bin" "$corpus" "$runs")" || { echo "run_kustomize: a build failed: $line" >&2; exit 2; }
best="$(sed -n 's/.*best_ms=\([0-9.]*\).*/\1/p' <<<"$line")"
verdict=MISS
awk -v b="$best" -v t="$target_ms" 'BEGIN { exit !(b < t) }' && verdict=PASS
echo "$line target_ms=$target_ms $verdict"
