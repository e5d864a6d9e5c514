#!/usr/bin/env bash
# The Windows build (scripts/build-windows.sh), run under wine64 and compared
# with the Linux binary:
#
#   LINUX_BINARY=build/wincompat WINDOWS_BINARY=build-windows/wincompat.exe \
#     bash tests/windows/windows_test.sh
#
# 1. `wincompat.exe --version` names the same version as Linux's.
# 2. Every example folder (examples/*) linted from inside it, as text and as
#    JSON: the same bytes and the same exit status as the Linux binary; the
#    kustomize example five more times with eight worker threads.
# 3. Paths as Windows users write them: the helm example with every file in
#    CRLF and its .wincompat.yaml naming charts and values with backslashes
#    (charts\log-agent\values-staging.yaml), linted by a relative backslash
#    path and by an absolute drive-letter path (Z:\...): the Linux binary's
#    output on the original files (output paths are '/'-separated, relative
#    to the working directory, on both).
# 4. The pre-commit hook's entry point (pre-commit-hooks/wincompat.sh) with
#    the Windows binary: the Linux binary's output and status.
# 5. A symbolic link in the repository that leads out of it is resolved
#    (GetFinalPathNameByHandleW) and not read, as on Linux (WC916).
# 6. Every option that names a file (--values, --nodes, --config,
#    --stdin-filename, --write-baseline, --baseline, --output-format
#    FORMAT:FILE, render's path and --values) given a backslash relative path
#    and a drive-letter absolute path: the Linux binary's output with '/'
#    paths on an identical tree, and the same bytes in the files written; a
#    repository's config naming ..\outside\v.yaml is still not read.
# 7. `plan` on examples/plan (text, JSON) and with --nodes/--values written
#    with backslashes; `plan --fix` on a CRLF copy edits the same bytes as
#    Linux's (CRLF kept), and a second --fix changes nothing.
# 8. Registry credential helpers: the credential store built with a small
#    driver (credential_probe.cpp) runs helpers cross-compiled here
#    (credential_helper.c) through PATH and PATHEXT, reads their answer, hides
#    a failed helper's output, and stops one that hangs with the process it
#    started; .cmd helpers and relative PATH folders are not used.
#
# It takes about 5 minutes on two cores (scripts/release.sh runs it; CI does not).
#
# WINDOWS_BINARY unset: scripts/build-windows.sh builds it into
# $SOURCE_DIR/build-windows first (about 10 minutes on two cores, once).
# Exit 77 (skipped) when wine64 or mingw-w64 is missing, except under CI=true,
# where that fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${LINUX_BINARY:?LINUX_BINARY=path/to/the Linux wincompat}"
. "$root/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

wine="$(command -v wine64 || command -v /usr/lib/wine/wine64 || command -v wine || true)"
[ -n "$wine" ] || skip "wine64 is not installed (apt-get install wine64)"
if [ -z "${WINDOWS_BINARY:-}" ]; then
  command -v x86_64-w64-mingw32-g++-posix >/dev/null 2>&1 ||
    skip "mingw-w64 is not installed (apt-get install g++-mingw-w64-x86-64)"
  bash "$root/scripts/build-windows.sh" "$root/build-windows" >&2
  WINDOWS_BINARY="$root/build-windows/wincompat.exe"
fi
[ -f "$WINDOWS_BINARY" ] || fail "$WINDOWS_BINARY does not exist"
LINUX_BINARY="$(cd "$(dirname "$LINUX_BINARY")" && pwd)/$(basename "$LINUX_BINARY")"
WINDOWS_BINARY="$(cd "$(dirname "$WINDOWS_BINARY")" && pwd)/$(basename "$WINDOWS_BINARY")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# wine's state (a few seconds to create the first time), kept beside the
# binary so that later runs start at once.
export WINEPREFIX="${WINEPREFIX:-$(dirname "$WINDOWS_BINARY")/wine}" WINEDEBUG=-all
export NO_COLOR=1 WINCOMPAT_TODAY=2026-06-01
unset WINCOMPAT_CONFIG || true
win() { "$wine" "$WINDOWS_BINARY" "$@"; }
# The output and exit status of a command, as one string; absolute paths
# are the one difference allowed (JSON's "uri" and the paths of values files
# outside the linted folder, in text and JSON): /work/... on Linux is Z:/work/... under wine.
run() {
  local status=0 out
  out="$("$@" 2>&1)" || status=$?
  printf '%s\nexit %s\n' "$out" "$status" | sed 's|file:///Z:/|file:///|g; s|Z:/|/|g'
}
same() {
  local what="$1" linux="$2" windows="$3"
  if [ "$linux" != "$windows" ]; then
    diff <(echo "$linux") <(echo "$windows") | head -n 40 >&2 || true
    fail "$what: the Windows binary's output differs from Linux's (diff above: < Linux, > Windows)"
  fi
  echo "ok: $what ($(tail -n 1 <<<"$windows"))"
}

