//! Well-known URL construction, probe orders and the exact-match rules.

use core::fmt;

use signpost_oauth::{Issuer, ResourceId, ResourceMetadataUrl, Rule, Suffix, UrlForm};

#[track_caller]
fn resource_url(resource: &str) -> String {
    ResourceId::parse(resource).unwrap().metadata_url().to_string()
}

#[track_caller]
fn issuer_url(issuer: &str) -> String {
    Issuer::parse(issuer).unwrap().metadata_url().to_string()
}

#[track_caller]
fn resource_probe(resource: &str, challenge: Option<&str>) -> Vec<String> {
    ResourceId::parse(resource).unwrap().probe(challenge).map(|u| u.to_string()).collect()
}

#[track_caller]
fn issuer_probe(issuer: &str) -> Vec<String> {
    Issuer::parse(issuer).unwrap().probe().map(|u| u.to_string()).collect()
}

#[test]
fn rfc_9728_section_3_1_examples() {
    // "when the resource identifier is https://resource.example.com ...
    //  GET /.well-known/oauth-protected-resource HTTP/1.1  Host: resource.example.com"
    assert_eq!(
        resource_url("https://resource.example.com"),
        "https://resource.example.com/.well-known/oauth-protected-resource"
    );
    // "when the resource identifier is https://resource.example.com/resource1 ...
    //  GET /.well-known/oauth-protected-resource/resource1 HTTP/1.1"
    assert_eq!(
        resource_url("https://resource.example.com/resource1"),
        "https://resource.example.com/.well-known/oauth-protected-resource/resource1"
    );
}

#[test]
fn rfc_9728_section_3_1_request_lines_are_the_metadata_paths() {
    // The request lines of the RFC 9728 §3.1 examples: the path a resource server routes.
    fn route(s: &str) -> signpost_oauth::MetadataPath<'_> {
        ResourceId::parse(s).unwrap().metadata_path()
    }
    assert_eq!(
        route("https://resource.example.com").to_string(),
        "/.well-known/oauth-protected-resource"
    );
    assert_eq!(
        route("https://resource.example.com/resource1").to_string(),
        "/.well-known/oauth-protected-resource/resource1"
    );
    // A lone "/" goes (also before a query); a trailing "/" after a path stays.
    assert_eq!(route("https://host/").to_string(), "/.well-known/oauth-protected-resource");
    let with_query = route("https://host/?tenant=1");
    assert_eq!(with_query.to_string(), "/.well-known/oauth-protected-resource");
    assert_eq!(with_query.query(), Some("tenant=1"));
    assert_eq!(route("https://host/mcp/").resource_path(), "/mcp/");
    // Compared with a request's path without building it.
    let mcp = route("https://host:8443/public/mcp?x");
    assert!(mcp == "/.well-known/oauth-protected-resource/public/mcp");
    assert!(mcp != "/.well-known/oauth-protected-resource/public/mcp?x");
    assert!(mcp != "/.well-known/oauth-protected-resource/public");
    assert!(mcp != "/.well-known/oauth-authorization-server/public/mcp");
    assert_eq!(mcp.suffix(), "oauth-protected-resource");
    assert!(!mcp.is_empty());
    // Another suffix, and the RFC 8414 §3.1 route of an issuer.
    let suffix = Suffix::new("example-protected-resource").unwrap();
    let resource = ResourceId::parse("https://resource.example.com/resource1").unwrap();
    assert_eq!(
        resource.metadata_path_with(suffix).to_string(),
        "/.well-known/example-protected-resource/resource1"
    );
    let issuer = Issuer::parse("https://example.com/issuer1").unwrap();
    assert_eq!(
        issuer.metadata_path().to_string(),
        "/.well-known/oauth-authorization-server/issuer1"
    );
    assert_eq!(
        issuer.metadata_path_with(Suffix::OPENID_CONFIGURATION).to_string(),
        "/.well-known/openid-configuration/issuer1"
    );
    // Into a fixed buffer.
    let mut buf = heapless::String::<48>::new();
    resource.metadata_path().write_to(&mut buf).unwrap();
    assert_eq!(buf.len(), resource.metadata_path().len());
    let mut small = heapless::String::<8>::new();
    assert!(resource.metadata_path().write_to(&mut small).is_err());
}

