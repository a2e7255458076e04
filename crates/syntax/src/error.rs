//! The error type shared by every parser built on this lexical layer.

use core::fmt;

/// What stood at the error's offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    /// Nothing worth naming (the message says it all).
    Unnamed,
    /// The input ended.
    End,
    /// This byte.
    Byte(u8),
}

/// A parse error: where it happened (a byte offset into the input) and what the grammar
/// expected there.
///
/// The message names the grammar element (`"expected '=' or ',' after auth-param name"`);
/// `Display` adds what was found and the offset:
///
/// ```
/// use signpost_syntax::{quoted_string, Error};
///
/// let err: Error = quoted_string(b"\"unterminated", 0).unwrap_err();
/// assert_eq!(err.offset(), 13);
/// assert_eq!(err.message(), "missing closing DQUOTE of quoted-string");
/// assert_eq!(err.to_string(), "missing closing DQUOTE of quoted-string, found end of input at byte 13");
/// ```
///
/// The type is opaque so that more detail can be added later without a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    offset: usize,
    message: &'static str,
    found: Found,
}

impl Error {
    /// An error at `offset` with `message`, which should name the grammar element
    /// (lowercase, no trailing period). For crates that build parsers on this layer.
    pub const fn new(offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::Unnamed }
    }

    /// An error at `offset` of `input` that also records the byte found there (or the end of
    /// the input), so that `Display` can show it.
    pub fn at(input: &[u8], offset: usize, message: &'static str) -> Error {
        let found = match input.get(offset) {
            Some(&b) => Found::Byte(b),
            None => Found::End,
        };
        Error { offset, message, found }
    }

    /// The byte offset of the error in the input. For input given as several field lines,
    /// the offset is into the lines joined by `", "` (RFC 9110 §5.3).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What the grammar expected, naming the grammar element.
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

    /// The same error with its offset moved `by` bytes further (for parsers that work on a
    /// part of a larger input).
    #[must_use]
    pub const fn shifted(self, by: usize) -> Error {
        Error { offset: self.offset.saturating_add(by), ..self }
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
