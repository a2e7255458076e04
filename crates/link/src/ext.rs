//! RFC 8187 `ext-value` (`title*=UTF-8'de'n%c3%a4chstes%20Kapitel`), decoded lazily.

use core::fmt;

use signpost_syntax::{hex_pair, Error, Value};

use crate::table::class;

/// The bytes of a value as the recipient reads them: a quoted-pair `\x` stands for `x`.
/// `escaped` is false for a token (a backslash is then a plain byte).
#[derive(Clone, Copy)]
pub(crate) struct Logical<'a> {
    raw: &'a [u8],
    escaped: bool,
}

impl<'a> Logical<'a> {
    /// The unescaped bytes of `value` (as [`Value::bytes`], without its chunk iterator).
    #[inline]
    pub(crate) fn of(value: Value<'a>) -> Logical<'a> {
        Logical { raw: value.as_raw(), escaped: value.has_escapes() }
    }

    /// The next logical byte and how many raw bytes it took.
    #[inline]
    fn peek(&self) -> Option<(u8, usize)> {
        match self.raw.first() {
            Some(b'\\') if self.escaped => self.raw.get(1).map(|&b| (b, 2)),
            Some(&b) => Some((b, 1)),
            None => None,
        }
    }
}

impl Iterator for Logical<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let (b, n) = self.peek()?;
        self.raw = self.raw.get(n..).unwrap_or_default();
        Some(b)
    }
}

/// An RFC 8187 `ext-value`: a charset, an optional language tag and percent-encoded bytes.
///
/// ```text
/// ext-value     = charset  "'" [ language ] "'" value-chars
/// charset       = "UTF-8" / mime-charset
/// value-chars   = *( pct-encoded / attr-char )
/// ```
///
/// Nothing is decoded or copied until asked: [`ExtValue::decode`] is a byte iterator,
/// [`ExtValue::decode_into`] fills a caller's buffer, and `Display` writes the text (UTF-8
/// and ISO-8859-1 are decoded; bytes that do not decode become U+FFFD).
///
/// ```
/// use signpost_link::ExtValue;
/// use signpost_syntax::Value;
///
/// let ext = ExtValue::parse(Value::token(b"UTF-8''%e2%82%ac%20rates"))?;
/// assert!(ext.charset().eq_ignore_ascii_case(b"utf-8"));
/// assert!(ext.language().is_empty());
/// assert_eq!(ext.decode().count(), 9);
/// let mut buf = [0u8; 16];
/// assert_eq!(ext.decode_into(&mut buf), Some("€ rates".as_bytes()));
/// assert_eq!(ext.to_string(), "€ rates");
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ExtValue<'a> {
    charset: &'a [u8],
    language: &'a [u8],
    encoded: &'a [u8],
    escaped: bool,
}

