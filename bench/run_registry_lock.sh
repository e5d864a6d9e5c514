#!/usr/bin/env bash
# `wincompat lock` on N images (default 200) in a local registry: Debian's
# docker-registry on 127.0.0.1 (free port, temporary storage), one repository
# per image (a Windows OCI manifest whose build is only in its config, so each
# image costs a manifest and a config request), one Pod per image. Prints the
# wall time of `wincompat lock` (best and median of RUNS, default 5) against
# the 2 s target.
#
#   bash bench/run_registry_lock.sh [BINARY]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="${1:-$root/build/wincompat}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
count="${IMAGES:-200}"
runs="${RUNS:-5}"
. "$root/tests/e2e/lib/registry_lib.sh"
registry_have_tools || { echo "needs docker-registry and curl" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'registry_stop; rm -rf "$tmp"' EXIT
registry_start "$tmp/registry" "$tmp/storage"
echo "pushing $count images to $REGISTRY_ADDR ..." >&2
mkdir -p "$tmp/repo/.git"
builds=(10.0.17763.5458 10.0.20348.2113 10.0.26100.1742)
pushes=()
for i in $(seq 1 "$count"); do
  push_image "team$((i % 10))/app$i" "1.$i" windows amd64 "${builds[$((i % 3))]}" >/dev/null &
  pushes+=($!)
  # A bare `wait` would also wait for the registry itself.
  [ $((i % 8)) = 0 ] && { wait "${pushes[@]}"; pushes=(); }
  cat >>"$tmp/repo/pods.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: app$i}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - {name: app, image: $REGISTRY_ADDR/team$((i % 10))/app$i:1.$i}
---
YAML
done
[ ${#pushes[@]} = 0 ] || wait "${pushes[@]}"

times=()
for _ in $(seq 1 "$runs"); do
  rm -f "$tmp/repo/.wincompat.lock"
  start=$EPOCHREALTIME
  (cd "$tmp/repo" && "$bin" lock --insecure-registry "$REGISTRY_ADDR" --today 2026-12-01 2>"$tmp/err" >/dev/null)
  end=$EPOCHREALTIME
  grep -q "$count images locked ($count read" "$tmp/err" || { cat "$tmp/err" >&2; echo "lock did not read every image" >&2; exit 1; }
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
done
best="$(printf '%s\n' "${times[@]}" | sort -g | head -n 1)"
median="$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
verdict="$(awk -v t="$median" 'BEGIN { print (t < 2.0 ? "PASS" : "MISS") }')"
echo "wincompat lock, $count images: best ${best}s, median ${median}s over $runs runs (target < 2 s: $verdict)"
