//! The `#challenge` / `credentials` parser (RFC 9110 §11).
//!
//! Pass 1 ([`Challenges`]) validates one challenge at a time and counts its auth-params.
//! A challenge keeps the positions of up to eight params, packed into 64 bits each, so that
//! [`Params`] hands them out without parsing again; a larger challenge, or one whose params
//! run over several field lines, is walked again lazily when asked. Nothing is stored but
//! positions, so a challenge has a fixed size whatever its input.
//!
//! Without the `perf` feature, nothing is packed (params are always parsed again when
//! asked) and names are kept as bytes, turned into text only when a caller asks for a
//! `&str`: smaller code, the same results and the same errors.

use core::fmt;
use core::iter::FusedIterator;

use signpost_syntax::{
    quoted_string, quoted_with, skip_list_separators, skip_ows, token68_end, token_end, Error,
    Value,
};

use crate::Leniency;

/// The most auth-params one challenge may carry. The parser keeps the names seen so far in a
/// fixed table to find duplicates (RFC 9110 §11.2) in linear time and bounded stack; a
/// challenge with more params is an error. Real challenges carry fewer than ten (Digest,
/// the largest in use, defines nine).
pub const MAX_PARAMS: usize = 32;

/// How many param names a challenge keeps at hand for duplicate checks.
const KEPT_NAMES: usize = 8;

/// ASCII text of the input (a scheme, a param name, a token68). With `perf` it is a `&str`
/// cut from the line, which was checked as UTF-8 once; without it, the bytes, checked when
/// a caller asks for text (so that a caller that only compares names never links the UTF-8
/// validator).
#[derive(Clone, Copy, Debug)]
struct Text<'a> {
    #[cfg(feature = "perf")]
    text: &'a str,
    #[cfg(not(feature = "perf"))]
    text: &'a [u8],
}

impl<'a> Text<'a> {
    #[inline]
    fn as_str(self) -> &'a str {
        #[cfg(feature = "perf")]
        return self.text;
        #[cfg(not(feature = "perf"))]
        return ascii(self.text);
    }

    #[inline]
    fn as_bytes(self) -> &'a [u8] {
        #[cfg(feature = "perf")]
        return self.text.as_bytes();
        #[cfg(not(feature = "perf"))]
        return self.text;
    }

    #[inline]
    fn eq_ignore_ascii_case(self, other: &str) -> bool {
        self.as_bytes().eq_ignore_ascii_case(other.as_bytes())
    }
}

/// Where the input comes from: one field line, or several field lines of the same name.
#[derive(Clone, Copy, Debug)]
enum Src<'a> {
    /// One line, and (with `perf`) the same line as text when it is UTF-8 (checked once, up
    /// front, so that names and schemes become `&str` by slicing instead of by a check each).
    One {
        line: &'a [u8],
        #[cfg(feature = "perf")]
        text: Option<&'a str>,
    },
    Many(&'a [&'a [u8]]),
}

impl<'a> Src<'a> {
    #[inline]
    fn line(&self, i: usize) -> &'a [u8] {
        match *self {
            Src::One { line, .. } => {
                if i == 0 {
                    line
                } else {
                    &[]
                }
            }
            Src::Many(ls) => ls.get(i).copied().unwrap_or(&[]),
        }
    }

    /// Bytes `a..b` of line `i`, which the parser matched as `tchar`s or `token68`
    /// characters (ASCII), as text.
    #[inline]
    fn ascii(&self, i: usize, a: usize, b: usize) -> Text<'a> {
        #[cfg(feature = "perf")]
        {
            if let Src::One { text: Some(text), .. } = *self {
                if let Some(text) = text.get(a..b) {
                    return Text { text };
                }
            }
            Text { text: ascii(self.line(i).get(a..b).unwrap_or_default()) }
        }
        #[cfg(not(feature = "perf"))]
        Text { text: self.line(i).get(a..b).unwrap_or_default() }
    }

    #[inline]
    fn has_line_after(&self, i: usize) -> bool {
        match *self {
            Src::One { .. } => false,
            Src::Many(ls) => i + 1 < ls.len(),
        }
    }
}

/// A position: a line, an offset in it, and the offset of the line's start in the lines
/// joined by `", "` (RFC 9110 §5.3), which is what errors report.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    line: usize,
    pos: usize,
    base: usize,
}

