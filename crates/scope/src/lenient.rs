//! The token parse with its leniency switches: what real servers send instead of
//! `scope-token *( SP scope-token )`, forgiven on request and reported.

use core::fmt;
use core::iter::FusedIterator;

use crate::error::{Error, DOUBLE_SP, EXPECTED_NQCHAR, EXPECTED_TOKEN, LEADING_SP, TRAILING_SP};
use crate::table::{is_nqchar, is_other_ws};
use crate::{ScopeSet, ScopeToken};

signpost_syntax::leniency! {
    /// Which deviations from RFC 6749 §3.3 a [`ScopeTokens`] parse forgives (the setting), or
    /// which it had to forgive (the report, [`ScopeTokens::forgiven`]).
    ///
    /// Strict by default ([`Leniency::NONE`]): `scope-token *( SP scope-token )` exactly, as
    /// [`Scope::parse`](crate::Scope::parse) reads it, with the same errors. Each switch
    /// forgives what some servers send; [`Leniency::ALL`] turns all of them on:
    ///
    /// | switch | forgives | seen in |
    /// |---|---|---|
    /// | [`COMMAS`](Leniency::COMMAS) | `,` as a separator | GitHub, Facebook and Discord token responses; `scope=x2,x1` in the 2010 WG proposal that became RFC 6749 §3.3 |
    /// | [`PLUS_SIGNS`](Leniency::PLUS_SIGNS) | `+` as a separator | a form-encoded `scope=a+b` that was not form-decoded |
    /// | [`WHITESPACE`](Leniency::WHITESPACE) | HTAB, LF, FF, CR as separators | hand-written configuration, values pasted across lines |
    /// | [`SPACE_RUNS`](Leniency::SPACE_RUNS) | several SP between two tokens | string concatenation |
    /// | [`LEADING_TRAILING`](Leniency::LEADING_TRAILING) | separators before the first or after the last token | the same |
    /// | [`EMPTY`](Leniency::EMPTY) | no token at all | Docker's empty scope, `scope=","` |
    ///
    /// `,` and `+` are `NQCHAR`s, so a token may legitimately hold them: Docker registry
    /// scopes do (`repository:samalba/my-app:pull,push`). Leave [`COMMAS`](Leniency::COMMAS)
    /// off for such servers, or the token is split in three. No switch accepts `"`, `\`, other
    /// controls, DEL or non-ASCII bytes: no leniency could make them a token.
    ///
    /// ```
    /// use signpost_scope::{Leniency, ScopeTokens};
    ///
    /// let mut tokens = ScopeTokens::new("read,write").with_leniency(Leniency::ALL);
    /// assert_eq!(tokens.by_ref().collect::<Result<Vec<_>, _>>()?, ["read", "write"]);
    /// assert_eq!(tokens.forgiven(), Leniency::COMMAS);
    ///
    /// let docker = Leniency::ALL.difference(Leniency::COMMAS);
    /// let tokens = ScopeTokens::new("repository:x:pull,push").with_leniency(docker);
    /// assert_eq!(tokens.collect::<Result<Vec<_>, _>>()?, ["repository:x:pull,push"]);
    ///
    /// // Strictly, a comma is part of the token and a double SP is an error.
    /// assert_eq!(ScopeTokens::new("a,b").collect::<Result<Vec<_>, _>>()?, ["a,b"]);
    /// let err = ScopeTokens::new("a  b").find_map(Result::err).unwrap();
    /// assert_eq!(err.to_string(), "empty scope-token (double SP) at byte 2");
    /// # Ok::<(), signpost_scope::Error>(())
    /// ```
    pub struct Leniency: u8 {
        /// `read,write`: `,` separates tokens (otherwise it is part of a token, as the RFC
        /// says).
        const COMMAS = 1 << 0, "commas";
        /// `read+write`: `+` separates tokens (otherwise it is part of a token, as the RFC
        /// says).
        const PLUS_SIGNS = 1 << 1, "plus-signs";
        /// `read<TAB>write`: HTAB, LF, FF and CR separate tokens (otherwise they are errors,
        /// as the RFC says).
        const WHITESPACE = 1 << 2, "whitespace";
        /// `read  write`: several SP between two tokens (otherwise an empty token, an error).
        const SPACE_RUNS = 1 << 3, "space-runs";
        /// ` read write `: separators before the first token or after the last one.
        const LEADING_TRAILING = 1 << 4, "leading-trailing";
        /// An input with no token at all (the grammar asks for one).
        const EMPTY = 1 << 5, "empty";
    }
}

