#!/usr/bin/env bash
# Instructions per job of the challenge and decide benches, counted by callgrind: a figure
# the noise of a shared machine does not move, to compare two commits or two builds.
#
#   benches/icount.sh                 every job (icount list)
#   benches/icount.sh decide mcp-403  one job
#
# Each job runs 0 and 1000 times under valgrind --tool=callgrind; the difference over 1000
# is its cost, setup excluded. Needs valgrind. The binary is built with the bench profile
# (LTO, one codegen unit), as the benches are.
set -euo pipefail
cd "$(dirname "$0")/.."
N=1000
cargo build -q --profile bench -p signpost-benches --bin icount
bin=${CARGO_TARGET_DIR:-target}/release/icount
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 >/dev/null \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
if [ $# -eq 2 ]; then jobs="$1 $2"; else jobs=$("$bin" list); fi
printf '| group | input | instructions |\n|---|---|---:|\n'
while read -r group input; do
    base=$(count "$group" "$input" 0)
    many=$(count "$group" "$input" "$N")
    printf '| %s | %s | %d |\n' "$group" "$input" $(((many - base) / N))
done <<<"$jobs"
