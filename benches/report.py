#!/usr/bin/env python3
"""Tables for docs/performance.md from criterion's results (target/criterion).

Usage: benches/report.py [--skip INPUT]... GROUP BASELINE_IMPL [OTHER_IMPL...]
Reads $CARGO_TARGET_DIR/criterion when CARGO_TARGET_DIR is set (as cargo bench writes it),
target/criterion otherwise.
Prints, per input, the median time of each implementation and its ratio to BASELINE_IMPL
(how many times faster BASELINE_IMPL is), then the geometric mean of each ratio. When the
group declares a throughput in bytes, the length and BASELINE_IMPL's throughput in GB/s
(10^9 bytes a second) close each row, with their geometric mean. `--skip INPUT` leaves an
input out of the table and its means (`--skip subset-50` for the scope parse goal).
"""
import json, math, os, sys

args = sys.argv[1:]
skip = set()
while '--skip' in args:
    i = args.index('--skip')
    skip.add(args[i + 1])
    del args[i:i + 2]
group, base, *others = args
target = os.environ.get('CARGO_TARGET_DIR') or os.path.join(os.path.dirname(__file__), '..', 'target')
root = os.path.join(target, 'criterion', group)
inputs = sorted(d for d in os.listdir(root)
                if os.path.isdir(os.path.join(root, d)) and d != 'report' and d not in skip)

def median(inp, impl):
    p = os.path.join(root, inp, impl, 'new', 'estimates.json')
    if not os.path.exists(p):
        return None
    return json.load(open(p))['median']['point_estimate']

def fmt(ns):
    return f"{ns/1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"

def length(inp, impl):
    p = os.path.join(root, inp, impl, 'new', 'benchmark.json')
    if not os.path.exists(p):
        return None
    return (json.load(open(p)).get('throughput') or {}).get('Bytes')

impls = [base] + others
has_bytes = any(length(inp, base) for inp in inputs)
extra = ['bytes', f'{base} GB/s'] if has_bytes else []
print('| input | ' + ' | '.join(impls) + ' | ' + ' | '.join([f'{base} vs {o}' for o in others] + extra) + ' |')
print('|---|' + '---:|' * (len(impls) + len(others) + len(extra)))
rates = []
ratios = {o: [] for o in others}
for inp in inputs:
    t = {i: median(inp, i) for i in impls}
    if t[base] is None:
        continue
    cells = [fmt(t[i]) if t[i] else '-' for i in impls]
    rs = []
    for o in others:
        if t[o]:
            r = t[o] / t[base]
            ratios[o].append(r)
            rs.append(f'{r:.2f}x')
        else:
            rs.append('-')
    if has_bytes:
        n = length(inp, base)
        if n:
            rates.append(n / t[base])
            rs += [str(n), f'{n / t[base]:.2f}']
        else:
            rs += ['-', '-']
    print(f'| {inp} | ' + ' | '.join(cells) + ' | ' + ' | '.join(rs) + ' |')
geo = {o: math.exp(sum(map(math.log, v)) / len(v)) for o, v in ratios.items() if v}
tail = ['', f'**{math.exp(sum(map(math.log, rates)) / len(rates)):.2f}**'] if rates else []
print('| **geometric mean** | ' + ' | '.join('' for _ in impls) + ' | ' + ' | '.join([f'**{geo[o]:.2f}x**' if o in geo else '-' for o in others] + tail) + ' |')
