#!/usr/bin/env python3
"""No third-party type in a library crate's public API outside the feature that brings it.

Usage: .ci/external-types.py TOOLCHAIN   (the nightly cargo-check-external-types reads)

The allow-list of each library crate (every crates/* package but the CLI) is its
`[package.metadata.cargo_check_external_types] allowed_external_types`. It may name the other
signpost crates and the optional dependencies serde, http, arbitrary and nom, nothing else. Each
crate is checked with cargo check-external-types:

- with its default features: only the signpost crates may appear;
- with each feature that turns on an optional dependency, alone: the signpost crates and
  that dependency's entries of the allow-list;
- with every feature: the whole allow-list.

So a type of serde, http, arbitrary or nom can appear only behind its own feature, and a type of
any other crate nowhere. A std integration crate (`[package.metadata.signpost] integration =
true`) names its framework's types: it is checked against its own list, with every feature
and without its optional dependencies.
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import tomllib

# The crates whose paths may appear, each with the dependency (and so the feature) that
# brings it: serde's traits are defined in serde_core and re-exported by serde.
THIRD_PARTY = {"serde": "serde", "serde_core": "serde", "http": "http", "arbitrary": "arbitrary",
               "nom": "nom"}
root = pathlib.Path(__file__).resolve().parent.parent
toolchain = sys.argv[1]
failed = []


def crate_of(entry):
    return entry.split("::", 1)[0]


def check(manifest, label, args, allowed):
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as config:
        config.write("allowed_external_types = [\n")
        config.writelines(f'    "{entry}",\n' for entry in allowed)
        config.write("]\n")
    command = ["cargo", f"+{toolchain}", "check-external-types", "--manifest-path",
               str(manifest), "--config", config.name, *args]
    # One target folder per feature set: the rustdoc JSON of a crate lands in the same file
    # whatever its features, and cargo does not write it again for a feature set it finds
    # fresh, so sharing a folder between feature sets could check a stale document.
    env = dict(os.environ, CARGO_TARGET_DIR=str(root / "target" / "external-types" / label.replace(" ", "-")))
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    pathlib.Path(config.name).unlink()
    name = manifest.parent.name
    if result.returncode != 0:
        print(f"{name} ({label}): FAILED\n{result.stdout}{result.stderr}")
        failed.append(f"{name} ({label})")
    else:
        print(f"{name} ({label}): ok")


for manifest in sorted(root.glob("crates/*/Cargo.toml")):
    data = tomllib.loads(manifest.read_text())
    if data["package"]["name"] == "signpost-cli":
        continue
    metadata = data["package"].get("metadata", {})
    allowed = metadata.get("cargo_check_external_types", {}).get("allowed_external_types", [])
    if metadata.get("signpost", {}).get("integration"):
        # A std integration crate (signpost-tower): its framework's types are its API. Every
        # feature against its whole list; without default features, without the entries of
        # the optional dependencies and of their own crates (`axum_core` goes with `axum`).
        optional = {d.replace("-", "_") for d, spec in data.get("dependencies", {}).items()
                    if isinstance(spec, dict) and spec.get("optional")}
        check(manifest, "all features", ["--all-features"], allowed)
        base = [e for e in allowed if crate_of(e).split("_")[0] not in optional]
        # `--features ""`: exactly no feature (see below on the tool and feature sets).
        check(manifest, "no default features", ["--features", ""], base)
        continue
    for entry in allowed:
        if not crate_of(entry).startswith("signpost_") and crate_of(entry) not in THIRD_PARTY:
            print(f"{manifest}: {entry} is not a signpost, serde, http, arbitrary or nom path")
            failed.append(str(manifest))
    internal = [e for e in allowed if crate_of(e).startswith("signpost_")]
    # The tool resolves features with cargo metadata, which unifies them across the
    # workspace, and leaves --no-default-features out when no feature is named; so every
    # feature set is given by name (--features builds with exactly these).
    defaults = data.get("features", {}).get("default", [])
    check(manifest, "default features", ["--features", ",".join(defaults)], internal)
    optional = [d for d, spec in data.get("dependencies", {}).items()
                if isinstance(spec, dict) and spec.get("optional")]
    for dep in optional:
        features = [f for f, enables in data.get("features", {}).items() if f"dep:{dep}" in enables]
        for feature in features:
            own = [e for e in allowed if THIRD_PARTY.get(crate_of(e)) == dep]
            check(manifest, f"feature {feature}", ["--features", feature], internal + own)
    check(manifest, "all features", ["--all-features"], allowed)

if failed:
    sys.exit("external types outside their feature or allow-list: " + ", ".join(failed))
