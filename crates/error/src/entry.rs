//! One row of the registry per (code, usage location), and the vocabularies that describe
//! it: where the code is used, which channel carries it, what a client should do.

use core::fmt;

use crate::code::ErrorCode;

/// Where an error code is used: an endpoint, or the resource server's error response.
///
/// The IANA registry names usage locations in free text, with several spellings for one
/// place ("token endpoint", "token error response"); each entry keeps that text
/// ([`Entry::iana_usage`]) and is keyed by one of these values.
///
/// This is a closed vocabulary of this crate, not a registry that travels on the wire, so it
/// is an enum (to `match` on), `#[non_exhaustive]` so that a new place is not a breaking
/// change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UsageLocation {
    /// The authorization endpoint: the error goes back to the client in the authorization
    /// response, a redirect to its `redirect_uri` (RFC 6749 §4.1.2.1, §4.2.2.1). IANA:
    /// "authorization endpoint", and RFC 8707's "implicit grant error response".
    AuthorizationEndpoint,
    /// The token endpoint, answering with the JSON body of RFC 6749 §5.2. IANA:
    /// "token endpoint", "token error response".
    TokenEndpoint,
    /// The token endpoint while a client polls it for a pending grant: the device flow
    /// (RFC 8628 §3.5; IANA: "Token endpoint response") and CIBA poll mode.
    TokenPolling,
    /// A protected resource rejecting a request, with a `WWW-Authenticate` challenge
    /// (RFC 6750 §3). IANA: "resource access error response".
    ResourceAccess,
    /// The dynamic client registration endpoint (RFC 7591 §3.2.2).
    RegistrationEndpoint,
    /// The token revocation endpoint (RFC 7009 §2.2.1). IANA: "revocation endpoint error
    /// response".
    RevocationEndpoint,
    /// The UMA 2.0 authorization server answering a request for a requesting party token
    /// (UMA 2.0 Grant §3.3.6). IANA: "authorization server response".
    UmaAuthorizationServer,
    /// The CIBA backchannel authentication endpoint (OpenID Connect CIBA Core 1.0 §13);
    /// used only by unregistered codes.
    BackchannelAuthentication,
    /// The client notification endpoint, where a CIBA push-mode provider posts an error
    /// (OpenID Connect CIBA Core 1.0 §12); used only by unregistered codes.
    ClientNotification,
}

impl UsageLocation {
    /// Every location, in declaration order.
    pub const ALL: &'static [UsageLocation] = &[
        UsageLocation::AuthorizationEndpoint,
        UsageLocation::TokenEndpoint,
        UsageLocation::TokenPolling,
        UsageLocation::ResourceAccess,
        UsageLocation::RegistrationEndpoint,
        UsageLocation::RevocationEndpoint,
        UsageLocation::UmaAuthorizationServer,
        UsageLocation::BackchannelAuthentication,
        UsageLocation::ClientNotification,
    ];

    /// A short lowercase name, stable, for listings and JSON (`"resource access error
    /// response"`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            UsageLocation::AuthorizationEndpoint => "authorization endpoint",
            UsageLocation::TokenEndpoint => "token endpoint",
            UsageLocation::TokenPolling => "token endpoint polling",
            UsageLocation::ResourceAccess => "resource access error response",
            UsageLocation::RegistrationEndpoint => "registration endpoint",
            UsageLocation::RevocationEndpoint => "revocation endpoint",
            UsageLocation::UmaAuthorizationServer => "uma authorization server response",
            UsageLocation::BackchannelAuthentication => "backchannel authentication endpoint",
            UsageLocation::ClientNotification => "client notification endpoint",
        }
    }

    /// The location named by one item of an IANA "usage location" text (case-insensitive,
    /// surrounding spaces ignored): `"token error response"` is the token endpoint,
    /// `"Token endpoint response"` (RFC 8628) is polling at the token endpoint.
    ///
    /// ```
    /// use signpost_error::UsageLocation;
    ///
    /// assert_eq!(UsageLocation::from_iana(" token error response"), Some(UsageLocation::TokenEndpoint));
    /// assert_eq!(UsageLocation::from_iana("Token endpoint response"), Some(UsageLocation::TokenPolling));
    /// assert_eq!(UsageLocation::from_iana("somewhere"), None);
    /// ```
    pub fn from_iana(item: &str) -> Option<UsageLocation> {
        const ITEMS: &[(&str, UsageLocation)] = &[
            ("authorization endpoint", UsageLocation::AuthorizationEndpoint),
            ("implicit grant error response", UsageLocation::AuthorizationEndpoint),
            ("token endpoint", UsageLocation::TokenEndpoint),
            ("token error response", UsageLocation::TokenEndpoint),
            ("token endpoint response", UsageLocation::TokenPolling),
            ("resource access error response", UsageLocation::ResourceAccess),
            ("registration endpoint", UsageLocation::RegistrationEndpoint),
            ("revocation endpoint error response", UsageLocation::RevocationEndpoint),
            ("authorization server response", UsageLocation::UmaAuthorizationServer),
        ];
        let item = item.trim_matches(' ');
        ITEMS.iter().find(|(name, _)| name.eq_ignore_ascii_case(item)).map(|&(_, l)| l)
    }
}

