//! The JSON error body of RFC 6749 §5.2 through serde_json: no panic; whatever is read has
//! a valid `error`; whatever may be written is written by the no-serde writer exactly as
//! serde writes it, and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_error::{ErrorCode, ErrorResponse};

fuzz_target!(|data: &[u8]| {
    let Ok(r) = serde_json::from_slice::<ErrorResponse<'_>>(data) else { return };
    let code = ErrorCode::parse(r.error().as_str()).expect("error = 1*NQSCHAR");
    assert_eq!(code, r.error());
    let mut out = String::new();
    match r.write_json(&mut out) {
        Ok(()) => {
            assert!(r.check().is_ok());
            assert_eq!(serde_json::to_string(&r).unwrap(), out);
            let back: ErrorResponse<'_> = serde_json::from_str(&out).unwrap();
            assert_eq!(back, r);
        }
        Err(e) => {
            assert!(!e.is_fmt());
            assert_eq!(signpost_error::WriteError::from(r.check().unwrap_err()), e);
            assert!(serde_json::to_string(&r).is_err());
        }
    }
    let owned = r.clone().into_owned();
    assert_eq!(owned, r);
});
