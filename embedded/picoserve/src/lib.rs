//! A protected resource on [picoserve](https://crates.io/crates/picoserve), with no heap.
//!
//! [`app`] is a picoserve router with two routes:
//!
//! - [`PROTECTED_PATH`] (`GET`, `POST`): the protected resource. A request without
//!   `Authorization` gets 401 and a `Bearer` challenge without `error` (RFC 6750 §3.1); a
//!   token the [`Verifier`] refuses gets 401 `invalid_token`; a token whose scope does not
//!   cover [`REQUIRED_SCOPE`] gets 403 `insufficient_scope` with the scope needed (RFC 6750
//!   §3.1); `Authorization` that is not one `Bearer` credentials value gets 400
//!   `invalid_request`. Every challenge carries `resource_metadata` (RFC 9728 §5.1); the
//!   401s and the 403 carry `scope`, the scope the request needs. The challenges are
//!   written by signpost-oauth's [`ServerContext::respond`] into `heapless::String`
//!   buffers; `Authorization` is read with signpost-challenge's [`bearer_token`].
//! - [`METADATA_PATH`] (`GET`): the RFC 9728 §2 metadata document, [`METADATA_DOCUMENT`], a
//!   constant built at compile time by `concat!` (signpost-oauth's document type needs
//!   `alloc`). Its path is the identifier's path with `/.well-known/oauth-protected-resource`
//!   inserted before it (RFC 9728 §3.1).
//!
//! The same router runs in the firmware (`src/bin/firmware.rs`, thumbv7em-none-eabihf, over
//! a socket the board provides) and on the host over TCP (`tests/tcp.rs`, picoserve's tokio
//! support).
#![no_std]
#![forbid(unsafe_code)]

use heapless::String;
use picoserve::io::Read;
use picoserve::request::Request;
use picoserve::response::{IntoResponse, Response, ResponseWriter, StatusCode};
use picoserve::routing::{get_service, PathRouter, RequestHandlerService};
use picoserve::{ResponseSent, Router};
use signpost_challenge::bearer_token;
use signpost_oauth::{Rejection, ServerContext, TokenProblem};
use signpost_scope::Scope;

/// Writes the pieces of the resource's identity as string literals, so that `concat!` can
/// build the metadata document and the paths from them at compile time.
macro_rules! resource {
    (origin) => {
        "https://sensor.example"
    };
    (path) => {
        "/mcp"
    };
    (issuer) => {
        "https://auth.example"
    };
    (scope) => {
        "sensor:read sensor:write"
    };
    (metadata_path) => {
        concat!("/.well-known/oauth-protected-resource", resource!(path))
    };
}

/// The resource identifier (RFC 9728 §1.2): the URL of the protected resource.
pub const RESOURCE: &str = concat!(resource!(origin), resource!(path));

/// The path of the protected resource on its host.
pub const PROTECTED_PATH: &str = resource!(path);

/// The path of the metadata document: `/.well-known/oauth-protected-resource` inserted
/// between the host and the resource's path (RFC 9728 §3.1).
pub const METADATA_PATH: &str = resource!(metadata_path);

/// The URL of the metadata document, written as `resource_metadata` on every challenge.
pub const METADATA_URL: &str = concat!(resource!(origin), resource!(metadata_path));

/// The authorization server that issues tokens for this resource.
pub const ISSUER: &str = resource!(issuer);

/// The scope a request to [`PROTECTED_PATH`] needs, all of it.
pub const REQUIRED_SCOPE: &str = resource!(scope);

/// The RFC 9728 §2 metadata document, built at compile time: `resource` is exactly
/// [`RESOURCE`] (RFC 9728 §3.3), `authorization_servers` names [`ISSUER`],
/// `scopes_supported` the scope of [`REQUIRED_SCOPE`] and `bearer_methods_supported` the
/// header only (RFC 6750 §2.1).
pub const METADATA_DOCUMENT: &str = concat!(
    r#"{"resource":""#,
    resource!(origin),
    resource!(path),
    r#"","authorization_servers":[""#,
    resource!(issuer),
    r#""],"scopes_supported":["sensor:read","sensor:write"],"bearer_methods_supported":["header"]}"#
);

