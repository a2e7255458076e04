//! The client side: from a rejected request's status and challenges to the next step.

use core::fmt;
use core::iter::FusedIterator;

use signpost_challenge::{Challenge, Challenges, Leniency};
use signpost_error::{ErrorCode, Remedy, UsageLocation};
use signpost_scope::{Scope, ScopeToken, Tokens};
use signpost_syntax::Value;

use crate::field::{check_nonce, structured, FieldError, SpaceList};
use crate::flow::Flow;
use crate::guard::{Guard, Refusal};
use crate::union;
use crate::views::{check_issuer, error_of, get_flows, list_of, max_age_of, scope_of, SchemeKind};
use crate::ParseError;

/// The kind of a [`NextStep`], without its data: what the client did last time
/// ([`ClientState::previous`]) and the names of the JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Retry the request with another access token the client holds.
    RetryWithToken,
    /// Get a new access token with the refresh token (RFC 6749 §6).
    Refresh,
    /// Run a new authorization at the authorization server.
    Authorize,
    /// Run a new authorization that authenticates the user as asked (RFC 9470).
    StepUp,
    /// Retry with a DPoP proof that carries the server's nonce (RFC 9449 §9).
    RetryWithDpopNonce,
    /// Fix the request; repeating it unchanged fails again.
    FixRequest,
    /// Stop: nothing automatic will succeed.
    GiveUp,
}

impl Action {
    /// Every action, in declaration order.
    pub const ALL: [Action; 7] = [
        Action::RetryWithToken,
        Action::Refresh,
        Action::Authorize,
        Action::StepUp,
        Action::RetryWithDpopNonce,
        Action::FixRequest,
        Action::GiveUp,
    ];

    /// The snake_case name of the JSON contract (`"retry_with_dpop_nonce"`), spelled as
    /// `signpost_error::Remedy::as_str` spells the same remedies.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Action::RetryWithToken => "retry_with_token",
            Action::Refresh => "refresh",
            Action::Authorize => "authorize",
            Action::StepUp => "step_up",
            Action::RetryWithDpopNonce => "retry_with_dpop_nonce",
            Action::FixRequest => "fix_request",
            Action::GiveUp => "give_up",
        }
    }

    /// The action named `name` (as [`as_str`](Self::as_str) spells it).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the client should run its authorization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthServer<'a> {
    /// The authorization server the client already knows (its configuration). An `issuer`
    /// in the challenge was ignored (draft-parecki-oauth-authorization-server-discovery, Security Considerations: phishing).
    Known(&'a str),
    /// The protected-resource metadata URL of the challenge's `resource_metadata`
    /// (RFC 9728 §5.1), which passed the [`Guard`]: fetch it, then the authorization
    /// server it lists, checking `resource` (RFC 9728 §3.3).
    ResourceMetadata(&'a str),
    /// The issuer of the challenge's `issuer` (draft-parecki-oauth-authorization-server-discovery), which passed the [`Guard`]: fetch
    /// its metadata (RFC 8414 §3) and check `issuer` (§3.3).
    Issuer(&'a str),
    /// The challenge named nothing: probe the well-known URLs of the resource
    /// ([`ResourceId::probe`](crate::ResourceId::probe), MCP 2025-11-25).
    Discover,
}

/// The scope to ask for: the union of the scope the client was granted or asked for before
/// and the scope of the challenge (MCP 2026-07-28: "the union of the client's previously
/// requested scope set and the scopes from the current challenge"), without duplicates,
/// the held tokens first. It borrows both and needs no storage.
///
/// ```
/// use signpost_oauth::ScopeUnion;
/// use signpost_oauth::Scope;
///
/// let union = ScopeUnion::new(Some(Scope::parse("files:read")?), Some(Scope::parse("files:read files:write")?));
/// assert_eq!(union.to_string(), "files:read files:write");
/// assert!(union.is_wider_than_held()); // so a refresh cannot give it (RFC 6749 §6)
/// # Ok::<(), signpost_oauth::ScopeError>(())
/// ```
///
/// # Cost and limit
///
/// The server chooses the challenge's scope, and HTTP clients accept headers of several
/// megabytes, so the duplicate check must not compare each token with the ones before it.
/// [`iter`](Self::iter) and [`is_wider_than_held`](Self::is_wider_than_held) sort the
/// tokens of both sides by their bytes in a table on the stack (a merge sort of 32-bit
/// keys, 4 KiB for the two arrays, no allocation): at most (n + k)·⌈log2 k⌉ bytes read for
/// n bytes and k tokens, whatever the tokens are, with no hash an attacker could collide.
/// A union of at most 16 tokens in all is checked pair by pair instead (at most
/// 15·(n + k) bytes read, and cheaper than the sort at that size).
/// The table holds [`MAX_TOKENS`](Self::MAX_TOKENS) tokens a side. A union with a side
/// over it ([`is_over_limit`](Self::is_over_limit)) is not deduplicated: its iterator
/// yields every token of both sides, in linear time (the same set, with repeats, which
/// the grammar of RFC 6749 §3.3 allows), and `is_wider_than_held` answers `true` (a new
/// authorization is always a valid answer, a refresh may not be).
/// [`ClientState::decide`] never builds such a union from a challenge: a `scope` of more
/// than `MAX_TOKENS` tokens is refused (`GiveUp`, the field error of `scope`).
///
/// A union that [`ClientState::decide`] checked for duplicates (it needs the answer of
/// `is_wider_than_held` for a client that holds a refresh token) keeps what it found:
/// `iter`, `write_to` and `is_wider_than_held` then read that instead of checking again
/// (for a union of at most 64 tokens in all; a larger one keeps whether it is wider, and its
/// iterator checks again). A union made with [`new`](Self::new) checks on each call.
#[derive(Clone, Copy)]
pub struct ScopeUnion<'a> {
    held: Option<Scope<'a>>,
    challenge: Option<Scope<'a>>,
    /// What the duplicate check found, once made; `None` not made yet.
    seen: Option<Kept>,
}

/// What a [`ScopeUnion`] keeps of its duplicate check: small, since every step carries it.
#[derive(Clone, Copy)]
enum Kept {
    /// A side over the limit: no deduplication, wider.
    Over,
    /// At most 64 tokens in all: every first occurrence, and whether it is wider.
    Few { first: u64, wider: bool },
    /// More: whether it is wider; the iterator checks again (unions this large are rare:
    /// a challenge names a handful of tokens).
    Many { wider: bool },
}

impl PartialEq for ScopeUnion<'_> {
    /// Two unions are equal when their sides are (whether the check was kept or not).
    fn eq(&self, other: &Self) -> bool {
        self.held == other.held && self.challenge == other.challenge
    }
}

