//! `signpost check` against servers on 127.0.0.1 that break one rule each (RFC 6750 §3 and
//! §3.1, RFC 9110 §11, RFC 9728 §3.3 and §5.1, RFC 8414 §3.3, RFC 7636 through MCP
//! 2025-11-25, RFC 9728 §7.7), over real sockets. Each test asserts the result of every
//! finding, and what the server was asked.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

/// What the test server serves; `{base}` in any string is `http://127.0.0.1:PORT`.
#[derive(Clone)]
struct Site {
    /// The status of `GET /mcp` without credentials, and its `WWW-Authenticate` lines.
    status: u16,
    challenge: Vec<String>,
    /// Extra header lines of that response.
    extra: Vec<String>,
    /// The `WWW-Authenticate` lines of the 401 to a made-up token.
    invalid_token: Vec<String>,
    /// The answer to `Authorization: Bearer good-token`: status and lines.
    good_token: (u16, Vec<String>),
    /// Where the protected-resource metadata is served, and the document.
    prm_path: String,
    prm: String,
    /// Where the authorization-server metadata is served, and the document.
    asm_path: String,
    asm: String,
    /// Other paths and their JSON bodies.
    other: Vec<(String, String)>,
}

const PRM_URL: &str = "{base}/.well-known/oauth-protected-resource/mcp";

impl Default for Site {
    fn default() -> Self {
        Site {
            status: 401,
            challenge: vec![format!(r#"Bearer resource_metadata="{PRM_URL}", scope="files:read""#)],
            extra: Vec::new(),
            invalid_token: vec![format!(
                r#"Bearer error="invalid_token", error_description="unknown token", resource_metadata="{PRM_URL}""#
            )],
            good_token: (200, Vec::new()),
            prm_path: "/.well-known/oauth-protected-resource/mcp".to_owned(),
            prm: r#"{"resource":"{base}/mcp","authorization_servers":["{base}/as"],"scopes_supported":["files:read"]}"#.to_owned(),
            asm_path: "/.well-known/oauth-authorization-server/as".to_owned(),
            asm: r#"{"issuer":"{base}/as","authorization_endpoint":"{base}/as/authorize","token_endpoint":"{base}/as/token","response_types_supported":["code"],"code_challenge_methods_supported":["S256"],"client_id_metadata_document_supported":true}"#.to_owned(),
            other: Vec::new(),
        }
    }
}

/// A one-thread HTTP/1.1 server on 127.0.0.1: one request a connection, every read bounded
/// by a timeout; stops (and is joined) on drop.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(site: Site) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (b, s, st) = (base.clone(), Arc::clone(&seen), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            while !st.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &site, &b, &s),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, seen, stop, thread: Some(thread) }
    }

    fn url(&self) -> String {
        format!("{}/mcp", self.base)
    }

    /// `"GET /path"` or `"GET /path (Bearer x)"`, in order.
    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, site: &Site, base: &str, seen: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.split("\r\n");
    let request = lines.next().unwrap_or("");
    let path = request.split(' ').nth(1).unwrap_or("").to_owned();
    let authorization = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.trim().to_owned());
    seen.lock().unwrap().push(match &authorization {
        Some(a) => format!("GET {path} ({a})"),
        None => format!("GET {path}"),
    });
    let fill = |s: &str| s.replace("{base}", base);
    let (status, challenges, body): (u16, Vec<String>, String) = if path == "/mcp" {
        match authorization.as_deref() {
            None => (site.status, site.challenge.clone(), String::new()),
            Some("Bearer good-token") => {
                (site.good_token.0, site.good_token.1.clone(), String::new())
            }
            Some(_) => (401, site.invalid_token.clone(), String::new()),
        }
    } else if path == site.prm_path {
        (200, Vec::new(), site.prm.clone())
    } else if path == site.asm_path {
        (200, Vec::new(), site.asm.clone())
    } else if let Some((_, body)) = site.other.iter().find(|(p, _)| *p == path) {
        (200, Vec::new(), body.clone())
    } else {
        (404, Vec::new(), "not found".to_owned())
    };
    let body = fill(&body);
    let mut out = format!("HTTP/1.1 {status} X\r\nconnection: close\r\n");
    for c in &challenges {
        out.push_str(&format!("www-authenticate: {}\r\n", fill(c)));
    }
    if path == "/mcp" && authorization.is_none() {
        for e in &site.extra {
            out.push_str(&format!("{}\r\n", fill(e)));
        }
    }
    out.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    let _ = stream.write_all(out.as_bytes());
}

