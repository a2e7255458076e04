//! The exact-match rules of RFC 9728 §3.3, RFC 8414 §3.3 and OpenID Connect Discovery 1.0
//! §4.3 ([`Rule`]), and what a failed check reports ([`Mismatch`]).

use core::fmt;

/// Which identity rule a metadata document must meet.
///
/// Every rule compares two strings code point by code point, with no normalisation: case,
/// percent-encoding, default ports and trailing slashes all count.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// RFC 9728 §3.3: `resource` must be identical to the resource identifier the
    /// well-known URL was built from.
    ResourceIdentifier,
    /// RFC 9728 §3.3: when the metadata URL came from a `WWW-Authenticate`
    /// `resource_metadata` parameter, `resource` must be identical to the URL of the request
    /// that drew the challenge.
    RequestUrl,
    /// RFC 8414 §3.3: `issuer` must be identical to the issuer identifier the well-known URL
    /// was built from.
    Issuer,
    /// OpenID Connect Discovery 1.0 §4.3: `issuer` must be identical to the issuer URL that
    /// `/.well-known/openid-configuration` was appended to.
    OpenIdIssuer,
}

impl Rule {
    /// The metadata member the rule checks: `"resource"` or `"issuer"`.
    pub const fn member(self) -> &'static str {
        match self {
            Rule::ResourceIdentifier | Rule::RequestUrl => "resource",
            Rule::Issuer | Rule::OpenIdIssuer => "issuer",
        }
    }

    /// The rule in words, with its reference.
    pub const fn description(self) -> &'static str {
        match self {
            Rule::ResourceIdentifier => {
                "RFC 9728 §3.3: resource must be identical to the resource identifier the metadata URL was built from"
            }
            Rule::RequestUrl => {
                "RFC 9728 §3.3: resource must be identical to the URL of the request that returned resource_metadata"
            }
            Rule::Issuer => {
                "RFC 8414 §3.3: issuer must be identical to the issuer identifier the metadata URL was built from"
            }
            Rule::OpenIdIssuer => {
                "OpenID Connect Discovery 1.0 §4.3: issuer must be identical to the issuer the configuration URL was built from"
            }
        }
    }

    /// Compares `found` (the document's member) with `expected`, code point by code point.
    ///
    /// ```
    /// use signpost_oauth::Rule;
    ///
    /// assert!(Rule::Issuer.check("https://as.example.com", "https://as.example.com").is_ok());
    /// let err = Rule::Issuer.check("https://as.example.com/", "https://as.example.com").unwrap_err();
    /// assert_eq!((err.expected(), err.found(), err.first_difference()), ("https://as.example.com/", "https://as.example.com", 22));
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Mismatch`] carrying both strings when they differ.
    pub fn check<'s>(self, expected: &'s str, found: &'s str) -> Result<(), Mismatch<'s>> {
        if expected == found {
            Ok(())
        } else {
            Err(Mismatch { rule: self, expected, found })
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A metadata document that names a different resource or issuer than the one the client
/// asked about: its data must not be used (RFC 9728 §3.3, RFC 8414 §3.3).
///
/// ```
/// use signpost_oauth::ResourceId;
///
/// // MCP python-sdk#1400: the server announced its root, the client uses /mcp.
/// let resource = ResourceId::parse("http://localhost:8001/mcp")?;
/// let url = resource.metadata_url();
/// let err = url.check("http://localhost:8001/").unwrap_err();
/// assert_eq!(err.expected(), "http://localhost:8001/mcp");
/// assert_eq!(err.found(), "http://localhost:8001/");
/// assert_eq!(
///     err.to_string(),
///     "resource \"http://localhost:8001/\" is not identical to \"http://localhost:8001/mcp\" \
///      (they differ at byte 22; RFC 9728 §3.3: resource must be identical to the resource \
///      identifier the metadata URL was built from)"
/// );
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch<'a> {
    rule: Rule,
    expected: &'a str,
    found: &'a str,
}

impl<'a> Mismatch<'a> {
    /// The rule that was broken.
    pub const fn rule(&self) -> Rule {
        self.rule
    }

    /// The member that differed: `"resource"` or `"issuer"`.
    pub const fn member(&self) -> &'static str {
        self.rule.member()
    }

    /// The value the client expected (the identifier it built the URL from, or the URL of
    /// its request).
    pub const fn expected(&self) -> &'a str {
        self.expected
    }

    /// The value the document carried.
    pub const fn found(&self) -> &'a str {
        self.found
    }

    /// The byte offset of the first difference (the length of the shorter string when one
    /// is a prefix of the other).
    pub fn first_difference(&self) -> usize {
        self.expected.bytes().zip(self.found.bytes()).take_while(|(a, b)| a == b).count()
    }
}

impl fmt::Display for Mismatch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug formatting quotes and escapes both strings: the found one comes from a
        // server and may hold anything.
        write!(
            f,
            "{} {:?} is not identical to {:?} (they differ at byte {}; {})",
            self.member(),
            self.found,
            self.expected,
            self.first_difference(),
            self.rule
        )
    }
}

impl core::error::Error for Mismatch<'_> {}
