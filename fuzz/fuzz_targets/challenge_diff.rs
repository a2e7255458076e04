//! Differential: our strict challenge parser against an independent nom translation of the
//! RFC 9110 §11 ABNF (fuzz/src/lib.rs) on every input, and against http-auth on the inputs
//! both accept. Known, deliberate differences are listed in docs/conformance.md.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::Challenges;
use signpost_fuzz::challenge_ref::{self, Model};

fn ours(input: &[u8]) -> Option<Vec<Model>> {
    Challenges::new(input)
        .map(|c| {
            c.ok().map(|c| {
                let params = c
                    .params()
                    .map(|p| (p.name().to_owned(), p.value().bytes().collect()))
                    .collect();
                (c.scheme().to_owned(), c.token68().map(str::to_owned), params)
            })
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let ours = ours(data);
    assert_eq!(
        ours,
        challenge_ref::parse(data),
        "nom reference disagrees on {:?}",
        String::from_utf8_lossy(data)
    );

    // http-auth: str input, no token68 (by design), no bare-scheme special cases worth
    // comparing; compare only what both accept.
    let (Some(ours), Ok(text)) = (ours, std::str::from_utf8(data)) else { return };
    let theirs: Result<Vec<_>, _> = http_auth::parser::ChallengeParser::new(text).collect();
    if let Ok(theirs) = theirs {
        let theirs: Vec<Model> = theirs
            .iter()
            .map(|c| {
                let params = c
                    .params
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_unescaped().into_bytes()))
                    .collect();
                (c.scheme.to_owned(), None, params)
            })
            .collect();
        assert_eq!(ours, theirs, "http-auth disagrees on {text:?}");
    }
});
