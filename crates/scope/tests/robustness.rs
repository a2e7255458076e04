//! Hostile input: parsing and writing allocate nothing (a counting allocator), the work of
//! every parser and writer grows linearly with the input (1 KiB, 64 KiB, 1 MiB of runs of
//! SP, commas, `+`, quotes, backslashes, one huge token, many tiny tokens, many duplicates;
//! measured as steps and bytes visited, never as wall time), and the SWAR and vector paths
//! agree with a byte-at-a-time model on every short input.

#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use core::fmt::{self, Write};

#[cfg(feature = "alloc")]
use signpost_scope::OwnedScopeSet;
use signpost_scope::{Leniency, Scope, ScopeLike, ScopeSet, ScopeTokens};

/// What the lenient parse forgave before each switch had a name: runs of SP, leading and
/// trailing separators, an empty input.
const SPACES_ONLY: Leniency =
    Leniency::SPACE_RUNS.union(Leniency::LEADING_TRAILING).union(Leniency::EMPTY);

fn allocations_during(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

/// A writer into a fixed buffer that counts its calls: the work of a serializer.
struct Fixed<const N: usize> {
    buf: [u8; N],
    len: usize,
    calls: usize,
}

impl<const N: usize> Fixed<N> {
    fn new() -> Self {
        Fixed { buf: [0; N], len: 0, calls: 0 }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap()
    }
}

impl<const N: usize> Write for Fixed<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.calls += 1;
        let end = self.len + s.len();
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A writer that keeps nothing and counts calls and bytes.
#[derive(Default)]
struct Counter {
    calls: usize,
    bytes: usize,
}

impl Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.calls += 1;
        self.bytes += s.len();
        Ok(())
    }
}

const SAMPLES: &[&str] = &[
    "openid profile",
    "openid profile email offline_access files:read files:write",
    "repo repo:status repo_deployment public_repo repo:invite security_events \
     admin:repo_hook write:repo_hook read:repo_hook admin:org write:org read:org \
     admin:public_key write:public_key read:public_key admin:org_hook gist \
     notifications user read:user",
    "b a b a",
    "a  b",
    "a \"b\"",
];

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))), 1);
}

#[test]
fn parsing_allocates_nothing() {
    for &input in SAMPLES {
        let n = allocations_during(|| {
            let scope = Scope::parse(input);
            std::hint::black_box(scope.map(|s| s.iter().count()).ok());
            let set = ScopeSet::<32>::parse(input);
            std::hint::black_box(set.as_ref().map(|s| s.len()).ok());
            let set = ScopeSet::<4>::parse(input); // full: a capacity error
            std::hint::black_box(set.is_ok());
            let lenient =
                ScopeSet::<32>::from_tokens(ScopeTokens::new(input).with_leniency(Leniency::ALL));
            std::hint::black_box(lenient.map(|(s, r)| (s.len(), r.is_clean())).ok());
            let tokens =
                ScopeTokens::new(input).with_leniency(Leniency::ALL).filter(Result::is_ok).count();
            std::hint::black_box(tokens);
            let bytes = ScopeSet::<32>::from_bytes(input.as_bytes());
            std::hint::black_box(bytes.is_ok());
        });
        assert_eq!(n, 0, "{input}");
    }
}

#[test]
fn set_operations_allocate_nothing() {
    let a = ScopeSet::<32>::parse(SAMPLES[2]).unwrap();
    let b = Scope::parse(SAMPLES[1]).unwrap();
    let n = allocations_during(|| {
        let mut c = ScopeSet::<64>::new();
        c.try_extend(a.union(&b)).unwrap();
        std::hint::black_box(c.is_superset(&a) && b.is_subset(&c));
        std::hint::black_box(a.intersection(&b).count() + a.difference(&b).count());
        c.sort();
        c.remove("gist");
        c.retain(|t| t.len() > 4);
        std::hint::black_box(c == a);
    });
    assert_eq!(n, 0);
}

#[test]
fn writing_into_a_fixed_buffer_allocates_nothing() {
    let set = ScopeSet::<32>::parse(SAMPLES[2]).unwrap();
    let scope = Scope::parse(SAMPLES[1]).unwrap();
    let (lenient, report) =
        ScopeSet::<8>::from_tokens(ScopeTokens::new(" b,a++a ").with_leniency(Leniency::ALL))
            .unwrap();
    let mut out = Fixed::<1024>::new();
    let n = allocations_during(|| {
        set.write_to(&mut out).unwrap();
        write!(out, " {scope} {lenient} {report}").unwrap();
        let mut sorted = set.clone();
        sorted.sort();
        write!(out, " {sorted}").unwrap();
    });
    assert_eq!(n, 0);
    assert!(out.as_str().starts_with("admin:org admin:org_hook"), "{}", out.as_str());
    assert!(out.as_str().contains(" a b "), "{}", out.as_str());
}

