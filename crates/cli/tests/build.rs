//! `signpost build`: the exact output of the built binary.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn json(args: &[&str], code: i32, expected: &str) {
    let mut all = vec!["build", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"), "{args:?}");
}

const PRM: &str = "https://mcp.example.com/.well-known/oauth-protected-resource";

#[test]
fn text_output() {
    let out = run(&[
        "build",
        "--reason",
        "expired",
        "--resource-metadata",
        PRM,
        "--schemes",
        "bearer,dpop",
        "--algs",
        "ES256 PS256",
        "--flows",
        "refresh,user-delegation",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        r#"HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"
WWW-Authenticate: DPoP error="invalid_token", error_description="The access token expired", algs="ES256 PS256", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"
WWW-Authenticate: OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"
"#
    );
}

#[test]
fn every_reason() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--reason", "no-token", "--realm", "example"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer realm=\"example\""]]}"#,
        ),
        (
            &["--reason", "no-token", "--resource-metadata", PRM, "--scope", "files:read"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer scope=\"files:read\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\""]]}"#,
        ),
        (
            &["--reason", "invalid-request"],
            r#"{"status":400,"headers":[["WWW-Authenticate","Bearer error=\"invalid_request\", error_description=\"The request is malformed\""]]}"#,
        ),
        (
            &[
                "--reason",
                "invalid-request",
                "--issuer",
                "https://as.example.com/issuer1",
                "--description",
                "No access token was provided in this request",
            ],
            r#"{"status":400,"headers":[["WWW-Authenticate","Bearer error=\"invalid_request\", error_description=\"No access token was provided in this request\", issuer=\"https://as.example.com/issuer1\""]]}"#,
        ),
        (
            &["--reason", "invalid-token"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"invalid_token\", error_description=\"The access token is invalid\""]]}"#,
        ),
        (
            &["--reason", "revoked", "--flows", "refresh user-delegation"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"invalid_token\", error_description=\"The access token was revoked\""],["WWW-Authenticate","OAuth2 flows=\"refresh user-delegation\", error=\"invalid_token\""]]}"#,
        ),
        (
            &["--reason", "wrong-audience"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"invalid_token\", error_description=\"The access token is meant for another resource\""]]}"#,
        ),
        (
            &[
                "--reason",
                "insufficient-scope",
                "--scope",
                "files:read files:write",
                "--resource-metadata",
                PRM,
                "--flows",
                "refresh,user-delegation",
            ],
            r#"{"status":403,"headers":[["WWW-Authenticate","Bearer error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\""],["WWW-Authenticate","OAuth2 flows=\"user-delegation\", error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\""]]}"#,
        ),
        (
            &["--reason", "too-old", "--max-age", "5"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"insufficient_user_authentication\", error_description=\"More recent authentication is required\", max_age=\"5\""]]}"#,
        ),
        (
            &["--reason", "too-weak", "--acr-values", "myACR"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"myACR\""]]}"#,
        ),
        (
            &[
                "--reason",
                "too-old",
                "--max-age",
                "0",
                "--acr-values",
                "gold",
                "--flows",
                "client-credentials,device",
            ],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"gold\", max_age=\"0\""],["WWW-Authenticate","OAuth2 flows=\"device\", error=\"insufficient_user_authentication\", acr_values=\"gold\", max_age=\"0\""]]}"#,
        ),
        (
            &["--reason", "dpop-proof", "--schemes", "dpop", "--algs", "ES256"],
            r#"{"status":401,"headers":[["WWW-Authenticate","DPoP error=\"invalid_dpop_proof\", error_description=\"The DPoP proof is invalid\", algs=\"ES256\""]]}"#,
        ),
        (
            &["--reason", "dpop-nonce", "--nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v", "--schemes", "dpop"],
            r#"{"status":401,"headers":[["WWW-Authenticate","DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\""],["DPoP-Nonce","eyJ7S_zG.eyJH0-Z.HX4w-7v"]]}"#,
        ),
        (
            &["--reason", "no-token", "--schemes", "bearer,dpop", "--algs", "ES256 PS256"],
            r#"{"status":401,"headers":[["WWW-Authenticate","Bearer"],["WWW-Authenticate","DPoP algs=\"ES256 PS256\""]]}"#,
        ),
    ];
    for (args, expected) in cases {
        json(args, 0, expected);
    }
}

