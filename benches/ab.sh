#!/usr/bin/env bash
# The time of the icount jobs at an earlier commit and at the work tree, in turns: for a
# change that moves time but not instructions (a stall, a copy through memcpy), where
# criterion runs minutes apart on a shared machine differ by more than the change.
#
#   benches/ab.sh REV challenge              every challenge input
#   benches/ab.sh REV decide mcp-403         one job
#
# Both binaries are built with the bench profile (LTO, one codegen unit); REV in a
# temporary git worktree. Each round runs each binary once (N calls, 2,000,000 by
# default, AB_N); the fastest of AB_ROUNDS rounds (7) is kept, per binary. Prints the
# time per call and HEAD's time over REV's (below 1: the work tree is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: benches/ab.sh REV GROUP [INPUT]" >&2; exit 2; }
rev=$1 group=$2 input=${3:-}
n=${AB_N:-2000000} rounds=${AB_ROUNDS:-7}
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
mkdir -p "$target"

cargo build -q --profile bench -p signpost-benches --bin icount
cp "$target/release/icount" "$target/icount-head"
tree=$(mktemp -d)
git worktree add -q --detach "$tree" "$rev"
trap 'git worktree remove --force "$tree"' EXIT
(cd "$tree" && CARGO_TARGET_DIR="$target/ab-rev" \
    cargo build -q --profile bench -p signpost-benches --bin icount)
cp "$target/ab-rev/release/icount" "$target/icount-rev"

# Nanoseconds per call of one run of binary $1 on job $2 $3.
per_call() {
    local start end
    start=$(date +%s%N)
    "$1" "$2" "$3" "$n" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) * 1000 / n))
}

if [ -n "$input" ]; then
    inputs=$input
else
    inputs=$("$target/icount-head" list | awk -v g="$group" '$1 == g { print $2 }')
fi
printf '| job | %s | HEAD | HEAD / %s |\n|---|---:|---:|---:|\n' "$rev" "$rev"
for i in $inputs; do
    best_rev=0 best_head=0
    for _ in $(seq "$rounds"); do
        r=$(per_call "$target/icount-rev" "$group" "$i")
        h=$(per_call "$target/icount-head" "$group" "$i")
        if [ "$best_rev" -eq 0 ] || [ "$r" -lt "$best_rev" ]; then best_rev=$r; fi
        if [ "$best_head" -eq 0 ] || [ "$h" -lt "$best_head" ]; then best_head=$h; fi
    done
    awk -v j="$group $i" -v r="$best_rev" -v h="$best_head" \
        'BEGIN { printf "| %s | %.1f ns | %.1f ns | %.3f |\n", j, r / 1000, h / 1000, h / r }'
done