#[test]
fn rfc_9728_section_3_application_specific_suffix() {
    let resource = ResourceId::parse("https://resource.example.com/resource1").unwrap();
    let suffix = Suffix::new("example-protected-resource").unwrap();
    assert_eq!(
        resource.metadata_url_with(suffix).to_string(),
        "https://resource.example.com/.well-known/example-protected-resource/resource1"
    );
    const CONST_SUFFIX: Suffix<'static> = Suffix::from_static("example-protected-resource");
    assert_eq!(CONST_SUFFIX, suffix);
}

#[test]
fn rfc_8414_section_3_1_examples() {
    // "GET /.well-known/oauth-authorization-server HTTP/1.1  Host: example.com"
    assert_eq!(
        issuer_url("https://example.com"),
        "https://example.com/.well-known/oauth-authorization-server"
    );
    // "GET /.well-known/oauth-authorization-server/issuer1 HTTP/1.1  Host: example.com"
    assert_eq!(
        issuer_url("https://example.com/issuer1"),
        "https://example.com/.well-known/oauth-authorization-server/issuer1"
    );
}

#[test]
fn rfc_8414_section_5_and_oidc_discovery_section_4() {
    let issuer = Issuer::parse("https://example.com/issuer1").unwrap();
    // RFC 8414 §5: the OpenID suffix inserted the RFC 8414 way.
    assert_eq!(
        issuer.metadata_url_with(Suffix::OPENID_CONFIGURATION).to_string(),
        "https://example.com/.well-known/openid-configuration/issuer1"
    );
    // OpenID Connect Discovery 1.0 §4: appended.
    assert_eq!(
        issuer.openid_configuration_url().to_string(),
        "https://example.com/issuer1/.well-known/openid-configuration"
    );
    // "any terminating / MUST be removed before appending".
    let issuer = Issuer::parse("https://example.com/issuer1/").unwrap();
    assert_eq!(
        issuer.openid_configuration_url().to_string(),
        "https://example.com/issuer1/.well-known/openid-configuration"
    );
    let issuer = Issuer::parse("https://example.com/").unwrap();
    assert_eq!(
        issuer.openid_configuration_url().to_string(),
        "https://example.com/.well-known/openid-configuration"
    );
}

#[test]
fn resource_slash_and_query_rules() {
    // (resource identifier, RFC 9728 §3.1 metadata URL)
    const CASES: &[(&str, &str)] = &[
        // A lone "/" after the host goes (there is a path component).
        (
            "https://resource.example.com/",
            "https://resource.example.com/.well-known/oauth-protected-resource",
        ),
        // A trailing slash at the end of a longer path stays (RFC 9728, unlike RFC 8414).
        ("https://host/mcp/", "https://host/.well-known/oauth-protected-resource/mcp/"),
        ("https://host/mcp", "https://host/.well-known/oauth-protected-resource/mcp"),
        ("https://host//", "https://host/.well-known/oauth-protected-resource//"),
        // The query stays, after the path.
        ("https://host/api?v=2", "https://host/.well-known/oauth-protected-resource/api?v=2"),
        ("https://host/?v=2", "https://host/.well-known/oauth-protected-resource?v=2"),
        ("https://host?v=2", "https://host/.well-known/oauth-protected-resource?v=2"),
        ("https://host/?", "https://host/.well-known/oauth-protected-resource?"),
        // The authority is kept whole: userinfo, port, IP literals.
        ("https://host:8443/a/b", "https://host:8443/.well-known/oauth-protected-resource/a/b"),
        (
            "https://[2001:db8::1]:8443/mcp",
            "https://[2001:db8::1]:8443/.well-known/oauth-protected-resource/mcp",
        ),
        (
            "http://localhost:8001/mcp",
            "http://localhost:8001/.well-known/oauth-protected-resource/mcp",
        ),
        // Nothing is normalised.
        (
            "HTTPS://Host.Example/A%2fB",
            "HTTPS://Host.Example/.well-known/oauth-protected-resource/A%2fB",
        ),
    ];
    for &(resource, expected) in CASES {
        assert_eq!(resource_url(resource), expected, "{resource}");
        let built = ResourceId::parse(resource).unwrap().metadata_url();
        assert_eq!(built.len(), expected.len(), "{resource}");
        assert!(built.eq_str(expected) && built == expected, "{resource}");
        assert!(!built.eq_str(&expected[..expected.len() - 1]), "{resource}");
    }
}

