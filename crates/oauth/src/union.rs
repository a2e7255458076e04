//! The duplicate check behind [`ScopeUnion`](crate::ScopeUnion): which token of the held
//! scope and the challenge's scope is the first of its kind, and whether the challenge
//! names a token the held scope lacks, in O(n log k) byte comparisons for n bytes and k
//! tokens, with a bounded table on the stack and no allocation.
//!
//! The tokens of both scopes (the held ones first) are numbered by a key: their byte offset,
//! with the top bit set for the challenge's. A bottom-up merge sort orders the keys by the
//! tokens' bytes, ties by key, so that the first of each run of equal tokens is its first
//! occurrence. A comparison stops at the first differing byte, so it costs at most the
//! shorter token's length plus one; each merge level outputs every token once and charges
//! each comparison to the token it outputs, so the whole sort reads at most
//! (n + k) · ⌈log2 k⌉ bytes, whatever the tokens are (no hash an attacker could collide).
//!
//! A union of at most 16 tokens in all (the usual challenge adds one or two to what the
//! client holds) is checked pair by pair instead, which reads at most 15 (n + k) bytes and
//! leaves the 4 KiB table untouched.

use core::cmp::Ordering;

use signpost_scope::Scope;

use crate::field::FieldError;

/// The most tokens of each side (held, challenge) that the union deduplicates.
pub(crate) const MAX_TOKENS: usize = 256;

/// The table: every token of both sides.
const SLOTS: usize = 2 * MAX_TOKENS;

/// The key bit of a challenge token; the rest is the token's byte offset.
const CHALLENGE: u32 = 1 << 31;

/// The largest scope string, in bytes, whose offsets fit a key.
const MAX_TEXT: usize = (CHALLENGE - 1) as usize;

/// For each token of the held scope then the challenge's scope (in that order), whether it
/// is the first occurrence of its bytes; and whether a challenge token is missing from the
/// held scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FirstSeen {
    first: [u64; SLOTS / 64],
    wider: bool,
}

impl FirstSeen {
    /// Whether the token numbered `index` (held tokens first) is a first occurrence.
    pub(crate) fn is_first(&self, index: usize) -> bool {
        self.first.get(index / 64).is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    /// Whether the challenge names a token the held scope lacks.
    pub(crate) const fn wider(&self) -> bool {
        self.wider
    }

    /// The marks of the first 64 tokens (all of them in a union of at most 64).
    pub(crate) const fn low_word(&self) -> u64 {
        self.first[0]
    }
}

/// Whether a side is too large for the table.
pub(crate) fn over_limit(scope: Option<Scope<'_>>) -> bool {
    scope.is_some_and(|s| s.len() > MAX_TOKENS || s.as_str().len() > MAX_TEXT)
}

/// The refusal of a challenge's `scope` over the limit, at the first token past it (or at
/// byte 0 for a text too long to number).
pub(crate) fn too_many(scope: Scope<'_>) -> FieldError {
    let at = scope
        .as_str()
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b' ')
        .nth(MAX_TOKENS - 1)
        .map_or(0, |(i, _)| i + 1);
    FieldError::bare("scope", at, TOO_MANY)
}

/// The message of [`too_many`]: it names [`MAX_TOKENS`].
const TOO_MANY: &str = "more than 256 scope-tokens (the limit of the client's scope union)";

/// The most tokens, both sides together, that are checked pair by pair instead of sorted:
/// at most 15 comparisons per token (each reads at most the token's length), cheaper than
/// clearing and sorting the table for the few tokens a challenge usually has.
const FEW: usize = 16;

/// The first occurrences of `held` then `challenge`, or `None` when a side is over the
/// limit ([`over_limit`]).
pub(crate) fn first_seen(
    held: Option<Scope<'_>>,
    challenge: Option<Scope<'_>>,
) -> Option<FirstSeen> {
    if over_limit(held) || over_limit(challenge) {
        return None;
    }
    let n = held.map_or(0, |s| s.len()) + challenge.map_or(0, |s| s.len());
    Some(if n <= FEW {
        first_seen_few(held, challenge)
    } else {
        first_seen_sorted(held, challenge)
    })
}

/// [`first_seen`] for at most [`FEW`] tokens: each token against the ones before it.
fn first_seen_few(held: Option<Scope<'_>>, challenge: Option<Scope<'_>>) -> FirstSeen {
    let mut tokens: [&[u8]; FEW] = [&[]; FEW];
    let mut n = 0;
    let mut held_count = 0;
    for (side, scope) in [held, challenge].into_iter().enumerate() {
        if let Some(scope) = scope {
            for token in scope.iter() {
                if let Some(slot) = tokens.get_mut(n) {
                    *slot = token.as_str().as_bytes();
                    n += 1;
                }
            }
        }
        if side == 0 {
            held_count = n;
        }
    }
    let mut seen = FirstSeen { first: [0; SLOTS / 64], wider: false };
    for (index, token) in tokens.iter().enumerate().take(n) {
        work(index + 1);
        // Lengths first: tokens of another length need no byte compared.
        let before = tokens.get(..index).unwrap_or_default();
        if before.iter().any(|t| t.len() == token.len() && t == token) {
            continue;
        }
        seen.wider |= index >= held_count;
        if let Some(word) = seen.first.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }
    seen
}

