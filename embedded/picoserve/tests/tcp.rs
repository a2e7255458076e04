//! The router of the firmware, served by picoserve on the host over TCP (127.0.0.1, a port
//! the system picks), with requests written and read as bytes so that every status, header
//! line and body is asserted exactly. Each exchange is bounded by a timeout. The challenges
//! are read back through signpost's client side (`ClientState::decide`).

use std::time::Duration;

use signpost_oauth::{
    Action, AuthServer, ClientState, NextStep, ResourceId, ResourceMetadata, Scope,
};
use signpost_picoserve::{
    app, demo_verifier, METADATA_DOCUMENT, METADATA_PATH, METADATA_URL, RESOURCE,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Every exchange must finish within this time.
const TIMEOUT: Duration = Duration::from_secs(10);

static CONFIG: picoserve::Config = picoserve::Config::const_default();

/// A response as it came off the wire.
#[derive(Debug)]
struct Reply {
    status: u16,
    /// Every header line, name lower-cased, in order.
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }
}

/// Starts the server on 127.0.0.1:0 in the current `LocalSet` and returns its address.
async fn start() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::task::spawn_local(async move {
        let app = std::rc::Rc::new(app(demo_verifier()));
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let app = app.clone();
            tokio::task::spawn_local(async move {
                let mut buffer = [0u8; 2048];
                let _ =
                    picoserve::Server::new_tokio(&app, &CONFIG, &mut buffer).serve(stream).await;
            });
        }
    });
    addr
}

/// Sends `request` (bytes as written) and reads the whole response (the server closes the
/// connection after it: `Connection: close`).
async fn exchange(addr: std::net::SocketAddr, request: &str) -> Reply {
    let io = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        raw
    };
    let raw = tokio::time::timeout(TIMEOUT, io).await.expect("the exchange timed out");
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    Reply { status, headers, body: body.to_owned() }
}

fn get(path: &str, authorization: Option<&str>) -> String {
    let auth = authorization.map(|a| format!("Authorization: {a}\r\n")).unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: sensor.example\r\n{auth}Connection: close\r\n\r\n")
}

/// Runs `test` against a fresh server, in a `LocalSet` (picoserve's futures are not `Send`).
fn run<F: std::future::Future<Output = ()>>(test: impl FnOnce(std::net::SocketAddr) -> F) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, async {
        let addr = start().await;
        test(addr).await;
    });
}

/// What signpost's client decides on a response: the action, the server and the scope.
fn decide(state: ClientState<'_>, reply: &Reply) -> (Action, Option<String>, String) {
    let lines: Vec<&[u8]> = reply.all("www-authenticate").iter().map(|l| l.as_bytes()).collect();
    let decision = state.decide(reply.status, &lines, None);
    let step = decision.step();
    match step {
        NextStep::Authorize { server, scope, .. } => {
            let server = match server {
                AuthServer::ResourceMetadata(url) => Some(url.to_owned()),
                other => panic!("unexpected server {other:?}"),
            };
            let mut s = String::new();
            scope.write_to(&mut s).unwrap();
            (step.action(), server, s)
        }
        other => (other.action(), None, String::new()),
    }
}

const CHALLENGE_NO_TOKEN: &str = r#"Bearer scope="sensor:read sensor:write", resource_metadata="https://sensor.example/.well-known/oauth-protected-resource/mcp""#;

// RFC 6750 §3.1: "If the request lacks any authentication information ..., the resource
// server SHOULD NOT include an error code"; RFC 9728 §5.1: `resource_metadata` on the 401.
#[test]
fn no_token_gets_401_without_error() {
    run(|addr| async move {
        let reply = exchange(addr, &get("/mcp", None)).await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.all("www-authenticate"), [CHALLENGE_NO_TOKEN]);
        assert_eq!(reply.body, "");
        let (action, server, scope) = decide(ClientState::new(), &reply);
        assert_eq!(action, Action::Authorize);
        assert_eq!(server.as_deref(), Some(METADATA_URL));
        assert_eq!(scope, "sensor:read sensor:write");
    });
}

// RFC 6750 §3.1: `invalid_token` for a token that is expired, revoked, malformed or invalid.
#[test]
fn wrong_token_gets_401_invalid_token() {
    run(|addr| async move {
        let reply = exchange(addr, &get("/mcp", Some("Bearer not-a-token"))).await;
        assert_eq!(reply.status, 401);
        assert_eq!(
            reply.all("www-authenticate"),
            [
                r#"Bearer error="invalid_token", error_description="The access token is invalid", scope="sensor:read sensor:write", resource_metadata="https://sensor.example/.well-known/oauth-protected-resource/mcp""#
            ]
        );
        let (action, server, scope) = decide(ClientState::new().sent_token(true), &reply);
        assert_eq!(action, Action::Authorize);
        assert_eq!(server.as_deref(), Some(METADATA_URL));
        assert_eq!(scope, "sensor:read sensor:write");
    });
}

