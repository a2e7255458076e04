//! [`ScopeSet`]: a fixed-capacity, duplicate-free set of borrowed tokens, in a plain array.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;

use crate::error::Error;
use crate::scope::{check_bytes, scan_str, Sink};
use crate::table::{hash_of, order_key, token_hash, zero_lanes};
use crate::{CapacityError, Scope, ScopeLike, ScopeToken};

/// A set of at most `N` borrowed scope tokens, for `no_std` without a heap.
///
/// The tokens live in plain arrays inside the set, in the order they were added (input
/// order, for the parsers), without duplicates. The first eight sit in a small inline array
/// with one tag byte each (from a hash of the token), so that finding a duplicate or
/// answering [`contains`](ScopeSet::contains) is one 64-bit compare of the tags and a string
/// comparison only where a tag agrees. A set that grows past eight tokens moves them into
/// its full-capacity array with a chained hash index (64 buckets) of 32-bit hashes; a new
/// set never touches that storage, so it costs the same whatever `N` is. The capacity is
/// below 65535. [`sort`](ScopeSet::sort) puts the tokens in canonical order; two sorted sets
/// compare with merge walks ([`ScopeLike`]).
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
    /// Whether the first `len` tokens are in strictly increasing byte-wise order.
    sorted: bool,
    /// While the set is inline: one tag byte per slot below `len` (the top byte of the
    /// token's hash, high bit set), zero above, so that one SWAR compare finds the slots
    /// that may hold a token.
    tags: u64,
    /// The first eight tokens, while there are at most eight (`Some` below `len`).
    inline: [Option<ScopeToken<'a>>; INLINE],
    /// The full-capacity storage, from the ninth token on (all the tokens then).
    spill: Option<Spill<'a, N>>,
}

// A new set writes its inline slots (one short `memset`) and the `None` of `spill`: its
// initialisation does not grow with the capacity. Only a set that grows past eight tokens
// sets up the full-capacity array and its hash index.

/// The full-capacity storage of a [`ScopeSet`] that outgrew its inline slots.
#[derive(Clone)]
struct Spill<'a, const N: usize> {
    /// A small hash index: `heads[bucket_of(hash)]` is one more than the last slot whose
    /// hash falls in that bucket (0: none), and `links[slot]` the one before it in the same
    /// bucket. Lookups walk a chain of about `len / 64` slots.
    heads: [u16; BUCKETS],
    links: [u16; N],
    hashes: [u32; N],
    /// `Some` below `len`.
    items: [Option<ScopeToken<'a>>; N],
}

/// The inline slots of a new [`ScopeSet`].
const INLINE: usize = 8;

/// The buckets of the hash index of a spilled [`ScopeSet`].
const BUCKETS: usize = 64;

/// The bucket of a hash: its top bits, the best mixed ones.
#[inline(always)]
fn bucket_of(hash: u32) -> usize {
    (hash >> 26) as usize
}

/// The inline tag of a hash, repeated in every lane: its top byte with the high bit set,
/// so that no tag is zero (the value of the empty lanes).
#[inline(always)]
fn tag_lanes(hash: u32) -> u64 {
    u64::from((hash >> 24) as u8 | 0x80) * 0x0101_0101_0101_0101
}

