#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Benchmarks `wincompat lint` on a synthetic corpus of Windows Dockerfiles.
#
#   bench/run_dockerfiles.sh [COUNT] [BIN]
#
# COUNT defaults to 10000, BIN to ../build/wincompat (relative to bench/).
# Generates the corpus into bench/corpus/dockerfiles-COUNT (once: kept and
# reused while its CORPUS-INFO.txt exists), then measures
#   (a) wincompat lint --format json --fail-level none DIR > /dev/null,
#       default --jobs: best wall of $RUNS runs, files/s, MB/s, peak RSS;
#   (b) the same with --jobs 1;
#   (c) one small Dockerfile, whole process start to exit: best and median
#       of $SMALL_RUNS runs, in milliseconds (launcher overhead shown apart);
#   (d) when bench/install_npm_linters.sh has installed them into bench/.npm,
#       the npm linters dockerfilelint and dockerfile-utils on the same
#       corpus, and how many times faster wincompat is;
# and prints a Markdown table (also written to bench/out/results-COUNT.md)
# with PASS/MISS against the targets:
#   10,000 Dockerfiles in < 0.5 s wall with the default --jobs;
#   one small Dockerfile, process start to exit, < 5 ms (median);
#   peak RSS < 150 MB for the 10,000.
#
# Timing: wall time is taken with bash's $EPOCHREALTIME (microseconds) around
# the command, and the peak RSS with GNU time (`/usr/bin/time -f '%e %M'`,
# installed from Debian's `time` package when missing), whose own %e has only
# 10 ms resolution. For (c), hyperfine (-N, no shell) is used when installed,
# otherwise bench/spawn_time.py (posix_spawn + wait, monotonic clock); either
# way the launcher's own cost is shown as the `/bin/true` row (about 1.5-2 ms
# on this VM, where creating any process is that slow) and is NOT subtracted.
# The helpers (timing, the npm linter runs, the report's npm table) are in
# bench/bench_lib.sh, shared with run_yaml.sh and run_mixed.sh.
#
# Environment knobs: RUNS (3), SMALL_RUNS (50), NPM_BUDGET_S (300: an npm
# linter is first timed on NPM_SAMPLE files, and on $NPROC files for its
# start-up alone; when the full run so estimated would take longer than the
# budget, the estimate is reported, marked as extrapolated), NPM_SAMPLE (500), CLI_SAMPLE (200 files for
# dockerfile-utils' one-process-per-file CLI), SEED (1), SKIP_NPM=1.
#
# Exit status: 0 when the benchmark ran (whether or not targets were met),
# 2 when it could not run (no binary, wincompat failed with exit >= 2, ...).
set -euo pipefail
export LC_ALL=C

PROG=run_dockerfiles
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COUNT="${1:-10000}"
BIN="${2:-$here/../build/wincompat}"
RUNS="${RUNS:-3}"
SMALL_RUNS="${SMALL_RUNS:-50}"
NPM_BUDGET_S="${NPM_BUDGET_S:-300}"
NPM_SAMPLE="${NPM_SAMPLE:-500}"
CLI_SAMPLE="${CLI_SAMPLE:-200}"
SEED="${SEED:-1}"
SKIP_NPM="${SKIP_NPM:-0}"
# shellcheck source=bench_lib.sh
. "$here/bench_lib.sh"

case "$COUNT" in ''|*[!0-9]*) die "COUNT must be a positive integer, got '$COUNT'";; esac
[ "$COUNT" -gt 0 ] || die "COUNT must be > 0"
bench_init
# The binary is run where it is (not copied, unlike run_yaml.sh/run_mixed.sh).
use_binary --no-copy "$BIN" ": $0 $COUNT /path/to/wincompat"

# ---------------------------------------------------------------- corpus
corpus="$here/corpus/dockerfiles-$COUNT"
gen_corpus "$corpus" "$COUNT Dockerfiles" python3 "$here/gen_dockerfiles.py" "$corpus" "$COUNT" --seed "$SEED"
info() { info_of "$corpus" "$1"; }
[ "$(info files)" = "$COUNT" ] || die "$corpus/CORPUS-INFO.txt says $(info files) files, expected $COUNT; delete $corpus"
BYTES="$(info bytes)"
MB="$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')"
# The Dockerfiles, relative to $corpus, sorted (for the npm linters' samples).
(cd "$corpus" && find . -type f ! -name CORPUS-INFO.txt | sed 's|^\./||' | sort) > "$tmp/files.txt"
[ "$(wc -l < "$tmp/files.txt")" -eq "$COUNT" ] || die "corpus has $(wc -l < "$tmp/files.txt") files, expected $COUNT"

