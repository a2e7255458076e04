//! The RFC 3986 character classes against the ABNF of RFC 3986 Appendix A, and the
//! percent-encoding codecs against naive models.

use std::collections::HashMap;

use proptest::prelude::*;
use signpost_syntax::{
    form_decode, form_encode, hex_pair, invalid_pct_encoded, percent_decode, percent_encode,
    utf8_percent_encode, write_form_encoded, write_percent_encoded, AsciiSet,
};

/// The character-level rules of RFC 3986 Appendix A (and the core rules of RFC 5234
/// Appendix B.1 they use), as the RFC writes them. `pct-encoded` is a three-byte sequence,
/// not a character: the evaluator below gives it no single byte, so each class is the set
/// of bytes a component holds outside `pct-encoded`.
const ABNF: &str = r##"
ALPHA         = %x41-5A / %x61-7A
DIGIT         = %x30-39
HEXDIG        = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"
pct-encoded   = "%" HEXDIG HEXDIG
unreserved    = ALPHA / DIGIT / "-" / "." / "_" / "~"
reserved      = gen-delims / sub-delims
gen-delims    = ":" / "/" / "?" / "#" / "[" / "]" / "@"
sub-delims    = "!" / "$" / "&" / "'" / "(" / ")"
              / "*" / "+" / "," / ";" / "="
scheme-char   = ALPHA / DIGIT / "+" / "-" / "."
userinfo      = *( unreserved / pct-encoded / sub-delims / ":" )
reg-name      = *( unreserved / pct-encoded / sub-delims )
pchar         = unreserved / pct-encoded / sub-delims / ":" / "@"
segment-nz-nc = 1*( unreserved / pct-encoded / sub-delims / "@" )
query         = *( pchar / "/" / "?" )
fragment      = *( pchar / "/" / "?" )
uri-char      = unreserved / reserved
"##;

/// Evaluates the single-byte alternatives of each rule, independently of the crate: quoted
/// strings (case-insensitive, RFC 5234 §2.3), `%xNN` and `%xNN-NN`, rule names, `/`,
/// repetition prefixes and parentheses. A concatenation (`"%" HEXDIG HEXDIG`) matches no
/// single byte.
fn abnf_classes() -> HashMap<String, [bool; 256]> {
    // Join continuation lines, then split rule = definition.
    let mut rules: Vec<(String, String)> = Vec::new();
    for line in ABNF.lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with(' ') {
            rules.last_mut().unwrap().1.push_str(line);
        } else {
            let (name, def) = line.split_once('=').unwrap();
            rules.push((name.trim().to_string(), def.to_string()));
        }
    }
    let mut classes: HashMap<String, [bool; 256]> = HashMap::new();
    // RFC 3986 uses some rules before it defines them (`reserved`): evaluate in passes until
    // every rule is defined.
    while classes.len() < rules.len() {
        let before = classes.len();
        'rule: for (name, def) in &rules {
            if classes.contains_key(name) {
                continue;
            }
            let mut set = [false; 256];
            // Grouping parentheses go (not those quoted as characters).
            let mut quoted = false;
            let def: String = def
                .chars()
                .map(|c| {
                    quoted ^= c == '"';
                    if !quoted && (c == '(' || c == ')') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            for alt in def.split(" / ") {
                let words: Vec<&str> = alt
                    .split_whitespace()
                    // Strip a repetition prefix (`*`, `1*`).
                    .map(|w| w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '*'))
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.len() != 1 {
                    continue; // a concatenation: not a single byte
                }
                let w = words[0];
                if let Some(q) = w.strip_prefix('"').and_then(|w| w.strip_suffix('"')) {
                    let c = q.as_bytes()[0];
                    set[usize::from(c.to_ascii_lowercase())] = true;
                    set[usize::from(c.to_ascii_uppercase())] = true;
                } else if let Some(hex) = w.strip_prefix("%x") {
                    let (lo, hi) = hex.split_once('-').unwrap_or((hex, hex));
                    let lo = usize::from_str_radix(lo, 16).unwrap();
                    let hi = usize::from_str_radix(hi, 16).unwrap();
                    set[lo..=hi].iter_mut().for_each(|b| *b = true);
                } else {
                    let Some(other) = classes.get(w) else { continue 'rule };
                    for (b, &inside) in other.iter().enumerate() {
                        set[b] |= inside;
                    }
                }
            }
            classes.insert(name.clone(), set);
        }
        assert!(classes.len() > before, "a rule refers to an undefined rule");
    }
    classes
}