impl<'a, const N: usize> ScopeSet<'a, N> {
    /// An empty set.
    ///
    /// It costs the same for every capacity: the first eight tokens live in a small
    /// inline array, and the full-capacity storage is set up only when a ninth comes.
    /// The capacity must be below 65535 (slots are numbered with `u16`); a larger one does
    /// not build:
    ///
    /// ```compile_fail
    /// let set = signpost_scope::ScopeSet::<70000>::new();
    /// ```
    #[inline]
    pub const fn new() -> ScopeSet<'a, N> {
        // Slots are indexed with u16: a larger capacity does not compile.
        let () = AssertCapacity::<N>::OK;
        ScopeSet { len: 0, sorted: true, tags: 0, inline: [None; INLINE], spill: None }
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
        let mut set = ScopeSet::new();
        set.parse_more(input)?;
        Ok(set)
    }

    #[inline(always)]
    fn parse_more(&mut self, input: &'a str) -> Result<(), Error> {
        // Only ever called on a new set.
        let mut parser = Parser {
            inline: &mut self.inline,
            spill: &mut self.spill,
            hashes: [0; INLINE],
            len: 0,
            tags: 0,
            sorted: true,
            last_key: 0,
            last: "",
        };
        scan_str(input, &mut parser)?;
        let (len, tags, sorted) = (parser.len, parser.tags, parser.sorted);
        self.len = len;
        self.tags = tags;
        self.sorted = sorted;
        Ok(())
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
            self.sorted = self.slots().get(before - 1).copied().flatten() < Some(token);
        }
        Ok(added)
    }

    #[inline(always)]
    fn insert_hashed(
        &mut self,
        token: ScopeToken<'a>,
        hash: u32,
    ) -> Result<bool, CapacityError<'a>> {
        let len = self.len;
        let spill = if N <= INLINE { None } else { self.spill.as_mut() };
        if let Some(spill) = spill {
            if spill.find(token.as_str(), hash).is_some() {
                return Ok(false);
            }
            if len >= N {
                return Err(CapacityError::new(token, N));
            }
            spill.push(len, token, hash);
            self.len = len + 1;
            return Ok(true);
        }
        if find_inline(&self.inline, self.tags, token.as_str(), hash).is_some() {
            return Ok(false);
        }
        if len >= N {
            return Err(CapacityError::new(token, N));
        }
        if let Some(slot) = self.inline.get_mut(len) {
            *slot = Some(token);
            self.tags |= (tag_lanes(hash) & 0xFF) << (8 * len);
            self.len = len + 1;
            return Ok(true);
        }
        if N <= INLINE {
            // Unreachable: `len < N <= INLINE` found a free inline slot.
            return Err(CapacityError::new(token, N));
        }
        // The inline slots are full and the capacity is not: move to the full storage.
        let spill = self.spill();
        spill.push(len, token, hash);
        self.len = len + 1;
        Ok(true)
    }

    /// Moves the tokens from the inline slots to the full-capacity storage and builds its
    /// hash index: once in the life of a set that grows past eight tokens.
    #[cold]
    #[inline(never)]
    fn spill(&mut self) -> &mut Spill<'a, N> {
        self.tags = 0;
        let mut hashes = [0; INLINE];
        for (hash, token) in hashes.iter_mut().zip(self.inline.iter().flatten()) {
            *hash = hash_of(token.as_bytes());
        }
        Spill::from_inline(&mut self.spill, &self.inline, &hashes)
    }

    /// The full-capacity storage, if the set has spilled (never for a capacity of at most
    /// eight: the check is then a constant, and the code for it goes).
    #[inline(always)]
    fn spilled(&self) -> Option<&Spill<'a, N>> {
        if N <= INLINE {
            None
        } else {
            self.spill.as_ref()
        }
    }

    /// The tokens, `Some` each.
    #[inline]
    fn slots(&self) -> &[Option<ScopeToken<'a>>] {
        let all: &[Option<ScopeToken<'a>>] = match self.spilled() {
            None => &self.inline,
            Some(spill) => &spill.items,
        };
        all.get(..self.len).unwrap_or(&[])
    }

    #[inline]
    fn slots_mut(&mut self) -> &mut [Option<ScopeToken<'a>>] {
        let spill = if N <= INLINE { None } else { self.spill.as_mut() };
        let all: &mut [Option<ScopeToken<'a>>] = match spill {
            None => &mut self.inline,
            Some(spill) => &mut spill.items,
        };
        all.get_mut(..self.len).unwrap_or(&mut [])
    }

    /// The slot of `token`, whose hash is `hash`.
    #[inline]
    fn find(&self, token: &str, hash: u32) -> Option<usize> {
        match self.spilled() {
            None => find_inline(&self.inline, self.tags, token, hash),
            Some(spill) => spill.find(token, hash),
        }
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
        let slots = self.slots_mut();
        let removed = slots.get(pos).copied().flatten()?;
        if let Some(rest) = slots.get_mut(pos..) {
            rest.rotate_left(1);
        }
        self.len -= 1;
        self.reindex();
        Some(removed)
    }

    /// Keeps the tokens for which `keep` returns `true`, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(ScopeToken<'a>) -> bool) {
        let slots = self.slots_mut();
        let mut kept = 0;
        for i in 0..slots.len() {
            let token = slots[i];
            if token.is_some_and(&mut keep) {
                slots[kept] = token;
                kept += 1;
            }
        }
        self.len = kept;
        self.reindex();
    }

    /// Rebuilds the tags or the hash index after slots moved.
    fn reindex(&mut self) {
        let len = self.len;
        match &mut self.spill {
            None => {
                let mut tags = 0;
                for (slot, token) in self.inline.iter().take(len).enumerate() {
                    if let Some(token) = token {
                        tags |= (tag_lanes(hash_of(token.as_bytes())) & 0xFF) << (8 * slot);
                    }
                }
                self.tags = tags;
            }
            Some(spill) => {
                spill.heads = [0; BUCKETS];
                for slot in 0..len {
                    if let Some(token) = spill.items.get(slot).copied().flatten() {
                        spill.push(slot, token, hash_of(token.as_bytes()));
                    }
                }
            }
        }
    }

    /// Removes every token.
    pub fn clear(&mut self) {
        self.len = 0;
        self.sorted = true;
        self.tags = 0;
        self.spill = None;
    }

    /// Sorts the tokens into canonical (byte-wise) order. Iteration then follows it, and
    /// set operations between sorted sets become merge walks.
    pub fn sort(&mut self) {
        if self.sorted {
            return;
        }
        // Insertion sort: the fastest for the few tokens of a scope.
        let slots = self.slots_mut();
        for i in 1..slots.len() {
            let token = slots[i];
            let mut j = i;
            while j > 0 && slots[j - 1] > token {
                slots[j] = slots[j - 1];
                j -= 1;
            }
            slots[j] = token;
        }
        self.sorted = true;
        self.reindex();
    }

    /// Whether the tokens are in canonical (byte-wise) order.
    pub const fn is_sorted(&self) -> bool {
        self.sorted
    }

    #[inline]
    fn position(&self, token: &str) -> Option<usize> {
        self.find(token, hash_of(token.as_bytes()))
    }

    /// Whether `token` is in the set (exact, case-sensitive).
    pub fn contains(&self, token: &str) -> bool {
        self.position(token).is_some()
    }

    /// The token equal to `token`, borrowed from the set's input.
    pub fn get(&self, token: &str) -> Option<ScopeToken<'a>> {
        self.position(token).and_then(|i| self.slots().get(i).copied().flatten())
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
        Iter { inner: self.slots().iter() }
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
    /// written in order without being changed: a merge sort of its slot numbers on the
    /// stack (O(n log n) comparisons for n tokens, 4N bytes of stack) gives the order;
    /// [`sort`](ScopeSet::sort) first to write many times.
    ///
    /// # Errors
    ///
    /// Only those of the writer (a full `heapless::String`, for instance).
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        if self.sorted {
            return write_canonical(w, self.iter());
        }
        let slots = self.slots();
        let n = slots.len();
        let token = |slot: u16| slots.get(usize::from(slot)).copied().flatten();
        // Bottom-up merge sort of slot numbers (they fit: N < u16::MAX, checked at build).
        let mut a = [0u16; N];
        let mut b = [0u16; N];
        for (i, slot) in a.iter_mut().enumerate().take(n) {
            *slot = i as u16;
        }
        let (mut from, mut to) = (&mut a, &mut b);
        let mut width = 1;
        while width < n {
            let mut lo = 0;
            while lo < n {
                let mid = n.min(lo + width);
                let hi = n.min(lo + 2 * width);
                let (mut i, mut j) = (lo, mid);
                for out in to.iter_mut().take(hi).skip(lo) {
                    let take_left = j >= hi || (i < mid && token(from[i]) <= token(from[j]));
                    if take_left {
                        *out = from[i];
                        i += 1;
                    } else {
                        *out = from[j];
                        j += 1;
                    }
                }
                lo = hi;
            }
            core::mem::swap(&mut from, &mut to);
            width *= 2;
        }
        write_canonical(w, from.iter().take(n).filter_map(|&slot| token(slot)))
    }

    /// The length in bytes of the canonical form, to size a buffer.
    pub fn canonical_len(&self) -> usize {
        canonical_len(self.iter())
    }
}

