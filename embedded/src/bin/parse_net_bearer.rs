//! The same job as `challenge_bearer`, done with parse-net 0.8, for comparison.
#![no_std]
#![no_main]

use parse_net::auth::parse_challenges;
use parse_net::Limits;
use signpost_embedded::{input, sink, HEADER};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let mut total = 0;
    if let Ok(cs) = parse_challenges(input(HEADER), &Limits::DEFAULT) {
        if let Some(bearer) = cs.iter().find(|c| c.scheme_is("Bearer")) {
            for name in ["resource_metadata", "scope", "error"] {
                if let Some(v) = bearer.param(name) {
                    sink(v.as_plain());
                    total += v.len();
                }
            }
        }
    }
    total
}
