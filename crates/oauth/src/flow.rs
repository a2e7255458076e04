//! The flows of the `OAuth2` challenge (`docs/oauth2-scheme.md`, the 2011 `OAuth2` challenge proposal).

use core::fmt;
use core::iter::FusedIterator;

use crate::field::{check_list, FieldError, SpaceListIter};
use crate::url::Url;

/// An OAuth flow a client can run to fix a rejected request: a value of the `flows`
/// parameter of the `OAuth2` challenge (see `docs/oauth2-scheme.md`).
///
/// ```text
/// flow      = flow-name / absolute-URI            ; RFC 3986 §4.3
/// flow-name = "refresh" / "user-delegation" / "assertion"
///           / "client-credentials" / "device" / token
/// ```
///
/// The five names are constants; any other `token` or absolute URI (a grant type such as
/// `urn:ietf:params:oauth:grant-type:token-exchange`) is an extension flow that round-trips
/// unchanged. Like `http::Method`, the type is opaque: a new name is a new constant, never a
/// breaking change. Names are case-sensitive.
///
/// ```
/// use signpost_oauth::Flow;
///
/// assert_eq!(Flow::parse("refresh")?, Flow::REFRESH);
/// assert_eq!(Flow::REFRESH.grant_type(), Some("refresh_token"));
/// let exchange = Flow::parse("urn:ietf:params:oauth:grant-type:token-exchange")?;
/// assert!(exchange.is_extension());
/// assert_eq!(exchange.grant_type(), Some("urn:ietf:params:oauth:grant-type:token-exchange"));
/// assert!(Flow::parse("two words").is_err());
/// # Ok::<(), signpost_oauth::FieldError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Flow<'a>(&'a str);

const KNOWN: [&str; 5] =
    ["refresh", "user-delegation", "assertion", "client-credentials", "device"];

impl Flow<'static> {
    /// `refresh`: the refresh token grant (RFC 6749 §6) with the refresh token the client
    /// holds.
    pub const REFRESH: Flow<'static> = Flow("refresh");
    /// `user-delegation`: a new authorization with the user, the authorization code grant
    /// with PKCE (RFC 6749 §4.1, RFC 7636).
    pub const USER_DELEGATION: Flow<'static> = Flow("user-delegation");
    /// `assertion`: an assertion grant (RFC 7521; JWT RFC 7523, SAML RFC 7522).
    pub const ASSERTION: Flow<'static> = Flow("assertion");
    /// `client-credentials`: the client credentials grant (RFC 6749 §4.4).
    pub const CLIENT_CREDENTIALS: Flow<'static> = Flow("client-credentials");
    /// `device`: the device authorization grant (RFC 8628).
    pub const DEVICE: Flow<'static> = Flow("device");
}

impl<'a> Flow<'a> {
    /// Parses one flow: a `token` or an absolute URI (no fragment).
    ///
    /// # Errors
    ///
    /// A [`FieldError`] for the field `flows`: empty, or neither a token nor an absolute
    /// URI.
    pub fn parse(flow: &'a str) -> Result<Flow<'a>, FieldError> {
        check_flow(flow)?;
        Ok(Flow(flow))
    }

    /// The flow as written.
    pub const fn as_str(&self) -> &'a str {
        self.0
    }

    /// Whether the flow is not one of the five names this crate knows.
    pub fn is_extension(&self) -> bool {
        !KNOWN.contains(&self.0)
    }

    /// Whether the flow is an absolute URI (a grant type URI) rather than a name.
    pub fn is_uri(&self) -> bool {
        self.0.contains(':')
    }

    /// Whether the flow needs the user at the authorization server (`user-delegation`,
    /// `device`): only those can satisfy an RFC 9470 step-up.
    pub fn involves_user(&self) -> bool {
        *self == Flow::USER_DELEGATION || *self == Flow::DEVICE
    }

    /// The OAuth `grant_type` of the token request that ends the flow, when there is one:
    /// `refresh_token`, `authorization_code`, `client_credentials`, the device code URN,
    /// or the flow itself when it is a URI. `None` for `assertion` (JWT or SAML: the
    /// client knows which) and for unknown names.
    pub fn grant_type(&self) -> Option<&'a str> {
        match self.0 {
            "refresh" => Some("refresh_token"),
            "user-delegation" => Some("authorization_code"),
            "client-credentials" => Some("client_credentials"),
            "device" => Some("urn:ietf:params:oauth:grant-type:device_code"),
            other if self.is_uri() => Some(other),
            _ => None,
        }
    }
}

impl PartialEq for Flow<'_> {
    fn eq(&self, other: &Flow<'_>) -> bool {
        self.0 == other.0
    }
}

impl Eq for Flow<'_> {}

impl core::hash::Hash for Flow<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Debug for Flow<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flow({:?})", self.0)
    }
}

