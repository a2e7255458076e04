//! What a framework needs to hold: a `ServerContext` built once from runtime strings and
//! shared by every request (an axum-like `State` behind an `Arc`), and a client's decision
//! kept after the response it was read from is gone.
#![cfg(feature = "alloc")]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::sync::Arc;

use signpost_oauth::{
    Action, AuthServer, ClientState, Decision, Flow, NextStep, OwnedDecision, OwnedNextStep,
    Rejection, SchemeKind, Schemes, Scope, ServerContext, TokenProblem,
};

/// The bounds axum puts on `State` (and `tokio::spawn` on what a task holds).
fn assert_shareable<T: Clone + Send + Sync + 'static>() {}

#[test]
fn owned_forms_are_clone_send_sync_and_static() {
    assert_shareable::<ServerContext<'static>>();
    assert_shareable::<Arc<ServerContext<'static>>>();
    assert_shareable::<OwnedNextStep>();
    assert_shareable::<OwnedDecision>();
}

/// An axum-like application state: cloned into every handler.
#[derive(Clone)]
struct AppState {
    oauth: Arc<ServerContext<'static>>,
}

/// An axum-like handler: answers a rejection from the shared context.
fn handler(state: &AppState, rejection: Rejection<'_>) -> (u16, Vec<String>) {
    let response = state.oauth.respond(&rejection).unwrap();
    (response.status(), response.challenges().map(|c| c.to_string()).collect())
}

/// The settings a server reads at start-up, as `String`s that are dropped once the context
/// is built.
fn start_up() -> AppState {
    let realm = String::from("files");
    let metadata = format!("https://{}/.well-known/oauth-protected-resource", "api.example");
    let issuer = String::from("https://as.example");
    let scope = String::from("files:read");
    let algs = String::from("ES256 PS256");
    let configured_flows = String::from("refresh user-delegation urn:example:grant");
    let flows: Vec<Flow<'_>> =
        configured_flows.split(' ').map(|f| Flow::parse(f).unwrap()).collect();
    let ctx = ServerContext::new()
        .realm(&realm)
        .resource_metadata(&metadata)
        .issuer(&issuer)
        .scope(&scope)
        .schemes(Schemes::BOTH)
        .dpop_algs(&algs)
        .flows(&flows)
        .into_owned();
    ctx.check().unwrap();
    drop(flows);
    drop((realm, metadata, issuer, scope, algs, configured_flows));
    AppState { oauth: Arc::new(ctx) }
}