# A small Dockerfile for the process start-to-exit measurement.
small_dir="$out/small"
mkdir -p "$small_dir"
cat > "$small_dir/Dockerfile" <<'EOF'
# escape=`
ARG TAG=ltsc2022
FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-$TAG AS build
WORKDIR C:\src
COPY . .
RUN dotnet publish -c Release -o C:\out

FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-$TAG
WORKDIR C:\app
COPY --from=build C:\out\ .
EXPOSE 8080
ENTRYPOINT ["dotnet", "App.dll"]
EOF

log_machine
log "corpus: $COUNT files, $MB MB ($corpus)"

# ---------------------------------------------------------------- warm-up + sanity
# One untimed run: warms the page cache and checks that every file was linted
# and that the output does not depend on --jobs.
cd "$corpus/.."
corpus_arg="$(basename "$corpus")"
set +e
"${lint_cmd[@]}" "$corpus_arg" > "$tmp/out-default.json" 2> "$tmp/stderr"; rc=$?
set -e
M_RC=$rc; check_wincompat_rc
linted="$(python3 - "$tmp/out-default.json" <<'EOF'
import json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    s = doc.get("summary", {})
    n = s.get("files", len(doc.get("files", [])))
    print(n, s.get("error", "?"), s.get("warning", "?"), s.get("info", "?"))
except Exception as e:  # the JSON is part of the contract; say so, go on
    print("? ? ? ?")
    print("run_dockerfiles: cannot read the JSON output: %s" % e, file=sys.stderr)
EOF
)"
read -r linted_files n_err n_warn n_info <<< "$linted"
log "sanity: wincompat reports $linted_files files linted ($n_err errors, $n_warn warnings, $n_info infos)"
[ "$linted_files" = "$COUNT" ] || log "WARNING: expected $COUNT files linted, wincompat says $linted_files"
set +e
"${lint_cmd[@]}" --jobs 1 "$corpus_arg" > "$tmp/out-j1.json" 2>/dev/null
set -e
if cmp -s "$tmp/out-default.json" "$tmp/out-j1.json"; then
  jobs_identical="yes"
else
  jobs_identical="NO"
  log "WARNING: the JSON output with --jobs 1 differs from the default --jobs (json-output.md requires byte-identical output)"
fi

# ---------------------------------------------------------------- (a), (b)
best_of "default --jobs ($NPROC)" "${lint_cmd[@]}" "$corpus_arg"
A_WALL=$B_WALL A_RSS=$B_RSS_MB
best_of "--jobs 1" "${lint_cmd[@]}" --jobs 1 "$corpus_arg"
J1_WALL=$B_WALL J1_RSS=$B_RSS_MB

# ---------------------------------------------------------------- (c)
small_cmd=("${lint_cmd[@]}" "$small_dir/Dockerfile")
measure /dev/null "${small_cmd[@]}"; check_wincompat_rc
SMALL_RSS="$(div "$M_RSS_KB" 1024 %.1f)"
small_method="posix_spawn, bench/spawn_time.py"
if command -v hyperfine >/dev/null 2>&1; then
  small_method="hyperfine -N"
  hf_ms() {  # hf_ms OUTFILE CMD... : hyperfine's per-run times in ms
    local o="$1"
    shift
    hyperfine -N --warmup 3 --runs "$SMALL_RUNS" -i --export-json "$tmp/hf.json" \
      "$(printf '%q ' "$@")" > /dev/null 2>&1 || return 1
    python3 -c 'import json,sys; [print("%.4f" % (t * 1000)) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' \
      "$tmp/hf.json" > "$o"
  }
  hf_ms "$tmp/small.ms" "${small_cmd[@]}" || die "hyperfine failed on the small Dockerfile"
  hf_ms "$tmp/true.ms" /bin/true || : > "$tmp/true.ms"
else
  python3 "$here/spawn_time.py" --runs "$SMALL_RUNS" "${small_cmd[@]}" > "$tmp/small.ms" ||
    die "the small Dockerfile run failed"
  python3 "$here/spawn_time.py" --runs "$SMALL_RUNS" /bin/true > "$tmp/true.ms" || : > "$tmp/true.ms"
