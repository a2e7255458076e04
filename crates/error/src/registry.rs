//! The registry's entries: the IANA rows (the `rows!` invocation below), the table of known
//! unregistered codes, and the [`ErrorCode`] methods that read them.
//!
//! To add a registration: if the name is new, add one line to the `codes!` invocation in
//! `code.rs`; then add its IANA row to `rows!` here (one line, plus one line per usage
//! location saying what the specification prescribes there), and the same row to the
//! verbatim copy in `tests/iana.rs`.

use crate::code::{ErrorCode, Repr, NAMES};
use crate::entry::{Channel, Entry, IanaRow, Remedy, UsageLocation};

macro_rules! rows {
    ( $(
        $code:ident: $iname:literal | $usage:literal | $ext:literal | $cc:literal | $iref:literal {
            $( $loc:ident, $status:expr, $chan:ident, $remedy:ident, $cite:literal, $desc:literal; )+
        }
    )+ ) => {
        /// The entries in the order of the IANA rows.
        const ROWS: &[Entry] = &[ $( $(
            Entry {
                code: ErrorCode::$code,
                location: UsageLocation::$loc,
                status: $status,
                channel: Channel::$chan,
                remedy: Remedy::$remedy,
                reference: $cite,
                description: $desc,
                protocol_extension: $ext,
                iana: Some(IanaRow { name: $iname, usage: $usage, change_controller: $cc, reference: $iref }),
            },
        )+ )+ ];
    };
}

