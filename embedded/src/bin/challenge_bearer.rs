//! Parse a challenge list and read `resource_metadata`, `scope` and `error` of the Bearer
//! challenge: the job the 5.5 KiB budget of docs/embedded.md is about.
#![no_std]
#![no_main]

use signpost_challenge::Challenges;
use signpost_embedded::{input, sink, HEADER};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let mut total = 0;
    if let Ok(Some(bearer)) = Challenges::new(input(HEADER)).find_scheme("Bearer") {
        for name in ["resource_metadata", "scope", "error"] {
            if let Some(v) = bearer.param(name) {
                sink(v.as_raw());
                total += v.unescaped_len();
            }
        }
    }
    total
}
