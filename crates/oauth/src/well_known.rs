//! Well-known metadata URLs: RFC 9728 §3.1 (protected resources), RFC 8414 §3.1
//! (authorization servers), OpenID Connect Discovery 1.0 §4, and the order in which MCP
//! clients probe them.
//!
//! Nothing here allocates: a metadata URL is a few borrowed slices that are written into any
//! [`core::fmt::Write`] (or formatted with `Display`).

use core::fmt;

use crate::metadata::{Mismatch, Rule};
use crate::url::{check_segment_nz, is_segment_nz, Url};
use crate::ParseError;

/// A well-known URI suffix (RFC 8615 §3): the part after `/.well-known/`.
///
/// RFC 9728 §3 and RFC 8414 §3 let applications register their own suffixes; the three that
/// OAuth discovery uses are constants.
///
/// ```
/// use signpost_oauth::Suffix;
///
/// assert_eq!(Suffix::OAUTH_PROTECTED_RESOURCE.as_str(), "oauth-protected-resource");
/// let mine = Suffix::new("example-protected-resource")?;
/// assert!(Suffix::new("a/b").is_err());
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Suffix<'a>(&'a str);

impl Suffix<'static> {
    /// `oauth-protected-resource` (RFC 9728 §3), the default for protected resources.
    pub const OAUTH_PROTECTED_RESOURCE: Suffix<'static> = Suffix("oauth-protected-resource");
    /// `oauth-authorization-server` (RFC 8414 §3), the default for authorization servers.
    pub const OAUTH_AUTHORIZATION_SERVER: Suffix<'static> = Suffix("oauth-authorization-server");
    /// `openid-configuration` (OpenID Connect Discovery 1.0 §4).
    pub const OPENID_CONFIGURATION: Suffix<'static> = Suffix("openid-configuration");

    /// A suffix from a constant, checked at compile time when used in a `const`.
    ///
    /// # Panics
    ///
    /// When `suffix` is not a `segment-nz` (empty, or holding a `/` or another character
    /// outside `pchar`).
    ///
    /// ```
    /// const MINE: signpost_oauth::Suffix<'static> = signpost_oauth::Suffix::from_static("example-resource");
    /// ```
    pub const fn from_static(suffix: &'static str) -> Suffix<'static> {
        assert!(is_segment_nz(suffix), "a well-known suffix must be a segment-nz");
        Suffix(suffix)
    }
}

impl<'a> Suffix<'a> {
    /// A suffix checked against `segment-nz = 1*pchar` (RFC 3986 §3.3), the syntax RFC 8615
    /// §3 requires of well-known URI suffixes.
    ///
    /// # Errors
    ///
    /// An empty suffix, or one with a character outside `pchar` (such as `/`), or a `%` not
    /// followed by two hex digits.
    pub fn new(suffix: &'a str) -> Result<Suffix<'a>, ParseError> {
        check_segment_nz(suffix)?;
        Ok(Suffix(suffix))
    }

    /// The suffix text.
    pub const fn as_str(&self) -> &'a str {
        self.0
    }
}

/// How a metadata URL was obtained.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UrlForm {
    /// Given by the server in a `WWW-Authenticate` `resource_metadata` parameter
    /// (RFC 9728 §5.1).
    Challenge,
    /// `/.well-known/<suffix>` inserted between the host and the path and query
    /// (RFC 9728 §3.1, RFC 8414 §3.1).
    Inserted,
    /// `/.well-known/<suffix>` right after the host, the path dropped: the fallback that MCP
    /// clients try when the path-inserted URL fails (MCP 2025-11-25); RFC 9728 does not
    /// define it for a resource with a path.
    Root,
    /// `/.well-known/<suffix>` appended to the issuer (OpenID Connect Discovery 1.0 §4).
    Appended,
}

