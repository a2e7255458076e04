//! The server side: from a rejection to a status and the challenges that say how to fix it.

use core::fmt;
use core::iter::FusedIterator;

use signpost_error::ErrorCode;

use crate::field::{check_list, check_nonce, FieldError};
#[cfg(feature = "alloc")]
use crate::flow::Flows;
use crate::flow::{Flow, FlowSource};
use crate::text::Text;
use crate::views::{
    check_description, check_flows, check_issuer, check_realm, check_scope, check_url,
    ChallengeParams, SchemeKind,
};

/// Why a presented access token failed validation. Every one of them is reported as
/// `invalid_token` (RFC 6750 §3.1; RFC 9068 §4; the OAuth WG discussion of JWT access token errors, 2020): the reason only goes into
/// `error_description`, for the developer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenProblem {
    /// The token expired (`exp` in the past).
    Expired,
    /// The token is not valid yet (`nbf` in the future).
    NotYetValid,
    /// The token was revoked, or introspection says it is not active.
    Revoked,
    /// The token is meant for another resource (`aud`, RFC 8707).
    WrongAudience,
    /// The token comes from an issuer this resource does not trust.
    WrongIssuer,
    /// The token's signature (or MAC) does not verify.
    BadSignature,
    /// The token is bound to another key than the DPoP proof's (RFC 9449 §7.1).
    KeyBinding,
    /// The token cannot be parsed.
    Malformed,
    /// Any other validation failure.
    Invalid,
}

impl TokenProblem {
    /// A short stable name (`"expired"`, `"wrong_audience"`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            TokenProblem::Expired => "expired",
            TokenProblem::NotYetValid => "not_yet_valid",
            TokenProblem::Revoked => "revoked",
            TokenProblem::WrongAudience => "wrong_audience",
            TokenProblem::WrongIssuer => "wrong_issuer",
            TokenProblem::BadSignature => "bad_signature",
            TokenProblem::KeyBinding => "key_binding",
            TokenProblem::Malformed => "malformed",
            TokenProblem::Invalid => "invalid",
        }
    }

    /// The `error_description` written for it (`1*NQSCHAR`).
    pub const fn description(&self) -> &'static str {
        match self {
            TokenProblem::Expired => "The access token expired",
            TokenProblem::NotYetValid => "The access token is not valid yet",
            TokenProblem::Revoked => "The access token was revoked",
            TokenProblem::WrongAudience => "The access token is meant for another resource",
            TokenProblem::WrongIssuer => "The access token comes from an untrusted issuer",
            TokenProblem::BadSignature => "The access token signature is invalid",
            TokenProblem::KeyBinding => "Invalid DPoP key binding",
            TokenProblem::Malformed => "The access token is malformed",
            TokenProblem::Invalid => "The access token is invalid",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NoToken,
    InvalidRequest,
    InvalidToken(TokenProblem),
    InsufficientScope,
    StepUp,
    DpopProof,
    DpopNonce,
}

/// Why a resource server rejected a request. Build it with one of the constructors; the
/// `with_*` methods add or replace details.
///
/// | constructor | status | `error` |
/// |---|---|---|
/// | [`no_token`](Rejection::no_token) | 401 | none (RFC 6750 §3.1) |
/// | [`invalid_request`](Rejection::invalid_request) | 400 | `invalid_request` |
/// | [`invalid_token`](Rejection::invalid_token) | 401 | `invalid_token`, whatever the [`TokenProblem`] |
/// | [`insufficient_scope`](Rejection::insufficient_scope) | 403 | `insufficient_scope` |
/// | [`authentication_too_old`](Rejection::authentication_too_old), [`authentication_too_weak`](Rejection::authentication_too_weak) | 401 | `insufficient_user_authentication` (RFC 9470) |
/// | [`invalid_dpop_proof`](Rejection::invalid_dpop_proof) | 401 | `invalid_dpop_proof` (RFC 9449 §7.1) |
/// | [`dpop_nonce_required`](Rejection::dpop_nonce_required) | 401 | `use_dpop_nonce` (RFC 9449 §9) |
#[derive(Clone, Copy, Debug)]
pub struct Rejection<'x> {
    kind: Kind,
    /// The rejection's own parameters: `error_description`, `scope`, `acr_values`,
    /// `max_age`.
    details: ChallengeParams<'x>,
    nonce: Option<&'x str>,
}

impl<'x> Rejection<'x> {
    const fn of(kind: Kind) -> Self {
        Rejection { kind, details: ChallengeParams::new(), nonce: None }
    }

    /// The request carried no access token (or none in a way the server accepts).
    pub const fn no_token() -> Self {
        Rejection::of(Kind::NoToken)
    }

