//! The application's side: [`Verifier`] takes a [`Presented`] token and returns a
//! [`Grant`] or a [`Denial`].

use std::borrow::Cow;
use std::fmt;
use std::future::Future;

use http::request::Parts;
use signpost_oauth::TokenProblem;

/// The scheme a token came with (`Authorization: Bearer ...` or `Authorization: DPoP
/// ...`), matched ignoring ASCII case (RFC 9110 §11.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenScheme {
    /// RFC 6750 §2.1.
    Bearer,
    /// RFC 9449 §7.1: a DPoP-bound token; a `DPoP` proof header came with it.
    Dpop,
}

impl TokenScheme {
    /// The scheme's name as registered: `"Bearer"` or `"DPoP"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenScheme::Bearer => "Bearer",
            TokenScheme::Dpop => "DPoP",
        }
    }
}

/// What a request presented: the access token, its scheme, the DPoP proof, and the request
/// (method, URI and headers, which a DPoP proof is checked against: `htm`, `htu`, RFC 9449
/// §4.3). Its `Debug` leaves the token and the proof out, so that it can be logged.
#[derive(Clone, Copy)]
pub struct Presented<'a> {
    pub(crate) scheme: TokenScheme,
    pub(crate) token: &'a str,
    pub(crate) dpop_proof: Option<&'a str>,
    pub(crate) request: &'a Parts,
}

impl fmt::Debug for Presented<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Presented")
            .field("scheme", &self.scheme)
            .field("token", &"<redacted>")
            .field("dpop_proof", &self.dpop_proof.map(|_| "<redacted>"))
            .field("method", &self.request.method)
            .field("uri", &self.request.uri)
            .finish()
    }
}

impl<'a> Presented<'a> {
    /// The scheme of the `Authorization` credentials.
    pub const fn scheme(&self) -> TokenScheme {
        self.scheme
    }

    /// The access token: the credentials' token68 (RFC 6750 §2.1 `b64token`).
    pub const fn token(&self) -> &'a str {
        self.token
    }

    /// The value of the request's one `DPoP` header (a compact JWS), if it has one: always
    /// for [`TokenScheme::Dpop`] (the layer refuses a DPoP token without exactly one proof),
    /// possibly for [`TokenScheme::Bearer`].
    pub const fn dpop_proof(&self) -> Option<&'a str> {
        self.dpop_proof
    }

    /// The request's method, URI, headers and extensions (its body is not read).
    pub const fn request(&self) -> &'a Parts {
        self.request
    }
}

/// A verified token: the scope it grants and the claims the application keeps (a subject,
/// a client id, anything). The layer puts it into the request's extensions for the handler,
/// and with the feature `axum` it is an extractor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant<C = ()> {
    scope: String,
    claims: C,
}

impl<C> Grant<C> {
    /// A grant of `scope` (space-separated, RFC 6749 §3.3) with `claims`. A scope that does
    /// not parse grants nothing.
    pub fn new(scope: impl Into<String>, claims: C) -> Grant<C> {
        Grant { scope: scope.into(), claims }
    }

    /// The scope granted, as the verifier gave it.
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// The claims.
    pub fn claims(&self) -> &C {
        &self.claims
    }

    /// The claims, by value.
    pub fn into_claims(self) -> C {
        self.claims
    }
}

/// Why the verifier refused a token. Each becomes a 401 with its challenge.
///
/// | variant | `error` | more |
/// |---|---|---|
/// | [`InvalidToken`](Denial::InvalidToken) | `invalid_token` (RFC 6750 §3.1) | `error_description` from the [`TokenProblem`] |
/// | [`InvalidDpopProof`](Denial::InvalidDpopProof) | `invalid_dpop_proof` (RFC 9449 §7.1) | the description given |
/// | [`UseDpopNonce`](Denial::UseDpopNonce) | `use_dpop_nonce` (RFC 9449 §9) | the `DPoP-Nonce` header |
/// | [`AuthenticationTooOld`](Denial::AuthenticationTooOld) | `insufficient_user_authentication` (RFC 9470 §3) | `max_age` |
/// | [`AuthenticationTooWeak`](Denial::AuthenticationTooWeak) | `insufficient_user_authentication` (RFC 9470 §3) | `acr_values` |
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Denial {
    /// The token failed validation; the reason goes into `error_description` only.
    InvalidToken(TokenProblem),
    /// The DPoP proof is malformed or does not match the request or the token; the text
    /// (`1*NQSCHAR`: no `"` or `\`) goes into `error_description`.
    InvalidDpopProof(Cow<'static, str>),
    /// The DPoP proof must carry this server nonce (RFC 9449 §9): a fresh one, sent in
    /// `DPoP-Nonce`.
    UseDpopNonce(String),
    /// The user authenticated longer ago than `max_age` seconds allow.
    AuthenticationTooOld {
        /// The largest acceptable age, in seconds.
        max_age: u64,
    },
    /// The user's authentication is weaker than the route needs.
    AuthenticationTooWeak {
        /// The acceptable authentication context classes, space-separated, preferred
        /// first.
        acr_values: String,
    },
}

impl From<TokenProblem> for Denial {
    fn from(problem: TokenProblem) -> Denial {
        Denial::InvalidToken(problem)
    }
}

/// The application's token check: a presented token in, a [`Grant`] (scope and claims) or
/// a [`Denial`] out. Introspection (RFC 7662), a JWT library (RFC 9068), a database: the
/// layer does not care how.
///
/// The method returns `impl Future + Send`, so an implementation is written as an `async
/// fn` (Rust 1.75) and may await I/O; the layer calls it once per request that carries a
/// well-formed token in a scheme the resource accepts.
///
/// ```
/// use signpost_oauth::TokenProblem;
/// use signpost_tower::{Denial, Grant, Presented, TokenScheme, Verifier};
///
/// /// Tokens of a fixed table, each with its scope and subject.
/// struct Table;
///
/// impl Verifier for Table {
///     type Claims = String; // the subject
///
///     async fn verify(&self, presented: Presented<'_>) -> Result<Grant<String>, Denial> {
///         if presented.scheme() != TokenScheme::Bearer {
///             return Err(Denial::InvalidToken(TokenProblem::Invalid));
///         }
///         match presented.token() {
///             "alice-token" => Ok(Grant::new("mcp:tools", "alice".to_owned())),
///             "expired-token" => Err(TokenProblem::Expired.into()),
///             _ => Err(TokenProblem::Invalid.into()),
///         }
///     }
/// }
/// ```
pub trait Verifier: Send + Sync + 'static {
    /// What the application keeps of a valid token for its handlers.
    type Claims: Clone + Send + Sync + 'static;

    /// Verifies `presented`: the token's signature or introspection, expiry, audience (RFC
    /// 8707: this resource), and for DPoP the proof (RFC 9449 §4.3: `htm`, `htu`, `iat`,
    /// `jti`, `ath`, `nonce`, and the key's thumbprint against the token's `cnf.jkt`). The
    /// route's scope is the layer's business, not the verifier's.
    fn verify(
        &self,
        presented: Presented<'_>,
    ) -> impl Future<Output = Result<Grant<Self::Claims>, Denial>> + Send;
}
