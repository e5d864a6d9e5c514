#!/usr/bin/env bash
# Installation and packages, checked on the real artefacts:
#
#   packaging_test.sh install|deb|tgz|man|completions|action|glibc
#
# install      `cmake --install` into a temporary prefix; the installed binary
#              runs and lints; man page, completions and licences are there.
# deb          `cpack -G DEB`; the package's metadata (name, version,
#              homepage, Depends from dpkg-shlibdeps); `dpkg-deb -x` and
#              run usr/bin/wincompat --version.
# tgz          `cpack -G TGZ`; the tarball holds the binary, the man page and
#              the licence, and the binary runs from it.
# man          the generated man page renders with `man -l` without warnings
#              and names every subcommand, option and rule.
# completions  the generated bash completion completes subcommands, option
#              values and rule codes; zsh and fish files parse, where those
#              shells exist.
# action       action.yml's locate step (release tag or not, which
#              repository) and its release step installing the tarball that
#              `cpack -G TGZ` makes, served by a stand-in for curl.
# glibc        the binary's newest required GLIBC_ symbol version (objdump -T)
#              is at most 2.34, so it runs on Ubuntu 22.04, RHEL 9 and Amazon
#              Linux 2023; a statically linked binary needs none.
#
# Environment: BUILD_DIR (the configured build tree, already built),
# SOURCE_DIR, CMAKE_COMMAND, CPACK_COMMAND, VERSION. Exit 77 means skipped
# (a tool this check needs is missing).
set -euo pipefail

mode="${1:?usage: packaging_test.sh install|deb|tgz|man|completions|action|glibc}"
: "${BUILD_DIR:?}" "${SOURCE_DIR:?}" "${VERSION:?}"
CMAKE_COMMAND="${CMAKE_COMMAND:-cmake}"
CPACK_COMMAND="${CPACK_COMMAND:-cpack}"

. "$SOURCE_DIR/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (${2:-})"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
man_page="$BUILD_DIR/cli-docs/wincompat.1"

# A Dockerfile with one certain finding, to show that a binary really lints.
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\n' >"$work/Dockerfile"
lints() {
  local binary="$1" status=0 out
  out="$(cd "$work" && "$binary" lint --no-config --host ltsc2022 --color never Dockerfile)" || status=$?
  [ "$status" -eq 1 ] || fail "$binary lint: exit status $status, expected 1"
  grep -q 'error\[WC302\]' <<<"$out" || fail "$binary lint: no WC302 in: $out"
}
# The oldest glibc the released binary runs on (docs/install.md).
glibc_floor=2.34
# Prints the newest GLIBC_x.y version that binary $1 imports (empty: none).
newest_glibc() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -V | tail -n 1
}
version_ok() {
  local out
  out="$("$1" --version)" || fail "$1 --version failed"
  [[ "$out" == "wincompat $VERSION" || "$out" == "wincompat $VERSION (git "*")" ]] ||
    fail "$1 --version printed '$out', expected wincompat $VERSION"
}

