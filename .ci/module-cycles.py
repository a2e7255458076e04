#!/usr/bin/env python3
"""Fails if a module of a crate imports, directly or through others, a module that imports it.

Each crate's modules are its top-level source files (`src/NAME.rs`). A module depends on
another when its code (comments aside) names `crate::other::...`, or names an item that the
crate root re-exports from `other` (`crate::Item`, `crate::{Item, ...}`). The check reads the
sources only, so it runs without a build:

    .ci/module-cycles.py            checks every crate under crates/
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def code_of(text):
    """The text without `//` comments (doc comments name paths that are not imports)."""
    return "\n".join(re.sub(r"//.*", "", line) for line in text.splitlines())


def groups_after(text, prefix):
    """Every `prefix IDENT` or `prefix {...}` in `text`, as lists of first path segments."""
    found = []
    for m in re.finditer(re.escape(prefix) + r"\s*(\{|" + IDENT + ")", text):
        if m.group(1) != "{":
            found.append([m.group(1)])
            continue
        depth, i, items, start = 1, m.end(), [], m.end()
        while i < len(text) and depth:
            c = text[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            if depth == 1 and c == "," or depth == 0:
                items.append(text[start:i])
                start = i + 1
            i += 1
        firsts = []
        for item in items:
            seg = re.match(r"\s*(" + IDENT + ")", item)
            if seg:
                firsts.append(seg.group(1))
        found.append(firsts)
    return found


def reexports(root_code, modules):
    """Item name -> module, from the root's `pub use module::...;` items."""
    owner = {}
    for m in re.finditer(r"pub\s+use\s+(" + IDENT + r")\s*::\s*(\{[^}]*\}|" + IDENT + ")", root_code):
        module, rest = m.group(1), m.group(2)
        if module not in modules:
            continue
        for name in re.findall(IDENT, rest):
            owner.setdefault(name, module)
    return owner


def cycles_in(src):
    root = src / "lib.rs"
    if not root.exists():
        root = src / "main.rs"
    modules = {p.stem: p for p in src.glob("*.rs") if p != root}
    owner = reexports(code_of(root.read_text()), modules)
    graph = {}
    for name, path in modules.items():
        deps = set()
        for firsts in groups_after(code_of(path.read_text()), "crate::"):
            for first in firsts:
                dep = first if first in modules else owner.get(first)
                if dep and dep != name:
                    deps.add(dep)
        graph[name] = deps
    # Depth-first search with an explicit stack; a grey node met again closes a cycle.
    found, colour = [], {m: 0 for m in graph}
    for start in sorted(graph):
        if colour[start]:
            continue
        path, stack = [], [(start, iter(sorted(graph[start])))]
        colour[start] = 1
        path.append(start)
        while stack:
            node, deps = stack[-1]
            dep = next(deps, None)
            if dep is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif colour[dep] == 1:
                found.append(path[path.index(dep):] + [dep])
            elif colour[dep] == 0:
                colour[dep] = 1
                path.append(dep)
                stack.append((dep, iter(sorted(graph[dep]))))
    return graph, found


def main():
    failed = False
    for manifest in sorted(ROOT.glob("crates/*/Cargo.toml")):
        crate = manifest.parent.name
        _, found = cycles_in(manifest.parent / "src")
        for cycle in found:
            failed = True
            print(f"crates/{crate}: import loop: {' -> '.join(cycle)}")
    if failed:
        sys.exit(1)
    print("no import loops between the modules of a crate")


if __name__ == "__main__":
    main()
