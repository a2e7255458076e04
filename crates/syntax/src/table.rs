//! Byte classes of RFC 9110 §5.6, as one const-built 256-entry table of bit flags.

use crate::uri::AsciiSet;

/// `tchar` (RFC 9110 §5.6.2).
pub(crate) const TCHAR: u8 = 1 << 0;
/// `qdtext` (RFC 9110 §5.6.4): HTAB, SP, `!`, `#`-`[`, `]`-`~`, obs-text.
pub(crate) const QDTEXT: u8 = 1 << 1;
/// The byte after a backslash in a `quoted-pair`: HTAB, SP, VCHAR, obs-text.
pub(crate) const ESCAPABLE: u8 = 1 << 2;
/// The non-padding characters of `token68` (RFC 9110 §11.2).
pub(crate) const TOKEN68: u8 = 1 << 3;
/// `OWS` / `BWS` / `RWS` whitespace: SP and HTAB (RFC 9110 §5.6.3).
pub(crate) const WS: u8 = 1 << 4;
/// `VCHAR` (RFC 5234 B.1): %x21-7E.
pub(crate) const VCHAR: u8 = 1 << 5;
/// `obs-text` (RFC 9110 §5.5): %x80-FF.
pub(crate) const OBS_TEXT: u8 = 1 << 6;
/// Bytes that may not be written into a field value at all: CTLs other than HTAB, and DEL
/// (RFC 9110 §5.5 `field-vchar`, and the CR/LF/NUL rule).
pub(crate) const FORBIDDEN: u8 = 1 << 7;

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut f = 0u8;
        let alnum = b.is_ascii_alphanumeric();
        if AsciiSet::TCHAR.contains(b) {
            f |= TCHAR;
        }
        // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
        if AsciiSet::QDTEXT.contains(b) || b >= 0x80 {
            f |= QDTEXT;
        }
        // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
        if b == b'\t' || b == b' ' || (b >= 0x21 && b <= 0x7E) || b >= 0x80 {
            f |= ESCAPABLE;
        }
        // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
        if alnum || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/') {
            f |= TOKEN68;
        }
        if b == b' ' || b == b'\t' {
            f |= WS;
        }
        if b >= 0x21 && b <= 0x7E {
            f |= VCHAR;
        }
        if b >= 0x80 {
            f |= OBS_TEXT;
        }
        if (b < 0x20 && b != b'\t') || b == 0x7F {
            f |= FORBIDDEN;
        }
        t[i] = f;
        i += 1;
    }
    t
}

/// The class table: `CLASS[b] & FLAG != 0` when byte `b` is in class `FLAG`.
pub(crate) static CLASS: [u8; 256] = build();

#[inline(always)]
pub(crate) fn has(b: u8, flag: u8) -> bool {
    CLASS[b as usize] & flag != 0
}

/// `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA`
/// (RFC 9110 §5.6.2).
///
/// ```
/// assert!(signpost_syntax::is_tchar(b'~'));
/// assert!(!signpost_syntax::is_tchar(b'='));
/// ```
#[inline]
pub fn is_tchar(b: u8) -> bool {
    has(b, TCHAR)
}

/// `qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text` (RFC 9110 §5.6.4).
///
/// ```
/// assert!(signpost_syntax::is_qdtext(b' '));
/// assert!(!signpost_syntax::is_qdtext(b'"'));
/// assert!(!signpost_syntax::is_qdtext(b'\\'));
/// ```
#[inline]
pub fn is_qdtext(b: u8) -> bool {
    has(b, QDTEXT)
}

/// The second byte of `quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )` (RFC 9110 §5.6.4).
#[inline]
pub fn is_escapable(b: u8) -> bool {
    has(b, ESCAPABLE)
}

/// A non-padding character of
/// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="` (RFC 9110 §11.2).
#[inline]
pub fn is_token68_char(b: u8) -> bool {
    has(b, TOKEN68)
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3): whether `b` is SP or HTAB.
#[inline]
pub fn is_ows(b: u8) -> bool {
    has(b, WS)
}

/// `VCHAR = %x21-7E` (RFC 5234 Appendix B.1).
#[inline]
pub fn is_vchar(b: u8) -> bool {
    has(b, VCHAR)
}

/// `obs-text = %x80-FF` (RFC 9110 §5.5).
#[inline]
pub fn is_obs_text(b: u8) -> bool {
    has(b, OBS_TEXT)
}

/// Whether `b` may never appear in a field value a sender writes: NUL, CR, LF and every other
/// control byte except HTAB, and DEL (RFC 9110 §5.5).
#[inline]
pub fn is_forbidden_in_field(b: u8) -> bool {
    has(b, FORBIDDEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(flag: u8) -> [u8; 128] {
        let mut out = [b'.'; 128];
        for b in 0..128u8 {
            if has(b, flag) {
                out[b as usize] = if b.is_ascii_graphic() { b } else { b'#' };
            }
        }
        out
    }

    /// Prints the ASCII half of every class for human inspection (`cargo test -- --nocapture`)
    /// and checks the subset laws the parsers rely on.
    #[test]
    fn classes_and_invariants() {
        for (name, flag) in [("tchar", TCHAR), ("qdtext", QDTEXT), ("token68", TOKEN68)] {
            let row = show(flag);
            std::println!("{name:>8}: {}", core::str::from_utf8(&row[32..]).unwrap());
        }
        for b in 0..=255u8 {
            // tchar ⊂ qdtext ⊂ escapable, token68 ⊂ tchar + "/", vchar ⊂ escapable
            if is_tchar(b) {
                assert!(is_qdtext(b), "tchar {b:#x} not qdtext");
                assert!(is_vchar(b));
            }
            if is_qdtext(b) {
                assert!(is_escapable(b), "qdtext {b:#x} not escapable");
            }
            if is_token68_char(b) {
                assert!(is_tchar(b) || b == b'/', "token68 {b:#x}");
            }
            if is_vchar(b) || is_obs_text(b) || b == b' ' || b == b'\t' {
                assert!(!is_forbidden_in_field(b));
            } else {
                assert!(is_forbidden_in_field(b), "{b:#x} should be forbidden");
            }
            assert_eq!(is_qdtext(b), is_escapable(b) && b != b'"' && b != b'\\');
        }
        // The delimiters of RFC 9110 §5.6.2 are exactly the VCHARs that are not tchar.
        let delims = b"\"(),/:;<=>?@[\\]{}";
        for b in 0x21..0x7Fu8 {
            assert_eq!(is_tchar(b), !delims.contains(&b), "{}", b as char);
        }
    }
}
