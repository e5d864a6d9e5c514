#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Benchmarks `wincompat lint` on a mixed monorepo-shaped corpus: Kubernetes
# YAML plus Dockerfiles, in one run, and how time and memory grow with it.
#
#   bench/run_mixed.sh [YAML_COUNT] [DOCKERFILES] [BIN]
#
# YAML_COUNT defaults to 10000, DOCKERFILES to 1000, BIN to ../build/wincompat
# (relative to bench/; copied to a temporary directory first, so rebuilding it
# during the run changes nothing). The corpus is generated into
# bench/corpus/mixed-YAML_COUNT-DOCKERFILES (gen_yaml_corpus.py --dockerfiles:
# the YAML tree plus dockerfiles/ from gen_dockerfiles.py; kept and reused
# while its CORPUS-INFO.txt exists), and measured:
#   (0) untimed: the default --jobs, --jobs 1 and --jobs 2, whose JSON must be
#       byte-identical;
#   (a) wincompat lint --format json --fail-level none --no-config DIR
#       > /dev/null, default --jobs: best wall of $RUNS runs, peak RSS;
#   (b) the same with --jobs 1, and with --jobs 1 on the YAML part alone
#       (single-thread YAML throughput);
#   (c) yaml-cpp parse-only (bench/out/yamlcpp_parse, YAML::LoadAll, one
#       thread, parse calls only) on the YAML part;
#   (d) wincompat on the Dockerfiles alone, and the npm Dockerfile linters
#       on them the way bench/run_dockerfiles.sh runs them (when
#       bench/install_npm_linters.sh has installed them);
#   (e) scaling: (a) again on the corpus generated at each of $SCALES times
#       the size (bench/corpus/mixed-Y-D-xS, gen_yaml_corpus.py --scale S),
#       with the time and memory ratios against 1x;
# and prints a Markdown table (also written to
# bench/out/mixed-results-YAML_COUNT-DOCKERFILES.md) with PASS/MISS against
# the targets: the whole corpus in < 1 s wall with the default --jobs;
# single-thread YAML throughput >= 3x yaml-cpp parse-only; peak RSS < 300 MB;
# byte-identical output for --jobs 1 and 2; time and memory growing at most
# linearly (each ratio within 1.25x of the size ratio).
#
# Environment knobs: RUNS (3), SCALE_RUNS (RUNS: runs at each scale above 1),
# SEED (1), SCALES ("1 4 16"; 16x is 160,000
# YAML files, about 1.2 GB: before generating a scale the script checks the
# free disk space and skips that scale, saying so, when it is short; "1 2 4"
# with a smaller base is the cheap variant), SKIP_NPM=1, NPM_BUDGET_S (300),
# NPM_SAMPLE (500).
#
# Exit status: 0 when the benchmark ran (whether or not targets were met),
# 2 when it could not run (no binary, wincompat failed with exit >= 2, ...).
set -euo pipefail
export LC_ALL=C

PROG=run_mixed
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
YCOUNT="${1:-10000}"
DCOUNT="${2:-1000}"
BIN="${3:-$here/../build/wincompat}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
SCALES="${SCALES:-1 4 16}"
SCALE_RUNS="${SCALE_RUNS:-$RUNS}"
NPM_BUDGET_S="${NPM_BUDGET_S:-300}"
NPM_SAMPLE="${NPM_SAMPLE:-500}"
# shellcheck source=bench_lib.sh
. "$here/bench_lib.sh"

for n in "$YCOUNT" "$DCOUNT"; do
  case "$n" in ''|*[!0-9]*) die "counts must be non-negative integers, got '$n'";; esac
done
[ "$YCOUNT" -gt 0 ] || die "YAML_COUNT must be > 0"
for s in $SCALES; do
  case "$s" in ''|*[!0-9]*|0) die "SCALES must be positive integers, got '$s'";; esac
done
case " $SCALES " in *" 1 "*) ;; *) SCALES="1 $SCALES" ;; esac
bench_init
use_binary "$BIN"
build_yamlcpp