#[test]
fn issuer_slash_rules() {
    const CASES: &[(&str, &str)] = &[
        ("https://example.com/", "https://example.com/.well-known/oauth-authorization-server"),
        (
            "https://example.com/issuer1/",
            "https://example.com/.well-known/oauth-authorization-server/issuer1",
        ),
        (
            "https://example.com/a/b",
            "https://example.com/.well-known/oauth-authorization-server/a/b",
        ),
        // One terminating slash is removed.
        (
            "https://example.com/a//",
            "https://example.com/.well-known/oauth-authorization-server/a/",
        ),
        (
            "https://example.com:8443",
            "https://example.com:8443/.well-known/oauth-authorization-server",
        ),
    ];
    for &(issuer, expected) in CASES {
        assert_eq!(issuer_url(issuer), expected, "{issuer}");
    }
}

#[test]
fn mcp_resource_probe_order() {
    // MCP 2025-11-25: path-inserted, then root.
    assert_eq!(
        resource_probe("https://example.com/public/mcp", None),
        [
            "https://example.com/.well-known/oauth-protected-resource/public/mcp",
            "https://example.com/.well-known/oauth-protected-resource",
        ]
    );
    // No path: one candidate.
    assert_eq!(
        resource_probe("https://example.com", None),
        ["https://example.com/.well-known/oauth-protected-resource"]
    );
    assert_eq!(
        resource_probe("https://example.com/", None),
        ["https://example.com/.well-known/oauth-protected-resource"]
    );
    // A query alone still makes two candidates.
    assert_eq!(
        resource_probe("https://example.com?tenant=a", None),
        [
            "https://example.com/.well-known/oauth-protected-resource?tenant=a",
            "https://example.com/.well-known/oauth-protected-resource",
        ]
    );
    // The challenge's resource_metadata wins, alone.
    let given = "https://mcp.example.com/.well-known/oauth-protected-resource";
    assert_eq!(resource_probe("https://mcp.example.com/mcp", Some(given)), [given]);
}

#[test]
fn mcp_resource_probe_forms_and_expectations() {
    let resource = ResourceId::parse("https://example.com/public/mcp").unwrap();
    let probe = resource.probe(None);
    assert_eq!(probe.len(), 2);
    let forms: Vec<_> = probe.map(|u| (u.form(), u.rule(), u.expected_resource())).collect();
    assert_eq!(
        forms,
        [
            (UrlForm::Inserted, Rule::ResourceIdentifier, "https://example.com/public/mcp"),
            (UrlForm::Root, Rule::ResourceIdentifier, "https://example.com/public/mcp"),
        ]
    );
    let mut probe = resource.probe(Some("https://example.com/prm"));
    let only = probe.next().unwrap();
    assert_eq!((only.form(), only.rule()), (UrlForm::Challenge, Rule::RequestUrl));
    assert_eq!(only.expected_resource(), "https://example.com/public/mcp");
    assert_eq!(probe.next(), None);
    assert_eq!(probe.next(), None);
}

#[test]
fn mcp_issuer_probe_order() {
    // With a path: (1) oauth-authorization-server inserted, (2) openid-configuration
    // inserted, (3) openid-configuration appended.
    assert_eq!(
        issuer_probe("https://auth.example.com/tenant1"),
        [
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
            "https://auth.example.com/.well-known/openid-configuration/tenant1",
            "https://auth.example.com/tenant1/.well-known/openid-configuration",
        ]
    );
    assert_eq!(
        issuer_probe("https://auth.example.com/tenant1/"),
        [
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
            "https://auth.example.com/.well-known/openid-configuration/tenant1",
            "https://auth.example.com/tenant1/.well-known/openid-configuration",
        ]
    );
    // Without a path: (1) oauth-authorization-server, (2) openid-configuration.
    for issuer in ["https://auth.example.com", "https://auth.example.com/"] {
        assert_eq!(
            issuer_probe(issuer),
            [
                "https://auth.example.com/.well-known/oauth-authorization-server",
                "https://auth.example.com/.well-known/openid-configuration",
            ],
            "{issuer}"
        );
    }
    let issuer = Issuer::parse("https://auth.example.com/tenant1").unwrap();
    let rules: Vec<_> = issuer.probe().map(|u| (u.form(), u.rule())).collect();
    assert_eq!(
        rules,
        [
            (UrlForm::Inserted, Rule::Issuer),
            (UrlForm::Inserted, Rule::Issuer),
            (UrlForm::Appended, Rule::OpenIdIssuer),
        ]
    );
}

