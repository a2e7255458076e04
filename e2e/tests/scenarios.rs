//! The scenarios of docs/e2e.md, over real sockets on 127.0.0.1: each test starts its
//! server on an OS-chosen port, runs the client within a time bound and a bound on
//! requests, asserts the exact sequence of requests the server saw, and shuts the server
//! down.

use std::future::Future;
use std::time::Duration;

use signpost_e2e::client::Client;
use signpost_e2e::dpop::Key;
use signpost_e2e::server::{Config, Hostile, TestServer, SESSION_AGE};
use signpost_oauth::Guard;

/// Runs a scenario within 10 seconds.
async fn bounded<T>(scenario: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), scenario).await.expect("scenario took over 10 s")
}

fn base(server: &TestServer) -> String {
    format!("http://{}", server.addr())
}

fn local() -> Client {
    Client::new(Guard::local_development())
}

/// `"GET {path} -> {status}"`-style expectations with the server's metadata paths.
const PRM: &str = "GET /.well-known/oauth-protected-resource/resource -> 200";
const ASM: &str = "GET /.well-known/oauth-authorization-server/as -> 200";

#[tokio::test]
async fn s1_no_token_discovery_token_retry() {
    bounded(async {
        let server = TestServer::start(Config::default()).await.unwrap();
        let mut client = local();
        let body = client.get(&server.resource_url()).await.unwrap();
        assert_eq!(body, "the protected resource\n");
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                PRM,
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 200",
            ]
        );
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s1_issuer_parameter() {
    bounded(async {
        let config = Config { issuer_parameter: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let mut client = local();
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 200",
            ]
        );
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s2_insufficient_scope_authorizes_with_the_union() {
    bounded(async {
        let config = Config { scope: "files:read files:write".to_owned(), ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        // A files:read token and a refresh token: a refresh cannot widen scope.
        let (access, refresh) = server.issue("files:read", 0, 3600, None, true);
        let mut client =
            local().holding(&access, "files:read", refresh.as_deref(), &server.issuer());
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 403",
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read files:write\" -> 200",
                "GET /resource -> 200",
            ]
        );
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s3_step_up_when_the_authentication_is_too_old() {
    bounded(async {
        let config = Config { max_age: Some(300), ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let (access, _) = server.issue("files:read", SESSION_AGE, 3600, None, false);
        let mut client = local().holding(&access, "files:read", None, &server.issuer());
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" max_age=300 -> 200",
                "GET /resource -> 200",
            ]
        );
        assert!(client.trace().iter().any(|l| l.contains("step up") && l.contains("Some(300)")));
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s4_dpop_nonce() {
    bounded(async {
        let config = Config { dpop: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let (access, _) =
            server.issue("files:read", 0, 3600, Some(&Key::from_seed("key-1").thumbprint()), false);
        let mut client =
            local().dpop("key-1").holding(&access, "files:read", None, &server.issuer());
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(server.log(), ["GET /resource -> 401", "GET /resource -> 200"]);
        assert!(client.trace().iter().any(|l| l == "  decide: retry with DPoP nonce n-1"));
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s5_expired_token_is_refreshed() {
    bounded(async {
        let config = Config { oauth2_challenge: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let (access, refresh) = server.issue("files:read", 0, -10, None, true);
        // The challenges: the token is invalid, and the OAuth2 challenge names the flows that
        // fix it, refresh first (the 2011 `OAuth2` challenge proposal).
        let headers = [("authorization", format!("Bearer {access}"))];
        let reply = signpost_e2e::get(&server.resource_url(), &headers, Duration::from_secs(2))
            .await
            .unwrap();
        let lines: Vec<&str> =
            reply.headers.get_all("www-authenticate").iter().map(|v| v.to_str().unwrap()).collect();
        let prm = format!("{}/.well-known/oauth-protected-resource/resource", base(&server));
        assert_eq!(
            lines,
            [
                format!(
                    "Bearer realm=\"files\", error=\"invalid_token\", error_description=\"The \
                     access token expired\", scope=\"files:read\", resource_metadata=\"{prm}\""
                ),
                format!(
                    "OAuth2 realm=\"files\", flows=\"refresh user-delegation\", \
                     error=\"invalid_token\", scope=\"files:read\", resource_metadata=\"{prm}\""
                ),
            ]
        );
        let mut client =
            local().holding(&access, "files:read", refresh.as_deref(), &server.issuer());
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                "GET /resource -> 401",
                ASM,
                "POST /as/token grant_type=refresh_token -> 200",
                "GET /resource -> 200",
            ]
        );
        assert_eq!(client.trace()[1], "  decide: refresh");
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s5_refresh_cannot_widen_scope() {
    bounded(async {
        let server = TestServer::start(Config::default()).await.unwrap();
        let (_, refresh) = server.issue("files:read", 0, 3600, None, true);
        // Asked directly: the refresh grant refuses a wider scope (RFC 6749 §6).
        let body = format!(
            "grant_type=refresh_token&refresh_token={}&scope=files%3Aread+files%3Awrite",
            refresh.unwrap()
        );
        let reply = signpost_e2e::post_form(&server.token_endpoint(), body, Duration::from_secs(2))
            .await
            .unwrap();
        assert_eq!((reply.status, reply.body.as_str()), (400, r#"{"error":"invalid_scope"}"#));
        assert_eq!(
            server.log(),
            ["POST /as/token grant_type=refresh_token scope=\"files:read files:write\" -> 400"]
        );
        server.shutdown();
    })
    .await;
}

async fn refused(config: Config, client: Client) -> (String, Vec<String>) {
    let server = TestServer::start(config).await.unwrap();
    let mut client = client;
    let err = client.get(&server.resource_url()).await.unwrap_err();
    let log = server.log();
    server.shutdown();
    (err.to_string(), log)
}

#[tokio::test]
async fn s6_hostile_resource_metadata_on_loopback_or_private_address() {
    bounded(async {
        // The happy path's server, but the client's guard is strict.
        let (err, log) = refused(Config::default(), Client::new(Guard::new())).await;
        assert_eq!(err, "resource_metadata refused: loopback address");
        assert_eq!(log, ["GET /resource -> 401"]);

        let at = |url: &str| Config {
            hostile: Some(Hostile::ResourceMetadataAt(url.to_owned())),
            ..Config::default()
        };
        let loopback = at("https://127.0.0.1:{port}/.well-known/oauth-protected-resource/resource");
        let (err, log) = refused(loopback, Client::new(Guard::new())).await;
        assert_eq!(err, "resource_metadata refused: loopback address");
        assert_eq!(log, ["GET /resource -> 401"]);

        let private = at("https://10.0.0.7/.well-known/oauth-protected-resource/resource");
        let (err, log) = refused(private, Client::new(Guard::new())).await;
        assert_eq!(err, "resource_metadata refused: private address");
        assert_eq!(log, ["GET /resource -> 401"]);

        let metadata = at("https://169.254.169.254/latest/meta-data");
        let (err, _) = refused(metadata, local()).await;
        assert_eq!(err, "resource_metadata refused: link-local address");
    })
    .await;
}

#[tokio::test]
async fn s6_hostile_resource_mismatch() {
    bounded(async {
        let config = Config { hostile: Some(Hostile::WrongResource), ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let resource = server.resource_url();
        let err = local().get(&resource).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "protected resource metadata refused: resource \"{resource}/other\" is not \
                 identical to \"{resource}\" (they differ at byte {}; RFC 9728 §3.3: resource \
                 must be identical to the URL of the request that returned resource_metadata)",
                resource.len()
            )
        );
        assert_eq!(server.log(), ["GET /resource -> 401", PRM]);
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s6_hostile_issuer_mismatch() {
    bounded(async {
        let config = Config { hostile: Some(Hostile::WrongIssuer), ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let issuer = server.issuer();
        let err = local().get(&server.resource_url()).await.unwrap_err();
        let base = issuer.trim_end_matches("/as");
        assert_eq!(
            err.to_string(),
            format!(
                "authorization server metadata refused: issuer \"{base}/attacker\" is not \
                 identical to \"{issuer}\" (they differ at byte {}; RFC 8414 §3.3: issuer must be \
                 identical to the issuer identifier the metadata URL was built from)",
                base.len() + 2 // "/as" and "/attacker" share "/a"
            )
        );
        assert_eq!(server.log(), ["GET /resource -> 401", PRM, ASM]);
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s7_challenges_split_across_lines_beside_negotiate_and_basic() {
    bounded(async {
        let config = Config { other_schemes: true, oauth2_challenge: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let resource = server.resource_url();
        // The lines as they come over the wire.
        let reply = signpost_e2e::get(&resource, &[], Duration::from_secs(2)).await.unwrap();
        let lines: Vec<&str> =
            reply.headers.get_all("www-authenticate").iter().map(|v| v.to_str().unwrap()).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[..2], ["Negotiate", "Basic realm=\"files\""]);
        assert!(lines[2].starts_with("Bearer realm=\"files\""), "{lines:?}");
        assert!(lines[3].starts_with("OAuth2 "), "{lines:?}");

        let mut client = local();
        client.get(&resource).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                "GET /resource -> 401",
                PRM,
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 200",
            ]
        );
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn s4_dpop_from_scratch() {
    bounded(async {
        let config = Config { dpop: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let mut client = local().dpop("key-1");
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                PRM,
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 401",
                "GET /resource -> 200",
            ]
        );
        assert!(client.trace().iter().any(|l| l == "  got a DPoP token for scope \"files:read\""));
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn requests_are_bounded() {
    bounded(async {
        // The token is bound to no key (issued without a proof) but presented as a DPoP
        // token: the server says invalid_token, the client authorizes again, is asked for
        // the nonce, and stops at its bound of requests for the resource.
        let config = Config { dpop: true, ..Config::default() };
        let server = TestServer::start(config).await.unwrap();
        let (access, _) = server.issue("files:read", 0, 3600, None, false);
        let mut client = local()
            .dpop("key-2")
            .holding(&access, "files:read", None, &server.issuer())
            .max_steps(2);
        let err = client.get(&server.resource_url()).await.unwrap_err();
        assert_eq!(err.to_string(), "gave up after 2 requests for the resource");
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 401",
            ]
        );
        server.shutdown();
    })
    .await;
}

#[tokio::test]
async fn all_at_once_dpop_nonce_then_step_up() {
    bounded(async {
        // DPoP with a nonce, step-up, split lines and the OAuth2 challenge together: the
        // client discovers, gets a DPoP token, retries with the nonce, steps up at the
        // issuer it now knows, and gets the resource.
        let config = Config {
            dpop: true,
            max_age: Some(300),
            other_schemes: true,
            oauth2_challenge: true,
            ..Config::default()
        };
        let server = TestServer::start(config).await.unwrap();
        let mut client = local().dpop("key-1");
        client.get(&server.resource_url()).await.unwrap();
        assert_eq!(
            server.log(),
            [
                "GET /resource -> 401",
                PRM,
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" -> 200",
                "GET /resource -> 401",
                "GET /resource -> 401",
                ASM,
                "POST /as/token grant_type=authorization_code scope=\"files:read\" max_age=300 -> 200",
                "GET /resource -> 200",
            ]
        );
        let decisions: Vec<&str> = client
            .trace()
            .iter()
            .filter_map(|l| l.strip_prefix("  decide: "))
            .map(|l| l.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(decisions, ["authorize", "retry", "step"]);
        server.shutdown();
    })
    .await;
}
