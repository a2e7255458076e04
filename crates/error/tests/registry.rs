//! The facts in the registry: statuses, channels and remedies per usage location, as the
//! defining specifications prescribe them; and the table of unregistered codes.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_error::{registry, unregistered, Channel, Entry, ErrorCode, Remedy, UsageLocation};

use Channel::*;
use UsageLocation::*;

#[track_caller]
fn entry(code: ErrorCode<'static>, location: UsageLocation) -> &'static Entry {
    code.at(location).unwrap_or_else(|| panic!("{code} is not registered at {location}"))
}

/// (code, location, status, channel, remedy, reference).
type Fact = (ErrorCode<'static>, UsageLocation, Option<u16>, Channel, Remedy, &'static str);

/// The entries whose facts other code relies on most.
#[rustfmt::skip]
const FACTS: &[Fact] = &[
    // RFC 6750 §3.1: invalid_request SHOULD 400, invalid_token SHOULD 401, insufficient_scope SHOULD 403.
    (ErrorCode::INVALID_REQUEST, ResourceAccess, Some(400), WwwAuthenticate, Remedy::FixRequest, "RFC 6750 §3.1"),
    (ErrorCode::INVALID_TOKEN, ResourceAccess, Some(401), WwwAuthenticate, Remedy::Refresh, "RFC 6750 §3.1"),
    (ErrorCode::INSUFFICIENT_SCOPE, ResourceAccess, Some(403), WwwAuthenticate, Remedy::RequestScope, "RFC 6750 §3.1"),
    // RFC 6749 §5.2: 400, except invalid_client (401 with WWW-Authenticate).
    (ErrorCode::INVALID_REQUEST, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 6749 §5.2"),
    (ErrorCode::INVALID_CLIENT, TokenEndpoint, Some(401), JsonBody, Remedy::RegisterAgain, "RFC 6749 §5.2"),
    (ErrorCode::INVALID_GRANT, TokenEndpoint, Some(400), JsonBody, Remedy::Authorize, "RFC 6749 §5.2"),
    (ErrorCode::UNAUTHORIZED_CLIENT, TokenEndpoint, Some(400), JsonBody, Remedy::GiveUp, "RFC 6749 §5.2"),
    (ErrorCode::UNSUPPORTED_GRANT_TYPE, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 6749 §5.2"),
    (ErrorCode::INVALID_SCOPE, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 6749 §5.2"),
    // RFC 6749 §4.1.2.1: the redirect carries no status.
    (ErrorCode::ACCESS_DENIED, AuthorizationEndpoint, None, Redirect, Remedy::GiveUp, "RFC 6749 §4.1.2.1"),
    (ErrorCode::SERVER_ERROR, AuthorizationEndpoint, None, Redirect, Remedy::RetryLater, "RFC 6749 §4.1.2.1"),
    (ErrorCode::TEMPORARILY_UNAVAILABLE, AuthorizationEndpoint, None, Redirect, Remedy::RetryLater, "RFC 6749 §4.1.2.1"),
    (ErrorCode::INVALID_SCOPE, AuthorizationEndpoint, None, Redirect, Remedy::FixRequest, "RFC 6749 §4.1.2.1"),
    // OpenID Connect: prompt=none failures need an interactive flow.
    (ErrorCode::LOGIN_REQUIRED, AuthorizationEndpoint, None, Redirect, Remedy::Authorize, "OpenID Connect Core 1.0 §3.1.2.6"),
    (ErrorCode::CONSENT_REQUIRED, AuthorizationEndpoint, None, Redirect, Remedy::Authorize, "OpenID Connect Core 1.0 §3.1.2.6"),
    // RFC 8628 §3.5: polling.
    (ErrorCode::AUTHORIZATION_PENDING, TokenPolling, Some(400), JsonBody, Remedy::KeepPolling, "RFC 8628 §3.5"),
    (ErrorCode::SLOW_DOWN, TokenPolling, Some(400), JsonBody, Remedy::SlowDown, "RFC 8628 §3.5"),
    (ErrorCode::ACCESS_DENIED, TokenPolling, Some(400), JsonBody, Remedy::GiveUp, "RFC 8628 §3.5"),
    (ErrorCode::EXPIRED_TOKEN, TokenPolling, Some(400), JsonBody, Remedy::Authorize, "RFC 8628 §3.5"),
    // RFC 9449: DPoP, 401 with a DPoP challenge at the resource, 400 at the token endpoint.
    (ErrorCode::INVALID_DPOP_PROOF, ResourceAccess, Some(401), WwwAuthenticate, Remedy::FixRequest, "RFC 9449 §7.1"),
    (ErrorCode::INVALID_DPOP_PROOF, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 9449 §5"),
    (ErrorCode::USE_DPOP_NONCE, ResourceAccess, Some(401), WwwAuthenticate, Remedy::RetryWithDpopNonce, "RFC 9449 §9"),
    (ErrorCode::USE_DPOP_NONCE, TokenEndpoint, Some(400), JsonBody, Remedy::RetryWithDpopNonce, "RFC 9449 §8"),
    // RFC 9470 §3: step up, 401.
    (ErrorCode::INSUFFICIENT_USER_AUTHENTICATION, ResourceAccess, Some(401), WwwAuthenticate, Remedy::StepUp, "RFC 9470 §3"),
    // Others.
    (ErrorCode::UNSUPPORTED_TOKEN_TYPE, RevocationEndpoint, Some(400), JsonBody, Remedy::GiveUp, "RFC 7009 §2.2.1"),
    (ErrorCode::INVALID_REDIRECT_URI, RegistrationEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 7591 §3.2.2"),
    (ErrorCode::INVALID_CLIENT_METADATA, RegistrationEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 7591 §3.2.2"),
    (ErrorCode::NEED_INFO, UmaAuthorizationServer, Some(403), JsonBody, Remedy::Authorize, "UMA 2.0 Grant §3.3.6"),
    (ErrorCode::REQUEST_DENIED, TokenEndpoint, Some(403), JsonBody, Remedy::GiveUp, "UMA 2.0 Grant §3.3.6"),
    (ErrorCode::REQUEST_SUBMITTED, UmaAuthorizationServer, Some(403), JsonBody, Remedy::KeepPolling, "UMA 2.0 Grant §3.3.6"),
    (ErrorCode::INVALID_TARGET, AuthorizationEndpoint, None, RedirectFragment, Remedy::FixRequest, "RFC 8707 §2"),
    (ErrorCode::INVALID_TARGET, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 8707 §2"),
    (ErrorCode::INVALID_AUTHORIZATION_DETAILS, AuthorizationEndpoint, None, Redirect, Remedy::FixRequest, "RFC 9396 §5"),
    (ErrorCode::UNSUPPORTED_POP_KEY, TokenEndpoint, Some(400), JsonBody, Remedy::FixRequest, "RFC 9200 §5.8.3"),
];

#[test]
fn statuses_channels_remedies_and_references() {
    for &(code, location, status, channel, remedy, reference) in FACTS {
        let e = entry(code, location);
        assert_eq!(e.code(), code);
        assert_eq!(e.location(), location);
        assert_eq!(e.status(), status, "{code} at {location}");
        assert_eq!(e.channel(), channel, "{code} at {location}");
        assert_eq!(e.remedy(), remedy, "{code} at {location}");
        assert_eq!(e.reference(), reference, "{code} at {location}");
    }
}

/// The rules that hold across the whole table.
#[test]
fn rules_per_location() {
    for e in registry() {
        let what = format!("{} at {}", e.code(), e.location());
        match e.location() {
            // The authorization endpoint answers in a redirect: no status reaches the client.
            AuthorizationEndpoint => {
                assert_eq!(e.status(), None, "{what}");
                assert!(matches!(e.channel(), Redirect | RedirectFragment), "{what}");
            }
            // A resource server answers with a challenge, 400/401/403.
            ResourceAccess => {
                assert_eq!(e.channel(), WwwAuthenticate, "{what}");
                assert!(matches!(e.status(), Some(400 | 401 | 403)), "{what}");
            }
            // Token endpoint: 400, except invalid_client (401) and UMA (403).
            TokenEndpoint => {
                assert_eq!(e.channel(), JsonBody, "{what}");
                let expected = if e.code() == ErrorCode::INVALID_CLIENT {
                    401
                } else if e.protocol_extension() == "Kantara UMA" {
                    403
                } else {
                    400
                };
                assert_eq!(e.status(), Some(expected), "{what}");
            }
            TokenPolling | RegistrationEndpoint | RevocationEndpoint => {
                assert_eq!(e.channel(), JsonBody, "{what}");
                assert_eq!(e.status(), Some(400), "{what}");
            }
            UmaAuthorizationServer => {
                assert_eq!((e.channel(), e.status()), (JsonBody, Some(403)), "{what}");
            }
            other => panic!("no registered code at {other}"),
        }
        assert!(!e.description().is_empty(), "{what}");
        assert!(e.description().ends_with('.'), "{what}");
        assert!(!e.reference().is_empty(), "{what}");
    }
}

/// The OAuth WG discussion of JWT access token errors (2020): every token validation failure at a resource server is `invalid_token`, and
/// a too-weak or too-old authentication is RFC 9470 step-up. The 2011 `OAuth2` challenge proposal: the entry says which
/// flow fixes the error (refresh vs a new user-delegation flow), not just the code.
#[test]
fn seed_rules() {
    let at_rs: Vec<(&str, Remedy)> = registry()
        .iter()
        .filter(|e| e.location() == ResourceAccess)
        .map(|e| (e.code().as_str(), e.remedy()))
        .collect();
    assert_eq!(
        at_rs,
        [
            ("invalid_request", Remedy::FixRequest),
            ("invalid_token", Remedy::Refresh),
            ("insufficient_scope", Remedy::RequestScope),
            ("invalid_dpop_proof", Remedy::FixRequest),
            ("use_dpop_nonce", Remedy::RetryWithDpopNonce),
            ("insufficient_user_authentication", Remedy::StepUp),
        ]
    );
    // A refresh token that no longer works needs a new user-delegation flow.
    assert_eq!(entry(ErrorCode::INVALID_GRANT, TokenEndpoint).remedy(), Remedy::Authorize);
}

#[test]
fn codes_at_locations_they_are_not_registered_for() {
    assert!(ErrorCode::INVALID_TOKEN.at(TokenEndpoint).is_none());
    assert!(ErrorCode::SLOW_DOWN.at(TokenEndpoint).is_none());
    assert!(ErrorCode::INVALID_GRANT.at(AuthorizationEndpoint).is_none());
    assert!(ErrorCode::parse("x").unwrap().at(ResourceAccess).is_none());
    assert_eq!(ErrorCode::INVALID_REQUEST.entries().len(), 3);
}

#[test]
fn every_location_is_named_and_the_iana_spellings_map() {
    let names: Vec<&str> = UsageLocation::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(
        names,
        [
            "authorization endpoint",
            "token endpoint",
            "token endpoint polling",
            "resource access error response",
            "registration endpoint",
            "revocation endpoint",
            "uma authorization server response",
            "backchannel authentication endpoint",
            "client notification endpoint",
        ]
    );
    for (iana, location) in [
        ("authorization endpoint", AuthorizationEndpoint),
        ("Authorization Endpoint", AuthorizationEndpoint),
        ("implicit grant error response", AuthorizationEndpoint),
        ("token endpoint", TokenEndpoint),
        ("token error response", TokenEndpoint),
        ("Token endpoint response", TokenPolling),
        ("resource access error response", ResourceAccess),
        ("registration endpoint", RegistrationEndpoint),
        ("revocation endpoint error response", RevocationEndpoint),
        ("authorization server response", UmaAuthorizationServer),
    ] {
        assert_eq!(UsageLocation::from_iana(iana), Some(location), "{iana}");
    }
    assert_eq!(UsageLocation::from_iana(""), None);
    assert_eq!(UsageLocation::from_iana("token"), None);
}

#[test]
fn vocabulary_names() {
    let channels: Vec<&str> = [Redirect, RedirectFragment, JsonBody, WwwAuthenticate]
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(channels, ["redirect", "redirect-fragment", "json-body", "www-authenticate"]);
    let remedies = [
        (Remedy::FixRequest, "fix_request"),
        (Remedy::RetryWithAnotherToken, "retry_with_token"),
        (Remedy::Refresh, "refresh"),
        (Remedy::Authorize, "authorize"),
        (Remedy::StepUp, "step_up"),
        (Remedy::RequestScope, "request_scope"),
        (Remedy::RetryWithDpopNonce, "retry_with_dpop_nonce"),
        (Remedy::KeepPolling, "keep_polling"),
        (Remedy::SlowDown, "slow_down"),
        (Remedy::RegisterAgain, "register_again"),
        (Remedy::RetryLater, "retry_later"),
        (Remedy::GiveUp, "give_up"),
    ];
    for (remedy, name) in remedies {
        assert_eq!(remedy.as_str(), name);
        assert_eq!(remedy.to_string(), name);
        assert!(!remedy.describe().is_empty());
    }
    assert_eq!(ResourceAccess.to_string(), "resource access error response");
    assert_eq!(WwwAuthenticate.to_string(), "www-authenticate");
}

#[test]
fn unregistered_table() {
    let names: Vec<&str> = unregistered().iter().map(|e| e.code().as_str()).collect();
    assert_eq!(
        names,
        [
            "expired_login_hint_token",
            "unknown_user_id",
            "missing_user_code",
            "invalid_user_code",
            "invalid_binding_message",
            "transaction_failed",
            "transaction_failed",
            "unmet_authentication_requirements",
            "insufficient_claims",
        ]
    );
    for e in unregistered() {
        assert!(!e.is_registered());
        assert!(!e.code().is_registered());
        assert_eq!(e.iana_usage(), None);
        assert_eq!(e.iana_name(), None);
        assert_eq!(e.change_controller(), None);
        assert_eq!(e.iana_reference(), None);
        assert!(!e.reference().is_empty() && !e.protocol_extension().is_empty());
        // The lookup by code finds the same rows.
        let code = ErrorCode::parse(e.code().as_str()).unwrap();
        assert!(code.unregistered_entries().contains(e));
        assert!(code.entries().is_empty());
    }
    let claims = ErrorCode::parse("insufficient_claims").unwrap().unregistered_entries();
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (claims[0].location(), claims[0].status(), claims[0].channel(), claims[0].remedy()),
        (ResourceAccess, Some(401), WwwAuthenticate, Remedy::StepUp)
    );
    let failed = ErrorCode::parse("transaction_failed").unwrap().unregistered_entries();
    let at: Vec<UsageLocation> = failed.iter().map(|e| e.location()).collect();
    assert_eq!(at, [TokenPolling, ClientNotification]);
    for e in ErrorCode::parse("unknown_user_id").unwrap().unregistered_entries() {
        assert_eq!((e.location(), e.status()), (BackchannelAuthentication, Some(400)));
        assert_eq!(e.reference(), "OpenID Connect CIBA Core 1.0 §13");
    }
    let unmet = ErrorCode::parse("unmet_authentication_requirements").unwrap();
    assert_eq!(unmet.unregistered_entries()[0].channel(), Redirect);
    // Registered codes and unknown codes have no unregistered rows.
    assert!(ErrorCode::INVALID_TOKEN.unregistered_entries().is_empty());
    assert!(ErrorCode::parse("nope").unwrap().unregistered_entries().is_empty());
}
