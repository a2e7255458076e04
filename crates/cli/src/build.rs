//! `signpost build`: the status line and the header lines a resource server should send for
//! a rejection.

use std::ffi::OsString;

use serde_json::json;
use signpost_oauth::{Flow, Rejection, Schemes, ServerContext, TokenProblem};

use crate::args::utf8_opt;
use crate::out::{self, print_json, shown, Failure};

/// `signpost build`
#[derive(Debug, clap::Args)]
#[command(after_help = "With --json: {\"status\":N,\"headers\":[[NAME,VALUE]...]} (docs/cli.md).")]
pub struct BuildArgs {
    /// Why the request is rejected.
    #[arg(long, value_enum)]
    pub reason: Reason,
    /// The scope the request needs (insufficient-scope), else the scope the resource needs.
    #[arg(long, value_name = "S")]
    pub scope: Option<OsString>,
    /// The URL of the protected-resource metadata (RFC 9728 §5.1).
    #[arg(long, value_name = "URL")]
    pub resource_metadata: Option<OsString>,
    /// The realm.
    #[arg(long, value_name = "R")]
    pub realm: Option<OsString>,
    /// The issuer identifier of the authorization server.
    #[arg(long, value_name = "URL")]
    pub issuer: Option<OsString>,
    /// The max_age (seconds) a step-up asks for (too-old).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_age: Option<OsString>,
    /// The acr_values a step-up asks for (too-weak).
    #[arg(long, value_name = "A")]
    pub acr_values: Option<OsString>,
    /// The DPoP nonce to require (dpop-nonce).
    #[arg(long, value_name = "N")]
    pub nonce: Option<OsString>,
    /// The challenge schemes: bearer, dpop or bearer,dpop (default bearer).
    #[arg(long, value_enum, value_delimiter = ',', ignore_case = true, value_name = "S")]
    pub schemes: Vec<SchemeName>,
    /// The DPoP algs (space-separated).
    #[arg(long, value_name = "A")]
    pub algs: Option<OsString>,
    /// The flows a client may run (comma- or space-separated): adds the OAuth2 challenge.
    #[arg(long, value_name = "F,...")]
    pub flows: Option<OsString>,
    /// Replaces the error_description.
    #[arg(long, value_name = "D")]
    pub description: Option<OsString>,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// `--reason`: why the request is rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Reason {
    /// The request carried no token (a bare challenge).
    NoToken,
    /// invalid_request (400).
    InvalidRequest,
    /// invalid_token: the token is invalid.
    InvalidToken,
    /// invalid_token: expired.
    Expired,
    /// invalid_token: not yet valid.
    NotYetValid,
    /// invalid_token: revoked.
    Revoked,
    /// invalid_token: for another audience.
    WrongAudience,
    /// invalid_token: from another issuer.
    WrongIssuer,
    /// invalid_token: bad signature.
    BadSignature,
    /// invalid_token: the key binding does not match.
    KeyBinding,
    /// invalid_token: malformed.
    MalformedToken,
    /// insufficient_scope (403; needs --scope).
    InsufficientScope,
    /// insufficient_user_authentication: too old (needs --max-age).
    TooOld,
    /// insufficient_user_authentication: too weak (needs --acr-values).
    TooWeak,
    /// invalid_dpop_proof.
    DpopProof,
    /// use_dpop_nonce (needs --nonce).
    DpopNonce,
}

/// A name of `--schemes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemeName {
    /// The Bearer challenge (RFC 6750).
    Bearer,
    /// The DPoP challenge (RFC 9449).
    Dpop,
}

fn required<'a>(value: Option<&'a str>, option: &str, reason: &str) -> Result<&'a str, Failure> {
    value.ok_or_else(|| Failure::usage(format!("--reason {reason} needs {option}")))
}

fn max_age(value: Option<&str>) -> Result<Option<u64>, Failure> {
    value
        .map(|v| {
            v.parse::<u64>()
                .map_err(|_| Failure::input("--max-age must be a non-negative integer", None))
        })
        .transpose()
}

