//! The input of the parser: one field line or several ([`Src`]), a position in it
//! ([`Cursor`]), and ASCII text cut from it ([`Text`]).

#[cfg(feature = "perf")]
use signpost_syntax::skip_list_separators;
use signpost_syntax::skip_ows;

/// Whether an obs-fold's line break starts at `pos`: CR LF and SP or HTAB (`obs-fold = OWS
/// CRLF RWS`, RFC 9112 §5.2); it then ends 3 bytes further. A CR or LF that does not start
/// one is no whitespace, and stays an error wherever it stands.
#[inline(always)]
pub(crate) fn is_fold(line: &[u8], pos: usize) -> bool {
    matches!(line.get(pos..), Some([b'\r', b'\n', b' ' | b'\t', ..]))
}

/// `OWS` (and `BWS`) that goes on over obs-folds (RFC 9112 §5.2: a user agent replaces each
/// obs-fold with SP before it reads the value): the offset of the first byte at or after
/// `pos` that is neither SP, HTAB nor the start of an obs-fold.
pub(crate) fn ows(line: &[u8], mut pos: usize) -> usize {
    loop {
        pos = skip_ows(line, pos);
        if !is_fold(line, pos) {
            return pos;
        }
        pos += 3;
    }
}

/// [`ows`] on a hot path: with `perf`, the plain OWS scan, and the obs-folds only where it
/// stops on a CR (a value without folds never pays for them); without `perf`, [`ows`].
#[inline(always)]
pub(crate) fn ows_then_folds(line: &[u8], pos: usize) -> usize {
    #[cfg(feature = "perf")]
    {
        let end = skip_ows(line, pos);
        if line.get(end) == Some(&b'\r') {
            return ows(line, end);
        }
        end
    }
    #[cfg(not(feature = "perf"))]
    ows(line, pos)
}

/// ASCII text of the input (a scheme, a param name, a token68). With `perf` it is a `&str`
/// cut from the line, which was checked as UTF-8 once; without it, the bytes, checked when
/// a caller asks for text (so that a caller that only compares names never links the UTF-8
/// validator).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text<'a> {
    #[cfg(feature = "perf")]
    pub(crate) text: &'a str,
    #[cfg(not(feature = "perf"))]
    pub(crate) text: &'a [u8],
}

impl<'a> Text<'a> {
    #[inline]
    pub(crate) fn as_str(self) -> &'a str {
        #[cfg(feature = "perf")]
        return self.text;
        #[cfg(not(feature = "perf"))]
        return ascii(self.text);
    }

    #[inline]
    pub(crate) fn as_bytes(self) -> &'a [u8] {
        #[cfg(feature = "perf")]
        return self.text.as_bytes();
        #[cfg(not(feature = "perf"))]
        return self.text;
    }

    #[inline]
    pub(crate) fn eq_ignore_ascii_case(self, other: &str) -> bool {
        self.as_bytes().eq_ignore_ascii_case(other.as_bytes())
    }
}

/// Where the input comes from: one field line, or several field lines of the same name.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Src<'a> {
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
    pub(crate) fn line(&self, i: usize) -> &'a [u8] {
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
    pub(crate) fn ascii(&self, i: usize, a: usize, b: usize) -> Text<'a> {
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

    /// The line that holds `at`, an offset in the lines joined by `", "`, and the offset of
    /// its start there (the last line if `at` is past them all).
    pub(crate) fn locate(&self, at: usize) -> (usize, usize) {
        let (mut i, mut base) = (0, 0);
        while self.has_line_after(i) && at >= base + self.line(i).len() + 2 {
            base += self.line(i).len() + 2;
            i += 1;
        }
        (i, base)
    }

    #[inline]
    pub(crate) fn has_line_after(&self, i: usize) -> bool {
        match *self {
            Src::One { .. } => false,
            Src::Many(ls) => i + 1 < ls.len(),
        }
    }
}

/// A position: a line, an offset in it, and the offset of the line's start in the lines
/// joined by `", "` (RFC 9110 §5.3), which is what errors report.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor {
    pub(crate) line: usize,
    pub(crate) pos: usize,
    pub(crate) base: usize,
}

impl Cursor {
    pub(crate) const START: Cursor = Cursor { line: 0, pos: 0, base: 0 };

    /// Skips list separators (OWS and commas), treating the end of a line that has a next
    /// line as a comma. Returns whether the input is exhausted.
    #[inline]
    pub(crate) fn skip_separators(&mut self, src: Src<'_>) -> bool {
        loop {
            let line = src.line(self.line);
            #[cfg(feature = "perf")]
            {
                self.pos = skip_list_separators(line, self.pos).0;
            }
            // Without `perf`, one scanner: OWS with obs-folds (see `skip_separators_folding`)
            // and commas.
            #[cfg(not(feature = "perf"))]
            {
                self.pos = ows(line, self.pos);
                if line.get(self.pos) == Some(&b',') {
                    self.pos += 1;
                    continue;
                }
            }
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

impl Cursor {
    /// [`Cursor::skip_separators_folding`] on a hot path: with `perf`, the plain scan, and
    /// the obs-folds only where it stops on a CR (a value without folds never pays for
    /// them); without `perf`, the one scanner, which takes them.
    #[inline(always)]
    pub(crate) fn skip_separators_then_folds(&mut self, src: Src<'_>) -> bool {
        let end = self.skip_separators(src);
        #[cfg(feature = "perf")]
        if !end && src.line(self.line).get(self.pos) == Some(&b'\r') {
            return self.skip_separators_folding(src);
        }
        end
    }

    /// [`Cursor::skip_separators`] that also skips obs-folds (RFC 9112 §5.2) between
    /// elements. The hot loop between the params of a challenge uses the plain one and
    /// comes here only when an element does not start where it stopped.
    pub(crate) fn skip_separators_folding(&mut self, src: Src<'_>) -> bool {
        #[cfg(not(feature = "perf"))]
        return self.skip_separators(src);
        #[cfg(feature = "perf")]
        loop {
            if self.skip_separators(src) {
                return true;
            }
            if !is_fold(src.line(self.line), self.pos) {
                return false;
            }
            self.pos += 3;
        }
    }
}

/// ASCII bytes as text. Only called on bytes that matched `tchar` or `token68`, which are
/// ASCII, so the fallback is never taken.
#[inline]
pub(crate) fn ascii(b: &[u8]) -> &str {
    core::str::from_utf8(b).unwrap_or_default()
}
