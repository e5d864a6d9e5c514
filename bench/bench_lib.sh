# Shared helpers for bench/run_dockerfiles.sh, bench/run_yaml.sh and
# bench/run_mixed.sh (sourced, not run). The measuring rules: wall time from
# bash's $EPOCHREALTIME around the command, peak RSS from GNU time's %M.
#
# The sourcing script sets PROG (its name, for messages) and `here` (bench/)
# before sourcing; bench_init then sets tmp (a private temporary directory,
# removed on exit), out (bench/out), NPROC, TIME, cpu and busy_start.
# shellcheck shell=bash
# Most variables set here are read by the sourcing script, and PROG, here,
# RUNS and the NPM_* knobs are set by it:
# shellcheck disable=SC2034,SC2154

die() { echo "$PROG: $*" >&2; exit 2; }
log() { echo "$PROG: $*" >&2; }

min_of() { sort -g | head -n 1; }
max_of() { sort -g | tail -n 1; }
median_of() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { if (x == "n/a" || x == "") print "n/a"; else printf f, x }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf f, a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else { r = a / b; printf (r < 10 ? "%.1f" : "%.0f"), r } }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && b != "n/a" && a + 0 < b + 0) }'; }
pf() { [ "$1" = 1 ] && echo PASS || echo MISS; }
# kv FILE KEY: the value after KEY in a "key value key value ..." or
# "key value" per line file.
kv() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' "$1"; }
# info_of DIR KEY: KEY's value in the corpus DIR's CORPUS-INFO.txt.
info_of() { awk -v k="$2" '$1 == k { print $2 }' "$1/CORPUS-INFO.txt"; }

# gen_corpus DIR WHAT CMD...: when DIR has no CORPUS-INFO.txt (the generators
# write it last), says so, empties DIR and runs CMD (the generator, its output
# to stderr) to make it.
gen_corpus() {
  local dir="$1" what="$2"
  shift 2
  [ ! -f "$dir/CORPUS-INFO.txt" ] || return 0
  log "generating $what into $dir"
  rm -rf "$dir"
  "$@" >&2
}

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

bench_init() {
  [ -n "${EPOCHREALTIME:-}" ] || die "needs bash >= 5 (for \$EPOCHREALTIME)"
  TIME=/usr/bin/time
  if ! "$TIME" -f '%e %M' true >/dev/null 2>&1; then
    log "GNU time missing; installing Debian's 'time' package"
    local sudo_=""
    [ "$(id -u)" -eq 0 ] || sudo_="sudo"
    { $sudo_ apt-get install -y time >/dev/null 2>&1 ||
      { $sudo_ apt-get update >/dev/null 2>&1 && $sudo_ apt-get install -y time >/dev/null 2>&1; }; } || true
    "$TIME" -f '%e %M' true >/dev/null 2>&1 || die "could not install GNU time (apt-get install -y time)"
  fi
  out="$here/out"
  mkdir -p "$out"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/wincompat-bench.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  NPROC="$(nproc 2>/dev/null || echo 1)"
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  busy_start="$(cpu_busy)"
}

# log_machine: the binary, the cores and how busy the CPUs were before the
# start, with a warning at 20% or more.
log_machine() {
  log "binary: $BIN (${version:-unknown version}); $NPROC cores${cpu:+ ($cpu)}; CPU ${busy_start}% busy before the start"
  if [ "$busy_start" != '?' ] && [ "$busy_start" -ge 20 ]; then
    log "WARNING: the machine is busy (${busy_start}% CPU used by other processes); figures will be slower and noisier"
  fi
}

# use_binary [--no-copy] BIN [HOW]: checks it (when it is missing, the hint
# ends "or pass its path" then HOW, " as BIN" by default), sets BIN to its
# absolute path, copies it into $tmp (a rebuild of the original during the
# run then cannot change what is timed; --no-copy: runs BIN itself) and sets
# BIN_RUN, version and lint_cmd.
use_binary() {
  local copy=1 bin how root
  [ "$1" != --no-copy ] || { copy=0; shift; }
  bin="$1" how="${2:- as BIN}"
  root="$(cd "$here/.." && pwd)"
  case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
  [ -x "$bin" ] || die "no wincompat binary at $bin; build it first:
  cmake -S $root -B $root/build -DCMAKE_BUILD_TYPE=Release && cmake --build $root/build -j2
or pass its path$how"
  BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
  BIN_RUN="$BIN"
  if [ "$copy" = 1 ]; then
    BIN_RUN="$tmp/wincompat"
    cp "$BIN" "$BIN_RUN"
  fi
  version="$("$BIN_RUN" --version 2>/dev/null | head -n 1 || true)"
  local extra=() help
  help="$("$BIN_RUN" lint --help 2>&1)"
  if grep -q -- '--no-config' <<<"$help"; then
    extra+=(--no-config)  # a .wincompat.yaml up the tree must not skew the run
  fi
  if grep -q -- '--allow-empty' <<<"$help"; then
    extra+=(--allow-empty)  # a corpus folder of CI YAML only (.github) is not a failed run
  fi
  lint_cmd=("$BIN_RUN" lint --format json --fail-level none "${extra[@]}")
}

