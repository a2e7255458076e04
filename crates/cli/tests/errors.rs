//! `signpost errors`: the built binary, its exact JSON and its text.

use std::process::{Command, Output};

use serde_json::{json, Value};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn run_json(args: &[&str], status: i32) -> Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(status), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON document on one line");
    serde_json::from_str(&stdout).unwrap()
}

#[track_caller]
fn run_text(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_a_registered_code() {
    assert_eq!(
        run_json(&["errors", "invalid_token", "--json"], 0),
        json!({
            "code": "invalid_token",
            "registered": true,
            "entries": [{
                "location": "resource access error response",
                "status": 401,
                "channel": "www-authenticate",
                "remedy": "refresh",
                "reference": "RFC 6750 §3.1",
                "description": "The access token is expired, revoked, malformed, or invalid for another reason; every token validation failure is reported with this code.",
                "protocol_extension": "bearer access token type",
                "registered": true,
                "iana": {
                    "name": "invalid_token",
                    "usage_location": "resource access error response",
                    "change_controller": "IETF",
                    "reference": "[RFC6750]"
                }
            }],
            "unregistered": []
        })
    );
}

/// The exact bytes, member order included (the example in docs/cli.md).
#[test]
fn member_order() {
    let out = run(&["errors", "--json", "invalid_token"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!(
            r#"{"code":"invalid_token","registered":true,"entries":[{"location":"resource access error response","#,
            r#""status":401,"channel":"www-authenticate","remedy":"refresh","reference":"RFC 6750 §3.1","#,
            r#""description":"The access token is expired, revoked, malformed, or invalid for another reason; every token validation failure is reported with this code.","#,
            r#""protocol_extension":"bearer access token type","registered":true,"#,
            r#""iana":{"name":"invalid_token","usage_location":"resource access error response","change_controller":"IETF","reference":"[RFC6750]"}}],"#,
            r#""unregistered":[]}"#,
            "\n"
        )
    );
    let list = run_json(&["errors", "--json"], 0);
    let first: Vec<&String> = list["registry"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        first,
        [
            "code",
            "location",
            "status",
            "channel",
            "remedy",
            "reference",
            "description",
            "protocol_extension",
            "registered",
            "iana"
        ]
    );
}

#[test]
fn explain_a_code_with_two_locations() {
    let v = run_json(&["errors", "--json", "use_dpop_nonce"], 0);
    let summary: Vec<(String, Value, String, String)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["location"].as_str().unwrap().to_owned(),
                e["status"].clone(),
                e["channel"].as_str().unwrap().to_owned(),
                e["remedy"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "token endpoint".into(),
                json!(400),
                "json-body".into(),
                "retry_with_dpop_nonce".into()
            ),
            (
                "resource access error response".into(),
                json!(401),
                "www-authenticate".into(),
                "retry_with_dpop_nonce".into()
            ),
        ]
    );
    let v = run_json(&["errors", "--json", "access_denied"], 0);
    assert_eq!(v["entries"][0]["status"], Value::Null);
    assert_eq!(v["entries"][0]["channel"], "redirect");
    assert_eq!(v["entries"][1]["location"], "token endpoint polling");
    assert_eq!(v["entries"][1]["iana"]["usage_location"], "Token endpoint response");
}

#[test]
fn explain_unregistered_and_unknown_codes() {
    assert_eq!(
        run_json(&["errors", "--json", "insufficient_claims"], 0),
        json!({
            "code": "insufficient_claims",
            "registered": false,
            "entries": [],
            "unregistered": [{
                "location": "resource access error response",
                "status": 401,
                "channel": "www-authenticate",
                "remedy": "step_up",
                "reference": "Microsoft Entra ID claims challenge (Continuous Access Evaluation, Conditional Access)",
                "description": "The token no longer satisfies a policy; get a new token, passing the challenge's claims value (base64 JSON) to the authorization server.",
                "protocol_extension": "Microsoft Entra ID",
                "registered": false,
                "iana": null
            }]
        })
    );
    assert_eq!(
        run_json(&["errors", "--json", "no_such_code"], 0),
        json!({"code": "no_such_code", "registered": false, "entries": [], "unregistered": []})
    );
}

