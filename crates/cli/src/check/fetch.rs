//! The HTTP client of `check`: ureq 3 (blocking, rustls with the ring provider), one request
//! at a time, with a timeout per request, a cap on the body, no redirects followed and no
//! proxy.
//!
//! Two agents: the URL the user typed (and the well-known URLs built from it) goes through
//! the plain one; every URL a server handed out goes through the guarded one, whose
//! resolver drops every address [`Guard::check_ip`] refuses, so that a name that resolves
//! to a loopback or private address (DNS rebinding) is not connected to.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::time::Duration;

use signpost_oauth::Guard;
use ureq::http::{HeaderMap, Uri};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use ureq::Agent;

/// The largest body read, in bytes (metadata documents are a few KiB).
pub const MAX_BODY: u64 = 1 << 20;

/// A response.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Every header line, in order.
    pub headers: HeaderMap,
    /// The body, at most [`MAX_BODY`] bytes.
    pub body: Result<Vec<u8>, String>,
}

impl Reply {
    /// The `Location` of a redirect, as text.
    pub fn location(&self) -> Option<String> {
        let value = self.headers.get("location")?;
        Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
    }
}

/// The two agents and the progress switch.
#[derive(Debug)]
pub struct Fetcher {
    plain: Agent,
    guarded: Agent,
    progress: bool,
}

/// A resolver that keeps only the addresses the guard allows.
#[derive(Debug)]
struct GuardedResolver {
    guard: Guard,
    inner: DefaultResolver,
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let found = self.inner.resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        let mut refused = None;
        for addr in found.iter() {
            match self.guard.check_ip(addr.ip()) {
                Ok(()) => kept.push(*addr),
                Err(reason) => refused = Some((*addr, reason)),
            }
        }
        match refused {
            Some((addr, reason)) if kept.is_empty() => {
                Err(ureq::Error::Other(Box::new(Refused { addr, reason: reason.message() })))
            }
            _ => Ok(kept),
        }
    }
}

/// The resolver's refusal, found again in the error chain by [`Fetcher::get`].
#[derive(Debug)]
struct Refused {
    addr: SocketAddr,
    reason: &'static str,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "resolves to {}, a {}", self.addr.ip(), self.reason)
    }
}

impl std::error::Error for Refused {}

/// Why a request got no response.
#[derive(Debug)]
pub enum FetchError {
    /// The guarded resolver refused every address of the host.
    Refused(String),
    /// Anything else: connection refused, timeout, TLS, a malformed response.
    Failed(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Refused(m) | FetchError::Failed(m) => f.write_str(m),
        }
    }
}

fn config(timeout: Duration) -> ureq::config::Config {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(timeout))
        .user_agent(concat!("signpost/", env!("CARGO_PKG_VERSION")))
        .accept("application/json, */*;q=0.5")
        .build()
}

impl Fetcher {
    /// Agents with `timeout` per request; server-given URLs connect only to addresses
    /// `guard` allows. Progress goes to standard error when it is a terminal.
    pub fn new(timeout: Duration, guard: Guard) -> Fetcher {
        let plain = Agent::new_with_config(config(timeout));
        let guarded = Agent::with_parts(
            config(timeout),
            DefaultConnector::default(),
            GuardedResolver { guard, inner: DefaultResolver::default() },
        );
        Fetcher { plain, guarded, progress: std::io::stderr().is_terminal() }
    }

    /// `GET url`, with `authorization` as the `Authorization` value when given; a
    /// `server_given` URL goes through the guarded agent.
    pub fn get(
        &self,
        url: &str,
        server_given: bool,
        authorization: Option<&str>,
    ) -> Result<Reply, FetchError> {
        if self.progress {
            eprintln!("signpost: GET {}", crate::out::shown(url));
        }
        let agent = if server_given { &self.guarded } else { &self.plain };
        let mut request = agent.get(url);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        match request.call() {
            Ok(response) => {
                let status = response.status().as_u16();
                let (parts, mut body) = response.into_parts();
                let body =
                    body.with_config().limit(MAX_BODY).read_to_vec().map_err(|e| describe(&e));
                Ok(Reply { status, headers: parts.headers, body })
            }
            Err(ureq::Error::Other(e)) if e.is::<Refused>() => {
                Err(FetchError::Refused(e.to_string()))
            }
            Err(e) => Err(FetchError::Failed(describe(&e))),
        }
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(n) => format!("body larger than {n} bytes"),
        ureq::Error::Timeout(_) => "no answer within the timeout".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name that resolves to loopback (`localhost`, RFC 6761 §6.3) is refused after
    /// resolution by the strict guard, and kept by the local-testing one: the check on the
    /// addresses, not on the URL text (which refuses `localhost` by name before this).
    #[test]
    fn the_resolver_drops_addresses_the_guard_refuses() {
        let uri: Uri = "https://localhost:9/".parse().unwrap();
        let config = config(Duration::from_secs(5));
        let strict = GuardedResolver { guard: Guard::new(), inner: DefaultResolver::default() };
        match strict.resolve(&uri, &config, NextTimeout::default()) {
            Err(ureq::Error::Other(e)) => {
                let refused = e.downcast_ref::<Refused>().expect("the guard's refusal");
                assert_eq!(refused.reason, "loopback address");
                assert!(refused.addr.ip().is_loopback());
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let local = GuardedResolver {
            guard: Guard::new().allow_loopback(true),
            inner: DefaultResolver::default(),
        };
        let kept = local.resolve(&uri, &config, NextTimeout::default()).unwrap();
        assert!(!kept.is_empty() && kept.iter().all(|a| a.ip().is_loopback()));
    }
}
