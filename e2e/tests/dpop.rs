//! DPoP proofs (RFC 9449) against the e2e server over loopback: each way a proof can be
//! wrong (RFC 9449 §4.3's checks, the `ath` and key binding of §7.1, the replay of §11.1)
//! is `invalid_dpop_proof` with the reason in `error_description`; a missing or stale nonce
//! is `use_dpop_nonce` with a fresh `DPoP-Nonce` (§9), and the request then succeeds with
//! it. The RFC's own example proofs check out against [`dpop::verify`].

use std::time::Duration;

use serde_json::{json, Map, Value};
use signpost_e2e::dpop::{self, Expected, Key};
use signpost_e2e::server::{Config, TestServer};
use signpost_e2e::Reply;

const TIMEOUT: Duration = Duration::from_secs(5);

/// A DPoP resource server, a key, and an access token bound to the key.
struct Setup {
    server: TestServer,
    key: Key,
    token: String,
    url: String,
}

async fn setup() -> Setup {
    let server = TestServer::start(Config { dpop: true, ..Config::default() }).await.unwrap();
    let key = Key::from_seed("key-1");
    let (token, _) = server.issue("files:read", 0, 3600, Some(&key.thumbprint()), false);
    let url = server.resource_url();
    Setup { server, key, token, url }
}

impl Setup {
    /// The claims of a good proof for `GET` of the resource: nonce and `ath` included.
    fn claims(&self) -> Map<String, Value> {
        let mut claims = self.key.claims("GET", &self.url, dpop::now());
        claims.insert("nonce".to_owned(), json!(self.server.nonce()));
        claims.insert("ath".to_owned(), json!(dpop::ath(&self.token)));
        claims
    }

    fn sign(&self, claims: Map<String, Value>) -> String {
        self.key.sign(&self.key.header(), &Value::Object(claims))
    }

    /// `GET` of the resource with the token and `proof`.
    async fn get(&self, proof: &str) -> Reply {
        let headers =
            [("authorization", format!("DPoP {}", self.token)), ("dpop", proof.to_owned())];
        signpost_e2e::get(&self.url, &headers, TIMEOUT).await.unwrap()
    }
}

fn challenge(reply: &Reply) -> String {
    let lines: Vec<&str> =
        reply.headers.get_all("www-authenticate").iter().filter_map(|v| v.to_str().ok()).collect();
    lines.join("\n")
}

/// 401 `invalid_dpop_proof` whose description contains `reason`, and no nonce sent.
fn assert_refused(reply: &Reply, reason: &str) {
    let challenge = challenge(reply);
    assert_eq!(reply.status, 401, "{challenge}");
    assert!(challenge.contains("error=\"invalid_dpop_proof\""), "{challenge}");
    assert!(challenge.contains(reason), "{reason:?} not in {challenge}");
    assert!(reply.headers.get("dpop-nonce").is_none());
}

/// 401 `use_dpop_nonce` with `DPoP-Nonce: nonce`.
fn assert_nonce_asked(reply: &Reply, nonce: &str) {
    let challenge = challenge(reply);
    assert_eq!(reply.status, 401, "{challenge}");
    assert!(challenge.contains("error=\"use_dpop_nonce\""), "{challenge}");
    assert_eq!(reply.headers.get("dpop-nonce").unwrap(), nonce);
}

#[tokio::test]
async fn a_good_proof_gets_the_resource() {
    let s = setup().await;
    let reply = s.get(&s.key.proof("GET", &s.url, Some("n-1"), Some(&s.token))).await;
    assert_eq!(reply.status, 200, "{}", challenge(&reply));
}

#[tokio::test]
async fn htu_is_compared_after_normalisation() {
    // RFC 9449 §4.3 item 9: query and fragment ignored; RFC 9110 §4.2.3: scheme and host
    // are case-insensitive.
    let s = setup().await;
    let mut claims = s.claims();
    let loud = s.url.replace("http://", "HTTP://") + "?page=2#top";
    claims.insert("htu".to_owned(), json!(loud));
    assert_eq!(s.get(&s.sign(claims)).await.status, 200);
}

