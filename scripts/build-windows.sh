#!/usr/bin/env bash
# Cross-builds wincompat.exe for 64-bit Windows on Debian with mingw-w64:
#
#   bash scripts/build-windows.sh [BUILD_DIR]     # default: build-windows
#
# Needs g++-mingw-w64-x86-64 (the POSIX-threads compiler), wine64 (runs the
# build-time catalog converter and the tests), dpkg-dev (dpkg-source), and a
# deb-src entry for the Debian archive in use (for example
# /etc/apt/sources.list.d/debian-src.sources with "Types: deb-src" and the
# same URIs/Suites/Components as the deb entry, then apt-get update).
#
# The libraries are built for the target from Debian's own source packages
# (`apt-get source`), never from prebuilt downloads:
#   zlib        Debian source package zlib        (Packaged Helm subcharts)
#   yaml-cpp    Debian source package yaml-cpp
#   tree-sitter Debian source package tree-sitter (the runtime library)
# plus the header-only nlohmann/json and CLI11 from Debian's -dev packages
# (nlohmann-json3-dev, libcli11-dev), libcurl's headers (libcurl4-openssl-dev;
# libcurl itself is loaded at run time when present: docs/install.md), and the
# YAML grammar from the npm package the Linux build fetches. They go into
# BUILD_DIR/prefix once (BUILD_DIR/prefix/.complete); a second run builds only
# wincompat. WINCOMPAT_TS_YAML_SOURCE (an npm tarball or an unpacked copy)
# avoids npm, as in the Linux build. JOBS (default: nproc) and
# BUILD_TYPE (default: Release) can be set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(mkdir -p "${1:-$root/build-windows}" && cd "${1:-$root/build-windows}" && pwd)"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
prefix="$build/prefix"
src="$build/src"
host=x86_64-w64-mingw32
toolchain="$root/cmake/toolchains/x86_64-w64-mingw32.cmake"
say() { echo "==> $*"; }
fail() { echo "build-windows.sh: $*" >&2; exit 1; }

for tool in $host-gcc-posix $host-g++-posix dpkg-source; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found: apt-get install g++-mingw-w64-x86-64 dpkg-dev"
done
command -v wine >/dev/null 2>&1 || fail "wine64 not found: apt-get install wine64"
for header in /usr/include/CLI/CLI.hpp /usr/include/nlohmann/json.hpp; do
  [ -f "$header" ] || fail "$header not found: apt-get install libcli11-dev nlohmann-json3-dev"
done
curl_headers="$(dirname "$(ls /usr/include/curl/curl.h /usr/include/*/curl/curl.h 2>/dev/null | head -n 1)")"
[ -f "$curl_headers/curl.h" ] || fail "libcurl's headers not found: apt-get install libcurl4-openssl-dev"

# wine keeps its state here, not in the user's home.
export WINEPREFIX="${WINEPREFIX:-$build/wine}" WINEDEBUG="${WINEDEBUG:--all}"

if [ ! -f "$prefix/.complete" ]; then
  rm -rf "$prefix" "$src" && mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/share/cmake" "$src"
  say "fetching Debian source packages into $src"
  (cd "$src" && apt-get source -qq zlib yaml-cpp tree-sitter 2> >(grep -v '^W: Download is performed unsandboxed' >&2)) ||
    fail "apt-get source failed: add a deb-src entry for your Debian archive and run apt-get update"
  zlib_dir="$(ls -d "$src"/zlib-*/ | head -n 1)"
  yaml_dir="$(ls -d "$src"/yaml-cpp-*/ | head -n 1)"
  ts_dir="$(ls -d "$src"/tree-sitter-*/ | head -n 1)"

  say "zlib ($zlib_dir)"
  # The library's sources as its own win32/Makefile.gcc lists them (Debian's
  # source drops that folder).
  mkdir -p "$src/zlib-build"
  objects=()
  for name in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees \
    trees uncompr zutil; do
    $host-gcc-posix -O2 -Wall -c "$zlib_dir/$name.c" -o "$src/zlib-build/$name.o"
    objects+=("$src/zlib-build/$name.o")
  done
  $host-gcc-ar-posix rcs "$prefix/lib/libz.a" "${objects[@]}"
  cp "$zlib_dir/zlib.h" "$zlib_dir/zconf.h" "$prefix/include/"

  say "yaml-cpp ($yaml_dir)"
  cmake -S "$yaml_dir" -B "$src/yaml-cpp-build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DWINCOMPAT_WINDOWS_PREFIX="$prefix" \
    -DYAML_BUILD_SHARED_LIBS=OFF -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF >/dev/null
  cmake --build "$src/yaml-cpp-build" -j "$jobs" >/dev/null
  cmake --install "$src/yaml-cpp-build" >/dev/null

  say "tree-sitter runtime ($ts_dir)"
  ts_version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ts_dir/lib/Cargo.toml" | head -n 1)"
  $host-gcc-posix -O2 -std=gnu99 -I"$ts_dir/lib/src" -I"$ts_dir/lib/include" -c "$ts_dir/lib/src/lib.c" \
    -o "$src/tree-sitter-lib.o"
  $host-gcc-ar-posix rcs "$prefix/lib/libtree-sitter.a" "$src/tree-sitter-lib.o"
  cp -r "$ts_dir/lib/include/tree_sitter" "$prefix/include/"
  cat >"$prefix/lib/pkgconfig/tree-sitter.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: tree-sitter
Description: An incremental parsing system for programming tools (Debian source, built for $host)
Version: ${ts_version:-0}
Libs: -L\${libdir} -ltree-sitter
Cflags: -I\${includedir}
EOF

  say "header-only libraries from Debian's -dev packages, libcurl's headers"
  cp -r /usr/include/CLI /usr/include/nlohmann "$prefix/include/"
  cp -r /usr/share/cmake/CLI11 /usr/share/cmake/nlohmann_json "$prefix/share/cmake/"
  cp -r "$curl_headers" "$prefix/include/curl"
  # What each library is, for the SBOM (scripts/sbom.py --windows).
  for package in zlib yaml-cpp tree-sitter; do
    dsc="$(ls "$src"/"${package}"_*.dsc | head -n 1)"
    echo "$package $(sed -n 's/^Version: //p' "$dsc" | head -n 1)"
  done >"$prefix/sources.txt"
  for package in nlohmann-json3-dev libcli11-dev libcurl4-openssl-dev; do
    echo "$package $(dpkg-query -W -f='${Version}' "$package")"
  done >>"$prefix/sources.txt"
  touch "$prefix/.complete"
fi

say "wincompat.exe in $build"
# (The toolchain file sets these too; a first configure needs them earlier.)
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH=""
grammar=()
[ -n "${WINCOMPAT_TS_YAML_SOURCE:-}" ] && grammar=(-DWINCOMPAT_TS_YAML_SOURCE="$WINCOMPAT_TS_YAML_SOURCE")
launcher=()
command -v ccache >/dev/null 2>&1 && [ -n "${CCACHE_DIR:-}" ] &&
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DWINCOMPAT_WINDOWS_PREFIX="$prefix" \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DWINCOMPAT_BUILD_TESTS=OFF -DCMAKE_UNITY_BUILD=ON \
  "${grammar[@]}" "${launcher[@]}" ${WINCOMPAT_WINDOWS_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j "$jobs" --target wincompat
file -L "$build/wincompat.exe" | grep -q "PE32+ executable.*x86-64" ||
  fail "$build/wincompat.exe is not a 64-bit Windows executable: $(file -L "$build/wincompat.exe")"
say "built $build/wincompat.exe"