/// Where a metadata URL that a client probes came from: given by a server, or a well-known
/// guess built from an identifier, and by which rule. Each candidate of
/// [`ResourceId::probe`] and [`Issuer::probe`] keeps its source ([`ResourceMetadataUrl::source`],
/// [`IssuerMetadataUrl::source`]), so that a client can report which URL answered and
/// whether it had been advertised or guessed; it costs nothing (it is read from the URL's
/// parts).
///
/// ```
/// use signpost_oauth::{Issuer, Kind, Source};
///
/// let issuer = Issuer::parse("https://auth.example.com/tenant1")?;
/// let sources: Vec<Source> = issuer.probe().map(|u| u.source()).collect();
/// assert_eq!(sources, [
///     Source::WellKnown(Kind::OAuthInserted),
///     Source::WellKnown(Kind::OpenIdInserted),
///     Source::WellKnown(Kind::OpenIdAppended),
/// ]);
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Advertised by the server: the `resource_metadata` URL of a `WWW-Authenticate`
    /// challenge (RFC 9728 §5.1), fetched as given.
    Advertised,
    /// A well-known URL built from an identifier (the resource's, or an issuer that the
    /// resource metadata's `authorization_servers` or a challenge named) by the rule of
    /// [`Kind`].
    WellKnown(Kind),
}

/// The rule that built a well-known metadata URL ([`Source::WellKnown`]).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `/.well-known/oauth-protected-resource` inserted between the host and the resource's
    /// path (RFC 9728 §3.1).
    ResourceInserted,
    /// `/.well-known/oauth-protected-resource` at the root of the resource's host, its path
    /// dropped: the MCP fallback (MCP 2025-11-25).
    ResourceRoot,
    /// `/.well-known/oauth-authorization-server` inserted before the issuer's path
    /// (RFC 8414 §3.1).
    OAuthInserted,
    /// `/.well-known/openid-configuration` inserted before the issuer's path (RFC 8414 §5).
    OpenIdInserted,
    /// `/.well-known/openid-configuration` appended to the issuer (OpenID Connect
    /// Discovery 1.0 §4).
    OpenIdAppended,
    /// Another suffix ([`Suffix::new`]) inserted the RFC 9728 §3.1 or RFC 8414 §3.1 way.
    OtherInserted,
}

/// The source of a URL of `form` whose suffix is `suffix` (`""` for a given URL).
fn source_of(form: UrlForm, suffix: &str) -> Source {
    let kind = match (form, suffix) {
        (UrlForm::Challenge, _) => return Source::Advertised,
        (UrlForm::Root, _) => Kind::ResourceRoot,
        (UrlForm::Appended, _) => Kind::OpenIdAppended,
        (_, "oauth-protected-resource") => Kind::ResourceInserted,
        (_, "oauth-authorization-server") => Kind::OAuthInserted,
        (_, "openid-configuration") => Kind::OpenIdInserted,
        _ => Kind::OtherInserted,
    };
    Source::WellKnown(kind)
}

/// The text of a metadata URL: either given, or `prefix "/.well-known/" suffix tail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Text<'a> {
    Given(&'a str),
    Built { prefix: &'a str, suffix: &'a str, tail: &'a str },
}

const WELL_KNOWN: &str = "/.well-known/";

impl Text<'_> {
    fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match *self {
            Text::Given(s) => out.write_str(s),
            Text::Built { prefix, suffix, tail } => {
                out.write_str(prefix)?;
                out.write_str(WELL_KNOWN)?;
                out.write_str(suffix)?;
                out.write_str(tail)
            }
        }
    }

    /// The well-known suffix (`""` for a given URL).
    fn suffix(&self) -> &str {
        match *self {
            Text::Given(_) => "",
            Text::Built { suffix, .. } => suffix,
        }
    }

    fn len(&self) -> usize {
        match *self {
            Text::Given(s) => s.len(),
            Text::Built { prefix, suffix, tail } => {
                prefix.len() + WELL_KNOWN.len() + suffix.len() + tail.len()
            }
        }
    }

    fn eq_str(&self, other: &str) -> bool {
        match *self {
            Text::Given(s) => s == other,
            Text::Built { prefix, suffix, tail } => {
                let o = other.as_bytes();
                o.len() == self.len()
                    && o.starts_with(prefix.as_bytes())
                    && o[prefix.len()..].starts_with(WELL_KNOWN.as_bytes())
                    && o[prefix.len() + WELL_KNOWN.len()..].starts_with(suffix.as_bytes())
                    && o.ends_with(tail.as_bytes())
            }
        }
    }
}

