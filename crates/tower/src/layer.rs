//! [`RequireTokenLayer`] and its service [`RequireToken`]: the `Authorization` header read,
//! verified, the route's scope enforced, every rejection answered by signpost.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::AUTHORIZATION;
use http::request::Parts;
use http::{Request, Response};
use signpost_challenge::parse_credentials;
use signpost_oauth::{Rejection, ServerContext};
use signpost_scope::{satisfies, Exact, Scope};
use tower_layer::Layer;
use tower_service::Service;

use crate::resource::{ConfigError, ProtectedResource};
use crate::verify::{Denial, Grant, Presented, TokenScheme, Verifier};

/// The `DPoP` request header (RFC 9449 §4.1).
const DPOP: &str = "dpop";

/// Why a request is refused before or after the verifier.
#[derive(Debug)]
enum Refused {
    NoToken,
    InvalidRequest(&'static str),
    Denied(Denial),
    InsufficientScope,
}

struct Shared<V> {
    verifier: Arc<V>,
    context: ServerContext<'static>,
    dpop: bool,
    bearer: bool,
    /// The route's scope, as given (already checked); empty when the route needs none.
    required: String,
}

impl<V> Shared<V> {
    /// The rejection's response head and an empty body.
    fn respond<B: Default>(&self, refused: &Refused) -> Response<B> {
        let scope = (!self.required.is_empty()).then_some(self.required.as_str());
        let mut rejection = match refused {
            Refused::NoToken => Rejection::no_token(),
            Refused::InvalidRequest(why) => Rejection::invalid_request(why),
            Refused::InsufficientScope => Rejection::insufficient_scope(&self.required),
            Refused::Denied(Denial::InvalidToken(problem)) => Rejection::invalid_token(*problem),
            Refused::Denied(Denial::InvalidDpopProof(why)) => Rejection::invalid_dpop_proof(why),
            Refused::Denied(Denial::UseDpopNonce(nonce)) => Rejection::dpop_nonce_required(nonce),
            Refused::Denied(Denial::AuthenticationTooOld { max_age }) => {
                Rejection::authentication_too_old(*max_age)
            }
            Refused::Denied(Denial::AuthenticationTooWeak { acr_values }) => {
                Rejection::authentication_too_weak(acr_values)
            }
        };
        // The route's scope on the 401s that a new token fixes too (MCP: servers SHOULD
        // say what to ask for); `insufficient_scope` names it already, and a malformed
        // request or a DPoP proof is fixed without a new token.
        let needs_token = matches!(
            refused,
            Refused::NoToken
                | Refused::Denied(
                    Denial::InvalidToken(_)
                        | Denial::AuthenticationTooOld { .. }
                        | Denial::AuthenticationTooWeak { .. }
                )
        );
        if let (Some(scope), true) = (scope, needs_token) {
            rejection = rejection.with_scope(scope);
        }
        match self.context.respond(&rejection) {
            Ok(response) => response.to_response(B::default()),
            // A value the verifier gave (a nonce, a description) that cannot be written: the
            // server's fault, and the client must not read it as a challenge.
            Err(_) => {
                let mut response = Response::new(B::default());
                *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
                response
            }
        }
    }
}

impl<V: Verifier> Shared<V> {
    /// Reads the credentials, verifies them, checks the scope.
    async fn check(&self, parts: &Parts) -> Result<Grant<V::Claims>, Refused> {
        let mut lines = parts.headers.get_all(AUTHORIZATION).iter();
        let Some(value) = lines.next() else { return Err(Refused::NoToken) };
        if lines.next().is_some() {
            // RFC 9110 §5.3: Authorization is a singleton field; two lines cannot be
            // combined into one credentials value.
            return Err(Refused::InvalidRequest("More than one Authorization header field"));
        }
        let credentials = parse_credentials(value.as_bytes())
            .map_err(|_| Refused::InvalidRequest("Malformed Authorization header field"))?;
        let scheme = if self.bearer && credentials.scheme_is("bearer") {
            TokenScheme::Bearer
        } else if self.dpop && credentials.scheme_is("dpop") {
            TokenScheme::Dpop
        } else {
            // Credentials in a scheme this resource does not take are no access token: RFC
            // 6750 §3.1, a client that "attempted using an unsupported authentication
            // method" gets a challenge without an error code.
            return Err(Refused::NoToken);
        };
        let Some(token) = credentials.token68() else {
            return Err(Refused::InvalidRequest("Expected an access token after the auth-scheme"));
        };
        let mut proofs = parts.headers.get_all(DPOP).iter();
        let dpop_proof = match (proofs.next(), proofs.next()) {
            (None, _) => None,
            (Some(proof), None) => match proof.to_str() {
                Ok(proof) => Some(proof),
                Err(_) => return Err(denied_proof("The DPoP proof is not a compact JWS")),
            },
            // RFC 9449 §4.3: "there is not more than one DPoP HTTP request header field".
            (Some(_), Some(_)) => return Err(denied_proof("More than one DPoP header field")),
        };
        if scheme == TokenScheme::Dpop && dpop_proof.is_none() {
            return Err(denied_proof("A DPoP-bound access token needs a DPoP proof"));
        }
        let presented = Presented { scheme, token, dpop_proof, request: parts };
        let grant = self.verifier.verify(presented).await.map_err(Refused::Denied)?;
        if !self.required.is_empty() {
            // A granted scope that does not parse grants nothing.
            let granted = Scope::parse(grant.scope()).ok();
            let required = Scope::parse(&self.required).ok();
            let covered = match (granted, required) {
                (Some(granted), Some(required)) => satisfies(&granted, &required, &Exact),
                _ => false,
            };
            if !covered {
                return Err(Refused::InsufficientScope);
            }
        }
        Ok(grant)
    }
}

fn denied_proof(why: &'static str) -> Refused {
    Refused::Denied(Denial::InvalidDpopProof(why.into()))
}

/// A tower [`Layer`] that lets a request through to the inner service only with a valid
/// access token carrying the route's scope, and answers every other request with signpost's
/// server side ([`ServerContext::respond`]): the status, one `WWW-Authenticate` line per
/// challenge (with `resource_metadata` always, no `error` when no credentials came, the
/// scope on a 403), and `DPoP-Nonce` when the verifier asks for a nonce.
///
/// | the request | the answer |
/// |---|---|
/// | no `Authorization`, or credentials in a scheme the resource does not accept | 401, no `error` (RFC 6750 §3.1) |
/// | two `Authorization` lines, credentials that do not parse (RFC 9110 §11.4), no token68 | 400 `invalid_request` |
/// | a DPoP token without exactly one `DPoP` proof header | 401 `invalid_dpop_proof` |
/// | the verifier's [`Denial`] | 401, its `error` |
/// | a valid token without the route's scope | 403 `insufficient_scope` with `scope` |
/// | a valid token with the scope | the inner service, with the [`Grant`] in the request's extensions |
///
/// Made with [`ProtectedResource::layer`]; one per route scope
/// ([`require_scope`](Self::require_scope)). With axum, put it on the routes with
/// `route_layer`, so that a request for no route gets a 404 and not a 401.
pub struct RequireTokenLayer<V> {
    shared: Arc<Shared<V>>,
}

impl ProtectedResource {
    /// The layer that protects routes of this resource with `verifier`, requiring no
    /// particular scope until [`require_scope`](RequireTokenLayer::require_scope).
    pub fn layer<V: Verifier>(&self, verifier: V) -> RequireTokenLayer<V> {
        let schemes = self.accepted_schemes();
        RequireTokenLayer {
            shared: Arc::new(Shared {
                verifier: Arc::new(verifier),
                context: self.context(),
                dpop: schemes.dpop(),
                bearer: schemes.bearer(),
                required: String::new(),
            }),
        }
    }
}

impl<V: Verifier> RequireTokenLayer<V> {
    /// The same layer requiring `scope` (space-separated, RFC 6749 §3.3; every token of it,
    /// compared exactly). The verifier is shared with the layer it came from, so one
    /// verifier serves several routes with different scopes:
    ///
    /// ```
    /// # use signpost_tower::{Denial, Grant, Presented, ProtectedResource, Verifier};
    /// # struct MyVerifier;
    /// # impl Verifier for MyVerifier {
    /// #     type Claims = ();
    /// #     async fn verify(&self, _: Presented<'_>) -> Result<Grant, Denial> { Ok(Grant::new("", ())) }
    /// # }
    /// let resource = ProtectedResource::new("https://api.example.com/")?;
    /// let any_token = resource.layer(MyVerifier);
    /// let read = any_token.require_scope("files:read")?;
    /// let write = any_token.require_scope("files:read files:write")?;
    /// # Ok::<(), signpost_tower::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When `scope` is not a scope.
    pub fn require_scope(&self, scope: &str) -> Result<RequireTokenLayer<V>, ConfigError> {
        Scope::parse(scope).map_err(|e| ConfigError::new("required_scope", e))?;
        let s = &self.shared;
        Ok(RequireTokenLayer {
            shared: Arc::new(Shared {
                verifier: Arc::clone(&s.verifier),
                context: s.context.clone(),
                dpop: s.dpop,
                bearer: s.bearer,
                required: scope.to_owned(),
            }),
        })
    }

