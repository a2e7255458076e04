//! signpost end to end over real HTTP, on loopback.
//!
//! [`server::TestServer`] is a resource server on hyper 1 that answers with signpost's server
//! side ([`signpost_oauth::ServerContext::respond`]), with its protected-resource metadata
//! (RFC 9728) and a test authorization server (RFC 8414 metadata, a token endpoint with an
//! authorization-code stand-in and a refresh grant) on the same socket. [`client::Client`]
//! is an HTTP client on hyper 1 that asks signpost's client side
//! ([`signpost_oauth::ClientState::decide`]) for each next step, fetches and checks the metadata
//! documents, and gets tokens. Both are used by the tests in `tests/` and by the examples;
//! `docs/e2e.md` lists the scenarios and their request sequences.
//!
//! Everything is plain `http` on `127.0.0.1` with ports chosen by the OS; nothing here is
//! meant for production: tokens are opaque test strings. DPoP proofs are real RFC 9449
//! proofs ([`dpop`]: ES256 over P-256, the token bound to the key's thumbprint), with keys
//! made from a seed for reproducible tests.

pub mod client;
pub mod dpop;
mod net;
pub mod server;

pub use net::Reply;

use std::time::Duration;

/// A `GET` with the given header lines, for looking at a response as it comes over the wire.
pub async fn get(
    url: &str,
    headers: &[(&str, String)],
    timeout: Duration,
) -> Result<Reply, String> {
    net::send(None, http::Method::GET, url, headers, None, timeout).await
}

/// A `POST` of an `application/x-www-form-urlencoded` body.
pub async fn post_form(url: &str, body: String, timeout: Duration) -> Result<Reply, String> {
    post_form_with(url, &[], body, timeout).await
}

/// A `POST` of an `application/x-www-form-urlencoded` body with more header lines (a
/// `DPoP` proof, say).
pub async fn post_form_with(
    url: &str,
    headers: &[(&str, String)],
    body: String,
    timeout: Duration,
) -> Result<Reply, String> {
    let mut lines = vec![("content-type", "application/x-www-form-urlencoded".to_owned())];
    lines.extend(headers.iter().cloned());
    net::send(None, http::Method::POST, url, &lines, Some(body), timeout).await
}

/// The code blocks of the workspace README ("Use it as a library") run as doc tests here,
/// where every feature they use is on.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;
