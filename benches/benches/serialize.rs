//! `serialize/<input>/signpost`: write a header value (or a JSON error body) into a buffer
//! allocated once, through signpost's validating writers, as a resource server does on every
//! rejected request.
//!
//! - Challenges: each `challenge` input of the parse bench is parsed once, outside the timed
//!   loop, into scheme, token68 and params with their unescaped values; the timed loop writes
//!   them back with `ChallengeWriter` (`param_quoted` for values that were quoted, `param`
//!   otherwise), which checks every scheme, name and value before it writes and escapes
//!   `"` and `\`. Before timing, the output is checked to parse back to the same challenges
//!   (it equals the input except for the `docker` input, whose commas have no space after).
//! - `link-*`: `LinkWriter` builds the GitHub pagination and draft-sakimura `Link` values from
//!   targets and relation types (every target checked against RFC 3986's characters).
//! - `scope-20`: a parsed `ScopeSet` of twenty tokens written as its canonical string (the
//!   set as parsed, in input order, so the writer sorts it on the way out);
//!   `scope-20-sorted`: the same set after `sort()`, as a server keeps its required scope.
//! - `error-json`: an RFC 6749 §5.2 error body with a description and a URI
//!   (`ErrorResponse::write_json`, which checks both values first).
//!
//! The buffer is a `String` with 4 KiB of capacity, cleared before each write, so no write
//! allocates. Throughput is the length of the output.
//!
//! Run: `cargo bench -p signpost-benches --bench serialize -- --warm-up-time 1
//! --measurement-time 3`, then `python3 benches/report.py serialize signpost` (which adds
//! the output length and the throughput in GB/s).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_benches::challenge_inputs;
use signpost_challenge::{ChallengeWriter, Challenges};
use signpost_error::{ErrorCode, ErrorResponse};
use signpost_link::{LinkWriter, Rel};
use signpost_scope::ScopeSet;

/// One challenge, as a server holds it before writing it.
#[derive(Debug, PartialEq)]
struct Model {
    scheme: String,
    token68: Option<String>,
    /// Name, unescaped value, whether it was quoted.
    params: Vec<(String, String, bool)>,
}

fn models(input: &str) -> Vec<Model> {
    Challenges::new(input.as_bytes())
        .map(|c| {
            let c = c.expect("bench inputs are valid");
            Model {
                scheme: c.scheme().to_owned(),
                token68: c.token68().map(str::to_owned),
                params: c
                    .params()
                    .map(|p| {
                        let v = p.value();
                        (
                            p.name().to_owned(),
                            String::from_utf8(v.to_unescaped().into_owned()).expect("UTF-8 inputs"),
                            v.is_quoted(),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

fn write_challenges(out: &mut String, models: &[Model]) -> usize {
    out.clear();
    let mut w = ChallengeWriter::new(out);
    for m in models {
        w.challenge(&m.scheme).expect("valid scheme");
        if let Some(t) = &m.token68 {
            w.token68(t).expect("valid token68");
        }
        for (name, value, quoted) in &m.params {
            if *quoted {
                w.param_quoted(name, value).expect("valid param");
            } else {
                w.param(name, value).expect("valid param");
            }
        }
    }
    out.len()
}

const GITHUB: &[(&str, &str)] = &[
    ("https://api.github.com/repositories/1300192/issues?page=2", "prev"),
    ("https://api.github.com/repositories/1300192/issues?page=4", "next"),
    ("https://api.github.com/repositories/1300192/issues?page=515", "last"),
    ("https://api.github.com/repositories/1300192/issues?page=1", "first"),
];

const SAKIMURA: &[(&str, &str)] =
    &[("https://example.com/userinfo", "ruri"), ("https://example.com/disco", "duri")];

fn write_links(out: &mut String, links: &[(&str, &str)]) -> usize {
    out.clear();
    let mut w = LinkWriter::new(out);
    for (target, rel) in links {
        w.link(target).expect("valid target").rel(&[Rel::new(rel)]).expect("valid rel");
    }
    out.len()
}

const SCOPE_20: &str = "repo repo:status repo_deployment public_repo repo:invite security_events admin:repo_hook write:repo_hook read:repo_hook admin:org write:org read:org admin:public_key write:public_key read:public_key admin:org_hook gist notifications user delete_repo";

fn serialize(c: &mut Criterion) {
    let mut group = c.benchmark_group("serialize");
    let mut out = String::with_capacity(4096);
    let mut bench = |group: &mut criterion::BenchmarkGroup<'_, _>,
                     name: &str,
                     check: &dyn Fn(&str),
                     f: &mut dyn FnMut(&mut String) -> usize| {
        let len = f(&mut out);
        check(&out);
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(BenchmarkId::new(name, "signpost"), |b| {
            b.iter(|| f(black_box(&mut out)))
        });
    };

    for (name, value) in challenge_inputs() {
        let models = models(&value);
        let check = |out: &str| assert_eq!(self::models(out), models, "{name}: not the same");
        bench(&mut group, name, &check, &mut |out| write_challenges(out, black_box(&models)));
    }

    let github = r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#;
    bench(&mut group, "link-github-pagination", &|out| assert_eq!(out, github), &mut |out| {
        write_links(out, black_box(GITHUB))
    });
    let sakimura =
        r#"<https://example.com/userinfo>; rel="ruri", <https://example.com/disco>; rel="duri""#;
    bench(&mut group, "link-sakimura", &|out| assert_eq!(out, sakimura), &mut |out| {
        write_links(out, black_box(SAKIMURA))
    });

    let scope = ScopeSet::<32>::parse(SCOPE_20).expect("valid scope");
    // The canonical order is the set's own, not the input's: check the same tokens came out.
    let same_set = |out: &str| {
        assert_eq!(out.len(), SCOPE_20.len());
        assert!(ScopeSet::<32>::parse(out).expect("canonical output parses") == scope);
    };
    bench(&mut group, "scope-20", &same_set, &mut |out| {
        out.clear();
        black_box(&scope).write_to(out).expect("a String does not fail");
        out.len()
    });
    // A set a server keeps (its required scope) is sorted once and then written as it is.
    let mut sorted = scope.clone();
    sorted.sort();
    bench(&mut group, "scope-20-sorted", &same_set, &mut |out| {
        out.clear();
        black_box(&sorted).write_to(out).expect("a String does not fail");
        out.len()
    });

    let error = ErrorResponse::new(ErrorCode::INSUFFICIENT_SCOPE)
        .with_description(
            "The request requires higher privileges than provided by the access token",
        )
        .with_uri("https://docs.example.com/errors/insufficient_scope");
    let body = r#"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token","error_uri":"https://docs.example.com/errors/insufficient_scope"}"#;
    bench(&mut group, "error-json", &|out| assert_eq!(out, body), &mut |out| {
        out.clear();
        black_box(&error).write_json(out).expect("valid response");
        out.len()
    });
    group.finish();
}

criterion_group!(benches, serialize);
criterion_main!(benches);
