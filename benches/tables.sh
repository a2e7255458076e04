#!/usr/bin/env bash
# Every table of docs/performance.md, measured in one run, one bench after the other, and
# printed as Markdown:
#
#   benches/tables.sh            criterion (every bench), the interleaved link and decide
#                                timings, the instruction counts, and the other runtimes
#   benches/tables.sh --no-other the same without benches/cross-runtime (no Node or Python)
#
# Run it on a quiet machine: criterion's times are absolute, and only the ratios within one
# run compare. About 25 minutes on 2 cores. The raw results stay in
# ${CARGO_TARGET_DIR:-target}/criterion; the output is the tables, each under the command that
# printed it.
set -euo pipefail
cd "$(dirname "$0")/.."
other=1
[ "${1:-}" = "--no-other" ] && other=
ARGS=(--warm-up-time 1 --measurement-time 3)

start=$SECONDS
# Criterion's own output goes to a log, shown if a bench fails; only the tables go to stdout.
log=$(mktemp)
trap 'status=$?; [ "$status" -ne 0 ] && tail -n 40 "$log" >&2; rm -f "$log"' EXIT
for bench in challenge decide error link scope serialize; do
    echo "# cargo bench -p signpost-benches --bench $bench -- ${ARGS[*]}" >&2
    cargo bench -q -p signpost-benches --bench "$bench" -- "${ARGS[@]}" >>"$log" 2>&1
done
echo "# criterion: $((SECONDS - start)) s" >&2

table() {
    printf '\n```sh\npython3 benches/report.py %s\n```\n\n' "$*"
    python3 benches/report.py "$@"
}
echo "## criterion"
table challenge signpost http-auth parse-net floor-lut split-only split-index
table challenge floor-lut split-only split-index
table decide parse-visit signpost
table respond format signpost
table error signpost linear-scan form_urlencoded
table link signpost signpost-validate parse-net parse-net-validate parse_link_header http-link
table --skip subset-50 scope signpost btreeset-str oxide-auth oauth2-types
table scope signpost signpost-sorted signpost-owned btreeset-str oxide-auth oauth2-types
table serialize signpost

printf '\n## link, interleaved\n\n```sh\nLINK_INTERLEAVED=1 cargo bench -p signpost-benches --bench link\n```\n\n'
LINK_INTERLEAVED=1 cargo bench -q -p signpost-benches --bench link 2>>"$log"

printf '\n## decide, interleaved\n\n```sh\nDECIDE_INTERLEAVED=1 cargo bench -p signpost-benches --bench decide\n```\n\n'
DECIDE_INTERLEAVED=1 cargo bench -q -p signpost-benches --bench decide 2>>"$log"

printf '\n## instructions\n\n```sh\nbenches/icount.sh\n```\n\n'
benches/icount.sh

if [ -n "$other" ]; then
    printf '\n## other runtimes\n\n```sh\nbenches/cross-runtime/run\n```\n\n'
    benches/cross-runtime/run
fi
echo "# total: $((SECONDS - start)) s" >&2
