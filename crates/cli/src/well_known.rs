//! `signpost well-known resource|issuer URL`: the metadata URLs a client should fetch, in
//! the order it should try them.

use std::ffi::OsString;

use serde_json::json;
use signpost_oauth::{Guard, Issuer, ResourceId, UrlForm};

use crate::args::{utf8, utf8_opt};
use crate::out::{self, print_json, shown, Failure};

/// `signpost well-known`
#[derive(Debug, clap::Args)]
#[command(after_help = "With --json: {\"urls\":[...]} (docs/cli.md).")]
pub struct WellKnownArgs {
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// The resource_metadata parameter of a WWW-Authenticate challenge (with 'resource').
    #[arg(long, value_name = "URL")]
    pub resource_metadata: Option<OsString>,
    /// resource: URL is a protected resource; issuer: URL is an authorization server.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The resource identifier or the issuer identifier.
    #[arg(value_name = "URL")]
    pub url: OsString,
}

/// What `URL` identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A protected resource (RFC 9728).
    Resource,
    /// An authorization server (RFC 8414).
    Issuer,
}

/// One candidate: its text, how it was formed, and the member the document must carry.
struct Candidate {
    url: String,
    form: UrlForm,
    member: &'static str,
    expected: String,
}

pub fn run(args: WellKnownArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let url = utf8(&args.url, "URL")?;
    let url = url.as_str();
    let challenge = utf8_opt(args.resource_metadata.as_ref(), "--resource-metadata")?;
    let challenge = challenge.as_deref();
    let candidates: Vec<Candidate> = match args.kind {
        Kind::Resource => {
            let resource =
                ResourceId::parse(url).map_err(|e| Failure::from(e).with_input(url.as_bytes()))?;
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
        Kind::Issuer => {
            if challenge.is_some() {
                return Err(Failure::usage("--resource-metadata goes with 'well-known resource'"));
            }
            let issuer =
                Issuer::parse(url).map_err(|e| Failure::from(e).with_input(url.as_bytes()))?;
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
    };

    if json {
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
