//! Inputs shared by the signpost benches: real header values, named so that bench ids are
//! stable from run to run (`challenge/<input>/<impl>`).

/// `WWW-Authenticate` values a resource server sends, by name.
pub const CHALLENGES: &[(&str, &str)] = &[
    (
        "bearer-error",
        r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    ),
    (
        "rfc9728",
        r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write""#,
    ),
    (
        "dpop-nonce",
        r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 PS256""#,
    ),
    (
        "step-up",
        r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR", max_age=5"#,
    ),
    (
        "docker",
        r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#,
    ),
    ("newauth", r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#),
    (
        "digest",
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
    ),
    ("negotiate", "Negotiate YIIFyQYGKwYBBQUCoIIFvTCCBbmgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCqKCBYMEggV/YIIFewYJKoZIhvcSAQICAQBuggVqMIIFZqADAgEFoQMCAQ6iBwMFACAAAACjggRvYYIEazCCBGegAwIBBaEOGwxFWEFNUExFLkNPTaIlMCOgAwIBAqEcMBobBEhUVFAbEnNlcnZlci5leGFtcGxlLmNvbQ==, NTLM"),
];
