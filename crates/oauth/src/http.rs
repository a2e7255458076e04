//! The `http` feature: challenges read from, and written into, an `http::HeaderMap`.

use alloc::string::String;
use alloc::vec::Vec;

use http::header::{HeaderMap, HeaderName, HeaderValue, WWW_AUTHENTICATE};
use http::StatusCode;
use signpost_challenge::Challenges;

use crate::client::{ClientState, Decision};
use crate::server::ServerResponse;
use crate::views::WriteError;

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
/// let state = ClientState::new().token(true).dpop(true);
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
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::UNAUTHORIZED)
    }

    /// Appends the response's headers to `headers` (feature `http`): one `WWW-Authenticate`
    /// line per challenge, then `DPoP-Nonce` when a nonce is required. Existing lines are
    /// kept.
    ///
    /// ```
    /// use http::HeaderMap;
    /// use signpost_oauth::{Rejection, Schemes, ServerContext};
    ///
    /// let ctx = ServerContext::new().schemes(Schemes::DPOP);
    /// let response = ctx.respond(&Rejection::dpop_nonce_required("eyJ7S_zG.eyJH0-Z.HX4w-7v")).unwrap();
    /// let mut headers = HeaderMap::new();
    /// response.write_headers(&mut headers).unwrap();
    /// assert_eq!(response.status_code(), http::StatusCode::UNAUTHORIZED);
    /// assert_eq!(
    ///     headers["www-authenticate"],
    ///     r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#
    /// );
    /// assert_eq!(headers["dpop-nonce"], "eyJ7S_zG.eyJH0-Z.HX4w-7v");
    /// ```
    ///
    /// # Errors
    ///
    /// A value that `http` refuses as a header value; nothing is appended then. The checks
    /// of [`ServerContext::respond`](crate::ServerContext::respond) already refuse controls,
    /// and `http` takes non-ASCII text (obs-text) as it is, so this does not happen today.
    pub fn write_headers(&self, headers: &mut HeaderMap) -> Result<(), WriteError> {
        let mut values: Vec<(HeaderName, HeaderValue)> = Vec::new();
        for c in self.challenges() {
            let mut line = String::new();
            c.write_to(&mut line)?;
            values.push((WWW_AUTHENTICATE, to_value(&line)?));
        }
        if let Some(nonce) = self.dpop_nonce() {
            values.push((HeaderName::from_static(DPOP_NONCE), to_value(nonce)?));
        }
        for (name, value) in values {
            headers.append(name, value);
        }
        Ok(())
    }
}

fn to_value(text: &str) -> Result<HeaderValue, WriteError> {
    HeaderValue::from_str(text).map_err(|_| {
        let at = text.bytes().position(|b| !(b == b'\t' || (0x20..0x7f).contains(&b))).unwrap_or(0);
        crate::field::FieldError::at(
            "WWW-Authenticate",
            text.as_bytes(),
            at,
            "expected visible ASCII in a header value",
        )
        .into()
    })
}
