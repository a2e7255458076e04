//! The authorization-response error in a redirect query: reading, writing, RFC 9207 `iss`.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use proptest::prelude::*;
use signpost_error::{AuthorizationErrorResponse, Encoded, ErrorCode, ErrorResponse};

#[track_caller]
fn parse(query: &str) -> AuthorizationErrorResponse<'_> {
    AuthorizationErrorResponse::parse(query).unwrap().expect("an error response")
}

#[track_caller]
fn refused(query: &str, offset: usize, display: &str) {
    let err = AuthorizationErrorResponse::parse(query).unwrap_err();
    assert_eq!(err.offset(), offset, "{query}");
    assert_eq!(err.to_string(), display, "{query}");
}

#[test]
fn rfc_examples() {
    // RFC 6749 §4.1.2.1.
    let r = parse("error=access_denied&state=xyz");
    assert_eq!(r.code(), Some(ErrorCode::ACCESS_DENIED));
    assert!(r.state_is("xyz"));
    assert_eq!(r.description(), None);
    assert_eq!(r.iss(), None);
    // RFC 6749 §4.2.2.1, the fragment form.
    let r = parse("#error=access_denied&state=xyz");
    assert_eq!(r.error().as_raw(), "access_denied");
    // RFC 9207 §2.
    let r = parse("error=access_denied&state=N8zQm5g7xX&iss=https%3A%2F%2Fhonest.as.example");
    assert!(r.iss().unwrap() == "https://honest.as.example");
    assert!(r.check_issuer("https://honest.as.example").is_ok());
    assert!(r.check_issuer_if_present("https://honest.as.example").is_ok());
}

#[test]
fn decoding() {
    let r = parse(
        "?error=invalid_request&error_description=The+%22redirect_uri%22+is+bad%21&error_uri=https%3A%2F%2Fas%2Fe%3Fx%3D1&state=a%2Bb+c",
    );
    let d = r.description().unwrap();
    assert_eq!(d.to_string(), "The \"redirect_uri\" is bad!");
    assert_eq!(d.decoded_len(), 26);
    assert_eq!(d.bytes().len(), 26);
    assert!(r.uri().unwrap() == "https://as/e?x=1");
    assert!(r.state_is("a+b c"));
    assert!(!r.state_is("a+b+c"));
    let mut small = [0u8; 4];
    assert_eq!(d.decode_into(&mut small), None);
    let mut buf = [0u8; 64];
    assert_eq!(d.decode_into(&mut buf).unwrap(), b"The \"redirect_uri\" is bad!");
    #[cfg(feature = "alloc")]
    {
        assert_eq!(d.to_decoded(), "The \"redirect_uri\" is bad!");
        assert_eq!(&d.to_decoded_bytes()[..], b"The \"redirect_uri\" is bad!");
    }
    // Plain values borrow.
    let v = Encoded::parse("plain").unwrap();
    assert_eq!(v.as_str(), Some("plain"));
    assert!(!v.is_encoded());
    #[cfg(feature = "alloc")]
    assert!(matches!(v.to_decoded(), std::borrow::Cow::Borrowed("plain")));
    // Non-UTF-8 bytes display as U+FFFD, including a sequence cut at the end.
    let v = Encoded::parse("a%FFb%C3%A9%E2%82").unwrap();
    assert_eq!(v.to_string(), "a\u{FFFD}b\u{e9}\u{FFFD}");
    #[cfg(feature = "alloc")]
    {
        assert_eq!(v.to_decoded(), "a\u{FFFD}b\u{e9}\u{FFFD}");
        assert_eq!(&v.to_decoded_bytes()[..], b"a\xffb\xc3\xa9\xe2\x82");
    }
    // A long value displays across the internal buffer's boundary.
    let long = "%C3%A9".repeat(100);
    assert_eq!(Encoded::parse(&long).unwrap().to_string(), "\u{e9}".repeat(100));
    // Equality decodes both sides.
    assert_eq!(Encoded::parse("a+b").unwrap(), Encoded::parse("a%20b").unwrap());
    assert_ne!(Encoded::parse("a+b").unwrap(), Encoded::parse("a%2Bb").unwrap());
    assert_eq!(format!("{:?}", Encoded::parse("a+b").unwrap()), "Encoded(\"a+b\")");
}

