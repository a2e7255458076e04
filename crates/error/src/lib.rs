//! The OAuth error registry as data, and the error responses that carry its codes.
//!
//! A resource server, an authorization server and a client all need the same facts about an
//! OAuth error code: where it may be used, which HTTP status the specification prescribes
//! there, how it travels (a redirect, a JSON body, a `WWW-Authenticate` challenge), and what
//! the client should do about it. This crate holds them:
//!
//! - [`ErrorCode`]: an opaque code type with a `pub const` for each name in the IANA
//!   "OAuth Extensions Error Registry" (50 rows, 49 names, as of 2026-03-25), extension codes
//!   that round-trip unchanged, and a lookup by compile-time perfect hash
//!   ([`ErrorCode::parse`]);
//! - [`registry()`]: one [`Entry`] per (code, [`UsageLocation`]), with the HTTP status,
//!   the [`Channel`], the [`Remedy`] (fix the request, refresh, authorize, step up, ask for
//!   scope, retry with a DPoP nonce, keep polling, slow down, register again, retry later,
//!   give up), the defining section, and the IANA row verbatim; [`ErrorCode::entries`] and
//!   [`ErrorCode::at`] query it; [`unregistered()`] lists known codes that are not registered
//!   (CIBA, `unmet_authentication_requirements`, Microsoft's `insufficient_claims`);
//! - wire validation: [`check_error`], [`check_error_description`], [`check_error_uri`],
//!   [`check_state`], [`check_iss`], with errors that name the offending byte and its offset;
//! - [`ErrorResponse`]: the JSON error body of RFC 6749 §5.2, borrowed, with a JSON writer
//!   into any [`core::fmt::Write`] and (feature `serde`) `Serialize`/`Deserialize`; and its
//!   redirect form ([`ErrorResponse::write_query`]);
//! - [`AuthorizationErrorResponse`]: the error in an authorization response's query,
//!   fragment or form-post body, with RFC 9207 `iss` checks, read lazily into [`Encoded`]
//!   values with no allocation.
//!
//! Specifications: RFC 6749 §4.1.2.1, §4.2.2.1, §5.2, Appendix A and B; RFC 6750 §3;
//! RFC 7009; RFC 7591; RFC 8628; RFC 8707; RFC 9200; RFC 9396; RFC 9449; RFC 9470;
//! RFC 9207; OpenID Connect Core 1.0 §3.1.2.6; UMA 2.0 Grant §3.3.6; OpenID Federation 1.0
//! §8.9; OpenID4VP 1.0 §8.5; the IANA registry at
//! <https://www.iana.org/assignments/oauth-parameters/oauth-parameters.xhtml#extensions-error>.
//!
//! ```
//! use signpost_error::{Channel, ErrorCode, ErrorResponse, Remedy, UsageLocation};
//!
//! // A client got `error="insufficient_user_authentication"` in a challenge.
//! let code = ErrorCode::parse("insufficient_user_authentication")?;
//! let entry = code.at(UsageLocation::ResourceAccess).expect("registered there");
//! assert_eq!(entry.status(), Some(401));
//! assert_eq!(entry.channel(), Channel::WwwAuthenticate);
//! assert_eq!(entry.remedy(), Remedy::StepUp);
//! assert_eq!(entry.reference(), "RFC 9470 §3");
//!
//! // An authorization server writes a token endpoint error, with no allocation.
//! let mut body = heapless_like::Buf::<64>::new();
//! ErrorResponse::new(ErrorCode::SLOW_DOWN).write_json(&mut body)?;
//! assert_eq!(body.as_str(), r#"{"error":"slow_down"}"#);
//! # mod heapless_like {
//! #     pub struct Buf<const N: usize> { b: [u8; N], len: usize }
//! #     impl<const N: usize> Buf<N> {
//! #         pub fn new() -> Self { Buf { b: [0; N], len: 0 } }
//! #         pub fn as_str(&self) -> &str { core::str::from_utf8(&self.b[..self.len]).unwrap() }
//! #     }
//! #     impl<const N: usize> core::fmt::Write for Buf<N> {
//! #         fn write_str(&mut self, s: &str) -> core::fmt::Result {
//! #             let end = self.len + s.len();
//! #             self.b.get_mut(self.len..end).ok_or(core::fmt::Error)?.copy_from_slice(s.as_bytes());
//! #             self.len = end;
//! #             Ok(())
//! #         }
//! #     }
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `perf` | yes | [`ErrorCode::parse`] finds a registered name by a compile-time perfect hash (one multiply, a 256-byte table, one comparison), and the URI-reference checks ([`check_error_uri`], [`check_iss`]) take a one-pass shortcut for references without `%`, `#` or brackets; without it (`default-features = false`), the same results and errors from smaller code for firmware: a scan of the 49 names and the full check every time |
//! | `alloc` | no | [`Encoded::to_decoded`], [`Encoded::to_decoded_bytes`], [`ErrorResponse::into_owned`]; with `serde`, escaped JSON strings are copied instead of refused |
//! | `std` | no | implies `alloc`; nothing else (the error types implement `core::error::Error`) |
//! | `serde` | no | `Serialize` for [`ErrorCode`] and [`ErrorResponse`]; `Deserialize` for both, borrowing from the input |
//!
//! The crate is `#![no_std]`, has no `unsafe`, and allocates nothing in a parse or a write.
//! Its one required dependency is `signpost-syntax` (without default features), the base of
//! every signpost crate, whose error shape ([`Found`], [`WriteError`]) it shares.
//!
//! # Implementation notes
//!
//! - **Keys.** Names are not unique in the registry: `access_denied` has two rows (RFC 6749
//!   at the authorization endpoint, RFC 8628 while polling the token endpoint) and
//!   `invalid_request` three usage locations. An [`Entry`] is one (code, location); IANA's
//!   free-text usage locations map onto [`UsageLocation`] ("token error response" is the
//!   token endpoint, RFC 8628's "Token endpoint response" is [`UsageLocation::TokenPolling`],
//!   RFC 8707's "implicit grant error response" is the authorization endpoint with
//!   [`Channel::RedirectFragment`]); [`Entry::iana_usage`] keeps IANA's text.
//! - **Statuses.** Where a specification gives a choice, the entry holds the status it
//!   requires in the common case and the description says the rest: `invalid_client` at the
//!   token endpoint is 401 (required when the client authenticated with the `Authorization`
//!   header; 400 is allowed otherwise). RFC 6750's statuses are SHOULDs. The UMA codes are
//!   403 (UMA 2.0 Grant §3.3.6). RFC 9200's codes are 400 (4.00 over CoAP).
//! - **Where IANA and the specifications disagree**, entries follow IANA's usage locations
//!   and say so: `invalid_client` is registered for the authorization endpoint, which
//!   RFC 6749 does not define; the OpenID Federation codes are registered for the
//!   authorization endpoint, while OpenID Federation 1.0 §8.9 uses them in the JSON errors
//!   of its federation endpoints.
//! - **Remedies** are this crate's reading of each definition, not text from the
//!   specifications. Every token validation failure at a resource server is
//!   `invalid_token` (RFC 9068 §4 points to RFC 6750 §3.1), whose remedy is
//!   [`Remedy::Refresh`]; an authentication that is too weak or too old is RFC 9470's
//!   `insufficient_user_authentication`, [`Remedy::StepUp`].
//! - **Reading is lenient where the value is only for people.** [`AuthorizationErrorResponse`]
//!   and `ErrorResponse`'s `Deserialize` check `error` (`1*NQSCHAR`) but accept any
//!   `error_description` and `error_uri` without CR, LF or NUL (RFC 6749 Appendix A excludes
//!   them, raw or escaped, from every member); writing checks all of them
//!   ([`ErrorResponse::check`]).
//! - **Percent-decoding is strict**: a `%` not followed by two hex digits in a value this
//!   crate reads is an error, where WHATWG's `application/x-www-form-urlencoded` parser keeps
//!   it as it is. The values compared for security (`state`, `iss`) then have exactly one
//!   reading. Names are decoded before they are matched (`%65rror` is `error`); a name with
//!   a broken escape is an unknown parameter.
//! - **Writing `state`** requires `1*VSCHAR` (RFC 6749 Appendix A.5), and writing an empty
//!   `error_uri` is refused (the parameter is left out instead).
//! - **Writing `iss`** requires an issuer identifier (RFC 9207 §2, RFC 8414 §2): a URL with an
//!   authority, a host, and no query or fragment ([`check_iss`]), the rule
//!   `signpost_oauth::Issuer::parse` follows. `https` is not required here.
//! - **One codec.** Percent-decoding, the form encoder and the RFC 3986 character classes are
//!   those of `signpost-syntax`, shared with `signpost-link` and `signpost-oauth`.
//!
//! # Minimum supported Rust version
//!
//! 1.81, for `core::error::Error`. Raising it is a minor-version change, announced in the
//! changelog.

#![no_std]
// docs.rs builds with `--cfg docsrs`: show the crate feature each gated item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

#[cfg(any(test, feature = "alloc"))]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod code;
mod entry;
mod query;
mod registry;
mod response;
mod wire;

pub use code::{ErrorCode, InvalidErrorCode};
pub use entry::{Channel, Entry, Remedy, UsageLocation};
pub use query::{AuthorizationErrorResponse, DecodedBytes, Encoded, QueryError};
pub use registry::{registry, unregistered};
pub use response::ErrorResponse;
/// The shape of every signpost error (what was found at an offset) and the one error of
/// every signpost writer, shared with the other signpost crates.
pub use signpost_syntax::{Found, WriteError};
pub use wire::{
    check_error, check_error_description, check_error_uri, check_iss, check_state, InvalidValue,
};

/// Internals the benches compare against; not part of the API.
#[doc(hidden)]
pub mod _benchable {
    pub use crate::code::lookup_linear_scan;
}

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
