//! Hostile input: reading and writing error values allocate nothing (a counting global
//! allocator), and the work of a parse grows linearly with its input (a ratio of work
//! between input sizes, never wall time).

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_error::{
    check_error, check_error_description, check_error_uri, check_iss, check_state,
    AuthorizationErrorResponse, Encoded, ErrorCode, ErrorResponse, UsageLocation,
};

fn allocations_during(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

/// Reads an authorization response the way a client does: parse the query, then decode
/// every field it found, byte by byte. Returns a work measure: the decoded bytes visited
/// plus one per field, or the error offset plus one for a refused query.
fn visit_query(query: &str) -> usize {
    match AuthorizationErrorResponse::parse(query) {
        Ok(None) => 1,
        Ok(Some(r)) => {
            let fields = [Some(r.error()), r.description(), r.uri(), r.state(), r.iss()];
            let mut work = 1;
            for f in fields.into_iter().flatten() {
                work += 1 + f.bytes().count();
            }
            work + usize::from(r.code().is_some())
        }
        Err(e) => 1 + e.offset(),
    }
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))), 1);
}

#[test]
fn reading_allocates_nothing() {
    const QUERIES: &[&str] = &[
        "error=access_denied&error_description=The+user+said+no&state=xyz&iss=https%3A%2F%2Fas.example.com",
        "?error=invalid_request&error%5Furi=https%3A%2F%2Fdocs.example.com%2Fe",
        "#state=abc&code=xyz",
        "error=access_denied&error=access_denied",
        "error=%zz",
    ];
    for q in QUERIES {
        let n = allocations_during(|| {
            std::hint::black_box(visit_query(q));
            if let Ok(Some(r)) = AuthorizationErrorResponse::parse(q) {
                let mut buf = [0u8; 256];
                std::hint::black_box(r.error().decode_into(&mut buf));
                std::hint::black_box(r.state_is("xyz"));
                std::hint::black_box(r.check_issuer_if_present("https://as.example.com").is_ok());
            }
        });
        assert_eq!(n, 0, "{q}");
    }
    let n = allocations_during(|| {
        for code in ["invalid_token", "use_dpop_nonce", "x_custom", "bad\"code", ""] {
            if let Ok(c) = ErrorCode::parse(code) {
                std::hint::black_box(c.entries());
                std::hint::black_box(c.at(UsageLocation::ResourceAccess));
            }
        }
        std::hint::black_box(check_error("invalid_request").is_ok());
        std::hint::black_box(check_error_description("The \"token\" expired").is_err());
        std::hint::black_box(check_error_uri("https://docs.example.com/e").is_ok());
        std::hint::black_box(check_state("xyz").is_ok());
        std::hint::black_box(check_iss("https://as.example.com").is_ok());
        std::hint::black_box(Encoded::parse("a+b%20c").map(|e| e.bytes().count()).ok());
    });
    assert_eq!(n, 0);
}

#[test]
#[cfg(feature = "serde")]
fn borrowed_json_reads_without_allocating() {
    // serde_json borrows strings without escapes, so a borrowed `ErrorResponse` needs no
    // allocation at all.
    let body = r#"{"error":"invalid_client","error_description":"Client authentication failed","error_uri":"https://docs.example.com/e","extra":[1,2]}"#;
    let n = allocations_during(|| {
        let r: ErrorResponse<'_> = serde_json::from_str(body).unwrap();
        std::hint::black_box(r.error().entries());
    });
    assert_eq!(n, 0);
}

