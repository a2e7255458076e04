//! A small, strict, zero-copy URI splitter (RFC 3986 §3, Appendix B).
//!
//! It finds the five components of a `URI` (scheme, authority, path, query, fragment), splits
//! the authority into userinfo, host and port, and checks every character against the
//! grammar of its component. It never allocates and never normalises: every accessor returns
//! a slice of the input, exactly as written.

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use signpost_syntax::AsciiSet;

use crate::ParseError;

// Byte classes of RFC 3986 §2, one bit each.
/// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`
const UNRESERVED: u8 = 1 << 0;
/// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`
const SUB_DELIMS: u8 = 1 << 1;
const COLON: u8 = 1 << 2;
const AT: u8 = 1 << 3;
const SLASH: u8 = 1 << 4;
const QUESTION: u8 = 1 << 5;
/// `#` and `]`, which only end components (the splitter looks for them).
const HASH: u8 = 1 << 6;
const CLOSE: u8 = 1 << 7;

/// `userinfo = *( unreserved / pct-encoded / sub-delims / ":" )`
const USERINFO: u8 = UNRESERVED | SUB_DELIMS | COLON;
/// `reg-name = *( unreserved / pct-encoded / sub-delims )`
const REG_NAME: u8 = UNRESERVED | SUB_DELIMS;
/// `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"`
const PCHAR: u8 = UNRESERVED | SUB_DELIMS | COLON | AT;
/// The characters of a path: `pchar` and `"/"`.
const PATH: u8 = PCHAR | SLASH;
/// `query = *( pchar / "/" / "?" )`, and `fragment` is the same.
const QUERY: u8 = PCHAR | SLASH | QUESTION;

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut f = 0u8;
        // The classes of RFC 3986 §2 as signpost_syntax defines them (tested against the
        // ABNF there), in one table for the splitter's loops.
        if AsciiSet::UNRESERVED.contains(b) {
            f |= UNRESERVED;
        }
        if AsciiSet::SUB_DELIMS.contains(b) {
            f |= SUB_DELIMS;
        }
        if b == b':' {
            f |= COLON;
        }
        if b == b'@' {
            f |= AT;
        }
        if b == b'/' {
            f |= SLASH;
        }
        if b == b'?' {
            f |= QUESTION;
        }
        if b == b'#' {
            f |= HASH;
        }
        if b == b']' {
            f |= CLOSE;
        }
        t[i] = f;
        i += 1;
    }
    t
}

const TABLE: [u8; 256] = build();

#[inline]
const fn has(b: u8, class: u8) -> bool {
    TABLE[b as usize] & class != 0
}

/// The classes `run_end` is called with, each a union of [`TABLE`]'s bits; the class at
/// index `k` is bit `k` of [`RUNS`].
#[cfg(feature = "perf")]
const RUN_CLASSES: [u8; 5] = [REG_NAME, USERINFO, PCHAR, PATH, QUERY];

/// The bit of `class` in [`RUNS`], or 0 for a class that has none (its runs then go a byte
/// at a time).
#[cfg(feature = "perf")]
const fn run_bit(class: u8) -> u8 {
    let mut k = 0;
    while k < RUN_CLASSES.len() {
        if RUN_CLASSES[k] == class {
            return 1 << k;
        }
        k += 1;
    }
    0
}

/// Each byte's runs: the AND of eight entries holds a run's bit only when all eight bytes
/// are in the run.
#[cfg(feature = "perf")]
const RUNS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let mut k = 0;
        while k < RUN_CLASSES.len() {
            if has(i as u8, RUN_CLASSES[k]) {
                t[i] |= 1 << k;
            }
            k += 1;
        }
        i += 1;
    }
    t
};

/// The end of the run of bytes of `class` (`pct-encoded` aside) that starts at `i`. With
/// `perf`, eight bytes a step while they all belong: eight table loads and one branch.
#[inline]
fn class_end(run: &[u8], i: usize, class: u8) -> usize {
    #[cfg(feature = "perf")]
    let i = {
        let (bit, mut i) = (run_bit(class), i);
        while let Some(chunk) = run.get(i..i + 8).filter(|_| bit != 0) {
            let Ok(b) = <[u8; 8]>::try_from(chunk) else { break };
            let all = RUNS[b[0] as usize]
                & RUNS[b[1] as usize]
                & RUNS[b[2] as usize]
                & RUNS[b[3] as usize]
                & RUNS[b[4] as usize]
                & RUNS[b[5] as usize]
                & RUNS[b[6] as usize]
                & RUNS[b[7] as usize];
            if all & bit == 0 {
                break;
            }
            i += 8;
        }
        i
    };
    let rest = run.get(i..).unwrap_or_default();
    i + rest.iter().position(|&b| !has(b, class)).unwrap_or(rest.len())
}

