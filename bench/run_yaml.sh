#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Benchmarks `wincompat lint` on a repository-shaped corpus of Kubernetes YAML
# next to yaml-cpp's parse alone.
#
#   bench/run_yaml.sh [COUNT] [BIN]
#
# COUNT defaults to 10000, BIN to ../build/wincompat (relative to bench/; it
# is copied to a temporary directory first, so rebuilding it during the run
# changes nothing). Generates the corpus into bench/corpus/yaml-COUNT (once:
# kept and reused while its CORPUS-INFO.txt exists) with gen_yaml_corpus.py,
# builds bench/out/yamlcpp_parse (build_yamlcpp_parse.sh), then:
#   (0) untimed: the default --jobs, --jobs 1 and --jobs 2, whose JSON must be
#       byte-identical; the files wincompat reports WC901 (syntax error) for,
#       compared with the files yaml-cpp cannot parse;
#   (a) wincompat lint --format json --fail-level none --no-config --jobs 1
#       DIR > /dev/null: best wall of $RUNS runs, files/s, MB/s, peak RSS
#       (single-thread throughput);
#   (b) the same with the default --jobs;
#   (c) yaml-cpp parse-only: YAML::LoadAll on every file, single-threaded,
#       best of $RUNS; its parse time alone (no walk, no reads, no process
#       start) gives its MB/s;
#   (d) the full parse: FULL_PARSE (a wincompat option such as `--flag`, or
#       an environment assignment such as `NAME=1`) makes wincompat parse
#       every document; by default `--all-documents` when `lint --help` lists
#       it (FULL_PARSE=none: skip). That run's JSON must equal (0)'s (when it
#       does not, the report counts the diagnostics each run alone has, by
#       code), and its --jobs 1 time is shown;
# and prints a Markdown table (also written to bench/out/yaml-results-COUNT.md)
# with PASS/MISS against the target: single-thread YAML throughput (a) at
# least 3x yaml-cpp's parse-only MB/s (c), with the same findings as a full
# parse. (a) is whole-process wall, (c) the parse calls only: the comparison
# is tilted towards yaml-cpp.
#
# Environment knobs: RUNS (3), SEED (1), FULL_PARSE (see (d)).
#
# Exit status: 0 when the benchmark ran (whether or not targets were met),
# 2 when it could not run (no binary, wincompat failed with exit >= 2, ...).
set -euo pipefail
export LC_ALL=C

PROG=run_yaml
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COUNT="${1:-10000}"
BIN="${2:-$here/../build/wincompat}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
FULL_PARSE="${FULL_PARSE:-}"
# shellcheck source=bench_lib.sh
. "$here/bench_lib.sh"

case "$COUNT" in ''|*[!0-9]*) die "COUNT must be a positive integer, got '$COUNT'";; esac
[ "$COUNT" -gt 0 ] || die "COUNT must be > 0"
bench_init
use_binary "$BIN"

# ---------------------------------------------------------------- corpus
corpus="$here/corpus/yaml-$COUNT"
gen_corpus "$corpus" "$COUNT YAML files" python3 "$here/gen_yaml_corpus.py" "$corpus" "$COUNT" --seed "$SEED"
info() { info_of "$corpus" "$1"; }
[ "$(info files)" = "$COUNT" ] || die "$corpus/CORPUS-INFO.txt says $(info files) files, expected $COUNT; delete $corpus"
[ "$(info seed)" = "$SEED" ] || die "$corpus was generated with seed $(info seed), not $SEED; delete it"
BYTES="$(info bytes)"
MB="$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')"
MANIFESTS="$(info manifests)"
SYNTAX_ERRORS="$(info syntax_errors)"

build_yamlcpp
log_machine
log "corpus: $COUNT files, $MB MB, $MANIFESTS with Kubernetes objects, $SYNTAX_ERRORS with syntax errors ($corpus)"

cd "$corpus/.."
corpus_arg="$(basename "$corpus")"

