//! Property tests: writer round trips, parse-serialize-parse stability, and agreement with
//! a naive reference parser written independently of the crate (a lexer plus a small state
//! machine over lexemes, following the RFC 9110 §11 ABNF).

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use proptest::prelude::*;
use signpost_challenge::{Challenge, ChallengeWriter, Challenges, MAX_PARAMS};

#[derive(Clone, Debug, PartialEq)]
enum Body {
    Params(Vec<(String, Vec<u8>)>),
    Token68(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Model {
    scheme: String,
    body: Body,
}

fn model_of(c: &Challenge<'_>) -> Model {
    let body = match c.token68() {
        Some(t) => Body::Token68(t.to_owned()),
        None => Body::Params(
            c.params().map(|p| (p.name().to_owned(), p.value().bytes().collect())).collect(),
        ),
    };
    Model { scheme: c.scheme().to_owned(), body }
}

fn parse_all(input: &[u8]) -> Result<Vec<Model>, usize> {
    Challenges::new(input).map(|c| c.map(|c| model_of(&c)).map_err(|e| e.offset())).collect()
}

mod reference {
    //! The reference: lex, then parse the lexemes.

    use super::{Body, Model};

    #[derive(Clone, Debug, PartialEq)]
    enum Lex {
        /// A run of tchar and '/': a token if it has no '/'.
        Word(String),
        Quoted(Vec<u8>),
        Eq,
        Comma,
        /// A run of SP/HTAB: whether it is SP only, and whether it starts with SP.
        Ws(bool, bool),
    }

    fn tchar(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
    }

    fn lex(input: &[u8]) -> Option<Vec<Lex>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            if tchar(b) || b == b'/' {
                let s = i;
                while i < input.len() && (tchar(input[i]) || input[i] == b'/') {
                    i += 1;
                }
                out.push(Lex::Word(String::from_utf8(input[s..i].to_vec()).ok()?));
            } else if b == b' ' || b == b'\t' {
                let mut sp = true;
                let first = input[i] == b' ';
                while i < input.len() && (input[i] == b' ' || input[i] == b'\t') {
                    sp &= input[i] == b' ';
                    i += 1;
                }
                out.push(Lex::Ws(sp, first));
            } else if b == b'=' {
                out.push(Lex::Eq);
                i += 1;
            } else if b == b',' {
                out.push(Lex::Comma);
                i += 1;
            } else if b == b'"' {
                i += 1;
                let mut v = Vec::new();
                loop {
                    let c = *input.get(i)?;
                    if c == b'"' {
                        i += 1;
                        break;
                    }
                    if c == b'\\' {
                        let e = *input.get(i + 1)?;
                        if !(e == b'\t' || e == b' ' || (0x21..=0x7e).contains(&e) || e >= 0x80) {
                            return None;
                        }
                        v.push(e);
                        i += 2;
                        continue;
                    }
                    if !(c == b'\t'
                        || c == b' '
                        || c == 0x21
                        || (0x23..=0x7e).contains(&c)
                        || c >= 0x80)
                    {
                        return None;
                    }
                    v.push(c);
                    i += 1;
                }
                out.push(Lex::Quoted(v));
            } else {
                return None;
            }
        }
        Some(out)
    }

    fn is_token(w: &str) -> bool {
        !w.contains('/')
    }

    fn is_token68_word(w: &str) -> bool {
        w.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
    }

    struct P {
        t: Vec<Lex>,
        i: usize,
    }

    impl P {
        fn peek(&self, k: usize) -> Option<&Lex> {
            self.t.get(self.i + k)
        }
        fn skip_ws(&mut self) {
            while matches!(self.peek(0), Some(Lex::Ws(..))) {
                self.i += 1;
            }
        }
        fn skip_seps(&mut self) {
            while matches!(self.peek(0), Some(Lex::Ws(..) | Lex::Comma)) {
                self.i += 1;
            }
        }
        /// `token BWS "="` at the cursor?
        fn param_start(&self) -> bool {
            match self.peek(0) {
                Some(Lex::Word(w)) if is_token(w) => match self.peek(1) {
                    Some(Lex::Eq) => true,
                    Some(Lex::Ws(..)) => matches!(self.peek(2), Some(Lex::Eq)),
                    _ => false,
                },
                _ => false,
            }
        }
        /// At the end of the input or at a comma, after OWS?
        fn at_element_end(&self, k: usize) -> bool {
            let mut k = k;
            if matches!(self.peek(k), Some(Lex::Ws(..))) {
                k += 1;
            }
            matches!(self.peek(k), None | Some(Lex::Comma))
        }
    }

