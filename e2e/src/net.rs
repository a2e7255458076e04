//! One HTTP/1.1 exchange over a fresh TCP connection, with a timeout.

use std::time::Duration;

use http::{HeaderMap, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use signpost_oauth::{Guard, Url};
use tokio::net::TcpStream;

/// A response: status, headers and the body as text.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Every header line, in order.
    pub headers: HeaderMap,
    /// The body (lossy UTF-8).
    pub body: String,
}

/// Sends one request to an `http` URL and reads the whole response, within `timeout`. With a
/// `guard`, the address actually connected to must pass [`Guard::check_ip`] too (a guard on
/// the URL text alone cannot stop DNS rebinding).
pub(crate) async fn send(
    guard: Option<Guard>,
    method: Method,
    url: &str,
    headers: &[(&str, String)],
    body: Option<String>,
    timeout: Duration,
) -> Result<Reply, String> {
    let parsed = Url::parse(url).map_err(|e| format!("{url}: not a URL: {e}"))?;
    if parsed.scheme() != "http" {
        return Err(format!("{url}: this test client speaks plain http only"));
    }
    let authority = parsed.authority().ok_or_else(|| format!("{url}: no host"))?;
    let host = parsed.host_str().ok_or_else(|| format!("{url}: no host"))?;
    let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    let port: u16 = match parsed.port() {
        Some(p) if !p.is_empty() => p.parse().map_err(|_| format!("{url}: bad port"))?,
        _ => 80,
    };
    let target = match parsed.query() {
        Some(q) => format!("{}?{q}", if parsed.path().is_empty() { "/" } else { parsed.path() }),
        None if parsed.path().is_empty() => "/".to_owned(),
        None => parsed.path().to_owned(),
    };
    let exchange = async {
        let stream =
            TcpStream::connect((host, port)).await.map_err(|e| format!("{url}: connect: {e}"))?;
        if let Some(guard) = guard {
            let peer = stream.peer_addr().map_err(|e| format!("{url}: connect: {e}"))?;
            guard
                .check_ip(peer.ip())
                .map_err(|refusal| format!("{url}: connected to a refused address: {refusal}"))?;
        }
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("{url}: handshake: {e}"))?;
        let conn = tokio::spawn(conn);
        let mut request = Request::builder().method(method).uri(target).header("host", authority);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| format!("{url}: request: {e}"))?;
        let response =
            sender.send_request(request).await.map_err(|e| format!("{url}: request: {e}"))?;
        let status = response.status().as_u16();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.map_err(|e| format!("{url}: body: {e}"))?.to_bytes();
        conn.abort();
        Ok(Reply {
            status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| format!("{url}: no answer within {timeout:?}"))?
}
