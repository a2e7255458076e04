//! The signals of an OAuth-protected HTTP resource, end to end: typed `Bearer`, `DPoP` and
//! `OAuth2` challenges, the server's side (a rejection in, a status and challenges out), the
//! client's side (a rejection in, the next step out), and discovery (which metadata to fetch,
//! how to check it, and which server-given URLs a client may fetch at all).
//!
//! A resource server that rejects a request says why and what to do next in its
//! `WWW-Authenticate` challenges: a token scheme (`Bearer`, `DPoP`) when presenting a
//! different token can fix it, an `OAuth2` challenge naming the flows when the client must
//! run one, both when both apply (the 2011 `OAuth2` challenge proposal). A client reads them, picks the challenge that
//! fits, and decides: retry with another token, refresh, authorize (where, and with which
//! scope union), step up, retry with a DPoP nonce, fix the request, or give up. Where to
//! authorize comes from the resource itself: a `resource_metadata` URL (RFC 9728) or an
//! `issuer` (draft-parecki-oauth-authorization-server-discovery), or the well-known URLs built from the resource's URL, leading to
//! protected-resource metadata (RFC 9728), whose `authorization_servers` lead to
//! authorization-server metadata (RFC 8414, OpenID Connect Discovery). This crate does all of
//! that without allocating.
//!
//! Specifications: [RFC 6750] (Bearer), [RFC 9449] (DPoP), [RFC 9470] (step-up), [RFC 6749]
//! §3.3 and §6 (scope, refresh), [RFC 9728] (protected resource metadata), [RFC 8414]
//! (authorization server metadata), [OpenID Connect Discovery 1.0], [RFC 3986] (URI syntax),
//! [RFC 8615] (well-known URIs), [RFC 6761] §6.3 (`localhost`), the [MCP authorization]
//! specification (2025-11-25: the probe order, 403 step-up; 2026-07-28: the scope union),
//! draft-parecki-oauth-authorization-server-discovery (the `issuer` parameter), the `OAuth2`
//! scheme of `docs/oauth2-scheme.md` (a signpost convention), and the [WHATWG URL Standard]
//! (how browsers read numeric hosts).
//!
//! ```
//! use signpost_oauth::{AuthServer, ClientState, NextStep, Rejection, Scope, ServerContext};
//!
//! // The resource server: this token lacks scope.
//! let server = ServerContext::new()
//!     .resource_metadata("https://mcp.example.com/.well-known/oauth-protected-resource");
//! let response = server.respond(&Rejection::insufficient_scope("files:read files:write"))?;
//! let mut header = String::new();
//! response.write_www_authenticate(&mut header)?;
//!
//! // The client, holding a token for files:read and a refresh token.
//! let lines = [header.as_bytes()];
//! let client = ClientState::new().sent_token(true).scope(Scope::parse("files:read")?).holds_refresh_token(true);
//! match client.decide(response.status(), &lines, None).step() {
//!     NextStep::Authorize { server, scope, .. } => {
//!         assert_eq!(server, AuthServer::ResourceMetadata("https://mcp.example.com/.well-known/oauth-protected-resource"));
//!         assert_eq!(scope.to_string(), "files:read files:write"); // not a refresh: RFC 6749 §6
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! One dependency does these jobs: the types of the crates below that appear in this
//! crate's API are re-exported here ([`Challenge`], [`Challenges`], [`ChallengeWriter`],
//! [`Leniency`], [`ErrorCode`], [`Scope`], [`ScopeToken`], [`ScopeError`], [`Value`],
//! [`ParseError`]), with [`bearer_token`] and [`token_for`], which read the token of an
//! `Authorization` value.
//!
//! # Typed challenges
//!
//! [`BearerChallenge`], [`DpopChallenge`] and [`OAuth2Challenge`] are views over a
//! [`Challenge`] parsed by `signpost-challenge`: each OAuth
//! parameter is read by whole name (ignoring ASCII case, so `x_resource_metadata` never
//! shadows `resource_metadata`) and validated when it is read, with a [`FieldError`] that
//! names the field and the rule. Text fields (`realm`, `error_description`) are lazily
//! unescaped `Value`s; structured fields are typed: `scope` a
//! [`Scope`], `error` an [`ErrorCode`],
//! `acr_values` and `algs` a [`SpaceList`], `max_age` a `u64`, `flows` [`Flows`] of
//! [`Flow`]s, URLs checked `&str`s. Unknown parameters are ignored; [`OAuthChallenge::param`]
//! reads extension ones (Azure `claims`, Docker `service`). [`ChallengeParams`] writes the
//! three schemes through a [`ChallengeWriter`].
//!
//! ```
//! use signpost_oauth::{Flow, OAuth2Challenge};
//! use signpost_oauth::Challenges;
//!
//! let value = br#"Bearer error="invalid_token", OAuth2 flows="refresh user-delegation", max_age=300"#;
//! let oauth2 = OAuth2Challenge::find(Challenges::new(value))?.unwrap();
//! assert!(oauth2.flows().unwrap().unwrap().contains(Flow::REFRESH));
//! assert_eq!(oauth2.max_age().unwrap(), Some(300));
//! # Ok::<(), signpost_oauth::ParseError>(())
//! ```
//!
//! # Server side
//!
//! A [`Rejection`] (no token; malformed request; a token invalid for a [`TokenProblem`],
//! always `invalid_token` per the OAuth WG discussion of JWT access token errors (2020); insufficient scope; authentication too old or too
//! weak, RFC 9470; DPoP proof invalid; DPoP nonce required) and a [`ServerContext`] (realm,
//! `resource_metadata`, `issuer`, the scope it needs, the accepted [`Schemes`] with DPoP
//! `algs`, the [`Flow`]s a client may run, whether to send `OAuth2`) give a
//! [`ServerResponse`]: the status (400, 401 or 403), one [`ResponseChallenge`] per
//! `WWW-Authenticate` line (or one combined line) and the `DPoP-Nonce` value, written into
//! any `core::fmt::Write`, a fixed buffer too. [`ResponseChallenge::scheme`] is a
//! [`SchemeKind`], not a string:
//!
//! ```
//! use signpost_oauth::{Flow, Rejection, SchemeKind, Schemes, ServerContext};
//!
//! let flows = [Flow::USER_DELEGATION];
//! let ctx = ServerContext::new().schemes(Schemes::BOTH).flows(&flows);
//! let response = ctx.respond(&Rejection::authentication_too_old(300))?;
//! let mut line = heapless::String::<256>::new();
//! let mut lines = response.challenges();
//! lines.next().unwrap().write_to(&mut line).unwrap();
//! assert_eq!(line, r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300""#);
//! assert_eq!(lines.map(|c| c.scheme()).collect::<Vec<_>>(), [SchemeKind::Dpop, SchemeKind::OAuth2]);
//! assert_eq!(response.status(), 401);
//! # Ok::<(), signpost_oauth::FieldError>(())
//! ```
//!
//! The rules, for each rejection (the 2011 `OAuth2` challenge proposal, RFC 6750 §3.1, RFC 9449 §7.1 and §9, RFC 9470
//! §3, MCP): no `error` when no token was sent; the token challenges (`Bearer` and/or `DPoP`,
//! as accepted) on every rejection but the DPoP ones, which get a `DPoP` challenge only; an
//! `OAuth2` challenge naming the flows that can fix it: all of them for no token or an
//! invalid token, all but `refresh` for insufficient scope (a refresh cannot widen scope),
//! `user-delegation` and `device` for a step-up, none for a malformed request or a DPoP
//! proof; `realm`, `issuer` and `resource_metadata` on every challenge. Every value is
//! checked before anything is written.
//!
//! A context borrows its values. One built at start-up from configuration becomes a
//! `ServerContext<'static>` with [`ServerContext::into_owned`] (feature `alloc`): `Clone +
//! Send + Sync`, it goes into a framework's shared state (axum's `State`, behind an `Arc`),
//! and [`ServerContext::respond`] answers every request from it without allocating; a
//! response borrows from the context it came from. [`ServerContext::check`] refuses a bad
//! configuration at start-up.
//!
//! # Client side
//!
//! [`ClientState`] says what the client holds and did (a token and its scope, other tokens,
//! a refresh token, a known issuer, DPoP, attempts, the previous [`Action`], the [`Guard`]);
//! [`ClientState::decide`] takes the status, every `WWW-Authenticate` line and the
//! `DPoP-Nonce` value and returns a [`Decision`] whose [`NextStep`] is one of
//! `RetryWithToken`, `Refresh`, `Authorize { server, scope }`, `StepUp { server, scope,
//! acr_values, max_age }`, `RetryWithDpopNonce { nonce }`, `FixRequest { reason }`,
//! `GiveUp { reason }`.
//!
//! ```
//! use signpost_oauth::{ClientState, NextStep};
//!
//! // RFC 9449 §9: the resource server wants a nonce; a Negotiate and a Bearer challenge
//! // come along, on separate lines.
//! let lines: [&[u8]; 3] = [b"Negotiate", br#"Bearer realm="api""#, br#"DPoP error="use_dpop_nonce""#];
//! let client = ClientState::new().sent_token(true).uses_dpop(true);
//! let decision = client.decide(401, &lines, Some(b"eyJ7S_zG.eyJH0-Z.HX4w-7v"));
//! assert!(decision.challenge().unwrap().scheme_is("dpop"));
//! assert!(matches!(decision.step(), NextStep::RetryWithDpopNonce { nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v", .. }));
//!
//! // The same answer right after a retry with a nonce: stop (bounded retries).
//! let again = client.previous(signpost_oauth::Action::RetryWithDpopNonce);
//! assert_eq!(again.decide(401, &lines, Some(b"n2")).step().action().as_str(), "give_up");
//! ```
//!
//! How it decides:
//!
//! 1. A status other than 400, 401 or 403, or as many attempts as allowed (default 3):
//!    give up. A step of the kind the client already took [`ClientState::MAX_REPEATS`]
//!    times in a row ([`ClientState::previous`], [`ClientState::repeated`]) is not taken
//!    again: give up.
//! 2. The challenge followed: `DPoP` when the client uses DPoP and there is one, else
//!    `Bearer`, else `OAuth2`. Among several of one scheme, the first that carries `error`,
//!    else the first. Other schemes are skipped; a malformed challenge is skipped
//!    ([`Leniency::RECOVER`]), and a duplicate
//!    parameter makes a challenge malformed. A `DPoP` challenge alone, for a client without
//!    DPoP: give up. No usable challenge: give up (a malformed one, or only `Basic` or
//!    `Negotiate`), except a bare 401 (discover through the well-known URLs, MCP) and a
//!    bare 400 (fix the request).
//! 3. Its `error` picks the path through the registry's remedy at the resource
//!    (`signpost-error`); without `error`: 400 fixes the request, 403 asks for scope, 401
//!    is "no token" (or an invalid token when one was sent); a code the registry does not
//!    place at the resource goes by the status the same way.
//! 4. Then: *refresh* only with a refresh token, not twice in a row, not when an
//!    `OAuth2` challenge leaves `refresh` out, and not when the challenge names a scope
//!    wider than the held one (RFC 6749 §6); otherwise *authorize* with the union. *Insufficient scope*:
//!    another token if the client holds others (not twice in a row), else a refresh if the
//!    union of the held and challenged scope is not wider than the held one (a refresh
//!    cannot widen scope, RFC 6749 §6), else *authorize* with the union. *Step-up* carries
//!    `acr_values` and `max_age`. *Use DPoP nonce* needs a valid `DPoP-Nonce`, once per
//!    nonce: one equal to the proof's ([`ClientState::sent_dpop_nonce`]) gives up; without
//!    the proof's nonce, not twice in a row.
//! 5. Where to authorize: the issuer the client knows (the challenge's `issuer` is then
//!    ignored, draft-parecki-oauth-authorization-server-discovery, Security Considerations: phishing), else `resource_metadata`, else `issuer`, each taken from
//!    the followed challenge or, when it lacks it, from another OAuth challenge of the
//!    response; a URL the [`Guard`] refuses gives up with the refusal
//!    (`resource_metadata refused: loopback address`); nothing: [`AuthServer::Discover`].
//!
//! The scope of the authorization request follows MCP's scope selection:
//! [`ScopeUnion::or_supported`] gives the union when it has a token (the challenge's `scope`,
//! with the scope held), else the protected-resource metadata's `scopes_supported`, else
//! none ([`ScopeRequest`]).
//!
//! A [`Decision`] and its [`NextStep`] borrow the header lines and the client state. A
//! client that decides, then reads the body (which consumes the response), then acts, keeps
//! [`Decision::into_owned`] (an [`OwnedDecision`], feature `alloc`), whose
//! [`step`](OwnedDecision::step) is the same `NextStep` again. [`Decision::scheme`] says
//! which challenge was followed, as a [`SchemeKind`].
//!
//! With the `http` feature, `HeaderLines` reads every `WWW-Authenticate` line and the
//! `DPoP-Nonce` of an `http::HeaderMap`; `ServerResponse::write_headers` appends a
//! response's headers to one, and `ServerResponse::to_parts` / `to_response` make the
//! `http::response::Parts` / `http::Response` of a rejection in one call.
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
//! | `https://r.example/mcp` | `/.well-known/oauth-protected-resource/mcp` (the route a resource server serves) | [`ResourceId::metadata_path`] |
//! | `https://as.example/t1` | `https://as.example/.well-known/oauth-authorization-server/t1` | [`Issuer::metadata_url`] (RFC 8414 §3.1) |
//! | `https://as.example/t1` | `https://as.example/.well-known/openid-configuration/t1` | [`Issuer::metadata_url_with`] (RFC 8414 §5) |
//! | `https://as.example/t1` | `https://as.example/t1/.well-known/openid-configuration` | [`Issuer::openid_configuration_url`] (OIDC Discovery §4) |
//!
//! The slash rules differ, and both are followed to the letter: RFC 9728 removes only a `/`
//! that directly follows the host (`https://host/` and `https://host/?q`), so
//! `https://host/mcp/` keeps its trailing slash; RFC 8414 and OIDC Discovery remove any
//! terminating `/` of the issuer's path. [`ResourceId::probe`] and [`Issuer::probe`] give
//! the candidates in the order MCP clients try them; each candidate's `source()` says
//! whether the server advertised it or which well-known rule guessed it ([`Source`],
//! [`Kind`]). [`Suffix`] carries the well-known suffix, registered or application-specific.
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
//! | `perf` | yes | the fast paths of `signpost-syntax`, `signpost-challenge`, `signpost-scope` and `signpost-error` (see their docs), and a [`ServerContext`] that checks its values once, when its builders take them, so that [`ServerContext::respond`] checks only the rejection's; without it (`default-features = false`), the same results and errors from smaller code, for firmware |
//! | `alloc` | no | [`ServerContext::into_owned`], [`Decision::into_owned`] and [`NextStep::into_owned`] ([`OwnedDecision`], [`OwnedNextStep`]); passes `alloc` to the crates below (`Value::to_unescaped`, owned scope sets) |
//! | `std` | no | implies `alloc`; nothing else (the error types implement `core::error::Error`) |
//! | `serde` | no | implies `alloc`; [`ResourceMetadata`] and [`AuthorizationServerMetadata`] (`Deserialize`, `Serialize`) |
//! | `http` | no | implies `std`; `HeaderLines` (read an `http::HeaderMap`) and `ServerResponse::write_headers` / `to_parts` / `to_response` / `status_code` (http 1.x) |
//!
//! The crate is `#![no_std]`, has no `unsafe`, and reads challenges, decides, writes
//! responses, builds URLs and runs its checks without allocating; only the owned forms
//! (`into_owned`), the metadata documents (owned `Vec`s, strings with escapes) and the `http`
//! feature need `alloc`.
//!
//! # Implementation notes
//!
//! - **Quoted-pairs in structured fields.** A structured value (`scope`, `error`,
//!   `error_uri`, `resource_metadata`, `issuer`, `acr_values`, `max_age`, `algs`, `flows`)
//!   that holds a quoted-pair is refused with a [`FieldError`] ("quoted-pair in a structured
//!   value"): the views borrow, and unescaping would need a buffer. None of these grammars
//!   needs `"` or `\`, so a conforming sender never writes one; text fields (`realm`,
//!   `error_description`) are `Value`s that unescape lazily.
//! - **`acr_values` and `algs`** are checked as SP-separated `1*NQCHAR`s, one SP between two
//!   (the scope grammar): RFC 9470 and RFC 9449 say "space-delimited" without a grammar.
//! - **`max_age`** is `1*DIGIT` up to `u64::MAX`, as a token or a quoted-string; a sign, a
//!   fraction or spaces are refused.
//! - **`resource_metadata`** must be an absolute URI (RFC 9728 does not say whether a
//!   relative reference is allowed; this crate does not resolve one); **`issuer`** an issuer
//!   identifier (no query, no fragment, RFC 8414 §2).
//! - **Writers** quote every OAuth parameter, write them in one fixed order, and join
//!   `flows` on the stack: at most [`MAX_FLOWS_LEN`] (512) bytes, an implementation limit.
//! - **The server** sends the token challenges with `error="invalid_token"` although the 2011 `OAuth2` challenge proposal
//!   calls them useless for an invalid token: RFC 6750 §3 requires a challenge on every 401
//!   and clients key on it; the `OAuth2` challenge says which flow fixes it. The DPoP
//!   rejections get a `DPoP` challenge even from a context that accepts Bearer only (a DPoP
//!   proof was sent). The `OAuth2` challenge carries no `error_description`.
//! - **The client** refuses a whole challenge with a duplicate parameter (RFC 9110 §11.2)
//!   rather than picking one of two `resource_metadata` URLs (sentry-mcp#939), follows
//!   `resource_metadata` before `issuer` when both are present (RFC 9728 is a standard, the
//!   `issuer` parameter a draft, and the metadata names the authorization servers the
//!   resource trusts), and never guards the issuer the client was configured with.
//! - The scope union finds duplicates by sorting the tokens of both sides in a 4 KiB table
//!   on the stack (O(n log k), no allocation), up to [`ScopeUnion::MAX_TOKENS`] (256)
//!   tokens a side; `decide` refuses a challenge `scope` of more tokens (a field error), as
//!   the server chooses it and clients accept headers of megabytes.
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
//! [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
//! [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
//! [RFC 9470]: https://www.rfc-editor.org/rfc/rfc9470
//! [RFC 6749]: https://www.rfc-editor.org/rfc/rfc6749
//! [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
//! [RFC 8414]: https://www.rfc-editor.org/rfc/rfc8414
//! [OpenID Connect Discovery 1.0]: https://openid.net/specs/openid-connect-discovery-1_0.html
//! [RFC 3986]: https://www.rfc-editor.org/rfc/rfc3986
//! [RFC 8615]: https://www.rfc-editor.org/rfc/rfc8615
//! [RFC 6761]: https://www.rfc-editor.org/rfc/rfc6761
//! [MCP authorization]: https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
//! [WHATWG URL Standard]: https://url.spec.whatwg.org/#concept-host-parser

