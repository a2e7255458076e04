//! Hostile input from a server: the work of every path from its bytes to a decision or a
//! value (`decide` with its scope union and subset check, the typed views, the guard, the
//! metadata documents) grows linearly with the input, measured as a deterministic count of
//! what the path hands back and how far it read (never wall time), on inputs of 1 KiB, 64 KiB
//! and 1 MiB. The scope union counts its own comparisons too (its unit tests, which see the
//! sort's byte count); here it is checked through `decide` at every size.

use signpost_challenge::{Challenges, Leniency};
use signpost_oauth::{
    Action, BearerChallenge, ClientState, DpopChallenge, Guard, NextStep, OAuth2Challenge,
    ScopeUnion,
};
use signpost_scope::Scope;

/// The sizes: 1 KiB, 64 KiB, 1 MiB (smaller under Miri).
const SIZES: [usize; 3] =
    if cfg!(miri) { [1 << 6, 1 << 8, 1 << 10] } else { [1 << 10, 1 << 16, 1 << 20] };

/// `prefix`, `unit` repeated to `size` bytes (whole units), `suffix`.
fn adversarial(prefix: &str, unit: &str, suffix: &str, size: usize) -> String {
    let n = size.saturating_sub(prefix.len() + suffix.len()) / unit.len().max(1);
    [prefix, &unit.repeat(n), suffix].concat()
}

/// Checks the work at the three sizes: a small constant per byte, and each size step
/// multiplies the work by at most the size ratio (plus slack).
#[track_caller]
fn assert_linear(name: &str, work: impl Fn(usize) -> usize) {
    let [s, m, l] = SIZES;
    let [ws, wm, wl] = SIZES.map(&work);
    for (w, size) in [(ws, s), (wm, m), (wl, l)] {
        assert!(w <= 16 * size + 64, "{name}: {w} for {size} bytes");
    }
    assert!(wm <= 2 * (m / s) * ws + 64, "{name}: {ws} -> {wm}");
    assert!(wl <= 2 * (l / m) * wm + 64, "{name}: {wm} -> {wl}");
}

/// `(prefix, unit, suffix)` of a `WWW-Authenticate` value: many challenges, many params,
/// long and many-token scopes (under and over the union's limit), duplicate scope tokens,
/// long URLs, descriptions full of quoted-pairs, a Bearer challenge after a long run of
/// others.
const FIELDS: &[(&str, &str, &str)] = &[
    ("", "Bearer, ", ""),
    ("", "Basic realm=x, ", "Bearer error=\"insufficient_scope\", scope=\"a\""),
    ("Bearer error=\"insufficient_scope\", scope=\"", "ab ", "c\""),
    ("Bearer error=\"insufficient_scope\", scope=\"", "a ", "a\""),
    ("Bearer error=\"insufficient_scope\", scope=\"x", "a", "\""),
    ("Bearer error=\"insufficient_scope\", scope=\"", "a\\\" ", "\""),
    ("Bearer error=\"invalid_request\", error_description=\"", "\\\"", "\""),
    ("Bearer resource_metadata=\"https://a.example/", "a", "\""),
    ("Bearer resource_metadata=\"https://", "a.", "example/\""),
    ("Bearer issuer=\"https://[", "0:", "]\""),
    ("Bearer error=\"insufficient_user_authentication\", acr_values=\"", "a ", "b\", max_age=1"),
    ("Bearer max_age=", "9", ""),
    ("Bearer ", "a=b, ", ""),
    ("Bearer realm=\"", "\\", "\""),
    ("DPoP algs=\"", "ES256 ", "PS256\", error=\"use_dpop_nonce\""),
    ("OAuth2 flows=\"", "refresh ", "device\", Bearer error=\"invalid_token\""),
    ("", "Bearer error=\"invalid_token\", ", ""),
];

/// The tokens of a scope a client holds: `count` distinct ones, some shared with the
/// challenges above (`a`, `ab`, `c`).
fn held(count: usize) -> String {
    let mut tokens = vec!["a".to_owned(), "ab".to_owned(), "c".to_owned()];
    tokens.extend((3..count).map(|i| format!("t{i}")));
    tokens.join(" ")
}

