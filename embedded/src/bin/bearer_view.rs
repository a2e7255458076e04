//! The challenge job through the full typed `Bearer` view: every RFC 6750, 9470 and 9728
//! field read and validated once, through its accessor (realm, scope, error,
//! error_description, error_uri, resource_metadata, issuer, acr_values, max_age). The 8 KiB
//! goal of docs/embedded.md.
#![no_std]
#![no_main]

use signpost_oauth::BearerChallenge;
use signpost_challenge::Challenges;
use signpost_embedded::{input, sink, HEADER};

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let Ok(Some(bearer)) = BearerChallenge::find(Challenges::new(input(HEADER))) else {
        return 0;
    };
    // Each accessor validates its field; a firmware refuses the challenge on the first
    // malformed one.
    let mut total = 0;
    match bearer.scope() {
        Ok(Some(scope)) => total += scope.len(),
        Ok(None) => {}
        Err(_) => return 0,
    }
    match bearer.error() {
        Ok(Some(code)) => {
            sink(code);
            total += 1;
        }
        Ok(None) => {}
        Err(_) => return 0,
    }
    match bearer.error_uri() {
        Ok(uri) => sink(uri),
        Err(_) => return 0,
    }
    match bearer.resource_metadata() {
        Ok(Some(url)) => total += url.len(),
        Ok(None) => {}
        Err(_) => return 0,
    }
    match bearer.issuer() {
        Ok(issuer) => sink(issuer),
        Err(_) => return 0,
    }
    match bearer.acr_values() {
        Ok(acr) => sink(acr),
        Err(_) => return 0,
    }
    match bearer.max_age() {
        Ok(Some(age)) => total += age as usize,
        Ok(None) => {}
        Err(_) => return 0,
    }
    sink(bearer.realm());
    sink(bearer.error_description());
    total
}
