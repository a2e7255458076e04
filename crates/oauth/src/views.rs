//! Typed views over a parsed challenge (`Bearer`, `DPoP`, `OAuth2`) and the writer of their
//! parameters.

use core::fmt;
use core::marker::PhantomData;

use signpost_challenge::{Challenge, ChallengeWriter, Challenges};
use signpost_error::ErrorCode;
use signpost_scope::Scope;
use signpost_syntax::Value;
/// The one error of every signpost writer: a refused value names its field here.
pub use signpost_syntax::WriteError;

use crate::field::{parse_integer, structured, structured_text, write_u64, FieldError, SpaceList};
use crate::flow::{Flow, FlowSource, Flows};
use crate::well_known::Issuer;
use crate::{ParseError, Url};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Bearer {}
    impl Sealed for super::Dpop {}
    impl Sealed for super::OAuth2 {}
}

/// An authentication scheme with a typed view: [`Bearer`], [`Dpop`] or [`OAuth2`]
/// (sealed).
pub trait Scheme: sealed::Sealed + Copy + fmt::Debug {
    /// The scheme's name as written by this crate (`Bearer`, `DPoP`, `OAuth2`); recipients
    /// match it ignoring ASCII case.
    const NAME: &'static str;
    /// The scheme as a value.
    const KIND: SchemeKind;
}

/// One of the three schemes this crate reads and writes, as a value: which challenge a
/// [`ResponseChallenge`](crate::ResponseChallenge) is, which one a
/// [`Decision`](crate::Decision) follows. Compare kinds, not scheme names: a parsed
/// challenge's name matches ignoring ASCII case ([`of`](Self::of)), and the name this
/// crate writes is [`name`](Self::name).
///
/// ```
/// use signpost_oauth::Challenges;
/// use signpost_oauth::SchemeKind;
///
/// let challenge = Challenges::new(br#"dpop algs="ES256""#).next().unwrap()?;
/// assert_eq!(SchemeKind::of(&challenge), Some(SchemeKind::Dpop));
/// assert_eq!(SchemeKind::Dpop.name(), "DPoP");
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemeKind {
    /// `Bearer` (RFC 6750 §3).
    Bearer,
    /// `DPoP` (RFC 9449 §7.1).
    Dpop,
    /// `OAuth2` (`docs/oauth2-scheme.md`).
    OAuth2,
}

impl SchemeKind {
    /// The name this crate writes: `Bearer`, `DPoP` or `OAuth2`.
    pub const fn name(self) -> &'static str {
        match self {
            SchemeKind::Bearer => Bearer::NAME,
            SchemeKind::Dpop => Dpop::NAME,
            SchemeKind::OAuth2 => OAuth2::NAME,
        }
    }

    /// The kind of a parsed challenge (its scheme compared ignoring ASCII case, RFC 9110
    /// §11.1), `None` for any other scheme (`Basic`, `Negotiate`).
    pub fn of(challenge: &Challenge<'_>) -> Option<SchemeKind> {
        [SchemeKind::Bearer, SchemeKind::Dpop, SchemeKind::OAuth2]
            .into_iter()
            .find(|kind| challenge.scheme_is(kind.name()))
    }
}

impl fmt::Display for SchemeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `Bearer` scheme (RFC 6750 §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bearer;

/// The `DPoP` scheme (RFC 9449 §7.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dpop;

/// The `OAuth2` scheme of the 2011 proposal on the OAuth WG list, defined in `docs/oauth2-scheme.md` (a signpost
/// convention, never standardised).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OAuth2;

impl Scheme for Bearer {
    const NAME: &'static str = "Bearer";
    const KIND: SchemeKind = SchemeKind::Bearer;
}
impl Scheme for Dpop {
    const NAME: &'static str = "DPoP";
    const KIND: SchemeKind = SchemeKind::Dpop;
}
impl Scheme for OAuth2 {
    const NAME: &'static str = "OAuth2";
    const KIND: SchemeKind = SchemeKind::OAuth2;
}

/// A typed view over one parsed challenge of scheme `S`: each OAuth parameter, validated
/// when it is read. Use the aliases [`BearerChallenge`], [`DpopChallenge`] and
/// [`OAuth2Challenge`].
///
/// - Text fields (`realm`, `error_description`) are [`Value`]s: quoted-pairs are removed
///   lazily, without allocation.
/// - Structured fields (`scope`, `error`, `error_uri`, `resource_metadata`, `issuer`,
///   `acr_values`, `max_age`, `algs`, `flows`) are checked against their rule and returned
///   as borrowed, typed values. A structured value that holds a quoted-pair is refused with
///   a [`FieldError`]: unescaping it would need a buffer, and no conforming sender writes
///   one (none of these grammars needs `"` or `\`).
/// - Absent fields are `None` (or `Ok(None)`); unknown parameters are ignored, as RFC 9449
///   §7.1 and RFC 6750 §3 require; [`param`](OAuthChallenge::param) reads any of them
///   (Azure's `claims` and `authorization_uri`, Docker's `service`), by whole name, ignoring
///   ASCII case.
///
/// ```
/// use signpost_oauth::BearerChallenge;
/// use signpost_oauth::Challenges;
/// use signpost_oauth::ErrorCode;
///
/// // MCP 2025-11-25: runtime step-up on 403.
/// let value = br#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#;
/// let bearer = BearerChallenge::find(Challenges::new(value))?.expect("a Bearer challenge");
/// assert_eq!(bearer.error().unwrap(), Some(ErrorCode::INSUFFICIENT_SCOPE));
/// assert_eq!(bearer.scope().unwrap().unwrap().as_str(), "files:read files:write");
/// assert_eq!(
///     bearer.resource_metadata().unwrap(),
///     Some("https://mcp.example.com/.well-known/oauth-protected-resource")
/// );
/// assert_eq!(bearer.max_age().unwrap(), None);
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
pub struct OAuthChallenge<'a, S> {
    challenge: Challenge<'a>,
    scheme: PhantomData<S>,
}

