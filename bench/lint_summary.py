#!/usr/bin/env python3
"""Summarise `wincompat lint --format json` output for the bench scripts.

Usage: lint_summary.py JSON_FILE [--files-with CODE OUT] [--under DIR]
       lint_summary.py JSON_FILE --diff OTHER_JSON

Prints `key value` lines on standard output:
  files N            files in the JSON summary (or len(files) without one)
  error N / warning N / info N   the summary's counts
  diagnostics N      diagnostics listed
  files_with_findings N
  codes WC201=12,WC204=40,...    diagnostics per code, sorted by code
With --files-with CODE OUT, writes the paths of the files that have a CODE
diagnostic to OUT, one a line, sorted (for comparing wincompat's WC901 files
with the files yaml-cpp cannot parse). --under DIR counts only files whose
path starts with DIR (the YAML part of the mixed corpus).
With --diff, compares the diagnostics of two runs (path, code, range,
message) instead and prints:
  only_first N / only_second N          diagnostics in one run only
  only_first_codes WC...=N,... / only_second_codes ...   the same by code
  only_second_files N                   files with a diagnostic only OTHER has
On unreadable JSON prints `files ?` and a message on standard error, exit 0
(the bench reports it; the JSON is part of the contract).

Python 3 standard library only.
"""

import argparse
import json
import sys


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print("files ?")
        print("lint_summary: cannot read the JSON output %s: %s" % (path, e), file=sys.stderr)
        return None


def diagnostics(doc):
    return {(f.get("path", ""), d.get("code", "?"), json.dumps(d.get("range"), sort_keys=True), d.get("message", ""))
            for f in doc.get("files", []) for d in f.get("diagnostics", [])}


def by_code(keys):
    codes = {}
    for k in keys:
        codes[k[1]] = codes.get(k[1], 0) + 1
    return ",".join("%s=%d" % (c, codes[c]) for c in sorted(codes)) or "-"


def diff(first, second):
    a, b = diagnostics(first), diagnostics(second)
    print("only_first %d" % len(a - b))
    print("only_second %d" % len(b - a))
    print("only_first_codes %s" % by_code(a - b))
    print("only_second_codes %s" % by_code(b - a))
    print("only_second_files %d" % len({k[0] for k in b - a}))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("json_file")
    ap.add_argument("--files-with", nargs=2, metavar=("CODE", "OUT"))
    ap.add_argument("--under", default="")
    ap.add_argument("--diff", metavar="OTHER_JSON")
    args = ap.parse_args(argv)
    doc = load(args.json_file)
    if doc is None:
        return 0
    if args.diff:
        other = load(args.diff)
        return 0 if other is None else diff(doc, other)
    files = [f for f in doc.get("files", []) if f.get("path", "").startswith(args.under)]
    summary = doc.get("summary", {})
    codes = {}
    with_code = []
    n_diag = 0
    with_findings = 0
    for f in files:
        diags = f.get("diagnostics", [])
        n_diag += len(diags)
        with_findings += bool(diags)
        seen = set()
        for d in diags:
            c = d.get("code", "?")
            codes[c] = codes.get(c, 0) + 1
            seen.add(c)
        if args.files_with and args.files_with[0] in seen:
            with_code.append(f.get("path", ""))
    if args.under:
        sev = {1: "error", 2: "warning", 3: "info"}
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in files:
            for d in f.get("diagnostics", []):
                k = sev.get(d.get("severity"))
                if k:
                    counts[k] += 1
        print("files %d" % len(files))
    else:
        counts = {k: summary.get(k, "?") for k in ("error", "warning", "info")}
        print("files %s" % summary.get("files", len(files)))
    for k in ("error", "warning", "info"):
        print("%s %s" % (k, counts[k]))
    print("diagnostics %d" % n_diag)
    print("files_with_findings %d" % with_findings)
    print("codes %s" % (",".join("%s=%d" % (c, codes[c]) for c in sorted(codes)) or "-"))
    if args.files_with:
        with open(args.files_with[1], "w", encoding="utf-8") as out:
            for p in sorted(with_code):
                out.write(p + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
