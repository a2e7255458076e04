//! `signpost check URL`: requests a protected resource as an OAuth client would and reports,
//! rule by rule, what the server did (RFC 6750, RFC 9728, RFC 8414, MCP authorization).
//!
//! [`fetch`] is the HTTP client and its guard, [`findings`] the rules and the walk, and
//! [`report`] the text and JSON output. The rules and the JSON contract are in docs/cli.md.

use std::process::ExitCode;
use std::time::Duration;

use signpost_oauth::ResourceId;

use crate::out::{print_json, shown, Style};

mod fetch;
mod findings;
mod report;

/// `signpost check [--allow-local] [--token TOKEN] [--json] [--timeout SECONDS] URL`
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The protected resource's URL (its resource identifier), requested as given.
    pub url: String,
    /// Allow server-given URLs on loopback hosts over plain http (local testing only).
    #[arg(long)]
    pub allow_local: bool,
    /// An access token to send too: a 403 must then carry insufficient_scope and scope.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Print the report as one JSON document (indented with --pretty).
    #[arg(long)]
    pub json: bool,
    /// Seconds allowed for each request.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

fn fail(args: &CheckArgs, message: &str) -> ExitCode {
    if crate::out::json(args.json) {
        print_json(&serde_json::json!({ "error": { "message": message } }));
    } else {
        eprintln!("signpost: {}", shown(message));
    }
    ExitCode::from(2)
}

/// Runs the audit and prints the report. Exit status: 0 when no `must` failed, 1 when one
/// did, 2 when the resource could not be reached or the URL is not a resource identifier.
pub fn run(args: &CheckArgs) -> ExitCode {
    if let Err(e) = ResourceId::parse(&args.url) {
        return fail(args, &format!("{} is not a resource identifier: {e}", args.url));
    }
    let scheme = args.url.split(':').next().unwrap_or("");
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return fail(args, &format!("{} is not an http or https URL", args.url));
    }
    let guard = signpost_oauth::Guard::new().allow_loopback(args.allow_local);
    let fetcher = fetch::Fetcher::new(Duration::from_secs(args.timeout), guard);
    let plan = findings::Plan {
        url: &args.url,
        allow_local: args.allow_local,
        token: args.token.as_deref(),
    };
    let findings = match findings::audit(&plan, &fetcher) {
        Ok(findings) => findings,
        Err(why) => return fail(args, &format!("{} could not be reached: {why}", args.url)),
    };
    if crate::out::json(args.json) {
        print_json(&report::to_json(&args.url, &findings));
    } else {
        print!("{}", report::to_text(&args.url, &findings, Style::stdout()));
    }
    if report::failed(&findings, findings::Level::Must) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