#[test]
fn names_are_decoded_and_case_sensitive() {
    let r = parse("%65rror=login_required&st%61te=s");
    assert_eq!(r.code(), Some(ErrorCode::LOGIN_REQUIRED));
    assert!(r.state_is("s"));
    assert!(AuthorizationErrorResponse::parse("Error=login_required").unwrap().is_none());
    // A name with a broken escape is an unknown parameter.
    assert!(AuthorizationErrorResponse::parse("error%=x").unwrap().is_none());
}

#[test]
fn unknown_and_empty_parameters_are_ignored() {
    let r = parse("&&foo=1&error=server_error&&foo=2&bar&code%=zz%&");
    assert_eq!(r.code(), Some(ErrorCode::SERVER_ERROR));
    // A success response has no error.
    assert!(AuthorizationErrorResponse::parse("code=SplxlOBeZQQYbYS6WxSbIA&state=xyz")
        .unwrap()
        .is_none());
    assert!(AuthorizationErrorResponse::parse("").unwrap().is_none());
    assert!(AuthorizationErrorResponse::parse("?").unwrap().is_none());
}

#[test]
fn the_code() {
    // Registered codes are found however they are encoded.
    assert_eq!(parse("error=slow%5Fdown").code(), Some(ErrorCode::SLOW_DOWN));
    // Extension codes borrow when they are not encoded.
    let r = parse("error=my_code");
    assert_eq!(r.code().unwrap().as_str(), "my_code");
    assert!(!r.code().unwrap().is_registered());
    // An encoded extension code cannot be borrowed: decode it.
    let r = parse("error=my+code");
    assert_eq!(r.code(), None);
    let mut buf = [0u8; 16];
    let decoded = r.error().decode_into(&mut buf).unwrap();
    let code = ErrorCode::parse(std::str::from_utf8(decoded).unwrap()).unwrap();
    assert_eq!(code.as_str(), "my code");
}

#[test]
fn errors_name_the_offset() {
    // RFC 6749 §3.1: parameters MUST NOT be included more than once.
    refused("error=a&error=b", 8, "duplicate error parameter, found 'e' at byte 8");
    refused("error=a&state=1&state=1", 16, "duplicate state parameter, found 's' at byte 16");
    refused(
        "error=a&error_description=x&error_description=x",
        28,
        "duplicate error_description parameter, found 'e' at byte 28",
    );
    refused(
        "error=a&error_uri=x&error_uri",
        20,
        "duplicate error_uri parameter, found 'e' at byte 20",
    );
    refused("iss=a&error=a&iss=b", 14, "duplicate iss parameter, found 'i' at byte 14");
    refused("error=a&%69ss=x&iss=y", 16, "duplicate iss parameter, found 'i' at byte 16");
    // Percent-encoding of the values read.
    refused(
        "error=a&state=ab%2",
        16,
        "expected two HEXDIG after '%' in form-urlencoded value, found '%' at byte 16",
    );
    refused(
        "error=a%zz",
        7,
        "expected two HEXDIG after '%' in form-urlencoded value, found '%' at byte 7",
    );
    // error = 1*NQSCHAR after decoding.
    refused("error=&state=x", 6, "expected at least one NQSCHAR in error, found '&' at byte 6");
    refused(
        "state=x&error",
        13,
        "expected at least one NQSCHAR in error, found end of input at byte 13",
    );
    refused("error=a%22b", 7, "expected NQSCHAR in error, found '%' at byte 7");
    refused("error=a%5Cb", 7, "expected NQSCHAR in error, found '%' at byte 7");
    refused("error=a%0Ab", 7, "expected NQSCHAR in error, found '%' at byte 7");
    refused("error=caf%C3%A9", 9, "expected NQSCHAR in error, found '%' at byte 9");
    refused("state=x&error=\"", 14, "expected NQSCHAR in error, found '\"' at byte 14");
    // Descriptions are read as they are, but for CR, LF and NUL (RFC 6749 Appendix A).
    let r = parse("error=x&error_description=%22%5C");
    assert_eq!(r.description().unwrap().decode_into(&mut [0; 2]).unwrap(), b"\"\\");
    let cr_lf_nul = "CR, LF or NUL in a parameter value (RFC 6749 Appendix A)";
    for (query, at) in [
        ("error=x&error_description=a%0Ab", 27),
        ("error=x&error_description=a%0db", 27),
        ("error=x&state=%00", 14),
        ("error=x&error_uri=https://a/%0D%0A", 28),
        ("error=x&iss=a\r\nb", 13),
        ("error_description=\n&error=x", 18),
    ] {
        let e = AuthorizationErrorResponse::parse(query).unwrap_err();
        assert_eq!((e.offset(), e.message()), (at, cr_lf_nul), "{query:?}");
    }
}

