//! `scope/<input>/<impl>`: parse and validate a scope into a set, side by side with a
//! `BTreeSet<&str>` split (no validation), oxide-auth's `Scope` (a `HashSet<String>`) and
//! oauth2-types' `Scope` (a `BTreeSet` of owned tokens); and `scope/subset-50/<impl>`, a
//! subset check between two 50-token sets.
//!
//! Run: `cargo bench -p signpost-benches --bench scope -- --warm-up-time 1 --measurement-time 3`

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_scope::{OwnedScopeSet, ScopeLike, ScopeSet};

/// Real scope values: OpenID Connect, an MCP-style resource server, GitHub's OAuth scopes.
const INPUTS: &[(&str, &str)] = &[
    ("2-tokens", "openid profile"),
    ("6-tokens", "openid profile email offline_access files:read files:write"),
    (
        "20-tokens",
        "repo repo:status repo_deployment public_repo repo:invite security_events \
         admin:repo_hook write:repo_hook read:repo_hook admin:org write:org read:org \
         admin:public_key write:public_key read:public_key admin:org_hook gist \
         notifications user read:user",
    ),
];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("scope");
    for &(name, input) in INPUTS {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(BenchmarkId::new(name, "signpost"), |b| {
            // Read the set where it was built, as the other impls read theirs.
            b.iter(|| ScopeSet::<32>::parse(black_box(input)).as_ref().map_or(0, ScopeSet::len))
        });
        group.bench_function(BenchmarkId::new(name, "btreeset-str"), |b| {
            b.iter(|| black_box(input).split(' ').collect::<BTreeSet<&str>>().len())
        });
        group.bench_function(BenchmarkId::new(name, "oxide-auth"), |b| {
            b.iter(|| {
                black_box(input)
                    .parse::<oxide_auth::primitives::scope::Scope>()
                    .unwrap()
                    .iter()
                    .count()
            })
        });
        group.bench_function(BenchmarkId::new(name, "oauth2-types"), |b| {
            b.iter(|| black_box(input).parse::<oauth2_types::scope::Scope>().unwrap().len())
        });
    }

    // Two 50-token sets with the same tokens, built from different strings: a subset check
    // walks them all (the worst case), comparing equal strings.
    let tokens: Vec<String> =
        (0..50).map(|i| format!("resource:{:02}:read", (i * 37) % 50)).collect();
    let a_text = tokens.join(" ");
    let b_text = tokens.iter().rev().cloned().collect::<Vec<_>>().join(" ");
    group.throughput(Throughput::Elements(50));
    let a = ScopeSet::<64>::parse(&a_text).unwrap();
    let b = ScopeSet::<64>::parse(&b_text).unwrap();
    // As parsed: in input order, so the check looks every token up by hash.
    assert!(a.is_subset(&b) && !a.is_sorted());
    group.bench_function(BenchmarkId::new("subset-50", "signpost"), |bench| {
        bench.iter(|| black_box(&a).is_subset(black_box(&b)))
    });
    // After `sort()`: a merge walk.
    let (mut sa_sorted, mut sb_sorted) = (a.clone(), b.clone());
    sa_sorted.sort();
    sb_sorted.sort();
    group.bench_function(BenchmarkId::new("subset-50", "signpost-sorted"), |bench| {
        bench.iter(|| black_box(&sa_sorted).is_subset(black_box(&sb_sorted)))
    });
    let (oa, ob) = (OwnedScopeSet::parse(&a_text).unwrap(), OwnedScopeSet::parse(&b_text).unwrap());
    group.bench_function(BenchmarkId::new("subset-50", "signpost-owned"), |bench| {
        bench.iter(|| black_box(&oa).is_subset(black_box(&ob)))
    });
    let (sa, sb): (BTreeSet<&str>, BTreeSet<&str>) =
        (a_text.split(' ').collect(), b_text.split(' ').collect());
    group.bench_function(BenchmarkId::new("subset-50", "btreeset-str"), |bench| {
        bench.iter(|| black_box(&sa).is_subset(black_box(&sb)))
    });
    let xa: oxide_auth::primitives::scope::Scope = a_text.parse().unwrap();
    let xb: oxide_auth::primitives::scope::Scope = b_text.parse().unwrap();
    group.bench_function(BenchmarkId::new("subset-50", "oxide-auth"), |bench| {
        bench.iter(|| black_box(&xa).allow_access(black_box(&xb)))
    });
    let ta: oauth2_types::scope::Scope = a_text.parse().unwrap();
    let tb: oauth2_types::scope::Scope = b_text.parse().unwrap();
    group.bench_function(BenchmarkId::new("subset-50", "oauth2-types"), |bench| {
        bench.iter(|| black_box(&ta).is_subset(black_box(&tb)))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
