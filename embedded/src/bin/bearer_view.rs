//! The challenge job through the full typed `Bearer` view: every RFC 6750, 9470 and 9728
//! field read and validated (realm, scope, error, error_description, error_uri,
//! resource_metadata, issuer, acr_values, max_age). The 8 KiB goal of docs/embedded.md.
#![no_std]
#![no_main]

use signpost::BearerChallenge;
use signpost_challenge::Challenges;
use signpost_embedded::{input, sink, HEADER};

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let Ok(Some(bearer)) = BearerChallenge::find(Challenges::new(input(HEADER))) else {
        return 0;
    };
    if bearer.check().is_err() {
        return 0;
    }
    let mut total = 0;
    if let Ok(Some(scope)) = bearer.scope() {
        total += scope.len();
    }
    if let Ok(Some(code)) = bearer.error() {
        sink(code);
        total += 1;
    }
    if let Ok(Some(url)) = bearer.resource_metadata() {
        total += url.len();
    }
    if let Ok(Some(age)) = bearer.max_age() {
        total += age as usize;
    }
    sink(bearer.realm());
    sink(bearer.error_description());
    total
}
