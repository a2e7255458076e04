//! Scope hierarchies: a broader scope implies narrower ones.

use core::fmt;

use crate::{ScopeLike, ScopeToken};

/// A rule that says when a granted scope token covers a required one that it is not equal
/// to: `repo` covers `repo:status`, `files:write` covers `files:read`.
///
/// RFC 6749 leaves the meaning of scope tokens to the authorization server, and the MCP
/// authorization spec asks servers to "account for scope hierarchies, where a broader scope
/// implies narrower ones". [`satisfies`] asks the rule about every required token that is
/// not granted as such.
///
/// # Writing a rule
///
/// Implement [`implies`](Hierarchy::implies): `broader` is a granted token, `narrower` a
/// required one; they are never equal when [`satisfies`] asks. Keep it cheap and total (no
/// panic): it may be called once per pair of tokens. A closure
/// `Fn(&str, &str) -> bool` is a rule too, and a pair `(A, B)` of rules implies what either
/// implies.
///
/// GitHub's OAuth scopes, for instance, are a table rather than a prefix scheme (`repo`
/// covers `public_repo`, `admin:org` covers `write:org` and `read:org`):
///
/// ```
/// use signpost_scope::{satisfies, Hierarchy, Scope};
///
/// struct GitHub;
///
/// impl Hierarchy for GitHub {
///     fn implies(&self, broader: &str, narrower: &str) -> bool {
///         const TABLE: &[(&str, &[&str])] = &[
///             ("repo", &["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"]),
///             ("admin:org", &["write:org", "read:org"]),
///             ("write:org", &["read:org"]),
///             ("user", &["read:user", "user:email", "user:follow"]),
///         ];
///         TABLE.iter().any(|(b, n)| *b == broader && n.contains(&narrower))
///     }
/// }
///
/// let granted = Scope::parse("repo admin:org")?;
/// assert!(satisfies(&granted, &Scope::parse("public_repo read:org")?, &GitHub));
/// assert!(!satisfies(&granted, &Scope::parse("user:email")?, &GitHub));
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// Rules are applied one step at a time: `satisfies` does not chain `a ⇒ b ⇒ c`. A rule
/// that wants transitivity says so itself, as the table above does by listing `read:org`
/// under `admin:org`, and as [`PrefixHierarchy`] does by construction.
pub trait Hierarchy {
    /// Whether the granted token `broader` covers the required token `narrower`.
    fn implies(&self, broader: &str, narrower: &str) -> bool;
}

impl<F: Fn(&str, &str) -> bool> Hierarchy for F {
    fn implies(&self, broader: &str, narrower: &str) -> bool {
        self(broader, narrower)
    }
}

/// Either rule implies.
impl<A: Hierarchy, B: Hierarchy> Hierarchy for (A, B) {
    fn implies(&self, broader: &str, narrower: &str) -> bool {
        self.0.implies(broader, narrower) || self.1.implies(broader, narrower)
    }
}

/// No hierarchy: a token covers only itself, so [`satisfies`] is
/// [`is_subset`](ScopeLike::is_subset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Exact;

impl Hierarchy for Exact {
    fn implies(&self, _broader: &str, _narrower: &str) -> bool {
        false
    }
}

/// `prefix` covers `prefix<sep>anything`: `repo` covers `repo:status` and
/// `repo:status:read`, `files` covers `files:read`. The separator is `:` unless set with
/// [`PrefixHierarchy::with_separator`] (`.` for `https://graph.microsoft.com/Mail.Read`
/// style names, `/` for paths).
///
/// ```
/// use signpost_scope::{Hierarchy, PrefixHierarchy};
///
/// let rule = PrefixHierarchy::new();
/// assert!(rule.implies("repo", "repo:status"));
/// assert!(rule.implies("repo", "repo:status:read"));
/// assert!(!rule.implies("repo", "repository")); // a prefix, but not at a separator
/// assert!(!rule.implies("repo:status", "repo"));
///
/// let dotted = PrefixHierarchy::with_separator(b'.');
/// assert!(dotted.implies("Mail", "Mail.Read"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PrefixHierarchy {
    separator: u8,
}

impl Default for PrefixHierarchy {
    fn default() -> PrefixHierarchy {
        PrefixHierarchy::new()
    }
}

impl PrefixHierarchy {
    /// The rule with `:` as the separator.
    pub const fn new() -> PrefixHierarchy {
        PrefixHierarchy { separator: b':' }
    }

    /// The rule with another separator byte.
    pub const fn with_separator(separator: u8) -> PrefixHierarchy {
        PrefixHierarchy { separator }
    }

    /// The separator byte.
    pub const fn separator(&self) -> u8 {
        self.separator
    }
}

impl Hierarchy for PrefixHierarchy {
    fn implies(&self, broader: &str, narrower: &str) -> bool {
        narrower.len() > broader.len()
            && narrower.as_bytes().get(broader.len()) == Some(&self.separator)
            && narrower.as_bytes().starts_with(broader.as_bytes())
    }
}

