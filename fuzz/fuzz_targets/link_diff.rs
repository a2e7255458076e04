//! The strict `Link` parser against a naive reference written in another style (split the
//! field at top-level commas, each element at top-level semicolons, then check each piece):
//! both must accept the same fields and read the same links.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_link::Links;

#[path = "../../crates/link/tests/support/naive.rs"]
mod naive;

use naive::Flat;

fuzz_target!(|data: &[u8]| {
    let ours: Option<Vec<Flat>> = Links::new(data)
        .map(|l| {
            l.map(|l| {
                let params = l
                    .params()
                    .map(|p| (p.name_bytes().to_vec(), p.value().map(|v| v.bytes().collect())))
                    .collect();
                (l.target().to_vec(), params)
            })
        })
        .collect::<Result<_, _>>()
        .ok();
    assert_eq!(ours, naive::parse(data), "{:?}", String::from_utf8_lossy(data));
});
