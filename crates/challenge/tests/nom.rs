//! The nom parsers of the `nom` feature: RFC and SIP examples, errors with their rule and
//! their offset in the caller's input, and agreement with the fast API (`Challenges::new`,
//! `parse_credentials`) on generated input, directly and as a list composed of `challenge`.

#![cfg(feature = "nom")]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use nom::bytes::complete::{tag, tag_no_case};
use nom::error::context;
use nom::sequence::{delimited, preceded};
use nom::Parser;
use proptest::prelude::*;
use signpost_challenge::nom::{
    auth_param, challenge, challenges, credentials, list_separator, ows, NomError,
};
use signpost_challenge::{parse_credentials, Challenge, Challenges, Error, Found};

type Model = (String, Option<String>, Vec<(String, Vec<u8>)>, usize);

fn model(c: &Challenge<'_>) -> Model {
    let params = c.params().map(|p| (p.name().to_owned(), p.value().bytes().collect())).collect();
    (c.scheme().to_owned(), c.token68().map(str::to_owned), params, c.offset())
}

/// The fast API on a field value: every challenge, or the first error.
fn fast(value: &[u8]) -> Result<Vec<Model>, Error> {
    Challenges::new(value).map(|c| c.map(|c| model(&c))).collect()
}

/// The end of the field value: the first CR or LF that does not start an obs-fold (CRLF
/// followed by SP or HTAB, RFC 9112 §5.2).
fn value_end(input: &[u8]) -> usize {
    let mut i = 0;
    while i < input.len() {
        match input[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => i += 3,
            [b'\r' | b'\n', ..] => return i,
            _ => i += 1,
        }
    }
    i
}

/// `challenges`, with the error as a signpost error in `input`.
fn nom_list(input: &[u8]) -> Result<(usize, Vec<Model>), Error> {
    match challenges::<NomError>(input) {
        Ok((rest, list)) => {
            let models = list.map(|c| model(&c.expect("checked by challenges"))).collect();
            Ok((input.len() - rest.len(), models))
        }
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(e.to_error(input)),
        Err(nom::Err::Incomplete(_)) => unreachable!("complete parsers"),
    }
}

/// A challenge list composed of `challenge` and `list_separator`, with empty elements at
/// either end: `*( OWS "," ) [ challenge *( list_separator challenge ) ] *( OWS "," ) OWS`.
fn composed(input: &[u8]) -> Result<Vec<Model>, Error> {
    let value = &input[..value_end(input)];
    let mut out = Vec::new();
    let (mut rest, _) = ows::<NomError>(value).unwrap();
    if let Ok((after, _)) = list_separator::<NomError>(rest) {
        rest = after;
    }
    while !rest.is_empty() {
        let (after, c) = challenge::<NomError>(rest).map_err(|e| match e {
            nom::Err::Error(e) | nom::Err::Failure(e) => e.to_error(value),
            nom::Err::Incomplete(_) => unreachable!(),
        })?;
        // Offsets are into the input given to `challenge`: here, into the value.
        let mut m = model(&c);
        m.3 += value.len() - rest.len();
        out.push(m);
        let (after, _) = ows::<NomError>(after).unwrap();
        if after.is_empty() {
            break;
        }
        // A challenge ends before a comma or the end of the value.
        let (after, _) = list_separator::<NomError>(after).expect("a comma after a challenge");
        rest = after;
    }
    Ok(out)
}

#[test]
fn rfc_9110_11_6_1_example() {
    // RFC 9110 §11.6.1: two challenges in one field value.
    let value = br#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
    let (rest, list) = challenges::<NomError>(value).unwrap();
    assert!(rest.is_empty());
    let schemes: Vec<_> = list.map(|c| c.unwrap().scheme()).collect();
    assert_eq!(schemes, ["Basic", "Newauth"]);
    assert_eq!(nom_list(value).unwrap().1, fast(value).unwrap());
    assert_eq!(composed(value), fast(value));
}

#[test]
fn sip_digest_line() {
    // RFC 3261 §20.44, the WWW-Authenticate example, on one line as a SIP stack receives it
    // after unfolding.
    let line = b"WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n";
    let mut field = delimited(
        (tag_no_case(&b"WWW-Authenticate"[..]), ows, tag(&b":"[..]), ows),
        challenges::<NomError>,
        tag(&b"\r\n"[..]),
    );
    let (rest, mut list) = field.parse(&line[..]).unwrap();
    assert!(rest.is_empty());
    let digest = list.next().unwrap().unwrap();
    assert!(list.next().is_none());
    assert!(digest.scheme_is("digest"));
    let params: Vec<(&str, String)> =
        digest.params().map(|p| (p.name(), p.value().to_string())).collect();
    assert_eq!(
        params,
        [
            ("realm", "atlanta.com".to_owned()),
            ("domain", "sip:boxesbybob.com".to_owned()),
            ("qop", "auth".to_owned()),
            ("nonce", "f84f1cec41e6cbe5aea9c8e88d359".to_owned()),
            ("opaque", String::new()),
            ("stale", "FALSE".to_owned()),
            ("algorithm", "MD5".to_owned()),
        ]
    );
    // Offsets are into the input the parser was given: the value starts at byte 18.
    assert_eq!(digest.offset(), 0);
    let (_, one) =
        preceded(tag(&b"WWW-Authenticate: "[..]), challenge::<NomError>).parse(&line[..]).unwrap();
    assert_eq!(model(&one), model(&digest));
}

