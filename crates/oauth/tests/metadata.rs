//! The metadata documents (serde): the RFC examples, borrowing, unknown members, the
//! exact-match checks.
#![cfg(feature = "serde")]

extern crate alloc;

use alloc::borrow::Cow;

use signpost_oauth::{
    AuthorizationServerMetadata, Issuer, ResourceId, ResourceMetadata, ResourceMetadataUrl, Rule,
};

/// RFC 9728 §3.2, the example response body, verbatim.
const RFC_9728_EXAMPLE: &str = r#"{
 "resource":
   "https://resource.example.com",
 "authorization_servers":
   ["https://as1.example.com",
    "https://as2.example.net"],
 "bearer_methods_supported":
   ["header", "body"],
 "scopes_supported":
   ["profile", "email", "phone"],
 "resource_documentation":
   "https://resource.example.com/resource_documentation.html"
}"#;

/// RFC 8414 §3.2, the example response body, verbatim.
const RFC_8414_EXAMPLE: &str = r#"{
 "issuer":
   "https://server.example.com",
 "authorization_endpoint":
   "https://server.example.com/authorize",
 "token_endpoint":
   "https://server.example.com/token",
 "token_endpoint_auth_methods_supported":
   ["client_secret_basic", "private_key_jwt"],
 "token_endpoint_auth_signing_alg_values_supported":
   ["RS256", "ES256"],
 "userinfo_endpoint":
   "https://server.example.com/userinfo",
 "jwks_uri":
   "https://server.example.com/jwks.json",
 "registration_endpoint":
   "https://server.example.com/register",
 "scopes_supported":
   ["openid", "profile", "email", "address",
    "phone", "offline_access"],
 "response_types_supported":
   ["code", "code token"],
 "service_documentation":
   "http://server.example.com/service_documentation.html",
 "ui_locales_supported":
   ["en-US", "en-GB", "en-CA", "fr-FR", "fr-CA"]
}"#;

fn strs<'a>(v: &'a Option<Vec<Cow<'_, str>>>) -> Vec<&'a str> {
    v.iter().flatten().map(|s| &**s).collect()
}

fn all_borrowed(v: &Option<Vec<Cow<'_, str>>>) -> bool {
    v.iter().flatten().all(|s| matches!(s, Cow::Borrowed(_)))
}

#[test]
fn rfc_9728_example_document() {
    let doc: ResourceMetadata = serde_json::from_str(RFC_9728_EXAMPLE).unwrap();
    assert_eq!(doc.resource, "https://resource.example.com");
    assert_eq!(
        strs(&doc.authorization_servers),
        ["https://as1.example.com", "https://as2.example.net"]
    );
    assert_eq!(strs(&doc.bearer_methods_supported), ["header", "body"]);
    assert_eq!(strs(&doc.scopes_supported), ["profile", "email", "phone"]);
    assert_eq!(
        doc.resource_documentation.as_deref(),
        Some("https://resource.example.com/resource_documentation.html")
    );
    assert_eq!(doc.jwks_uri, None);
    assert_eq!(doc.tls_client_certificate_bound_access_tokens, None);
    // Zero-copy: nothing in the example needs unescaping.
    assert!(matches!(doc.resource, Cow::Borrowed(_)));
    assert!(all_borrowed(&doc.authorization_servers) && all_borrowed(&doc.scopes_supported));
    assert!(matches!(doc.resource_documentation, Some(Cow::Borrowed(_))));

    // The document was fetched from the RFC 9728 §3.1 URL of https://resource.example.com.
    let resource = ResourceId::parse("https://resource.example.com").unwrap();
    doc.check(&resource.metadata_url()).unwrap();
    // ...but it does not describe https://resource.example.com/resource1.
    let other = ResourceId::parse("https://resource.example.com/resource1").unwrap();
    let url = other.metadata_url();
    let err = doc.check(&url).unwrap_err();
    assert_eq!(err.rule(), Rule::ResourceIdentifier);
    assert_eq!(err.expected(), "https://resource.example.com/resource1");
    assert_eq!(err.found(), "https://resource.example.com");
    assert_eq!(err.first_difference(), 28);

    assert_eq!(
        doc.urls().collect::<Vec<_>>(),
        [
            ("authorization_servers", "https://as1.example.com"),
            ("authorization_servers", "https://as2.example.net"),
        ]
    );
}