#[test]
fn identifiers_refuse_what_their_rfcs_exclude() {
    #[track_caller]
    fn resource_err(input: &str, offset: usize, message: &str) {
        let e = ResourceId::parse(input).unwrap_err();
        assert_eq!((e.offset(), e.message()), (offset, message), "{input}");
    }
    #[track_caller]
    fn issuer_err(input: &str, offset: usize, message: &str) {
        let e = Issuer::parse(input).unwrap_err();
        assert_eq!((e.offset(), e.message()), (offset, message), "{input}");
    }
    resource_err(
        "https://resource.example.com/#x",
        29,
        "fragment not allowed in resource identifier (RFC 9728 §1.2)",
    );
    resource_err("urn:example:resource", 4, "expected '//' authority in resource identifier");
    resource_err("https:///mcp", 8, "expected host in authority");
    resource_err("https://user@:443/", 13, "expected host in authority");
    resource_err("https://exa mple.com/", 11, "invalid character in host");
    issuer_err(
        "https://as.example.com/?tenant=1",
        23,
        "query not allowed in issuer identifier (RFC 8414 §2)",
    );
    issuer_err(
        "https://as.example.com/?a#b",
        23,
        "query not allowed in issuer identifier (RFC 8414 §2)",
    );
    issuer_err(
        "https://as.example.com#",
        22,
        "fragment not allowed in issuer identifier (RFC 8414 §2)",
    );
    issuer_err("as.example.com", 14, "expected ':' after scheme");
    issuer_err("as.example.com/x", 14, "expected ':' after scheme");
    let e = Issuer::parse("https://as.example.com/?tenant=1").unwrap_err();
    assert_eq!(
        e.to_string(),
        "query not allowed in issuer identifier (RFC 8414 §2), found '?' at byte 23"
    );
}

#[test]
fn suffixes_are_segments() {
    assert!(Suffix::new("").is_err());
    let e = Suffix::new("a/b").unwrap_err();
    assert_eq!(
        (e.offset(), e.message()),
        (1, "invalid character in well-known suffix (segment-nz)")
    );
    let e = Suffix::new("a%2").unwrap_err();
    assert_eq!(e.offset(), 1);
    assert_eq!(Suffix::new("a%2Fb:c@d").unwrap().as_str(), "a%2Fb:c@d");
}

#[test]
#[should_panic(expected = "a well-known suffix must be a segment-nz")]
// libtest cannot catch the panic where panics abort (wasm32-wasip1).
#[cfg_attr(not(panic = "unwind"), ignore = "should_panic needs panic=unwind")]
fn from_static_panics_on_a_slash() {
    let _ = Suffix::from_static("oauth/x");
}

/// A fixed-capacity writer, as an embedded caller would use (`heapless::String` works the
/// same way).
struct Fixed<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> fmt::Write for Fixed<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn writes_into_a_fixed_buffer() {
    let resource = ResourceId::parse("https://resource.example.com/resource1").unwrap();
    let url = resource.metadata_url();
    let mut big = Fixed::<128> { buf: [0; 128], len: 0 };
    url.write_to(&mut big).unwrap();
    assert_eq!(
        &big.buf[..big.len],
        b"https://resource.example.com/.well-known/oauth-protected-resource/resource1"
    );
    assert_eq!(url.len(), big.len);
    let mut small = Fixed::<32> { buf: [0; 32], len: 0 };
    assert_eq!(url.write_to(&mut small), Err(fmt::Error));
}

#[test]
fn python_sdk_1400_resource_mismatch() {
    // The client uses http://localhost:8001/mcp; the server's document says
    // http://localhost:8001/ (python-sdk#1400, #1264).
    let resource = ResourceId::parse("http://localhost:8001/mcp").unwrap();
    for url in resource.probe(None) {
        let err = url.check("http://localhost:8001/").unwrap_err();
        assert_eq!(err.rule(), Rule::ResourceIdentifier);
        assert_eq!(err.member(), "resource");
        assert_eq!(
            (err.expected(), err.found()),
            ("http://localhost:8001/mcp", "http://localhost:8001/")
        );
        assert_eq!(err.first_difference(), 22);
        url.check("http://localhost:8001/mcp").unwrap();
    }
}

