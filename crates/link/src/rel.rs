//! Link relation types (RFC 8288 §2.1 and §3.3): [`Rel`], the registry, and [`Rels`].

use core::fmt;

use signpost_syntax::Value;

use crate::ext::Logical;

/// Where a known relation type comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RelStatus {
    /// Registered in the IANA "Link Relations" registry.
    Registered,
    /// Defined by an Internet-Draft that expired without registering it
    /// (draft-sakimura-oauth-meta's `turi`, `ruri`, `duri`, `auri`). Strictly, RFC 8288 wants
    /// unregistered relation types to be URIs; these short names are accepted as extension
    /// tokens.
    UnregisteredDraft,
}

/// What this crate knows about a relation type: its name, where it is defined, and what it
/// means. From [`Rel::info`] or [`Rel::known`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RelInfo {
    name: &'static str,
    status: RelStatus,
    reference: &'static str,
    description: &'static str,
}

impl RelInfo {
    /// The registered name (lowercase).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Registered, or from an expired draft.
    pub const fn status(&self) -> RelStatus {
        self.status
    }

    /// The defining document, as the registry cites it (`"RFC8288"`, `"HTML"`, ...).
    pub const fn reference(&self) -> &'static str {
        self.reference
    }

    /// What the relation means, after the registry's description.
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// The relation type, as a [`Rel`].
    pub const fn rel(&self) -> Rel<'static> {
        Rel::new(self.name)
    }
}

/// A link relation type: a registered name (`next`, `describedby`) or an extension type
/// (a URI such as `http://example.net/relation/other`).
///
/// Opaque, like `http::Method`: the names OAuth and discovery use are constants
/// ([`Rel::NEXT`], [`Rel::SERVICE_DESC`], the draft-sakimura-oauth-meta [`Rel::TURI`], ...), and
/// any other relation type is kept as sent, so unknown types round-trip.
///
/// Two relation types are equal when they are equal as strings ignoring ASCII case: RFC 8288
/// §2.1.1 compares registered types case-insensitively, and §2.1.2 compares extension types
/// "as strings ... in a case-insensitive fashion", with no other URI normalisation
/// (`%7e` and `~` differ).
///
/// ```
/// use signpost_link::{Rel, RelStatus};
///
/// assert_eq!(Rel::new("Next"), Rel::NEXT);
/// assert_eq!(Rel::NEXT.info().unwrap().reference(), "HTML");
/// assert_eq!(Rel::TURI.info().unwrap().status(), RelStatus::UnregisteredDraft);
///
/// let other = Rel::new("http://example.net/relation/other");
/// assert!(other.info().is_none() && other.is_extension());
/// assert_eq!(other.to_string(), "http://example.net/relation/other");
/// ```
#[derive(Clone, Copy)]
pub struct Rel<'a> {
    name: Value<'a>,
}

/// `reg-rel-type = LOALPHA *( LOALPHA / DIGIT / "." / "-" )` (RFC 8288 §3.3).
const fn is_reg_rel_type(name: &[u8]) -> bool {
    if name.is_empty() || !name[0].is_ascii_lowercase() {
        return false;
    }
    let mut i = 1;
    while i < name.len() {
        let b = name[i];
        if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
            return false;
        }
        i += 1;
    }
    true
}

impl Rel<'static> {
    /// A registered-style relation type known at compile time.
    ///
    /// # Panics
    ///
    /// When `name` is not a `reg-rel-type` (`LOALPHA *( LOALPHA / DIGIT / "." / "-" )`);
    /// in a `const` this is a compile-time error.
    ///
    /// ```
    /// const PUSH: signpost_link::Rel<'static> = signpost_link::Rel::from_static("push");
    /// assert_eq!(PUSH.to_string(), "push");
    /// ```
    pub const fn from_static(name: &'static str) -> Rel<'static> {
        if !is_reg_rel_type(name.as_bytes()) {
            panic!("not a reg-rel-type: LOALPHA *( LOALPHA / DIGIT / \".\" / \"-\" )");
        }
        Rel::new(name)
    }
}

