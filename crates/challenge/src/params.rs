//! The auth-params of a challenge: [`AuthParam`], and [`Params`], which hands out the
//! positions the first pass packed or walks the params again.

use core::fmt;
use core::iter::FusedIterator;

use signpost_syntax::Value;

use crate::auth_param::auth_param;
#[cfg(feature = "perf")]
use crate::auth_param::RawParam;
use crate::source::{Cursor, Src, Text};
use crate::Leniency;

/// The most auth-params one challenge may carry. The parser keeps the names seen so far in a
/// fixed table to find duplicates (RFC 9110 §11.2) in linear time and bounded stack; a
/// challenge with more params is an error. Real challenges carry fewer than ten (Digest,
/// the largest in use, defines nine).
pub const MAX_PARAMS: usize = 32;

/// How many param names a challenge keeps at hand for duplicate checks.
pub(crate) const KEPT_NAMES: usize = 8;

/// How many params a challenge carries packed spans for (see [`Packed`]); one with more is
/// parsed again when walked. Seven, not eight: a [`Params`] of 128 bytes is copied by eight
/// moves, where 136 bytes take a call to `memcpy` (and `params()` returns one by value).
#[cfg(feature = "perf")]
pub(crate) const PACKED: usize = 7;

/// One auth-param of a challenge: a name and a [`Value`].
#[derive(Clone, Copy)]
pub struct AuthParam<'a> {
    pub(crate) name: Text<'a>,
    pub(crate) value: Value<'a>,
    pub(crate) offset: usize,
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

/// The auth-params of one [`Challenge`](crate::Challenge), from
/// [`Challenge::params`](crate::Challenge::params).
#[derive(Clone, Copy, Debug)]
pub struct Params<'a> {
    pub(crate) walk: Walk,
    pub(crate) found: Found<'a>,
}

/// What the first pass found out about the params of a challenge: the part of [`Params`]
/// that never moves.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'a> {
    pub(crate) src: Src<'a>,
    /// The params to skip (duplicates forgiven by [`Leniency::DUPLICATE_PARAM`]), by index.
    pub(crate) skip: u32,
    /// The spans of the params found by the first pass, when they all fit (see [`Packed`]);
    /// `packed_len == 0` means the params are parsed again from `walk.cur`.
    #[cfg(feature = "perf")]
    pub(crate) packed: [u64; PACKED],
    #[cfg(feature = "perf")]
    pub(crate) packed_len: u8,
}

/// Where a walk over the params stands: the only part of [`Params`] that moves (and the
/// leniency to parse them with, which fits in what would be padding: a `Params` stays at
/// 32 bytes without `perf`, which a 32-bit target copies without a call to `memcpy`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Walk {
    pub(crate) cur: Cursor,
    pub(crate) remaining: u8,
    pub(crate) index: u8,
    pub(crate) allow: Leniency,
}

/// One auth-param's position in its line, packed into 64 bits so that a challenge can carry
/// what the first pass found and [`Params`] need not parse again: name start (16 bits),
/// name length (8), value start (16), value length (16), quoted (1), quoted-pairs (7). A
/// value with an obs-fold is not packed (its challenge's params are parsed again).
#[cfg(feature = "perf")]
pub(crate) struct Packed;