impl<'a, const N: usize> Spill<'a, N> {
    /// Sets up the full storage in `spill` with the eight tokens of `inline`.
    #[cold]
    #[inline(never)]
    fn from_inline<'s>(
        spill: &'s mut Option<Spill<'a, N>>,
        inline: &[Option<ScopeToken<'a>>; INLINE],
        hashes: &[u32; INLINE],
    ) -> &'s mut Spill<'a, N> {
        // All zeros: set up in place with one `memset`.
        let spill = spill.insert(Spill::EMPTY);
        for (slot, (token, &hash)) in inline.iter().zip(hashes).enumerate() {
            if let Some(token) = *token {
                spill.push(slot, token, hash);
            }
        }
        spill
    }

    const EMPTY: Spill<'a, N> =
        Spill { heads: [0; BUCKETS], links: [0; N], hashes: [0; N], items: [None; N] };

    /// Stores `token` with its hash in `slot` and links it into the index.
    #[inline]
    fn push(&mut self, slot: usize, token: ScopeToken<'a>, hash: u32) {
        let bucket = bucket_of(hash);
        if let (Some(item), Some(h), Some(link), Some(head)) = (
            self.items.get_mut(slot),
            self.hashes.get_mut(slot),
            self.links.get_mut(slot),
            self.heads.get_mut(bucket),
        ) {
            *item = Some(token);
            *h = hash;
            *link = *head;
            // slot < N < u16::MAX, so slot + 1 fits.
            *head = (slot + 1) as u16;
        }
    }

