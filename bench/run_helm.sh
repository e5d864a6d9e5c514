#!/usr/bin/env bash
# Benchmarks chart rendering and linting.
#
#   bench/run_helm.sh [BIN]
#
# BIN defaults to ../build/wincompat (relative to bench/). Generates (once)
# bench/corpus/helm-big (one chart with 50 templates) and
# bench/corpus/helm-monorepo (200 charts, a third with a subchart) with
# gen_charts.py, then times:
#   (a) wincompat lint helm-big            target < 20 ms (render + lint),
#       median of 30 runs through spawn_time.py
#   (b) wincompat lint helm-monorepo       plus bench/corpus/mixed-* when
#       run_mixed.sh has generated it     target < 1.5 s on 2 cores
# and prints a Markdown table with PASS/MISS (also bench/out/helm-results.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/wincompat}
corpus=$here/corpus
mkdir -p "$corpus" "$here/out"
if [ ! -d "$corpus/helm-big" ]; then
  python3 "$here/gen_charts.py" big "$corpus/helm-big"
fi
if [ ! -d "$corpus/helm-monorepo" ]; then
  python3 "$here/gen_charts.py" monorepo "$corpus/helm-monorepo" 200
fi
mixed=$(find "$corpus" -maxdepth 1 -type d -name 'mixed-*' | head -n 1)

# Best wall time of 5 runs, in milliseconds.
best_ms() {
  local best=999999 start end ms
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "$best"
}

"$bin" render "$corpus/helm-big/big-chart" > "$here/out/helm-big.yaml"
docs=$(grep -c '^# Source:' "$here/out/helm-big.yaml")
# A ~20 ms run is timed with spawn_time.py (posix_spawn, monotonic clock):
# a bash loop around `date` adds several milliseconds of its own. Median of 30.
big=$(python3 "$here/spawn_time.py" --runs 30 "$bin" lint --no-config --fail-level none \
  "$corpus/helm-big/big-chart" | sort -n | awk '{ v[NR] = $1 } END { printf "%d", v[int((NR + 1) / 2)] + 0.5 }')
mono_args=("$corpus/helm-monorepo")
[ -n "$mixed" ] && mono_args+=("$mixed")
mono=$(best_ms "$bin" lint --no-config --fail-level none "${mono_args[@]}")

verdict() { if [ "$1" -lt "$2" ]; then echo PASS; else echo MISS; fi; }
{
  echo "| case | wall | target | |"
  echo "|---|---|---|---|"
  echo "| one chart, 50 templates ($docs rendered), median of 30 | ${big} ms | < 20 ms | $(verdict "$big" 20) |"
  echo "| 200-chart monorepo${mixed:+ + $(basename "$mixed")}, best of 5 | ${mono} ms | < 1500 ms | $(verdict "$mono" 1500) |"
} | tee "$here/out/helm-results.md"
