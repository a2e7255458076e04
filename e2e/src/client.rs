//! A client that asks signpost what to do after each rejection, and does it.

use std::fmt;
use std::time::Duration;

use http::Method;
use signpost_oauth::{
    Action, AuthServer, AuthorizationServerMetadata, ClientState, Guard, HeaderLines, Issuer,
    NextStep, OwnedNextStep, ResourceId, ResourceMetadata, ResourceMetadataUrl, Scope,
};

use crate::dpop::Key;
use crate::net::{send, Reply};

/// Why the client stopped without the resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error(message)
    }
}

#[derive(Clone, Debug)]
struct Token {
    value: String,
    scope: String,
    dpop: bool,
}

/// An OAuth client of one protected resource.
#[derive(Debug)]
pub struct Client {
    guard: Guard,
    dpop_key: Option<Key>,
    max_steps: usize,
    timeout: Duration,
    verbose: bool,
    token: Option<Token>,
    refresh_token: Option<String>,
    issuer: Option<String>,
    token_endpoint: Option<String>,
    nonce: Option<String>,
    trace: Vec<String>,
}

impl Client {
    /// A client without tokens that checks server-given URLs with `guard`.
    pub fn new(guard: Guard) -> Client {
        Client {
            guard,
            dpop_key: None,
            max_steps: 6,
            timeout: Duration::from_secs(2),
            verbose: false,
            token: None,
            refresh_token: None,
            issuer: None,
            token_endpoint: None,
            nonce: None,
            trace: Vec::new(),
        }
    }

    /// Uses DPoP (RFC 9449) with the P-256 key made from `seed` ([`Key::from_seed`]).
    pub fn dpop(self, seed: &str) -> Client {
        self.dpop_key(Key::from_seed(seed))
    }

    /// Uses DPoP (RFC 9449) with `key`.
    pub fn dpop_key(mut self, key: Key) -> Client {
        self.dpop_key = Some(key);
        self
    }

    /// Holds an access token for `scope` (and a refresh token), issued by `issuer`.
    pub fn holding(
        mut self,
        access: &str,
        scope: &str,
        refresh: Option<&str>,
        issuer: &str,
    ) -> Client {
        self.token = Some(Token {
            value: access.to_owned(),
            scope: scope.to_owned(),
            dpop: self.dpop_key.is_some(),
        });
        self.refresh_token = refresh.map(str::to_owned);
        self.issuer = Some(issuer.to_owned());
        self
    }

    /// The most requests for the resource before giving up (default 6).
    pub fn max_steps(mut self, max: usize) -> Client {
        self.max_steps = max;
        self
    }

    /// Prints each step as it happens.
    pub fn verbose(mut self, verbose: bool) -> Client {
        self.verbose = verbose;
        self
    }

    /// What the client did and decided, one line a step.
    pub fn trace(&self) -> &[String] {
        &self.trace
    }

    fn note(&mut self, line: String) {
        if self.verbose {
            println!("{line}");
        }
        self.trace.push(line);
    }

    /// One request; `server_given` URLs (metadata, token endpoint) must connect to an
    /// address the guard allows.
    async fn request(
        &mut self,
        server_given: bool,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<String>,
    ) -> Result<Reply, Error> {
        let guard = server_given.then_some(self.guard);
        let reply = send(guard, method.clone(), url, headers, body, self.timeout).await?;
        self.note(format!("{method} {url} -> {}", reply.status));
        Ok(reply)
    }

    /// Gets the resource at `url`, following the server's challenges.
    pub async fn get(&mut self, url: &str) -> Result<String, Error> {
        let mut previous: Option<Action> = None;
        for attempt in 0..self.max_steps {
            let mut headers = Vec::new();
            if let Some(token) = &self.token {
                let scheme = if token.dpop { "DPoP" } else { "Bearer" };
                headers.push(("authorization", format!("{scheme} {}", token.value)));
            }
            if let Some(key) = &self.dpop_key {
                // RFC 9449 §7: `ath` binds the proof to the DPoP token it comes with.
                let token = self.token.as_ref().filter(|t| t.dpop).map(|t| t.value.as_str());
                headers.push(("dpop", key.proof("GET", url, self.nonce.as_deref(), token)));
            }
            let reply = self.request(false, Method::GET, url, &headers, None).await?;
            if reply.status == 200 {
                return Ok(reply.body);
            }
            // The step outlives the reply it was read from.
            let step = self.decide(&reply, previous, attempt);
            drop(reply);
            previous = Some(step.action());
            match step.as_step() {
                NextStep::Refresh => self.refresh().await?,
                NextStep::Authorize { server, scope, .. } => {
                    self.authorize(url, server, &scope.to_string(), None, None).await?;
                }
                NextStep::StepUp { server, scope, acr_values, max_age, .. } => {
                    let acr_values = acr_values.map(|a| a.as_str());
                    self.authorize(url, server, &scope.to_string(), max_age, acr_values).await?;
                }
                NextStep::RetryWithDpopNonce { nonce, .. } => self.nonce = Some(nonce.to_owned()),
                other => {
                    return Err(Error(match other.reason() {
                        Some(reason) => reason.to_string(),
                        None => format!("no way on: {}", other.action()),
                    }))
                }
            }
        }
        Err(Error(format!("gave up after {} requests for the resource", self.max_steps)))
    }

