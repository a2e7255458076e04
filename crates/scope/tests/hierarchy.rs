//! Hierarchy rules and `satisfies`.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
#![cfg(feature = "alloc")]

use signpost_scope::{
    satisfies, unsatisfied, Exact, Hierarchy, OwnedScopeSet, PrefixHierarchy, Scope, ScopeSet,
    WriteImpliesRead,
};

#[test]
fn prefix_rule() {
    let rule = PrefixHierarchy::default();
    assert_eq!(rule.separator(), b':');
    for (broader, narrower, implied) in [
        ("repo", "repo:status", true),
        ("repo", "repo:status:read", true),
        ("repo:status", "repo:status:read", true),
        ("repo", "repo:", true),
        ("repo", "repository", false),
        ("repo", "repo", false),
        ("repo:status", "repo", false),
        ("Repo", "repo:status", false),
        ("", ":x", true),
        ("a:b", "a:c", false),
    ] {
        assert_eq!(rule.implies(broader, narrower), implied, "{broader} => {narrower}");
    }
    let dotted = PrefixHierarchy::with_separator(b'.');
    assert!(dotted.implies("Mail", "Mail.Read") && !dotted.implies("Mail", "Mail:Read"));
}

#[test]
fn write_implies_read_rule() {
    let rule = WriteImpliesRead::default();
    for (broader, narrower, implied) in [
        ("files:write", "files:read", true),
        ("repo:orders:write", "repo:orders:read", true),
        ("write", "read", false),
        (":write", ":read", true),
        ("files:write", "mail:read", false),
        ("files:read", "files:write", false),
        ("files:write", "files:write", false),
        ("files:Write", "files:read", false),
        ("a:write", "a:b:read", false),
    ] {
        assert_eq!(rule.implies(broader, narrower), implied, "{broader} => {narrower}");
    }
    let dotted = WriteImpliesRead::with_separator(b'.');
    assert!(dotted.implies("Files.write", "Files.read"));
}

#[test]
fn satisfies_with_each_kind_of_operand() {
    let granted = ScopeSet::<8>::parse("repo files:write openid").unwrap();
    let required = Scope::parse("repo:status files:read openid").unwrap();
    let both = (PrefixHierarchy::new(), WriteImpliesRead::new());
    assert!(satisfies(&granted, &required, &both));
    assert!(!satisfies(&granted, &required, &PrefixHierarchy::new()));
    assert!(!satisfies(&granted, &required, &WriteImpliesRead::new()));
    assert!(!satisfies(&granted, &required, &Exact));
    let owned = OwnedScopeSet::parse("repo files:write openid").unwrap();
    assert!(satisfies(&owned, &required, &both));
    let view = Scope::parse("openid repo files:write").unwrap();
    assert!(satisfies(&view, &owned, &both));
    // Exact is is_subset.
    assert!(satisfies(&view, &Scope::parse("repo openid").unwrap(), &Exact));
    // Nothing required is always satisfied.
    assert!(satisfies(&ScopeSet::<1>::new(), &ScopeSet::<1>::new(), &Exact));
    // Closures are rules.
    let admin_is_everything = |broader: &str, _: &str| broader == "admin";
    assert!(satisfies(&Scope::parse("admin").unwrap(), &required, &admin_is_everything));
}

#[test]
fn unsatisfied_lists_what_to_ask_for() {
    let granted = Scope::parse("repo").unwrap();
    let required = Scope::parse("gist repo:status user repo").unwrap();
    let rule = PrefixHierarchy::new();
    let missing: Vec<_> = unsatisfied(&granted, &required, &rule).map(|t| t.as_str()).collect();
    assert_eq!(missing, ["gist", "user"]);
    assert_eq!(format!("{:?}", unsatisfied(&granted, &required, &rule)), "Unsatisfied { .. }");
}

#[test]
fn one_step_only() {
    // a ⇒ b and b ⇒ c do not chain, as documented.
    let rule = |broader: &str, narrower: &str| {
        (broader, narrower) == ("a", "b") || (broader, narrower) == ("b", "c")
    };
    let granted = Scope::parse("a").unwrap();
    assert!(satisfies(&granted, &Scope::parse("b").unwrap(), &rule));
    assert!(!satisfies(&granted, &Scope::parse("c").unwrap(), &rule));
}
