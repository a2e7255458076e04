//! Every human-readable output escapes what a terminal would act on: a value from the input
//! (a server's header, in `explain`) cannot forge a line, send an escape sequence or reorder
//! the display (RFC 8187 §5, RFC 9110 §5.5). The JSON output keeps the exact values.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output};

fn run(args: &[&[u8]]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args.iter().map(|a| OsStr::from_bytes(a)))
        .output()
        .expect("run signpost")
}

/// Whether a character is one a terminal acts on (or that reorders the display).
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Runs `args` and checks that neither stdout nor stderr holds a dangerous character or a
/// byte that is not UTF-8; returns stdout.
#[track_caller]
fn readable(args: &[&[u8]]) -> String {
    let out = run(args);
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    for text in [&stdout, &stderr] {
        assert!(!text.chars().any(dangerous), "{args:?}: {text:?}");
    }
    stdout + &stderr
}

/// The hostile bytes (NUL cannot be an argument; it is percent-encoded below): CR LF, ESC, DEL, a C1 CSI (as UTF-8 and as a Latin-1 byte), a
/// right-to-left override, a first-strong isolate, a line separator.
const HOSTILE: &[&[u8]] = &[
    b"\r\nX-Injected: 1",
    b"\x1b[31m",
    b"\x7f",
    "\u{9b}2J".as_bytes(),
    b"\x9b2J",
    "\u{202e}exe.txt".as_bytes(),
    "\u{2068}".as_bytes(),
    "\u{2028}".as_bytes(),
];

#[test]
fn a_decoded_title_cannot_forge_a_line() {
    let out =
        readable(&[b"parse", b"link", b"<https://x/>; title*=UTF-8''a%0D%0AX-Injected%3A%201"]);
    assert!(out.contains("  title: a\\r\\nX-Injected: 1\n"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("X-Injected")), "{out}");
    // The JSON keeps the percent-encoded value as it came.
    let json = run(&[b"parse", b"link", b"--json", b"<https://x/>; title*=UTF-8''a%0D%0AX"]);
    assert_eq!(
        String::from_utf8(json.stdout).unwrap(),
        "{\"links\":[{\"target\":\"https://x/\",\"params\":[[\"title*\",\"UTF-8''a%0D%0AX\"]]}]}\n"
    );
}

#[test]
fn a_decoded_title_cannot_send_an_escape_sequence() {
    let out = readable(&[
        b"parse",
        b"link",
        b"<https://x/>; title*=UTF-8''%1B%5B2J%C2%9B%E2%80%AEok%7F%00",
    ]);
    assert!(out.contains("  title: \\x1b[2J\\u{9b}\\u{202e}ok\\x7f\\0\n"), "{out}");
}

#[test]
fn a_lenient_link_with_cr_lf_is_skipped_not_printed() {
    for field in [&b"<https://x/a\r\nSet-Cookie: a=b>; rel=next"[..], b"<https://x/>; title=a\r\nb"]
    {
        let out = readable(&[b"parse", b"link", b"--lenient", field]);
        assert!(!out.contains("Set-Cookie") || out.contains("\\r\\n"), "{out}");
        let json = run(&[b"parse", b"link", b"--lenient", b"--json", field]);
        let json = String::from_utf8(json.stdout).unwrap();
        assert!(!json.contains("\\r") && !json.contains("\\n"), "{json}");
    }
}

#[test]
fn every_subcommand_escapes_what_it_shows() {
    for bad in HOSTILE {
        let join = |parts: &[&[u8]]| parts.concat();
        let cases: Vec<Vec<Vec<u8>>> = vec![
            vec![
                b"parse".to_vec(),
                b"link".to_vec(),
                join(&[b"<https://x/>; title=\"", bad, b"\""]),
            ],
            vec![
                b"parse".to_vec(),
                b"link".to_vec(),
                b"--lenient".to_vec(),
                join(&[b"<https://x/", bad, b">; rel=", bad]),
            ],
            vec![
                b"parse".to_vec(),
                b"challenge".to_vec(),
                join(&[b"Bearer realm=\"", bad, b"\", x=", bad]),
            ],
            vec![
                b"parse".to_vec(),
                b"challenge".to_vec(),
                b"--lenient".to_vec(),
                join(&[b"Bearer realm=a", bad, b"b, Basic"]),
            ],
            vec![b"parse".to_vec(), b"credentials".to_vec(), join(&[b"Bearer ", bad])],
            vec![b"parse".to_vec(), b"scope".to_vec(), join(&[b"a ", bad])],
            vec![b"parse".to_vec(), b"scope".to_vec(), b"--lenient".to_vec(), join(&[b"a,", bad])],
            vec![
                b"explain".to_vec(),
                b"--status".to_vec(),
                b"400".to_vec(),
                join(&[b"Bearer error=\"invalid_request\", error_description=\"", bad, b"\""]),
            ],
            vec![
                b"explain".to_vec(),
                b"--status".to_vec(),
                b"401".to_vec(),
                join(&[b"Bearer resource_metadata=\"https://a.example/", bad, b"\""]),
            ],
            vec![b"explain".to_vec(), b"--scope".to_vec(), bad.to_vec(), b"Bearer".to_vec()],
            vec![
                b"build".to_vec(),
                b"--reason".to_vec(),
                b"invalid-token".to_vec(),
                b"--description".to_vec(),
                bad.to_vec(),
            ],
            vec![b"errors".to_vec(), bad.to_vec()],
            vec![b"well-known".to_vec(), b"resource".to_vec(), join(&[b"https://a.example/", bad])],
            vec![bad.to_vec()],
            vec![b"parse".to_vec(), bad.to_vec()],
        ];
        for case in &cases {
            let args: Vec<&[u8]> = case.iter().map(Vec::as_slice).collect();
            readable(&args);
        }
    }
}

#[test]
fn plain_text_is_shown_as_it_is() {
    let out =
        readable(&[b"parse", b"challenge", "Bearer realm=\"café \\\"x\\\" a\\\\b\"".as_bytes()]);
    assert!(out.contains(r#"  realm = "café \"x\" a\\b""#), "{out}");
    let out = readable(&[
        b"explain",
        b"--status",
        b"400",
        br#"Bearer error="invalid_request", error_description="Missing \"id\"""#,
    ]);
    assert!(out.contains(r#"the server said: invalid_request: Missing "id"."#), "{out}");
}