#[test]
fn a_context_built_from_dropped_strings_answers_every_request() {
    let state = start_up();
    let expected = (
        401,
        vec![
            r#"Bearer realm="files", error="invalid_token", error_description="The access token expired", scope="files:read", issuer="https://as.example", resource_metadata="https://api.example/.well-known/oauth-protected-resource""#.to_owned(),
            r#"DPoP realm="files", error="invalid_token", error_description="The access token expired", scope="files:read", algs="ES256 PS256", issuer="https://as.example", resource_metadata="https://api.example/.well-known/oauth-protected-resource""#.to_owned(),
            r#"OAuth2 realm="files", flows="refresh user-delegation urn:example:grant", error="invalid_token", scope="files:read", issuer="https://as.example", resource_metadata="https://api.example/.well-known/oauth-protected-resource""#.to_owned(),
        ],
    );
    // Requests served on other threads, each with a clone of the state (in turn where the
    // target has no threads: wasm32-wasip1).
    let serve = |state: AppState| handler(&state, Rejection::invalid_token(TokenProblem::Expired));
    let answers: Vec<_> = if cfg!(target_family = "wasm") {
        (0..4).map(|_| serve(state.clone())).collect()
    } else {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let state = state.clone();
                std::thread::spawn(move || serve(state))
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    };
    for answer in answers {
        assert_eq!(answer, expected);
    }
    // A rejection that keeps only some flows filters the owned list as it does a slice.
    let (status, lines) = handler(&state, Rejection::insufficient_scope("files:write"));
    assert_eq!(status, 403);
    assert!(
        lines[2].starts_with(r#"OAuth2 realm="files", flows="user-delegation urn:example:grant""#)
    );
}

#[test]
fn an_owned_context_writes_what_the_borrowed_one_writes() {
    let flows = [Flow::REFRESH, Flow::DEVICE, Flow::CLIENT_CREDENTIALS];
    let borrowed = ServerContext::new()
        .realm("r")
        .resource_metadata("https://r.example/prm")
        .scope("a b")
        .schemes(Schemes::BOTH)
        .dpop_algs("ES256")
        .flows(&flows);
    let owned = borrowed.clone().into_owned();
    assert_eq!(owned, borrowed);
    // into_owned of an owned context keeps it.
    assert_eq!(owned.clone().into_owned(), owned);
    let rejections = [
        Rejection::no_token(),
        Rejection::invalid_request("why"),
        Rejection::invalid_token(TokenProblem::WrongAudience),
        Rejection::insufficient_scope("c"),
        Rejection::authentication_too_old(60),
        Rejection::invalid_dpop_proof("bad proof"),
        Rejection::dpop_nonce_required("n"),
    ];
    for rejection in rejections {
        let (a, b) = (borrowed.respond(&rejection).unwrap(), owned.respond(&rejection).unwrap());
        assert_eq!(a.status(), b.status());
        assert_eq!(a.dpop_nonce(), b.dpop_nonce());
        let lines = |r: &signpost_oauth::ServerResponse<'_>| {
            r.challenges().map(|c| (c.scheme(), c.to_string())).collect::<Vec<_>>()
        };
        assert_eq!(lines(&a), lines(&b), "{rejection:?}");
    }
    // No flow at all: no OAuth2 challenge, owned or not.
    let none = ServerContext::new().into_owned();
    let response = none.respond(&Rejection::no_token()).unwrap();
    assert_eq!(response.challenges().map(|c| c.scheme()).collect::<Vec<_>>(), [SchemeKind::Bearer]);
}

#[test]
fn an_owned_context_checks_its_values_when_it_answers() {
    let realm = String::from("a\r\nSet-Cookie: x=y");
    let ctx = ServerContext::new().realm(&realm).into_owned();
    drop(realm);
    let err = ctx.check().unwrap_err();
    assert_eq!(err.field(), "realm");
    assert_eq!(ctx.respond(&Rejection::no_token()).unwrap_err(), err);
}