/// Messages for one component: a character outside its class, and a bad `pct-encoded`.
struct Element {
    invalid: &'static str,
    pct: &'static str,
}

const USERINFO_MSG: Element = Element {
    invalid: "invalid character in userinfo",
    pct: "expected two hex digits after '%' in userinfo",
};
const HOST_MSG: Element = Element {
    invalid: "invalid character in host",
    pct: "expected two hex digits after '%' in host",
};
const PATH_MSG: Element = Element {
    invalid: "invalid character in path",
    pct: "expected two hex digits after '%' in path",
};
const QUERY_MSG: Element = Element {
    invalid: "invalid character in query",
    pct: "expected two hex digits after '%' in query",
};
const FRAGMENT_MSG: Element = Element {
    invalid: "invalid character in fragment",
    pct: "expected two hex digits after '%' in fragment",
};
const SEGMENT_MSG: Element = Element {
    invalid: "invalid character in well-known suffix (segment-nz)",
    pct: "expected two hex digits after '%' in well-known suffix (segment-nz)",
};

/// An error inside the splitter: its offset and message. [`Url::parse`] adds the byte found
/// there, in one place.
type Fail = (usize, &'static str);

/// Checks that `input[start..end]` is made of bytes of `class` and `pct-encoded`
/// (`"%" HEXDIG HEXDIG`, RFC 3986 §2.1).
fn check_run(input: &[u8], start: usize, end: usize, class: u8, msg: &Element) -> Result<(), Fail> {
    match run_end(input, start, end, class, msg)? {
        stop if stop < end => Err((stop, msg.invalid)),
        _ => Ok(()),
    }
}

/// The end of the run of bytes of `class` and `pct-encoded` that starts at `start`: the
/// first byte before `end` that is neither, or `end`. A `%` not followed by two HEXDIGs
/// before `end` is the error. The splitter's components end where their class does
/// (a path at `?` or `#`, a query at `#`), so one pass finds the end and checks the run.
#[cfg_attr(feature = "perf", inline)]
fn run_end(
    input: &[u8],
    start: usize,
    end: usize,
    class: u8,
    msg: &Element,
) -> Result<usize, Fail> {
    let run = input.get(..end).unwrap_or(input);
    let mut i = start;
    loop {
        // The bytes of the class, in a loop of their own: most runs hold no `%`.
        i = class_end(run, i, class);
        match run.get(i) {
            None => return Ok(end),
            Some(b'%') => {
                let hex = |j: usize| run.get(j).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(i + 1) && hex(i + 2)) {
                    return Err((i, msg.pct));
                }
                i += 3;
            }
            Some(_) => return Ok(i),
        }
    }
}

/// `segment-nz = 1*pchar` (RFC 3986 §3.3), for the callers that validate a path segment.
pub(crate) fn check_segment_nz(input: &str) -> Result<(), ParseError> {
    let bytes = input.as_bytes();
    if bytes.is_empty() {
        return Err(ParseError::at(bytes, 0, "expected well-known suffix (segment-nz)"));
    }
    check_run(bytes, 0, bytes.len(), PCHAR, &SEGMENT_MSG)
        .map_err(|(at, message)| ParseError::at(bytes, at, message))
}

/// The same check in a `const fn`, for constants (no offsets needed: it panics).
pub(crate) const fn is_segment_nz(input: &str) -> bool {
    let b = input.as_bytes();
    if b.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() || !b[i + 1].is_ascii_hexdigit() || !b[i + 2].is_ascii_hexdigit() {
                return false;
            }
            i += 3;
        } else if has(b[i], PCHAR) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// The first offset at or after `from` (and before `end`) whose byte has one of the classes
/// of `set`, or `end`.
fn find_any(input: &[u8], from: usize, end: usize, set: u8) -> usize {
    let mut i = from;
    while i < end && input.get(i).is_some_and(|&b| !has(b, set)) {
        i += 1;
    }
    i
}

