//! The byte classes of the `Link` grammar, one const-built table of bit flags, and the
//! predicates on it.

/// Byte classes of this crate, one const-built table of bit flags.
pub(crate) mod class {
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

    const fn build() -> [u8; 256] {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            let alnum = b.is_ascii_alphanumeric();
            let mut f = 0u8;
            // unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
            let unreserved = alnum || matches!(b, b'-' | b'.' | b'_' | b'~');
            // gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@"
            // sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
            if unreserved
                || matches!(
                    b,
                    b':' | b'/'
                        | b'?'
                        | b'#'
                        | b'['
                        | b']'
                        | b'@'
                        | b'!'
                        | b'$'
                        | b'&'
                        | b'\''
                        | b'('
                        | b')'
                        | b'*'
                        | b'+'
                        | b','
                        | b';'
                        | b'='
                )
            {
                f |= URI;
            }
            if unreserved {
                f |= UNRESERVED;
            }
            // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_"
            //       / "`" / "|" / "~" / DIGIT / ALPHA
            if alnum
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
            {
                f |= TCHAR;
            }
            // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (obs-text left to the
            // slow path)
            if b == b'\t'
                || b == b' '
                || b == 0x21
                || (b >= 0x23 && b <= 0x5B)
                || (b >= 0x5D && b <= 0x7E)
            {
                f |= QDTEXT;
            }
            if b.is_ascii_hexdigit() {
                f |= HEX;
            }
            // attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_"
            //           / "`" / "|" / "~"
            if alnum
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'&'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
            {
                f |= ATTR;
            }
            // mime-charsetc = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "+" / "-" / "^"
            //               / "_" / "`" / "{" / "}" / "~"
            if alnum
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'+'
                        | b'-'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'{'
                        | b'}'
                        | b'~'
                )
            {
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
