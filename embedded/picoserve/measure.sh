#!/usr/bin/env bash
# The resource server on picoserve (docs/embedded.md, "A resource server on picoserve"):
# builds the firmware for thumbv7em-none-eabihf in the size-first profile, checks that it
# links no heap, and prints its sizes.
#
#   embedded/picoserve/measure.sh           prints the row of docs/embedded.md
#   embedded/picoserve/measure.sh --check   also fails if .text is over its budget
#
# Needs: the thumbv7em-none-eabihf target, the llvm-tools component (llvm-nm), python3.
set -euo pipefail
cd "$(dirname "$0")"

# .text budget in bytes, enforced by --check: today's size rounded up to 256 bytes, a ratchet
# (lower it when a change makes the firmware smaller). Raised from 38400 with the challenge
# grammar's obs-fold (RFC 9112 §5.2) and 1#challenge check, which every build links (+448);
# lowered to 38400 on 2026-12-05, the firmware having come down to 38,340 bytes.
BUDGET=38400

check=false
[ "${1:-}" = "--check" ] && check=true
target=${CARGO_TARGET_DIR:-target}
elf=$target/thumbv7em-none-eabihf/release/firmware

cargo build -q --locked --release --target thumbv7em-none-eabihf --features firmware --bin firmware

# No heap: no dependency of the firmware turns on a feature that needs one (picoserve's
# `alloc`, `std`, `tokio` are the tests' only; proc-macros run on the host and are left
# out), and the binary has no allocator symbol nor any function of the `alloc` crate.
features=$(cargo tree -q --locked -e normal,no-proc-macro --target thumbv7em-none-eabihf --features firmware \
    --prefix none --format '{p} [{f}]')
if grep -E '\[.*\b(alloc|std|tokio)\b.*\]' <<<"$features"; then
    echo "the firmware's dependencies turn on a feature that needs a heap" >&2
    exit 1
fi
nm=$(ls "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-nm | head -n1)
if "$nm" -C "$elf" | grep -E '__rust_(alloc|dealloc|realloc)|__rdl_|__rg_|\balloc::'; then
    echo "the firmware links the alloc crate" >&2
    exit 1
fi

read -r _ text rodata data bss < <(python3 ../size.py "$elf" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9}')
mark=""
status=0
if [ "$text" -gt "$BUDGET" ]; then
    mark=" **over**"
    status=1
fi
printf '| binary | thumbv7em .text | .rodata | .data | .bss | budget (.text) | heap |\n'
printf '|---|---:|---:|---:|---:|---:|---|\n'
printf '| `picoserve/firmware` | %s | %s | %s | %s | %s%s | none |\n' "$text" "$rodata" "$data" "$bss" "$BUDGET" "$mark"
if $check && [ "$status" -ne 0 ]; then
    echo "the firmware is over its budget" >&2
    exit 1
fi