    /// The request is malformed (a missing or repeated parameter, a token sent in more than
    /// one way); `description` says how.
    pub const fn invalid_request(description: &'x str) -> Self {
        Rejection::of(Kind::InvalidRequest).with_description(description)
    }

    /// The access token failed validation for `problem`.
    pub const fn invalid_token(problem: TokenProblem) -> Self {
        Rejection::of(Kind::InvalidToken(problem))
    }

    /// The access token lacks scope; `scope` is the scope the request needs (all of it, MCP
    /// 2026: not one token at a time).
    pub const fn insufficient_scope(scope: &'x str) -> Self {
        Rejection::of(Kind::InsufficientScope).with_scope(scope)
    }

    /// The user authenticated longer ago than `max_age` seconds allow (RFC 9470 §3).
    pub const fn authentication_too_old(max_age: u64) -> Self {
        Rejection::of(Kind::StepUp).with_max_age(max_age)
    }

    /// The user's authentication is weaker than the request needs; `acr_values` are the
    /// acceptable classes, in order of preference (RFC 9470 §3).
    pub const fn authentication_too_weak(acr_values: &'x str) -> Self {
        Rejection::of(Kind::StepUp).with_acr_values(acr_values)
    }

    /// The DPoP proof is missing, malformed, or does not match the request or the token;
    /// `description` says how.
    pub const fn invalid_dpop_proof(description: &'x str) -> Self {
        Rejection::of(Kind::DpopProof).with_description(description)
    }

    /// The DPoP proof must carry a server nonce; `nonce` goes into the `DPoP-Nonce` header
    /// (RFC 9449 §9).
    pub const fn dpop_nonce_required(nonce: &'x str) -> Self {
        let mut r = Rejection::of(Kind::DpopNonce);
        r.nonce = Some(nonce);
        r
    }

    /// Replaces the `error_description` (`1*NQSCHAR`).
    #[must_use]
    pub const fn with_description(mut self, description: &'x str) -> Self {
        self.details = self.details.error_description(description);
        self
    }

    /// Sets the `scope` written in the challenge (for a step-up, the scope the new token
    /// must also carry).
    #[must_use]
    pub const fn with_scope(mut self, scope: &'x str) -> Self {
        self.details = self.details.scope(scope);
        self
    }

    /// Sets `max_age` (a step-up may ask for both a class and a recent authentication).
    #[must_use]
    pub const fn with_max_age(mut self, max_age: u64) -> Self {
        self.details = self.details.max_age(max_age);
        self
    }

    /// Sets `acr_values`.
    #[must_use]
    pub const fn with_acr_values(mut self, acr_values: &'x str) -> Self {
        self.details = self.details.acr_values(acr_values);
        self
    }

    /// The HTTP status: 400, 401 or 403 (RFC 6750 §3.1, RFC 9449 §7.1 and §9, RFC 9470
    /// §3).
    pub const fn status(&self) -> u16 {
        match self.kind {
            Kind::InvalidRequest => 400,
            Kind::InsufficientScope => 403,
            _ => 401,
        }
    }

