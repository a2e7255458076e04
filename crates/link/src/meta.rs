//! OAuth response metadata (draft-sakimura-oauth-meta): `turi`, `ruri`, `duri`, `auri` from
//! a token response's `Link` field or from the query of an authorization response.

use core::fmt;

use signpost_syntax::{form_decode, invalid_pct_encoded, write_form_encoded, Error, WriteError};

use crate::ext::write_utf8_lossy;
use crate::links::Links;
use crate::rel::Rel;
use crate::write::LinkWriter;

/// A borrowed URI that may still be percent-encoded, decoded lazily.
///
/// A value from a `Link` target is verbatim: the URI as sent, whose `%XX` triples belong to
/// the URI. A value from a query string is `application/x-www-form-urlencoded` (RFC 6749
/// Appendix B): `%XX` stands for a byte and `+` for a space, and decoding it once gives the
/// URI.
///
/// ```
/// use signpost_link::EncodedValue;
///
/// let v = EncodedValue::form_urlencoded(b"https%3A%2F%2Fexample.com%2Ftoken");
/// assert!(v.as_bytes().is_none()); // something to decode
/// assert_eq!(v.decoded_len(), 25);
/// assert!(v.eq_bytes(b"https://example.com/token"));
/// let mut buf = [0u8; 64];
/// assert_eq!(v.decode_into(&mut buf), Some(&b"https://example.com/token"[..]));
/// assert_eq!(v.to_string(), "https://example.com/token");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EncodedValue<'a> {
    raw: &'a [u8],
    form: bool,
}

impl<'a> EncodedValue<'a> {
    /// A value taken as it is (a `Link` target, a discovery document's string).
    pub const fn verbatim(raw: &'a [u8]) -> EncodedValue<'a> {
        EncodedValue { raw, form: false }
    }

    /// A value of a query string, `application/x-www-form-urlencoded`.
    pub const fn form_urlencoded(raw: &'a [u8]) -> EncodedValue<'a> {
        EncodedValue { raw, form: true }
    }

    /// The value as it stands in the input.
    pub const fn as_raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the value is form-urlencoded.
    pub const fn is_form_urlencoded(&self) -> bool {
        self.form
    }

    /// The decoded value, borrowed, when decoding changes nothing.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.form && self.raw.iter().any(|&b| b == b'%' || b == b'+') {
            None
        } else {
            Some(self.raw)
        }
    }

    /// The decoded value as text, borrowed, when decoding changes nothing and it is UTF-8.
    pub fn as_str(&self) -> Option<&'a str> {
        self.as_bytes().and_then(|b| core::str::from_utf8(b).ok())
    }

    /// The decoded bytes, one at a time, with no allocation (the one
    /// `application/x-www-form-urlencoded` decoder, `signpost_syntax::form_decode`). A `%`
    /// not followed by two hex digits stands for itself; [`ResponseMetadata::from_query`]
    /// refuses such a value.
    pub fn decode(&self) -> FormDecode<'a> {
        FormDecode {
            inner: if self.form {
                Inner::Form(form_decode(self.raw))
            } else {
                Inner::Verbatim(self.raw.iter())
            },
        }
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

    /// Whether the decoded value equals `other`, byte for byte.
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        self.decode().eq(other.iter().copied())
    }

    /// The decoded value, borrowed when decoding changes nothing.
    #[cfg(feature = "alloc")]
    pub fn to_decoded(&self) -> alloc::borrow::Cow<'a, [u8]> {
        match self.as_bytes() {
            Some(b) => alloc::borrow::Cow::Borrowed(b),
            None => alloc::borrow::Cow::Owned(self.decode().collect()),
        }
    }
}

impl fmt::Debug for EncodedValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodedValue")
            .field("raw", &core::str::from_utf8(self.raw).unwrap_or("<bytes>"))
            .field("form", &self.form)
            .finish()
    }
}

/// Writes the decoded value (invalid UTF-8 becomes U+FFFD).
impl fmt::Display for EncodedValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_utf8_lossy(f, self.decode())
    }
}

/// The decoded bytes of an [`EncodedValue`], from [`EncodedValue::decode`].
#[derive(Clone, Debug)]
pub struct FormDecode<'a> {
    inner: Inner<'a>,
}

