#!/usr/bin/env bash
# `wincompat lint --write-baseline FILE` / `--baseline FILE` (adopting the
# gate on a repository with findings) and `--output-format FORMAT:FILE`
# (several reports from one run), as docs/usage.md#baseline-and-several-outputs
# describes them:
#
# - --write-baseline records every finding and exits 0;
# - --baseline hides them, also after lines move above them, and shows (and
#   fails on) a new finding; the note on stderr counts the hidden ones;
# - a baseline's fingerprints are SARIF's partialFingerprints;
# - a missing or foreign baseline, or a bad FORMAT:FILE, is a usage error (2);
# - --output-format writes each report to its file and leaves the terminal
#   text as it was, with the same findings in each.
set -euo pipefail

: "${WINCOMPAT:?set WINCOMPAT to the built wincompat binary}"
WINCOMPAT="$(cd "$(dirname "$WINCOMPAT")" && pwd)/$(basename "$WINCOMPAT")"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
lint() { "$WINCOMPAT" lint --no-config --host ltsc2022 --color never "$@"; }
status_of() { local s=0; "$@" >"$work/out" 2>"$work/err" || s=$?; echo "$s"; }

mkdir -p web api
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo web\n' >web/Dockerfile
printf 'FROM mcr.microsoft.com/windows/nanoserver:1809\n' >api/Dockerfile

step "--write-baseline records today's findings and exits 0"
[ "$(status_of lint --write-baseline baseline.json web api)" = 0 ] || { cat err; fail "--write-baseline did not exit 0"; }
grep -q "error\[WC302\]" out || fail "--write-baseline did not print the report: $(cat out)"
grep -q "wrote 2 findings to the baseline baseline.json" err || fail "no note on stderr: $(cat err)"
python3 - <<'PY' || fail "baseline.json is not the documented format"
import json
doc = json.load(open("baseline.json"))
assert doc["tool"] == "wincompat" and doc["version"] == 1, doc
assert [(f["path"], f["code"]) for f in doc["findings"]] == [("api/Dockerfile", "WC302"), ("web/Dockerfile", "WC302")], doc
PY

step "the fingerprints are SARIF's partialFingerprints"
lint --format sarif web api >sarif.json || true
python3 - <<'PY' || fail "baseline fingerprints differ from SARIF's"
import json
sarif = json.load(open("sarif.json"))["runs"][0]["results"]
prints = sorted(r["partialFingerprints"]["wincompat/v1"] for r in sarif)
base = sorted(f["fingerprint"] for f in json.load(open("baseline.json"))["findings"])
assert prints == base, (prints, base)
PY

step "--baseline hides them, after lines move too"
printf '# escape=`\n# the web image\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo web\n' >web/Dockerfile
[ "$(status_of lint --baseline baseline.json web api)" = 0 ] || { cat out err; fail "baselined findings still fail"; }
grep -q "No problems found" out || fail "baselined findings still shown: $(cat out)"
grep -q "2 findings in the baseline baseline.json not shown" err || fail "no count of hidden findings: $(cat err)"

step "a new finding is shown and fails"
mkdir new && printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\n' >new/Dockerfile
[ "$(status_of lint --baseline baseline.json web api new)" = 1 ] || fail "a new finding does not fail"
grep -q "new/Dockerfile:1:.*WC302" out || fail "the new finding is not shown: $(cat out)"
[ "$(grep -c "error\[WC302\]" out)" = 1 ] || fail "baselined findings shown beside the new one: $(cat out)"

step "a missing or foreign baseline is a usage error"
[ "$(status_of lint --baseline missing.json web)" = 2 ] || fail "a missing baseline is not exit 2"
grep -q "cannot read the baseline missing.json" err || fail "no message for a missing baseline: $(cat err)"
echo '{"findings": []}' >foreign.json
[ "$(status_of lint --baseline foreign.json web)" = 2 ] || fail "a foreign baseline is not exit 2"
grep -q "is not a wincompat baseline" err || fail "no message for a foreign baseline: $(cat err)"

step "--output-format writes every report from one run, next to the terminal text"
rm -r new
[ "$(status_of lint web api --output-format sarif:report.sarif --output-format json:report.json \
  --output-format github:report.github)" = 1 ] || fail "lint with outputs did not exit 1"
lint web api >terminal.txt 2>/dev/null || true
cmp -s out terminal.txt || fail "the terminal text changed with --output-format"
{ lint --format sarif web api || true; } | cmp -s - report.sarif || fail "report.sarif is not what --format sarif prints"
{ lint --format json web api || true; } | cmp -s - report.json || fail "report.json is not what --format json prints"
[ "$(grep -c '^::error ' report.github)" = 2 ] || fail "report.github does not hold two annotations"
[ "$(status_of lint web --output-format xml:x.xml)" = 2 ] || fail "an unknown output format is not exit 2"
grep -q "unknown format 'xml'" err || fail "no message for an unknown format: $(cat err)"
[ "$(status_of lint web --output-format sarif)" = 2 ] || fail "FORMAT without FILE is not exit 2"
[ "$(status_of lint web --output-format sarif:no/such/dir/x.sarif)" = 2 ] || fail "an unwritable FILE is not exit 2"
grep -q "cannot write no/such/dir/x.sarif" err || fail "no message for an unwritable file: $(cat err)"
echo "baseline and several outputs behave as documented"
