#!/usr/bin/env bash
# Generates the man page and the shell completions from the built binary, so
# that they cannot drift from the command line:
#
#   gen_cli_docs.sh BINARY OUT_DIR VERSION [HELP2MAN]
#
# Every subcommand, option, value choice and description comes from the
# binary's own --help output (CLI11), and the rule list from `wincompat rules`.
# Writes OUT_DIR/completions/{wincompat.bash,_wincompat,wincompat.fish} and,
# when HELP2MAN is given, OUT_DIR/wincompat.1 and .1.gz (help2man, with the subcommands'
# help and the rules as extra sections from OUT_DIR/wincompat.h2m).
set -euo pipefail

binary="$1"
out="$2"
version="$3"
help2man="${4:-}"

# Run the binary as `wincompat` found on PATH, so that its usage lines say
# `wincompat`, not the build path.
binary_dir="$(cd "$(dirname "$binary")" && pwd)"
export PATH="$binary_dir:$PATH"
[ "$(basename "$binary")" = wincompat ] || { echo "gen_cli_docs.sh: $binary must be named wincompat" >&2; exit 2; }
export NO_COLOR=1 LC_ALL=C

mkdir -p "$out/completions"

# One line per subcommand: NAME<TAB>DESCRIPTION.
subcommands() {
  wincompat --help | awk '
    /^[A-Za-z].*:$/ { section = $0; next }
    section == "Subcommands:" && /^  [a-z]/ {
      name = $1; sub(/^  [^ ]+ +/, ""); print name "\t" $0 }'
}

# One line per option or positional of SUBCOMMAND:
# KIND SHORT LONG TAKES_VALUE CHOICES REPEATS DESCRIPTION, separated by the
# ASCII unit separator (0x1f: fields may be empty, which tabs would collapse
# in `read`). KIND is option or positional; CHOICES are blank-separated.
options() {
  wincompat "$1" --help | awk -v US=$'\x1f' '
    function flush() {
      if (head == "") return
      split(head, words, " ")
      names = words[1]; short = ""; long = names
      if (names ~ /^-[A-Za-z0-9],--/) { short = substr(names, 2, 1); long = substr(names, 6) }
      else if (names ~ /^--/) { long = substr(names, 3) }
      takes = (length(words) > 1) ? 1 : 0
      choices = ""
      if (match(head, /:\{[^}]*\}/)) {
        choices = substr(head, RSTART + 2, RLENGTH - 3); gsub(/,/, " ", choices)
      }
      repeats = (head ~ / \.\.\.$/ || head ~ / \.\.\. /) ? 1 : 0
      kind = (section == "Positionals:") ? "positional" : "option"
      if (long != "help") print kind US short US long US takes US choices US repeats US desc
      head = ""; desc = ""
    }
    /^[A-Za-z].*:$/ { flush(); section = $0; next }
    (section == "Options:" || section == "Positionals:") && /^  [^ ]/ {
      flush()
      line = substr($0, 3)
      if (match(line, /   */)) { head = substr(line, 1, RSTART - 1); desc = substr(line, RSTART + RLENGTH) }
      else { head = line; desc = "" }
      next
    }
    (section == "Options:" || section == "Positionals:") && /^   / {
      text = $0; sub(/^ +/, "", text); desc = (desc == "") ? text : desc " " text; next
    }
    END { flush() }'
}

# One line per rule: CODE SEVERITY NAME TITLE, separated by 0x1f.
rules() {
  wincompat rules | awk -v US=$'\x1f' '
    /^WC[0-9]+ / { if (code != "") print code US severity US name US title
                   code = $1; severity = $2; name = $3; title = ""; n = 0; next }
    /^ +/ && code != "" { n++; if (n == 1) { title = $0; sub(/^ +/, "", title) } }
    END { if (code != "") print code US severity US name US title }'
}

# The host names --host accepts: the binary's own catalog, as its error for
# an unknown host lists them ("Accepted: ltsc2016, 2016, ..., or the build").
host_names() {
  wincompat lint --no-config --host '?' /dev/null 2>&1 |
    sed -n 's/.*Accepted: \(.*\), or the build.*/\1/p' | tr -d ',' | tr ' ' '\n' | grep -v '^$' || true
}

# Options whose value is a path (CLI11's help says TEXT for any string).
is_path_option() {
  case "$1" in config | nodes | stdin-filename | values | baseline | write-baseline) return 0 ;; *) return 1 ;; esac
}

