//! The layer and the metadata service called directly (no socket): configuration errors,
//! the metadata path of each shape of resource identifier (RFC 9728 §3.1), and the answers
//! to what a verifier may return.

use std::convert::Infallible;

use http::{Request, Response, StatusCode};
use signpost_oauth::{ResourceMetadata, Schemes, TokenProblem};
use signpost_tower::{Denial, Grant, Presented, ProtectedResource, Verifier};
use tower::{service_fn, Layer, ServiceExt};

/// Answers with the denial of its token: `nonce-bad` a nonce that cannot be a header
/// value, `step-up` an authentication too old, anything else a grant of `a b`.
struct Scripted;

impl Verifier for Scripted {
    type Claims = ();

    async fn verify(&self, presented: Presented<'_>) -> Result<Grant, Denial> {
        match presented.token() {
            "nonce-bad" => Err(Denial::UseDpopNonce("line\nbreak".into())),
            "quote" => Err(Denial::InvalidDpopProof("a \"quoted\" word".into())),
            "step-up" => Err(Denial::AuthenticationTooOld { max_age: 300 }),
            "weak" => Err(Denial::AuthenticationTooWeak { acr_values: "phr phrh".into() }),
            "revoked" => Err(TokenProblem::Revoked.into()),
            _ => Ok(Grant::new("a b", ())),
        }
    }
}

async fn call(resource: &ProtectedResource, scope: &str, authorization: &str) -> Response<String> {
    let layer = resource.layer(Scripted).require_scope(scope).unwrap();
    let inner = service_fn(|request: Request<String>| async move {
        let grant = request.extensions().get::<Grant>().cloned();
        Ok::<_, Infallible>(Response::new(format!("{grant:?}")))
    });
    let request = Request::get("/api").header("authorization", authorization).body(String::new());
    layer.layer(inner).oneshot(request.unwrap()).await.unwrap()
}

fn resource() -> ProtectedResource {
    ProtectedResource::new("https://api.example.com/api").unwrap()
}

#[test]
fn metadata_path_of_each_resource_identifier() {
    // RFC 9728 §3.1: the well-known string between the host and the path (and query).
    for (id, path) in [
        ("https://api.example.com", "/.well-known/oauth-protected-resource"),
        ("https://api.example.com/mcp", "/.well-known/oauth-protected-resource/mcp"),
        ("https://api.example.com/a/b", "/.well-known/oauth-protected-resource/a/b"),
        ("https://api.example.com/api?v=1", "/.well-known/oauth-protected-resource/api"),
        ("https://api.example.com/", "/.well-known/oauth-protected-resource"),
        ("https://api.example.com/mcp/", "/.well-known/oauth-protected-resource/mcp/"),
        ("http://127.0.0.1:8080/mcp", "/.well-known/oauth-protected-resource/mcp"),
    ] {
        let resource = ProtectedResource::new(id).unwrap();
        assert_eq!(resource.metadata_path(), path, "{id}");
        assert_eq!(resource.resource(), id);
        let service = resource.metadata_service::<String>();
        let target = match resource.metadata_query() {
            Some(query) => format!("{path}?{query}"),
            None => path.to_owned(),
        };
        assert_eq!(
            resource.metadata_url(),
            format!("{}{target}", &id[..id[8..].find('/').map_or(id.len(), |i| i + 8)])
        );
        let response = service.respond(&http::Method::GET, &target.parse().unwrap());
        assert_eq!(response.status(), StatusCode::OK, "{id}");
        let doc: ResourceMetadata = serde_json::from_str(response.body()).unwrap();
        assert_eq!(doc.resource, id);
    }
    // With a query, the query must match too.
    let bare = "/.well-known/oauth-protected-resource/api".parse().unwrap();
    let service =
        ProtectedResource::new("https://h.example/api?v=1").unwrap().metadata_service::<String>();
    let other = "/.well-known/oauth-protected-resource/api?v=2".parse().unwrap();
    assert_eq!(service.respond(&http::Method::GET, &other).status(), StatusCode::NOT_FOUND);
    assert_eq!(service.respond(&http::Method::GET, &bare).status(), StatusCode::NOT_FOUND);
    // HEAD is served as GET (the server drops the body).
    let head = service.respond(
        &http::Method::HEAD,
        &"/.well-known/oauth-protected-resource/api?v=1".parse().unwrap(),
    );
    assert_eq!(head.status(), StatusCode::OK);
}

#[test]
fn bad_configuration_fails_at_start_up() {
    // RFC 9728 §1.2: no fragment.
    let err = ProtectedResource::new("https://api.example.com/#x").unwrap_err();
    assert_eq!(err.setting(), "resource");
    assert_eq!(ProtectedResource::new("not a url").unwrap_err().setting(), "resource");
    assert_eq!(
        resource().authorization_server("auth.example.com").unwrap_err().setting(),
        "authorization_server"
    );
    assert_eq!(resource().scopes_supported("a\"b").unwrap_err().setting(), "scopes_supported");
    assert_eq!(resource().realm("a\u{1}b").unwrap_err().setting(), "realm");
    let layer = resource().layer(Scripted);
    assert_eq!(layer.require_scope("a  b").unwrap_err().setting(), "required_scope");
    assert_eq!(layer.require_scope("a b").unwrap().required_scope(), "a b");
    assert_eq!(layer.required_scope(), "");
}

