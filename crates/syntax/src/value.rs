//! The borrowed value of a parameter: a `token` or the content of a `quoted-string`, with
//! quoted-pairs removed lazily.

use core::fmt;

/// A parameter value as it stands in the input: either a `token` or the content of a
/// `quoted-string` (without its DQUOTEs), still escaped.
///
/// Nothing is copied or unescaped while parsing: the value keeps the escaped slice and the
/// number of `quoted-pair`s it holds, so [`Value::unescaped_len`] is O(1) and a value without
/// escapes ([`Value::as_bytes`], [`Value::as_str`]) is a plain borrow. Unescaping follows
/// RFC 9110 §5.6.4 exactly: a backslash stands for the byte after it, so `\n` is `n`, never
/// a line feed.
///
/// ```
/// use signpost_syntax::quoted_string;
///
/// let (value, end) = quoted_string(br#""Login to \"apps\"", more"#, 0)?;
/// assert_eq!(end, 19);
/// assert_eq!(value.as_raw(), br#"Login to \"apps\""#);
/// assert_eq!(value.unescaped_len(), 15);
/// assert!(value.as_str().is_none()); // has escapes: not a plain borrow
/// assert!(value.eq_bytes(br#"Login to "apps""#));
/// assert_eq!(value.to_string(), r#"Login to "apps""#);
///
/// // Without `alloc`, unescape into a caller's buffer:
/// let mut buf = [0u8; 32];
/// assert_eq!(value.unescape_into(&mut buf), Some(&br#"Login to "apps""#[..]));
/// # Ok::<(), signpost_syntax::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Value<'a> {
    raw: &'a [u8],
    escapes: usize,
    quoted: bool,
    folded: bool,
}

impl<'a> Value<'a> {
    /// A `token` value (or any value taken verbatim, with no escapes).
    pub const fn token(raw: &'a [u8]) -> Value<'a> {
        Value { raw, escapes: 0, quoted: false, folded: false }
    }

    /// The content of a quoted string, `raw` still escaped, holding `escapes` quoted-pairs.
    ///
    /// `escapes` must be the number of quoted-pairs in `raw`, and every backslash in `raw`
    /// must start one; [`quoted_string`](crate::quoted_string) builds values this way.
    /// A wrong count cannot cause undefined behaviour or a panic, only a wrong
    /// [`unescaped_len`](Value::unescaped_len).
    pub const fn quoted(raw: &'a [u8], escapes: usize) -> Value<'a> {
        Value { raw, escapes, quoted: true, folded: false }
    }

    /// The content of a quoted string that arrived with one or more obs-folds inside
    /// (`obs-fold = OWS CRLF RWS`, RFC 9112 §5.2): `raw` still holds each fold's CR LF, and
    /// every accessor that hands out the value's content ([`chunks`](Value::chunks),
    /// [`bytes`](Value::bytes), `Display`, the comparisons, [`unescape_into`](Value::unescape_into))
    /// gives SP for each of those CR and LF, as RFC 9112 §5.2 has a user agent replace an
    /// obs-fold with SP octets. The length is unchanged (a CR LF becomes two SPs), so
    /// [`unescaped_len`](Value::unescaped_len) stays O(1) and offsets still point into the
    /// input. [`as_bytes`](Value::as_bytes) and [`as_str`](Value::as_str) return `None` for
    /// such a value, as for one with quoted-pairs, so that no CR or LF is ever lent out
    /// through them; only [`as_raw`](Value::as_raw) shows the input as it is.
    ///
    /// Every CR in `raw` must be followed by LF (and the LF by SP or HTAB); a wrong `raw`
    /// cannot cause undefined behaviour or a panic, only a wrong content.
    ///
    /// ```
    /// use signpost_syntax::Value;
    ///
    /// let v = Value::quoted_folded(b"a\r\n b", 0);
    /// assert!(v.has_folds());
    /// assert_eq!(v.as_bytes(), None);
    /// assert_eq!(v.to_string(), "a   b");
    /// assert_eq!(v, "a   b");
    /// ```
    pub const fn quoted_folded(raw: &'a [u8], escapes: usize) -> Value<'a> {
        Value { raw, escapes, quoted: true, folded: true }
    }

    /// Whether the value arrived with an obs-fold inside (see
    /// [`quoted_folded`](Value::quoted_folded)): its [`as_raw`](Value::as_raw) holds CR LF,
    /// its content holds SP in their place.
    pub const fn has_folds(&self) -> bool {
        self.folded
    }

    /// Whether the value was a `quoted-string` in the input.
    pub const fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// The value as it stands in the input, without DQUOTEs but with its quoted-pairs (and
    /// with the CR LF of any obs-fold: see [`has_folds`](Value::has_folds)).
    pub const fn as_raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the value holds at least one quoted-pair.
    pub const fn has_escapes(&self) -> bool {
        self.escapes != 0
    }

    /// The number of quoted-pairs in the value.
    pub const fn escapes(&self) -> usize {
        self.escapes
    }

    /// The length of the value once unescaped, in O(1).
    pub const fn unescaped_len(&self) -> usize {
        self.raw.len().saturating_sub(self.escapes)
    }

    /// Whether the unescaped value is empty (`realm=""`).
    pub const fn is_empty(&self) -> bool {
        self.unescaped_len() == 0
    }

    /// The value as bytes, borrowed, when it holds no quoted-pair and no obs-fold.
    pub const fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.escapes == 0 && !self.folded {
            Some(self.raw)
        } else {
            None
        }
    }

    /// The value as text, borrowed, when it holds no quoted-pair and no obs-fold and is UTF-8.
    pub fn as_str(&self) -> Option<&'a str> {
        self.as_bytes().and_then(|b| core::str::from_utf8(b).ok())
    }

    /// The unescaped value as a sequence of borrowed chunks, with no allocation.
    pub fn chunks(&self) -> Chunks<'a> {
        Chunks { rest: self.raw, escaped: self.escapes != 0, folded: self.folded }
    }