# ---------------------------------------------------------------- (0) checks
warm_and_check "$corpus_arg"
python3 "$here/lint_summary.py" "$tmp/out-default.json" > "$tmp/summary"
linted_files="$(kv "$tmp/summary" files)"
codes="$(kv "$tmp/summary" codes)"
log "sanity: wincompat reports $linted_files files linted ($(kv "$tmp/summary" error) errors, $(kv "$tmp/summary" warning) warnings, $(kv "$tmp/summary" info) infos; $codes)"
if [ "$linted_files" = 0 ] || [ "$linted_files" = "?" ]; then
  log "WARNING: wincompat linted no YAML file: this binary does not lint Kubernetes YAML yet, so its times are only the walk"
fi
syntax_check "$corpus_arg"

if [ -z "$FULL_PARSE" ] && grep -q -- '--all-documents' <<<"$("$BIN_RUN" lint --help 2>&1)"; then
  FULL_PARSE=--all-documents
fi
[ "$FULL_PARSE" != none ] || FULL_PARSE=""
full_note="not checked (this wincompat has no --all-documents; set FULL_PARSE to the option or NAME=VALUE environment that forces a full parse)"
full_cmd=()
if [ -n "$FULL_PARSE" ]; then
  case "$FULL_PARSE" in
    -*) read -r -a fp <<< "$FULL_PARSE"; full_cmd=("${lint_cmd[@]}" "${fp[@]}") ;;
    *=*) read -r -a fp <<< "$FULL_PARSE"; full_cmd=(env "${fp[@]}" "${lint_cmd[@]}") ;;
    *) die "FULL_PARSE must be an option (-...) or NAME=VALUE, got '$FULL_PARSE'" ;;
  esac
  set +e
  "${full_cmd[@]}" "$corpus_arg" > "$tmp/out-full.json" 2> "$tmp/stderr"; M_RC=$?
  set -e
  check_wincompat_rc
  if cmp -s "$tmp/out-default.json" "$tmp/out-full.json"; then
    full_note="yes (\`$FULL_PARSE\` gives byte-identical JSON)"
  else
    cp "$tmp/out-full.json" "$out/yaml-full-parse-$COUNT.json"; cp "$tmp/out-default.json" "$out/yaml-default-$COUNT.json"
    python3 "$here/lint_summary.py" "$tmp/out-default.json" --diff "$tmp/out-full.json" > "$tmp/full-diff"
    full_note="NO: the full parse (\`$FULL_PARSE\`) adds $(kv "$tmp/full-diff" only_second) diagnostics in $(kv "$tmp/full-diff" only_second_files) files ($(kv "$tmp/full-diff" only_second_codes)) and drops $(kv "$tmp/full-diff" only_first) ($(kv "$tmp/full-diff" only_first_codes)); both outputs are in bench/out/yaml-{full-parse,default}-$COUNT.json"
    log "WARNING: $full_note"
  fi
fi

# ---------------------------------------------------------------- (a), (b), (c), (d)
best_of "--jobs 1" "${lint_cmd[@]}" --jobs 1 "$corpus_arg"
J1_WALL=$B_WALL J1_CPU=$B_CPU J1_RSS=$B_RSS_MB
best_of "default --jobs ($NPROC)" "${lint_cmd[@]}" "$corpus_arg"
A_WALL=$B_WALL A_CPU=$B_CPU A_RSS=$B_RSS_MB
yamlcpp_best "$corpus_arg"
FULL_WALL=n/a FULL_CPU=n/a FULL_RSS=n/a
if [ "${#full_cmd[@]}" -gt 0 ]; then
  best_of "full parse, --jobs 1" "${full_cmd[@]}" --jobs 1 "$corpus_arg"
  FULL_WALL=$B_WALL FULL_CPU=$B_CPU FULL_RSS=$B_RSS_MB
fi

