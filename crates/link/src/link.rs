//! [`Link`], one parsed `link-value`, and [`Params`], the iterator over its parameters.

use core::fmt;

use signpost_syntax::Value;

use crate::ext::{ExtValue, Title};
use crate::leniency::Leniency;
use crate::param::Param;
#[cfg(feature = "perf")]
use crate::param::{Kinds, Span, CACHED};
use crate::rel::{Rel, Rels};
use crate::value::{step, Parsed, Step};

/// One link: a target and its parameters, borrowed from the field value.
///
/// The accessors for `rel`, `anchor`, `title`, `title*`, `type` and `media` follow the
/// first-occurrence rule of RFC 8288 §3.3 and §3.4.1: occurrences after the first are
/// ignored. [`Link::params`] still lists every parameter, in order, as sent.
///
/// ```
/// use signpost_link::{Links, Rel};
///
/// let field = br#"</TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel; rel=last"#;
/// let link = Links::new(field).next().unwrap()?;
/// assert_eq!(link.target_str(), Some("/TheBook/chapter4"));
/// assert!(link.has_rel(Rel::NEXT));
/// assert!(!link.has_rel(Rel::LAST)); // the second `rel` is ignored
/// assert_eq!(link.title().unwrap().to_string(), "nächstes Kapitel");
/// assert_eq!(link.params().count(), 3);
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
// The remembered spans (`c0`..`c3`, the first parameters as found by the first scan) sit
// apart from each other, so that they are copied with one 8-byte load each: a wide load
// over several just-written narrow stores would stall on store forwarding.
#[repr(C)]
pub struct Link<'a> {
    target: &'a [u8],
    #[cfg(feature = "perf")]
    c0: Span,
    params: &'a [u8],
    #[cfg(feature = "perf")]
    c1: Span,
    offset: usize,
    #[cfg(feature = "perf")]
    c2: Span,
    options: Leniency,
    forgiven: Leniency,
    #[cfg(feature = "perf")]
    kinds: Kinds,
    #[cfg(feature = "perf")]
    cached: u8,
    /// Whether the spans hold every parameter.
    #[cfg(feature = "perf")]
    complete: bool,
    #[cfg(feature = "perf")]
    c3: Span,
}

impl<'a> Link<'a> {
    /// The link `parsed` found at `start` in `line`, a line that starts at `base` in the
    /// joined field value.
    #[inline(always)]
    pub(crate) fn new(
        line: &'a [u8],
        parsed: &Parsed,
        base: usize,
        start: usize,
        options: Leniency,
        forgiven: Leniency,
    ) -> Link<'a> {
        Link {
            target: line.get(parsed.target.0..parsed.target.1).unwrap_or_default(),
            params: line.get(parsed.params.0..parsed.params.1).unwrap_or_default(),
            offset: base.saturating_add(start),
            options,
            forgiven,
            #[cfg(feature = "perf")]
            c0: parsed.cache[0],
            #[cfg(feature = "perf")]
            c1: parsed.cache[1],
            #[cfg(feature = "perf")]
            c2: parsed.cache[2],
            #[cfg(feature = "perf")]
            c3: parsed.cache[3],
            #[cfg(feature = "perf")]
            kinds: parsed.kinds,
            #[cfg(feature = "perf")]
            cached: parsed.cached,
            #[cfg(feature = "perf")]
            complete: parsed.complete,
        }
    }

    /// The `URI-Reference` between `<` and `>`, as sent. It is not resolved: a relative
    /// reference must be resolved by the caller against the request URI (RFC 8288 §3.1).
    pub const fn target(&self) -> &'a [u8] {
        self.target
    }

    /// The target as text. Always `Some` under strict parsing (an RFC 3986 reference is
    /// ASCII); `None` only for a lenient target that is not UTF-8.
    pub fn target_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.target).ok()
    }

    /// The offset of this `link-value` in the field value (for several lines, in the lines
    /// joined by `", "`).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What a lenient parse forgave to read this link (empty under strict parsing).
    pub const fn forgiven(&self) -> Leniency {
        self.forgiven
    }

    /// Every parameter, in order, as sent (duplicates included).
    pub fn params(&self) -> Params<'a> {
        Params {
            input: self.params,
            pos: 0,
            options: self.options,
            after_param: false,
            #[cfg(feature = "perf")]
            cache: [self.c0, self.c1, self.c2, self.c3],
            #[cfg(feature = "perf")]
            kinds: self.kinds,
            #[cfg(feature = "perf")]
            cached: self.cached,
            #[cfg(feature = "perf")]
            index: 0,
            #[cfg(feature = "perf")]
            complete: self.complete,
        }
    }

    /// The first parameter named `name` (ASCII case-insensitive), if any.
    pub fn param(&self, name: &str) -> Option<Param<'a>> {
        self.params().find(|p| p.is(name))
    }

    /// The value of the first parameter named `name`; `None` when absent or without a value.
    fn first_value(&self, name: &str) -> Option<Value<'a>> {
        self.param(name).and_then(|p| p.value())
    }

    /// The value of the first `rel` parameter, unsplit (RFC 8288 §3.3).
    pub fn rel(&self) -> Option<Value<'a>> {
        self.first_value("rel")
    }

    /// The relation types of the first `rel` parameter, split on whitespace
    /// (`relation-type *( 1*SP relation-type )`, RFC 8288 §3.3). Empty when the link has no
    /// `rel`.
    pub fn rels(&self) -> Rels<'a> {
        Rels::new(self.rel())
    }

    /// Whether the first `rel` lists `rel` (compared as strings, ignoring ASCII case,
    /// RFC 8288 §2.1).
    pub fn has_rel(&self, rel: Rel<'_>) -> bool {
        self.rels().any(|r| r == rel)
    }

    /// The first `anchor` (the link context, RFC 8288 §3.2), unresolved.
    pub fn anchor(&self) -> Option<Value<'a>> {
        self.first_value("anchor")
    }

    /// The first `type` (a media type hint, RFC 8288 §3.4.1).
    pub fn media_type(&self) -> Option<Value<'a>> {
        self.first_value("type")
    }

    /// The first `media` (RFC 8288 §3.4.1).
    pub fn media(&self) -> Option<Value<'a>> {
        self.first_value("media")
    }

    /// Every `hreflang`, in order (it may repeat, RFC 8288 §3.4.1).
    pub fn hreflangs(&self) -> impl Iterator<Item = Value<'a>> + 'a {
        self.params().filter(|p| p.is("hreflang")).filter_map(|p| p.value())
    }

    /// The first `title*`, decoded lazily (RFC 8187), when it is a valid `ext-value`.
    pub fn title_star(&self) -> Option<ExtValue<'a>> {
        self.param("title*").and_then(|p| p.ext_value().ok())
    }

    /// The title: the first `title*` when it is valid, else the first `title`
    /// (RFC 8288 §3.4.1: processors SHOULD use `title*` when both are present).
    pub fn title(&self) -> Option<Title<'a>> {
        match self.title_star() {
            Some(ext) => Some(Title::Ext(ext)),
            None => self.first_value("title").map(Title::Plain),
        }
    }
}

