//! The error types shared by every signpost crate: what was found where.

use core::fmt;

/// What stood at an error's offset: a byte, the end of the input, or nothing worth naming
/// (the message says it all).
///
/// Every error type of the signpost crates reports it through a `found()` accessor, beside
/// `offset()` and `message()`. `Display` writes a byte readably (`'x'` for printable ASCII
/// and space, `0x0d` for any other byte), the end as `end of input`, and nothing as
/// `nothing`:
///
/// ```
/// use signpost_syntax::Found;
///
/// assert_eq!(Found::Byte(b'"').to_string(), "'\"'");
/// assert_eq!(Found::Byte(b'\r').to_string(), "0x0d");
/// assert_eq!(Found::End.to_string(), "end of input");
/// assert_eq!(Found::at(b"ab", 1), Found::Byte(b'b'));
/// assert_eq!(Found::at(b"ab", 2), Found::End);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Found {
    /// This byte.
    Byte(u8),
    /// The input ended.
    End,
    /// The error does not point at a single byte (an empty element, a capacity limit).
    Nothing,
}

impl Found {
    /// The byte at `offset` of `input`, or [`Found::End`] past its end.
    #[inline]
    pub const fn at(input: &[u8], offset: usize) -> Found {
        if offset < input.len() {
            Found::Byte(input[offset])
        } else {
            Found::End
        }
    }

    /// The byte, when a byte was found.
    pub const fn byte(self) -> Option<u8> {
        match self {
            Found::Byte(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the input ended there.
    pub const fn is_end(self) -> bool {
        matches!(self, Found::End)
    }

    /// Writes `", found X"` after an error's message, or nothing for [`Found::Nothing`]:
    /// the one place every error's `Display` takes this from.
    pub(crate) fn write_suffix(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if matches!(self, Found::Nothing) {
            Ok(())
        } else {
            write!(f, ", found {self}")
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Found::Byte(b) if b.is_ascii_graphic() || b == b' ' => {
                write!(f, "'{}'", char::from(b))
            }
            Found::Byte(b) => write!(f, "0x{b:02x}"),
            Found::End => f.write_str("end of input"),
            Found::Nothing => f.write_str("nothing"),
        }
    }
}

/// A parse error: where it happened (a byte offset into the input), what the grammar
/// expected there, and what was found there.
///
/// The message names the grammar element (`"expected '=' or ',' after auth-param name"`);
/// `Display` adds what was found and the offset:
///
/// ```
/// use signpost_syntax::{quoted_string, Error, Found};
///
/// let err: Error = quoted_string(b"\"unterminated", 0).unwrap_err();
/// assert_eq!(err.offset(), 13);
/// assert_eq!(err.message(), "missing closing DQUOTE of quoted-string");
/// assert_eq!(err.found(), Found::End);
/// assert_eq!(err.to_string(), "missing closing DQUOTE of quoted-string, found end of input at byte 13");
/// ```
///
/// The type is opaque so that more detail can be added later without a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    offset: usize,
    message: &'static str,
    found: Found,
}

impl Error {
    /// An error at `offset` with `message`, which should name the grammar element
    /// (lowercase, no trailing period), pointing at no byte ([`Found::Nothing`]). For crates
    /// that build parsers on this layer.
    pub const fn new(offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::Nothing }
    }

    /// An error at `offset` of `input` that also records the byte found there (or the end of
    /// the input), so that `Display` can show it.
    pub const fn at(input: &[u8], offset: usize, message: &'static str) -> Error {
        Error { offset, message, found: Found::at(input, offset) }
    }

    /// An error from its parts, for a layer that knows what was found without holding the
    /// input (an error carried over from another parser, an offset into a larger input).
    ///
    /// ```
    /// use signpost_syntax::{Error, Found};
    ///
    /// let err = Error::from_parts(7, "expected NQCHAR", Found::Byte(b'"'));
    /// assert_eq!(err.to_string(), "expected NQCHAR, found '\"' at byte 7");
    /// ```
    pub const fn from_parts(offset: usize, message: &'static str, found: Found) -> Error {
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

    /// What stood at the offset: a byte, the end of the input, or [`Found::Nothing`] when
    /// the error does not point at a single byte.
    pub const fn found(&self) -> Found {
        self.found
    }

    /// The same error with its offset moved `by` bytes further (for parsers that work on a
    /// part of a larger input).
    #[must_use]
    pub const fn shifted(self, by: usize) -> Error {
        Error { offset: self.offset.saturating_add(by), ..self }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)?;
        self.found.write_suffix(f)?;
        write!(f, " at byte {}", self.offset)
    }
}

impl core::error::Error for Error {}

/// Why a value could not be written.
///
/// Either the value would break the syntax it goes into (a byte that no field value may
/// carry, such as CR or LF, which would let a value inject a header; a name that is not a
/// `token`; a character a parameter may not hold), or the underlying writer failed. A
/// refusal names the rule broken, the offset in the value, what was found there, and,
/// when a layer that knows it added it, the field or parameter the value was for.
///
/// Every signpost crate that writes returns this type.
///
/// ```
/// use signpost_syntax::{write_quoted_string, Found};
///
/// let mut out = String::new();
/// let err = write_quoted_string(&mut out, "a\r\nSet-Cookie: x").unwrap_err();
/// assert_eq!(err.offset(), Some(1));
/// assert_eq!(err.found(), Found::Byte(b'\r'));
/// assert_eq!(
///     err.to_string(),
///     "control character not allowed in a field value, found 0x0d at byte 1 of the value"
/// );
/// let err = err.in_field("realm");
/// assert_eq!(err.field(), Some("realm"));
/// assert_eq!(
///     err.to_string(),
///     "realm: control character not allowed in a field value, found 0x0d at byte 1 of the value"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WriteError {
    kind: WriteErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum WriteErrorKind {
    Fmt,
    Invalid { field: Option<&'static str>, offset: usize, found: Found, message: &'static str },
}

impl WriteError {
    /// A value that cannot be written: `message` names the rule it breaks; `offset` is into
    /// the value; `found` is what stood there ([`Found::Nothing`] for an empty value or a
    /// misplaced call).
    pub const fn invalid(offset: usize, found: Found, message: &'static str) -> WriteError {
        WriteError { kind: WriteErrorKind::Invalid { field: None, offset, found, message } }
    }

