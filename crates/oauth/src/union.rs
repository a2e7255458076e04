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

/// The first occurrences of `held` then `challenge`, or `None` when a side is over the
/// limit ([`over_limit`]).
pub(crate) fn first_seen(
    held: Option<Scope<'_>>,
    challenge: Option<Scope<'_>>,
) -> Option<FirstSeen> {
    if over_limit(held) || over_limit(challenge) {
        return None;
    }
    let texts = [
        held.map_or(&b""[..], |s| s.as_str().as_bytes()),
        challenge.map_or(&b""[..], |s| s.as_str().as_bytes()),
    ];
    let mut keys = [0u32; SLOTS];
    let n = fill(&mut keys, held, challenge);
    let mut scratch = [0u32; SLOTS];
    let sorted = sort(&texts, &mut keys, &mut scratch, n);
    // `keys` or `scratch` holds the sorted keys; the other one is free: the keys in input
    // order again, to number the first occurrences.
    let (sorted, original) = if sorted { (&keys, &mut scratch) } else { (&scratch, &mut keys) };
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
    Some(seen)
}

/// Writes the keys of the tokens of `held` then `challenge` into `keys`; how many. The
/// caller checked the limits, so they fit.
fn fill(keys: &mut [u32; SLOTS], held: Option<Scope<'_>>, challenge: Option<Scope<'_>>) -> usize {
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
fn sort(texts: &[&[u8]; 2], keys: &mut [u32; SLOTS], scratch: &mut [u32; SLOTS], n: usize) -> bool {
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
#[cfg(test)]
pub(crate) fn take_work() -> usize {
    WORK.with(|w| w.replace(0))
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]
mod tests {
    use std::string::String;

    use signpost_scope::Scope;

    use super::{take_work, MAX_TOKENS};
    use crate::{ClientState, NextStep, ScopeUnion};

    /// `count` distinct tokens of `len` bytes each that share all but their last three bytes
    /// (the worst case for a byte-wise comparison), separated by SP.
    fn tokens(count: usize, len: usize, salt: u8) -> String {
        let mut s = String::new();
        for i in 0..count {
            if i > 0 {
                s.push(' ');
            }
            for _ in 0..len.saturating_sub(3) {
                s.push('p');
            }
            // 92 NQCHARs would do; letters are enough for 26^3 tokens.
            let n = i * 7 + usize::from(salt);
            for d in [n / 676 % 26, n / 26 % 26, n % 26] {
                s.push(char::from(b'a' + d as u8));
            }
        }
        s
    }

    /// The work of `decide` on a 403 whose challenge asks for `challenge` while the client
    /// holds `held`, and the union it asks for.
    fn decide_work(held: &str, challenge: &str) -> (usize, Option<usize>) {
        let line = std::format!("Bearer error=\"insufficient_scope\", scope=\"{challenge}\"");
        let lines: [&[u8]; 1] = [line.as_bytes()];
        let state = ClientState::new().sent_token(true).scope(Scope::parse(held).unwrap());
        take_work();
        let decision = state.decide(403, &lines, None);
        let count = match decision.step() {
            NextStep::Authorize { scope, .. } => Some(scope.iter().count()),
            _ => None,
        };
        (take_work(), count)
    }

    /// The sizes of the inputs: 1 KiB to 1 MiB (smaller under Miri).
    const SIZES: [usize; 3] =
        if cfg!(miri) { [1 << 8, 1 << 10, 1 << 12] } else { [1 << 10, 1 << 16, 1 << 20] };

    /// The union and its subset check read O(n log k) bytes: for k = 2 × 256 tokens of
    /// growing length (the most the union takes), the work of each per input byte stays
    /// below log2(512) + 2 = 11 comparisons' worth, and each size step multiplies the work by the size ratio at most
    /// (plus slack). The code before this table compared each token with every one before
    /// it: 512² / 2 token comparisons at every size.
    #[test]
    fn union_work_grows_linearly_with_input() {
        let mut previous: Option<(usize, usize)> = None;
        for size in SIZES {
            // Both sides full, each half of the input, disjoint (tokens 7i and 7j + 3).
            let len = (size / 2 / MAX_TOKENS).max(4);
            let held = tokens(MAX_TOKENS, len, 0);
            let challenge = tokens(MAX_TOKENS, len, 3);
            let n = held.len() + challenge.len();
            let (decided, count) = decide_work(&held, &challenge);
            assert_eq!(count, Some(2 * MAX_TOKENS), "{size}");
            // The subset check a refresh needs (`decide` asks it of a client that holds a
            // refresh token), on the same scopes.
            let union = ScopeUnion::new(Scope::parse(&held).ok(), Scope::parse(&challenge).ok());
            take_work();
            assert!(union.is_wider_than_held());
            let subset = take_work();
            assert!(subset > 0 && subset <= 11 * n + 4 * MAX_TOKENS, "{size}: {subset}");
            let work = decided + subset;
            assert!(work <= 2 * (11 * n + 4 * MAX_TOKENS), "{size}: {work} for {n} bytes");
            if let Some((w, m)) = previous {
                assert!(work <= (n / m + 1) * w * 2 + 64, "{size}: {w} -> {work}");
            }
            previous = Some((work, n));
        }
    }

    /// Duplicates across and within the sides cost no more.
    #[test]
    fn duplicates_cost_the_same() {
        for size in SIZES {
            let len = (size / 2 / MAX_TOKENS).max(4);
            let held = tokens(MAX_TOKENS, len, 0);
            let (work, count) = decide_work(&held, &held);
            assert_eq!(count, Some(MAX_TOKENS));
            assert!(work <= 11 * 2 * held.len() + 4 * MAX_TOKENS, "{size}: {work}");
            let same = ["x"; MAX_TOKENS].join(" ");
            let (work, count) = decide_work(&same, &same);
            assert_eq!(count, Some(1));
            assert!(work <= 11 * 4 * MAX_TOKENS, "{work}");
        }
    }

    /// A challenge scope over the limit is refused before any sorting, at every size.
    #[test]
    fn over_the_limit_costs_no_sort() {
        for size in SIZES {
            let challenge = tokens(size / 4 + MAX_TOKENS + 1, 3, 0);
            let (work, count) = decide_work("a", &challenge);
            assert_eq!((work, count), (0, None), "{size}");
        }
        // A held scope over the limit: no sort, every token yielded.
        let held = tokens(MAX_TOKENS + 1, 3, 0);
        let union =
            ScopeUnion::new(Some(Scope::parse(&held).unwrap()), Some(Scope::parse("a a").unwrap()));
        assert!(union.is_over_limit() && union.is_wider_than_held());
        take_work();
        assert_eq!(union.iter().count(), MAX_TOKENS + 3);
        assert_eq!(take_work(), 0);
    }
}
