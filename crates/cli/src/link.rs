//! `signpost parse link`: the links of `Link` field lines (RFC 8288).

use std::ffi::OsString;

use serde_json::{json, Value as Json};
use signpost_link::{Leniency, Link, Links, RelStatus};

use crate::challenge::{joined, switches};
use crate::input::{self, Field};
use crate::out::{self, print_json, shown, shown_bytes, text, Failure};

/// `signpost parse link`
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Read what servers send in practice (RFC 8288 Appendix B) and skip a malformed
    /// link-value instead of failing.
    #[arg(long)]
    pub lenient: bool,
    /// Turn on the named leniency switches only (comma-separated; --lenient is all of them).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',', value_parser = switches(Leniency::ALL.names()))]
    pub allow: Vec<String>,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// Link field lines, one per VALUE ('-': standard input).
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,
}

/// `signpost parse link [--lenient] [--json] VALUE...`: each VALUE is one field line; the
/// lines are read as one field (RFC 9110 §5.3).
pub fn parse_links(args: LinkArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let input = input::gather(&args.values, Field::Link)?;
    if input.lines.is_empty() {
        if input.head {
            return Err(Failure::input("the response head has no Link field", None));
        }
        return Err(Failure::usage("parse link needs at least one VALUE (a Link field line)"));
    }
    let lines = input.slices();
    let mut options = if args.lenient { Leniency::ALL } else { Leniency::NONE };
    for name in &args.allow {
        options = options.union(Leniency::from_name(name).unwrap_or(Leniency::NONE));
    }
    let mut links = Links::from_lines(&lines).with_leniency(options);
    let mut parsed = Vec::new();
    for link in links.by_ref() {
        match link {
            Ok(link) => parsed.push(link),
            Err(e) => return Err(strict_failure(e, &lines, &input.lines, options)),
        }
    }
    if let Some(first) = links.first_skipped() {
        eprintln!(
            "signpost: skipped {} malformed link-value(s); the first: {}",
            links.skipped(),
            shown(&first.to_string())
        );
    }
    if json {
        print_json(&json!({ "links": parsed.iter().map(link_json).collect::<Vec<_>>() }));
    } else {
        print_text(&parsed);
    }
    Ok(())
}

/// A strict parse error, with the input for the caret and a `--lenient` hint when the
/// lenient parse reads the lines.
fn strict_failure(
    e: signpost_link::Error,
    lines: &[&[u8]],
    values: &[Vec<u8>],
    allowed: Leniency,
) -> Failure {
    let failure = Failure::from(e).with_input(&joined(lines));
    if let Some(hint) = input::other_field_hint(values, Field::Link, "signpost parse link") {
        return failure.with_hint(hint);
    }
    let mut lenient = Links::from_lines(lines).with_leniency(Leniency::ALL);
    let mut read = 0;
    for link in lenient.by_ref() {
        if link.is_err() {
            return failure;
        }
        read += 1;
    }
    let mut forgiven: Vec<&'static str> = Vec::new();
    for link in Links::from_lines(lines).with_leniency(Leniency::ALL).flatten() {
        for name in link.forgiven().difference(allowed).names() {
            if !forgiven.contains(&name) {
                forgiven.push(name);
            }
        }
    }
    match lenient.skipped() {
        0 if !forgiven.is_empty() => failure.with_hint(format!(
            "the lenient parse accepts it: try --allow {} (or --lenient)",
            forgiven.join(",")
        )),
        0 => failure.with_hint("the lenient parse accepts it: try --lenient"),
        n if read > 0 => failure.with_hint(format!(
            "try --lenient: it reads {read} link{} and skips {n} malformed link-value{}",
            if read == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        )),
        _ => failure,
    }
}

/// `{"target":"...","params":[["name","value"],["name",null]]}`: names as sent, values
/// after quoted-string processing.
fn link_json(link: &Link<'_>) -> Json {
    let params: Vec<Json> = link
        .params()
        .map(|p| {
            let value = p.value().map(|v| text(&v.bytes().collect::<Vec<u8>>()));
            json!([p.name(), value])
        })
        .collect();
    json!({ "target": text(link.target()), "params": params })
}

fn print_text(links: &[Link<'_>]) {
    if links.is_empty() {
        println!("no links");
    }
    for (i, link) in links.iter().enumerate() {
        println!("link {} <{}>", i + 1, shown_bytes(link.target()));
        for p in link.params() {
            let name = shown_bytes(p.name_bytes());
            match p.value() {
                Some(v) => {
                    println!("    {name} = {}", shown_bytes(&v.bytes().collect::<Vec<u8>>()))
                }
                None => println!("    {name}"),
            }
        }
        for rel in link.rels() {
            let about = match rel.info() {
                Some(info) if info.status() == RelStatus::Registered => {
                    format!("registered, {}", shown(info.reference()))
                }
                Some(info) => format!("unregistered draft relation, {}", shown(info.reference())),
                None if rel.is_extension() => "extension relation type".to_owned(),
                None => "unknown relation type".to_owned(),
            };
            println!("  relation {}: {about}", shown(&rel.to_string()));
        }
        if let Some(title) = link.title() {
            println!("  title: {}", shown(&title.to_string()));
        }
        if let Some(anchor) = link.anchor() {
            println!("  context (anchor): {}", shown(&anchor.to_string()));
        }
        let forgiven: Vec<&str> = link.forgiven().names().collect();
        if !forgiven.is_empty() {
            println!("  forgiven: {}", forgiven.join(", "));
        }
    }
}
