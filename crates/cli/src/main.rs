//! `signpost`: parse, explain and build the signals of an OAuth-protected HTTP resource.
//!
//! The command line is read by clap (derive): every subcommand is one variant of [`Command`]
//! with the arguments of its module. This file only dispatches. The `--json` output of every
//! subcommand is a stable contract, written down in `docs/cli.md`.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod args;
mod build;
mod challenge;
mod check;
mod errors;
mod explain;
mod input;
mod link;
mod out;
mod scope;
mod well_known;

use out::{shown, ColorChoice, Style};

/// The signals of an OAuth-protected HTTP resource: parse, explain and build
/// WWW-Authenticate challenges, Authorization credentials, Link fields and OAuth scopes.
#[derive(Debug, Parser)]
#[command(name = "signpost", version, arg_required_else_help = true)]
#[command(after_help = "\
Each VALUE is one field line, taken as raw bytes. '-' as VALUE, or no VALUE while standard \
input is a pipe or a file, reads standard input: a response head as 'curl -si' prints it, \
or field lines with or without their name. A VALUE that starts with '-' goes after '--'.

Exit status: 0 on success, 1 on invalid input, 2 on a usage mistake. With --json the output \
is one JSON document (docs/cli.md); invalid input then prints \
{\"error\":{\"message\":...,\"offset\":N}}.")]
struct Cli {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Print JSON indented over several lines (implies --json).
    #[arg(long, global = true)]
    pretty: bool,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands, one variant each.
#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a field value: challenge, credentials, link or scope.
    #[command(subcommand, arg_required_else_help = true)]
    Parse(Parse),
    /// What the challenges of a rejected request say, and what the client should do next.
    Explain(explain::ExplainArgs),
    /// The status line and header lines a resource server should send for a rejection.
    Build(build::BuildArgs),
    /// The OAuth error registry, or what one error code means.
    Errors(errors::ErrorsArgs),
    /// The metadata URLs a client should fetch, in order.
    WellKnown(well_known::WellKnownArgs),
    /// Audit a live protected resource against RFC 6750, RFC 9728, RFC 8414 and the MCP
    /// authorization specification, finding by finding.
    Check(check::CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to write the script for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// What `parse` reads.
#[derive(Debug, Subcommand)]
enum Parse {
    /// The challenges of WWW-Authenticate (or Proxy-Authenticate) field lines.
    #[command(alias = "challenges")]
    Challenge(challenge::ChallengeArgs),
    /// One Authorization (or Proxy-Authorization) field value.
    Credentials(challenge::CredentialsArgs),
    /// The links of Link field lines (RFC 8288).
    #[command(alias = "links")]
    Link(link::LinkArgs),
    /// An OAuth scope (RFC 6749 §3.3).
    Scope(scope::ScopeArgs),
}

impl Command {
    /// Whether the subcommand prints JSON (`--json`, or `--pretty`).
    fn json(&self) -> bool {
        let flag = match self {
            Command::Parse(Parse::Challenge(a)) => a.json,
            Command::Parse(Parse::Credentials(a)) => a.json,
            Command::Parse(Parse::Link(a)) => a.json,
            Command::Parse(Parse::Scope(a)) => a.json,
            Command::Explain(a) => a.json,
            Command::Build(a) => a.json,
            Command::Errors(a) => a.json,
            Command::WellKnown(a) => a.json,
            Command::Check(a) => a.json,
            Command::Completions { .. } => false,
        };
        out::json(flag)
    }

    /// Runs the subcommand and returns the exit status. A subcommand with exit statuses of
    /// its own returns its `ExitCode` from here directly; the others report an `out::Failure`.
    fn run(self) -> ExitCode {
        let json = self.json();
        let result = match self {
            Command::Parse(Parse::Challenge(a)) => challenge::parse_challenges(a),
            Command::Parse(Parse::Credentials(a)) => challenge::parse_credentials_cmd(a),
            Command::Parse(Parse::Link(a)) => link::parse_links(a),
            Command::Parse(Parse::Scope(a)) => scope::parse_scope(a),
            Command::Explain(a) => explain::run(a),
            Command::Build(a) => build::run(a),
            Command::Errors(a) => errors::errors(a),
            Command::WellKnown(a) => well_known::run(a),
            // `check` has exit statuses of its own (0, 1 when a must failed, 2 unreachable).
            Command::Check(a) => return check::run(&a),
            Command::Completions { shell } => {
                let mut command = Cli::command();
                clap_complete::generate(shell, &mut command, "signpost", &mut std::io::stdout());
                Ok(())
            }
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => failure.report(json),
        }
    }
}

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    let json = raw[1..].iter().take_while(|a| *a != "--").any(|a| a == "--json" || a == "--pretty");
    if let Some(e) = single_dash_option(&raw[1..]) {
        return clap_failure(e, json);
    }
    let raw_ends_with_separator = raw.last().is_some_and(|a| a == "--");
    let cli = match Cli::try_parse_from(raw) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(e, json),
    };
    // `--` with no VALUE after it: no VALUE, and standard input is not read either.
    input::set_values_ended(raw_ends_with_separator);
    out::set_color(cli.color);
    out::set_pretty(cli.pretty);
    cli.command.run()
}