#[test]
fn rfc_8414_example_document() {
    let doc: AuthorizationServerMetadata = serde_json::from_str(RFC_8414_EXAMPLE).unwrap();
    assert_eq!(doc.issuer, "https://server.example.com");
    assert_eq!(doc.authorization_endpoint.as_deref(), Some("https://server.example.com/authorize"));
    assert_eq!(doc.token_endpoint.as_deref(), Some("https://server.example.com/token"));
    assert_eq!(
        strs(&doc.token_endpoint_auth_methods_supported),
        ["client_secret_basic", "private_key_jwt"]
    );
    assert_eq!(strs(&doc.token_endpoint_auth_signing_alg_values_supported), ["RS256", "ES256"]);
    assert_eq!(doc.userinfo_endpoint.as_deref(), Some("https://server.example.com/userinfo"));
    assert_eq!(doc.jwks_uri.as_deref(), Some("https://server.example.com/jwks.json"));
    assert_eq!(doc.registration_endpoint.as_deref(), Some("https://server.example.com/register"));
    assert_eq!(
        strs(&doc.scopes_supported),
        ["openid", "profile", "email", "address", "phone", "offline_access"]
    );
    assert_eq!(strs(&doc.response_types_supported), ["code", "code token"]);
    assert_eq!(
        doc.service_documentation.as_deref(),
        Some("http://server.example.com/service_documentation.html")
    );
    assert_eq!(strs(&doc.ui_locales_supported), ["en-US", "en-GB", "en-CA", "fr-FR", "fr-CA"]);
    assert_eq!(doc.code_challenge_methods_supported, None);
    assert!(matches!(doc.issuer, Cow::Borrowed(_)));

    let issuer = Issuer::parse("https://server.example.com").unwrap();
    for url in issuer.probe() {
        doc.check(&url).unwrap();
    }
    assert_eq!(
        doc.urls().collect::<Vec<_>>(),
        [
            ("authorization_endpoint", "https://server.example.com/authorize"),
            ("token_endpoint", "https://server.example.com/token"),
            ("jwks_uri", "https://server.example.com/jwks.json"),
            ("registration_endpoint", "https://server.example.com/register"),
            ("userinfo_endpoint", "https://server.example.com/userinfo"),
        ]
    );
}

#[test]
fn issuer_mismatch_names_both_strings() {
    // MCP 2026-07-28: a document from attacker.example claiming honest.example, or the
    // reverse.
    let doc: AuthorizationServerMetadata = serde_json::from_str(RFC_8414_EXAMPLE).unwrap();
    let issuer = Issuer::parse("https://server.example.com/tenant1").unwrap();
    let urls: Vec<_> = issuer.probe().collect();
    let err = doc.check(&urls[0]).unwrap_err();
    assert_eq!(err.rule(), Rule::Issuer);
    assert_eq!(
        (err.expected(), err.found()),
        ("https://server.example.com/tenant1", "https://server.example.com")
    );
    let err = doc.check(&urls[2]).unwrap_err();
    assert_eq!(err.rule(), Rule::OpenIdIssuer);
    assert_eq!(
        err.to_string(),
        "issuer \"https://server.example.com\" is not identical to \
         \"https://server.example.com/tenant1\" (they differ at byte 26; OpenID Connect \
         Discovery 1.0 §4.3: issuer must be identical to the issuer the configuration URL was \
         built from)"
    );
}

