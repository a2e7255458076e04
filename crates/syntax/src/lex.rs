//! Scanners for the lexical rules of RFC 9110 §5.6 and §11.2.
//!
//! Each scanner takes the whole input and a start offset, so that errors carry offsets into
//! the caller's input, and returns the offset just past what it matched.

#[cfg(feature = "perf")]
use crate::table::CLASS;
use crate::table::{has, QDTEXT, TCHAR, TOKEN68, WS};
use crate::{Error, Value};

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3; `BWS` is the same rule): the offset of the first
/// byte at or after `pos` that is not SP or HTAB.
///
/// ```
/// assert_eq!(signpost_syntax::skip_ows(b"a \t b", 1), 4);
/// ```
#[inline]
pub fn skip_ows(input: &[u8], mut pos: usize) -> usize {
    while pos < input.len() && has(input[pos], WS) {
        pos += 1;
    }
    pos
}

/// `token = 1*tchar` (RFC 9110 §5.6.2): the offset just past the run of `tchar` that starts
/// at `pos`. It equals `pos` when `input[pos]` is not a `tchar`.
///
/// ```
/// let input = b"Bearer realm";
/// assert_eq!(signpost_syntax::token_end(input, 0), 6);
/// assert_eq!(signpost_syntax::token_end(input, 6), 6);
/// ```
#[inline]
pub fn token_end(input: &[u8], mut pos: usize) -> usize {
    while pos < input.len() && has(input[pos], TCHAR) {
        pos += 1;
    }
    pos
}

/// The offset just past the run of bytes of class `flag` that starts at `pos`.
///
/// With `perf`, a run that fills its first eight bytes (a long token68) goes on eight bytes
/// a step: the AND of eight class entries holds `flag` only when all eight bytes do, so a
/// step costs eight table loads and no branch per byte. Short runs end in the first loop
/// and never pay for a step.
#[inline]
fn run_end(input: &[u8], mut pos: usize, flag: u8) -> usize {
    #[cfg(feature = "perf")]
    {
        let first = pos.saturating_add(8);
        while pos < input.len() && pos < first && has(input[pos], flag) {
            pos += 1;
        }
        if pos < first {
            return pos;
        }
        while let Some(chunk) = input.get(pos..pos + 8) {
            let Ok(b) = <[u8; 8]>::try_from(chunk) else { break };
            let all = CLASS[b[0] as usize]
                & CLASS[b[1] as usize]
                & CLASS[b[2] as usize]
                & CLASS[b[3] as usize]
                & CLASS[b[4] as usize]
                & CLASS[b[5] as usize]
                & CLASS[b[6] as usize]
                & CLASS[b[7] as usize];
            if all & flag == 0 {
                break;
            }
            pos += 8;
        }
    }
    while pos < input.len() && has(input[pos], flag) {
        pos += 1;
    }
    pos
}

/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="` (RFC 9110 §11.2):
/// the offset just past the `token68` that starts at `pos`, padding included. It equals `pos`
/// when no `token68` starts there.
///
/// The caller decides whether what follows may end a `token68` (a list delimiter, OWS or
/// the end of the input).
///
/// ```
/// assert_eq!(signpost_syntax::token68_end(b"abc/+==, x", 0), 7);
/// assert_eq!(signpost_syntax::token68_end(b"=abc", 0), 0);
/// ```
#[cfg_attr(feature = "perf", inline(always))]
#[cfg_attr(not(feature = "perf"), inline)]
pub fn token68_end(input: &[u8], pos: usize) -> usize {
    let mut end = run_end(input, pos, TOKEN68);
    if end == pos {
        return pos;
    }
    while end < input.len() && input[end] == b'=' {
        end += 1;
    }
    end
}

/// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE` (RFC 9110 §5.6.4), with
/// `quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )`.
///
/// `input[pos]` must be the opening DQUOTE. Returns the content as a [`Value`] (escaped,
/// unescaped lazily) and the offset just past the closing DQUOTE.
///
/// # Errors
///
/// No opening DQUOTE at `pos`, a byte that is neither `qdtext` nor a `quoted-pair`
/// (CR, LF, NUL, other controls, DEL), a backslash before such a byte or at the end, or a
/// missing closing DQUOTE.
///
/// ```
/// let (v, end) = signpost_syntax::quoted_string(br#"x="a\"b", y"#, 2)?;
/// assert_eq!((v.as_raw(), v.escapes(), end), (&br#"a\"b"#[..], 1, 8));
/// # Ok::<(), signpost_syntax::Error>(())
/// ```
#[cfg_attr(feature = "perf", inline)]
pub fn quoted_string(input: &[u8], pos: usize) -> Result<(Value<'_>, usize), Error> {
    quoted_with(input, pos, b'"')
}

