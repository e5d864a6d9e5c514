#!/usr/bin/env bash
# Entry point of the pre-commit hooks in .pre-commit-hooks.yaml.
#
#   pre-commit-hooks/wincompat.sh [LINT OPTIONS ...] FILE ...
#
# runs `wincompat lint LINT OPTIONS ... FILE ...` in the current directory.
# pre-commit runs hooks from the root of the repository being committed and
# passes the staged files that match the hook's `files`/`types`, so only they
# are linted, each with the nearest .wincompat.yaml above it (and the
# inventory files it names, relative to it), as `wincompat lint` finds them. The exit status is wincompat's:
# 1 (findings at or above the fail level) or 2 (bad config) fail the commit.
#
# The wincompat binary, first found of:
#   1. $WINCOMPAT, when set (it must be an executable file);
#   2. `wincompat` on PATH;
#   3. a build inside this hook repository (pre-commit's clone of it), made
#      once with scripts/bootstrap.sh and reused by every later run;
#      on Windows (Git Bash, which pre-commit runs this script with) instead
#      the release's wincompat.exe for this hook's version, downloaded once
#      (curl, which Git for Windows ships) into the hook repository: nothing
#      is built there.
#
# The build never runs `sudo apt-get` on its own: when Debian packages are
# missing and this is not root, the hook stops and names them, with the
# command to install them. WINCOMPAT_HOOK_INSTALL=1 lets it run that command
# itself (through sudo). Installing the wincompat package is faster still.
set -euo pipefail

hook_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$hook_repo/build"

say() { printf 'wincompat pre-commit hook: %s\n' "$*" >&2; }

build_in_hook_repo() {
  if [ ! -f "$hook_repo/scripts/bootstrap.sh" ]; then
    say "no wincompat binary: set WINCOMPAT=/path/to/wincompat or put wincompat on PATH"
    return 2
  fi
  # Two hooks (or two commits) may reach this at once: build under a lock.
  local lock="$hook_repo/.wincompat-build.lock"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock"
    flock 9
  fi
  if [ -x "$build_dir/wincompat" ]; then
    return 0 # built while we waited for the lock
  fi
  local log="$hook_repo/.wincompat-build.log"
  say "building wincompat once in $hook_repo (log: $log); set WINCOMPAT or put wincompat on PATH to skip this"
  local sudo_install=no
  [ "${WINCOMPAT_HOOK_INSTALL:-}" = 1 ] && sudo_install=yes
  local status=0
  BUILD_DIR="$build_dir" SUDO_INSTALL="$sudo_install" bash "$hook_repo/scripts/bootstrap.sh" build >"$log" 2>&1 ||
    status=$?
  if [ "$status" -eq 3 ]; then
    cat "$log" >&2
    say "building wincompat needs the Debian packages above; install them (or run the hook again with"
    say "WINCOMPAT_HOOK_INSTALL=1 to let it run that sudo apt-get command), or install the wincompat"
    say "package and use a 'language: system' hook (docs/integrations/pre-commit.md)"
    return 2
  elif [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2 || true
    say "the build failed (full log: $log)"
    return 2
  fi
}

on_windows() {
  case "$(uname -s 2>/dev/null)" in MINGW* | MSYS* | CYGWIN*) return 0 ;; esac
  [ "${OS:-}" = Windows_NT ]
}

# The release's Windows zip for this hook repository's version (the ref
# pinned in `rev:`), unpacked into $hook_repo/windows once.
download_windows_binary() {
  local version repository name url folder="$hook_repo/windows"
  version="$(sed -n 's/^project(wincompat VERSION \([0-9.]*\).*/\1/p' "$hook_repo/CMakeLists.txt" 2>/dev/null)"
  repository="$(sed -n 's/^WINCOMPAT_REPOSITORY=//p' "$hook_repo/scripts/repository.env" 2>/dev/null)"
  if [ -z "$version" ] || [ -z "$repository" ]; then
    say "no wincompat.exe: set WINCOMPAT=C:/path/to/wincompat.exe or put wincompat.exe on PATH"
    return 2
  fi
  name="wincompat-$version-windows-x86_64"
  url="https://github.com/$repository/releases/download/v$version/$name.zip"
  say "downloading wincompat.exe $version once into $folder ($url)"
  mkdir -p "$folder"
  if ! curl -fsSL --retry 3 -o "$folder/$name.zip" "$url"; then
    say "cannot download $url; set WINCOMPAT=C:/path/to/wincompat.exe or put wincompat.exe on PATH"
    return 2
  fi
  (cd "$folder" && { unzip -q -o "$name.zip" 2>/dev/null || tar -xf "$name.zip"; }) || {
    say "cannot unpack $folder/$name.zip"
    return 2
  }
  mv -f "$folder/$name/wincompat.exe" "$folder/wincompat.exe"
}

if [ -n "${WINCOMPAT:-}" ]; then
  if [ ! -f "$WINCOMPAT" ] || [ ! -x "$WINCOMPAT" ]; then
    say "WINCOMPAT=$WINCOMPAT is not an executable file"
    exit 2
  fi
  binary="$WINCOMPAT"
elif command -v wincompat >/dev/null 2>&1; then
  binary="$(command -v wincompat)"
elif on_windows; then
  if [ ! -f "$hook_repo/windows/wincompat.exe" ]; then
    download_windows_binary || exit 2
  fi
  binary="$hook_repo/windows/wincompat.exe"
else
  if [ ! -x "$build_dir/wincompat" ]; then
    build_in_hook_repo || exit 2
  fi
  binary="$build_dir/wincompat"
fi

exec "$binary" lint "$@"
