#!/usr/bin/env bash
# Builds (when needed) and runs one libFuzzer target for a while.
#
#   bash bench/fuzz.sh TARGET SECONDS
#
# TARGET: dockerfile, manifest, image_ref, config, nodes, lsp, archive,
# template, values or kustomize (the fuzz/fuzz_TARGET.cpp files). The build directory is FUZZ_BUILD_DIR
# (default: build-asan, the clang sanitizer build `bootstrap.sh test` makes);
# it is configured here with clang-14 when it does not exist yet.
#
# Inputs: seeds made from the test fixtures (fuzz/seeds.sh), the inputs that
# once crashed it (fuzz/regressions/TARGET/, replayed first) and the corpus of
# earlier runs (FUZZ_BUILD_DIR/fuzz-work/corpus/TARGET, grown by this run).
# FUZZ_NO_BUILD=1 skips the build step (runs in parallel must not share a
# ninja invocation; build `fuzz_all` first).
# Crash, leak, timeout (over FUZZ_TIMEOUT seconds per input: 1 s, more for
# the targets that render whole charts or builds, below) and out-of-memory inputs are
# written to FUZZ_BUILD_DIR/fuzz-work/crashes/TARGET/ (emptied first); the log is
# FUZZ_BUILD_DIR/fuzz-work/logs/TARGET.log. A timeout that does not reproduce
# when its input is run alone (a busy machine) is set aside, not counted.
# Exit status: 0 when nothing was found, else 1.
set -euo pipefail

usage="usage: bash bench/fuzz.sh dockerfile|manifest|image_ref|config|nodes|lsp|archive|template|values|kustomize SECONDS"
target="${1:?$usage}"
seconds="${2:?$usage}"
target="${target#fuzz_}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FUZZ_BUILD_DIR:-$root/build-asan}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
[ -f "$root/fuzz/fuzz_$target.cpp" ] || { echo "$usage" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }

work="$build_dir/fuzz-work"
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  if [ ! -f "$build_dir/build.ninja" ]; then
    echo "==> configuring the fuzz build in $build_dir (clang-14, ASan, UBSan, libFuzzer)"
    # -O1: the usual fuzzing trade-off between speed and build time/accuracy.
    CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 \
      -DWINCOMPAT_FUZZ=ON -DWINCOMPAT_BUILD_TESTS=OFF >/dev/null
  fi
  mkdir -p "$work"
  # Quiet unless it fails: CI runs this once per target.
  cmake --build "$build_dir" -j "$jobs" --target "fuzz_$target" wincompat_lsp_seeds >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
fi
binary="$build_dir/fuzz/fuzz_$target"
[ -x "$binary" ] || { echo "no $binary: is $build_dir configured with -DWINCOMPAT_FUZZ=ON?" >&2; exit 1; }

seeds="$work/seeds/$target"
corpus="$work/corpus/$target"
crashes="$work/crashes/$target"
log="$work/logs/$target.log"
# Findings of an earlier run were reported then; keep them by moving them to
# fuzz/regressions/TARGET/ (see docs/hardening.md).
rm -rf "$crashes"
mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
bash "$root/fuzz/seeds.sh" "$target" "$seeds" "$build_dir/fuzz/wincompat_lsp_seeds"
inputs=("$corpus" "$seeds")
regressions="$root/fuzz/regressions/$target"
[ -d "$regressions" ] && inputs+=("$regressions")
dict=()
[ -f "$root/fuzz/dict/$target.dict" ] && dict=(-dict="$root/fuzz/dict/$target.dict")

# Leaks fail a run like crashes; UBSan findings stop it (halt_on_error).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# An input taking over a second is a finding (the linter runs per keystroke
# in editors). A chart render or a kustomize build may legitimately run to
# the engine's limits (2 million template steps, the build limits in
# docs/hardening.md), which take a few seconds under the sanitizers: those
# targets get longer, so that only a limit that does not hold is a finding.
case "$target" in
  template | values | kustomize) timeout="${FUZZ_TIMEOUT:-10}" ;;
  *) timeout="${FUZZ_TIMEOUT:-1}" ;;
esac
echo "==> fuzz_$target for ${seconds}s (seeds: $(find "$seeds" -type f | wc -l), corpus: $(find "$corpus" -type f | wc -l))"
# -rss_limit_mb also caps single allocations.
fuzz_for() {
  "$binary" -max_total_time="$1" -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "${dict[@]}" "${inputs[@]}" >>"$log" 2>&1
}

# On a busy machine (other builds, parallel runs) an input can miss the
# timeout for want of CPU. A timeout counts only when it reproduces: the input
# alone, three times. One that does not is set aside in $unconfirmed and the
# run goes on for the time left (at most 5 times).
unconfirmed="$work/unconfirmed/$target"
timeout_reproduces() {
  "$binary" -timeout="$timeout" -rss_limit_mb=2048 -runs=3 "$1" >>"$log" 2>&1 && return 1
  return 0
}

: >"$log"
rm -rf "$unconfirmed"
clean=0
started=$(date +%s)
for attempt in 1 2 3 4 5 6; do
  left=$((seconds - ($(date +%s) - started)))
  [ "$left" -gt 0 ] || left=1
  status=0
  fuzz_for "$left" || status=$?
  if [ "$status" -eq 0 ]; then
    clean=1
    break
  fi
  # Anything but timeouts (crash-, leak-, oom-, slow-unit-), or a failure
  # that left no input, is a finding as is.
  clean=0
  [ -z "$(find "$crashes" -type f ! -name 'timeout-*')" ] || break
  [ -n "$(find "$crashes" -type f -name 'timeout-*')" ] || break
  confirmed=0
  for input in "$crashes"/timeout-*; do
    if timeout_reproduces "$input"; then
      confirmed=1
    else
      mkdir -p "$unconfirmed"
      mv "$input" "$unconfirmed/"
      echo "WARNING: $(basename "$input") ran under $timeout s alone (a busy machine?): kept in $unconfirmed"
    fi
  done
  [ "$confirmed" -eq 0 ] || break
  clean=1
  [ $(($(date +%s) - started)) -lt "$seconds" ] || break
done

# The last status line (coverage, features, corpus) and the final statistics.
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | tail -n 4 || true
elapsed=$(($(date +%s) - started))
execs=$(awk '/^stat::number_of_executed_units/ { n += $2 } END { print n + 0 }' "$log")
echo "fuzz_$target: $execs executions in ${elapsed}s ($((execs / (elapsed > 0 ? elapsed : 1)))/s)," \
  "corpus $(find "$corpus" -type f | wc -l) files ($(du -sk "$corpus" | cut -f1) KiB)"
found=$(find "$crashes" -type f | wc -l)
if [ "$clean" -ne 1 ] || [ "$found" -ne 0 ]; then
  tail -n 60 "$log"
  echo "FAIL: fuzz_$target exited with status $status; $found input(s) in $crashes" >&2
  exit 1
fi
echo "PASS: fuzz_$target, nothing found in ${seconds}s"
