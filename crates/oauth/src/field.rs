//! Field-level validation shared by the typed challenge views, the writers, the server side
//! and the client side: the per-field error, structured values, space-separated lists and
//! non-negative integers.

use core::fmt;
use core::iter::FusedIterator;

use signpost_syntax::{Found, Value, WriteError};

use crate::ParseError;

/// A field of a challenge (or a value given to a writer) that breaks its rule: which field,
/// which rule, and where in the field's value.
///
/// `Display` is `"<field>: <rule>[, found 'x'] at byte <offset> of the value"`:
///
/// ```
/// use signpost_oauth::BearerChallenge;
/// use signpost_challenge::Challenges;
///
/// let c = Challenges::new(br#"Bearer scope="a \"b\"", max_age=-1"#).next().unwrap()?;
/// let bearer = BearerChallenge::new(c).expect("a Bearer challenge");
/// let err = bearer.scope().unwrap_err();
/// assert_eq!(err.field(), "scope");
/// assert_eq!(err.to_string(), "scope: quoted-pair in a structured value, found '\\' at byte 2 of the value");
/// let err = bearer.max_age().unwrap_err();
/// assert_eq!(err.to_string(), "max_age: expected a non-negative integer, found '-' at byte 0 of the value");
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
///
/// The type is opaque so that more detail can be added later without a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    field: &'static str,
    /// The rule, the offset in the value and the byte found there.
    error: ParseError,
}

impl FieldError {
    /// An error at `offset` of `value` that records the byte there (or the end).
    pub(crate) fn at(
        field: &'static str,
        value: &[u8],
        offset: usize,
        message: &'static str,
    ) -> Self {
        FieldError { field, error: ParseError::at(value, offset, message) }
    }

    /// A parse error in the field's value.
    pub(crate) const fn new(field: &'static str, error: ParseError) -> Self {
        FieldError { field, error }
    }

    /// An error whose message says it all.
    pub(crate) const fn bare(field: &'static str, offset: usize, message: &'static str) -> Self {
        FieldError { field, error: ParseError::new(offset, message) }
    }

    /// An error from a lower layer that already knows its offset and what it found.
    #[inline(always)] // built where it is used, or not at all
    pub(crate) const fn from_parts(
        field: &'static str,
        message: &'static str,
        offset: usize,
        found: Found,
    ) -> Self {
        FieldError { field, error: ParseError::from_parts(offset, message, found) }
    }

    /// The field (auth-param or header) name: `"scope"`, `"max_age"`, `"DPoP-Nonce"`.
    pub const fn field(&self) -> &'static str {
        self.field
    }

    /// The rule the value breaks, naming the grammar element (lowercase, no period).
    pub const fn message(&self) -> &'static str {
        self.error.message()
    }

    /// The byte offset of the error in the field's value (after quoted-string processing,
    /// counted in the value as written when it holds quoted-pairs).
    pub const fn offset(&self) -> usize {
        self.error.offset()
    }

    /// What stood at the offset: a byte, the end of the value, or [`Found::Nothing`] when
    /// the error does not point at a single byte.
    pub const fn found(&self) -> Found {
        self.error.found()
    }
}

/// A refused field, as the writers report it: the same rule, offset and found byte, named
/// by the field.
impl From<FieldError> for WriteError {
    fn from(e: FieldError) -> WriteError {
        WriteError::from_error(e.error).in_field(e.field)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} of the value", self.field, self.error)
    }
}

impl core::error::Error for FieldError {}

pub(crate) const QUOTED_PAIR: &str = "quoted-pair in a structured value";
const NQCHAR: &str = "expected NQCHAR";
const EMPTY_LIST: &str = "expected at least one element";
const DOUBLE_SP: &str = "empty element (double SP)";
const LEADING_SP: &str = "empty element (leading SP)";
const TRAILING_SP: &str = "empty element (trailing SP)";
const INTEGER: &str = "expected a non-negative integer";
const TOO_LARGE: &str = "integer too large";

/// `NQCHAR = %x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A).
pub(crate) const fn is_nqchar(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// A structured value as text: a value holding a quoted-pair is refused (unescaping it
/// would need a buffer), and so is one that is not UTF-8.
#[inline(always)] // the error is built where it is used, or not at all
pub(crate) fn structured<'a>(field: &'static str, value: Value<'a>) -> Result<&'a str, FieldError> {
    structured_text(value).map_err(|e| FieldError::new(field, e))
}

/// [`structured`] without the field's name, which the caller adds.
pub(crate) fn structured_text(value: Value<'_>) -> Result<&str, ParseError> {
    let raw = value.as_raw();
    if value.has_escapes() {
        let at = raw.iter().position(|&b| b == b'\\').unwrap_or(0);
        return Err(ParseError::at(raw, at, QUOTED_PAIR));
    }
    core::str::from_utf8(raw).map_err(|e| ParseError::at(raw, e.valid_up_to(), NQCHAR))
}

/// Checks a space-separated list of `1*NQCHAR` elements, one SP between two.
///
/// ```text
/// list    = element *( SP element )
/// element = 1*NQCHAR
/// ```
pub(crate) fn check_list(field: &'static str, text: &str) -> Result<(), FieldError> {
    let b = text.as_bytes();
    if b.is_empty() {
        return Err(FieldError::at(field, b, 0, EMPTY_LIST));
    }
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b' ' {
            if i == start {
                let message = if i == 0 { LEADING_SP } else { DOUBLE_SP };
                return Err(FieldError::bare(field, i, message));
            }
            start = i + 1;
        } else if !is_nqchar(c) {
            return Err(FieldError::at(field, b, i, NQCHAR));
        }
    }
    if start == b.len() {
        return Err(FieldError::bare(field, b.len() - 1, TRAILING_SP));
    }
    Ok(())
}

