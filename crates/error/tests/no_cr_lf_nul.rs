//! No member the readers hand out holds CR, LF or NUL, raw or decoded: the redirect-query
//! reader and the JSON reader refuse them (RFC 6749 Appendix A excludes them from every
//! member).

use proptest::prelude::*;
use signpost_error::AuthorizationErrorResponse;

fn clean(bytes: &[u8]) -> bool {
    !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

/// A query of known members whose values mix text, escapes of CR, LF and NUL, raw controls.
fn query() -> impl Strategy<Value = String> {
    let value = "([a-z+]|%0[aAdD0]|%2[0-9]|%4[1-9]|\r|\n|\u{0}){0,6}";
    let member =
        prop::sample::select(vec!["error", "error_description", "error_uri", "state", "iss", "x"]);
    prop::collection::vec((member, value), 1..6).prop_map(|pairs| {
        pairs.iter().map(|(m, v)| format!("{m}={v}")).collect::<Vec<_>>().join("&")
    })
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_query_member_holds_cr_lf_or_nul(query in query()) {
        if let Ok(Some(r)) = AuthorizationErrorResponse::parse(&query) {
            for v in [Some(r.error()), r.description(), r.uri(), r.state(), r.iss()].into_iter().flatten() {
                prop_assert!(clean(v.as_raw().as_bytes()));
                prop_assert!(clean(&v.bytes().collect::<Vec<u8>>()), "{query:?}");
            }
        }
    }
}

#[cfg(feature = "serde")]
mod json {
    use proptest::prelude::*;
    use signpost_error::ErrorResponse;

    use super::clean;

    proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_json_member_holds_cr_lf_or_nul(
        description in "([a-z ]|\\\\r|\\\\n|\\\\u0000|\\\\u000[aAdD]|\\\\t){0,6}",
        uri in "([a-z:/]|\\\\n|\\\\u0000){0,6}",
    ) {
        let body = format!(r#"{{"error":"invalid_request","error_description":"{description}","error_uri":"{uri}"}}"#);
        if let Ok(r) = serde_json::from_str::<ErrorResponse<'_>>(&body) {
            prop_assert!(clean(r.description().unwrap_or("").as_bytes()), "{body}");
            prop_assert!(clean(r.uri().unwrap_or("").as_bytes()), "{body}");
        }
    }
    }
}