/// The host of a URL, as RFC 3986 §3.2.2 classifies it.
///
/// A host that matches `IPv4address` is an IPv4 literal, never a name, as RFC 3986 requires;
/// anything else that is not in brackets is a `reg-name`, even when a browser would read it
/// as a number (`0x7f.1`, `2130706433`): see [`Guard`](crate::Guard) for that.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host<'a> {
    /// `reg-name`: a registered name (usually a DNS name), exactly as written; it may be
    /// empty (`file:///x`) and may hold `pct-encoded` octets.
    Name(&'a str),
    /// `IPv4address` in dotted-decimal form.
    Ipv4(Ipv4Addr),
    /// An `IPv6address` in brackets (`[::1]`).
    Ipv6(Ipv6Addr),
    /// `IPvFuture` (`[v1.x]`): the text between the brackets.
    Future(&'a str),
}

/// A URI split into its components (RFC 3986 §3), borrowing the input.
///
/// ```text
///   https://user@example.com:8443/over/there?name=ferret#nose
///   \___/   \__/ \_________/ \__/\_________/ \_________/ \__/
///  scheme userinfo  host     port   path       query   fragment
///           \___________________/
///                 authority
/// ```
///
/// ```
/// use signpost_oauth::{Host, Url};
///
/// let url = Url::parse("https://user@example.com:8443/over/there?name=ferret#nose")?;
/// assert_eq!(url.scheme(), "https");
/// assert_eq!(url.authority(), Some("user@example.com:8443"));
/// assert_eq!(url.userinfo(), Some("user"));
/// assert_eq!(url.host(), Some(Host::Name("example.com")));
/// assert_eq!(url.port(), Some("8443"));
/// assert_eq!(url.path(), "/over/there");
/// assert_eq!(url.query(), Some("name=ferret"));
/// assert_eq!(url.fragment(), Some("nose"));
///
/// let err = Url::parse("https://exa mple.com/").unwrap_err();
/// assert_eq!(err.to_string(), "invalid character in host, found ' ' at byte 11");
/// # Ok::<(), signpost_oauth::ParseError>(())
/// ```
///
/// What it does not do: it does not resolve relative references (the input must be an
/// absolute `URI`), does not map international names (IDNA: hosts must already be ASCII,
/// e.g. punycode), does not decode `pct-encoded` octets and does not normalise case, dot
/// segments, default ports or empty paths. RFC 9728 §3.3 and RFC 8414 §3.3 compare
/// identifiers code point by code point, so the text must stay as it was written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Url<'a> {
    // Six offsets say where every component is (a small value is cheap to return and to
    // copy):
    // - the authority, when there is one, runs from `scheme_end + 3` (after `://`) to
    //   `path_start`; without one, the path starts right after the scheme's `:`;
    // - the userinfo, when the host does not start the authority, ends with the `@` before
    //   the host; the port, when the host does not end it, follows the `:` after the host;
    // - the query, when the path ends before `fragment_hash`, runs from after the `?` that
    //   ends the path to `fragment_hash`; the fragment, when `fragment_hash` is not the end,
    //   runs from after that `#` to the end.
    input: &'a str,
    /// Offset of the `:` after the scheme.
    scheme_end: usize,
    /// `(start, end)` of the host (empty without an authority).
    host: (usize, usize),
    path_start: usize,
    /// Offset of the `?` or `#` after the path, or the end.
    path_end: usize,
    /// Offset of the `#` that starts the fragment, or the end.
    fragment_hash: usize,
}

impl fmt::Debug for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Url")
            .field("scheme", &self.scheme())
            .field("userinfo", &self.userinfo())
            .field("host", &self.host())
            .field("port", &self.port())
            .field("path", &self.path())
            .field("query", &self.query())
            .field("fragment", &self.fragment())
            .finish()
    }
}

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.input)
    }
}

