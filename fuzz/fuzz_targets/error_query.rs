//! The authorization error response in a query: no panic; decoding agrees three ways
//! (iterator, caller buffer, `Cow`); every value that can be written again reads back the
//! same; errors point inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_error::{AuthorizationErrorResponse, Encoded, ErrorCode, ErrorResponse};

fn check_decoding(v: Encoded<'_>) -> Vec<u8> {
    let collected: Vec<u8> = v.bytes().collect();
    assert_eq!(collected.len(), v.decoded_len());
    assert_eq!(v.bytes().len(), v.decoded_len());
    let mut buf = vec![0u8; v.decoded_len()];
    assert_eq!(v.decode_into(&mut buf).expect("exact buffer"), &collected[..]);
    assert_eq!(&v.to_decoded_bytes()[..], &collected[..]);
    assert_eq!(v.to_string(), String::from_utf8_lossy(&collected));
    assert!(v.eq_bytes(&collected));
    collected
}

fn text(v: Option<Encoded<'_>>) -> Option<String> {
    v.map(|v| {
        String::from_utf8(check_decoding(v))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    match Encoded::parse(query) {
        Ok(v) => {
            check_decoding(v);
        }
        Err(e) => assert_eq!(data[e.offset()], b'%'),
    }
    let r = match AuthorizationErrorResponse::parse(query) {
        Ok(Some(r)) => r,
        Ok(None) => return,
        Err(e) => {
            assert!(e.offset() <= query.len());
            return;
        }
    };
    let error = text(Some(r.error())).unwrap();
    let code = ErrorCode::parse(&error).expect("parse checks error = 1*NQSCHAR");
    if code.is_registered() || r.error().as_str().is_some() {
        assert_eq!(r.code(), Some(code));
    }
    let description = text(r.description());
    let uri = text(r.uri());
    let state = text(r.state());
    let iss = text(r.iss());
    if let Some(s) = &state {
        assert!(r.state_is(s) || s.contains('\u{FFFD}'));
    }
    let mut response = ErrorResponse::new(code);
    if let Some(d) = &description {
        response = response.with_description(d);
    }
    if let Some(u) = &uri {
        response = response.with_uri(u);
    }
    let mut again = String::new();
    if response.write_query(&mut again, state.as_deref(), iss.as_deref()).is_err() {
        return;
    }
    let back = AuthorizationErrorResponse::parse(&again).unwrap().expect("an error response");
    assert!(back.error() == error.as_str());
    assert_eq!(text(back.description()), description);
    assert_eq!(text(back.uri()), uri);
    assert_eq!(text(back.state()), state);
    if let Some(i) = &iss {
        back.check_issuer(i).unwrap();
        r.check_issuer(i).unwrap();
    }
});
