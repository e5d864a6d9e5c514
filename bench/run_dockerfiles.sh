#!/usr/bin/env bash
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

die() { echo "run_dockerfiles: $*" >&2; exit 2; }
log() { echo "run_dockerfiles: $*" >&2; }

case "$COUNT" in ''|*[!0-9]*) die "COUNT must be a positive integer, got '$COUNT'";; esac
[ "$COUNT" -gt 0 ] || die "COUNT must be > 0"
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash >= 5 (for \$EPOCHREALTIME)"

# ---------------------------------------------------------------- the binary
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  die "no wincompat binary at $BIN; build it first:
  cmake -S $(cd "$here/.." && pwd) -B $(cd "$here/.." && pwd)/build -DCMAKE_BUILD_TYPE=Release && cmake --build $(cd "$here/.." && pwd)/build -j2
or pass its path: $0 $COUNT /path/to/wincompat"
fi
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

# ---------------------------------------------------------------- GNU time
TIME=/usr/bin/time
if ! "$TIME" -f '%e %M' true >/dev/null 2>&1; then
  log "GNU time missing; installing Debian's 'time' package"
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  { $sudo_ apt-get install -y time >/dev/null 2>&1 ||
    { $sudo_ apt-get update >/dev/null 2>&1 && $sudo_ apt-get install -y time >/dev/null 2>&1; }; } || true
  "$TIME" -f '%e %M' true >/dev/null 2>&1 || die "could not install GNU time (apt-get install -y time)"
fi

out="$here/out"
mkdir -p "$out"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/wincompat-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------- corpus
corpus="$here/corpus/dockerfiles-$COUNT"
if [ ! -f "$corpus/CORPUS-INFO.txt" ]; then
  log "generating $COUNT Dockerfiles into $corpus"
  rm -rf "$corpus"
  python3 "$here/gen_dockerfiles.py" "$corpus" "$COUNT" --seed "$SEED" >&2
fi
info() { awk -v k="$1" '$1 == k { print $2 }' "$corpus/CORPUS-INFO.txt"; }
[ "$(info files)" = "$COUNT" ] || die "$corpus/CORPUS-INFO.txt says $(info files) files, expected $COUNT; delete $corpus"
BYTES="$(info bytes)"
MB="$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')"
NPROC="$(nproc 2>/dev/null || echo 1)"
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

# ---------------------------------------------------------------- helpers
# measure STDIN_FILE CMD...: runs CMD once under GNU time with stdout to
# /dev/null; sets M_WALL (seconds), M_RSS_KB and M_RC.
measure() {
  local stdin_file="$1" s e
  shift
  s=$EPOCHREALTIME
  set +e
  "$TIME" -f '%e %M' -o "$tmp/time" "$@" < "$stdin_file" > /dev/null 2> "$tmp/stderr"
  M_RC=$?
  set -e
  e=$EPOCHREALTIME
  M_WALL="$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }')"
  # GNU time prefixes "Command exited with non-zero status N" when N != 0.
  M_RSS_KB="$(tail -n 1 "$tmp/time" | awk '{ print $2 }')"
}

# A wincompat exit of 0 or 1 (findings) is fine; anything else is a failure.
check_wincompat_rc() {
  if [ "$M_RC" -gt 1 ]; then
    log "wincompat exited $M_RC:"; sed -n '1,20p' "$tmp/stderr" >&2
    die "wincompat failed; not a benchmark result"
  fi
}

min_of() { sort -g | head -n 1; }
max_of() { sort -g | tail -n 1; }
median_of() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b == 0) print "n/a"; else printf f, a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else { r = a / b; printf (r < 10 ? "%.1f" : "%.0f"), r } }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

extra_opts=()
if "$BIN" lint --help 2>&1 | grep -q -- '--no-config'; then
  extra_opts+=(--no-config)   # a .wincompat.yaml up the tree must not skew the run
fi
lint_cmd=("$BIN" lint --format json --fail-level none "${extra_opts[@]}")

