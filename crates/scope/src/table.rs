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

/// Whether every byte of the eight in `word` is an `NQCHAR`: none below 0x21 (controls and
/// SP), none above 0x7E (DEL and non-ASCII), none equal to `"` (0x22) or `\` (0x5C).
///
/// The classic SWAR tests (Hacker's Delight §6.1): `has_less(x, n)` and `has_zero(x)` set
/// the high bit of a lane when that lane matches; false positives never happen for these
/// thresholds because every lane that sets a bit is checked again byte by byte.
#[inline(always)]
pub(crate) fn all_nqchar8(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    #[inline(always)]
    fn has_zero(x: u64) -> u64 {
        x.wrapping_sub(ONES) & !x & HIGH
    }
    // A lane < 0x21: subtracting 0x21 borrows into its high bit (lanes are < 0x80 here).
    let below = word.wrapping_sub(ONES * 0x21) & !word & HIGH;
    // A lane > 0x7E: either the high bit is set (>= 0x80) or the lane is 0x7F.
    let above = (word & HIGH) | has_zero(word ^ (ONES * 0x7F));
    let quote = has_zero(word ^ (ONES * 0x22));
    let backslash = has_zero(word ^ (ONES * 0x5C));
    (below | above | quote | backslash) == 0
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

    #[test]
    fn swar_agrees_with_the_table_on_every_byte_in_every_lane() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[lane] = b;
                let word = u64::from_le_bytes(bytes);
                assert_eq!(all_nqchar8(word), is_nqchar(b), "byte {b:#04x} in lane {lane}");
            }
        }
        // Neighbouring lanes must not influence each other (borrows run upwards).
        for a in 0..=255u8 {
            for b in [0x00u8, 0x20, 0x21, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xFF] {
                let word = u64::from_le_bytes([a, b, a, b, a, b, a, b]);
                assert_eq!(all_nqchar8(word), is_nqchar(a) && is_nqchar(b), "{a:#04x} {b:#04x}");
            }
        }
    }
}
