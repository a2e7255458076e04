//! [`ScopeSet`]: a fixed-capacity, duplicate-free set of borrowed tokens, in a plain array.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;

use crate::error::Error;
use crate::scope::{check_bytes, scan_str, Sink};
use crate::table::{hash_of, order_key, token_hash};
use crate::{CapacityError, Scope, ScopeLike, ScopeToken};

/// A set of at most `N` borrowed scope tokens, for `no_std` without a heap.
///
/// The tokens live in a plain array inside the set, in the order they were added (input
/// order, for the parsers), without duplicates. Beside each token the set keeps a 32-bit
/// hash of it in a small chained hash index (64 buckets), so that finding a duplicate or
/// answering [`contains`](ScopeSet::contains) looks at a handful of integers and compares
/// strings only where hashes agree. The capacity is below 65535. [`sort`](ScopeSet::sort) puts the tokens in canonical order;
/// two sorted sets compare with merge walks ([`ScopeLike`]).
///
/// Running out of room is never a panic: [`insert`](ScopeSet::insert) returns a
/// [`CapacityError`] that hands the token back, and the parsers return an [`Error`] for
/// which [`is_capacity`](Error::is_capacity) holds.
///
/// ```
/// use signpost_scope::{ScopeLike, ScopeSet, ScopeToken};
///
/// let mut set = ScopeSet::<4>::parse("profile openid profile")?;
/// assert_eq!(set.len(), 2); // duplicates removed
/// assert_eq!(set.iter().collect::<Vec<_>>(), ["profile", "openid"]); // in input order
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
    /// Whether `items[..len]` is in strictly increasing byte-wise order.
    sorted: bool,
    /// A small hash index: `heads[hash % 64]` is one more than the last slot whose hash
    /// falls in that bucket (0: none), and `links[slot]` the one before it in the same
    /// bucket. Lookups walk a chain of about `len / 64` slots.
    heads: [u16; BUCKETS],
    links: [u16; N],
    hashes: [u32; N],
    /// `Some` below `len`. `Option` so that a new set is all zeros, which costs one
    /// `memset` however large `N` is.
    items: [Option<ScopeToken<'a>>; N],
}

