//! The server side: every rejection under every scheme configuration gives the exact status,
//! `WWW-Authenticate` lines and `DPoP-Nonce`; the RFC examples come out as the RFCs print them.
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_challenge::{ChallengeWriter, Challenges};
use signpost_error::ErrorCode;
use signpost_oauth::{
    BearerChallenge, ChallengeParams, Flow, OAuth2Challenge, Rejection, SchemeKind, Schemes,
    ServerContext, ServerResponse, TokenProblem,
};

const RM: &str = "https://api.example/prm";
const FLOWS: [Flow<'static>; 3] = [Flow::REFRESH, Flow::USER_DELEGATION, Flow::CLIENT_CREDENTIALS];

fn context(name: &str) -> ServerContext<'static> {
    let base = ServerContext::new().resource_metadata(RM);
    match name {
        "bearer" => base,
        "dpop" => base.schemes(Schemes::DPOP).dpop_algs("ES256 PS256"),
        "both" => base.schemes(Schemes::BOTH).dpop_algs("ES256"),
        "bearer+oauth2" => base.realm("api").scope("files:read").flows(&FLOWS),
        "both+oauth2" => base.schemes(Schemes::BOTH).flows(&FLOWS).issuer("https://as.example.com"),
        other => panic!("no context {other}"),
    }
}

fn rejection(name: &str) -> Rejection<'static> {
    match name {
        "no_token" => Rejection::no_token(),
        "invalid_request" => {
            Rejection::invalid_request("Multiple methods used to include access token")
        }
        "expired" => Rejection::invalid_token(TokenProblem::Expired),
        "wrong_audience" => Rejection::invalid_token(TokenProblem::WrongAudience),
        "insufficient_scope" => Rejection::insufficient_scope("files:read files:write"),
        "too_old" => Rejection::authentication_too_old(300),
        "too_weak" => Rejection::authentication_too_weak("phr phrh"),
        "dpop_proof" => Rejection::invalid_dpop_proof("DPoP proof signature is invalid"),
        "dpop_nonce" => Rejection::dpop_nonce_required("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
        other => panic!("no rejection {other}"),
    }
}

type Row = (&'static str, &'static str, u16, &'static [&'static str], Option<&'static str>);

