//! `signpost parse link`: the JSON contract of docs/cli.md, run against the built binary.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_signpost")).args(args).output().expect("run signpost")
}

#[track_caller]
fn json_ok(args: &[&str], expected: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{expected}\n"));
}

#[test]
fn design_contract_example() {
    json_ok(
        &["parse", "link", "--json", r#"<https://x/y>; rel="next"; nopush"#],
        r#"{"links":[{"target":"https://x/y","params":[["rel","next"],["nopush",null]]}]}"#,
    );
}

#[test]
fn names_keep_case_and_order_values_are_unquoted() {
    json_ok(
        &["parse", "link", "--json", r#"</a>; REL=Next; Title="say \"hi\", ok"; rel=prev"#],
        r#"{"links":[{"target":"/a","params":[["REL","Next"],["Title","say \"hi\", ok"],["rel","prev"]]}]}"#,
    );
}

#[test]
fn several_lines_are_one_field() {
    json_ok(
        &["parse", "link", "--json", "</a>; rel=next", "</b>; rel=next, </c>"],
        r#"{"links":[{"target":"/a","params":[["rel","next"]]},{"target":"/b","params":[["rel","next"]]},{"target":"/c","params":[]}]}"#,
    );
}

#[test]
fn rfc8288_title_star_is_kept_encoded() {
    json_ok(
        &[
            "parse",
            "link",
            "--json",
            "</TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel",
        ],
        r#"{"links":[{"target":"/TheBook/chapter4","params":[["rel","next"],["title*","UTF-8'de'n%c3%a4chstes%20Kapitel"]]}]}"#,
    );
}

#[test]
fn invalid_input_exits_1_with_offset() {
    let out = run(&["parse", "link", "--json", "</a>; rel=next", "https://b"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"error\":{\"message\":\"expected '<' to open link-value\",\"offset\":16}}\n"
    );
    let out = run(&["parse", "link", "--json", "</a b>"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"error\":{\"message\":\"invalid character in URI-Reference\",\"offset\":3}}\n"
    );
    let out = run(&["parse", "link", "</a"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: missing '>' to close URI-Reference (at byte 3)\n  </a\n     ^\n"
    );
}

#[test]
fn lenient_recovers() {
    let out = run(&[
        "parse",
        "link",
        "--lenient",
        "--json",
        "</a b>; title=Chapter two, \"junk\", </c>;",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"links\":[{\"target\":\"/a b\",\"params\":[[\"title\",\"Chapter two\"]]},{\"target\":\"/c\",\"params\":[]}]}\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "signpost: skipped 1 malformed link-value(s); the first: expected '<' to open link-value, found '\"' at byte 27\n"
    );
}

#[test]
fn readable_listing() {
    let out = run(&["parse", "link", r#"<https://example.com/disco>; rel="duri next"; nopush"#]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "link 1 <https://example.com/disco>\n    rel = duri next\n    nopush\n  relation duri: unregistered draft relation, draft-sakimura-oauth-meta-05\n  relation next: registered, HTML\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["parse", "link", "--json"]).status.code(), Some(2));
    assert_eq!(run(&["parse", "link", "--strict", "x"]).status.code(), Some(2));
}
