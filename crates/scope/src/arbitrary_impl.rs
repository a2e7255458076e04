//! `arbitrary`: structure-aware generation, always of valid tokens and scopes.

use arbitrary::{Arbitrary, Result, Unstructured};

use crate::table::is_nqchar;
use crate::{OwnedScopeSet, Scope, ScopeSet, ScopeToken, ScopeTokenBuf};

/// Real-world tokens, so that generated sets overlap and hierarchies have something to do.
const SAMPLES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "offline_access",
    "repo",
    "repo:status",
    "files:read",
    "files:write",
    "user:email",
    "read:org",
    "https://www.googleapis.com/auth/drive.readonly",
    "repository:samalba/my-app:pull,push",
    "repository:localhost:5000/foo:pull",
    "a",
    "b",
    "!",
    "~",
];

/// The 92 `NQCHAR`s, in order.
const NQCHARS: [u8; 92] = {
    let mut out = [0u8; 92];
    let mut b = 0x21u8;
    let mut i = 0;
    while b <= 0x7E {
        if b != b'"' && b != b'\\' {
            out[i] = b;
            i += 1;
        }
        b += 1;
    }
    out
};

/// A token: a real-world sample, or a run of `NQCHAR`s borrowed from the fuzzer's bytes.
impl<'a> Arbitrary<'a> for ScopeToken<'a> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<ScopeToken<'a>> {
        if u.ratio(1, 2)? {
            return Ok(ScopeToken::new_unchecked(u.choose(SAMPLES)?));
        }
        let len = u.int_in_range(1..=32)?;
        let bytes = u.bytes(len.min(u.len()))?;
        let valid = bytes.iter().position(|&b| !is_nqchar(b)).unwrap_or(bytes.len());
        match bytes.get(..valid).map(core::str::from_utf8) {
            Some(Ok(s)) if !s.is_empty() => Ok(ScopeToken::new_unchecked(s)),
            _ => Ok(ScopeToken::new_unchecked(u.choose(SAMPLES)?)),
        }
    }
}

/// A scope borrowed from the fuzzer's bytes: the longest valid scope at their start, with
/// leading SP skipped; a sample when there is none.
impl<'a> Arbitrary<'a> for Scope<'a> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Scope<'a>> {
        let len = u.int_in_range(1..=256)?;
        let bytes = u.bytes(len.min(u.len()))?;
        let end = bytes.iter().position(|&b| !is_nqchar(b) && b != b' ').unwrap_or(bytes.len());
        let mut s = bytes.get(..end).unwrap_or(&[]);
        while let [b' ', rest @ ..] = s {
            s = rest;
        }
        if let Some(double) = s.windows(2).position(|w| w == b"  ") {
            s = s.get(..double).unwrap_or(&[]);
        }
        while let [rest @ .., b' '] = s {
            s = rest;
        }
        match Scope::from_bytes(s) {
            Ok(scope) => Ok(scope),
            Err(_) => Ok(Scope::from(ScopeToken::new_unchecked(u.choose(SAMPLES)?))),
        }
    }
}

/// Up to `N` arbitrary tokens (duplicates collapse).
impl<'a, const N: usize> Arbitrary<'a> for ScopeSet<'a, N> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<ScopeSet<'a, N>> {
        let mut set = ScopeSet::new();
        let count = u.int_in_range(0..=N)?;
        for _ in 0..count {
            // Never full: at most N inserts.
            let _ = set.insert(ScopeToken::arbitrary(u)?);
        }
        Ok(set)
    }
}

/// A token of 1 to 32 `NQCHAR`s, or a real-world sample.
impl<'a> Arbitrary<'a> for ScopeTokenBuf {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<ScopeTokenBuf> {
        if u.ratio(1, 3)? {
            return Ok(ScopeToken::new_unchecked(u.choose(SAMPLES)?).to_buf());
        }
        let len = u.int_in_range(1..=32usize)?;
        let mut s = alloc::string::String::with_capacity(len);
        for _ in 0..len {
            s.push(char::from(*u.choose(&NQCHARS)?));
        }
        Ok(ScopeTokenBuf(s))
    }
}

/// Up to 64 arbitrary tokens (duplicates collapse).
impl<'a> Arbitrary<'a> for OwnedScopeSet {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<OwnedScopeSet> {
        let count = u.int_in_range(0..=64usize)?;
        let mut set = OwnedScopeSet::new();
        for _ in 0..count {
            set.insert_buf(ScopeTokenBuf::arbitrary(u)?);
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn nqchars_are_the_table() {
        assert!(NQCHARS.iter().all(|&b| is_nqchar(b)));
        assert_eq!((0..=255u8).filter(|&b| is_nqchar(b)).count(), NQCHARS.len());
    }

    #[test]
    fn generated_values_are_valid() {
        let mut seed = 0x1234_5678_u32;
        let mut data = alloc::vec::Vec::new();
        for _ in 0..4096 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            data.push((seed >> 16) as u8);
        }
        // A few under Miri, which interprets every step.
        let starts = if cfg!(miri) { 8 } else { 256 };
        for start in 0..starts {
            let mut u = Unstructured::new(&data[start..]);
            let token = ScopeToken::arbitrary(&mut u).unwrap();
            assert!(ScopeToken::is_valid(token.as_bytes()), "{token:?}");
            let scope = Scope::arbitrary(&mut u).unwrap();
            assert_eq!(Scope::parse(scope.as_str()), Ok(scope));
            let set = ScopeSet::<'_, 8>::arbitrary(&mut u).unwrap();
            if !set.is_empty() {
                assert_eq!(ScopeSet::<8>::parse(&set.to_string()).unwrap(), set);
            }
            let owned = OwnedScopeSet::arbitrary(&mut u).unwrap();
            if !owned.is_empty() {
                assert_eq!(OwnedScopeSet::parse(&owned.to_string()).unwrap(), owned);
            }
        }
    }
}
