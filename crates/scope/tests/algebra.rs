//! Set algebra between every pair of scope kinds, sorted and unsorted, with the cases the
//! MCP and RFC 6749 §6 flows need.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use signpost_scope::{OwnedScopeSet, Scope, ScopeLike, ScopeSet};

fn names<'s>(it: impl Iterator<Item = signpost_scope::ScopeToken<'s>>) -> Vec<&'s str> {
    it.map(|t| t.as_str()).collect()
}

/// Runs `check` on `(a, b)` as every combination of view (as given), view (canonical),
/// fixed set and owned set.
fn each_pair(a: &str, b: &str, check: impl Fn(&dyn Fn() -> (Vec<bool>, Vec<Vec<String>>))) {
    let canon = |s: &str| OwnedScopeSet::parse(s).unwrap().to_string();
    let (ca, cb) = (canon(a), canon(b));
    let va = Scope::parse(a).unwrap();
    let vb = Scope::parse(b).unwrap();
    let cva = Scope::parse(&ca).unwrap();
    let cvb = Scope::parse(&cb).unwrap();
    assert!(cva.is_canonical() && cvb.is_canonical());
    let sa = ScopeSet::<16>::parse(a).unwrap();
    let sb = ScopeSet::<16>::parse(b).unwrap();
    let oa = OwnedScopeSet::parse(a).unwrap();
    let ob = OwnedScopeSet::parse(b).unwrap();

    fn run<A: ScopeLike, B: ScopeLike>(a: &A, b: &B) -> (Vec<bool>, Vec<Vec<String>>) {
        let sorted = |it: Vec<&str>| {
            let mut v: Vec<String> = it.into_iter().map(str::to_owned).collect();
            v.sort();
            v.dedup();
            v
        };
        (
            vec![
                a.is_subset(b),
                a.is_superset(b),
                a.is_strict_subset(b),
                a.is_strict_superset(b),
                a.same_set(b),
                a.is_disjoint(b),
            ],
            vec![
                sorted(names(a.union(b))),
                sorted(names(a.intersection(b))),
                sorted(names(a.difference(b))),
            ],
        )
    }
    let mut results = Vec::new();
    macro_rules! row {
        ($a:expr) => {
            results.push(run($a, &vb));
            results.push(run($a, &cvb));
            results.push(run($a, &sb));
            results.push(run($a, &ob));
        };
    }
    row!(&va);
    row!(&cva);
    row!(&sa);
    row!(&oa);
    for r in &results {
        assert_eq!(r, &results[0], "{a:?} vs {b:?}");
    }
    check(&|| results[0].clone());
}

#[track_caller]
fn expect(a: &str, b: &str, preds: [bool; 6], union: &str, inter: &str, diff: &str) {
    let split = |s: &str| -> Vec<String> {
        s.split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect()
    };
    each_pair(a, b, |result| {
        let (p, sets) = result();
        assert_eq!(p, preds, "predicates of {a:?} vs {b:?}");
        assert_eq!(sets, vec![split(union), split(inter), split(diff)], "{a:?} vs {b:?}");
    });
}

#[test]
fn table() {
    // [subset, superset, strict subset, strict superset, same set, disjoint]
    expect("a b", "a b", [true, true, false, false, true, false], "a b", "a b", "");
    expect("b a", "a b a", [true, true, false, false, true, false], "a b", "a b", "");
    expect("a", "a b", [true, false, true, false, false, false], "a b", "a", "");
    expect("a b c", "b", [false, true, false, true, false, false], "a b c", "b", "a c");
    expect("a b", "c d", [false, false, false, false, false, true], "a b c d", "", "a b");
    expect("x y", "y z", [false, false, false, false, false, false], "x y z", "y", "x");
    // Case-sensitive.
    expect("Read", "read", [false, false, false, false, false, true], "Read read", "", "Read");
    // Prefixes are not equal tokens.
    expect(
        "repo",
        "repo:status",
        [false, false, false, false, false, true],
        "repo repo:status",
        "",
        "repo",
    );
}

