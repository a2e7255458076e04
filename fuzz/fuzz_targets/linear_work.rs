//! Super-linear work: inputs up to a mebibyte, built by repeating part of the fuzz input,
//! through every path from a server's bytes to a client's decision or value (`decide` with
//! its scope union and subset check, the typed views, the guard, `Link` parsing and its
//! response metadata). The target asserts nothing about time itself: it is run with a
//! `-timeout` that linear work never comes near (see docs/fuzzing.md), so an input that
//! makes some path quadratic shows up as a timeout.
//!
//! Input: one mode byte, two bytes of repeat count (little-endian), then a body split at
//! `0xFF` into a prefix, a unit and a suffix. The field is the prefix, the unit repeated
//! (each `0xFE` in it replaced by a counter of four base-36 digits, so that the repeats can
//! be distinct tokens, names or targets), then the suffix, at most 1 MiB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::{Challenges, Leniency};
use signpost_link::{Leniency as LinkLeniency, Links, ResponseMetadata};
use signpost_oauth::{
    BearerChallenge, ClientState, DpopChallenge, Guard, NextStep, OAuth2Challenge, ScopeUnion,
};
use signpost_scope::Scope;

const MAX_FIELD: usize = 1 << 20;
const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn expand(prefix: &[u8], unit: &[u8], suffix: &[u8], count: usize) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(MAX_FIELD.min(prefix.len() + unit.len() * count + suffix.len()));
    out.extend_from_slice(prefix);
    let step = unit.iter().map(|&b| if b == 0xFE { 4 } else { 1 }).sum::<usize>().max(1);
    for i in 0..count {
        if out.len() + step + suffix.len() > MAX_FIELD {
            break;
        }
        for &b in unit {
            if b == 0xFE {
                let mut n = i;
                for _ in 0..4 {
                    out.push(DIGITS[n % 36]);
                    n /= 36;
                }
            } else {
                out.push(b);
            }
        }
    }
    out.extend_from_slice(suffix);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&[mode, lo, hi], body)) = data.split_first_chunk::<3>() else { return };
    let count = usize::from(u16::from_le_bytes([lo, hi]));
    let mut parts = body.splitn(3, |&b| b == 0xFF);
    let prefix = parts.next().unwrap_or_default();
    let unit = parts.next().unwrap_or_default();
    let suffix = parts.next().unwrap_or_default();
    let field = expand(prefix, unit, suffix, if unit.is_empty() { 0 } else { count });

    let lines: Vec<&[u8]> =
        if mode & 1 != 0 { field.split(|&b| b == b'\n').collect() } else { vec![&field[..]] };
    let leniency = if mode & 2 != 0 { Leniency::ALL } else { Leniency::RECOVER };

    // The client's decision, with a held scope as large as the union takes when the unit is
    // a scope token.
    let held_text = expand(b"h", b" \xFE", b"", ScopeUnion::MAX_TOKENS - 1);
    let held_text = if mode & 4 != 0 { &held_text[..] } else { &b"a b"[..] };
    let held = Scope::from_bytes(held_text).expect("a valid scope");
    let state = ClientState::new()
        .sent_token(mode & 8 != 0)
        .holds_refresh_token(true)
        .holds_other_tokens(mode & 16 != 0)
        .uses_dpop(mode & 32 != 0)
        .scope(held)
        .leniency(leniency);
    let status = [401, 403, 400, 401][usize::from(mode >> 6)];
    let decision = state.decide(status, &lines, Some(b"nonce"));
    match decision.step() {
        NextStep::Authorize { scope, .. } | NextStep::StepUp { scope, .. } => {
            assert!(!scope.is_over_limit());
            let _ = scope.is_wider_than_held();
            let _ = scope.iter().count();
        }
        step => {
            let _ = step.reason().map(|r| r.to_string());
        }
    }

    // The typed views, every accessor.
    for c in Challenges::from_lines(&lines).with_leniency(leniency).flatten() {
        if let Some(b) = BearerChallenge::new(c) {
            let _ = (b.scope(), b.error(), b.error_uri(), b.resource_metadata(), b.issuer());
            let _ = (b.acr_values().map(|l| l.map(|l| l.iter().count())), b.max_age(), b.check());
            let _ = (b.realm().map(|v| v.bytes().count()), b.error_description());
        }
        if let Some(d) = DpopChallenge::new(c) {
            let _ = (d.algs().map(|l| l.map(|l| l.iter().count())), d.check());
        }
        if let Some(o) = OAuth2Challenge::new(c) {
            let _ = (o.flows().map(|f| f.map(|f| f.iter().count())), o.check());
        }
    }

    // The guard, on the field as a URL.
    if let Ok(url) = core::str::from_utf8(&field) {
        let _ = Guard::new().check(url);
        let _ = Guard::local_development().check(url);
    }

    // `Link`, strict and lenient, every link walked; the response metadata three ways.
    for options in [LinkLeniency::NONE, LinkLeniency::ALL] {
        for link in Links::from_lines(&lines).with_leniency(options).flatten() {
            let _ = (link.params().count(), link.rels().count(), link.title(), link.anchor());
        }
    }
    let _ = ResponseMetadata::from_link_field(&field);
    let _ = ResponseMetadata::from_query(&field);
    let _ = ResponseMetadata::from_redirect_uri(&field);
});
