//! The lenient parse: what real servers send instead of `scope-token *( SP scope-token )`.

use core::fmt;
use core::iter::FusedIterator;

use crate::error::{Error, EXPECTED_NQCHAR};
use crate::table::{is_nqchar, is_other_ws};
use crate::{ScopeSet, ScopeToken};

/// Which deviations from RFC 6749 §3.3 the lenient parse forgives, beyond those it always
/// forgives.
///
/// Always forgiven (and reported in [`Normalised`]): runs of SP between tokens, SP (or any
/// enabled separator) before the first or after the last token, and an input with no token
/// at all. Forgiven when enabled (all are, in [`Leniency::new`]):
///
/// | switch | separator | seen in |
/// |---|---|---|
/// | [`commas`](Leniency::commas) | `,` | GitHub, Facebook and Discord token responses; `scope=x2,x1` in the 2010 WG proposal that became RFC 6749 §3.3 |
/// | [`plus_signs`](Leniency::plus_signs) | `+` | a form-encoded `scope=a+b` that was not form-decoded |
/// | [`whitespace`](Leniency::whitespace) | HTAB, LF, FF, CR | hand-written configuration, values pasted across lines |
///
/// `,` and `+` are `NQCHAR`s, so a token may legitimately hold them: Docker registry scopes
/// do (`repository:samalba/my-app:pull,push`). Turn [`commas`](Leniency::commas) off for
/// such servers, or the token is split in three.
///
/// ```
/// use signpost_scope::{Leniency, ScopeToken};
///
/// let tokens: Result<Vec<_>, _> = Leniency::new().parse("read,write").collect();
/// assert_eq!(tokens?, ["read", "write"]);
///
/// let docker = Leniency::new().commas(false);
/// let tokens: Result<Vec<_>, _> = docker.parse("repository:x:pull,push").collect();
/// assert_eq!(tokens?, ["repository:x:pull,push"]);
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Leniency {
    commas: bool,
    plus_signs: bool,
    whitespace: bool,
}

impl Default for Leniency {
    fn default() -> Leniency {
        Leniency::new()
    }
}

impl Leniency {
    /// Every leniency on.
    pub const fn new() -> Leniency {
        Leniency { commas: true, plus_signs: true, whitespace: true }
    }

    /// Only what is always forgiven: runs of SP, leading and trailing SP, no token at all.
    pub const fn spaces_only() -> Leniency {
        Leniency { commas: false, plus_signs: false, whitespace: false }
    }

    /// Whether `,` separates tokens (otherwise it is part of a token, as the RFC says).
    #[must_use]
    pub const fn commas(self, on: bool) -> Leniency {
        Leniency { commas: on, ..self }
    }

    /// Whether `+` separates tokens (otherwise it is part of a token, as the RFC says).
    #[must_use]
    pub const fn plus_signs(self, on: bool) -> Leniency {
        Leniency { plus_signs: on, ..self }
    }

    /// Whether HTAB, LF, FF and CR separate tokens (otherwise they are errors, as the RFC
    /// says).
    #[must_use]
    pub const fn whitespace(self, on: bool) -> Leniency {
        Leniency { whitespace: on, ..self }
    }

    /// The tokens of `input`, leniently, in input order (duplicates kept).
    pub fn parse(self, input: &str) -> LenientTokens<'_> {
        self.parse_bytes(input.as_bytes())
    }

    /// [`Leniency::parse`] for bytes.
    pub fn parse_bytes(self, input: &[u8]) -> LenientTokens<'_> {
        LenientTokens {
            input,
            pos: 0,
            leniency: self,
            done: false,
            seen_token: false,
            last: None,
            report: Normalised::new(),
        }
    }

    #[inline]
    fn is_separator(&self, b: u8) -> bool {
        b == b' '
            || (self.commas && b == b',')
            || (self.plus_signs && b == b'+')
            || (self.whitespace && is_other_ws(b))
    }
}

/// The tokens of a leniently parsed scope ([`Leniency::parse`]), in input order, with a
/// report of what was normalised on the way ([`LenientTokens::report`]).
///
/// ```
/// use signpost_scope::{Leniency, Normalisation};
///
/// let mut tokens = Leniency::new().parse(" read, write+admin ");
/// assert_eq!(tokens.next().unwrap()?, "read");
/// assert_eq!(tokens.token_offset(), Some(1));
/// assert_eq!(tokens.by_ref().map(|t| t.map(|t| t.as_str())).collect::<Result<Vec<_>, _>>()?, ["write", "admin"]);
/// let report = tokens.report();
/// assert_eq!(report.first(Normalisation::LeadingTrailing), Some(0));
/// assert_eq!(report.first(Normalisation::Commas), Some(5));
/// assert_eq!(report.first(Normalisation::PlusSigns), Some(12));
/// assert_eq!(report.to_string(), "commas at byte 5, plus signs at byte 12, leading or trailing separators at byte 0");
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// It yields `Err` once, for a byte that no leniency covers (`"`, `\`, a control, DEL,
/// non-ASCII), and then ends.
#[derive(Clone, Debug)]
pub struct LenientTokens<'a> {
    input: &'a [u8],
    pos: usize,
    leniency: Leniency,
    done: bool,
    seen_token: bool,
    last: Option<usize>,
    report: Normalised,
}

