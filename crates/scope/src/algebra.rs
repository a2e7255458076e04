//! Set algebra between any two scopes: the [`ScopeLike`] trait and its lazy iterators.

use core::cmp::Ordering;
use core::fmt;
use core::iter::{FusedIterator, Peekable};

use crate::ScopeToken;

/// Anything that holds scope tokens and can answer "do you contain this one?": a
/// [`Scope`](crate::Scope) view, a fixed-capacity [`ScopeSet`](crate::ScopeSet), an
/// `OwnedScopeSet`. Every set operation works between any two of them. (A single token is a one-token
/// [`Scope`](crate::Scope): `Scope::from(token)`.)
///
/// | question | method | used for |
/// |---|---|---|
/// | `a ⊆ b` | [`is_subset`](ScopeLike::is_subset) | does the token cover what the resource requires? |
/// | `a ⊇ b` | [`is_superset`](ScopeLike::is_superset) | |
/// | `a ⊋ b` | [`is_strict_superset`](ScopeLike::is_strict_superset) | a refresh cannot widen scope (RFC 6749 §6): re-authorize instead |
/// | `a = b` | [`same_set`](ScopeLike::same_set) | order and duplicates do not matter |
/// | `a ∪ b` | [`union`](ScopeLike::union) | re-authorization asks for what was granted plus what the challenge asks (MCP) |
/// | `a ∩ b` | [`intersection`](ScopeLike::intersection) | what the server granted of what was requested |
/// | `a ∖ b` | [`difference`](ScopeLike::difference) | what is still missing |
///
/// The operations that produce tokens are lazy iterators that borrow both operands; collect
/// them into a [`ScopeSet`](crate::ScopeSet) without allocating
/// ([`ScopeSet::try_extend`](crate::ScopeSet::try_extend)), or into an `OwnedScopeSet` with
/// `collect()`.
///
/// ```
/// use signpost_scope::{Scope, ScopeLike, ScopeSet};
///
/// let granted = ScopeSet::<8>::parse("openid files:read")?;
/// let challenge = Scope::parse("files:read files:write")?;
///
/// assert!(!granted.is_superset(&challenge));
/// let mut wanted = ScopeSet::<8>::new();
/// wanted.try_extend(granted.union(&challenge)).expect("fits");
/// assert_eq!(wanted.to_string(), "files:read files:write openid");
/// // A refresh grant cannot widen scope: a new authorization is needed.
/// assert!(wanted.is_strict_superset(&granted));
/// assert_eq!(challenge.difference(&granted).map(|t| t.as_str()).collect::<Vec<_>>(), ["files:write"]);
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// # Cost
///
/// When both operands report [`is_sorted`](ScopeLike::is_sorted) (an `OwnedScopeSet`
/// always does; a [`ScopeSet`](crate::ScopeSet) after [`sort`](crate::ScopeSet::sort) or
/// when its tokens came in order; a view when its input was in canonical order), every
/// operation is one merge walk: O(n + m) comparisons. Otherwise each token of one side is
/// looked up in the other with [`contains`](ScopeLike::contains): a binary search in an
/// `OwnedScopeSet`, a hash-index lookup (a few integer comparisons) in a `ScopeSet`, a
/// scan of the string in a view (so O(n·m) between two unsorted views). Subset checks between duplicate-free
/// operands stop at once when the sizes rule them out.
///
/// # Implementing it
///
/// Implement [`tokens`](ScopeLike::tokens), [`contains`](ScopeLike::contains) and
/// [`len`](ScopeLike::len); override [`is_sorted`](ScopeLike::is_sorted) only if `tokens`
/// yields strictly increasing byte-wise order, since the merge walks rely on it, and
/// [`is_distinct`](ScopeLike::is_distinct) only if it never yields a token twice.
/// Operands with duplicates (a view of `"a a"`) are fine for the predicates; the iterators
/// then may yield a duplicate, which collecting into a set removes.
pub trait ScopeLike {
    /// The iterator over the tokens.
    type Iter<'s>: Iterator<Item = ScopeToken<'s>>
    where
        Self: 's;