impl fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Link");
        match self.target_str() {
            Some(t) => d.field("target", &t),
            None => d.field("target", &self.target),
        };
        d.field("params", &DebugParams(*self))
            .field("offset", &self.offset)
            .field("forgiven", &self.forgiven)
            .finish()
    }
}

pub(crate) struct DebugParams<'a>(Link<'a>);

impl fmt::Debug for DebugParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.params()).finish()
    }
}

/// The parameters of a [`Link`], in order, from [`Link::params`].
#[derive(Clone, Debug)]
pub struct Params<'a> {
    input: &'a [u8],
    pos: usize,
    options: Leniency,
    after_param: bool,
    #[cfg(feature = "perf")]
    cache: [Span; CACHED],
    #[cfg(feature = "perf")]
    kinds: Kinds,
    #[cfg(feature = "perf")]
    cached: u8,
    #[cfg(feature = "perf")]
    index: u8,
    #[cfg(feature = "perf")]
    complete: bool,
}

impl<'a> Iterator for Params<'a> {
    type Item = Param<'a>;

    #[cfg_attr(feature = "perf", inline(always))]
    fn next(&mut self) -> Option<Param<'a>> {
        #[cfg(feature = "perf")]
        if self.index < self.cached {
            let i = usize::from(self.index);
            let span = self.cache[i];
            let kind = (self.kinds >> (2 * i)) & 3;
            self.index += 1;
            return Some(span.raw(kind).param(self.input));
        }
        #[cfg(feature = "perf")]
        if self.complete {
            return None;
        }
        #[cfg(feature = "perf")]
        if self.index == self.cached && self.cached > 0 {
            // Go on scanning after the last remembered parameter.
            let i = usize::from(self.cached) - 1;
            let kind = (self.kinds >> (2 * i)) & 3;
            self.pos = self.cache[i].after(kind);
            self.after_param = true;
            self.index += 1;
        }
        // The slice was validated when the link was read, with the same options, so the
        // scanner cannot fail here (an error would only end the iteration), and `title*`
        // needs no second check.
        let mut ignored = Leniency::NONE;
        match step(self.input, self.pos, self.options, self.after_param, false, &mut ignored) {
            Ok(Step::Param(raw, after)) => {
                self.pos = after;
                self.after_param = true;
                Some(raw.param(self.input))
            }
            Ok(Step::End(..)) | Err(_) => {
                self.pos = self.input.len();
                None
            }
        }
    }
}

impl core::iter::FusedIterator for Params<'_> {}