/// A single-dash word before `--` that is longer than one option letter (`-token`): a
/// mistyped option, never a value. clap would read it as a run of short options and
/// suggest passing `-t` as a value; the suggestion wanted is the long option.
fn single_dash_option(args: &[OsString]) -> Option<clap::Error> {
    let word = args.iter().take_while(|a| *a != "--").map(|a| a.to_string_lossy()).find(|a| {
        a.starts_with('-')
            && !a.starts_with("--")
            && a.chars().count() > 2
            && !a[1..].bytes().all(|b| b.is_ascii_digit())
    })?;
    let name = word[1..].split('=').next().unwrap_or_default().to_owned();
    let mut longs = Vec::new();
    let mut stack = vec![Cli::command()];
    while let Some(command) = stack.pop() {
        longs.extend(command.get_arguments().filter_map(|a| a.get_long()).map(str::to_owned));
        stack.extend(command.get_subcommands().cloned());
    }
    let mut message = format!("unexpected argument '{word}' found\n\n");
    if longs.contains(&name) {
        message.push_str(&format!("  tip: did you mean '--{name}'?\n"));
    }
    message.push_str(&format!("  tip: a VALUE that starts with '-' goes after '--': '-- {word}'"));
    Some(Cli::command().error(clap::error::ErrorKind::UnknownArgument, message))
}

/// The message of a usage error under `--json`. The messages scripts (and the WebAssembly
/// module, which mirrors them) know are kept: `unknown option --x`, the value sets of
/// `--reason`, `--previous`, `--schemes` and the kind of `well-known`, a missing `--reason`,
/// a VALUE a subcommand does not take. Any other is clap's message on one line.
fn json_usage_message(e: &clap::Error, text: &str) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) => Some(s.join(" ")),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let names = |values: &[clap::builder::PossibleValue]| {
        values.iter().map(|v| v.get_name().to_owned()).collect::<Vec<_>>().join(", ")
    };
    let reasons = || {
        let values: Vec<_> = <build::Reason as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .collect();
        names(&values)
    };
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            return format!("unknown option {arg}");
        }
        ErrorKind::UnknownArgument => {
            let command: Vec<String> = std::env::args()
                .skip(1)
                .take_while(|a| a.starts_with(char::is_alphabetic))
                .collect();
            match command.first().map(String::as_str) {
                Some("build") => return "build takes options only (see signpost help)".to_owned(),
                Some("errors") => return "errors takes at most one CODE".to_owned(),
                Some("well-known") => {
                    return "usage: signpost well-known resource|issuer URL [--json]".to_owned()
                }
                _ => {}
            }
        }
        ErrorKind::InvalidValue if arg.starts_with("--reason") => {
            return format!("unknown reason '{value}'; one of: {}", reasons());
        }
        ErrorKind::InvalidValue if arg.starts_with("--previous") => {
            let values: Vec<_> = <explain::Previous as clap::ValueEnum>::value_variants()
                .iter()
                .filter_map(clap::ValueEnum::to_possible_value)
                .collect();
            return format!("--previous must be one of {}", names(&values));
        }
        ErrorKind::InvalidValue if arg.starts_with("--schemes") => {
            return format!("--schemes takes bearer, dpop or bearer,dpop, not '{value}'");
        }
        ErrorKind::InvalidValue if arg.starts_with("<KIND>") => {
            return format!("well-known what? resource or issuer, not '{value}'");
        }
        ErrorKind::MissingRequiredArgument if arg.contains("--reason") => {
            return format!("build needs --reason: {}", reasons());
        }
        ErrorKind::MissingRequiredArgument if arg.contains("<KIND>") || arg.contains("<URL>") => {
            return "usage: signpost well-known resource|issuer URL [--json]".to_owned();
        }
        _ => {}
    }
    let body = text.strip_prefix("error: ").unwrap_or(text);
    let body = body.split("\n\nUsage:").next().unwrap_or_default();
    let body = body.split("\n\nFor more information").next().unwrap_or_default();
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prints a clap error or help text and returns the exit status. Help and version text go
/// out as clap writes them; an error (which may quote an argument) is escaped for the
/// terminal first, as every other readable output. With `--json` (or `--pretty`) a usage
/// error is also printed as `{"error":{"message":...}}` on standard output, as every other
/// failure.
fn clap_failure(e: clap::Error, json: bool) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || !e.use_stderr()
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let style = Style::stderr();
    let text = e.render().to_string();
    if json {
        let message = json_usage_message(&e, &text);
        out::print_json(&serde_json::json!({ "error": { "message": message } }));
    }
    let mut out = String::new();
    for line in text.lines() {
        let line = shown(line);
        match line.strip_prefix("error:") {
            Some(rest) => out.push_str(&format!("{}{rest}\n", style.fail("error:"))),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    eprint!("{out}");
    ExitCode::from(2)
}