    /// The `error` code, `None` when no credentials were sent (RFC 6750 §3.1: the challenge
    /// SHOULD NOT carry one then).
    pub const fn error(&self) -> Option<ErrorCode<'static>> {
        Some(match self.kind {
            Kind::NoToken => return None,
            Kind::InvalidRequest => ErrorCode::INVALID_REQUEST,
            Kind::InvalidToken(_) => ErrorCode::INVALID_TOKEN,
            Kind::InsufficientScope => ErrorCode::INSUFFICIENT_SCOPE,
            Kind::StepUp => ErrorCode::INSUFFICIENT_USER_AUTHENTICATION,
            Kind::DpopProof => ErrorCode::INVALID_DPOP_PROOF,
            Kind::DpopNonce => ErrorCode::USE_DPOP_NONCE,
        })
    }

    /// The `error_description` written: the one given, or a default for the reason
    /// (RFC 9470 §3 and RFC 9449 §9 wording where they have examples).
    pub const fn description(&self) -> Option<&'x str> {
        if let Some(d) = self.details.error_description {
            return Some(d);
        }
        match self.kind {
            Kind::InvalidToken(problem) => Some(problem.description()),
            Kind::StepUp if self.details.acr_values.is_some() => {
                Some("A different authentication level is required")
            }
            Kind::StepUp => Some("More recent authentication is required"),
            Kind::DpopNonce => Some("Resource server requires nonce in DPoP proof"),
            _ => None,
        }
    }

    /// The nonce for the `DPoP-Nonce` header, for [`dpop_nonce_required`](Self::dpop_nonce_required).
    pub const fn dpop_nonce(&self) -> Option<&'x str> {
        self.nonce
    }

    /// Checks the values the caller gave (`error_description`, `scope`, `acr_values`), in
    /// the order [`ChallengeParams::check`] takes them. The `error` code and the default
    /// descriptions are the crate's own constants, which pass their rules (a test checks
    /// every one); `max_age` is a number.
    fn check_given(&self) -> Result<(), FieldError> {
        if let Some(d) = self.details.error_description {
            check_description(d)?;
        }
        if let Some(s) = self.details.scope {
            check_scope(s)?;
        }
        if let Some(a) = self.details.acr_values {
            check_list("acr_values", a)?;
        }
        Ok(())
    }

    /// Whether only a DPoP proof can fix it (so only a `DPoP` challenge is sent).
    const fn is_dpop(&self) -> bool {
        matches!(self.kind, Kind::DpopProof | Kind::DpopNonce)
    }

    /// The flows that can fix it (rule #2 of the 2011 `OAuth2` challenge proposal), as a filter on the context's flows;
    /// `None` when no flow can (the client must fix its request or its proof).
    fn flow_filter(&self) -> Option<fn(&Flow<'_>) -> bool> {
        match self.kind {
            Kind::NoToken | Kind::InvalidToken(_) => Some(|_| true),
            // A refresh cannot widen scope (RFC 6749 §6).
            Kind::InsufficientScope => Some(|f| *f != Flow::REFRESH),
            // Only a flow with the user at the authorization server can authenticate them.
            Kind::StepUp => Some(|f| f.involves_user()),
            Kind::InvalidRequest | Kind::DpopProof | Kind::DpopNonce => None,
        }
    }
}

/// Which token schemes a resource server accepts: `Bearer`, `DPoP` or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Schemes {
    bearer: bool,
    dpop: bool,
}

impl Schemes {
    /// Bearer tokens only (RFC 6750).
    pub const BEARER: Schemes = Schemes { bearer: true, dpop: false };
    /// DPoP-bound tokens only (RFC 9449).
    pub const DPOP: Schemes = Schemes { bearer: false, dpop: true };
    /// Both: a `Bearer` and a `DPoP` challenge go out side by side (RFC 9449 §7.2).
    pub const BOTH: Schemes = Schemes { bearer: true, dpop: true };

    /// Whether `Bearer` is accepted.
    pub const fn bearer(&self) -> bool {
        self.bearer
    }

    /// Whether `DPoP` is accepted.
    pub const fn dpop(&self) -> bool {
        self.dpop
    }
}

/// What a resource server says about itself in every challenge: realm, metadata URL,
/// issuer, the scope it needs, the schemes it accepts, and the flows a client may run.
///
/// ```
/// use signpost_oauth::{Flow, Rejection, Schemes, ServerContext, TokenProblem};
///
/// let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
/// let ctx = ServerContext::new()
///     .resource_metadata("https://api.example.com/.well-known/oauth-protected-resource")
///     .schemes(Schemes::BOTH)
///     .dpop_algs("ES256 PS256")
///     .flows(&flows);
/// let response = ctx.respond(&Rejection::invalid_token(TokenProblem::Expired))?;
/// assert_eq!(response.status(), 401);
/// let lines: Vec<String> = response.challenges().map(|c| c.to_string()).collect();
/// assert_eq!(lines, [
///     r#"Bearer error="invalid_token", error_description="The access token expired", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
///     r#"DPoP error="invalid_token", error_description="The access token expired", algs="ES256 PS256", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
///     r#"OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
/// ]);
/// # Ok::<(), signpost_oauth::FieldError>(())
/// ```
///
/// # Built once, shared by every request
///
/// The builders borrow their values. A server that reads them at start-up (configuration,
/// environment) turns the context into a `ServerContext<'static>` with
/// [`into_owned`](Self::into_owned) (feature `alloc`): it is `Clone + Send + Sync +
/// 'static`, so it goes into a framework's shared state (axum's `State`, behind an `Arc`),
/// and [`respond`](Self::respond) borrows from it without allocating.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use std::sync::Arc;
/// use signpost_oauth::{Flow, Rejection, ServerContext};
///
/// // Start-up: strings from the environment, dropped once the context is built.
/// let realm = String::from("mcp");
/// let metadata = String::from("https://mcp.example.com/.well-known/oauth-protected-resource");
/// let configured = String::from("user-delegation device");
/// let flows = configured.split(' ').map(Flow::parse).collect::<Result<Vec<_>, _>>()?;
/// let ctx: Arc<ServerContext<'static>> = Arc::new(
///     ServerContext::new().realm(&realm).resource_metadata(&metadata).flows(&flows).into_owned(),
/// );
/// drop(flows);
/// drop((realm, metadata, configured));
///
/// // Every request:
/// let response = ctx.respond(&Rejection::no_token())?;
/// assert_eq!(
///     response.challenges().next().unwrap().to_string(),
///     r#"Bearer realm="mcp", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#
/// );
/// # }
/// # Ok::<(), signpost_oauth::FieldError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerContext<'x> {
    realm: Option<Text<'x>>,
    resource_metadata: Option<Text<'x>>,
    issuer: Option<Text<'x>>,
    /// `algs`, written on `DPoP` only.
    algs: Option<Text<'x>>,
    scope: Option<Text<'x>>,
    flows: FlowList<'x>,
    schemes: Schemes,
    oauth2: bool,
    /// The values that break their field's rule, one bit each (`REALM`...), found when the
    /// builders took them; [`UNCHECKED`] without the `perf` feature, where nothing is
    /// checked ahead and [`respond`](ServerContext::respond) checks every value.
    bad: u8,
}

