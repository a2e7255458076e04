//! `signpost`: parse, explain and build the signals of an OAuth-protected HTTP resource.
//!
//! Every subcommand lives in a module of its own; this file only dispatches. The `--json`
//! output of every subcommand is a stable contract, written down in `docs/cli.md`.

use std::ffi::OsString;
use std::process::ExitCode;

mod args;
mod build;
mod challenge;
mod check;
mod errors;
mod explain;
mod link;
mod out;
mod scope;
mod well_known;

use out::Failure;

const HELP: &str = "\
signpost: the signals of an OAuth-protected HTTP resource

USAGE:
    signpost parse challenge [--lenient] [--json] VALUE...   WWW-Authenticate field lines
    signpost parse credentials [--json] VALUE                an Authorization field value
    signpost parse link [--lenient] [--json] VALUE...        Link field lines (RFC 8288)
    signpost parse scope [--lenient] [--json] VALUE          an OAuth scope (RFC 6749 §3.3)
    signpost explain [--status N] [--token] [--refresh-token] [--scope S] [--dpop]
                     [--dpop-nonce N] [--issuer URL] [--other-tokens] [--attempts N]
                     [--previous ACTION] [--json] VALUE...
                                                             what a client should do next
    signpost build --reason R [--scope S] [--resource-metadata URL] [--realm R] [--issuer URL]
                   [--max-age N] [--acr-values A] [--nonce N] [--schemes bearer,dpop]
                   [--algs A] [--flows F,...] [--description D] [--json]
                                                             the response a server should send
    signpost errors [--json] [CODE]                          the OAuth error registry, or one code
    signpost well-known resource|issuer [--resource-metadata URL] [--json] URL
                                                             metadata URLs to fetch, in order
    signpost check [--allow-local] [--token TOKEN] [--json] [--pretty] [--timeout SECONDS] URL
                                                             audit a live protected resource
    signpost help                                            this text

Each VALUE is one field line. With --json the output is one JSON document (see docs/cli.md);
invalid input exits with status 1 and {\"error\":{\"message\":...,\"offset\":N}}.
";

fn main() -> ExitCode {
    let mut raw: Vec<OsString> = std::env::args_os().skip(1).collect();
    if raw.first().is_some_and(|a| a == "check") {
        return check_command(raw.split_off(1));
    }
    let json = raw.iter().any(|a| a == "--json");
    match run(&mut raw) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(json),
    }
}

/// `signpost check ...`, parsed with clap: its own help, errors and exit status (2 for a
/// usage error).
fn check_command(rest: Vec<OsString>) -> ExitCode {
    #[derive(clap::Parser)]
    #[command(name = "signpost check", version, about = "Audit a live OAuth-protected resource")]
    struct CheckCli {
        #[command(flatten)]
        args: check::CheckArgs,
    }
    let argv = std::iter::once(OsString::from("signpost check")).chain(rest);
    let cli = <CheckCli as clap::Parser>::parse_from(argv);
    check::run(&cli.args)
}

fn take_word(raw: &mut Vec<OsString>) -> Option<String> {
    if raw.is_empty() {
        return None;
    }
    Some(raw.remove(0).to_string_lossy().into_owned())
}

fn run(raw: &mut Vec<OsString>) -> Result<(), Failure> {
    let command = take_word(raw).unwrap_or_else(|| "help".to_owned());
    let rest = std::mem::take(raw);
    match command.as_str() {
        "parse" => {
            let mut rest = rest;
            let what = take_word(&mut rest)
                .ok_or_else(|| Failure::usage("parse what? challenge, credentials, link, scope"))?;
            match what.as_str() {
                "challenge" | "challenges" => challenge::parse_challenges(rest),
                "credentials" => challenge::parse_credentials_cmd(rest),
                "link" | "links" => link::parse_links(rest),
                "scope" => scope::parse_scope(rest),
                other => Err(Failure::usage(format!("cannot parse '{other}'"))),
            }
        }
        "explain" => explain::run(rest),
        "build" => build::run(rest),
        "errors" => errors::errors(rest),
        "well-known" => well_known::run(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        "--version" | "-V" => {
            println!("signpost {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(Failure::usage(format!("unknown command '{other}'"))),
    }
}
