//! What may go on the wire: the characters of `error`, `error_description`, `error_uri`,
//! `state` and `iss`, the errors that name the offending byte, and the encoders.

use core::fmt;

use signpost_syntax::{AsciiSet, Found, WriteError};

/// `NQSCHAR = %x20-21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A): printable ASCII and
/// space, without `"` and `\`.
#[inline]
pub(crate) const fn is_nqschar(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// `VSCHAR = %x20-7E` (RFC 6749 Appendix A).
#[inline]
const fn is_vschar(b: u8) -> bool {
    matches!(b, 0x20..=0x7E)
}

/// The characters of a URI-reference (RFC 3986 §2): `unreserved / reserved / "%"`.
/// All of them are in `%x21 / %x23-5B / %x5D-7E`, the set RFC 6749 §5.2 and RFC 6750 §3
/// allow in `error_uri`.
#[inline]
const fn is_uri_char(b: u8) -> bool {
    AsciiSet::URI_REFERENCE.contains(b) || b == b'%'
}

/// Whether every byte of `b` satisfies `ok`, with a branch-free fold the compiler can
/// vectorise; the exact position of a refused byte is looked for only when there is one.
#[inline]
fn first_refused(b: &[u8], ok: impl Fn(u8) -> bool) -> Option<usize> {
    if b.iter().fold(true, |all, &c| all & ok(c)) {
        None
    } else {
        b.iter().position(|&c| !ok(c))
    }
}

// The classes of a URI-reference's bytes (RFC 3986 §2), one bit each: a byte outside the
// URI-reference characters, `%`, and the delimiters that the structure checks look for.
const BAD: u8 = 1 << 0;
const PCT: u8 = 1 << 1;
const COLON: u8 = 1 << 2;
/// `/` and `?`: with `#`, they end a scheme's search and an authority.
const SLASH_QUESTION: u8 = 1 << 3;
const HASH: u8 = 1 << 4;
const AT: u8 = 1 << 5;
const OPEN: u8 = 1 << 6;
const CLOSE: u8 = 1 << 7;
/// The classes that only the full check of [`check_uri`] handles: a reference without
/// them needs only its scheme and authority looked at.
const SPECIAL: u8 = BAD | PCT | HASH | OPEN | CLOSE;

static URI_CLASS: [u8; 256] = {
    let mut t = [BAD; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if is_uri_char(b) {
            t[i] = match b {
                b'%' => PCT,
                b':' => COLON,
                b'/' | b'?' => SLASH_QUESTION,
                b'#' => HASH,
                b'@' => AT,
                b'[' => OPEN,
                b']' => CLOSE,
                _ => 0,
            };
        }
        i += 1;
    }
    t
};

/// The first offset in `from..to` whose byte has one of the classes of `mask`, or `to`
/// (`to` is at most `b.len()`).
fn find(b: &[u8], from: usize, to: usize, mask: u8) -> usize {
    let mut i = from;
    while i < to && b.get(i).is_some_and(|&c| URI_CLASS[usize::from(c)] & mask == 0) {
        i += 1;
    }
    i
}

/// A refused value: offset into the value, what was found there, the rule broken; the
/// shape every signpost error shares.
pub(crate) type Invalid = signpost_syntax::Error;

/// A value that may not go on the wire: the rule it breaks, the offending byte and its
/// offset in the value.
///
/// ```
/// use signpost_error::check_error_description;
///
/// let err = check_error_description("Token \"abc\" expired").unwrap_err();
/// assert_eq!(err.offset(), 6);
/// assert_eq!(err.found(), signpost_error::Found::Byte(b'"'));
/// assert_eq!(err.message(), "expected NQSCHAR in error_description");
/// assert_eq!(err.to_string(), "expected NQSCHAR in error_description, found '\"' at byte 6");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidValue(pub(crate) Invalid);

impl InvalidValue {
    /// The byte offset of the offending byte in the value.
    pub const fn offset(&self) -> usize {
        self.0.offset()
    }

    /// What stood at the offset: the offending byte, the end of a value that ends too
    /// early, or [`Found::Nothing`] for an empty value.
    pub const fn found(&self) -> Found {
        self.0.found()
    }

    /// The rule the value breaks, naming the parameter (`"expected NQSCHAR in
    /// error_description"`).
    pub const fn message(&self) -> &'static str {
        self.0.message()
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl core::error::Error for InvalidValue {}

impl From<InvalidValue> for WriteError {
    fn from(e: InvalidValue) -> WriteError {
        WriteError::from_error(e.0)
    }
}

/// The messages for one element.
struct Messages {
    empty: &'static str,
    char: &'static str,
    pct: &'static str,
    scheme: &'static str,
    bracket: &'static str,
    hash: &'static str,
    at: &'static str,
    port: &'static str,
}

const ERROR_URI: Messages = Messages {
    empty: "expected a URI-reference in error_uri",
    char: "expected URI-reference character in error_uri",
    pct: "expected two HEXDIG after '%' in error_uri",
    scheme: "expected scheme before ':' in error_uri",
    bracket: "'[' or ']' outside an IP-literal host in error_uri",
    hash: "a second '#' in error_uri",
    at: "a second '@' in the authority of error_uri",
    port: "expected DIGIT in the port of error_uri",
};

const ISS: Messages = Messages {
    empty: "expected a URI-reference in iss",
    char: "expected URI-reference character in iss",
    pct: "expected two HEXDIG after '%' in iss",
    scheme: "expected scheme before ':' in iss",
    bracket: "'[' or ']' outside an IP-literal host in iss",
    hash: "a second '#' in iss",
    at: "a second '@' in the authority of iss",
    port: "expected DIGIT in the port of iss",
};

fn check_nqschars(
    value: &str,
    empty: &'static str,
    message: &'static str,
) -> Result<(), InvalidValue> {
    let b = value.as_bytes();
    if b.is_empty() {
        return Err(InvalidValue(Invalid::new(0, empty)));
    }
    match first_refused(b, is_nqschar) {
        None => Ok(()),
        Some(i) => Err(InvalidValue(Invalid::at(b, i, message))),
    }
}

/// Checks an `error` value.
///
/// ```text
/// error = 1*NQSCHAR                 ; RFC 6749 Appendix A.7
/// NQSCHAR = %x20-21 / %x23-5B / %x5D-7E
/// ```
///
/// ```
/// assert!(signpost_error::check_error("invalid_token").is_ok());
/// let err = signpost_error::check_error("bad\ncode").unwrap_err();
/// assert_eq!(err.to_string(), "expected NQSCHAR in error, found 0x0a at byte 3");
/// ```
pub fn check_error(value: &str) -> Result<(), InvalidValue> {
    check_nqschars(value, "expected at least one NQSCHAR in error", "expected NQSCHAR in error")
}

/// Checks an `error_description` value: printable ASCII and space, no `"`, no `\`, no
/// control characters, no non-ASCII.
///
/// ```text
/// error-description = 1*NQSCHAR     ; RFC 6749 Appendix A.8, RFC 6750 §3
/// ```
///
/// ```
/// assert!(signpost_error::check_error_description("The access token expired").is_ok());
/// let err = signpost_error::check_error_description("Jeton expir\u{e9}").unwrap_err();
/// assert_eq!((err.offset(), err.found()), (11, signpost_error::Found::Byte(0xc3)));
/// ```
pub fn check_error_description(value: &str) -> Result<(), InvalidValue> {
    check_nqschars(
        value,
        "expected at least one NQSCHAR in error_description",
        "expected NQSCHAR in error_description",
    )
}

/// Checks an `error_uri` value: a URI-reference (RFC 3986 §4.1), which keeps it inside
/// `%x21 / %x23-5B / %x5D-7E` (RFC 6749 §5.2, RFC 6750 §3).
///
/// ```text
/// error-uri = URI-reference         ; RFC 6749 Appendix A.9
/// URI-reference = URI / relative-ref
/// ```
///
/// The check covers the characters, `pct-encoded`, the scheme, a single `#`, an
/// authority's single `@`, IP-literal brackets and port digits; it does not check the
/// contents of an IP-literal. An empty reference is refused: a sender omits the parameter
/// instead.
///
/// ```
/// use signpost_error::check_error_uri;
///
/// assert!(check_error_uri("https://as.example.com/errors/invalid_token").is_ok());
/// assert!(check_error_uri("/errors?code=42#top").is_ok());
/// assert!(check_error_uri("https://[2001:db8::1]:8443/e").is_ok());
/// let err = check_error_uri("https://as.example.com/a b").unwrap_err();
/// assert_eq!(err.to_string(), "expected URI-reference character in error_uri, found ' ' at byte 24");
/// let err = check_error_uri("https://x/%zz").unwrap_err();
/// assert_eq!(err.to_string(), "expected two HEXDIG after '%' in error_uri, found '%' at byte 10");
/// ```
pub fn check_error_uri(value: &str) -> Result<(), InvalidValue> {
    check_uri(value.as_bytes(), &ERROR_URI).map(|_| ()).map_err(InvalidValue)
}

/// Checks a `state` value for writing: `1*VSCHAR` (RFC 6749 Appendix A.5), printable ASCII
/// and space.
///
/// ```
/// assert!(signpost_error::check_state("af0ifjsldkj").is_ok());
/// assert_eq!(
///     signpost_error::check_state("a\tb").unwrap_err().to_string(),
///     "expected VSCHAR in state, found 0x09 at byte 1"
/// );
/// ```
pub fn check_state(value: &str) -> Result<(), InvalidValue> {
    let b = value.as_bytes();
    if b.is_empty() {
        return Err(InvalidValue(Invalid::new(0, "expected at least one VSCHAR in state")));
    }
    match first_refused(b, is_vschar) {
        None => Ok(()),
        Some(i) => Err(InvalidValue(Invalid::at(b, i, "expected VSCHAR in state"))),
    }
}

/// Checks an `iss` value for writing (RFC 9207 §2): the issuer identifier of the
/// authorization server, which RFC 8414 §2 makes a URL with an authority and no query or
/// fragment.
///
/// ```text
/// iss = URI-reference               ; the characters and structure of check_error_uri,
///                                   ; and then RFC 8414 §2:
///     = scheme "://" authority path-abempty   ; a non-empty host, no "?" or "#"
/// IP-literal = "[" ( IPv6address / IPvFuture ) "]"   ; checked (RFC 3986 §3.2.2)
/// ```
///
/// This is the rule of `signpost_oauth::Issuer::parse`: the two accept the same strings
/// (a test feeds both the same inputs). An `https` scheme is not required here: that is
/// the client's policy (`signpost_oauth::Guard`).
///
/// ```
/// use signpost_error::check_iss;
///
/// assert!(check_iss("https://as.example.com/tenant1").is_ok());
/// assert!(check_iss("https://[2001:db8::1]:8443").is_ok());
/// let err = check_iss("https://as.example.com/?tenant=1").unwrap_err();
/// assert_eq!(err.to_string(), "query not allowed in iss (RFC 8414 §2), found '?' at byte 23");
/// let err = check_iss("/relative").unwrap_err();
/// assert_eq!(err.message(), "expected scheme in iss (an absolute URL)");
/// let err = check_iss("https://[::g]/").unwrap_err();
/// assert_eq!(err.message(), "invalid IPv6address in IP-literal of iss");
/// ```
pub fn check_iss(value: &str) -> Result<(), InvalidValue> {
    let b = value.as_bytes();
    let shape = check_uri(b, &ISS).map_err(InvalidValue)?;
    check_issuer(b, shape).map_err(|(at, message)| InvalidValue(Invalid::at(b, at, message)))
}

/// The issuer identifier rule (RFC 8414 §2) on a reference whose characters and structure
/// [`check_uri`] accepted (`shape` says where its parts are): an absolute URI with an
/// authority, a non-empty host whose IP-literal is valid, and no query or fragment.
fn check_issuer(b: &[u8], shape: Shape) -> Result<(), Fail> {
    let (colon, host) = (shape.colon, shape.host);
    if colon == 0 {
        return Err((0, "expected scheme in iss (an absolute URL)"));
    }
    if host == 0 {
        return Err((colon + 1, "expected '//' authority in iss"));
    }
    match b.get(host) {
        Some(b'[') => {
            // `check_uri` found the closing bracket before the end of the authority.
            let close = find(b, host, shape.path, CLOSE);
            let inner = b.get(host + 1..close).unwrap_or_default();
            signpost_syntax::check_ip_literal(inner).map_err(|e| {
                let message = if inner.first().is_some_and(|&c| c == b'v' || c == b'V') {
                    "invalid IPvFuture in IP-literal of iss"
                } else {
                    "invalid IPv6address in IP-literal of iss"
                };
                (host + 1 + e.offset(), message)
            })?;
        }
        Some(b':') => return Err((host, "expected host in the authority of iss")),
        _ if host == shape.path => return Err((host, "expected host in the authority of iss")),
        _ => {}
    }
    // path-abempty, then nothing: the first '?' or '#' after the authority is refused.
    let path = b.get(shape.path..).unwrap_or_default();
    match path.iter().position(|&c| c == b'?' || c == b'#') {
        None => Ok(()),
        Some(i) if path.get(i) == Some(&b'?') => {
            Err((shape.path + i, "query not allowed in iss (RFC 8414 §2)"))
        }
        Some(i) => Err((shape.path + i, "fragment not allowed in iss (RFC 8414 §2)")),
    }
}

/// Where the parts of a checked reference are, for the rules built on [`check_uri`].
#[derive(Clone, Copy)]
struct Shape {
    /// The `:` after the scheme; 0 when there is no scheme (a scheme has one byte at least).
    colon: usize,
    /// Where the host starts; 0 when there is no authority (it follows `//`).
    host: usize,
    /// Where the path starts (after the authority).
    path: usize,
}

fn check_uri(b: &[u8], m: &Messages) -> Result<Shape, Invalid> {
    if b.is_empty() {
        return Err(Invalid::new(0, m.empty));
    }
    let len = b.len();
    // One pass over the classes: a reference without `%`, `#`, brackets or a bad byte (most
    // of them) needs only its scheme and authority looked at; the other checks, which find
    // the first error in the documented order, look for those bytes.
    let special = !cfg!(feature = "perf")
        || b.iter().fold(0, |acc, &c| acc | URI_CLASS[usize::from(c)]) & SPECIAL != 0;
    if special {
        // Characters and pct-encoded = "%" HEXDIG HEXDIG.
        let mut i = find(b, 0, len, BAD | PCT);
        while let Some(&c) = b.get(i) {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if c != b'%' {
                return Err(Invalid::at(b, i, m.char));
            }
            if !(hex(i + 1) && hex(i + 2)) {
                return Err(Invalid::at(b, i, m.pct));
            }
            i = find(b, i + 3, len, BAD | PCT);
        }
        // fragment = *( pchar / "/" / "?" ): no second '#'.
        let hash = find(b, 0, len, HASH);
        if hash < len {
            let second = find(b, hash + 1, len, HASH);
            if second < len {
                return Err(Invalid::at(b, second, m.hash));
            }
        }
    }
    let shape = check_scheme_and_authority(b, m, special)
        .map_err(|(at, message)| Invalid::at(b, at, message))?;
    // path, query and fragment: no brackets.
    let bracket = if special { find(b, shape.path, len, OPEN | CLOSE) } else { len };
    if bracket < len {
        return Err(Invalid::at(b, bracket, m.bracket));
    }
    Ok(shape)
}

/// A refused reference inside the structure checks: the offset and the message; the byte
/// found there is added by [`check_uri`].
type Fail = (usize, &'static str);

/// Checks the scheme and the authority of a reference whose characters are all valid;
/// returns where its parts are. Without `special`, the reference holds no bracket.
fn check_scheme_and_authority(b: &[u8], m: &Messages, special: bool) -> Result<Shape, Fail> {
    let len = b.len();
    // scheme ":" when the first of ":/?#" is ':'; a relative-ref's first segment cannot
    // hold ':' (segment-nz-nc).
    let mut pos = 0;
    let colon = find(b, 0, len, COLON | SLASH_QUESTION | HASH);
    if b.get(colon) == Some(&b':') {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), one byte at least.
        let mut j = 0;
        loop {
            let c = b.get(j).copied().unwrap_or(b':');
            let more = j > 0 && (c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'));
            if !(c.is_ascii_alphabetic() || more) {
                return Err((j, m.scheme));
            }
            j += 1;
            if j >= colon {
                break;
            }
        }
        pos = colon + 1;
    }
    // authority = [ userinfo "@" ] host [ ":" port ]
    if b.get(pos) == Some(&b'/') && b.get(pos + 1) == Some(&b'/') {
        let start = pos + 2;
        let end = find(b, start, len, SLASH_QUESTION | HASH);
        let host = check_authority(b, start, end, m, special)?;
        return Ok(Shape { colon: pos.saturating_sub(1), host, path: end });
    }
    Ok(Shape { colon: pos.saturating_sub(1), host: 0, path: pos })
}

fn check_authority(
    b: &[u8],
    start: usize,
    end: usize,
    m: &Messages,
    special: bool,
) -> Result<usize, Fail> {
    let mut host = start;
    let at = find(b, start, end, AT);
    if at < end {
        let second = find(b, at + 1, end, AT);
        if second < end {
            return Err((second, m.at));
        }
        let bracket = if special { find(b, start, at, OPEN | CLOSE) } else { at };
        if bracket < at {
            return Err((bracket, m.bracket));
        }
        host = at + 1;
    }
    // Where the port's digits start (`end`: no port).
    let mut port = end;
    if host < end && b.get(host) == Some(&b'[') {
        // IP-literal = "[" ( IPv6address / IPvFuture ) "]"
        let close = find(b, host, end, CLOSE);
        if close == end {
            return Err((host, m.bracket));
        }
        let open = find(b, host + 1, close, OPEN);
        if open < close {
            return Err((open, m.bracket));
        }
        let after = close + 1;
        if after < end {
            if b.get(after) != Some(&b':') {
                return Err((after, m.port));
            }
            port = after + 1;
        }
    } else {
        let bracket = if special { find(b, host, end, OPEN | CLOSE) } else { end };
        if bracket < end {
            return Err((bracket, m.bracket));
        }
        let colon = find(b, host, end, COLON);
        if colon < end {
            port = colon + 1;
        }
    }
    // port = *DIGIT
    while port < end {
        if !b.get(port).is_some_and(u8::is_ascii_digit) {
            return Err((port, m.port));
        }
        port += 1;
    }
    Ok(host)
}

/// Writes `value` percent-encoded for `application/x-www-form-urlencoded` (RFC 6749
/// Appendix B) with the one form encoder of `signpost_syntax`: unreserved bytes as they
/// are, space as `+`, every other byte as `%XX` (uppercase hex).
pub(crate) fn write_form<W: fmt::Write + ?Sized>(w: &mut W, value: &str) -> fmt::Result {
    signpost_syntax::form_encode(value).write_to(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_laws() {
        for b in 0..=255u8 {
            // URI characters are a subset of %x21 / %x23-5B / %x5D-7E.
            if is_uri_char(b) {
                assert!(is_nqschar(b) && b != b' ', "{b:#x}");
            }
            assert_eq!(is_nqschar(b), is_vschar(b) && b != b'"' && b != b'\\', "{b:#x}");
            if AsciiSet::UNRESERVED.contains(b) {
                assert!(is_uri_char(b));
            }
        }
        // The NQSCHARs that a URI-reference cannot hold.
        let outside: alloc::vec::Vec<u8> =
            (0x21..0x7Fu8).filter(|&b| is_nqschar(b) && !is_uri_char(b)).collect();
        assert_eq!(outside, b"<>^`{|}");
    }
}
