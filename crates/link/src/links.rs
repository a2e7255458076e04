//! [`Links`], the iterator over the `link-value`s of a `Link` field.

use core::fmt;

use signpost_syntax::{skip_list_separators, Error};

#[cfg(feature = "perf")]
use crate::fast::fast_link_value;
use crate::leniency::Leniency;
use crate::link::Link;
use crate::value::{link_value, next_top_level_comma};

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
/// [`Leniency`] for the lenient mode.
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
    options: Leniency,
    pending: Leniency,
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
            options: Leniency::NONE,
            pending: Leniency::NONE,
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

    /// The same iterator, forgiving the deviations in `leniency` (each link reports those it
    /// needed in [`Link::forgiven`]).
    #[must_use]
    pub const fn with_leniency(mut self, leniency: Leniency) -> Links<'a> {
        self.options = leniency;
        self
    }

    /// How many malformed `link-value`s were skipped so far (only with
    /// [`Leniency::SKIP_MALFORMED`]).
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
            .field("leniency", &self.options)
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
                        self.pending = self.pending.difference(Leniency::MISSING_COMMA);
                        continue;
                    }
                    None => {
                        self.done = true;
                        return None;
                    }
                }
            }
            #[cfg(feature = "perf")]
            if self.options == Leniency::NONE {
                // Its own return, so that the remembered spans go from registers straight
                // into the returned link.
                if let Some(parsed) = fast_link_value(line, start) {
                    self.pos = parsed.end;
                    self.pending = Leniency::NONE;
                    return Some(Ok(Link::new(
                        line,
                        &parsed,
                        self.base,
                        start,
                        self.options,
                        Leniency::NONE,
                    )));
                }
            }
            match link_value(line, start, self.options) {
                Ok(parsed) => {
                    self.pos = parsed.end;
                    let forgiven =
                        parsed.forgiven.difference(Leniency::MISSING_COMMA).union(self.pending);
                    self.pending =
                        if parsed.no_comma { Leniency::MISSING_COMMA } else { Leniency::NONE };
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
                    if self.options.any(Leniency::SKIP_MALFORMED) {
                        self.skipped += 1;
                        if self.first_skipped.is_none() {
                            self.first_skipped = Some(e);
                        }
                        self.pending = Leniency::SKIP_MALFORMED;
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