impl<'a> ExtValue<'a> {
    /// Reads `value` (a `token`, or the content of a `quoted-string`: RFC 8288 lets every
    /// `link-param` use either form) as an `ext-value`. The language tag is checked for its
    /// characters only (`ALPHA`, `DIGIT`, `-`), not against the whole RFC 5646 grammar; a
    /// UTF-8 value must decode to valid UTF-8.
    ///
    /// # Errors
    ///
    /// The value is not an `ext-value`; the offset is into the value.
    pub fn parse(value: Value<'a>) -> Result<ExtValue<'a>, Error> {
        #[cfg(feature = "perf")]
        if !value.has_escapes() {
            return ExtValue::parse_plain(value.as_raw());
        }
        ExtValue::parse_logical(value.as_raw(), value.has_escapes())
    }

    /// [`ExtValue::parse`] over the logical bytes of `raw` (`\x` stands for `x` when
    /// `escaped`). Without the `perf` feature this one loop reads every value.
    fn parse_logical(raw: &'a [u8], escaped: bool) -> Result<ExtValue<'a>, Error> {
        const EXPECTED: [&str; 2] = [
            "expected mime-charsetc or \"'\" in ext-value",
            "expected language tag character or \"'\" in ext-value",
        ];
        // One pass over the logical bytes: `part` 0 is the charset, 1 the language tag, 2
        // the value-chars; `bounds` holds where each "'" starts and where the part after it
        // starts, as raw offsets.
        let mut part = 0usize;
        let mut bounds = [0usize; 4];
        let mut it = Logical { raw, escaped };
        let mut at = 0usize;
        let mut check = Utf8Check::default();
        let mut valid = true;
        while let Some((b, n)) = it.peek() {
            let mut used = n;
            if part < 2 {
                if b == b'\'' {
                    if at == 0 {
                        return Err(Error::at(raw, at, "expected charset in ext-value"));
                    }
                    bounds[2 * part] = at;
                    bounds[2 * part + 1] = at + n;
                    part += 1;
                } else if !(if part == 0 {
                    class::has(b, class::CHARSET)
                } else {
                    b.is_ascii_alphanumeric() || b == b'-'
                }) {
                    return Err(Error::at(raw, at, EXPECTED[part & 1]));
                }
            } else if b == b'%' {
                let mut rest = Logical { raw: raw.get(at + n..).unwrap_or_default(), escaped };
                match (rest.next(), rest.next()) {
                    (Some(h), Some(l)) if hex_pair(h, l).is_some() => {
                        valid &= check.push(hex_pair(h, l).unwrap_or(0));
                        used = raw.len() - at - rest.raw.len();
                    }
                    _ => {
                        return Err(Error::at(
                            raw,
                            at,
                            "expected two hex digits after '%' in ext-value",
                        ))
                    }
                }
            } else if class::has(b, class::ATTR) {
                // ASCII: it cannot continue a multi-byte character.
                valid &= check.complete();
            } else {
                return Err(Error::at(raw, at, "expected attr-char or pct-encoded in ext-value"));
            }
            at += used;
            it.raw = raw.get(at..).unwrap_or_default();
        }
        if part < 2 {
            return Err(Error::at(raw, at, EXPECTED[part & 1]));
        }
        let ext = ExtValue {
            charset: raw.get(..bounds[0]).unwrap_or_default(),
            language: raw.get(bounds[1]..bounds[2]).unwrap_or_default(),
            encoded: raw.get(bounds[3]..).unwrap_or_default(),
            escaped,
        };
        if ext.is_utf8() && !(valid && check.complete()) {
            return Err(Error::new(bounds[3], "ext-value in UTF-8 does not decode to UTF-8"));
        }
        Ok(ext)
    }

    /// [`ExtValue::parse`] for a value without quoted-pairs: the same checks and messages,
    /// straight over the slice.
    #[cfg(feature = "perf")]
    fn parse_plain(raw: &'a [u8]) -> Result<ExtValue<'a>, Error> {
        let charset_end = raw.iter().position(|&b| !class::has(b, class::CHARSET));
        let charset_end = match charset_end {
            Some(0) if raw[0] == b'\'' => {
                return Err(Error::at(raw, 0, "expected charset in ext-value"))
            }
            Some(i) if raw[i] == b'\'' => i,
            Some(i) => {
                return Err(Error::at(raw, i, "expected mime-charsetc or \"'\" in ext-value"))
            }
            None => {
                return Err(Error::at(
                    raw,
                    raw.len(),
                    "expected mime-charsetc or \"'\" in ext-value",
                ))
            }
        };
        let language_start = charset_end + 1;
        let language_end = raw[language_start..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
            .map(|i| language_start + i);
        let language_end = match language_end {
            Some(i) if raw[i] == b'\'' => i,
            other => {
                return Err(Error::at(
                    raw,
                    other.unwrap_or(raw.len()),
                    "expected language tag character or \"'\" in ext-value",
                ))
            }
        };
        let start = language_end + 1;
        let utf8 = raw[..charset_end].eq_ignore_ascii_case(b"UTF-8");
        let mut check = Utf8Check::default();
        let mut valid = true;
        let mut i = start;
        while i < raw.len() {
            let b = raw[i];
            if class::has(b, class::ATTR) {
                // ASCII: it cannot continue a multi-byte character.
                valid &= check.complete();
                i += 1;
            } else if let (b'%', Some(&[h, l])) = (b, raw.get(i + 1..i + 3)) {
                let Some(v) = hex_pair(h, l) else {
                    return Err(Error::at(
                        raw,
                        i,
                        "expected two hex digits after '%' in ext-value",
                    ));
                };
                valid &= check.push(v);
                i += 3;
            } else if b == b'%' {
                return Err(Error::at(raw, i, "expected two hex digits after '%' in ext-value"));
            } else {
                return Err(Error::at(raw, i, "expected attr-char or pct-encoded in ext-value"));
            }
        }
        let ext = ExtValue {
            charset: &raw[..charset_end],
            language: &raw[language_start..language_end],
            encoded: &raw[start..],
            escaped: false,
        };
        if utf8 && !(valid && check.complete()) {
            return Err(Error::new(start, "ext-value in UTF-8 does not decode to UTF-8"));
        }
        Ok(ext)
    }

    fn part(&self, raw: &'a [u8]) -> Value<'a> {
        if self.escaped {
            let logical = Logical { raw, escaped: true }.count();
            Value::quoted(raw, raw.len().saturating_sub(logical))
        } else {
            Value::token(raw)
        }
    }

    /// The charset, as sent (compare it ignoring ASCII case: `UTF-8`, `utf-8`).
    pub fn charset(&self) -> Value<'a> {
        self.part(self.charset)
    }

    /// The language tag, empty when absent (`UTF-8''...`).
    pub fn language(&self) -> Value<'a> {
        self.part(self.language)
    }

    /// The `value-chars`, still percent-encoded.
    pub const fn encoded(&self) -> &'a [u8] {
        self.encoded
    }

    /// Whether the charset is UTF-8 (case-insensitive).
    pub fn is_utf8(&self) -> bool {
        Logical { raw: self.charset, escaped: self.escaped }
            .map(|b| b.to_ascii_uppercase())
            .eq(b"UTF-8".iter().copied())
    }

    /// Whether the charset is ISO-8859-1 (case-insensitive).
    pub fn is_latin1(&self) -> bool {
        Logical { raw: self.charset, escaped: self.escaped }
            .map(|b| b.to_ascii_uppercase())
            .eq(b"ISO-8859-1".iter().copied())
    }

    /// The decoded bytes, one at a time, with no allocation.
    pub fn decode(&self) -> PercentDecode<'a> {
        PercentDecode { inner: Logical { raw: self.encoded, escaped: self.escaped } }
    }

    /// The number of decoded bytes.
    pub fn decoded_len(&self) -> usize {
        self.decode().count()
    }

    /// Decodes into `buf` and returns the filled part, or `None` when `buf` is too short.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Option<&'b [u8]> {
        let mut n = 0;
        for b in self.decode() {
            *buf.get_mut(n)? = b;
            n += 1;
        }
        buf.get(..n)
    }

