//! A naive reference parser for `Link` fields, written in a different style from the crate:
//! split the field at top-level commas first, then each element at top-level semicolons,
//! then check each piece. Shared by the link crate's tests and the `link_diff` fuzz target.

pub(crate) type Flat = (Vec<u8>, Vec<(Vec<u8>, Option<Vec<u8>>)>);

fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn uri_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// Splits at `sep` outside `<...>` (when `angles`) and outside quoted strings.
fn split(s: &[u8], sep: u8, angles: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut quote, mut angle, mut escape) = (0, false, false, false);
    for (i, &b) in s.iter().enumerate() {
        if quote {
            if escape {
                escape = false;
            } else if b == b'\\' {
                escape = true;
            } else if b == b'"' {
                quote = false;
            }
        } else if angle {
            if b == b'>' {
                angle = false;
            }
        } else if b == b'"' {
            quote = true;
        } else if b == b'<' && angles {
            angle = true;
        } else if b == sep {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

fn unquote(s: &[u8]) -> Option<Vec<u8>> {
    let inner = s.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut out = Vec::new();
    let mut it = inner.iter();
    while let Some(&b) = it.next() {
        match b {
            b'\\' => {
                let &e = it.next()?;
                if e == b'\t' || e == b' ' || (0x21..=0x7E).contains(&e) || e >= 0x80 {
                    out.push(e);
                } else {
                    return None;
                }
            }
            b'"' => return None,
            b'\t' | b' ' | 0x21..=0x7E | 0x80..=0xFF => out.push(b),
            _ => return None,
        }
    }
    Some(out)
}

fn ext_value_ok(v: &[u8]) -> bool {
    let mut parts = v.splitn(3, |&b| b == b'\'');
    let (Some(cs), Some(lang), Some(chars)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let cs_ok = !cs.is_empty()
        && cs.iter().all(|&b| b.is_ascii_alphanumeric() || b"!#$%&+-^_`{}~".contains(&b));
    let lang_ok = lang.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-');
    let mut decoded = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == b'%' {
            match chars.get(i + 1..i + 3) {
                Some(h) if h.iter().all(u8::is_ascii_hexdigit) => {
                    let text = std::str::from_utf8(h).expect("hex digits");
                    decoded.push(u8::from_str_radix(text, 16).expect("hex digits"));
                }
                _ => return false,
            }
            i += 3;
        } else if chars[i].is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&chars[i]) {
            decoded.push(chars[i]);
            i += 1;
        } else {
            return false;
        }
    }
    let utf8 = cs.eq_ignore_ascii_case(b"utf-8");
    cs_ok && lang_ok && (!utf8 || std::str::from_utf8(&decoded).is_ok())
}

/// `None` when the field is not a strict `Link` value.
pub(crate) fn parse(field: &[u8]) -> Option<Vec<Flat>> {
    let mut links = Vec::new();
    for element in split(field, b',', true) {
        let element = trim(element);
        if element.is_empty() {
            continue;
        }
        let rest = element.strip_prefix(b"<")?;
        let close = rest.iter().position(|&b| b == b'>')?;
        let target = &rest[..close];
        let mut i = 0;
        while i < target.len() {
            if target[i] == b'%' {
                let h = target.get(i + 1..i + 3)?;
                if !h.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                i += 3;
            } else if uri_char(target[i]) {
                i += 1;
            } else {
                return None;
            }
        }
        let pieces = split(&rest[close + 1..], b';', false);
        if !trim(pieces[0]).is_empty() {
            return None;
        }
        let mut params = Vec::new();
        for piece in &pieces[1..] {
            let piece = trim(piece);
            let (name, value) = match piece.iter().position(|&b| b == b'=') {
                Some(eq) => (trim(&piece[..eq]), Some(trim(&piece[eq + 1..]))),
                None => (piece, None),
            };
            if name.is_empty() || !name.iter().all(|&b| tchar(b)) {
                return None;
            }
            let value = match value {
                None => None,
                Some(v) if v.first() == Some(&b'"') => Some(unquote(v)?),
                Some(v) if !v.is_empty() && v.iter().all(|&b| tchar(b)) => Some(v.to_vec()),
                Some(_) => return None,
            };
            if name.eq_ignore_ascii_case(b"title*") && !value.as_deref().is_some_and(ext_value_ok) {
                return None;
            }
            params.push((name.to_vec(), value));
        }
        links.push((target.to_vec(), params));
    }
    Some(links)
}
