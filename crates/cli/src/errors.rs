//! `signpost errors [CODE] [--json]`: list the OAuth error registry, or explain one code.

use std::ffi::OsString;
use std::fmt::Write as _;

use serde_json::{json, Value};
use signpost_error::{registry, unregistered, Entry, ErrorCode};

use crate::args::bytes;
use crate::out::{self, print_json, shown, Failure};

/// `signpost errors`
#[derive(Debug, clap::Args)]
pub struct ErrorsArgs {
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// An error code (1*NQSCHAR, case-sensitive); without it, the whole registry.
    #[arg(value_name = "CODE")]
    pub code: Option<OsString>,
}

/// The date of the IANA snapshot the registry holds.
const AS_OF: &str = "2026-03-25";

pub fn errors(args: ErrorsArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    match args.code.as_deref().map(bytes) {
        None => {
            list(json);
            Ok(())
        }
        Some(code) => {
            let code = std::str::from_utf8(&code)
                .map_err(|e| Failure::input("expected NQSCHAR in error", Some(e.valid_up_to())))?;
            let code = ErrorCode::parse(code)
                .map_err(|e| Failure::input(e.message(), Some(e.offset())))?;
            explain(code, json);
            Ok(())
        }
    }
}

/// One entry as JSON; `with_code` puts the code first (for listings).
fn entry_json(e: &Entry, with_code: bool) -> Value {
    let v = json!({
        "location": e.location().as_str(),
        "status": e.status(),
        "channel": e.channel().as_str(),
        "remedy": e.remedy().as_str(),
        "reference": e.reference(),
        "description": e.description(),
        "protocol_extension": e.protocol_extension(),
        "registered": e.is_registered(),
        "iana": e.iana_usage().map(|usage| json!({
            "name": e.iana_name(),
            "usage_location": usage,
            "change_controller": e.change_controller(),
            "reference": e.iana_reference(),
        })),
    });
    match v {
        Value::Object(members) if with_code => {
            let mut with = serde_json::Map::new();
            with.insert("code".to_owned(), json!(e.code().as_str()));
            with.extend(members);
            Value::Object(with)
        }
        v => v,
    }
}

fn list(json: bool) {
    if json {
        let registry: Vec<Value> = registry().iter().map(|e| entry_json(e, true)).collect();
        let unregistered: Vec<Value> = unregistered().iter().map(|e| entry_json(e, true)).collect();
        print_json(&json!({ "registry": registry, "unregistered": unregistered }));
        return;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "IANA OAuth Extensions Error Registry, as of {AS_OF}: {} entries (code, usage location)\n",
        registry().len()
    );
    header(&mut out);
    for e in registry() {
        line(&mut out, e);
    }
    let _ = writeln!(out, "\nKnown codes that are NOT registered:\n");
    header(&mut out);
    for e in unregistered() {
        line(&mut out, e);
    }
    print!("{out}");
}

fn header(out: &mut String) {
    let _ = writeln!(
        out,
        "{:<33} {:<36} {:<6} {:<17} {:<21} reference",
        "code", "location", "status", "channel", "remedy"
    );
}

fn line(out: &mut String, e: &Entry) {
    let status = e.status().map_or_else(|| "-".to_owned(), |s| s.to_string());
    let _ = writeln!(
        out,
        "{:<33} {:<36} {:<6} {:<17} {:<21} {}",
        e.code().as_str(),
        e.location().as_str(),
        status,
        e.channel().as_str(),
        e.remedy().as_str(),
        e.reference()
    );
}

fn explain(code: ErrorCode<'_>, json: bool) {
    let entries = code.entries();
    let unregistered = code.unregistered_entries();
    if json {
        print_json(&json!({
            "code": code.as_str(),
            "registered": code.is_registered(),
            "entries": entries.iter().map(|e| entry_json(e, false)).collect::<Vec<_>>(),
            "unregistered": unregistered.iter().map(|e| entry_json(e, false)).collect::<Vec<_>>(),
        }));
        return;
    }
    let mut out = String::new();
    if code.is_registered() {
        let _ = writeln!(
            out,
            "{}: registered in the IANA OAuth Extensions Error Registry ({} usage location{})",
            shown(code.as_str()),
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        );
    } else {
        let _ = writeln!(
            out,
            "{}: not registered in the IANA OAuth Extensions Error Registry (as of {AS_OF})",
            shown(code.as_str())
        );
        if !unregistered.is_empty() {
            let _ = writeln!(out, "known unregistered code:");
        } else if let Some(similar) = similar(code.as_str()) {
            let _ = writeln!(out, "did you mean {similar}? (error codes are case-sensitive)");
        }
    }
    for e in entries.iter().chain(unregistered) {
        let _ = writeln!(out, "\n  at the {} ({})", e.location(), e.reference());
        let status = e.status().map_or_else(
            || "none (the error travels in a redirect or a request)".to_owned(),
            |s| s.to_string(),
        );
        let _ = writeln!(out, "    status:   {status}");
        let _ = writeln!(out, "    channel:  {}", e.channel());
        let _ = writeln!(out, "    remedy:   {} ({})", e.remedy(), e.remedy().describe());
        let _ = writeln!(out, "    meaning:  {}", e.description());
        match e.iana_usage() {
            Some(usage) => {
                let _ = writeln!(
                    out,
                    "    IANA:     {}; change controller {}; {}; usage location \"{usage}\"",
                    e.protocol_extension(),
                    e.change_controller().unwrap_or("-"),
                    e.iana_reference().unwrap_or("-"),
                );
            }
            None => {
                let _ = writeln!(out, "    source:   {} (not registered)", e.protocol_extension());
            }
        }
    }
    print!("{out}");
}

/// A registered code that differs from `code` only in ASCII case.
fn similar(code: &str) -> Option<&'static str> {
    ErrorCode::registered_codes().iter().map(|c| c.as_str()).find(|c| c.eq_ignore_ascii_case(code))
}