macro_rules! metadata_url_common {
    ($ty:ident) => {
        impl<'a> $ty<'a> {
            /// Writes the URL into `out` (a `String`, a `heapless::String`, a formatter...).
            ///
            /// # Errors
            ///
            /// Only the writer's own error (for instance a fixed-capacity buffer that is full;
            /// [`len`](Self::len) tells how much room the URL needs).
            pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
                self.text.write_to(out)
            }

            /// The length of the URL in bytes.
            pub fn len(&self) -> usize {
                self.text.len()
            }

            /// Whether the URL is empty (only a given URL can be).
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// How the URL was obtained.
            pub const fn form(&self) -> UrlForm {
                self.form
            }

            /// Where the URL came from: advertised by the server, or a well-known guess
            /// and its rule.
            pub fn source(&self) -> Source {
                source_of(self.form, self.text.suffix())
            }

            /// Whether the URL is exactly `other`, compared byte for byte without building it.
            pub fn eq_str(&self, other: &str) -> bool {
                self.text.eq_str(other)
            }
        }

        impl fmt::Display for $ty<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.text.write_to(f)
            }
        }

        impl PartialEq<str> for $ty<'_> {
            fn eq(&self, other: &str) -> bool {
                self.eq_str(other)
            }
        }

        impl PartialEq<&str> for $ty<'_> {
            fn eq(&self, other: &&str) -> bool {
                self.eq_str(other)
            }
        }
    };
}

/// Where a protected resource's metadata is, and which `resource` value the document there
/// must carry.
///
/// Made by [`ResourceId::metadata_url`], [`ResourceId::probe`] and
/// [`ResourceMetadataUrl::from_challenge`]. It is `Display`; [`write_to`](Self::write_to)
/// writes it into any [`core::fmt::Write`] without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceMetadataUrl<'a> {
    text: Text<'a>,
    expected: &'a str,
    form: UrlForm,
}

metadata_url_common!(ResourceMetadataUrl);

impl<'a> ResourceMetadataUrl<'a> {
    /// The URL a server gave in a `WWW-Authenticate` `resource_metadata` parameter
    /// (RFC 9728 §5.1), for a request made to `request_url`.
    ///
    /// The document found there must carry `resource` identical to `request_url`
    /// (RFC 9728 §3.3). The URL came from a server: pass it through a
    /// [`Guard`](crate::Guard) before fetching it.
    pub const fn from_challenge(metadata_url: &'a str, request_url: &'a str) -> Self {
        ResourceMetadataUrl {
            text: Text::Given(metadata_url),
            expected: request_url,
            form: UrlForm::Challenge,
        }
    }

    /// The `resource` value the document must carry, identical code point for code point.
    pub const fn expected_resource(&self) -> &'a str {
        self.expected
    }

    /// The rule the `resource` check follows: [`Rule::RequestUrl`] for a URL from a
    /// challenge, [`Rule::ResourceIdentifier`] otherwise.
    pub const fn rule(&self) -> Rule {
        match self.form {
            UrlForm::Challenge => Rule::RequestUrl,
            _ => Rule::ResourceIdentifier,
        }
    }

    /// Checks the `resource` member of the document fetched from this URL (RFC 9728 §3.3).
    ///
    /// # Errors
    ///
    /// A [`Mismatch`] carrying both strings when they are not identical.
    pub fn check<'s>(&self, resource: &'s str) -> Result<(), Mismatch<'s>>
    where
        'a: 's,
    {
        self.rule().check(self.expected, resource)
    }
}

/// Where an authorization server's metadata is, and which `issuer` value the document there
/// must carry.
///
/// Made by [`Issuer::metadata_url`], [`Issuer::openid_configuration_url`] and
/// [`Issuer::probe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssuerMetadataUrl<'a> {
    text: Text<'a>,
    expected: &'a str,
    form: UrlForm,
}

