//! [`MetadataService`]: the RFC 9728 metadata document at its well-known path.

use std::convert::Infallible;
use std::fmt;
use std::future::{ready, Ready};
use std::marker::PhantomData;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::{HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW, CONTENT_TYPE};
use http::{Method, Request, Response, StatusCode, Uri};
use tower_service::Service;

use crate::resource::ProtectedResource;

/// A tower [`Service`] that answers `GET` (and `HEAD`) of the resource's metadata path
/// (RFC 9728 §3.1: `/.well-known/oauth-protected-resource` inserted before the resource's
/// path, so `/.well-known/oauth-protected-resource/mcp` for `https://host/mcp`) with the
/// metadata document (§3.2: `200`, `Content-Type: application/json`), any other method
/// there with `405`, and any other path with `404`.
///
/// The document is written once, when the service is made, by signpost-oauth's
/// [`ResourceMetadata`](signpost_oauth::ResourceMetadata); its `resource` is the resource
/// identifier exactly, as clients check (§3.3). It is public: the response allows any
/// origin (`Access-Control-Allow-Origin: *`), for clients in browsers.
///
/// `B` is the response body type (axum's `Body`, `http_body_util::Full<Bytes>`, `String`):
/// anything made `From<String>`.
pub struct MetadataService<B> {
    path: Arc<str>,
    query: Option<Arc<str>>,
    json: Arc<str>,
    body: PhantomData<fn() -> B>,
}

impl ProtectedResource {
    /// The service that serves this resource's metadata document
    /// ([`MetadataService`]).
    pub fn metadata_service<B: From<String>>(&self) -> MetadataService<B> {
        MetadataService {
            path: self.metadata_path().into(),
            query: self.metadata_query().map(Into::into),
            json: self.document_json().into(),
            body: PhantomData,
        }
    }
}

impl<B> MetadataService<B> {
    /// The path it serves.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The response to a request for `method` and `uri` (its path and its query, which is
    /// the resource identifier's: none for most).
    pub fn respond(&self, method: &Method, uri: &Uri) -> Response<B>
    where
        B: From<String>,
    {
        if uri.path() != &*self.path || uri.query() != self.query.as_deref() {
            return status(StatusCode::NOT_FOUND);
        }
        if method != Method::GET && method != Method::HEAD {
            let mut response = status(StatusCode::METHOD_NOT_ALLOWED);
            response.headers_mut().insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let mut response = Response::new(B::from(self.json.to_string()));
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        response
    }
}

fn status<B: From<String>>(status: StatusCode) -> Response<B> {
    let mut response = Response::new(B::from(String::new()));
    *response.status_mut() = status;
    response
}

impl<B> Clone for MetadataService<B> {
    fn clone(&self) -> Self {
        MetadataService {
            path: Arc::clone(&self.path),
            query: self.query.clone(),
            json: Arc::clone(&self.json),
            body: PhantomData,
        }
    }
}

impl<B> fmt::Debug for MetadataService<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetadataService")
            .field("path", &self.path)
            .field("json", &self.json)
            .finish()
    }
}

impl<B: From<String>, ReqBody> Service<Request<ReqBody>> for MetadataService<B> {
    type Response = Response<B>;
    type Error = Infallible;
    type Future = Ready<Result<Response<B>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        ready(Ok(self.respond(request.method(), request.uri())))
    }
}
