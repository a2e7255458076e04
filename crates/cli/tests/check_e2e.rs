//! `signpost check` against signpost's own resource server (e2e/src/server.rs: signpost's
//! server side, its RFC 9728 metadata and a test authorization server with RFC 8414
//! metadata), on 127.0.0.1: every `must` and every `should` passes, in each configuration
//! that keeps the rules.

use std::process::Command;

use serde_json::Value;
use signpost_e2e::server::{Config, TestServer};

/// Starts the server with `config`, runs `signpost check --json --allow-local ARGS URL`
/// (`token`: an access token for a narrower scope is issued and passed with --token);
/// returns the exit status, the report and the server's log.
fn check(config: Config, token: bool) -> (i32, Value, Vec<String>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let server = TestServer::start(config).await.unwrap();
        let mut args = vec!["check".to_owned(), "--json".to_owned(), "--allow-local".to_owned()];
        if token {
            let (access, _) = server.issue("files:list", 0, 3600, None, false);
            args.extend(["--token".to_owned(), access]);
        }
        args.push(server.resource_url());
        // The binary blocks; the server runs on this thread meanwhile.
        let out = tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_signpost")).args(&args).output().unwrap()
        })
        .await
        .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        let log = server.log();
        server.shutdown();
        (out.status.code().unwrap_or(-1), doc, log)
    })
}

fn assert_all_pass(doc: &Value, code: i32) {
    for f in doc["findings"].as_array().unwrap() {
        assert_eq!(f["result"], "pass", "{f:#}");
    }
    assert_eq!(doc["summary"]["must_failed"], 0);
    assert_eq!(doc["summary"]["should_failed"], 0);
    assert_eq!(code, 0);
}

#[test]
fn the_e2e_resource_server_passes_every_must_and_should() {
    let (code, doc, log) = check(Config::default(), false);
    assert_all_pass(&doc, code);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 17);
    assert_eq!(
        log,
        [
            "GET /resource -> 401",
            "GET /resource -> 401",
            "GET /.well-known/oauth-protected-resource/resource -> 200",
            "GET /.well-known/oauth-authorization-server/as -> 200",
        ]
    );
}

#[test]
fn with_negotiate_and_basic_before_it_and_the_oauth2_challenge() {
    let config = Config { other_schemes: true, oauth2_challenge: true, ..Config::default() };
    let (code, doc, _) = check(config, false);
    assert_all_pass(&doc, code);
    let bearer = doc["findings"].as_array().unwrap().iter().find(|f| f["id"] == "challenge.bearer");
    assert_eq!(bearer.unwrap()["detail"], "Bearer on line 3");
}

#[test]
fn a_dpop_only_resource() {
    let (code, doc, _) = check(Config { dpop: true, ..Config::default() }, false);
    assert_all_pass(&doc, code);
}

#[test]
fn with_a_token_of_too_narrow_a_scope() {
    let (code, doc, log) = check(Config::default(), true);
    assert_all_pass(&doc, code);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 18);
    assert!(log.contains(&"GET /resource -> 403".to_owned()), "{log:?}");
}
