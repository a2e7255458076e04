//! No token a parser hands out holds CR, LF or NUL, in any mode: the strict grammar has no
//! room for them, and the lenient parse takes CR and LF as separators (RFC 9110 §5.5's
//! "replace with SP") and refuses NUL.

use proptest::prelude::*;
use signpost_scope::{Leniency, Scope, ScopeSet, ScopeTokens};

const ALPHABET: &[u8] = b"ab:, +\t\r\n\0\x0c\"";

fn clean(s: &str) -> bool {
    !s.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_token_holds_cr_lf_or_nul(input in prop::collection::vec(prop::sample::select(ALPHABET), 0..40)) {
        let input = String::from_utf8(input).unwrap();
        if let Ok(scope) = Scope::parse(&input) {
            prop_assert!(scope.iter().all(|t| clean(&t)));
            prop_assert!(clean(scope.as_str()));
        }
        if let Ok(set) = ScopeSet::<16>::parse(&input) {
            prop_assert!(set.iter().all(|t| clean(&t)));
        }
        let modes = [
            Leniency::NONE,
            Leniency::ALL,
            Leniency::SPACE_RUNS.union(Leniency::LEADING_TRAILING).union(Leniency::EMPTY),
            Leniency::ALL.difference(Leniency::WHITESPACE),
            Leniency::ALL.difference(Leniency::COMMAS.union(Leniency::PLUS_SIGNS)),
            Leniency::WHITESPACE,
        ];
        for leniency in modes {
            for t in ScopeTokens::new(&input).with_leniency(leniency).flatten() {
                prop_assert!(clean(&t), "{:?} {:?}", input, t);
            }
            if let Ok((set, _)) = ScopeSet::<16>::from_tokens(ScopeTokens::new(&input).with_leniency(leniency)) {
                prop_assert!(set.iter().all(|t| clean(&t)));
                prop_assert!(clean(&set.to_string()));
            }
        }
    }
}