const REALM: u8 = 1 << 0;
const RESOURCE_METADATA: u8 = 1 << 1;
const ISSUER: u8 = 1 << 2;
const ALGS: u8 = 1 << 3;
const SCOPE: u8 = 1 << 4;
const FLOWS: u8 = 1 << 5;
/// Every value to check again (the smaller build keeps no record of its checks).
const UNCHECKED: u8 = 0xff;

/// The flows of a [`ServerContext`]: the caller's slice, or (owned) a `flows` value.
#[derive(Clone, Debug)]
enum FlowList<'x> {
    Borrowed(&'x [Flow<'x>]),
    /// The flows joined by one SP (never empty: no flow is `Borrowed(&[])`).
    #[cfg(feature = "alloc")]
    Owned(alloc::string::String),
}

impl FlowList<'_> {
    fn source(&self) -> FlowSource<'_> {
        match self {
            FlowList::Borrowed(list) => FlowSource::List(list),
            #[cfg(feature = "alloc")]
            FlowList::Owned(joined) => FlowSource::Joined(Flows::trusted(joined)),
        }
    }
}

impl PartialEq for FlowList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.source().iter().eq(other.source().iter())
    }
}

impl Eq for FlowList<'_> {}

impl Default for ServerContext<'_> {
    fn default() -> Self {
        ServerContext::new()
    }
}

impl<'x> ServerContext<'x> {
    /// Bearer only, no realm, no metadata URL, no flows (so no `OAuth2` challenge).
    pub const fn new() -> Self {
        ServerContext {
            realm: None,
            resource_metadata: None,
            issuer: None,
            algs: None,
            scope: None,
            flows: FlowList::Borrowed(&[]),
            schemes: Schemes::BEARER,
            oauth2: true,
            bad: if cfg!(feature = "perf") { 0 } else { UNCHECKED },
        }
    }

    /// Records whether the value of `field` passes its rule (with `perf`: the one build
    /// that checks ahead).
    #[inline(always)]
    fn mark(mut self, field: u8, check: impl FnOnce() -> Result<(), FieldError>) -> Self {
        if cfg!(feature = "perf") {
            if check().is_ok() {
                self.bad &= !field;
            } else {
                self.bad |= field;
            }
        }
        self
    }

    /// The `realm` of every challenge.
    #[must_use]
    pub fn realm(mut self, realm: &'x str) -> Self {
        self.realm = Some(Text::Borrowed(realm));
        self.mark(REALM, || check_realm(realm))
    }

    /// The RFC 9728 metadata URL, written as `resource_metadata` on every challenge (MCP
    /// requires it on the 401; a `DPoP` challenge without it strands DPoP clients).
    #[must_use]
    pub fn resource_metadata(mut self, url: &'x str) -> Self {
        self.resource_metadata = Some(Text::Borrowed(url));
        self.mark(RESOURCE_METADATA, || check_url("resource_metadata", url))
    }

    /// The authorization server's issuer, written as `issuer` on every challenge
    /// (draft-parecki-oauth-authorization-server-discovery; clients that know their server
    /// ignore it).
    #[must_use]
    pub fn issuer(mut self, issuer: &'x str) -> Self {
        self.issuer = Some(Text::Borrowed(issuer));
        self.mark(ISSUER, || check_issuer("issuer", issuer))
    }

    /// The scope a client needs to use this resource, written as `scope` when no token or
    /// an invalid one was presented and on step-up challenges (MCP: servers SHOULD include
    /// it); an [`insufficient_scope`](Rejection::insufficient_scope) rejection names its own.
    #[must_use]
    pub fn scope(mut self, scope: &'x str) -> Self {
        self.scope = Some(Text::Borrowed(scope));
        self.mark(SCOPE, || check_scope(scope))
    }

