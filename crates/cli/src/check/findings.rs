//! The rules `check` audits, and the walk that evaluates them: the request without
//! credentials, the one with a made-up token, the protected-resource metadata (RFC 9728) and
//! the first authorization server's metadata (RFC 8414), found the way an MCP client finds
//! them. Every parse, URL and identity check is signpost's own.

use ureq::http::header::WWW_AUTHENTICATE;

use signpost_oauth::{
    AuthorizationServerMetadata, BearerChallenge, Challenge, Challenges, DpopChallenge, FieldError,
    Guard, Issuer, Leniency, ResourceId, ResourceMetadata, Rule, Scope, Url, UrlForm, Value,
};

use super::fetch::{FetchError, Fetcher, Reply};

/// How much a rule weighs: `must` failures fail the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// A requirement (MUST) of the clause.
    Must,
    /// A recommendation (SHOULD), or what clients need in practice.
    Should,
}

impl Level {
    /// `must` or `should`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Must => "must",
            Level::Should => "should",
        }
    }
}

/// What the server did about a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It kept the rule.
    Pass,
    /// It broke the rule.
    Fail,
    /// The rule's precondition failed (or the run never got there).
    Skip,
}

impl Outcome {
    /// `pass`, `fail` or `skip`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Skip => "skip",
        }
    }
}

/// One rule and what was seen.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule's stable id (`challenge.status`).
    pub id: &'static str,
    /// `must` or `should`.
    pub level: Level,
    /// The clause the rule rests on.
    pub clause: &'static str,
    /// Pass, fail or skip.
    pub result: Outcome,
    /// What was seen (server text as it came; escaped when shown on a terminal).
    pub detail: String,
}

use Level::{Must, Should};

/// Every rule, in report order: id, level, clause.
pub const RULES: &[(&str, Level, &str)] = &[
    ("challenge.status", Must, "RFC 6750 §3, RFC 9110 §15.5.2"),
    ("challenge.header", Must, "RFC 9110 §11.6.1"),
    ("challenge.syntax", Must, "RFC 9110 §11"),
    ("challenge.bearer", Must, "RFC 6750 §3, RFC 9449 §7.1"),
    ("challenge.no-error-without-credentials", Should, "RFC 6750 §3.1"),
    ("challenge.resource-metadata", Should, "RFC 9728 §5.1, MCP 2025-11-25"),
    ("challenge.scope", Should, "MCP 2025-11-25"),
    ("challenge.invalid-token", Should, "RFC 6750 §3.1"),
    ("token.insufficient-scope", Should, "RFC 6750 §3.1"),
    ("prm.fetch", Must, "RFC 9728 §3, §5"),
    ("prm.resource", Must, "RFC 9728 §3.3"),
    ("prm.authorization-servers", Must, "RFC 9728 §2, MCP"),
    ("as.fetch", Must, "RFC 8414 §3, OIDC Discovery §4"),
    ("as.issuer", Must, "RFC 8414 §3.3"),
    ("as.pkce", Must, "MCP, RFC 7636"),
    ("as.registration", Should, "MCP 2025-11-25"),
    ("endpoints.https", Should, "RFC 9728 §2, RFC 8414 §2"),
    ("guard.urls", Must, "RFC 9728 §7.7"),
];

/// The made-up access token of `challenge.invalid-token`.
pub const MADE_UP_TOKEN: &str = "signpost-check-made-up-token";

/// What `check` was asked to do.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The resource's URL, as typed.
    pub url: &'a str,
    /// Loopback over `http` allowed for server-given URLs.
    pub allow_local: bool,
    /// An access token for `token.insufficient-scope`.
    pub token: Option<&'a str>,
}

/// A server-given URL and what the guard said.
#[derive(Debug)]
struct Given {
    member: &'static str,
    url: String,
    refusal: Option<String>,
}

struct Audit<'a> {
    plan: &'a Plan<'a>,
    fetcher: &'a Fetcher,
    guard: Guard,
    findings: Vec<Finding>,
    given: Vec<Given>,
}

