//! `auth-param` (RFC 9110 §11.2), with the leniencies that apply to it.

#[cfg(feature = "perf")]
use signpost_syntax::{quoted_string, quoted_with};
use signpost_syntax::{skip_ows, token_end, Error, Value};

use crate::source::{is_fold, ows};
use crate::Leniency;

/// `BWS` before an auth-param's `=`. With `perf`, plain `OWS`: the hot paths try obs-folds
/// (RFC 9112 §5.2) only where it stops on a CR. Without `perf`, [`ows`], which takes them
/// too: one scanner, and no second try.
#[inline(always)]
fn bws(line: &[u8], pos: usize) -> usize {
    #[cfg(feature = "perf")]
    return skip_ows(line, pos);
    #[cfg(not(feature = "perf"))]
    return ows(line, pos);
}

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
    (t > pos && line.get(bws(line, t)) == Some(&b'=')).then_some(t)
}

/// The scan of [`param_name_end`]: the end of the token at `pos` and the end of the BWS after
/// it; an auth-param starts at `pos` when the token is not empty and `=` follows.
#[inline]
pub(crate) fn param_name_scan(line: &[u8], pos: usize) -> (usize, usize) {
    let t = token_end(line, pos);
    (t, bws(line, t))
}

/// [`param_name_end`] with obs-folds (RFC 9112 §5.2) in the BWS before `=`, off the common
/// path (without `perf`, [`param_name_end`] itself).
pub(crate) fn param_name_end_folding(line: &[u8], pos: usize) -> Option<usize> {
    #[cfg(not(feature = "perf"))]
    return param_name_end(line, pos);
    #[cfg(feature = "perf")]
    {
        let t = token_end(line, pos);
        (t > pos && line.get(ows(line, t)) == Some(&b'=')).then_some(t)
    }
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
///
/// The common case, kept short: wherever this scan would fail, the param is read again from
/// its start by [`auth_param_full`], which also takes obs-folds (RFC 9112 §5.2) and the
/// leniencies of quoted strings, and which gives the error if there is one. A param without
/// them never pays for them.
#[cfg(feature = "perf")]
#[inline(always)]
pub(crate) fn auth_param<'a>(
    line: &'a [u8],
    pos: usize,
    known_name_end: Option<usize>,
    allow: Leniency,
    forgiven: &mut Leniency,
) -> Result<RawParam<'a>, Error> {
    let name_end = param_name(line, pos, known_name_end)?;
    auth_param_fast(line, pos, name_end, allow, forgiven)
}

/// The size-first build (no `perf`) has one reading of a param, the full one: the same
/// results and errors in less code.
#[cfg(not(feature = "perf"))]
pub(crate) use auth_param_full as auth_param;

/// The end of the auth-param name at `pos` (`token`), `known` if the caller scanned it.
#[inline(always)]
fn param_name(line: &[u8], pos: usize, known: Option<usize>) -> Result<usize, Error> {
    let name_end = match known {
        Some(end) => end,
        None => token_end(line, pos),
    };
    if name_end == pos {
        return Err(Error::at(line, pos, "expected auth-param name (a token)"));
    }
    Ok(name_end)
}

/// The common case of [`auth_param`] after the name (`perf` only).
#[cfg(feature = "perf")]
#[inline(always)]
fn auth_param_fast<'a>(
    line: &'a [u8],
    pos: usize,
    name_end: usize,
    allow: Leniency,
    forgiven: &mut Leniency,
) -> Result<RawParam<'a>, Error> {
    let eq = skip_ows(line, name_end);
    if line.get(eq) != Some(&b'=') {
        return auth_param_full(line, pos, Some(name_end), allow, forgiven);
    }
    let v = skip_ows(line, eq + 1);
    let (value, mut end) = match line.get(v) {
        Some(b'"') => match quoted_string(line, v) {
            Ok(found) => found,
            Err(_) => return auth_param_full(line, pos, Some(name_end), allow, forgiven),
        },
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
                return auth_param_full(line, pos, Some(name_end), allow, forgiven);
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
        Some(_) => return auth_param_full(line, pos, Some(name_end), allow, forgiven),
    }
    Ok(RawParam {
        name: &line[pos..name_end],
        value,
        #[cfg(feature = "perf")]
        value_at: if value.is_quoted() { v + 1 } else { v },
        end,
    })
}