# ---------------------------------------------------------------- report
J1_MBS="$(div "$MB" "$J1_WALL" %.1f)"
Y_MBS="$(div "$MB" "$Y_PARSE" %.1f)"
speedup="$(div "$Y_PARSE" "$J1_WALL" %.2f)"   # = J1 MB/s / yaml-cpp MB/s
t1=0; [ "$speedup" != n/a ] && ! lt "$speedup" 3 && t1=1
t2=0; [ "$jobs_identical" = yes ] && t2=1
full_verdict="—"
[ -z "$FULL_PARSE" ] || { [ "${full_note%% *}" = yes ] && full_verdict=PASS || full_verdict=MISS; }
syntax_verdict="$syntax_same"
[ "$syntax_same" = n/a ] && syntax_verdict="n/a (no yaml-cpp baseline)"

report="$out/yaml-results-$COUNT.md"
row() {  # row LABEL WALL CPU RSS
  echo "| $1 | $(fmt "$2" %.3f) s | $3 s | $(div "$COUNT" "$2" %.0f) | $(div "$MB" "$2" %.1f) | $4 MB |"
}
{
  echo "wincompat YAML benchmark: $COUNT repository-shaped YAML files ($MB MB, $MANIFESTS with Kubernetes objects, seed $SEED), $(date -u +%Y-%m-%d)"
  echo "on $NPROC cores${cpu:+ ($cpu)}, CPU ${busy_start}% busy before the start; ${version:-wincompat}; best of $RUNS runs"
  echo
  echo "| run | wall | CPU (user+sys) | files/s | MB/s | peak RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  row "wincompat \`lint --format json\`, --jobs 1" "$J1_WALL" "$J1_CPU" "$J1_RSS"
  row "wincompat \`lint --format json\`, default --jobs ($NPROC)" "$A_WALL" "$A_CPU" "$A_RSS"
  [ "$FULL_WALL" = n/a ] || row "wincompat, --jobs 1, full parse (\`$FULL_PARSE\`)" "$FULL_WALL" "$FULL_CPU" "$FULL_RSS"
  if [ "$Y_PARSE" != n/a ]; then
    echo "| yaml-cpp \`YAML::LoadAll\`, parse calls only, 1 thread | $(fmt "$Y_PARSE" %.3f) s | | $(div "$COUNT" "$Y_PARSE" %.0f) | $Y_MBS | |"
    row "yaml-cpp process (walk + read + parse), 1 thread" "$Y_WALL" "$Y_CPU" "$Y_RSS_MB"
  fi
  [ -z "$yamlcpp_note" ] || { echo; echo "$yamlcpp_note"; }
  echo
  echo "| target | measured | result |"
  echo "|---|---|---|"
  echo "| single-thread YAML throughput ≥ 3× yaml-cpp parse-only | $J1_MBS MB/s ÷ $Y_MBS MB/s = ${speedup}× | $(pf $t1) |"
  echo "| same findings as a full parse | $full_note | $full_verdict |"
  echo "| byte-identical JSON, --jobs 1 and --jobs 2 | $jobs_identical (default --jobs vs --jobs 1: $default_identical) | $(pf $t2) |"
  echo
  echo "Output checks: $linted_files files in the JSON summary ($(kv "$tmp/summary" error) errors, $(kv "$tmp/summary" warning) warnings, $(kv "$tmp/summary" info) infos; $(kv "$tmp/summary" files_with_findings) files with findings); the corpus has $COUNT YAML files, $MANIFESTS with Kubernetes objects (the others are Helm values, Chart.yaml and CI files, skipped)."
  echo "Diagnostics by code: $codes."
  echo "Syntax errors: wincompat reports WC901 in $wc901_files files, yaml-cpp rejects $yamlcpp_error_files, $template_error_files of them unrendered Helm templates, which wincompat skips by design (the generator made $SYNTAX_ERRORS: those templates, and a tab or an unquoted \": \" deep in CRDs and ConfigMaps); same files apart from the templates: $syntax_verdict."
  [ "$Y_PARSE" = n/a ] || echo "yaml-cpp read $Y_FILES files, $Y_DOCS documents."
} > "$report"
cat "$report"
log "written to $report"
