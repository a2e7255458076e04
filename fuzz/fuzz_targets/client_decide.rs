//! The client decision: arbitrary `WWW-Authenticate` lines, `DPoP-Nonce` and client state in,
//! a next step out, never a panic; its owned form reads back as the same step. The input is four bytes of state, then the field lines
//! separated by `\n`; a last line starting with `N:` is the `DPoP-Nonce` value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::{Challenges, Leniency};
use signpost_oauth::{
    Action, BearerChallenge, ClientState, DpopChallenge, Guard, NextStep, OAuth2Challenge,
};
use signpost_scope::Scope;

const STATUSES: [u16; 8] = [401, 403, 400, 401, 200, 407, 401, 403];

fuzz_target!(|data: &[u8]| {
    let Some((state, rest)) = data.split_first_chunk::<4>() else { return };
    let mut lines: Vec<&[u8]> = rest.split(|&b| b == b'\n').collect();
    let nonce = match lines.last() {
        Some(l) if l.starts_with(b"N:") => {
            let n = &l[2..];
            lines.pop();
            Some(n)
        }
        _ => None,
    };
    let bits = state[0];
    let mut client = ClientState::new()
        .sent_token(bits & 1 != 0)
        .holds_refresh_token(bits & 2 != 0)
        .uses_dpop(bits & 4 != 0)
        .holds_other_tokens(bits & 8 != 0)
        .attempts(u32::from(state[1] % 4))
        .guard(if bits & 16 != 0 { Guard::local_development() } else { Guard::new() })
        .leniency(if bits & 32 != 0 { Leniency::ALL } else { Leniency::RECOVER });
    if bits & 64 != 0 {
        client = client.issuer("https://as.example.com");
    }
    if let Some(previous) = Action::ALL.get(usize::from(state[2] % 8)) {
        client = client.previous(*previous).repeated(u32::from(state[1] / 4 % 4));
    }
    // The proof's nonce: the server's own (a repeat), or another one.
    let sent: Option<&[u8]> = match state[2] / 8 % 4 {
        1 => nonce,
        2 => Some(b"n0"),
        _ => None,
    };
    if let Some(sent) = sent {
        client = client.sent_dpop_nonce(sent);
    }
    if bits & 128 != 0 {
        client = client.scope(Scope::parse("files:read openid").unwrap());
    }
    let status = STATUSES[usize::from(state[3] % 8)];
    let decision = client.decide(status, &lines, nonce);
    let step = decision.step();
    // The owned form reads back as the same step.
    let owned = decision.into_owned();
    assert_eq!(owned.step(), step);
    assert_eq!(owned.scheme(), decision.scheme());
    assert_eq!(owned.parse_error(), decision.parse_error());
    if let Some(reason) = step.reason() {
        assert_eq!(owned.step().reason().map(|r| r.to_string()), Some(reason.to_string()));
    }
    match step {
        NextStep::Authorize { scope, .. } | NextStep::StepUp { scope, .. } => {
            // The union holds every challenge token and no duplicate.
            let tokens: Vec<&str> = scope.iter().map(|t| t.as_str()).collect();
            let mut sorted = tokens.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), tokens.len());
            if let Some(c) = scope.challenge() {
                assert!(c.iter().all(|t| tokens.contains(&t.as_str())));
            }
            // Never narrower than what the client held.
            if let Some(h) = scope.held() {
                assert!(h.iter().all(|t| tokens.contains(&t.as_str())));
            }
            let _ = scope.to_string();
        }
        NextStep::RetryWithDpopNonce { nonce: n, .. } => {
            assert_eq!(Some(n.as_bytes()), nonce);
            // Once per nonce: never the nonce the proof carried.
            assert_ne!(Some(n.as_bytes()), sent);
        }
        NextStep::FixRequest { reason, .. } | NextStep::GiveUp { reason, .. } => {
            let _ = reason.to_string();
        }
        _ => {}
    }
    assert_eq!(Action::from_name(step.action().as_str()), Some(step.action()));
    // The cap: a third step of one kind in a row is never taken.
    let previous = Action::ALL.get(usize::from(state[2] % 8));
    if state[1] / 4 % 4 >= 2 && previous == Some(&step.action()) {
        assert_eq!(step.action(), Action::GiveUp);
    }
    // Every view reads every challenge without panicking.
    for c in Challenges::from_lines(&lines).with_leniency(Leniency::ALL).flatten() {
        if let Some(b) = BearerChallenge::new(c) {
            let _ = b.check().map_err(|e| e.to_string());
        }
        if let Some(d) = DpopChallenge::new(c) {
            let _ = d.algs();
            let _ = d.check();
        }
        if let Some(o) = OAuth2Challenge::new(c) {
            if let Ok(Some(flows)) = o.flows() {
                for f in flows {
                    let _ = (f.grant_type(), f.is_extension());
                }
            }
        }
    }
});
