//! `signpost well-known resource|issuer URL`: the metadata URLs a client should fetch, in
//! the order it should try them.

use std::ffi::OsString;

use serde_json::json;
use signpost_oauth::{Guard, Issuer, ResourceId, UrlForm};

use crate::args::{Args, Spec};
use crate::out::{print_json, shown, Failure};

const SPEC: Spec = Spec { flags: &["--json"], options: &["--resource-metadata"] };

/// One candidate: its text, how it was formed, and the member the document must carry.
struct Candidate {
    url: String,
    form: UrlForm,
    member: &'static str,
    expected: String,
}

fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes)
        .map_err(|e| Failure::input(format!("{what} is not UTF-8 text"), Some(e.valid_up_to())))
}

pub fn run(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &SPEC)?;
    let [kind, url] = args.values.as_slice() else {
        return Err(Failure::usage("usage: signpost well-known resource|issuer URL [--json]"));
    };
    let url = utf8(url, "URL")?;
    let challenge = match args.option("--resource-metadata") {
        Some(v) => Some(utf8(v, "--resource-metadata")?),
        None => None,
    };
    let candidates: Vec<Candidate> = match kind.as_slice() {
        b"resource" => {
            let resource = ResourceId::parse(url)?;
            resource
                .probe(challenge)
                .map(|u| Candidate {
                    url: u.to_string(),
                    form: u.form(),
                    member: u.rule().member(),
                    expected: u.expected_resource().to_owned(),
                })
                .collect()
        }
        b"issuer" => {
            if challenge.is_some() {
                return Err(Failure::usage("--resource-metadata goes with 'well-known resource'"));
            }
            let issuer = Issuer::parse(url)?;
            issuer
                .probe()
                .map(|u| Candidate {
                    url: u.to_string(),
                    form: u.form(),
                    member: u.rule().member(),
                    expected: u.expected_issuer().to_owned(),
                })
                .collect()
        }
        other => {
            return Err(Failure::usage(format!(
                "well-known what? resource or issuer, not '{}'",
                String::from_utf8_lossy(other)
            )))
        }
    };

    if args.flag("--json") {
        let urls: Vec<&str> = candidates.iter().map(|c| c.url.as_str()).collect();
        print_json(&json!({ "urls": urls }));
        return Ok(());
    }
    let mut text = String::new();
    for (i, c) in candidates.iter().enumerate() {
        text.push_str(&format!("{}. {}\n   {}\n", i + 1, shown(&c.url), describe(c.form)));
        if let Err(refusal) = Guard::new().check(&c.url) {
            text.push_str(&format!(
                "   guard: refused ({refusal}); do not fetch it on a server's say-so\n"
            ));
        }
    }
    if let Some(c) = candidates.first() {
        text.push_str(&format!(
            "The document's \"{}\" must be identical to \"{}\".\n",
            shown(c.member),
            shown(&c.expected)
        ));
    }
    print!("{text}");
    Ok(())
}

fn describe(form: UrlForm) -> &'static str {
    match form {
        UrlForm::Challenge => "from the challenge's resource_metadata (RFC 9728 §5.1)",
        UrlForm::Inserted => {
            "well-known suffix inserted after the host (RFC 9728 §3.1 / RFC 8414 §3.1)"
        }
        UrlForm::Root => "root of the host, path dropped (MCP fallback)",
        UrlForm::Appended => {
            "well-known suffix appended to the issuer (OpenID Connect Discovery §4)"
        }
        _ => "",
    }
}
