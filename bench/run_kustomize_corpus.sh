#!/usr/bin/env bash
# Times the kustomize builder against `kubectl kustomize` over the real-world
# corpus of tests/kustomize-corpus (every build of builds.tsv, with the load
# restrictor listed there) and prints how many times faster wincompat is.
#
#   bench/run_kustomize_corpus.sh [BIN]     (default: ./build/wincompat)
#
# BIN should be a Release build (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
# && cmake --build build --target wincompat). Both tools run the same way:
# one process per build (`wincompat render --load-restrictor R DIR` and
# `kubectl kustomize --load-restrictor R DIR`), output to /dev/null, one
# build after the other; the time is the wall time of the whole pass, best of
# RUNS passes (default 3) after one untimed pass that warms the page cache and
# checks that every build succeeds with both. Target: wincompat at least 5x
# faster in wall time. The CPU time (user + system) of the same best passes is
# printed too: on a busy machine, where wall time is mostly waiting for a
# core, it is the steadier comparison. Exit 0 when the benchmark ran (PASS or
# MISS), 2 when it could not.
set -euo pipefail

PROG=run_kustomize_corpus
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
bin="${1:-$repo/build/wincompat}"
runs="${RUNS:-3}"
target=5
corpus="$repo/tests/kustomize-corpus"

die() { echo "$PROG: $*" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash >= 5 (for \$EPOCHREALTIME)"
[ -x "$bin" ] || die "$bin not found (a Release build: cmake --build build --target wincompat)"
command -v kubectl >/dev/null || die "kubectl not found (kubectl kustomize is the reference)"

dirs=()
restrictors=()
while IFS=$'\t' read -r dir restrictor; do
  [ -n "$dir" ] || continue
  dirs+=("$corpus/$dir")
  restrictors+=("$restrictor")
done <"$corpus/builds.tsv"
[ "${#dirs[@]}" -gt 0 ] || die "no builds in $corpus/builds.tsv"

# The CPU seconds (user + system) that this shell's finished children have
# used so far: bash's `times` (its second line), run in this shell itself
# (a command substitution would be a new process, whose children have used
# nothing yet).
cpu_file="$(mktemp)"
trap 'rm -f "$cpu_file" "$cpu_file.start" "$cpu_file.end"' EXIT
children_cpu() {
  times >"$cpu_file"
  awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } } END { printf "%.3f\n", s }' "$cpu_file"
}

# pass TOOL: runs every build once; prints the wall seconds and the CPU
# seconds, or fails.
pass() {
  local tool="$1" i start
  start="$EPOCHREALTIME"
  children_cpu >"$cpu_file.start"
  for i in "${!dirs[@]}"; do
    if [ "$tool" = wincompat ]; then
      "$bin" render --load-restrictor "${restrictors[$i]}" "${dirs[$i]}" >/dev/null 2>&1 ||
        { echo "$PROG: wincompat render failed on ${dirs[$i]}" >&2; return 1; }
    else
      kubectl kustomize --load-restrictor "${restrictors[$i]}" "${dirs[$i]}" >/dev/null 2>&1 ||
        { echo "$PROG: kubectl kustomize failed on ${dirs[$i]}" >&2; return 1; }
    fi
  done
  local end="$EPOCHREALTIME"
  children_cpu >"$cpu_file.end"
  awk -v a="$start" -v b="$end" -v c="$(cat "$cpu_file.start")" -v d="$(cat "$cpu_file.end")" \
    'BEGIN { printf "%.3f %.3f\n", b - a, d - c }'
}

best() {
  local tool="$1" r t all=()
  pass "$tool" >/dev/null || exit 2 # warm-up, and every build must succeed
  for r in $(seq 1 "$runs"); do
    t="$(pass "$tool")" || exit 2
    all+=("$t")
  done
  printf '%s\n' "${all[@]}" | sort -g | head -n 1
}

read -r ours ours_cpu <<<"$(best wincompat)"
read -r theirs theirs_cpu <<<"$(best kubectl)"
ratio="$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')"
cpu_ratio="$(awk -v a="$theirs_cpu" -v b="$ours_cpu" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
verdict=MISS
awk -v r="$ratio" -v t="$target" 'BEGIN { exit !(r >= t) }' && verdict=PASS
kubectl_version="$(kubectl version --client 2>/dev/null | awk '/Kustomize/ { print $3 }')"
echo "builds=${#dirs[@]} wincompat_s=$ours kubectl_kustomize_s=$theirs (kustomize ${kubectl_version:-?})" \
  "ratio=${ratio}x target=${target}x runs=$runs $verdict" \
  "cpu: wincompat_s=$ours_cpu kubectl_kustomize_s=$theirs_cpu ratio=${cpu_ratio}x"
