//! OAuth-protected resource servers on [tower] and [axum], answering like signpost: a layer
//! that reads the access token of a request, has the application verify it, enforces the
//! route's scope and answers every rejection with the right status and `WWW-Authenticate`
//! challenges; and a service that serves the resource's RFC 9728 metadata document where
//! clients look for it.
//!
//! [tower]: https://docs.rs/tower
//! [axum]: https://docs.rs/axum
//!
//! The challenges are those of [`signpost_oauth::ServerContext::respond`], which follow
//! RFC 6750 §3.1, RFC 9449 §7.1 and §9, RFC 9470 §3, RFC 9728 §5.1 and the MCP
//! authorization specification; what this crate adds is the HTTP plumbing, done once:
//!
//! | the request | the answer |
//! |---|---|
//! | no `Authorization`, or credentials in a scheme the resource does not take | 401, a challenge with the route's `scope` and `resource_metadata`, and no `error` (RFC 6750 §3.1) |
//! | `Authorization` that is not one well-formed `credentials` value (RFC 9110 §11.4) with a token | 400 `invalid_request` |
//! | a DPoP token without exactly one `DPoP` proof header (RFC 9449 §4.3) | 401 `invalid_dpop_proof` |
//! | a token the [`Verifier`] refuses ([`Denial`]) | 401 `invalid_token`, `use_dpop_nonce` with a `DPoP-Nonce` header, `invalid_dpop_proof` or `insufficient_user_authentication` |
//! | a valid token without the route's scope | 403 `insufficient_scope` with the route's `scope` |
//! | a valid token with it | the route's handler, with the [`Grant`] in the request's extensions (and, with axum, as an extractor) |
//!
//! Every challenge carries `resource_metadata`, the URL of the metadata document that
//! [`ProtectedResource::metadata_service`] serves: for the resource identifier
//! `https://host/mcp` it is `https://host/.well-known/oauth-protected-resource/mcp`, the
//! well-known path inserted before the resource's path (RFC 9728 §3.1), and the document's
//! `resource` is the identifier exactly, as clients check (§3.3).
//!
//! # With axum
//!
//! ```
//! # #[cfg(feature = "axum")]
//! # mod app {
//! use axum::routing::post;
//! use axum::Router;
//! use signpost_oauth::TokenProblem;
//! use signpost_tower::{ConfigError, Denial, Grant, Presented, ProtectedResource, Verifier};
//!
//! /// The application's token check (here a fixed token; in real life a JWT library or
//! /// token introspection, RFC 7662).
//! pub struct MyVerifier;
//!
//! impl Verifier for MyVerifier {
//!     type Claims = String; // what the handlers get to know: here the subject
//!
//!     async fn verify(&self, presented: Presented<'_>) -> Result<Grant<String>, Denial> {
//!         match presented.token() {
//!             "alice-token" => Ok(Grant::new("mcp:tools", "alice".to_owned())),
//!             "old-token" => Err(TokenProblem::Expired.into()),
//!             _ => Err(TokenProblem::Invalid.into()),
//!         }
//!     }
//! }
//!
//! /// A handler behind the layer: it only runs with a valid token carrying `mcp:tools`.
//! async fn tools(grant: Grant<String>) -> String {
//!     format!("hello {}", grant.claims())
//! }
//!
//! pub fn app() -> Result<Router, ConfigError> {
//!     // Start-up: the resource and what its metadata says; a bad value fails here.
//!     let resource = ProtectedResource::new("https://mcp.example.com/mcp")?
//!         .authorization_server("https://auth.example.com")?
//!         .scopes_supported("mcp:tools mcp:resources")?;
//!     let needs_tools = resource.layer(MyVerifier).require_scope("mcp:tools")?;
//!     Ok(Router::new()
//!         .route("/mcp", post(tools))
//!         // route_layer: a request for no route gets a 404, not a 401.
//!         .route_layer(needs_tools)
//!         .merge(resource.metadata_router()))
//! }
//! # }
//! # #[cfg(feature = "axum")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # use axum::body::{to_bytes, Body};
//! # use http::Request;
//! # use tower::ServiceExt;
//! // Serve it with axum::serve(listener, app()?); here, one request at a time:
//! let response = app::app()?.oneshot(Request::post("/mcp").body(Body::empty())?).await?;
//! assert_eq!(response.status(), 401);
//! assert_eq!(
//!     response.headers()["www-authenticate"],
//!     r#"Bearer scope="mcp:tools", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#
//! );
//!
//! let request = Request::post("/mcp").header("authorization", "Bearer old-token");
//! let response = app::app()?.oneshot(request.body(Body::empty())?).await?;
//! assert_eq!(response.status(), 401);
//! assert_eq!(
//!     response.headers()["www-authenticate"],
//!     r#"Bearer error="invalid_token", error_description="The access token expired", scope="mcp:tools", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#
//! );
//!
//! let request = Request::post("/mcp").header("authorization", "Bearer alice-token");
//! let response = app::app()?.oneshot(request.body(Body::empty())?).await?;
//! assert_eq!(response.status(), 200);
//! assert_eq!(to_bytes(response.into_body(), 1024).await?, "hello alice");
//!
//! let request = Request::get("/.well-known/oauth-protected-resource/mcp");
//! let response = app::app()?.oneshot(request.body(Body::empty())?).await?;
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(
//!     to_bytes(response.into_body(), 1024).await?,
//!     r#"{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["mcp:tools","mcp:resources"],"bearer_methods_supported":["header"]}"#
//! );
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "axum"))]
//! # fn main() {}
//! ```
//!
//! `examples/mcp_server.rs` is a whole MCP-style server with Bearer and DPoP tokens and a
//! nonce: `cargo run -p signpost-tower --example mcp_server -- --port 8080`.
//!
//! # The verifier
//!
//! [`Verifier`] is the one thing the application writes. It gets a [`Presented`] token:
//! the token, its [`TokenScheme`], the `DPoP` proof header when there is one, and the
//! request's head (a DPoP proof is checked against the method and URL, RFC 9449 §4.3). It
//! returns a [`Grant`] (the scope the token carries and the application's own claims, which
//! reach the handler) or a [`Denial`] (a [`TokenProblem`](signpost_oauth::TokenProblem),
//! a bad proof, a nonce to demand, a step-up). Its method returns `impl Future + Send`, so
//! implementations are `async fn`s that may await a database or an introspection call; and
//! the route's scope is not its business: the layer checks the grant against it, so one
//! verifier serves every route ([`RequireTokenLayer::require_scope`]).
//!
//! # Without axum
//!
//! [`RequireTokenLayer`] is a [`tower_layer::Layer`] over any
//! `Service<http::Request<B>, Response = http::Response<R>>` whose response body `R` has a
//! `Default` (the empty body of a rejection), and [`MetadataService`] a
//! `Service<http::Request<B>>` for any body `From<String>`: hyper, tonic's HTTP layer, or
//! another framework on tower. Turn the `axum` feature off (`default-features = false`) and
//! axum is not built.
//!
//! # What it does not do
//!
//! - Read access tokens from a form body or the query (RFC 6750 §2.2, §2.3): only the
//!   `Authorization` header, which the metadata document says
//!   (`bearer_methods_supported: ["header"]`).
//! - Verify tokens or DPoP proofs: that is the verifier's, with the JOSE library of the
//!   application's choice.
//! - Answer CORS preflight requests for the protected routes: put a CORS layer outside this
//!   one. The metadata document is public and allows any origin.
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `axum` | yes | [`Grant`] as an axum extractor (and `Option<Grant<C>>`), [`ProtectedResource::metadata_router`] |
//!
//! The crate is std (tower and axum are), `#![forbid(unsafe_code)]`, and builds with Rust
//! 1.81.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "axum")]
mod axum;
mod layer;
mod metadata;
mod resource;
mod verify;

pub use layer::{RequireToken, RequireTokenLayer, ResponseFuture};
pub use metadata::MetadataService;
pub use resource::{ConfigError, ProtectedResource};
pub use verify::{Denial, Grant, Presented, TokenScheme, Verifier};

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
