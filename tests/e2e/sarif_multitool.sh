#!/usr/bin/env bash
# `wincompat lint --format sarif` checked by Microsoft's SARIF Multitool, the
# reference validator (npm package @microsoft/sarif-multitool-linux, a
# self-contained .NET binary): `validate --rule-kind "Gh;Sarif"` runs both the
# SARIF rules and GitHub code scanning's ingestion rules, and must report no
# error and no warning (notes are suggestions and are allowed).
#
# The SARIF comes from the repository's examples/ and tests/fixtures (every
# rule family, related locations in another file) and from a scratch
# directory with the awkward cases: WC901/WC902 files (no source text),
# percent-encoded paths, standard input, a file outside the working directory,
# a clean run with no results and a configuration error (WC903, exit 2).
#
# The Multitool is installed once per build tree (build/_tools/); set
# SARIF_MULTITOOL to use another binary. Exit 77 (skip) only when npm is
# missing or cannot reach the registry.
set -euo pipefail

: "${WINCOMPAT:?set WINCOMPAT to the built wincompat binary}"
: "${WINCOMPAT_SOURCE_DIR:?set WINCOMPAT_SOURCE_DIR to the repository root}"
src="$(cd "$WINCOMPAT_SOURCE_DIR" && pwd)"
WINCOMPAT="$(cd "$(dirname "$WINCOMPAT")" && pwd)/$(basename "$WINCOMPAT")"

. "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

package="@microsoft/sarif-multitool-linux"
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
tools="${WINCOMPAT_TOOLS_DIR:-$(dirname "$WINCOMPAT")/_tools}/sarif-multitool-$version"
# The .NET runtime inside needs ICU unless globalization is invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Sets $multitool, installing the package into $tools unless it runs already.
install_multitool() {
  multitool="$tools/node_modules/$package/Sarif.Multitool"
  if [ -x "$multitool" ] && "$multitool" --version >/dev/null 2>&1; then # (it prints to stderr)
    return
  fi
  command -v npm >/dev/null 2>&1 || skip "npm is not installed (scripts/bootstrap.sh installs it)"
  npm view "$package@$version" version >/dev/null 2>&1 || skip "npm cannot reach the registry for $package@$version"
  mkdir -p "$(dirname "$tools")"
  local staging
  staging="$(mktemp -d "$(dirname "$tools")/.staging-XXXXXX")"
  echo "installing $package@$version into $tools"
  npm install --prefix "$staging" --no-audit --no-fund --loglevel=error "$package@$version" ||
    fail "npm install $package@$version failed"
  # npm may not run the package's postinstall (chmod u+x Sarif.Multitool).
  chmod u+x "$staging/node_modules/$package/Sarif.Multitool"
  rm -rf "$tools"
  mv "$staging" "$tools"
  "$multitool" --version >/dev/null 2>&1 || fail "$multitool does not run on this machine"
}

if [ -n "${SARIF_MULTITOOL:-}" ]; then
  multitool="$SARIF_MULTITOOL"
else
  install_multitool
fi
echo "using $("$multitool" --version 2>&1 | head -n 1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/sarif"
mkdir -p "$out"
export WINCOMPAT_TODAY=2026-11-23 NO_COLOR=1

# lint NAME DIR EXPECTED_STATUS ARGS...: SARIF of `wincompat lint ARGS` run in DIR.
lint() {
  local name="$1" dir="$2" expected="$3" status=0
  shift 3
  (cd "$dir" && "$WINCOMPAT" lint --format sarif "$@") >"$out/$name.sarif" 2>"$work/$name.err" || status=$?
  [ "$status" = "$expected" ] || fail "$name: exit status $status, expected $expected: $(cat "$work/$name.err")"
  echo "$name.sarif: $(grep -c '"ruleId"' "$out/$name.sarif" || true) results"
}