#[test]
fn the_field_value_ends_at_cr_or_lf() {
    let input = b"Bearer realm=\"a\", Basic\r\nLink: </x>\r\n";
    let (rest, list) = challenges::<NomError>(input).unwrap();
    assert_eq!(rest, b"\r\nLink: </x>\r\n");
    assert_eq!(list.count(), 2);
    // A bare LF ends it too; what follows is the caller's.
    let (rest, c) = challenge::<NomError>(b"Negotiate abc==\nx").unwrap();
    assert_eq!((c.token68(), rest), (Some("abc=="), &b"\nx"[..]));
    // A quoted string cannot run over the line end: the value ends inside it.
    let input = b"Bearer realm=\"a\r\n\"";
    let nom::Err::Error(e) = challenges::<NomError>(input).unwrap_err() else { panic!() };
    assert_eq!(e.message(), "missing closing DQUOTE of quoted-string");
    assert_eq!(e.to_error(input).offset(), 15);
    assert_eq!(e.found(), Found::End);
    // An obs-fold (RFC 9112 §5.2: CRLF followed by SP or HTAB) does not end the value: it is
    // whitespace there, as for the fast API, and SP inside a quoted-string.
    let input = b"Basic realm=\"a\",\r\n realm2=\"b\r\n\tc\"\r\nLink: </x>";
    let (rest, mut list) = challenges::<NomError>(input).unwrap();
    assert_eq!(rest, b"\r\nLink: </x>");
    let basic = list.next().unwrap().unwrap();
    assert_eq!(basic.param("realm2").unwrap().to_string(), "b  \tc");
    let fast = Challenges::new(&input[..input.len() - rest.len()]).next().unwrap().unwrap();
    assert_eq!(model(&basic), model(&fast));
    let (rest, sep) = list_separator::<NomError>(&b" ,\r\n\t, x"[..]).unwrap();
    assert_eq!((sep, rest), (&b" ,\r\n\t, "[..], &b"x"[..]));
}

#[test]
fn errors_keep_the_rule_and_the_offset_in_the_callers_input() {
    let block = b"WWW-Authenticate: Bearer realm=\"x\" error=\"y\"\r\n";
    let mut field = preceded(
        (tag(&b"WWW-Authenticate:"[..]), ows),
        context("challenges", challenges::<NomError>),
    );
    let nom::Err::Error(e) = field.parse(&block[..]).unwrap_err() else { panic!() };
    let value = &block[18..block.len() - 2];
    let fast_error = Challenges::new(value).next().unwrap().unwrap_err();
    assert_eq!(e.to_error(block), fast_error.shifted(18));
    assert_eq!(
        e.to_error(block).to_string(),
        "expected ',' or end of field after auth-param, found 'e' at byte 35"
    );
    assert_eq!(e.context(), Some("challenges"));
    // The rule stays the message: the context names a nom combinator's failure only.
    assert_eq!(e.message(), "expected ',' or end of field after auth-param");

    // A failure of the caller's own combinator: its kind, and the context as the message.
    let nom::Err::Error(e) =
        preceded(context("field name", tag(&b"WWW-Authenticate:"[..])), challenges::<NomError>)
            .parse(&b"Link: </a>"[..])
            .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(e.kind(), Some(nom::error::ErrorKind::Tag));
    assert_eq!(e.to_error(b"Link: </a>").to_string(), "field name, found 'L' at byte 0");

    // nom's own error type keeps the place.
    let input = b"Bearer realm=\"x\" error=\"y\"";
    let nom::Err::Error(e) = challenges::<nom::error::Error<&[u8]>>(input).unwrap_err() else {
        panic!()
    };
    assert_eq!(e.input, b"error=\"y\"");
}

#[test]
fn challenge_starts_at_the_scheme_and_leaves_the_separators() {
    let (rest, c) = challenge::<NomError>(b"Basic realm=\"a\" , , Bearer").unwrap();
    assert_eq!((c.scheme(), c.param_count(), rest), ("Basic", 1, &b" , , Bearer"[..]));
    let (rest, c) = challenge::<NomError>(b"Basic , realm=\"a\", Bearer").unwrap();
    assert_eq!((c.param_count(), rest), (1, &b", Bearer"[..]));
    let (rest, c) = challenge::<NomError>(b"Negotiate").unwrap();
    assert!(c.is_bare() && rest.is_empty());
    for (input, offset, message) in [
        (&b""[..], 0, "expected auth-scheme (a token)"),
        (b", Basic", 0, "expected auth-scheme (a token)"),
        (b" Basic", 0, "expected auth-scheme (a token)"),
        (b"realm=\"a\"", 0, "expected auth-scheme, found auth-param"),
        (b"Basic a=b c", 10, "expected ',' or end of field after auth-param"),
    ] {
        let nom::Err::Error(e) = challenge::<NomError>(input).unwrap_err() else { panic!() };
        let e = e.to_error(input);
        assert_eq!((e.offset(), e.message()), (offset, message), "{input:?}");
    }
}

