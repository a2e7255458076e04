//! Properties against naive models: a `split(' ')` reference for the strict grammar, and a
//! `BTreeSet<String>` for the sets and their algebra.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use std::collections::BTreeSet;

use proptest::prelude::*;
use signpost_scope::{
    satisfies, Exact, Hierarchy, Leniency, Normalisation, OwnedScopeSet, PrefixHierarchy, Scope,
    ScopeLike, ScopeSet, ScopeToken, ScopeTokens,
};

type Model = BTreeSet<String>;

fn nqchar(b: u8) -> bool {
    b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b)
}

/// The grammar read the slow way: split at every SP, then look at each piece in order.
fn naive(input: &[u8]) -> Result<Vec<&[u8]>, (usize, &'static str)> {
    if input.is_empty() {
        return Err((0, "expected scope-token"));
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, &b) in input.iter().enumerate() {
        if b == b' ' {
            pieces.push((start, &input[start..i]));
            start = i + 1;
        }
    }
    pieces.push((start, &input[start..]));
    let last = pieces.len() - 1;
    let mut out = Vec::new();
    for (k, &(start, piece)) in pieces.iter().enumerate() {
        if let Some(i) = piece.iter().position(|&b| !nqchar(b)) {
            return Err((start + i, "expected NQCHAR in scope-token"));
        }
        if piece.is_empty() {
            return Err(if k == 0 {
                (0, "empty scope-token (leading SP)")
            } else if k == last {
                (start - 1, "empty scope-token (trailing SP)")
            } else {
                (start, "empty scope-token (double SP)")
            });
        }
        out.push(piece);
    }
    Ok(out)
}

/// A few shared tokens, so that random sets overlap, and random ones.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "a",
            "b",
            "c",
            "openid",
            "profile",
            "email",
            "repo",
            "repo:status",
            "files:read",
            "files:write",
            "A",
            "~",
            "!",
            "https://x.example/read",
        ])
        .prop_map(str::to_owned),
        "[\x21\x23-\x5B\x5D-\x7E]{1,12}",
    ]
}

fn model() -> impl Strategy<Value = Model> {
    prop::collection::btree_set(token(), 0..16)
}

/// Bytes drawn mostly from the ones the grammar cares about.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => prop::sample::select(b"ab:Z~!#[]".to_vec()),
        4 => Just(b' '),
        1 => prop::sample::select(b"\"\\\t\r\n,+\x00\x7f\x80\xc3\xff".to_vec()),
        1 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..48)
}

fn join(model: &Model) -> String {
    model.iter().map(String::as_str).collect::<Vec<_>>().join(" ")
}

fn to_model<'s>(tokens: impl Iterator<Item = ScopeToken<'s>>) -> Model {
    tokens.map(|t| t.as_str().to_owned()).collect()
}

