//! The VALUEs of a subcommand: from the arguments, and from standard input.
//!
//! `-` as a VALUE, or no VALUE at all while standard input is a pipe or a file (not a
//! terminal, not `/dev/null`) and the command line does not end with `--`, reads standard
//! input, at most [`LIMIT`] bytes. Two forms are
//! understood:
//!
//! - a raw HTTP/1.x response head as `curl -si` prints it: the status from the status line,
//!   every field line of the field the subcommand reads, and `DPoP-Nonce`; the head ends at
//!   the first empty line; CRLF or LF line ends; when several heads follow one another
//!   (`curl -siL`, or a `100 Continue`), the last one is read; an obs-fold line (starting
//!   with SP or HTAB) continues the field line before it, replaced by one SP (RFC 9112 §5.2);
//! - field lines, one per line, with or without their `Name:` prefix: a named line is taken
//!   by its name (as in a response head; lines of other fields are ignored), an unnamed line
//!   is a value of the field the subcommand reads.
//!
//! A VALUE argument may carry the name of the field the subcommand reads too (a pasted
//! `WWW-Authenticate: Bearer ...`): the name, the colon and the whitespace after it are
//! dropped, and error offsets count from the value.

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::args::to_bytes;
use crate::out::Failure;

static VALUES_ENDED: AtomicBool = AtomicBool::new(false);

/// Records that the command line ends with `--`: the VALUEs were given (none), so standard
/// input is not read in their place.
pub fn set_values_ended(ended: bool) {
    VALUES_ENDED.store(ended, Ordering::Relaxed);
}

/// The most standard input read: a response head is a few KiB; 1 MiB is far beyond any.
pub const LIMIT: usize = 1 << 20;

/// The header field a subcommand reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `WWW-Authenticate` (or `Proxy-Authenticate`): `parse challenge`, `explain`.
    Challenge,
    /// `Authorization` (or `Proxy-Authorization`): `parse credentials`.
    Credentials,
    /// `Link`: `parse link`.
    Link,
    /// An OAuth scope: `parse scope`. No field carries it; every line is a value.
    Scope,
}

impl Field {
    /// The field names read, the first the usual one.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::Challenge => &["WWW-Authenticate", "Proxy-Authenticate"],
            Field::Credentials => &["Authorization", "Proxy-Authorization"],
            Field::Link => &["Link"],
            Field::Scope => &[],
        }
    }

    fn reads(self, name: &[u8]) -> bool {
        self.names().iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name))
    }
}

/// What the VALUEs and standard input held.
#[derive(Debug, Default)]
pub struct Input {
    /// The values of the field the subcommand reads, in order.
    pub lines: Vec<Vec<u8>>,
    /// The status of the response head read from standard input.
    pub status: Option<u16>,
    /// The last `DPoP-Nonce` of standard input.
    pub dpop_nonce: Option<Vec<u8>>,
    /// Whether standard input held a response head (with a status line).
    pub head: bool,
    /// Whether standard input was read.
    pub stdin: bool,
}

impl Input {
    /// The values as slices, for the parsers.
    pub fn slices(&self) -> Vec<&[u8]> {
        self.lines.iter().map(Vec::as_slice).collect()
    }
}

/// Reads the VALUEs of a subcommand that reads `field`: each argument (with a name prefix of
/// `field` dropped), standard input in place of `-`, or standard input alone when no VALUE
/// was given and it is a pipe or a file.
pub fn gather(values: &[OsString], field: Field) -> Result<Input, Failure> {
    let mut input = Input::default();
    if values.iter().filter(|v| *v == "-").count() > 1 {
        return Err(Failure::usage("'-' (standard input) may be given once"));
    }
    if values.is_empty() && !VALUES_ENDED.load(Ordering::Relaxed) && stdin_is_data() {
        read_stdin(&mut input, field)?;
    }
    for value in values {
        if value == "-" {
            read_stdin(&mut input, field)?;
        } else {
            input.lines.push(strip_name(to_bytes(value.clone()), field));
        }
    }
    Ok(input)
}

