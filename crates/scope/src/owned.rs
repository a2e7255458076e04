//! [`OwnedScopeSet`]: a growable, sorted, duplicate-free set of owned tokens (`alloc`).

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::iter::FusedIterator;
use core::str::FromStr;

use crate::error::Error;
use crate::scope::{check_bytes, scan_str};
use crate::set::{canonical_len, write_canonical};
use crate::{Scope, ScopeLike, ScopeSet, ScopeToken, ScopeTokenBuf};

/// A set of owned scope tokens, sorted byte-wise and without duplicates (needs `alloc`).
///
/// The owned counterpart of [`ScopeSet`]: no capacity limit, no borrow of the input. It is
/// what to keep in a token cache, and what `collect()` builds from any of the lazy set
/// operations of [`ScopeLike`].
///
/// ```
/// use signpost_scope::{OwnedScopeSet, Scope, ScopeLike};
///
/// let granted: OwnedScopeSet = "openid files:read".parse()?;
/// let challenge = Scope::parse("files:write files:read")?;
/// // MCP: re-authorize with the union of what was granted and what the challenge asks.
/// let wanted: OwnedScopeSet = granted.union(&challenge).collect();
/// assert_eq!(wanted.to_string(), "files:read files:write openid");
/// assert!(wanted.is_strict_superset(&granted));
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwnedScopeSet {
    items: Vec<ScopeTokenBuf>,
}

impl OwnedScopeSet {
    /// An empty set.
    pub const fn new() -> OwnedScopeSet {
        OwnedScopeSet { items: Vec::new() }
    }

    /// Parses a scope strictly (as [`Scope::parse`](crate::Scope::parse)) into a set,
    /// dropping duplicates.
    ///
    /// ```abnf
    /// scope       = scope-token *( SP scope-token )   ; RFC 6749 §3.3
    /// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Scope::parse`](crate::Scope::parse).
    pub fn parse(input: &str) -> Result<OwnedScopeSet, Error> {
        let mut tokens = Vec::new();
        scan_str(input, &mut |token, _, _| {
            tokens.push(token);
            Ok(())
        })?;
        tokens.sort_unstable();
        tokens.dedup();
        Ok(OwnedScopeSet { items: tokens.iter().map(ScopeToken::to_buf).collect() })
    }

    /// [`OwnedScopeSet::parse`] for bytes.
    ///
    /// # Errors
    ///
    /// As [`OwnedScopeSet::parse`].
    pub fn from_bytes(input: &[u8]) -> Result<OwnedScopeSet, Error> {
        OwnedScopeSet::parse(check_bytes(input)?)
    }

    fn search(&self, token: &str) -> Result<usize, usize> {
        // Tokens often come in order: try the end first.
        match self.items.last() {
            None => Err(0),
            Some(last) => match last.as_str().cmp(token) {
                Ordering::Less => Err(self.items.len()),
                Ordering::Equal => Ok(self.items.len() - 1),
                Ordering::Greater => self.items.binary_search_by(|t| t.as_str().cmp(token)),
            },
        }
    }

    /// Adds a copy of `token`; `true` when it was new.
    pub fn insert(&mut self, token: ScopeToken<'_>) -> bool {
        match self.search(&token) {
            Ok(_) => false,
            Err(pos) => {
                self.items.insert(pos, token.to_buf());
                true
            }
        }
    }

    /// Adds `token`; `true` when it was new.
    pub fn insert_buf(&mut self, token: ScopeTokenBuf) -> bool {
        match self.search(&token) {
            Ok(_) => false,
            Err(pos) => {
                self.items.insert(pos, token);
                true
            }
        }
    }

    /// Removes `token` and returns it, if it was there.
    pub fn remove(&mut self, token: &str) -> Option<ScopeTokenBuf> {
        let pos = self.search(token).ok()?;
        Some(self.items.remove(pos))
    }

    /// Keeps the tokens for which `keep` returns `true`.
    pub fn retain(&mut self, mut keep: impl FnMut(ScopeToken<'_>) -> bool) {
        self.items.retain(|t| keep(t.as_token()));
    }

    /// Removes every token.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// Whether `token` is in the set (a binary search; exact, case-sensitive).
    pub fn contains(&self, token: &str) -> bool {
        self.search(token).is_ok()
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The tokens, sorted byte-wise.
    pub fn as_slice(&self) -> &[ScopeTokenBuf] {
        &self.items
    }

    /// The tokens, sorted byte-wise.
    pub fn iter(&self) -> OwnedIter<'_> {
        OwnedIter { inner: self.items.iter() }
    }

    /// The tokens, sorted byte-wise.
    pub fn into_vec(self) -> Vec<ScopeTokenBuf> {
        self.items
    }

    /// A borrowing fixed-capacity set of the same tokens.
    ///
    /// # Errors
    ///
    /// The first token that did not fit.
    pub fn to_set<const N: usize>(&self) -> Result<ScopeSet<'_, N>, crate::CapacityError<'_>> {
        ScopeSet::try_from_tokens(self.iter())
    }

    /// Writes the canonical form: the tokens sorted byte-wise, separated by one SP.
    ///
    /// Serializer for `scope` (RFC 6749 §3.3,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.3>).
    ///
    /// # Errors
    ///
    /// Only those of the writer.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        write_canonical(w, self.iter())
    }

    /// The length in bytes of the canonical form.
    pub fn canonical_len(&self) -> usize {
        canonical_len(self.iter())
    }