case "$mode" in
  install)
    prefix="$work/prefix with space"
    "$CMAKE_COMMAND" --install "$BUILD_DIR" --prefix "$prefix" >"$work/install.log" ||
      { cat "$work/install.log"; fail "cmake --install failed"; }
    version_ok "$prefix/bin/wincompat"
    lints "$prefix/bin/wincompat"
    for file in share/doc/wincompat/LICENSE share/doc/wincompat/THIRD-PARTY-NOTICES.md \
      share/doc/wincompat/licenses/tree-sitter-yaml.LICENSE \
      share/bash-completion/completions/wincompat share/zsh/vendor-completions/_wincompat \
      share/fish/vendor_completions.d/wincompat.fish; do
      [ -s "$prefix/$file" ] || fail "not installed: $file"
    done
    if [ -f "$man_page" ]; then
      [ -s "$prefix/share/man/man1/wincompat.1.gz" ] || fail "not installed: share/man/man1/wincompat.1.gz"
      grep -q "^WINCOMPAT(1)" <<<"$(MANWIDTH=80 man -l "$prefix/share/man/man1/wincompat.1.gz" 2>/dev/null)" ||
        fail "the installed man page does not render"
    fi
    grep -q "Apache License" "$prefix/share/doc/wincompat/LICENSE" || fail "LICENSE is not the Apache licence"
    grep -q "MIT\|Permission is hereby granted" "$prefix/share/doc/wincompat/licenses/tree-sitter-yaml.LICENSE" ||
      fail "the grammar's licence is not its MIT notice"
    echo "installed into a temporary prefix; the installed binary runs"
    ;;

  deb)
    need dpkg-deb "dpkg"
    need dpkg-shlibdeps "dpkg-dev"
    [ -f "$man_page" ] || skip "no man page (help2man missing at configure time)"
    (cd "$BUILD_DIR" && "$CPACK_COMMAND" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
      { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
    deb="$(ls "$work"/out/wincompat_"$VERSION"_*.deb 2>/dev/null | head -n 1)"
    [ -n "$deb" ] || { ls -R "$work/out"; fail "no wincompat_${VERSION}_*.deb"; }
    [ "$(dpkg-deb -f "$deb" Package)" = wincompat ] || fail "Package is not wincompat"
    [ "$(dpkg-deb -f "$deb" Version)" = "$VERSION" ] || fail "Version is not $VERSION"
    [ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] || fail "wrong Architecture"
    grep -q '^https://' <<<"$(dpkg-deb -f "$deb" Homepage)" || fail "no Homepage"
    grep -q 'Windows container images' <<<"$(dpkg-deb -f "$deb" Description)" || fail "no Description"
    # Depends comes from dpkg-shlibdeps: exactly the shared libraries the
    # binary needs (none when it is fully static).
    depends="$(dpkg-deb -f "$deb" Depends)"
    if grep -q 'statically linked' <<<"$(file -L "$BUILD_DIR/wincompat")"; then
      [ -z "$depends" ] || fail "a static binary's package depends on: $depends"
    else
      grep -q 'libc6' <<<"$depends" || fail "a dynamic binary's Depends lacks libc6: '$depends'"
      # The package must install where the binary runs: libc6 (>= 2.34) at most.
      libc_min="$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$depends")"
      [ -n "$libc_min" ] || fail "Depends names libc6 without a version: '$depends'"
      [ "$(printf '%s\n%s\n' "$libc_min" "$glibc_floor" | sort -V | tail -n 1)" = "$glibc_floor" ] ||
        fail "Depends asks for libc6 >= $libc_min, newer than $glibc_floor: '$depends'"
    fi
    # libcurl is loaded at run time for registry look-ups: recommended, not required.
    grep -q 'libcurl4' <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "Recommends does not name libcurl4"
    ! grep -q 'libcurl' <<<"$depends" || fail "Depends names libcurl, which only look-ups load: '$depends'"
    dpkg-deb -c "$deb" >"$work/contents"
    for file in ./usr/bin/wincompat ./usr/share/man/man1/wincompat.1.gz ./usr/share/doc/wincompat/LICENSE \
      ./usr/share/bash-completion/completions/wincompat; do
      grep -q " $file\$" "$work/contents" || fail "not in the package: $file"
    done
    dpkg-deb -x "$deb" "$work/root"
    version_ok "$work/root/usr/bin/wincompat"
    lints "$work/root/usr/bin/wincompat"
    echo "$(basename "$deb"): Depends '${depends}'; the extracted usr/bin/wincompat runs"
    ;;

  glibc)
    need objdump "binutils"
    binary="$BUILD_DIR/wincompat"
    if grep -q 'statically linked' <<<"$(file -L "$binary" 2>/dev/null)"; then
      echo "statically linked: no glibc symbol versions"
      exit 0
    fi
    newest="$(newest_glibc "$binary")"
    [ -n "$newest" ] || fail "objdump -T found no GLIBC_ symbol versions in $binary"
    if [ "$(printf '%s\n%s\n' "$newest" "$glibc_floor" | sort -V | tail -n 1)" != "$glibc_floor" ]; then
      objdump -T "$binary" | grep "GLIBC_$newest" >&2 || true
      fail "$binary needs GLIBC_$newest, newer than $glibc_floor"
    fi
    echo "$binary needs glibc $newest at most (floor $glibc_floor)"
    ;;

  tgz)
    (cd "$BUILD_DIR" && "$CPACK_COMMAND" -G TGZ -B "$work/out" >"$work/cpack.log" 2>&1) ||
      { cat "$work/cpack.log"; fail "cpack -G TGZ failed"; }
    tarball="$(ls "$work"/out/wincompat-"$VERSION"-Linux-*.tar.gz 2>/dev/null | head -n 1)"
    [ -n "$tarball" ] || { ls -R "$work/out"; fail "no wincompat-${VERSION}-Linux-*.tar.gz"; }
    top="$(basename "$tarball" .tar.gz)"
    tar -tzf "$tarball" >"$work/contents"
    wanted=("$top/bin/wincompat" "$top/share/doc/wincompat/LICENSE" "$top/share/doc/wincompat/THIRD-PARTY-NOTICES.md")
    [ -f "$man_page" ] && wanted+=("$top/share/man/man1/wincompat.1.gz")
    for file in "${wanted[@]}"; do
      grep -qx "\(\./\)\?$file" "$work/contents" || { cat "$work/contents"; fail "not in the tarball: $file"; }
    done
    tar -xzf "$tarball" -C "$work"
    version_ok "$work/$top/bin/wincompat"
    lints "$work/$top/bin/wincompat"
    echo "$(basename "$tarball"): binary, man page and licences; the binary runs"
    ;;

  man)
    need man "man-db"
    [ -f "$man_page" ] || skip "no man page (help2man missing at configure time)"
    warnings="$(MANWIDTH=80 man --warnings -l "$man_page" 2>&1 >/dev/null)"
    [ -z "$warnings" ] || fail "man -l warns: $warnings"
    if command -v groff >/dev/null 2>&1; then
      warnings="$(groff -ww -man -Tutf8 "$man_page" 2>&1 >/dev/null)"
      [ -z "$warnings" ] || fail "groff -ww warns: $warnings"
    fi
    text="$(MANWIDTH=200 man -l "$man_page" 2>/dev/null | col -b)"
    binary="$BUILD_DIR/wincompat"
    grep -q "^WINCOMPAT(1)" <<<"$text" || fail "no WINCOMPAT(1) header"
    grep -q "wincompat $VERSION" <<<"$text" || fail "the footer does not name version $VERSION"
    # Every subcommand and every option of every subcommand, and every rule.
    subcommands="$("$binary" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')"
    [ -n "$subcommands" ] || fail "no subcommands in wincompat --help"
    for sub in $subcommands; do
      grep -q "wincompat $sub" <<<"$text" || fail "the man page lacks subcommand $sub"
      for option in $("$binary" "$sub" --help | grep -o '^  \(-[a-z],\)\?--[a-z-]*' | sed 's/.*--/--/'); do
        [ "$option" = --help ] && continue
        grep -q -- "$option" <<<"$text" || fail "the man page lacks $sub $option"
      done
    done
    # Each option's value choices, as --help lists them ({text,json,...}).
    for sub in $subcommands; do
      while read -r option choices; do
        for choice in ${choices//,/ }; do
          grep -q -- "$option.*$choice" <<<"$text" || fail "the man page lacks $sub $option's choice $choice"
        done
      done < <("$binary" "$sub" --help | sed -n 's/^  \(-[a-z],\)\?\(--[a-z-]*\) [A-Z_]*:{\([^}]*\)}.*/\2 \3/p')
    done
    files="$(sed -n '/^FILES/,/^[A-Z]/p' <<<"$text")"
    for file in .wincompat.yaml .wincompat.lock; do
      grep -q -- "^ *$file" <<<"$files" || fail "the man page's FILES lacks $file"
    done
    for code in $("$binary" rules | awk '/^WC[0-9]+ / {print $1}'); do
      grep -q "^ *$code " <<<"$text" || fail "the man page lacks rule $code"
    done
    echo "man -l renders wincompat.1 without warnings; every subcommand, option and rule is in it"
    ;;

  completions)
    dir="$BUILD_DIR/cli-docs/completions"
    # bash: drive the completion function as bash-completion would.
    complete_words() {
      bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _wincompat
               printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/wincompat.bash" "$@"
    }
    [ "$(complete_words wincompat li)" = lint ] || fail "bash: 'wincompat li' does not complete to lint"
    [ "$(complete_words wincompat lint --format s | tr '\n' ' ')" = "sarif " ] ||
      fail "bash: 'lint --format s' does not complete to sarif"
    [ "$(complete_words wincompat explain WC30 | wc -l)" -eq 5 ] || fail "bash: 'explain WC30' is not WC301-WC305"
    grep -qx -- --fail-level <<<"$(complete_words wincompat lint --fa)" || fail "bash: 'lint --fa' misses --fail-level"
    grep -qx -- --isolation <<<"$(complete_words wincompat compat --is)" || fail "bash: 'compat --is' misses --isolation"
    [ "$(complete_words wincompat lint --host ltsc20 | tr '\n' ' ')" = "ltsc2016 ltsc2019 ltsc2022 ltsc2025 " ] ||
      fail "bash: 'lint --host ltsc20' is not ltsc2016-ltsc2025: $(complete_words wincompat lint --host ltsc20)"
    grep -qx Windows2022 <<<"$(complete_words wincompat compat --host Win)" || fail "bash: 'compat --host Win' misses Windows2022"
    [ "$(complete_words wincompat lint --select WC30 | wc -l)" -eq 5 ] || fail "bash: '--select WC30' is not WC301-WC305"
    if command -v zsh >/dev/null 2>&1; then
      zsh -n "$dir/_wincompat" || fail "zsh cannot parse _wincompat"
      # An interactive zsh on a pseudo-terminal: TAB after `--fail-l` must
      # complete the option, a second TAB list its values.
      cat >"$work/complete.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -n -w z $'wincompat lint --fail-l\t'