#[test]
fn credentials_as_parse_credentials() {
    let block = b"Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l\r\n";
    let (rest, c) = preceded((tag(&b"Authorization:"[..]), ows), credentials::<NomError>)
        .parse(&block[..])
        .unwrap();
    assert_eq!(rest, b"\r\n");
    assert_eq!(c.token68(), Some("YWxhZGRpbjpvcGVuc2VzYW1l"));
    // RFC 9449 §7.1: DPoP credentials.
    let value = b"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    let (_, c) = credentials::<NomError>(value).unwrap();
    assert_eq!(model(&c), model(&parse_credentials(value).unwrap()));
    let value = b"Bearer abc, Basic def";
    let nom::Err::Error(e) = credentials::<NomError>(value).unwrap_err() else { panic!() };
    assert_eq!(e.to_error(value), parse_credentials(value).unwrap_err());
}

#[test]
fn auth_param_alone() {
    let (rest, p) = auth_param::<NomError>(b"realm=\"a\\\"b\"\t, x=y").unwrap();
    assert_eq!((p.name(), p.value().to_string().as_str()), ("realm", "a\"b"));
    assert_eq!(rest, b"\t, x=y");
    let (rest, p) = auth_param::<NomError>(b"type = 1\r\n").unwrap();
    assert_eq!((p.name(), p.value().as_raw(), rest), ("type", &b"1"[..], &b"\r\n"[..]));
    for (input, offset, message) in [
        (&b"=x"[..], 0, "expected auth-param name (a token)"),
        (b"a b", 2, "expected '=' after auth-param name"),
        (b"a=", 2, "expected token or quoted-string as auth-param value"),
        (b"a=b c", 4, "expected ',' or end of field after auth-param"),
        (b"a=\"b", 4, "missing closing DQUOTE of quoted-string"),
    ] {
        let nom::Err::Error(e) = auth_param::<NomError>(input).unwrap_err() else { panic!() };
        let e = e.to_error(input);
        assert_eq!((e.offset(), e.message()), (offset, message), "{input:?}");
    }
}

fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let pieces = &[
        "Bearer",
        "Basic",
        "Digest",
        " ",
        "  ",
        "\t",
        ",",
        ", ",
        "=",
        "==",
        "realm",
        "error",
        "a",
        "\"x\"",
        "\"a, b\"",
        "\"\\\"q\\\\\"",
        "\"\"",
        "abc/+",
        "tok~68",
        "\"",
        "\\",
        "'v'",
        "\r\n",
        "\r\n ",
        "\r\n\t",
        "\n",
        "\r",
        "\u{e9}",
    ][..];
    proptest::collection::vec(proptest::sample::select(pieces), 0..16)
        .prop_map(|v| v.concat().into_bytes())
}

/// The properties are ignored under Miri (proptest's runner alone costs minutes a test
/// there); run with `--ignored`, they take `PROPTEST_CASES` cases and write no regression
/// file (Miri isolates the file system).
fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: 2000, ..ProptestConfig::default() }
    }
}

fn agree(input: &[u8]) -> Result<(), TestCaseError> {
    let end = value_end(input);
    let fast = fast(&input[..end]);
    // `challenges`: the same challenges or the same error, and the value consumed whole.
    let nom = nom_list(input);
    prop_assert_eq!(nom.clone().map(|(_, m)| m), fast.clone());
    if let Ok((consumed, _)) = nom {
        prop_assert_eq!(consumed, end);
    }
    // A list composed of `challenge`: the same, except that an empty list is for its caller
    // to refuse (`1#challenge`), as `challenges` and the fast API do.
    match (composed(input), &fast) {
        (Ok(list), Err(e)) if list.is_empty() => {
            prop_assert_eq!(e.message(), "expected challenge (WWW-Authenticate = 1#challenge)");
        }
        (composed, fast) => prop_assert_eq!(&composed, fast),
    }
    // `credentials`: as `parse_credentials`.
    let nom = match credentials::<NomError>(input) {
        Ok((rest, c)) => {
            prop_assert_eq!(rest.len(), input.len() - end);
            Ok(model(&c))
        }
        Err(nom::Err::Error(e)) => Err(e.to_error(input)),
        Err(_) => unreachable!(),
    };
    prop_assert_eq!(nom, parse_credentials(&input[..end]).map(|c| model(&c)));
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_fast_api_on_fragments(input in fragments()) {
        agree(&input)?;
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_fast_api_on_arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..48)) {
        agree(&input)?;
    }
}
