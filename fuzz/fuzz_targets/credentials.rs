//! `Authorization` parsing: no panic, and a Bearer token, when found, is a token68 that
//! stands in the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::{bearer_token, parse_credentials, token_for};

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = parse_credentials(data) {
        assert!(c.offset() < data.len());
        let _ = c.params().count();
    }
    if let Ok(t) = bearer_token(data) {
        assert!(signpost_syntax::is_token68(t.as_bytes()));
        assert!(data.windows(t.len()).any(|w| w == t.as_bytes()));
    }
    let _ = token_for(data, "DPoP");
});
