//! The capacity error of the fixed-capacity sets.

use core::fmt;

use crate::ScopeToken;

/// A fixed-capacity [`ScopeSet`](crate::ScopeSet) was full: the token that did not fit is
/// handed back, so nothing is lost and the caller can fall back (log it, allocate, refuse
/// the request).
///
/// ```
/// use signpost_scope::{ScopeSet, ScopeToken};
///
/// let mut set = ScopeSet::<1>::new();
/// set.insert(ScopeToken::OPENID)?;
/// let err = set.insert(ScopeToken::EMAIL).unwrap_err();
/// assert_eq!(err.token(), ScopeToken::EMAIL);
/// assert_eq!(err.capacity(), 1);
/// assert_eq!(err.to_string(), "scope set is full (capacity 1): no room for scope-token 'email'");
/// # Ok::<(), signpost_scope::CapacityError<'static>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CapacityError<'a> {
    token: ScopeToken<'a>,
    capacity: usize,
}

impl<'a> CapacityError<'a> {
    pub(crate) const fn new(token: ScopeToken<'a>, capacity: usize) -> CapacityError<'a> {
        CapacityError { token, capacity }
    }

    /// The token that did not fit.
    pub const fn token(&self) -> ScopeToken<'a> {
        self.token
    }

    /// The capacity of the set that was full.
    pub const fn capacity(&self) -> usize {
        self.capacity
    }
}

impl fmt::Display for CapacityError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "scope set is full (capacity {}): no room for scope-token '{}'",
            self.capacity, self.token
        )
    }
}

impl core::error::Error for CapacityError<'_> {}