    /// The token schemes accepted (default [`Schemes::BEARER`]).
    #[must_use]
    pub fn schemes(mut self, schemes: Schemes) -> Self {
        self.schemes = schemes;
        self
    }

    /// The JWS algorithms accepted in DPoP proofs, written as `algs` on the `DPoP`
    /// challenge.
    #[must_use]
    pub fn dpop_algs(mut self, algs: &'x str) -> Self {
        self.algs = Some(Text::Borrowed(algs));
        self.mark(ALGS, || check_list("algs", algs))
    }

    /// The flows a client may run at the authorization server, most preferred first. When
    /// some of them can fix a rejection, an `OAuth2` challenge names those (the flows that
    /// fit each rejection are listed under [`respond`](Self::respond)); see
    /// [`send_oauth2_challenge`](Self::send_oauth2_challenge).
    #[must_use]
    pub fn flows(mut self, flows: &'x [Flow<'x>]) -> Self {
        self.flows = FlowList::Borrowed(flows);
        self.mark(FLOWS, || check_flows(FlowSource::List(flows)))
    }

    /// Whether to send the `OAuth2` challenge at all (default `true`; it is only sent when
    /// [`flows`](Self::flows) has a flow that fits the rejection).
    #[must_use]
    pub fn send_oauth2_challenge(mut self, send: bool) -> Self {
        self.oauth2 = send;
        self
    }

    /// The same context owning its text (feature `alloc`): `Clone + Send + Sync +
    /// 'static`, to build once at start-up from strings that do not live as long as the
    /// server, and to share between requests. Nothing is checked here:
    /// [`respond`](Self::respond) reports a value that breaks its rule, as for a borrowing
    /// context (call [`check`](Self::check) at start-up to fail early).
    #[cfg(feature = "alloc")]
    pub fn into_owned(self) -> ServerContext<'static> {
        use alloc::string::String;
        let flows = match self.flows {
            FlowList::Borrowed([]) => FlowList::Borrowed(&[]),
            FlowList::Borrowed(list) => {
                let mut joined = String::new();
                for (i, flow) in list.iter().enumerate() {
                    if i > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(flow.as_str());
                }
                FlowList::Owned(joined)
            }
            FlowList::Owned(joined) => FlowList::Owned(joined),
        };
        ServerContext {
            realm: self.realm.map(Text::into_owned),
            resource_metadata: self.resource_metadata.map(Text::into_owned),
            issuer: self.issuer.map(Text::into_owned),
            algs: self.algs.map(Text::into_owned),
            scope: self.scope.map(Text::into_owned),
            flows,
            schemes: self.schemes,
            oauth2: self.oauth2,
            bad: self.bad,
        }
    }

    /// What goes on every challenge: `realm`, `issuer`, `resource_metadata`, `algs`
    /// (written on `DPoP` only) and `flows` (on `OAuth2` only), borrowed from `self`.
    fn base(&self) -> ChallengeParams<'_> {
        let mut base = ChallengeParams::new().flow_source(self.flows.source());
        base.realm = self.realm.as_ref().map(Text::as_str);
        base.issuer = self.issuer.as_ref().map(Text::as_str);
        base.resource_metadata = self.resource_metadata.as_ref().map(Text::as_str);
        base.algs = self.algs.as_ref().map(Text::as_str);
        base
    }

    /// Checks the context's own values (`realm`, `resource_metadata`, `issuer`, `scope`,
    /// `algs`, `flows`) against their fields' rules, so that a server refuses a bad
    /// configuration at start-up rather than on its first rejection.
    ///
    /// ```
    /// use signpost_oauth::ServerContext;
    ///
    /// let err = ServerContext::new().resource_metadata("/relative").check().unwrap_err();
    /// assert_eq!(err.field(), "resource_metadata");
    /// ```
    ///
    /// # Errors
    ///
    /// The first value that breaks its field's rule.
    pub fn check(&self) -> Result<(), FieldError> {
        let mut base = self.base();
        base.scope = self.scope.as_ref().map(Text::as_str);
        base.check()
    }

    /// The response to `rejection`: the status, the challenges (a `Bearer` and/or `DPoP`
    /// challenge where presenting a different token can fix it, an `OAuth2` challenge
    /// naming the flows where a flow must be run, both where both apply; the `OAuth2`
    /// scheme of `docs/oauth2-scheme.md`) and the `DPoP-Nonce` value. It borrows from the
    /// context and the rejection, and allocates nothing.
    ///
    /// With the `perf` feature (a default), the builders check the context's values as they
    /// take them and the context keeps a record of the result: `respond` then checks only
    /// what the rejection brings, and reports the same error a check of every value would.
    /// Without it, `respond` checks every value each time.
    ///
    /// - No token: the token challenges without `error` (RFC 6750 §3.1), with the
    ///   context's `scope`; `OAuth2` with every flow.
    /// - Malformed request: the token challenges with `invalid_request`; no `OAuth2`.
    /// - Invalid token: the token challenges with `invalid_token` (RFC 6750 §3 requires a
    ///   challenge on every 401, and clients key on it); `OAuth2` with every flow.
    /// - Insufficient scope: the token challenges with `insufficient_scope` and the scope
    ///   (another token may carry it); `OAuth2` with every flow but `refresh`.
    /// - Step-up: the token challenges with `insufficient_user_authentication`,
    ///   `acr_values` and/or `max_age`; `OAuth2` with the flows that involve the user.
    /// - DPoP proof, DPoP nonce: a `DPoP` challenge only (even when the context accepts
    ///   Bearer only: the rejection says DPoP was used), no `OAuth2`.
    ///
    /// `realm`, `issuer` and `resource_metadata` go on every challenge; `algs` on `DPoP`.
    ///
    /// # Errors
    ///
    /// The first value, of the context or of the rejection, that breaks its field's rule;
    /// then nothing can be written.
    pub fn respond<'s>(
        &'s self,
        rejection: &Rejection<'s>,
    ) -> Result<ServerResponse<'s>, FieldError> {
        let mut reason = self.base();
        if let Some(e) = rejection.error() {
            reason = reason.error(e);
        }
        let scope = match rejection.kind {
            Kind::NoToken | Kind::InvalidToken(_) | Kind::StepUp => {
                rejection.details.scope.or(self.scope.as_ref().map(Text::as_str))
            }
            _ => rejection.details.scope,
        };
        if let Some(s) = scope {
            reason = reason.scope(s);
        }
        if let Some(a) = rejection.details.acr_values {
            reason = reason.acr_values(a);
        }
        if let Some(m) = rejection.details.max_age {
            reason = reason.max_age(m);
        }
        let mut token = reason;
        if let Some(d) = rejection.description() {
            token = token.error_description(d);
        }

        let mut challenges = [None; 3];
        if self.schemes.bearer && !rejection.is_dpop() {
            challenges[0] = Some(ResponseChallenge { scheme: SchemeKind::Bearer, params: token });
        }
        if self.schemes.dpop || rejection.is_dpop() {
            challenges[1] = Some(ResponseChallenge { scheme: SchemeKind::Dpop, params: token });
        }
        if let Some(keep) = rejection.flow_filter() {
            let oauth2 = reason.filter_flows(keep);
            if self.oauth2 && oauth2.kept_flows().next().is_some() {
                challenges[2] =
                    Some(ResponseChallenge { scheme: SchemeKind::OAuth2, params: oauth2 });
            }
        }
        if self.bad == 0 {
            // The context's values passed their rules when the builders took them: what
            // the rejection brings is all there is to check, and the first value that
            // breaks its rule is the one a check of every value would find first.
            rejection.check_given()?;
        } else {
            for c in challenges.iter().flatten() {
                c.params.check()?;
            }
        }
        if let Some(nonce) = rejection.nonce {
            check_nonce(nonce.as_bytes())?;
        }
        Ok(ServerResponse { status: rejection.status(), challenges, nonce: rejection.nonce })
    }
}

