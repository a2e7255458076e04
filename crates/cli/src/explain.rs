//! `signpost explain`: what the challenges of a rejected request say, and what the client
//! should do next.

use std::ffi::OsString;
use std::fmt::Write as _;

use serde_json::{json, Map, Value as Json};
use signpost_challenge::{Challenge, Challenges, Leniency};
use signpost_error::{ErrorCode, UsageLocation};
use signpost_oauth::{Action, AuthServer, ClientState, Decision, Issuer, NextStep, ScopeUnion};
use signpost_scope::Scope;

use crate::args::{Args, Spec};
use crate::challenge::challenge_json;
use crate::out::{print_json, quoted, shown, text, Failure};

const SPEC: Spec = Spec {
    flags: &["--json", "--token", "--refresh-token", "--dpop", "--other-tokens"],
    options: &["--status", "--scope", "--dpop-nonce", "--issuer", "--attempts", "--previous"],
};

fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes)
        .map_err(|e| Failure::input(format!("{what} is not UTF-8 text"), Some(e.valid_up_to())))
}

/// Reads `--status`: an HTTP status code.
pub fn status(args: &Args, default: u16) -> Result<u16, Failure> {
    match args.option("--status") {
        None => Ok(default),
        Some(v) => {
            utf8(v, "--status")?.parse::<u16>().ok().filter(|s| (100..=599).contains(s)).ok_or_else(
                || Failure::input("--status must be an HTTP status code (100-599)", None),
            )
        }
    }
}

/// `signpost explain [--status N] [--token] [--refresh-token] [--scope S] [--dpop]
/// [--dpop-nonce N] [--issuer URL] [--other-tokens] [--attempts N] [--previous ACTION]
/// [--json] VALUE...`
pub fn run(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &SPEC)?;
    let status = status(&args, 401)?;
    let mut state = ClientState::new()
        .sent_token(args.flag("--token"))
        .holds_refresh_token(args.flag("--refresh-token"))
        .uses_dpop(args.flag("--dpop"))
        .holds_other_tokens(args.flag("--other-tokens"));
    if let Some(v) = args.option("--scope") {
        let scope = Scope::from_bytes(v)
            .map_err(|e| Failure::input(format!("--scope: {}", e.message()), Some(e.offset())))?;
        state = state.scope(scope);
    }
    if let Some(v) = args.option("--issuer") {
        let issuer = utf8(v, "--issuer")?;
        Issuer::parse(issuer)
            .map_err(|e| Failure::input(format!("--issuer: {}", e.message()), Some(e.offset())))?;
        state = state.issuer(issuer);
    }
    if let Some(v) = args.option("--attempts") {
        let n = utf8(v, "--attempts")?
            .parse::<u32>()
            .map_err(|_| Failure::input("--attempts must be a non-negative integer", None))?;
        state = state.attempts(n);
    }
    if let Some(v) = args.option("--previous") {
        let name = utf8(v, "--previous")?;
        let action = Action::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Action::ALL.iter().map(Action::as_str).collect();
            Failure::usage(format!("--previous must be one of {}", names.join(", ")))
        })?;
        state = state.previous(action);
    }
    let lines: Vec<&[u8]> = args.values.iter().map(Vec::as_slice).collect();
    let decision = state.decide(status, &lines, args.option("--dpop-nonce"));
    let step = decision.step();
    // A header with no usable challenge left is invalid input.
    if let Some(e) = step.reason().and_then(|r| r.parse_error()) {
        return Err(e.into());
    }
    let challenges: Vec<Challenge<'_>> =
        Challenges::from_lines(&lines).with_leniency(Leniency::RECOVER).flatten().collect();

    if args.flag("--json") {
        let listed: Vec<Json> = challenges.iter().map(challenge_json).collect();
        print_json(&json!({ "challenges": listed, "next_step": step_json(&step) }));
    } else {
        print!("{}", explain_text(status, &challenges, &decision));
    }
    Ok(())
}

fn scope_json(union: &ScopeUnion<'_>) -> Json {
    Json::Array(union.iter().map(|t| json!(t.as_str())).collect())
}

fn server_json(out: &mut Map<String, Json>, server: &AuthServer<'_>) {
    match server {
        AuthServer::Known(u) | AuthServer::Issuer(u) => {
            out.insert("issuer".into(), json!(u));
        }
        AuthServer::ResourceMetadata(u) => {
            out.insert("metadata_url".into(), json!(u));
        }
        _ => {}
    }
}

/// The `next_step` object of the JSON contract.
pub fn step_json(step: &NextStep<'_>) -> Json {
    let mut out = Map::new();
    out.insert("action".into(), json!(step.action().as_str()));
    match step {
        NextStep::RetryWithToken { scope: Some(scope), .. } => {
            let tokens: Vec<&str> = scope.iter().map(|t| t.as_str()).collect();
            out.insert("scope".into(), json!(tokens));
        }
        NextStep::Authorize { server, scope, .. } => {
            server_json(&mut out, server);
            out.insert("scope".into(), scope_json(scope));
        }
        NextStep::StepUp { server, scope, acr_values, max_age, .. } => {
            server_json(&mut out, server);
            out.insert("scope".into(), scope_json(scope));
            if let Some(acr) = acr_values {
                out.insert("acr_values".into(), json!(acr.iter().collect::<Vec<_>>()));
            }
            if let Some(m) = max_age {
                out.insert("max_age".into(), json!(m));
            }
        }
        NextStep::RetryWithDpopNonce { nonce, .. } => {
            out.insert("nonce".into(), json!(nonce));
        }
        NextStep::FixRequest { reason, .. } | NextStep::GiveUp { reason, .. } => {
            out.insert("reason".into(), json!(reason.to_string()));
        }
        _ => {}
    }
    Json::Object(out)
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        407 => "Proxy Authentication Required",
        500 => "Internal Server Error",
        _ => "",
    }
}