# ---------------------------------------------------------------- corpora
corpus_of() {  # corpus_of SCALE -> the directory
  if [ "$1" = 1 ]; then echo "$here/corpus/mixed-$YCOUNT-$DCOUNT"; else echo "$here/corpus/mixed-$YCOUNT-$DCOUNT-x$1"; fi
}
# ensure_corpus SCALE: generates it when missing; returns 1 (with a note in
# skip_note) when the disk is too small for it.
ensure_corpus() {
  local s="$1" dir need avail
  dir="$(corpus_of "$s")"
  if [ -f "$dir/CORPUS-INFO.txt" ]; then
    [ "$(info_of "$dir" seed)" = "$SEED" ] || die "$dir was generated with seed $(info_of "$dir" seed), not $SEED; delete it"
    if [ "$(info_of "$dir" files)" != "$((YCOUNT * s))" ] || [ "$(info_of "$dir" dockerfiles)" != "$((DCOUNT * s))" ]; then
      die "$dir/CORPUS-INFO.txt does not match $((YCOUNT * s)) YAML files + $((DCOUNT * s)) Dockerfiles; delete it"
    fi
    return 0
  fi
  # About 7.4 KB per YAML file and 2.4 KB per Dockerfile, plus file-system
  # overhead (4 KB blocks): ask for 1.5x that, and 1 GB to spare.
  need=$(( (YCOUNT * s * 74 / 10 + DCOUNT * s * 24 / 10) * 3 / 2 / 1024 + (YCOUNT + DCOUNT) * s * 4 / 1024 + 1024 ))
  mkdir -p "$here/corpus"
  avail="$(df -Pm "$here/corpus" | awk 'NR == 2 { print $4 }')"
  if [ -n "$avail" ] && [ "$avail" -lt "$need" ]; then
    skip_note+=" ${s}× skipped: needs about $need MB of disk, $avail MB free."
    log "scale $s skipped: needs about $need MB of disk, $avail MB free"
    return 1
  fi
  gen_corpus "$dir" "${s}× ($((YCOUNT * s)) YAML files + $((DCOUNT * s)) Dockerfiles)" \
    python3 "$here/gen_yaml_corpus.py" "$dir" "$YCOUNT" --scale "$s" --dockerfiles "$DCOUNT" --seed "$SEED"
}
skip_note=""
ensure_corpus 1
corpus="$(corpus_of 1)"
Y_BYTES="$(info_of "$corpus" bytes)"
D_BYTES="$(info_of "$corpus" dockerfile_bytes)"
FILES=$((YCOUNT + DCOUNT))
MB="$(awk -v a="$Y_BYTES" -v b="$D_BYTES" 'BEGIN { printf "%.2f", (a + b) / 1e6 }')"
Y_MB="$(awk -v b="$Y_BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')"
D_MB="$(awk -v b="$D_BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')"

log_machine
log "corpus: $YCOUNT YAML files ($Y_MB MB) + $DCOUNT Dockerfiles ($D_MB MB) ($corpus)"

cd "$corpus/.."
corpus_arg="$(basename "$corpus")"
# The YAML part: every top-level entry but dockerfiles/ and the info file.
yaml_paths=()
while IFS= read -r p; do yaml_paths+=("$corpus_arg/$p"); done < <(
  cd "$corpus" && find . -mindepth 1 -maxdepth 1 ! -name dockerfiles ! -name CORPUS-INFO.txt | sed 's|^\./||' | sort)

# ---------------------------------------------------------------- (0) checks
warm_and_check "$corpus_arg"
python3 "$here/lint_summary.py" "$tmp/out-default.json" > "$tmp/summary"
python3 "$here/lint_summary.py" "$tmp/out-default.json" --under "$corpus_arg/dockerfiles/" > "$tmp/summary-docker"
linted_files="$(kv "$tmp/summary" files)"
linted_docker="$(kv "$tmp/summary-docker" files)"
log "sanity: wincompat reports $linted_files files linted, $linted_docker of them Dockerfiles ($(kv "$tmp/summary" codes))"
[ "$linted_docker" = "$DCOUNT" ] || log "WARNING: expected $DCOUNT Dockerfiles linted, wincompat lists $linted_docker"

