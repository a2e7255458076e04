//! The main jobs with `signpost-oauth` alone: every type they name is reached through
//! `signpost_oauth::` (this file names no other signpost crate).
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_oauth::{
    bearer_token, token_for, AuthServer, BearerChallenge, ChallengeParams, ChallengeWriter,
    Challenges, ClientState, DpopChallenge, ErrorCode, Flow, Leniency, NextStep, OAuth2Challenge,
    ParseError, Rejection, ResourceId, SchemeKind, Scope, ScopeError, ScopeToken, ServerContext,
    Value,
};

#[test]
fn a_resource_server_reads_the_token_and_answers_a_rejection(
) -> Result<(), Box<dyn std::error::Error>> {
    // Authorization: Bearer / DPoP.
    assert_eq!(bearer_token(b"Bearer mF_9.B5f-4.1JqM")?, "mF_9.B5f-4.1JqM");
    assert_eq!(token_for(b"DPoP Kz~8mXK1EalY", "DPoP")?, "Kz~8mXK1EalY");
    let refused: ParseError = bearer_token(b"Basic YWxhZGRpbg==").unwrap_err();
    assert!(!refused.message().is_empty());

    // The metadata route and the 403.
    let resource = ResourceId::parse("https://mcp.example.com/mcp")?;
    assert_eq!(resource.metadata_path().to_string(), "/.well-known/oauth-protected-resource/mcp");
    let metadata = resource.metadata_url().to_string();
    let ctx = ServerContext::new().resource_metadata(&metadata);
    let response = ctx.respond(&Rejection::insufficient_scope("files:read files:write"))?;
    let challenge = response.challenges().next().unwrap();
    assert_eq!(challenge.scheme(), SchemeKind::Bearer);
    assert_eq!(
        challenge.to_string(),
        r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp""#
    );

    // Writing challenges by hand.
    let flows = [Flow::USER_DELEGATION];
    let mut out = String::new();
    let mut w = ChallengeWriter::new(&mut out);
    let params = ChallengeParams::new().error(ErrorCode::INVALID_TOKEN).flows(&flows);
    params.write_bearer(&mut w)?;
    params.write_oauth2(&mut w)?;
    assert_eq!(
        out,
        r#"Bearer error="invalid_token", OAuth2 flows="user-delegation", error="invalid_token""#
    );
    Ok(())
}

#[test]
fn a_client_reads_the_challenges_and_decides() -> Result<(), Box<dyn std::error::Error>> {
    let value = br#"Bearer realm="api", error="insufficient_scope", scope="a b", DPoP algs="ES256", OAuth2 flows="user-delegation""#;
    // Typed views over the parsed challenges.
    let bearer = BearerChallenge::find(Challenges::new(value))?.unwrap();
    let realm: Value<'_> = bearer.realm().unwrap();
    assert_eq!(realm.to_string(), "api");
    assert_eq!(bearer.error()?, Some(ErrorCode::INSUFFICIENT_SCOPE));
    let scope: Scope<'_> = bearer.scope()?.unwrap();
    let first: ScopeToken<'_> = scope.iter().next().unwrap();
    assert_eq!(first.as_str(), "a");
    let dpop =
        DpopChallenge::find(Challenges::new(value).with_leniency(Leniency::RECOVER))?.unwrap();
    assert_eq!(dpop.algs()?.unwrap().as_str(), "ES256");
    let oauth2 = OAuth2Challenge::find(Challenges::new(value))?.unwrap();
    assert!(oauth2.flows()?.unwrap().contains(Flow::USER_DELEGATION));
    for c in Challenges::new(value) {
        assert!(SchemeKind::of(&c?).is_some());
    }

    // The decision.
    let held: Result<Scope<'_>, ScopeError> = Scope::parse("a");
    let lines = [&value[..]];
    let state = ClientState::new().sent_token(true).scope(held?).leniency(Leniency::RECOVER);
    let decision = state.decide(403, &lines, None);
    assert_eq!(decision.scheme(), Some(SchemeKind::Bearer));
    match decision.step() {
        NextStep::Authorize { server, scope, .. } => {
            assert_eq!(server, AuthServer::Discover);
            assert_eq!(scope.to_string(), "a b");
        }
        other => panic!("{other:?}"),
    }
    assert!(Scope::parse("a  b").is_err());
    Ok(())
}
