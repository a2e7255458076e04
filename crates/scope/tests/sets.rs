//! The fixed-capacity and the owned set: insertion, removal, capacity, canonical output.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use std::fmt::Write as _;

use signpost_scope::{
    CapacityError, Error, Leniency, Normalised, OwnedScopeSet, RegistryScope, Scope, ScopeSet,
    ScopeToken, ScopeTokenBuf, ScopeTokens, Tokens,
};

#[track_caller]
fn t(s: &str) -> ScopeToken<'_> {
    ScopeToken::new(s).unwrap()
}

#[test]
fn insert_keeps_order_and_reports_duplicates() {
    let mut set = ScopeSet::<5>::new();
    assert!(set.is_empty());
    assert_eq!(set.capacity(), 5);
    for (token, new) in
        [("m", true), ("c", true), ("x", true), ("c", false), ("a", true), ("x", false)]
    {
        assert_eq!(set.insert(t(token)), Ok(new), "{token}");
    }
    // In the order they were added.
    assert_eq!(set.iter().collect::<Vec<_>>(), [t("m"), t("c"), t("x"), t("a")]);
    assert_eq!((set.first(), set.last()), (Some(t("m")), Some(t("a"))));
    assert_eq!(set.iter().rev().map(|t| t.as_str()).collect::<Vec<_>>(), ["a", "x", "c", "m"]);
    assert!(!set.is_sorted());
    assert_eq!(set.to_string(), "a c m x");
    set.sort();
    assert!(set.is_sorted());
    assert_eq!(set.iter().collect::<Vec<_>>(), [t("a"), t("c"), t("m"), t("x")]);
    assert_eq!(set.to_string(), "a c m x");
    assert!(set.contains("m") && set.contains("a") && !set.contains("b"));
    assert_eq!(set.iter().len(), 4);
    assert!(!set.is_full());
    assert_eq!(set.get("m").map(|t| t.as_str()), Some("m"));
    assert_eq!(set.get("n"), None);
}

#[test]
fn a_full_set_hands_the_token_back() {
    let mut set = ScopeSet::<2>::new();
    set.insert(ScopeToken::OPENID).unwrap();
    set.insert(ScopeToken::PROFILE).unwrap();
    assert!(set.is_full());
    // A duplicate still fits.
    assert_eq!(set.insert(ScopeToken::OPENID), Ok(false));
    let err: CapacityError<'_> = set.insert(ScopeToken::EMAIL).unwrap_err();
    assert_eq!(err.token(), ScopeToken::EMAIL);
    assert_eq!(err.capacity(), 2);
    assert_eq!(err.to_string(), "scope set is full (capacity 2): no room for scope-token 'email'");
    assert_eq!(set.to_string(), "openid profile", "unchanged");
    let _: &dyn std::error::Error = &err;

    let err = set.try_extend([t("a"), t("b")]).unwrap_err();
    assert_eq!(err.token(), t("a"));
    let err = ScopeSet::<1>::try_from_tokens(Scope::parse("a b c").unwrap()).unwrap_err();
    assert_eq!(err.token(), t("b"));
    let err = Scope::parse("x y").unwrap().to_set::<1>().unwrap_err();
    assert_eq!(err.token(), t("y"));
}

#[test]
fn order_is_tracked() {
    // Tokens that come in order stay known as sorted, including ties on the first eight
    // bytes that only the rest of the string settles.
    for (input, sorted) in [
        ("a b c", true),
        ("a a b", true),
        ("b a", false),
        ("abcdefgh abcdefgh:x abcdefghi", true),
        ("abcdefghi abcdefgh:x", false),
        ("abcdefgh abcdefg", false),
        ("A a", true),
    ] {
        let set = ScopeSet::<8>::parse(input).unwrap();
        assert_eq!(set.is_sorted(), sorted, "{input}");
        let mut again = ScopeSet::<8>::new();
        again.try_extend(Scope::parse(input).unwrap()).unwrap();
        assert_eq!(again.is_sorted(), sorted, "{input} by insert");
        let mut sorted_copy = set.clone();
        sorted_copy.sort();
        let tokens: Vec<_> = sorted_copy.iter().collect();
        assert!(tokens.windows(2).all(|w| w[0] < w[1]), "{input}");
        assert_eq!(sorted_copy, set);
        assert_eq!(sorted_copy.to_string(), set.to_string());
    }
    let mut set = ScopeSet::<4>::parse("b c").unwrap();
    set.insert(t("a")).unwrap();
    assert!(!set.is_sorted());
    set.clear();
    assert!(set.is_sorted() && set.is_empty());
}

#[test]
fn zero_capacity() {
    let mut set = ScopeSet::<0>::new();
    assert!(set.is_full() && set.is_empty());
    assert_eq!(set.insert(t("a")).unwrap_err().capacity(), 0);
    assert_eq!(set.to_string(), "");
}

#[test]
fn remove_retain_clear() {
    let mut set = ScopeSet::<8>::parse("a b c d e").unwrap();
    assert_eq!(set.remove("c").map(|t| t.as_str()), Some("c"));
    assert_eq!(set.remove("c"), None);
    assert_eq!(set.to_string(), "a b d e");
    set.retain(|t| t.as_str() != "a" && t.as_str() != "e");
    assert_eq!(set.to_string(), "b d");
    set.insert(t("c")).unwrap();
    assert_eq!(set.to_string(), "b c d");
    set.clear();
    assert!(set.is_empty());

    let mut owned = OwnedScopeSet::parse("a b c d e").unwrap();
    assert_eq!(owned.remove("c").map(ScopeTokenBuf::into_string).as_deref(), Some("c"));
    owned.retain(|t| t.as_str() != "a");
    assert_eq!(owned.to_string(), "b d e");
    owned.clear();
    assert!(owned.is_empty());
}

