//! A guard for URLs that a server told the client to fetch (SSRF, RFC 9728 §7.7, draft-parecki-oauth-authorization-server-discovery).

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::url::{Host, Url};
use crate::ParseError;

/// Why the [`Guard`] refused a URL or an address.
///
/// ```
/// use signpost_oauth::{Guard, Refusal};
///
/// let guard = Guard::new();
/// assert_eq!(guard.check("https://169.254.169.254/latest/meta-data").unwrap_err(), Refusal::LinkLocal);
/// assert_eq!(guard.check("https://0x7f.1/").unwrap_err().message(), "host is a number that browsers read as an IPv4 address");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The text is not a URI (RFC 3986); the error says where and why.
    Malformed(ParseError),
    /// The scheme is not `https` (RFC 9728 §1.2, RFC 8414 §2, and every endpoint in RFC 8414
    /// §2 "MUST use the https scheme"). `http` is allowed on loopback hosts by
    /// [`Guard::allow_loopback`].
    NotHttps,
    /// The URL has a fragment, which no metadata URL, identifier or endpoint may carry.
    Fragment,
    /// The URL has a userinfo part (`user@host`): credentials in a URL leak, and `@` is the
    /// classic way to make `https://good.example@evil.example/` look like `good.example`.
    Userinfo,
    /// The URL has no authority, or an empty host.
    NoHost,
    /// The host is `localhost` or a name under `.localhost`, which resolve to loopback
    /// (RFC 6761 §6.3).
    Localhost,
    /// The host is a `reg-name` that a WHATWG URL parser (every browser, and many HTTP
    /// clients) reads as an IPv4 address: a number in decimal, octal or hex, or dotted
    /// parts that are not a plain dotted quad (`2130706433`, `0x7f.1`, `0177.0.0.1`,
    /// `127.1`). Such hosts are how loopback and private addresses get past checks that only
    /// look for dotted quads.
    NumericHost,
    /// The host holds `pct-encoded` octets, which a WHATWG URL parser decodes before it
    /// resolves the name (`%6c%6fcalhost` is `localhost`); no DNS name needs them.
    EncodedHost,
    /// The host is an `IPvFuture` literal (`[v1.x]`), which the guard cannot classify.
    IpFuture,
    /// The port is above 65535.
    PortOutOfRange,
    /// A loopback address: 127.0.0.0/8, `::1`.
    Loopback,
    /// A private address: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), and the
    /// deprecated IPv6 site-local fec0::/10.
    Private,
    /// The shared address space of carrier-grade NAT, 100.64.0.0/10 (RFC 6598).
    SharedAddressSpace,
    /// A link-local address: 169.254.0.0/16 (where cloud metadata services live),
    /// fe80::/10.
    LinkLocal,
    /// An IPv6 unique local address, fc00::/7 (RFC 4193).
    UniqueLocal,
    /// The unspecified address or "this network": 0.0.0.0/8, `::` (many systems connect
    /// 0.0.0.0 to the local host).
    Unspecified,
    /// A multicast address: 224.0.0.0/4, ff00::/8.
    Multicast,
    /// The limited broadcast address 255.255.255.255.
    Broadcast,
    /// Another special-purpose address that is not globally reachable: 192.0.0.0/24,
    /// the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
    /// 2001:db8::/32), benchmarking (198.18.0.0/15), 240.0.0.0/4, the discard prefix
    /// 100::/64, local-use NAT64 64:ff9b:1::/48, Teredo 2001::/32, and IPv4-compatible IPv6
    /// addresses (`::a.b.c.d`, deprecated by RFC 4291).
    Reserved,
}