// RFC 6750 §3.1: 403 `insufficient_scope`, with the scope the request needs (all of it).
#[test]
fn narrow_token_gets_403_insufficient_scope() {
    run(|addr| async move {
        let reply = exchange(addr, &get("/mcp", Some("Bearer read-token"))).await;
        assert_eq!(reply.status, 403);
        assert_eq!(
            reply.all("www-authenticate"),
            [
                r#"Bearer error="insufficient_scope", scope="sensor:read sensor:write", resource_metadata="https://sensor.example/.well-known/oauth-protected-resource/mcp""#
            ]
        );
        // The client asks for the union of what it holds and what the challenge names.
        let held = Scope::parse("sensor:read").unwrap();
        let (action, server, scope) =
            decide(ClientState::new().sent_token(true).scope(held), &reply);
        assert_eq!(action, Action::Authorize);
        assert_eq!(server.as_deref(), Some(METADATA_URL));
        assert_eq!(scope, "sensor:read sensor:write");
    });
}

#[test]
fn full_token_gets_200() {
    run(|addr| async move {
        let reply = exchange(addr, &get("/mcp", Some("Bearer full-token"))).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.all("www-authenticate"), Vec::<&str>::new());
        assert_eq!(reply.body, r#"{"status":"ok"}"#);
        // POST (MCP's Streamable HTTP) goes through the same check.
        let post = "POST /mcp HTTP/1.1\r\nHost: sensor.example\r\nAuthorization: Bearer full-token\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        let reply = exchange(addr, post).await;
        assert_eq!(reply.status, 200);
        let post = "POST /mcp HTTP/1.1\r\nHost: sensor.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        let reply = exchange(addr, post).await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.all("www-authenticate"), [CHALLENGE_NO_TOKEN]);
    });
}

const INVALID_REQUEST: &str = r#"Bearer error="invalid_request", error_description="Authorization must hold one Bearer credentials value", resource_metadata="https://sensor.example/.well-known/oauth-protected-resource/mcp""#;

// RFC 6750 §3.1: `invalid_request` (400) for a request that is malformed, here credentials
// in another scheme or two values (RFC 9110 §11.6.2: one credentials value).
#[test]
fn other_credentials_get_400_invalid_request() {
    run(|addr| async move {
        for auth in ["Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer a, Bearer b"] {
            let reply = exchange(addr, &get("/mcp", Some(auth))).await;
            assert_eq!(reply.status, 400, "{auth}");
            assert_eq!(reply.all("www-authenticate"), [INVALID_REQUEST]);
        }
        // Two Authorization fields, even if each is valid.
        let two = "GET /mcp HTTP/1.1\r\nHost: sensor.example\r\nAuthorization: Bearer full-token\r\nauthorization: Bearer full-token\r\nConnection: close\r\n\r\n";
        let reply = exchange(addr, two).await;
        assert_eq!(reply.status, 400);
        assert_eq!(reply.all("www-authenticate"), [INVALID_REQUEST]);
    });
}

// RFC 9728 §3.1: the well-known path is inserted between the host and the resource's path;
// §3.2: `application/json`; §3.3: `resource` identical to the resource identifier.
#[test]
fn metadata_document_at_the_path_inserted_well_known_path() {
    let id = ResourceId::parse(RESOURCE).unwrap();
    assert_eq!(id.metadata_path().to_string(), METADATA_PATH);
    assert_eq!(id.metadata_url().to_string(), METADATA_URL);
    run(|addr| async move {
        let reply = exchange(addr, &get(METADATA_PATH, None)).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.all("content-type"), ["application/json"]);
        assert_eq!(reply.all("www-authenticate"), Vec::<&str>::new());
        assert_eq!(
            reply.body,
            r#"{"resource":"https://sensor.example/mcp","authorization_servers":["https://auth.example"],"scopes_supported":["sensor:read","sensor:write"],"bearer_methods_supported":["header"]}"#
        );
        assert_eq!(reply.body, METADATA_DOCUMENT);
        let doc: ResourceMetadata = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(doc.resource, "https://sensor.example/mcp");
        doc.check(&id.metadata_url()).unwrap();
        // The root document is not this resource's (RFC 9728 §3.1 for a resource with a path).
        let root = exchange(addr, &get("/.well-known/oauth-protected-resource", None)).await;
        assert_eq!(root.status, 404);
    });
}