#[test]
fn every_class_is_its_abnf_rule() {
    let classes = abnf_classes();
    let ours: &[(&str, AsciiSet)] = &[
        ("ALPHA", AsciiSet::ALPHA),
        ("DIGIT", AsciiSet::DIGIT),
        ("HEXDIG", AsciiSet::HEXDIG),
        ("unreserved", AsciiSet::UNRESERVED),
        ("gen-delims", AsciiSet::GEN_DELIMS),
        ("sub-delims", AsciiSet::SUB_DELIMS),
        ("reserved", AsciiSet::RESERVED),
        ("scheme-char", AsciiSet::SCHEME),
        ("userinfo", AsciiSet::USERINFO),
        ("reg-name", AsciiSet::REG_NAME),
        ("pchar", AsciiSet::PCHAR),
        ("segment-nz-nc", AsciiSet::SEGMENT_NZ_NC),
        ("query", AsciiSet::QUERY),
        ("fragment", AsciiSet::FRAGMENT),
        ("uri-char", AsciiSet::URI_REFERENCE),
    ];
    for (name, set) in ours {
        let abnf = classes[*name];
        for b in 0..=255u8 {
            assert_eq!(set.contains(b), abnf[usize::from(b)], "{name}: byte {b:#04x}");
        }
    }
    // The evaluator is not vacuous: the classes have the sizes RFC 3986 gives them.
    let count = |name: &str| classes[name].iter().filter(|&&b| b).count();
    assert_eq!((count("unreserved"), count("gen-delims"), count("sub-delims")), (66, 7, 11));
    assert_eq!((count("pchar"), count("query"), count("uri-char")), (79, 81, 84));
    assert_eq!(count("pct-encoded"), 0);
}

#[test]
fn set_operations() {
    let set = AsciiSet::EMPTY.add(b'a').add_all(b"xyz").add_range(b'0', b'2').remove(b'y');
    let members: Vec<u8> = (0..=255u8).filter(|&b| set.contains(b)).collect();
    assert_eq!(members, b"012axz");
    // Non-ASCII bytes are never members.
    assert_eq!(AsciiSet::EMPTY.add(0xe9), AsciiSet::EMPTY);
    assert!(!AsciiSet::URI_REFERENCE.contains(0xe9));
    assert_eq!(AsciiSet::GEN_DELIMS.union(AsciiSet::SUB_DELIMS), AsciiSet::RESERVED);
    // Subset laws of RFC 3986 §2-3.
    for b in 0..=255u8 {
        let pchar = AsciiSet::PCHAR.contains(b);
        assert!(!AsciiSet::UNRESERVED.contains(b) || pchar);
        assert!(!pchar || AsciiSet::QUERY.contains(b));
        assert!(!AsciiSet::QUERY.contains(b) || AsciiSet::URI_REFERENCE.contains(b));
        assert!(!(AsciiSet::UNRESERVED.contains(b) && AsciiSet::RESERVED.contains(b)));
    }
}