impl<'a, const N: usize> ScopeSet<'a, N> {
    /// An empty set.
    ///
    /// The capacity must be below 65535 (slots are numbered with `u16`); a larger one does
    /// not build:
    ///
    /// ```compile_fail
    /// let set = signpost_scope::ScopeSet::<70000>::new();
    /// ```
    pub const fn new() -> ScopeSet<'a, N> {
        // Slots are indexed with u16: a larger capacity does not compile.
        let () = AssertCapacity::<N>::OK;
        ScopeSet {
            len: 0,
            sorted: true,
            heads: [0; BUCKETS],
            links: [0; N],
            hashes: [0; N],
            items: [None; N],
        }
    }

    /// Parses a scope strictly (as [`Scope::parse`]) into a set, in input order, dropping
    /// duplicates.
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
    #[inline]
    pub fn parse(input: &'a str) -> Result<ScopeSet<'a, N>, Error> {
        // Built in the value that is returned, so that the set is not copied on the way out.
        let mut out = Ok(ScopeSet::new());
        if let Ok(set) = &mut out {
            if let Err(e) = set.parse_more(input) {
                out = Err(e);
            }
        }
        out
    }

    #[inline(always)]
    fn parse_more(&mut self, input: &'a str) -> Result<(), Error> {
        scan_str(input, &mut Parser { set: self, last_key: 0 })
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

    /// Adds `token` at the end; `Ok(true)` when it was new, `Ok(false)` when it was there
    /// already.
    ///
    /// # Errors
    ///
    /// The set is full and `token` is new: it is handed back in the error, and the set is
    /// unchanged.
    pub fn insert(&mut self, token: ScopeToken<'a>) -> Result<bool, CapacityError<'a>> {
        let before = self.len;
        let added = self.insert_hashed(token, hash_of(token.as_str().as_bytes()))?;
        if added && self.sorted && before > 0 {
            self.sorted = self.items[before - 1] < Some(token);
        }
        Ok(added)
    }

    #[inline(always)]
    fn insert_hashed(
        &mut self,
        token: ScopeToken<'a>,
        hash: u32,
    ) -> Result<bool, CapacityError<'a>> {
        let bucket = hash as usize % BUCKETS;
        let head = self.heads[bucket];
        if head != 0 && self.find_from(head, token.as_str(), hash).is_some() {
            return Ok(false);
        }
        let len = self.len;
        if len >= N {
            return Err(CapacityError::new(token, N));
        }
        self.links[len] = head;
        // len < N <= u16::MAX, so len + 1 fits.
        self.heads[bucket] = (len + 1) as u16;
        self.hashes[len] = hash;
        self.items[len] = Some(token);
        self.len = len + 1;
        Ok(true)
    }

    /// The slot of `token`, whose hash is `hash`, walking the chain that starts at slot
    /// `link - 1`: integers first, a string comparison only where the hashes agree.
    #[inline]
    fn find_from(&self, mut link: u16, token: &str, hash: u32) -> Option<usize> {
        // Each step goes to a lower slot, so the walk ends.
        while let Some(slot) = usize::from(link).checked_sub(1) {
            if self.hashes.get(slot) == Some(&hash)
                && self.items.get(slot).copied().flatten().is_some_and(|t| t.as_str() == token)
            {
                return Some(slot);
            }
            link = self.links.get(slot).copied().unwrap_or(0);
        }
        None
    }

    #[inline]
    fn find(&self, token: &str, hash: u32) -> Option<usize> {
        self.find_from(self.heads[hash as usize % BUCKETS], token, hash)
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

    /// Removes `token` and returns it, if it was there. The others keep their order.
    pub fn remove(&mut self, token: &str) -> Option<ScopeToken<'a>> {
        let pos = self.position(token)?;
        let removed = self.items[pos]?;
        self.items.copy_within(pos + 1..self.len, pos);
        self.hashes.copy_within(pos + 1..self.len, pos);
        self.len -= 1;
        self.reindex();
        Some(removed)
    }

    /// Keeps the tokens for which `keep` returns `true`, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(ScopeToken<'a>) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            let (token, hash) = (self.items[i], self.hashes[i]);
            if token.is_some_and(&mut keep) {
                self.items[kept] = token;
                self.hashes[kept] = hash;
                kept += 1;
            }
        }
        self.len = kept;
        self.reindex();
    }

    /// Rebuilds the hash index after slots moved.
    fn reindex(&mut self) {
        self.heads = [0; BUCKETS];
        for slot in 0..self.len {
            let bucket = self.hashes[slot] as usize % BUCKETS;
            self.links[slot] = self.heads[bucket];
            self.heads[bucket] = (slot + 1) as u16;
        }
    }

    /// Removes every token.
    pub fn clear(&mut self) {
        self.len = 0;
        self.sorted = true;
        self.heads = [0; BUCKETS];
    }

    /// Sorts the tokens into canonical (byte-wise) order. Iteration then follows it, and
    /// set operations between sorted sets become merge walks.
    pub fn sort(&mut self) {
        if self.sorted {
            return;
        }
        // Insertion sort: the fastest for the few tokens of a scope.
        let len = self.len;
        for i in 1..len {
            let (token, hash) = (self.items[i], self.hashes[i]);
            let mut j = i;
            while j > 0 && self.items[j - 1] > token {
                self.items[j] = self.items[j - 1];
                self.hashes[j] = self.hashes[j - 1];
                j -= 1;
            }
            self.items[j] = token;
            self.hashes[j] = hash;
        }
        self.sorted = true;
        self.reindex();
    }

    /// Whether the tokens are in canonical (byte-wise) order.
    pub const fn is_sorted(&self) -> bool {
        self.sorted
    }

    fn position(&self, token: &str) -> Option<usize> {
        self.find(token, hash_of(token.as_bytes()))
    }

    /// Whether `token` is in the set (exact, case-sensitive).
    pub fn contains(&self, token: &str) -> bool {
        self.position(token).is_some()
    }

    /// The token equal to `token`, borrowed from the set's input.
    pub fn get(&self, token: &str) -> Option<ScopeToken<'a>> {
        self.position(token).and_then(|i| self.items.get(i).copied().flatten())
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

    /// The tokens, in the order they were added (or in canonical order after
    /// [`sort`](ScopeSet::sort)).
    pub fn iter(&self) -> Iter<'_, 'a> {
        Iter { inner: self.items.get(..self.len).unwrap_or(&[]).iter() }
    }

    /// The first token, in the order of [`iter`](ScopeSet::iter).
    pub fn first(&self) -> Option<ScopeToken<'a>> {
        self.iter().next()
    }

    /// The last token, in the order of [`iter`](ScopeSet::iter).
    pub fn last(&self) -> Option<ScopeToken<'a>> {
        self.iter().next_back()
    }

    /// Writes the canonical form: the tokens sorted byte-wise, separated by one SP. An empty
    /// set writes nothing (which is not a valid `scope`: callers omit the parameter).
    ///
    /// Serializer for `scope` (RFC 6749 §3.3,
    /// <https://www.rfc-editor.org/rfc/rfc6749#section-3.3>). A set that is not sorted is
    /// written in order without being changed: each token is the least one after the one
    /// before, found by a scan (O(n²) comparisons for n tokens; [`sort`](ScopeSet::sort)
    /// first to write many times).
    ///
    /// # Errors
    ///
    /// Only those of the writer (a full `heapless::String`, for instance).
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        if self.sorted {
            return write_canonical(w, self.iter());
        }
        let mut last: Option<ScopeToken<'a>> = None;
        for i in 0..self.len {
            let next = self.iter().filter(|&t| last.map_or(true, |l| t > l)).min();
            let Some(next) = next else { break };
            if i > 0 {
                w.write_char(' ')?;
            }
            w.write_str(next.as_str())?;
            last = Some(next);
        }
        Ok(())
    }

    /// The length in bytes of the canonical form, to size a buffer.
    pub fn canonical_len(&self) -> usize {
        canonical_len(self.iter())
    }

    /// An owned copy (needs `alloc`).
    #[cfg(feature = "alloc")]
    pub fn to_owned_set(&self) -> crate::OwnedScopeSet {
        self.iter().collect()
    }
}

