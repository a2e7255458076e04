//! `decide`: the client's next step from real rejections, and the server's response to a
//! rejection.
//!
//! Ids are `decide/<input>/<impl>` and `respond/<reason>/<impl>`:
//! - `decide/<input>/signpost`: `ClientState::decide` (parse every line, pick the challenge,
//!   validate its fields, compute the step; for an authorize step, write the scope union);
//!   `decide/<input>/parse-visit`: the same lines through `Challenges` alone, each
//!   challenge's scheme, params and values visited, the floor any decision pays. Their ratio
//!   is the cost of deciding on top of parsing. `DECIDE_INTERLEAVED=1` times the two in
//!   turns instead and prints their ratios (see `interleaved`).
//! - `respond/<reason>/signpost`: `ServerContext::respond` and the challenges written into a
//!   fixed `heapless::String`; `respond/<reason>/format`: the same header text built with
//!   `format!` into a `String` with no validation, as hand-written servers do.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_benches::{
    respond_format, round_ns, visit_lines, DECIDE_INPUTS as INPUTS, RESOURCE_METADATA as PRM,
};
use signpost_oauth::{
    ClientState, Flow, NextStep, Rejection, Schemes, ServerContext, TokenProblem,
};
use signpost_scope::Scope;

/// The client of the bench: a DPoP client holding `files:read` and a refresh token.
fn client() -> ClientState<'static> {
    let held = Scope::parse("files:read").unwrap();
    ClientState::new().sent_token(true).scope(held).holds_refresh_token(true).uses_dpop(true)
}

/// `decide/<input>/signpost`: the decision, and the scope union of an authorize step
/// written out.
fn decide_job(state: &ClientState<'_>, lines: &[&[u8]], out: &mut heapless::String<128>) -> usize {
    let decision = state.decide(black_box(401), black_box(lines), Some(b"n1"));
    if let NextStep::Authorize { scope, .. } = decision.step() {
        out.clear();
        scope.write_to(out).unwrap();
    }
    decision.step().action() as usize + out.len()
}

/// `DECIDE_INTERLEAVED=1`: the two jobs of each input timed in turns (`DECIDE_ROUNDS`
/// rounds, 60 by default, of 3,000 calls each), the fastest round of each kept: ratios that
/// hold on a loaded machine, where criterion's runs of the two, minutes apart, do not.
fn interleaved() {
    let state = client();
    let rounds: usize =
        std::env::var("DECIDE_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(60);
    println!("| input | parse-visit | signpost | ratio |");
    println!("|---|---:|---:|---:|");
    let mut log_ratio = 0f64;
    for (input, lines) in INPUTS {
        let lines: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
        let mut out = heapless::String::<128>::new();
        let mut best = [f64::MAX; 2];
        for _ in 0..rounds {
            best[0] = best[0].min(round_ns(|| {
                black_box(visit_lines(black_box(&lines)));
            }));
            best[1] = best[1].min(round_ns(|| {
                black_box(decide_job(&state, &lines, &mut out));
            }));
        }
        let ratio = best[1] / best[0];
        log_ratio += ratio.ln();
        println!("| {input} | {:.1} ns | {:.1} ns | **{ratio:.2}x** |", best[0], best[1]);
    }
    let mean = (log_ratio / INPUTS.len() as f64).exp();
    println!("| **geometric mean** |  |  | **{mean:.2}x** |");
}

fn decide(c: &mut Criterion) {
    if std::env::var_os("DECIDE_INTERLEAVED").is_some() {
        interleaved();
        std::process::exit(0);
    }
    let state = client();
    let mut group = c.benchmark_group("decide");
    for (input, lines) in INPUTS {
        let lines: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
        group.throughput(Throughput::Bytes(lines.iter().map(|l| l.len() as u64).sum()));
        group.bench_with_input(BenchmarkId::new(*input, "signpost"), &lines, |b, lines| {
            let mut out = heapless::String::<128>::new();
            b.iter(|| decide_job(&state, lines, &mut out))
        });
        group.bench_with_input(BenchmarkId::new(*input, "parse-visit"), &lines, |b, lines| {
            b.iter(|| visit_lines(black_box(lines)))
        });
    }
    group.finish();
}

fn respond(c: &mut Criterion) {
    let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
    let ctx = ServerContext::new()
        .resource_metadata(PRM)
        .schemes(Schemes::BOTH)
        .dpop_algs("ES256 PS256")
        .flows(&flows);
    let cases = [
        ("expired", Rejection::invalid_token(TokenProblem::Expired)),
        ("insufficient-scope", Rejection::insufficient_scope("files:read files:write")),
    ];
    let mut group = c.benchmark_group("respond");
    for (reason, rejection) in cases {
        let mut expected = String::new();
        ctx.respond(&rejection).unwrap().write_www_authenticate(&mut expected).unwrap();
        group.throughput(Throughput::Bytes(expected.len() as u64));
        group.bench_function(BenchmarkId::new(reason, "signpost"), |b| {
            let mut out = heapless::String::<1024>::new();
            b.iter(|| {
                out.clear();
                let response = ctx.respond(black_box(&rejection)).unwrap();
                response.write_www_authenticate(&mut out).unwrap();
                out.len()
            })
        });
        let error = rejection.error().unwrap().as_str();
        let description = rejection.description();
        let scope =
            if reason == "insufficient-scope" { Some("files:read files:write") } else { None };
        group.bench_function(BenchmarkId::new(reason, "format"), |b| {
            b.iter(|| respond_format(black_box(error), description, scope).len())
        });
        // Both write the same text: into the fixed buffer as into a `String`, and the
        // `format!` baseline the same header.
        let mut check = heapless::String::<1024>::new();
        ctx.respond(&rejection).unwrap().write_www_authenticate(&mut check).unwrap();
        assert_eq!(check.as_str(), expected);
        assert_eq!(respond_format(error, description, scope), expected, "{reason}");
    }
    group.finish();
}

criterion_group!(benches, decide, respond);
criterion_main!(benches);