rows! {
    // IANA name | usage location | protocol extension | change controller | reference (verbatim)
    INVALID_REQUEST: "invalid_request" | "authorization endpoint, token endpoint, resource access error response" | "OAuth 2.0 Authorization Framework, bearer access token type" | "IETF" | "[RFC6749][RFC6750]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "RFC 6749 §4.1.2.1", "The request is missing a required parameter, has an invalid parameter value, repeats a parameter, or is otherwise malformed.";
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 6749 §5.2", "The request is missing a required parameter, has an unsupported parameter value (other than grant type), repeats a parameter, uses more than one client authentication method, or is otherwise malformed.";
        ResourceAccess, Some(400), WwwAuthenticate, FixRequest, "RFC 6750 §3.1", "The request is missing a required parameter, has an unsupported parameter or value, repeats a parameter, sends the access token in more than one way, or is otherwise malformed.";
    }
    UNAUTHORIZED_CLIENT: "unauthorized_client" | "authorization endpoint, token endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, GiveUp, "RFC 6749 §4.1.2.1", "The client is not authorized to request an authorization code with this method.";
        TokenEndpoint, Some(400), JsonBody, GiveUp, "RFC 6749 §5.2", "The authenticated client is not authorized to use this grant type.";
    }
    ACCESS_DENIED: "access_denied" | "authorization endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, GiveUp, "RFC 6749 §4.1.2.1", "The resource owner or the authorization server denied the request.";
    }
    UNSUPPORTED_RESPONSE_TYPE: "unsupported_response_type" | "authorization endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "RFC 6749 §4.1.2.1", "The authorization server does not support this response type; use one its metadata lists.";
    }
    INVALID_SCOPE: "invalid_scope" | "authorization endpoint, token endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "RFC 6749 §4.1.2.1", "The requested scope is invalid, unknown, or malformed.";
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 6749 §5.2", "The requested scope is invalid, unknown, malformed, or exceeds the scope the resource owner granted.";
    }
    SERVER_ERROR: "server_error" | "authorization endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, RetryLater, "RFC 6749 §4.1.2.1", "The authorization server met an unexpected condition (it stands in for a 500, which cannot be redirected).";
    }
    TEMPORARILY_UNAVAILABLE: "temporarily_unavailable" | "authorization endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        AuthorizationEndpoint, None, Redirect, RetryLater, "RFC 6749 §4.1.2.1", "The authorization server is temporarily overloaded or in maintenance (it stands in for a 503, which cannot be redirected).";
    }
    INVALID_CLIENT: "invalid_client" | "token endpoint, authorization endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        TokenEndpoint, Some(401), JsonBody, RegisterAgain, "RFC 6749 §5.2", "Client authentication failed (unknown client, no client authentication, or an unsupported method). A client that authenticated with the Authorization header MUST get 401 with a matching WWW-Authenticate challenge; otherwise 400 is allowed.";
        AuthorizationEndpoint, None, Redirect, RegisterAgain, "RFC 6749 §4.1.2.1", "Listed by IANA for the authorization endpoint, where RFC 6749 does not define it: a missing or invalid client_id MUST NOT be redirected; the user is told instead.";
    }
    INVALID_GRANT: "invalid_grant" | "token endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        TokenEndpoint, Some(400), JsonBody, Authorize, "RFC 6749 §5.2", "The authorization grant or refresh token is invalid, expired, revoked, does not match the redirection URI, or was issued to another client.";
    }
    UNSUPPORTED_GRANT_TYPE: "unsupported_grant_type" | "token endpoint" | "OAuth 2.0 Authorization Framework" | "IETF" | "[RFC6749]" {
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 6749 §5.2", "The authorization server does not support this grant type.";
    }
    INVALID_TOKEN: "invalid_token" | "resource access error response" | "bearer access token type" | "IETF" | "[RFC6750]" {
        ResourceAccess, Some(401), WwwAuthenticate, Refresh, "RFC 6750 §3.1", "The access token is expired, revoked, malformed, or invalid for another reason; every token validation failure is reported with this code.";
    }
    INSUFFICIENT_SCOPE: "insufficient_scope" | "resource access error response" | "bearer access token type" | "IETF" | "[RFC6750]" {
        ResourceAccess, Some(403), WwwAuthenticate, RequestScope, "RFC 6750 §3.1", "The request needs more privileges than the access token grants; the challenge MAY name the scope needed.";
    }
    UNSUPPORTED_TOKEN_TYPE: "unsupported_token_type" | "revocation endpoint error response" | "token revocation endpoint" | "IETF" | "[RFC7009]" {
        RevocationEndpoint, Some(400), JsonBody, GiveUp, "RFC 7009 §2.2.1", "The authorization server does not support revoking this token type.";
    }
    INTERACTION_REQUIRED: "interaction_required" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, Authorize, "OpenID Connect Core 1.0 §3.1.2.6", "The authorization server needs user interaction, and the request said prompt=none.";
    }
    LOGIN_REQUIRED: "login_required" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, Authorize, "OpenID Connect Core 1.0 §3.1.2.6", "The user must authenticate, and the request said prompt=none.";
    }
    ACCOUNT_SELECTION_REQUIRED: "account_selection_required" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, Authorize, "OpenID Connect Core 1.0 §3.1.2.6", "The user must select an account, and the request said prompt=none.";
    }
    CONSENT_REQUIRED: "consent_required" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, Authorize, "OpenID Connect Core 1.0 §3.1.2.6", "The user must consent, and the request said prompt=none.";
    }
    INVALID_REQUEST_URI: "invalid_request_uri" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Connect Core 1.0 §3.1.2.6", "The request_uri returns an error or holds invalid data.";
    }
    INVALID_REQUEST_OBJECT: "invalid_request_object" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Connect Core 1.0 §3.1.2.6", "The request parameter holds an invalid request object (a PAR endpoint answers 400 with a JSON body instead, RFC 9126 §2.3).";
    }
    REQUEST_NOT_SUPPORTED: "request_not_supported" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Connect Core 1.0 §3.1.2.6", "The server does not support the request parameter; send the parameters directly.";
    }
    REQUEST_URI_NOT_SUPPORTED: "request_uri_not_supported" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Connect Core 1.0 §3.1.2.6", "The server does not support the request_uri parameter.";
    }
    REGISTRATION_NOT_SUPPORTED: "registration_not_supported" | "authorization endpoint" | "OpenID Connect" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[OpenID Connect Core 1.0 incorporating errata set 1]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Connect Core 1.0 §3.1.2.6", "The server does not support the registration parameter.";
    }
    NEED_INFO: "need_info (and its subsidiary parameters)" | "authorization server response, token endpoint" | "Kantara UMA" | "[Kantara_UMA_WG]" | "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]" {
        UmaAuthorizationServer, Some(403), JsonBody, Authorize, "UMA 2.0 Grant §3.3.6", "The authorization server needs more information (claims) to decide; the body carries a new permission ticket and required_claims or redirect_user hints.";
        TokenEndpoint, Some(403), JsonBody, Authorize, "UMA 2.0 Grant §3.3.6", "The authorization server needs more information (claims) to decide; the body carries a new permission ticket and required_claims or redirect_user hints.";
    }
    REQUEST_DENIED: "request_denied" | "authorization server response, token endpoint" | "Kantara UMA" | "[Kantara_UMA_WG]" | "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]" {
        UmaAuthorizationServer, Some(403), JsonBody, GiveUp, "UMA 2.0 Grant §3.3.6", "The client is not authorized to have these permissions.";
        TokenEndpoint, Some(403), JsonBody, GiveUp, "UMA 2.0 Grant §3.3.6", "The client is not authorized to have these permissions.";
    }
    REQUEST_SUBMITTED: "request_submitted (and its subsidiary parameters)" | "authorization server response, token endpoint" | "Kantara UMA" | "[Kantara_UMA_WG]" | "[UMA 2.0 Grant for OAuth 2.0, Section 3.3.6]" {
        UmaAuthorizationServer, Some(403), JsonBody, KeepPolling, "UMA 2.0 Grant §3.3.6", "The resource owner must decide; the client may poll, at the interval given, with the new permission ticket.";
        TokenEndpoint, Some(403), JsonBody, KeepPolling, "UMA 2.0 Grant §3.3.6", "The resource owner must decide; the client may poll, at the interval given, with the new permission ticket.";
    }
    INVALID_REDIRECT_URI: "invalid_redirect_uri" | "registration endpoint" | "Dynamic Client Registration" | "IETF" | "[RFC7591, Section 3.2.2]" {
        RegistrationEndpoint, Some(400), JsonBody, FixRequest, "RFC 7591 §3.2.2", "One or more redirection URIs in the registration request are invalid.";
    }
    INVALID_CLIENT_METADATA: "invalid_client_metadata" | "registration endpoint" | "Dynamic Client Registration" | "IETF" | "[RFC7591, Section 3.2.2]" {
        RegistrationEndpoint, Some(400), JsonBody, FixRequest, "RFC 7591 §3.2.2", "A client metadata value is invalid, and the server rejected the registration.";
    }
    INVALID_SOFTWARE_STATEMENT: "invalid_software_statement" | "registration endpoint" | "Dynamic Client Registration" | "IETF" | "[RFC7591, Section 3.2.2]" {
        RegistrationEndpoint, Some(400), JsonBody, FixRequest, "RFC 7591 §3.2.2", "The software statement is invalid.";
    }
    UNAPPROVED_SOFTWARE_STATEMENT: "unapproved_software_statement" | "registration endpoint" | "Dynamic Client Registration" | "IETF" | "[RFC7591, Section 3.2.2]" {
        RegistrationEndpoint, Some(400), JsonBody, GiveUp, "RFC 7591 §3.2.2", "The software statement is not approved by this authorization server.";
    }
    AUTHORIZATION_PENDING: "authorization_pending" | "Token endpoint response" | "[RFC8628]" | "IETF" | "[RFC8628, Section 3.5]" {
        TokenPolling, Some(400), JsonBody, KeepPolling, "RFC 8628 §3.5", "The user has not finished the authorization yet; keep polling at the interval.";
    }
    ACCESS_DENIED: "access_denied" | "Token endpoint response" | "[RFC8628]" | "IETF" | "[RFC8628, Section 3.5]" {
        TokenPolling, Some(400), JsonBody, GiveUp, "RFC 8628 §3.5", "The user denied the authorization request; stop polling.";
    }
    SLOW_DOWN: "slow_down" | "Token endpoint response" | "[RFC8628]" | "IETF" | "[RFC8628, Section 3.5]" {
        TokenPolling, Some(400), JsonBody, SlowDown, "RFC 8628 §3.5", "Still pending, and polling too fast: the client MUST add 5 seconds to its interval for this and all later requests.";
    }
    EXPIRED_TOKEN: "expired_token" | "Token endpoint response" | "[RFC8628]" | "IETF" | "[RFC8628, Section 3.5]" {
        TokenPolling, Some(400), JsonBody, Authorize, "RFC 8628 §3.5", "The device_code expired; stop polling and start a new device authorization request.";
    }
    INVALID_TARGET: "invalid_target" | "implicit grant error response, token error response" | "resource parameter" | "IESG" | "[RFC8707]" {
        AuthorizationEndpoint, None, RedirectFragment, FixRequest, "RFC 8707 §2", "The requested resource is invalid, missing, unknown, or malformed (implicit grant error response).";
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 8707 §2", "The requested resource is invalid, missing, unknown, or malformed, or the server will not issue a token for it (also used by RFC 8693 token exchange).";
    }
    UNSUPPORTED_POP_KEY: "unsupported_pop_key" | "token error response" | "[RFC9200]" | "IETF" | "[RFC9200, Section 5.8.3]" {
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 9200 §5.8.3", "The client's proof-of-possession key is of a type the resource server does not support (over CoAP: 4.00 Bad Request).";
    }
    INCOMPATIBLE_ACE_PROFILES: "incompatible_ace_profiles" | "token error response" | "[RFC9200]" | "IETF" | "[RFC9200, Section 5.8.3]" {
        TokenEndpoint, Some(400), JsonBody, GiveUp, "RFC 9200 §5.8.3", "The client and the resource server share no ACE profile (over CoAP: 4.00 Bad Request).";
    }
    INVALID_AUTHORIZATION_DETAILS: "invalid_authorization_details" | "token endpoint, authorization endpoint" | "OAuth 2.0 Rich Authorization Requests" | "IETF" | "[RFC9396, Section 5]" {
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 9396 §5", "The authorization_details are invalid: an unknown type, a missing or invalid field, or a type this client may not use.";
        AuthorizationEndpoint, None, Redirect, FixRequest, "RFC 9396 §5", "The authorization_details are invalid: an unknown type, a missing or invalid field, or a type this client may not use.";
    }
    INVALID_DPOP_PROOF: "invalid_dpop_proof" | "token error response, resource access error response" | "Demonstrating Proof of Possession (DPoP)" | "IETF" | "[RFC9449]" {
        TokenEndpoint, Some(400), JsonBody, FixRequest, "RFC 9449 §5", "The DPoP proof is missing or invalid; send a new, valid proof.";
        ResourceAccess, Some(401), WwwAuthenticate, FixRequest, "RFC 9449 §7.1", "The DPoP proof is missing, invalid, or does not match the request or the token (a DPoP challenge); send a new, valid proof.";
    }
    USE_DPOP_NONCE: "use_dpop_nonce" | "token error response, resource access error response" | "Demonstrating Proof of Possession (DPoP)" | "IETF" | "[RFC9449]" {
        TokenEndpoint, Some(400), JsonBody, RetryWithDpopNonce, "RFC 9449 §8", "The authorization server requires a nonce in the DPoP proof; the DPoP-Nonce response header carries it.";
        ResourceAccess, Some(401), WwwAuthenticate, RetryWithDpopNonce, "RFC 9449 §9", "The resource server requires a nonce in the DPoP proof (a DPoP challenge); the DPoP-Nonce response header carries it.";
    }
    INSUFFICIENT_USER_AUTHENTICATION: "insufficient_user_authentication" | "resource access error response" | "OAuth 2.0 Step Up Authentication Challenge Protocol" | "IETF" | "[RFC9470, Section 3]" {
        ResourceAccess, Some(401), WwwAuthenticate, StepUp, "RFC 9470 §3", "The authentication behind the access token is too weak or too old; the challenge says what is needed with acr_values and/or max_age.";
    }
    INVALID_ISSUER: "invalid_issuer" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The server cannot serve statements for the requested issuer (federation endpoints answer with a JSON body).";
    }
    INVALID_SUBJECT: "invalid_subject" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The requested subject is unknown or invalid (federation endpoints answer with a JSON body).";
    }
    INVALID_TRUST_ANCHOR: "invalid_trust_anchor" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The trust anchor is unknown or cannot be used (federation endpoints answer with a JSON body).";
    }
    INVALID_TRUST_CHAIN: "invalid_trust_chain" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The trust chain cannot be built or validated (federation endpoints answer with a JSON body).";
    }
    INVALID_METADATA: "invalid_metadata" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The metadata is invalid, or applying the metadata policy failed (federation endpoints answer with a JSON body).";
    }
    NOT_FOUND: "not_found" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, GiveUp, "OpenID Federation 1.0 §8.9", "The requested entity or resource does not exist (federation endpoints answer with a JSON body).";
    }
    UNSUPPORTED_PARAMETER: "unsupported_parameter" | "authorization endpoint" | "OpenID Federation" | "[OpenID_Foundation_Artifact_Binding_WG]" | "[Section 8.9 of OpenID Federation 1.0]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID Federation 1.0 §8.9", "The server does not support a parameter of the request (federation endpoints answer with a JSON body).";
    }
    VP_FORMATS_NOT_SUPPORTED: "vp_formats_not_supported" | "authorization endpoint, token endpoint" | "OpenID for Verifiable Presentations" | "[OpenID_Foundation_Digital_Credentials_Protocols_WG]" | "[OpenID for Verifiable Presentations 1.0, Section 8.5]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID4VP 1.0 §8.5", "The wallet supports none of the credential formats the verifier asked for.";
        TokenEndpoint, Some(400), JsonBody, FixRequest, "OpenID4VP 1.0 §8.5", "The wallet supports none of the credential formats the verifier asked for.";
    }
    INVALID_REQUEST_URI_METHOD: "invalid_request_uri_method" | "authorization endpoint" | "OpenID for Verifiable Presentations" | "[OpenID_Foundation_Digital_Credentials_Protocols_WG]" | "[OpenID for Verifiable Presentations 1.0, Section 8.5]" {
        AuthorizationEndpoint, None, Redirect, FixRequest, "OpenID4VP 1.0 §8.5", "The request_uri_method is neither get nor post, or is not supported.";
    }
    WALLET_UNAVAILABLE: "wallet_unavailable" | "authorization endpoint, token endpoint" | "OpenID for Verifiable Presentations" | "[OpenID_Foundation_Digital_Credentials_Protocols_WG]" | "[OpenID for Verifiable Presentations 1.0, Section 8.5]" {
        AuthorizationEndpoint, None, Redirect, GiveUp, "OpenID4VP 1.0 §8.5", "The wallet is unavailable and cannot answer the request.";
        TokenEndpoint, Some(400), JsonBody, GiveUp, "OpenID4VP 1.0 §8.5", "The wallet is unavailable and cannot answer the request.";
    }
}

