//! `scope`: the strict scanner and the borrowed [`Scope`] view.

use core::fmt;
use core::iter::FusedIterator;

use crate::algebra::ScopeLike;
use crate::error::{Error, DOUBLE_SP, EXPECTED_NQCHAR, EXPECTED_TOKEN, LEADING_SP, TRAILING_SP};
#[cfg(feature = "perf")]
use crate::table::{
    any_invalid, invalid_lanes, lanes_below, load_word, sp_lanes, sp_lanes_of_valid,
};
use crate::table::{head_of, is_nqchar, is_nqchar_const, order_key};
use crate::ScopeToken;

/// What [`scan`] reports each token to. The methods are `#[inline(always)]` so that the
/// per-token work of the set parsers is compiled into the scanning loop.
pub(crate) trait Sink<'a> {
    /// A token, its offset and its first eight bytes (zero-padded, little-endian).
    fn token(&mut self, token: ScopeToken<'a>, offset: usize, head: u64) -> Result<(), Error>;
}

impl<'a, F: FnMut(ScopeToken<'a>, usize, u64) -> Result<(), Error>> Sink<'a> for F {
    #[inline(always)]
    fn token(&mut self, token: ScopeToken<'a>, offset: usize, head: u64) -> Result<(), Error> {
        self(token, offset, head)
    }
}

/// Scans `scope = scope-token *( SP scope-token )` (RFC 6749 §3.3) and reports every
/// `scope-token` to `sink`, in input order, with its offset and its first eight bytes
/// (zero-padded, little-endian), from which the sets derive hashes and order keys.
///
/// The first error wins, in input order: a byte that is neither `NQCHAR` nor SP, or an SP
/// that leaves a token empty (leading, trailing, doubled). An empty input is an error.
/// Errors returned by `sink` stop the scan and are passed on.
///
/// Sixteen bytes at a time: a chunk is checked with one branch-free fold (vector compares
/// where the target has them), and the SP lanes of a clean chunk are the token boundaries.
/// The last chunk is the input's last sixteen bytes with the lanes already looked at
/// hidden (or, for an input shorter than sixteen bytes, the input padded with `a`), so that
/// every byte goes through the same fold. Any chunk with an invalid byte hands over to
/// [`scan_bytes`], which names the first error exactly.
///
/// Without the `perf` feature, one byte at a time ([`scan_from`]): the same tokens and the
/// same errors, in less code.
#[cfg(feature = "perf")]
#[inline(always)]
pub(crate) fn scan_str<'a>(input: &'a str, sink: &mut impl Sink<'a>) -> Result<(), Error> {
    let b = input.as_bytes();
    let len = b.len();
    if len == 0 {
        return Err(Error::at(b, 0, EXPECTED_TOKEN));
    }
    let mut start = 0;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 16) {
        if any_invalid(chunk) {
            return scan_bytes(input, start, sink);
        }
        // Loaded after the check, so that the check stays vector compares.
        let (lo, hi) = (load_word(chunk, 0), load_word(chunk, 8));
        let (sp_lo, sp_hi) = (sp_lanes_of_valid(lo), sp_lanes_of_valid(hi));
        chunk_boundaries(input, at, sp_lo, at + 8, sp_hi, &mut start, sink)?;
        at += 16;
    }
    if at < len {
        // The rest, 1 to 15 bytes, as one more pair of words `lo` (at `base`) and `hi` (at
        // `base_hi`) whose lanes before `at` were looked at already: the input's last
        // sixteen bytes (vector-checked), or for a shorter input its first and last eight
        // (overlapping, SWAR-checked), or, below eight bytes, the input padded with `a`.
        let last = len.checked_sub(16).and_then(|base| Some((base, b.get(base..)?)));
        let (base, lo, base_hi, hi) = match last {
            Some((base, chunk)) => {
                if any_invalid(chunk) {
                    return scan_bytes(input, start, sink);
                }
                (base, load_word(chunk, 0), base + 8, load_word(chunk, 8))
            }
            None => {
                let lo = padded(load_word(b, 0), len);
                let base_hi = len.saturating_sub(8);
                let hi = if len > 8 { load_word(b, base_hi) } else { ONES * u64::from(b'a') };
                if invalid_lanes(lo) | invalid_lanes(hi) != 0 {
                    return scan_bytes(input, start, sink);
                }
                (0, lo, base_hi, hi)
            }
        };
        let sp_lo = sp_lanes_of_valid(lo) & !lanes_below(at.saturating_sub(base));
        // `lo` covers the bytes up to `base + 8`, which `hi` may overlap.
        let seen_hi = at.max(base + 8).saturating_sub(base_hi);
        let sp_hi = sp_lanes_of_valid(hi) & !lanes_below(seen_hi);
        chunk_boundaries(input, base, sp_lo, base_hi, sp_hi, &mut start, sink)?;
    }
    if start >= len {
        return Err(Error::bare(len - 1, TRAILING_SP));
    }
    report(input, start, len, sink)
}

