//! The strict grammar of RFC 6749 §3.3: tokens, views and the set parsers, with the exact
//! messages and offsets of every error.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use signpost_scope::{Error, Found, OwnedScopeSet, Scope, ScopeSet, ScopeToken};

#[track_caller]
fn tokens(input: &str) -> Vec<&str> {
    let scope = Scope::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    scope.iter().map(|t| t.as_str()).collect()
}

#[track_caller]
fn error(input: &[u8]) -> (usize, String) {
    let err = Scope::from_bytes(input).expect_err(&String::from_utf8_lossy(input));
    // Every entry point agrees on the error.
    if let Ok(s) = std::str::from_utf8(input) {
        assert_eq!(Scope::parse(s).unwrap_err(), err);
        assert_eq!(ScopeSet::<64>::parse(s).unwrap_err(), err);
        assert_eq!(OwnedScopeSet::parse(s).unwrap_err(), err);
    }
    assert_eq!(ScopeSet::<64>::from_bytes(input).unwrap_err(), err);
    assert_eq!(OwnedScopeSet::from_bytes(input).unwrap_err(), err);
    (err.offset(), err.to_string())
}

/// Scopes from the RFCs, the OpenID and MCP specs, registries and providers.
const VALID: &[(&str, &[&str])] = &[
    // RFC 6749 §3.3 shape; OpenID Connect Core 1.0 §3.1.2.1.
    ("openid profile email", &["openid", "profile", "email"]),
    // RFC 6750 §3 example challenge scope.
    ("openid profile email phone address", &["openid", "profile", "email", "phone", "address"]),
    // MCP 2025-11-25 challenge example.
    ("files:read", &["files:read"]),
    // Docker registry token auth, several resource scopes in one (podman container-libs#1130).
    (
        "repository:samalba/my-app:pull,push repository:library/ubuntu:pull",
        &["repository:samalba/my-app:pull,push", "repository:library/ubuntu:pull"],
    ),
    // Google: URLs are tokens.
    (
        "https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/userinfo.email",
        &["https://www.googleapis.com/auth/drive.readonly", "https://www.googleapis.com/auth/userinfo.email"],
    ),
    // Every NQCHAR class edge: %x21, %x23, %x5B, %x5D, %x7E.
    ("! # [ ] ~", &["!", "#", "[", "]", "~"]),
    ("!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~", &["!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"]),
    // A comma is an NQCHAR: strictly, this is one token (the MCP C# SDK crashed on it).
    (",", &[","]),
    ("x2,x1", &["x2,x1"]),
    // Case-sensitive, duplicates kept by the view.
    ("Read read READ read", &["Read", "read", "READ", "read"]),
    // Long tokens exercise the eight-byte fast path on both sides of a boundary.
    ("abcdefg abcdefgh abcdefghi", &["abcdefg", "abcdefgh", "abcdefghi"]),
];

#[test]
fn valid_scopes() {
    for &(input, expected) in VALID {
        assert_eq!(tokens(input), expected, "{input:?}");
        let scope = Scope::parse(input).unwrap();
        assert_eq!(scope.len(), expected.len());
        assert_eq!(scope.as_str(), input);
        assert_eq!(scope.to_string(), input);
        assert!(!scope.is_empty());
        for t in expected {
            assert!(scope.contains(t));
        }
        assert_eq!(Scope::from_bytes(input.as_bytes()).unwrap(), scope);
    }
}

