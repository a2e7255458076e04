//! Output and failure reporting shared by every subcommand.
//!
//! With `--json`, a failure prints `{"error":{"message":"...","offset":N}}` on standard output
//! and exits with status 1 (the contract in `docs/cli.md`); without it, a readable message goes
//! to standard error, with the input and a caret under the offset, and a hint when there is
//! one. Usage mistakes exit with status 2.
//!
//! Every human-readable output shows text from the input (and from the server, in
//! `explain`) through [`shown`], which escapes what a terminal would act on; the JSON output
//! is left as it is (JSON escapes controls itself).
//!
//! Colour is decided here, once: [`Style::stdout`] and [`Style::stderr`] paint when
//! `--color always` was given, or with `--color auto` (the default) when the stream is a
//! terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use serde_json::{json, Value};

/// `--color`: when the readable output and `--pretty` JSON are coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (not empty) or `TERM` is `dumb`.
    #[default]
    Auto,
    /// Always, even when piped (and despite `NO_COLOR`).
    Always,
    /// Never.
    Never,
}

static COLOR: AtomicU8 = AtomicU8::new(0);
static PRETTY: AtomicBool = AtomicBool::new(false);

/// Sets the `--color` choice for the whole run.
pub fn set_color(choice: ColorChoice) {
    COLOR.store(choice as u8, Ordering::Relaxed);
}

/// Sets `--pretty` for the whole run.
pub fn set_pretty(pretty: bool) {
    PRETTY.store(pretty, Ordering::Relaxed);
}

/// Whether JSON is wanted: the subcommand's `--json`, or `--pretty` (which implies it).
pub fn json(flag: bool) -> bool {
    flag || PRETTY.load(Ordering::Relaxed)
}

/// How one output stream is painted: with ANSI SGR sequences, or not at all. Every
/// subcommand paints through it (a report of findings uses `pass`, `fail`, `warn`, `dim`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    on: bool,
}

#[allow(dead_code)] // `is_on` and `dim` are for subcommands that do not use them yet
impl Style {
    fn for_stream(terminal: bool) -> Style {
        let on = match COLOR.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        };
        Style { on }
    }

    /// The style of standard output.
    pub fn stdout() -> Style {
        Style::for_stream(std::io::stdout().is_terminal())
    }

    /// The style of standard error.
    pub fn stderr() -> Style {
        Style::for_stream(std::io::stderr().is_terminal())
    }

    /// Whether this style paints at all.
    pub fn is_on(self) -> bool {
        self.on
    }

    fn paint(self, sgr: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// A passed check, a success (green).
    pub fn pass(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// A failure, an error (bold red).
    pub fn fail(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// A warning, a hint (yellow).
    pub fn warn(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Secondary text (dim).
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Emphasis (bold).
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// A JSON member name (blue).
    fn key(self, text: &str) -> String {
        self.paint("34", text)
    }

    /// A JSON number or literal (cyan).
    fn literal(self, text: &str) -> String {
        self.paint("36", text)
    }
}

/// Why a subcommand failed.
#[derive(Debug)]
pub struct Failure {
    message: String,
    offset: Option<usize>,
    usage: bool,
    /// The input the offset points into, shown with a caret under the offset.
    input: Option<Vec<u8>>,
    hint: Option<String>,
}

impl Failure {
    /// Invalid input: exit status 1.
    pub fn input(message: impl Into<String>, offset: Option<usize>) -> Failure {
        Failure { message: message.into(), offset, usage: false, input: None, hint: None }
    }

    /// A usage mistake (unknown subcommand, missing value): exit status 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), offset: None, usage: true, input: None, hint: None }
    }

    /// The input the offset points into (shown with a caret, without `--json`).
    pub fn with_input(mut self, input: &[u8]) -> Failure {
        self.input = Some(input.to_vec());
        self
    }

    /// What to try (shown without `--json`).
    pub fn with_hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
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
            let style = Style::stderr();
            let message = shown(&self.message);
            let mut out = match self.offset {
                Some(offset) => format!("signpost: {message} (at byte {offset})\n"),
                None => format!("signpost: {message}\n"),
            };
            if let (Some(offset), Some(input)) = (self.offset, &self.input) {
                let (line, column) = excerpt(input, offset);
                out.push_str(&format!("  {line}\n  {}{}\n", " ".repeat(column), style.fail("^")));
            }
            if let Some(hint) = &self.hint {
                out.push_str(&format!("{} {}\n", style.warn("hint:"), shown(hint)));
            }
            if self.usage {
                out.push_str("Try 'signpost help'.\n");
            }
            let _ = std::io::stderr().lock().write_all(out.as_bytes());
        }
        ExitCode::from(if self.usage { 2 } else { 1 })
    }
}

