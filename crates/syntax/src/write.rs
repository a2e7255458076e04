//! The write side: `token` or `quoted-string` chosen per value, escaping and refusing.

use core::fmt;

use crate::error::{Found, WriteError};
use crate::table::{has, CLASS, FORBIDDEN, QDTEXT, TCHAR};

const FORBIDDEN_MSG: &str = "control character not allowed in a field value";

/// Whether `value` is a `token` (`1*tchar`, RFC 9110 §5.6.2) and may be written bare.
///
/// ```
/// assert!(signpost_syntax::is_token(b"invalid_token"));
/// assert!(!signpost_syntax::is_token(b"a b"));
/// assert!(!signpost_syntax::is_token(b""));
/// ```
pub fn is_token(value: &[u8]) -> bool {
    !value.is_empty() && value.iter().all(|&b| has(b, TCHAR))
}

/// Whether `value` is a `token68` (RFC 9110 §11.2).
///
/// ```
/// assert!(signpost_syntax::is_token68(b"mF_9.B5f-4.1JqM"));
/// assert!(signpost_syntax::is_token68(b"YWxhZGRpbjpvcGVuc2VzYW1l=="));
/// assert!(!signpost_syntax::is_token68(b"=="));
/// ```
pub fn is_token68(value: &[u8]) -> bool {
    crate::token68_end(value, 0) == value.len() && !value.is_empty()
}

/// Writes `value` as a `token`, refusing anything that is not `1*tchar`.
///
/// Serializer for `token` (RFC 9110 §5.6.2:
/// <https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2>).
pub fn write_token<W: fmt::Write + ?Sized>(w: &mut W, value: &str) -> Result<(), WriteError> {
    check_token(value.as_bytes())?;
    w.write_str(value)?;
    Ok(())
}

/// Checks that `value` is a `token`, naming the first offending byte.
pub fn check_token(value: &[u8]) -> Result<(), WriteError> {
    if value.is_empty() {
        return Err(WriteError::invalid(0, Found::Nothing, "a token cannot be empty"));
    }
    // One pass without early exit (a token is short, and this is the common case), then the
    // search for the offending byte only when there is one.
    if value.iter().fold(TCHAR, |all, &b| all & CLASS[b as usize]) != 0 {
        return Ok(());
    }
    match value.iter().position(|&b| !has(b, TCHAR)) {
        None => Ok(()),
        Some(i) => Err(WriteError::at(value, i, "expected tchar in token")),
    }
}

/// Writes `value` as a `token68` (RFC 9110 §11.2), refusing anything else.
///
/// Serializer for `token68` (<https://www.rfc-editor.org/rfc/rfc9110#section-11.2>).
pub fn write_token68<W: fmt::Write + ?Sized>(w: &mut W, value: &str) -> Result<(), WriteError> {
    check_token68(value.as_bytes())?;
    w.write_str(value)?;
    Ok(())
}

/// Checks that `value` is a `token68` (RFC 9110 §11.2), naming the first offending byte.
///
/// ```
/// assert!(signpost_syntax::check_token68(b"abc==").is_ok());
/// assert_eq!(signpost_syntax::check_token68(b"a=b").unwrap_err().offset(), Some(2));
/// ```
pub fn check_token68(value: &[u8]) -> Result<(), WriteError> {
    if is_token68(value) {
        return Ok(());
    }
    let i = crate::token68_end(value, 0);
    Err(WriteError::at(value, i, "expected token68"))
}

/// Writes `value` as a `quoted-string`: `"` and `\` are escaped with a backslash (the only
/// quoted-pairs a sender should generate, RFC 9110 §5.6.4); HTAB, SP, VCHAR and obs-text are
/// written as they are; CR, LF, NUL, the other controls and DEL are refused, since they would
/// end or corrupt the field.
///
/// Serializer for `quoted-string` (<https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4>).
///
/// ```
/// let mut out = String::new();
/// signpost_syntax::write_quoted_string(&mut out, r#"Login to "apps""#).unwrap();
/// assert_eq!(out, r#""Login to \"apps\"""#);
/// ```
pub fn write_quoted_string<W: fmt::Write + ?Sized>(
    w: &mut W,
    value: &str,
) -> Result<(), WriteError> {
    if is_plain_quoted(value.as_bytes()) {
        // Nothing to escape and nothing to refuse: the value goes out as it is.
        w.write_char('"')?;
        w.write_str(value)?;
        w.write_char('"')?;
        return Ok(());
    }
    check_field_text(value.as_bytes())?;
    write_quoted_unchecked(w, value)
}

/// Whether `value` goes inside a `quoted-string` as it is: every byte is `qdtext`, so there
/// is nothing to escape and nothing to refuse. One pass through the class table without a
/// branch per byte.
///
/// ```
/// assert!(signpost_syntax::is_plain_quoted(b"files:read files:write"));
/// assert!(!signpost_syntax::is_plain_quoted(br#"say "hi""#));
/// assert!(!signpost_syntax::is_plain_quoted(b"line\r\nbreak"));
/// ```
#[inline]
pub fn is_plain_quoted(value: &[u8]) -> bool {
    value.iter().fold(QDTEXT, |all, &b| all & CLASS[b as usize]) != 0
}

/// Checks that `value` holds no byte a field value may not carry (CR, LF, NUL, other
/// controls except HTAB, DEL), naming the first one.
pub fn check_field_text(value: &[u8]) -> Result<(), WriteError> {
    if value.iter().fold(0, |any, &b| any | CLASS[b as usize]) & FORBIDDEN == 0 {
        return Ok(());
    }
    match value.iter().position(|&b| has(b, FORBIDDEN)) {
        None => Ok(()),
        Some(i) => Err(WriteError::at(value, i, FORBIDDEN_MSG)),
    }
}

fn write_quoted_unchecked<W: fmt::Write + ?Sized>(
    w: &mut W,
    value: &str,
) -> Result<(), WriteError> {
    w.write_char('"')?;
    let mut rest = value;
    while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\') {
        w.write_str(&rest[..i])?;
        w.write_char('\\')?;
        // `"` and `\` are ASCII, so `i` and `i + 1` are char boundaries.
        w.write_str(&rest[i..i + 1])?;
        rest = &rest[i + 1..];
    }
    w.write_str(rest)?;
    w.write_char('"')?;
    Ok(())
}

/// Writes `value` as a `token` when it is one, as a `quoted-string` otherwise (an empty
/// value becomes `""`), refusing bytes no field value may carry. This is the choice
/// `auth-param` and `link-param` values allow: `token / quoted-string`.
///
/// ```
/// let mut out = String::new();
/// signpost_syntax::write_token_or_quoted(&mut out, "invalid_token").unwrap();
/// out.push(' ');
/// signpost_syntax::write_token_or_quoted(&mut out, "files:read files:write").unwrap();
/// assert_eq!(out, r#"invalid_token "files:read files:write""#);
/// ```
pub fn write_token_or_quoted<W: fmt::Write + ?Sized>(
    w: &mut W,
    value: &str,
) -> Result<(), WriteError> {
    if is_token(value.as_bytes()) {
        w.write_str(value)?;
        Ok(())
    } else {
        write_quoted_string(w, value)
    }
}
