//! The `link-value` rule of RFC 8288 §3 with every leniency switch: the target, one
//! parameter at a time, a whole `link-value`, and the recovery to the next top-level comma.
//! Without the `perf` feature, every `link-value` is read here; with it, the strict ones
//! that [`fast`](crate::fast) does not handle.

use signpost_syntax::{Error, Value};

use crate::ext::ExtValue;
use crate::leniency::Leniency;
#[cfg(feature = "perf")]
use crate::param::{Kinds, Span, CACHED};
use crate::param::{RawParam, NO_VALUE, QUOTED, TOKEN};
use crate::scan::{err, long_run_end, quoted, skip_ows, token_end};
use crate::table::{class, is_field_break, is_hex};

/// What one step of the `link-param` scanner found.
pub(crate) enum Step {
    /// A parameter, and the offset just past it.
    Param(RawParam, usize),
    /// The end of the `link-value` (before any OWS), and whether a `<` follows without a
    /// comma.
    End(usize, bool),
}

/// `*( OWS ";" OWS link-param )`, one parameter at a time, from `pos` (just past the target
/// or the previous parameter).
///
/// `link-param = token BWS [ "=" BWS ( token / quoted-string ) ]` (RFC 8288 §3).
#[cfg_attr(feature = "perf", inline(always))]
#[cfg_attr(not(feature = "perf"), inline(never))]
pub(crate) fn step(
    line: &[u8],
    pos: usize,
    options: Leniency,
    after_param: bool,
    check_ext: bool,
    forgiven: &mut Leniency,
) -> Result<Step, Error> {
    let mut end = pos;
    let mut p = skip_ows(line, pos);
    loop {
        match line.get(p) {
            None | Some(b',') => return Ok(Step::End(end, false)),
            Some(b';') => {}
            Some(b'<') if options.any(Leniency::MISSING_COMMA) => {
                forgiven.insert(Leniency::MISSING_COMMA);
                return Ok(Step::End(end, true));
            }
            Some(_) => {
                let message = if after_param {
                    "expected ';' or ',' after link-param"
                } else {
                    "expected ';' or ',' after the URI-Reference of link-value"
                };
                return Err(err(line, p, message));
            }
        }
        let name_start = skip_ows(line, p + 1);
        let name_end = token_end(line, name_start);
        if name_end == name_start {
            if options.any(Leniency::EMPTY_PARAMS)
                && matches!(line.get(name_start), None | Some(b';' | b','))
            {
                forgiven.insert(Leniency::EMPTY_PARAMS);
                end = p + 1;
                p = name_start;
                continue;
            }
            return Err(err(line, name_start, "expected token for link-param name"));
        }
        let name = &line[name_start..name_end];
        let eq = skip_ows(line, name_end);
        if line.get(eq) != Some(&b'=') {
            if check_ext && name.len() == 6 && name.eq_ignore_ascii_case(b"title*") {
                if !options.any(Leniency::INVALID_EXT_VALUE) {
                    return Err(err(line, eq, "expected '=' and an ext-value after title*"));
                }
                forgiven.insert(Leniency::INVALID_EXT_VALUE);
            }
            let raw = RawParam {
                name: (name_start, name_end),
                value: (name_end, name_end),
                escapes: 0,
                kind: NO_VALUE,
            };
            return Ok(Step::Param(raw, name_end));
        }
        let v = skip_ows(line, eq + 1);
        let (value, after, value_at, kind) = if line.get(v) == Some(&b'"') {
            let (value, after) = quoted(line, v)?;
            (value, after, v + 1, QUOTED)
        } else {
            let e = token_end(line, v);
            if options.any(Leniency::UNQUOTED_TEXT) {
                let mut j = e;
                let mut last = e;
                // CR, LF and NUL end the value too, and the next step refuses them.
                while j < line.len()
                    && line[j] != b';'
                    && line[j] != b','
                    && !is_field_break(line[j])
                {
                    if line[j] != b' ' && line[j] != b'\t' {
                        last = j + 1;
                    }
                    j += 1;
                }
                if last != e || e == v {
                    forgiven.insert(Leniency::UNQUOTED_TEXT);
                }
                (Value::token(&line[v..last]), last, v, TOKEN)
            } else if e == v {
                return Err(err(line, v, "expected token or quoted-string for link-param value"));
            } else {
                (Value::token(&line[v..e]), e, v, TOKEN)
            }
        };
        if check_ext && name.len() == 6 && name.eq_ignore_ascii_case(b"title*") {
            if let Err(e) = ExtValue::parse(value) {
                if options.any(Leniency::INVALID_EXT_VALUE) {
                    forgiven.insert(Leniency::INVALID_EXT_VALUE);
                } else {
                    return Err(e.shifted(value_at));
                }
            }
        }
        let value_end = value_at + value.as_raw().len();
        let raw = RawParam {
            name: (name_start, name_end),
            value: (value_at, value_end),
            escapes: value.escapes(),
            kind,
        };
        return Ok(Step::Param(raw, after));
    }
}

