//! `scope-token`: the borrowed [`ScopeToken`] and, under `alloc`, the owned [`ScopeTokenBuf`].

use core::fmt;
use core::ops::Deref;

use crate::error::{Error, EXPECTED_NQCHAR, EXPECTED_TOKEN};
use crate::table::{is_nqchar, is_nqchar_const};

/// The offset of the first byte of `bytes` that stops it from being a `scope-token`
/// (`bytes.len()` for an empty input), or `None` when it is one.
const fn first_invalid(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() {
        return Some(0);
    }
    let mut i = 0;
    while i < bytes.len() {
        if !is_nqchar_const(bytes[i]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Checks `scope-token = 1*NQCHAR` (RFC 6749 §3.3 and Appendix A, `NQCHAR = %x21 / %x23-5B /
/// %x5D-7E`): at least one byte, every byte a visible ASCII character other than `"` and `\`.
pub(crate) fn check_token(bytes: &[u8]) -> Result<(), Error> {
    if bytes.is_empty() {
        return Err(Error::at(bytes, 0, EXPECTED_TOKEN));
    }
    match bytes.iter().position(|&b| !is_nqchar(b)) {
        None => Ok(()),
        Some(i) => Err(Error::at(bytes, i, EXPECTED_NQCHAR)),
    }
}

/// One validated `scope-token`, borrowed: a non-empty run of `NQCHAR`s (visible ASCII
/// except `"` and `\`, no space).
///
/// ```abnf
/// scope-token = 1*NQCHAR                       ; RFC 6749 §3.3
/// NQCHAR      = %x21 / %x23-5B / %x5D-7E       ; RFC 6749 Appendix A
/// ```
///
/// Tokens compare case-sensitively, byte by byte (RFC 6749 §3.3: "The strings are defined
/// by the authorization server" and compared as they are); `Ord` is byte-wise, the order of
/// the canonical form. A `ScopeToken` dereferences to `str`.
///
/// ```
/// use signpost_scope::ScopeToken;
///
/// let token = ScopeToken::new("files:read")?;
/// assert_eq!(token, "files:read");
/// assert_eq!(token.len(), 10);
///
/// // Checked when the program is compiled: a bad constant does not build.
/// const READ: ScopeToken<'static> = ScopeToken::from_static("files:read");
/// assert_eq!(READ, token);
/// assert_eq!(ScopeToken::OPENID.as_str(), "openid");
///
/// let err = ScopeToken::new("files read").unwrap_err();
/// assert_eq!(err.to_string(), "expected NQCHAR in scope-token, found ' ' at byte 5");
/// # Ok::<(), signpost_scope::Error>(())
/// ```
///
/// It is a `Copy` wrapper around `&str` rather than an unsized `str` newtype: the crate
/// forbids `unsafe`, and turning a `&str` into a `&UnsizedNewtype` needs it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScopeToken<'a>(&'a str);

impl ScopeToken<'static> {
    /// `openid`: the request is an OpenID Connect request (OpenID Connect Core 1.0 §3.1.2.1).
    pub const OPENID: ScopeToken<'static> = ScopeToken::from_static("openid");
    /// `offline_access`: asks for a refresh token usable while the user is away (OpenID
    /// Connect Core 1.0 §11). MCP servers should not challenge for it.
    pub const OFFLINE_ACCESS: ScopeToken<'static> = ScopeToken::from_static("offline_access");
    /// `profile`: the default profile claims (OpenID Connect Core 1.0 §5.4).
    pub const PROFILE: ScopeToken<'static> = ScopeToken::from_static("profile");
    /// `email`: the `email` and `email_verified` claims (OpenID Connect Core 1.0 §5.4).
    pub const EMAIL: ScopeToken<'static> = ScopeToken::from_static("email");
    /// `address`: the `address` claim (OpenID Connect Core 1.0 §5.4).
    pub const ADDRESS: ScopeToken<'static> = ScopeToken::from_static("address");
    /// `phone`: the `phone_number` and `phone_number_verified` claims (OpenID Connect Core
    /// 1.0 §5.4).
    pub const PHONE: ScopeToken<'static> = ScopeToken::from_static("phone");
}

impl<'a> ScopeToken<'a> {
    /// A token from a constant, checked when the constant is evaluated: an invalid token is a
    /// compile error in a `const` item, and a panic at run time elsewhere.
    ///
    /// ```
    /// use signpost_scope::ScopeToken;
    /// const WRITE: ScopeToken<'static> = ScopeToken::from_static("files:write");
    /// # assert_eq!(WRITE, "files:write");
    /// ```
    ///
    /// ```compile_fail
    /// use signpost_scope::ScopeToken;
    /// const BAD: ScopeToken<'static> = ScopeToken::from_static("files write");
    /// ```
    ///
    /// # Panics
    ///
    /// When `token` is not a `scope-token` (empty, or holding SP, `"`, `\`, a control or a
    /// non-ASCII byte). Use [`ScopeToken::new`] for input that is not a constant.
    #[track_caller]
    pub const fn from_static(token: &'static str) -> ScopeToken<'static> {
        match first_invalid(token.as_bytes()) {
            None => ScopeToken(token),
            Some(_) => panic!("invalid scope-token: expected 1*NQCHAR (RFC 6749 section 3.3)"),
        }
    }

    /// Checks that `token` is a `scope-token`.
    ///
    /// ```abnf
    /// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    /// ```
    ///
    /// # Errors
    ///
    /// An empty token (`"expected scope-token"`) or a byte that is not an `NQCHAR`
    /// (`"expected NQCHAR in scope-token"`), with its offset.
    pub fn new(token: &'a str) -> Result<ScopeToken<'a>, Error> {
        check_token(token.as_bytes())?;
        Ok(ScopeToken(token))
    }

    /// [`ScopeToken::new`] for bytes (a header value, a query parameter after
    /// percent-decoding). A valid token is ASCII, hence UTF-8.
    ///
    /// # Errors
    ///
    /// As [`ScopeToken::new`].
    pub fn from_bytes(token: &'a [u8]) -> Result<ScopeToken<'a>, Error> {
        check_token(token)?;
        match core::str::from_utf8(token) {
            Ok(s) => Ok(ScopeToken(s)),
            // Unreachable: every NQCHAR is ASCII.
            Err(e) => Err(Error::at(token, e.valid_up_to(), EXPECTED_NQCHAR)),
        }
    }

    /// Whether `token` is a `scope-token`, usable in constants.
    ///
    /// ```
    /// assert!(signpost_scope::ScopeToken::is_valid(b"repo:status"));
    /// assert!(!signpost_scope::ScopeToken::is_valid(b"a\\b"));
    /// ```
    pub const fn is_valid(token: &[u8]) -> bool {
        first_invalid(token).is_none()
    }

    /// A token the crate has already checked.
    #[inline(always)]
    pub(crate) const fn new_unchecked(token: &'a str) -> ScopeToken<'a> {
        ScopeToken(token)
    }

    /// The token as a string slice with the lifetime of the input.
    #[inline]
    pub const fn as_str(&self) -> &'a str {
        self.0
    }

    /// An owned copy.
    #[cfg(feature = "alloc")]
    pub fn to_buf(&self) -> ScopeTokenBuf {
        ScopeTokenBuf(alloc::string::String::from(self.0))
    }
}

impl Deref for ScopeToken<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for ScopeToken<'_> {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl AsRef<[u8]> for ScopeToken<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl core::borrow::Borrow<str> for ScopeToken<'_> {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl<'a> TryFrom<&'a str> for ScopeToken<'a> {
    type Error = Error;
    fn try_from(token: &'a str) -> Result<ScopeToken<'a>, Error> {
        ScopeToken::new(token)
    }
}

impl<'a> From<ScopeToken<'a>> for &'a str {
    fn from(token: ScopeToken<'a>) -> &'a str {
        token.0
    }
}

impl fmt::Debug for ScopeToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ScopeToken").field(&self.0).finish()
    }
}

impl fmt::Display for ScopeToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PartialEq<str> for ScopeToken<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ScopeToken<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<ScopeToken<'_>> for str {
    fn eq(&self, other: &ScopeToken<'_>) -> bool {
        self == other.0
    }
}

impl PartialEq<ScopeToken<'_>> for &str {
    fn eq(&self, other: &ScopeToken<'_>) -> bool {
        *self == other.0
    }
}

#[cfg(feature = "alloc")]
pub use owned::ScopeTokenBuf;

#[cfg(feature = "alloc")]
mod owned {
    use alloc::string::String;
    use core::fmt;
    use core::ops::Deref;
    use core::str::FromStr;

    use super::{check_token, ScopeToken};
    use crate::Error;

    /// One validated `scope-token`, owned (needs the `alloc` feature).
    ///
    /// The owned form of [`ScopeToken`]: the same rules, the same byte-wise order, and
    /// `Borrow<str>` so that a `BTreeSet<ScopeTokenBuf>` or a `HashMap` keyed by it can be
    /// searched with a `&str`.
    ///
    /// ```
    /// use signpost_scope::{ScopeToken, ScopeTokenBuf};
    ///
    /// let token: ScopeTokenBuf = "files:read".parse()?;
    /// assert_eq!(token.as_token(), ScopeToken::new("files:read")?);
    /// assert!("files read".parse::<ScopeTokenBuf>().is_err());
    /// # Ok::<(), signpost_scope::Error>(())
    /// ```
    #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct ScopeTokenBuf(pub(crate) String);

    impl ScopeTokenBuf {
        /// Checks that `token` is a `scope-token` and takes it.
        ///
        /// # Errors
        ///
        /// As [`ScopeToken::new`]; the string is dropped.
        pub fn new(token: String) -> Result<ScopeTokenBuf, Error> {
            check_token(token.as_bytes())?;
            Ok(ScopeTokenBuf(token))
        }

        /// The borrowed form.
        pub fn as_token(&self) -> ScopeToken<'_> {
            ScopeToken::new_unchecked(&self.0)
        }

        /// The token as a string slice.
        pub fn as_str(&self) -> &str {
            &self.0
        }

        /// The string inside.
        pub fn into_string(self) -> String {
            self.0
        }
    }

    impl FromStr for ScopeTokenBuf {
        type Err = Error;
        fn from_str(s: &str) -> Result<ScopeTokenBuf, Error> {
            ScopeToken::new(s).map(|t| t.to_buf())
        }
    }

    impl TryFrom<String> for ScopeTokenBuf {
        type Error = Error;
        fn try_from(s: String) -> Result<ScopeTokenBuf, Error> {
            ScopeTokenBuf::new(s)
        }
    }

    impl TryFrom<&str> for ScopeTokenBuf {
        type Error = Error;
        fn try_from(s: &str) -> Result<ScopeTokenBuf, Error> {
            s.parse()
        }
    }

    impl From<ScopeToken<'_>> for ScopeTokenBuf {
        fn from(token: ScopeToken<'_>) -> ScopeTokenBuf {
            token.to_buf()
        }
    }

    impl From<ScopeTokenBuf> for String {
        fn from(token: ScopeTokenBuf) -> String {
            token.0
        }
    }

    impl Deref for ScopeTokenBuf {
        type Target = str;
        fn deref(&self) -> &str {
            &self.0
        }
    }

    impl AsRef<str> for ScopeTokenBuf {
        fn as_ref(&self) -> &str {
            &self.0
        }
    }

    impl core::borrow::Borrow<str> for ScopeTokenBuf {
        fn borrow(&self) -> &str {
            &self.0
        }
    }

    impl fmt::Debug for ScopeTokenBuf {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_tuple("ScopeTokenBuf").field(&self.0).finish()
        }
    }

    impl fmt::Display for ScopeTokenBuf {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl PartialEq<str> for ScopeTokenBuf {
        fn eq(&self, other: &str) -> bool {
            self.0 == other
        }
    }

    impl PartialEq<&str> for ScopeTokenBuf {
        fn eq(&self, other: &&str) -> bool {
            self.0 == *other
        }
    }

    impl PartialEq<ScopeToken<'_>> for ScopeTokenBuf {
        fn eq(&self, other: &ScopeToken<'_>) -> bool {
            self.0 == other.as_str()
        }
    }

    impl PartialEq<ScopeTokenBuf> for ScopeToken<'_> {
        fn eq(&self, other: &ScopeTokenBuf) -> bool {
            self.as_str() == other.0
        }
    }
}
