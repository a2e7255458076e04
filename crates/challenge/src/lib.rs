//! `WWW-Authenticate`, `Proxy-Authenticate`, `Authorization` and `Proxy-Authorization`
//! (RFC 9110 §11): a zero-copy, `no_std` parser and serializer for challenges and
//! credentials.
//!
//! When a request to a protected resource fails, the resource says why and where to go next
//! in its challenges; this crate reads them exactly as RFC 9110 writes them, including the
//! cases other parsers get wrong, and writes them so that no value can break the field.
//!
//! - [`Challenges`]: a lazy iterator over the challenges of one field line or of all the
//!   lines of the field (RFC 9110 §5.3), each a scheme plus nothing, a `token68`, or
//!   auth-params ([`Challenge`], [`Params`], [`AuthParam`]); values are
//!   [`Value`]s that borrow from the input and unescape lazily. Scheme and param names are
//!   matched ignoring ASCII case, as whole names.
//! - [`parse_credentials`], [`parse_credentials_lines`] (the field is a singleton),
//!   [`bearer_token`] and [`token_for`] for `Authorization`.
//! - [`Leniency`]: named switches for what real servers send (single quotes, missing commas,
//!   unquoted text, duplicates, unterminated or stray quotes, a token68 with auth-params, an
//!   empty field, recovery after a bad challenge), and the record of what was forgiven per
//!   challenge. Strict by default.
//! - [`ChallengeWriter`]: the serializer, into any [`core::fmt::Write`].
//!
//! ```
//! use signpost_challenge::{Challenges, ChallengeWriter};
//!
//! // An MCP server's 403, with a DPoP challenge beside the Bearer one.
//! let value = br#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", DPoP algs="ES256 PS256""#;
//! let bearer = Challenges::new(value).find_scheme("bearer")?.expect("a Bearer challenge");
//! assert_eq!(bearer.param("error").unwrap(), "insufficient_scope");
//! assert_eq!(
//!     bearer.param("resource_metadata").unwrap().as_str(),
//!     Some("https://mcp.example.com/.well-known/oauth-protected-resource")
//! );
//!
//! // And back.
//! let mut out = String::new();
//! ChallengeWriter::new(&mut out).parsed(&bearer).unwrap();
//! assert!(out.starts_with(r#"Bearer error="insufficient_scope", scope="files:read files:write""#));
//! # Ok::<(), signpost_challenge::Error>(())
//! ```
//!
//! Errors carry the byte offset and name the grammar element:
//!
//! ```
//! use signpost_challenge::Challenges;
//!
//! let err = Challenges::new(b"Bearer realm").next().unwrap(); // a token68, fine
//! assert!(err.is_ok());
//! let err = Challenges::new(br#"Bearer realm="x" error="y""#).next().unwrap().unwrap_err();
//! assert_eq!(err.to_string(), "expected ',' or end of field after auth-param, found 'e' at byte 17");
//! ```
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `perf` | yes | the fast paths: each param's position packed by the first pass so that [`Params`] does not parse again (up to seven per challenge), one UTF-8 check per field line, and those of `signpost-syntax` |
//! | `alloc` | no | `Value::to_unescaped` (through `signpost-syntax`) |
//! | `std` | no | implies `alloc` |
//! | `arbitrary` | no | `arbitrary::Arbitrary` for [`Leniency`], for structure-aware fuzzing |
//! | `nom` | no | [`nom`](mod@nom): nom 8 parsers over `&[u8]` (`challenges`, `challenge`, `credentials`, `auth_param` and the lexical ones of `signpost-syntax`) on the same scanners, returning the same types, with an error that keeps the rule and the place; builds without `std` or `alloc` |
//!
//! Parsing and writing need no feature and never allocate. Without `perf`
//! (`default-features = false`, as a firmware builds), the parser compiles smaller code paths
//! that give the same results and the same errors (offsets and messages): params are parsed
//! again when iterated, and names become text only when [`AuthParam::name`] or
//! [`Challenge::scheme`] asks for it, so a caller that only compares names never links the
//! UTF-8 validator. The parse and a lookup of three params fit in under 4 KiB of Cortex-M
//! code (`docs/embedded.md`).
//!
//! # Implementation notes
//!
//! Deliberate choices where RFC 9110 leaves room or where this crate departs from it (also
//! listed in `docs/conformance.md`):
//!
//! - **token68 versus auth-param.** After `auth-scheme 1*SP`, a `token68` is recognised only
//!   when it is the whole body of the challenge (followed by OWS and a comma or the end).
//!   So `Bearer abc=` is a token68 and `Bearer abc=def` is an auth-param, which is the only
//!   reading the grammar allows.
//! - **Empty list elements.** `, ,`, leading and trailing commas are skipped (§5.6.1). Since
//!   `#auth-param` may start with empty elements, `Bearer , realm="x"` gives `realm` to
//!   `Bearer`; `Bearer, realm="x"` (no SP) does not, and is an error unless
//!   [`Leniency::PARAM_AFTER_BARE_SCHEME`] is set.
//! - **Several field lines** are read as if joined by `", "` (§5.3), so auth-params may
//!   continue on the next line; error offsets count in that joined value.
//! - **Duplicates.** A repeated auth-param name in one challenge is an error (§11.2 says it
//!   MUST NOT happen); with [`Leniency::DUPLICATE_PARAM`] the first occurrence wins. The same
//!   name in two challenges is fine (RFC 9449 figure 19).
//! - **At most [`MAX_PARAMS`] (32) auth-params per challenge**, an implementation limit that
//!   keeps duplicate detection linear with a fixed, small stack table.
//! - **obs-text** (bytes 0x80-0xFF) is accepted inside quoted strings, as recipients must;
//!   it is kept as bytes in [`Value`]. `Display` writes it as U+FFFD.
//! - **`1*SP` after the scheme** is SP only; HTAB there needs [`Leniency::WHITESPACE`].
//! - **Unknown schemes and params** are parsed like any other; meaning is for the layers
//!   above (`signpost`).
//! - **`1#challenge`.** A field value with no challenge (empty, or only OWS and commas) is an
//!   error (RFC 9110 §11.6.1, §11.7.1); with [`Leniency::EMPTY_FIELD`] it yields nothing and
//!   [`Challenges::forgiven`] reports it. [`Challenges::from_lines`] with no line at all is
//!   no field, and yields nothing without error.
//! - **obs-fold** (RFC 9112 §5.2: CRLF followed by SP or HTAB, which a user agent replaces
//!   with SP) is read as whitespace wherever OWS, BWS or the `1*SP` after the scheme stands,
//!   and as SP inside a quoted-string, in every mode; offsets count in the bytes as they
//!   came. A [`Value`] holding one keeps the fold in [`Value::as_raw`] (the input), gives SP
//!   for its CR and LF in its content ([`Value::chunks`], `Display`, comparisons) and lends
//!   nothing out through [`Value::as_bytes`] / [`Value::as_str`]; see [`Value::has_folds`].
//!   A bare CR or LF stays an error. Not inside single quotes ([`Leniency::SINGLE_QUOTES`]).
//! - **`Authorization` is a singleton**: [`parse_credentials_lines`] refuses a second field
//!   line (RFC 9110 §5.3, RFC 9449 §7.1).
//! - **Browser recoveries**, each a switch: a quoted-string without its closing DQUOTE at the
//!   end of the line ([`Leniency::UNTERMINATED_QUOTE`], as Chromium and Firefox read it), a
//!   DQUOTE inside a quoted value that does not end it ([`Leniency::STRAY_QUOTE`]), a
//!   `token68` followed by auth-params ([`Leniency::TOKEN68_PARAMS`]; the serializer writes
//!   the token68 of such a challenge only, as strict output has no form for both). A token68
//!   after an unquoted value (`realm=x abc==`) is not recovered: it has several readings.
//! - **Strict parsing stops** at the first error (the iterator fuses). With
//!   [`Leniency::RECOVER`] the bad challenge is reported and parsing goes on at the next
//!   element that can start a challenge.
//! - The serializer does not check that param names are unique within a challenge; the
//!   caller decides the names.
//! - The nom parsers (feature `nom`) take the field value at the start of their input up to
//!   the first CR or LF that does not start an obs-fold (which they read as the fast API
//!   does, above). They are strict.
//!
//! # Minimum supported Rust version
//!
//! 1.81.

#![no_std]
// docs.rs builds with `--cfg docsrs`: show the crate feature each gated item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod auth_param;
mod challenge;
mod challenges;
mod credentials;
mod leniency;
#[cfg(feature = "nom")]
pub mod nom;
mod params;
mod source;
mod write;

pub use challenge::Challenge;
pub use challenges::Challenges;
pub use credentials::{bearer_token, parse_credentials, parse_credentials_lines, token_for};
pub use leniency::Leniency;
pub use params::{AuthParam, Params, MAX_PARAMS};
pub use signpost_syntax::{Error, Found, Value, WriteError};
pub use write::ChallengeWriter;

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Leniency {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let bits: u16 = u.arbitrary()?;
        let mut l = Leniency::NONE;
        for (i, name) in Leniency::ALL.names().enumerate() {
            if bits & (1 << i) != 0 {
                if let Some(one) = Leniency::from_name(name) {
                    l |= one;
                }
            }
        }
        Ok(l)
    }
}

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
