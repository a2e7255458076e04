//! The `http` feature: challenges read from and written into an `http::HeaderMap`.
#![cfg(feature = "http")]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use http::header::{HeaderMap, HeaderValue, WWW_AUTHENTICATE};
use http::StatusCode;
use signpost_challenge::Leniency;
use signpost_oauth::{
    Action, ClientState, Flow, HeaderLines, NextStep, Rejection, Schemes, ServerContext,
    TokenProblem,
};

#[test]
fn every_line_is_read_in_order() {
    let mut headers = HeaderMap::new();
    headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Basic realm="corp""#));
    headers.append("content-type", HeaderValue::from_static("application/json"));
    headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Bearer error="invalid_token""#));
    headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"DPoP algs="ES256""#));
    let lines = HeaderLines::from_headers(&headers);
    assert_eq!(lines.lines().len(), 3);
    assert_eq!(lines.dpop_nonce(), None);
    let schemes: Vec<String> = lines.challenges().map(|c| c.unwrap().scheme().to_owned()).collect();
    assert_eq!(schemes, ["Basic", "Bearer", "DPoP"]);

    // Strict unless relaxed: a missing comma between params ends the strict parse.
    let mut headers = HeaderMap::new();
    headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Bearer realm="a" error="b""#));
    let sloppy = HeaderLines::from_headers(&headers);
    assert!(sloppy.challenges().next().unwrap().is_err());
    let bearer = sloppy.challenges().with_leniency(Leniency::MISSING_COMMA).next().unwrap();
    assert_eq!(bearer.unwrap().forgiven(), Leniency::MISSING_COMMA);

    let state = ClientState::new().sent_token(true).holds_refresh_token(true);
    let decision = lines.decide(&state, StatusCode::UNAUTHORIZED);
    assert_eq!(decision.step(), NextStep::Refresh);
}

#[test]
fn the_nonce_header_reaches_the_decision() {
    let mut headers = HeaderMap::new();
    headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(r#"DPoP error="use_dpop_nonce""#));
    headers.insert("DPoP-Nonce", HeaderValue::from_static("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
    let lines = HeaderLines::from_headers(&headers);
    let state = ClientState::new().sent_token(true).uses_dpop(true);
    let step = lines.decide(&state, StatusCode::UNAUTHORIZED).step();
    assert_eq!(step.action(), Action::RetryWithDpopNonce);
    let again = state.previous(Action::RetryWithDpopNonce);
    assert_eq!(lines.decide(&again, StatusCode::UNAUTHORIZED).step().action(), Action::GiveUp);
    // obs-text in a header value is kept as bytes and parsed like any other.
    let mut headers = HeaderMap::new();
    headers.insert(WWW_AUTHENTICATE, HeaderValue::from_bytes(b"Bearer realm=\"caf\xe9\"").unwrap());
    let lines = HeaderLines::from_headers(&headers);
    assert_eq!(
        lines.decide(&ClientState::new(), StatusCode::UNAUTHORIZED).step().action(),
        Action::Authorize
    );
}

#[test]
fn a_response_goes_into_a_header_map_one_line_per_challenge() {
    let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
    let ctx = ServerContext::new()
        .resource_metadata("https://api.example/prm")
        .schemes(Schemes::BOTH)
        .flows(&flows);
    let response = ctx.respond(&Rejection::invalid_token(TokenProblem::Revoked)).unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("cache-control", HeaderValue::from_static("no-store"));
    response.write_headers(&mut headers);
    assert_eq!(response.status_code(), StatusCode::UNAUTHORIZED);
    let lines: Vec<&str> =
        headers.get_all(WWW_AUTHENTICATE).iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(
        lines,
        [
            r#"Bearer error="invalid_token", error_description="The access token was revoked", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_token", error_description="The access token was revoked", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://api.example/prm""#,
        ]
    );
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers.get("dpop-nonce").is_none());

    // And a client reads them back.
    let read = HeaderLines::from_headers(&headers);
    let state = ClientState::new().sent_token(true).holds_refresh_token(true).uses_dpop(true);
    assert_eq!(read.decide(&state, response.status_code()).step(), NextStep::Refresh);

    let ctx = ServerContext::new();
    let forbidden = ctx.respond(&Rejection::insufficient_scope("a")).unwrap();
    assert_eq!(forbidden.status_code(), StatusCode::FORBIDDEN);
}

#[test]
fn non_ascii_realm_goes_out_as_obs_text() {
    let ctx = ServerContext::new().realm("caf\u{e9}");
    let response = ctx.respond(&Rejection::no_token()).unwrap();
    let mut headers = HeaderMap::new();
    response.write_headers(&mut headers);
    assert_eq!(headers[WWW_AUTHENTICATE].as_bytes(), "Bearer realm=\"caf\u{e9}\"".as_bytes());
}

#[test]
fn a_response_becomes_http_parts_and_a_response_in_one_call() {
    let ctx = ServerContext::new().realm("api").schemes(Schemes::DPOP);
    let response = ctx.respond(&Rejection::dpop_nonce_required("n-1")).unwrap();
    let parts = response.to_parts();
    assert_eq!(parts.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        parts.headers.get_all(WWW_AUTHENTICATE).iter().collect::<Vec<_>>(),
        [
            r#"DPoP realm="api", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#
        ]
    );
    assert_eq!(parts.headers["dpop-nonce"], "n-1");
    assert_eq!(parts.headers.len(), 2);

    let ctx = ServerContext::new();
    let response = ctx.respond(&Rejection::invalid_request("two tokens")).unwrap();
    let http: http::Response<Vec<u8>> = response.to_response(b"bad request".to_vec());
    assert_eq!(http.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        http.headers()[WWW_AUTHENTICATE],
        r#"Bearer error="invalid_request", error_description="two tokens""#
    );
    assert_eq!(http.body(), b"bad request");
}

proptest::proptest! {
    /// `write_headers` cannot fail: whatever `respond` accepts, `http` takes, one line per
    /// challenge and the nonce.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn every_accepted_response_goes_into_the_header_map(
        realm in "[\\PC\t\x00-\x1f\x7f]{0,12}",
        description in "[ -~\t\x7f\u{e9}]{1,12}",
        nonce in proptest::option::of("[!-~]{1,8}"),
    ) {
        let ctx = ServerContext::new().realm(&realm).schemes(Schemes::BOTH);
        let rejection = match &nonce {
            Some(n) => Rejection::dpop_nonce_required(n),
            None => Rejection::invalid_request(&description),
        };
        if let Ok(response) = ctx.respond(&rejection) {
            let mut headers = HeaderMap::new();
            response.write_headers(&mut headers);
            let lines: Vec<String> = response.challenges().map(|c| c.to_string()).collect();
            let written: Vec<&[u8]> =
                headers.get_all(WWW_AUTHENTICATE).iter().map(HeaderValue::as_bytes).collect();
            proptest::prop_assert_eq!(written, lines.iter().map(|l| l.as_bytes()).collect::<Vec<_>>());
            proptest::prop_assert_eq!(
                headers.get("dpop-nonce").map(HeaderValue::as_bytes),
                response.dpop_nonce().map(str::as_bytes)
            );
        }
    }
}