/// What a verified token grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant<'t> {
    /// The granted scope (`scope-token` list, RFC 6749 §3.3).
    pub scope: &'t str,
}

/// Checks an access token: the board's part (a JWT signature check, a lookup in a table of
/// provisioned tokens, ...).
pub trait Verifier {
    /// The grant of `token`, or why it is refused (reported as `invalid_token`).
    ///
    /// # Errors
    ///
    /// The reason the token is refused.
    fn verify<'s>(&'s self, token: &str) -> Result<Grant<'s>, TokenProblem>;
}

/// A fixed table of tokens and their scopes: the verifier of the example and of its tests.
#[derive(Clone, Copy, Debug)]
pub struct TokenTable<'t>(pub &'t [(&'t str, &'t str)]);

impl Verifier for TokenTable<'_> {
    fn verify<'s>(&'s self, token: &str) -> Result<Grant<'s>, TokenProblem> {
        self.0
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, scope)| Grant { scope })
            .ok_or(TokenProblem::Invalid)
    }
}

/// The tokens [`demo_verifier`] knows: one with the whole scope, one with `sensor:read` only.
pub const DEMO_TOKENS: &[(&str, &str)] =
    &[("full-token", "sensor:read sensor:write"), ("read-token", "sensor:read")];

/// The verifier of the example: [`DEMO_TOKENS`].
pub const fn demo_verifier() -> TokenTable<'static> {
    TokenTable(DEMO_TOKENS)
}

/// The server side's fixed settings: every challenge names the metadata URL, and the scope
/// the resource needs when no token (or an invalid one) came.
fn context() -> ServerContext<'static> {
    ServerContext::new().resource_metadata(METADATA_URL).scope(REQUIRED_SCOPE)
}

/// Capacity of one `WWW-Authenticate` line.
pub const LINE_CAPACITY: usize = 512;

/// The outcome of the authorization check: let the request through, or reject it.
// A stack value for one request: there is no heap to box the rejection into.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome<'s> {
    /// The token covers [`REQUIRED_SCOPE`].
    Allowed(Grant<'s>),
    /// The response to send instead.
    Rejected(Rejection<'static>),
}

/// The `error_description` of the 400: `Authorization` is not one `Bearer` credentials
/// value, or comes twice.
pub const NOT_ONE_BEARER: &str = "Authorization must hold one Bearer credentials value";

/// Decides on a request from its `Authorization` value (`None`: no such header).
pub fn authorize<'s, V: Verifier>(verifier: &'s V, authorization: Option<&[u8]>) -> Outcome<'s> {
    let Some(value) = authorization else {
        return Outcome::Rejected(Rejection::no_token());
    };
    let Ok(token) = bearer_token(value) else {
        return Outcome::Rejected(Rejection::invalid_request(NOT_ONE_BEARER));
    };
    let grant = match verifier.verify(token) {
        Ok(grant) => grant,
        Err(problem) => return Outcome::Rejected(Rejection::invalid_token(problem)),
    };
    // A granted scope that does not parse grants nothing.
    let covers = Scope::parse(grant.scope)
        .map(|granted| {
            Scope::parse(REQUIRED_SCOPE)
                .is_ok_and(|r| r.iter().all(|t| granted.contains(t.as_str())))
        })
        .unwrap_or(false);
    if covers {
        Outcome::Allowed(grant)
    } else {
        Outcome::Rejected(Rejection::insufficient_scope(REQUIRED_SCOPE))
    }
}