impl Eq for ScopeUnion<'_> {}

impl fmt::Debug for ScopeUnion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopeUnion")
            .field("held", &self.held)
            .field("challenge", &self.challenge)
            .finish()
    }
}

impl<'a> ScopeUnion<'a> {
    /// The most tokens of each side that the union deduplicates (see "Cost and limit").
    pub const MAX_TOKENS: usize = union::MAX_TOKENS;

    /// The union of `held` and `challenge`.
    pub const fn new(held: Option<Scope<'a>>, challenge: Option<Scope<'a>>) -> Self {
        ScopeUnion { held, challenge, seen: None }
    }

    /// The union of `held` and `challenge`, checked for duplicates now, once: what
    /// [`ClientState::decide`] builds.
    fn checked(held: Option<Scope<'a>>, challenge: Option<Scope<'a>>) -> Self {
        let count = held.map_or(0, |s| s.len()) + challenge.map_or(0, |s| s.len());
        let kept = match union::first_seen(held, challenge) {
            None => Kept::Over,
            Some(seen) if count <= 64 => Kept::Few { first: seen.low_word(), wider: seen.wider() },
            Some(seen) => Kept::Many { wider: seen.wider() },
        };
        ScopeUnion { held, challenge, seen: Some(kept) }
    }

    /// The first occurrences: the kept check, else a new one.
    fn marks(&self) -> Marks {
        match self.seen {
            Some(Kept::Over) => Marks::All,
            Some(Kept::Few { first, .. }) => Marks::Few(first),
            _ => union::first_seen(self.held, self.challenge).map_or(Marks::All, Marks::Many),
        }
    }

    /// The scope the client held (granted or requested before).
    pub const fn held(&self) -> Option<Scope<'a>> {
        self.held
    }

    /// The scope of the challenge.
    pub const fn challenge(&self) -> Option<Scope<'a>> {
        self.challenge
    }

    /// The tokens of the union, each once: the held ones in order, then the new ones.
    ///
    /// It sorts the tokens first (O(n log k), see "Cost and limit"); keep the iterator, or
    /// clone it, rather than call `iter` again for each pass. Over the limit, every token
    /// of both sides, in order.
    pub fn iter(&self) -> ScopeUnionIter<'a> {
        ScopeUnionIter {
            held_tokens: self.held.map(|s| s.iter()),
            challenge_tokens: self.challenge.map(|s| s.iter()),
            marks: self.marks(),
            index: 0,
        }
    }

    /// Whether a side has more than [`MAX_TOKENS`](Self::MAX_TOKENS) tokens (or more than
    /// 2 GiB of text): the union is then not deduplicated ("Cost and limit").
    pub fn is_over_limit(&self) -> bool {
        union::over_limit(self.held) || union::over_limit(self.challenge)
    }

    /// Whether there is no token at all (then the client omits `scope`).
    pub fn is_empty(&self) -> bool {
        self.held.is_none() && self.challenge.is_none()
    }

    /// Whether the challenge asks for a token the client does not hold: the union is then a
    /// strict superset of what was granted, which a refresh cannot give (RFC 6749 §6).
    ///
    /// O(n log k) like [`iter`](Self::iter); `true` over the limit.
    pub fn is_wider_than_held(&self) -> bool {
        match (self.challenge, self.held) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(_), Some(_)) => match self.seen {
                Some(Kept::Over) => true,
                Some(Kept::Few { wider, .. } | Kept::Many { wider }) => wider,
                None => union::first_seen(self.held, self.challenge).map_or(true, |s| s.wider()),
            },
        }
    }

    /// The `scope` of the authorization request, by MCP's scope selection strategy
    /// (MCP 2025-11-25, "Scope Selection Strategy"): this union when it has a token (the
    /// challenge's `scope`, with the scope held), else every value of the protected-resource
    /// metadata's `scopes_supported` (RFC 9728 §2) when it lists any, else none: the
    /// request omits `scope`.
    ///
    /// ```
    /// use signpost_oauth::{Scope, ScopeRequest, ScopeUnion};
    ///
    /// let supported = ["files:read", "files:write", "admin"];
    /// let challenged = ScopeUnion::new(None, Some(Scope::parse("files:read")?));
    /// assert_eq!(challenged.or_supported(Some(&supported[..])).to_string(), "files:read");
    /// let bare = ScopeUnion::new(None, None);
    /// assert_eq!(bare.or_supported(Some(&supported[..])).to_string(), "files:read files:write admin");
    /// assert_eq!(bare.or_supported::<&str>(None), ScopeRequest::Omit);
    /// # Ok::<(), signpost_oauth::ScopeError>(())
    /// ```
    ///
    /// With the `serde` feature, pass `metadata.scopes_supported.as_deref()` of a
    /// `ResourceMetadata`.
    pub fn or_supported<'s, T: AsRef<str>>(
        self,
        scopes_supported: Option<&'s [T]>,
    ) -> ScopeRequest<'a, 's, T> {
        match scopes_supported {
            _ if !self.is_empty() => ScopeRequest::Union(self),
            Some(list) if !list.is_empty() => ScopeRequest::Supported(list),
            _ => ScopeRequest::Omit,
        }
    }

    /// Writes the tokens, separated by SP.
    ///
    /// # Errors
    ///
    /// Only when `out` fails.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                out.write_char(' ')?;
            }
            out.write_str(t.as_str())?;
        }
        Ok(())
    }
}

