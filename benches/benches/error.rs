//! `error`: looking an OAuth error code up, and reading an authorization error response.
//!
//! Ids are `error/<input>/<impl>`:
//! - `lookup-known` / `lookup-unknown`: every registered name, and a set of unregistered
//!   names of similar lengths, through `ErrorCode::parse` (which also checks the characters)
//!   and through a linear scan of the 49 names (no character check);
//! - `query-<name>`: an authorization error response query, through
//!   `AuthorizationErrorResponse::parse` (no allocation) and through `form_urlencoded::parse`
//!   with the same duplicate check, decoding each known value to a `Cow`.

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_error::{AuthorizationErrorResponse, ErrorCode};

const UNKNOWN: &[&str] = &[
    "insufficient_claims",
    "unmet_authentication_requirements",
    "expired_login_hint_token",
    "unknown_user_id",
    "missing_user_code",
    "invalid_user_code",
    "invalid_binding_message",
    "transaction_failed",
    "invalid_iss",
    "Invalid_Token",
    "invalid_tokens",
    "token_expired",
    "mfa_required",
    "internal_server_error",
    "invalid_credentials",
    "temporarily_unavailable_",
];

const QUERIES: &[(&str, &str)] = &[
    ("query-rfc9207", "error=access_denied&state=N8zQm5g7xX&iss=https%3A%2F%2Fhonest.as.example"),
    (
        "query-entra",
        "error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+%27https%3a%2f%2fapp.example.com%2fcallback%27+specified+in+the+request+does+not+match+the+redirect+URIs+configured+for+the+application.&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011&state=12345&session_state=7B29111D-C220-4263-99AB-6F6E135D75EF",
    ),
];

fn bytes(names: &[&str]) -> u64 {
    names.iter().map(|n| n.len() as u64).sum()
}

fn lookup(c: &mut Criterion) {
    let known: Vec<&str> = ErrorCode::registered_codes().iter().map(|c| c.as_str()).collect();
    let mut group = c.benchmark_group("error");
    for (input, names) in [("lookup-known", &known[..]), ("lookup-unknown", UNKNOWN)] {
        group.throughput(Throughput::Bytes(bytes(names)));
        group.bench_with_input(BenchmarkId::new(input, "signpost"), names, |b, names| {
            b.iter(|| {
                let mut registered = 0usize;
                for name in names {
                    let code = ErrorCode::parse(black_box(name)).unwrap();
                    registered += usize::from(code.is_registered());
                }
                registered
            })
        });
        group.bench_with_input(BenchmarkId::new(input, "linear-scan"), names, |b, names| {
            b.iter(|| {
                let mut registered = 0usize;
                for name in names {
                    let found = signpost_error::_benchable::lookup_linear_scan(black_box(name));
                    registered += usize::from(found.is_some());
                }
                registered
            })
        });
    }
    group.finish();
}

/// The same work with `form_urlencoded`: find the five parameters, refuse duplicates,
/// decode their values.
fn with_form_urlencoded(query: &str) -> Option<[Option<Cow<'_, str>>; 5]> {
    const NAMES: [&str; 5] = ["error", "error_description", "error_uri", "state", "iss"];
    let mut slots: [Option<Cow<'_, str>>; 5] = Default::default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            if slots[i].is_some() {
                return None;
            }
            slots[i] = Some(value);
        }
    }
    slots[0].as_ref()?;
    Some(slots)
}

fn query(c: &mut Criterion) {
    let mut group = c.benchmark_group("error");
    for &(input, q) in QUERIES {
        group.throughput(Throughput::Bytes(q.len() as u64));
        group.bench_with_input(BenchmarkId::new(input, "signpost"), q, |b, q| {
            b.iter(|| {
                let r = AuthorizationErrorResponse::parse(black_box(q)).unwrap().unwrap();
                (
                    r.code().is_some_and(|c| c.is_registered()),
                    r.state_is("12345"),
                    r.check_issuer_if_present("https://honest.as.example").is_ok(),
                )
            })
        });
        group.bench_with_input(BenchmarkId::new(input, "form_urlencoded"), q, |b, q| {
            b.iter(|| {
                let slots = with_form_urlencoded(black_box(q)).unwrap();
                let registered =
                    ErrorCode::parse(slots[0].as_deref().unwrap()).unwrap().is_registered();
                (
                    registered,
                    slots[3].as_deref() == Some("12345"),
                    slots[4].as_deref().is_none_or(|i| i == "https://honest.as.example"),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, lookup, query);
criterion_main!(benches);
