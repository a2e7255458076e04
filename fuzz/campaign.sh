#!/usr/bin/env bash
# Run every fuzz target (or the ones named) for SECONDS each, PARALLEL at a time, from the
# committed seeds plus the local corpus, and print a Markdown table of the results:
# executions, coverage (edges, features), corpus size, crashes.
#
#   fuzz/campaign.sh SECONDS [PARALLEL] [TARGET...]
#
# FUZZ_FLAGS passes cargo-fuzz build flags: FUZZ_FLAGS=--no-default-features fuzzes the
# size-first builds (no `perf` feature).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/campaign.sh SECONDS [PARALLEL] [TARGET...]}
parallel=${2:-1}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)

read -r -a flags <<<"${FUZZ_FLAGS:-}"
cargo +nightly fuzz build -a "${flags[@]}" >/dev/null 2>&1
logs=$(mktemp -d)
run_one() {
    local t=$1
    mkdir -p "corpus/$t"
    [ -d "seeds/$t" ] && cp -n "seeds/$t/"* "corpus/$t/" 2>/dev/null || true
    local dict=()
    [ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
    # The target's own libFuzzer options (OSS-Fuzz's <target>.options format), if any.
    local opts=()
    if [ -f "options/$t.options" ]; then
        while IFS=' =' read -r key value; do
            if [[ $key =~ ^[a-z_]+$ ]]; then opts+=("-$key=$value"); fi
        done <"options/$t.options"
    fi
    if cargo +nightly fuzz run -a "${flags[@]}" "$t" "corpus/$t" -- -max_total_time="$seconds" \
        -print_final_stats=1 "${dict[@]}" "${opts[@]}" >"$logs/$t.log" 2>&1; then
        echo ok >"$logs/$t.status"
    else
        echo crash >"$logs/$t.status"
    fi
}
running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

echo "| target | seconds | executions | exec/s | edges (cov) | features (ft) | corpus | result |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for t in "${targets[@]}"; do
    log=$logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
    last=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -n1)
    cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(ls "corpus/$t" | wc -l)
    echo "| \`$t\` | $seconds | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | $corpus | $(cat "$logs/$t.status") |"
done
if grep -q crash "$logs"/*.status; then
    echo "crashes: see fuzz/artifacts/" >&2
    exit 1
fi
