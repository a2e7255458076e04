//! The lenient parse: each leniency, its report, its switches, and what it still refuses.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use signpost_scope::{Leniency, Normalisation, Normalised, OwnedScopeSet, ScopeSet, ScopeTokens};

use Normalisation::*;

/// What the lenient parse forgave before each switch had a name: runs of SP, leading and
/// trailing separators, an empty input.
const SPACES_ONLY: Leniency =
    Leniency::SPACE_RUNS.union(Leniency::LEADING_TRAILING).union(Leniency::EMPTY);

#[track_caller]
fn lenient(input: &str, leniency: Leniency) -> (Vec<&str>, Vec<(Normalisation, usize)>) {
    let mut it = ScopeTokens::new(input).with_leniency(leniency);
    let tokens = it.by_ref().map(|t| t.map(|t| t.as_str())).collect::<Result<Vec<_>, _>>();
    let tokens = tokens.unwrap_or_else(|e| panic!("{input:?}: {e}"));
    (tokens, it.normalised().iter().collect())
}

/// Input, tokens, report (without duplicates: the iterator keeps them).
type Case = (&'static str, &'static [&'static str], &'static [(Normalisation, usize)]);

const CASES: &[Case] = &[
    ("openid profile", &["openid", "profile"], &[]),
    // GitHub / Facebook / Discord comma lists, with and without spaces.
    ("repo,user:email", &["repo", "user:email"], &[(Commas, 4)]),
    ("repo, user:email", &["repo", "user:email"], &[(Commas, 4)]),
    ("repo ,user", &["repo", "user"], &[(Commas, 5)]),
    // The 2010 WG proposal (OAuth WG, April 2010): scope=x2,x1.
    ("x2,x1", &["x2", "x1"], &[(Commas, 2)]),
    // Form encoding not decoded (angular-oauth2-oidc#1065).
    ("openid+profile+email", &["openid", "profile", "email"], &[(PlusSigns, 6)]),
    // Whitespace runs, other whitespace.
    ("a  b", &["a", "b"], &[(WhitespaceRuns, 1)]),
    ("a\tb", &["a", "b"], &[(WhitespaceRuns, 1)]),
    ("a\r\n b", &["a", "b"], &[(WhitespaceRuns, 1)]),
    ("a \t b", &["a", "b"], &[(WhitespaceRuns, 1)]),
    // Leading and trailing separators.
    (" a", &["a"], &[(LeadingTrailing, 0)]),
    ("a ", &["a"], &[(LeadingTrailing, 1)]),
    (",a,", &["a"], &[(Commas, 0), (LeadingTrailing, 0)]),
    ("  a  ", &["a"], &[(LeadingTrailing, 0)]),
    // Nothing at all (Docker's empty scope, cesanta/docker_auth#146; MCP C# SDK's `scope=","`).
    ("", &[], &[(Empty, 0)]),
    (",", &[], &[(Commas, 0), (LeadingTrailing, 0), (Empty, 0)]),
    (" , + ", &[], &[(Commas, 1), (PlusSigns, 3), (LeadingTrailing, 0), (Empty, 0)]),
    // Everything at once; the first offset of each kind is kept.
    (
        " a,b+c  d\te,f ",
        &["a", "b", "c", "d", "e", "f"],
        &[(Commas, 2), (PlusSigns, 4), (WhitespaceRuns, 6), (LeadingTrailing, 0)],
    ),
    // Duplicates are kept by the iterator.
    ("a a", &["a", "a"], &[]),
];

#[test]
fn each_leniency_and_its_report() {
    for &(input, tokens, report) in CASES {
        assert_eq!(lenient(input, Leniency::ALL), (tokens.to_vec(), report.to_vec()), "{input:?}");
    }
}

#[test]
fn offsets_of_tokens() {
    let mut it = ScopeTokens::new(" a,, bc").with_leniency(Leniency::ALL);
    assert_eq!(it.token_offset(), None);
    assert_eq!(it.next().unwrap().unwrap(), "a");
    assert_eq!(it.token_offset(), Some(1));
    assert_eq!(it.next().unwrap().unwrap(), "bc");
    assert_eq!(it.token_offset(), Some(5));
    assert!(it.next().is_none());
    assert!(it.next().is_none(), "fused");
}

#[test]
fn switches() {
    let docker = Leniency::ALL.difference(Leniency::COMMAS);
    assert_eq!(
        lenient("repository:a:pull,push  repository:b:pull", docker),
        (vec!["repository:a:pull,push", "repository:b:pull"], vec![(WhitespaceRuns, 22)])
    );
    let no_plus = Leniency::ALL.difference(Leniency::PLUS_SIGNS);
    assert_eq!(lenient("c++ a,b", no_plus), (vec!["c++", "a", "b"], vec![(Commas, 5)]));
    let spaces = SPACES_ONLY;
    assert_eq!(
        lenient(" a  b,c+d ", spaces),
        (vec!["a", "b,c+d"], vec![(WhitespaceRuns, 2), (LeadingTrailing, 0)])
    );
    let err = ScopeTokens::new("a\tb").with_leniency(spaces).find_map(Result::err).unwrap();
    assert_eq!(err.to_string(), "expected NQCHAR in scope-token, found 0x09 at byte 1");
    // What each parse needed, as one set of switches.
    let mut it = ScopeTokens::new(" a  b,c+d\te").with_leniency(Leniency::ALL);
    assert_eq!(it.by_ref().count(), 5);
    assert_eq!(it.forgiven(), Leniency::ALL.difference(Leniency::EMPTY));
    assert_eq!(it.normalised().forgiven(), it.forgiven());
    assert_eq!(
        format!("{:?}", it.forgiven()),
        "Leniency(commas | plus-signs | whitespace | space-runs | leading-trailing)"
    );
}

#[test]
fn strict_by_default() {
    assert_eq!(Leniency::default(), Leniency::NONE);
    // Each input needs exactly one switch: refused without it, forgiven and reported with it.
    for (input, switch, strict_error) in [
        ("a,b", Leniency::COMMAS, None),
        ("a+b", Leniency::PLUS_SIGNS, None),
        (
            "a\tb",
            Leniency::WHITESPACE,
            Some("expected NQCHAR in scope-token, found 0x09 at byte 1"),
        ),
        ("a  b", Leniency::SPACE_RUNS, Some("empty scope-token (double SP) at byte 2")),
        (" a", Leniency::LEADING_TRAILING, Some("empty scope-token (leading SP) at byte 0")),
        ("a ", Leniency::LEADING_TRAILING, Some("empty scope-token (trailing SP) at byte 1")),
        ("", Leniency::EMPTY, Some("expected scope-token, found end of input at byte 0")),
    ] {
        let strict: Result<Vec<_>, _> = ScopeTokens::new(input).collect();
        match strict_error {
            // `,` and `+` are NQCHARs: strictly, part of one token.
            None => assert_eq!(strict.unwrap(), [input], "{input:?}"),
            Some(message) => assert_eq!(strict.unwrap_err().to_string(), message, "{input:?}"),
        }
        let mut lenient = ScopeTokens::new(input).with_leniency(switch);
        assert!(lenient.by_ref().all(|t| t.is_ok()), "{input:?}");
        assert_eq!(lenient.forgiven(), switch, "{input:?}");
        let mut all = ScopeTokens::new(input).with_leniency(Leniency::ALL);
        assert!(all.by_ref().all(|t| t.is_ok()), "{input:?}");
        assert_eq!(all.forgiven(), switch, "{input:?}");
    }
    // Every switch but the one needed is not enough.
    let err = ScopeTokens::new("a  b")
        .with_leniency(Leniency::ALL.difference(Leniency::SPACE_RUNS))
        .find_map(Result::err)
        .unwrap();
    assert_eq!(err.to_string(), "empty scope-token (double SP) at byte 2");
}

#[test]
fn what_no_leniency_covers() {
    for (input, offset, shown) in [
        ("a \"b\"", 2, "expected NQCHAR in scope-token, found '\"' at byte 2"),
        ("a,b\\c", 3, "expected NQCHAR in scope-token, found '\\' at byte 3"),
        ("a\x00", 1, "expected NQCHAR in scope-token, found 0x00 at byte 1"),
        ("\x7f", 0, "expected NQCHAR in scope-token, found 0x7f at byte 0"),
        ("a, café", 6, "expected NQCHAR in scope-token, found 0xc3 at byte 6"),
        ("é", 0, "expected NQCHAR in scope-token, found 0xc3 at byte 0"),
    ] {
        let mut it = ScopeTokens::new(input).with_leniency(Leniency::ALL);
        let err = it.by_ref().find_map(Result::err).unwrap_or_else(|| panic!("{input:?}"));
        assert_eq!((err.offset(), err.to_string().as_str()), (offset, shown), "{input:?}");
        assert!(it.next().is_none(), "fused after the error");
        assert_eq!(
            ScopeSet::<8>::from_tokens(ScopeTokens::new(input).with_leniency(Leniency::ALL))
                .unwrap_err(),
            err
        );
        assert_eq!(
            OwnedScopeSet::from_tokens(ScopeTokens::new(input).with_leniency(Leniency::ALL))
                .unwrap_err(),
            err
        );
    }
    // Bytes that are not UTF-8 at all.
    let err = ScopeTokens::from_bytes(b"a,\xff")
        .with_leniency(Leniency::ALL)
        .find_map(Result::err)
        .unwrap();
    assert_eq!(err.offset(), 2);
}

#[test]
fn set_parsers_report_duplicates() {
    let (set, report) =
        ScopeSet::<4>::from_tokens(ScopeTokens::new("b, a, b,a").with_leniency(Leniency::ALL))
            .unwrap();
    assert_eq!(set.to_string(), "a b");
    assert_eq!(report.first(Duplicates), Some(6));
    assert_eq!(report.first(Commas), Some(1));
    let (owned, owned_report) =
        OwnedScopeSet::from_tokens(ScopeTokens::new("b, a, b,a").with_leniency(Leniency::ALL))
            .unwrap();
    assert_eq!(owned, set);
    assert_eq!(owned_report, report);
    // Clean input, clean report.
    let (_, report) =
        ScopeSet::<4>::from_tokens(ScopeTokens::new("a b").with_leniency(Leniency::ALL)).unwrap();
    assert!(report.is_clean());
    assert_eq!(report.to_string(), "nothing");
    // Capacity counts distinct tokens only.
    let err = ScopeSet::<1>::from_tokens(ScopeTokens::new("a,a,b").with_leniency(Leniency::ALL))
        .unwrap_err();
    assert!(err.is_capacity());
    assert_eq!(err.offset(), 4);
    // An empty input is an empty set.
    let (set, report) =
        ScopeSet::<1>::from_tokens(ScopeTokens::new("").with_leniency(Leniency::ALL)).unwrap();
    assert!(set.is_empty());
    assert_eq!(report.first(Empty), Some(0));
}

#[test]
fn report_display_names_and_record() {
    let mut report = Normalised::new();
    assert!(report.is_clean());
    report.record(Duplicates, 9);
    report.record(Duplicates, 12);
    report.record(Commas, 3);
    report.record(Commas, 1);
    assert_eq!(report.first(Duplicates), Some(9), "the first offset is kept");
    assert_eq!(report.first(Commas), Some(1), "an earlier offset replaces a later one");
    assert_eq!(report.to_string(), "commas at byte 1, duplicates at byte 9");
    let all = [Commas, PlusSigns, WhitespaceRuns, LeadingTrailing, Duplicates, Empty];
    assert_eq!(
        all.map(Normalisation::name),
        ["commas", "plus_signs", "whitespace_runs", "leading_trailing", "duplicates", "empty"]
    );
    let mut every = Normalised::new();
    for (i, kind) in all.into_iter().enumerate() {
        every.record(kind, i);
    }
    assert_eq!(
        every.to_string(),
        "commas at byte 0, plus signs at byte 1, whitespace runs at byte 2, \
         leading or trailing separators at byte 3, duplicates at byte 4, no scope-token at byte 5"
    );
    assert_eq!(every.into_iter().count(), 6);
}

#[test]
fn strictly_valid_input_is_parsed_the_same() {
    for input in ["a", "openid profile email", "x2,x1 c++", "! # ~"] {
        let strict = OwnedScopeSet::parse(input).unwrap();
        let (lenient, report) =
            OwnedScopeSet::from_tokens(ScopeTokens::new(input).with_leniency(SPACES_ONLY)).unwrap();
        assert_eq!(strict, lenient, "{input}");
        assert!(report.is_clean(), "{input}");
    }
}