mapfile -t subs < <(subcommands)
[ ${#subs[@]} -gt 0 ] || { echo "gen_cli_docs.sh: no subcommands in 'wincompat --help'" >&2; exit 1; }
names=()
for entry in "${subs[@]}"; do names+=("${entry%%$'\t'*}"); done
mapfile -t rule_lines < <(rules)
codes=()
for entry in "${rule_lines[@]}"; do codes+=("${entry%%$'\x1f'*}"); done
[ ${#codes[@]} -gt 0 ] || { echo "gen_cli_docs.sh: no rules in 'wincompat rules'" >&2; exit 1; }
mapfile -t hosts < <(host_names)
[ ${#hosts[@]} -gt 5 ] || { echo "gen_cli_docs.sh: no host names from 'wincompat lint --host ?'" >&2; exit 1; }

# ---------------------------------------------------------------- bash
{
  echo "# bash completion for wincompat $version (generated from 'wincompat --help'; do not edit)"
  echo "_wincompat() {"
  echo "  local cur prev sub i"
  echo "  cur=\"\${COMP_WORDS[COMP_CWORD]}\""
  echo "  prev=\"\${COMP_WORDS[COMP_CWORD-1]}\""
  echo "  sub=\"\""
  echo "  for ((i = 1; i < COMP_CWORD; i++)); do"
  echo "    case \"\${COMP_WORDS[i]}\" in -*) ;; *) sub=\"\${COMP_WORDS[i]}\"; break ;; esac"
  echo "  done"
  echo "  local codes=\"${codes[*]}\""
  echo "  local hosts=\"${hosts[*]}\""
  echo "  if [ -z \"\$sub\" ]; then"
  echo "    COMPREPLY=(\$(compgen -W \"${names[*]} --help --version\" -- \"\$cur\"))"
  echo "    return"
  echo "  fi"
  echo "  case \"\$sub\" in"
  for name in "${names[@]}"; do
    flags="--help"
    value_cases=""
    positional=""
    while IFS=$'\x1f' read -r kind short long takes choices repeats desc; do
      if [ "$kind" = positional ]; then
        positional="$long"
        continue
      fi
      flags+=" --$long"
      [ -n "$short" ] && flags+=" -$short"
      if [ "$takes" = 1 ]; then
        pattern="--$long"
        [ -n "$short" ] && pattern+="|-$short"
        if [ -n "$choices" ]; then
          value_cases+="        $pattern) COMPREPLY=(\$(compgen -W \"$choices\" -- \"\$cur\")); return ;;"$'\n'
        elif [ "$long" = select ] || [ "$long" = ignore ]; then
          value_cases+="        $pattern) COMPREPLY=(\$(compgen -W \"\$codes\" -- \"\$cur\")); return ;;"$'\n'
        elif [ "$long" = host ]; then
          value_cases+="        $pattern) COMPREPLY=(\$(compgen -W \"\$hosts\" -- \"\$cur\")); return ;;"$'\n'
        elif is_path_option "$long"; then
          value_cases+="        $pattern) COMPREPLY=(\$(compgen -f -- \"\$cur\")); return ;;"$'\n'
        else
          value_cases+="        $pattern) return ;;"$'\n'
        fi
      fi
    done < <(options "$name")
    echo "    $name)"
    if [ -n "$value_cases" ]; then
      echo "      case \"\$prev\" in"
      printf '%s' "$value_cases"
      echo "      esac"
    fi
    echo "      if [[ \"\$cur\" == -* ]]; then"
    echo "        COMPREPLY=(\$(compgen -W \"$flags\" -- \"\$cur\"))"
    if [ "$name" = explain ]; then
      echo "      else"
      echo "        COMPREPLY=(\$(compgen -W \"\$codes\" -- \"\$cur\"))"
    elif [ -n "$positional" ]; then
      echo "      else"
      echo "        COMPREPLY=(\$(compgen -f -- \"\$cur\"))"
    fi
    echo "      fi"
    echo "      ;;"
  done
  echo "  esac"
  echo "}"
  echo "complete -o filenames -F _wincompat wincompat"
} > "$out/completions/wincompat.bash"

# ---------------------------------------------------------------- zsh
zsh_quote() { # for a single-quoted _arguments spec: no quotes, brackets escaped
  local text="${1//\'/}"
  text="${text//\[/\\[}"
  text="${text//\]/\\]}"
  text="${text//:/\\:}"
  printf '%s' "$text"
}
{
  echo "#compdef wincompat"
  echo "# zsh completion for wincompat $version (generated from 'wincompat --help'; do not edit)"
  echo "_wincompat() {"
  echo "  local -a subcommands codes"
  echo "  local -a wc_hosts"
  echo "  codes=(${codes[*]})"
  echo "  wc_hosts=(${hosts[*]})"
  echo "  subcommands=("
  for entry in "${subs[@]}"; do
    echo "    '${entry%%$'\t'*}:$(zsh_quote "${entry#*$'\t'}")'"
  done
  echo "  )"
  echo "  if (( CURRENT == 2 )); then"
  echo "    _arguments '--help[print help]' '--version[print the version]' '1:subcommand:{_describe subcommand subcommands}'"
  echo "    return"
  echo "  fi"
  echo "  local sub=\$words[2]"
  echo "  shift words; (( CURRENT-- ))"
  echo "  case \$sub in"
  for name in "${names[@]}"; do
    specs=("'(- *)--help[print help]'")
    while IFS=$'\x1f' read -r kind short long takes choices repeats desc; do
      d="$(zsh_quote "$desc")"
      if [ "$kind" = positional ]; then
        if [ "$name" = explain ]; then
          specs+=("'1:rule code:(\$codes)'")
        else
          specs+=("'*:$long:_files'")
        fi
        continue
      fi
      action=""
      if [ "$takes" = 1 ]; then
        if [ -n "$choices" ]; then action=":$long:($choices)"
        elif [ "$long" = select ] || [ "$long" = ignore ]; then action=":codes:(\$codes)"
        elif [ "$long" = host ]; then action=":host:(\$wc_hosts)"
        elif is_path_option "$long"; then action=":file:_files"
        else action=":$long: "
        fi
      fi
      star=""
      [ "$repeats" = 1 ] && star="*"
      specs+=("'$star--${long}[$d]$action'")
      [ -n "$short" ] && specs+=("'$star-${short}[$d]$action'")
    done < <(options "$name")
    echo "    $name)"
    echo "      _arguments -s \\"
    for spec in "${specs[@]}"; do echo "        $spec \\"; done
    echo "        ;;"
  done
  echo "  esac"
  echo "}"
  echo "_wincompat \"\$@\""
} > "$out/completions/_wincompat"

# ---------------------------------------------------------------- fish
fish_quote() { local text="${1//\\/\\\\}"; printf '%s' "${text//\'/\\\'}"; }
{
  echo "# fish completion for wincompat $version (generated from 'wincompat --help'; do not edit)"
  echo "complete -c wincompat -f"
  echo "complete -c wincompat -n __fish_use_subcommand -l help -d 'Print help'"
  echo "complete -c wincompat -n __fish_use_subcommand -l version -d 'Print the version'"
  for entry in "${subs[@]}"; do
    echo "complete -c wincompat -n __fish_use_subcommand -a ${entry%%$'\t'*} -d '$(fish_quote "${entry#*$'\t'}")'"
  done
  for name in "${names[@]}"; do
    cond="-n '__fish_seen_subcommand_from $name'"
    while IFS=$'\x1f' read -r kind short long takes choices repeats desc; do
      if [ "$kind" = positional ]; then
        if [ "$name" = explain ]; then
          echo "complete -c wincompat $cond -a '${codes[*]}'"
        else
          echo "complete -c wincompat $cond -F"
        fi
        continue
      fi
      line="complete -c wincompat $cond -l $long"
      [ -n "$short" ] && line+=" -s $short"
      if [ "$takes" = 1 ]; then
        if [ -n "$choices" ]; then line+=" -x -a '$choices'"
        elif [ "$long" = select ] || [ "$long" = ignore ]; then line+=" -x -a '${codes[*]}'"
        elif [ "$long" = host ]; then line+=" -x -a '${hosts[*]}'"
        elif is_path_option "$long"; then line+=" -r -F"
        else line+=" -x"
        fi
      fi
      echo "$line -d '$(fish_quote "$desc")'"
    done < <(options "$name")
  done
} > "$out/completions/wincompat.fish"

# ---------------------------------------------------------------- usage reference
# docs/usage.md's "Command reference" section, between its
# options-reference comments (tests/docs/check_generated.py compares them).
md_cell() { local text="${1//|/\\|}"; printf '%s' "$text"; }
{
  echo "<!-- options-reference: generated from \`wincompat --help\` by cmake/gen_cli_docs.sh; do not edit -->"
  for entry in "${subs[@]}"; do
    name="${entry%%$'\t'*}"
    echo
    echo "### \`wincompat $name\`"
    echo
    summary="${entry#*$'\t'}"
    [[ "$summary" == *[.?!] ]] || summary+="."
    echo "$summary"
    echo
    echo '```'
    wincompat "$name" --help | sed -n 's/^Usage: //p'
    echo '```'
    rows=""
    while IFS=$'\x1f' read -r kind short long takes choices repeats desc; do
      if [ "$kind" = positional ]; then
        term="\`$long\`"
      else
        term="\`--$long\`"
        [ -n "$short" ] && term="\`-$short\`, $term"
        if [ "$takes" = 1 ]; then
          value="${choices// /|}"
          [ -n "$value" ] || value="$(printf '%s' "$long" | tr 'a-z-' 'A-Z_')"
          term="${term%\`} $value\`"
        fi
      fi
      [ "$repeats" = 1 ] && term+=" (repeatable)"
      rows+="| $(md_cell "$term") | $(md_cell "$desc") |"$'\n'
    done < <(options "$name")
    if [ -n "$rows" ]; then
      echo
      echo "| option | what it does |"
      echo "|---|---|"
      printf '%s' "$rows"
    fi
  done
  echo
  echo "<!-- options-reference: end -->"
} > "$out/usage-reference.md"

# ---------------------------------------------------------------- man page
roff_text() { # escape backslashes and protect lines that start like requests
  sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/' -e 's/-/\\-/g'
}
{
  echo "[DESCRIPTION]"
  echo "wincompat is a static linter for Windows container images. It resolves every"
  echo "image in Dockerfiles and Kubernetes manifests to a Windows build and reports"
  echo "those that cannot run on the hosts or node pools they are meant for."
  echo ".PP"
  echo "Settings are read from the nearest"
  echo ".I .wincompat.yaml"
  echo "(see FILES). The subcommands and their options follow."
  echo
  echo "[COMMANDS]"
  for entry in "${subs[@]}"; do
    name="${entry%%$'\t'*}"
    echo ".SS \"wincompat $name\""
    summary="${entry#*$'\t'}"
    [[ "$summary" == *[.?!] ]] || summary+="."
    printf '%s\n' "$summary" | roff_text
    echo ".PP"
    echo ".nf"
    wincompat "$name" --help | sed -n 's/^Usage: //p' | roff_text
    echo ".fi"
    while IFS=$'\x1f' read -r kind short long takes choices repeats desc; do
      echo ".TP"
      if [ "$kind" = positional ]; then
        term="\\fI$long\\fR"
      else
        term="\\fB\\-\\-$long\\fR"
        [ -n "$short" ] && term="\\fB\\-$short\\fR, $term"
        if [ "$takes" = 1 ]; then
          value="${choices// /|}"
          [ -n "$value" ] || value="$(printf '%s' "$long" | tr 'a-z-' 'A-Z_')"
          term+=" \\fI$(printf '%s' "$value" | roff_text)\\fR"
        fi
      fi
      [ "$repeats" = 1 ] && term+=" ..."
      printf '%s\n' "$term"
      printf '%s\n' "$desc" | roff_text
    done < <(options "$name")
  done
  echo
  echo "[RULES]"
  echo "Every finding carries one of these codes and its default severity;"
  echo ".B wincompat explain"
  echo "prints a rule's documentation."
  for entry in "${rule_lines[@]}"; do
    IFS=$'\x1f' read -r code severity rule title <<<"$entry"
    echo ".TP"
    echo ".BR $code \" ($severity, $rule)\""
    printf '%s\n' "$title" | roff_text
  done
  echo
  echo "[EXIT STATUS]"
  echo ".TP"
  echo ".B 0"
  echo "Nothing at or above the fail level remains."
  echo ".TP"
  echo ".B 1"
  echo "A finding at or above the fail level remains (\\fB\\-\\-fail\\-level\\fR, default error)."
  echo ".TP"
  echo ".B 2"
  echo "A usage error, an invalid configuration (WC903), or a path that does not exist."
  echo
  echo "[ENVIRONMENT]"
  echo ".TP"
  echo ".B NO_COLOR"
  echo "When set, text output has no colour."
  echo ".TP"
  echo ".B WINCOMPAT_TODAY"
  echo "A date (YYYY\\-MM\\-DD) used instead of today for end\\-of\\-servicing checks."
  echo
  echo "[FILES]"
  echo ".TP"
  echo ".I .wincompat.yaml"
  echo "Configuration, found from the current directory upward to the repository root:"
  echo "hosts, isolation, build arguments, image mappings, node pools and inventories,"
  echo "rule severities, the fail level and exclude patterns."
  echo "Also read as"
  echo ".IR .wincompat.yml ."
  echo ".TP"
  echo ".I .wincompat.lock"
  echo "The Windows builds of images read from their registries, written by"
  echo ".B wincompat lock"
  echo "next to the configuration file when one is used, else at the repository root"
  echo "(the folder holding .git), else in the current directory; read by"
  echo ".BR lint ,"
  echo "so that lint needs no network. Commit it."
  echo
  echo "[SEE ALSO]"
  echo "The documentation in the source repository, docs/README.md:"
  echo "usage, configuration, JSON output, Kubernetes manifests and integrations."
} > "$out/wincompat.h2m"

if [ -n "$help2man" ]; then
  "$help2man" --no-info --section=1 --version-string="$version" \
    --name="find Windows container images that cannot run on their hosts" \
    --include="$out/wincompat.h2m" --output="$out/wincompat.1.tmp" wincompat
  mv "$out/wincompat.1.tmp" "$out/wincompat.1"
  # Installed compressed, as Debian policy asks (man reads either).
  gzip -9 -n -c "$out/wincompat.1" >"$out/wincompat.1.gz"
fi
