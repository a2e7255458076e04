//! One rule for an issuer identifier: `Issuer::parse` (the client reading `issuer`,
//! `authorization_servers`) and `signpost_error::check_iss` (the server writing RFC 9207
//! `iss`) accept the same strings.

use proptest::prelude::*;
use signpost_error::check_iss;
use signpost_oauth::Issuer;

#[track_caller]
fn agree(s: &str) {
    let parsed = Issuer::parse(s);
    let checked = check_iss(s);
    assert_eq!(
        parsed.is_ok(),
        checked.is_ok(),
        "{s:?}: Issuer::parse {parsed:?}, check_iss {checked:?}"
    );
}

#[test]
fn both_follow_rfc_8414_section_2() {
    let accepted = [
        "https://as.example.com",
        "https://as.example.com/",
        "https://as.example.com/tenant/1",
        "https://user:pw@as.example.com:8443/t",
        "https://as.example.com:/",
        "https://192.0.2.1",
        "https://[2001:db8::1]:8443/x",
        "https://[::ffff:192.0.2.1]",
        "https://[v1.fe80::a+en1]",
        "https://as%2Eexample.com/%7Et",
        "http://localhost:8080",
        "urn://x",
    ];
    let refused = [
        "",
        "as.example.com",
        "/tenant",
        "//as.example.com",
        "https:",
        "https:as.example.com",
        "https:/as.example.com",
        "https://",
        "https:///path",
        "https://user@",
        "https://:443",
        "https://as.example.com?x=1",
        "https://as.example.com/?",
        "https://as.example.com#",
        "https://as.example.com/t#frag",
        "https://as.example.com/a b",
        "https://as.example.com/%zz",
        "https://as.example.com/é",
        "https://[::g]",
        "https://[1:2:3:4:5:6:7:8:9]",
        "https://[v1x]",
        "https://[v1.]",
        "https://[::1",
        "https://::1/",
        "https://a@b@c",
        "https://h:80a",
        "https://[::1]x",
        "1https://h",
        "ht_tp://h",
        "https://h/[x]",
    ];
    for s in accepted {
        assert!(Issuer::parse(s).is_ok(), "{s:?}");
        agree(s);
    }
    for s in refused {
        assert!(Issuer::parse(s).is_err(), "{s:?}");
        agree(s);
    }
}

fn part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9]{1,4}",
        Just("%41".to_string()),
        Just("%4".to_string()),
        Just("[::1]".to_string()),
        Just("[v1.x]".to_string()),
        Just("[::g]".to_string()),
        "[:/?#@\\[\\]%.~+!$&'()*,;= _-]",
    ]
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn both_agree_on_url_shaped_input(
        scheme in prop_oneof![Just("https"), Just("h1+"), Just("1h"), Just("")],
        sep in prop_oneof![Just("://"), Just(":"), Just(":/"), Just("//")],
        parts in proptest::collection::vec(part(), 0..6),
    ) {
        let s = format!("{scheme}{sep}{}", parts.concat());
        let (parsed, checked) = (Issuer::parse(&s), check_iss(&s));
        prop_assert_eq!(parsed.is_ok(), checked.is_ok(), "{:?}: {:?} / {:?}", s, parsed, checked);
    }

    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn both_agree_on_noise(s in "[a-z:/?#@\\[\\]%0-9.v]{0,20}") {
        prop_assert_eq!(Issuer::parse(&s).is_ok(), check_iss(&s).is_ok(), "{:?}", s);
    }
}