    /// Decodes into `buf` as text: UTF-8 as it is, ISO-8859-1 mapped to Unicode. `None`
    /// when `buf` is too short, or for another charset.
    pub fn decode_str_into<'b>(&self, buf: &'b mut [u8]) -> Option<&'b str> {
        if self.is_utf8() {
            let bytes = self.decode_into(buf)?;
            core::str::from_utf8(bytes).ok()
        } else if self.is_latin1() {
            let mut n = 0;
            for b in self.decode() {
                let c = char::from(b);
                let target = buf.get_mut(n..n + c.len_utf8())?;
                c.encode_utf8(target);
                n += c.len_utf8();
            }
            core::str::from_utf8(buf.get(..n)?).ok()
        } else {
            None
        }
    }

    /// The decoded bytes, borrowed when nothing needed decoding.
    #[cfg(feature = "alloc")]
    pub fn to_decoded(&self) -> alloc::borrow::Cow<'a, [u8]> {
        if !self.escaped && !self.encoded.contains(&b'%') {
            return alloc::borrow::Cow::Borrowed(self.encoded);
        }
        alloc::borrow::Cow::Owned(self.decode().collect())
    }
}

impl fmt::Debug for ExtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtValue")
            .field("charset", &self.charset())
            .field("language", &self.language())
            .field("encoded", &core::str::from_utf8(self.encoded).unwrap_or("<bytes>"))
            .finish()
    }
}

/// Writes the decoded text: UTF-8 and ISO-8859-1 are decoded; any other charset is written
/// as ASCII, with U+FFFD for each non-ASCII byte; invalid UTF-8 becomes U+FFFD.
impl fmt::Display for ExtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_utf8() {
            write_utf8_lossy(f, self.decode())
        } else if self.is_latin1() {
            self.decode().try_for_each(|b| fmt::Write::write_char(f, char::from(b)))
        } else {
            self.decode().try_for_each(|b| {
                fmt::Write::write_char(f, if b.is_ascii() { char::from(b) } else { '\u{FFFD}' })
            })
        }
    }
}

/// The decoded bytes of an [`ExtValue`], from [`ExtValue::decode`]: `%XX` becomes one byte.
#[derive(Clone)]
pub struct PercentDecode<'a> {
    inner: Logical<'a>,
}

impl fmt::Debug for PercentDecode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PercentDecode").finish_non_exhaustive()
    }
}

impl Iterator for PercentDecode<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let b = self.inner.next()?;
        if b != b'%' {
            return Some(b);
        }
        // Validated at parse time; a malformed triple is passed through byte by byte.
        let mut look = self.inner;
        match (look.next(), look.next()) {
            (Some(h), Some(l)) => match hex_pair(h, l) {
                Some(v) => {
                    self.inner = look;
                    Some(v)
                }
                None => Some(b),
            },
            _ => Some(b),
        }
    }
}

impl core::iter::FusedIterator for PercentDecode<'_> {}

/// An incremental UTF-8 check (Unicode Table 3-7: no overlong forms, no surrogates,
/// nothing above U+10FFFF), fed one byte at a time, with no buffer.
#[derive(Clone, Copy, Default)]
pub(crate) struct Utf8Check {
    /// Continuation bytes still expected.
    need: u8,
    /// The range the next continuation byte must fall in.
    lo: u8,
    hi: u8,
}

