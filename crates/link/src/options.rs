//! Leniency switches ([`Options`]) and the record of what was forgiven ([`Forgiven`]).

use core::fmt;

pub(crate) const LOOSE_TARGET: u8 = 1 << 0;
pub(crate) const BARE_TARGET: u8 = 1 << 1;
pub(crate) const UNQUOTED_TEXT: u8 = 1 << 2;
pub(crate) const MISSING_COMMA: u8 = 1 << 3;
pub(crate) const EMPTY_PARAMS: u8 = 1 << 4;
pub(crate) const INVALID_EXT_VALUE: u8 = 1 << 5;
pub(crate) const SKIP_MALFORMED: u8 = 1 << 6;
const ALL: u8 = LOOSE_TARGET
    | BARE_TARGET
    | UNQUOTED_TEXT
    | MISSING_COMMA
    | EMPTY_PARAMS
    | INVALID_EXT_VALUE
    | SKIP_MALFORMED;

/// How strictly [`Links`](crate::Links) reads a `Link` field.
///
/// The default is strict: the RFC 8288 §3 grammar, nothing else, and the first error ends the
/// iteration. Each `allow_*` switch forgives one deviation that servers are known to send;
/// [`Options::lenient`] turns them all on, which follows the error handling of RFC 8288
/// Appendix B ("Algorithms for Parsing Link Header Fields"). Every link records what was
/// forgiven to read it ([`Link::forgiven`](crate::Link::forgiven)).
///
/// ```
/// use signpost_link::{Links, Options};
///
/// let field = b"<https://example.com/a b>; rel=next; title=Chapter two, \"junk\", </c>; rel=prev";
/// assert!(Links::new(field).next().unwrap().is_err());
///
/// let mut links = Links::new(field).with_options(Options::lenient());
/// let first = links.next().unwrap()?;
/// assert_eq!(first.target(), b"https://example.com/a b");
/// assert!(first.forgiven().loose_target() && first.forgiven().unquoted_text());
/// let second = links.next().unwrap()?;
/// assert_eq!(second.target(), b"/c");
/// assert!(second.forgiven().skipped_malformed());
/// assert_eq!(links.skipped(), 1);
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Options {
    flags: u8,
}

impl Options {
    /// The RFC 8288 §3 grammar and nothing else (the default).
    pub const fn strict() -> Options {
        Options { flags: 0 }
    }

    /// Every `allow_*` switch on: the recovery of RFC 8288 Appendix B.
    pub const fn lenient() -> Options {
        Options { flags: ALL }
    }

    const fn set(self, flag: u8, on: bool) -> Options {
        Options { flags: if on { self.flags | flag } else { self.flags & !flag } }
    }

