//! [`ScopeSet`]: a fixed-capacity, sorted, duplicate-free set of borrowed tokens.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;

use crate::error::Error;
use crate::scope::{check_bytes, scan_str};
use crate::{CapacityError, Scope, ScopeLike, ScopeToken};

/// A set of at most `N` borrowed scope tokens, for `no_std` without a heap.
///
/// The tokens live in a plain array inside the set, sorted byte-wise and without
/// duplicates, so that lookups are binary searches, set comparisons are merge walks and
/// the canonical form (`Display`) is a walk over the array. Running out of room is never a
/// panic: [`insert`](ScopeSet::insert) returns a [`CapacityError`] that hands the token
/// back, and the parsers return an [`Error`] for which
/// [`is_capacity`](Error::is_capacity) holds.
///
/// ```
/// use signpost_scope::{ScopeLike, ScopeSet, ScopeToken};
///
/// let mut set = ScopeSet::<4>::parse("profile openid profile")?;
/// assert_eq!(set.len(), 2); // duplicates removed
/// assert_eq!(set.to_string(), "openid profile"); // canonical: sorted, single SP
///
/// assert_eq!(set.insert(ScopeToken::EMAIL), Ok(true));
/// assert_eq!(set.insert(ScopeToken::EMAIL), Ok(false));
/// assert!(set.contains("email"));
///
/// // Into any `core::fmt::Write`, such as a fixed buffer:
/// let mut out = heapless::String::<64>::new();
/// set.write_to(&mut out).unwrap();
/// assert_eq!(out, "email openid profile");
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone)]
pub struct ScopeSet<'a, const N: usize> {
    len: usize,
    items: [ScopeToken<'a>; N],
}

impl<'a, const N: usize> ScopeSet<'a, N> {
    /// An empty set.
    pub const fn new() -> ScopeSet<'a, N> {
        ScopeSet { len: 0, items: [ScopeToken::new_unchecked(""); N] }
    }

    /// Parses a scope strictly (as [`Scope::parse`]) into a set, dropping duplicates.
    ///
    /// ```abnf
    /// scope       = scope-token *( SP scope-token )   ; RFC 6749 §3.3
    /// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`Scope::parse`], or, when the input holds more than `N` distinct
    /// tokens, an error with [`is_capacity`](Error::is_capacity) at the offset of the
    /// first token that did not fit. The first problem in input order wins.
    pub fn parse(input: &'a str) -> Result<ScopeSet<'a, N>, Error> {
        let mut set = ScopeSet::new();
        scan_str(input, |token, offset| match set.insert(token) {
            Ok(_) => Ok(()),
            Err(_) => Err(Error::capacity(offset)),
        })?;
        Ok(set)
    }

    /// [`ScopeSet::parse`] for bytes.
    ///
    /// # Errors
    ///
    /// As [`ScopeSet::parse`].
    pub fn from_bytes(input: &'a [u8]) -> Result<ScopeSet<'a, N>, Error> {
        ScopeSet::parse(check_bytes(input)?)
    }

    /// A set of the tokens of `tokens`, duplicates dropped.
    ///
    /// # Errors
    ///
    /// The first token that did not fit.
    pub fn try_from_tokens<I>(tokens: I) -> Result<ScopeSet<'a, N>, CapacityError<'a>>
    where
        I: IntoIterator<Item = ScopeToken<'a>>,
    {
        let mut set = ScopeSet::new();
        set.try_extend(tokens)?;
        Ok(set)
    }

    /// Adds `token`; `Ok(true)` when it was new, `Ok(false)` when it was there already.
    ///
    /// # Errors
    ///
    /// The set is full and `token` is new: it is handed back in the error, and the set is
    /// unchanged.
    pub fn insert(&mut self, token: ScopeToken<'a>) -> Result<bool, CapacityError<'a>> {
        let len = self.len;
        let items = self.as_slice();
        // Tokens often come in order: try the end first.
        let pos = match items.last() {
            None => 0,
            Some(last) => match last.as_str().cmp(token.as_str()) {
                Ordering::Less => len,
                Ordering::Equal => return Ok(false),
                Ordering::Greater => match items.binary_search(&token) {
                    Ok(_) => return Ok(false),
                    Err(pos) => pos,
                },
            },
        };
        if len >= N {
            return Err(CapacityError::new(token, N));
        }
        // pos <= len < N: both ranges are inside the array.
        self.items.copy_within(pos..len, pos + 1);
        self.items[pos] = token;
        self.len = len + 1;
        Ok(true)
    }

    /// Adds every token of `tokens`.
    ///
    /// # Errors
    ///
    /// The first token that did not fit; the tokens before it were added, the ones after
    /// it were not looked at.
    pub fn try_extend<I>(&mut self, tokens: I) -> Result<(), CapacityError<'a>>
    where
        I: IntoIterator<Item = ScopeToken<'a>>,
    {
        for token in tokens {
            self.insert(token)?;
        }
        Ok(())
    }

    /// Removes `token` and returns it, if it was there.
    pub fn remove(&mut self, token: &str) -> Option<ScopeToken<'a>> {
        let pos = self.position(token)?;
        let removed = self.items[pos];
        self.items.copy_within(pos + 1..self.len, pos);
        self.len -= 1;
        self.items[self.len] = ScopeToken::new_unchecked("");
        Some(removed)
    }

    /// Keeps the tokens for which `keep` returns `true`, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(ScopeToken<'a>) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            let token = self.items[i];
            if keep(token) {
                self.items[kept] = token;
                kept += 1;
            }
        }
        for slot in &mut self.items[kept..self.len] {
            *slot = ScopeToken::new_unchecked("");
        }
        self.len = kept;
    }

    /// Removes every token.
    pub fn clear(&mut self) {
        *self = ScopeSet::new();
    }

    fn position(&self, token: &str) -> Option<usize> {
        self.as_slice().binary_search_by(|t| t.as_str().cmp(token)).ok()
    }

    /// Whether `token` is in the set (a binary search; exact, case-sensitive).
    pub fn contains(&self, token: &str) -> bool {
        self.position(token).is_some()
    }

    /// The token equal to `token`, borrowed from the set's input.
    pub fn get(&self, token: &str) -> Option<ScopeToken<'a>> {
        self.position(token).and_then(|i| self.as_slice().get(i).copied())
    }

    /// The number of tokens.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many tokens the set can hold: `N`.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// Whether the set holds `N` tokens.
    pub const fn is_full(&self) -> bool {
        self.len >= N
    }

    /// The tokens, sorted byte-wise.
    pub fn as_slice(&self) -> &[ScopeToken<'a>] {
        self.items.get(..self.len).unwrap_or(&[])
    }

    /// The tokens, sorted byte-wise.
    pub fn iter(&self) -> Iter<'_, 'a> {
        Iter { inner: self.as_slice().iter() }
    }

    /// Writes the canonical form: the tokens sorted byte-wise, separated by one SP. An empty
    /// set writes nothing (which is not a valid `scope`: callers omit the parameter).
    ///
    /// Serializer for `scope` (RFC 6749 §3.3,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.3>).
    ///
    /// # Errors
    ///
    /// Only those of the writer (a full `heapless::String`, for instance).
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_canonical(w, self.iter())
    }

    /// The length in bytes of the canonical form, to size a buffer.
    pub fn canonical_len(&self) -> usize {
        canonical_len(self.iter())
    }

    /// An owned copy (needs `alloc`).
    #[cfg(feature = "alloc")]
    pub fn to_owned_set(&self) -> crate::OwnedScopeSet {
        crate::OwnedScopeSet::from_sorted(self.iter().map(|t| t.to_buf()).collect())
    }
}

