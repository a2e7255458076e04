//! `signpost explain`: the exact output of the built binary.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn json(args: &[&str], code: i32, expected: &str) {
    let mut all = vec!["explain", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"), "{args:?}");
}

const MCP_403: &str = r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#;

#[test]
fn the_readme_command() {
    let out = run(&["explain", "--status", "403", "--token", "--scope", "files:read", MCP_403]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        r#"The server answered 403 Forbidden with 1 challenge.
1. Bearer (followed)
   error = "insufficient_scope"
   scope = "files:read files:write"
   resource_metadata = "https://mcp.example.com/.well-known/oauth-protected-resource"
   error means: The request needs more privileges than the access token grants; the challenge MAY name the scope needed.
Next step: authorize
  Run a new authorization at the authorization server listed in the protected-resource
  metadata at https://mcp.example.com/.well-known/oauth-protected-resource (RFC 9728; its
  "resource" must be the URL the client requested), for scope "files:read files:write", the
  union of the scope held ("files:read") and the challenge's ("files:read files:write"). A
  refresh cannot give it: the scope is wider than the one granted (RFC 6749 §6).
"#
    );
    json(
        &["--status", "403", "--token", "--scope", "files:read", "--refresh-token", MCP_403],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["error","insufficient_scope"],["scope","files:read files:write"],["resource_metadata","https://mcp.example.com/.well-known/oauth-protected-resource"]]}],"next_step":{"action":"authorize","metadata_url":"https://mcp.example.com/.well-known/oauth-protected-resource","scope":["files:read","files:write"]}}"#,
    );
}