impl fmt::Display for UsageLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an error reaches the client.
///
/// A closed vocabulary of this crate (an enum to `match` on), `#[non_exhaustive]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Channel {
    /// Parameters of the authorization response at the client's `redirect_uri`: in the query
    /// for `response_type=code` (RFC 6749 §4.1.2.1), in the fragment for the implicit grant
    /// (§4.2.2.1), or as the `response_mode` says. No HTTP status reaches the client.
    Redirect,
    /// The fragment of the authorization response only (the implicit grant, RFC 6749
    /// §4.2.2.1).
    RedirectFragment,
    /// An `application/json` body with `error`, `error_description`, `error_uri`
    /// (RFC 6749 §5.2).
    JsonBody,
    /// The `error` auth-param of a `WWW-Authenticate` challenge (RFC 6750 §3, RFC 9449 §7.1).
    WwwAuthenticate,
}

impl Channel {
    /// A short stable name for listings and JSON: `redirect`, `redirect-fragment`,
    /// `json-body`, `www-authenticate`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Channel::Redirect => "redirect",
            Channel::RedirectFragment => "redirect-fragment",
            Channel::JsonBody => "json-body",
            Channel::WwwAuthenticate => "www-authenticate",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a client should do about an error: the flow to run, not just the code (the request
/// of the 2011 "OAuth2 scheme" proposal that the registry never answered).
///
/// A closed vocabulary of this crate (an enum to `match` on), `#[non_exhaustive]`: a client
/// must have a fallback arm, usually [`Remedy::GiveUp`].
///
/// ```
/// use signpost_error::{ErrorCode, Remedy, UsageLocation};
///
/// fn next(code: ErrorCode<'_>) -> &'static str {
///     match code.at(UsageLocation::ResourceAccess).map(|e| e.remedy()) {
///         Some(Remedy::Refresh) => "refresh the token",
///         Some(Remedy::StepUp) => "authenticate again with acr_values / max_age",
///         Some(Remedy::RequestScope) => "authorize with more scope",
///         Some(Remedy::RetryWithDpopNonce) => "retry with the DPoP-Nonce",
///         _ => "give up",
///     }
/// }
/// assert_eq!(next(ErrorCode::INSUFFICIENT_USER_AUTHENTICATION), "authenticate again with acr_values / max_age");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Remedy {
    /// The request is malformed or asks for something the server does not support: fix it;
    /// repeating it unchanged fails again.
    FixRequest,
    /// Present a different access token that the client already holds (for example one with
    /// the right scope or audience).
    RetryWithAnotherToken,
    /// The access token is no longer good: get a new one with the refresh token; if that
    /// fails (`invalid_grant`) or there is none, run a new authorization flow. Re-sending the
    /// same token is pointless.
    Refresh,
    /// Run a new user-delegation (authorization) flow: the grant is gone, or the user must
    /// interact.
    Authorize,
    /// The user's authentication is too weak or too old: run a new authorization request
    /// asking for the stated `acr_values` / `max_age` (RFC 9470) or claims.
    StepUp,
    /// The token lacks scope: authorize again asking for the scope the challenge names, in
    /// addition to what the client holds.
    RequestScope,
    /// Retry with a DPoP proof that carries the nonce from the `DPoP-Nonce` response header
    /// (RFC 9449 §8, §9).
    RetryWithDpopNonce,
    /// The grant is still pending: poll again after the interval (RFC 8628 §3.5).
    KeepPolling,
    /// Still pending, and polling too fast: add 5 seconds to the interval, for this and every
    /// later request (RFC 8628 §3.5).
    SlowDown,
    /// The client's registration or credentials are not accepted: register again (a
    /// dynamically registered client) or fix the client's configuration.
    RegisterAgain,
    /// The server cannot answer now: retry later, with backoff.
    RetryLater,
    /// Nothing the client can do automatically will succeed (denied, unsupported, not found).
    GiveUp,
}

impl Remedy {
    /// A short stable snake_case name for listings and JSON (`"refresh"`, `"step_up"`); the
    /// names shared with the `signpost` facade's next steps are spelled the same.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Remedy::FixRequest => "fix_request",
            Remedy::RetryWithAnotherToken => "retry_with_token",
            Remedy::Refresh => "refresh",
            Remedy::Authorize => "authorize",
            Remedy::StepUp => "step_up",
            Remedy::RequestScope => "request_scope",
            Remedy::RetryWithDpopNonce => "retry_with_dpop_nonce",
            Remedy::KeepPolling => "keep_polling",
            Remedy::SlowDown => "slow_down",
            Remedy::RegisterAgain => "register_again",
            Remedy::RetryLater => "retry_later",
            Remedy::GiveUp => "give_up",
        }
    }

    /// One sentence for a person: what to do.
    pub const fn describe(&self) -> &'static str {
        match self {
            Remedy::FixRequest => "fix the request; repeating it unchanged fails again",
            Remedy::RetryWithAnotherToken => "retry with another access token the client holds",
            Remedy::Refresh => {
                "get a new access token with the refresh token, else run a new authorization flow"
            }
            Remedy::Authorize => "run a new user-delegation (authorization) flow",
            Remedy::StepUp => {
                "authenticate the user again as the challenge asks (acr_values, max_age, claims)"
            }
            Remedy::RequestScope => "authorize again asking for the scope the challenge names",
            Remedy::RetryWithDpopNonce => "retry with a DPoP proof carrying the DPoP-Nonce value",
            Remedy::KeepPolling => "keep polling at the interval",
            Remedy::SlowDown => "keep polling, 5 seconds slower from now on",
            Remedy::RegisterAgain => "register the client again, or fix its credentials",
            Remedy::RetryLater => "retry later, with backoff",
            Remedy::GiveUp => "give up; nothing automatic will succeed",
        }
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error code at one usage location: what the defining specification prescribes there
/// (HTTP status, channel), what a client should do, and where it is written down.
///
/// Entries come from [`registry()`](crate::registry()) (the IANA registry, keyed by code and
/// location), [`ErrorCode::entries`], [`ErrorCode::at`], and the table of known unregistered
/// codes, [`unregistered()`](crate::unregistered()).
///
/// ```
/// use signpost_error::{Channel, ErrorCode, Remedy, UsageLocation};
///
/// let e = ErrorCode::INVALID_CLIENT.at(UsageLocation::TokenEndpoint).unwrap();
/// assert_eq!(e.status(), Some(401));
/// assert_eq!(e.channel(), Channel::JsonBody);
/// assert_eq!(e.remedy(), Remedy::RegisterAgain);
/// assert_eq!(e.reference(), "RFC 6749 §5.2");
/// assert_eq!(e.iana_usage(), Some("token endpoint, authorization endpoint"));
/// assert_eq!(e.change_controller(), Some("IETF"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) code: ErrorCode<'static>,
    pub(crate) location: UsageLocation,
    pub(crate) status: Option<u16>,
    pub(crate) channel: Channel,
    pub(crate) remedy: Remedy,
    pub(crate) reference: &'static str,
    pub(crate) description: &'static str,
    pub(crate) protocol_extension: &'static str,
    /// `Some` for registered entries: the IANA row's usage location, change controller and
    /// reference, verbatim.
    pub(crate) iana: Option<IanaRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IanaRow {
    pub(crate) name: &'static str,
    pub(crate) usage: &'static str,
    pub(crate) change_controller: &'static str,
    pub(crate) reference: &'static str,
}