fn where_to(server: &AuthServer<'_>) -> String {
    match server {
        AuthServer::Known(u) => format!(
            "at the authorization server the client already knows, {u} (an issuer in the challenge is ignored: draft-parecki-oauth-authorization-server-discovery, Security Considerations: phishing)"
        ),
        AuthServer::ResourceMetadata(u) => format!(
            "at the authorization server listed in the protected-resource metadata at {u} (RFC 9728; its \"resource\" must be the URL the client requested)"
        ),
        AuthServer::Issuer(u) => format!(
            "at the authorization server {u} named by the challenge (fetch its RFC 8414 metadata; its \"issuer\" must be identical)"
        ),
        _ => "at the authorization server found through the resource's well-known metadata URLs (signpost well-known resource URL)".to_owned(),
    }
}

fn scope_words(union: &ScopeUnion<'_>) -> String {
    if union.is_empty() {
        return "without a scope (or with the metadata's scopes_supported)".to_owned();
    }
    let mut s = format!("for scope \"{union}\"");
    if let (Some(held), Some(challenge)) = (union.held(), union.challenge()) {
        let _ = write!(
            s,
            ", the union of the scope held (\"{}\") and the challenge's (\"{}\")",
            held.as_str(),
            challenge.as_str()
        );
    }
    s
}

fn explain_text(status: u16, challenges: &[Challenge<'_>], decision: &Decision<'_>) -> String {
    let mut out = String::new();
    let n = challenges.len();
    let plural = if n == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "The server answered {status} {} with {n} challenge{plural}.",
        reason_phrase(status)
    );
    let followed = decision.challenge().map(|c| c.offset());
    for (i, c) in challenges.iter().enumerate() {
        let mark = if Some(c.offset()) == followed { " (followed)" } else { "" };
        let _ = writeln!(out, "{}. {}{mark}", i + 1, shown(c.scheme()));
        if let Some(t) = c.token68() {
            let _ = writeln!(out, "   token68 {}", shown(t));
        }
        for p in c.params() {
            let value = quoted(&text(&p.value().to_unescaped()));
            let _ = writeln!(out, "   {} = {value}", shown(p.name()));
        }
        if let Some(meaning) = c
            .param("error")
            .and_then(|v| v.as_str())
            .and_then(|code| ErrorCode::parse(code).ok())
            .and_then(|code| code.at(UsageLocation::ResourceAccess))
        {
            let _ = writeln!(out, "   error means: {}", shown(meaning.description()));
        }
    }
    if let Some(e) = decision.parse_error() {
        let _ = writeln!(out, "A malformed challenge was skipped: {}.", shown(&e.to_string()));
    }
    let step = decision.step();
    let _ = writeln!(out, "Next step: {}", step.action());
    let what = match &step {
        NextStep::RetryWithToken { scope: Some(scope), .. } => format!(
            "Retry the request with another access token the client holds, one that carries scope \"{}\".",
            scope.as_str()
        ),
        NextStep::RetryWithToken { .. } => {
            "Retry the request with an access token the client holds.".to_owned()
        }
        NextStep::Refresh => "Get a new access token with the refresh token (RFC 6749 §6) and retry; if the refresh fails, run a new authorization.".to_owned(),
        NextStep::Authorize { server, scope, .. } => {
            let mut s = format!("Run a new authorization {}, {}.", where_to(server), scope_words(scope));
            if scope.is_wider_than_held() && scope.held().is_some() {
                s.push_str(" A refresh cannot give it: the scope is wider than the one granted (RFC 6749 §6).");
            }
            s
        }
        NextStep::StepUp { server, scope, acr_values, max_age, .. } => {
            let mut s = format!(
                "Authenticate the user again (RFC 9470) with a new authorization {}, {}",
                where_to(server),
                scope_words(scope)
            );
            if let Some(acr) = acr_values {
                let _ = write!(s, ", passing acr_values=\"{acr}\" (in order of preference)");
            }
            if let Some(m) = max_age {
                let _ = write!(s, ", passing max_age={m} (seconds since the last authentication)");
            }
            s.push('.');
            s
        }
        NextStep::RetryWithDpopNonce { nonce, .. } => format!(
            "Retry with a new DPoP proof whose \"nonce\" claim is \"{nonce}\" (RFC 9449 §9)."
        ),
        NextStep::FixRequest { reason, .. } => {
            format!("Fix the request before sending it again; the server said: {reason}.")
        }
        NextStep::GiveUp { reason, .. } => format!("Stop: {reason}."),
        _ => String::new(),
    };
    // Server-given text (URLs, scope, nonce, error_description) is in `what`.
    let _ = writeln!(out, "{}", wrap(&shown(&what), 92, "  "));
    out
}

/// Wraps `text` at spaces to lines of at most `width` characters, each indented.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = write!(out, "{indent}{line}");
    out
}
