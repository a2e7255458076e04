//! The `#challenge` parser (RFC 9110 §11): [`Challenges`].
//!
//! Pass 1 ([`Challenges`]) validates one challenge at a time and counts its auth-params.
//! A challenge keeps the positions of up to eight params, packed into 64 bits each, so that
//! [`Params`](crate::Params) hands them out without parsing again; a larger challenge, or one
//! whose params run over several field lines, is walked again lazily when asked. Nothing is
//! stored but positions, so a challenge has a fixed size whatever its input.
//!
//! Without the `perf` feature, nothing is packed (params are always parsed again when
//! asked) and names are kept as bytes, turned into text only when a caller asks for a
//! `&str`: smaller code, the same results and the same errors.

use core::iter::FusedIterator;

use signpost_syntax::{skip_ows, token68_end, token_end, Error};

use crate::auth_param::{auth_param, is_param_start, param_name_end_folding, param_name_scan};
use crate::challenge::{Body, Challenge};
use crate::params::{Found, Params, Walk, KEPT_NAMES, MAX_PARAMS};
#[cfg(feature = "perf")]
use crate::params::{Packed, PACKED};
use crate::source::{ows, ows_then_folds, Cursor, Src, Text};
use crate::Leniency;

/// A challenge's result as an [`Item`] (a macro: the size-first build gets the result
/// untouched, with no call to inline).
macro_rules! item {
    ($result:expr) => {{
        #[cfg(feature = "perf")]
        let item = Some($result);
        #[cfg(not(feature = "perf"))]
        let item = $result;
        item
    }};
}

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
    pub(crate) src: Src<'a>,
    pub(crate) cur: Cursor,
    pub(crate) allow: Leniency,
    /// Where the iteration stands (one byte: the iterator stays small enough to be copied
    /// without a call to `memcpy` on a 32-bit target).
    pub(crate) state: State,
}