/// `x<sep>write` covers `x<sep>read` (the separator is `:` unless set): `files:write` covers
/// `files:read`, `repo:orders:write` covers `repo:orders:read`. Only the last segment is
/// compared; the rest must be equal.
///
/// ```
/// use signpost_scope::{satisfies, Hierarchy, PrefixHierarchy, Scope, WriteImpliesRead};
///
/// let rule = WriteImpliesRead::new();
/// assert!(rule.implies("files:write", "files:read"));
/// assert!(!rule.implies("files:write", "mail:read"));
/// assert!(!rule.implies("files:read", "files:write"));
///
/// // Both rules at once:
/// let granted = Scope::parse("files:write repo")?;
/// let required = Scope::parse("files:read repo:status")?;
/// assert!(satisfies(&granted, &required, &(PrefixHierarchy::new(), WriteImpliesRead::new())));
/// # Ok::<(), signpost_scope::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WriteImpliesRead {
    separator: u8,
}

impl Default for WriteImpliesRead {
    fn default() -> WriteImpliesRead {
        WriteImpliesRead::new()
    }
}

impl WriteImpliesRead {
    /// The rule with `:` as the separator.
    pub const fn new() -> WriteImpliesRead {
        WriteImpliesRead { separator: b':' }
    }

    /// The rule with another separator byte (`.` for `Files.Write` / `Files.Read`, compared
    /// case-sensitively).
    pub const fn with_separator(separator: u8) -> WriteImpliesRead {
        WriteImpliesRead { separator }
    }
}

impl Hierarchy for WriteImpliesRead {
    fn implies(&self, broader: &str, narrower: &str) -> bool {
        fn split(token: &str, sep: u8) -> Option<(&[u8], &[u8])> {
            let b = token.as_bytes();
            let at = b.iter().rposition(|&c| c == sep)?;
            Some((b.get(..at)?, b.get(at + 1..)?))
        }
        match (split(broader, self.separator), split(narrower, self.separator)) {
            (Some((bp, b"write")), Some((np, b"read"))) => bp == np,
            _ => false,
        }
    }
}

/// Whether `granted` covers `required` under `rule`: every required token is granted as
/// such, or implied by a granted one.
///
/// ```
/// use signpost_scope::{satisfies, Exact, PrefixHierarchy, Scope};
///
/// let granted = Scope::parse("repo user:email")?;
/// let required = Scope::parse("repo:status user:email")?;
/// assert!(satisfies(&granted, &required, &PrefixHierarchy::new()));
/// assert!(!satisfies(&granted, &required, &Exact));
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// Cost: one lookup per required token, plus, for a required token that is not granted as
/// such, one call of the rule per granted token.
pub fn satisfies<G, R, H>(granted: &G, required: &R, rule: &H) -> bool
where
    G: ScopeLike + ?Sized,
    R: ScopeLike + ?Sized,
    H: Hierarchy + ?Sized,
{
    unsatisfied(granted, required, rule).next().is_none()
}

/// The required tokens that `granted` does not cover under `rule`, lazily, in the order of
/// `required`: what to ask for at the next authorization.
///
/// ```
/// use signpost_scope::{unsatisfied, PrefixHierarchy, Scope};
///
/// let granted = Scope::parse("repo")?;
/// let required = Scope::parse("repo:status gist")?;
/// let rule = PrefixHierarchy::new();
/// let missing: Vec<_> = unsatisfied(&granted, &required, &rule).collect();
/// assert_eq!(missing, ["gist"]);
/// # Ok::<(), signpost_scope::Error>(())
/// ```
pub fn unsatisfied<'s, G, R, H>(
    granted: &'s G,
    required: &'s R,
    rule: &'s H,
) -> Unsatisfied<'s, G, R, H>
where
    G: ScopeLike + ?Sized,
    R: ScopeLike + ?Sized,
    H: Hierarchy + ?Sized,
{
    Unsatisfied { granted, required: required.tokens(), rule }
}

/// The required tokens not covered ([`unsatisfied`]).
pub struct Unsatisfied<'s, G, R, H>
where
    G: ScopeLike + ?Sized + 's,
    R: ScopeLike + ?Sized + 's,
    H: Hierarchy + ?Sized,
{
    granted: &'s G,
    required: R::Iter<'s>,
    rule: &'s H,
}

impl<'s, G, R, H> Iterator for Unsatisfied<'s, G, R, H>
where
    G: ScopeLike + ?Sized,
    R: ScopeLike + ?Sized,
    H: Hierarchy + ?Sized,
{
    type Item = ScopeToken<'s>;

    fn next(&mut self) -> Option<ScopeToken<'s>> {
        let (granted, rule) = (self.granted, self.rule);
        self.required
            .find(|r| !granted.contains(r) && !granted.tokens().any(|g| rule.implies(&g, r)))
    }
}

impl<G, R, H> fmt::Debug for Unsatisfied<'_, G, R, H>
where
    G: ScopeLike + ?Sized,
    R: ScopeLike + ?Sized,
    H: Hierarchy + ?Sized,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unsatisfied").finish_non_exhaustive()
    }
}