impl<'a> Url<'a> {
    /// Splits and checks an absolute URI:
    ///
    /// ```text
    /// URI         = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
    /// hier-part   = "//" authority path-abempty / path-absolute / path-rootless / path-empty
    /// scheme      = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    /// authority   = [ userinfo "@" ] host [ ":" port ]
    /// host        = IP-literal / IPv4address / reg-name
    /// IP-literal  = "[" ( IPv6address / IPvFuture  ) "]"
    /// IPvFuture   = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
    /// port        = *DIGIT
    /// query       = *( pchar / "/" / "?" )
    /// fragment    = *( pchar / "/" / "?" )
    /// ```
    ///
    /// (RFC 3986 §3; the components are found as Appendix B does, then each is checked
    /// against its rule.)
    ///
    /// # Errors
    ///
    /// A missing or malformed scheme, a character outside its component's class, a `%` not
    /// followed by two hex digits, an unclosed or malformed IP literal, a non-digit in the
    /// port. The error carries the offset and names the component.
    #[inline(always)] // the error is built where it is used, or not at all
    pub fn parse(input: &'a str) -> Result<Url<'a>, ParseError> {
        match Url::split(input) {
            Ok(url) => Ok(url),
            Err((at, message)) => Err(ParseError::at(input.as_bytes(), at, message)),
        }
    }

    /// [`Url::parse`], the error without the byte found.
    fn split(input: &'a str) -> Result<Url<'a>, Fail> {
        let b = input.as_bytes();

        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if !b.first().is_some_and(u8::is_ascii_alphabetic) {
            return Err((0, "expected scheme (ALPHA)"));
        }
        let mut i = 1;
        while b
            .get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        {
            i += 1;
        }
        if b.get(i) != Some(&b':') {
            return Err((i, "expected ':' after scheme"));
        }
        let scheme_end = i;
        i += 1;

        // hier-part: "//" authority path-abempty, or a path without authority.
        let mut host = (i, i);
        if b.get(i) == Some(&b'/') && b.get(i + 1) == Some(&b'/') {
            (host, i) = authority(b, i + 2)?;
        }

        let (path_end, fragment_hash) = path_and_query(b, i)?;
        Ok(Url { input, scheme_end, host, path_start: i, path_end, fragment_hash })
    }

    /// The whole input.
    pub const fn as_str(&self) -> &'a str {
        self.input
    }

    /// The scheme, as written (schemes compare case-insensitively, RFC 3986 §3.1).
    pub fn scheme(&self) -> &'a str {
        &self.input[..self.scheme_end]
    }

    /// The authority without the leading `//`, or `None` when the URI has none
    /// (`urn:example:x`, `mailto:a@b`). It may be empty (`file:///etc`).
    pub fn authority(&self) -> Option<&'a str> {
        self.authority_end().map(|end| &self.input[self.scheme_end + 3..end])
    }

    /// The userinfo, without the `@`, when there is one.
    pub fn userinfo(&self) -> Option<&'a str> {
        self.authority_end()?;
        let start = self.scheme_end + 3;
        (self.host.0 > start).then(|| &self.input[start..self.host.0 - 1])
    }

    /// The host, classified, or `None` without an authority.
    pub fn host(&self) -> Option<Host<'a>> {
        // The host is read again from its text, which `parse` checked: an IP literal is
        // in brackets (ASCII), an `IPvFuture` starts with `v`, and a reg-name that is an
        // `IPv4address` is one.
        let text = self.host_str()?;
        let Some(literal) = text.strip_prefix('[') else {
            return Some(match ipv4_address(text.as_bytes()) {
                Some(a) => Host::Ipv4(a),
                None => Host::Name(text),
            });
        };
        let inner = literal.strip_suffix(']').unwrap_or(literal);
        Some(match ipv6_address(inner.as_bytes()) {
            Some(a) => Host::Ipv6(a),
            None => Host::Future(inner),
        })
    }

    /// The host exactly as written (brackets included for an IP literal), or `None`
    /// without an authority.
    pub fn host_str(&self) -> Option<&'a str> {
        self.authority_end()?;
        Some(&self.input[self.host.0..self.host.1])
    }

    /// The port digits, without the `:`, when the authority has a `:` after the host. It
    /// may be empty (`https://example.com:/`) and is not range-checked.
    pub fn port(&self) -> Option<&'a str> {
        let end = self.authority_end()?;
        (self.host.1 < end).then(|| &self.input[self.host.1 + 1..end])
    }

    /// The path, possibly empty.
    pub fn path(&self) -> &'a str {
        &self.input[self.path_start..self.path_end]
    }

    /// The query, without the `?`, when there is one (it may be empty).
    pub fn query(&self) -> Option<&'a str> {
        self.query_offset().map(|at| &self.input[at + 1..self.fragment_hash])
    }

    /// The fragment, without the `#`, when there is one (it may be empty).
    pub fn fragment(&self) -> Option<&'a str> {
        self.fragment_offset().map(|at| &self.input[at + 1..])
    }

    /// The offset of the `:` that ends the scheme.
    pub(crate) fn scheme_end(&self) -> usize {
        self.scheme_end
    }

    /// The offset of the `#` that starts the fragment, when there is one.
    pub(crate) fn fragment_offset(&self) -> Option<usize> {
        (self.fragment_hash < self.input.len()).then_some(self.fragment_hash)
    }

    /// The offset of the `?` that starts the query, when there is one.
    pub(crate) fn query_offset(&self) -> Option<usize> {
        (self.path_end < self.fragment_hash).then_some(self.path_end)
    }

    /// The offset just past the authority (where the path starts), when there is one.
    pub(crate) fn authority_end(&self) -> Option<usize> {
        (self.path_start > self.scheme_end + 1).then_some(self.path_start)
    }

    /// The offsets of the host.
    pub(crate) fn host_span(&self) -> (usize, usize) {
        self.host
    }

    /// The offset of the end of the path.
    pub(crate) fn path_span(&self) -> (usize, usize) {
        (self.path_start, self.path_end)
    }
}