    pub(super) fn parse(input: &[u8]) -> Option<Vec<Model>> {
        let mut p = P { t: lex(input)?, i: 0 };
        let mut out = Vec::new();
        loop {
            p.skip_seps();
            let Some(Lex::Word(scheme)) = p.peek(0).cloned() else {
                // `1#challenge` (RFC 9110 §11.6.1): a field with no challenge is invalid.
                return if p.peek(0).is_none() && !out.is_empty() { Some(out) } else { None };
            };
            if !is_token(&scheme) {
                return None;
            }
            p.i += 1;
            let spaced = match p.peek(0) {
                Some(Lex::Ws(true, _)) => {
                    p.i += 1;
                    true
                }
                // OWS with a tab is fine only before a comma or the end.
                Some(Lex::Ws(false, first_sp)) if p.at_element_end(0) => {
                    let first_sp = *first_sp;
                    p.i += 1;
                    first_sp
                }
                None | Some(Lex::Comma) => false,
                _ => return None,
            };
            // token68: a word of token68 chars, then '='s, then the element's end
            if spaced {
                if let Some(Lex::Word(w)) = p.peek(0).cloned() {
                    if is_token68_word(&w) {
                        let mut k = 1;
                        while matches!(p.peek(k), Some(Lex::Eq)) {
                            k += 1;
                        }
                        if p.at_element_end(k) {
                            p.i += k;
                            let t = format!("{w}{}", "=".repeat(k - 1));
                            out.push(Model { scheme, body: Body::Token68(t) });
                            continue;
                        }
                    }
                }
            }
            let mut params: Vec<(String, Vec<u8>)> = Vec::new();
            if spaced && !p.at_element_end(0) && !p.param_start() {
                return None;
            }
            let save = p.i;
            p.skip_seps();
            let has_params = p.param_start() && (spaced || p.i == save);
            if !has_params {
                p.i = save;
            }
            while has_params && params.len() <= super::MAX_PARAMS {
                let Some(Lex::Word(name)) = p.peek(0).cloned() else { return None };
                p.i += 1;
                p.skip_ws();
                if p.peek(0) != Some(&Lex::Eq) {
                    return None;
                }
                p.i += 1;
                p.skip_ws();
                let value = match p.peek(0).cloned() {
                    Some(Lex::Word(w)) if is_token(&w) => w.into_bytes(),
                    Some(Lex::Quoted(v)) => v,
                    _ => return None,
                };
                p.i += 1;
                if params.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name))
                    || params.len() == super::MAX_PARAMS
                {
                    return None;
                }
                params.push((name, value));
                p.skip_ws();
                match p.peek(0) {
                    None => break,
                    Some(Lex::Comma) => {}
                    _ => return None,
                }
                let save = p.i;
                p.skip_seps();
                if !p.param_start() {
                    p.i = save;
                    break;
                }
            }
            out.push(Model { scheme, body: Body::Params(params) });
        }
    }
}

/// Inputs built from the grammar's pieces, so that most of them are nearly valid.
fn fragments() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static str> = vec![
        "Bearer",
        "Basic",
        "DPoP",
        "realm",
        "error",
        "a",
        "x1",
        "=",
        "==",
        ",",
        ", ",
        " ",
        "  ",
        "\t",
        "\"x\"",
        "\"a, b\"",
        "\"\\\"q\\\\\"",
        "\"\"",
        "abc/+",
        "tok~68",
        "\"",
        "'v'",
        "\u{e9}",
    ];
    proptest::collection::vec(proptest::sample::select(pieces), 0..14)
        .prop_map(|v| v.concat().into_bytes())
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,8}"
}

fn model() -> impl Strategy<Value = Vec<Model>> {
    let body = prop_oneof![
        proptest::collection::vec((token(), "[ -~\t\u{a0}-\u{ff}]{0,12}"), 0..5).prop_map(|ps| {
            let mut seen: Vec<String> = Vec::new();
            Body::Params(
                ps.into_iter()
                    .filter(|(n, _)| {
                        let fresh = !seen.iter().any(|s| s.eq_ignore_ascii_case(n));
                        seen.push(n.clone());
                        fresh
                    })
                    .map(|(n, v)| (n, v.into_bytes()))
                    .collect(),
            )
        }),
        "[A-Za-z0-9._~+/-]{1,12}={0,2}".prop_map(Body::Token68),
    ];
    proptest::collection::vec(
        (token(), body).prop_map(|(scheme, body)| Model { scheme, body }),
        1..4,
    )
}

