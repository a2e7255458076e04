//! No value the parser hands out holds CR, LF or NUL, in any leniency mode (RFC 9110 §5.5:
//! a recipient rejects them or replaces them with SP; this parser rejects them): schemes,
//! token68s, param names, raw and unescaped values.
//!
//! The one exception is the raw slice of a quoted value that arrived with an obs-fold inside
//! (RFC 9112 §5.2; [`Value::has_folds`](signpost_challenge::Value::has_folds)): it is the
//! input as it came, CR LF included, while the value's content (`bytes`, `chunks`,
//! `Display`) holds SP in their place and `as_bytes` / `as_str` lend nothing out.

use proptest::prelude::*;
use signpost_challenge::{bearer_token, parse_credentials, Challenge, Challenges, Leniency};

const ALPHABET: &[u8] = b"Bearer realm=\"x\\' ,;\t\r\n\0aZ9=/+~";

const MODES: [Leniency; 14] = [
    Leniency::NONE,
    Leniency::SINGLE_QUOTES,
    Leniency::MISSING_COMMA,
    Leniency::UNQUOTED_TEXT,
    Leniency::DUPLICATE_PARAM,
    Leniency::PARAM_AFTER_BARE_SCHEME,
    Leniency::EMPTY_VALUE,
    Leniency::WHITESPACE,
    Leniency::RECOVER,
    Leniency::UNTERMINATED_QUOTE,
    Leniency::STRAY_QUOTE,
    Leniency::TOKEN68_PARAMS,
    Leniency::EMPTY_FIELD,
    Leniency::ALL,
];

fn clean(bytes: &[u8]) -> bool {
    !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

fn check(c: &Challenge<'_>) -> Result<(), TestCaseError> {
    prop_assert!(clean(c.scheme_bytes()));
    prop_assert!(clean(c.token68().unwrap_or("").as_bytes()));
    for p in c.params() {
        prop_assert!(clean(p.name().as_bytes()));
        let value = p.value();
        if value.has_folds() {
            // Each CR of the raw slice starts an obs-fold: CR LF and SP or HTAB.
            let raw = value.as_raw();
            for (i, &b) in raw.iter().enumerate() {
                match b {
                    b'\r' => {
                        prop_assert!(matches!(raw.get(i + 1..i + 3), Some([b'\n', b' ' | b'\t'])))
                    }
                    b'\n' => prop_assert_eq!(raw.get(i.wrapping_sub(1)), Some(&b'\r')),
                    0 => prop_assert!(false, "NUL in {:?}", value),
                    _ => {}
                }
            }
            prop_assert!(value.as_bytes().is_none() && value.as_str().is_none());
        } else {
            prop_assert!(clean(value.as_raw()));
        }
        prop_assert!(clean(&p.value().bytes().collect::<Vec<u8>>()), "{:?}", p.value());
    }
    Ok(())
}

/// A challenge-shaped line with CR, LF or NUL dropped in.
fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(ALPHABET), 0..48),
        ("(Bearer|DPoP|Basic)( [a-z]{1,3}=([a-z \\r\\n\\x00]{0,4}|\"[a-z \\r\\n\\x00\\\\]{0,4}\"|'[a-z\\r\\n]{0,3}'),?){0,4}")
            .prop_map(String::into_bytes),
        // obs-folds (CR LF SP), with a bare CR or LF now and then, inside and between values
        ("(Bearer|Basic)(\r\n )?( [a-z]{1,3}(\r\n )?=(\r\n\t)?(\"[a-z]{0,2}(\r\n |\r|\n|\r\n)[a-z\"]{0,3}\"?|[a-z]{1,3})(\r\n )?,?){0,3}")
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_value_holds_cr_lf_or_nul(lines in prop::collection::vec(line(), 1..3)) {
        let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        for mode in MODES {
            for c in Challenges::from_lines(&lines).with_leniency(mode).flatten() {
                check(&c)?;
            }
        }
        if let Ok(c) = parse_credentials(lines[0]) {
            check(&c)?;
        }
        if let Ok(token) = bearer_token(lines[0]) {
            prop_assert!(clean(token.as_bytes()));
        }
    }
}