#[test]
fn answering_from_an_owned_context_does_not_allocate() {
    let state = start_up();
    let rejection = Rejection::insufficient_scope("files:read files:write");
    let mut out = heapless::String::<2048>::new();
    let allocations = allocation_counter::measure(|| {
        let response = state.oauth.respond(&rejection).unwrap();
        response.write_www_authenticate(&mut out).unwrap();
    });
    assert_eq!(allocations.count_total, 0);
    assert!(out.starts_with(r#"Bearer realm="files", error="insufficient_scope""#));
}

/// A client that decides, then reads the body (the response, and with it the header lines,
/// is gone), then acts.
fn decide_then_read_the_body(state: &ClientState<'_>) -> OwnedDecision {
    let headers = vec![
        String::from("Negotiate"),
        String::from(
            r#"Bearer error="insufficient_scope", scope="files:read files:write", error_description="Needs \"write\"", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
        ),
    ];
    let lines: Vec<&[u8]> = headers.iter().map(|h| h.as_bytes()).collect();
    let decision: Decision<'_> = state.decide(403, &lines, None);
    let owned = decision.into_owned();
    drop(lines);
    drop(headers); // reading the body consumes the response
    owned
}

#[test]
fn an_owned_decision_outlives_the_response() {
    let held = String::from("files:read");
    let state = ClientState::new().sent_token(true).scope(Scope::parse(&held).unwrap());
    let decision = decide_then_read_the_body(&state);
    assert_eq!(decision.scheme(), Some(SchemeKind::Bearer));
    assert_eq!(decision.parse_error(), None);
    match decision.step() {
        NextStep::Authorize { server, scope, .. } => {
            assert_eq!(
                server,
                AuthServer::ResourceMetadata(
                    "https://mcp.example.com/.well-known/oauth-protected-resource"
                )
            );
            assert_eq!(scope.to_string(), "files:read files:write");
            assert_eq!(scope.held().unwrap().as_str(), "files:read");
            assert_eq!(scope.challenge().unwrap().as_str(), "files:read files:write");
            assert!(scope.is_wider_than_held());
        }
        other => panic!("{other:?}"),
    }
    // The step is owned too, and outlives the client state's own strings.
    let step = decision.clone().into_step();
    drop(held);
    assert_eq!(step.action(), Action::Authorize);
    assert_eq!(step.to_string(), "authorize");
    assert_eq!(decision.step(), step.as_step());
}

#[test]
fn every_step_round_trips_through_its_owned_form() {
    let mcp = br#"Bearer error="insufficient_scope", scope="b c", resource_metadata="https://as.example/prm""#;
    type Case = (ClientState<'static>, u16, &'static [u8], Option<&'static [u8]>);
    let cases: &[Case] = &[
        (ClientState::new().sent_token(true).holds_other_tokens(true), 403, mcp, None),
        (ClientState::new().sent_token(true).holds_refresh_token(true), 401, br#"Bearer error="invalid_token""#, None),
        (ClientState::new().sent_token(true).scope(Scope::from_static("a")), 403, mcp, None),
        (ClientState::new().issuer("https://known.example"), 401, b"Bearer", None),
        (ClientState::new(), 401, br#"Bearer issuer="https://as.example""#, None),
        (ClientState::new(), 401, b"", None),
        (
            ClientState::new().sent_token(true),
            401,
            br#"Bearer error="insufficient_user_authentication", acr_values="gold silver", max_age=5, scope="s""#,
            None,
        ),
        (ClientState::new().sent_token(true).uses_dpop(true), 401, br#"DPoP error="use_dpop_nonce""#, Some(b"n-1")),
        (ClientState::new().sent_token(true), 400, br#"Bearer error="invalid_request", error_description="two \"tokens\"""#, None),
        (ClientState::new().sent_token(true), 400, b"Bearer error=invalid_request, error_description=token", None),
        (ClientState::new(), 401, br#"Bearer resource_metadata="https://127.0.0.1/prm""#, None),
        (ClientState::new(), 401, br#"Bearer error="x", error="y""#, None),
        (ClientState::new(), 401, b"Basic realm=x", None),
        (ClientState::new().sent_token(true).uses_dpop(true), 401, br#"DPoP error="use_dpop_nonce""#, None),
        (ClientState::new().attempts(3), 401, b"Bearer", None),
        (ClientState::new(), 500, b"Bearer", None),
        (ClientState::new(), 401, br#"Bearer scope="a  b""#, None),
        (ClientState::new(), 401, b"DPoP", None),
    ];
    let mut actions = std::collections::BTreeSet::new();
    for (state, status, line, nonce) in cases {
        let lines = [*line];
        let decision = state.decide(*status, &lines, *nonce);
        let owned = decision.into_owned();
        assert_eq!(owned.step(), decision.step(), "{}", String::from_utf8_lossy(line));
        assert_eq!(owned.scheme(), decision.scheme());
        assert_eq!(owned.parse_error(), decision.parse_error());
        if let Some(reason) = decision.step().reason() {
            let again = owned.step().reason().unwrap();
            assert_eq!(again.to_string(), reason.to_string());
            assert_eq!(again.code(), reason.code());
            assert_eq!(
                again.description().map(|d| d.to_string()),
                reason.description().map(|d| d.to_string())
            );
        }
        actions.insert(decision.step().action().as_str());
    }
    // Every kind of step was exercised.
    assert_eq!(actions.len(), Action::ALL.len(), "{actions:?}");
}
