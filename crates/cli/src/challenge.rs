//! `signpost parse challenge` and `signpost parse credentials`.

use std::ffi::OsString;

use serde_json::{json, Value as Json};
use signpost_challenge::{parse_credentials, Challenge, Challenges, Leniency};

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
    for (i, item) in Challenges::from_lines(&lines).with_leniency(allow).enumerate() {
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
    if args.flag("--json") {
        let mut doc = json!({ "challenges": challenges });
        if lenient {
            doc["errors"] = Json::Array(errors);
        }
        print_json(&doc);
    }
    Ok(())
}

/// `signpost parse credentials [--json] VALUE`
pub fn parse_credentials_cmd(raw: Vec<OsString>) -> Result<(), Failure> {
    let args = Args::parse(raw, &CREDENTIALS_SPEC)?;
    let [value] = args.values.as_slice() else {
        return Err(Failure::usage("parse credentials takes exactly one field value"));
    };
    let c = parse_credentials(value)?;
    if args.flag("--json") {
        print_json(&json!({ "credentials": challenge_json(&c) }));
    } else {
        print_listing(1, &c);
    }
    Ok(())
}