const fn code_index(e: &Entry) -> usize {
    match e.code.registered_index() {
        Some(i) => i,
        None => panic!("a registry row names an unregistered code"),
    }
}

/// The rows regrouped so that the entries of one code are adjacent (a stable counting sort
/// by code: codes in the order of their first registration, rows of one code in
/// registration order), and where each code's entries start.
const fn group() -> ([Entry; ROWS.len()], [(u8, u8); NAMES.len()]) {
    let mut counts = [0u8; NAMES.len()];
    let mut i = 0;
    while i < ROWS.len() {
        counts[code_index(&ROWS[i])] += 1;
        i += 1;
    }
    let mut ranges = [(0u8, 0u8); NAMES.len()];
    let mut start = 0u8;
    let mut c = 0;
    while c < NAMES.len() {
        if counts[c] == 0 {
            panic!("a registered code has no registry row");
        }
        ranges[c] = (start, counts[c]);
        start += counts[c];
        c += 1;
    }
    let mut out = [ROWS[0]; ROWS.len()];
    let mut filled = [0u8; NAMES.len()];
    let mut i = 0;
    while i < ROWS.len() {
        let c = code_index(&ROWS[i]);
        out[(ranges[c].0 + filled[c]) as usize] = ROWS[i];
        filled[c] += 1;
        i += 1;
    }
    // Keys are unique: no code has two entries at one location.
    let mut i = 0;
    while i < ROWS.len() {
        let mut j = i + 1;
        while j < ROWS.len() {
            if code_index(&ROWS[i]) == code_index(&ROWS[j])
                && ROWS[i].location as u8 == ROWS[j].location as u8
            {
                panic!("two registry entries share a (code, usage location) key");
            }
            j += 1;
        }
        i += 1;
    }
    (out, ranges)
}