step "generating SARIF"
lint examples "$src/examples" 1 .
lint examples-k8s "$src/examples/k8s" 1 .
lint fixtures "$src" 1 --no-config --host ltsc2022 --host 23H2 tests/fixtures
grep -q '"relatedLocations"' "$out/examples-k8s.sarif" || fail "examples/k8s: no relatedLocations"
for code in WC1 WC2 WC3 WC901 WC904; do
  grep -q "\"ruleId\": \"$code" "$out/fixtures.sarif" || fail "fixtures: no $code result"
done

scratch="$work/repo"
mkdir -p "$scratch/.git" "$scratch/dir with space/ü" "$work/outside"
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\n' | iconv -f UTF-8 -t UTF-16 >"$scratch/utf16.Dockerfile"
printf '\x00\x01binary\x00' >"$scratch/binary.Dockerfile"
: >"$scratch/empty.Dockerfile"
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS base # \xf0\x9f\x98\x80\nFROM base\n' \
  >"$scratch/dir with space/ü/a%b,c:d.Dockerfile"
printf 'FROM mcr.microsoft.com/windows/nanoserver:1809\n' >"$work/outside/Dockerfile"
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' >"$scratch/clean.Dockerfile"
printf 'hosts: [ltsc2022]\nbogus: 1\n' >"$scratch/bad-config.yaml"
lint edge "$scratch" 1 --no-config --host ltsc2022 . "$work/outside/Dockerfile" - --stdin-filename stdin.Dockerfile \
  <"$work/outside/Dockerfile"
lint clean "$scratch" 0 --no-config --host ltsc2022 clean.Dockerfile
lint config-error "$scratch" 2 --config bad-config.yaml clean.Dockerfile
for code in WC901 WC902 WC302; do
  grep -q "\"ruleId\": \"$code\"" "$out/edge.sarif" || fail "edge: no $code result"
done

step "determinism: --jobs 1 and --jobs 8 give the same bytes"
(cd "$src" && "$WINCOMPAT" lint --format sarif --jobs 8 --no-config --host ltsc2022 --host 23H2 tests/fixtures) \
  >"$work/fixtures-jobs8.sarif" || true
(cd "$src" && "$WINCOMPAT" lint --format sarif --jobs 1 --no-config --host ltsc2022 --host 23H2 tests/fixtures) \
  >"$work/fixtures-jobs1.sarif" || true
cmp -s "$work/fixtures-jobs1.sarif" "$work/fixtures-jobs8.sarif" || fail "SARIF differs between --jobs 1 and 8"
cmp -s "$work/fixtures-jobs1.sarif" "$out/fixtures.sarif" || fail "SARIF differs between two runs"

step "levels are SARIF's (the Multitool does not check enum values)"
if grep -h '"level": ' "$out"/*.sarif | grep -vqE '"level": "(error|warning|note)"'; then
  fail "a level other than error, warning or note: $(grep -h '"level": ' "$out"/*.sarif | sort -u)"
fi

# A copy with a rule stripped of fullDescription must fail GH2012: proof that
# the validator ran and that its findings are seen below.
sed '0,/"fullDescription": {/s//"fullDescriptionX": {/' "$out/examples.sarif" >"$work/broken.sarif"

step "Sarif.Multitool validate --rule-kind \"Gh;Sarif\""
status=0
"$multitool" validate "$out"/*.sarif "$work/broken.sarif" --rule-kind "Gh;Sarif" \
  --output "$work/validation.sarif" --log ForceOverwrite >"$work/validate.log" 2>&1 || status=$?
cat "$work/validate.log"
[ "$status" = 0 ] || fail "Sarif.Multitool exited with $status"
grep -q "broken.sarif([0-9,]*): error GH2012" "$work/validate.log" ||
  fail "the deliberately broken SARIF was not reported: is the validator running?"
if grep -E ": (error|warning) [A-Z]+[0-9]+:" "$work/validate.log" | grep -v "broken.sarif("; then
  fail "the SARIF Multitool reported errors or warnings (above)"
fi
grep -q '"ruleId": "GH2012"' "$work/validation.sarif" || fail "validation log without the GH2012 result"
echo "OK: $(ls "$out" | wc -l) SARIF files valid, no error and no warning"
