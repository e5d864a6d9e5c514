#!/usr/bin/env bash
# Installs the npm Dockerfile linters that bench/run_dockerfiles.sh compares
# wincompat against, into bench/.npm/ (a local prefix; nothing global):
#   - dockerfilelint    (CLI: bench/.npm/node_modules/.bin/dockerfilelint)
#   - dockerfile-utils  (CLI: bench/.npm/node_modules/.bin/dockerfile-utils)
# Idempotent: when both are already installed it does nothing (pass --force to
# reinstall). Needs node and npm (Debian: apt-get install -y nodejs npm).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/.npm"
force=0
[ "${1:-}" = "--force" ] && force=1

if ! command -v npm >/dev/null 2>&1; then
  echo "install_npm_linters: npm not found (apt-get install -y nodejs npm)" >&2
  exit 1
fi

bin="$prefix/node_modules/.bin"
if [ "$force" = 0 ] && [ -x "$bin/dockerfilelint" ] && [ -x "$bin/dockerfile-utils" ]; then
  echo "install_npm_linters: already installed in $prefix"
  exit 0
fi

mkdir -p "$prefix"
# A package.json of its own keeps npm from walking up to some other project.
if [ ! -f "$prefix/package.json" ]; then
  printf '{\n  "name": "wincompat-bench-npm-linters",\n  "private": true\n}\n' > "$prefix/package.json"
fi

npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
  dockerfilelint dockerfile-utils

for tool in dockerfilelint dockerfile-utils; do
  if [ ! -x "$bin/$tool" ]; then
    echo "install_npm_linters: $tool has no executable in $bin" >&2
    exit 1
  fi
done
echo "install_npm_linters: installed into $prefix:"
npm ls --prefix "$prefix" --depth=0 2>/dev/null | sed -n '2,$p'
