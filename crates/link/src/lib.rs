//! `Link` header fields (RFC 8288): a zero-copy, `no_std` parser and serializer, the
//! relation-type registry, `title*` (RFC 8187), and the OAuth response metadata of
//! draft-sakimura-oauth-meta (`turi`, `ruri`, `duri`, `auri`).
//!
//! - [`Links`]: a lazy iterator over the links of one field line or of several, strict by
//!   default, lenient on request ([`Leniency`], after RFC 8288 Appendix B). Each [`Link`]
//!   borrows its target and its parameters ([`Link::params`]); `rel` is split into relation
//!   types ([`Link::rels`]); the first-occurrence rules of RFC 8288 §3 hold for `rel`,
//!   `anchor`, `title`, `title*`, `type` and `media`; `title*` decodes lazily ([`ExtValue`]).
//! - [`Rel`]: relation types as constants, compared as RFC 8288 §2.1 says; unknown ones
//!   round-trip.
//! - [`LinkWriter`]: writes links into any [`core::fmt::Write`], quoting and encoding as
//!   needed and refusing what could inject into the field.
//! - [`ResponseMetadata`]: `turi`/`ruri`/`duri`/`auri` from a `Link` field or a redirect URI's
//!   query, the draft's precedence rule ([`resolve`]), and both writers.
//!
//! Specs: [RFC 8288](https://www.rfc-editor.org/rfc/rfc8288) (Web Linking),
//! [RFC 8187](https://www.rfc-editor.org/rfc/rfc8187) (`ext-value`),
//! [RFC 9110 §5.3, §5.6](https://www.rfc-editor.org/rfc/rfc9110) (field lines, lists, tokens,
//! quoted strings), [RFC 3986](https://www.rfc-editor.org/rfc/rfc3986) (URI characters),
//! [draft-sakimura-oauth-meta-05](https://datatracker.ietf.org/doc/html/draft-sakimura-oauth-meta-05)
//! (expired, never registered).
//!
//! ```
//! use signpost_link::{LinkWriter, Links, Rel};
//!
//! let field = br#"</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel"#;
//! for link in Links::new(field) {
//!     let link = link?;
//!     let rels: Vec<String> = link.rels().map(|r| r.to_string()).collect();
//!     println!("{:?} {rels:?} {}", link.target_str(), link.title().unwrap());
//! }
//! let next = Links::new(field).filter_map(Result::ok).find(|l| l.has_rel(Rel::NEXT)).unwrap();
//! assert_eq!(next.target(), b"/TheBook/chapter4");
//! assert_eq!(next.title().unwrap().to_string(), "nächstes Kapitel");
//!
//! // Parameters without a value are kept, in order.
//! let preload = Links::new(b"</app.js>; rel=preload; as=script; nopush").next().unwrap()?;
//! let params: Vec<(&str, Option<String>)> =
//!     preload.params().map(|p| (p.name(), p.value().map(|v| v.to_string()))).collect();
//! assert_eq!(params, [("rel", Some("preload".into())), ("as", Some("script".into())), ("nopush", None)]);
//!
//! // And back.
//! let mut out = String::new();
//! LinkWriter::new(&mut out).write_link(&next)?;
//! assert_eq!(out, r#"</TheBook/chapter4>; rel=next; title*=UTF-8'de'n%c3%a4chstes%20Kapitel"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `perf` | yes | the fast paths: a strict scanner for the common `link-value` beside the general one, the first parameters of each link remembered from the first scan (so that [`Link::params`] does not scan them again), four- and eight-byte steps over runs, a separate loop for `title*` values without quoted-pairs. Without it (`default-features = false`) the crate compiles one general scanner, about 3.8 KiB of code for a firmware that parses a field and finds two relations instead of 9.5 KiB, with the same results and the same errors (offsets and messages) |
//! | `alloc` | no | `to_decoded()` on [`ExtValue`] and [`EncodedValue`], returning a `Cow` that borrows when it can; [`Value::to_unescaped`] |
//! | `std` | no | implies `alloc`; nothing else (the error types implement `core::error::Error`) |
//! | `nom` | no | [`nom`](mod@nom): nom 8 parsers over `&[u8]` (`links`, `link_value` and the lexical ones of `signpost-syntax`) on the same scanners, returning the same types, with an error that keeps the rule and the place; builds without `std` or `alloc` |
//!
//! The crate is `#![no_std]`, has no dependency but `signpost-syntax`, no `unsafe`, and never
//! allocates to parse or to write. Parsing is linear in the input, with no recursion; the
//! tests check the work on 1 KiB, 64 KiB and 1 MiB hostile values, and count allocations.
//!
//! # Implementation notes
//!
//! Deliberate choices where RFC 8288 leaves room or where this crate departs from it (also in
//! `docs/conformance.md`):
//!
//! - **Targets are checked, not resolved.** The strict parser accepts in `<...>` exactly the
//!   RFC 3986 characters (`unreserved`, `gen-delims`, `sub-delims`) and `%` followed by two
//!   hex digits; it does not check the `URI-Reference` structure (where `#`, `[` or `:` may
//!   stand). SP, CTLs, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}` and non-ASCII bytes are
//!   refused: RFC 3986 has no place for them, and an IRI must be converted to a URI before it
//!   goes into the field (RFC 8288 §3.1). Relative references are returned as sent:
//!   resolving them against the request URI (RFC 8288 §3.1, §3.2) is the caller's job (this
//!   crate has no URL type).
//! - **Relation types are not validated.** The `rel` value is split on SP and HTAB
//!   (Appendix B splits on RWS; the ABNF says `1*SP`) and each part is kept as sent, so an
//!   unregistered short name such as `turi` is accepted although RFC 8288 §2.1.2 wants
//!   extension types to be URIs. A link without `rel` (which a sender MUST NOT send) is kept
//!   and has no relation types. Comparison is ASCII case-insensitive for registered and
//!   extension types alike, with no URI normalisation (RFC 8288 §2.1.1, §2.1.2).
//! - **First occurrence.** A second `rel`, `anchor`, `title`, `title*`, `type` or `media` is
//!   not an error: the accessors ignore it, as parsers MUST, and [`Link::params`] still lists
//!   it. `anchor` has no cardinality rule in §3.2; the accessor takes the first, like
//!   Appendix B.
//! - **`title*`** may be a `token` or a `quoted-string` (§3 lets every `link-param` use
//!   either); every `title*` is checked as an `ext-value` when the link is read, a UTF-8 one
//!   must decode to valid UTF-8, and the language tag is checked for its characters only.
//!   Other `*` parameters are not checked ([`Param::ext_value`] reads them on request).
//! - **Several field lines** are read as if joined by `", "` (RFC 9110 §5.3), with error
//!   offsets into that joined value, but a `link-value` (or a quoted string, or a target)
//!   cannot continue from one line to the next: no sender splits a value that way, and
//!   borrowing across lines is impossible.
//! - **Lenient mode** ([`Leniency::ALL`]) follows Appendix B's error handling, with each
//!   deviation a named switch, recorded per link ([`Link::forgiven`]). No switch accepts
//!   CR, LF or NUL in a target or a parameter value (RFC 9110 §5.5). It does not lowercase
//!   parameter names or relation types (Appendix B does; comparisons here ignore case
//!   instead), and it does not split one link per relation type. No switch lets CR, LF or
//!   NUL into a target or a value: RFC 9110 §5.5 has a recipient reject them or replace
//!   them with SP, and a zero-copy parser cannot replace, so they are errors in every mode
//!   (a `title*` that percent-encodes them still decodes to them: decoded text is the
//!   caller's to escape before it is shown, RFC 8187 §5).
//! - **The writer** always quotes `rel` (the RFC's own examples do, and many consumers look
//!   for `rel="..."`), refuses targets and anchors that are not RFC 3986 characters (so
//!   what it writes always parses strictly), encodes `title*` in UTF-8 with uppercase hex,
//!   and refuses CR, LF and other controls everywhere.
//! - **The nom parsers** (feature `nom`) take the field value at the start of their input up
//!   to the first CR or LF, so an obsolete line folding (RFC 9110 §5.2) ends the value
//!   there; a caller that accepts folded lines unfolds them first. They are strict.
//! - **Response metadata** follows draft-sakimura-oauth-meta-05, which expired in 2018 with
//!   its relations unregistered; `auri` comes from the IETF 95 slides. Links with an `anchor`
//!   are ignored (their context is another resource); a member given twice is an error; the
//!   precedence rule is applied to all four members. The draft's warning that query
//!   parameters can be tampered with by a man-in-the-browser is repeated on
//!   [`ResponseMetadata`].
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

mod ext;
#[cfg(feature = "perf")]
mod fast;
mod leniency;
mod link;
mod links;
mod meta;
#[cfg(feature = "nom")]
pub mod nom;
mod param;
mod rel;
mod scan;
mod table;
mod value;
mod write;

pub use ext::{ExtValue, PercentDecode, Title};
pub use leniency::Leniency;
pub use link::{Link, Params};
pub use links::Links;
pub use meta::{resolve, EncodedValue, FormDecode, Resolution, Resolved, ResponseMetadata, Source};
pub use param::Param;
pub use rel::{Rel, RelInfo, RelStatus, Rels};
pub use signpost_syntax::{Error, Found, Value, WriteError};
pub use write::LinkWriter;

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
