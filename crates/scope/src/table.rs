//! The byte classes of RFC 6749 §3.3 and of the lenient parse, as one const-built table.

/// `NQCHAR = %x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A): the bytes of a `scope-token`.
pub(crate) const NQCHAR: u8 = 1 << 0;
/// Whitespace other than SP that the lenient parse takes as a separator: HTAB, LF, FF, CR.
pub(crate) const OTHER_WS: u8 = 1 << 1;

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut f = 0u8;
        // NQCHAR = %x21 / %x23-5B / %x5D-7E
        if b == 0x21 || (b >= 0x23 && b <= 0x5B) || (b >= 0x5D && b <= 0x7E) {
            f |= NQCHAR;
        }
        if matches!(b, b'\t' | b'\n' | 0x0C | b'\r') {
            f |= OTHER_WS;
        }
        t[i] = f;
        i += 1;
    }
    t
}

/// The class table: `CLASS[b] & FLAG != 0` when byte `b` is in class `FLAG`.
pub(crate) static CLASS: [u8; 256] = build();

/// The same table for `const fn`s (a `static` cannot be read in a constant).
const CONST_CLASS: [u8; 256] = build();

/// `NQCHAR = %x21 / %x23-5B / %x5D-7E` (RFC 6749 Appendix A).
#[inline(always)]
pub(crate) fn is_nqchar(b: u8) -> bool {
    CLASS[b as usize] & NQCHAR != 0
}

/// [`is_nqchar`] for constant evaluation.
pub(crate) const fn is_nqchar_const(b: u8) -> bool {
    CONST_CLASS[b as usize] & NQCHAR != 0
}

/// Whether `b` is HTAB, LF, FF or CR.
#[inline(always)]
pub(crate) fn is_other_ws(b: u8) -> bool {
    CLASS[b as usize] & OTHER_WS != 0
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The lanes of `z` that are zero, each flagged by its high bit. Exact: the sums stay
/// inside their lanes, so no carry crosses from one lane into another.
#[inline(always)]
pub(crate) fn zero_lanes(z: u64) -> u64 {
    !(((z & LOW7) + LOW7) | z) & HIGH
}

/// The lanes of `word` that are neither SP nor `NQCHAR` (non-zero when there is one):
/// non-ASCII, below SP, DEL, `"` and `\`. Exact in every lane.
#[cfg_attr(not(feature = "perf"), allow(dead_code))]
#[inline(always)]
pub(crate) fn invalid_lanes(word: u64) -> u64 {
    let low = word & LOW7;
    let below = !(low + ONES * 0x60) & HIGH;
    let del = (low + ONES) & HIGH;
    let quote = zero_lanes(word ^ (ONES * 0x22));
    let backslash = zero_lanes(word ^ (ONES * 0x5C));
    (word & HIGH) | below | del | quote | backslash
}

/// The lanes of `word` that are SP.
#[cfg_attr(not(feature = "perf"), allow(dead_code))]
#[inline(always)]
pub(crate) fn sp_lanes(word: u64) -> u64 {
    zero_lanes(word ^ (ONES * 0x20))
}

/// Whether any byte of `chunk` is neither SP nor an `NQCHAR`. Written as a branch-free fold
/// so that the compiler turns it into vector compares on targets that have them.
#[cfg_attr(not(feature = "perf"), allow(dead_code))]
#[inline(always)]
pub(crate) fn any_invalid(chunk: &[u8]) -> bool {
    chunk
        .iter()
        .fold(false, |bad, &b| bad | !(0x20..=0x7E).contains(&b) | (b == b'"') | (b == b'\\'))
}

/// The SP lanes of `word`, for a word known to hold only SP and `NQCHAR`s (all lanes in
/// 0x20..=0x7E, so adding 0x5F carries into no neighbour): lane + 0x5F reaches the high bit
/// for every lane but 0x20.
#[cfg_attr(not(feature = "perf"), allow(dead_code))]
#[inline(always)]
pub(crate) fn sp_lanes_of_valid(word: u64) -> u64 {
    !word.wrapping_add(ONES * 0x5F) & HIGH
}

/// The lanes below `n` (0..=8).
#[inline(always)]
pub(crate) fn lanes_below(n: usize) -> u64 {
    // Branch-free: `n.min(8)` lanes of ones, as a shift of all ones.
    let n = n.min(8) as u32;
    u64::MAX.checked_shr(64 - 8 * n).unwrap_or(0)
}

/// Eight bytes of `b` from `at`, little-endian. Past the end of `b` the lanes hold bytes from
/// before `at` or zeros: callers mask them off with [`lanes_below`].
#[inline(always)]
pub(crate) fn load_word(b: &[u8], at: usize) -> u64 {
    if let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        return u64::from_le_bytes(word);
    }
    let len = b.len();
    if let Some(last) = len.checked_sub(8).and_then(|from| b.get(from..)) {
        // The last eight bytes, shifted so that lane 0 is `b[at]`.
        let mut word = [0u8; 8];
        word.copy_from_slice(last);
        let shift = 8 * (at + 8 - len);
        return if shift >= 64 { 0 } else { u64::from_le_bytes(word) >> shift };
    }
    let mut word = [0u8; 8];
    for (w, &c) in word.iter_mut().zip(b.get(at..).unwrap_or(&[])) {
        *w = c;
    }
    u64::from_le_bytes(word)
}