#[derive(Clone, Debug)]
enum Inner<'a> {
    Verbatim(core::slice::Iter<'a, u8>),
    Form(signpost_syntax::PercentDecode<'a>),
}

impl Iterator for FormDecode<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        match &mut self.inner {
            Inner::Verbatim(bytes) => bytes.next().copied(),
            Inner::Form(decode) => decode.next(),
        }
    }
}

impl core::iter::FusedIterator for FormDecode<'_> {}

/// Which metadata, by relation name.
#[derive(Clone, Copy)]
enum Slot {
    Auri,
    Turi,
    Ruri,
    Duri,
}

const SLOTS: [(Slot, Rel<'static>, &str, &str); 4] = [
    (Slot::Turi, Rel::TURI, "duplicate turi link", "duplicate turi parameter in query"),
    (Slot::Ruri, Rel::RURI, "duplicate ruri link", "duplicate ruri parameter in query"),
    (Slot::Duri, Rel::DURI, "duplicate duri link", "duplicate duri parameter in query"),
    (Slot::Auri, Rel::AURI, "duplicate auri link", "duplicate auri parameter in query"),
];

/// OAuth response metadata (draft-sakimura-oauth-meta-05): where the members of an OAuth
/// response can be used.
///
/// | relation | meaning | where the draft puts it |
/// |---|---|---|
/// | `turi` | token endpoint URI | authorization response (query) |
/// | `ruri` | resource endpoint URI | token response (`Link`) |
/// | `duri` | discovery document URI | both |
/// | `auri` | authorization endpoint URI | added in the IETF 95 slides |
///
/// Read it from a token response's `Link` field ([`ResponseMetadata::from_links`]) or from
/// the redirect URI of an authorization response
/// ([`ResponseMetadata::from_redirect_uri`]); nothing is copied and query values are
/// percent-decoded lazily ([`EncodedValue`]). Combine it with the discovery document's
/// endpoints with [`resolve`]: the draft gives the response precedence. Write it back with
/// [`ResponseMetadata::write_links`] and [`ResponseMetadata::write_query`].
///
/// # Security
///
/// The draft warns that "the query response parameters may be tampered by the
/// man-in-the-browser": a `turi` in a redirect URI is only as trustworthy as the browser
/// that carried it, and following it sends the authorization code (and client credentials)
/// wherever it points. Accept a query `turi`/`auri` only when it matches what you already
/// trust (the issuer's origin, a pinned endpoint). The draft expired in 2018 and its
/// relations were never registered: treat this as an interoperability aid for the servers
/// that send it, not as a standard.
///
/// ```
/// use signpost_link::ResponseMetadata;
///
/// let location = b"https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&turi=https%3A%2F%2Fexample.com%2Ftoken&duri=https%3A%2F%2Fexample.com%2Fdisco&state=xyz";
/// let meta = ResponseMetadata::from_redirect_uri(location)?;
/// assert!(meta.token_endpoint().unwrap().eq_bytes(b"https://example.com/token"));
/// assert!(meta.discovery().unwrap().eq_bytes(b"https://example.com/disco"));
/// assert!(meta.resource_endpoint().is_none());
///
/// let link = br#"<https://example.com/userinfo>; rel="ruri", <https://example.com/disco>; rel="duri""#;
/// let meta = ResponseMetadata::from_link_field(link)?;
/// assert_eq!(meta.resource_endpoint().unwrap().as_str(), Some("https://example.com/userinfo"));
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResponseMetadata<'a> {
    auri: Option<EncodedValue<'a>>,
    turi: Option<EncodedValue<'a>>,
    ruri: Option<EncodedValue<'a>>,
    duri: Option<EncodedValue<'a>>,
}