#[cfg(feature = "perf")]
/// `word` with its lanes from `n` (0..=8) on replaced by `a`, a valid byte that is not SP.
#[inline(always)]
fn padded(word: u64, n: usize) -> u64 {
    let keep = lanes_below(n);
    (word & keep) | (!keep & (ONES * u64::from(b'a')))
}

#[cfg(feature = "perf")]
/// Reports the tokens that end at the SP lanes `sp_lo` of the word at `base` and `sp_hi`
/// of the word at `base_hi`, in that order.
#[inline(always)]
fn chunk_boundaries<'a>(
    input: &'a str,
    base: usize,
    sp_lo: u64,
    base_hi: usize,
    sp_hi: u64,
    start: &mut usize,
    sink: &mut impl Sink<'a>,
) -> Result<(), Error> {
    let mut sp = sp_lo;
    while sp != 0 {
        let end = base + (sp.trailing_zeros() / 8) as usize;
        sp &= sp - 1;
        boundary(input, end, start, sink)?;
    }
    let mut sp = sp_hi;
    while sp != 0 {
        let end = base_hi + (sp.trailing_zeros() / 8) as usize;
        sp &= sp - 1;
        boundary(input, end, start, sink)?;
    }
    Ok(())
}

/// Reports the token `input[start..end]`.
#[inline(always)]
fn report<'a>(
    input: &'a str,
    start: usize,
    end: usize,
    sink: &mut impl Sink<'a>,
) -> Result<(), Error> {
    match input.get(start..end) {
        Some(t) => sink.token(
            ScopeToken::new_unchecked(t),
            start,
            head_of(input.as_bytes(), start, end - start),
        ),
        // Unreachable: token bounds sit next to SP or at the ends, all char boundaries.
        None => Err(Error::at(input.as_bytes(), start, EXPECTED_NQCHAR)),
    }
}

#[cfg(feature = "perf")]
/// An SP at `end`: reports the token before it, or the empty token.
#[inline(always)]
fn boundary<'a>(
    input: &'a str,
    end: usize,
    start: &mut usize,
    sink: &mut impl Sink<'a>,
) -> Result<(), Error> {
    if end == *start {
        let message = if end == 0 { LEADING_SP } else { DOUBLE_SP };
        return Err(Error::bare(end, message));
    }
    report(input, *start, end, sink)?;
    *start = end + 1;
    Ok(())
}

/// [`scan_str`] without the `perf` feature: one byte at a time.
#[cfg(not(feature = "perf"))]
#[inline(always)]
pub(crate) fn scan_str<'a>(input: &'a str, sink: &mut impl Sink<'a>) -> Result<(), Error> {
    scan_from(input, 0, sink)
}

/// [`scan_str`] one byte at a time from `start` (the start of a token, after the tokens
/// already reported): the slow path that names the first error exactly.
#[cfg(feature = "perf")]
#[cold]
fn scan_bytes<'a>(input: &'a str, start: usize, sink: &mut impl Sink<'a>) -> Result<(), Error> {
    scan_from(input, start, sink)
}