    /// The unescaped value, byte by byte.
    pub fn bytes(&self) -> impl Iterator<Item = u8> + 'a {
        self.chunks().flat_map(|c| c.iter().copied())
    }

    /// Whether the unescaped value equals `other`, byte for byte (case-sensitive).
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        if self.unescaped_len() != other.len() {
            return false;
        }
        if let Some(raw) = self.as_bytes() {
            return raw == other;
        }
        let mut rest = other;
        for chunk in self.chunks() {
            let (head, tail) = rest.split_at(chunk.len());
            if head != chunk {
                return false;
            }
            rest = tail;
        }
        true
    }

    /// Whether the unescaped value equals `other`, ignoring ASCII case.
    pub fn eq_ignore_ascii_case(&self, other: &[u8]) -> bool {
        if self.unescaped_len() != other.len() {
            return false;
        }
        let mut rest = other;
        for chunk in self.chunks() {
            let (head, tail) = rest.split_at(chunk.len());
            if !head.eq_ignore_ascii_case(chunk) {
                return false;
            }
            rest = tail;
        }
        true
    }

    /// Copies the unescaped value into `buf` and returns the filled part, or `None` when
    /// `buf` is shorter than [`unescaped_len`](Value::unescaped_len). For `no_std` callers
    /// without an allocator.
    pub fn unescape_into<'b>(&self, buf: &'b mut [u8]) -> Option<&'b [u8]> {
        let len = self.unescaped_len();
        let out = buf.get_mut(..len)?;
        let mut at = 0;
        for chunk in self.chunks() {
            out[at..at + chunk.len()].copy_from_slice(chunk);
            at += chunk.len();
        }
        Some(out)
    }

    /// The unescaped value, borrowed when it holds no quoted-pair, copied otherwise.
    #[cfg(feature = "alloc")]
    pub fn to_unescaped(&self) -> alloc::borrow::Cow<'a, [u8]> {
        match self.as_bytes() {
            Some(b) => alloc::borrow::Cow::Borrowed(b),
            None => {
                let mut v = alloc::vec::Vec::with_capacity(self.unescaped_len());
                for c in self.chunks() {
                    v.extend_from_slice(c);
                }
                alloc::borrow::Cow::Owned(v)
            }
        }
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = f.debug_struct("Value");
        match core::str::from_utf8(self.raw) {
            Ok(s) => t.field("raw", &s),
            Err(_) => t.field("raw", &self.raw),
        };
        t.field("escapes", &self.escapes).field("quoted", &self.quoted);
        if self.folded {
            t.field("folded", &true);
        }
        t.finish()
    }
}

/// Writes the unescaped value; bytes that are not UTF-8 (obs-text) are written as U+FFFD.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.chunks() {
            for part in chunk.utf8_chunks() {
                f.write_str(part.valid())?;
                if !part.invalid().is_empty() {
                    f.write_str("\u{FFFD}")?;
                }
            }
        }
        Ok(())
    }
}

/// Two values are equal when their unescaped bytes are equal, however they were written
/// (`abc` equals `"abc"` and `"a\bc"`).
impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.unescaped_len() != other.unescaped_len() {
            return false;
        }
        self.bytes().eq(other.bytes())
    }
}

impl Eq for Value<'_> {}

impl PartialEq<[u8]> for Value<'_> {
    fn eq(&self, other: &[u8]) -> bool {
        self.eq_bytes(other)
    }
}

impl PartialEq<str> for Value<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_bytes(other.as_bytes())
    }
}

impl PartialEq<&str> for Value<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_bytes(other.as_bytes())
    }
}

/// The unescaped chunks of a [`Value`], from [`Value::chunks`].
///
/// Each chunk is a borrowed run of the input; a quoted-pair `\x` ends one chunk and starts
/// the next at `x`. The CR LF of an obs-fold is a chunk of its own, two SPs (see
/// [`Value::quoted_folded`]).
#[derive(Clone, Debug)]
pub struct Chunks<'a> {
    rest: &'a [u8],
    escaped: bool,
    folded: bool,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        if !self.escaped && !self.folded {
            let all = self.rest;
            self.rest = &[];
            return Some(all);
        }
        if self.folded && matches!(self.rest[0], b'\r' | b'\n') {
            // An obs-fold's CR LF (RFC 9112 §5.2): two SPs, so that the length is unchanged.
            let n = if self.rest.get(1) == Some(&b'\n') { 2 } else { 1 };
            self.rest = &self.rest[n..];
            return Some(&b"  "[..n]);
        }
        // A chunk starts either at a quoted-pair's escaped byte or at plain text, and runs to
        // the next backslash (or the next CR of an obs-fold).
        let (start, search_from) = if self.rest[0] == b'\\' { (1, 2) } else { (0, 1) };
        let from = search_from.min(self.rest.len());
        let folded = self.folded;
        let end = match self.rest[from..]
            .iter()
            .position(|&b| b == b'\\' || (folded && matches!(b, b'\r' | b'\n')))
        {
            Some(i) => from + i,
            None => self.rest.len(),
        };
        let start = start.min(end);
        let chunk = &self.rest[start..end];
        self.rest = &self.rest[end..];
        Some(chunk)
    }
}

impl core::iter::FusedIterator for Chunks<'_> {}
