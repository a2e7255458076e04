//! `ErrorCode`: parsing, the constants, extension round trips, equality, errors.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use proptest::prelude::*;
use signpost_error::{
    AuthorizationErrorResponse, Channel, DecodedBytes, Encoded, Entry, ErrorCode, ErrorResponse,
    InvalidErrorCode, InvalidValue, QueryError, Remedy, UsageLocation, WriteError,
};

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ErrorCode<'static>>();
    check::<Entry>();
    check::<UsageLocation>();
    check::<Channel>();
    check::<Remedy>();
    check::<InvalidErrorCode>();
    check::<InvalidValue>();
    check::<WriteError>();
    check::<QueryError>();
    check::<ErrorResponse<'static>>();
    check::<AuthorizationErrorResponse<'static>>();
    check::<Encoded<'static>>();
    check::<DecodedBytes<'static>>();
}

#[test]
fn every_registered_name_parses_to_its_constant() {
    for &code in ErrorCode::registered_codes() {
        let parsed = ErrorCode::parse(code.as_str()).unwrap();
        assert_eq!(parsed, code);
        assert!(parsed.is_registered());
        assert!(!parsed.entries().is_empty());
        assert_eq!(parsed.to_string(), code.as_str());
    }
    assert_eq!(ErrorCode::INVALID_TOKEN.as_str(), "invalid_token");
    assert_eq!(ErrorCode::INSUFFICIENT_SCOPE.as_str(), "insufficient_scope");
    assert_eq!(
        ErrorCode::INSUFFICIENT_USER_AUTHENTICATION.as_str(),
        "insufficient_user_authentication"
    );
    assert_eq!(ErrorCode::USE_DPOP_NONCE.as_str(), "use_dpop_nonce");
    assert_eq!(ErrorCode::INVALID_DPOP_PROOF.as_str(), "invalid_dpop_proof");
    assert_eq!(ErrorCode::SLOW_DOWN.as_str(), "slow_down");
    assert_eq!(ErrorCode::AUTHORIZATION_PENDING.as_str(), "authorization_pending");
    assert_eq!(ErrorCode::WALLET_UNAVAILABLE.as_str(), "wallet_unavailable");
}

#[test]
fn extension_codes_round_trip_unchanged() {
    for s in [
        "insufficient_claims",
        "Invalid_Token",
        "invalid_token ",
        " invalid_token",
        "invalid token",
        "x",
        "!",
        "~{}|",
        "invalid_iss",
        "a very long extension code that is longer than every registered name",
    ] {
        let code = ErrorCode::parse(s).unwrap();
        assert!(!code.is_registered(), "{s:?}");
        assert_eq!(code.as_str(), s);
        assert!(std::ptr::eq(code.as_str(), s), "an extension code borrows its input");
        assert!(code.entries().is_empty());
        assert_eq!(code.at(UsageLocation::ResourceAccess), None);
    }
}

#[track_caller]
fn refused(input: &str, offset: usize, found: Option<u8>, message: &str, display: &str) {
    let err = ErrorCode::parse(input).unwrap_err();
    assert_eq!(err.offset(), offset, "{input:?}");
    assert_eq!(err.found().byte(), found, "{input:?}");
    assert_eq!(err.message(), message, "{input:?}");
    assert_eq!(err.to_string(), display, "{input:?}");
}

#[test]
fn invalid_codes_name_the_byte_and_offset() {
    refused(
        "",
        0,
        None,
        "expected at least one NQSCHAR in error",
        "expected at least one NQSCHAR in error at byte 0",
    );
    refused(
        "a\"b",
        1,
        Some(b'"'),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found '\"' at byte 1",
    );
    refused(
        "ab\\",
        2,
        Some(b'\\'),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found '\\' at byte 2",
    );
    refused(
        "\tx",
        0,
        Some(b'\t'),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found 0x09 at byte 0",
    );
    refused(
        "x\r\n",
        1,
        Some(b'\r'),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found 0x0d at byte 1",
    );
    refused(
        "x\u{7f}",
        1,
        Some(0x7f),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found 0x7f at byte 1",
    );
    refused(
        "jeton_expir\u{e9}",
        11,
        Some(0xc3),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found 0xc3 at byte 11",
    );
    refused(
        "\0",
        0,
        Some(0),
        "expected NQSCHAR in error",
        "expected NQSCHAR in error, found 0x00 at byte 0",
    );
    assert!(ErrorCode::try_from("a\"").is_err());
    assert_eq!(ErrorCode::try_from("slow_down").unwrap(), ErrorCode::SLOW_DOWN);
}

#[test]
fn from_static_is_const_and_canonical() {
    const CLAIMS: ErrorCode<'static> = ErrorCode::from_static("insufficient_claims");
    const TOKEN: ErrorCode<'static> = ErrorCode::from_static("invalid_token");
    assert!(!CLAIMS.is_registered());
    assert!(TOKEN.is_registered());
    assert_eq!(TOKEN, ErrorCode::INVALID_TOKEN);
}

