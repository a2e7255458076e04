//! The resource server, its protected-resource metadata and a test authorization server, on
//! one loopback socket.
//!
//! | path | what |
//! |---|---|
//! | `GET /resource` | the protected resource: 200, or signpost's answer to the rejection |
//! | `GET /.well-known/oauth-protected-resource/resource` | protected-resource metadata (RFC 9728 §3.1 URL) |
//! | `GET /.well-known/oauth-authorization-server/as` | metadata of the issuer `http://127.0.0.1:PORT/as` (RFC 8414 §3.1 URL) |
//! | `POST /as/token` | the token endpoint |
//!
//! The token endpoint's `authorization_code` grant is a stand-in for a whole authorization
//! (the user's consent and the code exchange collapse into one request that names `scope`,
//! and `max_age` / `acr_values` as RFC 9470 §4 passes them). The user's session at the
//! authorization server began an hour ago: a token issued without `max_age` carries that
//! `auth_time`, one issued with `max_age` re-authenticates the user (`auth_time` now). The
//! `refresh_token` grant keeps the grant's scope and refuses a wider one (`invalid_scope`,
//! RFC 6749 §6).
//!
//! DPoP (RFC 9449) is real: a `DPoP` request header at the token endpoint must be a valid
//! proof ([`crate::dpop::verify`]: ES256, `htm` `POST`, `htu` the token endpoint, `iat`
//! within a minute, a `jti` not seen before) and binds the token to its key's JWK SHA-256
//! thumbprint (`cnf.jkt`, kept with the token). The resource, when configured for DPoP, asks
//! the same of the proof with `htm` `GET`, `htu` the resource, `ath` the hash of the token,
//! the key the token is bound to, and the server's current nonce (RFC 9449 §9): a missing or
//! stale nonce is answered with `use_dpop_nonce` and a `DPoP-Nonce` header, every other
//! failure with `invalid_dpop_proof` and the reason in `error_description`. The token
//! endpoint takes proofs without a nonce.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::json;
use signpost_oauth::{Flow, Issuer, Rejection, ResourceId, Schemes, ServerContext, TokenProblem};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use crate::dpop::{self, Expected, ReplayCache};

/// The path of the protected resource.
pub const RESOURCE_PATH: &str = "/resource";
/// The path of the test authorization server's issuer identifier.
pub const ISSUER_PATH: &str = "/as";
/// How long ago the user's session at the authorization server began, in seconds.
pub const SESSION_AGE: u64 = 3600;

/// A way for a server to lie, for the hostile scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hostile {
    /// `resource_metadata` names this URL instead of the server's own metadata; `{port}`
    /// is replaced by the server's port.
    ResourceMetadataAt(String),
    /// The protected-resource metadata names another resource.
    WrongResource,
    /// The authorization-server metadata names another issuer.
    WrongIssuer,
}

/// What the resource server asks of a request, and how it answers.
#[derive(Clone, Debug)]
pub struct Config {
    /// The scope the resource needs (space-separated).
    pub scope: String,
    /// The largest acceptable age of the user's authentication (RFC 9470), if any.
    pub max_age: Option<u64>,
    /// Whether the resource takes DPoP-bound tokens only, with a server nonce (RFC 9449 §9).
    pub dpop: bool,
    /// Whether to send the `OAuth2` challenge naming the flows (the 2011 `OAuth2` challenge proposal).
    pub oauth2_challenge: bool,
    /// Whether to send `Negotiate` and `Basic` challenges too, each on its own
    /// `WWW-Authenticate` line before signpost's lines.
    pub other_schemes: bool,
    /// Whether to point at the authorization server with `issuer` (draft-parecki-oauth-authorization-server-discovery) rather than
    /// `resource_metadata` (RFC 9728).
    pub issuer_parameter: bool,
    /// A lie to tell, if any.
    pub hostile: Option<Hostile>,
    /// Whether to print each request line as it is served (the example does).
    pub print_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scope: "files:read".to_owned(),
            max_age: None,
            dpop: false,
            oauth2_challenge: false,
            other_schemes: false,
            issuer_parameter: false,
            hostile: None,
            print_requests: false,
        }
    }
}

