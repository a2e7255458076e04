//! An MCP-style resource server on axum, protected by signpost-tower.
//!
//! ```text
//! cargo run -p signpost-tower --example mcp_server -- --port 8080
//! ```
//!
//! | request | answer |
//! |---|---|
//! | `POST /mcp` without a token | 401, `WWW-Authenticate: Bearer scope="mcp:tools", resource_metadata="…"` (and a `DPoP` challenge) |
//! | `POST /mcp` with `Authorization: Bearer tools-token` | 200, a JSON-RPC answer naming the subject |
//! | `POST /mcp` with `Authorization: Bearer resources-token` | 403 `insufficient_scope`, `scope="mcp:tools"` |
//! | `POST /mcp` with `Authorization: Bearer expired-token` | 401 `invalid_token` |
//! | `POST /mcp` with `Authorization: DPoP dpop-token` and a `DPoP` header | 401 `use_dpop_nonce` and `DPoP-Nonce`, until the proof carries the nonce |
//! | `GET /.well-known/oauth-protected-resource/mcp` | the RFC 9728 metadata document |
//!
//! The verifier is a toy: fixed tokens, and a stand-in DPoP proof (`nonce=<n>`, not a
//! JWS). A real one checks a JWT's signature or asks the authorization server (RFC 7662), and
//! checks the DPoP proof as RFC 9449 §4.3 says.

use std::net::SocketAddr;

use axum::http::header::{HeaderName, CONTENT_TYPE};
use axum::routing::post;
use axum::Router;
use signpost_oauth::{Schemes, TokenProblem};
use signpost_tower::{
    ConfigError, Denial, Grant, Presented, ProtectedResource, TokenScheme, Verifier,
};

/// The authorization server the metadata names (this example runs none).
pub const ISSUER: &str = "https://auth.example.com";
/// The scope `/mcp` needs.
pub const TOOLS_SCOPE: &str = "mcp:tools";
/// The DPoP nonce the server demands.
pub const NONCE: &str = "n-8hq2";

/// The toy verifier: a fixed table of tokens.
#[derive(Clone, Debug)]
pub struct FixedTokens;

impl Verifier for FixedTokens {
    /// The token's subject.
    type Claims = String;

    async fn verify(&self, presented: Presented<'_>) -> Result<Grant<String>, Denial> {
        match (presented.scheme(), presented.token()) {
            (TokenScheme::Bearer, "tools-token") => Ok(Grant::new("mcp:tools", "alice".to_owned())),
            (TokenScheme::Bearer, "resources-token") => {
                Ok(Grant::new("mcp:resources", "bob".to_owned()))
            }
            (TokenScheme::Bearer, "expired-token") => Err(TokenProblem::Expired.into()),
            (TokenScheme::Dpop, "dpop-token") => {
                // The stand-in proof: `nonce=<n>`.
                if presented.dpop_proof() == Some(&format!("nonce={NONCE}")) {
                    Ok(Grant::new("mcp:tools", "carol".to_owned()))
                } else {
                    Err(Denial::UseDpopNonce(NONCE.to_owned()))
                }
            }
            _ => Err(TokenProblem::Invalid.into()),
        }
    }
}

/// The MCP endpoint: a JSON-RPC answer naming the token's subject.
async fn mcp(grant: Grant<String>) -> ([(HeaderName, &'static str); 1], String) {
    let body = format!(
        r#"{{"jsonrpc":"2.0","id":1,"result":{{"tools":[{{"name":"echo"}}],"subject":"{}","scope":"{}"}}}}"#,
        grant.claims(),
        grant.scope()
    );
    ([(CONTENT_TYPE, "application/json")], body)
}

/// The protected resource whose identifier is `resource` (`http://127.0.0.1:PORT/mcp`).
pub fn resource(resource: &str) -> Result<ProtectedResource, ConfigError> {
    ProtectedResource::new(resource)?
        .authorization_server(ISSUER)?
        .scopes_supported("mcp:tools mcp:resources")?
        .resource_name("signpost MCP example")
        .schemes(Schemes::BOTH)
        .dpop_algs("ES256")
}

/// The whole application: `/mcp` behind the layer, the metadata document beside it.
pub fn app(resource_url: &str) -> Result<Router, ConfigError> {
    let resource = resource(resource_url)?;
    let tools = resource.layer(FixedTokens).require_scope(TOOLS_SCOPE)?;
    Ok(Router::new()
        .route("/mcp", post(mcp).get(mcp))
        .route_layer(tools)
        .merge(resource.metadata_router()))
}

fn port() -> Result<u16, String> {
    let mut args = std::env::args().skip(1);
    let mut port = 0;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value.parse().map_err(|_| format!("--port: not a port number: {value}"))?;
            }
            other => {
                return Err(format!("unknown argument {other} (usage: mcp_server [--port N])"))
            }
        }
    }
    Ok(port)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = port()?;
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/mcp");
    let app = app(&url)?;
    println!("MCP server: {url}");
    println!("metadata:   http://{addr}/.well-known/oauth-protected-resource/mcp");
    axum::serve(listener, app).await?;
    Ok(())
}