/// The target of a `link-value` starting at `start`: `"<" URI-Reference ">"`.
/// Returns the target's bounds and the offset just past it.
#[inline(always)]
pub(crate) fn target(
    line: &[u8],
    start: usize,
    options: Leniency,
    forgiven: &mut Leniency,
) -> Result<(usize, usize, usize), Error> {
    match line.get(start) {
        Some(b'<') => {}
        Some(&b)
            if options.any(Leniency::BARE_TARGET)
                && !matches!(b, b';' | b',' | b' ' | b'\t' | b'"') =>
        {
            forgiven.insert(Leniency::BARE_TARGET);
            let mut i = start;
            // CR, LF and NUL end the target too, and the next step refuses them.
            while i < line.len()
                && !matches!(line[i], b';' | b',' | b' ' | b'\t')
                && !is_field_break(line[i])
            {
                i += 1;
            }
            return Ok((start, i, i));
        }
        _ => return Err(err(line, start, "expected '<' to open link-value")),
    }
    let s = start + 1;
    let mut i = s;
    loop {
        i = long_run_end(line, i, class::URI);
        match line.get(i) {
            Some(b'>') => return Ok((s, i, i + 1)),
            None => return Err(err(line, i, "missing '>' to close URI-Reference")),
            Some(b'%') if is_hex(line.get(i + 1)) && is_hex(line.get(i + 2)) => i += 3,
            Some(&b) if options.any(Leniency::LOOSE_TARGET) && !is_field_break(b) => {
                forgiven.insert(Leniency::LOOSE_TARGET);
                i += 1;
            }
            Some(b'%') => {
                return Err(err(line, i, "expected two hex digits after '%' in URI-Reference"))
            }
            Some(_) => return Err(err(line, i, "invalid character in URI-Reference")),
        }
    }
}

/// The parts of one `link-value`, offsets into its line.
pub(crate) struct Parsed {
    pub(crate) target: (usize, usize),
    pub(crate) params: (usize, usize),
    pub(crate) end: usize,
    pub(crate) no_comma: bool,
    pub(crate) forgiven: Leniency,
    #[cfg(feature = "perf")]
    pub(crate) cache: [Span; CACHED],
    #[cfg(feature = "perf")]
    pub(crate) kinds: Kinds,
    #[cfg(feature = "perf")]
    pub(crate) cached: u8,
    #[cfg(feature = "perf")]
    pub(crate) complete: bool,
}

/// `link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )` (RFC 8288 §3), starting
/// at `start`.
#[inline(never)]
pub(crate) fn link_value(line: &[u8], start: usize, options: Leniency) -> Result<Parsed, Error> {
    let mut forgiven = Leniency::NONE;
    let (ts, te, mut pos) = target(line, start, options, &mut forgiven)?;
    let params_start = pos;
    let mut after_param = false;
    // Four scalars rather than an indexed array, so that they can live in registers until
    // the link is built (an array written piecewise and then copied whole stalls on
    // store forwarding).
    #[cfg(feature = "perf")]
    let (mut c0, mut c1, mut c2, mut c3) = (Span(0), Span(0), Span(0), Span(0));
    #[cfg(feature = "perf")]
    let mut kinds: Kinds = 0;
    // Parameters seen, and how many of them lead the list without quoted-pairs.
    #[cfg(feature = "perf")]
    let (mut count, mut plain) = (0usize, 0usize);
    loop {
        match step(line, pos, options, after_param, true, &mut forgiven)? {
            Step::Param(raw, after) => {
                #[cfg(not(feature = "perf"))]
                let _ = raw;
                #[cfg(feature = "perf")]
                {
                    if plain == count && raw.escapes == 0 {
                        let span = Span::new(&raw, params_start);
                        match count {
                            0 => c0 = span,
                            1 => c1 = span,
                            2 => c2 = span,
                            3 => c3 = span,
                            _ => {}
                        }
                        if count < CACHED {
                            kinds |= raw.kind << (2 * count);
                        }
                        plain += 1;
                    }
                    count += 1;
                }
                pos = after;
                after_param = true;
            }
            Step::End(end, no_comma) => {
                // Spans are 16-bit: a longer parameter list is scanned again instead.
                #[cfg(feature = "perf")]
                let fits = end - params_start <= usize::from(u16::MAX);
                #[cfg(feature = "perf")]
                #[allow(clippy::cast_possible_truncation)]
                let cached = if fits { plain.min(CACHED) as u8 } else { 0 };
                return Ok(Parsed {
                    target: (ts, te),
                    params: (params_start, end),
                    end,
                    no_comma,
                    forgiven,
                    #[cfg(feature = "perf")]
                    cache: [c0, c1, c2, c3],
                    #[cfg(feature = "perf")]
                    kinds,
                    #[cfg(feature = "perf")]
                    cached,
                    #[cfg(feature = "perf")]
                    complete: fits && count == plain && count <= CACHED,
                });
            }
        }
    }
}

/// The offset of the next comma at or after `from` that is outside `<...>` and outside a
/// quoted string, or the end of `line`.
pub(crate) fn next_top_level_comma(line: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut angle = false;
    while i < line.len() {
        match line[i] {
            b',' if !angle => return i,
            b'<' => angle = true,
            b'>' => angle = false,
            b'"' if !angle => {
                i += 1;
                while i < line.len() && line[i] != b'"' {
                    i += if line[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    line.len()
}