#[test]
fn hex_pairs_and_pct_checks() {
    for h in 0..=255u8 {
        for l in [b'0', b'9', b'a', b'F', b'g', b'%', 0xff] {
            let both = AsciiSet::HEXDIG.contains(h) && AsciiSet::HEXDIG.contains(l);
            let naive =
                core::str::from_utf8(&[h, l]).ok().and_then(|s| u8::from_str_radix(s, 16).ok());
            assert_eq!(hex_pair(h, l), if both { naive } else { None }, "{h:#x} {l:#x}");
        }
    }
    let cases: &[(&[u8], Option<usize>)] = &[
        (b"", None),
        (b"abc", None),
        (b"%41%42", None),
        (b"%", Some(0)),
        (b"a%4", Some(1)),
        (b"%41%4g", Some(3)),
        (b"%%41", Some(0)),
        (b"100%25", None),
        (b"%+1", Some(0)),
    ];
    for (input, bad) in cases {
        assert_eq!(invalid_pct_encoded(input), *bad, "{:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn encoders_and_decoders_on_examples() {
    assert_eq!(percent_encode(b"a b+c/d", &AsciiSet::UNRESERVED).to_string(), "a%20b%2Bc%2Fd");
    assert_eq!(percent_encode(b"a b+c/d", &AsciiSet::QUERY).to_string(), "a%20b+c/d");
    // RFC 6749 Appendix B's example: " %&+£€" as a form value.
    assert_eq!(form_encode(" %&+£€").to_string(), "+%25%26%2B%C2%A3%E2%82%AC");
    let decoded: Vec<u8> = form_decode(b"+%25%26%2B%C2%A3%E2%82%AC").collect();
    assert_eq!(decoded, " %&+£€".as_bytes());
    // Not a form: `+` stays a plus.
    assert_eq!(percent_decode(b"a+b%2b").collect::<Vec<u8>>(), b"a+b+");
    // A stray `%` is kept by the decoders (the strict readers refuse it first).
    assert_eq!(form_decode(b"%zz%4").collect::<Vec<u8>>(), b"%zz%4");
    let mut out = heapless::String::<16>::new();
    form_encode("a b").write_to(&mut out).unwrap();
    assert_eq!(out, "a+b");
}

/// Encodes as RFC 3986 §2.1 describes, one byte at a time.
fn naive_encode(input: &[u8], keep: &dyn Fn(u8) -> bool, form: bool) -> String {
    let mut out = String::new();
    for &b in input {
        if form && b == b' ' {
            out.push('+');
        } else if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes as the WHATWG URL Standard's percent-decode and form parser describe.
fn naive_decode(input: &[u8], form: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        let pair = input.get(i + 1..i + 3).and_then(|p| core::str::from_utf8(p).ok());
        let hex = pair
            .filter(|p| p.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|p| u8::from_str_radix(p, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
                continue;
            }
            (b'+', _) if form => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn encode_matches_the_naive_model(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        for set in [AsciiSet::UNRESERVED, AsciiSet::PCHAR, AsciiSet::QUERY, AsciiSet::EMPTY] {
            let keep = |b: u8| set.contains(b);
            prop_assert_eq!(percent_encode(&input, &set).to_string(), naive_encode(&input, &keep, false));
        }
        let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        let mut form = String::new();
        write_form_encoded(&mut form, input.iter().copied()).unwrap();
        prop_assert_eq!(form, naive_encode(&input, &unreserved, true));
        // Text goes through the same encoder, its runs sliced from the `&str`.
        let text = String::from_utf8_lossy(&input);
        prop_assert_eq!(form_encode(&text).to_string(), naive_encode(text.as_bytes(), &unreserved, true));
        prop_assert_eq!(
            utf8_percent_encode(&text, &AsciiSet::QUERY).to_string(),
            percent_encode(text.as_bytes(), &AsciiSet::QUERY).to_string()
        );
        // The byte-at-a-time writers say the same.
        let mut one = String::new();
        write_percent_encoded(&mut one, input.iter().copied(), &AsciiSet::PCHAR).unwrap();
        prop_assert_eq!(one, percent_encode(&input, &AsciiSet::PCHAR).to_string());

    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn decode_inverts_encode(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        let encoded = percent_encode(&input, &AsciiSet::UNRESERVED).to_string();
        prop_assert_eq!(invalid_pct_encoded(encoded.as_bytes()), None);
        prop_assert_eq!(percent_decode(encoded.as_bytes()).collect::<Vec<u8>>(), input.clone());
        let mut form = String::new();
        write_form_encoded(&mut form, input.iter().copied()).unwrap();
        prop_assert_eq!(invalid_pct_encoded(form.as_bytes()), None);
        prop_assert_eq!(form_decode(form.as_bytes()).collect::<Vec<u8>>(), input);
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn decode_matches_the_naive_model(input in "[%+a-fA-F0-9xz ]{0,24}") {
        let b = input.as_bytes();
        prop_assert_eq!(percent_decode(b).collect::<Vec<u8>>(), naive_decode(b, false));
        prop_assert_eq!(form_decode(b).collect::<Vec<u8>>(), naive_decode(b, true));
        // The strict check, scanned as the ABNF reads it: a triple is consumed whole.
        let mut i = 0;
        let mut naive_bad = None;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(i + 1) && hex(i + 2)) {
                    naive_bad = Some(i);
                    break;
                }
                i += 3;
            } else {
                i += 1;
            }
        }
        prop_assert_eq!(invalid_pct_encoded(b), naive_bad);
    }
}
