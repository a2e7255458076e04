//! The feature `axum`: [`Grant`] as an extractor, and the metadata document as a `Router`.

use axum::body::Body;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Router;

use crate::resource::ProtectedResource;
use crate::verify::Grant;

/// The extractor's rejection: the handler is not behind
/// [`RequireTokenLayer`](crate::RequireTokenLayer) (a bug of the router, so a 500), or its
/// layer's verifier has other claims than the handler asks for.
const NOT_BEHIND_THE_LAYER: &str =
    "signpost-tower: no Grant of these claims in the request; is the route behind RequireTokenLayer?";

/// The grant of the verified token (feature `axum`), put into the request by
/// [`RequireTokenLayer`](crate::RequireTokenLayer). A 500 when there is none: the route is
/// not behind the layer. `Option<Grant<C>>` is `None` then.
impl<S: Send + Sync, C: Clone + Send + Sync + 'static> FromRequestParts<S> for Grant<C> {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Grant<C>>()
            .cloned()
            .ok_or((StatusCode::INTERNAL_SERVER_ERROR, NOT_BEHIND_THE_LAYER))
    }
}

/// `Option<Grant<C>>`: `None` outside the layer (feature `axum`).
impl<S: Send + Sync, C: Clone + Send + Sync + 'static> OptionalFromRequestParts<S> for Grant<C> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Grant<C>>().cloned())
    }
}

impl ProtectedResource {
    /// A router that serves the metadata document at [`metadata_path`](Self::metadata_path)
    /// (feature `axum`), to [`merge`](Router::merge) into the application's router. (For a
    /// resource identifier with a query, the query must match too, or the answer is 404.)
    pub fn metadata_router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        Router::new().route_service(self.metadata_path(), self.metadata_service::<Body>())
    }
}
