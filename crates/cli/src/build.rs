//! `signpost build`: the status line and the header lines a resource server should send for
//! a rejection.

use std::ffi::OsString;

use serde_json::json;
use signpost_oauth::{Flow, Rejection, Schemes, ServerContext, TokenProblem};

use crate::args::{Args, Spec};
use crate::out::{print_json, shown, Failure};

const SPEC: Spec = Spec {
    flags: &["--json"],
    options: &[
        "--reason",
        "--scope",
        "--resource-metadata",
        "--realm",
        "--issuer",
        "--max-age",
        "--acr-values",
        "--nonce",
        "--schemes",
        "--algs",
        "--flows",
        "--description",
    ],
};

const REASONS: &str = "no-token, invalid-request, invalid-token, expired, not-yet-valid, revoked, \
wrong-audience, wrong-issuer, bad-signature, key-binding, malformed-token, insufficient-scope, \
too-old, too-weak, dpop-proof, dpop-nonce";

fn text<'a>(args: &'a Args, option: &str) -> Result<Option<&'a str>, Failure> {
    match args.option(option) {
        None => Ok(None),
        Some(v) => std::str::from_utf8(v).map(Some).map_err(|e| {
            Failure::input(format!("{option} is not UTF-8 text"), Some(e.valid_up_to()))
        }),
    }
}

fn required<'a>(args: &'a Args, option: &str, reason: &str) -> Result<&'a str, Failure> {
    text(args, option)?.ok_or_else(|| Failure::usage(format!("--reason {reason} needs {option}")))
}

fn max_age(args: &Args) -> Result<Option<u64>, Failure> {
    text(args, "--max-age")?
        .map(|v| {
            v.parse::<u64>()
                .map_err(|_| Failure::input("--max-age must be a non-negative integer", None))
        })
        .transpose()
}

/// `signpost build --reason R [options] [--json]`
pub fn run(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &SPEC)?;
    if !args.values.is_empty() {
        return Err(Failure::usage("build takes options only (see signpost help)"));
    }
    let reason = text(&args, "--reason")?
        .ok_or_else(|| Failure::usage(format!("build needs --reason: {REASONS}")))?;
    let description = text(&args, "--description")?;
    let scope = text(&args, "--scope")?;
    let problem = |p| Rejection::invalid_token(p);
    let mut rejection = match reason {
        "no-token" => Rejection::no_token(),
        "invalid-request" => {
            Rejection::invalid_request(description.unwrap_or("The request is malformed"))
        }
        "invalid-token" => problem(TokenProblem::Invalid),
        "expired" => problem(TokenProblem::Expired),
        "not-yet-valid" => problem(TokenProblem::NotYetValid),
        "revoked" => problem(TokenProblem::Revoked),
        "wrong-audience" => problem(TokenProblem::WrongAudience),
        "wrong-issuer" => problem(TokenProblem::WrongIssuer),
        "bad-signature" => problem(TokenProblem::BadSignature),
        "key-binding" => problem(TokenProblem::KeyBinding),
        "malformed-token" => problem(TokenProblem::Malformed),
        "insufficient-scope" => Rejection::insufficient_scope(required(&args, "--scope", reason)?),
        "too-old" => match max_age(&args)? {
            Some(m) => Rejection::authentication_too_old(m),
            None => return Err(Failure::usage("--reason too-old needs --max-age")),
        },
        "too-weak" => Rejection::authentication_too_weak(required(&args, "--acr-values", reason)?),
        "dpop-proof" => {
            Rejection::invalid_dpop_proof(description.unwrap_or("The DPoP proof is invalid"))
        }
        "dpop-nonce" => Rejection::dpop_nonce_required(required(&args, "--nonce", reason)?),
        other => {
            return Err(Failure::usage(format!("unknown reason '{other}'; one of: {REASONS}")))
        }
    };
    if let Some(d) = description {
        rejection = rejection.with_description(d);
    }
    if matches!(reason, "too-old" | "too-weak") {
        if let Some(m) = max_age(&args)? {
            rejection = rejection.with_max_age(m);
        }
        if let Some(a) = text(&args, "--acr-values")? {
            rejection = rejection.with_acr_values(a);
        }
    }

    let mut ctx = ServerContext::new();
    if let Some(s) = scope.filter(|_| reason != "insufficient-scope") {
        ctx = ctx.scope(s);
    }
    if let Some(r) = text(&args, "--realm")? {
        ctx = ctx.realm(r);
    }
    if let Some(u) = text(&args, "--resource-metadata")? {
        ctx = ctx.resource_metadata(u);
    }
    if let Some(i) = text(&args, "--issuer")? {
        ctx = ctx.issuer(i);
    }
    if let Some(a) = text(&args, "--algs")? {
        ctx = ctx.dpop_algs(a);
    }
    if let Some(s) = text(&args, "--schemes")? {
        let (mut bearer, mut dpop) = (false, false);
        for name in s.split(',').map(str::trim) {
            match name.to_ascii_lowercase().as_str() {
                "bearer" => bearer = true,
                "dpop" => dpop = true,
                _ => {
                    return Err(Failure::usage(format!(
                        "--schemes takes bearer, dpop or bearer,dpop, not '{name}'"
                    )))
                }
            }
        }
        ctx = ctx.schemes(match (bearer, dpop) {
            (true, true) => Schemes::BOTH,
            (false, true) => Schemes::DPOP,
            _ => Schemes::BEARER,
        });
    }
    let mut flows = Vec::new();
    if let Some(list) = text(&args, "--flows")? {
        for name in list.split([',', ' ']).filter(|n| !n.is_empty()) {
            flows.push(Flow::parse(name).map_err(|e| {
                Failure::input(format!("--flows: {}", e.message()), Some(e.offset()))
            })?);
        }
    }
    let ctx = ctx.flows(&flows);

    let response = ctx.respond(&rejection).map_err(|e| {
        Failure::input(format!("--{}: {}", option_of(e.field()), e.message()), Some(e.offset()))
    })?;
    let mut headers: Vec<(&str, String)> =
        response.challenges().map(|c| ("WWW-Authenticate", c.to_string())).collect();
    if let Some(nonce) = response.dpop_nonce() {
        headers.push(("DPoP-Nonce", nonce.to_owned()));
    }
    if args.flag("--json") {
        let headers: Vec<_> = headers.iter().map(|(n, v)| json!([n, v])).collect();
        print_json(&json!({ "status": response.status(), "headers": headers }));
    } else {
        println!("HTTP/1.1 {} {}", response.status(), response.reason_phrase());
        for (name, value) in headers {
            println!("{name}: {}", shown(&value));
        }
    }
    Ok(())
}

/// The option that carried a refused field.
fn option_of(field: &str) -> &'static str {
    match field {
        "scope" => "scope",
        "realm" => "realm",
        "resource_metadata" => "resource-metadata",
        "issuer" => "issuer",
        "acr_values" => "acr-values",
        "algs" => "algs",
        "error_description" => "description",
        "DPoP-Nonce" => "nonce",
        "flows" => "flows",
        _ => "reason",
    }
}