impl fmt::Display for ScopeUnion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl<'a> IntoIterator for ScopeUnion<'a> {
    type Item = ScopeToken<'a>;
    type IntoIter = ScopeUnionIter<'a>;

    fn into_iter(self) -> ScopeUnionIter<'a> {
        self.iter()
    }
}

/// The `scope` an authorization request carries, chosen by [`ScopeUnion::or_supported`]:
/// the challenge's scope (with the scope held) wins over the resource metadata's
/// `scopes_supported`, which wins over none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeRequest<'a, 's, T> {
    /// The union of the scope held and the challenge's scope.
    Union(ScopeUnion<'a>),
    /// Every value of the resource metadata's `scopes_supported`, in its order.
    Supported(&'s [T]),
    /// No `scope` parameter at all.
    Omit,
}

impl<T: AsRef<str>> ScopeRequest<'_, '_, T> {
    /// Whether the request omits `scope`.
    pub fn is_omitted(&self) -> bool {
        matches!(self, ScopeRequest::Omit)
    }

    /// Writes the `scope` value (the values separated by SP; nothing for
    /// [`Omit`](ScopeRequest::Omit)).
    ///
    /// # Errors
    ///
    /// Only when `out` fails.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self {
            ScopeRequest::Union(union) => union.write_to(out),
            ScopeRequest::Supported(list) => {
                for (i, value) in list.iter().enumerate() {
                    if i > 0 {
                        out.write_char(' ')?;
                    }
                    out.write_str(value.as_ref())?;
                }
                Ok(())
            }
            ScopeRequest::Omit => Ok(()),
        }
    }
}

impl<T: AsRef<str>> fmt::Display for ScopeRequest<'_, '_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// The tokens of a [`ScopeUnion`].
#[derive(Clone, Debug)]
pub struct ScopeUnionIter<'a> {
    held_tokens: Option<Tokens<'a>>,
    challenge_tokens: Option<Tokens<'a>>,
    /// Which tokens are first occurrences.
    marks: Marks,
    /// The number of the next token, held ones first.
    index: usize,
}

/// Which tokens of a union (held ones first) a [`ScopeUnionIter`] yields.
#[derive(Clone, Copy, Debug)]
enum Marks {
    /// Every token: a side over the limit.
    All,
    /// The first occurrences among at most 64 tokens, a bit each: the usual union, built
    /// without the table.
    Few(u64),
    /// The first occurrences, from the table.
    Many(union::FirstSeen),
}

impl Marks {
    fn is_first(&self, index: usize) -> bool {
        match self {
            Marks::All => true,
            Marks::Few(first) => index < 64 && first & (1 << index) != 0,
            Marks::Many(seen) => seen.is_first(index),
        }
    }
}

impl<'a> Iterator for ScopeUnionIter<'a> {
    type Item = ScopeToken<'a>;

    fn next(&mut self) -> Option<ScopeToken<'a>> {
        let sides = [self.held_tokens.as_mut(), self.challenge_tokens.as_mut()];
        for tokens in sides.into_iter().flatten() {
            for t in tokens.by_ref() {
                let i = self.index;
                self.index += 1;
                if self.marks.is_first(i) {
                    return Some(t);
                }
            }
        }
        None
    }
}

impl FusedIterator for ScopeUnionIter<'_> {}

/// Why the client should fix its request or give up; `Display` says it in words.
///
/// ```
/// use signpost_oauth::{ClientState, NextStep};
///
/// let lines: [&[u8]; 1] = [br#"Bearer resource_metadata="https://127.0.0.1/.well-known/oauth-protected-resource""#];
/// let decision = ClientState::new().decide(401, &lines, None);
/// match decision.step() {
///     NextStep::GiveUp { reason, .. } => {
///         assert_eq!(reason.to_string(), "resource_metadata refused: loopback address");
///         assert_eq!(reason.refusal(), Some(signpost_oauth::Refusal::Loopback));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reason<'a>(pub(crate) Why<'a>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why<'a> {
    ServerSaid { status: u16, code: Option<ErrorCode<'a>>, description: Option<Value<'a>> },
    Attempts(u32),
    Repeated { action: Action, times: u32 },
    NonceAgain,
    NonceRejected,
    NoNonce,
    Field(FieldError),
    Malformed(ParseError),
    Refused { param: &'static str, refusal: Refusal },
    DpopOnly,
    NoOAuthChallenge,
    NotAFailure(u16),
}

