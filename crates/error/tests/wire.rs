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
        assert_eq!((e.offset(), e.found()), (2, Some(b)), "{b:#x}");
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