/// `authority = [ userinfo "@" ] host [ ":" port ]` (RFC 3986 §3.2) in `b[start..end]`: the
/// host's offsets.
/// The ends of the path that starts at `start` and of the query after it: the offset of
/// the `?` (or of the `#`, or the end, without a query) and of the `#` (or the end), each
/// run checked. With `perf`, in one pass: the path ends at `?` or `#`, neither of them a
/// path byte, and the query at `#`.
#[cfg(feature = "perf")]
fn path_and_query(b: &[u8], start: usize) -> Result<(usize, usize), Fail> {
    let len = b.len();
    let path_end = run_end(b, start, len, PATH, &PATH_MSG)?;
    let (mut fragment_hash, mut msg) = (path_end, &PATH_MSG);
    if b.get(path_end) == Some(&b'?') {
        fragment_hash = run_end(b, path_end + 1, len, QUERY, &QUERY_MSG)?;
        msg = &QUERY_MSG;
    }
    if fragment_hash < len {
        // The path or the query stopped at a byte that is not theirs: it must be "#".
        if b.get(fragment_hash) != Some(&b'#') {
            return Err((fragment_hash, msg.invalid));
        }
        check_run(b, fragment_hash + 1, len, QUERY, &FRAGMENT_MSG)?;
    }
    Ok((path_end, fragment_hash))
}

/// [`path_and_query`] in the size-first build: each end searched for, then each run
/// checked (smaller code, a second pass over the path).
#[cfg(not(feature = "perf"))]
fn path_and_query(b: &[u8], start: usize) -> Result<(usize, usize), Fail> {
    let len = b.len();
    let path_end = find_any(b, start, len, QUESTION | HASH);
    check_run(b, start, path_end, PATH, &PATH_MSG)?;
    let fragment_hash = find_any(b, path_end, len, HASH);
    if path_end < fragment_hash {
        check_run(b, path_end + 1, fragment_hash, QUERY, &QUERY_MSG)?;
    }
    if fragment_hash < len {
        check_run(b, fragment_hash + 1, len, QUERY, &FRAGMENT_MSG)?;
    }
    Ok((path_end, fragment_hash))
}

/// The authority that starts at `start` (after `//`): the offsets of its host, and its end
/// (the first `/`, `?` or `#`).
#[inline]
fn authority(b: &[u8], start: usize) -> Result<((usize, usize), usize), Fail> {
    // With `perf`, most authorities are a reg-name alone (`example.com`): one run of its
    // class that stops where the authority does finds the end and checks the host at once.
    // Anything else (userinfo, a port, an IP-literal, a bad pct-encoding) is split in full,
    // which reports the error.
    #[cfg(feature = "perf")]
    if let Ok(end) = run_end(b, start, b.len(), REG_NAME, &HOST_MSG) {
        if matches!(b.get(end), None | Some(b'/' | b'?' | b'#')) {
            return Ok(((start, end), end));
        }
    }
    let end = find_any(b, start, b.len(), SLASH | QUESTION | HASH);
    Ok((split_authority(b, start, end)?, end))
}