#[test]
fn refresh_must_not_widen() {
    // RFC 6749 §6: a refresh may return the original scope or less.
    let granted = OwnedScopeSet::parse("openid files:read").unwrap();
    let same = Scope::parse("files:read openid").unwrap();
    let narrower = Scope::parse("files:read").unwrap();
    let wider = Scope::parse("openid files:read files:write").unwrap();
    assert!(!same.is_strict_superset(&granted));
    assert!(!narrower.is_strict_superset(&granted));
    assert!(wider.is_strict_superset(&granted));
    // A different scope of the same size is not a superset at all, but not a subset either.
    let other = Scope::parse("openid files:write").unwrap();
    assert!(!other.is_strict_superset(&granted) && !other.is_subset(&granted));
}

#[test]
fn mcp_step_up_union() {
    // MCP 2026: "the union of the client's previously requested scope set and the scopes
    // from the current challenge".
    let requested = ScopeSet::<8>::parse("files:read openid").unwrap();
    let challenge = Scope::parse("files:write files:read").unwrap();
    let mut next = ScopeSet::<8>::new();
    next.try_extend(requested.union(&challenge)).unwrap();
    assert_eq!(next.to_string(), "files:read files:write openid");
    assert!(next.is_strict_superset(&requested));
    // No room: the token is handed back.
    let mut small = ScopeSet::<2>::new();
    let err = small.try_extend(requested.union(&challenge)).unwrap_err();
    assert_eq!(err.token(), "files:write");
    // Owned, by collecting.
    let owned: OwnedScopeSet = challenge.union(&requested).collect();
    assert_eq!(owned, next);
}

#[test]
fn sorted_union_is_merged_in_order() {
    let a = ScopeSet::<8>::parse("a c e").unwrap();
    let b = OwnedScopeSet::parse("b c d f").unwrap();
    assert_eq!(names(a.union(&b)), ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(names(b.union(&a)), ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(names(a.intersection(&b)), ["c"]);
    assert_eq!(names(a.difference(&b)), ["a", "e"]);
    assert_eq!(names(b.difference(&a)), ["b", "d", "f"]);
    // Unsorted: self in its order, then what other adds.
    let v = Scope::parse("e a c").unwrap();
    assert_eq!(names(v.union(&b)), ["e", "a", "c", "b", "d", "f"]);
    assert_eq!(names(v.intersection(&b)), ["c"]);
    assert_eq!(names(v.difference(&b)), ["e", "a"]);
}

#[test]
fn empty_sets() {
    let empty = ScopeSet::<1>::new();
    let some = Scope::parse("a").unwrap();
    assert!(empty.is_subset(&some) && empty.is_subset(&empty));
    assert!(empty.is_strict_subset(&some) && !empty.is_strict_subset(&empty));
    assert!(some.is_strict_superset(&empty));
    assert!(empty.is_disjoint(&some) && empty.is_empty());
    assert_eq!(names(empty.union(&some)), ["a"]);
    assert_eq!(names(some.union(&empty)), ["a"]);
    assert_eq!(names(some.difference(&empty)), ["a"]);
    assert_eq!(empty.intersection(&some).count(), 0);
    assert!(empty.same_set(&OwnedScopeSet::new()));
}

#[test]
fn iterators_debug() {
    let a = Scope::parse("a").unwrap();
    assert_eq!(format!("{:?}", a.union(&a)), "Union { merge: true, .. }");
    assert_eq!(format!("{:?}", a.intersection(&a)), "Intersection { merge: true, .. }");
    let b = Scope::parse("b a").unwrap();
    assert_eq!(format!("{:?}", b.difference(&a)), "Difference { merge: false, .. }");
}

#[test]
fn subset_of_fifty() {
    let tokens: Vec<String> = (0..50).map(|i| format!("scope:{i:02}:read")).collect();
    let a = tokens.join(" ");
    let big = ScopeSet::<64>::parse(&a).unwrap();
    let owned = OwnedScopeSet::parse(&a).unwrap();
    assert!(big.is_subset(&owned) && owned.is_subset(&big) && big.same_set(&owned));
    let mut smaller = big.clone();
    smaller.remove("scope:25:read");
    assert!(smaller.is_strict_subset(&big));
    assert!(!big.is_subset(&smaller));
}