    /// A value that cannot be written, refused at `offset` of `value` (the byte there, or
    /// the end of the value).
    pub const fn at(value: &[u8], offset: usize, message: &'static str) -> WriteError {
        WriteError::invalid(offset, Found::at(value, offset), message)
    }

    /// A parse error of the value, refused for writing.
    pub const fn from_error(e: Error) -> WriteError {
        WriteError::invalid(e.offset, e.found, e.message)
    }

    /// The same refusal naming the field or parameter the value was for (a writer error is
    /// left as it is).
    #[must_use]
    pub const fn in_field(self, field: &'static str) -> WriteError {
        match self.kind {
            WriteErrorKind::Fmt => self,
            WriteErrorKind::Invalid { offset, found, message, .. } => WriteError {
                kind: WriteErrorKind::Invalid { field: Some(field), offset, found, message },
            },
        }
    }

    /// The same refusal with its offset moved `by` bytes further (for a value written as a
    /// part of a larger one).
    #[must_use]
    pub const fn shifted(self, by: usize) -> WriteError {
        match self.kind {
            WriteErrorKind::Fmt => self,
            WriteErrorKind::Invalid { field, offset, found, message } => WriteError {
                kind: WriteErrorKind::Invalid {
                    field,
                    offset: offset.saturating_add(by),
                    found,
                    message,
                },
            },
        }
    }

    /// Whether the writer failed (as opposed to the value being unwritable).
    pub const fn is_fmt(&self) -> bool {
        matches!(self.kind, WriteErrorKind::Fmt)
    }

    /// The field or parameter the refused value was for, when the writer named it.
    pub const fn field(&self) -> Option<&'static str> {
        match self.kind {
            WriteErrorKind::Fmt => None,
            WriteErrorKind::Invalid { field, .. } => field,
        }
    }

    /// The offset of the refusal in the value, when the value was refused.
    pub const fn offset(&self) -> Option<usize> {
        match self.kind {
            WriteErrorKind::Fmt => None,
            WriteErrorKind::Invalid { offset, .. } => Some(offset),
        }
    }

    /// What stood at the offset; [`Found::Nothing`] for a writer error.
    pub const fn found(&self) -> Found {
        match self.kind {
            WriteErrorKind::Fmt => Found::Nothing,
            WriteErrorKind::Invalid { found, .. } => found,
        }
    }

    /// What rule the value breaks, or `"formatter error"`.
    pub const fn message(&self) -> &'static str {
        match self.kind {
            WriteErrorKind::Fmt => "formatter error",
            WriteErrorKind::Invalid { message, .. } => message,
        }
    }
}

impl From<fmt::Error> for WriteError {
    fn from(_: fmt::Error) -> WriteError {
        WriteError { kind: WriteErrorKind::Fmt }
    }
}

impl From<Error> for WriteError {
    fn from(e: Error) -> WriteError {
        WriteError::from_error(e)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            WriteErrorKind::Fmt => f.write_str("formatter error"),
            WriteErrorKind::Invalid { field, offset, found, message } => {
                if let Some(field) = field {
                    write!(f, "{field}: ")?;
                }
                f.write_str(message)?;
                found.write_suffix(f)?;
                write!(f, " at byte {offset} of the value")
            }
        }
    }
}

impl core::error::Error for WriteError {}