#![no_std]
// docs.rs builds with `--cfg docsrs`: show the crate feature each gated item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod client;
#[cfg(feature = "serde")]
mod documents;
mod field;
mod flow;
mod guard;
#[cfg(feature = "http")]
mod http;
mod metadata;
#[cfg(feature = "alloc")]
mod owned;
mod server;
mod text;
mod union;
// Work counts over inputs of up to 1 MiB: deterministic, with no unsafe code for Miri to
// check, and many minutes under it.
#[cfg(all(test, not(miri)))]
mod union_tests;
mod url;
mod views;
mod well_known;

/// The parse error of every signpost parser: a byte offset and a message naming the grammar
/// element (here, the URI component).
pub use signpost_syntax::{Error as ParseError, Found};

// The types of the crates below that appear in this crate's API, so that one dependency
// does the main jobs.

/// Re-exported from `signpost-challenge`: a parsed `WWW-Authenticate` challenge and the
/// parser (what the typed views read), its leniency, the writer challenges go through, and
/// the readers of an `Authorization` value.
pub use signpost_challenge::{
    bearer_token, token_for, Challenge, ChallengeWriter, Challenges, Leniency,
};
/// Re-exported from `signpost-error`: an OAuth `error` code, registered or not.
pub use signpost_error::ErrorCode;
/// Re-exported from `signpost-scope`: a scope (RFC 6749 §3.3), one of its tokens, and the
/// error of [`Scope::parse`].
pub use signpost_scope::{Error as ScopeError, Scope, ScopeToken};
/// Re-exported from `signpost-syntax`: a parameter value, a token or a quoted-string
/// unescaped lazily.
pub use signpost_syntax::Value;