    /// The canonical form as a `String`.
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::with_capacity(self.canonical_len());
        // Writing into a String cannot fail.
        let _ = self.write_to(&mut out);
        out
    }
}

impl fmt::Debug for OwnedScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(|t| t.as_str())).finish()
    }
}

/// The canonical form: the tokens sorted byte-wise, separated by one SP.
impl fmt::Display for OwnedScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl FromStr for OwnedScopeSet {
    type Err = Error;
    fn from_str(s: &str) -> Result<OwnedScopeSet, Error> {
        OwnedScopeSet::parse(s)
    }
}

impl<'a> FromIterator<ScopeToken<'a>> for OwnedScopeSet {
    fn from_iter<I: IntoIterator<Item = ScopeToken<'a>>>(iter: I) -> OwnedScopeSet {
        let mut set = OwnedScopeSet::new();
        set.extend(iter);
        set
    }
}

impl FromIterator<ScopeTokenBuf> for OwnedScopeSet {
    fn from_iter<I: IntoIterator<Item = ScopeTokenBuf>>(iter: I) -> OwnedScopeSet {
        let mut set = OwnedScopeSet::new();
        set.extend(iter);
        set
    }
}

/// Sorts the new tokens and merges them in: O((n + m) log m) however the tokens come
/// (inserting them one at a time would move the whole vector for each token that sorts
/// first).
impl<'a> Extend<ScopeToken<'a>> for OwnedScopeSet {
    fn extend<I: IntoIterator<Item = ScopeToken<'a>>>(&mut self, iter: I) {
        self.merge(iter.into_iter().map(|t| t.to_buf()).collect());
    }
}

/// As for borrowed tokens: sorted, then merged in.
impl Extend<ScopeTokenBuf> for OwnedScopeSet {
    fn extend<I: IntoIterator<Item = ScopeTokenBuf>>(&mut self, iter: I) {
        self.merge(iter.into_iter().collect());
    }
}

impl OwnedScopeSet {
    /// Adds `new`, in any order and with duplicates, in one sort and one merge walk.
    pub(crate) fn merge(&mut self, mut new: Vec<ScopeTokenBuf>) {
        new.sort_unstable();
        new.dedup();
        if self.items.is_empty() {
            self.items = new;
            return;
        }
        let old = core::mem::take(&mut self.items);
        let mut out = Vec::with_capacity(old.len() + new.len());
        let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let order = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => break,
            };
            match order {
                Ordering::Less => out.extend(a.next()),
                Ordering::Greater => out.extend(b.next()),
                Ordering::Equal => {
                    out.extend(a.next());
                    b.next();
                }
            }
        }
        self.items = out;
    }
}

impl<'s> IntoIterator for &'s OwnedScopeSet {
    type Item = ScopeToken<'s>;
    type IntoIter = OwnedIter<'s>;
    fn into_iter(self) -> OwnedIter<'s> {
        self.iter()
    }
}

impl IntoIterator for OwnedScopeSet {
    type Item = ScopeTokenBuf;
    type IntoIter = alloc::vec::IntoIter<ScopeTokenBuf>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<const N: usize> From<&ScopeSet<'_, N>> for OwnedScopeSet {
    fn from(set: &ScopeSet<'_, N>) -> OwnedScopeSet {
        set.to_owned_set()
    }
}

/// Set equality, whatever the order of the fixed set.
impl<const N: usize> PartialEq<ScopeSet<'_, N>> for OwnedScopeSet {
    fn eq(&self, other: &ScopeSet<'_, N>) -> bool {
        self.len() == other.len() && other.iter().all(|t| self.contains(&t))
    }
}

/// Set equality, whatever the order of the fixed set.
impl<const N: usize> PartialEq<OwnedScopeSet> for ScopeSet<'_, N> {
    fn eq(&self, other: &OwnedScopeSet) -> bool {
        other == self
    }
}

impl ScopeLike for OwnedScopeSet {
    type Iter<'s> = OwnedIter<'s>;

    fn tokens(&self) -> OwnedIter<'_> {
        self.iter()
    }

    fn contains(&self, token: &str) -> bool {
        OwnedScopeSet::contains(self, token)
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    fn is_sorted(&self) -> bool {
        true
    }
}

/// The tokens of an [`OwnedScopeSet`], sorted byte-wise ([`OwnedScopeSet::iter`]).
#[derive(Clone, Debug)]
pub struct OwnedIter<'s> {
    inner: core::slice::Iter<'s, ScopeTokenBuf>,
}

impl<'s> Iterator for OwnedIter<'s> {
    type Item = ScopeToken<'s>;

    #[inline]
    fn next(&mut self) -> Option<ScopeToken<'s>> {
        self.inner.next().map(ScopeTokenBuf::as_token)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for OwnedIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(ScopeTokenBuf::as_token)
    }
}

impl ExactSizeIterator for OwnedIter<'_> {}
impl FusedIterator for OwnedIter<'_> {}

impl Scope<'_> {
    /// The tokens in an owned set: sorted, duplicates dropped (needs `alloc`).
    pub fn to_owned_set(&self) -> OwnedScopeSet {
        self.iter().collect()
    }
}

impl<const N: usize> ScopeSet<'_, N> {
    /// An owned copy (needs `alloc`).
    pub fn to_owned_set(&self) -> OwnedScopeSet {
        self.iter().collect()
    }
}