/// Writes sorted tokens with one SP between them.
pub(crate) fn write_canonical<'t, W: fmt::Write + ?Sized>(
    w: &mut W,
    tokens: impl Iterator<Item = ScopeToken<'t>>,
) -> fmt::Result {
    for (i, token) in tokens.enumerate() {
        if i > 0 {
            w.write_char(' ')?;
        }
        w.write_str(token.as_str())?;
    }
    Ok(())
}

pub(crate) fn canonical_len<'t>(tokens: impl Iterator<Item = ScopeToken<'t>>) -> usize {
    let mut total = 0usize;
    for (i, token) in tokens.enumerate() {
        total = total.saturating_add(token.as_str().len()).saturating_add(usize::from(i > 0));
    }
    total
}

impl<const N: usize> Default for ScopeSet<'_, N> {
    fn default() -> Self {
        ScopeSet::new()
    }
}

impl<const N: usize> fmt::Debug for ScopeSet<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(|t| t.as_str())).finish()
    }
}

/// The canonical form: the tokens sorted byte-wise, separated by one SP.
impl<const N: usize> fmt::Display for ScopeSet<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl<'b, const N: usize, const M: usize> PartialEq<ScopeSet<'b, M>> for ScopeSet<'_, N> {
    fn eq(&self, other: &ScopeSet<'b, M>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<const N: usize> Eq for ScopeSet<'_, N> {}

impl<const N: usize> Hash for ScopeSet<'_, N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<'a, const N: usize> TryFrom<Scope<'a>> for ScopeSet<'a, N> {
    type Error = CapacityError<'a>;
    fn try_from(scope: Scope<'a>) -> Result<ScopeSet<'a, N>, CapacityError<'a>> {
        ScopeSet::try_from_tokens(scope)
    }
}

impl<'a, const N: usize> TryFrom<&'a str> for ScopeSet<'a, N> {
    type Error = Error;
    fn try_from(input: &'a str) -> Result<ScopeSet<'a, N>, Error> {
        ScopeSet::parse(input)
    }
}

impl<'s, 'a, const N: usize> IntoIterator for &'s ScopeSet<'a, N> {
    type Item = ScopeToken<'a>;
    type IntoIter = Iter<'s, 'a>;
    fn into_iter(self) -> Iter<'s, 'a> {
        self.iter()
    }
}

impl<'a, const N: usize> ScopeLike for ScopeSet<'a, N> {
    type Iter<'s>
        = Iter<'s, 's>
    where
        Self: 's;

    fn tokens(&self) -> Iter<'_, '_> {
        self.iter()
    }

    fn contains(&self, token: &str) -> bool {
        ScopeSet::contains(self, token)
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_sorted(&self) -> bool {
        true
    }
}

/// The tokens of a [`ScopeSet`], sorted byte-wise ([`ScopeSet::iter`]).
#[derive(Clone, Debug)]
pub struct Iter<'s, 'a> {
    inner: core::slice::Iter<'s, ScopeToken<'a>>,
}

impl<'a> Iterator for Iter<'_, 'a> {
    type Item = ScopeToken<'a>;

    #[inline]
    fn next(&mut self) -> Option<ScopeToken<'a>> {
        self.inner.next().copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().copied()
    }
}

impl ExactSizeIterator for Iter<'_, '_> {}
impl FusedIterator for Iter<'_, '_> {}
