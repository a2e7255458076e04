//! The `Link` field grammar (RFC 8288 §3): [`Links`], [`Link`], [`Params`], [`Param`].

use core::fmt;

use signpost_syntax::{quoted_string, skip_list_separators, Error, Value};

use crate::ext::{ExtValue, Title};
use crate::options::{
    Forgiven, Options, BARE_TARGET, EMPTY_PARAMS, INVALID_EXT_VALUE, LOOSE_TARGET, MISSING_COMMA,
    SKIP_MALFORMED, UNQUOTED_TEXT,
};
use crate::rel::{Rel, Rels};

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

/// CR, LF or NUL: never part of a field value (RFC 9110 §5.5: a recipient rejects them or
/// replaces them with SP; a zero-copy parser rejects them). No lenient switch lets one in.
#[inline(always)]
fn is_cr_lf_nul(b: u8) -> bool {
    matches!(b, b'\r' | b'\n' | 0)
}

#[inline]
fn is_hex(b: Option<&u8>) -> bool {
    matches!(b, Some(&b) if class::has(b, class::HEX))
}

/// The value of a hex digit (`0` for anything else).
#[inline]
pub(crate) fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// An error at `at` in `line`, off the hot path.
#[cold]
#[inline(never)]
fn err(line: &[u8], at: usize, message: &'static str) -> Error {
    Error::at(line, at, message)
}

/// One `link-param`: a name and, unless it was written bare (`; nopush`), a value.
///
/// The name keeps the case it was sent with; compare it with [`Param::is`]. The value is a
/// [`Value`]: a `token`, or the content of a `quoted-string` with its quoted-pairs removed
/// lazily.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param<'a> {
    name: &'a [u8],
    value: Option<Value<'a>>,
}

impl<'a> Param<'a> {
    /// The name as sent (a `token`, so ASCII).
    pub fn name(&self) -> &'a str {
        core::str::from_utf8(self.name).unwrap_or_default()
    }

    /// The name as sent, as bytes.
    pub const fn name_bytes(&self) -> &'a [u8] {
        self.name
    }

    /// Whether the name is `name`, ignoring ASCII case (parameter names are
    /// case-insensitive, RFC 8288 §2.2).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The value, or `None` for a parameter without one (`; nopush`).
    pub const fn value(&self) -> Option<Value<'a>> {
        self.value
    }

    /// The value read as an RFC 8187 `ext-value` (for `title*` and other `*` parameters).
    ///
    /// # Errors
    ///
    /// No value, or a value that is not an `ext-value`.
    pub fn ext_value(&self) -> Result<ExtValue<'a>, Error> {
        match self.value {
            Some(v) => ExtValue::parse(v),
            None => Err(Error::new(0, "expected ext-value")),
        }
    }
}

/// Where one `link-param` lies in its input.
#[derive(Clone, Copy)]
struct RawParam {
    name: (usize, usize),
    value: (usize, usize),
    escapes: usize,
    kind: u8,
}

const NO_VALUE: u8 = 0;
const TOKEN: u8 = 1;
const QUOTED: u8 = 2;

impl RawParam {
    #[inline(always)]
    fn param<'a>(&self, input: &'a [u8]) -> Param<'a> {
        let name = input.get(self.name.0..self.name.1).unwrap_or_default();
        let raw = input.get(self.value.0..self.value.1).unwrap_or_default();
        let value = match self.kind {
            TOKEN => Some(Value::token(raw)),
            QUOTED => Some(Value::quoted(raw, self.escapes)),
            _ => None,
        };
        Param { name, value }
    }
}

/// How many parameters a [`Link`] remembers from the first scan, so that
/// [`Link::params`] need not scan them again (with the `perf` feature; without it,
/// [`Link::params`] scans the parameters again).
#[cfg(feature = "perf")]
const CACHED: usize = 4;

/// A [`RawParam`] without quoted-pairs, relative to the start of a link's parameters, as
/// four 16-bit offsets in one `u64` (name start and end, value start and end), written with
/// one store and read with one load. Its kind is kept beside it (see [`Kinds`]).
#[cfg(feature = "perf")]
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Span(u64);