/// The strict scan one byte at a time from `start`, where a token must begin. The first
/// error wins, in input order: a token is reported before the SP after it is found to
/// be the last byte.
#[inline(always)]
fn scan_from<'a>(input: &'a str, mut start: usize, sink: &mut impl Sink<'a>) -> Result<(), Error> {
    let b = input.as_bytes();
    loop {
        let end = token_end(b, start)?;
        report(input, start, end, sink)?;
        if end >= b.len() {
            return Ok(());
        }
        start = end + 1;
        if start >= b.len() {
            return Err(Error::bare(end, TRAILING_SP));
        }
    }
}

/// The end of the `scope-token` that must begin at `start`: the offset of the SP after it,
/// or the end of the input. Not generic, so that every parser shares one copy.
///
/// # Errors
///
/// An SP at `start` (leading or double), a byte that is neither `NQCHAR` nor SP, or no
/// token at all (only for an empty input: the callers refuse a trailing SP).
#[cfg_attr(not(feature = "perf"), inline(never))]
fn token_end(b: &[u8], start: usize) -> Result<usize, Error> {
    let mut i = start;
    while let Some(&c) = b.get(i) {
        if c == b' ' {
            if i == start {
                return Err(Error::bare(i, if i == 0 { LEADING_SP } else { DOUBLE_SP }));
            }
            return Ok(i);
        }
        if !is_nqchar(c) {
            return Err(Error::at(b, i, EXPECTED_NQCHAR));
        }
        i += 1;
    }
    if i == start {
        return Err(Error::at(b, i, EXPECTED_TOKEN));
    }
    Ok(i)
}

#[cfg(feature = "perf")]
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
#[cfg(feature = "perf")]
const ONES: u64 = 0x0101_0101_0101_0101;

