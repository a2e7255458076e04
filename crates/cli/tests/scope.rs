//! `signpost parse scope`: the JSON contract, text output and exit codes.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["parse", "scope"])
        .args(args)
        .output()
        .expect("run signpost")
}

#[track_caller]
fn json(args: &[&str], status: i32, expected: &str) {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(status),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"), "{args:?}");
}

#[test]
fn strict_json() {
    json(&["--json", "openid profile email"], 0, r#"{"tokens":["openid","profile","email"]}"#);
    // Input order, duplicates dropped (the first one stays).
    json(&["--json", "b a b c a"], 0, r#"{"tokens":["b","a","c"]}"#);
    // Commas are token characters when strict.
    json(
        &["--json", "repository:samalba/my-app:pull,push"],
        0,
        r#"{"tokens":["repository:samalba/my-app:pull,push"]}"#,
    );
    json(&["--json", "--", "--json"], 0, r#"{"tokens":["--json"]}"#);
}

#[test]
fn strict_errors() {
    json(
        &["--json", "a  b"],
        1,
        r#"{"error":{"message":"empty scope-token (double SP)","offset":2}}"#,
    );
    json(&["--json", ""], 1, r#"{"error":{"message":"expected scope-token","offset":0}}"#);
    json(
        &["--json", " a"],
        1,
        r#"{"error":{"message":"empty scope-token (leading SP)","offset":0}}"#,
    );
    json(
        &["--json", "a "],
        1,
        r#"{"error":{"message":"empty scope-token (trailing SP)","offset":1}}"#,
    );
    json(
        &["--json", "openid \"profile\""],
        1,
        r#"{"error":{"message":"expected NQCHAR in scope-token","offset":7}}"#,
    );
    json(
        &["--json", "a\tb"],
        1,
        r#"{"error":{"message":"expected NQCHAR in scope-token","offset":1}}"#,
    );
    json(&["--json", "a,b"], 0, r#"{"tokens":["a,b"]}"#);
}

#[test]
fn lenient_json() {
    json(
        &["--lenient", "--json", " repo,user:email, repo"],
        0,
        r#"{"tokens":["repo","user:email"],"normalised":[{"kind":"commas","offset":5},{"kind":"leading_trailing","offset":0},{"kind":"duplicates","offset":18}]}"#,
    );
    json(
        &["--json", "--lenient", "openid+profile"],
        0,
        r#"{"tokens":["openid","profile"],"normalised":[{"kind":"plus_signs","offset":6}]}"#,
    );
    json(
        &["--json", "--lenient", "a  b\tc"],
        0,
        r#"{"tokens":["a","b","c"],"normalised":[{"kind":"whitespace_runs","offset":1}]}"#,
    );
    json(&["--json", "--lenient", "a b"], 0, r#"{"tokens":["a","b"],"normalised":[]}"#);
    json(
        &["--json", "--lenient", ""],
        0,
        r#"{"tokens":[],"normalised":[{"kind":"empty","offset":0}]}"#,
    );
    json(
        &["--json", "--lenient", "a,\"b\""],
        1,
        r#"{"error":{"message":"expected NQCHAR in scope-token","offset":2}}"#,
    );
}

#[test]
fn text_output() {
    let out = run(&["openid profile openid"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "openid\nprofile\n");
    let out = run(&["--lenient", "a,b,a"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "a\nb\n");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: normalised commas at byte 1, duplicates at byte 4\n"
    );
    let out = run(&["a  b"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: empty scope-token (double SP) (at byte 2)\n  a  b\n    ^\nhint: the lenient parse accepts it: try --lenient\n"
    );
}

#[cfg(unix)]
#[test]
fn bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["parse", "scope", "--json"])
        .arg(std::ffi::OsStr::from_bytes(b"ok caf\xe9"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"error\":{\"message\":\"expected NQCHAR in scope-token\",\"offset\":6}}\n"
    );
}

#[test]
fn usage() {
    for args in [&[][..], &["a", "b"], &["--json", "--strict", "a"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
