//! nom 8 parsers over `&[u8]` for the grammar of RFC 9110 §11, on this crate's scanners
//! (feature `nom`).
//!
//! [`challenges`], [`challenge`], [`credentials`] and [`auth_param`] run the same code as
//! [`Challenges`], [`parse_credentials`](crate::parse_credentials) and the auth-param
//! scanner, and return the same zero-copy types ([`Challenges`], [`Challenge`],
//! [`AuthParam`]); the lexical parsers of `signpost-syntax` ([`token`], [`token68`],
//! [`quoted_string`], [`ows`], [`list_separator`], [`field_value`]) and its [`NomError`]
//! are re-exported here. One grammar, not two: a nom parser accepts and refuses what the
//! fast API does, with the same error offsets and messages (a differential fuzz target holds
//! them to it on every input).
//!
//! The parsers are strict (no [`Leniency`]) and generic over the nom error
//! type, like those of `signpost_syntax::nom`: nom's own error keeps the place of a failure,
//! [`NomError`] also the rule, and converts to a signpost [`Error`] with the offset in the
//! caller's whole input ([`NomError::to_error`]).
//!
//! **Where a field value ends.** In a header block the value of a field line ends at its
//! CRLF. The parsers of this module read the input up to the first CR or LF (or its end) as
//! the field value, parse within it, and leave the CR or LF in the rest for the caller; on
//! input without CR or LF, they parse the same bytes the fast API is given. An obs-fold
//! (CRLF followed by SP or HTAB, RFC 9112 §5.2) does not end the value: it is read as
//! whitespace, as the fast API reads it, and so are this module's [`ows`] and
//! [`list_separator`] (those of `signpost_syntax::nom` take none). Offsets in
//! outputs ([`Challenge::offset`], [`AuthParam::offset`]) are into the input the parser was
//! given.
//!
//! A `WWW-Authenticate` field line, and a SIP digest challenge, each parsed by a nom parser
//! built around these:
//!
//! ```
//! use nom::bytes::complete::{tag, tag_no_case};
//! use nom::sequence::{delimited, preceded};
//! use nom::Parser;
//! use signpost_challenge::nom::{challenges, ows, NomError};
//!
//! // `WWW-Authenticate: <challenges> CRLF`
//! let mut www_authenticate = delimited(
//!     (tag_no_case(&b"WWW-Authenticate:"[..]), ows),
//!     challenges::<NomError>,
//!     (ows, tag(&b"\r\n"[..])),
//! );
//!
//! let block = b"WWW-Authenticate: Bearer realm=\"mcp\", error=\"invalid_token\", Basic realm=\"x\"\r\n";
//! let (rest, found) = www_authenticate.parse(&block[..])?;
//! assert!(rest.is_empty());
//! let schemes: Vec<&str> = found.map(|c| c.unwrap().scheme()).collect();
//! assert_eq!(schemes, ["Bearer", "Basic"]);
//!
//! // A SIP digest challenge (RFC 3261 §20.44, on one line): the same grammar.
//! let sip = b"WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n";
//! let (rest, digest) = preceded(
//!     (tag(&b"WWW-Authenticate:"[..]), ows),
//!     signpost_challenge::nom::challenge::<NomError>,
//! )
//! .parse(&sip[..])?;
//! assert_eq!(rest, b"\r\n");
//! assert_eq!(digest.param("domain").unwrap(), "sip:boxesbybob.com");
//! assert_eq!(digest.param("algorithm").unwrap(), "MD5");
//!
//! // An error names the rule, and its offset is into the whole block.
//! let bad = b"WWW-Authenticate: Bearer realm=\"mcp\" error=\"x\"\r\n";
//! let nom::Err::Error(e) = www_authenticate.parse(&bad[..]).unwrap_err() else { panic!() };
//! assert_eq!(
//!     e.to_error(bad).to_string(),
//!     "expected ',' or end of field after auth-param, found 'e' at byte 37"
//! );
//! # Ok::<(), nom::Err<NomError<'static>>>(())
//! ```

use ::nom::error::{FromExternalError, ParseError};
use ::nom::IResult;
use signpost_syntax::nom::fail;
pub use signpost_syntax::nom::{field_value, quoted_string, token, token68, NomError};
use signpost_syntax::Error;

use crate::auth_param::auth_param as scan_auth_param;
use crate::challenges::Challenges;
use crate::params::AuthParam;
use crate::source::{is_fold, Text};
use crate::{Challenge, Leniency};

