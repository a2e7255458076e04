"""Merges the JSON lines of the cross-runtime harnesses into one markdown table: per input
and operation, signpost's ns per call and each peer's, with the peer/signpost ratio; a peer
whose result differs from signpost's is marked, and the two results are listed below.

    python3 table.py INPUTS.jsonl RESULTS.jsonl...

Exits 1 when a job is missing (a harness that stopped short, a peer function that is gone).
Standard library only.
"""

import json
import math
import sys

OPS = [
    ("bearer-fields", "Bearer: resource_metadata, scope, error"),
    ("param:resource_metadata", "first resource_metadata param"),
    ("param:scope", "first scope param"),
    ("param:error", "first error param"),
    ("challenges", "every challenge and its params"),
]
# Which peer does which job; signpost does them all.
PEERS = [
    ("mcp-ts-sdk", "MCP TS SDK", {"bearer-fields"}),
    ("oauth4webapi", "oauth4webapi", {"challenges"}),
    ("oauth4webapi-parser", "oauth4webapi parser (private)", {"challenges"}),
    ("mcp-python-sdk", "MCP Python SDK", {"param:resource_metadata", "param:scope", "param:error"}),
]


def short(value, limit=60):
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def main():
    if len(sys.argv) < 3:
        print("usage: table.py INPUTS.jsonl RESULTS.jsonl...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        inputs = [json.loads(line)["input"] for line in f if line.strip()]
    rows = {}
    versions = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                name, _, version = r["impl"].partition("@")
                if version.endswith("-parser"):  # "oauth4webapi@3.8.9-parser"
                    name, version = name + "-parser", version[: -len("-parser")]
                versions[name] = version
                rows[(name, r["op"], r["input"])] = r

    missing = []
    differs = []
    ratios = {peer: [] for peer, _, _ in PEERS}
    header = ["input", "operation", "signpost"] + [
        f"{label} {versions.get(peer, '?')}" for peer, label, _ in PEERS
    ]
    out = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for input_name in inputs:
        for op, op_label in OPS:
            base = rows.get(("signpost", op, input_name))
            if base is None:
                missing.append(("signpost", op, input_name))
                continue
            cells = [input_name, op_label, f"{base['ns']:,.0f} ns"]
            for peer, _, ops in PEERS:
                if op not in ops:
                    cells.append("")
                    continue
                r = rows.get((peer, op, input_name))
                if r is None:
                    missing.append((peer, op, input_name))
                    cells.append("missing")
                    continue
                ratio = r["ns"] / base["ns"]
                cell = f"{r['ns']:,.0f} ns ({ratio:.3g}x)"
                if r["result"] != base["result"]:
                    cell += " ✗"
                    differs.append((input_name, op, peer, r["result"], base["result"]))
                else:
                    ratios[peer].append(ratio)
                cells.append(cell)
            out.append("| " + " | ".join(cells) + " |")
    print("\n".join(out))
    print()
    means = []
    for peer, label, _ in PEERS:
        rs = ratios[peer]
        if rs:
            gm = math.exp(sum(math.log(r) for r in rs) / len(rs))
            means.append(f"{label} {gm:.3g}x ({len(rs)} jobs)")
    print("Geometric mean of the ratios (peer / signpost), jobs where both agree: " + "; ".join(means) + ".")
    empty = rows.get(("oauth4webapi", "challenges", "(empty)"))
    if empty is not None:
        print()
        print(
            f"oauth4webapi's exported path on an empty header (no challenge to parse): {empty['ns']:,.0f} ns."
        )
    for runtime, label in [("node", "Node (`Response.headers.get`)"), ("python", "Python (httpx2 `Headers.get`)")]:
        got = [r["ns"] for (name, op, _), r in rows.items() if name == runtime and op == "header-get"]
        if got:
            print()
            print(
                f"Reading the header from the response, which each peer function does first: {label} "
                f"{min(got):,.0f} to {max(got):,.0f} ns over the inputs."
            )
    print()
    if differs:
        print("✗ the peer's result differs from signpost's:")
        print()
        for input_name, op, peer, theirs, ours in differs:
            print(f"- {input_name}, {op}, {peer}: {short(theirs)}; signpost: {short(ours)}")
    else:
        print("Every peer's result equals signpost's on every job it does.")
    if missing:
        print(file=sys.stderr)
        for m in missing:
            print("missing job: %s %s %s" % m, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
