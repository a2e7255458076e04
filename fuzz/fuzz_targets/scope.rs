//! Scope parsing, strict and lenient: no panic; the strict parsers agree with each other and
//! with a naive `split(' ')` reading; what parses writes out canonically and reads back to
//! the same set; the lenient parse only ever yields strictly valid tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_scope::{
    Leniency, OwnedScopeSet, RegistryScope, Scope, ScopeLike, ScopeSet, ScopeToken, ScopeTokens,
};

/// What the lenient parse forgave before each switch had a name: runs of SP, leading and
/// trailing separators, an empty input.
const SPACES_ONLY: Leniency =
    Leniency::SPACE_RUNS.union(Leniency::LEADING_TRAILING).union(Leniency::EMPTY);

fn nqchar(b: u8) -> bool {
    b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b)
}

/// The grammar read the slow way.
fn naive_ok(input: &[u8]) -> bool {
    !input.is_empty()
        && input.split(|&b| b == b' ').all(|t| !t.is_empty() && t.iter().all(|&b| nqchar(b)))
}

fuzz_target!(|data: &[u8]| {
    // Strict.
    let view = Scope::from_bytes(data);
    assert_eq!(view.is_ok(), naive_ok(data));
    let fixed = ScopeSet::<16>::from_bytes(data);
    let owned = OwnedScopeSet::from_bytes(data);
    match (&view, &fixed, &owned) {
        (Ok(view), fixed, Ok(owned)) => {
            assert_eq!(view.iter().count(), view.len());
            for token in view.iter() {
                assert!(ScopeToken::is_valid(token.as_bytes()));
                assert!(owned.contains(&token));
                let _ = RegistryScope::from_token(token).map(|r| {
                    assert_eq!(r.to_string(), token.as_str());
                });
            }
            assert!(view.same_set(owned));
            match fixed {
                Ok(fixed) => {
                    assert_eq!(fixed, owned);
                    assert_eq!(fixed.to_string(), owned.to_string());
                }
                Err(e) => assert!(e.is_capacity() && owned.len() > 16),
            }
            // Reserialize, reparse: stable.
            let canonical = owned.to_string();
            let again = OwnedScopeSet::parse(&canonical).expect("canonical form parses");
            assert_eq!(&again, owned);
            assert_eq!(again.to_string(), canonical);
            assert!(Scope::parse(&canonical).unwrap().is_canonical());
        }
        (Err(e), Err(f), Err(g)) => {
            assert_eq!(e, f);
            assert_eq!(e, g);
            assert!(e.offset() <= data.len());
        }
        _ => panic!("strict parsers disagree: {view:?} {fixed:?} {owned:?}"),
    }

    // The token parse with no switch is the strict parse: the same tokens, the same error.
    let strict: Result<Vec<&str>, _> =
        ScopeTokens::from_bytes(data).map(|t| t.map(|t| t.as_str())).collect();
    let view = Scope::from_bytes(data).map(|s| s.iter().map(|t| t.as_str()).collect::<Vec<_>>());
    assert_eq!(strict, view);

    // Lenient, with every leniency and with some.
    for leniency in [Leniency::ALL, SPACES_ONLY, Leniency::ALL.difference(Leniency::COMMAS)] {
        let mut tokens = ScopeTokens::from_bytes(data).with_leniency(leniency);
        let mut collected = OwnedScopeSet::new();
        for token in tokens.by_ref() {
            match token {
                Ok(token) => {
                    assert!(ScopeToken::is_valid(token.as_bytes()));
                    collected.insert(token);
                }
                Err(e) => {
                    assert!(e.offset() < data.len());
                    break;
                }
            }
        }
        let _ = tokens.normalised().to_string();
        if let Ok(text) = core::str::from_utf8(data) {
            if let Ok((set, _)) =
                OwnedScopeSet::from_tokens(ScopeTokens::new(text).with_leniency(leniency))
            {
                assert_eq!(set, collected);
                if !set.is_empty() {
                    let canonical = set.to_string();
                    assert_eq!(OwnedScopeSet::parse(&canonical).unwrap(), set);
                }
            }
        }
    }
});