fn split_authority(b: &[u8], start: usize, end: usize) -> Result<(usize, usize), Fail> {
    // userinfo cannot hold "@", so the first "@" ends it; a second one is an error in the
    // host (browsers split at the last "@" instead: refusing such input avoids the two
    // readings).
    let mut host_start = start;
    let at = find_any(b, start, end, AT);
    if at < end {
        check_run(b, start, at, USERINFO, &USERINFO_MSG)?;
        host_start = at + 1;
    }

    let host_end;
    if b.get(host_start) == Some(&b'[') {
        // IP-literal = "[" ( IPv6address / IPvFuture  ) "]"
        let inner_start = host_start + 1;
        let close = find_any(b, inner_start, end, CLOSE);
        if close == end {
            return Err((end, "expected ']' to close IP-literal"));
        }
        let inner = b.get(inner_start..close).unwrap_or_default();
        signpost_syntax::check_ip_literal(inner)
            .map_err(|e| (inner_start + e.offset(), e.message()))?;
        host_end = close + 1;
        if host_end < end && b.get(host_end) != Some(&b':') {
            return Err((host_end, "expected ':' or end of authority after IP-literal"));
        }
    } else {
        host_end = find_any(b, host_start, end, COLON);
        check_run(b, host_start, host_end, REG_NAME, &HOST_MSG)?;
    }

    // port = *DIGIT
    let mut p = host_end + 1;
    while p < end {
        if !b.get(p).is_some_and(u8::is_ascii_digit) {
            return Err((p, "invalid character in port (DIGIT)"));
        }
        p += 1;
    }
    Ok((host_start, host_end))
}

/// `IPv4address` (RFC 3986 §3.2.2), the one check of `signpost_syntax`.
pub(crate) fn ipv4_address(s: &[u8]) -> Option<Ipv4Addr> {
    signpost_syntax::ipv4_address(s).map(Ipv4Addr::from)
}

/// `IPv6address` (RFC 3986 §3.2.2), the one check of `signpost_syntax`.
pub(crate) fn ipv6_address(s: &[u8]) -> Option<Ipv6Addr> {
    signpost_syntax::ipv6_address(s).map(Ipv6Addr::from)
}

#[cfg(test)]
mod tests {
    // `alloc` is only declared with the feature; the tests always have `std`.
    #![allow(clippy::std_instead_of_alloc)]

    use super::*;
    use std::format;

    #[track_caller]
    fn err(input: &str, offset: usize, message: &str) {
        let e = Url::parse(input).unwrap_err();
        assert_eq!((e.offset(), e.message()), (offset, message), "{input}");
    }

    #[test]
    fn long_runs_stop_at_the_first_byte_outside_their_class() {
        // With `perf`, a run goes on eight bytes a step: a byte outside the class is found
        // wherever it falls in a step, and a `%` triple across two steps reads as one.
        for len in 1..40 {
            for at in 0..len {
                let mut host = "a".repeat(len);
                host.replace_range(at..=at, "\"");
                err(&format!("https://{host}/"), 8 + at, "invalid character in host");
                let mut path = "p".repeat(len);
                path.replace_range(at..=at, " ");
                err(&format!("https://h/{path}"), 10 + at, "invalid character in path");
                let mut user = "u".repeat(len);
                user.replace_range(at..=at, "\"");
                err(&format!("https://{user}@h/"), 8 + at, "invalid character in userinfo");
                let mut segment = "s".repeat(len);
                segment.replace_range(at..=at, "/");
                let e = check_segment_nz(&segment).unwrap_err();
                assert_eq!(
                    (e.offset(), e.message()),
                    (at, "invalid character in well-known suffix (segment-nz)"),
                    "{segment}"
                );
                let mut query = "q".repeat(len);
                query.replace_range(at..=at, "%4");
                err(
                    &format!("https://h/?{query}"),
                    11 + at,
                    "expected two hex digits after '%' in query",
                );
            }
            let (h, p, q) = ("h".repeat(len), "p".repeat(len), "q".repeat(len));
            let text = format!("https://{h}/{p}%41{p}?{q}%2F{q}#{q}");
            let u = Url::parse(&text).unwrap();
            assert_eq!(u.host_str(), Some(&h[..]));
            assert_eq!(u.path(), format!("/{p}%41{p}"));
            assert_eq!(u.query(), Some(&format!("{q}%2F{q}")[..]));
            assert_eq!(u.fragment(), Some(&q[..]));
            assert!(check_segment_nz(&format!("{p}%41{p}")).is_ok());
        }
    }

