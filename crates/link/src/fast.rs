//! The strict `link-value` fast path of the `perf` build.

use signpost_syntax::Value;

use crate::ext::ExtValue;
use crate::leniency::Leniency;
use crate::param::{Kinds, Span, NO_VALUE, QUOTED, TOKEN};
use crate::scan::{long_run_end, skip_ows, token_end};
use crate::table::{class, is_hex};
use crate::value::Parsed;

/// A span from offsets relative to `base` (see [`Span`]).
#[cfg(feature = "perf")]
#[inline(always)]
pub(crate) fn span(base: usize, name: (usize, usize), value: (usize, usize)) -> Span {
    let rel = |x: usize| (x.wrapping_sub(base) as u64) & 0xFFFF;
    Span(rel(name.0) | rel(name.1) << 16 | rel(value.0) << 32 | rel(value.1) << 48)
}

/// The strict `link-value` rule of [`link_value`](crate::value::link_value) for the common case, with no option
/// checks and no record of what was forgiven: `None` for anything it does not handle
/// (quoted-pairs, obs-text, more than [`CACHED`](crate::param::CACHED) parameters, any error), which
/// [`link_value`](crate::value::link_value) then reads again to give the value or the error. The property tests and
/// the `link_diff` fuzz target hold both to the same naive reference. Only with the `perf`
/// feature: without it, every `link-value` goes through [`link_value`](crate::value::link_value).
#[cfg(feature = "perf")]
#[inline(always)]
pub(crate) fn fast_link_value(line: &[u8], start: usize) -> Option<Parsed> {
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
        forgiven: Leniency::NONE,
        cache: [c0, c1, c2, c3],
        kinds,
        cached: count as u8,
        complete: true,
    })
}

#[cfg(test)]
mod tests {
    /// The `perf` build's strict fast path reads every `link-value` it accepts exactly as
    /// the general scanner (the only path of the size-first build) does.
    #[cfg(feature = "perf")]
    mod fast_path {
        use proptest::prelude::*;

        use super::super::{fast_link_value, Leniency, Parsed};
        use crate::value::link_value;

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
                    let general = link_value(line, start, Leniency::NONE);
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
                ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
            } else {
                ProptestConfig::with_cases(4000)
            })]

            #[test]
            #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
            fn on_generated_fields(line in prop::collection::vec(prop::sample::select(
                b"<>;,=\"\\ \t/%'*aAtile0-UTF8e2\xc3".to_vec()), 0..40)) {
                check(&line);
            }

            #[test]
            #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
            fn on_link_shaped_fields(line in "(<[a-z/%0-9]{0,6}>( ?; ?(rel|title\\*|a|title)( ?= ?([a-z0-9%']{1,8}|\"[a-z \\\\\"']{0,6}\"))?){0,6},? ?){1,3}") {
                check(line.as_bytes());
            }
        }
    }
}