    /// The tokens, each at least once.
    fn tokens(&self) -> Self::Iter<'_>;

    /// Whether `token` is among the tokens (exact, case-sensitive).
    fn contains(&self, token: &str) -> bool;

    /// How many tokens [`tokens`](ScopeLike::tokens) yields.
    fn len(&self) -> usize;

    /// Whether there are no tokens.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether [`tokens`](ScopeLike::tokens) yields strictly increasing byte-wise order
    /// (so no duplicates). The default is `false`, which is always correct.
    fn is_sorted(&self) -> bool {
        false
    }

    /// Whether [`tokens`](ScopeLike::tokens) never yields a token twice (so that
    /// [`len`](ScopeLike::len) counts distinct tokens). The default is
    /// [`is_sorted`](ScopeLike::is_sorted), which is always correct.
    fn is_distinct(&self) -> bool {
        self.is_sorted()
    }

    /// `self ⊆ other`: every token of `self` is in `other`.
    fn is_subset<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        if self.is_distinct() && other.is_distinct() && self.len() > other.len() {
            return false;
        }
        if self.is_sorted() && other.is_sorted() {
            sorted_subset(self.tokens(), other.tokens())
        } else {
            self.tokens().all(|t| other.contains(&t))
        }
    }

    /// `self ⊇ other`.
    fn is_superset<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        other.is_subset(self)
    }

    /// `self ⊊ other`: a subset with at least one token of `other` missing.
    fn is_strict_subset<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        if self.is_distinct() && other.is_distinct() {
            self.len() < other.len() && self.is_subset(other)
        } else {
            self.is_subset(other) && !other.is_subset(self)
        }
    }

    /// `self ⊋ other`: everything `other` has, and more. A token response whose scope is a
    /// strict superset of what was granted before cannot come from a refresh (RFC 6749 §6:
    /// the refreshed scope "MUST NOT include any scope not originally granted").
    fn is_strict_superset<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        other.is_strict_subset(self)
    }

    /// Set equality: the same tokens, whatever their order and repetitions.
    fn same_set<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        if self.is_sorted() && other.is_sorted() {
            self.len() == other.len() && self.tokens().eq(other.tokens())
        } else if self.is_distinct() && other.is_distinct() {
            self.len() == other.len() && self.is_subset(other)
        } else {
            self.is_subset(other) && other.is_subset(self)
        }
    }

    /// Whether no token is in both.
    fn is_disjoint<O: ScopeLike + ?Sized>(&self, other: &O) -> bool {
        self.intersection(other).next().is_none()
    }

    /// `self ∪ other`, lazily: in byte-wise order when both are sorted, otherwise the tokens
    /// of `self` followed by those of `other` that `self` lacks.
    fn union<'s, O: ScopeLike + ?Sized>(&'s self, other: &'s O) -> Union<'s, Self, O> {
        let merge = self.is_sorted() && other.is_sorted();
        Union { a: self.tokens().peekable(), b: other.tokens().peekable(), a_set: self, merge }
    }

    /// `self ∩ other`, lazily, in the order of `self`.
    fn intersection<'s, O: ScopeLike + ?Sized>(
        &'s self,
        other: &'s O,
    ) -> Intersection<'s, Self, O> {
        let merge = self.is_sorted() && other.is_sorted();
        Intersection { a: self.tokens(), b: other.tokens().peekable(), b_set: other, merge }
    }

    /// `self ∖ other`, lazily, in the order of `self`.
    fn difference<'s, O: ScopeLike + ?Sized>(&'s self, other: &'s O) -> Difference<'s, Self, O> {
        let merge = self.is_sorted() && other.is_sorted();
        Difference { a: self.tokens(), b: other.tokens().peekable(), b_set: other, merge }
    }
}