impl Refusal {
    /// What was refused, in words.
    pub const fn message(&self) -> &'static str {
        match self {
            Refusal::Malformed(_) => "not a valid URL",
            Refusal::NotHttps => "scheme is not https",
            Refusal::Fragment => "URL has a fragment",
            Refusal::Userinfo => "URL has userinfo (user@host)",
            Refusal::NoHost => "URL has no host",
            Refusal::Localhost => "host is localhost",
            Refusal::NumericHost => "host is a number that browsers read as an IPv4 address",
            Refusal::EncodedHost => "host is percent-encoded",
            Refusal::IpFuture => "host is an IPvFuture literal",
            Refusal::PortOutOfRange => "port is out of range",
            Refusal::Loopback => "loopback address",
            Refusal::Private => "private address",
            Refusal::SharedAddressSpace => "shared address space (carrier-grade NAT) address",
            Refusal::LinkLocal => "link-local address",
            Refusal::UniqueLocal => "unique local address",
            Refusal::Unspecified => "unspecified address",
            Refusal::Multicast => "multicast address",
            Refusal::Broadcast => "broadcast address",
            Refusal::Reserved => "reserved special-purpose address",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Malformed(e) => write!(f, "not a valid URL: {e}"),
            other => f.write_str(other.message()),
        }
    }
}

impl core::error::Error for Refusal {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Refusal::Malformed(e) => Some(e),
            _ => None,
        }
    }
}

/// Decides whether a client may fetch a URL that a server gave it: a `resource_metadata`
/// URL, an `issuer`, an `authorization_servers` entry, an endpoint from metadata.
///
/// The default policy (`Guard::new()`) allows `https` URLs without fragment or userinfo
/// whose host is a DNS name or a globally reachable IP address. It refuses loopback,
/// private, link-local, unique-local, shared (CGNAT), unspecified, multicast, broadcast and
/// reserved IP literals (also inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6
/// forms), `localhost` and `*.localhost`, and hosts that browsers would read as numbers.
///
/// ```
/// use signpost_oauth::{Guard, Refusal};
///
/// let guard = Guard::new();
/// assert!(guard.check("https://as.example.com/.well-known/oauth-authorization-server").is_ok());
/// assert_eq!(guard.check("http://as.example.com/").unwrap_err(), Refusal::NotHttps);
/// assert_eq!(guard.check("https://10.0.0.8/").unwrap_err(), Refusal::Private);
/// assert_eq!(guard.check("https://[::ffff:127.0.0.1]/").unwrap_err(), Refusal::Loopback);
///
/// // For local development: http and loopback, and private ranges.
/// let dev = Guard::local_development();
/// assert!(dev.check("http://localhost:8001/.well-known/oauth-protected-resource/mcp").is_ok());
/// assert!(dev.check("https://192.168.1.20/").is_ok());
/// assert_eq!(dev.check("http://192.168.1.20/").unwrap_err(), Refusal::NotHttps);
/// ```
///
/// # DNS rebinding
///
/// A guard on the URL text cannot see where a name resolves: `https://evil.example/` may
/// resolve to 127.0.0.1, or to a public address now and a private one a second later. A
/// client must also check every address it is about to connect to with
/// [`Guard::check_ip`], after resolution and for the connection it actually opens (pin the
/// checked address; do not resolve again), and must not follow redirects without checking
/// them the same way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Guard {
    loopback: bool,
    private: bool,
}

impl Guard {
    /// The strict policy: see the type's documentation.
    pub const fn new() -> Guard {
        Guard { loopback: false, private: false }
    }

    /// A policy for local development: [`allow_loopback`](Self::allow_loopback) and
    /// [`allow_private`](Self::allow_private).
    pub const fn local_development() -> Guard {
        Guard { loopback: true, private: true }
    }

    /// Allows loopback hosts (127.0.0.0/8, `::1`, `localhost`, `*.localhost`), over `https`
    /// or plain `http`.
    #[must_use]
    pub const fn allow_loopback(self, allow: bool) -> Guard {
        Guard { loopback: allow, ..self }
    }

    /// Allows private (RFC 1918, fec0::/10), unique local (fc00::/7) and shared (100.64/10)
    /// addresses, over `https` only. Link-local addresses (cloud metadata services) stay
    /// refused.
    #[must_use]
    pub const fn allow_private(self, allow: bool) -> Guard {
        Guard { private: allow, ..self }
    }