#[cfg(feature = "perf")]
impl Span {
    /// `raw` relative to `base`, truncated: only kept when the whole parameter slice fits
    /// in 16 bits.
    #[inline(always)]
    fn new(raw: &RawParam, base: usize) -> Span {
        let rel = |x: usize| (x.wrapping_sub(base) as u64) & 0xFFFF;
        Span(
            rel(raw.name.0)
                | rel(raw.name.1) << 16
                | rel(raw.value.0) << 32
                | rel(raw.value.1) << 48,
        )
    }

    #[inline(always)]
    fn field(self, k: u32) -> usize {
        ((self.0 >> (16 * k)) & 0xFFFF) as usize
    }

    #[inline(always)]
    fn raw(self, kind: u8) -> RawParam {
        RawParam {
            name: (self.field(0), self.field(1)),
            value: (self.field(2), self.field(3)),
            escapes: 0,
            kind,
        }
    }

    /// The offset just past the parameter.
    #[inline(always)]
    fn after(self, kind: u8) -> usize {
        match kind {
            QUOTED => self.field(3) + 1,
            TOKEN => self.field(3),
            _ => self.field(1),
        }
    }
}

/// The kinds of the cached spans, two bits each.
#[cfg(feature = "perf")]
type Kinds = u8;

/// What one step of the `link-param` scanner found.
enum Step {
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
fn step(
    line: &[u8],
    pos: usize,
    options: Options,
    after_param: bool,
    check_ext: bool,
    forgiven: &mut u8,
) -> Result<Step, Error> {
    let mut end = pos;
    let mut p = skip_ows(line, pos);
    loop {
        match line.get(p) {
            None | Some(b',') => return Ok(Step::End(end, false)),
            Some(b';') => {}
            Some(b'<') if options.has(MISSING_COMMA) => {
                *forgiven |= MISSING_COMMA;
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
            if options.has(EMPTY_PARAMS) && matches!(line.get(name_start), None | Some(b';' | b','))
            {
                *forgiven |= EMPTY_PARAMS;
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
                if !options.has(INVALID_EXT_VALUE) {
                    return Err(err(line, eq, "expected '=' and an ext-value after title*"));
                }
                *forgiven |= INVALID_EXT_VALUE;
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
            if options.has(UNQUOTED_TEXT) {
                let mut j = e;
                let mut last = e;
                // CR, LF and NUL end the value too; what follows then is an error.
                while j < line.len() && !matches!(line[j], b';' | b',' | b'\r' | b'\n' | 0) {
                    if line[j] != b' ' && line[j] != b'\t' {
                        last = j + 1;
                    }
                    j += 1;
                }
                if last != e || e == v {
                    *forgiven |= UNQUOTED_TEXT;
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
                if options.has(INVALID_EXT_VALUE) {
                    *forgiven |= INVALID_EXT_VALUE;
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
fn target(
    line: &[u8],
    start: usize,
    options: Options,
    forgiven: &mut u8,
) -> Result<(usize, usize, usize), Error> {
    match line.get(start) {
        Some(b'<') => {}
        Some(&b)
            if options.has(BARE_TARGET)
                && !matches!(b, b';' | b',' | b' ' | b'\t' | b'"')
                && !is_cr_lf_nul(b) =>
        {
            *forgiven |= BARE_TARGET;
            let mut i = start;
            // CR, LF and NUL end the target too; what follows then is an error.
            while i < line.len()
                && !matches!(line[i], b';' | b',' | b' ' | b'\t' | b'\r' | b'\n' | 0)
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
            Some(&b) if options.has(LOOSE_TARGET) && !is_cr_lf_nul(b) => {
                *forgiven |= LOOSE_TARGET;
                i += 1;
            }
            Some(b'%') => {
                return Err(err(line, i, "expected two hex digits after '%' in URI-Reference"))
            }
            Some(_) => return Err(err(line, i, "invalid character in URI-Reference")),
        }
    }
}

/// The offset of the first byte at or after `i` that is not in class `flag`, for runs that
/// may be long (targets, quoted text): the first eight bytes four at a time, as for short
/// runs, then eight bytes per step while the run lasts.
#[cfg(feature = "perf")]
#[inline(always)]
fn long_run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
    for _ in 0..2 {
        let Some(&[a, b, c, d]) = line.get(i..i + 4) else {
            return short_run_end(line, i, flag);
        };
        if let Some(k) = first_miss([a, b, c, d], flag) {
            return i + k;
        }
        i += 4;
    }
    while let Some(chunk) = line.get(i..i + 8) {
        let mut all = flag;
        for &b in chunk {
            all &= class::TABLE[b as usize];
        }
        if all == 0 {
            break;
        }
        i += 8;
    }
    short_run_end(line, i, flag)
}

/// The index of the first of four bytes that is not in class `flag`.
#[cfg(feature = "perf")]
#[inline(always)]
fn first_miss([a, b, c, d]: [u8; 4], flag: u8) -> Option<usize> {
    if !class::has(a, flag) {
        Some(0)
    } else if !class::has(b, flag) {
        Some(1)
    } else if !class::has(c, flag) {
        Some(2)
    } else if !class::has(d, flag) {
        Some(3)
    } else {
        None
    }
}

/// The offset of the first byte at or after `i` that is not in class `flag`, four bytes per
/// bounds check (for the short runs: parameter names and token values).
#[cfg(feature = "perf")]
#[inline(always)]
fn short_run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
    // Four bytes per bounds check.
    while let Some(&[a, b, c, d]) = line.get(i..i + 4) {
        if let Some(k) = first_miss([a, b, c, d], flag) {
            return i + k;
        }
        i += 4;
    }
    while i < line.len() && class::has(line[i], flag) {
        i += 1;
    }
    i
}

/// The offset of the first byte at or after `i` that is not in class `flag`, one byte per
/// step: the size-first build's scanner for every run (without the `perf` feature).
#[cfg(not(feature = "perf"))]
#[inline(never)]
fn run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
    while let Some(&b) = line.get(i) {
        if !class::has(b, flag) {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(not(feature = "perf"))]
#[inline(always)]
fn long_run_end(line: &[u8], i: usize, flag: u8) -> usize {
    run_end(line, i, flag)
}

#[cfg(not(feature = "perf"))]
#[inline(always)]
fn short_run_end(line: &[u8], i: usize, flag: u8) -> usize {
    run_end(line, i, flag)
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3; `BWS` is the same rule), as
/// [`signpost_syntax::skip_ows`] but without a table: in a `Link` field OWS is nearly always
/// empty or one SP.
#[inline(always)]
fn skip_ows(line: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t') = line.get(i) {
        i += 1;
    }
    i
}

/// [`signpost_syntax::token_end`], with this crate's table.
#[inline(always)]
fn token_end(line: &[u8], i: usize) -> usize {
    short_run_end(line, i, class::TCHAR)
}

/// `quoted-string` at `v` (RFC 9110 §5.6.4): a fast path for content of plain qdtext, and
/// [`signpost_syntax::quoted_string`] for everything else (quoted-pairs, obs-text, errors),
/// so that values and error messages are the shared ones.
#[inline(always)]
fn quoted(line: &[u8], v: usize) -> Result<(Value<'_>, usize), Error> {
    let end = long_run_end(line, v + 1, class::QDTEXT);
    if line.get(end) == Some(&b'"') {
        return Ok((Value::quoted(&line[v + 1..end], 0), end + 1));
    }
    quoted_string(line, v)
}

/// The parts of one `link-value`, offsets into its line.
struct Parsed {
    target: (usize, usize),
    params: (usize, usize),
    end: usize,
    no_comma: bool,
    forgiven: u8,
    #[cfg(feature = "perf")]
    cache: [Span; CACHED],
    #[cfg(feature = "perf")]
    kinds: Kinds,
    #[cfg(feature = "perf")]
    cached: u8,
    #[cfg(feature = "perf")]
    complete: bool,
}

/// A span from offsets relative to `base` (see [`Span`]).
#[cfg(feature = "perf")]
#[inline(always)]
fn span(base: usize, name: (usize, usize), value: (usize, usize)) -> Span {
    let rel = |x: usize| (x.wrapping_sub(base) as u64) & 0xFFFF;
    Span(rel(name.0) | rel(name.1) << 16 | rel(value.0) << 32 | rel(value.1) << 48)
}

/// The strict `link-value` rule of [`link_value`] for the common case, with no option
/// checks and no record of what was forgiven: `None` for anything it does not handle
/// (quoted-pairs, obs-text, more than [`CACHED`] parameters, any error), which
/// [`link_value`] then reads again to give the value or the error. The property tests and
/// the `link_diff` fuzz target hold both to the same naive reference. Only with the `perf`
/// feature: without it, every `link-value` goes through [`link_value`].
#[cfg(feature = "perf")]
#[inline(always)]
fn fast_link_value(line: &[u8], start: usize) -> Option<Parsed> {
    if line.get(start) != Some(&b'<') {
        return None;
    }
    let ts = start + 1;
    let mut i = long_run_end(line, ts, class::URI);
    loop {
        match line.get(i) {
            Some(b'>') => break,
            Some(b'%') if is_hex(line.get(i + 1)) && is_hex(line.get(i + 2)) => {
                i = long_run_end(line, i + 3, class::URI);
            }
            _ => return None,
        }
    }
    let te = i;
    i += 1;
    let ps = i;
    let (mut c0, mut c1, mut c2, mut c3) = (Span(0), Span(0), Span(0), Span(0));
    let mut kinds: Kinds = 0;
    let mut count = 0usize;
    loop {
        let mut p = i;
        if let Some(b' ' | b'\t') = line.get(p) {
            p = skip_ows(line, p);
        }
        match line.get(p) {
            None | Some(b',') => break,
            Some(b';') => {}
            _ => return None,
        }
        p += 1;
        if let Some(b' ' | b'\t') = line.get(p) {
            p = skip_ows(line, p);
        }
        let ns = p;
        let ne = token_end(line, p);
        if ne == ns {
            return None;
        }
        let mut q = ne;
        if let Some(b' ' | b'\t') = line.get(q) {
            q = skip_ows(line, q);
        }
        let title_star = ne - ns == 6 && line[ns..ne].eq_ignore_ascii_case(b"title*");
        let (sp, kind) = if line.get(q) == Some(&b'=') {
            let mut v = q + 1;
            if let Some(b' ' | b'\t') = line.get(v) {
                v = skip_ows(line, v);
            }
            let (vs, ve, after, kind) = if line.get(v) == Some(&b'"') {
                let e = long_run_end(line, v + 1, class::QDTEXT);
                if line.get(e) != Some(&b'"') {
                    return None;
                }
                (v + 1, e, e + 1, QUOTED)
            } else {
                let e = token_end(line, v);
                if e == v {
                    return None;
                }
                (v, e, e, TOKEN)
            };
            if title_star && ExtValue::parse(Value::token(&line[vs..ve])).is_err() {
                return None;
            }
            i = after;
            (span(ps, (ns, ne), (vs, ve)), kind)
        } else {
            if title_star {
                return None;
            }
            i = ne;
            (span(ps, (ns, ne), (ne, ne)), NO_VALUE)
        };
        match count {
            0 => c0 = sp,
            1 => c1 = sp,
            2 => c2 = sp,
            3 => c3 = sp,
            _ => return None,
        }
        kinds |= kind << (2 * count);
        count += 1;
    }
    if i - ps > usize::from(u16::MAX) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    Some(Parsed {
        target: (ts, te),
        params: (ps, i),
        end: i,
        no_comma: false,
        forgiven: 0,
        cache: [c0, c1, c2, c3],
        kinds,
        cached: count as u8,
        complete: true,
    })
}

/// `link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )` (RFC 8288 §3), starting
/// at `start`.
#[inline(never)]
fn link_value(line: &[u8], start: usize, options: Options) -> Result<Parsed, Error> {
    let mut forgiven = 0u8;
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
fn next_top_level_comma(line: &[u8], from: usize) -> usize {
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

/// A lazy iterator over the links of a `Link` field: `Link = #link-value` (RFC 8288 §3).
///
/// It reads one field line ([`Links::new`]) or several ([`Links::from_lines`], combined as
/// RFC 9110 §5.3 says: as if joined by `", "`), borrows everything from the input, and
/// never allocates. Every `link-value` is yielded, in order: two links with the same `rel`
/// are two links; commas inside `<...>` and inside quoted strings do not split; empty list
/// elements are skipped.
///
/// Strict by default: the first error is yielded and ends the iteration. The error's offset
/// points into the field value (for several lines, into the lines joined by `", "`). See
/// [`Options`] for the lenient mode.
///
/// ```
/// use signpost_link::{Links, Rel};
///
/// let field = br#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next""#;
/// let next = Links::new(field)
///     .filter_map(Result::ok)
///     .find(|link| link.has_rel(Rel::NEXT))
///     .map(|link| link.target());
/// assert_eq!(next, Some(&b"https://api.github.com/repositories/1300192/issues?page=4"[..]));
///
/// let err = Links::new(b"</a>; rel=next, https://b").last().unwrap().unwrap_err();
/// assert_eq!(err.to_string(), "expected '<' to open link-value, found 'h' at byte 16");
/// ```
#[derive(Clone)]
pub struct Links<'a> {
    line: &'a [u8],
    rest: &'a [&'a [u8]],
    base: usize,
    pos: usize,
    options: Options,
    pending: u8,
    skipped: usize,
    first_skipped: Option<Error>,
    done: bool,
}

impl<'a> Links<'a> {
    /// The links of one field line.
    pub const fn new(value: &'a [u8]) -> Links<'a> {
        Links {
            line: value,
            rest: &[],
            base: 0,
            pos: 0,
            options: Options::strict(),
            pending: 0,
            skipped: 0,
            first_skipped: None,
            done: false,
        }
    }

    /// The links of several field lines of the same message, in order, as if they were
    /// combined into one value by joining them with `", "` (RFC 9110 §5.3). Error offsets
    /// point into that joined value. A `link-value` cannot span two lines.
    ///
    /// ```
    /// use signpost_link::Links;
    ///
    /// let lines: [&[u8]; 2] = [b"</a>; rel=next", b"</b>; rel=next"];
    /// assert_eq!(Links::from_lines(&lines).count(), 2);
    ///
    /// let lines: [&[u8]; 2] = [b"</a>", b"</b"];
    /// let err = Links::from_lines(&lines).last().unwrap().unwrap_err();
    /// assert_eq!(err.offset(), 9); // "</a>, </b" has 9 bytes
    /// ```
    pub fn from_lines(lines: &'a [&'a [u8]]) -> Links<'a> {
        let (line, rest): (&'a [u8], &'a [&'a [u8]]) = match lines.split_first() {
            Some((first, rest)) => (first, rest),
            None => (&[], &[]),
        };
        Links { line, rest, ..Links::new(&[]) }
    }

    /// The same iterator, reading with `options`.
    #[must_use]
    pub const fn with_options(mut self, options: Options) -> Links<'a> {
        self.options = options;
        self
    }

    /// How many malformed `link-value`s were skipped so far (only with
    /// [`Options::skip_malformed`]).
    pub const fn skipped(&self) -> usize {
        self.skipped
    }

    /// The error of the first malformed `link-value` that was skipped, if any.
    pub const fn first_skipped(&self) -> Option<Error> {
        self.first_skipped
    }
}

impl fmt::Debug for Links<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Links")
            .field("offset", &self.base.saturating_add(self.pos))
            .field("options", &self.options)
            .field("skipped", &self.skipped)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<'a> Iterator for Links<'a> {
    type Item = Result<Link<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let line = self.line;
            let (start, _) = skip_list_separators(line, self.pos);
            if start >= line.len() {
                match self.rest.split_first() {
                    Some((first, rest)) => {
                        self.base = self.base.saturating_add(line.len() + 2);
                        self.line = first;
                        self.rest = rest;
                        self.pos = 0;
                        // A new line starts after a comma of the joined value.
                        self.pending &= !MISSING_COMMA;
                        continue;
                    }
                    None => {
                        self.done = true;
                        return None;
                    }
                }
            }
            #[cfg(feature = "perf")]
            if self.options == Options::strict() {
                // Its own return, so that the remembered spans go from registers straight
                // into the returned link.
                if let Some(parsed) = fast_link_value(line, start) {
                    self.pos = parsed.end;
                    self.pending = 0;
                    return Some(Ok(Link::new(line, &parsed, self.base, start, self.options, 0)));
                }
            }
            match link_value(line, start, self.options) {
                Ok(parsed) => {
                    self.pos = parsed.end;
                    let forgiven = parsed.forgiven & !MISSING_COMMA | self.pending;
                    self.pending = if parsed.no_comma { MISSING_COMMA } else { 0 };
                    return Some(Ok(Link::new(
                        line,
                        &parsed,
                        self.base,
                        start,
                        self.options,
                        forgiven,
                    )));
                }
                Err(e) => {
                    let e = e.shifted(self.base);
                    if self.options.has(SKIP_MALFORMED) {
                        self.skipped += 1;
                        if self.first_skipped.is_none() {
                            self.first_skipped = Some(e);
                        }
                        self.pending = SKIP_MALFORMED;
                        self.pos = next_top_level_comma(line, start);
                        continue;
                    }
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl core::iter::FusedIterator for Links<'_> {}

/// One link: a target and its parameters, borrowed from the field value.
///
/// The accessors for `rel`, `anchor`, `title`, `title*`, `type` and `media` follow the
/// first-occurrence rule of RFC 8288 §3.3 and §3.4.1: occurrences after the first are
/// ignored. [`Link::params`] still lists every parameter, in order, as sent.
///
/// ```
/// use signpost_link::{Links, Rel};
///
/// let field = br#"</TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel; rel=last"#;
/// let link = Links::new(field).next().unwrap()?;
/// assert_eq!(link.target_str(), Some("/TheBook/chapter4"));
/// assert!(link.has_rel(Rel::NEXT));
/// assert!(!link.has_rel(Rel::LAST)); // the second `rel` is ignored
/// assert_eq!(link.title().unwrap().to_string(), "nächstes Kapitel");
/// assert_eq!(link.params().count(), 3);
/// # Ok::<(), signpost_link::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
// The remembered spans (`c0`..`c3`, the first parameters as found by the first scan) sit
// apart from each other, so that they are copied with one 8-byte load each: a wide load
// over several just-written narrow stores would stall on store forwarding.
#[repr(C)]
pub struct Link<'a> {
    target: &'a [u8],
    #[cfg(feature = "perf")]
    c0: Span,
    params: &'a [u8],
    #[cfg(feature = "perf")]
    c1: Span,
    offset: usize,
    #[cfg(feature = "perf")]
    c2: Span,
    options: Options,
    forgiven: Forgiven,
    #[cfg(feature = "perf")]
    kinds: Kinds,
    #[cfg(feature = "perf")]
    cached: u8,
    /// Whether the spans hold every parameter.
    #[cfg(feature = "perf")]
    complete: bool,
    #[cfg(feature = "perf")]
    c3: Span,
}

impl<'a> Link<'a> {
    /// The link `parsed` found at `start` in `line`, a line that starts at `base` in the
    /// joined field value.
    #[inline(always)]
    fn new(
        line: &'a [u8],
        parsed: &Parsed,
        base: usize,
        start: usize,
        options: Options,
        forgiven: u8,
    ) -> Link<'a> {
        Link {
            target: line.get(parsed.target.0..parsed.target.1).unwrap_or_default(),
            params: line.get(parsed.params.0..parsed.params.1).unwrap_or_default(),
            offset: base.saturating_add(start),
            options,
            forgiven: Forgiven::from_bits(forgiven),
            #[cfg(feature = "perf")]
            c0: parsed.cache[0],
            #[cfg(feature = "perf")]
            c1: parsed.cache[1],
            #[cfg(feature = "perf")]
            c2: parsed.cache[2],
            #[cfg(feature = "perf")]
            c3: parsed.cache[3],
            #[cfg(feature = "perf")]
            kinds: parsed.kinds,
            #[cfg(feature = "perf")]
            cached: parsed.cached,
            #[cfg(feature = "perf")]
            complete: parsed.complete,
        }
    }

    /// The `URI-Reference` between `<` and `>`, as sent. It is not resolved: a relative
    /// reference must be resolved by the caller against the request URI (RFC 8288 §3.1).
    pub const fn target(&self) -> &'a [u8] {
        self.target
    }

    /// The target as text. Always `Some` under strict parsing (an RFC 3986 reference is
    /// ASCII); `None` only for a lenient target that is not UTF-8.
    pub fn target_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.target).ok()
    }

    /// The offset of this `link-value` in the field value (for several lines, in the lines
    /// joined by `", "`).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What a lenient parse forgave to read this link (empty under strict parsing).
    pub const fn forgiven(&self) -> Forgiven {
        self.forgiven
    }

    /// Every parameter, in order, as sent (duplicates included).
    pub fn params(&self) -> Params<'a> {
        Params {
            input: self.params,
            pos: 0,
            options: self.options,
            after_param: false,
            #[cfg(feature = "perf")]
            cache: [self.c0, self.c1, self.c2, self.c3],
            #[cfg(feature = "perf")]
            kinds: self.kinds,
            #[cfg(feature = "perf")]
            cached: self.cached,
            #[cfg(feature = "perf")]
            index: 0,
            #[cfg(feature = "perf")]
            complete: self.complete,
        }
    }

    /// The first parameter named `name` (ASCII case-insensitive), if any.
    pub fn param(&self, name: &str) -> Option<Param<'a>> {
        self.params().find(|p| p.is(name))
    }

    /// The value of the first parameter named `name`; `None` when absent or without a value.
    fn first_value(&self, name: &str) -> Option<Value<'a>> {
        self.param(name).and_then(|p| p.value())
    }

    /// The value of the first `rel` parameter, unsplit (RFC 8288 §3.3).
    pub fn rel(&self) -> Option<Value<'a>> {
        self.first_value("rel")
    }

