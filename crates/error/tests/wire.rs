//! What may go on the wire: `error`, `error_description`, `error_uri`, `state`, `iss`.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_error::{
    check_error, check_error_description, check_error_uri, check_iss, check_state, InvalidValue,
};

#[track_caller]
fn refused(result: Result<(), InvalidValue>, display: &str) {
    match result {
        Ok(()) => panic!("accepted, expected: {display}"),
        Err(e) => assert_eq!(e.to_string(), display),
    }
}

#[test]
fn error_and_description_are_nqschar() {
    // NQSCHAR = %x20-21 / %x23-5B / %x5D-7E: space and printable ASCII but " and \.
    let all: String = (0x20u8..0x7f).filter(|&b| b != b'"' && b != b'\\').map(char::from).collect();
    assert!(check_error(&all).is_ok());
    assert!(check_error_description(&all).is_ok());
    assert!(check_error_description(" ").is_ok());
    for b in (0u8..0x20).chain([b'"', b'\\', 0x7f]) {
        let s = format!("ab{}", char::from(b));
        let e = check_error_description(&s).unwrap_err();
        assert_eq!((e.offset(), e.found().byte()), (2, Some(b)), "{b:#x}");
        assert_eq!(e.message(), "expected NQSCHAR in error_description");
        assert_eq!(check_error(&s).unwrap_err().message(), "expected NQSCHAR in error");
    }
    refused(check_error(""), "expected at least one NQSCHAR in error at byte 0");
    refused(
        check_error_description(""),
        "expected at least one NQSCHAR in error_description at byte 0",
    );
    refused(
        check_error_description("Token \"x\""),
        "expected NQSCHAR in error_description, found '\"' at byte 6",
    );
    refused(
        check_error_description("line one\r\nSet-Cookie: a=b"),
        "expected NQSCHAR in error_description, found 0x0d at byte 8",
    );
    refused(
        check_error_description("d\u{e9}j\u{e0} expir\u{e9}"),
        "expected NQSCHAR in error_description, found 0xc3 at byte 1",
    );
}

#[test]
fn error_uri_is_a_uri_reference() {
    for ok in [
        "https://as.example.com/errors/invalid_token",
        "https://as.example.com:8443/e?code=1&x=%2F#frag",
        "http://user:pass@host/p",
        "https://[2001:db8::1]/e",
        "https://[2001:db8::1]:8443/e",
        "urn:ietf:params:oauth:error:x",
        "/relative/path",
        "relative",
        "./a:b",
        "?q",
        "#frag",
        "//host.example/p",
        "mailto:help@example.com",
        "x-custom+scheme.1:rest",
        "https://h/a!$&'()*+,;=:@-._~",
    ] {
        assert!(check_error_uri(ok).is_ok(), "{ok}: {:?}", check_error_uri(ok));
    }
    let cases = [
        ("", "expected a URI-reference in error_uri at byte 0"),
        ("https://h/a b", "expected URI-reference character in error_uri, found ' ' at byte 11"),
        ("https://h/\"x\"", "expected URI-reference character in error_uri, found '\"' at byte 10"),
        ("https://h/a\\b", "expected URI-reference character in error_uri, found '\\' at byte 11"),
        ("https://h/<x>", "expected URI-reference character in error_uri, found '<' at byte 10"),
        ("https://h/{x}", "expected URI-reference character in error_uri, found '{' at byte 10"),
        ("https://h/a|b", "expected URI-reference character in error_uri, found '|' at byte 11"),
        ("https://h/^", "expected URI-reference character in error_uri, found '^' at byte 10"),
        ("https://h/`", "expected URI-reference character in error_uri, found '`' at byte 10"),
        (
            "https://h/\u{e9}",
            "expected URI-reference character in error_uri, found 0xc3 at byte 10",
        ),
        ("https://h/\n", "expected URI-reference character in error_uri, found 0x0a at byte 10"),
        ("https://h/%", "expected two HEXDIG after '%' in error_uri, found '%' at byte 10"),
        ("https://h/%4", "expected two HEXDIG after '%' in error_uri, found '%' at byte 10"),
        ("https://h/%4g", "expected two HEXDIG after '%' in error_uri, found '%' at byte 10"),
        (":x", "expected scheme before ':' in error_uri, found ':' at byte 0"),
        ("1http://h", "expected scheme before ':' in error_uri, found '1' at byte 0"),
        ("ht_tp://h", "expected scheme before ':' in error_uri, found '_' at byte 2"),
        ("https://h/#a#b", "a second '#' in error_uri, found '#' at byte 12"),
        (
            "https://h/[x]",
            "'[' or ']' outside an IP-literal host in error_uri, found '[' at byte 10",
        ),
        (
            "https://h[1]/",
            "'[' or ']' outside an IP-literal host in error_uri, found '[' at byte 9",
        ),
        (
            "https://[::1/",
            "'[' or ']' outside an IP-literal host in error_uri, found '[' at byte 8",
        ),
        (
            "https://u[@h/",
            "'[' or ']' outside an IP-literal host in error_uri, found '[' at byte 9",
        ),
        ("https://a@b@c/", "a second '@' in the authority of error_uri, found '@' at byte 11"),
        ("https://h:80x/", "expected DIGIT in the port of error_uri, found 'x' at byte 12"),
        ("https://[::1]x/", "expected DIGIT in the port of error_uri, found 'x' at byte 13"),
        ("https://[::1]:8x", "expected DIGIT in the port of error_uri, found 'x' at byte 15"),
    ];
    for (input, display) in cases {
        refused(check_error_uri(input), display);
    }
}