/// `auth-param = token BWS "=" BWS ( token / quoted-string )` (RFC 9110 §11.2), the name
/// at `pos` (ending at `known_name_end` when the caller scanned it), read in full: an obs-fold (RFC 9112 §5.2) counts
/// as whitespace wherever OWS or BWS stands and as SP inside a quoted-string, and the
/// leniencies of values apply ([`Leniency::SINGLE_QUOTES`], [`Leniency::STRAY_QUOTE`],
/// [`Leniency::UNTERMINATED_QUOTE`], [`Leniency::UNQUOTED_TEXT`], [`Leniency::EMPTY_VALUE`],
/// [`Leniency::MISSING_COMMA`]). Without them, it fails where the strict rule fails, with
/// its message. The size-first build (no `perf`) reads every param here; with `perf`, only
/// those the common case of [`auth_param`] does not take.
#[cfg_attr(feature = "perf", cold)]
#[inline(never)]
pub(crate) fn auth_param_full<'a>(
    line: &'a [u8],
    pos: usize,
    known_name_end: Option<usize>,
    allow: Leniency,
    forgiven: &mut Leniency,
) -> Result<RawParam<'a>, Error> {
    let name_end = param_name(line, pos, known_name_end)?;
    let eq = ows(line, name_end);
    if line.get(eq) != Some(&b'=') {
        return Err(Error::at(line, eq, "expected '=' after auth-param name"));
    }
    let v = ows(line, eq + 1);
    let (value, mut end) = match line.get(v) {
        // One call of the quoted scanner, for both quotes.
        Some(&q @ (b'"' | b'\'')) if q == b'"' || allow.any(Leniency::SINGLE_QUOTES) => {
            if q == b'\'' {
                forgiven.insert(Leniency::SINGLE_QUOTES);
            }
            quoted(line, v, q, allow, forgiven)?
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
    let next = ows(line, end);
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

/// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE` (RFC 9110 §5.6.4) from the
/// opening `quote` at `v` (DQUOTE, or a single quote with [`Leniency::SINGLE_QUOTES`]): the
/// one quoted scanner of the size-first build, and the recovering one of the `perf` build.
/// Inside DQUOTEs it also takes an obs-fold (always: RFC 9112 §5.2, read as SP), a DQUOTE
/// that is followed by neither OWS, a comma nor the end of the line as content (with
/// [`Leniency::STRAY_QUOTE`]), and the end of the line as the end of the value (with
/// [`Leniency::UNTERMINATED_QUOTE`]). Without them it fails where
/// [`signpost_syntax::quoted_string`] fails, with the same message.
#[inline]
pub(crate) fn quoted<'a>(
    line: &'a [u8],
    v: usize,
    quote: u8,
    allow: Leniency,
    forgiven: &mut Leniency,
) -> Result<(Value<'a>, usize), Error> {
    // The recoveries and obs-folds are for DQUOTEs only.
    let dquote = quote == b'"';
    let start = v + 1;
    let mut i = start;
    let mut escapes = 0usize;
    let mut folded = false;
    let (content_end, end) = loop {
        match line.get(i) {
            None if dquote && allow.any(Leniency::UNTERMINATED_QUOTE) => {
                forgiven.insert(Leniency::UNTERMINATED_QUOTE);
                break (i, i);
            }
            None => return Err(Error::at(line, i, "missing closing DQUOTE of quoted-string")),
            Some(&b) if b == quote => {
                let after = i + 1;
                if !dquote
                    || !allow.any(Leniency::STRAY_QUOTE)
                    || matches!(line.get(after), None | Some(b',' | b' ' | b'\t' | b'\r'))
                {
                    break (i, after);
                }
                forgiven.insert(Leniency::STRAY_QUOTE);
                i = after;
            }
            Some(b'\\') => match line.get(i + 1) {
                Some(&e) if signpost_syntax::is_escapable(e) => {
                    escapes += 1;
                    i += 2;
                }
                _ => {
                    return Err(Error::at(
                        line,
                        i + 1,
                        "expected HTAB, SP, VCHAR or obs-text after '\\' in quoted-pair",
                    ))
                }
            },
            Some(&b) if signpost_syntax::is_qdtext(b) => i += 1,
            Some(b'\r') if dquote && is_fold(line, i) => {
                folded = true;
                i += 3;
            }
            Some(_) => return Err(Error::at(line, i, "invalid character in quoted-string")),
        }
    };
    let raw = &line[start..content_end];
    let value =
        if folded { Value::quoted_folded(raw, escapes) } else { Value::quoted(raw, escapes) };
    Ok((value, end))
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
