#!/usr/bin/env bash
# Sets up a fresh Debian machine for wincompat, builds it, then either lints
# the bundled examples (`demo`) or runs the whole test suite (`test`).
#
#   bash scripts/bootstrap.sh demo
#   bash scripts/bootstrap.sh test
#
# Missing Debian packages are installed with apt-get (through sudo when not
# root; the packages are named before sudo runs). SUDO_INSTALL=no makes it
# stop instead (exit status 3) and print the apt-get command to run, which is
# what the pre-commit hook does on a developer's machine. BUILD_DIR (default:
# build) and JOBS (default: nproc) can be set.
#
# `test` then hardens (docs/hardening.md): a clang build with AddressSanitizer
# and UndefinedBehaviorSanitizer in $BUILD_DIR-asan runs the whole suite again
# and each libFuzzer target for FUZZ_SECONDS (default 10) plus its regression
# inputs. HARDENING=0 skips that part.
set -euo pipefail

# Each step is announced with the seconds since the start, so that a CI log
# shows where the time goes.
say() { printf '==> [%4ds] %s\n' "$SECONDS" "$*"; }

mode="${1:-}"
case "$mode" in
  demo|test|build) ;;
  *) echo "usage: bash scripts/bootstrap.sh demo|test|build" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

# help2man makes the man page that `cmake --install` and the packages ship;
# libcurl serves registry look-ups (its headers to build; the library is
# loaded at run time, and libcurl4-openssl-dev installs it); zlib unpacks
# packaged Helm subcharts.
packages=(g++ cmake ninja-build pkg-config ca-certificates help2man
          libyaml-cpp-dev libtree-sitter-dev libcli11-dev nlohmann-json3-dev
          libcurl4-openssl-dev zlib1g-dev)
# Tools only the test suite needs: Catch2 v2, real clients of the
# integrations, python3 for the documentation link check, and what the
# packaging tests use (man-db renders the man page,
# dpkg-dev and file compute the .deb's Depends; zsh and fish check the
# completions).
test_packages=(catch2 git pre-commit neovim python3 python3-yaml man-db dpkg-dev file zsh fish)
# Registry lookups are tested against a real registry (tests/e2e/registry_lookup.sh):
# the distribution registry, htpasswd for Basic auth, curl to push images, and
# python3 with openssl for the test's Bearer token service.
test_packages+=(docker-registry apache2-utils curl openssl)
# The Helm reference (tests/helmref): Go's text/template with Sprig, built
# offline in GOPATH mode from Debian's Go packages.
test_packages+=(golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev
                golang-github-burntsushi-toml-dev)
# The sanitizer suite and the fuzz targets build with clang and libFuzzer.
[ "${HARDENING:-1}" = 0 ] || test_packages+=(clang-14 libclang-rt-14-dev)
[ "$mode" = test ] && packages+=("${test_packages[@]}")
# npm fetches the tree-sitter YAML grammar once, at configure time. A machine
# that already has npm (for example from NodeSource) keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  grep -q "install ok installed" <<<"$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if [ "${SUDO_INSTALL:-yes}" = no ]; then
      echo "missing Debian packages: ${missing[*]}" >&2
      echo "install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
      exit 3
    fi
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages with ${sudo:+sudo }apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

say "building in $build_dir"
# Only `test` needs the test suite (and Catch2 v2, which newer distributions
# have replaced with v3).
tests=OFF
[ "$mode" = test ] && tests=ON
# CI builds with warnings as errors (g++ and clang build without one); a
# developer's newer compiler may warn where these do not, so only CI=true.
werror=()
[ "${CI:-}" = true ] && werror=(-DCMAKE_COMPILE_WARNING_AS_ERROR=ON)
# A fresh build compiles every file once: a unity build (several sources of a
# folder per compiler run, cmake/UnityGroups.cmake) parses the big headers
# (nlohmann/json, yaml-cpp, CLI11) a few times instead of once per file, which
# halves the build. Developers who rebuild one file at a time keep the
# default (off).
unity=(-DCMAKE_UNITY_BUILD=ON)
# With hardening, each unit test file is built and run once: the few that
# compare whole real-world repositories with kubectl and Helm or time the
# product (tests/CMakeLists.txt, WINCOMPAT_SLOW_UNIT_TESTS) in this optimised
# build, the others in the sanitizer build below. This build also runs the
# end-to-end, packaging and documentation tests against the optimised binary.
unit_part=all
[ "$mode" = test ] && [ "${HARDENING:-1}" != 0 ] && unit_part=slow
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINCOMPAT_BUILD_TESTS=$tests \
  -DWINCOMPAT_UNIT_TEST_PART=$unit_part "${unity[@]}" "${werror[@]}" >/dev/null
