//! Discovery for OAuth-protected HTTP resources: which metadata to fetch, how to check it, and
//! which server-given URLs a client may fetch at all.
//!
//! A client that meets an OAuth-protected resource it knows nothing about learns where to go
//! from the resource itself: a `resource_metadata` URL in a `WWW-Authenticate` challenge, or
//! a well-known URL built from the resource's URL, leads to protected-resource metadata
//! (RFC 9728), whose `authorization_servers` lead to authorization-server metadata (RFC 8414,
//! OpenID Connect Discovery). This crate builds those URLs, reads those documents, applies
//! the exact-match rules that keep a client from trusting a document about someone else, and
//! guards the client against fetching internal addresses because a server said so.
//!
//! Specifications: [RFC 9728] (protected resource metadata), [RFC 8414] (authorization server
//! metadata), [OpenID Connect Discovery 1.0], [RFC 3986] (URI syntax), [RFC 8615]
//! (well-known URIs), [RFC 6761] §6.3 (`localhost`), the [MCP authorization] specification
//! (2025-11-25: the probe order), and the [WHATWG URL Standard] (how browsers read numeric
//! hosts).
//!
//! ```
//! use signpost::{Guard, Issuer, ResourceId};
//!
//! // 1. The client wants https://example.com/public/mcp and got a 401 without
//! //    resource_metadata: it tries the well-known URLs in order.
//! let resource = ResourceId::parse("https://example.com/public/mcp")?;
//! let mut probe = resource.probe(None);
//! let first = probe.next().unwrap();
//! assert_eq!(first.to_string(), "https://example.com/.well-known/oauth-protected-resource/public/mcp");
//!
//! // 2. The document it fetched must describe this very resource (RFC 9728 §3.3).
//! first.check("https://example.com/public/mcp").expect("same resource");
//! assert!(first.check("https://example.com/").is_err());
//!
//! // 3. Its authorization_servers entry came from a server: guard it, then probe it.
//! let server = "https://auth.example.com/tenant1";
//! Guard::new().check(server).expect("a public https URL");
//! let issuer = Issuer::parse(server)?;
//! let mut buf = String::new();
//! for url in issuer.probe() {
//!     buf.clear();
//!     url.write_to(&mut buf).unwrap(); // any core::fmt::Write, heapless::String too
//!     // fetch buf; on success: the document's issuer must pass url.check(...)
//! }
//! assert_eq!(buf, "https://auth.example.com/tenant1/.well-known/openid-configuration");
//! # Ok::<(), signpost::ParseError>(())
//! ```
//!
//! # Discovery: well-known URLs
//!
//! [`ResourceId`] and [`Issuer`] are identifiers kept exactly as written. They build
//! [`ResourceMetadataUrl`]s and [`IssuerMetadataUrl`]s, which borrow their parts and write
//! themselves into any [`core::fmt::Write`]; each one knows which `resource` or `issuer`
//! value the document at that URL must carry, and under which [`Rule`].
//!
//! | for | URL | built by |
//! |---|---|---|
//! | `https://r.example/mcp` | `https://r.example/.well-known/oauth-protected-resource/mcp` | [`ResourceId::metadata_url`] (RFC 9728 §3.1) |
//! | `https://r.example/mcp` | `https://r.example/.well-known/oauth-protected-resource` | [`ResourceId::root_metadata_url`] (MCP fallback) |
//! | `https://as.example/t1` | `https://as.example/.well-known/oauth-authorization-server/t1` | [`Issuer::metadata_url`] (RFC 8414 §3.1) |
//! | `https://as.example/t1` | `https://as.example/.well-known/openid-configuration/t1` | [`Issuer::metadata_url_with`] (RFC 8414 §5) |
//! | `https://as.example/t1` | `https://as.example/t1/.well-known/openid-configuration` | [`Issuer::openid_configuration_url`] (OIDC Discovery §4) |
//!
//! The slash rules differ, and both are followed to the letter: RFC 9728 removes only a `/`
//! that directly follows the host (`https://host/` and `https://host/?q`), so
//! `https://host/mcp/` keeps its trailing slash; RFC 8414 and OIDC Discovery remove any
//! terminating `/` of the issuer's path. [`ResourceId::probe`] and [`Issuer::probe`] give
//! the candidates in the order MCP clients try them. [`Suffix`] carries the well-known
//! suffix, registered or application-specific.
//!
//! # Discovery: metadata documents
//!
//! With the `serde` feature, [`ResourceMetadata`] (RFC 9728 §2) and
//! [`AuthorizationServerMetadata`] (RFC 8414 §2 and later registrations) deserialise from
//! JSON, borrowing every string that holds no escape. Unknown members are ignored, as both
//! RFCs require. `check` applies the identity rule of the URL the document came from; a
//! [`Mismatch`] carries both strings, the rule, and where they first differ. Without
//! `serde`, the same checks are [`ResourceMetadataUrl::check`] and
//! [`IssuerMetadataUrl::check`] on a string the caller extracted.
//!
//! # Discovery: the URL guard
//!
//! [`Guard`] decides whether a client may fetch a URL a server gave it: `https` only, no
//! fragment, no userinfo, a host, and no loopback, private, link-local, unique-local, shared,
//! unspecified, multicast, broadcast or reserved IP literal, no `localhost`, no host that a
//! browser would read as a number (`2130706433`, `0x7f.1`). Each refusal is a [`Refusal`].
//! [`Guard::local_development`] allows loopback over `http` and private ranges. A guard on
//! the URL text cannot stop DNS rebinding: check resolved addresses with
//! [`Guard::check_ip`] too.
//!
//! # URLs
//!
//! [`Url`] is a zero-copy RFC 3986 splitter (scheme, userinfo, [`Host`], port, path, query,
//! fragment) that checks each component's characters and reports errors as a [`ParseError`]
//! with an offset and the component's name. It does no IDNA mapping and no normalisation:
//! the metadata rules compare identifiers code point by code point (RFC 9728 §3.3, RFC 8414
//! §3.3), so the text must stay as it was written.
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `alloc` | no | nothing yet of its own (passes `alloc` to the crates below) |
//! | `std` | no | implies `alloc`; nothing else yet (the error types implement `core::error::Error`) |
//! | `serde` | no | implies `alloc`; [`ResourceMetadata`] and [`AuthorizationServerMetadata`] (`Deserialize`, `Serialize`) |
//!
//! The crate is `#![no_std]`, has no `unsafe`, and builds URLs and runs its checks without
//! allocating; only the metadata documents (owned `Vec`s, strings with escapes) need `alloc`.
//!
//! # Implementation notes
//!
//! - [`Url`] accepts absolute URIs only (`scheme ":" ...`), ASCII only (an IRI must be
//!   converted first), and RFC 3986's `IPv6address` without RFC 6874 zone identifiers
//!   (`[fe80::1%25en0]` is refused). A userinfo ends at the first `@`; a second `@` is an
//!   error, where a browser would split at the last one.
//! - Identifiers are not required to be `https` by [`ResourceId`] and [`Issuer`] (local
//!   development servers are `http`); [`Guard`] enforces `https` before fetching.
//! - RFC 8414 §3.1 and OIDC Discovery §4 say "any terminating `/`": one `/` is removed
//!   (`https://as.example/t1//` keeps one).
//! - The root fallback of MCP (`https://host/.well-known/oauth-protected-resource` for
//!   `https://host/mcp`) is not defined by RFC 9728; the document found there must still
//!   carry `resource` identical to the resource the client is after, as MCP clients check.
//! - With a `resource_metadata` URL from a challenge, [`ResourceId::probe`] yields that URL
//!   only, as MCP 2025-11-25 says ("use the resource metadata URL ... when present"); it
//!   does not fall back to the well-known URLs.
//! - The documents refuse a member of the wrong JSON type and a duplicate member (serde's
//!   behaviour), so that two parsers cannot read one document two ways; `null` is taken as
//!   absent. `signed_metadata` is kept as text and not verified.
//! - [`Guard`] refuses more than loopback, private and link-local: see [`Refusal`] for every
//!   range, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
//!   judged by that address.
//!
//! # Minimum supported Rust version
//!
//! 1.81, for `core::error::Error` and `core::net`. Raising it is a minor-version change,
//! announced in the changelog.
//!
//! [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
//! [RFC 8414]: https://www.rfc-editor.org/rfc/rfc8414
//! [OpenID Connect Discovery 1.0]: https://openid.net/specs/openid-connect-discovery-1_0.html
//! [RFC 3986]: https://www.rfc-editor.org/rfc/rfc3986
//! [RFC 8615]: https://www.rfc-editor.org/rfc/rfc8615
//! [RFC 6761]: https://www.rfc-editor.org/rfc/rfc6761
//! [MCP authorization]: https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
//! [WHATWG URL Standard]: https://url.spec.whatwg.org/#concept-host-parser

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod client;
mod field;
mod flow;
mod guard;
#[cfg(feature = "http")]
mod http;
mod metadata;
mod server;
mod url;
mod views;
mod well_known;