version="$("$BIN" --version 2>/dev/null | head -n 1 || true)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
# How busy the CPUs are before we start (one second of /proc/stat; the load
# average would still count a previous benchmark's runs for minutes).
cpu_busy() {
  local a b
  a="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat 2>/dev/null)" || { echo '?'; return; }
  sleep 1
  b="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat 2>/dev/null)" || { echo '?'; return; }
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = (y[1] - x[1]) + (y[2] - x[2]);
    if (t <= 0) print "?"; else printf "%.0f\n", 100 * (y[1] - x[1]) / t }'
}
busy_start="$(cpu_busy)"
log "binary: $BIN (${version:-unknown version}); $NPROC cores${cpu:+ ($cpu)}; CPU ${busy_start}% busy before the start"
if [ "$busy_start" != '?' ] && [ "$busy_start" -ge 20 ]; then
  log "WARNING: the machine is busy (${busy_start}% CPU used by other processes); figures will be slower and noisier"
fi
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
bench_dir() {  # bench_dir LABEL [OPTS...] -> sets B_WALL B_RSS_MB
  local label="$1" i walls="" rss=""
  shift
  for ((i = 1; i <= RUNS; i++)); do
    measure /dev/null "${lint_cmd[@]}" "$@" "$corpus_arg"
    check_wincompat_rc
    log "$label run $i: ${M_WALL} s, ${M_RSS_KB} KB peak RSS"
    walls+="$M_WALL"$'\n'; rss+="$M_RSS_KB"$'\n'
  done
  B_WALL="$(printf '%s' "$walls" | min_of)"
  B_RSS_MB="$(div "$(printf '%s' "$rss" | max_of)" 1024 %.1f)"
}
bench_dir "default --jobs ($NPROC)"
A_WALL=$B_WALL A_RSS=$B_RSS_MB
bench_dir "--jobs 1" --jobs 1
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
# How each npm linter is run, the fastest fair way on many files:
# - dockerfilelint's CLI takes many files in one invocation (it loads its rules
#   once, ~0.25 s of node start-up); one process per file would cost that
#   start-up 10,000 times. So: the file list split in $NPROC equal parts, one
#   `dockerfilelint -j FILE...` process per part, $NPROC in parallel (the same
#   cores wincompat's default --jobs uses), JSON output to /dev/null.
#   Note: dockerfilelint ignores the `# escape=` directive, so it reads
#   backtick-continued lines as separate instructions (and flags them).
# - dockerfile-utils' CLI (`dockerfile-utils lint [--json] FILE`) takes ONE
#   file per process (~0.15 s of node start-up each). Its library is what
#   editors embed, so bench/dockerfile_utils_batch.js calls the same
#   validate() on many files in one process; it is run like dockerfilelint
#   ($NPROC parallel processes, one share of the list each). The CLI, one
#   process per file ($NPROC in parallel), is timed on a sample of
#   $CLI_SAMPLE files and extrapolated, for reference.
# Wall time includes node's start-up, reading the files and writing the JSON,
# as wincompat's does. The npm tools' RSS is that of their largest process.
npm_bin="$here/.npm/node_modules/.bin"
npm_rows=()
npm_note=""
run_parallel_share() {  # run_parallel_share LISTFILE CMD... (CMD gets the files as args)
  local list="$1" n per
  shift
  n="$(wc -l < "$list")"
  per=$(( (n + NPROC - 1) / NPROC ))
  tr '\n' '\0' < "$list" > "$tmp/list0"
  measure "$tmp/list0" xargs -0 -P "$NPROC" -n "$per" -s 1900000 "$@"
}
time_npm() {  # time_npm LABEL CMD... -> appends a row; uses the budget/sample logic
  local label="$1" sample wall est how rss
  shift
  sample=$(( NPM_SAMPLE < COUNT ? NPM_SAMPLE : COUNT ))
  # Start-up alone: one file per process, $NPROC processes.
  head -n "$NPROC" "$tmp/files.txt" > "$tmp/sample.txt"
  run_parallel_share "$tmp/sample.txt" "$@"
  startup="$M_WALL"
  head -n "$sample" "$tmp/files.txt" > "$tmp/sample.txt"
  run_parallel_share "$tmp/sample.txt" "$@"
  wall="$M_WALL"; rss="$M_RSS_KB"
  # Full run ~ start-up + per-file work scaled to COUNT.
  est="$(awk -v w="$wall" -v t0="$startup" -v s="$sample" -v n="$COUNT" -v p="$NPROC" \
    'BEGIN { k = (w > t0 && s > p) ? (w - t0) / (s - p) : w / s; printf "%.3f", t0 + k * (n - p) }')"
  if [ "$sample" -eq "$COUNT" ]; then
    how="measured"
  elif lt "$est" "$NPM_BUDGET_S"; then
    log "$label: $sample files in $wall s; full run estimated at $est s, running it"
    run_parallel_share "$tmp/files.txt" "$@"
    wall="$M_WALL"; rss="$M_RSS_KB"; how="measured"
  else
    wall="$est"; how="extrapolated from $sample files (start-up timed apart; an overestimate, node's JIT warms up over the first files)"
  fi
  [ "$M_RC" -lt 126 ] || { log "$label failed (exit $M_RC):"; sed -n '1,10p' "$tmp/stderr" >&2; return 0; }
  # A crash (uncaught exception) exits 1 like "found issues" does; it shows
  # on stderr, where a clean run prints nothing.
  if [ -s "$tmp/stderr" ]; then
    log "$label wrote to stderr (a crash?); its time may not be a full run:"
    sed -n '1,10p' "$tmp/stderr" >&2
    how="$how; errors on stderr"
  fi
  log "$label: $wall s ($how)"
  npm_rows+=("$label|$wall|$(div "$rss" 1024 %.1f)|$how")
}
if [ "$SKIP_NPM" = 1 ]; then
  npm_note="npm linters skipped (SKIP_NPM=1)."