# `demo` needs only the binary; `build` also the man page and completions
# (so that `cmake --install` works); `test` builds everything.
target=()
[ "$mode" = demo ] && target=(--target wincompat)
[ "$mode" = build ] && target=(--target wincompat wincompat_cli_docs)
cmake --build "$build_dir" -j "$jobs" "${target[@]}"

case "$mode" in
  demo)
    # Each example repository is linted from its own folder, so that its
    # .wincompat.yaml (hosts, node pools, image mappings) is the one found.
    for example in dockerfiles k8s kustomize helm; do
      config=examples/.wincompat.yaml
      [ -f "$root/examples/$example/.wincompat.yaml" ] && config="examples/$example/.wincompat.yaml"
      say "wincompat lint examples/$example (config: $config)"
      status=0
      (cd "$root/examples/$example" && "$build_dir/wincompat" lint .) || status=$?
      say "exit status $status (1 means findings at or above the fail level)"
      echo
    done
    ;;
  test)
    if [ "${HARDENING:-1}" = 0 ]; then
      say "running the test suite"
      (cd "$build_dir" && ctest --output-on-failure -j "$jobs")
      exit 0
    fi

    # The unit tests but the slow ones above, built with clang under
    # ASan+UBSan, and the end-to-end scripts again. The library is also
    # instrumented for libFuzzer, so the fuzz targets come from this build
    # too (two builds in all). -O1 keeps the instrumented tests fast to build
    # and run; the tree-sitter grammar the first build fetched is reused.
    # The suite above mostly waits on the processes it starts, so this build
    # runs beside it, in the background, and its log is shown when it ends.
    asan_dir="${build_dir}-asan"
    grammar=()
    [ -d "$build_dir/_deps/tree-sitter-yaml/unpacked" ] &&
      grammar=(-DWINCOMPAT_TS_YAML_SOURCE="$build_dir/_deps/tree-sitter-yaml/unpacked")
    say "building with sanitizers (clang-14, ASan, UBSan) in $asan_dir, beside the test suite"
    asan_log="$(mktemp)"
    (CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 \
      -DWINCOMPAT_FUZZ=ON -DWINCOMPAT_BUILD_TESTS=ON -DWINCOMPAT_UNIT_TEST_PART=rest "${grammar[@]}" "${unity[@]}" "${werror[@]}" >/dev/null &&
      cmake --build "$asan_dir" -j "$jobs" && say "sanitizer build done") >"$asan_log" 2>&1 &
    asan_build=$!

    say "running the test suite"
    suite=0
    (cd "$build_dir" && ctest --output-on-failure -j "$jobs") || suite=$?
    asan_status=0
    wait "$asan_build" || asan_status=$?
    say "sanitizer build log ($asan_dir)"
    cat "$asan_log"
    rm -f "$asan_log"
    [ "$suite" -eq 0 ] || { echo "the test suite failed" >&2; exit "$suite"; }
    [ "$asan_status" -eq 0 ] || { echo "the sanitizer build failed" >&2; exit "$asan_status"; }

    # Any leak, memory error or undefined behaviour fails the test that hit it
    # (a child process's report fails it through the exit status). The unit
    # tests run in six processes here (tests/CMakeLists.txt says why).
    export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    say "running the test suite under the sanitizers"
    (cd "$asan_dir" && ctest --output-on-failure -j "$jobs")

    # A short run of each fuzz target: replays its regressions and the seeds
    # (the fixtures), then mutates for FUZZ_SECONDS. The build above made
    # every target, so $jobs of them run at a time; each prints when done.
    fuzz_seconds="${FUZZ_SECONDS:-10}"
    fuzz_out="$asan_dir/fuzz-work/smoke"
    rm -rf "$fuzz_out"
    mkdir -p "$fuzz_out"
    targets=()
    for source in "$root"/fuzz/fuzz_*.cpp; do
      target="$(basename "$source" .cpp)"
      targets+=("${target#fuzz_}")
    done
    say "fuzzing ${#targets[@]} targets for ${fuzz_seconds}s each, $jobs at a time"
    passed=0
    failed=0
    for ((i = 0; i < ${#targets[@]}; i += jobs)); do
      batch=("${targets[@]:i:jobs}")
      for target in "${batch[@]}"; do
        FUZZ_BUILD_DIR="$asan_dir" FUZZ_NO_BUILD=1 bash "$root/bench/fuzz.sh" "$target" "$fuzz_seconds" \
          >"$fuzz_out/$target.out" 2>&1 && echo 0 >"$fuzz_out/$target.status" || echo 1 >"$fuzz_out/$target.status" &
      done
      wait
      for target in "${batch[@]}"; do
        cat "$fuzz_out/$target.out"
        if [ "$(cat "$fuzz_out/$target.status")" = 0 ]; then
          passed=$((passed + 1))
        else
          failed=$((failed + 1))
        fi
      done
    done
    echo "fuzz: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
esac