    /// The relation types of the first `rel` parameter, split on whitespace
    /// (`relation-type *( 1*SP relation-type )`, RFC 8288 §3.3). Empty when the link has no
    /// `rel`.
    pub fn rels(&self) -> Rels<'a> {
        Rels::new(self.rel())
    }

    /// Whether the first `rel` lists `rel` (compared as strings, ignoring ASCII case,
    /// RFC 8288 §2.1).
    pub fn has_rel(&self, rel: Rel<'_>) -> bool {
        self.rels().any(|r| r == rel)
    }

    /// The first `anchor` (the link context, RFC 8288 §3.2), unresolved.
    pub fn anchor(&self) -> Option<Value<'a>> {
        self.first_value("anchor")
    }

    /// The first `type` (a media type hint, RFC 8288 §3.4.1).
    pub fn media_type(&self) -> Option<Value<'a>> {
        self.first_value("type")
    }

    /// The first `media` (RFC 8288 §3.4.1).
    pub fn media(&self) -> Option<Value<'a>> {
        self.first_value("media")
    }

    /// Every `hreflang`, in order (it may repeat, RFC 8288 §3.4.1).
    pub fn hreflangs(&self) -> impl Iterator<Item = Value<'a>> + 'a {
        self.params().filter(|p| p.is("hreflang")).filter_map(|p| p.value())
    }

    /// The first `title*`, decoded lazily (RFC 8187), when it is a valid `ext-value`.
    pub fn title_star(&self) -> Option<ExtValue<'a>> {
        self.param("title*").and_then(|p| p.ext_value().ok())
    }

    /// The title: the first `title*` when it is valid, else the first `title`
    /// (RFC 8288 §3.4.1: processors SHOULD use `title*` when both are present).
    pub fn title(&self) -> Option<Title<'a>> {
        match self.title_star() {
            Some(ext) => Some(Title::Ext(ext)),
            None => self.first_value("title").map(Title::Plain),
        }
    }
}