    /// Asks signpost for the next step.
    fn decide(&mut self, reply: &Reply, previous: Option<Action>, attempt: usize) -> OwnedNextStep {
        let lines = HeaderLines::from_headers(&reply.headers);
        let held = self.token.as_ref().map(|t| t.scope.clone());
        let held = held.as_deref().and_then(|s| Scope::parse(s).ok());
        let mut state = ClientState::new()
            .sent_token(self.token.is_some())
            .holds_refresh_token(self.refresh_token.is_some())
            .uses_dpop(self.dpop_key.is_some())
            .guard(self.guard)
            .attempts(u32::try_from(attempt).unwrap_or(u32::MAX));
        if let Some(scope) = held {
            state = state.scope(scope);
        }
        if let Some(issuer) = self.issuer.as_deref() {
            state = state.issuer(issuer);
        }
        if let Some(action) = previous {
            state = state.previous(action);
        }
        let status = http::StatusCode::from_u16(reply.status).unwrap_or(http::StatusCode::OK);
        let step = lines.decide(&state, status).step();
        let line = match step {
            NextStep::Refresh => "refresh".to_owned(),
            NextStep::Authorize { server, scope, .. } => {
                format!("authorize at {server:?} for scope \"{scope}\"")
            }
            NextStep::StepUp { server, scope, max_age, .. } => {
                format!("step up at {server:?} for scope \"{scope}\", max_age {max_age:?}")
            }
            NextStep::RetryWithDpopNonce { nonce, .. } => format!("retry with DPoP nonce {nonce}"),
            other => match other.reason() {
                Some(reason) => format!("{}: {reason}", other.action()),
                None => format!("{}: no way on: {}", other.action(), other.action()),
            },
        };
        let step = step.into_owned();
        self.note(format!("  decide: {line}"));
        step
    }

    fn check(&self, what: &str, url: &str) -> Result<(), Error> {
        self.guard
            .check(url)
            .map(|_| ())
            .map_err(|refusal| Error(format!("{what} refused: {refusal}")))
    }