#[test]
fn resource_from_challenge_must_equal_the_request_url() {
    let doc: ResourceMetadata =
        serde_json::from_str(r#"{"resource":"https://mcp.example.com/mcp"}"#).unwrap();
    let url = ResourceMetadataUrl::from_challenge(
        "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
        "https://mcp.example.com/mcp",
    );
    doc.check(&url).unwrap();
    let url = ResourceMetadataUrl::from_challenge(
        "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
        "https://mcp.example.com/mcp/",
    );
    let err = doc.check(&url).unwrap_err();
    assert_eq!(err.rule(), Rule::RequestUrl);
    assert_eq!(err.first_difference(), 27);
}

#[test]
fn python_sdk_1400_documents() {
    let doc: ResourceMetadata = serde_json::from_str(
        r#"{"resource":"http://localhost:8001/","authorization_servers":["http://localhost:9000"]}"#,
    )
    .unwrap();
    let resource = ResourceId::parse("http://localhost:8001/mcp").unwrap();
    for url in resource.probe(None) {
        let err = doc.check(&url).unwrap_err();
        assert_eq!(
            (err.expected(), err.found()),
            ("http://localhost:8001/mcp", "http://localhost:8001/")
        );
    }
}

#[test]
fn escapes_force_a_copy_and_are_decoded() {
    let json = r#"{"resource":"https:\/\/r.example\/a\u0062c","scopes_supported":["a","b\"c"]}"#;
    let doc: ResourceMetadata = serde_json::from_str(json).unwrap();
    assert_eq!(doc.resource, "https://r.example/abc");
    assert!(matches!(doc.resource, Cow::Owned(_)));
    assert!(matches!(doc.scopes_supported.as_deref(), Some([Cow::Borrowed("a"), Cow::Owned(_)])));
    assert_eq!(strs(&doc.scopes_supported), ["a", "b\"c"]);
    // The check compares the decoded text.
    let resource = ResourceId::parse("https://r.example/abc").unwrap();
    doc.check(&resource.metadata_url()).unwrap();
}

#[test]
fn unknown_members_are_ignored_and_null_is_absent() {
    let json = r#"{
        "resource": "https://r.example",
        "x_custom": {"nested": [1, 2, {"deep": null}]},
        "resource_name#fr": "Ressource",
        "signed_jwks_uri": "https://r.example/signed",
        "jwks_uri": null,
        "dpop_bound_access_tokens_required": true
    }"#;
    let doc: ResourceMetadata = serde_json::from_str(json).unwrap();
    assert_eq!(doc.resource, "https://r.example");
    assert_eq!(doc.jwks_uri, None);
    assert_eq!(doc.resource_name, None);
    assert_eq!(doc.dpop_bound_access_tokens_required, Some(true));

    let json = r#"{"issuer":"https://as.example","mtls_endpoint_aliases":{"token_endpoint":"https://mtls.as.example/token"},"grant_types_supported":null}"#;
    let doc: AuthorizationServerMetadata = serde_json::from_str(json).unwrap();
    assert_eq!(doc.grant_types_supported, None);
}

#[test]
fn every_registered_resource_member() {
    let json = r#"{
        "resource": "https://r.example/api",
        "authorization_servers": ["https://as.example"],
        "jwks_uri": "https://r.example/jwks.json",
        "scopes_supported": ["read", "write"],
        "bearer_methods_supported": ["header"],
        "resource_signing_alg_values_supported": ["ES256"],
        "resource_name": "Example API",
        "resource_documentation": "https://r.example/docs",
        "resource_policy_uri": "https://r.example/policy",
        "resource_tos_uri": "https://r.example/tos",
        "tls_client_certificate_bound_access_tokens": true,
        "authorization_details_types_supported": ["payment_initiation"],
        "dpop_signing_alg_values_supported": ["ES256", "PS256"],
        "dpop_bound_access_tokens_required": false,
        "signed_metadata": "eyJhbGciOiJFUzI1NiJ9.e30.sig"
    }"#;
    let doc: ResourceMetadata = serde_json::from_str(json).unwrap();
    assert_eq!(doc.resource_signing_alg_values_supported.as_deref(), Some(&["ES256".into()][..]));
    assert_eq!(doc.resource_name.as_deref(), Some("Example API"));
    assert_eq!(doc.resource_policy_uri.as_deref(), Some("https://r.example/policy"));
    assert_eq!(doc.resource_tos_uri.as_deref(), Some("https://r.example/tos"));
    assert_eq!(doc.tls_client_certificate_bound_access_tokens, Some(true));
    assert_eq!(strs(&doc.authorization_details_types_supported), ["payment_initiation"]);
    assert_eq!(strs(&doc.dpop_signing_alg_values_supported), ["ES256", "PS256"]);
    assert_eq!(doc.dpop_bound_access_tokens_required, Some(false));
    assert_eq!(doc.signed_metadata.as_deref(), Some("eyJhbGciOiJFUzI1NiJ9.e30.sig"));
    assert_eq!(
        doc.urls().collect::<Vec<_>>(),
        [
            ("authorization_servers", "https://as.example"),
            ("jwks_uri", "https://r.example/jwks.json")
        ]
    );
    // Round trip: serialise, parse again, same document; the owned copy too.
    let text = serde_json::to_string(&doc).unwrap();
    let again: ResourceMetadata = serde_json::from_str(&text).unwrap();
    assert_eq!(again, doc);
    let owned: ResourceMetadata<'static> = doc.clone().into_owned();
    assert_eq!(owned, doc);
}

