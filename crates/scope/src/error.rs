//! The parse error.

use core::fmt;

use signpost_syntax::Found;

/// Why a scope, a scope-token or a registry scope was refused: where (a byte offset into
/// the input) and which rule of the grammar it breaks.
///
/// The message names the grammar element (`"expected NQCHAR in scope-token"`,
/// `"empty scope-token (double SP)"`); `Display` adds the byte found there and the offset:
///
/// ```
/// use signpost_scope::Scope;
///
/// let err = Scope::parse("openid \"profile\"").unwrap_err();
/// assert_eq!(err.offset(), 7);
/// assert_eq!(err.message(), "expected NQCHAR in scope-token");
/// assert_eq!(err.found(), signpost_syntax::Found::Byte(b'"'));
/// assert_eq!(err.to_string(), "expected NQCHAR in scope-token, found '\"' at byte 7");
///
/// let err = Scope::parse("openid  profile").unwrap_err();
/// assert_eq!(err.to_string(), "empty scope-token (double SP) at byte 7");
/// ```
///
/// The type is opaque so that more detail can be added later without a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    // The parts of a `signpost_syntax::Error`, kept flat so that the capacity flag shares
    // their padding (a smaller `Result` to move around on a microcontroller).
    offset: usize,
    message: &'static str,
    found: Found,
    capacity: bool,
}

pub(crate) const EXPECTED_NQCHAR: &str = "expected NQCHAR in scope-token";
pub(crate) const EXPECTED_TOKEN: &str = "expected scope-token";
pub(crate) const DOUBLE_SP: &str = "empty scope-token (double SP)";
pub(crate) const LEADING_SP: &str = "empty scope-token (leading SP)";
pub(crate) const TRAILING_SP: &str = "empty scope-token (trailing SP)";
const CAPACITY: &str = "too many scope-tokens for the capacity of the scope set";

impl Error {
    /// An error at `offset` of `input` that records the byte found there (or the end).
    pub(crate) const fn at(input: &[u8], offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::at(input, offset), capacity: false }
    }

    /// An error whose message says it all.
    pub(crate) const fn bare(offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::Nothing, capacity: false }
    }

    /// The token at `offset` did not fit into a fixed-capacity set.
    pub(crate) const fn capacity(offset: usize) -> Error {
        Error { offset, message: CAPACITY, found: Found::Nothing, capacity: true }
    }

    /// The same error with its offset moved `by` bytes further.
    pub(crate) const fn shifted(self, by: usize) -> Error {
        Error { offset: self.offset.saturating_add(by), ..self }
    }

    /// The byte offset of the error in the input.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What the grammar expected, naming the grammar element (lowercase, no period).
    pub const fn message(&self) -> &'static str {
        self.message
    }

    /// What stood at the offset: a byte, the end of the input, or [`Found::Nothing`] when
    /// the error does not point at a single byte (an empty scope-token, a full set).
    pub const fn found(&self) -> Found {
        self.found
    }

    /// Whether the input was valid but held more distinct tokens than a fixed-capacity
    /// [`ScopeSet`](crate::ScopeSet) can store; the offset is that of the first token that
    /// did not fit.
    ///
    /// ```
    /// use signpost_scope::ScopeSet;
    ///
    /// let err = ScopeSet::<2>::parse("a b c").unwrap_err();
    /// assert!(err.is_capacity());
    /// assert_eq!(err.offset(), 4);
    /// ```
    pub const fn is_capacity(&self) -> bool {
        self.capacity
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The one `Display` of every signpost error.
        fmt::Display::fmt(
            &signpost_syntax::Error::from_parts(self.offset, self.message, self.found),
            f,
        )
    }
}

impl core::error::Error for Error {}