/// Decides on `field` with several client states; returns the work: how far the parse read
/// (the followed challenge's offset, an error's offset), and every byte and token of the
/// decision handed back (the union's tokens, reasons as text).
fn decide_work(field: &str, held_scope: &str, all_states: bool) -> usize {
    let lines: [&[u8]; 1] = [field.as_bytes()];
    let nonce: Option<&[u8]> = Some(b"n-1");
    let held = Scope::parse(held_scope).unwrap();
    let mut work = 0;
    let states = [
        ClientState::new().sent_token(true).scope(held).holds_refresh_token(true),
        ClientState::new(),
        ClientState::new().sent_token(true).scope(held).holds_other_tokens(true).uses_dpop(true),
        ClientState::new().sent_token(true).previous(Action::Refresh).leniency(Leniency::ALL),
    ];
    for state in &states[..if all_states { states.len() } else { 1 }] {
        for status in [401, 403] {
            let decision = state.decide(status, &lines, nonce);
            work += 1 + decision.challenge().map_or(0, |c| c.offset());
            work += decision.parse_error().map_or(0, |e| e.offset());
            work += match decision.step() {
                NextStep::Authorize { scope, .. } | NextStep::StepUp { scope, .. } => {
                    assert!(!scope.is_over_limit());
                    usize::from(scope.is_wider_than_held())
                        + scope.iter().map(|t| 1 + t.len()).sum::<usize>()
                }
                NextStep::RetryWithToken { scope, .. } => scope.map_or(0, |s| s.as_str().len()),
                step => step.reason().map_or(0, |r| r.to_string().len()),
            };
        }
    }
    work
}

#[test]
#[cfg_attr(miri, ignore)] // megabytes through every path: hours under Miri, no unsafe code
fn decide_work_grows_linearly_with_input() {
    for &(prefix, unit, suffix) in FIELDS {
        let name = format!("{prefix:?} + {unit:?}* + {suffix:?}");
        assert_linear(&name, |size| {
            decide_work(&adversarial(prefix, unit, suffix, size), "a", true)
        });
    }
}

/// The held scope as large as the union takes (`MAX_TOKENS` tokens) against each field.
#[test]
#[cfg_attr(miri, ignore)] // megabytes through every path: hours under Miri, no unsafe code
fn decide_with_a_full_held_scope_grows_linearly() {
    let full = held(ScopeUnion::MAX_TOKENS);
    for &(prefix, unit, suffix) in FIELDS {
        let name = format!("{prefix:?} + {unit:?}* + {suffix:?}");
        assert_linear(&name, |size| {
            decide_work(&adversarial(prefix, unit, suffix, size), &full, false)
        });
    }
}