impl Cursor {
    const START: Cursor = Cursor { line: 0, pos: 0, base: 0 };

    /// Skips list separators (OWS and commas), treating the end of a line that has a next
    /// line as a comma. Returns whether the input is exhausted.
    #[inline]
    fn skip_separators(&mut self, src: Src<'_>) -> bool {
        loop {
            let line = src.line(self.line);
            self.pos = skip_list_separators(line, self.pos).0;
            if self.pos < line.len() {
                return false;
            }
            if !src.has_line_after(self.line) {
                return true;
            }
            self.base += line.len() + 2;
            self.line += 1;
            self.pos = 0;
        }
    }
}

/// ASCII bytes as text. Only called on bytes that matched `tchar` or `token68`, which are
/// ASCII, so the fallback is never taken.
#[inline]
fn ascii(b: &[u8]) -> &str {
    core::str::from_utf8(b).unwrap_or_default()
}

/// Whether an `auth-param` starts at `pos`: `token BWS "="`.
#[inline]
fn is_param_start(line: &[u8], pos: usize) -> bool {
    param_name_end(line, pos).is_some()
}

/// The end of the auth-param name at `pos`, if an auth-param starts there
/// (`token BWS "="`).
#[inline]
fn param_name_end(line: &[u8], pos: usize) -> Option<usize> {
    let t = token_end(line, pos);
    (t > pos && line.get(skip_ows(line, t)) == Some(&b'=')).then_some(t)
}

/// One parsed auth-param: name, value, where it starts and where the next element may start.
struct RawParam<'a> {
    name: &'a [u8],
    value: Value<'a>,
    /// Where the value's content starts in the line (after an opening quote).
    #[cfg(feature = "perf")]
    value_at: usize,
    end: usize,
}

/// `auth-param = token BWS "=" BWS ( token / quoted-string )` (RFC 9110 §11.2), followed by
/// OWS and then a comma, the end of the line, or (with [`Leniency::MISSING_COMMA`]) the next
/// auth-param. Offsets in errors are relative to `line`.
#[cfg_attr(feature = "perf", inline(always))]
fn auth_param<'a>(
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
fn unquoted_text_end(line: &[u8], start: usize, allow: Leniency) -> usize {
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

/// What a challenge carries after its scheme.
#[derive(Clone, Copy, Debug)]
enum Body<'a> {
    Empty,
    Token68(Text<'a>),
    Params(Params<'a>),
}

/// One challenge (or one credentials value): an auth-scheme and either nothing, a
/// `token68`, or a list of auth-params.
///
/// ```
/// use signpost_challenge::Challenges;
///
/// let value = br#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
/// let mut challenges = Challenges::new(value);
/// let basic = challenges.next().unwrap()?;
/// assert!(basic.scheme_is("basic"));
/// assert_eq!(basic.param("REALM").unwrap(), "simple");
///
/// let newauth = challenges.next().unwrap()?;
/// assert_eq!(newauth.scheme(), "Newauth");
/// let names: Vec<&str> = newauth.params().map(|p| p.name()).collect();
/// assert_eq!(names, ["realm", "type", "title"]);
/// assert_eq!(newauth.param("title").unwrap().to_string(), r#"Login to "apps""#);
/// assert!(challenges.next().is_none());
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Challenge<'a> {
    scheme: Text<'a>,
    body: Body<'a>,
    offset: usize,
    forgiven: Leniency,
}

impl<'a> Challenge<'a> {
    /// The auth-scheme as written (`auth-scheme = token`, RFC 9110 §11.1). Compare it with
    /// [`scheme_is`](Challenge::scheme_is): schemes are case-insensitive.
    ///
    pub fn scheme(&self) -> &'a str {
        self.scheme.as_str()
    }

    /// The auth-scheme as bytes.
    pub fn scheme_bytes(&self) -> &'a [u8] {
        self.scheme.as_bytes()
    }

    /// Whether the auth-scheme is `name`, ignoring ASCII case (RFC 9110 §11.1).
    pub fn scheme_is(&self, name: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(name)
    }

    /// The `token68`, if the challenge carries one instead of auth-params
    /// (`Negotiate YIIF...`, `Basic QWxh...`).
    pub fn token68(&self) -> Option<&'a str> {
        match self.body {
            Body::Token68(t) => Some(t.as_str()),
            _ => None,
        }
    }

    /// The auth-params, in order, lazily. Empty for a bare scheme or a `token68`. With
    /// [`Leniency::DUPLICATE_PARAM`], repeated names after the first are skipped.
    pub fn params(&self) -> Params<'a> {
        match self.body {
            Body::Params(p) => p,
            _ => Params::EMPTY,
        }
    }

    /// The value of the auth-param `name` (compared ignoring ASCII case, RFC 9110 §11.2),
    /// matched as a whole name: `resource_metadata` never matches `x_resource_metadata`.
    pub fn param(&self, name: &str) -> Option<Value<'a>> {
        // Walks the params in place: only the small walking state is copied.
        let Body::Params(params) = &self.body else { return None };
        let mut walk = params.walk;
        while let Some(p) = params.found.step(&mut walk) {
            if p.name.eq_ignore_ascii_case(name) {
                return Some(p.value);
            }
        }
        None
    }

    /// The number of auth-params (duplicates skipped under leniency are not counted).
    pub fn param_count(&self) -> usize {
        match self.body {
            Body::Params(p) => p.walk.remaining as usize - p.found.skip.count_ones() as usize,
            _ => 0,
        }
    }

    /// Whether the challenge is a bare scheme, with no token68 and no auth-param.
    pub fn is_bare(&self) -> bool {
        matches!(self.body, Body::Empty)
    }

    /// The byte offset of the scheme in the input (in the lines joined by `", "` when the
    /// input was several field lines).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What a lenient parse had to forgive in this challenge ([`Leniency::NONE`] when it
    /// follows RFC 9110 to the letter).
    pub fn forgiven(&self) -> Leniency {
        self.forgiven
    }
}

