//! Output and failure reporting shared by every subcommand.
//!
//! With `--json`, a failure prints `{"error":{"message":"...","offset":N}}` on standard output
//! and exits with status 1 (the contract in `docs/cli.md`); without it, a readable message goes
//! to standard error. Usage mistakes exit with status 2.
//!
//! Every human-readable output shows text from the input (and from the server, in
//! `explain`) through [`shown`], which escapes what a terminal would act on; the JSON output
//! is left as it is (JSON escapes controls itself).

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
            let message = shown(&self.message);
            match self.offset {
                Some(offset) => eprintln!("signpost: {message} (at byte {offset})"),
                None => eprintln!("signpost: {message}"),
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

/// Text for a terminal: every character a terminal (or a reader) would act on is shown as an
/// escape, so that a value cannot forge a line, move the cursor, recolour the screen or
/// reorder what is displayed (RFC 8187 §5, RFC 9110 §5.5). Escaped: the C0 controls (`\t`,
/// `\n`, `\r`, `\0`, the others as `\x1b`), DEL (`\x7f`), the C1 controls (`\u{9b}`), the
/// bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
/// U+2069) and the line and paragraph separators (U+2028, U+2029). Everything else, `\`
/// included, is shown as it is (a header written by `build` stays copyable); `--json` gives
/// the exact value.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Header bytes for a terminal: [`text`], then [`shown`].
pub fn shown_bytes(bytes: &[u8]) -> String {
    shown(&text(bytes)).into_owned()
}

/// [`shown`] between double quotes, with `"` and `\` escaped too (as Rust's `{:?}` would).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => push_shown(&mut out, c),
        }
    }
    out.push('"');
    out
}

fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\0' => out.push_str("\\0"),
        c if (c as u32) < 0x80 && needs_escape(c) => {
            out.push_str(&format!("\\x{:02x}", c as u32));
        }
        c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::{quoted, shown, shown_bytes};

    #[test]
    fn controls_are_escaped() {
        assert_eq!(shown("plain text, \"quoted\" é"), "plain text, \"quoted\" é");
        assert_eq!(shown("a\r\nX-Injected: 1"), "a\\r\\nX-Injected: 1");
        assert_eq!(shown("\u{1b}[31mred\u{7f}\0\t"), "\\x1b[31mred\\x7f\\0\\t");
        assert_eq!(
            shown("\u{9b}2J \u{202e}txt.exe \u{2066}\u{2028}"),
            "\\u{9b}2J \\u{202e}txt.exe \\u{2066}\\u{2028}"
        );
        assert_eq!(shown("a\\r"), "a\\r");
        assert_eq!(shown_bytes(b"\x9b\xff"), "\\u{9b}\u{ff}");
        assert_eq!(quoted("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        // As `{:?}` for everything but the controls it writes as `\u{1b}`.
        for s in ["a\\b \"c\" \r\n\t\0 é \u{9b}\u{202e}", "plain"] {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
    }
}
