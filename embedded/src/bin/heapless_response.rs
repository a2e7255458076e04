//! `no_std`, no allocator: parse a challenge with the typed `Bearer` view, then write a
//! resource server's response to an insufficient-scope rejection (status and every
//! `WWW-Authenticate` line) into `heapless::String` buffers.
#![no_std]
#![no_main]

use heapless::String;
use signpost_oauth::{BearerChallenge, Flow, Rejection, ServerContext};
use signpost_challenge::Challenges;
use signpost_embedded::{input, sink, HEADER};

#[cfg_attr(not(target_arch = "wasm32"), export_name = "_start")]
#[cfg_attr(target_arch = "wasm32", export_name = "run")]
pub extern "C" fn start() -> usize {
    // Read the challenge: the scope it asks for and where its metadata is.
    let Ok(Some(bearer)) = BearerChallenge::find(Challenges::new(input(HEADER))) else {
        return 0;
    };
    let (Ok(Some(scope)), Ok(Some(metadata))) = (bearer.scope(), bearer.resource_metadata()) else {
        return 0;
    };
    // Answer a request whose token lacks that scope, as a resource server would.
    let flows = [Flow::USER_DELEGATION];
    let ctx = ServerContext::new().realm("mcp").resource_metadata(metadata).flows(&flows);
    let Ok(response) = ctx.respond(&Rejection::insufficient_scope(scope.as_str())) else {
        return 0;
    };
    let mut total = usize::from(response.status());
    for challenge in response.challenges() {
        let mut line = String::<512>::new();
        if challenge.write_to(&mut line).is_err() {
            return 0;
        }
        total += line.len();
        sink(line);
    }
    total
}