impl<'a> Reason<'a> {
    /// The `error` code the server sent, when the reason is the server's word.
    pub const fn code(&self) -> Option<ErrorCode<'a>> {
        match self.0 {
            Why::ServerSaid { code, .. } => code,
            _ => None,
        }
    }

    /// The server's `error_description`, when it sent one.
    pub const fn description(&self) -> Option<Value<'a>> {
        match self.0 {
            Why::ServerSaid { description, .. } => description,
            _ => None,
        }
    }

    /// The guard's refusal, when a server-given URL was refused.
    pub const fn refusal(&self) -> Option<Refusal> {
        match self.0 {
            Why::Refused { refusal, .. } => Some(refusal),
            _ => None,
        }
    }

    /// The field that broke its rule, when a challenge field (or `DPoP-Nonce`) was invalid.
    pub const fn field_error(&self) -> Option<FieldError> {
        match self.0 {
            Why::Field(e) => Some(e),
            _ => None,
        }
    }

    /// The parse error, when `WWW-Authenticate` was malformed and no usable challenge was
    /// left.
    pub const fn parse_error(&self) -> Option<ParseError> {
        match self.0 {
            Why::Malformed(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Why::ServerSaid { status, code, description } => {
                match code {
                    Some(code) => f.write_str(code.as_str())?,
                    None => write!(f, "status {status}")?,
                }
                match description {
                    Some(d) => write!(f, ": {d}"),
                    None => Ok(()),
                }
            }
            Why::Attempts(n) => write!(f, "gave up after {n} attempts"),
            Why::Repeated { action, times } => {
                write!(f, "gave up after {times} {action} steps in a row")
            }
            Why::NonceRejected => f.write_str(
                "the server sent again the DPoP nonce it had just rejected (DPoP-Nonce repeats the proof's nonce)",
            ),
            Why::NonceAgain => {
                f.write_str("the server asked for a DPoP nonce again right after a retry with one")
            }
            Why::NoNonce => f.write_str("use_dpop_nonce without a DPoP-Nonce header"),
            Why::Field(e) => fmt::Display::fmt(e, f),
            Why::Malformed(e) => write!(f, "malformed WWW-Authenticate: {e}"),
            Why::Refused { param, refusal } => write!(f, "{param} refused: {refusal}"),
            Why::DpopOnly => {
                f.write_str("the resource accepts DPoP only, and the client does not use DPoP")
            }
            Why::NoOAuthChallenge => f.write_str("no Bearer, DPoP or OAuth2 challenge to follow"),
            Why::NotAFailure(s) => write!(f, "status {s} is not an authentication failure"),
        }
    }
}

/// What the client should do next about a rejected request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextStep<'a> {
    /// Retry with another access token the client holds, one that carries `scope` (rule
    /// #1 of the 2011 `OAuth2` challenge proposal).
    #[non_exhaustive]
    RetryWithToken {
        /// The scope the other token must carry, when the challenge named one.
        scope: Option<Scope<'a>>,
    },
    /// Get a new access token with the refresh token (RFC 6749 §6), then retry; if the
    /// refresh fails, run a new authorization.
    Refresh,
    /// Run a new authorization at `server`, asking for `scope`.
    #[non_exhaustive]
    Authorize {
        /// Where.
        server: AuthServer<'a>,
        /// What to ask for; when it is empty, [`ScopeUnion::or_supported`] picks the
        /// resource metadata's `scopes_supported`, or no `scope` at all.
        scope: ScopeUnion<'a>,
    },
    /// Run a new authorization at `server` that authenticates the user as asked
    /// (RFC 9470 §4: pass `acr_values` and `max_age` in the authorization request).
    #[non_exhaustive]
    StepUp {
        /// Where.
        server: AuthServer<'a>,
        /// What to ask for.
        scope: ScopeUnion<'a>,
        /// The acceptable authentication context classes, in order of preference.
        acr_values: Option<SpaceList<'a>>,
        /// The largest acceptable age of the user's authentication, in seconds.
        max_age: Option<u64>,
    },
    /// Retry with a DPoP proof whose `nonce` claim is `nonce` (RFC 9449 §9).
    #[non_exhaustive]
    RetryWithDpopNonce {
        /// The `DPoP-Nonce` header value.
        nonce: &'a str,
    },
    /// Fix the request (or the DPoP proof) before sending it again.
    #[non_exhaustive]
    FixRequest {
        /// What the server said.
        reason: Reason<'a>,
    },
    /// Stop.
    #[non_exhaustive]
    GiveUp {
        /// Why.
        reason: Reason<'a>,
    },
}

impl<'a> NextStep<'a> {
    /// The step's kind.
    pub const fn action(&self) -> Action {
        match self {
            NextStep::RetryWithToken { .. } => Action::RetryWithToken,
            NextStep::Refresh => Action::Refresh,
            NextStep::Authorize { .. } => Action::Authorize,
            NextStep::StepUp { .. } => Action::StepUp,
            NextStep::RetryWithDpopNonce { .. } => Action::RetryWithDpopNonce,
            NextStep::FixRequest { .. } => Action::FixRequest,
            NextStep::GiveUp { .. } => Action::GiveUp,
        }
    }

