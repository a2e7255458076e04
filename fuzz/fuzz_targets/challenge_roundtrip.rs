//! Structure-aware round trip: an arbitrary model of challenges (valid by construction) is
//! written with `ChallengeWriter` and parsed back; the result must be the model.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use signpost_challenge::{ChallengeWriter, Challenges};

const TCHAR: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN68: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~+/";

fn token(u: &mut Unstructured<'_>, alphabet: &[u8], max: usize) -> arbitrary::Result<String> {
    let len = u.int_in_range(1..=max)?;
    (0..len).map(|_| Ok(char::from(*u.choose(alphabet)?))).collect()
}

/// Any text without the bytes a field value may not carry.
fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let s: String = u.arbitrary()?;
    Ok(s.chars().filter(|&c| c == '\t' || (c >= ' ' && c != '\u{7f}')).take(40).collect())
}

#[derive(Debug, PartialEq)]
enum Body {
    Token68(String),
    Params(Vec<(String, String)>),
}

#[derive(Debug)]
struct Model(Vec<(String, Body)>);

impl<'a> Arbitrary<'a> for Model {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        // `1#challenge`: at least one (an empty value is an error).
        let n = u.int_in_range(1..=4)?;
        let mut out = Vec::new();
        for _ in 0..n {
            let scheme = token(u, TCHAR, 12)?;
            let body = if u.arbitrary()? {
                let mut t = token(u, TOKEN68, 40)?;
                t.push_str(&"=".repeat(u.int_in_range(0..=2)?));
                Body::Token68(t)
            } else {
                let k = u.int_in_range(0..=6)?;
                let mut params: Vec<(String, String)> = Vec::new();
                for _ in 0..k {
                    let name = token(u, TCHAR, 10)?;
                    if params.iter().all(|(n, _)| !n.eq_ignore_ascii_case(&name)) {
                        params.push((name, text(u)?));
                    }
                }
                Body::Params(params)
            };
            out.push((scheme, body));
        }
        Ok(Model(out))
    }
}

fuzz_target!(|model: Model| {
    let mut out = String::new();
    let mut w = ChallengeWriter::new(&mut out);
    for (scheme, body) in &model.0 {
        w.challenge(scheme).unwrap();
        match body {
            Body::Token68(t) => {
                w.token68(t).unwrap();
            }
            Body::Params(ps) => {
                for (n, v) in ps {
                    w.param(n, v).unwrap();
                }
            }
        }
    }
    let parsed: Vec<(String, Body)> = Challenges::new(out.as_bytes())
        .map(|c| {
            let c = c.unwrap_or_else(|e| panic!("{out:?}: {e}"));
            let body = match c.token68() {
                Some(t) => Body::Token68(t.to_owned()),
                None => Body::Params(
                    c.params().map(|p| (p.name().to_owned(), p.value().to_string())).collect(),
                ),
            };
            (c.scheme().to_owned(), body)
        })
        .collect();
    assert_eq!(parsed, model.0, "{out}");
});