/// Runs every rule against `plan.url`. `Err` when the resource could not be reached at all.
pub fn audit(plan: &Plan<'_>, fetcher: &Fetcher) -> Result<Vec<Finding>, String> {
    let first = fetcher.get(plan.url, false, None).map_err(|e| e.to_string())?;
    let mut audit = Audit {
        plan,
        fetcher,
        guard: Guard::new().allow_loopback(plan.allow_local),
        findings: RULES
            .iter()
            .filter(|(id, ..)| plan.token.is_some() || *id != "token.insufficient-scope")
            .map(|&(id, level, clause)| Finding {
                id,
                level,
                clause,
                result: Outcome::Skip,
                detail: "not reached".to_owned(),
            })
            .collect(),
        given: Vec::new(),
    };
    audit.run(&first);
    Ok(audit.findings)
}

/// A value as text (unescaped; bytes outside UTF-8 as ISO-8859-1).
fn value_text(v: &Value<'_>) -> String {
    crate::out::text(&v.to_unescaped())
}

fn is_oauth(c: &Challenge<'_>) -> bool {
    c.scheme_is("Bearer") || c.scheme_is("DPoP")
}

fn resource_metadata<'a>(c: Challenge<'a>) -> Result<Option<&'a str>, FieldError> {
    match (BearerChallenge::new(c), DpopChallenge::new(c)) {
        (Some(b), _) => b.resource_metadata(),
        (_, Some(d)) => d.resource_metadata(),
        _ => Ok(None),
    }
}

fn scope<'a>(c: Challenge<'a>) -> Result<Option<Scope<'a>>, FieldError> {
    match (BearerChallenge::new(c), DpopChallenge::new(c)) {
        (Some(b), _) => b.scope(),
        (_, Some(d)) => d.scope(),
        _ => Ok(None),
    }
}

/// The `WWW-Authenticate` lines of a response.
fn lines(reply: &Reply) -> Vec<&[u8]> {
    reply.headers.get_all(WWW_AUTHENTICATE).iter().map(|v| v.as_bytes()).collect()
}

/// The Bearer and DPoP challenges of the lines (bad challenges skipped), each with the
/// number of the line it starts on.
fn oauth_challenges<'a>(lines: &'a [&'a [u8]]) -> Vec<(usize, Challenge<'a>)> {
    // Offsets are into the lines joined by ", " (RFC 9110 §5.3).
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in lines {
        starts.push(at);
        at += line.len() + 2;
    }
    Challenges::from_lines(lines)
        .with_leniency(Leniency::RECOVER)
        .flatten()
        .filter(is_oauth)
        .map(|c| (starts.iter().rposition(|&s| s <= c.offset()).unwrap_or(0) + 1, c))
        .collect()
}

