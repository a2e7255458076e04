//! The layer and the metadata service over real sockets, on plain hyper (no axum): every
//! rejection of RFC 6750 §3.1, RFC 9449 §7.1 and §9, and the metadata document of RFC 9728
//! §3, read back by signpost's client.

mod common;

use std::convert::Infallible;
use std::future::{poll_fn, Future};
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use common::{send, Reply};
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::TokioIo;
use signpost_oauth::{
    Action, AuthServer, ClientState, Guard, HeaderLines, NextStep, ResourceMetadata, Schemes,
    Scope, TokenProblem,
};
use signpost_tower::{
    Denial, Grant, MetadataService, Presented, ProtectedResource, RequireTokenLayer, TokenScheme,
    Verifier,
};
use tokio::net::TcpListener;
use tower_layer::Layer;
use tower_service::Service;

const NONCE: &str = "eyJ7S_zG.eyJH0-Z.HX4w-7v";

/// Fixed tokens; the DPoP proof is a stand-in (`nonce=<n>`): the layer hands it over as it
/// came, and checking it is the verifier's business.
#[derive(Debug)]
struct Tokens;

impl Verifier for Tokens {
    type Claims = String;

    async fn verify(&self, presented: Presented<'_>) -> Result<Grant<String>, Denial> {
        // The request reaches the verifier (DPoP's htm and htu are checked against it).
        assert_eq!(presented.request().uri.path(), "/api/files");
        match (presented.scheme(), presented.token()) {
            (TokenScheme::Bearer, "good") => {
                Ok(Grant::new("files:read files:write", "alice".into()))
            }
            (TokenScheme::Bearer, "narrow") => Ok(Grant::new("files:read", "bob".into())),
            (TokenScheme::Bearer, "expired") => Err(TokenProblem::Expired.into()),
            (TokenScheme::Dpop, "bound") => {
                if presented.dpop_proof() == Some(&format!("nonce={NONCE}")) {
                    Ok(Grant::new("files:write", "carol".into()))
                } else {
                    Err(Denial::UseDpopNonce(NONCE.into()))
                }
            }
            _ => Err(TokenProblem::Invalid.into()),
        }
    }
}

/// The protected handler: 200 and the grant it sees.
#[derive(Clone, Debug)]
struct Handler;

impl Service<Request<Incoming>> for Handler {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let grant = request.extensions().get::<Grant<String>>().cloned();
        Box::pin(async move {
            let body = match grant {
                Some(g) => format!("{} {}", g.claims(), g.scope()),
                None => "no grant".to_owned(),
            };
            Ok(Response::new(Full::new(Bytes::from(body))))
        })
    }
}

struct Server {
    addr: SocketAddr,
    resource: String,
    metadata_url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `/api/files` (scope `files:write`) and the metadata of `http://ADDR/api` on
/// 127.0.0.1:0.
async fn start(schemes: Schemes) -> Server {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let resource_id = format!("http://{addr}/api");
    let resource = ProtectedResource::new(&resource_id)
        .unwrap()
        .authorization_server("https://as.example.com")
        .unwrap()
        .scopes_supported("files:read files:write")
        .unwrap()
        .realm("files")
        .unwrap()
        .schemes(schemes);
    let layer: RequireTokenLayer<Tokens> =
        resource.layer(Tokens).require_scope("files:write").unwrap();
    let protected = layer.layer(Handler);
    let metadata: MetadataService<Full<Bytes>> = resource.metadata_service();
    let metadata_url = resource.metadata_url().to_owned();
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let protected = protected.clone();
            let metadata = metadata.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let mut protected = protected.clone();
                    let mut metadata = metadata.clone();
                    async move {
                        if req.uri().path().starts_with("/.well-known/") {
                            metadata.call(req).await
                        } else {
                            poll_fn(|cx| protected.poll_ready(cx)).await?;
                            protected.call(req).await
                        }
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server { addr, resource: resource_id, metadata_url, task }
}

impl Server {
    async fn get(&self, headers: &[&str]) -> Reply {
        send(self.addr, "GET", "/api/files", headers).await
    }
}

/// What signpost's client decides on `reply`.
fn decide<'a>(
    reply: &Reply,
    headers: &'a http::HeaderMap,
    state: ClientState<'a>,
) -> (Action, String) {
    let lines = HeaderLines::from_headers(headers);
    let decision = lines.decide(&state, StatusCode::from_u16(reply.status).unwrap());
    let step = decision.step();
    let detail = match step {
        NextStep::Authorize { server: AuthServer::ResourceMetadata(url), scope, .. } => {
            format!("{url} {scope}")
        }
        NextStep::RetryWithDpopNonce { nonce, .. } => nonce.to_owned(),
        other => format!("{other:?}"),
    };
    (step.action(), detail)
}

fn local() -> ClientState<'static> {
    ClientState::new().guard(Guard::local_development())
}

