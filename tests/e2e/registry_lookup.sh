#!/usr/bin/env bash
# Registry lookups against a real registry (Debian's docker-registry, the CNCF
# distribution registry), started here on 127.0.0.1 with a free port and a
# temporary storage directory, images pushed over its HTTP API:
#   an OCI index, a Docker manifest list with Linux and two Windows builds, a
#   single-platform manifest whose build is only in its config, a Linux-only
#   image on a Windows pod (WC202), a missing tag and a manifest without
#   os.version (WC914); `lint --lookup`; `wincompat lock`, then the registry
#   stopped and lint offline with the same findings; plain HTTP only when
#   allowed; an unreachable registry; the repository's own config cannot
#   make lint go online; Basic auth (htpasswd): never credentials over plain
#   HTTP, then over HTTPS (a test CA through SSL_CERT_FILE) with and without
#   credentials in DOCKER_CONFIG, through a credHelpers helper, a helper that
#   prints a secret and fails (in no output format), a credHelpers value that
#   is a path (nothing runs); a Bearer token service over HTTPS the registry
#   trusts (auth.token), with a password, an identity token, and credentials
#   from credsStore.
set -euo pipefail

: "${WINCOMPAT:?set WINCOMPAT to the built wincompat binary}"
: "${WINCOMPAT_SOURCE_DIR:?set WINCOMPAT_SOURCE_DIR to the repository root}"
WINCOMPAT="$(cd "$(dirname "$WINCOMPAT")" && pwd)/$(basename "$WINCOMPAT")"

. "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/skip.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

. "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/registry_lib.sh"
registry_have_tools || skip "docker-registry or curl is not installed (scripts/bootstrap.sh installs them)"

