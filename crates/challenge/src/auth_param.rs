//! `auth-param` (RFC 9110 §11.2), with the leniencies that apply to it.

use signpost_syntax::{quoted_string, quoted_with, skip_ows, token_end, Error, Value};

use crate::Leniency;

/// Whether an `auth-param` starts at `pos`: `token BWS "="`.
#[inline]
pub(crate) fn is_param_start(line: &[u8], pos: usize) -> bool {
    param_name_end(line, pos).is_some()
}

/// The end of the auth-param name at `pos`, if an auth-param starts there
/// (`token BWS "="`).
#[inline]
pub(crate) fn param_name_end(line: &[u8], pos: usize) -> Option<usize> {
    let t = token_end(line, pos);
    (t > pos && line.get(skip_ows(line, t)) == Some(&b'=')).then_some(t)
}

/// One parsed auth-param: name, value, where it starts and where the next element may start.
pub(crate) struct RawParam<'a> {
    pub(crate) name: &'a [u8],
    pub(crate) value: Value<'a>,
    /// Where the value's content starts in the line (after an opening quote).
    #[cfg(feature = "perf")]
    pub(crate) value_at: usize,
    pub(crate) end: usize,
}

/// `auth-param = token BWS "=" BWS ( token / quoted-string )` (RFC 9110 §11.2), followed by
/// OWS and then a comma, the end of the line, or (with [`Leniency::MISSING_COMMA`]) the next
/// auth-param. Offsets in errors are relative to `line`.
#[cfg_attr(feature = "perf", inline(always))]
pub(crate) fn auth_param<'a>(
    line: &'a [u8],
    pos: usize,
    known_name_end: Option<usize>,
    allow: Leniency,
    forgiven: &mut Leniency,
) -> Result<RawParam<'a>, Error> {
    let name_end = match known_name_end {
        Some(end) => end,
        None => token_end(line, pos),
    };
    if name_end == pos {
        return Err(Error::at(line, pos, "expected auth-param name (a token)"));
    }
    let eq = skip_ows(line, name_end);
    if line.get(eq) != Some(&b'=') {
        return Err(Error::at(line, eq, "expected '=' after auth-param name"));
    }
    let v = skip_ows(line, eq + 1);
    let (value, mut end) = match line.get(v) {
        Some(b'"') => quoted_string(line, v)?,
        Some(b'\'') if allow.any(Leniency::SINGLE_QUOTES) => {
            forgiven.insert(Leniency::SINGLE_QUOTES);
            quoted_with(line, v, b'\'')?
        }
        _ => {
            let t = token_end(line, v);
            let mut e = t;
            if allow.any(Leniency::UNQUOTED_TEXT) {
                e = unquoted_text_end(line, v, allow);
                if e > t {
                    forgiven.insert(Leniency::UNQUOTED_TEXT);
                }
            }
            if e == v {
                let at_end = matches!(line.get(v), None | Some(b','));
                if !(at_end && allow.any(Leniency::EMPTY_VALUE)) {
                    return Err(Error::at(
                        line,
                        v,
                        "expected token or quoted-string as auth-param value",
                    ));
                }
                forgiven.insert(Leniency::EMPTY_VALUE);
            }
            (Value::token(&line[v..e]), e)
        }
    };
    let next = skip_ows(line, end);
    match line.get(next) {
        None | Some(b',') => end = next,
        Some(_)
            if next > end && allow.any(Leniency::MISSING_COMMA) && is_param_start(line, next) =>
        {
            forgiven.insert(Leniency::MISSING_COMMA);
            end = next;
        }
        Some(_) => {
            return Err(Error::at(line, next, "expected ',' or end of field after auth-param"));
        }
    }
    Ok(RawParam {
        name: &line[pos..name_end],
        value,
        #[cfg(feature = "perf")]
        value_at: if value.is_quoted() { v + 1 } else { v },
        end,
    })
}

/// With [`Leniency::UNQUOTED_TEXT`]: an unquoted value runs over words separated by OWS up
/// to the next comma, the end of the line, a byte no field may carry, a DQUOTE, or (with
/// [`Leniency::MISSING_COMMA`]) the start of the next auth-param.
pub(crate) fn unquoted_text_end(line: &[u8], start: usize, allow: Leniency) -> usize {
    let mut end = start;
    let mut i = start;
    loop {
        // one word
        while let Some(&b) = line.get(i) {
            if b == b','
                || b == b'"'
                || signpost_syntax::is_ows(b)
                || signpost_syntax::is_forbidden_in_field(b)
            {
                break;
            }
            i += 1;
        }
        if i > end {
            end = i;
        }
        let next = skip_ows(line, i);
        if next == i || next >= line.len() || line[next] == b',' || line[next] == b'"' {
            return end;
        }
        if allow.any(Leniency::MISSING_COMMA) && is_param_start(line, next) {
            return end;
        }
        if signpost_syntax::is_forbidden_in_field(line[next]) {
            return end;
        }
        i = next;
    }
}