/// `nonce = 1*NQCHAR` (RFC 9449 §8.1).
pub(crate) fn check_nonce(nonce: &[u8]) -> Result<&str, FieldError> {
    if nonce.is_empty() {
        return Err(FieldError::at("DPoP-Nonce", nonce, 0, "expected at least one NQCHAR"));
    }
    if let Some(i) = nonce.iter().position(|&b| !is_nqchar(b)) {
        return Err(FieldError::at("DPoP-Nonce", nonce, i, "expected NQCHAR"));
    }
    core::str::from_utf8(nonce).map_err(|_| FieldError::bare("DPoP-Nonce", 0, "expected NQCHAR"))
}

/// Parses a non-negative integer: `1*DIGIT`, at most `u64::MAX`.
pub(crate) fn parse_integer(field: &'static str, text: &[u8]) -> Result<u64, FieldError> {
    if text.is_empty() {
        return Err(FieldError::at(field, text, 0, INTEGER));
    }
    let mut n: u64 = 0;
    for (i, &c) in text.iter().enumerate() {
        if !c.is_ascii_digit() {
            return Err(FieldError::at(field, text, i, INTEGER));
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(c - b'0')))
            .ok_or(FieldError::bare(field, 0, TOO_LARGE))?;
    }
    Ok(n)
}

/// Writes a `u64` in decimal without allocating.
pub(crate) fn write_u64<W: fmt::Write + ?Sized>(out: &mut W, mut n: u64) -> fmt::Result {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.write_str(core::str::from_utf8(&buf[i..]).map_err(|_| fmt::Error)?)
}

/// A validated space-separated list of values, in the order the server gave them: the
/// `acr_values` of RFC 9470 §3 (in order of preference) and the `algs` of RFC 9449 §7.1.
///
/// ```text
/// list    = element *( SP element )     ; one SP between two elements
/// element = 1*NQCHAR                     ; %x21 / %x23-5B / %x5D-7E
/// ```
///
/// ```
/// use signpost_oauth::DpopChallenge;
/// use signpost_challenge::Challenges;
///
/// let c = Challenges::new(br#"DPoP algs="ES256 PS256""#).next().unwrap()?;
/// let algs = DpopChallenge::new(c).unwrap().algs().unwrap().unwrap();
/// assert_eq!(algs.iter().collect::<Vec<_>>(), ["ES256", "PS256"]);
/// assert!(algs.contains("PS256"));
/// assert_eq!(algs.first(), Some("ES256"));
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SpaceList<'a> {
    text: &'a str,
}

impl<'a> SpaceList<'a> {
    /// Checks `text` as a list (`field` names it in the error).
    ///
    /// # Errors
    ///
    /// An empty list, an empty element (leading, trailing or double SP), or a byte that is
    /// not `NQCHAR`.
    pub fn parse(field: &'static str, text: &'a str) -> Result<SpaceList<'a>, FieldError> {
        check_list(field, text)?;
        Ok(SpaceList { text })
    }

    /// A list already checked (or built from checked parts).
    pub(crate) const fn trusted(text: &'a str) -> SpaceList<'a> {
        SpaceList { text }
    }

    /// The list as written.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The elements, in order.
    pub fn iter(&self) -> SpaceListIter<'a> {
        SpaceListIter { rest: Some(self.text) }
    }

    /// The first (most preferred) element.
    pub fn first(&self) -> Option<&'a str> {
        self.iter().next()
    }

    /// Whether `value` is one of the elements (exact, case-sensitive).
    pub fn contains(&self, value: &str) -> bool {
        self.iter().any(|v| v == value)
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Always `false`: a list has at least one element.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl fmt::Debug for SpaceList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Display for SpaceList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl<'a> IntoIterator for SpaceList<'a> {
    type Item = &'a str;
    type IntoIter = SpaceListIter<'a>;

    fn into_iter(self) -> SpaceListIter<'a> {
        self.iter()
    }
}

/// The elements of a [`SpaceList`], in order.
#[derive(Clone, Debug)]
pub struct SpaceListIter<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for SpaceListIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.split_once(' ') {
            Some((head, tail)) => {
                self.rest = Some(tail);
                Some(head)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

impl FusedIterator for SpaceListIter<'_> {}
