#!/usr/bin/env bash
# Build every fuzz target for OSS-Fuzz / ClusterFuzzLite, with its seed corpus and dictionary.
#
# In the OSS-Fuzz image, $SRC is the source root and $OUT the output folder, and cargo-fuzz
# is installed. Run by hand (here, or in CI to check that it builds):
#   SRC=$PWD/.. OUT=/tmp/signpost-fuzz-out fuzz/oss-fuzz/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)   # the fuzz/ folder
OUT=${OUT:?set OUT to the output folder}
mkdir -p "$OUT"
cd "$here"

# In the OSS-Fuzz / ClusterFuzzLite image, RUSTUP_TOOLCHAIN names the nightly the image
# installed (no toolchain called plain `nightly` exists there), and its `cargo` wrapper must
# see `fuzz` as its first argument to turn a coverage build into one it can measure; so
# there, plain `cargo`. Elsewhere (a developer's machine, .ci/run) rustup picks nightly.
if [ -n "${RUSTUP_TOOLCHAIN:-}" ]; then
    nightly=()
else
    nightly=(+nightly)
fi
# The targets, from the [[bin]] sections of fuzz/Cargo.toml (not `cargo fuzz list`: in a
# coverage build the image's wrapper turns every `cargo fuzz` command into a build).
targets=$(awk '/^\[\[bin\]\]/ {b = 1; next} /^\[/ {b = 0} b && /^name = / {gsub(/"/, "", $3); print $3}' Cargo.toml)

# OSS-Fuzz sets its own sanitizer flags through cargo fuzz's environment; locally the default
# (address) applies.
cargo ${nightly[@]+"${nightly[@]}"} fuzz build -O --debug-assertions
build_dir=target/x86_64-unknown-linux-gnu/release
for target in $targets; do
    cp "$build_dir/$target" "$OUT/$target"
    if [ -d "seeds/$target" ]; then
        python3 -m zipfile -c "$OUT/${target}_seed_corpus.zip" "seeds/$target/"
    fi
    if [ -f "dicts/$target.dict" ]; then
        cp "dicts/$target.dict" "$OUT/$target.dict"
    fi
    if [ -f "options/$target.options" ]; then
        cp "options/$target.options" "$OUT/$target.options"
    fi
done
echo "built $(echo "$targets" | wc -w) targets into $OUT"
