//! `Url::parse` against a reference model: the splitter as first written (each component
//! found as RFC 3986 Appendix B does, then checked against its rule, IP literals read with
//! `core::net`). Every accessor, every error, offset and byte found must agree.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use std::net::{Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use signpost_oauth::{Host, Url};

/// What a URL is made of, as the accessors show it.
#[derive(Debug, PartialEq)]
struct Parts<'a> {
    scheme: &'a str,
    authority: Option<&'a str>,
    userinfo: Option<&'a str>,
    host: Option<Host<'a>>,
    host_str: Option<&'a str>,
    port: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// An error as the accessors show it: offset, byte found, message.
type Refusal = (usize, signpost_oauth::Found, String);

fn parts<'a>(url: &Url<'a>) -> Parts<'a> {
    Parts {
        scheme: url.scheme(),
        authority: url.authority(),
        userinfo: url.userinfo(),
        host: url.host(),
        host_str: url.host_str(),
        port: url.port(),
        path: url.path(),
        query: url.query(),
        fragment: url.fragment(),
    }
}

fn unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._~".contains(&c)
}

fn sub_delim(c: u8) -> bool {
    b"!$&'()*+,;=".contains(&c)
}

fn refuse<T>(s: &str, at: usize, message: &str) -> Result<T, Refusal> {
    let found = match s.as_bytes().get(at) {
        Some(&b) => signpost_oauth::Found::Byte(b),
        None => signpost_oauth::Found::End,
    };
    Err((at, found, message.to_string()))
}

/// `s[start..end]` made of `class` bytes and pct-encoded octets.
fn run(
    s: &str,
    start: usize,
    end: usize,
    class: fn(u8) -> bool,
    name: &str,
) -> Result<(), Refusal> {
    let b = s.as_bytes();
    let mut i = start;
    while i < end {
        if b[i] == b'%' {
            let hex = |j: usize| j < end && b[j].is_ascii_hexdigit();
            if !(hex(i + 1) && hex(i + 2)) {
                return refuse(s, i, &format!("expected two hex digits after '%' in {name}"));
            }
            i += 3;
        } else if class(b[i]) {
            i += 1;
        } else {
            return refuse(s, i, &format!("invalid character in {name}"));
        }
    }
    Ok(())
}

fn first_of(s: &str, from: usize, end: usize, set: &[u8]) -> usize {
    (from..end).find(|&i| set.contains(&s.as_bytes()[i])).unwrap_or(end)
}

fn reference(s: &str) -> Result<Parts<'_>, Refusal> {
    let b = s.as_bytes();
    let len = b.len();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return refuse(s, 0, "expected scheme (ALPHA)");
    }
    let mut i = 1;
    while i < len && (b[i].is_ascii_alphanumeric() || b"+-.".contains(&b[i])) {
        i += 1;
    }
    if b.get(i) != Some(&b':') {
        return refuse(s, i, "expected ':' after scheme");
    }
    let mut parts = Parts {
        scheme: &s[..i],
        authority: None,
        userinfo: None,
        host: None,
        host_str: None,
        port: None,
        path: "",
        query: None,
        fragment: None,
    };
    i += 1;
    if s[i..].starts_with("//") {
        let start = i + 2;
        let end = first_of(s, start, len, b"/?#");
        parts.authority = Some(&s[start..end]);
        let mut host_start = start;
        let at = first_of(s, start, end, b"@");
        if at < end {
            run(s, start, at, |c| unreserved(c) || sub_delim(c) || c == b':', "userinfo")?;
            parts.userinfo = Some(&s[start..at]);
            host_start = at + 1;
        }
        let host_end;
        if b.get(host_start) == Some(&b'[') {
            let close = first_of(s, host_start + 1, end, b"]");
            if close == end {
                return refuse(s, end, "expected ']' to close IP-literal");
            }
            let inner = &s[host_start + 1..close];
            if inner.starts_with(['v', 'V']) {
                let mut j = host_start + 2;
                while j < close && b[j].is_ascii_hexdigit() {
                    j += 1;
                }
                if j == host_start + 2 {
                    return refuse(s, j, "expected HEXDIG after 'v' in IPvFuture");
                }
                if j == close || b[j] != b'.' {
                    return refuse(s, j, "expected '.' after version in IPvFuture");
                }
                j += 1;
                if j == close {
                    return refuse(s, j, "expected address after '.' in IPvFuture");
                }
                while j < close {
                    if !(unreserved(b[j]) || sub_delim(b[j]) || b[j] == b':') {
                        return refuse(s, j, "invalid character in IPvFuture");
                    }
                    j += 1;
                }
                parts.host = Some(Host::Future(inner));
            } else {
                match inner.parse::<Ipv6Addr>() {
                    Ok(a) if inner.is_ascii() => parts.host = Some(Host::Ipv6(a)),
                    _ => return refuse(s, host_start + 1, "invalid IPv6address in IP-literal"),
                }
            }
            host_end = close + 1;
            if host_end < end && b[host_end] != b':' {
                return refuse(s, host_end, "expected ':' or end of authority after IP-literal");
            }
        } else {
            host_end = first_of(s, host_start, end, b":");
            run(s, host_start, host_end, |c| unreserved(c) || sub_delim(c), "host")?;
            let text = &s[host_start..host_end];
            parts.host = Some(match text.parse::<Ipv4Addr>() {
                Ok(a) => Host::Ipv4(a),
                Err(_) => Host::Name(text),
            });
        }
        parts.host_str = Some(&s[host_start..host_end]);
        if host_end < end {
            if let Some(p) = (host_end + 1..end).find(|&p| !b[p].is_ascii_digit()) {
                return refuse(s, p, "invalid character in port (DIGIT)");
            }
            parts.port = Some(&s[host_end + 1..end]);
        }
        i = end;
    }
    let path_end = first_of(s, i, len, b"?#");
    run(s, i, path_end, |c| unreserved(c) || sub_delim(c) || b":@/".contains(&c), "path")?;
    parts.path = &s[i..path_end];
    i = path_end;
    if b.get(i) == Some(&b'?') {
        let end = first_of(s, i + 1, len, b"#");
        run(s, i + 1, end, |c| unreserved(c) || sub_delim(c) || b":@/?".contains(&c), "query")?;
        parts.query = Some(&s[i + 1..end]);
        i = end;
    }
    if b.get(i) == Some(&b'#') {
        run(s, i + 1, len, |c| unreserved(c) || sub_delim(c) || b":@/?".contains(&c), "fragment")?;
        parts.fragment = Some(&s[i + 1..]);
    }
    Ok(parts)
}

