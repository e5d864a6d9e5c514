#!/usr/bin/env python3
"""Summarise `wincompat lint --format json` output for the bench scripts.

Usage: lint_summary.py JSON_FILE [--files-with CODE OUT] [--under DIR]

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
On unreadable JSON prints `files ?` and a message on standard error, exit 0
(the bench reports it; the JSON is part of the contract).

Python 3 standard library only.
"""

import argparse
import json
import sys


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("json_file")
    ap.add_argument("--files-with", nargs=2, metavar=("CODE", "OUT"))
    ap.add_argument("--under", default="")
    args = ap.parse_args(argv)
    try:
        with open(args.json_file, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("files ?")
        print("lint_summary: cannot read the JSON output: %s" % e, file=sys.stderr)
        return 0
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