/// The parse error of every signpost parser: a byte offset and a message naming the grammar
/// element (here, the URI component).
pub use signpost_syntax::Error as ParseError;

pub use client::{
    Action, AuthServer, ClientState, Decision, NextStep, Reason, ScopeUnion, ScopeUnionIter,
};
pub use field::{FieldError, SpaceList, SpaceListIter};
pub use flow::{Flow, FlowIter, Flows};
pub use guard::{Guard, Refusal};
#[cfg(feature = "http")]
pub use http::HeaderLines;
#[cfg(feature = "serde")]
pub use metadata::{AuthorizationServerMetadata, ResourceMetadata};
pub use metadata::{Mismatch, Rule};
pub use server::{
    Rejection, ResponseChallenge, ResponseChallenges, Schemes, ServerContext, ServerResponse,
    TokenProblem,
};
pub use url::{Host, Url};
pub use views::{
    Bearer, BearerChallenge, ChallengeParams, Dpop, DpopChallenge, OAuth2, OAuth2Challenge,
    OAuthChallenge, Scheme, WriteError, MAX_FLOWS_LEN,
};
pub use well_known::{
    Issuer, IssuerMetadataUrl, IssuerProbe, ResourceId, ResourceMetadataUrl, ResourceProbe, Suffix,
    UrlForm,
};