/// The tokens of a scope, in input order (duplicates kept), strictly by default and
/// leniently on request ([`with_leniency`](ScopeTokens::with_leniency)), with what was
/// forgiven on the way ([`forgiven`](ScopeTokens::forgiven)) and where
/// ([`normalised`](ScopeTokens::normalised)).
///
/// ```
/// use signpost_scope::{Leniency, Normalisation, ScopeTokens};
///
/// let mut tokens = ScopeTokens::new(" read, write+admin ").with_leniency(Leniency::ALL);
/// assert_eq!(tokens.next().unwrap()?, "read");
/// assert_eq!(tokens.token_offset(), Some(1));
/// assert_eq!(tokens.by_ref().map(|t| t.map(|t| t.as_str())).collect::<Result<Vec<_>, _>>()?, ["write", "admin"]);
/// assert_eq!(
///     tokens.forgiven().names().collect::<Vec<_>>(),
///     ["commas", "plus-signs", "leading-trailing"]
/// );
/// let report = tokens.normalised();
/// assert_eq!(report.first(Normalisation::LeadingTrailing), Some(0));
/// assert_eq!(report.first(Normalisation::Commas), Some(5));
/// assert_eq!(report.first(Normalisation::PlusSigns), Some(12));
/// assert_eq!(report.to_string(), "commas at byte 5, plus signs at byte 12, leading or trailing separators at byte 0");
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// It yields `Err` once, for a byte or a separator that the leniency does not cover, and
/// then ends. With [`Leniency::NONE`] it yields the tokens and the error of
/// [`Scope::parse`](crate::Scope::parse).
#[derive(Clone, Debug)]
pub struct ScopeTokens<'a> {
    input: &'a [u8],
    pos: usize,
    leniency: Leniency,
    done: bool,
    seen_token: bool,
    last: Option<usize>,
    report: Normalised,
}

