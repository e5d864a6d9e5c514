#!/usr/bin/env bash
# Builds bench/out/yamlcpp_parse, the yaml-cpp parse-only baseline that
# bench/run_yaml.sh and bench/run_mixed.sh compare wincompat with.
#
#   bench/build_yamlcpp_parse.sh [--force]
#
# Rebuilds only when bench/yamlcpp_parse.cpp is newer than the binary (or with
# --force). Needs g++ and yaml-cpp (Debian: apt-get install -y g++
# libyaml-cpp-dev); flags from pkg-config when it knows yaml-cpp, otherwise
# plain -lyaml-cpp. Prints the binary's path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/yamlcpp_parse.cpp"
bin="$here/out/yamlcpp_parse"
force=0
[ "${1:-}" = "--force" ] && force=1

if [ "$force" = 0 ] && [ -x "$bin" ] && [ "$bin" -nt "$src" ]; then
  echo "$bin"
  exit 0
fi
command -v "${CXX:-g++}" >/dev/null 2>&1 || { echo "build_yamlcpp_parse: ${CXX:-g++} not found (apt-get install -y g++)" >&2; exit 1; }
flags="-lyaml-cpp"
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists yaml-cpp 2>/dev/null; then
  flags="$(pkg-config --cflags --libs yaml-cpp)"
fi
mkdir -p "$here/out"
# shellcheck disable=SC2086  # $flags is a list of flags
"${CXX:-g++}" -O2 -std=c++20 -Wall -o "$bin.tmp" "$src" $flags ||
  { echo "build_yamlcpp_parse: compiling failed (is libyaml-cpp-dev installed?)" >&2; exit 1; }
mv "$bin.tmp" "$bin"
echo "$bin"