    /// The reason of a [`FixRequest`](NextStep::FixRequest) or [`GiveUp`](NextStep::GiveUp).
    pub const fn reason(&self) -> Option<Reason<'a>> {
        match self {
            NextStep::FixRequest { reason } | NextStep::GiveUp { reason } => Some(*reason),
            _ => None,
        }
    }

    fn give_up(why: Why<'a>) -> Self {
        NextStep::GiveUp { reason: Reason(why) }
    }
}

/// The outcome of [`ClientState::decide`]: the next step, and the challenge it follows.
#[derive(Clone, Copy, Debug)]
pub struct Decision<'a> {
    step: NextStep<'a>,
    challenge: Option<Challenge<'a>>,
    parse_error: Option<ParseError>,
}

impl<'a> Decision<'a> {
    /// The next step.
    pub const fn step(&self) -> NextStep<'a> {
        self.step
    }

    /// The challenge the step follows (`None` when no challenge was usable).
    pub const fn challenge(&self) -> Option<Challenge<'a>> {
        self.challenge
    }

    /// The first malformed challenge that was skipped, if any.
    pub const fn parse_error(&self) -> Option<ParseError> {
        self.parse_error
    }

    /// The scheme of the challenge the step follows, as a value.
    pub fn scheme(&self) -> Option<SchemeKind> {
        self.challenge.as_ref().and_then(SchemeKind::of)
    }
}

/// What a client holds and has done, to decide what to do about a rejected request.
///
/// ```
/// use signpost_oauth::{AuthServer, ClientState, NextStep};
/// use signpost_oauth::Scope;
///
/// // MCP 2025-11-25: a 403 asks for more scope than the token has.
/// let lines: [&[u8]; 1] = [br#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#];
/// let state = ClientState::new()
///     .sent_token(true)
///     .scope(Scope::parse("files:read")?)
///     .holds_refresh_token(true);
/// match state.decide(403, &lines, None).step() {
///     NextStep::Authorize { server, scope, .. } => {
///         assert_eq!(server, AuthServer::ResourceMetadata("https://mcp.example.com/.well-known/oauth-protected-resource"));
///         assert_eq!(scope.to_string(), "files:read files:write");
///         // Not a refresh: a refresh grant cannot widen scope (RFC 6749 §6).
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), signpost_oauth::ScopeError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ClientState<'a> {
    sent_token: bool,
    scope: Option<Scope<'a>>,
    other_tokens: bool,
    refresh_token: bool,
    issuer: Option<&'a str>,
    dpop: bool,
    attempts: u32,
    max_attempts: u32,
    previous: Option<Action>,
    repeats: u32,
    max_repeats: u32,
    sent_nonce: Option<&'a [u8]>,
    guard: Guard,
    leniency: Leniency,
}

impl Default for ClientState<'_> {
    fn default() -> Self {
        ClientState::new()
    }
}

/// The challenges of one response, sorted by scheme.
#[derive(Default)]
struct Picked<'a> {
    bearer: Option<Challenge<'a>>,
    dpop: Option<Challenge<'a>>,
    oauth2: Option<Challenge<'a>>,
    other: bool,
    error: Option<ParseError>,
}

impl<'a> Picked<'a> {
    fn offer(&mut self, c: Challenge<'a>) {
        let slot = match SchemeKind::of(&c) {
            Some(SchemeKind::Bearer) => &mut self.bearer,
            Some(SchemeKind::Dpop) => &mut self.dpop,
            Some(SchemeKind::OAuth2) => &mut self.oauth2,
            None => {
                self.other = true;
                return;
            }
        };
        // Among several challenges of one scheme, the first one that carries `error` wins,
        // else the first one.
        match slot {
            None => *slot = Some(c),
            Some(old) if old.param("error").is_none() && c.param("error").is_some() => {
                *slot = Some(c);
            }
            Some(_) => {}
        }
    }

    /// The OAuth challenges other than the chosen one, which may carry a discovery URL it
    /// lacks.
    fn others(&self, chosen: &Challenge<'a>) -> impl Iterator<Item = &Challenge<'a>> {
        let at = chosen.offset();
        let rest = [&self.bearer, &self.dpop, &self.oauth2];
        rest.into_iter().flatten().filter(move |c| c.offset() != at)
    }
}

/// The client's remedy, as a path through [`ClientState::decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    NoToken,
    Fix,
    Refresh,
    Authorize,
    OtherToken,
    RequestScope,
    StepUp,
    Nonce,
    GiveUp,
}

fn path_of(remedy: Remedy) -> Path {
    match remedy {
        Remedy::FixRequest => Path::Fix,
        Remedy::RetryWithAnotherToken => Path::OtherToken,
        Remedy::Refresh => Path::Refresh,
        Remedy::Authorize => Path::Authorize,
        Remedy::StepUp => Path::StepUp,
        Remedy::RequestScope => Path::RequestScope,
        Remedy::RetryWithDpopNonce => Path::Nonce,
        _ => Path::GiveUp,
    }
}

fn remedy_at_resource(code: ErrorCode<'_>) -> Option<Remedy> {
    let at = |e: &&signpost_error::Entry| e.location() == UsageLocation::ResourceAccess;
    code.entries()
        .iter()
        .find(at)
        .or_else(|| code.unregistered_entries().iter().find(at))
        .map(|e| e.remedy())
}

