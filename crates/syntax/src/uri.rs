//! RFC 3986 character classes and percent-encoding, and the `application/x-www-form-urlencoded`
//! codec: one implementation that every signpost crate asks.

use core::fmt;
use core::iter::FusedIterator;

/// A set of ASCII bytes, built in a `const` (like percent-encoding's `AsciiSet`).
///
/// The RFC 3986 character classes are associated constants, each built from the rules of
/// RFC 3986 Appendix A; a crate that needs a combined class table for a hot loop builds it
/// at compile time from these sets with [`AsciiSet::contains`], so the rule is written once.
/// A non-ASCII byte is never in a set.
///
/// Here a set says which bytes a component may hold as they are: [`percent_encode`] writes
/// every other byte as `%XX` (where percent-encoding's sets name the bytes to encode).
///
/// ```
/// use signpost_syntax::AsciiSet;
///
/// assert!(AsciiSet::UNRESERVED.contains(b'~'));
/// assert!(!AsciiSet::UNRESERVED.contains(b'+'));
/// assert!(AsciiSet::PCHAR.contains(b'@') && !AsciiSet::PCHAR.contains(b'/'));
/// const TOKEN_DIGITS: AsciiSet = AsciiSet::DIGIT.add(b'.');
/// assert!(TOKEN_DIGITS.contains(b'.'));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AsciiSet {
    bits: [u32; 4],
}

impl AsciiSet {
    /// No byte.
    pub const EMPTY: AsciiSet = AsciiSet { bits: [0; 4] };

    /// `ALPHA = %x41-5A / %x61-7A` (RFC 5234 Appendix B.1).
    pub const ALPHA: AsciiSet = AsciiSet::EMPTY.add_range(b'A', b'Z').add_range(b'a', b'z');
    /// `DIGIT = %x30-39` (RFC 5234 Appendix B.1).
    pub const DIGIT: AsciiSet = AsciiSet::EMPTY.add_range(b'0', b'9');
    /// `HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"`, case-insensitive as ABNF strings
    /// are (RFC 5234 §2.3, RFC 3986 §2.1).
    pub const HEXDIG: AsciiSet = AsciiSet::DIGIT.add_range(b'A', b'F').add_range(b'a', b'f');
    /// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"` (RFC 3986 §2.3).
    pub const UNRESERVED: AsciiSet = AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"-._~");
    /// `gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@"` (RFC 3986 §2.2).
    pub const GEN_DELIMS: AsciiSet = AsciiSet::EMPTY.add_all(b":/?#[]@");
    /// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`
    /// (RFC 3986 §2.2).
    pub const SUB_DELIMS: AsciiSet = AsciiSet::EMPTY.add_all(b"!$&'()*+,;=");
    /// `reserved = gen-delims / sub-delims` (RFC 3986 §2.2).
    pub const RESERVED: AsciiSet = AsciiSet::GEN_DELIMS.union(AsciiSet::SUB_DELIMS);
    /// The characters of a `URI-reference` outside `pct-encoded`: `unreserved / reserved`
    /// (RFC 3986 §2; `%` only starts a `pct-encoded` triple).
    pub const URI_REFERENCE: AsciiSet = AsciiSet::UNRESERVED.union(AsciiSet::RESERVED);
    /// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`: the characters after the
    /// first (RFC 3986 §3.1).
    pub const SCHEME: AsciiSet = AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"+-.");
    /// `userinfo = *( unreserved / pct-encoded / sub-delims / ":" )`, outside `pct-encoded`
    /// (RFC 3986 §3.2.1).
    pub const USERINFO: AsciiSet = AsciiSet::UNRESERVED.union(AsciiSet::SUB_DELIMS).add(b':');
    /// `reg-name = *( unreserved / pct-encoded / sub-delims )`, outside `pct-encoded`
    /// (RFC 3986 §3.2.2).
    pub const REG_NAME: AsciiSet = AsciiSet::UNRESERVED.union(AsciiSet::SUB_DELIMS);
    /// `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"`, outside `pct-encoded`
    /// (RFC 3986 §3.3).
    pub const PCHAR: AsciiSet = AsciiSet::REG_NAME.add(b':').add(b'@');
    /// `segment-nz-nc = 1*( unreserved / pct-encoded / sub-delims / "@" )`, outside
    /// `pct-encoded` (RFC 3986 §3.3).
    pub const SEGMENT_NZ_NC: AsciiSet = AsciiSet::REG_NAME.add(b'@');
    /// `query = *( pchar / "/" / "?" )`, outside `pct-encoded` (RFC 3986 §3.4).
    pub const QUERY: AsciiSet = AsciiSet::PCHAR.add(b'/').add(b'?');
    /// `fragment = *( pchar / "/" / "?" )`, outside `pct-encoded` (RFC 3986 §3.5).
    pub const FRAGMENT: AsciiSet = AsciiSet::QUERY;

    /// `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" /
    /// "`" / "|" / "~" / DIGIT / ALPHA` (RFC 9110 §5.6.2): the characters of a `token`.
    pub const TCHAR: AsciiSet = AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"!#$%&'*+-.^_`|~");
    /// The ASCII part of `qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text`
    /// (RFC 9110 §5.6.4): what a quoted string holds unescaped, `obs-text` (%x80-FF, not
    /// ASCII) aside.
    pub const QDTEXT: AsciiSet =
        AsciiSet::EMPTY.add(b'\t').add(b' ').add(0x21).add_range(0x23, 0x5B).add_range(0x5D, 0x7E);

    /// The set with `byte` added (a non-ASCII byte is ignored: it is never in a set).
    #[must_use]
    pub const fn add(self, byte: u8) -> AsciiSet {
        let mut bits = self.bits;
        if byte < 0x80 {
            bits[(byte >> 5) as usize] |= 1 << (byte & 31);
        }
        AsciiSet { bits }
    }

    /// The set with every byte of `bytes` added.
    #[must_use]
    pub const fn add_all(self, bytes: &[u8]) -> AsciiSet {
        let mut set = self;
        let mut i = 0;
        while i < bytes.len() {
            set = set.add(bytes[i]);
            i += 1;
        }
        set
    }

    /// The set with the bytes `first..=last` added.
    #[must_use]
    pub const fn add_range(self, first: u8, last: u8) -> AsciiSet {
        let mut set = self;
        let mut b = first as u32;
        while b <= last as u32 {
            set = set.add(b as u8);
            b += 1;
        }
        set
    }

    /// The set without `byte`.
    #[must_use]
    pub const fn remove(self, byte: u8) -> AsciiSet {
        let mut bits = self.bits;
        if byte < 0x80 {
            bits[(byte >> 5) as usize] &= !(1 << (byte & 31));
        }
        AsciiSet { bits }
    }

    /// The bytes in either set.
    #[must_use]
    pub const fn union(self, other: AsciiSet) -> AsciiSet {
        let (a, b) = (self.bits, other.bits);
        AsciiSet { bits: [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]] }
    }

    /// Whether `byte` is in the set.
    #[inline]
    pub const fn contains(&self, byte: u8) -> bool {
        byte < 0x80 && self.bits[(byte >> 5) as usize] & (1 << (byte & 31)) != 0
    }
}

