//! The URL guard: every case allowed or refused, with its reason.

use core::net::IpAddr;

use signpost_oauth::{Guard, Refusal};

/// What a guard says.
type Verdict = Result<(), Refusal>;

/// (URL, what the strict guard says, what the local-development guard says)
const CASES: &[(&str, Verdict, Verdict)] = &[
    // Allowed: https, a DNS name or a public address.
    ("https://as.example.com/.well-known/oauth-authorization-server", Ok(()), Ok(())),
    ("https://as.example.com:8443/tenant1", Ok(()), Ok(())),
    ("HTTPS://AS.EXAMPLE.COM/", Ok(()), Ok(())),
    ("https://as.example.com.", Ok(()), Ok(())),
    ("https://93.184.215.14/", Ok(()), Ok(())),
    ("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", Ok(()), Ok(())),
    ("https://[::ffff:8.8.8.8]/", Ok(()), Ok(())),
    ("https://[64:ff9b::808:808]/", Ok(()), Ok(())),
    ("https://localhost.example.com/", Ok(()), Ok(())),
    ("https://notlocalhost/", Ok(()), Ok(())),
    ("https://1.2.3.com/", Ok(()), Ok(())),
    ("https://as.example.com:0443/", Ok(()), Ok(())),
    ("https://as.example.com:/", Ok(()), Ok(())),
    // Scheme.
    ("http://as.example.com/", Err(Refusal::NotHttps), Err(Refusal::NotHttps)),
    ("ftp://as.example.com/", Err(Refusal::NotHttps), Err(Refusal::NotHttps)),
    ("file:///etc/passwd", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    ("javascript:alert(1)", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    ("a:$(calc)", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    // Fragment, userinfo, host.
    ("https://as.example.com/#x", Err(Refusal::Fragment), Err(Refusal::Fragment)),
    ("https://as.example.com#", Err(Refusal::Fragment), Err(Refusal::Fragment)),
    ("https://user:pass@as.example.com/", Err(Refusal::Userinfo), Err(Refusal::Userinfo)),
    ("https://as.example.com@evil.example/", Err(Refusal::Userinfo), Err(Refusal::Userinfo)),
    ("https://@as.example.com/", Err(Refusal::Userinfo), Err(Refusal::Userinfo)),
    ("https:///path", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    ("https://:443/", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    ("urn:ietf:params:oauth", Err(Refusal::NoHost), Err(Refusal::NoHost)),
    ("https://as.example.com:65536/", Err(Refusal::PortOutOfRange), Err(Refusal::PortOutOfRange)),
    (
        "https://as.example.com:4294967739/",
        Err(Refusal::PortOutOfRange),
        Err(Refusal::PortOutOfRange),
    ),
    ("https://[v1.x]/", Err(Refusal::IpFuture), Err(Refusal::IpFuture)),
    // Names that mean the local host (RFC 6761 §6.3).
    ("https://localhost/", Err(Refusal::Localhost), Ok(())),
    ("https://LOCALHOST:8443/", Err(Refusal::Localhost), Ok(())),
    ("https://localhost./", Err(Refusal::Localhost), Ok(())),
    ("https://api.localhost/", Err(Refusal::Localhost), Ok(())),
    ("http://localhost:8001/mcp", Err(Refusal::Localhost), Ok(())),
    // Hosts that browsers read as IPv4 numbers (WHATWG URL "ends in a number").
    ("https://2130706433/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://0x7f.1/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://0177.0.0.1/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://127.1/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://0x7F000001/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://127.0.0.1./", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://8.8.8.08/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://999.1.1.1/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    ("https://example.0x10/", Err(Refusal::NumericHost), Err(Refusal::NumericHost)),
    // Percent-encoded names (a browser decodes them: this one is localhost).
    ("https://%6c%6fcalhost/", Err(Refusal::EncodedHost), Err(Refusal::EncodedHost)),
    ("https://127.0.0.%31/", Err(Refusal::EncodedHost), Err(Refusal::EncodedHost)),
    // Loopback.
    ("https://127.0.0.1/", Err(Refusal::Loopback), Ok(())),
    ("https://127.255.0.9:8443/", Err(Refusal::Loopback), Ok(())),
    ("http://127.0.0.1:9000/", Err(Refusal::Loopback), Ok(())),
    ("https://[::1]/", Err(Refusal::Loopback), Ok(())),
    ("http://[::1]:8080/", Err(Refusal::Loopback), Ok(())),
    ("https://[::ffff:127.0.0.1]/", Err(Refusal::Loopback), Ok(())),
    ("https://[::ffff:7f00:1]/", Err(Refusal::Loopback), Ok(())),
    ("https://[::127.0.0.1]/", Err(Refusal::Loopback), Ok(())),
    ("https://[64:ff9b::127.0.0.1]/", Err(Refusal::Loopback), Ok(())),
    ("https://[2002:7f00:1::]/", Err(Refusal::Loopback), Ok(())),
    // Private (RFC 1918), shared (RFC 6598), unique local (RFC 4193): https only in dev.
    ("https://10.0.0.8/", Err(Refusal::Private), Ok(())),
    ("https://172.16.0.1/", Err(Refusal::Private), Ok(())),
    ("https://172.31.255.255/", Err(Refusal::Private), Ok(())),
    ("https://192.168.1.20/", Err(Refusal::Private), Ok(())),
    ("http://192.168.1.20/", Err(Refusal::Private), Err(Refusal::NotHttps)),
    ("https://[::ffff:10.1.2.3]/", Err(Refusal::Private), Ok(())),
    ("https://[::ffff:192.168.0.1]/", Err(Refusal::Private), Ok(())),
    ("https://[fec0::1]/", Err(Refusal::Private), Ok(())),
    ("https://100.64.0.1/", Err(Refusal::SharedAddressSpace), Ok(())),
    ("https://100.127.255.254/", Err(Refusal::SharedAddressSpace), Ok(())),
    ("https://[fc00::1]/", Err(Refusal::UniqueLocal), Ok(())),
    ("https://[fd12:3456:789a::1]/", Err(Refusal::UniqueLocal), Ok(())),
    // Neighbours of the ranges are public.
    ("https://172.15.255.255/", Ok(()), Ok(())),
    ("https://172.32.0.0/", Ok(()), Ok(())),
    ("https://100.63.255.255/", Ok(()), Ok(())),
    ("https://100.128.0.0/", Ok(()), Ok(())),
    ("https://11.0.0.0/", Ok(()), Ok(())),
    ("https://192.169.0.0/", Ok(()), Ok(())),
    // Link-local: refused even in development (cloud metadata services live there).
    ("https://169.254.169.254/latest/meta-data/", Err(Refusal::LinkLocal), Err(Refusal::LinkLocal)),
    ("https://[fe80::1]/", Err(Refusal::LinkLocal), Err(Refusal::LinkLocal)),
    ("https://[::ffff:169.254.169.254]/", Err(Refusal::LinkLocal), Err(Refusal::LinkLocal)),
    ("https://[fd00:ec2::254]/", Err(Refusal::UniqueLocal), Ok(())),
    // Unspecified, multicast, broadcast, reserved.
    ("https://0.0.0.0/", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
    ("https://0.1.2.3/", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
    ("https://[::]/", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
    ("https://[::ffff:0.0.0.0]/", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
    ("https://224.0.0.1/", Err(Refusal::Multicast), Err(Refusal::Multicast)),
    ("https://239.255.255.250/", Err(Refusal::Multicast), Err(Refusal::Multicast)),
    ("https://[ff02::1]/", Err(Refusal::Multicast), Err(Refusal::Multicast)),
    ("https://255.255.255.255/", Err(Refusal::Broadcast), Err(Refusal::Broadcast)),
    ("https://240.0.0.1/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://192.0.2.1/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://198.51.100.7/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://203.0.113.9/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://198.18.0.1/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://192.0.0.8/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://[2001:db8::1]/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://[2001::1]/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://[100::1]/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://[64:ff9b:1::a00:1]/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
    ("https://[::8.8.8.8]/", Err(Refusal::Reserved), Err(Refusal::Reserved)),
];

#[test]
fn guard_table() {
    let strict = Guard::new();
    let dev = Guard::local_development();
    for &(url, want_strict, want_dev) in CASES {
        assert_eq!(strict.check(url).map(|_| ()), want_strict, "strict: {url}");
        assert_eq!(dev.check(url).map(|_| ()), want_dev, "dev: {url}");
    }
}

#[test]
fn the_two_allowances_are_separate() {
    let loopback = Guard::new().allow_loopback(true);
    assert!(loopback.check("http://127.0.0.1:8080/").is_ok());
    assert!(loopback.check("http://localhost/").is_ok());
    assert_eq!(loopback.check("https://10.0.0.1/").unwrap_err(), Refusal::Private);
    let private = Guard::new().allow_private(true);
    assert!(private.check("https://10.0.0.1/").is_ok());
    assert_eq!(private.check("https://127.0.0.1/").unwrap_err(), Refusal::Loopback);
    assert_eq!(private.check("http://10.0.0.1/").unwrap_err(), Refusal::NotHttps);
    assert_eq!(Guard::local_development().allow_private(false), loopback);
    assert_eq!(Guard::default(), Guard::new());
}

#[test]
fn malformed_urls_carry_the_parse_error() {
    let err = Guard::new().check("https://exa mple.com/").unwrap_err();
    let Refusal::Malformed(parse) = err else { panic!("{err:?}") };
    assert_eq!((parse.offset(), parse.message()), (11, "invalid character in host"));
    assert_eq!(err.message(), "not a valid URL");
    assert_eq!(err.to_string(), "not a valid URL: invalid character in host, found ' ' at byte 11");
    // Backslashes, which browsers read as "/", are not URI characters.
    assert!(matches!(
        Guard::new().check("https://evil.example\\@good.example/"),
        Err(Refusal::Malformed(_))
    ));
    assert!(matches!(Guard::new().check("https://a@b@c/"), Err(Refusal::Malformed(_))));
    assert!(matches!(Guard::new().check(""), Err(Refusal::Malformed(_))));
}

#[test]
fn every_refusal_has_a_message() {
    let all = [
        (Refusal::NotHttps, "scheme is not https"),
        (Refusal::Fragment, "URL has a fragment"),
        (Refusal::Userinfo, "URL has userinfo (user@host)"),
        (Refusal::NoHost, "URL has no host"),
        (Refusal::Localhost, "host is localhost"),
        (Refusal::NumericHost, "host is a number that browsers read as an IPv4 address"),
        (Refusal::EncodedHost, "host is percent-encoded"),
        (Refusal::IpFuture, "host is an IPvFuture literal"),
        (Refusal::PortOutOfRange, "port is out of range"),
        (Refusal::Loopback, "loopback address"),
        (Refusal::Private, "private address"),
        (Refusal::SharedAddressSpace, "shared address space (carrier-grade NAT) address"),
        (Refusal::LinkLocal, "link-local address"),
        (Refusal::UniqueLocal, "unique local address"),
        (Refusal::Unspecified, "unspecified address"),
        (Refusal::Multicast, "multicast address"),
        (Refusal::Broadcast, "broadcast address"),
        (Refusal::Reserved, "reserved special-purpose address"),
    ];
    for (refusal, message) in all {
        assert_eq!(refusal.message(), message);
        assert_eq!(refusal.to_string(), message);
    }
}

#[test]
fn resolved_addresses() {
    // (address, strict, development)
    const IPS: &[(&str, Verdict, Verdict)] = &[
        ("93.184.215.14", Ok(()), Ok(())),
        ("2606:4700::6810:85e5", Ok(()), Ok(())),
        ("127.0.0.1", Err(Refusal::Loopback), Ok(())),
        ("::1", Err(Refusal::Loopback), Ok(())),
        ("10.10.10.10", Err(Refusal::Private), Ok(())),
        ("::ffff:10.10.10.10", Err(Refusal::Private), Ok(())),
        ("100.100.100.200", Err(Refusal::SharedAddressSpace), Ok(())),
        ("fd7a:115c:a1e0::1", Err(Refusal::UniqueLocal), Ok(())),
        ("169.254.169.254", Err(Refusal::LinkLocal), Err(Refusal::LinkLocal)),
        ("fe80::1", Err(Refusal::LinkLocal), Err(Refusal::LinkLocal)),
        ("0.0.0.0", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
        ("::", Err(Refusal::Unspecified), Err(Refusal::Unspecified)),
        ("ff05::2", Err(Refusal::Multicast), Err(Refusal::Multicast)),
        ("2002:a00:1::1", Err(Refusal::Private), Ok(())),
    ];
    for &(ip, strict, dev) in IPS {
        let addr: IpAddr = ip.parse().unwrap();
        assert_eq!(Guard::new().check_ip(addr), strict, "strict: {ip}");
        assert_eq!(Guard::local_development().check_ip(addr), dev, "dev: {ip}");
    }
}