zpty -n -w z $'\tEND'
local all="" chunk
for i in {1..100}; do
  zpty -r -t z chunk && all+=$chunk
  [[ $all == *END* ]] && break
  sleep 0.1
done
zpty -d z
print -r -- "$all"
ZSH
      out="$(HOME="$work" timeout 30 zsh -f "$work/complete.zsh" "$dir" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g')"
      grep -q "wincompat lint --fail-level" <<<"$out" || fail "zsh: '--fail-l' does not complete: $out"
      grep -q "warning" <<<"$out" || fail "zsh: --fail-level values are not listed: $out"
    fi
    if command -v fish >/dev/null 2>&1; then
      fish --no-execute "$dir/wincompat.fish" || fail "fish cannot parse wincompat.fish"
      fish_complete() { HOME="$work" fish --no-config -c "source '$dir/wincompat.fish'; complete -C '$1'" | cut -f1; }
      [ "$(fish_complete 'wincompat li')" = lint ] || fail "fish: 'wincompat li' does not complete to lint"
      [ "$(fish_complete 'wincompat lint --format s')" = sarif ] || fail "fish: 'lint --format s' is not sarif"
      [ "$(fish_complete 'wincompat explain WC30' | wc -l)" -eq 5 ] || fail "fish: 'explain WC30' is not WC301-WC305"
      grep -qx ltsc2022 <<<"$(fish_complete 'wincompat lint --host ltsc')" || fail "fish: '--host ltsc' misses ltsc2022"
    fi
    grep -q -- "-l fail-level" "$dir/wincompat.fish" || fail "fish: no --fail-level"
    grep -q -- "--fail-level\[" "$dir/_wincompat" || fail "zsh: no --fail-level"
    echo "bash completes subcommands, option values and rule codes; zsh and fish files are generated"
    ;;

  action)
    # A Python with PyYAML: the one on PATH, else Debian's (python3-yaml).
    python=""
    for candidate in python3 /usr/bin/python3; do
      "$candidate" -c 'import yaml' 2>/dev/null && { python="$candidate"; break; }
    done
    [ -n "$python" ] || skip "python3 with PyYAML (Debian package python3-yaml)"
    step() { # the run: script of the step with this id
      "$python" -c 'import sys, yaml
for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]:
    if s.get("id") == sys.argv[2]: print(s["run"])' "$SOURCE_DIR/action.yml" "$1" >"$work/$1.sh"
      [ -s "$work/$1.sh" ] || fail "action.yml has no step $1"
    }
    step locate
    locate() { # ACTION_REF ACTION_REPOSITORY -> the step's outputs
      : >"$work/outputs"
      (cd "$work" && env GITHUB_ACTION_PATH="$SOURCE_DIR" GITHUB_OUTPUT="$work/outputs" RUNNER_TEMP="$work" \
        ACTION_REF="$1" ACTION_REPOSITORY="$2" bash "$work/locate.sh") || fail "the locate step failed"
      cat "$work/outputs"
    }
    out="$(locate "v$VERSION" "")"
    grep -qx "version=$VERSION" <<<"$out" || fail "locate: version is not $VERSION: $out"
    grep -qx "release=true" <<<"$out" || fail "locate: v$VERSION is not a release: $out"
    expected_repository="$(sed -n 's/^WINCOMPAT_REPOSITORY=//p' "$SOURCE_DIR/scripts/repository.env")"
    [ -n "$expected_repository" ] || fail "scripts/repository.env names no repository"
    grep -qx "repository=$expected_repository" <<<"$out" || fail "locate: repository is not $expected_repository"
    grep -q "^source-hash=[0-9a-f]\{32\}$" <<<"$out" || fail "locate: no source hash: $out"
    grep -qx "release=false" <<<"$(locate main "")" || fail "locate: a branch counts as a release"
    grep -qx "release=false" <<<"$(locate 0123456789abcdef0123456789abcdef01234567 "")" ||
      fail "locate: a commit counts as a release"
    grep -qx "repository=someone/fork" <<<"$(locate "v$VERSION" someone/fork)" ||
      fail "locate: a fork's releases are not used"

    # The release step, with the tarball cpack makes, served by a curl
    # stand-in that has no .deb (so apt is never reached) and logs the URLs.
    (cd "$BUILD_DIR" && "$CPACK_COMMAND" -G TGZ -B "$work/out" >"$work/cpack.log" 2>&1) ||
      { cat "$work/cpack.log"; fail "cpack -G TGZ failed"; }
    mkdir -p "$work/fakebin"
    cat >"$work/fakebin/curl" <<'CURL'
