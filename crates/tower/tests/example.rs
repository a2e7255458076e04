//! The example MCP server's router (examples/mcp_server.rs), served over a real socket, so
//! that the example cannot rot: what its table of requests and answers says is what it does.
#![cfg(feature = "axum")]

mod common;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/mcp_server.rs"]
mod mcp_server;

use std::net::SocketAddr;

use common::send;
use http::StatusCode;
use signpost_oauth::{Action, ClientState, Guard, HeaderLines, ResourceMetadata};

struct Running {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start() -> Running {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = mcp_server::app(&format!("http://{addr}/mcp")).unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Running { addr, task }
}

#[tokio::test]
async fn the_example_answers_as_its_table_says() {
    let server = start().await;
    let addr = server.addr;
    let metadata_url = format!("http://{addr}/.well-known/oauth-protected-resource/mcp");

    // No token: 401, a Bearer and a DPoP challenge, no error, the scope, resource_metadata.
    let reply = send(addr, "POST", "/mcp", &[]).await;
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.all("www-authenticate"),
        [
            format!(r#"Bearer scope="mcp:tools", resource_metadata="{metadata_url}""#),
            format!(r#"DPoP scope="mcp:tools", algs="ES256", resource_metadata="{metadata_url}""#),
        ]
    );
    let headers = reply.header_map();
    let state = ClientState::new().guard(Guard::local_development());
    let lines = HeaderLines::from_headers(&headers);
    let decision = lines.decide(&state, StatusCode::UNAUTHORIZED);
    assert_eq!(decision.step().action(), Action::Authorize);

    // The tools token: 200, the handler sees the grant.
    let reply = send(addr, "POST", "/mcp", &["Authorization: Bearer tools-token"]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.one("content-type"), "application/json");
    assert!(reply.body.contains(r#""subject":"alice","scope":"mcp:tools""#), "{}", reply.body);

    // Another scope: 403 insufficient_scope naming mcp:tools.
    let reply = send(addr, "POST", "/mcp", &["Authorization: Bearer resources-token"]).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.all("www-authenticate"),
        [
            format!(
                r#"Bearer error="insufficient_scope", scope="mcp:tools", resource_metadata="{metadata_url}""#
            ),
            format!(
                r#"DPoP error="insufficient_scope", scope="mcp:tools", algs="ES256", resource_metadata="{metadata_url}""#
            ),
        ]
    );

    // Expired: 401 invalid_token.
    let reply = send(addr, "POST", "/mcp", &["Authorization: Bearer expired-token"]).await;
    assert_eq!(reply.status, 401);
    assert!(reply.all("www-authenticate")[0].starts_with(r#"Bearer error="invalid_token""#));

    // DPoP: the nonce first, then 200.
    let reply = send(addr, "POST", "/mcp", &["Authorization: DPoP dpop-token", "DPoP: x"]).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.one("dpop-nonce"), mcp_server::NONCE);
    let proof = format!("DPoP: nonce={}", mcp_server::NONCE);
    let reply = send(addr, "POST", "/mcp", &["Authorization: DPoP dpop-token", &proof]).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains(r#""subject":"carol""#));

    // The metadata document, at the path-inserted URL.
    let reply = send(addr, "GET", "/.well-known/oauth-protected-resource/mcp", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.one("content-type"), "application/json");
    let doc: ResourceMetadata = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc.resource, format!("http://{addr}/mcp"));
    assert_eq!(doc.authorization_servers.as_deref().unwrap(), [mcp_server::ISSUER]);
    assert_eq!(doc.dpop_signing_alg_values_supported.as_deref().unwrap(), ["ES256"]);

    // A path that is no route: 404, not a challenge (route_layer).
    let reply = send(addr, "GET", "/elsewhere", &[]).await;
    assert_eq!(reply.status, 404);
    assert!(reply.all("www-authenticate").is_empty());
}