/// The first eight bytes of a token of `n` bytes at `start`, zero-padded, little-endian.
#[inline(always)]
pub(crate) fn head_of(b: &[u8], start: usize, n: usize) -> u64 {
    load_word(b, start) & lanes_below(n)
}

/// The hash of a token the sets use to find duplicates: from its first eight bytes (`head`,
/// zero-padded, little-endian), its last eight and its length. Equal tokens have equal
/// hashes; a collision only costs a string comparison.
#[inline(always)]
pub(crate) fn token_hash(b: &[u8], end: usize, n: usize, head: u64) -> u32 {
    let tail = if n > 8 { load_word(b, end - 8) } else { 0 };
    let x = head ^ tail.rotate_left(29) ^ (n as u64);
    // Fibonacci hashing: the top half of the product. A multiply only carries upwards, so
    // the top bits depend on every bit of `x`; the sets use those (index buckets, tags).
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// [`token_hash`] of a whole token.
#[inline]
pub(crate) fn hash_of(token: &[u8]) -> u32 {
    let n = token.len();
    token_hash(token, n, n, head_of(token, 0, n))
}

/// The byte-wise ordering key of a token from its `head`: comparing keys orders tokens as
/// their first eight bytes do (no NQCHAR is NUL, so the padding sorts a prefix first).
#[inline(always)]
pub(crate) fn order_key(head: u64) -> u64 {
    head.swap_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nqchar_is_exactly_the_rfc_ranges() {
        let mut count = 0;
        for b in 0..=255u8 {
            let expected = b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b);
            assert_eq!(is_nqchar(b), expected, "{b:#04x}");
            assert_eq!(is_nqchar_const(b), expected, "{b:#04x}");
            count += usize::from(expected);
            // NQCHAR is VCHAR without '"' and '\'.
            assert_eq!(expected, b.is_ascii_graphic() && b != b'"' && b != b'\\');
            assert!(!(is_nqchar(b) && is_other_ws(b)));
        }
        assert_eq!(count, 92);
    }

    /// The masks the slow way.
    fn expected(bytes: [u8; 8]) -> (u64, u64) {
        let mut sp = 0;
        let mut other = 0;
        for (lane, &b) in bytes.iter().enumerate() {
            if b == b' ' {
                sp |= 0x80 << (8 * lane);
            } else if !is_nqchar(b) {
                other |= 0x80 << (8 * lane);
            }
        }
        (sp, other)
    }

    #[test]
    fn swar_masks_are_exact_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[lane] = b;
                let word = u64::from_le_bytes(bytes);
                assert_eq!(
                    (sp_lanes(word), invalid_lanes(word)),
                    expected(bytes),
                    "{b:#04x} in lane {lane}"
                );
                assert_eq!(sp_lanes(word), expected(bytes).0);
            }
        }
        if cfg!(miri) {
            // Pure arithmetic, already covered above: too slow to repeat under Miri.
            return;
        }
        // Every pair of interesting bytes in every pair of lanes: no lane leaks into another.
        let interesting = [
            0x00u8, 0x01, 0x09, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80,
            0xA0, 0xA1, 0xC3, 0xFF, b'a',
        ];
        for &x in &interesting {
            for &y in &interesting {
                for i in 0..8 {
                    for j in 0..8 {
                        let mut bytes = *b"ABCDEFGH";
                        bytes[i] = x;
                        bytes[j] = y;
                        let word = u64::from_le_bytes(bytes);
                        assert_eq!(
                            (sp_lanes(word), invalid_lanes(word)),
                            expected(bytes),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let bytes = [a, b, a, b, b, a, b, a];
                let word = u64::from_le_bytes(bytes);
                assert_eq!((sp_lanes(word), invalid_lanes(word)), expected(bytes), "{bytes:?}");
            }
        }
    }

    #[test]
    fn lanes_below_n() {
        assert_eq!(lanes_below(0), 0);
        assert_eq!(lanes_below(1), 0xFF);
        assert_eq!(lanes_below(7), 0x00FF_FFFF_FFFF_FFFF);
        assert_eq!(lanes_below(8), u64::MAX);
    }

    #[test]
    fn heads_hashes_and_keys() {
        let b = b"abcdefghij k";
        assert_eq!(head_of(b, 0, 10), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(head_of(b, 0, 3), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(head_of(b, 11, 1), u64::from_le_bytes(*b"k\0\0\0\0\0\0\0"));
        assert_eq!(head_of(b, 5, 5), u64::from_le_bytes(*b"fghij\0\0\0"));
        assert_eq!(head_of(b"ab", 0, 2), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        // The hash of a token in its input equals the hash of the token alone.
        assert_eq!(token_hash(b, 10, 10, head_of(b, 0, 10)), hash_of(b"abcdefghij"));
        assert_eq!(token_hash(b, 12, 1, head_of(b, 11, 1)), hash_of(b"k"));
        assert_ne!(hash_of(b"abcdefghij"), hash_of(b"abcdefghik"));
        // Tokens that differ only deep inside still spread over the 64 index buckets.
        let mut buckets = [0u32; 64];
        for i in 0..64 {
            let token = std::format!("resource:{i:02}:read");
            buckets[(hash_of(token.as_bytes()) >> 26) as usize] += 1;
        }
        assert!(buckets.iter().all(|&c| c <= 5), "{buckets:?}");
        assert!(order_key(head_of(b"ab", 0, 2)) < order_key(head_of(b"abc", 0, 3)));
        assert!(order_key(head_of(b"Z", 0, 1)) < order_key(head_of(b"a", 0, 1)));
    }

    #[test]
    fn chunk_checks() {
        for b in 0..=255u8 {
            let mut chunk = *b"abcdefgh abcdefg";
            chunk[5] = b;
            assert_eq!(any_invalid(&chunk), b != b' ' && !is_nqchar(b), "{b:#04x}");
            if !any_invalid(&chunk) {
                let word = u64::from_le_bytes(chunk[..8].try_into().unwrap());
                assert_eq!(sp_lanes_of_valid(word), sp_lanes(word), "{b:#04x}");
            }
        }
    }

    #[test]
    fn load_word_near_the_end() {
        let b = b"abcdefghij";
        assert_eq!(load_word(b, 0).to_le_bytes(), *b"abcdefgh");
        assert_eq!(load_word(b, 2).to_le_bytes(), *b"cdefghij");
        assert_eq!(load_word(b, 3) & lanes_below(7), u64::from_le_bytes(*b"defghij\0"));
        assert_eq!(load_word(b, 9) & lanes_below(1), u64::from(b'j'));
        assert_eq!(load_word(b, 10) & lanes_below(0), 0);
        assert_eq!(load_word(b, 99), 0);
        assert_eq!(load_word(b"abc", 1) & lanes_below(2), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
    }
}
