//! The JSON error body of RFC 6749 §5.2: the no-serde writer and serde.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

#[cfg(all(feature = "serde", feature = "alloc"))]
use std::borrow::Cow;

use signpost_error::{ErrorCode, ErrorResponse};

#[track_caller]
fn json(response: &ErrorResponse<'_>) -> String {
    let mut out = String::new();
    response.write_json(&mut out).unwrap();
    out
}

#[test]
fn writer_examples() {
    // RFC 6749 §5.2.
    assert_eq!(
        json(&ErrorResponse::new(ErrorCode::INVALID_REQUEST)),
        r#"{"error":"invalid_request"}"#
    );
    // RFC 8628 §3.5.
    assert_eq!(
        json(&ErrorResponse::new(ErrorCode::AUTHORIZATION_PENDING)),
        r#"{"error":"authorization_pending"}"#
    );
    // RFC 9449 §8 (the DPoP-Nonce header goes beside it).
    let nonce = ErrorResponse::new(ErrorCode::USE_DPOP_NONCE)
        .with_description("Authorization server requires nonce in DPoP proof");
    assert_eq!(
        json(&nonce),
        r#"{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}"#
    );
    let all = ErrorResponse::new(ErrorCode::parse("custom_error").unwrap())
        .with_uri("https://as.example.com/e#custom")
        .with_description("Something <odd> & 'quoted'");
    assert_eq!(
        json(&all),
        r#"{"error":"custom_error","error_description":"Something <odd> & 'quoted'","error_uri":"https://as.example.com/e#custom"}"#
    );
    // What the writer produces is JSON.
    let v: serde_json::Value = serde_json::from_str(&json(&all)).unwrap();
    assert_eq!(v["error_description"], "Something <odd> & 'quoted'");
}

#[test]
fn writer_refuses_what_would_need_escaping() {
    for (response, display) in [
        (
            ErrorResponse::new(ErrorCode::INVALID_TOKEN).with_description("a\"b"),
            "expected NQSCHAR in error_description, found '\"' at byte 1",
        ),
        (
            ErrorResponse::new(ErrorCode::INVALID_TOKEN).with_description("a\\u0022"),
            "expected NQSCHAR in error_description, found '\\' at byte 1",
        ),
        (
            ErrorResponse::new(ErrorCode::INVALID_TOKEN).with_description("\u{2028}"),
            "expected NQSCHAR in error_description, found 0xe2 at byte 0",
        ),
        (
            ErrorResponse::new(ErrorCode::INVALID_TOKEN).with_uri("https://x/\"}"),
            "expected URI-reference character in error_uri, found '\"' at byte 10",
        ),
        (
            ErrorResponse::new(ErrorCode::INVALID_TOKEN).with_uri(""),
            "expected a URI-reference in error_uri at byte 0",
        ),
    ] {
        let mut out = String::new();
        let err = response.write_json(&mut out).unwrap_err();
        assert!(!err.is_fmt());
        // The writer's error is the refused value's, with the offset said to be in the value.
        assert_eq!(err.to_string(), format!("{display} of the value"));
        assert!(display.starts_with(err.message()), "{display}");
        assert!(display.contains(&format!(" at byte {}", err.offset().unwrap())), "{display}");
        assert_eq!(out, "", "nothing is written before the check");
        #[cfg(feature = "serde")]
        assert_eq!(serde_json::to_string(&response).unwrap_err().to_string(), display);
    }
}

#[test]
fn writer_reports_a_full_buffer() {
    struct Tiny(usize);
    impl core::fmt::Write for Tiny {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            self.0 = self.0.checked_sub(s.len()).ok_or(core::fmt::Error)?;
            Ok(())
        }
    }
    let err = ErrorResponse::new(ErrorCode::INVALID_TOKEN).write_json(&mut Tiny(10)).unwrap_err();
    assert!(err.is_fmt());
    assert_eq!((err.offset(), err.found()), (None, signpost_error::Found::Nothing));
    assert_eq!(err.to_string(), "formatter error");
}