/// A `Bearer` challenge (RFC 6750 §3).
pub type BearerChallenge<'a> = OAuthChallenge<'a, Bearer>;
/// A `DPoP` challenge (RFC 9449 §7.1), which adds [`algs`](OAuthChallenge::algs).
pub type DpopChallenge<'a> = OAuthChallenge<'a, Dpop>;
/// An `OAuth2` challenge (`docs/oauth2-scheme.md`), which adds
/// [`flows`](OAuthChallenge::flows).
pub type OAuth2Challenge<'a> = OAuthChallenge<'a, OAuth2>;

impl<S> Clone for OAuthChallenge<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for OAuthChallenge<'_, S> {}

impl<S: Scheme> fmt::Debug for OAuthChallenge<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple(S::NAME).field(&self.challenge).finish()
    }
}

impl<'a, S: Scheme> OAuthChallenge<'a, S> {
    /// The view of `challenge`, or `None` when its scheme is not `S` (compared ignoring
    /// ASCII case). A challenge with a `token68` instead of auth-params has no parameter.
    pub fn new(challenge: Challenge<'a>) -> Option<Self> {
        if challenge.scheme_is(S::NAME) {
            Some(OAuthChallenge { challenge, scheme: PhantomData })
        } else {
            None
        }
    }

    /// The first challenge of scheme `S` among `challenges`, skipping the others.
    ///
    /// # Errors
    ///
    /// The parse error of a malformed challenge before it (strict parsing stops there; parse
    /// with `Leniency::RECOVER` and call [`new`](Self::new) to skip bad challenges).
    pub fn find(challenges: Challenges<'a>) -> Result<Option<Self>, ParseError> {
        // The loop of `Challenges::find_scheme`, written out: wrapping that method's result
        // moves the challenge through a second `Result`, which cost about 900 bytes of code
        // in the size-first Bearer view (`embedded/src/bin/bearer_view.rs`).
        for challenge in challenges {
            let challenge = challenge?;
            if challenge.scheme_is(S::NAME) {
                return Ok(Some(OAuthChallenge { challenge, scheme: PhantomData }));
            }
        }
        Ok(None)
    }