fi
SMALL_BEST="$(min_of < "$tmp/small.ms")"
SMALL_MED="$(median_of < "$tmp/small.ms")"
TRUE_BEST="$( [ -s "$tmp/true.ms" ] && min_of < "$tmp/true.ms" || echo n/a)"
TRUE_MED="$( [ -s "$tmp/true.ms" ] && median_of < "$tmp/true.ms" || echo n/a)"
log "small Dockerfile: best $SMALL_BEST ms, median $SMALL_MED ms ($SMALL_RUNS runs, $small_method); /bin/true: best $TRUE_BEST ms, median $TRUE_MED ms"

# ---------------------------------------------------------------- (d) npm linters
# Run as bench_lib.sh's npm_linters says, with dockerfile-utils' one-process-
# per-file CLI timed on $CLI_SAMPLE files and extrapolated, for reference.
npm_linters "$corpus" "$tmp/files.txt" "$CLI_SAMPLE"

# ---------------------------------------------------------------- report
A_FPS="$(div "$COUNT" "$A_WALL" %.0f)"; A_MBS="$(div "$MB" "$A_WALL" %.1f)"
J1_FPS="$(div "$COUNT" "$J1_WALL" %.0f)"; J1_MBS="$(div "$MB" "$J1_WALL" %.1f)"
# The wall target is for 10,000 files; another COUNT is scaled linearly.
A_WALL_10K="$(awk -v w="$A_WALL" -v n="$COUNT" 'BEGIN { printf "%.3f", w * 10000 / n }')"
t1=0; lt "$A_WALL_10K" 0.5 && t1=1
t2=0; lt "$SMALL_MED" 5 && t2=1
t3=0; lt "$A_RSS" 150 && t3=1
scaled_note=""
[ "$COUNT" -eq 10000 ] || scaled_note=" (scaled from $COUNT files: $A_WALL s)"
mem_note=""
[ "$COUNT" -eq 10000 ] || mem_note=" (measured on $COUNT files)"

report="$out/results-$COUNT.md"
{
  echo "wincompat benchmark: $COUNT synthetic Windows Dockerfiles ($MB MB, seed $SEED), $(date -u +%Y-%m-%d)"
  echo "on $NPROC cores${cpu:+ ($cpu)}, CPU ${busy_start}% busy before the start; ${version:-wincompat}; best of $RUNS runs"
  echo
  echo "| run | wall | files/s | MB/s | peak RSS |"
  echo "|---|---:|---:|---:|---:|"
  echo "| \`lint --format json\`, default --jobs ($NPROC) | $(fmt "$A_WALL" %.3f) s | $A_FPS | $A_MBS | $A_RSS MB |"
  echo "| \`lint --format json\`, --jobs 1 | $(fmt "$J1_WALL" %.3f) s | $J1_FPS | $J1_MBS | $J1_RSS MB |"
  echo "| one small Dockerfile, process start to exit | best $(fmt "$SMALL_BEST" %.2f) ms, median $(fmt "$SMALL_MED" %.2f) ms | | | $SMALL_RSS MB |"
  if [ "$TRUE_MED" != n/a ]; then
    echo "| (harness overhead: \`/bin/true\` the same way) | best $(fmt "$TRUE_BEST" %.2f) ms, median $(fmt "$TRUE_MED" %.2f) ms | | | |"
  fi
  npm_table "npm linter, same corpus" "wincompat faster by" "$COUNT" "$A_WALL"
  echo
  echo "| target | measured | result |"
  echo "|---|---|---|"
  echo "| 10,000 Dockerfiles < 0.5 s wall, default --jobs | $A_WALL_10K s$scaled_note | $(pf $t1) |"
  echo "| one small Dockerfile < 5 ms, start to exit (median) | $(fmt "$SMALL_MED" %.2f) ms | $(pf $t2) |"
  echo "| peak memory < 150 MB for the 10,000 | $A_RSS MB$mem_note | $(pf $t3) |"
  echo
  echo "Output checks: $linted_files files in the JSON summary ($n_err errors, $n_warn warnings, $n_info infos); identical JSON with --jobs 1 and default: $jobs_identical."
} > "$report"
cat "$report"
log "written to $report"