#[test]
#[cfg(feature = "serde")]
fn serde_serialize_matches_the_writer() {
    let r = ErrorResponse::new(ErrorCode::INVALID_GRANT).with_description("expired");
    assert_eq!(serde_json::to_string(&r).unwrap(), json(&r));
    assert_eq!(serde_json::to_string(&ErrorCode::SLOW_DOWN).unwrap(), r#""slow_down""#);
}

#[test]
#[cfg(feature = "serde")]
fn deserialize_borrows() {
    let input = r#"{"error":"invalid_token","error_description":"The access token expired","error_uri":"https://as/e"}"#;
    let r: ErrorResponse<'_> = serde_json::from_str(input).unwrap();
    assert_eq!(r.error(), ErrorCode::INVALID_TOKEN);
    let description = r.description().unwrap();
    assert_eq!(description, "The access token expired");
    let within = input.as_ptr() as usize..input.as_ptr() as usize + input.len();
    assert!(within.contains(&(description.as_ptr() as usize)), "borrowed from the input");
    assert_eq!(r.uri(), Some("https://as/e"));
    assert!(r.check().is_ok());
}

#[test]
#[cfg(all(feature = "serde", feature = "alloc"))]
fn deserialize_leniency_and_strictness() {
    // Unknown members are ignored (Entra ID adds error_codes, trace_id, ...), null is absent.
    let r: ErrorResponse<'_> = serde_json::from_str(
        r#"{"trace_id":"x","error_codes":[70008],"error":"invalid_grant","error_description":null,"error_uri":null,"timestamp":{"a":1}}"#,
    )
    .unwrap();
    assert_eq!(r.error(), ErrorCode::INVALID_GRANT);
    assert_eq!((r.description(), r.uri()), (None, None));
    // Descriptions are read as they are, even when they may not be written.
    let r: ErrorResponse<'_> =
        serde_json::from_str(r#"{"error":"x","error_description":"d\u00e9j\u00e0 \"vu\""}"#)
            .unwrap();
    assert_eq!(r.description(), Some("d\u{e9}j\u{e0} \"vu\""));
    assert_eq!(
        r.check().unwrap_err().to_string(),
        "expected NQSCHAR in error_description, found 0xc3 at byte 1"
    );
    // Escaped strings are copied (alloc); an escaped registered code is still the constant.
    let r: ErrorResponse<'_> = serde_json::from_str(r#"{"error":"invalid\u005fgrant"}"#).unwrap();
    assert_eq!(r.error(), ErrorCode::INVALID_GRANT);
    let r: ErrorResponse<'_> = serde_json::from_str(r#"{"error":"my\/code"}"#).unwrap();
    assert_eq!(r.error().as_str(), "my/code");
    assert!(!r.error().is_registered());

    for (input, message) in [
        (r#"{}"#, "missing field `error` at line 1 column 2"),
        (r#"{"error_description":"x"}"#, "missing field `error` at line 1 column 25"),
        (r#"{"error":"a","error":"b"}"#, "duplicate field `error` at line 1 column 20"),
        (
            r#"{"error":"a","error_uri":"u","error_uri":"v"}"#,
            "duplicate field `error_uri` at line 1 column 40",
        ),
        (r#"{"error":""}"#, "expected at least one NQSCHAR in error at byte 0 at line 1 column 11"),
        (
            r#"{"error":"a\"b"}"#,
            "expected NQSCHAR in error, found '\"' at byte 1 at line 1 column 15",
        ),
        (
            r#"{"error":null}"#,
            "invalid type: null, expected an OAuth error code at line 1 column 13",
        ),
        (
            r#"{"error":42}"#,
            "invalid type: integer `42`, expected an OAuth error code at line 1 column 11",
        ),
        (
            r#"{"error":"a","error_description":7}"#,
            "invalid type: integer `7`, expected a string at line 1 column 34",
        ),
        (
            r#"["invalid_request"]"#,
            "invalid type: sequence, expected an OAuth error response object at line 1 column 1",
        ),
    ] {
        let err = serde_json::from_str::<ErrorResponse<'_>>(input).unwrap_err();
        assert_eq!(err.to_string(), message, "{input}");
    }
}

#[test]
#[cfg(all(feature = "serde", feature = "alloc"))]
fn error_code_deserializes() {
    let c: ErrorCode<'_> = serde_json::from_str(r#""slow_down""#).unwrap();
    assert_eq!(c, ErrorCode::SLOW_DOWN);
    let c: ErrorCode<'_> = serde_json::from_str(r#""slow\u005fdown""#).unwrap();
    assert_eq!(c, ErrorCode::SLOW_DOWN);
    let c: ErrorCode<'_> = serde_json::from_str(r#""ext""#).unwrap();
    assert_eq!(c.as_str(), "ext");
    let err = serde_json::from_str::<ErrorCode<'_>>(r#""e\u0078t""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an escaped extension error code cannot be borrowed at line 1 column 10"
    );
}

/// Fuzz regression (error_json): a response and its owned copy are equal, and so are a
/// borrowed and a copied (escaped) reading of the same text.
#[test]
#[cfg(all(feature = "serde", feature = "alloc"))]
fn equality_ignores_how_text_is_stored() {
    let r: ErrorResponse<'_> = serde_json::from_str(r#"{"error":"invalid_request"}"#).unwrap();
    assert_eq!(r.clone().into_owned(), r);
    let plain: ErrorResponse<'_> =
        serde_json::from_str(r#"{"error":"x","error_description":"a/b"}"#).unwrap();
    let escaped: ErrorResponse<'_> =
        serde_json::from_str(r#"{"error":"x","error_description":"a\/b"}"#).unwrap();
    assert_eq!(plain, escaped);
    assert_ne!(plain, ErrorResponse::new(ErrorCode::parse("x").unwrap()));
}

#[test]
#[cfg(all(feature = "serde", feature = "alloc"))]
fn into_owned_outlives_its_input() {
    let owned = {
        let input = String::from(r#"{"error":"x_y","error_description":"gone"}"#);
        let r: ErrorResponse<'_> = serde_json::from_str(&input).unwrap();
        r.into_owned()
    };
    assert_eq!(owned.error().as_str(), "x_y");
    assert_eq!(owned.description(), Some("gone"));
    let cow: Cow<'_, str> = Cow::Borrowed(owned.description().unwrap());
    assert_eq!(cow, "gone");
    assert_eq!(
        format!("{owned:?}"),
        r#"ErrorResponse { error: "x_y", error_description: Some("gone"), error_uri: None }"#
    );
}

/// RFC 6749 §5.2 members never hold CR, LF or NUL: a body that escapes one in a member is
/// refused rather than handed on (it could forge a line wherever the text is written next).
/// (Escaped members borrow nothing: serde hands them over as owned text, which needs alloc.)
#[cfg(all(feature = "serde", feature = "alloc"))]
#[test]
fn cr_lf_and_nul_are_refused() {
    for body in [
        r#"{"error":"invalid_request","error_description":"a\r\nSet-Cookie: x"}"#,
        r#"{"error":"invalid_request","error_description":"a\nb"}"#,
        r#"{"error":"invalid_request","error_uri":"https://a.example/\u0000"}"#,
        r#"{"error":"invalid_request","error_description":"a\u000Db"}"#,
    ] {
        let e = serde_json::from_str::<ErrorResponse<'_>>(body).unwrap_err();
        assert!(e.to_string().starts_with("CR, LF or NUL in a member"), "{body}: {e}");
    }
    let ok: ErrorResponse<'_> =
        serde_json::from_str(r#"{"error":"invalid_request","error_description":"a\tb \"c\""}"#)
            .unwrap();
    assert_eq!(ok.description(), Some("a\tb \"c\""));
}