/// Whether standard input is a pipe, a file or a socket: data to read, not a terminal and
/// not a character device such as `/dev/null` (where a caller that gives no input has
/// standard input pointed).
fn stdin_is_data() -> bool {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else { return false };
        let Ok(meta) = std::fs::File::from(fd).metadata() else { return false };
        let t = meta.file_type();
        t.is_fifo() || t.is_file() || t.is_socket()
    }
    #[cfg(not(unix))]
    {
        true
    }
}

fn read_stdin(input: &mut Input, field: Field) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(LIMIT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::input(format!("cannot read standard input: {e}"), None))?;
    if bytes.len() > LIMIT {
        return Err(Failure::input("standard input is longer than 1 MiB", None));
    }
    input.stdin = true;
    read_text(&bytes, field, input)
}

/// Reads standard input's bytes into `input` (see the module documentation).
pub fn read_text(bytes: &[u8], field: Field, input: &mut Input) -> Result<(), Failure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::input("standard input is empty", None));
    }
    let lines: Vec<&[u8]> =
        bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect();
    let before = input.lines.len();
    if let Some(start) = lines.iter().rposition(|l| status_line(l).is_some()) {
        input.status = status_line(lines[start]);
        input.head = true;
        let mut fields: Vec<(&[u8], Vec<u8>)> = Vec::new();
        for (n, line) in lines[start + 1..].iter().enumerate() {
            if line.is_empty() {
                break;
            }
            if line[0] == b' ' || line[0] == b'\t' {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(b' ');
                    value.extend_from_slice(trim(line));
                    continue;
                }
            }
            let Some((name, value)) = split_name(line) else {
                return Err(Failure::input(
                    format!("line {} of the response head is not a field line", start + n + 2),
                    None,
                ));
            };
            fields.push((name, value.to_vec()));
        }
        for (name, value) in fields {
            take(input, field, name, value);
        }
        return Ok(());
    }
    let mut others: Vec<String> = Vec::new();
    for line in lines {
        let line = trim(line);
        if line.is_empty() {
            continue;
        }
        if field == Field::Scope {
            input.lines.push(line.to_vec());
            continue;
        }
        match split_name(line) {
            Some((name, value)) => {
                if !take(input, field, name, value.to_vec()) && others.len() < 3 {
                    others.push(String::from_utf8_lossy(name).into_owned());
                }
            }
            None => input.lines.push(line.to_vec()),
        }
    }
    if input.lines.len() == before && input.dpop_nonce.is_none() {
        let mut message = format!("standard input holds no {} line", field.names()[0]);
        if !others.is_empty() {
            message.push_str(&format!(" (only {})", others.join(", ")));
        }
        return Err(Failure::input(message, None));
    }
    Ok(())
}

/// Takes a named field line; false when the subcommand does not read that name.
fn take(input: &mut Input, field: Field, name: &[u8], value: Vec<u8>) -> bool {
    if field.reads(name) {
        input.lines.push(value);
        true
    } else if name.eq_ignore_ascii_case(b"DPoP-Nonce") {
        input.dpop_nonce = Some(value);
        true
    } else {
        false
    }
}

