//! The `Link` parser, writer, registry and response metadata against RFC 8288 §3.5, the
//! bug classes other parsers had, a naive reference parser and proptest round trips.
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use proptest::prelude::*;
use signpost_link::{
    resolve, EncodedValue, Error, ExtValue, Leniency, Link, LinkWriter, Links, Rel, RelStatus,
    ResponseMetadata, Source, Title, Value,
};

/// A link as plain data: target, then (name, value) in order.
use naive::Flat;

fn flat(link: &Link<'_>) -> Flat {
    let params = link
        .params()
        .map(|p| (p.name_bytes().to_vec(), p.value().map(|v| v.bytes().collect())))
        .collect();
    (link.target().to_vec(), params)
}

#[track_caller]
fn parse(field: &str) -> Vec<Flat> {
    Links::new(field.as_bytes())
        .map(|l| l.map(|l| flat(&l)))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{field:?}: {e}"))
}

#[track_caller]
fn parse_err(field: &str) -> Error {
    match Links::new(field.as_bytes()).find_map(Result::err) {
        Some(e) => e,
        None => panic!("{field:?} parsed"),
    }
}

fn l(target: &str, params: &[(&str, Option<&str>)]) -> Flat {
    (
        target.as_bytes().to_vec(),
        params
            .iter()
            .map(|(n, v)| (n.as_bytes().to_vec(), v.map(|v| v.as_bytes().to_vec())))
            .collect(),
    )
}

fn first(field: &str) -> Link<'_> {
    Links::new(field.as_bytes()).next().unwrap().unwrap()
}

