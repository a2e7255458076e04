//! `signpost parse challenge|credentials`: the JSON contract of docs/cli.md, byte for byte.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn json_ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
}

#[track_caller]
fn json_err(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
}

#[test]
fn challenges_follow_the_contract() {
    assert_eq!(
        json_ok(&["parse", "challenge", "--json", r#"Bearer realm="x", scope="a b""#]),
        r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["realm","x"],["scope","a b"]]}]}"#
    );
}

#[test]
fn several_values_are_several_field_lines() {
    assert_eq!(
        json_ok(&["parse", "challenge", "--json", "Negotiate YIIF==", r#"Basic realm="a, \"b\"""#]),
        r#"{"challenges":[{"scheme":"Negotiate","token68":"YIIF==","params":[]},{"scheme":"Basic","token68":null,"params":[["realm","a, \"b\""]]}]}"#
    );
}

#[test]
fn invalid_input_exits_1_with_the_error() {
    assert_eq!(
        json_err(&["parse", "challenge", "--json", r#"Bearer realm="x" error="y""#]),
        r#"{"error":{"message":"expected ',' or end of field after auth-param","offset":17}}"#
    );
    let out = run(&["parse", "challenge", r#"Bearer realm="x"#]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "signpost: missing closing DQUOTE of quoted-string (at byte 15)\n  Bearer realm=\"x\n                 ^\n\
         hint: the lenient parse accepts it: try --allow unterminated-quote (or --lenient)\n"
    );
}

#[test]
fn lenient_reports_what_it_forgave_and_what_it_skipped() {
    assert_eq!(
        json_ok(&[
            "parse",
            "challenge",
            "--lenient",
            "--json",
            "Token realm='Example', scope='x2', Bad\"x\", Basic"
        ]),
        r#"{"challenges":[{"scheme":"Token","token68":null,"params":[["realm","Example"],["scope","x2"]],"forgiven":["single-quotes"]},{"scheme":"Basic","token68":null,"params":[],"forgiven":[]}],"errors":[{"message":"expected SP or ',' after auth-scheme","offset":38}],"forgiven":[]}"#
    );
}

#[cfg(unix)]
#[test]
fn obs_text_bytes_are_accepted() {
    use std::os::unix::ffi::OsStrExt;
    let arg = std::ffi::OsStr::from_bytes(b"Basic realm=\"caf\xe9\"");
    let out = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["parse", "challenge", "--json"])
        .arg(arg)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        r#"{"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","café"]]}]}"#
    );
}

#[test]
fn credentials_follow_the_contract() {
    assert_eq!(
        json_ok(&["parse", "credentials", "--json", "Bearer abc"]),
        r#"{"credentials":{"scheme":"Bearer","token68":"abc","params":[]}}"#
    );
    assert_eq!(
        json_err(&["parse", "credentials", "--json", "Bearer abc, Basic x"]),
        r#"{"error":{"message":"expected one credentials value, found a second auth-scheme","offset":12}}"#
    );
}

#[test]
fn readable_listing_without_json() {
    assert_eq!(
        json_ok(&["parse", "challenge", r#"Bearer realm="example", error="invalid_token""#]),
        "challenge 1: Bearer (at byte 0)\n  realm = \"example\"\n  error = \"invalid_token\""
    );
}

#[test]
fn usage_mistakes_exit_2() {
    assert_eq!(run(&["parse", "challenge"]).status.code(), Some(2));
    assert_eq!(run(&["parse", "nothing"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["parse", "challenge", "--bogus", "x"]).status.code(), Some(2));
}

#[test]
fn an_empty_field_is_invalid_input() {
    // RFC 9110 §11.6.1: `WWW-Authenticate = 1#challenge`.
    assert_eq!(
        json_err(&["parse", "challenge", "--json", " , "]),
        r#"{"error":{"message":"expected challenge (WWW-Authenticate = 1#challenge)","offset":3}}"#
    );
    assert_eq!(run(&["parse", "challenge", ""]).status.code(), Some(1));
    // Leniently: no challenge, and the document says what was forgiven.
    assert_eq!(
        json_ok(&["parse", "challenge", "--lenient", "--json", ""]),
        r#"{"challenges":[],"errors":[],"forgiven":["empty-field"]}"#
    );
    assert_eq!(
        json_ok(&["parse", "challenge", "--lenient", ","]),
        "no challenge (forgiven: empty-field)"
    );
}

#[test]
fn two_credentials_lines_are_invalid_input() {
    // RFC 9449 §7.1, RFC 9110 §5.3: Authorization is a singleton field; two field lines are
    // invalid input (exit 1), not a usage mistake.
    assert_eq!(
        json_err(&["parse", "credentials", "--json", "Bearer abc", "Bearer abc"]),
        r#"{"error":{"message":"expected one credentials field line (a singleton field), found a second","offset":12}}"#
    );
    assert_eq!(run(&["parse", "credentials", "DPoP a", "DPoP b"]).status.code(), Some(1));
    assert_eq!(run(&["parse", "credentials"]).status.code(), Some(2));
}

#[test]
fn obs_fold_and_lenient_recoveries() {
    // RFC 9112 §5.2: the value parses as its unfolded form (greenbytes `simplebasiclf`).
    assert_eq!(
        json_ok(&["parse", "challenge", "--json", "Basic\r\n realm=\"foo\""]),
        r#"{"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","foo"]]}]}"#
    );
    // Chromium's MismatchedQuotes (net/http/http_auth_challenge_tokenizer_unittest.cc).
    assert_eq!(
        json_ok(&["parse", "challenge", "--lenient", "--json", "Basic realm=\"foobar@baz.com"]),
        r#"{"challenges":[{"scheme":"Basic","token68":null,"params":[["realm","foobar@baz.com"]],"forgiven":["unterminated-quote"]}],"errors":[],"forgiven":[]}"#
    );
}