/// The properties are ignored under Miri (proptest's runner alone costs minutes a test
/// there); run with `--ignored`, they take `PROPTEST_CASES` cases and write no regression
/// file (Miri isolates the file system).
fn config() -> ProptestConfig {
    if cfg!(miri) {
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
    } else {
        ProptestConfig { cases: 512, ..ProptestConfig::default() }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The strict scanner agrees with the naive reading on tokens, offsets and messages.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn strict_parse_matches_the_naive_reference(input in bytes()) {
        let ours = Scope::from_bytes(&input)
            .map(|s| s.iter().map(|t| t.as_str().as_bytes().to_vec()).collect::<Vec<_>>())
            .map_err(|e| (e.offset(), e.message()));
        let reference = naive(&input).map(|v| v.into_iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
        prop_assert_eq!(ours, reference);
    }

    /// set → canonical string → parse gives the set back, for every set type.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn canonical_round_trip(model in model()) {
        prop_assume!(!model.is_empty());
        let canonical = join(&model);
        let owned: OwnedScopeSet = model.iter().map(|t| ScopeToken::new(t).unwrap()).collect();
        prop_assert_eq!(owned.to_string(), canonical.clone());
        prop_assert_eq!(owned.canonical_len(), canonical.len());
        let fixed = ScopeSet::<16>::parse(&canonical).unwrap();
        prop_assert_eq!(fixed.to_string(), canonical.clone());
        prop_assert_eq!(&fixed, &owned);
        prop_assert_eq!(OwnedScopeSet::parse(&owned.to_string()).unwrap(), owned.clone());
        let view = Scope::parse(&canonical).unwrap();
        prop_assert!(view.is_canonical());
        prop_assert_eq!(to_model(view.iter()), model.clone());
    }

    /// Any order, any repetition: the set is the model of the tokens.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn sets_drop_duplicates_and_sort(tokens in prop::collection::vec(token(), 1..24)) {
        let input = tokens.join(" ");
        let model: Model = tokens.iter().cloned().collect();
        let fixed = ScopeSet::<24>::parse(&input).unwrap();
        prop_assert_eq!(to_model(fixed.iter()), model.clone());
        prop_assert_eq!(fixed.to_string(), join(&model));
        let view = Scope::parse(&input).unwrap();
        prop_assert_eq!(view.len(), tokens.len());
        prop_assert_eq!(view.is_canonical(), tokens.windows(2).all(|w| w[0] < w[1]));
        for t in &tokens {
            prop_assert!(view.contains(t) && fixed.contains(t));
        }
        // A set too small reports the first token that does not fit.
        if model.len() > 1 {
            let err = ScopeSet::<1>::parse(&input).unwrap_err();
            prop_assert!(err.is_capacity());
            let first = &tokens[0];
            let offender = tokens.iter().position(|t| t != first).unwrap();
            let offset: usize = tokens[..offender].iter().map(|t| t.len() + 1).sum();
            prop_assert_eq!(err.offset(), offset);
        }
    }

    /// Predicates and operations agree with the model, for every pair of kinds.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn algebra_matches_the_model(a in model(), b in model(), shuffle in any::<bool>()) {
        let (oa, ob): (OwnedScopeSet, OwnedScopeSet) = (
            a.iter().map(|t| ScopeToken::new(t).unwrap()).collect(),
            b.iter().map(|t| ScopeToken::new(t).unwrap()).collect(),
        );
        let fa = oa.to_set::<16>().unwrap();
        let fb = ob.to_set::<16>().unwrap();
        // Views in canonical order, and reversed (unsorted) when non-empty.
        let text = |m: &Model| {
            let mut v: Vec<&str> = m.iter().map(String::as_str).collect();
            if shuffle { v.reverse(); }
            v.join(" ")
        };
        let (ta, tb) = (text(&a), text(&b));
        let check = |x: &dyn Fn() -> Vec<Model>, y: Vec<bool>| -> Result<(), TestCaseError> {
            let union: Model = a.union(&b).cloned().collect();
            let inter: Model = a.intersection(&b).cloned().collect();
            let diff: Model = a.difference(&b).cloned().collect();
            prop_assert_eq!(x(), vec![union, inter, diff]);
            prop_assert_eq!(y, vec![
                a.is_subset(&b),
                a.is_superset(&b),
                a.is_subset(&b) && a != b,
                a.is_superset(&b) && a != b,
                a == b,
                a.is_disjoint(&b),
            ]);
            Ok(())
        };
        fn ops<A: ScopeLike, B: ScopeLike>(x: &A, y: &B) -> (Vec<Model>, Vec<bool>) {
            (
                vec![to_model(x.union(y)), to_model(x.intersection(y)), to_model(x.difference(y))],
                vec![
                    x.is_subset(y),
                    x.is_superset(y),
                    x.is_strict_subset(y),
                    x.is_strict_superset(y),
                    x.same_set(y),
                    x.is_disjoint(y),
                ],
            )
        }
        let mut results = vec![ops(&oa, &ob), ops(&fa, &fb), ops(&oa, &fb), ops(&fa, &ob)];
        if !a.is_empty() && !b.is_empty() {
            let (va, vb) = (Scope::parse(&ta).unwrap(), Scope::parse(&tb).unwrap());
            results.extend([ops(&va, &vb), ops(&va, &fb), ops(&fa, &vb), ops(&va, &ob)]);
        }
        for (sets, preds) in results {
            check(&|| sets.clone(), preds)?;
        }
    }

    /// The laws: union commutative and idempotent, a ⊆ a ∪ b, a ∩ b ⊆ a, De Morgan over a
    /// universe, and the difference laws.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn laws(a in model(), b in model(), extra in model()) {
        let set = |m: &Model| -> OwnedScopeSet { m.iter().map(|t| ScopeToken::new(t).unwrap()).collect() };
        let (a, b) = (set(&a), set(&b));
        let universe: OwnedScopeSet = a.union(&b).chain(set(&extra).iter()).collect::<Vec<_>>().into_iter().collect();
        let union: OwnedScopeSet = a.union(&b).collect();
        let union_ba: OwnedScopeSet = b.union(&a).collect();
        let inter: OwnedScopeSet = a.intersection(&b).collect();
        prop_assert_eq!(&union, &union_ba);
        prop_assert!(union.same_set(&union_ba));
        prop_assert_eq!(a.union(&a).collect::<OwnedScopeSet>(), a.clone());
        prop_assert!(a.is_subset(&union) && b.is_subset(&union));
        prop_assert!(inter.is_subset(&a) && inter.is_subset(&b));
        prop_assert_eq!(b.intersection(&a).collect::<OwnedScopeSet>(), inter.clone());
        // De Morgan: U ∖ (a ∪ b) = (U ∖ a) ∩ (U ∖ b) and U ∖ (a ∩ b) = (U ∖ a) ∪ (U ∖ b).
        let not_a: OwnedScopeSet = universe.difference(&a).collect();
        let not_b: OwnedScopeSet = universe.difference(&b).collect();
        prop_assert_eq!(
            universe.difference(&union).collect::<OwnedScopeSet>(),
            not_a.intersection(&not_b).collect::<OwnedScopeSet>()
        );
        prop_assert_eq!(
            universe.difference(&inter).collect::<OwnedScopeSet>(),
            not_a.union(&not_b).collect::<OwnedScopeSet>()
        );
        // Difference: (a ∖ b) ∩ b = ∅, (a ∖ b) ∪ (a ∩ b) = a, a ∖ a = ∅, a ∖ ∅ = a.
        let diff: OwnedScopeSet = a.difference(&b).collect();
        prop_assert!(diff.is_disjoint(&b));
        prop_assert_eq!(diff.union(&inter).collect::<OwnedScopeSet>(), a.clone());
        prop_assert_eq!(a.difference(&a).count(), 0);
        prop_assert_eq!(a.difference(&OwnedScopeSet::new()).collect::<OwnedScopeSet>(), a.clone());
        // Strict superset: exactly a bigger superset.
        prop_assert_eq!(union.is_strict_superset(&a), union.len() > a.len());
        // The no-alloc union into a fixed set gives the same set.
        let mut fixed = ScopeSet::<32>::new();
        fixed.try_extend(a.union(&b)).unwrap();
        prop_assert_eq!(&fixed, &union);
    }

    /// A fixed set under any sequence of inserts, removals, retains and sorts answers like
    /// the model (its hash index stays right when slots move).
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn fixed_set_operations_match_the_model(
        ops in prop::collection::vec((0u8..4, token()), 0..64),
        probes in prop::collection::vec(token(), 0..8),
    ) {
        let mut set = ScopeSet::<16>::new();
        let mut model = Model::new();
        for (op, t) in &ops {
            match op {
                0 | 1 => match set.insert(ScopeToken::new(t).unwrap()) {
                    Ok(new) => prop_assert_eq!(new, model.insert(t.clone())),
                    Err(e) => {
                        prop_assert_eq!(model.len(), 16);
                        prop_assert!(!model.contains(t));
                        prop_assert_eq!(e.token().as_str(), t.as_str());
                    }
                },
                2 => prop_assert_eq!(set.remove(t).is_some(), model.remove(t)),
                _ => {
                    let cut = t.len() % 3;
                    set.retain(|x| x.as_str().len() % 3 != cut);
                    model.retain(|x| x.len() % 3 != cut);
                    set.sort();
                    prop_assert!(set.is_sorted());
                    let sorted: Vec<&str> = set.iter().map(|x| x.as_str()).collect();
                    prop_assert!(sorted.windows(2).all(|w| w[0] < w[1]));
                }
            }
            prop_assert_eq!(set.len(), model.len());
        }
        for t in model.iter().chain(&probes) {
            prop_assert_eq!(set.contains(t), model.contains(t));
            prop_assert_eq!(set.get(t).map(|x| x.as_str().to_owned()), model.get(t).cloned());
        }
        prop_assert_eq!(to_model(set.iter()), model.clone());
        prop_assert_eq!(set.to_string(), join(&model));
        if set.is_sorted() {
            let order: Vec<&str> = set.iter().map(|x| x.as_str()).collect();
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// Hierarchies: Exact is the subset test; the prefix rule matches a naive reading.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn hierarchies(granted in model(), required in model()) {
        let set = |m: &Model| -> OwnedScopeSet { m.iter().map(|t| ScopeToken::new(t).unwrap()).collect() };
        let (g, r) = (set(&granted), set(&required));
        prop_assert_eq!(satisfies(&g, &r, &Exact), required.is_subset(&granted));
        let rule = PrefixHierarchy::new();
        let naive = required.iter().all(|n| {
            granted.iter().any(|b| b == n || n.strip_prefix(b.as_str()).is_some_and(|rest| rest.starts_with(':')))
        });
        prop_assert_eq!(satisfies(&g, &r, &rule), naive);
        for b in &granted {
            for n in &required {
                prop_assert!(!(rule.implies(b, n) && rule.implies(n, b)), "antisymmetric");
            }
        }
    }

    /// Valid tokens joined by any mix of separators come back, in order, and the report
    /// says which separators were seen.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn lenient_recovers_the_tokens(
        tokens in prop::collection::vec("[a-z:]{1,6}", 1..8),
        seps in prop::collection::vec(prop::sample::select(vec![" ", ",", ", ", "+", "\t", "  ", " ,\t"]), 8),
        lead in prop::sample::select(vec!["", " ", ","]),
        trail in prop::sample::select(vec!["", " ", ",", "\r\n"]),
    ) {
        let mut input = String::from(lead);
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 { input.push_str(seps[i - 1]); }
            input.push_str(t);
        }
        input.push_str(trail);
        let mut it = ScopeTokens::new(&input).with_leniency(Leniency::ALL);
        let got: Vec<String> = it.by_ref().map(|t| t.unwrap().as_str().to_owned()).collect();
        prop_assert_eq!(&got, &tokens);
        let report = it.normalised();
        let used = &seps[..tokens.len() - 1];
        prop_assert_eq!(report.first(Normalisation::Commas).is_some(), input.contains(','));
        prop_assert_eq!(report.first(Normalisation::PlusSigns).is_some(), used.contains(&"+"));
        prop_assert_eq!(report.first(Normalisation::LeadingTrailing).is_some(), !lead.is_empty() || !trail.is_empty());
        // HTAB, CR and LF count wherever they are; runs of SP only between tokens.
        let ws = used.iter().any(|s| s.contains('\t') || *s == "  ") || trail == "\r\n";
        prop_assert_eq!(report.first(Normalisation::WhitespaceRuns).is_some(), ws);
        if report.is_clean() {
            prop_assert!(Scope::parse(&input).is_ok());
        }
    }

    /// The lenient parse never panics, and what it returns is strictly valid and stable
    /// when written out and read again.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn lenient_output_is_strict(input in bytes()) {
        let Ok(text) = std::str::from_utf8(&input) else { return Ok(()); };
        match OwnedScopeSet::from_tokens(ScopeTokens::new(text).with_leniency(Leniency::ALL)) {
            Ok((set, report)) => {
                if set.is_empty() {
                    prop_assert_eq!(report.first(Normalisation::Empty), Some(0));
                } else {
                    let canonical = set.to_string();
                    prop_assert_eq!(OwnedScopeSet::parse(&canonical).unwrap(), set.clone());
                    let (again, again_report) = OwnedScopeSet::from_tokens(ScopeTokens::new(&canonical).with_leniency(Leniency::ALL)).unwrap();
                    prop_assert_eq!(again, set);
                    prop_assert!(again_report.is_clean());
                }
                if report.is_clean() {
                    prop_assert!(Scope::parse(text).is_ok());
                }
            }
            Err(e) => prop_assert!(e.offset() < input.len()),
        }
    }

    /// Strict by default: with no switch the token parse gives the tokens and the error of
    /// `Scope::from_bytes`, byte for byte.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn strict_tokens_are_the_strict_parse(input in bytes()) {
        let tokens: Result<Vec<&str>, _> =
            ScopeTokens::from_bytes(&input).map(|t| t.map(|t| t.as_str())).collect();
        let strict = Scope::from_bytes(&input).map(|s| s.iter().map(|t| t.as_str()).collect::<Vec<_>>());
        prop_assert_eq!(tokens, strict);
    }

    /// What a lenient parse reports as forgiven is exactly what it needed: with those
    /// switches alone the same input gives the same tokens and the same report.
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn forgiven_is_what_was_needed(input in bytes(), bits in any::<u8>()) {
        let leniency = Leniency::ALL.names().enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .filter_map(|(_, n)| Leniency::from_name(n))
            .fold(Leniency::NONE, Leniency::union);
        let mut it = ScopeTokens::from_bytes(&input).with_leniency(leniency);
        let first: Vec<_> = it.by_ref().collect();
        prop_assert!(leniency.contains(it.forgiven()));
        let mut again = ScopeTokens::from_bytes(&input).with_leniency(it.forgiven());
        let second: Vec<_> = again.by_ref().collect();
        if first.iter().all(Result::is_ok) {
            prop_assert_eq!(second, first);
            prop_assert_eq!(again.normalised(), it.normalised());
        }
    }
}
