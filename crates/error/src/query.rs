//! The authorization-response error in a redirect query: `error`, `error_description`,
//! `error_uri`, `state`, and RFC 9207 `iss`, read lazily from
//! `application/x-www-form-urlencoded` text without allocating.

use core::fmt;

use crate::code::ErrorCode;
use signpost_syntax::{form_decode, hex_pair, Found, PercentDecode};

use crate::wire::is_nqschar;

/// Why a query could not be read as an authorization error response, or why its `iss`
/// was refused: a byte offset into the query and a message naming the rule.
///
/// ```
/// use signpost_error::AuthorizationErrorResponse;
///
/// let err = AuthorizationErrorResponse::parse("error=access_denied&state=a&state=b").unwrap_err();
/// assert_eq!(err.offset(), 28);
/// assert_eq!(err.message(), "duplicate state parameter");
/// assert_eq!(err.to_string(), "duplicate state parameter, found 's' at byte 28");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryError(signpost_syntax::Error);

impl QueryError {
    const fn at(input: &[u8], offset: usize, message: &'static str) -> QueryError {
        QueryError(signpost_syntax::Error::at(input, offset, message))
    }

    /// The byte offset of the error in the query (or in the value given to
    /// [`Encoded::parse`]).
    pub const fn offset(&self) -> usize {
        self.0.offset()
    }

    /// What was wrong, naming the parameter or the grammar element.
    pub const fn message(&self) -> &'static str {
        self.0.message()
    }

    /// What stood at the offset: a byte, or the end of the input.
    pub const fn found(&self) -> Found {
        self.0.found()
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl core::error::Error for QueryError {}

const BAD_PCT: &str = "expected two HEXDIG after '%' in form-urlencoded value";

/// A value as it stands in `application/x-www-form-urlencoded` text (RFC 6749 Appendix B),
/// still encoded: `+` stands for a space and `%XX` for the byte `XX`.
///
/// Nothing is decoded or copied while parsing. The value keeps its slice and the number of
/// `%XX` escapes, so [`decoded_len`](Encoded::decoded_len) is O(1), a value with nothing to
/// decode is a plain borrow ([`as_str`](Encoded::as_str)), comparisons
/// ([`eq_str`](Encoded::eq_str), `==`) decode on the fly, and decoding goes into a caller's
/// buffer ([`decode_into`](Encoded::decode_into)), through an iterator
/// ([`bytes`](Encoded::bytes)), or (with `alloc`) into a `Cow`
/// ([`to_decoded`](Encoded::to_decoded)).
///
/// ```
/// use signpost_error::Encoded;
///
/// let v = Encoded::parse("https%3A%2F%2Fas.example.com%2F+x")?;
/// assert_eq!(v.decoded_len(), 25);
/// assert!(v == "https://as.example.com/ x");
/// assert!(v.as_str().is_none()); // encoded: not a plain borrow
/// let mut buf = [0u8; 32];
/// assert_eq!(v.decode_into(&mut buf), Some(&b"https://as.example.com/ x"[..]));
/// assert_eq!(v.to_string(), "https://as.example.com/ x");
/// # Ok::<(), signpost_error::QueryError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Encoded<'a> {
    raw: &'a str,
    /// The number of `%XX` escapes.
    escapes: usize,
    /// Whether the raw text holds a `+` or a `%` (anything to decode).
    encoded: bool,
}

