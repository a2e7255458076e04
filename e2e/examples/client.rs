//! A client that gets a protected resource, asking signpost what to do after each
//! rejection, and prints each step.
//!
//! ```sh
//! cargo run -p signpost-e2e --example client -- http://127.0.0.1:PORT/resource [--dpop SEED] [--strict]
//! ```
//!
//! The URL guard allows loopback over `http` (local development) unless `--strict` is given.
//! `--dpop SEED` signs DPoP proofs (RFC 9449) with the P-256 key made from the seed `SEED`.

use std::process::ExitCode;

use signpost_e2e::client::Client;
use signpost_oauth::Guard;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut url = None;
    let mut dpop = None;
    let mut guard = Guard::local_development();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dpop" => dpop = args.next(),
            "--strict" => guard = Guard::new(),
            _ if url.is_none() => url = Some(arg),
            other => {
                eprintln!("unknown argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(url) = url else {
        eprintln!("usage: client http://127.0.0.1:PORT/resource [--dpop SEED] [--strict]");
        return ExitCode::from(2);
    };
    let mut client = Client::new(guard).verbose(true);
    if let Some(key) = dpop {
        client = client.dpop(&key);
    }
    match client.get(&url).await {
        Ok(body) => {
            print!("{body}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("refused: {e}");
            ExitCode::FAILURE
        }
    }
}