/// (context, rejection, status, one line per challenge, DPoP-Nonce)
const MATRIX: &[Row] = &[
    ("bearer", "no_token", 401, &[r#"Bearer resource_metadata="https://api.example/prm""#], None),
    (
        "bearer",
        "invalid_request",
        400,
        &[
            r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "expired",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token expired", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "wrong_audience",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token is meant for another resource", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "insufficient_scope",
        403,
        &[
            r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "too_old",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "too_weak",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "dpop_proof",
        401,
        &[
            r#"DPoP error="invalid_dpop_proof", error_description="DPoP proof signature is invalid", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer",
        "dpop_nonce",
        401,
        &[
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", resource_metadata="https://api.example/prm""#,
        ],
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ),
    (
        "dpop",
        "no_token",
        401,
        &[r#"DPoP algs="ES256 PS256", resource_metadata="https://api.example/prm""#],
        None,
    ),
    (
        "dpop",
        "invalid_request",
        400,
        &[
            r#"DPoP error="invalid_request", error_description="Multiple methods used to include access token", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "expired",
        401,
        &[
            r#"DPoP error="invalid_token", error_description="The access token expired", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "wrong_audience",
        401,
        &[
            r#"DPoP error="invalid_token", error_description="The access token is meant for another resource", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "insufficient_scope",
        403,
        &[
            r#"DPoP error="insufficient_scope", scope="files:read files:write", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "too_old",
        401,
        &[
            r#"DPoP error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "too_weak",
        401,
        &[
            r#"DPoP error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "dpop_proof",
        401,
        &[
            r#"DPoP error="invalid_dpop_proof", error_description="DPoP proof signature is invalid", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "dpop",
        "dpop_nonce",
        401,
        &[
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 PS256", resource_metadata="https://api.example/prm""#,
        ],
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ),
    (
        "both",
        "no_token",
        401,
        &[
            r#"Bearer resource_metadata="https://api.example/prm""#,
            r#"DPoP algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "invalid_request",
        400,
        &[
            r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_request", error_description="Multiple methods used to include access token", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "expired",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token expired", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_token", error_description="The access token expired", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "wrong_audience",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token is meant for another resource", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_token", error_description="The access token is meant for another resource", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "insufficient_scope",
        403,
        &[
            r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_scope", scope="files:read files:write", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "too_old",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "too_weak",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "dpop_proof",
        401,
        &[
            r#"DPoP error="invalid_dpop_proof", error_description="DPoP proof signature is invalid", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both",
        "dpop_nonce",
        401,
        &[
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256", resource_metadata="https://api.example/prm""#,
        ],
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ),
    (
        "bearer+oauth2",
        "no_token",
        401,
        &[
            r#"Bearer realm="api", scope="files:read", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="refresh user-delegation client-credentials", scope="files:read", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "invalid_request",
        400,
        &[
            r#"Bearer realm="api", error="invalid_request", error_description="Multiple methods used to include access token", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "expired",
        401,
        &[
            r#"Bearer realm="api", error="invalid_token", error_description="The access token expired", scope="files:read", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="refresh user-delegation client-credentials", error="invalid_token", scope="files:read", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "wrong_audience",
        401,
        &[
            r#"Bearer realm="api", error="invalid_token", error_description="The access token is meant for another resource", scope="files:read", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="refresh user-delegation client-credentials", error="invalid_token", scope="files:read", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "insufficient_scope",
        403,
        &[
            r#"Bearer realm="api", error="insufficient_scope", scope="files:read files:write", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="user-delegation client-credentials", error="insufficient_scope", scope="files:read files:write", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "too_old",
        401,
        &[
            r#"Bearer realm="api", error="insufficient_user_authentication", error_description="More recent authentication is required", scope="files:read", max_age="300", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="user-delegation", error="insufficient_user_authentication", scope="files:read", max_age="300", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "too_weak",
        401,
        &[
            r#"Bearer realm="api", error="insufficient_user_authentication", error_description="A different authentication level is required", scope="files:read", acr_values="phr phrh", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 realm="api", flows="user-delegation", error="insufficient_user_authentication", scope="files:read", acr_values="phr phrh", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "dpop_proof",
        401,
        &[
            r#"DPoP realm="api", error="invalid_dpop_proof", error_description="DPoP proof signature is invalid", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "bearer+oauth2",
        "dpop_nonce",
        401,
        &[
            r#"DPoP realm="api", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", resource_metadata="https://api.example/prm""#,
        ],
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ),
    (
        "both+oauth2",
        "no_token",
        401,
        &[
            r#"Bearer issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="refresh user-delegation client-credentials", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "invalid_request",
        400,
        &[
            r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_request", error_description="Multiple methods used to include access token", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "expired",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token expired", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_token", error_description="The access token expired", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="refresh user-delegation client-credentials", error="invalid_token", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "wrong_audience",
        401,
        &[
            r#"Bearer error="invalid_token", error_description="The access token is meant for another resource", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="invalid_token", error_description="The access token is meant for another resource", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="refresh user-delegation client-credentials", error="invalid_token", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "insufficient_scope",
        403,
        &[
            r#"Bearer error="insufficient_scope", scope="files:read files:write", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_scope", scope="files:read files:write", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="user-delegation client-credentials", error="insufficient_scope", scope="files:read files:write", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "too_old",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="user-delegation", error="insufficient_user_authentication", max_age="300", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "too_weak",
        401,
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"DPoP error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="phr phrh", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
            r#"OAuth2 flows="user-delegation", error="insufficient_user_authentication", acr_values="phr phrh", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "dpop_proof",
        401,
        &[
            r#"DPoP error="invalid_dpop_proof", error_description="DPoP proof signature is invalid", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        None,
    ),
    (
        "both+oauth2",
        "dpop_nonce",
        401,
        &[
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", issuer="https://as.example.com", resource_metadata="https://api.example/prm""#,
        ],
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
    ),
];

#[track_caller]
fn lines(response: &ServerResponse<'_>) -> Vec<String> {
    response.challenges().map(|c| c.to_string()).collect()
}

#[test]
fn every_reason_under_every_scheme_configuration() {
    let contexts = ["bearer", "dpop", "both", "bearer+oauth2", "both+oauth2"];
    let rejections = [
        "no_token",
        "invalid_request",
        "expired",
        "wrong_audience",
        "insufficient_scope",
        "too_old",
        "too_weak",
        "dpop_proof",
        "dpop_nonce",
    ];
    assert_eq!(MATRIX.len(), contexts.len() * rejections.len());
    for &(ctx, why, status, expected, nonce) in MATRIX {
        let context = context(ctx);
        let response = context.respond(&rejection(why)).unwrap();
        assert_eq!(response.status(), status, "{ctx} / {why}");
        assert_eq!(lines(&response), expected, "{ctx} / {why}");
        assert_eq!(response.dpop_nonce(), nonce, "{ctx} / {why}");

        // The combined line is the lines joined by ", ", and it parses back into as many
        // challenges, each with the same text.
        let mut combined = String::new();
        response.write_www_authenticate(&mut combined).unwrap();
        assert_eq!(combined, expected.join(", "), "{ctx} / {why}");
        let parsed: Vec<String> =
            Challenges::new(combined.as_bytes()).map(|c| c.unwrap().to_string()).collect();
        assert_eq!(parsed, expected, "{ctx} / {why}");
    }
}

#[test]
fn rules_of_seed_000_and_rfc_6750() {
    for &(ctx, why, _, expected, _) in MATRIX {
        // No error when no credentials were sent (RFC 6750 §3.1).
        if why == "no_token" {
            assert!(expected.iter().all(|l| !l.contains("error=")), "{ctx}");
        }
        // resource_metadata on every challenge (MCP).
        assert!(expected
            .iter()
            .all(|l| l.ends_with(r#"resource_metadata="https://api.example/prm""#)));
        // Never a refresh for more scope (RFC 6749 §6), never a flow for a malformed
        // request or a DPoP proof problem.
        for line in expected.iter().filter(|l| l.starts_with("OAuth2")) {
            assert!(!(why == "insufficient_scope" && line.contains("refresh")), "{ctx}");
            assert!(!matches!(why, "invalid_request" | "dpop_proof" | "dpop_nonce"), "{ctx}");
        }
        // Every token validation failure is invalid_token (OAuth WG discussion of JWT access token errors, 2020).
        if matches!(why, "expired" | "wrong_audience") {
            assert!(expected.iter().all(|l| l.contains(r#"error="invalid_token""#)));
        }
    }
}

#[test]
fn every_token_problem_is_invalid_token() {
    let problems = [
        (TokenProblem::Expired, "expired", "The access token expired"),
        (TokenProblem::NotYetValid, "not_yet_valid", "The access token is not valid yet"),
        (TokenProblem::Revoked, "revoked", "The access token was revoked"),
        (
            TokenProblem::WrongAudience,
            "wrong_audience",
            "The access token is meant for another resource",
        ),
        (
            TokenProblem::WrongIssuer,
            "wrong_issuer",
            "The access token comes from an untrusted issuer",
        ),
        (TokenProblem::BadSignature, "bad_signature", "The access token signature is invalid"),
        (TokenProblem::KeyBinding, "key_binding", "Invalid DPoP key binding"),
        (TokenProblem::Malformed, "malformed", "The access token is malformed"),
        (TokenProblem::Invalid, "invalid", "The access token is invalid"),
    ];
    for (problem, name, description) in problems {
        let r = Rejection::invalid_token(problem);
        assert_eq!(problem.as_str(), name);
        assert_eq!((r.status(), r.error()), (401, Some(ErrorCode::INVALID_TOKEN)));
        let ctx = ServerContext::new();
        let response = ctx.respond(&r).unwrap();
        assert_eq!(
            lines(&response),
            [format!(r#"Bearer error="invalid_token", error_description="{description}""#)]
        );
    }
}

#[test]
fn rfc_examples() {
    let cases: &[(ServerContext<'_>, Rejection<'_>, u16, &str)] = &[
        // RFC 6750 §3
        (
            ServerContext::new().realm("example"),
            Rejection::no_token(),
            401,
            r#"Bearer realm="example""#,
        ),
        (
            ServerContext::new().realm("example"),
            Rejection::invalid_token(TokenProblem::Expired),
            401,
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
        ),
        // RFC 9470 §3, both figures
        (
            ServerContext::new(),
            Rejection::authentication_too_weak("myACR"),
            401,
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR""#,
        ),
        (
            ServerContext::new(),
            Rejection::authentication_too_old(5),
            401,
            r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5""#,
        ),
        // RFC 9449 §9, figure 20
        (
            ServerContext::new().schemes(Schemes::DPOP),
            Rejection::dpop_nonce_required("eyJ7S_zG.eyJH0-Z.HX4w-7v"),
            401,
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#,
        ),
        // RFC 9449 §7.1, figure 17
        (
            ServerContext::new().schemes(Schemes::BOTH).dpop_algs("ES256 PS256"),
            Rejection::no_token(),
            401,
            r#"Bearer, DPoP algs="ES256 PS256""#,
        ),
        // RFC 9449 §7.2, figure 19
        (
            ServerContext::new().schemes(Schemes::BOTH).dpop_algs("ES256 PS256"),
            Rejection::invalid_request("Multiple methods used to include access token"),
            400,
            r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", DPoP error="invalid_request", error_description="Multiple methods used to include access token", algs="ES256 PS256""#,
        ),
        // RFC 9728 §5.1
        (
            ServerContext::new().resource_metadata(
                "https://resource.example.com/.well-known/oauth-protected-resource",
            ),
            Rejection::no_token(),
            401,
            r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#,
        ),
        // MCP 2025-11-25, runtime step-up
        (
            ServerContext::new()
                .resource_metadata("https://mcp.example.com/.well-known/oauth-protected-resource"),
            Rejection::insufficient_scope("files:read files:write"),
            403,
            r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
        ),
        // draft-parecki-oauth-authorization-server-discovery (with its description)
        (
            ServerContext::new().issuer("https://as.example.com/issuer1"),
            Rejection::invalid_request("No access token was provided in this request"),
            400,
            r#"Bearer error="invalid_request", error_description="No access token was provided in this request", issuer="https://as.example.com/issuer1""#,
        ),
        // docs/oauth2-scheme.md, first example
        (
            ServerContext::new()
                .resource_metadata("https://api.example.com/.well-known/oauth-protected-resource")
                .flows(&[Flow::REFRESH, Flow::USER_DELEGATION])
                .send_oauth2_challenge(true),
            Rejection::invalid_token(TokenProblem::Expired),
            401,
            r#"Bearer error="invalid_token", error_description="The access token expired", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource", OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
        ),
    ];
    for (ctx, rejection, status, expected) in cases {
        let response = ctx.respond(rejection).unwrap();
        let mut line = String::new();
        response.write_www_authenticate(&mut line).unwrap();
        assert_eq!((response.status(), line.as_str()), (*status, *expected));
    }
}

#[test]
fn step_up_with_both_requirements_and_scope() {
    let r = Rejection::authentication_too_old(0)
        .with_acr_values("urn:mace:incommon:iap:silver")
        .with_scope("openid");
    let ctx = ServerContext::new();
    let response = ctx.respond(&r).unwrap();
    assert_eq!(
        lines(&response),
        [
            r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", scope="openid", acr_values="urn:mace:incommon:iap:silver", max_age="0""#
        ]
    );
    let custom = Rejection::authentication_too_weak("gold").with_description("Use a hardware key");
    assert_eq!(custom.description(), Some("Use a hardware key"));
}

#[test]
fn the_oauth2_challenge_can_be_turned_off_and_needs_a_fitting_flow() {
    let flows = [Flow::CLIENT_CREDENTIALS];
    let ctx = ServerContext::new().flows(&flows);
    // client-credentials cannot authenticate a user: no OAuth2 challenge for a step-up.
    let step_up = ctx.respond(&Rejection::authentication_too_old(60)).unwrap();
    assert_eq!(step_up.challenges().map(|c| c.scheme()).collect::<Vec<_>>(), [SchemeKind::Bearer]);
    let expired = ctx.respond(&Rejection::invalid_token(TokenProblem::Expired)).unwrap();
    assert_eq!(
        expired.challenges().map(|c| c.scheme()).collect::<Vec<_>>(),
        [SchemeKind::Bearer, SchemeKind::OAuth2]
    );
    let off = ctx.send_oauth2_challenge(false);
    let off = off.respond(&Rejection::invalid_token(TokenProblem::Expired)).unwrap();
    assert_eq!(off.challenges().map(|c| c.scheme()).collect::<Vec<_>>(), [SchemeKind::Bearer]);
}

#[test]
fn refused_values_name_their_field() {
    let cases: &[(ServerContext<'_>, Rejection<'_>, &str)] = &[
        (
            ServerContext::new(),
            Rejection::insufficient_scope("files:read  files:write"),
            "scope: empty scope-token (double SP) at byte 11 of the value",
        ),
        (
            ServerContext::new(),
            Rejection::insufficient_scope("files:\"read\""),
            r#"scope: expected NQCHAR in scope-token, found '"' at byte 6 of the value"#,
        ),
        (
            ServerContext::new(),
            Rejection::invalid_request(r#"bad "quote""#),
            r#"error_description: expected NQSCHAR in error_description, found '"' at byte 4 of the value"#,
        ),
        (
            ServerContext::new().realm("a\r\nSet-Cookie: x=y"),
            Rejection::no_token(),
            "realm: control character not allowed in a field value, found 0x0d at byte 1 of the value",
        ),
        (
            ServerContext::new().resource_metadata("/relative"),
            Rejection::no_token(),
            "resource_metadata: expected scheme (ALPHA), found '/' at byte 0 of the value",
        ),
        (
            ServerContext::new().issuer("https://as.example.com/?tenant=1"),
            Rejection::no_token(),
            "issuer: query not allowed in issuer identifier (RFC 8414 §2), found '?' at byte 23 of the value",
        ),
        (
            ServerContext::new().schemes(Schemes::DPOP).dpop_algs("ES256,PS256 "),
            Rejection::no_token(),
            "algs: empty element (trailing SP) at byte 11 of the value",
        ),
        (
            ServerContext::new(),
            Rejection::authentication_too_weak(""),
            "acr_values: expected at least one element, found end of input at byte 0 of the value",
        ),
        (
            ServerContext::new(),
            Rejection::dpop_nonce_required("two words"),
            "DPoP-Nonce: expected NQCHAR, found ' ' at byte 3 of the value",
        ),
        (
            ServerContext::new(),
            Rejection::dpop_nonce_required(""),
            "DPoP-Nonce: expected at least one NQCHAR, found end of input at byte 0 of the value",
        ),
    ];
    for (ctx, rejection, expected) in cases {
        match ctx.respond(rejection) {
            Err(e) => assert_eq!(e.to_string(), *expected),
            Ok(r) => panic!("accepted {:?}", lines(&r)),
        }
    }
    // Quotes and backslashes in realm are escaped, not refused.
    let ctx = ServerContext::new().realm(r#"a "b" \c"#);
    let response = ctx.respond(&Rejection::no_token()).unwrap();
    assert_eq!(lines(&response), [r#"Bearer realm="a \"b\" \\c""#]);
}

#[test]
fn the_written_challenges_read_back_through_the_views() {
    let flows = [
        Flow::USER_DELEGATION,
        Flow::parse("urn:ietf:params:oauth:grant-type:token-exchange").unwrap(),
    ];
    let ctx = ServerContext::new()
        .realm("files")
        .resource_metadata(RM)
        .issuer("https://as.example.com")
        .flows(&flows);
    let rejection = Rejection::insufficient_scope("files:read files:write");
    let response = ctx.respond(&rejection).unwrap();
    let mut line = String::new();
    response.write_www_authenticate(&mut line).unwrap();
    let mut challenges = Challenges::new(line.as_bytes());
    let bearer = BearerChallenge::new(challenges.next().unwrap().unwrap()).unwrap();
    bearer.check().unwrap();
    assert_eq!(bearer.realm().unwrap(), "files");
    assert_eq!(bearer.error().unwrap(), Some(ErrorCode::INSUFFICIENT_SCOPE));
    assert_eq!(bearer.scope().unwrap().unwrap().as_str(), "files:read files:write");
    assert_eq!(bearer.issuer().unwrap(), Some("https://as.example.com"));
    assert_eq!(bearer.resource_metadata().unwrap(), Some(RM));
    let oauth2 = OAuth2Challenge::new(challenges.next().unwrap().unwrap()).unwrap();
    oauth2.check().unwrap();
    assert_eq!(oauth2.flows().unwrap().unwrap().iter().collect::<Vec<_>>(), flows);
    assert!(challenges.next().is_none());
}

#[test]
fn writing_into_a_fixed_buffer_allocates_nothing() {
    let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
    let ctx = ServerContext::new().resource_metadata(RM).schemes(Schemes::BOTH).flows(&flows);
    let rejection = Rejection::invalid_token(TokenProblem::Expired);
    let mut buf = heapless::String::<512>::new();
    let allocations = allocation_counter::measure(|| {
        let response = ctx.respond(&rejection).unwrap();
        response.write_www_authenticate(&mut buf).unwrap();
    });
    assert_eq!(allocations.count_total, 0);
    assert!(buf.starts_with(r#"Bearer error="invalid_token""#));
    // Too small a buffer is a writer error, not a panic.
    let mut small = heapless::String::<16>::new();
    let response = ctx.respond(&rejection).unwrap();
    assert!(response.write_www_authenticate(&mut small).is_err());
}

#[test]
fn challenge_params_write_each_scheme() {
    let flows = [Flow::DEVICE];
    let params = ChallengeParams::new()
        .realm("r")
        .error(ErrorCode::INVALID_TOKEN)
        .error_description("d")
        .error_uri("https://as.example/errors/1")
        .scope("a b")
        .acr_values("x")
        .max_age(18446744073709551615)
        .algs("EdDSA")
        .issuer("https://as.example")
        .resource_metadata(RM)
        .flows(&flows);
    params.check().unwrap();
    let mut out = String::new();
    let mut w = ChallengeWriter::new(&mut out);
    params.write_bearer(&mut w).unwrap();
    params.write_dpop(&mut w).unwrap();
    params.write_oauth2(&mut w).unwrap();
    let common = r#"error="invalid_token", error_description="d", error_uri="https://as.example/errors/1", scope="a b", acr_values="x", max_age="18446744073709551615""#;
    let tail = r#"issuer="https://as.example", resource_metadata="https://api.example/prm""#;
    assert_eq!(
        out,
        format!(
            r#"Bearer realm="r", {common}, {tail}, DPoP realm="r", {common}, algs="EdDSA", {tail}, OAuth2 realm="r", flows="device", {common}, {tail}"#
        )
    );
    // OAuth2 needs a flow.
    let mut out = String::new();
    let err = ChallengeParams::new().write_oauth2(&mut ChallengeWriter::new(&mut out)).unwrap_err();
    assert_eq!(err.to_string(), "flows: required in an OAuth2 challenge at byte 0 of the value");
    assert!(out.is_empty());
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ServerContext<'static>>();
    check::<Rejection<'static>>();
    check::<ServerResponse<'static>>();
    check::<signpost_oauth::ResponseChallenge<'static>>();
    check::<ChallengeParams<'static>>();
    check::<TokenProblem>();
    check::<Schemes>();
}
