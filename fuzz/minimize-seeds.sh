#!/usr/bin/env bash
# Fold a grown corpus into the committed seeds: for each target (or the ones named), keep
# the hand-written seeds and add the fewest corpus inputs that reach every coverage edge the
# whole corpus reaches (libFuzzer's set-cover merge on edges, without hit-count features).
#
#   fuzz/minimize-seeds.sh [CORPUS_ROOT] [TARGET...]
#
# CORPUS_ROOT defaults to fuzz/corpus (what fuzz/run.sh and fuzz/campaign.sh grow); a corpus
# downloaded from OSS-Fuzz or ClusterFuzzLite works the same, one folder per target. Prints,
# per target, the seed count before and after and the edges of the seeds and of the corpus,
# which must be equal. Needs nightly and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"
root=${1:-corpus}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)

cargo +nightly fuzz build -O >/dev/null 2>&1
bin=target/x86_64-unknown-linux-gnu/release
edges() { "$bin/$1" -runs=0 "$2" 2>&1 | sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p'; }

printf '| target | seeds before | seeds after | edges of the seeds | edges of the corpus |\n'
printf '|---|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
    [ -d "$root/$t" ] || continue
    mkdir -p "seeds/$t"
    before=$(ls "seeds/$t" | wc -l)
    "$bin/$t" -set_cover_merge=1 -use_counters=0 "seeds/$t" "$root/$t" >/dev/null 2>&1
    printf '| `%s` | %s | %s | %s | %s |\n' "$t" "$before" "$(ls "seeds/$t" | wc -l)" \
        "$(edges "$t" "seeds/$t")" "$(edges "$t" "$root/$t")"
done
