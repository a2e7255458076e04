//! `signpost explain`: what the challenges of a rejected request say, and what the client
//! should do next.

use std::ffi::OsString;
use std::fmt::Write as _;

use serde_json::{json, Map, Value as Json};
use signpost_challenge::{Challenge, Challenges, Leniency};
use signpost_error::{ErrorCode, UsageLocation};
use signpost_oauth::{
    Action, AuthServer, ClientState, Decision, Issuer, NextStep, ResourceId, ScopeUnion,
};
use signpost_scope::Scope;

use crate::args::utf8;
use crate::challenge::{challenge_json, joined};
use crate::input::{self, Field};
use crate::out::{self, print_json, quoted, shown, text, Failure, Style};

/// `signpost explain`
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each VALUE is one WWW-Authenticate field line; none at all (and no standard input) stands for \
a response without the header. From standard input, a response head gives the status and the \
DPoP-Nonce too; --status and --dpop-nonce win over it.

With --json: {\"challenges\":[...],\"next_step\":{\"action\":ACTION,...}} (docs/cli.md).")]
pub struct ExplainArgs {
    /// The response status (default: the status line read, else 401).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub status: Option<OsString>,
    /// The rejected request carried an access token.
    #[arg(long)]
    pub token: bool,
    /// The client holds a refresh token.
    #[arg(long)]
    pub refresh_token: bool,
    /// The scope the client was granted or asked for (RFC 6749 §3.3).
    #[arg(long, value_name = "S")]
    pub scope: Option<OsString>,
    /// The client uses DPoP (it then follows the DPoP challenge).
    #[arg(long)]
    pub dpop: bool,
    /// The DPoP-Nonce header of the response.
    #[arg(long, value_name = "N")]
    pub dpop_nonce: Option<OsString>,
    /// The authorization server the client already knows (a challenge's issuer is ignored).
    #[arg(long, value_name = "URL")]
    pub issuer: Option<OsString>,
    /// The client holds other access tokens it could present.
    #[arg(long)]
    pub other_tokens: bool,
    /// How many times the request was retried already (the client gives up at 3).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub attempts: Option<OsString>,
    /// The step taken before this response.
    #[arg(long, value_enum, value_name = "ACTION")]
    pub previous: Option<Previous>,
    /// The URL that was requested: gives the concrete metadata URLs (RFC 9728 §3.1) and the
    /// resource the metadata must name.
    #[arg(long, value_name = "URL")]
    pub url: Option<OsString>,
    /// Follow a resource_metadata or issuer URL on a loopback host, over http too (a server
    /// on this machine, for local testing; as `check --allow-local`).
    #[arg(long)]
    pub allow_local: bool,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// WWW-Authenticate field lines, one per VALUE ('-': standard input).
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,
}

/// `--previous`: the actions of the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Previous {
    /// Retried with another token.
    RetryWithToken,
    /// Refreshed the token.
    Refresh,
    /// Ran an authorization.
    Authorize,
    /// Ran a step-up authorization.
    StepUp,
    /// Retried with the DPoP nonce.
    RetryWithDpopNonce,
    /// Fixed the request.
    FixRequest,
    /// Gave up.
    GiveUp,
}

impl Previous {
    fn action(self) -> Action {
        match self {
            Previous::RetryWithToken => Action::RetryWithToken,
            Previous::Refresh => Action::Refresh,
            Previous::Authorize => Action::Authorize,
            Previous::StepUp => Action::StepUp,
            Previous::RetryWithDpopNonce => Action::RetryWithDpopNonce,
            Previous::FixRequest => Action::FixRequest,
            Previous::GiveUp => Action::GiveUp,
        }
    }
}

/// Reads `--status`: an HTTP status code.
fn status(value: Option<&OsString>, default: u16) -> Result<u16, Failure> {
    match value {
        None => Ok(default),
        Some(v) => {
            utf8(v, "--status")?.parse::<u16>().ok().filter(|s| (100..=599).contains(s)).ok_or_else(
                || Failure::input("--status must be an HTTP status code (100-599)", None),
            )
        }
    }
}