fn write(models: &[Model]) -> String {
    let mut out = String::new();
    let mut w = ChallengeWriter::new(&mut out);
    for m in models {
        w.challenge(&m.scheme).unwrap();
        match &m.body {
            Body::Token68(t) => {
                w.token68(t).unwrap();
            }
            Body::Params(ps) => {
                for (n, v) in ps {
                    w.param(n, std::str::from_utf8(v).unwrap()).unwrap();
                }
            }
        }
    }
    out
}

/// The properties are ignored under Miri (proptest's runner alone costs minutes a test
/// there); run with `--ignored`, they take `PROPTEST_CASES` cases and write no regression
/// file (Miri isolates the file system).
fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: 2000, ..ProptestConfig::default() }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn model_serialize_parse_is_identity(models in model()) {
        let text = write(&models);
        prop_assert_eq!(parse_all(text.as_bytes()), Ok(models), "{}", text);
    }

    /// RFC 9112 §5.2: a value with obs-folds parses as its unfolded form. Every `", "` of the
    /// written text becomes `",\r\n "`; the expected model is the one written, with the
    /// CR LF of each fold that fell inside a quoted value read as two SPs.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn folded_parses_as_unfolded(models in model()) {
        let text = write(&models).replace(", ", ",\r\n ");
        let expected: Vec<Model> = models
            .into_iter()
            .map(|m| match m.body {
                Body::Params(ps) => Model {
                    body: Body::Params(
                        ps.into_iter()
                            .map(|(n, v)| {
                                let v = String::from_utf8(v).unwrap().replace(", ", ",   ");
                                (n, v.into_bytes())
                            })
                            .collect(),
                    ),
                    ..m
                },
                Body::Token68(_) => m,
            })
            .collect();
        prop_assert_eq!(parse_all(text.as_bytes()), Ok(expected), "{:?}", text);
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn parse_serialize_parse_is_stable(input in fragments()) {
        if let Ok(first) = parse_all(&input) {
            let mut out = String::new();
            let mut w = ChallengeWriter::new(&mut out);
            for c in Challenges::new(&input) {
                w.parsed(&c.unwrap()).unwrap();
            }
            let second = parse_all(out.as_bytes());
            // obs-text is written as U+FFFD by the `fmt::Write` serializer; compare only when
            // the input is ASCII.
            if input.is_ascii() {
                prop_assert_eq!(second, Ok(first), "{}", out);
            } else {
                prop_assert!(second.is_ok());
            }
        }
    }

    /// `param` and `param_values` find what a naive lookup over `params()` finds (the first
    /// param of the name, ignoring ASCII case), on the value as one field line and as the
    /// same challenges in field lines of their own, strict and lenient.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn lookups_agree_with_a_walk_over_the_params(input in fragments()) {
        const NAMES: [&str; 6] = ["realm", "REALM", "a", "scope", "x", "resource_metadata"];
        let lines: Vec<&[u8]> = input.split(|&b| b == b',').collect();
        for leniency in [signpost_challenge::Leniency::NONE, signpost_challenge::Leniency::ALL] {
            for challenges in [
                Challenges::new(&input).with_leniency(leniency),
                Challenges::from_lines(&lines).with_leniency(leniency),
            ] {
                for c in challenges.flatten() {
                    let naive = NAMES.map(|name| {
                        c.params().find(|p| p.name().eq_ignore_ascii_case(name)).map(|p| p.value())
                    });
                    let bytes = |v: Option<signpost_syntax::Value<'_>>| {
                        v.map(|v| v.bytes().collect::<Vec<u8>>())
                    };
                    let values = c.param_values(NAMES);
                    for (i, name) in NAMES.iter().enumerate() {
                        prop_assert_eq!(bytes(c.param(name)), bytes(naive[i]), "{}", name);
                        prop_assert_eq!(bytes(values[i]), bytes(naive[i]), "{}", name);
                    }
                }
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_reference_parser(input in fragments()) {
        let ours = parse_all(&input).ok();
        prop_assert_eq!(ours, reference::parse(&input), "{:?}", String::from_utf8_lossy(&input));
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn agrees_with_the_reference_on_arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..32)) {
        prop_assert_eq!(parse_all(&input).ok(), reference::parse(&input));
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn never_panics_and_errors_point_inside(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        for leniency in [signpost_challenge::Leniency::NONE, signpost_challenge::Leniency::ALL] {
            for c in Challenges::new(&input).with_leniency(leniency) {
                match c {
                    Ok(c) => {
                        prop_assert!(c.offset() < input.len());
                        for p in c.params() {
                            prop_assert!(p.offset() < input.len());
                            let _ = p.value().unescaped_len();
                        }
                    }
                    Err(e) => prop_assert!(e.offset() <= input.len()),
                }
            }
        }
    }
}
