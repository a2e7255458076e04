//! The server side: from a rejection to a status and the challenges that say how to fix it.

use core::fmt;
use core::iter::FusedIterator;

use signpost_challenge::ChallengeWriter;
use signpost_error::ErrorCode;

use crate::field::{check_nonce, FieldError};
#[cfg(feature = "alloc")]
use crate::flow::Flows;
use crate::flow::{Flow, FlowSource};
use crate::text::Text;
use crate::views::{ChallengeParams, SchemeKind};

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
}

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
        }
    }

    /// The `realm` of every challenge.
    #[must_use]
    pub fn realm(mut self, realm: &'x str) -> Self {
        self.realm = Some(Text::Borrowed(realm));
        self
    }

    /// The RFC 9728 metadata URL, written as `resource_metadata` on every challenge (MCP
    /// requires it on the 401; a `DPoP` challenge without it strands DPoP clients).
    #[must_use]
    pub fn resource_metadata(mut self, url: &'x str) -> Self {
        self.resource_metadata = Some(Text::Borrowed(url));
        self
    }

    /// The authorization server's issuer, written as `issuer` on every challenge
    /// (draft-parecki-oauth-authorization-server-discovery; clients that know their server
    /// ignore it).
    #[must_use]
    pub fn issuer(mut self, issuer: &'x str) -> Self {
        self.issuer = Some(Text::Borrowed(issuer));
        self
    }

    /// The scope a client needs to use this resource, written as `scope` when no token or
    /// an invalid one was presented and on step-up challenges (MCP: servers SHOULD include
    /// it); an [`insufficient_scope`](Rejection::insufficient_scope) rejection names its own.
    #[must_use]
    pub fn scope(mut self, scope: &'x str) -> Self {
        self.scope = Some(Text::Borrowed(scope));
        self
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
        self
    }

    /// The flows a client may run at the authorization server, most preferred first. When
    /// some of them can fix a rejection, an `OAuth2` challenge names those (the flows that
    /// fit each rejection are listed under [`respond`](Self::respond)); see
    /// [`send_oauth2_challenge`](Self::send_oauth2_challenge).
    #[must_use]
    pub fn flows(mut self, flows: &'x [Flow<'x>]) -> Self {
        self.flows = FlowList::Borrowed(flows);
        self
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
    /// [`respond`](Self::respond) checks every value, as for a borrowing context (call
    /// [`check`](Self::check) at start-up to fail early).
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
        for c in challenges.iter().flatten() {
            c.params.check()?;
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
        self.params.write_checked(self.scheme, &mut ChallengeWriter::new(out))
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
        let mut w = ChallengeWriter::new(out);
        for c in self.challenges() {
            c.params.write_checked(c.scheme, &mut w)?;
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