/// Every way to break the grammar, with the offset and the message.
const INVALID: &[(&[u8], usize, &str)] = &[
    (b"", 0, "expected scope-token, found end of input at byte 0"),
    (b" ", 0, "empty scope-token (leading SP) at byte 0"),
    (b" openid", 0, "empty scope-token (leading SP) at byte 0"),
    (b"openid ", 6, "empty scope-token (trailing SP) at byte 6"),
    (b"openid  profile", 7, "empty scope-token (double SP) at byte 7"),
    (b"a b  ", 4, "empty scope-token (double SP) at byte 4"),
    (b"openid\tprofile", 6, "expected NQCHAR in scope-token, found 0x09 at byte 6"),
    (b"openid\r\nprofile", 6, "expected NQCHAR in scope-token, found 0x0d at byte 6"),
    (b"openid\nprofile", 6, "expected NQCHAR in scope-token, found 0x0a at byte 6"),
    (b"a\x00", 1, "expected NQCHAR in scope-token, found 0x00 at byte 1"),
    (b"a\x7f", 1, "expected NQCHAR in scope-token, found 0x7f at byte 1"),
    (b"\"openid\"", 0, "expected NQCHAR in scope-token, found '\"' at byte 0"),
    (b"openid \"profile\"", 7, "expected NQCHAR in scope-token, found '\"' at byte 7"),
    (b"a\\b", 1, "expected NQCHAR in scope-token, found '\\' at byte 1"),
    (b"caf\xc3\xa9", 3, "expected NQCHAR in scope-token, found 0xc3 at byte 3"),
    (b"abc\xff", 3, "expected NQCHAR in scope-token, found 0xff at byte 3"),
    // The first problem in input order wins.
    (b"a\tb  c", 1, "expected NQCHAR in scope-token, found 0x09 at byte 1"),
    (b"a  b\tc", 2, "empty scope-token (double SP) at byte 2"),
    (b"a \xff ", 2, "expected NQCHAR in scope-token, found 0xff at byte 2"),
    // Deep inside a long token: the fast path must report the exact byte.
    (b"abcdefghijklmnop\"rstuvwxyz", 16, "expected NQCHAR in scope-token, found '\"' at byte 16"),
    (b"abcdefgh abcdefgh abcdefg\x01", 25, "expected NQCHAR in scope-token, found 0x01 at byte 25"),
];

