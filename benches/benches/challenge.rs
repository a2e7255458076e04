//! `challenge/<input>/<impl>`: parse a `WWW-Authenticate` value and visit every challenge,
//! param and value (its unescaped length), side by side with http-auth and parse-net, and
//! the one-pass table floor, and `split-only`, the per-element lower bound (no grammar
//! checks: see `signpost_benches::split_only`), and `split-index`, the same job through a
//! structural index of bit masks (`signpost_benches::split_index`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_benches::{challenge_inputs, floor_lut, split_index, split_only, visit_signpost};
use std::hint::black_box;

fn visit_http_auth(input: &str) -> usize {
    let mut acc = 0;
    for c in http_auth::parser::ChallengeParser::new(input) {
        let Ok(c) = c else { break };
        acc += c.scheme.len();
        for (n, v) in &c.params {
            acc += n.len() + v.unescaped_len();
        }
    }
    acc
}

fn visit_parse_net(input: &[u8]) -> usize {
    let mut acc = 0;
    let Ok(cs) = parse_net::auth::parse_challenges(input, &parse_net::Limits::DEFAULT) else {
        return 0;
    };
    for c in cs.iter() {
        acc += c.scheme().len();
        match c.payload() {
            parse_net::AuthPayload::Token68(t) => acc += t.len(),
            parse_net::AuthPayload::Params(p) => {
                for (n, v) in p.iter() {
                    acc += n.len() + v.len();
                }
            }
            _ => {}
        }
    }
    acc
}

fn challenge(c: &mut Criterion) {
    let mut group = c.benchmark_group("challenge");
    for (name, value) in challenge_inputs() {
        group.throughput(Throughput::Bytes(value.len() as u64));
        let bytes = value.as_bytes();
        group.bench_function(BenchmarkId::new(name, "signpost"), |b| {
            b.iter(|| visit_signpost(black_box(bytes)))
        });
        group.bench_function(BenchmarkId::new(name, "http-auth"), |b| {
            b.iter(|| visit_http_auth(black_box(&value)))
        });
        group.bench_function(BenchmarkId::new(name, "parse-net"), |b| {
            b.iter(|| visit_parse_net(black_box(bytes)))
        });
        group.bench_function(BenchmarkId::new(name, "floor-lut"), |b| {
            b.iter(|| floor_lut(black_box(bytes)))
        });
        group.bench_function(BenchmarkId::new(name, "split-only"), |b| {
            b.iter(|| split_only(black_box(bytes)))
        });
        group.bench_function(BenchmarkId::new(name, "split-index"), |b| {
            b.iter(|| split_index(black_box(bytes)))
        });
    }
    group.finish();
}

criterion_group!(benches, challenge);
criterion_main!(benches);