impl<'a> ScopeTokens<'a> {
    /// The tokens of `input`, parsed strictly (relax with
    /// [`with_leniency`](ScopeTokens::with_leniency)).
    pub const fn new(input: &'a str) -> ScopeTokens<'a> {
        ScopeTokens::from_bytes(input.as_bytes())
    }

    /// [`ScopeTokens::new`] for bytes.
    pub const fn from_bytes(input: &'a [u8]) -> ScopeTokens<'a> {
        ScopeTokens {
            input,
            pos: 0,
            leniency: Leniency::NONE,
            done: false,
            seen_token: false,
            last: None,
            report: Normalised::new(),
        }
    }

    /// The same parse, forgiving the deviations in `leniency`.
    #[must_use]
    pub const fn with_leniency(mut self, leniency: Leniency) -> ScopeTokens<'a> {
        self.leniency = leniency;
        self
    }

    /// The switches the parse needed so far; complete once the iterator has ended.
    pub const fn forgiven(&self) -> Leniency {
        self.report.forgiven
    }

    /// Where each kind of deviation first occurred so far; complete once the iterator has
    /// ended.
    pub const fn normalised(&self) -> Normalised {
        self.report
    }

    /// The byte offset of the token last returned.
    pub const fn token_offset(&self) -> Option<usize> {
        self.last
    }

    #[inline]
    fn is_separator(&self, b: u8) -> bool {
        b == b' '
            || (self.leniency.any(Leniency::COMMAS) && b == b',')
            || (self.leniency.any(Leniency::PLUS_SIGNS) && b == b'+')
            || (self.leniency.any(Leniency::WHITESPACE) && is_other_ws(b))
    }

    /// Skips the separators at the cursor: `SP`, or with leniency `,`, `+`, HTAB, LF, FF, CR.
    /// A run the leniency does not cover is an error, named as [`Scope::parse`] names it.
    ///
    /// [`Scope::parse`]: crate::Scope::parse
    fn skip_separators(&mut self) -> Result<(), Error> {
        let b = self.input;
        let run_start = self.pos;
        // Whether the run holds no `,` or `+` (a run of whitespace), and only SP.
        let mut whitespace_only = true;
        let mut spaces_only = true;
        while let Some(&c) = b.get(self.pos) {
            if !self.is_separator(c) {
                break;
            }
            match c {
                b' ' => {}
                b',' => {
                    whitespace_only = false;
                    spaces_only = false;
                    self.report.note(Leniency::COMMAS, Normalisation::Commas, self.pos);
                }
                b'+' => {
                    whitespace_only = false;
                    spaces_only = false;
                    self.report.note(Leniency::PLUS_SIGNS, Normalisation::PlusSigns, self.pos);
                }
                _ => {
                    spaces_only = false;
                    self.report.note(Leniency::WHITESPACE, Normalisation::WhitespaceRuns, self.pos);
                }
            }
            self.pos += 1;
        }
        let run = self.pos - run_start;
        if run == 0 {
            return Ok(());
        }
        let double_sp = spaces_only && run > 1;
        if run_start == 0 || self.pos == b.len() {
            if self.leniency.any(Leniency::LEADING_TRAILING) {
                self.report.note(
                    Leniency::LEADING_TRAILING,
                    Normalisation::LeadingTrailing,
                    run_start,
                );
                return Ok(());
            }
            return Err(if run_start == 0 {
                Error::bare(0, LEADING_SP)
            } else if double_sp && !self.leniency.any(Leniency::SPACE_RUNS) {
                Error::bare(run_start + 1, DOUBLE_SP)
            } else {
                Error::bare(b.len() - 1, TRAILING_SP)
            });
        }
        if double_sp {
            if !self.leniency.any(Leniency::SPACE_RUNS) {
                return Err(Error::bare(run_start + 1, DOUBLE_SP));
            }
            self.report.note(Leniency::SPACE_RUNS, Normalisation::WhitespaceRuns, run_start);
        } else if whitespace_only && run > 1 {
            // HTAB and the like with SP around them: forgiven byte by byte above, reported
            // as one run from its start.
            self.report.record(Normalisation::WhitespaceRuns, run_start);
        }
        Ok(())
    }
}

impl<'a> Iterator for ScopeTokens<'a> {
    type Item = Result<ScopeToken<'a>, Error>;

    fn next(&mut self) -> Option<Result<ScopeToken<'a>, Error>> {
        if self.done {
            return None;
        }
        if let Err(e) = self.skip_separators() {
            self.done = true;
            return Some(Err(e));
        }
        let b = self.input;
        if self.pos >= b.len() {
            self.done = true;
            if !self.seen_token {
                if !self.leniency.any(Leniency::EMPTY) {
                    return Some(Err(Error::at(b, b.len(), EXPECTED_TOKEN)));
                }
                self.report.note(Leniency::EMPTY, Normalisation::Empty, 0);
            }
            return None;
        }
        let start = self.pos;
        while let Some(&c) = b.get(self.pos) {
            if !is_nqchar(c) || self.is_separator(c) {
                break;
            }
            self.pos += 1;
        }
        let end = self.pos;
        if let Some(&c) = b.get(end) {
            if !self.is_separator(c) {
                self.done = true;
                return Some(Err(Error::at(b, end, EXPECTED_NQCHAR)));
            }
        }
        // `start < end`: the byte at `start` was neither a separator nor the end, and a
        // non-NQCHAR there was reported above. The token is ASCII, hence UTF-8.
        match b.get(start..end).map(core::str::from_utf8) {
            Some(Ok(token)) if !token.is_empty() => {
                self.seen_token = true;
                self.last = Some(start);
                Some(Ok(ScopeToken::new_unchecked(token)))
            }
            _ => {
                self.done = true;
                Some(Err(Error::at(b, start, EXPECTED_NQCHAR)))
            }
        }
    }
}

impl FusedIterator for ScopeTokens<'_> {}

/// One kind of deviation that the lenient parse normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Normalisation {
    /// `,` used as a separator.
    Commas,
    /// `+` used as a separator.
    PlusSigns,
    /// HTAB, LF, FF or CR used as a separator, or a run of several SP between two tokens.
    WhitespaceRuns,
    /// Separators before the first token or after the last one.
    LeadingTrailing,
    /// A token repeated (reported by the set parsers, which drop it).
    Duplicates,
    /// No token at all (the strict grammar asks for one).
    Empty,
}