/// The value of two hex digits, `None` when either is not a `HEXDIG`:
/// `pct-encoded = "%" HEXDIG HEXDIG` (RFC 3986 §2.1) without its `%`.
///
/// ```
/// assert_eq!(signpost_syntax::hex_pair(b'2', b'F'), Some(0x2f));
/// assert_eq!(signpost_syntax::hex_pair(b'e', b'9'), Some(0xe9));
/// assert_eq!(signpost_syntax::hex_pair(b'g', b'0'), None);
/// ```
#[inline]
pub const fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let (h, l) = (HEX_VALUE[high as usize], HEX_VALUE[low as usize]);
    // One test for both: a value of 16 or more marks a byte that is not a HEXDIG.
    if h | l < 16 {
        Some(h << 4 | l)
    } else {
        None
    }
}

/// The value of each byte as a `HEXDIG`, `0xFF` for the others.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            c @ b'A'..=b'F' => c - b'A' + 10,
            _ => 0xFF,
        };
        b += 1;
    }
    t
};

/// The offset of the first `%` in `input` that does not start a
/// `pct-encoded = "%" HEXDIG HEXDIG` triple (RFC 3986 §2.1), or `None` when every `%` does.
///
/// This is the check of the strict readers: a value that passes has exactly one decoding.
///
/// ```
/// assert_eq!(signpost_syntax::invalid_pct_encoded(b"a%20b%2F"), None);
/// assert_eq!(signpost_syntax::invalid_pct_encoded(b"100%"), Some(3));
/// assert_eq!(signpost_syntax::invalid_pct_encoded(b"%2g"), Some(0));
/// ```
pub fn invalid_pct_encoded(input: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(at) = input.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'%')) {
        let p = i + at;
        match input.get(p + 1..p + 3) {
            Some(&[h, l]) if hex_pair(h, l).is_some() => i = p + 3,
            _ => return Some(p),
        }
    }
    None
}

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Writes one byte outside the kept set: `%XX` (uppercase hex, as RFC 3986 §2.1
/// recommends), or `+` for a space in a form.
#[inline]
fn escape<W: fmt::Write + ?Sized>(w: &mut W, b: u8, form: bool) -> fmt::Result {
    if form && b == b' ' {
        return w.write_char('+');
    }
    w.write_char('%')?;
    w.write_char(char::from(UPPER_HEX[usize::from(b >> 4)]))?;
    w.write_char(char::from(UPPER_HEX[usize::from(b & 0xF)]))
}

/// Writes `input`, every byte outside `keep` escaped, in runs: one `write_str` per run of
/// kept bytes. `text` is `input` as a `&str` when the caller had one: a run is then a slice
/// of it (kept bytes are ASCII, so a run starts and ends on char boundaries), with no UTF-8
/// check.
fn encode_to<W: fmt::Write + ?Sized>(
    w: &mut W,
    input: &[u8],
    text: Option<&str>,
    keep: &AsciiSet,
    form: bool,
) -> fmt::Result {
    let mut start = 0;
    while let Some(rest) = input.get(start..) {
        let run = rest.iter().position(|&b| !keep.contains(b)).unwrap_or(rest.len());
        if run > 0 {
            let plain = match text {
                Some(t) => t.get(start..start + run),
                None => rest.get(..run).and_then(|p| core::str::from_utf8(p).ok()),
            };
            w.write_str(plain.ok_or(fmt::Error)?)?;
        }
        let Some(&b) = rest.get(run) else { return Ok(()) };
        escape(w, b, form)?;
        start += run + 1;
    }
    Ok(())
}

/// [`percent_encode`] for bytes that come one at a time (from a decoder, say), written into
/// `w`.
///
/// ```
/// use signpost_syntax::{percent_decode, write_percent_encoded, AsciiSet};
///
/// let mut out = String::new();
/// write_percent_encoded(&mut out, percent_decode(b"a%2Fb c"), &AsciiSet::UNRESERVED)?;
/// assert_eq!(out, "a%2Fb%20c");
/// # Ok::<(), core::fmt::Error>(())
/// ```
///
/// # Errors
///
/// The writer failed.
pub fn write_percent_encoded<W, I>(w: &mut W, bytes: I, keep: &AsciiSet) -> fmt::Result
where
    W: fmt::Write + ?Sized,
    I: IntoIterator<Item = u8>,
{
    for b in bytes {
        if keep.contains(b) {
            w.write_char(char::from(b))?;
        } else {
            escape(w, b, false)?;
        }
    }
    Ok(())
}

/// [`form_encode`] for bytes (that come one at a time, or are not text), written into `w`.
///
/// ```
/// let mut out = String::new();
/// signpost_syntax::write_form_encoded(&mut out, "a b&c".bytes())?;
/// assert_eq!(out, "a+b%26c");
/// # Ok::<(), core::fmt::Error>(())
/// ```
///
/// # Errors
///
/// The writer failed.
pub fn write_form_encoded<W, I>(w: &mut W, bytes: I) -> fmt::Result
where
    W: fmt::Write + ?Sized,
    I: IntoIterator<Item = u8>,
{
    for b in bytes {
        if AsciiSet::UNRESERVED.contains(b) {
            w.write_char(char::from(b))?;
        } else {
            escape(w, b, true)?;
        }
    }
    Ok(())
}

/// `input` percent-encoded (RFC 3986 §2.1): the bytes of `keep` as they are, every other
/// byte as `%XX` with uppercase hex digits. Written through `Display`, without allocating.
///
/// ```
/// use signpost_syntax::{percent_encode, AsciiSet};
///
/// let seg = percent_encode(b"files/a b", &AsciiSet::PCHAR);
/// assert_eq!(seg.to_string(), "files%2Fa%20b");
/// assert_eq!(percent_encode(&[0xc3, 0xa9], &AsciiSet::UNRESERVED).to_string(), "%C3%A9");
/// ```
pub fn percent_encode<'a>(input: &'a [u8], keep: &'a AsciiSet) -> PercentEncode<'a> {
    PercentEncode { input, text: None, keep, form: false }
}

/// [`percent_encode`] for text: the same output, written a little faster (the runs of kept
/// bytes are slices of `input`).
///
/// ```
/// use signpost_syntax::{utf8_percent_encode, AsciiSet};
///
/// assert_eq!(utf8_percent_encode("café au lait", &AsciiSet::UNRESERVED).to_string(), "caf%C3%A9%20au%20lait");
/// ```
pub fn utf8_percent_encode<'a>(input: &'a str, keep: &'a AsciiSet) -> PercentEncode<'a> {
    PercentEncode { input: input.as_bytes(), text: Some(input), keep, form: false }
}

/// `input` encoded for `application/x-www-form-urlencoded` text (the serializer of the
/// WHATWG URL Standard §5.2, which RFC 6749 Appendix B follows): space as `+`, RFC 3986
/// `unreserved` bytes as they are, every other byte as `%XX` (uppercase). Bytes that are
/// not text go through [`write_form_encoded`].
///
/// WHATWG's serializer keeps `*` and encodes `~`; this one keeps `unreserved` (so `~` stays
/// and `*` is encoded): every form parser decodes both the same way.
///
/// ```
/// let v = signpost_syntax::form_encode("Missing x & y = 100%");
/// assert_eq!(v.to_string(), "Missing+x+%26+y+%3D+100%25");
/// ```
pub fn form_encode(input: &str) -> PercentEncode<'_> {
    PercentEncode {
        input: input.as_bytes(),
        text: Some(input),
        keep: &AsciiSet::UNRESERVED,
        form: true,
    }
}

