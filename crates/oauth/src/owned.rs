//! The owned forms of the client's answer (feature `alloc`): a [`NextStep`] and a
//! [`Decision`](crate::Decision) that outlive the response they were read from.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use signpost_error::ErrorCode;
use signpost_scope::Scope;
use signpost_syntax::Value;

use crate::client::{Action, AuthServer, Decision, NextStep, Reason, ScopeUnion, Why};
use crate::field::SpaceList;
use crate::views::SchemeKind;
use crate::ParseError;

/// A [`NextStep`] that owns its text (feature `alloc`): made by
/// [`NextStep::into_owned`], read back as a `NextStep` by [`as_step`](Self::as_step),
/// without a second decision.
///
/// ```
/// use signpost_oauth::{ClientState, NextStep, OwnedNextStep};
///
/// let line = String::from(r#"DPoP error="use_dpop_nonce""#);
/// let nonce = String::from("eyJ7S_zG.eyJH0-Z.HX4w-7v");
/// let lines = [line.as_bytes()];
/// let step: OwnedNextStep = ClientState::new()
///     .sent_token(true)
///     .uses_dpop(true)
///     .decide(401, &lines, Some(nonce.as_bytes()))
///     .step()
///     .into_owned();
/// drop((line, nonce));
/// assert!(matches!(step.as_step(), NextStep::RetryWithDpopNonce { nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v", .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedNextStep(Kept);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kept {
    RetryWithToken {
        scope: Option<String>,
    },
    Refresh,
    Authorize {
        server: Server,
        held: Option<String>,
        challenge: Option<String>,
    },
    StepUp {
        server: Server,
        held: Option<String>,
        challenge: Option<String>,
        acr_values: Option<String>,
        max_age: Option<u64>,
    },
    RetryWithDpopNonce {
        nonce: String,
    },
    FixRequest(OwnedReason),
    GiveUp(OwnedReason),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Server {
    Known(String),
    ResourceMetadata(String),
    Issuer(String),
    Discover,
}

/// A [`Reason`] with its borrowed parts (the server's `error` and `error_description`)
/// copied.
#[derive(Clone, Debug, PartialEq, Eq)]
enum OwnedReason {
    ServerSaid {
        status: u16,
        code: Option<String>,
        /// The raw value (still escaped), its escape count, whether it was quoted.
        description: Option<(Vec<u8>, usize, bool)>,
    },
    /// Every other reason holds no borrowed data.
    Other(Why<'static>),
}

fn owned_scope(scope: Option<Scope<'_>>) -> Option<String> {
    scope.map(|s| String::from(s.as_str()))
}

/// A scope that was valid when it was copied.
fn scope_of(text: &Option<String>) -> Option<Scope<'_>> {
    text.as_deref().and_then(|s| Scope::parse(s).ok())
}

impl From<AuthServer<'_>> for Server {
    fn from(server: AuthServer<'_>) -> Server {
        match server {
            AuthServer::Known(s) => Server::Known(s.into()),
            AuthServer::ResourceMetadata(s) => Server::ResourceMetadata(s.into()),
            AuthServer::Issuer(s) => Server::Issuer(s.into()),
            AuthServer::Discover => Server::Discover,
        }
    }
}

impl Server {
    fn as_server(&self) -> AuthServer<'_> {
        match self {
            Server::Known(s) => AuthServer::Known(s),
            Server::ResourceMetadata(s) => AuthServer::ResourceMetadata(s),
            Server::Issuer(s) => AuthServer::Issuer(s),
            Server::Discover => AuthServer::Discover,
        }
    }
}

impl From<Reason<'_>> for OwnedReason {
    fn from(reason: Reason<'_>) -> OwnedReason {
        let other = match reason.0 {
            Why::ServerSaid { status, code, description } => {
                return OwnedReason::ServerSaid {
                    status,
                    code: code.map(|c| String::from(c.as_str())),
                    description: description
                        .map(|d| (d.as_raw().to_vec(), d.escapes(), d.is_quoted())),
                };
            }
            Why::Attempts(n) => Why::Attempts(n),
            Why::Repeated { action, times } => Why::Repeated { action, times },
            Why::NonceAgain => Why::NonceAgain,
            Why::NonceRejected => Why::NonceRejected,
            Why::NoNonce => Why::NoNonce,
            Why::Field(e) => Why::Field(e),
            Why::Malformed(e) => Why::Malformed(e),
            Why::Refused { param, refusal } => Why::Refused { param, refusal },
            Why::DpopOnly => Why::DpopOnly,
            Why::NoOAuthChallenge => Why::NoOAuthChallenge,
            Why::NotAFailure(s) => Why::NotAFailure(s),
        };
        OwnedReason::Other(other)
    }
}

impl OwnedReason {
    fn as_reason(&self) -> Reason<'_> {
        match self {
            OwnedReason::ServerSaid { status, code, description } => Reason(Why::ServerSaid {
                status: *status,
                // The code was a valid `1*NQSCHAR` when it was copied.
                code: code.as_deref().and_then(|c| ErrorCode::parse(c).ok()),
                description: description.as_ref().map(|(raw, escapes, quoted)| {
                    if *quoted {
                        Value::quoted(raw, *escapes)
                    } else {
                        Value::token(raw)
                    }
                }),
            }),
            OwnedReason::Other(why) => Reason(*why),
        }
    }
}

