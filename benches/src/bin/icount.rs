//! The jobs of the `challenge` and `decide` benches, repeated N times, for an instruction
//! count that the noise of a shared machine does not move: `benches/icount.sh` runs this
//! binary under callgrind with N = 0 and N = 1000 and prints the difference per job.
//!
//! ```text
//! icount challenge <input> <n>       parse and visit, as challenge/<input>/signpost
//! icount split-only <input> <n>      challenge/<input>/split-only (a byte loop, no checks)
//! icount split-index <input> <n>     challenge/<input>/split-index (a bit-mask index, no checks)
//! icount decide <input> <n>          ClientState::decide, as decide/<input>/signpost
//! icount decide-parse <input> <n>    the same lines parsed and visited, as decide/<input>/parse-visit
//! icount respond <reason> <n>        ServerContext::respond and write, as respond/<reason>/signpost
//! icount respond-format <reason> <n> the same text with format!, as respond/<reason>/format
//! icount list                        every job, one "group input" per line
//! ```

use std::hint::black_box;
use std::process::ExitCode;

use signpost_benches::{
    challenge_inputs, respond_format, split_index, split_only, visit_lines, visit_signpost,
    DECIDE_INPUTS, RESOURCE_METADATA,
};
use signpost_oauth::{
    ClientState, Flow, NextStep, Rejection, Schemes, ServerContext, TokenProblem,
};
use signpost_scope::Scope;

const REASONS: [&str; 2] = ["expired", "insufficient-scope"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if args == ["list"] {
        for (name, _) in challenge_inputs() {
            println!("challenge {name}");
            println!("split-only {name}");
            println!("split-index {name}");
        }
        for (name, _) in DECIDE_INPUTS {
            println!("decide {name}");
            println!("decide-parse {name}");
        }
        for reason in REASONS {
            println!("respond {reason}");
        }
        for reason in REASONS {
            println!("respond-format {reason}");
        }
        return ExitCode::SUCCESS;
    }
    let [group, input, n] = args[..] else {
        eprintln!(
            "usage: icount challenge|split-only|split-index|decide|decide-parse|respond|respond-format INPUT N, or icount list"
        );
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("icount: N must be a count, not {n:?}");
        return ExitCode::from(2);
    };
    let total = match group {
        "challenge" => challenge(input, n),
        "split-only" => split(input, n, split_only),
        "split-index" => split(input, n, split_index),
        "decide" => decide(input, n),
        "decide-parse" => decide_parse(input, n),
        "respond" => respond(input, n),
        "respond-format" => respond_format_job(input, n),
        _ => None,
    };
    match total {
        Some(total) => {
            println!("{total}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("icount: no job {group} {input} (icount list names them)");
            ExitCode::from(2)
        }
    }
}

fn challenge(input: &str, n: usize) -> Option<usize> {
    let (_, value) = challenge_inputs().into_iter().find(|(name, _)| *name == input)?;
    Some((0..n).map(|_| visit_signpost(black_box(value.as_bytes()))).sum())
}

/// The loop of `challenge/<input>/split-only` or `split-index`.
fn split(input: &str, n: usize, f: fn(&[u8]) -> usize) -> Option<usize> {
    let (_, value) = challenge_inputs().into_iter().find(|(name, _)| *name == input)?;
    Some((0..n).map(|_| f(black_box(value.as_bytes()))).sum())
}

/// The loop of `decide/<input>/signpost` in `benches/benches/decide.rs`.
fn decide(input: &str, n: usize) -> Option<usize> {
    let (_, lines) = DECIDE_INPUTS.iter().find(|(name, _)| *name == input)?;
    let lines: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
    let held = Scope::parse("files:read").ok()?;
    let state =
        ClientState::new().sent_token(true).scope(held).holds_refresh_token(true).uses_dpop(true);
    let mut out = heapless::String::<128>::new();
    let mut total = 0;
    for _ in 0..n {
        let decision = state.decide(black_box(401), black_box(&lines), Some(b"n1"));
        if let NextStep::Authorize { scope, .. } = decision.step() {
            out.clear();
            scope.write_to(&mut out).ok()?;
        }
        total += decision.step().action() as usize + out.len();
    }
    Some(total)
}

/// The loop of `decide/<input>/parse-visit` in `benches/benches/decide.rs`.
fn decide_parse(input: &str, n: usize) -> Option<usize> {
    let (_, lines) = DECIDE_INPUTS.iter().find(|(name, _)| *name == input)?;
    let lines: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
    Some((0..n).map(|_| visit_lines(black_box(&lines))).sum())
}

/// The loop of `respond/<reason>/signpost` in `benches/benches/decide.rs`.
fn respond(reason: &str, n: usize) -> Option<usize> {
    let rejection = match reason {
        "expired" => Rejection::invalid_token(TokenProblem::Expired),
        "insufficient-scope" => Rejection::insufficient_scope("files:read files:write"),
        _ => return None,
    };
    let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
    let ctx = ServerContext::new()
        .resource_metadata(RESOURCE_METADATA)
        .schemes(Schemes::BOTH)
        .dpop_algs("ES256 PS256")
        .flows(&flows);
    let mut out = heapless::String::<1024>::new();
    let mut total = 0;
    for _ in 0..n {
        out.clear();
        let response = ctx.respond(black_box(&rejection)).ok()?;
        response.write_www_authenticate(&mut out).ok()?;
        total += out.len();
    }
    Some(total)
}

/// The loop of `respond/<reason>/format` in `benches/benches/decide.rs`: the same header
/// text with `format!` into a new `String`, nothing checked.
fn respond_format_job(reason: &str, n: usize) -> Option<usize> {
    let rejection = match reason {
        "expired" => Rejection::invalid_token(TokenProblem::Expired),
        "insufficient-scope" => Rejection::insufficient_scope("files:read files:write"),
        _ => return None,
    };
    let error = rejection.error()?.as_str();
    let description = rejection.description();
    let scope = if reason == "insufficient-scope" { Some("files:read files:write") } else { None };
    let mut total = 0;
    for _ in 0..n {
        total += respond_format(black_box(error), description, scope).len();
    }
    Some(total)
}