#!/usr/bin/env bash
# curl -fsSL --retry 3 -o FILE URL
while [ $# -gt 2 ]; do [ "$1" = -o ] && file="$2"; shift; done
url="${!#}"
echo "$url" >>"$FAKE_CURL_LOG"
asset="$FAKE_RELEASE_DIR/$(basename "$url")"
[ -f "$asset" ] || exit 22
cp "$asset" "$file"
CURL
    chmod +x "$work/fakebin/curl"
    step release
    : >"$work/outputs"
    (cd "$work" && env PATH="$work/fakebin:$PATH" FAKE_CURL_LOG="$work/urls" FAKE_RELEASE_DIR="$work/out" \
      GITHUB_OUTPUT="$work/outputs" RUNNER_TEMP="$work/runner" VERSION="$VERSION" \
      REPOSITORY="$expected_repository" BIN_DIR="$work/runner/bin" bash "$work/release.sh") ||
      fail "the release step failed"
    grep -q "^https://github.com/$expected_repository/releases/download/v$VERSION/wincompat-$VERSION-Linux-" \
      "$work/urls" || { cat "$work/urls"; fail "the release step did not ask for the tarball"; }
    grep -qx "path=$work/runner/bin/wincompat" "$work/outputs" || { cat "$work/outputs"; fail "no path output"; }
    version_ok "$work/runner/bin/wincompat"
    # No asset at all: no path, so the build step builds from source.
    : >"$work/outputs"
    (cd "$work" && env PATH="$work/fakebin:$PATH" FAKE_CURL_LOG="$work/urls" FAKE_RELEASE_DIR="$work/none" \
      GITHUB_OUTPUT="$work/outputs" RUNNER_TEMP="$work/runner2" VERSION="$VERSION" \
      REPOSITORY="$expected_repository" BIN_DIR="$work/runner2/bin" bash "$work/release.sh" >/dev/null) ||
      fail "the release step failed without assets"
    ! grep -q "^path=" "$work/outputs" || fail "a path without any release asset"

    # The lint step runs wincompat once: annotations on stdout and, with
    # sarif-file, the SARIF file from the same run (--output-format).
    step lint
    cat >"$work/counting-wincompat" <<COUNT
#!/usr/bin/env bash
echo run >>"$work/runs"
exec "$BUILD_DIR/wincompat" "\$@"
COUNT
    chmod +x "$work/counting-wincompat"
    : >"$work/outputs"
    status=0
    (cd "$work" && env WINCOMPAT_BIN="$work/counting-wincompat" INPUT_PATHS=Dockerfile INPUT_FORMAT=github \
      INPUT_FAIL_LEVEL=error INPUT_CONFIG="" INPUT_HOSTS=ltsc2022 INPUT_ISOLATION="" INPUT_ARGS="--no-config" \
      INPUT_SARIF_FILE="reports/wincompat.sarif" GITHUB_OUTPUT="$work/outputs" bash "$work/lint.sh" \
      >"$work/lint.out") || status=$?
    [ "$status" -eq 1 ] || { cat "$work/lint.out"; fail "the lint step exited $status, expected 1"; }
    [ "$(wc -l <"$work/runs")" -eq 1 ] || fail "the lint step ran wincompat $(wc -l <"$work/runs") times, not once"
    grep -q '^::error file=Dockerfile,.*WC302' "$work/lint.out" || { cat "$work/lint.out"; fail "no WC302 annotation"; }
    grep -q '"ruleId": "WC302"' "$work/reports/wincompat.sarif" || fail "the SARIF file lacks WC302"
    grep -qx "exit-code=1" "$work/outputs" || { cat "$work/outputs"; fail "no exit-code=1 output"; }
    echo "action.yml: release tags install the release tarball; other refs and missing assets build from source;"
    echo "the lint step runs once, writing annotations and the SARIF file"
    ;;

  *) fail "unknown mode $mode" ;;
esac