impl<'a> ClientState<'a> {
    /// The default cap on steps of one kind in a row ([`max_repeats`](Self::max_repeats)):
    /// after 2 failed steps of the same kind (two authorizations, two nonce retries...), the
    /// third one is not taken: `GiveUp`.
    pub const MAX_REPEATS: u32 = 2;

    /// A client that sent no token, holds nothing, does not use DPoP, knows no
    /// authorization server, is on its first attempt (of at most 3), uses the strict
    /// [`Guard`] and parses with [`Leniency::RECOVER`] (a bad challenge is skipped, not
    /// fatal).
    pub const fn new() -> Self {
        ClientState {
            sent_token: false,
            scope: None,
            other_tokens: false,
            refresh_token: false,
            issuer: None,
            dpop: false,
            attempts: 0,
            max_attempts: 3,
            previous: None,
            repeats: 0,
            max_repeats: ClientState::MAX_REPEATS,
            sent_nonce: None,
            guard: Guard::new(),
            leniency: Leniency::RECOVER,
        }
    }

    /// Whether the rejected request carried an access token (a 401 without `error` then
    /// means the token is invalid, not that one is missing).
    #[must_use]
    pub const fn sent_token(mut self, sent: bool) -> Self {
        self.sent_token = sent;
        self
    }