    /// The parsed challenge under the view.
    pub const fn challenge(&self) -> Challenge<'a> {
        self.challenge
    }

    /// Any auth-param by name (whole name, ignoring ASCII case), unvalidated: the way to
    /// read extension parameters such as Azure's `claims` and `authorization_uri` or
    /// Docker's `service`.
    pub fn param(&self, name: &str) -> Option<Value<'a>> {
        self.challenge.param(name)
    }

    /// `realm` (RFC 9110 §11.5): text, case-sensitive; may be empty (Azure sends
    /// `realm=""`).
    pub fn realm(&self) -> Option<Value<'a>> {
        self.param("realm")
    }

    /// `scope` (RFC 6750 §3, syntax RFC 6749 §3.3): the scope the request needs.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not `scope-token *( SP scope-token )`.
    pub fn scope(&self) -> Result<Option<Scope<'a>>, FieldError> {
        get_scope(&self.challenge)
    }

    /// `error` (RFC 6750 §3): a code of the IANA registry or an extension code.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not `1*NQSCHAR`.
    pub fn error(&self) -> Result<Option<ErrorCode<'a>>, FieldError> {
        get_error(&self.challenge)
    }

    /// `error_description` (RFC 6750 §3): text for the developer, not for the user.
    pub fn error_description(&self) -> Option<Value<'a>> {
        self.param("error_description")
    }

    /// `error_uri` (RFC 6750 §3): a URI-reference.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not a URI-reference.
    pub fn error_uri(&self) -> Result<Option<&'a str>, FieldError> {
        get_error_uri(&self.challenge)
    }

    /// `resource_metadata` (RFC 9728 §5.1): the URL of the protected-resource metadata.
    /// Check it with [`Guard`](crate::Guard) before fetching it.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not an absolute URI.
    pub fn resource_metadata(&self) -> Result<Option<&'a str>, FieldError> {
        get_resource_metadata(&self.challenge)
    }

    /// `issuer` (draft-parecki-oauth-authorization-server-discovery): the issuer
    /// identifier of the authorization server. A client that already knows its
    /// authorization server SHOULD ignore it (draft-parecki-oauth-authorization-server-discovery, Security Considerations: phishing); check it with
    /// [`Guard`](crate::Guard) before fetching its metadata.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not an issuer identifier (an absolute
    /// URL with a host, no query, no fragment).
    pub fn issuer(&self) -> Result<Option<&'a str>, FieldError> {
        get_issuer(&self.challenge)
    }

    /// `acr_values` (RFC 9470 §3): the acceptable authentication context classes, in order
    /// of preference.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not SP-separated `1*NQCHAR`s.
    pub fn acr_values(&self) -> Result<Option<SpaceList<'a>>, FieldError> {
        get_list(&self.challenge, "acr_values")
    }

    /// `max_age` (RFC 9470 §3): the largest acceptable time since the user last
    /// authenticated, in seconds; a token or a quoted-string.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not a non-negative integer (at most
    /// `u64::MAX`).
    pub fn max_age(&self) -> Result<Option<u64>, FieldError> {
        get_max_age(&self.challenge)
    }

    /// Validates every parameter this view knows, so that a caller can refuse a malformed
    /// challenge as a whole.
    ///
    /// # Errors
    ///
    /// The first field, in the order of the accessors above, that breaks its rule.
    pub fn check(&self) -> Result<(), FieldError> {
        self.scope()?;
        self.error()?;
        self.error_uri()?;
        self.resource_metadata()?;
        self.issuer()?;
        self.acr_values()?;
        self.max_age()?;
        match S::KIND {
            SchemeKind::Dpop => {
                get_list(&self.challenge, "algs")?;
            }
            SchemeKind::OAuth2 => {
                get_flows(&self.challenge)?;
            }
            SchemeKind::Bearer => {}
        }
        Ok(())
    }
}

impl<'a> OAuthChallenge<'a, Dpop> {
    /// `algs` (RFC 9449 §7.1): the JWS algorithms the resource server accepts for DPoP
    /// proofs.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or a value that is not SP-separated `1*NQCHAR`s.
    pub fn algs(&self) -> Result<Option<SpaceList<'a>>, FieldError> {
        get_list(&self.challenge, "algs")
    }
}

impl<'a> OAuthChallenge<'a, OAuth2> {
    /// `flows`: the OAuth flows that can fix the error, most preferred first
    /// (`docs/oauth2-scheme.md`). Required by the scheme; `Ok(None)` when a server left it
    /// out.
    ///
    /// # Errors
    ///
    /// A quoted-pair in the value, or an element that is neither a token nor an absolute
    /// URI.
    pub fn flows(&self) -> Result<Option<Flows<'a>>, FieldError> {
        get_flows(&self.challenge)
    }
}

// The accessors, on any challenge: the client reads whichever challenge it picked. Each
// `get_*` looks its field up by name; each `*_of` checks a value already looked up (the
// client reads every field it needs in one walk, `Challenge::param_values`).

/// A structured field's value as text, when it is there.
#[inline(always)] // the error is built where it is used, or not at all
fn get_structured<'a>(
    c: &Challenge<'a>,
    field: &'static str,
) -> Result<Option<&'a str>, FieldError> {
    get_text(c, field).map_err(|e| FieldError::new(field, e))
}

/// The value of `field` as text, when it is there: the one out-of-line part of every
/// accessor (the field's name is added to an error where it is used).
fn get_text<'a>(c: &Challenge<'a>, field: &str) -> Result<Option<&'a str>, ParseError> {
    c.param(field).map(structured_text).transpose()
}

