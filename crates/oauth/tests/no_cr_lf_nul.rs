//! No value the typed views or `decide` hand out holds CR, LF or NUL, in any leniency mode:
//! URLs, scopes, codes, descriptions, lists, the decision's union and the reasons' text.

use proptest::prelude::*;
use signpost_challenge::{Challenges, Leniency};
use signpost_oauth::{BearerChallenge, ClientState, DpopChallenge, NextStep, OAuth2Challenge};
use signpost_scope::Scope;

fn clean(bytes: &[u8]) -> bool {
    !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

/// An OAuth challenge with CR, LF and NUL dropped into names and values.
fn line() -> impl Strategy<Value = Vec<u8>> {
    let names = "(realm|scope|error|error_description|error_uri|resource_metadata|issuer|acr_values|max_age|algs|flows)";
    let value = "([a-z:/ \\r\\n\\x00]{0,6}|\"[a-z:/. _\\r\\n\\x00\\\\]{0,8}\")";
    prop::string::string_regex(&format!("(Bearer|DPoP|OAuth2)( {names} ?= ?{value},?){{0,5}}"))
        .unwrap()
        .prop_map(String::into_bytes)
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_value_holds_cr_lf_or_nul(lines in prop::collection::vec(line(), 1..3), dpop in any::<bool>()) {
        let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        for mode in [Leniency::NONE, Leniency::RECOVER, Leniency::ALL] {
            for c in Challenges::from_lines(&lines).with_leniency(mode).flatten() {
                if let Some(b) = BearerChallenge::new(c) {
                    let texts = [
                        b.scope().ok().flatten().map(|s| s.as_str()),
                        b.error().ok().flatten().map(|e| e.as_str()),
                        b.error_uri().ok().flatten(),
                        b.resource_metadata().ok().flatten(),
                        b.issuer().ok().flatten(),
                        b.acr_values().ok().flatten().map(|l| l.as_str()),
                    ];
                    for t in texts.into_iter().flatten() {
                        prop_assert!(clean(t.as_bytes()), "{t:?}");
                    }
                    for v in [b.realm(), b.error_description()].into_iter().flatten() {
                        prop_assert!(clean(&v.bytes().collect::<Vec<u8>>()));
                    }
                }
                if let Some(d) = DpopChallenge::new(c) {
                    let algs = d.algs().ok().flatten().map_or("", |l| l.as_str());
                    prop_assert!(clean(algs.as_bytes()));
                }
                if let Some(o) = OAuth2Challenge::new(c) {
                    let flows = o.flows().ok().flatten().map_or("", |f| f.as_str());
                    prop_assert!(clean(flows.as_bytes()));
                }
            }
            let held = Scope::parse("a b").unwrap();
            let state = ClientState::new().sent_token(true).scope(held).uses_dpop(dpop).leniency(mode);
            for status in [400, 401, 403] {
                let decision = state.decide(status, &lines, Some(b"nonce\r\n"));
                let step = decision.step();
                let text = match step {
                    NextStep::Authorize { scope, .. } | NextStep::StepUp { scope, .. } => scope.to_string(),
                    NextStep::RetryWithToken { scope, .. } => scope.map_or_else(String::new, |s| s.to_string()),
                    NextStep::RetryWithDpopNonce { nonce, .. } => nonce.to_owned(),
                    _ => step.reason().map_or_else(String::new, |r| r.to_string()),
                };
                prop_assert!(clean(text.as_bytes()), "{text:?}");
            }
        }
    }
}