/// [`first_seen`] by sorting, with the table for [`MAX_TOKENS`] a side (4 KiB), in a
/// frame of its own so that the few-token path does not reserve it.
#[inline(never)]
fn first_seen_sorted(held: Option<Scope<'_>>, challenge: Option<Scope<'_>>) -> FirstSeen {
    let (mut keys, mut scratch) = ([0u32; SLOTS], [0u32; SLOTS]);
    first_seen_in(&mut keys, &mut scratch, held, challenge)
}

/// The first occurrences, sorting in `keys` and `scratch`, which hold every token of both
/// sides (the caller checked).
fn first_seen_in(
    keys: &mut [u32],
    scratch: &mut [u32],
    held: Option<Scope<'_>>,
    challenge: Option<Scope<'_>>,
) -> FirstSeen {
    let texts = [
        held.map_or(&b""[..], |s| s.as_str().as_bytes()),
        challenge.map_or(&b""[..], |s| s.as_str().as_bytes()),
    ];
    let n = fill(keys, held, challenge);
    let sorted = sort(&texts, keys, scratch, n);
    // `keys` or `scratch` holds the sorted keys; the other one is free: the keys in input
    // order again, to number the first occurrences.
    let (sorted, original) = if sorted { (keys, scratch) } else { (scratch, keys) };
    fill(original, held, challenge);
    let mut seen = FirstSeen { first: [0; SLOTS / 64], wider: false };
    let mut previous: Option<u32> = None;
    for &key in sorted.iter().take(n) {
        let first = previous.map_or(true, |p| compare(&texts, p, key) != Ordering::Equal);
        previous = Some(key);
        work(1);
        if !first {
            continue;
        }
        seen.wider |= key & CHALLENGE != 0;
        // The keys are increasing in input order: the index is the key's rank.
        if let Ok(index) = original.get(..n).unwrap_or(&[]).binary_search(&key) {
            if let Some(word) = seen.first.get_mut(index / 64) {
                *word |= 1 << (index % 64);
            }
        }
    }
    seen
}

/// Writes the keys of the tokens of `held` then `challenge` into `keys`; how many. The
/// caller checked that they fit.
fn fill(keys: &mut [u32], held: Option<Scope<'_>>, challenge: Option<Scope<'_>>) -> usize {
    let mut n = 0;
    for (scope, bit) in [(held, 0), (challenge, CHALLENGE)] {
        let Some(scope) = scope else { continue };
        let base = scope.as_str().as_ptr() as usize;
        for token in scope.iter() {
            let offset = token.as_str().as_ptr() as usize - base;
            if let Some(slot) = keys.get_mut(n) {
                *slot = bit | offset as u32;
                n += 1;
            }
            work(1);
        }
    }
    n
}

/// The bytes of the token of `key`, up to the end of its scope (it ends at the next SP).
fn rest<'t>(texts: &[&'t [u8]; 2], key: u32) -> &'t [u8] {
    let text = texts[usize::from(key & CHALLENGE != 0)];
    text.get((key & !CHALLENGE) as usize..).unwrap_or(&[])
}

/// The byte-wise order of the tokens of two keys, then of the keys: reads up to the first
/// byte that differs (at most the shorter token's length plus one).
fn compare(texts: &[&[u8]; 2], a: u32, b: u32) -> Ordering {
    let (x, y) = (rest(texts, a), rest(texts, b));
    let mut i = 0;
    let order = loop {
        // A token ends at SP or at the end; no token byte is below SP, so the end sorts a
        // prefix first, as `str` ordering does.
        let p = x.get(i).copied().filter(|&c| c != b' ');
        let q = y.get(i).copied().filter(|&c| c != b' ');
        i += 1;
        match (p, q) {
            (None, None) => break Ordering::Equal,
            (p, q) if p != q => break p.cmp(&q),
            _ => {}
        }
    };
    work(i);
    order
}

/// Sorts the first `n` keys by [`compare`], ties by key, bottom-up: each pass merges runs
/// of `width` from one array into the other. Returns `true` when the result is in `keys`,
/// `false` when it is in `scratch`.
fn sort(texts: &[&[u8]; 2], keys: &mut [u32], scratch: &mut [u32], n: usize) -> bool {
    let mut in_keys = true;
    let mut width = 1;
    while width < n {
        let (from, to) = if in_keys { (&*keys, &mut *scratch) } else { (&*scratch, &mut *keys) };
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for out in to.iter_mut().take(hi).skip(lo) {
                let take_left = j >= hi
                    || (i < mid && {
                        let (a, b) = (from[i], from[j]);
                        compare(texts, a, b).then(a.cmp(&b)) != Ordering::Greater
                    });
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
        in_keys = !in_keys;
        width *= 2;
    }
    in_keys
}

/// Counts `steps` of work in the tests (the bytes a comparison read, a token visited).
#[inline(always)]
fn work(steps: usize) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + steps));
    let _ = steps;
}

#[cfg(test)]
std::thread_local! {
    /// The work done on this thread since the last [`take_work`].
    static WORK: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

/// The work counted on this thread since the last call.
#[cfg(all(test, not(miri)))]
pub(crate) fn take_work() -> usize {
    WORK.with(|w| w.replace(0))
}