    /// The scope the layer requires (empty: none).
    pub fn required_scope(&self) -> &str {
        &self.shared.required
    }
}

impl<V> Clone for RequireTokenLayer<V> {
    fn clone(&self) -> Self {
        RequireTokenLayer { shared: Arc::clone(&self.shared) }
    }
}

impl<V> fmt::Debug for RequireTokenLayer<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequireTokenLayer")
            .field("context", &self.shared.context)
            .field("required_scope", &self.shared.required)
            .finish_non_exhaustive()
    }
}

impl<S, V> Layer<S> for RequireTokenLayer<V> {
    type Service = RequireToken<S, V>;

    fn layer(&self, inner: S) -> RequireToken<S, V> {
        RequireToken { inner, shared: Arc::clone(&self.shared) }
    }
}

/// The service of [`RequireTokenLayer`] around the inner service `S`.
pub struct RequireToken<S, V> {
    inner: S,
    shared: Arc<Shared<V>>,
}

impl<S: Clone, V> Clone for RequireToken<S, V> {
    fn clone(&self) -> Self {
        RequireToken { inner: self.inner.clone(), shared: Arc::clone(&self.shared) }
    }
}

impl<S: fmt::Debug, V> fmt::Debug for RequireToken<S, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequireToken")
            .field("inner", &self.inner)
            .field("required_scope", &self.shared.required)
            .finish_non_exhaustive()
    }
}

/// The future of [`RequireToken`]: boxed, since it awaits the verifier's future and then
/// the inner service's.
pub type ResponseFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'static>>;

impl<S, V, ReqBody, ResBody> Service<Request<ReqBody>> for RequireToken<S, V>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    V: Verifier,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<Response<ResBody>, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        // The service that was polled ready serves this request; the clone waits for the
        // next poll_ready (tower's documented pattern).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            match shared.check(&parts).await {
                Ok(grant) => {
                    parts.extensions.insert(grant);
                    inner.call(Request::from_parts(parts, body)).await
                }
                Err(refused) => Ok(shared.respond(&refused)),
            }
        })
    }
}
