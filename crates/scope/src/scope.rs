//! `scope`: the strict scanner and the borrowed [`Scope`] view.

use core::fmt;
use core::iter::FusedIterator;

use crate::error::{Error, DOUBLE_SP, EXPECTED_NQCHAR, EXPECTED_TOKEN, LEADING_SP, TRAILING_SP};
use crate::table::{all_nqchar8, is_nqchar, is_nqchar_const};
use crate::{CapacityError, ScopeSet, ScopeToken};

/// Scans `scope = scope-token *( SP scope-token )` (RFC 6749 §3.3) and calls `token` with
/// the start and end offsets of every `scope-token`, in input order.
///
/// The first error wins, in input order: a byte that is neither `NQCHAR` nor SP, or an SP
/// that leaves a token empty (leading, trailing, doubled). An empty input is an error.
/// Errors returned by `token` stop the scan and are passed on.
#[inline(always)]
pub(crate) fn scan(
    b: &[u8],
    mut token: impl FnMut(usize, usize) -> Result<(), Error>,
) -> Result<(), Error> {
    let len = b.len();
    if len == 0 {
        return Err(Error::at(b, 0, EXPECTED_TOKEN));
    }
    let mut start = 0;
    let mut i = 0;
    loop {
        // Eight bytes at a time while they are all NQCHAR, then byte by byte.
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !all_nqchar8(u64::from_le_bytes(word)) {
                break;
            }
            i += 8;
        }
        while i < len && is_nqchar(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => return token(start, i),
            Some(b' ') => {
                if i == start {
                    let message = if i == 0 { LEADING_SP } else { DOUBLE_SP };
                    return Err(Error::bare(i, message));
                }
                token(start, i)?;
                i += 1;
                if i == len {
                    return Err(Error::bare(i - 1, TRAILING_SP));
                }
                start = i;
            }
            Some(_) => return Err(Error::at(b, i, EXPECTED_NQCHAR)),
        }
    }
}

/// [`scan`] for a `&str`, handing out tokens with the lifetime of the input.
#[inline(always)]
pub(crate) fn scan_str<'a>(
    input: &'a str,
    mut token: impl FnMut(ScopeToken<'a>, usize) -> Result<(), Error>,
) -> Result<(), Error> {
    scan(input.as_bytes(), |start, end| match input.get(start..end) {
        Some(t) => token(ScopeToken::new_unchecked(t), start),
        // Unreachable: token bounds sit next to SP or at the ends, all char boundaries.
        None => Err(Error::at(input.as_bytes(), start, EXPECTED_NQCHAR)),
    })
}

/// Checks `bytes` as a `scope` and returns it as a `&str` (a valid scope is ASCII).
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<&str, Error> {
    scan(bytes, |_, _| Ok(()))?;
    core::str::from_utf8(bytes).map_err(|e| Error::at(bytes, e.valid_up_to(), EXPECTED_NQCHAR))
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
        let mut prev = "";
        scan_str(input, |token, _| {
            let token = token.as_str();
            if sorted && count > 0 && token <= prev {
                sorted = false;
            }
            prev = token;
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
    /// const REQUIRED: Scope<'static> = Scope::constant("files:read files:write");
    /// assert_eq!(REQUIRED.len(), 2);
    /// ```
    ///
    /// ```compile_fail
    /// use signpost_scope::Scope;
    /// const BAD: Scope<'static> = Scope::constant("files:read  files:write");
    /// ```
    ///
    /// # Panics
    ///
    /// When `scope` is not a valid scope; use [`Scope::parse`] for input that is not a
    /// constant.
    #[track_caller]
    pub const fn constant(scope: &'a str) -> Scope<'a> {
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

    /// The tokens in a fixed-capacity set: sorted, duplicates dropped.
    ///
    /// # Errors
    ///
    /// The first token that did not fit.
    pub fn to_set<const N: usize>(&self) -> Result<ScopeSet<'a, N>, CapacityError<'a>> {
        ScopeSet::try_from_tokens(self.iter())
    }

    /// The tokens in an owned set: sorted, duplicates dropped (needs `alloc`).
    #[cfg(feature = "alloc")]
    pub fn to_owned_set(&self) -> crate::OwnedScopeSet {
        self.iter().collect()
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
        let (token, rest) = match self.rest.as_bytes().iter().position(|&b| b == b' ') {
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