# measure STDIN_FILE CMD...: runs CMD once under GNU time with stdout to
# /dev/null; sets M_WALL (seconds), M_CPU (user + system seconds), M_RSS_KB
# and M_RC.
measure() {
  local stdin_file="$1" s e
  shift
  s=$EPOCHREALTIME
  set +e
  "$TIME" -f '%e %M %U %S' -o "$tmp/time" "$@" < "$stdin_file" > /dev/null 2> "$tmp/stderr"
  M_RC=$?
  set -e
  e=$EPOCHREALTIME
  time_fields "$s" "$e"
}
time_fields() {  # time_fields START END: M_WALL, M_CPU, M_RSS_KB from $tmp/time
  M_WALL="$(awk -v s="$1" -v e="$2" 'BEGIN { printf "%.4f", e - s }')"
  # GNU time prefixes "Command exited with non-zero status N" when N != 0.
  M_RSS_KB="$(tail -n 1 "$tmp/time" | awk '{ print $2 }')"
  M_CPU="$(tail -n 1 "$tmp/time" | awk '{ printf "%.2f", $3 + $4 }')"
}

# A wincompat exit of 0 or 1 (findings) is fine; anything else is a failure
# (a crash shows here as 128 + the signal).
check_wincompat_rc() {
  if [ "$M_RC" -gt 1 ]; then
    log "wincompat exited $M_RC:"; sed -n '1,20p' "$tmp/stderr" >&2
    die "wincompat failed; not a benchmark result"
  fi
}

# best_of LABEL CMD...: $RUNS runs of CMD (stdout to /dev/null); sets B_WALL
# (best), B_CPU (least user + system time) and B_RSS_MB (largest peak RSS).
best_of() {
  local label="$1" i walls="" cpus="" rss=""
  shift
  for ((i = 1; i <= RUNS; i++)); do
    measure /dev/null "$@"
    check_wincompat_rc
    log "$label run $i: ${M_WALL} s, ${M_CPU} s CPU, ${M_RSS_KB} KB peak RSS"
    walls+="$M_WALL"$'\n'; cpus+="$M_CPU"$'\n'; rss+="$M_RSS_KB"$'\n'
  done
  B_WALL="$(printf '%s' "$walls" | min_of)"
  B_CPU="$(printf '%s' "$cpus" | min_of)"
  B_RSS_MB="$(div "$(printf '%s' "$rss" | max_of)" 1024 %.1f)"
}

# yamlcpp_best ARGS...: $RUNS runs of bench/out/yamlcpp_parse ARGS; sets
# Y_PARSE (best parse-only seconds), Y_WALL (best process wall), Y_CPU,
# Y_RSS_MB, Y_FILES, Y_DOCS, Y_ERRORS; or Y_PARSE=n/a when it is not built.
yamlcpp_best() {
  local i s e parse="" walls="" cpus="" rss=""
  Y_PARSE=n/a Y_WALL=n/a Y_CPU=n/a Y_RSS_MB=n/a Y_ERRORS=n/a Y_FILES=n/a Y_DOCS=n/a
  [ -x "${YAMLCPP:-}" ] || return 0
  for ((i = 1; i <= RUNS; i++)); do
    s=$EPOCHREALTIME
    set +e
    "$TIME" -f '%e %M %U %S' -o "$tmp/time" "$YAMLCPP" "$@" > "$tmp/yamlcpp.out" 2> "$tmp/stderr"
    M_RC=$?
    set -e
    e=$EPOCHREALTIME
    if [ "$M_RC" -ne 0 ]; then
      log "yamlcpp_parse exited $M_RC:"; sed -n '1,10p' "$tmp/stderr" >&2
      Y_PARSE=n/a; return 0
    fi
    time_fields "$s" "$e"
    log "yaml-cpp parse-only run $i: $(kv "$tmp/yamlcpp.out" parse_s) s parsing, $M_WALL s process, $M_CPU s CPU, $M_RSS_KB KB peak RSS"
    parse+="$(kv "$tmp/yamlcpp.out" parse_s)"$'\n'; walls+="$M_WALL"$'\n'; cpus+="$M_CPU"$'\n'; rss+="$M_RSS_KB"$'\n'
  done
  Y_PARSE="$(printf '%s' "$parse" | min_of)"
  Y_WALL="$(printf '%s' "$walls" | min_of)"
  Y_CPU="$(printf '%s' "$cpus" | min_of)"
  Y_RSS_MB="$(div "$(printf '%s' "$rss" | max_of)" 1024 %.1f)"
  Y_ERRORS="$(kv "$tmp/yamlcpp.out" errors)"
  Y_FILES="$(kv "$tmp/yamlcpp.out" files)"
  Y_DOCS="$(kv "$tmp/yamlcpp.out" docs)"
}