/// A quoted string delimited by `quote` instead of DQUOTE, with the same content rules
/// (`qdtext`, so a DQUOTE inside is refused unless escaped; the delimiter may be escaped
/// with a backslash). For lenient parsers that accept the
/// single-quoted values some servers send; strict parsers use [`quoted_string`].
#[cfg_attr(feature = "perf", inline(always))]
pub fn quoted_with(input: &[u8], pos: usize, quote: u8) -> Result<(Value<'_>, usize), Error> {
    if input.get(pos) != Some(&quote) {
        return Err(Error::at(input, pos, "expected DQUOTE to open quoted-string"));
    }
    let start = pos + 1;
    let mut i = start;
    let mut escapes = 0usize;
    loop {
        // Fast path for DQUOTE-delimited strings: runs of qdtext other than `"`, sixteen bytes
        // a step. Another delimiter (the lenient single quotes) takes the byte loop alone,
        // which also refuses a `"` inside it.
        #[cfg(feature = "perf")]
        if quote == b'"' {
            i = skip_plain_quoted(input, i);
        }
        while i < input.len() && has(input[i], QDTEXT) && input[i] != quote {
            i += 1;
        }
        match input.get(i) {
            None => return Err(Error::at(input, i, "missing closing DQUOTE of quoted-string")),
            Some(&b) if b == quote => {
                return Ok((Value::quoted(&input[start..i], escapes), i + 1));
            }
            Some(b'\\') => match input.get(i + 1) {
                Some(&e) if crate::is_escapable(e) => {
                    escapes += 1;
                    i += 2;
                }
                _ => {
                    return Err(Error::at(
                        input,
                        i + 1,
                        "expected HTAB, SP, VCHAR or obs-text after '\\' in quoted-pair",
                    ))
                }
            },
            Some(_) => {
                return Err(Error::at(input, i, "invalid character in quoted-string"));
            }
        }
    }
}

/// Skips the separators of a `#list` (RFC 9110 §5.6.1): any run of OWS and commas, so that
/// empty list elements (`a, , b`, leading and trailing commas) are accepted and ignored.
/// Returns the offset of the next element, or `input.len()`, and whether a comma was seen.
///
/// ```
/// assert_eq!(signpost_syntax::skip_list_separators(b" , ,\tb", 0), (5, true));
/// assert_eq!(signpost_syntax::skip_list_separators(b"  b", 0), (2, false));
/// ```
#[inline]
pub fn skip_list_separators(input: &[u8], mut pos: usize) -> (usize, bool) {
    let mut comma = false;
    while pos < input.len() {
        match input[pos] {
            b',' => comma = true,
            b' ' | b'\t' => {}
            _ => break,
        }
        pos += 1;
    }
    (pos, comma)
}

#[cfg(feature = "perf")]
const LO: u64 = 0x0101_0101_0101_0101;
#[cfg(feature = "perf")]
const HI: u64 = 0x8080_8080_8080_8080;

/// Skips, sixteen bytes a step and then eight, the bytes of a DQUOTE-delimited quoted string
/// that need no attention: not `"`, not `\`, not a control byte (HTAB included: the byte
/// loop after this accepts it), not DEL. Returns the offset of the first such byte, or of
/// the last partial word, which the caller finishes byte by byte.
#[cfg(feature = "perf")]
#[inline]
fn skip_plain_quoted(input: &[u8], mut i: usize) -> usize {
    // The lowest flagged byte of each mask is exact, so the lowest of their union is the
    // first byte that needs attention.
    let specials = |w: u64| {
        // a byte below 0x20: (w - 0x20 per byte) & !w & 0x80 per byte
        let control = w.wrapping_sub(LO * 0x20) & !w & HI;
        control
            | zero_bytes(w ^ (LO * u64::from(b'"')))
            | zero_bytes(w ^ (LO * u64::from(b'\\')))
            | zero_bytes(w ^ (LO * 0x7F))
    };
    // Two words a step: one branch and one bounds check for sixteen bytes.
    while let Some(chunk) = input.get(i..i + 16) {
        let Ok(bytes) = <[u8; 16]>::try_from(chunk) else { break };
        let (a, b) = bytes.split_at(8);
        let (Ok(a), Ok(b)) = (<[u8; 8]>::try_from(a), <[u8; 8]>::try_from(b)) else { break };
        let (a, b) = (specials(u64::from_le_bytes(a)), specials(u64::from_le_bytes(b)));
        if a | b != 0 {
            let at = if a != 0 { a.trailing_zeros() } else { 64 + b.trailing_zeros() };
            return i + (at / 8) as usize;
        }
        i += 16;
    }
    if let Some(Ok(bytes)) = input.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let special = specials(u64::from_le_bytes(bytes));
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The high bit of each byte of `w` that is zero, except that bytes above the first zero
/// byte may be flagged wrongly (borrow); the lowest flag is always exact.
#[cfg(feature = "perf")]
#[inline(always)]
const fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(LO) & !w & HI
}
