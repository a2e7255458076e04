//! The nom parsers of the `nom` feature: RFC 8288 §3.5 examples, errors with their rule and
//! their offset in the caller's input, and agreement with `Links::new` on generated input,
//! directly and as a list composed of `link_value`.

#![cfg(feature = "nom")]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::sequence::delimited;
use nom::Parser;
use proptest::prelude::*;
use signpost_link::nom::{link_value, links, list_separator, ows, NomError};
use signpost_link::{Error, Link, Links, Rel};

type Model = (Vec<u8>, Vec<(Vec<u8>, Option<Vec<u8>>)>, usize);

fn model(link: &Link<'_>) -> Model {
    let params = link
        .params()
        .map(|p| (p.name_bytes().to_vec(), p.value().map(|v| v.bytes().collect())))
        .collect();
    (link.target().to_vec(), params, link.offset())
}

fn fast(value: &[u8]) -> Result<Vec<Model>, Error> {
    Links::new(value).map(|l| l.map(|l| model(&l))).collect()
}

fn value_end(input: &[u8]) -> usize {
    input.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(input.len())
}

fn nom_list(input: &[u8]) -> Result<(usize, Vec<Model>), Error> {
    match links::<NomError>(input) {
        Ok((rest, list)) => {
            let models = list.map(|l| model(&l.expect("checked by links"))).collect();
            Ok((input.len() - rest.len(), models))
        }
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(e.to_error(input)),
        Err(nom::Err::Incomplete(_)) => unreachable!("complete parsers"),
    }
}

/// `*( OWS "," ) [ link-value *( list_separator link-value ) ] *( OWS "," ) OWS`.
fn composed(input: &[u8]) -> Result<Vec<Model>, Error> {
    let value = &input[..value_end(input)];
    let separators = |i| take_while::<_, _, NomError>(|b| matches!(b, b' ' | b'\t' | b','))(i);
    let mut out = Vec::new();
    let (mut rest, _) = separators(value).unwrap();
    while !rest.is_empty() {
        let (after, link) = link_value::<NomError>(rest).map_err(|e| match e {
            nom::Err::Error(e) | nom::Err::Failure(e) => e.to_error(value),
            nom::Err::Incomplete(_) => unreachable!(),
        })?;
        let mut m = model(&link);
        m.2 += value.len() - rest.len();
        out.push(m);
        let (after, _) = ows::<NomError>(after).unwrap();
        if after.is_empty() {
            break;
        }
        let (after, _) = list_separator::<NomError>(after).expect("a comma after a link-value");
        rest = after;
    }
    Ok(out)
}

#[test]
fn rfc_8288_3_5_examples() {
    for value in [
        &br#"<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter""#[..],
        br#"</>; rel="http://example.net/foo""#,
        br##"</terms>; rel="copyright"; anchor="#foo""##,
        br#"</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel"#,
        br#"<http://example.org/>; rel="start http://example.net/relation/other""#,
    ] {
        let (rest, _) = links::<NomError>(value).unwrap();
        assert!(rest.is_empty());
        assert_eq!(nom_list(value).unwrap().1, fast(value).unwrap());
        assert_eq!(composed(value), fast(value));
    }
}

#[test]
fn a_header_block_with_links() {
    let block = b"Link: <https://api.github.com/repositories/1300192/issues?page=2>; rel=\"prev\", <https://api.github.com/repositories/1300192/issues?page=4>; rel=\"next\"\r\n";
    let mut field = delimited(
        (tag_no_case(&b"link"[..]), tag(&b":"[..]), ows),
        links::<NomError>,
        tag(&b"\r\n"[..]),
    );
    let (rest, list) = field.parse(&block[..]).unwrap();
    assert!(rest.is_empty());
    let next = list.filter_map(Result::ok).find(|l| l.has_rel(Rel::NEXT)).unwrap();
    assert_eq!(next.target(), b"https://api.github.com/repositories/1300192/issues?page=4");
}

#[test]
fn link_value_leaves_the_separators() {
    let (rest, link) = link_value::<NomError>(b"</a>; rel=next\t, </b>").unwrap();
    assert_eq!((link.target(), rest), (&b"/a"[..], &b"\t, </b>"[..]));
    // The strict fast scanner and the general one (a quoted-pair) end the same way.
    let (rest, link) = link_value::<NomError>(b"</a>; title=\"a\\\"b\" ,").unwrap();
    assert_eq!((link.title().unwrap().to_string(), rest), ("a\"b".to_owned(), &b" ,"[..]));
    let (rest, _) = link_value::<NomError>(b"</a>\r\nLink: </b>").unwrap();
    assert_eq!(rest, b"\r\nLink: </b>");
    for (input, offset, message) in [
        (&b""[..], 0, "expected '<' to open link-value"),
        (b" </a>", 0, "expected '<' to open link-value"),
        (b"</a", 3, "missing '>' to close URI-Reference"),
        (b"</a b>", 3, "invalid character in URI-Reference"),
        (b"</a>; rel=next x", 15, "expected ';' or ',' after link-param"),
        (b"</a>; =x", 6, "expected token for link-param name"),
    ] {
        let nom::Err::Error(e) = link_value::<NomError>(input).unwrap_err() else { panic!() };
        let e = e.to_error(input);
        assert_eq!((e.offset(), e.message()), (offset, message), "{input:?}");
        if offset > 0 {
            // `Links` skips empty elements and leading OWS; past them, the same error.
            assert_eq!(Err(e), fast(input), "{input:?}");
        }
    }
}

#[test]
fn errors_keep_the_offset_in_the_callers_input() {
    let block = b"Link: </a>; rel=next, https://b\r\n";
    let nom::Err::Error(e) =
        (tag(&b"Link: "[..]), links::<NomError>).parse(&block[..]).unwrap_err()
    else {
        panic!()
    };
    let fast_error = Links::new(&block[6..block.len() - 2]).find_map(Result::err).unwrap();
    assert_eq!(e.to_error(block), fast_error.shifted(6));
    assert_eq!(
        e.to_error(block).to_string(),
        "expected '<' to open link-value, found 'h' at byte 22"
    );
}

fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let pieces = &[
        "<",
        ">",
        "</a>",
        "<http://x/%20>",
        "%",
        "%2",
        ";",
        "; ",
        " ",
        "\t",
        ",",
        ", ",
        "rel",
        "=",
        "next",
        "\"x y\"",
        "\"a\\\"b\"",
        "\"",
        "\\",
        "title*",
        "UTF-8''a%20b",
        "UTF-8'de'",
        "anchor",
        "\r\n",
        "\n",
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
    let nom = nom_list(input);
    prop_assert_eq!(nom.clone().map(|(_, m)| m), fast.clone());
    if let Ok((consumed, _)) = nom {
        prop_assert_eq!(consumed, end);
    }
    prop_assert_eq!(composed(input), fast);
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
