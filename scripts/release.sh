#!/usr/bin/env bash
# Builds and checks the release artefacts of the version in CMakeLists.txt:
#
#   bash scripts/release.sh [OUT_DIR]      # default: dist/
#
# OUT_DIR receives
#   wincompat_VERSION_amd64.deb               Debian 12+, Ubuntu 22.04+
#   wincompat-VERSION-Linux-x86_64.tar.gz     any x86-64 Linux with glibc >= 2.34
#   wincompat-VERSION-Linux-aarch64.tar.gz    any arm64 Linux with glibc >= 2.34
#   wincompat-VERSION-windows-x86_64.zip      64-bit Windows 10/Server 2016 and later: wincompat.exe,
#                                             licences, SBOM (scripts/build-windows.sh, mingw-w64)
#   wincompat-VERSION-Linux-ARCH.spdx.json    SPDX 2.3 SBOMs: what each binary links in (scripts/sbom.py)
#   wincompat-VERSION-windows-x86_64.spdx.json
#   SHA256SUMS                                sha256sum -c SHA256SUMS checks them
#
# Checks before anything is written: every version named in the docs is
# this one (tests/docs/check_versions.py), the x86-64 binary needs glibc 2.34
# at most (tests/packaging/packaging_test.sh glibc), the .deb's Depends says
# libc6 (>= 2.34) at most (packaging_test.sh deb), and the arm64 binary,
# cross-built with Debian's crossbuild-essential-arm64, runs under
# qemu-user-static: `--version`, and a lint of every example folder whose
# output is byte for byte the x86-64 binary's.
#
# Needs, beyond scripts/bootstrap.sh's packages: `dpkg --add-architecture
# arm64 && apt-get update`, then crossbuild-essential-arm64, qemu-user-static,
# libtree-sitter-dev:arm64 and zlib1g-dev:arm64 (these install beside their
# amd64 twins). libyaml-cpp-dev:arm64 and libcurl4-openssl-dev:arm64 would
# REPLACE the amd64 ones, so they are never installed: this script unpacks
# them (`apt-get download`, `dpkg -x`) into build-release-arm64/sysroot.
# RELEASE_ARM64=0 skips the arm64 tarball (its build takes ~10 minutes on
# two cores, under qemu most of the time spent compiling).
# The Windows zip needs g++-mingw-w64-x86-64, wine64, zip and a deb-src entry
# (scripts/build-windows.sh); its checks run under wine64
# (tests/windows/windows_test.sh: --version, the examples' output equal to
# Linux's, CRLF and backslash paths, the pre-commit entry point).
# RELEASE_WINDOWS=0 skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)"
jobs="$(nproc)"
version="$(sed -n 's/^project(wincompat VERSION \([0-9.]*\) .*/\1/p' CMakeLists.txt)"
[ -n "$version" ] || { echo "release.sh: no project(VERSION) in CMakeLists.txt" >&2; exit 1; }
build="$root/build-release"
build_arm64="$root/build-release-arm64"
say() { echo "==> $*"; }
fail() { echo "release.sh: $*" >&2; exit 1; }

say "wincompat $version: checking the docs name this version"
python3 tests/docs/check_versions.py "$root"

say "building x86-64 in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINCOMPAT_BUILD_TESTS=OFF \
  -DCMAKE_UNITY_BUILD=ON >/dev/null
cmake --build "$build" -j "$jobs" --target wincompat wincompat_cli_docs
check() { BUILD_DIR="$build" SOURCE_DIR="$root" VERSION="$version" bash tests/packaging/packaging_test.sh "$1"; }
check glibc
check deb
check tgz

say "packaging"
rm -f "$out"/wincompat_"$version"_*.deb "$out"/wincompat-"$version"-* "$out/SHA256SUMS"
(cd "$build" && cpack -G "DEB;TGZ" -B "$build/cpack" >/dev/null)
cp "$build"/cpack/wincompat_"$version"_*.deb "$build"/cpack/wincompat-"$version"-Linux-x86_64.tar.gz "$out/"

