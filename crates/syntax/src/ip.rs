//! The IP literals of RFC 3986 §3.2.2: `IPv4address`, `IPv6address`, `IPvFuture`, checked
//! once for every signpost crate that reads a URI.

use crate::{AsciiSet, Error};

/// `IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet` (RFC 3986 §3.2.2),
/// where a `dec-octet` is 0-255 without leading zeros: the four octets.
///
/// ```
/// assert_eq!(signpost_syntax::ipv4_address(b"192.0.2.1"), Some([192, 0, 2, 1]));
/// assert_eq!(signpost_syntax::ipv4_address(b"192.0.2.01"), None);
/// ```
pub fn ipv4_address(s: &[u8]) -> Option<[u8; 4]> {
    match ipv4_prefix(s, 0) {
        Some((octets, end)) if end == s.len() => Some(octets),
        _ => None,
    }
}

/// `IP-literal = "[" ( IPv6address / IPvFuture ) "]"` (RFC 3986 §3.2.2): checks `inner`, the
/// text between the brackets. An error's offset is into `inner`, and it names the rule
/// only ([`Found::Nothing`](crate::Found::Nothing)): the caller knows its input.
///
/// ```
/// use signpost_syntax::check_ip_literal;
///
/// assert!(check_ip_literal(b"2001:db8::1").is_ok());
/// assert!(check_ip_literal(b"v1.fe80::a+en1").is_ok());
/// let err = check_ip_literal(b"2001:db8::g").unwrap_err();
/// assert_eq!((err.offset(), err.message()), (0, "invalid IPv6address in IP-literal"));
/// ```
///
/// # Errors
///
/// `inner` is neither an `IPv6address` nor an `IPvFuture`; the message names the rule.
pub fn check_ip_literal(inner: &[u8]) -> Result<(), Error> {
    if matches!(inner.first(), Some(b'v' | b'V')) {
        check_ip_future(inner, 0, inner.len()).map_err(|(at, message)| Error::new(at, message))
    } else if read_ipv6(inner, &mut [0; 16]).is_none() {
        Err(Error::new(0, "invalid IPv6address in IP-literal"))
    } else {
        Ok(())
    }
}

/// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )` in `input[start..end]`.
fn check_ip_future(b: &[u8], start: usize, end: usize) -> Result<(), (usize, &'static str)> {
    let mut i = start + 1;
    while i < end && b.get(i).is_some_and(u8::is_ascii_hexdigit) {
        i += 1;
    }
    if i == start + 1 {
        return Err((i, "expected HEXDIG after 'v' in IPvFuture"));
    }
    if i == end || b.get(i) != Some(&b'.') {
        return Err((i, "expected '.' after version in IPvFuture"));
    }
    i += 1;
    if i == end {
        return Err((i, "expected address after '.' in IPvFuture"));
    }
    while i < end {
        if !b.get(i).is_some_and(|&c| AsciiSet::USERINFO.contains(c)) {
            return Err((i, "invalid character in IPvFuture"));
        }
        i += 1;
    }
    Ok(())
}

/// `IPv6address` (RFC 3986 §3.2.2):
///
/// ```text
/// IPv6address =                            6( h16 ":" ) ls32
///             /                       "::" 5( h16 ":" ) ls32
///             / [               h16 ] "::" 4( h16 ":" ) ls32
///             / [ *1( h16 ":" ) h16 ] "::" 3( h16 ":" ) ls32
///             / [ *2( h16 ":" ) h16 ] "::" 2( h16 ":" ) ls32
///             / [ *3( h16 ":" ) h16 ] "::"    h16 ":"   ls32
///             / [ *4( h16 ":" ) h16 ] "::"              ls32
///             / [ *5( h16 ":" ) h16 ] "::"              h16
///             / [ *6( h16 ":" ) h16 ] "::"
/// h16         = 1*4HEXDIG
/// ls32        = ( h16 ":" h16 ) / IPv4address
/// ```
///
/// It accepts exactly what `core::net::Ipv6Addr`'s `FromStr` accepts (signpost-oauth's tests
/// compare the two on generated inputs), in a fraction of its code: one pass over the groups, an
/// embedded IPv4 address only as the last two, then the groups after `::` moved to the end.
pub fn ipv6_address(s: &[u8]) -> Option<[u8; 16]> {
    let mut bytes = [0u8; 16];
    let (gap, n) = read_ipv6(s, &mut bytes)?;
    // `::` stands for the zero groups: move the groups after it to the end.
    let shift = 2 * (8 - n);
    let mut k = 2 * n;
    while k > 2 * gap {
        k -= 1;
        *bytes.get_mut(k + shift)? = bytes[k];
        bytes[k] = 0;
    }
    Some(bytes)
}