/// Runs `signpost check --json ARGS`; returns the exit status and the JSON document.
fn check(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .arg("check")
        .arg("--json")
        .args(["--timeout", "5"])
        .args(args)
        .output()
        .expect("run signpost");
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code().unwrap_or(-1), doc)
}

/// Every finding's result, `id` -> `pass|fail|skip`.
fn results(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_owned(), f["result"].as_str().unwrap().to_owned()))
        .collect()
}

fn detail<'d>(doc: &'d Value, id: &str) -> &'d str {
    let f = doc["findings"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap();
    f["detail"].as_str().unwrap()
}

/// The ids of the default report, in order.
const IDS: &[&str] = &[
    "challenge.status",
    "challenge.header",
    "challenge.syntax",
    "challenge.bearer",
    "challenge.no-error-without-credentials",
    "challenge.resource-metadata",
    "challenge.scope",
    "challenge.invalid-token",
    "prm.fetch",
    "prm.resource",
    "prm.authorization-servers",
    "as.fetch",
    "as.issuer",
    "as.pkce",
    "as.registration",
    "endpoints.https",
    "guard.urls",
];

/// Asserts the exact results: the ids in `fail` failed, those in `skip` were skipped, every
/// other finding of the report passed.
fn assert_results(doc: &Value, fail: &[&str], skip: &[&str]) {
    let expected: Vec<(String, String)> = IDS
        .iter()
        .map(|id| {
            let r = if fail.contains(id) {
                "fail"
            } else if skip.contains(id) {
                "skip"
            } else {
                "pass"
            };
            ((*id).to_owned(), r.to_owned())
        })
        .collect();
    assert_eq!(results(doc), expected, "{doc:#}");
    let musts = ["challenge.status", "challenge.header", "challenge.syntax", "challenge.bearer"];
    let must_failed = fail
        .iter()
        .filter(|id| {
            musts.contains(id)
                || id.starts_with("prm.")
                || id.starts_with("as.fetch")
                || **id == "as.issuer"
                || **id == "as.pkce"
                || **id == "guard.urls"
        })
        .count();
    assert_eq!(doc["summary"]["must_failed"], must_failed, "{doc:#}");
    assert_eq!(doc["summary"]["should_failed"], fail.len() - must_failed, "{doc:#}");
}

const PRM: &str = "GET /.well-known/oauth-protected-resource/mcp";
const ASM: &str = "GET /.well-known/oauth-authorization-server/as";
const MADE_UP: &str = "GET /mcp (Bearer signpost-check-made-up-token)";

#[test]
fn a_server_that_keeps_every_rule_passes_every_finding() {
    let server = Server::start(Site::default());
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &[], &[]);
    assert_eq!(code, 0);
    assert_eq!(doc["resource"], server.url());
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP, PRM, ASM]);
    assert_eq!(detail(&doc, "challenge.bearer"), "Bearer on line 1");
}

#[test]
fn a_bare_401_fails_the_header_and_is_discovered_through_the_well_known_url() {
    // RFC 6750 §3: "MUST include the HTTP WWW-Authenticate response header field".
    let site = Site { challenge: vec![], invalid_token: vec![], ..Site::default() };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    let skipped = [
        "challenge.syntax",
        "challenge.bearer",
        "challenge.no-error-without-credentials",
        "challenge.resource-metadata",
        "challenge.scope",
    ];
    assert_results(&doc, &["challenge.header", "challenge.invalid-token"], &skipped);
    assert_eq!(code, 1);
    assert_eq!(detail(&doc, "challenge.header"), "the 401 has no WWW-Authenticate field");
    assert!(detail(&doc, "prm.fetch").contains("the path-inserted well-known URL"));
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP, PRM, ASM]);
}