#[test]
fn state_and_iss() {
    assert!(check_state("xyz").is_ok());
    assert!(check_state("a b \"c\" \\ ~").is_ok(), "VSCHAR allows \" and \\");
    refused(check_state(""), "expected at least one VSCHAR in state at byte 0");
    refused(check_state("ab\u{e9}"), "expected VSCHAR in state, found 0xc3 at byte 2");
    assert!(check_iss("https://as.example.com").is_ok());
    refused(check_iss(""), "expected a URI-reference in iss at byte 0");
    refused(
        check_iss("https://a s"),
        "expected URI-reference character in iss, found ' ' at byte 9",
    );
}

/// The `error_uri` and `iss` check as first written (plain scans over the whole reference,
/// one rule after the other), with the messages of `name`: the reference model of the
/// size-first and the fast checks.
fn reference_uri(b: &[u8], name: &str) -> Result<(), (usize, Option<u8>, String)> {
    let is_uri_char = |c: u8| c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&c);
    let is_scheme_char = |c: u8| c.is_ascii_alphanumeric() || b"+-.".contains(&c);
    let fail = |at: usize, rule: &str| Err((at, b.get(at).copied(), format!("{rule} {name}")));
    if b.is_empty() {
        return Err((0, None, format!("expected a URI-reference in {name}")));
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return fail(i, "expected two HEXDIG after '%' in");
            }
            i += 3;
        } else if !is_uri_char(b[i]) {
            return fail(i, "expected URI-reference character in");
        } else {
            i += 1;
        }
    }
    if let Some(f) = b.iter().position(|&c| c == b'#') {
        if let Some(j) = b[f + 1..].iter().position(|&c| c == b'#') {
            return fail(f + 1 + j, "a second '#' in");
        }
    }
    let mut pos = 0;
    if let Some(k) = b.iter().position(|c| b":/?#".contains(c)) {
        if b[k] == b':' {
            if k == 0 || !b[0].is_ascii_alphabetic() {
                return fail(0, "expected scheme before ':' in");
            }
            if let Some(j) = b[1..k].iter().position(|&c| !is_scheme_char(c)) {
                return fail(1 + j, "expected scheme before ':' in");
            }
            pos = k + 1;
        }
    }
    if b[pos..].starts_with(b"//") {
        let start = pos + 2;
        let end = b[start..].iter().position(|c| b"/?#".contains(c)).map_or(b.len(), |j| start + j);
        let auth = &b[start..end];
        let mut host = start;
        if let Some(a) = auth.iter().position(|&c| c == b'@') {
            if let Some(j) = auth[a + 1..].iter().position(|&c| c == b'@') {
                return fail(start + a + 1 + j, "a second '@' in the authority of");
            }
            if let Some(j) = auth[..a].iter().position(|c| b"[]".contains(c)) {
                return fail(start + j, "'[' or ']' outside an IP-literal host in");
            }
            host = start + a + 1;
        }
        let rest = &b[host..end];
        let port_from = if rest.first() == Some(&b'[') {
            let Some(close) = rest.iter().position(|&c| c == b']') else {
                return fail(host, "'[' or ']' outside an IP-literal host in");
            };
            if let Some(j) = rest[1..close].iter().position(|&c| c == b'[') {
                return fail(host + 1 + j, "'[' or ']' outside an IP-literal host in");
            }
            match rest.get(close + 1) {
                None => None,
                Some(b':') => Some(host + close + 2),
                Some(_) => return fail(host + close + 1, "expected DIGIT in the port of"),
            }
        } else {
            if let Some(j) = rest.iter().position(|c| b"[]".contains(c)) {
                return fail(host + j, "'[' or ']' outside an IP-literal host in");
            }
            rest.iter().position(|&c| c == b':').map(|c| host + c + 1)
        };
        if let Some(from) = port_from {
            if let Some(j) = b[from..end].iter().position(|c| !c.is_ascii_digit()) {
                return fail(from + j, "expected DIGIT in the port of");
            }
        }
        pos = end;
    }
    match b[pos..].iter().position(|c| b"[]".contains(c)) {
        Some(j) => fail(pos + j, "'[' or ']' outside an IP-literal host in"),
        None => Ok(()),
    }
}

