//! The error-code type: a registered code (a `pub const`) or an extension code that
//! round-trips unchanged, with a compile-time perfect hash for the lookup.

use core::fmt;
use core::hash::{Hash, Hasher};

use crate::wire::{is_nqschar, Invalid, InvalidValue};

macro_rules! codes {
    ( $( $(#[$attr:meta])* $konst:ident = $name:literal, )+ ) => {
        /// One variant per registered name, in the order of `codes`.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub(crate) enum Code { $( $konst, )+ }

        /// The wire names, indexed by `Code as usize`.
        pub(crate) const NAMES: &[&str] = &[ $( $name, )+ ];

        /// The codes, indexed by `Code as usize`.
        pub(crate) const CODES: &[Code] = &[ $( Code::$konst, )+ ];

        /// Every registered name, as a constant.
        impl ErrorCode<'static> {
            $(
                $(#[$attr])*
                #[doc = ""]
                #[doc = concat!("On the wire: `", $name, "`.")]
                pub const $konst: ErrorCode<'static> = ErrorCode::from_code(Code::$konst);
            )+
        }

        pub(crate) static REGISTERED: [ErrorCode<'static>; NAMES.len()] = [ $( ErrorCode::$konst, )+ ];
    };
}

// The registered names, one source for the code enum, the names the lookup hashes and the
// `pub const`s; their IANA rows are in `registry.rs`.
codes! {
    /// The request is malformed (authorization endpoint, token endpoint, resource server).
    INVALID_REQUEST = "invalid_request",
    /// The client may not use this grant or response type.
    UNAUTHORIZED_CLIENT = "unauthorized_client",
    /// The resource owner or server denied the request (authorization endpoint; device
    /// flow polling).
    ACCESS_DENIED = "access_denied",
    /// The authorization server does not support the response type.
    UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type",
    /// The requested scope is invalid, unknown or malformed.
    INVALID_SCOPE = "invalid_scope",
    /// The authorization server failed (a redirected 500).
    SERVER_ERROR = "server_error",
    /// The authorization server is overloaded or in maintenance (a redirected 503).
    TEMPORARILY_UNAVAILABLE = "temporarily_unavailable",
    /// Client authentication failed.
    INVALID_CLIENT = "invalid_client",
    /// The grant (code, refresh token, ...) is invalid, expired or revoked.
    INVALID_GRANT = "invalid_grant",
    /// The grant type is not supported.
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type",
    /// The access token is expired, revoked, malformed or otherwise invalid (RFC 6750).
    INVALID_TOKEN = "invalid_token",
    /// The access token lacks the scope the request needs (RFC 6750).
    INSUFFICIENT_SCOPE = "insufficient_scope",
    /// The revocation endpoint cannot revoke this token type (RFC 7009).
    UNSUPPORTED_TOKEN_TYPE = "unsupported_token_type",
    /// User interaction is needed, and `prompt=none` was asked (OpenID Connect).
    INTERACTION_REQUIRED = "interaction_required",
    /// The user must log in, and `prompt=none` was asked (OpenID Connect).
    LOGIN_REQUIRED = "login_required",
    /// The user must select an account, and `prompt=none` was asked (OpenID Connect).
    ACCOUNT_SELECTION_REQUIRED = "account_selection_required",
    /// The user must consent, and `prompt=none` was asked (OpenID Connect).
    CONSENT_REQUIRED = "consent_required",
    /// The `request_uri` fails or holds invalid data (OpenID Connect).
    INVALID_REQUEST_URI = "invalid_request_uri",
    /// The request object is invalid (OpenID Connect).
    INVALID_REQUEST_OBJECT = "invalid_request_object",
    /// The `request` parameter is not supported (OpenID Connect).
    REQUEST_NOT_SUPPORTED = "request_not_supported",
    /// The `request_uri` parameter is not supported (OpenID Connect).
    REQUEST_URI_NOT_SUPPORTED = "request_uri_not_supported",
    /// The `registration` parameter is not supported (OpenID Connect).
    REGISTRATION_NOT_SUPPORTED = "registration_not_supported",
    /// The UMA authorization server needs more information (claims).
    NEED_INFO = "need_info",
    /// The UMA authorization server denied the request.
    REQUEST_DENIED = "request_denied",
    /// The UMA authorization server waits for the resource owner.
    REQUEST_SUBMITTED = "request_submitted",
    /// A redirection URI in a registration request is invalid (RFC 7591).
    INVALID_REDIRECT_URI = "invalid_redirect_uri",
    /// A client metadata value in a registration request is invalid (RFC 7591).
    INVALID_CLIENT_METADATA = "invalid_client_metadata",
    /// The software statement is invalid (RFC 7591).
    INVALID_SOFTWARE_STATEMENT = "invalid_software_statement",
    /// The software statement is not approved (RFC 7591).
    UNAPPROVED_SOFTWARE_STATEMENT = "unapproved_software_statement",
    /// The device authorization is still pending: keep polling (RFC 8628).
    AUTHORIZATION_PENDING = "authorization_pending",
    /// Polling too fast: add 5 seconds to the interval (RFC 8628).
    SLOW_DOWN = "slow_down",
    /// The device code expired (RFC 8628).
    EXPIRED_TOKEN = "expired_token",
    /// The requested resource (`resource` parameter) is invalid (RFC 8707).
    INVALID_TARGET = "invalid_target",
    /// The proof-of-possession key is not supported (RFC 9200, ACE).
    UNSUPPORTED_POP_KEY = "unsupported_pop_key",
    /// The client and the resource server share no ACE profile (RFC 9200).
    INCOMPATIBLE_ACE_PROFILES = "incompatible_ace_profiles",
    /// The `authorization_details` parameter is invalid (RFC 9396).
    INVALID_AUTHORIZATION_DETAILS = "invalid_authorization_details",
    /// The DPoP proof is invalid (RFC 9449).
    INVALID_DPOP_PROOF = "invalid_dpop_proof",
    /// The server wants a nonce in the DPoP proof (RFC 9449).
    USE_DPOP_NONCE = "use_dpop_nonce",
    /// The user's authentication is too weak or too old: step up (RFC 9470).
    INSUFFICIENT_USER_AUTHENTICATION = "insufficient_user_authentication",
    /// The issuer is invalid (OpenID Federation).
    INVALID_ISSUER = "invalid_issuer",
    /// The subject is invalid (OpenID Federation).
    INVALID_SUBJECT = "invalid_subject",
    /// The trust anchor is invalid (OpenID Federation).
    INVALID_TRUST_ANCHOR = "invalid_trust_anchor",
    /// The trust chain is invalid (OpenID Federation).
    INVALID_TRUST_CHAIN = "invalid_trust_chain",
    /// The metadata is invalid (OpenID Federation).
    INVALID_METADATA = "invalid_metadata",
    /// The entity or resource is not found (OpenID Federation).
    NOT_FOUND = "not_found",
    /// A parameter is not supported (OpenID Federation).
    UNSUPPORTED_PARAMETER = "unsupported_parameter",
    /// The wallet supports none of the requested formats (OpenID4VP).
    VP_FORMATS_NOT_SUPPORTED = "vp_formats_not_supported",
    /// The `request_uri_method` is not supported (OpenID4VP).
    INVALID_REQUEST_URI_METHOD = "invalid_request_uri_method",
    /// The wallet is unavailable (OpenID4VP).
    WALLET_UNAVAILABLE = "wallet_unavailable",
}

/// An OAuth error code, the value of the `error` parameter (RFC 6749 §4.1.2.1, §5.2;
/// RFC 6750 §3): either one of the codes in the IANA "OAuth Extensions Error Registry"
/// (each a `pub const`, such as [`ErrorCode::INVALID_TOKEN`]) or an extension code, kept as
/// the borrowed text it was parsed from.
///
/// The type is opaque, like `http::Method`: a new registration becomes a new constant, which
/// is not a breaking change, and an unknown code is never an error and never loses a byte.
///
/// ```
/// use signpost_error::{ErrorCode, Remedy, UsageLocation};
///
/// let code = ErrorCode::parse("invalid_token")?;
/// assert_eq!(code, ErrorCode::INVALID_TOKEN);
/// assert!(code.is_registered());
/// let entry = code.at(UsageLocation::ResourceAccess).unwrap();
/// assert_eq!(entry.status(), Some(401));
/// assert_eq!(entry.remedy(), Remedy::Refresh);
///
/// // An extension code round-trips unchanged.
/// let other = ErrorCode::parse("insufficient_claims")?;
/// assert!(!other.is_registered());
/// assert_eq!(other.as_str(), "insufficient_claims");
/// assert_eq!(other.entries().len(), 0);
/// assert_eq!(other.unregistered_entries().len(), 1);
/// # Ok::<(), signpost_error::InvalidErrorCode>(())
/// ```
///
/// Two codes are equal when their text is equal (codes are case-sensitive); hashing and
/// ordering follow the text too.
#[derive(Clone, Copy)]
pub struct ErrorCode<'a>(pub(crate) Repr<'a>);

#[derive(Clone, Copy)]
pub(crate) enum Repr<'a> {
    Registered(Code),
    Extension(&'a str),
}

impl ErrorCode<'static> {
    pub(crate) const fn from_code(code: Code) -> ErrorCode<'static> {
        ErrorCode(Repr::Registered(code))
    }

    /// A code from a `&'static str`, checked at compile time when used in a `const`: panics
    /// if `code` is not `1*NQSCHAR`. A registered name gives the registered constant.
    ///
    /// ```
    /// use signpost_error::ErrorCode;
    ///
    /// const CLAIMS: ErrorCode<'static> = ErrorCode::from_static("insufficient_claims");
    /// const SLOW: ErrorCode<'static> = ErrorCode::from_static("slow_down");
    /// assert_eq!(SLOW, ErrorCode::SLOW_DOWN);
    /// assert!(SLOW.is_registered() && !CLAIMS.is_registered());
    /// ```
    ///
    /// # Panics
    ///
    /// When `code` is empty or holds a byte outside `%x20-21 / %x23-5B / %x5D-7E`.
    pub const fn from_static(code: &'static str) -> ErrorCode<'static> {
        let b = code.as_bytes();
        if b.is_empty() {
            panic!("an error code cannot be empty");
        }
        let mut i = 0;
        while i < b.len() {
            if !is_nqschar(b[i]) {
                panic!("an error code is 1*NQSCHAR (%x20-21 / %x23-5B / %x5D-7E)");
            }
            i += 1;
        }
        match lookup_const(b) {
            Some(c) => ErrorCode(Repr::Registered(c)),
            None => ErrorCode(Repr::Extension(code)),
        }
    }

    /// Every registered code, once each, in the order of its first registration.
    pub fn registered_codes() -> &'static [ErrorCode<'static>] {
        &REGISTERED
    }
}