const KINDS: [Normalisation; 6] = [
    Normalisation::Commas,
    Normalisation::PlusSigns,
    Normalisation::WhitespaceRuns,
    Normalisation::LeadingTrailing,
    Normalisation::Duplicates,
    Normalisation::Empty,
];

impl Normalisation {
    /// A stable snake_case name, for logs and JSON: `commas`, `plus_signs`,
    /// `whitespace_runs`, `leading_trailing`, `duplicates`, `empty`.
    pub const fn name(self) -> &'static str {
        match self {
            Normalisation::Commas => "commas",
            Normalisation::PlusSigns => "plus_signs",
            Normalisation::WhitespaceRuns => "whitespace_runs",
            Normalisation::LeadingTrailing => "leading_trailing",
            Normalisation::Duplicates => "duplicates",
            Normalisation::Empty => "empty",
        }
    }

    const fn describe(self) -> &'static str {
        match self {
            Normalisation::Commas => "commas",
            Normalisation::PlusSigns => "plus signs",
            Normalisation::WhitespaceRuns => "whitespace runs",
            Normalisation::LeadingTrailing => "leading or trailing separators",
            Normalisation::Duplicates => "duplicates",
            Normalisation::Empty => "no scope-token",
        }
    }

    const fn index(self) -> usize {
        match self {
            Normalisation::Commas => 0,
            Normalisation::PlusSigns => 1,
            Normalisation::WhitespaceRuns => 2,
            Normalisation::LeadingTrailing => 3,
            Normalisation::Duplicates => 4,
            Normalisation::Empty => 5,
        }
    }
}

/// Where a lenient parse forgave what it forgave: for each [`Normalisation`], the byte offset
/// of its first occurrence, or nothing, beside the switches it needed
/// ([`forgiven`](Normalised::forgiven)). Small and `Copy`, for a caller to log.
///
/// ```
/// use signpost_scope::{Leniency, Normalisation, ScopeSet, ScopeTokens};
///
/// let tokens = ScopeTokens::new("b,a  b").with_leniency(Leniency::ALL);
/// let (set, report) = ScopeSet::<4>::from_tokens(tokens)?;
/// assert_eq!(set.to_string(), "a b");
/// assert_eq!(report.first(Normalisation::Commas), Some(1));
/// assert_eq!(report.first(Normalisation::WhitespaceRuns), Some(3));
/// assert_eq!(report.first(Normalisation::Duplicates), Some(5));
/// assert!(!report.is_clean());
/// assert_eq!(report.forgiven(), Leniency::COMMAS | Leniency::SPACE_RUNS);
/// assert_eq!(
///     report.iter().map(|(kind, at)| (kind.name(), at)).collect::<Vec<_>>(),
///     [("commas", 1), ("whitespace_runs", 3), ("duplicates", 5)]
/// );
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Normalised {
    first: [Option<usize>; 6],
    forgiven: Leniency,
}

impl Normalised {
    /// Nothing normalised.
    pub const fn new() -> Normalised {
        Normalised { first: [None; 6], forgiven: Leniency::NONE }
    }

    /// Records `kind` at `offset` and the switch that forgave it.
    fn note(&mut self, switch: Leniency, kind: Normalisation, offset: usize) {
        self.forgiven.insert(switch);
        self.record(kind, offset);
    }

    /// The switches the parse needed (duplicates need none: the grammar allows them).
    pub const fn forgiven(&self) -> Leniency {
        self.forgiven
    }

    /// Records `kind` at `offset`, unless an earlier occurrence was recorded (the first
    /// offset is kept). For callers that collect tokens into a container of their own and
    /// drop duplicates themselves ([`Normalisation::Duplicates`]); it does not change
    /// [`forgiven`](Normalised::forgiven).
    pub fn record(&mut self, kind: Normalisation, offset: usize) {
        let slot = &mut self.first[kind.index()];
        match slot {
            Some(first) if *first <= offset => {}
            _ => *slot = Some(offset),
        }
    }

    /// The offset of the first occurrence of `kind`.
    pub const fn first(&self, kind: Normalisation) -> Option<usize> {
        self.first[kind.index()]
    }