impl<'a> ResponseMetadata<'a> {
    /// No metadata.
    pub const fn new() -> ResponseMetadata<'a> {
        ResponseMetadata { auri: None, turi: None, ruri: None, duri: None }
    }

    fn slot(&mut self, slot: Slot) -> &mut Option<EncodedValue<'a>> {
        match slot {
            Slot::Auri => &mut self.auri,
            Slot::Turi => &mut self.turi,
            Slot::Ruri => &mut self.ruri,
            Slot::Duri => &mut self.duri,
        }
    }

    /// `turi`: the token endpoint URI.
    pub const fn token_endpoint(&self) -> Option<EncodedValue<'a>> {
        self.turi
    }

    /// `ruri`: the resource endpoint URI.
    pub const fn resource_endpoint(&self) -> Option<EncodedValue<'a>> {
        self.ruri
    }

    /// `duri`: the discovery document URI.
    pub const fn discovery(&self) -> Option<EncodedValue<'a>> {
        self.duri
    }

    /// `auri`: the authorization endpoint URI.
    pub const fn authorization_endpoint(&self) -> Option<EncodedValue<'a>> {
        self.auri
    }

    /// Whether no metadata is present.
    pub const fn is_empty(&self) -> bool {
        self.auri.is_none() && self.turi.is_none() && self.ruri.is_none() && self.duri.is_none()
    }

    /// With `turi` set to `uri`.
    #[must_use]
    pub const fn with_token_endpoint(mut self, uri: &'a str) -> ResponseMetadata<'a> {
        self.turi = Some(EncodedValue::verbatim(uri.as_bytes()));
        self
    }

    /// With `ruri` set to `uri`.
    #[must_use]
    pub const fn with_resource_endpoint(mut self, uri: &'a str) -> ResponseMetadata<'a> {
        self.ruri = Some(EncodedValue::verbatim(uri.as_bytes()));
        self
    }

    /// With `duri` set to `uri`.
    #[must_use]
    pub const fn with_discovery(mut self, uri: &'a str) -> ResponseMetadata<'a> {
        self.duri = Some(EncodedValue::verbatim(uri.as_bytes()));
        self
    }

    /// With `auri` set to `uri`.
    #[must_use]
    pub const fn with_authorization_endpoint(mut self, uri: &'a str) -> ResponseMetadata<'a> {
        self.auri = Some(EncodedValue::verbatim(uri.as_bytes()));
        self
    }

    /// The metadata in the links of a `Link` field: each link whose `rel` lists `turi`,
    /// `ruri`, `duri` or `auri` (in any case) gives that member its target. Links with an
    /// `anchor` are about another context (RFC 8288 §3.2) and are ignored; other links are
    /// skipped.
    ///
    /// # Errors
    ///
    /// The field does not parse (with the `Links`' own options), or two links give the same
    /// member (`"duplicate turi link"`, at the second link): an ambiguous endpoint is
    /// reported, never guessed.
    pub fn from_links(links: Links<'a>) -> Result<ResponseMetadata<'a>, Error> {
        let mut meta = ResponseMetadata::new();
        for link in links {
            let link = link?;
            if link.anchor().is_some() {
                continue;
            }
            for rel in link.rels() {
                for (slot, name, duplicate, _) in SLOTS {
                    if rel == name {
                        let entry = meta.slot(slot);
                        if entry.is_some() {
                            return Err(Error::new(link.offset(), duplicate));
                        }
                        *entry = Some(EncodedValue::verbatim(link.target()));
                    }
                }
            }
        }
        Ok(meta)
    }

    /// [`from_links`](ResponseMetadata::from_links) for one strictly parsed field line.
    ///
    /// # Errors
    ///
    /// As for [`from_links`](ResponseMetadata::from_links).
    pub fn from_link_field(value: &'a [u8]) -> Result<ResponseMetadata<'a>, Error> {
        ResponseMetadata::from_links(Links::new(value))
    }

    /// The metadata in a query string (without the `?`): the `turi`, `ruri`, `duri` and
    /// `auri` parameters, names compared after decoding, case-sensitively (OAuth parameter
    /// names are). Other parameters (`code`, `state`, ...) are not looked at.
    ///
    /// # Errors
    ///
    /// A metadata parameter appears twice (RFC 6749 §3.1: parameters MUST NOT be included
    /// more than once), or its value holds a `%` not followed by two hex digits.
    pub fn from_query(query: &'a [u8]) -> Result<ResponseMetadata<'a>, Error> {
        ResponseMetadata::from_query_at(query, 0)
    }

    fn from_query_at(query: &'a [u8], base: usize) -> Result<ResponseMetadata<'a>, Error> {
        let mut meta = ResponseMetadata::new();
        let mut start = 0usize;
        while start <= query.len() {
            let end =
                query[start..].iter().position(|&b| b == b'&').map_or(query.len(), |i| start + i);
            let pair = &query[start..end];
            let (name, value, value_at) = match pair.iter().position(|&b| b == b'=') {
                Some(eq) => (&pair[..eq], &pair[eq + 1..], start + eq + 1),
                None => (pair, &pair[pair.len()..], end),
            };
            let name = EncodedValue::form_urlencoded(name);
            for (slot, rel, _, duplicate) in SLOTS {
                if name.eq_bytes(rel.as_value().as_raw()) {
                    if let Some(i) = invalid_pct_encoded(value) {
                        return Err(Error::at(
                            query,
                            value_at + i,
                            "expected two hex digits after '%' in query parameter",
                        )
                        .shifted(base));
                    }
                    let entry = meta.slot(slot);
                    if entry.is_some() {
                        return Err(Error::new(base + start, duplicate));
                    }
                    *entry = Some(EncodedValue::form_urlencoded(value));
                }
            }
            start = end + 1;
        }
        Ok(meta)
    }

    /// The metadata in the query of a redirect URI (an authorization response's
    /// `Location`): the part between the first `?` and the first `#` after it. No query, no
    /// metadata. Error offsets point into `uri`.
    ///
    /// # Errors
    ///
    /// As for [`from_query`](ResponseMetadata::from_query).
    pub fn from_redirect_uri(uri: &'a [u8]) -> Result<ResponseMetadata<'a>, Error> {
        let Some(q) = uri.iter().position(|&b| b == b'?') else {
            return Ok(ResponseMetadata::new());
        };
        let query = &uri[q + 1..];
        let query = match query.iter().position(|&b| b == b'#') {
            Some(h) => &query[..h],
            None => query,
        };
        ResponseMetadata::from_query_at(query, q + 1)
    }

    /// Combines this metadata (from a response) with the endpoints of a discovery document
    /// (`discovery`, built with the `with_*` methods). See [`resolve`].
    pub fn resolve(&self, discovery: &ResponseMetadata<'a>) -> Resolved<'a> {
        resolve(self, discovery)
    }

    fn members(&self) -> [(&'static str, Option<EncodedValue<'a>>); 4] {
        [("turi", self.turi), ("ruri", self.ruri), ("duri", self.duri), ("auri", self.auri)]
    }

    /// Writes the metadata as `Link` field links (`<uri>; rel="turi", ...`), in the order
    /// `turi`, `ruri`, `duri`, `auri`, through `writer` (after any links it already wrote).
    /// Values from a query are decoded first.
    ///
    /// ```
    /// use signpost_link::{LinkWriter, ResponseMetadata};
    ///
    /// let meta = ResponseMetadata::new()
    ///     .with_resource_endpoint("https://example.com/userinfo")
    ///     .with_discovery("https://example.com/disco");
    /// let mut out = String::new();
    /// meta.write_links(&mut LinkWriter::new(&mut out))?;
    /// assert_eq!(out, r#"<https://example.com/userinfo>; rel="ruri", <https://example.com/disco>; rel="duri""#);
    /// # Ok::<(), signpost_link::WriteError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A value is not an RFC 3986 `URI-Reference` once decoded, or the writer failed.
    pub fn write_links<W: fmt::Write + ?Sized>(
        &self,
        writer: &mut LinkWriter<'_, W>,
    ) -> Result<(), WriteError> {
        for (rel, value) in self.members() {
            if let Some(v) = value {
                writer.link_bytes(v.decode())?.rel(&[Rel::new(rel)])?;
            }
        }
        Ok(())
    }

    /// Writes the metadata as query parameters (`turi=...&duri=...`, no leading `?` or
    /// `&`), in the order `turi`, `ruri`, `duri`, `auri`, each value
    /// `application/x-www-form-urlencoded` as an authorization response's query is (RFC 6749
    /// §4.1.2, Appendix B): RFC 3986 `unreserved` as it is, space as `+`, every other byte
    /// as `%XX`. Returns how many parameters were written.
    ///
    /// ```
    /// use signpost_link::ResponseMetadata;
    ///
    /// let meta = ResponseMetadata::new()
    ///     .with_token_endpoint("https://example.com/token")
    ///     .with_discovery("https://example.com/disco");
    /// let mut location = String::from("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&");
    /// meta.write_query(&mut location)?;
    /// location.push_str("&state=xyz");
    /// assert_eq!(location, "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&turi=https%3A%2F%2Fexample.com%2Ftoken&duri=https%3A%2F%2Fexample.com%2Fdisco&state=xyz");
    /// # Ok::<(), core::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The writer failed.
    pub fn write_query<W: fmt::Write + ?Sized>(&self, w: &mut W) -> Result<usize, fmt::Error> {
        let mut n = 0;
        for (rel, value) in self.members() {
            if let Some(v) = value {
                if n > 0 {
                    w.write_char('&')?;
                }
                w.write_str(rel)?;
                w.write_char('=')?;
                write_form_encoded(w, v.decode())?;
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Where a resolved endpoint came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// The response's metadata (`Link` field or redirect query).
    Response,
    /// The discovery document.
    Discovery,
}

/// One resolved endpoint: its URI and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolution<'a> {
    uri: EncodedValue<'a>,
    source: Source,
}

impl<'a> Resolution<'a> {
    /// The URI.
    pub const fn uri(&self) -> EncodedValue<'a> {
        self.uri
    }

    /// Where it came from.
    pub const fn source(&self) -> Source {
        self.source
    }
}

/// The endpoints after the draft's precedence rule, from [`resolve`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved<'a> {
    token: Option<Resolution<'a>>,
    resource: Option<Resolution<'a>>,
    discovery: Option<Resolution<'a>>,
    authorization: Option<Resolution<'a>>,
}

impl<'a> Resolved<'a> {
    /// The token endpoint: `turi` when the response had one, else the discovery document's.
    pub const fn token_endpoint(&self) -> Option<Resolution<'a>> {
        self.token
    }

    /// The resource endpoint: `ruri` when the response had one, else the discovery
    /// document's.
    pub const fn resource_endpoint(&self) -> Option<Resolution<'a>> {
        self.resource
    }

    /// The discovery document URI: `duri` when the response had one, else the one given.
    pub const fn discovery(&self) -> Option<Resolution<'a>> {
        self.discovery
    }

    /// The authorization endpoint: `auri` when the response had one, else the discovery
    /// document's.
    pub const fn authorization_endpoint(&self) -> Option<Resolution<'a>> {
        self.authorization
    }
}

fn pick<'a>(
    response: Option<EncodedValue<'a>>,
    discovery: Option<EncodedValue<'a>>,
) -> Option<Resolution<'a>> {
    match (response, discovery) {
        (Some(uri), _) => Some(Resolution { uri, source: Source::Response }),
        (None, Some(uri)) => Some(Resolution { uri, source: Source::Discovery }),
        (None, None) => None,
    }
}

/// The precedence rule of draft-sakimura-oauth-meta-05: "If the discovery document also
/// includes Token Endpoint URI or Resource Endpoint, the value of the turi or ruri takes
/// precedence." This crate applies the same rule to `auri` and `duri`.
///
/// Read the security note on [`ResponseMetadata`] first: precedence is exactly what a
/// tampered redirect would exploit.
///
/// ```
/// use signpost_link::{resolve, ResponseMetadata, Source};
///
/// let response = ResponseMetadata::from_redirect_uri(b"https://client.example.com/cb?code=x&turi=https%3A%2F%2Fas.example.com%2Ftoken2")?;
/// let discovery = ResponseMetadata::new()
///     .with_token_endpoint("https://as.example.com/token")
///     .with_resource_endpoint("https://rs.example.com/api");
/// let endpoints = resolve(&response, &discovery);
/// let token = endpoints.token_endpoint().unwrap();
/// assert_eq!((token.uri().to_string().as_str(), token.source()), ("https://as.example.com/token2", Source::Response));
/// assert_eq!(endpoints.resource_endpoint().unwrap().source(), Source::Discovery);
/// # Ok::<(), signpost_link::Error>(())
/// ```
pub fn resolve<'a>(
    response: &ResponseMetadata<'a>,
    discovery: &ResponseMetadata<'a>,
) -> Resolved<'a> {
    Resolved {
        token: pick(response.turi, discovery.turi),
        resource: pick(response.ruri, discovery.ruri),
        discovery: pick(response.duri, discovery.duri),
        authorization: pick(response.auri, discovery.auri),
    }
}