#[test]
fn invalid_scopes() {
    for &(input, offset, message) in INVALID {
        assert_eq!(
            error(input),
            (offset, message.to_owned()),
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn error_accessors() {
    let err = Scope::parse("a\"b").unwrap_err();
    assert_eq!(err.offset(), 1);
    assert_eq!(err.message(), "expected NQCHAR in scope-token");
    assert_eq!(err.found(), Found::Byte(b'"'));
    assert!(!err.is_capacity());
    let err = Scope::parse("").unwrap_err();
    assert_eq!((err.message(), err.found()), ("expected scope-token", Found::End));
    let err = Scope::parse("a  b").unwrap_err();
    assert_eq!((err.message(), err.found()), ("empty scope-token (double SP)", Found::Nothing));
    let _: &dyn std::error::Error = &err;
}

#[test]
fn tokens_alone() {
    for ok in ["openid", "!", "~", "a:b/c?d=e&f", "x2,x1"] {
        assert_eq!(ScopeToken::new(ok).unwrap().as_str(), ok);
        assert_eq!(ScopeToken::from_bytes(ok.as_bytes()).unwrap(), ok);
        assert!(ScopeToken::is_valid(ok.as_bytes()));
    }
    let cases: &[(&[u8], &str)] = &[
        (b"", "expected scope-token, found end of input at byte 0"),
        (b"a b", "expected NQCHAR in scope-token, found ' ' at byte 1"),
        (b" ", "expected NQCHAR in scope-token, found ' ' at byte 0"),
        (b"a\"", "expected NQCHAR in scope-token, found '\"' at byte 1"),
        (b"\xe2\x82\xac", "expected NQCHAR in scope-token, found 0xe2 at byte 0"),
    ];
    for &(input, shown) in cases {
        assert_eq!(ScopeToken::from_bytes(input).unwrap_err().to_string(), shown);
        assert!(!ScopeToken::is_valid(input));
        if let Ok(s) = std::str::from_utf8(input) {
            assert_eq!(ScopeToken::new(s).unwrap_err().to_string(), shown);
        }
    }
}

#[test]
fn constants() {
    const READ: ScopeToken<'static> = ScopeToken::from_static("files:read");
    const REQUIRED: Scope<'static> = Scope::from_static("files:read files:write");
    const SORTED: Scope<'static> = Scope::from_static("a b c");
    const UNSORTED: Scope<'static> = Scope::from_static("b a");
    const DUPLICATE: Scope<'static> = Scope::from_static("a a");
    assert_eq!(READ, "files:read");
    assert_eq!(REQUIRED, Scope::parse("files:read files:write").unwrap());
    assert!(REQUIRED.is_canonical() && SORTED.is_canonical());
    assert!(!UNSORTED.is_canonical() && !DUPLICATE.is_canonical());
    assert_eq!(
        [ScopeToken::OPENID, ScopeToken::OFFLINE_ACCESS, ScopeToken::PROFILE, ScopeToken::EMAIL]
            .map(|t| t.as_str()),
        ["openid", "offline_access", "profile", "email"]
    );
    assert_eq!([ScopeToken::ADDRESS, ScopeToken::PHONE].map(|t| t.as_str()), ["address", "phone"]);
}

#[test]
// On a target that aborts on panic (wasm32-wasip1), the first panic would end the whole run.
#[cfg_attr(not(panic = "unwind"), ignore = "catch_unwind needs panic=unwind")]
fn from_static_panics_at_run_time_on_bad_input() {
    for bad in ["", "a b", "a\"", "é"] {
        assert!(std::panic::catch_unwind(|| ScopeToken::from_static(bad)).is_err(), "{bad:?}");
    }
    for bad in ["", " a", "a ", "a  b", "a\tb"] {
        assert!(std::panic::catch_unwind(|| Scope::from_static(bad)).is_err(), "{bad:?}");
    }
}

#[test]
fn canonical_order_is_detected_while_parsing() {
    for (input, canonical) in [
        ("a", true),
        ("a b", true),
        ("A a", true),
        ("a b c", true),
        ("b a", false),
        ("a a", false),
        ("a c b", false),
        ("ab abc", true),
        ("abc ab", false),
    ] {
        assert_eq!(Scope::parse(input).unwrap().is_canonical(), canonical, "{input}");
        assert_eq!(Scope::from_static(input).is_canonical(), canonical, "{input} (const)");
    }
}

#[test]
fn set_parsers_sort_and_drop_duplicates() {
    let set = ScopeSet::<8>::parse("profile openid profile email openid").unwrap();
    assert_eq!(set.len(), 3);
    assert_eq!(set.to_string(), "email openid profile");
    let owned = OwnedScopeSet::parse("profile openid profile email openid").unwrap();
    assert_eq!(owned.to_string(), "email openid profile");
    assert_eq!(owned, set);
    // Byte-wise order: upper case first.
    assert_eq!(ScopeSet::<4>::parse("b a B A").unwrap().to_string(), "A B a b");
}

#[test]
fn capacity_in_the_parser() {
    // Duplicates do not use up the capacity.
    assert_eq!(ScopeSet::<2>::parse("a b a b a").unwrap().len(), 2);
    let err = ScopeSet::<2>::parse("a b c d").unwrap_err();
    assert!(err.is_capacity());
    assert_eq!(err.offset(), 4);
    assert_eq!(
        err.to_string(),
        "too many scope-tokens for the capacity of the scope set at byte 4"
    );
    // A syntax error before the overflow wins; after it, the overflow does.
    assert!(!ScopeSet::<2>::parse("a  b c").unwrap_err().is_capacity());
    assert!(ScopeSet::<2>::parse("a b c  d").unwrap_err().is_capacity());
    assert!(ScopeSet::<0>::parse("a").unwrap_err().is_capacity());
}

#[test]
fn errors_are_comparable_and_copy() {
    let a: Error = Scope::parse("a  b").unwrap_err();
    let b = a;
    assert_eq!(a, b);
}