impl fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Link");
        match self.target_str() {
            Some(t) => d.field("target", &t),
            None => d.field("target", &self.target),
        };
        d.field("params", &DebugParams(*self))
            .field("offset", &self.offset)
            .field("forgiven", &self.forgiven)
            .finish()
    }
}

struct DebugParams<'a>(Link<'a>);

impl fmt::Debug for DebugParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.params()).finish()
    }
}

/// The parameters of a [`Link`], in order, from [`Link::params`].
#[derive(Clone, Debug)]
pub struct Params<'a> {
    input: &'a [u8],
    pos: usize,
    options: Options,
    after_param: bool,
    #[cfg(feature = "perf")]
    cache: [Span; CACHED],
    #[cfg(feature = "perf")]
    kinds: Kinds,
    #[cfg(feature = "perf")]
    cached: u8,
    #[cfg(feature = "perf")]
    index: u8,
    #[cfg(feature = "perf")]
    complete: bool,
}

#[cfg(feature = "perf")]
impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Span").field(&self.0).finish()
    }
}

impl<'a> Iterator for Params<'a> {
    type Item = Param<'a>;

    #[cfg_attr(feature = "perf", inline(always))]
    fn next(&mut self) -> Option<Param<'a>> {
        #[cfg(feature = "perf")]
        if self.index < self.cached {
            let i = usize::from(self.index);
            let span = self.cache[i];
            let kind = (self.kinds >> (2 * i)) & 3;
            self.index += 1;
            return Some(span.raw(kind).param(self.input));
        }
        #[cfg(feature = "perf")]
        if self.complete {
            return None;
        }
        #[cfg(feature = "perf")]
        if self.index == self.cached && self.cached > 0 {
            // Go on scanning after the last remembered parameter.
            let i = usize::from(self.cached) - 1;
            let kind = (self.kinds >> (2 * i)) & 3;
            self.pos = self.cache[i].after(kind);
            self.after_param = true;
            self.index += 1;
        }
        // The slice was validated when the link was read, with the same options, so the
        // scanner cannot fail here (an error would only end the iteration), and `title*`
        // needs no second check.
        let mut ignored = 0u8;
        match step(self.input, self.pos, self.options, self.after_param, false, &mut ignored) {
            Ok(Step::Param(raw, after)) => {
                self.pos = after;
                self.after_param = true;
                Some(raw.param(self.input))
            }
            Ok(Step::End(..)) | Err(_) => {
                self.pos = self.input.len();
                None
            }
        }
    }
}