#[tokio::test]
async fn typ_in_any_case_and_iat_with_a_fraction() {
    // RFC 7515 §4.1.9: media types are case-insensitive; RFC 7519 §2: a NumericDate may
    // have a fraction.
    let s = setup().await;
    let mut header = s.key.header();
    header["typ"] = json!("DPoP+JWT");
    let mut claims = s.claims();
    claims.insert("iat".to_owned(), json!(dpop::now() as f64 + 0.25));
    assert_eq!(s.get(&s.key.sign(&header, &Value::Object(claims))).await.status, 200);
}

#[test]
fn htu_normalisation() {
    let n = dpop::normalize_htu;
    assert_eq!(
        n("HTTPS://Server.Example.COM:443/token?x=1").unwrap(),
        "https://server.example.com/token"
    );
    assert_eq!(n("http://a.example:80").unwrap(), "http://a.example/");
    assert_eq!(n("http://[::1]:80/r#f").unwrap(), "http://[::1]/r");
    assert_eq!(n("http://a.example:8080/r").unwrap(), "http://a.example:8080/r");
    // The path is case-sensitive.
    assert_ne!(n("http://a.example/R"), n("http://a.example/r"));
    assert_eq!(n("ftp://a.example/"), None);
    assert_eq!(n("/token"), None);
}

#[tokio::test]
async fn wrong_htm() {
    let s = setup().await;
    let mut claims = s.claims();
    claims.insert("htm".to_owned(), json!("POST"));
    assert_refused(&s.get(&s.sign(claims)).await, "htm POST is not the request");
}

#[tokio::test]
async fn wrong_htu() {
    let s = setup().await;
    let mut claims = s.claims();
    claims.insert("htu".to_owned(), json!(format!("http://{}/other", s.server.addr())));
    assert_refused(&s.get(&s.sign(claims)).await, "is not the request");
    // Another port is another origin.
    let mut claims = s.claims();
    claims.insert("htu".to_owned(), json!(format!("http://127.0.0.1:1{}", "/resource")));
    assert_refused(&s.get(&s.sign(claims)).await, "is not the request");
}

#[tokio::test]
async fn stale_or_future_iat() {
    let s = setup().await;
    for iat in [dpop::now() - 120, dpop::now() + 120] {
        let mut claims = s.claims();
        claims.insert("iat".to_owned(), json!(iat));
        assert_refused(&s.get(&s.sign(claims)).await, "iat is more than 60 s");
    }
}

#[tokio::test]
async fn replayed_jti() {
    let s = setup().await;
    let proof = s.sign(s.claims());
    assert_eq!(s.get(&proof).await.status, 200);
    assert_refused(&s.get(&proof).await, "jti was used before");
    // The same jti in a proof signed anew is a replay too.
    let mut claims = s.claims();
    claims.insert("jti".to_owned(), dpop_jti(&proof));
    assert_refused(&s.get(&s.sign(claims)).await, "jti was used before");
}

fn dpop_jti(proof: &str) -> Value {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let claims = proof.split('.').nth(1).unwrap();
    let claims: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(claims).unwrap()).unwrap();
    claims["jti"].clone()
}

#[tokio::test]
async fn a_proof_by_another_key_than_the_token_is_bound_to() {
    let s = setup().await;
    let other = Key::from_seed("key-2");
    let proof = other.proof("GET", &s.url, Some("n-1"), Some(&s.token));
    assert_refused(&s.get(&proof).await, "not the key the token is bound to");
}

#[tokio::test]
async fn missing_or_wrong_ath() {
    let s = setup().await;
    let mut claims = s.claims();
    claims.remove("ath");
    assert_refused(&s.get(&s.sign(claims)).await, "no ath");
    let mut claims = s.claims();
    claims.insert("ath".to_owned(), json!(dpop::ath("another token")));
    assert_refused(&s.get(&s.sign(claims)).await, "ath is not the hash of the access token");
}