/// One response header: its name and its value, written into a fixed buffer.
pub type HeaderLine = (&'static str, String<LINE_CAPACITY>);

/// The `WWW-Authenticate` lines of a rejection (one per challenge, at most three), each
/// written into a fixed buffer, and its status; `None` when a line does not fit (the
/// caller answers 500).
pub fn challenge_lines(rejection: &Rejection<'static>) -> Option<(u16, [Option<HeaderLine>; 3])> {
    let ctx = context();
    let response = ctx.respond(rejection).ok()?;
    let mut lines: [Option<HeaderLine>; 3] = [None, None, None];
    for (slot, challenge) in lines.iter_mut().zip(response.challenges()) {
        let mut line = String::new();
        challenge.write_to(&mut line).ok()?;
        *slot = Some(("WWW-Authenticate", line));
    }
    Some((response.status(), lines))
}

/// The protected resource: checks `Authorization`, then answers 200 with a small JSON body,
/// or with signpost's challenge.
#[derive(Clone, Copy, Debug)]
pub struct Protected<V>(pub V);

impl<V: Verifier, State, PathParameters> RequestHandlerService<State, PathParameters>
    for Protected<V>
{
    async fn call_request_handler_service<R: Read, W: ResponseWriter<Error = R::Error>>(
        &self,
        _state: &State,
        _path_parameters: PathParameters,
        request: Request<'_, R>,
        response_writer: W,
    ) -> Result<ResponseSent, W::Error> {
        let mut fields =
            request.parts.headers().into_iter().filter(|(name, _)| *name == "Authorization");
        let authorization = fields.next().map(|(_, value)| value.as_raw());
        // `Authorization` is not a list (RFC 9110 §11.6.2), so it comes once (§5.3); a second
        // field is a repeated parameter (RFC 6750 §3.1, `invalid_request`).
        let outcome = if fields.next().is_some() {
            Outcome::Rejected(Rejection::invalid_request(NOT_ONE_BEARER))
        } else {
            authorize(&self.0, authorization)
        };
        let connection = request.body_connection.finalize().await?;
        match outcome {
            Outcome::Allowed(_) => {
                Response::ok(r#"{"status":"ok"}"#)
                    .with_content_type("application/json")
                    .write_to(connection, response_writer)
                    .await
            }
            Outcome::Rejected(rejection) => match challenge_lines(&rejection) {
                Some((status, lines)) => {
                    Response::new(StatusCode::new(status), "")
                        .with_headers(lines)
                        .write_to(connection, response_writer)
                        .await
                }
                None => {
                    Response::new(StatusCode::INTERNAL_SERVER_ERROR, "")
                        .write_to(connection, response_writer)
                        .await
                }
            },
        }
    }
}

/// Serves [`METADATA_DOCUMENT`] as `application/json` (RFC 9728 §3.2).
#[derive(Clone, Copy, Debug)]
pub struct MetadataDocument;

impl<State, PathParameters> RequestHandlerService<State, PathParameters> for MetadataDocument {
    async fn call_request_handler_service<R: Read, W: ResponseWriter<Error = R::Error>>(
        &self,
        _state: &State,
        _path_parameters: PathParameters,
        request: Request<'_, R>,
        response_writer: W,
    ) -> Result<ResponseSent, W::Error> {
        let connection = request.body_connection.finalize().await?;
        Response::ok(METADATA_DOCUMENT)
            .with_content_type("application/json")
            .write_to(connection, response_writer)
            .await
    }
}

/// The router: [`Protected`] at [`PROTECTED_PATH`] (`GET`, `POST`), [`MetadataDocument`] at
/// [`METADATA_PATH`] (`GET`), 404 elsewhere.
pub fn app<V: Verifier + Copy>(verifier: V) -> Router<impl PathRouter> {
    let protected = Protected(verifier);
    Router::new()
        .route(PROTECTED_PATH, get_service(protected).post_service(protected))
        .route(METADATA_PATH, get_service(MetadataDocument))
}
