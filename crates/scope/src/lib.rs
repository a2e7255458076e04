//! OAuth 2.0 scopes (RFC 6749 §3.3): validated scope tokens, zero-copy scope views,
//! fixed-capacity and owned scope sets, set algebra, a lenient parse for what real servers
//! send, and a hook for scope hierarchies. `no_std`, no allocation unless asked for, no
//! `unsafe`.
//!
//! ```abnf
//! scope       = scope-token *( SP scope-token )
//! scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
//! ```
//!
//! A scope is a set: tokens are case-sensitive, their order does not matter, and a token
//! response may narrow what was asked for (RFC 6749 §3.3), while a refresh may never widen
//! it (RFC 6749 §6). The same string appears in the `scope` parameter of authorization and
//! token requests and responses, in `WWW-Authenticate: Bearer scope="..."` challenges
//! (RFC 6750 §3) and in the MCP authorization flow, which asks a client to re-authorize
//! with the union of what it was granted and what the challenge asks for.
//!
//! | type | what it is | needs |
//! |---|---|---|
//! | [`ScopeToken`] | one validated token, borrowed; `const` constants ([`ScopeToken::OPENID`]) | |
//! | `ScopeTokenBuf` | one validated token, owned | `alloc` |
//! | [`Scope`] | a validated scope string, borrowed, in input order | |
//! | [`ScopeSet<N>`](ScopeSet) | at most `N` borrowed tokens, no duplicates, in a plain array, in the order they came (or sorted, [`ScopeSet::sort`]) | |
//! | `OwnedScopeSet` | owned tokens, sorted, no duplicates | `alloc` |
//! | [`ScopeLike`] | set algebra between any two of the above | |
//! | [`ScopeTokens`], [`Leniency`], [`Normalised`] | the token parse, strict or lenient, and its report | |
//! | [`Hierarchy`], [`satisfies`] | broader scopes that imply narrower ones | |
//! | [`RegistryScope`] | Docker / OCI `type:name:actions` tokens | |
//!
//! ```
//! use signpost_scope::{
//!     satisfies, Leniency, PrefixHierarchy, Scope, ScopeLike, ScopeSet, ScopeToken, ScopeTokens,
//! };
//!
//! // A resource server: does the token's scope cover what this endpoint needs?
//! let granted = ScopeSet::<16>::parse("openid repo files:read")?;
//! let required = Scope::parse("repo:status files:read")?;
//! assert!(!required.is_subset(&granted));
//! assert!(satisfies(&granted, &required, &PrefixHierarchy::new())); // repo ⇒ repo:status
//!
//! // A client after `403 insufficient_scope, scope="files:write"`: ask for the union.
//! let challenge = Scope::parse("files:write")?;
//! let mut wanted = ScopeSet::<16>::new();
//! wanted.try_extend(granted.union(&challenge)).expect("16 is enough");
//! assert_eq!(wanted.to_string(), "files:read files:write openid repo");
//! // Wider than what was granted: a refresh grant cannot give it (RFC 6749 §6).
//! assert!(wanted.is_strict_superset(&granted));
//! assert!(wanted.contains(ScopeToken::OPENID.as_str()));
//!
//! // What a GitHub-style server sends, normalised and reported:
//! let lenient = ScopeTokens::new("repo,user:email").with_leniency(Leniency::ALL);
//! let (set, report) = ScopeSet::<8>::from_tokens(lenient)?;
//! assert_eq!(set.to_string(), "repo user:email");
//! assert_eq!(report.to_string(), "commas at byte 4");
//! # Ok::<(), signpost_scope::Error>(())
//! ```
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `perf` | yes | the fast scanners: sixteen bytes at a time (vector compares where the target has them, SWAR otherwise); without it, one byte at a time in less code, with the same results and the same errors (for firmware, see `docs/embedded.md`) |
//! | `alloc` | no | `ScopeTokenBuf`, `OwnedScopeSet`, `to_owned_set()` / `collect()` |
//! | `std` | no | implies `alloc`; nothing else (the errors implement `core::error::Error`) |
//! | `serde` | no | every type as one space-separated string (sets in canonical form); [`Scope`], [`ScopeToken`] and [`ScopeSet`] borrow from the input; works without `alloc` |
//! | `arbitrary` | no | structure-aware `Arbitrary` for the tokens, views and sets (always valid); implies `alloc` |
//!
//! Its one required dependency is `signpost-syntax` (without default features), the base
//! of every signpost crate, for the shape of its errors ([`Found`]) and the definition of
//! [`Leniency`] that every signpost parser shares; it adds no code to the scanners.
//!
//! # Implementation notes
//!
//! Deliberate choices where RFC 6749 leaves room or where this crate departs from it:
//!
//! - The strict parsers follow the grammar exactly: one SP between tokens, nothing before
//!   or after, at least one token. An empty string is an error for [`Scope::parse`] and the
//!   set parsers; an empty *set* is still a value ([`ScopeSet::new`]) whose canonical form
//!   is the empty string, which callers should send by omitting the parameter.
//! - Duplicates are allowed by the grammar (`"a a"`). A [`Scope`] view keeps them, as it
//!   came; the sets drop them (the first occurrence stays); the lenient set parsers
//!   report them.
//! - A [`ScopeSet`] keeps its tokens in the order they came: building it from a parse
//!   costs no sorting. Its first eight tokens live in a small inline array, each with a tag
//!   byte from its hash, so that one 64-bit compare finds a duplicate's candidates; only a
//!   set that grows past eight sets up its full-capacity array and a hash index. A new set
//!   costs the same whatever its capacity. Its `Display` is still the canonical form; [`ScopeSet::sort`] sorts it in
//!   place when it will be compared or written many times.
//! - The canonical form sorts tokens byte-wise (so `Z` before `a`) and joins them with one
//!   SP. RFC 6749 gives order no meaning; a stable order makes scopes comparable as
//!   strings, cacheable and testable.
//! - [`Scope`]'s `==` compares the strings; [`ScopeLike::same_set`] compares sets.
//! - The token parse ([`ScopeTokens`]) is strict by default; each [`Leniency`] switch
//!   accepts, and reports, one deviation: `,` and `+` as separators (both are legal inside a
//!   token, so neither is on unless asked for), HTAB, LF, FF and CR as separators, runs of
//!   SP, separators before the first or after the last token, and no token at all. It never accepts `"`, `\`, other controls, DEL
//!   or non-ASCII bytes: no leniency could make them a token.
//! - The owned set deserializes (`serde`, human-readable formats) from an array of
//!   tokens as well as from a string, as some token endpoints send JSON arrays. It always
//!   serializes to the string.
//! - A hierarchy rule is applied one step at a time ([`Hierarchy`]); rules that should be
//!   transitive say so themselves.
//! - [`ScopeToken`] is a `Copy` wrapper around `&str`, not an unsized `str` newtype: the
//!   latter needs `unsafe` (or a crate that uses it) to build from a `&str`.
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

mod algebra;
#[cfg(feature = "arbitrary")]
mod arbitrary_impl;
mod capacity;
mod error;
mod hierarchy;
mod lenient;
#[cfg(feature = "alloc")]
mod owned;
mod registry;
mod scope;
#[cfg(feature = "serde")]
mod serde_impl;
mod set;
mod table;
mod token;

pub use algebra::{Difference, Intersection, ScopeLike, Union};
pub use capacity::CapacityError;
pub use error::Error;
pub use hierarchy::{
    satisfies, unsatisfied, Exact, Hierarchy, PrefixHierarchy, Unsatisfied, WriteImpliesRead,
};
pub use lenient::{Leniency, Normalisation, Normalised, NormalisedIter, ScopeTokens};
#[cfg(feature = "alloc")]
pub use owned::{OwnedIter, OwnedScopeSet};
pub use registry::{Actions, RegistryScope};
pub use scope::{Scope, Tokens};
pub use set::{Iter, ScopeSet};
/// What an [`Error`] found at its offset, shared with every signpost crate.
pub use signpost_syntax::Found;
pub use token::ScopeToken;
#[cfg(feature = "alloc")]
pub use token::ScopeTokenBuf;

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