# ---------------------------------------------------------------- (a)-(d)
best_of "default --jobs ($NPROC), whole corpus" "${lint_cmd[@]}" "$corpus_arg"
A_WALL=$B_WALL A_CPU=$B_CPU A_RSS=$B_RSS_MB
best_of "--jobs 1, whole corpus" "${lint_cmd[@]}" --jobs 1 "$corpus_arg"
J1_WALL=$B_WALL J1_CPU=$B_CPU J1_RSS=$B_RSS_MB
best_of "--jobs 1, YAML part" "${lint_cmd[@]}" --jobs 1 "${yaml_paths[@]}"
JY_WALL=$B_WALL JY_CPU=$B_CPU JY_RSS=$B_RSS_MB
yamlcpp_best "${yaml_paths[@]}"
best_of "default --jobs ($NPROC), Dockerfiles" "${lint_cmd[@]}" "$corpus_arg/dockerfiles"
JD_WALL=$B_WALL JD_CPU=$B_CPU JD_RSS=$B_RSS_MB
(cd "$corpus/dockerfiles" && find . -type f ! -name CORPUS-INFO.txt | sed 's|^\./||' | sort) > "$tmp/dockerfiles.txt"
npm_linters "$corpus/dockerfiles" "$tmp/dockerfiles.txt"

# ---------------------------------------------------------------- (e) scaling
scale_rows=()
lin_ok=1 lin_done=0
for s in $SCALES; do
  if [ "$s" = 1 ]; then
    scale_rows+=("1|$FILES|$MB|$A_WALL|$A_CPU|$A_RSS")
    continue
  fi
  ensure_corpus "$s" || continue
  dir="$(corpus_of "$s")"
  files_s=$(( (YCOUNT + DCOUNT) * s ))
  mb_s="$(awk -v a="$(info_of "$dir" bytes)" -v b="$(info_of "$dir" dockerfile_bytes)" 'BEGIN { printf "%.2f", (a + b) / 1e6 }')"
  cd "$dir/.."
  measure /dev/null "${lint_cmd[@]}" "$(basename "$dir")"   # untimed: the page cache
  check_wincompat_rc
  RUNS="$SCALE_RUNS" best_of "${s}×, default --jobs ($NPROC)" "${lint_cmd[@]}" "$(basename "$dir")"
  scale_rows+=("$s|$files_s|$mb_s|$B_WALL|$B_CPU|$B_RSS_MB")
done

# ---------------------------------------------------------------- report
A_FPS="$(div "$FILES" "$A_WALL" %.0f)"
JY_MBS="$(div "$Y_MB" "$JY_WALL" %.1f)"
Y_MBS="$(div "$Y_MB" "$Y_PARSE" %.1f)"
speedup="$(div "$Y_PARSE" "$JY_WALL" %.2f)"
t1=0; lt "$A_WALL" 1 && t1=1
t2=0; [ "$speedup" != n/a ] && ! lt "$speedup" 3 && t2=1
t3=0; lt "$A_RSS" 300 && t3=1
t4=0; [ "$jobs_identical" = yes ] && t4=1