metadata_url_common!(IssuerMetadataUrl);

impl<'a> IssuerMetadataUrl<'a> {
    /// The `issuer` value the document must carry, identical code point for code point.
    pub const fn expected_issuer(&self) -> &'a str {
        self.expected
    }

    /// The rule the `issuer` check follows: [`Rule::OpenIdIssuer`] for the appended OpenID
    /// form, [`Rule::Issuer`] (RFC 8414 §3.3) for the inserted forms.
    pub const fn rule(&self) -> Rule {
        match self.form {
            UrlForm::Appended => Rule::OpenIdIssuer,
            _ => Rule::Issuer,
        }
    }

    /// Checks the `issuer` member of the document fetched from this URL (RFC 8414 §3.3,
    /// OpenID Connect Discovery 1.0 §4.3).
    ///
    /// # Errors
    ///
    /// A [`Mismatch`] carrying both strings when they are not identical.
    pub fn check<'s>(&self, issuer: &'s str) -> Result<(), Mismatch<'s>>
    where
        'a: 's,
    {
        self.rule().check(self.expected, issuer)
    }
}

/// The path of a well-known metadata URL on its host: what a server routes to serve the
/// document. It is `/.well-known/<suffix>` followed by the identifier's path (RFC 9728
/// §3.1, RFC 8414 §3.1); the identifier's query, when it has one, belongs to the URL but not
/// to the path ([`query`](Self::query)).
///
/// Made by [`ResourceId::metadata_path`] and [`Issuer::metadata_path`] from the parsed
/// identifier, without building or parsing the URL. It is `Display`, writes itself into any
/// [`core::fmt::Write`], and compares with a request's path without allocating.
///
/// ```
/// use signpost_oauth::ResourceId;
///
/// let resource = ResourceId::parse("https://mcp.example.com/public/mcp")?;
/// let path = resource.metadata_path();
/// assert_eq!(path.to_string(), "/.well-known/oauth-protected-resource/public/mcp");
/// assert!(path == "/.well-known/oauth-protected-resource/public/mcp"); // a request's path
/// assert_eq!(path.query(), None);
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetadataPath<'a> {
    suffix: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

impl<'a> MetadataPath<'a> {
    /// Writes the path into `out`.
    ///
    /// # Errors
    ///
    /// Only the writer's own error (a fixed-capacity buffer that is full;
    /// [`len`](Self::len) tells how much room the path needs).
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(WELL_KNOWN)?;
        out.write_str(self.suffix)?;
        out.write_str(self.path)
    }

    /// The length of the path in bytes.
    pub fn len(&self) -> usize {
        WELL_KNOWN.len() + self.suffix.len() + self.path.len()
    }

    /// Always `false`: the path starts with `/.well-known/`.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The well-known suffix (`oauth-protected-resource`).
    pub const fn suffix(&self) -> &'a str {
        self.suffix
    }

    /// The identifier's path that follows the suffix (empty for an identifier without a
    /// path, or with `/` only).
    pub const fn resource_path(&self) -> &'a str {
        self.path
    }

    /// The identifier's query (without `?`), which the metadata URL carries after the path.
    pub const fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// Whether the path is exactly `other`, compared byte for byte without building it.
    pub fn eq_str(&self, other: &str) -> bool {
        Text::Built { prefix: "", suffix: self.suffix, tail: self.path }.eq_str(other)
    }
}

impl fmt::Display for MetadataPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl PartialEq<str> for MetadataPath<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for MetadataPath<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

/// Checks what every identifier needs: an authority with a non-empty host.
fn check_authority(url: &Url<'_>, message: &'static str) -> Result<(), ParseError> {
    let b = url.as_str().as_bytes();
    if url.authority_end().is_none() {
        return Err(ParseError::at(b, url.scheme_end() + 1, message));
    }
    let (host_start, host_end) = url.host_span();
    if host_start == host_end {
        return Err(ParseError::at(b, host_start, "expected host in authority"));
    }
    Ok(())
}