pub use client::{
    Action, AuthServer, ClientState, Decision, NextStep, Reason, ScopeRequest, ScopeUnion,
    ScopeUnionIter,
};
#[cfg(feature = "serde")]
pub use documents::{AuthorizationServerMetadata, ResourceMetadata};
pub use field::{FieldError, SpaceList, SpaceListIter};
pub use flow::{Flow, FlowIter, Flows};
pub use guard::{Guard, Refusal};
#[cfg(feature = "http")]
pub use http::HeaderLines;
pub use metadata::{Mismatch, Rule};
#[cfg(feature = "alloc")]
pub use owned::{OwnedDecision, OwnedNextStep};
pub use server::{
    Rejection, ResponseChallenge, ResponseChallenges, Schemes, ServerContext, ServerResponse,
    TokenProblem,
};
pub use url::{Host, Url};
pub use views::{
    Bearer, BearerChallenge, ChallengeParams, Dpop, DpopChallenge, OAuth2, OAuth2Challenge,
    OAuthChallenge, Scheme, SchemeKind, WriteError, MAX_FLOWS_LEN,
};
pub use well_known::{
    Issuer, IssuerMetadataUrl, IssuerProbe, Kind, MetadataPath, ResourceId, ResourceMetadataUrl,
    ResourceProbe, Source, Suffix, UrlForm,
};

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