/// One challenge of a [`ServerResponse`]: the value of one `WWW-Authenticate` field line.
/// Every value in it has been checked, so writing it can only fail when the writer fails.
#[derive(Clone, Copy, Debug)]
pub struct ResponseChallenge<'x> {
    scheme: SchemeKind,
    params: ChallengeParams<'x>,
}

impl ResponseChallenge<'_> {
    /// The scheme: [`SchemeKind::Bearer`], [`SchemeKind::Dpop`] or [`SchemeKind::OAuth2`]
    /// ([`SchemeKind::name`] is the name written).
    pub const fn scheme(&self) -> SchemeKind {
        self.scheme
    }

    /// Writes the challenge as one field value into `out`.
    ///
    /// # Errors
    ///
    /// Only when `out` fails.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        self.params.write_raw(self.scheme, out, true)
    }
}

impl fmt::Display for ResponseChallenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// What a resource server sends for a [`Rejection`]: the status, the `WWW-Authenticate`
/// challenges (one field line each, or combined), and the `DPoP-Nonce` value.
///
/// ```
/// use signpost_oauth::{Rejection, ServerContext};
///
/// let ctx = ServerContext::new()
///     .resource_metadata("https://mcp.example.com/.well-known/oauth-protected-resource");
/// let response = ctx.respond(&Rejection::insufficient_scope("files:read files:write"))?;
/// assert_eq!(response.status(), 403);
///
/// // Into a fixed buffer, no allocation (any core::fmt::Write):
/// let mut line = heapless::String::<256>::new();
/// response.write_www_authenticate(&mut line).unwrap();
/// assert_eq!(
///     line,
///     r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#
/// );
/// # Ok::<(), signpost_oauth::FieldError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ServerResponse<'x> {
    status: u16,
    challenges: [Option<ResponseChallenge<'x>>; 3],
    nonce: Option<&'x str>,
}