    /// The slot of `token`, whose hash is `hash`, walking its bucket's chain: integers
    /// first, a string comparison only where the hashes agree.
    #[inline]
    fn find(&self, token: &str, hash: u32) -> Option<usize> {
        let mut link = self.heads.get(bucket_of(hash)).copied().unwrap_or(0);
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
}

/// The inline slot of `token`, whose hash is `hash`: one SWAR compare of the tags, then a
/// string comparison for each slot whose tag agrees (usually none, or the one).
#[inline(always)]
fn find_inline(
    items: &[Option<ScopeToken<'_>>; INLINE],
    tags: u64,
    token: &str,
    hash: u32,
) -> Option<usize> {
    let mut candidates = zero_lanes(tags ^ tag_lanes(hash));
    while candidates != 0 {
        let slot = (candidates.trailing_zeros() / 8) as usize;
        candidates &= candidates - 1;
        if items.get(slot).copied().flatten().is_some_and(|t| t.as_str() == token) {
            return Some(slot);
        }
    }
    None
}

/// Stops the build when a capacity does not fit the u16 slot numbers of the index.
struct AssertCapacity<const N: usize>;

impl<const N: usize> AssertCapacity<N> {
    const OK: () = assert!(N < u16::MAX as usize, "ScopeSet capacity must be below 65535");
}

/// The set parser's per-token work, compiled into the scanning loop. It borrows the
/// set's storage, and keeps its length, tags and order here (in registers) until the end.
struct Parser<'s, 'a, const N: usize> {
    inline: &'s mut [Option<ScopeToken<'a>>; INLINE],
    spill: &'s mut Option<Spill<'a, N>>,
    /// The hashes of the inline tokens, for the index if the set spills.
    hashes: [u32; INLINE],
    len: usize,
    tags: u64,
    sorted: bool,
    /// The order key and the token last added.
    last_key: u64,
    last: &'a str,
}

impl<'a, const N: usize> Parser<'_, 'a, N> {
    /// Adds a token past the inline slots; `Ok(false)` for a duplicate.
    #[inline(always)]
    fn add_spilled(&mut self, token: ScopeToken<'a>, hash: u32) -> Result<bool, ()> {
        let len = self.len;
        let spill = match self.spill {
            Some(spill) => spill,
            None => {
                if N <= INLINE || len < INLINE {
                    // Unreachable: the inline slots had room for the capacity.
                    return Err(());
                }
                self.tags = 0;
                Spill::from_inline(self.spill, self.inline, &self.hashes)
            }
        };
        if spill.find(token.as_str(), hash).is_some() {
            return Ok(false);
        }
        if len >= N {
            return Err(());
        }
        spill.push(len, token, hash);
        self.len = len + 1;
        Ok(true)
    }
}

impl<'a, const N: usize> Sink<'a> for Parser<'_, 'a, N> {
    #[inline(always)]
    fn token(&mut self, token: ScopeToken<'a>, offset: usize, head: u64) -> Result<(), Error> {
        let n = token.as_str().len();
        let hash = token_hash(token.as_str().as_bytes(), n, n, head);
        let len = self.len;
        if len < INLINE {
            // While parsing into a new set, `len < INLINE` means that the set is inline.
            if find_inline(self.inline, self.tags, token.as_str(), hash).is_some() {
                return Ok(());
            }
            if len >= N {
                return Err(Error::capacity(offset));
            }
            if let (Some(slot), Some(h)) = (self.inline.get_mut(len), self.hashes.get_mut(len)) {
                *slot = Some(token);
                *h = hash;
            }
            self.tags |= (tag_lanes(hash) & 0xFF) << (8 * len);
            self.len = len + 1;
        } else {
            match self.add_spilled(token, hash) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(()) => return Err(Error::capacity(offset)),
            }
        }
        // Track the order with the eight-byte keys; strings only on a tie.
        let key = order_key(head);
        if self.sorted && len > 0 {
            self.sorted =
                if key != self.last_key { key > self.last_key } else { token.as_str() > self.last };
        }
        self.last_key = key;
        self.last = token.as_str();
        Ok(())
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
        self.len == other.len && self.iter().all(|t| other.contains(&t))
    }
}

impl<const N: usize> Eq for ScopeSet<'_, N> {}

/// Consistent with set equality: independent of the order of the tokens.
impl<const N: usize> Hash for ScopeSet<'_, N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len);
        let sum = self.iter().fold(0u64, |s, t| s.wrapping_add(u64::from(hash_of(t.as_bytes()))));
        state.write_u64(sum);
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

impl<'a> Scope<'a> {
    /// The tokens in a fixed-capacity set: sorted, duplicates dropped.
    ///
    /// # Errors
    ///
    /// The first token that did not fit.
    pub fn to_set<const N: usize>(&self) -> Result<ScopeSet<'a, N>, CapacityError<'a>> {
        ScopeSet::try_from_tokens(self.iter())
    }
}
