//! Named leniency switches, and the record of what a lenient parse forgave.

use core::fmt;

/// A set of deviations from RFC 9110 §11 that a lenient parse accepts (as options), or that
/// it had to accept for one challenge (as [`Challenge::forgiven`](crate::Challenge::forgiven)).
///
/// Strict parsing ([`Leniency::NONE`]) is the default. Each switch is named after what real
/// servers send; [`Leniency::ALL`] turns all of them on.
///
/// ```
/// use signpost_challenge::{Challenges, Leniency};
///
/// // The 2010 proposal of the OAuth `scope` parameter (seed 001) used single quotes, which
/// // RFC 9110 does not know: strictly, `'x2'` is a token, quotes included.
/// let value = b"Token realm='Example', scope='x2'";
/// let strict = Challenges::new(value).next().unwrap()?;
/// assert_eq!(strict.param("scope").unwrap(), "'x2'");
///
/// let mut lenient = Challenges::with_leniency(value, Leniency::SINGLE_QUOTES);
/// let challenge = lenient.next().unwrap()?;
/// assert_eq!(challenge.param("scope").unwrap(), "x2");
/// assert_eq!(challenge.forgiven(), Leniency::SINGLE_QUOTES);
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Leniency(u16);

const NAMES: [(Leniency, &str); 8] = [
    (Leniency::SINGLE_QUOTES, "single-quotes"),
    (Leniency::MISSING_COMMA, "missing-comma"),
    (Leniency::UNQUOTED_TEXT, "unquoted-text"),
    (Leniency::DUPLICATE_PARAM, "duplicate-param"),
    (Leniency::PARAM_AFTER_BARE_SCHEME, "param-after-bare-scheme"),
    (Leniency::EMPTY_VALUE, "empty-value"),
    (Leniency::WHITESPACE, "whitespace"),
    (Leniency::RECOVER, "recover"),
];

impl Leniency {
    /// Nothing forgiven: RFC 9110 §11 as written.
    pub const NONE: Leniency = Leniency(0);
    /// `realm='Example'`: a value in single quotes, read with the `quoted-string` rules
    /// (a backslash escapes the next byte; a DQUOTE inside must be escaped, as `qdtext` has
    /// none). Seen in the 2010 OAuth drafts (seed 001) and in
    /// servers that copied them.
    pub const SINGLE_QUOTES: Leniency = Leniency(1 << 0);
    /// `realm="a" error="b"`: two auth-params separated by whitespace only.
    pub const MISSING_COMMA: Leniency = Leniency(1 << 1);
    /// `realm=My Realm` or `realm=https://x/y`: an unquoted value that is not a `token`; it
    /// runs to the next comma (without the OWS before it).
    pub const UNQUOTED_TEXT: Leniency = Leniency(1 << 2);
    /// `error="a", error="b"`: a repeated auth-param name (RFC 9110 §11.2 says each name MUST
    /// occur once per challenge). The first occurrence wins; later ones are skipped by
    /// [`Params`](crate::Params) and [`Challenge::param`](crate::Challenge::param).
    pub const DUPLICATE_PARAM: Leniency = Leniency(1 << 3);
    /// `Bearer, realm="x"`: auth-params after a scheme with a comma and no space, as some
    /// serializers produce when they append `, name=value` to a bare scheme. The params are
    /// taken as the bare scheme's.
    pub const PARAM_AFTER_BARE_SCHEME: Leniency = Leniency(1 << 4);
    /// `error=, scope="x"`: an auth-param with nothing after `=`, read as an empty value.
    pub const EMPTY_VALUE: Leniency = Leniency(1 << 5);
    /// `Bearer<TAB>realm="x"`: HTAB where the grammar wants SP between scheme and params.
    pub const WHITESPACE: Leniency = Leniency(1 << 6);
    /// On a malformed challenge, report it (as an `Err` item) and go on with the next one,
    /// instead of stopping: one bad challenge does not hide a good `Bearer` after it.
    pub const RECOVER: Leniency = Leniency(1 << 7);
    /// Every switch above.
    pub const ALL: Leniency = Leniency(0xFF);

    /// Both sets of switches.
    #[must_use]
    pub const fn union(self, other: Leniency) -> Leniency {
        Leniency(self.0 | other.0)
    }

    /// Whether every switch of `other` is in `self`.
    pub const fn contains(self, other: Leniency) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no switch is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether any switch of `other` is in `self`.
    pub(crate) const fn any(self, other: Leniency) -> bool {
        self.0 & other.0 != 0
    }

    pub(crate) fn insert(&mut self, other: Leniency) {
        self.0 |= other.0;
    }

    /// The kebab-case names of the switches in the set, in a fixed order
    /// (`"single-quotes"`, `"missing-comma"`, ...), for logs and JSON.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        NAMES.into_iter().filter(move |(l, _)| self.contains(*l)).map(|(_, n)| n)
    }

    /// The switch with this kebab-case name.
    pub fn from_name(name: &str) -> Option<Leniency> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(l, _)| *l)
    }
}

impl core::ops::BitOr for Leniency {
    type Output = Leniency;
    fn bitor(self, rhs: Leniency) -> Leniency {
        self.union(rhs)
    }
}

impl fmt::Debug for Leniency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("Leniency(NONE)");
        }
        f.write_str("Leniency(")?;
        for (i, n) in self.names().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            f.write_str(n)?;
        }
        f.write_str(")")
    }
}