#[test]
// On a target that aborts on panic (wasm32-wasip1), the first panic would end the whole run.
#[cfg_attr(not(panic = "unwind"), ignore = "catch_unwind needs panic=unwind")]
fn from_static_panics_at_run_time_on_bad_input() {
    assert!(std::panic::catch_unwind(|| ErrorCode::from_static("a\"b")).is_err());
    assert!(std::panic::catch_unwind(|| ErrorCode::from_static("")).is_err());
}

fn hash(code: ErrorCode<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    code.hash(&mut h);
    h.finish()
}

#[test]
fn equality_hash_order_follow_the_text() {
    let a = ErrorCode::parse("invalid_token").unwrap();
    assert_eq!(a, ErrorCode::INVALID_TOKEN);
    assert_eq!(a, "invalid_token");
    assert_eq!(a, *"invalid_token");
    assert_ne!(a, "Invalid_Token");
    assert_eq!(hash(a), hash(ErrorCode::INVALID_TOKEN));
    let owned = String::from("custom_code");
    let b = ErrorCode::parse(&owned).unwrap();
    assert_eq!(b, ErrorCode::from_static("custom_code"));
    assert_eq!(hash(b), hash(ErrorCode::from_static("custom_code")));
    assert!(ErrorCode::ACCESS_DENIED < ErrorCode::INVALID_TOKEN);
    assert!(b < ErrorCode::INVALID_TOKEN);
    assert_eq!(format!("{:?}", ErrorCode::SLOW_DOWN), "ErrorCode(\"slow_down\")");
    assert_eq!(ErrorCode::SLOW_DOWN.as_ref(), "slow_down");
}

#[test]
fn linear_scan_agrees_with_the_lookup() {
    for (i, code) in ErrorCode::registered_codes().iter().enumerate() {
        assert_eq!(signpost_error::_benchable::lookup_linear_scan(code.as_str()), Some(i));
    }
    assert_eq!(signpost_error::_benchable::lookup_linear_scan("nope"), None);
}

proptest! {
    /// Any `1*NQSCHAR` string parses and round-trips byte for byte; registered names give
    /// their constant and nothing else does.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn code_round_trip(s in "[ !#-\\[\\]-~]{1,40}") {
        let code = ErrorCode::parse(&s).unwrap();
        prop_assert_eq!(code.as_str(), s.as_str());
        let registered = ErrorCode::registered_codes().iter().any(|c| c.as_str() == s);
        prop_assert_eq!(code.is_registered(), registered);
    }

    /// Registered names with one byte changed are never mistaken for a registered code
    /// other than the one they now spell.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn near_misses(i in 0usize..49, at in 0usize..40, b in 0x20u8..0x7f) {
        let name = ErrorCode::registered_codes()[i].as_str();
        let mut bytes = name.as_bytes().to_vec();
        let at = at % bytes.len();
        bytes[at] = b;
        let s = String::from_utf8(bytes).unwrap();
        match ErrorCode::parse(&s) {
            Ok(code) => prop_assert_eq!(code.as_str(), s.as_str()),
            Err(e) => prop_assert!(b == b'"' || b == b'\\', "{}", e),
        }
    }

    /// `from_bytes` says what `parse` says of the same bytes as text (the same code, or the
    /// same error at the same offset), and refuses bytes that are not UTF-8 at the first
    /// byte outside NQSCHAR.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn from_bytes_agrees_with_parse(bytes in prop::collection::vec(prop_oneof![
        4 => prop::sample::select(ErrorCode::registered_codes().iter().map(|c| c.as_str().as_bytes().to_vec()).collect::<Vec<_>>()),
        1 => prop::collection::vec(any::<u8>(), 0..12),
        2 => "[ !#-\\[\\]-~]{1,12}".prop_map(String::into_bytes),
    ], 1..3).prop_map(|parts| parts.concat())) {
        let by_bytes = ErrorCode::from_bytes(&bytes);
        match core::str::from_utf8(&bytes) {
            Ok(text) => match (by_bytes, ErrorCode::parse(text)) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(a, b);
                    prop_assert_eq!(a.is_registered(), b.is_registered());
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "from_bytes {:?}, parse {:?}", a, b),
            },
            Err(_) => {
                let first = bytes.iter().position(|&b| !matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E));
                prop_assert_eq!(by_bytes.unwrap_err().offset(), first.unwrap());
            }
        }
    }

    /// Any string with a byte outside NQSCHAR is refused at the first such byte.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn first_bad_byte(prefix in "[a-z_]{0,10}", bad in prop::sample::select(vec!['"', '\\', '\t', '\n', '\u{7f}', '\u{e9}', '\u{0}']), suffix in "[a-z\"]{0,5}") {
        let s = format!("{prefix}{bad}{suffix}");
        let err = ErrorCode::parse(&s).unwrap_err();
        prop_assert_eq!(err.offset(), prefix.len());
    }
}
