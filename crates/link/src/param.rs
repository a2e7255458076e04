//! One `link-param`: the public [`Param`], where a parameter lies in its line
//! ([`RawParam`]), and the packed spans a [`Link`](crate::Link) remembers of the first scan.

#[cfg(feature = "perf")]
use core::fmt;

use signpost_syntax::{Error, Value};

use crate::ext::ExtValue;

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
pub(crate) struct RawParam {
    pub(crate) name: (usize, usize),
    pub(crate) value: (usize, usize),
    pub(crate) escapes: usize,
    pub(crate) kind: u8,
}

pub(crate) const NO_VALUE: u8 = 0;
pub(crate) const TOKEN: u8 = 1;
pub(crate) const QUOTED: u8 = 2;

impl RawParam {
    #[inline(always)]
    pub(crate) fn param<'a>(&self, input: &'a [u8]) -> Param<'a> {
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
pub(crate) const CACHED: usize = 4;

/// A [`RawParam`] without quoted-pairs, relative to the start of a link's parameters, as
/// four 16-bit offsets in one `u64` (name start and end, value start and end), written with
/// one store and read with one load. Its kind is kept beside it (see [`Kinds`]).
#[cfg(feature = "perf")]
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span(pub(crate) u64);

#[cfg(feature = "perf")]
impl Span {
    /// `raw` relative to `base`, truncated: only kept when the whole parameter slice fits
    /// in 16 bits.
    #[inline(always)]
    pub(crate) fn new(raw: &RawParam, base: usize) -> Span {
        let rel = |x: usize| (x.wrapping_sub(base) as u64) & 0xFFFF;
        Span(
            rel(raw.name.0)
                | rel(raw.name.1) << 16
                | rel(raw.value.0) << 32
                | rel(raw.value.1) << 48,
        )
    }

    #[inline(always)]
    pub(crate) fn field(self, k: u32) -> usize {
        ((self.0 >> (16 * k)) & 0xFFFF) as usize
    }

    #[inline(always)]
    pub(crate) fn raw(self, kind: u8) -> RawParam {
        RawParam {
            name: (self.field(0), self.field(1)),
            value: (self.field(2), self.field(3)),
            escapes: 0,
            kind,
        }
    }

    /// The offset just past the parameter.
    #[inline(always)]
    pub(crate) fn after(self, kind: u8) -> usize {
        match kind {
            QUOTED => self.field(3) + 1,
            TOKEN => self.field(3),
            _ => self.field(1),
        }
    }
}

/// The kinds of the cached spans, two bits each.
#[cfg(feature = "perf")]
pub(crate) type Kinds = u8;

#[cfg(feature = "perf")]
impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Span").field(&self.0).finish()
    }
}
