//! The parse error.

use core::fmt;

/// What stood at the error's offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Found {
    /// Nothing worth naming (the message says it all).
    Unnamed,
    /// The input ended.
    End,
    /// This byte.
    Byte(u8),
}

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
/// assert_eq!(err.to_string(), "expected NQCHAR in scope-token, found '\"' at byte 7");
///
/// let err = Scope::parse("openid  profile").unwrap_err();
/// assert_eq!(err.to_string(), "empty scope-token (double SP) at byte 7");
/// ```
///
/// The type is opaque so that more detail can be added later without a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
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
    pub(crate) fn at(input: &[u8], offset: usize, message: &'static str) -> Error {
        let found = match input.get(offset) {
            Some(&b) => Found::Byte(b),
            None => Found::End,
        };
        Error { offset, message, found, capacity: false }
    }

    /// An error whose message says it all.
    pub(crate) const fn bare(offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::Unnamed, capacity: false }
    }

    /// The token at `offset` did not fit into a fixed-capacity set.
    pub(crate) const fn capacity(offset: usize) -> Error {
        Error { offset, message: CAPACITY, found: Found::Unnamed, capacity: true }
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

    /// The byte found at the offset: `Some(Some(b))` for a byte, `Some(None)` for the end of
    /// the input, `None` when the error does not point at a single byte.
    pub const fn found(&self) -> Option<Option<u8>> {
        match self.found {
            Found::Unnamed => None,
            Found::End => Some(None),
            Found::Byte(b) => Some(Some(b)),
        }
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

/// Writes a byte readably: `'x'` for printable ASCII, `0x0d` otherwise.
pub(crate) struct ShowByte(pub(crate) u8);

impl fmt::Display for ShowByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_ascii_graphic() || self.0 == b' ' {
            write!(f, "'{}'", char::from(self.0))
        } else {
            write!(f, "0x{:02x}", self.0)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)?;
        match self.found {
            Found::Unnamed => {}
            Found::End => f.write_str(", found end of input")?,
            Found::Byte(b) => write!(f, ", found {}", ShowByte(b))?,
        }
        write!(f, " at byte {}", self.offset)
    }
}

impl core::error::Error for Error {}