    #[test]
    fn splits_the_rfc_3986_examples() {
        let u = Url::parse("foo://example.com:8042/over/there?name=ferret#nose").unwrap();
        assert_eq!(u.scheme(), "foo");
        assert_eq!(u.authority(), Some("example.com:8042"));
        assert_eq!(u.host(), Some(Host::Name("example.com")));
        assert_eq!(u.port(), Some("8042"));
        assert_eq!(u.path(), "/over/there");
        assert_eq!(u.query(), Some("name=ferret"));
        assert_eq!(u.fragment(), Some("nose"));

        let u = Url::parse("urn:example:animal:ferret:nose").unwrap();
        assert_eq!(u.scheme(), "urn");
        assert_eq!(u.authority(), None);
        assert_eq!(u.host(), None);
        assert_eq!(u.path(), "example:animal:ferret:nose");

        let u = Url::parse("ldap://[2001:db8::7]/c=GB?objectClass?one").unwrap();
        assert_eq!(u.host(), Some(Host::Ipv6("2001:db8::7".parse().unwrap())));
        assert_eq!(u.host_str(), Some("[2001:db8::7]"));
        assert_eq!(u.path(), "/c=GB");
        assert_eq!(u.query(), Some("objectClass?one"));

        let u = Url::parse("mailto:John.Doe@example.com").unwrap();
        assert_eq!((u.authority(), u.path()), (None, "John.Doe@example.com"));

        let u = Url::parse("telnet://192.0.2.16:80/").unwrap();
        assert_eq!(u.host(), Some(Host::Ipv4(Ipv4Addr::new(192, 0, 2, 16))));
        assert_eq!(u.port(), Some("80"));

        let u = Url::parse("file:///etc/hosts").unwrap();
        assert_eq!(
            (u.authority(), u.host(), u.path()),
            (Some(""), Some(Host::Name("")), "/etc/hosts")
        );
    }

    #[test]
    fn empty_components_are_kept_apart_from_absent_ones() {
        let u = Url::parse("https://h").unwrap();
        assert_eq!((u.path(), u.query(), u.fragment(), u.port()), ("", None, None, None));
        let u = Url::parse("https://h:?#").unwrap();
        assert_eq!(
            (u.path(), u.query(), u.fragment(), u.port()),
            ("", Some(""), Some(""), Some(""))
        );
        let u = Url::parse("https://@h/").unwrap();
        assert_eq!(u.userinfo(), Some(""));
    }

    #[test]
    fn ip_literals() {
        let u = Url::parse("https://[::ffff:127.0.0.1]:8443/x").unwrap();
        assert_eq!(u.host(), Some(Host::Ipv6("::ffff:127.0.0.1".parse().unwrap())));
        assert_eq!(u.port(), Some("8443"));
        let u = Url::parse("https://[v1.fe80::a+en1]/").unwrap();
        assert_eq!(u.host(), Some(Host::Future("v1.fe80::a+en1")));
        // Not IPv4address (leading zero, too many parts): a reg-name per RFC 3986.
        for (url, name) in [
            ("https://0177.0.0.1/", "0177.0.0.1"),
            ("https://127.1/", "127.1"),
            ("https://2130706433/", "2130706433"),
            ("https://1.2.3.4./", "1.2.3.4."),
            ("https://256.1.1.1/", "256.1.1.1"),
        ] {
            assert_eq!(Url::parse(url).unwrap().host(), Some(Host::Name(name)));
        }
    }

