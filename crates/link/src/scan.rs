//! Scanners: runs of one byte class, `OWS`, `token` and `quoted-string`, and the cold
//! error constructor they share.

use signpost_syntax::{quoted_string, Error, Value};

use crate::table::class;

/// An error at `at` in `line`, off the hot path.
#[cold]
#[inline(never)]
pub(crate) fn err(line: &[u8], at: usize, message: &'static str) -> Error {
    Error::at(line, at, message)
}

/// The offset of the first byte at or after `i` that is not in class `flag`, for runs that
/// may be long (targets, quoted text): the first eight bytes four at a time, as for short
/// runs, then eight bytes per step while the run lasts.
#[cfg(feature = "perf")]
#[inline(always)]
pub(crate) fn long_run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
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
pub(crate) fn first_miss([a, b, c, d]: [u8; 4], flag: u8) -> Option<usize> {
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
pub(crate) fn short_run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
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
pub(crate) fn run_end(line: &[u8], mut i: usize, flag: u8) -> usize {
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
pub(crate) fn long_run_end(line: &[u8], i: usize, flag: u8) -> usize {
    run_end(line, i, flag)
}

#[cfg(not(feature = "perf"))]
#[inline(always)]
pub(crate) fn short_run_end(line: &[u8], i: usize, flag: u8) -> usize {
    run_end(line, i, flag)
}

/// `OWS = *( SP / HTAB )` (RFC 9110 §5.6.3; `BWS` is the same rule), as
/// [`signpost_syntax::skip_ows`] but without a table: in a `Link` field OWS is nearly always
/// empty or one SP.
#[inline(always)]
pub(crate) fn skip_ows(line: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t') = line.get(i) {
        i += 1;
    }
    i
}

/// [`signpost_syntax::token_end`], with this crate's table.
#[inline(always)]
pub(crate) fn token_end(line: &[u8], i: usize) -> usize {
    short_run_end(line, i, class::TCHAR)
}

/// `quoted-string` at `v` (RFC 9110 §5.6.4): a fast path for content of plain qdtext, and
/// [`signpost_syntax::quoted_string`] for everything else (quoted-pairs, obs-text, errors),
/// so that values and error messages are the shared ones.
#[inline(always)]
pub(crate) fn quoted(line: &[u8], v: usize) -> Result<(Value<'_>, usize), Error> {
    let end = long_run_end(line, v + 1, class::QDTEXT);
    if line.get(end) == Some(&b'"') {
        return Ok((Value::quoted(&line[v + 1..end], 0), end + 1));
    }
    quoted_string(line, v)
}