/// Where a [`Challenges`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Challenges may follow (if the field ends before the first, it holds no challenge:
    /// `1#challenge` wants one).
    Running,
    /// The end, or (strictly) after an error.
    Done,
    /// The end of a field that held no challenge, forgiven by [`Leniency::EMPTY_FIELD`].
    EmptyForgiven,
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
        Challenges { src, cur: Cursor::START, allow: Leniency::NONE, state: State::Running }
    }

    /// The challenges of every field line of the field, in order, parsed strictly (relax
    /// with [`with_leniency`](Challenges::with_leniency)). No line at all is a response
    /// without the field: no challenge and no error. Lines that hold only OWS and commas
    /// are an empty field, an error (`1#challenge`) unless [`Leniency::EMPTY_FIELD`].
    pub fn from_lines(lines: &'a [&'a [u8]]) -> Challenges<'a> {
        // No line at all is no field (nothing to iterate), not an empty one.
        let state = if lines.is_empty() { State::Done } else { State::Running };
        Challenges { src: Src::Many(lines), cur: Cursor::START, allow: Leniency::NONE, state }
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

    /// What a lenient parse forgave about the field as a whole, rather than about one
    /// challenge: [`Leniency::EMPTY_FIELD`] once the iterator has found the field empty.
    /// What it forgave in each challenge is in [`Challenge::forgiven`].
    ///
    /// ```
    /// use signpost_challenge::{Challenges, Leniency};
    ///
    /// // Strictly, `WWW-Authenticate = 1#challenge`: a field of commas holds none.
    /// let err = Challenges::new(b" , ").next().unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "expected challenge (WWW-Authenticate = 1#challenge), found end of input at byte 3");
    ///
    /// let mut lenient = Challenges::new(b" , ").with_leniency(Leniency::EMPTY_FIELD);
    /// assert!(lenient.next().is_none());
    /// assert_eq!(lenient.forgiven(), Leniency::EMPTY_FIELD);
    /// ```
    pub fn forgiven(&self) -> Leniency {
        match self.state {
            State::EmptyForgiven => Leniency::EMPTY_FIELD,
            _ => Leniency::NONE,
        }
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

    /// `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3) at the
    /// cursor, which stands on a byte that is neither a list separator nor the start of an
    /// obs-fold.
    #[inline]
    pub(crate) fn challenge(&mut self) -> Item<'a> {
        let src = self.src;
        let line = src.line(self.cur.line);
        let start = self.cur.pos;
        let scheme_end = token_end(line, start);
        if scheme_end == start {
            // Without `perf`, at the end of the field (the iterator comes here at the end only
            // when the field holds no challenge at all): `1#challenge` (RFC 9110 §11.6.1,
            // §11.7.1). With `perf`, the iterator reports that itself.
            let message = if !cfg!(feature = "perf") && start == line.len() {
                EMPTY_FIELD
            } else {
                "expected auth-scheme (a token)"
            };
            return item!(Err(self.fail(line, start, message)));
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
        let mut spaced = sp_end > scheme_end;
        // OWS before a comma or the end of the field is part of the list syntax.
        let mut after = skip_ows(line, sp_end);
        // An obs-fold, with the whitespace around it, reads as SP (RFC 9112 §5.2). With
        // `perf`, looked for only where OWS stops on a CR; without, by the one OWS scanner.
        let folded = if cfg!(feature = "perf") && line.get(after) != Some(&b'\r') {
            after
        } else {
            ows(line, after)
        };
        if folded > after {
            (sp_end, after, spaced) = (folded, folded, true);
        }
        // Where the auth-params start, if the challenge has some: one call of `param_list`
        // for every way to get there.
        let params_at = match line.get(after) {
            None | Some(b',') => {
                // Nothing after the scheme on this element. Params may still follow after a
                // comma: always when the scheme was followed by SP (`Bearer , realm="x"`, an
                // empty first list element), leniently otherwise (`Bearer, realm="x"`).
                // Built before the store to `pos` (see `param_list`).
                let mut peek = Cursor { pos: after, ..self.cur };
                self.cur.pos = after;
                if peek.skip_separators(src)
                    || !(is_param_start(src.line(peek.line), peek.pos)
                        || (cfg!(feature = "perf") && param_after_fold(src, &mut peek)))
                {
                    return item!(Ok(Challenge { scheme, body: Body::Empty, offset, forgiven }));
                }
                if !spaced {
                    if !self.allow.any(Leniency::PARAM_AFTER_BARE_SCHEME) {
                        // Leave the cursor on the param: it is reported as the next element.
                        return item!(Ok(Challenge {
                            scheme,
                            body: Body::Empty,
                            offset,
                            forgiven
                        }));
                    }
                    forgiven.insert(Leniency::PARAM_AFTER_BARE_SCHEME);
                }
                peek
            }
            Some(_) if after > sp_end => {
                return item!(Err(self.fail(line, sp_end, "expected SP or ',' after auth-scheme")));
            }
            Some(b'=') => {
                return item!(Err(self.fail(
                    line,
                    start,
                    "expected auth-scheme, found auth-param"
                )));
            }
            Some(_) if !spaced => {
                return item!(Err(self.fail(line, after, "expected SP or ',' after auth-scheme")));
            }
            Some(_) => 'body: {
                // token68, if it is the whole body
                let t = token68_end(line, after);
                if t > after {
                    let next = ows_then_folds(line, t);
                    let whole = matches!(line.get(next), None | Some(b','));
                    // Leniently, whether an auth-param follows the token68, after a comma
                    // or (with `TOKEN68_PARAMS`) after OWS.
                    let mut peek = Cursor { pos: next, ..self.cur };
                    let param = (whole || next > t)
                        && self.allow.any(Leniency::EMPTY_VALUE | Leniency::TOKEN68_PARAMS)
                        && !peek.skip_separators_folding(src)
                        && param_name_end_folding(src.line(peek.line), peek.pos).is_some();
                    if param && whole && self.empty_value_then_param(line, t) {
                        // `Bearer error=, scope="a"`: `error=` is read as an auth-param.
                    } else if param && self.allow.any(Leniency::TOKEN68_PARAMS) {
                        // The token68 is read again from the scheme when asked
                        // (`Challenge::token68`).
                        forgiven.insert(Leniency::TOKEN68_PARAMS);
                        break 'body peek;
                    } else if whole {
                        self.cur.pos = next;
                        return item!(Ok(Challenge {
                            scheme,
                            body: Body::Token68(src.ascii(self.cur.line, after, t)),
                            offset,
                            forgiven,
                        }));
                    }
                }
                Cursor { pos: after, ..self.cur }
            }
        };
        self.cur = params_at;
        item!(self.param_list(scheme, offset, forgiven))
    }

    /// With [`Leniency::EMPTY_VALUE`], `Bearer error=, scope="a"` reads `error=` as an
    /// auth-param with an empty value rather than a token68, when an auth-param follows (the
    /// caller checked that): whether the token68 ending at `token68_end` has that shape.
    pub(crate) fn empty_value_then_param(&self, line: &[u8], token68_end: usize) -> bool {
        self.allow.any(Leniency::EMPTY_VALUE)
            && line.get(token68_end.wrapping_sub(1)) == Some(&b'=')
            && line.get(token68_end.wrapping_sub(2)) != Some(&b'=')
    }

    /// `#auth-param` after a scheme; the cursor stands on the first auth-param.
    pub(crate) fn param_list(
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
        let mut packed = [0u64; PACKED];
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
            // The cursor built from its fields, not copied after a store to `pos`: a wide
            // load over a narrow store just made cannot be forwarded, and stalls.
            let mut peek = Cursor { pos: p.end, ..self.cur };
            if peek.skip_separators(src) {
                self.cur = peek;
                break;
            }
            let next_line = src.line(peek.line);
            let (t, bws_end) = param_name_scan(next_line, peek.pos);
            let after_bws = next_line.get(bws_end);
            name_end = (t > peek.pos && after_bws == Some(&b'=')).then_some(t);
            if cfg!(feature = "perf") && name_end.is_none() && after_bws == Some(&b'\r') {
                // An obs-fold (RFC 9112 §5.2) before the element or in its BWS: off the
                // common path, which never finds a CR here.
                if peek.skip_separators_folding(src) {
                    self.cur = peek;
                    break;
                }
                name_end = param_name_end_folding(src.line(peek.line), peek.pos);
            }
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
    pub(crate) fn fail(&mut self, line: &[u8], pos: usize, message: &'static str) -> Error {
        let e = Error::at(line, pos, message).shifted(self.cur.base);
        self.recover_from(pos);
        e
    }

    /// After an error at `pos` of the current line: stop (strict), or move to the next
    /// element after `pos` that can start a challenge (with [`Leniency::RECOVER`]).
    pub(crate) fn recover_from(&mut self, pos: usize) {
        if !self.allow.any(Leniency::RECOVER) {
            self.state = State::Done;
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
            if self.cur.skip_separators_folding(src) {
                self.state = State::Done;
                return;
            }
            if param_name_end_folding(src.line(self.cur.line), self.cur.pos).is_none() {
                return;
            }
            from = self.cur.pos;
        }
    }
}

