//! `signpost parse scope [--lenient] [--json] VALUE`: the tokens of an OAuth scope.
//!
//! The tokens are listed in input order with duplicates dropped (the first occurrence
//! stays): a scope is a set (RFC 6749 §3.3), but the order a server wrote is what a person
//! reading the output expects to see. With `--lenient`, the JSON adds `"normalised"`: what
//! was forgiven, each kind with the offset of its first occurrence (duplicates included).

use std::collections::HashSet;
use std::ffi::OsString;

use serde_json::{json, Value};
use signpost_scope::{Leniency, Normalisation, Normalised, Scope, ScopeTokens};

use crate::input::{self, Field};
use crate::out::{self, print_json, shown, Failure};

/// `signpost parse scope`
#[derive(Debug, clap::Args)]
pub struct ScopeArgs {
    /// Accept commas, plus signs, runs of whitespace, leading and trailing separators and an
    /// empty value, and report what was normalised.
    #[arg(long)]
    pub lenient: bool,
    /// Turn on the named leniency switches only (comma-separated; --lenient is all of them).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',', value_parser = crate::challenge::switches(Leniency::ALL.names()))]
    pub allow: Vec<String>,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// One scope value ('-': standard input).
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,
}

fn invalid(e: signpost_scope::Error) -> Failure {
    Failure::input(e.message(), Some(e.offset()))
}

/// `signpost parse scope`.
pub fn parse_scope(args: ScopeArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let input = input::gather(&args.values, Field::Scope)?;
    let [value] = input.lines.as_slice() else {
        return Err(Failure::usage("parse scope takes exactly one VALUE"));
    };
    let mut allow = if args.lenient { Leniency::ALL } else { Leniency::NONE };
    for name in &args.allow {
        allow = allow.union(Leniency::from_name(name).unwrap_or(Leniency::NONE));
    }
    let lenient = !allow.is_empty();
    let mut seen = HashSet::new();
    let mut tokens = Vec::new();
    let mut report = Normalised::new();
    if lenient {
        let mut it = ScopeTokens::from_bytes(value).with_leniency(allow);
        while let Some(token) = it.next() {
            let token = token.map_err(|e| invalid(e).with_input(value))?.as_str();
            if !seen.insert(token) {
                report.record(Normalisation::Duplicates, it.token_offset().unwrap_or(0));
                continue;
            }
            tokens.push(token);
        }
        for (kind, offset) in it.normalised() {
            report.record(kind, offset);
        }
    } else {
        let scope = Scope::from_bytes(value).map_err(|e| {
            let failure = invalid(e).with_input(value);
            let mut lenient = ScopeTokens::from_bytes(value).with_leniency(Leniency::ALL);
            if lenient.all(|t| t.is_ok()) {
                failure.with_hint("the lenient parse accepts it: try --lenient")
            } else {
                failure
            }
        })?;
        for token in scope.iter() {
            if seen.insert(token.as_str()) {
                tokens.push(token.as_str());
            }
        }
    }

    if json {
        let mut out = json!({ "tokens": tokens });
        if lenient {
            let normalised: Vec<Value> = report
                .iter()
                .map(|(kind, offset)| json!({ "kind": kind.name(), "offset": offset }))
                .collect();
            out["normalised"] = Value::Array(normalised);
        }
        print_json(&out);
    } else {
        for token in &tokens {
            println!("{}", shown(token));
        }
        if lenient && !report.is_clean() {
            eprintln!("signpost: normalised {}", shown(&report.to_string()));
        }
    }
    Ok(())
}