/// The buckets of the hash index of a [`ScopeSet`].
const BUCKETS: usize = 64;

/// Stops the build when a capacity does not fit the u16 slot numbers of the index.
struct AssertCapacity<const N: usize>;

impl<const N: usize> AssertCapacity<N> {
    const OK: () = assert!(N < u16::MAX as usize, "ScopeSet capacity must be below 65535");
}

/// The set parser's per-token work, compiled into the scanning loop.
struct Parser<'s, 'a, const N: usize> {
    set: &'s mut ScopeSet<'a, N>,
    /// The order key of the last token added.
    last_key: u64,
}

impl<'a, const N: usize> Sink<'a> for Parser<'_, 'a, N> {
    #[inline(always)]
    fn token(&mut self, token: ScopeToken<'a>, offset: usize, head: u64) -> Result<(), Error> {
        let set = &mut *self.set;
        let n = token.as_str().len();
        let hash = token_hash(token.as_str().as_bytes(), n, n, head);
        let before = set.len;
        match set.insert_hashed(token, hash) {
            Ok(true) => {
                // Track the order with the eight-byte keys; strings only on a tie.
                let key = order_key(head);
                if set.sorted && before > 0 {
                    set.sorted = if key != self.last_key {
                        key > self.last_key
                    } else {
                        let prev = set.items.get(before - 1).copied().flatten();
                        Some(token) > prev
                    };
                }
                self.last_key = key;
                Ok(())
            }
            Ok(false) => Ok(()),
            Err(_) => Err(Error::capacity(offset)),
        }
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

/// Set equality: the same tokens, whatever the order they were added in.
impl<'b, const N: usize, const M: usize> PartialEq<ScopeSet<'b, M>> for ScopeSet<'_, N> {
    fn eq(&self, other: &ScopeSet<'b, M>) -> bool {
        self.len == other.len
            && self.iter().zip(self.hashes.iter()).all(|(t, &h)| other.find(&t, h).is_some())
    }
}

impl<const N: usize> Eq for ScopeSet<'_, N> {}

/// Consistent with set equality: independent of the order of the tokens.
impl<const N: usize> Hash for ScopeSet<'_, N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let hashes = self.hashes.get(..self.len).unwrap_or(&[]);
        state.write_usize(self.len);
        state.write_u64(hashes.iter().fold(0u64, |s, &h| s.wrapping_add(u64::from(h))));
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
        self.sorted
    }

    fn is_distinct(&self) -> bool {
        true
    }
}

/// The tokens of a [`ScopeSet`] ([`ScopeSet::iter`]).
#[derive(Clone, Debug)]
pub struct Iter<'s, 'a> {
    inner: core::slice::Iter<'s, Option<ScopeToken<'a>>>,
}

impl<'a> Iterator for Iter<'_, 'a> {
    type Item = ScopeToken<'a>;

    #[inline]
    fn next(&mut self) -> Option<ScopeToken<'a>> {
        // Every slot below `len` is `Some`.
        self.inner.next().copied().flatten()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().copied().flatten()
    }
}

impl ExactSizeIterator for Iter<'_, '_> {}
impl FusedIterator for Iter<'_, '_> {}