impl<'a> ErrorCode<'a> {
    /// Parses an error code.
    ///
    /// ```text
    /// error  = 1*NQSCHAR                              ; RFC 6749 Appendix A.7
    /// NQSCHAR = %x20-21 / %x23-5B / %x5D-7E           ; RFC 6749 Appendix A
    /// ```
    ///
    /// Registered names become their constant; anything else valid is an extension code
    /// that borrows `code`. The match is exact and case-sensitive (`Invalid_Token` is an
    /// extension code).
    ///
    /// ```
    /// use signpost_error::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::parse("slow_down").unwrap(), ErrorCode::SLOW_DOWN);
    /// let err = ErrorCode::parse("bad\"code").unwrap_err();
    /// assert_eq!(err.offset(), 3);
    /// assert_eq!(err.to_string(), "expected NQSCHAR in error, found '\"' at byte 3");
    /// ```
    pub fn parse(code: &'a str) -> Result<ErrorCode<'a>, InvalidErrorCode> {
        Ok(match check(code.as_bytes())? {
            Some(c) => ErrorCode(Repr::Registered(c)),
            None => ErrorCode(Repr::Extension(code)),
        })
    }

    /// [`ErrorCode::parse`] for bytes, as a header parameter's value holds them. A
    /// registered name becomes its constant without a UTF-8 check (an `error` value is
    /// ASCII: `NQSCHAR`s); only an extension code is made text.
    ///
    /// ```
    /// use signpost_error::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::from_bytes(b"invalid_token").unwrap(), ErrorCode::INVALID_TOKEN);
    /// assert_eq!(ErrorCode::from_bytes(b"x_quota").unwrap().as_str(), "x_quota");
    /// assert_eq!(ErrorCode::from_bytes(b"caf\xc3\xa9").unwrap_err().offset(), 3);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ErrorCode::parse`]: an empty code, or the first byte that is not an `NQSCHAR`.
    pub fn from_bytes(code: &'a [u8]) -> Result<ErrorCode<'a>, InvalidErrorCode> {
        Ok(match check(code)? {
            Some(c) => ErrorCode(Repr::Registered(c)),
            // NQSCHARs are ASCII: the check cannot fail.
            None => match core::str::from_utf8(code) {
                Ok(text) => ErrorCode(Repr::Extension(text)),
                Err(e) => {
                    let at = e.valid_up_to();
                    return Err(InvalidErrorCode(Invalid::at(code, at, NQSCHAR_MESSAGE)));
                }
            },
        })
    }

    /// A code from text that is already known to be `1*NQSCHAR`.
    pub(crate) fn lookup(code: &'a str) -> ErrorCode<'a> {
        match lookup(code.as_bytes()) {
            Some(c) => ErrorCode(Repr::Registered(c)),
            None => ErrorCode(Repr::Extension(code)),
        }
    }

    /// The code as it goes on the wire.
    pub fn as_str(&self) -> &'a str {
        match self.0 {
            Repr::Registered(c) => NAMES[c as usize],
            Repr::Extension(s) => s,
        }
    }

    /// The index of a registered code in the generated tables.
    pub(crate) const fn registered_index(&self) -> Option<usize> {
        match self.0 {
            Repr::Registered(c) => Some(c as usize),
            Repr::Extension(_) => None,
        }
    }

    /// Whether the code is in the IANA "OAuth Extensions Error Registry" (as of 2026-03-25).
    pub const fn is_registered(&self) -> bool {
        matches!(self.0, Repr::Registered(_))
    }
}

impl PartialEq for ErrorCode<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.0, other.0) {
            (Repr::Registered(a), Repr::Registered(b)) => a == b,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for ErrorCode<'_> {}

impl PartialEq<str> for ErrorCode<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for ErrorCode<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ErrorCode<'_> {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for ErrorCode<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ErrorCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ErrorCode").field(&self.as_str()).finish()
    }
}