impl From<NextStep<'_>> for OwnedNextStep {
    fn from(step: NextStep<'_>) -> OwnedNextStep {
        OwnedNextStep(match step {
            NextStep::RetryWithToken { scope } => {
                Kept::RetryWithToken { scope: owned_scope(scope) }
            }
            NextStep::Refresh => Kept::Refresh,
            NextStep::Authorize { server, scope } => Kept::Authorize {
                server: server.into(),
                held: owned_scope(scope.held()),
                challenge: owned_scope(scope.challenge()),
            },
            NextStep::StepUp { server, scope, acr_values, max_age } => Kept::StepUp {
                server: server.into(),
                held: owned_scope(scope.held()),
                challenge: owned_scope(scope.challenge()),
                acr_values: acr_values.map(|a| String::from(a.as_str())),
                max_age,
            },
            NextStep::RetryWithDpopNonce { nonce } => {
                Kept::RetryWithDpopNonce { nonce: String::from(nonce) }
            }
            NextStep::FixRequest { reason } => Kept::FixRequest(reason.into()),
            NextStep::GiveUp { reason } => Kept::GiveUp(reason.into()),
        })
    }
}

impl OwnedNextStep {
    /// The step, borrowing from `self`: the same `NextStep` as the one it was made from.
    pub fn as_step(&self) -> NextStep<'_> {
        match &self.0 {
            Kept::RetryWithToken { scope } => NextStep::RetryWithToken { scope: scope_of(scope) },
            Kept::Refresh => NextStep::Refresh,
            Kept::Authorize { server, held, challenge } => NextStep::Authorize {
                server: server.as_server(),
                scope: ScopeUnion::new(scope_of(held), scope_of(challenge)),
            },
            Kept::StepUp { server, held, challenge, acr_values, max_age } => NextStep::StepUp {
                server: server.as_server(),
                scope: ScopeUnion::new(scope_of(held), scope_of(challenge)),
                // A list that was valid when it was copied.
                acr_values: acr_values.as_deref().map(SpaceList::trusted),
                max_age: *max_age,
            },
            Kept::RetryWithDpopNonce { nonce } => NextStep::RetryWithDpopNonce { nonce },
            Kept::FixRequest(reason) => NextStep::FixRequest { reason: reason.as_reason() },
            Kept::GiveUp(reason) => NextStep::GiveUp { reason: reason.as_reason() },
        }
    }

    /// The step's kind.
    pub fn action(&self) -> Action {
        self.as_step().action()
    }
}

impl fmt::Display for OwnedNextStep {
    /// The step's kind (`"authorize"`), and the reason of a `FixRequest` or `GiveUp`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = self.as_step();
        f.write_str(step.action().as_str())?;
        match step.reason() {
            Some(reason) => write!(f, ": {reason}"),
            None => Ok(()),
        }
    }
}

/// A [`Decision`](crate::Decision) that owns its text (feature `alloc`): made by
/// [`Decision::into_owned`](crate::Decision::into_owned), `Clone + Send + Sync +
/// 'static`. It keeps the step, the scheme of the challenge followed, and the first parse
/// error; the followed [`Challenge`](crate::Challenge) itself borrows the
/// header and is not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedDecision {
    step: OwnedNextStep,
    scheme: Option<SchemeKind>,
    parse_error: Option<ParseError>,
}

impl OwnedDecision {
    pub(crate) fn new(
        step: OwnedNextStep,
        scheme: Option<SchemeKind>,
        parse_error: Option<ParseError>,
    ) -> OwnedDecision {
        OwnedDecision { step, scheme, parse_error }
    }

    /// The next step, borrowing from `self`.
    pub fn step(&self) -> NextStep<'_> {
        self.step.as_step()
    }

    /// The next step, owned.
    pub fn into_step(self) -> OwnedNextStep {
        self.step
    }

    /// The scheme of the challenge the step follows (`None` when no challenge was usable).
    pub const fn scheme(&self) -> Option<SchemeKind> {
        self.scheme
    }

    /// The first malformed challenge that was skipped, if any.
    pub const fn parse_error(&self) -> Option<ParseError> {
        self.parse_error
    }
}

// The owned forms are reached from the borrowed ones here, so that `client` does not import
// this module back.
impl NextStep<'_> {
    /// The same step owning its text (feature `alloc`); [`OwnedNextStep::as_step`]
    /// borrows it back as a `NextStep`.
    ///
    /// [`OwnedNextStep::as_step`]: OwnedNextStep::as_step
    pub fn into_owned(self) -> OwnedNextStep {
        OwnedNextStep::from(self)
    }
}

impl Decision<'_> {
    /// The same decision owning its text (feature `alloc`), to keep after the response
    /// it was read from is gone: decide, read the body, then act on
    /// [`OwnedDecision::step`](OwnedDecision::step).
    ///
    /// ```
    /// use signpost_oauth::{AuthServer, ClientState, NextStep, OwnedDecision};
    ///
    /// let header = String::from(r#"Bearer error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#);
    /// let lines = [header.as_bytes()];
    /// let decision: OwnedDecision = ClientState::new().sent_token(true).decide(401, &lines, None).into_owned();
    /// drop(header); // the response is gone (its body was read)
    /// match decision.step() {
    ///     NextStep::Authorize { server: AuthServer::ResourceMetadata(url), .. } => {
    ///         assert_eq!(url, "https://mcp.example.com/.well-known/oauth-protected-resource");
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn into_owned(self) -> OwnedDecision {
        OwnedDecision::new(self.step().into_owned(), self.scheme(), self.parse_error())
    }
}
