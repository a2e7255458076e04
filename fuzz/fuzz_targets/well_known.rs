//! URL splitting, well-known URL building and the guard: no panic; every split reassembles
//! the input; every built URL parses again with the same scheme, host and port; the guard
//! agrees with itself on the parsed URL; a metadata route is the path of its URL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_oauth::{Guard, Issuer, Kind, ResourceId, Source, Url};

fn same_origin(built: &str, from: &Url<'_>) {
    let url = Url::parse(built).expect("a built metadata URL parses");
    assert_eq!(url.scheme(), from.scheme());
    assert_eq!(url.host_str(), from.host_str());
    assert_eq!(url.port(), from.port());
    assert_eq!(url.userinfo(), from.userinfo());
    assert!(url.path().contains("/.well-known/"));
    assert_eq!(url.fragment(), None);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(url) = Url::parse(text) {
        let mut again = format!("{}:", url.scheme());
        if let Some(a) = url.authority() {
            again.push_str("//");
            again.push_str(a);
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
        assert_eq!(again, text);
        assert_eq!(Guard::new().check_url(&url), Guard::new().check(text).map(|_| ()));
        let _ = Guard::local_development().check_url(&url);
    }
    if let Ok(resource) = ResourceId::parse(text) {
        for candidate in resource.probe(None) {
            let built = candidate.to_string();
            assert_eq!(built.len(), candidate.len());
            assert!(candidate.eq_str(&built));
            same_origin(&built, resource.url());
            assert!(candidate.check(resource.as_str()).is_ok());
        }
        // The route is the inserted URL's path, and its query the URL's query.
        let inserted = resource.metadata_url().to_string();
        let url = Url::parse(&inserted).expect("a built metadata URL parses");
        let route = resource.metadata_path();
        assert_eq!(route.to_string(), url.path());
        assert!(route.eq_str(url.path()));
        assert_eq!(route.len(), url.path().len());
        assert_eq!(route.query(), url.query());
        let given = resource.probe(Some(text)).next().unwrap();
        assert_eq!(given.to_string(), text);
        assert_eq!(given.source(), Source::Advertised);
        // The guesses, in order: path-inserted, then the root (when it differs).
        let kinds: Vec<Source> = resource.probe(None).map(|u| u.source()).collect();
        assert_eq!(kinds[0], Source::WellKnown(Kind::ResourceInserted));
        assert!(kinds[1..] == [] || kinds[1..] == [Source::WellKnown(Kind::ResourceRoot)]);
    }
    if let Ok(issuer) = Issuer::parse(text) {
        for candidate in issuer.probe() {
            let built = candidate.to_string();
            assert_eq!(built.len(), candidate.len());
            same_origin(&built, issuer.url());
            assert!(candidate.check(issuer.as_str()).is_ok());
        }
        same_origin(&issuer.openid_configuration_url().to_string(), issuer.url());
        // The MCP order, each candidate with its rule.
        let kinds: Vec<Source> = issuer.probe().map(|u| u.source()).collect();
        let order = [Kind::OAuthInserted, Kind::OpenIdInserted, Kind::OpenIdAppended];
        assert!(kinds.len() >= 2);
        assert!(kinds.iter().zip(order).all(|(s, k)| *s == Source::WellKnown(k)));
        let inserted = issuer.metadata_url().to_string();
        let url = Url::parse(&inserted).expect("a built metadata URL parses");
        assert_eq!(issuer.metadata_path().to_string(), url.path());
    }
});