impl fmt::Display for ErrorCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for ErrorCode<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<'a> TryFrom<&'a str> for ErrorCode<'a> {
    type Error = InvalidErrorCode;

    fn try_from(code: &'a str) -> Result<ErrorCode<'a>, InvalidErrorCode> {
        ErrorCode::parse(code)
    }
}

/// Why a string is not an error code: it is empty, or holds a byte outside
/// `NQSCHAR = %x20-21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A.7).
///
/// ```
/// use signpost_error::ErrorCode;
///
/// let err = ErrorCode::parse("").unwrap_err();
/// assert_eq!(err.to_string(), "expected at least one NQSCHAR in error at byte 0");
/// let err = ErrorCode::parse("caf\u{e9}").unwrap_err();
/// assert_eq!((err.offset(), err.found()), (3, signpost_error::Found::Byte(0xc3)));
/// assert_eq!(err.message(), "expected NQSCHAR in error");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidErrorCode(pub(crate) Invalid);

impl InvalidErrorCode {
    /// The byte offset of the offending byte (0 for an empty code).
    pub const fn offset(&self) -> usize {
        self.0.offset()
    }

    /// What the grammar expected, naming the element.
    pub const fn message(&self) -> &'static str {
        self.0.message()
    }

    /// The offending byte, or [`Found::Nothing`](crate::Found::Nothing) for an empty code.
    pub const fn found(&self) -> crate::Found {
        self.0.found()
    }
}

