//! RFC examples and the cases other parsers get wrong, each with the exact result.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_challenge::{
    bearer_token, parse_credentials, parse_credentials_lines, token_for, Challenge, Challenges,
    Leniency, MAX_PARAMS,
};

/// A challenge as plain data: scheme, token68, params (name, unescaped value).
#[derive(Debug, PartialEq)]
struct Model {
    scheme: String,
    token68: Option<String>,
    params: Vec<(String, String)>,
}

fn model(c: &Challenge<'_>) -> Model {
    Model {
        scheme: c.scheme().to_owned(),
        token68: c.token68().map(str::to_owned),
        params: c
            .params()
            .map(|p| {
                (
                    p.name().to_owned(),
                    String::from_utf8_lossy(&p.value().bytes().collect::<Vec<u8>>()).into_owned(),
                )
            })
            .collect(),
    }
}

fn m(scheme: &str, params: &[(&str, &str)]) -> Model {
    Model {
        scheme: scheme.to_owned(),
        token68: None,
        params: params.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
    }
}

fn t68(scheme: &str, token: &str) -> Model {
    Model { scheme: scheme.to_owned(), token68: Some(token.to_owned()), params: vec![] }
}

#[track_caller]
fn parse(value: &str) -> Vec<Model> {
    Challenges::new(value.as_bytes())
        .map(|c| c.map(|c| model(&c)))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{value}: {e}"))
}

#[track_caller]
fn parse_lenient(value: &str, allow: Leniency) -> Vec<(Model, Leniency)> {
    Challenges::new(value.as_bytes())
        .with_leniency(allow)
        .map(|c| c.map(|c| (model(&c), c.forgiven())))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{value}: {e}"))
}

#[track_caller]
fn error(value: &str) -> String {
    let mut it = Challenges::new(value.as_bytes());
    let e = loop {
        match it.next() {
            Some(Ok(_)) => continue,
            Some(Err(e)) => break e,
            None => panic!("{value}: parsed without error"),
        }
    };
    assert!(it.next().is_none(), "strict parsing fuses after an error");
    e.to_string()
}

