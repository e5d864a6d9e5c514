#!/usr/bin/env bash
# The pre-commit hook on a developer's machine with no wincompat and missing
# build packages: it must not run `sudo apt-get` on its own. It stops (exit 2)
# naming the packages and the command, and never calls sudo; with
# WINCOMPAT_HOOK_INSTALL=1 it announces the install, then runs it through sudo.
# Stand-ins for id (not root), dpkg-query (nothing installed), sudo (logs its
# arguments and fails) and wincompat's absence make this safe to run anywhere.
set -euo pipefail
: "${WINCOMPAT_SOURCE_DIR:?set WINCOMPAT_SOURCE_DIR to the repository root}"
fail() { echo "FAIL: $*" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A hook repository as pre-commit clones it, without a build.
mkdir -p "$work/hook" "$work/bin"
cp -r "$WINCOMPAT_SOURCE_DIR/pre-commit-hooks" "$WINCOMPAT_SOURCE_DIR/scripts" "$work/hook/"
cat >"$work/bin/id" <<'STUB'
#!/bin/sh
[ "$1" = -u ] && { echo 1000; exit 0; }
exec /usr/bin/id "$@"
STUB
printf '#!/bin/sh\nexit 1\n' >"$work/bin/dpkg-query"
printf '#!/bin/sh\necho "sudo $*" >>"%s/sudo.log"\nexit 1\n' "$work" >"$work/bin/sudo"
chmod +x "$work/bin/"*
# PATH without any wincompat: the stand-ins, then the system's tools, linked
# one by one so that a wincompat installed in /usr/bin (a package) is not
# among them and the test does not depend on what the machine has installed.
mkdir -p "$work/system"
cp -sn /usr/bin/* "$work/system/" 2>/dev/null || true
[ /bin -ef /usr/bin ] || cp -sn /bin/* "$work/system/" 2>/dev/null || true
rm -f "$work/system/wincompat"
path="$work/bin:$work/system"
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' >"$work/Dockerfile"

status=0
(cd "$work" && env -u WINCOMPAT -u WINCOMPAT_HOOK_INSTALL PATH="$path" \
  bash "$work/hook/pre-commit-hooks/wincompat.sh" Dockerfile) >"$work/out" 2>&1 || status=$?
cat "$work/out"
[ "$status" -eq 2 ] || fail "exit status $status, expected 2"
[ ! -e "$work/sudo.log" ] || fail "sudo ran: $(cat "$work/sudo.log")"
grep -q "sudo apt-get install --no-install-recommends .*cmake" "$work/out" || fail "the install command is not named"
grep -q "WINCOMPAT_HOOK_INSTALL=1" "$work/out" || fail "the opt-in is not named"

# Opted in: it says what it installs, then runs apt-get through sudo.
status=0
(cd "$work" && env -u WINCOMPAT PATH="$path" WINCOMPAT_HOOK_INSTALL=1 \
  bash "$work/hook/pre-commit-hooks/wincompat.sh" Dockerfile) >"$work/out" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "opted in, with a failing sudo: exit status $status, expected 2"
grep -q "apt-get" "$work/sudo.log" || fail "opted in, sudo apt-get did not run"
grep -q "installing Debian packages with sudo apt-get: .*cmake" "$work/hook/.wincompat-build.log" ||
  fail "the install was not announced before sudo ran"
echo "the hook names missing packages instead of running sudo; WINCOMPAT_HOOK_INSTALL=1 opts in"