#[derive(Clone, Debug)]
struct Token {
    scope: String,
    auth_time: u64,
    expires_at: u64,
    jkt: Option<String>,
}

#[derive(Debug)]
struct State {
    config: Config,
    resource: String,
    issuer: String,
    /// What the server says about itself in every challenge, built once at start-up from
    /// the configuration and answering every request.
    oauth: ServerContext<'static>,
    metadata_path: String,
    issuer_metadata_path: String,
    tokens: HashMap<String, Token>,
    refresh_tokens: HashMap<String, Token>,
    nonce: String,
    nonces: u32,
    jtis: ReplayCache,
    next: u32,
    log: Vec<String>,
}

/// A running server; [`shutdown`](TestServer::shutdown) (or dropping it) stops it and every
/// connection it serves.
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Binds `127.0.0.1:0` and serves until shut down.
    pub async fn start(config: Config) -> io::Result<TestServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let base = format!("http://{addr}");
        let resource = format!("{base}{RESOURCE_PATH}");
        let issuer = format!("{base}{ISSUER_PATH}");
        let resource_id = ResourceId::parse(&resource).map_err(io::Error::other)?;
        let metadata_url = resource_id.metadata_url().to_string();
        // The routes: the paths of the metadata URLs on this host (RFC 9728 §3.1,
        // RFC 8414 §3.1), from the parsed identifiers.
        let metadata_path = resource_id.metadata_path().to_string();
        let issuer_metadata_path =
            Issuer::parse(&issuer).map_err(io::Error::other)?.metadata_path().to_string();
        let oauth = oauth_context(&config, &issuer, &metadata_url, addr.port());
        let state = Arc::new(Mutex::new(State {
            config,
            resource,
            issuer,
            oauth,
            metadata_path,
            issuer_metadata_path,
            tokens: HashMap::new(),
            refresh_tokens: HashMap::new(),
            nonce: "n-1".to_owned(),
            nonces: 1,
            jtis: ReplayCache::default(),
            next: 1,
            log: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            // Dropping the set (when this task is aborted) aborts every connection.
            let mut connections = JoinSet::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let state = Arc::clone(&shared);
                connections.spawn(async move {
                    let service = service_fn(move |req| handle(Arc::clone(&state), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
                while connections.try_join_next().is_some() {}
            }
        });
        Ok(TestServer { addr, state, task })
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of the protected resource (also its resource identifier).
    pub fn resource_url(&self) -> String {
        self.lock().resource.clone()
    }

    /// The issuer identifier of the test authorization server.
    pub fn issuer(&self) -> String {
        self.lock().issuer.clone()
    }

    /// The URL of the token endpoint.
    pub fn token_endpoint(&self) -> String {
        format!("{}/token", self.lock().issuer)
    }

    /// The server's current DPoP nonce (`n-1` at start).
    pub fn nonce(&self) -> String {
        self.lock().nonce.clone()
    }

    /// Replaces the DPoP nonce with a new one (`n-2`, `n-3`, …): proofs that carry the old
    /// one are stale from now on. Returns the new nonce.
    pub fn rotate_nonce(&self) -> String {
        let mut state = self.lock();
        state.nonces += 1;
        state.nonce = format!("n-{}", state.nonces);
        state.nonce.clone()
    }

    /// Every request served so far, as `"GET /resource -> 401"` lines.
    pub fn log(&self) -> Vec<String> {
        self.lock().log.clone()
    }

    /// Issues an access token (and a refresh token, when `refresh`) as if the client had
    /// got it earlier: `scope`, the user authenticated `auth_age` seconds ago, valid for
    /// `expires_in` seconds (negative: expired), bound to the DPoP key whose JWK SHA-256
    /// thumbprint is `jkt` (see [`crate::dpop::Key::thumbprint`]) if any.
    pub fn issue(
        &self,
        scope: &str,
        auth_age: u64,
        expires_in: i64,
        jkt: Option<&str>,
        refresh: bool,
    ) -> (String, Option<String>) {
        let now = now();
        let token = Token {
            scope: scope.to_owned(),
            auth_time: now.saturating_sub(auth_age),
            expires_at: now.saturating_add_signed(expires_in),
            jkt: jkt.map(str::to_owned),
        };
        let mut state = self.lock();
        state.issue(token, refresh)
    }

    /// Stops the server and every connection.
    pub fn shutdown(self) {
        self.task.abort();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl State {
    fn issue(&mut self, token: Token, refresh: bool) -> (String, Option<String>) {
        let n = self.next;
        self.next += 1;
        let access = format!("at-{n}");
        self.tokens.insert(access.clone(), token.clone());
        let refresh = refresh.then(|| {
            let value = format!("rt-{n}");
            self.refresh_tokens.insert(value.clone(), token);
            value
        });
        (access, refresh)
    }
}

type Reply = Response<Full<Bytes>>;

async fn handle(state: Arc<Mutex<State>>, req: Request<Incoming>) -> Result<Reply, Infallible> {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
    let path = parts.uri.path().to_owned();
    // The request's URI as the client addressed it: the scheme is http, the authority the
    // Host header's (RFC 9110 §7.2), for comparing with a proof's `htu`.
    let host = parts.headers.get(http::header::HOST).and_then(|h| h.to_str().ok());
    let url = format!("http://{}{path}", host.unwrap_or_default());
    let (reply, note) = if parts.method == Method::GET && path == RESOURCE_PATH {
        (resource(&mut state, &parts.headers, &url), String::new())
    } else if parts.method == Method::GET && path == state.metadata_path {
        (resource_metadata(&state), String::new())
    } else if parts.method == Method::GET && path == state.issuer_metadata_path {
        (issuer_metadata(&state), String::new())
    } else if parts.method == Method::POST && path == format!("{ISSUER_PATH}/token") {
        token(&mut state, &parts.headers, &url, &body)
    } else {
        (text(StatusCode::NOT_FOUND, "not found"), String::new())
    };
    let line = format!("{} {path}{note} -> {}", parts.method, reply.status().as_u16());
    if state.config.print_requests {
        println!("{line}");
    }
    state.log.push(line);
    Ok(reply)
}

fn text(status: StatusCode, body: &str) -> Reply {
    let mut reply = Response::new(Full::new(Bytes::from(body.to_owned())));
    *reply.status_mut() = status;
    reply
}

fn json(status: StatusCode, value: &serde_json::Value) -> Reply {
    let mut reply = text(status, &value.to_string());
    reply.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    reply
}

/// Checks the request's `DPoP` header (RFC 9449 §4.3) and refuses a `jti` seen before
/// (§11.1); the JWK SHA-256 thumbprint of the proof's key and its nonce. `Ok(None)` when
/// there is no `DPoP` header.
fn proof(
    state: &mut State,
    headers: &http::HeaderMap,
    method: &str,
    url: &str,
    access_token: Option<&str>,
) -> Result<Option<dpop::Verified>, String> {
    let mut values = headers.get_all("dpop").iter();
    let Some(value) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err("more than one DPoP header".to_owned());
    }
    let value = value.to_str().map_err(|_| "the DPoP header is not ASCII".to_owned())?;
    let expected = Expected { method, url, now: now(), access_token };
    let verified = dpop::verify(value, &expected)?;
    if !state.jtis.first_use(&verified.jkt, &verified.jti) {
        return Err("jti was used before (a replayed proof)".to_owned());
    }
    Ok(Some(verified))
}

/// What is wrong with the request, if anything.
fn check(state: &mut State, headers: &http::HeaderMap, url: &str) -> Result<(), RejectionKind> {
    let Some(authorization) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Err(RejectionKind::NoToken);
    };
    let (scheme, value) = authorization.split_once(' ').unwrap_or((authorization, ""));
    let dpop = state.config.dpop;
    if dpop != scheme.eq_ignore_ascii_case("dpop")
        || !(dpop || scheme.eq_ignore_ascii_case("bearer"))
    {
        return Err(RejectionKind::Token(TokenProblem::Invalid));
    }
    let value = value.trim();
    let Some(token) = state.tokens.get(value).cloned() else {
        return Err(RejectionKind::Token(TokenProblem::Invalid));
    };
    let now = now();
    if token.expires_at <= now {
        return Err(RejectionKind::Token(TokenProblem::Expired));
    }
    if dpop {
        let Some(bound) = token.jkt.as_deref() else {
            // A token issued without a proof, presented as a DPoP token.
            return Err(RejectionKind::Token(TokenProblem::KeyBinding));
        };
        let proof = match proof(state, headers, "GET", url, Some(value)) {
            Ok(Some(proof)) => proof,
            Ok(None) => return Err(RejectionKind::DpopProof("no DPoP proof".to_owned())),
            Err(reason) => return Err(RejectionKind::DpopProof(reason)),
        };
        if proof.jkt != bound {
            return Err(RejectionKind::DpopProof(
                "the proof's key is not the key the token is bound to (cnf.jkt)".to_owned(),
            ));
        }
        if proof.nonce.as_deref() != Some(&state.nonce) {
            return Err(RejectionKind::Nonce);
        }
    }
    let held: HashSet<&str> = token.scope.split(' ').collect();
    if !state.config.scope.split(' ').all(|s| held.contains(s)) {
        return Err(RejectionKind::Scope);
    }
    if let Some(max_age) = state.config.max_age {
        if now.saturating_sub(token.auth_time) > max_age {
            return Err(RejectionKind::TooOld(max_age));
        }
    }
    Ok(())
}

enum RejectionKind {
    NoToken,
    Token(TokenProblem),
    DpopProof(String),
    Nonce,
    Scope,
    TooOld(u64),
}

/// The server's challenge context, from its configuration: built once, owned, and kept in
/// the shared state (as an axum server keeps it in `State`).
fn oauth_context(
    config: &Config,
    issuer: &str,
    metadata_url: &str,
    port: u16,
) -> ServerContext<'static> {
    let hostile_metadata = match &config.hostile {
        Some(Hostile::ResourceMetadataAt(url)) => Some(url.replace("{port}", &port.to_string())),
        _ => None,
    };
    let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
    let mut ctx = ServerContext::new()
        .realm("files")
        .scope(&config.scope)
        .schemes(if config.dpop { Schemes::DPOP } else { Schemes::BEARER })
        .send_oauth2_challenge(config.oauth2_challenge)
        .flows(&flows);
    if config.dpop {
        ctx = ctx.dpop_algs("ES256");
    }
    ctx = if config.issuer_parameter {
        ctx.issuer(issuer)
    } else {
        ctx.resource_metadata(hostile_metadata.as_deref().unwrap_or(metadata_url))
    };
    ctx.into_owned()
}

fn resource(state: &mut State, headers: &http::HeaderMap, url: &str) -> Reply {
    let kind = match check(state, headers, url) {
        Ok(()) => return text(StatusCode::OK, "the protected resource\n"),
        Err(kind) => kind,
    };
    let rejection = match kind {
        RejectionKind::NoToken => Rejection::no_token(),
        RejectionKind::Token(problem) => Rejection::invalid_token(problem),
        RejectionKind::DpopProof(reason) => {
            // error_description is 1*NQSCHAR (RFC 6750 §3): the reasons are ASCII text
            // without quotes or backslashes; anything else becomes a space.
            let reason: String = reason
                .chars()
                .map(|c| {
                    if c == ' ' || (c.is_ascii_graphic() && c != '"' && c != '\\') {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            return respond(state, &Rejection::invalid_dpop_proof(&reason));
        }
        RejectionKind::Nonce => Rejection::dpop_nonce_required(&state.nonce),
        RejectionKind::Scope => Rejection::insufficient_scope(&state.config.scope),
        RejectionKind::TooOld(max_age) => Rejection::authentication_too_old(max_age),
    };
    respond(state, &rejection)
}

/// signpost's answer to a rejection at the resource.
fn respond(state: &State, rejection: &Rejection<'_>) -> Reply {
    let response = match state.oauth.respond(rejection) {
        Ok(r) => r,
        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let mut reply = text(response.status_code(), "");
    if state.config.other_schemes {
        let headers = reply.headers_mut();
        headers.append(WWW_AUTHENTICATE, HeaderValue::from_static("Negotiate"));
        headers.append(WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"files\""));
    }
    response.write_headers(reply.headers_mut());
    reply
}

fn resource_metadata(state: &State) -> Reply {
    let resource = match state.config.hostile {
        Some(Hostile::WrongResource) => format!("{}/other", state.resource),
        _ => state.resource.clone(),
    };
    let mut doc = json!({
        "resource": resource,
        "authorization_servers": [state.issuer],
        "scopes_supported": ["files:read", "files:write"],
        "bearer_methods_supported": ["header"],
    });
    if state.config.dpop {
        doc["dpop_signing_alg_values_supported"] = json!(["ES256"]);
        doc["dpop_bound_access_tokens_required"] = json!(true);
    }
    json(StatusCode::OK, &doc)
}

fn issuer_metadata(state: &State) -> Reply {
    let issuer = match state.config.hostile {
        Some(Hostile::WrongIssuer) => state.issuer.replace("/as", "/attacker"),
        _ => state.issuer.clone(),
    };
    json(
        StatusCode::OK,
        &json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{}/authorize", state.issuer),
            "token_endpoint": format!("{}/token", state.issuer),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "scopes_supported": ["files:read", "files:write"],
            "dpop_signing_alg_values_supported": ["ES256"],
            // What MCP 2025-11-25 asks of an authorization server: PKCE with S256 (clients
            // refuse one that does not list it), and a way to register a client; the
            // stand-in token endpoint takes any client, so a client ID metadata document
            // URL does as well as any.
            "code_challenge_methods_supported": ["S256"],
            "client_id_metadata_document_supported": true,
        }),
    )
}

fn token(state: &mut State, headers: &http::HeaderMap, url: &str, body: &[u8]) -> (Reply, String) {
    let form: HashMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    let grant_type = form.get("grant_type").map_or("", String::as_str);
    let scope = form.get("scope").map(String::as_str);
    let mut note = format!(" grant_type={grant_type}");
    if let Some(scope) = scope {
        note.push_str(&format!(" scope=\"{scope}\""));
    }
    if let Some(max_age) = form.get("max_age") {
        note.push_str(&format!(" max_age={max_age}"));
    }
    let error = |code: &str| json(StatusCode::BAD_REQUEST, &json!({ "error": code }));
    // RFC 9449 §5: a proof at the token endpoint binds what it issues; an invalid one is
    // invalid_dpop_proof (§5, §7.1 of RFC 6749's error response).
    let jkt = match proof(state, headers, "POST", url, None) {
        Ok(proof) => proof.map(|p| p.jkt),
        Err(reason) => {
            let body = json!({ "error": "invalid_dpop_proof", "error_description": reason });
            return (json(StatusCode::BAD_REQUEST, &body), note);
        }
    };
    let now = now();
    let granted = match grant_type {
        "authorization_code" => {
            let Some(scope) = scope else { return (error("invalid_scope"), note) };
            let auth_time = if form.contains_key("max_age") { now } else { now - SESSION_AGE };
            Token { scope: scope.to_owned(), auth_time, expires_at: now + 3600, jkt }
        }
        "refresh_token" => {
            let presented = form.get("refresh_token").map_or("", String::as_str);
            let Some(grant) = state.refresh_tokens.get(presented) else {
                return (error("invalid_grant"), note);
            };
            // RFC 6749 §6: the new scope must not include any scope not originally granted.
            let held: HashSet<&str> = grant.scope.split(' ').collect();
            if let Some(scope) = scope {
                if !scope.split(' ').all(|s| held.contains(s)) {
                    return (error("invalid_scope"), note);
                }
            }
            if grant.jkt.is_some() && grant.jkt != jkt {
                return (error("invalid_dpop_proof"), note);
            }
            Token {
                scope: scope.map_or_else(|| grant.scope.clone(), str::to_owned),
                auth_time: grant.auth_time,
                expires_at: now + 3600,
                jkt: grant.jkt.clone(),
            }
        }
        _ => return (error("unsupported_grant_type"), note),
    };
    let token_type = if granted.jkt.is_some() { "DPoP" } else { "Bearer" };
    let scope = granted.scope.clone();
    let (access, refresh) = state.issue(granted, true);
    let reply = json(
        StatusCode::OK,
        &json!({
            "access_token": access,
            "token_type": token_type,
            "expires_in": 3600,
            "scope": scope,
            "refresh_token": refresh,
        }),
    );
    (reply, note)
}
