#!/usr/bin/env bash
# A long differential fuzzing run of the Helm engine against the reference
# (tests/helmref: Go's text/template with Sprig and Helm's functions).
#
#   bash bench/helmref_fuzz.sh [SECONDS] [TEST_BINARY]
#
# SECONDS defaults to 600; TEST_BINARY to build-dev/tests/wincompat_tests.
# Each divergence is minimised and written as a case file, with Go's answer
# as its expected text, to $HELMREF_SAVE (default: helmref-divergences/);
# fix the engine, then move the case into tests/helmref/cases/.
# WINCOMPAT_HELMREF_FUZZ_SEED repeats a run. Exit status: the test's (0 when
# the divergences stay under the ratchet; STRICT=1 wants none).
# Needs Go and Debian's golang-github-masterminds-sprig-dev,
# golang-k8s-sigs-yaml-dev and golang-github-burntsushi-toml-dev.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
binary="${2:-$root/build-dev/tests/wincompat_tests}"
save="${HELMREF_SAVE:-$PWD/helmref-divergences}"
mkdir -p "$save"
[ -x "$binary" ] || { echo "no test binary at $binary (build wincompat_tests first)" >&2; exit 2; }
WINCOMPAT_HELMREF_FUZZ_SECONDS="$seconds" WINCOMPAT_HELMREF_FUZZ_SAVE="$save" \
  WINCOMPAT_HELMREF_FUZZ_STRICT="${STRICT:-0}" "$binary" "[helmref-fuzz]"