if [ "${RELEASE_ARM64:-1}" != 0 ]; then
  say "arm64: cross-building in $build_arm64"
  missing=()
  dpkg --print-foreign-architectures | grep -qx arm64 || fail "run: dpkg --add-architecture arm64 && apt-get update"
  for package in crossbuild-essential-arm64 qemu-user-static libtree-sitter-dev:arm64 zlib1g-dev:arm64; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] || fail "missing Debian packages: apt-get install ${missing[*]}"
  # The -dev packages that cannot be installed beside amd64's, unpacked; each
  # one's control file and file list stay in sysroot/.debs for the SBOM.
  sysroot="$build_arm64/sysroot"
  if [ ! -f "$sysroot/.complete" ]; then
    rm -rf "$sysroot" && mkdir -p "$sysroot/.debs"
    (cd "$sysroot/.debs" &&
      apt-get download libyaml-cpp-dev:arm64 libyaml-cpp0.7:arm64 libcurl4-openssl-dev:arm64 libcurl4:arm64 \
        2> >(grep -v '^W: Download is performed unsandboxed' >&2))
    for deb in "$sysroot"/.debs/*.deb; do
      name="$(dpkg-deb -f "$deb" Package)"
      dpkg-deb -f "$deb" >"$sysroot/.debs/$name.control"
      dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' >"$sysroot/.debs/$name.list"
      dpkg-deb -x "$deb" "$sysroot"
    done
    touch "$sysroot/.complete"
  fi
  grammar=()
  tarball="$(ls "$build"/_deps/tree-sitter-yaml/*.tgz 2>/dev/null | head -n 1 || true)"
  [ -n "$tarball" ] && grammar=(-DWINCOMPAT_TS_YAML_SOURCE="$tarball")
  cmake -S "$root" -B "$build_arm64" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINCOMPAT_BUILD_TESTS=OFF \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/aarch64-linux-gnu.cmake" \
    -DWINCOMPAT_ARM64_SYSROOT="$sysroot" "${grammar[@]}" >/dev/null
  cmake --build "$build_arm64" -j "$jobs" --target wincompat
  arm64="$build_arm64/wincompat"
  file -L "$arm64" | grep -q "ARM aarch64" || fail "$arm64 is not an arm64 executable: $(file -L "$arm64")"
  # One glibc for the loader and the libraries: the cross toolchain's
  # (cmake/toolchains/aarch64-linux-gnu.cmake says why -L alone mixes two
  # builds of glibc, which hangs the first thread). A hang fails the check.
  qemu=(timeout 300 qemu-aarch64-static -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib)

  say "arm64: checking under qemu-user-static"
  [ "$("${qemu[@]}" "$arm64" --version | cut -d' ' -f1-2)" = "wincompat $version" ] ||
    fail "arm64 --version: $("${qemu[@]}" "$arm64" --version)"
  newest="$(aarch64-linux-gnu-objdump -T "$arm64" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -V | tail -n 1)"
  [ "$(printf '%s\n2.34\n' "$newest" | sort -V | tail -n 1)" = 2.34 ] || fail "arm64 binary needs GLIBC_$newest > 2.34"
  for example in $(cd examples && ls -d */ | tr -d /); do
    x86_out="$(cd examples/"$example" && "$build/wincompat" lint --color never --format json . 2>&1; echo "exit $?")"
    arm_out="$(cd examples/"$example" && "${qemu[@]}" "$arm64" lint --color never --format json . 2>&1; echo "exit $?")"
    [ "$x86_out" = "$arm_out" ] || { diff <(echo "$x86_out") <(echo "$arm_out") || true; fail "examples/$example: arm64 output differs"; }
    echo "examples/$example: same output and exit status on arm64 ($(tail -n 1 <<<"$arm_out"))"
  done

  # The arm64 tarball: the x86-64 one's tree (man page, completions, licences
  # are architecture-independent) with the arm64 binary.
  top="wincompat-$version-Linux-aarch64"
  stage="$build_arm64/stage"
  rm -rf "$stage" && mkdir -p "$stage"
  tar -xzf "$out/wincompat-$version-Linux-x86_64.tar.gz" -C "$stage"
  mv "$stage/wincompat-$version-Linux-x86_64" "$stage/$top"
  aarch64-linux-gnu-strip -o "$stage/$top/bin/wincompat" "$arm64"
  tar --owner=0 --group=0 --sort=name -czf "$out/$top.tar.gz" -C "$stage" "$top"
  python3 scripts/sbom.py "$build_arm64" >"$out/wincompat-$version-Linux-aarch64.spdx.json"
else
  say "arm64: skipped (RELEASE_ARM64=0)"
fi

# The Windows zip: wincompat.exe cross-built with mingw-w64, checked under
# wine64 against the x86-64 binary, with the licences and its SBOM.
build_windows_zip() {
  local build_windows="$root/build-release-windows" top="wincompat-$version-windows-x86_64"
  local grammar="" tarball
  tarball="$(ls "$build"/_deps/tree-sitter-yaml/*.tgz 2>/dev/null | head -n 1 || true)"
  [ -n "$tarball" ] && grammar="$tarball"
  say "Windows: cross-building in $build_windows"
  WINCOMPAT_TS_YAML_SOURCE="${grammar:-${WINCOMPAT_TS_YAML_SOURCE:-}}" JOBS="$jobs" \
    bash scripts/build-windows.sh "$build_windows"
  say "Windows: checking under wine64"
  LINUX_BINARY="$build/wincompat" WINDOWS_BINARY="$build_windows/wincompat.exe" \
    bash tests/windows/windows_test.sh
  local stage="$build_windows/stage"
  rm -rf "$stage" && mkdir -p "$stage/$top"
  x86_64-w64-mingw32-strip -o "$stage/$top/wincompat.exe" "$build_windows/wincompat.exe"
  cp LICENSE THIRD-PARTY-NOTICES.md "$stage/$top/"
  python3 scripts/sbom.py "$build_windows" "$stage/$top/wincompat.exe" >"$out/$top.spdx.json"
  cp "$out/$top.spdx.json" "$stage/$top/wincompat.spdx.json"
  rm -f "$out/$top.zip"
  (cd "$stage" && find "$top" -type f | LC_ALL=C sort | zip -q -X -D "$out/$top.zip" -@)
}

if [ "${RELEASE_WINDOWS:-1}" != 0 ]; then
  build_windows_zip
else
  say "Windows: skipped (RELEASE_WINDOWS=0)"
fi

say "SBOM and checksums"
python3 scripts/sbom.py "$build" >"$out/wincompat-$version-Linux-x86_64.spdx.json"
for sbom in "$out"/wincompat-"$version"-*.spdx.json; do python3 scripts/sbom.py --check "$sbom"; done
(cd "$out" && sha256sum wincompat_"$version"_*.deb wincompat-"$version"-* >SHA256SUMS && sha256sum -c SHA256SUMS)
say "release artefacts in $out:"
ls -l "$out"
