#!/usr/bin/env bash
# Runs one shard of the Catch2 test binary in a single process:
#   run_shard.sh TEST_BINARY INDEX COUNT [TEST_SPEC]
# The test cases TEST_SPEC selects (default: all) are numbered in the order
# the binary lists them, and this shard runs those whose number modulo COUNT
# is INDEX. The sanitizer build runs its unit tests this way: an instrumented
# process takes a noticeable time to start, and one per test case (about 470)
# cost more than the tests themselves. The normal build keeps one ctest test
# per test case.
set -euo pipefail
binary="$1"
index="$2"
count="$3"
spec="${4:-}"
names="$(mktemp)"
trap 'rm -f "$names"' EXIT
# Catch2 v2 exits with the number of test cases it lists, so the listing's
# status is not checked; an empty list is. Catch2 reads each line of an input
# file as a test name pattern, in which backslash, comma, brackets, quote and
# star are special: escape them.
{ "$binary" --list-test-names-only ${spec:+"$spec"} || true; } |
  awk -v index_="$index" -v count="$count" 'NF && (n++ % count) == index_' |
  sed -e 's/[][\\,*"]/\\&/g' >"$names"
if [ ! -s "$names" ]; then
  echo "shard $index of $count: no test cases" >&2
  exit 1
fi
echo "shard $index of $count: $(wc -l <"$names") test cases"
exec "$binary" --input-file "$names"