/// An error at `offset` when there is one.
fn refuse(url: &Url<'_>, offset: Option<usize>, message: &'static str) -> Result<(), ParseError> {
    match offset {
        Some(at) => Err(ParseError::at(url.as_str().as_bytes(), at, message)),
        None => Ok(()),
    }
}

/// A protected resource's identifier (RFC 9728 §1.2): a URL with an authority and no
/// fragment, kept exactly as written.
///
/// It is what the client is after: the URL it sends its requests to (for MCP, the server's
/// URL), which the metadata document's `resource` must equal.
///
/// ```
/// use signpost_oauth::ResourceId;
///
/// let resource = ResourceId::parse("https://resource.example.com/resource1")?;
/// assert_eq!(
///     resource.metadata_url().to_string(),
///     "https://resource.example.com/.well-known/oauth-protected-resource/resource1"
/// );
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
///
/// The scheme is not checked here (a local development server may well be `http`): a
/// [`Guard`](crate::Guard) decides what may be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceId<'a> {
    url: Url<'a>,
}

impl<'a> ResourceId<'a> {
    /// Parses a resource identifier.
    ///
    /// # Errors
    ///
    /// Anything [`Url::parse`] refuses, a URL without an authority or with an empty host,
    /// and a fragment (RFC 9728 §1.2: "has no fragment component").
    pub fn parse(input: &'a str) -> Result<ResourceId<'a>, ParseError> {
        ResourceId::from_url(Url::parse(input)?)
    }

    /// A resource identifier from an already split URL.
    ///
    /// # Errors
    ///
    /// As [`ResourceId::parse`], less the syntax errors.
    pub fn from_url(url: Url<'a>) -> Result<ResourceId<'a>, ParseError> {
        check_authority(&url, "expected '//' authority in resource identifier")?;
        refuse(
            &url,
            url.fragment_offset(),
            "fragment not allowed in resource identifier (RFC 9728 §1.2)",
        )?;
        Ok(ResourceId { url })
    }

    /// The identifier as written.
    pub const fn as_str(&self) -> &'a str {
        self.url.as_str()
    }

    /// The identifier's components.
    pub const fn url(&self) -> &Url<'a> {
        &self.url
    }