#[test]
fn iss_checks() {
    let query = "error=access_denied&iss=https%3A%2F%2Fattacker.example";
    let r = parse(query);
    let err = r.check_issuer("https://honest.as.example").unwrap_err();
    assert_eq!(err.offset(), 24);
    assert_eq!(err.to_string(), "iss does not match the expected issuer, found 'h' at byte 24");
    assert!(r.check_issuer_if_present("https://honest.as.example").is_err());
    // Simple string comparison: no normalization.
    let r = parse("error=access_denied&iss=https%3A%2F%2Fhonest.as.example%2F");
    assert!(r.check_issuer("https://honest.as.example").is_err());
    let r = parse("error=access_denied&iss=HTTPS%3A%2F%2Fhonest.as.example");
    assert!(r.check_issuer("https://honest.as.example").is_err());
    // Missing iss.
    let query = "error=access_denied&state=x";
    let r = parse(query);
    let err = r.check_issuer("https://honest.as.example").unwrap_err();
    assert_eq!((err.offset(), err.found()), (query.len(), signpost_error::Found::End));
    assert_eq!(err.to_string(), "missing iss parameter, found end of input at byte 27");
    assert!(r.check_issuer_if_present("https://honest.as.example").is_ok());
}

#[test]
fn writing() {
    let mut q = String::new();
    ErrorResponse::new(ErrorCode::INVALID_REQUEST)
        .with_description("Missing \"x\"? No: quotes are refused")
        .write_query(&mut q, None, None)
        .unwrap_err();
    assert_eq!(q, "");
    ErrorResponse::new(ErrorCode::INVALID_REQUEST)
        .with_description("Missing x & y = z; 100% sure")
        .with_uri("https://as.example.com/e?a=b#c")
        .write_query(&mut q, Some("st a~te/+"), Some("https://as.example.com"))
        .unwrap();
    assert_eq!(
        q,
        "error=invalid_request&error_description=Missing+x+%26+y+%3D+z%3B+100%25+sure\
         &error_uri=https%3A%2F%2Fas.example.com%2Fe%3Fa%3Db%23c&state=st+a~te%2F%2B\
         &iss=https%3A%2F%2Fas.example.com"
    );
    let r = parse(&q);
    assert!(r.description().unwrap() == "Missing x & y = z; 100% sure");
    assert!(r.uri().unwrap() == "https://as.example.com/e?a=b#c");
    assert!(r.state_is("st a~te/+"));
    assert!(r.check_issuer("https://as.example.com").is_ok());
    let err = ErrorResponse::new(ErrorCode::INVALID_REQUEST)
        .write_query(&mut String::new(), Some("caf\u{e9}"), None)
        .unwrap_err();
    assert_eq!(err.to_string(), "expected VSCHAR in state, found 0xc3 at byte 3 of the value");
    let err = ErrorResponse::new(ErrorCode::INVALID_REQUEST)
        .write_query(&mut String::new(), None, Some("not a url"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected URI-reference character in iss, found ' ' at byte 3 of the value"
    );
}

/// The decoder of WHATWG's `application/x-www-form-urlencoded`, written the obvious way,
/// restricted to valid input.
fn naive_decode(raw: &str) -> Option<Vec<u8>> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// Printable text: NQSCHAR for the error members, VSCHAR for state.
const NQ: &str = "[ !#-\\[\\]-~]{1,30}";
const VS: &str = "[ -~]{1,30}";
const URI: &str = "(https://[a-z]{1,8}\\.example(:[0-9]{1,4})?)?(/[a-zA-Z0-9._~!$&'()*+,;=:@%-]{0,8}){0,3}(\\?[a-z=&]{0,8})?(#[a-z/?]{0,5})?";

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn percent_decoding_matches_a_naive_decoder(raw in "([a-zA-Z0-9+ ~&=]|%[0-9a-fA-F]{2}|%[g-z]?|\u{e9})*") {
        match (Encoded::parse(&raw), naive_decode(&raw)) {
            (Ok(v), Some(expected)) => {
                prop_assert_eq!(v.bytes().collect::<Vec<u8>>(), expected.clone());
                prop_assert_eq!(v.decoded_len(), expected.len());
                prop_assert_eq!(v.bytes().len(), expected.len());
                let mut buf = vec![0u8; expected.len()];
                prop_assert_eq!(v.decode_into(&mut buf).unwrap(), &expected[..]);
                prop_assert!(v.eq_bytes(&expected));
                #[cfg(feature = "alloc")]
                prop_assert_eq!(&v.to_decoded_bytes()[..], &expected[..]);
                prop_assert_eq!(v.to_string(), String::from_utf8_lossy(&expected).into_owned());
            }
            (Err(e), None) => {
                prop_assert_eq!(raw.as_bytes()[e.offset()], b'%');
            }
            (got, want) => prop_assert!(false, "{:?} vs {:?}", got, want),
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn write_then_parse(
        code in NQ,
        description in proptest::option::of(NQ),
        uri in proptest::option::of(URI),
        state in proptest::option::of(VS),
        iss in proptest::option::of("https://[a-z]{1,10}\\.example(/[a-z]{0,5})?"),
    ) {
        let code = ErrorCode::parse(&code).unwrap();
        let uri = uri.filter(|u| !u.is_empty() && signpost_error::check_error_uri(u).is_ok());
        let mut response = ErrorResponse::new(code);
        if let Some(d) = &description {
            response = response.with_description(d);
        }
        if let Some(u) = &uri {
            response = response.with_uri(u);
        }
        let mut q = String::new();
        response.write_query(&mut q, state.as_deref(), iss.as_deref()).unwrap();
        let r = parse(&q);
        prop_assert!(r.error() == code.as_str());
        if code.is_registered() || !code.as_str().contains(|c: char| !c.is_ascii_alphanumeric() && !"-._~".contains(c)) {
            prop_assert_eq!(r.code(), Some(code));
        }
        prop_assert_eq!(r.description().map(|d| d.to_string()), description.clone());
        prop_assert_eq!(r.uri().map(|d| d.to_string()), uri.clone());
        prop_assert_eq!(r.state().map(|d| d.to_string()), state.clone());
        if let Some(s) = &state {
            prop_assert!(r.state_is(s));
        }
        match &iss {
            Some(i) => prop_assert!(r.check_issuer(i).is_ok()),
            None => prop_assert!(r.check_issuer("https://x.example").is_err()),
        }
        // And the JSON form of the same response.
        let mut body = String::new();
        response.write_json(&mut body).unwrap();
        #[cfg(feature = "serde")]
        {
            let back: ErrorResponse<'_> = serde_json::from_str(&body).unwrap();
            prop_assert_eq!(back, response);
        }
    }
}