impl fmt::Debug for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Challenge");
        d.field("scheme", &self.scheme());
        if let Some(t) = self.token68() {
            d.field("token68", &t);
        }
        d.field("params", &DebugParams(self.params()));
        if !self.forgiven.is_empty() {
            d.field("forgiven", &self.forgiven);
        }
        d.finish()
    }
}

struct DebugParams<'a>(Params<'a>);

impl fmt::Debug for DebugParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.map(|p| (p.name(), p.value))).finish()
    }
}

/// Writes the challenge in canonical form: `Scheme`, `Scheme token68`, or
/// `Scheme name=value, name="quoted value"` (values as tokens when they are tokens, `realm`
/// always quoted). See [`ChallengeWriter`](crate::ChallengeWriter).
impl fmt::Display for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::write::write_parsed(f, self)
    }
}

/// One auth-param of a challenge: a name and a [`Value`].
#[derive(Clone, Copy)]
pub struct AuthParam<'a> {
    name: Text<'a>,
    value: Value<'a>,
    offset: usize,
}

impl fmt::Debug for AuthParam<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthParam")
            .field("name", &self.name())
            .field("value", &self.value)
            .field("offset", &self.offset)
            .finish()
    }
}

impl<'a> AuthParam<'a> {
    /// The name as written; names are case-insensitive (RFC 9110 §11.2).
    pub fn name(&self) -> &'a str {
        self.name.as_str()
    }

    /// Whether the name is `name`, ignoring ASCII case.
    pub fn name_is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The value, a `token` or the content of a `quoted-string` (unescaped lazily).
    pub fn value(&self) -> Value<'a> {
        self.value
    }

    /// The byte offset of the name in the input.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

/// The auth-params of one [`Challenge`], from [`Challenge::params`].
#[derive(Clone, Copy, Debug)]
pub struct Params<'a> {
    walk: Walk,
    found: Found<'a>,
}

/// What the first pass found out about the params of a challenge: the part of [`Params`]
/// that never moves.
#[derive(Clone, Copy, Debug)]
struct Found<'a> {
    src: Src<'a>,
    /// The params to skip (duplicates forgiven by [`Leniency::DUPLICATE_PARAM`]), by index.
    skip: u32,
    /// The spans of the params found by the first pass, when they all fit (see [`Packed`]);
    /// `packed_len == 0` means the params are parsed again from `walk.cur`.
    #[cfg(feature = "perf")]
    packed: [u64; KEPT_NAMES],
    #[cfg(feature = "perf")]
    packed_len: u8,
}