impl Utf8Check {
    /// Feeds `b`; false when the bytes so far cannot be UTF-8.
    #[inline]
    pub(crate) fn push(&mut self, b: u8) -> bool {
        if self.need > 0 {
            if b < self.lo || b > self.hi {
                return false;
            }
            self.need -= 1;
            (self.lo, self.hi) = (0x80, 0xBF);
            return true;
        }
        let (need, lo, hi) = match b {
            0x00..=0x7F => return true,
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return false,
        };
        *self = Utf8Check { need, lo, hi };
        true
    }

    /// Whether the bytes fed end on a character boundary.
    #[inline]
    pub(crate) fn complete(&self) -> bool {
        self.need == 0
    }
}

/// Writes `bytes` as UTF-8 text, with U+FFFD for each maximal invalid sequence.
pub(crate) fn write_utf8_lossy(
    f: &mut dyn fmt::Write,
    bytes: impl Iterator<Item = u8>,
) -> fmt::Result {
    let mut buf = [0u8; 4];
    let mut len = 0usize;
    let mut need = 0usize;
    for b in bytes {
        if len > 0 {
            if (0x80..=0xBF).contains(&b) {
                buf[len] = b;
                len += 1;
                if len == need {
                    match core::str::from_utf8(&buf[..len]) {
                        Ok(s) => f.write_str(s)?,
                        Err(_) => f.write_char('\u{FFFD}')?,
                    }
                    len = 0;
                }
                continue;
            }
            f.write_char('\u{FFFD}')?;
            len = 0;
        }
        match b {
            0x00..=0x7F => f.write_char(char::from(b))?,
            0xC2..=0xDF => (buf[0], len, need) = (b, 1, 2),
            0xE0..=0xEF => (buf[0], len, need) = (b, 1, 3),
            0xF0..=0xF4 => (buf[0], len, need) = (b, 1, 4),
            _ => f.write_char('\u{FFFD}')?,
        }
    }
    if len > 0 {
        f.write_char('\u{FFFD}')?;
    }
    Ok(())
}

/// A link's title: the decoded `title*` when there is a valid one, else `title`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Title<'a> {
    /// From `title*` (RFC 8187).
    Ext(ExtValue<'a>),
    /// From `title`.
    Plain(Value<'a>),
}

impl<'a> Title<'a> {
    /// The language of a `title*`, when it names one.
    pub fn language(&self) -> Option<Value<'a>> {
        match self {
            Title::Ext(e) if !e.language.is_empty() => Some(e.language()),
            _ => None,
        }
    }
}

impl fmt::Display for Title<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Title::Ext(e) => fmt::Display::fmt(e, f),
            Title::Plain(v) => fmt::Display::fmt(v, f),
        }
    }
}

#[cfg(all(test, feature = "perf"))]
mod tests {
    use proptest::prelude::*;

    use super::ExtValue;

    proptest! {
        // Ignored under Miri; run there with --ignored: PROPTEST_CASES cases, no regression file.
        #![proptest_config(if cfg!(miri) {
            ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
        } else {
            ProptestConfig::with_cases(2000)
        })]

        /// The `perf` build's fast path for values without quoted-pairs and the one loop of
        /// the size-first build agree on every value, errors included.
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn plain_and_logical_paths_agree(raw in "(UTF-8|utf-8|ISO-8859-1|x|'|%|[a-zA-Z0-9%'\\\\ -]){0,6}(%[0-9a-fA-Fg][0-9a-fA-F]|%[c-fC-F][0-9a-f]|[a-z'!%\\\\ ]){0,8}") {
            let raw = raw.as_bytes();
            prop_assert_eq!(ExtValue::parse_plain(raw), ExtValue::parse_logical(raw, false));
        }
    }

    #[test]
    fn plain_and_logical_paths_agree_on_examples() {
        let cases: &[&[u8]] = &[
            b"UTF-8''%e2%82%ac%20rates",
            b"UTF-8'de'n%c3%a4chstes%20Kapitel",
            b"iso-8859-1'en'%A3%20rates",
            b"UTF-8''%e2%82",
            b"UTF-8''%ff",
            b"UTF-8''%e2%82a",
            b"UTF-8''%g0",
            b"UTF-8''%",
            b"UTF-8''a b",
            b"'en'x",
            b"UTF-8",
            b"UTF-8'en",
            b"UTF-8'e n'x",
            b"UTF 8''x",
            b"",
        ];
        for raw in cases {
            assert_eq!(
                ExtValue::parse_plain(raw),
                ExtValue::parse_logical(raw, false),
                "{}",
                raw.escape_ascii()
            );
        }
    }
}
