//! Behaviour of the lexical layer: RFC 9110 §5.6 rules, exact error messages and offsets,
//! and a property test against an independent nom translation of the ABNF.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use proptest::prelude::*;
use signpost_syntax::{
    check_token, is_token, list, quoted_string, quoted_with, skip_list_separators, token68_end,
    token_end, write_quoted_string, write_token, write_token68, write_token_or_quoted, Error,
    Found, Value, WriteError,
};

#[track_caller]
fn unescaped(v: &Value<'_>) -> Vec<u8> {
    v.bytes().collect()
}

#[track_caller]
fn qs_err(input: &[u8]) -> (usize, String) {
    let e = quoted_string(input, 0).unwrap_err();
    (e.offset(), e.to_string())
}

#[test]
fn quoted_string_accepts_rfc_forms() {
    // (input, unescaped content, end offset, escapes)
    let cases: &[(&[u8], &[u8], usize, usize)] = &[
        (br#""""#, b"", 2, 0),
        (br#""simple""#, b"simple", 8, 0),
        (br#""Login to \"apps\"""#, br#"Login to "apps""#, 19, 2),
        // quoted-pair semantics are exact: "\n" is "n", not a line feed
        (br#""a\nb""#, b"anb", 6, 1),
        (br#""back\\slash""#, br"back\slash", 13, 1),
        (b"\"tab\there\"", b"tab\there", 10, 0),
        (b"\"esc\\\ttab\"", b"esc\ttab", 10, 1),
        // obs-text, raw and escaped, is not UTF-8 and is kept as bytes
        (b"\"caf\xe9\"", b"caf\xe9", 6, 0),
        (b"\"\\\xff\"", b"\xff", 4, 1),
        (br#""a,b" , c"#, b"a,b", 5, 0),
    ];
    for &(input, content, end, escapes) in cases {
        let (v, e) = quoted_string(input, 0).unwrap_or_else(|err| panic!("{input:?}: {err}"));
        assert_eq!(unescaped(&v), content, "{input:?}");
        assert_eq!(e, end, "{input:?}");
        assert_eq!(v.escapes(), escapes, "{input:?}");
        assert_eq!(v.unescaped_len(), content.len());
        assert!(v.is_quoted());
        assert!(v.eq_bytes(content));
    }
}

#[test]
fn quoted_string_errors_name_the_rule() {
    assert_eq!(
        qs_err(b"abc"),
        (0, "expected DQUOTE to open quoted-string, found 'a' at byte 0".into())
    );
    assert_eq!(
        qs_err(b"\"abc"),
        (4, "missing closing DQUOTE of quoted-string, found end of input at byte 4".into())
    );
    assert_eq!(
        qs_err(b"\"a\r\nb\""),
        (2, "invalid character in quoted-string, found 0x0d at byte 2".into())
    );
    assert_eq!(
        qs_err(b"\"a\\\nb\""),
        (
            3,
            "expected HTAB, SP, VCHAR or obs-text after '\\' in quoted-pair, found 0x0a at byte 3"
                .into()
        )
    );
    assert_eq!(
        qs_err(b"\"a\\"),
        (3, "expected HTAB, SP, VCHAR or obs-text after '\\' in quoted-pair, found end of input at byte 3".into())
    );
    assert_eq!(qs_err(b"\"nul\x00\"").0, 4);
    assert_eq!(qs_err(b"\"del\x7f\"").0, 4);
}

#[test]
fn single_quoted_values_for_lenient_parsers() {
    let (v, end) = quoted_with(b"'Example', x", 0, b'\'').unwrap();
    assert_eq!((unescaped(&v), end), (b"Example".to_vec(), 9));
    let (v, _) = quoted_with(br"'it\'s'", 0, b'\'').unwrap();
    assert_eq!(unescaped(&v), b"it's");
}

#[test]
fn tokens_and_token68() {
    assert_eq!(token_end(b"Bearer realm", 0), 6);
    assert_eq!(token_end(b"a!#$%&'*+-.^_`|~9Z=", 0), 18);
    assert_eq!(token_end(b"\"x", 0), 0);
    // token68 keeps its '=' padding; '=' alone is not a token68
    assert_eq!(token68_end(b"YWxhZGRpbjpvcGVuc2VzYW1l==", 0), 26);
    assert_eq!(token68_end(b"abc=,", 0), 4);
    assert_eq!(token68_end(b"a/b+c~d._-e", 0), 11);
    assert_eq!(token68_end(b"=", 0), 0);
    assert_eq!(token68_end(b"", 0), 0);
    assert_eq!(token68_end(b"ab", 5), 5);
}

#[test]
fn list_skips_empty_elements_and_respects_quotes() {
    let elems = |input: &[u8]| -> Vec<(usize, Vec<u8>)> {
        list(input).map(|e| e.map(|e| (e.offset(), e.as_bytes().to_vec())).unwrap()).collect()
    };
    assert_eq!(elems(b""), vec![]);
    assert_eq!(elems(b" , ,, "), vec![]);
    assert_eq!(elems(b"a"), vec![(0, b"a".to_vec())]);
    assert_eq!(elems(b",a ,\t, b c ,"), vec![(1, b"a".to_vec()), (7, b"b c".to_vec())]);
    assert_eq!(
        elems(br#"x="a, b", y="\",""#),
        vec![(0, br#"x="a, b""#.to_vec()), (10, br#"y="\",""#.to_vec())]
    );
    let mut bad = list(b"a, \"open");
    assert!(bad.next().unwrap().is_ok());
    assert_eq!(bad.next().unwrap().unwrap_err().offset(), 8);
    assert!(bad.next().is_none(), "the iterator fuses after an error");
}

#[test]
fn list_separators() {
    assert_eq!(skip_list_separators(b"", 0), (0, false));
    assert_eq!(skip_list_separators(b",,,", 0), (3, true));
    assert_eq!(skip_list_separators(b" \t x", 0), (3, false));
}

#[test]
fn value_equality_ignores_spelling() {
    let (a, _) = quoted_string(br#""abc""#, 0).unwrap();
    let (b, _) = quoted_string(br#""a\bc""#, 0).unwrap();
    let t = Value::token(b"abc");
    assert_eq!(a, b);
    assert_eq!(a, t);
    assert_eq!(b, *"abc");
    assert!(b.eq_ignore_ascii_case(b"ABC"));
    assert!(!b.eq_bytes(b"abd"));
    assert!(!b.eq_bytes(b"ab"));
    assert_eq!(b.as_str(), None);
    assert_eq!(a.as_str(), Some("abc"));
    let mut small = [0u8; 2];
    assert_eq!(b.unescape_into(&mut small), None);
    #[cfg(feature = "alloc")]
    {
        assert_eq!(b.to_unescaped().as_ref(), b"abc");
        assert!(matches!(a.to_unescaped(), std::borrow::Cow::Borrowed(_)));
    }
}

#[test]
fn display_is_lossy_for_obs_text() {
    let (v, _) = quoted_string(b"\"caf\xe9 \\\"ok\\\"\"", 0).unwrap();
    assert_eq!(v.to_string(), "caf\u{FFFD} \"ok\"");
    let (v, _) = quoted_string("\"café\"".as_bytes(), 0).unwrap();
    assert_eq!(v.to_string(), "café");
}

#[test]
fn writers_choose_token_or_quoted_and_refuse_injection() {
    let w = |v: &str| {
        let mut s = String::new();
        write_token_or_quoted(&mut s, v).map(|()| s)
    };
    assert_eq!(w("invalid_token").unwrap(), "invalid_token");
    assert_eq!(w("").unwrap(), r#""""#);
    assert_eq!(w("a b").unwrap(), r#""a b""#);
    assert_eq!(w("https://x/y,z").unwrap(), r#""https://x/y,z""#);
    assert_eq!(w(r#"q"uo\te"#).unwrap(), r#""q\"uo\\te""#);
    assert_eq!(w("tab\there").unwrap(), "\"tab\there\"");
    assert_eq!(w("café").unwrap(), "\"café\"");
    for (bad, at) in [("a\rb", 1), ("\n", 0), ("x\0", 1), ("del\x7f", 3), ("esc\x1b", 3)] {
        let err = w(bad).unwrap_err();
        assert_eq!(err.offset(), Some(at), "{bad:?}");
        assert!(!err.is_fmt());
        assert_eq!(err.message(), "control character not allowed in a field value");
    }
    let mut s = String::new();
    assert_eq!(
        write_token(&mut s, "a b").unwrap_err().to_string(),
        "expected tchar in token, found ' ' at byte 1 of the value"
    );
    assert_eq!(
        write_token(&mut s, "").unwrap_err().to_string(),
        "a token cannot be empty at byte 0 of the value"
    );
    assert!(write_token68(&mut s, "abc==").is_ok());
    assert_eq!(write_token68(&mut s, "a=b").unwrap_err().offset(), Some(2));
    assert_eq!(s, "abc==");
    assert!(write_quoted_string(&mut s, "ok").is_ok());
}

#[test]
fn writes_into_a_fixed_buffer_and_reports_overflow() {
    struct Fixed<const N: usize> {
        buf: [u8; N],
        len: usize,
    }
    impl<const N: usize> core::fmt::Write for Fixed<N> {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let end = self.len + s.len();
            self.buf.get_mut(self.len..end).ok_or(core::fmt::Error)?.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut f = Fixed::<8> { buf: [0; 8], len: 0 };
    assert!(write_token_or_quoted(&mut f, "a b").is_ok());
    assert_eq!(&f.buf[..f.len], b"\"a b\"");
    let err = write_token_or_quoted(&mut f, "toolong").unwrap_err();
    assert!(err.is_fmt());
}

#[test]
fn is_token_matches_token_end() {
    for s in ["a", "a b", "", "Bearer", "x=y", "é"] {
        assert_eq!(is_token(s.as_bytes()), !s.is_empty() && token_end(s.as_bytes(), 0) == s.len());
    }
}

#[test]
fn error_accessors() {
    let e = Error::new(3, "duplicate auth-param");
    assert_eq!(e.to_string(), "duplicate auth-param at byte 3");
    assert_eq!(e.found(), Found::Nothing);
    assert_eq!(e.shifted(10).offset(), 13);
    let e = Error::at(b"ab", 2, "expected token");
    assert_eq!(e.found(), Found::End);
    assert_eq!(e.to_string(), "expected token, found end of input at byte 2");
    let e = Error::at(b"ab", 1, "expected token");
    assert_eq!(e.found(), Found::Byte(b'b'));
    // The same error built from its parts, as a layer that no longer holds the input does.
    assert_eq!(Error::from_parts(1, "expected token", Found::Byte(b'b')), e);
    assert_eq!(Error::from_parts(5, "expected token", Found::Byte(b'b')), e.shifted(4));
}

/// One way of showing what was found, for every error of every crate.
#[test]
fn found_display() {
    let cases: &[(Found, &str)] = &[
        (Found::Byte(b'x'), "'x'"),
        (Found::Byte(b' '), "' '"),
        (Found::Byte(b'\''), "'\''"),
        (Found::Byte(b'~'), "'~'"),
        (Found::Byte(0x0d), "0x0d"),
        (Found::Byte(0x7f), "0x7f"),
        (Found::Byte(0xc3), "0xc3"),
        (Found::Byte(0x00), "0x00"),
        (Found::End, "end of input"),
        (Found::Nothing, "nothing"),
    ];
    for (found, text) in cases {
        assert_eq!(found.to_string(), *text, "{found:?}");
    }
    for b in 0..=255u8 {
        let text = Found::Byte(b).to_string();
        if (0x20..0x7f).contains(&b) {
            assert_eq!(text, format!("'{}'", char::from(b)));
        } else {
            assert_eq!(text, format!("0x{b:02x}"));
        }
        assert_eq!(Found::Byte(b).byte(), Some(b));
    }
    assert_eq!(Found::End.byte(), None);
    assert!(Found::End.is_end() && !Found::Nothing.is_end());
}

#[test]
fn write_error_accessors() {
    let err = check_token(b"a b").unwrap_err();
    assert_eq!(
        (err.offset(), err.found(), err.message()),
        (Some(1), Found::Byte(b' '), "expected tchar in token")
    );
    assert_eq!(err.field(), None);
    assert_eq!(err.to_string(), "expected tchar in token, found ' ' at byte 1 of the value");
    let named = err.in_field("scheme").shifted(3);
    assert_eq!((named.field(), named.offset()), (Some("scheme"), Some(4)));
    assert_eq!(
        named.to_string(),
        "scheme: expected tchar in token, found ' ' at byte 4 of the value"
    );
    let err = check_token(b"").unwrap_err();
    assert_eq!(
        (err.found(), err.to_string().as_str()),
        (Found::Nothing, "a token cannot be empty at byte 0 of the value")
    );
    let fmt = WriteError::from(core::fmt::Error);
    assert!(fmt.is_fmt());
    assert_eq!((fmt.offset(), fmt.found(), fmt.field()), (None, Found::Nothing, None));
    assert_eq!(fmt.in_field("realm"), fmt);
    assert_eq!(fmt.to_string(), "formatter error");
    let parsed = WriteError::from(Error::at(b"a\"", 1, "expected tchar"));
    assert_eq!((parsed.offset(), parsed.found()), (Some(1), Found::Byte(b'"')));
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Value<'static>>();
    check::<Error>();
    check::<WriteError>();
    check::<signpost_syntax::List<'static>>();
}

/// An independent translation of the ABNF with nom, as the reference for the hand-written
/// scanner: `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE`.
mod reference {
    use nom::branch::alt;
    use nom::bytes::complete::{tag, take_while1};
    use nom::combinator::map;
    use nom::multi::many0;
    use nom::sequence::{delimited, preceded};
    use nom::{IResult, Parser};

    fn qdtext(i: &[u8]) -> IResult<&[u8], Vec<u8>> {
        map(
            take_while1(|b: u8| {
                b == b'\t'
                    || b == b' '
                    || b == 0x21
                    || (0x23..=0x5B).contains(&b)
                    || (0x5D..=0x7E).contains(&b)
                    || b >= 0x80
            }),
            |s: &[u8]| s.to_vec(),
        )
        .parse(i)
    }

    fn quoted_pair(i: &[u8]) -> IResult<&[u8], Vec<u8>> {
        map(
            preceded(
                tag(&b"\\"[..]),
                nom::bytes::complete::take_while_m_n(1, 1, |b: u8| {
                    b == b'\t' || b == b' ' || (0x21..=0x7E).contains(&b) || b >= 0x80
                }),
            ),
            |s: &[u8]| s.to_vec(),
        )
        .parse(i)
    }

    /// Returns the unescaped content and the number of bytes consumed.
    pub(super) fn quoted_string(i: &[u8]) -> Option<(Vec<u8>, usize)> {
        let r: IResult<&[u8], Vec<Vec<u8>>> =
            delimited(tag(&b"\""[..]), many0(alt((qdtext, quoted_pair))), tag(&b"\""[..])).parse(i);
        r.ok().map(|(rest, parts)| (parts.concat(), i.len() - rest.len()))
    }
}

/// Where a quoted string delimited by `quote` ends, byte by byte: the model of the scans.
fn naive_quoted_end(input: &[u8], quote: u8) -> Option<usize> {
    let mut i = 1;
    loop {
        match *input.get(i)? {
            c if c == quote => return Some(i + 1),
            b'\\' if signpost_syntax::is_escapable(*input.get(i + 1)?) => i += 2,
            c if signpost_syntax::is_qdtext(c) && c != b'\\' => i += 1,
            _ => return None,
        }
    }
}

/// The word-at-a-time scans (quoted strings sixteen and eight bytes a step, long token68s
/// eight) must stop exactly where the byte loops would: every byte value at every position
/// of a run long enough to take several steps, in both builds.
#[test]
fn word_scans_stop_at_every_byte_and_position() {
    let (bytes, len): (Vec<u8>, usize) =
        if cfg!(miri) { (vec![0, b'"', b'\\', 0x7F, 0x80], 20) } else { ((0..=255).collect(), 40) };
    for &b in &bytes {
        for at in 0..len {
            let mut body = vec![b'a'; len];
            body[at] = b;
            let mut input = vec![b'"'];
            input.extend_from_slice(&body);
            input.push(b'"');
            let ours = quoted_string(&input, 0).ok().map(|(v, end)| (unescaped(&v), end));
            assert_eq!(ours, reference::quoted_string(&input), "byte {b:#04x} at {at}");

            let mut single = input.clone();
            single[0] = b'\'';
            *single.last_mut().unwrap() = b'\'';
            let ours = quoted_with(&single, 0, b'\'').ok().map(|(_, end)| end);
            assert_eq!(ours, naive_quoted_end(&single, b'\''), "{b:#04x} at {at}");

            let naive = |class: fn(u8) -> bool| body.iter().position(|&c| !class(c)).unwrap_or(len);
            assert_eq!(token_end(&body, 0), naive(signpost_syntax::is_tchar), "{b:#04x} at {at}");
            let t68 = naive(signpost_syntax::is_token68_char);
            let padded = if t68 > 0 && b == b'=' && at == t68 { t68 + 1 } else { t68 };
            assert_eq!(token68_end(&body, 0), padded, "{b:#04x} at {at}");
        }
    }
}

fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> = b"\"\\ \t,=ab\r\n\x7f\xe9".to_vec();
    proptest::collection::vec(
        prop_oneof![3 => proptest::sample::select(alphabet), 1 => any::<u8>(), 6 => Just(b'x')],
        0..120,
    )
}

/// The properties are ignored under Miri (proptest's runner alone costs minutes a test
/// there); run with `--ignored`, they take `PROPTEST_CASES` cases and write no regression
/// file (Miri isolates the file system).
fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: 256, ..ProptestConfig::default() }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn quoted_string_agrees_with_the_nom_reference(body in header_bytes()) {
        let mut input = vec![b'"'];
        input.extend_from_slice(&body);
        let ours = quoted_string(&input, 0).ok().map(|(v, end)| (v.bytes().collect::<Vec<u8>>(), end));
        prop_assert_eq!(ours, reference::quoted_string(&input));
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn write_then_scan_round_trips(s in "\\PC{0,30}") {
        let mut out = String::new();
        if write_token_or_quoted(&mut out, &s).is_ok() {
            if is_token(s.as_bytes()) {
                prop_assert_eq!(&out, &s);
            } else {
                let (v, end) = quoted_string(out.as_bytes(), 0).unwrap();
                prop_assert_eq!(end, out.len());
                prop_assert_eq!(v.bytes().collect::<Vec<u8>>(), s.as_bytes().to_vec());
            }
        } else {
            prop_assert!(s.bytes().any(signpost_syntax::is_forbidden_in_field));
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn list_elements_lie_in_the_input_and_never_hold_separators_at_the_edges(input in header_bytes()) {
        for e in list(&input) {
            let Ok(e) = e else { break };
            let b = e.as_bytes();
            prop_assert!(!b.is_empty());
            prop_assert_eq!(&input[e.offset()..e.offset() + b.len()], b);
            prop_assert!(!matches!(b[0], b' ' | b'\t' | b','));
            prop_assert!(!matches!(b[b.len() - 1], b' ' | b'\t'));
        }
    }
}