#[test]
fn the_members_mcp_and_later_rfcs_added() {
    let json = r#"{
        "issuer": "https://as.example",
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "revocation_endpoint": "https://as.example/revoke",
        "introspection_endpoint": "https://as.example/introspect",
        "protected_resources": ["https://mcp.example/mcp"],
        "authorization_response_iss_parameter_supported": true,
        "dpop_signing_alg_values_supported": ["ES256"],
        "client_id_metadata_document_supported": true,
        "pushed_authorization_request_endpoint": "https://as.example/par",
        "require_pushed_authorization_requests": false,
        "device_authorization_endpoint": "https://as.example/device"
    }"#;
    let doc: AuthorizationServerMetadata = serde_json::from_str(json).unwrap();
    assert_eq!(strs(&doc.code_challenge_methods_supported), ["S256"]);
    assert_eq!(strs(&doc.grant_types_supported), ["authorization_code", "refresh_token"]);
    assert_eq!(strs(&doc.protected_resources), ["https://mcp.example/mcp"]);
    assert_eq!(doc.authorization_response_iss_parameter_supported, Some(true));
    assert_eq!(strs(&doc.dpop_signing_alg_values_supported), ["ES256"]);
    assert_eq!(doc.client_id_metadata_document_supported, Some(true));
    assert_eq!(doc.require_pushed_authorization_requests, Some(false));
    assert_eq!(
        doc.urls().collect::<Vec<_>>(),
        [
            ("revocation_endpoint", "https://as.example/revoke"),
            ("introspection_endpoint", "https://as.example/introspect"),
            ("pushed_authorization_request_endpoint", "https://as.example/par"),
            ("device_authorization_endpoint", "https://as.example/device"),
        ]
    );
    let text = serde_json::to_string(&doc).unwrap();
    let again: AuthorizationServerMetadata = serde_json::from_str(&text).unwrap();
    assert_eq!(again, doc);
    assert_eq!(doc.clone().into_owned(), doc);
}

#[test]
fn documents_that_must_be_refused() {
    #[track_caller]
    fn resource_err(json: &str, message: &str) {
        let e = serde_json::from_str::<ResourceMetadata>(json).unwrap_err();
        assert_eq!(e.to_string(), message, "{json}");
    }
    #[track_caller]
    fn issuer_err(json: &str, message: &str) {
        let e = serde_json::from_str::<AuthorizationServerMetadata>(json).unwrap_err();
        assert_eq!(e.to_string(), message, "{json}");
    }
    resource_err("{}", "missing field `resource` at line 1 column 2");
    resource_err(
        r#"{"resource":null}"#,
        "invalid type: null, expected a string at line 1 column 16",
    );
    resource_err(
        r#"{"resource":"https://a","resource":"https://b"}"#,
        "duplicate field `resource` at line 1 column 34",
    );
    resource_err(
        r#"{"resource":"https://a","scopes_supported":"a b"}"#,
        "invalid type: string \"a b\", expected a sequence at line 1 column 48",
    );
    resource_err(
        r#"{"resource":"https://a","dpop_bound_access_tokens_required":"yes"}"#,
        "invalid type: string \"yes\", expected a boolean at line 1 column 65",
    );
    resource_err(
        "[]",
        "invalid type: sequence, expected struct ResourceMetadata at line 1 column 0",
    );
    issuer_err(r#"{"token_endpoint":"https://t"}"#, "missing field `issuer` at line 1 column 30");
    issuer_err(
        r#"{"issuer":1}"#,
        "invalid type: integer `1`, expected a string at line 1 column 11",
    );
}

#[test]
fn a_server_can_publish_a_document() {
    let mut doc = ResourceMetadata::new("https://mcp.example.com/mcp");
    doc.authorization_servers = Some(vec!["https://auth.example.com".into()]);
    doc.scopes_supported = Some(vec!["files:read".into()]);
    assert_eq!(
        serde_json::to_string(&doc).unwrap(),
        r#"{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["files:read"]}"#
    );
    let doc = AuthorizationServerMetadata::new(String::from("https://auth.example.com"));
    assert_eq!(serde_json::to_string(&doc).unwrap(), r#"{"issuer":"https://auth.example.com"}"#);
}
