//! Properties: for random valid https URLs, the well-known URLs parse, keep the host, port
//! and query, and match a naive model of the RFC text; no input makes anything panic.

use proptest::prelude::*;
use signpost_oauth::{Guard, Issuer, ResourceId, Url};

/// `unreserved / sub-delims / ":" / "@"`, and a pct-encoded octet.
fn pchar() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[A-Za-z0-9._~!$&'()*+,;=:@-]",
        1 => "%[0-9A-Fa-f]{2}",
    ]
}

fn segment() -> impl Strategy<Value = String> {
    prop::collection::vec(pchar(), 0..6).prop_map(|v| v.concat())
}

fn host() -> impl Strategy<Value = String> {
    let label = "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?";
    prop_oneof![
        prop::collection::vec(label, 1..4).prop_map(|v| v.join(".")),
        any::<[u8; 4]>().prop_map(|o| core::net::Ipv4Addr::from(o).to_string()),
        any::<[u16; 8]>().prop_map(|s| format!("[{}]", core::net::Ipv6Addr::from(s))),
    ]
}

/// `https://host[:port][/path][?query]`, and its parts.
fn https_url() -> impl Strategy<Value = (String, String, Option<String>, String, Option<String>)> {
    (
        host(),
        prop::option::of(0u32..70000),
        prop::collection::vec(segment(), 0..4),
        any::<bool>(),
        prop::option::of(prop::collection::vec(
            prop_oneof![pchar(), Just("/".into()), Just("?".into())],
            0..8,
        )),
    )
        .prop_map(|(host, port, segments, trailing, query)| {
            let port = port.map(|p| p.to_string());
            let mut path: String = segments.iter().map(|s| format!("/{s}")).collect();
            if trailing {
                path.push('/');
            }
            let query = query.map(|q| q.concat());
            let mut url = format!("https://{host}");
            if let Some(p) = &port {
                url.push(':');
                url.push_str(p);
            }
            url.push_str(&path);
            if let Some(q) = &query {
                url.push('?');
                url.push_str(q);
            }
            (url, host, port, path, query)
        })
}

/// RFC 9728 §3.1 read naively: cut after the authority; drop a "/" that is the whole path;
/// insert.
fn naive_resource(url: &str) -> String {
    let after_scheme = url.find("://").unwrap() + 3;
    let cut = url[after_scheme..].find(['/', '?']).map_or(url.len(), |i| after_scheme + i);
    let (head, mut rest) = url.split_at(cut);
    if rest == "/" || rest.starts_with("/?") {
        rest = &rest[1..];
    }
    format!("{head}/.well-known/oauth-protected-resource{rest}")
}

/// RFC 8414 §3.1 read naively.
fn naive_issuer(url: &str) -> String {
    let after_scheme = url.find("://").unwrap() + 3;
    let cut = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    let (head, path) = url.split_at(cut);
    let path = path.strip_suffix('/').unwrap_or(path);
    format!("{head}/.well-known/oauth-authorization-server{path}")
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn built_resource_urls_keep_host_port_and_query((url, host, port, path, query) in https_url()) {
        let resource = ResourceId::parse(&url).unwrap();
        prop_assert_eq!(resource.url().host_str(), Some(host.as_str()));
        for candidate in resource.probe(None) {
            let text = candidate.to_string();
            prop_assert_eq!(candidate.len(), text.len());
            prop_assert!(candidate.eq_str(&text));
            let built = Url::parse(&text).unwrap();
            prop_assert_eq!(built.scheme(), "https");
            prop_assert_eq!(built.host_str(), Some(host.as_str()));
            prop_assert_eq!(built.port(), port.as_deref());
            prop_assert!(built.path().starts_with("/.well-known/oauth-protected-resource"));
            prop_assert_eq!(built.fragment(), None);
            prop_assert_eq!(candidate.expected_resource(), url.as_str());
        }
        let inserted = resource.metadata_url().to_string();
        prop_assert_eq!(&inserted, &naive_resource(&url));
        let built = Url::parse(&inserted).unwrap();
        prop_assert_eq!(built.query(), query.as_deref());
        // The path after the suffix is the resource's path, a lone "/" aside.
        let rest = &built.path()["/.well-known/oauth-protected-resource".len()..];
        prop_assert_eq!(rest, if path == "/" { "" } else { path.as_str() });
        // The route is the metadata URL's path, read from the parsed identifier.
        let route = resource.metadata_path();
        prop_assert_eq!(route.to_string(), built.path());
        prop_assert_eq!(route.len(), built.path().len());
        prop_assert!(route == built.path());
        prop_assert_eq!(route.query(), built.query());
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn built_issuer_urls_keep_host_and_port((url, host, port, _path, _query) in https_url()) {
        let issuer_text = url.split('?').next().unwrap();
        let issuer = Issuer::parse(issuer_text).unwrap();
        prop_assert_eq!(issuer.metadata_url().to_string(), naive_issuer(issuer_text));
        let inserted = issuer.metadata_url().to_string();
        prop_assert_eq!(issuer.metadata_path().to_string(), Url::parse(&inserted).unwrap().path());
        for candidate in issuer.probe() {
            let text = candidate.to_string();
            let built = Url::parse(&text).unwrap();
            prop_assert_eq!(built.host_str(), Some(host.as_str()));
            prop_assert_eq!(built.port(), port.as_deref());
            prop_assert_eq!(built.query(), None);
            prop_assert!(text.contains("/.well-known/"));
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn split_components_reassemble_the_input(s in "[ -~]{0,40}") {
        if let Ok(url) = Url::parse(&s) {
            let mut again = format!("{}:", url.scheme());
            if let Some(a) = url.authority() {
                again.push_str("//");
                again.push_str(a);
                let mut authority = String::new();
                if let Some(u) = url.userinfo() {
                    authority.push_str(u);
                    authority.push('@');
                }
                authority.push_str(url.host_str().unwrap());
                if let Some(p) = url.port() {
                    authority.push(':');
                    authority.push_str(p);
                }
                prop_assert_eq!(authority.as_str(), a);
            }
            again.push_str(url.path());
            if let Some(q) = url.query() {
                again.push('?');
                again.push_str(q);
            }
            if let Some(f) = url.fragment() {
                again.push('#');
                again.push_str(f);
            }
            prop_assert_eq!(again, s);
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn nothing_panics_on_any_text(s in "\\PC{0,60}", t in "(https?://)?[\\[\\]:@%./?#a-f0-9xX]{0,40}") {
        for input in [s.as_str(), t.as_str()] {
            let _ = Url::parse(input);
            let _ = Guard::new().check(input);
            let _ = Guard::local_development().check(input);
            if let Ok(r) = ResourceId::parse(input) {
                for u in r.probe(Some(input)).chain(r.probe(None)) {
                    let _ = u.to_string();
                }
            }
            if let Ok(i) = Issuer::parse(input) {
                for u in i.probe() {
                    let _ = Url::parse(&u.to_string()).unwrap();
                }
            }
        }
    }
}