#[test]
fn writing_into_a_fixed_buffer_allocates_nothing() {
    let mut out = heapless::String::<1024>::new();
    let n = allocations_during(|| {
        let r = ErrorResponse::new(ErrorCode::INSUFFICIENT_SCOPE)
            .with_description("The request requires higher privileges")
            .with_uri("https://docs.example.com/errors/insufficient_scope");
        r.write_json(&mut out).unwrap();
        r.write_query(&mut out, Some("af0ifjsldkj"), Some("https://as.example.com")).unwrap();
    });
    assert_eq!(n, 0);
    let written = out.as_str();
    assert!(written.starts_with(r#"{"error":"insufficient_scope","error_description":"#));
    assert!(written.ends_with("&iss=https%3A%2F%2Fas.example.com"), "{written}");
}

/// Adversarial inputs of a given size, built from a repeated unit.
#[cfg(not(miri))]
fn adversarial(prefix: &str, unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size);
    s.push_str(prefix);
    for c in unit.chars().cycle() {
        if s.len() >= size {
            break;
        }
        s.push(c);
    }
    s
}

/// `(prefix, unit)`: the prefix puts the parser in a state (inside a value it must decode,
/// say), the unit repeats to the size asked for.
#[cfg(not(miri))]
const UNITS: &[(&str, &str)] = &[
    ("", "&"),
    ("", "="),
    ("", "%"),
    ("", "+"),
    ("", "&="),
    ("", "a=b&"),
    ("", "error_descriptio&"),
    ("error=invalid_request&error_description=", "%41+"),
    ("error=invalid_request&state=", "%25%2B&x=="),
    ("error=", "a"),
    ("error=", "%22"),
    ("error_uri=", "https%3A%2F%2F"),
    ("iss=", "%"),
    ("error=a&", "state=x&"),
];

/// Time is not asserted: the work a client does with the parse (fields found and decoded
/// bytes visited, or how far the parse read before its error) stays proportional to the
/// input, and every parse of up to a mebibyte returns. A quadratic rescan would show as work
/// growing faster than size, or as a test that does not end.
#[test]
#[cfg(not(miri))] // megabytes of input: too slow under Miri, and no unsafe code to check
fn query_work_grows_linearly_with_input() {
    for (prefix, unit) in UNITS {
        let small = visit_query(&adversarial(prefix, unit, 1 << 10));
        let medium = visit_query(&adversarial(prefix, unit, 1 << 16));
        let large = visit_query(&adversarial(prefix, unit, 1 << 20));
        assert!(large <= (1 << 20) + 8, "{prefix}{unit}: {large}");
        assert!(medium <= 2 * 64 * small + 64, "{prefix}{unit}: {small} -> {medium}");
        assert!(large <= 2 * 16 * medium + 64, "{prefix}{unit}: {medium} -> {large}");
    }
}

#[test]
#[cfg(not(miri))]
fn value_checks_and_codes_scale_linearly() {
    for unit in ["a", "\"", "\\", " ", "%", "\u{7f}", "é"] {
        for size in [1 << 10, 1 << 16, 1 << 20] {
            let value = adversarial("", unit, size);
            // Each check either accepts the whole value or names the first bad byte, which
            // for a repeated unit is at the start: the reported offset is the work done.
            for check in
                [check_error, check_error_description, check_error_uri, check_state, check_iss]
            {
                match check(&value) {
                    Ok(()) => {}
                    Err(e) => assert!(e.offset() < unit.len(), "{unit:?}: {}", e.offset()),
                }
            }
            match ErrorCode::parse(&value) {
                Ok(c) => {
                    assert_eq!(c.as_str().len(), value.len());
                    assert!(c.entries().is_empty());
                }
                Err(e) => assert!(e.offset() < unit.len()),
            }
        }
    }
}

#[test]
#[cfg(all(not(miri), feature = "serde"))]
fn big_json_bodies_are_read_whole() {
    for size in [1 << 10, 1 << 16, 1 << 20] {
        let description = "x".repeat(size);
        let body = format!(r#"{{"error":"invalid_request","error_description":"{description}"}}"#);
        let r: ErrorResponse<'_> = serde_json::from_str(&body).unwrap();
        assert_eq!(r.description().map(str::len), Some(size));
        let mut out = String::with_capacity(size + 64);
        r.write_json(&mut out).unwrap();
        assert_eq!(out, body);
    }
}

/// JSON error bodies (RFC 6749 §5.2) a server could send: many unknown members, deep and
/// long extra values, long descriptions with and without escapes, repeated members. The work
/// of reading one (serde_json's walk plus ours: the code lookup and the fields handed back)
/// and writing it again grows linearly, from 1 KiB to 1 MiB.
#[test]
#[cfg(all(not(miri), feature = "serde"))]
fn json_body_work_grows_linearly_with_input() {
    fn work(body: &str) -> usize {
        match serde_json::from_str::<ErrorResponse<'_>>(body) {
            Ok(r) => {
                let mut out = String::new();
                r.write_json(&mut out).map_or(0, |_| out.len())
                    + r.error().as_str().len()
                    + r.error().entries().len()
                    + r.description().map_or(0, str::len)
                    + r.uri().map_or(0, str::len)
            }
            Err(e) => 1 + e.column(),
        }
    }
    const CASES: &[(&str, &str, &str)] = &[
        (r#"{"error":"invalid_request","#, r#""x":1,"#, r#""y":2}"#),
        (r#"{"error":"invalid_request","x":"#, "[", ""),
        (r#"{"error":"invalid_request","x":["#, "1,", "1]}"),
        (r#"{"error":"invalid_request","error_description":""#, "a", r#""}"#),
        (r#"{"error":"invalid_request","error_description":""#, r#"\"\\"#, r#""}"#),
        (r#"{"error":"invalid_request","error_description":""#, r#"\u0041"#, r#""}"#),
        (r#"{"error":""#, "a", r#""}"#),
        (r#"{"error":"invalid_request","error_uri":"https://a.example/"#, "%41", r#""}"#),
        ("{", r#""error":"a","#, r#""x":1}"#),
    ];
    for (prefix, unit, suffix) in CASES {
        let [ws, wm, wl] = [1 << 10, 1 << 16, 1 << 20].map(|size: usize| {
            let n = size.saturating_sub(prefix.len() + suffix.len()) / unit.len();
            work(&[*prefix, &unit.repeat(n), suffix].concat())
        });
        assert!(wl <= 8 << 20, "{prefix}{unit}: {wl}");
        assert!(wm <= 2 * 64 * ws + 64, "{prefix}{unit}: {ws} -> {wm}");
        assert!(wl <= 2 * 16 * wm + 64, "{prefix}{unit}: {wm} -> {wl}");
    }
}