    #[test]
    fn errors_name_the_component_and_offset() {
        err("", 0, "expected scheme (ALPHA)");
        err("1http://x", 0, "expected scheme (ALPHA)");
        err("//example.com/", 0, "expected scheme (ALPHA)");
        err("https", 5, "expected ':' after scheme");
        err("ht_tp://x", 2, "expected ':' after scheme");
        err("https://us er@x/", 10, "invalid character in userinfo");
        err("https://a@b@c/", 11, "invalid character in host");
        err("https://exa%2mple/", 11, "expected two hex digits after '%' in host");
        err("https://x/%", 10, "expected two hex digits after '%' in path");
        err("https://x/%4", 10, "expected two hex digits after '%' in path");
        err("https://x/a b", 11, "invalid character in path");
        err("https://x/a\\b", 11, "invalid character in path");
        err("https://x/?a b", 12, "invalid character in query");
        err("https://x/#a#b", 12, "invalid character in fragment");
        err("https://[::1/", 12, "expected ']' to close IP-literal");
        err("https://[::g]/", 9, "invalid IPv6address in IP-literal");
        err("https://[fe80::1%25en0]/", 9, "invalid IPv6address in IP-literal");
        err("https://[::1]x/", 13, "expected ':' or end of authority after IP-literal");
        err("https://[v.x]/", 10, "expected HEXDIG after 'v' in IPvFuture");
        err("https://[v1x]/", 11, "expected '.' after version in IPvFuture");
        err("https://[v1.]/", 12, "expected address after '.' in IPvFuture");
        err("https://x:80a/", 12, "invalid character in port (DIGIT)");
        err("https://x:1:2/", 11, "invalid character in port (DIGIT)");
        err("https://h\u{e9}/", 9, "invalid character in host");
    }

    #[test]
    fn ipv4_address_is_strict() {
        assert_eq!(ipv4_address(b"0.0.0.0"), Some(Ipv4Addr::UNSPECIFIED));
        assert_eq!(ipv4_address(b"255.255.255.255"), Some(Ipv4Addr::BROADCAST));
        for bad in
            ["01.0.0.0", "1.2.3", "1.2.3.4.5", "256.0.0.0", "1..2.3", "a.b.c.d", "", "1.2.3.4."]
        {
            assert_eq!(ipv4_address(bad.as_bytes()), None, "{bad}");
        }
    }

    use std::string::String;

    /// What `core::net` makes of `s` as an IPv6 address (the reference for ours).
    fn core_v6(s: &str) -> Option<Ipv6Addr> {
        s.parse().ok()
    }

    #[track_caller]
    fn same_as_core(s: &str) {
        assert_eq!(ipv6_address(s.as_bytes()), core_v6(s), "IPv6 {s:?}");
        assert_eq!(ipv4_address(s.as_bytes()), s.parse::<Ipv4Addr>().ok(), "IPv4 {s:?}");
    }

    #[test]
    fn ipv6_address_agrees_with_core_net_on_the_edges() {
        for s in [
            "",
            ":",
            "::",
            ":::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8::",
            "::1:2:3:4:5:6:7:8",
            "1::2::3",
            "1:::2",
            ":1::",
            "1::2:",
            "12345::",
            "0000::",
            "00000::",
            "FFFF::ffff",
            "g::",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:1",
            "::1.2.3",
            "::1.2.3.4.5",
            "::01.2.3.4",
            "::1.2.3.256",
            "::1.2.3.0",
            "::1.2.3.00",
            "::1.2.3.4567",
            "::0.0.0.0",
            "::255.255.255.255",
            "fe80::1%25en0",
            " ::1",
            "::1 ",
            "::\u{e9}",
            "1:2:3:4:5:6:7:8:",
            "::ffff:1.2.3.4:",
            "1.2.3.4",
            "255.255.255.255",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.",
            "1000.2.3.4",
        ] {
            same_as_core(s);
        }
    }

    /// One piece of a generated address: a hex group (maybe too long), a dotted quad (maybe
    /// malformed), or nothing.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[0-9a-fA-F]{1,5}",
            "(0|[1-9][0-9]{0,2}|0[0-9]{1,2}|[0-9]{4})(\\.(0|[1-9][0-9]{0,2}|0[0-9]{1,2})){0,4}",
            Just(String::new()),
            "[g:. %]",
        ]
    }

    proptest::proptest! {
        #![proptest_config(if cfg!(miri) { proptest::test_runner::Config::default() } else { proptest::test_runner::Config::with_cases(2048) })]

        /// Our IPv6 and IPv4 parsers accept exactly what core::net accepts, with the same
        /// address, on near-addresses built from groups, dotted quads and separators.
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn ipv6_address_agrees_with_core_net(
            pieces in proptest::collection::vec((piece(), "(:|::|:::|\\.)?"), 0..11),
        ) {
            let s: String = pieces.iter().flat_map(|(p, sep)| [p.as_str(), sep.as_str()]).collect();
            same_as_core(&s);
        }

        /// The same on short strings of the address alphabet.
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn ipv6_address_agrees_with_core_net_on_noise(s in "[0-9a-fA-F:.g]{0,24}") {
            same_as_core(&s);
        }
    }
}