/// How many characters of the input are shown before and after the offset at most.
const BEFORE: usize = 40;
const AFTER: usize = 30;

/// The input as one escaped line, windowed around `offset` when it is long, and the column
/// of the caret in it.
pub fn excerpt(input: &[u8], offset: usize) -> (String, usize) {
    let offset = offset.min(input.len());
    let (before, after) = if std::str::from_utf8(input).is_ok() {
        (
            String::from_utf8_lossy(&input[..offset]).into_owned(),
            String::from_utf8_lossy(&input[offset..]).into_owned(),
        )
    } else {
        (text(&input[..offset]), text(&input[offset..]))
    };
    let before: Vec<char> = shown(&before).chars().collect();
    let after: Vec<char> = shown(&after).chars().collect();
    let mut line = String::new();
    let start = if before.len() + after.len() > BEFORE + AFTER {
        before.len().saturating_sub(BEFORE)
    } else {
        0
    };
    if start > 0 {
        line.push_str("...");
    }
    line.extend(&before[start..]);
    let column = line.chars().count();
    let end = if start > 0 || before.len() + after.len() > BEFORE + AFTER {
        after.len().min(AFTER.max(BEFORE + AFTER - (before.len() - start)))
    } else {
        after.len()
    };
    line.extend(&after[..end]);
    if end < after.len() {
        line.push_str("...");
    }
    (line, column)
}

impl From<signpost_syntax::Error> for Failure {
    fn from(e: signpost_syntax::Error) -> Failure {
        Failure::input(e.message(), Some(e.offset()))
    }
}

/// Prints one JSON document: on a line of its own, or indented with `--pretty` (coloured
/// when standard output takes colour).
pub fn print_json(value: &Value) {
    let text = if PRETTY.load(Ordering::Relaxed) {
        let mut out = String::new();
        pretty(&mut out, value, 0, Style::stdout());
        out
    } else {
        value.to_string()
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe is not worth a panic.
    let _ = writeln!(stdout, "{text}");
}

/// `value` indented as `serde_json::to_string_pretty` does (two spaces), painted by `style`.
pub fn pretty(out: &mut String, value: &Value, indent: usize, style: Style) {
    let pad = |out: &mut String, n: usize| out.push_str(&" ".repeat(n));
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => {
            out.push_str(&style.literal(&value.to_string()))
        }
        Value::String(_) => out.push_str(&style.pass(&value.to_string())),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 2);
                pretty(out, item, indent + 2, style);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(members) => {
            out.push_str("{\n");
            for (i, (name, item)) in members.iter().enumerate() {
                pad(out, indent + 2);
                out.push_str(&style.key(&Value::String(name.clone()).to_string()));
                out.push_str(": ");
                pretty(out, item, indent + 2, style);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
    }
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
    use super::{excerpt, pretty, quoted, shown, shown_bytes, Style};

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

    #[test]
    fn pretty_is_serde_json_pretty_when_plain() {
        let v = serde_json::json!({"a":[1,{"b":null,"c":[]}],"d":{},"e":"x\"y","f":true});
        let mut out = String::new();
        pretty(&mut out, &v, 0, Style { on: false });
        assert_eq!(out, serde_json::to_string_pretty(&v).unwrap());
        let mut out = String::new();
        pretty(&mut out, &serde_json::json!({"k":1}), 0, Style { on: true });
        assert_eq!(out, "{\n  \x1b[34m\"k\"\x1b[0m: \x1b[36m1\x1b[0m\n}");
    }

    #[test]
    fn excerpts_are_windowed_around_the_offset() {
        assert_eq!(excerpt(b"Bearer a\r\nb", 10), ("Bearer a\\r\\nb".to_owned(), 12));
        let long = "x".repeat(200);
        let (line, column) = excerpt(long.as_bytes(), 100);
        assert_eq!(line, format!("...{}...", "x".repeat(70)));
        assert_eq!(column, 43);
        let (line, column) = excerpt(long.as_bytes(), 5);
        assert_eq!(line, format!("{}...", "x".repeat(70)));
        assert_eq!(column, 5);
        let (line, column) = excerpt(long.as_bytes(), 200);
        assert_eq!(line, format!("...{}", "x".repeat(40)));
        assert_eq!(column, 43);
    }
}