/// Percent-encoded text, from [`percent_encode`] or [`form_encode`]; written through
/// `Display` (into a `String`, a `heapless::String`, a formatter).
#[derive(Clone, Copy, Debug)]
pub struct PercentEncode<'a> {
    input: &'a [u8],
    text: Option<&'a str>,
    keep: &'a AsciiSet,
    form: bool,
}

impl PercentEncode<'_> {
    /// Writes the encoded text into `w`.
    ///
    /// # Errors
    ///
    /// The writer failed.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        encode_to(w, self.input, self.text, self.keep, self.form)
    }
}

impl fmt::Display for PercentEncode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// The bytes of percent-encoded `input` (RFC 3986 §2.1), decoded one at a time without
/// allocating: `%XX` is the byte `XX`; a `%` that does not start a `pct-encoded` triple is
/// kept as it is (as the WHATWG URL Standard's percent-decode does). Strict readers refuse
/// such a `%` first, with [`invalid_pct_encoded`].
///
/// ```
/// let bytes: Vec<u8> = signpost_syntax::percent_decode(b"a%20b+c%zz").collect();
/// assert_eq!(bytes, b"a b+c%zz");
/// ```
pub fn percent_decode(input: &[u8]) -> PercentDecode<'_> {
    PercentDecode { rest: input, form: false }
}