#[test]
fn every_action() {
    json(
        &[r#"Bearer realm="example""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["realm","example"]]}],"next_step":{"action":"authorize","scope":[]}}"#,
    );
    json(
        &[
            "--token",
            "--refresh-token",
            r#"Bearer error="invalid_token", error_description="The access token expired""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["error","invalid_token"],["error_description","The access token expired"]]}],"next_step":{"action":"refresh"}}"#,
    );
    json(
        &[
            "--token",
            "--scope",
            "openid",
            r#"Bearer error="insufficient_user_authentication", acr_values="myACR phr", max_age="300""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["error","insufficient_user_authentication"],["acr_values","myACR phr"],["max_age","300"]]}],"next_step":{"action":"step_up","scope":["openid"],"acr_values":["myACR","phr"],"max_age":300}}"#,
    );
    json(
        &[
            "--token",
            "--dpop",
            "--dpop-nonce",
            "eyJ7S_zG.eyJH0-Z.HX4w-7v",
            "Negotiate",
            r#"DPoP error="use_dpop_nonce""#,
            r#"Bearer error="invalid_token""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"Negotiate","token68":null,"params":[]},{"scheme":"DPoP","token68":null,"params":[["error","use_dpop_nonce"]]},{"scheme":"Bearer","token68":null,"params":[["error","invalid_token"]]}],"next_step":{"action":"retry_with_dpop_nonce","nonce":"eyJ7S_zG.eyJH0-Z.HX4w-7v"}}"#,
    );
    json(
        &[
            "--status",
            "403",
            "--token",
            "--other-tokens",
            r#"Bearer error="insufficient_scope", scope="a b""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["error","insufficient_scope"],["scope","a b"]]}],"next_step":{"action":"retry_with_token","scope":["a","b"]}}"#,
    );
    json(
        &[
            "--status",
            "400",
            r#"Bearer error="invalid_request", error_description="Multiple methods used to include access token""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["error","invalid_request"],["error_description","Multiple methods used to include access token"]]}],"next_step":{"action":"fix_request","reason":"invalid_request: Multiple methods used to include access token"}}"#,
    );
    json(
        &[
            "--token",
            "--dpop",
            "--dpop-nonce",
            "n2",
            "--previous",
            "retry_with_dpop_nonce",
            r#"DPoP error="use_dpop_nonce""#,
        ],
        0,
        r#"{"challenges":[{"scheme":"DPoP","token68":null,"params":[["error","use_dpop_nonce"]]}],"next_step":{"action":"give_up","reason":"the server asked for a DPoP nonce again right after a retry with one"}}"#,
    );
}

#[test]
fn discovery_issuer_and_guard() {
    json(
        &[r#"Bearer resource_metadata="https://127.0.0.1/prm""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["resource_metadata","https://127.0.0.1/prm"]]}],"next_step":{"action":"give_up","reason":"resource_metadata refused: loopback address"}}"#,
    );
    json(
        &["--issuer", "https://login.example.com", r#"Bearer issuer="https://phish.example.net""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["issuer","https://phish.example.net"]]}],"next_step":{"action":"authorize","issuer":"https://login.example.com","scope":[]}}"#,
    );
    json(
        &[r#"Bearer issuer="https://as.example.com/issuer1""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["issuer","https://as.example.com/issuer1"]]}],"next_step":{"action":"authorize","issuer":"https://as.example.com/issuer1","scope":[]}}"#,
    );
    // --allow-local: a server on this machine (as check --allow-local), over http too; a
    // link-local address (cloud metadata services) stays refused.
    json(
        &["--allow-local", r#"Bearer resource_metadata="http://127.0.0.1:8080/prm""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["resource_metadata","http://127.0.0.1:8080/prm"]]}],"next_step":{"action":"authorize","metadata_url":"http://127.0.0.1:8080/prm","scope":[]}}"#,
    );
    json(
        &["--allow-local", r#"Bearer resource_metadata="http://169.254.169.254/prm""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["resource_metadata","http://169.254.169.254/prm"]]}],"next_step":{"action":"give_up","reason":"resource_metadata refused: link-local address"}}"#,
    );
    json(&[], 0, r#"{"challenges":[],"next_step":{"action":"authorize","scope":[]}}"#);
    json(
        &[r#"Basic realm="x""#],
        0,
        r#"{"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","x"]]}],"next_step":{"action":"give_up","reason":"no Bearer, DPoP or OAuth2 challenge to follow"}}"#,
    );
    json(
        &["--status", "200", r#"Bearer realm="x""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["realm","x"]]}],"next_step":{"action":"give_up","reason":"status 200 is not an authentication failure"}}"#,
    );
    json(
        &["--attempts", "3", r#"Bearer realm="x""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["realm","x"]]}],"next_step":{"action":"give_up","reason":"gave up after 3 attempts"}}"#,
    );
}

#[test]
fn bad_input() {
    json(
        &["--status", "abc", "Bearer"],
        1,
        r#"{"error":{"message":"--status must be an HTTP status code (100-599)"}}"#,
    );
    json(
        &["--status", "99", "Bearer"],
        1,
        r#"{"error":{"message":"--status must be an HTTP status code (100-599)"}}"#,
    );
    json(
        &["--scope", "a  b", "Bearer"],
        1,
        r#"{"error":{"message":"--scope: empty scope-token (double SP)","offset":2}}"#,
    );
    json(
        &["--issuer", "https://as.example.com/?x", "Bearer"],
        1,
        r#"{"error":{"message":"--issuer: query not allowed in issuer identifier (RFC 8414 §2)","offset":23}}"#,
    );
    json(
        &["--attempts", "-1", "Bearer"],
        1,
        r#"{"error":{"message":"--attempts must be a non-negative integer"}}"#,
    );
    json(
        &["--previous", "dance", "Bearer"],
        2,
        r#"{"error":{"message":"--previous must be one of retry_with_token, refresh, authorize, step_up, retry_with_dpop_nonce, fix_request, give_up"}}"#,
    );
    // No usable challenge left: the parse error, status 1.
    json(
        &[
            r#"Bearer resource_metadata="https://a.example/prm", resource_metadata="https://b.example/prm""#,
        ],
        1,
        r#"{"error":{"message":"duplicate auth-param name in challenge","offset":50}}"#,
    );
    json(
        &["Bearer realm=\"x"],
        1,
        r#"{"error":{"message":"missing closing DQUOTE of quoted-string","offset":15}}"#,
    );
    // A bad challenge beside a good one is skipped.
    json(
        &[r#"Basic realm="x" y="z""#, r#"Bearer realm="r""#],
        0,
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["realm","r"]]}],"next_step":{"action":"authorize","scope":[]}}"#,
    );
    let out = run(&["explain", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    // Non-UTF-8 bytes never panic.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["explain", "--json"])
            .arg(std::ffi::OsStr::from_bytes(b"Bearer realm=\"caf\xe9\", error=\"\xff\""))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "{\"challenges\":[{\"scheme\":\"Bearer\",\"token68\":null,\"params\":[[\"realm\",\"caf\u{e9}\"],[\"error\",\"\u{ff}\"]]}],\"next_step\":{\"action\":\"give_up\",\"reason\":\"error: expected NQCHAR, found 0xff at byte 0 of the value\"}}\n"
        );
    }
}

#[test]
fn text_output_of_a_nonce_retry() {
    let out = run(&[
        "explain",
        "--dpop",
        "--token",
        "--dpop-nonce",
        "abc",
        r#"DPoP error="use_dpop_nonce""#,
        r#"Bearer realm="x""#,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        r#"The server answered 401 Unauthorized with 2 challenges.
1. DPoP (followed)
   error = "use_dpop_nonce"
   error means: The resource server requires a nonce in the DPoP proof (a DPoP challenge); the DPoP-Nonce response header carries it.
2. Bearer
   realm = "x"
Next step: retry_with_dpop_nonce
  Retry with a new DPoP proof whose "nonce" claim is "abc" (RFC 9449 §9).
"#
    );
}