fn rels(link: &Link<'_>) -> Vec<String> {
    link.rels().map(|r| r.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// RFC 8288 §3.5, verbatim (the RFC folds the long ones over lines for display only).

#[test]
fn rfc8288_previous_chapter() {
    let field =
        r#"<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter""#;
    assert_eq!(
        parse(field),
        [l(
            "http://example.com/TheBook/chapter2",
            &[("rel", Some("previous")), ("title", Some("previous chapter"))]
        )]
    );
    let link = first(field);
    assert!(link.has_rel(Rel::PREVIOUS));
    assert_eq!(link.title(), Some(Title::Plain(Value::token(b"previous chapter"))));
}

#[test]
fn rfc8288_extension_relation() {
    let link = first(r#"</>; rel="http://example.net/foo""#);
    assert_eq!(link.target(), b"/");
    assert_eq!(rels(&link), ["http://example.net/foo"]);
    let rel = link.rels().next().unwrap();
    assert!(rel.is_extension() && rel.info().is_none());
    assert_eq!(rel, Rel::new("HTTP://EXAMPLE.NET/FOO")); // compared as strings, ignoring case
    assert_ne!(rel, Rel::new("http://example.net/fo%6f")); // no URI normalisation
}

#[test]
fn rfc8288_anchor() {
    let link = first(r##"</terms>; rel="copyright"; anchor="#foo""##);
    assert!(link.has_rel(Rel::COPYRIGHT));
    assert_eq!(link.anchor().unwrap(), "#foo");
}

#[test]
fn rfc8288_title_star() {
    let field = "</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel";
    let links: Vec<Link<'_>> = Links::new(field.as_bytes()).collect::<Result<_, _>>().unwrap();
    assert_eq!(links.len(), 2);
    let titles: Vec<String> = links.iter().map(|l| l.title().unwrap().to_string()).collect();
    assert_eq!(titles, ["letztes Kapitel", "nächstes Kapitel"]);
    let ext = links[1].title_star().unwrap();
    assert!(ext.is_utf8());
    assert_eq!(ext.language(), "de");
    assert_eq!(ext.charset(), "UTF-8");
    assert_eq!(ext.encoded(), b"n%c3%a4chstes%20Kapitel");
    assert_eq!(ext.decoded_len(), "nächstes Kapitel".len());
    let mut buf = [0u8; 32];
    assert_eq!(ext.decode_into(&mut buf), Some("nächstes Kapitel".as_bytes()));
    assert_eq!(ext.decode_str_into(&mut buf), Some("nächstes Kapitel"));
    assert_eq!(ext.decode_into(&mut [0u8; 4]), None);
    assert_eq!(links[1].title().unwrap().language().unwrap(), "de");
    assert_eq!(links[1].offset(), 72);
}

#[test]
fn rfc8288_multiple_relation_types() {
    let link = first(r#"<http://example.org/>; rel="start http://example.net/relation/other""#);
    assert_eq!(rels(&link), ["start", "http://example.net/relation/other"]);
    assert!(link.has_rel(Rel::START));
    assert!(link.has_rel(Rel::new("http://example.net/relation/other")));
}

#[test]
fn rfc8288_one_field_or_two() {
    let one =
        parse(r#"<https://example.org/>; rel="start", <https://example.org/index>; rel="index""#);
    let lines: [&[u8]; 2] =
        [br#"<https://example.org/>; rel="start""#, br#"<https://example.org/index>; rel="index""#];
    let two: Vec<Flat> = Links::from_lines(&lines).map(|l| flat(&l.unwrap())).collect();
    assert_eq!(one, two);
    assert_eq!(one.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Real-world fields.

#[test]
fn github_pagination() {
    let field = r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#;
    let by_rel = |rel: Rel<'_>| {
        Links::new(field.as_bytes())
            .map(Result::unwrap)
            .find(|l| l.has_rel(rel))
            .map(|l| l.target_str().unwrap().rsplit('=').next().unwrap().to_owned())
    };
    assert_eq!(by_rel(Rel::PREV).as_deref(), Some("2"));
    assert_eq!(by_rel(Rel::NEXT).as_deref(), Some("4"));
    assert_eq!(by_rel(Rel::LAST).as_deref(), Some("515"));
    assert_eq!(by_rel(Rel::FIRST).as_deref(), Some("1"));
    assert_eq!(by_rel(Rel::PREVIOUS), None);
}

#[test]
fn preload_hints() {
    assert_eq!(
        parse("</app.js>; rel=preload; as=script; nopush"),
        [l("/app.js", &[("rel", Some("preload")), ("as", Some("script")), ("nopush", None)])]
    );
    let field = "</style.css>; rel=preload; as=style, </font.woff2>; rel=preload; as=font; crossorigin, <https://cdn.example.com>; rel=preconnect";
    let links: Vec<Link<'_>> = Links::new(field.as_bytes()).map(Result::unwrap).collect();
    assert_eq!(links.len(), 3);
    assert!(links[..2].iter().all(|l| l.has_rel(Rel::PRELOAD)));
    assert_eq!(links[1].param("crossorigin").map(|p| p.value()), Some(None));
    assert_eq!(links[1].param("AS").unwrap().value().unwrap(), "font");
    assert!(links[2].has_rel(Rel::PRECONNECT));
}

#[test]
fn sakimura_examples() {
    // Token response (draft-sakimura-oauth-meta-05 §3).
    let field =
        r#"<https://example.com/userinfo>; rel="ruri", <https://example.com/disco>; rel="duri""#;
    let links: Vec<Link<'_>> = Links::new(field.as_bytes()).map(Result::unwrap).collect();
    assert!(links[0].has_rel(Rel::RURI) && links[1].has_rel(Rel::DURI));
    let info = Rel::RURI.info().unwrap();
    assert_eq!(info.status(), RelStatus::UnregisteredDraft);
    assert!(!Rel::RURI.is_registered() && Rel::NEXT.is_registered());
    let meta = ResponseMetadata::from_link_field(field.as_bytes()).unwrap();
    assert_eq!(meta.resource_endpoint().unwrap().as_str(), Some("https://example.com/userinfo"));
    assert_eq!(meta.discovery().unwrap().as_str(), Some("https://example.com/disco"));
    assert!(meta.token_endpoint().is_none() && meta.authorization_endpoint().is_none());

    // Authorization response (§2); the draft breaks the Location line for display only.
    let location = "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&turi=https%3A%2F%2Fexample.com%2Ftoken&duri=https%3A%2F%2Fexample.com%2Fdisco&state=xyz";
    let meta = ResponseMetadata::from_redirect_uri(location.as_bytes()).unwrap();
    let turi = meta.token_endpoint().unwrap();
    assert_eq!(turi.as_raw(), b"https%3A%2F%2Fexample.com%2Ftoken");
    assert!(turi.eq_bytes(b"https://example.com/token"));
    assert_eq!(meta.discovery().unwrap().to_string(), "https://example.com/disco");
    assert!(meta.resource_endpoint().is_none());

    // And back, both forms.
    let mut out = String::new();
    meta.write_links(&mut LinkWriter::new(&mut out)).unwrap();
    assert_eq!(
        out,
        r#"<https://example.com/token>; rel="turi", <https://example.com/disco>; rel="duri""#
    );
    let mut query = String::new();
    assert_eq!(meta.write_query(&mut query), Ok(2));
    assert_eq!(
        query,
        "turi=https%3A%2F%2Fexample.com%2Ftoken&duri=https%3A%2F%2Fexample.com%2Fdisco"
    );
}

#[test]
fn metadata_precedence_and_errors() {
    let response = ResponseMetadata::from_query(
        b"code=x&ruri=https%3A%2F%2Frs.example%2Fv2&auri=https%3A%2F%2Fas.example%2Fauthz",
    )
    .unwrap();
    let discovery = ResponseMetadata::new()
        .with_token_endpoint("https://as.example/token")
        .with_resource_endpoint("https://rs.example/v1");
    let r = resolve(&response, &discovery);
    assert_eq!(r.token_endpoint().unwrap().source(), Source::Discovery);
    assert_eq!(r.token_endpoint().unwrap().uri().as_str(), Some("https://as.example/token"));
    assert_eq!(r.resource_endpoint().unwrap().source(), Source::Response);
    assert_eq!(r.resource_endpoint().unwrap().uri().to_string(), "https://rs.example/v2");
    assert_eq!(r.authorization_endpoint().unwrap().source(), Source::Response);
    assert!(r.discovery().is_none());
    assert_eq!(response.resolve(&discovery), r);

    let cases: &[(&str, &str, usize)] = &[
        ("https://c/cb?turi=a&turi=b", "duplicate turi parameter in query", 20),
        ("https://c/cb?duri=%zz", "expected two hex digits after '%' in query parameter", 18),
        ("https://c/cb?x=1&auri=%4", "expected two hex digits after '%' in query parameter", 22),
    ];
    for &(uri, message, offset) in cases {
        let e = ResponseMetadata::from_redirect_uri(uri.as_bytes()).unwrap_err();
        assert_eq!((e.message(), e.offset()), (message, offset), "{uri}");
    }
    // Only the query counts: no query, a fragment, a bad %-triple elsewhere.
    assert!(ResponseMetadata::from_redirect_uri(b"https://c/cb").unwrap().is_empty());
    assert!(ResponseMetadata::from_redirect_uri(b"https://c/cb?code=%zz#turi=x")
        .unwrap()
        .is_empty());
    // `+` is a space in a query; names decode too.
    let m = ResponseMetadata::from_query(b"t%75ri=a+b").unwrap();
    assert!(m.token_endpoint().unwrap().eq_bytes(b"a b"));
    // Written back as a form value, as the authorization response's query is (RFC 6749
    // Appendix B): the space as `+` (the one form encoder, which signpost-error uses too).
    let mut query = String::new();
    m.write_query(&mut query).unwrap();
    assert_eq!(query, "turi=a+b");
    // A name with a broken escape is no metadata name, as in signpost-error.
    assert!(ResponseMetadata::from_query(b"t%7uri=x").unwrap().is_empty());

    let e =
        ResponseMetadata::from_link_field(b"</a>; rel=turi, </b>; rel=\"next TURI\"").unwrap_err();
    assert_eq!((e.message(), e.offset()), ("duplicate turi link", 16));
    // A link about another context does not describe this response.
    let m = ResponseMetadata::from_link_field(b"</a>; rel=turi; anchor=\"/other\"").unwrap();
    assert!(m.is_empty());
    // Lenient links can feed it too.
    let links = Links::new(b"<https://as.example/token>; rel=turi;").with_leniency(Leniency::ALL);
    assert!(ResponseMetadata::from_links(links).unwrap().token_endpoint().is_some());
}

// ---------------------------------------------------------------------------------------------
// Bug classes other parsers had (landscape §7, §9 item 19).

#[test]
fn duplicate_rels_are_two_links() {
    // thlorenz/parse-link-header#11, node-http-link-header#7: one map entry per rel.
    let links = parse("</a>; rel=next, </b>; rel=next, </c>; rel=\"next\"");
    assert_eq!(links.len(), 3);
    assert_eq!(links[2], l("/c", &[("rel", Some("next"))]));
}

#[test]
fn multi_valued_rel_is_split() {
    // parse-link-header#6.
    let link = first("</s.css>; rel=\"alternate  stylesheet\t\"");
    assert_eq!(rels(&link), ["alternate", "stylesheet"]);
    assert!(link.has_rel(Rel::STYLESHEET) && link.has_rel(Rel::new("ALTERNATE")));
    assert_eq!(first("</a>; rel=\"\"").rels().count(), 0);
    assert_eq!(first("</a>; title=x").rels().count(), 0);
}

#[test]
fn commas_in_targets_and_quoted_values() {
    // guzzle/psr7#595, w3c/ldp-testsuite#158, jersey#3151, requests#2707.
    assert_eq!(
        parse(r#"<https://x.example/a,b?c=1,2>; rel=next; title="Chapter 2, part 1", </z>"#),
        [
            l(
                "https://x.example/a,b?c=1,2",
                &[("rel", Some("next")), ("title", Some("Chapter 2, part 1"))]
            ),
            l("/z", &[]),
        ]
    );
    assert_eq!(
        parse(r#"</q>; title="a \"quoted\", \\ one"; rel=x"#),
        [l("/q", &[("title", Some(r#"a "quoted", \ one"#)), ("rel", Some("x"))])]
    );
}

#[test]
fn value_less_params_keep_the_next_link() {
    // spring-hateoas#2480.
    assert_eq!(
        parse("</a>; nopush, </b>; rel=next; crossorigin ; x"),
        [
            l("/a", &[("nopush", None)]),
            l("/b", &[("rel", Some("next")), ("crossorigin", None), ("x", None)])
        ]
    );
}

#[test]
fn first_occurrence_rules() {
    let link = first(
        "</a>; rel=next; rel=prev; anchor=\"#x\"; anchor=\"#y\"; title=one; title=two; type=\"text/html\"; type=\"a/b\"; media=screen; media=print; hreflang=en; hreflang=de",
    );
    assert_eq!(rels(&link), ["next"]);
    assert_eq!(link.anchor().unwrap(), "#x");
    assert_eq!(link.title().unwrap().to_string(), "one");
    assert_eq!(link.media_type().unwrap(), "text/html");
    assert_eq!(link.media().unwrap(), "screen");
    assert_eq!(link.hreflangs().map(|v| v.to_string()).collect::<Vec<_>>(), ["en", "de"]);
    assert_eq!(link.params().filter(|p| p.is("rel")).count(), 2);
    // title* wins over title, in either order; the first title* counts, even if a later
    // one is different.
    let link = first("</a>; title=plain; title*=UTF-8''%e2%82%ac%20rates; title*=UTF-8''other");
    assert_eq!(link.title().unwrap().to_string(), "€ rates");
    // A `rel` without a value is still the first `rel`.
    assert_eq!(first("</a>; rel; rel=next").rels().count(), 0);
}

#[test]
fn many_and_long_params() {
    // More parameters than a link remembers from its first scan, and a parameter list too
    // long for 16-bit offsets: both are scanned again, with the same result.
    let field = "</a>; a=1; b=\"2\"; c; d=\"x\\\"y\"; e=5; f ;g=\"\"";
    assert_eq!(
        parse(field),
        [l(
            "/a",
            &[
                ("a", Some("1")),
                ("b", Some("2")),
                ("c", None),
                ("d", Some("x\"y")),
                ("e", Some("5")),
                ("f", None),
                ("g", Some("")),
            ]
        )]
    );
    // Longer than the 16-bit spans the first scan remembers (a smaller value under Miri,
    // where 70 KB takes minutes).
    let long = "x".repeat(if cfg!(miri) { 700 } else { 70_000 });
    let field = format!("</a>; rel=next; title=\"{long}\"; b; c=3, </z>; rel=prev");
    let links = parse(&field);
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].1.len(), 4);
    assert_eq!(links[0].1[1].1.as_deref(), Some(long.as_bytes()));
    assert_eq!(links[0].1[3], (b"c".to_vec(), Some(b"3".to_vec())));
    assert_eq!(links[1], l("/z", &[("rel", Some("prev"))]));
    let mut out = String::new();
    let first = Links::new(field.as_bytes()).next().unwrap().unwrap();
    LinkWriter::new(&mut out).write_link(&first).unwrap();
    assert_eq!(out, format!("</a>; rel=next; title={long}; b; c=3"));
}

#[test]
fn several_field_lines_are_all_read() {
    // getkirby/toolkit#234: later lines overwrote earlier ones.
    let lines: [&[u8]; 3] = [b"</a>; rel=next", b"", b" </b>; rel=prev , </c>"];
    let links: Vec<Flat> = Links::from_lines(&lines).map(|l| flat(&l.unwrap())).collect();
    assert_eq!(links.len(), 3);
    let offsets: Vec<usize> = Links::from_lines(&lines).map(|l| l.unwrap().offset()).collect();
    // "</a>; rel=next, ,  </b>; rel=prev , </c>"
    assert_eq!(offsets, [0, 19, 36]);
    assert_eq!(Links::from_lines(&[]).count(), 0);
}

#[test]
fn title_star_forms() {
    let cases: &[(&str, &str)] = &[
        ("UTF-8''%e2%82%ac%20rates", "€ rates"),
        ("utf-8'en'plain", "plain"),
        ("\"UTF-8''quoted%21\"", "quoted!"),
        ("\"UTF-8'\\e\\n'a\\%20b\"", "a b"),
        ("ISO-8859-1'en'%A3%20rates", "£ rates"),
        ("x-custom''%41%ff", "A\u{FFFD}"),
    ];
    for (value, text) in cases {
        let field = format!("</a>; title*={value}");
        let link = first(&field);
        assert_eq!(link.title().unwrap().to_string(), *text, "{value}");
    }
    let ext = first("</a>; title*=\"UTF-8'\\e\\n'a\\%20b\"").title_star().unwrap();
    assert_eq!(ext.language(), "en");
    assert!(ext.language().has_escapes());
    let mut buf = [0u8; 8];
    assert_eq!(ext.decode_str_into(&mut buf), Some("a b"));
    let latin = first("</a>; title*=ISO-8859-1''%A3").title_star().unwrap();
    assert!(latin.is_latin1());
    assert_eq!(latin.decode_str_into(&mut buf), Some("£"));
    assert_eq!(latin.decode_str_into(&mut [0u8; 1]), None);
    assert_eq!(ExtValue::parse(Value::token(b"x''a")).unwrap().decode_str_into(&mut buf), None);
}

// ---------------------------------------------------------------------------------------------
// Errors: exact message and offset.

#[test]
fn errors_name_the_grammar_element() {
    let cases: &[(&str, &str, usize)] = &[
        ("https://x", "expected '<' to open link-value", 0),
        ("</a>; rel=next, https://b", "expected '<' to open link-value", 16),
        ("</a", "missing '>' to close URI-Reference", 3),
        ("</a b>", "invalid character in URI-Reference", 3),
        ("</a\"b>", "invalid character in URI-Reference", 3),
        ("</a<b>", "invalid character in URI-Reference", 3),
        ("</\u{e9}>", "invalid character in URI-Reference", 2),
        ("</a%2>", "expected two hex digits after '%' in URI-Reference", 3),
        ("</a> rel=next", "expected ';' or ',' after the URI-Reference of link-value", 5),
        ("</a>; rel=next x", "expected ';' or ',' after link-param", 15),
        ("</a>; rel=next </b>", "expected ';' or ',' after link-param", 15),
        ("</a>;", "expected token for link-param name", 5),
        ("</a>; ; rel=next", "expected token for link-param name", 6),
        ("</a>; =next", "expected token for link-param name", 6),
        ("</a>; rel=", "expected token or quoted-string for link-param value", 10),
        ("</a>; rel=,</b>", "expected token or quoted-string for link-param value", 10),
        ("</a>; title=\"x", "missing closing DQUOTE of quoted-string", 14),
        ("</a>; title=\"x\ny\"", "invalid character in quoted-string", 14),
        ("</a>; title*=UTF-8", "expected mime-charsetc or \"'\" in ext-value", 18),
        ("</a>; title*='en'x", "expected charset in ext-value", 13),
        ("</a>; title*=UTF-8'e n'x", "expected language tag character or \"'\" in ext-value", 20),
        ("</a>; title*=UTF-8'e_n'x", "expected language tag character or \"'\" in ext-value", 20),
        ("</a>; title*=UTF-8''a%2", "expected two hex digits after '%' in ext-value", 21),
        ("</a>; title*=UTF-8''a*b", "expected attr-char or pct-encoded in ext-value", 21),
        ("</a>; title*=UTF-8''%ff", "ext-value in UTF-8 does not decode to UTF-8", 20),
        ("</a>; title*=\"UTF-8''a b\"", "expected attr-char or pct-encoded in ext-value", 22),
        // Found by the link_diff fuzz target: a title* without a value.
        ("</A>; title*", "expected '=' and an ext-value after title*", 12),
        ("</a>; title* ; rel=x", "expected '=' and an ext-value after title*", 13),
    ];
    for &(field, message, offset) in cases {
        let e = parse_err(field);
        assert_eq!((e.message(), e.offset()), (message, offset), "{field:?}");
    }
    // Display names the byte found.
    assert_eq!(
        parse_err("</a b>").to_string(),
        "invalid character in URI-Reference, found ' ' at byte 3"
    );
    // Offsets into several lines count the joining ", ".
    let lines: [&[u8]; 2] = [b"</a>", b"</b>; x=\"y"];
    let e = Links::from_lines(&lines).find_map(Result::err).unwrap();
    assert_eq!((e.message(), e.offset()), ("missing closing DQUOTE of quoted-string", 16));
    // The first error ends a strict iteration.
    let mut it = Links::new(b"</a>, <b c>, </d>");
    assert!(it.next().unwrap().is_ok());
    assert!(it.next().unwrap().is_err());
    assert!(it.next().is_none());
}

#[test]
fn empty_fields_have_no_links() {
    for field in ["", " ", ",", " , ,\t,"] {
        assert_eq!(parse(field), [], "{field:?}");
    }
    assert_eq!(parse(", </a> ,, </b>,").len(), 2);
    assert_eq!(parse("<>").len(), 1);
}

#[test]
fn uri_characters() {
    // Every RFC 3986 character, and %-triples, are accepted.
    let all = "<ABCxyz019-._~:/?#[]@!$&'()*+,;=%20%fF>";
    assert_eq!(first(all).target_str(), Some(&all[1..all.len() - 1]));
    for bad in [' ', '"', '<', '\\', '^', '`', '{', '|', '}', '\t', '\u{7f}', '\u{1}'] {
        let field = format!("</a{bad}b>");
        assert_eq!(parse_err(&field).message(), "invalid character in URI-Reference", "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient mode.

/// RFC 9110 §5.5: no leniency takes CR, LF or NUL into a target or a value; each switch
/// that widens a target or a value refuses them, with an error naming the grammar element.
#[test]
fn lenient_never_passes_cr_lf_nul() {
    // A bare target and an unquoted value end before CR, LF or NUL, and the next step
    // refuses the byte; a loose target refuses it where it stands.
    const AFTER_TARGET: &str = "expected ';' or ',' after the URI-Reference of link-value";
    const AFTER_PARAM: &str = "expected ';' or ',' after link-param";
    let cases: &[(&[u8], Leniency, usize, &str)] = &[
        (
            b"<https://x/a\r\nSet-Cookie: a=b>; rel=next",
            Leniency::LOOSE_TARGET,
            12,
            "invalid character in URI-Reference",
        ),
        (b"<https://x/a\nb>", Leniency::LOOSE_TARGET, 12, "invalid character in URI-Reference"),
        (b"</a\x00b>", Leniency::LOOSE_TARGET, 3, "invalid character in URI-Reference"),
        (b"https://x/a\r\nb; rel=next", Leniency::BARE_TARGET, 11, AFTER_TARGET),
        (b"\r\n", Leniency::BARE_TARGET, 0, AFTER_TARGET),
        (b"<https://x/>; title=a\r\nb", Leniency::UNQUOTED_TEXT, 21, AFTER_PARAM),
        (b"</a>; title=a b\nc; rel=x", Leniency::UNQUOTED_TEXT, 15, AFTER_PARAM),
        (b"</a>; rel=\x00", Leniency::UNQUOTED_TEXT, 10, AFTER_PARAM),
    ];
    for &(field, switch, offset, message) in cases {
        let shown = String::from_utf8_lossy(field);
        for leniency in [switch, Leniency::ALL.difference(Leniency::SKIP_MALFORMED)] {
            let e = Links::new(field).with_leniency(leniency).find_map(Result::err);
            let e = e.unwrap_or_else(|| panic!("{shown:?} accepted with {leniency:?}"));
            assert_eq!((e.offset(), e.message()), (offset, message), "{shown:?} {leniency:?}");
        }
        // Skipping the malformed link drops it: nothing of it comes through.
        let mut links = Links::new(field).with_leniency(Leniency::ALL);
        assert_eq!(links.by_ref().filter_map(Result::ok).count(), 0, "{shown:?}");
        assert_eq!(links.first_skipped().map(|e| e.offset()), Some(offset), "{shown:?}");
    }
    // What the same switches still accept.
    for (field, switch) in [
        (&b"</a b>"[..], Leniency::LOOSE_TARGET),
        (b"</a\tb>", Leniency::LOOSE_TARGET),
        (b"/a; rel=next", Leniency::BARE_TARGET),
        (b"</a>; title=a\tb", Leniency::UNQUOTED_TEXT),
    ] {
        assert!(Links::new(field).with_leniency(switch).all(|l| l.is_ok()), "{field:?}");
    }
}

#[test]
fn lenient_recovers_and_records() {
    let lenient = |field: &str| -> Vec<(Flat, Vec<&'static str>)> {
        Links::new(field.as_bytes())
            .with_leniency(Leniency::ALL)
            .map(|l| {
                let l = l.unwrap();
                (flat(&l), l.forgiven().names().collect())
            })
            .collect()
    };
    /// (target, params, what was forgiven)
    type Expected<'e> = (&'e str, &'e [(&'e str, Option<&'e str>)], &'e [&'e str]);
    let cases: &[(&str, &[Expected<'_>])] = &[
        ("</a b>; rel=next", &[("/a b", &[("rel", Some("next"))], &["loose-target"])]),
        ("</\u{e9}>", &[("/\u{e9}", &[], &["loose-target"])]),
        ("https://x/y; rel=next", &[("https://x/y", &[("rel", Some("next"))], &["bare-target"])]),
        (
            "</a>; title=Chapter two ; rel=x",
            &[("/a", &[("title", Some("Chapter two")), ("rel", Some("x"))], &["unquoted-text"])],
        ),
        ("</a>; rel=", &[("/a", &[("rel", Some(""))], &["unquoted-text"])]),
        (
            "</a>; rel=next </b>; rel=prev",
            &[("/a", &[("rel", Some("next </b>")), ("rel", Some("prev"))], &["unquoted-text"])],
        ),
        (
            "</a>; rel=\"next\" </b>; rel=prev",
            &[
                ("/a", &[("rel", Some("next"))], &[]),
                ("/b", &[("rel", Some("prev"))], &["missing-comma"]),
            ],
        ),
        ("</a>;; rel=next;", &[("/a", &[("rel", Some("next"))], &["empty-params"])]),
        (
            "</a>; title*=latin1'x; title=fallback",
            &[(
                "/a",
                &[("title*", Some("latin1'x")), ("title", Some("fallback"))],
                &["invalid-ext-value"],
            )],
        ),
        ("\"junk\", </b>", &[("/b", &[], &["skip-malformed"])]),
        ("</a>; x=\"1, </b>", &[]),
        (
            "</a>; =x, </b>; rel=\"a, b\", </c>",
            &[("/b", &[("rel", Some("a, b"))], &["skip-malformed"]), ("/c", &[], &[])],
        ),
    ];
    for &(field, expected) in cases {
        let expected: Vec<(Flat, Vec<&str>)> =
            expected.iter().map(|(t, p, f)| (l(t, p), f.to_vec())).collect();
        assert_eq!(lenient(field), expected, "{field:?}");
    }
    // title() ignores an invalid title* and falls back to title.
    let link = Links::new(b"</a>; title*=bad; title=fallback")
        .with_leniency(Leniency::INVALID_EXT_VALUE)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(link.title().unwrap().to_string(), "fallback");
    assert!(link.title_star().is_none());
    // What was skipped is counted.
    let mut links = Links::new(b"<a b>, </c>, {x}, </d>").with_leniency(Leniency::SKIP_MALFORMED);
    assert_eq!(links.by_ref().count(), 2);
    assert_eq!(links.skipped(), 2);
    assert_eq!(links.first_skipped().unwrap().offset(), 2);
    // Each switch alone.
    let only =
        |o: Leniency, field: &str| Links::new(field.as_bytes()).with_leniency(o).all(|l| l.is_ok());
    assert!(only(Leniency::LOOSE_TARGET, "</a b>"));
    assert!(!only(Leniency::LOOSE_TARGET, "/a"));
    assert!(only(Leniency::BARE_TARGET, "/a"));
    assert!(only(Leniency::EMPTY_PARAMS, "</a>;"));
    assert!(!only(Leniency::NONE, "</a>;"));
    assert!(only(Leniency::MISSING_COMMA, "</a> </b>"));
    assert!(only(Leniency::UNQUOTED_TEXT, "</a>; t=a b"));
    assert_eq!(format!("{:?}", Leniency::BARE_TARGET), "Leniency(bare-target)");
}

// ---------------------------------------------------------------------------------------------
// The registry.

#[test]
fn registry_constants() {
    let known = Rel::known();
    assert!(known.len() >= 80);
    for (i, info) in known.iter().enumerate() {
        let name = info.name();
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{name}"
        );
        assert!(known[..i].iter().all(|o| o.name() != name), "{name} twice");
        assert_eq!(Rel::new(&name.to_ascii_uppercase()).info(), Some(info));
        assert_eq!(info.rel(), Rel::new(name));
        assert!(!info.reference().is_empty() && !info.description().is_empty());
    }
    let drafts: Vec<&str> = known
        .iter()
        .filter(|i| i.status() == RelStatus::UnregisteredDraft)
        .map(|i| i.name())
        .collect();
    assert_eq!(drafts, ["turi", "ruri", "duri", "auri"]);
    for (rel, name, reference) in [
        (Rel::NEXT, "next", "HTML"),
        (Rel::PREV, "prev", "HTML"),
        (Rel::PREVIOUS, "previous", "HTML 4.01 Specification"),
        (Rel::FIRST, "first", "RFC8288"),
        (Rel::LAST, "last", "RFC8288"),
        (Rel::SELF, "self", "RFC4287"),
        (Rel::ALTERNATE, "alternate", "HTML"),
        (Rel::DESCRIBEDBY, "describedby", "Protocol for Web Description Resources (POWDER)"),
        (Rel::SERVICE_DESC, "service-desc", "RFC8631"),
        (Rel::SERVICE_DOC, "service-doc", "RFC8631"),
        (Rel::SERVICE_META, "service-meta", "RFC8631"),
        (Rel::PRELOAD, "preload", "Preload"),
        (Rel::CANONICAL, "canonical", "RFC6596"),
        (Rel::RELATED, "related", "RFC4287"),
        (Rel::UP, "up", "RFC8288"),
        (Rel::COLLECTION, "collection", "RFC6573"),
        (Rel::ITEM, "item", "RFC6573"),
        (Rel::EDIT, "edit", "RFC5023"),
        (Rel::LICENSE, "license", "RFC4946"),
        (Rel::AUTHOR, "author", "HTML"),
        (Rel::HELP, "help", "HTML"),
        (Rel::ICON, "icon", "HTML"),
        (Rel::SEARCH, "search", "OpenSearch"),
        (Rel::STYLESHEET, "stylesheet", "HTML"),
        (Rel::PAYMENT, "payment", "RFC8288"),
        (Rel::TURI, "turi", "draft-sakimura-oauth-meta-05"),
        (Rel::RURI, "ruri", "draft-sakimura-oauth-meta-05"),
        (Rel::DURI, "duri", "draft-sakimura-oauth-meta-05"),
    ] {
        assert_eq!(rel.as_str(), Some(name));
        assert_eq!(rel.info().map(|i| i.reference()), Some(reference), "{name}");
    }
    assert!(Rel::AURI.info().unwrap().reference().contains("IETF 95"));
    // Unknown relation types round-trip as sent.
    let link = first("</a>; rel=\"X-Custom urn:example:rel\"");
    let got: Vec<Rel<'_>> = link.rels().collect();
    assert_eq!(got[0].as_str(), Some("X-Custom"));
    assert!(got[0].info().is_none() && !got[0].is_extension() && !got[0].is_registered());
    assert!(got[1].is_extension());
    let mut out = String::new();
    LinkWriter::new(&mut out).link("/a").unwrap().rel(&got).unwrap();
    assert_eq!(out, "</a>; rel=\"X-Custom urn:example:rel\"");
}

#[test]
#[should_panic(expected = "not a reg-rel-type")]
// libtest cannot catch the panic where panics abort (wasm32-wasip1).
#[cfg_attr(not(panic = "unwind"), ignore = "should_panic needs panic=unwind")]
fn from_static_checks_its_name() {
    let _ = Rel::from_static(std::hint::black_box("Not-Lower"));
}

// ---------------------------------------------------------------------------------------------
// The writer.

#[test]
fn writer_refuses_injection() {
    let target_cases: &[(&str, usize, &str)] = &[
        ("/a>, <https://evil>", 2, "character not allowed in URI-Reference"),
        ("/a b", 2, "character not allowed in URI-Reference"),
        ("/a<", 2, "character not allowed in URI-Reference"),
        ("/a\r\nSet-Cookie: x", 2, "control character not allowed in a field value"),
        ("/a\"", 2, "character not allowed in URI-Reference"),
        ("/a%2", 2, "expected two hex digits after '%' in URI-Reference"),
        ("/a%zz", 2, "expected two hex digits after '%' in URI-Reference"),
        ("/\u{e9}", 1, "character not allowed in URI-Reference"),
    ];
    for &(target, offset, message) in target_cases {
        let mut out = String::new();
        let e = LinkWriter::new(&mut out).link(target).map(|_| ()).unwrap_err();
        assert_eq!((e.offset(), e.message()), (Some(offset), message), "{target:?}");
        assert_eq!(out, "", "nothing written for {target:?}");
    }
    let mut out = String::new();
    let mut w = LinkWriter::new(&mut out);
    assert_eq!(
        w.param("a", None).map(|_| ()).unwrap_err().message(),
        "no link-value to add a link-param to"
    );
    w.link("/a").unwrap();
    let e = w.param("title", Some("x\r\nSet-Cookie: y")).map(|_| ()).unwrap_err();
    assert_eq!(
        (e.offset(), e.message()),
        (Some(1), "control character not allowed in a field value")
    );
    assert_eq!(w.param("a b", None).map(|_| ()).unwrap_err().message(), "expected tchar in token");
    assert_eq!(
        w.rel(&[]).map(|_| ()).unwrap_err().message(),
        "rel needs at least one relation type"
    );
    assert_eq!(
        w.rel(&[Rel::new("a b")]).map(|_| ()).unwrap_err().message(),
        "character not allowed in a relation type"
    );
    assert_eq!(
        w.rel(&[Rel::new("")]).map(|_| ()).unwrap_err().message(),
        "a relation type cannot be empty"
    );
    assert_eq!(
        w.anchor("#a\"b").map(|_| ()).unwrap_err().message(),
        "character not allowed in URI-Reference"
    );
    assert_eq!(
        w.title_star("d e", "x").map(|_| ()).unwrap_err().message(),
        "expected ALPHA, DIGIT or '-' in a language tag"
    );
    assert_eq!(
        w.param("title*", Some("not an ext-value")).map(|_| ()).unwrap_err().message(),
        "expected mime-charsetc or \"'\" in ext-value"
    );
    w.param("title", Some("say \"hi\", \\ bye"))
        .unwrap()
        .anchor("#x")
        .unwrap()
        .title_star("", "a\r\n€")
        .unwrap();
    assert_eq!(w.count(), 1);
    assert_eq!(
        out,
        r##"</a>; title="say \"hi\", \\ bye"; anchor="#x"; title*=UTF-8''a%0D%0A%E2%82%AC"##
    );
    // What the writer wrote reads back.
    let link = first(&out);
    assert_eq!(link.title().unwrap().to_string(), "a\r\n€");
    assert_eq!(link.param("title").unwrap().value().unwrap(), "say \"hi\", \\ bye");

    // A lenient link is written back in strict form when it can be.
    let lenient = Links::new(b"</a>; title=Chapter two;; x")
        .with_leniency(Leniency::ALL)
        .next()
        .unwrap()
        .unwrap();
    let mut out = String::new();
    LinkWriter::new(&mut out).write_link(&lenient).unwrap();
    assert_eq!(out, r#"</a>; title="Chapter two"; x"#);
    let loose = Links::new(b"</a b>").with_leniency(Leniency::ALL).next().unwrap().unwrap();
    assert!(LinkWriter::new(&mut String::new()).write_link(&loose).is_err());
    // Found by the link fuzz target: a forgiven bad title* is not written back.
    for field in ["</a>; title*=UTF-8''%ff", "</a>; title*"] {
        let bad =
            Links::new(field.as_bytes()).with_leniency(Leniency::ALL).next().unwrap().unwrap();
        assert!(bad.forgiven().contains(Leniency::INVALID_EXT_VALUE), "{field}");
        let e = LinkWriter::new(&mut String::new()).write_link(&bad).map(|_| ()).unwrap_err();
        assert_eq!(e.message(), "title* is not a valid ext-value");
    }
    // A formatter error is reported as such.
    let mut tiny = heapless_like::Tiny::default();
    let e = LinkWriter::new(&mut tiny).link("/long-enough").map(|_| ()).unwrap_err();
    assert!(e.is_fmt());
}

/// A fixed-capacity writer, standing in for `heapless::String` in a `no_std` program.
mod heapless_like {
    #[derive(Default)]
    pub(crate) struct Tiny {
        len: usize,
    }

    impl core::fmt::Write for Tiny {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            self.len += s.len();
            if self.len > 8 {
                Err(core::fmt::Error)
            } else {
                Ok(())
            }
        }
    }
}

#[test]
fn encoded_values() {
    let v = EncodedValue::verbatim(b"https://x/a%20b+c");
    assert_eq!(v.as_bytes(), Some(&b"https://x/a%20b+c"[..]));
    assert_eq!(v.decoded_len(), 17);
    let f = EncodedValue::form_urlencoded(b"a%20b+c%2x%");
    assert!(f.is_form_urlencoded() && f.as_bytes().is_none() && f.as_str().is_none());
    assert_eq!(f.decode().collect::<Vec<u8>>(), b"a b c%2x%");
    assert_eq!(f.decode_into(&mut [0u8; 3]), None);
    assert_eq!(EncodedValue::form_urlencoded(b"%C3%A9").to_string(), "é");
    assert_eq!(EncodedValue::form_urlencoded(b"%FF").to_string(), "\u{FFFD}");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Links<'static>>();
    check::<Link<'static>>();
    check::<signpost_link::Params<'static>>();
    check::<signpost_link::Param<'static>>();
    check::<signpost_link::Rels<'static>>();
    check::<Rel<'static>>();
    check::<ExtValue<'static>>();
    check::<Title<'static>>();
    check::<Leniency>();
    check::<ResponseMetadata<'static>>();
    check::<EncodedValue<'static>>();
    check::<signpost_link::Resolved<'static>>();
    check::<LinkWriter<'static, String>>();
    check::<Error>();
}

// ---------------------------------------------------------------------------------------------
// A naive reference parser, written in a different style: split the field at top-level
// commas first, then each element at top-level semicolons, then check each piece.

#[path = "support/naive.rs"]
mod naive;

fn ours(field: &[u8]) -> Option<Vec<Flat>> {
    Links::new(field).map(|l| l.map(|l| flat(&l))).collect::<Result<_, _>>().ok()
}

#[test]
fn naive_reference_agrees_on_the_vectors() {
    for field in [
        r#"<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter""#,
        "</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel",
        "</app.js>; rel=preload; as=script; nopush",
        r#"<https://x/a,b>; title="a, b; c", </z>"#,
        "</a> ; x = \"y\" ;z=1 , ,",
        "</a>; title*=UTF-8''%ff",
        "</a b>",
        "</a>;",
    ] {
        assert_eq!(ours(field.as_bytes()), naive::parse(field.as_bytes()), "{field:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Bytes drawn mostly from the characters that matter to the grammar.
fn field_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: &[u8] = b"<>;,=\"\\ \t/:%'*aAz09-.?#[]@!$&()+~^`|{}\x01\x7f\xc3\xa4";
    prop::collection::vec(prop::sample::select(alphabet.to_vec()), 0..48)
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9!#$&'*+.^_`|~-]{1,8}"
        .prop_filter("title* is checked separately", |s| !s.eq_ignore_ascii_case("title*"))
}

fn target() -> impl Strategy<Value = String> {
    "([A-Za-z0-9._~:/?#@!$&'()*+,;=-]|%[0-9A-Fa-f]{2}|\\[|\\]){0,16}"
}

fn value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof!["[ -~]{0,12}", "[a-z]{1,6}", "\\PC{0,6}", "[\t \"\\\\,;=<>]{0,6}"])
}

type Model = Vec<(String, Vec<(String, Option<String>)>)>;

fn model() -> impl Strategy<Value = Model> {
    prop::collection::vec((target(), prop::collection::vec((token(), value()), 0..4)), 0..4)
}

fn write_model(model: &Model) -> String {
    let mut out = String::new();
    let mut w = LinkWriter::new(&mut out);
    for (target, params) in model {
        w.link(target).unwrap();
        for (name, value) in params {
            w.param(name, value.as_deref()).unwrap();
        }
    }
    out
}

fn model_flat(model: &Model) -> Vec<Flat> {
    model
        .iter()
        .map(|(t, ps)| {
            let ps =
                ps.iter().map(|(n, v)| (n.clone().into_bytes(), v.clone().map(String::into_bytes)));
            (t.clone().into_bytes(), ps.collect())
        })
        .collect()
}

/// The properties are ignored under Miri (proptest's runner alone costs minutes a test
/// there); run with `--ignored`, they take `PROPTEST_CASES` cases and write no regression
/// file (Miri isolates the file system).
fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig::with_cases(512)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn model_serialize_parse_is_the_model(model in model()) {
        let field = write_model(&model);
        let parsed = ours(field.as_bytes());
        prop_assert_eq!(parsed.as_ref(), Some(&model_flat(&model)), "{}", field);
        prop_assert_eq!(naive::parse(field.as_bytes()), parsed);
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn parse_serialize_parse_is_stable(field in field_bytes(), lenient in any::<bool>()) {
        let options = if lenient { Leniency::ALL } else { Leniency::NONE };
        for link in Links::new(&field).with_leniency(options).flatten() {
            let mut out = String::new();
            if LinkWriter::new(&mut out).write_link(&link).is_ok() {
                let again: Vec<Flat> = Links::new(out.as_bytes()).map(|l| flat(&l.unwrap())).collect();
                prop_assert_eq!(again, vec![flat(&link)], "{}", out);
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_naive_reference(field in field_bytes()) {
        prop_assert_eq!(ours(&field), naive::parse(&field));
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn mutated_fields_agree_with_the_naive_reference(model in model(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b"<>;,=\" \\%'*\x00".to_vec())) {
        let mut field = write_model(&model).into_bytes();
        if !field.is_empty() {
            let i = at.index(field.len());
            field[i] = byte;
        }
        prop_assert_eq!(ours(&field), naive::parse(&field));
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn lenient_never_fails_and_offsets_are_in_bounds(field in field_bytes()) {
        let mut links = Links::new(&field).with_leniency(Leniency::ALL);
        for link in links.by_ref() {
            let link = link.unwrap();
            prop_assert!(link.offset() < field.len());
            let _ = link.params().count() + link.rels().count();
            if let Some(t) = link.title() { let _ = t.to_string(); }
        }
        if let Some(e) = links.first_skipped() { prop_assert!(e.offset() <= field.len()); }
        if let Some(Err(e)) = Links::new(&field).last() { prop_assert!(e.offset() <= field.len()); }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn title_star_round_trips(language in "[A-Za-z-]{0,5}", text in "\\PC{0,12}") {
        let mut out = String::new();
        LinkWriter::new(&mut out).link("/").unwrap().title_star(&language, &text).unwrap();
        let link = first(&out);
        let ext = link.title_star().unwrap();
        prop_assert_eq!(ext.language(), language.as_str());
        prop_assert_eq!(ext.to_string(), text);
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn metadata_round_trips(uris in prop::collection::vec(prop::option::of(target()), 4)) {
        let mut meta = ResponseMetadata::new();
        if let Some(u) = &uris[0] { meta = meta.with_token_endpoint(u); }
        if let Some(u) = &uris[1] { meta = meta.with_resource_endpoint(u); }
        if let Some(u) = &uris[2] { meta = meta.with_discovery(u); }
        if let Some(u) = &uris[3] { meta = meta.with_authorization_endpoint(u); }
        let decoded = |m: &ResponseMetadata<'_>| {
            [m.token_endpoint(), m.resource_endpoint(), m.discovery(), m.authorization_endpoint()]
                .map(|v| v.map(|v| v.decode().collect::<Vec<u8>>()))
        };
        let mut query = String::from("code=x&");
        meta.write_query(&mut query).unwrap();
        let from_query = ResponseMetadata::from_query(query.as_bytes()).unwrap();
        prop_assert_eq!(decoded(&from_query), decoded(&meta));
        let mut links = String::new();
        from_query.write_links(&mut LinkWriter::new(&mut links)).unwrap();
        let from_links = ResponseMetadata::from_link_field(links.as_bytes()).unwrap();
        prop_assert_eq!(decoded(&from_links), decoded(&meta));
    }
}

/// RFC 9110 §5.5: CR, LF and NUL in a field value are rejected in every mode; no lenient
/// switch hands out a target or a value that holds one (they used to pass through the loose
/// target, the bare target and the unquoted value).
#[test]
fn cr_lf_and_nul_are_refused_by_every_switch() {
    let all = Leniency::ALL;
    let switches = [Leniency::LOOSE_TARGET, Leniency::BARE_TARGET, Leniency::UNQUOTED_TEXT, all];
    for bad in ["\r", "\n", "\r\n", "\0"] {
        let fields = [
            format!("<https://x/a{bad}Set-Cookie: a=b>; rel=next"),
            format!("https://x/a{bad}Set-Cookie: a=b; rel=next"),
            format!("<https://x/>; title=a{bad}b"),
            format!("<https://x/>; title=a {bad} b; rel=next"),
            format!("<https://x/>; rel=next{bad}"),
            format!("{bad}<https://x/>"),
        ];
        for field in &fields {
            for options in switches {
                let mut links = Links::new(field.as_bytes()).with_leniency(options);
                for link in links.by_ref().flatten() {
                    let mut texts = vec![link.target().to_vec()];
                    for p in link.params() {
                        texts.push(p.name_bytes().to_vec());
                        if let Some(v) = p.value() {
                            texts.push(v.as_raw().to_vec());
                            texts.push(v.bytes().collect());
                        }
                    }
                    for t in texts {
                        assert!(
                            !t.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)),
                            "{field:?} {options:?}: {:?}",
                            String::from_utf8_lossy(&t)
                        );
                    }
                }
            }
        }
        // Strictly and leniently alike, the first link is an error at the bad byte.
        for options in [Leniency::NONE, all.difference(Leniency::SKIP_MALFORMED)] {
            let e = Links::new(fields[0].as_bytes()).with_leniency(options).next().unwrap();
            assert_eq!(e.unwrap_err().offset(), 12, "{options:?}");
            let e = Links::new(fields[2].as_bytes()).with_leniency(options).next().unwrap();
            assert_eq!(e.unwrap_err().offset(), 21, "{options:?}");
        }
    }
    // With recovery, the bad link is skipped and the next one is read.
    let field = b"<https://x/a\r\nSet-Cookie: a=b>; rel=next, </ok>; rel=prev";
    let mut links = Links::new(field).with_leniency(all);
    assert_eq!(links.next().unwrap().unwrap().target(), b"/ok");
    assert_eq!(links.skipped(), 1);
}