#[test]
fn rfc9110_newauth_example() {
    // RFC 9110 §11.6.1
    assert_eq!(
        parse(r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#),
        [
            m("Basic", &[("realm", "simple")]),
            m("Newauth", &[("realm", "apps"), ("type", "1"), ("title", r#"Login to "apps""#)]),
        ]
    );
}

#[test]
fn rfc6750_examples() {
    // §3
    assert_eq!(parse(r#"Bearer realm="example""#), [m("Bearer", &[("realm", "example")])]);
    assert_eq!(
        parse(
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#
        ),
        [m(
            "Bearer",
            &[
                ("realm", "example"),
                ("error", "invalid_token"),
                ("error_description", "The access token expired")
            ]
        )]
    );
}

#[test]
fn rfc7617_basic_and_rfc7616_digest() {
    assert_eq!(parse(r#"Basic realm="WallyWorld""#), [m("Basic", &[("realm", "WallyWorld")])]);
    assert_eq!(
        parse(r#"Basic realm="foo", charset="UTF-8""#),
        [m("Basic", &[("realm", "foo"), ("charset", "UTF-8")])]
    );
    // RFC 7616 §3.9.1: two Digest challenges in one value, qop with a comma inside quotes.
    let digest = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
    let cs = parse(digest);
    assert_eq!(cs.len(), 2);
    assert_eq!(cs[0].params[1], ("qop".into(), "auth, auth-int".into()));
    assert_eq!(cs[1].params[2], ("algorithm".into(), "MD5".into()));
    // Credentials (RFC 7617 §2)
    let c = parse_credentials(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
    assert_eq!(c.token68(), Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
}

#[test]
fn rfc9470_step_up_example() {
    // RFC 9470 §3, figures 2 and 3
    assert_eq!(
        parse(
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR""#
        ),
        [m(
            "Bearer",
            &[
                ("error", "insufficient_user_authentication"),
                ("error_description", "A different authentication level is required"),
                ("acr_values", "myACR")
            ]
        )]
    );
    assert_eq!(
        parse(r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5""#)[0].params[2],
        ("max_age".into(), "5".into())
    );
}

#[test]
fn rfc9728_resource_metadata_example() {
    // RFC 9728 §5.1
    assert_eq!(
        parse(
            r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#
        ),
        [m(
            "Bearer",
            &[(
                "resource_metadata",
                "https://resource.example.com/.well-known/oauth-protected-resource"
            )]
        )]
    );
}

#[test]
fn rfc9449_dpop_figures() {
    // Figure 17: a bare "Bearer" with no params, then a comma
    assert_eq!(
        parse(r#"Bearer, DPoP algs="ES256 PS256""#),
        [m("Bearer", &[]), m("DPoP", &[("algs", "ES256 PS256")])]
    );
    // Figure 18
    assert_eq!(
        parse(
            r#"Bearer error="invalid_token", error_description="Invalid token", DPoP algs="ES256 PS256""#
        ),
        [
            m("Bearer", &[("error", "invalid_token"), ("error_description", "Invalid token")]),
            m("DPoP", &[("algs", "ES256 PS256")])
        ]
    );
    // Figure 19: the same names in two challenges of one value are kept per challenge
    let cs = parse(
        r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", DPoP algs="ES256 PS256", error="invalid_request", error_description="Multiple methods used to include access token""#,
    );
    assert_eq!(cs.len(), 2);
    assert_eq!(cs[0].params.len(), 2);
    assert_eq!(cs[1].params.len(), 3);
    assert_eq!(cs[1].params[1], ("error".into(), "invalid_request".into()));
    // §9: use_dpop_nonce at the resource server
    assert_eq!(
        parse(r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#)[0].params[0],
        ("error".into(), "use_dpop_nonce".into())
    );
    // DPoP credentials (§7.1)
    assert_eq!(
        token_for(b"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", "dpop").unwrap(),
        "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
    );
}

#[test]
fn commas_inside_quoted_values() {
    // Docker registry (azure-sdk-for-js#20899, Portus#1953, reg#91)
    assert_eq!(
        parse(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#
        ),
        [m(
            "Bearer",
            &[
                ("realm", "https://auth.docker.io/token"),
                ("service", "registry.docker.io"),
                ("scope", "repository:samalba/my-app:pull,push")
            ]
        )]
    );
    // MCP C# SDK PR #1764: scope=","
    assert_eq!(parse(r#"Bearer scope=",""#), [m("Bearer", &[("scope", ",")])]);
    // DenchClaw PR #253: an escaped quote must not toggle the split
    assert_eq!(
        parse(r#"Bearer error_description="say \"hi, there\"", scope="a""#),
        [m("Bearer", &[("error_description", r#"say "hi, there""#), ("scope", "a")])]
    );
}

#[test]
fn bearer_need_not_be_first_and_many_schemes_mix() {
    let cs = parse(
        r#"Negotiate, Basic realm="corp", DPoP algs="ES256", Bearer realm="api", scope="read""#,
    );
    let schemes: Vec<&str> = cs.iter().map(|c| c.scheme.as_str()).collect();
    assert_eq!(schemes, ["Negotiate", "Basic", "DPoP", "Bearer"]);
    let bearer = Challenges::new(br#"Negotiate, Basic realm="corp", Bearer realm="api""#)
        .find_scheme("BEARER")
        .unwrap()
        .unwrap();
    assert_eq!(bearer.param("realm").unwrap(), "api");
}

#[test]
fn token68_against_auth_param() {
    assert_eq!(parse("Bearer abc="), [t68("Bearer", "abc=")]);
    assert_eq!(parse("Bearer abc=="), [t68("Bearer", "abc==")]);
    assert_eq!(parse("Bearer abc=def"), [m("Bearer", &[("abc", "def")])]);
    assert_eq!(parse("Bearer abc = def"), [m("Bearer", &[("abc", "def")])]);
    assert_eq!(parse("Bearer abc=, Basic"), [t68("Bearer", "abc="), m("Basic", &[])]);
    assert_eq!(parse("Newauth a/b+c=="), [t68("Newauth", "a/b+c==")]);
    // Negotiate token68 next to NTLM (http-auth#3)
    assert_eq!(
        parse("Negotiate YIIFyQYGKwYBBQUCoII=, NTLM"),
        [t68("Negotiate", "YIIFyQYGKwYBBQUCoII="), m("NTLM", &[])]
    );
    assert_eq!(
        parse("NTLM TlRMTVNTUAACAAAADAAMADAAAAA="),
        [t68("NTLM", "TlRMTVNTUAACAAAADAAMADAAAAA=")]
    );
}

#[test]
fn empty_list_elements_and_edges() {
    // `WWW-Authenticate = 1#challenge` (RFC 9110 §11.6.1): at least one challenge; empty
    // elements around it are fine.
    assert_eq!(parse(" ,Basic,, "), [m("Basic", &[])]);
    assert_eq!(
        parse(", Basic , , Bearer realm=\"x\" , ,"),
        [m("Basic", &[]), m("Bearer", &[("realm", "x")])]
    );
    assert_eq!(
        parse("Bearer realm=\"x\", , error=\"y\""),
        [m("Bearer", &[("realm", "x"), ("error", "y")])]
    );
    // OWS before a comma or the end of the field (found by the differential fuzz target).
    assert_eq!(parse("Bea\t"), [m("Bea", &[])]);
    assert_eq!(parse("Basic \t, Bearer\t,"), [m("Basic", &[]), m("Bearer", &[])]);
    // An empty first element of #auth-param: the params belong to the scheme.
    assert_eq!(parse("Bearer , realm=\"x\""), [m("Bearer", &[("realm", "x")])]);
}

#[test]
fn bws_empty_quoted_strings_and_obs_text() {
    assert_eq!(
        parse("Bearer realm = \"x\" ,error\t=\tinvalid_token"),
        [m("Bearer", &[("realm", "x"), ("error", "invalid_token")])]
    );
    // Azure sends realm="" (the Go distribution parser stops there; the MCP go-sdk rejects it)
    assert_eq!(
        parse(r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000""#)[0].params,
        [
            ("realm".to_owned(), String::new()),
            ("authorization_uri".to_owned(), "https://login.microsoftonline.com/common/oauth2/authorize".to_owned()),
            ("client_id".to_owned(), "00000003-0000-0000-c000-000000000000".to_owned())
        ]
    );
    let value = b"Basic realm=\"caf\xe9\"";
    let c = Challenges::new(value).next().unwrap().unwrap();
    assert!(c.param("realm").unwrap().eq_bytes(b"caf\xe9"));
}

#[test]
fn names_match_whole_and_ignore_case() {
    let c = Challenges::new(br#"Bearer x_resource_metadata="https://evil.example/", error_scope="admin", RESOURCE_METADATA="https://good.example/m", Scope="read""#)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(c.param("resource_metadata").unwrap(), "https://good.example/m");
    assert_eq!(c.param("scope").unwrap(), "read");
    assert!(c.param("resource").is_none());
    assert!(c.param("metadata").is_none());
    assert_eq!(c.param_count(), 4);
}

#[test]
fn several_field_lines_combine_as_one_list() {
    let lines: [&[u8]; 4] = [
        b"Negotiate",
        b"",
        br#"Basic realm="corp""#,
        br#"Bearer realm="api", error="invalid_token""#,
    ];
    let cs: Vec<Model> = Challenges::from_lines(&lines).map(|c| model(&c.unwrap())).collect();
    assert_eq!(
        cs,
        [
            m("Negotiate", &[]),
            m("Basic", &[("realm", "corp")]),
            m("Bearer", &[("realm", "api"), ("error", "invalid_token")])
        ]
    );
    // RFC 9110 §5.3: a challenge's params may continue on the next line.
    let split: [&[u8]; 2] =
        [br#"Bearer realm="api""#, br#"error="invalid_token", DPoP algs="ES256""#];
    let cs: Vec<Model> = Challenges::from_lines(&split).map(|c| model(&c.unwrap())).collect();
    assert_eq!(
        cs,
        [
            m("Bearer", &[("realm", "api"), ("error", "invalid_token")]),
            m("DPoP", &[("algs", "ES256")])
        ]
    );
    // Offsets count in the lines joined by ", ".
    let bad: [&[u8]; 2] = [b"Basic", b"Bearer realm=\"x"];
    let e = Challenges::from_lines(&bad).nth(1).unwrap().unwrap_err();
    assert_eq!(e.offset(), "Basic, Bearer realm=\"x".len());
    let c = Challenges::from_lines(&bad).next().unwrap().unwrap();
    assert_eq!(c.offset(), 0);
}

#[test]
fn offsets_of_challenges_and_params() {
    let v = br#"Basic realm="a", Bearer error="x""#;
    let cs: Vec<Challenge<'_>> = Challenges::new(v).map(Result::unwrap).collect();
    assert_eq!(cs[1].offset(), 17);
    assert_eq!(cs[1].params().next().unwrap().offset(), 24);
}

#[test]
fn strict_errors_name_the_grammar_element() {
    let cases: &[(&str, &str)] = &[
        (
            r#"Bearer realm="x" error="y""#,
            "expected ',' or end of field after auth-param, found 'e' at byte 17",
        ),
        (
            r#"Bearer realm="x"#,
            "missing closing DQUOTE of quoted-string, found end of input at byte 15",
        ),
        (r#"Bearer realm="x", realm="y""#, "duplicate auth-param name in challenge at byte 18"),
        (r#"Bearer realm="x", REALM="y""#, "duplicate auth-param name in challenge at byte 18"),
        (r#"Bearer, realm="x""#, "expected auth-scheme, found auth-param, found 'r' at byte 8"),
        (
            r#"Bearer realm='x y'"#,
            "expected ',' or end of field after auth-param, found 'y' at byte 16",
        ),
        (
            r#"Bearer realm=, error="x""#,
            "expected auth-scheme, found auth-param, found 'e' at byte 15",
        ),
        (
            r#"Bearer realm="a", b = "#,
            "expected token or quoted-string as auth-param value, found end of input at byte 22",
        ),
        (
            r#"Bearer realm="a", error "x""#,
            "expected auth-param name (a token), found '\"' at byte 24",
        ),
        (r#""Bearer""#, "expected auth-scheme (a token), found '\"' at byte 0"),
        ("Bearer\trealm=\"x\"", "expected SP or ',' after auth-scheme, found 0x09 at byte 6"),
        ("Bearer abc, realm=x", "expected auth-scheme, found auth-param, found 'r' at byte 12"),
        ("Bearer realm=\"a\r\nb\"", "invalid character in quoted-string, found 0x0d at byte 15"),
        (
            "Bearer realm=My Realm",
            "expected ',' or end of field after auth-param, found 'R' at byte 16",
        ),
        ("Bearer a=b c", "expected ',' or end of field after auth-param, found 'c' at byte 11"),
    ];
    for (value, expected) in cases {
        assert_eq!(error(value), *expected, "{value}");
    }
}

#[test]
fn errors_keep_what_came_before() {
    let mut it = Challenges::new(br#"Basic realm="ok", Bearer realm="x" error="y""#);
    assert_eq!(model(&it.next().unwrap().unwrap()), m("Basic", &[("realm", "ok")]));
    assert!(it.next().unwrap().is_err());
    assert!(it.next().is_none());
}

#[test]
fn duplicates_are_found_among_many_params() {
    let names: Vec<String> = (0..12).map(|i| format!("p{i}")).collect();
    for dup_of in [0, 7, 8, 10] {
        let mut value = String::from("Bearer ");
        for n in &names {
            value.push_str(&format!("{n}=v, "));
        }
        value.push_str(&format!("P{dup_of}=again"));
        assert_eq!(
            error(&value),
            format!(
                "duplicate auth-param name in challenge at byte {}",
                value.len() - 7 - dup_of.to_string().len()
            ),
            "{value}"
        );
        let lenient = parse_lenient(&value, Leniency::DUPLICATE_PARAM);
        assert_eq!(lenient[0].0.params.len(), 12);
        assert_eq!(lenient[0].1, Leniency::DUPLICATE_PARAM);
    }
}

#[test]
#[cfg_attr(miri, ignore = "140 KB through the interpreter; the crate has no unsafe code to check")]
fn long_values_and_far_offsets_read_the_same() {
    // Spans past 64 KiB cannot be packed; the params are then parsed again, with the same
    // result.
    let long = "x".repeat(70_000);
    let value = format!(r#"Basic realm="{long}", Bearer error="e", a{long}=b, z="q w""#);
    let cs = parse(&value);
    assert_eq!(cs[0].params[0].1.len(), 70_000);
    assert_eq!(cs[1].params[0], ("error".to_owned(), "e".to_owned()));
    assert_eq!(cs[1].params[1].0.len(), 70_001);
    assert_eq!(cs[1].params[2], ("z".to_owned(), "q w".to_owned()));
    let offsets: Vec<usize> = Challenges::new(value.as_bytes())
        .nth(1)
        .unwrap()
        .unwrap()
        .params()
        .map(|p| p.offset())
        .collect();
    assert_eq!(offsets, [70_023, 70_034, 140_039]);
}

#[test]
fn params_read_the_same_on_either_side_of_the_packed_limit() {
    // The first pass packs the spans of up to seven params; a challenge with more is
    // parsed again when walked. Both ways give the same params, offsets and lookups.
    for n in 5..=10 {
        let mut value = String::from("Bearer ");
        let mut offsets = Vec::new();
        for i in 0..n {
            if i > 0 {
                value.push_str(", ");
            }
            offsets.push(value.len());
            value.push_str(&format!(r#"p{i}="v \"{i}\"""#));
        }
        let c = Challenges::new(value.as_bytes()).next().unwrap().unwrap();
        let expected: Vec<(String, String)> =
            (0..n).map(|i| (format!("p{i}"), format!(r#"v "{i}""#))).collect();
        assert_eq!(parse(&value)[0].params, expected, "{value}");
        assert_eq!(c.params().map(|p| p.offset()).collect::<Vec<_>>(), offsets, "{value}");
        let last = format!("p{}", n - 1);
        assert_eq!(c.param(&last).unwrap().unescaped_len(), r#"v "0""#.len(), "{value}");
        let [first, last, none] = c.param_values(["P0", &last, "p99"]);
        assert_eq!(
            (first.unwrap().as_raw(), last.is_some(), none.is_none()),
            (&br#"v \"0\""#[..], true, true)
        );
    }
}

#[test]
fn too_many_params_is_an_error_not_a_slowdown() {
    let mut value = String::from("Bearer ");
    for i in 0..MAX_PARAMS {
        value.push_str(&format!("p{i}=v, "));
    }
    assert_eq!(parse(&value)[0].params.len(), MAX_PARAMS);
    value.push_str("one_more=v");
    assert!(error(&value).starts_with("too many auth-params in one challenge (at most 32) at byte"));
}

/// A DQUOTE inside a single-quoted value is refused, as `qdtext` refuses it, wherever it
/// falls: the perf build once skipped it when it sat in a full word of the fast path.
#[test]
fn a_dquote_inside_single_quotes_is_refused_in_every_build() {
    for value in [
        r#"Token realm='0123456789 "quoted" 0123456789'"#,
        r#"Token realm='a"'"#,
        r#"Token realm='0123456789abcdef0123456789"'"#,
    ] {
        let at = value.find('"').unwrap();
        let e = Challenges::new(value.as_bytes())
            .with_leniency(Leniency::SINGLE_QUOTES)
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            (e.offset(), e.message()),
            (at, "invalid character in quoted-string"),
            "{value}"
        );
    }
    // escaped, it is content
    assert_eq!(
        parse_lenient(r#"Token realm='say \"hi\"'"#, Leniency::SINGLE_QUOTES),
        [(m("Token", &[("realm", r#"say "hi""#)]), Leniency::SINGLE_QUOTES)]
    );
}

#[test]
fn each_leniency_forgives_one_thing_and_says_so() {
    use Leniency as L;
    // The 2010 OAuth WG `scope` proposal's single quotes (strictly, `'x2'` is a token)
    assert_eq!(parse("Token scope='x2'"), [m("Token", &[("scope", "'x2'")])]);
    assert_eq!(
        parse_lenient("Token realm='Example', scope='x2'", L::SINGLE_QUOTES),
        [(m("Token", &[("realm", "Example"), ("scope", "x2")]), L::SINGLE_QUOTES)]
    );
    assert_eq!(
        parse_lenient(r#"Bearer realm="x" error="y""#, L::MISSING_COMMA),
        [(m("Bearer", &[("realm", "x"), ("error", "y")]), L::MISSING_COMMA)]
    );
    assert_eq!(
        parse_lenient("Bearer realm=My Realm, error=invalid_token", L::UNQUOTED_TEXT),
        [(m("Bearer", &[("realm", "My Realm"), ("error", "invalid_token")]), L::UNQUOTED_TEXT)]
    );
    assert_eq!(
        parse_lenient("Bearer realm=https://auth.example.com/token", L::UNQUOTED_TEXT),
        [(m("Bearer", &[("realm", "https://auth.example.com/token")]), L::UNQUOTED_TEXT)]
    );
    // sentry-mcp#939: a duplicate resource_metadata; the first wins, and it is recorded
    assert_eq!(
        parse_lenient(
            r#"Bearer resource_metadata="https://a/1", resource_metadata="https://b/2", scope="x""#,
            L::DUPLICATE_PARAM
        ),
        [(
            m("Bearer", &[("resource_metadata", "https://a/1"), ("scope", "x")]),
            L::DUPLICATE_PARAM
        )]
    );
    // vouch PR #244: params appended to a bare scheme with ", "
    assert_eq!(
        parse_lenient(r#"Bearer, resource_metadata="https://r/m""#, L::PARAM_AFTER_BARE_SCHEME),
        [(m("Bearer", &[("resource_metadata", "https://r/m")]), L::PARAM_AFTER_BARE_SCHEME)]
    );
    assert_eq!(
        parse_lenient(r#"Bearer error=, scope="a""#, L::EMPTY_VALUE),
        [(m("Bearer", &[("error", ""), ("scope", "a")]), L::EMPTY_VALUE)]
    );
    assert_eq!(
        parse_lenient("Bearer\trealm=\"x\"", L::WHITESPACE),
        [(m("Bearer", &[("realm", "x")]), L::WHITESPACE)]
    );
    // Missing comma and unquoted text together: a word followed by '=' starts a param.
    assert_eq!(
        parse_lenient("Bearer realm=My Realm error=invalid_token", L::ALL)[0].0,
        m("Bearer", &[("realm", "My Realm"), ("error", "invalid_token")])
    );
    // A lenient parse of a correct value forgives nothing.
    assert_eq!(parse_lenient(r#"Bearer realm="x""#, L::ALL)[0].1, L::NONE);
}

#[test]
fn recovery_reports_the_bad_challenge_and_keeps_the_good_ones() {
    let value = br#"Basic realm="a" junk junk, Bearer realm="api", scope="read", Weird"x", Digest realm="d""#;
    let items: Vec<Result<String, String>> = Challenges::new(value)
        .with_leniency(Leniency::RECOVER)
        .map(|c| c.map(|c| c.scheme().to_owned()).map_err(|e| e.to_string()))
        .collect();
    assert_eq!(
        items,
        [
            Err("expected ',' or end of field after auth-param, found 'j' at byte 16".to_owned()),
            Ok("Bearer".to_owned()),
            Err("expected SP or ',' after auth-scheme, found '\"' at byte 66".to_owned()),
            Ok("Digest".to_owned()),
        ]
    );
    // Without RECOVER, the same input stops at the first error.
    assert_eq!(Challenges::new(value).count(), 1);
}

#[test]
fn leniency_names_round_trip() {
    let all: Vec<&str> = Leniency::ALL.names().collect();
    assert_eq!(all.len(), 12);
    for n in all {
        assert_eq!(Leniency::from_name(n).unwrap().names().collect::<Vec<_>>(), [n]);
    }
    assert_eq!(
        format!("{:?}", Leniency::SINGLE_QUOTES | Leniency::RECOVER),
        "Leniency(single-quotes | recover)"
    );
}

#[test]
fn credentials() {
    assert_eq!(bearer_token(b"Bearer mF_9.B5f-4.1JqM").unwrap(), "mF_9.B5f-4.1JqM");
    // case-insensitive scheme (hyperium/headers PR #141, janus#3107)
    assert_eq!(bearer_token(b"bearer abc").unwrap(), "abc");
    assert_eq!(bearer_token(b"BEARER abc==").unwrap(), "abc==");
    assert_eq!(bearer_token(b"  Bearer   abc  ").unwrap(), "abc");
    let err = |v: &[u8]| bearer_token(v).unwrap_err().to_string();
    assert_eq!(err(b"Basic abc"), "expected auth-scheme 'Bearer' at byte 0");
    assert_eq!(err(b"Bearer"), "expected SP and a token68 after auth-scheme at byte 6");
    assert_eq!(err(b""), "expected auth-scheme (a token), found end of input at byte 0");
    assert_eq!(err(b"Bearer abc def"), "expected '=' after auth-param name, found 'd' at byte 11");
    assert_eq!(err(b"Bearer abc,"), "expected end of credentials, found ',' at byte 10");
    assert_eq!(
        err(b"Bearer a, Basic b"),
        "expected one credentials value, found a second auth-scheme at byte 10"
    );
    // credentials with auth-params (RFC 7616 Authorization: Digest ...)
    let c = parse_credentials(br#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", nc=00000001"#).unwrap();
    assert_eq!(c.param("nc").unwrap(), "00000001");
    assert_eq!(c.param_count(), 4);
}

#[test]
fn display_writes_canonical_form() {
    let value = br#"Basic realm=simple, Newauth realm="apps", type=1, title="Login to \"apps\"", Negotiate abc=="#;
    let out: Vec<String> = Challenges::new(value).map(|c| c.unwrap().to_string()).collect();
    assert_eq!(
        out,
        [
            r#"Basic realm="simple""#,
            r#"Newauth realm="apps", type=1, title="Login to \"apps\"""#,
            "Negotiate abc=="
        ]
    );
}

#[test]
fn public_types_are_send_sync_and_small() {
    fn check<T: Send + Sync + Clone>() {}
    check::<Challenges<'static>>();
    check::<Challenge<'static>>();
    check::<signpost_challenge::Params<'static>>();
    check::<signpost_challenge::AuthParam<'static>>();
    check::<Leniency>();
    // A challenge is a fixed, small size whatever its input: positions plus the packed
    // spans (8 bytes each) of up to seven params.
    assert!(
        size_of::<Challenge<'static>>() <= 16 * size_of::<usize>() + 8 * 8,
        "{}",
        size_of::<Challenge<'static>>()
    );
    // `Challenge::params` returns a `Params` by value: on a 64-bit target, at 128 bytes or
    // less a copy is eight register moves; past that, a call to `memcpy` on every walk.
    if cfg!(target_pointer_width = "64") {
        assert!(
            size_of::<signpost_challenge::Params<'static>>() <= 128,
            "{}",
            size_of::<signpost_challenge::Params<'static>>()
        );
    }
}

// ---- The field as a whole: `1#challenge`, singletons, obs-fold ----

#[test]
fn empty_field_is_an_error_strictly() {
    // RFC 9110 §11.6.1 `WWW-Authenticate = 1#challenge`, §11.7.1 `Proxy-Authenticate =
    // 1#challenge`: a value that is empty, or only whitespace and commas, holds no challenge.
    let expected = |at: usize| {
        format!(
            "expected challenge (WWW-Authenticate = 1#challenge), found end of input at byte {at}"
        )
    };
    assert_eq!(error(""), expected(0));
    assert_eq!(error(" "), expected(1));
    assert_eq!(error(" , ,,\t"), expected(6));
    // Several lines, all empty: the offset counts in the lines joined by ", " (§5.3).
    let lines: [&[u8]; 2] = [b"", b" ,"];
    let e = Challenges::from_lines(&lines).next().unwrap().unwrap_err();
    assert_eq!(
        (e.offset(), e.message()),
        (4, "expected challenge (WWW-Authenticate = 1#challenge)")
    );
    // No line at all is no field: nothing, and no error.
    assert!(Challenges::from_lines(&[]).next().is_none());
    // One empty line beside a challenge is an empty list element of the combined value.
    let lines: [&[u8]; 2] = [b"", b"Basic"];
    assert_eq!(
        Challenges::from_lines(&lines).map(|c| c.unwrap().scheme()).collect::<Vec<_>>(),
        ["Basic"]
    );
    // RECOVER alone reports it as the one `Err` item.
    let items: Vec<_> = Challenges::new(b",").with_leniency(Leniency::RECOVER).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].is_err());
}

#[test]
fn empty_field_is_forgiven_and_reported() {
    for value in [&b""[..], b" ", b", ,\t,"] {
        let mut it = Challenges::new(value).with_leniency(Leniency::EMPTY_FIELD);
        assert!(it.next().is_none());
        assert_eq!(it.forgiven(), Leniency::EMPTY_FIELD);
        assert!(it.next().is_none());
    }
    // Nothing is forgiven about a field that holds a challenge.
    let mut it = Challenges::new(b"Basic").with_leniency(Leniency::ALL);
    assert!(it.next().unwrap().is_ok());
    assert!(it.next().is_none());
    assert!(it.forgiven().is_empty());
}

#[test]
fn credentials_field_is_a_singleton() {
    // RFC 9110 §11.6.2 / §11.7.2: `Authorization = credentials`, not a list, so two field
    // lines cannot be combined (§5.3); RFC 9449 §7.1: more than one `Authorization` field is
    // an invalid request.
    let two: [&[u8]; 2] = [b"Bearer abc", b"Bearer abc"];
    let e = parse_credentials_lines(&two).unwrap_err();
    assert_eq!(e.offset(), 12);
    assert_eq!(
        e.to_string(),
        "expected one credentials field line (a singleton field), found a second at byte 12"
    );
    let none: [&[u8]; 0] = [];
    assert_eq!(
        parse_credentials_lines(&none).unwrap_err().message(),
        "expected one credentials field line, found none"
    );
    let one: [&[u8]; 1] = [b"DPoP eyJ0eXAiOiJkcG9wK2p3dCJ9"];
    assert_eq!(parse_credentials_lines(&one).unwrap().token68(), Some("eyJ0eXAiOiJkcG9wK2p3dCJ9"));
    // A value of commas is no credentials (an error naming the scheme, as for "").
    assert_eq!(
        parse_credentials(b" , ").unwrap_err().to_string(),
        "expected auth-scheme (a token), found ',' at byte 1"
    );
}

#[test]
fn obs_fold_reads_as_its_unfolded_form() {
    // RFC 9112 §5.2: a user agent MUST replace each received obs-fold (`OWS CRLF RWS`) with
    // one or more SP before it interprets the value. greenbytes httpauth test `simplebasiclf`
    // (test.greenbytes.de/tech/tc/httpauth/#simplebasiclf): `Basic` CRLF SP `realm="foo"`.
    let value = b"Basic\r\n realm=\"foo\"";
    let c = Challenges::new(value).next().unwrap().unwrap();
    assert_eq!(model(&c), m("Basic", &[("realm", "foo")]));
    // Offsets point into the bytes as they came, fold included.
    assert_eq!(c.params().next().unwrap().offset(), 8);
    assert!(c.forgiven().is_empty(), "unfolding is the RFC's rule, not a leniency");

    // A fold between elements, around `=`, after a token68 and before a comma.
    assert_eq!(
        parse("Basic realm=\"a\",\r\n\tBearer error\r\n =\r\n  invalid_token\r\n , scope=x"),
        [m("Basic", &[("realm", "a")]), m("Bearer", &[("error", "invalid_token"), ("scope", "x")])]
    );
    assert_eq!(parse("Negotiate abc==\r\n , Basic"), [t68("Negotiate", "abc=="), m("Basic", &[])]);
    // A fold in the BWS before `=`, after a bare scheme's empty element and after a comma
    // (found by the differential fuzz target against an unfold-then-parse reference).
    assert_eq!(
        parse("Basic , realm\r\n\t=x, error\r\n =y,\r\n Bearer"),
        [m("Basic", &[("realm", "x"), ("error", "y")]), m("Bearer", &[])]
    );
    let value = b"Basic realm=\"a\",\r\n Bearer";
    let offsets: Vec<usize> = Challenges::new(value).map(|c| c.unwrap().offset()).collect();
    assert_eq!(offsets, [0, 19]);
}

#[test]
fn obs_fold_inside_a_quoted_string_is_handed_out_as_sp() {
    // RFC 9112 §5.2 again, inside a quoted-string: the value's content holds SP where the
    // fold's CR and LF were (two SPs, so lengths and offsets stay those of the input); the
    // raw slice is the input as it came, and no accessor lends it out as text.
    let value = b"Bearer realm=\"api\r\n server\", error=\"a\\\"b\r\n\tc\"";
    let c = Challenges::new(value).next().unwrap().unwrap();
    let realm = c.param("realm").unwrap();
    assert!(realm.has_folds());
    assert_eq!(realm.as_raw(), b"api\r\n server");
    assert_eq!(realm.as_bytes(), None);
    assert_eq!(realm.as_str(), None);
    assert_eq!(realm.to_string(), "api   server");
    assert_eq!(realm, "api   server");
    assert_eq!(realm.unescaped_len(), 12);
    assert_eq!(realm.bytes().collect::<Vec<u8>>(), b"api   server");
    let mut buf = [0u8; 16];
    assert_eq!(realm.unescape_into(&mut buf), Some(&b"api   server"[..]));
    let error = c.param("error").unwrap();
    assert_eq!(error.to_string(), "a\"b  \tc");
    assert_eq!(error.unescaped_len(), 7);
    // The serializer writes the unfolded value.
    let mut out = String::new();
    signpost_challenge::ChallengeWriter::new(&mut out).parsed(&c).unwrap();
    assert_eq!(out, "Bearer realm=\"api   server\", error=\"a\\\"b  \tc\"");
}

#[test]
fn bare_cr_or_lf_stays_an_error() {
    // RFC 9110 §5.5 and RFC 9112 §5.2: only CRLF followed by SP or HTAB is a fold.
    assert_eq!(
        error("Bearer realm=\"a\rb\""),
        "invalid character in quoted-string, found 0x0d at byte 15"
    );
    assert_eq!(
        error("Bearer realm=\"a\nb\""),
        "invalid character in quoted-string, found 0x0a at byte 15"
    );
    assert_eq!(
        error("Bearer realm=\"a\r\nb\""),
        "invalid character in quoted-string, found 0x0d at byte 15"
    );
    assert_eq!(
        error("Bearer realm=\"x\"\r\nerror=\"y\""),
        "expected ',' or end of field after auth-param, found 0x0d at byte 16"
    );
    assert_eq!(error("Bearer\r\n"), "expected SP or ',' after auth-scheme, found 0x0d at byte 6");
    assert_eq!(
        error("Bearer\n realm=x"),
        "expected SP or ',' after auth-scheme, found 0x0a at byte 6"
    );
    assert_eq!(error("Basic, \r\nBearer"), "expected auth-scheme (a token), found 0x0d at byte 7");
    // After a fold, offsets still count in the input as it came.
    assert_eq!(
        error("Bearer realm=\"x\",\r\n error=y z"),
        "expected ',' or end of field after auth-param, found 'z' at byte 28"
    );
}

// ---- Lenient recovery of what browsers recover ----

#[test]
fn unterminated_quote_runs_to_the_end_of_the_line() {
    // Chromium net/http/http_auth_challenge_tokenizer_unittest.cc, MismatchedQuotes.
    let value = "Basic realm=\"foobar@baz.com";
    assert_eq!(
        error(value),
        "missing closing DQUOTE of quoted-string, found end of input at byte 27"
    );
    assert_eq!(
        parse_lenient(value, Leniency::UNTERMINATED_QUOTE),
        [(m("Basic", &[("realm", "foobar@baz.com")]), Leniency::UNTERMINATED_QUOTE)]
    );
    // MismatchedQuotesNoValue: `realm="` is an empty realm.
    assert_eq!(
        parse_lenient("Basic realm=\"", Leniency::UNTERMINATED_QUOTE),
        [(m("Basic", &[("realm", "")]), Leniency::UNTERMINATED_QUOTE)]
    );
    // MismatchedQuotesMultiple: the earlier params stay.
    assert_eq!(
        parse_lenient(
            "Digest qop=auth-int, algorithm=md5, realm=\"foo",
            Leniency::UNTERMINATED_QUOTE
        ),
        [(
            m("Digest", &[("qop", "auth-int"), ("algorithm", "md5"), ("realm", "foo")]),
            Leniency::UNTERMINATED_QUOTE
        )]
    );
    // The rest of the line is the value, commas and escapes included; the next line is a new
    // element.
    let lines: [&[u8]; 2] = [b"Bearer error_description=\"a, \\\"b\\\"", b"Basic"];
    let got: Vec<(Model, Leniency)> = Challenges::from_lines(&lines)
        .with_leniency(Leniency::UNTERMINATED_QUOTE)
        .map(|c| c.map(|c| (model(&c), c.forgiven())).unwrap())
        .collect();
    assert_eq!(
        got,
        [
            (m("Bearer", &[("error_description", "a, \"b\"")]), Leniency::UNTERMINATED_QUOTE),
            (m("Basic", &[]), Leniency::NONE)
        ]
    );
    // What no quote can hold is still an error.
    let e = Challenges::new(b"Basic realm=\"a\x00")
        .with_leniency(Leniency::UNTERMINATED_QUOTE)
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(e.to_string(), "invalid character in quoted-string, found 0x00 at byte 14");
}

#[test]
fn stray_quote_inside_a_quoted_value_is_kept() {
    // A server that quotes an already quoted error code.
    let value = r#"Bearer error=""invalid_token"", error_description="x""#;
    assert_eq!(error(value), "expected ',' or end of field after auth-param, found 'i' at byte 15");
    assert_eq!(
        parse_lenient(value, Leniency::STRAY_QUOTE),
        [(
            m("Bearer", &[("error", "\"invalid_token\""), ("error_description", "x")]),
            Leniency::STRAY_QUOTE
        )]
    );
    // Chromium's HttpUtil reads `realm="foo"bar"` as one value (a quote inside a quoted value
    // that does not end the element).
    assert_eq!(
        parse_lenient(r#"Basic realm="foo"bar""#, Leniency::STRAY_QUOTE),
        [(m("Basic", &[("realm", "foo\"bar")]), Leniency::STRAY_QUOTE)]
    );
    // A DQUOTE followed by OWS, a comma or the end still closes the value.
    assert_eq!(
        parse_lenient(r#"Basic realm="a" , Bearer"#, Leniency::STRAY_QUOTE),
        [(m("Basic", &[("realm", "a")]), Leniency::NONE), (m("Bearer", &[]), Leniency::NONE)]
    );
    // Re-serialized, the stray quotes are escaped: the output is strict RFC 9110.
    let c = Challenges::new(value.as_bytes())
        .with_leniency(Leniency::STRAY_QUOTE)
        .next()
        .unwrap()
        .unwrap();
    let mut out = String::new();
    signpost_challenge::ChallengeWriter::new(&mut out).parsed(&c).unwrap();
    assert_eq!(out, r#"Bearer error="\"invalid_token\"", error_description="x""#);
    assert_eq!(parse(&out)[0].params[0].1, "\"invalid_token\"");
}

#[test]
fn token68_with_auth_params() {
    // `<auth-scheme> token68 auth-param1=..., ..., auth-paramN=...`, a form MDN's
    // WWW-Authenticate reference documented (and identity providers send); RFC 9110 §11.3
    // has `token68 / #auth-param`, one or the other.
    let value = r#"Negotiate oYIBJjCCASKgAwoBAaEL realm="corp", qop=auth"#;
    assert_eq!(error(value), "expected '=' after auth-param name, found 'r' at byte 31");
    let got = parse_lenient(value, Leniency::TOKEN68_PARAMS);
    assert_eq!(
        got,
        [(
            Model {
                scheme: "Negotiate".to_owned(),
                token68: Some("oYIBJjCCASKgAwoBAaEL".to_owned()),
                params: vec![
                    ("realm".to_owned(), "corp".to_owned()),
                    ("qop".to_owned(), "auth".to_owned())
                ],
            },
            Leniency::TOKEN68_PARAMS
        )]
    );
    // After a comma as well, and the next challenge is still a challenge.
    let value = "Negotiate abc==, realm=x, Basic";
    let c: Vec<Challenge<'_>> = Challenges::new(value.as_bytes())
        .with_leniency(Leniency::TOKEN68_PARAMS)
        .map(Result::unwrap)
        .collect();
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[0].token68(), c[0].param_count(), c[0].param("realm").unwrap().as_str()),
        (Some("abc=="), 1, Some("x"))
    );
    assert!(c[1].is_bare());
    // Strictly, the params after a comma are a challenge of their own: an error.
    assert_eq!(error(value), "expected auth-scheme, found auth-param, found 'r' at byte 17");
}

#[test]
fn chromium_tokenizer_cases_with_the_older_switches() {
    // Chromium net/http/http_auth_challenge_tokenizer_unittest.cc, NoQuotes: `@` is no
    // tchar, so strictly an error; UNQUOTED_TEXT reads the value as Chromium does.
    let value = "Basic realm=foobar@baz.com";
    assert_eq!(error(value), "expected ',' or end of field after auth-param, found '@' at byte 18");
    assert_eq!(
        parse_lenient(value, Leniency::UNQUOTED_TEXT),
        [(m("Basic", &[("realm", "foobar@baz.com")]), Leniency::UNQUOTED_TEXT)]
    );
    // Base64: `1*SP` allows two SPs before the token68, and its padding is kept as sent.
    assert_eq!(parse("NTLM  SGVsbG8sIFdvcmxkCg==="), [t68("NTLM", "SGVsbG8sIFdvcmxkCg===")]);
    // NoValue: `Digest qop=` strictly reads `qop=` as a token68 (the only reading the
    // grammar allows), where Chromium finds no valid param.
    assert_eq!(parse("Digest qop="), [t68("Digest", "qop=")]);
}
