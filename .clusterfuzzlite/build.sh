#!/bin/bash -eu
# ClusterFuzzLite's build step: the OSS-Fuzz build script builds every fuzz target into $OUT
# with its seed corpus and dictionary.
exec "$SRC/signpost/fuzz/oss-fuzz/build.sh"