impl<'a> Encoded<'a> {
    /// Reads a form-urlencoded value, checking its percent-encoding.
    ///
    /// ```text
    /// value = *( %x00-24 / %x26-FF / "%" HEXDIG HEXDIG )   ; "+" decodes to SP
    /// ```
    ///
    /// Any byte other than `%` stands for itself (the caller has split on `&` and `=`); a
    /// `%` not followed by two hex digits is an error (WHATWG's decoder would keep it as
    /// it is, see the crate's implementation notes).
    pub fn parse(raw: &'a str) -> Result<Encoded<'a>, QueryError> {
        let b = raw.as_bytes();
        let mut escapes = 0;
        let mut encoded = false;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'%' => {
                    // pct-encoded = "%" HEXDIG HEXDIG (RFC 3986 §2.1)
                    let ok =
                        matches!(b.get(i + 1..i + 3), Some(&[h, l]) if hex_pair(h, l).is_some());
                    if !ok {
                        return Err(QueryError::at(b, i, BAD_PCT));
                    }
                    escapes += 1;
                    encoded = true;
                    i += 3;
                }
                b'+' => {
                    encoded = true;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        Ok(Encoded { raw, escapes, encoded })
    }

    /// The value as it stands in the input, still encoded.
    pub const fn as_raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the value holds a `+` or a `%XX` (anything to decode).
    pub const fn is_encoded(&self) -> bool {
        self.encoded
    }

    /// The length of the decoded value in bytes, in O(1).
    pub const fn decoded_len(&self) -> usize {
        self.raw.len() - 2 * self.escapes
    }

    /// Whether the decoded value is empty.
    pub const fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The value, borrowed, when there is nothing to decode.
    pub const fn as_str(&self) -> Option<&'a str> {
        if self.encoded {
            None
        } else {
            Some(self.raw)
        }
    }

    /// The decoded bytes, one by one, without allocating.
    pub fn bytes(&self) -> DecodedBytes<'a> {
        DecodedBytes { inner: form_decode(self.raw.as_bytes()), left: self.decoded_len() }
    }

    /// Whether the decoded value equals `other`, byte for byte.
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        if self.decoded_len() != other.len() {
            return false;
        }
        if !self.encoded {
            return self.raw.as_bytes() == other;
        }
        self.bytes().eq(other.iter().copied())
    }

    /// Whether the decoded value equals `other` (simple string comparison, as RFC 9207 §2.4
    /// asks for `iss`).
    pub fn eq_str(&self, other: &str) -> bool {
        self.eq_bytes(other.as_bytes())
    }

    /// Decodes into `buf` and returns the filled part, or `None` when `buf` is shorter than
    /// [`decoded_len`](Encoded::decoded_len). For callers without an allocator.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Option<&'b [u8]> {
        let out = buf.get_mut(..self.decoded_len())?;
        for (slot, b) in out.iter_mut().zip(self.bytes()) {
            *slot = b;
        }
        Some(out)
    }

    /// The decoded bytes, borrowed when there is nothing to decode.
    #[cfg(feature = "alloc")]
    pub fn to_decoded_bytes(&self) -> alloc::borrow::Cow<'a, [u8]> {
        if self.encoded {
            alloc::borrow::Cow::Owned(self.bytes().collect())
        } else {
            alloc::borrow::Cow::Borrowed(self.raw.as_bytes())
        }
    }

    /// The decoded text, borrowed when there is nothing to decode; bytes that are not UTF-8
    /// become U+FFFD, as in WHATWG's `application/x-www-form-urlencoded` parser.
    #[cfg(feature = "alloc")]
    pub fn to_decoded(&self) -> alloc::borrow::Cow<'a, str> {
        use alloc::borrow::Cow;
        if !self.encoded {
            return Cow::Borrowed(self.raw);
        }
        let bytes: alloc::vec::Vec<u8> = self.bytes().collect();
        match alloc::string::String::from_utf8(bytes) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(alloc::string::String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }
}

impl fmt::Debug for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Encoded").field(&self.raw).finish()
    }
}

/// Writes the decoded value; bytes that are not UTF-8 are written as U+FFFD.
impl fmt::Display for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.as_str() {
            return f.write_str(s);
        }
        // Decode through a small buffer, carrying an incomplete UTF-8 sequence over.
        let mut buf = [0u8; 64];
        let mut len = 0;
        let mut bytes = self.bytes();
        loop {
            let next = bytes.next();
            if let Some(b) = next {
                buf[len] = b;
                len += 1;
                if len < buf.len() {
                    continue;
                }
            }
            let done = next.is_none();
            let mut start = 0;
            loop {
                match core::str::from_utf8(&buf[start..len]) {
                    Ok(s) => {
                        f.write_str(s)?;
                        len = 0;
                        break;
                    }
                    Err(e) => {
                        let valid = start + e.valid_up_to();
                        // `..valid` was just found to be UTF-8.
                        f.write_str(core::str::from_utf8(&buf[start..valid]).unwrap_or(""))?;
                        match e.error_len() {
                            Some(n) => {
                                f.write_str("\u{FFFD}")?;
                                start = valid + n;
                            }
                            None if done => {
                                f.write_str("\u{FFFD}")?;
                                len = 0;
                                break;
                            }
                            None => {
                                // Carry the incomplete sequence (at most 3 bytes) over.
                                buf.copy_within(valid..len, 0);
                                len -= valid;
                                break;
                            }
                        }
                    }
                }
            }
            if done {
                return Ok(());
            }
        }
    }
}