#[test]
fn an_error_without_credentials_fails_the_should() {
    // RFC 6750 §3.1: "If the request lacks any authentication information ..., the
    // resource server SHOULD NOT include an error code".
    let site = Site {
        challenge: vec![format!(
            r#"Bearer error="invalid_token", resource_metadata="{PRM_URL}", scope="files:read""#
        )],
        ..Site::default()
    };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["challenge.no-error-without-credentials"], &[]);
    assert_eq!(code, 0, "a should does not fail the run");
    assert_eq!(
        detail(&doc, "challenge.no-error-without-credentials"),
        "error=\"invalid_token\" on a request that carried no credentials"
    );
}

#[test]
fn a_resource_with_an_extra_trailing_slash_is_not_identical() {
    // RFC 9728 §3.3: identical, code point for code point (MCP python-sdk#1400's shape).
    let prm = Site::default().prm.replace("{base}/mcp\"", "{base}/mcp/\"");
    let server = Server::start(Site { prm, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    let skip = ["as.fetch", "as.issuer", "as.pkce", "as.registration"];
    assert_results(&doc, &["prm.resource"], &skip);
    assert_eq!(code, 1);
    assert!(detail(&doc, "prm.resource").starts_with(&format!(
        "resource \"{0}/mcp/\" is not identical to \"{0}/mcp\"",
        server.base
    )));
    // A client must not use the document: the authorization server is not asked.
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP, PRM]);
}

#[test]
fn a_wrong_issuer_fails_and_the_document_is_not_used() {
    // RFC 8414 §3.3: the issuer must be identical to the one the URL was built from.
    let asm =
        Site::default().asm.replace("\"issuer\":\"{base}/as\"", "\"issuer\":\"{base}/attacker\"");
    let server = Server::start(Site { asm, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["as.issuer"], &["as.pkce", "as.registration"]);
    assert_eq!(code, 1);
    assert!(detail(&doc, "as.issuer").contains("/attacker\" is not identical to"));
}

#[test]
fn no_s256_fails_pkce() {
    // MCP 2025-11-25: clients MUST refuse to proceed without code_challenge_methods_supported;
    // RFC 7636 §4.2: S256 is the method to use.
    let asm = Site::default().asm.replace("[\"S256\"]", "[\"plain\"]");
    let server = Server::start(Site { asm, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["as.pkce"], &[]);
    assert_eq!(code, 1);
    assert_eq!(detail(&doc, "as.pkce"), "code_challenge_methods_supported: [plain]");
}

#[test]
fn a_decoy_x_resource_metadata_is_named_and_never_requested() {
    // Only `resource_metadata` is the RFC 9728 §5.1 parameter; a look-alike is not followed.
    let site = Site {
        challenge: vec![
            r#"Bearer x_resource_metadata="{base}/decoy", scope="files:read""#.to_owned()
        ],
        other: vec![("/decoy".to_owned(), Site::default().prm)],
        ..Site::default()
    };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["challenge.resource-metadata"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        detail(&doc, "challenge.resource-metadata"),
        "no resource_metadata parameter (x_resource_metadata is not it)"
    );
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP, PRM, ASM]);
}