impl<'a> Rel<'a> {
    /// A relation type named `name`, registered or not; it is not checked.
    pub const fn new(name: &'a str) -> Rel<'a> {
        Rel { name: Value::token(name.as_bytes()) }
    }

    /// A relation type from a parsed value (one element of a `rel` list).
    pub const fn from_value(name: Value<'a>) -> Rel<'a> {
        Rel { name }
    }

    /// The name as sent.
    pub const fn as_value(&self) -> Value<'a> {
        self.name
    }

    /// The name as text, when it is borrowed UTF-8 without quoted-pairs.
    pub fn as_str(&self) -> Option<&'a str> {
        self.name.as_str()
    }

    /// What this crate knows about the relation type, when it is in the registry (IANA
    /// relations and the draft-sakimura-oauth-meta ones); `None` for anything else.
    pub fn info(&self) -> Option<&'static RelInfo> {
        REGISTRY.iter().find(|info| self.name.eq_ignore_ascii_case(info.name.as_bytes()))
    }

    /// Whether the relation type is in the IANA registry (as far as this crate knows).
    pub fn is_registered(&self) -> bool {
        matches!(self.info(), Some(i) if i.status == RelStatus::Registered)
    }

    /// Whether the relation type is written as an absolute URI
    /// (`scheme ":" ...`, `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`): the form
    /// RFC 8288 §2.1.2 requires of extension relation types.
    pub fn is_extension(&self) -> bool {
        let mut bytes = self.name.bytes();
        if !matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic()) {
            return false;
        }
        for b in bytes {
            match b {
                b':' => return true,
                b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {}
                _ => return false,
            }
        }
        false
    }

    /// Every relation type this crate knows, in registry order.
    pub fn known() -> &'static [RelInfo] {
        REGISTRY
    }
}

impl<'b> PartialEq<Rel<'b>> for Rel<'_> {
    fn eq(&self, other: &Rel<'b>) -> bool {
        self.name.unescaped_len() == other.name.unescaped_len()
            && Logical::of(self.name)
                .zip(Logical::of(other.name))
                .all(|(a, b)| a.eq_ignore_ascii_case(&b))
    }
}

impl Eq for Rel<'_> {}

impl PartialEq<str> for Rel<'_> {
    fn eq(&self, other: &str) -> bool {
        self.name.eq_ignore_ascii_case(other.as_bytes())
    }
}

impl PartialEq<&str> for Rel<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.name.eq_ignore_ascii_case(other.as_bytes())
    }
}

impl fmt::Debug for Rel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rel({:?})", format_args!("{}", self.name))
    }
}

/// The name as sent (unescaped).
impl fmt::Display for Rel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.name, f)
    }
}

/// The relation types of one `rel` value, from [`Link::rels`](crate::Link::rels):
/// `relation-type *( 1*SP relation-type )` (RFC 8288 §3.3).
///
/// Split on SP and HTAB (RFC 8288 Appendix B splits on RWS); leading, trailing and repeated
/// whitespace yields no empty relation type.
///
/// ```
/// use signpost_link::{Links, Rel};
///
/// let link = Links::new(br#"<http://example.org/>; rel="start http://example.net/relation/other""#)
///     .next().unwrap()?;
/// let rels: Vec<String> = link.rels().map(|r| r.to_string()).collect();
/// assert_eq!(rels, ["start", "http://example.net/relation/other"]);
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Rels<'a> {
    rest: &'a [u8],
    escaped: bool,
}

impl<'a> Rels<'a> {
    pub(crate) fn new(value: Option<Value<'a>>) -> Rels<'a> {
        match value {
            Some(v) => Rels { rest: v.as_raw(), escaped: v.has_escapes() },
            None => Rels { rest: &[], escaped: false },
        }
    }

    /// Whether the logical byte at `i` is whitespace; returns its raw width.
    #[inline]
    fn space_at(&self, i: usize) -> Option<usize> {
        match self.rest.get(i) {
            Some(b' ' | b'\t') => Some(1),
            Some(b'\\') if self.escaped && matches!(self.rest.get(i + 1), Some(b' ' | b'\t')) => {
                Some(2)
            }
            _ => None,
        }
    }
}

impl<'a> Iterator for Rels<'a> {
    type Item = Rel<'a>;