report="$out/mixed-results-$YCOUNT-$DCOUNT.md"
row() {  # row LABEL FILES MB WALL CPU RSS
  echo "| $1 | $(fmt "$4" %.3f) s | $5 s | $(div "$2" "$4" %.0f) | $(div "$3" "$4" %.1f) | $6 MB |"
}
{
  echo "wincompat mixed benchmark: $YCOUNT YAML files ($Y_MB MB) + $DCOUNT Dockerfiles ($D_MB MB), seed $SEED, $(date -u +%Y-%m-%d)"
  echo "on $NPROC cores${cpu:+ ($cpu)}, CPU ${busy_start}% busy before the start; ${version:-wincompat}; best of $RUNS runs"
  echo
  echo "| run | wall | CPU (user+sys) | files/s | MB/s | peak RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  row "wincompat, whole corpus, default --jobs ($NPROC)" "$FILES" "$MB" "$A_WALL" "$A_CPU" "$A_RSS"
  row "wincompat, whole corpus, --jobs 1" "$FILES" "$MB" "$J1_WALL" "$J1_CPU" "$J1_RSS"
  row "wincompat, YAML part, --jobs 1" "$YCOUNT" "$Y_MB" "$JY_WALL" "$JY_CPU" "$JY_RSS"
  if [ "$Y_PARSE" != n/a ]; then
    echo "| yaml-cpp \`YAML::LoadAll\`, YAML part, parse calls only, 1 thread | $(fmt "$Y_PARSE" %.3f) s | | $(div "$YCOUNT" "$Y_PARSE" %.0f) | $Y_MBS | |"
    row "yaml-cpp process (walk + read + parse), YAML part, 1 thread" "$YCOUNT" "$Y_MB" "$Y_WALL" "$Y_CPU" "$Y_RSS_MB"
  fi
  row "wincompat, Dockerfiles only, default --jobs ($NPROC)" "$DCOUNT" "$D_MB" "$JD_WALL" "$JD_CPU" "$JD_RSS"
  [ -z "$yamlcpp_note" ] || { echo; echo "$yamlcpp_note"; }
  npm_table "npm linter, the $DCOUNT Dockerfiles" "wincompat (Dockerfiles only) faster by" "$DCOUNT" "$JD_WALL"
  echo
  echo "| scale | files | MB | wall, default --jobs | time ratio | time ratio ÷ size ratio | CPU (user+sys) | CPU ratio ÷ size ratio | peak RSS | memory ratio |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  base_wall="$A_WALL" base_cpu="$A_CPU" base_rss="$A_RSS" base_mb="$MB"
  for r in "${scale_rows[@]}"; do
    IFS='|' read -r s f m w c rss <<< "$r"
    size_r="$(div "$m" "$base_mb" %.4f)"
    tr_="$(div "$w" "$base_wall" %.2f)"; mr_="$(div "$rss" "$base_rss" %.2f)"
    per="$(div "$tr_" "$size_r" %.2f)"
    cper="$(div "$(div "$c" "$base_cpu" %.4f)" "$size_r" %.2f)"
    if [ "$s" != 1 ]; then
      lin_done=1
      lt "$per" 1.25 || lin_ok=0
      lt "$(div "$mr_" "$size_r" %.4f)" 1.25 || lin_ok=0
    fi
    echo "| ${s}× | $f | $m | $(fmt "$w" %.3f) s | $tr_ | $per | $c s | $cper | $rss MB | $mr_ |"
  done
  [ -z "$skip_note" ] || { echo; echo "Scaling:$skip_note"; }
  t5="—"; [ "$lin_done" = 1 ] && t5="$(pf $lin_ok)"
  echo
  echo "| target | measured | result |"
  echo "|---|---|---|"
  echo "| whole corpus ($FILES files, $MB MB) < 1 s wall, default --jobs | $(fmt "$A_WALL" %.3f) s ($A_FPS files/s) | $(pf $t1) |"
  echo "| single-thread YAML throughput ≥ 3× yaml-cpp parse-only | $JY_MBS MB/s ÷ $Y_MBS MB/s = ${speedup}× | $(pf $t2) |"
  echo "| peak memory < 300 MB | $A_RSS MB | $(pf $t3) |"
  echo "| byte-identical JSON, --jobs 1 and --jobs 2 | $jobs_identical (default --jobs vs --jobs 1: $default_identical) | $(pf $t4) |"
  echo "| time and memory grow linearly (${SCALES// /×, }×) | time ratio and memory ratio each ≤ 1.25 × the size ratio | $t5 |"
  echo
  echo "Output checks: $linted_files files in the JSON summary, $linted_docker of them Dockerfiles ($(kv "$tmp/summary" error) errors, $(kv "$tmp/summary" warning) warnings, $(kv "$tmp/summary" info) infos); the corpus has $YCOUNT YAML files ($(info_of "$corpus" manifests) with Kubernetes objects) and $DCOUNT Dockerfiles."
  echo "Diagnostics by code: $(kv "$tmp/summary" codes)."
} > "$report"
cat "$report"
log "written to $report"