const GROUPED: ([Entry; ROWS.len()], [(u8, u8); NAMES.len()]) = group();

/// Every entry, grouped by code.
static REGISTRY: [Entry; ROWS.len()] = GROUPED.0;

/// Where the entries of each code start in `REGISTRY`, and how many there are.
pub(crate) static BY_CODE: [(u8, u8); NAMES.len()] = GROUPED.1;

pub(crate) fn registry_slice(start: usize, len: usize) -> &'static [Entry] {
    REGISTRY.get(start..start + len).unwrap_or(&[])
}

/// The IANA "OAuth Extensions Error Registry" (as of 2026-03-25) as entries, one per
/// (code, usage location): 64 entries from the 50 rows. The entries of one code are
/// adjacent; codes come in the order of their first registration.
///
/// ```
/// use signpost_error::{registry, ErrorCode, UsageLocation};
///
/// assert_eq!(registry().len(), 64);
/// let at_rs: Vec<&str> = registry()
///     .iter()
///     .filter(|e| e.location() == UsageLocation::ResourceAccess)
///     .map(|e| e.code().as_str())
///     .collect();
/// assert_eq!(
///     at_rs,
///     ["invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof",
///      "use_dpop_nonce", "insufficient_user_authentication"]
/// );
/// ```
pub fn registry() -> &'static [Entry] {
    &REGISTRY
}