#[test]
fn invalid_codes_and_usage() {
    assert_eq!(
        run_json(&["errors", "--json", "bad\"code"], 1),
        json!({"error": {"message": "expected NQSCHAR in error", "offset": 3}})
    );
    assert_eq!(
        run_json(&["errors", "--json", ""], 1),
        json!({"error": {"message": "expected at least one NQSCHAR in error", "offset": 0}})
    );
    let out = run(&["errors", "a", "b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error: unexpected argument 'b' found\n"),);
    let out = run(&["errors", "tab\there"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: expected NQSCHAR in error (at byte 3)\n"
    );
}

#[test]
fn list_as_json() {
    let v = run_json(&["errors", "--json"], 0);
    let registry = v["registry"].as_array().unwrap();
    assert_eq!(registry.len(), 64);
    assert_eq!(
        registry[0],
        json!({
            "code": "invalid_request",
            "location": "authorization endpoint",
            "status": null,
            "channel": "redirect",
            "remedy": "fix_request",
            "reference": "RFC 6749 §4.1.2.1",
            "description": "The request is missing a required parameter, has an invalid parameter value, repeats a parameter, or is otherwise malformed.",
            "protocol_extension": "OAuth 2.0 Authorization Framework, bearer access token type",
            "registered": true,
            "iana": {
                "name": "invalid_request",
                "usage_location": "authorization endpoint, token endpoint, resource access error response",
                "change_controller": "IETF",
                "reference": "[RFC6749][RFC6750]"
            }
        })
    );
    assert!(registry.iter().all(|e| e["registered"] == true));
    let unregistered = v["unregistered"].as_array().unwrap();
    assert_eq!(unregistered.len(), 9);
    assert!(unregistered.iter().all(|e| e["registered"] == false && e["iana"].is_null()));
}

#[test]
fn text_output() {
    let list = run_text(&["errors"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(
        lines[0],
        "IANA OAuth Extensions Error Registry, as of 2026-03-25: 64 entries (code, usage location)"
    );
    assert_eq!(
        lines[3],
        "invalid_request                   authorization endpoint               -      redirect          fix_request           RFC 6749 §4.1.2.1"
    );
    assert!(list.contains(
        "\ninsufficient_user_authentication  resource access error response       401    www-authenticate  step_up               RFC 9470 §3\n"
    ));
    assert!(list.contains("\nKnown codes that are NOT registered:\n"));
    assert_eq!(lines.len(), 3 + 64 + 4 + 9);

    assert_eq!(
        run_text(&["errors", "slow_down"]),
        "slow_down: registered in the IANA OAuth Extensions Error Registry (1 usage location)\n\
         \n  at the token endpoint polling (RFC 8628 §3.5)\n\
         \x20   status:   400\n\
         \x20   channel:  json-body\n\
         \x20   remedy:   slow_down (keep polling, 5 seconds slower from now on)\n\
         \x20   meaning:  Still pending, and polling too fast: the client MUST add 5 seconds to its interval for this and all later requests.\n\
         \x20   IANA:     [RFC8628]; change controller IETF; [RFC8628, Section 3.5]; usage location \"Token endpoint response\"\n"
    );
    assert_eq!(
        run_text(&["errors", "INVALID_TOKEN"]),
        "INVALID_TOKEN: not registered in the IANA OAuth Extensions Error Registry (as of 2026-03-25)\n\
         did you mean invalid_token? (error codes are case-sensitive)\n"
    );
    let claims = run_text(&["errors", "transaction_failed"]);
    assert!(claims.starts_with(
        "transaction_failed: not registered in the IANA OAuth Extensions Error Registry (as of 2026-03-25)\nknown unregistered code:\n"
    ));
    assert!(claims.contains("    source:   OpenID Connect Client-Initiated Backchannel Authentication (CIBA) (not registered)\n"));
    assert!(run_text(&["help", "errors"]).contains("Usage: signpost errors [OPTIONS] [CODE]"));
}