#[track_caller]
fn same_as_reference(s: &str) {
    let ours = Url::parse(s)
        .map(|url| {
            assert_eq!(url.as_str(), s);
            parts(&url)
        })
        .map_err(|e| (e.offset(), e.found(), e.message().to_string()));
    assert_eq!(ours, reference(s), "{s:?}");
}

#[test]
fn agrees_with_the_reference_on_the_edges() {
    for s in [
        "",
        "a",
        "a:",
        "1a:",
        "a+b-c.d:x",
        "a_b:x",
        "a://",
        "a:///",
        "a://@",
        "a://@@",
        "a://u@h:1",
        "a://u:p@h",
        "a://u p@h",
        "a://%4@h",
        "a://[",
        "a://[]",
        "a://[::1]",
        "a://[::1]:",
        "a://[::1]:8x",
        "a://[::1]x",
        "a://[v1.x]",
        "a://[V1.x]",
        "a://[v.x]",
        "a://[v1x]",
        "a://[v1.]",
        "a://[v1.x/]",
        "a://[v1.%]",
        "a://[fe80::1%25en0]",
        "a://h:80:90",
        "a://h:",
        "a://127.0.0.1",
        "a://127.0.0.01",
        "a://1.2.3",
        "a://h/p?q#f",
        "a://h?#",
        "a://h#?",
        "a:?",
        "a:#",
        "a:p/q",
        "a:/%zz",
        "a:/p?%4",
        "a:/p#%",
        "a:/p#a#b",
        "a://h\u{e9}",
        "urn:example:animal:ferret:nose",
        "https://user@example.com:8443/over/there?name=ferret#nose",
    ] {
        same_as_reference(s);
    }
}

proptest! {
    #![proptest_config(if cfg!(miri) { ProptestConfig::default() } else { ProptestConfig::with_cases(4096) })]

    /// Every accessor, error and offset agrees with the reference, on URIs built from the
    /// pieces that steer a splitter.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "https", "a", "Z", "1", "0", "+", "-", ".", "_", "~", "!", "=", ":", "//", "/", "?",
            "#", "@", "[", "]", "%", "%4", "%41", "g", "v1.", "V", "::", "::1", "ffff", "1.2.3.4",
            "127.0.0.1", "01", "255", "256", "80", " ", "\"", "\u{e9}", "https://", "://",
        ][..]), 0..12),
    ) {
        same_as_reference(&pieces.concat());
    }

    /// The same, always with a scheme and an authority, so that the authority's rules are
    /// reached more often.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_reference_in_authorities(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "a", "1", ":", "@", "[", "]", "%", "%41", "v1.", "::", "::1", "ffff", "1.2.3.4",
            "0", ".", "80", "x", "/", "?", "#",
        ][..]), 0..10),
    ) {
        same_as_reference(&format!("https://{}", pieces.concat()));
    }
}