impl PartialEq for Encoded<'_> {
    /// Equal when the decoded bytes are equal, however they were encoded.
    fn eq(&self, other: &Self) -> bool {
        self.decoded_len() == other.decoded_len() && self.bytes().eq(other.bytes())
    }
}

impl Eq for Encoded<'_> {}

impl PartialEq<str> for Encoded<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for Encoded<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

/// The decoded bytes of an [`Encoded`] value, from [`Encoded::bytes`]: the one
/// `application/x-www-form-urlencoded` decoder of `signpost_syntax` ([`form_decode`]), over
/// a value whose escapes were checked.
#[derive(Clone, Debug)]
pub struct DecodedBytes<'a> {
    inner: PercentDecode<'a>,
    left: usize,
}

impl Iterator for DecodedBytes<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let b = self.inner.next()?;
        self.left = self.left.saturating_sub(1);
        Some(b)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for DecodedBytes<'_> {}

impl core::iter::FusedIterator for DecodedBytes<'_> {}

/// An error in an authorization response, read from the query (or fragment, or form-post
/// body) at the client's redirect URI: `error`, `error_description`, `error_uri`, `state`
/// (RFC 6749 §4.1.2.1, §4.2.2.1) and `iss` (RFC 9207 §2).
///
/// Values stay encoded ([`Encoded`]); nothing is allocated. A client checks `state` and
/// `iss` before it trusts anything else:
///
/// ```
/// use signpost_error::{AuthorizationErrorResponse, ErrorCode, Remedy, UsageLocation};
///
/// // RFC 9207 §2.
/// let query = "error=access_denied&state=N8zQm5g7xX&iss=https%3A%2F%2Fhonest.as.example";
/// let response = AuthorizationErrorResponse::parse(query)?.expect("an error response");
/// response.check_issuer("https://honest.as.example")?;
/// assert!(response.state_is("N8zQm5g7xX"));
/// assert_eq!(response.code(), Some(ErrorCode::ACCESS_DENIED));
/// let entry = ErrorCode::ACCESS_DENIED.at(UsageLocation::AuthorizationEndpoint).unwrap();
/// assert_eq!(entry.remedy(), Remedy::GiveUp);
///
/// // A mix-up attack: the response claims another issuer.
/// let err = response.check_issuer("https://attacker.example").unwrap_err();
/// assert_eq!(err.message(), "iss does not match the expected issuer");
///
/// // A success response is not an error response.
/// assert!(AuthorizationErrorResponse::parse("code=SplxlOBeZQQYbYS6WxSbIA&state=xyz")?.is_none());
/// # Ok::<(), signpost_error::QueryError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthorizationErrorResponse<'a> {
    error: Encoded<'a>,
    description: Option<Encoded<'a>>,
    uri: Option<Encoded<'a>>,
    state: Option<Encoded<'a>>,
    iss: Option<(Encoded<'a>, usize)>,
    /// The length of the query, for errors about a missing parameter.
    end: usize,
}

/// The parameters this type reads.
#[derive(Clone, Copy)]
enum Param {
    Error,
    Description,
    Uri,
    State,
    Iss,
}

impl Param {
    const ALL: [(Param, &'static str, &'static str); 5] = [
        (Param::Error, "error", "duplicate error parameter"),
        (Param::Description, "error_description", "duplicate error_description parameter"),
        (Param::Uri, "error_uri", "duplicate error_uri parameter"),
        (Param::State, "state", "duplicate state parameter"),
        (Param::Iss, "iss", "duplicate iss parameter"),
    ];