#[cfg(feature = "perf")]
impl Packed {
    pub(crate) fn pack(p: &RawParam<'_>, name_at: usize) -> Option<u64> {
        let fits = name_at <= 0xFFFF
            && p.name.len() <= 0xFF
            && p.value_at <= 0xFFFF
            && p.value.as_raw().len() <= 0xFFFF
            && p.value.escapes() <= 0x7F
            && !p.value.has_folds();
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
    pub(crate) fn unpack(line: &[u8], w: u64) -> Option<(&[u8], Value<'_>, usize)> {
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
    pub(crate) fn reparse(src: Src<'a>, cur: Cursor, allow: Leniency) -> Params<'a> {
        Params {
            walk: Walk { cur, allow, ..Params::EMPTY.walk },
            found: Found { src, ..Params::EMPTY.found },
        }
    }
}

/// What a walk makes of each param it finds, from the line it is on, the position of its
/// name there, the name's bytes (`tchar`s) and the value: an [`AuthParam`], or (for a
/// lookup by name) the name's bytes and the value alone.
pub(crate) trait Make<'a>: Sized {
    fn make(found: &Found<'a>, walk: &Walk, at: usize, name: &'a [u8], value: Value<'a>) -> Self;
}

impl<'a> Make<'a> for AuthParam<'a> {
    #[inline(always)]
    fn make(found: &Found<'a>, walk: &Walk, at: usize, name: &'a [u8], value: Value<'a>) -> Self {
        let name = found.src.ascii(walk.cur.line, at, at + name.len());
        AuthParam { name, value, offset: walk.cur.base + at }
    }
}

/// A param's name as bytes and its value: what a lookup by name needs. With several field
/// lines, making a name text is a UTF-8 check of its own, which a lookup skips.
#[cfg(feature = "perf")]
impl<'a> Make<'a> for (&'a [u8], Value<'a>) {
    #[inline(always)]
    fn make(_: &Found<'a>, _: &Walk, _: usize, name: &'a [u8], value: Value<'a>) -> Self {
        (name, value)
    }
}

impl<'a> Found<'a> {
    /// The next param after `walk`, which it moves on.
    #[inline]
    pub(crate) fn step<T: Make<'a>>(&self, walk: &mut Walk) -> Option<T> {
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

    /// The next param's name, as bytes, and value: what a lookup by name needs.
    #[inline]
    pub(crate) fn step_named(&self, walk: &mut Walk) -> Option<(&'a [u8], Value<'a>)> {
        #[cfg(feature = "perf")]
        return self.step::<(&'a [u8], Value<'a>)>(walk);
        // Without `perf` a name is bytes already: one kind of step keeps the code small.
        #[cfg(not(feature = "perf"))]
        return self.step::<AuthParam<'a>>(walk).map(|p| (p.name.as_bytes(), p.value));
    }

    /// [`Found::step`] over the spans packed by the first pass: small enough to inline into
    /// the caller's loop.
    #[cfg(feature = "perf")]
    #[inline]
    pub(crate) fn step_packed<T: Make<'a>>(&self, walk: &mut Walk) -> Option<T> {
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
            return Some(T::make(self, walk, at, name, value));
        }
        None
    }

    /// [`Found::step`] parsing the next param again (spans not packed, or no `perf`).
    #[cfg_attr(feature = "perf", inline(never))]
    pub(crate) fn step_parsing<T: Make<'a>>(&self, walk: &mut Walk) -> Option<T> {
        while walk.remaining > 0 {
            walk.cur.skip_separators_folding(self.src);
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
            return Some(T::make(self, walk, start, p.name, p.value));
        }
        None
    }
}

impl Params<'_> {
    pub(crate) const EMPTY: Params<'static> = Params {
        walk: Walk { cur: Cursor::START, remaining: 0, index: 0, allow: Leniency::NONE },
        found: Found {
            src: Src::One {
                line: &[],
                #[cfg(feature = "perf")]
                text: None,
            },
            skip: 0,
            #[cfg(feature = "perf")]
            packed: [0; PACKED],
            #[cfg(feature = "perf")]
            packed_len: 0,
        },
    };
}

impl<'a> Iterator for Params<'a> {
    type Item = AuthParam<'a>;

    // Into the caller's loop with `perf`: the packed step is a few instructions.
    #[cfg_attr(feature = "perf", inline(always))]
    fn next(&mut self) -> Option<AuthParam<'a>> {
        self.found.step::<AuthParam<'a>>(&mut self.walk)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.walk.remaining as usize))
    }
}

impl FusedIterator for Params<'_> {}