    fn next(&mut self) -> Option<Rel<'a>> {
        let mut i = 0;
        while let Some(n) = self.space_at(i) {
            i += n;
        }
        let start = i;
        let mut escapes = 0;
        while i < self.rest.len() && self.space_at(i).is_none() {
            if self.escaped && self.rest[i] == b'\\' {
                escapes += 1;
                i += 2;
            } else {
                i += 1;
            }
        }
        let end = i.min(self.rest.len());
        let word = self.rest.get(start..end).unwrap_or_default();
        self.rest = self.rest.get(end..).unwrap_or_default();
        if word.is_empty() {
            return None;
        }
        let value = if escapes == 0 { Value::token(word) } else { Value::quoted(word, escapes) };
        Some(Rel::from_value(value))
    }
}

impl core::iter::FusedIterator for Rels<'_> {}

macro_rules! relations {
    ($( ($konst:ident, $name:literal, $status:ident, $reference:literal, $desc:literal); )*) => {
        impl Rel<'static> {
            $(
                #[doc = concat!("`", $name, "`: ", $desc, " (", $reference, ").")]
                pub const $konst: Rel<'static> = Rel::from_static($name);
            )*
        }

        static REGISTRY: &[RelInfo] = &[
            $( RelInfo {
                name: $name,
                status: RelStatus::$status,
                reference: $reference,
                description: $desc,
            }, )*
        ];
    };
}