/// The end of the field value at the start of `input`: its first CR or LF that does not
/// start an obs-fold (CRLF followed by SP or HTAB, RFC 9112 §5.2, which the value goes on
/// over as the fast API reads it), or its end.
fn value_end(input: &[u8]) -> usize {
    let mut from = 0;
    loop {
        let Some(i) = input[from..].iter().position(|&b| b == b'\r' || b == b'\n') else {
            return input.len();
        };
        if !is_fold(input, from + i) {
            return from + i;
        }
        from += i + 3;
    }
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3; `BWS` is the same rule), with obs-folds (RFC
/// 9112 §5.2: CRLF followed by SP or HTAB), which a recipient of a challenge field reads as
/// SP; on the scanner the fast API uses. The whitespace at the start of the input, maybe
/// empty. Never fails. (The `ows` of `signpost_syntax::nom` takes no obs-fold.)
///
/// ```
/// let (rest, ws) = signpost_challenge::nom::ows::<nom::error::Error<_>>(b" \r\n\t=x")?;
/// assert_eq!((ws, rest), (&b" \r\n\t"[..], &b"=x"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn ows<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a [u8], E>
where
    E: ParseError<&'a [u8]>,
{
    let (ws, rest) = input.split_at(crate::source::ows(input, 0));
    Ok((rest, ws))
}

/// The separator between two elements of a `#list` (RFC 9110 §5.6.1): `OWS "," OWS`, and
/// any more commas and OWS after it (empty elements, `a, , b`), where OWS takes obs-folds
/// as [`ows`] does. Returns the separator's bytes.
///
/// # Errors
///
/// `"expected ',' between list elements"` when no comma comes after the OWS (at the byte
/// after the OWS).
///
/// ```
/// let (rest, sep) = signpost_challenge::nom::list_separator::<nom::error::Error<_>>(b" ,\r\n ,\tb")?;
/// assert_eq!((sep, rest), (&b" ,\r\n ,\t"[..], &b"b"[..]));
/// assert!(signpost_challenge::nom::list_separator::<nom::error::Error<_>>(b"  b").is_err());
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn list_separator<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a [u8], E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let mut end = crate::source::ows(input, 0);
    if input.get(end) != Some(&b',') {
        return Err(fail(input, Error::at(input, end, "expected ',' between list elements")));
    }
    while input.get(end) == Some(&b',') {
        end = crate::source::ows(input, end + 1);
    }
    let (sep, rest) = input.split_at(end);
    Ok((rest, sep))
}

/// The end of a list element that ends before `pos`, a position where the fast parser
/// stopped after it: its separators (OWS, obs-folds and commas) are left to the caller.
/// Exact, since no element ends in SP, HTAB, a comma or an obs-fold (a scheme, a token or a
/// token68 ends in a tchar or `=`, a quoted-string in DQUOTE).
fn element_end(value: &[u8], mut pos: usize) -> usize {
    while pos > 0 {
        if matches!(value[pos - 1], b' ' | b'\t' | b',') {
            pos -= 1;
        } else if pos >= 2 && is_fold(value, pos - 2) {
            // CR LF, the SP or HTAB after them already left behind
            pos -= 2;
        } else {
            break;
        }
    }
    pos
}

/// `WWW-Authenticate = #challenge` (RFC 9110 §11.6.1; `Proxy-Authenticate` is the same,
/// §11.7.1), `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.3): every
/// challenge of the field value at the start of the input, checked, as a [`Challenges`]
/// over the field value that yields them again (each item `Ok`).
///
/// The field value is the input up to its first CR or LF that does not start an obs-fold;
/// it is consumed whole, and the CR or LF is left in the rest. An empty value, or one of
/// only commas and OWS, holds no challenge: an error (`1#challenge`), as for
/// [`Challenges::new`].
///
/// # Errors
///
/// The first error [`Challenges::new`] yields on the field value, at the same offset with
/// the same message.
///
/// ```
/// use signpost_challenge::nom::challenges;
///
/// let (rest, list) = challenges::<nom::error::Error<_>>(b"Negotiate, Basic realm=\"x\"\r\n")?;
/// assert_eq!(rest, b"\r\n");
/// assert_eq!(list.count(), 2);
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn challenges<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Challenges<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let (value, rest) = input.split_at(value_end(input));
    for c in Challenges::new(value) {
        if let Err(e) = c {
            return Err(fail(input, e));
        }
    }
    Ok((rest, Challenges::new(value)))
}