#[test]
fn canonical_output() {
    let set = ScopeSet::<8>::parse("profile openid email").unwrap();
    assert_eq!(set.to_string(), "email openid profile");
    assert_eq!(set.canonical_len(), "email openid profile".len());
    let mut fixed = heapless::String::<20>::new();
    set.write_to(&mut fixed).unwrap();
    assert_eq!(fixed, "email openid profile");
    // Too small a buffer is the writer's error, never a panic.
    let mut small = heapless::String::<8>::new();
    assert!(set.write_to(&mut small).is_err());

    let owned = set.to_owned_set();
    assert_eq!(owned.to_canonical_string(), "email openid profile");
    assert_eq!(owned.canonical_len(), 20);
    let mut s = String::new();
    write!(s, "{owned}").unwrap();
    assert_eq!(s, "email openid profile");
    assert_eq!(ScopeSet::<1>::new().canonical_len(), 0);
    assert_eq!(format!("{set:?}"), r#"{"profile", "openid", "email"}"#);
    assert_eq!(format!("{owned:?}"), r#"{"email", "openid", "profile"}"#);
}

#[test]
fn equality_and_hash_ignore_capacity_and_input_order() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    fn hash<T: Hash>(v: &T) -> u64 {
        let mut h = DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    }
    let a = ScopeSet::<4>::parse("b a").unwrap();
    let b = ScopeSet::<9>::parse("a b a").unwrap();
    assert_eq!(a, b);
    assert_eq!(hash(&a), hash(&ScopeSet::<4>::parse("a b").unwrap()));
    assert_ne!(a, ScopeSet::<4>::parse("a").unwrap());
    let owned: OwnedScopeSet = "a b".parse().unwrap();
    assert_eq!(owned, a);
    assert_eq!(a, owned);
    assert_eq!(OwnedScopeSet::from(&a), owned);
    assert_eq!(owned.to_set::<2>().unwrap(), a);
    assert!(owned.to_set::<1>().is_err());
}

#[test]
fn owned_set_collects_and_extends() {
    let owned: OwnedScopeSet = Scope::parse("c a b a").unwrap().iter().collect();
    assert_eq!(owned.to_string(), "a b c");
    let mut more = owned.clone();
    more.extend([t("d"), t("a")]);
    more.extend(["e".parse::<ScopeTokenBuf>().unwrap()]);
    assert_eq!(more.to_string(), "a b c d e");
    assert!(more.insert(t("f")));
    assert!(!more.insert(t("f")));
    assert!(more.insert_buf(t("0").to_buf()));
    assert_eq!(more.len(), 7);
    let from_bufs: OwnedScopeSet = more.clone().into_iter().collect();
    assert_eq!(from_bufs, more);
    assert_eq!(more.as_slice().first().map(|t| t.as_str()), Some("0"));
    assert_eq!(more.clone().into_vec().len(), 7);
    assert_eq!((&more).into_iter().next_back().map(|t| t.as_str()), Some("f"));
    assert_eq!(Scope::parse("b a").unwrap().to_owned_set().to_string(), "a b");
}

#[test]
fn owned_tokens() {
    let token: ScopeTokenBuf = "files:read".parse().unwrap();
    assert_eq!(token, "files:read");
    assert_eq!(token, t("files:read"));
    assert_eq!(t("files:read"), token);
    assert_eq!(&*token, "files:read");
    assert_eq!(token.to_string(), "files:read");
    assert_eq!(format!("{token:?}"), r#"ScopeTokenBuf("files:read")"#);
    assert_eq!(format!("{:?}", token.as_token()), r#"ScopeToken("files:read")"#);
    assert_eq!(String::from(token.clone()), "files:read");
    assert_eq!(ScopeTokenBuf::new("a b".to_owned()).unwrap_err().offset(), 1);
    assert!(ScopeTokenBuf::try_from("").is_err());
    assert!(ScopeTokenBuf::try_from(String::from("x")).is_ok());
    assert_eq!(ScopeTokenBuf::from(t("x")).as_str(), "x");
    // Borrow<str>: a std set of owned tokens is searchable with &str.
    let set: std::collections::BTreeSet<ScopeTokenBuf> = [token].into_iter().collect();
    assert!(set.contains("files:read"));
}

#[test]
fn views_convert() {
    let token = t("openid");
    let scope = Scope::from(token);
    assert_eq!((scope.len(), scope.is_canonical(), scope.as_str()), (1, true, "openid"));
    let scope = Scope::try_from("b a").unwrap();
    let set: ScopeSet<'_, 2> = scope.try_into().unwrap();
    assert_eq!(set.to_string(), "a b");
    let set: ScopeSet<'_, 2> = "a b".try_into().unwrap();
    assert_eq!(set.len(), 2);
    let collected: Vec<&str> = scope.into_iter().map(Into::into).collect();
    assert_eq!(collected, ["b", "a"]);
    assert_eq!((&scope).into_iter().size_hint(), (2, Some(2)));
    assert_eq!(format!("{scope:?}"), r#"Scope("b a")"#);
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ScopeToken<'static>>();
    check::<ScopeTokenBuf>();
    check::<Scope<'static>>();
    check::<Tokens<'static>>();
    check::<ScopeSet<'static, 8>>();
    check::<OwnedScopeSet>();
    check::<Error>();
    check::<CapacityError<'static>>();
    check::<Leniency>();
    check::<ScopeTokens<'static>>();
    check::<Normalised>();
    check::<RegistryScope<'static>>();
    check::<signpost_scope::PrefixHierarchy>();
    check::<signpost_scope::WriteImpliesRead>();
}
