//! The command as a person uses it: help and typo suggestions (clap), standard input, a
//! pasted field name, errors with a caret and a `--lenient` hint, `--pretty`, colour,
//! `explain --url`, Docker's token service, shell completions.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn signpost() -> Command {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
}

/// Runs with standard input pointed at /dev/null (as `Command::output` does).
fn run(args: &[&str]) -> Output {
    signpost().args(args).output().expect("run signpost")
}

/// Runs with `stdin` written to a pipe.
fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = signpost()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run signpost");
    let mut pipe = child.stdin.take().unwrap();
    // The command may stop reading early (an input over the limit); a broken pipe is fine.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[track_caller]
fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    stdout(out)
}

/// The 401 of the MCP authorization specification (2025-11-25, "Protected Resource
/// Metadata Discovery Requirements"), as `curl -si` prints it, after a redirect.
const CURL_SI_L: &[u8] = b"HTTP/1.1 307 Temporary Redirect\r\n\
Location: https://mcp.example.com/mcp\r\n\
Content-Length: 9\r\n\
\r\n\
redirect\n\
HTTP/1.1 401 Unauthorized\r\n\
Content-Type: application/json\r\n\
WWW-Authenticate: Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\",\r\n\
\x20scope=\"files:read\"\r\n\
Link: </docs>; rel=\"help\"\r\n\
\r\n\
{\"error\":\"unauthorized\"}\n";

const MCP_401_JSON: &str = r#"{"challenges":[{"scheme":"Bearer","token68":null,"params":[["resource_metadata","https://mcp.example.com/.well-known/oauth-protected-resource"],["scope","files:read"]]}],"next_step":{"action":"authorize","metadata_url":"https://mcp.example.com/.well-known/oauth-protected-resource","scope":["files:read"]}}
"#;

#[test]
fn help_for_every_subcommand() {
    for args in [
        &["explain", "--help"][..],
        &["help", "explain"],
        &["parse", "challenge", "--help"],
        &["help", "parse", "credentials"],
        &["parse", "link", "-h"],
        &["parse", "scope", "--help"],
        &["build", "--help"],
        &["errors", "--help"],
        &["well-known", "--help"],
        &["completions", "--help"],
    ] {
        let out = ok(&run(args));
        let name =
            if args[0] == "help" { args[1..].join(" ") } else { args[..args.len() - 1].join(" ") };
        assert!(out.contains(&format!("Usage: signpost {name}")), "{args:?}: {out}");
    }
    let explain = ok(&run(&["explain", "--help"]));
    for option in
        ["--status <N>", "--previous <ACTION>", "--url <URL>", "--json", "retry_with_dpop_nonce"]
    {
        assert!(explain.contains(option), "{option}: {explain}");
    }
    assert!(ok(&run(&["--version"])).starts_with("signpost "));
}

#[test]
fn usage_errors_under_json_keep_their_messages() {
    for (args, message) in [
        (&["build", "--json", "--reasons", "expired"][..], "unknown option --reasons"),
        (&["explain", "--json", "--tokens"], "unknown option --tokens"),
        (&["errors", "--json", "a", "b"], "errors takes at most one CODE"),
        (
            &["well-known", "--json", "resources", "https://x"],
            "well-known what? resource or issuer, not 'resources'",
        ),
        (
            &["well-known", "--json", "resource"],
            "usage: signpost well-known resource|issuer URL [--json]",
        ),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stdout(&out),
            format!("{{\"error\":{{\"message\":\"{message}\"}}}}\n"),
            "{args:?}"
        );
    }
}