work="$(mktemp -d)"
token_pid=""
cleanup() {
  registry_stop
  if [ -n "$token_pid" ]; then
    kill "$token_pid" 2>/dev/null || true
    wait "$token_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
storage="$work/storage"
repo="$work/repo"
mkdir -p "$repo/.git" "$work/empty-docker-config"
export WINCOMPAT_TODAY=2026-12-01 XDG_CACHE_HOME="$work/cache" DOCKER_CONFIG="$work/empty-docker-config"
unset NO_COLOR

# expect_in TEXT NEEDLE WHAT
expect_in() { grep -qF -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3: no '$2'"; }; }
expect_not_in() { ! grep -qF -- "$2" <<<"$1" || { printf '%s\n' "$1" >&2; fail "$3: unexpected '$2'"; }; }
# findings TEXT: "line:col code" per diagnostic, for comparing runs.
findings() { grep -oE '^pods\.yaml:[0-9]+:[0-9]+: [a-z]+\[WC[0-9]+\]' <<<"$1" | sort; }
wincompat() { (cd "$repo" && "$WINCOMPAT" "$@"); }

step "push images to a fresh registry"
registry_start "$work/plain" "$storage" || fail "docker-registry did not start"
push_index shop/web 1.0 "$OCI_INDEX" windows/amd64/10.0.20348.2113 >/dev/null
push_index shop/multi 1.0 "$DOCKER_LIST" linux/amd64/ windows/amd64/10.0.17763.5458 windows/amd64/10.0.20348.2113 >/dev/null
push_image shop/single 1.0 windows amd64 10.0.17763.5458 "$DOCKER_MANIFEST" >/dev/null
push_image shop/linux 1.0 linux amd64 "" >/dev/null
push_image shop/nover 1.0 windows amd64 "" >/dev/null
addr="$REGISTRY_ADDR"

write_pods() {
  cat >"$repo/pods.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - name: web
    image: $1/shop/web:1.0
  - name: multi
    image: $1/shop/multi:1.0
  - name: single
    image: $1/shop/single:1.0
  - name: nover
    image: $1/shop/nover:1.0
  - name: missing
    image: $1/shop/web:9.9
---
apiVersion: v1
kind: Pod
metadata: {name: tool}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - name: tool
    image: $1/shop/linux:1.0
YAML
}
write_pods "$addr"

step "offline and without a lock: every private image is unknown (WC208)"
out="$(wincompat lint --host ltsc2022 pods.yaml)" || true
[ "$(grep -c 'info\[WC208\]' <<<"$out")" = 6 ] || { echo "$out"; fail "expected 6 WC208"; }

step "lint --lookup reads the registry"
lookup_out="$(wincompat lint --host ltsc2022 --lookup --insecure-registry "$addr" pods.yaml)" && fail "exit 0 with WC302"
expect_in "$lookup_out" "error[WC302] image $addr/shop/single:1.0 (10.0.17763, from its registry, read 2026-12-01)" "manifest build from its config"
expect_in "$lookup_out" "error[WC202] Linux image $addr/shop/linux:1.0" "Linux-only image on a Windows pod"
expect_in "$lookup_out" "info[WC914] cannot read $addr/shop/web:9.9 from its registry $addr: no such image or tag (HTTP 404)" "missing tag"
expect_in "$lookup_out" "info[WC914] cannot read $addr/shop/nover:1.0 from its registry $addr: its Windows manifest has no os.version" "no os.version"
expect_not_in "$lookup_out" "WC208" "known images"
expect_not_in "$lookup_out" "shop/web:1.0 (" "OCI index with the host's build"
json="$(wincompat lint --host ltsc2022 --lookup --insecure-registry "$addr" --format json pods.yaml)" || true
expect_in "$json" '"source": "registry"' "data.source"
[ -n "$(ls "$XDG_CACHE_HOME/wincompat")" ] || fail "no cache written under XDG_CACHE_HOME"

step "the repository's config cannot make lint go online: its lookup and insecureRegistries need --lookup or --config"
printf 'lookup: true\ninsecureRegistries: ["%s"]\n' "$addr" >"$repo/.wincompat.yaml"
out="$(XDG_CACHE_HOME="$work/cache-cfg0" wincompat lint --host ltsc2022 pods.yaml 2>"$work/cfg.err")" || true
[ "$(grep -c 'info\[WC208\]' <<<"$out")" = 6 ] || { echo "$out"; fail "the repository's lookup: true went online"; }
expect_in "$(cat "$work/cfg.err")" "ignored: the linted repository's own config cannot make lint ask registries; pass --lookup" "ignored lookup notice"
[ "$(grep -c 'ignored' "$work/cfg.err")" = 1 ] || fail "the notice is not said once"
out="$(XDG_CACHE_HOME="$work/cache-cfg1" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
[ "$(findings "$out")" = "$(findings "$lookup_out")" ] || { echo "$out"; fail "--lookup with the config's insecureRegistries differs"; }
out="$(XDG_CACHE_HOME="$work/cache-cfg2" wincompat lint --host ltsc2022 --config .wincompat.yaml pods.yaml 2>"$work/cfg.err")" || true
[ "$(findings "$out")" = "$(findings "$lookup_out")" ] || { echo "$out"; fail "a config named with --config differs from --lookup"; }
expect_not_in "$(cat "$work/cfg.err")" "ignored" "a config named with --config"
rm "$repo/.wincompat.yaml"

step "the cache answers again without the network; HTTPS unless the registry is listed as insecure"
out="$(wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "error[WC302] image $addr/shop/single:1.0" "an answer from the cache"
out="$(XDG_CACHE_HOME="$work/cache2" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "add it to insecureRegistries or pass --insecure-registry $addr" "plain-HTTP advice"
expect_not_in "$out" "WC302" "no plain HTTP without permission"

step "wincompat lock writes .wincompat.lock"
out="$(wincompat lock --insecure-registry "$addr" 2>&1)" || fail "lock failed: $out"
expect_in "$out" "4 images locked (4 read from registries, 2 could not be read)" "lock summary"
expect_in "$out" "WC914" "lock reports what it could not read"
lock="$(cat "$repo/.wincompat.lock")"
expect_in "$lock" "\"$addr/shop/multi:1.0\":" "manifest list entry"
expect_in "$lock" "os.version: 10.0.17763.5458" "a Windows build"
expect_in "$lock" "read: 2026-12-01" "read date"
expect_not_in "$lock" "shop/web:9.9" "a failed lookup"
expect_not_in "$lock" "shop/nover" "an image without os.version"
[ "$(grep -c 'os: windows' <<<"$lock")" = 4 ] || fail "expected 4 Windows platforms in the lock"
grep -q "os: linux" <<<"$(grep -A8 "shop/multi:1.0" <<<"$lock")" || fail "manifest list lost its Linux entry"
[ "$(grep -c '^  "' <<<"$lock")" = 4 ] || fail "one entry per reference"
first="$lock"
WINCOMPAT_TODAY=2026-12-09 wincompat lock --insecure-registry "$addr" >/dev/null 2>&1
[ "$(cat "$repo/.wincompat.lock")" = "$first" ] || fail "lock without --update changed existing entries"
WINCOMPAT_TODAY=2026-12-09 wincompat lock --update --insecure-registry "$addr" >/dev/null 2>&1
grep -q "read: 2026-12-09" "$repo/.wincompat.lock" || fail "--update did not read entries again"
printf '%s\n' "$first" >"$repo/.wincompat.lock"

step "Dockerfile FROM and Compose services that pull are looked up and locked"
built="$work/built"
mkdir -p "$built/.git"
cat >"$built/Dockerfile" <<DOCKERFILE
FROM $addr/shop/web:9.9 AS gone
FROM $addr/shop/single:1.0
RUN echo built
DOCKERFILE
cat >"$built/compose.yaml" <<YAML
services:
  app:
    build: .
    image: $addr/shop/app:1.0
  db:
    image: $addr/shop/multi:1.0
YAML
built_wincompat() { (cd "$built" && "$WINCOMPAT" "$@"); }
out="$(built_wincompat lint --host ltsc2022 --lookup --insecure-registry "$addr" Dockerfile)" && fail "exit 0 with WC302 in a Dockerfile"
expect_in "$out" "error[WC302] image $addr/shop/single:1.0 (10.0.17763, from its registry, read 2026-12-01)" "a Dockerfile's private base image"
grep -qE "^Dockerfile:2:[0-9]+: error\[WC302\]" <<<"$out" || fail "WC302 is not on the Dockerfile's second FROM"
expect_in "$out" "Dockerfile:1:6: info[WC914] cannot read $addr/shop/web:9.9" "a Dockerfile's missing base tag"
out="$(built_wincompat lock --insecure-registry "$addr" 2>&1)" || fail "lock failed: $out"
expect_in "$out" "2 images locked (2 read from registries, 1 could not be read)" "lock summary for Dockerfile and Compose"
lock="$(cat "$built/.wincompat.lock")"
expect_in "$lock" "\"$addr/shop/single:1.0\":" "a Dockerfile's base image in the lock"
expect_in "$lock" "\"$addr/shop/multi:1.0\":" "a Compose service's pulled image in the lock"
expect_not_in "$lock" "shop/app" "an image Compose builds"
out="$(XDG_CACHE_HOME="$work/cache-built" built_wincompat lint --host ltsc2022 Dockerfile)" && fail "exit 0 offline"
expect_in "$out" "error[WC302] image $addr/shop/single:1.0 (10.0.17763, from .wincompat.lock, read 2026-12-01)" "a Dockerfile's base from the lock"
# A pod running the image Compose builds: the build comes from its Dockerfile's locked base.
cat >"$built/pod.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  containers:
  - name: app
    image: $addr/shop/app:1.0
YAML
out="$(built_wincompat lint --host ltsc2022 pod.yaml compose.yaml)" && fail "exit 0 for a pod built on a locked base"
expect_in "$out" "error[WC302] image $addr/shop/app:1.0 (10.0.17763" "a mapped Dockerfile's locked base"

step "content that does not match its digest is refused"
config_digest="$(curl -sf -H "Accept: $DOCKER_MANIFEST" "http://$addr/v2/shop/single/manifests/1.0" |
  grep -oE '"config":\{[^}]*' | grep -oE 'sha256:[0-9a-f]{64}')"
blob="$storage/docker/registry/v2/blobs/sha256/${config_digest:7:2}/${config_digest#sha256:}/data"
[ -f "$blob" ] || fail "cannot find the stored config blob $blob"
cp "$blob" "$work/blob.orig"
sed -i 's/amd64/amd65/' "$blob" # same size: only the hash can tell
mv "$repo/.wincompat.lock" "$work/lock.aside" # the lock would answer first
out="$(XDG_CACHE_HOME="$work/cache3" wincompat lint --host ltsc2022 --lookup --insecure-registry "$addr" pods.yaml)" || true
mv "$work/lock.aside" "$repo/.wincompat.lock"
expect_in "$out" "info[WC914] cannot read $addr/shop/single:1.0" "a tampered config"
expect_in "$out" "hashes to sha256:" "the digest check"
expect_not_in "$out" "error[WC302]" "a tampered config's build"
cp "$work/blob.orig" "$blob"

step "registry stopped: lint reads the lock offline, same findings"
registry_stop
out="$(wincompat lint --host ltsc2022 pods.yaml)" && fail "exit 0 with WC302"
expect_in "$out" "(10.0.17763, from .wincompat.lock, read 2026-12-01)" "lock note"
# Images that could not be read stay unknown: WC914 online, WC208 offline.
[ "$(findings "$out" | grep -v WC208)" = "$(findings "$lookup_out" | grep -v WC914)" ] ||
  { echo "$out"; fail "offline findings differ from the lookup's"; }
json="$(wincompat lint --host ltsc2022 --format json pods.yaml)" || true
expect_in "$json" '"source": "lock"' "data.source lock"

step "an unreachable registry is a finding, not a crash"
out="$(wincompat lint --host ltsc2022 --lookup --insecure-registry "$addr" pods.yaml)" || true
expect_in "$out" "the registry cannot be reached" "unreachable"
out="$(wincompat lock --update --insecure-registry "$addr" 2>&1)" || fail "lock exits non-zero when the registry is down: $out"
[ "$(cat "$repo/.wincompat.lock")" = "$first" ] || fail "a failed --update changed the lock"
rm "$repo/.wincompat.lock"

step "Basic auth (htpasswd)"
command -v htpasswd >/dev/null 2>&1 || skip "htpasswd (apache2-utils) is not installed"
htpasswd -Bbn tester s3cret >"$work/htpasswd" 2>/dev/null
registry_start "$work/basic" "$storage" "auth:
  htpasswd:
    realm: wincompat-test
    path: $work/htpasswd" || fail "docker-registry with htpasswd did not start"
write_pods "$REGISTRY_ADDR"
mkdir -p "$work/docker-basic" "$work/bin" "$work/docker-helper"
cat >"$work/bin/docker-credential-ranhttp" <<SH
#!/bin/sh
touch "$work/helper-ran-over-http"
printf '{"Username":"tester","Secret":"s3cret"}'
SH
chmod +x "$work/bin/docker-credential-ranhttp"
printf '{"auths":{"%s":{"auth":"%s"}},"credHelpers":{"%s":"ranhttp"}}' "$REGISTRY_ADDR" \
  "$(printf 'tester:s3cret' | base64)" "$REGISTRY_ADDR" >"$work/docker-basic/config.json"
out="$(XDG_CACHE_HOME="$work/cache-auth0" PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/docker-basic" wincompat lint --host ltsc2022 --lookup --insecure-registry "$REGISTRY_ADDR" pods.yaml)" || true
expect_in "$out" "access denied (HTTP 401); wincompat sends no credentials over plain HTTP" "no credentials over plain HTTP"
expect_not_in "$out" "error[WC302]" "credentials over plain HTTP"
[ ! -e "$work/helper-ran-over-http" ] || fail "a credential helper ran for a plain-HTTP registry"
registry_stop

step "Basic auth over HTTPS (a test CA through SSL_CERT_FILE)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls.key" -out "$work/tls.crt" -days 2 \
  -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1 || skip "openssl cannot make a test certificate"
export SSL_CERT_FILE="$work/tls.crt"
tls="  tls:
    certificate: $work/tls.crt
    key: $work/tls.key"
registry_start "$work/basic-tls" "$storage" "$tls
auth:
  htpasswd:
    realm: wincompat-test
    path: $work/htpasswd" || fail "docker-registry with TLS and htpasswd did not start"
write_pods "$REGISTRY_ADDR"
out="$(XDG_CACHE_HOME="$work/cache-auth-none" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "access denied (HTTP 401); log in with \`docker login $REGISTRY_ADDR\`" "no credentials"
expect_not_in "$out" "error[WC302]" "no credentials"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$REGISTRY_ADDR" "$(printf 'tester:s3cret' | base64)" >"$work/docker-basic/config.json"
out="$(XDG_CACHE_HOME="$work/cache-auth1" DOCKER_CONFIG="$work/docker-basic" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "error[WC302] image $REGISTRY_ADDR/shop/single:1.0" "Basic credentials from DOCKER_CONFIG"
printf '{"auths":{"https://%s":{"auth":"%s"}}}' "$REGISTRY_ADDR" "$(printf 'tester:wrong' | base64)" >"$work/docker-basic/config.json"
out="$(XDG_CACHE_HOME="$work/cache-auth2" DOCKER_CONFIG="$work/docker-basic" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "check that the credentials docker has for $REGISTRY_ADDR may pull" "wrong credentials"
expect_not_in "$out" "error[WC302]" "wrong credentials"

step "a helper that prints a secret and fails: the secret is in no output"
secret="WINCOMPAT-SECRET-MARKER-e2e"
cat >"$work/bin/docker-credential-leaky" <<SH
#!/bin/sh
echo "$secret"
echo "$secret" >&2
exit 1
SH
chmod +x "$work/bin/docker-credential-leaky"
printf '{"credHelpers":{"%s":"leaky"}}' "$REGISTRY_ADDR" >"$work/docker-helper/config.json"
for format in text json sarif github; do
  out="$(XDG_CACHE_HOME="$work/cache-leak-$format" PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/docker-helper" wincompat lint --host ltsc2022 --lookup --format "$format" pods.yaml 2>&1)" || true
  expect_in "$out" "docker-credential-leaky get failed (exit status 1)" "a failed helper in $format"
  expect_not_in "$out" "$secret" "a helper's output in $format"
done
out="$(PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/docker-helper" wincompat lock 2>&1)" || true
expect_not_in "$out" "$secret" "a helper's output in lock"
expect_not_in "$(cat "$repo/.wincompat.lock" 2>/dev/null)" "$secret" "a helper's output in the lock file"
rm -f "$repo/.wincompat.lock"

step "a credHelpers value that is a path: refused, nothing runs"
mkdir -p "$repo/docker-credential-x"
cat >"$repo/docker-credential-x/evil" <<SH
#!/bin/sh
touch "$work/evil-ran"
printf '{"Username":"tester","Secret":"s3cret"}'
SH
chmod +x "$repo/docker-credential-x/evil"
printf '{"credHelpers":{"%s":"x/evil"}}' "$REGISTRY_ADDR" >"$work/docker-helper/config.json"
out="$(XDG_CACHE_HOME="$work/cache-evil" PATH=".:$PATH" DOCKER_CONFIG="$work/docker-helper" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "info[WC914] cannot read $REGISTRY_ADDR/shop/single:1.0 from its registry $REGISTRY_ADDR: the credential helper 'x/evil'" "a helper path"
expect_in "$out" "is not a valid helper name" "a helper path"
[ ! -e "$work/evil-ran" ] || fail "a credHelpers path ran a program from the checkout"
rm -r "$repo/docker-credential-x"

step "credHelpers: docker-credential-NAME get"
cat >"$work/bin/docker-credential-wctest" <<SH
#!/bin/sh
[ "\$1" = get ] || exit 1
read -r server
[ "\$server" = "$REGISTRY_ADDR" ] || { echo "credentials not found in native keychain"; exit 1; }
printf '{"ServerURL":"%s","Username":"tester","Secret":"s3cret"}' "\$server"
SH
chmod +x "$work/bin/docker-credential-wctest"
printf '{"auths":{"%s":{"auth":"%s"}},"credHelpers":{"%s":"wctest"}}' "$REGISTRY_ADDR" \
  "$(printf 'tester:wrong' | base64)" "$REGISTRY_ADDR" >"$work/docker-helper/config.json"
out="$(XDG_CACHE_HOME="$work/cache-auth3" PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/docker-helper" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "error[WC302] image $REGISTRY_ADDR/shop/single:1.0" "credentials from a helper"
registry_stop

step "Bearer token service (auth.token)"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (the test's token service)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/token.key" -out "$work/token.crt" -days 2 \
  -subj /CN=wincompat-test-token >/dev/null 2>&1
x5c="$(openssl x509 -in "$work/token.crt" -outform DER | base64 -w0)"
python3 "$WINCOMPAT_SOURCE_DIR/tests/e2e/lib/token_server.py" "$work/token.key" "$x5c" tester s3cret \
  "$work/token.port" "$work/tls.crt" "$work/tls.key" &
token_pid=$!
for _ in $(seq 1 100); do [ -s "$work/token.port" ] && break; sleep 0.05; done
[ -s "$work/token.port" ] || fail "the token service did not start"
registry_start "$work/token" "$storage" "$tls
auth:
  token:
    realm: https://127.0.0.1:$(cat "$work/token.port")/token
    service: wincompat-test-registry
    issuer: wincompat-test
    rootcertbundle: $work/token.crt" || fail "docker-registry with token auth did not start"
write_pods "$REGISTRY_ADDR"
out="$(wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "its token service refused anonymous access (HTTP 401); log in with \`docker login $REGISTRY_ADDR\`" "token without credentials"
mkdir -p "$work/docker-token"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$REGISTRY_ADDR" "$(printf 'tester:s3cret' | base64)" >"$work/docker-token/config.json"
out="$(DOCKER_CONFIG="$work/docker-token" wincompat lock 2>&1)" || fail "lock with a token: $out"
expect_in "$out" "4 images locked (4 read from registries, 2 could not be read)" "lock through a Bearer token"
expect_in "$(cat "$repo/.wincompat.lock")" "\"$REGISTRY_ADDR/shop/single:1.0\":" "locked through a token"

step "identity token (OAuth2 refresh-token grant)"
rm -f "$repo/.wincompat.lock"
printf '{"auths":{"%s":{"identitytoken":"refresh-s3cret"}}}' "$REGISTRY_ADDR" >"$work/docker-token/config.json"
out="$(XDG_CACHE_HOME="$work/cache-id" DOCKER_CONFIG="$work/docker-token" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "error[WC302] image $REGISTRY_ADDR/shop/single:1.0" "an identity token"

step "credsStore: one helper for every registry"
printf '{"credsStore":"wctest"}' >"$work/docker-token/config.json"
cat >"$work/bin/docker-credential-wctest" <<SH
#!/bin/sh
read -r server
[ "\$server" = "$REGISTRY_ADDR" ] || exit 1
printf '{"ServerURL":"%s","Username":"tester","Secret":"s3cret"}' "\$server"
SH
out="$(XDG_CACHE_HOME="$work/cache-store" PATH="$work/bin:$PATH" DOCKER_CONFIG="$work/docker-token" wincompat lint --host ltsc2022 --lookup pods.yaml)" || true
expect_in "$out" "error[WC302] image $REGISTRY_ADDR/shop/single:1.0" "credentials from credsStore"

echo "PASS"