impl core::iter::FusedIterator for Params<'_> {}

#[cfg(test)]
mod tests {
    use super::class;

    /// The `perf` build's strict fast path reads every `link-value` it accepts exactly as
    /// the general scanner (the only path of the size-first build) does.
    #[cfg(feature = "perf")]
    mod fast_path {
        use proptest::prelude::*;

        use super::super::{fast_link_value, link_value, Options, Parsed};

        fn same(a: &Parsed, b: &Parsed) -> bool {
            a.target == b.target
                && a.params == b.params
                && a.end == b.end
                && a.no_comma == b.no_comma
                && a.forgiven == b.forgiven
                && a.cached == b.cached
                && a.kinds == b.kinds
                && a.complete == b.complete
                && a.cache[..usize::from(a.cached)] == b.cache[..usize::from(b.cached)]
        }

        #[track_caller]
        fn check(line: &[u8]) {
            for start in 0..=line.len() {
                if let Some(fast) = fast_link_value(line, start) {
                    let general = link_value(line, start, Options::strict());
                    assert!(
                        matches!(&general, Ok(g) if same(&fast, g)),
                        "{:?} at {start}",
                        line.escape_ascii()
                    );
                }
            }
        }

        #[test]
        fn on_examples() {
            for line in [
                &br#"</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel"#[..],
                br#"<https://a.example/x?page=2>; rel="next", </b>; rel=prev"#,
                b"</app.js>; rel=preload; as=script; nopush; crossorigin",
                b"</a> ; a = b ;\tc=\"d\" , </e>",
                b"</a%20b>; a=1; b=2; c=3; d=4; e=5",
                b"</a>; title*=UTF-8''%ff",
                b"</a>; title*",
            ] {
                check(line);
            }
        }

        proptest! {
            #![proptest_config(if cfg!(miri) {
                ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() }
            } else {
                ProptestConfig::with_cases(4000)
            })]

            #[test]
            fn on_generated_fields(line in prop::collection::vec(prop::sample::select(
                b"<>;,=\"\\ \t/%'*aAtile0-UTF8e2\xc3".to_vec()), 0..40)) {
                check(&line);
            }

            #[test]
            fn on_link_shaped_fields(line in "(<[a-z/%0-9]{0,6}>( ?; ?(rel|title\\*|a|title)( ?= ?([a-z0-9%']{1,8}|\"[a-z \\\\\"']{0,6}\"))?){0,6},? ?){1,3}") {
                check(line.as_bytes());
            }
        }
    }

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