impl fmt::Display for InvalidErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl core::error::Error for InvalidErrorCode {}

impl From<InvalidErrorCode> for InvalidValue {
    fn from(e: InvalidErrorCode) -> InvalidValue {
        InvalidValue(e.0)
    }
}

// ---------------------------------------------------------------------------------------
// The lookup: a perfect hash over a few sampled bytes, found at compile time.
//
// Each name is reduced to a 64-bit key made of its length and six of its bytes; the keys
// are checked to be distinct, then a multiplier is searched for (at compile time) that sends
// the keys to distinct slots of a 256-entry table. A lookup is one multiply, one table load
// and one `memcmp` against the single candidate: no scan of the 49 names. The runtime
// lookup uses it with the `perf` feature; without it, the names are compared in turn (less
// code, no table). `const` lookups (`ErrorCode::from_static`) always use the hash.
// ---------------------------------------------------------------------------------------

/// `NQSCHAR` as a table, for the runtime check.
#[cfg(feature = "perf")]
static NQSCHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = is_nqschar(i as u8);
        i += 1;
    }
    t
};

const SLOT_BITS: u32 = 8;
const SLOTS: usize = 1 << SLOT_BITS;
const EMPTY: u8 = u8::MAX;

const fn min_max_len() -> (usize, usize) {
    let mut min = usize::MAX;
    let mut max = 0;
    let mut i = 0;
    while i < NAMES.len() {
        let n = NAMES[i].len();
        if n < min {
            min = n;
        }
        if n > max {
            max = n;
        }
        i += 1;
    }
    (min, max)
}