/// One row of the unregistered table (a private constructor for a static table: the
/// arguments are its columns).
#[allow(clippy::too_many_arguments)]
const fn unreg(
    code: &'static str,
    location: UsageLocation,
    status: Option<u16>,
    channel: Channel,
    remedy: Remedy,
    protocol_extension: &'static str,
    source: &'static str,
    description: &'static str,
) -> Entry {
    let code = ErrorCode::from_static(code);
    if code.is_registered() {
        panic!("the unregistered table names a registered code");
    }
    Entry {
        code,
        location,
        status,
        channel,
        remedy,
        reference: source,
        description,
        protocol_extension,
        iana: None,
    }
}

const CIBA: &str = "OpenID Connect Client-Initiated Backchannel Authentication (CIBA)";
const CIBA_13: &str = "OpenID Connect CIBA Core 1.0 §13";

/// Known codes that are not in the IANA registry, grouped by code.
pub(crate) static UNREGISTERED: [Entry; 9] = [
    unreg("expired_login_hint_token", UsageLocation::BackchannelAuthentication, Some(400), Channel::JsonBody, Remedy::FixRequest, CIBA, CIBA_13, "The login_hint_token in the authentication request has expired; get a fresh one."),
    unreg("unknown_user_id", UsageLocation::BackchannelAuthentication, Some(400), Channel::JsonBody, Remedy::GiveUp, CIBA, CIBA_13, "The provider cannot identify a user from the hint in the request."),
    unreg("missing_user_code", UsageLocation::BackchannelAuthentication, Some(400), Channel::JsonBody, Remedy::FixRequest, CIBA, CIBA_13, "The provider requires a user_code and the request has none."),
    unreg("invalid_user_code", UsageLocation::BackchannelAuthentication, Some(400), Channel::JsonBody, Remedy::FixRequest, CIBA, CIBA_13, "The user_code in the request is invalid."),
    unreg("invalid_binding_message", UsageLocation::BackchannelAuthentication, Some(400), Channel::JsonBody, Remedy::FixRequest, CIBA, CIBA_13, "The binding_message is invalid or not acceptable."),
    unreg("transaction_failed", UsageLocation::TokenPolling, Some(400), Channel::JsonBody, Remedy::Authorize, CIBA, "OpenID Connect CIBA Core 1.0 §11", "The provider could not complete the authentication transaction; start a new authentication request."),
    unreg("transaction_failed", UsageLocation::ClientNotification, None, Channel::JsonBody, Remedy::Authorize, CIBA, "OpenID Connect CIBA Core 1.0 §12", "Push mode: the provider posts this error to the client notification endpoint; start a new authentication request."),
    unreg("unmet_authentication_requirements", UsageLocation::AuthorizationEndpoint, None, Channel::Redirect, Remedy::GiveUp, "OpenID Connect", "OpenID Connect Core Error Code unmet_authentication_requirements 1.0", "The provider cannot meet the relying party's authentication requirements (for example an essential acr value)."),
    unreg("insufficient_claims", UsageLocation::ResourceAccess, Some(401), Channel::WwwAuthenticate, Remedy::StepUp, "Microsoft Entra ID", "Microsoft Entra ID claims challenge (Continuous Access Evaluation, Conditional Access)", "The token no longer satisfies a policy; get a new token, passing the challenge's claims value (base64 JSON) to the authorization server."),
];

