//! signpost's side of `benches/cross-runtime/run`: the jobs the MCP TypeScript SDK,
//! oauth4webapi and the MCP Python SDK do with a `WWW-Authenticate` value, done with
//! signpost's public API and timed the way the Node and Python harnesses time theirs
//! (warm-up, then the best of K rounds of N calls; N grows until a round lasts long enough).
//!
//! ```text
//! cross_runtime inputs          the inputs, one JSON object a line: {"input", "value"}
//! cross_runtime time [--quick]  one JSON object a line per job: {"impl", "op", "input",
//!                               "ns", "n", "k", "result"}
//! ```
//!
//! The jobs (`op`), each the same as a peer's function does:
//!
//! - `bearer-fields`: the `resource_metadata`, `scope` and `error` of the `Bearer` challenge,
//!   validated (the MCP TypeScript SDK's `extractWWWAuthenticateParams`);
//! - `param:resource_metadata`, `param:scope`, `param:error`: the first auth-param of that
//!   name in any challenge, unvalidated (the MCP Python SDK's `extract_*_from_www_auth`);
//! - `challenges`: every challenge, its scheme, token68, param names and values unescaped
//!   (oauth4webapi's `WWW-Authenticate` parser).

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use signpost_benches::{challenge_inputs, visit_signpost};
use signpost_oauth::{BearerChallenge, Challenges, Value};

/// How long and how often each job runs.
struct Plan {
    warm_up: Duration,
    round: Duration,
    rounds: usize,
    max_n: usize,
}

const FULL: Plan = Plan {
    warm_up: Duration::from_millis(100),
    round: Duration::from_millis(20),
    rounds: 9,
    max_n: 10_000_000,
};
const QUICK: Plan = Plan {
    warm_up: Duration::from_millis(2),
    round: Duration::from_millis(1),
    rounds: 3,
    max_n: 2_000,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[..] {
        ["inputs"] => {
            for (name, value) in challenge_inputs() {
                println!("{{\"input\":{},\"value\":{}}}", json(name), json(&value));
            }
            ExitCode::SUCCESS
        }
        ["time"] => time(&FULL),
        ["time", "--quick"] => time(&QUICK),
        _ => {
            eprintln!("usage: cross_runtime inputs | cross_runtime time [--quick]");
            ExitCode::from(2)
        }
    }
}

fn time(plan: &Plan) -> ExitCode {
    for (input, value) in challenge_inputs() {
        let v = value.as_bytes();
        let row = |op: &str, ns: f64, n: usize, result: String| {
            println!(
                "{{\"impl\":\"signpost\",\"op\":{},\"input\":{},\"ns\":{ns:.2},\"n\":{n},\"k\":{},\"result\":{result}}}",
                json(op),
                json(input),
                plan.rounds
            );
        };

        let (ns, n) = bench(plan, || {
            let f = bearer_fields(black_box(v));
            f.0.map_or(0, str::len) + f.1.map_or(0, str::len) + f.2.map_or(0, str::len)
        });
        let (rm, scope, error) = bearer_fields(v);
        row("bearer-fields", ns, n, format!("[{},{},{}]", opt(rm), opt(scope), opt(error)));

        for name in ["resource_metadata", "scope", "error"] {
            let (ns, n) =
                bench(plan, || first_param(black_box(v), name).map_or(0, |p| p.unescaped_len()));
            let result = first_param(v, name).map(|p| unescaped(&p));
            row(&format!("param:{name}"), ns, n, opt(result.as_deref()));
        }

        let (ns, n) = bench(plan, || visit_signpost(black_box(v)));
        row("challenges", ns, n, challenges(v));
    }
    ExitCode::SUCCESS
}

/// Warm-up, then N doubled until one round of N calls lasts `plan.round` (or N reaches
/// `plan.max_n`), then the best of `plan.rounds` rounds: ns per call, and N.
fn bench(plan: &Plan, mut job: impl FnMut() -> usize) -> (f64, usize) {
    let start = Instant::now();
    let mut sink = 0usize;
    while start.elapsed() < plan.warm_up {
        for _ in 0..100 {
            sink = sink.wrapping_add(job());
        }
    }
    let mut n = 1;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            sink = sink.wrapping_add(job());
        }
        if t.elapsed() >= plan.round || n >= plan.max_n {
            break;
        }
        n = (n * 2).min(plan.max_n);
    }
    let mut best = Duration::MAX;
    for _ in 0..plan.rounds {
        let t = Instant::now();
        for _ in 0..n {
            sink = sink.wrapping_add(job());
        }
        best = best.min(t.elapsed());
    }
    black_box(sink);
    (best.as_nanos() as f64 / n as f64, n)
}

/// `bearer-fields`: the checked `resource_metadata`, `scope` and `error` of the first
/// `Bearer` challenge; a field that breaks its rule is left out, as the TypeScript SDK
/// leaves out a `resource_metadata` that `new URL` refuses.
fn bearer_fields(v: &[u8]) -> (Option<&str>, Option<&str>, Option<&str>) {
    let Ok(Some(bearer)) = BearerChallenge::find(Challenges::new(v)) else {
        return (None, None, None);
    };
    (
        bearer.resource_metadata().ok().flatten(),
        bearer.scope().ok().flatten().map(|s| s.as_str()),
        bearer.error().ok().flatten().map(|e| e.as_str()),
    )
}

/// `param:NAME`: the value of the first auth-param `name` in any challenge, unchecked.
fn first_param<'a>(v: &'a [u8], name: &str) -> Option<Value<'a>> {
    for c in Challenges::new(v) {
        let Ok(c) = c else { return None };
        if let Some(p) = c.param(name) {
            return Some(p);
        }
    }
    None
}

/// `challenges` as the harnesses print it: `[[scheme, token68, [[name, value]...]]...]`,
/// scheme and names in lower case, values unescaped; `null` when the value is malformed.
fn challenges(v: &[u8]) -> String {
    let mut out = String::from("[");
    for (i, c) in Challenges::new(v).enumerate() {
        let Ok(c) = c else { return "null".into() };
        if i > 0 {
            out.push(',');
        }
        let params: Vec<String> = c
            .params()
            .map(|p| {
                format!(
                    "[{},{}]",
                    json(&p.name().to_ascii_lowercase()),
                    json(&unescaped(&p.value()))
                )
            })
            .collect();
        out.push_str(&format!(
            "[{},{},[{}]]",
            json(&c.scheme().to_ascii_lowercase()),
            opt(c.token68()),
            params.join(",")
        ));
    }
    out.push(']');
    out
}

fn unescaped(v: &Value<'_>) -> String {
    String::from_utf8_lossy(&v.to_unescaped()).into_owned()
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".into(), json)
}

/// A JSON string literal.
fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