    /// Whether nothing was normalised: the input was a strictly valid scope (with no
    /// duplicates, when a set parser made the report).
    pub fn is_clean(&self) -> bool {
        self.first.iter().all(Option::is_none)
    }

    /// Each kind normalised, with its first offset, in the order of [`Normalisation`].
    pub fn iter(&self) -> NormalisedIter {
        NormalisedIter { report: *self, next: 0 }
    }
}

impl fmt::Display for Normalised {
    /// `"commas at byte 3, duplicates at byte 9"`, or `"nothing"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return f.write_str("nothing");
        }
        for (i, (kind, at)) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} at byte {at}", kind.describe())?;
        }
        Ok(())
    }
}

impl IntoIterator for Normalised {
    type Item = (Normalisation, usize);
    type IntoIter = NormalisedIter;
    fn into_iter(self) -> NormalisedIter {
        self.iter()
    }
}

/// The kinds in a [`Normalised`] report with their first offsets ([`Normalised::iter`]).
#[derive(Clone, Debug)]
pub struct NormalisedIter {
    report: Normalised,
    next: usize,
}

impl Iterator for NormalisedIter {
    type Item = (Normalisation, usize);

    fn next(&mut self) -> Option<(Normalisation, usize)> {
        while let Some(&kind) = KINDS.get(self.next) {
            self.next += 1;
            if let Some(at) = self.report.first(kind) {
                return Some((kind, at));
            }
        }
        None
    }
}

impl FusedIterator for NormalisedIter {}

impl<'a, const N: usize> ScopeSet<'a, N> {
    /// Collects what `tokens` parses (strictly, or leniently: see [`Leniency`]) into a set,
    /// dropping duplicates, and reports what was forgiven and where (duplicates included).
    ///
    /// ```
    /// use signpost_scope::{Leniency, Normalisation, ScopeSet, ScopeTokens};
    ///
    /// let tokens = ScopeTokens::new("user:email,repo").with_leniency(Leniency::ALL);
    /// let (set, report) = ScopeSet::<4>::from_tokens(tokens)?;
    /// assert_eq!(set.to_string(), "repo user:email");
    /// assert_eq!(report.first(Normalisation::Commas), Some(10));
    /// # Ok::<(), signpost_scope::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// What the leniency of `tokens` does not cover, or more than `N` distinct tokens
    /// ([`Error::is_capacity`]).
    pub fn from_tokens(
        mut tokens: ScopeTokens<'a>,
    ) -> Result<(ScopeSet<'a, N>, Normalised), Error> {
        let mut set = ScopeSet::new();
        while let Some(token) = tokens.next() {
            let token = token?;
            let offset = tokens.token_offset().unwrap_or(0);
            match set.insert(token) {
                Ok(true) => {}
                Ok(false) => tokens.report.record(Normalisation::Duplicates, offset),
                Err(_) => return Err(Error::capacity(offset)),
            }
        }
        Ok((set, tokens.normalised()))
    }
}

#[cfg(feature = "alloc")]
impl crate::OwnedScopeSet {
    /// Collects what `tokens` parses (strictly, or leniently: see [`Leniency`]) into a set,
    /// dropping duplicates, and reports what was forgiven and where (duplicates included).
    ///
    /// # Errors
    ///
    /// What the leniency of `tokens` does not cover.
    pub fn from_tokens(
        mut tokens: ScopeTokens<'_>,
    ) -> Result<(crate::OwnedScopeSet, Normalised), Error> {
        // Collected, then sorted: O(n log n) however many tokens and in whatever order.
        let mut found = alloc::vec::Vec::new();
        while let Some(token) = tokens.next() {
            found.push((token?, tokens.token_offset().unwrap_or(0)));
        }
        let mut report = tokens.normalised();
        found.sort_unstable();
        // After a sort by token then offset, every entry equal to the one before it is a
        // later occurrence: a duplicate.
        for pair in found.windows(2) {
            if let [(a, _), (b, offset)] = pair {
                if a == b {
                    report.record(Normalisation::Duplicates, *offset);
                }
            }
        }
        let mut set = crate::OwnedScopeSet::new();
        set.merge(found.iter().map(|(t, _)| t.to_buf()).collect());
        Ok((set, report))
    }
}