# 1. --version
linux_version="$("$LINUX_BINARY" --version | cut -d' ' -f1-2)"
windows_version="$(win --version | tr -d '\r' | cut -d' ' -f1-2)"
[ "$windows_version" = "$linux_version" ] || fail "--version: '$windows_version', Linux says '$linux_version'"
echo "ok: --version ($windows_version)"

# 2. The examples.
for example in "$root"/examples/*/; do
  name="$(basename "$example")"
  for format in text json; do
    linux="$(cd "$example" && run "$LINUX_BINARY" lint --color never --format "$format" .)"
    windows="$(cd "$example" && run win lint --color never --format "$format" .)"
    same "examples/$name, --format $format" "$linux" "$windows"
  done
done

# 2b. Worker threads end cleanly: more threads than cores, several times
# (a thread-local object destroyed after mingw-w64's emulated TLS freed it
# used to crash about half of these runs at thread exit).
linux="$(cd "$root/examples/kustomize" && run "$LINUX_BINARY" lint --color never --format json --jobs 8 .)"
for attempt in 1 2 3 4 5; do
  windows="$(cd "$root/examples/kustomize" && run win lint --color never --format json --jobs 8 .)"
  same "examples/kustomize with --jobs 8, run $attempt of 5" "$linux" "$windows"
done

# 3. CRLF files and backslash paths.
cp -r "$root/examples/helm" "$work/lf"
cp -r "$root/examples/helm" "$work/crlf"
find "$work/crlf" -type f -exec sed -i 's/$/\r/' {} +
sed -i '/^ *\(- \)\?path:\|values:/ s|/|\\|g' "$work/crlf/.wincompat.yaml"
grep -q 'charts\\log-agent\\values-staging.yaml' "$work/crlf/.wincompat.yaml" ||
  fail "the CRLF copy's config names no backslash path: $(cat "$work/crlf/.wincompat.yaml")"
linux="$(cd "$work/lf" && run "$LINUX_BINARY" lint --color never --format json charts/log-agent)"
windows="$(cd "$work/crlf" && run win lint --color never --format json 'charts\log-agent' | sed 's|/crlf/|/lf/|g')"
same "CRLF files, backslash paths in .wincompat.yaml and on the command line" "$linux" "$windows"
drive="Z:$(sed 's|/|\\|g' <<<"$work/crlf")"
linux="$(cd "$work/lf" && run "$LINUX_BINARY" lint --color never --format json "$work/lf")"
windows="$(cd "$work/crlf" && run win lint --color never --format json "$drive")"
[ "$(tail -n 1 <<<"$windows")" = "$(tail -n 1 <<<"$linux")" ] ||
  fail "lint $drive: $(tail -n 1 <<<"$windows"), Linux: $(tail -n 1 <<<"$linux")"
# The same findings (rule, line, column) whatever the absolute path's spelling.
summary() { python3 -c 'import json,sys
d=json.loads(sys.stdin.read().rsplit("\nexit",1)[0])
print(sorted((f["path"].rsplit("/",1)[-1],r["code"],r["line"],r["column"]) for f in d.get("files",[]) for r in f.get("findings",[])))'; }
[ "$(summary <<<"$windows")" = "$(summary <<<"$linux")" ] ||
  fail "lint $drive: other findings than Linux's: $(summary <<<"$windows") / $(summary <<<"$linux")"
echo "ok: an absolute drive-letter path ($drive)"

# 4. The pre-commit hook's entry point with the Windows binary.
cat >"$work/wincompat-wine" <<EOF
#!/usr/bin/env bash
exec "$wine" "$WINDOWS_BINARY" "\$@"
EOF
chmod +x "$work/wincompat-wine"
hook="$root/pre-commit-hooks/wincompat.sh"
files=(legacy-iis/Dockerfile.1803 ci-agent/Dockerfile_windows multiarch-agent/Dockerfile)
linux="$(cd "$root/examples/dockerfiles" && WINCOMPAT="$LINUX_BINARY" run bash "$hook" --force-exclude --kind dockerfile "${files[@]}")"
windows="$(cd "$root/examples/dockerfiles" && WINCOMPAT="$work/wincompat-wine" run bash "$hook" --force-exclude --kind dockerfile "${files[@]}")"
same "pre-commit-hooks/wincompat.sh ${files[*]}" "$linux" "$windows"

# 5. Confinement: a link inside the repository that leads outside it is
# resolved by Windows (GetFinalPathNameByHandleW) and not read.
mkdir -p "$work/repo/.git" "$work/outside"
printf 'FROM mcr.microsoft.com/windows/servercore\n' >"$work/outside/Dockerfile"
ln -s "$work/outside/Dockerfile" "$work/repo/Dockerfile"
linux="$(cd "$work/repo" && run "$LINUX_BINARY" lint --color never --format json Dockerfile)"
windows="$(cd "$work/repo" && run win lint --color never --format json Dockerfile)"
grep -q WC916 <<<"$linux" || fail "the Linux binary read a link out of the repository: $linux"
same "a link out of the repository is not read" "$linux" "$windows"

# 6. Every option that names a file, written as Windows users write them
# (values\old.yaml, Z:\...\values\old.yaml): the Linux binary's output with
# '/' paths on an identical tree (the paths printed are '/'-separated and
# relative to the working directory, as on Linux; files written by one run
# are compared too).
options_tree() {
  cp -r "$root/examples/helm" "$1"
  mkdir -p "$1/values" "$1/nodes" "$1/conf" "$1/out" "$1/outside"
  printf 'image:\n  tag: ltsc2019\n' >"$1/values/old.yaml"
  cp "$root/tests/fixtures/WC213/gke-windows-build-label.yaml" "$1/nodes/gke.yaml"
  printf 'hosts: [ltsc2019]\n' >"$1/conf/other.yaml"
  printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' >"$1/Dockerfile.stdin"
}
options_tree "$work/opt-linux"
options_tree "$work/opt-win"
# "path/to/x" on Linux; "path\to\x", or "Z:\...\opt-win\path\to\x" when
# absolute, under wine. Output naming opt-win is read as opt-linux's.
winpath() { sed 's|/|\\|g' <<<"$1"; }
absolute() { printf 'Z:%s' "$(winpath "$work/opt-win/$1")"; }
compare_options() {
  local what="$1" linux_args="$2" windows_args="$3" linux windows
  linux="$(cd "$work/opt-linux" && eval "run \"\$LINUX_BINARY\" $linux_args")"
  windows="$(cd "$work/opt-win" && eval "run win $windows_args" | sed 's|/opt-win/|/opt-linux/|g')"
  same "$what" "$linux" "$windows"
}
# The files a run wrote: the same bytes (absolute paths aside).
same_file() {
  local linux windows
  linux="$(sed 's|file:///Z:/|file:///|g; s|Z:/|/|g' "$work/opt-linux/$1")"
  windows="$(sed 's|file:///Z:/|file:///|g; s|Z:/|/|g; s|/opt-win/|/opt-linux/|g' "$work/opt-win/$1")"
  same "the file $1 written by the run above" "$linux" "$windows"
}
lint_common="lint --color never --no-config --host ltsc2022"
compare_options "--values values\\old.yaml" \
  "$lint_common --values values/old.yaml charts/log-agent" \
  "$lint_common --values 'values\\old.yaml' 'charts\\log-agent'"
compare_options "--values Z:\\...\\values\\old.yaml" \
  "$lint_common --format json --values '$work/opt-linux/values/old.yaml' '$work/opt-linux/charts/log-agent'" \
  "$lint_common --format json --values '$(absolute values/old.yaml)' '$(absolute charts/log-agent)'"
compare_options "--nodes nodes\\gke.yaml" \
  "lint --color never --today 2031-09-14 --nodes nodes/gke.yaml charts/log-agent" \
  "lint --color never --today 2031-09-14 --nodes 'nodes\\gke.yaml' 'charts\\log-agent'"
compare_options "--nodes Z:\\...\\nodes\\gke.yaml" \
  "lint --color never --today 2031-09-14 --nodes '$work/opt-linux/nodes/gke.yaml' charts/log-agent" \
  "lint --color never --today 2031-09-14 --nodes '$(absolute nodes/gke.yaml)' 'charts\\log-agent'"
compare_options "--config conf\\other.yaml" \
  "lint --color never --config conf/other.yaml Dockerfile.stdin" \
  "lint --color never --config 'conf\\other.yaml' Dockerfile.stdin"
compare_options "--config Z:\\...\\conf\\other.yaml" \
  "lint --color never --config '$work/opt-linux/conf/other.yaml' Dockerfile.stdin" \
  "lint --color never --config '$(absolute conf/other.yaml)' Dockerfile.stdin"
compare_options "--stdin-filename sub\\Dockerfile" \
  "lint --color never --host ltsc2019 --stdin-filename sub/Dockerfile - <Dockerfile.stdin" \
  "lint --color never --host ltsc2019 --stdin-filename 'sub\\Dockerfile' - <Dockerfile.stdin"
compare_options "--write-baseline out\\baseline.json" \
  "lint --color never --write-baseline out/baseline.json charts/log-agent" \
  "lint --color never --write-baseline 'out\\baseline.json' 'charts\\log-agent'"
same_file out/baseline.json
compare_options "--baseline Z:\\...\\out\\baseline.json" \
  "lint --color never --host ltsc2022 --baseline '$work/opt-linux/out/baseline.json' charts/log-agent" \
  "lint --color never --host ltsc2022 --baseline '$(absolute out/baseline.json)' 'charts\\log-agent'"
compare_options "--output-format sarif:out\\report.sarif and json:Z:\\...\\out\\report.json" \
  "lint --color never --output-format sarif:out/report.sarif --output-format json:'$work/opt-linux/out/report.json' charts/log-agent" \
  "lint --color never --output-format 'sarif:out\\report.sarif' --output-format 'json:$(absolute out/report.json)' 'charts\\log-agent'"
same_file out/report.sarif
same_file out/report.json
compare_options "render charts\\log-agent --values values\\old.yaml" \
  "render charts/log-agent --values values/old.yaml" \
  "render 'charts\\log-agent' --values 'values\\old.yaml'"
compare_options "render Z:\\...\\charts\\log-agent -f Z:\\...\\values\\old.yaml" \
  "render '$work/opt-linux/charts/log-agent' -f '$work/opt-linux/values/old.yaml'" \
  "render '$(absolute charts/log-agent)' -f '$(absolute values/old.yaml)'"
# Confinement still holds: the repository's own config cannot name a values
# file outside the repository, however the path is written.
printf 'values: {}\n' >"$work/opt-linux/outside/v.yaml"
printf 'values: {}\n' >"$work/opt-win/outside/v.yaml"
mkdir -p "$work/opt-linux/repo/.git" "$work/opt-win/repo/.git"
cp -r "$root/examples/helm/charts" "$work/opt-linux/repo/"
cp -r "$root/examples/helm/charts" "$work/opt-win/repo/"
printf 'charts:\n  - path: charts/log-agent\n    values: [../outside/v.yaml]\n' >"$work/opt-linux/repo/.wincompat.yaml"
printf 'charts:\n  - path: charts\\log-agent\n    values: [..\\outside\\v.yaml]\n' >"$work/opt-win/repo/.wincompat.yaml"
# The message quotes the entry as it is written (..\outside\v.yaml).
linux="$(cd "$work/opt-linux" && run "$LINUX_BINARY" lint --color never --format json repo)"
windows="$(cd "$work/opt-win" && run win lint --color never --format json repo |
  sed 's|/opt-win/|/opt-linux/|g; s|names \.\.\\\\outside\\\\v\.yaml,|names ../outside/v.yaml,|')"
grep -q 'names ../outside/v.yaml, which leads outside the repository root' <<<"$linux" ||
  fail "the Linux binary read a values file outside the repository: $linux"
same "a repository's config naming ..\\outside\\v.yaml (not read)" "$linux" "$windows"

# 7. `wincompat plan` (examples/plan): text and JSON as on Linux, with the
# inventory named by a backslash path too; `plan --fix` on a copy with every
# file in CRLF edits the same bytes as Linux's on the same copy (CRLF kept),
# and a second --fix changes nothing.
for format in text json; do
  linux="$(cd "$root/examples/plan" && run "$LINUX_BINARY" plan --to ltsc2025 --format "$format" .)"
  windows="$(cd "$root/examples/plan" && run win plan --to ltsc2025 --format "$format" .)"
  same "examples/plan, plan --to ltsc2025 --format $format" "$linux" "$windows"
done
compare_options "plan --nodes nodes\\gke.yaml --values values\\old.yaml" \
  "plan --today 2031-09-14 --to ltsc2025 --nodes nodes/gke.yaml --values values/old.yaml --format json charts/log-agent" \
  "plan --today 2031-09-14 --to ltsc2025 --nodes 'nodes\\gke.yaml' --values 'values\\old.yaml' --format json 'charts\\log-agent'"
compare_options "plan --nodes nodes\\missing.yaml (named in the error as nodes/missing.yaml)" \
  "plan --to ltsc2025 --nodes nodes/missing.yaml charts/log-agent" \
  "plan --to ltsc2025 --nodes 'nodes\\missing.yaml' 'charts\\log-agent'"
for copy in plan-linux plan-win; do
  cp -r "$root/examples/plan" "$work/$copy"
  find "$work/$copy" -type f -exec sed -i 's/$/\r/' {} +
  (cd "$work/$copy" && git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base)
done
grep -q $'\r' "$work/plan-win/k8s/api.yaml" || fail "the plan copy has no CRLF file"
linux="$(cd "$work/plan-linux" && run "$LINUX_BINARY" plan --to ltsc2025 --fix .)"
windows="$(cd "$work/plan-win" && run win plan --to ltsc2025 --fix .)"
same "plan --to ltsc2025 --fix" "$linux" "$windows"
(cd "$work/plan-win" && ! git diff --quiet) || fail "plan --fix under wine changed nothing"
diff -r --exclude=.git "$work/plan-linux" "$work/plan-win" >&2 ||
  fail "plan --fix: the Windows binary's edits differ from Linux's (diff above)"
for file in $(cd "$work/plan-win" && git diff --name-only); do
  if git -C "$work/plan-win" show "HEAD:$file" | grep -q $'\r'; then
    [ "$(grep -c $'\r$' "$work/plan-win/$file")" = "$(wc -l <"$work/plan-win/$file")" ] ||
      fail "plan --fix: $file was CRLF and has lines without CR now"
  fi
done
echo "ok: plan --fix edits the same bytes as Linux ($(cd "$work/plan-win" && git diff --name-only | wc -l) files, CRLF kept)"
(cd "$work/plan-win" && git add -A && git -c user.name=t -c user.email=t@t commit -qm fixed)
windows="$(cd "$work/plan-win" && run win plan --to ltsc2025 --fix .)"
(cd "$work/plan-win" && git diff --quiet) || fail "a second plan --fix changed files: $(cd "$work/plan-win" && git diff --stat)"
echo "ok: a second plan --fix changes nothing ($(tail -n 1 <<<"$windows"))"

# 8. Registry credential helpers (credHelpers, credsStore): the Windows
# build's credential store (linter/registry/auth.cpp and linter/platform.cpp,
# built here with a small driver, tests/windows/credential_probe.cpp: wine
# has no libcurl for wincompat.exe to reach a registry) runs
# docker-credential-NAME.exe found on PATH through PATHEXT, gives it the
# server URL on standard input and reads its answer; a helper that fails
# shows nothing of what it printed; one that never answers is stopped at
# the timeout with every process it started (a job object); a .cmd helper
# (a shell) and one in a relative PATH folder are not run.
command -v x86_64-w64-mingw32-g++-posix >/dev/null 2>&1 ||
  skip "mingw-w64 is not installed (apt-get install g++-mingw-w64-x86-64)"
mkdir -p "$work/helpers/bin" "$work/helpers/include" "$work/helpers/relative" "$work/helpers/docker"
ln -s /usr/include/nlohmann "$work/helpers/include/nlohmann"
for mode in answer:wine fail:leaky hang:hang answer:relative; do
  x86_64-w64-mingw32-gcc-posix -O1 -D"MODE_$(tr a-z A-Z <<<"${mode%%:*}")" -static \
    "$root/tests/windows/credential_helper.c" -o "$work/helpers/bin/docker-credential-${mode##*:}.exe"
done
mv "$work/helpers/bin/docker-credential-relative.exe" "$work/helpers/relative/"
printf '@echo {"Username":"cmd-user","Secret":"cmd-secret"}\r\n' >"$work/helpers/bin/docker-credential-batch.cmd"
x86_64-w64-mingw32-g++-posix -std=c++20 -O1 -static -I"$root/linter" -I"$work/helpers/include" \
  "$root/tests/windows/credential_probe.cpp" "$root/linter/registry/auth.cpp" "$root/linter/platform.cpp" \
  -o "$work/helpers/credential_probe.exe"
cat >"$work/helpers/docker/config.json" <<'JSON'
{"credHelpers": {"wine.example": "wine", "leaky.example": "leaky", "hang.example": "hang",
                 "batch.example": "batch", "relative.example": "relative"},
 "credsStore": "wine"}
JSON
helper_log="$work/helpers/log.txt"
bin_folder="$(winpath "Z:$work/helpers/bin")"
probe_started=$SECONDS
probe="$(cd "$work/helpers" && WINCOMPAT_HELPER_LOG="$(winpath "Z:$helper_log")" PATHEXT='.COM;.EXE;.BAT;.CMD' \
  "$wine" "$work/helpers/credential_probe.exe" "$(winpath "Z:$work/helpers/docker/config.json")" \
  "relative;;$bin_folder\\" 2000 wine.example docker.io leaky.example hang.example batch.example relative.example |
  tr -d '\r')"
probe_took=$((SECONDS - probe_started))
printf '%s\n' "$probe"
expect_line() { grep -qF -- "$1; took" <<<"$probe" || fail "credential helpers: no line '$1' in the output above"; }
expect_line "wine.example: username=wine-user password=wine-secret; problem=none"
expect_line "docker.io: username=wine-user password=wine-secret; problem=none"
expect_line "leaky.example: no credentials; problem=docker-credential-leaky get failed (exit status 1)"
expect_line "hang.example: no credentials; problem=docker-credential-hang get did not answer within 2 s and was stopped"
expect_line "batch.example: no credentials; problem=docker-credential-batch is not on PATH"
expect_line "relative.example: no credentials; problem=docker-credential-relative is not on PATH"
[ "$probe_took" -lt 30 ] || fail "the credential store took ${probe_took} s: the hanging helper was not stopped at 2 s"
! grep -q do-not-show-this-secret <<<"$probe" || fail "a failed helper's output was shown"
[ "$(grep '^get ' "$helper_log")" = "$(printf 'get wine.example\nget https://index.docker.io/v1/')" ] ||
  fail "the helper was not given the server URLs: $(cat "$helper_log")"
grep -q "the helper started its child" "$helper_log" || fail "the hanging helper did not start: $(cat "$helper_log")"
sleep 6 # the hanging helper's child writes the log after 6 s unless it was killed
! grep -q "outlived" "$helper_log" || fail "a process the timed-out helper started was not stopped"
echo "ok: credential helpers run through PATH and PATHEXT, stopped with their children at the timeout"

echo "windows_test.sh: every check passed in ${SECONDS} s"