#[tokio::test]
async fn alg_none() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let s = setup().await;
    let header = json!({ "typ": "dpop+jwt", "alg": "none", "jwk": s.key.jwk() });
    let b64 = |v: &Value| Base64UrlUnpadded::encode_string(v.to_string().as_bytes());
    let unsigned = format!("{}.{}.", b64(&header), b64(&Value::Object(s.claims())));
    assert_refused(&s.get(&unsigned).await, "alg none is not supported");
    // Signed, but saying none.
    assert_refused(&s.get(&s.key.sign(&header, &Value::Object(s.claims()))).await, "alg none");
}

#[tokio::test]
async fn other_algorithms_and_types() {
    let s = setup().await;
    let mut header = s.key.header();
    header["alg"] = json!("HS256");
    assert_refused(&s.get(&s.key.sign(&header, &Value::Object(s.claims()))).await, "alg HS256");
    let mut header = s.key.header();
    header["typ"] = json!("JWT");
    assert_refused(&s.get(&s.key.sign(&header, &Value::Object(s.claims()))).await, "typ is not");
}

#[tokio::test]
async fn a_jwk_with_a_private_member() {
    let s = setup().await;
    let mut header = s.key.header();
    header["jwk"] = s.key.private_jwk();
    let proof = s.key.sign(&header, &Value::Object(s.claims()));
    assert_refused(&s.get(&proof).await, "jwk has the private member");
}

#[tokio::test]
async fn a_bad_signature() {
    let s = setup().await;
    // Signed by another key under this key's jwk.
    let other = Key::from_seed("key-2");
    let proof = other.sign(&s.key.header(), &Value::Object(s.claims()));
    assert_refused(&s.get(&proof).await, "the signature does not verify");
    // One character of a good signature changed.
    let mut proof = s.sign(s.claims()).into_bytes();
    let i = proof.len() - 20;
    proof[i] = if proof[i] == b'A' { b'B' } else { b'A' };
    assert_refused(&s.get(&String::from_utf8(proof).unwrap()).await, "does not verify");
    // Claims changed after signing.
    let good = s.sign(s.claims());
    let mut parts: Vec<&str> = good.split('.').collect();
    let forged = s.sign(s.claims());
    parts[1] = forged.split('.').nth(1).unwrap();
    assert_refused(&s.get(&parts.join(".")).await, "does not verify");
}

#[tokio::test]
async fn no_proof_or_not_a_jws() {
    let s = setup().await;
    let headers = [("authorization", format!("DPoP {}", s.token))];
    let reply = signpost_e2e::get(&s.url, &headers, TIMEOUT).await.unwrap();
    assert_refused(&reply, "no DPoP proof");
    assert_refused(&s.get("jkt=key-1; nonce=n-1").await, "not a compact JWS");
}

#[tokio::test]
async fn missing_nonce_then_the_nonce() {
    let s = setup().await;
    let mut claims = s.claims();
    claims.remove("nonce");
    assert_nonce_asked(&s.get(&s.sign(claims)).await, "n-1");
    assert_eq!(s.get(&s.key.proof("GET", &s.url, Some("n-1"), Some(&s.token))).await.status, 200);
}

#[tokio::test]
async fn stale_nonce_then_the_fresh_one() {
    let s = setup().await;
    let fresh = s.server.rotate_nonce();
    assert_eq!(fresh, "n-2");
    let proof = s.key.proof("GET", &s.url, Some("n-1"), Some(&s.token));
    assert_nonce_asked(&s.get(&proof).await, "n-2");
    assert_eq!(s.get(&s.key.proof("GET", &s.url, Some("n-2"), Some(&s.token))).await.status, 200);
}