impl<'x> ServerResponse<'x> {
    /// The HTTP status code: 400, 401 or 403.
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// The reason phrase of the status (`Unauthorized`).
    pub const fn reason_phrase(&self) -> &'static str {
        match self.status {
            400 => "Bad Request",
            403 => "Forbidden",
            _ => "Unauthorized",
        }
    }

    /// The challenges, in order (`Bearer`, `DPoP`, `OAuth2`): one `WWW-Authenticate` field
    /// line each, which clients handle better than a combined line (openresty#2400,
    /// http-core#136).
    pub fn challenges(&self) -> ResponseChallenges<'_, 'x> {
        ResponseChallenges { inner: self.challenges.iter() }
    }

    /// Writes every challenge into one `WWW-Authenticate` value, separated by `", "`.
    ///
    /// # Errors
    ///
    /// Only when `out` fails.
    pub fn write_www_authenticate<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let mut first = true;
        for c in self.challenges() {
            c.params.write_raw(c.scheme, out, first)?;
            first = false;
        }
        Ok(())
    }

    /// The `DPoP-Nonce` header value, when the server requires a nonce (RFC 9449 §9).
    pub const fn dpop_nonce(&self) -> Option<&'x str> {
        self.nonce
    }
}

/// The challenges of a [`ServerResponse`], in order.
#[derive(Clone, Debug)]
pub struct ResponseChallenges<'r, 'x> {
    inner: core::slice::Iter<'r, Option<ResponseChallenge<'x>>>,
}

impl<'x> Iterator for ResponseChallenges<'_, 'x> {
    type Item = ResponseChallenge<'x>;

    fn next(&mut self) -> Option<ResponseChallenge<'x>> {
        self.inner.by_ref().flatten().next().copied()
    }
}

impl FusedIterator for ResponseChallenges<'_, '_> {}

#[cfg(test)]
mod tests {
    // `alloc` is only declared with the feature; the tests always have `std`.
    #![allow(clippy::std_instead_of_alloc)]

    use std::string::String;
    use std::vec::Vec;

    use proptest::prelude::*;
    use signpost_challenge::ChallengeWriter;

    use super::*;

    const PROBLEMS: [TokenProblem; 9] = [
        TokenProblem::Expired,
        TokenProblem::NotYetValid,
        TokenProblem::Revoked,
        TokenProblem::WrongAudience,
        TokenProblem::WrongIssuer,
        TokenProblem::BadSignature,
        TokenProblem::KeyBinding,
        TokenProblem::Malformed,
        TokenProblem::Invalid,
    ];

    /// `respond` does not check the `error` code and the default `error_description` of a
    /// rejection again (`Rejection::check_given`): they are the crate's constants, and each
    /// passes its rule (RFC 6750 §3: `1*NQSCHAR` for both).
    #[test]
    fn the_constants_a_rejection_writes_pass_their_rules() {
        let mut rejections = Vec::from([
            Rejection::no_token(),
            Rejection::insufficient_scope("s"),
            Rejection::authentication_too_old(1),
            Rejection::authentication_too_weak("a"),
            Rejection::dpop_nonce_required("n"),
        ]);
        rejections.extend(PROBLEMS.map(Rejection::invalid_token));
        for kind in [Kind::InvalidRequest, Kind::DpopProof] {
            rejections.push(Rejection::of(kind));
        }
        for r in rejections {
            if let Some(e) = r.error() {
                signpost_error::check_error(e.as_str()).unwrap();
            }
            if r.details.error_description.is_none() {
                if let Some(d) = r.description() {
                    check_description(d).unwrap();
                }
            }
        }
    }

