//! `signpost parse link`: the links of `Link` field lines (RFC 8288).

use std::ffi::OsString;

use serde_json::{json, Value as Json};
use signpost_link::{Leniency, Link, Links, RelStatus};

use crate::args::{Args, Spec};
use crate::out::{print_json, shown, shown_bytes, text, Failure};

const SPEC: Spec = Spec { flags: &["--json", "--lenient"], options: &[] };

/// `signpost parse link [--lenient] [--json] VALUE...`: each VALUE is one field line; the
/// lines are read as one field (RFC 9110 §5.3).
pub fn parse_links(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &SPEC)?;
    if args.values.is_empty() {
        return Err(Failure::usage("parse link needs at least one VALUE (a Link field line)"));
    }
    let lines: Vec<&[u8]> = args.values.iter().map(Vec::as_slice).collect();
    let options = if args.flag("--lenient") { Leniency::ALL } else { Leniency::NONE };
    let mut links = Links::from_lines(&lines).with_leniency(options);
    let mut parsed = Vec::new();
    for link in links.by_ref() {
        parsed.push(link?);
    }
    if let Some(first) = links.first_skipped() {
        eprintln!(
            "signpost: skipped {} malformed link-value(s); the first: {}",
            links.skipped(),
            shown(&first.to_string())
        );
    }
    if args.flag("--json") {
        print_json(&json!({ "links": parsed.iter().map(link_json).collect::<Vec<_>>() }));
    } else {
        print_text(&parsed);
    }
    Ok(())
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