#[test]
fn typos_get_a_suggestion() {
    let out = run(&["expalin", "Bearer"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("tip: a similar subcommand exists: 'explain'"),
        "{}",
        stderr(&out)
    );
    let out = run(&["parse", "challenge", "--lenien", "Bearer"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tip: a similar argument exists: '--lenient'"));
    let out = run(&["build", "--reason", "expird"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[possible values: no-token,"), "{}", stderr(&out));
    let out = run(&["explain", "--previous", "Refresh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_mistyped_option_is_never_a_value() {
    // Before: `-token` was listed as a challenge.
    let out = run(&["explain", "-token", r#"Bearer error="invalid_token""#]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("unexpected argument '-token' found"), "{err}");
    assert!(err.contains("tip: did you mean '--token'?"), "{err}");
    let out = run(&["parse", "challenge", "--json", "-Bearer"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "{\"error\":{\"message\":\"unexpected argument '-Bearer' found tip: a VALUE that starts with '-' goes after '--': '-- -Bearer'\"}}\n");
    // After `--`, it is a value: an auth-scheme is a token, and a token may start with '-'.
    let out = ok(&run(&["parse", "challenge", "--json", "--", "-Bearer"]));
    assert_eq!(out, "{\"challenges\":[{\"scheme\":\"-Bearer\",\"token68\":null,\"params\":[]}]}\n");
    // Negative numbers reach the option's own check (exit 1).
    assert_eq!(run(&["explain", "--attempts", "-12", "Bearer"]).status.code(), Some(1));
}

#[test]
fn a_curl_si_head_on_standard_input() {
    // The last head, its status, every WWW-Authenticate line, an obs-fold joined by SP.
    let out = run_stdin(&["explain", "--json"], CURL_SI_L);
    assert_eq!(ok(&out), MCP_401_JSON);
    // `-` reads it too, and the Link lines go to `parse link`.
    let out = run_stdin(&["parse", "link", "--json", "-"], CURL_SI_L);
    assert_eq!(ok(&out), "{\"links\":[{\"target\":\"/docs\",\"params\":[[\"rel\",\"help\"]]}]}\n");
    // The status line gives the status; --status wins over it.
    let head =
        b"HTTP/2 403 \nwww-authenticate: Bearer error=\"insufficient_scope\", scope=\"b\"\n\n";
    let out = run_stdin(&["explain"], head);
    assert!(ok(&out).starts_with("The server answered 403 Forbidden with 1 challenge.\n"));
    let out = run_stdin(&["explain", "--status", "401"], head);
    assert!(ok(&out).starts_with("The server answered 401 Unauthorized with 1 challenge.\n"));
    // A DPoP-Nonce of the head is the nonce (RFC 9449 §9).
    let head = b"HTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP error=\"use_dpop_nonce\"\nDPoP-Nonce: eyJ7S_zG.eyJH0-Z.HX4w-7v\n\n";
    let out = run_stdin(&["explain", "--json", "--token", "--dpop"], head);
    assert!(ok(&out).ends_with(
        r#""next_step":{"action":"retry_with_dpop_nonce","nonce":"eyJ7S_zG.eyJH0-Z.HX4w-7v"}}
"#
    ));
    // A head without the field: explain answers for a response without it; parse fails.
    let head = b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n";
    let out = run_stdin(&["explain"], head);
    assert!(ok(&out).starts_with("The server answered 401 Unauthorized with 0 challenges.\n"));
    let out = run_stdin(&["parse", "challenge"], head);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "signpost: the response head has no WWW-Authenticate field\n");
}

#[test]
fn field_lines_on_standard_input() {
    // Named lines are taken by name (others ignored); unnamed ones are values.
    let lines = b"WWW-Authenticate: Negotiate\nContent-Type: text/html\nBasic realm=\"a:b\"\n";
    let out = run_stdin(&["parse", "challenge", "--json"], lines);
    assert_eq!(
        ok(&out),
        "{\"challenges\":[{\"scheme\":\"Negotiate\",\"token68\":null,\"params\":[]},{\"scheme\":\"Basic\",\"token68\":null,\"params\":[[\"realm\",\"a:b\"]]}]}\n"
    );
    let out = run_stdin(&["parse", "credentials", "--json"], b"Authorization: Bearer abc\r\n");
    assert_eq!(
        ok(&out),
        "{\"credentials\":{\"scheme\":\"Bearer\",\"token68\":\"abc\",\"params\":[]}}\n"
    );
    // `-` among VALUEs: standard input in its place.
    let out = run_stdin(&["parse", "challenge", "--json", "Basic", "-"], b"Bearer\n");
    assert_eq!(
        ok(&out),
        "{\"challenges\":[{\"scheme\":\"Basic\",\"token68\":null,\"params\":[]},{\"scheme\":\"Bearer\",\"token68\":null,\"params\":[]}]}\n"
    );
    // A scope has no field: the line is the value (`read:user` is not a name).
    let out = run_stdin(&["parse", "scope", "--json"], b"read:user repo\n");
    assert_eq!(ok(&out), "{\"tokens\":[\"read:user\",\"repo\"]}\n");
    let out = run_stdin(&["parse", "challenge"], b"Content-Type: text/html\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "signpost: standard input holds no WWW-Authenticate line (only Content-Type)\n"
    );
}

#[test]
fn empty_input_is_an_error() {
    for args in
        [&["explain"][..], &["explain", "-"], &["parse", "challenge"], &["parse", "scope", "-"]]
    {
        for input in [&b""[..], b"\n", b" \r\n\r\n"] {
            let out = run_stdin(args, input);
            assert_eq!(out.status.code(), Some(1), "{args:?} {input:?}");
            assert!(out.stdout.is_empty());
            assert_eq!(stderr(&out), "signpost: standard input is empty\n");
        }
    }
    let out = run_stdin(&["explain", "--json"], b"");
    assert_eq!(stdout(&out), "{\"error\":{\"message\":\"standard input is empty\"}}\n");
    // Standard input at /dev/null is no input: explain answers for a response without the
    // header, as before.
    let out = run(&["explain", "--json"]);
    assert_eq!(
        ok(&out),
        "{\"challenges\":[],\"next_step\":{\"action\":\"authorize\",\"scope\":[]}}\n"
    );
    // `--` with nothing after it: no VALUE, and standard input is not read (a caller that
    // runs the command through a shell fed on standard input says so).
    let out = run_stdin(&["explain", "--json", "--"], b"");
    assert_eq!(
        ok(&out),
        "{\"challenges\":[],\"next_step\":{\"action\":\"authorize\",\"scope\":[]}}\n"
    );
    // At most 1 MiB is read.
    let big = vec![b'a'; (1 << 20) + 1];
    let out = run_stdin(&["parse", "scope"], &big);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "signpost: standard input is longer than 1 MiB\n");
    assert_eq!(run_stdin(&["parse", "challenge", "-", "-"], b"Basic").status.code(), Some(2));
}

#[test]
fn a_pasted_field_name_is_dropped() {
    let out = run(&["explain", "--json", "www-authenticate:  Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", scope=\"files:read\""]);
    assert_eq!(ok(&out), MCP_401_JSON);
    let out = run(&["parse", "link", "--json", "Link: </a>; rel=next"]);
    assert_eq!(ok(&out), "{\"links\":[{\"target\":\"/a\",\"params\":[[\"rel\",\"next\"]]}]}\n");
    let out = run(&["parse", "credentials", "Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l"]);
    assert_eq!(ok(&out), "credentials: Basic (at byte 0) token68 YWxhZGRpbjpvcGVuc2VzYW1l\n");
    // Another field's name is the problem, and the hint says so.
    let out = run(&["parse", "challenge", "Authorization: Bearer abc"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "signpost: expected SP or ',' after auth-scheme (at byte 13)\n  Authorization: Bearer abc\n               ^\n\
         hint: the value starts with the field name 'Authorization:', but signpost parse challenge reads WWW-Authenticate values; signpost parse credentials reads it\n"
    );
}

#[test]
fn errors_show_the_input_with_a_caret() {
    let out = run(&["parse", "challenge", r#"Bearer realm="x" error="y""#]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "signpost: expected ',' or end of field after auth-param (at byte 17)\n  Bearer realm=\"x\" error=\"y\"\n                   ^\n\
         hint: the lenient parse accepts it: try --allow missing-comma (or --lenient)\n"
    );
    // The JSON is unchanged.
    let out = run(&["parse", "challenge", "--json", r#"Bearer realm="x" error="y""#]);
    assert_eq!(stdout(&out), "{\"error\":{\"message\":\"expected ',' or end of field after auth-param\",\"offset\":17}}\n");
    // A long input is windowed around the offset; controls are escaped.
    let long = format!("Bearer realm=\"{}\", scope=\"a\r\nb\"", "x".repeat(100));
    let out = run(&["parse", "challenge", &long]);
    assert_eq!(
        stderr(&out),
        "signpost: invalid character in quoted-string (at byte 125)\n  \
         ...xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", scope=\"a\\r\\nb\"\n                                             ^\n"
    );
    // Several lines: the offset is into the lines joined by ", " (RFC 9110 §5.3).
    let out = run(&["parse", "link", "</a>; rel=next", "https://b"]);
    assert_eq!(
        stderr(&out),
        "signpost: expected '<' to open link-value (at byte 16)\n  </a>; rel=next, https://b\n                  ^\nhint: the lenient parse accepts it: try --allow bare-target (or --lenient)\n"
    );
}

#[test]
fn leniency_switches_by_name() {
    // The two deviations of the 2010 OAuth drafts' example (OAuth WG, April 2010).
    let value = "Token realm='Example', scope='x2' error=\"e\"";
    let out =
        run(&["parse", "challenge", "--json", "--allow", "single-quotes,missing-comma", value]);
    assert_eq!(
        ok(&out),
        "{\"challenges\":[{\"scheme\":\"Token\",\"token68\":null,\"params\":[[\"realm\",\"Example\"],[\"scope\",\"x2\"],[\"error\",\"e\"]],\"forgiven\":[\"single-quotes\",\"missing-comma\"]}],\"errors\":[],\"forgiven\":[]}\n"
    );
    // One switch short: the strict error, and a hint naming the switches the value needs.
    let out = run(&["parse", "challenge", "--allow", "single-quotes", value]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).ends_with(
            "hint: the lenient parse accepts it: try --allow missing-comma (or --lenient)\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&["parse", "challenge", "--allow", "single-quote", value]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tip: a similar value exists: 'single-quotes'"));
    // Link and scope switches.
    let out = run(&["parse", "link", "--json", "--allow", "bare-target", "https://example.com/a"]);
    assert_eq!(ok(&out), "{\"links\":[{\"target\":\"https://example.com/a\",\"params\":[]}]}\n");
    let out = run(&["parse", "scope", "--json", "--allow", "commas", "repo,user"]);
    assert_eq!(
        ok(&out),
        "{\"tokens\":[\"repo\",\"user\"],\"normalised\":[{\"kind\":\"commas\",\"offset\":4}]}\n"
    );
    assert_eq!(run(&["parse", "scope", "--allow", "commas", "repo+user"]).status.code(), Some(0));
    assert_eq!(run(&["parse", "scope", "--allow", "commas", "repo  user"]).status.code(), Some(1));
}

#[test]
fn credentials_are_labelled_credentials() {
    let out = run(&["parse", "credentials", "Bearer abc"]);
    assert_eq!(ok(&out), "credentials: Bearer (at byte 0) token68 abc\n");
}

#[test]
fn pretty_json() {
    let one = ok(&run(&["parse", "challenge", "--json", "Bearer realm=\"x\"", "Basic"]));
    assert_eq!(one, "{\"challenges\":[{\"scheme\":\"Bearer\",\"token68\":null,\"params\":[[\"realm\",\"x\"]]},{\"scheme\":\"Basic\",\"token68\":null,\"params\":[]}]}\n");
    let value: serde_json::Value = serde_json::from_str(&one).unwrap();
    let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
    for args in [
        &["parse", "challenge", "--pretty", "Bearer realm=\"x\"", "Basic"][..],
        &["--pretty", "parse", "challenge", "--json", "Bearer realm=\"x\"", "Basic"],
    ] {
        assert_eq!(ok(&run(args)), expected, "{args:?}");
    }
    // Failures too.
    let out = run(&["errors", "--pretty", "bad\"code"]);
    assert_eq!(stdout(&out), "{\n  \"error\": {\n    \"message\": \"expected NQSCHAR in error\",\n    \"offset\": 3\n  }\n}\n");
}

#[test]
fn colour_only_on_a_terminal_or_when_asked() {
    let args = ["explain", "--status", "403", "--token", r#"Bearer error="insufficient_scope""#];
    // Piped (as here): no colour, whatever NO_COLOR says.
    let out = run(&args);
    assert!(!ok(&out).contains('\x1b'));
    // --color always: colour, even piped and with NO_COLOR.
    let mut always = vec!["--color", "always"];
    always.extend_from_slice(&args);
    let out = signpost().args(&always).env("NO_COLOR", "1").output().unwrap();
    assert!(ok(&out).contains("\x1b[1mNext step:\x1b[0m"), "{}", stdout(&out));
    let out = run(&["--color", "always", "parse", "scope", "--pretty", "a"]);
    assert_eq!(ok(&out), "{\n  \x1b[34m\"tokens\"\x1b[0m: [\n    \x1b[32m\"a\"\x1b[0m\n  ]\n}\n");
    let out = run(&["--color", "never", "parse", "scope", "--pretty", "a"]);
    assert_eq!(ok(&out), "{\n  \"tokens\": [\n    \"a\"\n  ]\n}\n");
    // The caret of an error is painted on standard error.
    let out = run(&["--color", "always", "parse", "scope", "a  b"]);
    assert!(stderr(&out).contains("\x1b[1;31m^\x1b[0m"));
    // The one-line JSON is never painted.
    let out = run(&["--color", "always", "parse", "scope", "--json", "a"]);
    assert_eq!(ok(&out), "{\"tokens\":[\"a\"]}\n");
}

#[test]
fn explain_with_the_request_url() {
    // No resource_metadata: the RFC 9728 §3.1 URLs of the request URL, in the MCP order.
    let out = run(&[
        "explain",
        "--json",
        "--url",
        "https://mcp.example.com/public/mcp",
        "Bearer realm=\"mcp\"",
    ]);
    assert_eq!(
        ok(&out),
        "{\"challenges\":[{\"scheme\":\"Bearer\",\"token68\":null,\"params\":[[\"realm\",\"mcp\"]]}],\"next_step\":{\"action\":\"authorize\",\"scope\":[],\"resource\":\"https://mcp.example.com/public/mcp\",\"metadata_urls\":[\"https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp\",\"https://mcp.example.com/.well-known/oauth-protected-resource\"]}}\n"
    );
    let out = ok(&run(&[
        "explain",
        "--url",
        "https://mcp.example.com/public/mcp",
        "Bearer realm=\"mcp\"",
    ]));
    assert!(out.contains("fetch https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp,\n  then https://mcp.example.com/.well-known/oauth-protected-resource (RFC 9728 §3.1"), "{out}");
    assert!(!out.contains("signpost well-known resource URL"));
    // With resource_metadata: the resource the document must name.
    let out = run_stdin(&["explain", "--json", "--url", "https://mcp.example.com/mcp"], CURL_SI_L);
    assert!(ok(&out)
        .ends_with(",\"scope\":[\"files:read\"],\"resource\":\"https://mcp.example.com/mcp\"}}\n"));
    let out = ok(&run(&[
        "explain",
        "--url",
        "https://mcp.example.com/mcp",
        "Bearer resource_metadata=\"https://mcp.example.com/prm\"",
    ]));
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("must be identical to https://mcp.example.com/mcp, the URL requested"),
        "{out}"
    );
    // A bad URL: exit 1 with the offset into it.
    let out = run(&["explain", "--json", "--url", "https://mcp.example.com/#x", "Bearer"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "{\"error\":{\"message\":\"--url: fragment not allowed in resource identifier (RFC 9728 §1.2)\",\"offset\":24}}\n");
}

/// The example of the Docker Registry token authentication specification
/// (distribution/distribution, docs/spec/auth/token.md, "How to authenticate").
const DOCKER: &str = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#;

#[test]
fn docker_token_service() {
    let out = run(&["explain", "--json", DOCKER]);
    assert!(ok(&out).ends_with(r#","docker_token_service":{"realm":"https://auth.docker.io/token","service":"registry.docker.io","scope":"repository:samalba/my-app:pull,push"}}
"#), "{}", stdout(&out));
    let text = ok(&run(&["explain", DOCKER]));
    assert!(text.contains("   Docker token service: this is the Docker Registry token authentication flow, not RFC 6750\n   / RFC 9728 discovery."), "{text}");
    assert!(text.contains("Next step: authorize\n  Get a token from the Docker token service at https://auth.docker.io/token"), "{text}");
    // Not Docker's form: a realm that is not an https URL, or neither service nor scope.
    for other in
        [r#"Bearer realm="example", scope="a""#, r#"Bearer realm="https://auth.example/token""#]
    {
        let out = ok(&run(&["explain", "--json", other]));
        assert!(!out.contains("docker_token_service"), "{other}");
        assert!(!ok(&run(&["explain", other])).contains("Docker"));
    }
}

#[test]
fn completions_name_the_subcommands() {
    let script = ok(&run(&["completions", "bash"]));
    assert!(script.contains("_signpost()"), "{script}");
    for name in [
        "explain",
        "parse",
        "challenge",
        "credentials",
        "well-known",
        "errors",
        "build",
        "completions",
    ] {
        assert!(script.contains(name), "{name}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(ok(&run(&["completions", shell])).contains("explain"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}
