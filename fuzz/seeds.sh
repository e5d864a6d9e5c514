#!/usr/bin/env bash
# Writes a fuzz target's seed corpus from the repository's own test inputs
# (tests/fixtures, tests/golden/input, examples), so no corpus is committed.
#
#   bash fuzz/seeds.sh TARGET OUT_DIR [LSP_SEEDS_BINARY]
#
# TARGET is a fuzz/fuzz_TARGET.cpp name: dockerfile, manifest, image_ref,
# config, nodes or lsp. The lsp seeds are editor sessions over fixture files,
# framed by the wincompat_lsp_seeds helper the fuzz build makes (its path is
# the third argument).
set -euo pipefail

target="${1:?usage: bash fuzz/seeds.sh TARGET OUT_DIR [LSP_SEEDS_BINARY]}"
out="${2:?usage: bash fuzz/seeds.sh TARGET OUT_DIR [LSP_SEEDS_BINARY]}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sources=(tests/fixtures tests/golden/input examples)

# The file names `wincompat lint` treats as Dockerfiles, and YAML files.
dockerfiles() {
  find "${sources[@]}" -type f \( -name 'Dockerfile*' -o -name '*.Dockerfile' -o -name '*.dockerfile' \
    -o -name 'Containerfile*' \) | sort
}
yaml_files() {
  find "${sources[@]}" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort
}

# Copies files into $out under unique names (fixtures share base names).
copy_all() {
  local i=0 file
  while IFS= read -r file; do
    i=$((i + 1))
    cp "$file" "$out/$i-$(basename "$file")"
  done
}

rm -rf "$out"
mkdir -p "$out"
case "$target" in
  dockerfile) dockerfiles | copy_all ;;
  manifest) yaml_files | copy_all ;;
  config)
    # Configs, plus the fixtures' other YAML (wrong keys and types are the point).
    { find "${sources[@]}" -type f -name '.wincompat.yaml'; find tests/fixtures/_configs -type f -name '*.yaml'; } \
      | sort -u | copy_all
    ;;
  nodes)
    { find tests/fixtures/_inventories -type f; find examples -type f -name 'nodes*.yaml'; } | sort -u | copy_all
    ;;
  image_ref)
    # One reference per seed: the image word of every FROM (flags skipped)
    # and every `image:` value in the YAML files.
    {
      dockerfiles | xargs awk 'toupper($1) == "FROM" { for (i = 2; i <= NF; i++) if ($i !~ /^--/) { print $i; break } }'
      yaml_files | xargs sed -n 's/^[[:space:]-]*image:[[:space:]]*["'\'']\{0,1\}\([^"'\''[:space:]#]*\).*/\1/p'
    } | sort -u | awk -v out="$out" 'NF { file = out "/" NR; printf "%s", $0 > file; close(file) }'
    ;;
  lsp)
    seeds_binary="${3:?the lsp seeds need the wincompat_lsp_seeds binary}"
    # A sample of each kind keeps the seeds quick to replay: one session per file.
    { dockerfiles | awk 'NR % 4 == 1'; yaml_files | awk 'NR % 4 == 1'; } | xargs "$seeds_binary" "$out"
    ;;
  archive)
    # Tar streams of the test charts, in GNU (long names) and pax form.
    i=0
    for chart in tests/charts/fixtures/*/ tests/charts/*/; do
      [ -f "$chart/Chart.yaml" ] || continue
      for format in gnu pax; do
        i=$((i + 1))
        tar --format="$format" -C "$(dirname "$chart")" -cf "$out/$i.tar" "$(basename "$chart")" 2>/dev/null || true
      done
    done
    ;;
  *)
    echo "unknown fuzz target '$target' (dockerfile, manifest, image_ref, config, nodes, lsp, archive)" >&2
    exit 2
    ;;
esac