relations! {
    (ABOUT, "about", Registered, "RFC6903", "Refers to a resource that is the subject of the link's context");
    (ALTERNATE, "alternate", Registered, "HTML", "Refers to a substitute for this context");
    (API_CATALOG, "api-catalog", Registered, "RFC9727", "Refers to a list of APIs available from the publisher of the link context");
    (APPENDIX, "appendix", Registered, "HTML 4.01 Specification", "Refers to an appendix");
    (AUTHOR, "author", Registered, "HTML", "Refers to the context's author");
    (BLOCKED_BY, "blocked-by", Registered, "RFC7725", "Identifies the entity that blocks access to a resource following receipt of a legal demand");
    (BOOKMARK, "bookmark", Registered, "HTML", "Gives a permanent link to use for bookmarking purposes");
    (CANONICAL, "canonical", Registered, "RFC6596", "Designates the preferred version of a resource (the IRI and its contents)");
    (CHAPTER, "chapter", Registered, "HTML 4.01 Specification", "Refers to a chapter in a collection of resources");
    (CITE_AS, "cite-as", Registered, "RFC8574", "Indicates that the link target is preferred over the link context for the purpose of permanent citation");
    (COLLECTION, "collection", Registered, "RFC6573", "The target IRI points to a resource which represents the collection resource for the context IRI");
    (CONTENTS, "contents", Registered, "HTML 4.01 Specification", "Refers to a table of contents");
    (COPYRIGHT, "copyright", Registered, "HTML 4.01 Specification", "Refers to a copyright statement that applies to the link's context");
    (CREATE_FORM, "create-form", Registered, "RFC6861", "The target IRI points to a resource where a submission form can be obtained");
    (CURRENT, "current", Registered, "RFC5005", "Refers to a resource containing the most recent item(s) in a collection of resources");
    (DESCRIBEDBY, "describedby", Registered, "Protocol for Web Description Resources (POWDER)", "Refers to a resource providing information about the link's context");
    (DESCRIBES, "describes", Registered, "RFC6892", "The link context provides a description of the link target (the inverse of describedby)");
    (DNS_PREFETCH, "dns-prefetch", Registered, "Resource Hints", "Indicates an origin that will be used to fetch required resources for the link context, to be resolved as early as possible");
    (DUPLICATE, "duplicate", Registered, "RFC6249", "Refers to a resource whose available representations are byte-for-byte identical with the corresponding representations of the context IRI");
    (EDIT, "edit", Registered, "RFC5023", "Refers to a resource that can be used to edit the link's context");
    (EDIT_FORM, "edit-form", Registered, "RFC6861", "The target IRI points to a resource where a submission form for editing associated resource can be obtained");
    (EDIT_MEDIA, "edit-media", Registered, "RFC5023", "Refers to a resource that can be used to edit media associated with the link's context");
    (ENCLOSURE, "enclosure", Registered, "RFC4287", "Identifies a related resource that is potentially large and might require special handling");
    (EXTERNAL, "external", Registered, "HTML", "Refers to a resource that is not part of the same site as the current context");
    (FIRST, "first", Registered, "RFC8288", "An IRI that refers to the furthest preceding resource in a series of resources");
    (GLOSSARY, "glossary", Registered, "HTML 4.01 Specification", "Refers to a glossary of terms");
    (HELP, "help", Registered, "HTML", "Refers to context-sensitive help");
    (HUB, "hub", Registered, "WebSub", "Refers to a hub that enables registration for notification of updates to the context");
    (ICON, "icon", Registered, "HTML", "Refers to an icon representing the link's context");
    (INDEX, "index", Registered, "HTML 4.01 Specification", "Refers to an index");
    (ITEM, "item", Registered, "RFC6573", "The target IRI points to a resource that is a member of the collection represented by the context IRI");
    (LAST, "last", Registered, "RFC8288", "An IRI that refers to the furthest following resource in a series of resources");
    (LATEST_VERSION, "latest-version", Registered, "RFC5829", "Points to a resource containing the latest (e.g., current) version of the context");
    (LICENSE, "license", Registered, "RFC4946", "Refers to a license associated with this context");
    (LINKSET, "linkset", Registered, "RFC9264", "The link target of a link with the linkset relation type provides a set of links, including links in which the link context of the link participates");
    (LRDD, "lrdd", Registered, "RFC6415", "Refers to further information about the link's context, expressed as a LRDD resource");
    (MANIFEST, "manifest", Registered, "Web App Manifest", "Links to a manifest file for the context");
    (MEMENTO, "memento", Registered, "RFC7089", "The Target IRI points to a Memento, a fixed resource that will not change state anymore");
    (MODULEPRELOAD, "modulepreload", Registered, "HTML", "Refers to a module that the user agent is to preemptively fetch and store for use in the current context");
    (NEXT, "next", Registered, "HTML", "Indicates that the link's context is a part of a series, and that the next in the series is the link target");
    (NOFOLLOW, "nofollow", Registered, "HTML", "Indicates that the context's original author or publisher does not endorse the link target");
    (NOOPENER, "noopener", Registered, "HTML", "Indicates that any newly created top-level browsing context which results from following the link will not be an auxiliary browsing context");
    (NOREFERRER, "noreferrer", Registered, "HTML", "Indicates that no referrer information is to be leaked when following the link");
    (ORIGINAL, "original", Registered, "RFC7089", "The Target IRI points to an Original Resource");
    (PAYMENT, "payment", Registered, "RFC8288", "Indicates a resource where payment is accepted");
    (PRECONNECT, "preconnect", Registered, "Resource Hints", "Indicates an origin that will be used to fetch required resources for the link context; the user agent ought to connect early");
    (PREDECESSOR_VERSION, "predecessor-version", Registered, "RFC5829", "Points to a resource containing the predecessor version in the version history");
    (PREFETCH, "prefetch", Registered, "Resource Hints", "Identifies a resource that might be required by the next navigation from the link context, and that the user agent ought to fetch");
    (PRELOAD, "preload", Registered, "Preload", "Refers to a resource that should be loaded early in the processing of the link's context, without blocking rendering");
    (PRERENDER, "prerender", Registered, "Resource Hints", "Identifies a resource that might be required by the next navigation from the link context, and that the user agent ought to fetch and execute");
    (PREV, "prev", Registered, "HTML", "Indicates that the link's context is a part of a series, and that the previous in the series is the link target");
    (PREVIEW, "preview", Registered, "RFC6903", "Refers to a resource that provides a preview of the link's context");
    (PREVIOUS, "previous", Registered, "HTML 4.01 Specification", "Refers to the previous resource in an ordered series of resources; synonym for prev");
    (PRIVACY_POLICY, "privacy-policy", Registered, "RFC6903", "Refers to a privacy policy associated with the link's context");
    (PROFILE, "profile", Registered, "RFC6906", "Identifies that a resource representation conforms to a certain profile, without affecting the non-profile semantics of the resource representation");
    (RELATED, "related", Registered, "RFC4287", "Identifies a related resource");
    (REPLIES, "replies", Registered, "RFC4685", "Identifies a resource that is a reply to the context of the link");
    (RESTCONF, "restconf", Registered, "RFC8040", "Identifies the root of RESTCONF API as configured on this HTTP server");
    (SEARCH, "search", Registered, "OpenSearch", "Refers to a resource that can be used to search through the link's context and related resources");
    (SECTION, "section", Registered, "HTML 4.01 Specification", "Refers to a section in a collection of resources");
    (SELF, "self", Registered, "RFC4287", "Conveys an identifier for the link's context");
    (SERVICE, "service", Registered, "RFC5023", "Indicates a URI that can be used to retrieve a service document");
    (SERVICE_DESC, "service-desc", Registered, "RFC8631", "Identifies service description for the context that is primarily intended for consumption by machines");
    (SERVICE_DOC, "service-doc", Registered, "RFC8631", "Identifies service documentation for the context that is primarily intended for human consumption");
    (SERVICE_META, "service-meta", Registered, "RFC8631", "Identifies general metadata for the context that is primarily intended for consumption by machines");
    (START, "start", Registered, "HTML 4.01 Specification", "Refers to the first resource in a collection of resources");
    (STATUS, "status", Registered, "RFC8631", "Identifies a resource that represents the context's status");
    (STYLESHEET, "stylesheet", Registered, "HTML", "Refers to a stylesheet");
    (SUBSECTION, "subsection", Registered, "HTML 4.01 Specification", "Refers to a resource serving as a subsection in a collection of resources");
    (SUCCESSOR_VERSION, "successor-version", Registered, "RFC5829", "Points to a resource containing the successor version in the version history");
    (SUNSET, "sunset", Registered, "RFC8594", "Identifies a resource that provides information about the context's retirement policy");
    (TAG, "tag", Registered, "HTML", "Gives a tag (identified by the given address) that applies to the current document");
    (TERMS_OF_SERVICE, "terms-of-service", Registered, "RFC6903", "Refers to the terms of service associated with the link's context");
    (TIMEGATE, "timegate", Registered, "RFC7089", "The Target IRI points to a TimeGate for an Original Resource");
    (TIMEMAP, "timemap", Registered, "RFC7089", "The Target IRI points to a TimeMap for an Original Resource");
    (TYPE, "type", Registered, "RFC6903", "Refers to a resource identifying the abstract semantic type of which the link's context is considered to be an instance");
    (UP, "up", Registered, "RFC8288", "Refers to a parent document in a hierarchy of documents");
    (VERSION_HISTORY, "version-history", Registered, "RFC5829", "Points to a resource containing the version history for the context");
    (VIA, "via", Registered, "RFC4287", "Identifies a resource that is the source of the information in the link's context");
    (WEBMENTION, "webmention", Registered, "Webmention", "Identifies a target URI that supports the Webmention protocol");
    (WORKING_COPY, "working-copy", Registered, "RFC5829", "Points to a working copy for this resource");
    (WORKING_COPY_OF, "working-copy-of", Registered, "RFC5829", "Points to the versioned resource from which this working copy was obtained");
    (TURI, "turi", UnregisteredDraft, "draft-sakimura-oauth-meta-05", "The token endpoint URI (OAuth response metadata; never registered, the draft expired)");
    (RURI, "ruri", UnregisteredDraft, "draft-sakimura-oauth-meta-05", "The resource endpoint URI (OAuth response metadata; never registered, the draft expired)");
    (DURI, "duri", UnregisteredDraft, "draft-sakimura-oauth-meta-05", "The discovery document URI (OAuth response metadata; never registered, the draft expired)");
    (AURI, "auri", UnregisteredDraft, "draft-sakimura-oauth-meta, IETF 95 OAuth slides", "The authorization endpoint URI (OAuth response metadata; never registered, the draft expired)");
}
