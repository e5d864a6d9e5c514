#!/usr/bin/env bash
# Writes a fuzz target's seed corpus from the repository's own test inputs
# (tests/fixtures, tests/golden/input, examples), so no corpus is committed.
#
#   bash fuzz/seeds.sh TARGET OUT_DIR [LSP_SEEDS_BINARY]
#
# TARGET is a fuzz/fuzz_TARGET.cpp name: dockerfile, manifest, image_ref,
# config, nodes, lsp, archive, template, values or kustomize. The lsp seeds
# are editor sessions over fixture files, framed by the wincompat_lsp_seeds
# helper the fuzz build makes (its path is the third argument). The template,
# values and kustomize seeds are trees of the test charts (tests/charts) and
# overlays (tests/kustomize) in one file: a main text, then "%% NAME" lines
# that start the other files (fuzz/tree_input.hpp).
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

# Appends the file $2 to the seed $3 as the tree file named $1.
section() {
  printf '%%%% %s\n' "$1" >>"$3"
  cat "$2" >>"$3"
  [ -z "$(tail -c 1 "$2")" ] || printf '\n' >>"$3"
}

# Charts: folders holding a Chart.yaml.
charts() {
  find tests/charts -name Chart.yaml -exec dirname {} \; | sort
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
  template)
    # One seed per template of every test chart: the template, then the
    # chart's values, Chart.yaml and helpers (_*.tpl), as the chart has them.
    i=0
    for chart in $(charts); do
      for template in $(find "$chart/templates" -maxdepth 1 -type f ! -name '_*' 2>/dev/null | sort); do
        i=$((i + 1))
        seed="$out/$i-$(basename "$template")"
        cat "$template" >"$seed"
        [ -z "$(tail -c 1 "$template")" ] || printf '\n' >>"$seed"
        section Chart.yaml "$chart/Chart.yaml" "$seed"
        [ ! -f "$chart/values.yaml" ] || section values.yaml "$chart/values.yaml" "$seed"
        for helper in $(find "$chart/templates" -maxdepth 1 -type f -name '_*' | sort); do
          section "templates/$(basename "$helper")" "$helper" "$seed"
        done
      done
    done
    ;;
  values)
    # Each chart's values.yaml; with its first subchart's values; with the
    # test values files (tests/charts/values) as -f, and --set expressions.
    i=0
    for chart in $(charts); do
      [ -f "$chart/values.yaml" ] || continue
      i=$((i + 1))
      cp "$chart/values.yaml" "$out/$i-values.yaml"
      sub=$(find "$chart/charts" -mindepth 2 -maxdepth 2 -name values.yaml 2>/dev/null | sort | head -n 1 || true)
      if [ -n "$sub" ]; then
        i=$((i + 1))
        cp "$chart/values.yaml" "$out/$i-sub.yaml"
        section sub "$sub" "$out/$i-sub.yaml"
      fi
      override="tests/charts/values/$(basename "$chart").yaml"
      if [ -f "$override" ]; then
        i=$((i + 1))
        cp "$chart/values.yaml" "$out/$i-f.yaml"
        section -f "$override" "$out/$i-f.yaml"
        printf '%%%% set image.tag=ltsc2019\n%%%% set global.a[1].b=x,c={y,z}\n%%%% set e\\.f=null\n' \
          >>"$out/$i-f.yaml"
      fi
    done
    ;;
  kustomize)
    # Every kustomization of tests/kustomize twice: as the root with the
    # files of its folder, and built as a resource of its parent folder
    # (a root naming it) with the files there, its own first (for ../base).
    i=0
    for dir in $(find tests/kustomize -type f \( -name kustomization.yaml -o -name kustomization.yml \
      -o -name Kustomization \) -exec dirname {} \; | sort -u); do
      kfile=$(ls "$dir"/kustomization.yaml "$dir"/kustomization.yml "$dir"/Kustomization 2>/dev/null | head -n 1 || true)
      i=$((i + 1))
      seed="$out/$i-$(basename "$dir")"
      cp "$kfile" "$seed"
      [ -z "$(tail -c 1 "$kfile")" ] || printf '\n' >>"$seed"
      for file in $(find "$dir" -type f ! -path "$kfile" | sort | head -n 7); do
        section "${file#"$dir"/}" "$file" "$seed"
      done
      parent=$(dirname "$dir")
      i=$((i + 1))
      seed="$out/$i-$(basename "$parent")-$(basename "$dir")"
      printf 'resources:\n- %s\n' "$(basename "$dir")" >"$seed"
      for file in $({ find "$dir" -type f | sort; find "$parent" -type f ! -path "$dir/*" | sort; } | head -n 7); do
        section "${file#"$parent"/}" "$file" "$seed"
      done
    done
    ;;
  *)
    echo "unknown fuzz target '$target' (dockerfile, manifest, image_ref, config, nodes, lsp, archive, template," \
      "values, kustomize)" >&2
    exit 2
    ;;
esac
