//! The byte classes of the `Link` grammar, one const-built table of bit flags, and the
//! predicates on it.

/// Byte classes of this crate, one const-built table of bit flags.
pub(crate) mod class {
    use signpost_syntax::AsciiSet;

    /// A character of an RFC 3986 `URI-reference` other than `%`:
    /// `unreserved / gen-delims / sub-delims`.
    pub(crate) const URI: u8 = 1 << 0;
    /// `HEXDIG`.
    pub(crate) const HEX: u8 = 1 << 1;
    /// `attr-char` (RFC 8187 §3.2.1).
    pub(crate) const ATTR: u8 = 1 << 2;
    /// `mime-charsetc` (RFC 8187 §3.2.1).
    pub(crate) const CHARSET: u8 = 1 << 3;
    /// RFC 3986 `unreserved`.
    pub(crate) const UNRESERVED: u8 = 1 << 4;
    /// `tchar` (RFC 9110 §5.6.2), as `signpost_syntax::is_tchar`.
    pub(crate) const TCHAR: u8 = 1 << 5;
    /// `qdtext` other than obs-text, as `signpost_syntax::is_qdtext` (the fast path of a
    /// quoted string; anything else goes to `signpost_syntax::quoted_string`).
    pub(crate) const QDTEXT: u8 = 1 << 6;

    /// `attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" /
    /// "`" / "|" / "~"` (RFC 8187 §3.2.1).
    const ATTR_CHAR: AsciiSet = AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"!#$&+-.^_`|~");
    /// `mime-charsetc = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "+" / "-" / "^" / "_" /
    /// "`" / "{" / "}" / "~"` (RFC 8187 §3.2.1).
    const MIME_CHARSETC: AsciiSet =
        AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"!#$%&+-^_`{}~");

    /// One lookup for the classes the hot loop tests together, built from the shared
    /// definitions of `signpost-syntax` (RFC 3986 sets, `tchar`, `qdtext`) and the RFC 8187
    /// sets above, so that no rule is written out twice.
    const fn build() -> [u8; 256] {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            let mut f = 0u8;
            // URI-reference characters other than `%` (which starts a pct-encoded triple).
            if AsciiSet::URI_REFERENCE.contains(b) {
                f |= URI;
            }
            if AsciiSet::UNRESERVED.contains(b) {
                f |= UNRESERVED;
            }
            if AsciiSet::HEXDIG.contains(b) {
                f |= HEX;
            }
            if AsciiSet::TCHAR.contains(b) {
                f |= TCHAR;
            }
            // qdtext without obs-text: the fast path of a quoted string; obs-text goes to
            // `signpost_syntax::quoted_string`.
            if AsciiSet::QDTEXT.contains(b) {
                f |= QDTEXT;
            }
            if ATTR_CHAR.contains(b) {
                f |= ATTR;
            }
            if MIME_CHARSETC.contains(b) {
                f |= CHARSET;
            }
            t[i] = f;
            i += 1;
        }
        t
    }

    pub(crate) static TABLE: [u8; 256] = build();

    #[inline(always)]
    pub(crate) fn has(b: u8, flag: u8) -> bool {
        TABLE[b as usize] & flag != 0
    }
}

/// Whether `b` may stand in an RFC 3986 `URI-reference` outside a `%XX` triple:
/// `unreserved / gen-delims / sub-delims`.
#[inline]
pub(crate) fn is_uri_char(b: u8) -> bool {
    class::has(b, class::URI)
}

#[inline]
pub(crate) fn is_hex(b: Option<&u8>) -> bool {
    matches!(b, Some(&b) if class::has(b, class::HEX))
}

/// CR, LF and NUL: no leniency takes them into a target or a value, since a recipient must
/// reject them or replace them before the value is used (RFC 9110 §5.5), and passing them on
/// would let a peer split a field it forwards.
#[inline(always)]
pub(crate) const fn is_field_break(b: u8) -> bool {
    matches!(b, b'\r' | b'\n' | 0)
}

#[cfg(test)]
mod tests {
    use super::class;

    /// This crate's byte classes agree with the shared ones of `signpost-syntax`, and the
    /// URI class is exactly RFC 3986's `unreserved / gen-delims / sub-delims`.
    #[test]
    fn classes_agree_with_the_lexical_layer() {
        for b in 0..=255u8 {
            assert_eq!(class::has(b, class::TCHAR), signpost_syntax::is_tchar(b), "{b:#x}");
            assert_eq!(
                class::has(b, class::QDTEXT),
                signpost_syntax::is_qdtext(b) && b < 0x80,
                "{b:#x}"
            );
            let uri = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
            assert_eq!(class::has(b, class::URI), uri, "{b:#x}");
            assert_eq!(class::has(b, class::HEX), b.is_ascii_hexdigit(), "{b:#x}");
            // attr-char is a subset of tchar: an ext-value can be a token.
            if class::has(b, class::ATTR) {
                assert!(class::has(b, class::TCHAR), "{b:#x}");
            }
        }
    }
}
