#!/usr/bin/env node
// Lints many Dockerfiles in ONE node process with the dockerfile-utils
// library, the same call its CLI makes (`dockerfile-utils lint --json FILE`
// runs validate() on one file and exits). The CLI takes exactly one file per
// process, so on a 10,000-file corpus it would spend nearly all its time
// starting node (~60-100 ms a process); this driver is the fastest fair way to
// run the same linter on many files, and how an editor or a server embeds it.
// It reads every file, validates it, and prints one JSON line per file
// ({"file": ..., "diagnostics": [...]}), like the CLI's --json output.
//
// Usage: node dockerfile_utils_batch.js FILE...   (or file names on stdin
// when no FILE is given, one per line). Looks for dockerfile-utils in
// bench/.npm/node_modules (bench/install_npm_linters.sh puts it there).
"use strict";
const fs = require("fs");
const path = require("path");
const lib = require(path.join(__dirname, ".npm", "node_modules", "dockerfile-utils"));

function lintAll(files) {
  const out = [];
  let errors = 0;
  for (const f of files) {
    if (!f) continue;
    const content = fs.readFileSync(f).toString();
    const diagnostics = lib.validate(content);
    for (const d of diagnostics) if (d.severity === 1) errors++;
    out.push(JSON.stringify({ file: f, diagnostics }));
    if (out.length >= 256) { process.stdout.write(out.join("\n") + "\n"); out.length = 0; }
  }
  if (out.length) process.stdout.write(out.join("\n") + "\n");
  process.exitCode = errors ? 1 : 0;
}

const args = process.argv.slice(2);
if (args.length) {
  lintAll(args);
} else {
  lintAll(fs.readFileSync(0, "utf8").split("\n"));
}