/// Where a walk over the params stands: the only part of [`Params`] that moves (and the
/// leniency to parse them with, which fits in what would be padding: a `Params` stays at
/// 32 bytes without `perf`, which a 32-bit target copies without a call to `memcpy`).
#[derive(Clone, Copy, Debug)]
struct Walk {
    cur: Cursor,
    remaining: u8,
    index: u8,
    allow: Leniency,
}

/// One auth-param's position in its line, packed into 64 bits so that a challenge can carry
/// what the first pass found and [`Params`] need not parse again: name start (16 bits),
/// name length (8), value start (16), value length (16), quoted (1), quoted-pairs (7).
#[cfg(feature = "perf")]
struct Packed;

#[cfg(feature = "perf")]
impl Packed {
    fn pack(p: &RawParam<'_>, name_at: usize) -> Option<u64> {
        let fits = name_at <= 0xFFFF
            && p.name.len() <= 0xFF
            && p.value_at <= 0xFFFF
            && p.value.as_raw().len() <= 0xFFFF
            && p.value.escapes() <= 0x7F;
        fits.then(|| {
            name_at as u64
                | (p.name.len() as u64) << 16
                | (p.value_at as u64) << 24
                | (p.value.as_raw().len() as u64) << 40
                | u64::from(p.value.is_quoted()) << 56
                | (p.value.escapes() as u64) << 57
        })
    }

    /// The name, value and name offset of a packed param of `line`.
    fn unpack(line: &[u8], w: u64) -> Option<(&[u8], Value<'_>, usize)> {
        let name_at = (w & 0xFFFF) as usize;
        let name_len = (w >> 16 & 0xFF) as usize;
        let value_at = (w >> 24 & 0xFFFF) as usize;
        let value_len = (w >> 40 & 0xFFFF) as usize;
        let raw = line.get(value_at..value_at + value_len)?;
        let value = if w >> 56 & 1 == 1 {
            Value::quoted(raw, (w >> 57) as usize)
        } else {
            Value::token(raw)
        };
        Some((line.get(name_at..name_at + name_len)?, value, name_at))
    }
}

impl<'a> Params<'a> {
    /// Params parsed again from `cur` (no packed spans).
    fn reparse(src: Src<'a>, cur: Cursor, allow: Leniency) -> Params<'a> {
        Params {
            walk: Walk { cur, allow, ..Params::EMPTY.walk },
            found: Found { src, ..Params::EMPTY.found },
        }
    }
}

impl<'a> Found<'a> {
    /// The next param after `walk`, which it moves on.
    #[inline]
    fn step(&self, walk: &mut Walk) -> Option<AuthParam<'a>> {
        #[cfg(feature = "perf")]
        {
            // Decided here, inline: an exhausted walk (every `params()` of a bare or token68
            // challenge) and the packed spans never call the parsing step.
            if walk.remaining == 0 {
                return None;
            }
            if self.packed_len > 0 {
                return self.step_packed(walk);
            }
        }
        self.step_parsing(walk)
    }

    /// [`Found::step`] over the spans packed by the first pass: small enough to inline into
    /// the caller's loop.
    #[cfg(feature = "perf")]
    #[inline]
    fn step_packed(&self, walk: &mut Walk) -> Option<AuthParam<'a>> {
        let line = self.src.line(walk.cur.line);
        while walk.remaining > 0 {
            let index = walk.index;
            walk.index += 1;
            walk.remaining -= 1;
            if self.skip & (1u32 << index) != 0 {
                continue;
            }
            let w = *self.packed.get(index as usize)?;
            let (name, value, at) = Packed::unpack(line, w)?;
            let name = self.src.ascii(walk.cur.line, at, at + name.len());
            return Some(AuthParam { name, value, offset: walk.cur.base + at });
        }
        None
    }

    /// [`Found::step`] parsing the next param again (spans not packed, or no `perf`).
    #[cfg_attr(feature = "perf", inline(never))]
    fn step_parsing(&self, walk: &mut Walk) -> Option<AuthParam<'a>> {
        while walk.remaining > 0 {
            walk.cur.skip_separators(self.src);
            let line = self.src.line(walk.cur.line);
            let start = walk.cur.pos;
            let mut ignored = Leniency::NONE;
            // Pass 1 validated this span, so an error here cannot happen; stop quietly if it
            // ever did rather than panic.
            let Ok(p) = auth_param(line, start, None, walk.allow, &mut ignored) else {
                walk.remaining = 0;
                return None;
            };
            walk.cur.pos = p.end;
            walk.remaining -= 1;
            let index = walk.index;
            walk.index += 1;
            if self.skip & (1u32 << index) != 0 {
                continue;
            }
            let name = self.src.ascii(walk.cur.line, start, start + p.name.len());
            return Some(AuthParam { name, value: p.value, offset: walk.cur.base + start });
        }
        None
    }
}