impl<'a> LenientTokens<'a> {
    /// What has been normalised so far; complete once the iterator has ended.
    pub fn report(&self) -> Normalised {
        self.report
    }

    /// The byte offset of the token last returned.
    pub fn token_offset(&self) -> Option<usize> {
        self.last
    }

    fn skip_separators(&mut self) {
        let b = self.input;
        let run_start = self.pos;
        let mut only_spaces = true;
        while let Some(&c) = b.get(self.pos) {
            if !self.leniency.is_separator(c) {
                break;
            }
            match c {
                b' ' => {}
                b',' => {
                    only_spaces = false;
                    self.report.record(Normalisation::Commas, self.pos);
                }
                b'+' => {
                    only_spaces = false;
                    self.report.record(Normalisation::PlusSigns, self.pos);
                }
                _ => self.report.record(Normalisation::WhitespaceRuns, self.pos),
            }
            self.pos += 1;
        }
        let run = self.pos - run_start;
        if run == 0 {
            return;
        }
        if run_start == 0 || self.pos == b.len() {
            self.report.record(Normalisation::LeadingTrailing, run_start);
        } else if only_spaces && run > 1 {
            self.report.record(Normalisation::WhitespaceRuns, run_start);
        }
    }
}

impl<'a> Iterator for LenientTokens<'a> {
    type Item = Result<ScopeToken<'a>, Error>;

    fn next(&mut self) -> Option<Result<ScopeToken<'a>, Error>> {
        if self.done {
            return None;
        }
        self.skip_separators();
        let b = self.input;
        if self.pos >= b.len() {
            self.done = true;
            if !self.seen_token {
                self.report.record(Normalisation::Empty, 0);
            }
            return None;
        }
        let start = self.pos;
        while let Some(&c) = b.get(self.pos) {
            if !is_nqchar(c) || self.leniency.is_separator(c) {
                break;
            }
            self.pos += 1;
        }
        let end = self.pos;
        if let Some(&c) = b.get(end) {
            if !self.leniency.is_separator(c) {
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

impl FusedIterator for LenientTokens<'_> {}

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

/// What a lenient parse normalised: for each [`Normalisation`], the byte offset of its first
/// occurrence, or nothing. Small and `Copy`, for a caller to log.
///
/// ```
/// use signpost_scope::{Leniency, Normalisation, ScopeSet};
///
/// let (set, report) = ScopeSet::<4>::parse_lenient("b,a  b", Leniency::new())?;
/// assert_eq!(set.to_string(), "a b");
/// assert_eq!(report.first(Normalisation::Commas), Some(1));
/// assert_eq!(report.first(Normalisation::WhitespaceRuns), Some(3));
/// assert_eq!(report.first(Normalisation::Duplicates), Some(5));
/// assert!(!report.is_clean());
/// assert_eq!(
///     report.iter().map(|(kind, at)| (kind.name(), at)).collect::<Vec<_>>(),
///     [("commas", 1), ("whitespace_runs", 3), ("duplicates", 5)]
/// );
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Normalised {
    first: [Option<usize>; 6],
}

impl Normalised {
    /// Nothing normalised.
    pub const fn new() -> Normalised {
        Normalised { first: [None; 6] }
    }

    /// Records `kind` at `offset`, unless an earlier occurrence was recorded (the first
    /// offset is kept). For callers that collect lenient tokens into a container of their
    /// own and drop duplicates themselves.
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
    /// Parses a scope leniently into a set (see [`Leniency`]), dropping duplicates, and
    /// reports what it normalised (duplicates included).
    ///
    /// ```
    /// use signpost_scope::{Leniency, Normalisation, ScopeSet};
    ///
    /// let (set, report) = ScopeSet::<4>::parse_lenient("user:email,repo", Leniency::new())?;
    /// assert_eq!(set.to_string(), "repo user:email");
    /// assert_eq!(report.first(Normalisation::Commas), Some(10));
    /// # Ok::<(), signpost_scope::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A byte no leniency covers, or more than `N` distinct tokens
    /// ([`Error::is_capacity`]).
    pub fn parse_lenient(
        input: &'a str,
        leniency: Leniency,
    ) -> Result<(ScopeSet<'a, N>, Normalised), Error> {
        let mut set = ScopeSet::new();
        let mut tokens = leniency.parse(input);
        while let Some(token) = tokens.next() {
            let token = token?;
            let offset = tokens.token_offset().unwrap_or(0);
            match set.insert(token) {
                Ok(true) => {}
                Ok(false) => tokens.report.record(Normalisation::Duplicates, offset),
                Err(_) => return Err(Error::capacity(offset)),
            }
        }
        Ok((set, tokens.report()))
    }
}

#[cfg(feature = "alloc")]
impl crate::OwnedScopeSet {
    /// Parses a scope leniently into a set (see [`Leniency`]), dropping duplicates, and
    /// reports what it normalised (duplicates included).
    ///
    /// # Errors
    ///
    /// A byte no leniency covers.
    pub fn parse_lenient(
        input: &str,
        leniency: Leniency,
    ) -> Result<(crate::OwnedScopeSet, Normalised), Error> {
        // Collected, then sorted: O(n log n) however many tokens and in whatever order.
        let mut found = alloc::vec::Vec::new();
        let mut tokens = leniency.parse(input);
        while let Some(token) = tokens.next() {
            found.push((token?, tokens.token_offset().unwrap_or(0)));
        }
        let mut report = tokens.report();
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
