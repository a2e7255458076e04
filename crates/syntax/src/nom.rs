//! nom 8 parsers over `&[u8]` for the lexical rules of RFC 9110 §5.6, built on this crate's
//! scanners, and [`NomError`], the error type that keeps the rule and the place of a failure
//! (feature `nom`).
//!
//! Each parser here calls the scanner of the same rule ([`token_end`](crate::token_end),
//! [`token68_end`](crate::token68_end), [`quoted_string`](crate::quoted_string),
//! [`skip_ows`](crate::skip_ows), [`skip_list_separators`](crate::skip_list_separators)) on
//! the input it is given, so it accepts and refuses exactly what the scanner does and
//! returns the same zero-copy values. The parsers are generic over the nom error type: any
//! `E` that implements [`ParseError`] and [`FromExternalError`]`<&[u8], `[`Error`]`>`.
//! nom's own [`nom::error::Error`] keeps where a parse failed; [`NomError`] also keeps the
//! grammar rule's message and what was found there, and converts back to this crate's
//! [`Error`] given the caller's whole input ([`NomError::to_error`]).
//!
//! A failure is a recoverable [`nom::Err::Error`] whose input starts at the failing byte (so
//! `alt` may try another branch; wrap a parser in [`nom::combinator::cut`] to stop there).
//! No parser here consumes trailing OWS: the separators of a list are the caller's
//! ([`list_separator`]).
//!
//! ```
//! use nom::Parser;
//! use signpost_syntax::nom::{ows, quoted_string, token, NomError};
//!
//! let input = br#"realm = "apps, \"west\"", next"#;
//! let (rest, (name, _, _, _, value)) =
//!     (token, ows, nom::bytes::complete::tag(&b"="[..]), ows, quoted_string)
//!         .parse(&input[..])?;
//! assert_eq!(name, "realm");
//! assert_eq!(value.to_string(), r#"apps, "west""#);
//! assert_eq!(rest, b", next");
//!
//! // An error keeps the rule and the place: its offset in the caller's input comes back
//! // with `to_error`.
//! let bad = br#"realm="a"#;
//! let nom::Err::Error(e) = quoted_string::<NomError>(&bad[6..]).unwrap_err() else { panic!() };
//! assert_eq!(
//!     e.to_error(bad).to_string(),
//!     "missing closing DQUOTE of quoted-string, found end of input at byte 8"
//! );
//! # Ok::<(), nom::Err<NomError<'static>>>(())
//! ```

use core::fmt;

use ::nom::error::{ContextError, ErrorKind, FromExternalError, ParseError};
use ::nom::IResult;

use crate::{Error, Found, Value};

/// A nom error that keeps what a signpost error says: where the parse failed (the input
/// from the failing byte on), the message naming the grammar rule, and what was found
/// there; plus the [`ErrorKind`] of a nom combinator that failed, and the innermost
/// [`context`](nom::error::context) a caller added.
///
/// Its offset is relative: nom hands a parser only the remaining input, so the error keeps
/// the remaining input at the failure. [`offset_in`](NomError::offset_in) and
/// [`to_error`](NomError::to_error) give the offset in the input the caller passed to the
/// start of the combinator chain (any slice that the failing input is a part of).
///
/// ```
/// use signpost_syntax::nom::{token, NomError};
/// use signpost_syntax::Found;
///
/// let input = b"name=\"x\"";
/// let nom::Err::Error(e) = token::<NomError>(&input[5..]).unwrap_err() else { panic!() };
/// assert_eq!(e.message(), "expected token (1*tchar)");
/// assert_eq!(e.found(), Found::Byte(b'"'));
/// assert_eq!(e.offset_in(input), Some(5));
/// assert_eq!(e.to_error(input).offset(), 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NomError<'a> {
    input: &'a [u8],
    message: &'static str,
    found: Found,
    kind: Option<ErrorKind>,
    context: Option<&'static str>,
}