/// `signpost build --reason R [options] [--json]`
pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let reason = args.reason;
    let reason_name = clap::ValueEnum::to_possible_value(&reason)
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    let description = utf8_opt(args.description.as_ref(), "--description")?;
    let description = description.as_deref();
    let scope = utf8_opt(args.scope.as_ref(), "--scope")?;
    let max_age_text = utf8_opt(args.max_age.as_ref(), "--max-age")?;
    let acr_values = utf8_opt(args.acr_values.as_ref(), "--acr-values")?;
    let nonce = utf8_opt(args.nonce.as_ref(), "--nonce")?;
    let problem = |p| Rejection::invalid_token(p);
    let mut rejection = match reason {
        Reason::NoToken => Rejection::no_token(),
        Reason::InvalidRequest => {
            Rejection::invalid_request(description.unwrap_or("The request is malformed"))
        }
        Reason::InvalidToken => problem(TokenProblem::Invalid),
        Reason::Expired => problem(TokenProblem::Expired),
        Reason::NotYetValid => problem(TokenProblem::NotYetValid),
        Reason::Revoked => problem(TokenProblem::Revoked),
        Reason::WrongAudience => problem(TokenProblem::WrongAudience),
        Reason::WrongIssuer => problem(TokenProblem::WrongIssuer),
        Reason::BadSignature => problem(TokenProblem::BadSignature),
        Reason::KeyBinding => problem(TokenProblem::KeyBinding),
        Reason::MalformedToken => problem(TokenProblem::Malformed),
        Reason::InsufficientScope => {
            Rejection::insufficient_scope(required(scope.as_deref(), "--scope", &reason_name)?)
        }
        Reason::TooOld => match max_age(max_age_text.as_deref())? {
            Some(m) => Rejection::authentication_too_old(m),
            None => return Err(Failure::usage("--reason too-old needs --max-age")),
        },
        Reason::TooWeak => Rejection::authentication_too_weak(required(
            acr_values.as_deref(),
            "--acr-values",
            &reason_name,
        )?),
        Reason::DpopProof => {
            Rejection::invalid_dpop_proof(description.unwrap_or("The DPoP proof is invalid"))
        }
        Reason::DpopNonce => {
            Rejection::dpop_nonce_required(required(nonce.as_deref(), "--nonce", &reason_name)?)
        }
    };
    if let Some(d) = description {
        rejection = rejection.with_description(d);
    }
    if matches!(reason, Reason::TooOld | Reason::TooWeak) {
        if let Some(m) = max_age(max_age_text.as_deref())? {
            rejection = rejection.with_max_age(m);
        }
        if let Some(a) = acr_values.as_deref() {
            rejection = rejection.with_acr_values(a);
        }
    }

    let realm = utf8_opt(args.realm.as_ref(), "--realm")?;
    let resource_metadata = utf8_opt(args.resource_metadata.as_ref(), "--resource-metadata")?;
    let issuer = utf8_opt(args.issuer.as_ref(), "--issuer")?;
    let algs = utf8_opt(args.algs.as_ref(), "--algs")?;
    let flow_list = utf8_opt(args.flows.as_ref(), "--flows")?;
    let mut ctx = ServerContext::new();
    if let Some(s) = scope.as_deref().filter(|_| reason != Reason::InsufficientScope) {
        ctx = ctx.scope(s);
    }
    if let Some(r) = realm.as_deref() {
        ctx = ctx.realm(r);
    }
    if let Some(u) = resource_metadata.as_deref() {
        ctx = ctx.resource_metadata(u);
    }
    if let Some(i) = issuer.as_deref() {
        ctx = ctx.issuer(i);
    }
    if let Some(a) = algs.as_deref() {
        ctx = ctx.dpop_algs(a);
    }
    if !args.schemes.is_empty() {
        let bearer = args.schemes.contains(&SchemeName::Bearer);
        let dpop = args.schemes.contains(&SchemeName::Dpop);
        ctx = ctx.schemes(match (bearer, dpop) {
            (true, true) => Schemes::BOTH,
            (false, true) => Schemes::DPOP,
            _ => Schemes::BEARER,
        });
    }
    let mut flows = Vec::new();
    if let Some(list) = flow_list.as_deref() {
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
    if json {
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
