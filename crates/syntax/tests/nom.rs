//! The nom parsers of the `nom` feature against the scanners they wrap (on every input of a
//! proptest run), and `NomError`: the rule, the place, and mixing with a caller's own
//! combinators.

#![cfg(feature = "nom")]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use nom::bytes::complete::tag;
use nom::combinator::cut;
use nom::error::{context, ErrorKind, ParseError};
use nom::Parser;
use proptest::prelude::*;
use signpost_syntax::nom::{
    field_value, list_separator, ows, quoted_string, token, token68, NomError,
};
use signpost_syntax::{Error, Found};

type R<'a, O> = nom::IResult<&'a [u8], O, NomError<'a>>;

fn err<O>(input: &[u8], r: R<'_, O>) -> Error {
    match r {
        Err(nom::Err::Error(e)) => e.to_error(input),
        _ => panic!("expected an error"),
    }
}

#[test]
fn rfc_9110_5_6_rules() {
    // RFC 9110 §5.6.2 token, §11.2 token68, §5.6.4 quoted-string, §5.6.3 OWS.
    assert_eq!(token::<NomError>(b"Newauth realm").unwrap(), (&b" realm"[..], "Newauth"));
    assert_eq!(
        token68::<NomError>(b"QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap().1,
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    let (rest, v) = quoted_string::<NomError>(br#""Login to \"apps\"", x"#).unwrap();
    assert_eq!((v.to_string().as_str(), rest), (r#"Login to "apps""#, &b", x"[..]));
    assert_eq!(ows::<NomError>(b"").unwrap(), (&b""[..], &b""[..]));
    assert_eq!(list_separator::<NomError>(b", ,b").unwrap(), (&b"b"[..], &b", ,"[..]));
    assert_eq!(field_value::<NomError>(b"a\nb").unwrap(), (&b"\nb"[..], &b"a"[..]));

    let e = err(b" x", token::<NomError>(b" x"));
    assert_eq!(
        (e.offset(), e.message(), e.found()),
        (0, "expected token (1*tchar)", Found::Byte(b' '))
    );
    let e = err(b"=", token68::<NomError>(b"="));
    assert_eq!((e.offset(), e.message()), (0, "expected token68"));
    let e = err(b"\"a\\\x7f\"", quoted_string::<NomError>(b"\"a\\\x7f\""));
    assert_eq!(e, quoted_string_scanner(b"\"a\\\x7f\"").unwrap_err());
    let e = err(b"  b", list_separator::<NomError>(b"  b"));
    assert_eq!((e.offset(), e.message()), (2, "expected ',' between list elements"));
}

fn quoted_string_scanner(input: &[u8]) -> Result<(signpost_syntax::Value<'_>, usize), Error> {
    signpost_syntax::quoted_string(input, 0)
}

/// A caller's own parser for `name=value` with our rules inside.
fn pair(input: &[u8]) -> R<'_, (&str, signpost_syntax::Value<'_>)> {
    let (rest, (name, _, _, _, value)) = (
        context("param name", token),
        ows,
        context("'='", tag(&b"="[..])),
        ows,
        cut(quoted_string),
    )
        .parse(input)?;
    Ok((rest, (name, value)))
}

#[test]
fn mixes_with_the_callers_combinators() {
    let input = b"title = \"x\"";
    let (_, (name, value)) = pair(input).unwrap();
    assert_eq!((name, value.to_string().as_str()), ("title", "x"));

    // Our rule's failure: the rule's message, the context kept beside it.
    let input = b"x; =\"a\"";
    let Err(nom::Err::Error(e)) = pair(&input[3..]) else { panic!() };
    assert_eq!(e.context(), Some("param name"));
    assert_eq!(e.to_error(input).to_string(), "expected token (1*tchar), found '=' at byte 3");

    // nom's failure: its kind, and the context as the message.
    let input = b"title : \"x\"";
    let Err(nom::Err::Error(e)) = pair(input) else { panic!() };
    assert_eq!(e.kind(), Some(ErrorKind::Tag));
    assert_eq!(e.to_error(input).to_string(), "'=', found ':' at byte 6");
    assert_eq!(e.offset_in(input), Some(6));

    // `cut` turns ours into a failure, with the place kept.
    let input = b"title=\"x";
    let Err(nom::Err::Failure(e)) = pair(input) else { panic!() };
    assert_eq!(
        e.to_error(input).to_string(),
        "missing closing DQUOTE of quoted-string, found end of input at byte 8"
    );
}

#[test]
fn offsets_in_other_slices() {
    let input = b"abc def";
    let e = NomError::new(&input[4..], "expected x");
    assert_eq!(e.offset_in(input), Some(4));
    assert_eq!(e.offset_in(&input[2..]), Some(2));
    // Not a part of the slice: no offset, and `to_error` counts from the end.
    let other = b"xyz def";
    assert_eq!(e.offset_in(&other[..]), None);
    assert_eq!(e.to_error(&other[..]).offset(), 4);
    assert_eq!(e.offset_in(&input[..5]), None);
    // nom's constructors.
    let e = NomError::from_error_kind(&input[3..], ErrorKind::Eof);
    assert_eq!(
        (e.kind(), e.found(), e.offset_in(input)),
        (Some(ErrorKind::Eof), Found::Byte(b' '), Some(3))
    );
    assert_eq!(
        e.to_string(),
        "unexpected input for nom parser (End of file), found ' ' with 4 bytes left"
    );
    // A signpost error through map_res: its offset is relative to the input given.
    let e = <NomError as nom::error::FromExternalError<_, _>>::from_external_error(
        &input[1..],
        ErrorKind::MapRes,
        Error::at(&input[1..], 2, "expected y"),
    );
    assert_eq!(e.to_error(input), Error::from_parts(3, "expected y", Found::Byte(b' ')));
}

fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: 2000, ..ProptestConfig::default() }
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..24),
        proptest::collection::vec(
            proptest::sample::select(&b"\"\\ \t,=a~/+\x7f\r\n\xe9"[..]),
            0..24
        ),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn each_parser_is_its_scanner(input in bytes()) {
        let end = signpost_syntax::token_end(&input, 0);
        match token::<NomError>(&input) {
            Ok((rest, t)) => prop_assert_eq!((t.as_bytes(), rest), input.split_at(end)),
            Err(_) => prop_assert_eq!(end, 0),
        }
        let end = signpost_syntax::token68_end(&input, 0);
        match token68::<NomError>(&input) {
            Ok((rest, t)) => prop_assert_eq!((t.as_bytes(), rest), input.split_at(end)),
            Err(_) => prop_assert_eq!(end, 0),
        }
        match (quoted_string::<NomError>(&input), quoted_string_scanner(&input)) {
            (Ok((rest, v)), Ok((w, end))) => {
                prop_assert_eq!(v, w);
                prop_assert_eq!(rest, &input[end..]);
            }
            (Err(nom::Err::Error(e)), Err(f)) => prop_assert_eq!(e.to_error(&input), f),
            (ours, theirs) => prop_assert!(false, "{:?} / {:?}", ours, theirs),
        }
        let end = signpost_syntax::skip_ows(&input, 0);
        prop_assert_eq!(ows::<NomError>(&input).unwrap(), (&input[end..], &input[..end]));
        let (end, comma) = signpost_syntax::skip_list_separators(&input, 0);
        prop_assert_eq!(list_separator::<NomError>(&input).is_ok(), comma);
        if let Ok((rest, _)) = list_separator::<NomError>(&input) {
            prop_assert_eq!(rest, &input[end..]);
        }
    }
}