const LEN_RANGE: (usize, usize) = min_max_len();
/// The shortest registered name; the key samples need at least two bytes.
const MIN_LEN: usize = {
    assert!(LEN_RANGE.0 >= 2, "the perfect hash samples two bytes from the end");
    LEN_RANGE.0
};
const MAX_LEN: usize = LEN_RANGE.1;

/// The sampled key of a name of at least two bytes.
#[inline(always)]
const fn key(b: &[u8]) -> u64 {
    let n = b.len();
    (n as u64)
        | (b[0] as u64) << 8
        | (b[n / 3] as u64) << 16
        | (b[n / 2] as u64) << 24
        | (b[2 * n / 3] as u64) << 32
        | (b[n - 2] as u64) << 40
        | (b[n - 1] as u64) << 48
}

#[inline(always)]
const fn slot(key: u64, mul: u64) -> usize {
    (key.wrapping_mul(mul) >> (64 - SLOT_BITS)) as usize
}

const fn splitmix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const fn build_table() -> (u64, [u8; SLOTS]) {
    assert!(NAMES.len() < EMPTY as usize, "too many names for a u8 table");
    // Distinct keys are necessary for any multiplier to work.
    let mut i = 0;
    while i < NAMES.len() {
        let mut j = i + 1;
        while j < NAMES.len() {
            if key(NAMES[i].as_bytes()) == key(NAMES[j].as_bytes()) {
                panic!("two registered names share their sampled bytes: sample another position in `key`");
            }
            j += 1;
        }
        i += 1;
    }
    let mut attempt = 0;
    while attempt < 20_000 {
        let mul = splitmix(attempt) | 1;
        let mut table = [EMPTY; SLOTS];
        let mut ok = true;
        let mut i = 0;
        while i < NAMES.len() {
            let s = slot(key(NAMES[i].as_bytes()), mul);
            if table[s] != EMPTY {
                ok = false;
                break;
            }
            table[s] = i as u8;
            i += 1;
        }
        if ok {
            return (mul, table);
        }
        attempt += 1;
    }
    panic!("no perfect-hash multiplier found: widen SLOT_BITS");
}

const TABLE: (u64, [u8; SLOTS]) = build_table();
#[cfg(feature = "perf")]
static SLOT_TABLE: [u8; SLOTS] = TABLE.1;
const MUL: u64 = TABLE.0;

