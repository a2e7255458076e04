//! Both metadata documents from arbitrary JSON: no panic; a document that parses survives
//! into_owned, serialises and parses back equal, and its checks run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_oauth::{AuthorizationServerMetadata, Guard, Issuer, ResourceId, ResourceMetadata};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = serde_json::from_slice::<ResourceMetadata>(data) {
        if let Ok(resource) = ResourceId::parse(&doc.resource) {
            for url in resource.probe(None) {
                assert!(doc.check(&url).is_ok());
            }
        }
        for (_, url) in doc.urls() {
            let _ = Guard::new().check(url);
        }
        let text = serde_json::to_string(&doc).unwrap();
        let again: ResourceMetadata = serde_json::from_str(&text).unwrap();
        assert_eq!(again, doc);
        assert_eq!(doc.clone().into_owned(), doc);
    }
    if let Ok(doc) = serde_json::from_slice::<AuthorizationServerMetadata>(data) {
        if let Ok(issuer) = Issuer::parse(&doc.issuer) {
            for url in issuer.probe() {
                assert!(doc.check(&url).is_ok());
            }
        }
        for (_, url) in doc.urls() {
            let _ = Guard::new().check(url);
        }
        let text = serde_json::to_string(&doc).unwrap();
        let again: AuthorizationServerMetadata = serde_json::from_str(&text).unwrap();
        assert_eq!(again, doc);
        assert_eq!(doc.clone().into_owned(), doc);
    }
});
