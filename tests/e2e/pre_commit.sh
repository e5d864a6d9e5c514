#!/usr/bin/env bash
# The pre-commit hooks (.pre-commit-hooks.yaml, pre-commit-hooks/) with the real
# pre-commit (Debian package, installed here if missing), in a throwaway git
# repository: `pre-commit try-repo` against this checkout, then real
# `git commit`s through `pre-commit install`. A commit that adds an
# incompatible manifest or Dockerfile fails; a good one passes; only staged
# files are linted; the project's .wincompat.yaml and the inventory it names
# are found.
#
# The hooks use the built binary through $WINCOMPAT (no build in the hook
# clone). When the hook files are not committed in this checkout yet (work in
# progress), a snapshot of them is committed in a temporary repository and
# tested instead; in a fresh clone the checkout itself is the hook repository.
set -euo pipefail

: "${WINCOMPAT:?set WINCOMPAT to the built wincompat binary}"
: "${WINCOMPAT_SOURCE_DIR:?set WINCOMPAT_SOURCE_DIR to the repository root}"
src="$(cd "$WINCOMPAT_SOURCE_DIR" && pwd)"
WINCOMPAT="$(cd "$(dirname "$WINCOMPAT")" && pwd)/$(basename "$WINCOMPAT")"
export WINCOMPAT

. "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

install_debian_packages() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  local install=(apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@")
  # Try without refreshing the package lists first (other tests may be using apt).
  DEBIAN_FRONTEND=noninteractive $sudo "${install[@]}" >/dev/null 2>&1 && return 0
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=300 >/dev/null 2>&1 || return 1
  DEBIAN_FRONTEND=noninteractive $sudo "${install[@]}" >/dev/null
}

missing=()
command -v git >/dev/null 2>&1 || missing+=(git)
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  install_debian_packages "${missing[@]}" || skip "cannot install ${missing[*]} (need root or passwordless sudo, and apt-get)"
fi
echo "using $(pre-commit --version), $(git --version)"

# Hermetic: own HOME, git config and pre-commit cache; nothing from the caller's
# git environment (this may itself run inside a git hook).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(GIT_|PRE_COMMIT)' || true)
unset SKIP
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
export PRE_COMMIT_HOME="$work/pre-commit-cache" PRE_COMMIT_COLOR=never NO_COLOR=1
export GIT_CONFIG_NOSYSTEM=1 WINCOMPAT_TODAY=2026-11-23
mkdir -p "$HOME" "$work/bin"
# A copy of the binary: a rebuild of the build tree during the test cannot
# pull it from under the hooks.
cp "$WINCOMPAT" "$work/bin/wincompat"
WINCOMPAT="$work/bin/wincompat"
git config --global user.name "wincompat test"
git config --global user.email "test@example.invalid"
git config --global init.defaultBranch main
git config --global commit.gpgsign false
git config --global safe.directory '*'

# --- the hook repository: this checkout, or a snapshot of its hook files ----
hook_repo="$src"
if ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1 ||
   ! git -C "$src" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null ||
   [ -n "$(git -C "$src" status --porcelain --untracked-files=all -- .pre-commit-hooks.yaml pre-commit-hooks)" ]; then
  echo "note: the hook files are not committed in $src: testing a committed snapshot of them"
  hook_repo="$work/hook-repo"
  mkdir -p "$hook_repo"
  cp -p "$src/.pre-commit-hooks.yaml" "$hook_repo/"
  cp -Rp "$src/pre-commit-hooks" "$hook_repo/"
  git -C "$hook_repo" init -q
  git -C "$hook_repo" add -A
  git -C "$hook_repo" commit -q -m "hook snapshot"
fi
hook_rev="$(git -C "$hook_repo" rev-parse HEAD)"
echo "hook repository: $hook_repo at $hook_rev"
mode="$(git -C "$hook_repo" ls-files -s pre-commit-hooks/wincompat.sh | cut -d' ' -f1)"
[ "$mode" = 100755 ] || fail "pre-commit-hooks/wincompat.sh must be committed executable (mode 100755, is '$mode'): git update-index --chmod=+x"

# --- the throwaway project ---------------------------------------------------
proj="$work/project"
mkdir -p "$proj/cluster" "$proj/deploy" "$proj/app" "$proj/scratch"
cd "$proj"
git init -q

# Dockerfiles are checked against ltsc2022; pods against the inventory, whose
# only Windows pool runs Windows Server 2025 (so a finding that names pool
# win25 proves the inventory was found through the config).
cat > .wincompat.yaml <<'EOF'
hosts: [ltsc2022]
nodes: [cluster/nodes.yaml]
EOF
cat > cluster/nodes.yaml <<'EOF'
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata:
      name: akssystem000000
      labels: {kubernetes.io/os: linux, agentpool: system}
    status:
      nodeInfo: {operatingSystem: linux, kernelVersion: 5.15.0-1073-azure}
  - apiVersion: v1
    kind: Node
    metadata:
      name: akswin25000000
      labels: {kubernetes.io/os: windows, agentpool: win25, kubernetes.azure.com/os-sku: Windows2025}
    status:
      nodeInfo: {operatingSystem: windows, kernelVersion: 10.0.26100.2314}
EOF
manifest() { # NAME TAG
  cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: $1}
spec:
  selector: {matchLabels: {app: $1}}
  template:
    metadata: {labels: {app: $1}}
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      containers:
        - name: $1
          image: mcr.microsoft.com/windows/servercore:$2
