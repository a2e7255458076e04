//! Look an `error` value up in the OAuth error registry and read the status and remedy its
//! specification prescribes at the resource server.
#![no_std]
#![no_main]

use signpost_error::{ErrorCode, UsageLocation};
use signpost_embedded::{input, sink};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let raw = input(b"insufficient_user_authentication");
    let Ok(text) = core::str::from_utf8(raw) else { return 0 };
    let Ok(code) = ErrorCode::parse(text) else { return 0 };
    match code.at(UsageLocation::ResourceAccess) {
        Some(entry) => {
            sink(entry.remedy());
            usize::from(entry.status().unwrap_or(0))
        }
        None => 0,
    }
}
