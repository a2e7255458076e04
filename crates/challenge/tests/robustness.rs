//! Hostile input: parsing and writing allocate nothing (a counting global allocator), and
//! parse work grows linearly with the input (the ratio of work between input sizes, not wall
//! time).

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_challenge::{bearer_token, parse_credentials, ChallengeWriter, Challenges, Leniency};

fn allocations_during(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

/// Parses `input` and touches every challenge, param and value; returns a work measure
/// (bytes of names and unescaped values visited plus items seen).
fn visit(input: &[u8], allow: Leniency) -> usize {
    let mut work = 0;
    for c in Challenges::new(input).with_leniency(allow) {
        work += 1;
        if let Ok(c) = c {
            work += c.scheme().len();
            for p in c.params() {
                work += p.name().len() + p.value().bytes().count();
            }
        }
    }
    work
}

const SAMPLES: &[&[u8]] = &[
    br#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#,
    br#"Bearer error="invalid_request", error_description="Multiple methods", DPoP algs="ES256 PS256", error="invalid_request""#,
    b"Negotiate YIIFyQYGKwYBBQUCoII=, NTLM",
    br#"Bearer realm="x" error="y", Token realm='a', Basic realm=My Realm"#,
];

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))), 1);
}

#[test]
fn parsing_allocates_nothing() {
    for input in SAMPLES {
        for allow in [Leniency::NONE, Leniency::ALL] {
            let n = allocations_during(|| {
                std::hint::black_box(visit(input, allow));
            });
            assert_eq!(n, 0, "{}", String::from_utf8_lossy(input));
        }
    }
    let n = allocations_during(|| {
        std::hint::black_box(bearer_token(b"Bearer mF_9.B5f-4.1JqM").unwrap());
        std::hint::black_box(parse_credentials(br#"Digest username="a", nc=1"#).unwrap());
    });
    assert_eq!(n, 0);
}

#[test]
fn writing_into_a_fixed_buffer_allocates_nothing() {
    let mut out = heapless::String::<512>::new();
    let n = allocations_during(|| {
        let mut w = ChallengeWriter::new(&mut out);
        w.challenge("Bearer").unwrap();
        w.param("realm", "example").unwrap();
        w.param_quoted("error", "insufficient_scope").unwrap();
        w.param("scope", "files:read files:write").unwrap();
        for c in Challenges::new(SAMPLES[0]) {
            w.parsed(&c.unwrap()).unwrap();
        }
    });
    assert_eq!(n, 0);
    assert!(out.len() > 100);
}

/// Adversarial inputs of a given size, built from a repeated unit.
#[cfg(not(miri))]
fn adversarial(unit: &[u8], size: usize) -> Vec<u8> {
    unit.iter().copied().cycle().take(size).collect()
}

#[cfg(not(miri))]
const UNITS: &[&[u8]] = &[
    b",",
    b", ,",
    b"\"",
    b"\\",
    b"=",
    b"a=b, ",
    b"Basic, ",
    b"Bearer realm=\"\\\"\\\\\", ",
    b"x a=\"",
    b"Negotiate abc==, ",
    b"a a=",
    b"Bearer a=b c ",
];

/// Time is not asserted: the test checks that parse *work* (items and bytes visited, as
/// returned by `visit`) stays proportional to the input, and that each parse terminates
/// without panicking. A quadratic rescan would show up as work growing faster than size.
#[test]
#[cfg(not(miri))] // megabytes of input: too slow under Miri, and no unsafe code to check
fn work_grows_linearly_with_input() {
    for unit in UNITS {
        for allow in [Leniency::NONE, Leniency::ALL] {
            let small = visit(&adversarial(unit, 1 << 10), allow);
            let medium = visit(&adversarial(unit, 1 << 16), allow);
            let large = visit(&adversarial(unit, 1 << 20), allow);
            // Work can never exceed a small constant per input byte.
            assert!(large <= 4 << 20, "{:?}: {large}", String::from_utf8_lossy(unit));
            // And it scales with the input, not with its square.
            if small > 0 {
                assert!(
                    medium <= 64 * small * 2 + 64,
                    "{:?}: {small} -> {medium}",
                    String::from_utf8_lossy(unit)
                );
                assert!(
                    large <= 16 * medium * 2 + 64,
                    "{:?}: {medium} -> {large}",
                    String::from_utf8_lossy(unit)
                );
            }
        }
    }
}

/// The same inputs under a step budget: `Iterator::next` is called at most once per input
/// byte plus one, whatever the input (each call makes progress).
#[test]
#[cfg(not(miri))]
fn each_step_makes_progress() {
    for unit in UNITS {
        let input = adversarial(unit, 1 << 16);
        for allow in [Leniency::NONE, Leniency::ALL] {
            let steps = Challenges::new(&input).with_leniency(allow).take(input.len() + 2).count();
            assert!(steps <= input.len() + 1, "{:?}", String::from_utf8_lossy(unit));
        }
    }
}
