//! The typed views: the RFC examples, real-world challenges, each field's rule and error,
//! unknown and look-alike parameters, the `OAuth2` scheme, and no allocation.
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_challenge::{Challenge, Challenges};
use signpost_error::ErrorCode;
use signpost_oauth::{
    BearerChallenge, DpopChallenge, FieldError, Flow, Flows, OAuth2Challenge, SpaceList,
};

#[track_caller]
fn one(value: &str) -> Challenge<'_> {
    Challenges::new(value.as_bytes()).next().expect("a challenge").expect("valid")
}

#[track_caller]
fn bearer(value: &str) -> BearerChallenge<'_> {
    BearerChallenge::new(one(value)).expect("a Bearer challenge")
}

#[test]
fn rfc_6750_examples() {
    let b = bearer(r#"Bearer realm="example""#);
    assert_eq!(b.realm().unwrap(), "example");
    assert_eq!(b.error().unwrap(), None);
    assert_eq!(b.scope().unwrap(), None);

    let b = bearer(
        r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    );
    assert_eq!(b.error().unwrap(), Some(ErrorCode::INVALID_TOKEN));
    assert_eq!(b.error_description().unwrap(), "The access token expired");
    b.check().unwrap();
}

#[test]
fn rfc_9449_figures() {
    // Figure 17: a bare Bearer beside DPoP.
    let value = br#"Bearer, DPoP algs="ES256 PS256""#;
    let d = DpopChallenge::find(Challenges::new(value)).unwrap().unwrap();
    let algs = d.algs().unwrap().unwrap();
    assert_eq!(algs.iter().collect::<Vec<_>>(), ["ES256", "PS256"]);
    assert_eq!((algs.len(), algs.first()), (2, Some("ES256")));
    let b = BearerChallenge::find(Challenges::new(value)).unwrap().unwrap();
    assert!(b.challenge().is_bare());
    assert_eq!(b.error().unwrap(), None);

    // Figure 19: the same params in two challenges.
    let value = br#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", DPoP algs="ES256 PS256", error="invalid_request", error_description="Multiple methods used to include access token""#;
    let d = DpopChallenge::find(Challenges::new(value)).unwrap().unwrap();
    assert_eq!(d.error().unwrap(), Some(ErrorCode::INVALID_REQUEST));
    d.check().unwrap();

    // §7.1: invalid key binding.
    let d = DpopChallenge::new(one(
        r#"DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256""#,
    ))
    .unwrap();
    assert_eq!(d.algs().unwrap().unwrap().as_str(), "ES256");
    // A DPoP view is not a Bearer view.
    assert!(BearerChallenge::new(d.challenge()).is_none());
}

#[test]
fn rfc_9470_examples() {
    let b = bearer(
        r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR""#,
    );
    assert_eq!(b.error().unwrap(), Some(ErrorCode::INSUFFICIENT_USER_AUTHENTICATION));
    assert_eq!(b.acr_values().unwrap().unwrap().iter().collect::<Vec<_>>(), ["myACR"]);
    // max_age as a quoted-string and as a token.
    for value in [
        r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5""#,
        r#"Bearer error="insufficient_user_authentication", max_age=5"#,
    ] {
        assert_eq!(bearer(value).max_age().unwrap(), Some(5));
    }
    assert_eq!(bearer("Bearer max_age=0").max_age().unwrap(), Some(0));
    assert_eq!(bearer("Bearer max_age=007").max_age().unwrap(), Some(7));
    assert_eq!(bearer("Bearer max_age=18446744073709551615").max_age().unwrap(), Some(u64::MAX));
}

#[test]
fn rfc_9728_mcp_and_seed_004() {
    let b = bearer(
        r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#,
    );
    assert_eq!(
        b.resource_metadata().unwrap(),
        Some("https://resource.example.com/.well-known/oauth-protected-resource")
    );
    let b = bearer(
        r#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read""#,
    );
    assert_eq!(b.scope().unwrap().unwrap().as_str(), "files:read");
    let b = bearer(
        r#"Bearer error="invalid_request", error_description="No access token was provided in this request", issuer="https://as.example.com/issuer1""#,
    );
    assert_eq!(b.issuer().unwrap(), Some("https://as.example.com/issuer1"));
}

#[test]
fn extension_params_of_azure_and_docker() {
    let b = bearer(
        r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#,
    );
    assert_eq!(b.realm().unwrap(), "");
    assert!(b.realm().unwrap().is_empty());
    assert_eq!(
        b.param("authorization_uri").unwrap(),
        "https://login.microsoftonline.com/common/oauth2/authorize"
    );
    assert!(b.param("CLAIMS").unwrap().as_str().unwrap().starts_with("eyJhY2Nlc3Nf"));
    let code = b.error().unwrap().unwrap();
    assert_eq!(code.as_str(), "insufficient_claims");
    assert!(!code.is_registered());

    let b = bearer(
        r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push repository:samalba/other:pull""#,
    );
    assert_eq!(b.param("service").unwrap(), "registry.docker.io");
    let scope = b.scope().unwrap().unwrap();
    assert_eq!(scope.len(), 2);
    assert!(scope.contains("repository:samalba/my-app:pull,push"));
}

#[test]
fn names_are_whole_and_case_insensitive_unknown_params_ignored() {
    let b = bearer(
        r#"Bearer x_resource_metadata="https://evil.example/", error_scope="admin", RESOURCE_METADATA="https://good.example/prm", Scope="a", future_param=1"#,
    );
    assert_eq!(b.resource_metadata().unwrap(), Some("https://good.example/prm"));
    assert_eq!(b.scope().unwrap().unwrap().as_str(), "a");
    assert_eq!(b.error().unwrap(), None);
    b.check().unwrap();
    let b = bearer(r#"Bearer x_resource_metadata="https://evil.example/""#);
    assert_eq!(b.resource_metadata().unwrap(), None);
}

#[test]
fn field_errors_name_the_field_and_the_rule() {
    type Get = fn(&BearerChallenge<'_>) -> Result<(), FieldError>;
    let scope: Get = |b| b.scope().map(drop);
    let error: Get = |b| b.error().map(drop);
    let error_uri: Get = |b| b.error_uri().map(drop);
    let resource_metadata: Get = |b| b.resource_metadata().map(drop);
    let issuer: Get = |b| b.issuer().map(drop);
    let acr_values: Get = |b| b.acr_values().map(drop);
    let max_age: Get = |b| b.max_age().map(drop);
    let cases: &[(&str, Get, &str)] = &[
        (r#"Bearer scope="a \"b\"""#, scope, r#"scope: quoted-pair in a structured value, found '\' at byte 2 of the value"#),
        (r#"Bearer scope="a  b""#, scope, "scope: empty scope-token (double SP) at byte 2 of the value"),
        (r#"Bearer scope="""#, scope, "scope: expected scope-token, found end of input at byte 0 of the value"),
        ("Bearer scope=\"a\tb\"", scope, "scope: expected NQCHAR in scope-token, found 0x09 at byte 1 of the value"),
        ("Bearer error=\"caf\u{e9}\"", error, "error: expected NQSCHAR in error, found 0xc3 at byte 3 of the value"),
        (r#"Bearer error="""#, error, "error: expected at least one NQSCHAR in error at byte 0 of the value"),
        (r#"Bearer error_uri="https://x/a b""#, error_uri, "error_uri: expected URI-reference character in error_uri, found ' ' at byte 11 of the value"),
        (r#"Bearer resource_metadata="/.well-known/oauth-protected-resource""#, resource_metadata, "resource_metadata: expected scheme (ALPHA), found '/' at byte 0 of the value"),
        (r#"Bearer resource_metadata="https://x/\"""#, resource_metadata, r#"resource_metadata: quoted-pair in a structured value, found '\' at byte 10 of the value"#),
        (r#"Bearer issuer="https://as.example.com/#frag""#, issuer, "issuer: fragment not allowed in issuer identifier (RFC 8414 §2), found '#' at byte 23 of the value"),
        (r#"Bearer acr_values=" gold""#, acr_values, "acr_values: empty element (leading SP) at byte 0 of the value"),
        (r#"Bearer acr_values="gold silver ""#, acr_values, "acr_values: empty element (trailing SP) at byte 11 of the value"),
        (r#"Bearer max_age=-1"#, max_age, "max_age: expected a non-negative integer, found '-' at byte 0 of the value"),
        (r#"Bearer max_age="5 ""#, max_age, "max_age: expected a non-negative integer, found ' ' at byte 1 of the value"),
        (r#"Bearer max_age="""#, max_age, "max_age: expected a non-negative integer, found end of input at byte 0 of the value"),
        (r#"Bearer max_age=18446744073709551616"#, max_age, "max_age: integer too large at byte 0 of the value"),
        (r#"Bearer max_age="\5""#, max_age, r#"max_age: quoted-pair in a structured value, found '\' at byte 0 of the value"#),
    ];
    for (value, get, expected) in cases {
        let b = bearer(value);
        let err = get(&b).expect_err(value);
        assert_eq!(err.to_string(), *expected, "{value}");
        assert_eq!(b.check().unwrap_err(), err, "{value}");
        assert!(!err.field().is_empty() && !err.message().is_empty());
    }
    let err = bearer("Bearer max_age=x").max_age().unwrap_err();
    assert_eq!(
        (err.field(), err.offset(), err.found()),
        ("max_age", 0, signpost_oauth::Found::Byte(b'x'))
    );
}

#[test]
fn text_fields_unescape_lazily() {
    let b = bearer(r#"Bearer realm="a \"quoted\" realm", error_description="see \\docs""#);
    assert_eq!(b.realm().unwrap().to_string(), r#"a "quoted" realm"#);
    assert!(b.realm().unwrap().as_str().is_none());
    assert_eq!(b.error_description().unwrap().to_string(), r"see \docs");
    b.check().unwrap();
}

#[test]
fn the_oauth2_scheme() {
    let c = OAuth2Challenge::new(one(
        r#"OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
    ))
    .unwrap();
    let flows = c.flows().unwrap().unwrap();
    assert_eq!(flows.iter().collect::<Vec<_>>(), [Flow::REFRESH, Flow::USER_DELEGATION]);
    assert_eq!(format!("{flows:?}"), r#"[Flow("refresh"), Flow("user-delegation")]"#);
    assert_eq!(c.error().unwrap(), Some(ErrorCode::INVALID_TOKEN));
    c.check().unwrap();

    let c = OAuth2Challenge::new(one(
        r#"oauth2 FLOWS="assertion client-credentials device urn:ietf:params:oauth:grant-type:token-exchange x-custom", max_age="300", acr_values="phr", issuer="https://as.example.com""#,
    ))
    .unwrap();
    let flows: Vec<Flow<'_>> = c.flows().unwrap().unwrap().into_iter().collect();
    assert_eq!(flows.len(), 5);
    assert_eq!(&flows[..3], [Flow::ASSERTION, Flow::CLIENT_CREDENTIALS, Flow::DEVICE]);
    assert!(flows[3].is_uri() && flows[3].is_extension());
    assert!(!flows[4].is_uri() && flows[4].is_extension());
    assert_eq!(flows[4].grant_type(), None);
    assert_eq!(Flow::DEVICE.grant_type(), Some("urn:ietf:params:oauth:grant-type:device_code"));
    assert_eq!(Flow::USER_DELEGATION.grant_type(), Some("authorization_code"));
    assert_eq!(Flow::CLIENT_CREDENTIALS.grant_type(), Some("client_credentials"));
    assert_eq!(Flow::ASSERTION.grant_type(), None);
    assert!(Flow::USER_DELEGATION.involves_user() && Flow::DEVICE.involves_user());
    assert!(!Flow::REFRESH.involves_user());
    assert_eq!(c.max_age().unwrap(), Some(300));
    assert_eq!(c.issuer().unwrap(), Some("https://as.example.com"));

    // No flows: absent, not an error (the view reads what is there).
    let c = OAuth2Challenge::new(one(r#"OAuth2 error="invalid_token""#)).unwrap();
    assert_eq!(c.flows().unwrap(), None);
}

#[test]
fn flow_errors() {
    let cases = [
        ("refresh  device", "flows: empty element (double SP) at byte 8 of the value"),
        (
            "refresh,device",
            "flows: expected a flow (a token or an absolute URI), found ',' at byte 7 of the value",
        ),
        (
            "refresh urn:x#frag",
            "flows: fragment in an absolute-URI flow, found '#' at byte 13 of the value",
        ),
        ("", "flows: expected at least one element, found end of input at byte 0 of the value"),
        (
            "refresh ]",
            "flows: expected a flow (a token or an absolute URI), found ']' at byte 8 of the value",
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(Flows::parse(value).unwrap_err().to_string(), expected, "{value}");
    }
    assert_eq!(
        Flow::parse("").unwrap_err().to_string(),
        "flows: expected a flow (a token or an absolute URI), found end of input at byte 0 of the value"
    );
    let c = OAuth2Challenge::new(one(r#"OAuth2 flows="refresh\ device""#)).unwrap();
    assert_eq!(
        c.check().unwrap_err().to_string(),
        r#"flows: quoted-pair in a structured value, found '\' at byte 7 of the value"#
    );
}

#[test]
fn space_lists() {
    let list = SpaceList::parse("algs", "ES256 PS256 EdDSA").unwrap();
    assert_eq!(list.to_string(), "ES256 PS256 EdDSA");
    assert_eq!(format!("{list:?}"), r#"["ES256", "PS256", "EdDSA"]"#);
    assert!(list.contains("EdDSA") && !list.contains("eddsa") && !list.is_empty());
    assert_eq!(list.into_iter().count(), 3);
    assert_eq!(
        SpaceList::parse("algs", "ES256\u{e9}").unwrap_err().to_string(),
        "algs: expected NQCHAR, found 0xc3 at byte 5 of the value"
    );
}

#[test]
fn reading_allocates_nothing() {
    let value = br#"Negotiate, DPoP error="invalid_token", algs="ES256 PS256", scope="a b c", max_age="60", acr_values="x y", resource_metadata="https://r.example/prm", issuer="https://as.example""#;
    let allocations = allocation_counter::measure(|| {
        let d = DpopChallenge::find(Challenges::new(value)).unwrap().unwrap();
        d.check().unwrap();
        assert_eq!(d.algs().unwrap().unwrap().iter().count(), 2);
        assert_eq!(d.scope().unwrap().unwrap().len(), 3);
    });
    assert_eq!(allocations.count_total, 0);
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync + Copy>() {}
    check::<BearerChallenge<'static>>();
    check::<DpopChallenge<'static>>();
    check::<OAuth2Challenge<'static>>();
    check::<SpaceList<'static>>();
    check::<Flow<'static>>();
    check::<Flows<'static>>();
    check::<FieldError>();
}
