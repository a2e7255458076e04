"""The Python peer of benches/cross-runtime/run, on the inputs signpost's binary prints: the
MCP Python SDK's WWW-Authenticate helpers (mcp.client.auth.utils), timed with timeit the way
the Rust and Node harnesses time theirs (warm-up, then the best of K rounds of N calls; N
doubles until a round lasts long enough).

    .venv/bin/python bench_python.py INPUTS.jsonl [--quick]

prints one JSON object a line: {"impl", "op", "input", "ns", "n", "k", "result"}; besides
the SDK's jobs, "header-get": the WWW-Authenticate header read from the response, which each
helper does first.
"""

import json
import sys
import time
import timeit
from importlib.metadata import version

import httpx2
from mcp.client.auth.utils import (
    extract_field_from_www_auth,
    extract_resource_metadata_from_www_auth,
    extract_scope_from_www_auth,
)

FULL = {"warm_up": 0.1, "round": 0.02, "rounds": 9, "max_n": 10_000_000}
QUICK = {"warm_up": 0.002, "round": 0.001, "rounds": 3, "max_n": 2_000}


def bench(plan, stmt, env):
    """Warm-up, N doubled until a round lasts plan["round"] s, best of plan["rounds"]
    rounds: (ns per call, N)."""
    timer = timeit.Timer(stmt, globals=env)
    end = time.perf_counter() + plan["warm_up"]
    while time.perf_counter() < end:
        timer.timeit(100)
    n = 1
    while True:
        if timer.timeit(n) >= plan["round"] or n >= plan["max_n"]:
            break
        n = min(n * 2, plan["max_n"])
    best = min(timer.repeat(repeat=plan["rounds"], number=n))
    return best * 1e9 / n, n


def main():
    args = sys.argv[1:]
    if not args or any(a != "--quick" for a in args[1:]):
        print("usage: bench_python.py INPUTS.jsonl [--quick]", file=sys.stderr)
        return 2
    plan = QUICK if "--quick" in args[1:] else FULL
    impl = f"mcp-python-sdk@{version('mcp')}"
    with open(args[0], encoding="utf-8") as f:
        inputs = [json.loads(line) for line in f if line.strip()]
    # Each helper takes a response and reads its WWW-Authenticate header: the first
    # `NAME=` anywhere in it (a regular expression), the quoted value as written (no
    # unescaping), whatever the scheme; extract_resource_metadata_from_www_auth first
    # checks that the status is 401 or 403.
    jobs = [
        ("param:resource_metadata", "extract_resource_metadata_from_www_auth(response)"),
        ("param:scope", "extract_scope_from_www_auth(response)"),
        ("param:error", 'extract_field_from_www_auth(response, "error")'),
    ]
    for item in inputs:
        response = httpx2.Response(401, headers={"WWW-Authenticate": item["value"]})
        env = {
            "response": response,
            "extract_field_from_www_auth": extract_field_from_www_auth,
            "extract_resource_metadata_from_www_auth": extract_resource_metadata_from_www_auth,
            "extract_scope_from_www_auth": extract_scope_from_www_auth,
        }
        for op, stmt in jobs:
            ns, n = bench(plan, stmt, env)
            result = eval(stmt, env)  # noqa: S307 (one of the three fixed statements above)
            row = {"impl": impl, "op": op, "input": item["input"], "ns": round(ns, 2), "n": n}
            row.update(k=plan["rounds"], result=result)
            print(json.dumps(row))
        ns, n = bench(plan, 'response.headers.get("WWW-Authenticate")', env)
        row = {"impl": "python", "op": "header-get", "input": item["input"], "ns": round(ns, 2), "n": n}
        row.update(k=plan["rounds"], result=None)
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