impl Entry {
    /// The error code.
    pub const fn code(&self) -> ErrorCode<'static> {
        self.code
    }

    /// Where the code is used.
    pub const fn location(&self) -> UsageLocation {
        self.location
    }

    /// The HTTP status the defining specification prescribes at this location; `None` where
    /// the error travels in a redirect (the client sees no error status) or in a request the
    /// server sends.
    pub const fn status(&self) -> Option<u16> {
        self.status
    }

    /// The channel that carries the error to the client.
    pub const fn channel(&self) -> Channel {
        self.channel
    }

    /// What a client should do.
    pub const fn remedy(&self) -> Remedy {
        self.remedy
    }

    /// The section that defines the code's meaning and status at this location, such as
    /// `"RFC 6750 §3.1"`; for an unregistered code, its source.
    pub const fn reference(&self) -> &'static str {
        self.reference
    }

    /// What the code means here, in a sentence or two.
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// The protocol extension (IANA's column, verbatim, for a registered entry; the family
    /// of specifications for an unregistered one).
    pub const fn protocol_extension(&self) -> &'static str {
        self.protocol_extension
    }

    /// Whether the entry is in the IANA registry.
    pub const fn is_registered(&self) -> bool {
        self.iana.is_some()
    }

    /// The IANA row's usage location text, verbatim (`"token error response, resource
    /// access error response"`); `None` for an unregistered code.
    pub const fn iana_usage(&self) -> Option<&'static str> {
        match self.iana {
            Some(row) => Some(row.usage),
            None => None,
        }
    }

    /// The IANA row's error name, verbatim (`"need_info (and its subsidiary parameters)"`);
    /// `None` for an unregistered code.
    pub const fn iana_name(&self) -> Option<&'static str> {
        match self.iana {
            Some(row) => Some(row.name),
            None => None,
        }
    }

    /// The IANA row's change controller, verbatim (`"IETF"`,
    /// `"[OpenID_Foundation_Artifact_Binding_WG]"`); `None` for an unregistered code.
    pub const fn change_controller(&self) -> Option<&'static str> {
        match self.iana {
            Some(row) => Some(row.change_controller),
            None => None,
        }
    }

    /// The IANA row's reference, verbatim (`"[RFC6749][RFC6750]"`); `None` for an
    /// unregistered code.
    pub const fn iana_reference(&self) -> Option<&'static str> {
        match self.iana {
            Some(row) => Some(row.reference),
            None => None,
        }
    }
}
