//! The server's response: an arbitrary context and rejection in, never a panic; a response
//! that is built reads back. The input is two bytes of settings, then the values separated
//! by `\n` (an empty one is left out): realm, resource_metadata, issuer, algs, scope, the
//! flows (SP-separated, each parsed), the rejection's text (its description, scope or
//! `acr_values`), the DPoP nonce.
//!
//! - `respond` refuses a value that breaks its rule, and a refused context value is one
//!   `ServerContext::check` refuses too (the same error when it comes first);
//! - every written challenge parses strictly and passes its typed view's `check` (the
//!   writer's debug assertion holds each value to `qdtext` without `"` or `\` as well);
//! - `realm`, `error_description`, `scope` and `resource_metadata` read back as given;
//! - `write_www_authenticate` writes the challenges of `write_to`, joined by `", "`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::Challenges;
use signpost_oauth::{
    BearerChallenge, DpopChallenge, Flow, OAuth2Challenge, Rejection, SchemeKind, Schemes,
    ServerContext, TokenProblem,
};

const PROBLEMS: [TokenProblem; 4] = [
    TokenProblem::Expired,
    TokenProblem::WrongAudience,
    TokenProblem::KeyBinding,
    TokenProblem::Invalid,
];

fuzz_target!(|data: &[u8]| {
    let Some((settings, rest)) = data.split_first_chunk::<2>() else { return };
    let Ok(rest) = std::str::from_utf8(rest) else { return };
    let mut values = rest.split('\n').map(|v| Some(v).filter(|v| !v.is_empty()));
    let mut next = || values.next().flatten();
    let (realm, metadata, issuer, algs, scope, flows, text, nonce) =
        (next(), next(), next(), next(), next(), next(), next(), next());
    let flows: Vec<Flow<'_>> = flows
        .map(|f| f.split(' ').filter_map(|f| Flow::parse(f).ok()).collect())
        .unwrap_or_default();

    let [bits, kind] = *settings;
    let mut ctx = ServerContext::new()
        .schemes([Schemes::BEARER, Schemes::DPOP, Schemes::BOTH][usize::from(bits % 3)])
        .send_oauth2_challenge(bits & 4 == 0)
        .flows(&flows);
    // Each value set once, or set to another first (the context keeps the last).
    let twice = bits & 8 != 0;
    if let Some(v) = realm {
        ctx = if twice { ctx.realm("\r").realm(v) } else { ctx.realm(v) };
    }
    if let Some(v) = metadata {
        ctx = if twice {
            ctx.resource_metadata("https://rs.example/prm").resource_metadata(v)
        } else {
            ctx.resource_metadata(v)
        };
    }
    if let Some(v) = issuer {
        ctx = ctx.issuer(v);
    }
    if let Some(v) = algs {
        ctx = ctx.dpop_algs(v);
    }
    if let Some(v) = scope {
        ctx = if twice { ctx.scope(" ").scope(v) } else { ctx.scope(v) };
    }
    let text = text.unwrap_or("x");
    let mut rejection = match kind % 8 {
        0 => Rejection::no_token(),
        1 => Rejection::invalid_request(text),
        2 => Rejection::invalid_token(PROBLEMS[usize::from(kind / 8 % 4)]),
        3 => Rejection::insufficient_scope(text),
        4 => Rejection::authentication_too_old(u64::from(kind)),
        5 => Rejection::authentication_too_weak(text),
        6 => Rejection::invalid_dpop_proof(text),
        _ => Rejection::dpop_nonce_required(nonce.unwrap_or("n")),
    };
    if kind & 64 != 0 {
        rejection = rejection.with_description(text);
    }
    if kind & 128 != 0 {
        rejection = rejection.with_scope(text).with_max_age(u64::MAX);
    }

    let response = match ctx.respond(&rejection) {
        Ok(response) => response,
        Err(e) => {
            // The context's values come first (realm, flows) or last (algs, issuer,
            // resource_metadata) in the order values are checked: the first refused one is
            // the error `check` reports, and a refusal of one of them is one `check` makes.
            let c = ctx.check();
            if let Err(c) = c {
                if ["realm", "flows"].contains(&c.field()) {
                    assert_eq!(e, c);
                }
            }
            if ["realm", "flows", "algs", "issuer", "resource_metadata"].contains(&e.field()) {
                assert!(c.is_err(), "{e}");
            }
            return;
        }
    };
    let mut joined = String::new();
    let mut lines = Vec::new();
    for c in response.challenges() {
        let mut line = String::new();
        c.write_to(&mut line).unwrap();
        let parsed = Challenges::new(line.as_bytes()).next().unwrap().unwrap();
        match c.scheme() {
            SchemeKind::Bearer => BearerChallenge::new(parsed).unwrap().check().unwrap(),
            SchemeKind::Dpop => DpopChallenge::new(parsed).unwrap().check().unwrap(),
            _ => OAuth2Challenge::new(parsed).unwrap().check().unwrap(),
        }
        if let Some(r) = realm {
            assert!(parsed.param("realm").unwrap().eq_bytes(r.as_bytes()));
        }
        if let Some(m) = metadata {
            assert_eq!(parsed.param("resource_metadata").unwrap().as_bytes(), Some(m.as_bytes()));
        }
        if c.scheme() != SchemeKind::OAuth2 {
            if let Some(d) = rejection.description() {
                let read = parsed.param("error_description").unwrap();
                assert_eq!(read.as_bytes(), Some(d.as_bytes()));
            }
        }
        if !joined.is_empty() {
            joined.push_str(", ");
        }
        joined.push_str(&line);
        lines.push(line);
    }
    assert!(!lines.is_empty());
    let mut all = String::new();
    response.write_www_authenticate(&mut all).unwrap();
    assert_eq!(all, joined);
    assert_eq!(Challenges::new(all.as_bytes()).count(), lines.len());
});
