//! Output and failure reporting shared by every subcommand.
//!
//! With `--json`, a failure prints `{"error":{"message":"...","offset":N}}` on standard output
//! and exits with status 1 (the contract in `docs/cli.md`); without it, a readable message goes
//! to standard error. Usage mistakes exit with status 2.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Value};

/// Why a subcommand failed.
#[derive(Debug)]
pub struct Failure {
    message: String,
    offset: Option<usize>,
    usage: bool,
}

impl Failure {
    /// Invalid input: exit status 1.
    pub fn input(message: impl Into<String>, offset: Option<usize>) -> Failure {
        Failure { message: message.into(), offset, usage: false }
    }

    /// A usage mistake (unknown subcommand, missing value): exit status 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), offset: None, usage: true }
    }

    /// Reports the failure and returns the exit code.
    pub fn report(&self, json: bool) -> ExitCode {
        if json {
            let mut error = json!({ "message": self.message });
            if let Some(offset) = self.offset {
                error["offset"] = json!(offset);
            }
            print_json(&json!({ "error": error }));
        } else {
            match self.offset {
                Some(offset) => eprintln!("signpost: {} (at byte {offset})", self.message),
                None => eprintln!("signpost: {}", self.message),
            }
            if self.usage {
                eprintln!("Try 'signpost help'.");
            }
        }
        ExitCode::from(if self.usage { 2 } else { 1 })
    }
}

impl From<signpost_syntax::Error> for Failure {
    fn from(e: signpost_syntax::Error) -> Failure {
        Failure::input(e.message(), Some(e.offset()))
    }
}

/// Prints one JSON document on a line of its own.
pub fn print_json(value: &Value) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe is not worth a panic.
    let _ = writeln!(stdout, "{value}");
}

/// Header bytes as JSON text: UTF-8 when they are UTF-8, otherwise each byte as the
/// ISO-8859-1 character of the same value (obs-text was ISO-8859-1 historically), so that no
/// byte is lost or replaced.
pub fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
