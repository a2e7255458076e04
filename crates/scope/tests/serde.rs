//! `serde`: one space-separated string, borrowed where the input allows.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(all(feature = "serde", feature = "alloc"))]

use signpost_scope::{OwnedScopeSet, Scope, ScopeSet, ScopeToken, ScopeTokenBuf};

#[test]
fn serialize_as_strings() {
    let scope = Scope::parse("profile openid").unwrap();
    assert_eq!(serde_json::to_string(&scope).unwrap(), r#""profile openid""#);
    let set = ScopeSet::<4>::parse("profile openid").unwrap();
    assert_eq!(serde_json::to_string(&set).unwrap(), r#""openid profile""#);
    let owned = set.to_owned_set();
    assert_eq!(serde_json::to_string(&owned).unwrap(), r#""openid profile""#);
    assert_eq!(serde_json::to_string(&ScopeToken::OPENID).unwrap(), r#""openid""#);
    assert_eq!(serde_json::to_string(&ScopeToken::OPENID.to_buf()).unwrap(), r#""openid""#);
    // An empty set is an empty string.
    assert_eq!(serde_json::to_string(&OwnedScopeSet::new()).unwrap(), r#""""#);
}

#[test]
fn deserialize_borrowed() {
    let scope: Scope<'_> = serde_json::from_str(r#""files:read openid""#).unwrap();
    assert_eq!(scope.as_str(), "files:read openid");
    let token: ScopeToken<'_> = serde_json::from_str(r#""openid""#).unwrap();
    assert_eq!(token, ScopeToken::OPENID);
    let set: ScopeSet<'_, 4> = serde_json::from_str(r#""b a b""#).unwrap();
    assert_eq!(set.to_string(), "a b");
}

#[test]
fn deserialize_errors_name_the_rule() {
    let err = serde_json::from_str::<Scope<'_>>(r#""a  b""#).unwrap_err();
    assert!(err.to_string().starts_with("empty scope-token (double SP) at byte 2"), "{err}");
    let err = serde_json::from_str::<OwnedScopeSet>(r#""a\tb""#).unwrap_err();
    assert!(
        err.to_string().starts_with("expected NQCHAR in scope-token, found 0x09 at byte 1"),
        "{err}"
    );
    let err = serde_json::from_str::<ScopeSet<'_, 1>>(r#""a b""#).unwrap_err();
    assert!(err.to_string().starts_with("too many scope-tokens"), "{err}");
    let err = serde_json::from_str::<ScopeTokenBuf>(r#""a b""#).unwrap_err();
    assert!(
        err.to_string().starts_with("expected NQCHAR in scope-token, found ' ' at byte 1"),
        "{err}"
    );
    // Escaped input cannot be borrowed: the owned types take it.
    assert!(serde_json::from_str::<Scope<'_>>(r#""\u0061""#).is_err());
    assert!(serde_json::from_str::<ScopeToken<'_>>(r#""\u0061""#).is_err());
    let owned: OwnedScopeSet = serde_json::from_str(r#""\u0061 b""#).unwrap();
    assert_eq!(owned.to_string(), "a b");
    let token: ScopeTokenBuf = serde_json::from_str(r#""\u0061""#).unwrap();
    assert_eq!(token, "a");
}

#[test]
fn owned_set_accepts_arrays() {
    // oauth2-rs#86: token endpoints that send a JSON array.
    let owned: OwnedScopeSet = serde_json::from_str(r#"["b","a","b"]"#).unwrap();
    assert_eq!(owned.to_string(), "a b");
    assert!(serde_json::from_str::<OwnedScopeSet>(r#"["a b"]"#).is_err());
    assert!(serde_json::from_str::<OwnedScopeSet>("42").is_err());
}

#[test]
fn round_trip() {
    let owned = OwnedScopeSet::parse("z y x").unwrap();
    let json = serde_json::to_string(&owned).unwrap();
    assert_eq!(serde_json::from_str::<OwnedScopeSet>(&json).unwrap(), owned);
    let set: ScopeSet<'_, 3> = serde_json::from_str(&json).unwrap();
    assert_eq!(set, owned);
}