    /// Parses `url` and checks it; returns its components when it may be fetched.
    ///
    /// # Errors
    ///
    /// The [`Refusal`]: [`Refusal::Malformed`] when the text is not a URI, otherwise the
    /// reason from [`Guard::check_url`].
    pub fn check<'a>(&self, url: &'a str) -> Result<Url<'a>, Refusal> {
        let parsed = Url::parse(url).map_err(Refusal::Malformed)?;
        self.check_url(&parsed)?;
        Ok(parsed)
    }

    /// Checks an already split URL.
    ///
    /// The checks run in this order: fragment, host present, userinfo, the host itself
    /// (name or address), scheme, port.
    ///
    /// # Errors
    ///
    /// The first [`Refusal`] that applies.
    pub fn check_url(&self, url: &Url<'_>) -> Result<(), Refusal> {
        if url.fragment().is_some() {
            return Err(Refusal::Fragment);
        }
        let (Some(host), Some(host_str)) = (url.host(), url.host_str()) else {
            return Err(Refusal::NoHost);
        };
        if host_str.is_empty() {
            return Err(Refusal::NoHost);
        }
        if url.userinfo().is_some() {
            return Err(Refusal::Userinfo);
        }
        let class = classify_host(host);
        let loopback = matches!(class, Some(Refusal::Loopback | Refusal::Localhost));
        if let Some(reason) = class {
            if !self.allows(reason) {
                return Err(reason);
            }
        }
        let scheme = url.scheme();
        let https = scheme.eq_ignore_ascii_case("https");
        let local_http = self.loopback && loopback && scheme.eq_ignore_ascii_case("http");
        if !https && !local_http {
            return Err(Refusal::NotHttps);
        }
        if let Some(port) = url.port() {
            // Leading zeros are allowed (`:0443`); the value must fit a u16.
            let digits = port.trim_start_matches('0');
            if digits.len() > 5 || digits.parse::<u32>().is_ok_and(|p| p > 65535) {
                return Err(Refusal::PortOutOfRange);
            }
        }
        Ok(())
    }

    /// Checks an address the client is about to connect to (after DNS resolution): the same
    /// address rules as for IP literals in URLs.
    ///
    /// ```
    /// use std::net::IpAddr;
    /// use signpost_oauth::{Guard, Refusal};
    ///
    /// let guard = Guard::new();
    /// assert!(guard.check_ip("93.184.215.14".parse::<IpAddr>().unwrap()).is_ok());
    /// assert_eq!(guard.check_ip("fd12::1".parse::<IpAddr>().unwrap()), Err(Refusal::UniqueLocal));
    /// ```
    ///
    /// # Errors
    ///
    /// The [`Refusal`] for the address's range.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), Refusal> {
        match classify_ip(ip) {
            Some(reason) if !self.allows(reason) => Err(reason),
            _ => Ok(()),
        }
    }

    fn allows(&self, reason: Refusal) -> bool {
        match reason {
            Refusal::Loopback | Refusal::Localhost => self.loopback,
            Refusal::Private | Refusal::UniqueLocal | Refusal::SharedAddressSpace => self.private,
            _ => false,
        }
    }
}

/// Why a host would be refused by the strict policy, if it would.
fn classify_host(host: Host<'_>) -> Option<Refusal> {
    match host {
        Host::Ipv4(a) => classify_v4(a),
        Host::Ipv6(a) => classify_v6(a),
        Host::Future(_) => Some(Refusal::IpFuture),
        Host::Name(name) => classify_name(name),
    }
}

fn classify_name(name: &str) -> Option<Refusal> {
    let b = name.as_bytes();
    if b.contains(&b'%') {
        return Some(Refusal::EncodedHost);
    }
    // One trailing dot makes a name absolute; it names the same host.
    let bare = b.strip_suffix(b".").unwrap_or(b);
    if is_localhost(bare) {
        return Some(Refusal::Localhost);
    }
    if ends_in_a_number(bare) {
        return Some(Refusal::NumericHost);
    }
    None
}

/// `localhost` or a name ending in `.localhost`, in any case (RFC 6761 §6.3).
fn is_localhost(b: &[u8]) -> bool {
    const L: &[u8] = b"localhost";
    if b.eq_ignore_ascii_case(L) {
        return true;
    }
    b.len() > L.len() + 1
        && b[b.len() - L.len() - 1] == b'.'
        && b[b.len() - L.len()..].eq_ignore_ascii_case(L)
}