/// The message of an error at a byte that is not an `NQSCHAR`.
const NQSCHAR_MESSAGE: &str = "expected NQSCHAR in error";

/// Checks `error = 1*NQSCHAR` (RFC 6749 Appendix A.7): the registered code `b` names, if
/// any, else `None` for a valid extension code.
fn check(b: &[u8]) -> Result<Option<Code>, InvalidErrorCode> {
    // A registered name is valid by construction: look it up before checking the
    // characters, so that the common case reads the input once.
    if let Some(c) = lookup(b) {
        return Ok(Some(c));
    }
    if b.is_empty() {
        return Err(InvalidErrorCode(Invalid::new(0, "expected at least one NQSCHAR in error")));
    }
    #[cfg(feature = "perf")]
    let refused = b.iter().position(|&c| !NQSCHAR[usize::from(c)]);
    #[cfg(not(feature = "perf"))]
    let refused = b.iter().position(|&c| !is_nqschar(c));
    match refused {
        Some(i) => Err(InvalidErrorCode(Invalid::at(b, i, NQSCHAR_MESSAGE))),
        None => Ok(None),
    }
}

/// The registered code spelled exactly `b`, if any.
#[cfg(feature = "perf")]
#[inline]
pub(crate) fn lookup(b: &[u8]) -> Option<Code> {
    if b.len() < MIN_LEN || b.len() > MAX_LEN {
        return None;
    }
    let i = SLOT_TABLE[slot(key(b), MUL)];
    let name = NAMES.get(i as usize)?;
    if name.as_bytes() == b {
        Some(CODES[i as usize])
    } else {
        None
    }
}

/// The registered code spelled exactly `b`, if any: the size-first build compares `b` with
/// each name in turn (the perfect hash and its 256-byte table are `perf` code).
#[cfg(not(feature = "perf"))]
pub(crate) fn lookup(b: &[u8]) -> Option<Code> {
    let i = NAMES.iter().position(|n| n.as_bytes() == b)?;
    CODES.get(i).copied()
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// [`lookup`] for `const` contexts.
const fn lookup_const(b: &[u8]) -> Option<Code> {
    if b.len() < MIN_LEN || b.len() > MAX_LEN {
        return None;
    }
    let i = TABLE.1[slot(key(b), MUL)] as usize;
    if i < NAMES.len() && bytes_eq(NAMES[i].as_bytes(), b) {
        Some(CODES[i])
    } else {
        None
    }
}

/// The lookup with no table: a linear scan of the names, for the benches and tests.
#[doc(hidden)]
pub fn lookup_linear_scan(code: &str) -> Option<usize> {
    NAMES.iter().position(|n| *n == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_finds_itself_and_near_misses_do_not() {
        for (i, name) in NAMES.iter().enumerate() {
            assert_eq!(lookup(name.as_bytes()).map(|c| c as usize), Some(i), "{name}");
            assert_eq!(lookup_const(name.as_bytes()).map(|c| c as usize), Some(i), "{name}");
            // Same length, same sampled bytes is impossible (checked at build time), but a
            // change anywhere else must still miss.
            let mut changed = name.as_bytes().to_vec();
            for j in 0..changed.len() {
                let keep = changed[j];
                changed[j] = b'!';
                assert_eq!(lookup(&changed), None, "{name} with byte {j} changed");
                changed[j] = keep;
            }
            assert_eq!(lookup(&name.as_bytes()[1..]), None);
            assert_eq!(lookup(&name.as_bytes()[..name.len() - 1]), None);
        }
        assert_eq!(lookup(b""), None);
        assert_eq!(lookup(b"x"), None);
        assert_eq!(lookup(&[b'a'; 300]), None);
    }

    #[cfg(feature = "perf")]
    #[test]
    fn table_is_sparse_enough() {
        let used = SLOT_TABLE.iter().filter(|&&s| s != EMPTY).count();
        assert_eq!(used, NAMES.len());
    }
}