#[test]
fn trailing_slash_from_url_to_string() {
    // JavaScript's new URL("https://auth.example.com").toString() adds a slash
    // (prime-agent PR #1591). Both identifiers build the same metadata URL, but the issuer
    // check tells them apart: the stored text must be the one the server sent.
    let with = Issuer::parse("https://auth.example.com/").unwrap();
    let without = Issuer::parse("https://auth.example.com").unwrap();
    assert_eq!(with.metadata_url().to_string(), without.metadata_url().to_string());
    without.metadata_url().check("https://auth.example.com").unwrap();
    let err = with.metadata_url().check("https://auth.example.com").unwrap_err();
    assert_eq!(
        (err.expected(), err.found()),
        ("https://auth.example.com/", "https://auth.example.com")
    );
    assert_eq!(err.first_difference(), 24);
    assert_eq!(
        err.to_string(),
        "issuer \"https://auth.example.com\" is not identical to \"https://auth.example.com/\" \
         (they differ at byte 24; RFC 8414 §3.3: issuer must be identical to the issuer \
         identifier the metadata URL was built from)"
    );
    // The same for a resource: https://mcp.example.com vs https://mcp.example.com/.
    let resource = ResourceId::parse("https://mcp.example.com").unwrap();
    assert!(resource.metadata_url().check("https://mcp.example.com/").is_err());
    // And for the path: /mcp vs /mcp/.
    let resource = ResourceId::parse("https://mcp.example.com/mcp").unwrap();
    let err = resource.metadata_url().check("https://mcp.example.com/mcp/").unwrap_err();
    assert_eq!(err.first_difference(), 27);
}

#[test]
fn challenge_urls_check_against_the_request_url() {
    let url = ResourceMetadataUrl::from_challenge(
        "https://mcp.example.com/.well-known/oauth-protected-resource",
        "https://mcp.example.com/mcp",
    );
    assert_eq!(url.to_string(), "https://mcp.example.com/.well-known/oauth-protected-resource");
    url.check("https://mcp.example.com/mcp").unwrap();
    let err = url.check("https://mcp.example.com").unwrap_err();
    assert_eq!(err.rule(), Rule::RequestUrl);
    assert!(err.to_string().ends_with(
        "RFC 9728 §3.3: resource must be identical to the URL of the request that returned resource_metadata)"
    ));
    // OpenID rule wording.
    let issuer = Issuer::parse("https://as.example.com/t").unwrap();
    let err = issuer.openid_configuration_url().check("https://as.example.com/t/").unwrap_err();
    assert_eq!(err.rule(), Rule::OpenIdIssuer);
    assert_eq!(err.member(), "issuer");
}

#[test]
fn mismatch_display_escapes_what_the_server_sent() {
    let err = Rule::Issuer.check("https://as.example", "https://as.example\"\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "issuer \"https://as.example\\\"\\n\" is not identical to \"https://as.example\" \
         (they differ at byte 18; RFC 8414 §3.3: issuer must be identical to the issuer \
         identifier the metadata URL was built from)"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn both<T: Send + Sync>() {}
    both::<signpost_oauth::Url<'static>>();
    both::<signpost_oauth::Host<'static>>();
    both::<ResourceId<'static>>();
    both::<Issuer<'static>>();
    both::<ResourceMetadataUrl<'static>>();
    both::<signpost_oauth::IssuerMetadataUrl<'static>>();
    both::<signpost_oauth::ResourceProbe<'static>>();
    both::<signpost_oauth::IssuerProbe<'static>>();
    both::<Suffix<'static>>();
    both::<signpost_oauth::Mismatch<'static>>();
    both::<Rule>();
    both::<signpost_oauth::Guard>();
    both::<signpost_oauth::Refusal>();
    both::<signpost_oauth::ParseError>();
    #[cfg(feature = "serde")]
    {
        both::<signpost_oauth::ResourceMetadata<'static>>();
        both::<signpost_oauth::AuthorizationServerMetadata<'static>>();
    }
}
