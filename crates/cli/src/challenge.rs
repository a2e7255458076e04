//! `signpost parse challenge` and `signpost parse credentials`.

use std::ffi::OsString;

use serde_json::{json, Value as Json};
use signpost_challenge::{parse_credentials_lines, Challenge, Challenges, Leniency};

use crate::args::{Args, Spec};
use crate::out::{print_json, quoted, shown, text, Failure};

const CHALLENGE_SPEC: Spec = Spec { flags: &["--json", "--lenient"], options: &[] };
const CREDENTIALS_SPEC: Spec = Spec { flags: &["--json"], options: &[] };

/// One challenge as the JSON contract has it: scheme, token68 (or null), params as
/// `[name, value]` pairs in order, values unescaped.
pub fn challenge_json(c: &Challenge<'_>) -> Json {
    let params: Vec<Json> =
        c.params().map(|p| json!([p.name(), text(&p.value().to_unescaped())])).collect();
    json!({ "scheme": c.scheme(), "token68": c.token68(), "params": params })
}

fn print_listing(index: usize, c: &Challenge<'_>) {
    let scheme = shown(c.scheme());
    match c.token68() {
        Some(t) => {
            println!("challenge {index}: {scheme} (at byte {}) token68 {}", c.offset(), shown(t))
        }
        None => println!("challenge {index}: {scheme} (at byte {})", c.offset()),
    }
    for p in c.params() {
        println!("  {} = {}", shown(p.name()), quoted(&text(&p.value().to_unescaped())));
    }
    if !c.forgiven().is_empty() {
        let names: Vec<&str> = c.forgiven().names().collect();
        println!("  (forgiven: {})", names.join(", "));
    }
}

/// `signpost parse challenge [--lenient] [--json] VALUE...`
pub fn parse_challenges(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &CHALLENGE_SPEC)?;
    if args.values.is_empty() {
        return Err(Failure::usage("parse challenge needs at least one field value"));
    }
    let lenient = args.flag("--lenient");
    let lines: Vec<&[u8]> = args.values.iter().map(Vec::as_slice).collect();
    let allow = if lenient { Leniency::ALL } else { Leniency::NONE };

    let mut challenges = Vec::new();
    let mut errors = Vec::new();
    let mut items = Challenges::from_lines(&lines).with_leniency(allow);
    for (i, item) in items.by_ref().enumerate() {
        match item {
            Ok(c) => {
                if args.flag("--json") {
                    let mut j = challenge_json(&c);
                    if lenient {
                        j["forgiven"] = json!(c.forgiven().names().collect::<Vec<_>>());
                    }
                    challenges.push(j);
                } else {
                    print_listing(i + 1, &c);
                }
            }
            Err(e) if lenient => {
                if !args.flag("--json") {
                    println!("skipped: {}", shown(&e.to_string()));
                }
                errors.push(json!({ "message": e.message(), "offset": e.offset() }));
            }
            Err(e) => return Err(e.into()),
        }
    }
    // What was forgiven about the field as a whole (an empty field).
    let field_forgiven: Vec<&str> = items.forgiven().names().collect();
    if args.flag("--json") {
        let mut doc = json!({ "challenges": challenges });
        if lenient {
            doc["errors"] = Json::Array(errors);
            doc["forgiven"] = json!(field_forgiven);
        }
        print_json(&doc);
    } else if !field_forgiven.is_empty() {
        println!("no challenge (forgiven: {})", field_forgiven.join(", "));
    }
    Ok(())
}

/// `signpost parse credentials [--json] VALUE`
///
/// `Authorization` and `Proxy-Authorization` are singletons: two values are two field lines,
/// which is invalid input (exit 1), not a usage mistake.
pub fn parse_credentials_cmd(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &CREDENTIALS_SPEC)?;
    if args.values.is_empty() {
        return Err(Failure::usage("parse credentials needs a field value"));
    }
    let lines: Vec<&[u8]> = args.values.iter().map(Vec::as_slice).collect();
    let c = parse_credentials_lines(&lines)?;
    if args.flag("--json") {
        print_json(&json!({ "credentials": challenge_json(&c) }));
    } else {
        print_listing(1, &c);
    }
    Ok(())
}