    /// `scheme "://" authority`, the part before the path.
    fn head(&self) -> &'a str {
        let end = self.url.authority_end().unwrap_or(0);
        &self.url.as_str()[..end]
    }

    /// The path and query after the host, with a lone `/` path removed (RFC 9728 §3.1).
    fn tail(&self) -> &'a str {
        let s = self.url.as_str();
        let start = self.url.authority_end().unwrap_or(0);
        let rest = &s[start..];
        // "If the resource identifier value contains a path or query component, any
        // terminating slash (/) following the host component MUST be removed": only a `/`
        // that directly follows the host and ends the path. `https://host/mcp/` keeps its
        // slash (RFC 8414's rule, which removes any terminating slash, differs).
        if self.url.path() == "/" {
            &rest[1..]
        } else {
            rest
        }
    }

    /// The metadata URL with the default suffix `oauth-protected-resource` (RFC 9728 §3.1).
    ///
    /// ```
    /// use signpost_oauth::ResourceId;
    ///
    /// let url = |s| ResourceId::parse(s).unwrap().metadata_url().to_string();
    /// assert_eq!(url("https://resource.example.com"), "https://resource.example.com/.well-known/oauth-protected-resource");
    /// assert_eq!(url("https://resource.example.com/"), "https://resource.example.com/.well-known/oauth-protected-resource");
    /// assert_eq!(url("https://host/mcp/"), "https://host/.well-known/oauth-protected-resource/mcp/");
    /// assert_eq!(url("https://host/api?v=2"), "https://host/.well-known/oauth-protected-resource/api?v=2");
    /// ```
    pub fn metadata_url(&self) -> ResourceMetadataUrl<'a> {
        self.metadata_url_with(Suffix::OAUTH_PROTECTED_RESOURCE)
    }

    /// The metadata URL with an application-specific suffix (RFC 9728 §3).
    pub fn metadata_url_with(&self, suffix: Suffix<'a>) -> ResourceMetadataUrl<'a> {
        ResourceMetadataUrl {
            text: Text::Built { prefix: self.head(), suffix: suffix.as_str(), tail: self.tail() },
            expected: self.as_str(),
            form: UrlForm::Inserted,
        }
    }

    /// The path of [`metadata_url`](Self::metadata_url) on the resource's host: the route
    /// a resource server serves its metadata at (RFC 9728 §3.1), read from the parsed
    /// identifier.
    ///
    /// ```
    /// use signpost_oauth::ResourceId;
    ///
    /// let path = |s| ResourceId::parse(s).unwrap().metadata_path().to_string();
    /// assert_eq!(path("https://resource.example.com"), "/.well-known/oauth-protected-resource");
    /// assert_eq!(path("https://resource.example.com/"), "/.well-known/oauth-protected-resource");
    /// assert_eq!(path("https://host/mcp/"), "/.well-known/oauth-protected-resource/mcp/");
    /// let resource = ResourceId::parse("https://host/api?v=2").unwrap();
    /// assert_eq!(resource.metadata_path().to_string(), "/.well-known/oauth-protected-resource/api");
    /// assert_eq!(resource.metadata_path().query(), Some("v=2"));
    /// ```
    pub fn metadata_path(&self) -> MetadataPath<'a> {
        self.metadata_path_with(Suffix::OAUTH_PROTECTED_RESOURCE)
    }

    /// The path of [`metadata_url_with`](Self::metadata_url_with) on the resource's host.
    pub fn metadata_path_with(&self, suffix: Suffix<'a>) -> MetadataPath<'a> {
        let path = self.url.path();
        // RFC 9728 §3.1: a `/` that directly follows the host and ends the path goes.
        let path = if path == "/" { "" } else { path };
        MetadataPath { suffix: suffix.as_str(), path, query: self.url.query() }
    }

    /// The well-known URL at the root of the host, the path and query dropped: the fallback
    /// MCP clients try second (MCP 2025-11-25). The document there must still describe this
    /// resource: its `resource` must equal this identifier, as MCP clients check.
    pub fn root_metadata_url(&self) -> ResourceMetadataUrl<'a> {
        ResourceMetadataUrl {
            text: Text::Built {
                prefix: self.head(),
                suffix: Suffix::OAUTH_PROTECTED_RESOURCE.as_str(),
                tail: "",
            },
            expected: self.as_str(),
            form: UrlForm::Root,
        }
    }

    /// The metadata URLs to try, in order (MCP 2025-11-25): the `resource_metadata` URL of
    /// the challenge when there is one (and nothing else), otherwise the path-inserted URL
    /// and then the root URL (once, when they are the same).
    ///
    /// With a challenge URL, the resource identifier is taken as the URL of the request that
    /// drew the challenge: the document's `resource` must equal it (RFC 9728 §3.3). When the
    /// request went elsewhere, build the candidate with
    /// [`ResourceMetadataUrl::from_challenge`].
    ///
    /// ```
    /// use signpost_oauth::ResourceId;
    ///
    /// let resource = ResourceId::parse("https://example.com/public/mcp")?;
    /// let urls: Vec<String> = resource.probe(None).map(|u| u.to_string()).collect();
    /// assert_eq!(urls, [
    ///     "https://example.com/.well-known/oauth-protected-resource/public/mcp",
    ///     "https://example.com/.well-known/oauth-protected-resource",
    /// ]);
    /// # Ok::<(), signpost_oauth::ParseError>(())
    /// ```
    pub fn probe(&self, resource_metadata: Option<&'a str>) -> ResourceProbe<'a> {
        let mut items = [None; 2];
        if let Some(given) = resource_metadata {
            items[0] = Some(ResourceMetadataUrl::from_challenge(given, self.as_str()));
        } else {
            items[0] = Some(self.metadata_url());
            if !self.tail().is_empty() {
                items[1] = Some(self.root_metadata_url());
            }
        }
        ResourceProbe { items, next: 0 }
    }
}