/// Reads an [`ipv6_address`] into `bytes` (all zeros on entry), in network order, the
/// groups after `::` not yet in their place: where `::` is and how many groups were read
/// (in groups; `(8, 8)` without `::`), or `None` when `s` is not one. The caller's buffer
/// spares a copy of the address when only its validity matters.
fn read_ipv6(s: &[u8], bytes: &mut [u8; 16]) -> Option<(usize, usize)> {
    let len = s.len();
    // The groups read so far, two bytes each in `bytes`.
    let mut n = 0;
    // How many groups came before `::`, when there is one.
    let mut gap = None;
    let mut i = 0;
    // Whether `::` is the last thing read: the only place where the address may end
    // without a group.
    let mut at_gap = false;
    if s.starts_with(b"::") {
        gap = Some(0);
        i = 2;
        at_gap = true;
    }
    while !(at_gap && i == len) {
        // ls32 as an IPv4address, when there is room for two groups: it ends the address.
        if n < 7 {
            if let Some(([a, b, c, d], end)) = ipv4_prefix(s, i) {
                bytes[2 * n] = a;
                bytes[2 * n + 1] = b;
                bytes[2 * n + 2] = c;
                bytes[2 * n + 3] = d;
                n += 2;
                i = end;
                break;
            }
        }
        let (value, end) = digits(s, i, 16, 4)?;
        if n == 8 {
            return None;
        }
        bytes[2 * n] = (value >> 8) as u8;
        bytes[2 * n + 1] = value as u8;
        n += 1;
        i = end;
        at_gap = false;
        if i == len {
            break;
        }
        if s.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        if s.get(i) == Some(&b':') {
            if gap.is_some() {
                return None;
            }
            gap = Some(n);
            i += 1;
            at_gap = true;
        }
    }
    if i != len {
        return None;
    }
    match gap {
        None if n == 8 => Some((8, 8)),
        // `::` stands for at least one zero group.
        Some(g) if n < 8 => Some((g, n)),
        _ => None,
    }
}

/// An `IPv4address` at the start of `s[at..]`: the octets and the offset after them.
fn ipv4_prefix(s: &[u8], at: usize) -> Option<([u8; 4], usize)> {
    let mut octets = [0u8; 4];
    let mut p = at;
    for (i, octet) in octets.iter_mut().enumerate() {
        if i > 0 {
            if s.get(p) != Some(&b'.') {
                return None;
            }
            p += 1;
        }
        // dec-octet: no leading zero
        let (value, end) = digits(s, p, 10, 3)?;
        if end - p > 1 && s.get(p) == Some(&b'0') {
            return None;
        }
        *octet = u8::try_from(value).ok()?;
        p = end;
    }
    Some((octets, p))
}

/// A run of 1 to `max` digits of `radix` at `s[at..]`: its value and the offset after it;
/// `None` when there is no digit or more than `max` of them.
fn digits(s: &[u8], at: usize, radix: u32, max: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut p = at;
    while let Some(d) = s.get(p).and_then(|&b| char::from(b).to_digit(16)).filter(|&d| d < radix) {
        if p - at == max {
            return None;
        }
        value = value * radix + d;
        p += 1;
    }
    (p > at).then_some((value, p))
}
