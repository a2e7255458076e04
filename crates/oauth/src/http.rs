//! The `http` feature: challenges read from, and written into, an `http::HeaderMap`.

use alloc::string::String;
use alloc::vec::Vec;

use http::header::{HeaderMap, HeaderName, HeaderValue, WWW_AUTHENTICATE};
use http::response::{Parts, Response};
use http::StatusCode;
use signpost_challenge::Challenges;

use crate::client::{ClientState, Decision};
use crate::server::ServerResponse;

/// The `DPoP-Nonce` header (RFC 9449 §8.1).
const DPOP_NONCE: &str = "dpop-nonce";

/// Every `WWW-Authenticate` field line of a response, in order, and its `DPoP-Nonce`, read
/// from an [`http::HeaderMap`] (feature `http`).
///
/// ```
/// use http::header::{HeaderMap, HeaderValue, WWW_AUTHENTICATE};
/// use signpost_oauth::{ClientState, HeaderLines, NextStep};
///
/// let mut headers = HeaderMap::new();
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static("Negotiate"));
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"DPoP error="use_dpop_nonce", algs="ES256""#));
/// headers.append("dpop-nonce", HeaderValue::from_static("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
///
/// let lines = HeaderLines::from_headers(&headers);
/// let state = ClientState::new().sent_token(true).uses_dpop(true);
/// let decision = lines.decide(&state, http::StatusCode::UNAUTHORIZED);
/// assert_eq!(decision.step().action().as_str(), "retry_with_dpop_nonce");
/// ```
#[derive(Clone, Debug, Default)]
pub struct HeaderLines<'h> {
    lines: Vec<&'h [u8]>,
    dpop_nonce: Option<&'h [u8]>,
}

impl<'h> HeaderLines<'h> {
    /// Reads every `WWW-Authenticate` line and the first `DPoP-Nonce` of `headers`.
    pub fn from_headers(headers: &'h HeaderMap) -> Self {
        HeaderLines {
            lines: headers.get_all(WWW_AUTHENTICATE).iter().map(HeaderValue::as_bytes).collect(),
            dpop_nonce: headers.get(DPOP_NONCE).map(HeaderValue::as_bytes),
        }
    }

    /// The `WWW-Authenticate` field lines, in order.
    pub fn lines(&self) -> &[&'h [u8]] {
        &self.lines
    }

    /// The `DPoP-Nonce` value, if any.
    pub fn dpop_nonce(&self) -> Option<&'h [u8]> {
        self.dpop_nonce
    }

    /// The challenges of every line (RFC 9110 §5.3), parsed strictly; relax them with
    /// [`Challenges::with_leniency`].
    pub fn challenges(&self) -> Challenges<'_> {
        Challenges::from_lines(&self.lines)
    }

    /// [`ClientState::decide`] on these lines.
    pub fn decide<'s>(&'s self, state: &ClientState<'s>, status: StatusCode) -> Decision<'s> {
        state.decide(status.as_u16(), &self.lines, self.dpop_nonce)
    }
}

impl ServerResponse<'_> {
    /// The status as an [`http::StatusCode`] (feature `http`).
    pub fn status_code(&self) -> StatusCode {
        match self.status() {
            400 => StatusCode::BAD_REQUEST,
            403 => StatusCode::FORBIDDEN,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    /// Appends the response's headers to `headers` (feature `http`): one `WWW-Authenticate`
    /// line per challenge, then `DPoP-Nonce` when a nonce is required. Existing lines are
    /// kept.
    ///
    /// It cannot fail: [`ServerContext::respond`](crate::ServerContext::respond) refused
    /// every value with a byte that `http` refuses in a header value (a control other than
    /// HTAB, or DEL), and `http` takes non-ASCII text (obs-text) as it is.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use signpost_oauth::{Rejection, Schemes, ServerContext};
    ///
    /// let ctx = ServerContext::new().schemes(Schemes::DPOP);
    /// let response = ctx.respond(&Rejection::dpop_nonce_required("eyJ7S_zG.eyJH0-Z.HX4w-7v")).unwrap();
    /// let mut headers = HeaderMap::new();
    /// response.write_headers(&mut headers);
    /// assert_eq!(response.status_code(), http::StatusCode::UNAUTHORIZED);
    /// assert_eq!(
    ///     headers["www-authenticate"],
    ///     r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#
    /// );
    /// assert_eq!(headers["dpop-nonce"], "eyJ7S_zG.eyJH0-Z.HX4w-7v");
    /// ```
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        for c in self.challenges() {
            let mut line = String::new();
            // Writing into a `String` does not fail, and every value was checked.
            if c.write_to(&mut line).is_ok() {
                if let Ok(value) = HeaderValue::try_from(line) {
                    headers.append(WWW_AUTHENTICATE, value);
                }
            }
        }
        if let Some(nonce) = self.dpop_nonce() {
            if let Ok(value) = HeaderValue::from_str(nonce) {
                headers.append(HeaderName::from_static(DPOP_NONCE), value);
            }
        }
    }

    /// The head of the HTTP response (feature `http`): the status and the headers of
    /// [`write_headers`](Self::write_headers). Frameworks answer with it and a body: axum
    /// takes `(Parts, body)` as a response, and [`http::Response::from_parts`] builds one.
    ///
    /// ```
    /// use signpost_oauth::{Rejection, ServerContext};
    ///
    /// let ctx = ServerContext::new().realm("api");
    /// let parts = ctx.respond(&Rejection::insufficient_scope("files:write"))?.to_parts();
    /// assert_eq!(parts.status, http::StatusCode::FORBIDDEN);
    /// assert_eq!(parts.headers["www-authenticate"], r#"Bearer realm="api", error="insufficient_scope", scope="files:write""#);
    /// # Ok::<(), signpost_oauth::FieldError>(())
    /// ```
    pub fn to_parts(&self) -> Parts {
        let (mut parts, ()) = Response::new(()).into_parts();
        parts.status = self.status_code();
        self.write_headers(&mut parts.headers);
        parts
    }

    /// The whole HTTP response with `body` (feature `http`): the status and headers of
    /// [`to_parts`](Self::to_parts).
    ///
    /// ```
    /// use signpost_oauth::{Rejection, ServerContext};
    ///
    /// let ctx = ServerContext::new();
    /// let response: http::Response<&str> = ctx.respond(&Rejection::no_token())?.to_response("");
    /// assert_eq!(response.status(), http::StatusCode::UNAUTHORIZED);
    /// assert_eq!(response.headers()["www-authenticate"], "Bearer");
    /// # Ok::<(), signpost_oauth::FieldError>(())
    /// ```
    pub fn to_response<B>(&self, body: B) -> Response<B> {
        Response::from_parts(self.to_parts(), body)
    }
}
