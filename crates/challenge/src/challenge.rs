//! [`Challenge`]: one challenge or credentials value.

use core::fmt;

use signpost_syntax::{token68_end, Value};

use crate::params::Params;
use crate::source::{ows, Src, Text};
use crate::Leniency;

/// What a challenge carries after its scheme.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Body<'a> {
    Empty,
    Token68(Text<'a>),
    /// Auth-params; with [`Leniency::TOKEN68_PARAMS`] in the challenge's `forgiven`, a
    /// token68 stands before them, right after the scheme, and is read again when asked
    /// (so that a challenge stays as small as before: no second body to carry).
    Params(Params<'a>),
}

/// One challenge (or one credentials value): an auth-scheme and either nothing, a
/// `token68`, or a list of auth-params.
///
/// ```
/// use signpost_challenge::Challenges;
///
/// let value = br#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
/// let mut challenges = Challenges::new(value);
/// let basic = challenges.next().unwrap()?;
/// assert!(basic.scheme_is("basic"));
/// assert_eq!(basic.param("REALM").unwrap(), "simple");
///
/// let newauth = challenges.next().unwrap()?;
/// assert_eq!(newauth.scheme(), "Newauth");
/// let names: Vec<&str> = newauth.params().map(|p| p.name()).collect();
/// assert_eq!(names, ["realm", "type", "title"]);
/// assert_eq!(newauth.param("title").unwrap().to_string(), r#"Login to "apps""#);
/// assert!(challenges.next().is_none());
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Challenge<'a> {
    pub(crate) scheme: Text<'a>,
    pub(crate) body: Body<'a>,
    pub(crate) offset: usize,
    pub(crate) forgiven: Leniency,
}

impl<'a> Challenge<'a> {
    /// The auth-scheme as written (`auth-scheme = token`, RFC 9110 §11.1). Compare it with
    /// [`scheme_is`](Challenge::scheme_is): schemes are case-insensitive.
    ///
    pub fn scheme(&self) -> &'a str {
        self.scheme.as_str()
    }

    /// The auth-scheme as bytes.
    pub fn scheme_bytes(&self) -> &'a [u8] {
        self.scheme.as_bytes()
    }

    /// Whether the auth-scheme is `name`, ignoring ASCII case (RFC 9110 §11.1).
    pub fn scheme_is(&self, name: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(name)
    }

    /// The `token68`, if the challenge carries one instead of auth-params
    /// (`Negotiate YIIF...`, `Basic QWxh...`), or besides them when
    /// [`Leniency::TOKEN68_PARAMS`] forgave both.
    pub fn token68(&self) -> Option<&'a str> {
        match self.body {
            Body::Token68(t) => Some(t.as_str()),
            Body::Params(p) if self.forgiven.any(Leniency::TOKEN68_PARAMS) => {
                token68_after_scheme(p.found.src, self.offset, self.scheme.as_bytes().len())
            }
            _ => None,
        }
    }

    /// The auth-params, in order, lazily. Empty for a bare scheme or a `token68`. With
    /// [`Leniency::DUPLICATE_PARAM`], repeated names after the first are skipped.
    pub fn params(&self) -> Params<'a> {
        match self.body {
            Body::Params(p) => p,
            _ => Params::EMPTY,
        }
    }

    /// The value of the auth-param `name` (compared ignoring ASCII case, RFC 9110 §11.2),
    /// matched as a whole name: `resource_metadata` never matches `x_resource_metadata`.
    pub fn param(&self, name: &str) -> Option<Value<'a>> {
        // Walks the params in place: only the small walking state is copied.
        let Body::Params(params) = &self.body else { return None };
        let mut walk = params.walk;
        while let Some((p_name, value)) = params.found.step_named(&mut walk) {
            if p_name.eq_ignore_ascii_case(name.as_bytes()) {
                return Some(value);
            }
        }
        None
    }

    /// The values of the auth-params `names`, each found as [`param`](Challenge::param)
    /// finds it, in one walk over the params: reading several parameters costs one walk,
    /// where [`param`](Challenge::param) costs one walk per name. Each slot holds what
    /// `param` returns for its name.
    ///
    /// ```
    /// use signpost_challenge::Challenges;
    ///
    /// let value = br#"Bearer error="insufficient_scope", scope="files:read files:write""#;
    /// let bearer = Challenges::new(value).next().unwrap()?;
    /// let [error, scope, realm] = bearer.param_values(["error", "SCOPE", "realm"]);
    /// assert_eq!(error.unwrap(), "insufficient_scope");
    /// assert_eq!(scope.unwrap(), "files:read files:write");
    /// assert!(realm.is_none());
    /// # Ok::<(), signpost_challenge::Error>(())
    /// ```
    pub fn param_values<const N: usize>(&self, names: [&str; N]) -> [Option<Value<'a>>; N] {
        let mut values = [None; N];
        let Body::Params(params) = &self.body else { return values };
        let mut walk = params.walk;
        while let Some((p_name, p_value)) = params.found.step_named(&mut walk) {
            // The first param of a name wins, as in `param` (a strict parse refuses a
            // repeated name; a lenient one skips the repeats before this walk sees them).
            for (name, value) in names.iter().zip(values.iter_mut()) {
                if value.is_none() && p_name.eq_ignore_ascii_case(name.as_bytes()) {
                    *value = Some(p_value);
                }
            }
        }
        values
    }

    /// The number of auth-params (duplicates skipped under leniency are not counted).
    pub fn param_count(&self) -> usize {
        match self.body {
            Body::Params(p) => p.walk.remaining as usize - p.found.skip.count_ones() as usize,
            _ => 0,
        }
    }

    /// Whether the challenge is a bare scheme, with no token68 and no auth-param.
    pub fn is_bare(&self) -> bool {
        matches!(self.body, Body::Empty)
    }

    /// The byte offset of the scheme in the input (in the lines joined by `", "` when the
    /// input was several field lines).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What a lenient parse had to forgive in this challenge ([`Leniency::NONE`] when it
    /// follows RFC 9110 to the letter).
    pub fn forgiven(&self) -> Leniency {
        self.forgiven
    }
}

/// The token68 of a challenge that [`Leniency::TOKEN68_PARAMS`] forgave: the one that
/// follows the scheme at `offset` (in the lines joined by `", "`), after its SP, HTAB or
/// obs-fold (RFC 9112 §5.2), as the parser found it.
///
/// Out of line in the size-first build; with `perf`, where the optimiser puts it (forcing it
/// out of line there costs the common path a copy of the challenge's params).
#[cfg_attr(not(feature = "perf"), cold, inline(never))]
fn token68_after_scheme(src: Src<'_>, offset: usize, scheme_len: usize) -> Option<&str> {
    let (line_index, base) = src.locate(offset);
    let line = src.line(line_index);
    let start = ows(line, offset - base + scheme_len);
    let end = token68_end(line, start);
    (end > start).then(|| src.ascii(line_index, start, end).as_str())
}

impl fmt::Debug for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Challenge");
        d.field("scheme", &self.scheme());
        if let Some(t) = self.token68() {
            d.field("token68", &t);
        }
        d.field("params", &DebugParams(self.params()));
        if !self.forgiven.is_empty() {
            d.field("forgiven", &self.forgiven);
        }
        d.finish()
    }
}

pub(crate) struct DebugParams<'a>(Params<'a>);

impl fmt::Debug for DebugParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.map(|p| (p.name(), p.value))).finish()
    }
}