#[test]
fn metadata_only_at_the_root_well_known_url_is_found_in_the_mcp_order() {
    // MCP 2025-11-25: without resource_metadata, the path-inserted URL first, then the root.
    let site = Site {
        challenge: vec![r#"Bearer scope="files:read""#.to_owned()],
        prm_path: "/.well-known/oauth-protected-resource".to_owned(),
        ..Site::default()
    };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["challenge.resource-metadata"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        server.seen(),
        ["GET /mcp", MADE_UP, PRM, "GET /.well-known/oauth-protected-resource", ASM]
    );
    assert!(detail(&doc, "prm.fetch").contains("the root well-known URL (MCP fallback)"));
}

#[test]
fn a_bad_challenge_fails_syntax_and_the_next_line_is_still_read() {
    // RFC 9110 §11.3: a token68 cannot start with "=".
    let mut challenge = vec!["Negotiate ==bad".to_owned()];
    challenge.extend(Site::default().challenge);
    let server = Server::start(Site { challenge, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &["challenge.syntax"], &[]);
    assert_eq!(code, 1);
    assert!(detail(&doc, "challenge.syntax").starts_with("line 1: "), "{doc:#}");
    assert_eq!(detail(&doc, "challenge.bearer"), "Bearer on line 2");
}

#[test]
fn the_bearer_challenge_on_a_third_line_after_negotiate_and_basic() {
    // RFC 9110 §11.6.1: a response may carry several challenges, on several field lines.
    let mut challenge = vec!["Negotiate".to_owned(), r#"Basic realm="files""#.to_owned()];
    challenge.extend(Site::default().challenge);
    let server = Server::start(Site { challenge, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    assert_results(&doc, &[], &[]);
    assert_eq!(code, 0);
    assert_eq!(detail(&doc, "challenge.bearer"), "Bearer on line 3");
    assert_eq!(detail(&doc, "challenge.syntax"), "every line parses: Negotiate, Basic, Bearer");
}

#[test]
fn an_unreachable_port_exits_2() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (code, doc) = check(&[&format!("http://127.0.0.1:{port}/mcp")]);
    assert_eq!(code, 2);
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(message.contains("could not be reached"), "{message}");
}

#[test]
fn a_link_local_resource_metadata_is_refused_and_never_requested() {
    // RFC 9728 §7.7: the cloud metadata service stays refused with --allow-local.
    let site = Site {
        challenge: vec![
            r#"Bearer resource_metadata="http://169.254.169.254/latest/meta-data", scope="files:read""#
                .to_owned(),
        ],
        ..Site::default()
    };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    let skip = [
        "prm.resource",
        "prm.authorization-servers",
        "as.fetch",
        "as.issuer",
        "as.pkce",
        "as.registration",
    ];
    assert_results(&doc, &["prm.fetch", "endpoints.https", "guard.urls"], &skip);
    assert_eq!(code, 1);
    assert_eq!(
        detail(&doc, "guard.urls"),
        "refused: resource_metadata http://169.254.169.254/latest/meta-data: link-local address, not requested"
    );
    // MCP: with resource_metadata, no fall back to the well-known URLs.
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP]);
}

#[test]
fn a_loopback_resource_metadata_without_allow_local_is_refused_and_never_requested() {
    let server = Server::start(Site::default());
    let (code, doc) = check(&[&server.url()]);
    let skip = [
        "prm.resource",
        "prm.authorization-servers",
        "as.fetch",
        "as.issuer",
        "as.pkce",
        "as.registration",
    ];
    assert_results(&doc, &["prm.fetch", "endpoints.https", "guard.urls"], &skip);
    assert_eq!(code, 1);
    assert!(detail(&doc, "guard.urls").ends_with(": loopback address, not requested"));
    // The URL the user typed is fetched as given; the server-given one is not.
    assert_eq!(server.seen(), ["GET /mcp", MADE_UP]);
}

#[test]
fn a_redirect_is_reported_not_followed() {
    let site = Site {
        status: 302,
        challenge: vec![],
        extra: vec!["location: http://203.0.113.9/mcp".to_owned()],
        ..Site::default()
    };
    let server = Server::start(site);
    let (code, doc) = check(&["--allow-local", &server.url()]);
    let skipped = [
        "challenge.header",
        "challenge.syntax",
        "challenge.bearer",
        "challenge.no-error-without-credentials",
        "challenge.resource-metadata",
        "challenge.scope",
        "challenge.invalid-token",
    ];
    assert_results(&doc, &["challenge.status"], &skipped);
    assert_eq!(code, 1);
    assert_eq!(
        detail(&doc, "challenge.status"),
        "302 redirect to http://203.0.113.9/mcp (not followed) to a request without credentials"
    );
    assert_eq!(server.seen(), ["GET /mcp", PRM, ASM]);
}

#[test]
fn a_body_over_one_mebibyte_is_not_read() {
    let big = format!("{{\"resource\":\"{}\"}}", "x".repeat(1 << 20));
    let server = Server::start(Site { prm: big, ..Site::default() });
    let (code, doc) = check(&["--allow-local", &server.url()]);
    let skip = [
        "prm.resource",
        "prm.authorization-servers",
        "as.fetch",
        "as.issuer",
        "as.pkce",
        "as.registration",
    ];
    assert_results(&doc, &["prm.fetch"], &skip);
    assert_eq!(code, 1);
    assert!(detail(&doc, "prm.fetch").ends_with("body larger than 1048576 bytes"), "{doc:#}");
}

#[test]
fn with_token_a_403_must_carry_insufficient_scope_and_scope() {
    // RFC 6750 §3.1: insufficient_scope, "The resource server SHOULD respond with the HTTP
    // 403 (Forbidden) status code and MAY include the "scope" attribute".
    let forbidden = |lines: &[&str]| Site {
        good_token: (403, lines.iter().map(|l| (*l).to_owned()).collect()),
        ..Site::default()
    };
    let all: Vec<&str> = IDS.iter().copied().chain(["token.insufficient-scope"]).collect();
    let run = |site: Site| {
        let server = Server::start(site);
        let (code, doc) = check(&["--allow-local", "--token", "good-token", &server.url()]);
        let ids: Vec<String> = results(&doc).into_iter().map(|(id, _)| id).collect();
        let mut want: Vec<&str> = all.clone();
        want.sort_by_key(|id| ids.iter().position(|i| i == id));
        assert_eq!(ids, want);
        (code, doc, server.seen())
    };
    let result = |doc: &Value| {
        results(doc).into_iter().find(|(id, _)| id == "token.insufficient-scope").unwrap().1
    };
    let (code, doc, seen) =
        run(forbidden(&[r#"Bearer error="insufficient_scope", scope="files:read files:write""#]));
    assert_eq!((code, result(&doc).as_str()), (0, "pass"));
    assert!(seen.contains(&"GET /mcp (Bearer good-token)".to_owned()));
    let (code, doc, _) = run(forbidden(&[r#"Bearer error="insufficient_scope""#]));
    assert_eq!((code, result(&doc).as_str()), (0, "fail"));
    assert_eq!(
        detail(&doc, "token.insufficient-scope"),
        "403 with error=\"insufficient_scope\" but no scope"
    );
    let (_, doc, _) = run(Site::default());
    assert_eq!(result(&doc), "skip");
    // The token never appears in the report.
    assert!(!doc.to_string().contains("good-token"));
}

#[test]
fn the_text_report_is_a_line_a_finding_with_server_text_escaped() {
    // An authorization server name holding ESC [ 2 J (clear the screen).
    let prm = Site::default().prm.replace("[\"{base}/as\"]", "[\"{base}/as\\u001b[2J\"]");
    let server = Server::start(Site { prm, ..Site::default() });
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["check", "--allow-local", &server.url()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("/as\\x1b[2J"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + IDS.len() + 1, "{text}");
    assert_eq!(lines[0], format!("signpost check {}", server.url()));
    for (line, id) in lines[1..].iter().zip(IDS) {
        assert!(line.contains(&format!(" {id} ")), "{line}");
    }
    assert!(lines[1].starts_with("PASS must   challenge.status "), "{}", lines[1]);
    assert!(lines.last().unwrap().starts_with("Summary: "));
}