    /// Finds the authorization server, then gets a token for `scope`.
    async fn authorize(
        &mut self,
        request_url: &str,
        at: AuthServer<'_>,
        scope: &str,
        max_age: Option<u64>,
        acr_values: Option<&str>,
    ) -> Result<(), Error> {
        let issuer = match at {
            AuthServer::Known(issuer) | AuthServer::Issuer(issuer) => issuer.to_owned(),
            AuthServer::ResourceMetadata(url) => self.resource_metadata(url, request_url).await?,
            _ => {
                let id = ResourceId::parse(request_url)
                    .map_err(|e| Error(format!("resource identifier: {e}")))?;
                let mut found = None;
                let candidates: Vec<String> = id.probe(None).map(|u| u.to_string()).collect();
                for url in candidates {
                    match self.resource_metadata(&url, request_url).await {
                        Ok(issuer) => {
                            found = Some(issuer);
                            break;
                        }
                        Err(e) => self.note(format!("  {e}")),
                    }
                }
                found.ok_or_else(|| Error("no protected resource metadata found".to_owned()))?
            }
        };
        let token_endpoint = self.issuer_metadata(&issuer).await?;
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "authorization_code");
        form.append_pair("scope", scope);
        if let Some(max_age) = max_age {
            form.append_pair("max_age", &max_age.to_string());
        }
        if let Some(acr_values) = acr_values {
            form.append_pair("acr_values", acr_values);
        }
        form.append_pair("resource", request_url);
        self.token_request(&token_endpoint, form.finish()).await
    }

    /// Fetches and checks protected-resource metadata; returns its first authorization
    /// server.
    async fn resource_metadata(&mut self, url: &str, request_url: &str) -> Result<String, Error> {
        self.check("resource_metadata", url)?;
        let reply = self.request(true, Method::GET, url, &[], None).await?;
        if reply.status != 200 {
            return Err(Error(format!("{url}: status {}", reply.status)));
        }
        let doc: ResourceMetadata<'_> = serde_json::from_str(&reply.body)
            .map_err(|e| Error(format!("protected resource metadata: {e}")))?;
        let expected = ResourceMetadataUrl::from_challenge(url, request_url);
        doc.check(&expected)
            .map_err(|m| Error(format!("protected resource metadata refused: {m}")))?;
        let issuer = doc
            .authorization_servers
            .as_ref()
            .and_then(|servers| servers.first())
            .map(|s| s.to_string())
            .ok_or_else(|| {
                Error("protected resource metadata names no authorization server".to_owned())
            })?;
        self.check("authorization server", &issuer)?;
        self.note(format!("  resource metadata checked; authorization server {issuer}"));
        Ok(issuer)
    }

    /// Fetches and checks the metadata of `issuer` (RFC 8414 URL); returns the token
    /// endpoint.
    async fn issuer_metadata(&mut self, issuer: &str) -> Result<String, Error> {
        let id = Issuer::parse(issuer).map_err(|e| Error(format!("issuer {issuer:?}: {e}")))?;
        let url = id.metadata_url();
        let text = url.to_string();
        self.check("authorization server metadata", &text)?;
        let reply = self.request(true, Method::GET, &text, &[], None).await?;
        if reply.status != 200 {
            return Err(Error(format!("{text}: status {}", reply.status)));
        }
        let doc: AuthorizationServerMetadata<'_> = serde_json::from_str(&reply.body)
            .map_err(|e| Error(format!("authorization server metadata: {e}")))?;
        doc.check(&url)
            .map_err(|m| Error(format!("authorization server metadata refused: {m}")))?;
        let endpoint = doc
            .token_endpoint
            .as_deref()
            .ok_or_else(|| Error("authorization server metadata has no token_endpoint".to_owned()))?
            .to_owned();
        self.check("token_endpoint", &endpoint)?;
        self.note(format!("  authorization server metadata checked; token endpoint {endpoint}"));
        self.issuer = Some(issuer.to_owned());
        self.token_endpoint = Some(endpoint.clone());
        Ok(endpoint)
    }

    /// Refreshes the access token (same scope); on failure, forgets both tokens so that
    /// the next decision runs a new authorization.
    async fn refresh(&mut self) -> Result<(), Error> {
        let endpoint = match self.token_endpoint.clone() {
            Some(endpoint) => endpoint,
            None => {
                let issuer = self
                    .issuer
                    .clone()
                    .ok_or_else(|| Error("refresh: no authorization server known".to_owned()))?;
                self.issuer_metadata(&issuer).await?
            }
        };
        let refresh_token = self.refresh_token.clone().unwrap_or_default();
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "refresh_token");
        form.append_pair("refresh_token", &refresh_token);
        if self.token_request(&endpoint, form.finish()).await.is_err() {
            self.token = None;
            self.refresh_token = None;
        }
        Ok(())
    }

    async fn token_request(&mut self, endpoint: &str, form: String) -> Result<(), Error> {
        let mut headers = vec![("content-type", "application/x-www-form-urlencoded".to_owned())];
        if let Some(key) = &self.dpop_key {
            // The token endpoint of the test server takes proofs without a nonce; the
            // resource's nonce is the resource's (RFC 9449 §8, §9).
            headers.push(("dpop", key.proof("POST", endpoint, None, None)));
        }
        let reply = self.request(true, Method::POST, endpoint, &headers, Some(form)).await?;
        let body: serde_json::Value =
            serde_json::from_str(&reply.body).map_err(|e| Error(format!("token response: {e}")))?;
        if reply.status != 200 {
            return Err(Error(format!("token endpoint: {}", body["error"])));
        }
        let field = |name: &str| body[name].as_str().map(str::to_owned);
        let value = field("access_token").ok_or_else(|| Error("no access_token".to_owned()))?;
        let dpop = field("token_type").is_some_and(|t| t.eq_ignore_ascii_case("dpop"));
        let scope = field("scope").unwrap_or_default();
        self.note(format!(
            "  got a {} token for scope \"{scope}\"",
            if dpop { "DPoP" } else { "Bearer" }
        ));
        self.token = Some(Token { value, scope, dpop });
        if let Some(refresh) = field("refresh_token") {
            self.refresh_token = Some(refresh);
        }
        Ok(())
    }
}