impl Params<'_> {
    const EMPTY: Params<'static> = Params {
        walk: Walk { cur: Cursor::START, remaining: 0, index: 0, allow: Leniency::NONE },
        found: Found {
            src: Src::One {
                line: &[],
                #[cfg(feature = "perf")]
                text: None,
            },
            skip: 0,
            #[cfg(feature = "perf")]
            packed: [0; KEPT_NAMES],
            #[cfg(feature = "perf")]
            packed_len: 0,
        },
    };
}

impl<'a> Iterator for Params<'a> {
    type Item = AuthParam<'a>;

    fn next(&mut self) -> Option<AuthParam<'a>> {
        self.found.step(&mut self.walk)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.walk.remaining as usize))
    }
}

impl FusedIterator for Params<'_> {}

/// The challenges of a `WWW-Authenticate` or `Proxy-Authenticate` field:
/// `WWW-Authenticate = #challenge`, `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]`
/// (RFC 9110 §11.6.1, §11.3).
///
/// A lazy, zero-copy iterator: each item borrows from the input and nothing is allocated.
/// It reads one field line ([`Challenges::new`]) or every field line of the field
/// ([`Challenges::from_lines`]), which RFC 9110 §5.3 defines as the lines joined by commas:
/// a challenge's params may even continue on the next line. Error offsets are into the
/// lines joined by `", "`.
///
/// The grammar's trap is that commas separate both challenges and auth-params: an element
/// after a comma belongs to the current challenge when it is `token BWS "="`, and starts a
/// new challenge otherwise. A `token68` (possibly ending in `=` padding) is recognised only
/// as the whole of a challenge's body, so `Bearer abc=` is a token68 and `Bearer abc=def` is
/// an auth-param.
///
/// Strict by default: the first error is returned as `Some(Err(_))` and the iterator then
/// stops. See [`Leniency`] for the switches that accept what real servers send, including
/// [`Leniency::RECOVER`], which reports a bad challenge and goes on with the next.
///
/// ```
/// use signpost_challenge::Challenges;
///
/// // RFC 9449 §7.2, figure 19: the same params in two challenges of one value.
/// let value = br#"Bearer error="invalid_request", error_description="Multiple methods used to include access token", DPoP algs="ES256 PS256", error="invalid_request", error_description="Multiple methods used to include access token""#;
/// let schemes: Vec<(&str, usize)> = Challenges::new(value)
///     .map(|c| c.map(|c| (c.scheme(), c.param_count())))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(schemes, [("Bearer", 2), ("DPoP", 3)]);
///
/// // Several field lines, as an HTTP library hands them over.
/// let lines: [&[u8]; 2] = [b"Negotiate", br#"Bearer realm="example""#];
/// let n = Challenges::from_lines(&lines).count();
/// assert_eq!(n, 2);
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Challenges<'a> {
    src: Src<'a>,
    cur: Cursor,
    allow: Leniency,
    done: bool,
}

