#!/usr/bin/env bash
# Sets up a fresh Debian machine for wincompat, builds it, then either lints
# the bundled examples (`demo`) or runs the whole test suite (`test`).
#
#   bash scripts/bootstrap.sh demo
#   bash scripts/bootstrap.sh test
#
# Missing Debian packages are installed with apt-get (through sudo when not
# root). BUILD_DIR (default: build) and JOBS (default: nproc) can be set.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  demo|test|build) ;;
  *) echo "usage: bash scripts/bootstrap.sh demo|test|build" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

packages=(g++ cmake ninja-build pkg-config ca-certificates
          libyaml-cpp-dev libtree-sitter-dev libcli11-dev nlohmann-json3-dev)
# Tools only the test suite needs (real clients of the integrations).
test_packages=(catch2 git pre-commit neovim)
[ "$mode" = test ] && packages+=("${test_packages[@]}")
# npm fetches the tree-sitter YAML grammar once, at configure time. A machine
# that already has npm (for example from NodeSource) keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> building in $build_dir"
# Only `test` needs the test suite (and Catch2 v2, which newer distributions
# have replaced with v3).
tests=OFF
[ "$mode" = test ] && tests=ON
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINCOMPAT_BUILD_TESTS=$tests >/dev/null
# `demo` and `build` need only the binary; `test` builds everything.
target=()
[ "$mode" = test ] || target=(--target wincompat)
cmake --build "$build_dir" -j "$jobs" "${target[@]}"

case "$mode" in
  demo)
    # Each example repository is linted from its own folder, so that its
    # .wincompat.yaml (hosts, node pools, image mappings) is the one found.
    for example in dockerfiles k8s; do
      config=examples/.wincompat.yaml
      [ -f "$root/examples/$example/.wincompat.yaml" ] && config="examples/$example/.wincompat.yaml"
      echo "==> wincompat lint examples/$example (config: $config)"
      status=0
      (cd "$root/examples/$example" && "$build_dir/wincompat" lint .) || status=$?
      echo "==> exit status $status (1 means findings at or above the fail level)"
      echo
    done
    ;;
  test)
    echo "==> running the test suite"
    cd "$build_dir"
    ctest --output-on-failure -j "$jobs"
    ;;
esac