/// [`get_structured`] of a value already looked up.
#[inline(always)]
fn structured_of<'a>(
    field: &'static str,
    value: Option<Value<'a>>,
) -> Result<Option<&'a str>, FieldError> {
    value.map(|v| structured(field, v)).transpose()
}

pub(crate) fn get_scope<'a>(c: &Challenge<'a>) -> Result<Option<Scope<'a>>, FieldError> {
    scope_text(get_structured(c, "scope")?)
}

pub(crate) fn scope_of(value: Option<Value<'_>>) -> Result<Option<Scope<'_>>, FieldError> {
    scope_text(structured_of("scope", value)?)
}

fn scope_text(text: Option<&str>) -> Result<Option<Scope<'_>>, FieldError> {
    let Some(text) = text else { return Ok(None) };
    Scope::parse(text)
        .map(Some)
        .map_err(|e| FieldError::from_parts("scope", e.message(), e.offset(), e.found()))
}

pub(crate) fn get_error<'a>(c: &Challenge<'a>) -> Result<Option<ErrorCode<'a>>, FieldError> {
    error_text(get_structured(c, "error")?)
}

pub(crate) fn error_of(value: Option<Value<'_>>) -> Result<Option<ErrorCode<'_>>, FieldError> {
    // With `perf`, a valid code is read from its bytes (a registered one needs no UTF-8
    // check); a value that is refused goes the checked way below, so that its error is the
    // same in both builds.
    #[cfg(feature = "perf")]
    if let Some(v) = value.filter(|v| !v.has_escapes()) {
        if let Ok(code) = ErrorCode::from_bytes(v.as_raw()) {
            return Ok(Some(code));
        }
    }
    error_text(structured_of("error", value)?)
}

fn error_text(text: Option<&str>) -> Result<Option<ErrorCode<'_>>, FieldError> {
    let Some(text) = text else { return Ok(None) };
    ErrorCode::parse(text)
        .map(Some)
        .map_err(|e| FieldError::from_parts("error", e.message(), e.offset(), e.found()))
}

pub(crate) fn get_error_uri<'a>(c: &Challenge<'a>) -> Result<Option<&'a str>, FieldError> {
    let Some(text) = get_structured(c, "error_uri")? else { return Ok(None) };
    signpost_error::check_error_uri(text)
        .map_err(|e| FieldError::from_parts("error_uri", e.message(), e.offset(), e.found()))?;
    Ok(Some(text))
}

pub(crate) fn get_resource_metadata<'a>(c: &Challenge<'a>) -> Result<Option<&'a str>, FieldError> {
    let Some(text) = get_structured(c, "resource_metadata")? else { return Ok(None) };
    check_url("resource_metadata", text)?;
    Ok(Some(text))
}

pub(crate) fn get_issuer<'a>(c: &Challenge<'a>) -> Result<Option<&'a str>, FieldError> {
    let Some(text) = get_structured(c, "issuer")? else { return Ok(None) };
    check_issuer("issuer", text)?;
    Ok(Some(text))
}

pub(crate) fn get_list<'a>(
    c: &Challenge<'a>,
    field: &'static str,
) -> Result<Option<SpaceList<'a>>, FieldError> {
    let Some(text) = get_structured(c, field)? else { return Ok(None) };
    SpaceList::parse(field, text).map(Some)
}

pub(crate) fn list_of<'a>(
    field: &'static str,
    value: Option<Value<'a>>,
) -> Result<Option<SpaceList<'a>>, FieldError> {
    let Some(text) = structured_of(field, value)? else { return Ok(None) };
    SpaceList::parse(field, text).map(Some)
}

pub(crate) fn get_max_age(c: &Challenge<'_>) -> Result<Option<u64>, FieldError> {
    max_age_of(c.param("max_age"))
}

pub(crate) fn max_age_of(value: Option<Value<'_>>) -> Result<Option<u64>, FieldError> {
    let Some(value) = value else { return Ok(None) };
    parse_integer("max_age", structured("max_age", value)?.as_bytes()).map(Some)
}

pub(crate) fn get_flows<'a>(c: &Challenge<'a>) -> Result<Option<Flows<'a>>, FieldError> {
    let Some(text) = get_structured(c, "flows")? else { return Ok(None) };
    Flows::parse(text).map(Some)
}

pub(crate) fn check_url(field: &'static str, text: &str) -> Result<(), FieldError> {
    Url::parse(text).map(|_| ()).map_err(|e| FieldError::new(field, e))
}

pub(crate) fn check_issuer(field: &'static str, text: &str) -> Result<(), FieldError> {
    Issuer::parse(text).map(|_| ()).map_err(|e| FieldError::new(field, e))
}