    fn of(name: &str) -> Option<(Param, &'static str)> {
        let mut b = [0u8; 17];
        let name = match Encoded::parse(name) {
            Ok(n) => n,
            // A name with broken percent-encoding is no name this type knows.
            Err(_) => return None,
        };
        let decoded = match name.as_str() {
            Some(s) => s.as_bytes(),
            None => name.decode_into(&mut b)?,
        };
        Param::ALL.iter().find(|(_, n, _)| n.as_bytes() == decoded).map(|&(p, _, d)| (p, d))
    }
}

impl<'a> AuthorizationErrorResponse<'a> {
    /// Reads the error parameters of an authorization response from its query, fragment or
    /// form-post body (without the leading `?` or `#`; one is skipped if present).
    ///
    /// ```text
    /// ; application/x-www-form-urlencoded (WHATWG URL §5.1), RFC 6749 Appendix B
    /// query = [ pair *( "&" pair ) ]
    /// pair  = name [ "=" value ]               ; empty pairs are skipped
    /// error = 1*NQSCHAR                        ; RFC 6749 Appendix A.7, after decoding
    /// ```
    ///
    /// Returns `Ok(None)` when there is no `error` parameter (a success response). Errors:
    /// a parameter of this type given twice (RFC 6749 §3.1: "Request and response
    /// parameters MUST NOT be included more than once"), a bad `%XX` in one of their values,
    /// and an `error` that is empty or not `NQSCHAR` once decoded. Unknown parameters are
    /// ignored; `error_description`, `error_uri`, `state` and `iss` are not checked beyond
    /// their encoding (a client should still read an error whose description holds a `"`),
    /// except that none of the five may hold CR, LF or NUL, as a byte or escaped (`%0D`,
    /// `%0A`, `%00`): RFC 6749 Appendix A excludes them from every one, and a value handed
    /// on with them could forge a line wherever it is written next.
    pub fn parse(query: &'a str) -> Result<Option<AuthorizationErrorResponse<'a>>, QueryError> {
        let bytes = query.as_bytes();
        let mut pos = match bytes.first() {
            Some(b'?') | Some(b'#') => 1,
            _ => 0,
        };
        let mut slots: [Option<(Encoded<'a>, usize)>; 5] = [None; 5];
        while pos <= bytes.len() {
            let end = bytes[pos..].iter().position(|&b| b == b'&').map_or(bytes.len(), |i| pos + i);
            // `&` is ASCII, so `pos` and `end` are char boundaries.
            let pair = &query[pos..end];
            if !pair.is_empty() {
                let (name, value, value_at) = match pair.find('=') {
                    Some(eq) => (&pair[..eq], &pair[eq + 1..], pos + eq + 1),
                    None => (pair, "", end),
                };
                if let Some((param, duplicate)) = Param::of(name) {
                    let slot = &mut slots[param as usize];
                    if slot.is_some() {
                        return Err(QueryError::at(bytes, pos, duplicate));
                    }
                    let value =
                        Encoded::parse(value).map_err(|e| QueryError(e.0.shifted(value_at)))?;
                    // `error` has its own, narrower check (NQSCHAR) below.
                    let checked = !matches!(param, Param::Error);
                    if let Some(at) = cr_lf_nul_at(value.as_raw()).filter(|_| checked) {
                        return Err(QueryError::at(bytes, value_at + at, CR_LF_NUL));
                    }
                    *slot = Some((value, value_at));
                }
            }
            pos = end + 1;
        }
        let (error, error_at) = match slots[Param::Error as usize] {
            Some(e) => e,
            None => return Ok(None),
        };
        check_error_value(bytes, error, error_at)?;
        Ok(Some(AuthorizationErrorResponse {
            error,
            description: slots[Param::Description as usize].map(|s| s.0),
            uri: slots[Param::Uri as usize].map(|s| s.0),
            state: slots[Param::State as usize].map(|s| s.0),
            iss: slots[Param::Iss as usize],
            end: bytes.len(),
        }))
    }

    /// The `error` value, still encoded.
    pub const fn error(&self) -> Encoded<'a> {
        self.error
    }

    /// The error code. `None` only for an extension code that was percent-encoded or held
    /// a `+` (it cannot be borrowed from the query): decode it with
    /// [`Encoded::decode_into`] and [`ErrorCode::parse`] the result. Registered codes are
    /// always found, however they were encoded.
    pub fn code(&self) -> Option<ErrorCode<'a>> {
        if let Some(s) = self.error.as_str() {
            return Some(ErrorCode::lookup(s));
        }
        let mut buf = [0u8; 40];
        let decoded = self.error.decode_into(&mut buf)?;
        let s = core::str::from_utf8(decoded).ok()?;
        ErrorCode::lookup(s).registered_index().map(|i| crate::code::REGISTERED[i])
    }

    /// The `error_description`, still encoded.
    pub const fn description(&self) -> Option<Encoded<'a>> {
        self.description
    }