impl<'a> Challenges<'a> {
    /// The challenges of one field value, parsed strictly (relax with
    /// [`with_leniency`](Challenges::with_leniency)).
    pub fn new(value: &'a [u8]) -> Challenges<'a> {
        let src = Src::One {
            line: value,
            #[cfg(feature = "perf")]
            text: core::str::from_utf8(value).ok(),
        };
        Challenges { src, cur: Cursor::START, allow: Leniency::NONE, done: false }
    }

    /// The challenges of every field line of the field, in order, parsed strictly (relax
    /// with [`with_leniency`](Challenges::with_leniency)).
    pub fn from_lines(lines: &'a [&'a [u8]]) -> Challenges<'a> {
        Challenges { src: Src::Many(lines), cur: Cursor::START, allow: Leniency::NONE, done: false }
    }

    /// Accepts the deviations in `allow` from here on (each challenge reports those it
    /// needed in [`Challenge::forgiven`]).
    ///
    /// ```
    /// use signpost_challenge::{Challenges, Leniency};
    ///
    /// let lines: [&[u8]; 2] = [b"Bearer realm=\"a\" error=\"b\"", b"Basic"];
    /// let mut challenges = Challenges::from_lines(&lines).with_leniency(Leniency::MISSING_COMMA);
    /// assert_eq!(challenges.next().unwrap()?.forgiven(), Leniency::MISSING_COMMA);
    /// assert!(challenges.next().unwrap()?.forgiven().is_empty());
    /// # Ok::<(), signpost_challenge::Error>(())
    /// ```
    #[must_use]
    pub fn with_leniency(self, allow: Leniency) -> Challenges<'a> {
        Challenges { allow, ..self }
    }

    /// The first challenge whose scheme is `scheme` (ignoring ASCII case), skipping the
    /// others; `Err` if the input is malformed before it is found.
    pub fn find_scheme(self, scheme: &str) -> Result<Option<Challenge<'a>>, Error> {
        for c in self {
            let c = c?;
            if c.scheme_is(scheme) {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    /// Parses one challenge at the cursor, which stands on a non-separator byte.
    fn challenge(&mut self) -> Result<Challenge<'a>, Error> {
        let src = self.src;
        let line = src.line(self.cur.line);
        let start = self.cur.pos;
        let scheme_end = token_end(line, start);
        if scheme_end == start {
            return Err(self.fail(line, start, "expected auth-scheme (a token)"));
        }
        let scheme = src.ascii(self.cur.line, start, scheme_end);
        let offset = self.cur.base + start;
        let mut forgiven = Leniency::NONE;

        // `1*SP` (and, leniently, HTAB) before the token68 or the auth-params.
        let mut sp_end = scheme_end;
        while let Some(&b) = line.get(sp_end) {
            if b == b' ' {
                sp_end += 1;
            } else if b == b'\t' && self.allow.any(Leniency::WHITESPACE) {
                forgiven.insert(Leniency::WHITESPACE);
                sp_end += 1;
            } else {
                break;
            }
        }
        let spaced = sp_end > scheme_end;
        // OWS before a comma or the end of the field is part of the list syntax.
        let after = skip_ows(line, sp_end);
        match line.get(after) {
            None | Some(b',') => {}
            Some(_) if after > sp_end => {
                return Err(self.fail(line, sp_end, "expected SP or ',' after auth-scheme"));
            }
            Some(b'=') if !spaced || line.get(skip_ows(line, after)) == Some(&b'=') => {
                return Err(self.fail(line, start, "expected auth-scheme, found auth-param"));
            }
            Some(_) if !spaced => {
                return Err(self.fail(line, after, "expected SP or ',' after auth-scheme"));
            }
            Some(_) => {
                // token68, if it is the whole body
                let t = token68_end(line, after);
                if t > after {
                    let next = skip_ows(line, t);
                    if matches!(line.get(next), None | Some(b','))
                        && !self.empty_value_then_param(line, t)
                    {
                        self.cur.pos = next;
                        return Ok(Challenge {
                            scheme,
                            body: Body::Token68(src.ascii(self.cur.line, after, t)),
                            offset,
                            forgiven,
                        });
                    }
                }
                self.cur.pos = after;
                return self.param_list(scheme, offset, forgiven);
            }
        }

        // Nothing after the scheme on this element. Params may still follow after a comma:
        // always when the scheme was followed by SP (`Bearer , realm="x"`, an empty first
        // list element), leniently otherwise (`Bearer, realm="x"`).
        self.cur.pos = after;
        let mut peek = self.cur;
        if !peek.skip_separators(src) && is_param_start(src.line(peek.line), peek.pos) {
            if !spaced {
                if !self.allow.any(Leniency::PARAM_AFTER_BARE_SCHEME) {
                    // Leave the cursor on the param: it is reported as the next element.
                    return Ok(Challenge { scheme, body: Body::Empty, offset, forgiven });
                }
                forgiven.insert(Leniency::PARAM_AFTER_BARE_SCHEME);
            }
            self.cur = peek;
            return self.param_list(scheme, offset, forgiven);
        }
        Ok(Challenge { scheme, body: Body::Empty, offset, forgiven })
    }

    /// With [`Leniency::EMPTY_VALUE`], `Bearer error=, scope="a"` reads `error=` as an
    /// auth-param with an empty value rather than a token68, when an auth-param follows.
    fn empty_value_then_param(&self, line: &[u8], token68_end: usize) -> bool {
        if !self.allow.any(Leniency::EMPTY_VALUE)
            || line.get(token68_end.wrapping_sub(1)) != Some(&b'=')
            || line.get(token68_end.wrapping_sub(2)) == Some(&b'=')
        {
            return false;
        }
        let mut peek = Cursor { pos: token68_end, ..self.cur };
        !peek.skip_separators(self.src) && is_param_start(self.src.line(peek.line), peek.pos)
    }

    /// `#auth-param` after a scheme; the cursor stands on the first auth-param.
    fn param_list(
        &mut self,
        scheme: Text<'a>,
        offset: usize,
        mut forgiven: Leniency,
    ) -> Result<Challenge<'a>, Error> {
        let src = self.src;
        let first = self.cur;
        // The first names are kept for duplicate checks; past them, a duplicate is looked
        // for by walking the params parsed so far (at most MAX_PARAMS of them).
        let mut names: [&[u8]; KEPT_NAMES] = [&[]; KEPT_NAMES];
        #[cfg(feature = "perf")]
        let mut packed = [0u64; KEPT_NAMES];
        #[cfg(feature = "perf")]
        let mut packable = true;
        let mut count = 0usize;
        let mut skip = 0u32;
        let mut name_end = None;
        loop {
            let line = src.line(self.cur.line);
            let at = self.cur.pos;
            let p = match auth_param(line, at, name_end, self.allow, &mut forgiven) {
                Ok(p) => p,
                Err(e) => {
                    let e = e.shifted(self.cur.base);
                    self.recover_from(e.offset() - self.cur.base);
                    return Err(e);
                }
            };
            if count == MAX_PARAMS {
                let off = self.cur.base + at;
                self.recover_from(at);
                return Err(Error::new(off, "too many auth-params in one challenge (at most 32)"));
            }
            let kept = count.min(KEPT_NAMES);
            let duplicate = names[..kept].iter().any(|n| n.eq_ignore_ascii_case(p.name))
                || (count > KEPT_NAMES && {
                    let rest = Params::reparse(src, first, self.allow);
                    Params { walk: Walk { remaining: count as u8, ..rest.walk }, ..rest }
                        .skip(KEPT_NAMES)
                        .any(|q| q.name.as_bytes().eq_ignore_ascii_case(p.name))
                });
            if duplicate {
                if !self.allow.any(Leniency::DUPLICATE_PARAM) {
                    let off = self.cur.base + at;
                    self.recover_from(at);
                    return Err(Error::new(off, "duplicate auth-param name in challenge"));
                }
                forgiven.insert(Leniency::DUPLICATE_PARAM);
                skip |= 1 << count;
            }
            if let Some(slot) = names.get_mut(count) {
                *slot = p.name;
            }
            #[cfg(feature = "perf")]
            match (packed.get_mut(count), Packed::pack(&p, at)) {
                (Some(slot), Some(w)) if self.cur.line == first.line => *slot = w,
                _ => packable = false,
            }
            count += 1;
            self.cur.pos = p.end;
            let mut peek = self.cur;
            if peek.skip_separators(src) {
                self.cur = peek;
                break;
            }
            name_end = param_name_end(src.line(peek.line), peek.pos);
            self.cur = peek;
            if name_end.is_none() {
                // The next element starts a new challenge.
                break;
            }
        }
        let params = Params {
            walk: Walk { cur: first, remaining: count as u8, index: 0, allow: self.allow },
            found: Found {
                src,
                skip,
                #[cfg(feature = "perf")]
                packed,
                #[cfg(feature = "perf")]
                packed_len: if packable { count as u8 } else { 0 },
            },
        };
        Ok(Challenge { scheme, body: Body::Params(params), offset, forgiven })
    }

    /// An error at `pos` of the current line, with recovery or fusing as configured.
    fn fail(&mut self, line: &[u8], pos: usize, message: &'static str) -> Error {
        let e = Error::at(line, pos, message).shifted(self.cur.base);
        self.recover_from(pos);
        e
    }

    /// After an error at `pos` of the current line: stop (strict), or move to the next
    /// element after `pos` that can start a challenge (with [`Leniency::RECOVER`]).
    fn recover_from(&mut self, pos: usize) {
        if !self.allow.any(Leniency::RECOVER) {
            self.done = true;
            return;
        }
        let src = self.src;
        let mut from = pos;
        loop {
            let line = src.line(self.cur.line);
            // the next comma strictly after `from`, or the end of the line
            let next = line
                .get(from + 1..)
                .and_then(|rest| rest.iter().position(|&b| b == b','))
                .map_or(line.len(), |i| from + 1 + i);
            self.cur.pos = next;
            if self.cur.skip_separators(src) {
                self.done = true;
                return;
            }
            if !is_param_start(src.line(self.cur.line), self.cur.pos) {
                return;
            }
            from = self.cur.pos;
        }
    }
}

