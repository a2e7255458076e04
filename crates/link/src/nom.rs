//! nom 8 parsers over `&[u8]` for the `Link` grammar of RFC 8288 §3, on this crate's
//! scanners (feature `nom`).
//!
//! [`links`] and [`link_value`] run the same code as [`Links`] and return the same
//! zero-copy types ([`Links`], [`Link`]); the lexical parsers of `signpost-syntax`
//! ([`token`], [`token68`], [`quoted_string`], [`ows`], [`list_separator`],
//! [`field_value`]) and its [`NomError`] are re-exported here. One grammar, not two: a nom
//! parser accepts and refuses what the fast API does, with the same error offsets and
//! messages (a differential fuzz target holds them to it on every input).
//!
//! The parsers are strict (no [`Leniency`]) and generic over the nom error type: nom's own
//! error keeps the place of a failure, [`NomError`] also the rule, and converts to a
//! signpost [`Error`] with the offset in the caller's whole input ([`NomError::to_error`]).
//!
//! **Where a field value ends.** In a header block the value of a field line ends at its
//! CRLF. These parsers read the input up to the first CR or LF (or its end) as the field
//! value, parse within it, and leave the CR or LF in the rest for the caller. Offsets in
//! outputs ([`Link::offset`]) are into the input the parser was given.
//!
//! ```
//! use nom::bytes::complete::{tag, tag_no_case};
//! use nom::sequence::delimited;
//! use nom::Parser;
//! use signpost_link::nom::{links, ows, NomError};
//! use signpost_link::Rel;
//!
//! // `Link: <links> CRLF`
//! let mut link_field = delimited((tag_no_case(&b"Link:"[..]), ows), links::<NomError>, tag(&b"\r\n"[..]));
//! let block = b"Link: </TheBook/chapter2>; rel=\"previous\", </TheBook/chapter4>; rel=\"next\"\r\n";
//! let (rest, found) = link_field.parse(&block[..])?;
//! assert!(rest.is_empty());
//! let next = found.filter_map(Result::ok).find(|l| l.has_rel(Rel::NEXT)).unwrap();
//! assert_eq!(next.target(), b"/TheBook/chapter4");
//!
//! // An error names the rule, and its offset is into the whole block.
//! let bad = b"Link: </a>; rel=next, https://b\r\n";
//! let nom::Err::Error(e) = link_field.parse(&bad[..]).unwrap_err() else { panic!() };
//! assert_eq!(e.to_error(bad).to_string(), "expected '<' to open link-value, found 'h' at byte 22");
//! # Ok::<(), nom::Err<NomError<'static>>>(())
//! ```

use ::nom::error::{FromExternalError, ParseError};
use ::nom::IResult;
use signpost_syntax::nom::fail;
pub use signpost_syntax::nom::{
    field_value, list_separator, ows, quoted_string, token, token68, NomError,
};
use signpost_syntax::Error;

#[cfg(feature = "perf")]
use crate::fast::fast_link_value;
use crate::leniency::Leniency;
use crate::link::Link;
use crate::links::Links;
use crate::value::link_value as scan_link_value;

/// The end of the field value at the start of `input`: its first CR or LF, or its end.
fn value_end(input: &[u8]) -> usize {
    input.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(input.len())
}

/// `Link = #link-value` (RFC 8288 §3): every `link-value` of the field value at the start
/// of the input, checked, as a [`Links`] over the field value that yields them again (each
/// item `Ok`).
///
/// The field value is the input up to its first CR or LF; it is consumed whole (an empty
/// value, or one of only commas and OWS, is a list without elements, as for
/// [`Links::new`]), and the CR or LF is left in the rest.
///
/// # Errors
///
/// The first error [`Links::new`] yields on the field value, at the same offset with the
/// same message.
///
/// ```
/// use signpost_link::nom::links;
///
/// let (rest, list) = links::<nom::error::Error<_>>(b"</a>; rel=next, </b>\r\n")?;
/// assert_eq!(rest, b"\r\n");
/// assert_eq!(list.count(), 2);
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn links<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Links<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let (value, rest) = input.split_at(value_end(input));
    for link in Links::new(value) {
        if let Err(e) = link {
            return Err(fail(input, e));
        }
    }
    Ok((rest, Links::new(value)))
}

/// `link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )` (RFC 8288 §3): one link
/// at the start of the input, which must start with its `<`.
///
/// It ends after its last `link-param` (or its target); the OWS and the comma after it stay
/// in the rest, so that a `Link` field is `link-value (list_separator link-value)*` (plus
/// empty elements at either end, as [`links`] reads them). The field value ends at the
/// first CR or LF, as for [`links`].
///
/// # Errors
///
/// As [`Links`] reports them for a `link-value` at the start of a field value.
///
/// ```
/// use signpost_link::nom::link_value;
///
/// let (rest, link) = link_value::<nom::error::Error<_>>(b"</app.js>; rel=preload; as=script , </b>")?;
/// assert_eq!(link.target(), b"/app.js");
/// assert_eq!(link.params().count(), 2);
/// assert_eq!(rest, b" , </b>");
/// # Ok::<(), nom::Err<nom::error::Error<&[u8]>>>(())
/// ```
pub fn link_value<'a, E>(input: &'a [u8]) -> IResult<&'a [u8], Link<'a>, E>
where
    E: ParseError<&'a [u8]> + FromExternalError<&'a [u8], Error>,
{
    let value = &input[..value_end(input)];
    // As `Links` does: the fast scanner for the common strict link, the general one for
    // the rest (and for every link without `perf`).
    #[cfg(feature = "perf")]
    if let Some(parsed) = fast_link_value(value, 0) {
        let link = Link::new(value, &parsed, 0, 0, Leniency::NONE, Leniency::NONE);
        return Ok((&input[parsed.end..], link));
    }
    match scan_link_value(value, 0, Leniency::NONE) {
        Ok(parsed) => {
            let forgiven = parsed.forgiven.difference(Leniency::MISSING_COMMA);
            let link = Link::new(value, &parsed, 0, 0, Leniency::NONE, forgiven);
            Ok((&input[parsed.end..], link))
        }
        Err(e) => Err(fail(input, e)),
    }
}