/// The byte-at-a-time model of the strict grammar: the tokens, or the first error
/// (offset, message) in input order, with the set parser's capacity error when `capacity`
/// distinct tokens are exceeded.
fn model(input: &str, capacity: Option<usize>) -> Result<Vec<&str>, (usize, &'static str)> {
    let b = input.as_bytes();
    if b.is_empty() {
        return Err((0, "expected scope-token"));
    }
    let mut tokens: Vec<&str> = Vec::new();
    let mut start = 0;
    let nqchar = |c: u8| c.is_ascii_graphic() && c != b'"' && c != b'\\';
    for i in 0..=b.len() {
        let end = i == b.len();
        if !end && b[i] != b' ' {
            if !nqchar(b[i]) {
                return Err((i, "expected NQCHAR in scope-token"));
            }
            continue;
        }
        if i == start {
            return Err(match (i, end) {
                (0, false) => (0, "empty scope-token (leading SP)"),
                (_, false) => (i, "empty scope-token (double SP)"),
                (_, true) => (i - 1, "empty scope-token (trailing SP)"),
            });
        }
        let token = &input[start..i];
        match capacity {
            Some(cap) if !tokens.contains(&token) && tokens.len() == cap => {
                return Err((start, "too many scope-tokens for the capacity of the scope set"));
            }
            Some(_) if tokens.contains(&token) => {}
            _ => tokens.push(token),
        }
        start = i + 1;
    }
    Ok(tokens)
}

#[track_caller]
fn check_against_model(input: &str) {
    let scope = Scope::parse(input)
        .map(|s| s.iter().map(|t| t.as_str()).collect::<Vec<_>>())
        .map_err(|e| (e.offset(), e.message()));
    assert_eq!(scope, model(input, None), "Scope::parse({input:?})");
    let set = ScopeSet::<4>::parse(input)
        .map(|s| s.iter().map(|t| t.as_str()).collect::<Vec<_>>())
        .map_err(|e| (e.offset(), e.message()));
    assert_eq!(set, model(input, Some(4)), "ScopeSet::<4>::parse({input:?})");
    let set = ScopeSet::<32>::parse(input)
        .map(|s| s.iter().map(|t| t.as_str()).collect::<Vec<_>>())
        .map_err(|e| (e.offset(), e.message()));
    assert_eq!(set, model(input, Some(32)), "ScopeSet::<32>::parse({input:?})");
    let bytes = Scope::from_bytes(input.as_bytes()).map(|s| s.as_str());
    assert_eq!(bytes, Scope::parse(input).map(|s| s.as_str()), "Scope::from_bytes({input:?})");
}

/// Every string over `a`, `b`, SP and `"` up to a length, then every placement of one and
/// two SPs (and of a bad byte) in inputs of every length up to 48: the chunked scanner's
/// lanes, its last overlapping chunk and its short-input paths all meet the model.
#[test]
fn every_short_input_agrees_with_the_model() {
    let alphabet = [b'a', b'b', b' ', b'"'];
    let max = if cfg!(miri) { 3 } else { 7 };
    for len in 0..=max {
        let mut digits = vec![0usize; len];
        loop {
            let s: String = digits.iter().map(|&d| char::from(alphabet[d])).collect();
            check_against_model(&s);
            let Some(i) = digits.iter().position(|&d| d + 1 < alphabet.len()) else { break };
            digits[i] += 1;
            digits[..i].iter_mut().for_each(|d| *d = 0);
        }
    }
    let lens: Vec<usize> = if cfg!(miri) { vec![7, 8, 9, 15, 16, 17] } else { (1..=48).collect() };
    for &len in &lens {
        let base: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
        for i in 0..len {
            for byte in [b' ', b'\t', b'"', 0x7F, b'~'] {
                let mut v = base.clone();
                v[i] = byte;
                check_against_model(core::str::from_utf8(&v).unwrap());
                if !cfg!(miri) {
                    for j in i + 2..len {
                        let mut w = v.clone();
                        w[j] = b' ';
                        check_against_model(core::str::from_utf8(&w).unwrap());
                    }
                }
            }
        }
    }
}

/// The sizes of the adversarial inputs: 1 KiB, 64 KiB and 1 MiB (smaller under Miri).
const SIZES: [usize; 3] =
    if cfg!(miri) { [1 << 5, 1 << 7, 1 << 9] } else { [1 << 10, 1 << 16, 1 << 20] };

/// An adversarial input of `size` bytes: `unit` repeated, or (for `None`) distinct tiny
/// tokens.
fn adversarial(unit: Option<&str>, size: usize) -> String {
    let mut s = String::with_capacity(size + 8);
    match unit {
        Some(unit) => {
            while s.len() < size {
                s.push_str(unit);
            }
        }
        None => {
            // Counting down: each token sorts before the ones already seen.
            let mut i = 0u32;
            while s.len() < size {
                let n = 90 * 90 * 90 - 1 - i % (90 * 90 * 90);
                let digits = [n / 8100, n / 90 % 90, n % 90];
                for c in digits.map(|d| char::from(b'!' + d as u8)) {
                    s.push(if c == '"' || c == '\\' { 'x' } else { c });
                }
                s.push(' ');
                i += 1;
            }
        }
    }
    s.truncate(size);
    s
}