/// The table of known codes that are NOT in the IANA registry, each marked unregistered
/// ([`Entry::is_registered`] is `false`) and naming its source ([`Entry::reference`]):
/// the CIBA authentication and token errors, OpenID Connect's
/// `unmet_authentication_requirements`, and Microsoft's `insufficient_claims`. Grouped by
/// code.
///
/// ```
/// use signpost_error::unregistered;
///
/// assert!(unregistered().iter().all(|e| !e.is_registered() && !e.code().is_registered()));
/// assert!(unregistered().iter().any(|e| e.code() == "transaction_failed"));
/// ```
pub fn unregistered() -> &'static [Entry] {
    &UNREGISTERED
}

/// What the registry says about a code.
impl ErrorCode<'_> {
    /// Every registry entry of this code, one per usage location, in registration order;
    /// empty for an extension code.
    ///
    /// ```
    /// use signpost_error::{ErrorCode, UsageLocation};
    ///
    /// let locations: Vec<UsageLocation> =
    ///     ErrorCode::ACCESS_DENIED.entries().iter().map(|e| e.location()).collect();
    /// assert_eq!(locations, [UsageLocation::AuthorizationEndpoint, UsageLocation::TokenPolling]);
    /// ```
    pub fn entries(&self) -> &'static [Entry] {
        match self.0 {
            Repr::Registered(c) => {
                let (start, len) = BY_CODE[c as usize];
                registry_slice(start as usize, len as usize)
            }
            Repr::Extension(_) => &[],
        }
    }

    /// The registry entry of this code at `location`, if the code is registered there.
    ///
    /// ```
    /// use signpost_error::{Channel, ErrorCode, UsageLocation};
    ///
    /// let at_token = ErrorCode::USE_DPOP_NONCE.at(UsageLocation::TokenEndpoint).unwrap();
    /// assert_eq!((at_token.status(), at_token.channel()), (Some(400), Channel::JsonBody));
    /// let at_rs = ErrorCode::USE_DPOP_NONCE.at(UsageLocation::ResourceAccess).unwrap();
    /// assert_eq!((at_rs.status(), at_rs.channel()), (Some(401), Channel::WwwAuthenticate));
    /// assert!(ErrorCode::USE_DPOP_NONCE.at(UsageLocation::AuthorizationEndpoint).is_none());
    /// ```
    pub fn at(&self, location: UsageLocation) -> Option<&'static Entry> {
        self.entries().iter().find(|e| e.location() == location)
    }

    /// The entries of this code in the table of known unregistered codes (CIBA, OpenID
    /// Connect, Microsoft), each marked unregistered and naming its source; empty for a
    /// registered code and for codes this crate does not know.
    ///
    /// ```
    /// use signpost_error::{ErrorCode, Remedy};
    ///
    /// let code = ErrorCode::parse("insufficient_claims").unwrap();
    /// let entry = &code.unregistered_entries()[0];
    /// assert!(!entry.is_registered());
    /// assert_eq!(entry.status(), Some(401));
    /// assert_eq!(entry.remedy(), Remedy::StepUp);
    /// ```
    pub fn unregistered_entries(&self) -> &'static [Entry] {
        let name = match self.0 {
            Repr::Registered(_) => return &[],
            Repr::Extension(s) => s,
        };
        // The table is short and grouped by code; this is not on any hot path.
        let table: &'static [Entry] = &UNREGISTERED;
        match table.iter().position(|e| e.code().as_str() == name) {
            None => &[],
            Some(start) => {
                let len = table[start..].iter().take_while(|e| e.code().as_str() == name).count();
                &table[start..start + len]
            }
        }
    }
}