elif ! command -v node >/dev/null 2>&1; then
  npm_note="npm linters not run: node is not installed."
elif [ ! -x "$npm_bin/dockerfilelint" ] || [ ! -x "$npm_bin/dockerfile-utils" ]; then
  npm_note="npm linters not run: install them with bench/install_npm_linters.sh."
else
  cd "$corpus"
  dl_ver="$(node -p 'require(process.argv[1]).version' "$here/.npm/node_modules/dockerfilelint/package.json" 2>/dev/null || echo '?')"
  du_ver="$(node -p 'require(process.argv[1]).version' "$here/.npm/node_modules/dockerfile-utils/package.json" 2>/dev/null || echo '?')"
  # dockerfilelint exits with its issue count (mod 256), and an exit of 255
  # would make xargs stop; the sh wrapper (one per share) maps it to 0.
  # shellcheck disable=SC2016  # $0/$@ are for the inner sh
  time_npm "dockerfilelint $dl_ver (${NPROC}×\`dockerfilelint -j FILE...\`)" \
    sh -c '"$0" -j "$@" || [ $? -lt 126 ]' "$npm_bin/dockerfilelint"
  time_npm "dockerfile-utils $du_ver (library, ${NPROC}×batch driver)" \
    node "$here/dockerfile_utils_batch.js"
  # The one-file-per-process CLI: always a sample, always extrapolated.
  cli_n=$(( CLI_SAMPLE < COUNT ? CLI_SAMPLE : COUNT ))
  head -n "$cli_n" "$tmp/files.txt" | tr '\n' '\0' > "$tmp/cli0"
  measure "$tmp/cli0" xargs -0 -P "$NPROC" -n 1 "$npm_bin/dockerfile-utils" lint --json
  if [ "$M_RC" -lt 126 ]; then
    cli_est="$(awk -v w="$M_WALL" -v s="$cli_n" -v n="$COUNT" 'BEGIN { printf "%.3f", w * n / s }')"
    how="extrapolated from $cli_n files"; [ "$cli_n" -eq "$COUNT" ] && { how="measured"; cli_est="$M_WALL"; }
    log "dockerfile-utils CLI: $cli_n files in $M_WALL s -> $cli_est s ($how)"
    npm_rows+=("dockerfile-utils $du_ver CLI (1 process per file, ${NPROC} in parallel)|$cli_est|$(div "$M_RSS_KB" 1024 %.1f)|$how")
  fi
  cd "$here"
fi

# ---------------------------------------------------------------- report
pf() { [ "$1" = 1 ] && echo PASS || echo MISS; }
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
  if [ "${#npm_rows[@]}" -gt 0 ]; then
    echo
    echo "| npm linter, same corpus | wall | files/s | peak RSS (largest process) | wincompat faster by | how |"
    echo "|---|---:|---:|---:|---:|---|"
    for row in "${npm_rows[@]}"; do
      IFS='|' read -r label wall rss how <<< "$row"
      echo "| $label | $(fmt "$wall" %.2f) s | $(div "$COUNT" "$wall" %.0f) | $rss MB | $(ratio "$wall" "$A_WALL")× | $how |"
    done
  fi
  [ -z "$npm_note" ] || { echo; echo "$npm_note"; }
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