# build_yamlcpp: sets YAMLCPP to bench/out/yamlcpp_parse (built when needed),
# or to "" with a note in yamlcpp_note when it cannot be built.
build_yamlcpp() {
  yamlcpp_note=""
  if YAMLCPP="$("$here/build_yamlcpp_parse.sh" 2> "$tmp/stderr")"; then
    return 0
  fi
  YAMLCPP=""
  yamlcpp_note="yaml-cpp baseline not run: bench/build_yamlcpp_parse.sh failed ($(head -n 1 "$tmp/stderr"))."
  log "$yamlcpp_note"
}

# ---------------------------------------------------------------- npm linters
# How each npm Dockerfile linter is run, the fastest fair way on many files
# (bench/README.md says more):
# - dockerfilelint's CLI takes many files in one invocation (it loads its rules
#   once, ~0.25 s of node start-up); one process per file would cost that
#   start-up once per file. So: the file list split in $NPROC equal shares,
#   one `dockerfilelint -j FILE...` process per share, $NPROC in parallel (the
#   same cores wincompat's default --jobs uses), JSON output to /dev/null.
#   Note: dockerfilelint ignores the `# escape=` directive, so it reads
#   backtick-continued lines as separate instructions (and flags them).
# - dockerfile-utils' CLI (`dockerfile-utils lint [--json] FILE`) takes ONE
#   file per process (~0.15 s of node start-up each). Its library is what
#   editors embed, so bench/dockerfile_utils_batch.js calls the same
#   validate() on many files in one process; it is run like dockerfilelint
#   ($NPROC parallel processes, one share of the list each). On request the
#   CLI, one process per file ($NPROC in parallel), is timed on a sample and
#   extrapolated, for reference.
# Each is first timed on $NPM_SAMPLE files (and on one file per process for
# start-up alone); when the full run so estimated exceeds $NPM_BUDGET_S it is
# reported as extrapolated. Wall time includes node's start-up, reading the
# files and writing the JSON, as wincompat's does. The npm tools' RSS is that
# of their largest process.
#
# npm_linters DIR LISTFILE [CLI_SAMPLE]: LISTFILE holds the Dockerfiles
# relative to DIR, sorted; CLI_SAMPLE (a number) also times dockerfile-utils'
# CLI on that many of them. Appends "label|wall|rss MB|how" rows to npm_rows;
# sets npm_note when the linters are not run. npm_table prints them.
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
time_npm() {  # time_npm LISTFILE LABEL CMD... -> appends a row; uses the budget/sample logic
  local list="$1" label="$2" sample wall est how rss startup count
  shift 2
  count="$(wc -l < "$list")"
  sample=$(( NPM_SAMPLE < count ? NPM_SAMPLE : count ))
  # Start-up alone: one file per process, $NPROC processes.
  head -n "$NPROC" "$list" > "$tmp/sample.txt"
  run_parallel_share "$tmp/sample.txt" "$@"
  startup="$M_WALL"
  head -n "$sample" "$list" > "$tmp/sample.txt"
  run_parallel_share "$tmp/sample.txt" "$@"
  wall="$M_WALL"; rss="$M_RSS_KB"
  # Full run ~ start-up + per-file work scaled to the whole list.
  est="$(awk -v w="$wall" -v t0="$startup" -v s="$sample" -v n="$count" -v p="$NPROC" \
    'BEGIN { k = (w > t0 && s > p) ? (w - t0) / (s - p) : w / s; printf "%.3f", t0 + k * (n - p) }')"
  if [ "$sample" -eq "$count" ]; then
    how="measured"
  elif lt "$est" "$NPM_BUDGET_S"; then
    log "$label: $sample files in $wall s; full run estimated at $est s, running it"
    run_parallel_share "$list" "$@"
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
# time_du_cli LISTFILE SAMPLE VERSION: dockerfile-utils' CLI, one process per
# file, $NPROC in parallel, on the first SAMPLE files of LISTFILE: always a
# sample, extrapolated to the whole list (measured when it is the whole list).
time_du_cli() {
  local list="$1" sample="$2" du_ver="$3" count cli_n cli_est how
  count="$(wc -l < "$list")"
  cli_n=$(( sample < count ? sample : count ))
  head -n "$cli_n" "$list" | tr '\n' '\0' > "$tmp/cli0"
  measure "$tmp/cli0" xargs -0 -P "$NPROC" -n 1 "$npm_bin/dockerfile-utils" lint --json
  [ "$M_RC" -lt 126 ] || return 0
  cli_est="$(awk -v w="$M_WALL" -v s="$cli_n" -v n="$count" 'BEGIN { printf "%.3f", w * n / s }')"
  how="extrapolated from $cli_n files"; [ "$cli_n" -eq "$count" ] && { how="measured"; cli_est="$M_WALL"; }
  log "dockerfile-utils CLI: $cli_n files in $M_WALL s -> $cli_est s ($how)"
  npm_rows+=("dockerfile-utils $du_ver CLI (1 process per file, ${NPROC} in parallel)|$cli_est|$(div "$M_RSS_KB" 1024 %.1f)|$how")
}
npm_linters() {
  local dir="$1" list="$2" cli_sample="${3:-}" dl_ver du_ver
  if [ "${SKIP_NPM:-0}" = 1 ]; then
    npm_note="npm linters skipped (SKIP_NPM=1)."; return 0
  elif ! command -v node >/dev/null 2>&1; then
    npm_note="npm linters not run: node is not installed."; return 0
  elif [ ! -x "$npm_bin/dockerfilelint" ] || [ ! -x "$npm_bin/dockerfile-utils" ]; then
    npm_note="npm linters not run: install them with bench/install_npm_linters.sh."; return 0
  fi
  dl_ver="$(node -p 'require(process.argv[1]).version' "$here/.npm/node_modules/dockerfilelint/package.json" 2>/dev/null || echo '?')"
  du_ver="$(node -p 'require(process.argv[1]).version' "$here/.npm/node_modules/dockerfile-utils/package.json" 2>/dev/null || echo '?')"
  (
    cd "$dir"
    # dockerfilelint exits with its issue count (mod 256), and an exit of 255
    # would make xargs stop; the sh wrapper (one per share) maps it to 0.
    # shellcheck disable=SC2016  # $0/$@ are for the inner sh
    time_npm "$list" "dockerfilelint $dl_ver (${NPROC}×\`dockerfilelint -j FILE...\`)" \
      sh -c '"$0" -j "$@" || [ $? -lt 126 ]' "$npm_bin/dockerfilelint"
    time_npm "$list" "dockerfile-utils $du_ver (library, ${NPROC}×batch driver)" \
      node "$here/dockerfile_utils_batch.js"
    [ -z "$cli_sample" ] || time_du_cli "$list" "$cli_sample" "$du_ver"
    : > "$tmp/npm_rows"
    [ "${#npm_rows[@]}" -eq 0 ] || printf '%s\n' "${npm_rows[@]}" > "$tmp/npm_rows"
  )
  mapfile -t npm_rows < "$tmp/npm_rows"
}

# npm_table TITLE FASTER COUNT WALL: the npm rows as a Markdown table (after a
# blank line; nothing when there are none), then npm_note if any. TITLE heads
# the first column, FASTER the "how many times faster" one; COUNT is the
# number of files (for files/s), WALL wincompat's wall on them.
npm_table() {
  local title="$1" faster="$2" count="$3" base="$4" r label wall rss how
  if [ "${#npm_rows[@]}" -gt 0 ]; then
    echo
    echo "| $title | wall | files/s | peak RSS (largest process) | $faster | how |"
    echo "|---|---:|---:|---:|---:|---|"
    for r in "${npm_rows[@]}"; do
      IFS='|' read -r label wall rss how <<< "$r"
      echo "| $label | $(fmt "$wall" %.2f) s | $(div "$count" "$wall" %.0f) | $rss MB | $(ratio "$wall" "$base")× | $how |"
    done
  fi
  [ -z "$npm_note" ] || { echo; echo "$npm_note"; }
}

# ---------------------------------------------------------------- output checks
# warm_and_check PATH...: one untimed run with the default --jobs (warms the
# page cache; output kept in $tmp/out-default.json), then --jobs 1 and
# --jobs 2, compared byte for byte. Sets jobs_identical (--jobs 1 vs 2) and
# default_identical (default vs --jobs 1): "yes" or "NO".
warm_and_check() {
  local j
  set +e
  "${lint_cmd[@]}" "$@" > "$tmp/out-default.json" 2> "$tmp/stderr"; M_RC=$?
  set -e
  check_wincompat_rc
  for j in 1 2; do
    set +e
    "${lint_cmd[@]}" --jobs "$j" "$@" > "$tmp/out-j$j.json" 2> "$tmp/stderr"; M_RC=$?
    set -e
    check_wincompat_rc
  done
  jobs_identical=yes default_identical=yes
  if ! cmp -s "$tmp/out-j1.json" "$tmp/out-j2.json"; then
    jobs_identical=NO
    cp "$tmp/out-j1.json" "$out/$PROG-jobs1.json"; cp "$tmp/out-j2.json" "$out/$PROG-jobs2.json"
    log "WARNING: the JSON output differs between --jobs 1 and --jobs 2 (json-output.md requires byte-identical output); kept as $out/$PROG-jobs{1,2}.json"
  fi
  if ! cmp -s "$tmp/out-default.json" "$tmp/out-j1.json"; then
    default_identical=NO
    log "WARNING: the JSON output with the default --jobs differs from --jobs 1"
  fi
}

# syntax_check PATH...: compares the files wincompat reports WC901 for (in
# $tmp/out-default.json) with the files yaml-cpp cannot parse. Sets
# wc901_files, yamlcpp_error_files, template_error_files (those of them that
# are unrendered Helm templates, left out of the comparison) and syntax_same
# ("yes", "NO (...)" or "n/a").
syntax_check() {
  wc901_files="$(python3 "$here/lint_summary.py" "$tmp/out-default.json" --files-with WC901 "$tmp/wc901.txt" >/dev/null; wc -l < "$tmp/wc901.txt")"
  syntax_same=n/a yamlcpp_error_files=n/a template_error_files=n/a
  [ -x "${YAMLCPP:-}" ] || return 0
  "$YAMLCPP" --errors "$@" 2>&1 >/dev/null | awk -F': yaml-cpp: ' 'NF > 1 { print $1 }' | sort -u > "$tmp/yamlcpp-all-errors.txt" || true
  yamlcpp_error_files="$(wc -l < "$tmp/yamlcpp-all-errors.txt")"
  # Unrendered Helm templates ({{ }}) are not YAML yet; wincompat skips them by
  # design, so they are not part of the comparison.
  : > "$tmp/yamlcpp-errors.txt"; template_error_files=0
  while IFS= read -r file; do
    if grep -q '{{' "$file" 2>/dev/null; then
      template_error_files=$((template_error_files + 1))
    else
      echo "$file" >> "$tmp/yamlcpp-errors.txt"
    fi
  done < "$tmp/yamlcpp-all-errors.txt"
  if cmp -s "$tmp/wc901.txt" "$tmp/yamlcpp-errors.txt"; then
    syntax_same=yes
  else
    local only_w only_y
    only_w="$(comm -23 "$tmp/wc901.txt" "$tmp/yamlcpp-errors.txt" | wc -l)"
    only_y="$(comm -13 "$tmp/wc901.txt" "$tmp/yamlcpp-errors.txt" | wc -l)"
    syntax_same="NO ($only_w files only wincompat flags, $only_y only yaml-cpp rejects)"
    comm -3 "$tmp/wc901.txt" "$tmp/yamlcpp-errors.txt" > "$out/$PROG-syntax-diff.txt"
    log "WARNING: WC901 files differ from yaml-cpp's parse errors: $syntax_same; list in $out/$PROG-syntax-diff.txt"
  fi
}
