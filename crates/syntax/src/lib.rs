//! The lexical layer of HTTP field values (RFC 9110 §5.6), shared by the signpost parsers.
//!
//! This crate holds what `WWW-Authenticate`, `Authorization` and `Link` have in common:
//!
//! - byte classes as one const-built 256-entry table ([`is_tchar`], [`is_qdtext`],
//!   [`is_token68_char`], [`is_escapable`], ...);
//! - scanners for `token`, `token68`, `quoted-string`, `OWS` and the separators of a `#list`
//!   ([`token_end`], [`token68_end`], [`quoted_string`], [`skip_ows`],
//!   [`skip_list_separators`]), each taking the whole input and an offset so that errors
//!   point into the caller's input;
//! - [`Value`], a borrowed `token` or `quoted-string` content that unescapes lazily and never
//!   allocates unless asked ([`Value::to_unescaped`] under `alloc`);
//! - [`list`], a lazy iterator over the elements of a `#list` that skips empty elements;
//! - the write side: [`write_token_or_quoted`], [`write_quoted_string`], [`write_token`],
//!   [`write_token68`] into any [`core::fmt::Write`] (a `String`, a `heapless::String`, a
//!   formatter), refusing bytes that would break or inject a field;
//! - RFC 3986 (URIs) for every signpost crate: the character classes as const-built
//!   [`AsciiSet`]s ([`AsciiSet::UNRESERVED`], [`AsciiSet::PCHAR`], [`AsciiSet::QUERY`], ...),
//!   [`percent_encode`] / [`percent_decode`], and the one `application/x-www-form-urlencoded`
//!   codec ([`form_encode`] / [`form_decode`]), with [`invalid_pct_encoded`] for strict
//!   readers;
//! - the error shape every signpost crate shares: [`Error`], the parse error every signpost
//!   parser returns (a byte offset, a message naming the grammar element, and the
//!   [`Found`] byte or end of input there), and [`WriteError`], the one error of every
//!   signpost writer (a writer failure, or a refused value with the same three parts and
//!   the field it was for).
//! - for crate authors, the hidden `leniency!` macro that defines every parser's `Leniency`
//!   (its settings and its report of what was forgiven) with one API.
//!
//! Input is bytes (`&[u8]`): an `http::HeaderValue` is bytes, and a `quoted-string` may carry
//! obs-text that is not UTF-8. A `&str` is bytes too (`s.as_bytes()`).
//!
//! ```
//! use signpost_syntax::{quoted_string, skip_ows, token_end, write_token_or_quoted};
//!
//! let field = br#"realm = "apps, \"west\"""#;
//! let name_end = token_end(field, 0);
//! assert_eq!(&field[..name_end], b"realm");
//! let eq = skip_ows(field, name_end);
//! assert_eq!(field[eq], b'=');
//! let (value, end) = quoted_string(field, skip_ows(field, eq + 1))?;
//! assert_eq!(end, field.len());
//! assert_eq!(value.to_string(), r#"apps, "west""#);
//!
//! // And back: a token stays bare, anything else is quoted and escaped.
//! let mut out = String::new();
//! write_token_or_quoted(&mut out, r#"apps, "west""#).unwrap();
//! assert_eq!(out, r#""apps, \"west\"""#);
//! # Ok::<(), signpost_syntax::Error>(())
//! ```
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `perf` | yes | skips runs of plain text inside quoted strings sixteen bytes a step and long `token68` runs eight (SWAR); without it (`default-features = false`), the same results and errors from a byte-at-a-time loop, smaller code for firmware |
//! | `alloc` | no | [`Value::to_unescaped`], returning a `Cow` that borrows when it can |
//! | `std` | no | implies `alloc`; nothing else yet (the error types implement `core::error::Error`) |
//! | `nom` | no | [`nom`](mod@nom): nom 8 parsers over `&[u8]` for `token`, `token68`, `quoted-string`, `OWS` and the `#list` separator, on the same scanners, and [`NomError`](nom::NomError), a nom error that keeps the rule and the place; builds without `std` or `alloc` |
//!
//! The crate is `#![no_std]`, has no dependencies, no `unsafe`, and never allocates in a
//! parse or a write.
//!
//! # Implementation notes
//!
//! - Percent-decoding keeps a `%` that does not start a `%XX` triple as it is (the WHATWG
//!   URL Standard's percent-decode); the strict readers of the other signpost crates refuse
//!   such a value first ([`invalid_pct_encoded`]), so that a value has one reading.
//! - [`form_encode`] writes a space as `+` (WHATWG URL Standard §5.2, RFC 6749 Appendix B)
//!   and keeps RFC 3986 `unreserved`; WHATWG keeps `*` and encodes `~` instead. Any form
//!   parser decodes both alike. [`percent_encode`] writes a space as `%20`: it is for URI
//!   components (RFC 3986 §2.1), where `+` is a literal plus.
//! - The scanners accept `obs-text` (bytes 0x80-0xFF) inside quoted strings, as RFC 9110
//!   requires of recipients. [`write_quoted_string`] writes non-ASCII text of a `&str` as
//!   it is (it is obs-text on the wire); senders that want ASCII only must check first.
//! - A `quoted-pair` may escape any HTAB, SP, VCHAR or obs-text byte when reading; when
//!   writing, only `"` and `\` are escaped (RFC 9110 §5.6.4: senders SHOULD NOT generate
//!   other quoted-pairs).
//! - The writers refuse CR, LF, NUL, the other controls except HTAB, and DEL instead of
//!   escaping them: a quoted-pair cannot carry them (RFC 9110 §5.6.4) and they could end the
//!   field.
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

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod error;
mod ip;
mod leniency;
mod lex;
mod list;
#[cfg(feature = "nom")]
pub mod nom;
mod table;
mod uri;
mod value;
mod write;

pub use error::{Error, Found, WriteError};
pub use ip::{check_ip_literal, ipv4_address, ipv6_address};
pub use lex::{quoted_string, quoted_with, skip_list_separators, skip_ows, token68_end, token_end};
pub use list::{list, Element, List};
pub use table::{
    is_escapable, is_forbidden_in_field, is_obs_text, is_ows, is_qdtext, is_tchar, is_token68_char,
    is_vchar,
};
pub use uri::{
    form_decode, form_encode, hex_pair, invalid_pct_encoded, percent_decode, percent_encode,
    utf8_percent_encode, write_form_encoded, write_percent_encoded, AsciiSet, PercentDecode,
    PercentEncode,
};
pub use value::{Chunks, Value};
pub use write::{
    check_field_text, check_token, check_token68, is_plain_quoted, is_token, is_token68,
    write_quoted_string, write_token, write_token68, write_token_or_quoted,
};

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