/// Whether an auth-param starts at `peek` once obs-folds (RFC 9112 §5.2) are read as
/// whitespace, before it or in its BWS; moves `peek` past the folds before it. Off the
/// common path: called where the plain check found no auth-param.
#[cold]
#[inline(never)]
fn param_after_fold(src: Src<'_>, peek: &mut Cursor) -> bool {
    !peek.skip_separators_folding(src)
        && param_name_end_folding(src.line(peek.line), peek.pos).is_some()
}

/// What [`Challenges::challenge`] returns: with `perf`, the iterator's item itself, which the
/// optimiser then writes in place (a challenge is large there: it carries its params'
/// spans); without `perf`, the result alone, which is smaller code for a small challenge.
#[cfg(feature = "perf")]
pub(crate) type Item<'a> = Option<Result<Challenge<'a>, Error>>;
#[cfg(not(feature = "perf"))]
pub(crate) type Item<'a> = Result<Challenge<'a>, Error>;

/// An [`Item`] as a challenge's result.
#[cfg(feature = "nom")]
#[inline(always)]
pub(crate) fn item_result(i: Item<'_>) -> Result<Challenge<'_>, Error> {
    #[cfg(feature = "perf")]
    return i.unwrap_or(Err(Error::new(0, "expected auth-scheme (a token)")));
    #[cfg(not(feature = "perf"))]
    return i;
}

impl<'a> Challenges<'a> {
    /// The end of the field, `empty` if it held no challenge: `1#challenge` (RFC 9110
    /// §11.6.1, §11.7.1) wants one, so that is an error (with [`Leniency::EMPTY_FIELD`], the
    /// end, reported by [`Challenges::forgiven`]). With `perf` only, out of line, off the
    /// path of each challenge (without it, `challenge` reports the empty field).
    #[cfg(feature = "perf")]
    #[cold]
    #[inline(never)]
    fn end(&mut self, empty: bool) -> Option<Result<Challenge<'a>, Error>> {
        if !empty || self.allow.any(Leniency::EMPTY_FIELD) {
            self.state = if empty { State::EmptyForgiven } else { State::Done };
            return None;
        }
        let line = self.src.line(self.cur.line);
        Some(Err(self.fail(line, self.cur.pos, EMPTY_FIELD)))
    }
}

/// The message of an empty field (`1#challenge`, RFC 9110 §11.6.1, §11.7.1).
const EMPTY_FIELD: &str = "expected challenge (WWW-Authenticate = 1#challenge)";

impl<'a> Iterator for Challenges<'a> {
    type Item = Result<Challenge<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.state != State::Running {
            return None;
        }
        // No challenge read yet: each one moves the cursor past its scheme.
        let empty = self.cur.pos == 0 && self.cur.line == 0;
        // Separators and obs-folds (RFC 9112 §5.2) before the element.
        let at_end = self.cur.skip_separators_then_folds(self.src);
        #[cfg(feature = "perf")]
        if at_end {
            return self.end(empty);
        }
        // Without `perf`, an empty field goes on to `challenge`, which reports it (one error
        // path, less code).
        #[cfg(not(feature = "perf"))]
        if at_end && (!empty || self.allow.any(Leniency::EMPTY_FIELD)) {
            self.state = if empty { State::EmptyForgiven } else { State::Done };
            return None;
        }
        #[cfg(feature = "perf")]
        return self.challenge();
        #[cfg(not(feature = "perf"))]
        return Some(self.challenge());
    }
}

impl FusedIterator for Challenges<'_> {}