/// The status code of an HTTP status line (`HTTP/1.1 401 Unauthorized`, `HTTP/2 401`).
fn status_line(line: &[u8]) -> Option<u16> {
    let rest = line.strip_prefix(b"HTTP/")?;
    let sp = rest.iter().position(|&b| b == b' ')?;
    if sp == 0 || !rest[..sp].iter().all(|&b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let code = &rest[sp + 1..];
    let digits = code.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || code.get(3).is_some_and(|&b| b != b' ') {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// `field-name ":" OWS field-value OWS` (RFC 9110 §5.1, RFC 9112 §5): the name and the
/// value, or `None` when the line does not start with a field-name and a colon (or starts
/// with a URI such as `https://`).
pub fn split_name(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    // `https://...` is a URI (an unnamed Link target without `<>`), not a field line.
    if name.is_empty() || !name.iter().all(|&b| is_tchar(b)) || line[colon..].starts_with(b"://") {
        return None;
    }
    Some((name, trim(&line[colon + 1..])))
}

/// A VALUE argument with the name of `field` (and the colon and whitespace after it) dropped.
fn strip_name(value: Vec<u8>, field: Field) -> Vec<u8> {
    match split_name(&value) {
        Some((name, rest)) if field.reads(name) => rest.to_vec(),
        _ => value,
    }
}

/// A hint when a VALUE is a field line of another field (`Authorization: ...` given to
/// `parse challenge`).
pub fn other_field_hint(lines: &[Vec<u8>], field: Field, command: &str) -> Option<String> {
    let (name, _) = lines.iter().find_map(|l| split_name(l))?;
    if field == Field::Scope || field.reads(name) {
        return None;
    }
    let name = String::from_utf8_lossy(name);
    let other = if Field::Credentials.reads(name.as_bytes()) {
        "; signpost parse credentials reads it"
    } else if Field::Challenge.reads(name.as_bytes()) {
        "; signpost parse challenge reads it"
    } else if Field::Link.reads(name.as_bytes()) {
        "; signpost parse link reads it"
    } else {
        ""
    };
    Some(format!(
        "the value starts with the field name '{name}:', but {command} reads {} values{other}",
        field.names()[0]
    ))
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b != b' ' && b != b'\t').map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// `tchar` (RFC 9110 §5.6.2).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, field: Field) -> Result<Input, Failure> {
        let mut input = Input::default();
        read_text(text.as_bytes(), field, &mut input).map(|()| input)
    }

    #[test]
    fn the_last_head_of_curl_si_l() {
        let text = "HTTP/1.1 302 Found\r\nLocation: /b\r\nWWW-Authenticate: Basic\r\n\r\nmoved\
                    HTTP/1.1 100 Continue\r\n\r\n\
                    HTTP/1.1 401 Unauthorized\r\nwww-authenticate: Negotiate\r\n\
                    Content-Type: text/plain\r\nWWW-Authenticate: Bearer realm=\"x\",\r\n\
                    \x20scope=\"a\"\r\nDPoP-Nonce: n1\r\n\r\nWWW-Authenticate: Body\r\n";
        let input = read(text, Field::Challenge).unwrap();
        assert_eq!(input.status, Some(401));
        assert!(input.head);
        assert_eq!(input.slices(), [&b"Negotiate"[..], b"Bearer realm=\"x\", scope=\"a\""]);
        assert_eq!(input.dpop_nonce.as_deref(), Some(&b"n1"[..]));
        let input = read("HTTP/2 403 \nlink: </a>; rel=x\n", Field::Link).unwrap();
        assert_eq!((input.status, input.slices()), (Some(403), vec![&b"</a>; rel=x"[..]]));
    }

    #[test]
    fn field_lines_named_and_unnamed() {
        let input =
            read("WWW-Authenticate: Basic\nBearer realm=\"a:b\"\nLink: </x>\n", Field::Challenge)
                .unwrap();
        assert_eq!(input.slices(), [&b"Basic"[..], b"Bearer realm=\"a:b\""]);
        assert_eq!(input.status, None);
        let input = read("read:user repo\n", Field::Scope).unwrap();
        assert_eq!(input.slices(), [&b"read:user repo"[..]]);
        let e = read("Content-Type: x\n", Field::Challenge).unwrap_err();
        assert!(format!("{e:?}").contains("no WWW-Authenticate line (only Content-Type)"));
        assert!(read(" \r\n\n", Field::Challenge).is_err());
        assert!(read("HTTP/1.1 401\nnot a field\n", Field::Challenge).is_err());
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line(b"HTTP/1.1 401 Unauthorized"), Some(401));
        assert_eq!(status_line(b"HTTP/1.0 200"), Some(200));
        assert_eq!(status_line(b"HTTP/1.1 4012"), None);
        assert_eq!(status_line(b"HTTP/ 401"), None);
        assert_eq!(status_line(b"HTTPS/1.1 401"), None);
    }

    #[test]
    fn pasted_names_are_dropped() {
        assert_eq!(strip_name(b"www-authenticate:  Bearer".to_vec(), Field::Challenge), b"Bearer");
        assert_eq!(strip_name(b"Link: <a>".to_vec(), Field::Challenge), b"Link: <a>");
        assert_eq!(split_name(b"https://b"), None);
        assert_eq!(
            strip_name(b"Bearer realm=\"a:b\"".to_vec(), Field::Challenge),
            b"Bearer realm=\"a:b\""
        );
    }
}