    pub(crate) const fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Accept any byte but `>`, CR, LF and NUL inside `<...>` (spaces, `"`, `{`, `|`, `\`,
    /// non-ASCII IRIs, a `%` not followed by two hex digits), as Appendix B step 2.4 does.
    /// Strictly, a target is an RFC 3986 `URI-Reference`. CR, LF and NUL stay errors in every
    /// mode (RFC 9110 §5.5: a recipient rejects them or replaces them with SP, and a zero-copy
    /// parser cannot replace), so no target the parser hands out holds one.
    ///
    /// ```
    /// use signpost_link::{Links, Options};
    ///
    /// let field = b"<https://x/a\r\nSet-Cookie: a=b>; rel=next";
    /// let options = Options::lenient().skip_malformed(false);
    /// let err = Links::new(field).with_options(options).next().unwrap().unwrap_err();
    /// assert_eq!((err.offset(), err.message()), (12, "invalid character in URI-Reference"));
    /// ```
    pub const fn allow_loose_target(self, on: bool) -> Options {
        self.set(LOOSE_TARGET, on)
    }

    /// Accept a target without angle brackets (`https://example.com/; rel=next`): the
    /// target runs to the first `;`, `,` or whitespace, so a bare target cannot hold those;
    /// a CR, LF or NUL after it is an error.
    pub const fn allow_bare_target(self, on: bool) -> Options {
        self.set(BARE_TARGET, on)
    }

    /// Accept an unquoted value that is not a `token` (`title=Chapter two`,
    /// `type=text/html`): the value runs to the next `;` or `,`, without trailing
    /// whitespace, as Appendix B.3 step 2.7.4 does. An empty value (`rel=;`) is accepted too.
    /// A CR, LF or NUL ends the value, and is then an error (RFC 9110 §5.5).
    pub const fn allow_unquoted_text(self, on: bool) -> Options {
        self.set(UNQUOTED_TEXT, on)
    }

    /// Accept a `link-value` that follows the previous one without a comma
    /// (`</a>; rel=next </b>; rel=prev`).
    pub const fn allow_missing_comma(self, on: bool) -> Options {
        self.set(MISSING_COMMA, on)
    }

    /// Accept empty parameters: a trailing `;` (`</a>; rel=next;`) or `;;`.
    pub const fn allow_empty_params(self, on: bool) -> Options {
        self.set(EMPTY_PARAMS, on)
    }

    /// Keep a link whose `title*` is not a valid RFC 8187 `ext-value`; the bad `title*` is
    /// still listed by [`Link::params`](crate::Link::params) but
    /// [`Link::title`](crate::Link::title) ignores it and falls back to `title`, as
    /// RFC 8288 §3.4.2 allows.
    pub const fn allow_invalid_ext_value(self, on: bool) -> Options {
        self.set(INVALID_EXT_VALUE, on)
    }

    /// Skip a malformed `link-value` to the next comma outside `<...>` and quoted strings,
    /// and go on with the next one, instead of ending the iteration with an error. The
    /// iterator counts what it skipped ([`Links::skipped`](crate::Links::skipped)) and keeps
    /// the first error ([`Links::first_skipped`](crate::Links::first_skipped)).
    pub const fn skip_malformed(self, on: bool) -> Options {
        self.set(SKIP_MALFORMED, on)
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_set();
        for (flag, name) in NAMES {
            if self.flags & flag != 0 {
                list.entry(&format_args!("{name}"));
            }
        }
        list.finish()
    }
}

const NAMES: [(u8, &str); 7] = [
    (LOOSE_TARGET, "loose_target"),
    (BARE_TARGET, "bare_target"),
    (UNQUOTED_TEXT, "unquoted_text"),
    (MISSING_COMMA, "missing_comma"),
    (EMPTY_PARAMS, "empty_params"),
    (INVALID_EXT_VALUE, "invalid_ext_value"),
    (SKIP_MALFORMED, "skipped_malformed"),
];

/// What a lenient parse forgave to read one link. Empty under [`Options::strict`].
///
/// ```
/// use signpost_link::{Links, Options};
///
/// let link = Links::new(b"</a>; rel=next;").with_options(Options::lenient()).next().unwrap()?;
/// assert!(link.forgiven().empty_params());
/// assert_eq!(link.forgiven().names().collect::<Vec<_>>(), ["empty_params"]);
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Forgiven {
    flags: u8,
}

impl Forgiven {
    pub(crate) const fn from_bits(flags: u8) -> Forgiven {
        Forgiven { flags }
    }

    /// Whether nothing was forgiven.
    pub const fn is_empty(&self) -> bool {
        self.flags == 0
    }

    /// The target held bytes outside RFC 3986 ([`Options::allow_loose_target`]).
    pub const fn loose_target(&self) -> bool {
        self.flags & LOOSE_TARGET != 0
    }

    /// The target had no angle brackets ([`Options::allow_bare_target`]).
    pub const fn bare_target(&self) -> bool {
        self.flags & BARE_TARGET != 0
    }

    /// A value was neither a `token` nor a `quoted-string`
    /// ([`Options::allow_unquoted_text`]).
    pub const fn unquoted_text(&self) -> bool {
        self.flags & UNQUOTED_TEXT != 0
    }

    /// No comma stood between this link and the previous one
    /// ([`Options::allow_missing_comma`]).
    pub const fn missing_comma(&self) -> bool {
        self.flags & MISSING_COMMA != 0
    }

    /// Empty parameters were ignored ([`Options::allow_empty_params`]).
    pub const fn empty_params(&self) -> bool {
        self.flags & EMPTY_PARAMS != 0
    }

    /// A `title*` was not a valid `ext-value` ([`Options::allow_invalid_ext_value`]).
    pub const fn invalid_ext_value(&self) -> bool {
        self.flags & INVALID_EXT_VALUE != 0
    }

    /// A malformed `link-value` right before this one was skipped
    /// ([`Options::skip_malformed`]).
    pub const fn skipped_malformed(&self) -> bool {
        self.flags & SKIP_MALFORMED != 0
    }

    /// The names of what was forgiven, in a fixed order: `loose_target`, `bare_target`,
    /// `unquoted_text`, `missing_comma`, `empty_params`, `invalid_ext_value`,
    /// `skipped_malformed`.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        let flags = self.flags;
        NAMES.into_iter().filter(move |(f, _)| flags & f != 0).map(|(_, n)| n)
    }
}

impl fmt::Debug for Forgiven {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}