/// An authorization server's issuer identifier (RFC 8414 §2): a URL with an authority and no
/// query or fragment, kept exactly as written.
///
/// ```
/// use signpost_oauth::Issuer;
///
/// let issuer = Issuer::parse("https://example.com/issuer1")?;
/// assert_eq!(
///     issuer.metadata_url().to_string(),
///     "https://example.com/.well-known/oauth-authorization-server/issuer1"
/// );
/// assert_eq!(
///     issuer.openid_configuration_url().to_string(),
///     "https://example.com/issuer1/.well-known/openid-configuration"
/// );
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
///
/// Keep the text exactly as the server sent it (in `authorization_servers`, or in a
/// challenge's `issuer`): the metadata's `issuer` must be identical to it, and a URL type
/// that adds a trailing slash (`new URL(s).toString()`) breaks that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issuer<'a> {
    url: Url<'a>,
}

impl<'a> Issuer<'a> {
    /// Parses an issuer identifier.
    ///
    /// # Errors
    ///
    /// Anything [`Url::parse`] refuses, a URL without an authority or with an empty host,
    /// a query or a fragment (RFC 8414 §2: "has no query or fragment components").
    pub fn parse(input: &'a str) -> Result<Issuer<'a>, ParseError> {
        Issuer::from_url(Url::parse(input)?)
    }

    /// An issuer identifier from an already split URL.
    ///
    /// # Errors
    ///
    /// As [`Issuer::parse`], less the syntax errors.
    pub fn from_url(url: Url<'a>) -> Result<Issuer<'a>, ParseError> {
        check_authority(&url, "expected '//' authority in issuer identifier")?;
        refuse(&url, url.query_offset(), "query not allowed in issuer identifier (RFC 8414 §2)")?;
        refuse(
            &url,
            url.fragment_offset(),
            "fragment not allowed in issuer identifier (RFC 8414 §2)",
        )?;
        Ok(Issuer { url })
    }

    /// The identifier as written.
    pub const fn as_str(&self) -> &'a str {
        self.url.as_str()
    }

    /// The identifier's components.
    pub const fn url(&self) -> &Url<'a> {
        &self.url
    }