impl fmt::Display for Flow<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// `flow = token / absolute-URI`.
fn check_flow(flow: &str) -> Result<(), FieldError> {
    let b = flow.as_bytes();
    if b.is_empty() {
        return Err(FieldError::at("flows", b, 0, "expected a flow (a token or an absolute URI)"));
    }
    if signpost_syntax::is_token(b) {
        return Ok(());
    }
    match Url::parse(flow) {
        Ok(url) if url.fragment().is_none() => Ok(()),
        Ok(url) => {
            let at = url.as_str().len() - url.fragment().map_or(0, str::len) - 1;
            Err(FieldError::at("flows", b, at, "fragment in an absolute-URI flow"))
        }
        Err(_) => {
            let at = b.iter().position(|&c| !signpost_syntax::is_tchar(c)).unwrap_or(0);
            Err(FieldError::at("flows", b, at, "expected a flow (a token or an absolute URI)"))
        }
    }
}

/// The value of the `flows` parameter: the flows that can fix the error, most preferred
/// first, validated.
///
/// ```text
/// flows-param = "flows" BWS "=" BWS DQUOTE flow *( SP flow ) DQUOTE
/// ```
///
/// ```
/// use signpost_oauth::{Flow, OAuth2Challenge};
/// use signpost_oauth::Challenges;
///
/// let c = Challenges::new(br#"OAuth2 flows="refresh user-delegation", error="invalid_token""#)
///     .next().unwrap()?;
/// let flows = OAuth2Challenge::new(c).unwrap().flows().unwrap().unwrap();
/// assert_eq!(flows.iter().collect::<Vec<_>>(), [Flow::REFRESH, Flow::USER_DELEGATION]);
/// assert!(flows.contains(Flow::REFRESH));
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Flows<'a> {
    text: &'a str,
}

impl<'a> Flows<'a> {
    /// Checks a `flows` value: SP-separated flows, each a token or an absolute URI.
    ///
    /// # Errors
    ///
    /// The first element that breaks the rule, with its offset in `text`.
    pub fn parse(text: &'a str) -> Result<Flows<'a>, FieldError> {
        check_list("flows", text)?;
        let mut offset = 0;
        for flow in text.split(' ') {
            check_flow(flow).map_err(|e| {
                FieldError::from_parts("flows", e.message(), offset + e.offset(), e.found())
            })?;
            offset += flow.len() + 1;
        }
        Ok(Flows { text })
    }

    /// A value already checked (flows joined by one SP, at least one).
    #[cfg(feature = "alloc")]
    pub(crate) const fn trusted(text: &'a str) -> Flows<'a> {
        Flows { text }
    }

    /// The value as written.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The flows, most preferred first (unknown names included: a client skips the ones it
    /// cannot run).
    pub fn iter(&self) -> FlowIter<'a> {
        FlowIter { words: crate::field::SpaceList::trusted(self.text).iter() }
    }

    /// Whether `flow` is one of them.
    pub fn contains(&self, flow: Flow<'_>) -> bool {
        self.iter().any(|f| f == flow)
    }
}

/// The flows of a [`ChallengeParams`](crate::ChallengeParams): a slice of checked flows, or
/// (from an owned [`ServerContext`](crate::ServerContext)) a checked `flows` value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FlowSource<'a> {
    List(&'a [Flow<'a>]),
    #[cfg(feature = "alloc")]
    Joined(Flows<'a>),
}

impl<'a> FlowSource<'a> {
    /// The flows, in order.
    pub(crate) fn iter(self) -> FlowSourceIter<'a> {
        match self {
            FlowSource::List(list) => FlowSourceIter {
                list: list.iter(),
                #[cfg(feature = "alloc")]
                joined: None,
            },
            #[cfg(feature = "alloc")]
            FlowSource::Joined(flows) => {
                FlowSourceIter { list: [].iter(), joined: Some(flows.iter()) }
            }
        }
    }
}

/// The flows of a [`FlowSource`]: without `alloc`, a slice iterator and nothing more.
pub(crate) struct FlowSourceIter<'a> {
    list: core::slice::Iter<'a, Flow<'a>>,
    #[cfg(feature = "alloc")]
    joined: Option<FlowIter<'a>>,
}

impl<'a> Iterator for FlowSourceIter<'a> {
    type Item = Flow<'a>;

    fn next(&mut self) -> Option<Flow<'a>> {
        #[cfg(feature = "alloc")]
        if let Some(joined) = &mut self.joined {
            return joined.next();
        }
        self.list.next().copied()
    }
}

impl fmt::Debug for Flows<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for Flows<'a> {
    type Item = Flow<'a>;
    type IntoIter = FlowIter<'a>;

    fn into_iter(self) -> FlowIter<'a> {
        self.iter()
    }
}

/// The flows of a [`Flows`] value, in order.
#[derive(Clone, Debug)]
pub struct FlowIter<'a> {
    words: SpaceListIter<'a>,
}

impl<'a> Iterator for FlowIter<'a> {
    type Item = Flow<'a>;

    fn next(&mut self) -> Option<Flow<'a>> {
        self.words.next().map(Flow)
    }
}

impl FusedIterator for FlowIter<'_> {}