/// `realm`: any text a field value may carry (quotes and backslashes are escaped when it is
/// written).
pub(crate) fn check_realm(realm: &str) -> Result<(), FieldError> {
    signpost_syntax::check_field_text(realm.as_bytes()).map_err(|e| {
        FieldError::from_parts("realm", e.message(), e.offset().unwrap_or(0), e.found())
    })
}

/// `flows`: each a token or an absolute URI, at most [`MAX_FLOWS_LEN`] bytes joined.
pub(crate) fn check_flows(flows: FlowSource<'_>) -> Result<(), FieldError> {
    let mut joined_len = 0usize;
    for flow in flows.iter() {
        Flow::parse(flow.as_str())?;
        joined_len += flow.as_str().len() + 1;
    }
    if joined_len > MAX_FLOWS_LEN + 1 {
        return Err(FieldError::bare(
            "flows",
            MAX_FLOWS_LEN,
            "longer than 512 bytes (an implementation limit)",
        ));
    }
    Ok(())
}

/// `error_description`: `1*NQSCHAR`.
pub(crate) fn check_description(description: &str) -> Result<(), FieldError> {
    signpost_error::check_error_description(description).map_err(|e| wire("error_description", e))
}

/// `scope`: `scope-token *( SP scope-token )`.
pub(crate) fn check_scope(scope: &str) -> Result<(), FieldError> {
    Scope::parse(scope)
        .map(|_| ())
        .map_err(|e| FieldError::from_parts("scope", e.message(), e.offset(), e.found()))
}

/// The parameters of a `Bearer`, `DPoP` or `OAuth2` challenge, to write through a
/// [`ChallengeWriter`] (RFC 6750 §3, RFC 9449 §7.1, RFC 9470 §3, RFC 9728 §5.1,
/// `docs/oauth2-scheme.md`).
///
/// Every value is checked against its field's rule before anything is written, so a refused
/// value leaves the output untouched. Parameters come out in one fixed order (`realm`,
/// `flows`, `error`, `error_description`, `error_uri`, `scope`, `acr_values`, `max_age`,
/// `algs`, `issuer`, `resource_metadata`), each as a quoted-string, as RFC 6750, RFC 9449
/// and RFC 9470 write them (`realm` must be quoted, RFC 9110 §11.5; clients that read
/// `error="([^"]*)"` need the quotes on the others). `algs` goes on `DPoP` challenges only,
/// `flows` on `OAuth2` challenges only (where it is required).
///
/// ```
/// use signpost_oauth::{ChallengeParams, Flow};
/// use signpost_oauth::ChallengeWriter;
/// use signpost_oauth::ErrorCode;
///
/// let flows = [Flow::REFRESH, Flow::USER_DELEGATION];
/// let params = ChallengeParams::new()
///     .error(ErrorCode::INVALID_TOKEN)
///     .resource_metadata("https://api.example.com/.well-known/oauth-protected-resource")
///     .flows(&flows);
/// let mut out = String::new();
/// let mut w = ChallengeWriter::new(&mut out);
/// params.write_bearer(&mut w)?;
/// params.write_oauth2(&mut w)?;
/// assert_eq!(out, concat!(
///     r#"Bearer error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource", "#,
///     r#"OAuth2 flows="refresh user-delegation", error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource""#,
/// ));
/// # Ok::<(), signpost_oauth::WriteError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChallengeParams<'x> {
    pub(crate) realm: Option<&'x str>,
    pub(crate) error: Option<ErrorCode<'x>>,
    pub(crate) error_description: Option<&'x str>,
    pub(crate) error_uri: Option<&'x str>,
    pub(crate) scope: Option<&'x str>,
    pub(crate) acr_values: Option<&'x str>,
    pub(crate) max_age: Option<u64>,
    pub(crate) algs: Option<&'x str>,
    pub(crate) issuer: Option<&'x str>,
    pub(crate) resource_metadata: Option<&'x str>,
    pub(crate) flows: FlowSource<'x>,
    pub(crate) flow_filter: Option<fn(&Flow<'_>) -> bool>,
}

impl Default for ChallengeParams<'_> {
    fn default() -> Self {
        ChallengeParams::new()
    }
}

impl<'x> ChallengeParams<'x> {
    /// No parameter.
    pub const fn new() -> Self {
        ChallengeParams {
            realm: None,
            error: None,
            error_description: None,
            error_uri: None,
            scope: None,
            acr_values: None,
            max_age: None,
            algs: None,
            issuer: None,
            resource_metadata: None,
            flows: FlowSource::List(&[]),
            flow_filter: None,
        }
    }