impl<'a> Iterator for Challenges<'a> {
    type Item = Result<Challenge<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.cur.skip_separators(self.src) {
            self.done = true;
            return None;
        }
        Some(self.challenge())
    }
}

impl FusedIterator for Challenges<'_> {}

/// The credentials of an `Authorization` or `Proxy-Authorization` field:
/// `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.4), parsed
/// strictly. Exactly one credentials value; OWS around it is allowed.
///
/// ```
/// use signpost_challenge::parse_credentials;
///
/// let c = parse_credentials(b"Basic YWxhZGRpbjpvcGVuc2VzYW1l")?;
/// assert!(c.scheme_is("basic"));
/// assert_eq!(c.token68(), Some("YWxhZGRpbjpvcGVuc2VzYW1l"));
///
/// let err = parse_credentials(b"Bearer abc, Basic def").unwrap_err();
/// assert_eq!(err.to_string(), "expected one credentials value, found a second auth-scheme at byte 12");
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
pub fn parse_credentials(value: &[u8]) -> Result<Challenge<'_>, Error> {
    let mut it = Challenges::new(value);
    let start = skip_ows(value, 0);
    if start == value.len() {
        return Err(Error::at(value, start, "expected auth-scheme (a token)"));
    }
    let c = match it.next() {
        Some(r) => r?,
        None => return Err(Error::at(value, start, "expected auth-scheme (a token)")),
    };
    let end = it.cur.pos;
    match it.next() {
        Some(Ok(second)) => {
            return Err(Error::new(
                second.offset(),
                "expected one credentials value, found a second auth-scheme",
            ))
        }
        Some(Err(e)) => return Err(e),
        None => {}
    }
    // A token68 or a bare scheme is not a list: not even an empty element may follow.
    if !matches!(c.body, Body::Params(_)) {
        let rest = skip_ows(value, end);
        if rest < value.len() {
            return Err(Error::at(value, rest, "expected end of credentials"));
        }
    }
    Ok(c)
}

