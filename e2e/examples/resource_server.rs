//! A resource server with its metadata and a test authorization server, on 127.0.0.1.
//!
//! ```sh
//! cargo run -p signpost-e2e --example resource_server [-- --max-age 300 | --dpop | --oauth2 | --other-schemes | --issuer-parameter | --scope 'files:read files:write']
//! ```
//!
//! It prints the resource's URL, then each request it serves, until interrupted. Point the
//! `client` example at the URL.

use signpost_e2e::server::{Config, TestServer};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config { print_requests: true, ..Config::default() };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-age" => config.max_age = Some(args.next().ok_or("--max-age N")?.parse()?),
            "--scope" => config.scope = args.next().ok_or("--scope 'a b'")?,
            "--dpop" => config.dpop = true,
            "--oauth2" => config.oauth2_challenge = true,
            "--other-schemes" => config.other_schemes = true,
            "--issuer-parameter" => config.issuer_parameter = true,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let server = TestServer::start(config).await?;
    println!("resource server on http://{}", server.addr());
    println!("resource: {}", server.resource_url());
    println!("issuer:   {}", server.issuer());
    std::future::pending::<()>().await;
    server.shutdown();
    Ok(())
}