/// The offset of the first SP at or after `from`, eight bytes at a time.
#[cfg(feature = "perf")]
#[inline]
fn next_sp(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < b.len() {
        let sp = sp_lanes(load_word(b, at)) & lanes_below(b.len() - at) & HIGH_BITS;
        if sp != 0 {
            return Some(at + (sp.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    None
}

/// The offset of the first SP at or after `from`, one byte at a time.
#[cfg(not(feature = "perf"))]
fn next_sp(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    rest.iter().position(|&c| c == b' ').map(|i| from + i)
}

/// Checks `bytes` as a `scope` and returns it as a `&str` (a valid scope is ASCII).
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<&str, Error> {
    // A valid scope is ASCII. Otherwise the UTF-8 prefix is scanned to find the first error
    // in grammar order (an invalid byte can only be the first non-UTF-8 one, or later).
    match core::str::from_utf8(bytes) {
        Ok(s) => {
            scan_str(s, &mut |_, _, _| Ok(()))?;
            Ok(s)
        }
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = core::str::from_utf8(bytes.get(..valid).unwrap_or(&[])).unwrap_or("");
            // The prefix may end in SP: only an error before `valid` counts from it.
            match scan_str(prefix, &mut |_, _, _| Ok(())) {
                Err(err) if err.offset() < valid && !is_end_error(&err, valid) => Err(err),
                _ => Err(Error::at(bytes, valid, EXPECTED_NQCHAR)),
            }
        }
    }
}

/// Whether `err`, from scanning a prefix of `valid` bytes, is only about where the prefix
/// ends (an empty input or a trailing SP), which the bytes after it may change.
fn is_end_error(err: &Error, valid: usize) -> bool {
    err.found() == crate::Found::End
        || (valid > 0 && err.offset() == valid - 1 && err.message() == TRAILING_SP)
}

/// `scope` checked in a constant: `Ok((count, sorted))` or `Err(offset)`.
const fn scan_const(b: &[u8]) -> Result<(usize, bool), usize> {
    if b.is_empty() {
        return Err(0);
    }
    let mut count = 0;
    let mut sorted = true;
    let mut prev = (0, 0);
    let mut start = 0;
    let mut i = 0;
    while i <= b.len() {
        if i == b.len() || b[i] == b' ' {
            if i == start {
                return Err(i);
            }
            if count > 0 && sorted && !less_const(b, prev, (start, i)) {
                sorted = false;
            }
            prev = (start, i);
            count += 1;
            start = i + 1;
            if i + 1 == b.len() {
                return Err(i);
            }
        } else if !is_nqchar_const(b[i]) {
            return Err(i);
        }
        i += 1;
    }
    Ok((count, sorted))
}

/// Whether `b[a.0..a.1] < b[c.0..c.1]`, byte-wise, in a constant.
const fn less_const(b: &[u8], a: (usize, usize), c: (usize, usize)) -> bool {
    let mut i = 0;
    loop {
        let (x, y) = (a.0 + i, c.0 + i);
        if y >= c.1 {
            return false;
        }
        if x >= a.1 {
            return true;
        }
        if b[x] != b[y] {
            return b[x] < b[y];
        }
        i += 1;
    }
}

/// A validated scope string, borrowed: `scope-token *( SP scope-token )`, as it came.
///
/// ```abnf
/// scope       = scope-token *( SP scope-token )   ; RFC 6749 §3.3
/// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
/// ```
///
/// A `Scope` is the string itself plus two facts learnt while checking it: how many tokens
/// it holds and whether they are already in canonical (strictly increasing byte-wise)
/// order. Nothing is copied; iteration splits at SP on the fly. Duplicates are kept as they
/// came (the grammar allows `"a a"`); collect into a [`ScopeSet`](crate::ScopeSet) or an
/// `OwnedScopeSet` to drop them.
///
/// ```
/// use signpost_scope::{Scope, ScopeLike};
///
/// let granted = Scope::parse("openid profile files:read")?;
/// assert_eq!(granted.len(), 3);
/// assert!(granted.contains("profile"));
/// assert!(!granted.contains("Profile")); // case-sensitive
/// assert_eq!(granted.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["openid", "profile", "files:read"]);
///
/// // Order does not matter to set comparisons (equality of the strings is `==`).
/// let same = Scope::parse("files:read openid profile")?;
/// assert!(granted.same_set(&same));
/// assert_ne!(granted, same);
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// Set comparisons between views ([`ScopeLike`](crate::ScopeLike)) cost O(n·m) when the
/// views are not in canonical order; collect large scopes into a set first.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope<'a> {
    text: &'a str,
    count: usize,
    sorted: bool,
}

impl<'a> Scope<'a> {
    /// Parses a scope strictly: tokens of `NQCHAR`s separated by exactly one SP.
    ///
    /// ```abnf
    /// scope       = scope-token *( SP scope-token )
    /// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    /// ```
    ///
    /// # Errors
    ///
    /// The first offending byte, in input order: `"expected scope-token"` (empty input),
    /// `"expected NQCHAR in scope-token"` (HTAB, CR, LF, other controls, `"`, `\`, DEL or a
    /// non-ASCII byte), `"empty scope-token (leading SP)"`, `"empty scope-token (double
    /// SP)"` or `"empty scope-token (trailing SP)"`.
    ///
    /// ```
    /// use signpost_scope::Scope;
    ///
    /// for (input, offset, shown) in [
    ///     ("", 0, "expected scope-token, found end of input at byte 0"),
    ///     (" a", 0, "empty scope-token (leading SP) at byte 0"),
    ///     ("a  b", 2, "empty scope-token (double SP) at byte 2"),
    ///     ("a b ", 3, "empty scope-token (trailing SP) at byte 3"),
    ///     ("a\tb", 1, "expected NQCHAR in scope-token, found 0x09 at byte 1"),
    ///     ("a \\b", 2, "expected NQCHAR in scope-token, found '\\' at byte 2"),
    /// ] {
    ///     let err = Scope::parse(input).unwrap_err();
    ///     assert_eq!((err.offset(), err.to_string().as_str()), (offset, shown));
    /// }
    /// ```
    pub fn parse(input: &'a str) -> Result<Scope<'a>, Error> {
        let mut count = 0usize;
        let mut sorted = true;
        let mut prev = ("", 0u64);
        scan_str(input, &mut |token: ScopeToken<'a>, _, head| {
            let key = order_key(head);
            if sorted && count > 0 && (key < prev.1 || (key == prev.1 && token.as_str() <= prev.0))
            {
                sorted = false;
            }
            prev = (token.as_str(), key);
            count += 1;
            Ok(())
        })?;
        Ok(Scope { text: input, count, sorted })
    }

    /// [`Scope::parse`] for bytes: a header parameter value after quoted-string
    /// processing, a query parameter after percent-decoding. A valid scope is ASCII.
    ///
    /// # Errors
    ///
    /// As [`Scope::parse`].
    pub fn from_bytes(input: &'a [u8]) -> Result<Scope<'a>, Error> {
        Scope::parse(check_bytes(input)?)
    }

    /// A scope from a constant, checked when the constant is evaluated.
    ///
    /// ```
    /// use signpost_scope::Scope;
    /// const REQUIRED: Scope<'static> = Scope::from_static("files:read files:write");
    /// assert_eq!(REQUIRED.len(), 2);
    /// ```
    ///
    /// ```compile_fail
    /// use signpost_scope::Scope;
    /// const BAD: Scope<'static> = Scope::from_static("files:read  files:write");
    /// ```
    ///
    /// # Panics
    ///
    /// When `scope` is not a valid scope; use [`Scope::parse`] for input that is not a
    /// constant.
    #[track_caller]
    pub const fn from_static(scope: &'static str) -> Scope<'static> {
        match scan_const(scope.as_bytes()) {
            Ok((count, sorted)) => Scope { text: scope, count, sorted },
            Err(_) => panic!("invalid scope: expected scope-token *( SP scope-token )"),
        }
    }

    /// The scope as it came.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The number of tokens, duplicates included (at least one).
    pub const fn len(&self) -> usize {
        self.count
    }

    /// Always `false`: the grammar asks for at least one token.
    pub const fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether the tokens are in canonical order (strictly increasing byte-wise, so no
    /// duplicates): then the string is its own canonical form.
    pub const fn is_canonical(&self) -> bool {
        self.sorted
    }

    /// The tokens in input order.
    pub fn iter(&self) -> Tokens<'a> {
        Tokens { rest: self.text, remaining: self.count }
    }

    /// Whether `token` is one of the tokens (case-sensitive, exact).
    pub fn contains(&self, token: &str) -> bool {
        self.iter().any(|t| t.as_str() == token)
    }
}

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Scope").field(&self.text).finish()
    }
}

/// Writes the scope as it came (it is valid, so it needs no escaping).
impl fmt::Display for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl<'a> ScopeLike for Scope<'a> {
    type Iter<'s>
        = Tokens<'s>
    where
        Self: 's;

    fn tokens(&self) -> Tokens<'_> {
        self.iter()
    }

    fn contains(&self, token: &str) -> bool {
        Scope::contains(self, token)
    }

    fn len(&self) -> usize {
        Scope::len(self)
    }

    fn is_sorted(&self) -> bool {
        self.is_canonical()
    }
}

impl<'a> TryFrom<&'a str> for Scope<'a> {
    type Error = Error;
    fn try_from(input: &'a str) -> Result<Scope<'a>, Error> {
        Scope::parse(input)
    }
}

impl<'a> From<ScopeToken<'a>> for Scope<'a> {
    fn from(token: ScopeToken<'a>) -> Scope<'a> {
        Scope { text: token.as_str(), count: 1, sorted: true }
    }
}

impl<'a> IntoIterator for Scope<'a> {
    type Item = ScopeToken<'a>;
    type IntoIter = Tokens<'a>;
    fn into_iter(self) -> Tokens<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Scope<'a> {
    type Item = ScopeToken<'a>;
    type IntoIter = Tokens<'a>;
    fn into_iter(self) -> Tokens<'a> {
        self.iter()
    }
}

/// The tokens of a [`Scope`], in input order ([`Scope::iter`]).
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    rest: &'a str,
    remaining: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = ScopeToken<'a>;

    #[inline]
    fn next(&mut self) -> Option<ScopeToken<'a>> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        // The last token is the rest: no SP to look for.
        if self.remaining == 0 {
            return Some(ScopeToken::new_unchecked(core::mem::take(&mut self.rest)));
        }
        let (token, rest) = match next_sp(self.rest.as_bytes(), 0) {
            Some(sp) => (self.rest.get(..sp)?, self.rest.get(sp + 1..)?),
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some(ScopeToken::new_unchecked(token))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Tokens<'_> {}
impl FusedIterator for Tokens<'_> {}