/// The access token of `Authorization: Bearer <b64token>` (RFC 6750 §2.1:
/// `credentials = "Bearer" 1*SP b64token`, `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/" ) *"="`). The scheme is matched ignoring ASCII case.
///
/// ```
/// use signpost_challenge::bearer_token;
///
/// assert_eq!(bearer_token(b"Bearer mF_9.B5f-4.1JqM")?, "mF_9.B5f-4.1JqM");
/// assert_eq!(bearer_token(b"bearer mF_9.B5f-4.1JqM")?, "mF_9.B5f-4.1JqM");
/// assert_eq!(
///     bearer_token(b"Basic YWxhZGRpbg==").unwrap_err().message(),
///     "expected auth-scheme 'Bearer'"
/// );
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
pub fn bearer_token(value: &[u8]) -> Result<&str, Error> {
    token_for(value, "Bearer")
}

/// The token68 of `Authorization: <scheme> <token68>` for a given scheme (`DPoP`, `Bearer`,
/// `Basic`, ...), matched ignoring ASCII case; an error if the credentials use another
/// scheme or carry auth-params.
pub fn token_for<'a>(value: &'a [u8], scheme: &str) -> Result<&'a str, Error> {
    let c = parse_credentials(value)?;
    if !c.scheme_is(scheme) {
        let message = if scheme.eq_ignore_ascii_case("bearer") {
            "expected auth-scheme 'Bearer'"
        } else if scheme.eq_ignore_ascii_case("dpop") {
            "expected auth-scheme 'DPoP'"
        } else {
            "unexpected auth-scheme"
        };
        return Err(Error::new(c.offset(), message));
    }
    c.token68().ok_or_else(|| {
        Error::new(c.offset() + c.scheme().len(), "expected SP and a token68 after auth-scheme")
    })
}