/// The union and its subset check between two scopes of growing tokens, up to the limit on
/// both sides: work is the tokens and bytes handed back, and the union is exact.
#[test]
#[cfg_attr(miri, ignore)] // 512 tokens whatever the size: the Miri sizes are below that
fn the_union_at_the_limit_grows_linearly() {
    assert_linear("union", |size| {
        let len = (size / 2 / ScopeUnion::MAX_TOKENS).max(2);
        let side = |tag: char| {
            (0..ScopeUnion::MAX_TOKENS)
                .map(|i| format!("{}{tag}{i:03}", "x".repeat(len - 2)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (h, c) = (side('h'), side('c'));
        let union =
            ScopeUnion::new(Some(Scope::parse(&h).unwrap()), Some(Scope::parse(&c).unwrap()));
        assert!(union.is_wider_than_held());
        let tokens: usize = union.iter().map(|t| 1 + t.len()).sum();
        assert_eq!(union.iter().count(), 2 * ScopeUnion::MAX_TOKENS);
        tokens
    });
}

/// Every accessor of every typed view, once; the work is what they hand back and the
/// offsets of their errors.
fn views_work(field: &str) -> usize {
    let mut work = 0;
    for allow in [Leniency::NONE, Leniency::ALL] {
        let challenges = || Challenges::new(field.as_bytes()).with_leniency(allow);
        if let Ok(Some(b)) = BearerChallenge::find(challenges()) {
            work += b.realm().map_or(0, |v| v.unescaped_len());
            work += b.scope().map_or_else(|e| e.offset(), |s| s.map_or(0, |s| s.len()));
            work += b.error().map_or_else(|e| e.offset(), |c| c.map_or(0, |c| c.as_str().len()));
            work += b.error_description().map_or(0, |v| v.unescaped_len());
            work += b.error_uri().map_or_else(|e| e.offset(), |u| u.map_or(0, str::len));
            work += b.resource_metadata().map_or_else(|e| e.offset(), |u| u.map_or(0, str::len));
            work += b.issuer().map_or_else(|e| e.offset(), |u| u.map_or(0, str::len));
            work +=
                b.acr_values().map_or_else(|e| e.offset(), |l| l.map_or(0, |l| l.iter().count()));
            work += b.max_age().map_or_else(|e| e.offset(), |_| 1);
            work += b.check().map_or_else(|e| e.offset(), |()| 1);
        }
        if let Ok(Some(d)) = DpopChallenge::find(challenges()) {
            work += d.algs().map_or_else(|e| e.offset(), |l| l.map_or(0, |l| l.iter().count()));
            work += d.check().map_or_else(|e| e.offset(), |()| 1);
        }
        if let Ok(Some(o)) = OAuth2Challenge::find(challenges()) {
            work += o.flows().map_or_else(|e| e.offset(), |f| f.map_or(0, |f| f.iter().count()));
            work += o.check().map_or_else(|e| e.offset(), |()| 1);
        }
    }
    work
}

#[test]
#[cfg_attr(miri, ignore)] // megabytes through every path: hours under Miri, no unsafe code
fn views_work_grows_linearly_with_input() {
    for &(prefix, unit, suffix) in FIELDS {
        let name = format!("{prefix:?} + {unit:?}* + {suffix:?}");
        assert_linear(&name, |size| views_work(&adversarial(prefix, unit, suffix, size)));
    }
}

/// URLs a server could name: long hosts, many labels, IPv6 and IPv4 look-alikes, many
/// escapes, userinfo, ports, paths of dots.
const URLS: &[(&str, &str, &str)] = &[
    ("https://", "a", ".example/"),
    ("https://", "a.", "example/"),
    ("https://", "1.", "1/"),
    ("https://[", "0:", "1]/"),
    ("https://[", "::", "]/"),
    ("https://", "%41", "/"),
    ("https://a.example/", "%2e%2e/", ""),
    ("https://a.example/", "../", ""),
    ("https://", "a@", "b.example/"),
    ("https://a.example:", "0", "/"),
    ("https://a.example/?", "a=b&", ""),
    ("https://", "xn--", "a.example/"),
    ("", "https://", ""),
];

fn guard_work(url: &str) -> usize {
    let mut work = 0;
    for guard in [Guard::new(), Guard::local_development()] {
        match guard.check(url) {
            Ok(u) => {
                work += 1 + u.as_str().len() + u.host_str().map_or(0, str::len) + u.path().len();
            }
            Err(refusal) => work += 1 + refusal.message().len(),
        }
    }
    work
}

#[test]
fn guard_work_grows_linearly_with_input() {
    for &(prefix, unit, suffix) in URLS {
        let name = format!("{prefix:?} + {unit:?}* + {suffix:?}");
        assert_linear(&name, |size| guard_work(&adversarial(prefix, unit, suffix, size)));
    }
}

/// Protected-resource metadata documents with long arrays and long members: reading the
/// document (serde_json's part) and checking it against the URL it came from (ours),
/// including a mismatch found deep inside two long strings.
#[test]
#[cfg(feature = "serde")]
fn metadata_work_grows_linearly_with_input() {
    use signpost_oauth::{ResourceId, ResourceMetadata};

    let resource = ResourceId::parse("https://resource.example/api").unwrap();
    let url = resource.metadata_url();
    let cases: [(&str, &str, &str); 4] = [
        (
            r#"{"resource":"https://resource.example/api","scopes_supported":["#,
            r#""a","#,
            r#""b"]}"#,
        ),
        (
            r#"{"resource":"https://resource.example/api","authorization_servers":["#,
            r#""https://as.example","#,
            r#""https://as.example"]}"#,
        ),
        (r#"{"resource":"https://resource.example/api"#, "a", r#""}"#),
        (r#"{"resource":"https://resource.example/api","x":"#, "[", ""),
    ];
    for (prefix, unit, suffix) in cases {
        assert_linear(unit, |size| {
            let json = adversarial(prefix, unit, suffix, size);
            match serde_json::from_str::<ResourceMetadata<'_>>(&json) {
                Ok(doc) => {
                    let check = doc.check(&url).map_or_else(|m| 1 + m.first_difference(), |()| 1);
                    check
                        + doc.urls().map(|(_, u)| 1 + u.len()).sum::<usize>()
                        + doc.scopes_supported.as_ref().map_or(0, Vec::len)
                }
                Err(e) => e.column(),
            }
        });
    }
}
