//! `signpost well-known`: the exact output of the built binary.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn json_ok(args: &[&str], expected: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"), "{args:?}");
}

#[track_caller]
fn json_err(args: &[&str], expected: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"), "{args:?}");
}

#[test]
fn resource_probe_order() {
    json_ok(
        &["well-known", "resource", "https://example.com/public/mcp", "--json"],
        r#"{"urls":["https://example.com/.well-known/oauth-protected-resource/public/mcp","https://example.com/.well-known/oauth-protected-resource"]}"#,
    );
    json_ok(
        &["well-known", "resource", "--json", "https://resource.example.com"],
        r#"{"urls":["https://resource.example.com/.well-known/oauth-protected-resource"]}"#,
    );
    json_ok(
        &["well-known", "resource", "--json", "https://host/mcp/"],
        r#"{"urls":["https://host/.well-known/oauth-protected-resource/mcp/","https://host/.well-known/oauth-protected-resource"]}"#,
    );
    json_ok(
        &[
            "well-known",
            "resource",
            "--json",
            "--resource-metadata",
            "https://mcp.example.com/.well-known/oauth-protected-resource",
            "https://mcp.example.com/mcp",
        ],
        r#"{"urls":["https://mcp.example.com/.well-known/oauth-protected-resource"]}"#,
    );
}

#[test]
fn issuer_probe_order() {
    json_ok(
        &["well-known", "issuer", "https://auth.example.com/tenant1", "--json"],
        r#"{"urls":["https://auth.example.com/.well-known/oauth-authorization-server/tenant1","https://auth.example.com/.well-known/openid-configuration/tenant1","https://auth.example.com/tenant1/.well-known/openid-configuration"]}"#,
    );
    json_ok(
        &["well-known", "issuer", "https://auth.example.com/", "--json"],
        r#"{"urls":["https://auth.example.com/.well-known/oauth-authorization-server","https://auth.example.com/.well-known/openid-configuration"]}"#,
    );
}

#[test]
fn bad_urls_exit_1_with_offset() {
    json_err(
        &["well-known", "resource", "https://resource.example.com/#x", "--json"],
        r#"{"error":{"message":"fragment not allowed in resource identifier (RFC 9728 §1.2)","offset":29}}"#,
    );
    json_err(
        &["well-known", "issuer", "https://as.example.com/?tenant=1", "--json"],
        r#"{"error":{"message":"query not allowed in issuer identifier (RFC 8414 §2)","offset":23}}"#,
    );
    json_err(
        &["well-known", "resource", "--json", "https://exa mple.com/"],
        r#"{"error":{"message":"invalid character in host","offset":11}}"#,
    );
    json_err(
        &["well-known", "issuer", "--json", "as.example.com"],
        r#"{"error":{"message":"expected ':' after scheme","offset":14}}"#,
    );
    json_err(
        &["well-known", "resource", "--json", "urn:example:x"],
        r#"{"error":{"message":"expected '//' authority in resource identifier","offset":4}}"#,
    );
    // Without --json: the message on standard error.
    let out = run(&["well-known", "resource", "https://exa mple.com/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: invalid character in host (at byte 11)\n  https://exa mple.com/\n             ^\n"
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_url() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["well-known", "resource", "--json"])
        .arg(std::ffi::OsStr::from_bytes(b"https://h\xff/"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"error\":{\"message\":\"URL is not UTF-8 text\",\"offset\":9}}\n"
    );
}

#[test]
fn usage_mistakes_exit_2() {
    for args in [
        &["well-known"][..],
        &["well-known", "resource"],
        &["well-known", "server", "https://x"],
        &["well-known", "resource", "https://x", "https://y"],
        &["well-known", "issuer", "--resource-metadata", "https://x/prm", "https://x"],
        &["well-known", "resource", "--bogus", "https://x"],
    ] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn readable_listing() {
    let out = run(&["well-known", "resource", "https://example.com/public/mcp"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1. https://example.com/.well-known/oauth-protected-resource/public/mcp\n\
        \x20  well-known suffix inserted after the host (RFC 9728 §3.1 / RFC 8414 §3.1)\n\
         2. https://example.com/.well-known/oauth-protected-resource\n\
        \x20  root of the host, path dropped (MCP fallback)\n\
         The document's \"resource\" must be identical to \"https://example.com/public/mcp\".\n"
    );
    let out = run(&["well-known", "issuer", "http://localhost:9000"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1. http://localhost:9000/.well-known/oauth-authorization-server\n\
        \x20  well-known suffix inserted after the host (RFC 9728 §3.1 / RFC 8414 §3.1)\n\
        \x20  guard: refused (host is localhost); do not fetch it on a server's say-so\n\
         2. http://localhost:9000/.well-known/openid-configuration\n\
        \x20  well-known suffix inserted after the host (RFC 9728 §3.1 / RFC 8414 §3.1)\n\
        \x20  guard: refused (host is localhost); do not fetch it on a server's say-so\n\
         The document's \"issuer\" must be identical to \"http://localhost:9000\".\n"
    );
}