/// The issuer identifier rule (RFC 8414 §2) as a plain reading of the text, after
/// [`reference_uri`] accepted it: an absolute URL with an authority, a host, a valid
/// IP-literal, no query, no fragment.
fn reference_issuer(b: &[u8]) -> Result<(), (usize, Option<u8>, String)> {
    let fail = |at: usize, message: &str| Err((at, b.get(at).copied(), message.to_string()));
    let Some(k) = b.iter().position(|c| b":/?#".contains(c)).filter(|&k| b[k] == b':') else {
        return fail(0, "expected scheme in iss (an absolute URL)");
    };
    if !b[k + 1..].starts_with(b"//") {
        return fail(k + 1, "expected '//' authority in iss");
    }
    let start = k + 3;
    let end = b[start..].iter().position(|c| b"/?#".contains(c)).map_or(b.len(), |j| start + j);
    let host = b[start..end].iter().position(|&c| c == b'@').map_or(start, |a| start + a + 1);
    if b.get(host) == Some(&b'[') {
        let close = host + b[host..end].iter().position(|&c| c == b']').unwrap();
        let inner = &b[host + 1..close];
        if matches!(inner.first(), Some(b'v' | b'V')) {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            let hex = inner[1..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
            let dot = 1 + hex;
            let bad = if hex == 0 || inner.get(dot) != Some(&b'.') {
                Some(dot)
            } else if dot + 1 == inner.len() {
                Some(dot + 1)
            } else {
                inner[dot + 1..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:".contains(&c)))
                    .map(|j| dot + 1 + j)
            };
            if let Some(at) = bad {
                return fail(host + 1 + at, "invalid IPvFuture in IP-literal of iss");
            }
        } else if core::str::from_utf8(inner)
            .ok()
            .and_then(|t| t.parse::<std::net::Ipv6Addr>().ok())
            .is_none()
        {
            return fail(host + 1, "invalid IPv6address in IP-literal of iss");
        }
    } else if host == end || b[host] == b':' {
        return fail(host, "expected host in the authority of iss");
    }
    match b[end..].iter().position(|c| b"?#".contains(c)) {
        Some(j) if b[end + j] == b'?' => fail(end + j, "query not allowed in iss (RFC 8414 §2)"),
        Some(j) => fail(end + j, "fragment not allowed in iss (RFC 8414 §2)"),
        None => Ok(()),
    }
}

#[track_caller]
fn same_as_reference(s: &str) {
    let as_tuple = |r: Result<(), InvalidValue>| {
        r.map_err(|e| (e.offset(), e.found().byte(), e.message().to_string()))
    };
    assert_eq!(as_tuple(check_error_uri(s)), reference_uri(s.as_bytes(), "error_uri"), "{s:?}");
    let iss = reference_uri(s.as_bytes(), "iss").and_then(|()| reference_issuer(s.as_bytes()));
    assert_eq!(as_tuple(check_iss(s)), iss, "{s:?}");
}

#[test]
fn uri_checks_agree_with_the_reference_on_the_edges() {
    for s in [
        "",
        ":",
        "a:",
        "a:b",
        "1:",
        "a1+-.:x",
        "a_b:x",
        "//",
        "///",
        "//@",
        "//@@",
        "//[",
        "//]",
        "//[]",
        "//[::1]",
        "//[::1]:",
        "//[::1]:80",
        "//[::1]x",
        "//[[::1]",
        "//h:",
        "//h:8a",
        "//h:80:",
        "//u@h",
        "//u[@h",
        "//u@[h",
        "//u@h[",
        "//h#",
        "//h#a#b",
        // The issuer rule of `iss`.
        "https://h",
        "https://h/p/q",
        "https://h?q",
        "https://h/p#f",
        "https:h",
        "https:/h",
        "https://",
        "https://u@",
        "https://u@:80",
        "https://:80",
        "https://h:",
        "https://[::1]",
        "https://[::1]:8443/x",
        "https://[::g]",
        "https://[1:2:3:4:5:6:7:8:9]",
        "https://[::ffff:192.0.2.1]",
        "https://[v1.x]",
        "https://[V1a.x:y]",
        "https://[v.x]",
        "https://[v1x]",
        "https://[v1.]",
        "https://[v1.x/y]",
        "https://[%41]",
        "x#[",
        "x?[",
        "%",
        "%4",
        "%4g",
        "%41",
        "a%41b",
        "h://a b",
        "é",
        "?#",
        "#",
        "a:#",
        "a:?//x",
        "a:/x//y",
        "http://[v1.x]",
        "http://[v1.x]:",
        "http://a@b:c@d",
        "https://as.example.com/e",
    ] {
        same_as_reference(s);
    }
}

proptest::proptest! {
    #![proptest_config(if cfg!(miri) { proptest::test_runner::Config::default() } else { proptest::test_runner::Config::with_cases(4096) })]

    /// The checks give the reference's answer, error and offset, on references built from
    /// the bytes and pieces that steer them.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn uri_checks_agree_with_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "a", "Z", "1", "0", "+", "-", ".", "_", "~", ":", "/", "//", "?", "#", "@", "[", "]",
            "%", "%4", "%41", "g", "v1.", "::1", "http:", "https://", " ", "\"", "é", "\n", "80",
        ][..]), 0..12),
    ) {
        same_as_reference(&pieces.concat());
    }
}