/// A Bearer challenge in the form of Docker's token service: `realm` is an absolute https
/// URL (the token endpoint) and `service` and/or `scope` name what to ask it for (the
/// Docker Registry token authentication specification). Its realm, service and scope.
pub fn docker_token_service<'c>(
    c: &Challenge<'c>,
) -> Option<(String, Option<String>, Option<String>)> {
    if !c.scheme().eq_ignore_ascii_case("Bearer") {
        return None;
    }
    let value = |name: &str| c.param(name).map(|v| text(&v.to_unescaped()));
    let realm = value("realm")?;
    let host = realm.strip_prefix("https://")?;
    if host.is_empty() || host.starts_with('/') || realm.contains(char::is_whitespace) {
        return None;
    }
    let (service, scope) = (value("service"), value("scope"));
    if service.is_none() && scope.is_none() {
        return None;
    }
    Some((realm, service, scope))
}

/// `signpost explain [options] VALUE...`
pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let input = input::gather(&args.values, Field::Challenge)?;
    let status = status(args.status.as_ref(), input.status.unwrap_or(401))?;
    let mut state = ClientState::new()
        .sent_token(args.token)
        .holds_refresh_token(args.refresh_token)
        .uses_dpop(args.dpop)
        .holds_other_tokens(args.other_tokens)
        .guard(signpost_oauth::Guard::new().allow_loopback(args.allow_local));
    let scope_bytes = args.scope.as_deref().map(crate::args::bytes);
    if let Some(v) = &scope_bytes {
        let scope = Scope::from_bytes(v).map_err(|e| {
            Failure::input(format!("--scope: {}", e.message()), Some(e.offset())).with_input(v)
        })?;
        state = state.scope(scope);
    }
    let issuer = args.issuer.as_ref().map(|v| utf8(v, "--issuer")).transpose()?;
    if let Some(issuer) = &issuer {
        Issuer::parse(issuer).map_err(|e| {
            Failure::input(format!("--issuer: {}", e.message()), Some(e.offset()))
                .with_input(issuer.as_bytes())
        })?;
        state = state.issuer(issuer);
    }
    if let Some(v) = &args.attempts {
        let n = utf8(v, "--attempts")?
            .parse::<u32>()
            .map_err(|_| Failure::input("--attempts must be a non-negative integer", None))?;
        state = state.attempts(n);
    }
    if let Some(previous) = args.previous {
        state = state.previous(previous.action());
    }
    let url = args.url.as_ref().map(|v| utf8(v, "--url")).transpose()?;
    let metadata_urls: Vec<String> = match &url {
        Some(url) => ResourceId::parse(url)
            .map_err(|e| {
                Failure::input(format!("--url: {}", e.message()), Some(e.offset()))
                    .with_input(url.as_bytes())
            })?
            .probe(None)
            .map(|u| u.to_string())
            .collect(),
        None => Vec::new(),
    };
    let nonce = args.dpop_nonce.as_deref().map(crate::args::bytes).or(input.dpop_nonce.clone());
    let lines = input.slices();
    let decision = state.decide(status, &lines, nonce.as_deref());
    let step = decision.step();
    // A header with no usable challenge left is invalid input.
    if let Some(e) = step.reason().and_then(|r| r.parse_error()) {
        let failure = Failure::from(e).with_input(&joined(&lines));
        return Err(
            match input::other_field_hint(&input.lines, Field::Challenge, "signpost explain") {
                Some(hint) => failure.with_hint(hint),
                None => failure,
            },
        );
    }
    let challenges: Vec<Challenge<'_>> =
        Challenges::from_lines(&lines).with_leniency(Leniency::RECOVER).flatten().collect();
    let followed = decision.challenge().map(|c| c.offset());
    let docker =
        challenges.iter().find(|c| Some(c.offset()) == followed).and_then(docker_token_service);
    let resource = Resource { url: url.as_deref(), metadata_urls: &metadata_urls };

    if json {
        let listed: Vec<Json> = challenges.iter().map(challenge_json).collect();
        let mut doc = json!({ "challenges": listed, "next_step": step_json(&step) });
        if let Some(url) = resource.url {
            if let NextStep::Authorize { server, .. } | NextStep::StepUp { server, .. } = &step {
                if matches!(server, AuthServer::ResourceMetadata(_) | AuthServer::Discover) {
                    doc["next_step"]["resource"] = json!(url);
                }
                if matches!(server, AuthServer::Discover) {
                    doc["next_step"]["metadata_urls"] = json!(metadata_urls);
                }
            }
        }
        if let Some((realm, service, scope)) = &docker {
            doc["docker_token_service"] =
                json!({ "realm": realm, "service": service, "scope": scope });
        }
        print_json(&doc);
    } else {
        print!("{}", explain_text(status, &challenges, &decision, &resource, Style::stdout()));
    }
    Ok(())
}