#[test]
fn bad_input() {
    json(
        &["--reason", "insufficient-scope", "--scope", "a  b"],
        1,
        r#"{"error":{"message":"--scope: empty scope-token (double SP)","offset":2}}"#,
    );
    json(
        &["--reason", "no-token", "--resource-metadata", "/prm"],
        1,
        r#"{"error":{"message":"--resource-metadata: expected scheme (ALPHA)","offset":0}}"#,
    );
    json(
        &["--reason", "invalid-request", "--description", "say \"hi\""],
        1,
        r#"{"error":{"message":"--description: expected NQSCHAR in error_description","offset":4}}"#,
    );
    json(
        &["--reason", "dpop-nonce", "--nonce", "a b"],
        1,
        r#"{"error":{"message":"--nonce: expected NQCHAR","offset":1}}"#,
    );
    json(
        &["--reason", "too-old", "--max-age", "-5"],
        1,
        r#"{"error":{"message":"--max-age must be a non-negative integer"}}"#,
    );
    json(
        &["--reason", "no-token", "--flows", "refresh,bad]flow"],
        1,
        r#"{"error":{"message":"--flows: expected a flow (a token or an absolute URI)","offset":3}}"#,
    );
    json(
        &["--reason", "no-token", "--realm", "a\r\nSet-Cookie: x=y"],
        1,
        r#"{"error":{"message":"--realm: control character not allowed in a field value","offset":1}}"#,
    );
    json(
        &["--reason", "nope"],
        2,
        r#"{"error":{"message":"unknown reason 'nope'; one of: no-token, invalid-request, invalid-token, expired, not-yet-valid, revoked, wrong-audience, wrong-issuer, bad-signature, key-binding, malformed-token, insufficient-scope, too-old, too-weak, dpop-proof, dpop-nonce"}}"#,
    );
    json(
        &["--reason", "insufficient-scope"],
        2,
        r#"{"error":{"message":"--reason insufficient-scope needs --scope"}}"#,
    );
    json(
        &["--reason", "dpop-nonce"],
        2,
        r#"{"error":{"message":"--reason dpop-nonce needs --nonce"}}"#,
    );
    json(
        &["--reason", "too-old"],
        2,
        r#"{"error":{"message":"--reason too-old needs --max-age"}}"#,
    );
    json(
        &["--reason", "no-token", "--schemes", "basic"],
        2,
        r#"{"error":{"message":"--schemes takes bearer, dpop or bearer,dpop, not 'basic'"}}"#,
    );
    json(
        &[],
        2,
        r#"{"error":{"message":"build needs --reason: no-token, invalid-request, invalid-token, expired, not-yet-valid, revoked, wrong-audience, wrong-issuer, bad-signature, key-binding, malformed-token, insufficient-scope, too-old, too-weak, dpop-proof, dpop-nonce"}}"#,
    );
    json(&["extra"], 2, r#"{"error":{"message":"build takes options only (see signpost help)"}}"#);
}

#[test]
fn a_built_response_explains_back() {
    let out = run(&[
        "build",
        "--reason",
        "insufficient-scope",
        "--scope",
        "files:read files:write",
        "--resource-metadata",
        PRM,
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().nth(1).unwrap().strip_prefix("WWW-Authenticate: ").unwrap();
    let out =
        run(&["explain", "--json", "--status", "403", "--token", "--scope", "files:read", line]);
    assert!(String::from_utf8(out.stdout).unwrap().contains(r#""next_step":{"action":"authorize","metadata_url":"https://mcp.example.com/.well-known/oauth-protected-resource","scope":["files:read","files:write"]}"#));
}