// RFC 6750 §3.1: "If the request lacks any authentication information ..., the resource
// server SHOULD NOT include an error code"; RFC 9728 §5.1: resource_metadata.
#[tokio::test]
async fn no_credentials_is_401_without_error_and_with_resource_metadata() {
    let server = start(Schemes::BEARER).await;
    let reply = server.get(&[]).await;
    assert_eq!(reply.status, 401);
    let expected = format!(
        r#"Bearer realm="files", scope="files:write", resource_metadata="{}""#,
        server.metadata_url
    );
    assert_eq!(reply.all("www-authenticate"), [expected.as_str()]);
    assert!(reply.all("dpop-nonce").is_empty());
    assert_eq!(
        server.metadata_url,
        format!("http://{}/.well-known/oauth-protected-resource/api", server.addr)
    );

    // Signpost's client: authorize at the metadata URL, for the route's scope.
    let headers = reply.header_map();
    let (action, detail) = decide(&reply, &headers, local());
    assert_eq!(action, Action::Authorize);
    assert_eq!(detail, format!("{} files:write", server.metadata_url));
}

// Credentials of another scheme are no access token for this resource.
#[tokio::test]
async fn other_scheme_is_401_without_error() {
    let server = start(Schemes::BEARER).await;
    let reply = server.get(&["Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l"]).await;
    assert_eq!(reply.status, 401);
    assert!(!reply.one("www-authenticate").contains("error="));
}

// RFC 6750 §3.1 invalid_token; RFC 9068 §4 / TokenProblem: the reason only in the
// description.
#[tokio::test]
async fn bad_token_is_401_invalid_token() {
    let server = start(Schemes::BEARER).await;
    for (token, description) in
        [("nope", "The access token is invalid"), ("expired", "The access token expired")]
    {
        let reply = server.get(&[&format!("Authorization: Bearer {token}")]).await;
        assert_eq!(reply.status, 401, "{token}");
        assert_eq!(
            reply.one("www-authenticate"),
            format!(
                r#"Bearer realm="files", error="invalid_token", error_description="{description}", scope="files:write", resource_metadata="{}""#,
                server.metadata_url
            )
        );
    }
}

// RFC 6750 §3.1 invalid_request: "malformed"; RFC 9110 §11.4 credentials; Authorization is
// a singleton field (RFC 9110 §11.6.2), so two lines are malformed too.
#[tokio::test]
async fn malformed_authorization_is_400_invalid_request() {
    let server = start(Schemes::BEARER).await;
    let cases: &[&[&str]] = &[
        &["Authorization: Bearer"],
        &["Authorization: Bearer two tokens"],
        &["Authorization: Bearer abc, Basic def"],
        &["Authorization: Bearer a=b"],
        &["Authorization: Bearer good", "Authorization: Bearer good"],
        &["Authorization: Bearer =abc"],
    ];
    for headers in cases {
        let reply = server.get(headers).await;
        assert_eq!(reply.status, 400, "{headers:?}");
        let line = reply.one("www-authenticate");
        assert!(
            line.starts_with(
                r#"Bearer realm="files", error="invalid_request", error_description=""#
            ),
            "{line}"
        );
        assert!(
            line.ends_with(&format!(r#"resource_metadata="{}""#, server.metadata_url)),
            "{line}"
        );
        // A malformed request is fixed, not authorized again.
        let map = reply.header_map();
        assert_eq!(decide(&reply, &map, local().sent_token(true)).0, Action::FixRequest);
    }
}

// RFC 6750 §3.1 insufficient_scope: 403 and the scope needed.
#[tokio::test]
async fn token_without_the_route_scope_is_403_with_scope() {
    let server = start(Schemes::BEARER).await;
    let reply = server.get(&["Authorization: Bearer narrow"]).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.one("www-authenticate"),
        format!(
            r#"Bearer realm="files", error="insufficient_scope", scope="files:write", resource_metadata="{}""#,
            server.metadata_url
        )
    );
    // The client asks for the union of what it holds and what the route needs.
    let map = reply.header_map();
    let held = local().sent_token(true).scope(Scope::parse("files:read").unwrap());
    let (action, detail) = decide(&reply, &map, held);
    assert_eq!(action, Action::Authorize);
    assert_eq!(detail, format!("{} files:read files:write", server.metadata_url));
}

#[tokio::test]
async fn valid_token_reaches_the_handler_with_its_grant() {
    let server = start(Schemes::BEARER).await;
    let reply = server.get(&["Authorization: Bearer good"]).await;
    assert_eq!(reply.status, 200);
    assert!(reply.all("www-authenticate").is_empty());
    assert_eq!(reply.body, "alice files:read files:write");
    // The scheme is matched ignoring case (RFC 9110 §11.1).
    let reply = server.get(&["Authorization: bearer good"]).await;
    assert_eq!(reply.status, 200);
}

// RFC 9449 §9: use_dpop_nonce with DPoP-Nonce; then the proof with the nonce passes.
#[tokio::test]
async fn dpop_nonce_required_then_accepted() {
    let server = start(Schemes::DPOP).await;
    let reply = server.get(&["Authorization: DPoP bound", "DPoP: nonce=old"]).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.one("dpop-nonce"), NONCE);
    assert_eq!(
        reply.one("www-authenticate"),
        format!(
            r#"DPoP realm="files", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", resource_metadata="{}""#,
            server.metadata_url
        )
    );
    let map = reply.header_map();
    let (action, nonce) = decide(&reply, &map, local().sent_token(true).uses_dpop(true));
    assert_eq!((action, nonce.as_str()), (Action::RetryWithDpopNonce, NONCE));

    let proof = format!("DPoP: nonce={NONCE}");
    let reply = server.get(&["Authorization: DPoP bound", &proof]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "carol files:write");
}

