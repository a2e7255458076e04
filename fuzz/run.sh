#!/usr/bin/env bash
# Run one fuzz target for a while, starting from its committed seeds and dictionary.
#
#   fuzz/run.sh TARGET SECONDS [JOBS]
#
# The working corpus grows in fuzz/corpus/TARGET (not committed); crashes land in
# fuzz/artifacts/TARGET. Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS [JOBS]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [JOBS]}
jobs=${3:-1}

mkdir -p "corpus/$target"
if [ -d "seeds/$target" ]; then
    cp -n "seeds/$target/"* "corpus/$target/" 2>/dev/null || true
fi
dict=()
[ -f "dicts/$target.dict" ] && dict=("-dict=dicts/$target.dict")
# The target's own libFuzzer options (OSS-Fuzz's <target>.options format), if any.
opts=()
if [ -f "options/$target.options" ]; then
    while IFS=' =' read -r key value; do
        if [[ $key =~ ^[a-z_]+$ ]]; then opts+=("-$key=$value"); fi
    done <"options/$target.options"
fi

cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
    -print_final_stats=1 "${dict[@]}" "${opts[@]}"
