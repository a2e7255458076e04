//! Structured scope tokens of container registries: `type:name:actions`.

use core::fmt;
use core::iter::FusedIterator;

use crate::error::Error;
use crate::token::check_token;
use crate::ScopeToken;

const NO_TYPE: &str = "empty resource type in registry scope";
const NO_NAME: &str = "empty resource name in registry scope";
const NO_ACTIONS: &str = "expected ':' before actions in registry scope";
const BAD_ACTION: &str = "expected ',' or an action in registry scope actions";

/// A container-registry resource scope, as the Docker / OCI distribution token
/// authentication uses inside one scope token: `repository:samalba/my-app:pull,push`.
///
/// ```text
/// resourcescope = resourcetype ":" resourcename ":" action *( "," action )
/// ```
///
/// The type ends at the first `:` and the actions start after the last `:`, so a name
/// with a registry port in it stays whole (`repository:localhost:5000/foo:pull`). The parts
/// are borrowed; nothing is copied.
///
/// ```
/// use signpost_scope::RegistryScope;
///
/// let scope = RegistryScope::parse("repository:localhost:5000/foo:pull,push")?;
/// assert_eq!(scope.resource_type(), "repository");
/// assert_eq!(scope.name(), "localhost:5000/foo");
/// assert_eq!(scope.actions().collect::<Vec<_>>(), ["pull", "push"]);
/// assert!(scope.has_action("push"));
/// assert_eq!(scope.to_string(), "repository:localhost:5000/foo:pull,push");
///
/// // And back from parts:
/// let built = RegistryScope::new("repository", "samalba/my-app", "pull")?;
/// assert_eq!(built.to_string(), "repository:samalba/my-app:pull");
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// Only the structure is checked (and that the whole is a `scope-token`): registries add
/// resource types (`registry:catalog:*`, `repository(plugin):x:pull`) and actions freely.
/// An empty action list (`repository:x:`) is kept as it came; it grants nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RegistryScope<'a> {
    resource_type: &'a str,
    name: &'a str,
    actions: &'a str,
}

impl<'a> RegistryScope<'a> {
    /// Splits one scope token into resource type, name and actions.
    ///
    /// # Errors
    ///
    /// The token is not a `scope-token` (see [`ScopeToken::new`]), has fewer than two `:`,
    /// or has an empty type or name, or an empty action between commas.
    pub fn parse(token: &'a str) -> Result<RegistryScope<'a>, Error> {
        let b = token.as_bytes();
        check_token(b)?;
        let first = b.iter().position(|&c| c == b':').unwrap_or(b.len());
        let last = b.iter().rposition(|&c| c == b':').unwrap_or(0);
        if first == 0 {
            return Err(Error::at(b, 0, NO_TYPE));
        }
        if last <= first {
            return Err(Error::at(b, b.len(), NO_ACTIONS));
        }
        if last == first + 1 {
            return Err(Error::at(b, last, NO_NAME));
        }
        let part = |r: core::ops::Range<usize>| token.get(r).unwrap_or("");
        let actions = part(last + 1..b.len());
        check_actions(actions, last + 1)?;
        Ok(RegistryScope { resource_type: part(0..first), name: part(first + 1..last), actions })
    }

    /// [`RegistryScope::parse`] of a token already checked.
    ///
    /// # Errors
    ///
    /// As [`RegistryScope::parse`], for the structure.
    pub fn from_token(token: ScopeToken<'a>) -> Result<RegistryScope<'a>, Error> {
        RegistryScope::parse(token.as_str())
    }

    /// A registry scope from its parts; `actions` is the comma-separated list (`"pull,push"`).
    ///
    /// # Errors
    ///
    /// A part holds a byte that is not an `NQCHAR`, the type or the actions hold a `:`, the
    /// type or the name is empty, or an action between commas is empty. The offset is into
    /// the token the parts would make.
    pub fn new(
        resource_type: &'a str,
        name: &'a str,
        actions: &'a str,
    ) -> Result<RegistryScope<'a>, Error> {
        let at_name = resource_type.len() + 1;
        let at_actions = at_name + name.len() + 1;
        if resource_type.is_empty() {
            return Err(Error::bare(0, NO_TYPE));
        }
        if name.is_empty() {
            return Err(Error::bare(at_name, NO_NAME));
        }
        check_part(resource_type, 0, false)?;
        check_part(name, at_name, true)?;
        check_part(actions, at_actions, false)?;
        check_actions(actions, at_actions)?;
        Ok(RegistryScope { resource_type, name, actions })
    }

    /// The resource type: `repository`, `registry`, `repository(plugin)`.
    pub const fn resource_type(&self) -> &'a str {
        self.resource_type
    }

    /// The resource name: `samalba/my-app`, `localhost:5000/foo`, `catalog`.
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The actions as they came, comma-separated: `pull,push`.
    pub const fn actions_str(&self) -> &'a str {
        self.actions
    }

    /// The actions one by one.
    pub fn actions(&self) -> Actions<'a> {
        Actions { rest: if self.actions.is_empty() { None } else { Some(self.actions) } }
    }

    /// Whether `action` is among the actions (or the actions are `*`).
    pub fn has_action(&self, action: &str) -> bool {
        self.actions().any(|a| a == action || a == "*")
    }

    /// Writes `type:name:actions`, the form it was parsed from.
    ///
    /// # Errors
    ///
    /// Only those of the writer.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_str(self.resource_type)?;
        w.write_char(':')?;
        w.write_str(self.name)?;
        w.write_char(':')?;
        w.write_str(self.actions)
    }
}

fn check_part(part: &str, at: usize, colons: bool) -> Result<(), Error> {
    let b = part.as_bytes();
    if let Some(i) = b.iter().position(|&c| !crate::table::is_nqchar(c) || (!colons && c == b':')) {
        let message = if b.get(i) == Some(&b':') {
            "unexpected ':' in registry scope part"
        } else {
            crate::error::EXPECTED_NQCHAR
        };
        return Err(Error::at(b, i, message).shifted(at));
    }
    Ok(())
}

fn check_actions(actions: &str, at: usize) -> Result<(), Error> {
    if actions.is_empty() {
        return Ok(());
    }
    let b = actions.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b',' {
            if i == start {
                return Err(Error::at(b, i, BAD_ACTION).shifted(at));
            }
            start = i + 1;
        }
    }
    if start == b.len() {
        return Err(Error::at(b, b.len(), BAD_ACTION).shifted(at));
    }
    Ok(())
}

/// Writes `type:name:actions`.
impl fmt::Display for RegistryScope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl<'a> TryFrom<ScopeToken<'a>> for RegistryScope<'a> {
    type Error = Error;
    fn try_from(token: ScopeToken<'a>) -> Result<RegistryScope<'a>, Error> {
        RegistryScope::from_token(token)
    }
}

/// The actions of a [`RegistryScope`] ([`RegistryScope::actions`]).
#[derive(Clone, Debug)]
pub struct Actions<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Actions<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.split_once(',') {
            Some((action, more)) => {
                self.rest = Some(more);
                Some(action)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

impl FusedIterator for Actions<'_> {}
