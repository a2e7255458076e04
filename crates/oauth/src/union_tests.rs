//! The work of the scope union, counted: the duplicate check of `union.rs` reads O(n log k)
//! bytes through `ClientState::decide` and `ScopeUnion`. A module of its own, so that the
//! union does not import the client that uses it.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::string::String;

use signpost_scope::Scope;

use crate::union::{take_work, MAX_TOKENS};
use crate::{ClientState, NextStep, ScopeUnion};

/// `count` distinct tokens of `len` bytes each that share all but their last three bytes
/// (the worst case for a byte-wise comparison), separated by SP.
fn tokens(count: usize, len: usize, salt: u8) -> String {
    let mut s = String::new();
    for i in 0..count {
        if i > 0 {
            s.push(' ');
        }
        for _ in 0..len.saturating_sub(3) {
            s.push('p');
        }
        // 92 NQCHARs would do; letters are enough for 26^3 tokens.
        let n = i * 7 + usize::from(salt);
        for d in [n / 676 % 26, n / 26 % 26, n % 26] {
            s.push(char::from(b'a' + d as u8));
        }
    }
    s
}

/// The work of `decide` on a 403 whose challenge asks for `challenge` while the client
/// holds `held`, and the union it asks for.
fn decide_work(held: &str, challenge: &str) -> (usize, Option<usize>) {
    let line = std::format!("Bearer error=\"insufficient_scope\", scope=\"{challenge}\"");
    let lines: [&[u8]; 1] = [line.as_bytes()];
    let state = ClientState::new().sent_token(true).scope(Scope::parse(held).unwrap());
    take_work();
    let decision = state.decide(403, &lines, None);
    let count = match decision.step() {
        NextStep::Authorize { scope, .. } => Some(scope.iter().count()),
        _ => None,
    };
    (take_work(), count)
}

/// The sizes of the inputs: 1 KiB to 1 MiB.
const SIZES: [usize; 3] = [1 << 10, 1 << 16, 1 << 20];

/// The union and its subset check read O(n log k) bytes: for k = 2 × 256 tokens of
/// growing length (the most the union takes), the work of each per input byte stays
/// below log2(512) + 2 = 11 comparisons' worth, and each size step multiplies the work by the size ratio at most
/// (plus slack). The code before this table compared each token with every one before
/// it: 512² / 2 token comparisons at every size.
#[test]
fn union_work_grows_linearly_with_input() {
    let mut previous: Option<(usize, usize)> = None;
    for size in SIZES {
        // Both sides full, each half of the input, disjoint (tokens 7i and 7j + 3).
        let len = (size / 2 / MAX_TOKENS).max(4);
        let held = tokens(MAX_TOKENS, len, 0);
        let challenge = tokens(MAX_TOKENS, len, 3);
        let n = held.len() + challenge.len();
        let (decided, count) = decide_work(&held, &challenge);
        assert_eq!(count, Some(2 * MAX_TOKENS), "{size}");
        // The subset check a refresh needs (`decide` asks it of a client that holds a
        // refresh token), on the same scopes.
        let union = ScopeUnion::new(Scope::parse(&held).ok(), Scope::parse(&challenge).ok());
        take_work();
        assert!(union.is_wider_than_held());
        let subset = take_work();
        assert!(subset > 0 && subset <= 11 * n + 4 * MAX_TOKENS, "{size}: {subset}");
        let work = decided + subset;
        assert!(work <= 2 * (11 * n + 4 * MAX_TOKENS), "{size}: {work} for {n} bytes");
        if let Some((w, m)) = previous {
            assert!(work <= (n / m + 1) * w * 2 + 64, "{size}: {w} -> {work}");
        }
        previous = Some((work, n));
    }
}

/// Duplicates across and within the sides cost no more.
#[test]
fn duplicates_cost_the_same() {
    for size in SIZES {
        let len = (size / 2 / MAX_TOKENS).max(4);
        let held = tokens(MAX_TOKENS, len, 0);
        let (work, count) = decide_work(&held, &held);
        assert_eq!(count, Some(MAX_TOKENS));
        assert!(work <= 11 * 2 * held.len() + 4 * MAX_TOKENS, "{size}: {work}");
        let same = ["x"; MAX_TOKENS].join(" ");
        let (work, count) = decide_work(&same, &same);
        assert_eq!(count, Some(1));
        assert!(work <= 11 * 4 * MAX_TOKENS, "{work}");
    }
}

/// A challenge scope over the limit is refused before any sorting, at every size.
#[test]
fn over_the_limit_costs_no_sort() {
    for size in SIZES {
        let challenge = tokens(size / 4 + MAX_TOKENS + 1, 3, 0);
        let (work, count) = decide_work("a", &challenge);
        assert_eq!((work, count), (0, None), "{size}");
    }
    // A held scope over the limit: no sort, every token yielded.
    let held = tokens(MAX_TOKENS + 1, 3, 0);
    let union =
        ScopeUnion::new(Some(Scope::parse(&held).unwrap()), Some(Scope::parse("a a").unwrap()));
    assert!(union.is_over_limit() && union.is_wider_than_held());
    take_work();
    assert_eq!(union.iter().count(), MAX_TOKENS + 3);
    assert_eq!(take_work(), 0);
}

/// `decide` checks a union for duplicates once: a client with a refresh token needs the
/// answer of `is_wider_than_held`, and the union it hands back keeps what the check found,
/// so the caller's `iter`, `write_to` and `is_wider_than_held` do no work again (a union of
/// at most 64 tokens: every real one).
#[test]
fn decide_checks_the_union_once() {
    let line = "Bearer error=\"insufficient_scope\", scope=\"files:write files:read admin\"";
    let lines: [&[u8]; 1] = [line.as_bytes()];
    let held = Scope::parse("files:read openid").unwrap();
    let state = ClientState::new().sent_token(true).scope(held).holds_refresh_token(true);
    take_work();
    let decision = state.decide(403, &lines, None);
    assert!(take_work() > 0);
    let NextStep::Authorize { scope, .. } = decision.step() else { panic!("{decision:?}") };
    let mut out = String::new();
    scope.write_to(&mut out).unwrap();
    assert_eq!(out, "files:read openid files:write admin");
    assert!(scope.is_wider_than_held());
    assert_eq!(scope.iter().count(), 4);
    assert_eq!(take_work(), 0);
    // A union made by hand checks on each call.
    let by_hand = ScopeUnion::new(scope.held(), scope.challenge());
    assert_eq!(by_hand, scope);
    assert_eq!(by_hand.iter().count(), 4);
    assert!(take_work() > 0);
}
