//! `signpost parse challenge` and `signpost parse credentials`.

use std::ffi::OsString;

use serde_json::{json, Value as Json};
use signpost_challenge::{parse_credentials_lines, Challenge, Challenges, Leniency};

use crate::input::{self, Field};
use crate::out::{self, print_json, quoted, shown, text, Failure};

/// `signpost parse challenge`
#[derive(Debug, clap::Args)]
#[command(
    after_help = "With --json: {\"challenges\":[{\"scheme\",\"token68\",\"params\"}...]} (docs/cli.md)."
)]
pub struct ChallengeArgs {
    /// Turn on every leniency switch (single quotes, missing commas, unquoted text, ...) and
    /// skip a malformed challenge instead of failing.
    #[arg(long)]
    pub lenient: bool,
    /// Turn on the named leniency switches only (comma-separated; --lenient is all of them).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',', value_parser = switches(Leniency::ALL.names()))]
    pub allow: Vec<String>,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// WWW-Authenticate field lines, one per VALUE ('-': standard input).
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,
}

/// `signpost parse credentials`
#[derive(Debug, clap::Args)]
pub struct CredentialsArgs {
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
    /// One Authorization field value ('-': standard input).
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,
}

/// The value parser of an `--allow` option: the names of a crate's leniency switches.
pub fn switches(names: impl Iterator<Item = &'static str>) -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(names.collect::<Vec<_>>())
}

/// One challenge as the JSON contract has it: scheme, token68 (or null), params as
/// `[name, value]` pairs in order, values unescaped.
pub fn challenge_json(c: &Challenge<'_>) -> Json {
    let params: Vec<Json> =
        c.params().map(|p| json!([p.name(), text(&p.value().to_unescaped())])).collect();
    json!({ "scheme": c.scheme(), "token68": c.token68(), "params": params })
}

fn print_listing(label: &str, c: &Challenge<'_>) {
    let scheme = shown(c.scheme());
    match c.token68() {
        Some(t) => println!("{label}: {scheme} (at byte {}) token68 {}", c.offset(), shown(t)),
        None => println!("{label}: {scheme} (at byte {})", c.offset()),
    }
    for p in c.params() {
        println!("  {} = {}", shown(p.name()), quoted(&text(&p.value().to_unescaped())));
    }
    if !c.forgiven().is_empty() {
        let names: Vec<&str> = c.forgiven().names().collect();
        println!("  (forgiven: {})", names.join(", "));
    }
}

/// The field lines joined as RFC 9110 §5.3 combines them: what error offsets point into.
pub fn joined(lines: &[&[u8]]) -> Vec<u8> {
    lines.join(&b", "[..])
}

/// A parse error of `lines` under the switches `allowed`, with the input for the caret and a
/// hint: the switches to add when the lenient parse reads the lines (or what it would skip),
/// or the field name when a VALUE is another field's line.
pub fn strict_failure(
    e: signpost_syntax::Error,
    lines: &[&[u8]],
    values: &[Vec<u8>],
    allowed: Leniency,
) -> Failure {
    let mut failure = Failure::from(e).with_input(&joined(lines));
    if let Some(hint) =
        input::other_field_hint(values, Field::Challenge, "signpost parse challenge")
    {
        return failure.with_hint(hint);
    }
    let mut read = 0;
    let mut skipped = 0;
    let mut forgiven: Vec<&'static str> = Vec::new();
    for item in Challenges::from_lines(lines).with_leniency(Leniency::ALL) {
        match item {
            Ok(c) => {
                read += 1;
                for name in c.forgiven().difference(allowed).names() {
                    if !forgiven.contains(&name) {
                        forgiven.push(name);
                    }
                }
            }
            Err(_) => skipped += 1,
        }
    }
    if skipped == 0 && read > 0 && !forgiven.is_empty() {
        failure = failure.with_hint(format!(
            "the lenient parse accepts it: try --allow {} (or --lenient)",
            forgiven.join(",")
        ));
    } else if skipped == 0 && read > 0 {
        failure = failure.with_hint("the lenient parse accepts it: try --lenient");
    } else if read > 0 {
        failure = failure.with_hint(format!(
            "try --lenient: it reads {read} challenge{} and skips {skipped} malformed one{}",
            if read == 1 { "" } else { "s" },
            if skipped == 1 { "" } else { "s" }
        ));
    }
    failure
}

/// `signpost parse challenge [--lenient] [--json] VALUE...`
pub fn parse_challenges(args: ChallengeArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let input = input::gather(&args.values, Field::Challenge)?;
    if input.lines.is_empty() {
        if input.head {
            return Err(Failure::input("the response head has no WWW-Authenticate field", None));
        }
        return Err(Failure::usage("parse challenge needs at least one field value"));
    }
    let mut allow = if args.lenient { Leniency::ALL } else { Leniency::NONE };
    for name in &args.allow {
        allow = allow.union(Leniency::from_name(name).unwrap_or(Leniency::NONE));
    }
    // The output of a lenient parse (what was forgiven, what was skipped) with any switch on.
    let lenient = !allow.is_empty();
    let lines = input.slices();

    let mut challenges = Vec::new();
    let mut errors = Vec::new();
    let mut items = Challenges::from_lines(&lines).with_leniency(allow);
    for (i, item) in items.by_ref().enumerate() {
        match item {
            Ok(c) => {
                if json {
                    let mut j = challenge_json(&c);
                    if lenient {
                        j["forgiven"] = json!(c.forgiven().names().collect::<Vec<_>>());
                    }
                    challenges.push(j);
                } else {
                    print_listing(&format!("challenge {}", i + 1), &c);
                }
            }
            Err(e) if allow.contains(Leniency::RECOVER) => {
                if !json {
                    println!("skipped: {}", shown(&e.to_string()));
                }
                errors.push(json!({ "message": e.message(), "offset": e.offset() }));
            }
            Err(e) => return Err(strict_failure(e, &lines, &input.lines, allow)),
        }
    }
    // What was forgiven about the field as a whole (an empty field).
    let field_forgiven: Vec<&str> = items.forgiven().names().collect();
    if json {
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
pub fn parse_credentials_cmd(args: CredentialsArgs) -> Result<(), Failure> {
    let json = out::json(args.json);
    let input = input::gather(&args.values, Field::Credentials)?;
    if input.lines.is_empty() {
        if input.head {
            return Err(Failure::input("the input has no Authorization field", None));
        }
        return Err(Failure::usage("parse credentials needs a field value"));
    }
    let lines: Vec<&[u8]> = input.lines.iter().map(Vec::as_slice).collect();
    let c = parse_credentials_lines(&lines).map_err(|e| {
        let failure = Failure::from(e);
        let failure = match input.lines.as_slice() {
            [value] => failure.with_input(value),
            _ => failure,
        };
        match input::other_field_hint(
            &input.lines,
            Field::Credentials,
            "signpost parse credentials",
        ) {
            Some(hint) => failure.with_hint(hint),
            None => failure,
        }
    })?;
    if json {
        print_json(&json!({ "credentials": challenge_json(&c) }));
    } else {
        print_listing("credentials", &c);
    }
    Ok(())
}