EOF
}
manifest web ltsc2025 > deploy/web.yaml
manifest legacy ltsc2019 > deploy/legacy.yaml
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' > app/Dockerfile_windows
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\n' > app/legacy.Dockerfile
printf 'FROM mcr.microsoft.com/windows/servercore:ltsc2019\n' > scratch/Dockerfile
printf 'BasedOnStyle: LLVM\n' > .clang-format # identify calls this YAML too
printf 'notes\n' > notes.txt
git add .wincompat.yaml cluster/nodes.yaml
git commit -q -m "config and inventory"

# try_repo HOOK FILE...: prints the output, sets $rc.
try_repo() {
  local hook="$1"
  shift
  rc=0
  # --ref: the committed hook files (checked above), not a shadow copy of
  # every uncommitted change in the checkout.
  out="$(pre-commit try-repo "$hook_repo" "$hook" --ref "$hook_rev" --verbose --files "$@" 2>&1)" || rc=$?
  printf '%s\n' "$out"
}
expect() { # STATUS DESCRIPTION
  [ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1"
}
contains() { # TEXT DESCRIPTION
  grep -qF -- "$1" <<<"$out" || fail "$2: output lacks '$1'"
}
lacks() {
  if grep -qF -- "$1" <<<"$out"; then fail "$2: output has '$1'"; fi
}

step "try-repo wincompat-kubernetes: a good manifest passes; other YAML is skipped"
try_repo wincompat-kubernetes deploy/web.yaml .wincompat.yaml cluster/nodes.yaml .clang-format notes.txt
expect 0 "good manifest"
contains "No problems found in 4 files." "good manifest (4 YAML files, not notes.txt)"

step "try-repo wincompat-kubernetes: an incompatible manifest fails (inventory from the config)"
try_repo wincompat-kubernetes deploy/legacy.yaml
expect 1 "incompatible manifest"
contains "deploy/legacy.yaml:12:18: error[WC302]" "incompatible manifest"
contains "on pool win25 (10.0.26100)" "incompatible manifest"

step "try-repo wincompat-dockerfile: Dockerfile_* passes, *.Dockerfile fails (hosts from the config)"
try_repo wincompat-dockerfile app/Dockerfile_windows
expect 0 "good Dockerfile_windows"
contains "No problems found in 1 file." "good Dockerfile_windows"
try_repo wincompat-dockerfile app/Dockerfile_windows app/legacy.Dockerfile deploy/web.yaml notes.txt
expect 1 "incompatible legacy.Dockerfile"
contains "app/legacy.Dockerfile:1:43: error[WC302]" "incompatible legacy.Dockerfile"
contains "on host ltsc2022 (10.0.20348)" "incompatible legacy.Dockerfile"
contains "(2 checked)." "only the two Dockerfiles"

step "try-repo wincompat: both kinds in one run"
try_repo wincompat deploy/legacy.yaml app/legacy.Dockerfile app/Dockerfile_windows .clang-format
expect 1 "combined hook"
contains "deploy/legacy.yaml:12:18: error[WC302]" "combined hook"
contains "app/legacy.Dockerfile:1:43: error[WC302]" "combined hook"
contains "(3 checked)." "combined hook (not .clang-format)"

step "git commit through pre-commit install"
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: wincompat-dockerfile
      - id: wincompat-kubernetes
EOF
pre-commit install
# commit MESSAGE: prints the output, sets $rc.
commit() {
  rc=0
  out="$(git commit -m "$1" 2>&1)" || rc=$?
  printf '%s\n' "$out"
}

# scratch/Dockerfile (incompatible) stays untracked: only staged files are linted.
git add .pre-commit-config.yaml deploy/web.yaml app/Dockerfile_windows
before="$(git rev-parse HEAD)"
commit "good manifest and Dockerfile"
expect 0 "good commit"
contains "wincompat (Dockerfiles)" "good commit"
contains "wincompat (Kubernetes YAML)" "good commit"
lacks "scratch/Dockerfile" "good commit"
[ "$(git rev-parse HEAD)" != "$before" ] || fail "good commit: no commit was made"

git add deploy/legacy.yaml
before="$(git rev-parse HEAD)"
commit "incompatible manifest"
[ "$rc" -ne 0 ] || fail "incompatible manifest: the commit passed"
contains "deploy/legacy.yaml:12:18: error[WC302]" "incompatible manifest commit"
lacks "scratch/Dockerfile" "incompatible manifest commit"
[ "$(git rev-parse HEAD)" = "$before" ] || fail "incompatible manifest: a commit was made"
git reset -q deploy/legacy.yaml

step "git commit from a subdirectory, wincompat found on PATH instead of \$WINCOMPAT"
git add app/legacy.Dockerfile
before="$(git rev-parse HEAD)"
rc=0
out="$(cd app && env -u WINCOMPAT PATH="$work/bin:$PATH" git commit -m "incompatible Dockerfile" 2>&1)" || rc=$?
printf '%s\n' "$out"
[ "$rc" -ne 0 ] || fail "incompatible Dockerfile: the commit passed"
contains "app/legacy.Dockerfile:1:43: error[WC302]" "incompatible Dockerfile commit"
lacks "building wincompat" "incompatible Dockerfile commit (wincompat on PATH)"
[ "$(git rev-parse HEAD)" = "$before" ] || fail "incompatible Dockerfile: a commit was made"
git reset -q app/legacy.Dockerfile

step "a bad \$WINCOMPAT is an error, not a silent fallback"
rc=0
out="$(WINCOMPAT="$work/nowhere" "$hook_repo/pre-commit-hooks/wincompat.sh" app/Dockerfile_windows 2>&1)" || rc=$?
printf '%s\n' "$out"
expect 2 "bad WINCOMPAT"
contains "is not an executable file" "bad WINCOMPAT"

echo "pre-commit hooks: all checks passed"