impl<'a> NomError<'a> {
    /// An error at the start of `input` (the input from the failing byte on), with a
    /// message naming the grammar rule.
    pub const fn new(input: &'a [u8], message: &'static str) -> NomError<'a> {
        NomError { input, message, found: Found::at(input, 0), kind: None, context: None }
    }

    /// The input from the failing byte on.
    pub const fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The message naming the grammar rule that failed (for a failure of a nom combinator,
    /// a generic one; see [`kind`](NomError::kind)).
    pub const fn message(&self) -> &'static str {
        self.message
    }

    /// What stood where the parse failed: a byte, the end of the input, or nothing.
    pub const fn found(&self) -> Found {
        self.found
    }

    /// The nom combinator that failed, when the failure came from nom rather than from a
    /// signpost scanner.
    pub const fn kind(&self) -> Option<ErrorKind> {
        self.kind
    }

    /// The innermost context added with [`nom::error::context`], if any.
    pub const fn context(&self) -> Option<&'static str> {
        self.context
    }

    /// The offset of the failure in `original`, the input given to the start of the
    /// combinator chain, or `None` when the failing input is not a part of `original`.
    pub fn offset_in(&self, original: &[u8]) -> Option<usize> {
        // Addresses only, as nom's `Offset` does; the range check makes a slice of another
        // buffer a `None` instead of a wrong number.
        let start = original.as_ptr() as usize;
        let at = self.input.as_ptr() as usize;
        let offset = at.checked_sub(start)?;
        (offset + self.input.len() <= original.len()).then_some(offset)
    }

    /// The same failure as a signpost [`Error`] with its offset in `original`, the input
    /// given to the start of the combinator chain. The message is the rule's (or, for a
    /// failure of a nom combinator, the innermost context, if any). When the failing input
    /// is not a part of `original`, the offset is counted from the end of both (right for
    /// any suffix).
    pub fn to_error(&self, original: &[u8]) -> Error {
        let offset = self
            .offset_in(original)
            .unwrap_or_else(|| original.len().saturating_sub(self.input.len()));
        let message = match (self.kind, self.context) {
            (Some(_), Some(context)) => context,
            _ => self.message,
        };
        Error::from_parts(offset, message, self.found)
    }
}

impl<'a> ParseError<&'a [u8]> for NomError<'a> {
    fn from_error_kind(input: &'a [u8], kind: ErrorKind) -> Self {
        NomError { kind: Some(kind), ..NomError::new(input, "unexpected input for nom parser") }
    }

    fn append(_: &'a [u8], _: ErrorKind, other: Self) -> Self {
        // The innermost failure says the most: keep it.
        other
    }
}

impl<'a> ContextError<&'a [u8]> for NomError<'a> {
    fn add_context(_: &'a [u8], context: &'static str, other: Self) -> Self {
        NomError { context: other.context.or(Some(context)), ..other }
    }
}

/// A signpost [`Error`] met by `map_res` (or by a signpost parser): its offset is taken as
/// relative to `input`, so the nom error points at the failing byte.
impl<'a> FromExternalError<&'a [u8], Error> for NomError<'a> {
    fn from_external_error(input: &'a [u8], _: ErrorKind, e: Error) -> Self {
        let at = input.get(e.offset()..).unwrap_or(&input[input.len()..]);
        NomError { input: at, message: e.message(), found: e.found(), kind: None, context: None }
    }
}

impl fmt::Display for NomError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(context) = self.context {
            write!(f, "{context}: ")?;
        }
        f.write_str(self.message)?;
        if let Some(kind) = self.kind {
            write!(f, " ({})", kind.description())?;
        }
        self.found.write_suffix(f)?;
        write!(f, " with {} bytes left", self.input.len())
    }
}

impl core::error::Error for NomError<'_> {}

/// The nom error for a scanner's `e`, whose offset is into `input`: it starts at the
/// failing byte and carries the rule's message and what was found there.
///
/// For crates that build nom parsers on their own scanners (`signpost-challenge`,
/// `signpost-link`): every parser of the signpost crates reports failures through it.
pub fn fail<'a, E>(input: &'a [u8], e: Error) -> ::nom::Err<E>
where
    E: FromExternalError<&'a [u8], Error>,
{
    let at = input.get(e.offset()..).unwrap_or(&input[input.len()..]);
    ::nom::Err::Error(E::from_external_error(
        at,
        ErrorKind::Verify,
        Error::from_parts(0, e.message(), e.found()),
    ))
}

/// `token = 1*tchar` (RFC 9110 §5.6.2), on [`token_end`](crate::token_end): the token at the
/// start of the input.
///
/// # Errors
///
/// `"expected token (1*tchar)"` when the input does not start with a `tchar`.
///
/// ```
/// let (rest, t) = signpost_syntax::nom::token::<nom::error::Error<_>>(b"Bearer realm")?;
/// assert_eq!((t, rest), ("Bearer", &b" realm"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn token<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a str, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let end = crate::token_end(input, 0);
    if end == 0 {
        return Err(fail(input, Error::at(input, 0, "expected token (1*tchar)")));
    }
    let (t, rest) = input.split_at(end);
    // tchar is ASCII: the conversion cannot fail.
    Ok((rest, core::str::from_utf8(t).unwrap_or_default()))
}

