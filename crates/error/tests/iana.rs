//! The registry against a verbatim copy of the IANA "OAuth Extensions Error Registry".
//!
//! Source: https://www.iana.org/assignments/oauth-parameters/oauth-parameters.xhtml#extensions-error,
//! "Last Updated 2026-03-25". The columns are Name, Usage Location, Protocol Extension,
//! Change Controller, Reference, copied as the page shows them (bracketed references
//! included). A new registration is one line here and one row in `src/registry.rs`.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::collections::BTreeSet;

use signpost_error::{registry, ErrorCode, UsageLocation};

/// (name, usage location, protocol extension, change controller, reference), in page order.
#[rustfmt::skip]
const IANA: [(&str, &str, &str, &str, &str); 50] = [
    ("invalid_request", "authorization endpoint, token endpoint, resource access error response", "OAuth 2.0 Authorization Framework, bearer access token type", "IETF", "[RFC6749][RFC6750]"),
    ("unauthorized_client", "authorization endpoint, token endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("access_denied", "authorization endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("unsupported_response_type", "authorization endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("invalid_scope", "authorization endpoint, token endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("server_error", "authorization endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("temporarily_unavailable", "authorization endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("invalid_client", "token endpoint, authorization endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("invalid_grant", "token endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("unsupported_grant_type", "token endpoint", "OAuth 2.0 Authorization Framework", "IETF", "[RFC6749]"),
    ("invalid_token", "resource access error response", "bearer access token type", "IETF", "[RFC6750]"),
    ("insufficient_scope", "resource access error response", "bearer access token type", "IETF", "[RFC6750]"),
    ("unsupported_token_type", "revocation endpoint error response", "token revocation endpoint", "IETF", "[RFC7009]"),
    ("interaction_required", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("login_required", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("account_selection_required", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("consent_required", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("invalid_request_uri", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("invalid_request_object", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("request_not_supported", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("request_uri_not_supported", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("registration_not_supported", "authorization endpoint", "OpenID Connect", "[OpenID_Foundation_Artifact_Binding_WG]", "[OpenID Connect Core 1.0 incorporating errata set 1]"),
    ("need_info (and its subsidiary parameters)", "authorization server response, token endpoint", "Kantara UMA", "[Kantara_UMA_WG]", "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]"),
    ("request_denied", "authorization server response, token endpoint", "Kantara UMA", "[Kantara_UMA_WG]", "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]"),
    ("request_submitted (and its subsidiary parameters)", "authorization server response, token endpoint", "Kantara UMA", "[Kantara_UMA_WG]", "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]"),
    ("invalid_redirect_uri", "registration endpoint", "Dynamic Client Registration", "IETF", "[RFC7591, Section 3.2.2]"),
    ("invalid_client_metadata", "registration endpoint", "Dynamic Client Registration", "IETF", "[RFC7591, Section 3.2.2]"),
    ("invalid_software_statement", "registration endpoint", "Dynamic Client Registration", "IETF", "[RFC7591, Section 3.2.2]"),
    ("unapproved_software_statement", "registration endpoint", "Dynamic Client Registration", "IETF", "[RFC7591, Section 3.2.2]"),
    ("authorization_pending", "Token endpoint response", "[RFC8628]", "IETF", "[RFC8628, Section 3.5]"),
    ("access_denied", "Token endpoint response", "[RFC8628]", "IETF", "[RFC8628, Section 3.5]"),
    ("slow_down", "Token endpoint response", "[RFC8628]", "IETF", "[RFC8628, Section 3.5]"),
    ("expired_token", "Token endpoint response", "[RFC8628]", "IETF", "[RFC8628, Section 3.5]"),
    ("invalid_target", "implicit grant error response, token error response", "resource parameter", "IESG", "[RFC8707]"),
    ("unsupported_pop_key", "token error response", "[RFC9200]", "IETF", "[RFC9200, Section 5.8.3]"),
    ("incompatible_ace_profiles", "token error response", "[RFC9200]", "IETF", "[RFC9200, Section 5.8.3]"),
    ("invalid_authorization_details", "token endpoint, authorization endpoint", "OAuth 2.0 Rich Authorization Requests", "IETF", "[RFC9396, Section 5]"),
    ("invalid_dpop_proof", "token error response, resource access error response", "Demonstrating Proof of Possession (DPoP)", "IETF", "[RFC9449]"),
    ("use_dpop_nonce", "token error response, resource access error response", "Demonstrating Proof of Possession (DPoP)", "IETF", "[RFC9449]"),
    ("insufficient_user_authentication", "resource access error response", "OAuth 2.0 Step Up Authentication Challenge Protocol", "IETF", "[RFC9470, Section 3]"),
    ("invalid_issuer", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("invalid_subject", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("invalid_trust_anchor", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("invalid_trust_chain", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("invalid_metadata", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("not_found", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("unsupported_parameter", "authorization endpoint", "OpenID Federation", "[OpenID_Foundation_Artifact_Binding_WG]", "[Section 8.9 of OpenID Federation 1.0]"),
    ("vp_formats_not_supported", "authorization endpoint, token endpoint", "OpenID for Verifiable Presentations", "[OpenID_Foundation_Digital_Credentials_Protocols_WG]", "[OpenID for Verifiable Presentations 1.0, Section 8.5]"),
    ("invalid_request_uri_method", "authorization endpoint", "OpenID for Verifiable Presentations", "[OpenID_Foundation_Digital_Credentials_Protocols_WG]", "[OpenID for Verifiable Presentations 1.0, Section 8.5]"),
    ("wallet_unavailable", "authorization endpoint, token endpoint", "OpenID for Verifiable Presentations", "[OpenID_Foundation_Digital_Credentials_Protocols_WG]", "[OpenID for Verifiable Presentations 1.0, Section 8.5]"),
];

/// The wire name of an IANA Name cell ("need_info (and its subsidiary parameters)").
fn wire_name(cell: &str) -> &str {
    cell.split(" (").next().unwrap()
}

/// The usage locations of an IANA Usage Location cell.
#[track_caller]
fn locations(cell: &str) -> Vec<UsageLocation> {
    cell.split(',')
        .map(|item| {
            UsageLocation::from_iana(item)
                .unwrap_or_else(|| panic!("unknown IANA usage location {item:?}"))
        })
        .collect()
}

/// Each IANA row is in the registry: one entry per location it lists, carrying the row's
/// cells verbatim; and the registry has nothing else.
#[test]
fn registry_matches_the_iana_table() {
    let mut seen = BTreeSet::new();
    for (name, usage, extension, controller, reference) in IANA {
        let code = ErrorCode::parse(wire_name(name)).unwrap();
        assert!(code.is_registered(), "{name} should be a registered constant");
        for location in locations(usage) {
            let entry = code
                .at(location)
                .unwrap_or_else(|| panic!("{name} is not in the registry at {location}"));
            assert_eq!(entry.iana_name(), Some(name), "{name} at {location}");
            assert_eq!(entry.iana_usage(), Some(usage), "{name} at {location}");
            assert_eq!(entry.protocol_extension(), extension, "{name} at {location}");
            assert_eq!(entry.change_controller(), Some(controller), "{name} at {location}");
            assert_eq!(entry.iana_reference(), Some(reference), "{name} at {location}");
            assert!(entry.is_registered());
            assert!(seen.insert((code.as_str(), location)), "{name} twice at {location}");
        }
    }
    assert_eq!(seen.len(), registry().len(), "the registry has entries IANA does not");
    assert_eq!(registry().len(), 64);
}

/// Every registered constant has a row, and every row's name is a constant.
#[test]
fn constants_match_the_iana_names() {
    let iana: BTreeSet<&str> = IANA.iter().map(|row| wire_name(row.0)).collect();
    let ours: BTreeSet<&str> = ErrorCode::registered_codes().iter().map(|c| c.as_str()).collect();
    assert_eq!(iana, ours);
    assert_eq!(ours.len(), 49, "50 rows, access_denied twice");
    // Order of first registration.
    let mut first_seen = Vec::new();
    for row in IANA {
        if !first_seen.contains(&wire_name(row.0)) {
            first_seen.push(wire_name(row.0));
        }
    }
    let order: Vec<&str> = ErrorCode::registered_codes().iter().map(|c| c.as_str()).collect();
    assert_eq!(order, first_seen);
}

/// The entries of a code are adjacent in `registry()`, in the order of the IANA rows, and
/// `entries()` is exactly them.
#[test]
fn registry_is_grouped_by_code() {
    let mut seen = Vec::new();
    let mut last: Option<&str> = None;
    for entry in registry() {
        let name = entry.code().as_str();
        if last != Some(name) {
            assert!(!seen.contains(&name), "{name} is not grouped");
            seen.push(name);
            let group = entry.code().entries();
            assert!(std::ptr::eq(&group[0], entry), "{name}: entries() starts elsewhere");
        }
        last = Some(name);
    }
    let access_denied: Vec<UsageLocation> =
        ErrorCode::ACCESS_DENIED.entries().iter().map(|e| e.location()).collect();
    assert_eq!(access_denied, [UsageLocation::AuthorizationEndpoint, UsageLocation::TokenPolling]);
}