#[test]
fn dpop_only_resource_says_so_in_its_document() {
    let doc =
        resource().schemes(Schemes::DPOP).dpop_algs("ES256 EdDSA").unwrap().document().clone();
    assert_eq!(doc.dpop_bound_access_tokens_required, Some(true));
    assert_eq!(doc.dpop_signing_alg_values_supported.as_deref().unwrap(), ["ES256", "EdDSA"]);
    let doc = resource().schemes(Schemes::BOTH).document().clone();
    assert_eq!(doc.dpop_bound_access_tokens_required, None);
}

#[tokio::test]
async fn the_scope_is_checked_token_by_token() {
    let resource = resource();
    // Granted `a b`: `b a` and `a` are covered, `a c` is not (RFC 6749 §3.3: a set).
    assert_eq!(call(&resource, "b a", "Bearer t").await.status(), StatusCode::OK);
    assert_eq!(
        call(&resource, "a", "Bearer t").await.body(),
        r#"Some(Grant { scope: "a b", claims: () })"#
    );
    let response = call(&resource, "a c", "Bearer t").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer error="insufficient_scope", scope="a c", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/api""#
    );
}

// RFC 9470 §3: insufficient_user_authentication with max_age or acr_values, and the route's
// scope (the new token must carry it too).
#[tokio::test]
async fn step_up_denials() {
    let resource = resource();
    let response = call(&resource, "a", "Bearer step-up").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", scope="a", max_age="300", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/api""#
    );
    let response = call(&resource, "a", "Bearer weak").await;
    assert!(response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains(r#"acr_values="phr phrh""#));
    let response = call(&resource, "a", "Bearer revoked").await;
    assert!(response.headers()["www-authenticate"].to_str().unwrap().starts_with(
        r#"Bearer error="invalid_token", error_description="The access token was revoked""#
    ));
}

// A value from the verifier that cannot be written into a header (a nonce with a line
// break, a description with a quote) is the server's fault: 500 and no challenge, never a
// broken or injected header line.
#[tokio::test]
async fn unwritable_verifier_values_are_500_without_challenge() {
    let resource = resource().schemes(Schemes::BOTH);
    for token in ["nonce-bad", "quote"] {
        let response = call(&resource, "a", &format!("DPoP {token}")).await;
        // No DPoP proof came: the layer refuses before the verifier.
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = call(&resource, "a", &format!("Bearer {token}")).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR, "{token}");
        assert!(response.headers().get("www-authenticate").is_none());
        assert!(response.headers().get("dpop-nonce").is_none());
    }
}

#[cfg(feature = "axum")]
#[tokio::test]
async fn the_extractor_outside_the_layer() {
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;

    async fn needs(grant: Grant) -> String {
        grant.scope().to_owned()
    }
    async fn may(grant: Option<Grant>) -> String {
        format!("{}", grant.is_some())
    }
    let app: Router = Router::new().route("/needs", get(needs)).route("/may", get(may));
    let response =
        app.clone().oneshot(Request::get("/needs").body(Body::empty()).unwrap()).await.unwrap();
    // The route is not behind the layer: a bug of the application, not the client's.
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let response = app.oneshot(Request::get("/may").body(Body::empty()).unwrap()).await.unwrap();
    let body = axum::body::to_bytes(response.into_body(), 64).await.unwrap();
    assert_eq!(body, "false");
}

/// Logs the `Debug` of what it is given, and refuses.
struct Logging(std::sync::Mutex<Vec<String>>);

impl Verifier for Logging {
    type Claims = ();

    async fn verify(&self, presented: Presented<'_>) -> Result<Grant, Denial> {
        self.0.lock().unwrap().push(format!("{presented:?}"));
        Err(TokenProblem::Invalid.into())
    }
}

// A verifier may log what it is given without leaking the credentials.
#[tokio::test]
async fn presented_debug_leaves_the_credentials_out() {
    let verifier = std::sync::Arc::new(Logging(std::sync::Mutex::new(Vec::new())));
    struct Shared(std::sync::Arc<Logging>);
    impl Verifier for Shared {
        type Claims = ();
        async fn verify(&self, presented: Presented<'_>) -> Result<Grant, Denial> {
            self.0.verify(presented).await
        }
    }
    let layer = resource().schemes(Schemes::DPOP).layer(Shared(verifier.clone()));
    let inner = service_fn(|_: Request<String>| async {
        Ok::<_, Infallible>(Response::new(String::new()))
    });
    let request = Request::post("/api?x=1")
        .header("authorization", "DPoP secret-token")
        .header("dpop", "secret.proof.jws")
        .body(String::new())
        .unwrap();
    let response = layer.layer(inner).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let log = verifier.0.lock().unwrap();
    assert_eq!(
        *log,
        [
            r#"Presented { scheme: Dpop, token: "<redacted>", dpop_proof: Some("<redacted>"), method: POST, uri: /api?x=1 }"#
        ]
    );
}