    /// `realm`: any text without controls (always written quoted).
    #[must_use]
    pub const fn realm(mut self, realm: &'x str) -> Self {
        self.realm = Some(realm);
        self
    }

    /// `error`.
    #[must_use]
    pub const fn error(mut self, error: ErrorCode<'x>) -> Self {
        self.error = Some(error);
        self
    }

    /// `error_description`: `1*NQSCHAR` (printable ASCII and SP, no `"`, no `\`).
    #[must_use]
    pub const fn error_description(mut self, description: &'x str) -> Self {
        self.error_description = Some(description);
        self
    }

    /// `error_uri`: a URI-reference.
    #[must_use]
    pub const fn error_uri(mut self, uri: &'x str) -> Self {
        self.error_uri = Some(uri);
        self
    }

    /// `scope`: `scope-token *( SP scope-token )`.
    #[must_use]
    pub const fn scope(mut self, scope: &'x str) -> Self {
        self.scope = Some(scope);
        self
    }

    /// `acr_values`: SP-separated `1*NQCHAR`s, in order of preference.
    #[must_use]
    pub const fn acr_values(mut self, acr_values: &'x str) -> Self {
        self.acr_values = Some(acr_values);
        self
    }

    /// `max_age`, in seconds.
    #[must_use]
    pub const fn max_age(mut self, max_age: u64) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// `algs` (`DPoP` only): SP-separated JWS algorithm names.
    #[must_use]
    pub const fn algs(mut self, algs: &'x str) -> Self {
        self.algs = Some(algs);
        self
    }

    /// `issuer`: an issuer identifier (absolute URL, no query, no fragment).
    #[must_use]
    pub const fn issuer(mut self, issuer: &'x str) -> Self {
        self.issuer = Some(issuer);
        self
    }

    /// `resource_metadata`: an absolute URL.
    #[must_use]
    pub const fn resource_metadata(mut self, url: &'x str) -> Self {
        self.resource_metadata = Some(url);
        self
    }

