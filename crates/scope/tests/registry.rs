//! Docker / OCI registry scopes: `type:name:actions`.
// Tests run with std; the no_std hygiene lints are for the library.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use signpost_scope::{RegistryScope, Scope, ScopeToken};

#[test]
fn parse_and_write_back() {
    for (input, kind, name, actions) in [
        (
            "repository:samalba/my-app:pull,push",
            "repository",
            "samalba/my-app",
            &["pull", "push"][..],
        ),
        ("repository:localhost:5000/foo:pull", "repository", "localhost:5000/foo", &["pull"]),
        (
            "repository:registry.example.com:443/a/b:push,pull,delete",
            "repository",
            "registry.example.com:443/a/b",
            &["push", "pull", "delete"],
        ),
        ("registry:catalog:*", "registry", "catalog", &["*"]),
        ("repository(plugin):vieux/sshfs:pull", "repository(plugin)", "vieux/sshfs", &["pull"]),
        ("repository:x:", "repository", "x", &[]),
    ] {
        let scope = RegistryScope::parse(input).unwrap();
        assert_eq!(scope.resource_type(), kind, "{input}");
        assert_eq!(scope.name(), name, "{input}");
        assert_eq!(scope.actions().collect::<Vec<_>>(), actions, "{input}");
        assert_eq!(scope.to_string(), input);
        assert_eq!(RegistryScope::new(kind, name, scope.actions_str()).unwrap(), scope);
        assert_eq!(RegistryScope::try_from(ScopeToken::new(input).unwrap()).unwrap(), scope);
    }
    let scope = RegistryScope::parse("registry:catalog:*").unwrap();
    assert!(scope.has_action("pull"), "* covers every action");
    let scope = RegistryScope::parse("repository:x:pull").unwrap();
    assert!(scope.has_action("pull") && !scope.has_action("push"));
}

#[test]
fn several_in_one_challenge() {
    // podman container-libs#1130: a space-separated insufficient_scope challenge.
    let scope = Scope::parse("repository:a/b:pull repository:c/d:pull,push").unwrap();
    let parsed: Vec<_> = scope.iter().map(|t| RegistryScope::from_token(t).unwrap()).collect();
    assert_eq!(parsed[1].name(), "c/d");
    assert!(parsed[1].has_action("push"));
}

#[test]
fn errors() {
    for (input, offset, shown) in [
        ("", 0, "expected scope-token, found end of input at byte 0"),
        (
            "repository",
            10,
            "expected ':' before actions in registry scope, found end of input at byte 10",
        ),
        (
            "repository:x",
            12,
            "expected ':' before actions in registry scope, found end of input at byte 12",
        ),
        (":x:pull", 0, "empty resource type in registry scope, found ':' at byte 0"),
        ("repository::pull", 11, "empty resource name in registry scope, found ':' at byte 11"),
        (
            "repository:x:pull,",
            18,
            "expected ',' or an action in registry scope actions, found end of input at byte 18",
        ),
        (
            "repository:x:,pull",
            13,
            "expected ',' or an action in registry scope actions, found ',' at byte 13",
        ),
        (
            "repository:x:pull,,push",
            18,
            "expected ',' or an action in registry scope actions, found ',' at byte 18",
        ),
        ("repository:a b:pull", 12, "expected NQCHAR in scope-token, found ' ' at byte 12"),
    ] {
        let err = RegistryScope::parse(input).unwrap_err();
        assert_eq!((err.offset(), err.to_string().as_str()), (offset, shown), "{input:?}");
    }
    for ((kind, name, actions), offset, shown) in [
        (("", "x", "pull"), 0, "empty resource type in registry scope at byte 0"),
        (("repository", "", "pull"), 11, "empty resource name in registry scope at byte 11"),
        (
            ("repo:sitory", "x", "pull"),
            4,
            "unexpected ':' in registry scope part, found ':' at byte 4",
        ),
        (
            ("repository", "x", "pu:ll"),
            15,
            "unexpected ':' in registry scope part, found ':' at byte 15",
        ),
        (("repository", "a b", "pull"), 12, "expected NQCHAR in scope-token, found ' ' at byte 12"),
        (
            ("repository", "x", "pull,"),
            18,
            "expected ',' or an action in registry scope actions, found end of input at byte 18",
        ),
    ] {
        let err = RegistryScope::new(kind, name, actions).unwrap_err();
        assert_eq!(
            (err.offset(), err.to_string().as_str()),
            (offset, shown),
            "{kind:?} {name:?} {actions:?}"
        );
    }
}