/// The bytes of `application/x-www-form-urlencoded` `input` (WHATWG URL Standard §5.1,
/// RFC 6749 Appendix B), decoded one at a time: `+` is a space, `%XX` the byte `XX`, and a
/// `%` that does not start a triple is kept, as for [`percent_decode`].
///
/// ```
/// let bytes: Vec<u8> = signpost_syntax::form_decode(b"Missing+x+%26+y").collect();
/// assert_eq!(bytes, b"Missing x & y");
/// ```
pub fn form_decode(input: &[u8]) -> PercentDecode<'_> {
    PercentDecode { rest: input, form: true }
}

/// The decoded bytes of [`percent_decode`] or [`form_decode`].
#[derive(Clone, Debug)]
pub struct PercentDecode<'a> {
    rest: &'a [u8],
    form: bool,
}

impl Iterator for PercentDecode<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.rest.split_first()?;
        self.rest = rest;
        match b {
            b'+' if self.form => Some(b' '),
            b'%' => match *rest {
                [h, l, ref tail @ ..] => match hex_pair(h, l) {
                    Some(v) => {
                        self.rest = tail;
                        Some(v)
                    }
                    None => Some(b'%'),
                },
                _ => Some(b'%'),
            },
            _ => Some(b),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.len();
        (n.div_ceil(3), Some(n))
    }
}

impl FusedIterator for PercentDecode<'_> {}