    /// The `error_uri`, still encoded.
    pub const fn uri(&self) -> Option<Encoded<'a>> {
        self.uri
    }

    /// The `state`, still encoded.
    pub const fn state(&self) -> Option<Encoded<'a>> {
        self.state
    }

    /// Whether `state` is present and decodes to exactly `expected`.
    pub fn state_is(&self, expected: &str) -> bool {
        self.state.is_some_and(|s| s.eq_str(expected))
    }

    /// The `iss` (RFC 9207), still encoded.
    pub fn iss(&self) -> Option<Encoded<'a>> {
        self.iss.map(|(v, _)| v)
    }

    /// Checks `iss` against the issuer the authorization request was sent to: it must be
    /// present and decode to exactly `expected` (simple string comparison, RFC 9207 §2.4).
    /// Use this when the authorization server's metadata says
    /// `authorization_response_iss_parameter_supported: true`.
    pub fn check_issuer(&self, expected: &str) -> Result<(), QueryError> {
        match self.iss {
            None => Err(QueryError(signpost_syntax::Error::from_parts(
                self.end,
                "missing iss parameter",
                Found::End,
            ))),
            Some((v, at)) => compare_iss(v, at, expected),
        }
    }

    /// Checks `iss` against `expected` when it is present (RFC 9207 §2.4: a client MUST
    /// compare it when present); an absent `iss` passes.
    pub fn check_issuer_if_present(&self, expected: &str) -> Result<(), QueryError> {
        match self.iss {
            None => Ok(()),
            Some((v, at)) => compare_iss(v, at, expected),
        }
    }
}

fn compare_iss(v: Encoded<'_>, at: usize, expected: &str) -> Result<(), QueryError> {
    if v.eq_str(expected) {
        Ok(())
    } else {
        Err(QueryError(signpost_syntax::Error::from_parts(
            at,
            "iss does not match the expected issuer",
            Found::at(v.raw.as_bytes(), 0),
        )))
    }
}

/// `error = 1*NQSCHAR` over the decoded bytes; offsets point at the raw byte (or the `%`
/// of the escape) that decodes to the offending byte.
fn check_error_value(query: &[u8], error: Encoded<'_>, at: usize) -> Result<(), QueryError> {
    if error.is_empty() {
        return Err(QueryError::at(query, at, "expected at least one NQSCHAR in error"));
    }
    let raw = error.raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let (b, width) = match raw[i] {
            b'+' => (b' ', 1),
            b'%' => {
                // `Encoded::parse` checked the escape.
                let pair = raw.get(i + 1..i + 3).unwrap_or_default();
                (pair.first().zip(pair.get(1)).and_then(|(&h, &l)| hex_pair(h, l)).unwrap_or(0), 3)
            }
            b => (b, 1),
        };
        if !is_nqschar(b) {
            return Err(QueryError::at(query, at + i, "expected NQSCHAR in error"));
        }
        i += width;
    }
    Ok(())
}

/// The message for a CR, LF or NUL in a value of an authorization error response.
const CR_LF_NUL: &str = "CR, LF or NUL in a parameter value (RFC 6749 Appendix A)";

/// The offset of the first CR, LF or NUL in a form-urlencoded value, as a byte or as a
/// `%0D`, `%0A` or `%00` escape (the value's escapes were checked).
fn cr_lf_nul_at(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' | b'\n' | 0 => return Some(i),
            b'%' => {
                if b.get(i + 1) == Some(&b'0')
                    && matches!(b.get(i + 2), Some(b'0' | b'a' | b'A' | b'd' | b'D'))
                {
                    return Some(i);
                }
                i += 3;
            }
            _ => i += 1,
        }
    }
    None
}