    /// The record of the context's checks follows the last value each builder took, and
    /// survives `into_owned`: a refused value is reported by `respond`, a replaced one is
    /// not.
    #[test]
    fn the_context_reports_the_value_it_holds() {
        let rejection = Rejection::no_token();
        let bad = ServerContext::new().realm("a\nb").issuer("https://as.example?x");
        assert_eq!(bad.respond(&rejection).unwrap_err().field(), "realm");
        let realm_fixed = bad.clone().realm("api");
        assert_eq!(realm_fixed.respond(&rejection).unwrap_err().field(), "issuer");
        let fixed = realm_fixed.issuer("https://as.example");
        assert!(fixed.respond(&rejection).is_ok());
        let broken = fixed.clone().scope("a  b");
        assert_eq!(broken.respond(&rejection).unwrap_err().field(), "scope");
        // The context's scope is not written for insufficient_scope: not refused there.
        assert!(broken.respond(&Rejection::insufficient_scope("files:read")).is_ok());
        #[cfg(feature = "alloc")]
        {
            let owned = broken.clone().into_owned();
            assert_eq!(
                owned.respond(&rejection).unwrap_err(),
                broken.respond(&rejection).unwrap_err()
            );
            assert!(fixed.into_owned().respond(&rejection).is_ok());
        }
        for (ctx, field) in [
            (ServerContext::new().resource_metadata("/prm"), "resource_metadata"),
            (ServerContext::new().dpop_algs("ES256  PS256"), "algs"),
            (ServerContext::new().scope(""), "scope"),
        ] {
            assert_eq!(ctx.respond(&rejection).unwrap_err().field(), field);
            assert!(ctx.check().is_err());
        }
    }

    /// `realm`: printable ASCII with `"` and `\`, SP, HTAB and obs-text.
    fn realm() -> impl Strategy<Value = String> {
        "([ -~\t]|\u{e9}){0,12}"
    }

    fn nqchars() -> impl Strategy<Value = String> {
        "[!#-\\[\\]-~]{1,8}( [!#-\\[\\]-~]{1,8}){0,2}"
    }

    /// Parameters as a server sets them: every field optional, the values valid or not.
    fn params() -> impl Strategy<Value = (Vec<Option<String>>, Option<u64>, Vec<bool>)> {
        (
            (
                prop::option::of(realm()),
                prop::option::of("[ !#-\\[\\]-~]{1,12}"),
                prop::option::of(prop_oneof![Just("https://as.example/e".into()), "[a-z/:]{1,6}"]),
                prop::option::of(nqchars()),
                prop::option::of(nqchars()),
                prop::option::of(nqchars()),
                prop::option::of(prop_oneof![
                    Just("https://as.example".into()),
                    Just("https://as.example?q".into())
                ]),
                prop::option::of(prop_oneof![
                    Just("https://rs.example/prm".into()),
                    "[a-z:/]{1,9}"
                ]),
            )
                .prop_map(|(a, b, c, d, e, f, g, h)| Vec::from([a, b, c, d, e, f, g, h])),
            prop::option::of(any::<u64>()),
            prop::collection::vec(any::<bool>(), 5),
        )
    }

    proptest! {
        #![proptest_config(if cfg!(miri) { proptest::test_runner::Config::default() } else { proptest::test_runner::Config::with_cases(1024) })]

        /// The server's writer (`write_raw`) writes, for every set of parameters that
        /// passes `check`, the text the `ChallengeWriter` writes, which checks, quotes and
        /// escapes each value itself; first in the field value or after another challenge.
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn the_raw_writer_writes_what_the_challenge_writer_writes(
            (values, max_age, keep) in params(),
            scheme in prop_oneof![Just(SchemeKind::Bearer), Just(SchemeKind::Dpop), Just(SchemeKind::OAuth2)],
            first in any::<bool>(),
        ) {
            let all = [Flow::REFRESH, Flow::USER_DELEGATION, Flow::ASSERTION, Flow::CLIENT_CREDENTIALS, Flow::DEVICE];
            let flows: Vec<Flow<'_>> = all.iter().zip(&keep).filter(|(_, k)| **k).map(|(f, _)| *f).collect();
            let v = |i: usize| values[i].as_deref();
            let mut p = ChallengeParams::new().flows(&flows);
            p.realm = v(0);
            p.error = Some(ErrorCode::INVALID_TOKEN);
            p.error_description = v(1);
            p.error_uri = v(2);
            p.scope = v(3);
            p.acr_values = v(4);
            p.algs = v(5);
            p.issuer = v(6);
            p.resource_metadata = v(7);
            p.max_age = max_age;
            if first {
                p = p.filter_flows(|f| *f != Flow::REFRESH);
            }
            prop_assume!(p.check().is_ok());
            let mut model = String::new();
            let mut w = ChallengeWriter::new(&mut model);
            if !first {
                w.challenge("Basic").unwrap();
            }
            p.write_checked(scheme, &mut w).unwrap();
            let mut raw = String::new();
            if !first {
                raw.push_str("Basic");
            }
            p.write_raw(scheme, &mut raw, first).unwrap();
            prop_assert_eq!(raw, model);
        }
    }
}