    /// `flows` (`OAuth2` only), most preferred first.
    #[must_use]
    pub const fn flows(mut self, flows: &'x [Flow<'x>]) -> Self {
        self.flows = FlowSource::List(flows);
        self
    }

    /// `flows` from a checked list (an owned context's).
    pub(crate) const fn flow_source(mut self, flows: FlowSource<'x>) -> Self {
        self.flows = flows;
        self
    }

    /// Keeps only the flows for which `keep` holds (the server side drops the flows that
    /// cannot fix a given rejection).
    pub(crate) const fn filter_flows(mut self, keep: fn(&Flow<'_>) -> bool) -> Self {
        self.flow_filter = Some(keep);
        self
    }

    pub(crate) fn kept_flows(&self) -> impl Iterator<Item = Flow<'x>> + '_ {
        let keep = self.flow_filter;
        self.flows.iter().filter(move |f| keep.map_or(true, |k| k(f)))
    }

    /// Checks every value against its field's rule.
    ///
    /// # Errors
    ///
    /// The first value that breaks its rule, in the order parameters are written.
    pub fn check(&self) -> Result<(), FieldError> {
        if let Some(realm) = self.realm {
            check_realm(realm)?;
        }
        check_flows(self.flows)?;
        if let Some(error) = self.error {
            signpost_error::check_error(error.as_str()).map_err(|e| wire("error", e))?;
        }
        if let Some(d) = self.error_description {
            check_description(d)?;
        }
        if let Some(u) = self.error_uri {
            signpost_error::check_error_uri(u).map_err(|e| wire("error_uri", e))?;
        }
        if let Some(s) = self.scope {
            check_scope(s)?;
        }
        if let Some(a) = self.acr_values {
            SpaceList::parse("acr_values", a)?;
        }
        if let Some(a) = self.algs {
            SpaceList::parse("algs", a)?;
        }
        if let Some(i) = self.issuer {
            check_issuer("issuer", i)?;
        }
        if let Some(r) = self.resource_metadata {
            check_url("resource_metadata", r)?;
        }
        Ok(())
    }

    /// Writes a `Bearer` challenge with these parameters.
    ///
    /// # Errors
    ///
    /// A refused value (nothing is written then), named by its field, or a failing writer.
    ///
    /// ```
    /// use signpost_oauth::ChallengeParams;
    /// use signpost_challenge::ChallengeWriter;
    ///
    /// let mut out = String::new();
    /// let err = ChallengeParams::new()
    ///     .error_description("Token \"abc\" expired")
    ///     .write_bearer(&mut ChallengeWriter::new(&mut out))
    ///     .unwrap_err();
    /// assert_eq!((err.field(), err.offset()), (Some("error_description"), Some(6)));
    /// assert_eq!(err.to_string(), "error_description: expected NQSCHAR in error_description, found '\"' at byte 6 of the value");
    /// assert!(out.is_empty()); // nothing written
    /// ```
    pub fn write_bearer<W: fmt::Write + ?Sized>(
        &self,
        w: &mut ChallengeWriter<'_, W>,
    ) -> Result<(), WriteError> {
        self.write(SchemeKind::Bearer, w)
    }

    /// Writes a `DPoP` challenge with these parameters (and `algs`).
    ///
    /// # Errors
    ///
    /// A refused value (nothing is written then) or a failing writer.
    pub fn write_dpop<W: fmt::Write + ?Sized>(
        &self,
        w: &mut ChallengeWriter<'_, W>,
    ) -> Result<(), WriteError> {
        self.write(SchemeKind::Dpop, w)
    }

    /// Writes an `OAuth2` challenge with these parameters (and `flows`, which must not be
    /// empty).
    ///
    /// # Errors
    ///
    /// No flow, a refused value (nothing is written then) or a failing writer.
    pub fn write_oauth2<W: fmt::Write + ?Sized>(
        &self,
        w: &mut ChallengeWriter<'_, W>,
    ) -> Result<(), WriteError> {
        if self.kept_flows().next().is_none() {
            return Err(FieldError::bare("flows", 0, "required in an OAuth2 challenge").into());
        }
        self.write(SchemeKind::OAuth2, w)
    }

    fn write<W: fmt::Write + ?Sized>(
        &self,
        scheme: SchemeKind,
        w: &mut ChallengeWriter<'_, W>,
    ) -> Result<(), WriteError> {
        self.check()?;
        self.write_checked(scheme, w).map_err(WriteError::from)
    }

    /// Writes the challenge; every value has been checked.
    pub(crate) fn write_checked<W: fmt::Write + ?Sized>(
        &self,
        scheme: SchemeKind,
        w: &mut ChallengeWriter<'_, W>,
    ) -> fmt::Result {
        let w = w.challenge(scheme.name()).map_err(|_| fmt::Error)?;
        let mut put = |name: &str, value: &str| -> fmt::Result {
            w.param_quoted(name, value).map(|_| ()).map_err(|_| fmt::Error)
        };
        if let Some(realm) = self.realm {
            put("realm", realm)?;
        }
        if scheme == SchemeKind::OAuth2 {
            let mut joined = StackStr::<MAX_FLOWS_LEN>::default();
            for (i, flow) in self.kept_flows().enumerate() {
                if i > 0 {
                    fmt::Write::write_str(&mut joined, " ")?;
                }
                fmt::Write::write_str(&mut joined, flow.as_str())?;
            }
            put("flows", joined.as_str())?;
        }
        if let Some(error) = self.error {
            put("error", error.as_str())?;
        }
        if let Some(d) = self.error_description {
            put("error_description", d)?;
        }
        if let Some(u) = self.error_uri {
            put("error_uri", u)?;
        }
        if let Some(s) = self.scope {
            put("scope", s)?;
        }
        if let Some(a) = self.acr_values {
            put("acr_values", a)?;
        }
        if let Some(n) = self.max_age {
            let mut digits = StackStr::<20>::default();
            write_u64(&mut digits, n)?;
            put("max_age", digits.as_str())?;
        }
        if scheme == SchemeKind::Dpop {
            if let Some(a) = self.algs {
                put("algs", a)?;
            }
        }
        if let Some(i) = self.issuer {
            put("issuer", i)?;
        }
        if let Some(r) = self.resource_metadata {
            put("resource_metadata", r)?;
        }
        Ok(())
    }
}

/// What goes before a parameter's value: `[" name=\"", "\", name=\""]`, the first when it
/// follows the scheme, the second when it closes the value before it.
macro_rules! prefix {
    ($name:literal) => {
        [concat!(" ", $name, "=\""), concat!("\", ", $name, "=\"")]
    };
}