    fn head(&self) -> &'a str {
        let end = self.url.authority_end().unwrap_or(0);
        &self.url.as_str()[..end]
    }

    /// The path with one terminating `/` removed (RFC 8414 §3.1, OpenID Connect Discovery
    /// 1.0 §4).
    fn path(&self) -> &'a str {
        let (start, end) = self.url.path_span();
        let path = &self.url.as_str()[start..end];
        path.strip_suffix('/').unwrap_or(path)
    }

    fn inserted(&self, suffix: Suffix<'a>) -> IssuerMetadataUrl<'a> {
        IssuerMetadataUrl {
            text: Text::Built { prefix: self.head(), suffix: suffix.as_str(), tail: self.path() },
            expected: self.as_str(),
            form: UrlForm::Inserted,
        }
    }

    /// The metadata URL with the default suffix `oauth-authorization-server`
    /// (RFC 8414 §3.1): the suffix inserted between the host and the path, any terminating
    /// `/` of the path removed.
    ///
    /// ```
    /// use signpost_oauth::Issuer;
    ///
    /// let url = |s| Issuer::parse(s).unwrap().metadata_url().to_string();
    /// assert_eq!(url("https://example.com"), "https://example.com/.well-known/oauth-authorization-server");
    /// assert_eq!(url("https://example.com/issuer1/"), "https://example.com/.well-known/oauth-authorization-server/issuer1");
    /// ```
    pub fn metadata_url(&self) -> IssuerMetadataUrl<'a> {
        self.inserted(Suffix::OAUTH_AUTHORIZATION_SERVER)
    }

    /// The metadata URL with another suffix inserted the RFC 8414 §3.1 way (an
    /// application-specific one, RFC 8414 §3, or `openid-configuration`, RFC 8414 §5).
    pub fn metadata_url_with(&self, suffix: Suffix<'a>) -> IssuerMetadataUrl<'a> {
        self.inserted(suffix)
    }

    /// The path of [`metadata_url`](Self::metadata_url) on the issuer's host: the route an
    /// authorization server serves its metadata at (RFC 8414 §3.1).
    ///
    /// ```
    /// use signpost_oauth::Issuer;
    ///
    /// let issuer = Issuer::parse("https://example.com/issuer1/")?;
    /// assert_eq!(issuer.metadata_path().to_string(), "/.well-known/oauth-authorization-server/issuer1");
    /// # Ok::<(), signpost_oauth::ParseError>(())
    /// ```
    pub fn metadata_path(&self) -> MetadataPath<'a> {
        self.metadata_path_with(Suffix::OAUTH_AUTHORIZATION_SERVER)
    }

    /// The path of [`metadata_url_with`](Self::metadata_url_with) on the issuer's host.
    pub fn metadata_path_with(&self, suffix: Suffix<'a>) -> MetadataPath<'a> {
        MetadataPath { suffix: suffix.as_str(), path: self.path(), query: None }
    }

    /// The OpenID Connect Discovery URL: `/.well-known/openid-configuration` appended to the
    /// issuer, a terminating `/` removed first (OpenID Connect Discovery 1.0 §4).
    pub fn openid_configuration_url(&self) -> IssuerMetadataUrl<'a> {
        // `head` and `path` are contiguous in the input.
        let prefix = &self.url.as_str()[..self.head().len() + self.path().len()];
        IssuerMetadataUrl {
            text: Text::Built { prefix, suffix: Suffix::OPENID_CONFIGURATION.as_str(), tail: "" },
            expected: self.as_str(),
            form: UrlForm::Appended,
        }
    }

    /// The metadata URLs to try, in order (MCP 2025-11-25). For an issuer with a path:
    /// `oauth-authorization-server` inserted, `openid-configuration` inserted,
    /// `openid-configuration` appended. Without a path (or with `/` only): the first two, which
    /// then equal the third.
    ///
    /// ```
    /// use signpost_oauth::Issuer;
    ///
    /// let issuer = Issuer::parse("https://auth.example.com/tenant1")?;
    /// let urls: Vec<String> = issuer.probe().map(|u| u.to_string()).collect();
    /// assert_eq!(urls, [
    ///     "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
    ///     "https://auth.example.com/.well-known/openid-configuration/tenant1",
    ///     "https://auth.example.com/tenant1/.well-known/openid-configuration",
    /// ]);
    /// # Ok::<(), signpost_oauth::ParseError>(())
    /// ```
    pub fn probe(&self) -> IssuerProbe<'a> {
        let mut items = [None; 3];
        items[0] = Some(self.metadata_url());
        items[1] = Some(self.inserted(Suffix::OPENID_CONFIGURATION));
        if !self.path().is_empty() {
            items[2] = Some(self.openid_configuration_url());
        }
        IssuerProbe { items, next: 0 }
    }
}

macro_rules! probe_iter {
    ($ty:ident, $item:ident) => {
        impl<'a> Iterator for $ty<'a> {
            type Item = $item<'a>;

            fn next(&mut self) -> Option<$item<'a>> {
                let item = self.items.get(self.next).copied().flatten()?;
                self.next += 1;
                Some(item)
            }

            fn size_hint(&self) -> (usize, Option<usize>) {
                let n = self.items.iter().skip(self.next).filter(|i| i.is_some()).count();
                (n, Some(n))
            }
        }

        impl ExactSizeIterator for $ty<'_> {}
        impl core::iter::FusedIterator for $ty<'_> {}
    };
}

/// The protected-resource metadata URLs a client tries, in order; see
/// [`ResourceId::probe`].
#[derive(Clone, Debug)]
pub struct ResourceProbe<'a> {
    items: [Option<ResourceMetadataUrl<'a>>; 2],
    next: usize,
}

probe_iter!(ResourceProbe, ResourceMetadataUrl);

/// The authorization-server metadata URLs a client tries, in order; see [`Issuer::probe`].
#[derive(Clone, Debug)]
pub struct IssuerProbe<'a> {
    items: [Option<IssuerMetadataUrl<'a>>; 3],
    next: usize,
}

probe_iter!(IssuerProbe, IssuerMetadataUrl);