#[tokio::test]
async fn the_token_endpoint_binds_to_the_proof_key_and_refuses_bad_proofs() {
    let s = setup().await;
    let endpoint = s.server.token_endpoint();
    let body = "grant_type=authorization_code&scope=files%3Aread".to_owned();
    let post = |proof: String| {
        let body = body.clone();
        let endpoint = endpoint.clone();
        async move {
            signpost_e2e::post_form_with(&endpoint, &[("dpop", proof)], body, TIMEOUT)
                .await
                .unwrap()
        }
    };
    // A proof for the resource (htm GET, htu the resource) is no proof for the token request.
    let reply = post(s.key.proof("GET", &endpoint, None, None)).await;
    assert_eq!(reply.status, 400);
    let error: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(error["error"], "invalid_dpop_proof");
    assert_eq!(error["error_description"], "htm GET is not the request's method");
    let reply = post(s.key.proof("POST", &s.url, None, None)).await;
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["error"], "invalid_dpop_proof");
    // A good one: a DPoP token bound to this key, and the resource takes it with this key
    // only.
    let key = Key::from_seed("key-3");
    let reply = post(key.proof("POST", &endpoint, None, None)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let grant: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(grant["token_type"], "DPoP");
    let token = grant["access_token"].as_str().unwrap();
    let get = |key: &Key| {
        let headers = [
            ("authorization", format!("DPoP {token}")),
            ("dpop", key.proof("GET", &s.url, Some("n-1"), Some(token))),
        ];
        let url = s.url.clone();
        async move { signpost_e2e::get(&url, &headers, TIMEOUT).await.unwrap() }
    };
    assert_refused(&get(&s.key).await, "not the key the token is bound to");
    assert_eq!(get(&key).await.status, 200);
}

/// RFC 9449 §4.1 Figure 3 (the proof of the token request in §5, Figure 4) and §6.1 (its
/// key's thumbprint in `cnf.jkt`): the example verifies at its own time and URL.
#[test]
fn rfc9449_token_request_proof() {
    let proof = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
    let expected = Expected {
        method: "POST",
        url: "https://server.example.com/token",
        now: 1_562_262_616,
        access_token: None,
    };
    let verified = dpop::verify(proof, &expected).unwrap();
    assert_eq!(verified.jkt, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    assert_eq!(verified.jti, "-BwC3ESc6acc2lTc");
    assert_eq!(verified.nonce, None);
    assert_eq!(
        dpop::thumbprint(
            "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
            "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"
        ),
        "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
    );
    // Two minutes later it is stale; at another endpoint it is someone else's.
    let later = Expected { now: 1_562_262_736, ..expected };
    assert!(dpop::verify(proof, &later).unwrap_err().starts_with("iat is more than"));
    let elsewhere = Expected { url: "https://server.example.com/other", ..expected };
    assert!(dpop::verify(proof, &elsewhere).is_err());
}

/// RFC 9449 §7.1 Figures 12 and 13: the access token, and the proof for the protected
/// resource with its `ath`.
#[test]
fn rfc9449_protected_resource_proof() {
    let token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    assert_eq!(dpop::ath(token), "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    let proof = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
    let expected = Expected {
        method: "GET",
        url: "https://resource.example.org/protectedresource",
        now: 1_562_262_618,
        access_token: Some(token),
    };
    let verified = dpop::verify(proof, &expected).unwrap();
    assert_eq!(verified.jkt, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    assert_eq!(verified.jti, "e1j3V_bKic8-LAEB");
    let other_token = Expected { access_token: Some("another token"), ..expected };
    assert_eq!(
        dpop::verify(proof, &other_token).unwrap_err(),
        "ath is not the hash of the access token"
    );
}

/// A key made from a seed is the same key every time, and its proofs verify with the
/// server's checks.
#[test]
fn seeded_keys_are_reproducible_and_their_proofs_verify() {
    let a = Key::from_seed("key-1");
    assert_eq!(a.thumbprint(), Key::from_seed("key-1").thumbprint());
    assert_ne!(a.thumbprint(), Key::from_seed("key-2").thumbprint());
    let url = "http://127.0.0.1:8080/resource";
    let proof = a.proof("GET", url, Some("n-1"), Some("at-1"));
    let expected = Expected { method: "GET", url, now: dpop::now(), access_token: Some("at-1") };
    let verified = dpop::verify(&proof, &expected).unwrap();
    assert_eq!(verified.jkt, a.thumbprint());
    assert_eq!(verified.nonce.as_deref(), Some("n-1"));
    // Two proofs never share a jti.
    let again = dpop::verify(&a.proof("GET", url, None, Some("at-1")), &expected).unwrap();
    assert_ne!(again.jti, verified.jti);
}