/// The WHATWG URL Standard's "ends in a number checker" (§3.5, host parsing): when it holds,
/// a browser parses the host as an IPv4 address (numbers in decimal, octal with a leading
/// `0`, or hex with `0x`, one to four parts) or rejects the URL. `bare` is the name without
/// its one trailing dot, if it had one: the checker drops a last empty label.
fn ends_in_a_number(bare: &[u8]) -> bool {
    let last = match bare.iter().rposition(|&c| c == b'.') {
        Some(dot) => &bare[dot + 1..],
        None => bare,
    };
    if !last.is_empty() && last.iter().all(u8::is_ascii_digit) {
        return true;
    }
    is_ipv4_number(last)
}

/// Whether the WHATWG "IPv4 number parser" accepts `part`: `0x`/`0X` then hex digits
/// (possibly none), or digits (decimal, or octal with a leading `0`).
fn is_ipv4_number(b: &[u8]) -> bool {
    if b.is_empty() {
        return false;
    }
    if b.len() >= 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
        return b[2..].iter().all(u8::is_ascii_hexdigit);
    }
    if b[0] == b'0' && b.len() > 1 {
        return b[1..].iter().all(|c| (b'0'..=b'7').contains(c));
    }
    b.iter().all(u8::is_ascii_digit)
}

fn classify_ip(ip: IpAddr) -> Option<Refusal> {
    match ip {
        IpAddr::V4(a) => classify_v4(a),
        IpAddr::V6(a) => classify_v6(a),
    }
}

fn classify_v4(a: Ipv4Addr) -> Option<Refusal> {
    let [o0, o1, o2, _] = a.octets();
    Some(match (o0, o1, o2) {
        (0, _, _) => Refusal::Unspecified,
        (127, _, _) => Refusal::Loopback,
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => Refusal::Private,
        (100, 64..=127, _) => Refusal::SharedAddressSpace,
        (169, 254, _) => Refusal::LinkLocal,
        (224..=239, _, _) => Refusal::Multicast,
        (255, 255, 255) if a == Ipv4Addr::BROADCAST => Refusal::Broadcast,
        (240..=255, _, _) => Refusal::Reserved,
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) => {
            Refusal::Reserved
        }
        _ => return None,
    })
}

fn classify_v6(a: Ipv6Addr) -> Option<Refusal> {
    let s = a.segments();
    if a.is_unspecified() {
        return Some(Refusal::Unspecified);
    }
    if a.is_loopback() {
        return Some(Refusal::Loopback);
    }
    let embedded = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64, RFC 6052) reach the IPv4
    // address they embed: judge that address.
    if s[..6] == [0, 0, 0, 0, 0, 0xffff] || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return classify_v4(embedded(s[6], s[7]));
    }
    // ::a.b.c.d (IPv4-compatible, deprecated): the embedded address, else reserved.
    if s[..6] == [0; 6] {
        return classify_v4(embedded(s[6], s[7])).or(Some(Refusal::Reserved));
    }
    // 2002:aabb:ccdd::/48 (6to4) embeds a.b.c.d in its second and third segments.
    if s[0] == 0x2002 {
        return classify_v4(embedded(s[1], s[2]));
    }
    Some(match s[0] {
        0xff00..=0xffff => Refusal::Multicast,
        0xfe80..=0xfebf => Refusal::LinkLocal,
        0xfec0..=0xfeff => Refusal::Private,
        0xfc00..=0xfdff => Refusal::UniqueLocal,
        0x2001 if s[1] == 0x0db8 || s[1] == 0 => Refusal::Reserved,
        0x0064 if s[1] == 0xff9b && s[2] == 1 => Refusal::Reserved,
        0x0100 if s[1..4] == [0, 0, 0] => Refusal::Reserved,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_in_a_number_follows_whatwg() {
        for yes in
            ["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "1.2.3.4.", "foo.0x", "a.09", "x.0X1F"]
        {
            assert_eq!(classify_name(yes), Some(Refusal::NumericHost), "{yes}");
        }
        for no in ["example.com", "1.2.3.com", "0x7g", "a.", ".", "a..", "1e3", "x.0x1g", "1.."] {
            assert_eq!(classify_name(no), None, "{no}");
        }
    }
}
