//! `WWW-Authenticate` parsing: no panic under any leniency; offsets inside the input; and
//! whatever parses, serialized and parsed again, gives the same challenges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::{ChallengeWriter, Challenges, Leniency};

type Model = Vec<(String, Option<String>, Vec<(String, Vec<u8>)>)>;

fn model(input: &[u8], allow: Leniency) -> Result<Model, usize> {
    Challenges::new(input)
        .with_leniency(allow)
        .map(|c| {
            c.map(|c| {
                let params = c
                    .params()
                    .map(|p| (p.name().to_owned(), p.value().bytes().collect()))
                    .collect();
                (c.scheme().to_owned(), c.token68().map(str::to_owned), params)
            })
            .map_err(|e| e.offset())
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let (&selector, input) = data.split_first().unwrap_or((&0, data));
    let allow = match selector % 6 {
        0 => Leniency::NONE,
        1 => Leniency::ALL,
        2 => Leniency::RECOVER | Leniency::DUPLICATE_PARAM,
        3 => Leniency::SINGLE_QUOTES | Leniency::MISSING_COMMA | Leniency::UNQUOTED_TEXT,
        // the browser recoveries, alone and with the switches they meet most
        4 => {
            Leniency::UNTERMINATED_QUOTE
                | Leniency::STRAY_QUOTE
                | Leniency::TOKEN68_PARAMS
                | Leniency::EMPTY_FIELD
        }
        _ => {
            Leniency::STRAY_QUOTE
                | Leniency::TOKEN68_PARAMS
                | Leniency::MISSING_COMMA
                | Leniency::EMPTY_VALUE
                | Leniency::RECOVER
        }
    };
    for c in Challenges::new(input).with_leniency(allow) {
        match c {
            Ok(c) => {
                assert!(c.offset() < input.len());
                for p in c.params() {
                    assert!(p.offset() < input.len());
                    assert_eq!(p.value().bytes().count(), p.value().unescaped_len());
                    // No content holds CR, LF or NUL, obs-folds included (RFC 9112 §5.2).
                    assert!(!p.value().bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)));
                    assert!(p.value().has_folds() || !p.value().as_raw().contains(&b'\r'));
                }
                // Only TOKEN68_PARAMS gives a challenge both.
                if c.token68().is_some() && c.param_count() > 0 {
                    assert!(c.forgiven().contains(Leniency::TOKEN68_PARAMS));
                }
            }
            Err(e) => assert!(e.offset() <= input.len()),
        }
    }
    // Strict parse -> serialize -> strict parse is stable (for ASCII input: the fmt::Write
    // serializer writes obs-text as U+FFFD).
    if input.is_ascii() {
        if let Ok(first) = model(input, Leniency::NONE) {
            let mut out = String::new();
            let mut w = ChallengeWriter::new(&mut out);
            for c in Challenges::new(input) {
                w.parsed(&c.unwrap()).unwrap();
            }
            assert_eq!(model(out.as_bytes(), Leniency::NONE), Ok(first), "{out}");
        }
    }
});
