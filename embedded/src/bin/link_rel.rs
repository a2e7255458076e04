//! Parse a `Link` field and find the target of the `next` relation (and the token endpoint
//! of draft-sakimura-oauth-meta, `turi`).
#![no_std]
#![no_main]

use signpost_embedded::{input, sink};
use signpost_link::{Links, Rel};

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    let field = input(br#"<https://api.example.com/items?page=2>; rel="next", <https://as.example.com/token>; rel="turi", </app.js>; rel=preload; as=script; nopush"#);
    let mut found = 0;
    for link in Links::new(field) {
        let Ok(link) = link else { break };
        if link.has_rel(Rel::NEXT) || link.has_rel(Rel::TURI) {
            sink(link.target());
            found += 1;
        }
    }
    found
}
