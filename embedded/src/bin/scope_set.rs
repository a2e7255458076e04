//! Parse a granted scope into a fixed-capacity set and check that it covers the scope a
//! challenge asks for.
#![no_std]
#![no_main]

use signpost_embedded::{input, sink};
use signpost_scope::{Scope, ScopeLike, ScopeSet};

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let granted = input(b"openid profile files:read files:write offline_access");
    let required = input(b"files:read files:write");
    let (Ok(granted), Ok(required)) = (core::str::from_utf8(granted), core::str::from_utf8(required)) else {
        return 0;
    };
    // Read in place: the set is not moved out of the `Result`.
    let parsed = ScopeSet::<8>::parse(granted);
    let (Ok(set), Ok(req)) = (&parsed, Scope::parse(required)) else {
        return 0;
    };
    sink(set);
    usize::from(req.is_subset(set))
}