const UNITS: &[Option<&str>] = &[
    Some(" "),
    Some(","),
    Some("+"),
    Some("\""),
    Some("\\"),
    Some("a"), // one huge token
    Some("a "),
    Some("a,"),
    Some("a+b "),
    Some(", +\t"),
    Some("dup "), // many duplicates
    Some("x \"y"),
    None, // many distinct tiny tokens
];

/// What every parser and writer does with `input`, as a count of steps and bytes: tokens
/// and steps of the iterators, bytes and calls of the writers, the offset an error was
/// found at. None of it is wall time.
fn work(input: &str) -> usize {
    let mut work = 0;
    match Scope::parse(input) {
        Ok(scope) => {
            for t in scope.iter() {
                work += 1 + t.len();
            }
            let mut out = Counter::default();
            write!(out, "{scope}").unwrap();
            work += out.calls + out.bytes;
        }
        Err(e) => work += e.offset(),
    }
    match ScopeSet::<32>::parse(input) {
        Ok(set) => {
            let mut out = Counter::default();
            set.write_to(&mut out).unwrap();
            work += set.len() + out.calls + out.bytes;
        }
        Err(e) => work += e.offset(),
    }
    for leniency in [Leniency::ALL, SPACES_ONLY] {
        let mut tokens = ScopeTokens::new(input).with_leniency(leniency);
        for t in tokens.by_ref() {
            work += 1 + t.map_or(0, |t| t.len());
        }
        work += tokens.normalised().iter().count();
        match ScopeSet::<32>::from_tokens(ScopeTokens::new(input).with_leniency(leniency)) {
            Ok((set, report)) => {
                let mut out = Counter::default();
                write!(out, "{set} {report}").unwrap();
                work += set.len() + out.calls + out.bytes;
            }
            Err(e) => work += e.offset(),
        }
        #[cfg(feature = "alloc")]
        if let Ok((set, _)) =
            OwnedScopeSet::from_tokens(ScopeTokens::new(input).with_leniency(leniency))
        {
            let mut out = Counter::default();
            write!(out, "{set}").unwrap();
            work += set.len() + out.calls + out.bytes;
        }
    }
    work
}

/// The work on 1 KiB, 64 KiB and 1 MiB of each adversarial input grows with the input, not
/// with its square: at most a few steps per byte, and each size step (64x, 16x) multiplies
/// the work by at most that much (plus slack). No allocation-free claim here: the owned
/// set allocates.
#[test]
#[cfg_attr(miri, ignore)] // every pattern at three sizes: minutes under Miri even at its sizes, no unsafe code
fn work_grows_linearly_with_input() {
    for &unit in UNITS {
        let [small, medium, large] = SIZES.map(|size| work(&adversarial(unit, size)));
        let [s, m, l] = SIZES;
        for (w, size) in [(small, s), (medium, m), (large, l)] {
            assert!(w <= 16 * size, "{unit:?}: {w} steps for {size} bytes");
        }
        if small > 0 {
            assert!(medium <= (m / s) * small * 2 + 64, "{unit:?}: {small} -> {medium}");
            assert!(large <= (l / m) * medium * 2 + 64, "{unit:?}: {medium} -> {large}");
        }
    }
}

/// Parsing and writing the adversarial inputs allocates nothing either (the borrowed and
/// fixed-capacity types).
#[test]
fn hostile_input_allocates_nothing() {
    for &unit in UNITS {
        let input = adversarial(unit, SIZES[1]);
        let n = allocations_during(|| {
            let scope = Scope::parse(&input);
            std::hint::black_box(scope.map(|s| s.iter().count()).ok());
            let set = ScopeSet::<32>::parse(&input);
            std::hint::black_box(set.map(|s| s.canonical_len()).ok());
            let lenient =
                ScopeSet::<32>::from_tokens(ScopeTokens::new(&input).with_leniency(Leniency::ALL));
            std::hint::black_box(lenient.map(|(s, r)| (s.len(), r.is_clean())).ok());
            let mut out = Counter::default();
            if let Ok(scope) = Scope::parse(&input) {
                write!(out, "{scope}").unwrap();
            }
            if let Ok(set) = ScopeSet::<32>::parse(&input) {
                set.write_to(&mut out).unwrap();
            }
            std::hint::black_box(out.bytes);
        });
        assert_eq!(n, 0, "{unit:?}");
    }
}

/// A lenient iterator makes progress on every step: at most one step per input byte plus
/// one, whatever the input.
#[test]
fn each_lenient_step_makes_progress() {
    for &unit in UNITS {
        let input = adversarial(unit, SIZES[1]);
        for leniency in [Leniency::ALL, SPACES_ONLY] {
            let steps =
                ScopeTokens::new(&input).with_leniency(leniency).take(input.len() + 2).count();
            assert!(steps <= input.len() + 1, "{unit:?}");
        }
    }
}
