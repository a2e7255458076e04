//! Whole header blocks (an HTTP/1.1 401 and a SIP 401) read by a nom parser built around the
//! `nom` feature's parsers: `WWW-Authenticate` by `signpost_challenge::nom::challenges`,
//! `Link` by `signpost_link::nom::links`, any other field by `field_value`; errors point
//! into the block.

use nom::bytes::complete::{tag, take_while1};
use nom::combinator::cut;
use nom::multi::many0;
use nom::sequence::terminated;
use nom::{IResult, Parser};
use signpost_challenge::nom::{challenges, field_value, ows, token, NomError};
use signpost_challenge::Challenges;
use signpost_link::nom::links;
use signpost_link::{Links, Rel};

/// One field line of a header block, its value parsed by the grammar of its name.
#[derive(Debug)]
enum Field<'a> {
    WwwAuthenticate(Challenges<'a>),
    Link(Links<'a>),
    Other(&'a str, &'a [u8]),
}

type R<'a, O> = IResult<&'a [u8], O, NomError<'a>>;

/// `field-line = field-name ":" OWS field-value OWS` CRLF (RFC 9112 §5). Past the colon,
/// a bad value is a failure (`cut`), so that `many0` reports it instead of stopping there.
fn field_line(input: &[u8]) -> R<'_, Field<'_>> {
    let (rest, name) = terminated(token, (tag(&b":"[..]), ows)).parse(input)?;
    let (rest, field) = if name.eq_ignore_ascii_case("www-authenticate") {
        cut(challenges).map(Field::WwwAuthenticate).parse(rest)?
    } else if name.eq_ignore_ascii_case("link") {
        cut(links).map(Field::Link).parse(rest)?
    } else {
        field_value.map(|v| Field::Other(name, v)).parse(rest)?
    };
    let (rest, _) = tag(&b"\r\n"[..])(rest)?;
    Ok((rest, field))
}

/// `start-line CRLF *( field-line CRLF ) CRLF` (RFC 9112 §2.1; SIP's is the same shape,
/// RFC 3261 §7).
fn header_block(input: &[u8]) -> R<'_, (&[u8], Vec<Field<'_>>)> {
    let start_line = terminated(take_while1(|b| b != b'\r' && b != b'\n'), tag(&b"\r\n"[..]));
    terminated((start_line, many0(field_line)), tag(&b"\r\n"[..])).parse(input)
}

#[test]
fn an_http_401_with_challenges_and_links() {
    // An MCP server's 401 (the resource metadata in the challenge, RFC 9728 §5.1) with the
    // same URL as a Link, the way draft-sakimura-oauth-meta puts metadata in Link fields.
    let block = b"HTTP/1.1 401 Unauthorized\r\n\
WWW-Authenticate: Bearer realm=\"mcp\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", DPoP algs=\"ES256 PS256\"\r\n\
Link: <https://as.example.com/authorize>; rel=\"oauth2-authorize\", </docs>; rel=\"help\"\r\n\
Content-Length: 0\r\n\
\r\n";
    let (rest, (start, fields)) = header_block(block).unwrap();
    assert!(rest.is_empty());
    assert_eq!(start, b"HTTP/1.1 401 Unauthorized");
    assert_eq!(fields.len(), 3);
    let Field::WwwAuthenticate(challenges) = &fields[0] else { panic!("{:?}", fields[0]) };
    let schemes: Vec<&str> = challenges.clone().map(|c| c.unwrap().scheme()).collect();
    assert_eq!(schemes, ["Bearer", "DPoP"]);
    let bearer = challenges.clone().find_scheme("bearer").unwrap().unwrap();
    assert_eq!(
        bearer.param("resource_metadata").unwrap(),
        "https://mcp.example.com/.well-known/oauth-protected-resource"
    );
    let Field::Link(links) = &fields[1] else { panic!("{:?}", fields[1]) };
    let help = links.clone().filter_map(Result::ok).find(|l| l.has_rel(Rel::HELP)).unwrap();
    assert_eq!(help.target(), b"/docs");
    let Field::Other(name, value) = fields[2] else { panic!("{:?}", fields[2]) };
    assert_eq!((name, value), ("Content-Length", &b"0"[..]));
}

#[test]
fn a_sip_401_with_a_digest_challenge() {
    // RFC 3261 §20.44: the WWW-Authenticate example, unfolded onto one line, in a 401.
    let block = b"SIP/2.0 401 Unauthorized\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r\n\
WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n\
Content-Length: 0\r\n\
\r\n";
    let (_, (_, fields)) = header_block(block).unwrap();
    let Field::WwwAuthenticate(challenges) = &fields[1] else { panic!("{:?}", fields[1]) };
    let digest = challenges.clone().find_scheme("Digest").unwrap().unwrap();
    assert_eq!(digest.param("nonce").unwrap(), "f84f1cec41e6cbe5aea9c8e88d359");
    assert_eq!(digest.param("stale").unwrap(), "FALSE");
    assert_eq!(digest.param_count(), 7);
}

#[test]
fn errors_point_into_the_block() {
    let block = b"HTTP/1.1 401 Unauthorized\r\n\
Content-Length: 0\r\n\
WWW-Authenticate: Bearer realm=\"mcp\" error=\"invalid_token\"\r\n\
\r\n";
    let Err(nom::Err::Failure(e)) = header_block(block) else { panic!("parsed") };
    let e = e.to_error(block);
    // 27 + 19 bytes of the first two lines, 18 of the field name and OWS, 19 of the value.
    assert_eq!(e.offset(), 27 + 19 + 18 + 19);
    assert_eq!(&block[e.offset()..e.offset() + 5], b"error");
    assert_eq!(e.message(), "expected ',' or end of field after auth-param");

    let block = b"HTTP/1.1 200 OK\r\nLink: </a>; rel=next, https://b\r\n\r\n";
    let Err(nom::Err::Failure(e)) = header_block(block) else { panic!("parsed") };
    let e = e.to_error(block);
    assert_eq!(e.to_string(), "expected '<' to open link-value, found 'h' at byte 39");
}