    /// The scope the client was granted (or asked for) before; the union with a
    /// challenge's scope is what it asks for next.
    #[must_use]
    pub const fn scope(mut self, scope: Scope<'a>) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Whether the client holds other access tokens (for other scopes or audiences) that it
    /// could present instead.
    #[must_use]
    pub const fn holds_other_tokens(mut self, holds: bool) -> Self {
        self.other_tokens = holds;
        self
    }

    /// Whether the client holds a refresh token.
    #[must_use]
    pub const fn holds_refresh_token(mut self, holds: bool) -> Self {
        self.refresh_token = holds;
        self
    }

    /// The issuer of the authorization server the client already knows; an `issuer` in a
    /// challenge is then ignored (draft-parecki-oauth-authorization-server-discovery, Security Considerations: phishing).
    #[must_use]
    pub const fn issuer(mut self, issuer: &'a str) -> Self {
        self.issuer = Some(issuer);
        self
    }

    /// Whether the client uses DPoP; it then follows the `DPoP` challenge when there is
    /// one.
    #[must_use]
    pub const fn uses_dpop(mut self, uses: bool) -> Self {
        self.dpop = uses;
        self
    }

    /// How many times the request has been retried already.
    #[must_use]
    pub const fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The most retries before giving up (default 3).
    #[must_use]
    pub const fn max_attempts(mut self, max: u32) -> Self {
        self.max_attempts = max;
        self
    }

    /// The step the client took before this response (once; see
    /// [`repeated`](Self::repeated)): a `use_dpop_nonce` right after
    /// [`Action::RetryWithDpopNonce`] gives up unless the client says which nonce it sent
    /// ([`sent_dpop_nonce`](Self::sent_dpop_nonce)), an `invalid_token` right after
    /// [`Action::Refresh`] does not refresh again, an `insufficient_scope` right after
    /// [`Action::RetryWithToken`] does not try another token again.
    #[must_use]
    pub const fn previous(mut self, action: Action) -> Self {
        self.previous = Some(action);
        if self.repeats == 0 {
            self.repeats = 1;
        }
        self
    }

    /// How many times in a row, up to this response, the client took the
    /// [`previous`](Self::previous) step (1 when only `previous` is set): with as many as
    /// [`max_repeats`](Self::max_repeats), a step of that kind again is not taken (`GiveUp`).
    #[must_use]
    pub const fn repeated(mut self, times: u32) -> Self {
        self.repeats = times;
        self
    }

    /// The most steps of one kind in a row (default [`MAX_REPEATS`](Self::MAX_REPEATS)).
    /// It caps the loops the per-kind rules leave open: a server that answers every new
    /// authorization with the same `insufficient_scope`, or every proof with a fresh
    /// `DPoP-Nonce`.
    #[must_use]
    pub const fn max_repeats(mut self, max: u32) -> Self {
        self.max_repeats = max;
        self
    }

    /// The `nonce` claim of the DPoP proof the rejected request carried (RFC 9449 §8, §9).
    /// A `use_dpop_nonce` whose `DPoP-Nonce` is that same nonce gives up: the server
    /// rejected the nonce it gave, and a retry with it fails again. A different nonce (the
    /// server rotated it) is retried, once per nonce, even right after a retry.
    #[must_use]
    pub const fn sent_dpop_nonce(mut self, nonce: &'a [u8]) -> Self {
        self.sent_nonce = Some(nonce);
        self
    }

    /// The guard for server-given URLs (`resource_metadata`, `issuer`); default
    /// [`Guard::new`].
    #[must_use]
    pub const fn guard(mut self, guard: Guard) -> Self {
        self.guard = guard;
        self
    }

    /// The leniency of the challenge parser (default [`Leniency::RECOVER`]).
    #[must_use]
    pub const fn leniency(mut self, leniency: Leniency) -> Self {
        self.leniency = leniency;
        self
    }

    /// Decides the next step from the response's status, every `WWW-Authenticate` field
    /// line (in order, as received) and the `DPoP-Nonce` header, if any.
    ///
    /// The challenge followed is the `DPoP` one when the client uses DPoP and there is one,
    /// else the `Bearer` one, else the `OAuth2` one; other schemes (`Basic`, `Negotiate`)
    /// are skipped, in any order and on any line. Its `error` decides the path, read from
    /// the IANA registry's remedy at the resource (`signpost_error`), then what the client
    /// holds decides the step. See the crate docs ("Client side") for every rule.
    pub fn decide(
        &self,
        status: u16,
        lines: &'a [&'a [u8]],
        dpop_nonce: Option<&'a [u8]>,
    ) -> Decision<'a> {
        let mut picked = Picked::default();
        for item in Challenges::from_lines(lines).with_leniency(self.leniency) {
            match item {
                Ok(c) => picked.offer(c),
                Err(e) => {
                    picked.error.get_or_insert(e);
                }
            }
        }
        let (step, challenge) = self.step(status, &picked, dpop_nonce);
        Decision { step: self.capped(step), challenge, parse_error: picked.error }
    }

    fn step(
        &self,
        status: u16,
        picked: &Picked<'a>,
        dpop_nonce: Option<&'a [u8]>,
    ) -> (NextStep<'a>, Option<Challenge<'a>>) {
        if !matches!(status, 400 | 401 | 403) {
            return (NextStep::give_up(Why::NotAFailure(status)), None);
        }
        if self.attempts >= self.max_attempts {
            return (NextStep::give_up(Why::Attempts(self.attempts)), None);
        }
        // By reference: a challenge is large, and only the chosen one is copied, once.
        let (bearer, dpop) = (picked.bearer.as_ref(), picked.dpop.as_ref());
        let preferred = if self.dpop { dpop.or(bearer) } else { bearer };
        let chosen = match (preferred, dpop, picked.oauth2.as_ref()) {
            (Some(c), _, _) => c,
            (None, Some(_), _) => return (NextStep::give_up(Why::DpopOnly), None),
            (None, None, Some(c)) => c,
            (None, None, None) => return (self.without_challenge(status, picked), None),
        };
        let step =
            self.follow(status, chosen, picked, dpop_nonce).unwrap_or_else(NextStep::give_up);
        (step, Some(*chosen))
    }

    /// `step`, unless it repeats the previous step as many times as allowed: then `GiveUp`.
    fn capped(&self, step: NextStep<'a>) -> NextStep<'a> {
        let action = step.action();
        if action != Action::GiveUp
            && self.previous == Some(action)
            && self.repeats >= self.max_repeats
        {
            return NextStep::give_up(Why::Repeated { action, times: self.repeats });
        }
        step
    }

    /// No Bearer, DPoP or OAuth2 challenge.
    fn without_challenge(&self, status: u16, picked: &Picked<'a>) -> NextStep<'a> {
        if let Some(e) = picked.error {
            return NextStep::give_up(Why::Malformed(e));
        }
        if picked.other {
            return NextStep::give_up(Why::NoOAuthChallenge);
        }
        let said = Reason(Why::ServerSaid { status, code: None, description: None });
        match status {
            // MCP 2025-11-25: a server may rely on the well-known URLs alone.
            401 => NextStep::Authorize {
                server: self.issuer.map_or(AuthServer::Discover, AuthServer::Known),
                scope: ScopeUnion::new(self.scope, None),
            },
            400 => NextStep::FixRequest { reason: said },
            _ => NextStep::GiveUp { reason: said },
        }
    }

    fn follow(
        &self,
        status: u16,
        c: &Challenge<'a>,
        picked: &Picked<'a>,
        dpop_nonce: Option<&'a [u8]>,
    ) -> Result<NextStep<'a>, Why<'a>> {
        let f = Fields::read(c);
        let code = error_of(f.error).map_err(Why::Field)?;
        let said =
            |status| Reason(Why::ServerSaid { status, code, description: f.error_description });
        let path = match code.and_then(remedy_at_resource) {
            Some(remedy) => path_of(remedy),
            None => match status {
                400 => Path::Fix,
                403 => Path::RequestScope,
                _ if code.is_none() && !self.sent_token => Path::NoToken,
                _ => Path::Refresh,
            },
        };
        let again = |action| self.previous == Some(action);
        Ok(match path {
            Path::Fix => NextStep::FixRequest { reason: said(status) },
            Path::GiveUp => NextStep::GiveUp { reason: said(status) },
            Path::Nonce => {
                let nonce = dpop_nonce.ok_or(Why::NoNonce)?;
                match self.sent_nonce {
                    // The server rejected the nonce it gave: once per nonce.
                    Some(sent) if sent == nonce => return Err(Why::NonceRejected),
                    // A new nonce (the server rotated it): retry with it.
                    Some(_) => {}
                    // Which nonce failed is unknown: one retry, not two in a row.
                    None if again(Action::RetryWithDpopNonce) => return Err(Why::NonceAgain),
                    None => {}
                }
                NextStep::RetryWithDpopNonce { nonce: check_nonce(nonce).map_err(Why::Field)? }
            }
            Path::NoToken | Path::OtherToken if self.other_tokens => {
                NextStep::RetryWithToken { scope: challenge_scope(f.scope)? }
            }
            Path::NoToken | Path::OtherToken | Path::Authorize => NextStep::Authorize {
                server: self.server(c, &f, picked)?,
                scope: ScopeUnion::new(self.scope, challenge_scope(f.scope)?),
            },
            Path::Refresh => {
                let scope = challenge_scope(f.scope)?;
                // A refresh cannot widen scope (RFC 6749 §6): a challenge that names a
                // scope the client does not hold (or may not hold: none known) needs a new
                // authorization.
                let union = self.union(scope);
                if self.refresh_token
                    && !union.is_wider_than_held()
                    && !again(Action::Refresh)
                    && refresh_allowed(picked)
                {
                    NextStep::Refresh
                } else {
                    NextStep::Authorize { server: self.server(c, &f, picked)?, scope: union }
                }
            }
            Path::RequestScope => {
                let scope = challenge_scope(f.scope)?;
                if scope.is_none() && code != Some(ErrorCode::INSUFFICIENT_SCOPE) {
                    return Ok(NextStep::GiveUp { reason: said(status) });
                }
                if self.other_tokens && scope.is_some() && !again(Action::RetryWithToken) {
                    return Ok(NextStep::RetryWithToken { scope });
                }
                let union = self.union(scope);
                if self.refresh_token
                    && self.scope.is_some()
                    && !union.is_wider_than_held()
                    && !again(Action::Refresh)
                    && refresh_allowed(picked)
                {
                    NextStep::Refresh
                } else {
                    NextStep::Authorize { server: self.server(c, &f, picked)?, scope: union }
                }
            }
            Path::StepUp => NextStep::StepUp {
                server: self.server(c, &f, picked)?,
                scope: ScopeUnion::new(self.scope, challenge_scope(f.scope)?),
                acr_values: list_of("acr_values", f.acr_values).map_err(Why::Field)?,
                max_age: max_age_of(f.max_age).map_err(Why::Field)?,
            },
        })
    }

    /// The union of the held scope and `challenge`: checked now when the client may refresh
    /// (the refresh rule needs `is_wider_than_held`, and the union keeps what it found for
    /// the caller's `iter`), else left to the caller's `iter`: one check either way.
    fn union(&self, challenge: Option<Scope<'a>>) -> ScopeUnion<'a> {
        if self.refresh_token {
            ScopeUnion::checked(self.scope, challenge)
        } else {
            ScopeUnion::new(self.scope, challenge)
        }
    }

    /// Where to authorize: the known server, else `resource_metadata`, else `issuer`
    /// (each from the chosen challenge `c`, whose fields are `f`, else from another OAuth
    /// challenge of the response), guarded; else discovery.
    fn server(
        &self,
        c: &Challenge<'a>,
        f: &Fields<'a>,
        picked: &Picked<'a>,
    ) -> Result<AuthServer<'a>, Why<'a>> {
        if let Some(known) = self.issuer {
            return Ok(AuthServer::Known(known));
        }
        let found = |own: Option<Value<'a>>, param| {
            own.or_else(|| picked.others(c).find_map(|other| other.param(param)))
        };
        if let Some(value) = found(f.resource_metadata, "resource_metadata") {
            const PARAM: &str = "resource_metadata";
            let text = structured(PARAM, value).map_err(Why::Field)?;
            // One parse of the URL: the guard's is the field's check (an absolute URI).
            return match self.guard.check(text) {
                Ok(_) => Ok(AuthServer::ResourceMetadata(text)),
                Err(Refusal::Malformed(e)) => Err(Why::Field(FieldError::new(PARAM, e))),
                Err(refusal) => Err(Why::Refused { param: PARAM, refusal }),
            };
        }
        if let Some(value) = found(f.issuer, "issuer") {
            const PARAM: &str = "issuer";
            let text = structured(PARAM, value).map_err(Why::Field)?;
            check_issuer(PARAM, text).map_err(Why::Field)?;
            return match self.guard.check(text) {
                Ok(_) => Ok(AuthServer::Issuer(text)),
                Err(refusal) => Err(Why::Refused { param: PARAM, refusal }),
            };
        }
        Ok(AuthServer::Discover)
    }
}

/// The fields of the followed challenge that a decision reads, found in one walk over its
/// params (`Challenge::param_values`) rather than one walk per field.
struct Fields<'a> {
    error: Option<Value<'a>>,
    error_description: Option<Value<'a>>,
    scope: Option<Value<'a>>,
    resource_metadata: Option<Value<'a>>,
    issuer: Option<Value<'a>>,
    acr_values: Option<Value<'a>>,
    max_age: Option<Value<'a>>,
}

