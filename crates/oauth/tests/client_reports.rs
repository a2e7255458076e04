//! The client decisions MCP client authors keep asking the SDKs for, each against the
//! scenario of a public report: the step-up scope union and the refresh that cannot widen
//! scope, the cap on repeated steps, the scope selection order, the DPoP nonce retry once
//! per nonce, and the order and provenance of the metadata URLs a client probes.
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_oauth::{
    Action, AuthServer, ClientState, Issuer, Kind, NextStep, ResourceId, Scope, ScopeRequest,
    ScopeUnion, Source,
};

const PRM: &str = "https://mcp.example.com/.well-known/oauth-protected-resource";

fn scope(s: &'static str) -> Scope<'static> {
    Scope::parse(s).unwrap()
}

/// The `scope` of an `Authorize` step, or the step's action name.
fn authorize_scope(step: NextStep<'_>) -> Result<String, &'static str> {
    match step {
        NextStep::Authorize { scope, .. } => Ok(scope.to_string()),
        other => Err(other.action().as_str()),
    }
}

fn line(s: &'static str) -> [&'static [u8]; 1] {
    [s.as_bytes()]
}

// --- 1. step-up: the union, never a refresh into a wider scope

/// modelcontextprotocol/typescript-sdk#1582 and modelcontextprotocol/conformance#281: a
/// server with per-operation scopes challenges with the delta only (RFC 6750 §3.1: "the
/// scope necessary to access the requested resource"); the SDK replaced its scope with the
/// challenge's and lost the earlier grant, looping. The next authorization must carry the
/// union, held tokens first, each once (modelcontextprotocol/python-sdk#2676, SEP-2350).
#[test]
fn step_up_asks_for_the_union_of_held_and_challenged_scope() {
    let lines = line(
        r#"Bearer error="insufficient_scope", scope="mcp:tools:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
    );
    let state = ClientState::new().sent_token(true).scope(scope("init mcp:tools:read"));
    let step = state.decide(403, &lines, None).step();
    assert_eq!(authorize_scope(step), Ok("init mcp:tools:read mcp:tools:write".to_owned()));
    // Never narrower: every held token stays, whatever the challenge repeats or omits.
    let lines = line(r#"Bearer error="insufficient_scope", scope="mcp:tools:read init""#);
    let step = state.decide(403, &lines, None).step();
    assert!(matches!(step, NextStep::Authorize { .. }), "{step:?}");
    assert_eq!(authorize_scope(step), Ok("init mcp:tools:read".to_owned()));
}

/// modelcontextprotocol/typescript-sdk#2255: with a refresh token held, the SDK refreshed on
/// a 403 `insufficient_scope`, got the old scope back (RFC 6749 §6: a refresh "MUST NOT
/// include any scope not originally granted"), and dead-ended. The fix there
/// (modelcontextprotocol/typescript-sdk#2356) bypasses the refresh when the union is a
/// strict superset of the held scope; signpost authorizes with the union.
#[test]
fn step_up_with_a_refresh_token_authorizes_instead_of_refreshing() {
    let lines = line(
        r#"Bearer error="insufficient_scope", scope="files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
    );
    let state = ClientState::new()
        .sent_token(true)
        .scope(scope("files:read offline_access"))
        .holds_refresh_token(true);
    match state.decide(403, &lines, None).step() {
        NextStep::Authorize { server, scope, .. } => {
            assert_eq!(server, AuthServer::ResourceMetadata(PRM));
            assert_eq!(scope.to_string(), "files:read offline_access files:write");
            assert!(scope.is_wider_than_held());
        }
        other => panic!("{other:?}"),
    }
    // A challenge inside the held scope may refresh (the token may just be stale).
    let lines = line(r#"Bearer error="insufficient_scope", scope="files:read""#);
    assert_eq!(state.decide(403, &lines, None).step(), NextStep::Refresh);
}

/// The same rule on a 401: an expired token whose challenge names a scope the client does
/// not hold is not refreshed (the refreshed token would be refused again for its scope);
/// the client authorizes with the union (modelcontextprotocol/typescript-sdk#2265, review:
/// the 401 union "is inert whenever the provider holds a refresh token").
#[test]
fn a_401_naming_a_wider_scope_is_not_refreshed() {
    let state = ClientState::new().sent_token(true).scope(scope("a")).holds_refresh_token(true);
    let wider = line(r#"Bearer error="invalid_token", scope="a b""#);
    assert_eq!(authorize_scope(state.decide(401, &wider, None).step()), Ok("a b".to_owned()));
    let same = line(r#"Bearer error="invalid_token", scope="a""#);
    assert_eq!(state.decide(401, &same, None).step(), NextStep::Refresh);
    let none = line(r#"Bearer error="invalid_token""#);
    assert_eq!(state.decide(401, &none, None).step(), NextStep::Refresh);
    // Held scope unknown: whether the challenge widens it is unknown, so no refresh.
    let unknown = ClientState::new().sent_token(true).holds_refresh_token(true);
    assert_eq!(authorize_scope(unknown.decide(401, &wider, None).step()), Ok("a b".to_owned()));
}

// --- 2. attempts are capped

/// modelcontextprotocol/typescript-sdk#2356 ("a bounded per-transport retry cap") and
/// modelcontextprotocol/typescript-sdk#945 (infinite recursion when a server keeps
/// answering 401 after a successful authorization): after `MAX_REPEATS` (2) failed steps
/// of one kind in a row, the third is not taken.
#[test]
fn repeated_steps_of_one_kind_give_up() {
    assert_eq!(ClientState::MAX_REPEATS, 2);
    let lines = line(r#"Bearer error="insufficient_scope", scope="files:write""#);
    let base = ClientState::new().sent_token(true).scope(scope("files:read files:write"));
    let once = base.previous(Action::Authorize);
    assert_eq!(once.decide(403, &lines, None).step().action(), Action::Authorize);
    let twice = base.previous(Action::Authorize).repeated(2);
    let step = twice.decide(403, &lines, None).step();
    assert_eq!(step.reason().unwrap().to_string(), "gave up after 2 authorize steps in a row");
    // The cap is a setting; another kind of step is not capped by it.
    let lenient = twice.max_repeats(3);
    assert_eq!(lenient.decide(403, &lines, None).step().action(), Action::Authorize);
    let other_kind = base.previous(Action::Refresh).repeated(2);
    assert_eq!(other_kind.decide(403, &lines, None).step().action(), Action::Authorize);
    // A 401 after authorizing, again and again (typescript-sdk#945).
    let bare = line(
        r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
    );
    let looping = ClientState::new().sent_token(true).previous(Action::Authorize).repeated(2);
    assert_eq!(looping.decide(401, &bare, None).step().action(), Action::GiveUp);
}

/// The overall cap (default 3 attempts) holds whatever the steps were.
#[test]
fn attempts_are_capped_overall() {
    let lines = line(r#"Bearer error="invalid_token""#);
    let state = ClientState::new().sent_token(true).holds_refresh_token(true).attempts(3);
    let step = state.decide(401, &lines, None).step();
    assert_eq!(step.reason().unwrap().to_string(), "gave up after 3 attempts");
}

/// modelcontextprotocol/python-sdk#1602: a 403 that is not `insufficient_scope` was retried
/// with the same token. signpost gives up on a 403 `invalid_token`, and on a 403 with no
/// `error` and no `scope`.
#[test]
fn a_403_that_asks_for_no_scope_is_not_retried() {
    let state = ClientState::new().sent_token(true).scope(scope("a")).holds_refresh_token(true);
    for challenge in [r#"Bearer error="access_denied""#, r#"Bearer realm="mcp""#] {
        let lines = line(challenge);
        assert_eq!(state.decide(403, &lines, None).step().action(), Action::GiveUp, "{challenge}");
    }
}

// --- 3. scope selection: challenge, then scopes_supported, then none

/// vercel/ai#18813 and google-gemini/gemini-cli#21210 (and modelcontextprotocol/typescript-sdk#580):
/// clients ignored the challenge's `scope`, or used the authorization server's
/// `scopes_supported`. MCP's order: the challenge's `scope`, else the protected-resource
/// metadata's `scopes_supported`, else no `scope` parameter at all.
#[test]
fn the_challenge_scope_wins_over_scopes_supported_which_wins_over_none() {
    let supported = ["files:read", "files:write", "admin"];
    let with_scope = line(
        r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read""#,
    );
    let without = line(
        r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
    );
    let chosen = union_of(&with_scope).or_supported(Some(&supported[..]));
    assert!(matches!(chosen, ScopeRequest::Union(_)));
    assert_eq!(chosen.to_string(), "files:read");
    let chosen = union_of(&without).or_supported(Some(&supported[..]));
    assert_eq!(chosen, ScopeRequest::Supported(&supported[..]));
    assert_eq!(chosen.to_string(), "files:read files:write admin");
    let chosen = union_of(&without).or_supported::<&str>(None);
    assert!(chosen.is_omitted());
    // An empty list is no list.
    assert!(union_of(&without).or_supported::<&str>(Some(&[])).is_omitted());
}

/// The same with the document as a client deserialises it (RFC 9728 §2).
#[cfg(feature = "serde")]
#[test]
fn scopes_supported_from_the_resource_metadata_document() {
    let json = r#"{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://as.example.com"],"scopes_supported":["mcp:read","mcp:write"]}"#;
    let doc: signpost_oauth::ResourceMetadata<'_> = serde_json::from_str(json).unwrap();
    let union = ScopeUnion::new(None, None);
    assert_eq!(
        union.or_supported(doc.scopes_supported.as_deref()).to_string(),
        "mcp:read mcp:write"
    );
}

/// The scope of the `Authorize` step a first 401 leads to.
fn union_of<'a>(lines: &'a [&'a [u8]]) -> ScopeUnion<'a> {
    match ClientState::new().decide(401, lines, None).step() {
        NextStep::Authorize { scope, .. } => scope,
        other => panic!("{other:?}"),
    }
}

// --- 4. DPoP nonce: once per nonce

/// opentdf/web-sdk#939 (review: retry when "serverNonce !== cachedNonce", so that a rotated
/// nonce is retried while a repeated one is not), guillp/requests_oauth2client#92 and
/// hashgraph-online/hol-guard#612 (a server that keeps asking for nonces loops the client
/// forever): a retry happens once per nonce; the nonce the server just rejected stops it;
/// a rotated nonce is retried, and the cap on repeated steps bounds rotation.
#[test]
fn a_dpop_nonce_retry_happens_once_per_nonce() {
    let lines = line(
        r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#,
    );
    let client = ClientState::new().sent_token(true).uses_dpop(true);
    // First: no nonce sent, the server gives one.
    let step = client.decide(401, &lines, Some(b"n1")).step();
    assert!(matches!(step, NextStep::RetryWithDpopNonce { nonce: "n1", .. }), "{step:?}");
    // The retry carried n1 and the server answers with n1 again: it rejects its own nonce.
    let retried = client.previous(Action::RetryWithDpopNonce).sent_dpop_nonce(b"n1");
    let step = retried.decide(401, &lines, Some(b"n1")).step();
    assert_eq!(
        step.reason().unwrap().to_string(),
        "the server sent again the DPoP nonce it had just rejected (DPoP-Nonce repeats the proof's nonce)"
    );
    // The server rotated the nonce between the two requests: retry with the new one.
    let step = retried.decide(401, &lines, Some(b"n2")).step();
    assert!(matches!(step, NextStep::RetryWithDpopNonce { nonce: "n2", .. }), "{step:?}");
    // A stale cached nonce (not a retry) that the server repeats: no retry either.
    let stale = client.sent_dpop_nonce(b"n0");
    assert_eq!(stale.decide(401, &lines, Some(b"n0")).step().action(), Action::GiveUp);
    // A server that rotates on every retry: stopped by the cap on repeated steps.
    let rotating = retried.sent_dpop_nonce(b"n2").repeated(2);
    assert_eq!(rotating.decide(401, &lines, Some(b"n3")).step().action(), Action::GiveUp);
    // A client that does not say which nonce it sent: one retry, not two in a row.
    let blind = client.previous(Action::RetryWithDpopNonce);
    assert_eq!(blind.decide(401, &lines, Some(b"n2")).step().action(), Action::GiveUp);
}

// --- 5. metadata probing: the MCP order, with provenance

/// modelcontextprotocol/rust-sdk#887 (discovery ordering aligned with the MCP specification)
/// and Cloudgeni-ai/opengeni#2315 (a guessed probe ahead of the standard ones aborted
/// discovery): for an issuer with a path, RFC 8414 path-inserted, then OpenID Connect
/// path-inserted, then OpenID Connect path-appended; for an issuer without, the two root
/// URLs. Each candidate says which rule built it (modelcontextprotocol/typescript-sdk#616:
/// the OpenID Connect fallback).
#[test]
fn authorization_server_metadata_is_probed_in_the_mcp_order_with_its_source() {
    let probed = |issuer: &'static str| -> Vec<(String, Source)> {
        Issuer::parse(issuer).unwrap().probe().map(|u| (u.to_string(), u.source())).collect()
    };
    assert_eq!(
        probed("https://auth.example.com/tenant1"),
        [
            (
                "https://auth.example.com/.well-known/oauth-authorization-server/tenant1"
                    .to_owned(),
                Source::WellKnown(Kind::OAuthInserted)
            ),
            (
                "https://auth.example.com/.well-known/openid-configuration/tenant1".to_owned(),
                Source::WellKnown(Kind::OpenIdInserted)
            ),
            (
                "https://auth.example.com/tenant1/.well-known/openid-configuration".to_owned(),
                Source::WellKnown(Kind::OpenIdAppended)
            ),
        ]
    );
    for root in ["https://accounts.example.com", "https://accounts.example.com/"] {
        assert_eq!(
            probed(root),
            [
                (
                    "https://accounts.example.com/.well-known/oauth-authorization-server"
                        .to_owned(),
                    Source::WellKnown(Kind::OAuthInserted)
                ),
                (
                    "https://accounts.example.com/.well-known/openid-configuration".to_owned(),
                    Source::WellKnown(Kind::OpenIdInserted)
                ),
            ],
            "{root}"
        );
    }
}

/// The protected resource's side: a `resource_metadata` URL the challenge advertised is the
/// only candidate, kept as advertised; without one, the path-inserted URL then the root one
/// (MCP 2025-11-25), each a well-known guess (zendev-sh/goai#126: the challenge's pointer
/// was not read, and only the root URL was tried).
#[test]
fn resource_metadata_candidates_keep_their_source() {
    let resource = ResourceId::parse("https://mcp.example.com/public/mcp").unwrap();
    let advertised: Vec<(String, Source)> =
        resource.probe(Some(PRM)).map(|u| (u.to_string(), u.source())).collect();
    assert_eq!(advertised, [(PRM.to_owned(), Source::Advertised)]);
    let guessed: Vec<(String, Source)> =
        resource.probe(None).map(|u| (u.to_string(), u.source())).collect();
    assert_eq!(
        guessed,
        [
            (
                "https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp"
                    .to_owned(),
                Source::WellKnown(Kind::ResourceInserted)
            ),
            (PRM.to_owned(), Source::WellKnown(Kind::ResourceRoot)),
        ]
    );
}

/// What the decisions above need costs no allocation: the decision, the kept duplicate
/// check, the scope request and the probe's sources.
#[test]
fn the_decisions_allocate_nothing() {
    let lines = line(r#"Bearer error="insufficient_scope", scope="files:write admin""#);
    let state =
        ClientState::new().sent_token(true).scope(scope("files:read")).holds_refresh_token(true);
    let supported = ["files:read"];
    let issuer = Issuer::parse("https://auth.example.com/tenant1").unwrap();
    let mut out = heapless::String::<128>::new();
    let mut kinds = 0;
    let allocations = allocation_counter::measure(|| {
        if let NextStep::Authorize { scope, .. } = state.decide(403, &lines, None).step() {
            scope.or_supported(Some(&supported[..])).write_to(&mut out).unwrap();
        }
        kinds = issuer.probe().filter(|u| matches!(u.source(), Source::WellKnown(_))).count();
    });
    assert_eq!(allocations.count_total, 0);
    assert_eq!(out, "files:read files:write admin");
    assert_eq!(kinds, 3);
}