// RFC 9449 §4.3 and §7.1: a DPoP token needs exactly one proof.
#[tokio::test]
async fn dpop_token_without_one_proof_is_invalid_dpop_proof() {
    let server = start(Schemes::DPOP).await;
    for headers in
        [&["Authorization: DPoP bound"][..], &["Authorization: DPoP bound", "DPoP: a", "DPoP: b"]]
    {
        let reply = server.get(headers).await;
        assert_eq!(reply.status, 401, "{headers:?}");
        let line = reply.one("www-authenticate");
        assert!(line.starts_with(r#"DPoP realm="files", error="invalid_dpop_proof""#), "{line}");
    }
    // A Bearer token where only DPoP is accepted: no token this resource takes; the
    // challenge tells the client to use DPoP.
    let reply = server.get(&["Authorization: Bearer good"]).await;
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.one("www-authenticate"),
        format!(
            r#"DPoP realm="files", scope="files:write", resource_metadata="{}""#,
            server.metadata_url
        )
    );
}

// Both schemes: one WWW-Authenticate line each (RFC 9449 §7.2).
#[tokio::test]
async fn both_schemes_send_two_challenge_lines() {
    let server = start(Schemes::BOTH).await;
    let reply = server.get(&[]).await;
    let lines = reply.all("www-authenticate");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("Bearer "));
    assert!(lines[1].starts_with("DPoP "));
    assert!(lines.iter().all(|l| l.contains(&server.metadata_url)));
}

// RFC 9728 §3.1: the well-known path inserted before the resource's path; §3.2: JSON;
// §3.3: resource identical to the resource identifier.
#[tokio::test]
async fn metadata_document_at_the_path_inserted_url() {
    let server = start(Schemes::BOTH).await;
    let reply = send(server.addr, "GET", "/.well-known/oauth-protected-resource/api", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.one("content-type"), "application/json");
    let doc: ResourceMetadata = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc.resource, server.resource);
    let id = signpost_oauth::ResourceId::parse(&server.resource).unwrap();
    doc.check(&id.metadata_url()).unwrap();
    assert_eq!(doc.authorization_servers.as_deref().unwrap(), ["https://as.example.com"]);
    assert_eq!(doc.scopes_supported.as_deref().unwrap(), ["files:read", "files:write"]);
    assert_eq!(doc.bearer_methods_supported.as_deref().unwrap(), ["header"]);

    // Not at the root (the document of the host's root resource, if any, is another one).
    let root = send(server.addr, "GET", "/.well-known/oauth-protected-resource", &[]).await;
    assert_eq!(root.status, 404);
    let post = send(server.addr, "POST", "/.well-known/oauth-protected-resource/api", &[]).await;
    assert_eq!(post.status, 405);
    assert_eq!(post.one("allow"), "GET, HEAD");
}

// A decoy parameter whose name ends in `resource_metadata` (several SDKs match by
// substring): the server never sends one, and signpost's client reads the parameter by
// whole name, so a decoy in front of the real one changes nothing.
#[tokio::test]
async fn decoy_x_resource_metadata_does_not_mislead_the_client() {
    let server = start(Schemes::BEARER).await;
    let reply = server.get(&["Authorization: Bearer nope"]).await;
    assert_eq!(reply.status, 401);
    let line = reply.one("www-authenticate").to_owned();
    assert!(!line.contains("x_resource_metadata"));
    let decoyed = line.replacen(
        "resource_metadata=",
        r#"x_resource_metadata="http://127.0.0.1:1/evil", resource_metadata="#,
        1,
    );
    let mut map = http::HeaderMap::new();
    map.append(http::header::WWW_AUTHENTICATE, decoyed.parse().unwrap());
    let (action, detail) = decide(&reply, &map, local().sent_token(true));
    assert_eq!(action, Action::Authorize);
    assert_eq!(detail, format!("{} files:write", server.metadata_url));
}