impl<'a> Fields<'a> {
    fn read(c: &Challenge<'a>) -> Fields<'a> {
        let [error, error_description, scope, resource_metadata, issuer, acr_values, max_age] = c
            .param_values([
                "error",
                "error_description",
                "scope",
                "resource_metadata",
                "issuer",
                "acr_values",
                "max_age",
            ]);
        Fields { error, error_description, scope, resource_metadata, issuer, acr_values, max_age }
    }
}

/// The `scope` of a challenge; one of more than [`ScopeUnion::MAX_TOKENS`] tokens is
/// refused, so that no union the client builds goes over the limit.
fn challenge_scope(value: Option<Value<'_>>) -> Result<Option<Scope<'_>>, Why<'_>> {
    match scope_of(value).map_err(Why::Field)? {
        Some(scope) if union::over_limit(Some(scope)) => Err(Why::Field(union::too_many(scope))),
        scope => Ok(scope),
    }
}

/// Whether the `OAuth2` challenge, if any, allows a refresh (no `OAuth2` challenge, or
/// one whose `flows` is unreadable, says nothing against it).
fn refresh_allowed(picked: &Picked<'_>) -> bool {
    match picked.oauth2.map(|c| get_flows(&c)) {
        Some(Ok(Some(flows))) => flows.contains(Flow::REFRESH),
        _ => true,
    }
}