/// The request URL given with `--url`, and the metadata URLs it gives.
struct Resource<'a> {
    url: Option<&'a str>,
    metadata_urls: &'a [String],
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

fn where_to(server: &AuthServer<'_>, resource: &Resource<'_>) -> String {
    match (server, resource.url) {
        (AuthServer::ResourceMetadata(u), Some(url)) => format!(
            "at the authorization server listed in the protected-resource metadata at {u} (RFC 9728; its \"resource\" must be identical to {url}, the URL requested)"
        ),
        (AuthServer::Discover, Some(url)) => {
            let urls: Vec<&str> = resource.metadata_urls.iter().map(String::as_str).collect();
            format!(
                "at the authorization server listed in the protected-resource metadata: fetch {} (RFC 9728 §3.1, in the MCP order; the first found wins); its \"resource\" must be identical to {url}",
                urls.join(", then ")
            )
        }
        _ => where_to_plain(server),
    }
}

fn where_to_plain(server: &AuthServer<'_>) -> String {
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
        _ => "at the authorization server found through the resource's well-known metadata URLs (signpost well-known resource URL, or explain --url URL)".to_owned(),
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

fn explain_text(
    status: u16,
    challenges: &[Challenge<'_>],
    decision: &Decision<'_>,
    resource: &Resource<'_>,
    style: Style,
) -> String {
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
        let mark =
            if Some(c.offset()) == followed { style.pass(" (followed)") } else { String::new() };
        let _ = writeln!(out, "{}. {}{mark}", i + 1, style.bold(&shown(c.scheme())));
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
        if let Some((realm, service, scope)) = docker_token_service(c) {
            let mut ask = String::new();
            if let Some(service) = &service {
                let _ = write!(ask, " service={service}");
            }
            if let Some(scope) = &scope {
                let _ = write!(ask, " scope={scope}");
            }
            let note = format!(
                "Docker token service: this is the Docker Registry token authentication flow, not RFC 6750 / RFC 9728 discovery. Get a token from the token endpoint {realm} (GET with{ask}, with Basic credentials or anonymously) and send it as Bearer."
            );
            let _ = writeln!(out, "{}", style.warn(&wrap(&shown(&note), 92, "   ")));
        }
    }
    if let Some(e) = decision.parse_error() {
        let _ = writeln!(out, "A malformed challenge was skipped: {}.", shown(&e.to_string()));
    }
    let step = decision.step();
    let docker =
        challenges.iter().find(|c| Some(c.offset()) == followed).and_then(docker_token_service);
    let _ = writeln!(out, "{} {}", style.bold("Next step:"), style.bold(step.action().as_str()));
    let what = match &step {
        NextStep::RetryWithToken { scope: Some(scope), .. } => format!(
            "Retry the request with another access token the client holds, one that carries scope \"{}\".",
            scope.as_str()
        ),
        NextStep::RetryWithToken { .. } => {
            "Retry the request with an access token the client holds.".to_owned()
        }
        NextStep::Refresh => "Get a new access token with the refresh token (RFC 6749 §6) and retry; if the refresh fails, run a new authorization.".to_owned(),
        NextStep::Authorize { .. } if docker.is_some() => {
            let (realm, _, _) = docker.as_ref().map_or_else(Default::default, Clone::clone);
            format!(
                "Get a token from the Docker token service at {realm} with the challenge's service and scope, and retry with it as Bearer. This is not an OAuth authorization found through RFC 9728 discovery: the realm is the token endpoint itself."
            )
        }
        NextStep::Authorize { server, scope, .. } => {
            let mut s = format!("Run a new authorization {}, {}.", where_to(server, resource), scope_words(scope));
            if scope.is_wider_than_held() && scope.held().is_some() {
                s.push_str(" A refresh cannot give it: the scope is wider than the one granted (RFC 6749 §6).");
            }
            s
        }
        NextStep::StepUp { server, scope, acr_values, max_age, .. } => {
            let mut s = format!(
                "Authenticate the user again (RFC 9470) with a new authorization {}, {}",
                where_to(server, resource),
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