/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
/// (RFC 9110 §11.2), on [`token68_end`](crate::token68_end): the token68 at the start of the
/// input, padding included. As with the scanner, what may follow is the caller's to check.
///
/// # Errors
///
/// `"expected token68"` when no token68 starts the input.
///
/// ```
/// let (rest, t) = signpost_syntax::nom::token68::<nom::error::Error<_>>(b"abc/+==, x")?;
/// assert_eq!((t, rest), ("abc/+==", &b", x"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn token68<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a str, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let end = crate::token68_end(input, 0);
    if end == 0 {
        return Err(fail(input, Error::at(input, 0, "expected token68")));
    }
    let (t, rest) = input.split_at(end);
    // token68 characters are ASCII: the conversion cannot fail.
    Ok((rest, core::str::from_utf8(t).unwrap_or_default()))
}

/// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE` (RFC 9110 §5.6.4), on
/// [`quoted_string`](crate::quoted_string): the content as a [`Value`] (escaped, unescaped
/// lazily), with the input after the closing DQUOTE.
///
/// # Errors
///
/// Those of [`quoted_string`](crate::quoted_string), at the byte it names.
///
/// ```
/// let (rest, v) = signpost_syntax::nom::quoted_string::<nom::error::Error<_>>(br#""a\"b", y"#)?;
/// assert_eq!((v.to_string().as_str(), rest), (r#"a"b"#, &b", y"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn quoted_string<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Value<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    match crate::quoted_string(input, 0) {
        Ok((value, end)) => Ok((&input[end..], value)),
        Err(e) => Err(fail(input, e)),
    }
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3; `BWS` is the same rule), on
/// [`skip_ows`](crate::skip_ows): the whitespace at the start of the input, maybe empty.
/// Never fails.
///
/// ```
/// let (rest, ws) = signpost_syntax::nom::ows::<nom::error::Error<_>>(b" \t=x")?;
/// assert_eq!((ws, rest), (&b" \t"[..], &b"=x"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn ows<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a [u8], E>
where
    E: ParseError<&'a [u8]>,
{
    let end = crate::skip_ows(input, 0);
    let (ws, rest) = input.split_at(end);
    Ok((rest, ws))
}

/// The separator between two elements of a `#list` (RFC 9110 §5.6.1):
/// `OWS "," OWS`, and any more commas and OWS after it, since a recipient accepts and
/// ignores empty elements (`a, , b`). On
/// [`skip_list_separators`](crate::skip_list_separators); returns the separator's bytes.
///
/// # Errors
///
/// `"expected ',' between list elements"` when no comma comes after the OWS (at the byte
/// after the OWS).
///
/// ```
/// let (rest, sep) = signpost_syntax::nom::list_separator::<nom::error::Error<_>>(b" , ,\tb")?;
/// assert_eq!((sep, rest), (&b" , ,\t"[..], &b"b"[..]));
/// assert!(signpost_syntax::nom::list_separator::<nom::error::Error<_>>(b"  b").is_err());
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn list_separator<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a [u8], E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let (end, comma) = crate::skip_list_separators(input, 0);
    if !comma {
        let at = crate::skip_ows(input, 0);
        return Err(fail(input, Error::at(input, at, "expected ',' between list elements")));
    }
    let (sep, rest) = input.split_at(end);
    Ok((rest, sep))
}

/// The value of a field line in a header block: the bytes up to the first CR or LF (or
/// the end), which stay in the rest for the caller. It checks nothing else: each field's
/// grammar refuses what it does not allow (RFC 9110 §5.5: a field value has no CR, LF or
/// NUL; an obsolete line folding, a CRLF followed by SP or HTAB, is refused by the grammars
/// because it ends the value here). Never fails.
///
/// ```
/// let (rest, v) = signpost_syntax::nom::field_value::<nom::error::Error<_>>(b"Basic\r\nLink: x")?;
/// assert_eq!((v, rest), (&b"Basic"[..], &b"\r\nLink: x"[..]));
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn field_value<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], &'a [u8], E>
where
    E: ParseError<&'a [u8]>,
{
    let end = input.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(input.len());
    let (value, rest) = input.split_at(end);
    Ok((rest, value))
}