/// Whether sorted `a` is a subset of sorted `b`: one merge walk.
fn sorted_subset<'x, 'y>(
    a: impl Iterator<Item = ScopeToken<'x>>,
    mut b: impl Iterator<Item = ScopeToken<'y>>,
) -> bool {
    'next: for x in a {
        for y in b.by_ref() {
            match y.as_str().cmp(x.as_str()) {
                Ordering::Less => {}
                Ordering::Equal => continue 'next,
                Ordering::Greater => return false,
            }
        }
        return false;
    }
    true
}

/// Advances sorted `b` past everything below `x`; whether `x` is next.
fn skip_below<'s, I: Iterator<Item = ScopeToken<'s>>>(b: &mut Peekable<I>, x: &str) -> bool {
    while let Some(y) = b.peek() {
        match y.as_str().cmp(x) {
            Ordering::Less => {
                b.next();
            }
            Ordering::Equal => return true,
            Ordering::Greater => return false,
        }
    }
    false
}

/// The lazy union of two scopes ([`ScopeLike::union`]).
pub struct Union<'s, A: ScopeLike + ?Sized + 's, B: ScopeLike + ?Sized + 's> {
    a: Peekable<A::Iter<'s>>,
    b: Peekable<B::Iter<'s>>,
    a_set: &'s A,
    merge: bool,
}

impl<'s, A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> Iterator for Union<'s, A, B> {
    type Item = ScopeToken<'s>;

    fn next(&mut self) -> Option<ScopeToken<'s>> {
        if self.merge {
            let order = match (self.a.peek(), self.b.peek()) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, _) => Ordering::Greater,
            };
            match order {
                Ordering::Less => self.a.next(),
                Ordering::Greater => self.b.next(),
                Ordering::Equal => {
                    self.b.next();
                    self.a.next()
                }
            }
        } else {
            if let Some(x) = self.a.next() {
                return Some(x);
            }
            let a_set = self.a_set;
            self.b.find(|y| !a_set.contains(y))
        }
    }
}

impl<A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> FusedIterator for Union<'_, A, B> {}

impl<A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> fmt::Debug for Union<'_, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Union").field("merge", &self.merge).finish_non_exhaustive()
    }
}

/// The lazy intersection of two scopes ([`ScopeLike::intersection`]).
pub struct Intersection<'s, A: ScopeLike + ?Sized + 's, B: ScopeLike + ?Sized + 's> {
    a: A::Iter<'s>,
    b: Peekable<B::Iter<'s>>,
    b_set: &'s B,
    merge: bool,
}

impl<'s, A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> Iterator for Intersection<'s, A, B> {
    type Item = ScopeToken<'s>;

    fn next(&mut self) -> Option<ScopeToken<'s>> {
        if self.merge {
            loop {
                let x = self.a.next()?;
                self.b.peek()?;
                if skip_below(&mut self.b, &x) {
                    return Some(x);
                }
            }
        } else {
            let b_set = self.b_set;
            self.a.find(|x| b_set.contains(x))
        }
    }
}

impl<A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> fmt::Debug for Intersection<'_, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Intersection").field("merge", &self.merge).finish_non_exhaustive()
    }
}

/// The lazy difference of two scopes ([`ScopeLike::difference`]).
pub struct Difference<'s, A: ScopeLike + ?Sized + 's, B: ScopeLike + ?Sized + 's> {
    a: A::Iter<'s>,
    b: Peekable<B::Iter<'s>>,
    b_set: &'s B,
    merge: bool,
}

impl<'s, A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> Iterator for Difference<'s, A, B> {
    type Item = ScopeToken<'s>;

    fn next(&mut self) -> Option<ScopeToken<'s>> {
        if self.merge {
            loop {
                let x = self.a.next()?;
                if !skip_below(&mut self.b, &x) {
                    return Some(x);
                }
            }
        } else {
            let b_set = self.b_set;
            self.a.find(|x| !b_set.contains(x))
        }
    }
}

impl<A: ScopeLike + ?Sized, B: ScopeLike + ?Sized> fmt::Debug for Difference<'_, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Difference").field("merge", &self.merge).finish_non_exhaustive()
    }
}