/// The first `error` of the OAuth challenges, as text.
fn first_error(challenges: &[(usize, Challenge<'_>)]) -> Option<String> {
    challenges.iter().find_map(|(_, c)| c.param("error")).map(|v| value_text(&v))
}

fn status_words(reply: &Reply) -> String {
    match reply.location() {
        Some(to) if (300..400).contains(&reply.status) => {
            format!("{} redirect to {to} (not followed)", reply.status)
        }
        _ => reply.status.to_string(),
    }
}

fn form_words(form: UrlForm) -> &'static str {
    match form {
        UrlForm::Challenge => "the challenge's resource_metadata URL",
        UrlForm::Inserted => "the path-inserted well-known URL",
        UrlForm::Root => "the root well-known URL (MCP fallback)",
        _ => "the appended OpenID configuration URL",
    }
}

impl Audit<'_> {
    fn set(&mut self, id: &str, result: Outcome, detail: impl Into<String>) {
        if let Some(f) = self.findings.iter_mut().find(|f| f.id == id) {
            f.result = result;
            f.detail = detail.into();
        }
    }

    fn skip_all(&mut self, ids: &[&str], why: &str) {
        for id in ids {
            self.set(id, Outcome::Skip, why);
        }
    }

    /// Records a server-given URL and checks it with the guard; `true` when it may be
    /// fetched.
    fn admit(&mut self, member: &'static str, url: &str) -> bool {
        if let Some(seen) = self.given.iter().find(|g| g.url == url) {
            return seen.refusal.is_none();
        }
        let refusal = self.guard.check(url).err().map(|r| r.to_string());
        let allowed = refusal.is_none();
        self.given.push(Given { member, url: url.to_owned(), refusal });
        allowed
    }

    /// Fetches a server-given URL the guard admitted; a refusal of the resolved address is
    /// recorded against it.
    fn fetch_given(&mut self, url: &str) -> Result<Reply, String> {
        match self.fetcher.get(url, true, None) {
            Ok(reply) => Ok(reply),
            Err(FetchError::Refused(why)) => {
                if let Some(g) = self.given.iter_mut().find(|g| g.url == url) {
                    g.refusal = Some(why.clone());
                }
                Err(format!("refused by the guard: {why}"))
            }
            Err(FetchError::Failed(why)) => Err(why),
        }
    }

    fn run(&mut self, first: &Reply) {
        let lines = lines(first);
        let oauth = oauth_challenges(&lines);
        self.challenge(first, &lines, &oauth);
        let unauthorized = first.status == 401;
        if unauthorized {
            self.invalid_token(&oauth);
        } else {
            let why = "the resource did not answer 401 to a request without credentials";
            self.skip_all(&["challenge.invalid-token", "token.insufficient-scope"], why);
        }
        if let Some(token) = self.plan.token {
            self.insufficient_scope(token);
        }
        let from_challenge = oauth.iter().find_map(|(_, c)| resource_metadata(*c).ok().flatten());
        if let Some(issuer) = self.protected_resource(from_challenge) {
            self.authorization_server(&issuer);
        }
        self.endpoints();
        self.guard_urls();
    }

    fn challenge(&mut self, first: &Reply, lines: &[&[u8]], oauth: &[(usize, Challenge<'_>)]) {
        let n = lines.len();
        let status = status_words(first);
        if first.status == 401 {
            self.set("challenge.status", Outcome::Pass, "401 to a request without credentials");
            if n == 0 {
                self.set(
                    "challenge.header",
                    Outcome::Fail,
                    "the 401 has no WWW-Authenticate field",
                );
            } else {
                self.set(
                    "challenge.header",
                    Outcome::Pass,
                    format!("{n} WWW-Authenticate line(s)"),
                );
            }
        } else {
            let detail = format!("{status} to a request without credentials");
            self.set("challenge.status", Outcome::Fail, detail);
            self.set(
                "challenge.header",
                Outcome::Skip,
                format!("no 401 (the {} carries {n} WWW-Authenticate line(s))", first.status),
            );
        }
        let later = [
            "challenge.syntax",
            "challenge.bearer",
            "challenge.no-error-without-credentials",
            "challenge.resource-metadata",
            "challenge.scope",
        ];
        if n == 0 {
            self.skip_all(&later, "no WWW-Authenticate field");
            return;
        }
        // Syntax: each line on its own, strictly.
        let mut errors = Vec::new();
        let mut schemes = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            for c in Challenges::new(line) {
                match c {
                    Ok(c) => schemes.push(c.scheme().to_owned()),
                    Err(e) => {
                        errors.push(format!("line {}: {e}", i + 1));
                        break;
                    }
                }
            }
        }
        if errors.is_empty() {
            let detail = format!("every line parses: {}", schemes.join(", "));
            self.set("challenge.syntax", Outcome::Pass, detail);
        } else {
            self.set("challenge.syntax", Outcome::Fail, errors.join("; "));
        }
        // Bearer or DPoP, on any line.
        if oauth.is_empty() {
            let detail = if schemes.is_empty() {
                "no challenge could be read".to_owned()
            } else {
                format!("no Bearer or DPoP challenge among: {}", schemes.join(", "))
            };
            self.set("challenge.bearer", Outcome::Fail, detail);
            let why = "no Bearer or DPoP challenge";
            self.skip_all(&later[2..], why);
            return;
        }
        let listed: Vec<String> =
            oauth.iter().map(|(l, c)| format!("{} on line {l}", c.scheme())).collect();
        self.set("challenge.bearer", Outcome::Pass, listed.join(", "));
        // No error without credentials.
        match first_error(oauth) {
            None => self.set(
                "challenge.no-error-without-credentials",
                Outcome::Pass,
                "no error parameter",
            ),
            Some(code) => self.set(
                "challenge.no-error-without-credentials",
                Outcome::Fail,
                format!("error=\"{code}\" on a request that carried no credentials"),
            ),
        }
        // resource_metadata: exactly that name; a look-alike is named, not taken.
        let mut rm_detail = None;
        for (l, c) in oauth {
            match resource_metadata(*c) {
                Ok(Some(url)) => {
                    rm_detail =
                        Some((Outcome::Pass, format!("resource_metadata=\"{url}\" (line {l})")));
                    break;
                }
                Err(e) => {
                    rm_detail.get_or_insert((Outcome::Fail, format!("line {l}: {e}")));
                }
                Ok(None) => {}
            }
        }
        let rm = rm_detail.unwrap_or_else(|| {
            let alike: Vec<String> = oauth
                .iter()
                .flat_map(|(_, c)| c.params())
                .map(|p| p.name().to_owned())
                .filter(|n| n.to_ascii_lowercase().contains("resource_metadata"))
                .collect();
            let mut detail = "no resource_metadata parameter".to_owned();
            if !alike.is_empty() {
                detail.push_str(&format!(" ({} is not it)", alike.join(", ")));
            }
            (Outcome::Fail, detail)
        });
        self.set("challenge.resource-metadata", rm.0, rm.1);
        // scope
        let mut scope_detail = (Outcome::Fail, "no scope parameter".to_owned());
        for (l, c) in oauth {
            match scope(*c) {
                Ok(Some(s)) => {
                    scope_detail = (Outcome::Pass, format!("scope=\"{}\" (line {l})", s.as_str()));
                    break;
                }
                Err(e) => scope_detail = (Outcome::Fail, format!("line {l}: {e}")),
                Ok(None) => {}
            }
        }
        self.set("challenge.scope", scope_detail.0, scope_detail.1);
    }

    fn invalid_token(&mut self, oauth: &[(usize, Challenge<'_>)]) {
        // A DPoP-only resource gets the made-up token under its own scheme.
        let dpop_only = !oauth.is_empty() && oauth.iter().all(|(_, c)| c.scheme_is("DPoP"));
        let scheme = if dpop_only { "DPoP" } else { "Bearer" };
        let authorization = format!("{scheme} {MADE_UP_TOKEN}");
        let id = "challenge.invalid-token";
        match self.fetcher.get(self.plan.url, false, Some(&authorization)) {
            Err(e) => self.set(id, Outcome::Fail, format!("no response to a made-up token: {e}")),
            Ok(reply) => {
                let lines = lines(&reply);
                let challenges = oauth_challenges(&lines);
                let error = first_error(&challenges);
                let seen = match &error {
                    Some(code) => format!("{} with error=\"{code}\"", status_words(&reply)),
                    None => format!("{} without an error parameter", status_words(&reply)),
                };
                let ok = reply.status == 401 && error.as_deref() == Some("invalid_token");
                let result = if ok { Outcome::Pass } else { Outcome::Fail };
                self.set(id, result, format!("a made-up {scheme} token got {seen}"));
            }
        }
    }

    fn insufficient_scope(&mut self, token: &str) {
        let id = "token.insufficient-scope";
        let authorization = format!("Bearer {token}");
        let reply = match self.fetcher.get(self.plan.url, false, Some(&authorization)) {
            Ok(reply) => reply,
            Err(e) => return self.set(id, Outcome::Fail, format!("no response with --token: {e}")),
        };
        if reply.status != 403 {
            let detail = format!("the token got {}, not 403", status_words(&reply));
            return self.set(id, Outcome::Skip, detail);
        }
        let lines = lines(&reply);
        let challenges = oauth_challenges(&lines);
        let error = first_error(&challenges);
        let scope = challenges.iter().find_map(|(_, c)| scope(*c).ok().flatten());
        match (error.as_deref(), scope) {
            (Some("insufficient_scope"), Some(s)) => self.set(
                id,
                Outcome::Pass,
                format!("403 with error=\"insufficient_scope\", scope=\"{}\"", s.as_str()),
            ),
            (Some("insufficient_scope"), None) => {
                self.set(id, Outcome::Fail, "403 with error=\"insufficient_scope\" but no scope")
            }
            (Some(other), _) => self.set(id, Outcome::Fail, format!("403 with error=\"{other}\"")),
            (None, _) => self.set(
                id,
                Outcome::Fail,
                format!("403 without an insufficient_scope challenge ({} line(s))", lines.len()),
            ),
        }
    }

    /// Tries one metadata URL: the body of a 200, or why not.
    fn try_url(&mut self, url: &str, server_given: bool) -> Result<Vec<u8>, String> {
        let reply = if server_given {
            self.fetch_given(url)?
        } else {
            self.fetcher.get(url, false, None).map_err(|e| e.to_string())?
        };
        if reply.status != 200 {
            return Err(status_words(&reply));
        }
        reply.body
    }

    /// `prm.*`; returns the first authorization server when the document may be used.
    fn protected_resource(&mut self, from_challenge: Option<&str>) -> Option<String> {
        let prm = ["prm.fetch", "prm.resource", "prm.authorization-servers"];
        let as_ids = ["as.fetch", "as.issuer", "as.pkce", "as.registration"];
        let url = self.plan.url;
        let Ok(id) = ResourceId::parse(url) else {
            self.skip_all(&prm, "the URL is not a resource identifier");
            return None;
        };
        let mut tried = Vec::new();
        let mut found = None;
        for candidate in id.probe(from_challenge) {
            let text = candidate.to_string();
            let given = candidate.form() == UrlForm::Challenge;
            if given && !self.admit("resource_metadata", &text) {
                tried.push(format!("{text}: refused by the guard, not requested"));
                continue;
            }
            match self.try_url(&text, given) {
                Err(why) => tried.push(format!("{text}: {why}")),
                Ok(body) => match serde_json::from_slice::<ResourceMetadata<'_>>(&body) {
                    Err(e) => tried.push(format!("{text}: not protected-resource metadata: {e}")),
                    Ok(doc) => {
                        found = Some((candidate, text, doc.into_owned()));
                        break;
                    }
                },
            }
        }
        let Some((candidate, text, doc)) = found else {
            self.set("prm.fetch", Outcome::Fail, format!("not found: {}", tried.join("; ")));
            self.skip_all(&prm[1..], "no protected-resource metadata");
            self.skip_all(&as_ids, "no protected-resource metadata");
            return None;
        };
        let mut detail = format!("at {text}, {}", form_words(candidate.form()));
        if !tried.is_empty() {
            detail.push_str(&format!(" (after {})", tried.join("; ")));
        }
        self.set("prm.fetch", Outcome::Pass, detail);
        for (member, u) in doc.urls() {
            self.admit(member, u);
        }
        let usable = match doc.check(&candidate) {
            Ok(()) => {
                let to = match candidate.rule() {
                    Rule::RequestUrl => "the request URL",
                    _ => "the resource identifier",
                };
                let detail = format!("resource \"{}\" is identical to {to}", doc.resource);
                self.set("prm.resource", Outcome::Pass, detail);
                true
            }
            Err(m) => {
                self.set("prm.resource", Outcome::Fail, m.to_string());
                false
            }
        };
        let servers = doc.authorization_servers.clone().unwrap_or_default();
        if servers.is_empty() {
            self.set("prm.authorization-servers", Outcome::Fail, "no authorization_servers");
        } else {
            let listed: Vec<&str> = servers.iter().map(|s| &**s).collect();
            let detail = format!("authorization_servers: {}", listed.join(", "));
            self.set("prm.authorization-servers", Outcome::Pass, detail);
        }
        if !usable {
            let why =
                "the protected-resource metadata names another resource: a client must not use it";
            self.skip_all(&as_ids, why);
            return None;
        }
        match servers.first() {
            Some(s) => Some(s.to_string()),
            None => {
                self.skip_all(&as_ids, "no authorization server named");
                None
            }
        }
    }

    fn authorization_server(&mut self, issuer_text: &str) {
        let later = ["as.issuer", "as.pkce", "as.registration"];
        let issuer = match Issuer::parse(issuer_text) {
            Ok(issuer) => issuer,
            Err(e) => {
                let detail = format!("\"{issuer_text}\" is not an issuer identifier: {e}");
                self.set("as.fetch", Outcome::Fail, detail);
                self.skip_all(&later, "no authorization-server metadata");
                return;
            }
        };
        if !self.admit("authorization_servers", issuer_text) {
            let detail =
                format!("the issuer {issuer_text} was refused by the guard, not requested");
            self.set("as.fetch", Outcome::Fail, detail);
            self.skip_all(&later, "no authorization-server metadata");
            return;
        }
        let mut tried = Vec::new();
        let mut found = None;
        for candidate in issuer.probe() {
            let text = candidate.to_string();
            if !self.admit("authorization server metadata", &text) {
                tried.push(format!("{text}: refused by the guard, not requested"));
                continue;
            }
            match self.try_url(&text, true) {
                Err(why) => tried.push(format!("{text}: {why}")),
                Ok(body) => {
                    match serde_json::from_slice::<AuthorizationServerMetadata<'_>>(&body) {
                        Err(e) => {
                            tried.push(format!("{text}: not authorization-server metadata: {e}"));
                        }
                        Ok(doc) => {
                            found = Some((candidate, text, doc.into_owned()));
                            break;
                        }
                    }
                }
            }
        }
        let Some((candidate, text, doc)) = found else {
            self.set("as.fetch", Outcome::Fail, format!("not found: {}", tried.join("; ")));
            self.skip_all(&later, "no authorization-server metadata");
            return;
        };
        let mut detail = format!("at {text}");
        if !tried.is_empty() {
            detail.push_str(&format!(" (after {})", tried.join("; ")));
        }
        self.set("as.fetch", Outcome::Pass, detail);
        for (member, u) in doc.urls() {
            self.admit(member, u);
        }
        if let Err(m) = doc.check(&candidate) {
            self.set("as.issuer", Outcome::Fail, m.to_string());
            let why =
                "the authorization-server metadata names another issuer: a client must not use it";
            self.skip_all(&later[1..], why);
            return;
        }
        let detail = format!("issuer \"{}\" is identical to the issuer identifier", doc.issuer);
        self.set("as.issuer", Outcome::Pass, detail);
        match &doc.code_challenge_methods_supported {
            None => self.set(
                "as.pkce",
                Outcome::Fail,
                "no code_challenge_methods_supported (MCP clients refuse to go on)",
            ),
            Some(methods) => {
                let listed: Vec<&str> = methods.iter().map(|m| &**m).collect();
                let result = if listed.contains(&"S256") { Outcome::Pass } else { Outcome::Fail };
                let detail = format!("code_challenge_methods_supported: [{}]", listed.join(", "));
                self.set("as.pkce", result, detail);
            }
        }
        if let Some(endpoint) = &doc.registration_endpoint {
            self.set("as.registration", Outcome::Pass, format!("registration_endpoint {endpoint}"));
        } else if doc.client_id_metadata_document_supported == Some(true) {
            self.set("as.registration", Outcome::Pass, "client_id_metadata_document_supported");
        } else {
            let detail =
                "neither registration_endpoint nor client_id_metadata_document_supported: true";
            self.set("as.registration", Outcome::Fail, detail);
        }
    }

    fn endpoints(&mut self) {
        let id = "endpoints.https";
        if self.given.is_empty() {
            return self.set(id, Outcome::Skip, "no server-given URL");
        }
        let loopback = Guard::new().allow_loopback(true);
        let mut bad = Vec::new();
        let mut local = 0;
        for g in &self.given {
            let https = Url::parse(&g.url).is_ok_and(|u| u.scheme().eq_ignore_ascii_case("https"));
            if https {
                continue;
            }
            if self.plan.allow_local && loopback.check(&g.url).is_ok() {
                local += 1;
                continue;
            }
            bad.push(format!("{} {}", g.member, g.url));
        }
        let n = self.given.len();
        if bad.is_empty() {
            let mut detail = format!("{n} server-given URL(s) are https");
            if local > 0 {
                detail = format!(
                    "{} https, {local} loopback http (allowed by --allow-local)",
                    n - local
                );
            }
            self.set(id, Outcome::Pass, detail);
        } else {
            self.set(id, Outcome::Fail, format!("not https: {}", bad.join("; ")));
        }
    }

    fn guard_urls(&mut self) {
        let id = "guard.urls";
        if self.given.is_empty() {
            return self.set(id, Outcome::Skip, "no server-given URL");
        }
        let refused: Vec<String> = self
            .given
            .iter()
            .filter_map(|g| {
                g.refusal
                    .as_ref()
                    .map(|why| format!("{} {}: {why}, not requested", g.member, g.url))
            })
            .collect();
        if refused.is_empty() {
            let detail = format!("{} server-given URL(s) passed the guard", self.given.len());
            self.set(id, Outcome::Pass, detail);
        } else {
            self.set(id, Outcome::Fail, format!("refused: {}", refused.join("; ")));
        }
    }
}