impl ChallengeParams<'_> {
    /// Writes the challenge straight into `out`, after `", "` unless it is the `first` of
    /// the field value: the same text as [`write_checked`](Self::write_checked) through a
    /// [`ChallengeWriter`], for values that have been checked. The scheme and every run of
    /// constant text between two values (`"\", error_description=\""`) go out in one
    /// `write_str`, each value in one more; nothing is checked, escaped or copied again,
    /// except `realm`, the one field whose rule lets `"` and `\` through (they are escaped).
    /// Every other field's rule keeps its values inside `qdtext` without `"` or `\`, so
    /// the quoted-string the writer would choose is the value between two quotes.
    pub(crate) fn write_raw<W: fmt::Write + ?Sized>(
        &self,
        scheme: SchemeKind,
        out: &mut W,
        first: bool,
    ) -> fmt::Result {
        out.write_str(match (scheme, first) {
            (SchemeKind::Bearer, true) => "Bearer",
            (SchemeKind::Bearer, false) => ", Bearer",
            (SchemeKind::Dpop, true) => "DPoP",
            (SchemeKind::Dpop, false) => ", DPoP",
            (SchemeKind::OAuth2, true) => "OAuth2",
            (SchemeKind::OAuth2, false) => ", OAuth2",
        })?;
        let mut w = RawParams { out, open: false };
        if let Some(realm) = self.realm {
            w.name(&prefix!("realm"))?;
            write_escaped(w.out, realm)?;
        }
        if scheme == SchemeKind::OAuth2 {
            w.name(&prefix!("flows"))?;
            for (i, flow) in self.kept_flows().enumerate() {
                if i > 0 {
                    w.out.write_str(" ")?;
                }
                w.out.write_str(flow.as_str())?;
            }
        }
        if let Some(error) = self.error {
            w.put(&prefix!("error"), error.as_str())?;
        }
        if let Some(d) = self.error_description {
            w.put(&prefix!("error_description"), d)?;
        }
        if let Some(u) = self.error_uri {
            w.put(&prefix!("error_uri"), u)?;
        }
        if let Some(s) = self.scope {
            w.put(&prefix!("scope"), s)?;
        }
        if let Some(a) = self.acr_values {
            w.put(&prefix!("acr_values"), a)?;
        }
        if let Some(n) = self.max_age {
            w.name(&prefix!("max_age"))?;
            write_u64(w.out, n)?;
        }
        if scheme == SchemeKind::Dpop {
            if let Some(a) = self.algs {
                w.put(&prefix!("algs"), a)?;
            }
        }
        if let Some(i) = self.issuer {
            w.put(&prefix!("issuer"), i)?;
        }
        if let Some(r) = self.resource_metadata {
            w.put(&prefix!("resource_metadata"), r)?;
        }
        if w.open {
            w.out.write_str("\"")?;
        }
        Ok(())
    }
}

/// The parameters of one challenge as [`ChallengeParams::write_raw`] writes them.
struct RawParams<'o, W: ?Sized> {
    out: &'o mut W,
    /// Whether a value was opened (its closing quote goes out with the next prefix).
    open: bool,
}

impl<W: fmt::Write + ?Sized> RawParams<'_, W> {
    /// Opens the value of the parameter whose prefixes are `prefix`.
    #[inline(always)]
    fn name(&mut self, prefix: &[&'static str; 2]) -> fmt::Result {
        let p = prefix[usize::from(self.open)];
        self.open = true;
        self.out.write_str(p)
    }

    /// Writes a checked value that needs no escape.
    #[inline(always)]
    fn put(&mut self, prefix: &[&'static str; 2], value: &str) -> fmt::Result {
        debug_assert!(signpost_syntax::is_plain_quoted(value.as_bytes()), "{value:?}");
        self.name(prefix)?;
        self.out.write_str(value)
    }
}

/// The inside of a quoted-string for a value without controls: `"` and `\` escaped with a
/// backslash (RFC 9110 §5.6.4), the rest as it is, in runs.
fn write_escaped<W: fmt::Write + ?Sized>(out: &mut W, value: &str) -> fmt::Result {
    let mut rest = value;
    while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\') {
        // `"` and `\` are ASCII, so `i` and `i + 1` are char boundaries.
        out.write_str(rest.get(..i).unwrap_or_default())?;
        out.write_str("\\")?;
        out.write_str(rest.get(i..i + 1).unwrap_or_default())?;
        rest = rest.get(i + 1..).unwrap_or_default();
    }
    out.write_str(rest)
}

fn wire(field: &'static str, e: signpost_error::InvalidValue) -> FieldError {
    FieldError::from_parts(field, e.message(), e.offset(), e.found())
}

/// The longest `flows` value the writer joins (on the stack), in bytes.
pub const MAX_FLOWS_LEN: usize = 512;

/// A short string on the stack (decimal digits, the joined flows).
struct StackStr<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Default for StackStr<N> {
    fn default() -> Self {
        StackStr { buf: [0; N], len: 0 }
    }
}

impl<const N: usize> StackStr<N> {
    fn as_str(&self) -> &str {
        core::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for StackStr<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