/// `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3): one
/// challenge at the start of the input, which must start with its auth-scheme.
///
/// It ends where [`Challenges`] ends it: after its token68, or after its last auth-param
/// (an element after a comma belongs to it when it is `token BWS "="`). The separators after
/// it stay in the rest, so that a list of challenges is
/// `challenge (list_separator challenge)*` (plus empty elements at either end, as
/// [`challenges`] reads them); the field value ends at the first CR or LF that does not
/// start an obs-fold, as for [`challenges`].
///
/// # Errors
///
/// As [`Challenges`] reports them for a challenge at the start of a field value.
///
/// ```
/// use signpost_challenge::nom::challenge;
///
/// let (rest, c) = challenge::<nom::error::Error<_>>(b"Basic realm=\"a\", charset=UTF-8, Bearer")?;
/// assert_eq!((c.scheme(), c.param_count()), ("Basic", 2));
/// assert_eq!(rest, b", Bearer");
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn challenge<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Challenge<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let value = &input[..value_end(input)];
    if value.is_empty() {
        // `challenge` reads an end of the field as an empty field (`1#challenge`); here it
        // is one missing challenge.
        return Err(fail(input, Error::new(0, "expected auth-scheme (a token)")));
    }
    let mut it = Challenges::new(value);
    match crate::challenges::item_result(it.challenge()) {
        Ok(c) => Ok((&input[element_end(value, it.cur.pos)..], c)),
        Err(e) => Err(fail(input, e)),
    }
}

/// `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.4), the
/// value of `Authorization` and `Proxy-Authorization`: the field value at the start of the
/// input, consumed whole, as [`parse_credentials`](crate::parse_credentials) reads it (OWS
/// around it allowed; an obs-fold does not end the value). The CR or LF that ends the value
/// stays in the rest.
///
/// # Errors
///
/// Those of [`parse_credentials`](crate::parse_credentials) on the field value.
///
/// ```
/// use signpost_challenge::nom::credentials;
///
/// let (rest, c) = credentials::<nom::error::Error<_>>(b"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU\r\n")?;
/// assert!(c.scheme_is("dpop"));
/// assert_eq!(rest, b"\r\n");
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn credentials<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Challenge<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let (value, rest) = input.split_at(value_end(input));
    match crate::parse_credentials(value) {
        Ok(c) => Ok((rest, c)),
        Err(e) => Err(fail(input, e)),
    }
}

/// `auth-param = token BWS "=" BWS ( token / quoted-string )` (RFC 9110 §11.2): one
/// auth-param at the start of the input, with the scanner [`Challenges`] uses.
///
/// As in a challenge, the auth-param must be followed by OWS and then a comma or the end of
/// the field value (the scanner checks it: `a=b c` is an error, not `a=b` and a rest), and
/// that OWS and comma stay in the rest. The field value ends at the first CR or LF that does
/// not start an obs-fold.
///
/// # Errors
///
/// `"expected auth-param name (a token)"`, `"expected '=' after auth-param name"`, an error
/// of the quoted-string, `"expected token or quoted-string as auth-param value"`, `"expected
/// ',' or end of field after auth-param"`, each at the byte it names.
///
/// ```
/// use signpost_challenge::nom::auth_param;
///
/// let (rest, p) = auth_param::<nom::error::Error<_>>(b"realm = \"a b\" , x=y")?;
/// assert_eq!((p.name(), p.value().to_string().as_str()), ("realm", "a b"));
/// assert_eq!(rest, b" , x=y");
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn auth_param<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], AuthParam<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let value = &input[..value_end(input)];
    let mut forgiven = Leniency::NONE;
    match scan_auth_param(value, 0, None, Leniency::NONE, &mut forgiven) {
        Ok(p) => {
            let param = AuthParam { name: text(p.name), value: p.value, offset: 0 };
            Ok((&input[element_end(value, p.end)..], param))
        }
        Err(e) => Err(fail(input, e)),
    }
}

/// A name the scanner matched as a token (ASCII) as [`Text`].
fn text(name: &[u8]) -> Text<'_> {
    #[cfg(feature = "perf")]
    return Text { text: crate::source::ascii(name) };
    #[cfg(not(feature = "perf"))]
    return Text { text: name };
}
