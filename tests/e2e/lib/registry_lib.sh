# Helpers for tests and benchmarks that need a real OCI registry: Debian's
# docker-registry (the CNCF distribution registry) on 127.0.0.1, a free port,
# a temporary storage directory, images pushed over its HTTP API with curl,
# stopped by PID. Never relies on a system service on port 5000.
#
#   . tests/e2e/lib/registry_lib.sh
#   registry_start DIR STORAGE [AUTH_YAML]   # sets REGISTRY_ADDR and REGISTRY_PID
#   push_windows_config REPO OS_VERSION ...  # see below
#   registry_stop

registry_have_tools() {
  command -v docker-registry >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 &&
    command -v sha256sum >/dev/null 2>&1
}

free_port() {
  # Bind port 0 and read the port the kernel picked (bash has no socket API;
  # the registry itself cannot report the port it got for :0).
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# registry_start WORKDIR STORAGE [EXTRA_YAML]: EXTRA_YAML is appended to the
# config (an `auth:` section).
registry_start() {
  local work="$1" storage="$2" extra="${3:-}"
  local port
  port="$(free_port)"
  mkdir -p "$work" "$storage"
  cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
http:
  addr: 127.0.0.1:$port
$extra
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  REGISTRY_PID=$!
  REGISTRY_ADDR="127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://$REGISTRY_ADDR/v2/"; then
      return 0
    fi
    kill -0 "$REGISTRY_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "docker-registry did not start:" >&2
  cat "$work/registry.log" >&2
  return 1
}

registry_stop() {
  if [ -n "${REGISTRY_PID:-}" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
  fi
}

digest_of() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# push_blob REPO FILE: POST starts an upload, PUT with the digest ends it
# (the registry does not take a monolithic POST); prints the digest.
push_blob() {
  local repo="$1" file="$2" digest location
  digest="$(digest_of "$file")"
  location="$(curl -sf -o /dev/null -D - -X POST "http://$REGISTRY_ADDR/v2/$repo/blobs/uploads/" |
    tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in
    /*) location="http://$REGISTRY_ADDR$location" ;;
  esac
  case "$location" in
    *\?*) location="$location&digest=$digest" ;;
    *) location="$location?digest=$digest" ;;
  esac
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" \
    "$location" || {
    echo "blob upload failed for $repo" >&2
    return 1
  }
  echo "$digest"
}

# push_manifest REPO REF MEDIA_TYPE FILE: prints the digest.
push_manifest() {
  local repo="$1" ref="$2" type="$3" file="$4"
  curl -sf -o /dev/null -X PUT -H "Content-Type: $type" --data-binary "@$file" \
    "http://$REGISTRY_ADDR/v2/$repo/manifests/$ref" || {
    echo "manifest upload failed for $repo:$ref" >&2
    return 1
  }
  digest_of "$file"
}

OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json
OCI_INDEX=application/vnd.oci.image.index.v1+json
DOCKER_MANIFEST=application/vnd.docker.distribution.manifest.v2+json
DOCKER_LIST=application/vnd.docker.distribution.manifest.list.v2+json

# push_image REPO REF OS ARCH OS_VERSION [MANIFEST_TYPE]: one config blob
# (with os.version unless empty), one layer, one manifest. Prints
# "DIGEST SIZE" of the manifest (for an index).
push_image() {
  local repo="$1" ref="$2" os="$3" arch="$4" version="$5" type="${6:-$OCI_MANIFEST}"
  local tmp config_type layer_type
  tmp="$(mktemp -d)"
  if [ "$type" = "$OCI_MANIFEST" ]; then
    config_type=application/vnd.oci.image.config.v1+json
    layer_type=application/vnd.oci.image.layer.v1.tar
  else
    config_type=application/vnd.docker.container.image.v1+json
    layer_type=application/vnd.docker.image.rootfs.diff.tar
  fi
  printf 'layer of %s:%s %s %s %s' "$repo" "$ref" "$os" "$arch" "$version" >"$tmp/layer"
  local layer layer_size
  layer="$(push_blob "$repo" "$tmp/layer")" || return 1
  layer_size="$(stat -c %s "$tmp/layer")"
  local version_field=""
  [ -n "$version" ] && version_field=",\"os.version\":\"$version\""
  printf '{"architecture":"%s","os":"%s"%s,"rootfs":{"type":"layers","diff_ids":["%s"]},"config":{}}' \
    "$arch" "$os" "$version_field" "$layer" >"$tmp/config"
  local config config_size
  config="$(push_blob "$repo" "$tmp/config")" || return 1
  config_size="$(stat -c %s "$tmp/config")"
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":%s},"layers":[{"mediaType":"%s","digest":"%s","size":%s}]}' \
    "$type" "$config_type" "$config" "$config_size" "$layer_type" "$layer" "$layer_size" >"$tmp/manifest"
  local digest
  digest="$(push_manifest "$repo" "$ref" "$type" "$tmp/manifest")" || return 1
  echo "$digest $(stat -c %s "$tmp/manifest")"
  rm -rf "$tmp"
}

# push_index REPO TAG TYPE ENTRY...: ENTRY is OS/ARCH/OS_VERSION (OS_VERSION may
# be empty); each entry's image is pushed first under a tag of its own.
push_index() {
  local repo="$1" tag="$2" type="$3"
  shift 3
  local child_type="$OCI_MANIFEST"
  [ "$type" = "$DOCKER_LIST" ] && child_type="$DOCKER_MANIFEST"
  local entries="" n=0
  for entry in "$@"; do
    local os arch version
    IFS=/ read -r os arch version <<<"$entry"
    local pushed
    pushed="$(push_image "$repo" "$tag-part$n" "$os" "$arch" "$version" "$child_type")" || return 1
    local version_field=""
    [ -n "$version" ] && version_field=",\"os.version\":\"$version\""
    [ -n "$entries" ] && entries="$entries,"
    entries="$entries{\"mediaType\":\"$child_type\",\"digest\":\"${pushed% *}\",\"size\":${pushed#* },\"platform\":{\"architecture\":\"$arch\",\"os\":\"$os\"$version_field}}"
    n=$((n + 1))
  done
  local tmp
  tmp="$(mktemp)"
  printf '{"schemaVersion":2,"mediaType":"%s","manifests":[%s]}' "$type" "$entries" >"$tmp"
  push_manifest "$repo" "$tag" "$type" "$tmp"
  rm -f "$tmp"
}
